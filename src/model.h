/* SPDX-License-Identifier: Apache-2.0 */
/* The report model: aggregated results, plain data built once and read-only afterwards. */
#ifndef IGREPORT_MODEL_H
#define IGREPORT_MODEL_H

#include <stddef.h>
#include <stdio.h>

#include "metric.h"

/* Summary of one metric over the runs of one group. n == 0: no value. */
struct model_stat {
	unsigned long n;
	double mean;
	double sd;   /* sample standard deviation; 0 when n < 2 */
	double half; /* confidence interval half-width at model.level; 0 when n < 2 */
};

/* A group keeps its rows' values (for run dots) up to this many rows. */
#define MODEL_MAX_RUNS 50

/* One case (baseline, ig, ...) at one rate. */
struct model_cell {
	unsigned long rows;                /* rows in this group; 0: a gap */
	struct model_stat m[METRIC__MAX];
	/*
	 * Every row's values in input order when rows <= MODEL_MAX_RUNS
	 * (nruns == rows), else NULL and 0: nruns rows of METRIC__MAX
	 * values, NaN where the row has no such column. Owned.
	 */
	double *runs;
	size_t nruns;
};

/*
 * The values of metric m of cell c's rows (see model_cell.runs) in out
 * (room for MODEL_MAX_RUNS), in input order; returns their count, 0 when
 * the cell kept none.
 */
size_t model_cell_runs(const struct model_cell *c, enum metric m,
    double out[MODEL_MAX_RUNS]);

/* One case of a gadget: cells[i] belongs to the gadget's rates[i]. */
struct model_series {
	char *name;
	struct model_cell *cells;
};

/* With-IG minus baseline for one metric at one rate (Welch interval). */
struct model_delta {
	int defined;  /* both sides have at least one value */
	double delta; /* ig mean - baseline mean */
	double half;  /* Welch CI half-width; 0 when either n < 2 */
	double df;    /* Welch-Satterthwaite degrees of freedom; 0 when no interval */
};

/* Overhead at one rate; only METRIC_CPU and METRIC_MEM are ever defined. */
struct model_overhead {
	struct model_delta m[METRIC__MAX];
};

/* One coefficient of a cost fit. */
struct model_coef {
	double est;  /* least-squares estimate */
	double se;   /* classical OLS standard error */
	double half; /* Student-t half-width at model.level, N - p df */
};

/*
 * The least-squares cost of a gadget for one metric (src/cost.h says how
 * it is fitted). Only METRIC_CPU, METRIC_MEM, METRIC_IGCPU and
 * METRIC_IGMEM are ever defined, and only for a gadget with at least
 * COST_MIN_SHARED_RATES (3) rates measured both with and without IG.
 */
struct model_cost {
	int defined;
	unsigned long n;             /* rows in the fit */
	struct model_coef fixed;     /* c (Cpu, Mem) or a (IgCpu, IgMem) */
	struct model_coef per_event; /* d (Cpu, Mem) or b (IgCpu, IgMem), per 1 event/s */
	double r2;                   /* R^2 of the fit */
};

struct model_gadget {
	char *name;
	double *rates;        /* every rate seen for this gadget, strictly ascending */
	size_t nrates;
	struct model_series *series; /* baseline first, then ig, then others by first appearance */
	size_t nseries;
	int baseline;         /* index into series, or -1 */
	int ig;               /* index into series, or -1 */
	struct model_overhead *overhead; /* nrates entries */
	struct model_cost cost[METRIC__MAX];
};

/* One "# Key: value" line from an input's comment block. */
struct model_meta {
	char *key;
	char *value;
};

struct model_input {
	char *path; /* as given on the command line ("-" for standard input) */
	char *name; /* base name, for the report ("stdin" for "-") */
};

/* Canonical columns of the raw data appendix. */
enum raw_column {
	RAW_GADGET,
	RAW_CASE,
	RAW_RUN,
	RAW_RATE,
	RAW_CPU,
	RAW_MEM,
	RAW_IGCPU,
	RAW_IGMEM,
	RAW_LOST,
	RAW__MAX
};

/* One input row as written (trimmed); "" where the column is absent. */
struct model_raw_row {
	char *cell[RAW__MAX];
	size_t input; /* index into model.inputs */
};

/* Most raw rows kept for the appendix; the rest are counted only. */
#define MODEL_RAW_MAX 5000

struct model {
	double level;              /* confidence level, e.g. 0.95 */
	unsigned metrics;          /* bit (1u << metric) set when any input has the column */
	int has_run;               /* some input has a Run column */
	struct model_gadget *gadgets; /* in order of first appearance */
	size_t ngadgets;
	struct model_meta *meta;   /* distinct key/value pairs in order of appearance */
	size_t nmeta;
	struct model_input *inputs;
	size_t ninputs;
	struct model_raw_row *raw; /* the first min(total_rows, MODEL_RAW_MAX) rows */
	size_t nraw;
	unsigned long total_rows;
};

/* The gadget called name, or NULL. */
const struct model_gadget *model_find_gadget(const struct model *model,
    const char *name);

/* The series (case) of g called name, or NULL; g may be NULL. */
const struct model_series *model_find_series(const struct model_gadget *g,
    const char *name);

/*
 * The rates of a and b (either may be NULL) in *out, newly allocated,
 * ascending, without duplicates; returns their count.
 */
size_t model_union_rates(const struct model_gadget *a,
    const struct model_gadget *b, double **out);

/*
 * Non-zero when key (matched case-insensitively) describes what makes
 * results of two machines incomparable: Processor, Memory or Kernel.
 */
int model_machine_key(const char *key);

/*
 * The machine keys (model_machine_key) that have more than one value in
 * model->meta, that is inputs from different machines merged: returns
 * their count and, when keys is not NULL and the count is not 0, their
 * names ", "-separated in *keys (caller frees).
 */
size_t model_machine_conflicts(const struct model *model, char **keys);

/*
 * The number of CPUs a "# CPUs: N" machine line gives (key compared
 * without case, N a whole number from 1 to MODEL_CPUS_MAX), or 0.
 */
#define MODEL_CPUS_MAX 1000000
unsigned long model_cpus(const struct model *model);

/* Non-zero when the model has values for metric m. */
int model_has_metric(const struct model *model, enum metric m);

/*
 * Counts broken invariants: a gadget without series, rates not strictly
 * ascending, a series cell with rows but n < 1 for a present metric,
 * negative sd or half-width, non-finite numbers, bad baseline/ig index,
 * a cost fit with too few rows, a negative or non-finite standard error
 * or half-width, or R^2 above 1.
 * 0 for a valid model. Writes one line per problem to log when not NULL.
 */
int model_check(const struct model *model, FILE *log);

/*
 * Prints the model as text: one line per gadget/case/rate/metric,
 * "GADGET\tCASE\tRATE\tMETRIC\tN\tMEAN\tSD\tHALF" with %.17g numbers,
 * then per gadget the overhead lines
 * "GADGET\toverhead\tRATE\tMETRIC\t-\tDELTA\t-\tHALF", then, for each
 * of Cpu, Mem, IgCpu, IgMem with a cost fit,
 * "GADGET\tcost\tMETRIC\tfixed\tN\tESTIMATE\tSE\tHALF", the same with
 * "per-event", and "GADGET\tcost\tMETRIC\tr2\tN\tR2\t-\t-".
 */
void model_dump(const struct model *model, FILE *out);

/* Frees the model and everything it owns. NULL is allowed. */
void model_free(struct model *model);

#endif
