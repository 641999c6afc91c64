/* Markdown output of a comparison of two runs, short enough for a pull-request comment. */
#ifndef IGREPORT_COMPARE_MD_H
#define IGREPORT_COMPARE_MD_H

#include <stdio.h>

#include "compare.h"

/*
 * Writes c as Markdown to out: a heading with the verdict (regressions
 * and improvements), a warning when the machines differ, a table of the
 * regressions then one of the improvements (overhead changes included, as
 * case "overhead"), every comparison compactly inside <details>, the
 * overhead table, what only one run has, and the two machine descriptions
 * inside <details>. Returns 0, or -1 when writing failed (ferror).
 */
int compare_md_write(FILE *out, const struct comparison *c);

#endif
