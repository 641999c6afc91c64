/* SPDX-License-Identifier: Apache-2.0 */
/* Plain-language summary sentences computed from the model, one per gadget. */
#include "summary.h"

#include <math.h>
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

int
summary_cost_decimals(enum metric m, int per)
{
	int d = metric_decimals(m);

	/* A memory cost per 1000 events/s is often a MiB or two. */
	return per && d == 0 ? 1 : d;
}

void
summary_format_cost(char buf[FORMAT_MAX], const struct model_coef *c,
    enum metric m, int per)
{
	double k = per ? 1000 : 1;
	int decimals = summary_cost_decimals(m, per);

	/* Host costs are overheads (signed); the ig process's are its own use. */
	if (m == METRIC_CPU || m == METRIC_MEM)
		format_delta_ci(buf, c->est * k, c->half * k, decimals, 1);
	else
		format_mean_ci(buf, c->est * k, c->half * k, decimals, 1);
}

void
summary_format_cpu_time(char buf[FORMAT_MAX], const struct model_coef *d,
    unsigned long cpus)
{
	double k = (double)cpus / 100 * 1e6, v = d->est * k;
	int decimals = fabs(v) < 10 ? 2 : fabs(v) < 100 ? 1 : 0;
	static const char unit[] = " \xc2\xb5s";
	size_t len;

	format_mean_ci(buf, v, d->half * k, decimals, 1);
	len = strlen(buf);
	if (len + sizeof(unit) <= FORMAT_MAX)
		memcpy(buf + len, unit, sizeof(unit));
}

static char *
describe_host_cost(const struct model_gadget *g, unsigned long cpus)
{
	char per[FORMAT_MAX], fixed[FORMAT_MAX], time[FORMAT_MAX];
	const struct model_cost *cpu = &g->cost[METRIC_CPU];

	summary_format_cost(per, &cpu->per_event, METRIC_CPU, 1);
	summary_format_cost(fixed, &g->cost[METRIC_MEM].fixed, METRIC_MEM, 0);
	if (cpus == 0)
		return xasprintf("%s points of host CPU per 1000 events/s, %s "
		    "MiB of host memory fixed", per, fixed);
	summary_format_cpu_time(time, &cpu->per_event, cpus);
	return xasprintf("%s points of host CPU per 1000 events/s (%s of CPU "
	    "time per event on %lu CPU%s), %s MiB of host memory fixed", per,
	    time, cpus, cpus == 1 ? "" : "s", fixed);
}

static char *
describe_process_cost(const struct model_gadget *g)
{
	char cpu[FORMAT_MAX], mem[FORMAT_MAX];

	if (!g->cost[METRIC_IGCPU].defined || !g->cost[METRIC_IGMEM].defined)
		return NULL;
	summary_format_cost(cpu, &g->cost[METRIC_IGCPU].per_event,
	    METRIC_IGCPU, 1);
	summary_format_cost(mem, &g->cost[METRIC_IGMEM].fixed, METRIC_IGMEM, 0);
	return xasprintf("the ig process uses %s points of CPU per 1000 "
	    "events/s and %s MiB fixed", cpu, mem);
}

/* "host CPU does not grow linearly with the rate (R² 0.85)" for each such fit. */
static char *
describe_nonlinear(const struct model_gadget *g)
{
	static const enum metric order[] = { METRIC_CPU, METRIC_MEM,
		METRIC_IGCPU, METRIC_IGMEM };
	static const char *const what[] = { "host CPU", "host memory",
		"ig process CPU", "ig process memory" };
	char *s = NULL, *t, r2[FORMAT_MAX];
	size_t k;

	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		const struct model_cost *c = &g->cost[order[k]];

		if (!c->defined || c->r2 >= SUMMARY_LINEAR_R2)
			continue;
		format_fixed(r2, c->r2, 2);
		t = xasprintf("%s%s%s does not grow linearly with the rate "
		    "(R\xc2\xb2 %s)", s ? s : "", s ? "; " : "", what[k], r2);
		free(s);
		s = t;
	}
	return s;
}

static char *
join_parts(const char *name, char *const *parts, size_t n)
{
	char *s = xasprintf("%s: ", name), *t;
	size_t i;
	int first = 1;

	for (i = 0; i < n; i++) {
		if (parts[i] == NULL)
			continue;
		t = xasprintf("%s%s%s", s, first ? "" : "; ", parts[i]);
		free(s);
		s = t;
		first = 0;
	}
	t = xasprintf("%s.", s);
	free(s);
	return t;
}

static char *
summary_cost(const struct model *m, const struct model_gadget *g,
    unsigned long cpus)
{
	char *parts[4], *s;
	size_t i;

	parts[0] = describe_host_cost(g, cpus);
	parts[1] = describe_process_cost(g);
	parts[2] = describe_nonlinear(g);
	parts[3] = describe_lost(m, g);
	s = join_parts(g->name, parts, 4);
	for (i = 0; i < 4; i++)
		free(parts[i]);
	return s;
}

char *
summary_gadget(const struct model *m, const struct model_gadget *g,
    unsigned long cpus)
{
	long r = top_shared_rate(g);
	char *parts[3] = { NULL, NULL, NULL }, *s;

	if (r < 0)
		return xasprintf("%s: no rate was measured both with and without "
		    "IG, so there is no overhead to report.", g->name);
	if (g->cost[METRIC_CPU].defined && g->cost[METRIC_MEM].defined)
		return summary_cost(m, g, cpus);
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
