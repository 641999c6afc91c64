/* SPDX-License-Identifier: Apache-2.0 */
/* A document's figures drawn once as SVG: the standalone files and the HTML page's inline elements from one drawing. */
#ifndef IGREPORT_FIGURES_H
#define IGREPORT_FIGURES_H

#include <stddef.h>

#include "document.h"
#include "fonts.h"

struct figures;

/*
 * The figures of doc, drawn with fonts as they are asked for; both are
 * borrowed and must outlive the result. keep: an HTML page will follow
 * the SVG files, so each figure's file (DOC_FIGURE) is held until
 * figures_inline takes it. Never NULL.
 */
struct figures *figures_new(const struct document *doc,
    const struct fonts *fonts, int keep);

/*
 * Item b of the document (render_svg_is_item) as a standalone SVG
 * document: its bytes, NUL-terminated, *len their length, owned by f and
 * valid until the next figures_file call or figures_free.
 */
const char *figures_file(struct figures *f, const struct doc_block *b,
    size_t *len);

/*
 * Figure b of the document as an <svg> element for an HTML page: made
 * from its file when figures_file drew one and f keeps it, else drawn.
 * Returns the bytes, NUL-terminated, *len their length; the caller frees
 * them.
 */
char *figures_inline(struct figures *f, const struct doc_block *b,
    size_t *len);

/* Frees f and every drawing it holds; NULL allowed. */
void figures_free(struct figures *f);

#endif
