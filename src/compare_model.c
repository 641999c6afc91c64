/* Builds the side-by-side model of a comparison: series "old:CASE" and "new:CASE" on the union of rates. */
#include "compare_model.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static const struct model_gadget *
cm_find_gadget(const struct model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->ngadgets; i++)
		if (strcmp(m->gadgets[i].name, name) == 0)
			return &m->gadgets[i];
	return NULL;
}

static const struct model_series *
cm_find_series(const struct model_gadget *g, const char *name)
{
	size_t i;

	for (i = 0; g != NULL && i < g->nseries; i++)
		if (strcmp(g->series[i].name, name) == 0)
			return &g->series[i];
	return NULL;
}

/* The rates of a and b (either may be NULL), ascending, without duplicates. */
static size_t
cm_rates(const struct model_gadget *a, const struct model_gadget *b,
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

/* Adds the series prefix+src->name with src's cells moved onto the rates of g. */
static void
cm_add_series(struct model_gadget *g, const char *prefix,
    const struct model_gadget *from, const struct model_series *src)
{
	struct model_series *s = &g->series[g->nseries++];
	size_t r, k = 0;

	s->name = xasprintf("%s%s", prefix, src->name);
	s->cells = xcalloc(g->nrates, sizeof(*s->cells));
	for (r = 0; r < g->nrates && k < from->nrates; r++)
		if (from->rates[k] == g->rates[r])
			s->cells[r] = src->cells[k++];
}

/* Adds the OLD and NEW series of one case, for the runs that have it. */
static void
cm_add_case(struct model_gadget *g, const struct model_gadget *og,
    const struct model_gadget *ng, const char *name)
{
	const struct model_series *os = cm_find_series(og, name);
	const struct model_series *ns = cm_find_series(ng, name);

	if (os != NULL)
		cm_add_series(g, COMPARE_MODEL_OLD, og, os);
	if (ns != NULL)
		cm_add_series(g, COMPARE_MODEL_NEW, ng, ns);
}

static int
cm_is_main_case(const char *name)
{
	return strcmp(name, "baseline") == 0 || strcmp(name, "ig") == 0;
}

static void
cm_gadget(struct model_gadget *g, const struct model_gadget *og,
    const struct model_gadget *ng)
{
	size_t i, cap;

	g->name = xstrdup(og ? og->name : ng->name);
	g->nrates = cm_rates(og, ng, &g->rates);
	cap = 2 * ((og ? og->nseries : 0) + (ng ? ng->nseries : 0)) + 1;
	g->series = xcalloc(cap, sizeof(*g->series));
	g->baseline = -1;
	g->ig = -1;
	g->overhead = xcalloc(g->nrates, sizeof(*g->overhead));
	cm_add_case(g, og, ng, "baseline");
	cm_add_case(g, og, ng, "ig");
	for (i = 0; og != NULL && i < og->nseries; i++)
		if (!cm_is_main_case(og->series[i].name))
			cm_add_case(g, og, ng, og->series[i].name);
	for (i = 0; ng != NULL && i < ng->nseries; i++)
		if (!cm_is_main_case(ng->series[i].name) &&
		    cm_find_series(og, ng->series[i].name) == NULL)
			cm_add_case(g, NULL, ng, ng->series[i].name);
}

static void
cm_input(struct model_input *in, const struct model *from)
{
	in->path = xstrdup(from->ninputs ? from->inputs[0].path : "");
	in->name = xstrdup(from->ninputs ? from->inputs[0].name : "");
}

struct model *
compare_model_new(const struct comparison *c)
{
	struct model *m = xcalloc(1, sizeof(*m));
	size_t i;

	m->level = c->old->level;
	m->metrics = c->old->metrics & c->new->metrics;
	m->total_rows = c->old->total_rows + c->new->total_rows;
	m->ninputs = 2;
	m->inputs = xcalloc(2, sizeof(*m->inputs));
	cm_input(&m->inputs[0], c->old);
	cm_input(&m->inputs[1], c->new);
	m->gadgets = xcalloc(c->old->ngadgets + c->new->ngadgets + 1,
	    sizeof(*m->gadgets));
	for (i = 0; i < c->old->ngadgets; i++)
		cm_gadget(&m->gadgets[m->ngadgets++], &c->old->gadgets[i],
		    cm_find_gadget(c->new, c->old->gadgets[i].name));
	for (i = 0; i < c->new->ngadgets; i++)
		if (cm_find_gadget(c->old, c->new->gadgets[i].name) == NULL)
			cm_gadget(&m->gadgets[m->ngadgets++], NULL,
			    &c->new->gadgets[i]);
	return m;
}
