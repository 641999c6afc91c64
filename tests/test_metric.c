/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the metric table: the facts every output prints must not move. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "metric.h"

static void
test_names_are_the_csv_columns(void **state)
{
	static const char *const want[METRIC__MAX] = {
		[METRIC_CPU] = "Cpu", [METRIC_MEM] = "Mem",
		[METRIC_IGCPU] = "IgCpu", [METRIC_IGMEM] = "IgMem",
		[METRIC_LOST] = "Lost",
	};
	int m;

	(void)state;
	for (m = 0; m < METRIC__MAX; m++) {
		assert_string_equal(metric_name((enum metric)m), want[m]);
		assert_int_equal(metric_from_name(want[m]), m);
	}
}

static void
test_from_name_ignores_case(void **state)
{
	(void)state;
	assert_int_equal(metric_from_name("cpu"), METRIC_CPU);
	assert_int_equal(metric_from_name("IGMEM"), METRIC_IGMEM);
	assert_int_equal(metric_from_name("Cpu "), METRIC__MAX);
	assert_int_equal(metric_from_name(""), METRIC__MAX);
	assert_int_equal(metric_from_name("?"), METRIC__MAX);
}

/* compare's Metric column and per-case headings print these. */
static void
test_headings_as_compare_prints_them(void **state)
{
	(void)state;
	assert_string_equal(metric_heading(METRIC_CPU), "CPU (%)");
	assert_string_equal(metric_heading(METRIC_MEM), "Mem (MiB)");
	assert_string_equal(metric_heading(METRIC_IGCPU), "IG CPU (%)");
	assert_string_equal(metric_heading(METRIC_IGMEM), "IG Mem (MiB)");
	assert_string_equal(metric_heading(METRIC_LOST), "Lost (/s)");
}

static void
test_heading_is_label_and_unit(void **state)
{
	char buf[64];
	int m;

	(void)state;
	for (m = 0; m < METRIC__MAX; m++) {
		snprintf(buf, sizeof(buf), "%s (%s)", metric_label((enum metric)m),
		    metric_unit((enum metric)m));
		assert_string_equal(metric_heading((enum metric)m), buf);
	}
}

static void
test_delta_of_a_percentage_is_in_points(void **state)
{
	(void)state;
	assert_string_equal(metric_delta_unit(METRIC_CPU), "points");
	assert_string_equal(metric_delta_unit(METRIC_IGCPU), "points");
	assert_string_equal(metric_delta_unit(METRIC_MEM), "MiB");
	assert_string_equal(metric_delta_unit(METRIC_IGMEM), "MiB");
	assert_string_equal(metric_delta_unit(METRIC_LOST), "/s");
}

/* compare: CPU 2, memory 0, lost 1. */
static void
test_decimals_of_values_and_changes(void **state)
{
	(void)state;
	assert_int_equal(metric_decimals(METRIC_CPU), 2);
	assert_int_equal(metric_decimals(METRIC_MEM), 0);
	assert_int_equal(metric_decimals(METRIC_IGCPU), 2);
	assert_int_equal(metric_decimals(METRIC_IGMEM), 0);
	assert_int_equal(metric_decimals(METRIC_LOST), 1);
}

/* The report's template defaults show lost events whole, unlike compare. */
static void
test_report_decimals_show_lost_whole(void **state)
{
	(void)state;
	assert_int_equal(metric_report_decimals(METRIC_CPU), 2);
	assert_int_equal(metric_report_decimals(METRIC_MEM), 0);
	assert_int_equal(metric_report_decimals(METRIC_IGCPU), 2);
	assert_int_equal(metric_report_decimals(METRIC_IGMEM), 0);
	assert_int_equal(metric_report_decimals(METRIC_LOST), 0);
}

static void
test_every_metric_is_non_negative_and_lower_is_better(void **state)
{
	int m;

	(void)state;
	for (m = 0; m < METRIC__MAX; m++) {
		assert_false(metric_can_be_negative((enum metric)m));
		assert_true(metric_lower_is_better((enum metric)m));
	}
}

static void
test_out_of_range_metric_is_harmless(void **state)
{
	(void)state;
	assert_string_equal(metric_name(METRIC__MAX), "?");
	assert_string_equal(metric_label(METRIC__MAX), "?");
	assert_string_equal(metric_unit(METRIC__MAX), "?");
	assert_string_equal(metric_delta_unit(METRIC__MAX), "?");
	assert_string_equal(metric_heading(METRIC__MAX), "?");
	assert_int_equal(metric_decimals(METRIC__MAX), 0);
	assert_int_equal(metric_report_decimals(METRIC__MAX), 0);
	assert_false(metric_can_be_negative(METRIC__MAX));
	assert_false(metric_lower_is_better(METRIC__MAX));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_are_the_csv_columns),
		cmocka_unit_test(test_from_name_ignores_case),
		cmocka_unit_test(test_headings_as_compare_prints_them),
		cmocka_unit_test(test_heading_is_label_and_unit),
		cmocka_unit_test(test_delta_of_a_percentage_is_in_points),
		cmocka_unit_test(test_decimals_of_values_and_changes),
		cmocka_unit_test(test_report_decimals_show_lost_whole),
		cmocka_unit_test(test_every_metric_is_non_negative_and_lower_is_better),
		cmocka_unit_test(test_out_of_range_metric_is_harmless),
	};

	return cmocka_run_group_tests_name("metric", tests, NULL, NULL);
}
