/* SPDX-License-Identifier: Apache-2.0 */
/* Loading result files into a model: opening, optional keeping of the bytes, aggregation. */
#ifndef IGREPORT_INPUT_H
#define IGREPORT_INPUT_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/*
 * An input file's bytes when an output embeds them (the PDF's attachment,
 * the HTML page's download): deflated while they are read, by threads
 * that go on while the report is drawn, so that only their zlib stream is
 * held, never the bytes themselves.
 */
struct input_bytes {
	size_t len;           /* the input's bytes */
	struct zpack *packed; /* their stream, once input_bytes_finish said 0;
	                       * NULL when not kept */
	const char *shown;    /* the input as diagnostics name it */
};

/*
 * Largest regular file whose bytes are kept for the PDF's attachment; a
 * bigger one is read (in parallel, in bounded memory) but not attached,
 * with a D_NOT_ATTACHED warning: a report is no place for half a gigabyte.
 */
#define INPUT_ATTACH_MAX (64L * 1024 * 1024)

/* What to load and how. */
struct input_request {
	const char *const *paths; /* "-" reads standard input */
	size_t npaths;
	double level;             /* confidence level */
	const char *const *only;  /* gadgets to keep; nonly == 0 keeps all */
	size_t nonly;
	struct input_bytes *keep; /* NULL, or npaths entries to fill (free each
	                           * with input_bytes_free; packed stays NULL
	                           * for a file not kept) */
	const char *label;        /* "OLD", "NEW": named when it has no data; or NULL */
};

/*
 * Waits for b's stream (b->packed must not be NULL), from any thread and
 * at once with others. Returns 0, or -1 when there is none: a file that
 * changed while it was read (its size, modification or change time
 * moved, or it came out short: D_INPUT_CHANGED), whose read failed
 * (D_READ_FAILED), or that zlib could not deflate; said once, by the
 * first caller, into its d. After 0 any thread may read the stream.
 */
int input_bytes_finish(const struct input_bytes *b, struct diags *d);

/* Frees the stream and zeroes b. */
void input_bytes_free(struct input_bytes *b);

/*
 * Reads every path (merged as if concatenated) and builds the model.
 * Returns NULL when any input had an error (diagnostics in d): a file
 * that cannot be opened or read, bad data, or a regular file given twice
 * (D_SAME_INPUT: the same device and inode, or the same bytes); the
 * bytes kept are checked later, by input_bytes_finish. Warns
 * with D_INPUT_MACHINES_DIFFER when the inputs' machine lines disagree.
 */
struct model *input_load(const struct input_request *req, struct diags *d);

/*
 * Reads each path as a run of its own (a trend): models[i] from
 * paths[i], with keep[i] filled as input_load would. A regular file
 * given twice is refused across the runs as within one (D_SAME_INPUT).
 * Returns 0, or -1 when any input had an error (diagnostics in d; every
 * models[i] is then NULL). req->only and req->label are not used.
 */
int input_load_each(const struct input_request *req, struct model **models,
    struct diags *d);

#endif
