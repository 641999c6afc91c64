/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the PDF back end, checked with qpdf and poppler's tools. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <hpdf.h>
#include <zlib.h>

#include "pdf.h"
#include "pdf_haru.h"
#include "xalloc.h"
#include "zpack.h"

/*
 * The control is dropped; the malformed 0xFF is drawn as U+FFFD, as
 * fonts_text_width measures it; U+1D53E, beyond the BMP that libharu
 * draws, becomes U+FFFD too.
 */
#define ODD_NAME "gadget\x01-naïve-Ω≤☃\xff-\xf0\x9d\x94\xbe"
#define ODD_NAME_CLEAN "gadget-naïve-Ω≤☃\xef\xbf\xbd-\xef\xbf\xbd"
#define CSV_DATA "gadget,rate,cpu\ntrace_exec,100,1.5\n"

/* The fonts of the source tree, built by hand: only paths are needed. */
static struct fonts *
test_fonts_at(const char *regular, const char *winansi)
{
	const char *dir = getenv("IGREPORT_SOURCE_DIR");
	struct fonts *f = xcalloc(1, sizeof *f);

	if (dir == NULL)
		dir = ".";
	f->path[FONT_REGULAR] = regular != NULL ? xstrdup(regular)
	    : xasprintf("%s/fonts/DejaVuSans.ttf", dir);
	f->path[FONT_BOLD] = xasprintf("%s/fonts/DejaVuSans-Bold.ttf", dir);
	f->winansi_path = winansi != NULL ? xstrdup(winansi)
	    : xasprintf("%s/fonts/DejaVuSans-WinAnsi.ttf", dir);
	return f;
}

static struct fonts *
test_fonts(const char *regular)
{
	return test_fonts_at(regular, NULL);
}

static void
test_fonts_free(struct fonts *f)
{
	free(f->path[FONT_REGULAR]);
	free(f->path[FONT_BOLD]);
	free(f->winansi_path);
	free(f);
}

static const struct pdf_info test_info = {
	.title = "Benchmark report µs — résumé",
	.subject = "Inspektor Gadget benchmarks",
	.creator = "igreport 0.1.0",
	.epoch = 1704164645, /* 2024-01-02 03:04:05 UTC */
};

static char *
test_tmpname(void)
{
	const char *dir = getenv("TMPDIR");
	char *name = xasprintf("%s/test_pdf.XXXXXX", dir ? dir : "/tmp");
	int fd = mkstemp(name);

	assert_true(fd >= 0);
	close(fd);
	return name;
}

/* Runs a shell command; returns its standard output, status in *status. */
static char *
test_run(int *status, const char *fmt, ...)
{
	char cmd[1024], *out = NULL;
	size_t len = 0, cap = 0, n;
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	f = popen(cmd, "r");
	assert_non_null(f);
	do {
		xgrow((void **)&out, &cap, len + 4097, 1);
		n = fread(out + len, 1, 4096, f);
		len += n;
	} while (n > 0);
	out[len] = '\0';
	*status = pclose(f);
	if (*status == -1 || !WIFEXITED(*status))
		fail_msg("command did not run: %s", cmd);
	*status = WEXITSTATUS(*status);
	if (*status == 127)
		fail_msg("tool missing (install qpdf / poppler-utils): %s", cmd);
	return out;
}

/* Closes p into file name (/dev/null when NULL); pdf_close must return want. */
static void
test_close(struct pdf *p, const char *name, int want, struct diags *d)
{
	FILE *fp = fopen(name != NULL ? name : "/dev/null", "wb");

	assert_non_null(fp);
	assert_int_equal(pdf_close(p, fp, d), want);
	assert_int_equal(fclose(fp), 0);
}

static void
test_page1(const struct canvas *c)
{
	struct canvas_fill blue = {{0x1f, 0x77, 0xb4}, 0.5};
	struct canvas_fill half = {{0xff, 0x7f, 0x0e}, 0.5};
	struct canvas_stroke dashed = {{0, 0, 0}, 1.0, 0.25, 1};
	struct canvas_stroke solid = {{0x33, 0x33, 0x33}, 0.5, 1, 0};
	struct canvas_text left = {FONT_REGULAR, 12, {0, 0, 0}, CANVAS_LEFT, 0};
	struct canvas_text centre = {FONT_REGULAR, 12, {0, 0, 0},
	    CANVAS_CENTER, 0};
	struct canvas_text right = {FONT_REGULAR, 12, {0, 0, 0}, CANVAS_RIGHT, 0};
	struct canvas_text vert = {FONT_REGULAR, 10, {0, 0, 0}, CANVAS_CENTER, 1};
	struct canvas_text bold = {FONT_BOLD, 16, {0x21, 0x96, 0xf3},
	    CANVAS_LEFT, 0};

	c->ops->begin_page(c->dev, 595, 842);
	c->ops->begin_group(c->dev, "chart");
	c->ops->rect(c->dev, 100, 400, 30, 200, &blue, NULL);
	c->ops->rect(c->dev, 140, 450, 30, 150, &half, &solid);
	c->ops->rect(c->dev, 180, 500, 30, 100, &blue, &dashed);
	c->ops->rect(c->dev, 220, 500, 30, 100, NULL, &solid);
	c->ops->line(c->dev, 100, 380, 300, 380, &dashed);
	c->ops->line(c->dev, 100, 620, 300, 620, &solid);
	c->ops->end_group(c->dev);
	c->ops->text(c->dev, 72, 100, "Leftaligned", &left);
	c->ops->text(c->dev, 297.5, 200, "Centred ±µ—é", &centre);
	c->ops->text(c->dev, 523, 300, "Rightedge", &right);
	c->ops->text(c->dev, 40, 500, "Verticalaxis", &vert);
	c->ops->text(c->dev, 72, 60, "Bold heading", &bold);
	c->ops->end_page(c->dev);
}

static void
test_page2(const struct canvas *c)
{
	struct canvas_text left = {FONT_REGULAR, 9, {0, 0, 0}, CANVAS_LEFT, 0};
	struct canvas_text bold = {FONT_BOLD, 9, {0, 0, 0}, CANVAS_LEFT, 0};
	struct canvas_fill grey = {{0xf3, 0xf3, 0xf3}, 1};
	char cell[64];
	int r;

	c->ops->begin_page(c->dev, 842, 595);
	c->ops->text(c->dev, 72, 60, ODD_NAME, &bold);
	for (r = 0; r < 30; r++) {
		if (r % 2 == 0)
			c->ops->rect(c->dev, 70, 80 + r * 14, 700, 14, &grey,
			    NULL);
		snprintf(cell, sizeof cell, "row%d %d.%03d ± %d µs", r, r * 7,
		    r * 37 % 1000, r);
		c->ops->text(c->dev, 72, 90 + r * 14, cell, &left);
	}
	c->ops->end_page(c->dev);
	c->ops->begin_page(c->dev, 595, 842);
	c->ops->text(c->dev, 72, 72, "Third page", &left);
	c->ops->end_page(c->dev);
}

/* Writes the test document to a new temporary file; returns its name. */
static char *
test_make_doc(void)
{
	struct fonts *f = test_fonts(NULL);
	struct diags d = {0};
	struct canvas c;
	struct pdf *p;
	char *name = test_tmpname();

	p = pdf_open(f, &test_info, &d);
	assert_non_null(p);
	pdf_canvas(p, &c);
	assert_ptr_equal(c.fonts, f);
	test_page1(&c);
	test_page2(&c);
	assert_int_equal(pdf_attach(p, "results.csv",
	    (const unsigned char *)CSV_DATA, strlen(CSV_DATA), &d), 0);
	test_close(p, name, 0, &d);
	assert_int_equal(d.n, 0);
	test_fonts_free(f);
	return name;
}

/* Collapses runs of spaces, so column alignment in tool output does not matter. */
static char *
test_squeeze(char *s)
{
	char *r = s, *w = s;

	for (; *r != '\0'; r++)
		if (*r != ' ' || w == s || w[-1] != ' ')
			*w++ = *r;
	*w = '\0';
	return s;
}

static char *
test_slurp(const char *name, size_t *len)
{
	FILE *f = fopen(name, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void
test_document_passes_qpdf_check(void **state)
{
	char *name = test_make_doc(), *out;
	int status;

	(void)state;
	out = test_run(&status, "qpdf --check '%s' 2>&1", name);
	if (status != 0)
		fail_msg("qpdf --check exit %d:\n%s", status, out);
	assert_non_null(strstr(out, "No syntax or stream encoding errors"));
	free(out);
	unlink(name);
	free(name);
}

/* The pdffonts lines naming DejaVu, squeezed, joined by newlines. */
static char *
test_dejavu_fonts(const char *name, int *count)
{
	char *out, *line, *fonts = xstrdup("");
	int status;

	out = test_run(&status, "pdffonts '%s' 2>/dev/null", name);
	assert_int_equal(status, 0);
	*count = 0;
	for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		char *joined;

		if (strstr(line, "DejaVuSans") == NULL)
			continue;
		(*count)++;
		joined = xasprintf("%s%s\n", fonts, test_squeeze(line));
		free(fonts);
		fonts = joined;
	}
	free(out);
	return fonts;
}

static void
test_font_is_embedded(void **state)
{
	char *name = test_make_doc(), *fonts;
	int count;

	(void)state;
	fonts = test_dejavu_fonts(name, &count);
	/*
	 * Synthetic bold: no bold font (see pdf.c). Windows-1252 text uses the
	 * small WinAnsi font; page 2's "Ω≤☃" needs the whole font, as CID.
	 */
	assert_int_equal(count, 2);
	if (strstr(fonts, "DejaVuSans-WinAnsi,Book TrueType WinAnsi yes yes") ==
	    NULL || strstr(fonts, "CID TrueType Identity-H yes yes yes") == NULL)
		fail_msg("fonts not embedded as expected:\n%s", fonts);
	free(fonts);
	unlink(name);
	free(name);
}

/* Draws one page of text in the test fonts and returns the file's name. */
static char *
test_text_doc(const char *text)
{
	struct fonts *f = test_fonts(NULL);
	struct canvas_text left = {FONT_REGULAR, 12, {0, 0, 0}, CANVAS_LEFT, 0};
	struct diags d = {0};
	struct canvas c;
	struct pdf *p = pdf_open(f, &test_info, &d);
	char *name = test_tmpname();

	assert_non_null(p);
	pdf_canvas(p, &c);
	c.ops->begin_page(c.dev, 595, 842);
	c.ops->text(c.dev, 72, 100, text, &left);
	c.ops->end_page(c.dev);
	test_close(p, name, 0, &d);
	assert_int_equal(d.n, 0);
	test_fonts_free(f);
	return name;
}

static void
test_windows_1252_text_needs_only_the_small_font(void **state)
{
	/* Every character Windows-1252 has beyond Latin-1 (0x80 to 0x9F). */
#define TEST_C1 "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
	static const char c1[] = TEST_C1;
	char *name = test_text_doc("Mean ± CI – café Ünïcödé " TEST_C1);
	char *fonts, *out;
	int count, status;

	(void)state;
	fonts = test_dejavu_fonts(name, &count);
	assert_int_equal(count, 1);
	assert_non_null(strstr(fonts, "DejaVuSans-WinAnsi,Book TrueType WinAnsi yes yes"));
	out = test_run(&status, "pdftotext -enc UTF-8 '%s' - 2>/dev/null", name);
	assert_int_equal(status, 0);
	if (strstr(out, "Mean ± CI – café Ünïcödé") == NULL ||
	    strstr(out, c1) == NULL)
		fail_msg("text did not read back:\n%s", out);
	free(out);
	free(fonts);
	unlink(name);
	free(name);
}

static void
test_other_text_uses_the_whole_font(void **state)
{
	char *name = test_text_doc("Greek Δelta, ▲ and ≥");
	char *fonts, *out;
	int count, status;

	(void)state;
	fonts = test_dejavu_fonts(name, &count);
	assert_int_equal(count, 1);
	assert_non_null(strstr(fonts, "CID TrueType Identity-H"));
	out = test_run(&status, "pdftotext -enc UTF-8 '%s' - 2>/dev/null", name);
	assert_int_equal(status, 0);
	if (strstr(out, "Δelta,") == NULL || strstr(out, "▲") == NULL ||
	    strstr(out, "≥") == NULL)
		fail_msg("text did not read back:\n%s", out);
	free(out);
	free(fonts);
	unlink(name);
	free(name);
}

/*
 * The whole font's ToUnicode map is one (libharu 2.3.0 writes its
 * encoding CMap there, which poppler warns about on every use): a
 * bfrange per run of drawn characters, and poppler says nothing.
 */
static void
test_whole_font_has_a_to_unicode_map(void **state)
{
	char *name = test_text_doc("▲ Δ µ±"), *out;
	int status;

	(void)state;
	out = test_run(&status, "pdftotext '%s' /dev/null 2>&1; pdffonts '%s' "
	    "2>&1 >/dev/null", name, name);
	if (status != 0 || *out != '\0')
		fail_msg("poppler says:\n%s", out);
	free(out);
	out = test_run(&status, "qpdf --qdf --object-streams=disable '%s' - | "
	    "sed -n '/begincmap/,/endcmap/p'", name);
	assert_null(strstr(out, "cidrange"));
	if (strstr(out, "/Ordering (UCS)") == NULL ||
	    strstr(out, "5 beginbfrange\n<0020> <0020> <0020>\n"
	    "<00B1> <00B1> <00B1>\n<00B5> <00B5> <00B5>\n"
	    "<0394> <0394> <0394>\n<25B2> <25B2> <25B2>\nendbfrange\n") == NULL)
		fail_msg("not the ToUnicode map expected:\n%s", out);
	free(out);
	unlink(name);
	free(name);
}

/*
 * Bookmarks nest under the last entry a level up and open the outline
 * with the document; a link may point at an anchor of a later page, and
 * one to an anchor never set is left out.
 */
static void
test_outline_and_links(void **state)
{
	struct fonts *f = test_fonts(NULL);
	struct diags d = {0};
	struct canvas c;
	struct pdf *p = pdf_open(f, &test_info, &d);
	char *name = test_tmpname(), *out;
	int status;

	(void)state;
	assert_non_null(p);
	pdf_canvas(p, &c);
	c.ops->begin_page(c.dev, 600, 800);
	c.ops->bookmark(c.dev, 1, "Cover", NULL, 36);
	c.ops->link(c.dev, 50, 100, 200, 20, "gadget-b");
	c.ops->link(c.dev, 50, 120, 200, 20, "nowhere");
	c.ops->end_page(c.dev);
	c.ops->begin_page(c.dev, 600, 800);
	c.ops->bookmark(c.dev, 1, "Gadget Ω", "gadget-b", 36);
	c.ops->bookmark(c.dev, 2, "Figure", "gadget-b-fig", 400);
	c.ops->end_page(c.dev);
	test_close(p, name, 0, &d);
	assert_int_equal(d.n, 0);
	out = test_run(&status, "mutool show '%s' outline", name);
	assert_int_equal(status, 0);
	assert_string_equal(out, "|\t\"Cover\"\t#page=1&view=FitH,36\n"
	    "-\t\"Gadget Ω\"\t#page=2&view=FitH,36\n"
	    "|\t\t\"Figure\"\t#page=2&view=FitH,400\n");
	free(out);
	out = test_run(&status, "mutool show '%s' trailer/Root/PageMode "
	    "pages/1/Annots pages/1/Annots/1/Rect pages/1/Annots/1/Border "
	    "pages/1/Annots/1/Dest pages/2 | sed 's/ 0 R/R/g; s/ 0 obj//'",
	    name);
	assert_int_equal(status, 0);
	if (strstr(out, "/UseOutlines\n") == NULL ||
	    strstr(out, "[ 50 680 250 700 ]\n[ 0 0 0 ]\n") == NULL)
		fail_msg("not the catalogue and link expected:\n%s", out);
	free(out);
	/* One annotation, going to page 2's top. */
	out = test_run(&status, "f='%s'; n=$(mutool show \"$f\" pages/1/Annots "
	    "| wc -w); p=$(mutool show \"$f\" pages/2 | sed -n '1s/ 0 obj//p'); "
	    "[ $n = 5 ] && mutool show \"$f\" pages/1/Annots/1/Dest | grep -Fx "
	    "\"[ $p 0 R /FitH 764 ]\"", name);
	if (status != 0)
		fail_msg("the link does not go to page 2's top");
	free(out);
	unlink(name);
	free(name);
	test_fonts_free(f);
}

static void
test_text_extracts(void **state)
{
	static const char *const want[] = {"Leftaligned", "Centred ±µ—é",
	    "Rightedge", "Verticalaxis", "Bold heading", ODD_NAME_CLEAN,
	    "row29 203.073 ± 29 µs", "Third page"};
	char *name = test_make_doc(), *out;
	int status;
	size_t i;

	(void)state;
	out = test_run(&status, "pdftotext '%s' - 2>/dev/null", name);
	assert_int_equal(status, 0);
	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		if (strstr(out, want[i]) == NULL)
			fail_msg("'%s' missing from:\n%s", want[i], out);
	assert_null(strchr(out, '\x01'));
	free(out);
	unlink(name);
	free(name);
}

/* Reads a word's box (top-left origin) from pdftotext -bbox output. */
static void
test_word_box(const char *bbox, const char *word, double box[4])
{
	char key[128];
	const char *s;

	snprintf(key, sizeof key, ">%s</word>", word);
	s = strstr(bbox, key);
	if (s == NULL)
		fail_msg("word %s not in bbox output", word);
	while (s > bbox && strncmp(s, "<word", 5) != 0)
		s--;
	if (sscanf(s, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
		&box[0], &box[1], &box[2], &box[3]) != 4)
		fail_msg("cannot parse box of %s", word);
}

static void
test_near(double got, double want, double tol, const char *what)
{
	if (fabs(got - want) > tol)
		fail_msg("%s: got %.3f, want %.3f +- %.1f", what, got, want, tol);
}

static void
test_text_positions_follow_alignment(void **state)
{
	char *name = test_make_doc(), *out;
	double b[4];
	int status;

	(void)state;
	out = test_run(&status, "pdftotext -f 1 -l 1 -bbox '%s' - 2>/dev/null",
	    name);
	assert_int_equal(status, 0);
	/* y grows downwards in both canvas and bbox; y is the baseline. */
	test_word_box(out, "Leftaligned", b);
	test_near(b[0], 72, 1, "left xMin");
	test_near(b[1], 100 - 12 * 0.93, 3, "left yMin");
	test_word_box(out, "Rightedge", b);
	test_near(b[2], 523, 1, "right xMax");
	test_word_box(out, "Centred", b);
	assert_true(b[0] < 297.5 - 20);
	test_word_box(out, "Verticalaxis", b);
	/* Rotated counter-clockwise: centred on y = 500, glyphs left of x. */
	test_near((b[1] + b[3]) / 2, 500, 1.5, "vertical centre");
	assert_true(b[2] <= 40 + 3 && b[0] < 40 - 5);
	assert_true(b[3] - b[1] > b[2] - b[0]);
	free(out);
	unlink(name);
	free(name);
}

static void
test_attachment_has_base_name(void **state)
{
	char *name = test_make_doc(), *out, *saved, *data;
	int status;
	size_t len;

	(void)state;
	out = test_run(&status, "pdfdetach -list '%s' 2>/dev/null", name);
	assert_int_equal(status, 0);
	assert_string_equal(out, "1 embedded files\n1: results.csv\n");
	free(out);
	saved = test_tmpname();
	out = test_run(&status, "pdfdetach -save 1 -o '%s' '%s' 2>/dev/null",
	    saved, name);
	assert_int_equal(status, 0);
	data = test_slurp(saved, &len);
	assert_string_equal(data, CSV_DATA);
	free(data);
	free(out);
	out = test_run(&status,
	    "qpdf --qdf --object-streams=disable '%s' - 2>/dev/null", name);
	assert_non_null(strstr(out, "/Subtype /text#2fcsv"));
	assert_non_null(strstr(out, "/Type /Filespec"));
	free(out);
	unlink(saved);
	free(saved);
	unlink(name);
	free(name);
}

static void
test_info_has_metadata(void **state)
{
	char *name = test_make_doc(), *out;
	int status;

	(void)state;
	out = test_run(&status, "pdfinfo -isodates '%s' 2>/dev/null", name);
	assert_int_equal(status, 0);
	test_squeeze(out);
	if (strstr(out, "Title: Benchmark report µs — résumé\n") ==
		NULL ||
	    strstr(out, "Subject: Inspektor Gadget benchmarks\n") ==
		NULL ||
	    strstr(out, "Creator: igreport 0.1.0\n") == NULL ||
	    strstr(out, "Producer: Haru Free PDF Library") == NULL ||
	    strstr(out, "CreationDate: 2024-01-02T03:04:05Z\n") == NULL ||
	    strstr(out, "ModDate: 2024-01-02T03:04:05Z\n") == NULL ||
	    strstr(out, "Pages: 3\n") == NULL)
		fail_msg("unexpected pdfinfo output:\n%s", out);
	free(out);
	out = test_run(&status, "pdfinfo -f 1 -l 2 '%s' 2>/dev/null", name);
	test_squeeze(out);
	if (strstr(out, "Page 1 size: 595 x 842 pts") == NULL ||
	    strstr(out, "Page 2 size: 842 x 595 pts") == NULL)
		fail_msg("unexpected page sizes:\n%s", out);
	free(out);
	unlink(name);
	free(name);
}

/* ASCII strings skip libharu's UTF-8 encoder (see pdf.c); both kinds read back. */
static void
test_ascii_and_other_strings_read_back(void **state)
{
	static const struct pdf_info info = {"Plain title", NULL, "igreport",
	    1704164645};
	struct fonts *f = test_fonts(NULL);
	struct diags d = {0};
	struct canvas c;
	struct pdf *p = pdf_open(f, &info, &d);
	char *name = test_tmpname(), *out;
	int status;

	(void)state;
	assert_non_null(p);
	pdf_canvas(p, &c);
	test_page1(&c);
	assert_int_equal(pdf_attach(p, "plain.csv", (const unsigned char *)"a\n",
	    2, &d), 0);
	assert_int_equal(pdf_attach(p, "naïve-Ω.csv",
	    (const unsigned char *)"b\n", 2, &d), 0);
	test_close(p, name, 0, &d);
	assert_int_equal(d.n, 0);
	out = test_run(&status, "pdfinfo '%s' 2>/dev/null", name);
	test_squeeze(out);
	if (strstr(out, "Title: Plain title\n") == NULL ||
	    strstr(out, "Creator: igreport\n") == NULL)
		fail_msg("unexpected pdfinfo output:\n%s", out);
	free(out);
	out = test_run(&status, "pdfdetach -list '%s' 2>/dev/null", name);
	/* The name tree lists its keys sorted by bytes. */
	if (strstr(out, "1: naïve-Ω.csv\n") == NULL ||
	    strstr(out, "2: plain.csv\n") == NULL)
		fail_msg("unexpected attachments:\n%s", out);
	free(out);
	unlink(name);
	free(name);
	test_fonts_free(f);
}

/* A zpack's stream of pieces, at least two */
static struct zpack *
packed(const char *data, size_t len, size_t times)
{
	struct zpack *z = zpack_start_stream(len * times);
	int err, first;
	size_t i;

	for (i = 0; i < times; i++)
		assert_int_equal(zpack_write(z, data, len), 0);
	assert_int_equal(zpack_finish(z, &err, &first), 0);
	return z;
}

/*
 * Data deflated beforehand (zpack) is embedded as it is, read from its
 * pieces while the document is written, and reads back whole.
 */
static void
test_deflated_attachment_reads_back(void **state)
{
	struct fonts *f = test_fonts(NULL);
	struct diags d = {0};
	struct canvas c;
	struct pdf *p = pdf_open(f, &test_info, &d);
	/* Over one piece (ZPACK_PIECE), so that the stream is read across pieces. */
	size_t times = ZPACK_PIECE / strlen(CSV_DATA) + 2, i, len;
	struct zpack *z = packed(CSV_DATA, strlen(CSV_DATA), times);
	char *name = test_tmpname(), *out;
	int status;

	(void)state;
	assert_non_null(p);
	pdf_canvas(p, &c);
	test_page1(&c);
	assert_int_equal(pdf_attach_packed(p, "packed.csv", z, &d), 0);
	test_close(p, name, 0, &d);
	assert_int_equal(d.n, 0);
	out = test_run(&status, "qpdf --check '%s' >/dev/null 2>&1 && "
	    "pdfdetach -save 1 -o /dev/stdout '%s' 2>/dev/null", name, name);
	assert_int_equal(status, 0);
	len = strlen(CSV_DATA);
	assert_int_equal(strlen(out), len * times);
	for (i = 0; i < times; i++)
		assert_memory_equal(out + i * len, CSV_DATA, len);
	free(out);
	zpack_free(z);
	unlink(name);
	free(name);
	test_fonts_free(f);
}

/* The operators written without libharu (see pdf.c): numbers to 1/1000 point. */
static void
test_content_operators_are_exact(void **state)
{
	struct fonts *f = test_fonts(NULL);
	struct canvas_fill red = {{255, 0, 0}, 1};
	struct canvas_stroke thin = {{0, 0, 255}, 0.25, 1, 1};
	struct canvas_text left = {FONT_REGULAR, 9, {0, 0, 0}, CANVAS_LEFT, 0};
	struct diags d = {0};
	struct canvas c;
	struct pdf *p = pdf_open(f, &test_info, &d);
	char *name = test_tmpname(), *out;
	int status;
	size_t i;
	static const char *const want[] = {
		"1 0 0 rg\n10.5 781.75 30.125 40 re\nf\n",
		"0 0 1 RG\n0.25 w\n[3 2] 0 d\n-1.001 842 m\n1000000 0 l\nS\n",
		/* One text object for a row of texts, each placed relative to the last. */
		"BT\n72 742 Td\n(f\\(x\\) = a\\\\b) Tj\n61.25 -0.001 Td\n(next) Tj\n"
		"ET\n",
		/* A closed path, filled and stroked; an open one is never filled. */
		"1 841 m\n2 840 l\n3 841 l\nh\nB\n",
		"4 838 m\n5 837 l\nS\n",
		/* A stroked circle: four Bezier quarters from its rightmost point. */
		"12 832 m\n12 833.105 11.105 834 10 834 c\n",
		"11.105 830 12 830.895 12 832 c\nh\nB\n",
		/* A filled dot: a round-capped zero-length line as wide as the dot. */
		"1 0 0 RG\n4 w\n[] 0 d\n1 J\n20 832 m\n20 832 l\nS\n",
	};
	const double tri[] = {1, 1, 2, 2, 3, 1}, seg[] = {4, 4, 5, 5};

	(void)state;
	assert_non_null(p);
	pdf_canvas(p, &c);
	c.ops->begin_page(c.dev, 595, 842);
	c.ops->rect(c.dev, 10.5, 20.25, 30.125, 40, &red, NULL);
	c.ops->line(c.dev, -1.0005, 0, 1e6, 842, &thin);
	c.ops->text(c.dev, 72, 100, "f(x) = a\\b", &left);
	c.ops->text(c.dev, 133.25, 100.0006, "next", &left);
	c.ops->path(c.dev, tri, 3, 1, &red, &thin);
	c.ops->path(c.dev, seg, 2, 0, &red, &thin);
	c.ops->circle(c.dev, 10, 10, 2, &red, &thin);
	c.ops->circle(c.dev, 20, 10, 2, &red, NULL);
	c.ops->end_page(c.dev);
	test_close(p, name, 0, &d);
	out = test_run(&status, "qpdf --qdf --object-streams=disable '%s' - "
	    "2>/dev/null", name);
	assert_int_equal(status, 0);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (strstr(out, want[i]) == NULL)
			fail_msg("'%s' not in the content", want[i]);
	free(out);
	out = test_run(&status, "pdftotext '%s' - 2>/dev/null", name);
	assert_non_null(strstr(out, "f(x) = a\\b"));
	free(out);
	unlink(name);
	free(name);
	test_fonts_free(f);
}

static void
test_alpha_states_are_shared(void **state)
{
	char *name = test_make_doc(), *out, *s;
	int status, n = 0;

	(void)state;
	out = test_run(&status,
	    "qpdf --qdf --object-streams=disable '%s' - 2>/dev/null", name);
	for (s = out; (s = strstr(s, "/Type /ExtGState")) != NULL; s++)
		n++;
	/* Pairs used: fill 0.5 (twice), fill 0.5 + stroke 0.25, stroke 0.25. */
	assert_int_equal(n, 3);
	free(out);
	unlink(name);
	free(name);
}

static void
test_two_runs_are_identical(void **state)
{
	char *a = test_make_doc(), *b = test_make_doc(), *da, *db;
	size_t la, lb;

	(void)state;
	da = test_slurp(a, &la);
	db = test_slurp(b, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(da, db, la);
	free(da);
	free(db);
	unlink(a);
	unlink(b);
	free(a);
	free(b);
}

static void
test_missing_font_fails_open(void **state)
{
	struct fonts *f = test_fonts_at(NULL, "/nonexistent/DejaVuSans-WinAnsi.ttf");
	struct diags d = {0};

	(void)state;
	assert_null(pdf_open(f, &test_info, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_OPEN_FAILED);
	assert_string_equal(d.v[0].file, "/nonexistent/DejaVuSans-WinAnsi.ttf");
	assert_string_equal(d.v[0].detail, "No such file or directory");
	diags_free(&d);
	test_fonts_free(f);
}

/* The whole font is read only when text needs it; its absence shows at close. */
static void
test_missing_whole_font_fails_close(void **state)
{
	struct fonts *f = test_fonts("/nonexistent/DejaVuSans.ttf");
	struct canvas_text left = {FONT_REGULAR, 12, {0, 0, 0}, CANVAS_LEFT, 0};
	struct diags d = {0};
	struct canvas c;
	struct pdf *p;

	(void)state;
	p = pdf_open(f, &test_info, &d);
	assert_non_null(p);
	pdf_canvas(p, &c);
	c.ops->begin_page(c.dev, 595, 842);
	c.ops->text(c.dev, 72, 100, "plain", &left);
	c.ops->text(c.dev, 72, 120, "Ω needs the whole font", &left);
	c.ops->end_page(c.dev);
	test_close(p, NULL, -1, &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_OPEN_FAILED);
	assert_string_equal(d.v[0].file, "/nonexistent/DejaVuSans.ttf");
	assert_string_equal(d.v[0].detail, "No such file or directory");
	diags_free(&d);
	test_fonts_free(f);
}

static void
test_close_to_full_disk_fails(void **state)
{
	struct fonts *f = test_fonts(NULL);
	struct diags d = {0};
	struct canvas c;
	struct pdf *p;
	FILE *out;

	(void)state;
	p = pdf_open(f, &test_info, &d);
	assert_non_null(p);
	pdf_canvas(p, &c);
	test_page1(&c);
	out = fopen("/dev/full", "wb");
	assert_non_null(out);
	assert_int_equal(pdf_close(p, out, &d), -1);
	fclose(out);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_WRITE_FAILED);
	assert_string_equal(d.v[0].detail, "No space left on device");
	diags_free(&d);
	test_fonts_free(f);
}

/* The document goes to its stream as it is made: a pipe, which cannot seek, gets a whole file. */
static void
test_close_writes_to_a_pipe(void **state)
{
	struct fonts *f = test_fonts(NULL);
	struct diags d = {0};
	struct canvas c;
	struct pdf *p = pdf_open(f, &test_info, &d);
	char *name = test_tmpname(), *cmd = xasprintf("cat > '%s'", name), *out;
	FILE *pipe;
	int status;

	(void)state;
	assert_non_null(p);
	pdf_canvas(p, &c);
	test_page1(&c);
	assert_int_equal(pdf_attach(p, "results.csv",
	    (const unsigned char *)CSV_DATA, strlen(CSV_DATA), &d), 0);
	assert_non_null(pipe = popen(cmd, "w"));
	assert_int_equal(pdf_close(p, pipe, &d), 0);
	assert_int_equal(pclose(pipe), 0);
	assert_int_equal(d.n, 0);
	out = test_run(&status, "qpdf --check '%s' >/dev/null 2>&1 && "
	    "pdfdetach -save 1 -o /dev/stdout '%s' 2>/dev/null", name, name);
	assert_int_equal(status, 0);
	assert_string_equal(out, CSV_DATA);
	free(out);
	unlink(name);
	free(cmd);
	free(name);
	test_fonts_free(f);
}

static void
test_attach_refuses_directory_name(void **state)
{
	struct fonts *f = test_fonts(NULL);
	struct diags d = {0};
	struct pdf *p;

	(void)state;
	p = pdf_open(f, &test_info, &d);
	assert_non_null(p);
	assert_int_equal(pdf_attach(p, "/home/me/results.csv",
	    (const unsigned char *)"a\n", 2, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_PDF_LIBRARY);
	pdf_discard(p);
	diags_free(&d);
	test_fonts_free(f);
}

static void
test_library_error_is_sticky(void **state)
{
	struct fonts *f = test_fonts(NULL);
	struct diags d = {0};
	struct canvas_text t = {FONT_REGULAR, 12, {0, 0, 0}, CANVAS_LEFT, 0};
	struct canvas c;
	struct pdf *p;

	(void)state;
	p = pdf_open(f, &test_info, &d);
	assert_non_null(p);
	pdf_canvas(p, &c);
	/* libharu refuses a page wider than 14400 points. */
	c.ops->begin_page(c.dev, 20000, 842);
	c.ops->text(c.dev, 10, 10, "after the error", &t);
	c.ops->end_page(c.dev);
	test_close(p, NULL, -1, &d);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_PDF_LIBRARY);
	assert_non_null(strstr(d.v[0].detail, "error 0x"));
	diags_free(&d);
	test_fonts_free(f);
}

static void
test_size_stays_small(void **state)
{
	char *name = test_make_doc(), *data;
	size_t len;

	(void)state;
	data = test_slurp(name, &len);
	/* One compressed UTF-8 font plus three pages: well under 150 KB. */
	if (len > 110 * 1024)
		fail_msg("document is %zu bytes", len);
	free(data);
	unlink(name);
	free(name);
}

/* A document of three pages of operators, as pdf.c writes them; with deflated set, each page deflated here. */
static unsigned char *
haru_pages_doc(int deflated, size_t *len)
{
	HPDF_Doc doc = HPDF_New(NULL, NULL);
	unsigned char *out;
	HPDF_UINT32 n;
	char ops[128];
	int i, k;

	assert_non_null(doc);
	HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
	for (i = 0; i < 3; i++) {
		HPDF_Page page = HPDF_AddPage(doc);

		for (k = 0; k < 400 * (i + 1); k++) {
			snprintf(ops, sizeof(ops), "%d.%03d %d re f\n", k, k * 7 % 1000,
			    i + k % 13);
			assert_int_equal(pdf_haru_page_append(page, ops, strlen(ops)), 0);
		}
		if (deflated) {
			size_t rlen;
			unsigned char *raw = pdf_haru_page_contents(page, &rlen);
			uLongf zlen = compressBound((uLong)rlen);
			unsigned char *z = xmalloc(zlen);

			assert_non_null(raw);
			assert_int_equal(compress2(z, &zlen, raw, (uLong)rlen,
			    Z_DEFAULT_COMPRESSION), Z_OK);
			assert_int_equal(pdf_haru_page_deflated(page, z, zlen), 0);
			free(raw);
			free(z);
		}
	}
	assert_int_equal(HPDF_SaveToStream(doc), HPDF_OK);
	n = HPDF_GetStreamSize(doc);
	out = xmalloc(n);
	*len = n;
	assert_int_equal(HPDF_ReadFromStream(doc, out, &n), HPDF_OK);
	assert_int_equal(n, *len);
	HPDF_Free(doc);
	return out;
}

/* Page contents deflated before the save (on other threads) give libharu's own bytes. */
static void
test_pages_deflated_ahead_same_file(void **state)
{
	size_t a, b;
	unsigned char *own = haru_pages_doc(0, &a);
	unsigned char *ahead = haru_pages_doc(1, &b);

	(void)state;
	assert_int_equal(a, b);
	assert_memory_equal(own, ahead, a);
	free(own);
	free(ahead);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_deflated_ahead_same_file),
		cmocka_unit_test(test_document_passes_qpdf_check),
		cmocka_unit_test(test_font_is_embedded),
		cmocka_unit_test(test_windows_1252_text_needs_only_the_small_font),
		cmocka_unit_test(test_other_text_uses_the_whole_font),
		cmocka_unit_test(test_whole_font_has_a_to_unicode_map),
		cmocka_unit_test(test_outline_and_links),
		cmocka_unit_test(test_text_extracts),
		cmocka_unit_test(test_text_positions_follow_alignment),
		cmocka_unit_test(test_attachment_has_base_name),
		cmocka_unit_test(test_info_has_metadata),
		cmocka_unit_test(test_ascii_and_other_strings_read_back),
		cmocka_unit_test(test_deflated_attachment_reads_back),
		cmocka_unit_test(test_content_operators_are_exact),
		cmocka_unit_test(test_alpha_states_are_shared),
		cmocka_unit_test(test_two_runs_are_identical),
		cmocka_unit_test(test_missing_font_fails_open),
		cmocka_unit_test(test_missing_whole_font_fails_close),
		cmocka_unit_test(test_close_to_full_disk_fails),
		cmocka_unit_test(test_close_writes_to_a_pipe),
		cmocka_unit_test(test_attach_refuses_directory_name),
		cmocka_unit_test(test_library_error_is_sticky),
		cmocka_unit_test(test_size_stays_small),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
