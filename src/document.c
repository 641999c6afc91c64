/* SPDX-License-Identifier: Apache-2.0 */
/* The document's blocks and tables: building them, finding them, freeing them. */
#include "document.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct document *
doc_new(const struct template *tpl, const char *title)
{
	struct document *doc = xcalloc(1, sizeof(*doc));

	doc->tpl = tpl;
	doc->title = xstrdup(title != NULL ? title : "");
	return doc;
}

struct doc_block *
doc_add(struct document *doc, enum doc_block_kind kind, const char *text)
{
	struct doc_block *b;

	xgrow((void **)&doc->blocks, &doc->cap, doc->nblocks + 1,
	    sizeof(*doc->blocks));
	b = &doc->blocks[doc->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->text = text != NULL ? xstrdup(text) : NULL;
	b->color = doc->tpl->text_color;
	return b;
}

void
doc_add_paragraph(struct document *doc, const char *text, enum doc_role role,
    struct canvas_color color)
{
	struct doc_block *b = doc_add(doc, DOC_PARAGRAPH, text);

	b->role = role;
	b->color = color;
}

void
doc_list_add(struct doc_block *b, const char *text)
{
	assert(b->kind == DOC_LIST);
	b->items = xrealloc(b->items, (b->nitems + 1) * sizeof(*b->items));
	if (b->item_links != NULL) {
		b->item_links = xrealloc(b->item_links,
		    (b->nitems + 1) * sizeof(*b->item_links));
		b->item_links[b->nitems] = NULL;
	}
	b->items[b->nitems++] = xstrdup(text);
}

void
doc_list_add_link(struct doc_block *b, const char *text, const char *anchor)
{
	if (b->item_links == NULL)
		b->item_links = xcalloc(b->nitems + 1, sizeof(*b->item_links));
	doc_list_add(b, text);
	b->item_links[b->nitems - 1] = xstrdup(anchor);
}

const struct doc_block *
doc_find_anchor(const struct document *doc, const char *anchor)
{
	size_t i;

	for (i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].anchor != NULL &&
		    strcmp(doc->blocks[i].anchor, anchor) == 0)
			return &doc->blocks[i];
	return NULL;
}

const struct doc_block *
doc_find(const struct document *doc, const char *name)
{
	const struct doc_block *b;
	size_t i;

	for (i = 0; i < doc->nblocks; i++) {
		b = &doc->blocks[i];
		if ((b->id != NULL && strcmp(b->id, name) == 0) ||
		    (b->anchor != NULL && strcmp(b->anchor, name) == 0))
			return b;
	}
	return NULL;
}

void
doc_footer_vars(const struct document *doc, const struct doc_block *section,
    const char *page, const char *pages, struct tpl_vars *vars)
{
	memset(vars, 0, sizeof(*vars));
	vars->gadget = section != NULL ? section->text : NULL;
	vars->level = doc->level;
	vars->title = doc->title;
	vars->date = doc->date;
	vars->page = page;
	vars->pages = pages;
	vars->old = doc->old;
	vars->new = doc->new;
}

void
doc_value_set(struct doc_value *v, double mean, double half, int non_negative)
{
	v->gap = 0;
	v->mean = mean;
	v->half = half;
	v->lo = mean - half;
	v->hi = mean + half;
	if (non_negative && v->lo < 0)
		v->lo = 0;
}

void
doc_chart_free(struct doc_chart *ch)
{
	size_t i, k;

	for (i = 0; i < ch->nseries; i++) {
		for (k = 0; k < ch->ncats; k++) {
			free(ch->series[i].values[k].tip);
			free(ch->series[i].values[k].runs);
		}
		free(ch->series[i].label);
		free(ch->series[i].values);
	}
	free(ch->series);
	for (i = 0; i < ch->nchanges; i++) {
		free(ch->changes[i].label);
		free(ch->changes[i].value);
		free(ch->changes[i].tip);
	}
	free(ch->changes);
	free(ch->cats);
	for (k = 0; ch->cat_labels != NULL && k < ch->ncats; k++)
		free(ch->cat_labels[k]);
	free(ch->cat_labels);
	for (k = 0; k < ch->nmarkers; k++)
		free(ch->markers[k].label);
	free(ch->markers);
	free(ch->title);
	free(ch->x_label);
	free(ch->y_label);
}

static void
block_free(struct doc_block *b)
{
	size_t i;

	free(b->id);
	free(b->anchor);
	free(b->text);
	free(b->subtitle);
	free(b->desc);
	for (i = 0; i < b->nitems; i++) {
		free(b->items[i]);
		if (b->item_links != NULL)
			free(b->item_links[i]);
	}
	free(b->items);
	free(b->item_links);
	for (i = 0; i < b->ncharts; i++)
		doc_chart_free(&b->charts[i]);
	free(b->charts);
	doc_table_free(b->table);
}

void
doc_free(struct document *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->nblocks; i++)
		block_free(&doc->blocks[i]);
	free(doc->blocks);
	for (i = 0; i < doc->fit.nsteps; i++)
		free(doc->fit.notes[i]);
	free(doc->fit.notes);
	free(doc->title);
	free(doc->level);
	free(doc->date);
	free(doc->old);
	free(doc->new);
	free(doc);
}

static char *
clean_copy(const char *s, int keep_newline)
{
	char *d = xstrdup(s != NULL ? s : "");
	unsigned char *p;

	/* A newline or tab inside a CSV cell must not reach a renderer. */
	for (p = (unsigned char *)d; *p != '\0'; p++)
		if ((*p < 0x20 || *p == 0x7f) && !(keep_newline && *p == '\n'))
			*p = ' ';
	return d;
}

struct doc_table *
doc_table_new(const char *const *header, size_t ncols,
    const struct tpl_table_style *style)
{
	struct doc_table *t = xcalloc(1, sizeof(*t));
	size_t i;

	t->ncols = ncols;
	t->header = xcalloc(ncols + 1, sizeof(*t->header));
	for (i = 0; i < ncols; i++)
		t->header[i] = clean_copy(header[i], 1);
	t->style = *style;
	return t;
}

void
doc_table_add_row(struct doc_table *t, const char *const *cells)
{
	size_t i;

	xgrow((void **)&t->cells, &t->cap, (t->nrows + 1) * t->ncols + 1,
	    sizeof(*t->cells));
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = clean_copy(cells[i], 0);
	t->nrows++;
}

void
doc_table_set_cell_style(struct doc_table *t, size_t row, size_t col,
    struct canvas_color color, enum font_face face)
{
	size_t need = t->nrows * t->ncols, i = row * t->ncols + col;

	assert(row < t->nrows && col < t->ncols);
	if (t->nstyles < need) {
		t->styles = xrealloc(t->styles, need * sizeof(*t->styles));
		memset(t->styles + t->nstyles, 0,
		    (need - t->nstyles) * sizeof(*t->styles));
		t->nstyles = need;
	}
	t->styles[i].set = 1;
	t->styles[i].color = color;
	t->styles[i].face = face;
}

void
doc_table_set_row_style(struct doc_table *t, size_t row,
    struct canvas_color color, enum font_face face)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		doc_table_set_cell_style(t, row, i, color, face);
}

struct doc_cell_style
doc_table_cell_style(const struct doc_table *t, size_t row, size_t col)
{
	static const struct doc_cell_style plain = { 0, { 0, 0, 0 },
		FONT_REGULAR };
	size_t i = row * t->ncols + col;

	return i < t->nstyles && t->styles[i].set ? t->styles[i] : plain;
}

void
doc_table_free(struct doc_table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ncols; i++)
		free(t->header[i]);
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->header);
	free(t->styles);
	free(t->cells);
	free(t);
}
