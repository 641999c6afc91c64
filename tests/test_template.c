/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the template loader: shipped and hostile templates, errors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "shipped.h"
#include "template.h"
#include "testutil.h"
#include "xalloc.h"

/* A path in the source tree (IGREPORT_SOURCE_DIR or "."); caller frees. */
static char *
src_path(const char *rel)
{
	const char *dir = getenv("IGREPORT_SOURCE_DIR");

	return xasprintf("%s/%s", dir && *dir ? dir : ".", rel);
}

static struct template *
load_file(const char *rel, struct diags *d)
{
	char *path = src_path(rel), *xsd = src_path("templates/igreport.xsd");
	struct template *t = template_load(path, xsd, d);

	free(path);
	free(xsd);
	return t;
}

static struct template *
load_data(const char *name, struct diags *d)
{
	char *rel = xasprintf("tests/data/templates/%s", name);
	struct template *t = load_file(rel, d);

	free(rel);
	return t;
}

static struct template *
load_string(const char *xml, struct diags *d)
{
	char *xsd = src_path("templates/igreport.xsd");
	struct template *t = template_load_memory(xml, strlen(xml), "mem.xml",
	    xsd, d);

	free(xsd);
	return t;
}

/* The first diagnostic with code at line, or NULL. */
static const struct diag *
find_diag(const struct diags *d, enum diag_code code, unsigned long line)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].code == code && d->v[i].line == line)
			return &d->v[i];
	return NULL;
}

static void
print_diags(const struct diags *d)
{
	diags_print(d, stdout, 1, 0);
}

/* Fails unless d holds code at line, and returns that diagnostic. */
static const struct diag *
expect_diag(const struct diags *d, enum diag_code code, unsigned long line)
{
	const struct diag *dg = find_diag(d, code, line);

	if (dg == NULL) {
		print_diags(d);
		fail_msg("no diagnostic %d at line %lu", (int)code, line);
	}
	return dg;
}

static void
expect_detail(const struct diag *dg, const char *part)
{
	if (dg->detail == NULL || strstr(dg->detail, part) == NULL)
		fail_msg("detail '%s' lacks '%s'",
		    dg->detail ? dg->detail : "(null)", part);
}

static void
expect_clean(const struct diags *d)
{
	if (d->n != 0) {
		print_diags(d);
		fail_msg("%zu unexpected diagnostics", d->n);
	}
}

static void
expect_near(double got, double want, double tol)
{
	if (!(got - want <= tol && want - got <= tol))
		fail_msg("got %.17g, want %.17g", got, want);
}

static void
expect_color(struct canvas_color c, unsigned r, unsigned g, unsigned b)
{
	if (c.r != r || c.g != g || c.b != b)
		fail_msg("colour #%02x%02x%02x, want #%02x%02x%02x", c.r, c.g,
		    c.b, r, g, b);
}

static const struct tpl_section *
section_of(const struct template *t, enum tpl_section_kind kind)
{
	size_t i;

	for (i = 0; i < t->nsections; i++)
		if (t->sections[i].kind == kind)
			return &t->sections[i];
	fail_msg("no section of kind %d", (int)kind);
	return NULL;
}

/* --- The shipped templates ------------------------------------------------ */

static void
check_host_figure(const struct tpl_figure *f)
{
	const struct tpl_chart *cpu = &f->charts[0], *mem = &f->charts[1];

	assert_string_equal(f->id, "host");
	assert_string_equal(f->title, "{gadget} - Host");
	assert_int_equal(f->ncharts, 2);
	assert_int_equal(cpu->metric, METRIC_CPU);
	assert_string_equal(cpu->title, "CPU Usage (with {level}% CI)");
	assert_string_equal(cpu->x_label, "Events per Second");
	assert_string_equal(cpu->y_label, "CPU Usage (%)");
	assert_int_equal(cpu->decimals, 2);
	assert_int_equal(cpu->yrange, TPL_YRANGE_ZERO);
	assert_true(cpu->legend && cpu->value_labels);
	assert_int_equal(cpu->nseries, 2);
	assert_string_equal(cpu->series[0].case_name, "baseline");
	assert_string_equal(cpu->series[0].label, "Baseline");
	expect_color(cpu->series[0].color, 0x1f, 0x77, 0xb4);
	assert_string_equal(cpu->series[1].case_name, "ig");
	assert_string_equal(cpu->series[1].label, "With IG");
	expect_color(cpu->series[1].color, 0xff, 0x7f, 0x0e);
	assert_int_equal(mem->metric, METRIC_MEM);
	assert_string_equal(mem->title, "Memory Usage (with {level}% CI)");
	assert_string_equal(mem->y_label, "Memory Usage (MiB)");
	assert_int_equal(mem->decimals, 0);
	assert_int_equal(mem->yrange, TPL_YRANGE_SPREAD);
	expect_near(mem->headroom, 1.25, 0);
	expect_near(mem->floor, 0.75, 0);
	expect_near(mem->bar_opacity, 0.8, 0);
}

static void
check_ig_figure(const struct tpl_figure *f)
{
	assert_string_equal(f->id, "ig-process");
	assert_string_equal(f->title, "{gadget} - IG Process");
	assert_int_equal(f->ncharts, 2);
	assert_int_equal(f->charts[0].metric, METRIC_IGCPU);
	assert_int_equal(f->charts[1].metric, METRIC_IGMEM);
	assert_int_equal(f->charts[0].nseries, 1);
	assert_string_equal(f->charts[0].series[0].case_name, "ig");
	assert_string_equal(f->charts[0].series[0].label, "IG Process CPU");
	expect_color(f->charts[0].series[0].color, 0xff, 0xa5, 0x00);
	assert_string_equal(f->charts[1].series[0].label, "IG Process Memory");
	expect_color(f->charts[1].series[0].color, 0xff, 0x00, 0x00);
	assert_false(f->charts[0].other_cases);
}

static void
check_gadget_table(const struct tpl_table *tb)
{
	const struct tpl_column *c = tb->columns;

	assert_int_equal(tb->ncolumns, 11);
	assert_int_equal(c[0].kind, TPL_COL_RATE);
	assert_string_equal(c[0].header, "RPS");
	assert_int_equal(c[1].kind, TPL_COL_MEAN);
	assert_string_equal(c[1].case_name, "baseline");
	assert_int_equal(c[1].metric, METRIC_CPU);
	assert_int_equal(c[1].decimals, 2);
	assert_int_equal(c[3].metric, METRIC_IGCPU);
	assert_int_equal(c[6].metric, METRIC_IGMEM);
	assert_int_equal(c[6].decimals, 0);
	assert_int_equal(c[7].metric, METRIC_LOST);
	assert_true(c[7].integer);
	/* The share of events lost, to TPL_SHARE_DECIMALS. */
	assert_int_equal(c[8].metric, METRIC_LOST);
	assert_true(c[8].share && !c[8].integer && !c[8].show_ci);
	assert_int_equal(c[8].decimals, TPL_SHARE_DECIMALS);
	assert_int_equal(c[9].kind, TPL_COL_OVERHEAD);
	assert_int_equal(c[9].metric, METRIC_CPU);
	assert_true(c[9].show_ci);
	assert_null(c[9].case_name);
	assert_int_equal(c[10].metric, METRIC_MEM);
	expect_color(tb->style.header_bg, 0x4c, 0xaf, 0x50);
	expect_color(tb->style.header_fg, 0xff, 0xff, 0xff);
	expect_color(tb->style.rule, 0xdd, 0xdd, 0xdd);
}

static void
test_default_template_loads_as_designed(void **state)
{
	struct diags d = { 0 };
	struct template *t = load_file("templates/default.xml", &d);
	const struct tpl_section *g, *a, *o;
	const struct tpl_chart *lost;

	(void)state;
	expect_clean(&d);
	assert_non_null(t);
	assert_string_equal(t->name, "default");
	expect_near(t->page_width, 841.8897637795276, 1e-9);
	expect_near(t->page_height, 595.2755905511812, 1e-9);
	assert_non_null(t->footer);
	assert_string_equal(t->footer, "{title} - page {page} of {pages}");
	assert_string_equal(t->title, "Inspektor Gadget benchmark report");
	assert_int_equal(t->nsections, 4);
	assert_int_equal(t->sections[0].kind, TPL_SECTION_COVER);
	/* The overview: overhead lines of Cpu and Mem, the gadgets table, then the cost table. */
	o = &t->sections[1];
	assert_int_equal(o->kind, TPL_SECTION_OVERVIEW);
	assert_int_equal(o->blocks[1].kind, TPL_BLOCK_FIGURE);
	assert_int_equal(o->blocks[1].figure->ncharts, 2);
	assert_int_equal(o->blocks[1].figure->charts[0].kind, TPL_CHART_OVERHEAD);
	assert_int_equal(o->blocks[1].figure->charts[0].metric, METRIC_CPU);
	assert_int_equal(o->blocks[1].figure->charts[1].metric, METRIC_MEM);
	assert_int_equal(o->blocks[2].kind, TPL_BLOCK_GADGETS);
	assert_int_equal(o->blocks[o->nblocks - 1].kind, TPL_BLOCK_COST);
	g = section_of(t, TPL_SECTION_GADGET);
	assert_int_equal(g->nblocks, 6);
	assert_int_equal(g->blocks[0].figure->charts[0].kind, TPL_CHART_BARS);
	assert_true(g->blocks[0].figure->charts[0].runs);
	/* Lost events, as a share, drawn only where some were lost. */
	lost = &g->blocks[5].figure->charts[0];
	assert_int_equal(lost->metric, METRIC_LOST);
	assert_true(lost->share && lost->omit_if_zero);
	assert_int_equal(g->blocks[0].kind, TPL_BLOCK_FIGURE);
	check_host_figure(g->blocks[0].figure);
	check_ig_figure(g->blocks[1].figure);
	assert_int_equal(g->blocks[2].kind, TPL_BLOCK_PAGE_BREAK);
	assert_int_equal(g->blocks[3].kind, TPL_BLOCK_TABLE);
	check_gadget_table(g->blocks[3].table);
	assert_int_equal(g->blocks[4].kind, TPL_BLOCK_TEXT);
	/* Both figures fit one page's content area. */
	assert_true(g->blocks[0].figure->height + g->blocks[1].figure->height <=
	    t->page_height - t->margin_top - t->margin_bottom - 12);
	a = section_of(t, TPL_SECTION_APPENDIX);
	assert_int_equal(a->blocks[a->nblocks - 1].kind, TPL_BLOCK_RAW);
	expect_color(a->blocks[a->nblocks - 1].raw.header_bg, 0x21, 0x96, 0xf3);
	assert_true(a->blocks[a->nblocks - 1].raw.zebra_on);
	template_free(t);
	diags_free(&d);
}

static void
test_compact_template_is_portrait_one_page_per_gadget(void **state)
{
	struct diags d = { 0 };
	struct template *t = load_file("templates/compact.xml", &d);
	const struct tpl_section *g;
	double used = 0;
	size_t i;

	(void)state;
	expect_clean(&d);
	assert_non_null(t);
	assert_string_equal(t->name, "compact");
	assert_true(t->page_height > t->page_width);
	g = section_of(t, TPL_SECTION_GADGET);
	for (i = 0; i < g->nblocks; i++) {
		assert_int_not_equal(g->blocks[i].kind, TPL_BLOCK_PAGE_BREAK);
		if (g->blocks[i].kind == TPL_BLOCK_FIGURE)
			used += g->blocks[i].figure->height;
	}
	assert_int_equal(g->blocks[2].kind, TPL_BLOCK_TABLE);
	assert_true(g->blocks[2].table->style.font_size < 9);
	assert_true(used < (t->page_height - t->margin_top -
	    t->margin_bottom) * 0.6);
	assert_true(t->label_size < 9);
	template_free(t);
	diags_free(&d);
}

static const char minimal[] =
    "<report>\n"
    "  <gadget>\n"
    "    <figure id=\"f\">\n"
    "      <chart metric=\"Cpu\">\n"
    "        <series case=\"baseline\"/><series case=\"ig\"/>\n"
    "      </chart>\n"
    "      <chart metric=\"IgMem\"><series case=\"ig\"/></chart>\n"
    "    </figure>\n"
    "    <table id=\"t\">\n"
    "      <column kind=\"rate\"/>\n"
    "      <column kind=\"mean\" case=\"ig\" metric=\"Mem\"/>\n"
    "      <column kind=\"overhead\" metric=\"Cpu\"/>\n"
    "    </table>\n"
    "  </gadget>\n"
    "  <appendix><raw/></appendix>\n"
    "</report>\n";

static void
test_defaults_reproduce_the_notebook(void **state)
{
	struct diags d = { 0 };
	struct template *t = load_string(minimal, &d);
	const struct tpl_chart *c;
	const struct tpl_table *tb;
	const struct tpl_table_style *raw;

	(void)state;
	expect_clean(&d);
	assert_non_null(t);
	assert_string_equal(t->name, "mem");
	assert_string_equal(t->title, "Inspektor Gadget benchmark report");
	assert_null(t->footer);
	expect_near(t->page_width, 595.2755905511812, 1e-9);
	expect_near(t->margin_left, 36, 0);
	expect_near(t->label_size, 9, 0);
	expect_near(t->figure_title_size, 16, 0);
	expect_near(t->grid_opacity, 0.3, 0);
	c = &t->sections[0].blocks[0].figure->charts[0];
	expect_near(c->bar_opacity, 0.8, 0);
	expect_near(c->headroom, 1.25, 0);
	expect_near(c->floor, 0.75, 0);
	assert_int_equal(c->decimals, 2);
	assert_int_equal(c->yrange, TPL_YRANGE_ZERO);
	assert_true(c->legend && c->value_labels);
	assert_string_equal(c->series[0].label, "baseline");
	expect_color(c->series[0].color, 0x1f, 0x77, 0xb4);
	expect_color(c->series[1].color, 0xff, 0x7f, 0x0e);
	c = &t->sections[0].blocks[0].figure->charts[1];
	assert_int_equal(c->yrange, TPL_YRANGE_SPREAD);
	assert_int_equal(c->decimals, 0);
	tb = t->sections[0].blocks[1].table;
	expect_color(tb->style.header_bg, 0x4c, 0xaf, 0x50);
	expect_color(tb->style.header_fg, 0xff, 0xff, 0xff);
	expect_color(tb->style.rule, 0xdd, 0xdd, 0xdd);
	assert_false(tb->style.zebra_on);
	assert_int_equal(tb->columns[1].decimals, 0);
	assert_false(tb->columns[1].show_ci);
	assert_true(tb->columns[2].show_ci);
	raw = &t->sections[1].blocks[0].raw;
	expect_color(raw->header_bg, 0x21, 0x96, 0xf3);
	expect_color(raw->zebra, 0xf3, 0xf3, 0xf3);
	assert_true(raw->zebra_on);
	template_free(t);
	diags_free(&d);
}

static void
test_landscape_letter_and_explicit_sizes(void **state)
{
	struct diags d = { 0 };
	struct template *t;

	(void)state;
	t = load_string("<report><page size=\"Letter\" "
	    "orientation=\"landscape\" margin=\"10\" "
	    "margin-left=\"50.5\"/><cover/></report>", &d);
	expect_clean(&d);
	expect_near(t->page_width, 792, 0);
	expect_near(t->page_height, 612, 0);
	expect_near(t->margin_top, 10, 0);
	expect_near(t->margin_left, 50.5, 0);
	template_free(t);
	t = load_string("<report><page width=\" 1000 \" height=\"500.25\"/>"
	    "<cover/></report>", &d);
	expect_clean(&d);
	/* Portrait by default: the explicit size is turned to stand upright. */
	expect_near(t->page_width, 500.25, 0);
	expect_near(t->page_height, 1000, 0);
	template_free(t);
	diags_free(&d);
}

static void
test_text_white_space_is_collapsed_and_header_breaks_kept(void **state)
{
	struct diags d = { 0 };
	struct template *t = load_string(
	    "<report><gadget><text>\n  Two\n\t lines  </text>"
	    "<table id=\"t\"><column kind=\"rate\" header=\"a&#10;b\"/></table>"
	    "</gadget></report>", &d);

	(void)state;
	expect_clean(&d);
	assert_string_equal(t->sections[0].blocks[0].text, "Two lines");
	assert_string_equal(t->sections[0].blocks[1].table->columns[0].header,
	    "a\nb");
	template_free(t);
	diags_free(&d);
}

/* --- Errors with their lines ---------------------------------------------- */

static void
test_not_well_formed_gives_xml_error_with_line(void **state)
{
	struct diags d = { 0 };
	const struct diag *dg;

	(void)state;
	assert_null(load_data("not-well-formed.xml", &d));
	dg = expect_diag(&d, D_TEMPLATE_XML, 4);
	expect_detail(dg, "Opening and ending tag mismatch");
	assert_true(dg->column > 0);
	assert_non_null(strstr(dg->file, "not-well-formed.xml"));
	assert_null(strchr(dg->detail, '\n'));
	/* The parser's echoes of the first error are not repeated. */
	assert_int_equal(d.n, 1);
	diags_free(&d);
}

static void
test_bad_colour_gives_schema_error_with_line(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_data("bad-color.xml", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_SCHEMA, 5), "'orange'");
	diags_free(&d);
}

static void
test_unknown_element_gives_schema_error_with_line(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_data("unknown-element.xml", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_SCHEMA, 4), "'bogus'");
	diags_free(&d);
}

static void
test_negative_height_gives_schema_error_with_line(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_data("negative-height.xml", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_SCHEMA, 3), "minExclusive");
	diags_free(&d);
}

static void
test_bad_metric_gives_schema_error_with_line(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_data("bad-metric.xml", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_SCHEMA, 5), "'Disk'");
	assert_int_equal(d.n, 1);
	diags_free(&d);
}

/* The report shows lost events whole (the notebook's int()); compare prints 1 decimal. */
static void
test_lost_defaults_to_whole_numbers(void **state)
{
	struct diags d = { 0 };
	struct template *t = load_string("<report>\n<gadget>\n"
	    "<figure id=\"f\"><chart metric=\"Lost\"><series case=\"ig\"/>"
	    "</chart></figure>\n<table id=\"t\"><column kind=\"mean\" "
	    "case=\"ig\" metric=\"Lost\"/></table>\n</gadget>\n</report>\n",
	    &d);

	(void)state;
	expect_clean(&d);
	assert_non_null(t);
	assert_int_equal(t->sections[0].blocks[0].figure->charts[0].decimals, 0);
	assert_int_equal(t->sections[0].blocks[1].table->columns[0].decimals, 0);
	assert_string_equal(t->sections[0].blocks[1].table->columns[0].header,
	    "ig Lost");
	template_free(t);
	diags_free(&d);
}

/* Templates spell metrics exactly; only CSV headers ignore case. */
static void
test_metric_in_other_case_is_refused(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_string("<report>\n<gadget>\n<figure id=\"f\">"
	    "<chart metric=\"cpu\"/></figure>\n</gadget>\n</report>\n", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_SCHEMA, 3), "'cpu'");
	diags_free(&d);
}

static void
test_figure_outside_gadget_draws_every_gadget(void **state)
{
	struct diags d = { 0 };
	struct template *t;

	(void)state;
	/* A report: overhead charts only, a line per gadget. */
	assert_null(load_string("<report>\n<cover>\n<figure id=\"x\">"
	    "<chart metric=\"Cpu\"><series case=\"ig\"/></chart></figure>"
	    "</cover></report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 3),
	    "its charts must be kind=\"overhead\"");
	diags_free(&d);
	/* A comparison: none. */
	assert_null(load_string("<report kind=\"compare\">\n<cover>\n"
	    "<figure id=\"x\"><chart metric=\"Cpu\"><series case=\"ig\"/>"
	    "</chart></figure></cover></report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 3),
	    "only allowed in a report or trend template");
	diags_free(&d);
	/* A trend's cover draws the cost of every gadget. */
	t = load_string("<report kind=\"trend\">\n<cover>\n<figure id=\"x\">"
	    "<chart metric=\"IgCpu\"><series case=\"cost\"/></chart>"
	    "</figure></cover></report>", &d);
	assert_non_null(t);
	assert_int_equal(t->kind, TPL_KIND_TREND);
	assert_int_equal(t->sections[0].blocks[0].kind, TPL_BLOCK_FIGURE);
	template_free(t);
	assert_int_equal(d.n, 0);
}

static void
test_overhead_on_other_metric_is_a_metric_error(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_data("overhead-metric.xml", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_METRIC, 6), "IgCpu");
	assert_null(find_diag(&d, D_TEMPLATE_METRIC, 5));
	diags_free(&d);
}

static void
test_column_attribute_errors_name_their_line(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_data("column-attrs.xml", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_COLUMN, 4), "metric=");
	expect_detail(expect_diag(&d, D_TEMPLATE_COLUMN, 5), "case=");
	expect_detail(expect_diag(&d, D_TEMPLATE_COLUMN, 6), "integer");
	expect_detail(expect_diag(&d, D_TEMPLATE_METRIC, 7), "metric=");
	assert_int_equal(d.n, 4);
	diags_free(&d);
}

static void
test_bad_values_are_value_errors(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_data("bad-values.xml", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 2), "height=");
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 4), "content height");
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 5), "floor");
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 7), "line 4");
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 8), "nothing to draw");
	assert_int_equal(d.n, 5);
	diags_free(&d);
}

static void
test_misplaced_and_unknown_placeholders(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_data("placeholders.xml", &d));
	/* Line 1: {title} in the title; the footer's {page} is fine. */
	expect_detail(expect_diag(&d, D_TEMPLATE_PLACEHOLDER, 1), "{title}");
	expect_detail(expect_diag(&d, D_TEMPLATE_PLACEHOLDER, 3), "{gadget}");
	expect_detail(expect_diag(&d, D_TEMPLATE_PLACEHOLDER, 4), "{page}");
	expect_detail(expect_diag(&d, D_TEMPLATE_PLACEHOLDER, 5), "{nope}");
	expect_detail(expect_diag(&d, D_TEMPLATE_PLACEHOLDER, 9), "{pages}");
	assert_null(find_diag(&d, D_TEMPLATE_PLACEHOLDER, 8));
	assert_int_equal(d.n, 5);
	diags_free(&d);
}

static void
test_missing_files_are_open_errors(void **state)
{
	struct diags d = { 0 };
	char *xsd = src_path("templates/igreport.xsd");

	(void)state;
	assert_null(template_load("/nonexistent/t.xml", xsd, &d));
	assert_int_equal(d.v[0].code, D_OPEN_FAILED);
	assert_string_equal(d.v[0].file, "/nonexistent/t.xml");
	diags_free(&d);
	assert_null(template_load_memory(minimal, strlen(minimal), "m.xml",
	    "/nonexistent/igreport.xsd", &d));
	assert_int_equal(d.v[0].code, D_OPEN_FAILED);
	diags_free(&d);
	free(xsd);
}

static void
test_broken_schema_is_reported_against_the_schema(void **state)
{
	struct diags d = { 0 };
	char *xsd = src_path("tests/data/templates/bad-color.xml");

	(void)state;
	assert_null(template_load_memory(minimal, strlen(minimal), "m.xml",
	    xsd, &d));
	assert_true(d.n > 0);
	assert_int_equal(d.v[0].code, D_TEMPLATE_SCHEMA);
	assert_string_equal(d.v[0].file, xsd);
	free(xsd);
	diags_free(&d);
}

/* --- Hostile files -------------------------------------------------------- */

static int entity_loads;

static xmlParserInputPtr
refuse_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	entity_loads++;
	return NULL;
}

/* Loads a hostile file with an entity loader that counts every attempt. */
static void
expect_refused(const char *name, enum diag_code code)
{
	xmlExternalEntityLoader saved = xmlGetExternalEntityLoader();
	struct diags d = { 0 };
	struct template *t;

	entity_loads = 0;
	xmlSetExternalEntityLoader(refuse_loader);
	t = load_data(name, &d);
	xmlSetExternalEntityLoader(saved);
	assert_null(t);
	assert_int_equal(entity_loads, 0);
	if (d.n == 0 || (code != D__MAX && d.v[0].code != code)) {
		print_diags(&d);
		fail_msg("%s: expected diagnostic %d", name, (int)code);
	}
	diags_free(&d);
}

static void
test_doctype_is_refused(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_data("doctype.xml", &d));
	expect_diag(&d, D_TEMPLATE_DOCTYPE, 2);
	assert_int_equal(d.n, 1);
	diags_free(&d);
}

static void
test_billion_laughs_is_refused(void **state)
{
	struct diags d = { 0 };

	(void)state;
	expect_refused("billion-laughs.xml", D_TEMPLATE_XML);
	assert_null(load_data("billion-laughs.xml", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_XML, 14), "entity");
	assert_int_equal(d.n, 1);
	diags_free(&d);
}

/* The first line of /etc/passwd must never surface anywhere. */
static void
expect_no_passwd(const struct diags *d, const struct template *t)
{
	char line[256] = "root:x:0:0:";
	FILE *f = fopen("/etc/passwd", "r");
	size_t i;

	if (f != NULL) {
		if (fgets(line, sizeof(line), f) == NULL)
			strcpy(line, "root:x:0:0:");
		line[strcspn(line, "\n")] = '\0';
		fclose(f);
	}
	assert_null(t);
	for (i = 0; i < d->n; i++)
		if (d->v[i].detail && strstr(d->v[i].detail, line))
			fail_msg("passwd leaked: %s", d->v[i].detail);
}

static void
test_external_entity_is_never_read(void **state)
{
	static const char *const files[] = { "xxe-attribute.xml",
		"xxe-text.xml", "external-dtd.xml", "parameter-entity.xml" };
	struct diags d = { 0 };
	struct template *t;
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		expect_refused(files[i], D__MAX);
		t = load_data(files[i], &d);
		expect_no_passwd(&d, t);
		assert_true(diags_failed(&d));
		diags_free(&d);
	}
	expect_refused("xxe-text.xml", D_TEMPLATE_DOCTYPE);
}

static void
test_http_dtd_is_refused_without_network(void **state)
{
	(void)state;
	/* The refusing loader proves no fetch was even attempted. */
	expect_refused("http-dtd.xml", D_TEMPLATE_DOCTYPE);
	expect_refused("external-dtd.xml", D__MAX);
}

static void
test_deep_nesting_is_refused(void **state)
{
	struct diags d = { 0 };
	size_t depth = 10000, n = 0, i;
	char *buf = xmalloc(depth * 8 + 64);

	(void)state;
	n += (size_t)sprintf(buf, "<report>");
	for (i = 0; i < depth; i++)
		n += (size_t)sprintf(buf + n, "<a>");
	for (i = 0; i < depth; i++)
		n += (size_t)sprintf(buf + n, "</a>");
	sprintf(buf + n, "</report>");
	assert_null(load_string(buf, &d));
	assert_int_equal(d.v[0].code, D_TEMPLATE_XML);
	expect_detail(&d.v[0], "depth");
	free(buf);
	diags_free(&d);
}

static char *
huge_attribute(size_t size)
{
	static const char head[] = "<report title=\"";
	static const char tail[] = "\"><cover/></report>";
	char *buf = xmalloc(sizeof(head) + size + sizeof(tail));

	memcpy(buf, head, sizeof(head) - 1);
	memset(buf + sizeof(head) - 1, 'a', size);
	memcpy(buf + sizeof(head) - 1 + size, tail, sizeof(tail));
	return buf;
}

static void
test_fifty_megabyte_attribute_is_refused(void **state)
{
	struct diags d = { 0 };
	char *buf = huge_attribute(50u << 20);
	char path[] = "/tmp/igreport-template-XXXXXX";
	char *xsd = src_path("templates/igreport.xsd");
	int fd;

	(void)state;
	assert_null(load_string(buf, &d));
	assert_int_equal(d.v[0].code, D_TEMPLATE_XML);
	diags_free(&d);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, strlen(buf)), (ssize_t)strlen(buf));
	close(fd);
	assert_null(template_load(path, xsd, &d));
	unlink(path);
	assert_int_equal(d.v[0].code, D_TEMPLATE_XML);
	expect_detail(&d.v[0], "larger than");
	free(xsd);
	free(buf);
	diags_free(&d);
}

static void
test_long_attribute_is_a_short_schema_error(void **state)
{
	struct diags d = { 0 };
	char *buf = huge_attribute(500000);
	size_t i;

	(void)state;
	assert_null(load_string(buf, &d));
	assert_true(d.n > 0);
	for (i = 0; i < d.n; i++) {
		assert_int_equal(d.v[i].code, D_TEMPLATE_SCHEMA);
		assert_true(strlen(d.v[i].detail) <= 310);
	}
	free(buf);
	diags_free(&d);
}

/* --- libxml2 stays quiet and leaves its handlers as it found them --------- */

static void
other_handler(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static void
test_libxml2_prints_nothing_and_handlers_are_restored(void **state)
{
	static const char *const files[] = { "not-well-formed.xml",
		"bad-color.xml", "billion-laughs.xml", "xxe-attribute.xml",
		"parameter-entity.xml", "http-dtd.xml" };
	struct diags d = { 0 };
	FILE *err = tmpfile();
	int saved_fd = dup(2), marker;
	size_t i;
	long size;

	(void)state;
	assert_non_null(err);
	xmlSetStructuredErrorFunc(&marker, other_handler);
	fflush(stderr);
	dup2(fileno(err), 2);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		assert_null(load_data(files[i], &d));
	fflush(stderr);
	dup2(saved_fd, 2);
	close(saved_fd);
	assert_true(xmlStructuredError == other_handler);
	assert_true(xmlStructuredErrorContext == &marker);
	xmlSetStructuredErrorFunc(NULL, NULL);
	fseek(err, 0, SEEK_END);
	size = ftell(err);
	fclose(err);
	assert_int_equal(size, 0);
	assert_true(d.n >= 6);
	diags_free(&d);
}

/* --- template_expand ------------------------------------------------------ */

static void
test_expand_replaces_every_placeholder(void **state)
{
	struct tpl_vars v = { "trace_exec", "95", "T", "2025-01-01", "3", "9", NULL, NULL };
	char *s = template_expand(
	    "{gadget}|{level}%|{title}|{date}|{page}/{pages}", &v);

	(void)state;
	assert_string_equal(s, "trace_exec|95%|T|2025-01-01|3/9");
	free(s);
}

static void
test_expand_null_values_give_empty_text(void **state)
{
	struct tpl_vars v = { NULL, "90", NULL, NULL, NULL, NULL, NULL, NULL };
	char *a = template_expand("[{gadget}] {level}", &v);
	char *b = template_expand("x{title}y", NULL);

	(void)state;
	assert_string_equal(a, "[] 90");
	assert_string_equal(b, "xy");
	free(a);
	free(b);
}

static void
test_expand_doubled_braces_are_literal(void **state)
{
	struct tpl_vars v = { "g", NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	char *s = template_expand("{{gadget}} {{{gadget}}} }}", &v);

	(void)state;
	assert_string_equal(s, "{gadget} {g} }");
	free(s);
}

static void
test_expand_leaves_other_braces_alone(void **state)
{
	struct tpl_vars v = { "g", NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	char *s = template_expand("{unknown} { gadget } {gadget {} } {", &v);

	(void)state;
	assert_string_equal(s, "{unknown} { gadget } {gadget {} } {");
	free(s);
	s = template_expand("", &v);
	assert_string_equal(s, "");
	free(s);
}

/* --- Compare templates ----------------------------------------------------- */

static void
test_compare_template_loads_as_designed(void **state)
{
	struct diags d = { 0 };
	struct template *t = load_file("templates/compare.xml", &d);
	const struct tpl_section *cover, *g;
	const struct tpl_chart *cpu;

	(void)state;
	expect_clean(&d);
	assert_non_null(t);
	assert_int_equal(t->kind, TPL_KIND_COMPARE);
	assert_string_equal(t->title, "Inspektor Gadget benchmark comparison");
	expect_color(t->worse_color, 0xc6, 0x28, 0x28);
	expect_color(t->better_color, 0x2e, 0x7d, 0x32);
	cover = section_of(t, TPL_SECTION_COVER);
	assert_int_equal(cover->blocks[1].kind, TPL_BLOCK_VERDICT);
	assert_int_equal(cover->blocks[5].kind, TPL_BLOCK_MACHINES);
	assert_string_equal(cover->blocks[5].table->id, "");
	assert_int_equal(cover->blocks[3].kind, TPL_BLOCK_SIGNIFICANT);
	assert_int_equal(cover->blocks[7].kind, TPL_BLOCK_ONLY);
	g = section_of(t, TPL_SECTION_GADGET);
	/* The change chart first, as tall as the page allows (it is sized to its rows). */
	assert_int_equal(g->blocks[0].kind, TPL_BLOCK_CHANGE_CHART);
	assert_string_equal(g->blocks[0].figure->id, "change-chart");
	assert_int_equal(g->blocks[0].figure->ncharts, 0);
	assert_true(g->blocks[0].figure->height == t->page_height -
	    t->margin_top - t->margin_bottom);
	assert_int_equal(g->blocks[1].kind, TPL_BLOCK_FIGURE);
	cpu = &g->blocks[1].figure->charts[0];
	assert_int_equal(cpu->metric, METRIC_CPU);
	assert_string_equal(cpu->series[0].case_name, "old:ig");
	assert_string_equal(cpu->series[1].case_name, "new:ig");
	assert_int_equal(g->blocks[4].kind, TPL_BLOCK_CHANGES);
	assert_string_equal(g->blocks[4].table->id, "changes");
	expect_color(g->blocks[4].table->style.header_bg, 0x54, 0x6e, 0x7a);
	assert_int_equal(g->blocks[6].kind, TPL_BLOCK_OVERHEADS);
	template_free(t);
	diags_free(&d);
}

static void
test_shipped_report_templates_are_of_kind_report(void **state)
{
	struct diags d = { 0 };
	struct template *t = load_file("templates/default.xml", &d);

	(void)state;
	assert_non_null(t);
	assert_int_equal(t->kind, TPL_KIND_REPORT);
	expect_color(t->worse_color, 0xc6, 0x28, 0x28);
	template_free(t);
	diags_free(&d);
}

static void
test_compare_blocks_need_a_compare_template(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_string("<report>\n<cover>\n<verdict/>\n"
	    "<machines/>\n</cover>\n<gadget>\n<changes id=\"c\"/>\n"
	    "<change-chart id=\"cc\"/>\n</gadget>\n</report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 3), "<verdict>");
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 4),
	    "only allowed in a compare template");
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 7), "<changes>");
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 8), "<change-chart>");
	assert_int_equal(d.n, 4);
	diags_free(&d);
}

/* Overhead charts draw Cpu or Mem of gadgets, a share is of lost events, and neither fits a comparison. */
static void
test_overhead_charts_and_shares_are_checked(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_string("<report>\n<overview>\n"
	    "<figure id=\"o\">\n<chart kind=\"overhead\" metric=\"IgCpu\"/>\n"
	    "</figure>\n<figure id=\"p\">\n"
	    "<chart kind=\"overhead\" metric=\"Cpu\">\n"
	    "<series case=\"ig\"/>\n</chart>\n</figure>\n</overview>\n"
	    "<gadget>\n<figure id=\"f\">\n"
	    "<chart metric=\"Cpu\" share=\"true\"><series case=\"ig\"/></chart>\n"
	    "</figure>\n<table id=\"t\">\n"
	    "<column kind=\"mean\" case=\"ig\" metric=\"Lost\" share=\"true\" "
	    "integer=\"true\"/>\n<column kind=\"rate\" share=\"true\"/>\n"
	    "</table>\n</gadget>\n</report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_METRIC, 4), "not IgCpu");
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 7), "no <series>");
	expect_detail(expect_diag(&d, D_TEMPLATE_METRIC, 14), "metric=\"Lost\" only");
	expect_detail(expect_diag(&d, D_TEMPLATE_COLUMN, 17), "exclude each other");
	expect_detail(expect_diag(&d, D_TEMPLATE_COLUMN, 18), "share=");
	assert_int_equal(d.n, 5);
	diags_free(&d);
	assert_null(load_string("<report kind=\"compare\">\n<gadget>\n"
	    "<figure id=\"o\">\n<chart kind=\"overhead\" metric=\"Cpu\"/>\n"
	    "</figure>\n</gadget>\n</report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 4), "single run");
	diags_free(&d);
	/* The overview is a report template's: no gadgets table in a comparison. */
	assert_null(load_string("<report kind=\"compare\">\n<cover>\n"
	    "<gadgets/>\n</cover>\n</report>", &d));
	expect_diag(&d, D_TEMPLATE_VALUE, 3);
	diags_free(&d);
}

static void
test_single_run_blocks_are_refused_in_a_compare_template(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_string("<report kind=\"compare\">\n<cover>\n"
	    "<summary/>\n<machine/>\n<inputs/>\n<verdict/>\n</cover>\n"
	    "<gadget>\n<table id=\"t\">\n<column kind=\"rate\"/>\n"
	    "<column kind=\"overhead\" metric=\"Cpu\"/>\n"
	    "<column kind=\"mean\" case=\"old:ig\" metric=\"Cpu\"/>\n"
	    "</table>\n</gadget>\n<appendix>\n<raw/>\n</appendix>\n"
	    "</report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 3),
	    "<summary> describes a single run");
	expect_diag(&d, D_TEMPLATE_VALUE, 4);
	expect_diag(&d, D_TEMPLATE_VALUE, 5);
	expect_detail(expect_diag(&d, D_TEMPLATE_COLUMN, 11), "<overheads>");
	expect_diag(&d, D_TEMPLATE_VALUE, 16);
	assert_int_equal(d.n, 5);
	diags_free(&d);
}

static void
test_old_and_new_placeholders_only_in_compare_templates(void **state)
{
	struct diags d = { 0 };
	struct template *t;

	(void)state;
	assert_null(load_string("<report title=\"{old}\">\n<cover>\n"
	    "<text>{new}</text>\n</cover>\n</report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_PLACEHOLDER, 1),
	    "only allowed in a compare template");
	expect_diag(&d, D_TEMPLATE_PLACEHOLDER, 3);
	assert_int_equal(d.n, 2);
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	t = load_string("<report kind=\"compare\" title=\"{old} vs {new}\" "
	    "footer=\"{old} {page}\">\n<gadget>\n<overheads title="
	    "\"{gadget}: {new}\"/>\n</gadget>\n</report>", &d);
	expect_clean(&d);
	assert_non_null(t);
	assert_string_equal(t->sections[0].blocks[0].table->title,
	    "{gadget}: {new}");
	template_free(t);
	diags_free(&d);
}

static void
test_compare_schema_errors_name_their_line(void **state)
{
	struct diags d = { 0 };

	(void)state;
	/* A per-gadget block on the cover, a cover block in <gadget>, a bad kind. */
	assert_null(load_string("<report kind=\"compare\">\n<cover>\n"
	    "<changes/>\n</cover>\n</report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_SCHEMA, 3), "'changes'");
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	assert_null(load_string("<report kind=\"compare\">\n<gadget>\n"
	    "<verdict/>\n</gadget>\n</report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_SCHEMA, 3), "'verdict'");
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	assert_null(load_string("<report kind=\"diff\">\n<cover/>\n"
	    "</report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_SCHEMA, 1), "kind");
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	assert_null(load_string("<report kind=\"compare\">\n<cover>\n"
	    "<machines id=\"m\"/>\n</cover>\n</report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_SCHEMA, 3), "'id'");
	diags_free(&d);
}

static void
test_compare_table_ids_must_be_unique(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(load_string("<report kind=\"compare\">\n<gadget>\n"
	    "<changes id=\"x\"/>\n<overheads id=\"x\"/>\n<overheads/>\n"
	    "</gadget>\n</report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 4), "line 3");
	assert_int_equal(d.n, 1);
	diags_free(&d);
}

static void
test_change_chart_takes_an_id_a_title_and_a_height(void **state)
{
	struct diags d = { 0 };
	struct template *t;

	(void)state;
	t = load_string("<report kind=\"compare\">\n<page size=\"A4\" "
	    "orientation=\"portrait\" margin=\"36\"/>\n<gadget>\n"
	    "<change-chart id=\"cc\" title=\"{gadget}\" height=\"300\"/>\n"
	    "</gadget>\n</report>", &d);
	expect_clean(&d);
	assert_non_null(t);
	assert_int_equal(t->sections[0].blocks[0].kind, TPL_BLOCK_CHANGE_CHART);
	assert_string_equal(t->sections[0].blocks[0].figure->title, "{gadget}");
	assert_true(t->sections[0].blocks[0].figure->height == 300);
	template_free(t);
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	/* Taller than the page; no id; an id used twice. */
	assert_null(load_string("<report kind=\"compare\">\n<gadget>\n"
	    "<change-chart id=\"cc\" height=\"9000\"/>\n</gadget>\n</report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 3),
	    "more than the page's content height");
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	assert_null(load_string("<report kind=\"compare\">\n<gadget>\n"
	    "<change-chart/>\n</gadget>\n</report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_SCHEMA, 3), "'id'");
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	assert_null(load_string("<report kind=\"compare\">\n<gadget>\n"
	    "<change-chart id=\"x\"/>\n<changes id=\"x\"/>\n</gadget>\n"
	    "</report>", &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_VALUE, 4), "line 3");
	diags_free(&d);
}

/* --- Shipped templates, known valid by their bytes ------------------------ */

/* The whole of file rel in the source tree, NUL-terminated; *len its length. */
static char *
read_source(const char *rel, size_t *len)
{
	char *path = src_path(rel), *buf = xmalloc(1 << 20);
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	*len = fread(buf, 1, (1 << 20) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	free(path);
	return buf;
}

/* xsd's bytes and then extra, in a file under dir; caller frees the path. */
static char *
schema_with(const char *dir, const char *extra)
{
	const struct shipped_file *xsd = shipped_find("templates/igreport.xsd");
	char *path = xasprintf("%s/changed.xsd", dir);
	FILE *f = fopen(path, "wb");

	assert_non_null(xsd);
	assert_non_null(f);
	assert_int_equal(fwrite(xsd->bytes, 1, xsd->len, f), xsd->len);
	fputs(extra, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* What the program holds is what the source tree ships: every template and the schema. */
static void
test_shipped_bytes_are_the_source_files(void **state)
{
	size_t i, len, ntemplates = 0;

	(void)state;
	assert_non_null(shipped_find("templates/default.xml"));
	assert_non_null(shipped_find("templates/compare.xml"));
	assert_non_null(shipped_find("templates/trend.xml"));
	for (i = 0; i < shipped_nfiles; i++) {
		char *buf = read_source(shipped_files[i].name, &len);

		assert_int_equal(len, shipped_files[i].len);
		assert_memory_equal(buf, shipped_files[i].bytes, len);
		assert_int_equal(shipped_files[i].bytes[len], 0);
		ntemplates += strstr(shipped_files[i].name, ".xml") != NULL;
		free(buf);
	}
	assert_int_equal(ntemplates, shipped_nfiles - 1);
}

/*
 * The check that lets a run skip the schema: every shipped template is
 * valid under the shipped schema, checked in full (the schema's bytes
 * changed by a trailing newline, so nothing is taken as known).
 */
static void
test_shipped_templates_valid_under_schema(void **state)
{
	const char *dir = *state;
	char *xsd = schema_with(dir, "\n");
	size_t i;

	for (i = 0; i < shipped_nfiles; i++) {
		const struct shipped_file *f = &shipped_files[i];
		struct diags d = {0};
		struct template *t;

		if (strstr(f->name, ".xml") == NULL)
			continue;
		t = template_load_memory((const char *)f->bytes, f->len, f->name,
		    xsd, &d);
		assert_non_null(t);
		assert_int_equal(d.n, 0);
		template_free(t);
	}
	free(xsd);
}

/* A shipped template changed by one attribute is checked against the schema, with its line. */
static void
test_changed_shipped_template_checked(void **state)
{
	const struct shipped_file *f = shipped_find("templates/default.xml");
	char *xsd = src_path("templates/igreport.xsd");
	const char *at = strstr((const char *)f->bytes, "<page");
	struct diags d = {0};
	unsigned long line = 1;
	const char *p;
	char *xml;

	(void)state;
	assert_non_null(at);
	for (p = (const char *)f->bytes; p < at; p++)
		line += *p == '\n';
	xml = xasprintf("%.*s<page bogus=\"1\"%s", (int)(at - (const char *)f->bytes),
	    (const char *)f->bytes, at + strlen("<page"));
	assert_null(template_load_memory(xml, strlen(xml), "default.xml", xsd, &d));
	expect_detail(expect_diag(&d, D_TEMPLATE_SCHEMA, line), "bogus");
	diags_free(&d);
	free(xml);
	free(xsd);
}

/* A changed schema applies to the shipped templates too: here one that cannot load. */
static void
test_shipped_template_under_changed_schema_checked(void **state)
{
	const char *dir = *state;
	const struct shipped_file *f = shipped_find("templates/default.xml");
	char *xsd = schema_with(dir, "<junk/>\n");
	struct diags d = {0};

	assert_null(template_load_memory((const char *)f->bytes, f->len,
	    "default.xml", xsd, &d));
	assert_true(d.n > 0);
	assert_int_equal(d.v[0].code, D_TEMPLATE_SCHEMA);
	diags_free(&d);
	free(xsd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_bytes_are_the_source_files),
		cmocka_unit_test_setup_teardown(
		    test_shipped_templates_valid_under_schema,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test(test_changed_shipped_template_checked),
		cmocka_unit_test_setup_teardown(
		    test_shipped_template_under_changed_schema_checked,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test(test_default_template_loads_as_designed),
		cmocka_unit_test(test_overhead_charts_and_shares_are_checked),
		cmocka_unit_test(
		    test_compact_template_is_portrait_one_page_per_gadget),
		cmocka_unit_test(test_defaults_reproduce_the_notebook),
		cmocka_unit_test(test_landscape_letter_and_explicit_sizes),
		cmocka_unit_test(
		    test_text_white_space_is_collapsed_and_header_breaks_kept),
		cmocka_unit_test(
		    test_not_well_formed_gives_xml_error_with_line),
		cmocka_unit_test(test_bad_colour_gives_schema_error_with_line),
		cmocka_unit_test(
		    test_unknown_element_gives_schema_error_with_line),
		cmocka_unit_test(
		    test_negative_height_gives_schema_error_with_line),
		cmocka_unit_test(test_bad_metric_gives_schema_error_with_line),
		cmocka_unit_test(test_lost_defaults_to_whole_numbers),
		cmocka_unit_test(test_metric_in_other_case_is_refused),
		cmocka_unit_test(test_figure_outside_gadget_draws_every_gadget),
		cmocka_unit_test(
		    test_overhead_on_other_metric_is_a_metric_error),
		cmocka_unit_test(test_column_attribute_errors_name_their_line),
		cmocka_unit_test(test_bad_values_are_value_errors),
		cmocka_unit_test(test_misplaced_and_unknown_placeholders),
		cmocka_unit_test(test_missing_files_are_open_errors),
		cmocka_unit_test(
		    test_broken_schema_is_reported_against_the_schema),
		cmocka_unit_test(test_doctype_is_refused),
		cmocka_unit_test(test_billion_laughs_is_refused),
		cmocka_unit_test(test_external_entity_is_never_read),
		cmocka_unit_test(test_http_dtd_is_refused_without_network),
		cmocka_unit_test(test_deep_nesting_is_refused),
		cmocka_unit_test(test_fifty_megabyte_attribute_is_refused),
		cmocka_unit_test(test_long_attribute_is_a_short_schema_error),
		cmocka_unit_test(
		    test_libxml2_prints_nothing_and_handlers_are_restored),
		cmocka_unit_test(test_expand_replaces_every_placeholder),
		cmocka_unit_test(test_expand_null_values_give_empty_text),
		cmocka_unit_test(test_expand_doubled_braces_are_literal),
		cmocka_unit_test(test_expand_leaves_other_braces_alone),
		cmocka_unit_test(test_compare_template_loads_as_designed),
		cmocka_unit_test(test_shipped_report_templates_are_of_kind_report),
		cmocka_unit_test(test_compare_blocks_need_a_compare_template),
		cmocka_unit_test(
		    test_single_run_blocks_are_refused_in_a_compare_template),
		cmocka_unit_test(
		    test_old_and_new_placeholders_only_in_compare_templates),
		cmocka_unit_test(test_compare_schema_errors_name_their_line),
		cmocka_unit_test(test_compare_table_ids_must_be_unique),
		cmocka_unit_test(test_change_chart_takes_an_id_a_title_and_a_height),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
