/* SPDX-License-Identifier: Apache-2.0 */
/* The layout template: what goes on which page, loaded from XML and validated against the XSD. */
#ifndef IGREPORT_TEMPLATE_H
#define IGREPORT_TEMPLATE_H

#include <stddef.h>

#include "canvas.h"
#include "diag.h"
#include "model.h"

/*
 * Text fields below may hold placeholders, expanded by template_expand():
 * {gadget} {level} (confidence in percent, e.g. "95") {title} {date}
 * {page} {pages} (page footer only), and in a compare template {old}
 * {new} (the base names of the OLD and NEW input files); a trend template
 * has the placeholders of a report's.
 */

/* One bar series of a chart: a case of the model, its legend text and colour. */
struct tpl_series {
	char *case_name; /* "baseline", "ig", ... */
	char *label;     /* legend text, e.g. "With IG" */
	struct canvas_color color;
};

/* How a chart's y axis range is chosen. */
enum tpl_yrange {
	TPL_YRANGE_ZERO,   /* 0 .. headroom * max(mean + half) (notebook CPU rule) */
	TPL_YRANGE_SPREAD  /* floor * min(mean) .. headroom * max(mean + half) (notebook memory rule) */
};

/* Decimals of a share of the rate (share="true") unless a template says otherwise. */
#define TPL_SHARE_DECIMALS 3

/* What a chart draws. */
enum tpl_chart_kind {
	TPL_CHART_BARS,     /* the gadget's cases as bars per rate (series) */
	TPL_CHART_OVERHEAD  /* With IG minus Baseline as a line per gadget over log2 rates:
	                       every gadget in an overview, the gadget in its own section */
};

struct tpl_chart {
	enum tpl_chart_kind kind;
	enum metric metric;
	char *title;       /* "CPU Usage (with {level}% CI)" */
	char *x_label;     /* "Events per Second" */
	char *y_label;     /* "CPU Usage (%)" */
	struct tpl_series *series;
	size_t nseries;
	int other_cases;   /* also draw cases not listed in series, after them */
	int decimals;      /* value label precision: CPU 2, memory 0 */
	int value_labels;  /* print the mean above each bar + CI */
	int legend;
	int runs;          /* draw each run as a dot over its bar (groups of at most MODEL_MAX_RUNS) */
	int share;         /* Lost only: as a percentage of the offered rate (Lost / rate x 100) */
	int omit_if_zero;  /* left out when every value is 0 (no events lost) */
	enum tpl_yrange yrange;
	double headroom;   /* 1.25 */
	double floor;      /* 0.75, TPL_YRANGE_SPREAD only */
	double bar_opacity;/* 0.8 */
};

/* A figure: a title above one or more charts side by side. */
struct tpl_figure {
	char *id;          /* file-name part: SVG file "{gadget}-{id}.svg" */
	char *title;       /* "{gadget} - Host" */
	double height;     /* points; the width is the page's content width */
	struct tpl_chart *charts;
	size_t ncharts;
};

enum tpl_column_kind {
	TPL_COL_RATE,      /* events per second */
	TPL_COL_MEAN,      /* mean of metric for case_name, optionally "± half" */
	TPL_COL_OVERHEAD   /* ig - baseline of metric (Cpu or Mem), "± Welch half" */
};

struct tpl_column {
	enum tpl_column_kind kind;
	char *header;      /* may hold '\n' for a two-line header */
	char *case_name;   /* TPL_COL_MEAN only */
	enum metric metric;/* TPL_COL_MEAN and TPL_COL_OVERHEAD */
	int decimals;
	int show_ci;
	int integer;       /* print trunc(mean) as the notebook does for Lost */
	int share;         /* Lost only: the mean as a percentage of the rate */
};

struct tpl_table_style {
	struct canvas_color header_bg;   /* #4CAF50 per-gadget, #2196F3 raw data */
	struct canvas_color header_fg;   /* white */
	struct canvas_color rule;        /* thin row rules, #dddddd */
	struct canvas_color zebra;       /* even rows, #f3f3f3 */
	int zebra_on;
	double font_size;
};

struct tpl_table {
	char *id;          /* file-name part for an SVG of the table */
	char *title;       /* "Performance metrics - {gadget}" */
	struct tpl_column *columns;
	size_t ncolumns;
	struct tpl_table_style style;
};

enum tpl_block_kind {
	TPL_BLOCK_HEADING,    /* text at heading size */
	TPL_BLOCK_TEXT,       /* a paragraph, wrapped */
	TPL_BLOCK_INPUTS,     /* the list of input files (base names) */
	TPL_BLOCK_MACHINE,    /* the machine description from "# Key: value" lines */
	TPL_BLOCK_SUMMARY,    /* automatic summary sentences, one per gadget */
	TPL_BLOCK_FIGURE,
	TPL_BLOCK_TABLE,
	TPL_BLOCK_RAW,        /* the raw data table, spread over pages, header repeated */
	TPL_BLOCK_COST,       /* the cost model of every gadget that has one, as a table */
	TPL_BLOCK_GADGETS,    /* the overview table: per gadget its cost, memory, rates and losses */
	TPL_BLOCK_PAGE_BREAK,
	/* Compare templates only (template.kind TPL_KIND_COMPARE): */
	TPL_BLOCK_VERDICT,     /* the count of regressions and improvements, and the rule */
	TPL_BLOCK_MACHINES,    /* both machine descriptions side by side; a warning when they differ */
	TPL_BLOCK_SIGNIFICANT, /* every significant change, regressions (red) first, then improvements (green) */
	TPL_BLOCK_ONLY,        /* what only one run has */
	TPL_BLOCK_CHANGES,     /* per gadget: the change of every case, rate and metric, coloured */
	TPL_BLOCK_OVERHEADS,   /* per gadget: the overhead in both runs and its change, coloured */
	TPL_BLOCK_CHANGE_CHART, /* per gadget: every tested change as a row of a chart, regressions first */
	/* Trend templates only (template.kind TPL_KIND_TREND): */
	TPL_BLOCK_STEPS,       /* every step found, one sentence each */
	TPL_BLOCK_LATEST,      /* the gate's verdict; per gadget the newest run against the best */
	TPL_BLOCK_RUNS,        /* the runs: label, date, file, machine; a warning when machines differ */
	TPL_BLOCK_HISTORY,     /* per gadget: a metric of a case (or the overhead) per run and rate */
	TPL_BLOCK__MAX
};

struct tpl_block {
	enum tpl_block_kind kind;
	char *text;                 /* HEADING, TEXT */
	struct tpl_figure *figure;  /* FIGURE; CHANGE_CHART its id, title and
	                               height (the most it takes: it is sized
	                               to its rows), with no charts */
	struct tpl_table *table;    /* TABLE; and for COST, MACHINES,
	                               SIGNIFICANT, CHANGES, OVERHEADS its id
	                               (may be "": no SVG), title and style,
	                               with no columns */
	struct tpl_table_style raw; /* RAW */
	char *case_name;            /* HISTORY: "baseline", "ig" or "overhead" */
	enum metric metric;         /* HISTORY (Cpu or Mem for the overhead) */
};

enum tpl_section_kind {
	TPL_SECTION_COVER,    /* once, before the gadgets */
	TPL_SECTION_OVERVIEW, /* once, before the gadgets: every gadget side by side */
	TPL_SECTION_GADGET,   /* once per gadget, {gadget} set */
	TPL_SECTION_APPENDIX  /* once, after the gadgets */
};

struct tpl_section {
	enum tpl_section_kind kind;
	struct tpl_block *blocks;
	size_t nblocks;
};

/* What a template lays out. */
enum tpl_kind {
	TPL_KIND_REPORT,  /* the report of one run (igreport) */
	TPL_KIND_COMPARE, /* a comparison of two runs (igreport compare) */
	TPL_KIND_TREND    /* a history of many runs (igreport trend) */
};

struct template {
	char *path;
	enum tpl_kind kind;         /* root attribute kind=, "report" by default */
	char *name;                 /* the template's own name attribute */
	double page_width;          /* points, orientation applied */
	double page_height;
	double margin_top, margin_right, margin_bottom, margin_left;
	double title_size;          /* cover title */
	double heading_size;
	double body_size;
	double figure_title_size;   /* 16 in the notebook */
	double axis_size;           /* tick labels and axis titles */
	double label_size;          /* value labels, 9 in the notebook */
	struct canvas_color text_color;
	struct canvas_color grid_color;
	double grid_opacity;        /* 0.3 */
	struct canvas_color worse_color;  /* compare: regressions, #c62828 */
	struct canvas_color better_color; /* compare: improvements, #2e7d32 */
	char *title;                /* default report title, "Inspektor Gadget benchmark report" */
	char *footer;               /* "{title} - page {page} of {pages}"; NULL: none */
	struct tpl_section *sections;
	size_t nsections;
};

/*
 * Loads the template at path and validates it against the schema at
 * xsd_path: libxml2 with XML_PARSE_NONET only (no entity substitution, no
 * DTD loading), a document with a DOCTYPE is refused, then schema errors,
 * then meaning (unknown metric, column or placeholder; a compare block
 * in a report template; <inputs/>, <machine/>, <summary/>, <cost/>, <raw/> or an
 * overhead column, which describe a single run, in a compare template).
 * Every problem is a diagnostic naming path and line. Returns NULL on any
 * error.
 */
struct template *template_load(const char *path, const char *xsd_path,
    struct diags *d);

/* Like template_load, from memory; name is used in diagnostics. */
struct template *template_load_memory(const char *buf, size_t len,
    const char *name, const char *xsd_path, struct diags *d);

/* Values substituted for placeholders; NULL members expand to "". */
struct tpl_vars {
	const char *gadget;
	const char *level;  /* "95" */
	const char *title;
	const char *date;
	const char *page;
	const char *pages;
	const char *old;    /* compare: OLD's file name */
	const char *new;    /* compare: NEW's file name */
};

/* Returns a newly allocated copy of text with placeholders replaced. */
char *template_expand(const char *text, const struct tpl_vars *vars);

void template_free(struct template *t);

#endif
