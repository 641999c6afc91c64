/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the renderers: the paged one through a recording canvas, standalone SVG items, and Markdown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "fixture.h"
#include "recording_canvas.h"
#include "render_html.h"
#include "render_md.h"
#include "render_pdf.h"
#include "render_svg.h"
#include "svg.h"
#include "table.h"
#include "xalloc.h"

/* A document of a shipped template, the fonts and a canvas recording what it is drawn as. */
struct drawing {
	struct fonts *fonts;
	struct template *tpl;
	struct model *model;
	struct fixture_pair pair;
	int compare;
	struct recording_canvas *rc;
	struct document *doc;
};

static void
drawing_start(struct drawing *dr, const char *template_name)
{
	memset(dr, 0, sizeof(*dr));
	dr->fonts = recording_fonts_load();
	assert_non_null(dr->fonts);
	dr->tpl = fixture_template(template_name);
	dr->rc = recording_canvas_new(dr->fonts);
}

/* The report of run m (taken over) with template_name. */
static void
drawing_report(struct drawing *dr, const char *template_name, struct model *m)
{
	drawing_start(dr, template_name);
	dr->model = m;
	dr->doc = fixture_report(dr->tpl, m, "Test report");
}

/* The fixture's pair compared with the shipped compare template. */
static void
drawing_comparison(struct drawing *dr, const char *const *new_meta)
{
	drawing_start(dr, "templates/compare.xml");
	fixture_pair_new(&dr->pair, new_meta);
	dr->compare = 1;
	dr->doc = fixture_comparison(dr->tpl, dr->pair.c, "Cmp");
}

static void
drawing_free(struct drawing *dr)
{
	doc_free(dr->doc);
	recording_canvas_free(dr->rc);
	if (dr->compare)
		fixture_pair_free(&dr->pair);
	model_free(dr->model);
	template_free(dr->tpl);
	fonts_free(dr->fonts);
}

static const struct doc_block *
item(const struct document *doc, const char *id)
{
	const struct doc_block *b = doc_find(doc, id);

	if (b == NULL)
		fail_msg("no item %s", id);
	return b;
}

static double
content_width(const struct template *t)
{
	return t->page_width - t->margin_left - t->margin_right;
}

static const char *
must_find(const char *haystack, const char *needle)
{
	const char *s = strstr(haystack, needle);

	if (s == NULL)
		fail_msg("'%s' not found", needle);
	return s;
}

/* --- The paged renderer ---------------------------------------------------- */

static void
test_pdf_default_template_pages(void **state)
{
	struct drawing dr;
	const char *text;

	(void)state;
	drawing_report(&dr, "templates/default.xml",
	    fixture_run(2, FIXTURE_ALL_METRICS));
	/*
	 * Cover; the overview and, after its page break, the cost table; per
	 * gadget a page of figures and one of the table; the appendix of 24 rows.
	 */
	assert_int_equal(render_pdf_draw(&dr.rc->canvas, dr.doc), 8);
	assert_int_equal(recording_canvas_count(dr.rc, "page "), 8);
	assert_int_equal(recording_canvas_count(dr.rc, "endpage"), 8);
	text = dr.rc->text;
	must_find(text, "\"Test report - page 1 of 8\"");
	must_find(text, "\"Test report - page 8 of 8\"");
	must_find(text, "\"Every gadget: what it costs\"");
	must_find(text, "\"trace_exec - IG Process\"");
	must_find(text, "\"Performance metrics - trace_dns\"");
	must_find(text, "\"Generated on " FIXTURE_DATE ".");
	drawing_free(&dr);
}

/*
 * The outline: the cover (by its title), each gadget with its anchor and
 * its figures and table under it, the appendix (by its heading); the
 * summary sentences on the cover link to their gadgets' anchors.
 */
static void
test_pdf_bookmarks_sections_and_links_summary(void **state)
{
	struct drawing dr;
	const char *text, *page2;

	(void)state;
	drawing_report(&dr, "templates/default.xml",
	    fixture_run(2, FIXTURE_ALL_METRICS));
	render_pdf_draw(&dr.rc->canvas, dr.doc);
	text = dr.rc->text;
	assert_int_equal(recording_canvas_count(dr.rc, "bookmark 1 "), 5);
	assert_int_equal(recording_canvas_count(dr.rc, "bookmark 2 "), 7);
	must_find(text, "bookmark 1 36.0 \"Every gadget: what it costs\" overview\n");
	assert_true(must_find(text, "bookmark 1 36.0 \"Test report\" cover\n") <
	    must_find(text, "endpage\n"));
	must_find(must_find(text, "bookmark 1 36.0 \"trace_exec\" trace_exec\n"),
	    "bookmark 2 36.0 \"trace_exec - Host\" trace_exec-host\n");
	must_find(text, "\"Performance metrics - trace_exec\" trace_exec-table\n");
	must_find(text, "bookmark 1 36.0 \"Raw data\" appendix\n");
	page2 = must_find(text, "endpage\n");
	assert_true(must_find(text, "link 41.0 ") < page2);
	assert_true(must_find(text, " trace_dns\n") < page2);
	assert_true(must_find(page2, "bookmark 1 36.0 \"trace_dns\" trace_dns\n") != NULL);
	if (strstr(page2, "link ") != NULL)
		fail_msg("a link after the cover:\n%s", strstr(page2, "link "));
	/* One sentence per gadget, its first line with the bullet. */
	assert_int_equal(recording_canvas_count(dr.rc, "link 41.0 "), 2);
	drawing_free(&dr);
}

static void
test_pdf_compact_template_has_fewer_pages(void **state)
{
	struct drawing dr;

	(void)state;
	drawing_report(&dr, "templates/compact.xml",
	    fixture_run(2, FIXTURE_ALL_METRICS));
	/* Cover, the overview with both cost tables on one page, one page per gadget, appendix. */
	assert_int_equal(render_pdf_draw(&dr.rc->canvas, dr.doc), 5);
	assert_int_equal(recording_canvas_count(dr.rc, "page "), 5);
	must_find(dr.rc->text, "\"Test report - 5/5\"");
	drawing_free(&dr);
}

static void
test_pdf_compare_draws_verdict_tables_and_figures(void **state)
{
	struct drawing dr;
	const char *text;

	(void)state;
	drawing_comparison(&dr, fixture_old_meta);
	/* Cover (one page), then per gadget figures and tables; trace_exec's change chart takes one more. */
	assert_int_equal(render_pdf_draw(&dr.rc->canvas, dr.doc), 1 + 3 * 2 + 1);
	text = dr.rc->text;
	must_find(text, "B 20.0 " FIXTURE_WORSE_HEX " \"1 regression, "
	    "2 improvements\"");
	assert_true(must_find(text, FIXTURE_WORSE_HEX " \"worse "
	    FIXTURE_MARK_WORSE) < must_find(text, FIXTURE_BETTER_HEX
	    " \"better " FIXTURE_MARK_BETTER));
	assert_true(must_find(text, "\"trace_exec - Changes from OLD to NEW, "
	    "regressions first\"") < must_find(text, "\"trace_exec - CPU, OLD "
	    "vs NEW\""));
	must_find(must_find(text, "group change\n"), FIXTURE_WORSE_HEX
	    " \"+97.6% " FIXTURE_MARK_WORSE "\"");
	must_find(text, "\"Changes from OLD to NEW - trace_exec\"");
	must_find(text, FIXTURE_WORSE_HEX " \"+97.6% " FIXTURE_MARK_WORSE);
	must_find(text, "\"trace_dns was measured by OLD only: there is nothing "
	    "to compare.\"");
	must_find(text, "\"Cmp: old.csv vs new.csv - page 8 of 8\"");
	/* Same machines: no banner. */
	assert_int_equal(recording_canvas_count(dr.rc, "group warning"), 0);
	drawing_free(&dr);
}

static void
test_pdf_different_machines_draw_a_red_banner(void **state)
{
	struct drawing dr;
	const char *g;

	(void)state;
	drawing_comparison(&dr, fixture_new_meta);
	render_pdf_draw(&dr.rc->canvas, dr.doc);
	assert_int_equal(recording_canvas_count(dr.rc, "group warning"), 1);
	g = must_find(dr.rc->text, "group warning\n");
	must_find(must_find(g, "rect 36.0 "), " fill=" FIXTURE_WORSE_HEX
	    "/1.00 stroke=none\n");
	must_find(g, "#ffffff \"\xe2\x9a\xa0 Warning: the runs come from "
	    "different machines");
	drawing_free(&dr);
}

/* --- Standalone items ------------------------------------------------------ */

static void
test_svg_items_are_figures_and_tables_with_an_id(void **state)
{
	struct drawing dr;
	size_t i, n = 0;

	(void)state;
	drawing_report(&dr, "templates/default.xml",
	    fixture_run(1, FIXTURE_ALL_METRICS));
	for (i = 0; i < dr.doc->nblocks; i++) {
		const struct doc_block *b = &dr.doc->blocks[i];
		int want = b->id != NULL &&
		    (b->kind == DOC_FIGURE || b->kind == DOC_TABLE);

		assert_int_equal(render_svg_is_item(b) != 0, want);
		n += (size_t)want;
	}
	/* The overview's figure, the gadget's two figures and its table; the raw table has no id. */
	assert_int_equal(n, 4);
	drawing_free(&dr);
}

static void
test_svg_figure_is_as_wide_as_the_content(void **state)
{
	struct drawing dr;
	const struct template *t;
	double w, h;

	(void)state;
	drawing_report(&dr, "templates/default.xml",
	    fixture_run(1, FIXTURE_ALL_METRICS));
	t = dr.tpl;
	render_svg_size(&dr.rc->canvas, dr.doc, item(dr.doc, "trace_dns-host"),
	    &w, &h);
	/* A4 landscape less 36 pt margins, 12 pt around; the figure's 250 pt. */
	assert_close(w, content_width(t) + 24, 1e-9);
	assert_close(h, 250 + 24, 1e-9);
	drawing_free(&dr);
}

static void
test_svg_table_is_drawn_alone_with_its_title(void **state)
{
	struct drawing dr;
	char page[64];
	double w, h;

	(void)state;
	drawing_report(&dr, "templates/default.xml",
	    fixture_run(2, FIXTURE_ALL_METRICS));
	render_svg_size(&dr.rc->canvas, dr.doc, item(dr.doc, "trace_dns-table"),
	    &w, &h);
	render_svg_draw(&dr.rc->canvas, dr.doc, item(dr.doc, "trace_dns-table"));
	assert_int_equal(recording_canvas_count(dr.rc, "page "), 1);
	assert_int_equal(recording_canvas_count(dr.rc, "endpage"), 1);
	snprintf(page, sizeof(page), "page %.1f %.1f\n", w, h);
	assert_int_equal(strncmp(dr.rc->text, page, strlen(page)), 0);
	must_find(dr.rc->text, "\"Performance metrics - trace_dns\"");
	assert_null(strstr(dr.rc->text, "trace_exec"));
	assert_null(strstr(dr.rc->text, "Test report"));
	drawing_free(&dr);
}

/* The width of table b's columns laid out on the page. */
static double
columns_width(struct drawing *dr, const struct doc_block *b)
{
	struct table *tb = table_layout(b->table, &dr->rc->canvas,
	    content_width(dr->tpl));
	double w = tb->width;

	table_free(tb);
	return w;
}

static void
test_svg_table_is_as_wide_as_its_columns(void **state)
{
	struct drawing dr;
	const struct doc_block *b;
	double w, h;

	(void)state;
	drawing_comparison(&dr, fixture_old_meta);
	b = item(dr.doc, "trace_exec-changes");
	render_svg_size(&dr.rc->canvas, dr.doc, b, &w, &h);
	/* Seven short columns: narrower than the page, 12 pt around them. */
	assert_close(w, columns_width(&dr, b) + 24, 1e-9);
	assert_true(w < content_width(dr.tpl));
	drawing_free(&dr);
}

static void
test_svg_table_is_as_wide_as_a_longer_title(void **state)
{
	static const char *const head[1] = { "n" };
	static const char *const row[1] = { "1" };
	static const struct tpl_table_style style = { { 0x54, 0x6e, 0x7a },
		{ 0xff, 0xff, 0xff }, { 0xdd, 0xdd, 0xdd }, { 0xf3, 0xf3, 0xf3 },
		0, 9 };
	struct drawing dr;
	struct doc_block *b;
	double w, h;

	(void)state;
	drawing_start(&dr, "templates/default.xml");
	dr.doc = doc_new(dr.tpl, "T");
	b = doc_add(dr.doc, DOC_TABLE, "A title much wider than the one column");
	b->table = doc_table_new(head, 1, &style);
	doc_table_add_row(b->table, row);
	render_svg_size(&dr.rc->canvas, dr.doc, b, &w, &h);
	assert_true(w > columns_width(&dr, b) + 24 + 100);
	assert_true(w < content_width(dr.tpl));
	drawing_free(&dr);
}

static void
test_svg_changes_table_keeps_its_verdict_colours(void **state)
{
	struct drawing dr;

	(void)state;
	drawing_comparison(&dr, fixture_old_meta);
	render_svg_draw(&dr.rc->canvas, dr.doc, item(dr.doc, "trace_exec-changes"));
	assert_int_equal(recording_canvas_count(dr.rc, "page "), 1);
	must_find(dr.rc->text, "\"Changes from OLD to NEW - trace_exec\"");
	must_find(dr.rc->text, "B 9.0 " FIXTURE_WORSE_HEX " \"+97.6% "
	    FIXTURE_MARK_WORSE "\"");
	must_find(dr.rc->text, FIXTURE_BETTER_HEX " \"-10.0% "
	    FIXTURE_MARK_BETTER "\"");
	drawing_free(&dr);
}

/* --- HTML ------------------------------------------------------------------- */

/* The page of dr's document with attachments att; asserts it is written. */
static char *
html_of(const struct drawing *dr, const struct html_attachment *att,
    size_t natt)
{
	struct diags d = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct figures *figs = figures_new(dr->doc, dr->fonts, 0);

	assert_non_null(out);
	assert_int_equal(render_html_write(out, dr->doc, figs, att, natt,
	    "igreport test", &d), 0);
	assert_int_equal(fclose(out), 0);
	figures_free(figs);
	assert_int_equal(d.n, 0);
	diags_free(&d);
	return buf;
}

static void
test_html_sections_have_anchors_in_the_contents(void **state)
{
	struct drawing dr;
	char *h;

	(void)state;
	drawing_report(&dr, "templates/default.xml", fixture_run(2, FIXTURE_ALL_METRICS));
	h = html_of(&dr, NULL, 0);
	assert_int_equal(strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">", 31), 0);
	assert_true(must_find(h, "<nav aria-label=\"Contents\">") <
	    must_find(h, "<main>"));
	must_find(h, "<li><a href=\"#trace_dns\">trace_dns</a><ol><li><a "
	    "href=\"#trace_dns-host\">trace_dns - Host</a></li>");
	must_find(h, "<section id=\"cover\" class=\"cover\"><h1>Test report</h1>");
	must_find(h, "<section id=\"trace_exec\" class=\"gadget\"><h2>trace_exec</h2>");
	must_find(h, "<section id=\"appendix\" class=\"appendix\">");
	/* Summary sentences lead to their gadgets. */
	must_find(h, "<li><a href=\"#trace_exec\">trace_exec: ");
	assert_null(strstr(h, "<script"));
	free(h);
	drawing_free(&dr);
}

/* Block b drawn straight through the SVG device, as a file or as an element. */
static char *
svg_direct(const struct drawing *dr, const struct doc_block *b, int fragment)
{
	struct svg_info info = { b->text, b->desc, fragment };
	struct svg *s = svg_open(&info, NULL);
	struct canvas c;
	size_t len;

	svg_canvas(s, &c, dr->fonts);
	render_svg_draw(&c, dr->doc, b);
	return svg_finish(s, &len, NULL);
}

/*
 * Each item's file and each figure's element for the page, kept or not,
 * drawn before or after: the bytes of drawing them directly.
 */
static void
check_figures(const struct drawing *dr, int keep)
{
	struct figures *figs = figures_new(dr->doc, dr->fonts, keep);
	size_t i, len, n = 0;

	for (i = 0; i < dr->doc->nblocks; i++) {
		const struct doc_block *b = &dr->doc->blocks[i];
		char *want;

		if (!render_svg_is_item(b))
			continue;
		want = svg_direct(dr, b, 0);
		assert_string_equal(figures_file(figs, b, &len), want);
		assert_int_equal(len, strlen(want));
		free(want);
		n++;
	}
	assert_true(n > 4);
	for (i = 0; i < dr->doc->nblocks; i++) {
		const struct doc_block *b = &dr->doc->blocks[i];
		char *want, *got;

		if (b->kind != DOC_FIGURE)
			continue;
		want = svg_direct(dr, b, 1);
		got = figures_inline(figs, b, &len);
		assert_string_equal(got, want);
		assert_int_equal(len, strlen(want));
		free(got);
		/* Asked again, once given away: drawn again, the same. */
		got = figures_inline(figs, b, &len);
		assert_string_equal(got, want);
		free(got);
		free(want);
	}
	figures_free(figs);
}

static void
test_figures_file_and_element_as_drawn_directly(void **state)
{
	struct drawing dr;

	(void)state;
	drawing_report(&dr, "templates/default.xml",
	    fixture_run(2, FIXTURE_ALL_METRICS));
	check_figures(&dr, 1);
	check_figures(&dr, 0);
	drawing_free(&dr);
	drawing_comparison(&dr, fixture_new_meta);
	check_figures(&dr, 1);
	drawing_free(&dr);
}

/* The page made after the SVG files, from their drawings, is the page made alone. */
static void
test_html_after_files_same_page(void **state)
{
	struct drawing dr;
	struct figures *figs;
	struct diags d = { 0 };
	char *alone, *after = NULL;
	size_t i, len = 0;
	FILE *out;

	(void)state;
	drawing_report(&dr, "templates/default.xml",
	    fixture_run(3, FIXTURE_ALL_METRICS));
	alone = html_of(&dr, NULL, 0);
	figs = figures_new(dr.doc, dr.fonts, 1);
	for (i = 0; i < dr.doc->nblocks; i++)
		if (render_svg_is_item(&dr.doc->blocks[i]))
			(void)figures_file(figs, &dr.doc->blocks[i], &len);
	out = open_memstream(&after, &len);
	assert_non_null(out);
	assert_int_equal(render_html_write(out, dr.doc, figs, NULL, 0,
	    "igreport test", &d), 0);
	assert_int_equal(fclose(out), 0);
	assert_string_equal(after, alone);
	figures_free(figs);
	free(alone);
	free(after);
	drawing_free(&dr);
}

static void
test_html_figure_is_inline_svg_with_a_caption(void **state)
{
	struct drawing dr;
	const char *f;
	char *h;

	(void)state;
	drawing_report(&dr, "templates/default.xml", fixture_run(1, FIXTURE_ALL_METRICS));
	h = html_of(&dr, NULL, 0);
	f = must_find(h, "<figure id=\"trace_dns-host\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"");
	assert_true(must_find(f, "<title>With IG, 512 events/s: ") <
	    must_find(f, "<figcaption>trace_dns - Host</figcaption></figure>"));
	/* No XML declaration in the page's middle. */
	assert_null(strstr(h + 1, "<?xml"));
	free(h);
	drawing_free(&dr);
}

static void
test_html_tables_have_caption_head_and_scope(void **state)
{
	struct drawing dr;
	const char *t;
	char *h;

	(void)state;
	drawing_report(&dr, "templates/default.xml", fixture_run(1, FIXTURE_ALL_METRICS));
	h = html_of(&dr, NULL, 0);
	t = must_find(h, "<table id=\"trace_dns-table\" style=\"font-size:9pt;");
	assert_true(must_find(t, "<caption>Performance metrics - trace_dns</caption>"
	    "<thead><tr><th scope=\"col\">RPS</th><th scope=\"col\">Baseline<br/>CPU (%)</th>") <
	    must_find(t, "</thead><tbody><tr><td>256</td>"));
	/* The raw data folded away, zebra-striped. */
	must_find(h, "<details><summary>12 rows</summary><table class=\"zebra\"");
	free(h);
	drawing_free(&dr);
}

static void
test_html_header_colours_are_made_legible(void **state)
{
	struct drawing dr;
	char *h;

	(void)state;
	drawing_report(&dr, "templates/default.xml", fixture_run(1, FIXTURE_ALL_METRICS));
	h = html_of(&dr, NULL, 0);
	/* White on the notebook's #4CAF50 is 2.8:1: the green is darkened to 4.5:1. */
	assert_null(strstr(h, "--head-bg:#4caf50;"));
	must_find(h, "--head-fg:#ffffff;");
	free(h);
	drawing_free(&dr);
}

static void
test_html_downloads_are_data_links_or_say_too_large(void **state)
{
	static const char csv[] = "a,b\n1,2\n";
	struct zpack *z = zpack_start_stream(100);
	struct html_attachment att[2] = {
		{ "t.csv", NULL },
		{ "big.csv", NULL },
	};
	struct drawing dr;
	char *h;
	int err, first;

	(void)state;
	assert_int_equal(zpack_write(z, csv, strlen(csv)), 0);
	assert_int_equal(zpack_finish(z, &err, &first), 0);
	att[0].packed = z;
	drawing_report(&dr, "templates/default.xml", fixture_run(1, FIXTURE_ALL_METRICS));
	h = html_of(&dr, att, 2);
	must_find(h, "<a download=\"t.csv\" href=\"data:text/csv;base64,"
	    "YSxiCjEsMgo=\">t.csv</a>");
	must_find(h, "<li>big.csv: too large to attach (over 64 MiB)</li>");
	free(h);
	drawing_free(&dr);
	zpack_free(z);
}

static void
test_html_comparison_has_banner_and_lead(void **state)
{
	struct drawing dr;
	char *h;

	(void)state;
	drawing_comparison(&dr, fixture_new_meta);
	h = html_of(&dr, NULL, 0);
	must_find(h, "<p class=\"banner\" role=\"alert\" style=\"background:" FIXTURE_WORSE_HEX "\">");
	must_find(h, "<p class=\"lead\" style=\"color:" FIXTURE_WORSE_HEX "\">1 regression, 2 improvements</p>");
	must_find(h, "<td style=\"color:" FIXTURE_WORSE_HEX ";font-weight:bold\">");
	free(h);
	drawing_free(&dr);
}

/* --- Markdown -------------------------------------------------------------- */

static void
test_md_title_and_headings(void **state)
{
	struct drawing dr;
	char *md;

	(void)state;
	drawing_report(&dr, "templates/default.xml",
	    fixture_run(2, FIXTURE_ALL_METRICS));
	md = fixture_markdown(dr.doc, 0);
	assert_int_equal(strncmp(md, "# Test report\n\nigreport " FIXTURE_VERSION
	    "\n", strlen("# Test report\n\nigreport " FIXTURE_VERSION "\n")), 0);
	must_find(md, "\n## Input files\n");
	/* A gadget section is a "##" heading; a table's title a "###" above it. */
	assert_true(must_find(md, "\n## trace\\_dns\n") <
	    must_find(md, "\n### Performance metrics - trace\\_dns\n\n| RPS |"));
	must_find(md, "\n## trace\\_exec\n");
	must_find(md, "\n## Raw data\n");
	free(md);
	drawing_free(&dr);
}

/* The runs of tests/test_summary.c: trace_exec at 4096 and 8192 events/s, lost events. */
static struct model *
summary_run(void)
{
	static const struct fixture_row rows[] = {
		{ "trace_exec", "baseline", 4096, { 1.0, 1000, 0, 0, 0 } },
		{ "trace_exec", "baseline", 4096, { 1.2, 1002, 0, 0, 0 } },
		{ "trace_exec", "ig", 4096, { 2.0, 1100, 0.8, 110, 12 } },
		{ "trace_exec", "ig", 4096, { 2.4, 1104, 1.0, 112, 14 } },
		{ "trace_exec", "baseline", 8192, { 2.0, 1010, 0, 0, 0 } },
		{ "trace_exec", "baseline", 8192, { 2.2, 1012, 0, 0, 0 } },
		{ "trace_exec", "ig", 8192, { 5.0, 1110, 2.6, 118, 30 } },
		{ "trace_exec", "ig", 8192, { 5.4, 1114, 2.8, 118, 40 } },
	};

	return fixture_model("/home/me/runs/t.csv", rows,
	    sizeof(rows) / sizeof(rows[0]), FIXTURE_ALL_METRICS, NULL);
}

static void
test_md_table_per_gadget_follows_the_template_columns(void **state)
{
	struct drawing dr;
	char *md;
	const char *row;

	(void)state;
	drawing_report(&dr, "templates/default.xml", summary_run());
	md = fixture_markdown(dr.doc, 0);
	/* Header lines joined by a space. */
	must_find(md, "\n| RPS | Baseline CPU (%) | With IG CPU (%) | IG Process "
	    "CPU (%) | Baseline Mem (MiB) | With IG Mem (MiB) | IG Process Mem "
	    "(MiB) | Lost events/s | Lost share (%) | CPU overhead (points) | "
	    "Mem overhead (MiB) |\n|:-:|:-:|:-:|:-:|:-:|:-:|:-:|:-:|:-:|:-:|:-:|\n");
	row = must_find(md, "\n| 8192 | 2.10 \xc2\xb1 1.27 | 5.20 \xc2\xb1 "
	    "2.54 |");
	/* Lost events truncated, their share of 8192, then the CPU overhead. */
	must_find(row, "| 35 | 0.427 | +3.10 \xc2\xb1 ");
	free(md);
	drawing_free(&dr);
}

static void
test_md_lists_inputs_by_base_name(void **state)
{
	struct drawing dr;
	char *md;

	(void)state;
	drawing_report(&dr, "templates/default.xml", summary_run());
	md = fixture_markdown(dr.doc, 0);
	must_find(md, "\n## Input files\n\n- t.csv\n\n8 rows, 1 gadget.\n");
	assert_null(strstr(md, "/home/me"));
	free(md);
	drawing_free(&dr);
}

static void
test_md_folds_a_long_table_in_details(void **state)
{
	struct drawing dr;
	char *md;
	const char *details;

	(void)state;
	drawing_report(&dr, "templates/default.xml",
	    fixture_run(2, FIXTURE_ALL_METRICS));
	md = fixture_markdown(dr.doc, 0);
	details = must_find(md, "\n<details><summary>24 rows</summary>\n\n"
	    "| Gadget | Case | Run | Events/s |");
	must_find(details, "| trace\\_exec | ig | 1 | 1024 |");
	must_find(details, " |\n\n</details>\n");
	/* The gadget tables are not folded. */
	assert_ptr_equal(strstr(md, "<details>"), details + 1);
	free(md);
	drawing_free(&dr);
}

static void
test_md_links_figures_only_with_link_figures(void **state)
{
	struct drawing dr;
	char *md;

	(void)state;
	drawing_report(&dr, "templates/default.xml",
	    fixture_run(1, FIXTURE_ALL_METRICS));
	md = fixture_markdown(dr.doc, 1);
	assert_true(must_find(md, "\n![trace\\_dns - Host](trace_dns-host.svg)\n") <
	    must_find(md, "\n![trace\\_dns - IG Process]"
	    "(trace_dns-ig-process.svg)\n"));
	free(md);
	md = fixture_markdown(dr.doc, 0);
	assert_null(strstr(md, "!["));
	assert_null(strstr(md, ".svg"));
	free(md);
	drawing_free(&dr);
}

static void
test_md_escapes_pipe_and_star(void **state)
{
	static const char *const head[2] = { "a|b", "c*d" };
	static const char *const row[2] = { "1|2", "3*4" };
	static const struct tpl_table_style style = { { 0x54, 0x6e, 0x7a },
		{ 0xff, 0xff, 0xff }, { 0xdd, 0xdd, 0xdd }, { 0xf3, 0xf3, 0xf3 },
		0, 9 };
	struct template *tpl = fixture_template("templates/default.xml");
	struct document *doc = doc_new(tpl, "Title *with* stars");
	struct doc_block *b;
	char *md;

	(void)state;
	b = doc_add(doc, DOC_TITLE, "Title *with* stars");
	b->subtitle = strdup("v1 | v2");
	doc_add(doc, DOC_HEADING, "x | y");
	doc_add_paragraph(doc, "2*3 | 4", DOC_ROLE_BODY, tpl->text_color);
	b = doc_add(doc, DOC_LIST, NULL);
	doc_list_add(b, "*not* a | cell");
	b = doc_add(doc, DOC_TABLE, "");
	b->table = doc_table_new(head, 2, &style);
	doc_table_add_row(b->table, row);
	md = fixture_markdown(doc, 0);
	assert_ptr_equal(must_find(md, "# Title \\*with\\* stars\n\nv1 \\| v2\n"
	    "\n## x \\| y\n"), md);
	must_find(md, "\n2\\*3 \\| 4\n");
	must_find(md, "\n- \\*not\\* a \\| cell\n");
	must_find(md, "\n| a\\|b | c\\*d |\n|:-:|:-:|\n| 1\\|2 | 3\\*4 |\n");
	free(md);
	doc_free(doc);
	template_free(tpl);
}

static void
test_md_lead_paragraph_and_bold_cells_are_strong(void **state)
{
	struct drawing dr;
	char *md;

	(void)state;
	drawing_comparison(&dr, fixture_new_meta);
	md = fixture_markdown(dr.doc, 0);
	must_find(md, "\n**1 regression, 2 improvements**\n");
	/* The verdict cell is bold; the rest of the row is only coloured. */
	must_find(md, "\n| **worse " FIXTURE_MARK_WORSE "** | trace\\_exec | ig "
	    "| 4096 | IG CPU (%) | 2.05 \xc2\xb1 0.64 |");
	must_find(md, "\n| **Processor \xe2\x89\xa0** | **AMD EPYC 7763** | "
	    "**Intel Xeon** |\n");
	must_find(md, "\n| Benchmark Date \xe2\x89\xa0 | 2025-09-10 | "
	    "2025-10-02 |\n");
	free(md);
	drawing_free(&dr);
}

static void
test_md_banner_is_a_bold_quote(void **state)
{
	struct drawing dr;
	char *md;

	(void)state;
	drawing_comparison(&dr, fixture_new_meta);
	md = fixture_markdown(dr.doc, 0);
	assert_true(must_find(md, "\n## Machines\n") < must_find(md,
	    "\n> **\xe2\x9a\xa0 Warning: the runs come from different machines "
	    "(Processor differs), so this comparison is unsound: differences "
	    "may come from the machines, not from the code.**\n"));
	free(md);
	drawing_free(&dr);
}

/* --- Markdown within a length limit ---------------------------------------- */

/*
 * A hand-made document of blocks A (kept), B (step 1), C (step 2) and D
 * (step 3), each a paragraph of n characters, and a note per step; tpl
 * is borrowed.
 */
static struct document *
fit_doc(const struct template *tpl, size_t n, const char *letters)
{
	struct document *doc = doc_new(tpl, "T");
	size_t i;
	char *text;

	for (i = 0; letters[i] != '\0'; i++) {
		text = xmalloc(n + 1);
		memset(text, letters[i], n);
		text[n] = '\0';
		doc_add_paragraph(doc, text, DOC_ROLE_BODY, tpl->text_color);
		doc->blocks[doc->nblocks - 1].drop = (unsigned)i;
		free(text);
	}
	doc->fit.nsteps = 3;
	doc->fit.notes = xcalloc(3, sizeof(*doc->fit.notes));
	doc->fit.notes[0] = xstrdup("left out: B");
	doc->fit.notes[1] = xstrdup("left out: B and C");
	doc->fit.notes[2] = xstrdup("left out: B, C and D");
	return doc;
}

/* render_md_write of doc into a new string: its return value in *rc, the characters in *chars. */
static char *
md_limited(const struct document *doc, int *rc, size_t *chars)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	*rc = render_md_write(out, doc, 0, chars);
	assert_int_equal(fclose(out), 0);
	return buf;
}

static void
test_md_without_a_limit_keeps_every_block_and_no_note(void **state)
{
	struct template *tpl = fixture_template("templates/default.xml");
	struct document *doc = fit_doc(tpl, 100, "ABCD");
	char *md = fixture_markdown(doc, 0);

	(void)state;
	assert_int_equal(strlen(md), 4 * 102);
	assert_null(strstr(md, "left out"));
	free(md);
	doc_free(doc);
	template_free(tpl);
}

static void
test_md_over_the_limit_leaves_out_whole_steps_in_order(void **state)
{
	struct template *tpl = fixture_template("templates/default.xml");
	struct document *doc = fit_doc(tpl, 1000, "ABCD");
	size_t chars;
	int rc;
	char *md;

	(void)state;
	/* A, C and D with a note fit 3100; B alone goes, not a part of each. */
	doc->fit.max_chars = 3100;
	md = md_limited(doc, &rc, &chars);
	assert_int_equal(rc, 0);
	assert_int_equal(chars, strlen(md));
	assert_true(chars <= 3100);
	assert_null(strstr(md, "BB"));
	assert_non_null(strstr(md, "\nAAAA"));
	assert_non_null(strstr(md, "\nCCCC"));
	assert_non_null(strstr(md, "\nDDDD"));
	/* The note closes the text, apart from the rest. */
	assert_true(strlen(md) > strlen("\n---\n\n*left out: B*\n"));
	assert_string_equal(md + strlen(md) - strlen("\n---\n\n*left out: B*\n"),
	    "\n---\n\n*left out: B*\n");
	free(md);
	/* 2100: B and C go together, D stays. */
	doc->fit.max_chars = 2100;
	md = md_limited(doc, &rc, &chars);
	assert_int_equal(rc, 0);
	assert_null(strstr(md, "CC"));
	assert_non_null(strstr(md, "DDDD"));
	assert_non_null(strstr(md, "*left out: B and C*\n"));
	free(md);
	doc_free(doc);
	template_free(tpl);
}

static void
test_md_within_the_limit_is_not_shortened(void **state)
{
	struct template *tpl = fixture_template("templates/default.xml");
	struct document *doc = fit_doc(tpl, 100, "ABCD");
	size_t chars;
	int rc;
	char *md;

	(void)state;
	doc->fit.max_chars = 4 * 102;
	md = md_limited(doc, &rc, &chars);
	assert_int_equal(rc, 0);
	assert_int_equal(chars, 4 * 102);
	assert_null(strstr(md, "left out"));
	free(md);
	doc_free(doc);
	template_free(tpl);
}

static void
test_md_limit_counts_code_points_not_bytes(void **state)
{
	struct template *tpl = fixture_template("templates/default.xml");
	struct document *doc = doc_new(tpl, "T");
	size_t chars, i;
	int rc;
	char *md, text[3 * 500 + 1];

	(void)state;
	/* 500 "€" (3 bytes each, one code point): 1,502 bytes, 502 characters. */
	for (i = 0; i < 500; i++)
		memcpy(text + 3 * i, "\xe2\x82\xac", 3);
	text[3 * 500] = '\0';
	doc_add_paragraph(doc, text, DOC_ROLE_BODY, tpl->text_color);
	doc->blocks[0].drop = 1;
	doc->fit.nsteps = 1;
	doc->fit.notes = xcalloc(1, sizeof(*doc->fit.notes));
	doc->fit.notes[0] = xstrdup("left out: all");
	doc->fit.max_chars = 1000;
	md = md_limited(doc, &rc, &chars);
	assert_int_equal(rc, 0);
	assert_int_equal(chars, 502);
	assert_int_equal(strlen(md), 1502);
	free(md);
	assert_int_equal(render_md_chars("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 10), 4);
	doc_free(doc);
	template_free(tpl);
}

static void
test_md_limit_skips_a_step_no_block_has(void **state)
{
	struct template *tpl = fixture_template("templates/default.xml");
	struct document *doc = fit_doc(tpl, 1000, "ABCD");
	size_t chars;
	int rc;
	char *md;

	(void)state;
	/* No block of step 1: its note is NULL, and step 2 comes next. */
	doc->blocks[1].drop = 2;
	free(doc->fit.notes[0]);
	doc->fit.notes[0] = NULL;
	doc->fit.max_chars = 3100;
	md = md_limited(doc, &rc, &chars);
	assert_int_equal(rc, 0);
	assert_null(strstr(md, "BB"));
	assert_null(strstr(md, "CC"));
	assert_non_null(strstr(md, "*left out: B and C*\n"));
	free(md);
	doc_free(doc);
	template_free(tpl);
}

static void
test_md_shortest_form_over_the_limit_writes_nothing(void **state)
{
	struct template *tpl = fixture_template("templates/default.xml");
	struct document *doc = fit_doc(tpl, 1500, "ABCD");
	size_t chars;
	int rc;
	char *md;

	(void)state;
	/* A (step 0) alone is 1,502 characters, and the note comes on top. */
	doc->fit.max_chars = 1000;
	md = md_limited(doc, &rc, &chars);
	assert_int_equal(rc, -2);
	assert_string_equal(md, "");
	assert_int_equal(chars, 1502 + strlen("\n---\n\n*left out: B, C and D*\n"));
	free(md);
	doc_free(doc);
	template_free(tpl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_default_template_pages),
		cmocka_unit_test(test_pdf_bookmarks_sections_and_links_summary),
		cmocka_unit_test(test_pdf_compact_template_has_fewer_pages),
		cmocka_unit_test(test_pdf_compare_draws_verdict_tables_and_figures),
		cmocka_unit_test(test_pdf_different_machines_draw_a_red_banner),
		cmocka_unit_test(test_svg_items_are_figures_and_tables_with_an_id),
		cmocka_unit_test(test_svg_figure_is_as_wide_as_the_content),
		cmocka_unit_test(test_svg_table_is_drawn_alone_with_its_title),
		cmocka_unit_test(test_svg_table_is_as_wide_as_its_columns),
		cmocka_unit_test(test_svg_table_is_as_wide_as_a_longer_title),
		cmocka_unit_test(test_svg_changes_table_keeps_its_verdict_colours),
		cmocka_unit_test(test_html_sections_have_anchors_in_the_contents),
		cmocka_unit_test(test_html_figure_is_inline_svg_with_a_caption),
		cmocka_unit_test(test_figures_file_and_element_as_drawn_directly),
		cmocka_unit_test(test_html_after_files_same_page),
		cmocka_unit_test(test_html_tables_have_caption_head_and_scope),
		cmocka_unit_test(test_html_header_colours_are_made_legible),
		cmocka_unit_test(test_html_downloads_are_data_links_or_say_too_large),
		cmocka_unit_test(test_html_comparison_has_banner_and_lead),
		cmocka_unit_test(test_md_title_and_headings),
		cmocka_unit_test(test_md_table_per_gadget_follows_the_template_columns),
		cmocka_unit_test(test_md_lists_inputs_by_base_name),
		cmocka_unit_test(test_md_folds_a_long_table_in_details),
		cmocka_unit_test(test_md_links_figures_only_with_link_figures),
		cmocka_unit_test(test_md_escapes_pipe_and_star),
		cmocka_unit_test(test_md_lead_paragraph_and_bold_cells_are_strong),
		cmocka_unit_test(test_md_banner_is_a_bold_quote),
		cmocka_unit_test(test_md_without_a_limit_keeps_every_block_and_no_note),
		cmocka_unit_test(test_md_over_the_limit_leaves_out_whole_steps_in_order),
		cmocka_unit_test(test_md_within_the_limit_is_not_shortened),
		cmocka_unit_test(test_md_limit_counts_code_points_not_bytes),
		cmocka_unit_test(test_md_limit_skips_a_step_no_block_has),
		cmocka_unit_test(test_md_shortest_form_over_the_limit_writes_nothing),
	};

	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
