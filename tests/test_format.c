/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of number formatting: fixed decimals, signs, intervals, rates, levels. */
#include <math.h>
#include <stdio.h>
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

/* format_exact's bytes against printf's %.17g, which it must give exactly. */
static void
check_exact(double x)
{
	char got[FORMAT_EXACT_MAX], want[FORMAT_EXACT_MAX];

	format_exact(got, x);
	snprintf(want, sizeof(want), "%.17g", x);
	if (strcmp(got, want) != 0)
		fail_msg("%a: format_exact gives %s, %%.17g %s", x, got, want);
}

/* A reproducible 64-bit sequence (splitmix64). */
static unsigned long long
next_bits(unsigned long long *s)
{
	unsigned long long z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * Every kind of double: any bit pattern, the values a report holds
 * (means, shares, rates in their ranges), exact halves at the 17th
 * digit, powers of ten and their neighbours, where the digit count and
 * the switch between fixed and exponent layouts change.
 */
static void
test_exact_is_printf(void **state)
{
	static const double edges[] = { 0.0, -0.0, 1, -1, 0.5, 0.1, 1e16, 1e17,
		9007199254740993.0, 1000000000000000.25, 1000000000000000.75,
		0.00012345678901234567, 0.0001, 0.00001, 99999999999999999.0,
		123456789012345678.0, 1e-11, 1e-12, 1e43, 1e44, 5e-324,
		2.2250738585072014e-308, 1.7976931348623157e308 };
	unsigned long long seed = 17, bits;
	double x, p;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		check_exact(edges[i]);
		check_exact(-edges[i]);
		check_exact(nextafter(edges[i], 0));
		check_exact(nextafter(edges[i], INFINITY));
	}
	for (k = -20; k <= 50; k++) {
		p = pow(10, k);
		check_exact(p);
		check_exact(nextafter(p, 0));
		check_exact(nextafter(p, INFINITY));
		check_exact(p * 9.999999999999999);
	}
	for (i = 0; i < 200000; i++) {
		bits = next_bits(&seed);
		memcpy(&x, &bits, sizeof(x));
		if (isfinite(x))
			check_exact(x);
		x = (double)(next_bits(&seed) % 100000000) / 1000.0;
		check_exact(x);
		check_exact(x / 7);
		check_exact(ldexp((double)(next_bits(&seed) >> 11),
		    (int)(next_bits(&seed) % 200) - 150));
		/* An odd multiple of a power of two ends in 5 at a digit near the 18th. */
		check_exact(ldexp((double)((next_bits(&seed) >> 11) | 1), -2 -
		    (int)(next_bits(&seed) % 8)));
	}
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
		cmocka_unit_test(test_exact_is_printf),
	};

	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
