/* SPDX-License-Identifier: Apache-2.0 */
/* The data exports of a trend: the whole analysis as JSON, or the newest run as the dashboards read it. */
#ifndef IGREPORT_EXPORT_TREND_H
#define IGREPORT_EXPORT_TREND_H

#include <stdio.h>

#include "export_json.h"
#include "trend.h"

/*
 * Writes trend t as kind to out. EXPORT_JSON (docs/igreport-trend.schema
 * .json) has the settings, the machines and runs in their order, each
 * step found (the lines of trend --dump-model, with the means and run
 * counts of its test), the gate of the newest run with every series it
 * judged, and every series with each run's n, mean, sd and half-width
 * (null where the run lacks it); numbers as format_exact writes them, a
 * number that is not finite null. The dashboard kinds hold the newest
 * run's values, as export_report writes them: a dashboard's history is
 * its own series of points. Returns 0, or -1 on a write error of out.
 */
int export_trend(FILE *out, const struct trend *t,
    const struct export_info *info, enum export_kind kind);

#endif
