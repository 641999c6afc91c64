/* SPDX-License-Identifier: Apache-2.0 */
/* The PDF back end: canvas calls drawn with libharu 2.3.0, deterministic and compressed. */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>

#include "pdf.h"
#include "pdf_haru.h"
#include "utf8.h"
#include "xalloc.h"
#include "zbatch.h"

/*
 * Fonts, file size and speed. With libharu 2.3.0 an embedded TrueType font
 * in UTF-8 (CID) mode costs about 75 KB compressed whatever the text (the
 * subset keeps every table but glyf whole, plus a full CIDToGIDMap and an
 * uncompressed /W array), and 10 to 15 ms to make (it looks up all 65536
 * BMP code points in DejaVu's cmap one segment at a time) plus 7 or so to
 * save. A WinAnsi (single-byte) font costs about 50 KB from the whole
 * DejaVu file, or 13 KB (the sample report) and under 1 ms from
 * DejaVuSans-WinAnsi.ttf, DejaVu cut down to the characters of
 * Windows-1252. So text that Windows-1252 can spell (all of
 * a usual report: ASCII, "±", "–", accented Latin) is drawn with that
 * small font, and the whole font in UTF-8 mode is loaded only for the first
 * text that needs it (Greek, "▲", U+FFFD...), keeping every BMP character.
 * Bold is not a second font (measured on a 9-page report: regular + bold
 * both UTF-8 191 KB, synthetic bold 105 KB): bold text is filled then
 * stroked in its own colour with a thin line, so it is a little narrower
 * than DejaVu Sans Bold; alignment measures what is actually drawn.
 */
#define PDF_BOLD_STROKE 0.045 /* stroke width of synthetic bold, in ems */

/* Code points of the Basic Multilingual Plane, all that libharu's UTF-8 encoding draws. */
#define PDF_BMP 0x10000u

/* Alpha values are compared at this resolution to share ExtGStates. */
#define PDF_ALPHA_STEPS 1000u

struct pdf_alpha {
	unsigned fill, stroke; /* in 1/PDF_ALPHA_STEPS */
	HPDF_ExtGState gs;
};

/* Outline levels: a section, and the figures and tables in it. */
#define PDF_OUTLINE_LEVELS 4

/* Where a bookmark with an anchor points: a page and the top of its view, PDF units. */
struct pdf_anchor {
	char *name;
	size_t page;
	double top;
};

/* A link area on a page, to the anchor named, resolved at close. */
struct pdf_link {
	char *anchor;
	size_t page;
	HPDF_Rect rect;
};

/* The graphics and text state the current page's content stream has set. */
struct pdf_state {
	struct canvas_color fill, stroke;
	double line_width;
	int dashed;
	int round_cap;                     /* 1 J (dots) rather than the default 0 J */
	unsigned alpha_fill, alpha_stroke; /* in 1/PDF_ALPHA_STEPS */
	HPDF_Font font;                    /* NULL: none set yet */
	double font_size;
	int bold;                          /* rendering mode fill then stroke */
};

struct pdf {
	HPDF_Doc doc;
	HPDF_Page page;       /* NULL between pages */
	HPDF_Font winansi;    /* for text Windows-1252 can spell */
	HPDF_Font unicode;    /* for the rest; NULL until first needed */
	unsigned char *drawn; /* bit set of the BMP code points drawn in unicode */
	double height;        /* of the current page, to flip y */
	struct pdf_state st;
	const struct fonts *fonts;
	HPDF_STATUS err, err_detail; /* the first library error, 0 if none */
	int reported;                /* err is already in a diags list */
	const char *err_font;        /* the font file err came from, if any */
	struct pdf_alpha *alpha;
	size_t nalpha, alpha_cap;
	char *buf; /* cleaned text */
	size_t buf_cap;
	char *ansi; /* cleaned text in Windows-1252 */
	size_t ansi_cap;
	char *ops; /* content operators not yet in the page's stream */
	size_t nops, ops_cap;
	int in_text;                /* a text object of ours is open */
	long long text_x, text_y;   /* its line origin, in 1/1000 point */
	HPDF_Page *pages;           /* every page begun, for links */
	size_t npages, pages_cap;
	HPDF_Outline outline[PDF_OUTLINE_LEVELS]; /* the last entry per level */
	struct pdf_anchor *anchors;
	size_t nanchors, anchors_cap;
	struct pdf_link *links;
	size_t nlinks, links_cap;
};

static void
pdf_on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct pdf *p = user;

	if (p->err == 0) {
		p->err = err;
		p->err_detail = detail;
	}
}

/*
 * Internal object calls only set the document's error without calling
 * the handler, so the document's own sticky state is consulted too.
 */
static int
pdf_failed(struct pdf *p)
{
	if (p->err == 0 && HPDF_GetError(p->doc) != HPDF_OK) {
		p->err = HPDF_GetError(p->doc);
		p->err_detail = HPDF_GetErrorDetail(p->doc);
	}
	return p->err != 0;
}

static void
pdf_report(struct pdf *p, struct diags *d, const char *file)
{
	if (p->reported)
		return;
	p->reported = 1;
	if (p->err_font != NULL && p->err == HPDF_FILE_OPEN_ERROR)
		diags_add(d, D_OPEN_FAILED, p->err_font, 0, 0, "%s",
		    strerror((int)p->err_detail));
	else
		diags_add(d, D_PDF_LIBRARY, p->err_font ? p->err_font : file, 0,
		    0, "error 0x%04X (detail %u)", (unsigned)p->err,
		    (unsigned)p->err_detail);
}

static HPDF_REAL
pdf_real(double v)
{
	return (HPDF_REAL)v;
}

/*
 * Text as libharu can take it: control characters dropped, malformed
 * bytes (one U+FFFD each, as fonts measure them) and characters beyond
 * the BMP (which libharu turns into spaces) shown as U+FFFD. The result
 * lives in p until the next call.
 */
static const char *
pdf_clean(struct pdf *p, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	size_t o = 0;

	/* U+FFFD takes 3 bytes and replaces one malformed byte or four beyond the BMP. */
	xgrow((void **)&p->buf, &p->buf_cap, 3 * strlen(s) + 1, 1);
	while (*u != '\0') {
		u += utf8_decode(u, UTF8_NUL_TERMINATED, &cp);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			continue;
		o += utf8_encode(cp > 0xffff ? UTF8_REPLACEMENT : cp, p->buf + o);
	}
	p->buf[o] = '\0';
	return p->buf;
}

static void
pdf_set_date(struct pdf *p, long long epoch)
{
	time_t t = (time_t)(epoch < 0 ? 0 : epoch);
	struct tm tm;
	HPDF_Date date;

	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 > 9999)
		return;
	memset(&date, 0, sizeof date);
	date.year = tm.tm_year + 1900;
	date.month = tm.tm_mon + 1;
	date.day = tm.tm_mday;
	date.hour = tm.tm_hour;
	date.minutes = tm.tm_min;
	date.seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec;
	date.ind = 'Z';
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_MOD_DATE, date);
}

static int
pdf_is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/*
 * Strings beyond ASCII are written as UTF-16 through libharu's UTF-8
 * encoder, made only then: making it costs about 0.5 ms, a tenth of
 * drawing a whole report.
 */
static HPDF_Encoder
pdf_string_encoder(struct pdf *p, const char *s)
{
	return pdf_is_ascii(s) ? NULL : HPDF_GetEncoder(p->doc, "UTF-8");
}

/* HPDF_SetInfoAttr takes the document's current encoder. */
static void
pdf_set_info_string(struct pdf *p, HPDF_InfoType type, const char *s)
{
	const char *clean = pdf_clean(p, s);

	if (!pdf_is_ascii(clean))
		HPDF_SetCurrentEncoder(p->doc, "UTF-8");
	HPDF_SetInfoAttr(p->doc, type, clean);
}

static void
pdf_set_info(struct pdf *p, const struct pdf_info *info)
{
	if (info->title != NULL)
		pdf_set_info_string(p, HPDF_INFO_TITLE, info->title);
	if (info->subject != NULL)
		pdf_set_info_string(p, HPDF_INFO_SUBJECT, info->subject);
	if (info->creator != NULL)
		pdf_set_info_string(p, HPDF_INFO_CREATOR, info->creator);
	pdf_set_date(p, info->epoch);
}

/* Loads the TrueType font at path in encoding; -1 (error kept in p) if it fails. */
static int
pdf_load_font(struct pdf *p, const char *path, const char *encoding,
    HPDF_Font *out)
{
	const char *name;

	name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE);
	if (name != NULL)
		*out = HPDF_GetFont(p->doc, name, encoding);
	if (!pdf_failed(p))
		return 0;
	p->err_font = path;
	return -1;
}

/* Windows-1252 bytes 0x80 to 0x9F; 0 where the code page assigns none. */
static const unsigned short pdf_cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/*
 * Text cleaned by pdf_clean spelt in Windows-1252, or NULL when some
 * character has no byte there. The result lives in p until the next call.
 */
static const char *
pdf_winansi(struct pdf *p, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	size_t len, o = 0, i;

	xgrow((void **)&p->ansi, &p->ansi_cap, strlen(s) + 1, 1);
	for (; *u != '\0'; u += len) {
		len = utf8_decode(u, UTF8_NUL_TERMINATED, &cp);
		assert((len > 1 || cp != UTF8_REPLACEMENT) && "text not cleaned");
		if (cp >= 0x80 && (cp < 0xa0 || cp > 0xff)) {
			for (i = 0; i < 32 && pdf_cp1252_c1[i] != cp; i++)
				;
			if (i == 32)
				return NULL;
			cp = 0x80 + (uint32_t)i;
		}
		p->ansi[o++] = (char)(unsigned char)cp;
	}
	p->ansi[o] = '\0';
	return p->ansi;
}

/*
 * The font to draw the cleaned text *s with, *s turned into that font's
 * encoding; the whole font is loaded on first need. NULL after an error.
 */
static HPDF_Font
pdf_text_font(struct pdf *p, const char **s)
{
	const char *ansi = pdf_winansi(p, *s);

	if (ansi != NULL) {
		*s = ansi;
		return p->winansi;
	}
	if (p->unicode == NULL && pdf_load_font(p,
	    p->fonts->path[FONT_REGULAR], "UTF-8", &p->unicode) < 0)
		return NULL;
	return p->unicode;
}

struct pdf *
pdf_open(const struct fonts *fonts, const struct pdf_info *info,
    struct diags *d)
{
	struct pdf *p = xcalloc(1, sizeof *p);

	p->fonts = fonts;
	p->doc = HPDF_New(pdf_on_error, p);
	if (p->doc == NULL) {
		diags_add(d, D_PDF_LIBRARY, NULL, 0, 0,
		    "cannot create a document");
		free(p);
		return NULL;
	}
	/* Objects capture the compression flags when created: set it first. */
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->doc);
	if (pdf_failed(p)) {
		pdf_report(p, d, NULL);
		pdf_discard(p);
		return NULL;
	}
	if (pdf_load_font(p, fonts->winansi_path, "WinAnsiEncoding",
	    &p->winansi) != 0) {
		pdf_report(p, d, NULL);
		pdf_discard(p);
		return NULL;
	}
	pdf_set_info(p, info);
	if (pdf_haru_catalog(p->doc, "en") < 0)
		(void)pdf_failed(p);
	if (pdf_failed(p)) {
		pdf_report(p, d, NULL);
		pdf_discard(p);
		return NULL;
	}
	return p;
}

/* Whether drawing may go on: nothing is drawn after a library error. */
static int
pdf_ready(struct pdf *p)
{
	if (pdf_failed(p))
		return 0;
	assert(p->page != NULL && "canvas drawing outside a page");
	return 1;
}

/*
 * Raw content operators. libharu 2.3.0 clears a 512-byte buffer byte by
 * byte and formats each number with five decimals on every path or
 * colour call: a third of a report's drawing time. So shapes, colours and
 * Windows-1252 text are formatted here, three decimals (1/1000 point),
 * and appended to the page's content stream (pdf_haru.c) between
 * libharu's own calls for resources: fonts (Tf),
 * transparency (gs) and UTF-8 text. Every sequence written here is whole
 * (re f, m l S, BT ... ET), so libharu's graphics mode stays valid.
 */
static void
pdf_op_grow(struct pdf *p, size_t more)
{
	xgrow((void **)&p->ops, &p->ops_cap, p->nops + more, 1);
}

static void
pdf_op(struct pdf *p, const char *s)
{
	size_t n = strlen(s);

	pdf_op_grow(p, n);
	memcpy(p->ops + p->nops, s, n);
	p->nops += n;
}

/* m thousandths and a space: "12.5 ", "-0.125 ", "3 ". */
static void
pdf_op_milli(struct pdf *p, long long m)
{
	char digits[24];
	unsigned long long whole, mag = (unsigned long long)(m < 0 ? -m : m);
	unsigned frac;
	size_t n = 0;

	pdf_op_grow(p, 32);
	if (m < 0)
		p->ops[p->nops++] = '-';
	whole = mag / 1000;
	frac = (unsigned)(mag % 1000);
	do
		digits[n++] = (char)('0' + whole % 10);
	while ((whole /= 10) > 0);
	while (n > 0)
		p->ops[p->nops++] = digits[--n];
	if (frac != 0) {
		p->ops[p->nops++] = '.';
		p->ops[p->nops++] = (char)('0' + frac / 100);
		if (frac % 100 != 0)
			p->ops[p->nops++] = (char)('0' + frac / 10 % 10);
		if (frac % 10 != 0)
			p->ops[p->nops++] = (char)('0' + frac % 10);
	}
	p->ops[p->nops++] = ' ';
}

static long long
pdf_milli(double v)
{
	assert(isfinite(v) && fabs(v) < 1e12);
	return llround(v * 1000);
}

/* v to 1/1000 and a space. */
static void
pdf_op_num(struct pdf *p, double v)
{
	pdf_op_milli(p, pdf_milli(v));
}

/* A literal string: the delimiters and backslash escaped; cleaned text has no controls. */
static void
pdf_op_string(struct pdf *p, const char *s)
{
	pdf_op_grow(p, 2 * strlen(s) + 2);
	p->ops[p->nops++] = '(';
	for (; *s != '\0'; s++) {
		if (*s == '(' || *s == ')' || *s == '\\')
			p->ops[p->nops++] = '\\';
		p->ops[p->nops++] = *s;
	}
	p->ops[p->nops++] = ')';
}

/* Appends the formatted operators to the page's content stream. */
static void
pdf_op_flush(struct pdf *p)
{
	if (p->nops == 0)
		return;
	if (pdf_haru_page_append(p->page, p->ops, p->nops) < 0)
		(void)pdf_failed(p);
	p->nops = 0;
}

/*
 * Consecutive horizontal WinAnsi texts share one text object, each placed
 * by Td relative to the one before, in whole thousandths so that nothing
 * drifts: a table row is "BT x y Td (a) Tj 61.25 0 Td (b) Tj ...". Shapes
 * (which a text object may not hold) and libharu's text end it first.
 */
static void
pdf_end_text(struct pdf *p)
{
	if (p->in_text)
		pdf_op(p, "ET\n");
	p->in_text = 0;
}

static unsigned
pdf_alpha_key(double opacity)
{
	if (!(opacity > 0))
		return 0;
	if (opacity >= 1)
		return PDF_ALPHA_STEPS;
	return (unsigned)(opacity * PDF_ALPHA_STEPS + 0.5);
}

/*
 * The graphics state is set only where it changes, with no q/Q around
 * each shape: a chart page's content stream shrank by more than half,
 * and libharu's call overhead and the compression with it.
 */
static void
pdf_state_reset(struct pdf *p)
{
	static const struct canvas_color black = { 0, 0, 0 };

	/* The PDF defaults at the start of a content stream. */
	p->st.fill = black;
	p->st.stroke = black;
	p->st.line_width = 1;
	p->st.dashed = 0;
	p->st.round_cap = 0;
	p->st.alpha_fill = PDF_ALPHA_STEPS;
	p->st.alpha_stroke = PDF_ALPHA_STEPS;
	p->st.font = NULL;
	p->st.font_size = 0;
	p->st.bold = 0;
}

static int
pdf_same_color(struct canvas_color a, struct canvas_color b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

/*
 * Sets the opacities, as keys (pdf_alpha_key), through one shared
 * ExtGState per distinct pair.
 */
static void
pdf_use_alpha(struct pdf *p, unsigned kf, unsigned ks)
{
	struct pdf_alpha *a;
	size_t i;

	if (kf == p->st.alpha_fill && ks == p->st.alpha_stroke)
		return;
	for (i = 0; i < p->nalpha; i++)
		if (p->alpha[i].fill == kf && p->alpha[i].stroke == ks)
			break;
	if (i == p->nalpha) {
		xgrow((void **)&p->alpha, &p->alpha_cap, p->nalpha + 1,
		    sizeof *p->alpha);
		a = &p->alpha[p->nalpha++];
		a->fill = kf;
		a->stroke = ks;
		a->gs = HPDF_CreateExtGState(p->doc);
		HPDF_ExtGState_SetAlphaFill(a->gs,
		    pdf_real((double)kf / PDF_ALPHA_STEPS));
		HPDF_ExtGState_SetAlphaStroke(a->gs,
		    pdf_real((double)ks / PDF_ALPHA_STEPS));
	}
	pdf_op_flush(p);
	HPDF_Page_SetExtGState(p->page, p->alpha[i].gs);
	p->st.alpha_fill = kf;
	p->st.alpha_stroke = ks;
}

static void
pdf_op_color(struct pdf *p, struct canvas_color c, const char *op)
{
	pdf_op_num(p, c.r / 255.0);
	pdf_op_num(p, c.g / 255.0);
	pdf_op_num(p, c.b / 255.0);
	pdf_op(p, op);
}

static void
pdf_use_fill(struct pdf *p, struct canvas_color c)
{
	if (pdf_same_color(c, p->st.fill))
		return;
	pdf_op_color(p, c, "rg\n");
	p->st.fill = c;
}

static void
pdf_use_round_cap(struct pdf *p, int round)
{
	if (round != p->st.round_cap) {
		pdf_op(p, round ? "1 J\n" : "0 J\n");
		p->st.round_cap = round;
	}
}

static void
pdf_use_stroke(struct pdf *p, struct canvas_color c, double width,
    int dashed)
{
	if (!pdf_same_color(c, p->st.stroke)) {
		pdf_op_color(p, c, "RG\n");
		p->st.stroke = c;
	}
	if (width != p->st.line_width) {
		pdf_op_num(p, width);
		pdf_op(p, "w\n");
		p->st.line_width = width;
	}
	if (dashed != p->st.dashed) {
		pdf_op(p, dashed ? "[3 2] 0 d\n" : "[] 0 d\n"); /* 3 on, 2 off */
		p->st.dashed = dashed;
	}
	pdf_use_round_cap(p, 0);
}

static void
pdf_begin_page(void *dev, double width, double height)
{
	struct pdf *p = dev;

	if (pdf_failed(p))
		return;
	p->page = HPDF_AddPage(p->doc);
	if (p->page == NULL)
		return;
	xgrow((void **)&p->pages, &p->pages_cap, p->npages + 1,
	    sizeof *p->pages);
	p->pages[p->npages++] = p->page;
	HPDF_Page_SetWidth(p->page, pdf_real(width));
	HPDF_Page_SetHeight(p->page, pdf_real(height));
	p->height = height;
	pdf_state_reset(p);
}

static void
pdf_end_page(void *dev)
{
	struct pdf *p = dev;

	if (p->page != NULL) {
		pdf_end_text(p);
		pdf_op_flush(p);
	}
	p->page = NULL;
}

/* Groups only structure SVG output; PDF content needs no markers. */
static void
pdf_begin_group(void *dev, const char *name)
{
	(void)dev;
	(void)name;
}

static void
pdf_end_group(void *dev)
{
	(void)dev;
}

/* The fill and stroke state for a shape; returns the operator that paints it. */
static const char *
pdf_paint(struct pdf *p, const struct canvas_fill *fill,
    const struct canvas_stroke *stroke)
{
	pdf_end_text(p);
	pdf_use_alpha(p, fill ? pdf_alpha_key(fill->opacity) : p->st.alpha_fill,
	    stroke ? pdf_alpha_key(stroke->opacity) : p->st.alpha_stroke);
	if (fill != NULL)
		pdf_use_fill(p, fill->color);
	if (stroke != NULL)
		pdf_use_stroke(p, stroke->color, stroke->width, stroke->dashed);
	return fill != NULL && stroke != NULL ? "B\n" : fill != NULL ? "f\n" :
	    "S\n";
}

static void
pdf_rect(void *dev, double x, double y, double w, double h,
    const struct canvas_fill *fill, const struct canvas_stroke *stroke)
{
	struct pdf *p = dev;
	const char *op;

	if ((fill == NULL && stroke == NULL) || !pdf_ready(p))
		return;
	op = pdf_paint(p, fill, stroke);
	pdf_op_num(p, x);
	pdf_op_num(p, p->height - y - h);
	pdf_op_num(p, w);
	pdf_op_num(p, h);
	pdf_op(p, "re\n");
	pdf_op(p, op);
	pdf_op_flush(p);
}

static void
pdf_line(void *dev, double x1, double y1, double x2, double y2,
    const struct canvas_stroke *stroke)
{
	struct pdf *p = dev;

	if (!pdf_ready(p))
		return;
	pdf_end_text(p);
	pdf_use_alpha(p, p->st.alpha_fill, pdf_alpha_key(stroke->opacity));
	pdf_use_stroke(p, stroke->color, stroke->width, stroke->dashed);
	pdf_op_num(p, x1);
	pdf_op_num(p, p->height - y1);
	pdf_op(p, "m\n");
	pdf_op_num(p, x2);
	pdf_op_num(p, p->height - y2);
	pdf_op(p, "l\nS\n");
	pdf_op_flush(p);
}

/* Four Bezier quarters; k is the control distance that best fits a circle. */
static void
pdf_circle(void *dev, double cx, double cy, double r,
    const struct canvas_fill *fill, const struct canvas_stroke *stroke)
{
	struct pdf *p = dev;
	const double k = 0.5522847498 * r;
	double y = p->height - cy;
	const double q[4][6] = {
		{cx + r, y + k, cx + k, y + r, cx, y + r},
		{cx - k, y + r, cx - r, y + k, cx - r, y},
		{cx - r, y - k, cx - k, y - r, cx, y - r},
		{cx + k, y - r, cx + r, y - k, cx + r, y},
	};
	const char *op;
	size_t i, j;

	if ((fill == NULL && stroke == NULL) || !(r > 0) || !pdf_ready(p))
		return;
	if (stroke == NULL) {
		/*
		 * A filled dot is a zero-length line with round caps as wide
		 * as the dot: the same disc in a sixth of the bytes, which
		 * counts when every run of a report is a dot.
		 */
		struct canvas_stroke as_line = {fill->color, 2 * r, fill->opacity, 0};

		(void)pdf_paint(p, NULL, &as_line);
		pdf_use_round_cap(p, 1);
		pdf_op_num(p, cx);
		pdf_op_num(p, y);
		pdf_op(p, "m\n");
		pdf_op_num(p, cx);
		pdf_op_num(p, y);
		pdf_op(p, "l\nS\n");
		pdf_op_flush(p);
		return;
	}
	op = pdf_paint(p, fill, stroke);
	pdf_op_num(p, cx + r);
	pdf_op_num(p, y);
	pdf_op(p, "m\n");
	for (i = 0; i < 4; i++) {
		for (j = 0; j < 6; j++)
			pdf_op_num(p, q[i][j]);
		pdf_op(p, "c\n");
	}
	pdf_op(p, "h\n");
	pdf_op(p, op);
	pdf_op_flush(p);
}

static void
pdf_path(void *dev, const double *xy, size_t n, int closed,
    const struct canvas_fill *fill, const struct canvas_stroke *stroke)
{
	struct pdf *p = dev;
	const char *op;
	size_t i;

	if (!closed)
		fill = NULL;
	if ((fill == NULL && stroke == NULL) || n < 2 || !pdf_ready(p))
		return;
	op = pdf_paint(p, fill, stroke);
	for (i = 0; i < n; i++) {
		pdf_op_num(p, xy[2 * i]);
		pdf_op_num(p, p->height - xy[2 * i + 1]);
		pdf_op(p, i == 0 ? "m\n" : "l\n");
	}
	if (closed)
		pdf_op(p, "h\n");
	pdf_op(p, op);
	pdf_op_flush(p);
}

/* Font and size (through libharu, which names the page's font resource) and rendering mode. */
static void
pdf_use_text_state(struct pdf *p, HPDF_Font font, double size, int bold)
{
	if (font != p->st.font || size != p->st.font_size) {
		pdf_op_flush(p);
		HPDF_Page_SetFontAndSize(p->page, font, pdf_real(size));
		p->st.font = font;
		p->st.font_size = size;
	}
	if (bold != p->st.bold) {
		pdf_op(p, bold ? "2 Tr\n" : "0 Tr\n"); /* fill then stroke */
		p->st.bold = bold;
	}
}

/*
 * Width in points of s in font; libharu also marks the characters as used,
 * so that the embedded subset holds their glyphs.
 */
static double
pdf_text_width(HPDF_Font font, const char *s, double size)
{
	HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s,
	    (HPDF_UINT)strlen(s));

	return tw.width * size / 1000.0;
}

/* The text object: written here for the WinAnsi font, by libharu for UTF-8 (CID). */
static void
pdf_show_text(struct pdf *p, HPDF_Font font, const char *s, double x,
    double y, int vertical)
{
	long long mx = pdf_milli(x), my = pdf_milli(y);

	if (font == p->winansi && !vertical) {
		if (!p->in_text) {
			pdf_op(p, "BT\n");
			p->in_text = 1;
			p->text_x = p->text_y = 0;
		}
		pdf_op_milli(p, mx - p->text_x);
		pdf_op_milli(p, my - p->text_y);
		p->text_x = mx;
		p->text_y = my;
		pdf_op(p, "Td\n");
		pdf_op_string(p, s);
		pdf_op(p, " Tj\n");
		pdf_op_flush(p);
		return;
	}
	pdf_end_text(p);
	if (font == p->winansi) {
		pdf_op(p, "BT\n0 1 -1 0 ");
		pdf_op_milli(p, mx);
		pdf_op_milli(p, my);
		pdf_op(p, "Tm\n");
		pdf_op_string(p, s);
		pdf_op(p, " Tj\nET\n");
		pdf_op_flush(p);
		return;
	}
	pdf_op_flush(p);
	HPDF_Page_BeginText(p->page);
	if (vertical)
		HPDF_Page_SetTextMatrix(p->page, 0, 1, -1, 0, pdf_real(x),
		    pdf_real(y));
	else /* a new text object starts at the identity matrix */
		HPDF_Page_MoveTextPos(p->page, pdf_real(x), pdf_real(y));
	HPDF_Page_ShowText(p->page, s);
	HPDF_Page_EndText(p->page);
}

/* Notes the code points of the cleaned text s for the font's ToUnicode map. */
static void
pdf_mark_drawn(struct pdf *p, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;

	if (p->drawn == NULL)
		p->drawn = xcalloc(PDF_BMP / 8, 1);
	while (*u != '\0') {
		u += utf8_decode(u, UTF8_NUL_TERMINATED, &cp);
		p->drawn[cp >> 3] |= (unsigned char)(1u << (cp & 7));
	}
}

static void
pdf_text(void *dev, double x, double y, const char *utf8,
    const struct canvas_text *style)
{
	struct pdf *p = dev;
	const char *s;
	double shift, width, py;
	HPDF_Font font;
	int bold = style->face == FONT_BOLD;

	if (!pdf_ready(p))
		return;
	s = pdf_clean(p, utf8);
	if (*s == '\0' || (font = pdf_text_font(p, &s)) == NULL)
		return;
	pdf_use_alpha(p, PDF_ALPHA_STEPS, PDF_ALPHA_STEPS);
	pdf_use_fill(p, style->color);
	if (bold)
		pdf_use_stroke(p, style->color, style->size * PDF_BOLD_STROKE, 0);
	pdf_use_text_state(p, font, style->size, bold);
	if (font == p->unicode)
		pdf_mark_drawn(p, s);
	width = pdf_text_width(font, s, style->size);
	shift = style->align == CANVAS_CENTER ? width / 2 :
	    style->align == CANVAS_RIGHT ? width : 0;
	py = p->height - y;
	if (style->vertical)
		pdf_show_text(p, font, s, x, py - shift, 1);
	else
		pdf_show_text(p, font, s, x - shift, py, 0);
}

/* A view of page (an index) fitting its width, with top (PDF units) at the top. */
static HPDF_Destination
pdf_destination(struct pdf *p, size_t page, double top)
{
	HPDF_Destination dst = HPDF_Page_CreateDestination(p->pages[page]);

	if (dst != NULL)
		HPDF_Destination_SetFitH(dst, pdf_real(top < 0 ? 0 : top));
	return dst;
}

static void
pdf_add_anchor(struct pdf *p, const char *name, double top)
{
	struct pdf_anchor *a;

	xgrow((void **)&p->anchors, &p->anchors_cap, p->nanchors + 1,
	    sizeof *p->anchors);
	a = &p->anchors[p->nanchors++];
	a->name = xstrdup(name);
	a->page = p->npages - 1;
	a->top = top;
}

/*
 * The outline opens with the document (PageMode UseOutlines) once it has
 * an entry; an entry's parent is the last one a level up.
 */
static void
pdf_bookmark(void *dev, int level, const char *title, const char *anchor,
    double y)
{
	struct pdf *p = dev;
	HPDF_Outline o;
	HPDF_Destination dst;
	const char *clean;
	int i;

	if (!pdf_ready(p))
		return;
	assert(level >= 1 && level <= PDF_OUTLINE_LEVELS);
	if (p->outline[0] == NULL)
		HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
	clean = pdf_clean(p, title);
	o = HPDF_CreateOutline(p->doc, level > 1 ? p->outline[level - 2] : NULL,
	    clean, pdf_string_encoder(p, clean));
	dst = pdf_destination(p, p->npages - 1, p->height - y);
	if (o == NULL || dst == NULL)
		return;
	HPDF_Outline_SetDestination(o, dst);
	for (i = level - 1; i < PDF_OUTLINE_LEVELS; i++)
		p->outline[i] = i == level - 1 ? o : NULL;
	if (anchor != NULL)
		pdf_add_anchor(p, anchor, p->height - y);
}

static void
pdf_link(void *dev, double x, double y, double w, double h,
    const char *anchor)
{
	struct pdf *p = dev;
	struct pdf_link *l;

	if (!pdf_ready(p))
		return;
	xgrow((void **)&p->links, &p->links_cap, p->nlinks + 1,
	    sizeof *p->links);
	l = &p->links[p->nlinks++];
	l->anchor = xstrdup(anchor);
	l->page = p->npages - 1;
	l->rect.left = pdf_real(x);
	l->rect.right = pdf_real(x + w);
	l->rect.bottom = pdf_real(p->height - y - h);
	l->rect.top = pdf_real(p->height - y);
}

/* The link annotations, now that every anchor is known; a link to none is left out. */
static void
pdf_resolve_links(struct pdf *p)
{
	HPDF_Annotation annot;
	size_t i, k;

	for (i = 0; i < p->nlinks && !pdf_failed(p); i++) {
		for (k = 0; k < p->nanchors; k++)
			if (strcmp(p->anchors[k].name, p->links[i].anchor) == 0)
				break;
		if (k == p->nanchors)
			continue;
		annot = HPDF_Page_CreateLinkAnnot(p->pages[p->links[i].page],
		    p->links[i].rect, pdf_destination(p, p->anchors[k].page,
		    p->anchors[k].top));
		if (annot != NULL)
			HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
	}
}

static const struct canvas_ops pdf_ops = {
	.begin_page = pdf_begin_page,
	.end_page = pdf_end_page,
	.begin_group = pdf_begin_group,
	.end_group = pdf_end_group,
	.rect = pdf_rect,
	.line = pdf_line,
	.text = pdf_text,
	.circle = pdf_circle,
	.path = pdf_path,
	.bookmark = pdf_bookmark,
	.link = pdf_link,
};

void
pdf_canvas(struct pdf *p, struct canvas *out)
{
	out->ops = &pdf_ops;
	out->dev = p;
	out->fonts = p->fonts;
}

/* Refuses a name that is no base name, and a document in error. */
static int
pdf_attach_check(struct pdf *p, const char *name, struct diags *d)
{
	if (name[0] == '\0' || strchr(name, '/') != NULL) {
		diags_add(d, D_PDF_LIBRARY, name, 0, 0,
		    "an attachment name must be a base name");
		return -1;
	}
	if (pdf_failed(p)) {
		pdf_report(p, d, NULL);
		return -1;
	}
	return 0;
}

/* The name as libharu draws it, then its objects (pdf_haru.c: libharu's own HPDF_AttachFile reads a path). */
static int
pdf_attach_named(struct pdf *p, const char *name, const unsigned char *data,
    size_t len, const struct zpack *z, struct diags *d)
{
	char *clean;

	if (pdf_attach_check(p, name, d) < 0)
		return -1;
	clean = xstrdup(pdf_clean(p, name));
	if (z != NULL)
		(void)pdf_haru_attach_packed(p->doc, clean,
		    pdf_string_encoder(p, clean), z);
	else
		(void)pdf_haru_attach(p->doc, clean,
		    pdf_string_encoder(p, clean), data, len);
	free(clean);
	if (!pdf_failed(p))
		return 0;
	pdf_report(p, d, name);
	return -1;
}

int
pdf_attach(struct pdf *p, const char *name, const unsigned char *data,
    size_t len, struct diags *d)
{
	return pdf_attach_named(p, name, data, len, NULL, d);
}

int
pdf_attach_packed(struct pdf *p, const char *name, const struct zpack *z,
    struct diags *d)
{
	return pdf_attach_named(p, name, NULL, 0, z, d);
}

/* Writes the document to out; a write error is out's, any other libharu's. */
static int
pdf_save(struct pdf *p, FILE *out, struct diags *d)
{
	int err = 0;

	errno = 0;
	if (pdf_haru_save(p->doc, out, &err) < 0 && err == 0) {
		(void)pdf_failed(p);
		pdf_report(p, d, NULL);
		return -1;
	}
	if (err != 0 || fflush(out) != 0 || ferror(out)) {
		if (err == 0)
			err = errno != 0 ? errno : EIO;
		diags_add(d, D_WRITE_FAILED, NULL, 0, 0, "%s", strerror(err));
		return -1;
	}
	return 0;
}

/*
 * The ToUnicode map of the UTF-8 font. Its codes are the code points
 * themselves (libharu writes each character as its UTF-16 unit and maps
 * it to a glyph through CIDToGIDMap), so the map is the identity on the
 * characters drawn: runs of consecutive ones within one high byte, as
 * bfrange entries require, at most 100 to a block as the CMap
 * specification allows.
 */
static int
pdf_next_run(const unsigned char *drawn, uint32_t *cp, uint32_t *last)
{
	while (*cp < PDF_BMP && !(drawn[*cp >> 3] & (1u << (*cp & 7))))
		(*cp)++;
	if (*cp >= PDF_BMP)
		return 0;
	*last = *cp;
	while ((*last & 0xff) != 0xff && *last + 1 < PDF_BMP &&
	    (drawn[(*last + 1) >> 3] & (1u << ((*last + 1) & 7))))
		(*last)++;
	return 1;
}

static void
pdf_op_hex4(struct pdf *p, uint32_t v, const char *after)
{
	char buf[16];

	snprintf(buf, sizeof buf, "<%04X>%s", (unsigned)v, after);
	pdf_op(p, buf);
}

static size_t
pdf_count_runs(const unsigned char *drawn)
{
	uint32_t cp = 0, last;
	size_t n = 0;

	for (; pdf_next_run(drawn, &cp, &last); cp = last + 1)
		n++;
	return n;
}

/* Builds the map in the (empty, between pages) operator buffer and hands it to the font. */
static void
pdf_write_to_unicode(struct pdf *p)
{
	size_t left = pdf_count_runs(p->drawn), inblock = 0;
	uint32_t cp = 0, last;
	char head[32];

	assert(p->nops == 0);
	pdf_op(p, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
	    "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n");
	for (; pdf_next_run(p->drawn, &cp, &last); cp = last + 1, left--) {
		if (inblock == 0) {
			inblock = left < 100 ? left : 100;
			snprintf(head, sizeof head, "%zu beginbfrange\n", inblock);
			pdf_op(p, head);
		}
		pdf_op_hex4(p, cp, " ");
		pdf_op_hex4(p, last, " ");
		pdf_op_hex4(p, cp, "\n");
		if (--inblock == 0)
			pdf_op(p, "endbfrange\n");
	}
	pdf_op(p, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n");
	if (pdf_haru_to_unicode(p->unicode, p->ops, p->nops) < 0)
		(void)pdf_failed(p);
	p->nops = 0;
}

/*
 * The pages' contents deflated together on two threads (zbatch.c), the
 * most of saving a PDF that libharu would do one page after another. A
 * page that cannot be is left to libharu: the same bytes either way.
 */
static void
pdf_pack_pages(struct pdf *p)
{
	struct zbatch_item *items = xcalloc(p->npages + 1, sizeof(*items));
	size_t *page = xcalloc(p->npages + 1, sizeof(*page));
	unsigned char *raw;
	size_t i, n = 0;

	for (i = 0; i < p->npages; i++)
		if ((raw = pdf_haru_page_contents(p->pages[i], &items[n].len))) {
			items[n].in = raw;
			page[n++] = i;
		}
	if (zbatch_deflate(items, n) == 0)
		for (i = 0; i < n; i++)
			if (pdf_haru_page_deflated(p->pages[page[i]], items[i].out,
			    items[i].outlen) < 0)
				(void)pdf_failed(p);
	for (i = 0; i < n; i++) {
		free((void *)items[i].in);
		free(items[i].out);
	}
	free(page);
	free(items);
}

int
pdf_close(struct pdf *p, FILE *out, struct diags *d)
{
	int ret = -1;

	if (p->unicode != NULL && p->drawn != NULL && !pdf_failed(p))
		pdf_write_to_unicode(p);
	pdf_resolve_links(p);
	if (!pdf_failed(p))
		pdf_pack_pages(p);
	if (pdf_failed(p))
		pdf_report(p, d, NULL);
	else
		ret = pdf_save(p, out, d);
	pdf_discard(p);
	return ret;
}

void
pdf_discard(struct pdf *p)
{
	size_t i;

	if (p == NULL)
		return;
	HPDF_Free(p->doc);
	free(p->alpha);
	free(p->buf);
	free(p->ansi);
	free(p->ops);
	free(p->drawn);
	free(p->pages);
	for (i = 0; i < p->nanchors; i++)
		free(p->anchors[i].name);
	free(p->anchors);
	for (i = 0; i < p->nlinks; i++)
		free(p->links[i].anchor);
	free(p->links);
	free(p);
}
