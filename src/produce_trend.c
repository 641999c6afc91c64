/* SPDX-License-Identifier: Apache-2.0 */
/* The producers of a trend over many runs: steps, the newest run, the runs, per-gadget histories, and the kind's handler table. */
#include "produce_acts.h"

#include <stdlib.h>
#include <string.h>

#include "produce_trend_chart.h"
#include "produce_trend_text.h"
#include "xalloc.h"

static const struct trend *
trend_of(const struct producer *p)
{
	return p->in->trend;
}

/* Appends n lines (freed, and the array) as a bulleted list. */
static void
produce_lines(struct producer *p, char **lines, size_t n)
{
	struct doc_block *list = produce_list(p);
	size_t i;

	for (i = 0; i < n; i++) {
		doc_list_add(list, lines[i]);
		free(lines[i]);
	}
	free(lines);
}

static void
produce_steps(struct producer *p, const struct tpl_block *b)
{
	const struct trend *t = trend_of(p);
	char **lines, *s;
	size_t *steps, n = trend_text_steps(t, &lines, &steps);

	(void)b;
	s = n == 0 ? xstrdup("No step found.") : xasprintf("%zu step%s found.",
	    n, n == 1 ? "" : "s");
	doc_add_paragraph(p->doc, s, DOC_ROLE_LEAD, n > 0 ? p->t->worse_color :
	    p->t->text_color);
	free(s);
	if (n > 0)
		produce_lines(p, lines, n);
	else
		free(lines);
	free(steps);
	s = trend_text_rule(t);
	produce_paragraph(p, s);
	free(s);
}

static void
produce_latest(struct producer *p, const struct tpl_block *b)
{
	const struct trend *t = trend_of(p);
	char **lines, *s = trend_text_gate(t);
	size_t n;

	(void)b;
	doc_add_paragraph(p->doc, s, DOC_ROLE_LEAD, t->nworse > 0 ?
	    p->t->worse_color : p->t->text_color);
	free(s);
	if ((n = trend_text_worse(t, &lines)) > 0)
		produce_lines(p, lines, n);
	else
		free(lines);
	n = trend_text_latest(t, &lines);
	if (n > 0)
		produce_lines(p, lines, n);
	else
		free(lines);
}

/* The machines, when there is more than one, as a warning. */
static void
produce_machines_banner(struct producer *p)
{
	const struct history *h = trend_of(p)->h;
	char *s = xasprintf("The runs come from %zu machines, kept apart as "
	    "separate series:", h->nmachines), *more;
	struct doc_block *banner;
	size_t i;

	for (i = 0; i < h->nmachines; i++) {
		more = xasprintf("%s machine %zu (%zu run%s): %s%s", s, i + 1,
		    h->machines[i].nruns, h->machines[i].nruns == 1 ? "" : "s",
		    h->machines[i].desc, i + 1 < h->nmachines ? ";" : ".");
		free(s);
		s = more;
	}
	banner = doc_add(p->doc, DOC_BANNER, s);
	banner->color = p->t->worse_color;
	free(s);
}

static void
produce_runs(struct producer *p, const struct tpl_block *b)
{
	const struct trend *t = trend_of(p);
	char **lines;
	size_t n;

	if (t->h->nmachines > 1)
		produce_machines_banner(p);
	produce_add_table(p, b->table, trend_table_runs(t, &b->table->style),
	    NULL);
	n = trend_text_gaps(t, &lines);
	if (n == 0) {
		free(lines);
		return;
	}
	produce_paragraph(p, "Gaps (no value, never filled in):");
	produce_lines(p, lines, n);
}

static enum history_case
case_of(const char *name)
{
	if (name != NULL && strcmp(name, "baseline") == 0)
		return HISTORY_BASELINE;
	if (name != NULL && strcmp(name, "ig") == 0)
		return HISTORY_IG;
	return HISTORY_OVERHEAD;
}

static size_t
gadget_index(const struct history *h, const char *name)
{
	size_t g;

	for (g = 0; g < h->ngadgets; g++)
		if (strcmp(h->gadgets[g].name, name) == 0)
			break;
	return g;
}

/* Whether no history table was made yet since the gadget's section began. */
static int
first_history(const struct producer *p)
{
	size_t i = p->doc->nblocks - 1;
	int tables = 0;

	while (i-- > 0 && p->doc->blocks[i].kind != DOC_SECTION)
		tables += p->doc->blocks[i].kind == DOC_TABLE;
	return tables == 0;
}

static void
produce_history(struct producer *p, const struct tpl_block *b)
{
	const struct trend *t = trend_of(p);
	size_t g = gadget_index(t->h, p->view->gadget);
	enum history_case c = case_of(b->case_name);
	struct doc_table *tb = trend_table_history(t, g, c, b->metric,
	    &b->table->style, p->t->worse_color, p->t->better_color);
	char what[128];
	struct history_series probe;

	if (tb == NULL)
		return;
	probe.tcase = c;
	probe.metric = b->metric;
	produce_add_table(p, b->table, tb, xasprintf("Table of %s for gadget "
	    "%s per run and events-per-second rate, with %s%% confidence "
	    "intervals; a step found is marked with a triangle in the run "
	    "after it.", trend_text_what(&probe, what, sizeof(what)),
	    p->view->gadget, p->level));
	/* The first table of a gadget stays open, the others fold away (Markdown). */
	if (!first_history(p))
		p->doc->blocks[p->doc->nblocks - 1].fold = 1;
}

/* A figure of line charts over the runs, one per template chart the gadget has data for. */
static void
produce_trend_figure(struct producer *p, const struct tpl_block *b)
{
	const struct trend *t = trend_of(p);
	const struct tpl_figure *fig = b->figure;
	struct trend_chart_colors colors;
	struct doc_chart *charts;
	struct tpl_vars vars;
	size_t g = p->view ? gadget_index(t->h, p->view->gadget) : (size_t)-1;
	size_t i, n = 0;

	colors.worse = p->t->worse_color;
	colors.better = p->t->better_color;
	colors.palette = produce_palette;
	producer_vars(p, &vars);
	charts = xcalloc(fig->ncharts + 1, sizeof(*charts));
	/* Outside a gadget, only the cost of every gadget has a meaning. */
	for (i = 0; i < fig->ncharts; i++)
		if (trend_chart_is_cost(&fig->charts[i]))
			n += (size_t)trend_cost_chart(t, g, &fig->charts[i],
			    &vars, &colors, &charts[n]);
		else if (p->view != NULL)
			n += (size_t)trend_chart(t, g, &fig->charts[i], &vars,
			    &colors, &charts[n]);
	if (n == 0) {
		free(charts);
		return;
	}
	produce_add_figure(p, fig, charts, n, p->view ? xasprintf("Line "
	    "charts for gadget %s across %zu runs, a line per events-per-second "
	    "rate with %s%% confidence intervals; a dashed vertical line marks "
	    "each step found.", p->view->gadget, t->h->nruns, p->level) :
	    xasprintf("Line chart of the per-event cost of every gadget across "
	    "%zu runs, with %s%% confidence intervals.", t->h->nruns, p->level));
}

static const produce_act trend_acts[TPL_BLOCK__MAX] = {
	[TPL_BLOCK_FIGURE] = produce_trend_figure,
	[TPL_BLOCK_HEADING] = produce_heading,
	[TPL_BLOCK_TEXT] = produce_text,
	[TPL_BLOCK_PAGE_BREAK] = produce_page_break,
	[TPL_BLOCK_STEPS] = produce_steps,
	[TPL_BLOCK_LATEST] = produce_latest,
	[TPL_BLOCK_RUNS] = produce_runs,
	[TPL_BLOCK_HISTORY] = produce_history,
};

static size_t
trend_ngadgets(const struct producer *p)
{
	return trend_of(p)->h->ngadgets;
}

/* A gadget's view of a trend holds its name only: the producers read the history. */
static struct view *
trend_view(const struct producer *p, size_t g)
{
	struct view *v = xcalloc(1, sizeof(*v));

	v->gadget = trend_of(p)->h->gadgets[g].name;
	return v;
}

/* Release notes keep the steps, the newest run against the best, and the runs longest. */
static const struct produce_fit_step trend_fit[] = {
	{ TPL_SECTION_APPENDIX, PRODUCE_FIT_REST, "the appendix" },
	{ TPL_SECTION_GADGET, TPL_BLOCK_HISTORY, "the tables per gadget" },
	{ TPL_SECTION_GADGET, PRODUCE_FIT_REST, "the rest of the sections per gadget" },
	{ TPL_SECTION_COVER, TPL_BLOCK_RUNS, "the table of runs" },
};

const struct produce_kind produce_trend = {
	TPL_KIND_TREND, trend_acts, trend_ngadgets, trend_view,
	trend_fit, sizeof(trend_fit) / sizeof(trend_fit[0]),
};
