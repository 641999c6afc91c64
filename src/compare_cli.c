/* The "igreport compare" subcommand: options, loading both runs, writing the comparison. */
#include "compare_cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "compare_md.h"
#include "diag.h"
#include "input.h"
#include "outfile.h"

enum cmp_status {
	CMP_OK = 0,
	CMP_USAGE = 1,
	CMP_BAD_INPUT = 2,
	CMP_CANNOT_WRITE = 3
};

struct cmp_options {
	const char *format;
	const char *output;
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
    "  -f, --format md            output format (pdf, svg and all are not yet available)\n"
    "  -o, --output FILE          Markdown file (default stdout)\n"
    "  -c, --confidence LEVEL     confidence level, 0 < LEVEL < 1 (default 0.95)\n"
    "      --alpha P              significant only when p < P, 0 < P < 1 (default 0.05)\n"
    "      --threshold PERCENT    ... and the change is at least PERCENT of OLD (default 5)\n"
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
	switch (ch) {
	case 'f':
		if (strcmp(arg, "md") == 0) {
			o->format = arg;
			return -1;
		}
		if (strcmp(arg, "pdf") == 0 || strcmp(arg, "svg") == 0 ||
		    strcmp(arg, "all") == 0)
			return cmp_usage_error("compare: format '%s' is not yet "
			    "available (use -f md)", arg);
		return cmp_usage_error("unknown format '%s' (pdf, svg, md or "
		    "all)", arg);
	case 'o':
		o->output = arg;
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
	case 't':
		if (cmp_parse_number(arg, 0, 0, 0, &o->cmp.threshold) < 0)
			return cmp_usage_error("threshold must be a percentage, "
			    "0 or more: '%s'", arg);
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
		{ "confidence", required_argument, NULL, 'c' },
		{ "alpha", required_argument, NULL, 'a' },
		{ "threshold", required_argument, NULL, 't' },
		{ "fail-on-regression", no_argument, NULL, 'F' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch, st;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":f:o:c:qvh", longopts, NULL)) != -1) {
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
cmp_load(const char *path, double level, struct diags *d)
{
	struct input_request req;

	memset(&req, 0, sizeof(req));
	req.paths = &path;
	req.npaths = 1;
	req.level = level;
	return input_load(&req, d);
}

static int
cmp_write(const struct cmp_options *o, const struct comparison *c,
    struct diags *d)
{
	struct outfile *of;

	if (o->output == NULL || strcmp(o->output, "-") == 0) {
		if (compare_md_write(stdout, c) < 0 || fflush(stdout) != 0) {
			diags_add(d, D_WRITE_FAILED, "stdout", 0, 0, "%s",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	of = outfile_open(o->output, o->paths, 2, d);
	if (of == NULL)
		return -1;
	if (compare_md_write(outfile_stream(of), c) < 0) {
		diags_add(d, D_WRITE_FAILED, o->output, 0, 0, "%s",
		    strerror(errno));
		outfile_abort(of);
		return -1;
	}
	return outfile_commit(of, d);
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
	struct model *old, *new;
	struct comparison *c = NULL;
	int status = CMP_OK;
	size_t worse = 0;

	old = cmp_load(o->paths[0], o->cmp.level, &d);
	new = cmp_load(o->paths[1], o->cmp.level, &d);
	if (old == NULL || new == NULL) {
		status = CMP_BAD_INPUT;
	} else {
		c = compare_build(old, new, &o->cmp);
		worse = c->counts[COMPARE_WORSE];
		if (cmp_write(o, c, &d) < 0)
			status = CMP_CANNOT_WRITE;
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
	return status;
}

int
compare_main(int argc, char **argv)
{
	struct cmp_options o;
	int status;

	memset(&o, 0, sizeof(o));
	o.format = "md";
	o.cmp.level = 0.95;
	o.cmp.alpha = 0.05;
	o.cmp.threshold = 5.0;
	if ((status = cmp_parse_args(argc, argv, &o)) < 0)
		status = cmp_run(&o);
	return status;
}
