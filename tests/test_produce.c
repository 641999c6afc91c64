/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the document builder: what the report and compare producers put in the document, and the gadget views they read. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "testutil.h"
#include "chart_changes.h"
#include "compare.h"
#include "fixture.h"
#include "produce.h"
#include "summary.h"
#include "view.h"

static const struct compare_options defaults = { 0.05, 5.0, 0.95,
	COMPARE_CORRECTION_NONE };

/* --- Looking things up in a document -------------------------------------- */

/* The index of the first block at or after from of kind whose text starts with prefix (NULL: any). */
static size_t
find_block(const struct document *doc, size_t from, enum doc_block_kind kind,
    const char *prefix)
{
	size_t i;

	for (i = from; i < doc->nblocks; i++) {
		const struct doc_block *b = &doc->blocks[i];

		if (b->kind == kind && (prefix == NULL || (b->text != NULL &&
		    strncmp(b->text, prefix, strlen(prefix)) == 0)))
			return i;
	}
	return doc->nblocks;
}

static int
has_block(const struct document *doc, enum doc_block_kind kind,
    const char *prefix)
{
	return find_block(doc, 0, kind, prefix) < doc->nblocks;
}

/* The first block of kind after the heading called heading, before the next heading or section. */
static const struct doc_block *
under_heading(const struct document *doc, const char *heading,
    enum doc_block_kind kind)
{
	size_t i = find_block(doc, 0, DOC_HEADING, heading);

	if (i == doc->nblocks)
		fail_msg("no heading %s", heading);
	for (i++; i < doc->nblocks; i++) {
		const struct doc_block *b = &doc->blocks[i];

		if (b->kind == DOC_HEADING || b->kind == DOC_SECTION)
			break;
		if (b->kind == kind)
			return b;
	}
	fail_msg("no block of kind %d under heading %s", (int)kind, heading);
	return NULL;
}

/* The table whose first header cell is head0 and second head1. */
static const struct doc_table *
table_headed(const struct document *doc, const char *head0, const char *head1)
{
	size_t i;

	for (i = 0; i < doc->nblocks; i++) {
		const struct doc_table *t = doc->blocks[i].table;

		if (doc->blocks[i].kind == DOC_TABLE && t->ncols >= 2 &&
		    strcmp(t->header[0], head0) == 0 &&
		    strcmp(t->header[1], head1) == 0)
			return t;
	}
	fail_msg("no table headed %s, %s", head0, head1);
	return NULL;
}

static const struct doc_block *
item(const struct document *doc, const char *id)
{
	const struct doc_block *b = doc_find(doc, id);

	if (b == NULL)
		fail_msg("no item %s", id);
	return b;
}

static const char *
cell(const struct doc_table *t, size_t r, size_t c)
{
	assert_true(r < t->nrows && c < t->ncols);
	return t->cells[r * t->ncols + c];
}

static void
expect_style(const struct doc_table *t, size_t r, size_t c,
    struct canvas_color want, enum font_face face)
{
	struct doc_cell_style s = doc_table_cell_style(t, r, c);

	if (!s.set || s.color.r != want.r || s.color.g != want.g ||
	    s.color.b != want.b || s.face != face)
		fail_msg("cell %zu,%zu ('%s'): set %d #%02x%02x%02x face %d", r, c,
		    cell(t, r, c), s.set, s.color.r, s.color.g, s.color.b,
		    (int)s.face);
}

static void
expect_plain(const struct doc_table *t, size_t r, size_t c)
{
	if (doc_table_cell_style(t, r, c).set)
		fail_msg("cell %zu,%zu ('%s') is styled", r, c, cell(t, r, c));
}

static int
same_color(struct canvas_color a, struct canvas_color b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* --- A report of one run --------------------------------------------------- */

struct report {
	struct template *tpl;
	struct model *model;
	struct document *doc;
};

static void
report_new(struct report *r, const char *template_name, struct model *m)
{
	r->tpl = fixture_template(template_name);
	r->model = m;
	r->doc = fixture_report(r->tpl, m, "Test report");
}

static void
report_free(struct report *r)
{
	doc_free(r->doc);
	model_free(r->model);
	template_free(r->tpl);
}

static void
test_report_starts_with_cover_title_and_version(void **state)
{
	struct report r;

	(void)state;
	report_new(&r, "templates/default.xml", fixture_run(1, FIXTURE_ALL_METRICS));
	assert_true(r.doc->nblocks > 2);
	assert_int_equal(r.doc->blocks[0].kind, DOC_SECTION);
	assert_int_equal(r.doc->blocks[0].section, DOC_SECTION_COVER);
	assert_null(r.doc->blocks[0].text);
	assert_int_equal(r.doc->blocks[1].kind, DOC_TITLE);
	assert_string_equal(r.doc->blocks[1].text, "Test report");
	assert_string_equal(r.doc->blocks[1].subtitle, "igreport " FIXTURE_VERSION);
	assert_string_equal(r.doc->title, "Test report");
	assert_string_equal(r.doc->date, FIXTURE_DATE);
	assert_string_equal(r.doc->level, "95");
	report_free(&r);
}

static void
test_report_has_a_section_per_gadget_then_the_appendix(void **state)
{
	static const enum doc_section_kind want[] = { DOC_SECTION_COVER,
		DOC_SECTION_OVERVIEW, DOC_SECTION_GADGET, DOC_SECTION_GADGET,
		DOC_SECTION_APPENDIX };
	static const char *const names[] = { NULL, NULL, "trace_dns",
		"trace_exec", NULL };
	struct report r;
	size_t i, n = 0;

	(void)state;
	report_new(&r, "templates/default.xml", fixture_run(2, FIXTURE_ALL_METRICS));
	for (i = 0; i < r.doc->nblocks; i++) {
		const struct doc_block *b = &r.doc->blocks[i];

		if (b->kind != DOC_SECTION)
			continue;
		assert_true(n < 5);
		assert_int_equal(b->section, want[n]);
		if (names[n] == NULL)
			assert_null(b->text);
		else
			assert_string_equal(b->text, names[n]);
		n++;
	}
	assert_int_equal(n, 5);
	report_free(&r);
}

static void
test_cover_text_expands_date_and_level(void **state)
{
	struct report r;

	(void)state;
	report_new(&r, "templates/default.xml", fixture_run(1, FIXTURE_ALL_METRICS));
	assert_true(has_block(r.doc, DOC_PARAGRAPH, "Generated on " FIXTURE_DATE
	    ". Error bars and intervals are 95% confidence intervals;"));
	report_free(&r);
}

static void
test_cover_lists_input_files_by_base_name(void **state)
{
	struct report r;
	const struct doc_block *list;

	(void)state;
	report_new(&r, "templates/default.xml", fixture_run(2, FIXTURE_ALL_METRICS));
	list = under_heading(r.doc, "Input files", DOC_LIST);
	assert_int_equal(list->nitems, 1);
	assert_string_equal(list->items[0], "t.csv");
	assert_string_equal(under_heading(r.doc, "Input files",
	    DOC_PARAGRAPH)->text, "24 rows, 2 gadgets.");
	report_free(&r);
}

static void
test_cover_lists_a_summary_sentence_per_gadget(void **state)
{
	struct report r;
	const struct doc_block *list;
	size_t i;

	(void)state;
	report_new(&r, "templates/default.xml", fixture_run(2, FIXTURE_ALL_METRICS));
	list = under_heading(r.doc, "Summary", DOC_LIST);
	assert_int_equal(list->nitems, 2);
	/* Three shared rates: the sentences use the cost model. */
	assert_non_null(strstr(list->items[0], "trace_dns: 0.00 \xc2\xb1 "));
	assert_non_null(strstr(list->items[0], " points of host CPU per 1000 events/s, "));
	assert_non_null(strstr(list->items[1], "trace_exec: "));
	assert_non_null(strstr(list->items[1], " MiB of host memory fixed; "));
	for (i = 0; i < 2; i++) {
		char *want = summary_gadget(r.model, &r.model->gadgets[i], 0);

		assert_string_equal(list->items[i], want);
		free(want);
	}
	report_free(&r);
}

static void
test_cover_has_a_cost_table_row_per_gadget(void **state)
{
	struct report r;
	const struct doc_table *t;

	(void)state;
	report_new(&r, "templates/compact.xml", fixture_run(2, FIXTURE_ALL_METRICS));
	t = under_heading(r.doc, "Cost per gadget", DOC_TABLE)->table;
	assert_int_equal(t->ncols, 6);
	assert_int_equal(t->nrows, 2);
	assert_string_equal(cell(t, 0, 0), "trace_dns");
	assert_string_equal(cell(t, 1, 0), "trace_exec");
	assert_non_null(strstr(cell(t, 0, 1), " \xc2\xb1 "));
	report_free(&r);
}

static void
test_cpus_add_cpu_time_per_event(void **state)
{
	struct model *m = fixture_run(1, FIXTURE_ALL_METRICS);
	struct template *tpl = fixture_template("templates/default.xml");
	struct produce_input in = { tpl, m, NULL, "Report", FIXTURE_DATE,
		FIXTURE_VERSION, 4, 0, NULL, NULL };
	struct diags d = { 0 };
	struct document *doc = produce_document(&in, &d);
	const struct doc_table *t;

	(void)state;
	assert_non_null(doc);
	assert_non_null(strstr(under_heading(doc, "Summary", DOC_LIST)->items[0],
	    " \xc2\xb5s of CPU time per event on 4 CPUs), "));
	t = under_heading(doc, "Cost per gadget", DOC_TABLE)->table;
	assert_int_equal(t->ncols, 7);
	assert_string_equal(t->header[2], "CPU time\nper event");
	assert_non_null(strstr(cell(t, 0, 2), " \xc2\xb5s"));
	doc_free(doc);
	diags_free(&d);
	template_free(tpl);
	model_free(m);
}

static void
test_cover_says_when_no_gadget_has_a_cost_model(void **state)
{
	static const struct fixture_row rows[] = {
		{ "g", "baseline", 1, { 1, 10, 0, 0, 0 } },
		{ "g", "ig", 1, { 2, 12, 1, 2, 0 } },
	};
	struct report r;

	(void)state;
	report_new(&r, "templates/default.xml", fixture_model("t.csv", rows, 2,
	    FIXTURE_ALL_METRICS, NULL));
	assert_non_null(strstr(under_heading(r.doc, "Cost per gadget",
	    DOC_PARAGRAPH)->text, "no cost model"));
	report_free(&r);
}

static void
test_cover_lists_machine_keys(void **state)
{
	struct report r;
	const struct doc_block *list;

	(void)state;
	report_new(&r, "templates/default.xml", fixture_model("runs/old.csv",
	    fixture_old_rows, fixture_nold_rows, FIXTURE_ALL_METRICS,
	    fixture_old_meta));
	list = under_heading(r.doc, "Machine", DOC_LIST);
	assert_int_equal(list->nitems, 3);
	assert_string_equal(list->items[0], "Processor: AMD EPYC 7763");
	assert_string_equal(list->items[1], "Kernel: 6.8.0");
	assert_string_equal(list->items[2], "Benchmark Date: 2025-09-10");
	report_free(&r);
}

static void
test_cover_says_when_no_machine_is_described(void **state)
{
	struct report r;

	(void)state;
	report_new(&r, "templates/default.xml", fixture_run(1, FIXTURE_ALL_METRICS));
	assert_non_null(strstr(under_heading(r.doc, "Machine",
	    DOC_PARAGRAPH)->text, "describe no machine"));
	report_free(&r);
}

static void
test_items_are_named_gadget_dash_template_id(void **state)
{
	/* The overview's figure is about every gadget: no gadget in its id. */
	static const char *const want[] = { "overheads", "trace_dns-host",
		"trace_dns-ig-process", "trace_dns-table", "trace_exec-host",
		"trace_exec-ig-process", "trace_exec-table" };
	struct report r;
	size_t i, n = 0;

	(void)state;
	report_new(&r, "templates/default.xml", fixture_run(2, FIXTURE_ALL_METRICS));
	for (i = 0; i < r.doc->nblocks; i++) {
		const struct doc_block *b = &r.doc->blocks[i];

		if (b->id == NULL)
			continue;
		assert_true(n < 7);
		assert_string_equal(b->id, want[n]);
		assert_non_null(b->desc);
		n++;
	}
	assert_int_equal(n, 7);
	assert_int_equal(item(r.doc, "trace_dns-host")->kind, DOC_FIGURE);
	assert_int_equal(item(r.doc, "trace_dns-table")->kind, DOC_TABLE);
	assert_string_equal(item(r.doc, "trace_exec-ig-process")->text,
	    "trace_exec - IG Process");
	assert_string_equal(item(r.doc, "trace_dns-table")->text,
	    "Performance metrics - trace_dns");
	assert_non_null(strstr(item(r.doc, "trace_dns-host")->desc,
	    "Baseline and With IG"));
	report_free(&r);
}

/* Gadget names that only differ in characters an id cannot hold. */
static struct model *
colliding_run(void)
{
	static const char *const names[] = { "a/b", "a_b", "../x" };
	struct fixture_row rows[3 * 4];
	size_t g, n = 0;
	int run;

	for (g = 0; g < 3; g++)
		for (run = 0; run < 2; run++) {
			struct fixture_row base = { names[g], "baseline", 1024,
				{ 1 + run, 1000, 0, 0, 0 } };
			struct fixture_row ig = { names[g], "ig", 1024,
				{ 2 + run, 1100, 1, 90, 0 } };

			rows[n++] = base;
			rows[n++] = ig;
		}
	return fixture_model("t.csv", rows, n, FIXTURE_ALL_METRICS, NULL);
}

/*
 * A name changed on its way to an id gets 8 hex digits of the FNV-1a hash
 * of "GADGET\0ID": stable (these values must never change, or links to
 * the figures break) and unique whatever other gadgets there are.
 */
static void
test_changed_gadget_names_get_a_stable_hash(void **state)
{
	struct report r;
	size_t i, j;

	(void)state;
	report_new(&r, "templates/default.xml", colliding_run());
	assert_non_null(strstr(item(r.doc, "a_b-host-da33979d")->desc,
	    "gadget a/b:"));
	assert_string_equal(item(r.doc, "a_b-table-64bd21b5")->text,
	    "Performance metrics - a/b");
	assert_non_null(strstr(item(r.doc, "a_b-host")->desc, "gadget a_b:"));
	assert_string_equal(item(r.doc, "___x-host-0a3df398")->text,
	    "../x - Host");
	for (i = 0; i < r.doc->nblocks; i++) {
		const char *id = r.doc->blocks[i].id;

		if (id == NULL)
			continue;
		assert_int_equal(strspn(id, "abcdefghijklmnopqrstuvwxyz"
		    "0123456789-_"), strlen(id));
		assert_true(id[0] != '-');
		for (j = i + 1; j < r.doc->nblocks; j++)
			if (r.doc->blocks[j].id != NULL)
				assert_string_not_equal(id, r.doc->blocks[j].id);
	}
	report_free(&r);
}

/* Two gadgets per name in names, baseline and ig. */
static struct model *
named_run(const char *const *names, size_t n)
{
	struct fixture_row rows[4 * 4];
	size_t g, k = 0;

	assert_true(n <= 4);
	for (g = 0; g < n; g++) {
		struct fixture_row base = { names[g], "baseline", 1024,
			{ 1, 1000, 0, 0, 0 } };
		struct fixture_row ig = { names[g], "ig", 1024,
			{ 2, 1100, 1, 90, 0 } };

		rows[k++] = base;
		rows[k++] = ig;
	}
	return fixture_model("t.csv", rows, k, FIXTURE_ALL_METRICS, NULL);
}

/* Ids are file names: a long gadget name is cut, "Trace" and "trace" differ ignoring case, no '-' first. */
static void
test_ids_are_short_case_distinct_and_not_options(void **state)
{
	char lng[241];
	const char *names[] = { lng, "Trace", "trace", "-rf" };
	struct report r;
	size_t i, j;

	(void)state;
	memset(lng, 'g', 240);
	lng[240] = '\0';
	report_new(&r, "templates/default.xml", named_run(names, 4));
	assert_int_equal(item(r.doc, "trace-host-1dbf89d4")->kind, DOC_FIGURE);
	assert_int_equal(item(r.doc, "trace-host")->kind, DOC_FIGURE);
	assert_int_equal(item(r.doc, "_rf-host-9c4b6b4a")->kind, DOC_FIGURE);
	for (i = 0; i < r.doc->nblocks; i++) {
		const char *id = r.doc->blocks[i].id;

		if (id == NULL)
			continue;
		assert_true(strlen(id) <= PRODUCE_ID_MAX);
		for (j = i + 1; j < r.doc->nblocks; j++)
			if (r.doc->blocks[j].id != NULL)
				assert_true(strcasecmp(id, r.doc->blocks[j].id));
	}
	report_free(&r);
}

static void
test_figure_without_data_is_left_out(void **state)
{
	struct report r;
	size_t i;

	(void)state;
	report_new(&r, "templates/default.xml",
	    fixture_run(1, (1u << METRIC_CPU) | (1u << METRIC_MEM)));
	assert_int_equal(item(r.doc, "trace_dns-host")->kind, DOC_FIGURE);
	assert_null(doc_find(r.doc, "trace_dns-ig-process"));
	for (i = 0; i < r.doc->nblocks; i++)
		if (r.doc->blocks[i].kind == DOC_FIGURE)
			assert_null(strstr(r.doc->blocks[i].text, "IG Process"));
	report_free(&r);
}

static void
test_raw_data_is_a_folded_table_in_the_appendix(void **state)
{
	struct report r;
	size_t appendix, i;
	const struct doc_block *b;

	(void)state;
	report_new(&r, "templates/default.xml", fixture_run(2, FIXTURE_ALL_METRICS));
	for (appendix = 0; appendix < r.doc->nblocks; appendix++)
		if (r.doc->blocks[appendix].kind == DOC_SECTION &&
		    r.doc->blocks[appendix].section == DOC_SECTION_APPENDIX)
			break;
	i = find_block(r.doc, appendix, DOC_TABLE, NULL);
	assert_true(i < r.doc->nblocks);
	b = &r.doc->blocks[i];
	assert_true(b->fold);
	assert_null(b->id);
	assert_int_equal(b->table->nrows, 24);
	assert_string_equal(b->table->header[0], "Gadget");
	assert_string_equal(cell(b->table, 0, 0), "trace_dns");
	report_free(&r);
}

static void
test_compact_template_keeps_the_table_with_the_figures(void **state)
{
	struct report r;
	size_t i;

	(void)state;
	report_new(&r, "templates/compact.xml", fixture_run(1, FIXTURE_ALL_METRICS));
	for (i = 0; i < r.doc->nblocks; i++)
		assert_int_not_equal(r.doc->blocks[i].kind, DOC_PAGE_BREAK);
	assert_string_equal(item(r.doc, "trace_dns-table")->text, "trace_dns");
	report_free(&r);
}

/* --- The overview of every gadget ------------------------------------------ */

static void
test_overview_has_an_overhead_line_per_gadget(void **state)
{
	struct report r;
	const struct doc_block *sec, *fig;
	const struct doc_chart *ch;
	size_t g, k;

	(void)state;
	report_new(&r, "templates/default.xml", fixture_run(3, FIXTURE_ALL_METRICS));
	sec = doc_find_anchor(r.doc, "overview");
	assert_non_null(sec);
	assert_int_equal(sec->section, DOC_SECTION_OVERVIEW);
	/* Before the first gadget's section. */
	assert_true(sec < doc_find_anchor(r.doc, "trace_dns"));
	fig = item(r.doc, "overheads");
	assert_int_equal(fig->ncharts, 2);
	assert_non_null(strstr(fig->desc, "Line charts of the overhead"));
	for (k = 0; k < 2; k++) {
		enum metric m = k == 0 ? METRIC_CPU : METRIC_MEM;

		ch = &fig->charts[k];
		assert_int_equal(ch->kind, DOC_CHART_LINES);
		assert_int_equal(ch->spec->metric, m);
		assert_int_equal(ch->nseries, 3);
		assert_int_equal(ch->ncats, 3);
		assert_true(ch->cats[0] == 256 && ch->cats[2] == 1024);
		for (g = 0; g < 3; g++) {
			const struct model_gadget *mg = &r.model->gadgets[g];
			const struct doc_value *v = &ch->series[g].values[1];

			assert_string_equal(ch->series[g].label, mg->name);
			assert_false(v->gap);
			assert_true(v->mean == mg->overhead[1].m[m].delta);
			assert_true(v->half == mg->overhead[1].m[m].half);
			/* An overhead may be negative: its interval is never clipped. */
			assert_true(v->lo == v->mean - v->half);
			assert_non_null(strstr(v->tip, mg->name));
		}
		assert_false(same_color(ch->series[0].color, ch->series[1].color));
	}
	report_free(&r);
}

static void
test_overview_table_has_each_gadgets_cost_and_losses(void **state)
{
	struct report r;
	const struct doc_table *t;
	char want[FORMAT_MAX];
	size_t g;

	(void)state;
	report_new(&r, "templates/default.xml", fixture_run(3, FIXTURE_ALL_METRICS));
	t = table_headed(r.doc, "Gadget", "Host CPU per\n1000 events/s (points)");
	assert_int_equal(t->nrows, 3);
	assert_int_equal(t->ncols, 7);
	for (g = 0; g < 3; g++) {
		const struct model_gadget *mg = &r.model->gadgets[g];

		assert_string_equal(cell(t, g, 0), mg->name);
		summary_format_cost(want, &mg->cost[METRIC_CPU].per_event, METRIC_CPU, 1);
		assert_non_null(strstr(cell(t, g, 1), want));
		summary_format_cost(want, &mg->cost[METRIC_MEM].fixed, METRIC_MEM, 0);
		assert_non_null(strstr(cell(t, g, 2), want));
		assert_string_equal(cell(t, g, 4), "1024");
	}
	report_free(&r);
}

static void
test_overview_draws_at_most_ten_gadgets(void **state)
{
	struct fixture_row rows[2 * 12];
	char names[12][8];
	const struct doc_block *fig;
	struct report r;
	size_t g;

	(void)state;
	for (g = 0; g < 12; g++) {
		snprintf(names[g], sizeof(names[g]), "g%02zu", g);
		rows[2 * g] = (struct fixture_row){ names[g], "baseline", 1024,
			{ 1, 10, 0, 0, 0 } };
		rows[2 * g + 1] = (struct fixture_row){ names[g], "ig", 1024,
			{ 2, 12, 1, 2, 0 } };
	}
	report_new(&r, "templates/default.xml", fixture_model("t.csv", rows, 24,
	    FIXTURE_ALL_METRICS, NULL));
	fig = item(r.doc, "overheads");
	assert_int_equal(fig->charts[0].nseries, PRODUCE_MAX_LINES);
	assert_true(has_block(r.doc, DOC_PARAGRAPH,
	    "The figure draws the first 10 of the 12 gadgets"));
	/* The table still has every gadget. */
	assert_int_equal(table_headed(r.doc, "Gadget",
	    "Host CPU per\n1000 events/s (points)")->nrows, 12);
	report_free(&r);
}

/* Events lost at one rate: a share column, a figure for that gadget only, its interval drawn from 0. */
static void
test_lost_share_in_the_table_and_a_figure_where_lost(void **state)
{
	static const struct fixture_row rows[] = {
		{ "a", "baseline", 1000, { 1, 10, 0, 0, 0 } },
		{ "a", "ig", 1000, { 2, 12, 1, 2, 0 } },
		{ "a", "baseline", 2000, { 1, 10, 0, 0, 0 } },
		{ "a", "ig", 2000, { 2, 12, 1, 2, 1 } },
		{ "a", "ig", 2000, { 2, 12, 1, 2, 9 } },
		{ "b", "baseline", 1000, { 1, 10, 0, 0, 0 } },
		{ "b", "ig", 1000, { 2, 12, 1, 2, 0 } },
	};
	const struct doc_table *t, *ov;
	const struct doc_block *lost;
	struct report r;
	size_t c;

	(void)state;
	report_new(&r, "templates/default.xml", fixture_model("t.csv", rows, 7,
	    FIXTURE_ALL_METRICS, NULL));
	t = item(r.doc, "a-table")->table;
	for (c = 0; c < t->ncols && strcmp(t->header[c], "Lost\nshare (%)"); c++)
		;
	assert_true(c < t->ncols);
	assert_string_equal(cell(t, 0, c), "0.000");
	assert_string_equal(cell(t, 1, c), "0.250"); /* 5 / 2000 */
	lost = item(r.doc, "a-lost");
	assert_true(lost->charts[0].clipped);
	assert_true(lost->charts[0].series[0].values[1].lo == 0);
	assert_true(lost->charts[0].series[0].values[1].mean == 0.25);
	assert_int_equal(lost->charts[0].series[0].values[1].nruns, 2);
	assert_true(lost->charts[0].series[0].values[1].runs[1] == 0.45);
	assert_non_null(strstr(lost->desc, "Intervals of Lost stop at 0"));
	assert_null(doc_find(r.doc, "b-lost"));
	ov = table_headed(r.doc, "Gadget", "Host CPU per\n1000 events/s (points)");
	assert_string_equal(cell(ov, 0, 5), "2000");
	assert_string_equal(cell(ov, 0, 6), "0.250 at 2000");
	assert_string_equal(cell(ov, 1, 5), "none");
	assert_string_equal(cell(ov, 1, 6), "0");
	report_free(&r);
}

/* --- A comparison of two runs ---------------------------------------------- */

struct cmp {
	struct fixture_pair p;
	struct template *tpl;
	struct document *doc;
};

static void
cmp_new(struct cmp *c, const char *const *new_meta)
{
	fixture_pair_new(&c->p, new_meta);
	c->tpl = fixture_template("templates/compare.xml");
	c->doc = fixture_comparison(c->tpl, c->p.c, "Cmp");
}

static void
cmp_free(struct cmp *c)
{
	doc_free(c->doc);
	template_free(c->tpl);
	fixture_pair_free(&c->p);
}

/* A run compared with itself: nothing changes, nothing is missing. */
struct same {
	struct model *m;
	struct comparison *c;
	struct template *tpl;
	struct document *doc;
};

static void
same_new(struct same *s)
{
	s->m = fixture_model("runs/old.csv", fixture_old_rows, fixture_nold_rows,
	    FIXTURE_ALL_METRICS, fixture_old_meta);
	s->c = compare_build(s->m, s->m, &defaults);
	s->tpl = fixture_template("templates/compare.xml");
	s->doc = fixture_comparison(s->tpl, s->c, "Cmp");
}

static void
same_free(struct same *s)
{
	doc_free(s->doc);
	template_free(s->tpl);
	compare_free(s->c);
	model_free(s->m);
}

static void
test_compare_sections_are_old_gadgets_then_new_ones(void **state)
{
	static const char *const want[] = { "trace_exec", "trace_dns", "trace_open" };
	struct cmp c;
	size_t i, n = 0;

	(void)state;
	cmp_new(&c, fixture_old_meta);
	for (i = 0; i < c.doc->nblocks; i++)
		if (c.doc->blocks[i].kind == DOC_SECTION &&
		    c.doc->blocks[i].section == DOC_SECTION_GADGET) {
			assert_true(n < 3);
			assert_string_equal(c.doc->blocks[i].text, want[n++]);
		}
	assert_int_equal(n, 3);
	assert_string_equal(c.doc->old, "old.csv");
	assert_string_equal(c.doc->new, "new.csv");
	cmp_free(&c);
}

static void
test_verdict_is_a_lead_paragraph_in_the_worse_colour(void **state)
{
	struct cmp c;
	size_t i;
	const struct doc_block *b;

	(void)state;
	cmp_new(&c, fixture_old_meta);
	i = find_block(c.doc, 0, DOC_PARAGRAPH, "1 regression, 2 improvements");
	assert_true(i < c.doc->nblocks);
	b = &c.doc->blocks[i];
	assert_string_equal(b->text, "1 regression, 2 improvements");
	assert_int_equal(b->role, DOC_ROLE_LEAD);
	assert_true(same_color(b->color, fixture_worse));
	/* The rule follows it, in body text. */
	b = &c.doc->blocks[i + 1];
	assert_int_equal(b->kind, DOC_PARAGRAPH);
	assert_int_equal(b->role, DOC_ROLE_BODY);
	assert_non_null(strstr(b->text, "OLD is old.csv (10 rows), NEW is new.csv "
	    "(11 rows)."));
	assert_non_null(strstr(b->text, "p < 0.05 and it is at least 5% of the OLD"));
	assert_non_null(strstr(b->text, "24 changes were tested."));
	cmp_free(&c);
}

static void
test_verdict_with_only_improvements_is_in_the_better_colour(void **state)
{
	/* OLD's trace_exec with IgCpu at 4096 doubled against the original: NEW halves it. */
	struct fixture_row rows[8];
	struct model *o, *n = fixture_model("b.csv", fixture_old_rows, 8,
	    FIXTURE_ALL_METRICS, NULL);
	struct comparison *c;
	struct template *tpl = fixture_template("templates/compare.xml");
	struct document *doc;
	size_t i;

	(void)state;
	memcpy(rows, fixture_old_rows, sizeof(rows));
	rows[6].v[METRIC_IGCPU] = 4.0;
	rows[7].v[METRIC_IGCPU] = 4.1;
	o = fixture_model("a.csv", rows, 8, FIXTURE_ALL_METRICS, NULL);
	c = compare_build(o, n, &defaults);
	doc = fixture_comparison(tpl, c, "Cmp");
	i = find_block(doc, 0, DOC_PARAGRAPH, "0 regressions, 1 improvement");
	assert_true(i < doc->nblocks);
	assert_int_equal(doc->blocks[i].role, DOC_ROLE_LEAD);
	assert_true(same_color(doc->blocks[i].color, fixture_better));
	doc_free(doc);
	template_free(tpl);
	compare_free(c);
	model_free(o);
	model_free(n);
}

static void
test_verdict_without_changes_is_in_the_text_colour(void **state)
{
	struct same s;
	size_t i;

	(void)state;
	same_new(&s);
	i = find_block(s.doc, 0, DOC_PARAGRAPH, "0 regressions, 0 improvements");
	assert_true(i < s.doc->nblocks);
	assert_int_equal(s.doc->blocks[i].role, DOC_ROLE_LEAD);
	assert_true(same_color(s.doc->blocks[i].color, s.tpl->text_color));
	same_free(&s);
}

static void
test_significant_table_lists_regressions_first_in_red(void **state)
{
	struct cmp c;
	const struct doc_table *t;

	(void)state;
	cmp_new(&c, fixture_old_meta);
	t = under_heading(c.doc, "Significant changes", DOC_TABLE)->table;
	assert_int_equal(t->ncols, 9);
	assert_int_equal(t->nrows, 3);
	assert_string_equal(t->header[0], "Verdict");
	assert_string_equal(cell(t, 0, 0), "worse " FIXTURE_MARK_WORSE);
	assert_string_equal(cell(t, 0, 1), "trace_exec");
	assert_string_equal(cell(t, 0, 2), "ig");
	assert_string_equal(cell(t, 0, 3), "4096");
	assert_string_equal(cell(t, 0, 4), "IG CPU (%)");
	assert_string_equal(cell(t, 0, 5), "2.05 \xc2\xb1 0.64");
	assert_string_equal(cell(t, 0, 7), "+2.00 \xc2\xb1 0.30 (+97.6%)");
	assert_string_equal(cell(t, 1, 0), "better " FIXTURE_MARK_BETTER);
	assert_string_equal(cell(t, 1, 4), "Mem (MiB)");
	expect_style(t, 0, 0, fixture_worse, FONT_BOLD);
	expect_style(t, 0, 7, fixture_worse, FONT_REGULAR);
	expect_style(t, 1, 0, fixture_better, FONT_BOLD);
	expect_style(t, 1, 8, fixture_better, FONT_REGULAR);
	/* Overhead changes come after the metric changes of the gadget. */
	assert_string_equal(cell(t, 2, 2), "overhead");
	assert_string_equal(cell(t, 2, 6), "-50 \xc2\xb1 6");
	cmp_free(&c);
}

/* p from 0.001 up is shown to three decimals (every goldens' p is "<0.001" or a gap). */
static void
test_significant_table_shows_p_to_three_decimals(void **state)
{
	struct fixture_pair p;
	struct template *tpl;
	struct document *doc;
	const struct doc_table *t;
	size_t i;

	(void)state;
	fixture_pair_new(&p, fixture_old_meta);
	for (i = 0; i < p.c->nentries; i++)
		if (p.c->entries[i].change.verdict != COMPARE_SAME)
			p.c->entries[i].change.q = 0.0123;
	for (i = 0; i < p.c->noverheads; i++)
		if (p.c->overheads[i].change.verdict != COMPARE_SAME)
			p.c->overheads[i].change.q = 0.001;
	tpl = fixture_template("templates/compare.xml");
	doc = fixture_comparison(tpl, p.c, "Cmp");
	t = under_heading(doc, "Significant changes", DOC_TABLE)->table;
	assert_string_equal(t->header[8], "p");
	assert_string_equal(cell(t, 0, 8), "0.012");
	assert_string_equal(cell(t, 1, 8), "0.012");
	assert_string_equal(cell(t, 2, 8), "0.001");
	doc_free(doc);
	template_free(tpl);
	fixture_pair_free(&p);
}

static void
test_nothing_significant_says_so_instead_of_a_table(void **state)
{
	struct same s;
	size_t i;

	(void)state;
	same_new(&s);
	assert_string_equal(under_heading(s.doc, "Significant changes",
	    DOC_PARAGRAPH)->text, "No significant change.");
	for (i = 0; i < s.doc->nblocks; i++)
		if (s.doc->blocks[i].kind == DOC_TABLE)
			assert_string_not_equal(s.doc->blocks[i].table->header[0],
			    "Verdict");
	same_free(&s);
}

static void
test_changes_table_colours_each_change(void **state)
{
	struct cmp c;
	const struct doc_block *b;
	const struct doc_table *t;

	(void)state;
	cmp_new(&c, fixture_old_meta);
	b = item(c.doc, "trace_exec-changes");
	assert_string_equal(b->text, "Changes from OLD to NEW - trace_exec");
	assert_true(b->fold);
	assert_non_null(strstr(b->desc, "upward triangle"));
	t = b->table;
	assert_int_equal(t->ncols, 7); /* Case, Rate, five metrics */
	assert_int_equal(t->nrows, 4); /* baseline and ig at 1024 and 4096 */
	assert_string_equal(t->header[2], "CPU (%)");
	assert_string_equal(cell(t, 0, 0), "baseline");
	assert_string_equal(cell(t, 0, 2), "0.0%");
	/* IgCpu of the baseline is 0 in both: the absolute change. */
	assert_string_equal(cell(t, 0, 4), "0.00");
	assert_string_equal(cell(t, 3, 4), "+97.6% " FIXTURE_MARK_WORSE);
	expect_style(t, 3, 4, fixture_worse, FONT_BOLD);
	assert_string_equal(cell(t, 2, 3), "-10.0% " FIXTURE_MARK_BETTER);
	expect_style(t, 2, 3, fixture_better, FONT_BOLD);
	expect_plain(t, 0, 2);
	cmp_free(&c);
}

static void
test_gadget_of_one_run_says_which_run_measured_it(void **state)
{
	struct cmp c;

	(void)state;
	cmp_new(&c, fixture_old_meta);
	assert_null(doc_find(c.doc, "trace_dns-changes"));
	assert_null(doc_find(c.doc, "trace_dns-overheads"));
	assert_true(has_block(c.doc, DOC_PARAGRAPH, "trace_dns was measured by "
	    "OLD only: there is nothing to compare."));
	assert_true(has_block(c.doc, DOC_PARAGRAPH, "trace_open was measured by "
	    "NEW only: there is nothing to compare."));
	cmp_free(&c);
}

static void
test_overheads_table_has_both_runs_and_the_change(void **state)
{
	struct cmp c;
	const struct doc_block *b;
	const struct doc_table *t;

	(void)state;
	cmp_new(&c, fixture_old_meta);
	b = item(c.doc, "trace_exec-overheads");
	assert_true(b->fold);
	t = b->table;
	assert_int_equal(t->ncols, 7);
	assert_int_equal(t->nrows, 2);
	assert_string_equal(cell(t, 0, 0), "1024");
	/* 2 runs a side, sd 0.0707: se 0.0707, df 2, t 4.303. */
	assert_string_equal(cell(t, 1, 1), "+2.00 \xc2\xb1 0.30");
	assert_string_equal(cell(t, 1, 3), "0.00 \xc2\xb1 0.28 (0.0%)");
	/* Mem overhead at 1024 fell from +100 to -50: better. */
	assert_string_equal(cell(t, 0, 4), "+100 \xc2\xb1 6");
	assert_string_equal(cell(t, 0, 5), "-50 \xc2\xb1 6");
	assert_non_null(strstr(cell(t, 0, 6), FIXTURE_MARK_BETTER));
	expect_style(t, 0, 6, fixture_better, FONT_BOLD);
	expect_plain(t, 1, 3);
	cmp_free(&c);
}

static void
test_machines_table_has_critical_keys_in_red_bold(void **state)
{
	struct cmp c;
	const struct doc_table *t;

	(void)state;
	cmp_new(&c, fixture_new_meta);
	t = table_headed(c.doc, "", "OLD");
	assert_int_equal(t->nrows, 5); /* File, Rows, three keys */
	assert_string_equal(cell(t, 0, 0), "File");
	assert_string_equal(cell(t, 0, 1), "old.csv");
	assert_string_equal(cell(t, 1, 2), "11");
	assert_string_equal(cell(t, 2, 0), "Processor \xe2\x89\xa0");
	assert_string_equal(cell(t, 2, 2), "Intel Xeon");
	expect_style(t, 2, 0, fixture_worse, FONT_BOLD);
	expect_style(t, 2, 1, fixture_worse, FONT_BOLD);
	assert_string_equal(cell(t, 3, 0), "Kernel");
	expect_plain(t, 3, 0);
	/* The date differs, but is not critical: marked, not red. */
	assert_string_equal(cell(t, 4, 0), "Benchmark Date \xe2\x89\xa0");
	expect_plain(t, 4, 0);
	cmp_free(&c);
}

static void
test_banner_when_machines_differ(void **state)
{
	struct cmp c;
	size_t i;

	(void)state;
	cmp_new(&c, fixture_new_meta);
	i = find_block(c.doc, 0, DOC_BANNER, NULL);
	assert_true(i < c.doc->nblocks);
	assert_non_null(strstr(c.doc->blocks[i].text, "\xe2\x9a\xa0 Warning: the "
	    "runs come from different machines (Processor differs)"));
	assert_true(same_color(c.doc->blocks[i].color, fixture_worse));
	/* Above the machines table it warns about. */
	assert_int_equal(c.doc->blocks[i + 1].kind, DOC_TABLE);
	assert_string_equal(c.doc->blocks[i + 1].table->header[1], "OLD");
	cmp_free(&c);
}

static void
test_no_banner_when_machines_match(void **state)
{
	struct cmp c;

	(void)state;
	cmp_new(&c, fixture_old_meta);
	assert_false(has_block(c.doc, DOC_BANNER, NULL));
	cmp_free(&c);
}

static void
test_only_in_one_run_list_groups_rates_of_one_place(void **state)
{
	static const struct fixture_row more = { "trace_exec", "ig", 16384,
		{ 9.0, 1600, 4.0, 110, 0 } };
	struct fixture_row rows[16];
	struct model *o = fixture_model("a.csv", fixture_old_rows,
	    fixture_nold_rows, FIXTURE_ALL_METRICS, NULL), *n;
	struct comparison *c;
	struct template *tpl = fixture_template("templates/compare.xml");
	struct document *doc;
	const struct doc_block *list;

	(void)state;
	assert_true(fixture_nnew_rows < 16);
	memcpy(rows, fixture_new_rows, fixture_nnew_rows * sizeof(*rows));
	rows[fixture_nnew_rows] = more;
	n = fixture_model("b.csv", rows, fixture_nnew_rows + 1,
	    FIXTURE_ALL_METRICS, NULL);
	c = compare_build(o, n, &defaults);
	doc = fixture_comparison(tpl, c, "Cmp");
	list = under_heading(doc, "Only in one run", DOC_LIST);
	assert_int_equal(list->nitems, 4);
	assert_string_equal(list->items[0], "trace_exec, ig: 8192, 16384 "
	    "events/s only in NEW");
	assert_string_equal(list->items[1], "trace_exec, case stress: only in NEW");
	assert_string_equal(list->items[2], "gadget trace_dns: only in OLD");
	assert_string_equal(list->items[3], "gadget trace_open: only in NEW");
	doc_free(doc);
	template_free(tpl);
	compare_free(c);
	model_free(o);
	model_free(n);
}

static void
test_only_in_one_run_says_when_both_runs_match(void **state)
{
	struct same s;

	(void)state;
	same_new(&s);
	assert_string_equal(under_heading(s.doc, "Only in one run",
	    DOC_PARAGRAPH)->text, "Both runs have the same gadgets, cases, rates "
	    "and columns.");
	same_free(&s);
}

static void
test_compare_items_are_figures_changes_and_overheads(void **state)
{
	/*
	 * trace_exec: the change chart, 2 figures, changes, overheads;
	 * trace_dns: 2 figures (OLD's bars only, nothing tested, so no
	 * change chart); trace_open: baseline only, so no with-IG figure.
	 */
	static const char *const want[] = { "trace_exec-change-chart",
		"trace_exec-cpu", "trace_exec-ig-memory-lost", "trace_exec-changes",
		"trace_exec-overheads", "trace_dns-cpu", "trace_dns-ig-memory-lost" };
	struct cmp c;
	size_t i, n = 0;

	(void)state;
	cmp_new(&c, fixture_old_meta);
	for (i = 0; i < c.doc->nblocks; i++)
		if (c.doc->blocks[i].id != NULL) {
			assert_true(n < 7);
			assert_string_equal(c.doc->blocks[i].id, want[n++]);
		}
	assert_int_equal(n, 7);
	assert_string_equal(item(c.doc, "trace_exec-cpu")->text,
	    "trace_exec - CPU, OLD vs NEW");
	assert_int_equal(item(c.doc, "trace_dns-cpu")->charts[0].nseries, 1);
	cmp_free(&c);
}

/* --- The change chart ------------------------------------------------------ */

#define DOT "\xc2\xb7"

static const struct doc_chart *
change_chart(const struct document *doc, const char *id)
{
	const struct doc_block *b = item(doc, id);

	assert_int_equal(b->kind, DOC_FIGURE);
	assert_int_equal(b->ncharts, 1);
	assert_int_equal(b->charts[0].kind, DOC_CHART_CHANGES);
	return &b->charts[0];
}

static void
test_change_chart_opens_the_gadget_part(void **state)
{
	struct cmp c;
	size_t i;

	(void)state;
	cmp_new(&c, fixture_old_meta);
	i = find_block(c.doc, 0, DOC_SECTION, "trace_exec");
	assert_true(i + 1 < c.doc->nblocks);
	assert_int_equal(c.doc->blocks[i + 1].kind, DOC_FIGURE);
	assert_string_equal(c.doc->blocks[i + 1].id, "trace_exec-change-chart");
	assert_string_equal(c.doc->blocks[i + 1].text,
	    "trace_exec - Changes from OLD to NEW, regressions first");
	cmp_free(&c);
}

static void
test_change_chart_puts_regressions_first_then_improvements(void **state)
{
	struct cmp c;
	const struct doc_chart *ch;
	size_t i;

	(void)state;
	cmp_new(&c, fixture_old_meta);
	ch = change_chart(c.doc, "trace_exec-change-chart");
	assert_true(ch->nchanges > 2);
	assert_string_equal(ch->changes[0].label, "ig " DOT " 4096 ev/s " DOT
	    " IG CPU");
	assert_string_equal(ch->changes[0].value, "+97.6% " FIXTURE_MARK_WORSE);
	assert_true(same_color(ch->changes[0].color, fixture_worse));
	assert_true(ch->changes[0].lo < ch->changes[0].percent &&
	    ch->changes[0].percent < ch->changes[0].hi);
	assert_string_equal(ch->changes[1].label, "ig " DOT " 1024 ev/s " DOT
	    " Mem");
	assert_string_equal(ch->changes[1].value, "-10.0% " FIXTURE_MARK_BETTER);
	assert_true(same_color(ch->changes[1].color, fixture_better));
	/* No change after them, in the text colour, largest first. */
	for (i = 2; i < ch->nchanges; i++) {
		assert_true(same_color(ch->changes[i].color, c.tpl->text_color));
		if (i > 2)
			assert_true(fabs(ch->changes[i].percent) <=
			    fabs(ch->changes[i - 1].percent));
	}
	cmp_free(&c);
}

static void
test_change_chart_has_the_threshold_band_and_full_tooltips(void **state)
{
	struct cmp c;
	const struct doc_chart *ch;

	(void)state;
	cmp_new(&c, fixture_old_meta);
	ch = change_chart(c.doc, "trace_exec-change-chart");
	assert_true(ch->band == 5.0);
	assert_string_equal(ch->changes[0].tip, "ig, 4096 events/s, IG CPU (%): "
	    "OLD 2.05 \xc2\xb1 0.64 (n = 2), NEW 4.05 \xc2\xb1 0.64 (n = 2); "
	    "change +2.00 \xc2\xb1 0.30 (+97.6%), p = 0.001: a regression");
	assert_non_null(strstr(ch->title, "\xc2\xb1" "5% threshold shaded"));
	cmp_free(&c);
}

static void
test_change_chart_leaves_out_untested_and_all_zero_metrics(void **state)
{
	struct cmp c;
	const struct doc_chart *ch;
	const struct doc_block *b;
	size_t i, tested = 0;

	(void)state;
	cmp_new(&c, fixture_old_meta);
	b = item(c.doc, "trace_exec-change-chart");
	ch = change_chart(c.doc, "trace_exec-change-chart");
	for (i = 0; i < c.p.c->nentries; i++) {
		const struct compare_entry *e = &c.p.c->entries[i];

		if (strcmp(e->gadget, "trace_exec") == 0 &&
		    e->change.verdict != COMPARE_UNKNOWN &&
		    !(e->old.mean == 0 && e->new.mean == 0))
			tested++;
	}
	/* baseline IgCpu, IgMem and Lost at two rates, ig Lost at two: 8 of 20 left out. */
	assert_int_equal(tested, 12);
	assert_int_equal(ch->nchanges, 12);
	assert_non_null(strstr(b->desc, "the 12 changes tested from OLD to NEW, "
	    "1 regression, 1 improvement and 10 with no change"));
	assert_non_null(strstr(b->desc, "8 metrics measured as 0 in every run "
	    "of both"));
	assert_null(strstr(b->desc, "Only the first"));
	cmp_free(&c);
}

static void
test_change_chart_is_cut_to_the_rows_its_height_holds(void **state)
{
	struct fixture_pair p;
	struct template *tpl = fixture_template("templates/compare.xml");
	struct tpl_figure *fig = NULL;
	struct document *doc;
	const struct doc_chart *ch;
	const struct doc_block *b;
	size_t i, j, rows;

	(void)state;
	for (i = 0; i < tpl->nsections; i++)
		for (j = 0; j < tpl->sections[i].nblocks; j++)
			if (tpl->sections[i].blocks[j].kind == TPL_BLOCK_CHANGE_CHART)
				fig = tpl->sections[i].blocks[j].figure;
	assert_non_null(fig);
	fig->height = chart_changes_height(tpl, 5, 1);
	rows = chart_changes_max_rows(tpl, fig->height, 1);
	assert_int_equal(rows, 5);
	fixture_pair_new(&p, fixture_old_meta);
	doc = fixture_comparison(tpl, p.c, "Cmp");
	b = item(doc, "trace_exec-change-chart");
	ch = change_chart(doc, "trace_exec-change-chart");
	assert_int_equal(ch->nchanges, 5);
	assert_true(b->height <= fig->height);
	assert_true(same_color(ch->changes[0].color, fixture_worse));
	assert_non_null(strstr(ch->title, "the first 5 of 12 changes"));
	assert_non_null(strstr(b->desc, "Only the first 5 rows are drawn; the "
	    "other 7 changes are in the table of changes."));
	doc_free(doc);
	fixture_pair_free(&p);
	template_free(tpl);
}

static void
test_change_chart_is_never_taller_than_its_template_allows(void **state)
{
	struct fixture_pair p;
	struct template *tpl = fixture_template("templates/compare.xml");
	struct document *doc;
	size_t i, j;

	(void)state;
	/* Labels so large that not even one row fits in 120 points. */
	tpl->label_size = 100;
	for (i = 0; i < tpl->nsections; i++)
		for (j = 0; j < tpl->sections[i].nblocks; j++)
			if (tpl->sections[i].blocks[j].kind == TPL_BLOCK_CHANGE_CHART)
				tpl->sections[i].blocks[j].figure->height = 120;
	fixture_pair_new(&p, fixture_old_meta);
	doc = fixture_comparison(tpl, p.c, "Cmp");
	assert_int_equal(change_chart(doc, "trace_exec-change-chart")->nchanges, 1);
	assert_true(item(doc, "trace_exec-change-chart")->height == 120);
	doc_free(doc);
	fixture_pair_free(&p);
	template_free(tpl);
}

static void
test_change_chart_of_a_change_from_zero_is_unbounded(void **state)
{
	/* Lost events from none to about 5 per second at ig 4096: no percentage, a regression. */
	struct fixture_row rows[8];
	struct model *o = fixture_model("a.csv", fixture_old_rows, 8,
	    FIXTURE_ALL_METRICS, NULL), *n;
	struct comparison *c;
	struct template *tpl = fixture_template("templates/compare.xml");
	struct document *doc;
	const struct doc_chart *ch;

	(void)state;
	memcpy(rows, fixture_old_rows, sizeof(rows));
	rows[6].v[METRIC_LOST] = 5.0;
	rows[7].v[METRIC_LOST] = 5.1;
	n = fixture_model("b.csv", rows, 8, FIXTURE_ALL_METRICS, NULL);
	c = compare_build(o, n, &defaults);
	doc = fixture_comparison(tpl, c, "Cmp");
	ch = change_chart(doc, "trace_exec-change-chart");
	assert_string_equal(ch->changes[0].label, "ig " DOT " 4096 ev/s " DOT
	    " Lost");
	assert_true(isinf(ch->changes[0].percent) && ch->changes[0].percent > 0);
	assert_true(ch->changes[0].lo > 0);
	assert_string_equal(ch->changes[0].value, "+5.0 " FIXTURE_MARK_WORSE);
	assert_true(same_color(ch->changes[0].color, fixture_worse));
	doc_free(doc);
	template_free(tpl);
	compare_free(c);
	model_free(o);
	model_free(n);
}

static void
test_view_of_comparison_has_both_runs_on_the_union_of_rates(void **state)
{
	static const char *const names[] = { "old:baseline", "new:baseline",
		"old:ig", "new:ig", "new:stress" };
	struct fixture_pair p;
	struct view *v;
	size_t i;

	(void)state;
	fixture_pair_new(&p, fixture_old_meta);
	v = view_of_comparison(p.c, "trace_exec");
	assert_string_equal(v->gadget, "trace_exec");
	assert_int_equal(v->nrates, 3);
	assert_close(v->rates[0], 1024, 0);
	assert_close(v->rates[1], 4096, 0);
	assert_close(v->rates[2], 8192, 0);
	assert_int_equal(v->nseries, 5);
	for (i = 0; i < 5; i++)
		assert_string_equal(v->series[i].name, names[i]);
	assert_int_equal(v->metrics, FIXTURE_ALL_METRICS);
	assert_null(v->overhead);
	/* 8192 only in NEW: a gap in OLD, a cell in NEW; cells moved by rate. */
	assert_null(view_find(v, "old:ig")->cells[2]);
	assert_non_null(view_stat(view_find(v, "new:ig"), 2, METRIC_CPU));
	assert_close(view_stat(view_find(v, "old:ig"), 1, METRIC_IGCPU)->mean,
	    2.05, 1e-12);
	assert_close(view_stat(view_find(v, "new:ig"), 1, METRIC_IGCPU)->mean,
	    4.05, 1e-12);
	assert_null(view_stat(view_find(v, "old:baseline"), 2, METRIC_CPU));
	view_free(v);
	fixture_pair_free(&p);
}

static void
test_view_of_a_gadget_of_one_run_has_only_its_series(void **state)
{
	struct fixture_pair p;
	struct view *v;

	(void)state;
	fixture_pair_new(&p, fixture_old_meta);
	v = view_of_comparison(p.c, "trace_dns");
	assert_int_equal(v->nseries, 2);
	assert_string_equal(v->series[0].name, "old:baseline");
	assert_string_equal(v->series[1].name, "old:ig");
	view_free(v);
	v = view_of_comparison(p.c, "trace_open");
	assert_int_equal(v->nseries, 1);
	assert_string_equal(v->series[0].name, "new:baseline");
	view_free(v);
	fixture_pair_free(&p);
}

static void
test_view_of_comparison_keeps_only_metrics_of_both_runs(void **state)
{
	struct model *o = fixture_model("a.csv", fixture_old_rows,
	    fixture_nold_rows, FIXTURE_ALL_METRICS, NULL);
	struct model *n = fixture_model("b.csv", fixture_new_rows,
	    fixture_nnew_rows, FIXTURE_ALL_METRICS & ~(1u << METRIC_LOST), NULL);
	struct comparison *c = compare_build(o, n, &defaults);
	struct view *v = view_of_comparison(c, "trace_exec");

	(void)state;
	assert_int_equal(v->metrics, FIXTURE_ALL_METRICS & ~(1u << METRIC_LOST));
	view_free(v);
	compare_free(c);
	model_free(o);
	model_free(n);
}

/* --- Template and data of different kinds ---------------------------------- */

static void
expect_refused(const struct produce_input *in)
{
	struct diags d = { 0 };

	assert_null(produce_document(in, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_TEMPLATE_VALUE);
	assert_true(diags_failed(&d));
	assert_non_null(d.v[0].file);
	assert_non_null(strstr(d.v[0].file, "templates/"));
	diags_free(&d);
}

static void
test_report_template_is_refused_for_a_comparison(void **state)
{
	struct fixture_pair p;
	struct template *tpl = fixture_template("templates/default.xml");
	struct produce_input in = { tpl, NULL, NULL, "Cmp", FIXTURE_DATE,
		FIXTURE_VERSION, 0, 0, NULL, NULL };

	(void)state;
	fixture_pair_new(&p, fixture_old_meta);
	in.comparison = p.c;
	expect_refused(&in);
	template_free(tpl);
	fixture_pair_free(&p);
}

static void
test_compare_template_is_refused_for_one_run(void **state)
{
	struct model *m = fixture_run(1, FIXTURE_ALL_METRICS);
	struct template *tpl = fixture_template("templates/compare.xml");
	struct produce_input in = { tpl, m, NULL, "Report", FIXTURE_DATE,
		FIXTURE_VERSION, 0, 0, NULL, NULL };

	(void)state;
	expect_refused(&in);
	template_free(tpl);
	model_free(m);
}

/* --- Steps of shortening the Markdown ---------------------------------------- */

/* produce_document of m or c with a length limit; asserts success. */
static struct document *
produce_limited(const struct template *tpl, const struct model *m,
    const struct comparison *c, size_t max_chars)
{
	struct produce_input in = { tpl, m, c, "T", FIXTURE_DATE,
		FIXTURE_VERSION, 0, max_chars, "Full: elsewhere.", NULL };
	struct diags d = { 0 };
	struct document *doc = produce_document(&in, &d);

	assert_non_null(doc);
	diags_free(&d);
	return doc;
}

/* The step of the first block at or after from of kind whose text starts with prefix. */
static unsigned
drop_of(const struct document *doc, enum doc_block_kind kind,
    const char *prefix)
{
	size_t i = find_block(doc, 0, kind, prefix);

	if (i == doc->nblocks)
		fail_msg("no block '%s'", prefix ? prefix : "");
	return doc->blocks[i].drop;
}

static void
test_compare_markdown_steps_go_from_details_to_the_significant_changes(
    void **state)
{
	struct template *tpl = fixture_template("templates/compare.xml");
	struct fixture_pair p;
	struct document *doc;
	size_t i;

	(void)state;
	fixture_pair_new(&p, fixture_new_meta);
	doc = produce_limited(tpl, NULL, p.c, 65000);
	assert_int_equal(drop_of(doc, DOC_TABLE, "Changes from OLD"), 1);
	/* The text under a table goes with it. */
	assert_int_equal(drop_of(doc, DOC_PARAGRAPH, "Each cell is"), 1);
	assert_int_equal(drop_of(doc, DOC_TABLE, "Overhead of IG"), 2);
	assert_int_equal(drop_of(doc, DOC_PARAGRAPH, "Overhead is with"), 2);
	assert_int_equal(drop_of(doc, DOC_SECTION, "trace_exec"), 3);
	/* A heading goes with what it titles. */
	assert_int_equal(drop_of(doc, DOC_HEADING, "Machines"), 5);
	assert_int_equal(drop_of(doc, DOC_HEADING, "Only in one run"), 6);
	assert_int_equal(drop_of(doc, DOC_HEADING, "Significant changes"), 7);
	/* The title, the verdict and the warning about the machines stay. */
	assert_int_equal(drop_of(doc, DOC_TITLE, NULL), 0);
	assert_int_equal(drop_of(doc, DOC_PARAGRAPH, "OLD: "), 0);
	for (i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].kind == DOC_BANNER ||
		    doc->blocks[i].role == DOC_ROLE_LEAD)
			assert_int_equal(doc->blocks[i].drop, 0);
	assert_int_equal(doc->fit.max_chars, 65000);
	assert_int_equal(doc->fit.nsteps, 7);
	assert_string_equal(doc->fit.notes[0], "Shortened to fit 65000 "
	    "characters; left out: the tables of changes per gadget. Full: "
	    "elsewhere.");
	assert_null(doc->fit.notes[3]); /* no appendix in compare.xml */
	assert_string_equal(doc->fit.notes[6], "Shortened to fit 65000 "
	    "characters; left out: the tables of changes per gadget, the "
	    "overhead tables per gadget, the rest of the sections per gadget, "
	    "the table of machines, what only one run has and the table of "
	    "significant changes. Full: elsewhere.");
	doc_free(doc);
	fixture_pair_free(&p);
	template_free(tpl);
}

static void
test_report_markdown_steps_go_from_raw_data_to_the_cost_table(void **state)
{
	struct template *tpl = fixture_template("templates/default.xml");
	struct model *m = fixture_run(3, FIXTURE_ALL_METRICS);
	struct document *doc = produce_limited(tpl, m, NULL, 2000);

	(void)state;
	assert_int_equal(drop_of(doc, DOC_HEADING, "Raw data"), 1);
	assert_int_equal(drop_of(doc, DOC_PARAGRAPH, "Every input row"), 1);
	assert_int_equal(drop_of(doc, DOC_TABLE, "Performance metrics"), 2);
	assert_int_equal(drop_of(doc, DOC_PARAGRAPH, "RPS is the rate"), 2);
	assert_int_equal(drop_of(doc, DOC_FIGURE, "trace_dns - Host"), 3);
	/* The template has no cost table on its cover (step 4): the overview's goes, then the overview. */
	assert_int_equal(drop_of(doc, DOC_HEADING, "Cost per gadget"), 5);
	assert_int_equal(drop_of(doc, DOC_FIGURE, "Overhead of each gadget"), 6);
	assert_int_equal(drop_of(doc, DOC_HEADING, "Every gadget"), 6);
	assert_int_equal(drop_of(doc, DOC_HEADING, "Summary"), 0);
	assert_int_equal(drop_of(doc, DOC_HEADING, "Input files"), 0);
	assert_int_equal(doc->fit.nsteps, 6);
	assert_string_equal(doc->fit.notes[1], "Shortened to fit 2000 "
	    "characters; left out: the appendix (raw data) and the tables per "
	    "gadget. Full: elsewhere.");
	doc_free(doc);
	model_free(m);
	template_free(tpl);
}

static void
test_without_a_limit_the_document_has_no_notes(void **state)
{
	struct template *tpl = fixture_template("templates/default.xml");
	struct model *m = fixture_run(1, FIXTURE_ALL_METRICS);
	struct document *doc = produce_limited(tpl, m, NULL, 0);

	(void)state;
	assert_int_equal(doc->fit.max_chars, 0);
	assert_int_equal(doc->fit.nsteps, 0);
	assert_null(doc->fit.notes);
	doc_free(doc);
	model_free(m);
	template_free(tpl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_starts_with_cover_title_and_version),
		cmocka_unit_test(test_report_has_a_section_per_gadget_then_the_appendix),
		cmocka_unit_test(test_cover_text_expands_date_and_level),
		cmocka_unit_test(test_cover_lists_input_files_by_base_name),
		cmocka_unit_test(test_cover_lists_a_summary_sentence_per_gadget),
		cmocka_unit_test(test_cover_has_a_cost_table_row_per_gadget),
		cmocka_unit_test(test_cpus_add_cpu_time_per_event),
		cmocka_unit_test(test_cover_says_when_no_gadget_has_a_cost_model),
		cmocka_unit_test(test_cover_lists_machine_keys),
		cmocka_unit_test(test_cover_says_when_no_machine_is_described),
		cmocka_unit_test(test_items_are_named_gadget_dash_template_id),
		cmocka_unit_test(test_changed_gadget_names_get_a_stable_hash),
		cmocka_unit_test(test_ids_are_short_case_distinct_and_not_options),
		cmocka_unit_test(test_overview_has_an_overhead_line_per_gadget),
		cmocka_unit_test(test_overview_table_has_each_gadgets_cost_and_losses),
		cmocka_unit_test(test_overview_draws_at_most_ten_gadgets),
		cmocka_unit_test(test_lost_share_in_the_table_and_a_figure_where_lost),
		cmocka_unit_test(test_figure_without_data_is_left_out),
		cmocka_unit_test(test_raw_data_is_a_folded_table_in_the_appendix),
		cmocka_unit_test(test_compact_template_keeps_the_table_with_the_figures),
		cmocka_unit_test(test_compare_sections_are_old_gadgets_then_new_ones),
		cmocka_unit_test(test_verdict_is_a_lead_paragraph_in_the_worse_colour),
		cmocka_unit_test(test_verdict_with_only_improvements_is_in_the_better_colour),
		cmocka_unit_test(test_verdict_without_changes_is_in_the_text_colour),
		cmocka_unit_test(test_significant_table_lists_regressions_first_in_red),
		cmocka_unit_test(test_significant_table_shows_p_to_three_decimals),
		cmocka_unit_test(test_nothing_significant_says_so_instead_of_a_table),
		cmocka_unit_test(test_changes_table_colours_each_change),
		cmocka_unit_test(test_gadget_of_one_run_says_which_run_measured_it),
		cmocka_unit_test(test_overheads_table_has_both_runs_and_the_change),
		cmocka_unit_test(test_machines_table_has_critical_keys_in_red_bold),
		cmocka_unit_test(test_banner_when_machines_differ),
		cmocka_unit_test(test_no_banner_when_machines_match),
		cmocka_unit_test(test_only_in_one_run_list_groups_rates_of_one_place),
		cmocka_unit_test(test_only_in_one_run_says_when_both_runs_match),
		cmocka_unit_test(test_compare_items_are_figures_changes_and_overheads),
		cmocka_unit_test(test_change_chart_opens_the_gadget_part),
		cmocka_unit_test(test_change_chart_puts_regressions_first_then_improvements),
		cmocka_unit_test(test_change_chart_has_the_threshold_band_and_full_tooltips),
		cmocka_unit_test(test_change_chart_leaves_out_untested_and_all_zero_metrics),
		cmocka_unit_test(test_change_chart_is_cut_to_the_rows_its_height_holds),
		cmocka_unit_test(test_change_chart_is_never_taller_than_its_template_allows),
		cmocka_unit_test(test_change_chart_of_a_change_from_zero_is_unbounded),
		cmocka_unit_test(test_view_of_comparison_has_both_runs_on_the_union_of_rates),
		cmocka_unit_test(test_view_of_a_gadget_of_one_run_has_only_its_series),
		cmocka_unit_test(test_view_of_comparison_keeps_only_metrics_of_both_runs),
		cmocka_unit_test(test_report_template_is_refused_for_a_comparison),
		cmocka_unit_test(test_compare_template_is_refused_for_one_run),
		cmocka_unit_test(test_compare_markdown_steps_go_from_details_to_the_significant_changes),
		cmocka_unit_test(test_report_markdown_steps_go_from_raw_data_to_the_cost_table),
		cmocka_unit_test(test_without_a_limit_the_document_has_no_notes),
	};

	return cmocka_run_group_tests_name("produce", tests, NULL, NULL);
}
