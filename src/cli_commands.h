/* SPDX-License-Identifier: Apache-2.0 */
/* The driver's commands: the report and compare, one row each. */
#ifndef IGREPORT_CLI_COMMANDS_H
#define IGREPORT_CLI_COMMANDS_H

#include "cli_request.h"

/* The commands, by id. */
extern const struct cli_command cli_commands[CLI_COMMAND__MAX];

#endif
