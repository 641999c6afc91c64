/* SPDX-License-Identifier: Apache-2.0 */
/* Number formatting shared by tables, labels and text outputs. */
#include "format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void
format_fixed(char buf[FORMAT_MAX], double x, int decimals)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > 17)
		decimals = 17;
	snprintf(buf, FORMAT_NUMBER_MAX, "%.*f", decimals, x);
	/* "-0.00" reads as a negative value that is not there. */
	if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));
}

static void
format_with_ci(char buf[FORMAT_MAX], const char *value, double half,
    int decimals, int show_ci)
{
	char ci[FORMAT_NUMBER_MAX];

	if (!show_ci || half == 0) {
		snprintf(buf, FORMAT_MAX, "%s", value);
		return;
	}
	snprintf(ci, sizeof(ci), "%.*f", decimals, fabs(half));
	/* value is one number, signed at most (FORMAT_NUMBER_MAX bytes with
	 * the sign): the precision tells the compiler, whose fortified
	 * snprintf check otherwise counts all of FORMAT_MAX for it. */
	snprintf(buf, FORMAT_MAX, "%.*s \xc2\xb1 %s", FORMAT_NUMBER_MAX, value,
	    ci);
}

void
format_mean_ci(char buf[FORMAT_MAX], double mean, double half, int decimals,
    int show_ci)
{
	char value[FORMAT_MAX];

	format_fixed(value, mean, decimals);
	format_with_ci(buf, value, half, decimals, show_ci);
}

void
format_delta_ci(char buf[FORMAT_MAX], double delta, double half,
    int decimals, int show_ci)
{
	char value[FORMAT_MAX + 1];

	format_fixed(value + 1, delta, decimals);
	if (value[1] == '-' || strspn(value + 1, "0.") == strlen(value + 1)) {
		memmove(value, value + 1, strlen(value + 1) + 1);
	} else {
		value[0] = '+';
	}
	format_with_ci(buf, value, half, decimals, show_ci);
}

void
format_rate(char buf[FORMAT_MAX], double rate)
{
	if (rate == floor(rate) && fabs(rate) < 1e15)
		snprintf(buf, FORMAT_MAX, "%.0f", rate);
	else
		format_exact(buf, rate);
}

void
format_level(char buf[FORMAT_MAX], double level)
{
	char *end;

	snprintf(buf, FORMAT_MAX, "%.10f", level * 100);
	end = buf + strlen(buf) - 1;
	while (*end == '0')
		*end-- = '\0';
	if (*end == '.')
		*end = '\0';
}
