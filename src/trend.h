/* SPDX-License-Identifier: Apache-2.0 */
/* The analysis of a history: steps confirmed by Welch tests after a correction, the gate of the newest run, latest against best. */
#ifndef IGREPORT_TREND_H
#define IGREPORT_TREND_H

#include <stddef.h>
#include <stdio.h>

#include "compare.h"
#include "gate.h"
#include "history.h"
#include "stats.h"

struct trend_options {
	double level;     /* confidence level; a test is significant when q < 1 - level */
	double threshold; /* percent: smaller changes are not steps nor regressions */
	enum compare_correction correction;
	size_t window;    /* the gate's earlier runs, at most (>= 2) */
};

/* The default --window. */
#define TREND_WINDOW 10

/*
 * A step the fit put between two runs of one series on one machine, and
 * its test. The runs of the pieces on either side are pooled by their
 * means: each run's mean is one observation (n1 runs before, n2 after),
 * so that the spread between runs, not only within them, counts.
 */
struct trend_step {
	size_t series;        /* index into history.series */
	size_t machine;
	size_t before, after; /* runs (history order) on either side of the step */
	size_t n1, n2;        /* runs with a value in the pieces before and after */
	double mean1, mean2;  /* means of their run means */
	double sd1, sd2;      /* sds of their run means (0 when n < 2) */
	struct stats_welch w; /* Welch of after against before, at opt.level */
	double percent;       /* 100 delta / |mean1|; NaN when mean1 is 0 */
	double q;             /* p after the correction; NaN without a test */
	int found;            /* q < 1 - level and |percent| >= threshold */
};

/* The newest run of one series against its prediction interval. */
struct trend_gate {
	size_t series;
	struct gate_interval iv;
	double value;   /* the newest run's */
	double percent; /* 100 (value - iv.mean) / |iv.mean|; NaN when the mean is 0 */
	double p;       /* gate_p_above */
	double q;       /* after the correction over every gated series */
	int worse;      /* q < (1 - level) / 2, so above the corrected interval,
	                 * and percent > threshold */
};

struct trend {
	const struct history *h; /* borrowed */
	struct trend_options opt;
	struct trend_step *steps; /* every candidate; series order, then machine, then run */
	size_t nsteps;
	size_t nfound;
	size_t ntests;            /* the correction's family (see trend_build) */
	size_t newest;            /* the newest run (the last in history order) */
	size_t earlier;           /* runs of its machine before it */
	struct trend_gate *gate;  /* the series the gate could judge */
	size_t ngate;
	size_t nworse;
};

/*
 * Analyses h. For each series and machine with at least 4 runs having
 * a value, not all equal, the weighted L1 fit of the run means (step_fit, weights from
 * the runs' half-widths) proposes steps; each is tested by Welch between
 * the runs of the pieces on either side (struct trend_step). The family
 * of the correction has one member per series and machine fitted: each
 * candidate step, or a p of 1 for a fit without any, so that a history
 * of many series pays for its size whether or not the fit proposed
 * something. The gate judges the newest run: every series with a value
 * in it and in at least 2 of the opt.window latest earlier runs of its
 * machine, whose values there have some spread; p from gate_p_above,
 * corrected over them. The result borrows h.
 */
struct trend *trend_build(const struct history *h,
    const struct trend_options *opt);

/*
 * One line per step found, ordered by gadget, case, rate, metric (then
 * machine and run): GADGET TAB CASE TAB RATE TAB METRIC TAB BEFORE TAB
 * AFTER TAB CHANGE_PERCENT TAB P, numbers in %.17g, P the
 * corrected p-value. Returns -1 when writing fails.
 */
int trend_dump(const struct trend *t, FILE *out);

/*
 * The best run of series s on the newest run's machine (the lowest
 * value: every metric is lower-is-better) and how much the newest is
 * above it in percent (NaN when the best is 0). Returns the best run,
 * or (size_t)-1 when the newest run has no value.
 */
size_t trend_best(const struct trend *t, const struct history_series *s,
    double *percent);

void trend_free(struct trend *t);

#endif
