/* SPDX-License-Identifier: Apache-2.0 */
/* Line charts over labelled categories (the runs of a trend): pure geometry, then drawing through a canvas. */
#ifndef IGREPORT_LINECHART_H
#define IGREPORT_LINECHART_H

#include <stddef.h>

#include "canvas.h"
#include "chart.h"
#include "document.h"
#include "template.h"

/* One value of one series at one category. */
struct linechart_point {
	int gap;             /* no value: no mark, and the line breaks */
	double x, y;         /* page position of the mean */
	int has_err;         /* an interval from ylo to yhi (page y, clipped) */
	double ylo, yhi;
	const char *tip;     /* borrowed from the document */
};

/* The complete geometry of one line chart. */
struct linechart_layout {
	const struct template *tpl;
	const struct doc_chart *ch;  /* borrowed: its texts, colours, markers */
	struct chart_rect box, plot;
	double title_size;
	double ymin, ymax;           /* the axis range */
	double ticks[CHART_MAX_TICKS];
	size_t nticks;
	int tick_decimals;
	size_t ncats, nseries;
	struct linechart_point *pts; /* pts[series * ncats + cat] */
	double *marker_x;            /* per marker of ch: page x of its line */
	double xlabel_size;
	int xlabel_vertical;
	size_t xlabel_every;         /* every k-th category label is drawn */
	struct chart_rect legend_box;/* right of the plot; w 0: no legend */
};

/*
 * Lays out chart ch (kind DOC_CHART_LINE, nseries and ncats at least 1,
 * cat_labels set) in the box (x, y, w, h): the y range from every
 * interval with a margin (from 0 when no value is negative and the
 * range reaches near it), categories evenly spaced, their labels turned
 * upright when they do not fit side by side, a legend of the series on
 * the right. t and ch must outlive the layout; free it with
 * linechart_layout_free.
 */
struct linechart_layout *linechart_layout_new(const struct canvas *c,
    const struct template *t, const struct doc_chart *ch, double x, double y,
    double w, double h);

/*
 * Draws a laid-out chart, one canvas group per element: "grid",
 * "markers" (a dashed vertical line and its label per step), "lines"
 * (segments, interval whiskers, a square per value with its tooltip),
 * "axes", "legend", "title", all inside "chart".
 */
void linechart_draw(struct canvas *c, const struct linechart_layout *l);

void linechart_layout_free(struct linechart_layout *l);

#endif
