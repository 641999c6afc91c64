/* SPDX-License-Identifier: Apache-2.0 */
/* Step detection: the weighted L1 piecewise-constant fit of a series, its number of pieces chosen by a BIC-like criterion. */
#ifndef IGREPORT_STEP_H
#define IGREPORT_STEP_H

#include <stddef.h>

/* Longest series step_fit takes (its work grows as the cube of n). */
#define STEP_MAX 256

/*
 * The weights of n points from the half-widths of their intervals:
 * w[i] = 1 / half[i], divided by the median of those weights, so that a
 * point measured twice as precisely counts twice as much. A half-width
 * that is 0, negative or not finite (a run of one row, or one without
 * spread) gets the median weight, 1; so do all when none has one.
 */
void step_weights(const double *half, size_t n, double *w);

/*
 * The weighted L1 cost of the constant fit of y[0..n): the minimum over
 * m of sum w[i] |y[i] - m| (attained at a weighted median). n >= 1.
 */
double step_l1(const double *y, const double *w, size_t n);

/*
 * Fits the run means y[0..n) (1 <= n <= STEP_MAX), whose intervals have
 * the half-widths half[0..n), by a piecewise constant function: with the
 * weights w of step_weights, for each number of pieces k the partition
 * into k runs of consecutive points with the least total weighted L1
 * cost C(k) (exact, by dynamic programming); then the k that minimises
 *     beta k + ln(sigma0 + C(k)),  beta = 4 ln(n) / n:
 * the Schwarz criterion of a Laplace model with unknown scale (L1
 * residuals, a penalty per piece that grows with ln n). sigma0 is a
 * floor under the residual cost, so that fitting the noise itself does
 * not win by a logarithm going to minus infinity: the cost of residuals
 * of STEP_NOISE_FLOOR of each run's half-width, sum w[i] half[i]
 * STEP_NOISE_FLOOR, and at least STEP_FLOOR C(1) (all a series without
 * intervals has). Ties go to the fewer pieces; a series without any
 * scatter (C(1) = 0) is one piece.
 * Writes the end (exclusive) of each piece in ends[0..k), ascending, the
 * last being n, and, when cost is not NULL, C(1..n) in cost[0..n).
 * Returns k.
 */
#define STEP_NOISE_FLOOR 0.1
#define STEP_FLOOR 1e-3
size_t step_fit(const double *y, const double *half, size_t n, size_t *ends,
    double *cost);

#endif
