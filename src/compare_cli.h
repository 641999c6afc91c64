/* The "igreport compare" subcommand: options, loading both runs, writing the comparison. */
#ifndef IGREPORT_COMPARE_CLI_H
#define IGREPORT_COMPARE_CLI_H

/* Exit status of "compare --fail-on-regression" when a regression is found. */
#define COMPARE_EXIT_REGRESSION 4

/*
 * Runs "igreport compare" with argv[0] = "compare" and the subcommand's
 * arguments after it. Prints messages to stderr, output to stdout or -o.
 * Returns the exit status: 0, 1 usage error, 2 bad input, 3 cannot write,
 * COMPARE_EXIT_REGRESSION with --fail-on-regression and a regression.
 */
int compare_main(int argc, char **argv);

#endif
