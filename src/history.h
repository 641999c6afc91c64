/* SPDX-License-Identifier: Apache-2.0 */
/* A history of runs: their labels, order and machines, and every series of per-run values, built once, read-only afterwards. */
#ifndef IGREPORT_HISTORY_H
#define IGREPORT_HISTORY_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/* Most runs in a history (step detection's work grows as the cube of it). */
#define HISTORY_MAX_RUNS 256
/* Longest label, in bytes. */
#define HISTORY_MAX_LABEL 256

/* How runs are ordered. */
enum history_order {
	HISTORY_ORDER_AUTO, /* by benchmark date when every run has one, else as given */
	HISTORY_ORDER_DATE, /* by benchmark date; a run without one is an error */
	HISTORY_ORDER_ARGS, /* as given */
	HISTORY_ORDER__MAX
};

/* "auto", "date", "args"; history_order_from_name gives __MAX for others. */
enum history_order history_order_from_name(const char *s);

/* What a series follows: a case of the runs, or the overhead of IG. */
enum history_case {
	HISTORY_BASELINE,
	HISTORY_IG,
	HISTORY_OVERHEAD, /* ig minus baseline, Cpu and Mem only */
	HISTORY_CASE__MAX
};

/* "baseline", "ig", "overhead". */
const char *history_case_name(enum history_case c);

/* One run as given: its file, its model (taken over) and its label, if given. */
struct history_input {
	const char *path;    /* borrowed */
	struct model *model; /* taken over by history_new */
	const char *label;   /* LABEL= of the operand, or NULL */
};

/* One run of the history, in history order. */
struct history_run {
	char *label;          /* owned: LABEL=, else the benchmark date, else the base name */
	const char *path;     /* borrowed from the input */
	struct model *model;  /* owned */
	const char *date;     /* the "# Benchmark Date" value (into the model), or NULL */
	size_t given;         /* its place on the command line, from 0 */
	size_t machine;       /* index into history.machines */
};

/* One machine: the runs whose Processor, Memory, Kernel and Architecture agree. */
struct history_machine {
	char *desc;  /* owned: "Processor: ...; Memory: ...; Kernel: ...; Architecture: ..." (keys present) */
	size_t nruns;
};

/* One run's value of a series; defined 0: a gap (the run lacks it). */
struct history_point {
	int defined;
	unsigned long n; /* rows of the group; 0 for an overhead */
	double mean;     /* the mean, or for an overhead the difference of means */
	double sd;       /* sample sd of the rows; 0 for an overhead */
	double half;     /* interval half-width at the history's level (Welch for an overhead) */
	double se;       /* standard error of the mean (or difference); 0 without spread or n < 2 */
};

/* One gadget, case, rate and metric across the runs. */
struct history_series {
	size_t gadget;       /* index into history.gadgets */
	enum history_case tcase;
	double rate;
	enum metric metric;
	struct history_point *points; /* owned: nruns entries, in run order */
	size_t ndefined;     /* points with a value */
};

/* One gadget: its name and its cost model in every run. */
struct history_gadget {
	char *name;                /* owned */
	struct model_cost *cost;   /* owned: nruns * METRIC__MAX, run-major; undefined where absent */
};

struct history {
	double level;
	struct history_run *runs;  /* ordered */
	size_t nruns;
	int by_date;               /* the runs are in date order */
	struct history_machine *machines; /* in order of their first run */
	size_t nmachines;
	struct history_gadget *gadgets; /* in order of first appearance over the ordered runs */
	size_t ngadgets;
	struct history_series *series;  /* gadget, case, rate, metric */
	size_t nseries;
};

/*
 * Checks a label (LABEL= or taken from a file): 0 when it is UTF-8
 * text of 1 to HISTORY_MAX_LABEL bytes without control or invisible
 * characters; else -1 with D_RUN_LABEL naming shown (the operand).
 */
int history_check_label(const char *label, const char *shown,
    struct diags *d);

/*
 * The value of "# Benchmark Date" as a number that sorts as the dates
 * do: "YYYY-MM-DD", optionally followed by " HH:MM" or " HH:MM:SS" (or
 * 'T' for the blank), optionally by " UTC" or "Z". Returns 0 and sets
 * *key, or -1 for anything else.
 */
int history_date_key(const char *date, long long *key);

/*
 * The order of n runs with the given dates (NULL: none): writes into
 * order[0..n) the command-line places of the runs in history order.
 * AUTO sorts by date when every date reads (history_date_key), keeping
 * the given order among equal dates, else keeps the given order; DATE
 * returns -1 when some date does not read; ARGS keeps the given order.
 * Returns 1 when sorted by date, 0 when not, -1 for DATE without dates.
 */
int history_order_runs(const char *const *dates, size_t n,
    enum history_order how, size_t *order);

/*
 * Builds the history of in[0..n) (2 <= n <= HISTORY_MAX_RUNS), taking
 * over every model (also on failure). Errors, all usage errors (exit 1):
 * a label that history_check_label refuses, two runs with the same
 * label (D_DUPLICATE_LABEL), --order date with a run without a readable
 * date (D_NO_DATE); NULL then. Warns with D_RUNS_MACHINES when the runs
 * come from more than one machine and D_TREND_GAPS when some series
 * lacks a value in some run of its machine.
 */
struct history *history_new(struct history_input *in, size_t n,
    enum history_order how, double level, struct diags *d);

/* The series of gadget g, case c, rate and metric m, or NULL. */
const struct history_series *history_find(const struct history *h,
    size_t g, enum history_case c, double rate, enum metric m);

/* Frees h and all it owns. NULL is allowed. */
void history_free(struct history *h);

#endif
