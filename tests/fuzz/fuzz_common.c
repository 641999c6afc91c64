/* SPDX-License-Identifier: Apache-2.0 */
/* What both fuzz targets share: the source tree's data files and rendering a model's document in memory. */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "compare.h"
#include "diag.h"
#include "export_json.h"
#include "pdf.h"
#include "produce.h"
#include "render_html.h"
#include "render_md.h"
#include "render_pdf.h"
#include "render_svg.h"
#include "results.h"
#include "svg.h"
#include "xalloc.h"

#ifndef FUZZ_SOURCE_DIR
#define FUZZ_SOURCE_DIR "."
#endif

char *
fuzz_source_path(const char *relative)
{
	const char *root = getenv("IGREPORT_SOURCE_DIR");

	if (root == NULL || *root == '\0')
		root = FUZZ_SOURCE_DIR;
	return xasprintf("%s/%s", root, relative);
}

/* Prints the diagnostics and aborts: setup of a fuzz target must not fail. */
static void
fuzz_die(const char *what, struct diags *d)
{
	fprintf(stderr, "fuzz: %s failed\n", what);
	diags_print(d, stderr, 1, 0);
	abort();
}

struct fonts *
fuzz_fonts(void)
{
	struct diags d = { 0 };
	char *dir = fuzz_source_path("fonts");
	struct fonts *f = fonts_load(dir, &d);

	if (f == NULL)
		fuzz_die(dir, &d);
	free(dir);
	diags_free(&d);
	return f;
}

struct template *
fuzz_template(const char *relative)
{
	struct diags d = { 0 };
	char *path = fuzz_source_path(relative);
	char *xsd = fuzz_source_path("templates/igreport.xsd");
	struct template *t = template_load(path, xsd, &d);

	if (t == NULL)
		fuzz_die(path, &d);
	free(path);
	free(xsd);
	diags_free(&d);
	return t;
}

/* Formats every diagnostic as main would, so formatting is fuzzed too. */
static void
fuzz_diags_drop(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(diag_format(&d->v[i]));
	diags_free(d);
}

struct model *
fuzz_model(const char *csv, size_t len, const char *name)
{
	struct diags d = { 0 };
	struct aggregate *a = aggregate_new(0.95);
	struct model *m = NULL;
	char *copy = xmalloc(len + 1);
	FILE *fp;

	memcpy(copy, csv, len);
	/* fmemopen may refuse an empty buffer: an empty file is the same input. */
	fp = len > 0 ? fmemopen(copy, len, "rb") : fopen("/dev/null", "rb");
	if (fp == NULL)
		abort();
	results_read(a, name, fp, &d);
	fclose(fp);
	free(copy);
	if (diags_failed(&d))
		aggregate_free(a);
	else if ((m = aggregate_finish(a, NULL, 0, &d)) != NULL &&
	    model_check(m, stderr) != 0)
		abort();
	fuzz_diags_drop(&d);
	return m;
}

/* A stream into memory, and a check that the back end wrote to it. */
struct fuzz_sink {
	char *buf;
	size_t len;
	FILE *fp;
};

static void
fuzz_sink_open(struct fuzz_sink *s)
{
	s->buf = NULL;
	s->len = 0;
	if ((s->fp = open_memstream(&s->buf, &s->len)) == NULL)
		abort();
}

static void
fuzz_sink_close(struct fuzz_sink *s, int rc, struct diags *d, const char *what)
{
	if (rc < 0 || diags_failed(d))
		fuzz_die(what, d);
	fclose(s->fp);
	if (s->len == 0)
		fuzz_die(what, d);
	free(s->buf);
}

static void
fuzz_pdf(const struct document *doc, const struct fonts *fonts,
    const char *data, size_t len)
{
	struct pdf_info info = { doc->title, "fuzz", "igreport fuzz", 0 };
	struct diags d = { 0 };
	struct fuzz_sink s;
	struct canvas c;
	struct pdf *p;

	if ((p = pdf_open(fonts, &info, &d)) == NULL)
		fuzz_die("pdf_open", &d);
	pdf_canvas(p, &c);
	render_pdf_draw(&c, doc);
	if (pdf_attach(p, "fuzz.csv", (const unsigned char *)data, len, &d) < 0)
		fuzz_die("pdf_attach", &d);
	fuzz_sink_open(&s);
	fuzz_sink_close(&s, pdf_close(p, s.fp, &d), &d, "pdf_close");
	diags_free(&d);
}

static void
fuzz_svg(const struct document *doc, const struct fonts *fonts)
{
	struct diags d = { 0 };
	struct fuzz_sink s;
	struct canvas c;
	struct svg *svg;
	size_t i;

	for (i = 0; i < doc->nblocks; i++) {
		const struct doc_block *b = &doc->blocks[i];
		struct svg_info info = { b->text, b->desc, 0 };

		if (!render_svg_is_item(b))
			continue;
		if ((svg = svg_open(&info, &d)) == NULL)
			fuzz_die("svg_open", &d);
		svg_canvas(svg, &c, fonts);
		render_svg_draw(&c, doc, b);
		fuzz_sink_open(&s);
		fuzz_sink_close(&s, svg_close(svg, s.fp, &d), &d, "svg_close");
	}
	diags_free(&d);
}

/* Every JSON export of m, and of c when there is one. */
static void
fuzz_exports(const struct model *m, const struct comparison *c)
{
	static const struct export_info info = { "fuzz", 0 };
	struct diags d = { 0 };
	struct fuzz_sink s;
	int k;

	for (k = 0; k < EXPORT__MAX; k++) {
		fuzz_sink_open(&s);
		fuzz_sink_close(&s, export_report(s.fp, m, &info,
		    (enum export_kind)k), &d, "export_report");
		if (c == NULL)
			continue;
		fuzz_sink_open(&s);
		fuzz_sink_close(&s, export_compare(s.fp, c, &info,
		    (enum export_kind)k), &d, "export_compare");
	}
}

/* The document of m with tpl: of m compared with itself when tpl is a compare template. */
static struct document *
fuzz_document(const struct model *m, const struct template *tpl,
    struct comparison **c, const char *title)
{
	static const struct compare_options opt = { 0.05, 5.0, 0.95,
		COMPARE_CORRECTION_NONE };
	struct produce_input in = { tpl, m, NULL, title,
		"2023-11-14 22:13 UTC", "fuzz", 0, 0, NULL, NULL };
	struct diags d = { 0 };
	struct document *doc;

	*c = NULL;
	if (tpl->kind == TPL_KIND_COMPARE) {
		*c = compare_build(m, m, &opt);
		in.model = NULL;
		in.comparison = *c;
	}
	/* A template of the data's kind is never refused (warnings may come). */
	if ((doc = produce_document(&in, &d)) == NULL || diags_failed(&d))
		fuzz_die("produce_document", &d);
	diags_free(&d);
	return doc;
}

void
fuzz_render(const struct model *m, const struct template *tpl,
    const struct fonts *fonts, const char *data, size_t len)
{
	struct tpl_vars vars = { NULL, "95", NULL, "2023-11-14 22:13 UTC", NULL,
		NULL, NULL, NULL };
	struct diags d = { 0 };
	struct fuzz_sink s;
	char *title;
	struct comparison *c;
	struct document *doc;

	/*
	 * A trend template draws a history of runs, which one model is not:
	 * it is loaded and checked here, and drawn by fuzz_cli's trend
	 * command lines.
	 */
	if (tpl->kind == TPL_KIND_TREND)
		return;
	title = template_expand(tpl->title, &vars);
	doc = fuzz_document(m, tpl, &c, title);

	fuzz_sink_open(&s);
	model_dump(m, s.fp);
	fuzz_sink_close(&s, render_md_write(s.fp, doc, 1, NULL), &d, "markdown");
	{
		/* The input as the driver hands it to the page: deflated. */
		struct zpack *z = zpack_start_stream(len);
		struct html_attachment att = { "in.csv", NULL };
		struct figures *figs = figures_new(doc, fonts, 0);
		int err, first;

		(void)zpack_write(z, data, len);
		if (zpack_finish(z, &err, &first) < 0)
			fuzz_die("zpack", &d);
		att.packed = z;
		fuzz_sink_open(&s);
		fuzz_sink_close(&s, render_html_write(s.fp, doc, figs, &att, 1,
		    "fuzz", &d), &d, "html");
		zpack_free(z);
		figures_free(figs);
	}
	fuzz_pdf(doc, fonts, data, len);
	fuzz_svg(doc, fonts);
	fuzz_exports(m, c);
	doc_free(doc);
	compare_free(c);
	free(title);
}
