/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the dashboards' JSON: Bencher Metric Format and github-action-benchmark's custom array. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "export_bench.h"
#include "fixture.h"
#include "format.h"

static void
test_bencher_benchmarks_measures_and_interval(void **state)
{
	struct model *m = fixture_run(1, FIXTURE_ALL_METRICS);
	const struct model_gadget *g = &m->gadgets[0];
	const struct model_stat *st = &g->series[g->ig].cells[0].m[METRIC_CPU];
	char *s = fixture_export(m, NULL, EXPORT_BENCHER);
	char want[256], lo[FORMAT_EXACT_MAX], hi[FORMAT_EXACT_MAX];
	char v[FORMAT_EXACT_MAX];

	(void)state;
	format_exact(v, st->mean);
	format_exact(lo, st->mean - st->half);
	format_exact(hi, st->mean + st->half);
	snprintf(want, sizeof(want), "\"Cpu (%%)\": {\"value\": %s, "
	    "\"lower_value\": %s, \"upper_value\": %s}", v, lo, hi);
	assert_non_null(strstr(s, "\"trace_dns/ig/256\": {"));
	assert_non_null(strstr(s, want));
	assert_non_null(strstr(s, "\"Cpu overhead (points)\": {"));
	assert_non_null(strstr(s, "\"trace_dns/cost\": {"));
	assert_non_null(strstr(s, "\"Cpu per 1000 events/s (points)\": {"));
	assert_non_null(strstr(s, "\"IgMem fixed (MiB)\": {"));
	assert_int_equal(s[0], '{');
	free(s);
	model_free(m);
}

/* "a/b" + "c" and "a" + "b/c" would both be a/b/c: '/' and '%' are escaped. */
static void
test_bench_names_cannot_collide(void **state)
{
	static const struct fixture_row rows[] = {
		{ "a/b", "c", 100, { 1, 100, 0, 0, 0 } },
		{ "a", "b/c", 100, { 1, 100, 0, 0, 0 } },
		{ "a%2Fb", "c", 100, { 1, 100, 0, 0, 0 } },
	};
	struct model *m = fixture_model("in.csv", rows, 3, FIXTURE_ALL_METRICS,
	    NULL);
	char *s = fixture_export(m, NULL, EXPORT_BENCHER);

	(void)state;
	assert_non_null(strstr(s, "\"a%2Fb/c/100\""));
	assert_non_null(strstr(s, "\"a/b%2Fc/100\""));
	assert_non_null(strstr(s, "\"a%252Fb/c/100\""));
	free(s);
	model_free(m);
}

static void
test_benchmark_action_array_with_changes(void **state)
{
	struct fixture_pair p;
	char *s;

	(void)state;
	fixture_pair_new(&p, fixture_old_meta);
	s = fixture_export(NULL, p.c, EXPORT_BENCHMARK_ACTION);
	assert_int_equal(s[0], '[');
	assert_non_null(strstr(s, "{\"name\": \"trace_exec/ig/4096 IgCpu\", "
	    "\"unit\": \"%\", \"value\": "));
	assert_non_null(strstr(s, "\"range\": \"\xc2\xb1 "));
	assert_non_null(strstr(s, "\\nchange from OLD: "));
	assert_non_null(strstr(s, ", worse\"}"));
	/* NEW's own case and rate are there, without a change. */
	assert_non_null(strstr(s, "\"name\": \"trace_exec/stress/"));
	assert_non_null(strstr(s, "\"name\": \"trace_open/"));
	fixture_assert_plain_json(s);
	free(s);
	fixture_pair_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bencher_benchmarks_measures_and_interval),
		cmocka_unit_test(test_bench_names_cannot_collide),
		cmocka_unit_test(test_benchmark_action_array_with_changes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
