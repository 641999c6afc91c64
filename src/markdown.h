/* Markdown output: per-gadget tables of means with confidence intervals, and the summary. */
#ifndef IGREPORT_MARKDOWN_H
#define IGREPORT_MARKDOWN_H

#include <stdio.h>

#include "model.h"

/*
 * Writes the whole Markdown report for model to out: title, inputs,
 * machine description, summary, then one table per gadget with the
 * notebook's columns (each mean "± CI half-width") and the overhead
 * columns (Welch CI). Columns whose metric the model lacks are left out.
 * Returns 0, or -1 when writing failed (ferror).
 */
int markdown_write(FILE *out, const struct model *model, const char *title);

#endif
