/* SPDX-License-Identifier: Apache-2.0 */
/* The data exports: a run or a comparison as JSON, whole (-f json) or as the dashboards read it. */
#ifndef IGREPORT_EXPORT_JSON_H
#define IGREPORT_EXPORT_JSON_H

#include <stdio.h>

#include "compare.h"
#include "model.h"

/*
 * The JSON documents igreport writes; docs/NAME.schema.json describes
 * each (export_schema_name). The same kinds serve every kind of run.
 */
enum export_kind {
	EXPORT_JSON,             /* everything: docs/igreport-report or igreport-compare */
	EXPORT_BENCHER,          /* Bencher Metric Format: docs/bencher */
	EXPORT_BENCHMARK_ACTION, /* github-action-benchmark's custom array: docs/benchmark-action */
	EXPORT__MAX
};

/* What an export says besides the data; everything borrowed. */
struct export_info {
	const char *version; /* igreport's version, "0.1.0" */
	unsigned long cpus;  /* --cpus; 0: the model's "# CPUs: N" line, if any */
};

/*
 * Writes one run (a valid model) as kind to out. The numbers of the
 * model are written as --dump-model prints them (format_exact, read back
 * as the same doubles); a number that is not finite is null. Returns 0,
 * or -1 on a write error of out.
 */
int export_report(FILE *out, const struct model *model,
    const struct export_info *info, enum export_kind kind);

/*
 * Writes a comparison as kind to out: EXPORT_JSON has the settings, each
 * test with its change, interval, p-values and verdict, the overheads,
 * the machines and what only one run has; the dashboard kinds hold the
 * NEW run's values, and for benchmark-action each value's change from
 * OLD where there is one. Returns 0, or -1 on a write error.
 */
int export_compare(FILE *out, const struct comparison *c,
    const struct export_info *info, enum export_kind kind);

#endif
