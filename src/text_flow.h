/* SPDX-License-Identifier: Apache-2.0 */
/* Wrapping text to a width, measured with the canvas's fonts. */
#ifndef IGREPORT_TEXT_FLOW_H
#define IGREPORT_TEXT_FLOW_H

#include <stddef.h>

#include "canvas.h"

/*
 * Length of the longest prefix of s ending at a space (or at its end)
 * that fits width in style st; at least the first word, however wide.
 */
size_t text_flow_fit(const struct canvas *c, const char *s, double width,
    const struct canvas_text *st);

/* Lines of wrapped text, each newly allocated. */
struct text_flow_lines {
	char **v;
	size_t n;
};

/* Wraps text into lines of at most width (spaces between lines dropped). */
void text_flow_wrap(const struct canvas *c, const char *text, double width,
    const struct canvas_text *st, struct text_flow_lines *out);

void text_flow_lines_free(struct text_flow_lines *l);

#endif
