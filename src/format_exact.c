/* SPDX-License-Identifier: Apache-2.0 */
/* format_exact: a double as printf's %.17g, in integer arithmetic where 128 bits hold it exactly. */
#include "format.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The 17 significant digits %.17g writes. */
#define EXACT_DIGITS 17
#define EXACT_LOW 10000000000000000ULL   /* 10^16 */
#define EXACT_HIGH 100000000000000000ULL /* 10^17 */
/* 5^27 is the largest power of five a 64-bit word holds. */
#define EXACT_MAX_POW5 27

#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 exact_u128;

/* Significant bits of n. */
static int
exact_bits(exact_u128 n)
{
	int b = 0;

	while (n > 0) {
		n >>= 1;
		b++;
	}
	return b;
}

/*
 * floor(m * 2^e * 10^q) into *whole, and into *half how the rest
 * compares with one half (-1, 0 or 1). Returns 0, or -1 when 128 bits
 * do not hold the computation.
 */
static int
exact_scale(uint64_t m, int e, int q, uint64_t *whole, int *half)
{
	uint64_t p5 = 1;
	exact_u128 n, r, lim;
	int i, s;

	if (q > EXACT_MAX_POW5 || q < -EXACT_MAX_POW5)
		return -1;
	for (i = 0; i < (q < 0 ? -q : q); i++)
		p5 *= 5;
	if (q >= 0) {
		/* m 5^q 2^(e+q): 53 + 63 bits at most. */
		n = (exact_u128)m * p5;
		s = e + q;
		if (s >= 0) {
			if (exact_bits(n) + s > 64)
				return -1;
			*whole = (uint64_t)(n << s);
			*half = -1;
			return 0;
		}
		if (-s >= 120)
			return -1;
		r = n & (((exact_u128)1 << -s) - 1);
		lim = (exact_u128)1 << (-s - 1);
		n >>= -s;
	} else {
		/* m 2^(e-k) / 5^k with k = -q; e - k >= 0 for such large values. */
		s = e + q;
		if (s < 0 || s > 74)
			return -1;
		n = (exact_u128)m << s;
		r = (n % p5) * 2;
		lim = p5;
		n /= p5;
	}
	if (n >= ((exact_u128)1 << 64))
		return -1;
	*whole = (uint64_t)n;
	*half = r < lim ? -1 : r == lim ? 0 : 1;
	return 0;
}

/* The 17 digits of |x| rounded to nearest, ties to even, and its decimal exponent. */
static int
exact_digits(double x, char digits[EXACT_DIGITS], int *exp10)
{
	uint64_t bits, m, whole;
	int e, x10, half, tries;

	memcpy(&bits, &x, sizeof(bits));
	if (((bits >> 52) & 0x7ff) == 0 || ((bits >> 52) & 0x7ff) == 0x7ff)
		return -1; /* zero, subnormal, infinite, NaN: printf's */
	m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
	e = (int)((bits >> 52) & 0x7ff) - 1075;
	x10 = (int)floor(log10(fabs(x)));
	/* log10 may be one off near a power of ten: the digit count says. */
	for (tries = 0;; tries++) {
		if (tries == 3 || exact_scale(m, e, EXACT_DIGITS - 1 - x10,
		    &whole, &half) < 0)
			return -1;
		if (whole >= EXACT_HIGH)
			x10++;
		else if (whole < EXACT_LOW)
			x10--;
		else
			break;
	}
	if (half > 0 || (half == 0 && (whole & 1)))
		whole++;
	if (whole == EXACT_HIGH) {
		whole = EXACT_LOW;
		x10++;
	}
	for (e = EXACT_DIGITS - 1; e >= 0; e--) {
		digits[e] = (char)('0' + whole % 10);
		whole /= 10;
	}
	*exp10 = x10;
	return 0;
}

/* %g's layout of 17 digits with decimal exponent x10: fixed or e-style, trailing zeros gone. */
static void
exact_layout(char *out, const char digits[EXACT_DIGITS], int x10)
{
	int last = EXACT_DIGITS - 1, i;
	size_t o = 0;

	while (last > 0 && digits[last] == '0')
		last--;
	if (x10 < -4 || x10 >= EXACT_DIGITS) {
		out[o++] = digits[0];
		if (last > 0)
			out[o++] = '.';
		for (i = 1; i <= last; i++)
			out[o++] = digits[i];
		sprintf(out + o, "e%c%02d", x10 < 0 ? '-' : '+', x10 < 0 ? -x10 : x10);
		return;
	}
	if (x10 < 0) {
		out[o++] = '0';
		out[o++] = '.';
		for (i = -1; i > x10; i--)
			out[o++] = '0';
		for (i = 0; i <= last; i++)
			out[o++] = digits[i];
	} else {
		for (i = 0; i <= x10; i++)
			out[o++] = digits[i];
		if (last > x10)
			out[o++] = '.';
		for (i = x10 + 1; i <= last; i++)
			out[o++] = digits[i];
	}
	out[o] = '\0';
}

/* The same bytes as snprintf's, which is a tenth as fast: JSON and --dump-model write thousands. */
void
format_exact(char buf[FORMAT_EXACT_MAX], double x)
{
	char digits[EXACT_DIGITS];
	int x10;

	if (exact_digits(x, digits, &x10) < 0) {
		snprintf(buf, FORMAT_EXACT_MAX, "%.17g", x);
		return;
	}
	if (signbit(x))
		*buf++ = '-';
	exact_layout(buf, digits, x10);
}
#else
void
format_exact(char buf[FORMAT_EXACT_MAX], double x)
{
	snprintf(buf, FORMAT_EXACT_MAX, "%.17g", x);
}
#endif
