/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for stats.c, checked against mpmath tables in tests/data/stats. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

#define NOISE_N 1000

static double
rel_err(double got, double want)
{
	if (got == want)
		return 0.0;
	return fabs(got - want) / fabs(want);
}

static void
check_rel(const char *what, double got, double want, double tol)
{
	if (!(rel_err(got, want) <= tol))
		fail_msg("%s: got %.17g, want %.17g (relative error %.3g > %.3g)",
		    what, got, want, rel_err(got, want), tol);
}

/* Opens tests/data/stats/<name> under $IGREPORT_SOURCE_DIR (or "."). */
static FILE *
open_table(const char *name)
{
	const char *dir = getenv("IGREPORT_SOURCE_DIR");
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/tests/data/stats/%s", dir ? dir : ".", name);
	f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot open reference table %s", path);
	return f;
}

/* Noise k in [-2048, 2048]: 1e9 + k / 1024 is exact, and so are the integer sums below. */
static long
noise(unsigned long i)
{
	unsigned long h = (i + 1) * 2654435761UL % 4294967291UL;

	return (long)(h % 4097) - 2048;
}

static double
noisy(unsigned long i)
{
	return 1e9 + (double)noise(i) / 1024.0;
}

static void
test_welford_empty_and_single(void **state)
{
	struct welford w = { 0, 0.0, 0.0 };

	(void)state;
	assert_true(welford_sd(&w) == 0.0);
	welford_add(&w, 42.5);
	assert_int_equal(w.n, 1);
	assert_true(w.mean == 42.5);
	assert_true(w.m2 == 0.0);
	assert_true(welford_sd(&w) == 0.0);
	welford_add(&w, 44.5);
	check_rel("sd of {42.5, 44.5}", welford_sd(&w), sqrt(2.0), 1e-15);
}

/* The reference is the two-pass result computed exactly, in integers, from the noise. */
static void
test_welford_large_offset_matches_exact_two_pass(void **state)
{
	struct welford w = { 0, 0.0, 0.0 };
	long long s = 0, s2 = 0;
	double mean, m2;
	unsigned long i;

	(void)state;
	for (i = 0; i < NOISE_N; i++) {
		welford_add(&w, noisy(i));
		s += noise(i);
		s2 += (long long)noise(i) * noise(i);
	}
	mean = 1e9 + (double)s / NOISE_N / 1024.0;
	m2 = (double)(NOISE_N * s2 - s * s) / NOISE_N / (1024.0 * 1024.0);
	assert_int_equal(w.n, NOISE_N);
	check_rel("mean", w.mean, mean, 1e-15);
	/*
	 * The running mean is rounded to half an ulp of 1e9 (6e-8) at every
	 * step, against a spread of about 1.2: m2 is off by about 1.4e-9 here,
	 * the floor of any one-pass method that holds the mean in a double.
	 * A textbook sum-of-squares would lose every digit.
	 */
	check_rel("m2", w.m2, m2, 1e-8);
	check_rel("sd", welford_sd(&w), sqrt(m2 / (NOISE_N - 1)), 1e-8);
}

static void
test_welford_merge_equals_sequential(void **state)
{
	static const unsigned long splits[] = { 0, 1, 2, 333, 500, 999, 1000 };
	struct welford all = { 0, 0.0, 0.0 };
	size_t k;
	unsigned long i;

	(void)state;
	for (i = 0; i < NOISE_N; i++)
		welford_add(&all, 3.0 + (double)noise(i) / 7.0);
	for (k = 0; k < sizeof splits / sizeof splits[0]; k++) {
		struct welford a = { 0, 0.0, 0.0 }, b = { 0, 0.0, 0.0 };

		for (i = 0; i < NOISE_N; i++)
			welford_add(i < splits[k] ? &a : &b,
			    3.0 + (double)noise(i) / 7.0);
		welford_merge(&a, &b);
		assert_int_equal(a.n, all.n);
		check_rel("merged mean", a.mean, all.mean, 1e-14);
		check_rel("merged m2", a.m2, all.m2, 1e-14);
	}
}

static void
test_welford_merge_large_offset(void **state)
{
	struct welford a = { 0, 0.0, 0.0 }, b = { 0, 0.0, 0.0 };
	long long s = 0, s2 = 0;
	double m2;
	unsigned long i;

	(void)state;
	for (i = 0; i < NOISE_N; i++) {
		welford_add(i < 400 ? &a : &b, noisy(i));
		s += noise(i);
		s2 += (long long)noise(i) * noise(i);
	}
	welford_merge(&a, &b);
	m2 = (double)(NOISE_N * s2 - s * s) / NOISE_N / (1024.0 * 1024.0);
	check_rel("merged mean", a.mean, 1e9 + (double)s / NOISE_N / 1024.0, 1e-15);
	check_rel("merged m2", a.m2, m2, 1e-8);
}

static void
test_t_quantile_matches_table(void **state)
{
	FILE *f = open_table("t_quantile.txt");
	char line[256];
	double df, p, ref, e, worst = 0.0, wdf = 0.0, wp = 0.0, wgot = 0.0;
	int rows = 0;

	(void)state;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "%lf %lf %lf", &df, &p, &ref) != 3)
			continue;
		rows++;
		/* 1 - p is exact here, so the lower quantile is exactly -ref. */
		e = fmax(rel_err(stats_t_quantile(p, df), ref),
		    rel_err(-stats_t_quantile(1.0 - p, df), ref));
		if (e > worst) {
			worst = e;
			wdf = df;
			wp = p;
			wgot = stats_t_quantile(p, df);
		}
	}
	fclose(f);
	assert_true(rows > 1500);
	if (worst > 1e-12)
		fail_msg("worst relative error %.3g at df %.17g p %.17g (got %.17g)",
		    worst, wdf, wp, wgot);
	print_message("t quantile: %d rows, worst relative error %.3g (df %g, p %g)\n",
	    rows, worst, wdf, wp);
}

static void
test_t_quantile_domain(void **state)
{
	(void)state;
	assert_true(isnan(stats_t_quantile(0.0, 5.0)));
	assert_true(isnan(stats_t_quantile(1.0, 5.0)));
	assert_true(isnan(stats_t_quantile(-0.5, 5.0)));
	assert_true(isnan(stats_t_quantile(NAN, 5.0)));
	assert_true(isnan(stats_t_quantile(0.9, 0.0)));
	assert_true(isnan(stats_t_quantile(0.9, -3.0)));
	assert_true(isnan(stats_t_quantile(0.9, NAN)));
	assert_true(stats_t_quantile(0.5, 7.0) == 0.0);
}

static void
test_t_quantile_infinite_df_is_normal(void **state)
{
	(void)state;
	check_rel("z 0.975", stats_t_quantile(0.975, INFINITY), 1.959963984540054, 1e-14);
	check_rel("df 1e9", stats_t_quantile(0.975, 1e9), 1.959963984540054, 1e-8);
}

static void
test_t_quantile_near_one_half(void **state)
{
	double p = 0.5 + 1e-9, c = p - 0.5; /* c is exact */
	double t = stats_t_quantile(p, 3.0);

	(void)state;
	/* P(0 < T < t) = t f(0) + O(t^3), with f(0) = 2 / (pi sqrt(3)) for df 3. */
	check_rel("tiny quantile", t, c * 3.14159265358979323846 * sqrt(3.0) / 2.0, 1e-14);
	check_rel("round trip", stats_t_cdf(t, 3.0) - 0.5, c, 1e-6);
	check_rel("symmetry", stats_t_quantile(1.0 - p, 3.0), -t, 0.0);
}

static void
test_t_cdf_matches_table(void **state)
{
	FILE *f = open_table("t_cdf.txt");
	char line[256];
	double t, df, ref, e, worst = 0.0, wt = 0.0, wdf = 0.0;
	int rows = 0;

	(void)state;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "%lf %lf %lf", &t, &df, &ref) != 3)
			continue;
		rows++;
		/* The upper tail P(T > t) is the lower CDF at -t, computed directly. */
		e = rel_err(stats_t_cdf(-t, df), ref);
		if (e > worst) {
			worst = e;
			wt = t;
			wdf = df;
		}
		/* Near 1 the CDF can only be accurate in absolute terms. */
		if (!(fabs(stats_t_cdf(t, df) - (1.0 - ref)) <= 1e-15))
			fail_msg("cdf(%g, %g) = %.17g, want %.17g", t, df,
			    stats_t_cdf(t, df), 1.0 - ref);
	}
	fclose(f);
	assert_true(rows > 400);
	if (worst > 1e-12)
		fail_msg("worst tail relative error %.3g at t %.17g df %.17g", worst, wt, wdf);
	print_message("t cdf: %d rows, worst tail relative error %.3g (t %g, df %g)\n",
	    rows, worst, wt, wdf);
}

static void
test_t_cdf_inverts_quantile(void **state)
{
	static const double dfs[] = { 0.5, 1.0, 1.3, 2.0, 4.0, 39.5, 40.0, 1e3, 1e6 };
	static const double ps[] = { 0.6, 0.9, 0.99, 0.9995 };
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof dfs / sizeof dfs[0]; i++)
		for (j = 0; j < sizeof ps / sizeof ps[0]; j++) {
			double t = stats_t_quantile(ps[j], dfs[i]);

			check_rel("tail(quantile(p))", stats_t_cdf(-t, dfs[i]),
			    1.0 - ps[j], 1e-13);
		}
}

/* Corners outside the accuracy contract still give a consistent answer. */
static void
test_t_quantile_far_corners(void **state)
{
	static const double cases[][2] = {
		{ 0.75, 0.001 }, { 0.25, 0.05 }, { 0.999, 0.2 }, { 1e-300, 1.5 },
		{ 1e-20, 3.0 }, { 1.0 - 1e-16, 1e6 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double p = cases[i][0], df = cases[i][1];
		double t = stats_t_quantile(p, df);

		assert_true(isfinite(t));
		check_rel("tail at quantile", stats_t_cdf(-fabs(t), df),
		    p < 0.5 ? p : 1.0 - p, 1e-10);
	}
	/* Beyond the double range: P(T > t) ~ t^(-0.3) needs t ~ 1e1000. */
	assert_true(stats_t_quantile(1e-300, 0.3) == -INFINITY);
}

static void
test_t_cdf_domain_and_limits(void **state)
{
	(void)state;
	assert_true(isnan(stats_t_cdf(NAN, 3.0)));
	assert_true(isnan(stats_t_cdf(1.0, 0.0)));
	assert_true(isnan(stats_t_cdf(1.0, -1.0)));
	assert_true(isnan(stats_t_cdf(1.0, NAN)));
	assert_true(stats_t_cdf(0.0, 3.0) == 0.5);
	assert_true(stats_t_cdf(INFINITY, 3.0) == 1.0);
	assert_true(stats_t_cdf(-INFINITY, 3.0) == 0.0);
	/* Cauchy: P(T < -t) = atan(1 / t) / pi. */
	check_rel("cauchy far tail", stats_t_cdf(-1e200, 1.0), 1e-200 / 3.14159265358979323846, 1e-13);
	check_rel("normal", stats_t_cdf(-3.0, INFINITY), 0.0013498980316300945, 1e-14);
}

static void
test_ci_half(void **state)
{
	(void)state;
	assert_true(stats_ci_half(0, 1.0, 0.95) == 0.0);
	assert_true(stats_ci_half(1, 1.0, 0.95) == 0.0);
	/* t(0.975, 9) from tests/data/stats/t_quantile.txt. */
	check_rel("n 10", stats_ci_half(10, 2.0, 0.95), 2.0 / sqrt(10.0) * 2.2621571627982050, 1e-13);
	assert_true(stats_ci_half(10, 0.0, 0.95) == 0.0);
	assert_true(isnan(stats_ci_half(10, 1.0, 1.0)));
	assert_true(isnan(stats_ci_half(10, 1.0, 0.0)));
}

static void
test_welch_matches_table(void **state)
{
	FILE *f = open_table("welch.txt");
	char line[512];
	unsigned long n1, n2;
	double m1, s1, m2, s2, level, delta, half, df, p;
	struct stats_welch w;
	int rows = 0;

	(void)state;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "%lu %lf %lf %lu %lf %lf %lf %lf %lf %lf %lf", &n1, &m1,
		    &s1, &n2, &m2, &s2, &level, &delta, &half, &df, &p) != 11)
			continue;
		rows++;
		stats_welch(n1, m1, s1, n2, m2, s2, level, &w);
		check_rel("delta", w.delta, delta, 1e-10);
		check_rel("half", w.half, half, 1e-10);
		check_rel("df", w.df, df, 1e-10);
		check_rel("p", w.p, p, 1e-10);
	}
	fclose(f);
	assert_true(rows >= 10);
}

static void
test_welch_too_few_observations(void **state)
{
	struct stats_welch w;

	(void)state;
	stats_welch(1, 1.0, 0.0, 10, 2.0, 1.0, 0.95, &w);
	assert_true(w.delta == 1.0);
	assert_true(w.half == 0.0);
	assert_true(w.df == 0.0);
	assert_true(isnan(w.p));
	stats_welch(10, 1.0, 1.0, 0, 0.0, 0.0, 0.95, &w);
	assert_true(w.half == 0.0 && w.df == 0.0 && isnan(w.p));
}

static void
test_welch_zero_standard_error(void **state)
{
	struct stats_welch w;

	(void)state;
	stats_welch(5, 3.0, 0.0, 7, 3.0, 0.0, 0.95, &w);
	assert_true(w.delta == 0.0 && w.half == 0.0 && w.df == 0.0);
	assert_true(w.p == 1.0);
	stats_welch(5, 3.0, 0.0, 7, 4.0, 0.0, 0.95, &w);
	assert_true(w.delta == 1.0 && w.half == 0.0 && w.df == 0.0);
	assert_true(w.p == 0.0);
}

static void
test_welch_equal_samples_is_student(void **state)
{
	struct stats_welch w;

	(void)state;
	/* Equal n and sd: df = 2n - 2 and half = t * sd * sqrt(2 / n). */
	stats_welch(10, 5.0, 2.0, 10, 5.0, 2.0, 0.95, &w);
	check_rel("df", w.df, 18.0, 1e-15);
	check_rel("half", w.half, stats_t_quantile(0.975, 18.0) * 2.0 * sqrt(0.2), 1e-14);
	assert_true(w.p == 1.0);
}

/* The interval in two steps, t once per n, is the one-step interval bit for bit. */
static void
test_ci_half_in_two_steps_is_the_same(void **state)
{
	static const double levels[] = { 0.5, 0.9, 0.95, 0.99, 0.999 };
	static const double sds[] = { 0.0, 1e-9, 0.37, 1.0, 12.5, 4e6 };
	unsigned long n;
	size_t l, k;

	(void)state;
	for (n = 0; n < 80; n++)
		for (l = 0; l < sizeof(levels) / sizeof(levels[0]); l++)
			for (k = 0; k < sizeof(sds) / sizeof(sds[0]); k++) {
				double one = stats_ci_half(n, sds[k], levels[l]);
				double two = stats_ci_scale(n, sds[k],
				    stats_ci_t(n, levels[l]));

				assert_memory_equal(&one, &two, sizeof(one));
			}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ci_half_in_two_steps_is_the_same),
		cmocka_unit_test(test_welford_empty_and_single),
		cmocka_unit_test(test_welford_large_offset_matches_exact_two_pass),
		cmocka_unit_test(test_welford_merge_equals_sequential),
		cmocka_unit_test(test_welford_merge_large_offset),
		cmocka_unit_test(test_t_quantile_matches_table),
		cmocka_unit_test(test_t_quantile_domain),
		cmocka_unit_test(test_t_quantile_infinite_df_is_normal),
		cmocka_unit_test(test_t_quantile_near_one_half),
		cmocka_unit_test(test_t_cdf_matches_table),
		cmocka_unit_test(test_t_cdf_inverts_quantile),
		cmocka_unit_test(test_t_quantile_far_corners),
		cmocka_unit_test(test_t_cdf_domain_and_limits),
		cmocka_unit_test(test_ci_half),
		cmocka_unit_test(test_welch_matches_table),
		cmocka_unit_test(test_welch_too_few_observations),
		cmocka_unit_test(test_welch_zero_standard_error),
		cmocka_unit_test(test_welch_equal_samples_is_student),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
