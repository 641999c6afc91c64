/* The igreport command line: parse arguments, build the model, write the outputs. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare_cli.h"
#include "diag.h"
#include "fonts.h"
#include "format.h"
#include "input.h"
#include "model.h"
#include "output.h"
#include "report.h"
#include "task.h"
#include "template.h"
#include "xalloc.h"

enum exit_status {
	EXIT_OK = 0,
	EXIT_USAGE = 1,
	EXIT_BAD_INPUT = 2,
	EXIT_CANNOT_WRITE = 3
};

enum format {
	FORMAT_PDF,
	FORMAT_SVG,
	FORMAT_MD,
	FORMAT_ALL
};

struct options {
	enum format format;
	const char *output;
	const char *template_path;
	const char **gadgets;
	size_t ngadgets;
	double level;
	const char *title;
	int quiet;
	int verbose;
	int dump_model;
	char **inputs;
	size_t ninputs;
};

#define DEFAULT_TITLE "Inspektor Gadget benchmark report"

static const char usage_text[] =
    "usage: igreport [OPTIONS] RESULTS.csv...\n"
    "       igreport compare [OPTIONS] OLD.csv NEW.csv   (see igreport compare --help)\n"
    "Turns Inspektor Gadget benchmark results into a report.\n"
    "\n"
    "  -f, --format pdf|svg|md|all  output format (default pdf)\n"
    "  -o, --output PATH          PDF file (default igreport.pdf), SVG directory\n"
    "                             (default igreport-svg), Markdown file (default\n"
    "                             stdout), or for all a directory (igreport-out)\n"
    "  -t, --template FILE        layout template (default: default.xml)\n"
    "  -g, --gadget NAME          only this gadget (repeatable)\n"
    "  -c, --confidence LEVEL     confidence level, 0 < LEVEL < 1 (default 0.95)\n"
    "      --title TEXT           report title\n"
    "      --dump-model           print the aggregated model as text and stop\n"
    "  -q, --quiet                no warnings\n"
    "  -v, --verbose              also notes (such as ignored columns)\n"
    "  -h, --help                 this help\n"
    "  -V, --version              the version\n"
    "\n"
    "A RESULTS file of - reads standard input. Exit status: 0 success, 1 usage\n"
    "error, 2 bad input (data or template), 3 cannot write output.\n";

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("igreport: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nigreport: try 'igreport --help'\n", stderr);
	return EXIT_USAGE;
}

static int
parse_format(const char *s, enum format *out)
{
	static const char *const names[] = { "pdf", "svg", "md", "all" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum format)i;
			return 0;
		}
	return -1;
}

static int
parse_level(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return (errno == 0 && end != s && *end == '\0' && *out > 0 && *out < 1)
	    ? 0 : -1;
}

/* Returns -1 to go on, or the exit status to stop with. */
static int
parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "template", required_argument, NULL, 't' },
		{ "gadget", required_argument, NULL, 'g' },
		{ "confidence", required_argument, NULL, 'c' },
		{ "title", required_argument, NULL, 'T' },
		{ "dump-model", no_argument, NULL, 'D' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":f:o:t:g:c:qvhV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (parse_format(optarg, &o->format) < 0)
				return usage_error("unknown format '%s' "
				    "(pdf, svg, md or all)", optarg);
			break;
		case 'o':
			o->output = optarg;
			break;
		case 't':
			o->template_path = optarg;
			break;
		case 'g':
			o->gadgets = xrealloc(o->gadgets,
			    (o->ngadgets + 1) * sizeof(*o->gadgets));
			o->gadgets[o->ngadgets++] = optarg;
			break;
		case 'c':
			if (parse_level(optarg, &o->level) < 0)
				return usage_error("confidence must be a number "
				    "between 0 and 1 (exclusive): '%s'", optarg);
			break;
		case 'T':
			o->title = optarg;
			break;
		case 'D':
			o->dump_model = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		case 'V':
			printf("igreport %s\n", IGREPORT_VERSION);
			return EXIT_OK;
		case ':':
			return usage_error("option '%s' needs a value",
			    argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error("%s", "no RESULTS.csv given");
	o->inputs = argv + optind;
	o->ninputs = (size_t)(argc - optind);
	return -1;
}

/* Builds the model from every input; NULL when the inputs had errors. */
static struct model *
build_model(const struct options *o, struct input_bytes *keep,
    struct diags *d)
{
	struct input_request req;

	req.paths = (const char *const *)o->inputs;
	req.npaths = o->ninputs;
	req.level = o->level;
	req.only = o->gadgets;
	req.nonly = o->ngadgets;
	req.keep = keep;
	return input_load(&req, d);
}

/* Loads the template (a report template, not a compare one) and the fonts. */
static int
load_layout(const struct options *o, struct template **tpl,
    struct fonts **fonts, struct diags *d)
{
	if (output_load_layout(o->template_path, "templates/default.xml", tpl,
	    fonts, d) < 0)
		return -1;
	if ((*tpl)->kind != TPL_KIND_REPORT) {
		diags_add(d, D_TEMPLATE_VALUE, (*tpl)->path, 0, 0, "%s",
		    "a compare template (<report kind=\"compare\">) is for "
		    "'igreport compare'");
		return -1;
	}
	return 0;
}

/*
 * The template and fonts, loaded on a second thread while the inputs are
 * read (they take about as long as a real run's CSV); their diagnostics
 * are kept apart and shown only if the inputs were good, as before.
 */
struct layout_job {
	const struct options *o;
	struct template *tpl; /* owned */
	struct fonts *fonts;  /* owned */
	struct diags d;
	int rc;
	struct task task;
};

static void
layout_job_run(void *arg)
{
	struct layout_job *job = arg;

	job->rc = load_layout(job->o, &job->tpl, &job->fonts, &job->d);
}

static void
layout_job_free(struct layout_job *job)
{
	task_wait(&job->task);
	template_free(job->tpl);
	fonts_free(job->fonts);
	diags_free(&job->d);
}

/*
 * -f all: the PDF on a second thread while this one writes the SVGs, then
 * the Markdown. Diagnostics come in the order of a sequential run (SVG,
 * PDF, Markdown), and a PDF after a failed SVG is thrown away unseen, as
 * a sequential run would not have written it.
 */
static int
write_all(const struct output_context *ctx, const char *dir,
    struct output_batch *batch, struct diags *d)
{
	char *pdf = xasprintf("%s/igreport.pdf", dir);
	char *md = xasprintf("%s/igreport.md", dir);
	struct output_job *job;
	int rc = -1;

	if (output_prepare_dir(dir, batch, d) == 0) {
		job = output_pdf_begin(ctx, pdf);
		if (output_svg(ctx, dir, batch, d) < 0)
			output_pdf_cancel(job);
		else if (output_pdf_end(job, batch, d) == 0)
			rc = output_markdown(ctx, md, batch, d);
	}
	free(pdf);
	free(md);
	return rc;
}

static int
write_formats(const struct options *o, const struct output_context *ctx,
    struct output_batch *batch, struct diags *d)
{
	switch (o->format) {
	case FORMAT_MD:
		return output_markdown(ctx, o->output, batch, d);
	case FORMAT_PDF:
		return output_pdf(ctx, o->output ? o->output : "igreport.pdf",
		    batch, d);
	case FORMAT_SVG:
		return output_svg(ctx, o->output ? o->output : "igreport-svg",
		    batch, d);
	case FORMAT_ALL:
		return write_all(ctx, o->output ? o->output : "igreport-out",
		    batch, d);
	}
	return -1;
}

/* Writes the requested outputs (layout NULL for Markdown); returns an exit status. */
static int
write_outputs(const struct options *o, const struct model *m,
    const struct input_bytes *keep, struct layout_job *layout,
    struct diags *d)
{
	struct output_batch batch = { 0 };
	struct output_context ctx;
	struct report_context rc = { 0 };
	const struct template *tpl = NULL;
	struct tpl_vars vars = { 0 };
	char date[64], level[FORMAT_MAX], creator[64], *title = NULL;
	long long epoch;
	time_t t;
	struct tm tm;
	int status = EXIT_OK;

	if (output_epoch(&epoch) < 0) {
		fputs("igreport: error: SOURCE_DATE_EPOCH must be a number of "
		    "seconds since 1970\n", stderr);
		return EXIT_USAGE;
	}
	t = (time_t)epoch;
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", &tm);
	format_level(level, m->level);
	snprintf(creator, sizeof(creator), "igreport %s", IGREPORT_VERSION);
	if (layout != NULL) {
		task_wait(&layout->task);
		diags_move(d, &layout->d);
		if (layout->rc < 0)
			return EXIT_BAD_INPUT;
		tpl = layout->tpl;
	}
	vars.level = level;
	vars.date = date;
	title = o->title ? xstrdup(o->title) : tpl ?
	    template_expand(tpl->title, &vars) : xstrdup(DEFAULT_TITLE);
	rc.tpl = tpl;
	rc.model = m;
	rc.title = title;
	rc.date = date;
	rc.version = IGREPORT_VERSION;
	ctx.report = &rc;
	ctx.fonts = layout != NULL ? layout->fonts : NULL;
	ctx.inputs = (const char *const *)o->inputs;
	ctx.ninputs = o->ninputs;
	ctx.bytes = keep;
	ctx.creator = creator;
	ctx.epoch = epoch;
	if (write_formats(o, &ctx, &batch, d) < 0 || diags_failed(d)) {
		output_abort(&batch);
		status = EXIT_CANNOT_WRITE;
	} else if (output_commit(&batch, d) < 0)
		status = EXIT_CANNOT_WRITE;
	free(title);
	return status;
}

static int
run(const struct options *o)
{
	struct diags d = { 0 };
	struct input_bytes *keep = NULL;
	struct layout_job layout = { 0 };
	int draws = !o->dump_model && o->format != FORMAT_MD;
	struct model *m;
	int status = EXIT_OK;
	size_t i;

	if (!o->dump_model && (o->format == FORMAT_PDF || o->format == FORMAT_ALL))
		keep = xcalloc(o->ninputs, sizeof(*keep));
	if (draws) {
		layout.o = o;
		task_start(&layout.task, layout_job_run, &layout);
	}
	m = build_model(o, keep, &d);
	if (m == NULL)
		status = EXIT_BAD_INPUT;
	else if (o->dump_model) {
		model_dump(m, stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			diags_add(&d, D_WRITE_FAILED, OUTPUT_STDOUT, 0, 0, "%s",
			    strerror(errno));
			status = EXIT_CANNOT_WRITE;
		}
	} else
		status = write_outputs(o, m, keep, draws ? &layout : NULL, &d);
	layout_job_free(&layout);
	diags_print(&d, stderr, o->verbose, o->quiet);
	diags_free(&d);
	model_free(m);
	for (i = 0; keep && i < o->ninputs; i++)
		input_bytes_free(&keep[i]);
	free(keep);
	return status;
}

int
main(int argc, char **argv)
{
	struct options o;
	int status;

	if (argc > 1 && strcmp(argv[1], "compare") == 0)
		return compare_main(argc - 1, argv + 1);
	memset(&o, 0, sizeof(o));
	o.format = FORMAT_PDF;
	o.level = 0.95;
	if ((status = parse_args(argc, argv, &o)) < 0)
		status = run(&o);
	free(o.gadgets);
	return status;
}
