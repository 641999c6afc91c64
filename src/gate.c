/* SPDX-License-Identifier: Apache-2.0 */
/* The gate of the newest run: the prediction interval and the p-value of a value above it. */
#include "gate.h"

#include <math.h>

#include "stats.h"

int
gate_predict(const double *x, size_t k, double level,
    struct gate_interval *out)
{
	struct welford w = { 0, 0.0, 0.0 };
	double spread;
	size_t i;

	if (k < 2)
		return -1;
	for (i = 0; i < k; i++)
		welford_add(&w, x[i]);
	out->k = k;
	out->mean = w.mean;
	out->sd = welford_sd(&w);
	out->t = stats_t_quantile((1.0 + level) / 2.0, (double)(k - 1));
	spread = out->t * out->sd * sqrt(1.0 + 1.0 / (double)k);
	out->low = out->mean - spread;
	out->high = out->mean + spread;
	return 0;
}

double
gate_p_above(const struct gate_interval *iv, double v)
{
	double scale = iv->sd * sqrt(1.0 + 1.0 / (double)iv->k);

	if (!(scale > 0.0))
		return NAN;
	/* P(T > t) as P(T < -t): no cancellation in the far tail. */
	return stats_t_cdf(-(v - iv->mean) / scale, (double)(iv->k - 1));
}
