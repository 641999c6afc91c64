/* The report composer: lays the template's sections out on pages, or as separate figures. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "compare.h"
#include "compare_report.h"
#include "format.h"
#include "summary.h"
#include "table.h"
#include "xalloc.h"

/* Where the next block goes, and the page it is on. */
struct flow {
	struct canvas *c;
	const struct report_context *ctx;
	const struct template *t;
	size_t page;   /* pages begun so far */
	size_t pages;  /* the total, known while drawing; 0 while counting */
	int open;
	double y;      /* top of the free space */
	double left, top, width, bottom;
	const struct model_gadget *gadget;
	char level[FORMAT_MAX];
};

static const struct canvas_color footer_gray = { 0x66, 0x66, 0x66 };
static const struct canvas_color unknown_gray = { 0x75, 0x75, 0x75 };
static const struct canvas_color banner_white = { 0xff, 0xff, 0xff };

static void
flow_vars(const struct flow *f, struct tpl_vars *v, const char *page,
    const char *pages)
{
	memset(v, 0, sizeof(*v));
	v->gadget = f->gadget ? f->gadget->name : NULL;
	v->level = f->level;
	v->title = f->ctx->title;
	v->date = f->ctx->date;
	v->page = page;
	v->pages = pages;
	if (f->ctx->comparison != NULL) {
		const struct comparison *c = f->ctx->comparison;

		v->old = c->old->ninputs ? c->old->inputs[0].name : NULL;
		v->new = c->new->ninputs ? c->new->inputs[0].name : NULL;
	}
}

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
	flow_vars(f, &v, page, pages);
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

static struct canvas_text
text_style(const struct flow *f, enum font_face face, double size)
{
	struct canvas_text st = { face, size, f->t->text_color, CANVAS_LEFT, 0 };

	return st;
}

/* Length of the longest prefix of s (ending at a space) that fits width. */
static size_t
fit_line(const struct canvas *c, const char *s, double width,
    const struct canvas_text *st)
{
	size_t best = 0, i;
	char *probe = xstrdup(s);

	for (i = 0;; i++) {
		if (s[i] == ' ' || s[i] == '\0') {
			probe[i] = '\0';
			if (best > 0 && canvas_text_width(c, probe, st) > width)
				break;
			best = i;
			probe[i] = s[i];
			if (s[i] == '\0')
				break;
		}
	}
	free(probe);
	return best;
}

/* Draws text in colour, wrapped to the content width (minus indent), moving pages as needed. */
static void
flow_paragraph_color(struct flow *f, const char *text, enum font_face face,
    double size, double indent, const char *bullet, struct canvas_color color)
{
	struct canvas_text st = text_style(f, face, size);
	double line_h = size * 1.35;
	const char *s = text;
	size_t n;
	char *line;

	st.color = color;
	while (*s == ' ')
		s++;
	while (*s != '\0') {
		n = fit_line(f->c, s, f->width - indent, &st);
		line = xstrndup(s, n);
		flow_need(f, line_h);
		if (bullet != NULL && s == text + strspn(text, " "))
			f->c->ops->text(f->c->dev, f->left + indent - size,
			    f->y + size, bullet, &st);
		f->c->ops->text(f->c->dev, f->left + indent, f->y + size, line,
		    &st);
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

static char *
flow_expand(const struct flow *f, const char *text)
{
	struct tpl_vars v;

	flow_vars(f, &v, NULL, NULL);
	return template_expand(text, &v);
}

static void
block_heading(struct flow *f, const char *text)
{
	char *s = flow_expand(f, text);
	double size = f->t->heading_size;

	/*
	 * Keep a heading with the start of what follows it: two lines of
	 * text, or a table's header and first rows.
	 */
	flow_need(f, size * 1.8 + f->t->body_size * 6.5);
	if (f->y > f->top)
		f->y += size * 0.5;
	flow_paragraph(f, s, FONT_BOLD, size, 0, NULL);
	f->y += size * 0.1;
	free(s);
}

static void
block_inputs(struct flow *f)
{
	const struct model *m = f->ctx->model;
	size_t i;
	char *s;

	for (i = 0; i < m->ninputs; i++)
		flow_paragraph(f, m->inputs[i].name, FONT_REGULAR,
		    f->t->body_size, f->t->body_size * 1.5, "\xe2\x80\xa2");
	s = xasprintf("%lu rows, %zu gadget%s.", m->total_rows, m->ngadgets,
	    m->ngadgets == 1 ? "" : "s");
	flow_paragraph(f, s, FONT_REGULAR, f->t->body_size, 0, NULL);
	free(s);
}

static void
block_machine(struct flow *f)
{
	const struct model *m = f->ctx->model;
	size_t i;
	char *s;

	if (m->nmeta == 0) {
		flow_paragraph(f, "The input files describe no machine (no "
		    "\"# Key: value\" lines).", FONT_REGULAR, f->t->body_size, 0,
		    NULL);
		return;
	}
	for (i = 0; i < m->nmeta; i++) {
		s = xasprintf("%s: %s", m->meta[i].key, m->meta[i].value);
		flow_paragraph(f, s, FONT_REGULAR, f->t->body_size,
		    f->t->body_size * 1.5, "\xe2\x80\xa2");
		free(s);
	}
}

static void
block_summary(struct flow *f)
{
	const struct model *m = f->ctx->model;
	size_t i;
	char *s;

	for (i = 0; i < m->ngadgets; i++) {
		s = summary_gadget(m, &m->gadgets[i]);
		flow_paragraph(f, s, FONT_REGULAR, f->t->body_size,
		    f->t->body_size * 1.5, "\xe2\x80\xa2");
		free(s);
	}
}

static void
block_figure(struct flow *f, const struct tpl_figure *fig)
{
	struct tpl_vars v;

	if (chart_figure_count(fig, f->ctx->model, f->gadget) == 0)
		return;
	flow_need(f, fig->height);
	flow_vars(f, &v, NULL, NULL);
	chart_draw_figure(f->c, f->t, fig, f->ctx->model, f->gadget, &v,
	    f->left, f->y, f->width);
	f->y += fig->height + f->t->body_size;
}

/* The table of spec for the current gadget, laid out for the content width. */
static struct table *
gadget_table(const struct flow *f, const struct canvas *c,
    const struct tpl_table *spec)
{
	struct tpl_vars v;
	struct table *tb;

	flow_vars(f, &v, NULL, NULL);
	tb = table_from_template(spec, f->ctx->model, f->gadget, &v);
	if (tb != NULL && (tb->ncols == 0 || tb->nrows == 0)) {
		table_free(tb);
		return NULL;
	}
	if (tb != NULL)
		table_layout(tb, c, f->width);
	return tb;
}

/* Space between the columns of a long, narrow table set side by side. */
#define TABLE_COLUMN_GAP 18.0

/*
 * Draws a table from row 0, continuing over pages with the header
 * repeated. A long table narrow enough to fit twice (or more) across the
 * page is set in side-by-side columns, as a newspaper is, to save pages.
 */
static void
flow_table(struct flow *f, const struct table *tb, const char *title)
{
	size_t row = 0, next, nrows = tb->nrows, col, ncols;
	double top, x, used;

	if (title != NULL && *title != '\0') {
		char *s = flow_expand(f, title);

		flow_need(f, f->t->heading_size * 1.5 + table_height(tb, 0, 2));
		flow_paragraph(f, s, FONT_BOLD, f->t->heading_size * 0.85, 0,
		    NULL);
		free(s);
	}
	ncols = (size_t)((f->width + TABLE_COLUMN_GAP) /
	    (tb->width + TABLE_COLUMN_GAP));
	if (ncols < 1)
		ncols = 1;
	while (row < nrows) {
		flow_need(f, table_height(tb, row, row + 1 < nrows ? 2 : 1));
		top = f->y;
		used = 0;
		for (col = 0; col < ncols && row < nrows; col++) {
			x = f->left + (double)col * (tb->width + TABLE_COLUMN_GAP);
			next = table_draw(f->c, tb, x, top, f->bottom - top, row);
			if (next == row)
				break;
			if (table_height(tb, row, next - row) > used)
				used = table_height(tb, row, next - row);
			row = next;
		}
		if (used == 0 && top == f->top)
			break; /* not even one row fits an empty page */
		f->y = top + used + f->t->body_size;
		if (row < nrows)
			flow_new_page(f);
	}
}

static void
block_table(struct flow *f, const struct tpl_table *spec)
{
	struct table *tb = gadget_table(f, f->c, spec);

	if (tb == NULL)
		return;
	flow_table(f, tb, spec->title);
	table_free(tb);
}

static void
block_raw(struct flow *f, const struct tpl_table_style *style)
{
	const struct model *m = f->ctx->model;
	struct table *tb = table_from_raw(m, style);
	char *s;

	if (tb != NULL)
		table_layout(tb, f->c, f->width);
	if (m->nraw < m->total_rows) {
		s = xasprintf("The first %zu of %lu rows are shown; the attached "
		    "input files hold them all.", m->nraw, m->total_rows);
		flow_paragraph(f, s, FONT_REGULAR, f->t->body_size, 0, NULL);
		free(s);
	}
	if (tb != NULL) {
		flow_table(f, tb, NULL);
		table_free(tb);
	}
}

/* --- Compare blocks: they draw nothing without a comparison ------------- */

static struct compare_colors
flow_colors(const struct flow *f)
{
	struct compare_colors col;

	col.worse = f->t->worse_color;
	col.better = f->t->better_color;
	col.unknown = unknown_gray;
	return col;
}

/* A full-width box in bg with text in white bold, kept on one page. */
static void
flow_banner(struct flow *f, const char *text, struct canvas_color bg)
{
	struct canvas_text st = { FONT_BOLD, f->t->body_size * 1.1,
		banner_white, CANVAS_LEFT, 0 };
	struct canvas_fill fill = { bg, 1 };
	double pad = st.size * 0.7, line_h = st.size * 1.35, h, y;
	const char *s = text;
	char *lines[64];
	size_t n = 0, len, i;

	while (*s != '\0' && n < 64) {
		len = fit_line(f->c, s, f->width - 2 * pad, &st);
		lines[n++] = xstrndup(s, len);
		for (s += len; *s == ' '; s++)
			continue;
	}
	h = (double)n * line_h + 2 * pad - (line_h - st.size);
	flow_need(f, h);
	f->c->ops->begin_group(f->c->dev, "warning");
	f->c->ops->rect(f->c->dev, f->left, f->y, f->width, h, &fill, NULL);
	y = f->y + pad + fonts_ascent(f->c->fonts, FONT_BOLD, st.size);
	for (i = 0; i < n; i++, y += line_h) {
		f->c->ops->text(f->c->dev, f->left + pad, y, lines[i], &st);
		free(lines[i]);
	}
	f->c->ops->end_group(f->c->dev);
	f->y += h + f->t->body_size;
}

static void
block_verdict(struct flow *f)
{
	const struct comparison *c = f->ctx->comparison;
	struct compare_colors col = flow_colors(f);
	struct canvas_color color = f->t->text_color;
	char *head, *rule;

	if (c == NULL)
		return;
	if (c->counts[COMPARE_WORSE] > 0)
		color = col.worse;
	else if (c->counts[COMPARE_BETTER] > 0)
		color = col.better;
	head = compare_report_headline(c);
	rule = compare_report_rule(c);
	flow_need(f, f->t->heading_size * 1.7 + f->t->body_size * 2.7);
	flow_paragraph_color(f, head, FONT_BOLD, f->t->heading_size * 1.25, 0,
	    NULL, color);
	flow_paragraph(f, rule, FONT_REGULAR, f->t->body_size, 0, NULL);
	free(head);
	free(rule);
}

/* Lays tb out for the page and draws it with title; frees it. NULL is allowed. */
static void
flow_own_table(struct flow *f, struct table *tb, const char *title)
{
	if (tb == NULL)
		return;
	table_layout(tb, f->c, f->width);
	flow_table(f, tb, title);
	table_free(tb);
}

static void
block_machines(struct flow *f, const struct tpl_table *spec)
{
	const struct comparison *c = f->ctx->comparison;
	struct compare_colors col = flow_colors(f);
	char *warning;

	if (c == NULL)
		return;
	if ((warning = compare_report_warning(c)) != NULL)
		flow_banner(f, warning, col.worse);
	free(warning);
	flow_own_table(f, compare_report_machines(c, &spec->style, &col),
	    spec->title);
}

static void
block_significant(struct flow *f, const struct tpl_table *spec)
{
	const struct comparison *c = f->ctx->comparison;
	struct compare_colors col = flow_colors(f);
	struct table *tb;

	if (c == NULL)
		return;
	tb = compare_report_significant(c, &spec->style, &col);
	if (tb == NULL) {
		flow_paragraph(f, "No significant change.", FONT_REGULAR,
		    f->t->body_size, 0, NULL);
		return;
	}
	flow_own_table(f, tb, spec->title);
}

static void
block_only(struct flow *f)
{
	const struct comparison *c = f->ctx->comparison;
	char **lines;
	size_t n, i;

	if (c == NULL)
		return;
	n = compare_report_only(c, &lines);
	if (n == 0)
		flow_paragraph(f, "Both runs have the same gadgets, cases, rates "
		    "and columns.", FONT_REGULAR, f->t->body_size, 0, NULL);
	for (i = 0; i < n; i++) {
		flow_paragraph(f, lines[i], FONT_REGULAR, f->t->body_size,
		    f->t->body_size * 1.5, "\xe2\x80\xa2");
		free(lines[i]);
	}
	free(lines);
}

/* The changes or overheads table of the current gadget, laid out; NULL when empty. */
static struct table *
compare_gadget_table(const struct flow *f, const struct canvas *c,
    const struct tpl_block *b)
{
	const struct comparison *cmp = f->ctx->comparison;
	struct compare_colors col = flow_colors(f);
	struct table *tb;

	if (cmp == NULL)
		return NULL;
	if (b->kind == TPL_BLOCK_CHANGES)
		tb = compare_report_changes(cmp, f->gadget->name,
		    &b->table->style, &col);
	else
		tb = compare_report_overheads(cmp, f->gadget->name,
		    &b->table->style, &col);
	if (tb != NULL)
		table_layout(tb, c, f->width);
	return tb;
}

/* The laid-out table of a TABLE, CHANGES or OVERHEADS block; NULL when empty. */
static struct table *
block_table_of(const struct flow *f, const struct canvas *c,
    const struct tpl_block *b)
{
	if (b->kind == TPL_BLOCK_TABLE)
		return gadget_table(f, c, b->table);
	return compare_gadget_table(f, c, b);
}

static void
block_compare_gadget(struct flow *f, const struct tpl_block *b)
{
	struct table *tb = block_table_of(f, f->c, b);
	char *s;

	if (tb != NULL) {
		flow_table(f, tb, b->table->title);
		table_free(tb);
	} else if (b->kind == TPL_BLOCK_CHANGES && f->ctx->comparison) {
		s = compare_report_no_changes(f->ctx->comparison,
		    f->gadget->name);
		flow_paragraph(f, s, FONT_REGULAR, f->t->body_size, 0, NULL);
		free(s);
	}
}

static void
draw_block(struct flow *f, const struct tpl_block *b)
{
	char *s;

	switch (b->kind) {
	case TPL_BLOCK_HEADING:
		block_heading(f, b->text);
		break;
	case TPL_BLOCK_TEXT:
		s = flow_expand(f, b->text);
		flow_need(f, f->t->body_size * 1.35);
		flow_paragraph(f, s, FONT_REGULAR, f->t->body_size, 0, NULL);
		free(s);
		break;
	case TPL_BLOCK_INPUTS:
		block_inputs(f);
		break;
	case TPL_BLOCK_MACHINE:
		block_machine(f);
		break;
	case TPL_BLOCK_SUMMARY:
		block_summary(f);
		break;
	case TPL_BLOCK_FIGURE:
		block_figure(f, b->figure);
		break;
	case TPL_BLOCK_TABLE:
		block_table(f, b->table);
		break;
	case TPL_BLOCK_RAW:
		block_raw(f, &b->raw);
		break;
	case TPL_BLOCK_PAGE_BREAK:
		if (f->open && f->y > f->top)
			flow_new_page(f);
		break;
	case TPL_BLOCK_VERDICT:
		block_verdict(f);
		break;
	case TPL_BLOCK_MACHINES:
		block_machines(f, b->table);
		break;
	case TPL_BLOCK_SIGNIFICANT:
		block_significant(f, b->table);
		break;
	case TPL_BLOCK_ONLY:
		block_only(f);
		break;
	case TPL_BLOCK_CHANGES:
	case TPL_BLOCK_OVERHEADS:
		block_compare_gadget(f, b);
		break;
	}
}

static void
cover_title(struct flow *f)
{
	struct canvas_text st = text_style(f, FONT_BOLD, f->t->title_size);
	char *s;

	flow_paragraph(f, f->ctx->title, FONT_BOLD, st.size, 0, NULL);
	s = xasprintf("igreport %s", f->ctx->version);
	flow_paragraph(f, s, FONT_REGULAR, f->t->body_size * 0.9, 0, NULL);
	free(s);
	f->y += f->t->body_size;
}

static void
draw_section(struct flow *f, const struct tpl_section *sec)
{
	size_t i;

	flow_new_page(f);
	if (sec->kind == TPL_SECTION_COVER)
		cover_title(f);
	for (i = 0; i < sec->nblocks; i++)
		draw_block(f, &sec->blocks[i]);
}

static void
draw_all(struct flow *f)
{
	const struct template *t = f->t;
	size_t s, g;

	for (s = 0; s < t->nsections; s++) {
		if (t->sections[s].kind != TPL_SECTION_GADGET) {
			f->gadget = NULL;
			draw_section(f, &t->sections[s]);
			continue;
		}
		for (g = 0; g < f->ctx->model->ngadgets; g++) {
			f->gadget = &f->ctx->model->gadgets[g];
			draw_section(f, &t->sections[s]);
		}
	}
	flow_close_page(f);
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

/* Draws nothing: the first pass only counts pages, for "page N of M". */
static const struct canvas_ops null_ops = {
	null_page, null_void, null_group, null_void, null_rect, null_line,
	null_text,
};

static void
flow_init(struct flow *f, struct canvas *c, const struct report_context *ctx)
{
	const struct template *t = ctx->tpl;

	memset(f, 0, sizeof(*f));
	f->c = c;
	f->ctx = ctx;
	f->t = t;
	f->left = t->margin_left;
	f->top = t->margin_top;
	f->width = t->page_width - t->margin_left - t->margin_right;
	f->bottom = t->page_height - t->margin_bottom;
	format_level(f->level, ctx->model->level);
}

size_t
report_draw(struct canvas *c, const struct report_context *ctx)
{
	struct canvas counter = { &null_ops, NULL, c->fonts };
	struct flow f;
	size_t pages;

	flow_init(&f, &counter, ctx);
	draw_all(&f);
	pages = f.page;
	flow_init(&f, c, ctx);
	f.pages = pages;
	draw_all(&f);
	return f.page;
}

/* Space around a standalone figure or table. */
#define ITEM_PAD 12.0

static char *
figure_desc(const struct tpl_figure *fig, const struct model_gadget *g,
    const char *level)
{
	char *s = xasprintf("Bar charts for gadget %s:", g->name), *t;
	char lo[FORMAT_MAX], hi[FORMAT_MAX];
	size_t i, k;

	for (i = 0; i < fig->ncharts; i++) {
		const struct tpl_chart *ch = &fig->charts[i];

		t = xasprintf("%s%s %s of", s, i ? ";" : "", metric_name(ch->metric));
		free(s);
		s = t;
		for (k = 0; k < ch->nseries; k++) {
			t = xasprintf("%s%s %s", s, k ? (k + 1 == ch->nseries ?
			    " and" : ",") : "", ch->series[k].label);
			free(s);
			s = t;
		}
	}
	format_rate(lo, g->rates[0]);
	format_rate(hi, g->rates[g->nrates - 1]);
	t = xasprintf("%s; mean per rate from %s to %s events per second, with "
	    "%s%% confidence intervals as error bars.", s, lo, hi, level);
	free(s);
	return t;
}

static double
item_table_height(const struct flow *f, const struct table *tb)
{
	return f->t->heading_size * 0.85 * 1.75 + table_height(tb, 0,
	    tb->nrows);
}

/*
 * A file stem from a gadget name and a template id: characters other than
 * letters, digits, '-' and '_' become '_', so a gadget named "../x" cannot
 * leave the output directory or hide as a dot file.
 */
static char *
item_name(const char *gadget, const char *id)
{
	char *s = xasprintf("%s-%s", gadget, id), *p;

	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			*p = '_';
	return s;
}

/* Makes items[n].name differ from every earlier name by a numeric suffix. */
static void
make_unique(struct report_item *items, size_t n)
{
	size_t i, k = 2;
	char *base = items[n].name;

	for (i = 0; i < n; i++)
		if (strcmp(items[i].name, items[n].name) == 0) {
			if (items[n].name != base)
				free(items[n].name);
			items[n].name = xasprintf("%s-%zu", base, k++);
			i = (size_t)-1; /* check the new name against all again */
		}
	if (items[n].name != base)
		free(base);
}

static char *
item_table_desc(const struct flow *f, const struct tpl_block *b)
{
	if (b->kind == TPL_BLOCK_CHANGES)
		return xasprintf("Table of the changes from OLD to NEW for gadget "
		    "%s per case and events-per-second rate, in percent of OLD; "
		    "regressions marked with an upward triangle, improvements "
		    "with a downward one.", f->gadget->name);
	if (b->kind == TPL_BLOCK_OVERHEADS)
		return xasprintf("Table of the overhead of IG (with IG minus "
		    "baseline) for gadget %s in OLD and NEW per events-per-second "
		    "rate, and its change, with %s%% confidence intervals.",
		    f->gadget->name, f->level);
	return xasprintf("Table of mean values per events-per-second rate "
	    "for gadget %s, with %s%% confidence intervals.", f->gadget->name,
	    f->level);
}

static int
add_item(struct flow *f, const struct tpl_block *b, struct report_item *it)
{
	struct tpl_vars v;
	struct table *tb;

	flow_vars(f, &v, NULL, NULL);
	memset(it, 0, sizeof(*it));
	it->gadget = f->gadget;
	it->block = b;
	it->width = f->width + 2 * ITEM_PAD;
	if (b->kind == TPL_BLOCK_FIGURE) {
		if (chart_figure_count(b->figure, f->ctx->model, f->gadget) == 0)
			return 0;
		it->name = item_name(f->gadget->name, b->figure->id);
		it->title = template_expand(b->figure->title, &v);
		it->desc = figure_desc(b->figure, f->gadget, f->level);
		it->height = b->figure->height + 2 * ITEM_PAD;
		return 1;
	}
	if ((b->kind != TPL_BLOCK_TABLE && b->kind != TPL_BLOCK_CHANGES &&
	    b->kind != TPL_BLOCK_OVERHEADS) || *b->table->id == '\0')
		return 0;
	tb = block_table_of(f, f->c, b);
	if (tb == NULL)
		return 0;
	it->name = item_name(f->gadget->name, b->table->id);
	it->title = template_expand(b->table->title, &v);
	it->desc = item_table_desc(f, b);
	it->height = item_table_height(f, tb) + 2 * ITEM_PAD;
	table_free(tb);
	return 1;
}

size_t
report_items(const struct canvas *c, const struct report_context *ctx,
    struct report_item **items)
{
	struct canvas measure = { &null_ops, NULL, c->fonts };
	const struct template *t = ctx->tpl;
	struct flow f;
	size_t s, g, b, n = 0, cap = 0;

	*items = NULL;
	flow_init(&f, &measure, ctx);
	for (s = 0; s < t->nsections; s++) {
		if (t->sections[s].kind != TPL_SECTION_GADGET)
			continue;
		for (g = 0; g < ctx->model->ngadgets; g++) {
			f.gadget = &ctx->model->gadgets[g];
			for (b = 0; b < t->sections[s].nblocks; b++) {
				xgrow((void **)items, &cap, n + 1, sizeof(**items));
				if (add_item(&f, &t->sections[s].blocks[b],
				    &(*items)[n])) {
					make_unique(*items, n);
					n++;
				}
			}
		}
	}
	return n;
}

void
report_draw_item(struct canvas *c, const struct report_context *ctx,
    const struct report_item *item)
{
	struct flow f;
	struct table *tb;

	flow_init(&f, c, ctx);
	f.gadget = item->gadget;
	f.left = f.top = ITEM_PAD;
	f.bottom = item->height - ITEM_PAD;
	c->ops->begin_page(c->dev, item->width, item->height);
	f.open = 1;
	f.page = 1;
	f.y = f.top;
	if (item->block->kind == TPL_BLOCK_FIGURE) {
		block_figure(&f, item->block->figure);
	} else {
		tb = block_table_of(&f, c, item->block);
		f.bottom = 1e9; /* one page, however long */
		if (tb != NULL)
			flow_table(&f, tb, item->block->table->title);
		table_free(tb);
	}
	c->ops->end_page(c->dev);
}

void
report_items_free(struct report_item *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(items[i].name);
		free(items[i].title);
		free(items[i].desc);
	}
	free(items);
}
