/* SPDX-License-Identifier: Apache-2.0 */
/* The one command-line driver's run: layout on a second thread, the document, the outputs all or nothing, the messages. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cleanup.h"
#include "cli_args.h"
#include "cli_commands.h"
#include "input.h"
#include "task.h"
#include "xalloc.h"

/*
 * Where a shortened Markdown says the full report is: the files written
 * with it (-f all; not "beside it": a copy may be posted elsewhere), else
 * the command that writes them.
 */
static char *
cli_full_report(const struct cli_request *rq)
{
	const struct cli_command *cmd = rq->cmd;

	if (rq->format == CLI_ALL)
		return xasprintf("The full report is %s.html (and %s.pdf), "
		    "written with this file.", cmd->stem, cmd->stem);
	return xasprintf("For the full report, run 'igreport%s%s -f html' on "
	    "the same files.", cmd->name ? " " : "", cmd->name ? cmd->name : "");
}

/* The document of cx->input, and the output context that renders it; -1 when the template does not fit. */
static int
cli_document(const struct cli_request *rq, const struct cli_data *data,
    const struct fonts *fonts, struct cli_contexts *cx, struct diags *d)
{
	char *full = cli_full_report(rq);

	cx->input.title = cx->title;
	cx->input.date = cx->date;
	cx->input.version = IGREPORT_VERSION;
	cx->input.max_chars = rq->max_chars;
	cx->input.full_report = full;
	cx->doc = produce_document(&cx->input, d);
	free(full);
	if (cx->doc == NULL)
		return -1;
	cx->output.doc = cx->doc;
	cx->output.fonts = fonts;
	cx->output.inputs = data->paths ? data->paths : rq->inputs;
	cx->output.names = cx->names;
	cx->output.ninputs = rq->ninputs;
	cx->output.bytes = data->keep;
	cx->output.creator = cx->creator;
	cx->output.epoch = cx->epoch;
	cx->output.link_figures = rq->format == CLI_ALL;
	return 0;
}

/*
 * The template and fonts, loaded on a second thread while the inputs are
 * read, or after them when they are small (CLI_LAYOUT_INLINE bytes): a
 * shipped template loads in half a millisecond, less than a thread can
 * take to start on an idle core. Their diagnostics are kept apart and
 * shown only if the inputs were good.
 */
struct cli_layout {
	const struct cli_request *rq;
	struct template *tpl; /* owned */
	struct fonts *fonts;  /* owned */
	struct diags d;
	int rc;
	int later;            /* to be loaded by cli_layout_wait, on this thread */
	struct task task;
};

#define CLI_LAYOUT_INLINE (256 * 1024)

static void
cli_layout_run(void *arg)
{
	struct cli_layout *l = arg;
	const struct cli_command *cmd = l->rq->cmd;

	l->rc = output_load_layout(l->rq->template_path, cmd->template,
	    &l->tpl, &l->fonts, &l->d);
	if (l->rc == 0 && l->tpl->kind != cmd->kind) {
		diags_add(&l->d, D_TEMPLATE_VALUE, l->tpl->path, 0, 0, "%s",
		    cmd->wrong_kind);
		l->rc = -1;
	}
}

/* Whether the inputs are regular files of fewer than CLI_LAYOUT_INLINE bytes in all. */
static int
cli_inputs_small(const struct cli_request *rq)
{
	struct stat st;
	off_t total = 0;
	size_t i;

	for (i = 0; i < rq->ninputs; i++) {
		const char *path = rq->inputs[i];
		const char *eq = strchr(path, '=');

		/* A trend's LABEL=PATH: either may be the file; a stat that fails means "not small". */
		if (stat(path, &st) != 0 && (eq == NULL || stat(eq + 1, &st) != 0))
			return 0;
		if (!S_ISREG(st.st_mode) || (total += st.st_size) >= CLI_LAYOUT_INLINE)
			return 0;
	}
	return 1;
}

/* Returns -1 to go on, or the exit status to stop with. */
static int
cli_layout_wait(struct cli_layout *l, struct diags *d)
{
	if (l->later)
		cli_layout_run(l);
	l->later = 0;
	task_wait(&l->task);
	diags_move(d, &l->d);
	return l->rc < 0 ? CLI_EXIT_BAD_INPUT : -1;
}

static void
cli_layout_free(struct cli_layout *l)
{
	task_wait(&l->task);
	template_free(l->tpl);
	fonts_free(l->fonts);
	diags_free(&l->d);
}

/* The outputs' date and creator; returns -1 to go on, or the exit status to stop with. */
static int
cli_stamp(struct cli_contexts *cx, struct diags *d)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	time_t t;
	struct tm tm;

	if (output_epoch(&cx->epoch) < 0) {
		diags_add(d, D_BAD_EPOCH, NULL, 0, 0, "'%s'", env ? env : "");
		return CLI_EXIT_USAGE;
	}
	t = (time_t)cx->epoch;
	gmtime_r(&t, &tm);
	strftime(cx->date, sizeof(cx->date), "%Y-%m-%d %H:%M UTC", &tm);
	snprintf(cx->creator, sizeof(cx->creator), "igreport %s",
	    IGREPORT_VERSION);
	return -1;
}

/* What a data export writes, for output_text. */
struct cli_export_arg {
	const struct cli_request *rq;
	const struct cli_data *data;
	enum export_kind kind;
};

static int
cli_export_write(FILE *out, const void *arg)
{
	const struct cli_export_arg *a = arg;

	return a->rq->cmd->export(out, a->rq, a->data, a->kind);
}

/* The command's data as kind into path (NULL or "-": standard output), added to batch. */
static int
cli_export_to(const struct cli_request *rq, const struct cli_data *data,
    enum export_kind kind, const char *path, struct output_batch *batch,
    struct diags *d)
{
	struct cli_export_arg a = { rq, data, kind };

	return output_text(path, rq->inputs, rq->ninputs, cli_export_write, &a,
	    batch, d);
}

/*
 * An input that changed or could not be read while its attachment was
 * deflated: said by whichever output waited for the stream first.
 */
static int
cli_input_fault(enum diag_code code)
{
	return code == D_INPUT_CHANGED || code == D_READ_FAILED;
}

/* Moves to to only from's input faults (see cli_input_fault); frees from. */
static void
cli_move_input_faults(struct diags *to, struct diags *from)
{
	struct diags kept = { 0 };
	size_t i;

	for (i = 0; i < from->n; i++) {
		const struct diag *dg = &from->v[i];

		if (!cli_input_fault(dg->code))
			continue;
		if (dg->detail != NULL)
			diags_add(&kept, dg->code, dg->file, dg->line, dg->column,
			    "%s", dg->detail);
		else
			diags_add(&kept, dg->code, dg->file, dg->line, dg->column,
			    NULL);
	}
	diags_free(from);
	diags_move(to, &kept);
}

/* The page, the Markdown and the JSON of -f all, stopping at the first that fails. */
static int
cli_write_pages(const struct cli_request *rq, const struct cli_data *data,
    const struct output_context *ctx, const char *dir,
    struct output_batch *batch, struct diags *d)
{
	char *md = xasprintf("%s/%s.md", dir, rq->cmd->stem);
	char *html = xasprintf("%s/%s.html", dir, rq->cmd->stem);
	char *json = xasprintf("%s/%s.json", dir, rq->cmd->stem);
	int rc = -1;

	if (output_html(ctx, html, batch, d) == 0 &&
	    output_markdown(ctx, md, batch, d) == 0)
		rc = cli_export_to(rq, data, EXPORT_JSON, json, batch, d);
	free(md);
	free(html);
	free(json);
	return rc;
}

/*
 * -f all: the PDF on a second thread while this one writes the SVGs, the
 * HTML page, the Markdown and the JSON. Files and diagnostics come in the
 * order of a sequential run (SVG, PDF, HTML, Markdown, JSON): what came
 * after the PDF is said only if the PDF was written, and a PDF after a
 * failed SVG is thrown away unseen, as a sequential run would have
 * written neither. The JSON is the whole of the data (-f json); the
 * dashboards' formats are asked for by name.
 */
static int
cli_write_all(const struct cli_request *rq, const struct cli_data *data,
    const struct output_context *ctx, const char *dir,
    struct output_batch *batch, struct diags *d)
{
	char *pdf = xasprintf("%s/%s.pdf", dir, rq->cmd->stem);
	struct output_context all = *ctx;
	struct diags later = { 0 };
	struct output_job *job;
	size_t at;
	int rc = -1;

	/* The page inlines the figures the SVG files hold: drawn once. */
	all.figures = figures_new(ctx->doc, ctx->fonts, 1);
	if (output_prepare_dir(dir, batch, d) == 0) {
		job = output_pdf_begin(&all, pdf);
		if (output_svg(&all, dir, batch, d) < 0) {
			output_pdf_cancel(job);
		} else {
			at = batch->n;
			rc = cli_write_pages(rq, data, &all, dir, batch, &later);
			output_seal(batch);
			/*
			 * A failed PDF hides what came after it, but not the
			 * input's fault when the page met it first: the PDF's
			 * thread then had nothing to say about it.
			 */
			if (output_pdf_end(job, batch, at, d) < 0) {
				cli_move_input_faults(d, &later);
				rc = -1;
			} else {
				diags_move(d, &later);
			}
		}
	}
	diags_free(&later);
	figures_free(all.figures);
	free(pdf);
	return rc;
}

/* The outputs -f asks for, into batch; -1 when one failed. */
static int
cli_write_format(const struct cli_request *rq, const struct cli_data *data,
    const struct output_context *ctx, struct output_batch *batch,
    struct diags *d)
{
	char *path = rq->output ? xstrdup(rq->output) :
	    cli_default_path(rq->cmd, rq->format);
	int rc = -1;

	switch (rq->format) {
	case CLI_PDF:
		rc = output_pdf(ctx, path, batch, d);
		break;
	case CLI_SVG:
		rc = output_svg(ctx, path, batch, d);
		break;
	case CLI_MD:
		rc = output_markdown(ctx, path, batch, d);
		break;
	case CLI_HTML:
		rc = output_html(ctx, path, batch, d);
		break;
	case CLI_ALL:
		rc = cli_write_all(rq, data, ctx, path, batch, d);
		break;
	case CLI_JSON:
	case CLI_BENCHER:
	case CLI_BENCHMARK_ACTION:
		rc = cli_export_to(rq, data, cli_formats[rq->format].export,
		    path, batch, d);
		break;
	case CLI_FORMAT__MAX:
		break;
	}
	free(path);
	return rc;
}

/*
 * The one commit-or-abort: every output in place, or none. ctx is NULL
 * for a data export, which has no document. Returns the exit status.
 */
/*
 * Why outputs failed, from the diagnostics since from: an input that
 * changed or could not be read while its attachment was made is bad input,
 * anything else a failed write.
 */
static int
cli_failed_status(const struct diags *d, size_t from)
{
	for (; from < d->n; from++)
		if (cli_input_fault(d->v[from].code))
			return CLI_EXIT_BAD_INPUT;
	return CLI_EXIT_CANNOT_WRITE;
}

static int
cli_commit(const struct cli_request *rq, const struct cli_data *data,
    const struct output_context *ctx, struct diags *d)
{
	struct output_batch batch = { 0 };
	size_t from = d->n;

	if (cli_write_format(rq, data, ctx, &batch, d) < 0 || diags_failed(d)) {
		output_abort(&batch);
		return cli_failed_status(d, from);
	}
	return output_commit(&batch, d) < 0 ? CLI_EXIT_CANNOT_WRITE : CLI_EXIT_OK;
}

/*
 * -f svg writes only figures and tables: none at all (every chart's cases
 * missing from the data) is an error rather than an empty success. The
 * other formats still carry the document's text, so they go on.
 */
static int
cli_drawable(const struct cli_request *rq, const struct document *doc,
    struct diags *d)
{
	if (rq->format != CLI_SVG || output_svg_items(doc) > 0)
		return 0;
	diags_add(d, D_NOTHING_TO_DRAW, doc->tpl->path, 0, 0, NULL);
	return -1;
}

/* Builds the document with layout and writes the outputs; returns the exit status. */
static int
cli_write(const struct cli_request *rq, const struct cli_data *data,
    struct cli_layout *layout, struct diags *d)
{
	struct cli_contexts cx;
	int status;

	memset(&cx, 0, sizeof(cx));
	if ((status = cli_stamp(&cx, d)) < 0 &&
	    (status = cli_layout_wait(layout, d)) < 0) {
		rq->cmd->contexts(rq, data, layout->tpl, &cx);
		status = cli_document(rq, data, layout->fonts, &cx, d) < 0 ||
		    cli_drawable(rq, cx.doc, d) < 0 ?
		    CLI_EXIT_BAD_INPUT : cli_commit(rq, data, &cx.output, d);
	}
	doc_free(cx.doc);
	free(cx.names);
	free(cx.title);
	return status;
}

static int
cli_dump(const struct cli_request *rq, const struct cli_data *data,
    struct diags *d)
{
	if (rq->cmd->dump(stdout, data) < 0 || fflush(stdout) != 0 ||
	    ferror(stdout)) {
		diags_add(d, D_WRITE_FAILED, OUTPUT_STDOUT, 0, 0, "%s",
		    strerror(errno));
		return CLI_EXIT_CANNOT_WRITE;
	}
	return CLI_EXIT_OK;
}

static void
cli_data_free(struct cli_data *data, size_t ninputs)
{
	size_t i;

	trend_free(data->trend);
	history_free(data->history);
	free(data->paths);
	compare_free(data->comparison);
	model_free(data->model);
	model_free(data->runs[0]);
	model_free(data->runs[1]);
	for (i = 0; data->keep != NULL && i < ninputs; i++)
		input_bytes_free(&data->keep[i]);
	free(data->keep);
}

/* -o - is standard output, which takes one file: not the SVG directory. */
static int
cli_check_stdout(const struct cli_request *rq, struct diags *d)
{
	if (rq->dump_model || rq->output == NULL ||
	    strcmp(rq->output, "-") != 0 ||
	    (rq->format != CLI_SVG && rq->format != CLI_ALL))
		return 0;
	diags_add(d, D_STDOUT_FORMAT, NULL, 0, 0, "-f %s",
	    cli_formats[rq->format].name);
	return -1;
}

static int
cli_run(const struct cli_request *rq)
{
	struct diags d = { 0 };
	struct cli_data data;
	struct cli_layout layout;
	/* The data exports need neither a template nor a document. */
	int exports = cli_formats[rq->format].export != EXPORT__MAX;
	int draws = !rq->dump_model && !exports;
	int status;

	memset(&data, 0, sizeof(data));
	memset(&layout, 0, sizeof(layout));
	/* The PDF attaches the inputs, the HTML offers them for download. */
	if (!rq->dump_model && (rq->format == CLI_PDF ||
	    rq->format == CLI_HTML || rq->format == CLI_ALL))
		data.keep = xcalloc(rq->ninputs, sizeof(*data.keep));
	if (draws) {
		layout.rq = rq;
		if ((layout.later = cli_inputs_small(rq)) == 0)
			task_start(&layout.task, cli_layout_run, &layout);
	}
	if (cli_check_stdout(rq, &d) < 0)
		status = CLI_EXIT_USAGE;
	else if ((status = rq->cmd->load(rq, &data, &d)) != 0)
		status = status < 0 ? CLI_EXIT_BAD_INPUT : status;
	else if ((status = rq->dump_model ? cli_dump(rq, &data, &d) :
	    exports ? cli_commit(rq, &data, NULL, &d) :
	    cli_write(rq, &data, &layout, &d)) == CLI_EXIT_OK &&
	    rq->cmd->finish != NULL)
		status = rq->cmd->finish(rq, &data, &d);
	cli_layout_free(&layout);
	diags_print(&d, stderr, rq->verbose, rq->quiet);
	diags_free(&d);
	cli_data_free(&data, rq->ninputs);
	return status;
}

/* The command argv names: a command's word, else the report. */
static const struct cli_command *
cli_command_of(int argc, char **argv)
{
	size_t i;

	for (i = 0; argc > 1 && i < CLI_COMMAND__MAX; i++)
		if (cli_commands[i].name != NULL &&
		    strcmp(argv[1], cli_commands[i].name) == 0)
			return &cli_commands[i];
	return &cli_commands[CLI_REPORT];
}

int
cli_main(int argc, char **argv)
{
	struct cli_request rq;
	int status;

	memset(&rq, 0, sizeof(rq));
	rq.cmd = cli_command_of(argc, argv);
	rq.format = rq.cmd->format;
	rq.max_chars = rq.cmd->max_chars;
	rq.level = 0.95;
	rq.cmp.alpha = 0.05;
	rq.cmp.threshold = 5.0;
	rq.cmp.correction = rq.cmd->correction;
	rq.window = TREND_WINDOW;
	if (rq.cmd->name != NULL) {
		argc--;
		argv++;
	}
	if ((status = cli_parse(argc, argv, &rq)) < 0) {
		/* Before any thread: they all inherit the blocked signals. */
		cleanup_start();
		status = cli_run(&rq);
		cleanup_stop();
	}
	free(rq.gadgets);
	return status;
}
