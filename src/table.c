/* Tables of text: built from a template table or the raw rows, measured, split across pages and drawn through a canvas. */
#include "table.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "xalloc.h"

/* Padding in ems: left/right of a cell, above/below its text. */
#define TABLE_PAD_H 0.5
#define TABLE_PAD_V 0.45
#define TABLE_FLOOR 0.75
#define TABLE_MIN_SIZE 3.0
#define TABLE_RULE_W 0.5

static const struct canvas_color table_black = {0, 0, 0};

static char *
clean_copy(const char *s, int keep_newline)
{
	char *d = xstrdup(s != NULL ? s : "");
	unsigned char *p;

	/* A newline or tab inside a CSV cell must not reach the canvas. */
	for (p = (unsigned char *)d; *p != '\0'; p++)
		if ((*p < 0x20 || *p == 0x7f) && !(keep_newline && *p == '\n'))
			*p = ' ';
	return d;
}

struct table *
table_new(const char *const *header, size_t ncols,
    const struct tpl_table_style *style)
{
	struct table *t = xcalloc(1, sizeof(*t));
	size_t i;

	t->ncols = ncols;
	t->header = xcalloc(ncols + 1, sizeof(*t->header));
	for (i = 0; i < ncols; i++)
		t->header[i] = clean_copy(header[i], 1);
	t->style = *style;
	return t;
}

void
table_add_row(struct table *t, const char *const *cells)
{
	size_t i;

	xgrow((void **)&t->cells, &t->cap, (t->nrows + 1) * t->ncols + 1,
	    sizeof(*t->cells));
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = clean_copy(cells[i], 0);
	t->nrows++;
}

void
table_set_cell_style(struct table *t, size_t row, size_t col,
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
table_set_row_style(struct table *t, size_t row, struct canvas_color color,
    enum font_face face)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		table_set_cell_style(t, row, i, color, face);
}

/* The face cell i (row-major) is drawn in. */
static enum font_face
cell_face(const struct table *t, size_t i)
{
	return i < t->nstyles && t->styles[i].set ? t->styles[i].face :
	    FONT_REGULAR;
}

static const struct model_series *
find_series(const struct model_gadget *g, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < g->nseries; i++)
		if (strcmp(g->series[i].name, name) == 0)
			return &g->series[i];
	return NULL;
}

static void
template_cell(char buf[FORMAT_MAX], const struct tpl_column *col,
    const struct model_gadget *g, size_t r)
{
	const struct model_series *s;
	const struct model_delta *d;

	strcpy(buf, TABLE_GAP);
	switch (col->kind) {
	case TPL_COL_RATE:
		format_rate(buf, g->rates[r]);
		break;
	case TPL_COL_MEAN:
		s = find_series(g, col->case_name);
		if (s == NULL || s->cells[r].rows == 0 || s->cells[r].m[col->metric].n == 0)
			break;
		if (col->integer)
			format_fixed(buf, trunc(s->cells[r].m[col->metric].mean), 0);
		else
			format_mean_ci(buf, s->cells[r].m[col->metric].mean,
			    s->cells[r].m[col->metric].half, col->decimals,
			    col->show_ci);
		break;
	case TPL_COL_OVERHEAD:
		if (g->overhead == NULL)
			break;
		d = &g->overhead[r].m[col->metric];
		if (d->defined)
			format_delta_ci(buf, d->delta, d->half, col->decimals,
			    col->show_ci);
		break;
	}
}

struct table *
table_from_template(const struct tpl_table *tt, const struct model *m,
    const struct model_gadget *g, const struct tpl_vars *vars)
{
	const struct tpl_column **cols = xcalloc(tt->ncolumns + 1, sizeof(*cols));
	char **head = xcalloc(tt->ncolumns + 1, sizeof(*head));
	char **row = xcalloc(tt->ncolumns + 1, sizeof(*row));
	struct table *t;
	size_t i, n = 0, r;

	for (i = 0; i < tt->ncolumns; i++) {
		const struct tpl_column *col = &tt->columns[i];

		if (col->kind != TPL_COL_RATE && !model_has_metric(m, col->metric))
			continue;
		head[n] = template_expand(col->header != NULL ? col->header : "", vars);
		row[n] = xmalloc(FORMAT_MAX);
		cols[n++] = col;
	}
	t = table_new((const char *const *)head, n, &tt->style);
	for (r = 0; r < g->nrates; r++) {
		for (i = 0; i < n; i++)
			template_cell(row[i], cols[i], g, r);
		table_add_row(t, (const char *const *)row);
	}
	for (i = 0; i < n; i++) {
		free(head[i]);
		free(row[i]);
	}
	free(head);
	free(row);
	free(cols);
	return t;
}

static const char *const raw_header[RAW__MAX] = {
	[RAW_GADGET] = "Gadget",
	[RAW_CASE] = "Case",
	[RAW_RUN] = "Run",
	[RAW_RATE] = "Events/s",
	[RAW_CPU] = "Cpu (%)",
	[RAW_MEM] = "Mem (MiB)",
	[RAW_IGCPU] = "IG Cpu (%)",
	[RAW_IGMEM] = "IG Mem (MiB)",
	[RAW_LOST] = "Lost/s",
};

static int
raw_column_present(const struct model *m, enum raw_column c)
{
	if (c == RAW_RUN)
		return m->has_run;
	if (c >= RAW_CPU)
		return model_has_metric(m, (enum metric)(METRIC_CPU + (c - RAW_CPU)));
	return 1;
}

struct table *
table_from_raw(const struct model *m, const struct tpl_table_style *style)
{
	const char *head[RAW__MAX], *row[RAW__MAX];
	enum raw_column cols[RAW__MAX];
	struct table *t;
	size_t n = 0, i, r;
	int c;

	for (c = 0; c < RAW__MAX; c++)
		if (raw_column_present(m, (enum raw_column)c)) {
			cols[n] = (enum raw_column)c;
			head[n++] = raw_header[c];
		}
	t = table_new(head, n, style);
	for (r = 0; r < m->nraw; r++) {
		for (i = 0; i < n; i++)
			row[i] = m->raw[r].cell[cols[i]];
		table_add_row(t, row);
	}
	return t;
}

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

void
table_layout(struct table *t, const struct canvas *c, double max_width)
{
	const struct fonts *f = c->fonts;
	double *body = xcalloc(t->ncols + 1, sizeof(*body));
	double full = t->style.font_size, em, nat, s = full;
	size_t i, r;

	for (i = 0; i < t->ncols; i++) {
		for (r = 0; r < t->nrows; r++)
			body[i] = fmax(body[i], fonts_text_width(f,
			    cell_face(t, r * t->ncols + i), 1,
			    t->cells[r * t->ncols + i]));
		if (t->head_lines != NULL)
			free(t->head_lines[i]);
	}
	if (t->head_lines == NULL)
		t->head_lines = xcalloc(t->ncols + 1, sizeof(*t->head_lines));
	for (i = 0; i < t->ncols; i++)
		t->head_lines[i] = xstrdup(t->header[i]);
	nat = natural_width(t, f, body);
	if (nat * s > max_width)
		s = floor(max_width / nat * 10) / 10;
	if (s < TABLE_FLOOR * full) {
		for (i = 0; i < t->ncols; i++) {
			char *w = wrap_header(f, t->header[i], fmax(body[i],
			    widest_word(f, t->header[i])));

			free(t->head_lines[i]);
			t->head_lines[i] = w;
		}
		nat = natural_width(t, f, body);
		s = fmax(TABLE_MIN_SIZE, fmin(full, floor(max_width / nat * 10) / 10));
	}
	em = fonts_ascent(f, FONT_REGULAR, 1) - fonts_descent(f, FONT_REGULAR, 1);
	free(t->col_w);
	t->col_w = xcalloc(t->ncols + 1, sizeof(*t->col_w));
	t->size = s;
	t->width = 0;
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
	struct canvas_fill bg = {t->style.header_bg, 1};
	struct canvas_text ts = {FONT_BOLD, t->size, t->style.header_fg,
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
	struct canvas_fill zebra = {t->style.zebra, 1};
	struct canvas_stroke rule = {t->style.rule, TABLE_RULE_W, 1, 0};
	struct canvas_text ts = {FONT_REGULAR, t->size, table_black,
	    CANVAS_CENTER, 0};
	double base = y + TABLE_PAD_V * t->size +
	    fonts_ascent(c->fonts, FONT_REGULAR, t->size), cx = x;
	size_t i;

	/* Even rows counting from 1, as the notebook's CSS, and stable across pages. */
	if (t->style.zebra_on && r % 2 == 1)
		c->ops->rect(c->dev, x, y, t->width, t->row_h, &zebra, NULL);
	for (i = 0; i < t->ncols; i++) {
		size_t k = r * t->ncols + i;

		ts.face = cell_face(t, k);
		ts.color = k < t->nstyles && t->styles[k].set ?
		    t->styles[k].color : table_black;
		c->ops->text(c->dev, cx + t->col_w[i] / 2, base, t->cells[k], &ts);
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
	for (i = 0; i < t->ncols; i++) {
		free(t->header[i]);
		if (t->head_lines != NULL)
			free(t->head_lines[i]);
	}
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->header);
	free(t->styles);
	free(t->head_lines);
	free(t->cells);
	free(t->col_w);
	free(t);
}
