/* SPDX-License-Identifier: Apache-2.0 */
/* What both fuzz targets share: the source tree's data files and rendering a model's document in memory. */
#ifndef IGREPORT_FUZZ_COMMON_H
#define IGREPORT_FUZZ_COMMON_H

#include <stddef.h>

#include "fonts.h"
#include "model.h"
#include "template.h"

/*
 * A newly allocated path to relative under $IGREPORT_SOURCE_DIR, or the
 * source tree the target was built from when unset.
 */
char *fuzz_source_path(const char *relative);

/* The shipped fonts and the schema path; aborts when they cannot be loaded. */
struct fonts *fuzz_fonts(void);

/* Loads a shipped template (e.g. "templates/default.xml"); aborts on failure. */
struct template *fuzz_template(const char *relative);

/* Reads a CSV text into a model (NULL on any error); diagnostics are formatted and dropped. */
struct model *fuzz_model(const char *csv, size_t len, const char *name);

/*
 * Builds the document of the model with the template (a compare
 * template: of the model compared with itself), draws it into a PDF
 * (attaching data) and one SVG per standalone item, writes its Markdown
 * and the model dump, all in memory. Aborts when the document is refused,
 * a back end fails or a model invariant is broken: with valid input in
 * memory, nothing may fail.
 */
void fuzz_render(const struct model *m, const struct template *tpl,
    const struct fonts *fonts, const char *data, size_t len);

#endif
