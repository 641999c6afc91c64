/* SPDX-License-Identifier: Apache-2.0 */
/* Line charts: pure geometry (log2 x axis, y range, dodged points, end labels) and drawing through a canvas. */
#include "chart_lines.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "xalloc.h"

#define LINES_TICK_LEN 3.5
/* Height of digits relative to the font size (DejaVu Sans: 1493/2048 em). */
#define LINES_DIGIT_H 0.73
/* Share of the plot's width left empty at each end, so end markers are whole. */
#define LINES_PAD 0.04
/* The end labels take at most this share of the chart's width. */
#define LINES_LABEL_SHARE 0.3
/* Most x ticks drawn (a tick per power of two or per rate). */
#define LINES_MAX_XTICKS 256

static const struct canvas_color lines_white = {0xff, 0xff, 0xff};
static const struct canvas_color lines_zero = {0x55, 0x55, 0x55};

static double
em(const struct canvas *c)
{
	return fonts_ascent(c->fonts, FONT_REGULAR, 1) -
	    fonts_descent(c->fonts, FONT_REGULAR, 1);
}

static double
ymap(const struct chart_lines_layout *l, double v)
{
	return l->plot.y + l->plot.h * (l->ymax - v) / (l->ymax - l->ymin);
}

static double
clampy(const struct chart_lines_layout *l, double y)
{
	return fmin(fmax(y, l->plot.y), l->plot.y + l->plot.h);
}

/* The x position of u (log2 of a rate, or a category index). */
static double
xmap(const struct chart_lines_layout *l, double u)
{
	double pad = LINES_PAD * l->plot.w, span = l->umax - l->umin;

	if (!(span > 0))
		return l->plot.x + l->plot.w / 2;
	return l->plot.x + pad + (l->plot.w - 2 * pad) * (u - l->umin) / span;
}

static double
cat_u(const struct chart_lines_layout *l, size_t i)
{
	return l->log2_x ? log2(l->ch->cats[i]) : (double)i;
}

/* The y range over every point's drawn interval. */
static void
y_extent(const struct doc_chart *ch, double *lo, double *hi)
{
	struct chart_extent *e = xcalloc(ch->nseries * ch->ncats + 1, sizeof(*e));
	size_t s, i, n = 0;

	for (s = 0; s < ch->nseries; s++)
		for (i = 0; i < ch->ncats; i++) {
			const struct doc_value *v = &ch->series[s].values[i];

			if (!v->gap)
				e[n++] = (struct chart_extent){v->mean, v->lo, v->hi};
		}
	chart_y_range(ch->spec->yrange, ch->spec->headroom, ch->spec->floor, e, n,
	    lo, hi);
	free(e);
}

/* The x ticks: powers of two (log2) or the rates; every k-th labelled so labels keep apart. */
static void
layout_xticks(struct chart_lines_layout *l, const struct canvas *c)
{
	double widest = 0, room;
	size_t n = 0, i, every;
	double first, last;
	char buf[FORMAT_MAX];

	if (l->log2_x) {
		first = ceil(l->umin - 1e-9);
		last = floor(l->umax + 1e-9);
	} else {
		first = 0;
		last = (double)(l->ch->ncats - 1);
	}
	if (last < first)
		last = first = l->log2_x ? round(l->umin) : 0;
	every = (size_t)ceil((last - first + 1) / LINES_MAX_XTICKS);
	if (every < 1)
		every = 1;
	l->xticks = xcalloc(LINES_MAX_XTICKS + 2, sizeof(*l->xticks));
	l->xtick_labels = xcalloc(LINES_MAX_XTICKS + 2, sizeof(*l->xtick_labels));
	for (i = 0; first + (double)(i * every) <= last + 1e-9 &&
	    n < LINES_MAX_XTICKS + 1; i++) {
		double u = first + (double)(i * every);

		if (l->ch->cat_labels != NULL)
			snprintf(buf, sizeof(buf), "%s", l->ch->cat_labels[(size_t)u]);
		else
			format_rate(buf, l->log2_x ? exp2(u) : l->ch->cats[(size_t)u]);
		l->xticks[n] = u;
		l->xtick_labels[n++] = xstrdup(buf);
		widest = fmax(widest, fonts_text_width(c->fonts, FONT_REGULAR,
		    l->xlabel_size, buf));
	}
	l->nxticks = n;
	l->xlabel_widest = widest;
	/* Labels every k-th tick, so that neighbours keep 4 points apart (upright: a line apart). */
	room = n > 1 ? fabs(xmap(l, l->xticks[1]) - xmap(l, l->xticks[0])) : 1e9;
	every = room > 0 ? (size_t)ceil(((l->xlabel_vertical ? LINES_DIGIT_H *
	    l->xlabel_size : widest) + 4) / room) : n;
	for (i = 0; every > 1 && i < n; i++)
		if (i % every != 0) {
			free(l->xtick_labels[i]);
			l->xtick_labels[i] = NULL;
		}
}

static void
layout_frame(struct chart_lines_layout *l, const struct canvas *c, double xl_h);

/*
 * Named categories whose labels would be thinned out stand upright
 * instead, in at most a third of the chart's height (smaller if need be),
 * so that every run keeps its label where it can.
 */
static void
upright_labels(struct chart_lines_layout *l, const struct canvas *c)
{
	size_t i, thinned = 0;
	double room = 0.33 * l->box.h, w = l->xlabel_widest;

	if (l->ch->cat_labels == NULL)
		return;
	for (i = 0; i < l->nxticks; i++)
		thinned += l->xtick_labels[i] == NULL;
	if (thinned == 0)
		return;
	for (i = 0; i < l->nxticks; i++)
		free(l->xtick_labels[i]);
	free(l->xtick_labels);
	free(l->xticks);
	l->xlabel_vertical = 1;
	if (w > room)
		l->xlabel_size = fmax(5, l->xlabel_size * room / w);
	layout_frame(l, c, fmin(w, room) + 2);
	layout_xticks(l, c);
}

static void
layout_frame(struct chart_lines_layout *l, const struct canvas *c, double xl_h)
{
	double as = l->tpl->axis_size, e = em(c), lo, hi, labw = 0, tw;
	double top, bottom, left, right;
	const double tick_room = LINES_TICK_LEN + 2;
	size_t s;

	l->title_size = 1.2 * as;
	l->label_size = l->tpl->label_size > 0 ? l->tpl->label_size : as;
	for (s = 0; s < l->ch->nseries; s++)
		labw = fmax(labw, fonts_text_width(c->fonts, FONT_REGULAR,
		    l->label_size, l->ch->series[s].label));
	labw = fmin(labw + 6, LINES_LABEL_SHARE * l->box.w);
	top = l->box.y + 0.5 * as + (*l->ch->title ? e * l->title_size : 0);
	bottom = l->box.y + l->box.h - (*l->ch->x_label ? e * as + 0.3 * as : 0);
	left = l->box.x + (*l->ch->y_label ? e * as + 0.3 * as : 0);
	right = l->box.x + l->box.w - labw;
	y_extent(l->ch, &lo, &hi);
	l->plot.y = top;
	l->plot.h = fmax(1, bottom - (xl_h > 0 ? xl_h : e * as) - tick_room - top);
	tw = chart_y_axis(c, as, lo, hi, l->plot.h, &l->ymin, &l->ymax, l->ticks,
	    &l->nticks, &l->tick_decimals);
	l->plot.x = left + tw + tick_room;
	l->plot.w = fmax(1, right - l->plot.x);
}

/* Sideways offset of series s at one rate, so that whiskers at a rate stay apart. */
static double
dodge(const struct chart_lines_layout *l, size_t s)
{
	double gap = l->plot.w, d;
	size_t i;

	for (i = 1; i < l->ch->ncats; i++)
		gap = fmin(gap, xmap(l, cat_u(l, i)) - xmap(l, cat_u(l, i - 1)));
	d = fmin(2.5, 0.4 * gap / (double)l->ch->nseries);
	return d * ((double)s - (double)(l->ch->nseries - 1) / 2);
}

static void
place_points(struct chart_lines_layout *l)
{
	size_t s, i, n = l->ch->ncats;

	for (s = 0; s < l->ch->nseries; s++) {
		double dx = dodge(l, s);

		for (i = 0; i < n; i++) {
			const struct doc_value *v = &l->ch->series[s].values[i];
			struct chart_point *p = &l->points[s * n + i];

			p->gap = v->gap;
			if (p->gap)
				continue;
			p->x = xmap(l, cat_u(l, i)) + dx;
			p->y = clampy(l, ymap(l, v->mean));
			if (!(v->hi > v->lo))
				continue;
			p->err_top = clampy(l, ymap(l, v->hi));
			p->err_bottom = clampy(l, ymap(l, v->lo));
			p->has_err = p->err_bottom > p->err_top;
		}
	}
}

/* Insertion sort of idx by the labels' y: a few series at most. */
static void
sort_labels(size_t *idx, size_t n, const struct chart_end_label *L)
{
	size_t i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && L[idx[j - 1]].y > L[idx[j]].y; j--) {
			size_t t = idx[j];

			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
}

/*
 * Each series' label level with its last point, then pushed apart to a
 * line's height in y order: down first, then up from the plot's bottom.
 */
static void
place_labels(struct chart_lines_layout *l)
{
	size_t s, i, k, n = l->ch->ncats, shown = 0;
	size_t *idx = xcalloc(l->ch->nseries + 1, sizeof(*idx));
	double half = LINES_DIGIT_H * l->label_size / 2;
	double step = 1.2 * l->label_size, low = l->plot.y + 2 * half,
	    high = l->plot.y + l->plot.h + half;

	for (s = 0; s < l->ch->nseries; s++) {
		struct chart_end_label *L = &l->labels[s];

		for (k = n; k > 0 && l->points[s * n + k - 1].gap; k--)
			;
		if (k == 0)
			continue;
		L->shown = 1;
		L->point_x = l->points[s * n + k - 1].x;
		L->point_y = l->points[s * n + k - 1].y;
		L->x = l->plot.x + l->plot.w + 4;
		L->y = L->point_y + half;
		idx[shown++] = s;
	}
	sort_labels(idx, shown, l->labels);
	for (i = 0; i < shown; i++) {
		struct chart_end_label *L = &l->labels[idx[i]];

		L->y = fmax(L->y, low);
		if (i > 0)
			L->y = fmax(L->y, l->labels[idx[i - 1]].y + step);
	}
	for (i = shown; i > 0; i--) {
		struct chart_end_label *L = &l->labels[idx[i - 1]];

		L->y = fmin(L->y, high);
		if (i < shown)
			L->y = fmin(L->y, l->labels[idx[i]].y - step);
	}
	free(idx);
}

struct chart_lines_layout *
chart_lines_layout_new(const struct canvas *c, const struct template *t,
    const struct doc_chart *ch, double x, double y, double w, double h)
{
	struct chart_lines_layout *l;
	size_t i;

	assert(ch->nseries > 0 && ch->ncats > 0);
	l = xcalloc(1, sizeof(*l));
	l->tpl = t;
	l->ch = ch;
	l->box = (struct chart_rect){x, y, w, h};
	/* Named categories (a trend's runs) are evenly spaced; rates on log2 while all are > 0. */
	l->log2_x = ch->cat_labels == NULL;
	for (i = 0; l->log2_x && i < ch->ncats; i++)
		if (!(ch->cats[i] > 0) || !isfinite(ch->cats[i]))
			l->log2_x = 0;
	l->umin = cat_u(l, 0);
	l->umax = cat_u(l, ch->ncats - 1);
	l->xlabel_size = t->axis_size;
	layout_frame(l, c, 0);
	layout_xticks(l, c);
	upright_labels(l, c);
	l->marker_r = fmax(1.5, fmin(3.2, 0.25 * l->tpl->axis_size + 0.7));
	l->points = xcalloc(ch->nseries * ch->ncats, sizeof(*l->points));
	l->labels = xcalloc(ch->nseries, sizeof(*l->labels));
	place_points(l);
	place_labels(l);
	l->step_x = xcalloc(ch->nmarkers + 1, sizeof(*l->step_x));
	for (i = 0; i < ch->nmarkers; i++) {
		size_t k = ch->markers[i].cat < ch->ncats ? ch->markers[i].cat :
		    ch->ncats - 1;

		l->step_x[i] = k == 0 ? xmap(l, cat_u(l, 0)) :
		    (xmap(l, cat_u(l, k - 1)) + xmap(l, cat_u(l, k))) / 2;
	}
	return l;
}

void
chart_lines_layout_free(struct chart_lines_layout *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nxticks; i++)
		free(l->xtick_labels[i]);
	free(l->xtick_labels);
	free(l->xticks);
	free(l->points);
	free(l->labels);
	free(l->step_x);
	free(l);
}

/* --- Drawing -------------------------------------------------------------- */

void
chart_draw_marker(struct canvas *c, enum chart_marker m, double x, double y,
    double r, struct canvas_color color)
{
	struct canvas_fill f = {color, 1};
	struct canvas_fill white = {lines_white, 1};
	struct canvas_stroke edge = {lines_white, 0.6, 1, 0};
	struct canvas_stroke ring = {color, 1.2, 1, 0};
	double s = 0.9 * r, pts[8];

	switch (m) {
	case CHART_MARKER_SQUARE:
		c->ops->rect(c->dev, x - s, y - s, 2 * s, 2 * s, &f, &edge);
		break;
	case CHART_MARKER_TRIANGLE:
	case CHART_MARKER_TRIANGLE_DOWN: {
		double d = m == CHART_MARKER_TRIANGLE ? 1 : -1, k = 1.15 * r;
		double t[6] = {x, y - d * k, x + k, y + d * 0.6 * k, x - k,
		    y + d * 0.6 * k};

		c->ops->path(c->dev, t, 3, 1, &f, &edge);
		break;
	}
	case CHART_MARKER_DIAMOND:
		pts[0] = x;
		pts[1] = y - 1.25 * r;
		pts[2] = x + 1.25 * r;
		pts[3] = y;
		pts[4] = x;
		pts[5] = y + 1.25 * r;
		pts[6] = x - 1.25 * r;
		pts[7] = y;
		c->ops->path(c->dev, pts, 4, 1, &f, &edge);
		break;
	case CHART_MARKER_RING:
		c->ops->circle(c->dev, x, y, r, &white, &ring);
		break;
	case CHART_MARKER_CIRCLE:
	case CHART_MARKER__MAX:
		c->ops->circle(c->dev, x, y, r, &f, &edge);
		break;
	}
}

static void
draw_grid(struct canvas *c, const struct chart_lines_layout *l)
{
	struct canvas_stroke st = {l->tpl->grid_color, 0.5, l->tpl->grid_opacity, 0};
	struct canvas_stroke zero = {lines_zero, 0.8, 1, 0};
	size_t i;

	c->ops->begin_group(c->dev, "grid");
	for (i = 0; i < l->nticks; i++) {
		double y = ymap(l, l->ticks[i]);

		c->ops->line(c->dev, l->plot.x, y, l->plot.x + l->plot.w, y, &st);
	}
	c->ops->end_group(c->dev);
	if (l->ymin < 0 && l->ymax > 0) {
		c->ops->begin_group(c->dev, "zero");
		c->ops->line(c->dev, l->plot.x, ymap(l, 0), l->plot.x + l->plot.w,
		    ymap(l, 0), &zero);
		c->ops->end_group(c->dev);
	}
}

static void
draw_whiskers(struct canvas *c, const struct chart_lines_layout *l)
{
	size_t s, i, n = l->ch->ncats;

	c->ops->begin_group(c->dev, "whiskers");
	for (s = 0; s < l->ch->nseries; s++) {
		struct canvas_stroke st = {l->ch->series[s].color, 0.9, 0.9, 0};

		for (i = 0; i < n; i++) {
			const struct chart_point *p = &l->points[s * n + i];
			double cap = 0.6 * l->marker_r;

			if (p->gap || !p->has_err)
				continue;
			c->ops->line(c->dev, p->x, p->err_top, p->x, p->err_bottom, &st);
			c->ops->line(c->dev, p->x - cap, p->err_top, p->x + cap,
			    p->err_top, &st);
			c->ops->line(c->dev, p->x - cap, p->err_bottom, p->x + cap,
			    p->err_bottom, &st);
		}
	}
	c->ops->end_group(c->dev);
}

/* Each series' line, broken at its gaps (nothing is interpolated across a rate not measured). */
static void
draw_lines(struct canvas *c, const struct chart_lines_layout *l)
{
	size_t s, i, k, n = l->ch->ncats;
	double *xy = xcalloc(2 * n + 2, sizeof(*xy));

	c->ops->begin_group(c->dev, "lines");
	for (s = 0; s < l->ch->nseries; s++) {
		struct canvas_stroke st = {l->ch->series[s].color, 1.4, 1, 0};

		for (i = 0; i < n; i = k) {
			size_t m = 0;

			for (k = i; k < n && !l->points[s * n + k].gap; k++) {
				xy[2 * m] = l->points[s * n + k].x;
				xy[2 * m + 1] = l->points[s * n + k].y;
				m++;
			}
			if (m >= 2)
				c->ops->path(c->dev, xy, m, 0, NULL, &st);
			if (k == i)
				k++;
		}
	}
	c->ops->end_group(c->dev);
	free(xy);
}

static void
draw_markers(struct canvas *c, const struct chart_lines_layout *l)
{
	size_t s, i, n = l->ch->ncats;

	c->ops->begin_group(c->dev, "markers");
	for (s = 0; s < l->ch->nseries; s++)
		for (i = 0; i < n; i++) {
			const struct chart_point *p = &l->points[s * n + i];

			if (p->gap)
				continue;
			canvas_begin_tip(c, "marker", l->ch->series[s].values[i].tip);
			chart_draw_marker(c, (enum chart_marker)(s % CHART_MARKER__MAX),
			    p->x, p->y, l->marker_r, l->ch->series[s].color);
			c->ops->end_group(c->dev);
		}
	c->ops->end_group(c->dev);
}

/* Each step: a dashed line between the runs on either side, its size at the top. */
static void
draw_steps(struct canvas *c, const struct chart_lines_layout *l)
{
	size_t i;

	if (l->ch->nmarkers == 0)
		return;
	c->ops->begin_group(c->dev, "steps");
	for (i = 0; i < l->ch->nmarkers; i++) {
		const struct doc_marker *m = &l->ch->markers[i];
		struct canvas_stroke st = {m->color, 0.9, 1, 1};
		struct canvas_text ts = chart_text(FONT_REGULAR, l->label_size,
		    m->color, CANVAS_LEFT, 0);
		double x = l->step_x[i];

		c->ops->line(c->dev, x, l->plot.y, x, l->plot.y + l->plot.h, &st);
		if (m->label != NULL && *m->label != '\0')
			c->ops->text(c->dev, x + 2, l->plot.y + 1.1 * l->label_size,
			    m->label, &ts);
	}
	c->ops->end_group(c->dev);
}

static void
draw_axes(struct canvas *c, const struct chart_lines_layout *l)
{
	const struct template *t = l->tpl;
	struct canvas_stroke st = {t->text_color, 0.8, 1, 0};
	struct canvas_text ts = chart_text(FONT_REGULAR, t->axis_size,
	    t->text_color, CANVAS_RIGHT, 0);
	double mid = LINES_DIGIT_H * t->axis_size / 2, bottom = l->plot.y + l->plot.h;
	double asc = fonts_ascent(c->fonts, FONT_REGULAR, t->axis_size);
	char buf[FORMAT_MAX];
	size_t i;

	c->ops->begin_group(c->dev, "axes");
	c->ops->rect(c->dev, l->plot.x, l->plot.y, l->plot.w, l->plot.h, NULL, &st);
	for (i = 0; i < l->nticks; i++) {
		double y = ymap(l, l->ticks[i]);

		c->ops->line(c->dev, l->plot.x - LINES_TICK_LEN, y, l->plot.x, y, &st);
		format_fixed(buf, l->ticks[i], l->tick_decimals);
		c->ops->text(c->dev, l->plot.x - LINES_TICK_LEN - 2, y + mid, buf, &ts);
	}
	for (i = 0; i < l->nxticks; i++) {
		double x = xmap(l, l->xticks[i]);
		struct canvas_text xs = chart_text(FONT_REGULAR, l->xlabel_size,
		    t->text_color, l->xlabel_vertical ? CANVAS_RIGHT : CANVAS_CENTER,
		    l->xlabel_vertical);

		c->ops->line(c->dev, x, bottom, x, bottom + LINES_TICK_LEN, &st);
		if (l->xtick_labels[i] == NULL)
			continue;
		if (l->xlabel_vertical)
			c->ops->text(c->dev, x + LINES_DIGIT_H * l->xlabel_size / 2,
			    bottom + LINES_TICK_LEN + 2, l->xtick_labels[i], &xs);
		else
			c->ops->text(c->dev, x, bottom + LINES_TICK_LEN + 2 + asc,
			    l->xtick_labels[i], &xs);
	}
	ts.align = CANVAS_CENTER;
	if (*l->ch->y_label) {
		ts.vertical = 1;
		c->ops->text(c->dev, l->box.x + asc, l->plot.y + l->plot.h / 2,
		    l->ch->y_label, &ts);
		ts.vertical = 0;
	}
	if (*l->ch->x_label)
		c->ops->text(c->dev, l->plot.x + l->plot.w / 2, l->box.y + l->box.h +
		    fonts_descent(c->fonts, FONT_REGULAR, t->axis_size),
		    l->ch->x_label, &ts);
	c->ops->end_group(c->dev);
}

static void
draw_end_labels(struct canvas *c, const struct chart_lines_layout *l)
{
	double half = LINES_DIGIT_H * l->label_size / 2;
	size_t s;

	c->ops->begin_group(c->dev, "labels");
	for (s = 0; s < l->ch->nseries; s++) {
		const struct chart_end_label *L = &l->labels[s];
		struct canvas_text ts = chart_text(FONT_REGULAR, l->label_size,
		    l->ch->series[s].color, CANVAS_LEFT, 0);
		struct canvas_stroke lead = {l->ch->series[s].color, 0.5, 0.7, 0};

		if (!L->shown)
			continue;
		/* A leader where the label is away from its line's end. */
		if (fabs(L->y - half - L->point_y) > 1.5 ||
		    L->point_x < l->plot.x + l->plot.w - 2 * l->marker_r)
			c->ops->line(c->dev, L->point_x + l->marker_r + 1, L->point_y,
			    L->x - 1.5, L->y - half, &lead);
		c->ops->text(c->dev, L->x, L->y, l->ch->series[s].label, &ts);
	}
	c->ops->end_group(c->dev);
}

static void
draw_title(struct canvas *c, const struct chart_lines_layout *l)
{
	struct canvas_text ts = chart_text(FONT_REGULAR, l->title_size,
	    l->tpl->text_color, CANVAS_CENTER, 0);

	if (!*l->ch->title)
		return;
	c->ops->begin_group(c->dev, "title");
	c->ops->text(c->dev, l->plot.x + l->plot.w / 2, l->box.y +
	    fonts_ascent(c->fonts, FONT_REGULAR, l->title_size), l->ch->title, &ts);
	c->ops->end_group(c->dev);
}

void
chart_lines_draw(struct canvas *c, const struct chart_lines_layout *l)
{
	c->ops->begin_group(c->dev, "chart");
	draw_grid(c, l);
	draw_steps(c, l);
	draw_whiskers(c, l);
	draw_lines(c, l);
	draw_markers(c, l);
	draw_axes(c, l);
	draw_end_labels(c, l);
	draw_title(c, l);
	c->ops->end_group(c->dev);
}
