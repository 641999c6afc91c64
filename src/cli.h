/* SPDX-License-Identifier: Apache-2.0 */
/* The one command-line driver of every igreport command: options, inputs, outputs, messages, exit status. */
#ifndef IGREPORT_CLI_H
#define IGREPORT_CLI_H

/* How igreport exits, whatever the command. */
enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_USAGE = 1,        /* a bad option or operand, or SOURCE_DATE_EPOCH */
	CLI_EXIT_BAD_INPUT = 2,    /* bad data or template */
	CLI_EXIT_CANNOT_WRITE = 3, /* an output, standard output included */
	CLI_EXIT_REGRESSION = 4    /* --fail-on-regression, and a regression was found */
};

/*
 * Runs igreport with main's arguments: "igreport [OPTIONS] RESULTS.csv..."
 * (the report) or "igreport COMMAND [OPTIONS] OPERANDS..." (compare).
 * Takes the options the command has, reads the inputs, writes the outputs
 * all or nothing (temporary files renamed into place only when every one
 * succeeded), then prints every message to standard error: usage errors
 * at once, diagnostics through diags_print (notes with -v, warnings
 * unless -q). The only place that prints. Returns an enum cli_exit.
 */
int cli_main(int argc, char **argv);

#endif
