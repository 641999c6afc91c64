/* SPDX-License-Identifier: Apache-2.0 */
/* Statistics: Welford accumulators, Student t quantile and CDF, confidence intervals. */
#ifndef IGREPORT_STATS_H
#define IGREPORT_STATS_H

/* A one-pass, numerically stable accumulator of count, mean and squared deviations. */
struct welford {
	unsigned long n;
	double mean;
	double m2; /* sum of squared deviations from the mean */
};

/*
 * Adds one observation. Inline: it runs once per metric and row, and the
 * aggregation of a large file spends a tenth of its time in the call.
 */
static inline void
welford_add(struct welford *w, double x)
{
	double d = x - w->mean;

	w->n++;
	w->mean += d / (double)w->n;
	w->m2 += d * (x - w->mean);
}

/* Merges b into a exactly (Chan et al.), as if b's observations had been added to a. */
void welford_merge(struct welford *a, const struct welford *b);

/* Sample standard deviation (n - 1 denominator); 0 when n < 2. */
double welford_sd(const struct welford *w);

/*
 * The p-quantile of Student's t distribution with df degrees of freedom
 * (df > 0, real), 0 < p < 1. Relative error below 1e-12 for df in
 * [1, 1e6] and p in [0.5, 0.9995]; symmetric for p < 0.5.
 * Returns NaN for arguments outside the domain.
 */
double stats_t_quantile(double p, double df);

/*
 * The CDF of Student's t distribution, P(T <= t), df > 0 real.
 * Relative error below 1e-12 for the upper tail values used by p-values.
 */
double stats_t_cdf(double t, double df);

/*
 * Half-width of the two-sided confidence interval at level (0 < level < 1)
 * for the mean of n observations with sample standard deviation sd:
 * sd / sqrt(n) * t_quantile((1 + level) / 2, n - 1). 0 when n < 2.
 */
double stats_ci_half(unsigned long n, double sd, double level);

/*
 * stats_ci_half in two steps, for a caller that meets the same n many
 * times (a model's cells): t = stats_ci_t(n, level), then
 * stats_ci_scale(n, sd, t) is stats_ci_half(n, sd, level), bit for bit.
 * The t quantile is most of the cost.
 */
double stats_ci_t(unsigned long n, double level);
double stats_ci_scale(unsigned long n, double sd, double t);

/*
 * Welch's unequal-variance comparison of two means.
 * delta = mean2 - mean1; half = t_quantile((1+level)/2, df) * se with
 * se = sqrt(sd1^2/n1 + sd2^2/n2) and the Welch-Satterthwaite df.
 * When n1 < 2 or n2 < 2 or se == 0: half = 0 and df = 0 (no interval).
 * p (may be NULL) receives the two-sided p-value of the Welch t-test
 * (1 when se == 0 and delta == 0, 0 when se == 0 and delta != 0,
 * NaN when n1 < 2 or n2 < 2).
 */
struct stats_welch {
	double delta;
	double half;
	double df;
	double p;
};
void stats_welch(unsigned long n1, double mean1, double sd1,
    unsigned long n2, double mean2, double sd2, double level,
    struct stats_welch *out);

#endif
