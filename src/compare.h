/* SPDX-License-Identifier: Apache-2.0 */
/* Comparison of two benchmark runs: per-metric changes, overhead changes, what only one run has. */
#ifndef IGREPORT_COMPARE_H
#define IGREPORT_COMPARE_H

#include <stddef.h>

#include "metric.h"
#include "model.h"

/* What a change means, once alpha and the threshold are applied. */
enum compare_verdict {
	COMPARE_SAME,     /* "~": p >= alpha or |change| below the threshold */
	COMPARE_UNKNOWN,  /* "?": no test possible (n < 2 on some side) */
	COMPARE_WORSE,    /* a significant regression (more CPU, memory, lost events) */
	COMPARE_BETTER,   /* a significant improvement */
	COMPARE__MAX
};

/* When a change counts as significant. */
/* How p-values are adjusted for the many tests of one comparison. */
enum compare_correction {
	COMPARE_CORRECTION_NONE, /* each test at alpha, as benchstat does */
	COMPARE_CORRECTION_HOLM, /* Holm-Bonferroni: family-wise error below alpha */
	COMPARE_CORRECTION_BH,   /* Benjamini-Hochberg: false discovery rate below alpha */
	COMPARE_CORRECTION__MAX
};

struct compare_options {
	double alpha;     /* significant only when p < alpha (0 < alpha < 1) */
	double threshold; /* ... and |percent| >= threshold (percent, >= 0) */
	double level;     /* confidence level of the intervals, 0 < level < 1 */
	enum compare_correction correction;
};

/*
 * A change from OLD to NEW with its test. delta = NEW - OLD. half is the
 * half-width of the Welch confidence interval of delta at the level of the
 * options (0 when there is none, see df). percent = 100 * delta / |OLD|,
 * NaN when the OLD value is 0 (only the absolute change is meaningful
 * then; the threshold counts as met by any non-zero delta, since the
 * relative change is unbounded). p is the two-sided Welch p-value, NaN
 * when some group has n < 2 (verdict COMPARE_UNKNOWN). With no spread at
 * all (every standard error 0) p is 1 for equal values and 0 otherwise:
 * a difference measured without any noise is taken as certain.
 */
struct compare_change {
	double delta;
	double half;
	double df;  /* Welch-Satterthwaite degrees of freedom; 0 when no interval */
	double percent;
	double p;       /* the test's own p-value; NaN when no test is possible */
	double q;       /* p adjusted by opt.correction (= p without one); the verdict uses q */
	enum compare_verdict verdict;
};

/* One gadget / case / rate / metric measured in both runs. */
struct compare_entry {
	const char *gadget; /* points into the OLD model */
	const char *tcase;  /* points into the OLD model */
	double rate;
	enum metric metric;
	struct model_stat old;
	struct model_stat new;
	struct compare_change change;
};

/*
 * The overhead (with IG minus baseline) of one gadget, rate and metric
 * (Cpu or Mem) in both runs, and its change: the difference of two
 * independent differences, tested as in compare_diff_of_diffs.
 */
struct compare_overhead {
	const char *gadget; /* points into the OLD model */
	double rate;
	enum metric metric;
	struct model_delta old;
	struct model_delta new;
	struct compare_change change;
};

/* Which run has something the other lacks. */
enum compare_side {
	COMPARE_OLD,
	COMPARE_NEW
};

/* What only one run has: a gadget, a case of a gadget, a rate, or a metric column. */
enum compare_only_kind {
	COMPARE_ONLY_GADGET,
	COMPARE_ONLY_CASE,
	COMPARE_ONLY_RATE,  /* a gadget/case measured at this rate by one run only */
	COMPARE_ONLY_METRIC
};

struct compare_only {
	enum compare_only_kind kind;
	enum compare_side side;
	const char *gadget; /* into the model of side; NULL for a metric */
	const char *tcase;  /* for CASE and RATE; else NULL */
	double rate;        /* for RATE */
	enum metric metric; /* for METRIC; else METRIC__MAX */
};

/*
 * One key of the machine descriptions ("# Key: value" lines). A key with
 * several values in one run has them joined by "; ". differs: the values
 * are not equal, or (for Processor, Memory and Kernel only) one run lacks
 * the key. critical: differs and the key is Processor, Memory or Kernel,
 * which make a comparison unsound.
 */
struct compare_machine {
	char *key;       /* owned; as first written (OLD first) */
	char *old_value; /* owned; NULL when OLD lacks the key */
	char *new_value; /* owned; NULL when NEW lacks the key */
	int differs;
	int critical;
};

struct comparison {
	const struct model *old; /* borrowed: must outlive the comparison */
	const struct model *new;
	struct compare_options opt;
	struct compare_entry *entries; /* OLD's gadget order, case order, rate, metric */
	size_t nentries;
	struct compare_overhead *overheads; /* gadget order, rate, Cpu then Mem */
	size_t noverheads;
	struct compare_only *only;     /* OLD's gadget order, NEW-only gadgets, metrics last */
	size_t nonly;
	struct compare_machine *machine; /* OLD's keys in order, then NEW-only keys */
	size_t nmachine;
	size_t counts[COMPARE__MAX];   /* entries and overheads by verdict */
	int machines_differ;           /* some machine key is critical */
};

/* The verdict symbol or word for text output: "~", "?", "worse", "better". */
const char *compare_verdict_name(enum compare_verdict v);

/* The verdict as one word for data exports: "same", "untested", "worse", "better". */
const char *compare_verdict_id(enum compare_verdict v);

/* "none", "holm" or "bh"; compare_correction_from_name gives __MAX for others. */
const char *compare_correction_name(enum compare_correction c);
enum compare_correction compare_correction_from_name(const char *s);

/*
 * Adjusts the m p-values p into q (same order) for multiple testing:
 * Holm's step-down q(i) = max over j <= i of min(1, (m - j + 1) p(j)), or
 * the Benjamini-Hochberg step-up q(i) = min over j >= i of min(1, m p(j) / j),
 * with p sorted ascending and i, j counted from 1; q = p for none.
 */
void compare_adjust(const double *p, size_t m, enum compare_correction how,
    double *q);

/* A phrase for the reports: "" without correction, else e.g. " after Holm's correction for 60 tests". */
char *compare_correction_phrase(const struct comparison *c);

/*
 * Compares OLD and NEW (both valid models at opt->level). The result
 * borrows both models: free it with compare_free before them.
 */
struct comparison *compare_build(const struct model *old,
    const struct model *new, const struct compare_options *opt);

/* Frees c and what it owns (not the models). NULL is allowed. */
void compare_free(struct comparison *c);

/* What a comparison could not test, for the warning and the outputs. */
struct compare_untested {
	size_t tested;   /* changes with a test: verdict ~, worse or better */
	size_t no_test;  /* changes without one: fewer than 2 runs on a side */
	size_t one_run;  /* gadgets, cases and rates that one run only has */
};

/* Counts what c tested and what it could not. */
struct compare_untested compare_untested(const struct comparison *c);

/* The end of the run of entries from i that share gadget, case and rate. */
size_t compare_group_end(const struct comparison *c, size_t i);

/*
 * Welch's test of metric m between runs: OLD against NEW (via
 * stats_welch), with percent and verdict set from opt; a significant
 * rise is worse when metric_lower_is_better(m), else better.
 */
void compare_means(const struct model_stat *old, const struct model_stat *new,
    enum metric m, const struct compare_options *opt,
    struct compare_change *out);

/*
 * The change of an overhead: D = (new_ig - new_base) - (old_ig - old_base),
 * four independent groups. se = sqrt(sum of sd_i^2 / n_i) over the four,
 * df by Welch-Satterthwaite over the four (se^4 / sum((sd_i^2/n_i)^2 /
 * (n_i - 1))), p = 2 P(T_df > |D| / se). percent relative to |old
 * overhead|. p is NaN (verdict COMPARE_UNKNOWN) when any n_i < 2; the
 * zero-spread rule is that of struct compare_change. The verdict follows
 * metric_lower_is_better(m), as in compare_means.
 */
void compare_diff_of_diffs(const struct model_stat *old_base,
    const struct model_stat *old_ig, const struct model_stat *new_base,
    const struct model_stat *new_ig, enum metric m,
    const struct compare_options *opt, struct compare_change *out);

#endif
