/* SPDX-License-Identifier: Apache-2.0 */
/* Table layout: column widths, font shrinking, header wrapping, rows per page, and drawing through a canvas. */
#include "table.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Padding in ems: left/right of a cell, above/below its text. */
#define TABLE_PAD_H 0.5
#define TABLE_PAD_V 0.45
#define TABLE_FLOOR 0.75
#define TABLE_MIN_SIZE 3.0
#define TABLE_RULE_W 0.5

static const struct canvas_color table_black = {0, 0, 0};

/* Width at size 1 of the widest line of s. */
static double
widest_line(const struct fonts *f, enum font_face face, const char *s)
{
	double w = 0;
	char *copy = xstrdup(s), *line, *save = NULL;

	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		w = fmax(w, fonts_text_width(f, face, 1, line));
	free(copy);
	return w;
}

static double
widest_word(const struct fonts *f, const char *s)
{
	double w = 0;
	char *copy = xstrdup(s), *word, *save = NULL;

	for (word = strtok_r(copy, " \n", &save); word != NULL;
	    word = strtok_r(NULL, " \n", &save))
		w = fmax(w, fonts_text_width(f, FONT_BOLD, 1, word));
	free(copy);
	return w;
}

/* Greedy word wrap of every line of s to width (at size 1, bold); a new string. */
static char *
wrap_header(const struct fonts *f, const char *s, double width)
{
	char *out = xcalloc(strlen(s) + 1, 1), *copy = xstrdup(s), *cur = NULL;
	char *line, *lsave = NULL, *word, *wsave = NULL;

	for (line = strtok_r(copy, "\n", &lsave); line != NULL;
	    line = strtok_r(NULL, "\n", &lsave)) {
		cur = NULL;
		for (word = strtok_r(line, " ", &wsave); word != NULL;
		    word = strtok_r(NULL, " ", &wsave)) {
			if (cur != NULL) {
				char *trial = xasprintf("%s %s", cur, word);

				if (fonts_text_width(f, FONT_BOLD, 1, trial) <= width + 1e-9) {
					strcat(out, " ");
				} else {
					strcat(out, "\n");
					cur = out + strlen(out);
				}
				free(trial);
			} else {
				if (*out != '\0')
					strcat(out, "\n");
				cur = out + strlen(out);
			}
			strcat(out, word);
		}
	}
	free(copy);
	return out;
}

static size_t
count_lines(const char *s)
{
	size_t n = 1;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/* Sum at size 1 of the column widths, given body widths and the current header texts. */
static double
natural_width(const struct table *t, const struct fonts *f, const double *body)
{
	double w = 0;
	size_t i;

	for (i = 0; i < t->ncols; i++)
		w += fmax(body[i], widest_line(f, FONT_BOLD, t->head_lines[i])) +
		    2 * TABLE_PAD_H;
	return w;
}

/* Widest body text of each column, at size 1, in each cell's face. */
static double *
body_widths(const struct doc_table *d, const struct fonts *f)
{
	double *body = xcalloc(d->ncols + 1, sizeof(*body));
	size_t i, r;

	for (i = 0; i < d->ncols; i++)
		for (r = 0; r < d->nrows; r++)
			body[i] = fmax(body[i], fonts_text_width(f,
			    doc_table_cell_style(d, r, i).face, 1,
			    d->cells[r * d->ncols + i]));
	return body;
}

/* The font size that fits max_width, wrapping the headers when shrinking alone would go too far. */
static double
fit_size(struct table *t, const struct fonts *f, const double *body,
    double max_width)
{
	const struct doc_table *d = t->data;
	double full = d->style.font_size, nat, s = full;
	size_t i;

	nat = natural_width(t, f, body);
	if (nat * s > max_width)
		s = floor(max_width / nat * 10) / 10;
	if (s >= TABLE_FLOOR * full)
		return s;
	for (i = 0; i < t->ncols; i++) {
		char *w = wrap_header(f, d->header[i], fmax(body[i],
		    widest_word(f, d->header[i])));

		free(t->head_lines[i]);
		t->head_lines[i] = w;
	}
	nat = natural_width(t, f, body);
	return fmax(TABLE_MIN_SIZE, fmin(full, floor(max_width / nat * 10) / 10));
}

struct table *
table_layout(const struct doc_table *data, const struct canvas *c,
    double max_width)
{
	const struct fonts *f = c->fonts;
	struct table *t = xcalloc(1, sizeof(*t));
	double *body = body_widths(data, f), em, s;
	size_t i;

	t->data = data;
	t->ncols = data->ncols;
	t->nrows = data->nrows;
	t->head_lines = xcalloc(t->ncols + 1, sizeof(*t->head_lines));
	for (i = 0; i < t->ncols; i++)
		t->head_lines[i] = xstrdup(data->header[i]);
	s = fit_size(t, f, body, max_width);
	em = fonts_ascent(f, FONT_REGULAR, 1) - fonts_descent(f, FONT_REGULAR, 1);
	t->col_w = xcalloc(t->ncols + 1, sizeof(*t->col_w));
	t->size = s;
	t->head_nlines = 1;
	for (i = 0; i < t->ncols; i++) {
		t->col_w[i] = s * (fmax(body[i], widest_line(f, FONT_BOLD,
		    t->head_lines[i])) + 2 * TABLE_PAD_H);
		t->width += t->col_w[i];
		if (count_lines(t->head_lines[i]) > t->head_nlines)
			t->head_nlines = count_lines(t->head_lines[i]);
	}
	t->head_h = s * ((double)t->head_nlines * em + 2 * TABLE_PAD_V);
	t->row_h = s * (em + 2 * TABLE_PAD_V);
	free(body);
	return t;
}

double
table_height(const struct table *t, size_t first, size_t count)
{
	(void)first; /* rows share one height; kept for callers that plan by position */
	return t->head_h + (double)count * t->row_h;
}

size_t
table_rows_fit(const struct table *t, size_t first, double max_height)
{
	double n;

	if (first >= t->nrows || max_height < t->head_h + t->row_h)
		return 0;
	/* A hair of tolerance so that a page planned with table_height fits exactly. */
	n = floor((max_height - t->head_h) / t->row_h + 1e-9);
	return (size_t)fmin(n, (double)(t->nrows - first));
}

static void
draw_header(struct canvas *c, const struct table *t, double x, double y)
{
	struct canvas_fill bg = {t->data->style.header_bg, 1};
	struct canvas_text ts = {FONT_BOLD, t->size, t->data->style.header_fg,
	    CANVAS_CENTER, 0};
	double em = t->size * (fonts_ascent(c->fonts, FONT_BOLD, 1) -
	    fonts_descent(c->fonts, FONT_BOLD, 1));
	double asc = fonts_ascent(c->fonts, FONT_BOLD, t->size), cx = x;
	size_t i;

	c->ops->begin_group(c->dev, "header");
	c->ops->rect(c->dev, x, y, t->width, t->head_h, &bg, NULL);
	for (i = 0; i < t->ncols; i++) {
		char *copy = xstrdup(t->head_lines[i]), *line, *save = NULL;
		/* Lines of a short header are centred vertically in the header row. */
		double top = y + (t->head_h - em * (double)count_lines(copy)) / 2;

		for (line = strtok_r(copy, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save), top += em)
			c->ops->text(c->dev, cx + t->col_w[i] / 2, top + asc, line, &ts);
		free(copy);
		cx += t->col_w[i];
	}
	c->ops->end_group(c->dev);
}

static void
draw_row(struct canvas *c, const struct table *t, size_t r, double x, double y)
{
	const struct doc_table *d = t->data;
	struct canvas_fill zebra = {d->style.zebra, 1};
	struct canvas_stroke rule = {d->style.rule, TABLE_RULE_W, 1, 0};
	struct canvas_text ts = {FONT_REGULAR, t->size, table_black,
	    CANVAS_CENTER, 0};
	double base = y + TABLE_PAD_V * t->size +
	    fonts_ascent(c->fonts, FONT_REGULAR, t->size), cx = x;
	size_t i;

	/* Even rows counting from 1, as the notebook's CSS, and stable across pages. */
	if (d->style.zebra_on && r % 2 == 1)
		c->ops->rect(c->dev, x, y, t->width, t->row_h, &zebra, NULL);
	for (i = 0; i < t->ncols; i++) {
		struct doc_cell_style cs = doc_table_cell_style(d, r, i);

		ts.face = cs.face;
		ts.color = cs.set ? cs.color : table_black;
		c->ops->text(c->dev, cx + t->col_w[i] / 2, base,
		    d->cells[r * t->ncols + i], &ts);
		cx += t->col_w[i];
	}
	c->ops->line(c->dev, x, y + t->row_h, x + t->width, y + t->row_h, &rule);
}

size_t
table_draw(struct canvas *c, const struct table *t, double x, double y,
    double max_height, size_t first)
{
	size_t n = table_rows_fit(t, first, max_height), r;

	assert(t->col_w != NULL);
	if (n == 0)
		return first;
	c->ops->begin_group(c->dev, "table");
	draw_header(c, t, x, y);
	c->ops->begin_group(c->dev, "rows");
	for (r = 0; r < n; r++)
		draw_row(c, t, first + r, x, y + t->head_h + (double)r * t->row_h);
	c->ops->end_group(c->dev);
	c->ops->end_group(c->dev);
	return first + n;
}

void
table_free(struct table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ncols; i++)
		free(t->head_lines[i]);
	free(t->head_lines);
	free(t->col_w);
	free(t);
}
