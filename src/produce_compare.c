/* SPDX-License-Identifier: Apache-2.0 */
/* The producers of a comparison of two runs: verdict, machines, significant changes, what only one run has, per-gadget change chart, changes and overheads, and the kind's handler table. */
#include "produce_acts.h"

#include <math.h>
#include <stdlib.h>

#include "chart_changes.h"
#include "produce_compare_tables.h"
#include "xalloc.h"

static const struct canvas_color unknown_gray = { 0x75, 0x75, 0x75 };

static const struct comparison *
cmp(const struct producer *p)
{
	return p->in->comparison;
}

static struct colors
colors_of(const struct producer *p)
{
	struct colors col;

	col.worse = p->t->worse_color;
	col.better = p->t->better_color;
	col.unknown = unknown_gray;
	col.same = p->t->text_color;
	return col;
}

static void
produce_verdict(struct producer *p, const struct tpl_block *b)
{
	const struct comparison *c = cmp(p);
	struct canvas_color color = p->t->text_color;
	char *head = compare_text_headline(c), *rule = compare_text_rule(c);
	char *untested = compare_text_untested(c);

	(void)b;
	if (c->counts[COMPARE_WORSE] > 0)
		color = p->t->worse_color;
	else if (c->counts[COMPARE_BETTER] > 0)
		color = p->t->better_color;
	doc_add_paragraph(p->doc, head, DOC_ROLE_LEAD, color);
	produce_paragraph(p, rule);
	if (untested != NULL)
		produce_paragraph(p, untested);
	free(head);
	free(rule);
	free(untested);
}

static void
produce_machines(struct producer *p, const struct tpl_block *b)
{
	struct colors col = colors_of(p);
	char *warning = compare_text_warning(cmp(p));
	struct doc_block *banner;

	if (warning != NULL) {
		banner = doc_add(p->doc, DOC_BANNER, warning);
		banner->color = col.worse;
	}
	free(warning);
	produce_add_table(p, b->table, compare_table_machines(cmp(p), &b->table->style,
	    &col), NULL);
}

static void
produce_significant(struct producer *p, const struct tpl_block *b)
{
	struct colors col = colors_of(p);
	struct doc_table *tb = compare_table_significant(cmp(p), &b->table->style, &col);

	if (tb == NULL)
		produce_paragraph(p, "No significant change.");
	else
		produce_add_table(p, b->table, tb, NULL);
}

static void
produce_only(struct producer *p, const struct tpl_block *b)
{
	struct doc_block *list;
	char **lines;
	size_t n, i;

	(void)b;
	n = compare_text_only(cmp(p), &lines);
	if (n == 0) {
		produce_paragraph(p, "Both runs have the same gadgets, cases, rates "
		    "and columns.");
		free(lines);
		return;
	}
	list = produce_list(p);
	for (i = 0; i < n; i++) {
		doc_list_add(list, lines[i]);
		free(lines[i]);
	}
	free(lines);
}

static void
produce_changes(struct producer *p, const struct tpl_block *b)
{
	struct colors col = colors_of(p);
	const char *g = p->view->gadget;
	struct doc_table *tb = compare_table_changes(cmp(p), g, &b->table->style, &col);
	char *s;

	if (tb == NULL) {
		s = compare_text_no_changes(cmp(p), g);
		produce_paragraph(p, s);
		free(s);
		return;
	}
	produce_add_table(p, b->table, tb, xasprintf("Table of the changes from "
	    "OLD to NEW for gadget %s per case and events-per-second rate, in "
	    "percent of OLD; regressions marked with an upward triangle, "
	    "improvements with a downward one.", g));
	p->doc->blocks[p->doc->nblocks - 1].fold = 1;
}

static void
produce_overheads(struct producer *p, const struct tpl_block *b)
{
	struct colors col = colors_of(p);
	const char *g = p->view->gadget;
	struct doc_table *tb = compare_table_overheads(cmp(p), g, &b->table->style, &col);

	if (tb == NULL)
		return;
	produce_add_table(p, b->table, tb, xasprintf("Table of the overhead of "
	    "IG (with IG minus baseline) for gadget %s in OLD and NEW per "
	    "events-per-second rate, and its change, with %s%% confidence "
	    "intervals.", g, p->level));
	p->doc->blocks[p->doc->nblocks - 1].fold = 1;
}

/* "1 regression, 2 improvements and 9 with no change". */
static char *
change_counts(const struct compare_chart_counts *k)
{
	size_t w = k->verdict[COMPARE_WORSE], b = k->verdict[COMPARE_BETTER];

	return xasprintf("%zu %s, %zu %s and %zu with no change", w,
	    w == 1 ? "regression" : "regressions", b,
	    b == 1 ? "improvement" : "improvements", k->verdict[COMPARE_SAME]);
}

/* "; \xc2\xb15% threshold shaded", or "" without a threshold. */
static char *
change_chart_band(const struct producer *p)
{
	double t = cmp(p)->opt.threshold;

	return t > 0 ? xasprintf("; \xc2\xb1%g%% threshold shaded", t) :
	    xstrdup("");
}

/* The chart's own title: what is drawn, and how much of it when rows were left out. */
static char *
change_chart_title(const struct producer *p, size_t shown, size_t tested)
{
	char *band = change_chart_band(p), *s;

	if (shown == tested)
		s = xasprintf("Change of the mean in %% of OLD, with %s%% CI%s",
		    p->level, band);
	else
		s = xasprintf("Change of the mean in %% of OLD, with %s%% CI%s; "
		    "the first %zu of %zu changes", p->level, band, shown, tested);
	free(band);
	return s;
}

/* What was left out of the chart, as sentences (may be ""). */
static char *
change_chart_left_out(size_t shown, const struct compare_chart_counts *k)
{
	char *room = shown == k->tested ? xstrdup("") : xasprintf(" Only the "
	    "first %zu rows are drawn; the other %zu changes are in the table "
	    "of changes.", shown, k->tested - shown), *s;

	if (k->zero == 0)
		return room;
	s = xasprintf("%s %zu metric%s measured as 0 in every run of both, such "
	    "as the IG process of a baseline, %s not drawn.", room, k->zero,
	    k->zero == 1 ? "" : "s", k->zero == 1 ? "is" : "are");
	free(room);
	return s;
}

static char *
change_chart_desc(const struct producer *p, size_t shown,
    const struct compare_chart_counts *k)
{
	char *what = change_counts(k), *more = change_chart_left_out(shown, k);
	char *band = cmp(p)->opt.threshold > 0 ? xasprintf(" and the "
	    "\xc2\xb1%g%% threshold shaded", cmp(p)->opt.threshold) : xstrdup(""), *s;

	s = xasprintf("Change chart for gadget %s: the %zu changes tested from "
	    "OLD to NEW, %s, one row each, regressions first, then improvements, "
	    "then no change, largest first; each row is the change of the mean "
	    "in percent of OLD as a point with its %s%% confidence interval as a "
	    "horizontal whisker, against a line at zero%s.%s", p->view->gadget,
	    k->tested, what, p->level, band, more);
	free(what);
	free(more);
	free(band);
	return s;
}

/* Every tested change of the gadget as a row of one chart, sized to its rows. */
static void
produce_change_chart(struct producer *p, const struct tpl_block *b)
{
	const struct tpl_figure *fig = b->figure;
	struct colors col = colors_of(p);
	struct compare_chart_counts k;
	struct doc_chart *ch = xcalloc(1, sizeof(*ch));
	struct doc_block *blk;
	char *title = produce_expand(p, fig->title);
	int titled = *title != '\0';

	k = compare_chart_changes(cmp(p), p->view->gadget, &col,
	    chart_changes_max_rows(p->t, fig->height, titled), ch);
	if (k.tested == 0) {
		free(ch);
		free(title);
		return;
	}
	ch->title = change_chart_title(p, ch->nchanges, k.tested);
	ch->x_label = xstrdup("Change from OLD to NEW (% of OLD)");
	ch->y_label = xstrdup("");
	blk = doc_add(p->doc, DOC_FIGURE, title);
	free(title);
	blk->charts = ch;
	blk->ncharts = 1;
	/* One row with fonts too large for the template's height still gets no more: its rows shrink. */
	blk->height = fmin(chart_changes_height(p->t, ch->nchanges, titled),
	    fig->height);
	blk->id = produce_item_id(p, p->view->gadget, fig->id);
	blk->desc = change_chart_desc(p, ch->nchanges, &k);
}

static const produce_act compare_acts[TPL_BLOCK__MAX] = {
	[TPL_BLOCK_HEADING] = produce_heading,
	[TPL_BLOCK_TEXT] = produce_text,
	[TPL_BLOCK_FIGURE] = produce_figure,
	[TPL_BLOCK_TABLE] = produce_table,
	[TPL_BLOCK_PAGE_BREAK] = produce_page_break,
	[TPL_BLOCK_VERDICT] = produce_verdict,
	[TPL_BLOCK_MACHINES] = produce_machines,
	[TPL_BLOCK_SIGNIFICANT] = produce_significant,
	[TPL_BLOCK_ONLY] = produce_only,
	[TPL_BLOCK_CHANGES] = produce_changes,
	[TPL_BLOCK_OVERHEADS] = produce_overheads,
	[TPL_BLOCK_CHANGE_CHART] = produce_change_chart,
};

/* OLD's gadgets in order, then those only NEW has. */
static const char *
gadget_name(const struct comparison *c, size_t i)
{
	size_t k;

	if (i < c->old->ngadgets)
		return c->old->gadgets[i].name;
	i -= c->old->ngadgets;
	for (k = 0; k < c->new->ngadgets; k++)
		if (model_find_gadget(c->old, c->new->gadgets[k].name) == NULL &&
		    i-- == 0)
			return c->new->gadgets[k].name;
	return NULL;
}

static size_t
compare_ngadgets(const struct producer *p)
{
	size_t n = 0;

	while (gadget_name(cmp(p), n) != NULL)
		n++;
	return n;
}

static struct view *
compare_view(const struct producer *p, size_t g)
{
	return view_of_comparison(cmp(p), gadget_name(cmp(p), g));
}

/*
 * What a Markdown too long for --max-chars leaves out first: the long
 * per-gadget detail (changes folded away first, a comparison of every
 * case, rate and metric), then the cover's lists, the significant changes
 * last: the verdict and a warning about the machines always stay.
 */
static const struct produce_fit_step compare_fit[] = {
	{ TPL_SECTION_GADGET, TPL_BLOCK_CHANGES, "the tables of changes per gadget" },
	{ TPL_SECTION_GADGET, TPL_BLOCK_OVERHEADS, "the overhead tables per gadget" },
	{ TPL_SECTION_GADGET, PRODUCE_FIT_REST, "the rest of the sections per gadget" },
	{ TPL_SECTION_APPENDIX, PRODUCE_FIT_REST, "the appendix" },
	{ TPL_SECTION_COVER, TPL_BLOCK_MACHINES, "the table of machines" },
	{ TPL_SECTION_COVER, TPL_BLOCK_ONLY, "what only one run has" },
	{ TPL_SECTION_COVER, TPL_BLOCK_SIGNIFICANT, "the table of significant changes" },
};

const struct produce_kind produce_compare = {
	TPL_KIND_COMPARE, compare_acts, compare_ngadgets, compare_view,
	compare_fit, sizeof(compare_fit) / sizeof(compare_fit[0]),
};
