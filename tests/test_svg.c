/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the SVG back end: exact documents, number formatting, sanitising and external validators. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "svg.h"

#define SVG11_DTD \
	"/usr/share/xml/w3c-sgml-lib/schema/dtd/REC-SVG11-20110816/svg11.dtd"

static const struct canvas_color black = {0, 0, 0};
static const struct canvas_color blue = {0x1f, 0x77, 0xb4};
static const struct canvas_color grey = {0xcc, 0xcc, 0xcc};

typedef void (*draw_fn)(const struct canvas *c);

/* Draws with fn into a fresh document and returns its bytes. */
static char *
render(const struct svg_info *info, draw_fn fn)
{
	struct diags d = {0};
	struct canvas c;
	struct svg *s;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	s = svg_open(info, &d);
	assert_non_null(s);
	svg_canvas(s, &c, NULL);
	fn(&c);
	f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_int_equal(svg_close(s, f, &d), 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(d.n, 0);
	return text;
}

static void
draw_typical(const struct canvas *c)
{
	const struct canvas_fill half = {blue, 0.5};
	const struct canvas_fill solid = {blue, 1};
	const struct canvas_stroke thin = {black, 0.75, 1, 0};
	const struct canvas_stroke faint = {grey, 1, 0.25, 0};
	const struct canvas_stroke dash = {black, 0.5, 0.8, 1};
	struct canvas_text t = {FONT_REGULAR, 9, black, CANVAS_LEFT, 0};

	c->ops->begin_page(c->dev, 320, 180.5);
	c->ops->begin_group(c->dev, "bars");
	c->ops->rect(c->dev, 10, 20, 30.25, 40, &half, &faint);
	c->ops->rect(c->dev, 50, 20, 30, 40, &solid, NULL);
	c->ops->rect(c->dev, 90, 20, 30, 40, NULL, &thin);
	c->ops->rect(c->dev, 130, 20, 30, 40, NULL, NULL);
	c->ops->end_group(c->dev);
	c->ops->begin_group(c->dev, "axes");
	c->ops->line(c->dev, 10, 60, 300, 60, &thin);
	c->ops->line(c->dev, 10, 30.125, 300, 30.125, &dash);
	c->ops->text(c->dev, 10, 75, "left", &t);
	t.align = CANVAS_CENTER;
	c->ops->text(c->dev, 160, 75, "centre", &t);
	t.align = CANVAS_RIGHT;
	c->ops->text(c->dev, 300, 75, "right", &t);
	t.align = CANVAS_CENTER;
	t.vertical = 1;
	c->ops->text(c->dev, 5, 40, "events/s", &t);
	t.vertical = 0;
	t.face = FONT_BOLD;
	t.size = 12.5;
	t.color = blue;
	t.align = CANVAS_LEFT;
	c->ops->text(c->dev, 10, 12, "Title", &t);
	c->ops->end_group(c->dev);
	c->ops->end_page(c->dev);
}

static const struct svg_info typical_info = {
	"trace_exec: host", "Mean CPU use per rate", 0};

static const char typical_svg[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"320\" "
    "height=\"180.5\" viewBox=\"0 0 320 180.5\">\n"
    "  <title>trace_exec: host</title>\n"
    "  <desc>Mean CPU use per rate</desc>\n"
    "  <rect width=\"320\" height=\"180.5\" fill=\"#ffffff\"/>\n"
    "  <g class=\"bars\">\n"
    "    <rect x=\"10\" y=\"20\" width=\"30.25\" height=\"40\" fill=\"#1f77b4\" "
    "fill-opacity=\"0.5\" stroke=\"#cccccc\" stroke-width=\"1\" "
    "stroke-opacity=\"0.25\"/>\n"
    "    <rect x=\"50\" y=\"20\" width=\"30\" height=\"40\" fill=\"#1f77b4\"/>\n"
    "    <rect x=\"90\" y=\"20\" width=\"30\" height=\"40\" fill=\"none\" "
    "stroke=\"#000000\" stroke-width=\"0.75\"/>\n"
    "    <rect x=\"130\" y=\"20\" width=\"30\" height=\"40\" fill=\"none\"/>\n"
    "  </g>\n"
    "  <g class=\"axes\">\n"
    "    <line x1=\"10\" y1=\"60\" x2=\"300\" y2=\"60\" stroke=\"#000000\" "
    "stroke-width=\"0.75\"/>\n"
    "    <line x1=\"10\" y1=\"30.13\" x2=\"300\" y2=\"30.13\" stroke=\"#000000\" "
    "stroke-width=\"0.5\" stroke-opacity=\"0.8\" stroke-dasharray=\"3 2\"/>\n"
    "    <text x=\"10\" y=\"75\" font-family=\"DejaVu Sans, Verdana, "
    "sans-serif\" font-size=\"9\" fill=\"#000000\" "
    "text-anchor=\"start\">left</text>\n"
    "    <text x=\"160\" y=\"75\" font-family=\"DejaVu Sans, Verdana, "
    "sans-serif\" font-size=\"9\" fill=\"#000000\" "
    "text-anchor=\"middle\">centre</text>\n"
    "    <text x=\"300\" y=\"75\" font-family=\"DejaVu Sans, Verdana, "
    "sans-serif\" font-size=\"9\" fill=\"#000000\" "
    "text-anchor=\"end\">right</text>\n"
    "    <text x=\"5\" y=\"40\" font-family=\"DejaVu Sans, Verdana, "
    "sans-serif\" font-size=\"9\" fill=\"#000000\" text-anchor=\"middle\" "
    "transform=\"rotate(-90 5 40)\">events/s</text>\n"
    "    <text x=\"10\" y=\"12\" font-family=\"DejaVu Sans, Verdana, "
    "sans-serif\" font-size=\"12.5\" font-weight=\"bold\" fill=\"#1f77b4\" "
    "text-anchor=\"start\">Title</text>\n"
    "  </g>\n"
    "</svg>\n";

static void
draw_hostile(const struct canvas *c)
{
	const struct canvas_stroke st = {black, 1, 1, 0};
	const struct canvas_text t = {FONT_REGULAR, 10, black, CANVAS_LEFT, 0};

	c->ops->begin_page(c->dev, 100, 50);
	c->ops->begin_group(c->dev, "g\x01\"<&>\xff");
	c->ops->line(c->dev, 0, 0, 10, 10, &st);
	c->ops->text(c->dev, 1, 20, "a\x01<&>\"\xc3(\xef\xbf\xbe\tb", &t);
	c->ops->text(c->dev, 1, 30, "", &t);
	c->ops->end_group(c->dev);
	c->ops->end_page(c->dev);
}

static const struct svg_info hostile_info = {
	"x\x02<&>\"\xe2\x82", "line1\nline2\r\n\x1b[0m", 0};

/* Byte-for-byte comparison; cmocka truncates long strings, so show where they part. */
static void
assert_same_document(const char *got, const char *want)
{
	size_t i = 0;

	while (got[i] != '\0' && got[i] == want[i])
		i++;
	if (got[i] != want[i])
		fail_msg("documents differ at byte %zu:\ngot:  \"%.60s\"\n"
		    "want: \"%.60s\"", i, got + i, want + i);
}

static void
test_typical_drawing_exact_document(void **state)
{
	char *got = render(&typical_info, draw_typical);

	(void)state;
	assert_same_document(got, typical_svg);
	free(got);
}

static void
test_identical_calls_identical_bytes(void **state)
{
	char *a = render(&typical_info, draw_typical);
	char *b = render(&typical_info, draw_typical);

	(void)state;
	assert_same_document(a, b);
	free(a);
	free(b);
}

static void
check_number(double x, const char *want)
{
	char buf[SVG_NUMBER_MAX];

	svg_format_number(buf, x);
	if (strcmp(buf, want) != 0)
		fail_msg("%.17g formatted as \"%s\", want \"%s\"", x, buf, want);
}

static void
test_number_formatting(void **state)
{
	(void)state;
	check_number(0.005, "0.01");
	check_number(1.999, "2");
	check_number(-0.001, "0");
	check_number(-0.0, "0");
	check_number(1e6, "1000000");
	check_number(12.5, "12.5");
	check_number(12.25, "12.25");
	check_number(-3.1, "-3.1");
	check_number(0.1, "0.1");
	check_number(0.07, "0.07");
	check_number(100, "100");
	check_number(0, "0");
	check_number(-250.506, "-250.51");
}

static void
test_number_formatting_extremes(void **state)
{
	(void)state;
	check_number(1e300, "1000000000000000");
	check_number(-1e300, "-1000000000000000");
	check_number(0.0 / 0.0, "0");
	check_number(1.0 / 0.0, "0");
	check_number(1e-300, "0");
}

static void
check_sanitize(const char *in, int keep, const char *want)
{
	char *got = svg_sanitize(in, keep);

	assert_string_equal(got, want);
	free(got);
}

static void
test_sanitize_invalid_utf8(void **state)
{
	(void)state;
	check_sanitize("a\xff" "b", 0, "a\xef\xbf\xbd" "b");
	/*
	 * A truncated 3-byte sequence is a replacement per byte, as
	 * fonts_text_width measures it (utf8_decode's policy).
	 */
	check_sanitize("\xe2\x82" "c", 0, "\xef\xbf\xbd\xef\xbf\xbd" "c");
	check_sanitize("\xe2\x82", 0, "\xef\xbf\xbd\xef\xbf\xbd");
	/* Overlong "/" and a UTF-16 surrogate. */
	check_sanitize("\xc0\xaf", 0, "\xef\xbf\xbd\xef\xbf\xbd");
	check_sanitize("\xed\xa0\x80", 0,
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	check_sanitize("\xf4\x90\x80\x80", 0,
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	check_sanitize("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 0,
	    "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
}

static void
test_sanitize_controls(void **state)
{
	(void)state;
	check_sanitize("a\x01" "b\x1f" "c\x7f", 0, "abc\x7f");
	check_sanitize("a\tb\nc\rd", 0, "a b c d");
	check_sanitize("a\tb\nc\r\nd", 1, "a\tb\nc\nd");
	check_sanitize("x\xef\xbf\xbey\xef\xbf\xbfz", 0, "xyz");
	check_sanitize(NULL, 0, "");
}

static void
test_hostile_text_escaped_and_sanitised(void **state)
{
	char *got = render(&hostile_info, draw_hostile);

	(void)state;
	assert_non_null(strstr(got,
	    "<title>x&lt;&amp;&gt;&quot;\xef\xbf\xbd\xef\xbf\xbd</title>"));
	assert_non_null(strstr(got, "<desc>line1\nline2\n[0m</desc>"));
	assert_non_null(strstr(got,
	    "<g class=\"g&quot;&lt;&amp;&gt;\xef\xbf\xbd\">"));
	assert_non_null(strstr(got,
	    ">a&lt;&amp;&gt;&quot;\xef\xbf\xbd( b</text>"));
	assert_null(strchr(got, '\x01'));
	assert_null(strchr(got, '\x02'));
	assert_null(strchr(got, '\x1b'));
	free(got);
}

static void
test_no_external_references(void **state)
{
	char *a = render(&typical_info, draw_typical);
	char *b = render(&hostile_info, draw_hostile);

	(void)state;
	assert_null(strstr(a, "href"));
	assert_null(strstr(a, "script"));
	assert_null(strstr(a, "@import"));
	assert_null(strstr(b, "href"));
	assert_null(strstr(b, "script"));
	free(a);
	free(b);
}

static void
draw_odd_shapes(const struct canvas *c)
{
	const struct canvas_fill f = {blue, 1.5};
	const struct canvas_stroke st = {black, -2, -1, 0};

	c->ops->begin_page(c->dev, 50, 50);
	c->ops->begin_group(c->dev, "");
	c->ops->rect(c->dev, 10, 10, -5, -4, &f, &st);
	c->ops->circle(c->dev, 3, 4.5, -1, &f, NULL);
	c->ops->path(c->dev, (const double[]){1, 2, 3.25, 4}, 2, 0, &f, &st);
	c->ops->path(c->dev, (const double[]){1, 2, 3, 4, 5, 1}, 3, 1, &f, NULL);
	c->ops->end_group(c->dev);
	c->ops->end_page(c->dev);
}

static void
test_negative_sizes_normalised(void **state)
{
	char *got = render(NULL, draw_odd_shapes);

	(void)state;
	assert_non_null(strstr(got, "<title></title>"));
	assert_non_null(strstr(got, "<g>"));
	assert_non_null(strstr(got,
	    "<rect x=\"5\" y=\"6\" width=\"5\" height=\"4\" fill=\"#1f77b4\" "
	    "stroke=\"#000000\" stroke-width=\"0\" stroke-opacity=\"0\"/>"));
	/* A negative radius is none; an open path is never filled. */
	assert_non_null(strstr(got, "<circle cx=\"3\" cy=\"4.5\" r=\"0\" "
	    "fill=\"#1f77b4\"/>"));
	assert_non_null(strstr(got, "<polyline points=\"1,2 3.25,4\" "
	    "fill=\"none\" stroke=\"#000000\""));
	assert_non_null(strstr(got, "<polygon points=\"1,2 3,4 5,1\" "
	    "fill=\"#1f77b4\"/>"));
	free(got);
}

/* Writes doc to a temporary file and returns its name (caller unlinks, frees). */
static char *
write_temp(const char *doc)
{
	char *name = strdup("/tmp/test_svg_XXXXXX");
	int fd;
	FILE *f;

	assert_non_null(name);
	fd = mkstemp(name);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	assert_int_equal(fputs(doc, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return name;
}

static int
run(const char *fmt, const char *file)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), fmt, file);
	return system(cmd);
}

static void
check_tools_accept(const char *doc)
{
	char *name = write_temp(doc);

	assert_int_equal(run("xmllint --nonet --noout %s", name), 0);
	/* rsvg-convert 2.54 refuses "-o /dev/null"; the PNG goes to stdout. */
	assert_int_equal(run("rsvg-convert %s >/dev/null", name), 0);
	unlink(name);
	free(name);
}

static void
test_xmllint_and_rsvg_accept_output(void **state)
{
	char *a = render(&typical_info, draw_typical);
	char *b = render(&hostile_info, draw_hostile);

	(void)state;
	check_tools_accept(a);
	check_tools_accept(b);
	free(a);
	free(b);
}

static void
test_typical_drawing_valid_svg11(void **state)
{
	char *doc, *name;

	(void)state;
	if (access(SVG11_DTD, R_OK) != 0) {
		skip();
		return;
	}
	doc = render(&typical_info, draw_typical);
	name = write_temp(doc);
	assert_int_equal(run("xmllint --nonet --noout --dtdvalid "
	    SVG11_DTD " %s", name), 0);
	unlink(name);
	free(name);
	free(doc);
}

static void
test_close_to_full_device_fails(void **state)
{
	struct diags d = {0};
	struct canvas c;
	struct svg *s;
	FILE *f;

	(void)state;
	f = fopen("/dev/full", "w");
	if (f == NULL) {
		skip();
		return;
	}
	s = svg_open(&typical_info, &d);
	assert_non_null(s);
	svg_canvas(s, &c, NULL);
	draw_typical(&c);
	assert_int_equal(svg_close(s, f, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_WRITE_FAILED);
	fclose(f);
	diags_free(&d);
}

static void
test_discard_frees_unfinished(void **state)
{
	struct diags d = {0};
	struct canvas c;
	struct svg *s;
	const struct canvas_stroke st = {black, 1, 1, 0};

	(void)state;
	s = svg_open(&typical_info, &d);
	assert_non_null(s);
	svg_canvas(s, &c, NULL);
	assert_ptr_equal(c.dev, s);
	assert_null(c.fonts);
	c.ops->begin_page(c.dev, 10, 10);
	c.ops->begin_group(c.dev, "half");
	c.ops->line(c.dev, 0, 0, 1, 1, &st);
	svg_discard(s);
	svg_discard(NULL);
	assert_int_equal(d.n, 0);
}

static void
draw_tipped_bar(const struct canvas *c)
{
	const struct canvas_fill fill = {blue, 1};

	c->ops->begin_page(c->dev, 100, 50);
	c->ops->begin_group(c->dev, "bar");
	c->ops->tooltip(c->dev, "With IG, 1024 events/s: <1> & \"2\"");
	c->ops->rect(c->dev, 1, 2, 3, 4, &fill, NULL);
	c->ops->end_group(c->dev);
	c->ops->end_page(c->dev);
}

static void
test_fragment_has_no_declaration_and_is_an_image(void **state)
{
	static const struct svg_info info = {"T", "D", 1};
	char *text = render(&info, draw_tipped_bar);

	(void)state;
	assert_int_equal(strncmp(text, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "role=\"img\" width=\"100\"", 60), 0);
	assert_null(strstr(text, "<?xml"));
	free(text);
}

static void
test_tooltip_is_the_groups_first_child_escaped(void **state)
{
	char *text = render(&typical_info, draw_tipped_bar);

	(void)state;
	assert_non_null(strstr(text, "<g class=\"bar\">\n    <title>With IG, "
	    "1024 events/s: &lt;1&gt; &amp; &quot;2&quot;</title>\n    <rect "));
	free(text);
}

/* Draws fn with info (its fragment field as given); returns the bytes and whether they are inlinable. */
static char *
finish(const struct svg_info *info, draw_fn fn, size_t *len, int *inlinable)
{
	struct svg *s = svg_open(info, NULL);
	struct canvas c;

	assert_non_null(s);
	svg_canvas(s, &c, NULL);
	fn(&c);
	return svg_finish(s, len, inlinable);
}

/* A figure's file and its element in the HTML page: one drawing gives both. */
static void
check_inline_of_file(const char *title, draw_fn fn)
{
	const struct svg_info file_info = {title, "D", 0};
	const struct svg_info element_info = {title, "D", 1};
	size_t flen, elen, ilen;
	int inlinable, element_inlinable;
	char *file = finish(&file_info, fn, &flen, &inlinable);
	char *element = finish(&element_info, fn, &elen, &element_inlinable);
	char *made;

	assert_int_equal(flen, strlen(file));
	assert_true(inlinable);
	assert_false(element_inlinable); /* already an element */
	made = svg_inline(file, flen, &ilen);
	assert_string_equal(made, element);
	assert_int_equal(ilen, elen);
	free(file);
	free(element);
	free(made);
}

static void
test_inline_element_made_from_the_file(void **state)
{
	(void)state;
	check_inline_of_file("T", draw_typical);
	check_inline_of_file("T", draw_tipped_bar);
	/* Text beyond ASCII is the same in both; only attributes differ. */
	check_inline_of_file("\xc2\xb1 <&>", draw_odd_shapes);
}

/* A group name beyond ASCII is a reference in the element, not in the file: drawn again. */
static void
test_file_with_wide_attribute_not_inlinable(void **state)
{
	size_t len;
	int inlinable = 1;
	char *file = finish(&hostile_info, draw_hostile, &len, &inlinable);

	(void)state;
	assert_false(inlinable);
	free(file);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inline_element_made_from_the_file),
		cmocka_unit_test(test_file_with_wide_attribute_not_inlinable),
		cmocka_unit_test(test_fragment_has_no_declaration_and_is_an_image),
		cmocka_unit_test(test_tooltip_is_the_groups_first_child_escaped),
		cmocka_unit_test(test_typical_drawing_exact_document),
		cmocka_unit_test(test_identical_calls_identical_bytes),
		cmocka_unit_test(test_number_formatting),
		cmocka_unit_test(test_number_formatting_extremes),
		cmocka_unit_test(test_sanitize_invalid_utf8),
		cmocka_unit_test(test_sanitize_controls),
		cmocka_unit_test(test_hostile_text_escaped_and_sanitised),
		cmocka_unit_test(test_no_external_references),
		cmocka_unit_test(test_negative_sizes_normalised),
		cmocka_unit_test(test_xmllint_and_rsvg_accept_output),
		cmocka_unit_test(test_typical_drawing_valid_svg11),
		cmocka_unit_test(test_close_to_full_device_fails),
		cmocka_unit_test(test_discard_frees_unfinished),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
