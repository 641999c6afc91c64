/* SPDX-License-Identifier: Apache-2.0 */
/* The gate of the newest run: a Student-t prediction interval from the runs before it. */
#ifndef IGREPORT_GATE_H
#define IGREPORT_GATE_H

#include <stddef.h>

/* Where the next value of a series is expected, from k earlier values. */
struct gate_interval {
	size_t k;    /* earlier values used */
	double mean; /* their mean */
	double sd;   /* their sample standard deviation (k - 1 denominator) */
	double t;    /* t quantile ((1 + level) / 2, k - 1) */
	double low, high; /* mean -+ t sd sqrt(1 + 1/k) */
};

/*
 * The two-sided prediction interval at level (0 < level < 1) for one
 * more value drawn as x[0..k) were: mean +- t sd sqrt(1 + 1/k). Returns
 * 0, or -1 (out untouched) when k < 2.
 */
int gate_predict(const double *x, size_t k, double level,
    struct gate_interval *out);

/*
 * The one-sided p-value of a new value v above the interval's mean:
 * P(T > (v - mean) / (sd sqrt(1 + 1/k))) for T of Student's t with k - 1
 * degrees of freedom; so v is above the interval's high end exactly when
 * this is below (1 - level) / 2. NaN when sd is 0 (no spread: the
 * interval predicts nothing).
 */
double gate_p_above(const struct gate_interval *iv, double v);

#endif
