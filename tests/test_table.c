/* Tests of table building, measuring, page breaking and drawing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recording_canvas.h"
#include "table.h"

#define NR 3

struct fixture {
	struct fonts *fonts;
	struct recording_canvas *rc;
	struct model m;
	struct model_gadget g;
	struct model_series ms[2];
	struct model_cell cells[2][NR];
	struct model_overhead over[NR];
	double rates[NR];
	struct tpl_column cols[6];
	struct tpl_table tt;
	struct tpl_vars vars;
};

static const struct tpl_table_style green = {
	{0x4c, 0xaf, 0x50}, {0xff, 0xff, 0xff}, {0xdd, 0xdd, 0xdd},
	{0xf3, 0xf3, 0xf3}, 1, 9};

static void
check_close(double got, double want, double tol, const char *what)
{
	if (fabs(got - want) > tol)
		fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

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

	fx->fonts = recording_fonts_load();
	if (fx->fonts == NULL)
		return -1;
	fx->rc = recording_canvas_new(fx->fonts);
	for (r = 0; r < NR; r++) {
		fx->rates[r] = 1000.0 * (double)(r + 1);
		fill(&fx->cells[0][r], 12.3 + (double)r, 0.564, 1394.83, 0);
		fill(&fx->cells[1][r], 15.4 + (double)r, 0.7, 1420.2, 7.9);
		fx->over[r].m[METRIC_CPU] = (struct model_delta){1, 3.1, 0.4, 7.5};
	}
	fx->ms[0] = (struct model_series){(char *)"baseline", fx->cells[0]};
	fx->ms[1] = (struct model_series){(char *)"ig", fx->cells[1]};
	fx->g = (struct model_gadget){(char *)"trace_dns", fx->rates, NR, fx->ms, 2,
	    0, 1, fx->over};
	fx->m.gadgets = &fx->g;
	fx->m.ngadgets = 1;
	fx->m.metrics = (1u << METRIC_CPU) | (1u << METRIC_MEM) | (1u << METRIC_LOST);
	fx->cols[0] = (struct tpl_column){TPL_COL_RATE, (char *)"RPS", NULL, 0, 0, 0, 0};
	fx->cols[1] = (struct tpl_column){TPL_COL_MEAN, (char *)"Baseline\nCPU (%)",
	    (char *)"baseline", METRIC_CPU, 2, 1, 0};
	fx->cols[2] = (struct tpl_column){TPL_COL_MEAN, (char *)"IG Process\nCPU (%)",
	    (char *)"ig", METRIC_IGCPU, 2, 0, 0};
	fx->cols[3] = (struct tpl_column){TPL_COL_MEAN, (char *)"With IG\nMem (MiB)",
	    (char *)"ig", METRIC_MEM, 0, 0, 0};
	fx->cols[4] = (struct tpl_column){TPL_COL_MEAN, (char *)"Lost/s",
	    (char *)"ig", METRIC_LOST, 0, 0, 1};
	fx->cols[5] = (struct tpl_column){TPL_COL_OVERHEAD,
	    (char *)"CPU overhead ({level}% CI)", NULL, METRIC_CPU, 2, 1, 0};
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

	recording_canvas_free(fx->rc);
	fonts_free(fx->fonts);
	free(fx);
	return 0;
}

static const char *
cell(const struct table *t, size_t r, size_t c)
{
	return t->cells[r * t->ncols + c];
}

static void
test_template_table_formats_cells(void **state)
{
	struct fixture *fx = *state;
	struct table *t = table_from_template(&fx->tt, &fx->m, &fx->g, &fx->vars);

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
	table_free(t);
}

static void
test_absent_metric_column_dropped(void **state)
{
	struct fixture *fx = *state;
	struct table *t;
	size_t i;

	fx->m.metrics |= 1u << METRIC_IGCPU;
	t = table_from_template(&fx->tt, &fx->m, &fx->g, &fx->vars);
	assert_int_equal(t->ncols, 6);
	assert_string_equal(cell(t, 0, 2), "0.50");
	table_free(t);
	fx->m.metrics &= ~((1u << METRIC_IGCPU) | (1u << METRIC_LOST));
	t = table_from_template(&fx->tt, &fx->m, &fx->g, &fx->vars);
	assert_int_equal(t->ncols, 4);
	for (i = 0; i < t->ncols; i++)
		assert_null(strstr(t->header[i], "Lost"));
	table_free(t);
}

static void
test_gaps_show_en_dash(void **state)
{
	struct fixture *fx = *state;
	struct table *t;

	fx->cells[0][1].rows = 0;                     /* no baseline rows at 2000 */
	fx->cells[1][2].m[METRIC_MEM].n = 0;          /* no Mem value at 3000 */
	fx->over[1].m[METRIC_CPU].defined = 0;
	fx->cols[3].case_name = (char *)"ig";
	fx->cols[4].case_name = (char *)"stress";     /* a case this gadget lacks */
	t = table_from_template(&fx->tt, &fx->m, &fx->g, &fx->vars);
	assert_string_equal(cell(t, 1, 1), "\xe2\x80\x93");
	assert_string_equal(cell(t, 2, 2), "\xe2\x80\x93");
	assert_string_equal(cell(t, 0, 3), "\xe2\x80\x93");
	assert_string_equal(cell(t, 1, 4), "\xe2\x80\x93");
	assert_string_equal(cell(t, 0, 1), "12.30 \xc2\xb1 0.56");
	table_free(t);
	fx->g.overhead = NULL;
	t = table_from_template(&fx->tt, &fx->m, &fx->g, &fx->vars);
	assert_string_equal(cell(t, 0, 4), "\xe2\x80\x93");
	table_free(t);
}

static void
test_raw_table_drops_absent_columns(void **state)
{
	struct fixture *fx = *state;
	struct model_raw_row raw[2] = {{{0}, 0}, {{0}, 0}};
	static const char *const want[] = {"Gadget", "Case", "Events/s", "Cpu (%)",
	    "Mem (MiB)", "Lost/s"};
	struct table *t;
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
	t = table_from_raw(&fx->m, &green);
	assert_int_equal(t->ncols, 6);
	for (i = 0; i < 6; i++)
		assert_string_equal(t->header[i], want[i]);
	assert_string_equal(cell(t, 0, 3), "1.5");
	/* A quoted CSV cell may hold control characters: never drawn as such. */
	assert_string_equal(cell(t, 1, 1), "two lines ");
	table_free(t);
	fx->m.has_run = 1;
	t = table_from_raw(&fx->m, &green);
	assert_int_equal(t->ncols, 7);
	assert_string_equal(t->header[2], "Run");
	assert_string_equal(cell(t, 0, 2), "");
	table_free(t);
}

static struct table *
sample(size_t rows)
{
	static const char *const head[] = {"Rate", "Value\nMiB"};
	struct table *t = table_new(head, 2, &green);
	size_t r;

	for (r = 0; r < rows; r++) {
		char a[32], b[32];
		const char *row[2] = {a, b};

		snprintf(a, sizeof(a), "%zu", 1000 * (r + 1));
		snprintf(b, sizeof(b), "%.2f", 1394.83 + (double)r);
		table_add_row(t, row);
	}
	return t;
}

static void
test_column_widths_from_text(void **state)
{
	struct fixture *fx = *state;
	struct table *t = sample(10);
	double pad = 2 * 0.5 * 9, em;

	table_layout(t, &fx->rc->canvas, 500);
	check_close(t->size, 9, 0, "size kept");
	/* "10000" is wider than "Rate" (bold); "1394.83" wider than "Value". */
	assert_true(fonts_text_width(fx->fonts, FONT_BOLD, 9, "Rate") <
	    fonts_text_width(fx->fonts, FONT_REGULAR, 9, "10000"));
	check_close(t->col_w[0], fonts_text_width(fx->fonts, FONT_REGULAR, 9,
	    "10000") + pad, 1e-9, "col 0");
	check_close(t->col_w[1], fonts_text_width(fx->fonts, FONT_REGULAR, 9,
	    "1394.83") + pad, 1e-9, "col 1");
	check_close(t->width, t->col_w[0] + t->col_w[1], 1e-9, "width");
	em = fonts_ascent(fx->fonts, FONT_REGULAR, 9) -
	    fonts_descent(fx->fonts, FONT_REGULAR, 9);
	assert_int_equal(t->head_nlines, 2);
	check_close(t->head_h, 2 * em + 2 * 0.45 * 9, 1e-9, "two-line header");
	check_close(t->row_h, em + 2 * 0.45 * 9, 1e-9, "row");
	table_free(t);
}

static void
test_cells_centred_in_columns(void **state)
{
	struct fixture *fx = *state;
	struct table *t = sample(2);
	char want[128];

	table_layout(t, &fx->rc->canvas, 500);
	assert_int_equal(table_draw(&fx->rc->canvas, t, 100, 50, 500, 0), 2);
	snprintf(want, sizeof(want), "text %.1f %.1f C R 9.0 #000000 \"1395.83\"\n",
	    100 + t->col_w[0] + t->col_w[1] / 2, 50 + t->head_h + t->row_h +
	    0.45 * 9 + fonts_ascent(fx->fonts, FONT_REGULAR, 9));
	assert_non_null(strstr(fx->rc->text, want));
	snprintf(want, sizeof(want), "text %.1f ", 100 + t->col_w[0] / 2);
	assert_non_null(strstr(fx->rc->text, want));
	assert_non_null(strstr(fx->rc->text, " C B 9.0 #ffffff \"Rate\"\n"));
	snprintf(want, sizeof(want), "rect 100.0 50.0 %.1f %.1f fill=#4caf50/1.00 stroke=none\n",
	    t->width, t->head_h);
	assert_non_null(strstr(fx->rc->text, want));
	table_free(t);
}

static void
test_narrow_width_shrinks_font_then_wraps_headers(void **state)
{
	struct fixture *fx = *state;
	static const char *const head[] = {"A long header for short values", "B"};
	static const char *const row[] = {"1", "2"};
	struct table *t = table_new(head, 2, &green);
	double natural;

	table_add_row(t, row);
	table_layout(t, &fx->rc->canvas, 1000);
	natural = t->width;
	check_close(t->size, 9, 0, "natural");
	/* 90% of the natural width: a slightly smaller font is enough. */
	table_layout(t, &fx->rc->canvas, 0.9 * natural);
	assert_true(t->size < 9 && t->size >= 0.75 * 9);
	assert_true(t->width <= 0.9 * natural + 1e-9);
	assert_null(strchr(t->head_lines[0], '\n'));
	/* 40%: the header wraps, one word per line at most as wide as the longest. */
	table_layout(t, &fx->rc->canvas, 0.4 * natural);
	assert_non_null(strchr(t->head_lines[0], '\n'));
	assert_true(t->head_nlines >= 2);
	assert_true(t->width <= 0.4 * natural + 1e-9);
	assert_string_equal(t->header[0], "A long header for short values");
	table_free(t);
}

static void
test_page_breaks_repeat_header(void **state)
{
	struct fixture *fx = *state;
	struct table *t = sample(10);
	double h;
	size_t next;

	table_layout(t, &fx->rc->canvas, 500);
	h = table_height(t, 0, 4);
	assert_int_equal(table_rows_fit(t, 0, h), 4);
	assert_int_equal(table_rows_fit(t, 8, h), 2);
	next = table_draw(&fx->rc->canvas, t, 0, 0, h, 0);
	assert_int_equal(next, 4);
	next = table_draw(&fx->rc->canvas, t, 0, 0, h, next);
	assert_int_equal(next, 8);
	next = table_draw(&fx->rc->canvas, t, 0, 0, h, next);
	assert_int_equal(next, 10);
	/* The header is drawn at the top of each of the 3 parts. */
	assert_int_equal(recording_canvas_count(fx->rc, "group header"), 3);
	assert_int_equal(recording_canvas_count(fx->rc, "rect 0.0 0.0 "), 3);
	/* Every body row once: a rule under each. */
	assert_int_equal(recording_canvas_count(fx->rc, "line "), 10);
	assert_non_null(strstr(fx->rc->text, "\"10000\""));
	table_free(t);
}

static void
test_nothing_drawn_when_no_row_fits(void **state)
{
	struct fixture *fx = *state;
	struct table *t = sample(3);

	table_layout(t, &fx->rc->canvas, 500);
	assert_int_equal(table_draw(&fx->rc->canvas, t, 0, 0,
	    table_height(t, 0, 1) - 0.5, 1), 1);
	assert_string_equal(fx->rc->text, "");
	assert_int_equal(table_rows_fit(t, 3, 1000), 0);
	table_free(t);
}

static void
test_zebra_on_even_rows(void **state)
{
	struct fixture *fx = *state;
	struct table *t = sample(5);
	char want[128];

	table_layout(t, &fx->rc->canvas, 500);
	(void)table_draw(&fx->rc->canvas, t, 0, 0, 1000, 0);
	/* Rows 2 and 4 (counting from 1) are shaded. */
	assert_int_equal(recording_canvas_count(fx->rc, "rect "), 1 + 2);
	snprintf(want, sizeof(want), "rect 0.0 %.1f %.1f %.1f fill=#f3f3f3/1.00",
	    t->head_h + t->row_h, t->width, t->row_h);
	assert_non_null(strstr(fx->rc->text, want));
	assert_non_null(strstr(fx->rc->text, "stroke=#dddddd/1.00/0.5\n"));
	recording_canvas_clear(fx->rc);
	t->style.zebra_on = 0;
	(void)table_draw(&fx->rc->canvas, t, 0, 0, 1000, 0);
	assert_int_equal(recording_canvas_count(fx->rc, "rect "), 1);
	table_free(t);
}

static void
test_cell_style_colours_and_emboldens_one_cell(void **state)
{
	struct fixture *fx = *state;
	static const struct canvas_color red = {0xc6, 0x28, 0x28};
	struct table *t = sample(2);

	table_set_cell_style(t, 1, 1, red, FONT_BOLD);
	table_layout(t, &fx->rc->canvas, 500);
	(void)table_draw(&fx->rc->canvas, t, 0, 0, 500, 0);
	assert_non_null(strstr(fx->rc->text, " C B 9.0 #c62828 \"1395.83\"\n"));
	/* The other cells keep the regular black text. */
	assert_non_null(strstr(fx->rc->text, " C R 9.0 #000000 \"1394.83\"\n"));
	assert_non_null(strstr(fx->rc->text, " C R 9.0 #000000 \"2000\"\n"));
	/* The column is measured in the cell's bold face. */
	check_close(t->col_w[1], fonts_text_width(fx->fonts, FONT_BOLD, 9,
	    "1395.83") + 9, 1e-9, "bold column");
	table_free(t);
}

static void
test_row_style_applies_to_every_cell_of_the_row(void **state)
{
	struct fixture *fx = *state;
	static const struct canvas_color green_text = {0x2e, 0x7d, 0x32};
	static const char *const later[] = {"9", "9.99"};
	struct table *t = sample(2);

	table_set_row_style(t, 0, green_text, FONT_REGULAR);
	table_add_row(t, later); /* added after styling: plain */
	table_layout(t, &fx->rc->canvas, 500);
	(void)table_draw(&fx->rc->canvas, t, 0, 0, 500, 0);
	assert_non_null(strstr(fx->rc->text, " C R 9.0 #2e7d32 \"1000\"\n"));
	assert_non_null(strstr(fx->rc->text, " C R 9.0 #2e7d32 \"1394.83\"\n"));
	assert_non_null(strstr(fx->rc->text, " C R 9.0 #000000 \"2000\"\n"));
	assert_non_null(strstr(fx->rc->text, " C R 9.0 #000000 \"9.99\"\n"));
	table_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_template_table_formats_cells, setup, teardown),
		cmocka_unit_test_setup_teardown(test_absent_metric_column_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gaps_show_en_dash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_table_drops_absent_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_column_widths_from_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cells_centred_in_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_narrow_width_shrinks_font_then_wraps_headers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_breaks_repeat_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_drawn_when_no_row_fits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zebra_on_even_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cell_style_colours_and_emboldens_one_cell, setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_style_applies_to_every_cell_of_the_row, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
