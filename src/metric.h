/* SPDX-License-Identifier: Apache-2.0 */
/* The measured metrics and the one table of what is known about each: name, label, unit, decimals, direction. */
#ifndef IGREPORT_METRIC_H
#define IGREPORT_METRIC_H

/* The measured metrics, in the order they are reported. */
enum metric {
	METRIC_CPU,   /* host CPU, percent of all cores */
	METRIC_MEM,   /* host memory in use, MiB */
	METRIC_IGCPU, /* ig process CPU, percent of all cores */
	METRIC_IGMEM, /* ig process RSS, MiB */
	METRIC_LOST,  /* lost events per second */
	METRIC__MAX
};

/*
 * Every accessor takes any m: for METRIC__MAX or beyond the strings are
 * "?", the numbers 0 and the flags false, so a caller holding "no metric"
 * prints something harmless instead of reading past the table.
 */

/* The CSV column name, also used in templates and the model dump: "Cpu", "Mem", "IgCpu", "IgMem", "Lost". */
const char *metric_name(enum metric m);

/* The metric whose CSV column name matches s case-insensitively, or METRIC__MAX. s must not be NULL. */
enum metric metric_from_name(const char *s);

/* The short human label, without unit: "CPU", "Mem", "IG CPU", "IG Mem", "Lost". */
const char *metric_label(enum metric m);

/* The unit of a value: "%" (of all cores), "MiB", or "/s" (lost events per second). */
const char *metric_unit(enum metric m);

/*
 * The unit of a difference of two values: "points" (percentage points)
 * for the percentages, else metric_unit(m).
 */
const char *metric_delta_unit(enum metric m);

/*
 * The label with its unit, as a column heading: "CPU (%)", "Mem (MiB)",
 * "IG CPU (%)", "IG Mem (MiB)", "Lost (/s)". Always metric_label(m) " ("
 * metric_unit(m) ")" (a unit test holds the table to it).
 */
const char *metric_heading(enum metric m);

/*
 * Decimals values and changes of m are printed with: CPU 2, memory 0,
 * lost 1. Comparisons and the summary sentences use them.
 */
int metric_decimals(enum metric m);

/*
 * Decimals of the report's chart value labels and mean columns when the
 * template does not say: metric_decimals(m), except lost events, which
 * the report shows whole (0), as the notebook did. Kept apart from
 * metric_decimals so that today's outputs do not change; one of the two
 * should win.
 */
int metric_report_decimals(enum metric m);

/*
 * Non-zero when a value of m below zero can be a real measurement. None
 * can (shares of CPU, sizes of memory, rates of lost events): results.c
 * refuses a negative value of such a metric (D_NEGATIVE_VALUE), as it
 * refuses a negative events-per-second value.
 */
int metric_can_be_negative(enum metric m);

/*
 * Non-zero when a lower value of m is better: compare judges a
 * significant rise of such a metric worse. Every metric is.
 */
int metric_lower_is_better(enum metric m);

#endif
