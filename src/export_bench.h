/* SPDX-License-Identifier: Apache-2.0 */
/* The dashboards' JSON: one run's values as Bencher Metric Format or github-action-benchmark's custom array. */
#ifndef IGREPORT_EXPORT_BENCH_H
#define IGREPORT_EXPORT_BENCH_H

#include <stdio.h>

#include "compare.h"
#include "export_json.h"
#include "model.h"

/*
 * Writes the values of run (a valid model) as kind, EXPORT_BENCHER or
 * EXPORT_BENCHMARK_ACTION, to out. Per gadget, case and rate with rows,
 * the benchmark GADGET/CASE/RATE has a measure per metric, "Cpu (%)",
 * "Mem (MiB)", "IgCpu (%)", "IgMem (MiB)", "Lost (/s)": the mean, with
 * the confidence interval as lower and upper values; the ig case's
 * benchmark also has "Cpu overhead (points)" and "Mem overhead (MiB)"
 * (with-IG minus baseline, Welch interval). Per gadget with a cost
 * model, the benchmark GADGET/cost has "METRIC fixed (UNIT)" and "METRIC
 * per 1000 events/s (UNIT)". In the names, '%' and '/' of gadget and
 * case names are written %25 and %2F, so no two benchmarks share a name;
 * RATE is written as format_rate does. benchmark-action's array has one
 * element per measure, named "BENCHMARK MEASURE" without the unit, with
 * the unit, the mean as value, "± HALF" as range and n and sd in extra;
 * when cmp is not NULL (run is then cmp->new), extra also says the
 * change from OLD with its p-value and verdict. Returns 0, or -1 on a
 * write error of out.
 */
int export_bench(FILE *out, const struct model *run,
    const struct comparison *cmp, enum export_kind kind);

#endif
