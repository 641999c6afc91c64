/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for gate.c: the prediction interval and its p-value against mpmath (tests/data/trend/gate.txt). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "gate.h"

static void
test_interval_matches_reference(void **state)
{
	char *path = testutil_source_path("tests/data/trend/gate.txt");
	FILE *f = fopen(path, "r");
	size_t k, i, cases = 0;
	double level, x[64], v, want[6];
	struct gate_interval iv;

	(void)state;
	assert_non_null(f);
	while (fscanf(f, "gate %zu %lf", &k, &level) == 2) {
		assert_true(k <= 64);
		for (i = 0; i < k; i++)
			assert_int_equal(fscanf(f, "%lf", &x[i]), 1);
		assert_int_equal(fscanf(f, "%lf", &v), 1);
		for (i = 0; i < 6; i++)
			assert_int_equal(fscanf(f, "%lf", &want[i]), 1);
		assert_int_equal(fscanf(f, "\n"), 0);
		assert_int_equal(gate_predict(x, k, level, &iv), 0);
		assert_int_equal(iv.k, k);
		assert_close(iv.mean, want[0], 1e-14);
		assert_close(iv.sd, want[1], 1e-12);
		assert_close(iv.t, want[2], 1e-12);
		assert_close(iv.low, want[3], 1e-12);
		assert_close(iv.high, want[4], 1e-12);
		assert_close(gate_p_above(&iv, v), want[5], 1e-10);
		cases++;
	}
	fclose(f);
	free(path);
	assert_int_equal(cases, 6);
}

static void
test_fewer_than_two_values_predict_nothing(void **state)
{
	const double x[] = { 1.0 };
	struct gate_interval iv = { 7, 1, 2, 3, 4, 5 };

	(void)state;
	assert_int_equal(gate_predict(x, 1, 0.95, &iv), -1);
	assert_int_equal(gate_predict(x, 0, 0.95, &iv), -1);
	assert_int_equal(iv.k, 7); /* untouched */
}

static void
test_no_spread_gives_no_p(void **state)
{
	const double x[] = { 2.0, 2.0, 2.0 };
	struct gate_interval iv;

	(void)state;
	assert_int_equal(gate_predict(x, 3, 0.95, &iv), 0);
	assert_true(iv.low == 2.0 && iv.high == 2.0);
	assert_true(isnan(gate_p_above(&iv, 3.0)));
}

/* A value on the high end has p (1 - level) / 2: the interval and the p agree. */
static void
test_high_end_has_half_alpha(void **state)
{
	const double x[] = { 10.0, 10.4, 9.7, 10.1, 9.9 };
	struct gate_interval iv;

	(void)state;
	assert_int_equal(gate_predict(x, 5, 0.9, &iv), 0);
	assert_close(gate_p_above(&iv, iv.high), 0.05, 1e-11);
	assert_close(gate_p_above(&iv, iv.mean), 0.5, 1e-14);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interval_matches_reference),
		cmocka_unit_test(test_fewer_than_two_values_predict_nothing),
		cmocka_unit_test(test_no_spread_gives_no_p),
		cmocka_unit_test(test_high_end_has_half_alpha),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
