/* SPDX-License-Identifier: Apache-2.0 */
/* The document: what a report says, decided once, as plain data that every renderer places and paints. */
#ifndef IGREPORT_DOCUMENT_H
#define IGREPORT_DOCUMENT_H

#include <stddef.h>

#include "canvas.h"
#include "template.h"

/*
 * A document is an ordered list of blocks built by a producer (see
 * produce.h) from a template and the data, then only read: the PDF, SVG
 * and Markdown renderers share one document, from several threads at
 * once. Every text in it is final (placeholders expanded, numbers
 * formatted, UTF-8); every colour and verdict is decided. What is left
 * to a renderer is geometry: where things go, how text wraps, where a
 * page ends.
 */

/* Shown in a cell or a chart that has no value (U+2013). */
#define DOC_GAP "\xe2\x80\x93"

/* A cell drawn other than in the table's regular black text. */
struct doc_cell_style {
	int set;                   /* 0: the default style */
	struct canvas_color color; /* text colour */
	enum font_face face;
};

/* A table of UTF-8 strings: header, rows, per-cell styles. */
struct doc_table {
	size_t ncols, nrows;
	char **header;       /* ncols owned cells; '\n' separates header lines */
	char **cells;        /* nrows * ncols owned cells, row-major */
	size_t cap;          /* cells allocated */
	struct tpl_table_style style;
	struct doc_cell_style *styles; /* NULL, or nstyles cells, row-major */
	size_t nstyles;
};

/* One value of a chart series at one category; gap: nothing measured. */
struct doc_value {
	int gap;
	double mean, half;
	/*
	 * The interval drawn: mean - half .. mean + half, but clipped at 0
	 * for a metric that cannot be negative (see doc_chart.clipped).
	 */
	double lo, hi;
	double *runs;   /* owned: the group's nruns values in input order, or NULL */
	size_t nruns;   /* 0: no dots (a group with more runs than the model keeps) */
	char *tip;  /* owned: what hovering over its bar says ("With IG, 4096
	               events/s: 10.53 ± 0.31 % CPU (n = 5)"); NULL for a gap */
};

/* A series of a chart: its legend text, colour and a value per category. */
struct doc_series {
	char *label;
	struct canvas_color color;
	struct doc_value *values; /* the chart's ncats values, owned */
};

/* How a chart draws its series. */
enum doc_chart_kind {
	DOC_CHART_BARS,  /* grouped bars per category, whiskers, run dots */
	DOC_CHART_LINES,  /* a line and markers per series over a log2 rate axis, or over named
	                     categories (cat_labels: a trend's runs) with step markers; whiskers, direct labels */
	DOC_CHART_CHANGES /* a comparison's changes, one row each (doc_chart.changes): no series, no categories */
};

/*
 * One row of a change chart: a tested change from OLD to NEW in percent
 * of OLD. Where OLD is 0 the percentage is unbounded: percent, lo and hi
 * are then +INFINITY, -INFINITY or 0 after the sign of the absolute
 * change (and of its interval's ends), drawn at the plot's edge.
 */
struct doc_change {
	char *label;               /* owned: "ig \xc2\xb7 4096 ev/s \xc2\xb7 IG CPU" */
	char *value;               /* owned: the change as the tables show it, "+21.0% \xe2\x96\xb2" */
	char *tip;                 /* owned: the full test result, for hovering over the row */
	struct canvas_color color; /* its verdict's, as the coloured tables have it */
	double percent, lo, hi;    /* the change and its confidence interval (lo <= percent <= hi) */
};

/* A step drawn on a line chart over named categories: a vertical marker before category cat. */
struct doc_marker {
	size_t cat;                /* the first category after the step, >= 1 */
	char *label;               /* owned: its size, "+15%" */
	struct canvas_color color;
};

/* One chart of a figure, bound to its data. */
struct doc_chart {
	enum doc_chart_kind kind;
	const struct tpl_chart *spec; /* style: y range rule, decimals, legend... */
	char *title, *x_label, *y_label;
	size_t ncats;
	double *cats;                 /* BARS: events-per-second rates, ascending, owned */
	struct doc_series *series;
	size_t nseries;               /* at least 1 */
	int clipped;                  /* some interval was clipped at 0 */
	/*
	 * DOC_CHART_CHANGES only (nseries and ncats 0, spec NULL): the rows
	 * top to bottom as the producer ordered them (regressions first),
	 * and the --threshold band in percent, shaded from -band to band (0:
	 * no band).
	 */
	struct doc_change *changes;
	size_t nchanges;
	double band;
	char **cat_labels;            /* LINES over named categories: ncats owned x labels; else NULL */
	struct doc_marker *markers;   /* LINES: owned, nmarkers steps */
	size_t nmarkers;
};

enum doc_block_kind {
	DOC_SECTION,    /* a new part: the cover, a gadget, the appendix (PDF: new page) */
	DOC_TITLE,      /* the document title and a subtitle line */
	DOC_HEADING,
	DOC_PARAGRAPH,
	DOC_LIST,       /* bulleted items */
	DOC_BANNER,     /* a warning in a coloured box */
	DOC_FIGURE,     /* a title over one or more charts side by side */
	DOC_TABLE,
	DOC_PAGE_BREAK
};

/* How a paragraph is set. */
enum doc_role {
	DOC_ROLE_BODY,  /* regular body text */
	DOC_ROLE_LEAD   /* a headline sentence (compare verdict): bold, large, kept with the next */
};

enum doc_section_kind {
	DOC_SECTION_COVER,
	DOC_SECTION_OVERVIEW,  /* every gadget side by side, before the gadgets */
	DOC_SECTION_GADGET,
	DOC_SECTION_APPENDIX
};

struct doc_block {
	enum doc_block_kind kind;
	/*
	 * Stable id, unique in the document even ignoring letter case, made
	 * of lower-case letters, digits, '-' and '_' only, never starting
	 * with '-', at most PRODUCE_ID_MAX bytes and a "-N" for a repeat: SVG
	 * file names ("trace_exec-host"), anchors. NULL when the block has
	 * none; figures and tables with an id are the standalone SVG items.
	 */
	char *id;
	/*
 * SECTION: the target of links to it ("cover", "trace_exec",
	 * "appendix"), unique among anchors and ids, same alphabet. Apart
	 * from id, which names SVG files.
	 */
	char *anchor;
	char *text;      /* SECTION (gadget name, or NULL), TITLE, HEADING, PARAGRAPH,
	                    BANNER; FIGURE and TABLE: their title (may be "") */
	char *subtitle;  /* TITLE */
	char *desc;      /* FIGURE, TABLE with an id: one sentence for screen readers */
	enum doc_section_kind section; /* SECTION */
	enum doc_role role;            /* PARAGRAPH */
	struct canvas_color color;     /* PARAGRAPH text, BANNER background */
	char **items;                  /* LIST */
	char **item_links;             /* LIST: NULL, or per item the anchor it links to (or NULL) */
	size_t nitems;
	struct doc_chart *charts;      /* FIGURE */
	size_t ncharts;
	double height;                 /* FIGURE: points */
	struct doc_table *table;       /* TABLE */
	int fold;                      /* TABLE: long, folded away where a format can */
	/*
	 * Where a length limit applies (Markdown's --max-chars, render_md.h):
	 * 0, always kept; k >= 1, left out from the k-th step of shortening
	 * on, so steps 1 to k go together (struct doc_fit).
	 */
	unsigned drop;
};

/*
 * How a document is shortened to fit a length limit: blocks are left out
 * by their drop step, 1 first, then 1 and 2, and so on. notes[k - 1] is
 * the closing paragraph when steps 1 to k are left out (saying what is
 * missing and where the full report is); NULL for a step no block has.
 */
struct doc_fit {
	size_t max_chars; /* the limit, in Unicode code points; 0: none */
	char **notes;     /* nsteps owned strings or NULL */
	size_t nsteps;
};

struct document {
	const struct template *tpl;  /* the layout: page, font sizes, colours (borrowed) */
	char *title;
	/*
	 * What the page footer's placeholders stand for, but {page}, {pages}
	 * (known to a paged renderer only) and {gadget} (a section's text).
	 */
	char *level, *date, *old, *new;
	struct doc_block *blocks;
	size_t nblocks, cap;
	struct doc_fit fit; /* zero: no limit, nothing is left out */
};

/* The values of the footer's placeholders on a page of section (NULL: none), page of pages. */
void doc_footer_vars(const struct document *doc, const struct doc_block *section,
    const char *page, const char *pages, struct tpl_vars *vars);

/* An empty document laid out by tpl (borrowed: it must outlive the document). */
struct document *doc_new(const struct template *tpl, const char *title);

/* Appends a block of kind with text (copied; NULL allowed) and returns it for the caller to fill. */
struct doc_block *doc_add(struct document *doc, enum doc_block_kind kind,
    const char *text);

/* Appends a paragraph of role in colour. */
void doc_add_paragraph(struct document *doc, const char *text,
    enum doc_role role, struct canvas_color color);

/* Appends text (copied) as one more item of list block b. */
void doc_list_add(struct doc_block *b, const char *text);

/* As doc_list_add, the item linking to the block whose anchor is anchor (copied). */
void doc_list_add_link(struct doc_block *b, const char *text,
    const char *anchor);

/* The block whose id or anchor is name, or NULL. */
const struct doc_block *doc_find(const struct document *doc, const char *name);

/* The block whose anchor is anchor, or NULL. */
const struct doc_block *doc_find_anchor(const struct document *doc,
    const char *anchor);

void doc_free(struct document *doc);

/*
 * Sets value v to mean with the interval mean - half .. mean + half, drawn
 * from 0 when non_negative and it would reach below (lo, hi of struct
 * doc_value); not a gap.
 */
void doc_value_set(struct doc_value *v, double mean, double half,
    int non_negative);

/* Frees what chart ch owns (not ch itself). */
void doc_chart_free(struct doc_chart *ch);

/* An empty table with ncols columns and the given header cells (copied). */
struct doc_table *doc_table_new(const char *const *header, size_t ncols,
    const struct tpl_table_style *style);

/* Appends a row of ncols cells (copied; control characters become spaces). */
void doc_table_add_row(struct doc_table *t, const char *const *cells);

/*
 * Draws the cell at row, col (an existing row) in colour and face, for
 * example a regression in red bold.
 */
void doc_table_set_cell_style(struct doc_table *t, size_t row, size_t col,
    struct canvas_color color, enum font_face face);

/* Styles every cell of row as doc_table_set_cell_style does. */
void doc_table_set_row_style(struct doc_table *t, size_t row,
    struct canvas_color color, enum font_face face);

/* The style of cell (row, col): its own, or the table's regular black text. */
struct doc_cell_style doc_table_cell_style(const struct doc_table *t,
    size_t row, size_t col);

void doc_table_free(struct doc_table *t);

#endif
