/* SPDX-License-Identifier: Apache-2.0 */
/* Inside the document builder: the state of a build and the block handlers each template kind provides. */
#ifndef IGREPORT_PRODUCE_ACTS_H
#define IGREPORT_PRODUCE_ACTS_H

#include "document.h"
#include "format.h"
#include "produce.h"
#include "view.h"

/* A build in progress. */
struct producer {
	const struct produce_kind *kind; /* the template kind's handlers and gadget views */
	struct document *doc;
	const struct produce_input *in;
	const struct template *t;
	const struct view *view; /* the current gadget's, in a gadget section; else NULL */
	char level[FORMAT_MAX];  /* "95" */
	const char *old, *new;   /* compare: the inputs' base names */
	struct producer_anchor *anchors; /* given to gadgets so far */
	size_t nanchors;
	struct diags *d;         /* warnings while building */
	struct produce_chart_use *uses; /* per template chart: drawn, or left out for its cases */
	size_t nuses, capuses;
};

/* The anchor of a gadget's section, decided when first asked for. */
struct producer_anchor {
	char *gadget, *anchor;
};

/* Whether a template chart was drawn for some gadget, or left out for lack of its cases. */
struct produce_chart_use {
	const struct tpl_figure *fig;
	const struct tpl_chart *chart;
	int drawn, no_series;
};

/* Makes the blocks of template block b. */
typedef void (*produce_act)(struct producer *p, const struct tpl_block *b);

/* block of struct produce_fit_step: every block of the section no other step takes. */
#define PRODUCE_FIT_REST (-1)

/*
 * A step of shortening the Markdown (struct doc_fit): the blocks made by
 * one kind of template block in one kind of section, or the rest of that
 * section. A heading goes with the template block after it (it titles
 * it), a text with the one before it (it explains it), when that block
 * has a step of its own; a banner (a warning) is never left out.
 */
struct produce_fit_step {
	enum tpl_section_kind section;
	int block;        /* a TPL_BLOCK_* kind, or PRODUCE_FIT_REST */
	const char *what; /* in the note: "the tables of changes per gadget" */
};

/* What one kind of template is made of. */
struct produce_kind {
	enum tpl_kind kind;
	const produce_act *acts;             /* TPL_BLOCK__MAX handlers; NULL: none of this kind */
	size_t (*ngadgets)(const struct producer *p);
	struct view *(*view)(const struct producer *p, size_t gadget);
	const struct produce_fit_step *fit;  /* the steps of shortening, first left out first */
	size_t nfit;
};

extern const struct produce_kind produce_report;
extern const struct produce_kind produce_compare;
extern const struct produce_kind produce_trend;

/* Handlers every kind shares (produce.c). */
void produce_heading(struct producer *p, const struct tpl_block *b);
void produce_text(struct producer *p, const struct tpl_block *b);
void produce_figure(struct producer *p, const struct tpl_block *b);
void produce_table(struct producer *p, const struct tpl_block *b);
void produce_page_break(struct producer *p, const struct tpl_block *b);

/*
 * An item id (a file name: ID.svg) from a template id, for gadget's item
 * or (gadget NULL) an item about every gadget; unique in the document.
 */
char *produce_item_id(const struct producer *p, const char *gadget,
    const char *id);

/* The palette colour for the i-th line or case the template gives no colour. */
struct canvas_color produce_palette(size_t i);

/*
 * Binds overhead chart ch (TPL_CHART_OVERHEAD): in a gadget section a
 * line for its gadget, else one per gadget (the first
 * PRODUCE_MAX_LINES), over the rates where some line has an overhead.
 * Returns 0 when no line has a point; else 1 (free with doc_chart_free).
 */
int produce_overhead_chart(struct producer *p, const struct tpl_chart *ch,
    const struct tpl_vars *vars, struct doc_chart *out);

/* The number of CPUs of a report's run: --cpus, else its "# CPUs:" line, else 0. */
unsigned long produce_cpus(const struct producer *p);

/* The overview table: per gadget its cost, memory, rates and losses (produce_overview.c). */
void produce_gadgets(struct producer *p, const struct tpl_block *b);
/* The values of the current placeholders. */
void producer_vars(const struct producer *p, struct tpl_vars *v);

/*
 * Appends a figure block titled by template figure fig (expanded), with
 * the n charts (taken over), the item id of fig in the current gadget
 * ("cover" outside one) and desc (taken over) for screen readers.
 */
void produce_add_figure(struct producer *p, const struct tpl_figure *fig,
    struct doc_chart *charts, size_t n, char *desc);

/* text (may be NULL) with the current placeholders expanded; newly allocated. */
char *produce_expand(const struct producer *p, const char *text);

/* A paragraph of body text in the template's text colour. */
void produce_paragraph(struct producer *p, const char *text);

/*
 * The anchor of gadget's section (see struct doc_block), the same each
 * time asked, even before the section exists (a summary links to it).
 */
const char *produce_gadget_anchor(struct producer *p, const char *gadget);

/*
 * The id of gadget's item from the template id id (see struct doc_block):
 * made safe for a file name, unique in the document; newly allocated.
 */
char *produce_item_id(const struct producer *p, const char *gadget,
    const char *id);

/* An empty bulleted list. */
struct doc_block *produce_list(struct producer *p);

/*
 * Appends a table block for the laid-out data tb (taken over) with the
 * template table spec's title; in a gadget section, a spec with an id
 * makes it a standalone item with that id and desc (taken over).
 */
void produce_add_table(struct producer *p, const struct tpl_table *spec,
    struct doc_table *tb, char *desc);

#endif
