/* SPDX-License-Identifier: Apache-2.0 */
/* A strict, streaming RFC 4180 reader that knows the line and column of every field. */
#ifndef IGREPORT_CSV_H
#define IGREPORT_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* Longest physical record accepted, in bytes; longer ones are D_LINE_TOO_LONG. */
#define CSV_MAX_RECORD (1024 * 1024)
/* Most fields in one record; more is D_TOO_MANY_COLUMNS. */
#define CSV_MAX_FIELDS 1024

/* One field of the current record. */
struct csv_field {
	const char *text;     /* unquoted content, NUL-terminated; valid until the next call */
	size_t len;           /* bytes in text, not counting the NUL */
	unsigned long line;   /* 1-based line where the field starts */
	unsigned long column; /* 1-based byte column where the field starts */
	int quoted;           /* the field was written in double quotes */
};

/* The record returned by csv_reader_next(). */
struct csv_record {
	const struct csv_field *fields;
	size_t nfields;
	unsigned long line;   /* 1-based line where the record starts */
	/*
	 * A comment line: the record starts with '#' outside quotes. It has
	 * exactly one field holding the text after the '#', untrimmed.
	 */
	int comment;
};

struct csv_reader;

/*
 * Starts reading fp (not closed by the reader). name is used in
 * diagnostics and copied. A UTF-8 byte order mark at the very start is
 * skipped. Blank lines (nothing or only CR before the newline) are skipped.
 */
struct csv_reader *csv_reader_new(FILE *fp, const char *name);

/*
 * Reads the next record into *rec. Returns 1 when a record was read,
 * 0 at end of input, -1 on a syntax or read error after appending a
 * diagnostic to d (D_UNTERMINATED_QUOTE, D_QUOTE_IN_FIELD,
 * D_TEXT_AFTER_QUOTE, D_LINE_TOO_LONG, D_TOO_MANY_COLUMNS, D_READ_FAILED).
 * After -1 the reader is positioned at the start of the next line, so
 * the caller may continue to collect more diagnostics, except after
 * D_READ_FAILED, D_UNTERMINATED_QUOTE, D_LINE_TOO_LONG and D_BAD_ENCODING
 * (a NUL byte), after which it reads nothing more and returns 0: an input
 * with a NUL or a record over CSV_MAX_RECORD is no text file and may be
 * endless (/dev/zero), so reading stops at once.
 * Line ends may be LF, CRLF or a lone CR; the last line may lack one.
 * Fields are not trimmed: that is the caller's choice.
 */
int csv_reader_next(struct csv_reader *r, struct csv_record *rec,
    struct diags *d);

/*
 * Starts reading bytes [start, stop) of the file fd (with pread, so the
 * file position is untouched and several readers may share fd), whose
 * first line is numbered line. start must be a line start; a BOM is
 * skipped only at offset 0. Diagnostics, columns and csv_reader_next()
 * behave as for csv_reader_new().
 */
struct csv_reader *csv_reader_new_range(int fd, unsigned long long start,
    unsigned long long stop, unsigned long line, const char *name);

/* Called with every run of bytes the reader reads, before it parses them. */
typedef void (*csv_tap_fn)(void *arg, const char *s, size_t n);

/*
 * Makes the reader pass every byte it reads from its input, in order and
 * once, to fn(arg, ...) (NULL stops it): a copy of a stream is kept so,
 * without reading it twice. Call before the first read.
 */
void csv_reader_tap(struct csv_reader *r, csv_tap_fn fn, void *arg);

/* The input offset and line number of the next unread byte. */
void csv_reader_tell(const struct csv_reader *r, unsigned long long *offset,
    unsigned long *line);

/*
 * A fast path for callers that split simple lines themselves. Between
 * records, the buffered bytes from the next unread one: p is a line
 * start numbered line; *end == '\0'. Unless last (end is the end of the
 * input), p..end holds at least one '\n', and the bytes after the last
 * '\n' are the start of a line that the next window completes.
 */
struct csv_window {
	const char *p;
	const char *end;
	unsigned long line;
	int last;
};

/*
 * Fills *w. Returns 1, or 0 at the end of input, after an error, or when
 * the next line is longer than the buffer: then csv_reader_next() must
 * read it. A window is valid until the next call on the reader.
 */
int csv_reader_window(struct csv_reader *r, struct csv_window *w);

/*
 * Marks the bytes up to to (a line start within the last window, or its
 * end when last), holding lines line ends, as read.
 */
void csv_reader_consume(struct csv_reader *r, const char *to,
    unsigned long lines);

/* Frees the reader (not the FILE). NULL is allowed. */
void csv_reader_free(struct csv_reader *r);

#endif
