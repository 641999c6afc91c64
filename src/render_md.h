/* SPDX-License-Identifier: Apache-2.0 */
/* The Markdown renderer: a document's headings, paragraphs, lists and tables as GitHub-flavoured Markdown. */
#ifndef IGREPORT_RENDER_MD_H
#define IGREPORT_RENDER_MD_H

#include <stdio.h>

#include "document.h"

/*
 * Writes doc to out: the title as "#", each gadget section and each
 * heading as "##", a table's title as "###" above it, lists as "- "
 * items, a banner as a bold quote, a folded table inside <details>.
 * Figures are links to their SVG files ("![title](ID.svg)") when
 * link_figures is set (the SVGs are written beside the Markdown), and
 * left out otherwise. Colours have no Markdown form and are dropped; the
 * texts carry the marks.
 *
 * With a limit (doc->fit.max_chars), the whole is first made in memory;
 * while it is longer than the limit, in characters as GitHub counts them
 * (Unicode code points, render_md_chars), the blocks of the next step of
 * doc->fit are left out, whole blocks only, and the step's note closes
 * the text. *chars (may be NULL) is then the length written, or that of
 * the shortest form when none fits.
 *
 * Returns 0; -1 when out has an error; -2 when even the shortest form is
 * longer than the limit, and nothing is written.
 */
int render_md_write(FILE *out, const struct document *doc, int link_figures,
    size_t *chars);

/* The Unicode code points of len bytes of UTF-8 s (its bytes but continuation bytes). */
size_t render_md_chars(const char *s, size_t len);

#endif
