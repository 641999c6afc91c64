/* The report composer: lays the template's sections out on pages, or as separate figures. */
#ifndef IGREPORT_REPORT_H
#define IGREPORT_REPORT_H

#include <stddef.h>

#include "canvas.h"
#include "model.h"
#include "template.h"

struct comparison;

/* What a report is drawn from; everything is borrowed. */
struct report_context {
	const struct template *tpl;
	const struct model *model;
	const char *title;   /* report title (already chosen: --title or the template's) */
	const char *date;    /* generation date, e.g. "2025-09-10 14:05 UTC" */
	const char *version; /* igreport's version, for the cover */
	/*
	 * NULL for a report of one run. For a compare template: the
	 * comparison, with model built from it by compare_model_new; the
	 * compare blocks draw nothing without it.
	 */
	const struct comparison *comparison;
};

/*
 * Draws the whole report through c, page by page: the cover, each
 * gadget's section, the appendix, in template order. Each section starts
 * a new page; a block that does not fit the rest of a page moves to the
 * next; tables continue over pages with their header repeated. Returns
 * the number of pages drawn.
 */
size_t report_draw(struct canvas *c, const struct report_context *ctx);

/* A standalone figure (or table) of one gadget, for the SVG output. */
struct report_item {
	const struct model_gadget *gadget;
	const struct tpl_block *block; /* TPL_BLOCK_FIGURE or TPL_BLOCK_TABLE,
	                                  or (compare) CHANGES or OVERHEADS */
	char *name;                    /* file stem, "trace_exec-host" */
	char *title;                   /* "trace_exec - Host" */
	char *desc;                    /* one sentence for screen readers */
	double width, height;          /* points */
};

/*
 * Lists every figure and every table with an id (compare: also changes
 * and overheads with an id), per gadget, in template
 * order, measuring with c's fonts. Items with nothing to draw are left out.
 * Returns the count; free the array with report_items_free.
 */
size_t report_items(const struct canvas *c, const struct report_context *ctx,
    struct report_item **items);

/* Draws one item as a single page of its own size. */
void report_draw_item(struct canvas *c, const struct report_context *ctx,
    const struct report_item *item);

void report_items_free(struct report_item *items, size_t n);

#endif
