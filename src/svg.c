/* SPDX-License-Identifier: Apache-2.0 */
/* The SVG back end: a canvas that writes one figure into memory through xmlout. */
#include "svg.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"
#include "xmlout.h"

/* How a standalone document and an inline element begin: all that tells them apart. */
#define SVG_XMLNS "http://www.w3.org/2000/svg"
#define SVG_FILE_START \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"" SVG_XMLNS \
	"\" version=\"1.1\""
#define SVG_INLINE_START "<svg xmlns=\"" SVG_XMLNS "\" role=\"img\""

/* Generic names after DejaVu, which the PDF embeds, so widths stay close. */
#define SVG_FONT_FAMILY "DejaVu Sans, Verdana, sans-serif"
/* Beyond this a coordinate means nothing on a page, and x*100 stays exact. */
#define SVG_NUMBER_CAP 1e15

struct svg {
	struct xmlout w;
	char *title; /* sanitised */
	char *desc;  /* sanitised */
	char *clean; /* svg_clean's buffer, clean_cap bytes */
	size_t clean_cap;
	int pages;   /* begin_page calls */
	int in_page;
	int depth;  /* open groups */
	int fragment; /* svg_info.fragment */
};

void
svg_format_number(char *buf, double x)
{
	char digits[SVG_NUMBER_MAX];
	long long cents;
	unsigned long long u;
	size_t n = 0, i = 0;

	if (!isfinite(x))
		x = 0;
	if (x > SVG_NUMBER_CAP)
		x = SVG_NUMBER_CAP;
	if (x < -SVG_NUMBER_CAP)
		x = -SVG_NUMBER_CAP;
	cents = llround(x * 100);
	u = cents < 0 ? (unsigned long long)-cents : (unsigned long long)cents;
	/* Digits in reverse, the two decimals first. */
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0 || n < 3);
	if (cents < 0)
		buf[i++] = '-';
	while (n > 2)
		buf[i++] = digits[--n];
	if (digits[1] != '0' || digits[0] != '0') {
		buf[i++] = '.';
		buf[i++] = digits[1];
		if (digits[0] != '0')
			buf[i++] = digits[0];
	}
	buf[i] = '\0';
}

/*
 * Sanitises utf8 into out, which has room for 3 * strlen(utf8) + 1
 * bytes (U+FFFD takes 3 bytes and replaces one); returns out.
 */
static char *
svg_sanitize_into(char *out, const char *utf8, int keep_newlines)
{
	const unsigned char *p = (const unsigned char *)(utf8 ? utf8 : "");
	size_t o = 0;
	uint32_t c;

	while (*p != '\0') {
		/* Printable ASCII, most of any text, stays as it is. */
		if (*p >= 0x20 && *p < 0x80) {
			out[o++] = (char)*p++;
			continue;
		}
		p += utf8_decode(p, UTF8_NUL_TERMINATED, &c);
		if (c < 0x20) {
			if (c == '\n' || c == '\t')
				out[o++] = keep_newlines ? (char)c : ' ';
			else if (c == '\r' && !keep_newlines)
				out[o++] = ' ';
			continue;
		}
		/* U+FFFE and U+FFFF are not XML characters. */
		if (c == 0xfffe || c == 0xffff)
			continue;
		o += utf8_encode(c, out + o);
	}
	out[o] = '\0';
	return out;
}

char *
svg_sanitize(const char *utf8, int keep_newlines)
{
	size_t len = utf8 ? strlen(utf8) : 0;

	return svg_sanitize_into(xmalloc(3 * len + 1), utf8, keep_newlines);
}

/* utf8 sanitised into s's own buffer: valid until the next call. */
static const char *
svg_clean(struct svg *s, const char *utf8)
{
	size_t need = 3 * (utf8 ? strlen(utf8) : 0) + 1;

	if (need > s->clean_cap) {
		free(s->clean);
		s->clean = xmalloc(need);
		s->clean_cap = need;
	}
	return svg_sanitize_into(s->clean, utf8, 0);
}

/* An attribute whose value is one of ours: a name or keyword, nothing to escape. */
static void
svg_attr(struct svg *s, const char *name, const char *value)
{
	xmlout_attr_plain(&s->w, name, value, strlen(value));
}

static void
svg_attr_number(struct svg *s, const char *name, double x)
{
	char buf[SVG_NUMBER_MAX];

	svg_format_number(buf, x);
	svg_attr(s, name, buf);
}

static void
svg_attr_color(struct svg *s, const char *name, struct canvas_color c)
{
	static const char hex[] = "0123456789abcdef";
	char buf[7];

	buf[0] = '#';
	buf[1] = hex[c.r >> 4];
	buf[2] = hex[c.r & 15];
	buf[3] = hex[c.g >> 4];
	buf[4] = hex[c.g & 15];
	buf[5] = hex[c.b >> 4];
	buf[6] = hex[c.b & 15];
	xmlout_attr_plain(&s->w, name, buf, sizeof(buf));
}

/* Opacity attribute, left out at its default of 1. */
static void
svg_attr_opacity(struct svg *s, const char *name, double opacity)
{
	char buf[SVG_NUMBER_MAX];

	if (!(opacity > 0))
		opacity = 0;
	svg_format_number(buf, opacity);
	if (opacity < 1 && strcmp(buf, "1") != 0)
		svg_attr(s, name, buf);
}

/* An element holding only text (already sanitised), escaped. */
static void
svg_element_text(struct svg *s, const char *name, const char *text)
{
	xmlout_start(&s->w, name);
	xmlout_text(&s->w, text);
	xmlout_end(&s->w);
}

struct svg *
svg_open(const struct svg_info *info, struct diags *d)
{
	struct svg *s = xcalloc(1, sizeof(*s));

	(void)d;
	s->fragment = info ? info->fragment : 0;
	xmlout_init(&s->w, !s->fragment);
	s->title = svg_sanitize(info ? info->title : NULL, 0);
	s->desc = svg_sanitize(info ? info->desc : NULL, 1);
	return s;
}

static void
svg_begin_page(void *dev, double width, double height)
{
	struct svg *s = dev;
	char w[SVG_NUMBER_MAX], h[SVG_NUMBER_MAX];
	char box[4 * SVG_NUMBER_MAX];

	assert(s->pages == 0);
	s->pages++;
	s->in_page = 1;
	svg_format_number(w, width);
	svg_format_number(h, height);
	strcpy(box, "0 0 ");
	strcat(box, w);
	strcat(box, " ");
	strcat(box, h);
	xmlout_start(&s->w, "svg");
	svg_attr(s, "xmlns", SVG_XMLNS);
	if (s->fragment)
		svg_attr(s, "role", "img");
	else
		svg_attr(s, "version", "1.1");
	svg_attr(s, "width", w);
	svg_attr(s, "height", h);
	svg_attr(s, "viewBox", box);
	svg_element_text(s, "title", s->title);
	svg_element_text(s, "desc", s->desc);
	/* Opaque, so the figure reads the same on a dark page. */
	xmlout_start(&s->w, "rect");
	svg_attr(s, "width", w);
	svg_attr(s, "height", h);
	svg_attr(s, "fill", "#ffffff");
	xmlout_end(&s->w);
}

static void
svg_end_page(void *dev)
{
	struct svg *s = dev;

	assert(s->in_page && s->depth == 0);
	s->in_page = 0;
	xmlout_end(&s->w);
}

static void
svg_begin_group(void *dev, const char *name)
{
	struct svg *s = dev;
	const char *clean = svg_clean(s, name);

	assert(s->in_page);
	s->depth++;
	xmlout_start(&s->w, "g");
	if (clean[0] != '\0')
		xmlout_attr(&s->w, "class", clean);
}

static void
svg_end_group(void *dev)
{
	struct svg *s = dev;

	assert(s->depth > 0);
	s->depth--;
	xmlout_end(&s->w);
}

static void
svg_stroke_attrs(struct svg *s, const struct canvas_stroke *stroke)
{
	svg_attr_color(s, "stroke", stroke->color);
	svg_attr_number(s, "stroke-width", stroke->width > 0 ? stroke->width : 0);
	svg_attr_opacity(s, "stroke-opacity", stroke->opacity);
	if (stroke->dashed)
		svg_attr(s, "stroke-dasharray", "3 2");
}

static void
svg_paint(struct svg *s, const struct canvas_fill *fill,
    const struct canvas_stroke *stroke)
{
	if (fill != NULL) {
		svg_attr_color(s, "fill", fill->color);
		svg_attr_opacity(s, "fill-opacity", fill->opacity);
	} else {
		svg_attr(s, "fill", "none");
	}
	if (stroke != NULL)
		svg_stroke_attrs(s, stroke);
}

static void
svg_rect(void *dev, double x, double y, double w, double h,
    const struct canvas_fill *fill, const struct canvas_stroke *stroke)
{
	struct svg *s = dev;

	assert(s->in_page);
	/* SVG makes a negative size an error; the canvas allows it. */
	if (w < 0) {
		x += w;
		w = -w;
	}
	if (h < 0) {
		y += h;
		h = -h;
	}
	xmlout_start(&s->w, "rect");
	svg_attr_number(s, "x", x);
	svg_attr_number(s, "y", y);
	svg_attr_number(s, "width", w);
	svg_attr_number(s, "height", h);
	svg_paint(s, fill, stroke);
	xmlout_end(&s->w);
}

static void
svg_line(void *dev, double x1, double y1, double x2, double y2,
    const struct canvas_stroke *stroke)
{
	struct svg *s = dev;

	assert(s->in_page && stroke != NULL);
	xmlout_start(&s->w, "line");
	svg_attr_number(s, "x1", x1);
	svg_attr_number(s, "y1", y1);
	svg_attr_number(s, "x2", x2);
	svg_attr_number(s, "y2", y2);
	svg_stroke_attrs(s, stroke);
	xmlout_end(&s->w);
}

static void
svg_circle(void *dev, double cx, double cy, double r,
    const struct canvas_fill *fill, const struct canvas_stroke *stroke)
{
	struct svg *s = dev;

	assert(s->in_page);
	xmlout_start(&s->w, "circle");
	svg_attr_number(s, "cx", cx);
	svg_attr_number(s, "cy", cy);
	svg_attr_number(s, "r", r > 0 ? r : 0);
	svg_paint(s, fill, stroke);
	xmlout_end(&s->w);
}

static void
svg_path(void *dev, const double *xy, size_t n, int closed,
    const struct canvas_fill *fill, const struct canvas_stroke *stroke)
{
	struct svg *s = dev;
	char *points = xmalloc(n * (2 * SVG_NUMBER_MAX + 2) + 1);
	size_t i, len = 0;

	assert(s->in_page && n >= 2);
	for (i = 0; i < 2 * n; i++) {
		if (i > 0)
			points[len++] = i % 2 ? ',' : ' ';
		svg_format_number(points + len, xy[i]);
		len += strlen(points + len);
	}
	xmlout_start(&s->w, closed ? "polygon" : "polyline");
	xmlout_attr_plain(&s->w, "points", points, len);
	svg_paint(s, closed ? fill : NULL, stroke);
	xmlout_end(&s->w);
	free(points);
}

static const char *const svg_anchors[] = {
	[CANVAS_LEFT] = "start",
	[CANVAS_CENTER] = "middle",
	[CANVAS_RIGHT] = "end",
};

static void
svg_rotation(struct svg *s, double x, double y)
{
	char xs[SVG_NUMBER_MAX], ys[SVG_NUMBER_MAX];
	char buf[3 * SVG_NUMBER_MAX + 16];

	svg_format_number(xs, x);
	svg_format_number(ys, y);
	strcpy(buf, "rotate(-90 ");
	strcat(buf, xs);
	strcat(buf, " ");
	strcat(buf, ys);
	strcat(buf, ")");
	svg_attr(s, "transform", buf);
}

static void
svg_text(void *dev, double x, double y, const char *utf8,
    const struct canvas_text *style)
{
	struct svg *s = dev;

	assert(s->in_page);
	assert(style->align >= CANVAS_LEFT && style->align <= CANVAS_RIGHT);
	xmlout_start(&s->w, "text");
	svg_attr_number(s, "x", x);
	svg_attr_number(s, "y", y);
	svg_attr(s, "font-family", SVG_FONT_FAMILY);
	svg_attr_number(s, "font-size", style->size > 0 ? style->size : 0);
	if (style->face == FONT_BOLD)
		svg_attr(s, "font-weight", "bold");
	svg_attr_color(s, "fill", style->color);
	svg_attr(s, "text-anchor", svg_anchors[style->align]);
	if (style->vertical)
		svg_rotation(s, x, y);
	xmlout_text(&s->w, svg_clean(s, utf8));
	xmlout_end(&s->w);
}

/* A <title> as the group's first child: browsers show it on hover, no script needed. */
static void
svg_tooltip(void *dev, const char *utf8)
{
	struct svg *s = dev;

	assert(s->depth > 0);
	svg_element_text(s, "title", svg_clean(s, utf8));
}

static const struct canvas_ops svg_ops = {
	.begin_page = svg_begin_page,
	.end_page = svg_end_page,
	.begin_group = svg_begin_group,
	.end_group = svg_end_group,
	.rect = svg_rect,
	.line = svg_line,
	.text = svg_text,
	.circle = svg_circle,
	.path = svg_path,
	.tooltip = svg_tooltip,
};

void
svg_canvas(struct svg *s, struct canvas *out, const struct fonts *fonts)
{
	out->ops = &svg_ops;
	out->dev = s;
	out->fonts = fonts;
}

char *
svg_finish(struct svg *s, size_t *len, int *inlinable)
{
	char *bytes;

	assert(s->pages == 1 && !s->in_page);
	if (inlinable != NULL)
		*inlinable = !s->fragment && !s->w.wide_attr;
	bytes = xmlout_finish(&s->w, len);
	svg_discard(s);
	return bytes;
}

char *
svg_inline(const char *doc, size_t len, size_t *inline_len)
{
	size_t skip = strlen(SVG_FILE_START), head = strlen(SVG_INLINE_START);
	char *out;

	assert(len >= skip && memcmp(doc, SVG_FILE_START, skip) == 0);
	*inline_len = head + len - skip;
	out = xmalloc(*inline_len + 1);
	memcpy(out, SVG_INLINE_START, head);
	memcpy(out + head, doc + skip, len - skip);
	out[*inline_len] = '\0';
	return out;
}

int
svg_close(struct svg *s, FILE *out, struct diags *d)
{
	size_t len;
	char *bytes = svg_finish(s, &len, NULL);
	int rc = 0;

	errno = 0;
	if (fwrite(bytes, 1, len, out) != len || fflush(out) != 0 ||
	    ferror(out)) {
		diags_add(d, D_WRITE_FAILED, NULL, 0, 0, "%s",
		    errno != 0 ? strerror(errno) : "write error");
		rc = -1;
	}
	free(bytes);
	return rc;
}

void
svg_discard(struct svg *s)
{
	if (s == NULL)
		return;
	xmlout_free(&s->w);
	free(s->title);
	free(s->desc);
	free(s->clean);
	free(s);
}
