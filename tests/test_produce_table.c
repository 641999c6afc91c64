/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the tables the producers build from a template: columns, number formats, gaps, raw rows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "produce.h"
#include "testutil.h"
#include "xalloc.h"

#define NR 3

struct fixture {
	struct model m;
	struct model_gadget g;
	struct model_series ms[2];
	struct model_cell cells[2][NR];
	struct model_overhead over[NR];
	double rates[NR];
	struct tpl_column cols[6];
	struct tpl_table tt;
	struct tpl_vars vars;
	struct template *tpl;
	struct document *doc;
};

static const struct tpl_table_style green = {
	{0x4c, 0xaf, 0x50}, {0xff, 0xff, 0xff}, {0xdd, 0xdd, 0xdd},
	{0xf3, 0xf3, 0xf3}, 1, 9};

static void
fill(struct model_cell *c, double cpu, double cpu_half, double mem, double lost)
{
	int k;

	c->rows = 5;
	for (k = 0; k < METRIC__MAX; k++)
		c->m[k].n = 5;
	c->m[METRIC_CPU].mean = cpu;
	c->m[METRIC_CPU].half = cpu_half;
	c->m[METRIC_MEM].mean = mem;
	c->m[METRIC_MEM].half = 3;
	c->m[METRIC_LOST].mean = lost;
	c->m[METRIC_IGCPU].mean = 0.5;
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	size_t r;

	for (r = 0; r < NR; r++) {
		fx->rates[r] = 1000.0 * (double)(r + 1);
		fill(&fx->cells[0][r], 12.3 + (double)r, 0.564, 1394.83, 0);
		fill(&fx->cells[1][r], 15.4 + (double)r, 0.7, 1420.2, 7.9);
		fx->over[r].m[METRIC_CPU] = (struct model_delta){1, 3.1, 0.4, 7.5};
	}
	fx->ms[0] = (struct model_series){(char *)"baseline", fx->cells[0]};
	fx->ms[1] = (struct model_series){(char *)"ig", fx->cells[1]};
	fx->g = (struct model_gadget){(char *)"trace_dns", fx->rates, NR, fx->ms, 2,
	    0, 1, fx->over, { { 0 } }};
	fx->m.level = 0.95;
	fx->m.gadgets = &fx->g;
	fx->m.ngadgets = 1;
	fx->m.metrics = (1u << METRIC_CPU) | (1u << METRIC_MEM) | (1u << METRIC_LOST);
	fx->cols[0] = (struct tpl_column){TPL_COL_RATE, (char *)"RPS", NULL, 0, 0, 0, 0, 0};
	fx->cols[1] = (struct tpl_column){TPL_COL_MEAN, (char *)"Baseline\nCPU (%)",
	    (char *)"baseline", METRIC_CPU, 2, 1, 0, 0};
	fx->cols[2] = (struct tpl_column){TPL_COL_MEAN, (char *)"IG Process\nCPU (%)",
	    (char *)"ig", METRIC_IGCPU, 2, 0, 0, 0};
	fx->cols[3] = (struct tpl_column){TPL_COL_MEAN, (char *)"With IG\nMem (MiB)",
	    (char *)"ig", METRIC_MEM, 0, 0, 0, 0};
	fx->cols[4] = (struct tpl_column){TPL_COL_MEAN, (char *)"Lost/s",
	    (char *)"ig", METRIC_LOST, 0, 0, 1, 0};
	fx->cols[5] = (struct tpl_column){TPL_COL_OVERHEAD,
	    (char *)"CPU overhead ({level}% CI)", NULL, METRIC_CPU, 2, 1, 0, 0};
	fx->tt.title = (char *)"Performance metrics - {gadget}";
	fx->tt.columns = fx->cols;
	fx->tt.ncolumns = 6;
	fx->tt.style = green;
	fx->vars.gadget = "trace_dns";
	fx->vars.level = "95";
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	doc_free(fx->doc);
	template_free(fx->tpl);
	free(fx);
	return 0;
}

/* A header for an XML attribute: newlines as character references. */
static char *
attr(const char *s)
{
	char *out = xcalloc(5 * strlen(s) + 1, 1), *o = out;

	for (; *s; s++)
		if (*s == '\n') {
			memcpy(o, "&#10;", 5);
			o += 5;
		} else
			*o++ = *s;
	return out;
}

/* The template of the fixture's table columns, and a raw-data appendix. */
static char *
template_xml(const struct fixture *fx)
{
	static const char *const kinds[] = { "rate", "mean", "overhead" };
	char *cols = xstrdup(""), *s, *h, *cs, *ms;
	size_t i;

	for (i = 0; i < fx->tt.ncolumns; i++) {
		const struct tpl_column *c = &fx->cols[i];

		h = attr(c->header);
		cs = c->case_name ? xasprintf(" case=\"%s\"", c->case_name) :
		    xstrdup("");
		if (c->kind == TPL_COL_RATE)
			ms = xstrdup("");
		else if (c->integer)
			ms = xasprintf(" metric=\"%s\" integer=\"true\"",
			    metric_name(c->metric));
		else
			ms = xasprintf(" metric=\"%s\" decimals=\"%d\" ci=\"%s\"",
			    metric_name(c->metric), c->decimals, c->show_ci ?
			    "true" : "false");
		s = xasprintf("%s<column kind=\"%s\" header=\"%s\"%s%s/>", cols,
		    kinds[c->kind], h, cs, ms);
		free(h);
		free(cs);
		free(ms);
		free(cols);
		cols = s;
	}
	s = xasprintf("<report name=\"t\"><cover/><gadget><table id=\"table\" "
	    "title=\"%s\" font-size=\"9\">%s</table></gadget><appendix>"
	    "<raw font-size=\"7\"/></appendix></report>", fx->tt.title, cols);
	free(cols);
	return s;
}

/* Builds the document of the fixture and returns the table with id (NULL: the raw data table). */
static struct doc_table *
produced(struct fixture *fx, const char *id)
{
	struct produce_input in = { 0 };
	struct diags d = { 0 };
	char *xsd = testutil_source_path("templates/igreport.xsd");
	char *xml = template_xml(fx);
	const struct doc_block *b = NULL;
	size_t i;

	fx->tpl = template_load_memory(xml, strlen(xml), "t.xml", xsd, &d);
	if (fx->tpl == NULL)
		diags_print(&d, stderr, 1, 0);
	assert_non_null(fx->tpl);
	in.tpl = fx->tpl;
	in.model = &fx->m;
	in.title = "T";
	in.date = "today";
	in.version = "0";
	fx->doc = produce_document(&in, &d);
	assert_non_null(fx->doc);
	if (id != NULL)
		b = doc_find(fx->doc, id);
	for (i = 0; id == NULL && i < fx->doc->nblocks; i++)
		if (fx->doc->blocks[i].kind == DOC_TABLE && fx->doc->blocks[i].fold)
			b = &fx->doc->blocks[i];
	free(xml);
	free(xsd);
	diags_free(&d);
	if (b == NULL)
		return NULL;
	assert_int_equal(b->kind, DOC_TABLE);
	return b->table;
}

static void
done(struct fixture *fx)
{
	doc_free(fx->doc);
	template_free(fx->tpl);
	fx->doc = NULL;
	fx->tpl = NULL;
}

static const char *
cell(const struct doc_table *t, size_t r, size_t c)
{
	return t->cells[r * t->ncols + c];
}

static void
test_template_table_formats_cells(void **state)
{
	struct fixture *fx = *state;
	struct doc_table *t = produced(fx, "trace_dns-table");

	/* IgCpu is absent from the model: its column is left out. */
	assert_int_equal(t->ncols, 5);
	assert_int_equal(t->nrows, NR);
	assert_string_equal(t->header[1], "Baseline\nCPU (%)");
	assert_string_equal(t->header[4], "CPU overhead (95% CI)");
	assert_string_equal(cell(t, 0, 0), "1000");
	assert_string_equal(cell(t, 0, 1), "12.30 \xc2\xb1 0.56");
	assert_string_equal(cell(t, 2, 2), "1420");
	assert_string_equal(cell(t, 1, 3), "7"); /* truncated, as the notebook's int() */
	assert_string_equal(cell(t, 0, 4), "+3.10 \xc2\xb1 0.40");
	done(fx);
}

static void
test_absent_metric_column_dropped(void **state)
{
	struct fixture *fx = *state;
	struct doc_table *t;
	size_t i;

	fx->m.metrics |= 1u << METRIC_IGCPU;
	t = produced(fx, "trace_dns-table");
	assert_int_equal(t->ncols, 6);
	assert_string_equal(cell(t, 0, 2), "0.50");
	done(fx);
	fx->m.metrics &= ~((1u << METRIC_IGCPU) | (1u << METRIC_LOST));
	t = produced(fx, "trace_dns-table");
	assert_int_equal(t->ncols, 4);
	for (i = 0; i < t->ncols; i++)
		assert_null(strstr(t->header[i], "Lost"));
	done(fx);
}

static void
test_gaps_show_en_dash(void **state)
{
	struct fixture *fx = *state;
	struct doc_table *t;

	fx->cells[0][1].rows = 0;                     /* no baseline rows at 2000 */
	fx->cells[1][2].m[METRIC_MEM].n = 0;          /* no Mem value at 3000 */
	fx->over[1].m[METRIC_CPU].defined = 0;
	fx->cols[3].case_name = (char *)"ig";
	fx->cols[4].case_name = (char *)"stress";     /* a case this gadget lacks */
	t = produced(fx, "trace_dns-table");
	assert_string_equal(cell(t, 1, 1), "\xe2\x80\x93");
	assert_string_equal(cell(t, 2, 2), "\xe2\x80\x93");
	assert_string_equal(cell(t, 0, 3), "\xe2\x80\x93");
	assert_string_equal(cell(t, 1, 4), "\xe2\x80\x93");
	assert_string_equal(cell(t, 0, 1), "12.30 \xc2\xb1 0.56");
	done(fx);
	fx->g.overhead = NULL;
	t = produced(fx, "trace_dns-table");
	assert_string_equal(cell(t, 0, 4), "\xe2\x80\x93");
	done(fx);
}

static void
test_raw_table_drops_absent_columns(void **state)
{
	struct fixture *fx = *state;
	struct model_raw_row raw[2] = {{{0}, 0}, {{0}, 0}};
	static const char *const want[] = {"Gadget", "Case", "Events/s", "Cpu (%)",
	    "Mem (MiB)", "Lost/s"};
	struct doc_table *t;
	size_t i;

	raw[0].cell[RAW_GADGET] = (char *)"trace_dns";
	raw[0].cell[RAW_CASE] = (char *)"ig";
	raw[0].cell[RAW_RATE] = (char *)"1000";
	raw[0].cell[RAW_CPU] = (char *)"1.5";
	raw[0].cell[RAW_MEM] = (char *)"1394";
	raw[0].cell[RAW_LOST] = (char *)"0";
	raw[1] = raw[0];
	raw[1].cell[RAW_CASE] = (char *)"two\nlines\t";
	fx->m.raw = raw;
	fx->m.nraw = 2;
	fx->m.has_run = 0;
	t = produced(fx, NULL);
	assert_int_equal(t->ncols, 6);
	for (i = 0; i < 6; i++)
		assert_string_equal(t->header[i], want[i]);
	assert_string_equal(cell(t, 0, 3), "1.5");
	/* A quoted CSV cell may hold control characters: never drawn as such. */
	assert_string_equal(cell(t, 1, 1), "two lines ");
	done(fx);
	fx->m.has_run = 1;
	t = produced(fx, NULL);
	assert_int_equal(t->ncols, 7);
	assert_string_equal(t->header[2], "Run");
	assert_string_equal(cell(t, 0, 2), "");
	done(fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_template_table_formats_cells, setup, teardown),
		cmocka_unit_test_setup_teardown(test_absent_metric_column_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gaps_show_en_dash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_table_drops_absent_columns, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
