/* SPDX-License-Identifier: Apache-2.0 */
/* The standalone-item renderer: one figure or table of a document drawn alone, on a page of its own size (the SVG files). */
#ifndef IGREPORT_RENDER_SVG_H
#define IGREPORT_RENDER_SVG_H

#include "canvas.h"
#include "document.h"

/* Non-zero when b is a standalone item: a figure or table with an id. */
int render_svg_is_item(const struct doc_block *b);

/*
 * The size in points of item b drawn alone with a margin around it: a
 * figure as wide as the template's content width, a table (with its
 * title above it) as wide as its own columns need.
 */
void render_svg_size(const struct canvas *c, const struct document *doc,
    const struct doc_block *b, double *width, double *height);

/* Draws item b as one page of render_svg_size's size. */
void render_svg_draw(struct canvas *c, const struct document *doc,
    const struct doc_block *b);

#endif
