/* Tables of text: built from a template table or the raw rows, measured, split across pages and drawn through a canvas. */
#ifndef IGREPORT_TABLE_H
#define IGREPORT_TABLE_H

#include <stddef.h>

#include "canvas.h"
#include "model.h"
#include "template.h"

/* Shown in a cell that has no value (U+2013). */
#define TABLE_GAP "\xe2\x80\x93"

/* A cell drawn other than in the table's regular black text. */
struct table_cell_style {
	int set;                   /* 0: the default style */
	struct canvas_color color; /* text colour */
	enum font_face face;
};

/* A table of UTF-8 strings; the layout fields are set by table_layout. */
struct table {
	size_t ncols, nrows;
	char **header;       /* ncols owned cells; '\n' separates header lines */
	char **cells;        /* nrows * ncols owned cells, row-major */
	size_t cap;          /* cells allocated */
	struct tpl_table_style style;
	struct table_cell_style *styles; /* NULL, or nstyles cells, row-major */
	size_t nstyles;
	/* layout */
	double size;         /* font size after shrinking */
	double *col_w;       /* ncols column widths, padding included */
	char **head_lines;   /* ncols header texts as drawn (wrapped), owned */
	size_t head_nlines;  /* lines of the tallest header cell */
	double head_h, row_h, width;
};

/* An empty table with ncols columns and the given header cells (copied). */
struct table *table_new(const char *const *header, size_t ncols,
    const struct tpl_table_style *style);

/* Appends a row of ncols cells (copied; control characters become spaces). */
void table_add_row(struct table *t, const char *const *cells);

/*
 * Draws the cell at row, col (an existing row) in colour and face, for
 * example a regression in red bold. table_layout measures it in its face.
 */
void table_set_cell_style(struct table *t, size_t row, size_t col,
    struct canvas_color color, enum font_face face);

/* Styles every cell of row as table_set_cell_style does. */
void table_set_row_style(struct table *t, size_t row,
    struct canvas_color color, enum font_face face);

/*
 * The per-gadget table of tt for gadget g: one row per rate. Columns
 * whose metric the model lacks are left out; a cell without data holds
 * TABLE_GAP. Headers are expanded with vars. Call table_layout before
 * drawing.
 */
struct table *table_from_template(const struct tpl_table *tt,
    const struct model *m, const struct model_gadget *g,
    const struct tpl_vars *vars);

/*
 * The raw data table: Gadget, Case, Run, Events/s, Cpu (%), Mem (MiB),
 * IG Cpu (%), IG Mem (MiB), Lost/s, one row per kept raw row; Run and
 * metric columns the model lacks are left out.
 */
struct table *table_from_raw(const struct model *m,
    const struct tpl_table_style *style);

/*
 * Measures the table for at most max_width points: columns as wide as
 * their widest text plus padding, all cells centred. When that is too
 * wide the font shrinks (down to 75% of style.font_size); if it still
 * does not fit, header cells are wrapped at spaces and the font shrinks
 * as needed (never below 3 pt, where the table may overflow).
 */
void table_layout(struct table *t, const struct canvas *c, double max_width);

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
