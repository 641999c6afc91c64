/* SPDX-License-Identifier: Apache-2.0 */
/* The paged renderer: flow of a document's blocks onto pages, footers, and the page count for "page N of M". */
#include "render_pdf.h"

#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "table.h"
#include "text_flow.h"
#include "xalloc.h"

/* Where the next block goes, and the page it is on. */
struct flow {
	struct canvas *c;
	const struct document *doc;
	const struct template *t;
	size_t page;   /* pages begun so far */
	size_t pages;  /* the total, known while drawing; 0 while counting */
	int open;
	double y;      /* top of the free space */
	double left, top, width, bottom;
	const struct doc_block *section; /* the section being drawn */
	const char *link;                /* the anchor the text being set links to, or NULL */
};

static const struct canvas_color footer_gray = { 0x66, 0x66, 0x66 };
static const struct canvas_color banner_white = { 0xff, 0xff, 0xff };

#define BULLET "\xe2\x80\xa2"

static void
flow_footer(struct flow *f)
{
	const struct template *t = f->t;
	struct canvas_text st = { FONT_REGULAR, 0, footer_gray, CANVAS_CENTER, 0 };
	struct tpl_vars v;
	char page[32], pages[32], *text;

	if (t->footer == NULL)
		return;
	snprintf(page, sizeof(page), "%zu", f->page);
	snprintf(pages, sizeof(pages), "%zu", f->pages ? f->pages : f->page);
	doc_footer_vars(f->doc, f->section, page, pages, &v);
	text = template_expand(t->footer, &v);
	st.size = t->axis_size * 0.9;
	f->c->ops->begin_group(f->c->dev, "footer");
	f->c->ops->text(f->c->dev, t->page_width / 2,
	    t->page_height - t->margin_bottom / 2 + st.size / 3, text, &st);
	f->c->ops->end_group(f->c->dev);
	free(text);
}

static void
flow_close_page(struct flow *f)
{
	if (f->open)
		f->c->ops->end_page(f->c->dev);
	f->open = 0;
}

static void
flow_new_page(struct flow *f)
{
	flow_close_page(f);
	f->c->ops->begin_page(f->c->dev, f->t->page_width, f->t->page_height);
	f->open = 1;
	f->page++;
	f->y = f->top;
	flow_footer(f);
}

/* Makes room for h points: a new page unless they fit (or the page is still empty). */
static void
flow_need(struct flow *f, double h)
{
	if (!f->open || (f->y + h > f->bottom && f->y > f->top))
		flow_new_page(f);
}

/* Draws text in colour, wrapped to the content width (minus indent), moving pages as needed. */
static void
flow_paragraph_color(struct flow *f, const char *text, enum font_face face,
    double size, double indent, const char *bullet, struct canvas_color color)
{
	struct canvas_text st = { face, size, color, CANVAS_LEFT, 0 };
	double line_h = size * 1.35, lead;
	const char *s = text;
	size_t n;
	char *line;

	while (*s == ' ')
		s++;
	while (*s != '\0') {
		n = text_flow_fit(f->c, s, f->width - indent, &st);
		line = xstrndup(s, n);
		flow_need(f, line_h);
		/* The bullet, on the first line, is the item's too when it links. */
		lead = bullet != NULL && s == text + strspn(text, " ") ? size : 0;
		if (lead > 0)
			f->c->ops->text(f->c->dev, f->left + indent - size,
			    f->y + size, bullet, &st);
		f->c->ops->text(f->c->dev, f->left + indent, f->y + size, line,
		    &st);
		if (f->link != NULL)
			canvas_link(f->c, f->left + indent - lead, f->y,
			    lead + canvas_text_width(f->c, line, &st), line_h,
			    f->link);
		f->y += line_h;
		free(line);
		s += n;
		while (*s == ' ')
			s++;
	}
	f->y += size * 0.4;
}

static void
flow_paragraph(struct flow *f, const char *text, enum font_face face,
    double size, double indent, const char *bullet)
{
	flow_paragraph_color(f, text, face, size, indent, bullet,
	    f->t->text_color);
}

static void
block_title(struct flow *f, const struct doc_block *b)
{
	flow_paragraph(f, b->text, FONT_BOLD, f->t->title_size, 0, NULL);
	flow_paragraph(f, b->subtitle, FONT_REGULAR, f->t->body_size * 0.9, 0,
	    NULL);
	f->y += f->t->body_size;
}

static void
block_heading(struct flow *f, const struct doc_block *b)
{
	double size = f->t->heading_size;

	/*
	 * Keep a heading with the start of what follows it: two lines of
	 * text, or a table's header and first rows.
	 */
	flow_need(f, size * 1.8 + f->t->body_size * 6.5);
	if (f->y > f->top)
		f->y += size * 0.5;
	flow_paragraph(f, b->text, FONT_BOLD, size, 0, NULL);
	f->y += size * 0.1;
}

static void
block_paragraph(struct flow *f, const struct doc_block *b)
{
	const struct template *t = f->t;

	if (b->role == DOC_ROLE_LEAD) {
		/* A headline stays with the two lines that explain it. */
		flow_need(f, t->heading_size * 1.7 + t->body_size * 2.7);
		flow_paragraph_color(f, b->text, FONT_BOLD,
		    t->heading_size * 1.25, 0, NULL, b->color);
		return;
	}
	flow_paragraph_color(f, b->text, FONT_REGULAR, t->body_size, 0, NULL,
	    b->color);
}

static void
block_list(struct flow *f, const struct doc_block *b)
{
	size_t i;

	for (i = 0; i < b->nitems; i++) {
		f->link = b->item_links != NULL ? b->item_links[i] : NULL;
		flow_paragraph(f, b->items[i], FONT_REGULAR, f->t->body_size,
		    f->t->body_size * 1.5, BULLET);
	}
	f->link = NULL;
}

/* A full-width box in the block's colour with text in white bold, kept on one page. */
static void
block_banner(struct flow *f, const struct doc_block *b)
{
	struct canvas_text st = { FONT_BOLD, f->t->body_size * 1.1,
		banner_white, CANVAS_LEFT, 0 };
	struct canvas_fill fill = { b->color, 1 };
	double pad = st.size * 0.7, line_h = st.size * 1.35, h, y;
	struct text_flow_lines lines;
	size_t i;

	text_flow_wrap(f->c, b->text, f->width - 2 * pad, &st, &lines);
	h = (double)lines.n * line_h + 2 * pad - (line_h - st.size);
	flow_need(f, h);
	f->c->ops->begin_group(f->c->dev, "warning");
	f->c->ops->rect(f->c->dev, f->left, f->y, f->width, h, &fill, NULL);
	y = f->y + pad + fonts_ascent(f->c->fonts, FONT_BOLD, st.size);
	for (i = 0; i < lines.n; i++, y += line_h)
		f->c->ops->text(f->c->dev, f->left + pad, y, lines.v[i], &st);
	f->c->ops->end_group(f->c->dev);
	text_flow_lines_free(&lines);
	f->y += h + f->t->body_size;
}

/* An outline entry under the section's for a figure or table with a title, at the current position. */
static void
flow_bookmark_item(struct flow *f, const struct doc_block *b)
{
	if (*b->text != '\0')
		canvas_bookmark(f->c, 2, b->text, b->id, f->y);
}

static void
block_figure(struct flow *f, const struct doc_block *b)
{
	flow_need(f, b->height);
	flow_bookmark_item(f, b);
	chart_draw_figure(f->c, f->t, b, f->left, f->y, f->width);
	f->y += b->height + f->t->body_size;
}

/* Space between the columns of a long, narrow table set side by side. */
#define TABLE_COLUMN_GAP 18.0

/* The rows from *row set in as many side-by-side columns as fit across; returns the height used. */
static double
flow_table_columns(struct flow *f, const struct table *tb, size_t *row)
{
	size_t next, col, ncols;
	double top = f->y, x, used = 0;

	ncols = (size_t)((f->width + TABLE_COLUMN_GAP) /
	    (tb->width + TABLE_COLUMN_GAP));
	if (ncols < 1)
		ncols = 1;
	for (col = 0; col < ncols && *row < tb->nrows; col++) {
		x = f->left + (double)col * (tb->width + TABLE_COLUMN_GAP);
		next = table_draw(f->c, tb, x, top, f->bottom - top, *row);
		if (next == *row)
			break;
		if (table_height(tb, *row, next - *row) > used)
			used = table_height(tb, *row, next - *row);
		*row = next;
	}
	return used;
}

/*
 * Draws a table from row 0, continuing over pages with the header
 * repeated. A long table narrow enough to fit twice (or more) across the
 * page is set in side-by-side columns, as a newspaper is, to save pages.
 */
static void
block_table(struct flow *f, const struct doc_block *b)
{
	struct table *tb = table_layout(b->table, f->c, f->width);
	size_t row = 0, nrows = tb->nrows;
	double top, used;

	if (*b->text != '\0') {
		flow_need(f, f->t->heading_size * 1.5 + table_height(tb, 0, 2));
		flow_bookmark_item(f, b);
		flow_paragraph(f, b->text, FONT_BOLD, f->t->heading_size * 0.85,
		    0, NULL);
	}
	while (row < nrows) {
		flow_need(f, table_height(tb, row, row + 1 < nrows ? 2 : 1));
		top = f->y;
		used = flow_table_columns(f, tb, &row);
		if (used == 0 && top == f->top)
			break; /* not even one row fits an empty page */
		f->y = top + used + f->t->body_size;
		if (row < nrows)
			flow_new_page(f);
	}
	table_free(tb);
}

/*
 * The outline's name of the section b: a gadget's name, else the title
 * or first heading the section opens with, else the document's title.
 */
static const char *
section_title(const struct document *doc, const struct doc_block *b)
{
	const struct doc_block *end = doc->blocks + doc->nblocks, *n;

	if (b->text != NULL && *b->text != '\0')
		return b->text;
	for (n = b + 1; n < end && n->kind != DOC_SECTION; n++)
		if ((n->kind == DOC_TITLE || n->kind == DOC_HEADING) &&
		    *n->text != '\0')
			return n->text;
	return doc->title;
}

static void
draw_block(struct flow *f, const struct doc_block *b)
{
	switch (b->kind) {
	case DOC_SECTION:
		f->section = b;
		flow_new_page(f);
		canvas_bookmark(f->c, 1, section_title(f->doc, b), b->anchor,
		    f->y);
		break;
	case DOC_TITLE:
		block_title(f, b);
		break;
	case DOC_HEADING:
		block_heading(f, b);
		break;
	case DOC_PARAGRAPH:
		block_paragraph(f, b);
		break;
	case DOC_LIST:
		block_list(f, b);
		break;
	case DOC_BANNER:
		block_banner(f, b);
		break;
	case DOC_FIGURE:
		block_figure(f, b);
		break;
	case DOC_TABLE:
		block_table(f, b);
		break;
	case DOC_PAGE_BREAK:
		if (f->open && f->y > f->top)
			flow_new_page(f);
		break;
	}
}

static void
draw_all(struct flow *f)
{
	size_t i;

	for (i = 0; i < f->doc->nblocks; i++)
		draw_block(f, &f->doc->blocks[i]);
	flow_close_page(f);
}

static void
flow_init(struct flow *f, struct canvas *c, const struct document *doc)
{
	const struct template *t = doc->tpl;

	memset(f, 0, sizeof(*f));
	f->c = c;
	f->doc = doc;
	f->t = t;
	f->left = t->margin_left;
	f->top = t->margin_top;
	f->width = t->page_width - t->margin_left - t->margin_right;
	f->bottom = t->page_height - t->margin_bottom;
}

size_t
render_pdf_draw(struct canvas *c, const struct document *doc)
{
	struct canvas counter;
	struct flow f;
	size_t pages;

	/* A first pass draws nothing and counts the pages, for "page N of M". */
	canvas_null(&counter, c->fonts);
	flow_init(&f, &counter, doc);
	draw_all(&f);
	pages = f.page;
	flow_init(&f, c, doc);
	f.pages = pages;
	draw_all(&f);
	return f.page;
}
