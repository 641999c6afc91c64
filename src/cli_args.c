/* SPDX-License-Identifier: Apache-2.0 */
/* The driver's options: one table for every command, getopt from it, --help from it, usage errors. */
#include "cli_args.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli_commands.h"
#include "results.h"
#include "utf8.h"
#include "xalloc.h"

/* The confidence levels -c takes (see cli_set_level). */
#define CLI_LEVEL_MIN 0.5
#define CLI_LEVEL_MAX 0.9999
/* Longest --title, in bytes. */
#define CLI_MAX_TITLE 1024
/* The --max-chars other than 0 (no limit). */
#define CLI_MAX_CHARS_MIN 1000
#define CLI_MAX_CHARS_MAX 100000000

/* Each -f value, and where it goes without -o: the command's stem and this suffix. */
const struct cli_format_desc cli_formats[CLI_FORMAT__MAX] = {
	[CLI_PDF] = { "pdf", ".pdf", EXPORT__MAX },
	[CLI_SVG] = { "svg", "-svg", EXPORT__MAX },
	[CLI_MD] = { "md", NULL, EXPORT__MAX },
	[CLI_HTML] = { "html", ".html", EXPORT__MAX },
	[CLI_JSON] = { "json", NULL, EXPORT_JSON },
	[CLI_BENCHER] = { "bencher", NULL, EXPORT_BENCHER },
	[CLI_BENCHMARK_ACTION] = { "benchmark-action", NULL,
		EXPORT_BENCHMARK_ACTION },
	[CLI_ALL] = { "all", "-out", EXPORT__MAX },
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
	/* --help's text (and arg's); {format}, {pdf}, {svg}, {md}, {all},
	 * {template}, {correction} and {max-chars} stand for the command's
	 * defaults, {formats} for every format,
	 * {threshold}, {fail} and {dump} for its own wording. */
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

/*
 * A finite decimal number filling all of s, in the grammar of the data's
 * numbers (results_parse_number): no blanks, no hex, no inf; -1 otherwise.
 */
static int
cli_number(const char *s, double *out)
{
	return results_parse_number(s, strlen(s), out) == 0 ? 0 : -1;
}

/*
 * A confidence level from CLI_LEVEL_MIN to CLI_LEVEL_MAX: below, an
 * interval means little; above, the percentage printed with the report's
 * digits would round to 100%.
 */
static int
cli_set_level(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	double x;

	if (cli_number(arg, &x) < 0 || !(x >= CLI_LEVEL_MIN && x <= CLI_LEVEL_MAX))
		return cli_usage_error(rq->cmd, opt->bad, arg);
	rq->level = x;
	return -1;
}

/*
 * A title of at most CLI_MAX_TITLE bytes of UTF-8 text without control or
 * invisible characters: a line break would break the Markdown heading,
 * and the PDF library fails on very long strings. Refused, not mended,
 * so that what is printed is what was asked for.
 */
static int
cli_set_title(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	size_t len = strlen(arg), bad;
	uint32_t cp;
	char msg[160];
	int rc = utf8_check_name(arg, len, &bad, &cp);

	(void)opt;
	if (rc < 0)
		snprintf(msg, sizeof(msg), "--title is not UTF-8 (byte %zu)",
		    bad + 1);
	else if (rc > 0)
		snprintf(msg, sizeof(msg), "--title holds a control or invisible "
		    "character, U+%04X at byte %zu", (unsigned)cp, bad + 1);
	else if (len > CLI_MAX_TITLE)
		snprintf(msg, sizeof(msg), "--title is %zu bytes long, at most %d",
		    len, CLI_MAX_TITLE);
	else {
		rq->title = arg;
		return -1;
	}
	return cli_usage_error(rq->cmd, "%s", msg);
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

/* A whole number of CPUs, 1 to MODEL_CPUS_MAX. */
static int
cli_set_cpus(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	double x;

	if (cli_number(arg, &x) < 0 || x != floor(x) || !(x >= 1) ||
	    x > MODEL_CPUS_MAX || strspn(arg, "0123456789") != strlen(arg))
		return cli_usage_error(rq->cmd, opt->bad, arg);
	rq->cpus = (unsigned long)x;
	return -1;
}

/*
 * 0 (no limit) or a whole number from CLI_MAX_CHARS_MIN to
 * CLI_MAX_CHARS_MAX: below, not even a verdict and the note fit.
 */
static int
cli_set_max_chars(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	double x;

	if (cli_number(arg, &x) < 0 || strspn(arg, "0123456789") != strlen(arg) ||
	    (x != 0 && (x < CLI_MAX_CHARS_MIN || x > CLI_MAX_CHARS_MAX)))
		return cli_usage_error(rq->cmd, opt->bad, arg);
	rq->max_chars = (size_t)x;
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

/* --window: earlier runs in the gate's prediction, 2 to HISTORY_MAX_RUNS. */
static int
cli_set_window(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	double x;

	if (cli_number(arg, &x) < 0 || x != floor(x) || !(x >= 2) ||
	    x > HISTORY_MAX_RUNS || strspn(arg, "0123456789") != strlen(arg))
		return cli_usage_error(rq->cmd, opt->bad, arg);
	rq->window = (size_t)x;
	return -1;
}

static int
cli_set_order(struct cli_request *rq, const struct cli_option *opt,
    const char *arg)
{
	enum history_order o = history_order_from_name(arg);

	if (o != HISTORY_ORDER_DATE && o != HISTORY_ORDER_ARGS)
		return cli_usage_error(rq->cmd, opt->bad, arg);
	rq->order = o;
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
	/* The GNU block: a distributor or a user can read the terms without the sources. */
	printf("igreport %s\n"
	    "Copyright (C) 2026 The igreport authors\n"
	    "License Apache-2.0: Apache License, Version 2.0 "
	    "<https://www.apache.org/licenses/LICENSE-2.0>.\n"
	    "This is free software: you are free to change and redistribute it.\n"
	    "There is NO WARRANTY, to the extent permitted by law.\n",
	    IGREPORT_VERSION);
	return CLI_EXIT_OK;
}

#define CLI_FIELD(m) offsetof(struct cli_request, m)

/* Every option of every command, in --help's order. */
static const struct cli_option cli_option_table[] = {
	{ 'f', "format", "{formats}", CLI_EVERY, cli_set_format, 0,
	    "unknown format '%s' (pdf, svg, md, html, json, bencher, "
	    "benchmark-action or all)",
	    "the report as PDF, SVG figures, Markdown or HTML, or the data as "
	    "JSON, in Bencher Metric Format (bencher) or as "
	    "github-action-benchmark's custom JSON (benchmark-action); all: "
	    "the PDF, SVG, Markdown, HTML and JSON in one directory; default "
	    "{format}" },
	{ 'o', "output", "PATH", CLI_EVERY, cli_set_string,
	    CLI_FIELD(output), NULL,
	    "PDF file (default {pdf}), SVG directory (default {svg}), "
	    "Markdown file (default {md}), HTML file (default {html}), JSON "
	    "file (default {json}), or for all a directory ({all})" },
	{ 't', "template", "FILE", CLI_EVERY, cli_set_string,
	    CLI_FIELD(template_path), NULL,
	    "layout template (default: {template})" },
	{ 'g', "gadget", "NAME", CLI_IN(CLI_REPORT), cli_set_gadget, 0, NULL,
	    "only this gadget (repeatable)" },
	{ 'c', "confidence", "LEVEL", CLI_EVERY, cli_set_level,
	    CLI_FIELD(level),
	    "confidence must be a number from 0.5 to 0.9999: '%s'",
	    "confidence level, 0.5 <= LEVEL <= 0.9999 (default 0.95)" },
	{ 0, "title", "TEXT", CLI_EVERY, cli_set_title, CLI_FIELD(title),
	    NULL, "report title (at most 1024 bytes, no control characters)" },
	{ 0, "cpus", "N", CLI_IN(CLI_REPORT), cli_set_cpus, 0,
	    "cpus must be a whole number from 1 to 1000000: '%s'",
	    "the machine's CPUs, for the CPU time per event (default: a "
	    "'# CPUs: N' line)" },
	{ 0, "alpha", "P", CLI_IN(CLI_COMPARE), cli_set_fraction,
	    CLI_FIELD(cmp.alpha),
	    "alpha must be a number between 0 and 1 (exclusive): '%s'",
	    "significant only when p < P, 0 < P < 1 (default 0.05)" },
	{ 0, "threshold", "PERCENT", CLI_IN(CLI_COMPARE) | CLI_IN(CLI_TREND),
	    cli_set_percent, CLI_FIELD(cmp.threshold),
	    "threshold must be a percentage, 0 or more: '%s'",
	    "{threshold}" },
	{ 0, "correction", "none|holm|bh", CLI_IN(CLI_COMPARE) | CLI_IN(CLI_TREND),
	    cli_set_correction, 0,
	    "correction must be none, holm or bh: '%s'",
	    "adjust p for the number of tests: Holm (family-wise) or "
	    "Benjamini-Hochberg (false discovery rate); default {correction}" },
	{ 0, "window", "K", CLI_IN(CLI_TREND), cli_set_window, 0,
	    "window must be a whole number from 2 to 256: '%s'",
	    "the newest run is predicted from at most K earlier runs of its "
	    "machine (default 10)" },
	{ 0, "order", "date|args", CLI_IN(CLI_TREND), cli_set_order, 0,
	    "order must be date or args: '%s'",
	    "runs by benchmark date or as given (default: by date when every "
	    "run has one)" },
	{ 0, "fail-on-regression", NULL, CLI_IN(CLI_COMPARE) | CLI_IN(CLI_TREND),
	    cli_set_flag, CLI_FIELD(fail_on_regression), NULL,
	    "{fail}" },
	{ 0, "max-chars", "N", CLI_EVERY, cli_set_max_chars, 0,
	    "max-chars must be 0 or a whole number from 1000 to 100000000: '%s'",
	    "Markdown of at most N characters (Unicode code points, as GitHub "
	    "counts): whole sections left out in a fixed order, and a closing "
	    "line saying which; 0: no limit (default {max-chars})" },
	{ 0, "dump-model", NULL, CLI_IN(CLI_REPORT) | CLI_IN(CLI_TREND),
	    cli_set_flag, CLI_FIELD(dump_model), NULL,
	    "{dump}" },
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
char *
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
	/* Every format, as the option's argument: "pdf|svg|...", what shell completion offers. */
	if (len == strlen("formats") && strncmp(name, "formats", len) == 0) {
		char *s = xstrdup(""), *t;

		for (f = 0; f < CLI_FORMAT__MAX; f++) {
			t = xasprintf("%s%s%s", s, *s ? "|" : "", cli_formats[f].name);
			free(s);
			s = t;
		}
		return s;
	}
	if (len == strlen("max-chars") && strncmp(name, "max-chars", len) == 0)
		return xasprintf("%zu", cmd->max_chars);
	if (len == strlen("correction") && strncmp(name, "correction", len) == 0)
		return xstrdup(compare_correction_name(cmd->correction));
	if (len == strlen("threshold") && strncmp(name, "threshold", len) == 0)
		return xstrdup(cmd->id == CLI_TREND ? "a step or a regression "
		    "is a change of at least PERCENT (default 5)" : "... and the change is at "
		    "least PERCENT of OLD (default 5)");
	if (len == strlen("fail") && strncmp(name, "fail", len) == 0)
		return xstrdup(cmd->id == CLI_TREND ? "exit with status 4 when "
		    "the newest run is out of line with the history" :
		    "exit with status 4 when a regression is found");
	if (len == strlen("dump") && strncmp(name, "dump", len) == 0)
		return xstrdup(cmd->id == CLI_TREND ? "print the steps found, "
		    "one a line, and stop" :
		    "print the aggregated model as text and stop");
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
	char *arg = cli_expand(cmd, opt->arg ? opt->arg : "");
	const char *sp = opt->arg ? " " : "";
	int col;

	if (opt->letter != 0)
		col = fprintf(out, "  -%c, --%s%s%s", opt->letter, opt->name, sp,
		    arg);
	else
		col = fprintf(out, "      --%s%s%s", opt->name, sp, arg);
	/* An option too long for its column has its text on the next line. */
	if (col > CLI_HELP_COL - 2) {
		fputc('\n', out);
		col = 0;
	}
	col += fprintf(out, "%*s", CLI_HELP_COL - col, "");
	cli_wrap(out, col > 0 ? (size_t)col : 0, help);
	free(help);
	free(arg);
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
int
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

