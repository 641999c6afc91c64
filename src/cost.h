/* SPDX-License-Identifier: Apache-2.0 */
/* The cost model: per gadget, least-squares fits of each metric against the rate on the run-level rows. */
#ifndef IGREPORT_COST_H
#define IGREPORT_COST_H

#include <stddef.h>

#include "model.h"

/* A gadget needs this many rates measured on both sides for a cost fit. */
#define COST_MIN_SHARED_RATES 3

/*
 * The rows of one case at one rate, by their sufficient statistics: n
 * rows with mean and sample standard deviation sd (n - 1 denominator;
 * 0 when n == 1). ig is 1 for the ig case, 0 for baseline.
 */
struct cost_group {
	double rate;
	int ig;
	unsigned long n;
	double mean;
	double sd;
};

/*
 * Fits, by ordinary least squares on the rows the groups stand for,
 * y = a + b*rate + c*ig + d*rate*ig when with_case (p = 4; groups of
 * both cases), else y = a + b*rate (p = 2; the ig field is ignored).
 * out->fixed and out->per_event are c and d, or a and b, each with its
 * classical standard error and Student-t half-width at level (N - p
 * degrees of freedom); out->r2 is 1 - RSS/TSS (1 when TSS is 0).
 * Groups with n == 0 are skipped. Returns 0, or -1 with out->defined 0
 * when the fit is not determined: N <= p, or fewer than two distinct
 * rates in a case that is fitted.
 */
int cost_fit(const struct cost_group *groups, size_t ngroups, int with_case,
    double level, struct model_cost *out);

/*
 * Fills g->cost (Cpu and Mem over the baseline and ig rows, IgCpu and
 * IgMem over the ig rows) from g's cells when g has baseline and ig
 * series and at least COST_MIN_SHARED_RATES rates with rows on both
 * sides; otherwise leaves every g->cost undefined. Other cases take no
 * part; a rate with rows on one side only still contributes them.
 */
void cost_build(struct model_gadget *g, double level);

#endif
