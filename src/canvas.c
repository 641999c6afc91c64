/* SPDX-License-Identifier: Apache-2.0 */
/* The back-end independent part of the canvas: text measurement through the shared fonts, optional navigation, and a canvas that draws nothing. */
#include "canvas.h"

double
canvas_text_width(const struct canvas *c, const char *utf8,
    const struct canvas_text *style)
{
	return fonts_text_width(c->fonts, style->face, style->size, utf8);
}

static void null_page(void *dev, double w, double h) { (void)dev; (void)w; (void)h; }
static void null_void(void *dev) { (void)dev; }
static void null_group(void *dev, const char *n) { (void)dev; (void)n; }
static void
null_rect(void *dev, double x, double y, double w, double h,
    const struct canvas_fill *fill, const struct canvas_stroke *stroke)
{
	(void)dev, (void)x, (void)y, (void)w, (void)h, (void)fill, (void)stroke;
}
static void
null_line(void *dev, double x1, double y1, double x2, double y2,
    const struct canvas_stroke *stroke)
{
	(void)dev, (void)x1, (void)y1, (void)x2, (void)y2, (void)stroke;
}
static void
null_text(void *dev, double x, double y, const char *s,
    const struct canvas_text *st)
{
	(void)dev, (void)x, (void)y, (void)s, (void)st;
}

static void
null_circle(void *dev, double cx, double cy, double r,
    const struct canvas_fill *fill, const struct canvas_stroke *stroke)
{
	(void)dev, (void)cx, (void)cy, (void)r, (void)fill, (void)stroke;
}
static void
null_path(void *dev, const double *xy, size_t n, int closed,
    const struct canvas_fill *fill, const struct canvas_stroke *stroke)
{
	(void)dev, (void)xy, (void)n, (void)closed, (void)fill, (void)stroke;
}

static const struct canvas_ops null_ops = {
	.begin_page = null_page,
	.end_page = null_void,
	.begin_group = null_group,
	.end_group = null_void,
	.rect = null_rect,
	.line = null_line,
	.text = null_text,
	.circle = null_circle,
	.path = null_path,
	.tooltip = NULL,
	.bookmark = NULL,
	.link = NULL,
};

void
canvas_begin_tip(struct canvas *c, const char *name, const char *tip)
{
	c->ops->begin_group(c->dev, name);
	if (c->ops->tooltip != NULL && tip != NULL)
		c->ops->tooltip(c->dev, tip);
}

void
canvas_bookmark(const struct canvas *c, int level, const char *title,
    const char *anchor, double y)
{
	if (c->ops->bookmark != NULL)
		c->ops->bookmark(c->dev, level, title, anchor, y);
}

void
canvas_link(const struct canvas *c, double x, double y, double w, double h,
    const char *anchor)
{
	if (c->ops->link != NULL)
		c->ops->link(c->dev, x, y, w, h, anchor);
}

void
canvas_null(struct canvas *c, const struct fonts *fonts)
{
	c->ops = &null_ops;
	c->dev = NULL;
	c->fonts = fonts;
}
