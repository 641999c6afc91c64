/* SPDX-License-Identifier: Apache-2.0 */
/* Runs, comparisons, shipped templates, documents and exports shared by the producer, renderer and export tests. */
#ifndef IGREPORT_FIXTURE_H
#define IGREPORT_FIXTURE_H

#include <stddef.h>

#include "compare.h"
#include "document.h"
#include "export_json.h"
#include "model.h"
#include "template.h"

#define FIXTURE_ALL_METRICS ((1u << METRIC__MAX) - 1)

/* What the producers put in every document built here. */
#define FIXTURE_DATE "2025-01-02 03:04 UTC"
#define FIXTURE_VERSION "9.9"

/* Marks next to a change in the compare tables (U+25B2, U+25BC). */
#define FIXTURE_MARK_WORSE "\xe2\x96\xb2"
#define FIXTURE_MARK_BETTER "\xe2\x96\xbc"

/* The shipped compare template's verdict colours. */
#define FIXTURE_WORSE_HEX "#c62828"
#define FIXTURE_BETTER_HEX "#2e7d32"
extern const struct canvas_color fixture_worse, fixture_better;

/* One input row: two of them at the same gadget, case and rate are two runs. */
struct fixture_row {
	const char *gadget;
	const char *tcase;
	double rate;
	double v[METRIC__MAX];
};

/*
 * A model of rows read from an input called path with the metric columns
 * in metrics and "# Key: value" lines meta (NULL, or key, value, ...,
 * NULL); every row is also kept as a raw row. Asserts success.
 */
struct model *fixture_model(const char *path, const struct fixture_row *rows,
    size_t n, unsigned metrics, const char *const *meta);

/*
 * A run of ngadgets gadgets (trace_dns, trace_exec, top_tcp; at most 3)
 * from "runs/t.csv": baseline and ig at 256, 512 and 1024 events/s, two
 * runs each, with the metric columns in present and no machine.
 */
struct model *fixture_run(size_t ngadgets, unsigned present);

/*
 * Two runs compared. OLD (runs/old.csv, 10 rows): trace_exec (baseline,
 * ig at 1024 and 4096), trace_dns. NEW (runs/new.csv, 11 rows): IgCpu
 * doubled at 4096 (a regression), host memory with IG 10% lower at 1024
 * (an improvement, and so is its overhead), a rate 8192 and a case
 * "stress" of its own, and trace_open instead of trace_dns. 1 regression,
 * 2 improvements.
 */
struct fixture_pair {
	struct model *old, *new;
	struct comparison *c;
};

/* OLD's machine; NEW's other processor (critical) and date (not critical). */
extern const char *const fixture_old_meta[];
extern const char *const fixture_new_meta[];

/* The pair with NEW described by new_meta (fixture_old_meta: the same machine). */
void fixture_pair_new(struct fixture_pair *p, const char *const *new_meta);
void fixture_pair_free(struct fixture_pair *p);

/* NEW's rows of the pair, for tests that extend them. */
extern const struct fixture_row fixture_new_rows[];
extern const size_t fixture_nnew_rows;
extern const struct fixture_row fixture_old_rows[];
extern const size_t fixture_nold_rows;

/* The shipped template at relative (e.g. "templates/default.xml"); asserts it loads. */
struct template *fixture_template(const char *relative);

/* produce_document of run m (or comparison c) with tpl, titled title; asserts success. */
struct document *fixture_report(const struct template *tpl,
    const struct model *m, const char *title);
struct document *fixture_comparison(const struct template *tpl,
    const struct comparison *c, const char *title);

/* The version the exports below name. */
extern const struct export_info fixture_export_info;

/*
 * What export_compare of c (when not NULL) or export_report of m writes
 * as kind, with fixture_export_info, in a newly allocated string;
 * asserts success.
 */
char *fixture_export(const struct model *m, const struct comparison *c,
    enum export_kind kind);

/* Fails on a raw control character other than '\n', on U+2028, or on "nan", "inf" or "NaN" in s. */
void fixture_assert_plain_json(const char *s);

/* render_md_write of doc into a newly allocated string; asserts success. */
char *fixture_markdown(const struct document *doc, int link_figures);

#endif
