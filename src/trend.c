/* SPDX-License-Identifier: Apache-2.0 */
/* The analysis of a history: candidate steps from the fit, their Welch tests and correction, the gate, the best run. */
#include "trend.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "step.h"
#include "xalloc.h"

/* The values of series s in the runs of machine mc. */
struct trend_values {
	size_t *runs; /* run indexes */
	double *y;    /* means */
	double *half; /* interval half-widths */
	double *se;   /* standard errors */
	size_t n;
};

static void
trend_values(const struct history *h, const struct history_series *s,
    size_t mc, struct trend_values *v)
{
	size_t r;

	v->runs = xcalloc(h->nruns, sizeof(*v->runs));
	v->y = xcalloc(h->nruns, sizeof(*v->y));
	v->half = xcalloc(h->nruns, sizeof(*v->half));
	v->se = xcalloc(h->nruns, sizeof(*v->se));
	v->n = 0;
	for (r = 0; r < h->nruns; r++)
		if (h->runs[r].machine == mc && s->points[r].defined) {
			v->runs[v->n] = r;
			v->y[v->n] = s->points[r].mean;
			v->half[v->n] = s->points[r].half;
			v->se[v->n] = s->points[r].se;
			v->n++;
		}
}

static void
trend_values_free(struct trend_values *v)
{
	free(v->runs);
	free(v->y);
	free(v->half);
	free(v->se);
}

/*
 * The runs [a, b) of v pooled: their count, the mean of their means, and
 * the sd of their means, but never below the root mean square of their
 * standard errors: a run's mean varies at least as its rows make it
 * vary, and means that agree by chance (two decimals, few runs) must not
 * look like a measurement without noise.
 */
static void
trend_pool(const struct trend_values *v, size_t a, size_t b, size_t *count,
    double *mean, double *sd)
{
	struct welford w = { 0, 0.0, 0.0 };
	double se2 = 0.0, floor;
	size_t i;

	for (i = a; i < b; i++) {
		welford_add(&w, v->y[i]);
		se2 += v->se[i] * v->se[i];
	}
	floor = sqrt(se2 / (double)(b - a));
	*count = b - a;
	*mean = w.mean;
	*sd = fmax(welford_sd(&w), floor);
}

/* The candidate between pieces [a, b) and [b, c) of the values y of runs. */
static struct trend_step
trend_candidate(const struct trend *t, size_t series, size_t mc,
    const struct trend_values *v, size_t a, size_t b, size_t c)
{
	struct trend_step st;

	memset(&st, 0, sizeof(st));
	st.series = series;
	st.machine = mc;
	st.before = v->runs[b - 1];
	st.after = v->runs[b];
	trend_pool(v, a, b, &st.n1, &st.mean1, &st.sd1);
	trend_pool(v, b, c, &st.n2, &st.mean2, &st.sd2);
	stats_welch(st.n1, st.mean1, st.sd1, st.n2, st.mean2, st.sd2,
	    t->opt.level, &st.w);
	st.percent = st.mean1 == 0.0 ? NAN :
	    100.0 * st.w.delta / fabs(st.mean1);
	st.q = NAN;
	return st;
}

/* The family of the correction: one p per candidate, a 1 for a fit without any. */
struct trend_family {
	double *p;
	size_t *step; /* the candidate of each p, or (size_t)-1 */
	size_t n, cap;
};

static void
family_add(struct trend_family *f, double p, size_t step)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->p = xrealloc(f->p, f->cap * sizeof(*f->p));
		f->step = xrealloc(f->step, f->cap * sizeof(*f->step));
	}
	f->p[f->n] = p;
	f->step[f->n++] = step;
}

static void
trend_add_step(struct trend *t, size_t *cap, const struct trend_step *st)
{
	xgrow((void **)&t->steps, cap, t->nsteps + 1, sizeof(*t->steps));
	t->steps[t->nsteps++] = *st;
}

/* Whether every value of v is the same. */
static int
trend_constant(const struct trend_values *v)
{
	size_t i;

	for (i = 1; i < v->n; i++)
		if (v->y[i] != v->y[0])
			return 0;
	return 1;
}

/* Fits series s on machine mc and adds its candidates to t and f. */
static void
trend_fit_series(struct trend *t, size_t *cap, struct trend_family *f,
    size_t series, size_t mc)
{
	const struct history *h = t->h;
	size_t *ends = xcalloc(h->nruns, sizeof(*ends));
	struct trend_values v;
	size_t k, j, tested = 0;

	trend_values(h, &h->series[series], mc, &v);
	/*
	 * Two runs on each side are the least a Welch test needs; a series
	 * that never moves (the baseline's IG columns, lost events at low
	 * rates: all 0) can show no step, so it is no test of the family.
	 */
	if (v.n >= 4 && !trend_constant(&v)) {
		k = step_fit(v.y, v.half, v.n, ends, NULL);
		for (j = 0; j + 1 < k; j++) {
			struct trend_step st = trend_candidate(t, series, mc,
			    &v, j ? ends[j - 1] : 0, ends[j], ends[j + 1]);

			trend_add_step(t, cap, &st);
			if (!isnan(st.w.p)) {
				family_add(f, st.w.p, t->nsteps - 1);
				tested++;
			}
		}
		if (tested == 0)
			family_add(f, 1.0, (size_t)-1);
	}
	trend_values_free(&v);
	free(ends);
}

/* Large enough to count: |percent| >= threshold, or any change of a base of 0. */
static int
trend_big(double percent, double delta, double threshold)
{
	return isnan(percent) ? delta != 0.0 : fabs(percent) >= threshold;
}

static void
trend_steps(struct trend *t)
{
	struct trend_family f = { 0 };
	double *q;
	size_t s, mc, i, cap = 0;

	for (s = 0; s < t->h->nseries; s++)
		for (mc = 0; mc < t->h->nmachines; mc++)
			trend_fit_series(t, &cap, &f, s, mc);
	q = xcalloc(f.n + 1, sizeof(*q));
	compare_adjust(f.p, f.n, t->opt.correction, q);
	for (i = 0; i < f.n; i++) {
		struct trend_step *st;

		if (f.step[i] == (size_t)-1)
			continue;
		st = &t->steps[f.step[i]];
		st->q = q[i];
		st->found = q[i] < 1.0 - t->opt.level &&
		    trend_big(st->percent, st->w.delta, t->opt.threshold);
		t->nfound += (size_t)st->found;
	}
	t->ntests = f.n;
	free(q);
	free(f.p);
	free(f.step);
}

/* The gate entry of series s, when it can be judged: 0, else -1. */
static int
trend_gate_of(const struct trend *t, size_t series, struct trend_gate *g)
{
	const struct history *h = t->h;
	const struct history_series *s = &h->series[series];
	double *x = xcalloc(t->opt.window + 1, sizeof(*x));
	size_t r = t->newest, k = 0, mc = h->runs[r].machine;
	int rc = -1;

	while (r-- > 0 && k < t->opt.window)
		if (h->runs[r].machine == mc && s->points[r].defined)
			x[k++] = s->points[r].mean;
	if (s->points[t->newest].defined &&
	    gate_predict(x, k, t->opt.level, &g->iv) == 0) {
		g->series = series;
		g->value = s->points[t->newest].mean;
		g->p = gate_p_above(&g->iv, g->value);
		g->percent = g->iv.mean == 0.0 ? NAN :
		    100.0 * (g->value - g->iv.mean) / fabs(g->iv.mean);
		g->q = NAN;
		g->worse = 0;
		rc = isnan(g->p) ? -1 : 0;
	}
	free(x);
	return rc;
}

static void
trend_gate(struct trend *t)
{
	const struct history *h = t->h;
	double *p, *q;
	size_t s, r, i;

	t->newest = h->nruns - 1;
	for (r = 0; r < t->newest; r++)
		t->earlier += h->runs[r].machine == h->runs[t->newest].machine;
	if (t->earlier < 2)
		return;
	t->gate = xcalloc(h->nseries + 1, sizeof(*t->gate));
	for (s = 0; s < h->nseries; s++)
		if (trend_gate_of(t, s, &t->gate[t->ngate]) == 0)
			t->ngate++;
	p = xcalloc(t->ngate + 1, sizeof(*p));
	q = xcalloc(t->ngate + 1, sizeof(*q));
	for (i = 0; i < t->ngate; i++)
		p[i] = t->gate[i].p;
	compare_adjust(p, t->ngate, t->opt.correction, q);
	for (i = 0; i < t->ngate; i++) {
		struct trend_gate *g = &t->gate[i];

		g->q = q[i];
		g->worse = q[i] < (1.0 - t->opt.level) / 2.0 &&
		    g->value > g->iv.mean && trend_big(g->percent,
		    g->value - g->iv.mean, t->opt.threshold);
		t->nworse += (size_t)g->worse;
	}
	free(p);
	free(q);
}

struct trend *
trend_build(const struct history *h, const struct trend_options *opt)
{
	struct trend *t = xcalloc(1, sizeof(*t));

	t->h = h;
	t->opt = *opt;
	trend_steps(t);
	trend_gate(t);
	return t;
}

int
trend_dump(const struct trend *t, FILE *out)
{
	const struct history *h = t->h;
	size_t i;

	for (i = 0; i < t->nsteps; i++) {
		const struct trend_step *st = &t->steps[i];
		const struct history_series *s = &h->series[st->series];

		if (!st->found)
			continue;
		if (fprintf(out, "%s\t%s\t%.17g\t%s\t%s\t%s\t%.17g\t%.17g\n",
		    h->gadgets[s->gadget].name, history_case_name(s->tcase),
		    s->rate, metric_name(s->metric), h->runs[st->before].label,
		    h->runs[st->after].label, st->percent, st->q) < 0)
			return -1;
	}
	return 0;
}

size_t
trend_best(const struct trend *t, const struct history_series *s,
    double *percent)
{
	const struct history *h = t->h;
	size_t r, best = (size_t)-1, mc = h->runs[t->newest].machine;

	*percent = NAN;
	if (!s->points[t->newest].defined)
		return best;
	for (r = 0; r <= t->newest; r++)
		if (h->runs[r].machine == mc && s->points[r].defined &&
		    (best == (size_t)-1 ||
		    s->points[r].mean < s->points[best].mean))
			best = r;
	if (s->points[best].mean != 0.0)
		*percent = 100.0 * (s->points[t->newest].mean -
		    s->points[best].mean) / fabs(s->points[best].mean);
	return best;
}

void
trend_free(struct trend *t)
{
	if (t == NULL)
		return;
	free(t->steps);
	free(t->gate);
	free(t);
}
