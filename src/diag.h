/* SPDX-License-Identifier: Apache-2.0 */
/* The diagnostics catalogue and the list that modules append to. */
#ifndef IGREPORT_DIAG_H
#define IGREPORT_DIAG_H

#include <stddef.h>
#include <stdio.h>

/*
 * Every message igreport can print. Codes are ordered by severity:
 * notes (shown with --verbose), warnings, errors (bad input: exit 2;
 * a bad environment: exit 1, as a usage error), system errors (cannot
 * read or write: exit 3). The text lives in
 * diag.c, indexed by code, so the two cannot drift apart.
 */
enum diag_code {
	/* notes */
	D_UNKNOWN_COLUMN,
	D_LEFTOVERS_REMOVED,
	/* warnings */
	D_RATE_ONE_SIDE,
	D_NO_BASELINE,
	D_NO_IG,
	D_NO_DATA_ROWS,
	D_GADGET_NOT_FOUND,
	D_TOO_MANY_DIAGS,
	D_NOT_ATTACHED,
	D_MACHINES_DIFFER,
	D_REGRESSIONS,
	D_INPUT_MACHINES_DIFFER,
	D_UNTESTED,
	D_CHART_NO_SERIES,
	D_RUNS_MACHINES,
	D_TREND_GAPS,
	D_NO_GATE,
	D_LATEST_WORSE,
	/* errors in data */
	D_EMPTY_INPUT,
	D_NO_HEADER,
	D_MISSING_COLUMN,
	D_DUPLICATE_COLUMN,
	D_FIELD_COUNT,
	D_UNTERMINATED_QUOTE,
	D_QUOTE_IN_FIELD,
	D_TEXT_AFTER_QUOTE,
	D_EMPTY_CELL,
	D_NOT_A_NUMBER,
	D_NOT_FINITE,
	D_OUT_OF_RANGE,
	D_NEGATIVE_RATE,
	D_EMPTY_NAME,
	D_BAD_ENCODING,
	D_LINE_TOO_LONG,
	D_TOO_MANY_COLUMNS,
	D_TOO_MANY_GROUPS,
	D_NO_DATA,
	D_NO_GADGET_MATCHED,
	D_AMBIGUOUS_HEADER,
	D_SAME_INPUT,
	D_NEGATIVE_VALUE,
	D_UNDERFLOW,
	D_INVISIBLE_CHARACTER,
	D_NAME_TOO_LONG,
	D_NOTHING_TESTED,
	/* errors in templates */
	D_TEMPLATE_XML,
	D_TEMPLATE_SCHEMA,
	D_TEMPLATE_DOCTYPE,
	D_TEMPLATE_METRIC,
	D_TEMPLATE_COLUMN,
	D_TEMPLATE_VALUE,
	D_TEMPLATE_PLACEHOLDER,
	D_NOTHING_TO_DRAW,
	/* errors in the environment */
	D_BAD_EPOCH,
	D_STDOUT_FORMAT,
	D_RUN_LABEL,
	D_DUPLICATE_LABEL,
	D_NO_DATE,
	/* system errors */
	D_OPEN_FAILED,
	D_READ_FAILED,
	D_INPUT_CHANGED,
	D_WRITE_FAILED,
	D_OUTPUT_IS_INPUT,
	D_OUTPUT_NOT_FILE,
	D_OUTPUT_LINK,
	D_MD_TOO_LONG,
	D_PDF_LIBRARY,
	D__MAX
};

enum diag_level {
	DIAG_NOTE,
	DIAG_WARNING,
	DIAG_ERROR,
	DIAG_SYSERR
};

/* One diagnostic. line and column are 1-based; 0 means "not applicable". */
struct diag {
	enum diag_code code;
	char *file;   /* owned; NULL when no file applies */
	unsigned long line;
	unsigned long column;
	char *detail; /* owned; NULL or extra text such as the offending cell */
};

/* A growing list of diagnostics; zero-initialise it ({0}) before use. */
struct diags {
	struct diag *v;
	size_t n, cap;
	size_t errors; /* number of entries at level DIAG_ERROR or worse */
};

/* Most diagnostics kept; after that only D_TOO_MANY_DIAGS is added, once. */
#define DIAGS_MAX 100

/* The fixed message text of a code, without detail. */
const char *diag_message(enum diag_code code);

/* The severity of a code. */
enum diag_level diag_level(enum diag_code code);

/*
 * Appends a diagnostic. file may be NULL; detail is printf-formatted
 * and may be NULL. Copies everything it is given.
 */
void diags_add(struct diags *d, enum diag_code code, const char *file,
    unsigned long line, unsigned long column, const char *detail_fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* The worst level present, or -1 when the list is empty. */
int diags_worst(const struct diags *d);

/* Non-zero when the list holds an error or a system error. */
int diags_failed(const struct diags *d);

/*
 * Writes one line per diagnostic to out:
 * "igreport: FILE:LINE:COL: LEVEL: message: detail".
 * Notes only when verbose; warnings unless quiet; errors always.
 */
void diags_print(const struct diags *d, FILE *out, int verbose, int quiet);

/* Formats one diagnostic as diags_print would (without newline); caller frees. */
char *diag_format(const struct diag *dg);

/*
 * Appends every entry of from to to, in order and under to's cap, as if
 * each had been added to to directly; then frees and empties from. Lets a
 * second thread collect its own diagnostics.
 */
void diags_move(struct diags *to, struct diags *from);

/* Frees every entry and empties the list. */
void diags_free(struct diags *d);

#endif
