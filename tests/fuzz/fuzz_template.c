/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: template bytes -> template loader -> report layout on every back end in memory. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzz_common.h"
#include "xalloc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Two models to lay out: every metric and a third case, or only the
 * required columns with one gadget lacking a side. Gadget names carry
 * characters that need escaping in every output.
 */
static const char fuzz_full_csv[] =
    "# Processor: fuzz <&> \"cpu\"\n"
    "TestName,TestCase,Run,EventsPerSecond,Cpu,Mem,IgCpu,IgMem,Lost\n"
    "trace_<dns>&,baseline,1,256,1.0,1000,0,0,0\n"
    "trace_<dns>&,baseline,2,256,1.2,1002,0,0,0\n"
    "trace_<dns>&,ig,1,256,1.5,1100,0.2,90,0\n"
    "trace_<dns>&,ig,2,256,1.7,1110,0.3,91,2\n"
    "trace_<dns>&,other,1,256,1.9,1120,0.4,92,1\n"
    "trace_<dns>&,baseline,1,512,2.0,1000,0,0,0\n"
    "trace_<dns>&,ig,1,512,2.8,1120,0.5,93,0\n"
    "trace_exec,baseline,1,1024,5.0,1000,0,0,0\n"
    "trace_exec,ig,1,1024,7.0,1200,1.5,100,3\n";
static const char fuzz_lean_csv[] =
    "GadgetName,TestName,EventsPerSecond,Cpu,Mem\n"
    "trace_open,baseline,100,1.0,900\n"
    "trace_open,ig,100,1.5,950\n"
    "trace_open,ig,200,2.5,960\n"
    "snapshot_process,ig,100,0.5,800\n";

/* Loaded once: libFuzzer offers no other place than file scope for it. */
static struct {
	struct fonts *fonts;
	char *xsd;
	struct model *model[2];
} fuzz_tpl;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_tpl.fonts = fuzz_fonts();
	fuzz_tpl.xsd = fuzz_source_path("templates/igreport.xsd");
	fuzz_tpl.model[0] = fuzz_model(fuzz_full_csv, strlen(fuzz_full_csv),
	    "full.csv");
	fuzz_tpl.model[1] = fuzz_model(fuzz_lean_csv, strlen(fuzz_lean_csv),
	    "lean.csv");
	if (fuzz_tpl.model[0] == NULL || fuzz_tpl.model[1] == NULL)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d = { 0 };
	struct template *t;
	size_t i;

	t = template_load_memory((const char *)data, size, "fuzz.xml",
	    fuzz_tpl.xsd, &d);
	/* A template is accepted exactly when no error was reported. */
	if ((t == NULL) != (diags_failed(&d) != 0))
		abort();
	for (i = 0; i < d.n; i++)
		free(diag_format(&d.v[i]));
	diags_free(&d);
	if (t != NULL)
		fuzz_render(fuzz_tpl.model[size % 2], t, fuzz_tpl.fonts,
		    (const char *)data, size);
	template_free(t);
	return 0;
}
