/* The PDF back end: canvas calls drawn with libharu 2.3.0, deterministic and compressed. */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>
#include <hpdf_namedict.h>

#include "pdf.h"
#include "xalloc.h"

/*
 * Fonts and file size. With libharu 2.3.0 an embedded TrueType font in
 * UTF-8 (CID) mode costs about 75 KB compressed whatever the text (the
 * subset keeps every table but glyf whole, plus a full CIDToGIDMap and an
 * uncompressed /W array), a WinAnsi one about 50 KB. Measured on a 9-page
 * report (bars with alpha, dashed lines, 200 table rows of text):
 *   regular + bold, both UTF-8               191 KB
 *   regular UTF-8 + bold WinAnsi (cp1252)    156 KB
 *   regular + bold, both WinAnsi             120 KB (no text beyond cp1252)
 *   regular UTF-8, synthetic bold            105 KB
 * Only the last stays under the 150 KB budget with room for content and
 * keeps every BMP character in bold too (this back end: 89 KB for one
 * page, 124 KB for 11 pages with a 180-row appendix and the 9 KB CSV
 * attached), so one font is embedded and bold
 * text is filled then stroked in its own colour with a thin line. Bold
 * text is therefore a little narrower than DejaVu Sans Bold; alignment
 * measures what is actually drawn.
 */
#define PDF_BOLD_STROKE 0.045 /* stroke width of synthetic bold, in ems */

/* Alpha values are compared at this resolution to share ExtGStates. */
#define PDF_ALPHA_STEPS 1000u

struct pdf_alpha {
	unsigned fill, stroke; /* in 1/PDF_ALPHA_STEPS */
	HPDF_ExtGState gs;
};

struct pdf {
	HPDF_Doc doc;
	HPDF_Page page; /* NULL between pages */
	HPDF_Font font;
	double height;  /* of the current page, to flip y */
	const struct fonts *fonts;
	HPDF_STATUS err, err_detail; /* the first library error, 0 if none */
	int reported;                /* err is already in a diags list */
	struct pdf_alpha *alpha;
	size_t nalpha, alpha_cap;
	char *buf; /* cleaned text */
	size_t buf_cap;
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
	diags_add(d, D_PDF_LIBRARY, file, 0, 0, "error 0x%04X (detail %u)",
	    (unsigned)p->err, (unsigned)p->err_detail);
}

static HPDF_REAL
pdf_real(double v)
{
	return (HPDF_REAL)v;
}

/* Length of the valid UTF-8 sequence at u (stored in *cp), 0 if invalid. */
static size_t
pdf_utf8_decode(const unsigned char *u, unsigned long *cp)
{
	unsigned long c, min;
	size_t len, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	} else if ((u[0] & 0xe0) == 0xc0) {
		len = 2, c = u[0] & 0x1fu, min = 0x80;
	} else if ((u[0] & 0xf0) == 0xe0) {
		len = 3, c = u[0] & 0x0fu, min = 0x800;
	} else if ((u[0] & 0xf8) == 0xf0) {
		len = 4, c = u[0] & 0x07u, min = 0x10000;
	} else {
		return 0;
	}
	/* The terminating NUL is no continuation byte, so this stops in time. */
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (u[i] & 0x3fu);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/*
 * Text as libharu can take it: invalid bytes and control characters
 * dropped, and characters beyond the BMP (which libharu turns into
 * spaces) shown as U+FFFD. The result lives in p until the next call.
 */
static const char *
pdf_clean(struct pdf *p, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long cp;
	size_t len, o = 0;

	xgrow((void **)&p->buf, &p->buf_cap, strlen(s) + 1, 1);
	for (; *u != '\0'; u += len ? len : 1) {
		len = pdf_utf8_decode(u, &cp);
		if (len == 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			continue;
		if (cp > 0xffff) {
			memcpy(p->buf + o, "\xef\xbf\xbd", 3);
			o += 3;
		} else {
			memcpy(p->buf + o, u, len);
			o += len;
		}
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

/* Must run after the UTF-8 encoder is current, so strings become UTF-16. */
static void
pdf_set_info(struct pdf *p, const struct pdf_info *info)
{
	if (info->title != NULL)
		HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE,
		    pdf_clean(p, info->title));
	if (info->subject != NULL)
		HPDF_SetInfoAttr(p->doc, HPDF_INFO_SUBJECT,
		    pdf_clean(p, info->subject));
	if (info->creator != NULL)
		HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR,
		    pdf_clean(p, info->creator));
	pdf_set_date(p, info->epoch);
}

static int
pdf_load_font(struct pdf *p, const char *path, struct diags *d)
{
	const char *name;

	name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE);
	if (name != NULL)
		p->font = HPDF_GetFont(p->doc, name, "UTF-8");
	if (!pdf_failed(p))
		return 0;
	if (p->err == HPDF_FILE_OPEN_ERROR)
		diags_add(d, D_OPEN_FAILED, path, 0, 0, "%s",
		    strerror((int)p->err_detail));
	else
		pdf_report(p, d, path);
	return -1;
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
	HPDF_SetCurrentEncoder(p->doc, "UTF-8");
	if (pdf_failed(p)) {
		pdf_report(p, d, NULL);
		pdf_discard(p);
		return NULL;
	}
	if (pdf_load_font(p, fonts->path[FONT_REGULAR], d) != 0) {
		pdf_discard(p);
		return NULL;
	}
	pdf_set_info(p, info);
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

static unsigned
pdf_alpha_key(double opacity)
{
	if (!(opacity > 0))
		return 0;
	if (opacity >= 1)
		return PDF_ALPHA_STEPS;
	return (unsigned)(opacity * PDF_ALPHA_STEPS + 0.5);
}

/* Applies the opacities through one shared ExtGState per distinct pair. */
static void
pdf_apply_alpha(struct pdf *p, double fill, double stroke)
{
	unsigned kf = pdf_alpha_key(fill), ks = pdf_alpha_key(stroke);
	struct pdf_alpha *a;
	size_t i;

	if (kf == PDF_ALPHA_STEPS && ks == PDF_ALPHA_STEPS)
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
	HPDF_Page_SetExtGState(p->page, p->alpha[i].gs);
}

static void
pdf_fill_color(struct pdf *p, struct canvas_color c)
{
	HPDF_Page_SetRGBFill(p->page, pdf_real(c.r / 255.0),
	    pdf_real(c.g / 255.0), pdf_real(c.b / 255.0));
}

static void
pdf_stroke_color(struct pdf *p, struct canvas_color c)
{
	HPDF_Page_SetRGBStroke(p->page, pdf_real(c.r / 255.0),
	    pdf_real(c.g / 255.0), pdf_real(c.b / 255.0));
}

/* 3 on, 2 off; the dash API changed from integers to reals in 2.4. */
static void
pdf_set_dash(struct pdf *p)
{
#if HPDF_MAJOR_VERSION * 100 + HPDF_MINOR_VERSION >= 204
	static const HPDF_REAL dash[] = {3, 2};
#else
	static const HPDF_UINT16 dash[] = {3, 2};
#endif
	HPDF_Page_SetDash(p->page, dash, 2, 0);
}

static void
pdf_set_stroke(struct pdf *p, const struct canvas_stroke *s)
{
	pdf_stroke_color(p, s->color);
	HPDF_Page_SetLineWidth(p->page, pdf_real(s->width));
	if (s->dashed)
		pdf_set_dash(p);
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
	HPDF_Page_SetWidth(p->page, pdf_real(width));
	HPDF_Page_SetHeight(p->page, pdf_real(height));
	p->height = height;
}

static void
pdf_end_page(void *dev)
{
	struct pdf *p = dev;

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

static void
pdf_rect(void *dev, double x, double y, double w, double h,
    const struct canvas_fill *fill, const struct canvas_stroke *stroke)
{
	struct pdf *p = dev;

	if ((fill == NULL && stroke == NULL) || !pdf_ready(p))
		return;
	HPDF_Page_GSave(p->page);
	pdf_apply_alpha(p, fill ? fill->opacity : 1,
	    stroke ? stroke->opacity : 1);
	if (fill != NULL)
		pdf_fill_color(p, fill->color);
	if (stroke != NULL)
		pdf_set_stroke(p, stroke);
	HPDF_Page_Rectangle(p->page, pdf_real(x), pdf_real(p->height - y - h),
	    pdf_real(w), pdf_real(h));
	if (fill != NULL && stroke != NULL)
		HPDF_Page_FillStroke(p->page);
	else if (fill != NULL)
		HPDF_Page_Fill(p->page);
	else
		HPDF_Page_Stroke(p->page);
	HPDF_Page_GRestore(p->page);
}

static void
pdf_line(void *dev, double x1, double y1, double x2, double y2,
    const struct canvas_stroke *stroke)
{
	struct pdf *p = dev;

	if (!pdf_ready(p))
		return;
	HPDF_Page_GSave(p->page);
	pdf_apply_alpha(p, 1, stroke->opacity);
	pdf_set_stroke(p, stroke);
	HPDF_Page_MoveTo(p->page, pdf_real(x1), pdf_real(p->height - y1));
	HPDF_Page_LineTo(p->page, pdf_real(x2), pdf_real(p->height - y2));
	HPDF_Page_Stroke(p->page);
	HPDF_Page_GRestore(p->page);
}

static void
pdf_text(void *dev, double x, double y, const char *utf8,
    const struct canvas_text *style)
{
	struct pdf *p = dev;
	const char *s;
	double shift, py;

	if (!pdf_ready(p))
		return;
	s = pdf_clean(p, utf8);
	if (*s == '\0')
		return;
	HPDF_Page_GSave(p->page);
	pdf_fill_color(p, style->color);
	if (style->face == FONT_BOLD) {
		pdf_stroke_color(p, style->color);
		HPDF_Page_SetLineWidth(p->page,
		    pdf_real(style->size * PDF_BOLD_STROKE));
	}
	HPDF_Page_SetFontAndSize(p->page, p->font, pdf_real(style->size));
	shift = 0;
	if (style->align == CANVAS_CENTER)
		shift = HPDF_Page_TextWidth(p->page, s) / 2;
	else if (style->align == CANVAS_RIGHT)
		shift = HPDF_Page_TextWidth(p->page, s);
	py = p->height - y;
	HPDF_Page_BeginText(p->page);
	if (style->face == FONT_BOLD)
		HPDF_Page_SetTextRenderingMode(p->page, HPDF_FILL_THEN_STROKE);
	if (style->vertical)
		HPDF_Page_SetTextMatrix(p->page, 0, 1, -1, 0, pdf_real(x),
		    pdf_real(py - shift));
	else
		HPDF_Page_SetTextMatrix(p->page, 1, 0, 0, 1,
		    pdf_real(x - shift), pdf_real(py));
	HPDF_Page_ShowText(p->page, s);
	HPDF_Page_EndText(p->page);
	HPDF_Page_GRestore(p->page);
}

static const struct canvas_ops pdf_ops = {
	.begin_page = pdf_begin_page,
	.end_page = pdf_end_page,
	.begin_group = pdf_begin_group,
	.end_group = pdf_end_group,
	.rect = pdf_rect,
	.line = pdf_line,
	.text = pdf_text,
};

void
pdf_canvas(struct pdf *p, struct canvas *out)
{
	out->ops = &pdf_ops;
	out->dev = p;
	out->fonts = p->fonts;
}

/* The catalogue's /Names /EmbeddedFiles tree, created on first use. */
static HPDF_NameTree
pdf_embedded_files(HPDF_Doc doc)
{
	HPDF_NameDict names = HPDF_Catalog_GetNames(doc->catalog);
	HPDF_NameTree tree;

	if (names == NULL) {
		names = HPDF_NameDict_New(doc->mmgr, doc->xref);
		if (names == NULL ||
		    HPDF_Catalog_SetNames(doc->catalog, names) != HPDF_OK)
			return NULL;
	}
	tree = HPDF_NameDict_GetNameTree(names, HPDF_NAME_EMBEDDED_FILES);
	if (tree == NULL) {
		tree = HPDF_NameTree_New(doc->mmgr, doc->xref);
		if (tree == NULL ||
		    HPDF_NameDict_SetNameTree(names, HPDF_NAME_EMBEDDED_FILES,
			tree) != HPDF_OK)
			return NULL;
	}
	return tree;
}

/* The /EmbeddedFile stream holding data, deflated. */
static HPDF_Dict
pdf_file_stream(HPDF_Doc doc, const unsigned char *data, size_t len)
{
	HPDF_Dict ef, params;
	size_t off, n;

	ef = HPDF_DictStream_New(doc->mmgr, doc->xref);
	params = HPDF_Dict_New(doc->mmgr);
	if (ef == NULL || params == NULL)
		return NULL;
	ef->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddName(ef, "Type", "EmbeddedFile");
	HPDF_Dict_AddName(ef, "Subtype", "text/csv");
	if (len <= 0x7fffffff) {
		HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)len);
		HPDF_Dict_Add(ef, "Params", params);
	}
	for (off = 0; off < len; off += n) {
		n = len - off < 65536 ? len - off : 65536;
		if (HPDF_Stream_Write(ef->stream, data + off,
			(HPDF_UINT)n) != HPDF_OK)
			return NULL;
	}
	return ef;
}

/*
 * HPDF_AttachFile in 2.3.0 reads a path and names the attachment by that
 * path, which would leak local directories. The same objects are built
 * here through libharu's exported object API, from memory, under the
 * base name: a Filespec with /F and /UF (UTF-16), its /EF stream, and an
 * entry in the /EmbeddedFiles name tree.
 */
int
pdf_attach(struct pdf *p, const char *name, const unsigned char *data,
    size_t len, struct diags *d)
{
	HPDF_Doc doc = p->doc;
	HPDF_NameTree tree;
	HPDF_Dict fs, ef, efd;
	char *clean;

	if (name[0] == '\0' || strchr(name, '/') != NULL) {
		diags_add(d, D_PDF_LIBRARY, name, 0, 0,
		    "an attachment name must be a base name");
		return -1;
	}
	if (pdf_failed(p)) {
		pdf_report(p, d, NULL);
		return -1;
	}
	clean = xstrdup(pdf_clean(p, name));
	tree = pdf_embedded_files(doc);
	ef = pdf_file_stream(doc, data, len);
	fs = HPDF_Dict_New(doc->mmgr);
	efd = HPDF_Dict_New(doc->mmgr);
	if (tree != NULL && ef != NULL && fs != NULL && efd != NULL &&
	    HPDF_Xref_Add(doc->xref, fs) == HPDF_OK) {
		HPDF_Dict_AddName(fs, "Type", "Filespec");
		HPDF_Dict_Add(fs, "F", HPDF_String_New(doc->mmgr, clean, NULL));
		HPDF_Dict_Add(fs, "UF", HPDF_String_New(doc->mmgr, clean,
		    HPDF_GetEncoder(doc, "UTF-8")));
		HPDF_Dict_Add(efd, "F", ef);
		HPDF_Dict_Add(fs, "EF", efd);
		HPDF_NameTree_Add(tree, HPDF_String_New(doc->mmgr, clean, NULL),
		    fs);
	}
	free(clean);
	if (!pdf_failed(p))
		return 0;
	pdf_report(p, d, name);
	return -1;
}

/* Copies the saved document from libharu's memory stream to out. */
static int
pdf_copy(struct pdf *p, FILE *out, struct diags *d)
{
	HPDF_BYTE buf[16384];
	HPDF_UINT32 total = HPDF_GetStreamSize(p->doc), done = 0, n;
	HPDF_STATUS rc;

	errno = 0;
	while (done < total) {
		n = total - done < sizeof buf ? total - done : sizeof buf;
		/* Reading the last byte may report end of stream: not an error. */
		rc = HPDF_ReadFromStream(p->doc, buf, &n);
		if (n == 0 || (rc != HPDF_OK && rc != HPDF_STREAM_EOF)) {
			p->err = rc != HPDF_OK ? rc : HPDF_STREAM_EOF;
			p->err_detail = 0;
			pdf_report(p, d, NULL);
			return -1;
		}
		if (fwrite(buf, 1, n, out) != n)
			break;
		done += n;
	}
	if (done < total || fflush(out) != 0 || ferror(out)) {
		diags_add(d, D_WRITE_FAILED, NULL, 0, 0, "%s",
		    errno != 0 ? strerror(errno) : "write error");
		return -1;
	}
	return 0;
}

int
pdf_close(struct pdf *p, FILE *out, struct diags *d)
{
	int ret = -1;

	if (pdf_failed(p))
		pdf_report(p, d, NULL);
	else if (HPDF_SaveToStream(p->doc) != HPDF_OK || pdf_failed(p))
		pdf_report(p, d, NULL);
	else
		ret = pdf_copy(p, out, d);
	pdf_discard(p);
	return ret;
}

void
pdf_discard(struct pdf *p)
{
	if (p == NULL)
		return;
	HPDF_Free(p->doc);
	free(p->alpha);
	free(p->buf);
	free(p);
}
