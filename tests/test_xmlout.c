/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the XML writer: its layout and escaping byte for byte against libxml2's text writer, which wrote igreport's SVG before it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "xmlout.h"

/* One writer call of a script, for both writers. */
enum op { OP_START, OP_ATTR, OP_TEXT, OP_END, OP__MAX };

struct step {
	enum op op;
	const char *name;  /* element or attribute */
	const char *value; /* attribute value or text */
};

/* The strings every script is run with: what escaping must get right. */
static const char *const samples[] = {
	"",
	"plain words",
	"& < > \" ' = /",
	"a&amp;b &lt;c&gt;",
	"tab\there",
	"line\nbreak",
	"cr\rhere",
	"crlf\r\n",
	"\xc2\xb1 0.5",                 /* U+00B1 */
	"caf\xc3\xa9",                  /* U+00E9 */
	"\xe2\x82\xac 3",               /* U+20AC */
	"\xef\xbf\xbd",                 /* U+FFFD */
	"\xf0\x9d\x84\x9e clef",        /* U+1D11E */
	"\xc2\x80\xdf\xbf\xe0\xa0\x80", /* the smallest of each length */
	"\xf4\x8f\xbf\xbf",             /* U+10FFFF */
	"]]> and <!-- -->",
};

/* A figure's shapes: nesting, empty elements, text, a title first in a group. */
static const struct step script[] = {
	{ OP_START, "svg", NULL },
	{ OP_ATTR, "xmlns", "http://www.w3.org/2000/svg" },
	{ OP_ATTR, "width", "10.5" },
	{ OP_START, "title", NULL },
	{ OP_TEXT, NULL, "$" },
	{ OP_END, NULL, NULL },
	{ OP_START, "desc", NULL },
	{ OP_TEXT, NULL, "" },
	{ OP_END, NULL, NULL },
	{ OP_START, "g", NULL },
	{ OP_ATTR, "class", "$" },
	{ OP_START, "g", NULL },
	{ OP_START, "title", NULL },
	{ OP_TEXT, NULL, "$" },
	{ OP_END, NULL, NULL },
	{ OP_START, "rect", NULL },
	{ OP_ATTR, "x", "1" },
	{ OP_ATTR, "fill", "$" },
	{ OP_END, NULL, NULL },
	{ OP_END, NULL, NULL },
	{ OP_START, "g", NULL },
	{ OP_END, NULL, NULL },
	{ OP_START, "text", NULL },
	{ OP_ATTR, "x", "$" },
	{ OP_TEXT, NULL, "$" },
	{ OP_END, NULL, NULL },
	{ OP_END, NULL, NULL },
	{ OP_START, "line", NULL },
	{ OP_END, NULL, NULL },
	{ OP_END, NULL, NULL },
};

/* "$" in a script stands for the sample string. */
static const char *
value_of(const struct step *s, const char *sample)
{
	return strcmp(s->value, "$") == 0 ? sample : s->value;
}

/* The script through libxml2's writer, indented by two spaces as svg.c set it. */
static char *
libxml2_bytes(const char *sample, int declared)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
	char *out;
	size_t i;

	assert_non_null(w);
	assert_int_equal(xmlTextWriterSetIndent(w, 1), 0);
	assert_int_equal(xmlTextWriterSetIndentString(w, BAD_CAST "  "), 0);
	if (declared)
		assert_true(xmlTextWriterStartDocument(w, NULL, "UTF-8",
		    NULL) >= 0);
	for (i = 0; i < sizeof(script) / sizeof(script[0]); i++) {
		const struct step *s = &script[i];
		int rc = 0;

		if (s->op == OP_START)
			rc = xmlTextWriterStartElement(w, BAD_CAST s->name);
		else if (s->op == OP_ATTR)
			rc = xmlTextWriterWriteAttribute(w, BAD_CAST s->name,
			    BAD_CAST value_of(s, sample));
		else if (s->op == OP_TEXT)
			rc = xmlTextWriterWriteString(w,
			    BAD_CAST value_of(s, sample));
		else
			rc = xmlTextWriterEndElement(w);
		assert_true(rc >= 0);
	}
	if (declared)
		assert_true(xmlTextWriterEndDocument(w) >= 0);
	xmlFreeTextWriter(w);
	out = strdup((const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	return out;
}

static char *
xmlout_bytes(const char *sample, int declared, int *wide)
{
	struct xmlout w;
	size_t i, len;
	char *out;

	xmlout_init(&w, declared);
	for (i = 0; i < sizeof(script) / sizeof(script[0]); i++) {
		const struct step *s = &script[i];

		if (s->op == OP_START)
			xmlout_start(&w, s->name);
		else if (s->op == OP_ATTR)
			xmlout_attr(&w, s->name, value_of(s, sample));
		else if (s->op == OP_TEXT)
			xmlout_text(&w, value_of(s, sample));
		else
			xmlout_end(&w);
	}
	*wide = w.wide_attr;
	out = xmlout_finish(&w, &len);
	assert_int_equal(strlen(out), len);
	return out;
}

static void
check_all_samples(int declared)
{
	size_t i;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		char *want = libxml2_bytes(samples[i], declared);
		int wide;
		char *got = xmlout_bytes(samples[i], declared, &wide);
		const unsigned char *p;

		assert_string_equal(got, want);
		/* wide_attr: exactly when a value held a byte above ASCII. */
		for (p = (const unsigned char *)samples[i]; *p && *p < 0x80; p++)
			;
		assert_int_equal(wide, *p != '\0');
		free(want);
		free(got);
	}
}

static void
test_document_with_declaration_as_libxml2(void **state)
{
	(void)state;
	check_all_samples(1);
}

/* Without the declaration, non-ASCII in attribute values becomes references (&#xB1;). */
static void
test_element_without_declaration_as_libxml2(void **state)
{
	(void)state;
	check_all_samples(0);
}

static void
test_layout_exact(void **state)
{
	struct xmlout w;
	size_t len;
	char *got;

	(void)state;
	xmlout_init(&w, 1);
	xmlout_start(&w, "svg");
	xmlout_attr_plain(&w, "width", "12", 2);
	xmlout_start(&w, "g");
	xmlout_start(&w, "rect");
	xmlout_end(&w);
	xmlout_end(&w);
	xmlout_start(&w, "text");
	xmlout_text(&w, "a<b");
	xmlout_end(&w);
	xmlout_end(&w);
	got = xmlout_finish(&w, &len);
	assert_string_equal(got,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg width=\"12\">\n"
	    "  <g>\n"
	    "    <rect/>\n"
	    "  </g>\n"
	    "  <text>a&lt;b</text>\n"
	    "</svg>\n");
	assert_int_equal(len, strlen(got));
	free(got);
}

/* A large document grows its buffer many times over and keeps every byte. */
static void
test_many_elements(void **state)
{
	struct xmlout w;
	size_t i, len;
	char *got;

	(void)state;
	xmlout_init(&w, 0);
	xmlout_start(&w, "g");
	for (i = 0; i < 20000; i++) {
		xmlout_start(&w, "line");
		xmlout_attr(&w, "x", "1.25");
		xmlout_end(&w);
	}
	xmlout_end(&w);
	got = xmlout_finish(&w, &len);
	assert_int_equal(len, 4 + 20000 * strlen("  <line x=\"1.25\"/>\n") + 5);
	assert_memory_equal(got + len - 5, "</g>\n", 5);
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_with_declaration_as_libxml2),
		cmocka_unit_test(test_element_without_declaration_as_libxml2),
		cmocka_unit_test(test_layout_exact),
		cmocka_unit_test(test_many_elements),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
