/* SPDX-License-Identifier: Apache-2.0 */
/* The overview of every gadget: overhead charts (a line per gadget over log2 rates) and the table of each gadget's cost and losses. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cost.h"
#include "metric.h"
#include "produce_acts.h"
#include "summary.h"
#include "xalloc.h"

/* Adds rates (n, ascending) to the ascending set *all of *nall, without duplicates. */
static void
merge_rates(double **all, size_t *nall, const double *rates, size_t n)
{
	double *out = xcalloc(*nall + n + 1, sizeof(*out));
	size_t i = 0, j = 0, k = 0;

	while (i < *nall || j < n) {
		double v = j >= n || (i < *nall && (*all)[i] <= rates[j]) ?
		    (*all)[i++] : rates[j++];

		if (k == 0 || out[k - 1] != v)
			out[k++] = v;
	}
	free(*all);
	*all = out;
	*nall = k;
}

/* "trace_exec, 4096 events/s: +3.21 ± 0.30 % CPU overhead (Welch, n = 5 and 5)". */
static char *
overhead_tip(const char *gadget, double rate, const struct model_delta *d,
    const struct tpl_chart *ch)
{
	char r[FORMAT_MAX], v[FORMAT_MAX];

	format_rate(r, rate);
	format_delta_ci(v, d->delta, d->half, ch->decimals, 1);
	return xasprintf("%s, %s events/s: %s %s %s overhead (With IG minus "
	    "Baseline)", gadget, r, v, metric_unit(ch->metric),
	    metric_label(ch->metric));
}

/* The rates of view v where metric m has an overhead, in *out (newly allocated). */
static size_t
overhead_rates(const struct view *v, enum metric m, double **out)
{
	size_t r, n = 0;

	*out = xcalloc(v->nrates + 1, sizeof(**out));
	for (r = 0; v->overhead != NULL && r < v->nrates; r++)
		if (v->overhead[r].m[m].defined)
			(*out)[n++] = v->rates[r];
	return n;
}

/* Series s of out: view v's overhead of ch's metric at each of out's rates. */
static void
bind_overhead(struct doc_series *s, const struct view *v, size_t index,
    const struct doc_chart *out, const struct tpl_chart *ch)
{
	size_t c, r = 0;

	s->label = xstrdup(v->gadget);
	s->color = produce_palette(index);
	s->values = xcalloc(out->ncats + 1, sizeof(*s->values));
	for (c = 0; c < out->ncats; c++) {
		struct doc_value *dv = &s->values[c];
		const struct model_delta *d;

		while (r < v->nrates && v->rates[r] < out->cats[c])
			r++;
		dv->gap = 1;
		if (r == v->nrates || v->rates[r] != out->cats[c] ||
		    !(d = &v->overhead[r].m[ch->metric])->defined)
			continue;
		/* An overhead can be negative: its interval is drawn whole. */
		doc_value_set(dv, d->delta, d->half, 0);
		dv->tip = overhead_tip(v->gadget, out->cats[c], d, ch);
	}
}

int
produce_overhead_chart(struct producer *p, const struct tpl_chart *ch,
    const struct tpl_vars *vars, struct doc_chart *out)
{
	size_t g, n = p->view != NULL ? 1 : p->kind->ngadgets(p), k;
	struct view **views;
	double *rates;
	size_t nrates;

	memset(out, 0, sizeof(*out));
	if (n > PRODUCE_MAX_LINES)
		n = PRODUCE_MAX_LINES;
	views = xcalloc(n + 1, sizeof(*views));
	for (g = 0; g < n; g++) {
		if (p->view != NULL)
			break;
		views[g] = p->kind->view(p, g);
	}
	for (g = 0; g < n; g++) {
		const struct view *v = p->view != NULL ? p->view : views[g];

		nrates = overhead_rates(v, ch->metric, &rates);
		merge_rates(&out->cats, &out->ncats, rates, nrates);
		free(rates);
	}
	if (out->ncats > 0) {
		out->kind = DOC_CHART_LINES;
		out->spec = ch;
		out->series = xcalloc(n + 1, sizeof(*out->series));
		for (g = 0; g < n; g++)
			bind_overhead(&out->series[out->nseries++], p->view != NULL ?
			    p->view : views[g], g, out, ch);
		out->title = template_expand(ch->title ? ch->title : "", vars);
		out->x_label = template_expand(ch->x_label ? ch->x_label : "", vars);
		out->y_label = template_expand(ch->y_label ? ch->y_label : "", vars);
	} else {
		free(out->cats);
		out->cats = NULL;
	}
	for (k = 0; k < n; k++)
		view_free(views[k]);
	free(views);
	return out->ncats > 0;
}

/* --- The table of every gadget ------------------------------------------- */

enum gadgets_column {
	GC_GADGET,
	GC_CPU_PER,
	GC_CPU_TIME,
	GC_MEM_FIXED,
	GC_IGMEM_TOP,
	GC_TOP_RATE,
	GC_FIRST_LOST,
	GC_LOST_SHARE,
	GC__MAX
};

static const char *const gadgets_header[GC__MAX] = {
	[GC_GADGET] = "Gadget",
	[GC_CPU_PER] = "Host CPU per\n1000 events/s (points)",
	[GC_CPU_TIME] = "CPU time\nper event",
	[GC_MEM_FIXED] = "Fixed host\nmemory (MiB)",
	[GC_IGMEM_TOP] = "IG memory at the\nhighest rate (MiB)",
	[GC_TOP_RATE] = "Highest rate\n(events/s)",
	[GC_FIRST_LOST] = "First rate with\nlost events",
	[GC_LOST_SHARE] = "Largest share\nlost (%)",
};

/* The ig series' stat of metric m at the highest rate that has it, or NULL. */
static const struct model_stat *
ig_at_top(const struct model_gadget *g, enum metric m, double *rate)
{
	size_t r;

	for (r = g->nrates; g->ig >= 0 && r > 0; r--) {
		const struct model_stat *st = &g->series[g->ig].cells[r - 1].m[m];

		if (st->n > 0) {
			*rate = g->rates[r - 1];
			return st;
		}
	}
	return NULL;
}

/* The first rate where the ig run lost events, and the largest share lost (Lost / rate). */
static void
lost_cells(const struct model_gadget *g, char first[FORMAT_MAX],
    char share[FORMAT_MAX])
{
	double best = -1, best_rate = 0;
	size_t r;
	char a[FORMAT_MAX], b[FORMAT_MAX];

	strcpy(first, "none");
	strcpy(share, DOC_GAP);
	for (r = 0; g->ig >= 0 && r < g->nrates; r++) {
		const struct model_stat *st = &g->series[g->ig].cells[r].m[METRIC_LOST];
		double s;

		if (st->n == 0 || !(g->rates[r] > 0))
			continue;
		if (st->mean > 0 && strcmp(first, "none") == 0)
			format_rate(first, g->rates[r]);
		s = 100 * st->mean / g->rates[r];
		if (s > best) {
			best = s;
			best_rate = g->rates[r];
		}
	}
	if (best < 0)
		return;
	if (best == 0) {
		strcpy(share, "0");
		return;
	}
	format_fixed(a, best, TPL_SHARE_DECIMALS);
	format_rate(b, best_rate);
	snprintf(share, FORMAT_MAX, "%.24s at %.24s", a, b);
}

/* "+0.66 ± 0.08", with the fit's R² when the cost does not grow linearly. */
static void
cost_cell(char buf[FORMAT_MAX], const struct model_cost *c, enum metric m,
    int per)
{
	char v[FORMAT_MAX], r2[FORMAT_MAX];

	summary_format_cost(v, per ? &c->per_event : &c->fixed, m, per);
	if (c->r2 >= SUMMARY_LINEAR_R2) {
		memcpy(buf, v, FORMAT_MAX);
		return;
	}
	format_fixed(r2, c->r2, 2);
	snprintf(buf, FORMAT_MAX, "%.32s (R\xc2\xb2 %.8s)", v, r2);
}

static void
gadget_row(char cell[GC__MAX][FORMAT_MAX], const struct model_gadget *g,
    unsigned long cpus)
{
	const struct model_stat *st;
	double rate = 0;
	size_t i;

	for (i = 0; i < GC__MAX; i++)
		strcpy(cell[i], DOC_GAP);
	if (g->cost[METRIC_CPU].defined) {
		cost_cell(cell[GC_CPU_PER], &g->cost[METRIC_CPU], METRIC_CPU, 1);
		if (cpus > 0)
			summary_format_cpu_time(cell[GC_CPU_TIME],
			    &g->cost[METRIC_CPU].per_event, cpus);
	}
	if (g->cost[METRIC_MEM].defined)
		cost_cell(cell[GC_MEM_FIXED], &g->cost[METRIC_MEM], METRIC_MEM, 0);
	if ((st = ig_at_top(g, METRIC_IGMEM, &rate)) != NULL)
		format_mean_ci(cell[GC_IGMEM_TOP], st->mean, st->half,
		    metric_decimals(METRIC_IGMEM), 1);
	format_rate(cell[GC_TOP_RATE], g->rates[g->nrates - 1]);
	lost_cells(g, cell[GC_FIRST_LOST], cell[GC_LOST_SHARE]);
}

/* Whether column c applies to model m (its metric measured, the CPUs known). */
static int
gadgets_column_on(enum gadgets_column c, const struct model *m,
    unsigned long cpus)
{
	switch (c) {
	case GC_CPU_TIME:
		return cpus > 0;
	case GC_IGMEM_TOP:
		return model_has_metric(m, METRIC_IGMEM);
	case GC_FIRST_LOST:
	case GC_LOST_SHARE:
		return model_has_metric(m, METRIC_LOST);
	default:
		return 1;
	}
}

void
produce_gadgets(struct producer *p, const struct tpl_block *b)
{
	const struct model *m = p->in->model;
	unsigned long cpus = produce_cpus(p);
	const char *head[GC__MAX], *row[GC__MAX];
	char cell[GC__MAX][FORMAT_MAX];
	struct doc_table *t;
	size_t i, c, k = 0;
	int any_cost = 0;
	char *s;

	for (c = 0; c < GC__MAX; c++)
		if (gadgets_column_on((enum gadgets_column)c, m, cpus))
			head[k++] = gadgets_header[c];
	t = doc_table_new(head, k, &b->table->style);
	for (i = 0; i < m->ngadgets; i++) {
		gadget_row(cell, &m->gadgets[i], cpus);
		for (c = 0, k = 0; c < GC__MAX; c++)
			if (gadgets_column_on((enum gadgets_column)c, m, cpus))
				row[k++] = c == GC_GADGET ? m->gadgets[i].name : cell[c];
		doc_table_add_row(t, row);
		any_cost |= m->gadgets[i].cost[METRIC_CPU].defined;
	}
	produce_add_table(p, b->table, t, NULL);
	s = xasprintf("Host CPU per 1000 events/s and fixed host memory are the "
	    "overhead of running the gadget, from least-squares fits on every "
	    "run (\xc2\xb1 %s%% confidence intervals; R\xc2\xb2 is shown where "
	    "the cost does not grow linearly with the rate)%s. The share lost is "
	    "Lost / events per second of the ig run; \xe2\x80\x93 marks what was "
	    "not measured or cannot be fitted (fewer than 3 rates with and "
	    "without IG).%s", p->level, cpus > 0 ?
	    "; CPU time per event is the CPU cost \xc3\x97 the number of CPUs" :
	    "", any_cost ? "" : " No gadget has 3 or more rates measured both "
	    "with and without IG, so no cost is shown.");
	produce_paragraph(p, s);
	free(s);
}
