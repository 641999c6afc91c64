/* The "igreport compare" subcommand: options, loading both runs, writing the comparison. */
#include "compare_cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare.h"
#include "diag.h"
#include "fonts.h"
#include "format.h"
#include "input.h"
#include "outfile.h"
#include "output.h"
#include "produce.h"
#include "template.h"
#include "xalloc.h"

enum cmp_status {
	CMP_OK = 0,
	CMP_USAGE = 1,
	CMP_BAD_INPUT = 2,
	CMP_CANNOT_WRITE = 3
};

enum cmp_format {
	CMP_PDF,
	CMP_SVG,
	CMP_MD,
	CMP_ALL
};

struct cmp_options {
	enum cmp_format format;
	const char *output;
	const char *template_path;
	const char *title;
	struct compare_options cmp;
	int fail_on_regression;
	int quiet;
	int verbose;
	const char *paths[2]; /* OLD, NEW */
};

static const char cmp_usage_text[] =
    "usage: igreport compare [OPTIONS] OLD.csv NEW.csv\n"
    "Compares two benchmark runs: per gadget, case, rate and metric, and the\n"
    "overhead of IG, with Welch's t-test.\n"
    "\n"
    "  -f, --format pdf|svg|md|all  output format (default md)\n"
    "  -o, --output PATH          Markdown file (default stdout), PDF file (default\n"
    "                             compare.pdf), SVG directory (default compare-svg),\n"
    "                             or for all a directory (default compare-out)\n"
    "  -t, --template FILE        layout template (default: compare.xml)\n"
    "      --title TEXT           report title\n"
    "  -c, --confidence LEVEL     confidence level, 0 < LEVEL < 1 (default 0.95)\n"
    "      --alpha P              significant only when p < P, 0 < P < 1 (default 0.05)\n"
    "      --threshold PERCENT    ... and the change is at least PERCENT of OLD (default 5)\n"
    "      --correction none|holm|bh  adjust p for the number of tests: Holm\n"
    "                             (family-wise) or Benjamini-Hochberg (false\n"
    "                             discovery rate); default none\n"
    "      --fail-on-regression   exit with status 4 when a regression is found\n"
    "  -q, --quiet                no warnings\n"
    "  -v, --verbose              also notes (such as ignored columns)\n"
    "  -h, --help                 this help\n"
    "\n"
    "Exit status: 0 success, 1 usage error, 2 bad input, 3 cannot write output,\n"
    "4 a regression with --fail-on-regression.\n";

static int
cmp_usage_error(const char *fmt, const char *arg)
{
	fputs("igreport: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nigreport: try 'igreport compare --help'\n", stderr);
	return CMP_USAGE;
}

/* A finite number in (lo, hi) (hi_open) or [lo, inf) (!hi_open); -1 otherwise. */
static int
cmp_parse_number(const char *s, double lo, double hi, int open, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !isfinite(*out))
		return -1;
	if (open)
		return *out > lo && *out < hi ? 0 : -1;
	return *out >= lo ? 0 : -1;
}

static int
cmp_option(int ch, const char *arg, struct cmp_options *o)
{
	static const char *const formats[] = { "pdf", "svg", "md", "all" };
	size_t i;

	switch (ch) {
	case 'f':
		for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
			if (strcmp(arg, formats[i]) == 0) {
				o->format = (enum cmp_format)i;
				return -1;
			}
		return cmp_usage_error("unknown format '%s' (pdf, svg, md or "
		    "all)", arg);
	case 'o':
		o->output = arg;
		return -1;
	case 't':
		o->template_path = arg;
		return -1;
	case 'N':
		o->title = arg;
		return -1;
	case 'c':
		if (cmp_parse_number(arg, 0, 1, 1, &o->cmp.level) < 0)
			return cmp_usage_error("confidence must be a number "
			    "between 0 and 1 (exclusive): '%s'", arg);
		return -1;
	case 'a':
		if (cmp_parse_number(arg, 0, 1, 1, &o->cmp.alpha) < 0)
			return cmp_usage_error("alpha must be a number between 0 "
			    "and 1 (exclusive): '%s'", arg);
		return -1;
	case 'H':
		if (cmp_parse_number(arg, 0, 0, 0, &o->cmp.threshold) < 0)
			return cmp_usage_error("threshold must be a percentage, "
			    "0 or more: '%s'", arg);
		return -1;
	case 'C':
		o->cmp.correction = compare_correction_from_name(arg);
		if (o->cmp.correction == COMPARE_CORRECTION__MAX)
			return cmp_usage_error("correction must be none, holm or "
			    "bh: '%s'", arg);
		return -1;
	}
	return -1;
}

/* Returns -1 to go on, or the exit status to stop with. */
static int
cmp_parse_args(int argc, char **argv, struct cmp_options *o)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "template", required_argument, NULL, 't' },
		{ "title", required_argument, NULL, 'N' },
		{ "confidence", required_argument, NULL, 'c' },
		{ "alpha", required_argument, NULL, 'a' },
		{ "threshold", required_argument, NULL, 'H' },
		{ "correction", required_argument, NULL, 'C' },
		{ "fail-on-regression", no_argument, NULL, 'F' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch, st;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":f:o:t:c:qvh", longopts, NULL)) != -1) {
		if (ch == 'F') {
			o->fail_on_regression = 1;
		} else if (ch == 'q') {
			o->quiet = 1;
		} else if (ch == 'v') {
			o->verbose = 1;
		} else if (ch == 'h') {
			fputs(cmp_usage_text, stdout);
			return CMP_OK;
		} else if (ch == ':') {
			return cmp_usage_error("option '%s' needs a value",
			    argv[optind - 1]);
		} else if (ch == '?') {
			return cmp_usage_error("unknown option '%s'",
			    argv[optind - 1]);
		} else if ((st = cmp_option(ch, optarg, o)) >= 0) {
			return st;
		}
	}
	if (argc - optind != 2)
		return cmp_usage_error("%s", "compare needs exactly two files, "
		    "OLD.csv and NEW.csv");
	o->paths[0] = argv[optind];
	o->paths[1] = argv[optind + 1];
	return -1;
}

static struct model *
cmp_load(const char *path, double level, struct input_bytes *keep,
    struct diags *d)
{
	struct input_request req;

	memset(&req, 0, sizeof(req));
	req.paths = &path;
	req.npaths = 1;
	req.level = level;
	req.keep = keep;
	return input_load(&req, d);
}

/* What the outputs render: layout, document, contexts. */
struct cmp_drawing {
	struct template *tpl;
	struct fonts *fonts;
	struct document *doc;
	char *title;
	char date[64];
	char creator[64];
	const char *names[2];
	struct output_context oc;
};

/* Fills dr; returns -1 to go on, or the exit status to stop with. */
static int
cmp_drawing_init(const struct cmp_options *o, const struct comparison *c,
    const struct input_bytes *keep, struct cmp_drawing *dr, struct diags *d)
{
	struct tpl_vars vars = { 0 };
	struct produce_input pin = { 0 };
	char level[FORMAT_MAX];
	long long epoch;
	time_t t;
	struct tm tm;

	if (output_epoch(&epoch) < 0) {
		fputs("igreport: error: SOURCE_DATE_EPOCH must be a number of "
		    "seconds since 1970\n", stderr);
		return CMP_USAGE;
	}
	if (output_load_layout(o->template_path, "templates/compare.xml",
	    &dr->tpl, &dr->fonts, d) < 0)
		return CMP_BAD_INPUT;
	if (dr->tpl->kind != TPL_KIND_COMPARE) {
		diags_add(d, D_TEMPLATE_VALUE, dr->tpl->path, 0, 0, "not a "
		    "compare template (<report kind=\"compare\">)");
		return CMP_BAD_INPUT;
	}
	t = (time_t)epoch;
	gmtime_r(&t, &tm);
	strftime(dr->date, sizeof(dr->date), "%Y-%m-%d %H:%M UTC", &tm);
	snprintf(dr->creator, sizeof(dr->creator), "igreport %s",
	    IGREPORT_VERSION);
	format_level(level, c->opt.level);
	dr->names[0] = c->old->ninputs ? c->old->inputs[0].name : "";
	dr->names[1] = c->new->ninputs ? c->new->inputs[0].name : "";
	vars.level = level;
	vars.date = dr->date;
	vars.old = dr->names[0];
	vars.new = dr->names[1];
	dr->title = o->title ? xstrdup(o->title) :
	    template_expand(dr->tpl->title, &vars);
	pin.tpl = dr->tpl;
	pin.comparison = c;
	pin.title = dr->title;
	pin.date = dr->date;
	pin.version = IGREPORT_VERSION;
	if ((dr->doc = produce_document(&pin, d)) == NULL)
		return CMP_BAD_INPUT;
	dr->oc.doc = dr->doc;
	dr->oc.fonts = dr->fonts;
	dr->oc.inputs = o->paths;
	dr->oc.names = dr->names;
	dr->oc.ninputs = 2;
	dr->oc.link_figures = o->format == CMP_ALL;
	dr->oc.bytes = keep;
	dr->oc.creator = dr->creator;
	dr->oc.epoch = epoch;
	return -1;
}

static void
cmp_drawing_free(struct cmp_drawing *dr)
{
	template_free(dr->tpl);
	fonts_free(dr->fonts);
	doc_free(dr->doc);
	free(dr->title);
}

static int
cmp_formats(const struct cmp_options *o, const struct output_context *oc, struct output_batch *b, struct diags *d)
{
	const char *dir = o->output ? o->output : "compare-out";
	char *pdf, *md;
	int rc;

	if (o->format == CMP_MD)
		return output_markdown(oc, o->output, b, d);
	if (o->format == CMP_PDF)
		return output_pdf(oc, o->output ? o->output : "compare.pdf", b, d);
	if (o->format == CMP_SVG)
		return output_svg(oc, o->output ? o->output : "compare-svg", b, d);
	if (output_svg(oc, dir, b, d) < 0)
		return -1;
	pdf = xasprintf("%s/compare.pdf", dir);
	md = xasprintf("%s/compare.md", dir);
	rc = output_pdf(oc, pdf, b, d) < 0 ||
	    output_markdown(oc, md, b, d) < 0 ? -1 : 0;
	free(pdf);
	free(md);
	return rc;
}

/* Writes the PDF, the SVG figures or both and the Markdown; returns an exit status. */
static int
cmp_write_drawn(const struct cmp_options *o, const struct comparison *c,
    const struct input_bytes *keep, struct diags *d)
{
	struct output_batch batch = { 0 };
	struct cmp_drawing dr;
	int status;

	memset(&dr, 0, sizeof(dr));
	status = cmp_drawing_init(o, c, keep, &dr, d);
	if (status < 0) {
		status = CMP_OK;
		if (cmp_formats(o, &dr.oc, &batch, d) < 0 ||
		    diags_failed(d)) {
			output_abort(&batch);
			status = CMP_CANNOT_WRITE;
		} else if (output_commit(&batch, d) < 0) {
			status = CMP_CANNOT_WRITE;
		}
	}
	cmp_drawing_free(&dr);
	return status;
}

/* Says on stderr what the output says loudly: the machines differ. */
static void
cmp_warn_machines(const struct comparison *c)
{
	const char *sep = "";
	size_t i, n = 0;

	fputs("igreport: warning: the runs come from different machines (", stderr);
	for (i = 0; i < c->nmachine; i++)
		if (c->machine[i].critical) {
			fprintf(stderr, "%s%s", sep, c->machine[i].key);
			sep = ", ";
			n++;
		}
	fprintf(stderr, " %s): the comparison is unsound\n",
	    n == 1 ? "differs" : "differ");
}

static int
cmp_run(const struct cmp_options *o)
{
	struct diags d = { 0 };
	struct input_bytes keep[2];
	struct model *old, *new;
	struct comparison *c = NULL;
	int status = CMP_OK, attach = o->format == CMP_PDF || o->format == CMP_ALL;
	size_t worse = 0;

	memset(keep, 0, sizeof(keep));
	old = cmp_load(o->paths[0], o->cmp.level, attach ? &keep[0] : NULL, &d);
	new = cmp_load(o->paths[1], o->cmp.level, attach ? &keep[1] : NULL, &d);
	if (old == NULL || new == NULL) {
		status = CMP_BAD_INPUT;
	} else {
		c = compare_build(old, new, &o->cmp);
		worse = c->counts[COMPARE_WORSE];
		status = cmp_write_drawn(o, c, keep, &d);
	}
	diags_print(&d, stderr, o->verbose, o->quiet);
	if (status == CMP_OK && c->machines_differ && !o->quiet)
		cmp_warn_machines(c);
	if (status == CMP_OK && o->fail_on_regression && worse > 0) {
		fprintf(stderr, "igreport: %zu %s found\n", worse,
		    worse == 1 ? "regression" : "regressions");
		status = COMPARE_EXIT_REGRESSION;
	}
	diags_free(&d);
	compare_free(c);
	model_free(old);
	model_free(new);
	input_bytes_free(&keep[0]);
	input_bytes_free(&keep[1]);
	return status;
}

int
compare_main(int argc, char **argv)
{
	struct cmp_options o;
	int status;

	memset(&o, 0, sizeof(o));
	o.format = CMP_MD;
	o.cmp.level = 0.95;
	o.cmp.alpha = 0.05;
	o.cmp.threshold = 5.0;
	if ((status = cmp_parse_args(argc, argv, &o)) < 0)
		status = cmp_run(&o);
	return status;
}
