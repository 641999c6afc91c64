/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of number formatting: fixed decimals, signs, intervals, rates, levels. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "format.h"

static void
test_fixed_rounds_and_drops_negative_zero(void **state)
{
	char buf[FORMAT_MAX];

	(void)state;
	format_fixed(buf, 12.345, 2);
	assert_string_equal(buf, "12.35");
	format_fixed(buf, -0.001, 2);
	assert_string_equal(buf, "0.00");
	format_fixed(buf, -0.4, 0);
	assert_string_equal(buf, "0");
	format_fixed(buf, -1.5, 1);
	assert_string_equal(buf, "-1.5");
}

static void
test_fixed_survives_huge_values(void **state)
{
	char buf[FORMAT_MAX];

	(void)state;
	format_fixed(buf, 1.7976931348623157e308, 2);
	assert_int_equal(strlen(buf), 312);
}

static void
test_mean_with_interval(void **state)
{
	char buf[FORMAT_MAX];

	(void)state;
	format_mean_ci(buf, 1.234, 0.056, 2, 1);
	assert_string_equal(buf, "1.23 \xc2\xb1 0.06");
	format_mean_ci(buf, 1.234, 0.056, 2, 0);
	assert_string_equal(buf, "1.23");
	format_mean_ci(buf, 1400.4, 0, 0, 1);
	assert_string_equal(buf, "1400");
}

static void
test_delta_has_explicit_sign(void **state)
{
	char buf[FORMAT_MAX];

	(void)state;
	format_delta_ci(buf, 3.1, 0.4, 2, 1);
	assert_string_equal(buf, "+3.10 \xc2\xb1 0.40");
	format_delta_ci(buf, -2, 0, 0, 1);
	assert_string_equal(buf, "-2");
	format_delta_ci(buf, -0.001, 0, 2, 1);
	assert_string_equal(buf, "0.00");
}

static void
test_rates_and_levels(void **state)
{
	char buf[FORMAT_MAX];

	(void)state;
	format_rate(buf, 8192);
	assert_string_equal(buf, "8192");
	format_rate(buf, 12.5);
	assert_string_equal(buf, "12.5");
	format_level(buf, 0.95);
	assert_string_equal(buf, "95");
	format_level(buf, 0.995);
	assert_string_equal(buf, "99.5");
	format_level(buf, 0.9);
	assert_string_equal(buf, "90");
}

static void
test_exact_reads_back_as_the_same_double(void **state)
{
	static const double x[] = { 0.1, 1.0 / 3, -0.0, 1e300, 5e-324,
		2.2250738585072014e-308, -1.7976931348623157e308, 1024 };
	char buf[FORMAT_EXACT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(x) / sizeof(x[0]); i++) {
		format_exact(buf, x[i]);
		assert_memory_equal(&(double){ strtod(buf, NULL) }, &x[i],
		    sizeof(double));
	}
	format_exact(buf, 1024);
	assert_string_equal(buf, "1024");
	format_exact(buf, 0.1);
	assert_string_equal(buf, "0.10000000000000001");
	format_exact(buf, -2.2250738585072014e-308);
	assert_true(strlen(buf) < FORMAT_EXACT_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_rounds_and_drops_negative_zero),
		cmocka_unit_test(test_fixed_survives_huge_values),
		cmocka_unit_test(test_mean_with_interval),
		cmocka_unit_test(test_delta_has_explicit_sign),
		cmocka_unit_test(test_rates_and_levels),
		cmocka_unit_test(test_exact_reads_back_as_the_same_double),
	};

	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
