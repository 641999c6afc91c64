/* SPDX-License-Identifier: Apache-2.0 */
/* The producers of a report of one run: its inputs, machine, summary sentences, cost table and raw data, and the kind's handler table. */
#include "produce_acts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"
#include "xalloc.h"

static const struct model *
run(const struct producer *p)
{
	return p->in->model;
}

static void
produce_inputs(struct producer *p, const struct tpl_block *b)
{
	const struct model *m = run(p);
	struct doc_block *list = produce_list(p);
	size_t i;
	char *s;

	(void)b;
	for (i = 0; i < m->ninputs; i++)
		doc_list_add(list, m->inputs[i].name);
	s = xasprintf("%lu rows, %zu gadget%s.", m->total_rows, m->ngadgets,
	    m->ngadgets == 1 ? "" : "s");
	produce_paragraph(p, s);
	free(s);
}

/* Inputs from different machines merged: said first, in a banner. */
static void
produce_machine_warning(struct producer *p, const struct model *m)
{
	char *keys = NULL, *s;
	size_t n = model_machine_conflicts(m, &keys);
	struct doc_block *banner;

	if (n == 0)
		return;
	s = xasprintf("\xe2\x9a\xa0 Warning: the inputs come from different "
	    "machines (%s %s), and their results are merged into this one "
	    "report: differences may come from the machines.", keys,
	    n == 1 ? "differs" : "differ");
	banner = doc_add(p->doc, DOC_BANNER, s);
	banner->color = p->t->worse_color;
	free(s);
	free(keys);
}

static void
produce_machine(struct producer *p, const struct tpl_block *b)
{
	const struct model *m = run(p);
	struct doc_block *list;
	size_t i;
	char *s;

	(void)b;
	if (m->nmeta == 0) {
		produce_paragraph(p, "The input files describe no machine (no "
		    "\"# Key: value\" lines).");
		return;
	}
	produce_machine_warning(p, m);
	list = produce_list(p);
	for (i = 0; i < m->nmeta; i++) {
		s = xasprintf("%s: %s", m->meta[i].key, m->meta[i].value);
		doc_list_add(list, s);
		free(s);
	}
}

/* The number of CPUs: --cpus, else the inputs' "# CPUs: N" line; 0 unknown. */
unsigned long
produce_cpus(const struct producer *p)
{
	return p->in->cpus ? p->in->cpus : model_cpus(run(p));
}

static void
produce_summary(struct producer *p, const struct tpl_block *b)
{
	const struct model *m = run(p);
	struct doc_block *list = produce_list(p);
	size_t i;
	char *s;

	(void)b;
	for (i = 0; i < m->ngadgets; i++) {
		s = summary_gadget(m, &m->gadgets[i], produce_cpus(p));
		doc_list_add_link(list, s,
		    produce_gadget_anchor(p, m->gadgets[i].name));
		free(s);
	}
}

enum cost_column {
	COST_GADGET,
	COST_CPU_PER,
	COST_CPU_TIME,
	COST_CPU_FIXED,
	COST_MEM_FIXED,
	COST_IGMEM_PER,
	COST_R2,
	COST__MAX
};

static const char *const cost_header[COST__MAX] = {
	[COST_GADGET] = "Gadget",
	[COST_CPU_PER] = "Host CPU per\n1000 events/s (points)",
	[COST_CPU_TIME] = "CPU time\nper event",
	[COST_CPU_FIXED] = "Fixed host\nCPU (points)",
	[COST_MEM_FIXED] = "Fixed host\nmemory (MiB)",
	[COST_IGMEM_PER] = "IG memory per\n1000 events/s (MiB)",
	[COST_R2] = "R\xc2\xb2\nCPU, memory",
};

static void
cost_r2(char buf[FORMAT_MAX], const struct model_gadget *g)
{
	double cpu = g->cost[METRIC_CPU].r2, mem = g->cost[METRIC_MEM].r2;
	char a[FORMAT_MAX], b[FORMAT_MAX];

	format_fixed(a, cpu, 3);
	format_fixed(b, mem, 3);
	snprintf(buf, FORMAT_MAX, "%.16s, %.16s%s", a, b,
	    cpu < SUMMARY_LINEAR_R2 || mem < SUMMARY_LINEAR_R2 ?
	    " (not linear)" : "");
}

static void
cost_row(struct doc_table *t, const struct model_gadget *g, unsigned long n,
    int with_time)
{
	char cell[COST__MAX][FORMAT_MAX];
	const char *row[COST__MAX];
	size_t i, k = 0;

	summary_format_cost(cell[COST_CPU_PER], &g->cost[METRIC_CPU].per_event,
	    METRIC_CPU, 1);
	if (with_time)
		summary_format_cpu_time(cell[COST_CPU_TIME],
		    &g->cost[METRIC_CPU].per_event, n);
	summary_format_cost(cell[COST_CPU_FIXED], &g->cost[METRIC_CPU].fixed,
	    METRIC_CPU, 0);
	summary_format_cost(cell[COST_MEM_FIXED], &g->cost[METRIC_MEM].fixed,
	    METRIC_MEM, 0);
	if (g->cost[METRIC_IGMEM].defined)
		summary_format_cost(cell[COST_IGMEM_PER],
		    &g->cost[METRIC_IGMEM].per_event, METRIC_IGMEM, 1);
	else
		strcpy(cell[COST_IGMEM_PER], DOC_GAP);
	cost_r2(cell[COST_R2], g);
	for (i = 0; i < COST__MAX; i++)
		if (i != COST_CPU_TIME || with_time)
			row[k++] = i == COST_GADGET ? g->name : cell[i];
	doc_table_add_row(t, row);
}

static int
has_cost(const struct model_gadget *g)
{
	return g->cost[METRIC_CPU].defined && g->cost[METRIC_MEM].defined;
}

static void
produce_cost(struct producer *p, const struct tpl_block *b)
{
	const struct model *m = run(p);
	const char *head[COST__MAX];
	unsigned long n = produce_cpus(p);
	struct doc_table *t;
	size_t i, k = 0;
	char *s;

	for (i = 0; i < COST__MAX; i++)
		if (i != COST_CPU_TIME || n > 0)
			head[k++] = cost_header[i];
	t = doc_table_new(head, k, &b->table->style);
	for (i = 0; i < m->ngadgets; i++)
		if (has_cost(&m->gadgets[i]))
			cost_row(t, &m->gadgets[i], n, n > 0);
	if (t->nrows == 0) {
		doc_table_free(t);
		produce_paragraph(p, "No gadget has 3 or more rates measured both "
		    "with and without IG, so there is no cost model.");
		return;
	}
	produce_add_table(p, b->table, t, NULL);
	s = xasprintf("Least-squares fits on every run of the baseline and With "
	    "IG cases: host CPU and memory as a + b\xc2\xb7rate + c\xc2\xb7ig + "
	    "d\xc2\xb7rate\xc2\xb7ig (c the fixed overhead, d the overhead per "
	    "event/s), the ig process's memory as a + b\xc2\xb7rate; \xc2\xb1 "
	    "%s%% confidence intervals.%s Below an R\xc2\xb2 of 0.9 the cost "
	    "does not grow linearly with the rate.", p->level, n > 0 ?
	    " CPU time per event is d / 100 \xc3\x97 the number of CPUs "
	    "seconds." : "");
	produce_paragraph(p, s);
	free(s);
}

static const char *const raw_header[RAW__MAX] = {
	[RAW_GADGET] = "Gadget",
	[RAW_CASE] = "Case",
	[RAW_RUN] = "Run",
	[RAW_RATE] = "Events/s",
	[RAW_CPU] = "Cpu (%)",
	[RAW_MEM] = "Mem (MiB)",
	[RAW_IGCPU] = "IG Cpu (%)",
	[RAW_IGMEM] = "IG Mem (MiB)",
	[RAW_LOST] = "Lost/s",
};

static int
raw_column_present(const struct model *m, enum raw_column c)
{
	if (c == RAW_RUN)
		return m->has_run;
	if (c >= RAW_CPU)
		return model_has_metric(m, (enum metric)(METRIC_CPU + (c - RAW_CPU)));
	return 1;
}

/* Every kept raw row; Run and metric columns the model lacks left out. */
static struct doc_table *
raw_table(const struct model *m, const struct tpl_table_style *style)
{
	const char *head[RAW__MAX], *row[RAW__MAX];
	enum raw_column cols[RAW__MAX];
	struct doc_table *t;
	size_t n = 0, i, r;
	int c;

	for (c = 0; c < RAW__MAX; c++)
		if (raw_column_present(m, (enum raw_column)c)) {
			cols[n] = (enum raw_column)c;
			head[n++] = raw_header[c];
		}
	t = doc_table_new(head, n, style);
	for (r = 0; r < m->nraw; r++) {
		for (i = 0; i < n; i++)
			row[i] = m->raw[r].cell[cols[i]];
		doc_table_add_row(t, row);
	}
	return t;
}

static void
produce_raw(struct producer *p, const struct tpl_block *b)
{
	const struct model *m = run(p);
	struct doc_block *blk;
	char *s;

	if (m->nraw < m->total_rows) {
		s = xasprintf("The first %zu of %lu rows are shown; the attached "
		    "input files hold them all.", m->nraw, m->total_rows);
		produce_paragraph(p, s);
		free(s);
	}
	if (m->nraw == 0)
		return;
	blk = doc_add(p->doc, DOC_TABLE, "");
	blk->table = raw_table(m, &b->raw);
	blk->fold = 1;
}

static const produce_act report_acts[TPL_BLOCK__MAX] = {
	[TPL_BLOCK_HEADING] = produce_heading,
	[TPL_BLOCK_TEXT] = produce_text,
	[TPL_BLOCK_INPUTS] = produce_inputs,
	[TPL_BLOCK_MACHINE] = produce_machine,
	[TPL_BLOCK_SUMMARY] = produce_summary,
	[TPL_BLOCK_FIGURE] = produce_figure,
	[TPL_BLOCK_TABLE] = produce_table,
	[TPL_BLOCK_RAW] = produce_raw,
	[TPL_BLOCK_COST] = produce_cost,
	[TPL_BLOCK_GADGETS] = produce_gadgets,
	[TPL_BLOCK_PAGE_BREAK] = produce_page_break,
};

static size_t
report_ngadgets(const struct producer *p)
{
	return run(p)->ngadgets;
}

static struct view *
report_view(const struct producer *p, size_t g)
{
	return view_of_run(run(p), &run(p)->gadgets[g]);
}

/*
 * What a Markdown too long for --max-chars leaves out first: the appendix
 * (the raw data), the tables per gadget, the rest of the gadgets'
 * sections, the cost table; the title, inputs, machine and summary stay.
 */
static const struct produce_fit_step report_fit[] = {
	{ TPL_SECTION_APPENDIX, PRODUCE_FIT_REST, "the appendix (raw data)" },
	{ TPL_SECTION_GADGET, TPL_BLOCK_TABLE, "the tables per gadget" },
	{ TPL_SECTION_GADGET, PRODUCE_FIT_REST, "the rest of the sections per gadget" },
	{ TPL_SECTION_COVER, TPL_BLOCK_COST, "the cost table on the cover" },
	{ TPL_SECTION_OVERVIEW, TPL_BLOCK_COST, "the cost table" },
	/* The overview answers what each gadget costs: kept longest. */
	{ TPL_SECTION_OVERVIEW, PRODUCE_FIT_REST, "the overview of every gadget" },
};

const struct produce_kind produce_report = {
	TPL_KIND_REPORT, report_acts, report_ngadgets, report_view,
	report_fit, sizeof(report_fit) / sizeof(report_fit[0]),
};
