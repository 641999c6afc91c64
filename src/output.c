/* SPDX-License-Identifier: Apache-2.0 */
/* Writing the outputs: the PDF, the SVG figures, the HTML page, the Markdown and the JSON, all or nothing. */
#include "output.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "datadir.h"
#include "manifest.h"
#include "outfile.h"
#include "pdf.h"
#include "render_html.h"
#include "render_md.h"
#include "render_pdf.h"
#include "render_svg.h"
#include "svg.h"
#include "task.h"
#include "xalloc.h"

static void
batch_add(struct output_batch *b, struct outfile *o)
{
	xgrow((void **)&b->files, &b->cap, b->n + 1, sizeof(*b->files));
	b->files[b->n++] = o;
}

/*
 * Names path in the diagnostics added since index from that name no file:
 * a back end writing to a stream does not know the stream's file.
 */
static void
name_diags(struct diags *d, size_t from, const char *path)
{
	for (; from < d->n; from++)
		if (d->v[from].file == NULL)
			d->v[from].file = xstrdup(path);
}

static int
attach_inputs(struct pdf *p, const struct output_context *ctx,
    struct diags *d)
{
	const char *const *names = ctx->names;
	size_t i, j;
	int rc;

	for (i = 0; i < ctx->ninputs; i++) {
		/* The same base name twice (a/r.csv b/r.csv) would be ambiguous. */
		const char *name = names[i];
		char *unique = NULL;

		if (ctx->bytes[i].packed == NULL)
			continue; /* too large to attach: said when it was read */
		for (j = 0; j < i; j++)
			if (strcmp(names[j], name) == 0)
				unique = xasprintf("%zu-%s", i + 1, name);
		rc = input_bytes_finish(&ctx->bytes[i], d) < 0 ? -1 :
		    pdf_attach_packed(p, unique ? unique : name,
		    ctx->bytes[i].packed, d);
		free(unique);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Into a temporary file for path, or to standard output for "-". */
static int
output_pdf_close(struct pdf *p, const struct output_context *ctx,
    const char *path, struct output_batch *batch, struct diags *d)
{
	struct outfile *o;
	size_t n = d->n;

	if (strcmp(path, "-") == 0) {
		if (pdf_close(p, stdout, d) < 0) {
			name_diags(d, n, OUTPUT_STDOUT);
			return -1;
		}
		if (fflush(stdout) != 0 || ferror(stdout)) {
			diags_add(d, D_WRITE_FAILED, OUTPUT_STDOUT, 0, 0, "%s",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	if ((o = outfile_open(path, ctx->inputs, ctx->ninputs, d)) == NULL) {
		pdf_discard(p);
		return -1;
	}
	n = d->n;
	if (pdf_close(p, outfile_stream(o), d) < 0) {
		name_diags(d, n, path);
		outfile_abort(o);
		return -1;
	}
	batch_add(batch, o);
	return 0;
}

static int
output_pdf_write(const struct output_context *ctx, const char *path,
    struct output_batch *batch, struct diags *d)
{
	struct pdf_info info;
	struct pdf *p;
	struct canvas c;

	info.title = ctx->doc->title;
	info.subject = "Inspektor Gadget overhead benchmark";
	info.creator = ctx->creator;
	info.epoch = ctx->epoch;
	if ((p = pdf_open(ctx->fonts, &info, d)) == NULL)
		return -1;
	pdf_canvas(p, &c);
	render_pdf_draw(&c, ctx->doc);
	if (attach_inputs(p, ctx, d) < 0) {
		pdf_discard(p);
		return -1;
	}
	return output_pdf_close(p, ctx, path, batch, d);
}

/* The leftovers of killed runs in the directory of file path (not "-"). */
static void
output_sweep_beside(const char *path, struct diags *d)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (strcmp(path, "-") == 0)
		return;
	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xasprintf("%.*s", (int)(slash - path), path);
	outfile_sweep(dir, d);
	free(dir);
}

int
output_pdf(const struct output_context *ctx, const char *path,
    struct output_batch *batch, struct diags *d)
{
	output_sweep_beside(path, d);
	return output_pdf_write(ctx, path, batch, d);
}

static int
svg_item(const struct output_context *ctx, struct figures *figs,
    const struct doc_block *it, const char *dir, struct output_batch *batch,
    struct diags *d)
{
	struct outfile *o;
	const char *bytes;
	char *path;
	size_t len;

	/* Item ids are safe file names: no '/', no leading '.' (document.h). */
	path = xasprintf("%s/%s.svg", dir, it->id);
	bytes = figures_file(figs, it, &len);
	o = outfile_open_bytes(path, ctx->inputs, ctx->ninputs, bytes, len, d);
	free(path);
	if (o == NULL)
		return -1;
	batch_add(batch, o);
	return 0;
}

int
output_prepare_dir(const char *dir, struct output_batch *batch,
    struct diags *d)
{
	int made = outfile_prepare_dir(dir, d);

	if (made < 0)
		return -1;
	if (made && batch->made_dir == NULL)
		batch->made_dir = xstrdup(dir);
	else if (made)
		outfile_forget_dir(dir, 0);
	if (batch->dir == NULL) {
		batch->dir = xstrdup(dir);
		outfile_sweep(dir, d);
	}
	return 0;
}

size_t
output_svg_items(const struct document *doc)
{
	size_t i, n = 0;

	for (i = 0; i < doc->nblocks; i++)
		n += (size_t)render_svg_is_item(&doc->blocks[i]);
	return n;
}

int
output_svg(const struct output_context *ctx, const char *dir,
    struct output_batch *batch, struct diags *d)
{
	const struct document *doc = ctx->doc;
	struct figures *figs = ctx->figures ? ctx->figures :
	    figures_new(doc, ctx->fonts, 0);
	size_t i;
	int rc = 0;

	if (output_prepare_dir(dir, batch, d) < 0)
		rc = -1;
	for (i = 0; i < doc->nblocks && rc == 0; i++)
		if (render_svg_is_item(&doc->blocks[i]))
			rc = svg_item(ctx, figs, &doc->blocks[i], dir, batch, d);
	if (figs != ctx->figures)
		figures_free(figs);
	return rc;
}

/* A PDF on its own thread, with its own batch and diagnostics. */
struct output_job {
	const struct output_context *ctx;
	char *path;
	struct output_batch batch;
	struct diags d;
	int rc;
	struct task task;
};

static void
output_job_run(void *arg)
{
	struct output_job *job = arg;

	/* Its directory was swept by output_prepare_dir. */
	job->rc = output_pdf_write(job->ctx, job->path, &job->batch, &job->d);
}

struct output_job *
output_pdf_begin(const struct output_context *ctx, const char *path)
{
	struct output_job *job = xcalloc(1, sizeof(*job));

	job->ctx = ctx;
	job->path = xstrdup(path);
	task_start(&job->task, output_job_run, job);
	return job;
}

static void
output_job_free(struct output_job *job)
{
	diags_free(&job->d);
	free(job->batch.files);
	free(job->batch.dir);
	free(job->path);
	free(job);
}

int
output_pdf_end(struct output_job *job, struct output_batch *batch,
    size_t at, struct diags *d)
{
	size_t i, n;
	int rc;

	assert(at <= batch->n);
	task_wait(&job->task);
	n = job->batch.n;
	xgrow((void **)&batch->files, &batch->cap, batch->n + n,
	    sizeof(*batch->files));
	memmove(batch->files + at + n, batch->files + at,
	    (batch->n - at) * sizeof(*batch->files));
	for (i = 0; i < n; i++)
		batch->files[at + i] = job->batch.files[i];
	batch->n += n;
	diags_move(d, &job->d);
	rc = job->rc;
	output_job_free(job);
	return rc;
}

void
output_pdf_cancel(struct output_job *job)
{
	task_wait(&job->task);
	output_abort(&job->batch);
	output_job_free(job);
}

int
output_text(const char *path, const char *const *inputs, size_t ninputs,
    output_write_fn write, const void *arg, struct output_batch *batch,
    struct diags *d)
{
	struct outfile *o;
	int rc;

	if (path == NULL || strcmp(path, "-") == 0) {
		rc = write(stdout, arg);
		if (rc == OUTPUT_REFUSED)
			return -1;
		if (rc < 0 || fflush(stdout) != 0 || ferror(stdout)) {
			diags_add(d, D_WRITE_FAILED, OUTPUT_STDOUT, 0, 0, "%s",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	if (batch->dir == NULL)
		output_sweep_beside(path, d);
	if ((o = outfile_open(path, inputs, ninputs, d)) == NULL)
		return -1;
	rc = write(outfile_stream(o), arg);
	batch_add(batch, o); /* a write error shows when the batch is committed */
	return rc == OUTPUT_REFUSED ? -1 : 0;
}

/* The Markdown of a context, and its length when it does not fit its limit. */
struct md_write {
	const struct output_context *ctx;
	size_t chars;
};

static int
output_md_write(FILE *out, const void *arg)
{
	struct md_write *w = (struct md_write *)arg;
	int rc = render_md_write(out, w->ctx->doc, w->ctx->link_figures,
	    &w->chars);

	return rc == -2 ? OUTPUT_REFUSED : rc;
}

int
output_markdown(const struct output_context *ctx, const char *path,
    struct output_batch *batch, struct diags *d)
{
	struct md_write w = { ctx, 0 };
	int rc = output_text(path, ctx->inputs, ctx->ninputs, output_md_write, &w,
	    batch, d);

	/* Too long even shortened: said here, nothing written (a file is aborted with its batch). */
	if (rc < 0 && w.chars > ctx->doc->fit.max_chars &&
	    ctx->doc->fit.max_chars > 0)
		diags_add(d, D_MD_TOO_LONG, path != NULL && strcmp(path, "-") != 0 ?
		    path : OUTPUT_STDOUT, 0, 0, "%zu characters, --max-chars %zu",
		    w.chars, ctx->doc->fit.max_chars);
	return rc;
}

/*
 * The inputs as the HTML offers them for download: what the PDF attaches,
 * their streams waited for; NULL when one has none (said in d).
 */
static struct html_attachment *
html_attachments(const struct output_context *ctx, struct diags *d)
{
	struct html_attachment *a = xcalloc(ctx->ninputs + 1, sizeof(*a));
	size_t i;

	for (i = 0; i < ctx->ninputs; i++) {
		a[i].name = ctx->names[i];
		if (ctx->bytes == NULL || ctx->bytes[i].packed == NULL)
			continue;
		if (input_bytes_finish(&ctx->bytes[i], d) < 0) {
			free(a);
			return NULL;
		}
		a[i].packed = ctx->bytes[i].packed;
	}
	return a;
}

int
output_html(const struct output_context *ctx, const char *path,
    struct output_batch *batch, struct diags *d)
{
	struct html_attachment *att = html_attachments(ctx, d);
	struct figures *figs;
	int to_stdout = strcmp(path, "-") == 0;
	struct outfile *o = NULL;
	size_t n;
	int rc;

	if (att == NULL)
		return -1;
	if (!to_stdout && (o = outfile_open(path, ctx->inputs, ctx->ninputs,
	    d)) == NULL) {
		free(att);
		return -1;
	}
	n = d->n;
	figs = ctx->figures ? ctx->figures : figures_new(ctx->doc, ctx->fonts, 0);
	rc = render_html_write(to_stdout ? stdout : outfile_stream(o), ctx->doc,
	    figs, att, ctx->bytes != NULL ? ctx->ninputs : 0, ctx->creator, d);
	if (figs != ctx->figures)
		figures_free(figs);
	free(att);
	name_diags(d, n, to_stdout ? OUTPUT_STDOUT : path);
	if (o == NULL)
		return rc;
	if (rc < 0) {
		outfile_abort(o);
		return -1;
	}
	batch_add(batch, o);
	return 0;
}

int
output_epoch(long long *epoch)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (env == NULL || *env == '\0') {
		*epoch = (long long)time(NULL);
		return 0;
	}
	errno = 0;
	*epoch = strtoll(env, &end, 10);
	if (errno != 0 || *end != '\0' || *epoch < 0 || *epoch > 253402300799LL)
		return -1;
	return 0;
}

int
output_load_layout(const char *template_path, const char *default_name,
    struct template **tpl, struct fonts **fonts, struct diags *d)
{
	char *tpath = template_path ? xstrdup(template_path) :
	    datadir_find(default_name);
	char *xsd = datadir_find("templates/igreport.xsd");
	char *font = datadir_find("fonts/DejaVuSans.ttf");

	*tpl = NULL;
	*fonts = NULL;
	if (tpath == NULL)
		diags_add(d, D_OPEN_FAILED, NULL, 0, 0, "%s not found (set "
		    "IGREPORT_DATADIR)", default_name);
	else if (xsd == NULL || font == NULL)
		diags_add(d, D_OPEN_FAILED, NULL, 0, 0, "%s", xsd == NULL ?
		    "templates/igreport.xsd not found" :
		    "fonts/DejaVuSans.ttf not found");
	else if ((*tpl = template_load(tpath, xsd, d)) != NULL) {
		*strrchr(font, '/') = '\0';
		*fonts = fonts_load(font, d);
	}
	free(tpath);
	free(xsd);
	free(font);
	if (*tpl != NULL && *fonts != NULL)
		return 0;
	template_free(*tpl);
	*tpl = NULL;
	return -1;
}

void
output_seal(struct output_batch *batch)
{
	size_t i;

	for (i = 0; i < batch->n; i++)
		outfile_seal(batch->files[i]);
}

/* Closes every file: a full disk shows here, before anything is renamed. */
static int
output_close_all(struct output_batch *batch, struct diags *d)
{
	size_t i;

	for (i = 0; i < batch->n; i++)
		if (outfile_close(batch->files[i], d) < 0)
			return -1;
	return 0;
}

/* The name of a batch file in the output directory, or NULL for one elsewhere. */
static const char *
output_name_in_dir(const struct output_batch *batch, const struct outfile *o)
{
	const char *path = outfile_path(o);
	size_t len = strlen(batch->dir);

	if (strncmp(path, batch->dir, len) != 0 || path[len] != '/' ||
	    strchr(path + len + 1, '/') != NULL)
		return NULL;
	return path + len + 1;
}

/* What the batch writes into its directory, and the manifest saying so, last in the batch. */
static int
output_manifest(struct output_batch *batch, struct manifest *now,
    struct diags *d)
{
	char *path = xasprintf("%s/%s", batch->dir, MANIFEST_NAME);
	struct outfile *o;
	const char *name;
	size_t i;

	/* Every file is closed, so sealed: their sizes and hashes are known. */
	for (i = 0; i < batch->n; i++) {
		name = output_name_in_dir(batch, batch->files[i]);
		if (name != NULL)
			manifest_add(now, name, outfile_size(batch->files[i]),
			    outfile_hash(batch->files[i]));
	}
	o = outfile_open(path, NULL, 0, d);
	free(path);
	if (o == NULL)
		return -1;
	manifest_write(now, outfile_stream(o));
	batch_add(batch, o);
	return outfile_close(o, d);
}

static void
output_batch_free(struct output_batch *batch)
{
	if (batch->made_dir != NULL)
		outfile_forget_dir(batch->made_dir, 0);
	free(batch->files);
	free(batch->made_dir);
	free(batch->dir);
	memset(batch, 0, sizeof(*batch));
}

int
output_commit(struct output_batch *batch, struct diags *d)
{
	struct manifest now = { 0 }, old = { 0 };
	size_t i;
	int rc = output_close_all(batch, d);

	if (rc == 0 && batch->dir != NULL) {
		rc = output_manifest(batch, &now, d);
		manifest_read(batch->dir, &old);
	}
	if (rc < 0) {
		manifest_free(&now);
		manifest_free(&old);
		output_abort(batch);
		return -1;
	}
	for (i = 0; i < batch->n; i++)
		if (rc == 0)
			rc = outfile_commit(batch->files[i], d);
		else
			outfile_abort(batch->files[i]);
	if (rc == 0 && batch->dir != NULL)
		manifest_remove_stale(batch->dir, &old, &now);
	manifest_free(&now);
	manifest_free(&old);
	output_batch_free(batch);
	return rc;
}

void
output_abort(struct output_batch *batch)
{
	size_t i;

	for (i = 0; i < batch->n; i++)
		outfile_abort(batch->files[i]);
	if (batch->made_dir != NULL)
		outfile_forget_dir(batch->made_dir, 1);
	free(batch->made_dir);
	batch->made_dir = NULL;
	output_batch_free(batch);
}
