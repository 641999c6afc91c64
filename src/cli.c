/* The one command-line driver: a table of commands, a table of options, and one run for all of them. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare.h"
#include "diag.h"
#include "fonts.h"
#include "format.h"
#include "input.h"
#include "model.h"
#include "output.h"
#include "produce.h"
#include "task.h"
#include "template.h"
#include "xalloc.h"

enum cli_format {
	CLI_PDF,
	CLI_SVG,
	CLI_MD,
	CLI_ALL,
	CLI_FORMAT__MAX
};

/* Each -f value, and where it goes without -o: the command's stem and this suffix. */
static const struct cli_format_desc {
	const char *name;
	const char *suffix; /* NULL: standard output */
} cli_formats[CLI_FORMAT__MAX] = {
	[CLI_PDF] = { "pdf", ".pdf" },
	[CLI_SVG] = { "svg", "-svg" },
	[CLI_MD] = { "md", NULL },
	[CLI_ALL] = { "all", "-out" },
};

enum cli_command_id {
	CLI_REPORT,
	CLI_COMPARE,
	CLI_COMMAND__MAX
};

/* The commands an option applies to, as bits. */
#define CLI_IN(id) (1u << (id))
#define CLI_EVERY (~0u)

struct cli_command;

/* What the command line asks for; the strings point into argv. */
struct cli_request {
	const struct cli_command *cmd;
	enum cli_format format;
	const char *output;
	const char *template_path;
	const char *title;
	const char **gadgets; /* owned array */
	size_t ngadgets;
	double level;
	struct compare_options cmp; /* alpha, threshold, correction; level above */
	int fail_on_regression;
	int dump_model;
	int quiet;
	int verbose;
	const char *const *inputs;
	size_t ninputs;
};

/* What a command read: one run, or both runs and their comparison. */
struct cli_data {
	struct model *model;           /* the report's run */
	struct model *runs[2];         /* compare: OLD and NEW */
	struct comparison *comparison; /* compare */
	struct input_bytes *keep;      /* ninputs entries when the PDF attaches them, else NULL */
};

/* What the outputs are drawn from, and what that owns. */
struct cli_contexts {
	struct produce_input input;   /* what the document is built from */
	struct document *doc;         /* owned */
	struct output_context output;
	const char **names;  /* owned array: the inputs' base names */
	char *title;         /* owned */
	char date[64];
	char creator[64];
	long long epoch;
};

/* One command: its operands, its defaults, and what it does its own way. */
struct cli_command {
	enum cli_command_id id;
	const char *name;           /* the word after "igreport"; NULL for the report */
	const char *operands;       /* for --help */
	size_t min_inputs, max_inputs;
	const char *operands_error; /* the usage error for another number of them */
	const char *about;          /* --help's first paragraph */
	const char *notes;          /* --help's last */
	enum cli_format format;     /* without -f */
	const char *stem;           /* default outputs: STEM.pdf, STEM-svg, STEM-out/ */
	const char *template;       /* without -t, in the data directory */
	enum tpl_kind kind;         /* the kind of template it draws with */
	const char *wrong_kind;     /* D_TEMPLATE_VALUE's detail for another kind */
	/* Reads the inputs into data; -1 when they had errors. */
	int (*load)(const struct cli_request *rq, struct cli_data *data,
	    struct diags *d);
	/* --dump-model (for commands that have it); -1 when writing failed. */
	int (*dump)(FILE *out, const struct cli_data *data);
	/* The only place that says what the document is built from. */
	void (*contexts)(const struct cli_request *rq,
	    const struct cli_data *data, const struct template *tpl,
	    struct cli_contexts *cx);
	/* After the outputs are in place (NULL: nothing): the exit status. */
	int (*finish)(const struct cli_request *rq, const struct cli_data *data,
	    struct diags *d);
};

/* The document of cx->input, and the output context that renders it; -1 when the template does not fit. */
static int
cli_document(const struct cli_request *rq, const struct cli_data *data,
    const struct fonts *fonts, struct cli_contexts *cx, struct diags *d)
{
	cx->input.title = cx->title;
	cx->input.date = cx->date;
	cx->input.version = IGREPORT_VERSION;
	if ((cx->doc = produce_document(&cx->input, d)) == NULL)
		return -1;
	cx->output.doc = cx->doc;
	cx->output.fonts = fonts;
	cx->output.inputs = rq->inputs;
	cx->output.names = cx->names;
	cx->output.ninputs = rq->ninputs;
	cx->output.bytes = data->keep;
	cx->output.creator = cx->creator;
	cx->output.epoch = cx->epoch;
	cx->output.link_figures = rq->format == CLI_ALL;
	return 0;
}

static int
cli_report_load(const struct cli_request *rq, struct cli_data *data,
    struct diags *d)
{
	struct input_request req = { 0 };

	req.paths = rq->inputs;
	req.npaths = rq->ninputs;
	req.level = rq->level;
	req.only = rq->gadgets;
	req.nonly = rq->ngadgets;
	req.keep = data->keep;
	data->model = input_load(&req, d);
	return data->model != NULL ? 0 : -1;
}

static int
cli_report_dump(FILE *out, const struct cli_data *data)
{
	model_dump(data->model, out);
	return 0;
}

static void
cli_report_contexts(const struct cli_request *rq, const struct cli_data *data,
    const struct template *tpl, struct cli_contexts *cx)
{
	struct tpl_vars vars = { 0 };
	char level[FORMAT_MAX];
	size_t i;

	format_level(level, data->model->level);
	vars.level = level;
	vars.date = cx->date;
	cx->title = rq->title ? xstrdup(rq->title) :
	    template_expand(tpl->title, &vars);
	cx->input.tpl = tpl;
	cx->input.model = data->model;
	cx->names = xcalloc(data->model->ninputs + 1, sizeof(*cx->names));
	for (i = 0; i < data->model->ninputs; i++)
		cx->names[i] = data->model->inputs[i].name;
}

/* OLD and NEW each on their own, then compared. */
static int
cli_compare_load(const struct cli_request *rq, struct cli_data *data,
    struct diags *d)
{
	struct compare_options opt = rq->cmp;
	size_t i;

	for (i = 0; i < 2; i++) {
		struct input_request req = { 0 };

		req.paths = &rq->inputs[i];
		req.npaths = 1;
		req.level = rq->level;
		req.keep = data->keep ? &data->keep[i] : NULL;
		data->runs[i] = input_load(&req, d);
	}
	if (data->runs[0] == NULL || data->runs[1] == NULL)
		return -1;
	opt.level = rq->level;
	data->comparison = compare_build(data->runs[0], data->runs[1], &opt);
	return 0;
}

static void
cli_compare_contexts(const struct cli_request *rq,
    const struct cli_data *data, const struct template *tpl,
    struct cli_contexts *cx)
{
	const struct comparison *c = data->comparison;
	struct tpl_vars vars = { 0 };
	char level[FORMAT_MAX];
	size_t i;

	cx->names = xcalloc(3, sizeof(*cx->names));
	for (i = 0; i < 2; i++)
		cx->names[i] = data->runs[i]->ninputs ?
		    data->runs[i]->inputs[0].name : "";
	format_level(level, c->opt.level);
	vars.level = level;
	vars.date = cx->date;
	vars.old = cx->names[0];
	vars.new = cx->names[1];
	cx->title = rq->title ? xstrdup(rq->title) :
	    template_expand(tpl->title, &vars);
	cx->input.tpl = tpl;
	cx->input.comparison = c;
}

/* Says what the outputs say loudly: which machine keys differ. */
static void
cli_warn_machines(const struct comparison *c, struct diags *d)
{
	char *keys = xstrdup(""), *more;
	size_t i, n = 0;

	for (i = 0; i < c->nmachine; i++) {
		if (!c->machine[i].critical)
			continue;
		more = xasprintf("%s%s%s", keys, n > 0 ? ", " : "",
		    c->machine[i].key);
		free(keys);
		keys = more;
		n++;
	}
	diags_add(d, D_MACHINES_DIFFER, NULL, 0, 0, "%s %s", keys,
	    n == 1 ? "differs" : "differ");
	free(keys);
}

static int
cli_compare_finish(const struct cli_request *rq, const struct cli_data *data,
    struct diags *d)
{
	size_t worse = data->comparison->counts[COMPARE_WORSE];

	if (data->comparison->machines_differ)
		cli_warn_machines(data->comparison, d);
	if (!rq->fail_on_regression || worse == 0)
		return CLI_EXIT_OK;
	diags_add(d, D_REGRESSIONS, NULL, 0, 0, "%zu", worse);
	return CLI_EXIT_REGRESSION;
}

/* The commands; "trend" is one more row (and its own load, contexts, ...). */
static const struct cli_command cli_commands[CLI_COMMAND__MAX] = {
	[CLI_REPORT] = {
		.id = CLI_REPORT,
		.name = NULL,
		.operands = "RESULTS.csv...",
		.min_inputs = 1,
		.max_inputs = SIZE_MAX,
		.operands_error = "no RESULTS.csv given",
		.about = "Turns Inspektor Gadget benchmark results into a report.",
		.notes = "A RESULTS file of - reads standard input. Exit status: "
		    "0 success, 1 usage\nerror, 2 bad input (data or "
		    "template), 3 cannot write output.\n",
		.format = CLI_PDF,
		.stem = "igreport",
		.template = "templates/default.xml",
		.kind = TPL_KIND_REPORT,
		.wrong_kind = "a compare template (<report kind=\"compare\">) "
		    "is for 'igreport compare'",
		.load = cli_report_load,
		.dump = cli_report_dump,
		.contexts = cli_report_contexts,
		.finish = NULL,
	},
	[CLI_COMPARE] = {
		.id = CLI_COMPARE,
		.name = "compare",
		.operands = "OLD.csv NEW.csv",
		.min_inputs = 2,
		.max_inputs = 2,
		.operands_error = "compare needs exactly two files, OLD.csv "
		    "and NEW.csv",
		.about = "Compares two benchmark runs: per gadget, case, rate "
		    "and metric, and the\noverhead of IG, with Welch's t-test.",
		.notes = "Exit status: 0 success, 1 usage error, 2 bad input, "
		    "3 cannot write output,\n4 a regression with "
		    "--fail-on-regression.\n",
		.format = CLI_MD,
		.stem = "compare",
		.template = "templates/compare.xml",
		.kind = TPL_KIND_COMPARE,
		.wrong_kind = "not a compare template (<report kind=\"compare\">)",
		.load = cli_compare_load,
		.dump = NULL,
		.contexts = cli_compare_contexts,
		.finish = cli_compare_finish,
	},
};

/* One option. */
struct cli_option {
	char letter;       /* the short option, or 0 */
	const char *name;  /* the long option */
	const char *arg;   /* the value's name in --help; NULL: takes none */
	unsigned commands; /* CLI_IN() of each command that has it */
	/* Takes it in; returns -1 to go on, or the exit status to stop with. */
	int (*set)(struct cli_request *rq, const struct cli_option *opt,
	    const char *arg);
	size_t field;      /* offsetof the member of cli_request that set fills */
	const char *bad;   /* usage error for a bad value, with '%s' for it */
	/* --help's text; {format}, {pdf}, {svg}, {md}, {all} and {template}
	 * stand for the command's defaults. */
	const char *help;
};

static int cli_usage_error(const struct cli_command *cmd, const char *fmt,
    const char *arg);
static void cli_usage(const struct cli_command *cmd, FILE *out);

static void *
cli_field(struct cli_request *rq, const struct cli_option *opt)
{
	return (char *)rq + opt->field;
}

static int
cli_set_string(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	*(const char **)cli_field(rq, opt) = arg;
	return -1;
}

static int
cli_set_flag(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	(void)arg;
	*(int *)cli_field(rq, opt) = 1;
	return -1;
}

/* A finite number filling all of s; -1 otherwise. */
static int
cli_number(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return errno == 0 && end != s && *end == '\0' && isfinite(*out) ? 0 : -1;
}

/* Between 0 and 1, both excluded. */
static int
cli_set_fraction(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	double x;

	if (cli_number(arg, &x) < 0 || !(x > 0 && x < 1))
		return cli_usage_error(rq->cmd, opt->bad, arg);
	*(double *)cli_field(rq, opt) = x;
	return -1;
}

/* 0 or more. */
static int
cli_set_percent(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	double x;

	if (cli_number(arg, &x) < 0 || !(x >= 0))
		return cli_usage_error(rq->cmd, opt->bad, arg);
	*(double *)cli_field(rq, opt) = x;
	return -1;
}

static int
cli_set_format(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	int f;

	for (f = 0; f < CLI_FORMAT__MAX; f++)
		if (strcmp(arg, cli_formats[f].name) == 0) {
			rq->format = (enum cli_format)f;
			return -1;
		}
	return cli_usage_error(rq->cmd, opt->bad, arg);
}

static int
cli_set_correction(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	rq->cmp.correction = compare_correction_from_name(arg);
	if (rq->cmp.correction == COMPARE_CORRECTION__MAX)
		return cli_usage_error(rq->cmd, opt->bad, arg);
	return -1;
}

static int
cli_set_gadget(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	(void)opt;
	rq->gadgets = xrealloc(rq->gadgets,
	    (rq->ngadgets + 1) * sizeof(*rq->gadgets));
	rq->gadgets[rq->ngadgets++] = arg;
	return -1;
}

static int
cli_help(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	(void)opt;
	(void)arg;
	cli_usage(rq->cmd, stdout);
	return CLI_EXIT_OK;
}

static int
cli_version(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	(void)rq;
	(void)opt;
	(void)arg;
	printf("igreport %s\n", IGREPORT_VERSION);
	return CLI_EXIT_OK;
}

#define CLI_FIELD(m) offsetof(struct cli_request, m)

/* Every option of every command, in --help's order. */
static const struct cli_option cli_option_table[] = {
	{ 'f', "format", "pdf|svg|md|all", CLI_EVERY, cli_set_format, 0,
	    "unknown format '%s' (pdf, svg, md or all)",
	    "output format (default {format})" },
	{ 'o', "output", "PATH", CLI_EVERY, cli_set_string,
	    CLI_FIELD(output), NULL,
	    "PDF file (default {pdf}), SVG directory (default {svg}), "
	    "Markdown file (default {md}), or for all a directory ({all})" },
	{ 't', "template", "FILE", CLI_EVERY, cli_set_string,
	    CLI_FIELD(template_path), NULL,
	    "layout template (default: {template})" },
	{ 'g', "gadget", "NAME", CLI_IN(CLI_REPORT), cli_set_gadget, 0, NULL,
	    "only this gadget (repeatable)" },
	{ 'c', "confidence", "LEVEL", CLI_EVERY, cli_set_fraction,
	    CLI_FIELD(level),
	    "confidence must be a number between 0 and 1 (exclusive): '%s'",
	    "confidence level, 0 < LEVEL < 1 (default 0.95)" },
	{ 0, "title", "TEXT", CLI_EVERY, cli_set_string, CLI_FIELD(title),
	    NULL, "report title" },
	{ 0, "alpha", "P", CLI_IN(CLI_COMPARE), cli_set_fraction,
	    CLI_FIELD(cmp.alpha),
	    "alpha must be a number between 0 and 1 (exclusive): '%s'",
	    "significant only when p < P, 0 < P < 1 (default 0.05)" },
	{ 0, "threshold", "PERCENT", CLI_IN(CLI_COMPARE), cli_set_percent,
	    CLI_FIELD(cmp.threshold),
	    "threshold must be a percentage, 0 or more: '%s'",
	    "... and the change is at least PERCENT of OLD (default 5)" },
	{ 0, "correction", "none|holm|bh", CLI_IN(CLI_COMPARE),
	    cli_set_correction, 0,
	    "correction must be none, holm or bh: '%s'",
	    "adjust p for the number of tests: Holm (family-wise) or "
	    "Benjamini-Hochberg (false discovery rate); default none" },
	{ 0, "fail-on-regression", NULL, CLI_IN(CLI_COMPARE), cli_set_flag,
	    CLI_FIELD(fail_on_regression), NULL,
	    "exit with status 4 when a regression is found" },
	{ 0, "dump-model", NULL, CLI_IN(CLI_REPORT), cli_set_flag,
	    CLI_FIELD(dump_model), NULL,
	    "print the aggregated model as text and stop" },
	{ 'q', "quiet", NULL, CLI_EVERY, cli_set_flag, CLI_FIELD(quiet), NULL,
	    "no warnings" },
	{ 'v', "verbose", NULL, CLI_EVERY, cli_set_flag, CLI_FIELD(verbose),
	    NULL, "also notes (such as ignored columns)" },
	{ 'h', "help", NULL, CLI_EVERY, cli_help, 0, NULL, "this help" },
	{ 'V', "version", NULL, CLI_EVERY, cli_version, 0, NULL,
	    "the version" },
};

#define CLI_NOPTIONS (sizeof(cli_option_table) / sizeof(cli_option_table[0]))

/* getopt_long's value for a row without a letter: this plus its index. */
#define CLI_LONG_ONLY 256

/* --help: help texts start in this column and lines end before CLI_WIDTH. */
#define CLI_HELP_COL 29
#define CLI_WIDTH 80

static int
cli_has(const struct cli_command *cmd, const struct cli_option *opt)
{
	return (opt->commands & CLI_IN(cmd->id)) != 0;
}

/* Where format goes without -o (NULL: standard output); caller frees. */
static char *
cli_default_path(const struct cli_command *cmd, enum cli_format f)
{
	if (cli_formats[f].suffix == NULL)
		return NULL;
	return xasprintf("%s%s", cmd->stem, cli_formats[f].suffix);
}

/* The value of {name} (len bytes) in a help text; caller frees. */
static char *
cli_placeholder(const struct cli_command *cmd, const char *name, size_t len)
{
	const char *base = strrchr(cmd->template, '/');
	char *path;
	int f;

	if (len == strlen("template") && strncmp(name, "template", len) == 0)
		return xstrdup(base ? base + 1 : cmd->template);
	if (len == strlen("format") && strncmp(name, "format", len) == 0)
		return xstrdup(cli_formats[cmd->format].name);
	for (f = 0; f < CLI_FORMAT__MAX; f++)
		if (strlen(cli_formats[f].name) == len &&
		    strncmp(name, cli_formats[f].name, len) == 0) {
			path = cli_default_path(cmd, (enum cli_format)f);
			return path ? path : xstrdup("stdout");
		}
	return xstrndup(name - 1, len + 2); /* not a placeholder: as written */
}

/* help with its placeholders replaced; caller frees. */
static char *
cli_expand(const struct cli_command *cmd, const char *help)
{
	char *s = xstrdup(""), *value, *next;
	const char *open, *close;

	while ((open = strchr(help, '{')) != NULL &&
	    (close = strchr(open, '}')) != NULL) {
		value = cli_placeholder(cmd, open + 1, (size_t)(close - open - 1));
		next = xasprintf("%s%.*s%s", s, (int)(open - help), help, value);
		free(value);
		free(s);
		s = next;
		help = close + 1;
	}
	next = xasprintf("%s%s", s, help);
	free(s);
	return next;
}

/* Writes text from column col on, wrapping between words, going on in CLI_HELP_COL. */
static void
cli_wrap(FILE *out, size_t col, const char *text)
{
	size_t len;
	int first = 1;

	while (*text != '\0') {
		len = strcspn(text, " ");
		if (!first && col + 1 + len >= CLI_WIDTH) {
			fprintf(out, "\n%*s", CLI_HELP_COL, "");
			col = CLI_HELP_COL;
		} else if (!first) {
			fputc(' ', out);
			col++;
		}
		fwrite(text, 1, len, out);
		col += len;
		first = 0;
		text += len;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

static void
cli_usage_option(const struct cli_command *cmd, const struct cli_option *opt,
    FILE *out)
{
	char *help = cli_expand(cmd, opt->help);
	const char *sp = opt->arg ? " " : "", *arg = opt->arg ? opt->arg : "";
	int col;

	if (opt->letter != 0)
		col = fprintf(out, "  -%c, --%s%s%s", opt->letter, opt->name, sp,
		    arg);
	else
		col = fprintf(out, "      --%s%s%s", opt->name, sp, arg);
	col += fprintf(out, "%*s", col <= CLI_HELP_COL - 2 ?
	    CLI_HELP_COL - col : 2, "");
	cli_wrap(out, col > 0 ? (size_t)col : 0, help);
	free(help);
}

/* --help of cmd: the usage lines (the report's names the other commands), the options, the notes. */
static void
cli_usage(const struct cli_command *cmd, FILE *out)
{
	size_t i;

	fprintf(out, "usage: igreport%s%s [OPTIONS] %s\n", cmd->name ? " " : "",
	    cmd->name ? cmd->name : "", cmd->operands);
	for (i = 0; cmd->name == NULL && i < CLI_COMMAND__MAX; i++)
		if (cli_commands[i].name != NULL)
			fprintf(out, "       igreport %s [OPTIONS] %s   (see "
			    "igreport %s --help)\n", cli_commands[i].name,
			    cli_commands[i].operands, cli_commands[i].name);
	fprintf(out, "%s\n\n", cmd->about);
	for (i = 0; i < CLI_NOPTIONS; i++)
		if (cli_has(cmd, &cli_option_table[i]))
			cli_usage_option(cmd, &cli_option_table[i], out);
	fprintf(out, "\n%s", cmd->notes);
}

/* The one usage-error printer; returns CLI_EXIT_USAGE. */
static int
cli_usage_error(const struct cli_command *cmd, const char *fmt,
    const char *arg)
{
	fputs("igreport: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nigreport: try 'igreport%s%s --help'\n",
	    cmd->name ? " " : "", cmd->name ? cmd->name : "");
	return CLI_EXIT_USAGE;
}

/* getopt_long's tables for the options cmd has. */
static void
cli_getopt_tables(const struct cli_command *cmd, struct option *longopts,
    char *shorts)
{
	size_t i, n = 0, k = 0;

	shorts[k++] = ':';
	for (i = 0; i < CLI_NOPTIONS; i++) {
		const struct cli_option *opt = &cli_option_table[i];

		if (!cli_has(cmd, opt))
			continue;
		longopts[n].name = opt->name;
		longopts[n].has_arg = opt->arg ? required_argument : no_argument;
		longopts[n].flag = NULL;
		longopts[n].val = opt->letter ? opt->letter : CLI_LONG_ONLY + (int)i;
		n++;
		if (opt->letter != 0)
			shorts[k++] = opt->letter;
		if (opt->letter != 0 && opt->arg != NULL)
			shorts[k++] = ':';
	}
	memset(&longopts[n], 0, sizeof(*longopts));
	shorts[k] = '\0';
}

/* The row getopt_long's value ch stands for; NULL for an unknown option. */
static const struct cli_option *
cli_option_of(const struct cli_command *cmd, int ch)
{
	size_t i;

	if (ch >= CLI_LONG_ONLY)
		return &cli_option_table[ch - CLI_LONG_ONLY];
	for (i = 0; i < CLI_NOPTIONS; i++)
		if (cli_option_table[i].letter == ch &&
		    cli_has(cmd, &cli_option_table[i]))
			return &cli_option_table[i];
	return NULL;
}

/* argv[0] is "igreport" or the command's name. Returns -1 to go on, or the exit status to stop with. */
static int
cli_parse(int argc, char **argv, struct cli_request *rq)
{
	struct option longopts[CLI_NOPTIONS + 1];
	char shorts[2 * CLI_NOPTIONS + 2];
	const struct cli_option *opt;
	size_t n;
	int ch, st;

	cli_getopt_tables(rq->cmd, longopts, shorts);
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, shorts, longopts, NULL)) != -1) {
		if (ch == ':')
			return cli_usage_error(rq->cmd, "option '%s' needs a "
			    "value", argv[optind - 1]);
		if ((opt = cli_option_of(rq->cmd, ch)) == NULL)
			return cli_usage_error(rq->cmd, "unknown option '%s'",
			    argv[optind - 1]);
		if ((st = opt->set(rq, opt, optarg)) >= 0)
			return st;
	}
	n = (size_t)(argc - optind);
	if (n < rq->cmd->min_inputs || n > rq->cmd->max_inputs)
		return cli_usage_error(rq->cmd, "%s", rq->cmd->operands_error);
	rq->inputs = (const char *const *)argv + optind;
	rq->ninputs = n;
	return -1;
}

/*
 * The template and fonts, loaded on a second thread while the inputs are
 * read (they take about as long as a real run's CSV); their diagnostics
 * are kept apart and shown only if the inputs were good.
 */
struct cli_layout {
	const struct cli_request *rq;
	struct template *tpl; /* owned */
	struct fonts *fonts;  /* owned */
	struct diags d;
	int rc;
	struct task task;
};

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

/* Returns -1 to go on, or the exit status to stop with. */
static int
cli_layout_wait(struct cli_layout *l, struct diags *d)
{
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

/*
 * -f all: the PDF on a second thread while this one writes the SVGs, then
 * the Markdown. Diagnostics come in the order of a sequential run (SVG,
 * PDF, Markdown), and a PDF after a failed SVG is thrown away unseen, as
 * a sequential run would not have written it.
 */
static int
cli_write_all(const struct cli_request *rq, const struct output_context *ctx,
    const char *dir, struct output_batch *batch, struct diags *d)
{
	char *pdf = xasprintf("%s/%s.pdf", dir, rq->cmd->stem);
	char *md = xasprintf("%s/%s.md", dir, rq->cmd->stem);
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

/* The outputs -f asks for, into batch; -1 when one failed. */
static int
cli_write_format(const struct cli_request *rq,
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
	case CLI_ALL:
		rc = cli_write_all(rq, ctx, path, batch, d);
		break;
	case CLI_FORMAT__MAX:
		break;
	}
	free(path);
	return rc;
}

/* The one commit-or-abort: every output in place, or none. Returns the exit status. */
static int
cli_commit(const struct cli_request *rq, const struct output_context *ctx,
    struct diags *d)
{
	struct output_batch batch = { 0 };

	if (cli_write_format(rq, ctx, &batch, d) < 0 || diags_failed(d)) {
		output_abort(&batch);
		return CLI_EXIT_CANNOT_WRITE;
	}
	return output_commit(&batch, d) < 0 ? CLI_EXIT_CANNOT_WRITE : CLI_EXIT_OK;
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
		status = cli_document(rq, data, layout->fonts, &cx, d) < 0 ?
		    CLI_EXIT_BAD_INPUT : cli_commit(rq, &cx.output, d);
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

	compare_free(data->comparison);
	model_free(data->model);
	model_free(data->runs[0]);
	model_free(data->runs[1]);
	for (i = 0; data->keep != NULL && i < ninputs; i++)
		input_bytes_free(&data->keep[i]);
	free(data->keep);
}

static int
cli_run(const struct cli_request *rq)
{
	struct diags d = { 0 };
	struct cli_data data;
	struct cli_layout layout;
	int draws = !rq->dump_model;
	int status;

	memset(&data, 0, sizeof(data));
	memset(&layout, 0, sizeof(layout));
	if (!rq->dump_model && (rq->format == CLI_PDF || rq->format == CLI_ALL))
		data.keep = xcalloc(rq->ninputs, sizeof(*data.keep));
	if (draws) {
		layout.rq = rq;
		task_start(&layout.task, cli_layout_run, &layout);
	}
	if (rq->cmd->load(rq, &data, &d) < 0)
		status = CLI_EXIT_BAD_INPUT;
	else if (rq->dump_model)
		status = cli_dump(rq, &data, &d);
	else if ((status = cli_write(rq, &data, &layout, &d)) ==
	    CLI_EXIT_OK && rq->cmd->finish != NULL)
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
	rq.level = 0.95;
	rq.cmp.alpha = 0.05;
	rq.cmp.threshold = 5.0;
	rq.cmp.correction = COMPARE_CORRECTION_NONE;
	if (rq.cmd->name != NULL) {
		argc--;
		argv++;
	}
	if ((status = cli_parse(argc, argv, &rq)) < 0)
		status = cli_run(&rq);
	free(rq.gadgets);
	return status;
}
