/* SPDX-License-Identifier: Apache-2.0 */
/* Streaming aggregation: Welford accumulators per (gadget, case, rate), then the report model. */
#include "aggregate.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cost.h"
#include "format.h"
#include "stats.h"
#include "xalloc.h"

/* Cells of fewer runs than this share one t factor per run count. */
#define AGG_CI_TS 64

struct agg_gadget {
	char *name;
	size_t len;
	uint64_t hash;
	char **cases;
	size_t *case_len;
	size_t ncases, capcases, capcaselen;
};

struct agg_group {
	size_t gadget;
	size_t tcase;
	double rate;
	unsigned long rows;
	struct welford w[METRIC__MAX];
	struct aggregate_origin origin;
	double *runs;      /* rows * METRIC__MAX values while rows <= MODEL_MAX_RUNS, else NULL */
	size_t capruns;    /* rows room in runs */
};

struct aggregate {
	double level;
	unsigned metrics;
	int has_run;
	int limit_reported;
	struct agg_gadget *gadgets;
	size_t ngadgets, capgadgets;
	size_t *gadget_slots; /* open addressing: gadget index + 1, 0 = empty */
	size_t ngadget_slots;
	struct agg_group *groups;
	size_t ngroups, capgroups;
	size_t *group_slots;  /* open addressing: group index + 1, 0 = empty */
	size_t ngroup_slots;
	size_t last;          /* last group used + 1: rows come in runs */
	struct model_meta *meta;
	size_t nmeta, capmeta;
	struct model_input *inputs;
	size_t ninputs, capinputs;
	struct model_raw_row *raw;
	size_t nraw, capraw;
	unsigned long total_rows;
	const char *label;    /* "OLD", "NEW" or NULL, not owned */
	/* stats_ci_t at level for n < AGG_CI_TS (0: not yet): every cell of n runs shares it. */
	double ci_t[AGG_CI_TS];
};

static uint64_t
hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static uint64_t
hash_group(size_t gadget, size_t tcase, double rate)
{
	uint64_t bits;

	memcpy(&bits, &rate, sizeof(bits));
	bits ^= (uint64_t)gadget * 0x9E3779B97F4A7C15ULL;
	bits ^= (uint64_t)tcase * 0xC2B2AE3D27D4EB4FULL;
	bits ^= bits >> 31;
	bits *= 0xBF58476D1CE4E5B9ULL;
	return bits ^ (bits >> 29);
}

struct aggregate *
aggregate_new(double level)
{
	struct aggregate *a = xcalloc(1, sizeof(*a));

	a->level = level;
	a->ngadget_slots = 64;
	a->gadget_slots = xcalloc(a->ngadget_slots, sizeof(size_t));
	a->ngroup_slots = 256;
	a->group_slots = xcalloc(a->ngroup_slots, sizeof(size_t));
	return a;
}

size_t
aggregate_add_input(struct aggregate *a, const char *path)
{
	struct model_input *in;
	const char *base = strrchr(path, '/');

	xgrow((void **)&a->inputs, &a->capinputs, a->ninputs + 1,
	    sizeof(*a->inputs));
	in = &a->inputs[a->ninputs];
	in->path = xstrdup(path);
	if (strcmp(path, "-") == 0)
		in->name = xstrdup("stdin");
	else
		in->name = xstrdup(base && base[1] ? base + 1 : path);
	return a->ninputs++;
}

void
aggregate_add_meta(struct aggregate *a, const char *key, const char *value)
{
	size_t i;

	for (i = 0; i < a->nmeta; i++)
		if (strcmp(a->meta[i].key, key) == 0 &&
		    strcmp(a->meta[i].value, value) == 0)
			return;
	xgrow((void **)&a->meta, &a->capmeta, a->nmeta + 1, sizeof(*a->meta));
	a->meta[a->nmeta].key = xstrdup(key);
	a->meta[a->nmeta].value = xstrdup(value);
	a->nmeta++;
}

void
aggregate_note_columns(struct aggregate *a, unsigned metrics, int has_run)
{
	a->metrics |= metrics;
	a->has_run |= has_run;
}

static void
rehash(size_t **slots, size_t *nslots, size_t count,
    uint64_t (*hash_of)(const struct aggregate *, size_t),
    const struct aggregate *a)
{
	size_t n = *nslots * 2, i, j;
	size_t *s = xcalloc(n, sizeof(size_t));

	for (i = 0; i < count; i++) {
		for (j = (size_t)(hash_of(a, i) & (n - 1)); s[j];
		    j = (j + 1) & (n - 1))
			;
		s[j] = i + 1;
	}
	free(*slots);
	*slots = s;
	*nslots = n;
}

static uint64_t
gadget_hash_of(const struct aggregate *a, size_t i)
{
	return a->gadgets[i].hash;
}

static uint64_t
group_hash_of(const struct aggregate *a, size_t i)
{
	const struct agg_group *g = &a->groups[i];

	return hash_group(g->gadget, g->tcase, g->rate);
}

/* Index of the gadget named s, created if new; -1 past the limit. */
static long
find_gadget(struct aggregate *a, const char *s, size_t len)
{
	uint64_t h = hash_bytes(s, len);
	size_t mask = a->ngadget_slots - 1, j;
	struct agg_gadget *g;

	for (j = (size_t)(h & mask); a->gadget_slots[j]; j = (j + 1) & mask) {
		g = &a->gadgets[a->gadget_slots[j] - 1];
		if (g->hash == h && g->len == len && memcmp(g->name, s, len) == 0)
			return (long)(a->gadget_slots[j] - 1);
	}
	if (a->ngadgets >= AGGREGATE_MAX_GADGETS)
		return -1;
	xgrow((void **)&a->gadgets, &a->capgadgets, a->ngadgets + 1,
	    sizeof(*a->gadgets));
	g = &a->gadgets[a->ngadgets];
	memset(g, 0, sizeof(*g));
	g->name = xstrndup(s, len);
	g->len = len;
	g->hash = h;
	a->gadget_slots[j] = ++a->ngadgets;
	if (a->ngadgets * 2 > a->ngadget_slots)
		rehash(&a->gadget_slots, &a->ngadget_slots, a->ngadgets,
		    gadget_hash_of, a);
	return (long)(a->ngadgets - 1);
}

/* Index of the case named s within gadget g, created if new; -1 past the limit. */
static long
find_case(struct agg_gadget *g, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < g->ncases; i++)
		if (g->case_len[i] == len && memcmp(g->cases[i], s, len) == 0)
			return (long)i;
	if (g->ncases >= AGGREGATE_MAX_CASES)
		return -1;
	xgrow((void **)&g->cases, &g->capcases, g->ncases + 1,
	    sizeof(*g->cases));
	xgrow((void **)&g->case_len, &g->capcaselen, g->ncases + 1,
	    sizeof(*g->case_len));
	g->cases[g->ncases] = xstrndup(s, len);
	g->case_len[g->ncases] = len;
	return (long)g->ncases++;
}

static struct agg_group *
find_group(struct aggregate *a, size_t gadget, size_t tcase, double rate,
    const struct aggregate_origin *origin)
{
	size_t mask = a->ngroup_slots - 1, j;
	struct agg_group *g;

	for (j = (size_t)(hash_group(gadget, tcase, rate) & mask);
	    a->group_slots[j]; j = (j + 1) & mask) {
		g = &a->groups[a->group_slots[j] - 1];
		if (g->gadget == gadget && g->tcase == tcase && g->rate == rate) {
			a->last = a->group_slots[j];
			return g;
		}
	}
	if (a->ngroups >= AGGREGATE_MAX_GROUPS)
		return NULL;
	xgrow((void **)&a->groups, &a->capgroups, a->ngroups + 1,
	    sizeof(*a->groups));
	g = &a->groups[a->ngroups];
	memset(g, 0, sizeof(*g));
	g->gadget = gadget;
	g->tcase = tcase;
	g->rate = rate;
	g->origin = *origin;
	a->group_slots[j] = ++a->ngroups;
	a->last = a->ngroups;
	if (a->ngroups * 2 > a->ngroup_slots)
		rehash(&a->group_slots, &a->ngroup_slots, a->ngroups,
		    group_hash_of, a);
	return g;
}

/* The file name diagnostics show for an input. */
static const char *
input_file(const struct aggregate *a, size_t input)
{
	return strcmp(a->inputs[input].path, "-") == 0 ? "<stdin>" :
	    a->inputs[input].path;
}

static int
too_many(struct aggregate *a, const char *what,
    const struct aggregate_origin *origin, struct diags *d)
{
	if (!a->limit_reported)
		diags_add(d, D_TOO_MANY_GROUPS, input_file(a, origin->input),
		    origin->line, 0, "more than %s", what);
	a->limit_reported = 1;
	return -1;
}

/* Baseline, IG, BASELINE...: the two cases the report knows, in one spelling. */
static const char *
canonical_case(const char *s, size_t len)
{
	if (len == 8 && strncasecmp(s, "baseline", 8) == 0)
		return "baseline";
	if (len == 2 && strncasecmp(s, "ig", 2) == 0)
		return "ig";
	return s;
}

/* Keeps row's values while the group has at most MODEL_MAX_RUNS rows (g->rows counts it). */
static void
keep_run(struct agg_group *g, const double value[METRIC__MAX], unsigned present)
{
	double *row;
	int m;

	if (g->rows > MODEL_MAX_RUNS) {
		free(g->runs);
		g->runs = NULL;
		return;
	}
	if (g->rows > g->capruns) {
		g->capruns = g->capruns ? 2 * g->capruns : 4;
		if (g->capruns > MODEL_MAX_RUNS)
			g->capruns = MODEL_MAX_RUNS;
		g->runs = xrealloc(g->runs, g->capruns * METRIC__MAX *
		    sizeof(*g->runs));
	}
	row = g->runs + (g->rows - 1) * METRIC__MAX;
	for (m = 0; m < METRIC__MAX; m++)
		row[m] = present & (1u << m) ? value[m] : NAN;
}

int
aggregate_add(struct aggregate *a, const char *gadget, size_t glen,
    const char *tcase, size_t clen, double rate,
    const double value[METRIC__MAX], unsigned present,
    const struct aggregate_origin *origin, struct diags *d)
{
	struct agg_group *g = NULL;
	long gi, ci;
	int m;

	tcase = canonical_case(tcase, clen);
	if (rate == 0)
		rate = 0; /* one group for 0 and -0 */
	a->total_rows++;
	if (a->last) {
		struct agg_group *l = &a->groups[a->last - 1];
		struct agg_gadget *lg = &a->gadgets[l->gadget];

		if (l->rate == rate && lg->len == glen &&
		    memcmp(lg->name, gadget, glen) == 0 &&
		    lg->case_len[l->tcase] == clen &&
		    memcmp(lg->cases[l->tcase], tcase, clen) == 0)
			g = l;
	}
	if (g == NULL) {
		if ((gi = find_gadget(a, gadget, glen)) < 0)
			return too_many(a, "10000 gadgets", origin, d);
		if ((ci = find_case(&a->gadgets[gi], tcase, clen)) < 0)
			return too_many(a, "100 cases in one gadget", origin, d);
		g = find_group(a, (size_t)gi, (size_t)ci, rate, origin);
		if (g == NULL)
			return too_many(a, "200000 gadget/case/rate groups",
			    origin, d);
	}
	g->rows++;
	for (m = 0; m < METRIC__MAX; m++)
		if (present & (1u << m))
			welford_add(&g->w[m], value[m]);
	if (g->rows <= MODEL_MAX_RUNS + 1)
		keep_run(g, value, present);
	return 0;
}

void
aggregate_add_again(struct aggregate *a, const double value[METRIC__MAX],
    unsigned present)
{
	struct agg_group *g = &a->groups[a->last - 1];
	int m;

	a->total_rows++;
	g->rows++;
	for (m = 0; m < METRIC__MAX; m++)
		if (present & (1u << m))
			welford_add(&g->w[m], value[m]);
	if (g->rows <= MODEL_MAX_RUNS + 1)
		keep_run(g, value, present);
}

int
aggregate_wants_raw(const struct aggregate *a)
{
	return a->nraw < MODEL_RAW_MAX;
}

void
aggregate_add_raw(struct aggregate *a, const char *const cell[RAW__MAX],
    size_t input)
{
	struct model_raw_row *r;
	int i;

	if (a->nraw >= MODEL_RAW_MAX)
		return;
	xgrow((void **)&a->raw, &a->capraw, a->nraw + 1, sizeof(*a->raw));
	r = &a->raw[a->nraw++];
	for (i = 0; i < RAW__MAX; i++)
		r->cell[i] = xstrdup(cell[i] ? cell[i] : "");
	r->input = input;
}

static int
compare_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

static size_t
rate_index(const struct model_gadget *mg, double rate)
{
	const double *p = bsearch(&rate, mg->rates, mg->nrates,
	    sizeof(*mg->rates), compare_double);

	return (size_t)(p - mg->rates);
}

/* Series order: baseline, ig, then the other cases by first appearance. */
static void
build_series(struct model_gadget *mg, const struct agg_gadget *ag,
    size_t *series_of_case)
{
	size_t i, k = 0;
	int pass;

	mg->series = xcalloc(ag->ncases, sizeof(*mg->series));
	mg->baseline = mg->ig = -1;
	for (pass = 0; pass < 3; pass++) {
		for (i = 0; i < ag->ncases; i++) {
			int is_base = strcmp(ag->cases[i], "baseline") == 0;
			int is_ig = strcmp(ag->cases[i], "ig") == 0;

			if ((pass == 0 && !is_base) || (pass == 1 && !is_ig) ||
			    (pass == 2 && (is_base || is_ig)))
				continue;
			if (is_base)
				mg->baseline = (int)k;
			if (is_ig)
				mg->ig = (int)k;
			mg->series[k].name = xstrdup(ag->cases[i]);
			mg->series[k].cells = xcalloc(mg->nrates,
			    sizeof(*mg->series[k].cells));
			series_of_case[i] = k++;
		}
	}
	mg->nseries = k;
}

/* The t factor of a confidence interval over n values, computed once per n. */
static double
ci_t(struct aggregate *a, unsigned long n)
{
	if (n >= AGG_CI_TS)
		return stats_ci_t(n, a->level);
	if (a->ci_t[n] == 0.0)
		a->ci_t[n] = stats_ci_t(n, a->level);
	return a->ci_t[n];
}

static void
fill_cell(struct aggregate *a, struct model_cell *cell,
    const struct agg_group *g)
{
	int m;

	cell->rows = g->rows;
	if (g->runs != NULL && g->rows <= MODEL_MAX_RUNS) {
		cell->nruns = g->rows;
		cell->runs = xcalloc(cell->nruns * METRIC__MAX, sizeof(*cell->runs));
		memcpy(cell->runs, g->runs, cell->nruns * METRIC__MAX *
		    sizeof(*cell->runs));
	}
	for (m = 0; m < METRIC__MAX; m++) {
		const struct welford *w = &g->w[m];

		if (w->n == 0)
			continue;
		cell->m[m].n = w->n;
		cell->m[m].mean = w->mean;
		cell->m[m].sd = welford_sd(w);
		cell->m[m].half = stats_ci_scale(w->n, cell->m[m].sd,
		    ci_t(a, w->n));
	}
}

static void
build_overhead(struct model_gadget *mg, double level)
{
	static const enum metric which[] = { METRIC_CPU, METRIC_MEM };
	size_t r, k;

	mg->overhead = xcalloc(mg->nrates, sizeof(*mg->overhead));
	if (mg->baseline < 0 || mg->ig < 0)
		return;
	for (r = 0; r < mg->nrates; r++) {
		const struct model_cell *b = &mg->series[mg->baseline].cells[r];
		const struct model_cell *i = &mg->series[mg->ig].cells[r];

		for (k = 0; k < sizeof(which) / sizeof(which[0]); k++) {
			const struct model_stat *sb = &b->m[which[k]];
			const struct model_stat *si = &i->m[which[k]];
			struct model_delta *dl = &mg->overhead[r].m[which[k]];
			struct stats_welch w;

			if (sb->n == 0 || si->n == 0)
				continue;
			stats_welch(sb->n, sb->mean, sb->sd, si->n, si->mean,
			    si->sd, level, &w);
			dl->defined = 1;
			dl->delta = w.delta;
			dl->half = w.half;
			dl->df = w.df;
		}
	}
}

static void
warn_one_sided(const struct aggregate *a, const struct model_gadget *mg,
    const struct agg_group *const *by_rate_base,
    const struct agg_group *const *by_rate_ig, struct diags *d)
{
	size_t r;

	for (r = 0; r < mg->nrates; r++) {
		const struct agg_group *g = by_rate_base[r] ? by_rate_base[r] :
		    by_rate_ig[r];
		char rate[FORMAT_EXACT_MAX];

		if ((by_rate_base[r] != NULL) == (by_rate_ig[r] != NULL))
			continue;
		format_exact(rate, mg->rates[r]);
		diags_add(d, D_RATE_ONE_SIDE, input_file(a, g->origin.input),
		    g->origin.line, 0, "%s at %s events/s has no %s rows",
		    mg->name, rate, by_rate_base[r] ? "ig" : "baseline");
	}
}

static void
build_gadget(struct aggregate *a, size_t gi, const size_t *members,
    size_t nmembers, struct model_gadget *mg, struct diags *d)
{
	const struct agg_gadget *ag = &a->gadgets[gi];
	size_t *series_of_case = xcalloc(ag->ncases, sizeof(size_t));
	const struct agg_group **base, **ig;
	size_t i, n = 0;

	mg->name = xstrdup(ag->name);
	mg->rates = xcalloc(nmembers, sizeof(*mg->rates));
	for (i = 0; i < nmembers; i++)
		mg->rates[i] = a->groups[members[i]].rate;
	qsort(mg->rates, nmembers, sizeof(*mg->rates), compare_double);
	for (i = 0; i < nmembers; i++)
		if (n == 0 || mg->rates[n - 1] != mg->rates[i])
			mg->rates[n++] = mg->rates[i];
	mg->nrates = n;
	build_series(mg, ag, series_of_case);

	base = xcalloc(n, sizeof(*base));
	ig = xcalloc(n, sizeof(*ig));
	for (i = 0; i < nmembers; i++) {
		const struct agg_group *g = &a->groups[members[i]];
		size_t s = series_of_case[g->tcase], r = rate_index(mg, g->rate);

		fill_cell(a, &mg->series[s].cells[r], g);
		if ((int)s == mg->baseline)
			base[r] = g;
		else if ((int)s == mg->ig)
			ig[r] = g;
	}
	build_overhead(mg, a->level);
	cost_build(mg, a->level);

	i = members[0];
	if (mg->baseline < 0)
		diags_add(d, D_NO_BASELINE, input_file(a, a->groups[i].origin.input),
		    a->groups[i].origin.line, 0, "%s", mg->name);
	else if (mg->ig < 0)
		diags_add(d, D_NO_IG, input_file(a, a->groups[i].origin.input),
		    a->groups[i].origin.line, 0, "%s", mg->name);
	else
		warn_one_sided(a, mg, base, ig, d);
	free(base);
	free(ig);
	free(series_of_case);
}

static int
wanted(const char *name, const char *const *only, size_t nonly)
{
	size_t i;

	if (nonly == 0)
		return 1;
	for (i = 0; i < nonly; i++)
		if (strcmp(only[i], name) == 0)
			return 1;
	return 0;
}

static void
move_lists(struct aggregate *a, struct model *m)
{
	m->level = a->level;
	m->metrics = a->metrics;
	m->has_run = a->has_run;
	m->meta = a->meta;
	m->nmeta = a->nmeta;
	m->inputs = a->inputs;
	m->ninputs = a->ninputs;
	m->raw = a->raw;
	m->nraw = a->nraw;
	m->total_rows = a->total_rows;
	a->meta = NULL;
	a->inputs = NULL;
	a->raw = NULL;
	a->nmeta = a->ninputs = a->nraw = 0;
}

/*
 * Why no gadget is left: none matched --gadget (then the gadgets there
 * are, so that a typo shows), or no row at all (naming the run if any).
 */
static void
say_empty(const struct aggregate *a, size_t nonly, struct diags *d)
{
	const char *file = a->ninputs ? input_file(a, 0) : NULL;
	char *names = xstrdup(""), *t;
	size_t i;

	if (nonly == 0 || a->ngadgets == 0) {
		if (a->label != NULL)
			diags_add(d, D_NO_DATA, file, 0, 0, "%s has none",
			    a->label);
		else
			diags_add(d, D_NO_DATA, file, 0, 0, NULL);
		free(names);
		return;
	}
	for (i = 0; i < a->ngadgets && i < 10; i++) {
		t = xasprintf("%s%s%s", names, i ? ", " : "", a->gadgets[i].name);
		free(names);
		names = t;
	}
	if (a->ngadgets > 10) {
		t = xasprintf("%s and %zu more", names, a->ngadgets - 10);
		free(names);
		names = t;
	}
	diags_add(d, D_NO_GADGET_MATCHED, file, 0, 0, "the input%s hold%s %s",
	    a->ninputs > 1 ? "s" : "", a->ninputs > 1 ? "" : "s", names);
	free(names);
}

void
aggregate_label(struct aggregate *a, const char *label)
{
	a->label = label;
}

struct model *
aggregate_finish(struct aggregate *a, const char *const *only, size_t nonly,
    struct diags *d)
{
	struct model *m = xcalloc(1, sizeof(*m));
	size_t *start = xcalloc(a->ngadgets + 1, sizeof(size_t));
	size_t *members = xcalloc(a->ngroups, sizeof(size_t));
	size_t *fill = xcalloc(a->ngadgets, sizeof(size_t));
	size_t i;

	/* Bucket the groups by gadget, keeping their order of creation. */
	for (i = 0; i < a->ngroups; i++)
		start[a->groups[i].gadget + 1]++;
	for (i = 0; i < a->ngadgets; i++)
		start[i + 1] += start[i];
	for (i = 0; i < a->ngroups; i++) {
		size_t g = a->groups[i].gadget;

		members[start[g] + fill[g]++] = i;
	}
	m->gadgets = xcalloc(a->ngadgets, sizeof(*m->gadgets));
	for (i = 0; i < a->ngadgets; i++)
		if (start[i + 1] > start[i] &&
		    wanted(a->gadgets[i].name, only, nonly))
			build_gadget(a, i, members + start[i],
			    start[i + 1] - start[i], &m->gadgets[m->ngadgets++], d);
	for (i = 0; i < nonly; i++) {
		size_t g;

		for (g = 0; g < m->ngadgets; g++)
			if (strcmp(m->gadgets[g].name, only[i]) == 0)
				break;
		if (g == m->ngadgets)
			diags_add(d, D_GADGET_NOT_FOUND, NULL, 0, 0, "%s", only[i]);
	}
	if (m->ngadgets == 0)
		say_empty(a, nonly, d);
	move_lists(a, m);
	free(start);
	free(members);
	free(fill);
	aggregate_free(a);
	if (m->ngadgets == 0) {
		model_free(m);
		return NULL;
	}
	return m;
}

struct aggregate *
aggregate_new_part(const struct aggregate *a)
{
	struct aggregate *part = aggregate_new(a->level);
	size_t i;

	for (i = 0; i < a->ninputs; i++)
		aggregate_add_input(part, a->inputs[i].path);
	return part;
}

static size_t
most_cases(const struct aggregate *a)
{
	size_t i, most = 0;

	for (i = 0; i < a->ngadgets; i++)
		if (a->gadgets[i].ncases > most)
			most = a->gadgets[i].ncases;
	return most;
}

int
aggregate_merge_fits(const struct aggregate *a,
    const struct aggregate *const *parts, size_t nparts)
{
	size_t gadgets = a->ngadgets, groups = a->ngroups, cases = most_cases(a);
	size_t i;

	for (i = 0; i < nparts; i++) {
		gadgets += parts[i]->ngadgets;
		groups += parts[i]->ngroups;
		cases += most_cases(parts[i]);
	}
	return gadgets <= AGGREGATE_MAX_GADGETS && groups <= AGGREGATE_MAX_GROUPS &&
	    cases <= AGGREGATE_MAX_CASES && !a->limit_reported;
}

/* Moves part's raw rows after a's, up to MODEL_RAW_MAX. */
static void
merge_raw(struct aggregate *a, struct aggregate *part)
{
	size_t i, j;

	for (i = 0; i < part->nraw; i++) {
		if (a->nraw >= MODEL_RAW_MAX) {
			for (j = 0; j < RAW__MAX; j++)
				free(part->raw[i].cell[j]);
			continue;
		}
		xgrow((void **)&a->raw, &a->capraw, a->nraw + 1, sizeof(*a->raw));
		a->raw[a->nraw++] = part->raw[i];
	}
	part->nraw = 0;
}

/* Appends part's kept rows to g's (part's rows came later), before g->rows grows. */
static void
merge_runs(struct agg_group *g, const struct agg_group *pg)
{
	size_t rows = g->rows + pg->rows;

	if (rows > MODEL_MAX_RUNS || (g->rows > 0 && g->runs == NULL) ||
	    (pg->rows > 0 && pg->runs == NULL)) {
		free(g->runs);
		g->runs = NULL;
		return;
	}
	if (rows > g->capruns) {
		g->capruns = rows;
		g->runs = xrealloc(g->runs, g->capruns * METRIC__MAX *
		    sizeof(*g->runs));
	}
	if (pg->rows > 0)
		memcpy(g->runs + g->rows * METRIC__MAX, pg->runs,
		    pg->rows * METRIC__MAX * sizeof(*g->runs));
}

void
aggregate_merge(struct aggregate *a, struct aggregate *part,
    unsigned long line_offset)
{
	size_t **case_map = xcalloc(part->ngadgets + 1, sizeof(*case_map));
	size_t *gadget_map = xcalloc(part->ngadgets + 1, sizeof(size_t));
	size_t i, c;
	int m;

	for (i = 0; i < part->ngadgets; i++) {
		const struct agg_gadget *pg = &part->gadgets[i];

		gadget_map[i] = (size_t)find_gadget(a, pg->name, pg->len);
		case_map[i] = xcalloc(pg->ncases + 1, sizeof(size_t));
		for (c = 0; c < pg->ncases; c++)
			case_map[i][c] = (size_t)find_case(&a->gadgets[gadget_map[i]],
			    pg->cases[c], pg->case_len[c]);
	}
	for (i = 0; i < part->ngroups; i++) {
		const struct agg_group *pg = &part->groups[i];
		struct aggregate_origin origin = pg->origin;
		struct agg_group *g;

		origin.line += line_offset;
		g = find_group(a, gadget_map[pg->gadget],
		    case_map[pg->gadget][pg->tcase], pg->rate, &origin);
		merge_runs(g, pg);
		g->rows += pg->rows;
		for (m = 0; m < METRIC__MAX; m++)
			welford_merge(&g->w[m], &pg->w[m]);
	}
	a->total_rows += part->total_rows;
	a->last = 0;
	merge_raw(a, part);
	for (i = 0; i < part->ngadgets; i++)
		free(case_map[i]);
	free(case_map);
	free(gadget_map);
	aggregate_free(part);
}

void
aggregate_free(struct aggregate *a)
{
	size_t i, j;

	if (a == NULL)
		return;
	for (i = 0; i < a->ngadgets; i++) {
		for (j = 0; j < a->gadgets[i].ncases; j++)
			free(a->gadgets[i].cases[j]);
		free(a->gadgets[i].cases);
		free(a->gadgets[i].case_len);
		free(a->gadgets[i].name);
	}
	free(a->gadgets);
	free(a->gadget_slots);
	for (i = 0; i < a->ngroups; i++)
		free(a->groups[i].runs);
	free(a->groups);
	free(a->group_slots);
	for (i = 0; i < a->nmeta; i++) {
		free(a->meta[i].key);
		free(a->meta[i].value);
	}
	free(a->meta);
	for (i = 0; i < a->ninputs; i++) {
		free(a->inputs[i].path);
		free(a->inputs[i].name);
	}
	free(a->inputs);
	for (i = 0; i < a->nraw; i++)
		for (j = 0; j < RAW__MAX; j++)
			free(a->raw[i].cell[j]);
	free(a->raw);
	free(a);
}
