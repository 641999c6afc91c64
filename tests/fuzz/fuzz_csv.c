/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: CSV bytes -> results -> aggregate -> model -> PDF, SVG and Markdown in memory. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * What every input is drawn with, loaded once: libFuzzer offers no other
 * place than file scope for state that lives across inputs.
 */
static struct fonts *fuzz_csv_fonts;
static struct template *fuzz_csv_tpl[2];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_csv_fonts = fuzz_fonts();
	fuzz_csv_tpl[0] = fuzz_template("templates/default.xml");
	fuzz_csv_tpl[1] = fuzz_template("templates/compact.xml");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *csv = (const char *)data;
	struct model *m = fuzz_model(csv, size, "fuzz.csv");

	/* The length's parity picks the template, so both are covered. */
	if (m != NULL)
		fuzz_render(m, fuzz_csv_tpl[size % 2], fuzz_csv_fonts, csv,
		    size);
	model_free(m);
	return 0;
}
