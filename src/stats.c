/* SPDX-License-Identifier: Apache-2.0 */
/* Statistics: Welford accumulators, Student t quantile and CDF, confidence intervals. */
#include "stats.h"

#include <float.h>
#include <math.h>
#include <stddef.h>

#define STATS_PI 3.14159265358979323846
#define STATS_SQRT_PI 1.77245385090551602730
#define STATS_SQRT_2 1.41421356237309504880
#define STATS_SQRT_2PI 2.50662827463100050242

/*
 * From this df on, the upper tail uses the large-a expansion of I_x(a, 1/2)
 * below: the continued fraction loses digits there because x is near 1.
 */
#define STATS_SERIES_DF 40.0

/*
 * Coefficients c_k of (sinh(s/2) / (s/2))^(-1/2) = sum c_k s^(2k), from the
 * power-series rule for h^alpha in exact rationals; |c_k| falls like
 * (2 pi)^(-2k), so 16 terms reach far below double precision.
 */
static const double stats_sinh_coef[] = {
	1.00000000000000000e+00, -2.08333333333333322e-02,
	3.90625000000000022e-04, -7.87967096560846585e-06,
	1.69676657917217824e-07, -3.80506419172190625e-09,
	8.74837759631540668e-11, -2.04452335941197380e-12,
	4.83335179796770420e-14, -1.15243410176738599e-15,
	2.76605204359937013e-17, -6.67428195089165963e-19,
	1.61745507718158000e-20, -3.93397792009137993e-22,
	9.59763406258604695e-24, -2.34769029116263217e-25,
};

/* Student's t with df degrees of freedom: a = df / 2, r = gamma_ratio(a). */
struct t_dist {
	double df;
	double a;
	double r;
};

void
welford_merge(struct welford *a, const struct welford *b)
{
	double na, nb, n, d;

	if (b->n == 0)
		return;
	if (a->n == 0) {
		*a = *b;
		return;
	}
	na = (double)a->n;
	nb = (double)b->n;
	n = na + nb;
	d = b->mean - a->mean;
	a->mean += d * (nb / n);
	a->m2 += b->m2 + d * d * (na * (nb / n));
	a->n += b->n;
}

double
welford_sd(const struct welford *w)
{
	if (w->n < 2)
		return 0.0;
	return sqrt(w->m2 / (double)(w->n - 1));
}

/* The Stirling series remainder lgamma(x) - ((x - 1/2) ln x - x + ln sqrt(2 pi)), x >= 10. */
static double
stirling_delta(double x)
{
	double r = 1.0 / (x * x);

	return (1.0 / 12.0 + r * (-1.0 / 360.0 + r * (1.0 / 1260.0 +
	    r * (-1.0 / 1680.0 + r * (1.0 / 1188.0 + r * (-691.0 / 360360.0 +
	    r * (1.0 / 156.0))))))) / x;
}

/*
 * Gamma(a + 1/2) / (Gamma(a) sqrt(a)), which tends to 1. A difference of
 * lgamma values would lose digits for large a; the Stirling form keeps the
 * log of the ratio accurate to a few ulps of 1.
 */
static double
gamma_ratio(double a)
{
	double f = 1.0, x = a, lr;

	for (; x < 10.0; x += 1.0)
		f *= x / (x + 0.5);
	lr = x * log1p(0.5 / x) - 0.5 + stirling_delta(x + 0.5) -
	    stirling_delta(x);
	return f * sqrt(x / a) * exp(lr);
}

static struct t_dist
t_dist_make(double df)
{
	struct t_dist d;

	d.df = df;
	d.a = df / 2.0;
	d.r = isinf(df) ? 1.0 : gamma_ratio(d.a);
	return d;
}

/*
 * The continued fraction F of I_x(a, b) = x^a (1 - x)^b / (a B(a, b)) * F
 * (DLMF 8.17.22), evaluated by the modified Lentz method.
 */
static double
beta_cf(double x, double a, double b)
{
	const double tiny = 1e-300;
	double f = tiny, c = tiny, d = 0.0, num = 1.0, delta;
	int j;

	for (j = 1; j < 20000; j++) {
		d = 1.0 + num * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + num / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		delta = c * d;
		f *= delta;
		if (fabs(delta - 1.0) <= DBL_EPSILON)
			break;
		if (j % 2 == 1) {
			double m = (double)(j - 1) / 2.0;

			num = -(a + m) * (a + b + m) * x /
			    ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
		} else {
			double m = (double)j / 2.0;

			num = m * (b - m) * x /
			    ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
		}
	}
	return f;
}

/*
 * Upper tail 1/2 I_x(a, 1/2) with -ln x = lx <= 1, for large a, as
 * 1/B sum c_k Gamma(1/2 + 2k, nu lx) / nu^(1/2 + 2k) with nu = a - 1/4:
 * the integrand e^(-a s) (1 - e^(-s))^(-1/2) is e^(-nu s) s^(-1/2) times
 * the even series above. g_j = Gamma(1/2 + j, z) / (sqrt(pi) nu^j) obeys
 * Gamma(s + 1, z) = s Gamma(s, z) + z^s e^(-z), scaled to avoid overflow.
 */
static double
t_upper_series(const struct t_dist *d, double lx)
{
	double nu = d->a - 0.25, z = nu * lx, rz = sqrt(z);
	double g = erfc(rz), e = rz * exp(-z) / STATS_SQRT_PI, s = 0.5;
	double sum = g, term;
	size_t k, n = sizeof stats_sinh_coef / sizeof stats_sinh_coef[0];

	for (k = 1; k < n; k++) {
		g = (s * g + e) / nu;
		e *= lx;
		s += 1.0;
		g = (s * g + e) / nu;
		e *= lx;
		s += 1.0;
		term = stats_sinh_coef[k] * g;
		sum += term;
		if (fabs(term) <= 1e-17 * sum)
			break;
	}
	return 0.5 * d->r * sqrt(d->a / nu) * sum;
}

/*
 * P(T > t) and P(0 < T < t) for t > 0. The smaller-conditioned one is
 * computed directly and the other as its complement to 1/2, so a small
 * upper tail keeps its relative accuracy.
 */
static void
t_tails(const struct t_dist *d, double t, double *upper, double *central)
{
	double u = t * t / d->df, lx, ly, pre;

	if (isinf(d->df)) {
		*upper = 0.5 * erfc(t / STATS_SQRT_2);
		*central = t < 1.0 ? 0.5 * erf(t / STATS_SQRT_2) : 0.5 - *upper;
		return;
	}
	/* lx = -ln x, ly = ln(1 - x) for x = df / (df + t^2). */
	if (isinf(u)) {
		lx = 2.0 * log(t) - log(d->df);
		ly = 0.0;
	} else {
		lx = log1p(u);
		ly = log(u) - lx;
	}
	if (exp(ly) * (d->a + 2.5) > 1.5) {
		if (d->df >= STATS_SERIES_DF && lx <= 1.0) {
			*upper = t_upper_series(d, lx);
		} else {
			pre = exp(-d->a * lx + 0.5 * ly) * d->r /
			    (STATS_SQRT_PI * sqrt(d->a));
			*upper = 0.5 * pre * beta_cf(exp(-lx), d->a, 0.5);
		}
		*central = 0.5 - *upper;
	} else {
		pre = exp(-d->a * lx + 0.5 * ly) * d->r * sqrt(d->a) /
		    STATS_SQRT_PI;
		*central = pre * beta_cf(u / (1.0 + u), 0.5, d->a);
		*upper = 0.5 - *central;
	}
}

static double
t_density(const struct t_dist *d, double t)
{
	if (isinf(d->df))
		return exp(-0.5 * t * t) / STATS_SQRT_2PI;
	return d->r / STATS_SQRT_2PI * exp(-(d->a + 0.5) * log1p(t * t / d->df));
}

/* t f'(t) / f(t), for Halley steps. */
static double
t_density_slope(const struct t_dist *d, double t)
{
	if (isinf(d->df))
		return -t * t;
	return -(d->df + 1.0) * t * t / (d->df + t * t);
}

/* The upper normal quantile, 0 < q <= 1/2. */
static double
normal_upper_quantile(double q)
{
	/* Abramowitz and Stegun 26.2.23 (error < 4.5e-4), then Halley on erfc. */
	double w = sqrt(-2.0 * log(q)), z, r;
	int i;

	z = w - (2.515517 + w * (0.802853 + w * 0.010328)) /
	    (1.0 + w * (1.432788 + w * (0.189269 + w * 0.001308)));
	for (i = 0; i < 3; i++) {
		r = (0.5 * erfc(z / STATS_SQRT_2) - q) * STATS_SQRT_2PI *
		    exp(0.5 * z * z);
		z += r / (1.0 - 0.5 * z * r);
	}
	return z;
}

/* G. W. Hill, Algorithm 396 (CACM 13(10), 1970): t for the upper tail q, df >= 1. */
static double
hill_start(double q, double n)
{
	double p = 2.0 * q, a, b, c, d, x, y;

	a = 1.0 / (n - 0.5);
	b = 48.0 / (a * a);
	c = ((20700.0 * a / b - 98.0) * a - 16.0) * a + 96.36;
	d = ((94.5 / (b + c) - 3.0) / b + 1.0) * sqrt(a * STATS_PI / 2.0) * n;
	x = d * p;
	y = pow(x, 2.0 / n);
	if (y > 0.05 + a) {
		x = normal_upper_quantile(q);
		y = x * x;
		if (n < 5.0)
			c += 0.3 * (n - 4.5) * (x + 0.6);
		c = (((0.05 * d * x - 5.0) * x - 7.0) * x - 2.0) * x + b + c;
		y = (((((0.4 * y + 6.3) * y + 36.0) * y + 94.5) / c - y - 3.0) /
		    b + 1.0) * x;
		y = expm1(a * y * y);
	} else {
		y = ((1.0 / (((n + 6.0) / (n * y) - 0.089 * d - 0.822) *
		    (n + 2.0) * 3.0) + 0.5 / (n + 4.0)) * y - 1.0) *
		    (n + 1.0) / (n + 2.0) + 1.0 / y;
	}
	return sqrt(n * y);
}

/* A starting t for the upper tail q: Hill where it applies, else the tails' shapes. */
static double
t_start(const struct t_dist *d, double q)
{
	double t;

	if (isinf(d->df))
		return normal_upper_quantile(q);
	if (d->df >= 1.0) {
		t = hill_start(q, d->df);
		if (isfinite(t) && t > 0.0)
			return t;
	}
	if (q >= 0.25)
		return (0.5 - q) / t_density(d, 0.0);
	/* P(T > t) ~ f(t) t / df for large t. */
	return pow(d->r / STATS_SQRT_2PI * pow(d->df, d->a + 0.5) /
	    (d->df * q), 1.0 / d->df);
}

/* Whether t lies below the quantile, judged in the better-conditioned form. */
static int
t_below(const struct t_dist *d, double q, double t)
{
	double up, cen;

	t_tails(d, t, &up, &cen);
	return q < 0.25 ? up > q : cen < 0.5 - q;
}

/*
 * Halley's method on ln P(T > t) = ln q over ln t (tails are near power
 * laws there), or on P(0 < T < t) = 1/2 - q over t near the centre, where
 * 1/2 - q is exact. Cubic convergence: once a step is below 1e-6 relative,
 * the result is at the precision of the CDF. NaN if it does not get there.
 */
static double
t_polish(const struct t_dist *d, double q, double t)
{
	double up, cen, f, h, l, g, step;
	int i;

	for (i = 0; i < 30 && isfinite(t) && t > 0.0; i++) {
		t_tails(d, t, &up, &cen);
		f = t_density(d, t);
		g = t_density_slope(d, t);
		if (q < 0.25) {
			h = t * f / up;
			l = log(up / q);
			step = (l / h) / (1.0 + l * (1.0 + g + h) / (2.0 * h));
			/* An underflowed tail means t is far too large. */
			step = up > 0.0 ? fmax(-2.0, fmin(2.0, step)) : -2.0;
			t *= exp(step);
		} else {
			step = ((0.5 - q) - cen) / f;
			step /= 1.0 + step * g / (2.0 * t);
			step = t + step > 0.0 ? step / t : -0.5;
			t += step * t;
		}
		if (fabs(step) <= 1e-6)
			return t;
	}
	return NAN;
}

/*
 * Bisection on ln t over the whole double range, for the far corners
 * (df well below 1, tails near 1e-300) where Halley's start is poor.
 */
static double
t_bisect(const struct t_dist *d, double q)
{
	double lo = log(DBL_MIN), hi = log(DBL_MAX), mid;

	if (t_below(d, q, DBL_MAX))
		return INFINITY;
	for (;;) {
		mid = 0.5 * (lo + hi);
		if (mid <= lo || mid >= hi)
			return exp(mid);
		if (t_below(d, q, exp(mid)))
			lo = mid;
		else
			hi = mid;
	}
}

/* The t with P(T > t) = q, 0 < q < 1/2. */
static double
t_upper_quantile(double q, double df)
{
	struct t_dist d;
	double t;

	if (df == 1.0)
		return q < 0.25 ? 1.0 / tan(STATS_PI * q) : tan(STATS_PI * (0.5 - q));
	if (df == 2.0)
		return (1.0 - 2.0 * q) / sqrt(2.0 * q * (1.0 - q));
	d = t_dist_make(df);
	t = t_polish(&d, q, t_start(&d, q));
	return isnan(t) ? t_bisect(&d, q) : t;
}

double
stats_t_quantile(double p, double df)
{
	if (!(p > 0.0 && p < 1.0) || !(df > 0.0))
		return NAN;
	if (p == 0.5)
		return 0.0;
	/* 1 - p is exact for p >= 1/2; below, p itself is the tail. */
	if (p > 0.5)
		return t_upper_quantile(1.0 - p, df);
	return -t_upper_quantile(p, df);
}

double
stats_t_cdf(double t, double df)
{
	struct t_dist d;
	double up, cen;

	if (isnan(t) || !(df > 0.0))
		return NAN;
	if (t == 0.0)
		return 0.5;
	if (isinf(t))
		return t > 0.0 ? 1.0 : 0.0;
	d = t_dist_make(df);
	t_tails(&d, fabs(t), &up, &cen);
	return t < 0.0 ? up : 0.5 + cen;
}

/* The two-sided t for confidence level; (1 - level) / 2 avoids rounding (1 + level) / 2. */
static double
t_two_sided(double level, double df)
{
	double q;

	if (!(level > 0.0 && level < 1.0) || !(df > 0.0))
		return NAN;
	q = 0.5 * (1.0 - level);
	return q < 0.5 ? t_upper_quantile(q, df) : 0.0;
}

double
stats_ci_t(unsigned long n, double level)
{
	return n < 2 ? 0.0 : t_two_sided(level, (double)(n - 1));
}

double
stats_ci_scale(unsigned long n, double sd, double t)
{
	if (n < 2)
		return 0.0;
	return sd / sqrt((double)n) * t;
}

double
stats_ci_half(unsigned long n, double sd, double level)
{
	return stats_ci_scale(n, sd, stats_ci_t(n, level));
}

void
stats_welch(unsigned long n1, double mean1, double sd1,
    unsigned long n2, double mean2, double sd2, double level,
    struct stats_welch *out)
{
	double e1, e2, w1, w2, se;
	struct t_dist d;
	double up, cen;

	out->delta = mean2 - mean1;
	out->half = 0.0;
	out->df = 0.0;
	if (n1 < 2 || n2 < 2) {
		out->p = NAN;
		return;
	}
	/* Standard errors scaled through hypot, so no square overflows or underflows. */
	e1 = sd1 / sqrt((double)n1);
	e2 = sd2 / sqrt((double)n2);
	se = hypot(e1, e2);
	if (se == 0.0) {
		out->p = out->delta == 0.0 ? 1.0 : 0.0;
		return;
	}
	/* Welch-Satterthwaite, written with weights in [0, 1]. */
	w1 = (e1 / se) * (e1 / se);
	w2 = (e2 / se) * (e2 / se);
	out->df = 1.0 / (w1 * w1 / (double)(n1 - 1) + w2 * w2 / (double)(n2 - 1));
	out->half = t_two_sided(level, out->df) * se;
	if (isnan(out->df)) {
		out->p = NAN;
		return;
	}
	d = t_dist_make(out->df);
	t_tails(&d, fabs(out->delta) / se, &up, &cen);
	out->p = out->delta == 0.0 ? 1.0 : 2.0 * up;
}
