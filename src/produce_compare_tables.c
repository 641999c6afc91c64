/* SPDX-License-Identifier: Apache-2.0 */
/* The comparison's tables, sentences and change-chart rows: changes formatted with their marks, coloured by verdict. */
#include "produce_compare_tables.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "xalloc.h"

#define CR_GAP "\xe2\x80\x93"   /* U+2013 */
#define CR_NE "\xe2\x89\xa0"    /* U+2260 */

static const char *const cr_side[] = { "OLD", "NEW" };

/* Cells of a row being built; each is FORMAT_MAX bytes. */
struct cr_row {
	char **cell;
	size_t n;
};

static void
cr_row_init(struct cr_row *r, size_t n)
{
	size_t i;

	r->n = n;
	r->cell = xcalloc(n, sizeof(*r->cell));
	for (i = 0; i < n; i++)
		r->cell[i] = xcalloc(FORMAT_MAX, 1);
}

static void
cr_row_free(struct cr_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->cell[i]);
	free(r->cell);
}

static void
cr_add(struct doc_table *t, const struct cr_row *r)
{
	doc_table_add_row(t, (const char *const *)r->cell);
}

static void
cr_set(char *cell, const char *s)
{
	snprintf(cell, FORMAT_MAX, "%s", s);
}

static const char *
cr_mark(enum compare_verdict v)
{
	switch (v) {
	case COMPARE_WORSE:
		return " " COMPARE_MARK_WORSE;
	case COMPARE_BETTER:
		return " " COMPARE_MARK_BETTER;
	case COMPARE_UNKNOWN:
		return " ?";
	default:
		return "";
	}
}

/* Colours the cell (row, col) of t after the verdict; SAME stays plain. */
static void
cr_color(struct doc_table *t, size_t row, size_t col, enum compare_verdict v,
    const struct colors *c, enum font_face face)
{
	if (v == COMPARE_WORSE)
		doc_table_set_cell_style(t, row, col, c->worse, face);
	else if (v == COMPARE_BETTER)
		doc_table_set_cell_style(t, row, col, c->better, face);
	else if (v == COMPARE_UNKNOWN)
		doc_table_set_cell_style(t, row, col, c->unknown, FONT_REGULAR);
}

/* "+20.0%" (or the absolute change when OLD is 0) with the verdict's mark. */
static void
cr_compact(char *cell, const struct compare_change *ch, int decimals)
{
	char buf[FORMAT_MAX];

	if (isnan(ch->percent)) {
		format_delta_ci(buf, ch->delta, 0, decimals, 0);
		snprintf(cell, FORMAT_MAX, "%.700s%s", buf, cr_mark(ch->verdict));
	} else {
		format_delta_ci(buf, ch->percent, 0, 1, 0);
		snprintf(cell, FORMAT_MAX, "%.700s%%%s", buf, cr_mark(ch->verdict));
	}
}

/* "+1.23 ± 0.40 (+20.0%)". */
static void
cr_full(char *cell, const struct compare_change *ch, int decimals)
{
	char d[FORMAT_MAX], p[FORMAT_MAX];

	format_delta_ci(d, ch->delta, ch->half, decimals, 1);
	if (isnan(ch->percent)) {
		cr_set(cell, d);
		return;
	}
	format_delta_ci(p, ch->percent, 0, 1, 0);
	snprintf(cell, FORMAT_MAX, "%.300s (%.300s%%)", d, p);
}

static void
cr_p(char *cell, double p)
{
	if (isnan(p))
		cr_set(cell, CR_GAP);
	else if (p < 0.001)
		cr_set(cell, "<0.001");
	else
		snprintf(cell, FORMAT_MAX, "%.3f", p);
}

/* --- Significant changes -------------------------------------------------- */

enum { SIG_VERDICT, SIG_GADGET, SIG_CASE, SIG_RATE, SIG_METRIC, SIG_OLD,
	SIG_NEW, SIG_CHANGE, SIG_P, SIG__MAX };

static const char *const sig_header[SIG__MAX] = {
	"Verdict", "Gadget", "Case", "Rate", "Metric", "OLD", "NEW", "Change", "p",
};

static void
sig_row_style(struct doc_table *t, enum compare_verdict v,
    const struct colors *col)
{
	size_t i, row = t->nrows - 1;

	for (i = 0; i < SIG__MAX; i++)
		cr_color(t, row, i, v, col, i == SIG_VERDICT ? FONT_BOLD :
		    FONT_REGULAR);
}

static void
sig_start(struct cr_row *r, enum compare_verdict v, const char *gadget,
    const char *tcase, double rate, enum metric m)
{
	snprintf(r->cell[SIG_VERDICT], FORMAT_MAX, "%s%s",
	    compare_verdict_name(v), cr_mark(v));
	cr_set(r->cell[SIG_GADGET], gadget);
	cr_set(r->cell[SIG_CASE], tcase);
	format_rate(r->cell[SIG_RATE], rate);
	cr_set(r->cell[SIG_METRIC], metric_heading(m));
}

static void
sig_entry(struct doc_table *t, struct cr_row *r, const struct compare_entry *e,
    const struct colors *col)
{
	int dec = metric_decimals(e->metric);

	sig_start(r, e->change.verdict, e->gadget, e->tcase, e->rate, e->metric);
	format_mean_ci(r->cell[SIG_OLD], e->old.mean, e->old.half, dec, 1);
	format_mean_ci(r->cell[SIG_NEW], e->new.mean, e->new.half, dec, 1);
	cr_full(r->cell[SIG_CHANGE], &e->change, dec);
	cr_p(r->cell[SIG_P], e->change.q);
	cr_add(t, r);
	sig_row_style(t, e->change.verdict, col);
}

static void
sig_overhead(struct doc_table *t, struct cr_row *r,
    const struct compare_overhead *o, const struct colors *col)
{
	int dec = metric_decimals(o->metric);

	sig_start(r, o->change.verdict, o->gadget, "overhead", o->rate,
	    o->metric);
	format_delta_ci(r->cell[SIG_OLD], o->old.delta, o->old.half, dec, 1);
	format_delta_ci(r->cell[SIG_NEW], o->new.delta, o->new.half, dec, 1);
	cr_full(r->cell[SIG_CHANGE], &o->change, dec);
	cr_p(r->cell[SIG_P], o->change.q);
	cr_add(t, r);
	sig_row_style(t, o->change.verdict, col);
}

static void
sig_rows(struct doc_table *t, const struct comparison *c, enum compare_verdict v,
    const struct colors *col)
{
	struct cr_row r;
	size_t g, i;

	cr_row_init(&r, SIG__MAX);
	for (g = 0; g < c->old->ngadgets; g++) {
		const char *name = c->old->gadgets[g].name;

		for (i = 0; i < c->nentries; i++)
			if (c->entries[i].gadget == name &&
			    c->entries[i].change.verdict == v)
				sig_entry(t, &r, &c->entries[i], col);
		for (i = 0; i < c->noverheads; i++)
			if (c->overheads[i].gadget == name &&
			    c->overheads[i].change.verdict == v)
				sig_overhead(t, &r, &c->overheads[i], col);
	}
	cr_row_free(&r);
}

struct doc_table *
compare_table_significant(const struct comparison *c,
    const struct tpl_table_style *st, const struct colors *col)
{
	struct doc_table *t;

	if (c->counts[COMPARE_WORSE] + c->counts[COMPARE_BETTER] == 0)
		return NULL;
	t = doc_table_new(sig_header, SIG__MAX, st);
	sig_rows(t, c, COMPARE_WORSE, col);
	sig_rows(t, c, COMPARE_BETTER, col);
	return t;
}

/* --- Per-gadget changes --------------------------------------------------- */

static void
changes_row(struct doc_table *t, struct cr_row *r, const struct comparison *c,
    size_t i, size_t end, const struct colors *col)
{
	unsigned metrics = c->old->metrics & c->new->metrics;
	size_t j, k = 2;
	int m;

	cr_set(r->cell[0], c->entries[i].tcase);
	format_rate(r->cell[1], c->entries[i].rate);
	for (m = 0; m < METRIC__MAX; m++)
		if (metrics & (1u << m)) {
			for (j = i; j < end && c->entries[j].metric != (enum metric)m;
			    j++)
				continue;
			if (j == end)
				cr_set(r->cell[k], CR_GAP);
			else
				cr_compact(r->cell[k], &c->entries[j].change,
				    metric_decimals((enum metric)m));
			k++;
		}
	cr_add(t, r);
	for (k = 2, m = 0; m < METRIC__MAX; m++)
		if (metrics & (1u << m)) {
			for (j = i; j < end && c->entries[j].metric != (enum metric)m;
			    j++)
				continue;
			if (j < end)
				cr_color(t, t->nrows - 1, k, c->entries[j].change.verdict,
				    col, FONT_BOLD);
			k++;
		}
}

struct doc_table *
compare_table_changes(const struct comparison *c, const char *gadget,
    const struct tpl_table_style *st, const struct colors *col)
{
	unsigned metrics = c->old->metrics & c->new->metrics;
	const char *head[2 + METRIC__MAX] = { "Case", "Rate" };
	struct doc_table *t = NULL;
	struct cr_row r;
	size_t i, end, n = 2;
	int m;

	for (m = 0; m < METRIC__MAX; m++)
		if (metrics & (1u << m))
			head[n++] = metric_heading((enum metric)m);
	cr_row_init(&r, n);
	for (i = 0; i < c->nentries; i = end) {
		end = compare_group_end(c, i);
		if (strcmp(c->entries[i].gadget, gadget) != 0)
			continue;
		if (t == NULL)
			t = doc_table_new(head, n, st);
		changes_row(t, &r, c, i, end, col);
	}
	cr_row_free(&r);
	return t;
}

/* --- Per-gadget change chart ---------------------------------------------- */

#define CR_DOT "\xc2\xb7" /* U+00B7 */

/* A change's place in the chart: verdict group, then size. */
struct cr_rank {
	int group;
	double size;
	size_t entry;
};

static int
cr_rank_cmp(const void *a, const void *b)
{
	const struct cr_rank *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return (x->entry > y->entry) - (x->entry < y->entry);
}

static int
cr_group(enum compare_verdict v)
{
	return v == COMPARE_WORSE ? 0 : v == COMPARE_BETTER ? 1 : 2;
}

/* Where OLD is 0: the sign of v as an unbounded percentage. */
static double
cr_unbounded(double v)
{
	return v > 0 ? INFINITY : v < 0 ? -INFINITY : 0;
}

static const char *
cr_verdict_words(enum compare_verdict v)
{
	return v == COMPARE_WORSE ? "a regression" : v == COMPARE_BETTER ?
	    "an improvement" : "no change";
}

/* "ig, 4096 events/s, IG CPU (%): OLD 2.63 ± 0.07 (n = 5), NEW ...; change ..., p < 0.001: a regression". */
static char *
cr_chart_tip(const struct compare_entry *e)
{
	char r[FORMAT_MAX], o[FORMAT_MAX], n[FORMAT_MAX], d[FORMAT_MAX],
	    p[FORMAT_MAX];
	int dec = metric_decimals(e->metric);

	format_rate(r, e->rate);
	format_mean_ci(o, e->old.mean, e->old.half, dec, 1);
	format_mean_ci(n, e->new.mean, e->new.half, dec, 1);
	cr_full(d, &e->change, dec);
	cr_p(p, e->change.q);
	return xasprintf("%s, %s events/s, %s: OLD %s (n = %lu), NEW %s (n = "
	    "%lu); change %s, p %s%s: %s", e->tcase, r, metric_heading(e->metric),
	    o, e->old.n, n, e->new.n, d, p[0] == '<' ? "< " : "= ",
	    p[0] == '<' ? p + 1 : p, cr_verdict_words(e->change.verdict));
}

static void
cr_chart_row(struct doc_change *out, const struct compare_entry *e,
    const struct colors *col)
{
	const struct compare_change *ch = &e->change;
	char r[FORMAT_MAX], v[FORMAT_MAX];
	double half;

	format_rate(r, e->rate);
	cr_compact(v, ch, metric_decimals(e->metric));
	out->label = xasprintf("%s " CR_DOT " %s ev/s " CR_DOT " %s", e->tcase, r,
	    metric_label(e->metric));
	out->value = xstrdup(v);
	out->tip = cr_chart_tip(e);
	out->color = ch->verdict == COMPARE_WORSE ? col->worse :
	    ch->verdict == COMPARE_BETTER ? col->better : col->same;
	if (isnan(ch->percent)) {
		out->percent = cr_unbounded(ch->delta);
		out->lo = cr_unbounded(ch->delta - ch->half);
		out->hi = cr_unbounded(ch->delta + ch->half);
		return;
	}
	half = 100 * ch->half / fabs(e->old.mean);
	out->percent = ch->percent;
	out->lo = ch->percent - half;
	out->hi = ch->percent + half;
}

/* A metric both runs measured as 0 throughout: nothing to draw. */
static int
cr_all_zero(const struct compare_entry *e)
{
	return e->old.mean == 0 && e->new.mean == 0 && e->change.half == 0;
}

/* The tested changes of gadget, in chart order, counted into k; returns their count. */
static size_t
cr_chart_ranks(const struct comparison *c, const char *gadget,
    struct cr_rank *rank, struct compare_chart_counts *k)
{
	size_t i, n = 0;

	for (i = 0; i < c->nentries; i++) {
		const struct compare_entry *e = &c->entries[i];

		if (e->change.verdict == COMPARE_UNKNOWN ||
		    strcmp(e->gadget, gadget) != 0)
			continue;
		if (cr_all_zero(e)) {
			k->zero++;
			continue;
		}
		k->verdict[e->change.verdict]++;
		rank[n].group = cr_group(e->change.verdict);
		rank[n].size = isnan(e->change.percent) ? (e->change.delta != 0 ?
		    INFINITY : 0) : fabs(e->change.percent);
		rank[n++].entry = i;
	}
	qsort(rank, n, sizeof(*rank), cr_rank_cmp);
	return n;
}

struct compare_chart_counts
compare_chart_changes(const struct comparison *c, const char *gadget,
    const struct colors *col, size_t max_rows, struct doc_chart *ch)
{
	struct cr_rank *rank = xcalloc(c->nentries + 1, sizeof(*rank));
	struct compare_chart_counts k;
	size_t i;

	memset(&k, 0, sizeof(k));
	memset(ch, 0, sizeof(*ch));
	k.tested = cr_chart_ranks(c, gadget, rank, &k);
	if (k.tested == 0) {
		free(rank);
		return k;
	}
	ch->kind = DOC_CHART_CHANGES;
	ch->band = c->opt.threshold;
	ch->nchanges = k.tested < max_rows ? k.tested : max_rows;
	ch->changes = xcalloc(ch->nchanges + 1, sizeof(*ch->changes));
	for (i = 0; i < ch->nchanges; i++)
		cr_chart_row(&ch->changes[i], &c->entries[rank[i].entry], col);
	free(rank);
	return k;
}

/* --- Per-gadget overheads ------------------------------------------------- */

static void
overhead_cells(struct cr_row *r, size_t k, const struct compare_overhead *o)
{
	int dec = metric_decimals(o->metric);

	format_delta_ci(r->cell[k], o->old.delta, o->old.half, dec, 1);
	format_delta_ci(r->cell[k + 1], o->new.delta, o->new.half, dec, 1);
	cr_full(r->cell[k + 2], &o->change, dec);
	strncat(r->cell[k + 2], cr_mark(o->change.verdict),
	    FORMAT_MAX - strlen(r->cell[k + 2]) - 1);
}

/* One row for the overheads [i, end) of one rate; Cpu then Mem. */
static void
overheads_row(struct doc_table *t, struct cr_row *r, const struct comparison *c,
    size_t i, size_t end, const struct colors *col)
{
	const struct compare_overhead *o[2] = { NULL, NULL };
	size_t j, k;

	for (j = i; j < end; j++)
		o[c->overheads[j].metric == METRIC_MEM] = &c->overheads[j];
	format_rate(r->cell[0], c->overheads[i].rate);
	for (k = 0; k < 2; k++) {
		if (o[k] != NULL) {
			overhead_cells(r, 1 + 3 * k, o[k]);
			continue;
		}
		for (j = 0; j < 3; j++)
			cr_set(r->cell[1 + 3 * k + j], CR_GAP);
	}
	cr_add(t, r);
	for (k = 0; k < 2; k++)
		if (o[k] != NULL)
			cr_color(t, t->nrows - 1, 3 + 3 * k, o[k]->change.verdict,
			    col, FONT_BOLD);
}

struct doc_table *
compare_table_overheads(const struct comparison *c, const char *gadget,
    const struct tpl_table_style *st, const struct colors *col)
{
	static const enum metric both[2] = { METRIC_CPU, METRIC_MEM };
	char *head[7];
	struct doc_table *t = NULL;
	struct cr_row r;
	size_t i, end, k;

	head[0] = xstrdup("Rate");
	for (k = 0; k < 2; k++) {
		const char *l = metric_label(both[k]), *u = metric_delta_unit(both[k]);

		head[1 + 3 * k] = xasprintf("%s OLD\n(%s)", l, u);
		head[2 + 3 * k] = xasprintf("%s NEW\n(%s)", l, u);
		head[3 + 3 * k] = xasprintf("%s change", l);
	}
	cr_row_init(&r, 7);
	for (i = 0; i < c->noverheads; i = end) {
		for (end = i + 1; end < c->noverheads &&
		    c->overheads[end].gadget == c->overheads[i].gadget &&
		    c->overheads[end].rate == c->overheads[i].rate; end++)
			continue;
		if (strcmp(c->overheads[i].gadget, gadget) != 0)
			continue;
		if (t == NULL)
			t = doc_table_new((const char *const *)head, 7, st);
		overheads_row(t, &r, c, i, end, col);
	}
	cr_row_free(&r);
	for (k = 0; k < 7; k++)
		free(head[k]);
	return t;
}

/* --- Machines, sentences -------------------------------------------------- */

struct doc_table *
compare_table_machines(const struct comparison *c,
    const struct tpl_table_style *st, const struct colors *col)
{
	static const char *const head[3] = { "", "OLD", "NEW" };
	const char *row[3];
	char rows[2][FORMAT_MAX], *key;
	struct doc_table *t = doc_table_new(head, 3, st);
	size_t i;

	row[0] = "File";
	row[1] = c->old->ninputs ? c->old->inputs[0].name : "";
	row[2] = c->new->ninputs ? c->new->inputs[0].name : "";
	doc_table_add_row(t, row);
	snprintf(rows[0], FORMAT_MAX, "%lu", c->old->total_rows);
	snprintf(rows[1], FORMAT_MAX, "%lu", c->new->total_rows);
	row[0] = "Rows";
	row[1] = rows[0];
	row[2] = rows[1];
	doc_table_add_row(t, row);
	for (i = 0; i < c->nmachine; i++) {
		const struct compare_machine *k = &c->machine[i];

		key = xasprintf("%s%s", k->key, k->differs ? " " CR_NE : "");
		row[0] = key;
		row[1] = k->old_value ? k->old_value : CR_GAP;
		row[2] = k->new_value ? k->new_value : CR_GAP;
		doc_table_add_row(t, row);
		if (k->critical)
			doc_table_set_row_style(t, t->nrows - 1, col->worse, FONT_BOLD);
		free(key);
	}
	return t;
}

static const char *
cr_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

char *
compare_text_headline(const struct comparison *c)
{
	size_t w = c->counts[COMPARE_WORSE], b = c->counts[COMPARE_BETTER];

	return xasprintf("%zu %s, %zu %s", w, cr_plural(w, "regression",
	    "regressions"), b, cr_plural(b, "improvement", "improvements"));
}

char *
compare_text_rule(const struct comparison *c)
{
	char level[FORMAT_MAX], *corr = compare_correction_phrase(c), *s;

	format_level(level, c->opt.level);
	s = xasprintf("OLD is %s (%lu rows), NEW is %s (%lu rows). A change "
	    "is significant when Welch's t-test gives p < %g%s and it is at "
	    "least %g%% of the OLD value; more CPU, memory or lost events is "
	    "worse (" COMPARE_MARK_WORSE ", a regression), less is better ("
	    COMPARE_MARK_BETTER ", an improvement); ? marks a group with fewer "
	    "than 2 runs on a side, where no test is possible. Values are means "
	    "\xc2\xb1 the %s%% confidence interval; CPU is percent of all cores, "
	    "memory MiB, lost events per second; overhead is with IG minus "
	    "baseline. %zu changes were tested.",
	    c->old->ninputs ? c->old->inputs[0].name : "", c->old->total_rows,
	    c->new->ninputs ? c->new->inputs[0].name : "", c->new->total_rows,
	    c->opt.alpha, corr, c->opt.threshold, level,
	    c->nentries + c->noverheads);
	free(corr);
	return s;
}

char *
compare_text_untested(const struct comparison *c)
{
	struct compare_untested u = compare_untested(c);

	if (u.no_test == 0 && u.one_run == 0)
		return NULL;
	if (u.tested == 0)
		return xasprintf("Nothing could be tested: %zu change%s had "
		    "fewer than 2 runs on a side, and %zu gadget%s, case%s or "
		    "rate%s are in one run only. This comparison says nothing "
		    "about them.", u.no_test, u.no_test == 1 ? "" : "s",
		    u.one_run, u.one_run == 1 ? "" : "s",
		    u.one_run == 1 ? "" : "s", u.one_run == 1 ? "" : "s");
	return xasprintf("Not everything could be tested: %zu of %zu changes "
	    "had fewer than 2 runs on a side, and %zu gadget%s, case%s or "
	    "rate%s are in one run only; the verdict covers the %zu changes "
	    "tested.", u.no_test, u.no_test + u.tested, u.one_run,
	    u.one_run == 1 ? "" : "s", u.one_run == 1 ? "" : "s",
	    u.one_run == 1 ? "" : "s", u.tested);
}

char *
compare_text_warning(const struct comparison *c)
{
	char *keys = xstrdup(""), *s;
	size_t i, n = 0;

	if (!c->machines_differ) {
		free(keys);
		return NULL;
	}
	for (i = 0; i < c->nmachine; i++)
		if (c->machine[i].critical) {
			s = xasprintf("%s%s%s", keys, n ? ", " : "",
			    c->machine[i].key);
			free(keys);
			keys = s;
			n++;
		}
	s = xasprintf("\xe2\x9a\xa0 Warning: the runs come from different "
	    "machines (%s %s), so this comparison is unsound: differences may "
	    "come from the machines, not from the code.", keys,
	    n == 1 ? "differs" : "differ");
	free(keys);
	return s;
}

static int
cr_same_place(const struct compare_only *a, const struct compare_only *b)
{
	return a->kind == COMPARE_ONLY_RATE && b->kind == COMPARE_ONLY_RATE &&
	    a->side == b->side && strcmp(a->gadget, b->gadget) == 0 &&
	    strcmp(a->tcase, b->tcase) == 0;
}

/* "trace_exec, ig: 8192, 16384 events/s only in NEW", marking the rates used. */
static char *
cr_only_rates(const struct comparison *c, size_t i, char *done)
{
	const struct compare_only *o = &c->only[i];
	char buf[FORMAT_MAX], *s = xasprintf("%s, %s:", o->gadget, o->tcase), *t;
	size_t j;

	for (j = i; j < c->nonly; j++) {
		if (done[j] || !cr_same_place(o, &c->only[j]))
			continue;
		done[j] = 1;
		format_rate(buf, c->only[j].rate);
		t = xasprintf("%s%s %s", s, j == i ? "" : ",", buf);
		free(s);
		s = t;
	}
	t = xasprintf("%s events/s only in %s", s, cr_side[o->side]);
	free(s);
	return t;
}

static char *
cr_only_line(const struct comparison *c, size_t i, char *done)
{
	const struct compare_only *o = &c->only[i];

	if (o->kind == COMPARE_ONLY_RATE)
		return cr_only_rates(c, i, done);
	done[i] = 1;
	switch (o->kind) {
	case COMPARE_ONLY_METRIC:
		return xasprintf("column %s: only in %s", metric_name(o->metric),
		    cr_side[o->side]);
	case COMPARE_ONLY_CASE:
		return xasprintf("%s, case %s: only in %s", o->gadget, o->tcase,
		    cr_side[o->side]);
	default:
		return xasprintf("gadget %s: only in %s", o->gadget,
		    cr_side[o->side]);
	}
}

size_t
compare_text_only(const struct comparison *c, char ***lines)
{
	char *done = xcalloc(c->nonly + 1, 1);
	size_t i, n = 0;

	*lines = xcalloc(c->nonly + 1, sizeof(**lines));
	for (i = 0; i < c->nonly; i++)
		if (!done[i])
			(*lines)[n++] = cr_only_line(c, i, done);
	free(done);
	return n;
}

char *
compare_text_no_changes(const struct comparison *c, const char *gadget)
{
	size_t i;

	for (i = 0; i < c->nonly; i++)
		if (c->only[i].kind == COMPARE_ONLY_GADGET &&
		    strcmp(c->only[i].gadget, gadget) == 0)
			return xasprintf("%s was measured by %s only: there is "
			    "nothing to compare.", gadget,
			    cr_side[c->only[i].side]);
	return xasprintf("%s: no case was measured at the same rate by both "
	    "runs.", gadget);
}

