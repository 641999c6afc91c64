/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for step.c: weights, L1 costs and the chosen pieces against an exhaustive search (tests/data/trend/step.txt). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "step.h"
#include "xalloc.h"

#define MAXN 32

struct step_case {
	size_t n, nends;
	double half[MAXN], y[MAXN], w[MAXN], cost[MAXN];
	size_t ends[MAXN];
};

/* Reads "NAME v1 .. vn" into v; the count. */
static size_t
read_doubles(FILE *f, const char *name, double *v)
{
	char line[8192], *p, *end;
	size_t n = 0;

	assert_non_null(fgets(line, sizeof(line), f));
	assert_int_equal(strncmp(line, name, strlen(name)), 0);
	p = line + strlen(name);
	for (;;) {
		double x = strtod(p, &end);

		if (end == p)
			break;
		assert_true(n < MAXN);
		v[n++] = x;
		p = end;
	}
	return n;
}

static int
read_case(FILE *f, struct step_case *c)
{
	double ends[MAXN];
	size_t i;

	if (fscanf(f, "step %zu\n", &c->n) != 1)
		return 0;
	assert_int_equal(read_doubles(f, "half", c->half), c->n);
	assert_int_equal(read_doubles(f, "y", c->y), c->n);
	assert_int_equal(read_doubles(f, "w", c->w), c->n);
	assert_int_equal(read_doubles(f, "cost", c->cost), c->n);
	c->nends = read_doubles(f, "ends", ends);
	for (i = 0; i < c->nends; i++)
		c->ends[i] = (size_t)ends[i];
	return 1;
}

static FILE *
open_ref(void)
{
	char *path = testutil_source_path("tests/data/trend/step.txt");
	FILE *f = fopen(path, "r");

	if (f == NULL)
		fail_msg("cannot open %s", path);
	free(path);
	return f;
}

static void
test_weights_match_reference(void **state)
{
	struct step_case c;
	double w[MAXN];
	size_t i, cases = 0;
	FILE *f = open_ref();

	(void)state;
	while (read_case(f, &c)) {
		step_weights(c.half, c.n, w);
		for (i = 0; i < c.n; i++)
			assert_close(w[i], c.w[i], 1e-14);
		cases++;
	}
	fclose(f);
	assert_true(cases >= 10);
}

/* Every C(k) against trying all 2^(n-1) partitions, and the pieces chosen. */
static void
test_fit_matches_exhaustive_search(void **state)
{
	struct step_case c;
	double cost[MAXN];
	size_t ends[MAXN], k, i;
	FILE *f = open_ref();

	(void)state;
	while (read_case(f, &c)) {
		k = step_fit(c.y, c.half, c.n, ends, cost);
		for (i = 0; i < c.n; i++)
			assert_close(cost[i], c.cost[i], 1e-12);
		assert_int_equal(k, c.nends);
		for (i = 0; i < k; i++)
			assert_int_equal(ends[i], c.ends[i]);
	}
	fclose(f);
}

static void
test_l1_is_weighted_median_cost(void **state)
{
	const double y[] = { 1.0, 2.0, 10.0 }, w[] = { 1.0, 1.0, 1.0 };
	const double w2[] = { 1.0, 1.0, 5.0 };

	(void)state;
	/* The median 2: |1-2| + 0 + |10-2|. */
	assert_close(step_l1(y, w, 3), 9.0, 1e-15);
	/* Weight 5 at 10 pulls the median there: 9 + 8. */
	assert_close(step_l1(y, w2, 3), 17.0, 1e-15);
}

static void
test_one_point_is_one_piece(void **state)
{
	const double y[] = { 3.0 }, half[] = { 0.1 };
	size_t ends[1];

	(void)state;
	assert_int_equal(step_fit(y, half, 1, ends, NULL), 1);
	assert_int_equal(ends[0], 1);
}

static void
test_constant_series_is_one_piece(void **state)
{
	const double y[] = { 2.0, 2.0, 2.0, 2.0, 2.0, 2.0 };
	const double half[] = { 0.1, 0.2, 0.1, 0.3, 0.1, 0.1 };
	size_t ends[6];

	(void)state;
	assert_int_equal(step_fit(y, half, 6, ends, NULL), 1);
	assert_int_equal(ends[0], 6);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weights_match_reference),
		cmocka_unit_test(test_fit_matches_exhaustive_search),
		cmocka_unit_test(test_l1_is_weighted_median_cost),
		cmocka_unit_test(test_one_point_is_one_piece),
		cmocka_unit_test(test_constant_series_is_one_piece),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
