/* SPDX-License-Identifier: Apache-2.0 */
/* The HTML renderer: a document as one self-contained page, figures as inline SVG, tables as HTML tables. */
#ifndef IGREPORT_RENDER_HTML_H
#define IGREPORT_RENDER_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "document.h"
#include "figures.h"
#include "zpack.h"

/* An input offered for download from the page, the counterpart of the PDF's attachment. */
struct html_attachment {
	const char *name;            /* base name, e.g. "results.csv" */
	const struct zpack *packed;  /* its bytes, deflated (finished); NULL:
	                              * too large to attach */
};

/*
 * Writes doc to out as one HTML5 page that needs nothing else: styles
 * in one <style> element made from the template's page, fonts and
 * colours (a text colour pair below WCAG's 4.5:1 contrast is darkened
 * until it reaches it), a table of contents linking every section,
 * figure and table by its stable id, each figure a <figure> holding the
 * SVG renderer's drawing inline, each table an HTML table (folded ones
 * in <details>), each attachment a data: link with the download
 * attribute (inflated from its stream piece by piece as it is written),
 * no script and no external reference. Every text goes through
 * libxml2's writer, so no text can become markup. The page goes to out
 * as it is made, so on an error part of it may have been written. The
 * figures come from figs (made for doc). Returns 0, or -1 with
 * D_WRITE_FAILED appended.
 */
int render_html_write(FILE *out, const struct document *doc,
    struct figures *figs, const struct html_attachment *att,
    size_t natt, const char *generator, struct diags *d);

#endif
