/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the trend's JSON export: the steps found, the gate, every series per run with null for a gap, escaped labels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "aggregate.h"
#include "export_trend.h"
#include "xalloc.h"

#define NRUNS 8
#define METRICS ((1u << METRIC_CPU) | (1u << METRIC_IGCPU) | (1u << METRIC_MEM))

static const struct trend_options opts = { 0.95, 5.0,
	COMPARE_CORRECTION_HOLM, 10 };
static const struct export_info info = { "9.9", 0 };

/* Run i (from 1): IG CPU 0.5, +20% from run 5 on; run 3 lacks the rate 2000. */
static struct model *
run_of(int i)
{
	static const struct aggregate_origin origin = { 0, 2 };
	static const double wobble[] = { 0.0, 0.004, -0.003, 0.002, -0.004 };
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	double v[METRIC__MAX] = { 0 }, rate;
	struct model *m;
	int k, c;

	aggregate_add_input(a, "run.csv");
	aggregate_note_columns(a, METRICS, 0);
	for (rate = 1000; rate <= (i == 3 ? 1000 : 2000); rate += 1000)
		for (c = 0; c < 2; c++)
			for (k = 0; k < 5; k++) {
				double w = wobble[(k + i) % 5];

				v[METRIC_IGCPU] = c ? (i >= 5 ? 0.6 : 0.5) + w : 0;
				v[METRIC_CPU] = 1.0 + w + v[METRIC_IGCPU];
				v[METRIC_MEM] = 1000.0 + 100.0 * c + 10.0 * w;
				assert_int_equal(aggregate_add(a, "g", 1, c ? "ig" :
				    "baseline", c ? 2 : 8, rate, v, METRICS, &origin,
				    &d), 0);
			}
	m = aggregate_finish(a, NULL, 0, &d);
	assert_non_null(m);
	diags_free(&d);
	return m;
}

/* The JSON of the history of NRUNS runs labelled labels[i] (a trend, built and freed here). */
static char *
export_of(const char *const labels[NRUNS], enum export_kind kind)
{
	struct history_input in[NRUNS];
	struct diags d = { 0 };
	struct history *h;
	struct trend *t;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int i;

	for (i = 0; i < NRUNS; i++) {
		in[i].path = "dir/run.csv";
		in[i].label = labels[i];
		in[i].model = run_of(i + 1);
	}
	h = history_new(in, NRUNS, HISTORY_ORDER_ARGS, 0.95, &d);
	assert_non_null(h);
	t = trend_build(h, &opts);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(export_trend(f, t, &info, kind), 0);
	assert_int_equal(fclose(f), 0);
	trend_free(t);
	history_free(h);
	diags_free(&d);
	return buf;
}

static const char *const plain[NRUNS] = { "v1", "v2", "v3", "v4", "v5", "v6",
	"v7", "v8" };

static void
test_steps_gate_and_series(void **state)
{
	char *s = export_of(plain, EXPORT_JSON);
	const char *step;

	(void)state;
	assert_non_null(strstr(s, "\"schema\": \"igreport-trend/1\""));
	assert_non_null(strstr(s, "\"correction\": \"holm\", \"window\": 10"));
	/* The +20% step of IG CPU, between v4 and v5, with its test. */
	step = strstr(s, "\"steps\": [\n");
	assert_non_null(step);
	assert_non_null(strstr(step, "\"case\": \"ig\", \"rate\": 1000, "
	    "\"metric\": \"IgCpu\", \"before\": \"v4\", \"after\": \"v5\""));
	assert_non_null(strstr(step, "\"runs_before\": 4, \"runs_after\": 4"));
	assert_non_null(strstr(s, "\"newest\": \"v8\",\n"));
	assert_non_null(strstr(s, "\"earlier_runs\": 7,\n"));
	/* Run 3 lacks the rate 2000: a null in its place, no value made up. */
	assert_non_null(strstr(s, "\"rate\": 2000, \"metric\": \"IgCpu\", "
	    "\"points\": [{\"n\": 5, "));
	assert_non_null(strstr(s, "}, null, {\"n\": 5, "));
	assert_null(strstr(s, "NaN"));
	free(s);
}

/*
 * A label is the user's text: quotes and backslashes are escaped, never
 * written raw (controls and invisible characters never get this far: a
 * label with one is a usage error).
 */
static void
test_hostile_labels_escaped(void **state)
{
	const char *const hostile[NRUNS] = { "v1", "a\"b", "c\\d", "v4", "v5",
		"</script>", "v\xc3\xa9", "v8" };
	char *s = export_of(hostile, EXPORT_JSON);

	(void)state;
	assert_non_null(strstr(s, "\"label\": \"a\\\"b\""));
	assert_non_null(strstr(s, "\"label\": \"c\\\\d\""));
	assert_non_null(strstr(s, "\"label\": \"</script>\""));
	assert_non_null(strstr(s, "\"label\": \"v\xc3\xa9\""));
	free(s);
}

/* The dashboards get the newest run, as a report of it would give them. */
static void
test_dashboards_hold_the_newest_run(void **state)
{
	char *s = export_of(plain, EXPORT_BENCHER);

	(void)state;
	assert_non_null(strstr(s, "\"g/ig/1000\""));
	/* v8's IG CPU: 0.6 and its wobble, (0.6 * 5 - 0.001) / 5; not the history's. */
	assert_non_null(strstr(s, "\"IgCpu (%)\": {\"value\": 0.5997999"));
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steps_gate_and_series),
		cmocka_unit_test(test_hostile_labels_escaped),
		cmocka_unit_test(test_dashboards_hold_the_newest_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
