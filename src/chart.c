/* SPDX-License-Identifier: Apache-2.0 */
/* Bar-chart figures: pure geometry (axis range, ticks, bars, labels, legend) and drawing through a canvas. */
#include "chart.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_lines.h"
#include "chart_changes.h"
#include "format.h"
#include "xalloc.h"

#define CHART_TICK_LEN 3.5
#define CHART_LABEL_GAP 2.0
/* Height of digits relative to the font size (DejaVu Sans: 1493/2048 em). */
#define CHART_DIGIT_H 0.73
/* Smallest value label size, as a fraction of the template's. */
#define CHART_LABEL_FLOOR 0.7
/* An end of the y range moves out to the next tick when that costs at most this share. */
#define CHART_EXTEND_MAX 0.10

static const struct canvas_color chart_grey = {0x88, 0x88, 0x88};
static const struct canvas_color chart_white = {0xff, 0xff, 0xff};
static const struct canvas_color chart_frame = {0xcc, 0xcc, 0xcc};

void
chart_y_range(enum tpl_yrange rule, double headroom, double floor,
    const struct chart_extent *e, size_t n, double *lo, double *hi)
{
	double top = -DBL_MAX, bot = DBL_MAX, minmean = DBL_MAX;
	size_t i;

	if (n == 0) {
		*lo = 0;
		*hi = 1;
		return;
	}
	for (i = 0; i < n; i++) {
		top = fmax(top, e[i].hi);
		bot = fmin(bot, e[i].lo);
		minmean = fmin(minmean, e[i].mean);
	}
	if (rule == TPL_YRANGE_SPREAD && minmean > 0) {
		*lo = floor * minmean;
		*hi = headroom * top;
	} else {
		*lo = fmin(0, headroom * bot);
		*hi = fmax(0, headroom * top);
	}
	if (*hi > *lo)
		return;
	if (*hi == 0 && *lo == 0) {
		*hi = 1;
		return;
	}
	/* One value and a rule that leaves no span (headroom == floor): centre it. */
	{
		double v = *hi, d = fabs(v) * 0.5;

		*lo = v - d;
		*hi = v + d;
		if (minmean >= 0 && *lo < 0)
			*lo = 0;
	}
}

static size_t
ticks_count(double lo, double hi, double step)
{
	double a = ceil(lo / step - 1e-9), b = floor(hi / step + 1e-9);

	return b >= a ? (size_t)(b - a) + 1 : 0;
}

size_t
chart_ticks(double *lo, double *hi, size_t max_ticks,
    double ticks[CHART_MAX_TICKS], double *step)
{
	static const double mult[] = {1, 2, 5};
	double span = *hi - *lo, s = 1, first, nlo, nhi;
	int k, i, found = 0;
	size_t n = 0, j;

	assert(span > 0);
	if (max_ticks < 2)
		max_ticks = 2;
	if (max_ticks > CHART_MAX_TICKS - 2)
		max_ticks = CHART_MAX_TICKS - 2;
	for (k = (int)floor(log10(span / (double)max_ticks)) - 1; !found; k++)
		for (i = 0; i < 3 && !found; i++) {
			s = mult[i] * pow(10, k);
			found = ticks_count(*lo, *hi, s) <= max_ticks;
		}
	nlo = floor(*lo / s + 1e-9) * s;
	nhi = ceil(*hi / s - 1e-9) * s;
	if (*lo - nlo <= CHART_EXTEND_MAX * span)
		*lo = nlo;
	if (nhi - *hi <= CHART_EXTEND_MAX * span)
		*hi = nhi;
	first = ceil(*lo / s - 1e-9);
	for (j = 0; j < CHART_MAX_TICKS; j++) {
		double t = (first + (double)j) * s;

		if (t > *hi + 1e-9 * s)
			break;
		/* Exact zero, not -0 or 1e-17 rounding noise. */
		ticks[n++] = fabs(t) < 1e-9 * s ? 0 : t;
	}
	*step = s;
	return n;
}

size_t
chart_axis_ticks(const struct canvas *c, double size, size_t max_ticks,
    double *lo, double *hi, double ticks[CHART_MAX_TICKS], int *decimals,
    double *widest, double *step)
{
	double s;
	size_t i, n = chart_ticks(lo, hi, max_ticks, ticks, &s);
	char buf[FORMAT_MAX];

	*decimals = s >= 1 ? 0 : (int)ceil(-log10(s) - 1e-9);
	*widest = 0;
	for (i = 0; i < n; i++) {
		format_fixed(buf, ticks[i], *decimals);
		*widest = fmax(*widest, fonts_text_width(c->fonts, FONT_REGULAR,
		    size, buf));
	}
	if (step != NULL)
		*step = s;
	return n;
}

double
chart_y_axis(const struct canvas *c, double size, double lo, double hi,
    double len, double *ymin, double *ymax, double ticks[CHART_MAX_TICKS],
    size_t *nticks, int *decimals)
{
	double w;

	*ymin = lo;
	*ymax = hi;
	*nticks = chart_axis_ticks(c, size, (size_t)fmax(2, floor(len /
	    (4 * size)) + 1), ymin, ymax, ticks, decimals, &w, NULL);
	return w;
}

struct canvas_text
chart_text(enum font_face face, double size, struct canvas_color color,
    enum canvas_align align, int vertical)
{
	struct canvas_text st = {face, size, color, align, vertical};

	return st;
}

static double
ymap(const struct chart_layout *l, double v)
{
	return l->plot.y + l->plot.h * (l->ymax - v) / (l->ymax - l->ymin);
}

static double
clampy(const struct chart_layout *l, double y)
{
	return fmin(fmax(y, l->plot.y), l->plot.y + l->plot.h);
}

/* Room for the extents of chart ch: a value and its runs per bar. */
static size_t
count_extents(const struct doc_chart *ch)
{
	size_t r, s, n = 0;

	for (s = 0; s < ch->nseries; s++)
		for (r = 0; r < ch->ncats; r++)
			n += 1 + ch->series[s].values[r].nruns;
	return n;
}

/* Fills mean/lo/hi/gap of every bar; returns the extents of the values and their runs for the y range. */
static size_t
collect_bars(struct chart_layout *l, struct chart_extent *e)
{
	size_t r, s, k, n = 0;

	for (r = 0; r < l->nrates; r++)
		for (s = 0; s < l->nseries; s++) {
			const struct doc_value *v = &l->series[s].values[r];
			struct chart_bar *b = &l->bars[r * l->nseries + s];

			b->gap = v->gap;
			if (b->gap)
				continue;
			b->mean = v->mean;
			b->lo = v->lo;
			b->hi = v->hi;
			e[n++] = (struct chart_extent){v->mean, v->lo, v->hi};
			for (k = 0; l->spec->runs && k < v->nruns; k++)
				e[n++] = (struct chart_extent){v->runs[k], v->runs[k],
				    v->runs[k]};
		}
	return n;
}

static double
max_width(const struct canvas *c, char **s, size_t n, enum font_face face,
    double size)
{
	double w = 0;
	size_t i;

	for (i = 0; i < n; i++)
		w = fmax(w, fonts_text_width(c->fonts, face, size, s[i]));
	return w;
}

/* Ticks for a plot height; returns the widest tick label. */
static double
layout_ticks(struct chart_layout *l, const struct canvas *c, double lo,
    double hi, double plot_h)
{
	return chart_y_axis(c, l->tpl->axis_size, lo, hi, plot_h, &l->ymin,
	    &l->ymax, l->ticks, &l->nticks, &l->tick_decimals);
}

/* Rate labels: horizontal, shrunk a little, or vertical (every k-th); returns their height. */
static double
layout_xlabels(struct chart_layout *l, const struct canvas *c, double cat_w)
{
	static const double shrink[] = {1.0, 0.9, 0.8};
	double as = l->tpl->axis_size, w1 = max_width(c, l->xlabels, l->nrates,
	    FONT_REGULAR, 1), em = fonts_ascent(c->fonts, FONT_REGULAR, 1) -
	    fonts_descent(c->fonts, FONT_REGULAR, 1);
	size_t i;

	l->xlabel_every = 1;
	l->xlabel_vertical = 0;
	for (i = 0; i < sizeof(shrink) / sizeof(shrink[0]); i++) {
		l->xlabel_size = as * shrink[i];
		if (w1 * l->xlabel_size <= cat_w - 2)
			return em * l->xlabel_size;
	}
	l->xlabel_size = as;
	l->xlabel_vertical = 1;
	l->xlabel_every = (size_t)ceil((CHART_DIGIT_H * as + 2) / cat_w);
	if (l->xlabel_every < 1)
		l->xlabel_every = 1;
	return w1 * as;
}

/* Plot rectangle, ticks and rate labels; the title and axis titles take the box's edges. */
static void
layout_frame(struct chart_layout *l, const struct canvas *c, double lo,
    double hi)
{
	double as = l->tpl->axis_size, em = fonts_ascent(c->fonts, FONT_REGULAR, 1) -
	    fonts_descent(c->fonts, FONT_REGULAR, 1);
	double top, bottom, left, right, xl_h, tw;
	const double tick_room = CHART_TICK_LEN + 2;

	l->title_size = 1.2 * as;
	top = l->box.y + 0.5 * as + (*l->title ? em * l->title_size : 0);
	bottom = l->box.y + l->box.h - (*l->x_label ? em * as + 0.3 * as : 0);
	left = l->box.x + (*l->y_label ? em * as + 0.3 * as : 0);
	right = l->box.x + l->box.w - 0.5 * as;
	tw = layout_ticks(l, c, lo, hi, bottom - em * as - tick_room - top);
	l->plot.x = left + tw + tick_room;
	l->plot.w = fmax(1, right - l->plot.x);
	xl_h = layout_xlabels(l, c, l->plot.w / (double)l->nrates);
	l->plot.y = top;
	l->plot.h = fmax(1, bottom - xl_h - tick_room - top);
	tw = layout_ticks(l, c, lo, hi, l->plot.h);
	l->plot.x = left + tw + tick_room;
	l->plot.w = fmax(1, right - l->plot.x);
}

static void
place_bars(struct chart_layout *l)
{
	double cat_w = l->plot.w / (double)l->nrates;
	double frac = l->nseries > 1 ? 0.7 : 0.8, base;
	size_t r, s;

	l->bar_w = cat_w * frac / (double)l->nseries;
	l->dot_r = fmax(0.6, fmin(1.8, 0.12 * l->bar_w));
	base = l->ymin > 0 ? l->ymin : l->ymax < 0 ? l->ymax : 0;
	l->base_y = ymap(l, base);
	for (r = 0; r < l->nrates; r++)
		for (s = 0; s < l->nseries; s++) {
			struct chart_bar *b = &l->bars[r * l->nseries + s];
			double top, et, eb;

			b->cx = l->plot.x + cat_w * ((double)r + 0.5 - frac / 2) +
			    l->bar_w * ((double)s + 0.5);
			if (b->gap)
				continue;
			top = clampy(l, ymap(l, b->mean));
			b->r.x = b->cx - l->bar_w / 2;
			b->r.w = l->bar_w;
			b->r.y = fmin(top, l->base_y);
			b->r.h = fabs(top - l->base_y);
			if (!(b->hi > b->lo))
				continue;
			et = ymap(l, b->hi);
			eb = ymap(l, b->lo);
			b->cap_top = et >= l->plot.y;
			b->cap_bottom = eb <= l->plot.y + l->plot.h;
			b->err_top = clampy(l, et);
			b->err_bottom = clampy(l, eb);
			b->has_err = b->err_bottom > b->err_top;
			b->cap_half = fmin(0.3 * l->bar_w, 4);
		}
}

/* The highest run value of bar i (rate-major), or -inf when it shows none. */
static double
run_top(const struct chart_layout *l, size_t i)
{
	const struct doc_value *v = &l->series[i % l->nseries].values[i / l->nseries];
	double top = -HUGE_VAL;
	size_t k;

	for (k = 0; l->spec->runs && k < v->nruns; k++)
		top = fmax(top, v->runs[k]);
	return top;
}

static int
overlap(const struct chart_rect *a, const struct chart_rect *b, double pad)
{
	return a->x < b->x + b->w + pad && b->x < a->x + a->w + pad &&
	    a->y < b->y + b->h + pad && b->y < a->y + a->h + pad;
}

/*
 * The earlier shown label that box collides with, or NULL. Bars run left
 * to right, and no shown label is wider than reach, so labels of bars far
 * enough left cannot touch box: bisection skips them, else a chart with
 * thousands of rates takes quadratic time. (A label pushed against the
 * plot's left edge reaches plot.x + reach; the margin absorbs rounding.)
 */
static const struct chart_bar *
label_collision(const struct chart_layout *l, size_t upto,
    const struct chart_rect *box, double reach)
{
	size_t k, lo = 0, hi = upto;

	if (box->x >= l->plot.x + reach + 1)
		while (lo < hi) {
			k = lo + (hi - lo) / 2;
			if (l->bars[k].cx + reach / 2 + 1 <= box->x)
				lo = k + 1;
			else
				hi = k;
		}
	for (k = lo; k < upto; k++) {
		const struct chart_bar *o = &l->bars[k];

		if (o->label != NULL && o->lbox.w > 0 && overlap(box, &o->lbox, 0.5))
			return o;
	}
	return NULL;
}

enum label_mode {
	LABEL_STRICT,  /* count collisions, move nothing */
	LABEL_STAGGER, /* lift a colliding label once above the one it hits, else drop it */
	LABEL_DROP     /* drop colliding labels */
};

/* Resolves a collision of box with an earlier label; returns 0 when the label must go. */
static int
label_settle(const struct chart_layout *l, size_t i, struct chart_rect *box,
    enum label_mode mode, double reach, size_t *hits)
{
	const struct chart_bar *o;
	int lifted = 0;

	while ((o = label_collision(l, i, box, reach)) != NULL) {
		++*hits;
		if (mode == LABEL_STRICT)
			return 1;
		if (mode == LABEL_DROP || lifted++)
			return 0;
		box->y = o->lbox.y - 1 - box->h;
		if (box->y < l->plot.y)
			return 0;
		--*hits;
	}
	return 1;
}

/*
 * Places every value label at size, horizontal or vertical, above its
 * bar's CI and inside the plot. Returns the number of collisions
 * (LABEL_STRICT) or of dropped labels.
 */
static size_t
labels_try(struct chart_layout *l, const struct canvas *c, double size,
    int vertical, enum label_mode mode)
{
	size_t i, hits = 0, n = l->nrates * l->nseries;
	double reach = 0;

	for (i = 0; i < n; i++)
		l->bars[i].lbox.w = 0;
	for (i = 0; i < n; i++) {
		struct chart_bar *b = &l->bars[i];
		double w, h = CHART_DIGIT_H * size, anchor;
		struct chart_rect box;

		if (b->label == NULL)
			continue;
		w = fonts_text_width(c->fonts, FONT_REGULAR, size, b->label);
		anchor = clampy(l, ymap(l, fmax(b->hi, run_top(l, i)))) -
		    CHART_LABEL_GAP;
		box.w = vertical ? h : w;
		box.h = vertical ? w : h;
		box.x = fmax(l->plot.x, fmin(b->cx - box.w / 2,
		    l->plot.x + l->plot.w - box.w));
		box.y = fmax(anchor - box.h, l->plot.y);
		/* An unplaced label keeps lbox.w == 0 and is freed once a mode is chosen. */
		if (!label_settle(l, i, &box, mode, reach, &hits))
			continue;
		b->lbox = box;
		reach = fmax(reach, box.w);
		b->lx = vertical ? box.x + box.w : box.x + box.w / 2;
		b->ly = box.y + box.h;
	}
	return hits;
}

/*
 * Full size if labels fit; else smaller; else rotated; else staggered on
 * two levels; else rotated at the smallest size, dropping the labels
 * that would still collide.
 */
static void
place_labels(struct chart_layout *l, const struct canvas *c)
{
	double full = l->tpl->label_size, floor = CHART_LABEL_FLOOR * full, s;
	char buf[FORMAT_MAX];
	size_t i;
	int v;

	for (i = 0; l->spec->value_labels && i < l->nrates * l->nseries; i++) {
		if (l->bars[i].gap)
			continue;
		format_fixed(buf, l->bars[i].mean, l->spec->decimals);
		l->bars[i].label = xstrdup(buf);
	}
	l->label_size = floor;
	for (v = 0; v < 2; v++)
		for (s = full; s >= floor - 1e-9; s -= 0.5)
			if (labels_try(l, c, s, v, LABEL_STRICT) == 0) {
				l->label_size = s;
				l->label_vertical = v;
				return;
			}
	l->label_vertical = labels_try(l, c, floor, 0, LABEL_STAGGER) > 0;
	if (l->label_vertical)
		(void)labels_try(l, c, floor, 1, LABEL_DROP);
	for (i = 0; i < l->nrates * l->nseries; i++)
		if (l->bars[i].lbox.w == 0) {
			free(l->bars[i].label);
			l->bars[i].label = NULL;
		}
}

static double
area(const struct chart_rect *a, const struct chart_rect *b)
{
	double w = fmin(a->x + a->w, b->x + b->w) - fmax(a->x, b->x);
	double h = fmin(a->y + a->h, b->y + b->h) - fmax(a->y, b->y);

	return w > 0 && h > 0 ? w * h : 0;
}

/* How much of bars, error bars and labels a legend at box would hide. */
static double
legend_cost(const struct chart_layout *l, const struct chart_rect *box)
{
	double cost = 0;
	size_t i;

	for (i = 0; i < l->nrates * l->nseries; i++) {
		const struct chart_bar *b = &l->bars[i];
		struct chart_rect e = {b->cx - 1, b->err_top, 2,
		    b->err_bottom - b->err_top};

		cost += area(box, &b->r);
		if (b->has_err)
			cost += area(box, &e);
		if (b->label != NULL)
			cost += 4 * area(box, &b->lbox);
	}
	return cost;
}

/* Upper right unless upper left hides less (bars rise from the bottom, so lower corners rarely help). */
static void
place_legend(struct chart_layout *l, const struct canvas *c)
{
	double s = l->tpl->axis_size, inset = 4, w = 0;
	struct chart_rect ur, ul;
	size_t i;

	l->legend = l->spec->legend && l->nseries > 0;
	if (!l->legend)
		return;
	for (i = 0; i < l->nseries; i++)
		w = fmax(w, fonts_text_width(c->fonts, FONT_REGULAR, s,
		    l->series[i].label));
	ur.w = fmin(w + 3 * s, l->plot.w - 2 * inset);
	ur.h = 0.8 * s + 1.4 * s * (double)l->nseries;
	ur.x = l->plot.x + l->plot.w - inset - ur.w;
	ur.y = l->plot.y + inset;
	ul = ur;
	ul.x = l->plot.x + inset;
	l->legend_box = legend_cost(l, &ul) < legend_cost(l, &ur) ? ul : ur;
}

struct chart_layout *
chart_layout_new(const struct canvas *c, const struct template *t,
    const struct doc_chart *ch, double x, double y, double w, double h)
{
	struct chart_layout *l;
	struct chart_extent *e;
	double lo, hi;
	size_t i, n;

	assert(ch->nseries > 0 && ch->ncats > 0);
	l = xcalloc(1, sizeof(*l));
	l->tpl = t;
	l->spec = ch->spec;
	l->box = (struct chart_rect){x, y, w, h};
	l->title = ch->title;
	l->x_label = ch->x_label;
	l->y_label = ch->y_label;
	l->series = ch->series;
	l->nseries = ch->nseries;
	l->nrates = ch->ncats;
	l->bars = xcalloc(l->nrates * l->nseries, sizeof(*l->bars));
	l->xlabels = xcalloc(l->nrates, sizeof(*l->xlabels));
	for (i = 0; i < l->nrates; i++) {
		char buf[FORMAT_MAX];

		format_rate(buf, ch->cats[i]);
		l->xlabels[i] = xstrdup(buf);
	}
	e = xcalloc(count_extents(ch) + 1, sizeof(*e));
	n = collect_bars(l, e);
	chart_y_range(l->spec->yrange, l->spec->headroom, l->spec->floor, e, n,
	    &lo, &hi);
	free(e);
	layout_frame(l, c, lo, hi);
	place_bars(l);
	place_labels(l, c);
	place_legend(l, c);
	return l;
}

void
chart_layout_free(struct chart_layout *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nrates * l->nseries; i++)
		free(l->bars[i].label);
	for (i = 0; i < l->nrates; i++)
		free(l->xlabels[i]);
	free(l->xlabels);
	free(l->bars);
	free(l);
}

static void
draw_grid(struct canvas *c, const struct chart_layout *l)
{
	struct canvas_stroke st = {l->tpl->grid_color, 0.5, l->tpl->grid_opacity, 0};
	size_t i;

	c->ops->begin_group(c->dev, "grid");
	for (i = 0; i < l->nticks; i++) {
		double y = ymap(l, l->ticks[i]);

		c->ops->line(c->dev, l->plot.x, y, l->plot.x + l->plot.w, y, &st);
	}
	c->ops->end_group(c->dev);
}

/* The tooltip of bar i (rate-major, as l->bars). */
static const char *
bar_tip(const struct chart_layout *l, size_t i)
{
	return l->series[i % l->nseries].values[i / l->nseries].tip;
}

static void
draw_bars(struct canvas *c, const struct chart_layout *l)
{
	size_t i;

	c->ops->begin_group(c->dev, "bars");
	for (i = 0; i < l->nrates * l->nseries; i++) {
		const struct chart_bar *b = &l->bars[i];
		struct canvas_fill f = {l->series[i % l->nseries].color,
		    l->spec->bar_opacity};

		if (b->gap || b->r.h <= 0)
			continue;
		canvas_begin_tip(c, "bar", bar_tip(l, i));
		c->ops->rect(c->dev, b->r.x, b->r.y, b->r.w, b->r.h, &f, NULL);
		c->ops->end_group(c->dev);
	}
	c->ops->end_group(c->dev);
}

static void
draw_errorbars(struct canvas *c, const struct chart_layout *l)
{
	struct canvas_stroke st = {l->tpl->text_color, 1, 1, 0};
	size_t i;

	c->ops->begin_group(c->dev, "errorbars");
	for (i = 0; i < l->nrates * l->nseries; i++) {
		const struct chart_bar *b = &l->bars[i];

		if (b->gap || !b->has_err)
			continue;
		canvas_begin_tip(c, "errorbar", bar_tip(l, i));
		c->ops->line(c->dev, b->cx, b->err_top, b->cx, b->err_bottom, &st);
		if (b->cap_top)
			c->ops->line(c->dev, b->cx - b->cap_half, b->err_top,
			    b->cx + b->cap_half, b->err_top, &st);
		if (b->cap_bottom)
			c->ops->line(c->dev, b->cx - b->cap_half, b->err_bottom,
			    b->cx + b->cap_half, b->err_bottom, &st);
		c->ops->end_group(c->dev);
	}
	c->ops->end_group(c->dev);
}

/*
 * The runs of every bar as dots, spread evenly over the middle of the
 * bar in input order (deterministic, so the same data draws the same
 * picture), dark and half transparent so that overlapping runs show.
 */
static void
draw_runs(struct canvas *c, const struct chart_layout *l)
{
	struct canvas_fill f = {l->tpl->text_color, 0.55};
	size_t i, k;

	for (i = 0; l->spec->runs && i < l->nrates * l->nseries; i++)
		if (!l->bars[i].gap &&
		    l->series[i % l->nseries].values[i / l->nseries].nruns > 0)
			break;
	if (!l->spec->runs || i == l->nrates * l->nseries)
		return;
	c->ops->begin_group(c->dev, "runs");
	for (i = 0; i < l->nrates * l->nseries; i++) {
		const struct chart_bar *b = &l->bars[i];
		const struct doc_value *v =
		    &l->series[i % l->nseries].values[i / l->nseries];
		double spread = fmax(0, 0.6 * l->bar_w - 2 * l->dot_r);

		if (b->gap || v->nruns == 0)
			continue;
		for (k = 0; k < v->nruns; k++) {
			double x = b->cx + (v->nruns > 1 ? spread * ((double)k /
			    (double)(v->nruns - 1) - 0.5) : 0);

			c->ops->circle(c->dev, x, clampy(l, ymap(l, v->runs[k])),
			    l->dot_r, &f, NULL);
		}
	}
	c->ops->end_group(c->dev);
}

static void
draw_yaxis(struct canvas *c, const struct chart_layout *l)
{
	const struct template *t = l->tpl;
	struct canvas_stroke st = {t->text_color, 0.8, 1, 0};
	struct canvas_text ts = chart_text(FONT_REGULAR, t->axis_size,
	    t->text_color, CANVAS_RIGHT, 0);
	double mid = CHART_DIGIT_H * t->axis_size / 2;
	char buf[FORMAT_MAX];
	size_t i;

	for (i = 0; i < l->nticks; i++) {
		double y = ymap(l, l->ticks[i]);

		c->ops->line(c->dev, l->plot.x - CHART_TICK_LEN, y, l->plot.x, y, &st);
		format_fixed(buf, l->ticks[i], l->tick_decimals);
		c->ops->text(c->dev, l->plot.x - CHART_TICK_LEN - 2, y + mid, buf, &ts);
	}
	if (*l->y_label) {
		ts.align = CANVAS_CENTER;
		ts.vertical = 1;
		c->ops->text(c->dev, l->box.x + fonts_ascent(c->fonts, FONT_REGULAR,
		    t->axis_size), l->plot.y + l->plot.h / 2, l->y_label, &ts);
	}
}

static void
draw_xaxis(struct canvas *c, const struct chart_layout *l)
{
	const struct template *t = l->tpl;
	struct canvas_stroke st = {t->text_color, 0.8, 1, 0};
	struct canvas_text ts = chart_text(FONT_REGULAR, l->xlabel_size,
	    t->text_color, l->xlabel_vertical ? CANVAS_RIGHT : CANVAS_CENTER,
	    l->xlabel_vertical);
	double bottom = l->plot.y + l->plot.h, cat_w = l->plot.w / (double)l->nrates;
	double asc = fonts_ascent(c->fonts, FONT_REGULAR, l->xlabel_size);
	size_t i;

	for (i = 0; i < l->nrates; i++) {
		double x = l->plot.x + cat_w * ((double)i + 0.5);

		c->ops->line(c->dev, x, bottom, x, bottom + CHART_TICK_LEN, &st);
		if (i % l->xlabel_every != 0)
			continue;
		if (l->xlabel_vertical)
			c->ops->text(c->dev, x + CHART_DIGIT_H * l->xlabel_size / 2,
			    bottom + CHART_TICK_LEN + 2, l->xlabels[i], &ts);
		else
			c->ops->text(c->dev, x, bottom + CHART_TICK_LEN + 2 + asc,
			    l->xlabels[i], &ts);
	}
	if (*l->x_label) {
		ts = chart_text(FONT_REGULAR, t->axis_size, t->text_color,
		    CANVAS_CENTER, 0);
		c->ops->text(c->dev, l->plot.x + l->plot.w / 2, l->box.y + l->box.h +
		    fonts_descent(c->fonts, FONT_REGULAR, t->axis_size),
		    l->x_label, &ts);
	}
}

static void
draw_axes(struct canvas *c, const struct chart_layout *l)
{
	struct canvas_stroke st = {l->tpl->text_color, 0.8, 1, 0};

	c->ops->begin_group(c->dev, "axes");
	c->ops->rect(c->dev, l->plot.x, l->plot.y, l->plot.w, l->plot.h, NULL, &st);
	draw_yaxis(c, l);
	draw_xaxis(c, l);
	c->ops->end_group(c->dev);
}

static void
draw_labels(struct canvas *c, const struct chart_layout *l)
{
	const struct template *t = l->tpl;
	struct canvas_text ts = chart_text(FONT_REGULAR, l->label_size,
	    t->text_color, l->label_vertical ? CANVAS_LEFT : CANVAS_CENTER,
	    l->label_vertical);
	struct canvas_text na = chart_text(FONT_REGULAR,
	    fmax(5, 0.8 * t->label_size), chart_grey, CANVAS_CENTER, 0);
	double na_w = fonts_text_width(c->fonts, FONT_REGULAR, na.size, "n/a");
	size_t i;

	c->ops->begin_group(c->dev, "labels");
	for (i = 0; i < l->nrates * l->nseries; i++) {
		const struct chart_bar *b = &l->bars[i];

		if (b->label != NULL)
			c->ops->text(c->dev, b->lx, b->ly, b->label, &ts);
		if (!b->gap)
			continue;
		/* Rotated when wider than the bar's slot, so gaps never blur together. */
		na.vertical = na_w > l->bar_w;
		na.align = na.vertical ? CANVAS_LEFT : CANVAS_CENTER;
		c->ops->text(c->dev, na.vertical ? b->cx + CHART_DIGIT_H * na.size / 2 :
		    b->cx, l->base_y - CHART_LABEL_GAP, "n/a", &na);
	}
	c->ops->end_group(c->dev);
}

static void
draw_legend(struct canvas *c, const struct chart_layout *l)
{
	const struct template *t = l->tpl;
	const struct chart_rect *r = &l->legend_box;
	double s = t->axis_size;
	struct canvas_fill bg = {chart_white, 0.8};
	struct canvas_stroke frame = {chart_frame, 0.8, 1, 0};
	struct canvas_text ts = chart_text(FONT_REGULAR, s, t->text_color,
	    CANVAS_LEFT, 0);
	size_t i;

	if (!l->legend)
		return;
	c->ops->begin_group(c->dev, "legend");
	c->ops->rect(c->dev, r->x, r->y, r->w, r->h, &bg, &frame);
	for (i = 0; i < l->nseries; i++) {
		struct canvas_fill f = {l->series[i].color, l->spec->bar_opacity};
		double y = r->y + 0.4 * s + 1.4 * s * (double)i;

		c->ops->rect(c->dev, r->x + 0.5 * s, y + 0.2 * s, 1.5 * s, 0.8 * s,
		    &f, NULL);
		c->ops->text(c->dev, r->x + 2.5 * s, y + 0.6 * s + CHART_DIGIT_H * s / 2,
		    l->series[i].label, &ts);
	}
	c->ops->end_group(c->dev);
}

static void
draw_title(struct canvas *c, const struct chart_layout *l)
{
	struct canvas_text ts = chart_text(FONT_REGULAR, l->title_size,
	    l->tpl->text_color, CANVAS_CENTER, 0);

	if (!*l->title)
		return;
	c->ops->begin_group(c->dev, "title");
	c->ops->text(c->dev, l->plot.x + l->plot.w / 2, l->box.y +
	    fonts_ascent(c->fonts, FONT_REGULAR, l->title_size), l->title, &ts);
	c->ops->end_group(c->dev);
}

void
chart_draw(struct canvas *c, const struct chart_layout *l)
{
	c->ops->begin_group(c->dev, "chart");
	draw_grid(c, l);
	draw_bars(c, l);
	draw_errorbars(c, l);
	draw_runs(c, l);
	draw_axes(c, l);
	draw_labels(c, l);
	draw_legend(c, l);
	draw_title(c, l);
	c->ops->end_group(c->dev);
}

void
chart_draw_figure(struct canvas *c, const struct template *t,
    const struct doc_block *fig, double x, double y, double w)
{
	double gap = 2 * t->axis_size, top = y, cw;
	size_t i, n = fig->ncharts;

	assert(fig->kind == DOC_FIGURE && n > 0);
	c->ops->begin_group(c->dev, "figure");
	if (*fig->text) {
		struct canvas_text ts = chart_text(FONT_BOLD, t->figure_title_size,
		    t->text_color, CANVAS_CENTER, 0);

		top += fonts_ascent(c->fonts, FONT_BOLD, t->figure_title_size);
		c->ops->begin_group(c->dev, "title");
		c->ops->text(c->dev, x + w / 2, top, fig->text, &ts);
		c->ops->end_group(c->dev);
		top += 0.5 * t->figure_title_size -
		    fonts_descent(c->fonts, FONT_BOLD, t->figure_title_size);
	}
	cw = (w - gap * (double)(n - 1)) / (double)n;
	for (i = 0; i < n; i++) {
		double cx = x + (double)i * (cw + gap), ch = y + fig->height - top;

		if (fig->charts[i].kind == DOC_CHART_CHANGES) {
			chart_changes_paint(c, t, &fig->charts[i], cx, top, cw, ch);
		} else if (fig->charts[i].kind == DOC_CHART_LINES) {
			struct chart_lines_layout *ll = chart_lines_layout_new(c, t,
			    &fig->charts[i], cx, top, cw, ch);

			chart_lines_draw(c, ll);
			chart_lines_layout_free(ll);
		} else {
			struct chart_layout *l = chart_layout_new(c, t,
			    &fig->charts[i], cx, top, cw, ch);

			chart_draw(c, l);
			chart_layout_free(l);
		}
	}
	c->ops->end_group(c->dev);
}
