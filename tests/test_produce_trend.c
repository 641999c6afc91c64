/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for produce_trend.c and produce_trend_text.c: the trend template made into a document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "aggregate.h"
#include "fixture.h"
#include "produce.h"
#include "produce_trend_text.h"
#include "xalloc.h"

#define NRUNS 8
#define METRICS ((1u << METRIC_CPU) | (1u << METRIC_IGCPU) | (1u << METRIC_MEM))

static const struct trend_options opts = { 0.95, 5.0,
	COMPARE_CORRECTION_HOLM, 10 };

/* Run i (from 1) of gadget g: IG CPU 0.5 with a +20% step from run 5 on; small fixed wobble. */
static struct model *
run_of(int i, const char *kernel)
{
	static const struct aggregate_origin origin = { 0, 2 };
	static const double wobble[] = { 0.0, 0.004, -0.003, 0.002, -0.004 };
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	double v[METRIC__MAX] = { 0 };
	double level = i >= 5 ? 0.6 : 0.5;
	struct model *m;
	int k, c;

	aggregate_add_input(a, "run.csv");
	aggregate_note_columns(a, METRICS, 0);
	aggregate_add_meta(a, "Kernel", kernel);
	for (c = 0; c < 2; c++)
		for (k = 0; k < 5; k++) {
			double w = wobble[(k + i) % 5];

			v[METRIC_IGCPU] = c ? level + w : 0.0;
			v[METRIC_CPU] = 1.0 + w + v[METRIC_IGCPU];
			v[METRIC_MEM] = 1000.0 + 100.0 * c + 10.0 * w;
			assert_int_equal(aggregate_add(a, "g", 1, c ? "ig" :
			    "baseline", c ? 2 : 8, 1000.0, v, METRICS, &origin,
			    &d), 0);
		}
	m = aggregate_finish(a, NULL, 0, &d);
	assert_non_null(m);
	diags_free(&d);
	return m;
}

static struct history *
history_of(const char *last_kernel)
{
	struct history_input in[NRUNS];
	static char labels[NRUNS][16];
	struct diags d = { 0 };
	struct history *h;
	int i;

	for (i = 0; i < NRUNS; i++) {
		snprintf(labels[i], sizeof(labels[i]), "v%d", i + 1);
		in[i].path = "dir/run.csv";
		in[i].label = labels[i];
		in[i].model = run_of(i + 1, i == NRUNS - 1 ? last_kernel : "6.8");
	}
	h = history_new(in, NRUNS, HISTORY_ORDER_ARGS, 0.95, &d);
	assert_non_null(h);
	diags_free(&d);
	return h;
}

static struct document *
document_of(const struct trend *t, const struct template *tpl)
{
	struct produce_input in = { tpl, NULL, NULL, "History", FIXTURE_DATE,
		FIXTURE_VERSION, 0, 0, NULL, t };
	struct diags d = { 0 };
	struct document *doc = produce_document(&in, &d);

	assert_non_null(doc);
	diags_free(&d);
	return doc;
}

/* The first block of kind after from whose text starts with prefix, or NULL. */
static const struct doc_block *
find_text(const struct document *doc, enum doc_block_kind kind,
    const char *prefix)
{
	size_t i;

	for (i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].kind == kind && doc->blocks[i].text != NULL &&
		    strncmp(doc->blocks[i].text, prefix, strlen(prefix)) == 0)
			return &doc->blocks[i];
	return NULL;
}

static void
test_step_sentences_first(void **state)
{
	struct history *h = history_of("6.8");
	struct trend *t = trend_build(h, &opts);
	struct template *tpl = fixture_template("templates/trend.xml");
	struct document *doc = document_of(t, tpl);
	const struct doc_block *lead = find_text(doc, DOC_PARAGRAPH,
	    "3 steps found.");
	size_t i;

	(void)state;
	assert_non_null(lead);
	lead++;
	assert_int_equal(lead->kind, DOC_LIST);
	/* Host CPU with IG, IG CPU, and the CPU overhead all step up. */
	assert_int_equal(lead->nitems, 3);
	for (i = 0; i < 3; i++) {
		assert_non_null(strstr(lead->items[i], " between v4 and v5 (p "));
		assert_non_null(strstr(lead->items[i], "g, "));
		assert_non_null(strstr(lead->items[i], " at 1000 events/s: +"));
	}
	assert_non_null(strstr(lead->items[1], "IG CPU at 1000 events/s: +20.0% ± "));
	doc_free(doc);
	template_free(tpl);
	trend_free(t);
	history_free(h);
}

static void
test_latest_against_best(void **state)
{
	struct history *h = history_of("6.8");
	struct trend *t = trend_build(h, &opts);
	char **lines, *gate = trend_text_gate(t);
	size_t n = trend_text_latest(t, &lines);

	(void)state;
	assert_int_equal(n, 1);
	assert_non_null(strstr(lines[0], "g, IG CPU at 1000 events/s: latest "
	    "is 20% worse than the best run (v"));
	assert_non_null(strstr(gate, "The newest run (v8) is in line with "
	    "the 7 runs before it"));
	free(lines[0]);
	free(lines);
	free(gate);
	trend_free(t);
	history_free(h);
}

/* The run after the step is marked in the gadget's table, in the worse colour. */
static void
test_history_table_marks_the_step(void **state)
{
	struct history *h = history_of("6.8");
	struct trend *t = trend_build(h, &opts);
	struct tpl_table_style style = { 0 };
	struct canvas_color red = { 0xc6, 0x28, 0x28 }, green = { 0, 0x80, 0 };
	struct doc_table *tb = trend_table_history(t, 0, HISTORY_IG,
	    METRIC_IGCPU, &style, red, green);
	struct doc_cell_style cs;

	(void)state;
	assert_non_null(tb);
	assert_int_equal(tb->ncols, 2);
	assert_int_equal(tb->nrows, NRUNS);
	assert_string_equal(tb->header[1], "1000/s");
	assert_string_equal(tb->cells[4 * 2], "v5");
	assert_non_null(strstr(tb->cells[4 * 2 + 1], "\xe2\x96\xb2 0.60"));
	assert_null(strstr(tb->cells[3 * 2 + 1], "\xe2\x96\xb2"));
	cs = doc_table_cell_style(tb, 4, 1);
	assert_true(cs.set && cs.color.r == 0xc6 && cs.face == FONT_BOLD);
	doc_table_free(tb);
	assert_null(trend_table_history(t, 0, HISTORY_OVERHEAD, METRIC_LOST,
	    &style, red, green));
	trend_free(t);
	history_free(h);
}

static void
test_machines_banner_and_no_gate(void **state)
{
	struct history *h = history_of("6.9");
	struct trend *t = trend_build(h, &opts);
	struct template *tpl = fixture_template("templates/trend.xml");
	struct document *doc = document_of(t, tpl);
	char *gate = trend_text_gate(t);

	(void)state;
	assert_non_null(find_text(doc, DOC_BANNER, "The runs come from 2 "
	    "machines, kept apart"));
	assert_non_null(strstr(gate, "is not gated: its machine has 0 earlier "
	    "runs"));
	free(gate);
	doc_free(doc);
	template_free(tpl);
	trend_free(t);
	history_free(h);
}

/* The gadget's figures: line charts over the runs, the step marked before v5. */
static void
test_figures_are_line_charts_with_markers(void **state)
{
	struct history *h = history_of("6.8");
	struct trend *t = trend_build(h, &opts);
	struct template *tpl = fixture_template("templates/trend.xml");
	struct document *doc = document_of(t, tpl);
	const struct doc_block *fig = doc_find(doc, "g-cpu");
	const struct doc_chart *ch;

	(void)state;
	assert_non_null(fig);
	assert_int_equal(fig->kind, DOC_FIGURE);
	assert_int_equal(fig->ncharts, 2);
	ch = &fig->charts[0];
	assert_int_equal(ch->kind, DOC_CHART_LINES);
	assert_int_equal(ch->ncats, NRUNS);
	assert_string_equal(ch->cat_labels[4], "v5");
	assert_int_equal(ch->nseries, 1);
	assert_string_equal(ch->series[0].label, "1000/s");
	assert_non_null(strstr(ch->series[0].values[4].tip, "v5, 1000 events/s: "
	    "0.60"));
	assert_int_equal(ch->nmarkers, 1);
	assert_int_equal(ch->markers[0].cat, 4);
	assert_string_equal(ch->markers[0].label, "+20%");
	/* The overhead chart: its own series, the same step. */
	assert_int_equal(fig->charts[1].nmarkers, 1);
	doc_free(doc);
	template_free(tpl);
	trend_free(t);
	history_free(h);
}

/* Run i of gadget g at 3 rates: IG CPU 0.1 + 0.0001 rate (0.00012 from run 3 on). */
static struct model *
cost_run(int i)
{
	static const struct aggregate_origin origin = { 0, 2 };
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	double v[METRIC__MAX] = { 0 }, slope = i >= 3 ? 0.00012 : 0.0001;
	struct model *m;
	int k, c, r;

	aggregate_add_input(a, "run.csv");
	aggregate_note_columns(a, METRICS, 0);
	for (r = 1; r <= 3; r++)
		for (c = 0; c < 2; c++)
			for (k = 0; k < 3; k++) {
				v[METRIC_IGCPU] = c ? 0.1 + slope * 1000.0 * r +
				    0.001 * k : 0.0;
				v[METRIC_CPU] = 1.0 + 0.01 * k + v[METRIC_IGCPU];
				v[METRIC_MEM] = 1000.0 + k;
				assert_int_equal(aggregate_add(a, "g", 1, c ? "ig" :
				    "baseline", c ? 2 : 8, 1000.0 * r, v, METRICS,
				    &origin, &d), 0);
			}
	m = aggregate_finish(a, NULL, 0, &d);
	assert_non_null(m);
	diags_free(&d);
	return m;
}

/* The cover's figure: the cost model's per-event IG CPU, a line per gadget. */
static void
test_cover_cost_figure(void **state)
{
	struct history_input in[4] = {
		{ "a.csv", NULL, "r1" }, { "b.csv", NULL, "r2" },
		{ "c.csv", NULL, "r3" }, { "d.csv", NULL, "r4" },
	};
	struct template *tpl = fixture_template("templates/trend.xml");
	struct diags d = { 0 };
	struct history *h;
	struct trend *t;
	struct document *doc;
	const struct doc_block *fig;
	const struct doc_chart *ch;
	int i;

	(void)state;
	for (i = 0; i < 4; i++)
		in[i].model = cost_run(i + 1);
	h = history_new(in, 4, HISTORY_ORDER_ARGS, 0.95, &d);
	assert_non_null(h);
	t = trend_build(h, &opts);
	doc = document_of(t, tpl);
	fig = doc_find(doc, "cost");
	assert_non_null(fig);
	ch = &fig->charts[0];
	assert_int_equal(ch->kind, DOC_CHART_LINES);
	assert_int_equal(ch->nseries, 1);
	assert_string_equal(ch->series[0].label, "g");
	assert_int_equal(ch->ncats, 4);
	/* Per 1000 events/s: the slope times 1000. */
	assert_close(ch->series[0].values[0].mean, 0.1, 1e-9);
	assert_close(ch->series[0].values[3].mean, 0.12, 1e-9);
	assert_non_null(strstr(ch->series[0].values[3].tip, "r4, g: 0.1200"));
	doc_free(doc);
	template_free(tpl);
	trend_free(t);
	history_free(h);
	diags_free(&d);
}

static void
test_trend_template_needs_a_trend(void **state)
{
	struct template *tpl = fixture_template("templates/trend.xml");
	struct model *m = fixture_run(1, METRICS);
	struct produce_input in = { tpl, m, NULL, "R", FIXTURE_DATE,
		FIXTURE_VERSION, 0, 0, NULL, NULL };
	struct diags d = { 0 };

	(void)state;
	assert_null(produce_document(&in, &d));
	assert_int_equal(d.v[0].code, D_TEMPLATE_VALUE);
	assert_non_null(strstr(d.v[0].detail, "use it with 'igreport trend'"));
	diags_free(&d);
	model_free(m);
	template_free(tpl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_sentences_first),
		cmocka_unit_test(test_latest_against_best),
		cmocka_unit_test(test_history_table_marks_the_step),
		cmocka_unit_test(test_machines_banner_and_no_gate),
		cmocka_unit_test(test_figures_are_line_charts_with_markers),
		cmocka_unit_test(test_cover_cost_figure),
		cmocka_unit_test(test_trend_template_needs_a_trend),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
