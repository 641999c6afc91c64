/* SPDX-License-Identifier: Apache-2.0 */
/* Bar-chart figures: pure geometry (axis range, ticks, bars, labels, legend) and drawing through a canvas. */
#ifndef IGREPORT_CHART_H
#define IGREPORT_CHART_H

#include <stddef.h>

#include "canvas.h"
#include "document.h"
#include "template.h"

/* Most y ticks an axis gets (including the ends added by rounding the range). */
#define CHART_MAX_TICKS 16

/* A rectangle in page points, y growing downwards. */
struct chart_rect {
	double x, y, w, h;
};

/* One bar (or gap) of one series at one rate. */
struct chart_bar {
	int gap;                 /* no data: no bar, an "n/a" mark at the baseline */
	double mean, lo, hi;     /* the value and its drawn interval (doc_value) */
	double cx;               /* centre x of the bar's slot */
	struct chart_rect r;     /* the bar, clipped to the plot; empty for a gap */
	int has_err;             /* hi > lo: an error bar from err_top to err_bottom */
	double err_top, err_bottom; /* page y, clipped to the plot */
	int cap_top, cap_bottom; /* a cap at that end (none where the bar was clipped) */
	double cap_half;         /* half the cap's length */
	char *label;             /* owned value text; NULL when no label is shown */
	double lx, ly;           /* text anchor: centre-aligned baseline, or for a
	                            vertical label the baseline x and start y */
	struct chart_rect lbox;  /* the label's ink box, for overlap checks */
};

/* The complete geometry of one chart. */
struct chart_layout {
	const struct template *tpl;
	const struct tpl_chart *spec;
	struct chart_rect box, plot;
	const char *title, *x_label, *y_label; /* borrowed from the document */
	double title_size;
	double ymin, ymax;               /* the axis range */
	double ticks[CHART_MAX_TICKS];
	size_t nticks;
	int tick_decimals;
	const struct doc_series *series; /* borrowed from the document */
	size_t nseries;
	size_t nrates;
	struct chart_bar *bars;          /* nrates * nseries, bars[rate * nseries + series] */
	double bar_w, base_y;            /* bar width; page y of the bars' base */
	double dot_r;                    /* run dots' radius */
	char **xlabels;                  /* nrates rate labels, owned */
	double xlabel_size;
	int xlabel_vertical;
	size_t xlabel_every;             /* every k-th rate label is drawn */
	double label_size;               /* value label size after shrinking */
	int label_vertical;              /* value labels rotated to fit narrow bars */
	int legend;
	struct chart_rect legend_box;
};

/* What the y axis must show of one value: the value and how far its marks reach. */
struct chart_extent {
	double mean, lo, hi;   /* lo <= mean <= hi: its interval, or a run's value thrice */
};

/*
 * The y range for n extents (n may be 0) by rule: TPL_YRANGE_ZERO gives
 * 0 .. headroom * max(hi), going below 0 (headroom * min(lo)) only for
 * negative values; TPL_YRANGE_SPREAD gives floor * min(mean) ..
 * headroom * max(hi) and falls back to ZERO when some mean is <= 0.
 * Empty or all-zero data gives 0 .. 1; a degenerate range is widened
 * around its value.
 */
void chart_y_range(enum tpl_yrange rule, double headroom, double floor,
    const struct chart_extent *e, size_t n, double *lo, double *hi);

/*
 * Chooses 1-2-5 tick steps for [*lo, *hi]: the smallest step 1, 2 or 5
 * times a power of ten giving at most max_ticks ticks inside the range
 * (max_ticks clamped to 2 .. CHART_MAX_TICKS - 2). Then an end of the
 * range is moved out to the next tick only when that adds at most 10% of
 * the span (a nicer axis that wastes little room). Writes the ticks in
 * ascending order and returns their count; *step receives the step.
 */
size_t chart_ticks(double *lo, double *hi, size_t max_ticks,
    double ticks[CHART_MAX_TICKS], double *step);

/*
 * The ticks of an axis, as every chart engine labels them: chart_ticks
 * on [*lo, *hi] with at most max_ticks, then *decimals (as many as the
 * step needs) and *widest (the widest label at size, measured with c's
 * fonts). Returns the count; *step (may be NULL) receives the step.
 */
size_t chart_axis_ticks(const struct canvas *c, double size, size_t max_ticks,
    double *lo, double *hi, double ticks[CHART_MAX_TICKS], int *decimals,
    double *widest, double *step);

/*
 * The y axis of a plot len points high, as the bar and line charts label
 * it: chart_axis_ticks on lo .. hi with a tick per 4 label sizes at most
 * (at least 2), the range widened into *ymin, *ymax. Returns the widest
 * tick label's width.
 */
double chart_y_axis(const struct canvas *c, double size, double lo, double hi,
    double len, double *ymin, double *ymax, double ticks[CHART_MAX_TICKS],
    size_t *nticks, int *decimals);

/* A text style: face, size, colour, alignment, rotated when vertical. */
struct canvas_text chart_text(enum font_face face, double size,
    struct canvas_color color, enum canvas_align align, int vertical);

/*
 * Lays out chart ch (nseries and ncats at least 1) in the box (x, y, w,
 * h), measuring text with c's fonts. t and ch must outlive the layout;
 * free it with chart_layout_free.
 */
struct chart_layout *chart_layout_new(const struct canvas *c,
    const struct template *t, const struct doc_chart *ch, double x, double y,
    double w, double h);

/*
 * Draws a laid-out chart, one canvas group per element: "grid", "bars",
 * "errorbars", "runs" (a dot per run over its bar, spread evenly across
 * the bar in input order), "axes", "labels", "legend", "title", all
 * inside "chart".
 */
void chart_draw(struct canvas *c, const struct chart_layout *l);

void chart_layout_free(struct chart_layout *l);

/*
 * Draws figure fig (a DOC_FIGURE block) into the box (x, y, w,
 * fig->height): the bold title centred on top, then its charts side by
 * side with equal widths, inside a group "figure".
 */
void chart_draw_figure(struct canvas *c, const struct template *t,
    const struct doc_block *fig, double x, double y, double w);

#endif
