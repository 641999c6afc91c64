/* SPDX-License-Identifier: Apache-2.0 */
/* HTML from a document through libxml2's writer: the page, its style, contents, sections, inline figures, tables, downloads. */
#include "render_html.h"

#include <errno.h>
#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_svg.h"
#include "svg.h"
#include "xalloc.h"

/* WCAG 2's contrast floor for normal text. */
#define HTML_MIN_CONTRAST 4.5

struct html {
	FILE *out;
	int write_err;    /* errno of a failed write to out */
	xmlTextWriterPtr w;
	const struct document *doc;
	struct figures *figs;
	struct diags *d;
	int failed;       /* a libxml2 call or a figure failed */
	int corrupt;      /* an attachment's stream did not inflate */
	int in_section;
	enum doc_section_kind section; /* the open section's */
};

static void
h_check(struct html *h, int rc)
{
	if (rc < 0)
		h->failed = 1;
}

static void
h_start(struct html *h, const char *name)
{
	h_check(h, xmlTextWriterStartElement(h->w, BAD_CAST name));
}

/* Closes an element with an end tag, as HTML wants for every non-void one. */
static void
h_end(struct html *h)
{
	h_check(h, xmlTextWriterFullEndElement(h->w));
}

/* A void element (meta, br): no end tag. */
static void
h_void_end(struct html *h)
{
	h_check(h, xmlTextWriterEndElement(h->w));
}

static void
h_attr(struct html *h, const char *name, const char *value)
{
	h_check(h, xmlTextWriterWriteAttribute(h->w, BAD_CAST name,
	    BAD_CAST value));
}

/* Text cleaned as the SVG's is (malformed bytes, controls), then escaped by the writer. */
static void
h_text(struct html *h, const char *text)
{
	char *clean = svg_sanitize(text, 0);

	h_check(h, xmlTextWriterWriteString(h->w, BAD_CAST clean));
	free(clean);
}

static void
h_element(struct html *h, const char *name, const char *text)
{
	h_start(h, name);
	h_text(h, text);
	h_end(h);
}

/* --- Colours -------------------------------------------------------------- */

static double
luminance(struct canvas_color c)
{
	const unsigned char v[3] = { c.r, c.g, c.b };
	double l[3];
	size_t i;

	for (i = 0; i < 3; i++) {
		double x = v[i] / 255.0;

		l[i] = x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

static double
contrast(struct canvas_color a, struct canvas_color b)
{
	double la = luminance(a), lb = luminance(b);

	return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

/*
 * c darkened step by step (or lightened, against a dark partner) until
 * it reaches the contrast floor against other: the template's hue, a
 * legible shade.
 */
static struct canvas_color
legible(struct canvas_color c, struct canvas_color other)
{
	int darken = luminance(other) > 0.18;
	int i;

	for (i = 0; i < 100 && contrast(c, other) < HTML_MIN_CONTRAST; i++) {
		c.r = (unsigned char)(darken ? c.r * 0.95 : c.r + (255 - c.r) * 0.05);
		c.g = (unsigned char)(darken ? c.g * 0.95 : c.g + (255 - c.g) * 0.05);
		c.b = (unsigned char)(darken ? c.b * 0.95 : c.b + (255 - c.b) * 0.05);
	}
	return c;
}

static const struct canvas_color white = { 0xff, 0xff, 0xff };

static void
hex(char out[8], struct canvas_color c)
{
	snprintf(out, 8, "#%02x%02x%02x", c.r, c.g, c.b);
}

/* --- The page ------------------------------------------------------------- */

static void
h_style(struct html *h)
{
	const struct template *t = h->doc->tpl;
	char text[8], css[2048];

	hex(text, legible(t->text_color, white));
	snprintf(css, sizeof(css),
	    "body{font-family:\"DejaVu Sans\",Verdana,sans-serif;"
	    "font-size:%.4gpt;color:%s;background:#fff;margin:0 auto;"
	    "max-width:%.4gpt;padding:%.4gpt;line-height:1.35}"
	    "h1{font-size:%.4gpt;margin:0}h2{font-size:%.4gpt}"
	    "h3{font-size:%.4gpt}.subtitle{margin-top:.2em}"
	    ".lead{font-weight:bold;font-size:%.4gpt}"
	    ".banner{color:#fff;font-weight:bold;padding:.7em}"
	    "nav ol{padding-left:1.5em}"
	    "figure{margin:1em 0}figure svg{max-width:100%%;height:auto}"
	    "figcaption{font-size:.85em;color:#555555;text-align:center}"
	    "table{border-collapse:collapse;margin:.5em 0}"
	    "caption{font-weight:bold;text-align:left;padding:.3em 0}"
	    "th{background:var(--head-bg);color:var(--head-fg);"
	    "padding:.3em .6em;text-align:center}"
	    "td{text-align:center;padding:.25em .6em;"
	    "border-bottom:.5pt solid var(--rule)}"
	    "table.zebra tbody tr:nth-child(even){background:var(--zebra)}"
	    "summary{cursor:pointer;font-weight:bold}"
	    "@page{size:%.4gpt %.4gpt;margin:%.4gpt}"
	    "@media print{nav{display:none}body{max-width:none;padding:0}"
	    "section.gadget,section.appendix{break-before:page}"
	    "figure,tr,.banner,caption{break-inside:avoid}"
	    "thead{display:table-header-group}details>table{display:table}}",
	    t->body_size, text, t->page_width, t->margin_left, t->title_size,
	    t->heading_size, t->heading_size * 0.85, t->heading_size * 1.25,
	    t->page_width, t->page_height, t->margin_top);
	h_start(h, "style");
	h_check(h, xmlTextWriterWriteRaw(h->w, BAD_CAST css));
	h_end(h);
}

static void
h_head(struct html *h, const char *generator)
{
	h_start(h, "head");
	h_start(h, "meta");
	h_attr(h, "charset", "utf-8");
	h_void_end(h);
	h_start(h, "meta");
	h_attr(h, "name", "viewport");
	h_attr(h, "content", "width=device-width, initial-scale=1");
	h_void_end(h);
	h_start(h, "meta");
	h_attr(h, "name", "generator");
	h_attr(h, "content", generator);
	h_void_end(h);
	h_element(h, "title", h->doc->title);
	h_style(h);
	h_end(h);
}

/* --- Contents --------------------------------------------------------------- */

/* What a section is called in the contents: its gadget, the title, or its first heading. */
static const char *
section_name(const struct document *doc, size_t i)
{
	const struct doc_block *s = &doc->blocks[i];
	size_t k;

	if (s->text != NULL)
		return s->text;
	if (s->section == DOC_SECTION_COVER)
		return doc->title;
	for (k = i + 1; k < doc->nblocks && doc->blocks[k].kind != DOC_SECTION;
	    k++)
		if (doc->blocks[k].kind == DOC_HEADING)
			return doc->blocks[k].text;
	return "Appendix";
}

static void
h_link(struct html *h, const char *anchor, const char *text)
{
	char *href = xasprintf("#%s", anchor);

	h_start(h, "a");
	h_attr(h, "href", href);
	h_text(h, text);
	h_end(h);
	free(href);
}

/* The figures and tables with an id in the section starting at block i. */
static void
h_toc_items(struct html *h, size_t i)
{
	const struct document *doc = h->doc;
	int open = 0;

	for (i++; i < doc->nblocks && doc->blocks[i].kind != DOC_SECTION; i++) {
		const struct doc_block *b = &doc->blocks[i];

		if (!render_svg_is_item(b) || *b->text == '\0')
			continue;
		if (!open++)
			h_start(h, "ol");
		h_start(h, "li");
		h_link(h, b->id, b->text);
		h_end(h);
	}
	if (open)
		h_end(h);
}

static void
h_toc(struct html *h)
{
	const struct document *doc = h->doc;
	size_t i;

	h_start(h, "nav");
	h_attr(h, "aria-label", "Contents");
	h_element(h, "h2", "Contents");
	h_start(h, "ol");
	for (i = 0; i < doc->nblocks; i++) {
		if (doc->blocks[i].kind != DOC_SECTION)
			continue;
		h_start(h, "li");
		h_link(h, doc->blocks[i].anchor, section_name(doc, i));
		h_toc_items(h, i);
		h_end(h);
	}
	h_end(h);
	h_end(h);
}

/* --- Blocks ----------------------------------------------------------------- */

static void
h_section(struct html *h, const struct doc_block *b)
{
	static const char *const kinds[] = {
		[DOC_SECTION_COVER] = "cover",
		[DOC_SECTION_OVERVIEW] = "overview",
		[DOC_SECTION_GADGET] = "gadget",
		[DOC_SECTION_APPENDIX] = "appendix",
	};

	if (h->in_section)
		h_end(h);
	h->in_section = 1;
	h->section = b->section;
	h_start(h, "section");
	h_attr(h, "id", b->anchor);
	h_attr(h, "class", kinds[b->section]);
	if (b->section == DOC_SECTION_GADGET && b->text != NULL)
		h_element(h, "h2", b->text);
}

static void
h_paragraph(struct html *h, const struct doc_block *b)
{
	const struct template *t = h->doc->tpl;
	char c[8], *style;

	h_start(h, "p");
	if (b->role == DOC_ROLE_LEAD)
		h_attr(h, "class", "lead");
	if (memcmp(&b->color, &t->text_color, sizeof(b->color)) != 0) {
		hex(c, legible(b->color, white));
		style = xasprintf("color:%s", c);
		h_attr(h, "style", style);
		free(style);
	}
	h_text(h, b->text);
	h_end(h);
}

static void
h_banner(struct html *h, const struct doc_block *b)
{
	char c[8], *style;

	hex(c, legible(b->color, white));
	style = xasprintf("background:%s", c);
	h_start(h, "p");
	h_attr(h, "class", "banner");
	h_attr(h, "role", "alert");
	h_attr(h, "style", style);
	h_text(h, b->text);
	h_end(h);
	free(style);
}

static void
h_list(struct html *h, const struct doc_block *b)
{
	size_t i;

	h_start(h, "ul");
	for (i = 0; i < b->nitems; i++) {
		if (b->item_links == NULL || b->item_links[i] == NULL) {
			h_element(h, "li", b->items[i]);
			continue;
		}
		/* A summary sentence leads to its gadget, as in the PDF. */
		h_start(h, "li");
		h_link(h, b->item_links[i], b->items[i]);
		h_end(h);
	}
	h_end(h);
}

static void
h_figure(struct html *h, const struct doc_block *b)
{
	size_t len;
	char *svg = figures_inline(h->figs, b, &len);

	h_start(h, "figure");
	if (b->id != NULL)
		h_attr(h, "id", b->id);
	h_check(h, xmlTextWriterWriteRaw(h->w, BAD_CAST svg));
	h_element(h, "figcaption", b->text);
	h_end(h);
	free(svg);
}

/* A header cell: its lines apart, as in the PDF. */
static void
h_header_cell(struct html *h, const char *text)
{
	char *copy = xstrdup(text), *line, *save = NULL;
	int first = 1;

	h_start(h, "th");
	h_attr(h, "scope", "col");
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save), first = 0) {
		if (!first) {
			h_start(h, "br");
			h_void_end(h);
		}
		h_text(h, line);
	}
	h_end(h);
	free(copy);
}

static void
h_cell(struct html *h, const struct doc_table *t, size_t r, size_t c)
{
	struct doc_cell_style st = doc_table_cell_style(t, r, c);
	char col[8], *style;

	h_start(h, "td");
	if (st.set) {
		hex(col, legible(st.color, white));
		style = xasprintf("color:%s%s", col, st.face == FONT_BOLD ?
		    ";font-weight:bold" : "");
		h_attr(h, "style", style);
		free(style);
	}
	h_text(h, t->cells[r * t->ncols + c]);
	h_end(h);
}

/* The table's colours as CSS variables, its header pair made legible. */
static char *
table_style(const struct doc_table *t)
{
	const struct tpl_table_style *s = &t->style;
	char bg[8], fg[8], rule[8], zebra[8];

	hex(fg, s->header_fg);
	hex(bg, legible(s->header_bg, s->header_fg));
	hex(rule, s->rule);
	hex(zebra, s->zebra);
	return xasprintf("font-size:%.4gpt;--head-bg:%s;--head-fg:%s;"
	    "--rule:%s;--zebra:%s", s->font_size, bg, fg, rule, zebra);
}

static void
h_table_body(struct html *h, const struct doc_block *b)
{
	const struct doc_table *t = b->table;
	char *style = table_style(t);
	size_t r, c;

	h_start(h, "table");
	if (b->id != NULL)
		h_attr(h, "id", b->id);
	if (t->style.zebra_on)
		h_attr(h, "class", "zebra");
	h_attr(h, "style", style);
	free(style);
	if (*b->text != '\0')
		h_element(h, "caption", b->text);
	h_start(h, "thead");
	h_start(h, "tr");
	for (c = 0; c < t->ncols; c++)
		h_header_cell(h, t->header[c]);
	h_end(h);
	h_end(h);
	h_start(h, "tbody");
	for (r = 0; r < t->nrows; r++) {
		h_start(h, "tr");
		for (c = 0; c < t->ncols; c++)
			h_cell(h, t, r, c);
		h_end(h);
	}
	h_end(h);
	h_end(h);
}

static void
h_table(struct html *h, const struct doc_block *b)
{
	char *sum;

	if (b->table->ncols == 0)
		return;
	if (!b->fold) {
		h_table_body(h, b);
		return;
	}
	sum = xasprintf("%s%s%zu rows", b->text, *b->text ? ": " : "",
	    b->table->nrows);
	h_start(h, "details");
	h_element(h, "summary", sum);
	h_table_body(h, b);
	h_end(h);
	free(sum);
}

static void
h_block(struct html *h, const struct doc_block *b)
{
	switch (b->kind) {
	case DOC_SECTION:
		h_section(h, b);
		break;
	case DOC_TITLE:
		h_element(h, "h1", b->text);
		if (b->subtitle != NULL) {
			h_start(h, "p");
			h_attr(h, "class", "subtitle");
			h_text(h, b->subtitle);
			h_end(h);
		}
		break;
	case DOC_HEADING:
		/* Under a gadget's own <h2>, a heading is one level down. */
		h_element(h, h->in_section && h->section == DOC_SECTION_GADGET ?
		    "h3" : "h2", b->text);
		break;
	case DOC_PARAGRAPH:
		h_paragraph(h, b);
		break;
	case DOC_LIST:
		h_list(h, b);
		break;
	case DOC_BANNER:
		h_banner(h, b);
		break;
	case DOC_FIGURE:
		h_figure(h, b);
		break;
	case DOC_TABLE:
		h_table(h, b);
		break;
	case DOC_PAGE_BREAK:
		break;
	}
}

/* --- Downloads -------------------------------------------------------------- */

/* Input bytes per base64 chunk: a multiple of 3, so that no chunk but the last pads. */
#define HTML_B64_IN (48u * 1024)

/* n bytes at p as base64 into out (4 * ceil(n / 3) characters and a NUL). */
static void
base64(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *o = out;
	size_t i;

	for (i = 0; i + 2 < n; i += 3, o += 4) {
		o[0] = digits[p[i] >> 2];
		o[1] = digits[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
		o[2] = digits[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)];
		o[3] = digits[p[i + 2] & 63];
	}
	if (i < n) {
		o[0] = digits[p[i] >> 2];
		o[1] = digits[((p[i] & 3) << 4) | (i + 1 < n ? p[i + 1] >> 4 : 0)];
		o[2] = i + 1 < n ? digits[(p[i + 1] & 15) << 2] : '=';
		o[3] = '=';
		o += 4;
	}
	*o = '\0';
}

/*
 * The input inflated chunk by chunk into the open attribute. Each chunk's
 * base64 is written raw: no base64 character needs escaping, and the
 * writer's escaping of a string in an attribute goes into its buffer
 * without flushing it (the whole link would be held); libxml2's own
 * base64 writer breaks lines, which would change the link.
 */
static void
h_base64(struct html *h, const struct zpack *z)
{
	struct zpack_unpack *u = zpack_unpack_new(z);
	unsigned char *in = xmalloc(HTML_B64_IN);
	char *b64 = xmalloc(HTML_B64_IN / 3 * 4 + 1);
	long n;

	while (!h->failed && (n = zpack_unpack_read(u, in, HTML_B64_IN)) != 0) {
		if (n < 0) {
			h->corrupt = 1;
			h->failed = 1;
			break;
		}
		base64(in, (size_t)n, b64);
		h_check(h, xmlTextWriterWriteRaw(h->w, BAD_CAST b64));
	}
	free(b64);
	free(in);
	zpack_unpack_free(u);
}

static void
h_download(struct html *h, const struct html_attachment *a)
{
	h_start(h, "li");
	if (a->packed == NULL) {
		h_text(h, a->name);
		h_text(h, ": too large to attach (over 64 MiB)");
		h_end(h);
		return;
	}
	h_start(h, "a");
	h_attr(h, "download", a->name);
	h_check(h, xmlTextWriterStartAttribute(h->w, BAD_CAST "href"));
	h_check(h, xmlTextWriterWriteString(h->w,
	    BAD_CAST "data:text/csv;base64,"));
	h_base64(h, a->packed);
	h_check(h, xmlTextWriterEndAttribute(h->w));
	h_text(h, a->name);
	h_end(h);
	h_end(h);
}

static void
h_downloads(struct html *h, const struct html_attachment *att, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	h_start(h, "section");
	h_attr(h, "id", "downloads");
	h_element(h, "h2", "Input data");
	h_start(h, "ul");
	for (i = 0; i < n; i++)
		h_download(h, &att[i]);
	h_end(h);
	h_end(h);
}

/* --- The whole ---------------------------------------------------------------- */

static void
h_body(struct html *h, const struct html_attachment *att, size_t natt)
{
	size_t i;

	h_start(h, "body");
	h_toc(h);
	h_start(h, "main");
	for (i = 0; i < h->doc->nblocks; i++)
		h_block(h, &h->doc->blocks[i]);
	if (h->in_section)
		h_end(h);
	h->in_section = 0;
	h_downloads(h, att, natt);
	h_end(h);
	h_end(h);
}

/* libxml2's output goes straight to the stream, its errno kept for the message. */
static int
h_out_write(void *ctx, const char *buf, int len)
{
	struct html *h = ctx;

	if (fwrite(buf, 1, (size_t)len, h->out) == (size_t)len)
		return len;
	h->write_err = errno != 0 ? errno : EIO;
	return -1;
}

/* Closes the writer (its last bytes flushed); the error said, if any. */
static int
h_finish(struct html *h, struct diags *d)
{
	xmlFreeTextWriter(h->w);
	if (h->write_err == 0 && !h->failed &&
	    (fputc('\n', h->out) == EOF || fflush(h->out) != 0))
		h->write_err = errno != 0 ? errno : EIO;
	if (h->write_err != 0) {
		diags_add(d, D_WRITE_FAILED, NULL, 0, 0, "%s",
		    strerror(h->write_err));
		return -1;
	}
	if (h->failed) {
		diags_add(d, D_WRITE_FAILED, NULL, 0, 0, "%s", h->corrupt ?
		    "an input's deflated copy did not inflate" :
		    "libxml2 could not write the HTML");
		return -1;
	}
	return 0;
}

int
render_html_write(FILE *out, const struct document *doc,
    struct figures *figs, const struct html_attachment *att,
    size_t natt, const char *generator, struct diags *d)
{
	xmlOutputBufferPtr ob;
	struct html h;

	memset(&h, 0, sizeof(h));
	h.out = out;
	h.doc = doc;
	h.figs = figs;
	h.d = d;
	errno = 0;
	if ((ob = xmlOutputBufferCreateIO(h_out_write, NULL, &h, NULL)) != NULL)
		h.w = xmlNewTextWriter(ob); /* which owns ob, even on failure */
	if (h.w == NULL) {
		diags_add(d, D_WRITE_FAILED, NULL, 0, 0,
		    "cannot create the HTML writer");
		return -1;
	}
	h_check(&h, xmlTextWriterWriteRaw(h.w, BAD_CAST "<!DOCTYPE html>\n"));
	h_start(&h, "html");
	h_attr(&h, "lang", "en");
	h_head(&h, generator);
	h_body(&h, att, natt);
	h_end(&h);
	h_check(&h, xmlTextWriterEndDocument(h.w));
	return h_finish(&h, d);
}
