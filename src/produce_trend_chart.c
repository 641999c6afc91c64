/* SPDX-License-Identifier: Apache-2.0 */
/* A trend's line charts: series per rate from the history, tooltips, step markers. */
#include "produce_trend_chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "xalloc.h"

static enum history_case
chart_case(const struct tpl_chart *spec)
{
	const char *c = spec->nseries > 0 ? spec->series[0].case_name : "ig";

	if (strcmp(c, "baseline") == 0)
		return HISTORY_BASELINE;
	return strcmp(c, "overhead") == 0 ? HISTORY_OVERHEAD : HISTORY_IG;
}

/* Case "lost-share": lost events of the ig case in percent of the offered rate. */
static int
chart_share(const struct tpl_chart *spec)
{
	return spec->nseries > 0 && spec->metric == METRIC_LOST &&
	    strcmp(spec->series[0].case_name, "lost-share") == 0;
}

/* The factor a value of s is drawn with: 100 / rate for a share, else 1. */
static double
value_scale(const struct history_series *s, int share)
{
	return share && s->rate > 0.0 ? 100.0 / s->rate : 1.0;
}

/* "v0.44.0, 8192 events/s: 1.23 ± 0.05 % (n = 5)". */
static char *
point_tip(const struct history *h, const struct history_series *s, size_t r,
    int share)
{
	const struct history_point *pt = &s->points[r];
	double k = value_scale(s, share);
	char rate[FORMAT_MAX], v[FORMAT_MAX];

	format_rate(rate, s->rate);
	if (share) {
		format_mean_ci(v, k * pt->mean, k * pt->half, 3, 1);
		return xasprintf("%s, %s events/s: %s %% of the events lost "
		    "(n = %lu)", h->runs[r].label, rate, v, pt->n);
	}
	format_mean_ci(v, pt->mean, pt->half, metric_decimals(s->metric), 1);
	if (s->tcase == HISTORY_OVERHEAD)
		return xasprintf("%s, %s events/s: %s %s", h->runs[r].label, rate,
		    v, metric_delta_unit(s->metric));
	return xasprintf("%s, %s events/s: %s %s (n = %lu)", h->runs[r].label,
	    rate, v, metric_unit(s->metric), pt->n);
}

static void
bind_line(const struct history *h, const struct history_series *s,
    int share, struct canvas_color color, struct doc_series *out)
{
	double k = value_scale(s, share);
	char rate[FORMAT_MAX];
	size_t r;

	format_rate(rate, s->rate);
	out->label = xasprintf("%s/s", rate);
	out->color = color;
	out->values = xcalloc(h->nruns, sizeof(*out->values));
	for (r = 0; r < h->nruns; r++) {
		const struct history_point *pt = &s->points[r];

		out->values[r].gap = !pt->defined;
		if (!pt->defined)
			continue;
		/* An overhead may be negative; a metric's own value not. */
		doc_value_set(&out->values[r], k * pt->mean, k * pt->half,
		    s->tcase != HISTORY_OVERHEAD &&
		    !metric_can_be_negative(s->metric));
		out->values[r].tip = point_tip(h, s, r, share);
	}
}

/* Adds or widens the marker before run r for step st. */
static void
add_marker(struct doc_chart *out, const struct trend_step *st,
    const struct trend_chart_colors *colors)
{
	size_t i;

	for (i = 0; i < out->nmarkers; i++)
		if (out->markers[i].cat == st->after)
			break;
	if (i < out->nmarkers && !(fabs(st->percent) >
	    fabs(strtod(out->markers[i].label, NULL))))
		return;
	if (i == out->nmarkers) {
		out->markers = xrealloc(out->markers,
		    (i + 1) * sizeof(*out->markers));
		out->nmarkers++;
	} else
		free(out->markers[i].label);
	out->markers[i].cat = st->after;
	out->markers[i].label = isnan(st->percent) ? xstrdup("step") :
	    xasprintf("%+.0f%%", st->percent);
	out->markers[i].color = st->w.delta > 0.0 ? colors->worse :
	    colors->better;
}

/* The texts, categories and kind of a trend chart. */
static void
bind_frame(const struct history *h, const struct tpl_chart *spec,
    const struct tpl_vars *vars, struct doc_chart *out)
{
	size_t r;

	out->kind = DOC_CHART_LINES;
	out->spec = spec;
	out->title = template_expand(spec->title ? spec->title : "", vars);
	out->x_label = template_expand(spec->x_label ? spec->x_label : "", vars);
	out->y_label = template_expand(spec->y_label ? spec->y_label : "", vars);
	out->ncats = h->nruns;
	out->cat_labels = xcalloc(h->nruns, sizeof(*out->cat_labels));
	for (r = 0; r < h->nruns; r++)
		out->cat_labels[r] = xstrdup(h->runs[r].label);
}

int
trend_chart_is_cost(const struct tpl_chart *spec)
{
	return spec->nseries > 0 && strcmp(spec->series[0].case_name,
	    "cost") == 0;
}

/* Gadget g's per-event cost of metric m per run into out; the runs with a fit. */
static size_t
bind_cost(const struct history *h, size_t g, enum metric m,
    struct canvas_color color, struct doc_series *out)
{
	char v[FORMAT_MAX];
	size_t r, n = 0;

	out->label = xstrdup(h->gadgets[g].name);
	out->color = color;
	out->values = xcalloc(h->nruns, sizeof(*out->values));
	for (r = 0; r < h->nruns; r++) {
		const struct model_cost *c = &h->gadgets[g].cost[r * METRIC__MAX + m];

		out->values[r].gap = !c->defined;
		if (!c->defined)
			continue;
		/* A cost per event is a slope: it may be negative. */
		doc_value_set(&out->values[r], 1000.0 * c->per_event.est,
		    1000.0 * c->per_event.half, 0);
		format_mean_ci(v, out->values[r].mean, out->values[r].half,
		    metric_decimals(m) + 2, 1);
		out->values[r].tip = xasprintf("%s, %s: %s %s per 1000 events/s",
		    h->runs[r].label, h->gadgets[g].name, v, metric_unit(m));
		n++;
	}
	return n;
}

int
trend_cost_chart(const struct trend *t, size_t g, const struct tpl_chart *spec,
    const struct tpl_vars *vars, const struct trend_chart_colors *colors,
    struct doc_chart *out)
{
	const struct history *h = t->h;
	size_t i, fits = 0;

	memset(out, 0, sizeof(*out));
	out->series = xcalloc(h->ngadgets + 1, sizeof(*out->series));
	for (i = 0; i < h->ngadgets; i++)
		if (g == (size_t)-1 || i == g) {
			fits += bind_cost(h, i, spec->metric,
			    colors->palette(out->nseries),
			    &out->series[out->nseries]);
			out->nseries++;
		}
	if (fits == 0) {
		doc_chart_free(out);
		memset(out, 0, sizeof(*out));
		return 0;
	}
	bind_frame(h, spec, vars, out);
	return 1;
}

int
trend_chart(const struct trend *t, size_t g, const struct tpl_chart *spec,
    const struct tpl_vars *vars, const struct trend_chart_colors *colors,
    struct doc_chart *out)
{
	const struct history *h = t->h;
	enum history_case c = chart_case(spec);
	int share = chart_share(spec);
	size_t i;

	memset(out, 0, sizeof(*out));
	out->series = xcalloc(h->nseries + 1, sizeof(*out->series));
	for (i = 0; i < h->nseries; i++) {
		const struct history_series *s = &h->series[i];

		if (s->gadget == g && s->tcase == c && s->metric == spec->metric) {
			bind_line(h, s, share, colors->palette(out->nseries),
			    &out->series[out->nseries]);
			out->nseries++;
		}
	}
	if (out->nseries == 0) {
		free(out->series);
		out->series = NULL;
		return 0;
	}
	for (i = 0; i < t->nsteps; i++) {
		const struct history_series *s = &h->series[t->steps[i].series];

		if (t->steps[i].found && s->gadget == g && s->tcase == c &&
		    s->metric == spec->metric)
			add_marker(out, &t->steps[i], colors);
	}
	bind_frame(h, spec, vars, out);
	return 1;
}
