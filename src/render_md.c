/* SPDX-License-Identifier: Apache-2.0 */
/* Markdown from a document: one function per block kind, text escaped where Markdown would read it as markup. */
#include "render_md.h"

#include <string.h>

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

int
render_md_write(FILE *out, const struct document *doc, int link_figures)
{
	size_t i;

	for (i = 0; i < doc->nblocks; i++)
		md_block(out, &doc->blocks[i], link_figures);
	return ferror(out) ? -1 : 0;
}
