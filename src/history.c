/* SPDX-License-Identifier: Apache-2.0 */
/* A history of runs: labels, date order, machines, and the series of per-run values. */
#include "history.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "stats.h"
#include "utf8.h"
#include "xalloc.h"

static const char *const order_names[HISTORY_ORDER__MAX] = {
	[HISTORY_ORDER_AUTO] = "auto",
	[HISTORY_ORDER_DATE] = "date",
	[HISTORY_ORDER_ARGS] = "args",
};

static const char *const case_names[HISTORY_CASE__MAX] = {
	[HISTORY_BASELINE] = "baseline",
	[HISTORY_IG] = "ig",
	[HISTORY_OVERHEAD] = "overhead",
};

/* The machine keys that keep runs apart, as compare's critical keys and the architecture. */
static const char *const machine_keys[] = {
	"Processor", "Memory", "Kernel", "Architecture",
};
#define NMACHINE_KEYS (sizeof(machine_keys) / sizeof(machine_keys[0]))

enum history_order
history_order_from_name(const char *s)
{
	int i;

	for (i = 0; i < HISTORY_ORDER__MAX; i++)
		if (strcmp(s, order_names[i]) == 0)
			return (enum history_order)i;
	return HISTORY_ORDER__MAX;
}

const char *
history_case_name(enum history_case c)
{
	return c < HISTORY_CASE__MAX ? case_names[c] : "?";
}

int
history_check_label(const char *label, const char *shown, struct diags *d)
{
	size_t len = strlen(label), bad;
	uint32_t cp;
	int rc = utf8_check_name(label, len, &bad, &cp);

	if (len == 0)
		diags_add(d, D_RUN_LABEL, NULL, 0, 0, "empty label: '%s'", shown);
	else if (rc < 0)
		diags_add(d, D_RUN_LABEL, NULL, 0, 0, "label is not UTF-8 "
		    "(byte %zu): '%s'", bad + 1, shown);
	else if (rc > 0)
		diags_add(d, D_RUN_LABEL, NULL, 0, 0, "label holds a control or "
		    "invisible character, U+%04X at byte %zu", (unsigned)cp,
		    bad + 1);
	else if (len > HISTORY_MAX_LABEL)
		diags_add(d, D_RUN_LABEL, NULL, 0, 0, "label is %zu bytes long, "
		    "at most %d", len, HISTORY_MAX_LABEL);
	else
		return 0;
	return -1;
}

/* Reads exactly ndigits digits at *s into *v, advancing; -1 otherwise. */
static int
date_digits(const char **s, int ndigits, long long *v)
{
	int i;

	*v = 0;
	for (i = 0; i < ndigits; i++) {
		if ((*s)[i] < '0' || (*s)[i] > '9')
			return -1;
		*v = *v * 10 + ((*s)[i] - '0');
	}
	*s += ndigits;
	return 0;
}

/* Reads c at *s, advancing; -1 otherwise. */
static int
date_char(const char **s, char c)
{
	if (**s != c)
		return -1;
	(*s)++;
	return 0;
}

/* " HH:MM" or " HH:MM:SS" (or with 'T'), if there; adds it to *key. */
static int
date_time(const char **s, long long *key)
{
	long long h = 0, mi = 0, sec = 0;

	if ((**s == ' ' || **s == 'T') && (*s)[1] >= '0' && (*s)[1] <= '9') {
		(*s)++;
		if (date_digits(s, 2, &h) < 0 || date_char(s, ':') < 0 ||
		    date_digits(s, 2, &mi) < 0)
			return -1;
		if (**s == ':' && (date_char(s, ':') < 0 ||
		    date_digits(s, 2, &sec) < 0))
			return -1;
	}
	if (h > 23 || mi > 59 || sec > 59)
		return -1;
	*key = ((*key * 100 + h) * 100 + mi) * 100 + sec;
	return 0;
}

/* Days in month mo of year y (Gregorian). */
static long long
date_days(long long y, long long mo)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return days[mo - 1] + (mo == 2 && leap);
}

int
history_date_key(const char *date, long long *key)
{
	const char *s = date;
	long long y, mo, dd, k;

	if (date_digits(&s, 4, &y) < 0 || date_char(&s, '-') < 0 ||
	    date_digits(&s, 2, &mo) < 0 || date_char(&s, '-') < 0 ||
	    date_digits(&s, 2, &dd) < 0 || mo < 1 || mo > 12 || dd < 1 ||
	    dd > date_days(y, mo))
		return -1;
	k = (y * 100 + mo) * 100 + dd;
	if (date_time(&s, &k) < 0)
		return -1;
	if (strcmp(s, " UTC") != 0 && strcmp(s, "Z") != 0 && *s != '\0')
		return -1;
	*key = k;
	return 0;
}

struct dated {
	long long key;
	size_t given;
};

static int
dated_cmp(const void *a, const void *b)
{
	const struct dated *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->given < y->given ? -1 : x->given > y->given;
}

int
history_order_runs(const char *const *dates, size_t n,
    enum history_order how, size_t *order)
{
	struct dated *v = xcalloc(n + 1, sizeof(*v));
	size_t i;
	int all = 1;

	for (i = 0; i < n; i++) {
		v[i].given = i;
		if (dates[i] == NULL || history_date_key(dates[i], &v[i].key) < 0)
			all = 0;
	}
	if (how == HISTORY_ORDER_DATE && !all) {
		free(v);
		return -1;
	}
	if (how != HISTORY_ORDER_ARGS && all)
		qsort(v, n, sizeof(*v), dated_cmp);
	for (i = 0; i < n; i++)
		order[i] = v[i].given;
	free(v);
	return how != HISTORY_ORDER_ARGS && all;
}

/* The value of key in m's machine lines (case-insensitive key), or NULL. */
static const char *
meta_value(const struct model *m, const char *key)
{
	size_t i;

	for (i = 0; i < m->nmeta; i++)
		if (strcasecmp(m->meta[i].key, key) == 0)
			return m->meta[i].value;
	return NULL;
}

/* The machine description of m: its machine keys that are present, "; "-separated. */
static char *
machine_desc(const struct model *m)
{
	char *s = xstrdup(""), *next;
	size_t i;

	for (i = 0; i < NMACHINE_KEYS; i++) {
		const char *v = meta_value(m, machine_keys[i]);

		next = xasprintf("%s%s%s: %s", s, *s ? "; " : "",
		    machine_keys[i], v ? v : "(none)");
		free(s);
		s = next;
	}
	return s;
}

/* Labels from in, checked; -1 after a diagnostic. */
static int
history_labels(struct history_run *runs, const struct history_input *in,
    size_t n, struct diags *d)
{
	size_t i, j;
	int rc = 0;

	for (i = 0; i < n; i++) {
		const char *date = meta_value(in[i].model, "Benchmark Date");

		runs[i].date = date;
		runs[i].label = xstrdup(in[i].label ? in[i].label :
		    date ? date : in[i].model->inputs[0].name);
		if (history_check_label(runs[i].label, in[i].path, d) < 0)
			rc = -1;
	}
	for (i = 0; rc == 0 && i < n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(runs[i].label, runs[j].label) == 0) {
				diags_add(d, D_DUPLICATE_LABEL, NULL, 0, 0,
				    "'%s' for %s and %s (give LABEL=FILE)",
				    runs[i].label, in[j].path, in[i].path);
				rc = -1;
				break;
			}
	return rc;
}

/* The runs of in (labelled as given, in place) put in history order into h. */
static int
history_sort(struct history *h, struct history_run *given,
    enum history_order how, struct diags *d)
{
	const char **dates = xcalloc(h->nruns, sizeof(*dates));
	size_t *order = xcalloc(h->nruns, sizeof(*order)), i;
	int rc;

	for (i = 0; i < h->nruns; i++)
		dates[i] = given[i].date;
	rc = history_order_runs(dates, h->nruns, how, order);
	if (rc < 0) {
		for (i = 0; i < h->nruns; i++)
			if (dates[i] == NULL ||
			    history_date_key(dates[i], &(long long){ 0 }) < 0)
				break;
		diags_add(d, D_NO_DATE, NULL, 0, 0, "%s: '%s'", given[i].path,
		    dates[i] ? dates[i] : "(no '# Benchmark Date' line)");
	} else {
		for (i = 0; i < h->nruns; i++)
			h->runs[i] = given[order[i]];
		h->by_date = rc;
	}
	free(dates);
	free(order);
	return rc < 0 ? -1 : 0;
}

/* Groups the runs by machine; warns when there is more than one. */
static void
history_machines(struct history *h, struct diags *d)
{
	char *desc, *keys = NULL;
	size_t i, j;

	for (i = 0; i < h->nruns; i++) {
		desc = machine_desc(h->runs[i].model);
		for (j = 0; j < h->nmachines; j++)
			if (strcmp(h->machines[j].desc, desc) == 0)
				break;
		if (j == h->nmachines) {
			h->machines = xrealloc(h->machines,
			    (j + 1) * sizeof(*h->machines));
			h->machines[j].desc = desc;
			h->machines[j].nruns = 0;
			h->nmachines++;
		} else
			free(desc);
		h->runs[i].machine = j;
		h->machines[j].nruns++;
	}
	if (h->nmachines < 2)
		return;
	for (i = 0; i < NMACHINE_KEYS; i++) {
		const char *first = meta_value(h->runs[0].model, machine_keys[i]);

		for (j = 1; j < h->nruns; j++) {
			const char *v = meta_value(h->runs[j].model, machine_keys[i]);

			if ((v == NULL) != (first == NULL) ||
			    (v != NULL && strcmp(v, first) != 0))
				break;
		}
		if (j < h->nruns) {
			desc = xasprintf("%s%s%s", keys ? keys : "", keys ? ", " :
			    "", machine_keys[i]);
			free(keys);
			keys = desc;
		}
	}
	diags_add(d, D_RUNS_MACHINES, NULL, 0, 0, "%zu machines, %s differ%s",
	    h->nmachines, keys ? keys : "?",
	    keys && strchr(keys, ',') == NULL ? "s" : "");
	free(keys);
}

/* The gadget called name in h, added when new; its index. */
static size_t
history_gadget(struct history *h, const char *name)
{
	size_t i;

	for (i = 0; i < h->ngadgets; i++)
		if (strcmp(h->gadgets[i].name, name) == 0)
			return i;
	h->gadgets = xrealloc(h->gadgets, (i + 1) * sizeof(*h->gadgets));
	h->gadgets[i].name = xstrdup(name);
	h->gadgets[i].cost = xcalloc(h->nruns * METRIC__MAX,
	    sizeof(*h->gadgets[i].cost));
	h->ngadgets++;
	return i;
}

/* The gadgets over the ordered runs, with each run's cost model. */
static void
history_gadgets(struct history *h)
{
	size_t r, i, g;

	for (r = 0; r < h->nruns; r++) {
		const struct model *m = h->runs[r].model;

		for (i = 0; i < m->ngadgets; i++) {
			g = history_gadget(h, m->gadgets[i].name);
			memcpy(&h->gadgets[g].cost[r * METRIC__MAX],
			    m->gadgets[i].cost, sizeof(m->gadgets[i].cost));
		}
	}
}

/* The index of rate in g's rates, or -1. */
static long
rate_index(const struct model_gadget *g, double rate)
{
	size_t i;

	for (i = 0; i < g->nrates; i++)
		if (g->rates[i] == rate)
			return (long)i;
	return -1;
}

/* Run r's value of gadget name, case c, rate and metric m. */
static struct history_point
history_point_of(const struct model *run, const char *name,
    enum history_case c, double rate, enum metric m, double level)
{
	const struct model_gadget *g = model_find_gadget(run, name);
	struct history_point p = { 0, 0, 0.0, 0.0, 0.0, 0.0 };
	long at = g ? rate_index(g, rate) : -1;
	int s;

	if (at < 0)
		return p;
	if (c == HISTORY_OVERHEAD) {
		const struct model_delta *o = &g->overhead[at].m[m];

		if (o->defined) {
			p.defined = 1;
			p.mean = o->delta;
			p.half = o->half;
			p.se = o->df > 0.0 ? o->half / stats_t_quantile((1.0 +
			    level) / 2.0, o->df) : 0.0;
		}
		return p;
	}
	s = c == HISTORY_BASELINE ? g->baseline : g->ig;
	if (s >= 0 && g->series[s].cells[at].m[m].n > 0) {
		const struct model_stat *st = &g->series[s].cells[at].m[m];

		p.defined = 1;
		p.n = st->n;
		p.mean = st->mean;
		p.sd = st->sd;
		p.half = st->half;
		p.se = st->n > 1 ? st->sd / sqrt((double)st->n) : 0.0;
	}
	return p;
}

/* Appends the series of gadget g, case c, rate and metric m when some run has a value. */
static void
history_add_series(struct history *h, size_t *cap, size_t g,
    enum history_case c, double rate, enum metric m)
{
	struct history_series s;
	size_t r;

	s.gadget = g;
	s.tcase = c;
	s.rate = rate;
	s.metric = m;
	s.ndefined = 0;
	s.points = xcalloc(h->nruns, sizeof(*s.points));
	for (r = 0; r < h->nruns; r++) {
		s.points[r] = history_point_of(h->runs[r].model,
		    h->gadgets[g].name, c, rate, m, h->level);
		s.ndefined += (size_t)s.points[r].defined;
	}
	if (s.ndefined == 0) {
		free(s.points);
		return;
	}
	xgrow((void **)&h->series, cap, h->nseries + 1, sizeof(*h->series));
	h->series[h->nseries++] = s;
}

/* Every rate of gadget g in any run, ascending; their count. */
static size_t
history_rates(const struct history *h, size_t g, double **out)
{
	double *all = NULL, *next;
	size_t r, n = 0;

	for (r = 0; r < h->nruns; r++) {
		const struct model_gadget *mg =
		    model_find_gadget(h->runs[r].model, h->gadgets[g].name);
		struct model_gadget acc = { 0 };

		if (mg == NULL)
			continue;
		acc.rates = all;
		acc.nrates = n;
		n = model_union_rates(&acc, mg, &next);
		free(all);
		all = next;
	}
	*out = all;
	return n;
}

static void
history_build_series(struct history *h)
{
	size_t g, i, cap = 0;
	double *rates;
	int c, m;

	for (g = 0; g < h->ngadgets; g++) {
		size_t nrates = history_rates(h, g, &rates);

		for (c = 0; c < HISTORY_CASE__MAX; c++)
			for (i = 0; i < nrates; i++)
				for (m = 0; m < METRIC__MAX; m++)
					if (c != HISTORY_OVERHEAD ||
					    m == METRIC_CPU || m == METRIC_MEM)
						history_add_series(h, &cap, g,
						    (enum history_case)c,
						    rates[i], (enum metric)m);
		free(rates);
	}
}

/* Warns once about the series that lack a value in a run of their machine that has others. */
static void
history_gaps(const struct history *h, struct diags *d)
{
	const struct history_series *first = NULL;
	size_t i, r, n = 0, firstrun = 0;

	for (i = 0; i < h->nseries; i++) {
		const struct history_series *s = &h->series[i];

		for (r = 0; r < h->nruns; r++)
			if (!s->points[r].defined)
				break;
		if (r == h->nruns)
			continue;
		if (first == NULL) {
			first = s;
			firstrun = r;
		}
		n++;
	}
	if (first == NULL)
		return;
	diags_add(d, D_TREND_GAPS, NULL, 0, 0, "%zu of %zu series, the first "
	    "%s %s %g %s in %s", n, h->nseries, h->gadgets[first->gadget].name,
	    history_case_name(first->tcase), first->rate,
	    metric_name(first->metric), h->runs[firstrun].label);
}

struct history *
history_new(struct history_input *in, size_t n, enum history_order how,
    double level, struct diags *d)
{
	struct history *h = xcalloc(1, sizeof(*h));
	struct history_run *given = xcalloc(n, sizeof(*given));
	size_t i;
	int rc;

	h->level = level;
	h->nruns = n;
	h->runs = xcalloc(n, sizeof(*h->runs));
	for (i = 0; i < n; i++) {
		given[i].model = in[i].model;
		given[i].path = in[i].path;
		given[i].given = i;
	}
	rc = history_labels(given, in, n, d);
	if (rc == 0)
		rc = history_sort(h, given, how, d);
	if (rc < 0) {
		memcpy(h->runs, given, n * sizeof(*given));
		free(given);
		history_free(h);
		return NULL;
	}
	free(given);
	history_machines(h, d);
	history_gadgets(h);
	history_build_series(h);
	history_gaps(h, d);
	return h;
}

const struct history_series *
history_find(const struct history *h, size_t g, enum history_case c,
    double rate, enum metric m)
{
	size_t i;

	for (i = 0; i < h->nseries; i++)
		if (h->series[i].gadget == g && h->series[i].tcase == c &&
		    h->series[i].rate == rate && h->series[i].metric == m)
			return &h->series[i];
	return NULL;
}

void
history_free(struct history *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->nruns; i++) {
		free(h->runs[i].label);
		model_free(h->runs[i].model);
	}
	for (i = 0; i < h->nmachines; i++)
		free(h->machines[i].desc);
	for (i = 0; i < h->ngadgets; i++) {
		free(h->gadgets[i].name);
		free(h->gadgets[i].cost);
	}
	for (i = 0; i < h->nseries; i++)
		free(h->series[i].points);
	free(h->runs);
	free(h->machines);
	free(h->gadgets);
	free(h->series);
	free(h);
}
