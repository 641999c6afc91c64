/* SPDX-License-Identifier: Apache-2.0 */
/* A document's figures drawn once: each file kept for the HTML page when one follows. */
#include "figures.h"

#include <assert.h>
#include <stdlib.h>

#include "render_svg.h"
#include "svg.h"
#include "xalloc.h"

/* One block's standalone drawing. */
struct figure {
	char *bytes; /* NULL: not drawn, or given away */
	size_t len;
	int inlinable;
};

struct figures {
	const struct document *doc;
	const struct fonts *fonts;
	int keep;
	struct figure *v;   /* one per block of doc */
	struct figure *last; /* the file handed out last, unless kept */
};

struct figures *
figures_new(const struct document *doc, const struct fonts *fonts, int keep)
{
	struct figures *f = xcalloc(1, sizeof(*f));

	f->doc = doc;
	f->fonts = fonts;
	f->keep = keep;
	f->v = xcalloc(doc->nblocks + 1, sizeof(*f->v));
	return f;
}

/* Block b drawn alone, as a file or as an element. */
static char *
figures_draw(const struct figures *f, const struct doc_block *b, int fragment,
    size_t *len, int *inlinable)
{
	struct svg_info info = { b->text, b->desc, fragment };
	struct svg *s = svg_open(&info, NULL);
	struct canvas c;

	svg_canvas(s, &c, f->fonts);
	render_svg_draw(&c, f->doc, b);
	return svg_finish(s, len, inlinable);
}

static void
figures_drop(struct figure *g)
{
	free(g->bytes);
	g->bytes = NULL;
}

static struct figure *
figures_of(struct figures *f, const struct doc_block *b)
{
	assert(b >= f->doc->blocks && b < f->doc->blocks + f->doc->nblocks);
	return &f->v[b - f->doc->blocks];
}

const char *
figures_file(struct figures *f, const struct doc_block *b, size_t *len)
{
	struct figure *g = figures_of(f, b);

	assert(render_svg_is_item(b));
	if (f->last != NULL)
		figures_drop(f->last);
	f->last = NULL;
	if (g->bytes == NULL)
		g->bytes = figures_draw(f, b, 0, &g->len, &g->inlinable);
	/* Only figures are inlined; a table is an HTML table there. */
	if (!f->keep || b->kind != DOC_FIGURE)
		f->last = g;
	*len = g->len;
	return g->bytes;
}

char *
figures_inline(struct figures *f, const struct doc_block *b, size_t *len)
{
	struct figure *g = figures_of(f, b);
	char *bytes;

	if (g->bytes == NULL || !g->inlinable)
		return figures_draw(f, b, 1, len, NULL);
	bytes = svg_inline(g->bytes, g->len, len);
	figures_drop(g);
	if (f->last == g)
		f->last = NULL;
	return bytes;
}

void
figures_free(struct figures *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->doc->nblocks; i++)
		free(f->v[i].bytes);
	free(f->v);
	free(f);
}
