/* SPDX-License-Identifier: Apache-2.0 */
/* The driver's options: one table for every command, getopt and --help from it. */
#ifndef IGREPORT_CLI_ARGS_H
#define IGREPORT_CLI_ARGS_H

#include "cli_request.h"

/* Each -f value by format. */
extern const struct cli_format_desc cli_formats[CLI_FORMAT__MAX];

/*
 * Reads the options and operands of rq->cmd from argv (argv[0] is
 * "igreport" or the command's name) into rq, printing --help, --version
 * and usage errors. Returns -1 to go on, or the exit status to stop with.
 */
int cli_parse(int argc, char **argv, struct cli_request *rq);

/* Where format f goes without -o (NULL: standard output); caller frees. */
char *cli_default_path(const struct cli_command *cmd, enum cli_format f);

#endif
