/* SPDX-License-Identifier: Apache-2.0 */
/* Line charts over labelled categories: the frame, the y range, the points and markers, and their drawing. */
#include "linechart.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

#include "format.h"
#include "xalloc.h"

#define LINE_TICK_LEN 3.5
#define LINE_DIGIT_H 0.73
#define LINE_CAP 2.0
#define LINE_MARK 3.0

static const struct canvas_color line_white = { 0xff, 0xff, 0xff };
static const struct canvas_color line_frame = { 0xcc, 0xcc, 0xcc };

static double
line_ymap(const struct linechart_layout *l, double v)
{
	double span = l->ymax - l->ymin;

	return l->plot.y + l->plot.h - (v - l->ymin) / span * l->plot.h;
}

/* The y range over every mean -+ half, with a margin. */
static void
line_range(const struct doc_chart *ch, double *lo, double *hi)
{
	double mn = INFINITY, mx = -INFINITY, span;
	size_t s, k;

	for (s = 0; s < ch->nseries; s++)
		for (k = 0; k < ch->ncats; k++) {
			const struct doc_value *v = &ch->series[s].values[k];

			if (v->gap)
				continue;
			mn = fmin(mn, v->mean - v->half);
			mx = fmax(mx, v->mean + v->half);
		}
	if (!isfinite(mn)) {
		*lo = 0.0;
		*hi = 1.0;
		return;
	}
	span = mx - mn > 0.0 ? mx - mn : fabs(mx) > 0.0 ? fabs(mx) : 1.0;
	*lo = mn - 0.1 * span;
	*hi = mx + 0.15 * span;
	/* Values that cannot be negative do not get a negative axis. */
	if (mn >= 0.0 && *lo < 0.0)
		*lo = 0.0;
}

static int
line_decimals(double step)
{
	int d = (int)ceil(-log10(step) - 1e-9);

	return d < 0 ? 0 : d > 6 ? 6 : d;
}

/* The widest category label at size. */
static double
line_label_width(const struct canvas *c, const struct doc_chart *ch,
    double size)
{
	double w = 0.0;
	size_t k;

	for (k = 0; k < ch->ncats; k++)
		w = fmax(w, fonts_text_width(c->fonts, FONT_REGULAR, size,
		    ch->cat_labels[k]));
	return w;
}

/* The legend's width, right of the plot. */
static double
line_legend_width(const struct canvas *c, const struct linechart_layout *l)
{
	double s = l->tpl->axis_size, w = 0.0;
	size_t i;

	if (l->ch->spec != NULL && !l->ch->spec->legend)
		return 0.0;
	for (i = 0; i < l->nseries; i++)
		w = fmax(w, fonts_text_width(c->fonts, FONT_REGULAR, s,
		    l->ch->series[i].label));
	return w + 3.5 * s;
}

/* Height below the plot for the category labels, which may turn upright. */
static double
line_xlabels(struct linechart_layout *l, const struct canvas *c, double slot)
{
	double size = 0.9 * l->tpl->axis_size, w = line_label_width(c, l->ch, size);
	double room = 0.3 * l->box.h;

	l->xlabel_every = 1;
	l->xlabel_vertical = w > 0.95 * slot;
	if (!l->xlabel_vertical) {
		l->xlabel_size = size;
		return 1.3 * size;
	}
	if (w > room)
		size = fmax(5.0, size * room / w);
	l->xlabel_size = size;
	l->xlabel_every = (size_t)ceil(1.3 * size / slot);
	if (l->xlabel_every < 1)
		l->xlabel_every = 1;
	return fmin(line_label_width(c, l->ch, size), room) + 2.0;
}

static void
line_frame_layout(struct linechart_layout *l, const struct canvas *c,
    double lo, double hi)
{
	double as = l->tpl->axis_size, step, tw = 0.0, em;
	double top, bottom, left, right, xl_h;
	char buf[FORMAT_MAX];
	size_t i;

	em = fonts_ascent(c->fonts, FONT_REGULAR, 1) -
	    fonts_descent(c->fonts, FONT_REGULAR, 1);
	l->title_size = 1.2 * as;
	l->nticks = chart_ticks(&lo, &hi, 6, l->ticks, &step);
	l->ymin = lo;
	l->ymax = hi > lo ? hi : lo + 1.0;
	l->tick_decimals = line_decimals(step);
	for (i = 0; i < l->nticks; i++) {
		format_fixed(buf, l->ticks[i], l->tick_decimals);
		tw = fmax(tw, fonts_text_width(c->fonts, FONT_REGULAR, as, buf));
	}
	top = l->box.y + 0.5 * as + (*l->ch->title ? em * l->title_size : 0);
	bottom = l->box.y + l->box.h - (*l->ch->x_label ? em * as + 0.3 * as : 0);
	left = l->box.x + (*l->ch->y_label ? em * as + 0.3 * as : 0);
	right = l->box.x + l->box.w - 0.5 * as - line_legend_width(c, l);
	l->plot.x = left + tw + LINE_TICK_LEN + 2;
	l->plot.w = fmax(1, right - l->plot.x);
	xl_h = line_xlabels(l, c, l->plot.w / (double)l->ncats);
	l->plot.y = top;
	l->plot.h = fmax(1, bottom - xl_h - LINE_TICK_LEN - 2 - top);
	l->legend_box.w = line_legend_width(c, l);
	l->legend_box.x = right + 0.5 * as;
	l->legend_box.y = l->plot.y;
	l->legend_box.h = 0.8 * as + 1.4 * as * (double)l->nseries;
}

static void
line_points(struct linechart_layout *l)
{
	double slot = l->plot.w / (double)l->ncats;
	double top = l->plot.y, bottom = l->plot.y + l->plot.h;
	size_t s, k;

	for (s = 0; s < l->nseries; s++)
		for (k = 0; k < l->ncats; k++) {
			const struct doc_value *v = &l->ch->series[s].values[k];
			struct linechart_point *p = &l->pts[s * l->ncats + k];

			p->gap = v->gap;
			p->x = l->plot.x + slot * ((double)k + 0.5);
			p->tip = v->tip;
			if (v->gap)
				continue;
			p->y = line_ymap(l, v->mean);
			p->has_err = v->half > 0.0;
			p->ylo = fmin(bottom, line_ymap(l, v->mean - v->half));
			p->yhi = fmax(top, line_ymap(l, v->mean + v->half));
		}
	l->marker_x = xcalloc(l->ch->nmarkers + 1, sizeof(*l->marker_x));
	for (k = 0; k < l->ch->nmarkers; k++)
		l->marker_x[k] = l->plot.x + slot * (double)l->ch->markers[k].cat;
}

struct linechart_layout *
linechart_layout_new(const struct canvas *c, const struct template *t,
    const struct doc_chart *ch, double x, double y, double w, double h)
{
	struct linechart_layout *l;
	double lo, hi;

	assert(ch->kind == DOC_CHART_LINE && ch->nseries > 0 && ch->ncats > 0 &&
	    ch->cat_labels != NULL);
	l = xcalloc(1, sizeof(*l));
	l->tpl = t;
	l->ch = ch;
	l->box = (struct chart_rect){ x, y, w, h };
	l->ncats = ch->ncats;
	l->nseries = ch->nseries;
	l->pts = xcalloc(l->ncats * l->nseries, sizeof(*l->pts));
	line_range(ch, &lo, &hi);
	line_frame_layout(l, c, lo, hi);
	line_points(l);
	return l;
}

void
linechart_layout_free(struct linechart_layout *l)
{
	if (l == NULL)
		return;
	free(l->pts);
	free(l->marker_x);
	free(l);
}

static struct canvas_text
line_text(double size, struct canvas_color color, enum canvas_align align,
    int vertical)
{
	struct canvas_text ts = { FONT_REGULAR, size, color, align, vertical };

	return ts;
}

static void
line_draw_grid(struct canvas *c, const struct linechart_layout *l)
{
	struct canvas_stroke st = { l->tpl->grid_color, 0.5,
		l->tpl->grid_opacity, 0 };
	size_t i;

	c->ops->begin_group(c->dev, "grid");
	for (i = 0; i < l->nticks; i++) {
		double y = line_ymap(l, l->ticks[i]);

		c->ops->line(c->dev, l->plot.x, y, l->plot.x + l->plot.w, y, &st);
	}
	c->ops->end_group(c->dev);
}

static void
line_draw_markers(struct canvas *c, const struct linechart_layout *l)
{
	size_t i;

	c->ops->begin_group(c->dev, "markers");
	for (i = 0; i < l->ch->nmarkers; i++) {
		const struct doc_marker *m = &l->ch->markers[i];
		struct canvas_stroke st = { m->color, 1.0, 1, 1 };
		struct canvas_text ts = line_text(0.85 * l->tpl->axis_size,
		    m->color, CANVAS_LEFT, 0);
		double x = l->marker_x[i];

		c->ops->line(c->dev, x, l->plot.y, x, l->plot.y + l->plot.h, &st);
		c->ops->text(c->dev, x + 2, l->plot.y + ts.size *
		    (1.0 + 1.1 * (double)(i % 3)), m->label, &ts);
	}
	c->ops->end_group(c->dev);
}

/* Series s: its segments between neighbouring values, whiskers, and a square per value. */
static void
line_draw_series(struct canvas *c, const struct linechart_layout *l, size_t s)
{
	struct canvas_color col = l->ch->series[s].color;
	struct canvas_stroke st = { col, 1.2, 1, 0 }, whisker = { col, 0.8, 1, 0 };
	struct canvas_fill f = { col, 1 };
	const struct linechart_point *p = &l->pts[s * l->ncats];
	size_t k;

	for (k = 0; k + 1 < l->ncats; k++)
		if (!p[k].gap && !p[k + 1].gap)
			c->ops->line(c->dev, p[k].x, p[k].y, p[k + 1].x,
			    p[k + 1].y, &st);
	for (k = 0; k < l->ncats; k++) {
		if (p[k].gap)
			continue;
		canvas_begin_tip(c, "point", p[k].tip);
		if (p[k].has_err) {
			c->ops->line(c->dev, p[k].x, p[k].ylo, p[k].x, p[k].yhi,
			    &whisker);
			c->ops->line(c->dev, p[k].x - LINE_CAP, p[k].ylo,
			    p[k].x + LINE_CAP, p[k].ylo, &whisker);
			c->ops->line(c->dev, p[k].x - LINE_CAP, p[k].yhi,
			    p[k].x + LINE_CAP, p[k].yhi, &whisker);
		}
		c->ops->rect(c->dev, p[k].x - LINE_MARK / 2, p[k].y - LINE_MARK / 2,
		    LINE_MARK, LINE_MARK, &f, NULL);
		c->ops->end_group(c->dev);
	}
}

static void
line_draw_yaxis(struct canvas *c, const struct linechart_layout *l)
{
	const struct template *t = l->tpl;
	struct canvas_stroke st = { t->text_color, 0.8, 1, 0 };
	struct canvas_text ts = line_text(t->axis_size, t->text_color,
	    CANVAS_RIGHT, 0);
	char buf[FORMAT_MAX];
	size_t i;

	for (i = 0; i < l->nticks; i++) {
		double y = line_ymap(l, l->ticks[i]);

		c->ops->line(c->dev, l->plot.x - LINE_TICK_LEN, y, l->plot.x, y,
		    &st);
		format_fixed(buf, l->ticks[i], l->tick_decimals);
		c->ops->text(c->dev, l->plot.x - LINE_TICK_LEN - 2, y +
		    LINE_DIGIT_H * t->axis_size / 2, buf, &ts);
	}
	if (*l->ch->y_label) {
		ts.align = CANVAS_CENTER;
		ts.vertical = 1;
		c->ops->text(c->dev, l->box.x + fonts_ascent(c->fonts,
		    FONT_REGULAR, t->axis_size), l->plot.y + l->plot.h / 2,
		    l->ch->y_label, &ts);
	}
}

static void
line_draw_xaxis(struct canvas *c, const struct linechart_layout *l)
{
	const struct template *t = l->tpl;
	struct canvas_stroke st = { t->text_color, 0.8, 1, 0 };
	struct canvas_text ts = line_text(l->xlabel_size, t->text_color,
	    l->xlabel_vertical ? CANVAS_RIGHT : CANVAS_CENTER, l->xlabel_vertical);
	double bottom = l->plot.y + l->plot.h;
	size_t k;

	for (k = 0; k < l->ncats; k++) {
		double x = l->pts[k].x;

		c->ops->line(c->dev, x, bottom, x, bottom + LINE_TICK_LEN, &st);
		if (k % l->xlabel_every != 0)
			continue;
		if (l->xlabel_vertical)
			c->ops->text(c->dev, x + LINE_DIGIT_H * l->xlabel_size / 2,
			    bottom + LINE_TICK_LEN + 2, l->ch->cat_labels[k], &ts);
		else
			c->ops->text(c->dev, x, bottom + LINE_TICK_LEN + 2 +
			    fonts_ascent(c->fonts, FONT_REGULAR, l->xlabel_size),
			    l->ch->cat_labels[k], &ts);
	}
	if (*l->ch->x_label) {
		ts = line_text(t->axis_size, t->text_color, CANVAS_CENTER, 0);
		c->ops->text(c->dev, l->plot.x + l->plot.w / 2, l->box.y +
		    l->box.h + fonts_descent(c->fonts, FONT_REGULAR,
		    t->axis_size), l->ch->x_label, &ts);
	}
}

static void
line_draw_legend(struct canvas *c, const struct linechart_layout *l)
{
	const struct chart_rect *r = &l->legend_box;
	double s = l->tpl->axis_size;
	struct canvas_fill bg = { line_white, 0.8 };
	struct canvas_stroke frame = { line_frame, 0.8, 1, 0 };
	struct canvas_text ts = line_text(s, l->tpl->text_color, CANVAS_LEFT, 0);
	size_t i;

	if (r->w <= 0.0)
		return;
	c->ops->begin_group(c->dev, "legend");
	c->ops->rect(c->dev, r->x, r->y, r->w, r->h, &bg, &frame);
	for (i = 0; i < l->nseries; i++) {
		struct canvas_stroke st = { l->ch->series[i].color, 1.5, 1, 0 };
		double y = r->y + 0.4 * s + 1.4 * s * (double)i + 0.6 * s;

		c->ops->line(c->dev, r->x + 0.5 * s, y, r->x + 2.0 * s, y, &st);
		c->ops->text(c->dev, r->x + 2.5 * s, y + LINE_DIGIT_H * s / 2,
		    l->ch->series[i].label, &ts);
	}
	c->ops->end_group(c->dev);
}

void
linechart_draw(struct canvas *c, const struct linechart_layout *l)
{
	struct canvas_stroke frame = { l->tpl->text_color, 0.8, 1, 0 };
	struct canvas_text ts = line_text(l->title_size, l->tpl->text_color,
	    CANVAS_CENTER, 0);
	size_t s;

	c->ops->begin_group(c->dev, "chart");
	line_draw_grid(c, l);
	line_draw_markers(c, l);
	c->ops->begin_group(c->dev, "lines");
	for (s = 0; s < l->nseries; s++)
		line_draw_series(c, l, s);
	c->ops->end_group(c->dev);
	c->ops->begin_group(c->dev, "axes");
	c->ops->rect(c->dev, l->plot.x, l->plot.y, l->plot.w, l->plot.h, NULL,
	    &frame);
	line_draw_yaxis(c, l);
	line_draw_xaxis(c, l);
	c->ops->end_group(c->dev);
	line_draw_legend(c, l);
	if (*l->ch->title) {
		c->ops->begin_group(c->dev, "title");
		c->ops->text(c->dev, l->plot.x + l->plot.w / 2, l->box.y +
		    fonts_ascent(c->fonts, FONT_REGULAR, l->title_size),
		    l->ch->title, &ts);
		c->ops->end_group(c->dev);
	}
	c->ops->end_group(c->dev);
}
