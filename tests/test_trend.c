/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for trend.c: steps found and not found, their pooled Welch tests, the gate, the dump, the best run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "aggregate.h"
#include "trend.h"
#include "xalloc.h"

#define NRUNS 12
#define IGCPU ((1u << METRIC_CPU) | (1u << METRIC_IGCPU))

static const struct trend_options opts = { 0.95, 5.0,
	COMPARE_CORRECTION_HOLM, 10 };

/* Deterministic noise in [-1, 1]. */
static double
noise(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return (double)(*s >> 11) / (double)(1UL << 53) * 2.0 - 1.0;
}

/* One run: gadget g at rates 1000 and 2000, 5 rows a case; ig CPU about level. */
static struct model *
run_of(unsigned long *s, double level)
{
	static const struct aggregate_origin origin = { 0, 2 };
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	double v[METRIC__MAX] = { 0 };
	struct model *m;
	int k, c, r;

	aggregate_add_input(a, "run.csv");
	aggregate_note_columns(a, IGCPU, 0);
	for (r = 1; r <= 2; r++)
		for (c = 0; c < 2; c++)
			for (k = 0; k < 5; k++) {
				v[METRIC_IGCPU] = c ? r * level * (1 + 0.02 *
				    noise(s)) : 0.0;
				v[METRIC_CPU] = r * (1 + 0.02 * noise(s)) +
				    v[METRIC_IGCPU];
				assert_int_equal(aggregate_add(a, "g", 1,
				    c ? "ig" : "baseline", c ? 2 : 8, 1000.0 * r,
				    v, IGCPU, &origin, &d), 0);
			}
	m = aggregate_finish(a, NULL, 0, &d);
	assert_non_null(m);
	diags_free(&d);
	return m;
}

/* NRUNS runs labelled r1..r12; level(i) gives run i's IG CPU (from 1). */
static struct history *
history_of(double (*level)(int), unsigned long seed)
{
	struct history_input in[NRUNS];
	static char labels[NRUNS][16];
	struct diags d = { 0 };
	struct history *h;
	unsigned long s = seed;
	int i;

	for (i = 0; i < NRUNS; i++) {
		snprintf(labels[i], sizeof(labels[i]), "r%d", i + 1);
		in[i].path = "run.csv";
		in[i].label = labels[i];
		in[i].model = run_of(&s, level(i + 1));
	}
	h = history_new(in, NRUNS, HISTORY_ORDER_ARGS, 0.95, &d);
	assert_non_null(h);
	diags_free(&d);
	return h;
}

static double
flat(int run)
{
	(void)run;
	return 0.5;
}

static double
step_at_7(int run)
{
	return run >= 7 ? 0.575 : 0.5;
}

static double
newest_up(int run)
{
	return run == NRUNS ? 0.6 : 0.5;
}

static void
test_step_found_between_runs_6_and_7(void **state)
{
	struct history *h = history_of(step_at_7, 1);
	struct trend *t = trend_build(h, &opts);
	size_t i, found = 0;

	(void)state;
	for (i = 0; i < t->nsteps; i++) {
		const struct trend_step *st = &t->steps[i];
		const struct history_series *s = &h->series[st->series];

		if (!st->found)
			continue;
		found++;
		assert_string_equal(h->runs[st->before].label, "r6");
		assert_string_equal(h->runs[st->after].label, "r7");
		assert_true(s->metric == METRIC_IGCPU || s->metric == METRIC_CPU);
		assert_true(st->percent > 5.0);
	}
	assert_int_equal(found, t->nfound);
	assert_true(found >= 2); /* IG CPU at both rates */
	trend_free(t);
	history_free(h);
}

static void
test_flat_history_has_no_step(void **state)
{
	unsigned long seed;

	(void)state;
	for (seed = 1; seed <= 10; seed++) {
		struct history *h = history_of(flat, seed);
		struct trend *t = trend_build(h, &opts);

		assert_int_equal(t->nfound, 0);
		assert_int_equal(t->nworse, 0);
		/* One member of the family per series fitted, at least. */
		assert_true(t->ntests >= h->nseries - 2);
		trend_free(t);
		history_free(h);
	}
}

/* The test of a step is Welch on the run means of the pieces around it. */
static void
test_step_test_pools_run_means(void **state)
{
	struct history *h = history_of(step_at_7, 1);
	struct trend *t = trend_build(h, &opts);
	const struct trend_step *st = NULL;
	struct stats_welch w;
	size_t i;

	(void)state;
	for (i = 0; i < t->nsteps && st == NULL; i++)
		if (t->steps[i].found)
			st = &t->steps[i];
	assert_non_null(st);
	assert_int_equal(st->n1, 6);
	assert_int_equal(st->n2, 6);
	stats_welch(st->n1, st->mean1, st->sd1, st->n2, st->mean2, st->sd2,
	    0.95, &w);
	assert_close(st->w.p, w.p, 1e-15);
	assert_true(st->q >= st->w.p);
	trend_free(t);
	history_free(h);
}

static void
test_gate_catches_newest_run(void **state)
{
	struct history *h = history_of(newest_up, 3);
	struct trend *t = trend_build(h, &opts);
	size_t i, worse = 0;

	(void)state;
	assert_int_equal(t->newest, NRUNS - 1);
	assert_int_equal(t->earlier, NRUNS - 1);
	for (i = 0; i < t->ngate; i++) {
		assert_int_equal(t->gate[i].iv.k, 10);
		if (t->gate[i].worse) {
			worse++;
			assert_true(t->gate[i].value > t->gate[i].iv.high);
		}
	}
	assert_true(worse >= 2);
	assert_int_equal(worse, t->nworse);
	trend_free(t);
	history_free(h);
}

static void
test_dump_lines(void **state)
{
	struct history *h = history_of(step_at_7, 1);
	struct trend *t = trend_build(h, &opts);
	char buf[4096] = "";
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	(void)state;
	assert_int_equal(trend_dump(t, f), 0);
	fclose(f);
	assert_non_null(strstr(buf, "g\tig\t1000\tIgCpu\tr6\tr7\t"));
	assert_non_null(strstr(buf, "g\tig\t2000\tIgCpu\tr6\tr7\t"));
	assert_null(strstr(buf, "baseline"));
	trend_free(t);
	history_free(h);
}

static void
test_best_run(void **state)
{
	struct history *h = history_of(step_at_7, 1);
	struct trend *t = trend_build(h, &opts);
	const struct history_series *s = history_find(h, 0, HISTORY_IG, 1000.0,
	    METRIC_IGCPU);
	double pct;
	size_t best;

	(void)state;
	assert_non_null(s);
	best = trend_best(t, s, &pct);
	assert_true(best < 6);
	assert_true(pct > 10.0 && pct < 25.0);
	trend_free(t);
	history_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_found_between_runs_6_and_7),
		cmocka_unit_test(test_flat_history_has_no_step),
		cmocka_unit_test(test_step_test_pools_run_means),
		cmocka_unit_test(test_gate_catches_newest_run),
		cmocka_unit_test(test_dump_lines),
		cmocka_unit_test(test_best_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
