/* SPDX-License-Identifier: Apache-2.0 */
/* Gadget views: a run's gadget as it is, or a comparison's gadget on the union of both runs' rates. */
#include "view.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void
add_series(struct view *v, const char *prefix, const struct model_gadget *from,
    const struct model_series *src)
{
	struct view_series *s = &v->series[v->nseries++];
	size_t r, k = 0;

	s->name = xasprintf("%s%s", prefix, src->name);
	s->cells = xcalloc(v->nrates + 1, sizeof(*s->cells));
	for (r = 0; r < v->nrates && k < from->nrates; r++)
		if (from->rates[k] == v->rates[r])
			s->cells[r] = &src->cells[k++];
}

struct view *
view_of_run(const struct model *m, const struct model_gadget *g)
{
	struct view *v = xcalloc(1, sizeof(*v));
	size_t i;

	v->gadget = g->name;
	v->nrates = g->nrates;
	v->rates = xcalloc(g->nrates + 1, sizeof(*v->rates));
	memcpy(v->rates, g->rates, g->nrates * sizeof(*v->rates));
	v->series = xcalloc(g->nseries + 1, sizeof(*v->series));
	for (i = 0; i < g->nseries; i++)
		add_series(v, "", g, &g->series[i]);
	v->metrics = m->metrics;
	v->overhead = g->overhead;
	return v;
}

/* Adds the OLD and NEW series of one case, for the runs that have it. */
static void
add_case(struct view *v, const struct model_gadget *og,
    const struct model_gadget *ng, const char *name)
{
	const struct model_series *os = model_find_series(og, name);
	const struct model_series *ns = model_find_series(ng, name);

	if (os != NULL)
		add_series(v, VIEW_OLD, og, os);
	if (ns != NULL)
		add_series(v, VIEW_NEW, ng, ns);
}

static int
is_main_case(const char *name)
{
	return strcmp(name, "baseline") == 0 || strcmp(name, "ig") == 0;
}

struct view *
view_of_comparison(const struct comparison *c, const char *name)
{
	const struct model_gadget *og = model_find_gadget(c->old, name);
	const struct model_gadget *ng = model_find_gadget(c->new, name);
	struct view *v = xcalloc(1, sizeof(*v));
	size_t i;

	v->gadget = og ? og->name : ng->name;
	v->nrates = model_union_rates(og, ng, &v->rates);
	v->series = xcalloc(2 * ((og ? og->nseries : 0) +
	    (ng ? ng->nseries : 0)) + 1, sizeof(*v->series));
	add_case(v, og, ng, "baseline");
	add_case(v, og, ng, "ig");
	for (i = 0; og != NULL && i < og->nseries; i++)
		if (!is_main_case(og->series[i].name))
			add_case(v, og, ng, og->series[i].name);
	for (i = 0; ng != NULL && i < ng->nseries; i++)
		if (!is_main_case(ng->series[i].name) &&
		    model_find_series(og, ng->series[i].name) == NULL)
			add_case(v, NULL, ng, ng->series[i].name);
	v->metrics = c->old->metrics & c->new->metrics;
	return v;
}

const struct view_series *
view_find(const struct view *v, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < v->nseries; i++)
		if (strcmp(v->series[i].name, name) == 0)
			return &v->series[i];
	return NULL;
}

const struct model_stat *
view_stat(const struct view_series *s, size_t r, enum metric m)
{
	const struct model_cell *cell = s->cells[r];

	if (cell == NULL || cell->rows == 0 || cell->m[m].n == 0)
		return NULL;
	return &cell->m[m];
}

void
view_free(struct view *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->nseries; i++) {
		free(v->series[i].name);
		free(v->series[i].cells);
	}
	free(v->series);
	free(v->rates);
	free(v);
}
