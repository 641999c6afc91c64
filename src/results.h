/* SPDX-License-Identifier: Apache-2.0 */
/* Benchmark result files: header layouts, validation and strict numbers, fed to the aggregation. */
#ifndef IGREPORT_RESULTS_H
#define IGREPORT_RESULTS_H

#include <stddef.h>
#include <stdio.h>

#include "aggregate.h"
#include "csv.h"
#include "diag.h"

/*
 * Reads one result file from fp (path names it in diagnostics and in the
 * model; "-" is shown as <stdin>) into a. Accepts the current header
 * (TestName = gadget, TestCase = case) and the older one (GadgetName =
 * gadget, TestName = case), names trimmed and matched case-insensitively.
 * Leading "# Key: value" lines become machine description. Every malformed
 * cell or record is a diagnostic with line and column; rows with errors
 * are not aggregated. A header with GadgetName, TestName and TestCase is
 * D_AMBIGUOUS_HEADER. Names must be well-formed UTF-8 (D_BAD_ENCODING,
 * which ends the file's reading), without control or invisible characters
 * (D_INVISIBLE_CHARACTER), at most 256 bytes (D_NAME_TOO_LONG); metric
 * values must not be negative (D_NEGATIVE_VALUE); numbers must not round
 * to 0 from a non-zero literal (D_UNDERFLOW). Lines of blanks are blank
 * lines. Past DIAGS_MAX errors it stops and says so (D_TOO_MANY_DIAGS). When fp is a regular file, 8 MiB of rows or more may
 * be read by two threads (fastread_parallel()): the same model and
 * diagnostics, except that means and deviations may differ in their last
 * bits from one thread's. Returns 0, or -1 when the file had errors.
 */
int results_read(struct aggregate *a, const char *path, FILE *fp,
    struct diags *d);

/*
 * As results_read(), reading fp as a stream (one thread, whatever fp is)
 * and passing every byte read to tap(arg, ...) first (see
 * csv_reader_tap()): a stream's bytes are kept so while they are read,
 * and reading stops at its first fatal fault, however long the stream.
 */
int results_read_tapped(struct aggregate *a, const char *path, FILE *fp,
    csv_tap_fn tap, void *arg, struct diags *d);

/*
 * As results_read(), for a file's len bytes at data, already read (kept
 * for an attachment, say): the same model and diagnostics as from a
 * regular file of these bytes, two threads included. data[len] must be
 * '\0'; the bytes are only read, so other threads may read them meanwhile.
 * D_READ_FAILED when no stream can be made of them.
 */
int results_read_bytes(struct aggregate *a, const char *path,
    const char *data, size_t len, struct diags *d);

/*
 * Parses s[0..len) (already trimmed) as a finite decimal number in the C
 * locale: [+-]digits[.digits][(e|E)[+-]digits], at least one digit before
 * or after the point. Returns 0 and sets *out, or returns the diagnostic
 * code: D_EMPTY_CELL, D_NOT_A_NUMBER or D_NOT_FINITE (nan, inf, overflow).
 */
int results_parse_number(const char *s, size_t len, double *out);

#endif
