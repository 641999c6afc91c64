/* SPDX-License-Identifier: Apache-2.0 */
/* Writing the outputs: the PDF, the SVG figures, the HTML page, the Markdown and the JSON, all or nothing. */
#ifndef IGREPORT_OUTPUT_H
#define IGREPORT_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "figures.h"
#include "fonts.h"
#include "input.h"
#include "document.h"
#include "template.h"

/* What every output needs; everything is borrowed. */
struct output_context {
	const struct document *doc;        /* what every output renders */
	const struct fonts *fonts;
	struct figures *figures;           /* the SVG drawings: NULL, each output draws its own */
	const char *const *inputs;         /* paths, never to be overwritten */
	const char *const *names;          /* their base names, for the PDF's attachments */
	size_t ninputs;
	const struct input_bytes *bytes;   /* ninputs entries, for the PDF's attachments */
	int link_figures;                  /* Markdown: SVGs are written beside it (-f all) */
	const char *creator;               /* "igreport 0.1.0" */
	long long epoch;                   /* creation date, seconds since 1970 UTC */
};

/*
 * Files written so far but not yet in place. Zero-initialise; then
 * output_commit renames them all into place, or output_abort removes them.
 */
struct output_batch {
	struct outfile **files;
	size_t n, cap;
	char *made_dir; /* a directory this run created, removed again on abort */
	char *dir;      /* the output directory (svg, all): its manifest is written on commit */
};

struct output_job;

/* How write errors name standard output, for every command and output. */
#define OUTPUT_STDOUT "<stdout>"

/*
 * Writes the PDF report to (a temporary file for) path, or for "-" to
 * standard output at once. Removes first the leftovers of killed runs in
 * path's directory (outfile_sweep). Returns 0 or -1.
 */
int output_pdf(const struct output_context *ctx, const char *path,
    struct output_batch *batch, struct diags *d);

/*
 * The PDF drawn and written on a second thread (pthreads; on the calling
 * thread when one cannot be started) while the caller writes the other
 * outputs: the PDF is most of a report's time. ctx and what it points to
 * must stay unchanged until the job ends, and its output directory must
 * exist. Never NULL.
 */
struct output_job *output_pdf_begin(const struct output_context *ctx,
    const char *path);

/*
 * Waits for the job, adds its file to batch at position at (at most
 * batch->n: files added after at were written while the PDF was drawn,
 * and stay after it) and its diagnostics to d (as output_pdf would have),
 * frees it. Returns what output_pdf returned.
 */
int output_pdf_end(struct output_job *job, struct output_batch *batch,
    size_t at, struct diags *d);

/* Waits for the job and throws it away: its file removed, diagnostics dropped. */
void output_pdf_cancel(struct output_job *job);

/*
 * Seals every file of batch so far (outfile_seal): what output_commit
 * would do first, done by a thread that would otherwise wait.
 */
void output_seal(struct output_batch *batch);

/*
 * Creates directory dir unless it exists, as output_svg does; a directory
 * created here is removed again if the batch is aborted. The first dir
 * becomes the batch's output directory: its leftovers of killed runs are
 * removed (outfile_sweep) and its manifest written on commit. Returns 0 or -1.
 */
int output_prepare_dir(const char *dir, struct output_batch *batch,
    struct diags *d);

/* How many SVG files output_svg would write for doc. */
size_t output_svg_items(const struct document *doc);

/* Writes one SVG per standalone item (figure or table with an id) into dir, creating it. */
int output_svg(const struct output_context *ctx, const char *dir,
    struct output_batch *batch, struct diags *d);

/*
 * Writes the HTML page to path ("-": standard output), the inputs kept
 * in ctx->bytes offered for download. Returns 0 or -1.
 */
int output_html(const struct output_context *ctx, const char *path,
    struct output_batch *batch, struct diags *d);

/*
 * Writes the Markdown report to path, or to standard output when path is
 * NULL or "-", shortened to the document's limit (render_md.h); one that
 * does not fit even so is D_MD_TOO_LONG, -1 and nothing written.
 */
int output_markdown(const struct output_context *ctx, const char *path,
    struct output_batch *batch, struct diags *d);

/*
 * Writes a text output to out; returns 0, -1 on a write error, or
 * OUTPUT_REFUSED having written nothing (the caller says why).
 */
typedef int (*output_write_fn)(FILE *out, const void *arg);
#define OUTPUT_REFUSED (-2)

/*
 * The one way a text output (the Markdown, the JSON exports) is written:
 * write(out, arg) into a temporary file for path, never one of the
 * ninputs inputs, added to batch (a write error shows when the batch is
 * committed); or, when path is NULL or "-", to standard output at once,
 * a write error being D_WRITE_FAILED. Returns 0 or -1 (also when write
 * refused, with no message: a refused file is aborted with its batch).
 */
int output_text(const char *path, const char *const *inputs, size_t ninputs,
    output_write_fn write, const void *arg, struct output_batch *batch,
    struct diags *d);

/*
 * The creation date of the outputs in *epoch: SOURCE_DATE_EPOCH when set
 * (reproducible output), else now. Returns -1 when SOURCE_DATE_EPOCH is
 * set but not a number of seconds from 1970 to the year 9999.
 */
int output_epoch(long long *epoch);

/*
 * Loads what drawing needs: the template at template_path, or when NULL
 * the data directory's default_name (e.g. "templates/compare.xml"),
 * validated against the data directory's schema, and the shipped fonts.
 * Returns 0, or -1 with diagnostics (both outputs then NULL).
 */
int output_load_layout(const char *template_path, const char *default_name,
    struct template **tpl, struct fonts **fonts, struct diags *d);

/*
 * Puts every file of the batch in place; -1 if any failed. Every file is
 * closed first, and a write error there aborts them all. With an output
 * directory, its manifest (manifest.h) is written with the batch, and
 * the files the previous manifest lists that this batch does not write
 * are removed once all are in place. Empties the batch.
 */
int output_commit(struct output_batch *batch, struct diags *d);

/* Removes every file of the batch. Empties it. */
void output_abort(struct output_batch *batch);

#endif
