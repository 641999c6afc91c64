/* SPDX-License-Identifier: Apache-2.0 */
/* Streaming aggregation: Welford accumulators per (gadget, case, rate), then the report model. */
#ifndef IGREPORT_AGGREGATE_H
#define IGREPORT_AGGREGATE_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/* Limits far above real data (6 gadgets, 2 cases, 27 rates). */
#define AGGREGATE_MAX_GADGETS 10000
#define AGGREGATE_MAX_CASES 100     /* per gadget */
#define AGGREGATE_MAX_GROUPS 200000 /* (gadget, case, rate) triples */

struct aggregate;

/* A new, empty aggregation at confidence level (0 < level < 1). */
struct aggregate *aggregate_new(double level);

/* Registers an input file; returns its index for raw rows. path is copied. */
size_t aggregate_add_input(struct aggregate *a, const char *path);

/* Records a "# Key: value" line; duplicates of an identical pair are kept once. */
void aggregate_add_meta(struct aggregate *a, const char *key, const char *value);

/* Marks metrics (bit 1u << metric) and the Run column as present in some input. */
void aggregate_note_columns(struct aggregate *a, unsigned metrics, int has_run);

/* Where a row came from, for diagnostics about its group. */
struct aggregate_origin {
	size_t input;
	unsigned long line;
};

/*
 * Adds one row. gadget and tcase are not NUL-terminated (lengths given)
 * and are copied on first sight; a case spelt baseline or ig in any
 * letter case is that case. value[m] counts only when bit m of
 * present is set. Returns 0, or -1 after adding D_TOO_MANY_GROUPS (once)
 * when a new gadget, case or group would exceed the limits.
 */
int aggregate_add(struct aggregate *a, const char *gadget, size_t glen,
    const char *tcase, size_t clen, double rate,
    const double value[METRIC__MAX], unsigned present,
    const struct aggregate_origin *origin, struct diags *d);

/*
 * Adds one row to the group of the row last added with success, as
 * aggregate_add() would for the same gadget, case and rate (a reader
 * that sees them unchanged skips the lookup). Only right after an
 * aggregate_add() or aggregate_add_again() that succeeded.
 */
void aggregate_add_again(struct aggregate *a, const double value[METRIC__MAX],
    unsigned present);

/* Non-zero while raw rows are still being kept (fewer than MODEL_RAW_MAX so far). */
int aggregate_wants_raw(const struct aggregate *a);

/* Keeps a copy of one raw row for the appendix (the first MODEL_RAW_MAX only). */
void aggregate_add_raw(struct aggregate *a, const char *const cell[RAW__MAX],
    size_t input);

/*
 * Names the run a's inputs make ("OLD", "NEW": not copied, must outlive
 * a) in D_NO_DATA, so that a message about one of two runs says which.
 */
void aggregate_label(struct aggregate *a, const char *label);

/*
 * Builds the model and frees a. When nonly > 0, only the gadgets named in
 * only are kept (D_GADGET_NOT_FOUND for names never seen). Warns about
 * rates measured on one side only and gadgets without baseline or ig.
 * Returns NULL when no gadget is left, after D_NO_GADGET_MATCHED (with
 * the gadgets there are) when there were rows but none matched only,
 * else D_NO_DATA.
 */
struct model *aggregate_finish(struct aggregate *a, const char *const *only,
    size_t nonly, struct diags *d);

/*
 * A new, empty aggregation for rows of a that are read elsewhere (another
 * thread), to be merged back with aggregate_merge(). It knows a's inputs
 * (for diagnostics) and nothing else; a must not change until then.
 */
struct aggregate *aggregate_new_part(const struct aggregate *a);

/*
 * Non-zero when merging the parts into a cannot exceed the limits of
 * gadgets, cases or groups (a cautious count), so that merging needs no
 * diagnostic.
 */
int aggregate_merge_fits(const struct aggregate *a,
    const struct aggregate *const *parts, size_t nparts);

/*
 * Merges part, whose rows followed all of a's, into a and frees it: first
 * appearances keep their order, the raw rows are the first MODEL_RAW_MAX
 * of both, and part's line numbers are shifted by line_offset. Counts,
 * means and deviations merge exactly in real arithmetic (Chan et al.),
 * so in floating point they may differ from adding the rows one by one
 * in their last bits. Call only when aggregate_merge_fits() said so.
 */
void aggregate_merge(struct aggregate *a, struct aggregate *part,
    unsigned long line_offset);

/* Frees an aggregation that will not be finished. NULL is allowed. */
void aggregate_free(struct aggregate *a);

#endif
