/* The producers of a report of one run: its inputs, machine, summary sentences and raw data, and the kind's handler table. */
#include "produce_acts.h"

#include <stdlib.h>

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

static void
produce_summary(struct producer *p, const struct tpl_block *b)
{
	const struct model *m = run(p);
	struct doc_block *list = produce_list(p);
	size_t i;
	char *s;

	(void)b;
	for (i = 0; i < m->ngadgets; i++) {
		s = summary_gadget(m, &m->gadgets[i]);
		doc_list_add_link(list, s,
		    produce_gadget_anchor(p, m->gadgets[i].name));
		free(s);
	}
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

const struct produce_kind produce_report = {
	TPL_KIND_REPORT, report_acts, report_ngadgets, report_view,
};
