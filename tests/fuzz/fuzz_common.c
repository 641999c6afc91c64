/* What both fuzz targets share: the source tree's data files and rendering a model in memory. */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "diag.h"
#include "markdown.h"
#include "pdf.h"
#include "report.h"
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
fuzz_pdf(const struct report_context *rc, const struct fonts *fonts,
    const char *data, size_t len)
{
	struct pdf_info info = { rc->title, "fuzz", "igreport fuzz", 0 };
	struct diags d = { 0 };
	struct fuzz_sink s;
	struct canvas c;
	struct pdf *p;

	if ((p = pdf_open(fonts, &info, &d)) == NULL)
		fuzz_die("pdf_open", &d);
	pdf_canvas(p, &c);
	report_draw(&c, rc);
	if (pdf_attach(p, "fuzz.csv", (const unsigned char *)data, len, &d) < 0)
		fuzz_die("pdf_attach", &d);
	fuzz_sink_open(&s);
	fuzz_sink_close(&s, pdf_close(p, s.fp, &d), &d, "pdf_close");
	diags_free(&d);
}

static void
fuzz_svg(const struct report_context *rc, const struct fonts *fonts)
{
	struct canvas measure = { NULL, NULL, fonts }, c;
	struct report_item *items;
	struct diags d = { 0 };
	struct fuzz_sink s;
	struct svg *svg;
	size_t n, i;

	n = report_items(&measure, rc, &items);
	for (i = 0; i < n; i++) {
		struct svg_info info = { items[i].title, items[i].desc };

		if ((svg = svg_open(&info, &d)) == NULL)
			fuzz_die("svg_open", &d);
		svg_canvas(svg, &c, fonts);
		report_draw_item(&c, rc, &items[i]);
		fuzz_sink_open(&s);
		fuzz_sink_close(&s, svg_close(svg, s.fp, &d), &d, "svg_close");
	}
	report_items_free(items, n);
	diags_free(&d);
}

void
fuzz_render(const struct model *m, const struct template *tpl,
    const struct fonts *fonts, const char *data, size_t len)
{
	struct report_context rc = { tpl, m, NULL, "2023-11-14 22:13 UTC",
		"fuzz", NULL };
	struct tpl_vars vars = { NULL, "95", NULL, rc.date, NULL, NULL, NULL,
		NULL };
	struct diags d = { 0 };
	struct fuzz_sink s;
	char *title = template_expand(tpl->title, &vars);

	rc.title = title;
	fuzz_sink_open(&s);
	model_dump(m, s.fp);
	fuzz_sink_close(&s, markdown_write(s.fp, m, title), &d, "markdown");
	fuzz_pdf(&rc, fonts, data, len);
	fuzz_svg(&rc, fonts);
	free(title);
}
