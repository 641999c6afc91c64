/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of chart geometry and drawing through the recording canvas. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "chart.h"
#include "produce.h"
#include "recording_canvas.h"

#define NR 27
#define NS 3

struct fixture {
	struct fonts *fonts;
	struct recording_canvas *rc;
	struct template t;
	struct tpl_series ts[NS];
	struct tpl_chart chart;
	struct tpl_figure fig;
	struct tpl_chart charts[2];
	struct tpl_vars vars;
	struct model m;
	struct model_gadget g;
	struct model_series ms[NS];
	struct model_cell cells[NS][NR];
	double rates[NR];
	char names[NS][16];
	struct view *view;        /* of the model, made by bind */
	struct doc_chart dc[4];   /* charts bound by bind */
	size_t ndc;
};

static const struct canvas_color blue = {0x1f, 0x77, 0xb4};
static const struct canvas_color orange = {0xff, 0x7f, 0x0e};

static void
set_cell(struct fixture *fx, size_t s, size_t r, double mean, double half)
{
	struct model_cell *c = &fx->cells[s][r];
	int k;

	c->rows = 5;
	for (k = 0; k < METRIC__MAX; k++) {
		c->m[k].n = 5;
		c->m[k].mean = mean;
		c->m[k].half = half;
	}
}

/* A gadget with nseries cases and nrates rates, every cell filled with mean = 10 * (r + 1) + s. */
static void
make_model(struct fixture *fx, size_t nseries, size_t nrates)
{
	static const char *const names[NS] = {"baseline", "ig", "stress"};
	size_t s, r;

	memset(fx->cells, 0, sizeof(fx->cells));
	for (s = 0; s < nseries; s++) {
		strcpy(fx->names[s], names[s]);
		fx->ms[s].name = fx->names[s];
		fx->ms[s].cells = fx->cells[s];
		for (r = 0; r < nrates; r++)
			set_cell(fx, s, r, 10.0 * (double)(r + 1) + (double)s, 1);
	}
	for (r = 0; r < nrates; r++)
		fx->rates[r] = 1000.0 * (double)(r + 1);
	fx->g.name = (char *)"trace_dns";
	fx->g.rates = fx->rates;
	fx->g.nrates = nrates;
	fx->g.series = fx->ms;
	fx->g.nseries = nseries;
	fx->m.gadgets = &fx->g;
	fx->m.ngadgets = 1;
	fx->m.metrics = (1u << METRIC_CPU) | (1u << METRIC_MEM);
	fx->m.level = 0.95;
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
	fx->t.figure_title_size = 16;
	fx->t.axis_size = 10;
	fx->t.label_size = 9;
	fx->t.text_color = black;
	fx->t.grid_color = grey;
	fx->t.grid_opacity = 0.3;
	fx->ts[0] = (struct tpl_series){(char *)"baseline", (char *)"Baseline", blue};
	fx->ts[1] = (struct tpl_series){(char *)"ig", (char *)"With IG", orange};
	fx->chart.metric = METRIC_CPU;
	fx->chart.title = (char *)"CPU Usage (with {level}% CI)";
	fx->chart.x_label = (char *)"Events per Second";
	fx->chart.y_label = (char *)"CPU Usage (%)";
	fx->chart.series = fx->ts;
	fx->chart.nseries = 2;
	fx->chart.decimals = 2;
	fx->chart.value_labels = 1;
	fx->chart.legend = 1;
	fx->chart.yrange = TPL_YRANGE_ZERO;
	fx->chart.headroom = 1.25;
	fx->chart.floor = 0.75;
	fx->chart.bar_opacity = 0.8;
	fx->vars.gadget = "trace_dns";
	fx->vars.level = "95";
	make_model(fx, 2, 4);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	size_t i;

	for (i = 0; i < fx->ndc; i++)
		doc_chart_free(&fx->dc[i]);
	view_free(fx->view);
	recording_canvas_free(fx->rc);
	fonts_free(fx->fonts);
	free(fx);
	return 0;
}

/* Binds ch to the fixture's model as the producer does; NULL when nothing is left to draw. */
static const struct doc_chart *
bind(struct fixture *fx, const struct tpl_chart *ch)
{
	assert_true(fx->ndc < sizeof(fx->dc) / sizeof(fx->dc[0]));
	view_free(fx->view);
	fx->view = view_of_run(&fx->m, &fx->g);
	if (!produce_chart(ch, fx->view, &fx->vars, &fx->dc[fx->ndc]))
		return NULL;
	return &fx->dc[fx->ndc++];
}

static struct chart_layout *
layout_at(struct fixture *fx, double x, double y, double w, double h)
{
	const struct doc_chart *dc = bind(fx, &fx->chart);

	assert_non_null(dc);
	return chart_layout_new(&fx->rc->canvas, &fx->t, dc, x, y, w, h);
}

static struct chart_layout *
layout(struct fixture *fx)
{
	return layout_at(fx, 40, 60, 360, 260);
}

static double
ymap(const struct chart_layout *l, double v)
{
	return l->plot.y + l->plot.h * (l->ymax - v) / (l->ymax - l->ymin);
}

static void
check_ticks(const double *got, size_t n, const double *want, size_t nwant)
{
	size_t i;

	assert_int_equal(n, nwant);
	for (i = 0; i < n; i++)
		testutil_check_close(got[i], want[i], 1e-12, "tick");
}

static void
test_ticks_use_one_two_five_steps(void **state)
{
	double t[CHART_MAX_TICKS], lo = 0, hi = 1.37, step;
	static const double w6[] = {0, 0.5, 1, 1.5};
	static const double w8[] = {0, 0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4};

	(void)state;
	/* 0.2 would give 7 ticks: too many for 6, so 0.5; 1.37 -> 1.5 costs 9.5%. */
	check_ticks(t, chart_ticks(&lo, &hi, 6, t, &step), w6, 4);
	testutil_check_close(step, 0.5, 1e-15, "step");
	testutil_check_close(hi, 1.5, 1e-12, "hi");
	lo = 0;
	hi = 1.37;
	check_ticks(t, chart_ticks(&lo, &hi, 8, t, &step), w8, 8);
	testutil_check_close(hi, 1.4, 1e-12, "hi");
}

static void
test_ticks_do_not_extend_range_when_wasteful(void **state)
{
	double t[CHART_MAX_TICKS], lo = 0, hi = 1.05, step;
	static const double w[] = {0, 0.2, 0.4, 0.6, 0.8, 1};

	(void)state;
	/* 1.2 would add 14% of empty axis. */
	check_ticks(t, chart_ticks(&lo, &hi, 6, t, &step), w, 6);
	testutil_check_close(hi, 1.05, 0, "hi kept");
}

static void
test_ticks_round_spread_lower_bound(void **state)
{
	double t[CHART_MAX_TICKS], lo = 1046.1, hi = 1900, step;
	static const double w[] = {1000, 1200, 1400, 1600, 1800};

	(void)state;
	check_ticks(t, chart_ticks(&lo, &hi, 6, t, &step), w, 5);
	testutil_check_close(lo, 1000, 1e-9, "lo moved to tick");
	testutil_check_close(hi, 1900, 0, "hi kept: 2000 wastes 12%");
}

static void
test_ticks_tiny_and_negative_ranges(void **state)
{
	double t[CHART_MAX_TICKS], lo = -2.5, hi = 1.25, step;
	static const double w[] = {-2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5};
	double lo2 = 0, hi2 = 0.0003, step2;
	size_t n;

	(void)state;
	check_ticks(t, chart_ticks(&lo, &hi, 10, t, &step), w, 9);
	n = chart_ticks(&lo2, &hi2, 4, t, &step2);
	testutil_check_close(step2, 0.0001, 1e-18, "tiny step");
	assert_int_equal(n, 4);
	assert_true(t[0] == 0 && !signbit(t[0]));
}

/* Extents of values mean[i] ± half[i]. */
static struct chart_extent *
extents(const double *mean, const double *half, size_t n)
{
	static struct chart_extent e[8];
	size_t i;

	assert_true(n <= 8);
	for (i = 0; i < n; i++)
		e[i] = (struct chart_extent){mean[i], mean[i] - half[i],
		    mean[i] + half[i]};
	return e;
}

static void
test_y_range_zero_rule(void **state)
{
	double mean[] = {1, 2}, half[] = {0.5, 0.2}, lo, hi;
	/* An interval clipped at 0 and a run above every interval. */
	struct chart_extent clipped[] = {{0.5, 0, 2}, {1, 1, 1}, {2.5, 2.5, 2.5}};

	(void)state;
	chart_y_range(TPL_YRANGE_ZERO, 1.25, 0.75, extents(mean, half, 2), 2,
	    &lo, &hi);
	testutil_check_close(lo, 0, 0, "lo");
	testutil_check_close(hi, 2.75, 1e-12, "hi = 1.25 * (2 + 0.2)");
	chart_y_range(TPL_YRANGE_ZERO, 1.25, 0.75, clipped, 3, &lo, &hi);
	testutil_check_close(lo, 0, 0, "a clipped interval keeps the axis at 0");
	testutil_check_close(hi, 3.125, 1e-12, "the highest run is in range");
}

static void
test_y_range_spread_rule(void **state)
{
	double mean[] = {1000, 1200}, half[] = {10, 5}, lo, hi;

	(void)state;
	chart_y_range(TPL_YRANGE_SPREAD, 1.25, 0.75, extents(mean, half, 2), 2,
	    &lo, &hi);
	testutil_check_close(lo, 750, 1e-12, "lo = 0.75 * min mean");
	testutil_check_close(hi, 1506.25, 1e-12, "hi = 1.25 * (1200 + 5)");
}

static void
test_y_range_degenerate_data(void **state)
{
	double zero[] = {0, 0}, h0[] = {0, 0}, neg[] = {-2, 1}, one[] = {5};
	double lo, hi;

	(void)state;
	chart_y_range(TPL_YRANGE_ZERO, 1.25, 0.75, extents(zero, h0, 2), 2, &lo, &hi);
	assert_true(lo == 0 && hi == 1);
	chart_y_range(TPL_YRANGE_SPREAD, 1.25, 0.75, extents(zero, h0, 2), 2, &lo, &hi);
	assert_true(lo == 0 && hi == 1);
	chart_y_range(TPL_YRANGE_SPREAD, 1.25, 0.75, NULL, 0, &lo, &hi);
	assert_true(lo == 0 && hi == 1);
	chart_y_range(TPL_YRANGE_ZERO, 1.25, 0.75, extents(neg, h0, 2), 2, &lo, &hi);
	testutil_check_close(lo, -2.5, 1e-12, "negative lo");
	testutil_check_close(hi, 1.25, 1e-12, "negative hi");
	/* SPREAD with a non-positive mean falls back to ZERO. */
	chart_y_range(TPL_YRANGE_SPREAD, 1.25, 0.75, extents(neg, h0, 2), 2, &lo, &hi);
	testutil_check_close(lo, -2.5, 1e-12, "spread fallback");
	/* A rule that leaves no span is widened around the value. */
	chart_y_range(TPL_YRANGE_SPREAD, 1, 1, extents(one, h0, 1), 1, &lo, &hi);
	testutil_check_close(lo, 2.5, 1e-12, "single lo");
	testutil_check_close(hi, 7.5, 1e-12, "single hi");
}

static void
check_slots(const struct chart_layout *l, double frac)
{
	double cat = l->plot.w / (double)l->nrates;
	size_t r, s;

	testutil_check_close(l->bar_w, cat * frac / (double)l->nseries, 1e-9, "bar width");
	for (r = 0; r < l->nrates; r++)
		for (s = 0; s < l->nseries; s++) {
			const struct chart_bar *b = &l->bars[r * l->nseries + s];
			double want = l->plot.x + cat * ((double)r + 0.5) +
			    l->bar_w * ((double)s - ((double)l->nseries - 1) / 2);

			testutil_check_close(b->cx, want, 1e-9, "bar centre");
			testutil_check_close(b->r.x, want - l->bar_w / 2, 1e-9, "bar left");
			testutil_check_close(b->r.y, ymap(l, b->mean), 1e-9, "bar top");
			testutil_check_close(b->r.y + b->r.h, l->plot.y + l->plot.h, 1e-9,
			    "bar bottom on the axis");
		}
}

static void
test_bar_positions_one_series(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l;

	fx->chart.nseries = 1;
	l = layout(fx);
	assert_int_equal(l->nseries, 1);
	check_slots(l, 0.8);
	chart_layout_free(l);
}

static void
test_bar_positions_two_series(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l = layout(fx);

	assert_int_equal(l->nseries, 2);
	check_slots(l, 0.7);
	chart_layout_free(l);
}

static void
test_bar_positions_three_series(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l;

	make_model(fx, 3, 4);
	fx->chart.other_cases = 1;
	l = layout(fx);
	assert_int_equal(l->nseries, 3);
	check_slots(l, 0.7);
	/* The unlisted case gets a palette colour not used by listed ones. */
	assert_string_equal(l->series[2].label, "stress");
	assert_false(memcmp(&l->series[2].color, &blue, sizeof(blue)) == 0);
	assert_false(memcmp(&l->series[2].color, &orange, sizeof(orange)) == 0);
	chart_layout_free(l);
}

static void
test_other_cases_left_out_unless_asked(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l;

	make_model(fx, 3, 4);
	l = layout(fx);
	assert_int_equal(l->nseries, 2);
	chart_layout_free(l);
}

static void
test_error_bars_have_caps(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l;
	const struct chart_bar *b;

	fx->cells[1][2].m[METRIC_CPU].half = 0; /* no interval: no error bar */
	l = layout(fx);
	b = &l->bars[0];
	assert_true(b->has_err && b->cap_top && b->cap_bottom);
	testutil_check_close(b->err_top, ymap(l, b->mean + 1), 1e-9, "CI top");
	testutil_check_close(b->err_bottom, ymap(l, b->mean - 1), 1e-9, "CI bottom");
	assert_true(b->cap_half > 0 && b->cap_half <= l->bar_w / 2);
	assert_false(l->bars[2 * 2 + 1].has_err);
	chart_draw(&fx->rc->canvas, l);
	/* 7 bars with an interval: a stem and two caps each. */
	{
		const char *g = strstr(fx->rc->text, "group errorbars\n");
		const char *e = strstr(g, "group axes\n");
		size_t lines = 0;

		for (; g < e; g++)
			lines += strncmp(g, "\nline ", 6) == 0;
		assert_int_equal(lines, 21);
	}
	chart_layout_free(l);
}

static void
test_bars_and_error_bars_carry_tooltips(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l = layout(fx);

	chart_draw(&fx->rc->canvas, l);
	/* 2 series x 4 rates, each bar and each error bar in a group with its tooltip. */
	assert_int_equal(testutil_count(fx->rc->text, "group bar\ntooltip "), 8);
	assert_int_equal(testutil_count(fx->rc->text, "group errorbar\ntooltip "), 8);
	assert_non_null(strstr(fx->rc->text, "group bar\ntooltip \"With IG, "
	    "3000 events/s: 31.00 \xc2\xb1 1.00 % CPU (n = 5)\"\nrect "));
	chart_layout_free(l);
}

static void
test_error_bar_clipped_at_axis_has_no_cap(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l;
	const struct chart_bar *b;

	fx->chart.yrange = TPL_YRANGE_SPREAD;
	fx->cells[0][0].m[METRIC_CPU].half = 9; /* 10 - 9 is below 0.75 * 10 */
	l = layout(fx);
	b = &l->bars[0];
	assert_true(l->ymin > 1);
	assert_true(b->has_err && b->cap_top);
	assert_false(b->cap_bottom);
	testutil_check_close(b->err_bottom, l->plot.y + l->plot.h, 1e-9, "clipped");
	chart_layout_free(l);
}

/* Every run is a dot over its bar, spread over the bar in input order, inside the plot. */
static void
test_runs_drawn_as_dots_over_their_bar(void **state)
{
	struct fixture *fx = *state;
	double runs[3 * METRIC__MAX];
	struct chart_layout *l;
	const struct chart_bar *b;
	const char *p;
	size_t k, n = 0;
	double x, y, r, lastx = -1;

	for (k = 0; k < 3 * METRIC__MAX; k++)
		runs[k] = NAN;
	runs[0 * METRIC__MAX + METRIC_CPU] = 11.5;
	runs[1 * METRIC__MAX + METRIC_CPU] = 9.5;
	/* A run far above every interval widens the axis to show it. */
	runs[2 * METRIC__MAX + METRIC_CPU] = 80;
	fx->cells[0][0].runs = runs;
	fx->cells[0][0].nruns = 3;
	fx->chart.runs = 1;
	l = layout(fx);
	assert_true(l->ymax >= 80);
	b = &l->bars[0];
	chart_draw(&fx->rc->canvas, l);
	p = strstr(fx->rc->text, "group runs\n");
	assert_non_null(p);
	while ((p = strstr(p, "\ncircle ")) != NULL &&
	    sscanf(p, "\ncircle %lf %lf %lf", &x, &y, &r) == 3) {
		assert_true(x > b->r.x && x < b->r.x + b->r.w);
		assert_true(x > lastx);
		assert_true(y >= l->plot.y && y <= l->plot.y + l->plot.h);
		lastx = x;
		n++;
		p++;
	}
	assert_int_equal(n, 3);
	testutil_check_close(y, ymap(l, 80), 0.06, "the third dot is the third run");
	/* The value label rises above the highest dot. */
	assert_true(b->label == NULL || b->ly < ymap(l, 80));
	chart_layout_free(l);
	recording_canvas_clear(fx->rc);

	fx->chart.runs = 0;
	l = layout(fx);
	chart_draw(&fx->rc->canvas, l);
	assert_null(strstr(fx->rc->text, "circle "));
	chart_layout_free(l);
	fx->cells[0][0].runs = NULL;
	fx->cells[0][0].nruns = 0;
}

/* A metric that cannot be negative has its interval drawn from 0, and the chart says it was clipped. */
static void
test_interval_of_non_negative_metric_clipped_at_zero(void **state)
{
	struct fixture *fx = *state;
	const struct doc_chart *dc;
	struct chart_layout *l;

	fx->m.metrics |= 1u << METRIC_LOST;
	fx->chart.metric = METRIC_LOST;
	fx->cells[1][0].m[METRIC_LOST].mean = 1;
	fx->cells[1][0].m[METRIC_LOST].half = 3.2;
	dc = bind(fx, &fx->chart);
	assert_non_null(dc);
	assert_true(dc->clipped);
	testutil_check_close(dc->series[1].values[0].lo, 0, 0, "lo");
	testutil_check_close(dc->series[1].values[0].hi, 4.2, 1e-12, "hi");
	l = chart_layout_new(&fx->rc->canvas, &fx->t, dc, 40, 60, 360, 260);
	testutil_check_close(l->ymin, 0, 0, "the axis starts at 0");
	testutil_check_close(l->bars[1].err_bottom, ymap(l, 0), 1e-9, "drawn to 0");
	chart_layout_free(l);
	/* Intervals that stay above 0 are drawn whole, and the chart is not marked. */
	fx->chart.metric = METRIC_CPU;
	dc = bind(fx, &fx->chart);
	assert_false(dc->clipped);
	testutil_check_close(dc->series[1].values[0].lo, 10, 1e-12, "whole interval");
}

static void
check_labels_apart(const struct chart_layout *l, size_t *shown)
{
	size_t i, k, n = l->nrates * l->nseries;

	*shown = 0;
	for (i = 0; i < n; i++) {
		const struct chart_rect *a = &l->bars[i].lbox;

		if (l->bars[i].label == NULL)
			continue;
		++*shown;
		if (a->x < l->plot.x - 1e-9 || a->y < l->plot.y - 1e-9 ||
		    a->x + a->w > l->plot.x + l->plot.w + 1e-9 ||
		    a->y + a->h > l->plot.y + l->plot.h + 1e-9)
			fail_msg("label %zu leaves the plot", i);
		for (k = 0; k < i; k++) {
			const struct chart_rect *b = &l->bars[k].lbox;

			if (l->bars[k].label != NULL && a->x < b->x + b->w &&
			    b->x < a->x + a->w && a->y < b->y + b->h &&
			    b->y < a->y + a->h)
				fail_msg("labels %zu and %zu overlap", k, i);
		}
	}
}

static void
test_labels_full_size_when_room(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l = layout(fx);
	size_t shown;

	check_labels_apart(l, &shown);
	assert_int_equal(shown, 8);
	testutil_check_close(l->label_size, 9, 0, "size");
	assert_false(l->label_vertical);
	assert_string_equal(l->bars[0].label, "10.00");
	/* Centred on the bar, baseline just above the CI. */
	testutil_check_close(l->bars[0].lx, l->bars[0].cx, 1e-9, "centred");
	testutil_check_close(l->bars[0].ly, ymap(l, 11) - 2, 1e-9, "above CI");
	chart_layout_free(l);
}

static void
test_labels_do_not_overlap_on_dense_chart(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l;
	size_t shown, r;

	make_model(fx, 2, NR);
	for (r = 0; r < NR; r++) {
		set_cell(fx, 0, r, 1394.83 + (double)r, 3);
		set_cell(fx, 1, r, 1399.2 + (double)r, 3);
	}
	fx->chart.decimals = 0;
	l = layout(fx);
	check_labels_apart(l, &shown);
	assert_true(shown > 0);
	assert_true(l->label_vertical || l->label_size < 9);
	chart_layout_free(l);
	/* Even narrower: whatever the fallback, no overlap and nothing outside. */
	l = layout_at(fx, 0, 0, 120, 200);
	check_labels_apart(l, &shown);
	chart_layout_free(l);
}

static void
test_labels_stay_inside_plot_at_top(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l;
	size_t shown;

	fx->chart.headroom = 1.0; /* the tallest bar touches the top */
	l = layout(fx);
	check_labels_apart(l, &shown);
	assert_int_equal(shown, 8);
	chart_layout_free(l);
}

static void
test_gap_gets_no_bar_and_na_mark(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l, *full;

	full = layout(fx);
	fx->cells[0][1].rows = 0;                 /* baseline has no row at rate 2 */
	fx->cells[1][3].m[METRIC_CPU].n = 0;      /* ig has rows but no CPU value */
	l = layout(fx);
	assert_true(l->bars[1 * 2 + 0].gap);
	assert_true(l->bars[3 * 2 + 1].gap);
	assert_null(l->bars[1 * 2 + 0].label);
	/* The neighbour keeps its own slot: never shifted into the gap. */
	testutil_check_close(l->bars[1 * 2 + 1].cx, full->bars[1 * 2 + 1].cx, 1e-9, "slot");
	chart_draw(&fx->rc->canvas, l);
	/* 6 bars, the plot frame, the legend box and its 2 swatches. */
	assert_int_equal(recording_canvas_count(fx->rc, "rect "), 6 + 1 + 1 + 2);
	assert_int_equal(testutil_count(fx->rc->text, " #888888 \"n/a\"\n"), 2);
	chart_layout_free(l);
	chart_layout_free(full);
}

static void
test_legend_lists_series_with_swatches(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l = layout(fx);

	chart_draw(&fx->rc->canvas, l);
	assert_int_equal(testutil_count(fx->rc->text, "group legend\n"), 1);
	assert_non_null(strstr(fx->rc->text, "\"Baseline\"\n"));
	assert_non_null(strstr(fx->rc->text, "\"With IG\"\n"));
	assert_non_null(strstr(fx->rc->text, "fill=#1f77b4/0.80 stroke=none"));
	chart_layout_free(l);
	recording_canvas_clear(fx->rc);
	fx->chart.legend = 0;
	l = layout(fx);
	chart_draw(&fx->rc->canvas, l);
	assert_int_equal(testutil_count(fx->rc->text, "group legend\n"), 0);
	chart_layout_free(l);
}

static void
test_legend_avoids_tall_bars(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l;

	/* Rising data: the right side is full, so the legend goes upper left. */
	l = layout(fx);
	assert_true(l->legend);
	testutil_check_close(l->legend_box.x, l->plot.x + 4, 1e-9, "upper left");
	chart_layout_free(l);
	/* Falling data: upper right. */
	set_cell(fx, 0, 0, 40, 1);
	set_cell(fx, 1, 0, 41, 1);
	set_cell(fx, 0, 3, 10, 1);
	set_cell(fx, 1, 3, 11, 1);
	l = layout(fx);
	testutil_check_close(l->legend_box.x + l->legend_box.w, l->plot.x + l->plot.w - 4,
	    1e-9, "upper right");
	chart_layout_free(l);
}

static void
test_chart_texts_are_expanded(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l = layout(fx);

	assert_string_equal(l->title, "CPU Usage (with 95% CI)");
	chart_draw(&fx->rc->canvas, l);
	assert_non_null(strstr(fx->rc->text, " V \"CPU Usage (%)\"\n"));
	assert_non_null(strstr(fx->rc->text, "\"Events per Second\"\n"));
	assert_non_null(strstr(fx->rc->text, "\"4000\"\n"));
	chart_layout_free(l);
}

static void
test_absent_metric_drops_chart(void **state)
{
	struct fixture *fx = *state;

	fx->chart.metric = METRIC_IGCPU;
	assert_null(bind(fx, &fx->chart));
}

static void
test_figure_draws_title_and_present_charts(void **state)
{
	struct fixture *fx = *state;

	struct doc_block fig;

	memset(&fig, 0, sizeof(fig));
	fx->charts[0] = fx->chart;
	fx->charts[1] = fx->chart;
	fx->charts[1].metric = METRIC_IGMEM; /* absent from the model */
	assert_null(bind(fx, &fx->charts[1]));
	fig.kind = DOC_FIGURE;
	fig.text = (char *)"trace_dns - Host";
	fig.height = 300;
	fig.charts = (struct doc_chart *)bind(fx, &fx->charts[0]);
	fig.ncharts = 1;
	assert_non_null(fig.charts);
	chart_draw_figure(&fx->rc->canvas, &fx->t, &fig, 50, 40, 700);
	assert_non_null(strstr(fx->rc->text,
	    "text 400.0 54.9 C B 16.0 #000000 \"trace_dns - Host\"\n"));
	assert_int_equal(testutil_count(fx->rc->text, "group chart\n"), 1);
	assert_int_equal(testutil_count(fx->rc->text, "group "),
	    testutil_count(fx->rc->text, "endgroup\n"));
}

static void
test_grid_lines_at_ticks(void **state)
{
	struct fixture *fx = *state;
	struct chart_layout *l = layout(fx);
	char buf[128];
	size_t i;

	chart_draw(&fx->rc->canvas, l);
	for (i = 0; i < l->nticks; i++) {
		snprintf(buf, sizeof(buf), "line %.1f %.1f %.1f %.1f stroke=#b0b0b0/0.30/0.5\n",
		    l->plot.x, ymap(l, l->ticks[i]), l->plot.x + l->plot.w,
		    ymap(l, l->ticks[i]));
		if (strstr(fx->rc->text, buf) == NULL)
			fail_msg("no grid line: %s", buf);
	}
	assert_true(l->nticks >= 3);
	chart_layout_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticks_use_one_two_five_steps),
		cmocka_unit_test(test_ticks_do_not_extend_range_when_wasteful),
		cmocka_unit_test(test_ticks_round_spread_lower_bound),
		cmocka_unit_test(test_ticks_tiny_and_negative_ranges),
		cmocka_unit_test(test_y_range_zero_rule),
		cmocka_unit_test(test_y_range_spread_rule),
		cmocka_unit_test(test_y_range_degenerate_data),
		cmocka_unit_test_setup_teardown(test_bar_positions_one_series, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bar_positions_two_series, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bar_positions_three_series, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_cases_left_out_unless_asked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_bars_have_caps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bars_and_error_bars_carry_tooltips, setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_bar_clipped_at_axis_has_no_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_labels_full_size_when_room, setup, teardown),
		cmocka_unit_test_setup_teardown(test_labels_do_not_overlap_on_dense_chart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_labels_stay_inside_plot_at_top, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gap_gets_no_bar_and_na_mark, setup, teardown),
		cmocka_unit_test_setup_teardown(test_legend_lists_series_with_swatches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_legend_avoids_tall_bars, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chart_texts_are_expanded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_absent_metric_drops_chart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_figure_draws_title_and_present_charts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_grid_lines_at_ticks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_runs_drawn_as_dots_over_their_bar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interval_of_non_negative_metric_clipped_at_zero, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
