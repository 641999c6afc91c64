/* SPDX-License-Identifier: Apache-2.0 */
/* The cost model: per gadget, least-squares fits of each metric against the rate on the run-level rows. */
#include "cost.h"

#include <math.h>
#include <stdlib.h>

#include "stats.h"
#include "xalloc.h"

/*
 * Why the cells suffice. Every row of a group (case, rate) has the same
 * design row x_g, so with n_g rows of mean m_g and deviations from it,
 *     X'X = sum n_g x_g x_g',   X'y = sum n_g m_g x_g,
 *     RSS(beta) = sum (n_g - 1) sd_g^2 + sum n_g (m_g - x_g' beta)^2,
 * that is, the within-group sum of squares plus a fit of the means
 * weighted by n_g. The total sum of squares splits the same way about
 * the grand mean: TSS = sum (n_g - 1) sd_g^2 + sum n_g (m_g - ybar)^2.
 *
 * The model a + b*rate + c*ig + d*rate*ig is the same as one line per
 * case (baseline: alpha_B + beta_B*rate; ig: alpha_I + beta_I*rate) with
 * c = alpha_I - alpha_B and d = beta_I - beta_B. In that parametrisation
 * X'X is block diagonal, so each case's line is its own weighted simple
 * regression, RSS = RSS_B + RSS_I, s^2 = RSS / (N - 4), and the two
 * blocks' covariances add:
 *     var(c) = s^2 (1/N_B + rbar_B^2/Sxx_B + 1/N_I + rbar_I^2/Sxx_I),
 *     var(d) = s^2 (1/Sxx_B + 1/Sxx_I),
 * with rbar a case's mean rate over its rows and Sxx = sum n_g (r_g -
 * rbar)^2. The two-parameter model a + b*rate is one such line with
 * s^2 = RSS / (N - 2), var(a) = s^2 (1/N + rbar^2/Sxx), var(b) = s^2/Sxx.
 * Rates are centred on rbar before any product, so nothing cancels
 * catastrophically when the rates are large and the slopes small.
 */

/* One case's line, fitted on the rows of its groups. */
struct line {
	double n;      /* rows */
	double rbar;   /* mean rate over the rows */
	double ybar;   /* mean value over the rows */
	double sxx;    /* sum n_g (r_g - rbar)^2 */
	double within; /* sum (n_g - 1) sd_g^2 */
	double alpha, beta, rss;
};

static int
in_line(const struct cost_group *g, int which)
{
	return g->n > 0 && (which < 0 || g->ig == which);
}

static void
line_means(const struct cost_group *gs, size_t ng, int which, struct line *l)
{
	double sr = 0, sy = 0;
	size_t i;

	l->n = l->within = 0;
	for (i = 0; i < ng; i++)
		if (in_line(&gs[i], which)) {
			double n = (double)gs[i].n;

			l->n += n;
			sr += n * gs[i].rate;
			sy += n * gs[i].mean;
			l->within += (n - 1) * gs[i].sd * gs[i].sd;
		}
	l->rbar = l->n > 0 ? sr / l->n : 0;
	l->ybar = l->n > 0 ? sy / l->n : 0;
}

/* The line of the groups of case which (-1: all); -1 when under-determined. */
static int
line_fit(const struct cost_group *gs, size_t ng, int which, struct line *l)
{
	double sxy = 0;
	size_t i;

	line_means(gs, ng, which, l);
	l->sxx = 0;
	for (i = 0; i < ng; i++)
		if (in_line(&gs[i], which)) {
			double n = (double)gs[i].n, dr = gs[i].rate - l->rbar;

			l->sxx += n * dr * dr;
			sxy += n * dr * (gs[i].mean - l->ybar);
		}
	if (!(l->sxx > 0))
		return -1;
	l->beta = sxy / l->sxx;
	l->alpha = l->ybar - l->beta * l->rbar;
	l->rss = l->within;
	for (i = 0; i < ng; i++)
		if (in_line(&gs[i], which)) {
			double e = gs[i].mean - l->ybar -
			    l->beta * (gs[i].rate - l->rbar);

			l->rss += (double)gs[i].n * e * e;
		}
	return 0;
}

/* TSS of every row the fit uses, about their grand mean. */
static double
total_ss(const struct cost_group *gs, size_t ng, int which)
{
	struct line all;
	double tss;
	size_t i;

	line_means(gs, ng, which, &all);
	tss = all.within;
	for (i = 0; i < ng; i++)
		if (in_line(&gs[i], which)) {
			double e = gs[i].mean - all.ybar;

			tss += (double)gs[i].n * e * e;
		}
	return tss;
}

static void
set_coef(struct model_coef *c, double est, double var, double t)
{
	c->est = est;
	c->se = sqrt(var > 0 ? var : 0);
	c->half = t * c->se;
}

static int
fit_two_cases(const struct cost_group *gs, size_t ng, double level,
    struct model_cost *out)
{
	struct line b, i;
	double df, s2, t;

	if (line_fit(gs, ng, 0, &b) < 0 || line_fit(gs, ng, 1, &i) < 0 ||
	    b.n + i.n <= 4)
		return -1;
	df = b.n + i.n - 4;
	s2 = (b.rss + i.rss) / df;
	t = stats_t_quantile((1 + level) / 2, df);
	out->n = (unsigned long)(b.n + i.n);
	set_coef(&out->fixed, i.alpha - b.alpha, s2 * (1 / b.n +
	    b.rbar * b.rbar / b.sxx + 1 / i.n + i.rbar * i.rbar / i.sxx), t);
	set_coef(&out->per_event, i.beta - b.beta,
	    s2 * (1 / b.sxx + 1 / i.sxx), t);
	out->r2 = b.rss + i.rss;
	return 0;
}

static int
fit_one_line(const struct cost_group *gs, size_t ng, double level,
    struct model_cost *out)
{
	struct line l;
	double df, s2, t;

	if (line_fit(gs, ng, -1, &l) < 0 || l.n <= 2)
		return -1;
	df = l.n - 2;
	s2 = l.rss / df;
	t = stats_t_quantile((1 + level) / 2, df);
	out->n = (unsigned long)l.n;
	set_coef(&out->fixed, l.alpha, s2 * (1 / l.n + l.rbar * l.rbar / l.sxx), t);
	set_coef(&out->per_event, l.beta, s2 / l.sxx, t);
	out->r2 = l.rss;
	return 0;
}

int
cost_fit(const struct cost_group *groups, size_t ngroups, int with_case,
    double level, struct model_cost *out)
{
	double tss;
	int rc;

	*out = (struct model_cost){ 0 };
	rc = with_case ? fit_two_cases(groups, ngroups, level, out) :
	    fit_one_line(groups, ngroups, level, out);
	if (rc < 0) {
		*out = (struct model_cost){ 0 };
		return -1;
	}
	/* out->r2 holds the RSS until here. */
	tss = total_ss(groups, ngroups, -1);
	out->r2 = tss > 0 ? 1 - out->r2 / tss : 1;
	out->defined = 1;
	return 0;
}

static size_t
shared_rates(const struct model_gadget *g)
{
	size_t r, k = 0;

	for (r = 0; r < g->nrates; r++)
		k += g->series[g->baseline].cells[r].rows > 0 &&
		    g->series[g->ig].cells[r].rows > 0;
	return k;
}

/* The groups of metric m in the series s of g, appended to gs at *ng. */
static void
add_groups(const struct model_gadget *g, int s, int ig, enum metric m,
    struct cost_group *gs, size_t *ng)
{
	size_t r;

	for (r = 0; r < g->nrates; r++) {
		const struct model_stat *st = &g->series[s].cells[r].m[m];

		if (st->n == 0)
			continue;
		gs[*ng].rate = g->rates[r];
		gs[*ng].ig = ig;
		gs[*ng].n = st->n;
		gs[*ng].mean = st->mean;
		gs[*ng].sd = st->sd;
		(*ng)++;
	}
}

void
cost_build(struct model_gadget *g, double level)
{
	static const enum metric host[] = { METRIC_CPU, METRIC_MEM };
	static const enum metric proc[] = { METRIC_IGCPU, METRIC_IGMEM };
	struct cost_group *gs;
	size_t k, ng;

	if (g->baseline < 0 || g->ig < 0 ||
	    shared_rates(g) < COST_MIN_SHARED_RATES)
		return;
	gs = xcalloc(2 * g->nrates, sizeof(*gs));
	for (k = 0; k < 2; k++) {
		ng = 0;
		add_groups(g, g->baseline, 0, host[k], gs, &ng);
		add_groups(g, g->ig, 1, host[k], gs, &ng);
		cost_fit(gs, ng, 1, level, &g->cost[host[k]]);
		ng = 0;
		add_groups(g, g->ig, 1, proc[k], gs, &ng);
		cost_fit(gs, ng, 0, level, &g->cost[proc[k]]);
	}
	free(gs);
}
