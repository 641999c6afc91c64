/* SPDX-License-Identifier: Apache-2.0 */
/* A canvas for tests that records every drawing call as one line of text. */
#ifndef IGREPORT_RECORDING_CANVAS_H
#define IGREPORT_RECORDING_CANVAS_H

#include <stddef.h>

#include "canvas.h"

/*
 * Lines, numbers always "%.1f":
 *   page W H / endpage
 *   group NAME / endgroup
 *   rect X Y W H fill=#rrggbb/OPACITY|none stroke=#rrggbb/OPACITY/WIDTH[/dash]|none
 *   line X1 Y1 X2 Y2 stroke=#rrggbb/OPACITY/WIDTH[/dash]
 *   text X Y ALIGN(L|C|R) FACE(R|B) SIZE #rrggbb [V ]"UTF-8"   (V: vertical)
 *   circle CX CY R fill=... stroke=...        (as rect)
 *   path N [closed] X,Y X,Y ... fill=... stroke=...
 *   tooltip "UTF-8"
 *   bookmark LEVEL Y "TITLE" ANCHOR|-
 *   link X Y W H ANCHOR
 * Opacities use two decimals.
 */
struct recording_canvas {
	struct canvas canvas; /* pass &rc->canvas to drawing code */
	char *text;           /* NUL-terminated log, one line per call */
	size_t len, cap;
};

/* A recorder measuring with fonts (borrowed; may be NULL if nothing measures). */
struct recording_canvas *recording_canvas_new(const struct fonts *fonts);

/* Forgets what was recorded so far. */
void recording_canvas_clear(struct recording_canvas *rc);

/* Number of recorded lines starting with prefix. */
size_t recording_canvas_count(const struct recording_canvas *rc,
    const char *prefix);

void recording_canvas_free(struct recording_canvas *rc);

/*
 * The shipped fonts for tests: from $IGREPORT_SOURCE_DIR/fonts, or
 * ./fonts when unset. NULL when they cannot be loaded.
 */
struct fonts *recording_fonts_load(void);

#endif
