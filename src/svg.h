/* SPDX-License-Identifier: Apache-2.0 */
/* The SVG back end: draws one figure through the canvas into a standalone SVG document. */
#ifndef IGREPORT_SVG_H
#define IGREPORT_SVG_H

#include <stdio.h>

#include "canvas.h"
#include "diag.h"

/*
 * What screen readers announce for a figure. Both are UTF-8 and may be
 * NULL (written as empty elements); they are sanitised like drawn text.
 */
struct svg_info {
	const char *title; /* <title> */
	const char *desc;  /* <desc> */
	/*
	 * Non-zero: an <svg> element to place inside an HTML page, with no
	 * XML declaration and role="img"; else a standalone SVG file.
	 */
	int fragment;
};

struct svg;

/* Starts a figure held in memory; info is copied. Never NULL (d is unused). */
struct svg *svg_open(const struct svg_info *info, struct diags *d);

/*
 * Fills *out with a canvas that draws into s; fonts is only handed on to
 * canvas users for measuring (the SVG names its fonts and measures
 * nothing). Exactly one page must be drawn, begin_page to end_page.
 * Text, titles and group names may hold any bytes: each malformed byte
 * becomes U+FFFD (utf8_decode's policy, as fonts measure), C0 controls
 * and U+FFFE/U+FFFF are dropped, TAB/LF/CR become spaces. Numbers are
 * written in the C locale with at most 2 decimals, so identical drawing
 * calls give identical bytes.
 */
void svg_canvas(struct svg *s, struct canvas *out, const struct fonts *fonts);

/*
 * Finishes the document and frees s: returns its bytes, NUL-terminated,
 * with *len their length. The caller frees them. *inlinable (unless
 * NULL) is set non-zero when svg_inline can make the same drawing's
 * <svg> element for an HTML page out of them.
 */
char *svg_finish(struct svg *s, size_t *len, int *inlinable);

/*
 * The bytes that drawing a standalone document's figure again with
 * info->fragment set would give, made from that document (len bytes
 * that svg_finish said were inlinable): the declaration left out,
 * role="img" in place of version="1.1"; nothing else differs (only an
 * attribute value beyond ASCII would, and such a document is not
 * inlinable). Returns them NUL-terminated, *inline_len their length;
 * the caller frees them.
 */
char *svg_inline(const char *doc, size_t len, size_t *inline_len);

/*
 * Finishes the document, writes it to out (which stays open and is
 * flushed) and frees s. Returns 0, or -1 with D_WRITE_FAILED appended
 * when writing or flushing fails. s is freed either way.
 */
int svg_close(struct svg *s, FILE *out, struct diags *d);

/* Frees s without writing anything; NULL is allowed. */
void svg_discard(struct svg *s);

/*
 * Writes x into buf (at least SVG_NUMBER_MAX bytes) in the C locale with
 * at most 2 decimals, no trailing zeros or point, never "-0". Non-finite
 * values are written as 0 and magnitudes are capped at 1e15.
 */
#define SVG_NUMBER_MAX 24
void svg_format_number(char *buf, double x);

/*
 * Returns a newly allocated copy of the NUL-terminated utf8 that is valid
 * UTF-8 and a legal XML 1.0 character sequence, as described for
 * svg_canvas. keep_newlines keeps LF and TAB (for <desc>). Caller frees.
 */
char *svg_sanitize(const char *utf8, int keep_newlines);

#endif
