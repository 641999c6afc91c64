/* SPDX-License-Identifier: Apache-2.0 */
/* Advance-width metrics read from the shipped TrueType fonts, shared by every back end. */
#ifndef IGREPORT_FONTS_H
#define IGREPORT_FONTS_H

#include "diag.h"

enum font_face {
	FONT_REGULAR,
	FONT_BOLD,
	FONT__MAX
};

struct font_metrics;

/* The fonts of one run: metrics and the file each was read from. */
struct fonts {
	struct font_metrics *face[FONT__MAX];
	char *path[FONT__MAX]; /* owned; the TTF file, for back ends that embed it */
	/*
	 * Owned; DejaVuSans-WinAnsi.ttf, the regular face cut down to the
	 * characters of Windows-1252 (scripts/make-pdf-font.py), with the same
	 * widths: the PDF back end embeds it for the text it can spell. Only
	 * the path is set here; the file is read by the back end.
	 */
	char *winansi_path;
};

/*
 * Loads DejaVuSans.ttf and DejaVuSans-Bold.ttf from dir (mapped, not
 * read: only the metric tables are touched). On failure appends
 * D_OPEN_FAILED or D_READ_FAILED (file named) and returns NULL.
 */
struct fonts *fonts_load(const char *dir, struct diags *d);

/*
 * Width in points of the NUL-terminated UTF-8 text at size points;
 * characters the font lacks use the missing glyph, and malformed bytes
 * count as one U+FFFD each (utf8_decode's policy, which svg and pdf draw).
 */
double fonts_text_width(const struct fonts *f, enum font_face face,
    double size, const char *utf8);

/* Ascender and descender (descender negative), in points at size. */
double fonts_ascent(const struct fonts *f, enum font_face face, double size);
double fonts_descent(const struct fonts *f, enum font_face face, double size);

void fonts_free(struct fonts *f);

#endif
