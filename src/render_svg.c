/* SPDX-License-Identifier: Apache-2.0 */
/* Standalone items: a figure or a table with its title, alone on a page sized to it. */
#include "render_svg.h"

#include <math.h>
#include <stddef.h>

#include "chart.h"
#include "table.h"
#include "text_flow.h"

/* Space around a standalone figure or table. */
#define ITEM_PAD 12.0

int
render_svg_is_item(const struct doc_block *b)
{
	return b->id != NULL && (b->kind == DOC_FIGURE || b->kind == DOC_TABLE);
}

static double
content_width(const struct template *t)
{
	return t->page_width - t->margin_left - t->margin_right;
}

static struct canvas_text
title_style(const struct template *t)
{
	struct canvas_text st = { FONT_BOLD, t->heading_size * 0.85,
		t->text_color, CANVAS_LEFT, 0 };

	return st;
}

/* The table title's lines at width, and the height they take. */
static double
title_lines(const struct canvas *c, const struct template *t,
    const struct doc_block *b, double width, struct text_flow_lines *lines)
{
	struct canvas_text st = title_style(t);

	lines->v = NULL;
	lines->n = 0;
	if (*b->text == '\0')
		return 0;
	text_flow_wrap(c, b->text, width, &st, lines);
	return (double)lines->n * st.size * 1.35 + st.size * 0.4;
}

/*
 * A table item is as wide as its columns, or as its title on one line
 * when that is wider, and never wider than the page's content.
 */
static double
table_item_width(const struct canvas *c, const struct template *t,
    const struct doc_block *b, const struct table *tb)
{
	struct canvas_text st = title_style(t);
	double title_w = canvas_text_width(c, b->text, &st);

	return fmin(content_width(t), fmax(tb->width, title_w));
}

void
render_svg_size(const struct canvas *c, const struct document *doc,
    const struct doc_block *b, double *width, double *height)
{
	double w = content_width(doc->tpl), title_h;
	struct text_flow_lines lines;
	struct table *tb;

	if (b->kind == DOC_FIGURE) {
		*width = w + 2 * ITEM_PAD;
		*height = b->height + 2 * ITEM_PAD;
		return;
	}
	tb = table_layout(b->table, c, w);
	w = table_item_width(c, doc->tpl, b, tb);
	title_h = title_lines(c, doc->tpl, b, w, &lines);
	*width = w + 2 * ITEM_PAD;
	*height = title_h + table_height(tb, 0, tb->nrows) + 2 * ITEM_PAD;
	text_flow_lines_free(&lines);
	table_free(tb);
}

static void
draw_table(struct canvas *c, const struct template *t,
    const struct doc_block *b, double page_w)
{
	struct canvas_text st = title_style(t);
	struct text_flow_lines lines;
	struct table *tb = table_layout(b->table, c, page_w);
	double w = table_item_width(c, t, b, tb), y = ITEM_PAD, title_h;
	size_t i;

	title_h = title_lines(c, t, b, w, &lines);
	for (i = 0; i < lines.n; i++, y += st.size * 1.35)
		c->ops->text(c->dev, ITEM_PAD, y + st.size, lines.v[i], &st);
	table_draw(c, tb, ITEM_PAD, ITEM_PAD + title_h, INFINITY, 0);
	text_flow_lines_free(&lines);
	table_free(tb);
}

void
render_svg_draw(struct canvas *c, const struct document *doc,
    const struct doc_block *b)
{
	double w, h;

	render_svg_size(c, doc, b, &w, &h);
	c->ops->begin_page(c->dev, w, h);
	if (b->kind == DOC_FIGURE)
		chart_draw_figure(c, doc->tpl, b, ITEM_PAD, ITEM_PAD,
		    content_width(doc->tpl));
	else
		draw_table(c, doc->tpl, b, content_width(doc->tpl));
	c->ops->end_page(c->dev);
}
