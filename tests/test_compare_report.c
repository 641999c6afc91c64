/* Tests of the comparison as a report: the side-by-side model, its coloured tables and sentences, the compare template drawn. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "aggregate.h"
#include "compare.h"
#include "compare_model.h"
#include "compare_report.h"
#include "recording_canvas.h"
#include "report.h"

#define ALL_METRICS ((1u << METRIC__MAX) - 1)
#define NROWS(a) (sizeof(a) / sizeof(a[0]))

static const struct compare_options defaults = { 0.05, 5.0, 0.95 };
static const struct tpl_table_style style = { { 0x54, 0x6e, 0x7a },
	{ 0xff, 0xff, 0xff }, { 0xdd, 0xdd, 0xdd }, { 0xf3, 0xf3, 0xf3 }, 0, 9 };
static const struct compare_colors colors = { { 0xc6, 0x28, 0x28 },
	{ 0x2e, 0x7d, 0x32 }, { 0x75, 0x75, 0x75 } };

struct row {
	const char *gadget;
	const char *tcase;
	double rate;
	double v[METRIC__MAX];
};

static struct model *
build(const char *name, const struct row *rows, size_t n, unsigned metrics,
    const char *const *meta)
{
	static const struct aggregate_origin origin = { 0, 2 };
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	struct model *m;
	size_t i;

	aggregate_add_input(a, name);
	aggregate_note_columns(a, metrics, 1);
	for (i = 0; meta && meta[i]; i += 2)
		aggregate_add_meta(a, meta[i], meta[i + 1]);
	for (i = 0; i < n; i++)
		aggregate_add(a, rows[i].gadget, strlen(rows[i].gadget),
		    rows[i].tcase, strlen(rows[i].tcase), rows[i].rate,
		    rows[i].v, metrics, &origin, &d);
	m = aggregate_finish(a, NULL, 0, &d);
	assert_non_null(m);
	diags_free(&d);
	return m;
}

/*
 * OLD: trace_exec (baseline, ig at 1024 and 4096), trace_dns. NEW: IgCpu
 * doubled at 4096 (a regression), host memory with IG 10% lower at 1024
 * (an improvement, and so is its overhead), a rate 8192 and a case "stress" of its own, and
 * trace_open instead of trace_dns.
 */
static const struct row old_rows[] = {
	{ "trace_exec", "baseline", 1024, { 1.0, 1400, 0, 0, 0 } },
	{ "trace_exec", "baseline", 1024, { 1.1, 1402, 0, 0, 0 } },
	{ "trace_exec", "ig", 1024, { 2.0, 1500, 1.0, 96, 0 } },
	{ "trace_exec", "ig", 1024, { 2.1, 1502, 1.1, 97, 0 } },
	{ "trace_exec", "baseline", 4096, { 3.0, 1400, 0, 0, 0 } },
	{ "trace_exec", "baseline", 4096, { 3.1, 1401, 0, 0, 0 } },
	{ "trace_exec", "ig", 4096, { 5.0, 1500, 2.0, 100, 0 } },
	{ "trace_exec", "ig", 4096, { 5.1, 1501, 2.1, 100, 0 } },
	{ "trace_dns", "baseline", 1024, { 1.0, 1400, 0, 0, 0 } },
	{ "trace_dns", "ig", 1024, { 1.5, 1450, 0.5, 50, 0 } },
};

static const struct row new_rows[] = {
	{ "trace_exec", "baseline", 1024, { 1.0, 1400, 0, 0, 0 } },
	{ "trace_exec", "baseline", 1024, { 1.1, 1402, 0, 0, 0 } },
	{ "trace_exec", "ig", 1024, { 2.0, 1350, 1.0, 96, 0 } },
	{ "trace_exec", "ig", 1024, { 2.1, 1352, 1.1, 97, 0 } },
	{ "trace_exec", "baseline", 4096, { 3.0, 1400, 0, 0, 0 } },
	{ "trace_exec", "baseline", 4096, { 3.1, 1401, 0, 0, 0 } },
	{ "trace_exec", "ig", 4096, { 5.0, 1500, 4.0, 100, 0 } },
	{ "trace_exec", "ig", 4096, { 5.1, 1501, 4.1, 100, 0 } },
	{ "trace_exec", "ig", 8192, { 9.0, 1600, 4.0, 110, 0 } },
	{ "trace_exec", "stress", 1024, { 9.0, 1600, 4.0, 110, 0 } },
	{ "trace_open", "baseline", 1024, { 1.0, 1400, 0, 0, 0 } },
};

static const char *const old_meta[] = { "Processor", "AMD EPYC 7763",
	"Kernel", "6.8.0", "Benchmark Date", "2025-09-10", NULL };
static const char *const new_meta[] = { "Processor", "Intel Xeon",
	"Kernel", "6.8.0", "Benchmark Date", "2025-10-02", NULL };

struct pair {
	struct model *old, *new;
	struct comparison *c;
};

static void
pair_new(struct pair *p, const char *const *nmeta)
{
	p->old = build("runs/old.csv", old_rows, NROWS(old_rows), ALL_METRICS,
	    old_meta);
	p->new = build("runs/new.csv", new_rows, NROWS(new_rows), ALL_METRICS,
	    nmeta);
	p->c = compare_build(p->old, p->new, &defaults);
	assert_int_equal(p->c->counts[COMPARE_WORSE], 1);
	assert_int_equal(p->c->counts[COMPARE_BETTER], 2);
}

static void
pair_free(struct pair *p)
{
	compare_free(p->c);
	model_free(p->old);
	model_free(p->new);
}

static const struct model_series *
series(const struct model_gadget *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->nseries; i++)
		if (strcmp(g->series[i].name, name) == 0)
			return &g->series[i];
	fail_msg("no series %s in %s", name, g->name);
	return NULL;
}

static const char *
cell(const struct table *t, size_t r, size_t c)
{
	return t->cells[r * t->ncols + c];
}

static const struct table_cell_style *
style_of(const struct table *t, size_t r, size_t c)
{
	static const struct table_cell_style plain = { 0, { 0, 0, 0 }, FONT_REGULAR };
	size_t i = r * t->ncols + c;

	return i < t->nstyles ? &t->styles[i] : &plain;
}

static void
expect_style(const struct table *t, size_t r, size_t c,
    struct canvas_color want, enum font_face face)
{
	const struct table_cell_style *s = style_of(t, r, c);

	if (!s->set || s->color.r != want.r || s->color.g != want.g ||
	    s->color.b != want.b || s->face != face)
		fail_msg("cell %zu,%zu ('%s'): set %d #%02x%02x%02x face %d", r, c,
		    cell(t, r, c), s->set, s->color.r, s->color.g, s->color.b,
		    (int)s->face);
}

/* --- The side-by-side model ----------------------------------------------- */

static void
test_model_has_both_runs_on_the_union_of_rates(void **state)
{
	struct pair p;
	struct model *m;
	const struct model_gadget *g;

	(void)state;
	pair_new(&p, old_meta);
	m = compare_model_new(p.c);
	assert_int_equal(model_check(m, stderr), 0);
	assert_int_equal(m->ngadgets, 3); /* OLD's two, then NEW's trace_open */
	assert_string_equal(m->gadgets[0].name, "trace_exec");
	assert_string_equal(m->gadgets[1].name, "trace_dns");
	assert_string_equal(m->gadgets[2].name, "trace_open");
	assert_string_equal(m->inputs[0].name, "old.csv");
	assert_string_equal(m->inputs[1].name, "new.csv");
	assert_int_equal(m->metrics, ALL_METRICS);
	g = &m->gadgets[0];
	assert_int_equal(g->nrates, 3);
	assert_close(g->rates[2], 8192, 0);
	assert_int_equal(g->nseries, 5);
	assert_string_equal(g->series[0].name, "old:baseline");
	assert_string_equal(g->series[1].name, "new:baseline");
	assert_string_equal(g->series[2].name, "old:ig");
	assert_string_equal(g->series[3].name, "new:ig");
	assert_string_equal(g->series[4].name, "new:stress");
	assert_int_equal(g->baseline, -1);
	assert_int_equal(g->ig, -1);
	/* 8192 only in NEW: a gap in OLD, a cell in NEW; cells moved by rate. */
	assert_int_equal(series(g, "old:ig")->cells[2].rows, 0);
	assert_int_equal(series(g, "new:ig")->cells[2].rows, 1);
	assert_close(series(g, "old:ig")->cells[1].m[METRIC_IGCPU].mean, 2.05, 1e-12);
	assert_close(series(g, "new:ig")->cells[1].m[METRIC_IGCPU].mean, 4.05, 1e-12);
	assert_int_equal(series(g, "old:baseline")->cells[2].rows, 0);
	/* A gadget of one run has only that run's series. */
	assert_int_equal(m->gadgets[1].nseries, 2);
	assert_string_equal(m->gadgets[1].series[1].name, "old:ig");
	assert_string_equal(m->gadgets[2].series[0].name, "new:baseline");
	model_free(m);
	pair_free(&p);
}

static void
test_model_keeps_only_metrics_of_both_runs(void **state)
{
	struct model *o = build("a.csv", old_rows, NROWS(old_rows), ALL_METRICS,
	    NULL);
	struct model *n = build("b.csv", new_rows, NROWS(new_rows),
	    ALL_METRICS & ~(1u << METRIC_LOST), NULL);
	struct comparison *c = compare_build(o, n, &defaults);
	struct model *m = compare_model_new(c);

	(void)state;
	assert_int_equal(m->metrics, ALL_METRICS & ~(1u << METRIC_LOST));
	assert_int_equal(model_check(m, stderr), 0);
	model_free(m);
	compare_free(c);
	model_free(o);
	model_free(n);
}

/* --- Tables and sentences ------------------------------------------------- */

static void
test_significant_lists_regressions_first_in_red(void **state)
{
	struct pair p;
	struct table *t;

	(void)state;
	pair_new(&p, old_meta);
	t = compare_report_significant(p.c, &style, &colors);
	assert_non_null(t);
	assert_int_equal(t->ncols, 9);
	assert_int_equal(t->nrows, 3);
	assert_string_equal(cell(t, 0, 0), "worse " COMPARE_MARK_WORSE);
	assert_string_equal(cell(t, 0, 2), "ig");
	assert_string_equal(cell(t, 0, 3), "4096");
	assert_string_equal(cell(t, 0, 4), "IG CPU (%)");
	assert_string_equal(cell(t, 0, 5), "2.05 \xc2\xb1 0.64");
	assert_string_equal(cell(t, 0, 7), "+2.00 \xc2\xb1 0.30 (+97.6%)");
	assert_string_equal(cell(t, 1, 0), "better " COMPARE_MARK_BETTER);
	assert_string_equal(cell(t, 1, 4), "Mem (MiB)");
	expect_style(t, 0, 0, colors.worse, FONT_BOLD);
	expect_style(t, 0, 7, colors.worse, FONT_REGULAR);
	expect_style(t, 1, 0, colors.better, FONT_BOLD);
	expect_style(t, 1, 8, colors.better, FONT_REGULAR);
	assert_string_equal(cell(t, 2, 2), "overhead");
	assert_string_equal(cell(t, 2, 6), "-50 \xc2\xb1 6");
	table_free(t);
	pair_free(&p);
}

static void
test_nothing_significant_gives_no_table(void **state)
{
	struct model *o = build("a.csv", old_rows, NROWS(old_rows), ALL_METRICS,
	    NULL);
	struct comparison *c = compare_build(o, o, &defaults);

	(void)state;
	assert_null(compare_report_significant(c, &style, &colors));
	compare_free(c);
	model_free(o);
}

static void
test_changes_table_colours_each_change(void **state)
{
	struct pair p;
	struct table *t;

	(void)state;
	pair_new(&p, old_meta);
	t = compare_report_changes(p.c, "trace_exec", &style, &colors);
	assert_non_null(t);
	assert_int_equal(t->ncols, 7); /* Case, Rate, five metrics */
	assert_int_equal(t->nrows, 4); /* baseline and ig at 1024 and 4096 */
	assert_string_equal(t->header[2], "CPU (%)");
	assert_string_equal(cell(t, 0, 0), "baseline");
	assert_string_equal(cell(t, 0, 2), "0.0%");
	/* IgCpu of the baseline is 0 in both: the absolute change. */
	assert_string_equal(cell(t, 0, 4), "0.00");
	assert_string_equal(cell(t, 3, 4), "+97.6% " COMPARE_MARK_WORSE);
	expect_style(t, 3, 4, colors.worse, FONT_BOLD);
	assert_string_equal(cell(t, 2, 3), "-10.0% " COMPARE_MARK_BETTER);
	expect_style(t, 2, 3, colors.better, FONT_BOLD);
	assert_int_equal(style_of(t, 0, 2)->set, 0);
	table_free(t);
	assert_null(compare_report_changes(p.c, "trace_dns", &style, &colors));
	pair_free(&p);
}

static void
test_overheads_table_has_both_runs_and_the_change(void **state)
{
	struct pair p;
	struct table *t;

	(void)state;
	pair_new(&p, old_meta);
	t = compare_report_overheads(p.c, "trace_exec", &style, &colors);
	assert_non_null(t);
	assert_int_equal(t->ncols, 7);
	assert_int_equal(t->nrows, 2);
	assert_string_equal(cell(t, 0, 0), "1024");
	/* 2 runs a side, sd 0.0707: se 0.0707, df 2, t 4.303. */
	assert_string_equal(cell(t, 1, 1), "+2.00 \xc2\xb1 0.30");
	assert_string_equal(cell(t, 1, 3), "0.00 \xc2\xb1 0.28 (0.0%)");
	/* Mem overhead at 1024 fell from +100 to -50: better. */
	assert_string_equal(cell(t, 0, 4), "+100 \xc2\xb1 6");
	assert_string_equal(cell(t, 0, 5), "-50 \xc2\xb1 6");
	assert_true(strstr(cell(t, 0, 6), COMPARE_MARK_BETTER) != NULL);
	expect_style(t, 0, 6, colors.better, FONT_BOLD);
	table_free(t);
	pair_free(&p);
}

static void
test_machines_side_by_side_with_critical_keys_in_red(void **state)
{
	struct pair p;
	struct table *t;
	char *w;

	(void)state;
	pair_new(&p, new_meta);
	t = compare_report_machines(p.c, &style, &colors);
	assert_int_equal(t->nrows, 5); /* File, Rows, three keys */
	assert_string_equal(cell(t, 0, 1), "old.csv");
	assert_string_equal(cell(t, 1, 2), "11");
	assert_string_equal(cell(t, 2, 0), "Processor \xe2\x89\xa0");
	assert_string_equal(cell(t, 2, 2), "Intel Xeon");
	expect_style(t, 2, 1, colors.worse, FONT_BOLD);
	assert_string_equal(cell(t, 3, 0), "Kernel");
	assert_int_equal(style_of(t, 3, 0)->set, 0);
	/* The date differs, but is not critical: marked, not red. */
	assert_string_equal(cell(t, 4, 0), "Benchmark Date \xe2\x89\xa0");
	assert_int_equal(style_of(t, 4, 0)->set, 0);
	table_free(t);
	w = compare_report_warning(p.c);
	assert_non_null(strstr(w, "different machines (Processor differs)"));
	free(w);
	pair_free(&p);
	pair_new(&p, old_meta);
	assert_null(compare_report_warning(p.c));
	pair_free(&p);
}

static void
test_only_lines_group_rates_of_one_place(void **state)
{
	static const struct row more[] = {
		{ "trace_exec", "ig", 16384, { 9.0, 1600, 4.0, 110, 0 } },
	};
	struct row rows[NROWS(new_rows) + 1];
	struct model *o = build("a.csv", old_rows, NROWS(old_rows), ALL_METRICS,
	    NULL), *n;
	struct comparison *c;
	char **lines;
	size_t k, i;

	(void)state;
	memcpy(rows, new_rows, sizeof(new_rows));
	rows[NROWS(new_rows)] = more[0];
	n = build("b.csv", rows, NROWS(rows), ALL_METRICS, NULL);
	c = compare_build(o, n, &defaults);
	k = compare_report_only(c, &lines);
	assert_int_equal(k, 4);
	assert_string_equal(lines[0], "trace_exec, ig: 8192, 16384 events/s only "
	    "in NEW");
	assert_string_equal(lines[1], "trace_exec, case stress: only in NEW");
	assert_string_equal(lines[2], "gadget trace_dns: only in OLD");
	assert_string_equal(lines[3], "gadget trace_open: only in NEW");
	for (i = 0; i < k; i++)
		free(lines[i]);
	free(lines);
	lines = NULL;
	(void)lines;
	{
		char *s = compare_report_no_changes(c, "trace_dns");

		assert_string_equal(s, "trace_dns was measured by OLD only: "
		    "there is nothing to compare.");
		free(s);
	}
	compare_free(c);
	model_free(o);
	model_free(n);
}

static void
test_headline_and_rule(void **state)
{
	struct pair p;
	char *h, *r;

	(void)state;
	pair_new(&p, old_meta);
	h = compare_report_headline(p.c);
	r = compare_report_rule(p.c);
	assert_string_equal(h, "1 regression, 2 improvements");
	assert_non_null(strstr(r, "OLD is old.csv (10 rows), NEW is new.csv "
	    "(11 rows)."));
	assert_non_null(strstr(r, "p < 0.05 and it is at least 5% of the OLD"));
	assert_non_null(strstr(r, "24 changes were tested."));
	free(h);
	free(r);
	pair_free(&p);
}

/* --- The compare template drawn ------------------------------------------- */

struct drawing {
	struct pair p;
	struct fonts *fonts;
	struct template *tpl;
	struct model *model;
	struct recording_canvas *rc;
	struct report_context ctx;
};

static void
drawing_new(struct drawing *dr, const char *const *nmeta)
{
	struct diags d = { 0 };
	char *tpath = testutil_source_path("templates/compare.xml");
	char *xsd = testutil_source_path("templates/igreport.xsd");

	pair_new(&dr->p, nmeta);
	dr->fonts = recording_fonts_load();
	assert_non_null(dr->fonts);
	dr->tpl = template_load(tpath, xsd, &d);
	assert_non_null(dr->tpl);
	dr->model = compare_model_new(dr->p.c);
	dr->rc = recording_canvas_new(dr->fonts);
	memset(&dr->ctx, 0, sizeof(dr->ctx));
	dr->ctx.tpl = dr->tpl;
	dr->ctx.model = dr->model;
	dr->ctx.title = "Cmp";
	dr->ctx.date = "2025-01-02 03:04 UTC";
	dr->ctx.version = "9.9";
	dr->ctx.comparison = dr->p.c;
	free(tpath);
	free(xsd);
	diags_free(&d);
}

static void
drawing_free(struct drawing *dr)
{
	recording_canvas_free(dr->rc);
	model_free(dr->model);
	template_free(dr->tpl);
	fonts_free(dr->fonts);
	pair_free(&dr->p);
}

static void
test_compare_template_draws_verdict_tables_and_figures(void **state)
{
	struct drawing dr;
	size_t pages;

	(void)state;
	drawing_new(&dr, old_meta);
	pages = report_draw(&dr.rc->canvas, &dr.ctx);
	/* Cover (one page), then per gadget figures and tables. */
	assert_int_equal(pages, 1 + 3 * 2);
	assert_non_null(strstr(dr.rc->text, "B 20.0 #c62828 \"1 regression, "
	    "2 improvements\""));
	assert_non_null(strstr(dr.rc->text, "#c62828 \"worse " COMPARE_MARK_WORSE));
	assert_non_null(strstr(dr.rc->text, "#2e7d32 \"better " COMPARE_MARK_BETTER));
	assert_true(strstr(dr.rc->text, "\"worse ") < strstr(dr.rc->text,
	    "\"better "));
	assert_non_null(strstr(dr.rc->text, "\"trace_exec - CPU, OLD vs NEW\""));
	assert_non_null(strstr(dr.rc->text, "\"Changes from OLD to NEW - "
	    "trace_exec\""));
	assert_non_null(strstr(dr.rc->text, "#c62828 \"+97.6% " COMPARE_MARK_WORSE));
	assert_non_null(strstr(dr.rc->text, "\"trace_dns was measured by OLD "
	    "only: there is nothing to compare.\""));
	assert_non_null(strstr(dr.rc->text, "\"Cmp: old.csv vs new.csv - page 7 "
	    "of 7\""));
	/* Same machines: no banner. */
	assert_int_equal(recording_canvas_count(dr.rc, "group warning"), 0);
	drawing_free(&dr);
}

static void
test_different_machines_draw_a_red_banner(void **state)
{
	struct drawing dr;
	const char *g, *r;

	(void)state;
	drawing_new(&dr, new_meta);
	report_draw(&dr.rc->canvas, &dr.ctx);
	assert_int_equal(recording_canvas_count(dr.rc, "group warning"), 1);
	g = strstr(dr.rc->text, "group warning\n");
	r = strstr(g, "rect 36.0 ");
	assert_non_null(r);
	assert_non_null(strstr(r, " fill=#c62828/1.00 stroke=none\n"));
	assert_non_null(strstr(g, "#ffffff \"\xe2\x9a\xa0 Warning: the runs come "
	    "from different machines"));
	drawing_free(&dr);
}

static void
test_compare_blocks_draw_nothing_without_a_comparison(void **state)
{
	struct drawing dr;

	(void)state;
	drawing_new(&dr, new_meta);
	dr.ctx.comparison = NULL;
	report_draw(&dr.rc->canvas, &dr.ctx);
	assert_null(strstr(dr.rc->text, "1 regression"));
	assert_null(strstr(dr.rc->text, "\"worse"));
	assert_null(strstr(dr.rc->text, "Warning"));
	assert_null(strstr(dr.rc->text, "measured by"));
	/* The figures still come from the model. */
	assert_non_null(strstr(dr.rc->text, "\"trace_exec - CPU, OLD vs NEW\""));
	drawing_free(&dr);
}

static void
test_svg_items_include_changes_and_overheads(void **state)
{
	struct drawing dr;
	struct report_item *items;
	size_t n;

	(void)state;
	drawing_new(&dr, old_meta);
	n = report_items(&dr.rc->canvas, &dr.ctx, &items);
	/*
	 * trace_exec: 2 figures, changes, overheads; trace_dns: 2 figures;
	 * trace_open: baseline only, so no with-IG figure.
	 */
	assert_int_equal(n, 6);
	assert_string_equal(items[0].name, "trace_exec-cpu");
	assert_string_equal(items[2].name, "trace_exec-changes");
	assert_string_equal(items[3].name, "trace_exec-overheads");
	assert_string_equal(items[2].title, "Changes from OLD to NEW - trace_exec");
	assert_non_null(strstr(items[2].desc, "upward triangle"));
	recording_canvas_clear(dr.rc);
	report_draw_item(&dr.rc->canvas, &dr.ctx, &items[2]);
	assert_int_equal(recording_canvas_count(dr.rc, "page "), 1);
	assert_non_null(strstr(dr.rc->text, "#c62828 \"+97.6% " COMPARE_MARK_WORSE));
	report_items_free(items, n);
	drawing_free(&dr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_has_both_runs_on_the_union_of_rates),
		cmocka_unit_test(test_model_keeps_only_metrics_of_both_runs),
		cmocka_unit_test(test_significant_lists_regressions_first_in_red),
		cmocka_unit_test(test_nothing_significant_gives_no_table),
		cmocka_unit_test(test_changes_table_colours_each_change),
		cmocka_unit_test(test_overheads_table_has_both_runs_and_the_change),
		cmocka_unit_test(test_machines_side_by_side_with_critical_keys_in_red),
		cmocka_unit_test(test_only_lines_group_rates_of_one_place),
		cmocka_unit_test(test_headline_and_rule),
		cmocka_unit_test(test_compare_template_draws_verdict_tables_and_figures),
		cmocka_unit_test(test_different_machines_draw_a_red_banner),
		cmocka_unit_test(test_compare_blocks_draw_nothing_without_a_comparison),
		cmocka_unit_test(test_svg_items_include_changes_and_overheads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
