/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for compare.c (Welch p-values against scipy, tests/data/compare) and the comparison as Markdown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "aggregate.h"
#include "compare.h"
#include "fixture.h"
#include "produce.h"
#include "render_md.h"
#include "results.h"
#include "stats.h"
#include "xalloc.h"

#define ALL_METRICS ((1u << METRIC__MAX) - 1)

static const struct compare_options defaults = { 0.05, 5.0, 0.95,
	COMPARE_CORRECTION_NONE };

struct row {
	const char *gadget;
	const char *tcase;
	double rate;
	double v[METRIC__MAX];
};

static struct model *
build(const struct row *rows, size_t n, unsigned metrics,
    const char *const *meta)
{
	static const struct aggregate_origin origin = { 0, 2 };
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	struct model *m;
	size_t i;

	aggregate_add_input(a, "run.csv");
	aggregate_note_columns(a, metrics, 1);
	for (i = 0; meta && meta[i]; i += 2)
		aggregate_add_meta(a, meta[i], meta[i + 1]);
	for (i = 0; i < n; i++)
		aggregate_add(a, rows[i].gadget, strlen(rows[i].gadget),
		    rows[i].tcase, strlen(rows[i].tcase), rows[i].rate,
		    rows[i].v, metrics, &origin, &d);
	m = aggregate_finish(a, NULL, 0, &d);
	assert_non_null(m);
	diags_free(&d);
	return m;
}

static struct model_stat
stat_of(const double *x, size_t n)
{
	struct welford w = { 0, 0.0, 0.0 };
	struct model_stat s;
	size_t i;

	for (i = 0; i < n; i++)
		welford_add(&w, x[i]);
	s.n = w.n;
	s.mean = w.mean;
	s.sd = welford_sd(&w);
	s.half = stats_ci_half(w.n, s.sd, 0.95);
	return s;
}

static struct model_stat
stat3(double a, double b, double c)
{
	const double x[3] = { a, b, c };

	return stat_of(x, 3);
}

/* Reads "N x1 ... xN" from *p into a model_stat. */
static struct model_stat
read_group(char **p)
{
	double x[64];
	unsigned long n = strtoul(*p, p, 10), i;

	assert_true(n > 0 && n <= 64);
	for (i = 0; i < n; i++)
		x[i] = strtod(*p, p);
	return stat_of(x, n);
}

/* scipy.stats.ttest_ind(x, y, equal_var=False) on raw samples, and the four-group overhead test. */
static void
test_p_values_match_scipy(void **state)
{
	char *path = testutil_source_path("tests/data/compare/welch_scipy.txt");
	FILE *f = fopen(path, "r");
	char line[8192], *p;
	struct model_stat g[4];
	struct compare_change ch;
	double want_p, want_df;
	int welch = 0, overhead = 0, i;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "welch ", 6) == 0) {
			want_p = strtod(line + 6, &p);
			g[0] = read_group(&p);
			g[1] = read_group(&p);
			compare_means(&g[0], &g[1], METRIC_CPU, &defaults, &ch);
			assert_close(ch.p, want_p, 1e-9);
			welch++;
		} else if (strncmp(line, "overhead ", 9) == 0) {
			want_p = strtod(line + 9, &p);
			want_df = strtod(p, &p);
			for (i = 0; i < 4; i++)
				g[i] = read_group(&p);
			compare_diff_of_diffs(&g[0], &g[1], &g[2], &g[3],
			    METRIC_CPU, &defaults, &ch);
			assert_close(ch.p, want_p, 1e-9);
			assert_close(ch.df, want_df, 1e-12);
			overhead++;
		}
	}
	fclose(f);
	free(path);
	assert_int_equal(welch, 14);
	assert_int_equal(overhead, 6);
}

/* --- Generated pairs against scipy (scripts/gen-compare-pairs.py) ------- */

/* The model of tests/data/compare/pairs/NAME, read as igreport reads a file. */
static struct model *
pair_model(const char *name)
{
	char *rel = xasprintf("tests/data/compare/pairs/%s", name);
	char *path = testutil_source_path(rel);
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	struct model *m;
	FILE *fp = fopen(path, "r");

	assert_non_null(fp);
	assert_int_equal(results_read(a, path, fp, &d), 0);
	fclose(fp);
	m = aggregate_finish(a, NULL, 0, &d);
	assert_non_null(m);
	assert_int_equal(diags_failed(&d), 0);
	diags_free(&d);
	free(path);
	free(rel);
	return m;
}

/* A number of the reference ("nan" where there is none) against igreport's, within tol. */
static void
pair_check(double got, double want, double tol, const char *what,
    const char *line)
{
	if (isnan(want) != isnan(got) ||
	    (!isnan(want) && !(fabs(got - want) <= tol)))
		fail_msg("%s = %.17g, expected %.17g: %s", what, got, want, line);
}

/*
 * want: DELTA HALF PERCENT P BASE SCALE. A difference of means is exact to
 * some units in the last place of SCALE (1e-12 of it here), and PERCENT to
 * that over BASE; t quantiles to scipy's own 1e-8; p to 1e-9.
 */
static void
pair_check_change(const struct compare_change *ch, const double want[6],
    const char *line)
{
	double exact = 1e-12 * want[5];

	pair_check(ch->delta, want[0], 1e-9 * fabs(want[0]) + exact, "delta",
	    line);
	pair_check(ch->half, want[1], 1e-8 * want[1], "half", line);
	pair_check(ch->percent, want[2], 1e-9 * fabs(want[2]) +
	    100.0 * exact / fabs(want[4]), "percent", line);
	pair_check(ch->p, want[3], 1e-9, "p", line);
}

/* The change of the entry or overhead a reference line names; fails when there is none. */
static const struct compare_change *
pair_find(const struct comparison *c, const char *kind, const char *gadget,
    const char *tcase, double rate, enum metric m, const char *line)
{
	size_t i;

	if (strcmp(kind, "entry") == 0) {
		for (i = 0; i < c->nentries; i++)
			if (strcmp(c->entries[i].gadget, gadget) == 0 &&
			    strcmp(c->entries[i].tcase, tcase) == 0 &&
			    c->entries[i].rate == rate &&
			    c->entries[i].metric == m)
				return &c->entries[i].change;
	} else {
		for (i = 0; i < c->noverheads; i++)
			if (strcmp(c->overheads[i].gadget, gadget) == 0 &&
			    c->overheads[i].rate == rate &&
			    c->overheads[i].metric == m)
				return &c->overheads[i].change;
	}
	fail_msg("not in the comparison: %s", line);
	return NULL;
}

/* Checks every line of refK.txt against the comparison; returns how many. */
static size_t
pair_check_ref(const struct comparison *c, int k)
{
	char *rel = xasprintf("tests/data/compare/pairs/ref%d.txt", k);
	char *path = testutil_source_path(rel);
	FILE *f = fopen(path, "r");
	char line[1024], kind[16], gadget[64], tcase[64], metric[16];
	double rate, want[6];
	size_t n = 0;
	int entry, fields;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#')
			continue;
		entry = strncmp(line, "entry ", 6) == 0;
		strcpy(tcase, "");
		if (entry)
			fields = sscanf(line, "%15s %63s %63s %lf %15s %lf %lf %lf "
			    "%lf %lf %lf", kind, gadget, tcase, &rate, metric,
			    &want[0], &want[1], &want[2], &want[3], &want[4],
			    &want[5]);
		else
			fields = 1 + sscanf(line, "%15s %63s %lf %15s %lf %lf %lf "
			    "%lf %lf %lf", kind, gadget, &rate, metric, &want[0],
			    &want[1], &want[2], &want[3], &want[4], &want[5]);
		assert_int_equal(fields, 11);
		pair_check_change(pair_find(c, kind, gadget, tcase, rate,
		    metric_from_name(metric), line), want, line);
		n++;
	}
	fclose(f);
	free(path);
	free(rel);
	return n;
}

/*
 * Change, interval, percent and p of every entry and overhead of four
 * generated pairs, as scipy computes them, and nothing igreport compares
 * that scipy did not.
 */
static void
test_compare_numbers_match_scipy_on_generated_pairs(void **state)
{
	int k;

	(void)state;
	for (k = 1; k <= 4; k++) {
		char *on = xasprintf("old%d.csv", k), *nn = xasprintf("new%d.csv", k);
		struct model *o = pair_model(on), *n = pair_model(nn);
		struct comparison *c = compare_build(o, n, &defaults);

		assert_int_equal(pair_check_ref(c, k),
		    c->nentries + c->noverheads);
		compare_free(c);
		model_free(o);
		model_free(n);
		free(on);
		free(nn);
	}
}

static void
test_significant_increase_is_a_regression(void **state)
{
	struct model_stat a = stat3(10.0, 10.1, 9.9), b = stat3(12.0, 12.1, 11.9);
	struct compare_change ch;

	(void)state;
	compare_means(&a, &b, METRIC_CPU, &defaults, &ch);
	assert_int_equal(ch.verdict, COMPARE_WORSE);
	assert_close(ch.delta, 2.0, 1e-12);
	assert_close(ch.percent, 20.0, 1e-12);
	assert_true(ch.p < 0.001);
	assert_true(ch.half > 0 && ch.df > 0);
	compare_means(&b, &a, METRIC_CPU, &defaults, &ch);
	assert_int_equal(ch.verdict, COMPARE_BETTER);
	assert_close(ch.percent, -2.0 / 12.0 * 100.0, 1e-12);
}

/* A certain but small change stays "~": significance needs both p < alpha and the threshold. */
static void
test_change_below_threshold_is_not_significant(void **state)
{
	struct model_stat a = stat3(100.0, 100.01, 99.99);
	struct model_stat b = stat3(104.0, 104.01, 103.99);
	struct compare_options opt = defaults;
	struct compare_change ch;

	(void)state;
	compare_means(&a, &b, METRIC_CPU, &opt, &ch);
	assert_true(ch.p < 1e-6);
	assert_int_equal(ch.verdict, COMPARE_SAME);
	opt.threshold = 4.0; /* exactly 4 % meets a threshold of 4 */
	compare_means(&a, &b, METRIC_CPU, &opt, &ch);
	assert_int_equal(ch.verdict, COMPARE_WORSE);
}

static void
test_alpha_decides_borderline_p(void **state)
{
	struct model_stat a = stat3(10.0, 11.0, 12.0), b = stat3(12.5, 13.5, 14.5);
	struct compare_options opt = defaults;
	struct compare_change ch;

	(void)state;
	compare_means(&a, &b, METRIC_CPU, &opt, &ch);
	assert_true(ch.p > 0.01 && ch.p < 0.05);
	assert_int_equal(ch.verdict, COMPARE_WORSE);
	opt.alpha = 0.01;
	compare_means(&a, &b, METRIC_CPU, &opt, &ch);
	assert_int_equal(ch.verdict, COMPARE_SAME);
	opt.alpha = ch.p; /* p < alpha is strict */
	compare_means(&a, &b, METRIC_CPU, &opt, &ch);
	assert_int_equal(ch.verdict, COMPARE_SAME);
}

static void
test_single_run_gives_no_test(void **state)
{
	const double one = 10.0;
	struct model_stat a = stat_of(&one, 1), b = stat3(20.0, 20.1, 19.9);
	struct compare_change ch;

	(void)state;
	compare_means(&a, &b, METRIC_CPU, &defaults, &ch);
	assert_true(isnan(ch.p));
	assert_int_equal(ch.verdict, COMPARE_UNKNOWN);
	assert_close(ch.percent, 100.0, 1e-12);
	assert_true(ch.half == 0.0 && ch.df == 0.0);
}

/* No spread at all: equal values are "~" (p = 1), different ones certain (p = 0). */
static void
test_zero_variance_on_both_sides(void **state)
{
	struct model_stat a = stat3(5.0, 5.0, 5.0), b = stat3(5.0, 5.0, 5.0);
	struct model_stat c = stat3(6.0, 6.0, 6.0);
	struct compare_change ch;

	(void)state;
	compare_means(&a, &b, METRIC_CPU, &defaults, &ch);
	assert_true(ch.p == 1.0);
	assert_int_equal(ch.verdict, COMPARE_SAME);
	compare_means(&a, &c, METRIC_CPU, &defaults, &ch);
	assert_true(ch.p == 0.0);
	assert_int_equal(ch.verdict, COMPARE_WORSE);
}

/* OLD mean 0: the percent is undefined, any significant non-zero change counts. */
static void
test_zero_old_mean_has_no_percent(void **state)
{
	struct model_stat a = stat3(0.0, 0.0, 0.0), b = stat3(2.0, 3.0, 4.0);
	struct model_stat z = stat3(0.0, 0.0, 0.0);
	struct compare_options opt = defaults;
	struct compare_change ch;

	(void)state;
	opt.threshold = 1000.0;
	compare_means(&a, &b, METRIC_CPU, &opt, &ch);
	assert_true(isnan(ch.percent));
	assert_close(ch.delta, 3.0, 1e-12);
	assert_int_equal(ch.verdict, COMPARE_WORSE);
	compare_means(&a, &z, METRIC_CPU, &opt, &ch);
	assert_true(isnan(ch.percent));
	assert_int_equal(ch.verdict, COMPARE_SAME);
}

/* The overhead change: (new ig - new base) - (old ig - old base), four groups. */
static void
test_diff_of_diffs_combines_four_groups(void **state)
{
	struct model_stat ob = stat3(1.0, 1.1, 0.9), oi = stat3(3.0, 3.2, 2.8);
	struct model_stat nb = stat3(1.0, 1.2, 0.8), ni = stat3(4.0, 4.1, 3.9);
	struct compare_change ch;
	/* Variances 0.01, 0.04, 0.04, 0.01, each over n = 3. */
	double v = (0.01 + 0.04 + 0.04 + 0.01) / 3, se = sqrt(v);
	double df = v * v / (2 * pow(0.01 / 3, 2) / 2 + 2 * pow(0.04 / 3, 2) / 2);

	(void)state;
	compare_diff_of_diffs(&ob, &oi, &nb, &ni, METRIC_CPU, &defaults, &ch);
	assert_close(ch.delta, 1.0, 1e-12);
	assert_close(ch.percent, 50.0, 1e-12);
	assert_close(ch.df, df, 1e-12);
	assert_close(ch.p, 2.0 * stats_t_cdf(-1.0 / se, df), 1e-12);
	assert_close(ch.half, stats_t_quantile(0.975, df) * se, 1e-12);
	assert_int_equal(ch.verdict, COMPARE_WORSE);
}

static void
test_diff_of_diffs_needs_two_runs_everywhere(void **state)
{
	const double one = 1.0;
	struct model_stat s1 = stat_of(&one, 1), s = stat3(3.0, 3.2, 2.8);
	struct compare_change ch;

	(void)state;
	compare_diff_of_diffs(&s, &s, &s, &s1, METRIC_CPU, &defaults, &ch);
	assert_true(isnan(ch.p));
	assert_int_equal(ch.verdict, COMPARE_UNKNOWN);
}

/* A negative OLD overhead: the percent is relative to its size, so a rise stays positive. */
static void
test_diff_of_diffs_percent_of_negative_overhead(void **state)
{
	struct model_stat ob = stat3(3.0, 3.0, 3.0), oi = stat3(1.0, 1.0, 1.0);
	struct model_stat nb = stat3(3.0, 3.0, 3.0), ni = stat3(2.0, 2.0, 2.0);
	struct compare_change ch;

	(void)state;
	compare_diff_of_diffs(&ob, &oi, &nb, &ni, METRIC_CPU, &defaults, &ch);
	assert_close(ch.delta, 1.0, 1e-12);
	assert_close(ch.percent, 50.0, 1e-12);
	assert_true(ch.p == 0.0);
	assert_int_equal(ch.verdict, COMPARE_WORSE);
}

/* OLD: trace_exec (baseline, ig at 1024 and 4096) and trace_dns; IgCpu doubled at 4096 in NEW. */
static const struct row old_rows[] = {
	{ "trace_exec", "baseline", 1024, { 1.0, 1400, 0, 0, 0 } },
	{ "trace_exec", "baseline", 1024, { 1.1, 1402, 0, 0, 0 } },
	{ "trace_exec", "ig", 1024, { 2.0, 1500, 1.0, 96, 0 } },
	{ "trace_exec", "ig", 1024, { 2.1, 1502, 1.1, 97, 0 } },
	{ "trace_exec", "baseline", 4096, { 3.0, 1400, 0, 0, 0 } },
	{ "trace_exec", "baseline", 4096, { 3.1, 1401, 0, 0, 0 } },
	{ "trace_exec", "ig", 4096, { 5.0, 1500, 2.0, 100, 0 } },
	{ "trace_exec", "ig", 4096, { 5.1, 1501, 2.1, 100, 0 } },
	{ "trace_dns", "baseline", 1024, { 1.0, 1400, 0, 0, 0 } },
	{ "trace_dns", "ig", 1024, { 1.5, 1450, 0.5, 50, 0 } },
};

static const struct row new_rows[] = {
	{ "trace_exec", "baseline", 1024, { 1.0, 1400, 0, 0, 0 } },
	{ "trace_exec", "baseline", 1024, { 1.1, 1402, 0, 0, 0 } },
	{ "trace_exec", "ig", 1024, { 2.0, 1500, 1.0, 96, 0 } },
	{ "trace_exec", "ig", 1024, { 2.1, 1502, 1.1, 97, 0 } },
	{ "trace_exec", "baseline", 4096, { 3.0, 1400, 0, 0, 0 } },
	{ "trace_exec", "baseline", 4096, { 3.1, 1401, 0, 0, 0 } },
	{ "trace_exec", "ig", 4096, { 5.0, 1500, 4.0, 100, 0 } },
	{ "trace_exec", "ig", 4096, { 5.1, 1501, 4.1, 100, 0 } },
	{ "trace_exec", "ig", 8192, { 9.0, 1600, 4.0, 110, 0 } },
	{ "trace_exec", "stress", 1024, { 9.0, 1600, 4.0, 110, 0 } },
	{ "trace_open", "baseline", 1024, { 1.0, 1400, 0, 0, 0 } },
};

#define NROWS(a) (sizeof(a) / sizeof(a[0]))

static const char *const old_meta[] = { "Processor", "AMD EPYC 7763",
	"Memory", "31.3 GB", "Benchmark Date", "2025-09-10", "Go Version",
	"go1.24.6", NULL };

static const struct compare_entry *
find_entry(const struct comparison *c, const char *tcase, double rate,
    enum metric m)
{
	size_t i;

	for (i = 0; i < c->nentries; i++)
		if (strcmp(c->entries[i].tcase, tcase) == 0 &&
		    c->entries[i].rate == rate && c->entries[i].metric == m)
			return &c->entries[i];
	return NULL;
}

static void
test_entries_cover_what_both_runs_have(void **state)
{
	struct model *o = build(old_rows, NROWS(old_rows), ALL_METRICS, NULL);
	struct model *n = build(new_rows, NROWS(new_rows), ALL_METRICS, NULL);
	struct comparison *c = compare_build(o, n, &defaults);
	const struct compare_entry *e;

	(void)state;
	/* trace_exec: 2 cases x 2 rates x 5 metrics; 8192 and stress, trace_dns only in one run. */
	assert_int_equal(c->nentries, 20);
	e = find_entry(c, "ig", 4096, METRIC_IGCPU);
	assert_non_null(e);
	assert_string_equal(e->gadget, "trace_exec");
	assert_int_equal(e->old.n, 2);
	assert_close(e->old.mean, 2.05, 1e-12);
	assert_close(e->new.mean, 4.05, 1e-12);
	assert_int_equal(e->change.verdict, COMPARE_WORSE);
	assert_int_equal(c->counts[COMPARE_WORSE], 1);
	assert_int_equal(c->counts[COMPARE_BETTER], 0);
	assert_int_equal(find_entry(c, "ig", 8192, METRIC_CPU) == NULL, 1);
	compare_free(c);
	model_free(o);
	model_free(n);
}

static void
test_overheads_compared_per_rate(void **state)
{
	struct model *o = build(old_rows, NROWS(old_rows), ALL_METRICS, NULL);
	struct model *n = build(new_rows, NROWS(new_rows), ALL_METRICS, NULL);
	struct comparison *c = compare_build(o, n, &defaults);

	(void)state;
	assert_int_equal(c->noverheads, 4); /* trace_exec 1024 and 4096, Cpu and Mem */
	assert_close(c->overheads[0].rate, 1024, 0);
	assert_int_equal(c->overheads[0].metric, METRIC_CPU);
	assert_int_equal(c->overheads[1].metric, METRIC_MEM);
	assert_close(c->overheads[2].old.delta, 2.0, 1e-12);
	assert_close(c->overheads[2].new.delta, 2.0, 1e-12);
	assert_true(c->overheads[2].change.delta == 0.0);
	assert_int_equal(c->overheads[2].change.verdict, COMPARE_SAME);
	compare_free(c);
	model_free(o);
	model_free(n);
}

static int
has_only(const struct comparison *c, enum compare_only_kind kind,
    enum compare_side side, const char *gadget, const char *tcase, double rate)
{
	size_t i;

	for (i = 0; i < c->nonly; i++) {
		const struct compare_only *x = &c->only[i];

		if (x->kind == kind && x->side == side &&
		    (gadget == NULL || strcmp(x->gadget, gadget) == 0) &&
		    (tcase == NULL || strcmp(x->tcase, tcase) == 0) &&
		    (kind != COMPARE_ONLY_RATE || x->rate == rate))
			return 1;
	}
	return 0;
}

static void
test_what_one_run_lacks_is_listed(void **state)
{
	struct model *o = build(old_rows, NROWS(old_rows), ALL_METRICS, NULL);
	struct model *n = build(new_rows, NROWS(new_rows),
	    ALL_METRICS & ~(1u << METRIC_LOST), NULL);
	struct comparison *c = compare_build(o, n, &defaults);

	(void)state;
	assert_int_equal(c->nonly, 5);
	assert_true(has_only(c, COMPARE_ONLY_GADGET, COMPARE_OLD, "trace_dns", NULL, 0));
	assert_true(has_only(c, COMPARE_ONLY_GADGET, COMPARE_NEW, "trace_open", NULL, 0));
	assert_true(has_only(c, COMPARE_ONLY_CASE, COMPARE_NEW, "trace_exec", "stress", 0));
	assert_true(has_only(c, COMPARE_ONLY_RATE, COMPARE_NEW, "trace_exec", "ig", 8192));
	assert_true(has_only(c, COMPARE_ONLY_METRIC, COMPARE_OLD, NULL, NULL, 0));
	assert_int_equal(c->nentries, 16); /* no Lost entries */
	compare_free(c);
	model_free(o);
	model_free(n);
}

/* What could not be tested is counted: for the gate, the warning and the outputs. */
static void
test_untested_counts_single_runs_and_one_sided_groups(void **state)
{
	struct model *o = build(old_rows, NROWS(old_rows), ALL_METRICS, NULL);
	struct model *n = build(new_rows, NROWS(new_rows),
	    ALL_METRICS & ~(1u << METRIC_LOST), NULL);
	struct comparison *c = compare_build(o, n, &defaults);
	struct compare_untested u = compare_untested(c);

	(void)state;
	/* Three gadgets, cases and rates one run only has; the Lost column is not one. */
	assert_int_equal(u.one_run, 4);
	assert_int_equal(u.tested + u.no_test, c->nentries + c->noverheads);
	assert_int_equal(u.no_test, c->counts[COMPARE_UNKNOWN]);
	compare_free(c);
	model_free(o);
	model_free(n);
}

static void
test_nothing_tested_between_runs_without_common_gadgets(void **state)
{
	static const struct row a[] = {
		{ "alpha", "baseline", 100, { 1, 10, 0, 0, 0 } },
		{ "alpha", "baseline", 100, { 2, 11, 0, 0, 0 } },
	};
	static const struct row b[] = {
		{ "beta", "baseline", 100, { 1, 10, 0, 0, 0 } },
		{ "beta", "baseline", 100, { 2, 11, 0, 0, 0 } },
	};
	struct model *o = build(a, NROWS(a), ALL_METRICS, NULL);
	struct model *n = build(b, NROWS(b), ALL_METRICS, NULL);
	struct comparison *c = compare_build(o, n, &defaults);
	struct compare_untested u = compare_untested(c);

	(void)state;
	assert_int_equal(u.tested, 0);
	assert_int_equal(u.no_test, 0);
	assert_int_equal(u.one_run, 2);
	compare_free(c);
	model_free(o);
	model_free(n);
}

static const struct compare_machine *
machine_key(const struct comparison *c, const char *key)
{
	size_t i;

	for (i = 0; i < c->nmachine; i++)
		if (strcmp(c->machine[i].key, key) == 0)
			return &c->machine[i];
	fail_msg("no machine key %s", key);
	return NULL;
}

static void
test_machine_differences(void **state)
{
	static const char *const new_meta[] = { "Processor", "Intel Xeon",
		"Benchmark Date", "2025-10-02", "Go Version", "go1.24.6",
		"Distribution", "Debian 12", NULL };
	struct model *o = build(old_rows, 4, ALL_METRICS, old_meta);
	struct model *n = build(old_rows, 4, ALL_METRICS, new_meta);
	struct comparison *c = compare_build(o, n, &defaults);
	const struct compare_machine *k;

	(void)state;
	assert_int_equal(c->nmachine, 5);
	assert_true(c->machines_differ);
	k = machine_key(c, "Processor");
	assert_true(k->differs && k->critical);
	assert_string_equal(k->new_value, "Intel Xeon");
	k = machine_key(c, "Memory"); /* missing in NEW: critical */
	assert_true(k->differs && k->critical && k->new_value == NULL);
	k = machine_key(c, "Benchmark Date"); /* differs, not critical */
	assert_true(k->differs && !k->critical);
	k = machine_key(c, "Go Version");
	assert_true(!k->differs && !k->critical);
	k = machine_key(c, "Distribution"); /* missing in OLD: not a difference */
	assert_true(!k->differs && k->old_value == NULL);
	compare_free(c);
	model_free(o);
	model_free(n);
}

static void
test_same_machine_gives_no_warning(void **state)
{
	struct model *o = build(old_rows, 4, ALL_METRICS, old_meta);
	struct model *n = build(old_rows, 4, ALL_METRICS, old_meta);
	struct comparison *c = compare_build(o, n, &defaults);

	(void)state;
	assert_false(c->machines_differ);
	assert_int_equal(c->counts[COMPARE_WORSE] + c->counts[COMPARE_BETTER], 0);
	compare_free(c);
	model_free(o);
	model_free(n);
}

/* c as Markdown: the shipped compare template's document, written by the Markdown renderer. */
static char *
markdown_of(const struct comparison *c)
{
	struct template *tpl = fixture_template("templates/compare.xml");
	struct document *doc = fixture_comparison(tpl, c, "Cmp");
	char *md = fixture_markdown(doc, 0);

	doc_free(doc);
	template_free(tpl);
	return md;
}

static const char *
must_find(const char *haystack, const char *needle)
{
	const char *s = strstr(haystack, needle);

	if (s == NULL)
		fail_msg("'%s' not found", needle);
	return s;
}

static void
test_markdown_puts_regressions_first(void **state)
{
	struct model *o = build(old_rows, NROWS(old_rows), ALL_METRICS, old_meta);
	struct model *n = build(new_rows, NROWS(new_rows), ALL_METRICS, NULL);
	struct comparison *c = compare_build(o, n, &defaults);
	char *md = markdown_of(c);
	const char *sig, *mach, *only, *chg, *ovh;

	(void)state;
	must_find(md, "\n**1 regression, 0 improvements**\n");
	/* NEW describes no machine: its Processor and Memory are missing. */
	must_find(md, "\n> **\xe2\x9a\xa0 Warning: the runs come from different "
	    "machines (Processor, Memory differ)");
	must_find(md, "\n| **Processor \xe2\x89\xa0** | **AMD EPYC 7763** | "
	    "**\xe2\x80\x93** |\n");
	sig = must_find(md, "\n## Significant changes\n");
	mach = must_find(md, "\n## Machines\n");
	only = must_find(md, "\n## Only in one run\n");
	chg = must_find(md, "\n### Changes from OLD to NEW - trace\\_exec\n\n"
	    "<details><summary>4 rows</summary>");
	ovh = must_find(md, "\n### Overhead of IG, OLD vs NEW - trace\\_exec\n");
	assert_true(sig < mach && mach < only && only < chg && chg < ovh);
	assert_true(must_find(sig, "| **worse \xe2\x96\xb2** | trace\\_exec | ig "
	    "| 4096 | IG CPU (%) | 2.05 \xc2\xb1 ") < mach);
	must_find(sig, "(+97.6%) | ");
	must_find(only, "\n- trace\\_exec, ig: 8192 events/s only in NEW\n");
	must_find(only, "\n- gadget trace\\_dns: only in OLD\n");
	assert_null(strstr(md, "**better"));
	free(md);
	compare_free(c);
	model_free(o);
	model_free(n);
}

static void
test_markdown_without_changes_has_no_tables_of_them(void **state)
{
	struct model *o = build(old_rows, 8, ALL_METRICS, old_meta);
	struct model *n = build(old_rows, 8, ALL_METRICS, old_meta);
	struct comparison *c = compare_build(o, n, &defaults);
	char *md = markdown_of(c);

	(void)state;
	must_find(md, "\n**0 regressions, 0 improvements**\n");
	must_find(md, "\n## Significant changes\n\nNo significant change.\n");
	assert_null(strstr(md, "| Verdict |"));
	assert_null(strstr(md, "Warning"));
	must_find(md, "\n## Only in one run\n\nBoth runs have the same gadgets, "
	    "cases, rates and columns.\n");
	assert_null(strstr(md, "only in"));
	/* A change that is not significant has no mark and no colour. */
	must_find(md, "\n| ig | 1024 | 0.0% | 0.0% | 0.0% | 0.0% | 0.0 |\n");
	free(md);
	compare_free(c);
	model_free(o);
	model_free(n);
}

static void
test_holm_adjustment(void **state)
{
	const double p[] = { 0.01, 0.04, 0.03, 0.005 };
	const double want[] = { 0.03, 0.06, 0.06, 0.02 };
	double q[4];
	int i;

	(void)state;
	compare_adjust(p, 4, COMPARE_CORRECTION_HOLM, q);
	for (i = 0; i < 4; i++)
		assert_close(q[i], want[i], 1e-15);
}

static void
test_benjamini_hochberg_adjustment(void **state)
{
	const double p[] = { 0.01, 0.04, 0.03, 0.005 };
	const double want[] = { 0.02, 0.04, 0.04, 0.02 };
	double q[4];
	int i;

	(void)state;
	compare_adjust(p, 4, COMPARE_CORRECTION_BH, q);
	for (i = 0; i < 4; i++)
		assert_close(q[i], want[i], 1e-15);
}

/*
 * Benjamini-Hochberg's step-up: q(i) is the minimum of m p(j) / j over
 * j >= i, so an adjusted value larger than a later one is lowered to it.
 * Sorted {0.01, 0.011, 0.012, 0.5} give m p / i = {0.04, 0.022, 0.016,
 * 0.5}, and q = {0.016, 0.016, 0.016, 0.5} (R's p.adjust(p, "BH")); the
 * input is shuffled, so each q must also go back to its own p.
 */
static void
test_benjamini_hochberg_takes_the_step_up_minimum(void **state)
{
	const double p[] = { 0.5, 0.012, 0.01, 0.011 };
	const double want[] = { 0.5, 0.016, 0.016, 0.016 };
	double q[4];
	int i;

	(void)state;
	compare_adjust(p, 4, COMPARE_CORRECTION_BH, q);
	for (i = 0; i < 4; i++)
		assert_close(q[i], want[i], 1e-15);
}

static void
test_adjusted_values_never_exceed_one(void **state)
{
	const double p[] = { 0.5, 0.9 };
	double q[2];

	(void)state;
	compare_adjust(p, 2, COMPARE_CORRECTION_HOLM, q);
	assert_close(q[0], 1, 0);
	assert_close(q[1], 1, 0);
	compare_adjust(p, 2, COMPARE_CORRECTION_NONE, q);
	assert_close(q[0], 0.5, 0);
	assert_close(q[1], 0.9, 0);
}

static void
test_correction_names(void **state)
{
	(void)state;
	assert_int_equal(compare_correction_from_name("bh"), COMPARE_CORRECTION_BH);
	assert_int_equal(compare_correction_from_name("holm"), COMPARE_CORRECTION_HOLM);
	assert_int_equal(compare_correction_from_name("none"), COMPARE_CORRECTION_NONE);
	assert_int_equal(compare_correction_from_name("BH"), COMPARE_CORRECTION__MAX);
	assert_string_equal(compare_correction_name(COMPARE_CORRECTION_HOLM), "holm");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_p_values_match_scipy),
		cmocka_unit_test(test_compare_numbers_match_scipy_on_generated_pairs),
		cmocka_unit_test(test_significant_increase_is_a_regression),
		cmocka_unit_test(test_change_below_threshold_is_not_significant),
		cmocka_unit_test(test_alpha_decides_borderline_p),
		cmocka_unit_test(test_single_run_gives_no_test),
		cmocka_unit_test(test_zero_variance_on_both_sides),
		cmocka_unit_test(test_zero_old_mean_has_no_percent),
		cmocka_unit_test(test_diff_of_diffs_combines_four_groups),
		cmocka_unit_test(test_diff_of_diffs_needs_two_runs_everywhere),
		cmocka_unit_test(test_diff_of_diffs_percent_of_negative_overhead),
		cmocka_unit_test(test_entries_cover_what_both_runs_have),
		cmocka_unit_test(test_overheads_compared_per_rate),
		cmocka_unit_test(test_what_one_run_lacks_is_listed),
		cmocka_unit_test(test_untested_counts_single_runs_and_one_sided_groups),
		cmocka_unit_test(test_nothing_tested_between_runs_without_common_gadgets),
		cmocka_unit_test(test_machine_differences),
		cmocka_unit_test(test_same_machine_gives_no_warning),
		cmocka_unit_test(test_markdown_puts_regressions_first),
		cmocka_unit_test(test_markdown_without_changes_has_no_tables_of_them),
		cmocka_unit_test(test_holm_adjustment),
		cmocka_unit_test(test_benjamini_hochberg_adjustment),
		cmocka_unit_test(test_benjamini_hochberg_takes_the_step_up_minimum),
		cmocka_unit_test(test_adjusted_values_never_exceed_one),
		cmocka_unit_test(test_correction_names),
	};

	return cmocka_run_group_tests_name("compare", tests, NULL, NULL);
}
