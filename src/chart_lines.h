/* SPDX-License-Identifier: Apache-2.0 */
/* Line charts (DOC_CHART_LINES): a line and markers per series over a log2 rate axis or named categories (a trend's runs), whiskers, step markers, and a direct label at each line's end. */
#ifndef IGREPORT_CHART_LINES_H
#define IGREPORT_CHART_LINES_H

#include <stddef.h>

#include "canvas.h"
#include "chart.h"
#include "document.h"
#include "template.h"

/* Marker shapes, one per series in turn, so that lines differ without colour. */
enum chart_marker {
	CHART_MARKER_CIRCLE,
	CHART_MARKER_SQUARE,
	CHART_MARKER_TRIANGLE,
	CHART_MARKER_DIAMOND,
	CHART_MARKER_TRIANGLE_DOWN,
	CHART_MARKER_RING,
	CHART_MARKER__MAX
};

/* One point of one series. */
struct chart_point {
	int gap;                 /* not measured: no marker, and the line breaks here */
	double x, y;             /* page position of the marker */
	int has_err;             /* a whisker from err_top to err_bottom (clipped to the plot) */
	double err_top, err_bottom;
};

/* The label naming a series, right of the plot, level with the line's last point. */
struct chart_end_label {
	int shown;               /* the series has a point */
	double x, y;             /* left end of the baseline */
	double point_x, point_y; /* the line's last point, for the leader */
};

struct chart_lines_layout {
	const struct template *tpl;
	const struct doc_chart *ch;      /* borrowed */
	struct chart_rect box, plot;
	double title_size, label_size;
	double ymin, ymax;
	double ticks[CHART_MAX_TICKS];
	size_t nticks;
	int tick_decimals;
	int log2_x;                      /* every rate > 0: x is log2(rate), else the rates evenly spaced */
	double umin, umax;               /* the x axis range in log2(rate) or category index */
	double *xticks;                  /* values of u with a tick, owned */
	char **xtick_labels;             /* their labels (NULL: tick without label), owned */
	size_t nxticks;
	double xlabel_size;              /* the x labels' size */
	int xlabel_vertical;             /* named categories' labels upright, to keep them all */
	double xlabel_widest;            /* the widest x label at xlabel_size */
	double *step_x;                  /* per doc_chart marker (a step): the page x of its line, owned */
	struct chart_point *points;      /* nseries * ncats, points[s * ncats + c] */
	struct chart_end_label *labels;  /* nseries */
	double marker_r;
};

/*
 * Lays out line chart ch (kind DOC_CHART_LINES, nseries and ncats at
 * least 1) in the box (x, y, w, h): a plot with y ticks (chart_ticks,
 * range by chart_y_range over every point's interval), x ticks at the
 * powers of two in range (labelled as far as they fit), or with
 * ch->cat_labels one per category, evenly spaced (labels upright rather
 * than thinned out when they do not fit side by side), the series'
 * points dodged a little sideways so that whiskers at one rate stay
 * apart, each of ch->markers between the categories on either side of
 * it, and the end labels kept at least a line apart, inside the plot's
 * height. Free with chart_lines_layout_free.
 */
struct chart_lines_layout *chart_lines_layout_new(const struct canvas *c,
    const struct template *t, const struct doc_chart *ch, double x, double y,
    double w, double h);

/*
 * Draws it, one canvas group per element inside "chart": "grid", "zero"
 * (a line at 0 when the range goes below it), "steps" (per doc_chart
 * marker a dashed line between the runs on either side, labelled with its
 * size), "whiskers", "lines",
 * "markers" (a group "marker" with its tooltip per point), "axes",
 * "labels" (the end labels, in their series' colour, with a leader
 * where a label moved away from its line), "title".
 */
void chart_lines_draw(struct canvas *c, const struct chart_lines_layout *l);

void chart_lines_layout_free(struct chart_lines_layout *l);

/* Draws marker shape m of radius r at (x, y). */
void chart_draw_marker(struct canvas *c, enum chart_marker m, double x,
    double y, double r, struct canvas_color color);

#endif
