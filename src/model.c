/* SPDX-License-Identifier: Apache-2.0 */
/* The report model: lookups, the invariant check, the text dump and freeing. */
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format.h"
#include "xalloc.h"

/* Keys whose difference makes results of two machines incomparable. */
static const char *const machine_keys[] = { "Processor", "Memory", "Kernel" };

int
model_machine_key(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(machine_keys) / sizeof(machine_keys[0]); i++)
		if (strcasecmp(key, machine_keys[i]) == 0)
			return 1;
	return 0;
}

/* Non-zero when meta[i]'s key has another value among meta[0..i). */
static int
meta_conflict(const struct model *model, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcasecmp(model->meta[j].key, model->meta[i].key) == 0)
			return strcmp(model->meta[j].value,
			    model->meta[i].value) != 0;
	return 0;
}

/* Non-zero when meta[i]'s key was already named as a conflict before i. */
static int
conflict_named(const struct model *model, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcasecmp(model->meta[j].key, model->meta[i].key) == 0 &&
		    meta_conflict(model, j))
			return 1;
	return 0;
}

size_t
model_machine_conflicts(const struct model *model, char **keys)
{
	size_t i, n = 0;
	char *s;

	for (i = 0; i < model->nmeta; i++) {
		if (!model_machine_key(model->meta[i].key) ||
		    !meta_conflict(model, i) || conflict_named(model, i))
			continue;
		if (keys != NULL) {
			s = xasprintf("%s%s%s", n ? *keys : "", n ? ", " : "",
			    model->meta[i].key);
			if (n)
				free(*keys);
			*keys = s;
		}
		n++;
	}
	return n;
}

int
model_has_metric(const struct model *model, enum metric m)
{
	return (model->metrics & (1u << m)) != 0;
}

unsigned long
model_cpus(const struct model *model)
{
	size_t i;

	for (i = 0; i < model->nmeta; i++) {
		const char *v = model->meta[i].value;
		char *end;
		unsigned long n;

		if (strcasecmp(model->meta[i].key, "CPUs") != 0 ||
		    !(*v >= '0' && *v <= '9'))
			continue;
		n = strtoul(v, &end, 10);
		if (*end == '\0' && n >= 1 && n <= MODEL_CPUS_MAX)
			return n;
	}
	return 0;
}

static int
check_fail(FILE *log, const char *gadget, const char *what)
{
	if (log != NULL)
		fprintf(log, "model_check: %s: %s\n", gadget, what);
	return 1;
}

static int
check_stat(const struct model_stat *s)
{
	return s->n > 0 && (!isfinite(s->mean) || !isfinite(s->sd) ||
	    !isfinite(s->half) || s->sd < 0 || s->half < 0 ||
	    (s->n < 2 && (s->sd != 0 || s->half != 0)));
}

static int
check_coef(const struct model_coef *c)
{
	return !isfinite(c->est) || !isfinite(c->se) || !isfinite(c->half) ||
	    c->se < 0 || c->half < 0;
}

/* Host fits have 4 parameters, the ig process's 2; R^2 may lose an ulp. */
static int
check_costs(const struct model_gadget *g, FILE *log)
{
	int bad = 0, m;

	for (m = 0; m < METRIC__MAX; m++) {
		const struct model_cost *c = &g->cost[m];
		unsigned long p = m == METRIC_CPU || m == METRIC_MEM ? 4 : 2;

		if (!c->defined)
			continue;
		if (m == METRIC_LOST || c->n <= p || check_coef(&c->fixed) ||
		    check_coef(&c->per_event) || !isfinite(c->r2) ||
		    c->r2 > 1 + 1e-12)
			bad += check_fail(log, g->name, "bad cost fit");
	}
	return bad;
}

static int
check_gadget(const struct model_gadget *g, FILE *log)
{
	int bad = 0, m;
	size_t r, s;

	if (g->nseries == 0 || g->nrates == 0)
		bad += check_fail(log, g->name, "no series or no rates");
	if (g->baseline >= (int)g->nseries || g->ig >= (int)g->nseries ||
	    (g->baseline >= 0 && g->baseline == g->ig))
		bad += check_fail(log, g->name, "bad baseline/ig index");
	for (r = 0; r < g->nrates; r++)
		if (!isfinite(g->rates[r]) || (r > 0 && g->rates[r] <= g->rates[r - 1]))
			bad += check_fail(log, g->name, "rates not strictly ascending");
	for (s = 0; s < g->nseries; s++)
		for (r = 0; r < g->nrates; r++) {
			const struct model_cell *c = &g->series[s].cells[r];

			/* Cpu and Mem are required columns: every row has them. */
			if (c->m[METRIC_CPU].n != c->rows ||
			    c->m[METRIC_MEM].n != c->rows)
				bad += check_fail(log, g->name, "n < 1 in a group");
			for (m = 0; m < METRIC__MAX; m++) {
				if (c->m[m].n > c->rows)
					bad += check_fail(log, g->name, "n above rows");
				if (check_stat(&c->m[m]))
					bad += check_fail(log, g->name, "bad mean, sd or half-width");
			}
		}
	return bad + check_costs(g, log);
}

int
model_check(const struct model *model, FILE *log)
{
	int bad = 0;
	size_t i;

	if (!(model->level > 0 && model->level < 1))
		bad += check_fail(log, "model", "level outside (0, 1)");
	for (i = 0; i < model->ngadgets; i++)
		bad += check_gadget(&model->gadgets[i], log);
	if (model->nraw > MODEL_RAW_MAX || model->nraw > model->total_rows)
		bad += check_fail(log, "model", "raw rows over the limit");
	return bad;
}

/* Writes "\t" and x as format_exact has it. */
static void
dump_num(FILE *out, double x)
{
	char buf[FORMAT_EXACT_MAX];

	format_exact(buf, x);
	fprintf(out, "\t%s", buf);
}

/* The start of a line: the words, the count (or "-"), the numbers; the caller ends it. */
static void
dump_line(FILE *out, const char *const *words, size_t nwords,
    const char *count, const double *nums, size_t nnums)
{
	size_t i;

	fputs(words[0], out);
	for (i = 1; i < nwords; i++)
		fprintf(out, "\t%s", words[i]);
	fprintf(out, "\t%s", count);
	for (i = 0; i < nnums; i++)
		dump_num(out, nums[i]);
}

static void
dump_costs(const struct model_gadget *g, FILE *out)
{
	static const enum metric order[] = { METRIC_CPU, METRIC_MEM,
		METRIC_IGCPU, METRIC_IGMEM };
	size_t k;

	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		const struct model_cost *c = &g->cost[order[k]];
		const char *w[4] = { g->name, "cost", metric_name(order[k]), "" };
		double fixed[3] = { c->fixed.est, c->fixed.se, c->fixed.half };
		double per[3] = { c->per_event.est, c->per_event.se,
			c->per_event.half };
		char n[32];

		if (!c->defined)
			continue;
		snprintf(n, sizeof(n), "%lu", c->n);
		w[3] = "fixed";
		dump_line(out, w, 4, n, fixed, 3);
		fputc('\n', out);
		w[3] = "per-event";
		dump_line(out, w, 4, n, per, 3);
		fputc('\n', out);
		w[3] = "r2";
		dump_line(out, w, 4, n, &c->r2, 1);
		fputs("\t-\t-\n", out);
	}
}

static void
dump_gadget(const struct model *model, const struct model_gadget *g, FILE *out)
{
	char rate[FORMAT_EXACT_MAX], n[32];
	size_t s, r;
	int m;

	for (s = 0; s < g->nseries; s++)
		for (r = 0; r < g->nrates; r++)
			for (m = 0; m < METRIC__MAX; m++) {
				const struct model_stat *st = &g->series[s].cells[r].m[m];
				const char *w[4] = { g->name, g->series[s].name, rate,
					metric_name((enum metric)m) };
				double v[3] = { st->mean, st->sd, st->half };

				if (!model_has_metric(model, (enum metric)m) || st->n == 0)
					continue;
				format_exact(rate, g->rates[r]);
				snprintf(n, sizeof(n), "%lu", st->n);
				dump_line(out, w, 4, n, v, 3);
				fputc('\n', out);
			}
	for (r = 0; r < g->nrates; r++)
		for (m = 0; m < METRIC__MAX; m++) {
			const struct model_delta *dl = &g->overhead[r].m[m];
			const char *w[4] = { g->name, "overhead", rate,
				metric_name((enum metric)m) };

			if (!dl->defined)
				continue;
			format_exact(rate, g->rates[r]);
			dump_line(out, w, 4, "-", &dl->delta, 1);
			fputs("\t-", out);
			dump_num(out, dl->half);
			fputc('\n', out);
		}
	dump_costs(g, out);
}

void
model_dump(const struct model *model, FILE *out)
{
	size_t i;

	for (i = 0; i < model->ngadgets; i++)
		dump_gadget(model, &model->gadgets[i], out);
}

size_t
model_cell_runs(const struct model_cell *c, enum metric m,
    double out[MODEL_MAX_RUNS])
{
	size_t i, n = 0;

	for (i = 0; i < c->nruns && n < MODEL_MAX_RUNS; i++)
		if (!isnan(c->runs[i * METRIC__MAX + (size_t)m]))
			out[n++] = c->runs[i * METRIC__MAX + (size_t)m];
	return n;
}

static void
free_gadget(struct model_gadget *g)
{
	size_t s, r;

	for (s = 0; s < g->nseries; s++) {
		free(g->series[s].name);
		for (r = 0; r < g->nrates; r++)
			free(g->series[s].cells[r].runs);
		free(g->series[s].cells);
	}
	free(g->series);
	free(g->rates);
	free(g->overhead);
	free(g->name);
}

void
model_free(struct model *model)
{
	size_t i;
	int c;

	if (model == NULL)
		return;
	for (i = 0; i < model->ngadgets; i++)
		free_gadget(&model->gadgets[i]);
	free(model->gadgets);
	for (i = 0; i < model->nmeta; i++) {
		free(model->meta[i].key);
		free(model->meta[i].value);
	}
	free(model->meta);
	for (i = 0; i < model->ninputs; i++) {
		free(model->inputs[i].path);
		free(model->inputs[i].name);
	}
	free(model->inputs);
	for (i = 0; i < model->nraw; i++)
		for (c = 0; c < RAW__MAX; c++)
			free(model->raw[i].cell[c]);
	free(model->raw);
	free(model);
}

const struct model_gadget *
model_find_gadget(const struct model *model, const char *name)
{
	size_t i;

	for (i = 0; i < model->ngadgets; i++)
		if (strcmp(model->gadgets[i].name, name) == 0)
			return &model->gadgets[i];
	return NULL;
}

const struct model_series *
model_find_series(const struct model_gadget *g, const char *name)
{
	size_t i;

	for (i = 0; g != NULL && name != NULL && i < g->nseries; i++)
		if (strcmp(g->series[i].name, name) == 0)
			return &g->series[i];
	return NULL;
}

size_t
model_union_rates(const struct model_gadget *a, const struct model_gadget *b,
    double **out)
{
	size_t na = a ? a->nrates : 0, nb = b ? b->nrates : 0;
	size_t i = 0, j = 0, n = 0;

	*out = xcalloc(na + nb + 1, sizeof(**out));
	while (i < na || j < nb) {
		if (j == nb || (i < na && a->rates[i] < b->rates[j]))
			(*out)[n++] = a->rates[i++];
		else if (i == na || b->rates[j] < a->rates[i])
			(*out)[n++] = b->rates[j++];
		else {
			(*out)[n++] = a->rates[i++];
			j++;
		}
	}
	return n;
}
