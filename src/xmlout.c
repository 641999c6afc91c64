/* SPDX-License-Identifier: Apache-2.0 */
/* An indented XML writer into memory: tags, escaping and layout appended to one growing buffer. */
#include "xmlout.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

#define XMLOUT_DECLARATION "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define XMLOUT_INDENT "  "

/* Room for n more bytes and a NUL. */
static char *
xmlout_room(struct xmlout *w, size_t n)
{
	if (w->len + n + 1 > w->cap) {
		size_t cap = w->cap ? w->cap : 4096;

		while (cap < w->len + n + 1)
			cap *= 2;
		w->p = xrealloc(w->p, cap);
		w->cap = cap;
	}
	return w->p + w->len;
}

static void
xmlout_put(struct xmlout *w, const char *s, size_t n)
{
	memcpy(xmlout_room(w, n), s, n);
	w->len += n;
}

static void
xmlout_puts(struct xmlout *w, const char *s)
{
	xmlout_put(w, s, strlen(s));
}

void
xmlout_init(struct xmlout *w, int declared)
{
	memset(w, 0, sizeof(*w));
	w->indent = 1;
	w->declared = declared;
	if (declared)
		xmlout_puts(w, XMLOUT_DECLARATION);
}

/* Two spaces for each open element but the innermost. */
static void
xmlout_indent(struct xmlout *w)
{
	size_t i, n = w->depth > 0 ? w->depth - 1 : 0;
	char *o = xmlout_room(w, 2 * n);

	for (i = 0; i < 2 * n; i++)
		o[i] = ' ';
	w->len += 2 * n;
}

void
xmlout_start(struct xmlout *w, const char *name)
{
	if (w->open) {
		xmlout_put(w, ">\n", 2);
		w->open = 0;
	}
	xgrow((void **)&w->names, &w->names_cap, w->depth + 1,
	    sizeof(*w->names));
	w->names[w->depth++] = name;
	xmlout_indent(w);
	xmlout_put(w, "<", 1);
	xmlout_puts(w, name);
	w->open = 1;
}

/* What each byte becomes: NULL when it is written as it is. */
static const char *
xmlout_entity(unsigned char c, int attr)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\r':
		return "&#13;";
	case '\n':
		return attr ? "&#10;" : NULL;
	case '\t':
		return attr ? "&#9;" : NULL;
	default:
		return NULL;
	}
}

/* "&#xHEX;" with upper-case digits and no leading zeros. */
static void
xmlout_char_ref(struct xmlout *w, uint32_t cp)
{
	static const char hex[] = "0123456789ABCDEF";
	char buf[16], digits[8];
	size_t n = 0, i = 0;

	do {
		digits[n++] = hex[cp & 15];
		cp >>= 4;
	} while (cp > 0);
	buf[i++] = '&';
	buf[i++] = '#';
	buf[i++] = 'x';
	while (n > 0)
		buf[i++] = digits[--n];
	buf[i++] = ';';
	xmlout_put(w, buf, i);
}

/*
 * Escaped s: runs of plain bytes copied at once. In an attribute of a
 * document without the declaration a non-ASCII character becomes a
 * reference, as it cannot know its encoding.
 */
static void
xmlout_escaped(struct xmlout *w, const char *s, int attr)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	int refs = attr && !w->declared;

	for (; *p != '\0'; p++) {
		const char *e = xmlout_entity(*p, attr);
		uint32_t cp;

		if (e == NULL && *p < 0x80)
			continue;
		if (*p >= 0x80 && attr)
			w->wide_attr = 1;
		if (e == NULL && !refs)
			continue;
		xmlout_put(w, (const char *)run, (size_t)(p - run));
		if (e != NULL) {
			xmlout_puts(w, e);
		} else {
			p += utf8_decode(p, UTF8_NUL_TERMINATED, &cp) - 1;
			xmlout_char_ref(w, cp);
		}
		run = p + 1;
	}
	xmlout_put(w, (const char *)run, (size_t)(p - run));
}

void
xmlout_attr(struct xmlout *w, const char *name, const char *value)
{
	assert(w->open);
	xmlout_put(w, " ", 1);
	xmlout_puts(w, name);
	xmlout_put(w, "=\"", 2);
	xmlout_escaped(w, value, 1);
	xmlout_put(w, "\"", 1);
}

void
xmlout_attr_plain(struct xmlout *w, const char *name, const char *value,
    size_t len)
{
	size_t nlen = strlen(name);
	char *o = xmlout_room(w, nlen + len + 4);

	assert(w->open);
	o[0] = ' ';
	memcpy(o + 1, name, nlen);
	o[nlen + 1] = '=';
	o[nlen + 2] = '"';
	memcpy(o + nlen + 3, value, len);
	o[nlen + len + 3] = '"';
	w->len += nlen + len + 4;
}

void
xmlout_text(struct xmlout *w, const char *text)
{
	assert(w->depth > 0);
	if (w->open) {
		xmlout_put(w, ">", 1);
		w->open = 0;
	}
	w->indent = 0;
	xmlout_escaped(w, text, 0);
}

void
xmlout_end(struct xmlout *w)
{
	assert(w->depth > 0);
	if (w->open) {
		xmlout_put(w, "/>\n", 3);
		w->open = 0;
	} else {
		if (w->indent)
			xmlout_indent(w);
		xmlout_put(w, "</", 2);
		xmlout_puts(w, w->names[w->depth - 1]);
		xmlout_put(w, ">\n", 2);
	}
	w->indent = 1;
	w->depth--;
}

char *
xmlout_finish(struct xmlout *w, size_t *len)
{
	char *p;

	assert(w->depth == 0);
	xmlout_room(w, 0);
	w->p[w->len] = '\0';
	p = w->p;
	*len = w->len;
	w->p = NULL;
	xmlout_free(w);
	return p;
}

void
xmlout_free(struct xmlout *w)
{
	free(w->p);
	free(w->names);
	memset(w, 0, sizeof(*w));
}
