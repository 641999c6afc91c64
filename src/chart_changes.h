/* SPDX-License-Identifier: Apache-2.0 */
/* The change chart of a comparison: pure geometry (rows, percent axis, threshold band, clipped whiskers) and drawing through a canvas. */
#ifndef IGREPORT_CHART_CHANGES_H
#define IGREPORT_CHART_CHANGES_H

#include <stddef.h>

#include "canvas.h"
#include "chart.h"
#include "document.h"
#include "template.h"

/*
 * The figure is sized to its rows: a row takes CHART_CHANGES_PITCH times
 * the template's label size (less only when the box given is too small,
 * never so little that labels overlap), the axis and titles a fixed
 * share of the font sizes. The producer decides how many rows a figure
 * of some height holds (chart_changes_max_rows) and asks for the height
 * of the rows it keeps (chart_changes_height).
 */
#define CHART_CHANGES_PITCH 1.6

/* One row: label, whisker and point, in page points. */
struct chart_change_row {
	const struct doc_change *change; /* borrowed from the document */
	double y;                /* the row's centre line */
	double x;                /* the point, clamped to the plot */
	int out;                 /* -1, +1: beyond that end of the axis (an arrow at the edge); 0: inside */
	int has_whisker;         /* lo < hi: a whisker from x_lo to x_hi */
	double x_lo, x_hi;       /* the whisker's ends, clamped to the plot */
	int lo_cut, hi_cut;      /* that end was clamped: an arrowhead there instead of a cap */
	char *label;             /* owned: change->label, shortened with U+2026 to fit its column */
};

/* The complete geometry of one change chart. */
struct chart_changes {
	const struct template *tpl;
	struct chart_rect box, plot;
	const char *title, *x_label; /* borrowed from the document */
	double title_size, label_size, pitch;
	double xmin, xmax;           /* the axis range in percent */
	double ticks[CHART_MAX_TICKS];
	size_t nticks;
	int tick_decimals;
	double band;                 /* the threshold in percent (doc_chart.band) */
	int has_band;                /* band > 0 */
	double band_x0, band_x1;     /* the band's ends, clamped to the plot */
	double zero_x;               /* the zero line */
	double label_right;          /* row labels end here (right-aligned) */
	double value_right;          /* change values end here (right-aligned) */
	struct chart_change_row *rows;
	size_t nrows;
};

/*
 * The axis range for ch's rows: it always holds 0 and -band .. band, and
 * every finite point; whiskers widen it by at most half that span on
 * each side (the rest is clipped and marked), then 4% of room is added
 * on each side. No point off 0 and no band: -1 .. 1 before that room.
 */
void chart_changes_range(const struct doc_chart *ch, double *lo, double *hi);

/* The height a change chart of nrows rows needs, with the figure's title when titled. */
double chart_changes_height(const struct template *t, size_t nrows,
    int titled);

/* The most rows a change figure of height points (title included when titled) holds; at least 1. */
size_t chart_changes_max_rows(const struct template *t, double height,
    int titled);

/*
 * Lays out change chart ch (kind DOC_CHART_CHANGES, nchanges at least
 * 1) in the box (x, y, w, h), measuring text with c's fonts. The rows go
 * top to bottom in ch's order. t and ch must outlive the layout; free it
 * with chart_changes_free.
 */
struct chart_changes *chart_changes_new(const struct canvas *c,
    const struct template *t, const struct doc_chart *ch, double x, double y,
    double w, double h);

/*
 * Draws a laid-out change chart inside a group "chart": "band", "grid",
 * "zero", then one group "change" per row with its tooltip (whisker,
 * point, label, value), "axes" and "title".
 */
void chart_changes_draw(struct canvas *c, const struct chart_changes *l);

void chart_changes_free(struct chart_changes *l);

/* Lays out, draws and frees change chart ch in the box (x, y, w, h): what chart_draw_figure calls. */
void chart_changes_paint(struct canvas *c, const struct template *t,
    const struct doc_chart *ch, double x, double y, double w, double h);

#endif
