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
 * texts carry the marks. Returns 0, or -1 when out has an error.
 */
int render_md_write(FILE *out, const struct document *doc, int link_figures);

#endif
