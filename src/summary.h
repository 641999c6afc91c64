/* SPDX-License-Identifier: Apache-2.0 */
/* Plain-language summary sentences computed from the model, one per gadget. */
#ifndef IGREPORT_SUMMARY_H
#define IGREPORT_SUMMARY_H

#include "format.h"
#include "model.h"

/*
 * Returns a newly allocated sentence about gadget g. With a cost model
 * (g->cost), for example "trace_exec: +0.74 ± 0.05 points of host CPU
 * per 1000 events/s, +118 ± 9 MiB of host memory fixed; the ig process
 * uses 0.56 ± 0.03 points of CPU per 1000 events/s and 105 ± 1 MiB
 * fixed; no lost events.", with the CPU time per event when cpus > 0 and
 * a clause for each fit whose R^2 is below SUMMARY_LINEAR_R2. Without
 * one, the overhead at the highest rate measured on both sides: "trace_exec:
 * at 8192 events/s (...), with IG host CPU rises by 3.10 ± 0.40 points
 * and host memory by 118 ± 9 MiB; the ig process uses 2.70% CPU and
 * 118 MiB; no lost events." Built only from values the model has.
 */
char *summary_gadget(const struct model *m, const struct model_gadget *g,
    unsigned long cpus);

/* Below this R^2, a cost is said not to grow linearly with the rate. */
#define SUMMARY_LINEAR_R2 0.9

/* The decimals of a cost of metric m: fixed, or per 1000 events/s (per). */
int summary_cost_decimals(enum metric m, int per);

/*
 * The coefficient c of metric m as "+0.74 ± 0.05" (Cpu, Mem: an
 * overhead, signed) or "0.56 ± 0.03" (IgCpu, IgMem): multiplied by 1000
 * (per 1000 events/s) when per, else as it is.
 */
void summary_format_cost(char buf[FORMAT_MAX], const struct model_coef *c,
    enum metric m, int per);

/*
 * The CPU time per event of the host CPU cost d on cpus CPUs, d / 100 x
 * cpus seconds, in microseconds as "443 ± 99 µs".
 */
void summary_format_cpu_time(char buf[FORMAT_MAX], const struct model_coef *d,
    unsigned long cpus);

#endif
