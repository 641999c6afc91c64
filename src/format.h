/* SPDX-License-Identifier: Apache-2.0 */
/* Number formatting shared by tables, labels and text outputs (always the C locale). */
#ifndef IGREPORT_FORMAT_H
#define IGREPORT_FORMAT_H

#include <stddef.h>

/*
 * Longest string the functions below write, including the NUL: two
 * %.*f renderings of DBL_MAX (309 digits each) with room to spare.
 */
#define FORMAT_MAX 720
/* Longest single number, including sign, point and NUL. */
#define FORMAT_NUMBER_MAX 352

/*
 * Writes x with exactly decimals digits after the point ("12.30"),
 * never "-0.00": a value that rounds to zero prints without a sign.
 */
void format_fixed(char buf[FORMAT_MAX], double x, int decimals);

/* "12.30 ± 0.56" (U+00B1), or just "12.30" when show_ci is 0 or half is 0. */
void format_mean_ci(char buf[FORMAT_MAX], double mean, double half,
    int decimals, int show_ci);

/* Like format_mean_ci with an explicit sign on the mean: "+3.10 ± 0.40". */
void format_delta_ci(char buf[FORMAT_MAX], double delta, double half,
    int decimals, int show_ci);

/* Longest format_exact rendering, NUL included ("-2.2250738585072014e-308" is 25 bytes). */
#define FORMAT_EXACT_MAX 32

/*
 * x as "%.17g": the text strtod reads back as the very same double, the
 * one form of every number in --dump-model and the JSON exports. A
 * non-finite x gives "nan", "inf" or "-inf"; a writer whose format has
 * no such tokens (JSON) must test isfinite first.
 */
void format_exact(char buf[FORMAT_EXACT_MAX], double x);

/* An events-per-second rate: integers without decimals, others as format_exact. */
void format_rate(char buf[FORMAT_MAX], double rate);

/* A confidence level as a percentage without needless decimals: 0.95 -> "95", 0.995 -> "99.5". */
void format_level(char buf[FORMAT_MAX], double level);

#endif
