/* SPDX-License-Identifier: Apache-2.0 */
/* One gadget as the producers read it: its rates and, per case name, a cell per rate, from one run or from both runs of a comparison. */
#ifndef IGREPORT_VIEW_H
#define IGREPORT_VIEW_H

#include <stddef.h>

#include "compare.h"
#include "model.h"

/* Prefixes of a comparison's case names: "old:baseline", "new:ig", ... */
#define VIEW_OLD "old:"
#define VIEW_NEW "new:"

/* One named case: a cell per rate of the view, NULL where it was not measured. */
struct view_series {
	char *name;
	const struct model_cell **cells;
};

struct view {
	const char *gadget;      /* borrowed from a model */
	double *rates;           /* strictly ascending */
	size_t nrates;
	struct view_series *series; /* baseline, ig, then other cases */
	size_t nseries;
	unsigned metrics;        /* bit (1u << metric) for the metrics it has */
	const struct model_overhead *overhead; /* nrates entries; NULL for a comparison */
};

/* Gadget g of run m: its own rates and cases. */
struct view *view_of_run(const struct model *m, const struct model_gadget *g);

/*
 * The gadget called name in both runs of c, side by side: the union of
 * both runs' rates, and for every case of either run the series
 * "old:CASE" and "new:CASE" (only for a run that has the case), in the
 * order baseline, ig, OLD's other cases, NEW's other cases; OLD before
 * NEW. The metrics are those both runs have; no overhead.
 */
struct view *view_of_comparison(const struct comparison *c, const char *name);

/* The series called name, or NULL. */
const struct view_series *view_find(const struct view *v, const char *name);

/* The cell of series s at rate r when metric m was measured there, else NULL. */
const struct model_stat *view_stat(const struct view_series *s, size_t r,
    enum metric m);

void view_free(struct view *v);

#endif
