/* Plain-language summary sentences computed from the model, one per gadget. */
#include "summary.h"

#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "metric.h"
#include "xalloc.h"

/* Highest rate index with an overhead for Cpu, or -1. */
static long
top_shared_rate(const struct model_gadget *g)
{
	size_t r;

	for (r = g->nrates; r-- > 0;)
		if (g->overhead[r].m[METRIC_CPU].defined)
			return (long)r;
	return -1;
}

static char *
describe_delta(const struct model_delta *dl, const char *what, enum metric m)
{
	char value[FORMAT_MAX], half[FORMAT_MAX];
	double mag = dl->delta < 0 ? -dl->delta : dl->delta;
	int decimals = metric_decimals(m);
	const char *unit = metric_delta_unit(m);

	format_fixed(value, mag, decimals);
	format_fixed(half, dl->half, decimals);
	if (strspn(value, "0.") == strlen(value))
		return xasprintf("%s does not change measurably", what);
	if (dl->half > 0)
		return xasprintf("%s %s by %s \xc2\xb1 %s %s", what,
		    dl->delta > 0 ? "rises" : "falls", value, half, unit);
	return xasprintf("%s %s by %s %s", what,
	    dl->delta > 0 ? "rises" : "falls", value, unit);
}

static char *
describe_overhead(const struct model_gadget *g, size_t r)
{
	char rate[FORMAT_MAX], *cpu, *mem, *s;

	format_rate(rate, g->rates[r]);
	cpu = describe_delta(&g->overhead[r].m[METRIC_CPU], "host CPU",
	    METRIC_CPU);
	mem = describe_delta(&g->overhead[r].m[METRIC_MEM], "host memory",
	    METRIC_MEM);
	s = xasprintf("at %s events/s (the highest rate measured with and "
	    "without IG), with IG %s and %s", rate, cpu, mem);
	free(cpu);
	free(mem);
	return s;
}

static char *
describe_process(const struct model *m, const struct model_stat *st)
{
	char cpu[FORMAT_MAX], mem[FORMAT_MAX];

	if (!model_has_metric(m, METRIC_IGCPU) || !model_has_metric(m, METRIC_IGMEM) ||
	    st[METRIC_IGCPU].n == 0 || st[METRIC_IGMEM].n == 0)
		return NULL;
	format_fixed(cpu, st[METRIC_IGCPU].mean, metric_decimals(METRIC_IGCPU));
	format_fixed(mem, st[METRIC_IGMEM].mean, metric_decimals(METRIC_IGMEM));
	return xasprintf("the ig process uses %s%s CPU and %s %s", cpu,
	    metric_unit(METRIC_IGCPU), mem, metric_unit(METRIC_IGMEM));
}

static char *
describe_lost(const struct model *m, const struct model_gadget *g)
{
	char rate[FORMAT_MAX], lost[FORMAT_MAX];
	size_t r;

	if (!model_has_metric(m, METRIC_LOST) || g->ig < 0)
		return NULL;
	for (r = 0; r < g->nrates; r++) {
		const struct model_stat *st = &g->series[g->ig].cells[r].m[METRIC_LOST];

		if (st->n > 0 && st->mean > 0) {
			format_rate(rate, g->rates[r]);
			format_fixed(lost, st->mean, st->mean < 10 ?
			    metric_decimals(METRIC_LOST) : 0);
			return xasprintf("events are first lost at %s events/s "
			    "(%s per second)", rate, lost);
		}
	}
	return xstrdup("no lost events");
}

char *
summary_gadget(const struct model *m, const struct model_gadget *g)
{
	long r = top_shared_rate(g);
	char *parts[3] = { NULL, NULL, NULL }, *s;

	if (r < 0)
		return xasprintf("%s: no rate was measured both with and without "
		    "IG, so there is no overhead to report.", g->name);
	parts[0] = describe_overhead(g, (size_t)r);
	parts[1] = describe_process(m, g->series[g->ig].cells[r].m);
	parts[2] = describe_lost(m, g);
	s = xasprintf("%s: %s%s%s%s%s.", g->name, parts[0],
	    parts[1] ? "; " : "", parts[1] ? parts[1] : "",
	    parts[2] ? "; " : "", parts[2] ? parts[2] : "");
	free(parts[0]);
	free(parts[1]);
	free(parts[2]);
	return s;
}
