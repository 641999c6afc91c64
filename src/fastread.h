/* SPDX-License-Identifier: Apache-2.0 */
/* Reading simple rows of a result file fast: a tokeniser that parses in place, and a two-thread reader built on it. */
#ifndef IGREPORT_FASTREAD_H
#define IGREPORT_FASTREAD_H

#include <stddef.h>

#include "aggregate.h"
#include "csv.h"
#include "diag.h"
#include "model.h"

/* Most columns a header may have for rows to take the fast path. */
#define FASTREAD_MAX_COLS 64
/*
 * Longest line taken by the fast path, far below CSV_MAX_RECORD, so that
 * the strict reader alone decides about long lines.
 */
#define FASTREAD_MAX_LINE (64 * 1024)
/* Bytes of rows from which fastread_parallel() uses two threads. */
#define FASTREAD_PARALLEL_MIN (8 * 1024 * 1024)

/* What a column holds, as far as the fast path cares. */
enum fastread_kind {
	FASTREAD_TEXT,   /* a name, or a column that is not read: any bytes */
	FASTREAD_NUMBER, /* a number (see parse_number) within max_magnitude */
	FASTREAD_NOT_NEGATIVE /* the same, and not negative: a rate or a metric */
};

/*
 * A validated header, and the strict reader's rules for numbers, as the
 * fast path needs them (results.c fills it in): a cell the rules refuse
 * is left to the strict reader, for its message.
 */
struct fastread_layout {
	size_t ncols;             /* more than FASTREAD_MAX_COLS: no row is fast */
	enum fastread_kind kind[FASTREAD_MAX_COLS];
	size_t gadget, tcase;     /* the columns of the names */
	size_t rate;              /* the column of the rate */
	long metric[METRIC__MAX]; /* the column of each metric, -1 if absent */
	long raw[RAW__MAX];       /* the column of each raw cell, -1 if absent */
	double max_magnitude;     /* the largest number accepted */
	size_t max_name;          /* the longest gadget or case name, in bytes */
	/*
	 * The grammar of numbers, for cells that fastread_number() does not
	 * take whole: returns 0 and sets *out when s[0..len), trimmed, is one.
	 */
	int (*parse_number)(const char *s, size_t len, double *out);
};

struct fastread;

/*
 * A reader of rows into a, for the file that a knows as input (from
 * aggregate_add_input()), whose header lay describes (copied). a must
 * outlive the reader. Free with fastread_free().
 */
struct fastread *fastread_new(struct aggregate *a, size_t input,
    const struct fastread_layout *lay);

/* Frees the reader (not the aggregate). NULL is allowed. */
void fastread_free(struct fastread *f);

/* The rows the reader has added so far. */
unsigned long fastread_rows(const struct fastread *f);

/*
 * Reads rows from r's position (between records) while lines are simple:
 * no quote, NUL or lone CR, at most FASTREAD_MAX_LINE bytes, the header's
 * number of cells, and every cell one that the strict reader accepts, so
 * that the rows and diagnostics do not depend on the path taken. Blank
 * lines are skipped. Stops before any other line, a comment, or when d
 * holds DIAGS_MAX errors, leaving that line to csv_reader_next(). Rows go
 * to the aggregate, which may add D_TOO_MANY_GROUPS to d. Returns 0 when
 * it stopped at a line for the strict reader, 1 when the reader had no
 * window to give (the end of input, a read error or a line longer than
 * its buffer: csv_reader_next() tells which).
 */
int fastread_lines(struct fastread *f, struct csv_reader *r, struct diags *d);

/* A whole file, as fastread_parallel() reads it again. */
struct fastread_source {
	int fd;                  /* a regular file, read with pread; or -1 */
	const char *data;        /* when fd is -1: the file's bytes, with
	                          * data[size] == '\0' (the tokeniser's sentinel) */
	unsigned long long size; /* bytes in the file */
	const char *name;        /* the file, for diagnostics */
};

/*
 * Reads the rows from offset start (a line start numbered line) to the end
 * of src in two halves split at a line end, each on its own thread (task.h),
 * and merges them into the aggregate in order, line numbers included, as if
 * read in one go (except that means and deviations may differ in their last
 * bits: see aggregate_merge()). Only when at least FASTREAD_PARALLEL_MIN
 * bytes are left and two processors are online, and only when every line
 * left is simple (see fastread_lines()) and the merged groups fit the
 * aggregate's limits: otherwise nothing is added and it returns 0, for the
 * caller to read the rows itself and say what is wrong. Returns 1 when all
 * the rows were read: nothing is left to diagnose then. src is read only;
 * other threads may read it meanwhile.
 */
int fastread_parallel(struct fastread *f, const struct fastread_source *src,
    unsigned long long start, unsigned long line);

/*
 * Parses the number at s, stopping at end or at the first byte that cannot
 * continue it, when Clinger's fast path gives strtod's correctly rounded
 * value: an integer mantissa of at most 2^53 times or divided by an exact
 * power of ten. Returns the end of the number, or NULL when strtod must
 * decide (or it is no number). What may follow the number is the caller's
 * business.
 */
const char *fastread_number(const char *s, const char *end, double *out);

/*
 * Parses the plain form of a number at s: digits, maybe a '.' and
 * digits, no sign, blank or exponent, at most 15 digits in all. Returns
 * the end of the number (what follows is the caller's business) with
 * *out exactly what fastread_number() and strtod give, or NULL for any
 * other form. Reads only bytes in [s, end).
 */
const char *fastread_plain_number(const char *s, const char *end, double *out);

/*
 * The cell s[0..len) without blanks (spaces, tabs) on either side and a
 * CR at its end, as every cell and "# Key: value" part is read: returns
 * its start and sets *out_len.
 */
const char *fastread_trim(const char *s, size_t len, size_t *out_len);

#endif
