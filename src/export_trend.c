/* SPDX-License-Identifier: Apache-2.0 */
/* A trend as JSON: its settings, runs and machines, the steps found, the gate of the newest run, and every series across the runs. */
#include "export_trend.h"

#include <string.h>

#include "export_bench.h"
#include "json.h"
#include "metric.h"

#define EXPORT_TREND_SCHEMA "igreport-trend/1"

/* What a series is: gadget, case, rate and metric, the keys of every row that names one. */
static void
json_series_keys(struct json *j, const struct history *h,
    const struct history_series *s)
{
	json_field_string(j, "gadget", h->gadgets[s->gadget].name);
	json_field_string(j, "case", history_case_name(s->tcase));
	json_field_number(j, "rate", s->rate);
	json_field_string(j, "metric", metric_name(s->metric));
}

static void
json_settings(struct json *j, const struct trend *t)
{
	json_field_object(j, "settings", JSON_INLINE);
	json_field_number(j, "confidence", t->opt.level);
	json_field_number(j, "threshold_percent", t->opt.threshold);
	json_field_string(j, "correction",
	    compare_correction_name(t->opt.correction));
	json_field_count(j, "window", t->opt.window);
	json_object_end(j);
}

static void
json_runs(struct json *j, const struct history *h)
{
	size_t i;

	json_field_array(j, "machines", JSON_LINES);
	for (i = 0; i < h->nmachines; i++)
		json_string(j, h->machines[i].desc);
	json_array_end(j);
	json_field_bool(j, "by_date", h->by_date);
	json_field_array(j, "runs", JSON_LINES);
	for (i = 0; i < h->nruns; i++) {
		const struct history_run *r = &h->runs[i];
		const char *slash = strrchr(r->path, '/');

		json_object_begin(j, JSON_INLINE);
		json_field_string(j, "label", r->label);
		json_field_string(j, "file", slash != NULL ? slash + 1 : r->path);
		json_field_string_or_null(j, "date", r->date);
		json_field_count(j, "machine", r->machine);
		json_object_end(j);
	}
	json_array_end(j);
}

/* The steps the analysis reports (found), as --dump-model prints them, with their test. */
static void
json_steps(struct json *j, const struct trend *t)
{
	const struct history *h = t->h;
	size_t i;

	json_field_array(j, "steps", JSON_LINES);
	for (i = 0; i < t->nsteps; i++) {
		const struct trend_step *st = &t->steps[i];

		if (!st->found)
			continue;
		json_object_begin(j, JSON_INLINE);
		json_series_keys(j, h, &h->series[st->series]);
		json_field_string(j, "before", h->runs[st->before].label);
		json_field_string(j, "after", h->runs[st->after].label);
		json_field_number(j, "change_percent", st->percent);
		json_field_number(j, "p_corrected", st->q);
		json_field_number(j, "mean_before", st->mean1);
		json_field_number(j, "mean_after", st->mean2);
		json_field_count(j, "runs_before", st->n1);
		json_field_count(j, "runs_after", st->n2);
		json_object_end(j);
	}
	json_array_end(j);
}

/* The newest run against the prediction interval of the runs before it on its machine. */
static void
json_gate(struct json *j, const struct trend *t)
{
	const struct history *h = t->h;
	size_t i;

	json_field_object(j, "gate", JSON_LINES);
	json_field_string(j, "newest", h->runs[t->newest].label);
	json_field_count(j, "earlier_runs", t->earlier);
	json_field_count(j, "out_of_line", t->nworse);
	json_field_array(j, "series", JSON_LINES);
	for (i = 0; i < t->ngate; i++) {
		const struct trend_gate *g = &t->gate[i];

		json_object_begin(j, JSON_INLINE);
		json_series_keys(j, h, &h->series[g->series]);
		json_field_number(j, "value", g->value);
		json_field_count(j, "earlier", g->iv.k);
		json_field_number(j, "mean", g->iv.mean);
		json_field_number(j, "low", g->iv.low);
		json_field_number(j, "high", g->iv.high);
		json_field_number(j, "percent", g->percent);
		json_field_number(j, "p", g->p);
		json_field_number(j, "p_corrected", g->q);
		json_field_bool(j, "out_of_line", g->worse);
		json_object_end(j);
	}
	json_array_end(j);
	json_object_end(j);
}

/* Every series: per run its n, mean, sd and half-width, or null where the run lacks it. */
static void
json_history(struct json *j, const struct history *h)
{
	size_t i, r;

	json_field_array(j, "series", JSON_LINES);
	for (i = 0; i < h->nseries; i++) {
		const struct history_series *s = &h->series[i];

		json_object_begin(j, JSON_INLINE);
		json_series_keys(j, h, s);
		json_field_array(j, "points", JSON_INLINE);
		for (r = 0; r < h->nruns; r++) {
			const struct history_point *pt = &s->points[r];

			if (!pt->defined) {
				json_null(j);
				continue;
			}
			json_object_begin(j, JSON_INLINE);
			json_field_count(j, "n", pt->n);
			json_field_number(j, "mean", pt->mean);
			json_field_number(j, "sd", pt->sd);
			json_field_number(j, "half_width", pt->half);
			json_object_end(j);
		}
		json_array_end(j);
		json_object_end(j);
	}
	json_array_end(j);
}

static int
json_trend(FILE *out, const struct trend *t, const struct export_info *info)
{
	struct json j;

	json_open(&j, out);
	json_object_begin(&j, JSON_LINES);
	json_field_string(&j, "schema", EXPORT_TREND_SCHEMA);
	json_field_string(&j, "igreport", info->version);
	json_settings(&j, t);
	json_runs(&j, t->h);
	json_steps(&j, t);
	json_gate(&j, t);
	json_history(&j, t->h);
	json_object_end(&j);
	return json_close(&j);
}

int
export_trend(FILE *out, const struct trend *t, const struct export_info *info,
    enum export_kind kind)
{
	switch (kind) {
	case EXPORT_JSON:
		return json_trend(out, t, info);
	case EXPORT_BENCHER:
	case EXPORT_BENCHMARK_ACTION:
	case EXPORT__MAX:
		break;
	}
	/* The dashboards follow one series of runs: the newest run is their next point. */
	return export_bench(out, t->h->runs[t->newest].model, NULL, kind);
}
