/* SPDX-License-Identifier: Apache-2.0 */
/* The document builder's walk over the template, and the blocks every kind of template shares: headings, text, figures, tables. */
#include "produce_acts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Colours for cases the template does not list (matplotlib's tab10 cycle). */
static const struct canvas_color palette[] = {
	{0x1f, 0x77, 0xb4}, {0xff, 0x7f, 0x0e}, {0x2c, 0xa0, 0x2c},
	{0xd6, 0x27, 0x28}, {0x94, 0x67, 0xbd}, {0x8c, 0x56, 0x4b},
	{0xe3, 0x77, 0xc2}, {0x7f, 0x7f, 0x7f}, {0xbc, 0xbd, 0x22},
	{0x17, 0xbe, 0xcf},
};
#define NPALETTE (sizeof(palette) / sizeof(palette[0]))

void
producer_vars(const struct producer *p, struct tpl_vars *v)
{
	memset(v, 0, sizeof(*v));
	v->gadget = p->view != NULL ? p->view->gadget : NULL;
	v->level = p->level;
	v->title = p->in->title;
	v->date = p->in->date;
	v->old = p->old;
	v->new = p->new;
}

char *
produce_expand(const struct producer *p, const char *text)
{
	struct tpl_vars v;

	producer_vars(p, &v);
	return template_expand(text != NULL ? text : "", &v);
}

void
produce_paragraph(struct producer *p, const char *text)
{
	doc_add_paragraph(p->doc, text, DOC_ROLE_BODY, p->t->text_color);
}

struct doc_block *
produce_list(struct producer *p)
{
	return doc_add(p->doc, DOC_LIST, NULL);
}

/* 32-bit FNV-1a of gadget, a NUL and id: the same names give the same hash on every system. */
static unsigned long
item_hash(const char *gadget, const char *id)
{
	unsigned long h = 2166136261UL;
	const unsigned char *c;

	for (c = (const unsigned char *)gadget; *c; c++)
		h = ((h ^ *c) * 16777619UL) & 0xffffffffUL;
	h = (h * 16777619UL) & 0xffffffffUL;
	for (c = (const unsigned char *)id; *c; c++)
		h = ((h ^ *c) * 16777619UL) & 0xffffffffUL;
	return h;
}

/* Lower-cases s and replaces what is not [a-z0-9_-], and a leading '-', by '_'; whether anything changed. */
static int
item_sanitise(char *s)
{
	int changed = 0;
	char *c;

	for (c = s; *c; c++) {
		if (*c >= 'A' && *c <= 'Z') {
			*c = (char)(*c - 'A' + 'a');
			changed = 1;
		} else if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    *c == '-' || *c == '_') || (c == s && *c == '-')) {
			*c = '_';
			changed = 1;
		}
	}
	return changed;
}


/*
 * Ids and anchors from gadget names: characters other than letters,
 * digits, '-' and '_' become '_', so a gadget named "../x" cannot leave
 * the output directory or hide as a dot file.
 */
static void
safe_name(char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			*s = '_';
}

/* Whether s is some block's id or some gadget's anchor already. */
static int
name_taken(const struct producer *p, const char *s)
{
	size_t i;

	for (i = 0; i < p->nanchors; i++)
		if (strcmp(p->anchors[i].anchor, s) == 0)
			return 1;
	return doc_find(p->doc, s) != NULL;
}

/* base (made safe, taken over) with a number added while it is taken. */
static char *
unique_name(const struct producer *p, char *base)
{
	char *s;
	size_t k = 2;

	safe_name(base);
	s = xstrdup(base);
	while (name_taken(p, s)) {
		free(s);
		s = xasprintf("%s-%zu", base, k++);
	}
	free(base);
	return s;
}

/*
 * An item id, which is also a file name (ID.svg), from a gadget name and
 * a template id: lower case letters, digits, '-' and '_' only, never a
 * leading '-' or '.', so a gadget named "../x" or "-rf" can neither leave
 * the output directory, hide as a dot file nor pass for an option. A name
 * changed on the way (upper case, other characters) or longer than
 * PRODUCE_ID_MAX is cut and given "-" and 8 hex digits of a hash of the
 * original, so that ids stay stable from run to run and names differing
 * only in letter case do not collide on a case-insensitive file system.
 * A number is added when the id is taken already.
 */
static char *
item_id(const struct producer *p, const char *gadget, const char *id);

char *
produce_item_id(const struct producer *p, const char *gadget, const char *id)
{
	char *s;

	if (gadget != NULL)
		return item_id(p, gadget, id);
	s = xstrdup(id);
	if (item_sanitise(s) || strlen(s) > PRODUCE_ID_MAX) {
		free(s);
		s = xasprintf("%.*s-%08lx", (int)(PRODUCE_ID_MAX - 9), id,
		    item_hash("", id));
		(void)item_sanitise(s);
	}
	return unique_name(p, s);
}

struct canvas_color
produce_palette(size_t i)
{
	return palette[i % NPALETTE];
}

static char *
item_id(const struct producer *p, const char *gadget, const char *id)
{
	char *g = xstrdup(gadget), *i = xstrdup(id), *base;
	size_t glen = strlen(g), ilen = strlen(i), room = PRODUCE_ID_MAX - 9;
	int changed = item_sanitise(g) | item_sanitise(i);

	if (!changed && glen + 1 + ilen <= PRODUCE_ID_MAX)
		base = xasprintf("%s-%s", g, i);
	else {
		/* "-" and 8 hex digits of hash; the template id kept whole when short. */
		if (ilen > room / 2)
			ilen = room / 2;
		if (glen + 1 + ilen > room)
			glen = room - 1 - ilen;
		base = xasprintf("%.*s-%.*s-%08lx", (int)glen, g, (int)ilen, i,
		    item_hash(gadget, id));
	}
	free(g);
	free(i);
	return unique_name(p, base); /* already safe: safe_name changes nothing */
}

const char *
produce_gadget_anchor(struct producer *p, const char *gadget)
{
	struct producer_anchor *a;
	size_t i;

	for (i = 0; i < p->nanchors; i++)
		if (strcmp(p->anchors[i].gadget, gadget) == 0)
			return p->anchors[i].anchor;
	p->anchors = xrealloc(p->anchors,
	    (p->nanchors + 1) * sizeof(*p->anchors));
	a = &p->anchors[p->nanchors];
	a->anchor = unique_name(p, xstrdup(gadget));
	a->gadget = xstrdup(gadget);
	p->nanchors++;
	return a->anchor;
}

void
produce_heading(struct producer *p, const struct tpl_block *b)
{
	char *s = produce_expand(p, b->text);

	doc_add(p->doc, DOC_HEADING, s);
	free(s);
}

void
produce_text(struct producer *p, const struct tpl_block *b)
{
	char *s = produce_expand(p, b->text);

	produce_paragraph(p, s);
	free(s);
}

void
produce_page_break(struct producer *p, const struct tpl_block *b)
{
	(void)b;
	doc_add(p->doc, DOC_PAGE_BREAK, NULL);
}

static int
listed(const struct tpl_chart *ch, const char *name)
{
	size_t i;

	for (i = 0; i < ch->nseries; i++)
		if (strcmp(ch->series[i].case_name, name) == 0)
			return 1;
	return 0;
}

static int
color_used(const struct doc_series *s, size_t n, struct canvas_color c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i].color.r == c.r && s[i].color.g == c.g && s[i].color.b == c.b)
			return 1;
	return 0;
}

/* "With IG, 4096 events/s: 10.53 \xc2\xb1 0.31 % CPU (n = 5)"; a share: "... 0.011 \xc2\xb1 0.002 % of events lost (n = 5)". */
static char *
value_tip(const char *label, double rate, const struct doc_value *dv,
    const struct model_stat *st, const struct tpl_chart *ch)
{
	char r[FORMAT_MAX], v[FORMAT_MAX];

	const char *unit = metric_unit(ch->metric), *what = metric_label(ch->metric);

	format_rate(r, rate);
	format_mean_ci(v, dv->mean, dv->half, ch->decimals, 1);
	if (ch->share)
		return xasprintf("%s, %s events/s: %s %% of events lost (n = %lu)",
		    label, r, v, st->n);
	/* "% CPU", "MiB Mem", but "Lost/s". */
	if (unit[0] == '/')
		return xasprintf("%s, %s events/s: %s %s%s (n = %lu)", label, r,
		    v, what, unit, st->n);
	return xasprintf("%s, %s events/s: %s %s %s (n = %lu)", label, r, v,
	    unit, what, st->n);
}

static void
bind_series(struct doc_series *out, const char *label,
    struct canvas_color color, const struct view *v,
    const struct view_series *vs, const struct tpl_chart *ch)
{
	size_t r;

	out->label = xstrdup(label);
	out->color = color;
	out->values = xcalloc(v->nrates + 1, sizeof(*out->values));
	for (r = 0; r < v->nrates; r++) {
		const struct model_stat *st = view_stat(vs, r, ch->metric);

		struct doc_value *dv = &out->values[r];
		double runs[MODEL_MAX_RUNS], k = 1;
		size_t i;

		/* A share of the rate: Lost / rate x 100, undefined at rate 0. */
		if (ch->share)
			k = v->rates[r] > 0 ? 100 / v->rates[r] : NAN;
		dv->gap = st == NULL || isnan(k);
		if (dv->gap)
			continue;
		/* A count or a size below 0 is no possible value: the drawn interval stops at 0. */
		doc_value_set(dv, k * st->mean, k * st->half,
		    !metric_can_be_negative(ch->metric));
		dv->tip = value_tip(label, v->rates[r], dv, st, ch);
		if (!ch->runs)
			continue;
		dv->nruns = model_cell_runs(vs->cells[r], ch->metric, runs);
		if (dv->nruns > 0) {
			dv->runs = xcalloc(dv->nruns, sizeof(*dv->runs));
			for (i = 0; i < dv->nruns; i++)
				dv->runs[i] = k * runs[i];
		}
	}
}

/* Non-zero when every value of ch and every run is 0 (say, no event lost anywhere). */
static int
chart_all_zero(const struct doc_chart *ch)
{
	size_t s, r, k;

	for (s = 0; s < ch->nseries; s++)
		for (r = 0; r < ch->ncats; r++) {
			const struct doc_value *dv = &ch->series[s].values[r];

			if (dv->gap)
				continue;
			if (dv->mean != 0 || dv->half != 0)
				return 0;
			for (k = 0; k < dv->nruns; k++)
				if (dv->runs[k] != 0)
					return 0;
		}
	return 1;
}

/* Non-zero when some drawn interval of ch stops at 0 before its lower end. */
static int
chart_clipped(const struct doc_chart *ch)
{
	size_t s, r;

	for (s = 0; s < ch->nseries; s++)
		for (r = 0; r < ch->ncats; r++) {
			const struct doc_value *dv = &ch->series[s].values[r];

			if (!dv->gap && dv->lo > dv->mean - dv->half)
				return 1;
		}
	return 0;
}

/* Template series the view has, in template order, then (other_cases) the view's unlisted cases. */
static size_t
resolve_series(const struct tpl_chart *ch, const struct view *v,
    struct doc_series *out)
{
	size_t n = 0, i, pal = 0;

	for (i = 0; i < ch->nseries; i++) {
		const struct view_series *vs = view_find(v, ch->series[i].case_name);

		if (vs != NULL)
			bind_series(&out[n++], ch->series[i].label,
			    ch->series[i].color, v, vs, ch);
	}
	for (i = 0; ch->other_cases && i < v->nseries; i++) {
		if (listed(ch, v->series[i].name))
			continue;
		/* Skip palette colours already in use, unless all are. */
		while (pal < 2 * NPALETTE &&
		    color_used(out, n, palette[pal % NPALETTE]))
			pal++;
		bind_series(&out[n++], v->series[i].name,
		    palette[pal++ % NPALETTE], v, &v->series[i], ch);
	}
	return n;
}

int
produce_chart(const struct tpl_chart *ch, const struct view *v,
    const struct tpl_vars *vars, struct doc_chart *out)
{
	memset(out, 0, sizeof(*out));
	if (!(v->metrics & (1u << ch->metric)) || v->nrates == 0)
		return 0;
	out->series = xcalloc(ch->nseries + v->nseries + 1, sizeof(*out->series));
	out->nseries = resolve_series(ch, v, out->series);
	if (out->nseries == 0) {
		free(out->series);
		out->series = NULL;
		return 0;
	}
	out->spec = ch;
	out->title = template_expand(ch->title ? ch->title : "", vars);
	out->x_label = template_expand(ch->x_label ? ch->x_label : "", vars);
	out->y_label = template_expand(ch->y_label ? ch->y_label : "", vars);
	out->ncats = v->nrates;
	out->cats = xcalloc(v->nrates + 1, sizeof(*out->cats));
	memcpy(out->cats, v->rates, v->nrates * sizeof(*out->cats));
	out->clipped = chart_clipped(out);
	return 1;
}

static int
charts_have_runs(const struct doc_chart *charts, size_t n)
{
	size_t i, k, r;

	for (i = 0; i < n; i++)
		for (k = 0; k < charts[i].nseries; k++)
			for (r = 0; r < charts[i].ncats; r++)
				if (charts[i].series[k].values[r].nruns > 0)
					return 1;
	return 0;
}

/* Appends to *s the series labels of chart ch: " Baseline and With IG". */
static void
append_labels(char **s, const struct doc_chart *ch)
{
	size_t k;
	char *t;

	for (k = 0; k < ch->nseries; k++) {
		t = xasprintf("%s%s %s", *s, k ? (k + 1 == ch->nseries ? " and" :
		    ",") : "", ch->series[k].label);
		free(*s);
		*s = t;
	}
}

/*
 * One sentence for screen readers: what the n drawn charts of a figure
 * show. Bar charts name their cases, overhead charts their gadgets.
 */
static char *
figure_desc(const struct producer *p, const struct doc_chart *charts,
    size_t n)
{
	const struct view *v = p->view;
	char *s, *t;
	char lo[FORMAT_MAX], hi[FORMAT_MAX];
	size_t i;

	format_rate(lo, charts[0].cats[0]);
	format_rate(hi, charts[0].cats[charts[0].ncats - 1]);
	if (charts[0].kind == DOC_CHART_LINES) {
		s = xasprintf("Line charts of the overhead (With IG minus "
		    "Baseline) of");
		append_labels(&s, &charts[0]);
		t = xasprintf("%s:", s);
		free(s);
		s = t;
		for (i = 0; i < n; i++) {
			t = xasprintf("%s%s %s", s, i ? " and" : "",
			    metric_name(charts[i].spec->metric));
			free(s);
			s = t;
		}
		t = xasprintf("%s, against events per second from %s to %s on a "
		    "log2 axis, with %s%% Welch confidence intervals as "
		    "whiskers; each line is named at its end.", s, lo, hi,
		    p->level);
		free(s);
		return t;
	}
	s = xasprintf("Bar charts for gadget %s:", v->gadget);
	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s %s%s of", s, i ? ";" : "",
		    metric_name(charts[i].spec->metric), charts[i].spec->share ?
		    " as a share of the rate" : "");
		free(s);
		s = t;
		append_labels(&s, &charts[i]);
	}
	t = xasprintf("%s; mean per rate from %s to %s events per second, with "
	    "%s%% confidence intervals as error bars.%s", s, lo, hi, p->level,
	    charts_have_runs(charts, n) ? " Dots are the individual runs." : "");
	free(s);
	for (i = 0; i < n; i++) {
		if (!charts[i].clipped)
			continue;
		s = xasprintf("%s Intervals of %s stop at 0 (it cannot be "
		    "negative).", t, metric_name(charts[i].spec->metric));
		free(t);
		t = s;
	}
	return t;
}

/* The cases chart ch names, for the warning. */
static char *
chart_cases(const struct tpl_chart *ch)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < ch->nseries; i++) {
		t = xasprintf("%s%s%s", s, i ? ", " : "", ch->series[i].case_name);
		free(s);
		s = t;
	}
	return s;
}

/* Records that chart ch was drawn for the current gadget, or left out although the gadget has its metric. */
static void
note_chart(struct producer *p, const struct tpl_figure *fig,
    const struct tpl_chart *ch, int drawn)
{
	struct produce_chart_use *u = NULL;
	size_t i;

	for (i = 0; i < p->nuses && u == NULL; i++)
		if (p->uses[i].chart == ch)
			u = &p->uses[i];
	if (u == NULL) {
		xgrow((void **)&p->uses, &p->capuses, p->nuses + 1,
		    sizeof(*p->uses));
		u = &p->uses[p->nuses++];
		memset(u, 0, sizeof(*u));
		u->fig = fig;
		u->chart = ch;
	}
	if (drawn)
		u->drawn = 1;
	else if ((p->view->metrics & (1u << ch->metric)) && p->view->nrates > 0)
		u->no_series = 1;
}

/*
 * A chart drawn for no gadget, though some had its metric: none of the
 * cases it names is in the data (a template written for other case
 * names). A gadget lacking one case is D_NO_BASELINE's or D_NO_IG's.
 */
static void
warn_unused_charts(struct producer *p)
{
	char *cases;
	size_t i;

	for (i = 0; i < p->nuses; i++) {
		const struct produce_chart_use *u = &p->uses[i];

		if (u->drawn || !u->no_series)
			continue;
		cases = chart_cases(u->chart);
		diags_add(p->d, D_CHART_NO_SERIES, p->t->path, 0, 0, "figure "
		    "'%s', %s chart: cases %s", u->fig->id,
		    metric_name(u->chart->metric), cases);
		free(cases);
	}
	free(p->uses);
}

void
produce_add_figure(struct producer *p, const struct tpl_figure *fig,
    struct doc_chart *charts, size_t n, char *desc)
{
	char *title = produce_expand(p, fig->title);
	struct doc_block *blk = doc_add(p->doc, DOC_FIGURE, title);

	free(title);
	blk->charts = charts;
	blk->ncharts = n;
	blk->height = fig->height;
	/* Outside a gadget section the item is about every gadget (or the run's history). */
	blk->id = produce_item_id(p, p->view != NULL ? p->view->gadget : NULL,
	    fig->id);
	blk->desc = desc;
}

void
produce_figure(struct producer *p, const struct tpl_block *b)
{
	const struct tpl_figure *fig = b->figure;
	struct doc_chart *charts;
	struct tpl_vars vars;
	size_t i, n = 0;
	char *title;
	int bound;

	producer_vars(p, &vars);
	charts = xcalloc(fig->ncharts + 1, sizeof(*charts));
	for (i = 0; i < fig->ncharts; i++) {
		const struct tpl_chart *ch = &fig->charts[i];

		/* Outside a gadget section only charts of every gadget make sense. */
		if (ch->kind == TPL_CHART_OVERHEAD) {
			n += (size_t)produce_overhead_chart(p, ch, &vars, &charts[n]);
			continue;
		}
		if (p->view == NULL)
			continue;
		bound = produce_chart(ch, p->view, &vars, &charts[n]);
		/* Left out for having nothing but zeros is no missing case: noted as drawn. */
		note_chart(p, fig, ch, bound);
		if (bound && ch->omit_if_zero && chart_all_zero(&charts[n])) {
			doc_chart_free(&charts[n]);
			memset(&charts[n], 0, sizeof(charts[n]));
			bound = 0;
		}
		n += (size_t)bound;
	}
	if (n == 0) {
		free(charts);
		return;
	}
	produce_add_figure(p, fig, charts, n, figure_desc(p, charts, n));
	if (p->view == NULL && p->kind->ngadgets(p) > PRODUCE_MAX_LINES &&
	    charts[0].kind == DOC_CHART_LINES) {
		title = xasprintf("The figure draws the first %d of the %zu "
		    "gadgets; more lines could not be told apart.",
		    PRODUCE_MAX_LINES, p->kind->ngadgets(p));
		produce_paragraph(p, title);
		free(title);
	}
}

void
produce_add_table(struct producer *p, const struct tpl_table *spec,
    struct doc_table *tb, char *desc)
{
	char *title = produce_expand(p, spec->title);
	struct doc_block *blk = doc_add(p->doc, DOC_TABLE, title);

	free(title);
	blk->table = tb;
	if (p->view != NULL && spec->id != NULL && *spec->id != '\0') {
		blk->id = produce_item_id(p, p->view->gadget, spec->id);
		blk->desc = desc;
	} else
		free(desc);
}

static void
template_cell(char buf[FORMAT_MAX], const struct tpl_column *col,
    const struct view *v, size_t r)
{
	const struct view_series *s;
	const struct model_stat *st;
	const struct model_delta *d;

	strcpy(buf, DOC_GAP);
	switch (col->kind) {
	case TPL_COL_RATE:
		format_rate(buf, v->rates[r]);
		break;
	case TPL_COL_MEAN:
		s = view_find(v, col->case_name);
		if (s == NULL || (st = view_stat(s, r, col->metric)) == NULL)
			break;
		if (col->integer)
			format_fixed(buf, trunc(st->mean), 0); /* the notebook's int() */
		else if (col->share && v->rates[r] > 0)
			format_mean_ci(buf, 100 * st->mean / v->rates[r],
			    100 * st->half / v->rates[r], col->decimals,
			    col->show_ci);
		else if (!col->share)
			format_mean_ci(buf, st->mean, st->half, col->decimals,
			    col->show_ci);
		break;
	case TPL_COL_OVERHEAD:
		if (v->overhead == NULL)
			break;
		d = &v->overhead[r].m[col->metric];
		if (d->defined)
			format_delta_ci(buf, d->delta, d->half, col->decimals,
			    col->show_ci);
		break;
	}
}

/* The template table tt for the current gadget: columns of metrics it lacks left out. */
static struct doc_table *
template_table(const struct producer *p, const struct tpl_table *tt)
{
	const struct view *v = p->view;
	const struct tpl_column **cols = xcalloc(tt->ncolumns + 1, sizeof(*cols));
	char **head = xcalloc(tt->ncolumns + 1, sizeof(*head));
	char **row = xcalloc(tt->ncolumns + 1, sizeof(*row));
	struct doc_table *t;
	size_t i, n = 0, r;

	for (i = 0; i < tt->ncolumns; i++) {
		const struct tpl_column *col = &tt->columns[i];

		if (col->kind != TPL_COL_RATE && !(v->metrics & (1u << col->metric)))
			continue;
		head[n] = produce_expand(p, col->header);
		row[n] = xmalloc(FORMAT_MAX);
		cols[n++] = col;
	}
	t = doc_table_new((const char *const *)head, n, &tt->style);
	for (r = 0; r < v->nrates; r++) {
		for (i = 0; i < n; i++)
			template_cell(row[i], cols[i], v, r);
		doc_table_add_row(t, (const char *const *)row);
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

void
produce_table(struct producer *p, const struct tpl_block *b)
{
	struct doc_table *tb;

	if (p->view == NULL)
		return;
	tb = template_table(p, b->table);
	if (tb->ncols == 0 || tb->nrows == 0) {
		doc_table_free(tb);
		return;
	}
	produce_add_table(p, b->table, tb, xasprintf("Table of mean values per "
	    "events-per-second rate for gadget %s, with %s%% confidence "
	    "intervals.", p->view->gadget, p->level));
}

/* The step of k's shortening that template block kind block of section sec has of its own; 0: none. */
static unsigned
fit_own(const struct produce_kind *k, enum tpl_section_kind sec, int block)
{
	size_t i;

	for (i = 0; i < k->nfit; i++)
		if (k->fit[i].section == sec && k->fit[i].block == block)
			return (unsigned)(i + 1);
	return 0;
}

/*
 * The step of block i of sec: its own; for a heading, that of the block
 * after it; for a text, that of the block before it; else the rest of
 * its section's, if any.
 */
static unsigned
fit_step(const struct produce_kind *k, const struct tpl_section *sec,
    size_t i)
{
	int kind = (int)sec->blocks[i].kind;
	unsigned s = fit_own(k, sec->kind, kind);

	if (s == 0 && kind == TPL_BLOCK_HEADING && i + 1 < sec->nblocks)
		s = fit_own(k, sec->kind, (int)sec->blocks[i + 1].kind);
	if (s == 0 && kind == TPL_BLOCK_TEXT && i > 0)
		s = fit_own(k, sec->kind, (int)sec->blocks[i - 1].kind);
	return s != 0 ? s : fit_own(k, sec->kind, PRODUCE_FIT_REST);
}

/* Blocks from first on go with step (warnings excepted). */
static void
fit_mark(struct document *doc, size_t first, unsigned step)
{
	size_t i;

	for (i = first; i < doc->nblocks; i++)
		if (doc->blocks[i].kind != DOC_BANNER)
			doc->blocks[i].drop = step;
}

static void
produce_blocks(struct producer *p, const struct produce_kind *k,
    const struct tpl_section *sec)
{
	size_t i, first;

	for (i = 0; i < sec->nblocks; i++) {
		produce_act act = k->acts[sec->blocks[i].kind];

		first = p->doc->nblocks;
		if (act != NULL)
			act(p, &sec->blocks[i]);
		fit_mark(p->doc, first, fit_step(k, sec, i));
	}
}

static void
produce_section(struct producer *p, const struct produce_kind *k,
    const struct tpl_section *sec)
{
	static const enum doc_section_kind kinds[] = {
		[TPL_SECTION_COVER] = DOC_SECTION_COVER,
		[TPL_SECTION_OVERVIEW] = DOC_SECTION_OVERVIEW,
		[TPL_SECTION_GADGET] = DOC_SECTION_GADGET,
		[TPL_SECTION_APPENDIX] = DOC_SECTION_APPENDIX,
	};
	struct doc_block *b = doc_add(p->doc, DOC_SECTION,
	    p->view != NULL ? p->view->gadget : NULL);
	char *sub;

	b->section = kinds[sec->kind];
	b->drop = fit_own(k, sec->kind, PRODUCE_FIT_REST);
	if (p->view != NULL)
		b->anchor = xstrdup(produce_gadget_anchor(p, p->view->gadget));
	else
		b->anchor = unique_name(p, xstrdup(sec->kind ==
		    TPL_SECTION_COVER ? "cover" : sec->kind == TPL_SECTION_OVERVIEW ?
		    "overview" : "appendix"));
	if (sec->kind == TPL_SECTION_COVER) {
		b = doc_add(p->doc, DOC_TITLE, p->in->title);
		sub = xasprintf("igreport %s", p->in->version);
		b->subtitle = sub;
	}
	produce_blocks(p, k, sec);
}

static void
produce_all(struct producer *p, const struct produce_kind *k)
{
	const struct template *t = p->t;
	size_t s, g, n = k->ngadgets(p);
	struct view *v;

	for (s = 0; s < t->nsections; s++) {
		if (t->sections[s].kind != TPL_SECTION_GADGET) {
			produce_section(p, k, &t->sections[s]);
			continue;
		}
		for (g = 0; g < n; g++) {
			v = k->view(p, g);
			p->view = v;
			produce_section(p, k, &t->sections[s]);
			p->view = NULL;
			view_free(v);
		}
	}
}

/* Whether some block of doc goes with step. */
static int
fit_used(const struct document *doc, unsigned step)
{
	size_t i;

	for (i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].drop == step)
			return 1;
	return 0;
}

/* The note when k's steps 1 to upto are left out; used[s - 1]: step s has blocks. */
static char *
fit_note(const struct producer *p, const struct produce_kind *k,
    const int *used, size_t upto)
{
	char *what = xstrdup(""), *s;
	size_t i, n = 0, total = 0;

	for (i = 0; i < upto; i++)
		total += used[i] != 0;
	for (i = 0; i < upto; i++) {
		if (!used[i])
			continue;
		n++;
		s = xasprintf("%s%s%s", what, n == 1 ? "" : n == total ?
		    " and " : ", ", k->fit[i].what);
		free(what);
		what = s;
	}
	s = xasprintf("Shortened to fit %zu characters; left out: %s.%s%s",
	    p->in->max_chars, what,
	    p->in->full_report != NULL ? " " : "",
	    p->in->full_report != NULL ? p->in->full_report : "");
	free(what);
	return s;
}

/* With a length limit: the notes of the steps some block goes with. */
static void
fit_notes(struct producer *p, const struct produce_kind *k)
{
	struct doc_fit *fit = &p->doc->fit;
	int *used;
	size_t i;

	if (p->in->max_chars == 0 || k->nfit == 0)
		return;
	used = xcalloc(k->nfit, sizeof(*used));
	for (i = 0; i < k->nfit; i++)
		used[i] = fit_used(p->doc, (unsigned)(i + 1));
	fit->notes = xcalloc(k->nfit, sizeof(*fit->notes));
	fit->nsteps = k->nfit;
	fit->max_chars = p->in->max_chars;
	for (i = 0; i < k->nfit; i++)
		if (used[i])
			fit->notes[i] = fit_note(p, k, used, i + 1);
	free(used);
}

/* The kind of what in holds: a comparison, a trend, or one run. */
static enum tpl_kind
data_kind(const struct produce_input *in)
{
	if (in->comparison != NULL)
		return TPL_KIND_COMPARE;
	return in->trend != NULL ? TPL_KIND_TREND : TPL_KIND_REPORT;
}

/* A compare template draws a comparison, a trend template a trend, a report template one run. */
static int
check_kind(const struct produce_input *in, struct diags *d)
{
	static const char *const needs[] = {
		[TPL_KIND_REPORT] = "a report template (<report>) draws one "
		    "run: use it with 'igreport'",
		[TPL_KIND_COMPARE] = "a compare template (kind=\"compare\") "
		    "draws a comparison: use it with 'igreport compare'",
		[TPL_KIND_TREND] = "a trend template (kind=\"trend\") draws "
		    "a history: use it with 'igreport trend'",
	};

	if (in->tpl->kind == data_kind(in))
		return 0;
	if (data_kind(in) == TPL_KIND_COMPARE)
		diags_add(d, D_TEMPLATE_VALUE, in->tpl->path, 0, 0, "not a "
		    "compare template (<report kind=\"compare\">)");
	else
		diags_add(d, D_TEMPLATE_VALUE, in->tpl->path, 0, 0, "%s",
		    needs[in->tpl->kind]);
	return -1;
}

static const char *
first_input(const struct model *m)
{
	return m->ninputs ? m->inputs[0].name : NULL;
}

struct document *
produce_document(const struct produce_input *in, struct diags *d)
{
	static const struct produce_kind *const kinds[] = {
		[TPL_KIND_REPORT] = &produce_report,
		[TPL_KIND_COMPARE] = &produce_compare,
		[TPL_KIND_TREND] = &produce_trend,
	};
	const struct produce_kind *k = kinds[data_kind(in)];
	struct producer p;
	size_t i;

	if (check_kind(in, d) < 0)
		return NULL;
	memset(&p, 0, sizeof(p));
	p.kind = k;
	p.in = in;
	p.t = in->tpl;
	p.doc = doc_new(in->tpl, in->title);
	p.d = d;
	format_level(p.level, in->comparison != NULL ?
	    in->comparison->opt.level : in->trend != NULL ?
	    in->trend->opt.level : in->model->level);
	if (in->comparison != NULL) {
		p.old = first_input(in->comparison->old);
		p.new = first_input(in->comparison->new);
	}
	p.doc->level = xstrdup(p.level);
	p.doc->date = xstrdup(in->date != NULL ? in->date : "");
	p.doc->old = p.old != NULL ? xstrdup(p.old) : NULL;
	p.doc->new = p.new != NULL ? xstrdup(p.new) : NULL;
	produce_all(&p, k);
	fit_notes(&p, k);
	for (i = 0; i < p.nanchors; i++) {
		free(p.anchors[i].gadget);
		free(p.anchors[i].anchor);
	}
	free(p.anchors);
	warn_unused_charts(&p);
	return p.doc;
}
