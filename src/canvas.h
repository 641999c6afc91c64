/* SPDX-License-Identifier: Apache-2.0 */
/* The drawing interface that charts and tables use and every back end implements. */
#ifndef IGREPORT_CANVAS_H
#define IGREPORT_CANVAS_H

#include <stddef.h>

#include "fonts.h"

/*
 * Coordinates are in points (1/72 inch), origin at the top-left corner of
 * the page, y growing downwards. Back ends with another convention (PDF)
 * convert.
 */

struct canvas_color {
	unsigned char r, g, b;
};

enum canvas_align {
	CANVAS_LEFT,
	CANVAS_CENTER,
	CANVAS_RIGHT
};

struct canvas_fill {
	struct canvas_color color;
	double opacity; /* 0..1 */
};

struct canvas_stroke {
	struct canvas_color color;
	double width;
	double opacity; /* 0..1 */
	int dashed;     /* 0 solid, 1 dashed (3 on, 2 off) */
};

struct canvas_text {
	enum font_face face;
	double size;
	struct canvas_color color;
	enum canvas_align align; /* relative to x */
	int vertical;            /* 1: rotated 90 degrees counter-clockwise (y axis titles) */
};

/*
 * Device callbacks. dev is the back end's own state. Text is UTF-8 and
 * y is its baseline. A NULL fill or stroke in rect means "none".
 * Navigation is optional: bookmark and link are NULL in a back end that
 * has none (call them through canvas_bookmark and canvas_link).
 */
struct canvas_ops {
	void (*begin_page)(void *dev, double width, double height);
	void (*end_page)(void *dev);
	void (*begin_group)(void *dev, const char *name);
	void (*end_group)(void *dev);
	void (*rect)(void *dev, double x, double y, double w, double h,
	    const struct canvas_fill *fill, const struct canvas_stroke *stroke);
	void (*line)(void *dev, double x1, double y1, double x2, double y2,
	    const struct canvas_stroke *stroke);
	void (*text)(void *dev, double x, double y, const char *utf8,
	    const struct canvas_text *style);
	/* A circle of radius r around (cx, cy); NULL fill or stroke: none. */
	void (*circle)(void *dev, double cx, double cy, double r,
	    const struct canvas_fill *fill, const struct canvas_stroke *stroke);
	/*
	 * The straight segments through the n points xy[0..2n-1] (x, y
	 * pairs, n >= 2), back to the first when closed; NULL fill or
	 * stroke: none (an open path is never filled).
	 */
	void (*path)(void *dev, const double *xy, size_t n, int closed,
	    const struct canvas_fill *fill, const struct canvas_stroke *stroke);
	/*
	 * A tooltip for the group just begun (before anything is drawn in
	 * it): what a viewer shows on hover over the group's marks. NULL in
	 * a back end without tooltips (the PDF's).
	 */
	void (*tooltip)(void *dev, const char *utf8);
	/*
	 * An entry of the document's outline at level (1: top) for the
	 * current page from y down, titled title (UTF-8), and the target of
	 * links to anchor (NULL: none).
	 */
	void (*bookmark)(void *dev, int level, const char *title,
	    const char *anchor, double y);
	/*
	 * A clickable area of the current page that goes to the bookmark of
	 * anchor, which may come on a later page; none if it never comes.
	 */
	void (*link)(void *dev, double x, double y, double w, double h,
	    const char *anchor);
};

/* A drawing target: the device, its callbacks and the shared font metrics. */
struct canvas {
	const struct canvas_ops *ops;
	void *dev;
	const struct fonts *fonts;
};

/*
 * A canvas that draws nothing and measures with fonts (borrowed): for
 * passes that only measure or count pages.
 */
void canvas_null(struct canvas *c, const struct fonts *fonts);

/* Begins a group called name with a tooltip, where the back end has tooltips. */
void canvas_begin_tip(struct canvas *c, const char *name, const char *tip);

/* The bookmark and link callbacks of c, or nothing where c has none. */
void canvas_bookmark(const struct canvas *c, int level, const char *title,
    const char *anchor, double y);
void canvas_link(const struct canvas *c, double x, double y, double w,
    double h, const char *anchor);

/* Width in points of utf8 drawn with style. */
double canvas_text_width(const struct canvas *c, const char *utf8,
    const struct canvas_text *style);

#endif
