/* SPDX-License-Identifier: Apache-2.0 */
/* The change chart of a comparison: pure geometry (rows, percent axis, threshold band, clipped whiskers) and drawing through a canvas. */
#include "chart_changes.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "utf8.h"
#include "xalloc.h"

#define CC_TICK_LEN 3.5
/* Height of digits relative to the font size (DejaVu Sans: 1493/2048 em). */
#define CC_DIGIT_H 0.73
/* A line of text, ascent to descent, per point of font size (DejaVu Sans: 1.164), rounded up for estimates. */
#define CC_LINE 1.2
/* Row labels take at most this share of the chart's width; longer ones are shortened. */
#define CC_LABEL_SHARE 0.4
/* Whiskers may widen the axis by this share of the points' span on each side. */
#define CC_WHISKER_REACH 0.5
#define CC_PAD 0.04
#define CC_ELLIPSIS "\xe2\x80\xa6"

static const struct canvas_color cc_band = {0xbd, 0xbd, 0xbd};

void
chart_changes_range(const struct doc_chart *ch, double *lo, double *hi)
{
	double l = fmin(0, -ch->band), h = fmax(0, ch->band), wl, wh, span;
	size_t i;

	for (i = 0; i < ch->nchanges; i++)
		if (isfinite(ch->changes[i].percent)) {
			l = fmin(l, ch->changes[i].percent);
			h = fmax(h, ch->changes[i].percent);
		}
	if (h - l <= 0) {
		l = -1;
		h = 1;
	}
	span = h - l;
	wl = l;
	wh = h;
	for (i = 0; i < ch->nchanges; i++) {
		if (isfinite(ch->changes[i].lo))
			wl = fmin(wl, ch->changes[i].lo);
		if (isfinite(ch->changes[i].hi))
			wh = fmax(wh, ch->changes[i].hi);
	}
	l = fmax(wl, l - CC_WHISKER_REACH * span);
	h = fmin(wh, h + CC_WHISKER_REACH * span);
	span = h - l;
	*lo = l - CC_PAD * span;
	*hi = h + CC_PAD * span;
}

/* What a chart takes besides its rows: title, tick labels, axis title (estimated without fonts, generously). */
static double
cc_chrome(const struct template *t)
{
	double as = t->axis_size;

	return 0.5 * as + CC_LINE * 1.2 * as + CC_LINE * as + CC_TICK_LEN + 2 +
	    CC_LINE * as + 0.3 * as + 2;
}

static double
cc_figure_title(const struct template *t, int titled)
{
	return titled ? (CC_LINE + 0.5) * t->figure_title_size : 0;
}

double
chart_changes_height(const struct template *t, size_t nrows, int titled)
{
	return cc_figure_title(t, titled) + cc_chrome(t) +
	    (double)nrows * CHART_CHANGES_PITCH * t->label_size;
}

size_t
chart_changes_max_rows(const struct template *t, double height, int titled)
{
	double room = height - cc_figure_title(t, titled) - cc_chrome(t);
	/* The epsilon: chart_changes_height of n rows holds n rows despite rounding. */
	double n = floor(room / (CHART_CHANGES_PITCH * t->label_size) + 1e-9);

	return n >= 1 ? (size_t)n : 1;
}

static double
cc_em(const struct canvas *c, double size)
{
	return fonts_ascent(c->fonts, FONT_REGULAR, size) -
	    fonts_descent(c->fonts, FONT_REGULAR, size);
}

static double
xmap(const struct chart_changes *l, double v)
{
	return l->plot.x + l->plot.w * (v - l->xmin) / (l->xmax - l->xmin);
}

/* Page x of percent v clamped to the plot; *cut: -1 or +1 when v lay beyond that end. */
static double
cc_clamp(const struct chart_changes *l, double v, int *cut)
{
	*cut = v < l->xmin ? -1 : v > l->xmax ? 1 : 0;
	if (*cut < 0)
		return l->plot.x;
	if (*cut > 0)
		return l->plot.x + l->plot.w;
	return xmap(l, v);
}

/* s, or its longest prefix (whole characters) with U+2026 that fits in w at size. */
static char *
cc_fit(const struct canvas *c, const char *s, double size, double w)
{
	size_t len = strlen(s), at = 0, best = 0, step;
	uint32_t cp;
	char *out;

	if (fonts_text_width(c->fonts, FONT_REGULAR, size, s) <= w)
		return xstrdup(s);
	out = xcalloc(len + sizeof(CC_ELLIPSIS), 1);
	while (at < len) {
		step = utf8_decode((const unsigned char *)s + at, len - at, &cp);
		at += step ? step : 1;
		memcpy(out, s, at);
		strcpy(out + at, CC_ELLIPSIS);
		if (fonts_text_width(c->fonts, FONT_REGULAR, size, out) > w)
			break;
		best = at;
	}
	memcpy(out, s, best);
	strcpy(out + best, CC_ELLIPSIS);
	return out;
}

/* Row pitch and label size for the height between top and bottom: never more text than a row holds. */
static void
cc_rows_fit(struct chart_changes *l, const struct canvas *c, double room)
{
	double n = (double)l->nrows, em1 = cc_em(c, 1);

	l->pitch = fmin(CHART_CHANGES_PITCH * l->tpl->label_size,
	    fmax(room, 1) / n);
	l->label_size = fmin(l->tpl->label_size, l->pitch / (1.05 * em1));
}

/* Ticks that leave room between their labels. */
static void
cc_ticks(struct chart_changes *l, const struct canvas *c, double lo, double hi)
{
	double as = l->tpl->axis_size, step, w;
	size_t maxt = (size_t)fmax(2, floor(l->plot.w / (4 * as)));

	for (;;) {
		l->xmin = lo;
		l->xmax = hi;
		l->nticks = chart_axis_ticks(c, as, maxt, &l->xmin, &l->xmax,
		    l->ticks, &l->tick_decimals, &w, &step);
		if (maxt <= 2 || l->nticks < 2 ||
		    l->plot.w * step / (l->xmax - l->xmin) >= w + as)
			return;
		maxt--;
	}
}

/* Label and value columns, then the plot between them. */
static void
cc_columns(struct chart_changes *l, const struct canvas *c)
{
	double gap = 0.6 * l->tpl->axis_size, lw = 0, vw = 0, cap;
	size_t i;

	for (i = 0; i < l->nrows; i++) {
		const struct doc_change *ch = l->rows[i].change;

		lw = fmax(lw, fonts_text_width(c->fonts, FONT_REGULAR,
		    l->label_size, ch->label));
		vw = fmax(vw, fonts_text_width(c->fonts, FONT_REGULAR,
		    l->label_size, ch->value));
	}
	cap = CC_LABEL_SHARE * l->box.w;
	lw = fmin(lw, cap);
	for (i = 0; i < l->nrows; i++)
		l->rows[i].label = cc_fit(c, l->rows[i].change->label,
		    l->label_size, lw);
	l->label_right = l->box.x + lw;
	l->value_right = l->box.x + l->box.w - 0.25 * l->tpl->axis_size;
	l->plot.x = l->label_right + gap;
	l->plot.w = fmax(1, l->value_right - vw - gap - l->plot.x);
}

static void
cc_place_row(struct chart_changes *l, struct chart_change_row *r, size_t i)
{
	const struct doc_change *ch = r->change;

	r->y = l->plot.y + l->pitch * ((double)i + 0.5);
	r->x = cc_clamp(l, ch->percent, &r->out);
	r->has_whisker = ch->lo < ch->hi;
	if (!r->has_whisker)
		return;
	r->x_lo = cc_clamp(l, ch->lo, &r->lo_cut);
	r->x_hi = cc_clamp(l, ch->hi, &r->hi_cut);
	/* A whole interval beyond one end: only the arrow of its point is left. */
	r->has_whisker = r->x_hi > r->x_lo;
}

static void
cc_place(struct chart_changes *l)
{
	int cut;
	size_t i;

	l->has_band = l->band > 0;
	l->zero_x = xmap(l, 0);
	for (i = 0; i < l->nrows; i++)
		cc_place_row(l, &l->rows[i], i);
	if (!l->has_band)
		return;
	l->band_x0 = cc_clamp(l, -l->band, &cut);
	l->band_x1 = cc_clamp(l, l->band, &cut);
}

struct chart_changes *
chart_changes_new(const struct canvas *c, const struct template *t,
    const struct doc_chart *ch, double x, double y, double w, double h)
{
	struct chart_changes *l;
	double as = t->axis_size, em = cc_em(c, as), top, bottom, lo, hi;
	size_t i;

	assert(ch->kind == DOC_CHART_CHANGES && ch->nchanges > 0);
	l = xcalloc(1, sizeof(*l));
	l->tpl = t;
	l->box = (struct chart_rect){x, y, w, h};
	l->title = ch->title != NULL ? ch->title : "";
	l->x_label = ch->x_label != NULL ? ch->x_label : "";
	l->title_size = 1.2 * as;
	l->nrows = ch->nchanges;
	l->rows = xcalloc(l->nrows, sizeof(*l->rows));
	for (i = 0; i < l->nrows; i++)
		l->rows[i].change = &ch->changes[i];
	top = y + 0.5 * as + (*l->title ? cc_em(c, l->title_size) : 0);
	bottom = y + h - (*l->x_label ? em + 0.3 * as : 0) - em -
	    CC_TICK_LEN - 2;
	cc_rows_fit(l, c, bottom - top);
	l->plot.y = top;
	l->plot.h = l->pitch * (double)l->nrows;
	cc_columns(l, c);
	chart_changes_range(ch, &lo, &hi);
	cc_ticks(l, c, lo, hi);
	l->band = ch->band;
	cc_place(l);
	return l;
}

void
chart_changes_free(struct chart_changes *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nrows; i++)
		free(l->rows[i].label);
	free(l->rows);
	free(l);
}

static void
draw_band(struct canvas *c, const struct chart_changes *l)
{
	struct canvas_fill f = {cc_band, 0.35};

	if (!l->has_band)
		return;
	c->ops->begin_group(c->dev, "band");
	c->ops->rect(c->dev, l->band_x0, l->plot.y, l->band_x1 - l->band_x0,
	    l->plot.h, &f, NULL);
	c->ops->end_group(c->dev);
}

static void
draw_grid(struct canvas *c, const struct chart_changes *l)
{
	struct canvas_stroke st = {l->tpl->grid_color, 0.5, l->tpl->grid_opacity, 0};
	struct canvas_stroke zero = {l->tpl->text_color, 1, 1, 0};
	size_t i;

	c->ops->begin_group(c->dev, "grid");
	for (i = 0; i < l->nticks; i++) {
		double x = xmap(l, l->ticks[i]);

		c->ops->line(c->dev, x, l->plot.y, x, l->plot.y + l->plot.h, &st);
	}
	c->ops->end_group(c->dev);
	c->ops->begin_group(c->dev, "zero");
	c->ops->line(c->dev, l->zero_x, l->plot.y, l->zero_x,
	    l->plot.y + l->plot.h, &zero);
	c->ops->end_group(c->dev);
}

/* A filled triangle with its tip at (x, y) pointing to side (-1 left, +1 right). */
static void
draw_arrow(struct canvas *c, double x, double y, int side, double a,
    struct canvas_color color)
{
	struct canvas_fill f = {color, 1};
	double xy[6] = {x, y, x - side * a, y - 0.6 * a, x - side * a, y + 0.6 * a};

	c->ops->path(c->dev, xy, 3, 1, &f, NULL);
}

static void
draw_whisker(struct canvas *c, const struct chart_changes *l,
    const struct chart_change_row *r)
{
	struct canvas_stroke st = {r->change->color, 1.2, 1, 0};
	double cap = fmin(0.3 * l->pitch, 3), a = fmin(0.35 * l->pitch, 4);

	if (!r->has_whisker)
		return;
	c->ops->line(c->dev, r->x_lo, r->y, r->x_hi, r->y, &st);
	if (r->lo_cut)
		draw_arrow(c, r->x_lo, r->y, -1, a, r->change->color);
	else
		c->ops->line(c->dev, r->x_lo, r->y - cap, r->x_lo, r->y + cap, &st);
	if (r->hi_cut)
		draw_arrow(c, r->x_hi, r->y, 1, a, r->change->color);
	else
		c->ops->line(c->dev, r->x_hi, r->y - cap, r->x_hi, r->y + cap, &st);
}

static void
draw_row(struct canvas *c, const struct chart_changes *l,
    const struct chart_change_row *r)
{
	const struct template *t = l->tpl;
	struct canvas_fill f = {r->change->color, 1};
	struct canvas_text lt = chart_text(FONT_REGULAR, l->label_size,
	    t->text_color, CANVAS_RIGHT, 0);
	struct canvas_text vt = chart_text(FONT_REGULAR, l->label_size,
	    r->change->color, CANVAS_RIGHT, 0);
	double base = r->y + CC_DIGIT_H * l->label_size / 2;

	canvas_begin_tip(c, "change", r->change->tip);
	draw_whisker(c, l, r);
	if (r->out != 0)
		draw_arrow(c, r->x, r->y, r->out, fmin(0.45 * l->pitch, 5),
		    r->change->color);
	else
		c->ops->circle(c->dev, r->x, r->y, fmin(0.25 * l->pitch, 3), &f,
		    NULL);
	c->ops->text(c->dev, l->label_right, base, r->label, &lt);
	c->ops->text(c->dev, l->value_right, base, r->change->value, &vt);
	c->ops->end_group(c->dev);
}

static void
draw_axes(struct canvas *c, const struct chart_changes *l)
{
	const struct template *t = l->tpl;
	struct canvas_stroke st = {t->text_color, 0.8, 1, 0};
	struct canvas_text ts = chart_text(FONT_REGULAR, t->axis_size,
	    t->text_color, CANVAS_CENTER, 0);
	double bottom = l->plot.y + l->plot.h;
	double asc = fonts_ascent(c->fonts, FONT_REGULAR, t->axis_size);
	char buf[FORMAT_MAX];
	size_t i;

	c->ops->begin_group(c->dev, "axes");
	c->ops->rect(c->dev, l->plot.x, l->plot.y, l->plot.w, l->plot.h, NULL, &st);
	for (i = 0; i < l->nticks; i++) {
		double x = xmap(l, l->ticks[i]);

		c->ops->line(c->dev, x, bottom, x, bottom + CC_TICK_LEN, &st);
		format_fixed(buf, l->ticks[i], l->tick_decimals);
		c->ops->text(c->dev, x, bottom + CC_TICK_LEN + 2 + asc, buf, &ts);
	}
	if (*l->x_label)
		c->ops->text(c->dev, l->plot.x + l->plot.w / 2, bottom +
		    CC_TICK_LEN + 2 + asc + cc_em(c, t->axis_size) + 0.3 *
		    t->axis_size, l->x_label, &ts);
	c->ops->end_group(c->dev);
}

static void
draw_title(struct canvas *c, const struct chart_changes *l)
{
	struct canvas_text ts = chart_text(FONT_REGULAR, l->title_size,
	    l->tpl->text_color, CANVAS_CENTER, 0);

	if (!*l->title)
		return;
	c->ops->begin_group(c->dev, "title");
	c->ops->text(c->dev, l->box.x + l->box.w / 2, l->box.y +
	    fonts_ascent(c->fonts, FONT_REGULAR, l->title_size), l->title, &ts);
	c->ops->end_group(c->dev);
}

void
chart_changes_draw(struct canvas *c, const struct chart_changes *l)
{
	size_t i;

	c->ops->begin_group(c->dev, "chart");
	draw_band(c, l);
	draw_grid(c, l);
	for (i = 0; i < l->nrows; i++)
		draw_row(c, l, &l->rows[i]);
	draw_axes(c, l);
	draw_title(c, l);
	c->ops->end_group(c->dev);
}

void
chart_changes_paint(struct canvas *c, const struct template *t,
    const struct doc_chart *ch, double x, double y, double w, double h)
{
	struct chart_changes *l = chart_changes_new(c, t, ch, x, y, w, h);

	chart_changes_draw(c, l);
	chart_changes_free(l);
}
