/* SPDX-License-Identifier: Apache-2.0 */
/* Table layout: a document's table measured, split across pages and drawn through a canvas. */
#ifndef IGREPORT_TABLE_H
#define IGREPORT_TABLE_H

#include <stddef.h>

#include "canvas.h"
#include "document.h"

/* The geometry of one document table at one width. */
struct table {
	const struct doc_table *data; /* borrowed */
	size_t ncols, nrows;
	double size;         /* font size after shrinking */
	double *col_w;       /* ncols column widths, padding included */
	char **head_lines;   /* ncols header texts as drawn (wrapped), owned */
	size_t head_nlines;  /* lines of the tallest header cell */
	double head_h, row_h, width;
};

/*
 * Measures data for at most max_width points: columns as wide as their
 * widest text plus padding, all cells centred. When that is too wide the
 * font shrinks (down to 75% of style.font_size); if it still does not
 * fit, header cells are wrapped at spaces and the font shrinks as needed
 * (never below 3 pt, where the table may overflow). data must outlive
 * the layout; free it with table_free.
 */
struct table *table_layout(const struct doc_table *data,
    const struct canvas *c, double max_width);

/* Height of the header plus rows first .. first + count - 1 (count may be 0). */
double table_height(const struct table *t, size_t first, size_t count);

/* How many rows from first fit under the header in max_height (0 if none). */
size_t table_rows_fit(const struct table *t, size_t first, double max_height);

/*
 * Draws the header, then the rows from first that fit in max_height, at
 * (x, y) top-left, in a group "table". Returns the index of the next row
 * to draw (nrows when done); returns first and draws nothing when not
 * even one row fits, so the caller should start a new page.
 */
size_t table_draw(struct canvas *c, const struct table *t, double x, double y,
    double max_height, size_t first);

void table_free(struct table *t);

#endif
