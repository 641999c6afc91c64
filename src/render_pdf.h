/* SPDX-License-Identifier: Apache-2.0 */
/* The paged renderer: a document flowed onto pages through a canvas (the PDF back end's). */
#ifndef IGREPORT_RENDER_PDF_H
#define IGREPORT_RENDER_PDF_H

#include <stddef.h>

#include "canvas.h"
#include "document.h"

/*
 * Draws the whole document through c, page by page, with the page size,
 * margins, font sizes and footer of its template: each section starts a
 * new page; a heading stays with what follows it; a block that does not
 * fit the rest of a page moves to the next; tables continue over pages
 * with their header repeated (a long, narrow table in side-by-side
 * columns). Returns the number of pages drawn.
 */
size_t render_pdf_draw(struct canvas *c, const struct document *doc);

#endif
