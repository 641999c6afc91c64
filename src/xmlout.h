/* SPDX-License-Identifier: Apache-2.0 */
/* An indented XML writer into memory: the byte layout of igreport's SVG files and inline figures. */
#ifndef IGREPORT_XMLOUT_H
#define IGREPORT_XMLOUT_H

#include <stddef.h>

/*
 * The layout, fixed so that the same calls give the same bytes: each
 * start tag on a line of its own, indented two spaces per open element;
 * an element with nothing in it closed as "<name .../>"; an element with
 * text as "<name ...>text</name>" on one line; an element with children
 * ends with "</name>" on a line of its own at its start tag's indent.
 * Every tag ends its line, the last one included.
 *
 * Escaping, the same as libxml2's text writer (tests compare the two):
 * text turns & < > " and CR into &amp; &lt; &gt; &quot; &#13;; attribute
 * values turn & < > " into entities and TAB, LF, CR into &#9; &#10;
 * &#13;, and, in a document without the XML declaration, every
 * non-ASCII character into a hexadecimal reference (&#xB1;): the one
 * place where the two kinds of document differ (wide_attr says whether
 * it happened). Text and values must be valid UTF-8 without NUL
 * (svg_sanitize makes them so).
 */
struct xmlout {
	char *p;            /* the bytes so far; owned */
	size_t len, cap;
	const char **names; /* open elements, innermost last: static strings */
	size_t depth, names_cap;
	int open;     /* the innermost start tag still takes attributes */
	int indent;   /* the next end tag goes on its own line */
	int declared; /* began with the XML declaration */
	int wide_attr; /* an attribute value held a non-ASCII character */
};

/* Starts an empty document; declared: begin with <?xml version="1.0" encoding="UTF-8"?>. */
void xmlout_init(struct xmlout *w, int declared);

/* Opens element name; name must outlive the element (a string literal). */
void xmlout_start(struct xmlout *w, const char *name);

/* An attribute of the element just opened, value escaped. */
void xmlout_attr(struct xmlout *w, const char *name, const char *value);

/* An attribute whose value needs no escaping (digits, '.', '-', '#', letters, spaces). */
void xmlout_attr_plain(struct xmlout *w, const char *name, const char *value,
    size_t len);

/* Text inside the innermost open element, escaped. */
void xmlout_text(struct xmlout *w, const char *text);

/* Closes the innermost open element. */
void xmlout_end(struct xmlout *w);

/*
 * Hands over the document (every element closed): returns its bytes,
 * NUL-terminated, with *len their length, and leaves w empty. The
 * caller frees them.
 */
char *xmlout_finish(struct xmlout *w, size_t *len);

/* Frees what w holds; w may be reused after xmlout_init. */
void xmlout_free(struct xmlout *w);

#endif
