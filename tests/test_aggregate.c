/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the aggregation: grouping, statistics per group, the join by rate, overheads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "aggregate.h"
#include "stats.h"

static const struct aggregate_origin origin = { 0, 2 };

static void
add(struct aggregate *a, const char *gadget, const char *tcase, double rate,
    double cpu, double mem)
{
	double v[METRIC__MAX] = { cpu, mem, 0, 0, 0 };
	struct diags d = { 0 };

	assert_int_equal(aggregate_add(a, gadget, strlen(gadget), tcase,
	    strlen(tcase), rate, v, (1u << METRIC_CPU) | (1u << METRIC_MEM),
	    &origin, &d), 0);
	assert_int_equal(d.n, 0);
}

static struct aggregate *
new_aggregate(void)
{
	struct aggregate *a = aggregate_new(0.95);

	aggregate_add_input(a, "dir/t.csv");
	aggregate_note_columns(a, (1u << METRIC_CPU) | (1u << METRIC_MEM), 0);
	return a;
}

static struct model *
finish(struct aggregate *a, struct diags *d)
{
	struct model *m = aggregate_finish(a, NULL, 0, d);

	assert_non_null(m);
	assert_int_equal(model_check(m, stderr), 0);
	return m;
}

static void
test_mean_sd_and_half_width(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	struct model *m;
	const struct model_stat *st;

	(void)state;
	add(a, "g", "baseline", 256, 1.0, 10);
	add(a, "g", "baseline", 256, 2.0, 10);
	add(a, "g", "baseline", 256, 4.0, 10);
	m = finish(a, &d);
	st = &m->gadgets[0].series[0].cells[0].m[METRIC_CPU];
	assert_int_equal(st->n, 3);
	assert_close(st->mean, 7.0 / 3, 1e-15);
	assert_close(st->sd, sqrt(((1 - 7.0 / 3) * (1 - 7.0 / 3) +
	    (2 - 7.0 / 3) * (2 - 7.0 / 3) + (4 - 7.0 / 3) * (4 - 7.0 / 3)) / 2),
	    1e-14);
	/* t(0.975, 2) = 0.95 / sqrt(0.04875) exactly (scipy says ...911275) */
	assert_close(st->half, st->sd / sqrt(3) * 4.302652729749464, 1e-12);
	/* constant memory: sd and half-width exactly 0 */
	assert_true(m->gadgets[0].series[0].cells[0].m[METRIC_MEM].sd == 0);
	model_free(m);
	diags_free(&d);
}

static void
test_single_run_has_zero_half_width(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	struct model *m;

	(void)state;
	add(a, "g", "ig", 5, 3.5, 10);
	m = finish(a, &d);
	assert_int_equal(m->gadgets[0].series[0].cells[0].m[METRIC_CPU].n, 1);
	assert_true(m->gadgets[0].series[0].cells[0].m[METRIC_CPU].half == 0);
	assert_int_equal(d.v[0].code, D_NO_BASELINE);
	model_free(m);
	diags_free(&d);
}

static void
test_gadgets_in_order_of_appearance_rates_ascending(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	struct model *m;

	(void)state;
	add(a, "zeta", "baseline", 512, 1, 1);
	add(a, "alpha", "baseline", 1, 1, 1);
	add(a, "zeta", "baseline", 128, 1, 1);
	add(a, "zeta", "ig", 256, 1, 1);
	m = finish(a, &d);
	assert_int_equal(m->ngadgets, 2);
	assert_string_equal(m->gadgets[0].name, "zeta");
	assert_string_equal(m->gadgets[1].name, "alpha");
	assert_int_equal(m->gadgets[0].nrates, 3);
	assert_close(m->gadgets[0].rates[0], 128, 0);
	assert_close(m->gadgets[0].rates[1], 256, 0);
	assert_close(m->gadgets[0].rates[2], 512, 0);
	model_free(m);
	diags_free(&d);
}

/*
 * The notebook pairs baseline and ig aggregates by position; we join them
 * by rate, so a rate measured on one side only is a gap, never a shift.
 */
static void
test_rates_joined_by_value_not_position(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	struct model *m;
	const struct model_gadget *g;

	(void)state;
	add(a, "g", "baseline", 1024, 1, 1);
	add(a, "g", "baseline", 2048, 2, 1);
	add(a, "g", "ig", 2048, 3, 1);
	add(a, "g", "ig", 4096, 5, 1);
	m = finish(a, &d);
	g = &m->gadgets[0];
	assert_int_equal(g->nrates, 3);
	assert_int_equal(g->series[g->baseline].cells[2].rows, 0);
	assert_int_equal(g->series[g->ig].cells[0].rows, 0);
	assert_close(g->series[g->ig].cells[1].m[METRIC_CPU].mean, 3, 0);
	assert_false(g->overhead[0].m[METRIC_CPU].defined);
	assert_true(g->overhead[1].m[METRIC_CPU].defined);
	assert_close(g->overhead[1].m[METRIC_CPU].delta, 1, 0);
	assert_false(g->overhead[2].m[METRIC_CPU].defined);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].code, D_RATE_ONE_SIDE);
	assert_string_equal(d.v[0].detail, "g at 1024 events/s has no ig rows");
	assert_string_equal(d.v[1].detail, "g at 4096 events/s has no baseline rows");
	model_free(m);
	diags_free(&d);
}

static void
test_other_cases_follow_baseline_and_ig(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	struct model *m;

	(void)state;
	add(a, "g", "ig-fast", 1, 1, 1);
	add(a, "g", "ig", 1, 1, 1);
	add(a, "g", "baseline", 1, 1, 1);
	m = finish(a, &d);
	assert_int_equal(m->gadgets[0].nseries, 3);
	assert_string_equal(m->gadgets[0].series[0].name, "baseline");
	assert_string_equal(m->gadgets[0].series[1].name, "ig");
	assert_string_equal(m->gadgets[0].series[2].name, "ig-fast");
	model_free(m);
	diags_free(&d);
}

static void
test_overhead_uses_welch_interval(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	struct model *m;
	struct stats_welch w;
	const struct model_cell *b, *i;

	(void)state;
	add(a, "g", "baseline", 1, 1.0, 100);
	add(a, "g", "baseline", 1, 1.2, 101);
	add(a, "g", "baseline", 1, 1.1, 99);
	add(a, "g", "ig", 1, 2.0, 120);
	add(a, "g", "ig", 1, 2.6, 124);
	m = finish(a, &d);
	b = &m->gadgets[0].series[0].cells[0];
	i = &m->gadgets[0].series[1].cells[0];
	stats_welch(b->m[METRIC_CPU].n, b->m[METRIC_CPU].mean, b->m[METRIC_CPU].sd,
	    i->m[METRIC_CPU].n, i->m[METRIC_CPU].mean, i->m[METRIC_CPU].sd, 0.95,
	    &w);
	assert_close(m->gadgets[0].overhead[0].m[METRIC_CPU].delta, 2.3 - 1.1,
	    1e-14);
	assert_close(m->gadgets[0].overhead[0].m[METRIC_CPU].half, w.half, 0);
	assert_true(w.half > 0);
	assert_false(m->gadgets[0].overhead[0].m[METRIC_IGCPU].defined);
	model_free(m);
	diags_free(&d);
}

static void
test_gadget_filter_and_unknown_name(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	const char *only[] = { "b", "nosuch" };
	struct model *m;

	(void)state;
	add(a, "a", "baseline", 1, 1, 1);
	add(a, "b", "baseline", 1, 1, 1);
	m = aggregate_finish(a, only, 2, &d);
	assert_non_null(m);
	assert_int_equal(m->ngadgets, 1);
	assert_string_equal(m->gadgets[0].name, "b");
	assert_int_equal(d.v[d.n - 1].code, D_GADGET_NOT_FOUND);
	model_free(m);
	diags_free(&d);
}

static void
test_no_gadget_left_is_an_error(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	const char *only[] = { "nosuch" };

	(void)state;
	add(a, "a", "baseline", 1, 1, 1);
	assert_null(aggregate_finish(a, only, 1, &d));
	assert_true(diags_failed(&d));
	/* Not "no data rows": the rows were there, the name matched none. */
	assert_int_equal(d.v[d.n - 1].code, D_NO_GADGET_MATCHED);
	assert_string_equal(d.v[d.n - 1].detail, "the input holds a");
	diags_free(&d);
}

static void
test_baseline_and_ig_in_any_letter_case(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	struct model *m;

	(void)state;
	add(a, "g", "Baseline", 1, 1, 1);
	add(a, "g", "BASELINE", 1, 2, 1);
	add(a, "g", "Ig", 1, 3, 1);
	add(a, "g", "Igx", 1, 3, 1);
	m = finish(a, &d);
	assert_int_equal(m->gadgets[0].nseries, 3);
	assert_int_equal(m->gadgets[0].baseline, 0);
	assert_int_equal(m->gadgets[0].ig, 1);
	assert_string_equal(m->gadgets[0].series[0].name, "baseline");
	assert_int_equal(m->gadgets[0].series[0].cells[0].rows, 2);
	assert_string_equal(m->gadgets[0].series[2].name, "Igx");
	assert_int_equal(d.n, 0);
	model_free(m);
	diags_free(&d);
}

static void
test_machine_conflicts_name_the_keys(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	struct model *m;
	char *keys = NULL;

	(void)state;
	aggregate_add_meta(a, "Processor", "X");
	aggregate_add_meta(a, "Memory", "32 GB");
	aggregate_add_meta(a, "Host", "a");
	aggregate_add_meta(a, "Processor", "Y");
	aggregate_add_meta(a, "Processor", "Z");
	aggregate_add_meta(a, "Host", "b");
	aggregate_add_meta(a, "kernel", "6.1");
	aggregate_add_meta(a, "Kernel", "6.5");
	aggregate_add_meta(a, "Memory", "32 GB");
	add(a, "g", "baseline", 1, 1, 1);
	m = finish(a, &d);
	/* Host differs but says nothing about comparability; Processor is named once. */
	assert_int_equal(model_machine_conflicts(m, &keys), 2);
	assert_string_equal(keys, "Processor, Kernel");
	free(keys);
	model_free(m);
	diags_free(&d);
}

static void
test_input_names_are_base_names(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	struct model *m;

	(void)state;
	aggregate_add_input(a, "-");
	add(a, "g", "baseline", 1, 1, 1);
	m = finish(a, &d);
	assert_string_equal(m->inputs[0].path, "dir/t.csv");
	assert_string_equal(m->inputs[0].name, "t.csv");
	assert_string_equal(m->inputs[1].name, "stdin");
	model_free(m);
	diags_free(&d);
}

static void
test_too_many_groups_reported_once(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	double v[METRIC__MAX] = { 1, 1, 0, 0, 0 };
	unsigned long i;
	int failures = 0;

	(void)state;
	for (i = 0; i < AGGREGATE_MAX_GROUPS + 10; i++)
		failures -= aggregate_add(a, "g", 1, "ig", 2, (double)i, v, 3,
		    &origin, &d);
	assert_int_equal(failures, 10);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_TOO_MANY_GROUPS);
	aggregate_free(a);
	diags_free(&d);
}

static void
test_dump_format(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	struct model *m;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	(void)state;
	add(a, "g", "baseline", 256, 1, 10);
	add(a, "g", "ig", 256, 2, 12);
	m = finish(a, &d);
	model_dump(m, out);
	fclose(out);
	assert_string_equal(buf,
	    "g\tbaseline\t256\tCpu\t1\t1\t0\t0\n"
	    "g\tbaseline\t256\tMem\t1\t10\t0\t0\n"
	    "g\tig\t256\tCpu\t1\t2\t0\t0\n"
	    "g\tig\t256\tMem\t1\t12\t0\t0\n"
	    "g\toverhead\t256\tCpu\t-\t1\t-\t0\n"
	    "g\toverhead\t256\tMem\t-\t2\t-\t0\n");
	free(buf);
	model_free(m);
	diags_free(&d);
}

static void
test_model_check_finds_broken_invariants(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	struct model *m;

	(void)state;
	add(a, "g", "baseline", 1, 1, 1);
	add(a, "g", "baseline", 2, 1, 1);
	m = finish(a, &d);
	m->gadgets[0].rates[1] = m->gadgets[0].rates[0];
	m->gadgets[0].series[0].cells[0].m[METRIC_CPU].half = -1;
	assert_int_equal(model_check(m, NULL), 2);
	model_free(m);
	diags_free(&d);
}

/* Rows split between a and a part, then merged, give the sequential model. */
static void
test_merge_keeps_order_counts_and_lines(void **state)
{
	struct aggregate *a = new_aggregate(), *part = aggregate_new_part(a);
	const struct aggregate *parts[1];
	struct diags d = { 0 };
	struct aggregate_origin late = { 0, 7 };
	double v[METRIC__MAX] = { 3, 30, 0, 0, 0 };
	const char *cell[RAW__MAX] = { "h", "ig", "1", "512", "3", "30", "", "", "" };
	struct model *m;

	(void)state;
	add(a, "g", "baseline", 256, 1.0, 10);
	add(a, "g", "ig", 256, 2.0, 20);
	assert_int_equal(aggregate_add(part, "h", 1, "ig", 2, 512, v,
	    (1u << METRIC_CPU) | (1u << METRIC_MEM), &late, &d), 0);
	aggregate_add_raw(part, cell, 0);
	add(part, "g", "baseline", 256, 3.0, 10);
	add(part, "g", "other", 256, 3.0, 10);
	parts[0] = part;
	assert_true(aggregate_merge_fits(a, parts, 1));
	aggregate_merge(a, part, 100);
	m = finish(a, &d);
	assert_int_equal(m->ngadgets, 2);
	assert_string_equal(m->gadgets[0].name, "g");
	assert_string_equal(m->gadgets[1].name, "h");
	assert_int_equal(m->gadgets[0].nseries, 3);
	assert_string_equal(m->gadgets[0].series[2].name, "other");
	assert_int_equal(m->gadgets[0].series[0].cells[0].m[METRIC_CPU].n, 2);
	assert_close(m->gadgets[0].series[0].cells[0].m[METRIC_CPU].mean, 2, 1e-15);
	assert_close(m->gadgets[0].series[0].cells[0].m[METRIC_CPU].sd, sqrt(2), 1e-15);
	assert_int_equal(m->total_rows, 5);
	assert_int_equal(m->nraw, 1);
	assert_string_equal(m->raw[0].cell[RAW_GADGET], "h");
	/* h has no baseline: the warning points at its first row, shifted. */
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_NO_BASELINE);
	assert_int_equal(d.v[0].line, 107);
	model_free(m);
	diags_free(&d);
}

/* Each group keeps its rows' values in input order while it has at most MODEL_MAX_RUNS rows. */
static void
test_runs_kept_in_order_up_to_the_limit(void **state)
{
	struct aggregate *a = new_aggregate();
	struct diags d = { 0 };
	double out[MODEL_MAX_RUNS];
	struct model *m;
	const struct model_cell *small, *big;
	int i;

	(void)state;
	add(a, "g", "baseline", 256, 3.0, 30);
	add(a, "g", "ig", 256, 9.0, 90);
	add(a, "g", "baseline", 256, 1.0, 10);
	add(a, "g", "baseline", 256, 2.0, 20);
	for (i = 0; i < MODEL_MAX_RUNS + 1; i++)
		add(a, "g", "ig", 512, i, 1);
	add(a, "g", "baseline", 512, 1, 1);
	m = finish(a, &d);
	small = &m->gadgets[0].series[0].cells[0];
	assert_int_equal(small->nruns, 3);
	assert_int_equal(model_cell_runs(small, METRIC_CPU, out), 3);
	assert_true(out[0] == 3 && out[1] == 1 && out[2] == 2);
	assert_int_equal(model_cell_runs(small, METRIC_MEM, out), 3);
	assert_true(out[0] == 30 && out[1] == 10 && out[2] == 20);
	/* A column the rows do not have gives no values. */
	assert_int_equal(model_cell_runs(small, METRIC_LOST, out), 0);
	/* 51 rows: the group keeps none, so memory stays bounded per group. */
	big = &m->gadgets[0].series[1].cells[1];
	assert_int_equal(big->rows, MODEL_MAX_RUNS + 1);
	assert_null(big->runs);
	assert_int_equal(model_cell_runs(big, METRIC_CPU, out), 0);
	model_free(m);
	diags_free(&d);
}

/* Merged parts keep the runs in input order, and drop them past the limit. */
static void
test_merge_keeps_runs_in_order(void **state)
{
	struct aggregate *a = new_aggregate(), *part = aggregate_new_part(a);
	struct aggregate *b = new_aggregate(), *pb = aggregate_new_part(b);
	const struct aggregate *parts[1];
	struct diags d = { 0 };
	double out[MODEL_MAX_RUNS];
	struct model *m;
	int i;

	(void)state;
	add(a, "g", "baseline", 256, 1.0, 10);
	add(a, "g", "ig", 256, 2.0, 20);
	add(part, "g", "baseline", 256, 5.0, 10);
	add(part, "g", "ig", 256, 6.0, 10);
	add(part, "g", "ig", 256, 7.0, 10);
	parts[0] = part;
	assert_true(aggregate_merge_fits(a, parts, 1));
	aggregate_merge(a, part, 100);
	m = finish(a, &d);
	assert_int_equal(model_cell_runs(&m->gadgets[0].series[1].cells[0],
	    METRIC_CPU, out), 3);
	assert_true(out[0] == 2 && out[1] == 6 && out[2] == 7);
	model_free(m);

	for (i = 0; i < MODEL_MAX_RUNS; i++)
		add(b, "g", "baseline", 256, i, 1);
	add(pb, "g", "baseline", 256, 99, 1);
	add(pb, "g", "ig", 256, 99, 1);
	parts[0] = pb;
	assert_true(aggregate_merge_fits(b, parts, 1));
	aggregate_merge(b, pb, 100);
	m = finish(b, &d);
	assert_int_equal(m->gadgets[0].series[0].cells[0].rows, MODEL_MAX_RUNS + 1);
	assert_int_equal(m->gadgets[0].series[0].cells[0].nruns, 0);
	assert_int_equal(m->gadgets[0].series[1].cells[0].nruns, 1);
	model_free(m);
	diags_free(&d);
}

static void
test_merge_refused_past_the_limits(void **state)
{
	struct aggregate *a = new_aggregate(), *part = aggregate_new_part(a);
	const struct aggregate *parts[1] = { part };
	char name[16];
	int i;

	(void)state;
	for (i = 0; i < AGGREGATE_MAX_GADGETS / 2 + 1; i++) {
		snprintf(name, sizeof(name), "a%d", i);
		add(a, name, "ig", 1, 1, 1);
		snprintf(name, sizeof(name), "p%d", i);
		add(part, name, "ig", 1, 1, 1);
	}
	assert_false(aggregate_merge_fits(a, parts, 1));
	aggregate_free(part);
	aggregate_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mean_sd_and_half_width),
		cmocka_unit_test(test_single_run_has_zero_half_width),
		cmocka_unit_test(test_gadgets_in_order_of_appearance_rates_ascending),
		cmocka_unit_test(test_rates_joined_by_value_not_position),
		cmocka_unit_test(test_other_cases_follow_baseline_and_ig),
		cmocka_unit_test(test_overhead_uses_welch_interval),
		cmocka_unit_test(test_gadget_filter_and_unknown_name),
		cmocka_unit_test(test_no_gadget_left_is_an_error),
		cmocka_unit_test(test_baseline_and_ig_in_any_letter_case),
		cmocka_unit_test(test_machine_conflicts_name_the_keys),
		cmocka_unit_test(test_input_names_are_base_names),
		cmocka_unit_test(test_too_many_groups_reported_once),
		cmocka_unit_test(test_dump_format),
		cmocka_unit_test(test_model_check_finds_broken_invariants),
		cmocka_unit_test(test_merge_keeps_order_counts_and_lines),
		cmocka_unit_test(test_merge_refused_past_the_limits),
		cmocka_unit_test(test_runs_kept_in_order_up_to_the_limit),
		cmocka_unit_test(test_merge_keeps_runs_in_order),
	};

	return cmocka_run_group_tests_name("aggregate", tests, NULL, NULL);
}
