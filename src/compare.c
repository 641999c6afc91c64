/* SPDX-License-Identifier: Apache-2.0 */
/* Comparison of two benchmark runs: Welch tests per metric and per overhead, and gaps. */
#include "compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "stats.h"
#include "xalloc.h"

static const char *const verdict_names[COMPARE__MAX] = {
	[COMPARE_SAME] = "~",
	[COMPARE_UNKNOWN] = "?",
	[COMPARE_WORSE] = "worse",
	[COMPARE_BETTER] = "better",
};

static const char *const verdict_ids[COMPARE__MAX] = {
	[COMPARE_SAME] = "same",
	[COMPARE_UNKNOWN] = "untested",
	[COMPARE_WORSE] = "worse",
	[COMPARE_BETTER] = "better",
};

const char *
compare_verdict_name(enum compare_verdict v)
{
	return v < COMPARE__MAX ? verdict_names[v] : "?";
}

const char *
compare_verdict_id(enum compare_verdict v)
{
	return v < COMPARE__MAX ? verdict_ids[v] : "untested";
}

/* Sets the verdict of a change of metric m from delta, percent and q. */
static void
judge(struct compare_change *c, const struct compare_options *opt,
    enum metric m)
{
	int rise_worse = metric_lower_is_better(m);
	int big = isnan(c->percent) ? c->delta != 0.0 :
	    fabs(c->percent) >= opt->threshold;

	if (isnan(c->q))
		c->verdict = COMPARE_UNKNOWN;
	else if (c->q < opt->alpha && big)
		c->verdict = (c->delta > 0.0) == rise_worse ? COMPARE_WORSE :
		    COMPARE_BETTER;
	else
		c->verdict = COMPARE_SAME;
}

/* Sets percent and verdict from delta, p and the base value the percent is relative to. */
static void
classify(struct compare_change *c, double base, enum metric m,
    const struct compare_options *opt)
{
	c->percent = base == 0.0 ? NAN : 100.0 * c->delta / fabs(base);
	c->q = c->p;
	judge(c, opt, m);
}

static const char *const correction_names[COMPARE_CORRECTION__MAX] = {
	[COMPARE_CORRECTION_NONE] = "none",
	[COMPARE_CORRECTION_HOLM] = "holm",
	[COMPARE_CORRECTION_BH] = "bh",
};

const char *
compare_correction_name(enum compare_correction c)
{
	return c < COMPARE_CORRECTION__MAX ? correction_names[c] : "?";
}

enum compare_correction
compare_correction_from_name(const char *s)
{
	int i;

	for (i = 0; i < COMPARE_CORRECTION__MAX; i++)
		if (strcmp(s, correction_names[i]) == 0)
			return (enum compare_correction)i;
	return COMPARE_CORRECTION__MAX;
}

struct ranked {
	double p;
	size_t at;
};

static int
compare_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->p != y->p)
		return (x->p > y->p) - (x->p < y->p);
	return (x->at > y->at) - (x->at < y->at);
}

void
compare_adjust(const double *p, size_t m, enum compare_correction how,
    double *q)
{
	struct ranked *r = xcalloc(m + 1, sizeof(*r));
	size_t i;
	double run;

	for (i = 0; i < m; i++) {
		r[i].p = p[i];
		r[i].at = i;
	}
	qsort(r, m, sizeof(*r), compare_ranked);
	if (how == COMPARE_CORRECTION_HOLM)
		for (i = 0, run = 0; i < m; i++) {
			run = fmax(run, fmin(1.0, (double)(m - i) * r[i].p));
			q[r[i].at] = run;
		}
	else if (how == COMPARE_CORRECTION_BH)
		for (i = m, run = 1; i-- > 0;) {
			run = fmin(run, fmin(1.0, (double)m * r[i].p /
			    (double)(i + 1)));
			q[r[i].at] = run;
		}
	else
		for (i = 0; i < m; i++)
			q[i] = p[i];
	free(r);
}

/* Adjusts every testable change's p into q over all tests, then judges again. */
static void
adjust(struct comparison *c)
{
	size_t n = c->nentries + c->noverheads, m = 0, i;
	struct compare_change **v = xcalloc(n + 1, sizeof(*v));
	double *p = xcalloc(n + 1, sizeof(*p)), *q = xcalloc(n + 1, sizeof(*q));

	for (i = 0; i < n; i++) {
		struct compare_change *ch = i < c->nentries ?
		    &c->entries[i].change : &c->overheads[i - c->nentries].change;

		if (!isnan(ch->p)) {
			v[m] = ch;
			p[m++] = ch->p;
		}
	}
	compare_adjust(p, m, c->opt.correction, q);
	for (i = 0; i < m; i++)
		v[i]->q = q[i];
	memset(c->counts, 0, sizeof(c->counts));
	for (i = 0; i < n; i++) {
		struct compare_change *ch = i < c->nentries ?
		    &c->entries[i].change : &c->overheads[i - c->nentries].change;
		enum metric mt = i < c->nentries ? c->entries[i].metric :
		    c->overheads[i - c->nentries].metric;

		judge(ch, &c->opt, mt);
		c->counts[ch->verdict]++;
	}
	free(v);
	free(p);
	free(q);
}

char *
compare_correction_phrase(const struct comparison *c)
{
	size_t i, m = 0;

	for (i = 0; i < c->nentries; i++)
		if (!isnan(c->entries[i].change.p))
			m++;
	for (i = 0; i < c->noverheads; i++)
		if (!isnan(c->overheads[i].change.p))
			m++;
	switch (c->opt.correction) {
	case COMPARE_CORRECTION_HOLM:
		return xasprintf(" after Holm's correction for %zu tests", m);
	case COMPARE_CORRECTION_BH:
		return xasprintf(" after the Benjamini-Hochberg correction for "
		    "%zu tests", m);
	default:
		return xstrdup("");
	}
}

void
compare_means(const struct model_stat *old, const struct model_stat *new,
    enum metric m, const struct compare_options *opt,
    struct compare_change *out)
{
	struct stats_welch w;

	stats_welch(old->n, old->mean, old->sd, new->n, new->mean, new->sd,
	    opt->level, &w);
	out->delta = w.delta;
	out->half = w.half;
	out->df = w.df;
	out->p = w.p;
	classify(out, old->mean, m, opt);
}

void
compare_diff_of_diffs(const struct model_stat *old_base,
    const struct model_stat *old_ig, const struct model_stat *new_base,
    const struct model_stat *new_ig, enum metric m,
    const struct compare_options *opt, struct compare_change *out)
{
	const struct model_stat *g[4] = { old_base, old_ig, new_base, new_ig };
	double e[4], se = 0.0, sum = 0.0, w, t;
	int i, few = 0;

	out->delta = (new_ig->mean - new_base->mean) -
	    (old_ig->mean - old_base->mean);
	out->half = 0.0;
	out->df = 0.0;
	for (i = 0; i < 4; i++) {
		few |= g[i]->n < 2;
		/* Standard errors combined through hypot: no square overflows. */
		e[i] = few ? 0.0 : g[i]->sd / sqrt((double)g[i]->n);
		se = hypot(se, e[i]);
	}
	if (few) {
		out->p = NAN;
	} else if (se == 0.0) {
		out->p = out->delta == 0.0 ? 1.0 : 0.0;
	} else {
		for (i = 0; i < 4; i++) {
			w = (e[i] / se) * (e[i] / se);
			sum += w * w / (double)(g[i]->n - 1);
		}
		out->df = 1.0 / sum;
		out->half = stats_t_quantile(0.5 + 0.5 * opt->level, out->df) * se;
		t = fabs(out->delta) / se;
		out->p = out->delta == 0.0 ? 1.0 : 2.0 * stats_t_cdf(-t, out->df);
	}
	classify(out, old_ig->mean - old_base->mean, m, opt);
}

/* The cell of series s at rate, or NULL when the gadget has no such rate or it is a gap. */
static const struct model_cell *
find_cell(const struct model_gadget *g, int s, double rate)
{
	size_t r;

	if (s < 0)
		return NULL;
	for (r = 0; r < g->nrates; r++)
		if (g->rates[r] == rate)
			return g->series[s].cells[r].rows > 0 ?
			    &g->series[s].cells[r] : NULL;
	return NULL;
}

static void
add_only(struct comparison *c, size_t *cap, const struct compare_only *o)
{
	xgrow((void **)&c->only, cap, c->nonly + 1, sizeof(*c->only));
	c->only[c->nonly++] = *o;
}

static void
add_entry(struct comparison *c, size_t *cap, const struct compare_entry *e)
{
	xgrow((void **)&c->entries, cap, c->nentries + 1, sizeof(*c->entries));
	c->entries[c->nentries] = *e;
	compare_means(&e->old, &e->new, e->metric, &c->opt,
	    &c->entries[c->nentries].change);
	c->counts[c->entries[c->nentries].change.verdict]++;
	c->nentries++;
}

/* Metrics both runs have. */
static unsigned
shared_metrics(const struct comparison *c)
{
	return c->old->metrics & c->new->metrics;
}

/* Entries of one rate of one case, or a note that one run lacks it. */
static void
compare_rate(struct comparison *c, size_t cap[2], const struct model_gadget *og,
    const struct model_gadget *ng, int os, int ns, double rate)
{
	const struct model_cell *oc = find_cell(og, os, rate);
	const struct model_cell *nc = find_cell(ng, ns, rate);
	struct compare_entry e;
	struct compare_only o = { COMPARE_ONLY_RATE, COMPARE_OLD, NULL, NULL,
		rate, METRIC__MAX };
	int m;

	if (oc == NULL || nc == NULL) {
		if (oc == NULL && nc == NULL)
			return;
		o.side = oc ? COMPARE_OLD : COMPARE_NEW;
		o.gadget = oc ? og->name : ng->name;
		o.tcase = oc ? og->series[os].name : ng->series[ns].name;
		add_only(c, &cap[1], &o);
		return;
	}
	memset(&e, 0, sizeof(e));
	e.gadget = og->name;
	e.tcase = og->series[os].name;
	e.rate = rate;
	for (m = 0; m < METRIC__MAX; m++) {
		if (!(shared_metrics(c) & (1u << m)) || oc->m[m].n == 0 ||
		    nc->m[m].n == 0)
			continue;
		e.metric = (enum metric)m;
		e.old = oc->m[m];
		e.new = nc->m[m];
		add_entry(c, &cap[0], &e);
	}
}

/* Cases of a gadget both runs have, compared rate by rate; the others noted. */
static void
compare_cases(struct comparison *c, size_t cap[2], const struct model_gadget *og,
    const struct model_gadget *ng)
{
	struct compare_only o = { COMPARE_ONLY_CASE, COMPARE_OLD, og->name, NULL,
		0.0, METRIC__MAX };
	double *rates;
	size_t nrates, s, r;
	int ns;

	nrates = model_union_rates(og, ng, &rates);
	for (s = 0; s < og->nseries; s++) {
		const struct model_series *nser = model_find_series(ng,
		    og->series[s].name);

		if (nser == NULL) {
			o.tcase = og->series[s].name;
			add_only(c, &cap[1], &o);
			continue;
		}
		ns = (int)(nser - ng->series);
		for (r = 0; r < nrates; r++)
			compare_rate(c, cap, og, ng, (int)s, ns, rates[r]);
	}
	o.side = COMPARE_NEW;
	o.gadget = ng->name;
	for (s = 0; s < ng->nseries; s++)
		if (model_find_series(og, ng->series[s].name) == NULL) {
			o.tcase = ng->series[s].name;
			add_only(c, &cap[1], &o);
		}
	free(rates);
}

/* The overhead of gadget g at rate in one run, with its four-group inputs; 0 when undefined. */
static int
overhead_at(const struct model_gadget *g, double rate, enum metric m,
    const struct model_delta **dl, const struct model_stat **base,
    const struct model_stat **ig)
{
	const struct model_cell *bc = find_cell(g, g->baseline, rate);
	const struct model_cell *ic = find_cell(g, g->ig, rate);
	size_t r;

	if (bc == NULL || ic == NULL || bc->m[m].n == 0 || ic->m[m].n == 0)
		return 0;
	for (r = 0; g->rates[r] != rate; r++)
		continue;
	if (!g->overhead[r].m[m].defined)
		return 0;
	*dl = &g->overhead[r].m[m];
	*base = &bc->m[m];
	*ig = &ic->m[m];
	return 1;
}

static void
compare_overheads(struct comparison *c, size_t *cap,
    const struct model_gadget *og, const struct model_gadget *ng)
{
	static const enum metric metrics[] = { METRIC_CPU, METRIC_MEM };
	const struct model_delta *od, *nd;
	const struct model_stat *ob, *oi, *nb, *ni;
	struct compare_overhead *v;
	double *rates;
	size_t nrates, r, k;

	nrates = model_union_rates(og, ng, &rates);
	for (r = 0; r < nrates; r++)
		for (k = 0; k < 2; k++) {
			if (!(shared_metrics(c) & (1u << metrics[k])) ||
			    !overhead_at(og, rates[r], metrics[k], &od, &ob, &oi) ||
			    !overhead_at(ng, rates[r], metrics[k], &nd, &nb, &ni))
				continue;
			xgrow((void **)&c->overheads, cap, c->noverheads + 1,
			    sizeof(*c->overheads));
			v = &c->overheads[c->noverheads++];
			v->gadget = og->name;
			v->rate = rates[r];
			v->metric = metrics[k];
			v->old = *od;
			v->new = *nd;
			compare_diff_of_diffs(ob, oi, nb, ni, metrics[k], &c->opt,
			    &v->change);
			c->counts[v->change.verdict]++;
		}
	free(rates);
}

static void
compare_gadgets(struct comparison *c)
{
	struct compare_only o = { COMPARE_ONLY_GADGET, COMPARE_OLD, NULL, NULL,
		0.0, METRIC__MAX };
	size_t cap[3] = { 0, 0, 0 }, i;
	int j;

	for (i = 0; i < c->old->ngadgets; i++) {
		const struct model_gadget *og = &c->old->gadgets[i];
		const struct model_gadget *ng = model_find_gadget(c->new, og->name);

		if (ng == NULL) {
			o.gadget = og->name;
			add_only(c, &cap[1], &o);
			continue;
		}
		compare_cases(c, cap, og, ng);
		compare_overheads(c, &cap[2], og, ng);
	}
	o.side = COMPARE_NEW;
	for (i = 0; i < c->new->ngadgets; i++)
		if (model_find_gadget(c->old, c->new->gadgets[i].name) == NULL) {
			o.gadget = c->new->gadgets[i].name;
			add_only(c, &cap[1], &o);
		}
	o.kind = COMPARE_ONLY_METRIC;
	o.gadget = NULL;
	for (j = 0; j < METRIC__MAX; j++) {
		o.metric = (enum metric)j;
		if (model_has_metric(c->old, o.metric) !=
		    model_has_metric(c->new, o.metric)) {
			o.side = model_has_metric(c->old, o.metric) ?
			    COMPARE_OLD : COMPARE_NEW;
			add_only(c, &cap[1], &o);
		}
	}
}

/* Every value of key in m, joined by "; "; NULL when m lacks the key. */
static char *
meta_values(const struct model *m, const char *key)
{
	char *s = NULL, *t;
	size_t i;

	for (i = 0; i < m->nmeta; i++) {
		if (strcasecmp(m->meta[i].key, key) != 0)
			continue;
		t = s ? xasprintf("%s; %s", s, m->meta[i].value) :
		    xstrdup(m->meta[i].value);
		free(s);
		s = t;
	}
	return s;
}

/* Adds key unless already present (keys match case-insensitively). */
static void
add_machine_key(struct comparison *c, size_t *cap, const char *key)
{
	struct compare_machine *k;
	size_t i;

	for (i = 0; i < c->nmachine; i++)
		if (strcasecmp(c->machine[i].key, key) == 0)
			return;
	xgrow((void **)&c->machine, cap, c->nmachine + 1, sizeof(*c->machine));
	k = &c->machine[c->nmachine++];
	k->key = xstrdup(key);
	k->old_value = meta_values(c->old, key);
	k->new_value = meta_values(c->new, key);
	if (k->old_value && k->new_value)
		k->differs = strcmp(k->old_value, k->new_value) != 0;
	else
		k->differs = model_machine_key(key);
	k->critical = k->differs && model_machine_key(key);
	c->machines_differ |= k->critical;
}

static void
compare_machines(struct comparison *c)
{
	size_t cap = 0, i;

	for (i = 0; i < c->old->nmeta; i++)
		add_machine_key(c, &cap, c->old->meta[i].key);
	for (i = 0; i < c->new->nmeta; i++)
		add_machine_key(c, &cap, c->new->meta[i].key);
}

struct comparison *
compare_build(const struct model *old, const struct model *new,
    const struct compare_options *opt)
{
	struct comparison *c = xcalloc(1, sizeof(*c));

	c->old = old;
	c->new = new;
	c->opt = *opt;
	compare_gadgets(c);
	if (c->opt.correction != COMPARE_CORRECTION_NONE)
		adjust(c);
	compare_machines(c);
	return c;
}

size_t
compare_group_end(const struct comparison *c, size_t i)
{
	const struct compare_entry *e = &c->entries[i];
	size_t j = i + 1;

	while (j < c->nentries && c->entries[j].gadget == e->gadget &&
	    c->entries[j].tcase == e->tcase && c->entries[j].rate == e->rate)
		j++;
	return j;
}

void
compare_free(struct comparison *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nmachine; i++) {
		free(c->machine[i].key);
		free(c->machine[i].old_value);
		free(c->machine[i].new_value);
	}
	free(c->machine);
	free(c->entries);
	free(c->overheads);
	free(c->only);
	free(c);
}

struct compare_untested
compare_untested(const struct comparison *c)
{
	struct compare_untested u;
	size_t i;

	u.tested = c->counts[COMPARE_SAME] + c->counts[COMPARE_WORSE] +
	    c->counts[COMPARE_BETTER];
	u.no_test = c->counts[COMPARE_UNKNOWN];
	u.one_run = 0;
	for (i = 0; i < c->nonly; i++)
		if (c->only[i].kind != COMPARE_ONLY_METRIC)
			u.one_run++;
	return u;
}
