/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of table layout: measuring, shrinking, page breaking and drawing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "recording_canvas.h"
#include "table.h"

struct fixture {
	struct fonts *fonts;
	struct recording_canvas *rc;
};

static const struct tpl_table_style green = {
	{0x4c, 0xaf, 0x50}, {0xff, 0xff, 0xff}, {0xdd, 0xdd, 0xdd},
	{0xf3, 0xf3, 0xf3}, 1, 9};

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	fx->fonts = recording_fonts_load();
	if (fx->fonts == NULL)
		return -1;
	fx->rc = recording_canvas_new(fx->fonts);
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

static struct doc_table *
sample(size_t rows)
{
	static const char *const head[] = {"Rate", "Value\nMiB"};
	struct doc_table *t = doc_table_new(head, 2, &green);
	size_t r;

	for (r = 0; r < rows; r++) {
		char a[32], b[32];
		const char *row[2] = {a, b};

		snprintf(a, sizeof(a), "%zu", 1000 * (r + 1));
		snprintf(b, sizeof(b), "%.2f", 1394.83 + (double)r);
		doc_table_add_row(t, row);
	}
	return t;
}

static void
test_column_widths_from_text(void **state)
{
	struct fixture *fx = *state;
	struct doc_table *d = sample(10);
	struct table *t;
	double pad = 2 * 0.5 * 9, em;

	t = table_layout(d, &fx->rc->canvas, 500);
	testutil_check_close(t->size, 9, 0, "size kept");
	/* "10000" is wider than "Rate" (bold); "1394.83" wider than "Value". */
	assert_true(fonts_text_width(fx->fonts, FONT_BOLD, 9, "Rate") <
	    fonts_text_width(fx->fonts, FONT_REGULAR, 9, "10000"));
	testutil_check_close(t->col_w[0], fonts_text_width(fx->fonts, FONT_REGULAR, 9,
	    "10000") + pad, 1e-9, "col 0");
	testutil_check_close(t->col_w[1], fonts_text_width(fx->fonts, FONT_REGULAR, 9,
	    "1394.83") + pad, 1e-9, "col 1");
	testutil_check_close(t->width, t->col_w[0] + t->col_w[1], 1e-9, "width");
	em = fonts_ascent(fx->fonts, FONT_REGULAR, 9) -
	    fonts_descent(fx->fonts, FONT_REGULAR, 9);
	assert_int_equal(t->head_nlines, 2);
	testutil_check_close(t->head_h, 2 * em + 2 * 0.45 * 9, 1e-9, "two-line header");
	testutil_check_close(t->row_h, em + 2 * 0.45 * 9, 1e-9, "row");
	table_free(t);
	doc_table_free(d);
}

static void
test_cells_centred_in_columns(void **state)
{
	struct fixture *fx = *state;
	struct doc_table *d = sample(2);
	struct table *t;
	char want[128];

	t = table_layout(d, &fx->rc->canvas, 500);
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
	doc_table_free(d);
}

static void
test_narrow_width_shrinks_font_then_wraps_headers(void **state)
{
	struct fixture *fx = *state;
	static const char *const head[] = {"A long header for short values", "B"};
	static const char *const row[] = {"1", "2"};
	struct doc_table *d = doc_table_new(head, 2, &green);
	struct table *t;
	double natural;

	doc_table_add_row(d, row);
	t = table_layout(d, &fx->rc->canvas, 1000);
	natural = t->width;
	testutil_check_close(t->size, 9, 0, "natural");
	table_free(t);
	/* 90% of the natural width: a slightly smaller font is enough. */
	t = table_layout(d, &fx->rc->canvas, 0.9 * natural);
	assert_true(t->size < 9 && t->size >= 0.75 * 9);
	assert_true(t->width <= 0.9 * natural + 1e-9);
	assert_null(strchr(t->head_lines[0], '\n'));
	table_free(t);
	/* 40%: the header wraps, one word per line at most as wide as the longest. */
	t = table_layout(d, &fx->rc->canvas, 0.4 * natural);
	assert_non_null(strchr(t->head_lines[0], '\n'));
	assert_true(t->head_nlines >= 2);
	assert_true(t->width <= 0.4 * natural + 1e-9);
	/* The document's table is left as it was. */
	assert_string_equal(d->header[0], "A long header for short values");
	table_free(t);
	doc_table_free(d);
}

static void
test_page_breaks_repeat_header(void **state)
{
	struct fixture *fx = *state;
	struct doc_table *d = sample(10);
	struct table *t;
	double h;
	size_t next;

	t = table_layout(d, &fx->rc->canvas, 500);
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
	doc_table_free(d);
}

static void
test_nothing_drawn_when_no_row_fits(void **state)
{
	struct fixture *fx = *state;
	struct doc_table *d = sample(3);
	struct table *t;

	t = table_layout(d, &fx->rc->canvas, 500);
	assert_int_equal(table_draw(&fx->rc->canvas, t, 0, 0,
	    table_height(t, 0, 1) - 0.5, 1), 1);
	assert_string_equal(fx->rc->text, "");
	assert_int_equal(table_rows_fit(t, 3, 1000), 0);
	table_free(t);
	doc_table_free(d);
}

static void
test_zebra_on_even_rows(void **state)
{
	struct fixture *fx = *state;
	struct doc_table *d = sample(5);
	struct table *t;
	char want[128];

	t = table_layout(d, &fx->rc->canvas, 500);
	(void)table_draw(&fx->rc->canvas, t, 0, 0, 1000, 0);
	/* Rows 2 and 4 (counting from 1) are shaded. */
	assert_int_equal(recording_canvas_count(fx->rc, "rect "), 1 + 2);
	snprintf(want, sizeof(want), "rect 0.0 %.1f %.1f %.1f fill=#f3f3f3/1.00",
	    t->head_h + t->row_h, t->width, t->row_h);
	assert_non_null(strstr(fx->rc->text, want));
	assert_non_null(strstr(fx->rc->text, "stroke=#dddddd/1.00/0.5\n"));
	recording_canvas_clear(fx->rc);
	d->style.zebra_on = 0;
	(void)table_draw(&fx->rc->canvas, t, 0, 0, 1000, 0);
	assert_int_equal(recording_canvas_count(fx->rc, "rect "), 1);
	table_free(t);
	doc_table_free(d);
}

static void
test_cell_style_colours_and_emboldens_one_cell(void **state)
{
	struct fixture *fx = *state;
	static const struct canvas_color red = {0xc6, 0x28, 0x28};
	struct doc_table *d = sample(2);
	struct table *t;

	doc_table_set_cell_style(d, 1, 1, red, FONT_BOLD);
	t = table_layout(d, &fx->rc->canvas, 500);
	(void)table_draw(&fx->rc->canvas, t, 0, 0, 500, 0);
	assert_non_null(strstr(fx->rc->text, " C B 9.0 #c62828 \"1395.83\"\n"));
	/* The other cells keep the regular black text. */
	assert_non_null(strstr(fx->rc->text, " C R 9.0 #000000 \"1394.83\"\n"));
	assert_non_null(strstr(fx->rc->text, " C R 9.0 #000000 \"2000\"\n"));
	/* The column is measured in the cell's bold face. */
	testutil_check_close(t->col_w[1], fonts_text_width(fx->fonts, FONT_BOLD, 9,
	    "1395.83") + 9, 1e-9, "bold column");
	table_free(t);
	doc_table_free(d);
}

static void
test_row_style_applies_to_every_cell_of_the_row(void **state)
{
	struct fixture *fx = *state;
	static const struct canvas_color green_text = {0x2e, 0x7d, 0x32};
	static const char *const later[] = {"9", "9.99"};
	struct doc_table *d = sample(2);
	struct table *t;

	doc_table_set_row_style(d, 0, green_text, FONT_REGULAR);
	doc_table_add_row(d, later); /* added after styling: plain */
	t = table_layout(d, &fx->rc->canvas, 500);
	(void)table_draw(&fx->rc->canvas, t, 0, 0, 500, 0);
	assert_non_null(strstr(fx->rc->text, " C R 9.0 #2e7d32 \"1000\"\n"));
	assert_non_null(strstr(fx->rc->text, " C R 9.0 #2e7d32 \"1394.83\"\n"));
	assert_non_null(strstr(fx->rc->text, " C R 9.0 #000000 \"2000\"\n"));
	assert_non_null(strstr(fx->rc->text, " C R 9.0 #000000 \"9.99\"\n"));
	table_free(t);
	doc_table_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
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
