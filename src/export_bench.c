/* SPDX-License-Identifier: Apache-2.0 */
/* The dashboards' JSON (docs/bencher.schema.json, docs/benchmark-action.schema.json): one run's values, named per benchmark and measure. */
#include "export_bench.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "json.h"
#include "metric.h"
#include "xalloc.h"

/* Cost coefficients are given per this many events/s, as the report shows them. */
#define BENCH_COST_PER 1000.0

/* One value of a benchmark. */
struct bench_point {
	const char *label; /* the measure without its unit: "Cpu", "Cpu overhead" */
	const char *unit;
	double value;
	double half;       /* of its confidence interval */
	unsigned long n;   /* runs, for a group's mean; else 0 */
	double sd;         /* with n */
	const struct compare_change *change; /* from OLD; NULL: none */
};

/* Where the points go, and the benchmark they belong to. */
struct bench_sink {
	struct json j;
	enum export_kind kind;
	char level[FORMAT_MAX]; /* "95" */
	char *bench;            /* the current benchmark's name; owned */
	int open;               /* Bencher: its object has been started */
};

/* NEW's values' changes from OLD, by NEW's gadget, case, rate and metric. */
struct bench_links {
	const struct compare_change **cell;     /* [(s * nrates + r) * METRIC__MAX + m] */
	const struct compare_change **overhead; /* [r * METRIC__MAX + m] */
};

/* s with '%' and '/' written %25 and %2F; caller frees. */
static char *
bench_escape(const char *s)
{
	char *out = xmalloc(3 * strlen(s) + 1), *p = out;

	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '/') {
			memcpy(p, *s == '%' ? "%25" : "%2F", 3);
			p += 3;
		} else {
			*p++ = *s;
		}
	}
	*p = '\0';
	return out;
}

/* Ends the current benchmark and starts the one called GADGET/part, or GADGET/part/RATE. */
static void
bench_start(struct bench_sink *k, const char *gadget, const char *part,
    const double *rate)
{
	char *g = bench_escape(gadget), *p = bench_escape(part);
	char r[FORMAT_MAX];

	if (k->open)
		json_object_end(&k->j);
	k->open = 0;
	free(k->bench);
	if (rate != NULL) {
		format_rate(r, *rate);
		k->bench = xasprintf("%s/%s/%s", g, p, r);
	} else {
		k->bench = xasprintf("%s/%s", g, p);
	}
	free(g);
	free(p);
}

/* Bencher: "MEASURE (UNIT)": {value, lower_value, upper_value}. */
static void
bench_bencher_point(struct bench_sink *k, const struct bench_point *pt)
{
	char *measure = xasprintf("%s (%s)", pt->label, pt->unit);

	if (!k->open) {
		json_field_object(&k->j, k->bench, JSON_LINES);
		k->open = 1;
	}
	json_field_object(&k->j, measure, JSON_INLINE);
	json_field_number(&k->j, "value", pt->value);
	json_field_number(&k->j, "lower_value", pt->value - pt->half);
	json_field_number(&k->j, "upper_value", pt->value + pt->half);
	json_object_end(&k->j);
	free(measure);
}

/* The change from OLD, for a tooltip; caller frees. */
static char *
bench_change_text(const struct compare_change *ch)
{
	char d[FORMAT_EXACT_MAX], h[FORMAT_EXACT_MAX], pc[FORMAT_EXACT_MAX];
	char p[FORMAT_EXACT_MAX], q[FORMAT_EXACT_MAX];

	format_exact(d, ch->delta);
	format_exact(h, ch->half);
	format_exact(pc, ch->percent);
	if (isnan(ch->p))
		return xasprintf("\nchange from OLD: %s (no test: fewer than 2 "
		    "runs on a side)", d);
	format_exact(p, ch->p);
	format_exact(q, ch->q);
	return xasprintf("\nchange from OLD: %s \xc2\xb1 %s%s%s%s, p = %s, "
	    "corrected p = %s, %s", d, h, isnan(ch->percent) ? "" : " (",
	    isnan(ch->percent) ? "" : pc, isnan(ch->percent) ? "" : "%)", p, q,
	    compare_verdict_id(ch->verdict));
}

/* n, sd, the interval and the change, one a line; caller frees. */
static char *
bench_extra(const struct bench_sink *k, const struct bench_point *pt)
{
	char sd[FORMAT_EXACT_MAX], lo[FORMAT_EXACT_MAX], hi[FORMAT_EXACT_MAX];
	char *change = pt->change ? bench_change_text(pt->change) : xstrdup("");
	char *n = pt->n > 0 ? NULL : xstrdup("");
	char *extra;

	format_exact(lo, pt->value - pt->half);
	format_exact(hi, pt->value + pt->half);
	format_exact(sd, pt->sd);
	if (n == NULL)
		n = xasprintf("n = %lu\nsd = %s\n", pt->n, sd);
	extra = xasprintf("%s%s%% confidence interval: %s to %s%s", n, k->level,
	    lo, hi, change);
	free(n);
	free(change);
	return extra;
}

/* benchmark-action: {name, unit, value, range, extra}. */
static void
bench_action_point(struct bench_sink *k, const struct bench_point *pt)
{
	char half[FORMAT_EXACT_MAX];
	char *name = xasprintf("%s %s", k->bench, pt->label);
	char *range, *extra = bench_extra(k, pt);

	format_exact(half, pt->half);
	range = xasprintf("\xc2\xb1 %s", half);
	json_object_begin(&k->j, JSON_INLINE);
	json_field_string(&k->j, "name", name);
	json_field_string(&k->j, "unit", pt->unit);
	json_field_number(&k->j, "value", pt->value);
	json_field_string(&k->j, "range", range);
	json_field_string(&k->j, "extra", extra);
	json_object_end(&k->j);
	free(name);
	free(range);
	free(extra);
}

static void
bench_point(struct bench_sink *k, const struct bench_point *pt)
{
	if (k->kind == EXPORT_BENCHER)
		bench_bencher_point(k, pt);
	else
		bench_action_point(k, pt);
}

/* The index of rate in g's rates (ascending), or SIZE_MAX. */
static size_t
bench_rate_index(const struct model_gadget *g, double rate)
{
	size_t lo = 0, hi = g->nrates;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (g->rates[mid] < rate)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < g->nrates && g->rates[lo] == rate ? lo : SIZE_MAX;
}

/* NEW's gadget called name, as an index, or SIZE_MAX. */
static size_t
bench_gadget_index(const struct model *run, const char *name)
{
	const struct model_gadget *g = model_find_gadget(run, name);

	return g != NULL ? (size_t)(g - run->gadgets) : SIZE_MAX;
}

static size_t
bench_series_index(const struct model_gadget *g, const char *name)
{
	const struct model_series *s = model_find_series(g, name);

	return s != NULL ? (size_t)(s - g->series) : SIZE_MAX;
}

static void
bench_link_entries(struct bench_links *l, const struct comparison *c)
{
	const struct model *run = c->new;
	size_t i, gi, si, ri;

	for (i = 0; i < c->nentries; i++) {
		const struct compare_entry *e = &c->entries[i];
		const struct model_gadget *g;

		if ((gi = bench_gadget_index(run, e->gadget)) == SIZE_MAX)
			continue;
		g = &run->gadgets[gi];
		si = bench_series_index(g, e->tcase);
		ri = bench_rate_index(g, e->rate);
		if (si != SIZE_MAX && ri != SIZE_MAX)
			l[gi].cell[(si * g->nrates + ri) * METRIC__MAX +
			    e->metric] = &e->change;
	}
	for (i = 0; i < c->noverheads; i++) {
		const struct compare_overhead *o = &c->overheads[i];

		if ((gi = bench_gadget_index(run, o->gadget)) == SIZE_MAX)
			continue;
		ri = bench_rate_index(&run->gadgets[gi], o->rate);
		if (ri != SIZE_MAX)
			l[gi].overhead[ri * METRIC__MAX + o->metric] = &o->change;
	}
}

/* The changes of c linked to c->new's values; NULL without c. */
static struct bench_links *
bench_links_new(const struct comparison *c)
{
	struct bench_links *l;
	size_t i;

	if (c == NULL)
		return NULL;
	l = xcalloc(c->new->ngadgets + 1, sizeof(*l));
	for (i = 0; i < c->new->ngadgets; i++) {
		const struct model_gadget *g = &c->new->gadgets[i];

		l[i].cell = xcalloc(g->nseries * g->nrates * METRIC__MAX + 1,
		    sizeof(*l[i].cell));
		l[i].overhead = xcalloc(g->nrates * METRIC__MAX + 1,
		    sizeof(*l[i].overhead));
	}
	bench_link_entries(l, c);
	return l;
}

static void
bench_links_free(struct bench_links *l, size_t n)
{
	size_t i;

	for (i = 0; l != NULL && i < n; i++) {
		free(l[i].cell);
		free(l[i].overhead);
	}
	free(l);
}

/* The overheads at rate index r, as measures of the ig case's benchmark. */
static void
bench_overheads(struct bench_sink *k, const struct model_gadget *g, size_t r,
    const struct bench_links *l)
{
	char label[64];
	int m;

	for (m = 0; m < METRIC__MAX; m++) {
		const struct model_delta *dl = &g->overhead[r].m[m];
		struct bench_point pt = { label, metric_delta_unit((enum metric)m),
			dl->delta, dl->half, 0, NAN, NULL };

		if (!dl->defined)
			continue;
		snprintf(label, sizeof(label), "%s overhead",
		    metric_name((enum metric)m));
		if (l != NULL)
			pt.change = l->overhead[r * METRIC__MAX + (size_t)m];
		bench_point(k, &pt);
	}
}

/* Case s at rate index r: a measure per metric, and the overheads for the ig case. */
static void
bench_cell(struct bench_sink *k, const struct model *run,
    const struct model_gadget *g, size_t s, size_t r,
    const struct bench_links *l)
{
	const struct model_cell *cell = &g->series[s].cells[r];
	int m;

	bench_start(k, g->name, g->series[s].name, &g->rates[r]);
	for (m = 0; m < METRIC__MAX; m++) {
		const struct model_stat *st = &cell->m[m];
		struct bench_point pt = { metric_name((enum metric)m),
			metric_unit((enum metric)m), st->mean, st->half, st->n,
			st->sd, NULL };

		if (!model_has_metric(run, (enum metric)m) || st->n == 0)
			continue;
		if (l != NULL)
			pt.change = l->cell[(s * g->nrates + r) * METRIC__MAX +
			    (size_t)m];
		bench_point(k, &pt);
	}
	if ((int)s == g->ig)
		bench_overheads(k, g, r, l);
}

/* GADGET/cost: the fixed and per-1000-events/s cost of each metric with a fit. */
static void
bench_cost(struct bench_sink *k, const struct model_gadget *g)
{
	char fixed[64], per[64];
	int m;

	bench_start(k, g->name, "cost", NULL);
	for (m = 0; m < METRIC__MAX; m++) {
		const struct model_cost *c = &g->cost[m];
		/* Host Cpu and Mem are fitted as overheads over baseline; IgCpu and IgMem as levels. */
		const char *unit = m == METRIC_CPU || m == METRIC_MEM ?
		    metric_delta_unit((enum metric)m) : metric_unit((enum metric)m);
		struct bench_point f = { fixed, unit, c->fixed.est, c->fixed.half,
			0, NAN, NULL };
		struct bench_point p = { per, unit,
			BENCH_COST_PER * c->per_event.est,
			BENCH_COST_PER * c->per_event.half, 0, NAN, NULL };

		if (!c->defined)
			continue;
		snprintf(fixed, sizeof(fixed), "%s fixed", metric_name((enum metric)m));
		snprintf(per, sizeof(per), "%s per 1000 events/s",
		    metric_name((enum metric)m));
		bench_point(k, &f);
		bench_point(k, &p);
	}
}

static void
bench_gadget(struct bench_sink *k, const struct model *run,
    const struct model_gadget *g, const struct bench_links *l)
{
	size_t s, r;

	for (s = 0; s < g->nseries; s++)
		for (r = 0; r < g->nrates; r++)
			if (g->series[s].cells[r].rows > 0)
				bench_cell(k, run, g, s, r, l);
	bench_cost(k, g);
}

int
export_bench(FILE *out, const struct model *run,
    const struct comparison *cmp, enum export_kind kind)
{
	struct bench_links *links = bench_links_new(cmp);
	struct bench_sink k;
	size_t i;

	assert(kind == EXPORT_BENCHER || kind == EXPORT_BENCHMARK_ACTION);
	assert(cmp == NULL || cmp->new == run);
	memset(&k, 0, sizeof(k));
	k.kind = kind;
	format_level(k.level, run->level);
	json_open(&k.j, out);
	if (kind == EXPORT_BENCHER)
		json_object_begin(&k.j, JSON_LINES);
	else
		json_array_begin(&k.j, JSON_LINES);
	for (i = 0; i < run->ngadgets; i++)
		bench_gadget(&k, run, &run->gadgets[i],
		    links ? &links[i] : NULL);
	if (k.open)
		json_object_end(&k.j);
	if (kind == EXPORT_BENCHER)
		json_object_end(&k.j);
	else
		json_array_end(&k.j);
	free(k.bench);
	bench_links_free(links, run->ngadgets);
	return json_close(&k.j);
}
