/* Tests of the report composer: pages per template, footers, skipped figures, SVG items. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "aggregate.h"
#include "recording_canvas.h"
#include "report.h"

struct fixture {
	struct fonts *fonts;
	struct template *tpl;
	struct model *model;
	struct recording_canvas *rc;
	struct report_context ctx;
};

static const struct aggregate_origin origin = { 0, 2 };

static void
add(struct aggregate *a, const char *gadget, const char *tcase, double rate,
    double base, unsigned present)
{
	double v[METRIC__MAX] = { base, 1000 + base, base / 3, 90 + base, 0 };
	struct diags d = { 0 };

	aggregate_add(a, gadget, strlen(gadget), tcase, strlen(tcase), rate, v,
	    present, &origin, &d);
	diags_free(&d);
}

/* A model of ngadgets gadgets, 3 rates, 2 runs per group, with the given columns. */
static struct model *
make_model(size_t ngadgets, unsigned present)
{
	struct aggregate *a = aggregate_new(0.95);
	static const char *const names[] = { "trace_dns", "trace_exec", "top_tcp" };
	struct diags d = { 0 };
	struct model *m;
	size_t g;
	int r, run;

	aggregate_add_input(a, "runs/t.csv");
	aggregate_note_columns(a, present, 1);
	for (g = 0; g < ngadgets; g++)
		for (r = 0; r < 3; r++)
			for (run = 0; run < 2; run++) {
				add(a, names[g], "baseline", 256 << r, 1 + r + run * 0.1, present);
				add(a, names[g], "ig", 256 << r, 2 + r + run * 0.2, present);
			}
	m = aggregate_finish(a, NULL, 0, &d);
	diags_free(&d);
	assert_non_null(m);
	return m;
}

static struct fixture *
fixture_new(const char *template_name, size_t ngadgets, unsigned present)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct diags d = { 0 };
	char *tpath, *xsd;

	assert_non_null(f);
	f->fonts = recording_fonts_load();
	assert_non_null(f->fonts);
	tpath = testutil_source_path(template_name);
	xsd = testutil_source_path("templates/igreport.xsd");
	f->tpl = template_load(tpath, xsd, &d);
	assert_non_null(f->tpl);
	free(tpath);
	free(xsd);
	f->model = make_model(ngadgets, present);
	f->rc = recording_canvas_new(f->fonts);
	f->ctx.tpl = f->tpl;
	f->ctx.model = f->model;
	f->ctx.title = "Test report";
	f->ctx.date = "2025-01-02 03:04 UTC";
	f->ctx.version = "9.9";
	diags_free(&d);
	return f;
}

static void
fixture_free(struct fixture *f)
{
	recording_canvas_free(f->rc);
	model_free(f->model);
	template_free(f->tpl);
	fonts_free(f->fonts);
	free(f);
}

#define ALL_METRICS ((1u << METRIC__MAX) - 1)

static void
test_default_template_pages(void **state)
{
	struct fixture *f = fixture_new("templates/default.xml", 2, ALL_METRICS);
	size_t pages;

	(void)state;
	pages = report_draw(&f->rc->canvas, &f->ctx);
	/* cover, per gadget figures + table, one appendix page for 24 rows */
	assert_int_equal(pages, 6);
	assert_int_equal(recording_canvas_count(f->rc, "page "), 6);
	assert_int_equal(recording_canvas_count(f->rc, "endpage"), 6);
	assert_non_null(strstr(f->rc->text, "\"Test report - page 1 of 6\""));
	assert_non_null(strstr(f->rc->text, "\"Test report - page 6 of 6\""));
	assert_non_null(strstr(f->rc->text, "\"trace_exec - IG Process\""));
	assert_non_null(strstr(f->rc->text, "\"Performance metrics - trace_dns\""));
	assert_non_null(strstr(f->rc->text, "\"Generated on 2025-01-02 03:04 UTC."));
	fixture_free(f);
}

static void
test_compact_template_has_fewer_pages(void **state)
{
	struct fixture *f = fixture_new("templates/compact.xml", 2, ALL_METRICS);

	(void)state;
	/* cover, one page per gadget, appendix */
	assert_int_equal(report_draw(&f->rc->canvas, &f->ctx), 4);
	fixture_free(f);
}

static void
test_figures_without_data_are_left_out(void **state)
{
	struct fixture *f = fixture_new("templates/default.xml", 1,
	    (1u << METRIC_CPU) | (1u << METRIC_MEM));

	(void)state;
	report_draw(&f->rc->canvas, &f->ctx);
	assert_null(strstr(f->rc->text, "IG Process\""));
	assert_non_null(strstr(f->rc->text, "\"trace_dns - Host\""));
	fixture_free(f);
}

static void
test_summary_and_machine_on_cover(void **state)
{
	struct fixture *f = fixture_new("templates/default.xml", 1, ALL_METRICS);

	(void)state;
	report_draw(&f->rc->canvas, &f->ctx);
	assert_non_null(strstr(f->rc->text, "\"trace_dns: at 1024 events/s"));
	assert_non_null(strstr(f->rc->text, "\"t.csv\""));
	assert_null(strstr(f->rc->text, "runs/"));
	assert_non_null(strstr(f->rc->text, "describe no machine"));
	fixture_free(f);
}

static void
test_items_for_svg(void **state)
{
	struct fixture *f = fixture_new("templates/default.xml", 2, ALL_METRICS);
	struct report_item *items;
	size_t n = report_items(&f->rc->canvas, &f->ctx, &items);

	(void)state;
	assert_int_equal(n, 6);
	assert_string_equal(items[0].name, "trace_dns-host");
	assert_string_equal(items[1].name, "trace_dns-ig-process");
	assert_string_equal(items[2].name, "trace_dns-table");
	assert_string_equal(items[4].title, "trace_exec - IG Process");
	assert_non_null(strstr(items[0].desc, "Baseline and With IG"));
	assert_true(items[0].height > 250 && items[0].width > 700);
	recording_canvas_clear(f->rc);
	report_draw_item(&f->rc->canvas, &f->ctx, &items[2]);
	assert_int_equal(recording_canvas_count(f->rc, "page "), 1);
	assert_non_null(strstr(f->rc->text, "\"Performance metrics - trace_dns\""));
	report_items_free(items, n);
	fixture_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_template_pages),
		cmocka_unit_test(test_compact_template_has_fewer_pages),
		cmocka_unit_test(test_figures_without_data_are_left_out),
		cmocka_unit_test(test_summary_and_machine_on_cover),
		cmocka_unit_test(test_items_for_svg),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
