/* SPDX-License-Identifier: Apache-2.0 */
/* The comparison's tables, sentences and change-chart rows for the compare producers, coloured by verdict. */
#ifndef IGREPORT_PRODUCE_COMPARE_TABLES_H
#define IGREPORT_PRODUCE_COMPARE_TABLES_H

#include <stddef.h>

#include "compare.h"
#include "document.h"

/* Marks next to a change: up for a regression, down for an improvement. */
#define COMPARE_MARK_WORSE "\xe2\x96\xb2"  /* U+25B2 */
#define COMPARE_MARK_BETTER "\xe2\x96\xbc" /* U+25BC */

/* How verdicts are coloured. */
struct colors {
	struct canvas_color worse;   /* regressions: text of their cells, red */
	struct canvas_color better;  /* improvements: green */
	struct canvas_color unknown; /* no test possible: grey */
	struct canvas_color same;    /* no change: the text colour, as a plain cell */
};

/*
 * Every significant change, regressions first then improvements, each
 * gadget by gadget (OLD's order), metric changes before overhead
 * changes: Verdict, Gadget, Case, Rate, Metric, OLD, NEW, Change, p. A
 * regression's row is in worse (its verdict cell bold), an improvement's
 * in better. NULL when nothing is significant.
 */
struct doc_table *compare_table_significant(const struct comparison *c,
    const struct tpl_table_style *st, const struct colors *col);

/*
 * The changes of gadget: one row per case and rate both runs measured
 * (Case, Rate, then a column per metric both runs have), each cell the
 * change in percent of OLD (absolute where OLD is 0) with a mark, in the
 * verdict's colour. NULL when the gadget has no comparison.
 */
struct doc_table *compare_table_changes(const struct comparison *c,
    const char *gadget, const struct tpl_table_style *st,
    const struct colors *col);

/* What a gadget's change chart holds and leaves out. */
struct compare_chart_counts {
	size_t tested;                /* changes drawn or left out for room */
	size_t verdict[COMPARE__MAX]; /* of those, by verdict */
	size_t zero;                  /* left out: 0 in every run of both (a baseline's IG CPU) */
};

/*
 * The rows of gadget's change chart into ch, a DOC_CHART_CHANGES chart
 * with only its rows and band set (--threshold): one per change tested
 * (verdict ~, worse or better; one without a test has no place on it,
 * nor one of a metric that was 0 in every run of both), regressions
 * first, then improvements, then no change, each group by the size of
 * its change, largest first (ties in the comparison's order), at most
 * max_rows of them. Returns the counts; with none tested, ch is left
 * empty.
 */
struct compare_chart_counts compare_chart_changes(const struct comparison *c,
    const char *gadget, const struct colors *col, size_t max_rows,
    struct doc_chart *ch);

/*
 * The overhead of gadget in both runs and its change, per rate: Rate,
 * CPU OLD, CPU NEW, CPU change, Mem OLD, Mem NEW, Mem change; change
 * cells coloured. NULL when the gadget has no overhead in both runs.
 */
struct doc_table *compare_table_overheads(const struct comparison *c,
    const char *gadget, const struct tpl_table_style *st,
    const struct colors *col);

/*
 * Both machine descriptions side by side: a row File, a row Rows, then
 * one per machine key; a key whose values differ is marked U+2260, and a
 * critical one (Processor, Memory, Kernel) is drawn in worse, bold.
 */
struct doc_table *compare_table_machines(const struct comparison *c,
    const struct tpl_table_style *st, const struct colors *col);

/* "2 regressions, 1 improvement" (newly allocated). */
char *compare_text_headline(const struct comparison *c);

/* The files compared and when a change counts as significant (newly allocated). */
char *compare_text_rule(const struct comparison *c);

/* The warning that the machines differ, naming the keys; NULL when they do not. */
char *compare_text_warning(const struct comparison *c);

/*
 * The sentence saying what could not be tested (see compare_untested()),
 * or NULL when every change was tested and both runs have the same
 * gadgets, cases and rates; caller frees.
 */
char *compare_text_untested(const struct comparison *c);

/*
 * What only one run has, one newly allocated sentence each ("trace_dns,
 * ig: 8192, 16384 events/s only in NEW"). Returns the count; free each
 * line and the array.
 */
size_t compare_text_only(const struct comparison *c, char ***lines);

/* The sentence for a gadget without comparison ("measured by OLD only"); newly allocated. */
char *compare_text_no_changes(const struct comparison *c, const char *gadget);

#endif
