/* SPDX-License-Identifier: Apache-2.0 */
/* A canvas for tests that records every drawing call as one line of text. */
#include "recording_canvas.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void
rec_printf(struct recording_canvas *rc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
rec_printf(struct recording_canvas *rc, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	xgrow((void **)&rc->text, &rc->cap, rc->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(rc->text + rc->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	rc->len += (size_t)n;
}

/* "%.1f" without the "-0.0" that rounding noise would otherwise print. */
static const char *
num(char buf[32], double v)
{
	snprintf(buf, 32, "%.1f", v);
	if (strcmp(buf, "-0.0") == 0)
		strcpy(buf, "0.0");
	return buf;
}

static void
rec_color(char buf[8], struct canvas_color c)
{
	snprintf(buf, 8, "#%02x%02x%02x", c.r, c.g, c.b);
}

static void
rec_stroke(char buf[64], const struct canvas_stroke *s)
{
	char col[8], w[32];

	if (s == NULL) {
		strcpy(buf, "none");
		return;
	}
	rec_color(col, s->color);
	snprintf(buf, 64, "%s/%.2f/%s%s", col, s->opacity, num(w, s->width),
	    s->dashed ? "/dash" : "");
}

static void
rec_begin_page(void *dev, double w, double h)
{
	char a[32], b[32];

	rec_printf(dev, "page %s %s\n", num(a, w), num(b, h));
}

static void
rec_end_page(void *dev)
{
	rec_printf(dev, "endpage\n");
}

static void
rec_begin_group(void *dev, const char *name)
{
	rec_printf(dev, "group %s\n", name);
}

static void
rec_end_group(void *dev)
{
	rec_printf(dev, "endgroup\n");
}

static void
rec_fill(char f[32], const struct canvas_fill *fill)
{
	char col[8];

	if (fill != NULL) {
		rec_color(col, fill->color);
		snprintf(f, 32, "%s/%.2f", col, fill->opacity);
	} else {
		strcpy(f, "none");
	}
}

static void
rec_rect(void *dev, double x, double y, double w, double h,
    const struct canvas_fill *fill, const struct canvas_stroke *stroke)
{
	char a[32], b[32], c[32], d[32], f[32], s[64];

	rec_fill(f, fill);
	rec_stroke(s, stroke);
	rec_printf(dev, "rect %s %s %s %s fill=%s stroke=%s\n", num(a, x),
	    num(b, y), num(c, w), num(d, h), f, s);
}

static void
rec_line(void *dev, double x1, double y1, double x2, double y2,
    const struct canvas_stroke *stroke)
{
	char a[32], b[32], c[32], d[32], s[64];

	rec_stroke(s, stroke);
	rec_printf(dev, "line %s %s %s %s stroke=%s\n", num(a, x1), num(b, y1),
	    num(c, x2), num(d, y2), s);
}

static void
rec_text(void *dev, double x, double y, const char *utf8,
    const struct canvas_text *st)
{
	static const char align[] = {[CANVAS_LEFT] = 'L', [CANVAS_CENTER] = 'C',
	    [CANVAS_RIGHT] = 'R'};
	char a[32], b[32], c[32], col[8];

	rec_color(col, st->color);
	rec_printf(dev, "text %s %s %c %c %s %s %s\"%s\"\n", num(a, x), num(b, y),
	    align[st->align], st->face == FONT_BOLD ? 'B' : 'R',
	    num(c, st->size), col, st->vertical ? "V " : "", utf8);
}

static void
rec_circle(void *dev, double cx, double cy, double r,
    const struct canvas_fill *fill, const struct canvas_stroke *stroke)
{
	char a[32], b[32], c[32], f[32], s[64];

	rec_fill(f, fill);
	rec_stroke(s, stroke);
	rec_printf(dev, "circle %s %s %s fill=%s stroke=%s\n", num(a, cx),
	    num(b, cy), num(c, r), f, s);
}

static void
rec_path(void *dev, const double *xy, size_t n, int closed,
    const struct canvas_fill *fill, const struct canvas_stroke *stroke)
{
	char a[32], b[32], f[32], s[64];
	size_t i;

	rec_fill(f, fill);
	rec_stroke(s, stroke);
	rec_printf(dev, "path %zu%s", n, closed ? " closed" : "");
	for (i = 0; i < n; i++)
		rec_printf(dev, " %s,%s", num(a, xy[2 * i]), num(b, xy[2 * i + 1]));
	rec_printf(dev, " fill=%s stroke=%s\n", f, s);
}

static void
rec_tooltip(void *dev, const char *utf8)
{
	rec_printf(dev, "tooltip \"%s\"\n", utf8);
}

static void
rec_bookmark(void *dev, int level, const char *title, const char *anchor,
    double y)
{
	char a[32];

	rec_printf(dev, "bookmark %d %s \"%s\" %s\n", level, num(a, y), title,
	    anchor != NULL ? anchor : "-");
}

static void
rec_link(void *dev, double x, double y, double w, double h,
    const char *anchor)
{
	char a[32], b[32], c[32], d[32];

	rec_printf(dev, "link %s %s %s %s %s\n", num(a, x), num(b, y),
	    num(c, w), num(d, h), anchor);
}

static const struct canvas_ops rec_ops = {
	.begin_page = rec_begin_page,
	.end_page = rec_end_page,
	.begin_group = rec_begin_group,
	.end_group = rec_end_group,
	.rect = rec_rect,
	.line = rec_line,
	.text = rec_text,
	.circle = rec_circle,
	.path = rec_path,
	.tooltip = rec_tooltip,
	.bookmark = rec_bookmark,
	.link = rec_link,
};

struct recording_canvas *
recording_canvas_new(const struct fonts *fonts)
{
	struct recording_canvas *rc = xcalloc(1, sizeof(*rc));

	rc->canvas.ops = &rec_ops;
	rc->canvas.dev = rc;
	rc->canvas.fonts = fonts;
	rc->text = xstrdup("");
	rc->cap = 1;
	return rc;
}

void
recording_canvas_clear(struct recording_canvas *rc)
{
	rc->len = 0;
	rc->text[0] = '\0';
}

size_t
recording_canvas_count(const struct recording_canvas *rc, const char *prefix)
{
	const char *p = rc->text;
	size_t n = 0, plen = strlen(prefix);

	while (*p != '\0') {
		const char *nl = strchr(p, '\n');

		if (strncmp(p, prefix, plen) == 0)
			n++;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return n;
}

void
recording_canvas_free(struct recording_canvas *rc)
{
	if (rc == NULL)
		return;
	free(rc->text);
	free(rc);
}

struct fonts *
recording_fonts_load(void)
{
	const char *root = getenv("IGREPORT_SOURCE_DIR");
	struct diags d = {0};
	struct fonts *f;
	char *dir;

	dir = xasprintf("%s/fonts", root != NULL && *root != '\0' ? root : ".");
	f = fonts_load(dir, &d);
	free(dir);
	diags_free(&d);
	return f;
}
