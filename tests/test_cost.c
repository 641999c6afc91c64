/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the cost model: least-squares fits from group statistics, checked against fits worked out by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "aggregate.h"
#include "cost.h"
#include "stats.h"

#define T975(df) stats_t_quantile(0.975, (df))

static const struct aggregate_origin origin = { 0, 2 };

/* One row with Cpu = Mem = y and, on ig rows, IgCpu = IgMem = y too. */
static void
add(struct aggregate *a, const char *gadget, const char *tcase, double rate,
    double y)
{
	double v[METRIC__MAX] = { y, y, y, y, 0 };
	struct diags d = { 0 };

	assert_int_equal(aggregate_add(a, gadget, strlen(gadget), tcase,
	    strlen(tcase), rate, v, (1u << METRIC_LOST) - 1, &origin, &d), 0);
	assert_int_equal(d.n, 0);
}

static struct model *
finish(struct aggregate *a)
{
	struct diags d = { 0 };
	struct model *m = aggregate_finish(a, NULL, 0, &d);

	assert_non_null(m);
	assert_int_equal(model_check(m, stderr), 0);
	diags_free(&d);
	return m;
}

static struct aggregate *
new_aggregate(void)
{
	struct aggregate *a = aggregate_new(0.95);

	aggregate_add_input(a, "t.csv");
	aggregate_note_columns(a, (1u << METRIC_LOST) - 1, 0);
	return a;
}

/* Rows (0, 0), (0, 2), (1, 3), (2, 2): a group of two (mean 1, sd sqrt 2) and two of one. */
static const struct cost_group by_hand[] = {
	{ 0, 0, 2, 1, 1.4142135623730951 },
	{ 1, 0, 1, 3, 0 },
	{ 2, 0, 1, 2, 0 },
};

static void
test_line_from_groups_matches_hand_fit(void **state)
{
	struct model_cost c;

	(void)state;
	/* rbar 3/4, Sxx 11/4, b 7/11, a 14/11, RSS 40/11, TSS 19/4, s^2 20/11. */
	assert_int_equal(cost_fit(by_hand, 3, 0, 0.95, &c), 0);
	assert_true(c.defined);
	assert_int_equal(c.n, 4);
	assert_close(c.fixed.est, 14.0 / 11, 1e-14);
	assert_close(c.per_event.est, 7.0 / 11, 1e-14);
	assert_close(c.fixed.se, 10.0 / 11, 1e-14);
	assert_close(c.per_event.se, sqrt(80.0) / 11, 1e-14);
	assert_close(c.fixed.half, T975(2) * 10.0 / 11, 1e-14);
	assert_close(c.per_event.half, T975(2) * sqrt(80.0) / 11, 1e-14);
	assert_close(c.r2, 49.0 / 209, 1e-14);
}

static void
test_single_runs_line(void **state)
{
	/* n = 1 in every group: (0, 1), (1, 3), (2, 2). */
	static const struct cost_group g[] = {
		{ 0, 1, 1, 1, 0 }, { 1, 1, 1, 3, 0 }, { 2, 1, 1, 2, 0 },
	};
	struct model_cost c;

	(void)state;
	/* b 1/2, a 3/2, RSS 3/2, TSS 2, s^2 3/2 at 1 df. */
	assert_int_equal(cost_fit(g, 3, 0, 0.95, &c), 0);
	assert_int_equal(c.n, 3);
	assert_close(c.fixed.est, 1.5, 1e-15);
	assert_close(c.per_event.est, 0.5, 1e-15);
	assert_close(c.fixed.se, sqrt(1.25), 1e-15);
	assert_close(c.per_event.se, sqrt(0.75), 1e-15);
	assert_close(c.per_event.half, T975(1) * sqrt(0.75), 1e-15);
	assert_close(c.r2, 0.25, 1e-15);
}

static void
test_two_cases_fixed_and_marginal_overhead(void **state)
{
	/* Baseline: the rows of by_hand; ig: (0, 1), (1, 3), (2, 2). */
	struct cost_group g[6];
	struct model_cost c;
	double s2 = 113.0 / 66;

	(void)state;
	memcpy(g, by_hand, sizeof(by_hand));
	g[3] = (struct cost_group){ 0, 1, 1, 1, 0 };
	g[4] = (struct cost_group){ 1, 1, 1, 3, 0 };
	g[5] = (struct cost_group){ 2, 1, 1, 2, 0 };
	/* c = 3/2 - 14/11, d = 1/2 - 7/11, s^2 = (40/11 + 3/2) / 3. */
	assert_int_equal(cost_fit(g, 6, 1, 0.95, &c), 0);
	assert_int_equal(c.n, 7);
	assert_close(c.fixed.est, 5.0 / 22, 1e-14);
	assert_close(c.per_event.est, -3.0 / 22, 1e-14);
	assert_close(c.fixed.se, sqrt(s2 * 85 / 66), 1e-14);
	assert_close(c.per_event.se, sqrt(s2 * 19 / 22), 1e-14);
	assert_close(c.fixed.half, T975(3) * sqrt(s2 * 85 / 66), 1e-14);
	assert_close(c.r2, 265.0 / 1056, 1e-14);
}

static void
test_exact_lines_have_zero_error(void **state)
{
	/* Baseline y = r, ig y = 1 + 2r: c = 1, d = 1, RSS = 0. */
	static const struct cost_group g[] = {
		{ 1, 0, 1, 1, 0 }, { 2, 0, 1, 2, 0 }, { 3, 0, 1, 3, 0 },
		{ 1, 1, 1, 3, 0 }, { 2, 1, 1, 5, 0 }, { 3, 1, 1, 7, 0 },
	};
	struct model_cost c;

	(void)state;
	assert_int_equal(cost_fit(g, 6, 1, 0.95, &c), 0);
	assert_close(c.fixed.est, 1, 1e-14);
	assert_close(c.per_event.est, 1, 1e-14);
	assert_true(c.fixed.se < 1e-14 && c.per_event.half < 1e-14);
	assert_close(c.r2, 1, 1e-15);
}

static void
test_one_rate_cannot_be_fitted(void **state)
{
	static const struct cost_group g[] = {
		{ 8, 0, 3, 1, 0.5 }, { 8, 1, 3, 2, 0.5 }, { 16, 1, 3, 4, 0.5 },
	};
	static const struct cost_group two[] = {
		{ 8, 1, 1, 2, 0 }, { 16, 1, 1, 4, 0 },
	};
	struct model_cost c;

	(void)state;
	/* The baseline has a single rate: its slope is undetermined. */
	assert_int_equal(cost_fit(g, 3, 1, 0.95, &c), -1);
	assert_false(c.defined);
	/* Two rows, two parameters: no degree of freedom left. */
	assert_int_equal(cost_fit(two, 2, 0, 0.95, &c), -1);
}

static void
test_rate_on_one_side_still_counts(void **state)
{
	struct aggregate *a = new_aggregate();
	const struct model_gadget *g;
	struct model_cost want;
	struct model *m;
	struct cost_group gs[7];

	(void)state;
	add(a, "g", "baseline", 1, 1);
	add(a, "g", "baseline", 2, 2.5);
	add(a, "g", "baseline", 3, 2.5);
	add(a, "g", "baseline", 4, 5); /* no ig rows at 4 */
	add(a, "g", "ig", 1, 3);
	add(a, "g", "ig", 2, 5.5);
	add(a, "g", "ig", 2, 4.5);
	add(a, "g", "ig", 3, 7);
	add(a, "g", "other", 2, 1000); /* other cases take no part */
	m = finish(a);
	g = &m->gadgets[0];
	gs[0] = (struct cost_group){ 1, 0, 1, 1, 0 };
	gs[1] = (struct cost_group){ 2, 0, 1, 2.5, 0 };
	gs[2] = (struct cost_group){ 3, 0, 1, 2.5, 0 };
	gs[3] = (struct cost_group){ 4, 0, 1, 5, 0 };
	gs[4] = (struct cost_group){ 1, 1, 1, 3, 0 };
	gs[5] = (struct cost_group){ 2, 1, 2, 5, sqrt(0.5) };
	gs[6] = (struct cost_group){ 3, 1, 1, 7, 0 };
	assert_int_equal(cost_fit(gs, 7, 1, 0.95, &want), 0);
	assert_true(g->cost[METRIC_CPU].defined);
	assert_int_equal(g->cost[METRIC_CPU].n, 8);
	assert_close(g->cost[METRIC_CPU].per_event.est, want.per_event.est, 1e-14);
	assert_close(g->cost[METRIC_CPU].fixed.se, want.fixed.se, 1e-14);
	assert_close(g->cost[METRIC_MEM].r2, want.r2, 1e-14);
	/* The ig process: y = a + b*rate over the four ig rows. */
	assert_int_equal(g->cost[METRIC_IGCPU].n, 4);
	assert_close(g->cost[METRIC_IGCPU].per_event.est, 2, 1e-14);
	assert_close(g->cost[METRIC_IGMEM].fixed.est, 1, 1e-14);
	assert_false(g->cost[METRIC_LOST].defined);
	model_free(m);
}

static void
test_fewer_than_three_shared_rates_give_none(void **state)
{
	struct aggregate *a = new_aggregate();
	struct model *m;
	int k;

	(void)state;
	add(a, "g", "baseline", 1, 1);
	add(a, "g", "baseline", 2, 2);
	add(a, "g", "baseline", 3, 4);
	add(a, "g", "ig", 1, 2);
	add(a, "g", "ig", 2, 3);
	add(a, "g", "ig", 4, 9);
	m = finish(a);
	for (k = 0; k < METRIC__MAX; k++)
		assert_false(m->gadgets[0].cost[k].defined);
	model_free(m);
}

static void
test_dump_prints_cost_lines_after_overheads(void **state)
{
	struct aggregate *a = new_aggregate();
	struct model *m;
	char *buf = NULL, *cost;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	int r;

	(void)state;
	for (r = 1; r <= 3; r++) {
		add(a, "g", "baseline", r, r);
		add(a, "g", "ig", r, 1 + 2 * r);
	}
	m = finish(a);
	model_dump(m, out);
	fclose(out);
	cost = strstr(buf, "g\tcost\t");
	assert_non_null(cost);
	assert_null(strstr(cost, "overhead"));
	assert_string_equal(cost,
	    "g\tcost\tCpu\tfixed\t6\t1\t0\t0\n"
	    "g\tcost\tCpu\tper-event\t6\t1\t0\t0\n"
	    "g\tcost\tCpu\tr2\t6\t1\t-\t-\n"
	    "g\tcost\tMem\tfixed\t6\t1\t0\t0\n"
	    "g\tcost\tMem\tper-event\t6\t1\t0\t0\n"
	    "g\tcost\tMem\tr2\t6\t1\t-\t-\n"
	    "g\tcost\tIgCpu\tfixed\t3\t1\t0\t0\n"
	    "g\tcost\tIgCpu\tper-event\t3\t2\t0\t0\n"
	    "g\tcost\tIgCpu\tr2\t3\t1\t-\t-\n"
	    "g\tcost\tIgMem\tfixed\t3\t1\t0\t0\n"
	    "g\tcost\tIgMem\tper-event\t3\t2\t0\t0\n"
	    "g\tcost\tIgMem\tr2\t3\t1\t-\t-\n");
	free(buf);
	model_free(m);
}

static void
test_model_check_rejects_a_bad_cost(void **state)
{
	struct aggregate *a = new_aggregate();
	struct model *m;
	int r;

	(void)state;
	for (r = 1; r <= 3; r++) {
		add(a, "g", "baseline", r, r);
		add(a, "g", "ig", r, r * r);
	}
	m = finish(a);
	m->gadgets[0].cost[METRIC_CPU].fixed.se = -1;
	m->gadgets[0].cost[METRIC_IGMEM].r2 = 1.5;
	assert_int_equal(model_check(m, NULL), 2);
	model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_from_groups_matches_hand_fit),
		cmocka_unit_test(test_single_runs_line),
		cmocka_unit_test(test_two_cases_fixed_and_marginal_overhead),
		cmocka_unit_test(test_exact_lines_have_zero_error),
		cmocka_unit_test(test_one_rate_cannot_be_fitted),
		cmocka_unit_test(test_rate_on_one_side_still_counts),
		cmocka_unit_test(test_fewer_than_three_shared_rates_give_none),
		cmocka_unit_test(test_dump_prints_cost_lines_after_overheads),
		cmocka_unit_test(test_model_check_rejects_a_bad_cost),
	};

	return cmocka_run_group_tests_name("cost", tests, NULL, NULL);
}
