/* SPDX-License-Identifier: Apache-2.0 */
/* Inside the command-line driver: the formats, the request and what a command is, shared by its three files. */
#ifndef IGREPORT_CLI_REQUEST_H
#define IGREPORT_CLI_REQUEST_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "compare.h"
#include "diag.h"
#include "export_json.h"
#include "fonts.h"
#include "history.h"
#include "model.h"
#include "output.h"
#include "produce.h"
#include "template.h"
#include "trend.h"

enum cli_format {
	CLI_PDF,
	CLI_SVG,
	CLI_MD,
	CLI_HTML,
	CLI_JSON,
	CLI_BENCHER,
	CLI_BENCHMARK_ACTION,
	CLI_ALL,
	CLI_FORMAT__MAX
};

/* Each -f value, and where it goes without -o: the command's stem and this suffix. */
struct cli_format_desc {
	const char *name;
	const char *suffix; /* NULL: standard output */
	enum export_kind export; /* a data export (no document, no template); EXPORT__MAX: a document */
};

enum cli_command_id {
	CLI_REPORT,
	CLI_COMPARE,
	CLI_TREND,
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
	unsigned long cpus; /* --cpus; 0: not given */
	size_t max_chars;   /* --max-chars, or the command's default; 0: no limit */
	struct compare_options cmp; /* alpha, threshold, correction; level above */
	int fail_on_regression;
	size_t window;        /* trend: --window */
	enum history_order order; /* trend: --order */
	int dump_model;
	int quiet;
	int verbose;
	const char *const *inputs;
	size_t ninputs;
};

/* What a command read: one run, both runs and their comparison, or a history. */
struct cli_data {
	struct model *model;           /* the report's run */
	struct model *runs[2];         /* compare: OLD and NEW */
	struct comparison *comparison; /* compare */
	struct history *history;       /* trend */
	struct trend *trend;           /* trend */
	const char **paths;  /* owned array: the inputs' paths when not the operands (trend's LABEL=) */
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
	size_t max_chars;           /* without --max-chars (0: no limit) */
	const char *stem;           /* default outputs: STEM.pdf, STEM-svg, STEM-out/ */
	const char *template;       /* without -t, in the data directory */
	enum tpl_kind kind;         /* the kind of template it draws with */
	enum compare_correction correction; /* without --correction */
	const char *wrong_kind;     /* D_TEMPLATE_VALUE's detail for another kind */
	/*
	 * Reads the inputs into data: 0; -1 when they had errors (bad input);
	 * or CLI_EXIT_USAGE for a usage error found in them (diagnostics in d).
	 */
	int (*load)(const struct cli_request *rq, struct cli_data *data,
	    struct diags *d);
	/* Writes the data -f json, bencher or benchmark-action ask for; -1 when writing failed. */
	int (*export)(FILE *out, const struct cli_request *rq,
	    const struct cli_data *data, enum export_kind kind);
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

#endif
