/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for history.c: run order against python's datetime (tests/data/trend/order.txt), labels, machines, series. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "aggregate.h"
#include "history.h"
#include "xalloc.h"

#define CPU_MEM ((1u << METRIC_CPU) | (1u << METRIC_MEM))

/* A run of gadget g: 3 rows of each case at rates 100 and 200, cpu around base. */
static struct model *
run_of(const char *date, const char *kernel, double base, int with_200)
{
	static const struct aggregate_origin origin = { 0, 2 };
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	struct model *m;
	double v[METRIC__MAX] = { 0 };
	int k, c, r;

	aggregate_add_input(a, "run.csv");
	aggregate_note_columns(a, CPU_MEM, 0);
	if (date != NULL)
		aggregate_add_meta(a, "Benchmark Date", date);
	aggregate_add_meta(a, "Kernel", kernel);
	for (r = 0; r < 1 + with_200; r++)
		for (c = 0; c < 2; c++)
			for (k = 0; k < 3; k++) {
				v[METRIC_CPU] = base * (c ? 1.5 : 1.0) + 0.01 * k + r;
				v[METRIC_MEM] = 1000.0 + 100.0 * c + k;
				assert_int_equal(aggregate_add(a, "g", 1,
				    c ? "ig" : "baseline", c ? 2 : 8, 100.0 * (r + 1),
				    v, CPU_MEM, &origin, &d), 0);
			}
	m = aggregate_finish(a, NULL, 0, &d);
	assert_non_null(m);
	diags_free(&d);
	return m;
}

/* Splits "a|b|c" in place into fields; their count. */
static size_t
split(char *s, char **f, size_t max)
{
	size_t n = 0;

	while (n < max) {
		f[n++] = s;
		if ((s = strchr(s, '|')) == NULL)
			break;
		*s++ = '\0';
	}
	return n;
}

static void
test_order_matches_reference(void **state)
{
	char *path = testutil_source_path("tests/data/trend/order.txt");
	FILE *f = fopen(path, "r");
	char line[4096], *fld[64], *p, *end;
	size_t order[64], n, i, cases = 0;
	const char *dates[64];
	enum history_order how;
	int rc;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		assert_true(split(line, fld, 64) >= 3);
		how = history_order_from_name(fld[0]);
		n = (size_t)atoi(fld[1]);
		for (i = 0; i < n; i++)
			dates[i] = fld[2 + i];
		rc = history_order_runs(dates, n, how, order);
		p = fld[2 + n];
		if (strcmp(p, "-1") == 0) {
			assert_int_equal(rc, -1);
			cases++;
			continue;
		}
		assert_true(rc >= 0);
		for (i = 0; i < n; i++, p = end)
			assert_int_equal(order[i], strtoul(p, &end, 10));
		cases++;
	}
	fclose(f);
	free(path);
	assert_int_equal(cases, 10);
}

static void
test_date_key_forms(void **state)
{
	long long a, b;

	(void)state;
	assert_int_equal(history_date_key("2025-09-10 14:05:12 UTC", &a), 0);
	assert_int_equal(history_date_key("2025-09-10T14:05:12Z", &b), 0);
	assert_true(a == b);
	assert_int_equal(history_date_key("2025-09-10", &a), 0);
	assert_true(a < b);
	assert_int_equal(history_date_key("2025-9-10", &a), -1);
	assert_int_equal(history_date_key("2025-09-10 25:00", &a), -1);
	assert_int_equal(history_date_key("2025-09-10 14:05 CEST", &a), -1);
	assert_int_equal(history_date_key("", &a), -1);
}

static void
test_label_checks(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_int_equal(history_check_label("v0.44.0", "x", &d), 0);
	assert_int_equal(history_check_label("", "=a.csv", &d), -1);
	assert_int_equal(history_check_label("a\tb", "x", &d), -1);
	assert_int_equal(history_check_label("\xff", "x", &d), -1);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.v[0].code, D_RUN_LABEL);
	diags_free(&d);
}

/* Labels: LABEL=, else the date, else the base name; runs sorted by date. */
static void
test_labels_and_date_order(void **state)
{
	struct history_input in[3] = {
		{ "dir/c.csv", NULL, NULL },
		{ "a.csv", NULL, "v1" },
		{ "b.csv", NULL, NULL },
	};
	struct diags d = { 0 };
	struct history *h;

	(void)state;
	in[0].model = run_of("2025-03-01", "6.8", 1.0, 1);
	in[1].model = run_of("2025-01-01", "6.8", 1.0, 1);
	in[2].model = run_of("2025-02-01 10:00", "6.8", 1.0, 1);
	h = history_new(in, 3, HISTORY_ORDER_AUTO, 0.95, &d);
	assert_non_null(h);
	assert_true(h->by_date);
	assert_string_equal(h->runs[0].label, "v1");
	assert_string_equal(h->runs[1].label, "2025-02-01 10:00");
	assert_string_equal(h->runs[2].label, "2025-03-01");
	assert_int_equal(h->runs[2].given, 0);
	assert_int_equal(h->nmachines, 1);
	assert_int_equal(d.n, 0);
	history_free(h);
	diags_free(&d);
}

static void
test_base_name_label_and_duplicates(void **state)
{
	struct history_input in[2] = {
		{ "x/run.csv", NULL, NULL },
		{ "y/run.csv", NULL, NULL },
	};
	struct diags d = { 0 };

	(void)state;
	in[0].model = run_of(NULL, "6.8", 1.0, 1);
	in[1].model = run_of(NULL, "6.8", 1.0, 1);
	assert_null(history_new(in, 2, HISTORY_ORDER_AUTO, 0.95, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_DUPLICATE_LABEL);
	diags_free(&d);
}

static void
test_order_date_needs_dates(void **state)
{
	struct history_input in[2] = {
		{ "a.csv", NULL, NULL },
		{ "b.csv", NULL, NULL },
	};
	struct diags d = { 0 };

	(void)state;
	in[0].model = run_of("2025-01-01", "6.8", 1.0, 1);
	in[1].model = run_of(NULL, "6.8", 1.0, 1);
	assert_null(history_new(in, 2, HISTORY_ORDER_DATE, 0.95, &d));
	assert_int_equal(d.v[0].code, D_NO_DATE);
	diags_free(&d);
}

/* Another kernel is another machine; a rate one run lacks is a gap. */
static void
test_machines_and_gaps(void **state)
{
	struct history_input in[3] = {
		{ "a.csv", NULL, NULL },
		{ "b.csv", NULL, NULL },
		{ "c.csv", NULL, NULL },
	};
	struct diags d = { 0 };
	const struct history_series *s;
	struct history *h;

	(void)state;
	in[0].model = run_of("2025-01-01", "6.8", 1.0, 1);
	in[1].model = run_of("2025-01-02", "6.9", 1.0, 1);
	in[2].model = run_of("2025-01-03", "6.8", 2.0, 0);
	h = history_new(in, 3, HISTORY_ORDER_ARGS, 0.95, &d);
	assert_non_null(h);
	assert_false(h->by_date);
	assert_int_equal(h->nmachines, 2);
	assert_int_equal(h->runs[1].machine, 1);
	assert_int_equal(h->runs[2].machine, 0);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].code, D_RUNS_MACHINES);
	assert_int_equal(d.v[1].code, D_TREND_GAPS);
	/* Per gadget: baseline, ig (2 metrics x 2 rates each), overhead (2 x 2). */
	assert_int_equal(h->nseries, 12);
	s = history_find(h, 0, HISTORY_IG, 200.0, METRIC_CPU);
	assert_non_null(s);
	assert_int_equal(s->ndefined, 2);
	assert_false(s->points[2].defined);
	s = history_find(h, 0, HISTORY_OVERHEAD, 100.0, METRIC_CPU);
	assert_non_null(s);
	assert_close(s->points[2].mean, 1.0, 1e-12);
	assert_null(history_find(h, 0, HISTORY_OVERHEAD, 100.0, METRIC_LOST));
	history_free(h);
	diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_matches_reference),
		cmocka_unit_test(test_date_key_forms),
		cmocka_unit_test(test_label_checks),
		cmocka_unit_test(test_labels_and_date_order),
		cmocka_unit_test(test_base_name_label_and_duplicates),
		cmocka_unit_test(test_order_date_needs_dates),
		cmocka_unit_test(test_machines_and_gaps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
