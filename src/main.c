/* SPDX-License-Identifier: Apache-2.0 */
/* The igreport program: everything it does is the command-line driver's (cli.h). */
#include "cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
