/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the change chart's geometry and drawing through the recording canvas. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "chart_changes.h"
#include "recording_canvas.h"
#include "xalloc.h"

#define MAXROWS 300

struct fixture {
	struct fonts *fonts;
	struct recording_canvas *rc;
	struct template t;
	struct doc_chart ch;
	struct doc_change rows[MAXROWS];
	char labels[MAXROWS][400];
	char values[MAXROWS][32];
	char tips[MAXROWS][64];
};

static const struct canvas_color red = {0xc6, 0x28, 0x28};
static const struct canvas_color green = {0x2e, 0x7d, 0x32};
static const struct canvas_color black = {0, 0, 0};

/* Row i: percent with interval lo .. hi, in colour. */
static void
set_row(struct fixture *fx, size_t i, double percent, double lo, double hi,
    struct canvas_color color)
{
	struct doc_change *r = &fx->rows[i];

	snprintf(fx->labels[i], sizeof(fx->labels[i]), "ig \xc2\xb7 %zu ev/s "
	    "\xc2\xb7 CPU", 1024 * (i + 1));
	snprintf(fx->values[i], sizeof(fx->values[i]), "%+.1f%%", percent);
	snprintf(fx->tips[i], sizeof(fx->tips[i]), "row %zu", i);
	r->label = fx->labels[i];
	r->value = fx->values[i];
	r->tip = fx->tips[i];
	r->color = color;
	r->percent = percent;
	r->lo = lo;
	r->hi = hi;
	if (i + 1 > fx->ch.nchanges)
		fx->ch.nchanges = i + 1;
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	static const struct canvas_color grey = {0xb0, 0xb0, 0xb0};

	fx->fonts = recording_fonts_load();
	if (fx->fonts == NULL)
		return -1;
	fx->rc = recording_canvas_new(fx->fonts);
	fx->t.figure_title_size = 16;
	fx->t.axis_size = 10;
	fx->t.label_size = 9;
	fx->t.text_color = black;
	fx->t.grid_color = grey;
	fx->t.grid_opacity = 0.3;
	fx->ch.kind = DOC_CHART_CHANGES;
	fx->ch.title = (char *)"Change in % of OLD";
	fx->ch.x_label = (char *)"Change (% of OLD)";
	fx->ch.changes = fx->rows;
	fx->ch.band = 5;
	/* A regression, an improvement, no change: the producer's order. */
	set_row(fx, 0, 21, 18, 24, red);
	set_row(fx, 1, -10, -12, -8, green);
	set_row(fx, 2, 1, -2, 4, black);
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

static struct chart_changes *
layout(struct fixture *fx, double w, double h)
{
	return chart_changes_new(&fx->rc->canvas, &fx->t, &fx->ch, 20, 30, w, h);
}

static double
xmap(const struct chart_changes *l, double v)
{
	return l->plot.x + l->plot.w * (v - l->xmin) / (l->xmax - l->xmin);
}

static void
test_range_holds_zero_the_band_and_every_point(void **state)
{
	struct fixture *fx = *state;
	double lo, hi;

	chart_changes_range(&fx->ch, &lo, &hi);
	assert_true(lo <= -12 && hi >= 24);
	/* Only gains: 0 and the band's far end are still in. */
	fx->ch.nchanges = 0;
	set_row(fx, 0, 30, 28, 32, red);
	chart_changes_range(&fx->ch, &lo, &hi);
	assert_true(lo < -5 && hi > 32);
	/* Nothing and no band: -1 .. 1 with a little room. */
	fx->ch.band = 0;
	set_row(fx, 0, 0, 0, 0, black);
	chart_changes_range(&fx->ch, &lo, &hi);
	assert_true(lo < -1 && lo > -1.2 && hi > 1 && hi < 1.2);
}

static void
test_range_lets_wide_whiskers_go_off_the_axis(void **state)
{
	struct fixture *fx = *state;
	double lo, hi;

	/* Points within -10 .. 21 (span 31): whiskers widen it by at most 15.5 a side. */
	set_row(fx, 2, 1, -400, 900, black);
	chart_changes_range(&fx->ch, &lo, &hi);
	assert_true(lo >= -10 - 15.5 - 0.05 * 62 && lo <= -25.5);
	assert_true(hi <= 21 + 15.5 + 0.05 * 62 && hi >= 36.5);
}

static void
test_rows_run_top_to_bottom_in_the_documents_order(void **state)
{
	struct fixture *fx = *state;
	struct chart_changes *l = layout(fx, 600, 300);
	size_t i;

	assert_int_equal(l->nrows, 3);
	for (i = 0; i < 3; i++) {
		assert_ptr_equal(l->rows[i].change, &fx->rows[i]);
		testutil_check_close(l->rows[i].y, l->plot.y + l->pitch * ((double)i + 0.5),
		    1e-9, "row centre");
		testutil_check_close(l->rows[i].x, xmap(l, fx->rows[i].percent), 1e-9,
		    "point");
	}
	/* Sized to the rows at the template's pitch, not stretched to the box. */
	testutil_check_close(l->pitch, CHART_CHANGES_PITCH * 9, 1e-9, "pitch");
	testutil_check_close(l->plot.h, 3 * l->pitch, 1e-9, "plot height");
	chart_changes_draw(&fx->rc->canvas, l);
	assert_true(strstr(fx->rc->text, "tooltip \"row 0\"") <
	    strstr(fx->rc->text, "tooltip \"row 1\""));
	assert_true(strstr(fx->rc->text, "tooltip \"row 1\"") <
	    strstr(fx->rc->text, "tooltip \"row 2\""));
	assert_int_equal(recording_canvas_count(fx->rc, "group change"), 3);
	chart_changes_free(l);
}

static void
test_points_and_whiskers_take_their_verdicts_colours(void **state)
{
	struct fixture *fx = *state;
	struct chart_changes *l = layout(fx, 600, 300);
	char want[128];

	chart_changes_draw(&fx->rc->canvas, l);
	assert_int_equal(testutil_count(fx->rc->text, "fill=#c62828/1.00"), 1);
	assert_int_equal(testutil_count(fx->rc->text, "fill=#2e7d32/1.00"), 1);
	/* Whisker and two caps each. */
	assert_int_equal(testutil_count(fx->rc->text, "stroke=#c62828/1.00/1.2"), 3);
	assert_int_equal(testutil_count(fx->rc->text, "stroke=#2e7d32/1.00/1.2"), 3);
	/* The value right-aligned in the verdict's colour. */
	snprintf(want, sizeof(want), "R R 9.0 #c62828 \"+21.0%%\"");
	assert_non_null(strstr(fx->rc->text, want));
	assert_non_null(strstr(fx->rc->text, "R R 9.0 #000000 \"ig \xc2\xb7 1024 "
	    "ev/s \xc2\xb7 CPU\""));
	chart_changes_free(l);
}

static void
test_band_is_shaded_from_minus_to_plus_the_threshold(void **state)
{
	struct fixture *fx = *state;
	struct chart_changes *l = layout(fx, 600, 300);
	char want[160];

	assert_true(l->has_band);
	testutil_check_close(l->band_x0, xmap(l, -5), 1e-9, "band start");
	testutil_check_close(l->band_x1, xmap(l, 5), 1e-9, "band end");
	chart_changes_draw(&fx->rc->canvas, l);
	snprintf(want, sizeof(want), "group band\nrect %.1f %.1f %.1f %.1f "
	    "fill=#bdbdbd/0.35 stroke=none\n", l->band_x0, l->plot.y,
	    l->band_x1 - l->band_x0, l->plot.h);
	assert_non_null(strstr(fx->rc->text, want));
	chart_changes_free(l);
	recording_canvas_clear(fx->rc);
	fx->ch.band = 0;
	l = layout(fx, 600, 300);
	assert_false(l->has_band);
	chart_changes_draw(&fx->rc->canvas, l);
	assert_int_equal(recording_canvas_count(fx->rc, "group band"), 0);
	chart_changes_free(l);
}

static void
test_zero_line_crosses_every_row(void **state)
{
	struct fixture *fx = *state;
	struct chart_changes *l = layout(fx, 600, 300);
	char want[160];

	testutil_check_close(l->zero_x, xmap(l, 0), 1e-9, "zero");
	chart_changes_draw(&fx->rc->canvas, l);
	snprintf(want, sizeof(want), "group zero\nline %.1f %.1f %.1f %.1f "
	    "stroke=#000000/1.00/1.0\n", l->zero_x, l->plot.y, l->zero_x,
	    l->plot.y + l->plot.h);
	assert_non_null(strstr(fx->rc->text, want));
	chart_changes_free(l);
}

static void
test_whisker_beyond_the_axis_ends_in_an_arrow(void **state)
{
	struct fixture *fx = *state;
	struct chart_changes *l;

	set_row(fx, 2, 1, -400, 900, black);
	l = layout(fx, 600, 300);
	assert_true(l->rows[2].lo_cut && l->rows[2].hi_cut);
	testutil_check_close(l->rows[2].x_lo, l->plot.x, 1e-9, "clipped low end");
	testutil_check_close(l->rows[2].x_hi, l->plot.x + l->plot.w, 1e-9,
	    "clipped high end");
	assert_false(l->rows[0].lo_cut || l->rows[0].hi_cut);
	chart_changes_draw(&fx->rc->canvas, l);
	/* Two arrowheads instead of caps; the others keep theirs. */
	assert_int_equal(testutil_count(fx->rc->text, "path 3 closed"), 2);
	assert_int_equal(testutil_count(fx->rc->text, "stroke=#000000/1.00/1.2"), 1);
	assert_int_equal(recording_canvas_count(fx->rc, "circle"), 3);
	chart_changes_free(l);
}

static void
test_unbounded_change_is_an_arrow_at_the_edge(void **state)
{
	struct fixture *fx = *state;
	struct chart_changes *l;

	/* OLD was 0: no percentage, only a direction. */
	set_row(fx, 0, INFINITY, INFINITY, INFINITY, red);
	set_row(fx, 1, -INFINITY, -INFINITY, 0, green);
	l = layout(fx, 600, 300);
	assert_int_equal(l->rows[0].out, 1);
	testutil_check_close(l->rows[0].x, l->plot.x + l->plot.w, 1e-9, "right edge");
	assert_false(l->rows[0].has_whisker);
	assert_int_equal(l->rows[1].out, -1);
	testutil_check_close(l->rows[1].x, l->plot.x, 1e-9, "left edge");
	assert_true(l->rows[1].has_whisker && l->rows[1].lo_cut);
	/* The range is the finite row's and the band's. */
	assert_true(l->xmin >= -6 && l->xmax <= 6);
	chart_changes_draw(&fx->rc->canvas, l);
	assert_int_equal(recording_canvas_count(fx->rc, "circle"), 1);
	assert_int_equal(testutil_count(fx->rc->text, "path 3 closed"), 3);
	chart_changes_free(l);
}

static void
test_many_rows_shrink_but_never_overlap(void **state)
{
	struct fixture *fx = *state;
	struct chart_changes *l;
	double em;
	size_t i;

	for (i = 0; i < MAXROWS; i++)
		set_row(fx, i, (double)i / 10, (double)i / 10 - 1,
		    (double)i / 10 + 1, black);
	l = layout(fx, 600, 500);
	assert_int_equal(l->nrows, MAXROWS);
	assert_true(l->pitch < CHART_CHANGES_PITCH * 9);
	em = fonts_ascent(fx->fonts, FONT_REGULAR, l->label_size) -
	    fonts_descent(fx->fonts, FONT_REGULAR, l->label_size);
	assert_true(em <= l->pitch);
	assert_true(l->plot.y + l->plot.h <= 30 + 500);
	for (i = 1; i < MAXROWS; i++)
		testutil_check_close(l->rows[i].y - l->rows[i - 1].y, l->pitch, 1e-9,
		    "pitch");
	chart_changes_free(l);
}

static void
test_long_labels_are_shortened_to_their_column(void **state)
{
	struct fixture *fx = *state;
	struct chart_changes *l;
	const char *ell = "\xe2\x80\xa6";
	size_t n;

	memset(fx->labels[1], 'x', 300);
	fx->labels[1][300] = '\0';
	l = layout(fx, 600, 300);
	n = strlen(l->rows[1].label);
	assert_true(n > 3 && n < 300);
	assert_string_equal(l->rows[1].label + n - 3, ell);
	assert_true(fonts_text_width(fx->fonts, FONT_REGULAR, l->label_size,
	    l->rows[1].label) <= l->label_right - l->box.x + 1e-9);
	assert_true(l->label_right - l->box.x <= 0.4 * 600 + 1e-9);
	assert_string_equal(l->rows[0].label, fx->labels[0]);
	assert_true(l->label_right < l->plot.x);
	chart_changes_free(l);
}

static void
test_height_and_rows_agree(void **state)
{
	struct fixture *fx = *state;
	struct chart_changes *l;
	size_t n;

	for (n = 1; n < 60; n++) {
		double h = chart_changes_height(&fx->t, n, 1);

		assert_int_equal(chart_changes_max_rows(&fx->t, h, 1), n);
		assert_int_equal(chart_changes_max_rows(&fx->t, h - 1, 1), n - (n > 1));
	}
	assert_int_equal(chart_changes_max_rows(&fx->t, 1, 0), 1);
	/* The height asked for holds the rows at full pitch (the figure title drawn above them). */
	l = layout(fx, 600, chart_changes_height(&fx->t, 3, 0));
	testutil_check_close(l->pitch, CHART_CHANGES_PITCH * 9, 1e-9, "pitch");
	chart_changes_free(l);
}

static void
test_axis_has_ticks_a_title_and_a_frame(void **state)
{
	struct fixture *fx = *state;
	struct chart_changes *l = layout(fx, 600, 300);
	size_t i;

	assert_true(l->nticks >= 3);
	for (i = 0; i < l->nticks; i++)
		assert_true(l->ticks[i] >= l->xmin - 1e-9 &&
		    l->ticks[i] <= l->xmax + 1e-9);
	chart_changes_draw(&fx->rc->canvas, l);
	assert_non_null(strstr(fx->rc->text, "\"Change (% of OLD)\""));
	assert_non_null(strstr(fx->rc->text, "\"Change in % of OLD\""));
	assert_non_null(strstr(fx->rc->text, "C R 10.0 #000000 \"0\""));
	assert_int_equal(recording_canvas_count(fx->rc, "group chart"), 1);
	chart_changes_free(l);
}

static void
test_figure_draws_a_change_chart_by_its_kind(void **state)
{
	struct fixture *fx = *state;
	struct doc_block fig;

	memset(&fig, 0, sizeof(fig));
	fig.kind = DOC_FIGURE;
	fig.text = (char *)"trace_exec - Changes";
	fig.charts = &fx->ch;
	fig.ncharts = 1;
	fig.height = chart_changes_height(&fx->t, 3, 1);
	chart_draw_figure(&fx->rc->canvas, &fx->t, &fig, 10, 10, 600);
	assert_non_null(strstr(fx->rc->text, "B 16.0 #000000 \"trace_exec - "
	    "Changes\""));
	assert_int_equal(recording_canvas_count(fx->rc, "group change"), 3);
	assert_int_equal(recording_canvas_count(fx->rc, "group bars"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_range_holds_zero_the_band_and_every_point, setup, teardown),
		cmocka_unit_test_setup_teardown(test_range_lets_wide_whiskers_go_off_the_axis, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows_run_top_to_bottom_in_the_documents_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_points_and_whiskers_take_their_verdicts_colours, setup, teardown),
		cmocka_unit_test_setup_teardown(test_band_is_shaded_from_minus_to_plus_the_threshold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zero_line_crosses_every_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_whisker_beyond_the_axis_ends_in_an_arrow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unbounded_change_is_an_arrow_at_the_edge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_rows_shrink_but_never_overlap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_labels_are_shortened_to_their_column, setup, teardown),
		cmocka_unit_test_setup_teardown(test_height_and_rows_agree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_axis_has_ticks_a_title_and_a_frame, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figure_draws_a_change_chart_by_its_kind, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
