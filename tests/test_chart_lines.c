/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the line charts: the log2 rate axis, dodged points, whiskers, broken lines, end labels kept apart. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "chart_lines.h"
#include "recording_canvas.h"

#define NS 4
#define NC 5

struct fixture {
	struct fonts *fonts;
	struct recording_canvas *rc;
	struct template t;
	struct tpl_chart spec;
	struct doc_chart ch;
	struct doc_series series[NS];
	struct doc_value values[NS][NC];
	double cats[NC];
	char labels[NS][32];
};

static const struct canvas_color colors[NS] = {
	{0x1f, 0x77, 0xb4}, {0xff, 0x7f, 0x0e}, {0x2c, 0xa0, 0x2c},
	{0xd6, 0x27, 0x28},
};

static void
set_value(struct fixture *fx, size_t s, size_t c, double mean, double half)
{
	struct doc_value *v = &fx->values[s][c];

	v->gap = 0;
	v->mean = mean;
	v->half = half;
	v->lo = mean - half;
	v->hi = mean + half;
	v->tip = NULL;
}

/* nseries lines over rates 256 .. 4096, series s at 1 + s + c with intervals of 0.5. */
static void
make_chart(struct fixture *fx, size_t nseries)
{
	size_t s, c;

	for (c = 0; c < NC; c++)
		fx->cats[c] = 256 * exp2((double)c);
	for (s = 0; s < nseries; s++) {
		snprintf(fx->labels[s], sizeof(fx->labels[s]), "gadget_%zu", s);
		fx->series[s].label = fx->labels[s];
		fx->series[s].color = colors[s];
		fx->series[s].values = fx->values[s];
		for (c = 0; c < NC; c++)
			set_value(fx, s, c, 1.0 + (double)s + (double)c, 0.5);
	}
	fx->ch.kind = DOC_CHART_LINES;
	fx->ch.spec = &fx->spec;
	fx->ch.title = (char *)"Host CPU";
	fx->ch.x_label = (char *)"Events per Second (log2)";
	fx->ch.y_label = (char *)"CPU overhead (points)";
	fx->ch.ncats = NC;
	fx->ch.cats = fx->cats;
	fx->ch.series = fx->series;
	fx->ch.nseries = nseries;
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	static const struct canvas_color black = {0, 0, 0};
	static const struct canvas_color grey = {0xb0, 0xb0, 0xb0};

	fx->fonts = recording_fonts_load();
	if (fx->fonts == NULL)
		return -1;
	fx->rc = recording_canvas_new(fx->fonts);
	fx->t.axis_size = 10;
	fx->t.label_size = 9;
	fx->t.text_color = black;
	fx->t.grid_color = grey;
	fx->t.grid_opacity = 0.3;
	fx->spec.kind = TPL_CHART_OVERHEAD;
	fx->spec.metric = METRIC_CPU;
	fx->spec.decimals = 2;
	fx->spec.yrange = TPL_YRANGE_ZERO;
	fx->spec.headroom = 1.1;
	fx->spec.floor = 0.75;
	make_chart(fx, 3);
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

static struct chart_lines_layout *
layout(struct fixture *fx)
{
	return chart_lines_layout_new(&fx->rc->canvas, &fx->t, &fx->ch, 40, 60,
	    360, 260);
}

/* Powers of two are equally spaced, each with a tick and its label. */
static void
test_rates_on_a_log2_axis(void **state)
{
	struct fixture *fx = *state;
	struct chart_lines_layout *l = layout(fx);
	double step = l->points[1].x - l->points[0].x;
	size_t c;

	assert_true(l->log2_x);
	assert_true(step > 0);
	for (c = 2; c < NC; c++)
		assert_true(fabs(l->points[c].x - l->points[c - 1].x - step) < 1e-9);
	assert_int_equal(l->nxticks, NC);
	assert_string_equal(l->xtick_labels[0], "256");
	assert_string_equal(l->xtick_labels[NC - 1], "4096");
	/* Every point is inside the plot, the axis starts at 0 and shows the highest interval. */
	for (c = 0; c < 3 * NC; c++)
		assert_true(l->points[c].x > l->plot.x &&
		    l->points[c].x < l->plot.x + l->plot.w);
	assert_true(l->ymin == 0 && l->ymax >= 7.5);
	chart_lines_layout_free(l);
}

/* A rate of 0 has no logarithm: the rates are then evenly spaced. */
static void
test_rate_zero_falls_back_to_even_spacing(void **state)
{
	struct fixture *fx = *state;
	struct chart_lines_layout *l;

	fx->cats[0] = 0;
	l = layout(fx);
	assert_false(l->log2_x);
	assert_int_equal(l->nxticks, NC);
	assert_string_equal(l->xtick_labels[0], "0");
	assert_true(fabs((l->points[1].x - l->points[0].x) -
	    (l->points[4].x - l->points[3].x)) < 1e-9);
	chart_lines_layout_free(l);
}

/* Whiskers at one rate do not sit on each other; a line breaks at a gap rather than bridging it. */
static void
test_points_dodged_and_lines_broken_at_gaps(void **state)
{
	struct fixture *fx = *state;
	struct chart_lines_layout *l;
	const char *lines, *markers;

	fx->values[1][2].gap = 1;
	l = layout(fx);
	assert_true(l->points[0 * NC + 1].x < l->points[1 * NC + 1].x);
	assert_true(l->points[1 * NC + 1].x < l->points[2 * NC + 1].x);
	assert_true(l->points[2].has_err);
	assert_true(fabs(l->points[2].err_top - l->points[2].y -
	    (l->points[2].y - l->points[2].err_bottom)) < 1e-9);
	chart_lines_draw(&fx->rc->canvas, l);
	lines = strstr(fx->rc->text, "group lines\n");
	markers = strstr(fx->rc->text, "group markers\n");
	assert_non_null(lines);
	assert_non_null(markers);
	/* Series 0 and 2 whole; series 1 in two pieces around its gap. */
	{
		size_t n = 0;
		const char *p = lines;

		while ((p = strstr(p + 1, "\npath ")) != NULL && p < markers)
			n++;
		assert_int_equal(n, 4);
	}
	assert_int_equal(testutil_count(markers, "group marker\n"), 3 * NC - 1);
	chart_lines_layout_free(l);
}

/* Every line is named at its right end in its colour; labels keep a line apart, inside the plot's height. */
static void
test_end_labels_are_apart_and_in_order(void **state)
{
	struct fixture *fx = *state;
	struct chart_lines_layout *l;
	size_t s;

	make_chart(fx, 4);
	/* All four lines end at nearly the same value. */
	for (s = 0; s < 4; s++)
		set_value(fx, s, NC - 1, 5 + 0.01 * (double)s, 0.5);
	l = layout(fx);
	for (s = 0; s < 4; s++) {
		assert_true(l->labels[s].shown);
		assert_true(l->labels[s].x > l->plot.x + l->plot.w);
		assert_true(l->labels[s].y <= l->plot.y + l->plot.h + 9);
		assert_true(l->labels[s].y >= l->plot.y);
	}
	/* Higher values are higher up: series 3 on top, and 1.2 label sizes apart. */
	for (s = 1; s < 4; s++)
		assert_true(l->labels[s - 1].y - l->labels[s].y >= 1.2 * 9 - 1e-9);
	chart_lines_draw(&fx->rc->canvas, l);
	assert_non_null(strstr(fx->rc->text, "#2ca02c \"gadget_2\""));
	/* Labels moved away from their line's end get a leader. */
	assert_true(testutil_count(strstr(fx->rc->text, "group labels\n"),
	    "\nline ") >= 2);
	chart_lines_layout_free(l);
}

/* Overheads below 0 extend the axis, and a zero line marks no overhead. */
static void
test_negative_overhead_draws_a_zero_line(void **state)
{
	struct fixture *fx = *state;
	struct chart_lines_layout *l;

	set_value(fx, 0, 0, -2, 0.5);
	l = layout(fx);
	assert_true(l->ymin < -2.5 + 1e-9);
	chart_lines_draw(&fx->rc->canvas, l);
	assert_non_null(strstr(fx->rc->text, "group zero\nline "));
	chart_lines_layout_free(l);
	recording_canvas_clear(fx->rc);
	set_value(fx, 0, 0, 1, 0.5);
	l = layout(fx);
	chart_lines_draw(&fx->rc->canvas, l);
	assert_null(strstr(fx->rc->text, "group zero\n"));
	chart_lines_layout_free(l);
}

/* Each series has its own marker shape, so lines differ without colour. */
static void
test_markers_differ_per_series(void **state)
{
	struct fixture *fx = *state;
	struct chart_lines_layout *l;
	const char *m;

	make_chart(fx, 4);
	l = layout(fx);
	chart_lines_draw(&fx->rc->canvas, l);
	m = strstr(fx->rc->text, "group markers\n");
	/* Circle, square, triangle, diamond: a circle, a rect, a 3-point and a 4-point path. */
	assert_non_null(strstr(m, "\ncircle "));
	assert_non_null(strstr(m, "\nrect "));
	assert_non_null(strstr(m, "\npath 3 closed "));
	assert_non_null(strstr(m, "\npath 4 closed "));
	chart_lines_layout_free(l);
}

/* Thousands of rates: ticks stay bounded and labels are thinned so they cannot overlap. */
static void
test_many_rates_thin_the_labels(void **state)
{
	struct fixture *fx = *state;
	enum { N = 2000 };
	double *cats = calloc(N, sizeof(*cats));
	struct doc_value *vals = calloc(N, sizeof(*vals));
	struct chart_lines_layout *l;
	size_t i, shown = 0;
	double last = -1e9;

	for (i = 0; i < N; i++) {
		cats[i] = (double)(i + 1);
		vals[i].mean = vals[i].hi = vals[i].lo = (double)i;
	}
	fx->ch.cats = cats;
	fx->ch.ncats = N;
	fx->ch.nseries = 1;
	fx->series[0].values = vals;
	l = layout(fx);
	assert_true(l->nxticks <= 257);
	for (i = 0; i < l->nxticks; i++) {
		if (l->xtick_labels[i] == NULL)
			continue;
		shown++;
		assert_true(l->xticks[i] > last);
		last = l->xticks[i];
	}
	assert_true(shown >= 2);
	chart_lines_layout_free(l);
	free(cats);
	free(vals);
}

/* A trend's runs: named categories evenly spaced, each step a dashed line between the runs on either side. */
static void
test_named_runs_and_step_markers(void **state)
{
	struct fixture *fx = *state;
	char *names[NC] = {(char *)"v0.40.0", (char *)"v0.41.0",
		(char *)"v0.42.0", (char *)"v0.43.0", (char *)"v0.44.0"};
	struct doc_marker step = {3, (char *)"+15%", {0xc6, 0x28, 0x28}};
	struct chart_lines_layout *l;
	const char *g;
	size_t c;

	fx->ch.cat_labels = names;
	fx->ch.markers = &step;
	fx->ch.nmarkers = 1;
	l = layout(fx);
	assert_false(l->log2_x);
	for (c = 2; c < NC; c++)
		testutil_check_close(l->points[c].x - l->points[c - 1].x,
		    l->points[1].x - l->points[0].x, 1e-9, "even spacing");
	assert_string_equal(l->xtick_labels[4], "v0.44.0");
	/* The middle one of three series is not dodged: it sits on the runs' x. */
	testutil_check_close(l->step_x[0], (l->points[NC + 2].x +
	    l->points[NC + 3].x) / 2, 1e-9, "between runs 3 and 4");
	chart_lines_draw(&fx->rc->canvas, l);
	g = strstr(fx->rc->text, "group steps\nline ");
	assert_non_null(g);
	assert_non_null(strstr(g, "/dash\ntext "));
	assert_non_null(strstr(g, "#c62828 \"+15%\""));
	chart_lines_layout_free(l);
	fx->ch.cat_labels = NULL;
	fx->ch.markers = NULL;
	fx->ch.nmarkers = 0;
}

/* Run labels that do not fit side by side stand upright rather than being left out. */
static void
test_long_run_labels_stand_upright(void **state)
{
	struct fixture *fx = *state;
	char *names[NC] = {(char *)"2025-09-10 14:05:12 UTC",
		(char *)"2025-10-10 14:05:12 UTC", (char *)"2025-11-10 14:05:12 UTC",
		(char *)"2025-12-10 14:05:12 UTC", (char *)"2026-01-10 14:05:12 UTC"};
	struct chart_lines_layout *wide, *narrow;
	size_t i;

	fx->ch.cat_labels = names;
	wide = chart_lines_layout_new(&fx->rc->canvas, &fx->t, &fx->ch, 0, 0,
	    900, 260);
	narrow = chart_lines_layout_new(&fx->rc->canvas, &fx->t, &fx->ch, 0, 0,
	    200, 260);
	assert_false(wide->xlabel_vertical);
	assert_true(narrow->xlabel_vertical);
	assert_true(narrow->plot.h < wide->plot.h);
	for (i = 0; i < narrow->nxticks; i++)
		assert_non_null(narrow->xtick_labels[i]);
	chart_lines_draw(&fx->rc->canvas, narrow);
	assert_non_null(strstr(fx->rc->text, "V \"2026-01-10 14:05:12 UTC\""));
	chart_lines_layout_free(wide);
	chart_lines_layout_free(narrow);
	fx->ch.cat_labels = NULL;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rates_on_a_log2_axis, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rate_zero_falls_back_to_even_spacing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_points_dodged_and_lines_broken_at_gaps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_end_labels_are_apart_and_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_negative_overhead_draws_a_zero_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_markers_differ_per_series, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_rates_thin_the_labels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_named_runs_and_step_markers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_run_labels_stand_upright, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
