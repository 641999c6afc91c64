/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for linechart.c: geometry of points, gaps, whiskers, markers and labels, and the drawing through a recording canvas. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "fixture.h"
#include "linechart.h"
#include "recording_canvas.h"
#include "xalloc.h"

#define NCATS 6

struct lc_fixture {
	struct fonts *fonts;
	struct template *tpl;
	struct recording_canvas *rc;
	struct doc_chart ch;
};

/* Two series over NCATS runs; series 1 has a gap at run 3; a step before run 4. */
static int
setup(void **state)
{
	static const double means[2][NCATS] = {
		{ 1.0, 1.1, 1.0, 1.05, 1.5, 1.45 },
		{ 2.0, 2.1, 2.0, 0.0, 2.6, 2.5 },
	};
	struct lc_fixture *fx = xcalloc(1, sizeof(*fx));
	size_t s, k;

	fx->fonts = recording_fonts_load();
	assert_non_null(fx->fonts);
	fx->tpl = fixture_template("templates/trend.xml");
	fx->rc = recording_canvas_new(fx->fonts);
	fx->ch.kind = DOC_CHART_LINE;
	fx->ch.title = xstrdup("IG CPU");
	fx->ch.x_label = xstrdup("Run");
	fx->ch.y_label = xstrdup("CPU (%)");
	fx->ch.ncats = NCATS;
	fx->ch.nseries = 2;
	fx->ch.series = xcalloc(2, sizeof(*fx->ch.series));
	fx->ch.cat_labels = xcalloc(NCATS, sizeof(*fx->ch.cat_labels));
	for (k = 0; k < NCATS; k++)
		fx->ch.cat_labels[k] = xasprintf("v%zu", k + 1);
	for (s = 0; s < 2; s++) {
		fx->ch.series[s].label = xasprintf("%zu/s", 1024 * (s + 1));
		fx->ch.series[s].color = (struct canvas_color){ 0x1f, 0x77,
			(unsigned char)(0xb4 - 0x40 * s) };
		fx->ch.series[s].values = xcalloc(NCATS,
		    sizeof(*fx->ch.series[s].values));
		for (k = 0; k < NCATS; k++) {
			struct doc_value *v = &fx->ch.series[s].values[k];

			v->gap = s == 1 && k == 3;
			v->mean = means[s][k];
			v->half = k == 0 ? 0.0 : 0.05;
			v->tip = v->gap ? NULL : xasprintf("v%zu: %g", k + 1,
			    v->mean);
		}
	}
	fx->ch.nmarkers = 1;
	fx->ch.markers = xcalloc(1, sizeof(*fx->ch.markers));
	fx->ch.markers[0].cat = 4;
	fx->ch.markers[0].label = xstrdup("+43%");
	fx->ch.markers[0].color = (struct canvas_color){ 0xc6, 0x28, 0x28 };
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct lc_fixture *fx = *state;

	doc_chart_free(&fx->ch);
	recording_canvas_free(fx->rc);
	template_free(fx->tpl);
	fonts_free(fx->fonts);
	free(fx);
	return 0;
}

static struct linechart_layout *
layout(struct lc_fixture *fx, double w)
{
	return linechart_layout_new(&fx->rc->canvas, fx->tpl, &fx->ch, 10, 20,
	    w, 220);
}

static void
test_categories_evenly_spaced_inside_plot(void **state)
{
	struct lc_fixture *fx = *state;
	struct linechart_layout *l = layout(fx, 400);
	double slot = l->plot.w / NCATS;
	size_t k;

	for (k = 0; k < NCATS; k++) {
		assert_close(l->pts[k].x, l->plot.x + slot * ((double)k + 0.5), 1e-12);
		assert_close(l->pts[NCATS + k].x, l->pts[k].x, 1e-12);
	}
	assert_true(l->plot.x > 10 && l->plot.x + l->plot.w < 410);
	assert_true(l->legend_box.w > 0 && l->legend_box.x > l->plot.x + l->plot.w);
	linechart_layout_free(l);
}

/* The range covers every interval; higher values are higher on the page. */
static void
test_range_and_y_mapping(void **state)
{
	struct lc_fixture *fx = *state;
	struct linechart_layout *l = layout(fx, 400);

	assert_true(l->ymin <= 1.0 - 0.0 && l->ymax >= 2.6 + 0.05);
	assert_true(l->ymin >= 0.0);
	assert_true(l->pts[4].y < l->pts[3].y);            /* 1.5 above 1.05 */
	assert_true(l->pts[NCATS].y < l->pts[0].y);        /* 2.0 above 1.0 */
	assert_true(l->nticks >= 2);
	linechart_layout_free(l);
}

static void
test_gap_and_whiskers(void **state)
{
	struct lc_fixture *fx = *state;
	struct linechart_layout *l = layout(fx, 400);

	assert_true(l->pts[NCATS + 3].gap);
	assert_false(l->pts[0].has_err); /* half 0 */
	assert_true(l->pts[1].has_err);
	assert_true(l->pts[1].yhi < l->pts[1].y && l->pts[1].y < l->pts[1].ylo);
	linechart_layout_free(l);
}

/* The marker sits between the last run before the step and the first after. */
static void
test_marker_between_runs(void **state)
{
	struct lc_fixture *fx = *state;
	struct linechart_layout *l = layout(fx, 400);

	assert_true(l->marker_x[0] > l->pts[3].x && l->marker_x[0] < l->pts[4].x);
	assert_close(l->marker_x[0], (l->pts[3].x + l->pts[4].x) / 2, 1e-12);
	linechart_layout_free(l);
}

static void
test_narrow_chart_turns_labels_upright(void **state)
{
	struct lc_fixture *fx = *state;
	struct linechart_layout *wide = layout(fx, 500), *narrow;
	size_t k;

	assert_false(wide->xlabel_vertical);
	for (k = 0; k < NCATS; k++) {
		free(fx->ch.cat_labels[k]);
		fx->ch.cat_labels[k] = xasprintf("2025-01-0%zu 10:00:00 UTC", k + 1);
	}
	narrow = layout(fx, 200);
	assert_true(narrow->xlabel_vertical);
	assert_true(narrow->plot.h < wide->plot.h);
	linechart_layout_free(wide);
	linechart_layout_free(narrow);
}

/* Segments break at the gap; one square and tooltip per value; one dashed marker. */
static void
test_drawing(void **state)
{
	struct lc_fixture *fx = *state;
	struct linechart_layout *l = layout(fx, 400);
	const char *rec;

	linechart_draw(&fx->rc->canvas, l);
	rec = fx->rc->text;
	assert_non_null(strstr(rec, "group chart\ngroup grid\n"));
	assert_non_null(strstr(rec, "group markers\nline "));
	assert_non_null(strstr(rec, "/dash\ntext "));
	assert_non_null(strstr(rec, "\"+43%\""));
	assert_int_equal(recording_canvas_count(fx->rc, "tooltip "), 11);
	assert_int_equal(recording_canvas_count(fx->rc, "group point"), 11);
	assert_non_null(strstr(rec, "tooltip \"v5: 1.5\""));
	assert_non_null(strstr(rec, "\"1024/s\""));
	assert_non_null(strstr(rec, "\"v6\""));
	assert_non_null(strstr(rec, "group title\ntext "));
	linechart_layout_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_categories_evenly_spaced_inside_plot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_range_and_y_mapping, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_gap_and_whiskers, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_marker_between_runs, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_narrow_chart_turns_labels_upright, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drawing, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
