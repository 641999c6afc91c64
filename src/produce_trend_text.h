/* SPDX-License-Identifier: Apache-2.0 */
/* The sentences and tables of a trend, decided once for every output format. */
#ifndef IGREPORT_PRODUCE_TREND_TEXT_H
#define IGREPORT_PRODUCE_TREND_TEXT_H

#include <stddef.h>

#include "document.h"
#include "trend.h"

/* What a series follows, in words: "IG CPU", "CPU (with IG)", "Mem overhead of IG"... */
const char *trend_text_what(const struct history_series *s, char *buf,
    size_t size);

/*
 * One sentence per step found, in trend order: "trace_exec, IG CPU at
 * 8192 events/s: +14.8% ± 3.1 between v0.43.0 and v0.44.0 (p = 0.0004)";
 * *steps[i] is the step each stands for. Returns their count; caller frees.
 */
size_t trend_text_steps(const struct trend *t, char ***lines, size_t **steps);

/* The rule steps are found by, with the size of the correction's family; caller frees. */
char *trend_text_rule(const struct trend *t);

/* The gate's verdict on the newest run, one sentence; caller frees. */
char *trend_text_gate(const struct trend *t);

/*
 * The series the gate found out of line: "trace_open, IG CPU at 2048
 * events/s: 0.33, +22% over the mean of the 10 runs before (0.27), above
 * its 95% prediction interval up to 0.29". Returns their count; caller frees.
 */
size_t trend_text_worse(const struct trend *t, char ***lines);

/*
 * Per gadget, the newest run against the best run for IG CPU at its
 * highest rate: "trace_exec, IG CPU at 8192 events/s: latest is 9% worse
 * than the best run (v0.41.0)". Returns their count; caller frees.
 */
size_t trend_text_latest(const struct trend *t, char ***lines);

/* The series with gaps: "GADGET, WHAT at RATE events/s: no value in A, B". Count; caller frees. */
size_t trend_text_gaps(const struct trend *t, char ***lines);

/* The runs: #, label, benchmark date, file, machine (a number). */
struct doc_table *trend_table_runs(const struct trend *t,
    const struct tpl_table_style *style);

/*
 * Gadget g's series of case c and metric m per run (rows) and rate
 * (columns), "mean ± half"; the run after a step found marked ▲ or ▼ in
 * worse or better, the newest run out of line in worse bold. NULL when
 * no such series exists.
 */
struct doc_table *trend_table_history(const struct trend *t, size_t g,
    enum history_case c, enum metric m, const struct tpl_table_style *style,
    struct canvas_color worse, struct canvas_color better);

#endif
