/* SPDX-License-Identifier: Apache-2.0 */
/* The document builder: a template and a run (or a comparison of two runs) made into a document. */
#ifndef IGREPORT_PRODUCE_H
#define IGREPORT_PRODUCE_H

#include "compare.h"
#include "diag.h"
#include "document.h"
#include "model.h"
#include "template.h"
#include "trend.h"
#include "view.h"

/* What a document is built from; everything is borrowed. */
struct produce_input {
	const struct template *tpl;
	const struct model *model;           /* a report: the run; NULL for a comparison */
	const struct comparison *comparison; /* a comparison: both runs; NULL for a report */
	const char *title;   /* the document title (already chosen: --title or the template's) */
	const char *date;    /* generation date, e.g. "2025-09-10 14:05 UTC" */
	const char *version; /* igreport's version, for the cover */
	unsigned long cpus;  /* --cpus; 0: a "# CPUs: N" line's, if any (model_cpus) */
	/*
	 * The Markdown's length limit in characters (--max-chars; 0: none)
	 * and the sentence that says where the full report is, for the note
	 * closing a shortened Markdown (NULL: no such sentence).
	 */
	size_t max_chars;
	const char *full_report;
	const struct trend *trend; /* a trend: the history analysed; else NULL */
};

/* Most bytes of an item id (document.h) before a "-N" for a repeat. */
#define PRODUCE_ID_MAX 100

/*
 * Builds the document of in: the template's sections in order (each
 * gadget section once per gadget), each template block made into the
 * blocks it stands for by the producers of the template's kind. With a
 * max_chars, each block is given the step of shortening it goes with
 * (struct doc_fit), in the kind's fixed order, and the notes saying what
 * was left out. The
 * document borrows in->tpl (it must outlive the document) and nothing
 * else. Returns NULL with a D_TEMPLATE_VALUE diagnostic when the
 * template's kind does not match the data (a compare template for one
 * run, a report template for a comparison).
 */
struct document *produce_document(const struct produce_input *in,
    struct diags *d);

/*
 * An overview chart (kind="overhead" outside a gadget section) draws the
 * first this many gadgets, and says so: more lines cannot be told apart.
 * The overview table has every gadget.
 */
#define PRODUCE_MAX_LINES 10

/*
 * Binds chart ch to gadget view v: the template's series v has, in
 * template order, then (other-cases) v's unlisted cases in palette
 * colours; a value per rate of v (a gap where not measured); texts
 * expanded with vars. Returns 0 and binds nothing when v lacks the
 * metric or every series; else 1. Free out with doc_chart_free.
 */
int produce_chart(const struct tpl_chart *ch, const struct view *v,
    const struct tpl_vars *vars, struct doc_chart *out);

#endif
