/* SPDX-License-Identifier: Apache-2.0 */
/* Runs, comparisons, shipped templates, documents and exports shared by the producer, renderer and export tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "aggregate.h"
#include "fixture.h"
#include "produce.h"
#include "render_md.h"

const struct canvas_color fixture_worse = { 0xc6, 0x28, 0x28 };
const struct canvas_color fixture_better = { 0x2e, 0x7d, 0x32 };

#define NROWS(a) (sizeof(a) / sizeof(a[0]))

static const struct compare_options defaults = { 0.05, 5.0, 0.95,
	COMPARE_CORRECTION_NONE };

/* The row as the CSV reader would keep it for the appendix. */
static void
add_raw(struct aggregate *a, const struct fixture_row *r, unsigned metrics,
    size_t input)
{
	char num[RAW__MAX][32];
	const char *cell[RAW__MAX];
	int m;

	cell[RAW_GADGET] = r->gadget;
	cell[RAW_CASE] = r->tcase;
	cell[RAW_RUN] = "1";
	snprintf(num[RAW_RATE], sizeof(num[0]), "%g", r->rate);
	cell[RAW_RATE] = num[RAW_RATE];
	for (m = 0; m < METRIC__MAX; m++) {
		snprintf(num[RAW_CPU + m], sizeof(num[0]), "%g", r->v[m]);
		cell[RAW_CPU + m] = metrics & (1u << m) ? num[RAW_CPU + m] : "";
	}
	aggregate_add_raw(a, cell, input);
}

struct model *
fixture_model(const char *path, const struct fixture_row *rows, size_t n,
    unsigned metrics, const char *const *meta)
{
	static const struct aggregate_origin origin = { 0, 2 };
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	struct model *m;
	size_t i, input = aggregate_add_input(a, path);

	aggregate_note_columns(a, metrics, 1);
	for (i = 0; meta != NULL && meta[i] != NULL; i += 2)
		aggregate_add_meta(a, meta[i], meta[i + 1]);
	for (i = 0; i < n; i++) {
		assert_int_equal(aggregate_add(a, rows[i].gadget,
		    strlen(rows[i].gadget), rows[i].tcase, strlen(rows[i].tcase),
		    rows[i].rate, rows[i].v, metrics, &origin, &d), 0);
		add_raw(a, &rows[i], metrics, input);
	}
	m = aggregate_finish(a, NULL, 0, &d);
	assert_non_null(m);
	assert_int_equal(model_check(m, stderr), 0);
	diags_free(&d);
	return m;
}

struct model *
fixture_run(size_t ngadgets, unsigned present)
{
	static const char *const names[] = { "trace_dns", "trace_exec", "top_tcp" };
	struct fixture_row rows[3 * 3 * 2 * 2];
	size_t g, n = 0;
	int r, run;

	assert_true(ngadgets <= 3);
	for (g = 0; g < ngadgets; g++)
		for (r = 0; r < 3; r++)
			for (run = 0; run < 2; run++) {
				double b = 1 + r + run * 0.1, i = 2 + r + run * 0.2;
				struct fixture_row base = { names[g], "baseline",
					256 << r, { b, 1000 + b, b / 3, 90 + b, 0 } };
				struct fixture_row ig = { names[g], "ig", 256 << r,
					{ i, 1000 + i, i / 3, 90 + i, 0 } };

				rows[n++] = base;
				rows[n++] = ig;
			}
	return fixture_model("runs/t.csv", rows, n, present, NULL);
}

const struct fixture_row fixture_old_rows[] = {
	{ "trace_exec", "baseline", 1024, { 1.0, 1400, 0, 0, 0 } },
	{ "trace_exec", "baseline", 1024, { 1.1, 1402, 0, 0, 0 } },
	{ "trace_exec", "ig", 1024, { 2.0, 1500, 1.0, 96, 0 } },
	{ "trace_exec", "ig", 1024, { 2.1, 1502, 1.1, 97, 0 } },
	{ "trace_exec", "baseline", 4096, { 3.0, 1400, 0, 0, 0 } },
	{ "trace_exec", "baseline", 4096, { 3.1, 1401, 0, 0, 0 } },
	{ "trace_exec", "ig", 4096, { 5.0, 1500, 2.0, 100, 0 } },
	{ "trace_exec", "ig", 4096, { 5.1, 1501, 2.1, 100, 0 } },
	{ "trace_dns", "baseline", 1024, { 1.0, 1400, 0, 0, 0 } },
	{ "trace_dns", "ig", 1024, { 1.5, 1450, 0.5, 50, 0 } },
};
const size_t fixture_nold_rows = NROWS(fixture_old_rows);

const struct fixture_row fixture_new_rows[] = {
	{ "trace_exec", "baseline", 1024, { 1.0, 1400, 0, 0, 0 } },
	{ "trace_exec", "baseline", 1024, { 1.1, 1402, 0, 0, 0 } },
	{ "trace_exec", "ig", 1024, { 2.0, 1350, 1.0, 96, 0 } },
	{ "trace_exec", "ig", 1024, { 2.1, 1352, 1.1, 97, 0 } },
	{ "trace_exec", "baseline", 4096, { 3.0, 1400, 0, 0, 0 } },
	{ "trace_exec", "baseline", 4096, { 3.1, 1401, 0, 0, 0 } },
	{ "trace_exec", "ig", 4096, { 5.0, 1500, 4.0, 100, 0 } },
	{ "trace_exec", "ig", 4096, { 5.1, 1501, 4.1, 100, 0 } },
	{ "trace_exec", "ig", 8192, { 9.0, 1600, 4.0, 110, 0 } },
	{ "trace_exec", "stress", 1024, { 9.0, 1600, 4.0, 110, 0 } },
	{ "trace_open", "baseline", 1024, { 1.0, 1400, 0, 0, 0 } },
};
const size_t fixture_nnew_rows = NROWS(fixture_new_rows);

const char *const fixture_old_meta[] = { "Processor", "AMD EPYC 7763",
	"Kernel", "6.8.0", "Benchmark Date", "2025-09-10", NULL };
const char *const fixture_new_meta[] = { "Processor", "Intel Xeon",
	"Kernel", "6.8.0", "Benchmark Date", "2025-10-02", NULL };

void
fixture_pair_new(struct fixture_pair *p, const char *const *new_meta)
{
	p->old = fixture_model("runs/old.csv", fixture_old_rows,
	    fixture_nold_rows, FIXTURE_ALL_METRICS, fixture_old_meta);
	p->new = fixture_model("runs/new.csv", fixture_new_rows,
	    fixture_nnew_rows, FIXTURE_ALL_METRICS, new_meta);
	p->c = compare_build(p->old, p->new, &defaults);
	assert_int_equal(p->c->counts[COMPARE_WORSE], 1);
	assert_int_equal(p->c->counts[COMPARE_BETTER], 2);
}

void
fixture_pair_free(struct fixture_pair *p)
{
	compare_free(p->c);
	model_free(p->old);
	model_free(p->new);
}

struct template *
fixture_template(const char *relative)
{
	struct diags d = { 0 };
	char *path = testutil_source_path(relative);
	char *xsd = testutil_source_path("templates/igreport.xsd");
	struct template *t = template_load(path, xsd, &d);

	if (t == NULL)
		diags_print(&d, stderr, 1, 0);
	assert_non_null(t);
	free(path);
	free(xsd);
	diags_free(&d);
	return t;
}

static struct document *
produce(const struct template *tpl, const struct model *m,
    const struct comparison *c, const char *title)
{
	struct produce_input in = { tpl, m, c, title, FIXTURE_DATE,
		FIXTURE_VERSION, 0, 0, NULL, NULL };
	struct diags d = { 0 };
	struct document *doc = produce_document(&in, &d);

	if (doc == NULL || d.n != 0)
		diags_print(&d, stderr, 1, 0);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	diags_free(&d);
	return doc;
}

struct document *
fixture_report(const struct template *tpl, const struct model *m,
    const char *title)
{
	return produce(tpl, m, NULL, title);
}

struct document *
fixture_comparison(const struct template *tpl, const struct comparison *c,
    const char *title)
{
	return produce(tpl, NULL, c, title);
}

char *
fixture_markdown(const struct document *doc, int link_figures)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	assert_int_equal(render_md_write(out, doc, link_figures, NULL), 0);
	assert_int_equal(fclose(out), 0);
	return buf;
}

const struct export_info fixture_export_info = { "9.9", 0 };

char *
fixture_export(const struct model *m, const struct comparison *c,
    enum export_kind kind)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	if (c != NULL)
		assert_int_equal(export_compare(f, c, &fixture_export_info, kind), 0);
	else
		assert_int_equal(export_report(f, m, &fixture_export_info, kind), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

void
fixture_assert_plain_json(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 && *p != '\n')
			fail_msg("raw control character 0x%02x at %zu", *p,
			    (size_t)(p - (const unsigned char *)s));
	assert_null(strstr(s, "nan"));
	assert_null(strstr(s, "inf"));
	assert_null(strstr(s, "NaN"));
	assert_null(strstr(s, "\xe2\x80\xa8"));
}
