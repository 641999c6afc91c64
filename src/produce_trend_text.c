/* SPDX-License-Identifier: Apache-2.0 */
/* The sentences and tables of a trend: steps, the gate, latest against best, gaps, runs, per-gadget histories. */
#include "produce_trend_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "xalloc.h"

const char *
trend_text_what(const struct history_series *s, char *buf, size_t size)
{
	const char *label = metric_label(s->metric);

	if (s->tcase == HISTORY_OVERHEAD)
		snprintf(buf, size, "%s overhead of IG", label);
	else if (s->tcase == HISTORY_IG && (s->metric == METRIC_IGCPU ||
	    s->metric == METRIC_IGMEM))
		snprintf(buf, size, "%s", label);
	else
		snprintf(buf, size, "%s (%s)", label, s->tcase == HISTORY_IG ?
		    "with IG" : "baseline");
	return buf;
}

/* "p = 0.0004", "p < 0.0001". */
static void
trend_text_p(char *buf, size_t size, double p)
{
	if (p < 0.0001)
		snprintf(buf, size, "p < 0.0001");
	else
		snprintf(buf, size, "p = %.2g", p);
}

/* Appends s (taken over) to lines. */
static void
add_line(char ***lines, size_t *n, char *s)
{
	*lines = xrealloc(*lines, (*n + 1) * sizeof(**lines));
	(*lines)[(*n)++] = s;
}

static char *
trend_text_step(const struct trend *t, const struct trend_step *st)
{
	const struct history *h = t->h;
	const struct history_series *s = &h->series[st->series];
	char what[128], rate[FORMAT_MAX], p[32], change[FORMAT_MAX];

	format_rate(rate, s->rate);
	trend_text_p(p, sizeof(p), st->q);
	/* "+14.8% ± 3.1"; from a mean of 0, the change itself in its unit. */
	if (isnan(st->percent))
		format_delta_ci(change, st->w.delta, st->w.half,
		    metric_decimals(s->metric), 1);
	else
		snprintf(change, sizeof(change), "%+.1f%% \xc2\xb1 %.1f",
		    st->percent, 100.0 * st->w.half / fabs(st->mean1));
	return xasprintf("%s, %s at %s events/s: %s between %s and %s (%s)",
	    h->gadgets[s->gadget].name, trend_text_what(s, what, sizeof(what)),
	    rate, change, h->runs[st->before].label, h->runs[st->after].label,
	    p);
}

size_t
trend_text_steps(const struct trend *t, char ***lines, size_t **steps)
{
	size_t i, n = 0;

	*lines = NULL;
	*steps = xcalloc(t->nfound + 1, sizeof(**steps));
	for (i = 0; i < t->nsteps; i++)
		if (t->steps[i].found) {
			(*steps)[n] = i;
			add_line(lines, &n, trend_text_step(t, &t->steps[i]));
		}
	return n;
}

/* "after Holm's correction", ... */
static const char *
correction_phrase(enum compare_correction c)
{
	static const char *const names[COMPARE_CORRECTION__MAX] = {
		[COMPARE_CORRECTION_NONE] = "without correction",
		[COMPARE_CORRECTION_HOLM] = "after Holm's correction",
		[COMPARE_CORRECTION_BH] = "after the Benjamini-Hochberg correction",
	};

	return c < COMPARE_CORRECTION__MAX ? names[c] : "?";
}

char *
trend_text_rule(const struct trend *t)
{
	char level[FORMAT_MAX], alpha[FORMAT_MAX];

	format_level(level, t->opt.level);
	format_level(alpha, 1.0 - t->opt.level);
	return xasprintf("A step is a change of at least %g%% between the runs "
	    "on either side of it, where a piecewise-constant fit of the run "
	    "means puts one, confirmed by Welch's t-test on those runs' means "
	    "(p below %s%% %s for %zu tests); changes are shown with %s%% "
	    "intervals.", t->opt.threshold, alpha,
	    correction_phrase(t->opt.correction), t->ntests, level);
}

char *
trend_text_gate(const struct trend *t)
{
	const struct history *h = t->h;
	const char *newest = h->runs[t->newest].label;
	size_t k = t->earlier < t->opt.window ? t->earlier : t->opt.window;

	if (t->earlier < 2)
		return xasprintf("The newest run (%s) is not gated: its machine "
		    "has %zu earlier run%s, 2 are needed.", newest, t->earlier,
		    t->earlier == 1 ? "" : "s");
	if (t->nworse == 0)
		return xasprintf("The newest run (%s) is in line with the %zu "
		    "runs before it on its machine (%zu series gated).", newest,
		    k, t->ngate);
	return xasprintf("The newest run (%s) is out of line with the %zu runs "
	    "before it on its machine in %zu of %zu series: above their "
	    "prediction intervals %s, and more than %g%% over those runs' "
	    "mean.", newest, k, t->nworse, t->ngate,
	    correction_phrase(t->opt.correction), t->opt.threshold);
}

size_t
trend_text_worse(const struct trend *t, char ***lines)
{
	const struct history *h = t->h;
	char what[128], rate[FORMAT_MAX], v[FORMAT_MAX], m[FORMAT_MAX];
	char hi[FORMAT_MAX], level[FORMAT_MAX], p[32];
	size_t i, n = 0;

	*lines = NULL;
	format_level(level, t->opt.level);
	for (i = 0; i < t->ngate; i++) {
		const struct trend_gate *g = &t->gate[i];
		const struct history_series *s = &h->series[g->series];
		int dec = metric_decimals(s->metric) + 1;

		if (!g->worse)
			continue;
		format_rate(rate, s->rate);
		format_fixed(v, g->value, dec);
		format_fixed(m, g->iv.mean, dec);
		format_fixed(hi, g->iv.high, dec);
		trend_text_p(p, sizeof(p), g->q);
		add_line(lines, &n, xasprintf("%s, %s at %s events/s: %s, %+.0f%% "
		    "over the mean of the %zu runs before (%s; %s%% prediction "
		    "interval up to %s; corrected %s)", h->gadgets[s->gadget].name,
		    trend_text_what(s, what, sizeof(what)), rate, v,
		    isnan(g->percent) ? 0.0 : g->percent, g->iv.k, m, level, hi,
		    p));
	}
	return n;
}

/* The series of gadget g that the latest-versus-best sentence is about. */
static const struct history_series *
trend_headline(const struct trend *t, size_t g)
{
	const struct history_series *best = NULL;
	size_t i;

	for (i = 0; i < t->h->nseries; i++) {
		const struct history_series *s = &t->h->series[i];

		if (s->gadget == g && s->tcase == HISTORY_IG &&
		    s->metric == METRIC_IGCPU && s->points[t->newest].defined)
			best = s; /* rates ascend: the last is the highest */
	}
	return best;
}

size_t
trend_text_latest(const struct trend *t, char ***lines)
{
	const struct history *h = t->h;
	char what[128], rate[FORMAT_MAX];
	size_t g, n = 0, best;
	double pct;

	*lines = NULL;
	for (g = 0; g < h->ngadgets; g++) {
		const struct history_series *s = trend_headline(t, g);

		if (s == NULL || (best = trend_best(t, s, &pct)) == (size_t)-1)
			continue;
		format_rate(rate, s->rate);
		trend_text_what(s, what, sizeof(what));
		if (best == t->newest)
			add_line(lines, &n, xasprintf("%s, %s at %s events/s: "
			    "latest is the best run", h->gadgets[g].name, what,
			    rate));
		else
			add_line(lines, &n, xasprintf("%s, %s at %s events/s: "
			    "latest is %.0f%% worse than the best run (%s)",
			    h->gadgets[g].name, what, rate, isnan(pct) ? 0.0 : pct,
			    h->runs[best].label));
	}
	return n;
}

size_t
trend_text_gaps(const struct trend *t, char ***lines)
{
	const struct history *h = t->h;
	char what[128], rate[FORMAT_MAX], *runs, *more;
	size_t i, r, n = 0;

	*lines = NULL;
	for (i = 0; i < h->nseries; i++) {
		const struct history_series *s = &h->series[i];

		if (s->ndefined == h->nruns)
			continue;
		runs = xstrdup("");
		for (r = 0; r < h->nruns; r++)
			if (!s->points[r].defined) {
				more = xasprintf("%s%s%s", runs, *runs ? ", " : "",
				    h->runs[r].label);
				free(runs);
				runs = more;
			}
		format_rate(rate, s->rate);
		add_line(lines, &n, xasprintf("%s, %s at %s events/s: no value "
		    "in %s", h->gadgets[s->gadget].name,
		    trend_text_what(s, what, sizeof(what)), rate, runs));
		free(runs);
	}
	return n;
}

struct doc_table *
trend_table_runs(const struct trend *t, const struct tpl_table_style *style)
{
	static const char *const header[] = { "#", "Run", "Benchmark date",
		"File", "Machine" };
	const struct history *h = t->h;
	struct doc_table *tb = doc_table_new(header, 5, style);
	char num[32], mc[32];
	const char *row[5];
	size_t r;

	for (r = 0; r < h->nruns; r++) {
		const char *slash = strrchr(h->runs[r].path, '/');

		snprintf(num, sizeof(num), "%zu", r + 1);
		snprintf(mc, sizeof(mc), "%zu", h->runs[r].machine + 1);
		row[0] = num;
		row[1] = h->runs[r].label;
		row[2] = h->runs[r].date ? h->runs[r].date : DOC_GAP;
		row[3] = slash ? slash + 1 : h->runs[r].path;
		row[4] = mc;
		doc_table_add_row(tb, row);
	}
	return tb;
}

/* The series of gadget g, case c and metric m, rates ascending; their count. */
static size_t
history_columns(const struct history *h, size_t g, enum history_case c,
    enum metric m, const struct history_series ***out)
{
	size_t i, n = 0;

	*out = xcalloc(h->nseries + 1, sizeof(**out));
	for (i = 0; i < h->nseries; i++)
		if (h->series[i].gadget == g && h->series[i].tcase == c &&
		    h->series[i].metric == m)
			(*out)[n++] = &h->series[i];
	return n;
}

/* The step found in series s whose first run after it is run r, or NULL. */
static const struct trend_step *
step_into(const struct trend *t, const struct history_series *s, size_t r)
{
	size_t i, at = (size_t)(s - t->h->series);

	for (i = 0; i < t->nsteps; i++)
		if (t->steps[i].found && t->steps[i].series == at &&
		    t->steps[i].after == r)
			return &t->steps[i];
	return NULL;
}

/* Whether the gate judged series s of the newest run out of line. */
static int
gate_worse(const struct trend *t, const struct history_series *s)
{
	size_t i, at = (size_t)(s - t->h->series);

	for (i = 0; i < t->ngate; i++)
		if (t->gate[i].series == at)
			return t->gate[i].worse;
	return 0;
}

/* The cell of series s in run r into buf; its step, if one ends there. */
static const struct trend_step *
history_cell(const struct trend *t, const struct history_series *s, size_t r,
    char *buf, size_t size)
{
	const struct history_point *pt = &s->points[r];
	const struct trend_step *st = step_into(t, s, r);
	char v[FORMAT_MAX];

	if (!pt->defined) {
		snprintf(buf, size, "%s", DOC_GAP);
		return NULL;
	}
	format_mean_ci(v, pt->mean, pt->half, metric_decimals(s->metric), 1);
	snprintf(buf, size, "%s%s", st == NULL ? "" : st->w.delta > 0.0 ?
	    "\xe2\x96\xb2 " : "\xe2\x96\xbc ", v);
	return st;
}

struct doc_table *
trend_table_history(const struct trend *t, size_t g, enum history_case c,
    enum metric m, const struct tpl_table_style *style,
    struct canvas_color worse, struct canvas_color better)
{
	const struct history *h = t->h;
	const struct history_series **cols;
	size_t n = history_columns(h, g, c, m, &cols), i, r;
	char **header, **row, rate[FORMAT_MAX];
	const struct trend_step **st;
	struct doc_table *tb = NULL;

	if (n == 0) {
		free(cols);
		return NULL;
	}
	header = xcalloc(n + 1, sizeof(*header));
	row = xcalloc(n + 1, sizeof(*row));
	header[0] = xstrdup("Run");
	for (i = 0; i < n; i++) {
		format_rate(rate, cols[i]->rate);
		header[i + 1] = xasprintf("%s/s", rate);
		row[i + 1] = xcalloc(FORMAT_MAX + 8, 1);
	}
	tb = doc_table_new((const char *const *)header, n + 1, style);
	st = xcalloc(n, sizeof(*st));
	for (r = 0; r < h->nruns; r++) {
		row[0] = h->runs[r].label;
		for (i = 0; i < n; i++)
			st[i] = history_cell(t, cols[i], r, row[i + 1],
			    FORMAT_MAX + 8);
		doc_table_add_row(tb, (const char *const *)row);
		for (i = 0; i < n; i++)
			if (st[i] != NULL)
				doc_table_set_cell_style(tb, r, i + 1,
				    st[i]->w.delta > 0.0 ? worse : better,
				    FONT_BOLD);
			else if (r == t->newest && gate_worse(t, cols[i]))
				doc_table_set_cell_style(tb, r, i + 1, worse,
				    FONT_BOLD);
	}
	for (i = 0; i <= n; i++) {
		free(header[i]);
		if (i > 0)
			free(row[i]);
	}
	free(header);
	free(row);
	free(cols);
	free(st);
	return tb;
}
