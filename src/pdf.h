/* SPDX-License-Identifier: Apache-2.0 */
/* The PDF back end: a canvas drawn with libharu, with metadata and an attached input file. */
#ifndef IGREPORT_PDF_H
#define IGREPORT_PDF_H

#include <stddef.h>
#include <stdio.h>

#include "canvas.h"
#include "diag.h"
#include "fonts.h"
#include "zpack.h"

/* Document metadata. Strings are UTF-8 and may be NULL (left out). */
struct pdf_info {
	const char *title;
	const char *subject;
	const char *creator; /* for example "igreport 0.1.0" */
	long long epoch;     /* CreationDate and ModDate, seconds since 1970 UTC */
};

struct pdf;

/*
 * Starts a document. Embeds fonts->path[FONT_REGULAR] (only the path is
 * used; bold is drawn from the same font, see pdf.c). fonts must outlive
 * the pdf. On failure appends D_OPEN_FAILED (the font file named, with
 * the system error) or D_PDF_LIBRARY and returns NULL.
 */
struct pdf *pdf_open(const struct fonts *fonts, const struct pdf_info *info,
    struct diags *d);

/*
 * Fills out with the callbacks, device and fonts drawing into p. Draw
 * pages with out->ops->begin_page first. After a library error every
 * drawing call does nothing and pdf_close reports the error.
 */
void pdf_canvas(struct pdf *p, struct canvas *out);

/*
 * Embeds len bytes of data as an attached file named name (a base name:
 * a name holding '/' is refused with D_PDF_LIBRARY), MIME type text/csv.
 * Returns 0, or -1 with a diagnostic.
 */
int pdf_attach(struct pdf *p, const char *name, const unsigned char *data,
    size_t len, struct diags *d);

/*
 * As pdf_attach, for bytes deflated already into z (finished: see
 * zpack.h), whose stream is embedded as it is, read from z while
 * pdf_close writes: z must stay until then.
 */
int pdf_attach_packed(struct pdf *p, const char *name, const struct zpack *z,
    struct diags *d);

/*
 * Writes the whole document to out as it is made (no copy of it is held)
 * and flushes it, then frees p.
 * Returns 0, or -1 after appending D_PDF_LIBRARY (a library error while
 * drawing or saving) or D_WRITE_FAILED (out failed; out is left open).
 */
int pdf_close(struct pdf *p, FILE *out, struct diags *d);

/* Frees p without writing anything; NULL allowed. */
void pdf_discard(struct pdf *p);

#endif
