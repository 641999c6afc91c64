/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tests of the summary sentences built from a model. How they reach the
 * cover is tested in test_produce.c; the Markdown tables of these runs in
 * test_render.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "aggregate.h"
#include "summary.h"

static const struct aggregate_origin origin = { 0, 2 };

static void
add(struct aggregate *a, const char *tcase, double rate, double cpu,
    double mem, double igcpu, double igmem, double lost)
{
	double v[METRIC__MAX] = { cpu, mem, igcpu, igmem, lost };
	struct diags d = { 0 };

	aggregate_add(a, "trace_exec", 10, tcase, strlen(tcase), rate, v,
	    (1u << METRIC__MAX) - 1, &origin, &d);
	diags_free(&d);
}

static struct model *
sample_model(int with_lost)
{
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	struct model *m;

	aggregate_add_input(a, "/home/me/runs/t.csv");
	aggregate_note_columns(a, (1u << METRIC__MAX) - 1, 1);
	add(a, "baseline", 4096, 1.0, 1000, 0, 0, 0);
	add(a, "baseline", 4096, 1.2, 1002, 0, 0, 0);
	add(a, "ig", 4096, 2.0, 1100, 0.8, 110, with_lost ? 12 : 0);
	add(a, "ig", 4096, 2.4, 1104, 1.0, 112, with_lost ? 14 : 0);
	add(a, "baseline", 8192, 2.0, 1010, 0, 0, 0);
	add(a, "baseline", 8192, 2.2, 1012, 0, 0, 0);
	add(a, "ig", 8192, 5.0, 1110, 2.6, 118, with_lost ? 30 : 0);
	add(a, "ig", 8192, 5.4, 1114, 2.8, 118, with_lost ? 40 : 0);
	m = aggregate_finish(a, NULL, 0, &d);
	assert_non_null(m);
	diags_free(&d);
	return m;
}

static struct model *
one_rate_model(const double base_cpu[2], const double ig_cpu[2],
    const double base_mem[2], const double ig_mem[2])
{
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	struct model *m;
	int i;

	aggregate_add_input(a, "t.csv");
	aggregate_note_columns(a, (1u << METRIC__MAX) - 1, 1);
	for (i = 0; i < 2; i++) {
		add(a, "baseline", 8192, base_cpu[i], base_mem[i], 0, 0, 0);
		add(a, "ig", 8192, ig_cpu[i], ig_mem[i], 1.0, 100, 0);
	}
	m = aggregate_finish(a, NULL, 0, &d);
	assert_non_null(m);
	diags_free(&d);
	return m;
}

static void
test_summary_reports_top_rate_overhead_and_process(void **state)
{
	struct model *m = sample_model(0);
	char *s = summary_gadget(m, &m->gadgets[0], 0);

	(void)state;
	assert_non_null(strstr(s, "trace_exec: at 8192 events/s"));
	assert_non_null(strstr(s, "host CPU rises by 3.10 \xc2\xb1 "));
	assert_non_null(strstr(s, "host memory rises by 101 \xc2\xb1 "));
	assert_non_null(strstr(s, "the ig process uses 2.70% CPU and 118 MiB"));
	assert_non_null(strstr(s, "no lost events."));
	free(s);
	model_free(m);
}

static void
test_summary_names_first_rate_with_lost_events(void **state)
{
	struct model *m = sample_model(1);
	char *s = summary_gadget(m, &m->gadgets[0], 0);

	(void)state;
	assert_non_null(strstr(s, "events are first lost at 4096 events/s (13 per second)"));
	free(s);
	model_free(m);
}

/* Three rates on both sides: CPU cost 1 point per 1000 events/s, memory constant but for noise. */
static struct model *
cost_model(const char *cpus)
{
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	struct model *m;
	double r;

	aggregate_add_input(a, "t.csv");
	aggregate_note_columns(a, (1u << METRIC__MAX) - 1, 1);
	if (cpus != NULL)
		aggregate_add_meta(a, "CPUs", cpus);
	for (r = 1000; r <= 3000; r += 1000) {
		add(a, "baseline", r, r / 1000, 1000, 0, 0, 0);
		add(a, "baseline", r, r / 1000 + 0.1, 1000 + r / 1000, 0, 0, 0);
		add(a, "ig", r, 2 * r / 1000 + 1, 1100, r / 2000, 100, 0);
		add(a, "ig", r, 2 * r / 1000 + 1.1, 1100 + (r == 2000), r / 2000 + 0.1,
		    101 - (r == 2000), 0);
	}
	m = aggregate_finish(a, NULL, 0, &d);
	assert_non_null(m);
	diags_free(&d);
	return m;
}

static void
test_summary_uses_the_cost_model(void **state)
{
	struct model *m = cost_model(NULL);
	char *s = summary_gadget(m, &m->gadgets[0], 0);

	(void)state;
	/* Only the ig process's memory fits badly (its slope is 0). */
	assert_string_equal(s, "trace_exec: +1.00 \xc2\xb1 0.10 points of host CPU "
	    "per 1000 events/s, +100 \xc2\xb1 3 MiB of host memory fixed; the ig "
	    "process uses 0.50 \xc2\xb1 0.09 points of CPU per 1000 events/s and "
	    "100 \xc2\xb1 2 MiB fixed; ig process memory does not grow linearly "
	    "with the rate (R\xc2\xb2 0.00); no lost events.");
	free(s);
	model_free(m);
}

static void
test_summary_gives_cpu_time_per_event_on_known_cpus(void **state)
{
	struct model *m = cost_model("8");
	char *s;

	(void)state;
	assert_int_equal(model_cpus(m), 8);
	/* d = 1e-3 points per event/s on 8 CPUs: 1e-3 / 100 x 8 s = 80 us. */
	s = summary_gadget(m, &m->gadgets[0], model_cpus(m));
	assert_non_null(strstr(s, "(80.0 \xc2\xb1 8.0 \xc2\xb5s of CPU time per event on 8 CPUs)"));
	free(s);
	s = summary_gadget(m, &m->gadgets[0], 1);
	assert_non_null(strstr(s, "(10.0 \xc2\xb1 1.0 \xc2\xb5s of CPU time per event on 1 CPU)"));
	free(s);
	model_free(m);
}

static void
test_cpus_line_must_be_a_whole_number(void **state)
{
	struct model *m;

	(void)state;
	m = cost_model("8 cores");
	assert_int_equal(model_cpus(m), 0);
	model_free(m);
	m = cost_model("0");
	assert_int_equal(model_cpus(m), 0);
	model_free(m);
}

static void
test_summary_gives_the_half_width_of_each_overhead(void **state)
{
	struct model *m = sample_model(0);
	char *s = summary_gadget(m, &m->gadgets[0], 0);

	(void)state;
	assert_non_null(strstr(s, "host CPU rises by 3.10 \xc2\xb1 1.38 points"));
	assert_non_null(strstr(s, "host memory rises by 101 \xc2\xb1 14 MiB"));
	free(s);
	model_free(m);
}

/* An overhead that rounds to zero at the metric's decimals (+0.004 points, +0.4 MiB) is not a rise. */
static void
test_summary_says_an_overhead_rounding_to_zero_does_not_change_measurably(
    void **state)
{
	const double base_cpu[2] = { 2.0, 2.2 }, ig_cpu[2] = { 2.0, 2.208 };
	const double base_mem[2] = { 1010, 1012 }, ig_mem[2] = { 1010, 1012.8 };
	struct model *m = one_rate_model(base_cpu, ig_cpu, base_mem, ig_mem);
	char *s = summary_gadget(m, &m->gadgets[0], 0);

	(void)state;
	assert_non_null(strstr(s, "with IG host CPU does not change measurably "
	    "and host memory does not change measurably;"));
	free(s);
	model_free(m);
}

/* A negative overhead falls, by its magnitude, with its half-width (1.3837, scipy). */
static void
test_summary_says_a_negative_overhead_falls(void **state)
{
	const double base_cpu[2] = { 2.0, 2.2 }, ig_cpu[2] = { 1.0, 1.4 };
	const double base_mem[2] = { 1010, 1012 }, ig_mem[2] = { 1110, 1114 };
	struct model *m = one_rate_model(base_cpu, ig_cpu, base_mem, ig_mem);
	char *s = summary_gadget(m, &m->gadgets[0], 0);

	(void)state;
	assert_non_null(strstr(s, "host CPU falls by 0.90 \xc2\xb1 1.38 points"));
	free(s);
	model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_reports_top_rate_overhead_and_process),
		cmocka_unit_test(test_summary_names_first_rate_with_lost_events),
		cmocka_unit_test(test_summary_gives_the_half_width_of_each_overhead),
		cmocka_unit_test(test_summary_says_an_overhead_rounding_to_zero_does_not_change_measurably),
		cmocka_unit_test(test_summary_says_a_negative_overhead_falls),
		cmocka_unit_test(test_summary_uses_the_cost_model),
		cmocka_unit_test(test_summary_gives_cpu_time_per_event_on_known_cpus),
		cmocka_unit_test(test_cpus_line_must_be_a_whole_number),
	};

	return cmocka_run_group_tests_name("summary", tests, NULL, NULL);
}
