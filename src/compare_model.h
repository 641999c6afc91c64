/* A report model built from a comparison, so the chart engine draws OLD against NEW unchanged. */
#ifndef IGREPORT_COMPARE_MODEL_H
#define IGREPORT_COMPARE_MODEL_H

#include "compare.h"
#include "model.h"

/* Prefixes of the series names: "old:baseline", "new:ig", ... */
#define COMPARE_MODEL_OLD "old:"
#define COMPARE_MODEL_NEW "new:"

/*
 * A new model holding both runs of c side by side: the gadgets of OLD in
 * order, then those only NEW has; per gadget the union of both runs'
 * rates, and for every case of either run the series "old:CASE" and
 * "new:CASE" (only for a run that has the case), each with a cell per
 * rate of the union (a gap, rows 0, where that run lacks the rate).
 * Series order: baseline, ig, then the other cases; OLD before NEW.
 * The model has the metrics both runs have, OLD's level, the two inputs
 * (OLD's first input, then NEW's) and no machine description, raw rows or
 * overheads (baseline and ig are -1). It passes model_check and owns
 * everything: free it with model_free.
 */
struct model *compare_model_new(const struct comparison *c);

#endif
