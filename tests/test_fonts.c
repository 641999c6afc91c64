/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the TrueType metrics reader. */
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "canvas.h"
#include "fonts.h"
#include "recording_canvas.h"
#include "svg.h"
#include "xalloc.h"

static int
setup(void **state)
{
	*state = recording_fonts_load();
	return *state == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	fonts_free(*state);
	return 0;
}

/* Expected values computed independently from hmtx/cmap with python3 struct. */
static void
test_widths_match_hmtx(void **state)
{
	const struct fonts *f = *state;

	testutil_check_close(fonts_text_width(f, FONT_REGULAR, 9, "Events per Second"),
	    84.26513671875, 1e-9, "regular 9");
	testutil_check_close(fonts_text_width(f, FONT_REGULAR, 16, "12.34"), 45.8046875,
	    1e-9, "regular 16");
	testutil_check_close(fonts_text_width(f, FONT_BOLD, 9, "With IG"),
	    37.5908203125, 1e-9, "bold 9");
	testutil_check_close(fonts_text_width(f, FONT_REGULAR, 9, "\xc2\xb1 \xc2\xb5\xe2\x80\x93"),
	    20.6279296875, 1e-9, "non-ASCII");
	testutil_check_close(fonts_text_width(f, FONT_REGULAR, 9, ""), 0, 0, "empty");
}

/* A text measures as the sum of its characters, ASCII and not, however they alternate. */
static void
test_mixed_text_is_the_sum_of_its_characters(void **state)
{
	static const char *const chars[] = { "a", "W", " ", "\x7f", "\x01", "\xc2\xb1",
		"\xe2\x80\x93", "\xf0\x9d\x94\xbe", "\xff", "9" };
	const struct fonts *f = *state;
	char text[256] = "";
	double sum = 0;
	size_t i;

	for (i = 0; i < 40; i++) {
		const char *c = chars[(i * 7) % (sizeof(chars) / sizeof(chars[0]))];

		strcat(text, c);
		sum += fonts_text_width(f, FONT_REGULAR, 10, c);
	}
	testutil_check_close(fonts_text_width(f, FONT_REGULAR, 10, text), sum,
	    1e-9, "sum of characters");
}

static void
test_ascent_descent(void **state)
{
	const struct fonts *f = *state;

	testutil_check_close(fonts_ascent(f, FONT_REGULAR, 2048), 1901, 1e-9, "ascent");
	testutil_check_close(fonts_descent(f, FONT_BOLD, 2048), -483, 1e-9, "descent");
}

static void
test_invalid_utf8_counts_as_replacement(void **state)
{
	const struct fonts *f = *state;
	double r = fonts_text_width(f, FONT_REGULAR, 16, "\xef\xbf\xbd");

	testutil_check_close(r, 16.40625, 1e-9, "U+FFFD");
	testutil_check_close(fonts_text_width(f, FONT_REGULAR, 16, "\xff"), r, 1e-9, "0xff");
	/* An overlong '/' and a lone surrogate are malformed, byte by byte. */
	testutil_check_close(fonts_text_width(f, FONT_REGULAR, 16, "\xc0\xaf"), 2 * r,
	    1e-9, "overlong");
	testutil_check_close(fonts_text_width(f, FONT_REGULAR, 16, "\xed\xa0\x80"), 3 * r,
	    1e-9, "surrogate");
	/* A sequence cut short by the terminator. */
	testutil_check_close(fonts_text_width(f, FONT_REGULAR, 16, "\xe2\x80"), 2 * r,
	    1e-9, "truncated");
}

/*
 * Measuring and drawing decode alike: malformed text measures as wide as
 * what the SVG back end writes for it (no controls here, which SVG drops).
 */
static void
test_malformed_text_measures_as_svg_draws_it(void **state)
{
	static const char *const text[] = { "a\xff" "b", "\xe2\x82" "c",
		"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "x\xf0\x9f\x98",
		"\x80\xbf\xc3\xa9" };
	const struct fonts *f = *state;
	size_t i;

	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		char *drawn = svg_sanitize(text[i], 0);

		testutil_check_close(fonts_text_width(f, FONT_REGULAR, 16, text[i]),
		    fonts_text_width(f, FONT_REGULAR, 16, drawn), 1e-9, text[i]);
		free(drawn);
	}
}

static void
test_unmapped_character_uses_missing_glyph(void **state)
{
	const struct fonts *f = *state;
	/* U+E000 (private use) is not in DejaVu Sans: glyph 0, advance 1229 units. */
	double w = fonts_text_width(f, FONT_REGULAR, 2048, "\xee\x80\x80");

	testutil_check_close(w, 1229, 1e-9, "missing glyph");
}

static void
test_canvas_text_width_uses_style(void **state)
{
	struct recording_canvas *rc = recording_canvas_new(*state);
	struct canvas_text st = {FONT_BOLD, 9, {0, 0, 0}, CANVAS_LEFT, 1};

	testutil_check_close(canvas_text_width(&rc->canvas, "12.34", &st), 28.4677734375,
	    1e-9, "bold via canvas");
	recording_canvas_free(rc);
}

static void
hpdf_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
	(void)detail;
	(void)user;
	fail_msg("libharu error 0x%04x", (unsigned)e);
}

/* libharu truncates each advance to 1/1000 em: allow that much per character. */
static void
test_widths_agree_with_libharu(void **state)
{
	static const char *const s[] = {"Events per Second", "1394.83",
	    "CPU Usage (with 95% CI)", "Mem \xc2\xb1 12 \xe2\x80\x93 \xc2\xb5s"};
	const struct fonts *f = *state;
	HPDF_Doc pdf = HPDF_New(hpdf_error, NULL);
	const char *name;
	HPDF_Font font;
	size_t i;

	assert_non_null(pdf);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	name = HPDF_LoadTTFontFromFile(pdf, f->path[FONT_REGULAR], HPDF_TRUE);
	font = HPDF_GetFont(pdf, name, "UTF-8");
	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s[i],
		    (HPDF_UINT)strlen(s[i]));
		double want = tw.width * 10.0 / 1000;

		testutil_check_close(fonts_text_width(f, FONT_REGULAR, 10, s[i]), want,
		    0.01 * (double)tw.numchars, s[i]);
	}
	HPDF_Free(pdf);
}

/*
 * The PDF draws Windows-1252 text with DejaVuSans-WinAnsi.ttf while layout
 * measures DejaVuSans.ttf: every one of its characters must be as wide in
 * both, or centred and right-aligned PDF text would drift.
 */
static void
test_winansi_font_has_the_same_widths(void **state)
{
	const struct fonts *f = *state;
	HPDF_Doc pdf = HPDF_New(hpdf_error, NULL);
	const char *name;
	HPDF_Font font;
	unsigned byte;
	int checked = 0;

	assert_non_null(pdf);
	assert_non_null(strstr(f->winansi_path, "/DejaVuSans-WinAnsi.ttf"));
	name = HPDF_LoadTTFontFromFile(pdf, f->winansi_path, HPDF_TRUE);
	assert_string_equal(name, "DejaVuSans-WinAnsi,Book");
	font = HPDF_GetFont(pdf, name, "WinAnsiEncoding");
	for (byte = 0x20; byte <= 0xff; byte++) {
		HPDF_BYTE one = (HPDF_BYTE)byte;
		HPDF_UNICODE u = HPDF_Encoder_GetUnicode(HPDF_GetEncoder(pdf,
		    "WinAnsiEncoding"), one);
		char utf8[4] = {0};
		HPDF_TextWidth tw;

		if (u == 0 || u == 0x7f || (byte >= 0x80 && byte < 0xa0 &&
		    u == byte))
			continue; /* unassigned in Windows-1252 */
		if (u < 0x80) {
			utf8[0] = (char)u;
		} else if (u < 0x800) {
			utf8[0] = (char)(0xc0 | u >> 6);
			utf8[1] = (char)(0x80 | (u & 0x3f));
		} else {
			utf8[0] = (char)(0xe0 | u >> 12);
			utf8[1] = (char)(0x80 | (u >> 6 & 0x3f));
			utf8[2] = (char)(0x80 | (u & 0x3f));
		}
		tw = HPDF_Font_TextWidth(font, &one, 1);
		testutil_check_close(fonts_text_width(f, FONT_REGULAR, 1000, utf8),
		    tw.width, 1.0, utf8);
		checked++;
	}
	assert_true(checked >= 214);
	HPDF_Free(pdf);
}

static void
test_missing_directory_is_open_failed(void **state)
{
	struct diags d = {0};

	(void)state;
	assert_null(fonts_load("/nonexistent-igreport-dir", &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_OPEN_FAILED);
	assert_non_null(strstr(d.v[0].file, "DejaVuSans.ttf"));
	diags_free(&d);
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = xmalloc((size_t)n);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static void
write_pair(const char *dir, const unsigned char *p, size_t len)
{
	static const char *const names[] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"};
	size_t i;

	for (i = 0; i < 2; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		FILE *fp = fopen(path, "wb");

		assert_non_null(fp);
		assert_int_equal(fwrite(p, 1, len, fp), len);
		fclose(fp);
		free(path);
	}
}

/* Loads a damaged copy; success or a D_READ_FAILED are both fine, a crash is not. */
static void
load_damaged(const char *dir, const unsigned char *p, size_t len)
{
	struct diags d = {0};
	struct fonts *f;

	write_pair(dir, p, len);
	f = fonts_load(dir, &d);
	if (f != NULL) {
		(void)fonts_text_width(f, FONT_REGULAR, 9, "Az\xc3\xa9\xf0\x9f\x98\x80");
		fonts_free(f);
	} else {
		assert_int_equal(d.v[0].code, D_READ_FAILED);
	}
	diags_free(&d);
}

static void
test_damaged_fonts_do_not_crash(void **state)
{
	char tmpl[] = "/tmp/igreport-fonts-XXXXXX";
	const struct fonts *f = *state;
	unsigned char *orig, *copy;
	size_t len, cut, i;
	char *rm;

	assert_non_null(mkdtemp(tmpl));
	orig = slurp(f->path[FONT_REGULAR], &len);
	copy = xmalloc(len);
	for (cut = 0; cut < 4096; cut += 37)
		load_damaged(tmpl, orig, cut);
	for (cut = 4096; cut < len; cut += len / 23)
		load_damaged(tmpl, orig, cut);
	/* Scribble over the table directory and the start of the tables. */
	srand(1);
	for (i = 0; i < 200; i++) {
		size_t k;

		memcpy(copy, orig, len);
		for (k = 0; k < 8; k++)
			copy[(size_t)rand() % 600] = (unsigned char)rand();
		load_damaged(tmpl, copy, len);
	}
	free(orig);
	free(copy);
	rm = xasprintf("rm -rf '%s'", tmpl);
	assert_int_equal(system(rm), 0);
	free(rm);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths_match_hmtx),
		cmocka_unit_test(test_mixed_text_is_the_sum_of_its_characters),
		cmocka_unit_test(test_ascent_descent),
		cmocka_unit_test(test_invalid_utf8_counts_as_replacement),
		cmocka_unit_test(test_malformed_text_measures_as_svg_draws_it),
		cmocka_unit_test(test_unmapped_character_uses_missing_glyph),
		cmocka_unit_test(test_canvas_text_width_uses_style),
		cmocka_unit_test(test_widths_agree_with_libharu),
		cmocka_unit_test(test_winansi_font_has_the_same_widths),
		cmocka_unit_test(test_missing_directory_is_open_failed),
		cmocka_unit_test(test_damaged_fonts_do_not_crash),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
