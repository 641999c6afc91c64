/* SPDX-License-Identifier: Apache-2.0 */
/* A trend's figures: a line chart per template chart, runs on the x axis, a line per rate, steps marked. */
#ifndef IGREPORT_PRODUCE_TREND_CHART_H
#define IGREPORT_PRODUCE_TREND_CHART_H

#include "document.h"
#include "trend.h"

/* The colours of a trend chart's parts. */
struct trend_chart_colors {
	struct canvas_color worse, better; /* a step up, a step down */
	struct canvas_color (*palette)(size_t i); /* the lines, one per rate */
};

/*
 * Binds template chart spec to gadget g of t as a DOC_CHART_LINES: its
 * case the first series' case ("baseline", "ig" or "overhead"; ig when
 * none; "lost-share" for the ig case's lost events in percent of the
 * offered rate, with metric Lost), its metric spec's; one category per run (its label), one series
 * per rate with a value per run (a gap where the run has none), each
 * with a tooltip; a marker before each run that follows a step found in
 * one of those series (its largest change, "+15%"). Texts expanded with
 * vars. Returns 0, binding nothing, when the gadget has no such series;
 * else 1. Free out with doc_chart_free.
 */
int trend_chart(const struct trend *t, size_t g, const struct tpl_chart *spec,
    const struct tpl_vars *vars, const struct trend_chart_colors *colors,
    struct doc_chart *out);

/*
 * Binds template chart spec (its first series' case "cost") as a
 * DOC_CHART_LINES of the cost model: one category per run, one series per
 * gadget (every gadget when g is (size_t)-1), the per-event coefficient
 * of spec's metric per 1000 events/s with its interval in each run (a
 * gap where the run has no fit). Returns 0, binding nothing, when no run
 * has such a fit; else 1.
 */
int trend_cost_chart(const struct trend *t, size_t g,
    const struct tpl_chart *spec, const struct tpl_vars *vars,
    const struct trend_chart_colors *colors, struct doc_chart *out);

/* Non-zero when template chart spec draws the cost model (case "cost"). */
int trend_chart_is_cost(const struct tpl_chart *spec);

#endif
