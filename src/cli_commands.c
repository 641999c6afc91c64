/* SPDX-License-Identifier: Apache-2.0 */
/* The commands of the driver: how each reads its inputs, exports its data, says what its document is built from, and ends. */
#include "cli_commands.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "export_trend.h"
#include "input.h"
#include "xalloc.h"

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

static int
cli_report_export(FILE *out, const struct cli_request *rq,
    const struct cli_data *data, enum export_kind kind)
{
	struct export_info info = { IGREPORT_VERSION, rq->cpus };

	return export_report(out, data->model, &info, kind);
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
	cx->input.cpus = rq->cpus;
	cx->names = xcalloc(data->model->ninputs + 1, sizeof(*cx->names));
	for (i = 0; i < data->model->ninputs; i++)
		cx->names[i] = data->model->inputs[i].name;
}

/*
 * What could not be tested is said before anything is written: a gate
 * (--fail-on-regression) that tested nothing is an error, not a pass.
 */
static int
cli_compare_check(const struct cli_request *rq, const struct comparison *c,
    struct diags *d)
{
	struct compare_untested u = compare_untested(c);

	if (u.tested == 0 && rq->fail_on_regression) {
		diags_add(d, D_NOTHING_TESTED, NULL, 0, 0, "%zu change%s with "
		    "fewer than 2 runs on a side, %zu gadgets, cases or rates "
		    "in one run only: --fail-on-regression has nothing to "
		    "judge", u.no_test, u.no_test == 1 ? "" : "s", u.one_run);
		return -1;
	}
	if (u.no_test > 0 || u.one_run > 0)
		diags_add(d, D_UNTESTED, NULL, 0, 0, "%zu of %zu changes had "
		    "fewer than 2 runs on a side; %zu gadgets, cases or rates "
		    "are in one run only", u.no_test, u.no_test + u.tested,
		    u.one_run);
	return 0;
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
		req.label = i == 0 ? "OLD" : "NEW";
		data->runs[i] = input_load(&req, d);
	}
	if (data->runs[0] == NULL || data->runs[1] == NULL)
		return -1;
	opt.level = rq->level;
	data->comparison = compare_build(data->runs[0], data->runs[1], &opt);
	return cli_compare_check(rq, data->comparison, d);
}

static int
cli_compare_export(FILE *out, const struct cli_request *rq,
    const struct cli_data *data, enum export_kind kind)
{
	struct export_info info = { IGREPORT_VERSION, 0 };

	(void)rq;
	return export_compare(out, data->comparison, &info, kind);
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

/*
 * LABEL=PATH: a label and a path, split at the first '='; an operand
 * without one, or that starts with "/" or "./", is a path alone.
 */
static const char *
cli_trend_split(const char *operand, char **label)
{
	const char *eq = strchr(operand, '=');

	*label = NULL;
	if (eq == NULL || operand[0] == '/' || strncmp(operand, "./", 2) == 0)
		return operand;
	*label = xstrndup(operand, (size_t)(eq - operand));
	return eq + 1;
}

/* The history of the runs and its analysis into data; CLI_EXIT_USAGE for a bad label or order. */
static int
cli_trend_history(const struct cli_request *rq, struct cli_data *data,
    struct model **models, char **labels, struct diags *d)
{
	struct history_input *in = xcalloc(rq->ninputs, sizeof(*in));
	struct trend_options opt;
	size_t i;

	for (i = 0; i < rq->ninputs; i++) {
		in[i].path = data->paths[i];
		in[i].model = models[i];
		in[i].label = labels[i];
	}
	data->history = history_new(in, rq->ninputs, rq->order, rq->level, d);
	free(in);
	if (data->history == NULL)
		return CLI_EXIT_USAGE;
	opt.level = rq->level;
	opt.threshold = rq->cmp.threshold;
	opt.correction = rq->cmp.correction;
	opt.window = rq->window;
	data->trend = trend_build(data->history, &opt);
	if (data->trend->earlier < 2)
		diags_add(d, D_NO_GATE, NULL, 0, 0, "%s has %zu",
		    data->history->runs[data->trend->newest].label,
		    data->trend->earlier);
	return 0;
}

/* Each operand a run of its own, labelled, ordered, then analysed. */
static int
cli_trend_load(const struct cli_request *rq, struct cli_data *data,
    struct diags *d)
{
	struct input_request req = { 0 };
	struct model **models = xcalloc(rq->ninputs, sizeof(*models));
	char **labels = xcalloc(rq->ninputs, sizeof(*labels));
	size_t i;
	int rc = 0;

	data->paths = xcalloc(rq->ninputs + 1, sizeof(*data->paths));
	for (i = 0; i < rq->ninputs; i++) {
		data->paths[i] = cli_trend_split(rq->inputs[i], &labels[i]);
		if (labels[i] != NULL &&
		    history_check_label(labels[i], rq->inputs[i], d) < 0)
			rc = CLI_EXIT_USAGE;
	}
	req.paths = data->paths;
	req.npaths = rq->ninputs;
	req.level = rq->level;
	req.keep = data->keep;
	if (rc == 0 && input_load_each(&req, models, d) < 0)
		rc = -1;
	if (rc == 0)
		rc = cli_trend_history(rq, data, models, labels, d);
	for (i = 0; i < rq->ninputs; i++)
		free(labels[i]);
	free(labels);
	free(models);
	return rc;
}

static int
cli_trend_export(FILE *out, const struct cli_request *rq,
    const struct cli_data *data, enum export_kind kind)
{
	struct export_info info = { IGREPORT_VERSION, 0 };

	(void)rq;
	return export_trend(out, data->trend, &info, kind);
}

static int
cli_trend_dump(FILE *out, const struct cli_data *data)
{
	return trend_dump(data->trend, out);
}

static void
cli_trend_contexts(const struct cli_request *rq, const struct cli_data *data,
    const struct template *tpl, struct cli_contexts *cx)
{
	struct tpl_vars vars = { 0 };
	char level[FORMAT_MAX];
	size_t i;

	format_level(level, rq->level);
	vars.level = level;
	vars.date = cx->date;
	cx->title = rq->title ? xstrdup(rq->title) :
	    template_expand(tpl->title, &vars);
	cx->input.tpl = tpl;
	cx->input.trend = data->trend;
	cx->names = xcalloc(rq->ninputs + 1, sizeof(*cx->names));
	/* The runs' own names for their inputs, in the order given. */
	for (i = 0; i < data->trend->h->nruns; i++) {
		const struct history_run *r = &data->trend->h->runs[i];

		cx->names[r->given] = r->model->inputs[0].name;
	}
}

/* The first series of the gate out of line, as "GADGET CASE RATE METRIC +X%". */
static char *
cli_trend_worst(const struct trend *t)
{
	const struct history *h = t->h;
	size_t i;

	for (i = 0; i < t->ngate; i++) {
		const struct trend_gate *g = &t->gate[i];
		const struct history_series *s = &h->series[g->series];

		if (g->worse)
			return xasprintf("%s %s %g %s %+.1f%%",
			    h->gadgets[s->gadget].name,
			    history_case_name(s->tcase), s->rate,
			    metric_name(s->metric), g->percent);
	}
	return xstrdup("?");
}

static int
cli_trend_finish(const struct cli_request *rq, const struct cli_data *data,
    struct diags *d)
{
	const struct trend *t = data->trend;
	char *first;

	if (!rq->fail_on_regression || t->nworse == 0)
		return CLI_EXIT_OK;
	first = cli_trend_worst(t);
	diags_add(d, D_LATEST_WORSE, NULL, 0, 0, "%s: %zu of %zu series above "
	    "the prediction from the runs before it, the first %s",
	    t->h->runs[t->newest].label, t->nworse, t->ngate, first);
	free(first);
	return CLI_EXIT_REGRESSION;
}

/* The commands, one row each. */
const struct cli_command cli_commands[CLI_COMMAND__MAX] = {
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
		.max_chars = 0,
		.stem = "igreport",
		.template = "templates/default.xml",
		.kind = TPL_KIND_REPORT,
		.correction = COMPARE_CORRECTION_NONE,
		.wrong_kind = "a compare template (<report kind=\"compare\">) "
		    "is for 'igreport compare'",
		.load = cli_report_load,
		.export = cli_report_export,
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
		/* A GitHub comment holds 65,536: room for a marker and a link. */
		.max_chars = 65000,
		.stem = "compare",
		.template = "templates/compare.xml",
		.kind = TPL_KIND_COMPARE,
		.correction = COMPARE_CORRECTION_NONE,
		.wrong_kind = "not a compare template (<report kind=\"compare\">)",
		.load = cli_compare_load,
		.export = cli_compare_export,
		.dump = NULL,
		.contexts = cli_compare_contexts,
		.finish = cli_compare_finish,
	},
	[CLI_TREND] = {
		.id = CLI_TREND,
		.name = "trend",
		.operands = "[LABEL=]RUN.csv...",
		.min_inputs = 2,
		.max_inputs = HISTORY_MAX_RUNS,
		.operands_error = "trend needs 2 to 256 runs, [LABEL=]RUN.csv "
		    "each",
		.about = "The history of many benchmark runs: per gadget, case, "
		    "rate and metric, the steps\nbetween runs (a piecewise-"
		    "constant fit confirmed by Welch's t-test), and the\n"
		    "newest run against the runs before it.",
		.notes = "Each RUN is one run, labelled LABEL, else by its "
		    "'# Benchmark Date' line, else\nby its file name. Exit "
		    "status: 0 success, 1 usage error, 2 bad input, 3 cannot\n"
		    "write output, 4 the newest run out of line with "
		    "--fail-on-regression.\n",
		.format = CLI_MD,
		/* Release notes and pull-request comments: as compare's. */
		.max_chars = 65000,
		.stem = "trend",
		.template = "templates/trend.xml",
		.kind = TPL_KIND_TREND,
		.correction = COMPARE_CORRECTION_HOLM,
		.wrong_kind = "not a trend template (<report kind=\"trend\">)",
		.load = cli_trend_load,
		.export = cli_trend_export,
		.dump = cli_trend_dump,
		.contexts = cli_trend_contexts,
		.finish = cli_trend_finish,
	},
};
