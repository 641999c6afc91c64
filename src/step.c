/* SPDX-License-Identifier: Apache-2.0 */
/* Step detection: exact weighted L1 segmentation by dynamic programming, the number of pieces by a BIC-like criterion. */
#include "step.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static int
step_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void
step_weights(const double *half, size_t n, double *w)
{
	double *ok = xcalloc(n + 1, sizeof(*ok)), median = 1.0;
	size_t i, nok = 0;

	for (i = 0; i < n; i++)
		if (isfinite(half[i]) && half[i] > 0.0)
			ok[nok++] = 1.0 / half[i];
	if (nok > 0) {
		qsort(ok, nok, sizeof(*ok), step_cmp_double);
		median = nok % 2 ? ok[nok / 2] :
		    (ok[nok / 2 - 1] + ok[nok / 2]) / 2.0;
	}
	for (i = 0; i < n; i++)
		w[i] = isfinite(half[i]) && half[i] > 0.0 ?
		    1.0 / half[i] / median : 1.0;
	free(ok);
}

/* Inserts (y, w) into the ascending ys[0..len), ws alongside. */
static void
step_insert(double *ys, double *ws, size_t len, double y, double w)
{
	size_t at = len;

	while (at > 0 && ys[at - 1] > y) {
		ys[at] = ys[at - 1];
		ws[at] = ws[at - 1];
		at--;
	}
	ys[at] = y;
	ws[at] = w;
}

/* The L1 cost of the sorted points about their weighted median. */
static double
step_sorted_cost(const double *ys, const double *ws, size_t len)
{
	double total = 0.0, acc = 0.0, m, cost = 0.0;
	size_t i, j = 0;

	for (i = 0; i < len; i++)
		total += ws[i];
	/* The first point at which half the weight is reached minimises the cost. */
	for (j = 0; j < len; j++) {
		acc += ws[j];
		if (2.0 * acc >= total)
			break;
	}
	m = ys[j < len ? j : len - 1];
	for (i = 0; i < len; i++)
		cost += ws[i] * fabs(ys[i] - m);
	return cost;
}

double
step_l1(const double *y, const double *w, size_t n)
{
	double *ys = xcalloc(n, sizeof(*ys)), *ws = xcalloc(n, sizeof(*ws));
	double cost;
	size_t i;

	assert(n >= 1);
	for (i = 0; i < n; i++)
		step_insert(ys, ws, i, y[i], w[i]);
	cost = step_sorted_cost(ys, ws, n);
	free(ys);
	free(ws);
	return cost;
}

/* c[l * n + r]: the cost of the piece y[l..r], r >= l. */
static double *
step_piece_costs(const double *y, const double *w, size_t n)
{
	double *c = xcalloc(n * n, sizeof(*c));
	double *ys = xcalloc(n, sizeof(*ys)), *ws = xcalloc(n, sizeof(*ws));
	size_t l, r;

	for (l = 0; l < n; l++)
		for (r = l; r < n; r++) {
			step_insert(ys, ws, r - l, y[r], w[r]);
			c[l * n + r] = step_sorted_cost(ys, ws, r - l + 1);
		}
	free(ys);
	free(ws);
	return c;
}

/*
 * best[k * (n + 1) + r]: the least cost of y[0..r) in k + 1 pieces, and
 * from[...] where its last piece starts.
 */
static void
step_partitions(const double *c, size_t n, double *best, size_t *from)
{
	size_t k, r, j, row = n + 1;

	for (r = 1; r <= n; r++) {
		best[r] = c[r - 1];
		from[r] = 0;
	}
	for (k = 1; k < n; k++)
		for (r = k + 1; r <= n; r++) {
			double least = INFINITY;
			size_t at = k;

			for (j = k; j < r; j++) {
				double v = best[(k - 1) * row + j] + c[j * n + r - 1];

				if (v < least) {
					least = v;
					at = j;
				}
			}
			best[k * row + r] = least;
			from[k * row + r] = at;
		}
}

/* The number of pieces, 1 to n, that the criterion picks from the costs C(1..n). */
static size_t
step_choose(const double *cost, size_t n, double noise)
{
	double beta = 4.0 * log((double)n) / (double)n;
	double floor = fmax(noise, STEP_FLOOR * cost[0]), least = INFINITY;
	size_t k, pick = 1;

	if (!(cost[0] > 0.0))
		return 1;
	for (k = 1; k <= n; k++) {
		double obj = beta * (double)k + log(floor + cost[k - 1]);

		if (obj < least) {
			least = obj;
			pick = k;
		}
	}
	return pick;
}

size_t
step_fit(const double *y, const double *half, size_t n, size_t *ends,
    double *cost)
{
	double *c, *best, *costs, *w, noise = 0.0;
	size_t *from, k, i, r;

	assert(n >= 1 && n <= STEP_MAX);
	w = xcalloc(n, sizeof(*w));
	step_weights(half, n, w);
	for (i = 0; i < n; i++)
		if (isfinite(half[i]) && half[i] > 0.0)
			noise += STEP_NOISE_FLOOR * w[i] * half[i];
	c = step_piece_costs(y, w, n);
	best = xcalloc(n * (n + 1), sizeof(*best));
	from = xcalloc(n * (n + 1), sizeof(*from));
	costs = xcalloc(n, sizeof(*costs));
	step_partitions(c, n, best, from);
	for (k = 0; k < n; k++)
		costs[k] = best[k * (n + 1) + n];
	k = step_choose(costs, n, noise);
	for (i = k, r = n; i > 0; i--) {
		ends[i - 1] = r;
		r = from[(i - 1) * (n + 1) + r];
	}
	if (cost != NULL)
		memcpy(cost, costs, n * sizeof(*cost));
	free(w);
	free(c);
	free(best);
	free(from);
	free(costs);
	return k;
}
