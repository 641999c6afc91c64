/* SPDX-License-Identifier: Apache-2.0 */
/* Markdown from a document: one function per block kind, text escaped where Markdown would read it as markup. */
#include "render_md.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Writes text with the characters that break Markdown (tables included) escaped. */
static void
md_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("|\\*_`[]<>#", *s))
			fputc('\\', out);
		fputc(*s, out);
	}
}

/* A header cell: its lines joined by spaces. */
static void
md_header_cell(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n') {
			fputc(' ', out);
			continue;
		}
		if (strchr("|\\*_`[]<>#", *s))
			fputc('\\', out);
		fputc(*s, out);
	}
}

static void
md_heading(FILE *out, const char *marks, const char *text)
{
	fprintf(out, "\n%s ", marks);
	md_text(out, text);
	fputc('\n', out);
}

static void
md_rows(FILE *out, const struct doc_table *t)
{
	size_t r, c;

	fputc('|', out);
	for (c = 0; c < t->ncols; c++) {
		fputc(' ', out);
		md_header_cell(out, t->header[c]);
		fputs(" |", out);
	}
	fputs("\n|", out);
	for (c = 0; c < t->ncols; c++)
		fputs(":-:|", out);
	fputc('\n', out);
	for (r = 0; r < t->nrows; r++) {
		fputc('|', out);
		for (c = 0; c < t->ncols; c++) {
			const struct doc_cell_style st = doc_table_cell_style(t, r, c);
			const char *cell = t->cells[r * t->ncols + c];

			fputc(' ', out);
			if (st.set && st.face == FONT_BOLD && *cell != '\0') {
				fputs("**", out);
				md_text(out, cell);
				fputs("**", out);
			} else
				md_text(out, cell);
			fputs(" |", out);
		}
		fputc('\n', out);
	}
}

static void
md_table(FILE *out, const struct doc_block *b)
{
	if (b->table->ncols == 0)
		return;
	if (*b->text != '\0')
		md_heading(out, "###", b->text);
	fputc('\n', out);
	if (b->fold) {
		fprintf(out, "<details><summary>%zu rows</summary>\n\n",
		    b->table->nrows);
		md_rows(out, b->table);
		fputs("\n</details>\n", out);
		return;
	}
	md_rows(out, b->table);
}

static void
md_list(FILE *out, const struct doc_block *b)
{
	size_t i;

	fputc('\n', out);
	for (i = 0; i < b->nitems; i++) {
		fputs("- ", out);
		md_text(out, b->items[i]);
		fputc('\n', out);
	}
}

static void
md_figure(FILE *out, const struct doc_block *b, int link)
{
	if (!link || b->id == NULL)
		return;
	fputs("\n![", out);
	md_text(out, b->text);
	fprintf(out, "](%s.svg)\n", b->id);
}

static void
md_block(FILE *out, const struct doc_block *b, int link)
{
	switch (b->kind) {
	case DOC_SECTION:
		if (b->section == DOC_SECTION_GADGET && b->text != NULL)
			md_heading(out, "##", b->text);
		break;
	case DOC_TITLE:
		fputs("# ", out);
		md_text(out, b->text);
		fputc('\n', out);
		if (b->subtitle != NULL) {
			fputc('\n', out);
			md_text(out, b->subtitle);
			fputc('\n', out);
		}
		break;
	case DOC_HEADING:
		md_heading(out, "##", b->text);
		break;
	case DOC_PARAGRAPH:
		fputs(b->role == DOC_ROLE_LEAD ? "\n**" : "\n", out);
		md_text(out, b->text);
		fputs(b->role == DOC_ROLE_LEAD ? "**\n" : "\n", out);
		break;
	case DOC_LIST:
		md_list(out, b);
		break;
	case DOC_BANNER:
		fputs("\n> **", out);
		md_text(out, b->text);
		fputs("**\n", out);
		break;
	case DOC_FIGURE:
		md_figure(out, b, link);
		break;
	case DOC_TABLE:
		md_table(out, b);
		break;
	case DOC_PAGE_BREAK:
		break;
	}
}

/* A shortened Markdown's closing paragraph, apart from the rest. */
static void
md_note(FILE *out, const char *note)
{
	fputs("\n---\n\n*", out);
	md_text(out, note);
	fputs("*\n", out);
}

/* doc with the blocks of steps 1 to upto left out, and that step's note. */
static void
md_blocks(FILE *out, const struct document *doc, int link, size_t upto)
{
	size_t i;

	for (i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].drop == 0 || doc->blocks[i].drop > upto)
			md_block(out, &doc->blocks[i], link);
	if (upto > 0)
		md_note(out, doc->fit.notes[upto - 1]);
}

size_t
render_md_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* The Markdown of doc shortened by steps 1 to upto, in *buf (caller frees); -1 when memory ran out. */
static int
md_render(const struct document *doc, int link, size_t upto, char **buf,
    size_t *len)
{
	FILE *f;

	*buf = NULL;
	*len = 0;
	if ((f = open_memstream(buf, len)) == NULL)
		return -1;
	md_blocks(f, doc, link, upto);
	if (fclose(f) != 0) {
		free(*buf);
		*buf = NULL;
		return -1;
	}
	return 0;
}

/* The longest form of doc within its limit, steps left out in order; -2 when even the shortest is over. */
static int
md_fit(FILE *out, const struct document *doc, int link, size_t *chars)
{
	char *buf;
	size_t len, upto, n = 0;

	for (upto = 0; upto <= doc->fit.nsteps; upto++) {
		if (upto > 0 && doc->fit.notes[upto - 1] == NULL)
			continue; /* no block goes with this step */
		if (md_render(doc, link, upto, &buf, &len) < 0)
			xalloc_die();
		n = render_md_chars(buf, len);
		if (n <= doc->fit.max_chars) {
			fwrite(buf, 1, len, out);
			free(buf);
			*chars = n;
			return ferror(out) ? -1 : 0;
		}
		free(buf);
	}
	*chars = n;
	return -2;
}

int
render_md_write(FILE *out, const struct document *doc, int link_figures,
    size_t *chars)
{
	size_t n = 0;

	if (doc->fit.max_chars > 0)
		return md_fit(out, doc, link_figures, chars != NULL ? chars : &n);
	md_blocks(out, doc, link_figures, 0);
	if (chars != NULL)
		*chars = 0;
	return ferror(out) ? -1 : 0;
}
