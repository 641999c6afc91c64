/* The igreport command line: parse arguments, build the model, write the outputs. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_cli.h"
#include "diag.h"
#include "input.h"
#include "markdown.h"
#include "model.h"
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
    "                             (default igreport-svg) or Markdown file (default stdout)\n"
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

static int
write_markdown(const struct options *o, const struct model *m,
    struct diags *d)
{
	const char *title = o->title ? o->title : DEFAULT_TITLE;

	if (o->output != NULL && strcmp(o->output, "-") != 0) {
		diags_add(d, D_WRITE_FAILED, o->output, 0, 0,
		    "Markdown goes to standard output in this version");
		return -1;
	}
	if (markdown_write(stdout, m, title) < 0 || fflush(stdout) != 0) {
		diags_add(d, D_WRITE_FAILED, "stdout", 0, 0, "%s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

static int
write_outputs(const struct options *o, const struct model *m,
    struct diags *d)
{
	if (o->dump_model) {
		model_dump(m, stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			diags_add(d, D_WRITE_FAILED, "stdout", 0, 0, "%s",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	switch (o->format) {
	case FORMAT_MD:
		return write_markdown(o, m, d);
	case FORMAT_PDF:
	case FORMAT_SVG:
	case FORMAT_ALL:
		diags_add(d, D_WRITE_FAILED, NULL, 0, 0,
		    "this build writes only --format md and --dump-model");
		return -1;
	}
	return -1;
}

static int
run(const struct options *o)
{
	struct diags d = { 0 };
	struct input_bytes *keep = NULL;
	struct model *m;
	int status = EXIT_OK;
	size_t i;

	if (!o->dump_model && (o->format == FORMAT_PDF || o->format == FORMAT_ALL))
		keep = xcalloc(o->ninputs, sizeof(*keep));
	m = build_model(o, keep, &d);
	if (m == NULL)
		status = EXIT_BAD_INPUT;
	else if (write_outputs(o, m, &d) < 0)
		status = EXIT_CANNOT_WRITE;
	diags_print(&d, stderr, o->verbose, o->quiet);
	diags_free(&d);
	model_free(m);
	for (i = 0; keep && i < o->ninputs; i++)
		free(keep[i].data);
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
