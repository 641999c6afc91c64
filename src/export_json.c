/* SPDX-License-Identifier: Apache-2.0 */
/* The whole model or comparison as JSON (docs/igreport-report.schema.json, docs/igreport-compare.schema.json). */
#include "export_json.h"

#include "export_bench.h"
#include "json.h"
#include "metric.h"

/* The "schema" member: the document's name and the version of its layout. */
#define EXPORT_REPORT_SCHEMA "igreport-report/1"
#define EXPORT_COMPARE_SCHEMA "igreport-compare/1"

/* [x - half, x + half], the interval a half-width stands for. */
static void
json_interval(struct json *j, double x, double half)
{
	json_field_array(j, "interval", JSON_INLINE);
	json_number(j, x - half);
	json_number(j, x + half);
	json_array_end(j);
}

/* The metric table, for the metrics in mask (bit 1u << metric). */
static void
json_metrics(struct json *j, unsigned mask)
{
	int m;

	json_field_array(j, "metrics", JSON_LINES);
	for (m = 0; m < METRIC__MAX; m++) {
		if (!(mask & (1u << m)))
			continue;
		json_object_begin(j, JSON_INLINE);
		json_field_string(j, "name", metric_name((enum metric)m));
		json_field_string(j, "label", metric_label((enum metric)m));
		json_field_string(j, "unit", metric_unit((enum metric)m));
		json_field_string(j, "delta_unit",
		    metric_delta_unit((enum metric)m));
		json_object_end(j);
	}
	json_array_end(j);
}

/* The inputs, their row count and the machine lines of one run. */
static void
json_run_inputs(struct json *j, const struct model *model)
{
	size_t i;

	json_field_array(j, "inputs", JSON_LINES);
	for (i = 0; i < model->ninputs; i++) {
		json_object_begin(j, JSON_INLINE);
		json_field_string(j, "path", model->inputs[i].path);
		json_field_string(j, "name", model->inputs[i].name);
		json_object_end(j);
	}
	json_array_end(j);
	json_field_count(j, "rows", model->total_rows);
	json_field_array(j, "machine", JSON_LINES);
	for (i = 0; i < model->nmeta; i++) {
		json_object_begin(j, JSON_INLINE);
		json_field_string(j, "key", model->meta[i].key);
		json_field_string(j, "value", model->meta[i].value);
		json_object_end(j);
	}
	json_array_end(j);
}

/* n, mean, sd and the interval of one group, as --dump-model has them. */
static void
json_stat(struct json *j, const char *key, const struct model_stat *st)
{
	json_field_object(j, key, JSON_INLINE);
	json_field_count(j, "n", st->n);
	json_field_number(j, "mean", st->mean);
	json_field_number(j, "sd", st->sd);
	json_field_number(j, "half", st->half);
	json_interval(j, st->mean, st->half);
	json_object_end(j);
}

/* An overhead (with IG minus baseline), or null where a side has no value. */
static void
json_delta(struct json *j, const char *key, const struct model_delta *dl)
{
	if (!dl->defined) {
		json_field_null(j, key);
		return;
	}
	json_field_object(j, key, JSON_INLINE);
	json_field_number(j, "delta", dl->delta);
	json_field_number(j, "half", dl->half);
	json_field_number(j, "df", dl->df);
	json_interval(j, dl->delta, dl->half);
	json_object_end(j);
}

static const char *
json_case_role(const struct model_gadget *g, size_t s)
{
	if ((int)s == g->baseline)
		return "baseline";
	return (int)s == g->ig ? "ig" : NULL;
}

/* One case: each rate it has rows at, with each metric measured there. */
static void
json_case(struct json *j, const struct model *model,
    const struct model_gadget *g, size_t s)
{
	const char *role = json_case_role(g, s);
	size_t r;
	int m;

	json_object_begin(j, JSON_LINES);
	json_field_string(j, "name", g->series[s].name);
	if (role != NULL)
		json_field_string(j, "role", role);
	else
		json_field_null(j, "role");
	json_field_array(j, "cells", JSON_LINES);
	for (r = 0; r < g->nrates; r++) {
		const struct model_cell *cell = &g->series[s].cells[r];

		if (cell->rows == 0)
			continue; /* a gap: no rows at this rate */
		json_object_begin(j, JSON_LINES);
		json_field_number(j, "rate", g->rates[r]);
		json_field_count(j, "rows", cell->rows);
		json_field_object(j, "metrics", JSON_LINES);
		for (m = 0; m < METRIC__MAX; m++)
			if (model_has_metric(model, (enum metric)m) &&
			    cell->m[m].n > 0)
				json_stat(j, metric_name((enum metric)m), &cell->m[m]);
		json_object_end(j);
		json_object_end(j);
	}
	json_array_end(j);
	json_object_end(j);
}

static void
json_overheads(struct json *j, const struct model_gadget *g)
{
	size_t r;
	int m, any;

	json_field_array(j, "overheads", JSON_LINES);
	for (r = 0; r < g->nrates; r++) {
		for (m = 0, any = 0; m < METRIC__MAX; m++)
			any |= g->overhead[r].m[m].defined;
		if (!any)
			continue;
		json_object_begin(j, JSON_LINES);
		json_field_number(j, "rate", g->rates[r]);
		json_field_object(j, "metrics", JSON_LINES);
		for (m = 0; m < METRIC__MAX; m++)
			if (g->overhead[r].m[m].defined)
				json_delta(j, metric_name((enum metric)m),
				    &g->overhead[r].m[m]);
		json_object_end(j);
		json_object_end(j);
	}
	json_array_end(j);
}

static void
json_coef(struct json *j, const char *key, const struct model_coef *c)
{
	json_field_object(j, key, JSON_INLINE);
	json_field_number(j, "estimate", c->est);
	json_field_number(j, "se", c->se);
	json_field_number(j, "half", c->half);
	json_interval(j, c->est, c->half);
	json_object_end(j);
}

/* The cost model (cost.h): per metric with a fit, its coefficients and R^2. */
static void
json_cost(struct json *j, const struct model_gadget *g)
{
	int m;

	json_field_object(j, "cost", JSON_LINES);
	for (m = 0; m < METRIC__MAX; m++) {
		const struct model_cost *c = &g->cost[m];

		if (!c->defined)
			continue;
		json_field_object(j, metric_name((enum metric)m), JSON_LINES);
		json_field_count(j, "n", c->n);
		json_coef(j, "fixed", &c->fixed);
		json_coef(j, "per_event", &c->per_event);
		json_field_number(j, "r2", c->r2);
		json_object_end(j);
	}
	json_object_end(j);
}

static void
json_gadget(struct json *j, const struct model *model,
    const struct model_gadget *g)
{
	size_t i;

	json_object_begin(j, JSON_LINES);
	json_field_string(j, "name", g->name);
	json_field_array(j, "rates", JSON_INLINE);
	for (i = 0; i < g->nrates; i++)
		json_number(j, g->rates[i]);
	json_array_end(j);
	json_field_array(j, "cases", JSON_LINES);
	for (i = 0; i < g->nseries; i++)
		json_case(j, model, g, i);
	json_array_end(j);
	json_overheads(j, g);
	json_cost(j, g);
	json_object_end(j);
}

static int
json_report(FILE *out, const struct model *model,
    const struct export_info *info)
{
	unsigned long cpus = info->cpus ? info->cpus : model_cpus(model);
	struct json j;
	size_t i;

	json_open(&j, out);
	json_object_begin(&j, JSON_LINES);
	json_field_string(&j, "schema", EXPORT_REPORT_SCHEMA);
	json_field_string(&j, "igreport", info->version);
	json_field_number(&j, "confidence", model->level);
	json_metrics(&j, model->metrics);
	json_run_inputs(&j, model);
	if (cpus > 0)
		json_field_count(&j, "cpus", cpus);
	else
		json_field_null(&j, "cpus");
	json_field_array(&j, "gadgets", JSON_LINES);
	for (i = 0; i < model->ngadgets; i++)
		json_gadget(&j, model, &model->gadgets[i]);
	json_array_end(&j);
	json_object_end(&j);
	return json_close(&j);
}

int
export_report(FILE *out, const struct model *model,
    const struct export_info *info, enum export_kind kind)
{
	switch (kind) {
	case EXPORT_JSON:
		return json_report(out, model, info);
	case EXPORT_BENCHER:
	case EXPORT_BENCHMARK_ACTION:
	case EXPORT__MAX:
		break;
	}
	return export_bench(out, model, NULL, kind);
}

/* The comparison's settings, as the command line gave them. */
static void
json_settings(struct json *j, const struct comparison *c)
{
	json_field_object(j, "settings", JSON_LINES);
	json_field_number(j, "confidence", c->opt.level);
	json_field_number(j, "alpha", c->opt.alpha);
	json_field_number(j, "threshold", c->opt.threshold);
	json_field_string(j, "correction",
	    compare_correction_name(c->opt.correction));
	json_object_end(j);
}

/* A change with its test: p and percent are null where there is none. */
static void
json_change(struct json *j, const struct compare_change *ch)
{
	json_field_object(j, "change", JSON_INLINE);
	json_field_number(j, "delta", ch->delta);
	json_field_number(j, "half", ch->half);
	json_interval(j, ch->delta, ch->half);
	json_field_number(j, "df", ch->df);
	json_field_number(j, "percent", ch->percent);
	json_field_number(j, "p", ch->p);
	json_field_number(j, "p_corrected", ch->q);
	json_field_string(j, "verdict", compare_verdict_id(ch->verdict));
	json_object_end(j);
}

static void
json_entries(struct json *j, const struct comparison *c)
{
	size_t i;

	json_field_array(j, "changes", JSON_LINES);
	for (i = 0; i < c->nentries; i++) {
		const struct compare_entry *e = &c->entries[i];

		json_object_begin(j, JSON_LINES);
		json_field_string(j, "gadget", e->gadget);
		json_field_string(j, "case", e->tcase);
		json_field_number(j, "rate", e->rate);
		json_field_string(j, "metric", metric_name(e->metric));
		json_stat(j, "old", &e->old);
		json_stat(j, "new", &e->new);
		json_change(j, &e->change);
		json_object_end(j);
	}
	json_array_end(j);
}

static void
json_compare_overheads(struct json *j, const struct comparison *c)
{
	size_t i;

	json_field_array(j, "overheads", JSON_LINES);
	for (i = 0; i < c->noverheads; i++) {
		const struct compare_overhead *o = &c->overheads[i];

		json_object_begin(j, JSON_LINES);
		json_field_string(j, "gadget", o->gadget);
		json_field_number(j, "rate", o->rate);
		json_field_string(j, "metric", metric_name(o->metric));
		json_delta(j, "old", &o->old);
		json_delta(j, "new", &o->new);
		json_change(j, &o->change);
		json_object_end(j);
	}
	json_array_end(j);
}

static const char *const only_kinds[] = {
	[COMPARE_ONLY_GADGET] = "gadget",
	[COMPARE_ONLY_CASE] = "case",
	[COMPARE_ONLY_RATE] = "rate",
	[COMPARE_ONLY_METRIC] = "metric",
};

/* What one run has and the other lacks. */
static void
json_only(struct json *j, const struct comparison *c)
{
	size_t i;

	json_field_array(j, "only", JSON_LINES);
	for (i = 0; i < c->nonly; i++) {
		const struct compare_only *o = &c->only[i];

		json_object_begin(j, JSON_INLINE);
		json_field_string(j, "kind", only_kinds[o->kind]);
		json_field_string(j, "side", o->side == COMPARE_OLD ? "old" : "new");
		json_field_string_or_null(j, "gadget", o->gadget);
		json_field_string_or_null(j, "case", o->tcase);
		if (o->kind == COMPARE_ONLY_RATE)
			json_field_number(j, "rate", o->rate);
		else
			json_field_null(j, "rate");
		json_field_string_or_null(j, "metric", o->kind ==
		    COMPARE_ONLY_METRIC ? metric_name(o->metric) : NULL);
		json_object_end(j);
	}
	json_array_end(j);
}

static void
json_machines(struct json *j, const struct comparison *c)
{
	size_t i;

	json_field_array(j, "machine", JSON_LINES);
	for (i = 0; i < c->nmachine; i++) {
		const struct compare_machine *mc = &c->machine[i];

		json_object_begin(j, JSON_INLINE);
		json_field_string(j, "key", mc->key);
		json_field_string_or_null(j, "old", mc->old_value);
		json_field_string_or_null(j, "new", mc->new_value);
		json_field_bool(j, "differs", mc->differs);
		json_field_bool(j, "critical", mc->critical);
		json_object_end(j);
	}
	json_array_end(j);
	json_field_bool(j, "machines_differ", c->machines_differ);
}

/* How many changes got each verdict, and what could not be tested. */
static void
json_counts(struct json *j, const struct comparison *c)
{
	struct compare_untested u = compare_untested(c);
	int v;

	json_field_object(j, "verdicts", JSON_INLINE);
	for (v = 0; v < COMPARE__MAX; v++)
		json_field_count(j, compare_verdict_id((enum compare_verdict)v),
		    c->counts[v]);
	json_object_end(j);
	json_field_object(j, "tests", JSON_INLINE);
	json_field_count(j, "tested", u.tested);
	json_field_count(j, "no_test", u.no_test);
	json_field_count(j, "one_run", u.one_run);
	json_object_end(j);
}

static void
json_compare_run(struct json *j, const char *key, const struct model *m)
{
	json_field_object(j, key, JSON_LINES);
	json_run_inputs(j, m);
	json_object_end(j);
}

static int
json_compare(FILE *out, const struct comparison *c,
    const struct export_info *info)
{
	struct json j;

	json_open(&j, out);
	json_object_begin(&j, JSON_LINES);
	json_field_string(&j, "schema", EXPORT_COMPARE_SCHEMA);
	json_field_string(&j, "igreport", info->version);
	json_settings(&j, c);
	json_metrics(&j, c->old->metrics | c->new->metrics);
	json_compare_run(&j, "old", c->old);
	json_compare_run(&j, "new", c->new);
	json_machines(&j, c);
	json_counts(&j, c);
	json_entries(&j, c);
	json_compare_overheads(&j, c);
	json_only(&j, c);
	json_object_end(&j);
	return json_close(&j);
}

int
export_compare(FILE *out, const struct comparison *c,
    const struct export_info *info, enum export_kind kind)
{
	switch (kind) {
	case EXPORT_JSON:
		return json_compare(out, c, info);
	case EXPORT_BENCHER:
	case EXPORT_BENCHMARK_ACTION:
	case EXPORT__MAX:
		break;
	}
	return export_bench(out, c->new, c, kind);
}
