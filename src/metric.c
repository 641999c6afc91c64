/* SPDX-License-Identifier: Apache-2.0 */
/* The metric table: every fact about a metric, looked up by every module. */
#include "metric.h"

#include <strings.h>

struct metric_info {
	const char *name;
	const char *label;
	const char *unit;
	const char *delta_unit;
	const char *heading;
	int decimals;
	int report_decimals;
	int can_be_negative;
	int lower_is_better;
};

static const struct metric_info metric_table[METRIC__MAX] = {
	[METRIC_CPU] = { .name = "Cpu", .label = "CPU", .unit = "%",
	    .delta_unit = "points", .heading = "CPU (%)", .decimals = 2,
	    .report_decimals = 2, .can_be_negative = 0, .lower_is_better = 1 },
	[METRIC_MEM] = { .name = "Mem", .label = "Mem", .unit = "MiB",
	    .delta_unit = "MiB", .heading = "Mem (MiB)", .decimals = 0,
	    .report_decimals = 0, .can_be_negative = 0, .lower_is_better = 1 },
	[METRIC_IGCPU] = { .name = "IgCpu", .label = "IG CPU", .unit = "%",
	    .delta_unit = "points", .heading = "IG CPU (%)", .decimals = 2,
	    .report_decimals = 2, .can_be_negative = 0, .lower_is_better = 1 },
	[METRIC_IGMEM] = { .name = "IgMem", .label = "IG Mem", .unit = "MiB",
	    .delta_unit = "MiB", .heading = "IG Mem (MiB)", .decimals = 0,
	    .report_decimals = 0, .can_be_negative = 0, .lower_is_better = 1 },
	[METRIC_LOST] = { .name = "Lost", .label = "Lost", .unit = "/s",
	    .delta_unit = "/s", .heading = "Lost (/s)", .decimals = 1,
	    .report_decimals = 0, .can_be_negative = 0, .lower_is_better = 1 },
};

/* Stands in for the row of an out-of-range metric. */
static const struct metric_info metric_none = { .name = "?", .label = "?",
	.unit = "?", .delta_unit = "?", .heading = "?" };

static const struct metric_info *
metric_info(enum metric m)
{
	return (unsigned)m < METRIC__MAX ? &metric_table[m] : &metric_none;
}

const char *
metric_name(enum metric m)
{
	return metric_info(m)->name;
}

enum metric
metric_from_name(const char *s)
{
	int m;

	for (m = 0; m < METRIC__MAX; m++)
		if (strcasecmp(s, metric_table[m].name) == 0)
			return (enum metric)m;
	return METRIC__MAX;
}

const char *
metric_label(enum metric m)
{
	return metric_info(m)->label;
}

const char *
metric_unit(enum metric m)
{
	return metric_info(m)->unit;
}

const char *
metric_delta_unit(enum metric m)
{
	return metric_info(m)->delta_unit;
}

const char *
metric_heading(enum metric m)
{
	return metric_info(m)->heading;
}

int
metric_decimals(enum metric m)
{
	return metric_info(m)->decimals;
}

int
metric_report_decimals(enum metric m)
{
	return metric_info(m)->report_decimals;
}

int
metric_can_be_negative(enum metric m)
{
	return metric_info(m)->can_be_negative;
}

int
metric_lower_is_better(enum metric m)
{
	return metric_info(m)->lower_is_better;
}
