/* SPDX-License-Identifier: Apache-2.0 */
/* Loads layout templates: safe XML parsing, XSD validation, meaning checks. */
#include "template.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "metric.h"
#include "shipped.h"
#include "xalloc.h"

/* Templates are a few kilobytes; anything far larger is refused unread. */
#define TEMPLATE_MAX_BYTES (1024 * 1024)
/* Longest diagnostic detail taken from libxml2 (it may quote a value). */
#define TEMPLATE_DETAIL_MAX 300
/* XML_PARSE_BIG_LINES only keeps line numbers above 65535 exact. */
#define TEMPLATE_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)

/* Placeholders, as bits of the set a text field may use. */
enum tpl_ph {
	TPL_PH_GADGET,
	TPL_PH_LEVEL,
	TPL_PH_TITLE,
	TPL_PH_DATE,
	TPL_PH_PAGE,
	TPL_PH_PAGES,
	TPL_PH_OLD,
	TPL_PH_NEW,
	TPL_PH__MAX
};

static const char *const tpl_ph_names[TPL_PH__MAX] = {
	[TPL_PH_GADGET] = "gadget",
	[TPL_PH_LEVEL] = "level",
	[TPL_PH_TITLE] = "title",
	[TPL_PH_DATE] = "date",
	[TPL_PH_PAGE] = "page",
	[TPL_PH_PAGES] = "pages",
	[TPL_PH_OLD] = "old",
	[TPL_PH_NEW] = "new",
};

#define PH(p) (1u << (p))
#define TPL_PH_COMMON (PH(TPL_PH_LEVEL) | PH(TPL_PH_TITLE) | PH(TPL_PH_DATE))
#define TPL_PH_REPORT_TITLE (PH(TPL_PH_LEVEL) | PH(TPL_PH_DATE))
#define TPL_PH_FOOTER (TPL_PH_COMMON | PH(TPL_PH_PAGE) | PH(TPL_PH_PAGES))
#define TPL_PH_GADGET_SECTION (TPL_PH_COMMON | PH(TPL_PH_GADGET))
/* Added to every set in a compare template. */
#define TPL_PH_COMPARE (PH(TPL_PH_OLD) | PH(TPL_PH_NEW))

/*
 * Per-metric defaults of charts (the notebook's choices); names and
 * decimals come from the metric table.
 */
struct tpl_chart_defaults {
	const char *title;
	const char *y_label;
	enum tpl_yrange yrange;
};

static const struct tpl_chart_defaults tpl_charts[METRIC__MAX] = {
	[METRIC_CPU] = { .title = "CPU Usage (with {level}% CI)",
	    .y_label = "CPU Usage (%)", .yrange = TPL_YRANGE_ZERO },
	[METRIC_MEM] = { .title = "Memory Usage (with {level}% CI)",
	    .y_label = "Memory Usage (MiB)", .yrange = TPL_YRANGE_SPREAD },
	[METRIC_IGCPU] = { .title = "IG Process CPU Usage (with {level}% CI)",
	    .y_label = "CPU Usage (%)", .yrange = TPL_YRANGE_ZERO },
	[METRIC_IGMEM] = {
	    .title = "IG Process Memory Usage (with {level}% CI)",
	    .y_label = "Memory Usage (MiB)", .yrange = TPL_YRANGE_SPREAD },
	[METRIC_LOST] = { .title = "Lost events (with {level}% CI)",
	    .y_label = "Lost events per second", .yrange = TPL_YRANGE_ZERO },
};

/* Matplotlib's default colour cycle, for series without a colour. */
static const struct canvas_color tpl_cycle[] = {
	{ 0x1f, 0x77, 0xb4 }, { 0xff, 0x7f, 0x0e }, { 0x2c, 0xa0, 0x2c },
	{ 0xd6, 0x27, 0x28 }, { 0x94, 0x67, 0xbd }, { 0x8c, 0x56, 0x4b },
	{ 0xe3, 0x77, 0xc2 }, { 0x7f, 0x7f, 0x7f }, { 0xbc, 0xbd, 0x22 },
	{ 0x17, 0xbe, 0xcf },
};

static const struct canvas_color tpl_white = { 0xff, 0xff, 0xff };
static const struct canvas_color tpl_black = { 0x00, 0x00, 0x00 };
static const struct canvas_color tpl_green = { 0x4c, 0xaf, 0x50 };
static const struct canvas_color tpl_blue = { 0x21, 0x96, 0xf3 };
static const struct canvas_color tpl_rule = { 0xdd, 0xdd, 0xdd };
static const struct canvas_color tpl_zebra = { 0xf3, 0xf3, 0xf3 };
static const struct canvas_color tpl_grid = { 0xb0, 0xb0, 0xb0 };
static const struct canvas_color tpl_worse = { 0xc6, 0x28, 0x28 };
static const struct canvas_color tpl_better = { 0x2e, 0x7d, 0x32 };

/* A4 and US Letter in points, portrait. */
static const struct {
	const char *name;
	double width, height;
} tpl_pages[] = {
	{ "A4", 595.2755905511812, 841.8897637795276 },
	{ "Letter", 612.0, 792.0 },
};

static const char *const tpl_kind_names[] = {
	[TPL_COL_RATE] = "rate",
	[TPL_COL_MEAN] = "mean",
	[TPL_COL_OVERHEAD] = "overhead",
};

static const char *const tpl_yrange_names[] = {
	[TPL_YRANGE_ZERO] = "zero",
	[TPL_YRANGE_SPREAD] = "spread",
};

/* Where libxml2's errors go while a template is loaded. */
struct tpl_sink {
	struct diags *d;
	const char *name;
	enum diag_code code;
	size_t count;
};

/* libxml2's process-wide error handlers, saved to be put back. */
struct tpl_handlers {
	xmlStructuredErrorFunc serror;
	void *sctx;
	xmlGenericErrorFunc gerror;
	void *gctx;
};

/* An id seen on a line; the string belongs to the template being built. */
struct tpl_id {
	const char *id;
	unsigned long line;
	xmlNodePtr node;
};

/* State of the walk that turns the validated tree into a template. */
struct tpl_walk {
	struct diags *d;
	const char *name;
	struct template *t;
	size_t errors;
	struct tpl_id *ids; /* every figure and table id, for duplicates */
	size_t nids, capids;
};

/* msg without its newline, cut to TEMPLATE_DETAIL_MAX bytes (whole chars). */
static char *
tpl_clean_message(const char *msg)
{
	size_t len;
	char *s;

	if (msg == NULL)
		return xstrdup("");
	len = strlen(msg);
	while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	if (len <= TEMPLATE_DETAIL_MAX)
		return xstrndup(msg, len);
	len = TEMPLATE_DETAIL_MAX;
	while (len > 0 && ((unsigned char)msg[len] & 0xc0) == 0x80)
		len--;
	s = xmalloc(len + 4);
	memcpy(s, msg, len);
	memcpy(s + len, "...", 4);
	return s;
}

static void
tpl_on_error(void *ctx, xmlErrorPtr e)
{
	struct tpl_sink *sink = ctx;
	char *msg;

	if (e == NULL)
		return;
	/* After the first syntax error the parser's further ones are echoes. */
	if (sink->code == D_TEMPLATE_XML && sink->count > 0) {
		sink->count++;
		return;
	}
	msg = tpl_clean_message(e->message);
	diags_add(sink->d, sink->code, sink->name,
	    e->line > 0 ? (unsigned long)e->line : 0,
	    sink->code == D_TEMPLATE_XML && e->int2 > 0 ?
		(unsigned long)e->int2 : 0,
	    "%s", msg);
	free(msg);
	sink->count++;
}

static void
tpl_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Routes every libxml2 message to sink for the duration of one load. */
static void
tpl_handlers_install(struct tpl_handlers *saved, struct tpl_sink *sink)
{
	saved->serror = xmlStructuredError;
	saved->sctx = xmlStructuredErrorContext;
	saved->gerror = xmlGenericError;
	saved->gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(sink, tpl_on_error);
	xmlSetGenericErrorFunc(NULL, tpl_silent);
}

static void
tpl_handlers_restore(const struct tpl_handlers *saved)
{
	xmlSetStructuredErrorFunc(saved->sctx, saved->serror);
	xmlSetGenericErrorFunc(saved->gctx, saved->gerror);
}

/*
 * Reads at most max bytes of path; a larger file is refused with
 * too_big_code without reading the rest. Returns NULL on error.
 */
static char *
tpl_read_file(const char *path, size_t max, enum diag_code too_big_code,
    size_t *len, struct diags *d)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL) {
		diags_add(d, D_OPEN_FAILED, path, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	buf = xmalloc(max + 1);
	n = fread(buf, 1, max + 1, f);
	if (ferror(f)) {
		diags_add(d, D_READ_FAILED, path, 0, 0, "%s", strerror(errno));
		n = SIZE_MAX;
	} else if (n > max) {
		diags_add(d, too_big_code, path, 0, 0,
		    "larger than %zu bytes", max);
		n = SIZE_MAX;
	}
	fclose(f);
	if (n == SIZE_MAX) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The 1-based line of the first "<!DOCTYPE" in buf, or 0. */
static unsigned long
tpl_doctype_line(const char *buf, size_t len)
{
	static const char key[] = "<!DOCTYPE";
	unsigned long line = 1;
	size_t i;

	for (i = 0; i + sizeof(key) - 1 <= len; i++) {
		if (memcmp(buf + i, key, sizeof(key) - 1) == 0)
			return line;
		if (buf[i] == '\n')
			line++;
	}
	return 0;
}

/* Parses buf as XML without entities, DTDs or network; NULL on any error. */
static xmlDocPtr
tpl_parse(const char *buf, size_t len, const char *name, struct tpl_sink *sink)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;

	sink->code = D_TEMPLATE_XML;
	if (len > TEMPLATE_MAX_BYTES) {
		diags_add(sink->d, D_TEMPLATE_XML, name, 0, 0,
		    "larger than %d bytes", TEMPLATE_MAX_BYTES);
		return NULL;
	}
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		diags_add(sink->d, D_TEMPLATE_XML, name, 0, 0,
		    "cannot create an XML parser");
		return NULL;
	}
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL,
	    TEMPLATE_PARSE_OPTIONS);
	if (doc == NULL && sink->count == 0)
		diags_add(sink->d, D_TEMPLATE_XML, name, 0, 0, "cannot parse");
	xmlFreeParserCtxt(ctxt);
	if (doc != NULL && sink->count > 0) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)) {
		diags_add(sink->d, D_TEMPLATE_DOCTYPE, name,
		    tpl_doctype_line(buf, len), 0,
		    "entity and DTD declarations are not allowed");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

/*
 * Validates doc, parsed from the len bytes at buf, against the schema
 * file at xsd_path; 0 when valid. A shipped template under the shipped
 * schema, byte for byte, is valid already (test_template checks every
 * one): parsing the schema would be most of the loading. Any other
 * bytes, a user's template or a shipped one changed, are checked in full.
 */
static int
tpl_validate(xmlDocPtr doc, const char *buf, size_t blen, const char *xsd_path,
    struct tpl_sink *sink)
{
	xmlSchemaParserCtxtPtr pctxt;
	xmlSchemaPtr schema = NULL;
	xmlSchemaValidCtxtPtr vctxt;
	const char *name = sink->name;
	size_t len, before = sink->count;
	char *xsd;
	int rc = -1;

	xsd = tpl_read_file(xsd_path, TEMPLATE_MAX_BYTES, D_READ_FAILED, &len,
	    sink->d);
	if (xsd == NULL)
		return -1;
	if (shipped_holds(".xsd", xsd, len) && shipped_holds(".xml", buf, blen)) {
		free(xsd);
		return 0;
	}
	/* A broken schema is ours, but still reported against its own file. */
	sink->code = D_TEMPLATE_SCHEMA;
	sink->name = xsd_path;
	pctxt = xmlSchemaNewMemParserCtxt(xsd, (int)len);
	if (pctxt != NULL) {
		xmlSchemaSetParserStructuredErrors(pctxt, tpl_on_error, sink);
		schema = xmlSchemaParse(pctxt);
		xmlSchemaFreeParserCtxt(pctxt);
	}
	sink->name = name;
	free(xsd);
	if (schema == NULL) {
		if (sink->count == before)
			diags_add(sink->d, D_TEMPLATE_SCHEMA, xsd_path, 0, 0,
			    "cannot load the schema");
		return -1;
	}
	vctxt = xmlSchemaNewValidCtxt(schema);
	if (vctxt != NULL) {
		xmlSchemaSetValidStructuredErrors(vctxt, tpl_on_error, sink);
		rc = xmlSchemaValidateDoc(vctxt, doc);
		xmlSchemaFreeValidCtxt(vctxt);
	}
	xmlSchemaFree(schema);
	if (rc != 0 && sink->count == before)
		diags_add(sink->d, D_TEMPLATE_SCHEMA, sink->name, 0, 0,
		    "validation failed");
	return rc == 0 && sink->count == before ? 0 : -1;
}

/* --- Reading attributes of the validated tree ----------------------------- */

static unsigned long
tpl_line(xmlNodePtr n)
{
	long line = xmlGetLineNo(n);

	return line > 0 ? (unsigned long)line : 0;
}

static void
tpl_error(struct tpl_walk *w, enum diag_code code, xmlNodePtr n,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
tpl_error(struct tpl_walk *w, enum diag_code code, xmlNodePtr n,
    const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = xmalloc(len > 0 ? (size_t)len + 1 : 1);
	msg[0] = '\0';
	if (len > 0) {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	diags_add(w->d, code, w->name, tpl_line(n), 0, "%s", msg);
	free(msg);
	w->errors++;
}

static int
tpl_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* The attribute's value as a newly allocated string, or NULL when absent. */
static char *
tpl_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int
tpl_has(xmlNodePtr n, const char *name)
{
	return xmlHasNsProp(n, (const xmlChar *)name, NULL) != NULL;
}

static int
tpl_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Parses an xs:decimal (the schema has checked it) without strtod, whose
 * decimal point follows the locale. Returns 0, or -1 if s is no decimal.
 */
static int
tpl_parse_decimal(const char *s, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
		1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16 };
	uint64_t mant = 0;
	int neg = 0, digits = 0, scale = 0, point = 0;
	double v;

	while (tpl_is_space(*s))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; (*s >= '0' && *s <= '9') || (*s == '.' && !point); s++) {
		if (*s == '.') {
			point = 1;
			continue;
		}
		digits++;
		if (mant < 100000000000000000ull) {
			mant = mant * 10 + (uint64_t)(*s - '0');
			scale -= point;
		} else if (!point) {
			scale++;
		}
	}
	while (tpl_is_space(*s))
		s++;
	if (digits == 0 || *s != '\0')
		return -1;
	v = (double)mant;
	for (; scale < -16; scale += 16)
		v /= pow10[16];
	for (; scale > 16; scale -= 16)
		v *= pow10[16];
	v = scale < 0 ? v / pow10[-scale] : v * pow10[scale];
	*out = neg ? -v : v;
	return 0;
}

static double
tpl_num(struct tpl_walk *w, xmlNodePtr n, const char *name, double dflt)
{
	char *s = tpl_attr(n, name);
	double v = dflt;

	if (s != NULL && tpl_parse_decimal(s, &v) != 0)
		tpl_error(w, D_TEMPLATE_VALUE, n, "%s: not a number: %s",
		    name, s);
	free(s);
	return v;
}

static int
tpl_int(struct tpl_walk *w, xmlNodePtr n, const char *name, int dflt)
{
	double v = tpl_num(w, n, name, dflt);

	return (int)v;
}

static int
tpl_bool(xmlNodePtr n, const char *name, int dflt)
{
	char *s = tpl_attr(n, name);
	int v = dflt;

	if (s != NULL)
		v = strcmp(s, "true") == 0;
	free(s);
	return v;
}

static int
tpl_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static struct canvas_color
tpl_color(struct tpl_walk *w, xmlNodePtr n, const char *name,
    struct canvas_color dflt)
{
	char *s = tpl_attr(n, name);
	unsigned char rgb[3];
	int i, hi, lo;

	if (s == NULL)
		return dflt;
	for (i = 0; i < 3; i++) {
		hi = s[0] == '#' ? tpl_hex(s[1 + 2 * i]) : -1;
		lo = hi >= 0 ? tpl_hex(s[2 + 2 * i]) : -1;
		if (lo < 0)
			break;
		rgb[i] = (unsigned char)(hi * 16 + lo);
	}
	if (i < 3 || s[7] != '\0')
		tpl_error(w, D_TEMPLATE_VALUE, n,
		    "%s: not a #rrggbb colour: %s", name, s);
	free(s);
	if (i < 3)
		return dflt;
	return (struct canvas_color){ rgb[0], rgb[1], rgb[2] };
}

/* The index of the attribute's value in names, dflt when absent. */
static int
tpl_enum(struct tpl_walk *w, xmlNodePtr n, const char *name,
    const char *const *names, size_t nnames, int dflt)
{
	char *s = tpl_attr(n, name);
	int v = dflt;
	size_t i;

	if (s == NULL)
		return dflt;
	for (i = 0; i < nnames && strcmp(s, names[i]) != 0; i++)
		;
	if (i < nnames)
		v = (int)i;
	else
		tpl_error(w, D_TEMPLATE_VALUE, n, "%s: unexpected value '%s'",
		    name, s);
	free(s);
	return v;
}

/* The metric named by the attribute, or METRIC__MAX when absent. */
static enum metric
tpl_metric(struct tpl_walk *w, xmlNodePtr n)
{
	char *s = tpl_attr(n, "metric");
	enum metric m;

	if (s == NULL)
		return METRIC__MAX;
	/* The exact spelling, as the schema's enumeration has it; CSV headers ignore case. */
	m = metric_from_name(s);
	if (m != METRIC__MAX && strcmp(s, metric_name(m)) != 0)
		m = METRIC__MAX;
	if (m == METRIC__MAX)
		tpl_error(w, D_TEMPLATE_METRIC, n, "metric '%s'", s);
	free(s);
	return m;
}

/* --- Placeholders --------------------------------------------------------- */

static int
tpl_is_name_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/*
 * Looks at s[0]. Returns the bytes it spans and sets *ph: a placeholder's
 * index for "{name}", -2 for "{name}" with an unknown name, -1 for one
 * literal character *lit ("{{" and "}}" are literal braces).
 */
static size_t
tpl_token(const char *s, int *ph, char *lit)
{
	size_t n = 1;
	int i;

	*ph = -1;
	*lit = s[0];
	if ((s[0] == '{' || s[0] == '}') && s[1] == s[0])
		return 2;
	if (s[0] != '{')
		return 1;
	while (tpl_is_name_char((unsigned char)s[n]))
		n++;
	if (n == 1 || s[n] != '}')
		return 1;
	*ph = -2;
	for (i = 0; i < TPL_PH__MAX; i++)
		if (strlen(tpl_ph_names[i]) == n - 1 &&
		    memcmp(tpl_ph_names[i], s + 1, n - 1) == 0)
			*ph = i;
	return n + 1;
}

static const char *
tpl_ph_misplaced(int ph)
{
	switch (ph) {
	case TPL_PH_GADGET:
		return "{gadget} is only allowed inside <gadget>";
	case TPL_PH_PAGE:
		return "{page} is only allowed in the footer";
	case TPL_PH_PAGES:
		return "{pages} is only allowed in the footer";
	case TPL_PH_TITLE:
		return "{title} is not allowed in the title itself";
	case TPL_PH_OLD:
	case TPL_PH_NEW:
		return "{old} and {new} are only allowed in a compare template";
	default:
		return "placeholder not allowed here";
	}
}

/* Reports each placeholder of text that is unknown or not in allowed. */
static void
tpl_check_text(struct tpl_walk *w, xmlNodePtr n, const char *text,
    unsigned allowed)
{
	size_t len;
	int ph;
	char lit;

	if (w->t->kind == TPL_KIND_COMPARE)
		allowed |= TPL_PH_COMPARE;
	for (; *text != '\0'; text += len) {
		len = tpl_token(text, &ph, &lit);
		if (ph == -2)
			tpl_error(w, D_TEMPLATE_PLACEHOLDER, n,
			    "%.*s (known: {gadget} {level} {title} {date} "
			    "{page} {pages} {old} {new}; {{ and }} are literal "
			    "braces)",
			    (int)len, text);
		else if (ph >= 0 && !(allowed & PH(ph)))
			tpl_error(w, D_TEMPLATE_PLACEHOLDER, n, "%s",
			    tpl_ph_misplaced(ph));
	}
}

char *
template_expand(const char *text, const struct tpl_vars *vars)
{
	static const struct tpl_vars none;
	const char *val[TPL_PH__MAX];
	size_t len, n = 0, cap = 0, vlen;
	char *out = NULL, lit;
	const char *add;
	int ph;

	if (vars == NULL)
		vars = &none;
	val[TPL_PH_GADGET] = vars->gadget;
	val[TPL_PH_LEVEL] = vars->level;
	val[TPL_PH_TITLE] = vars->title;
	val[TPL_PH_DATE] = vars->date;
	val[TPL_PH_PAGE] = vars->page;
	val[TPL_PH_PAGES] = vars->pages;
	val[TPL_PH_OLD] = vars->old;
	val[TPL_PH_NEW] = vars->new;
	for (; text != NULL && *text != '\0'; text += len) {
		len = tpl_token(text, &ph, &lit);
		if (ph >= 0)
			add = val[ph] ? val[ph] : "", vlen = strlen(add);
		else if (ph == -2)
			add = text, vlen = len;
		else
			add = &lit, vlen = 1;
		xgrow((void **)&out, &cap, n + vlen + 1, 1);
		memcpy(out + n, add, vlen);
		n += vlen;
	}
	xgrow((void **)&out, &cap, n + 1, 1);
	out[n] = '\0';
	return out;
}

/* The attribute as text checked for placeholders, dflt when absent. */
static char *
tpl_text_attr(struct tpl_walk *w, xmlNodePtr n, const char *name,
    const char *dflt, unsigned allowed)
{
	char *s = tpl_attr(n, name);

	if (s == NULL)
		s = xstrdup(dflt);
	tpl_check_text(w, n, s, allowed);
	return s;
}

/* The element's text with white space runs collapsed to one space. */
static char *
tpl_content(xmlNodePtr n)
{
	xmlChar *raw = xmlNodeGetContent(n);
	const char *p = raw ? (const char *)raw : "";
	char *s = xmalloc(strlen(p) + 1), *q = s;

	for (; *p != '\0'; p++) {
		if (!tpl_is_space((unsigned char)*p))
			*q++ = *p;
		else if (q > s && !tpl_is_space((unsigned char)p[1]) &&
		    p[1] != '\0')
			*q++ = ' ';
	}
	*q = '\0';
	xmlFree(raw);
	return s;
}

/* --- The walk from tree to struct template -------------------------------- */

static size_t
tpl_count_elements(xmlNodePtr parent)
{
	xmlNodePtr c;
	size_t n = 0;

	for (c = parent->children; c != NULL; c = c->next)
		n += c->type == XML_ELEMENT_NODE;
	return n;
}

static void
tpl_note_id(struct tpl_walk *w, xmlNodePtr n, const char *id)
{
	xgrow((void **)&w->ids, &w->capids, w->nids + 1, sizeof(*w->ids));
	w->ids[w->nids].id = id;
	w->ids[w->nids].line = tpl_line(n);
	w->ids[w->nids].node = n;
	w->nids++;
}

/* The element's id attribute ("" when absent), noted for the uniqueness check. */
static char *
tpl_walk_id(struct tpl_walk *w, xmlNodePtr n)
{
	char *id = tpl_attr(n, "id");

	if (id == NULL)
		return xstrdup("");
	tpl_note_id(w, n, id);
	return id;
}

static int
tpl_id_cmp(const void *a, const void *b)
{
	const struct tpl_id *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

/* Ids name SVG files, so each may be used once (sorted: O(n log n)). */
static void
tpl_check_ids(struct tpl_walk *w)
{
	size_t i;

	if (w->nids < 2)
		return;
	qsort(w->ids, w->nids, sizeof(*w->ids), tpl_id_cmp);
	for (i = 1; i < w->nids; i++)
		if (strcmp(w->ids[i].id, w->ids[i - 1].id) == 0)
			tpl_error(w, D_TEMPLATE_VALUE, w->ids[i].node,
			    "id '%s' already used on line %lu", w->ids[i].id,
			    w->ids[i - 1].line);
}

static double
tpl_content_height(const struct template *t)
{
	return t->page_height - t->margin_top - t->margin_bottom;
}

static void
tpl_walk_series(struct tpl_walk *w, xmlNodePtr n, struct tpl_series *s,
    size_t index)
{
	s->case_name = tpl_attr(n, "case");
	if (s->case_name == NULL)
		s->case_name = xstrdup("");
	s->label = tpl_text_attr(w, n, "label", s->case_name,
	    TPL_PH_GADGET_SECTION);
	s->color = tpl_color(w, n, "color",
	    tpl_cycle[index % (sizeof(tpl_cycle) / sizeof(tpl_cycle[0]))]);
}

/* Series: each case at most once, and something to draw. */
static void
tpl_check_series(struct tpl_walk *w, xmlNodePtr n, const struct tpl_chart *c)
{
	size_t i, j;

	if (c->nseries == 0 && !c->other_cases)
		tpl_error(w, D_TEMPLATE_VALUE, n,
		    "chart has no <series> and other-cases=\"false\": "
		    "nothing to draw");
	for (i = 0; i < c->nseries; i++)
		for (j = 0; j < i; j++)
			if (strcmp(c->series[i].case_name,
			    c->series[j].case_name) == 0)
				tpl_error(w, D_TEMPLATE_VALUE, n,
				    "case '%s' appears twice in one chart",
				    c->series[i].case_name);
}

static const char *const tpl_chart_kind_names[] = {
	[TPL_CHART_BARS] = "bars",
	[TPL_CHART_OVERHEAD] = "overhead",
};

/* An overhead chart draws Cpu or Mem of gadgets, not series; a share is of lost events. */
static void
tpl_check_chart(struct tpl_walk *w, xmlNodePtr n, const struct tpl_chart *c)
{
	if (c->share && c->metric != METRIC__MAX && c->metric != METRIC_LOST)
		tpl_error(w, D_TEMPLATE_METRIC, n, "share=\"true\" is the share "
		    "of lost events: metric=\"Lost\" only, not %s",
		    metric_name(c->metric));
	if (c->kind != TPL_CHART_OVERHEAD) {
		tpl_check_series(w, n, c);
		return;
	}
	if (c->metric != METRIC__MAX && c->metric != METRIC_CPU &&
	    c->metric != METRIC_MEM)
		tpl_error(w, D_TEMPLATE_METRIC, n,
		    "overhead is only defined for Cpu and Mem, not %s",
		    metric_name(c->metric));
	if (c->nseries > 0 || tpl_has(n, "other-cases") || c->share)
		tpl_error(w, D_TEMPLATE_VALUE, n, "an overhead chart draws one "
		    "line per gadget: no <series>, other-cases= or share=");
	if (w->t->kind != TPL_KIND_REPORT)
		tpl_error(w, D_TEMPLATE_VALUE, n, "an overhead chart describes "
		    "a single run: only in a report template");
}

static void
tpl_walk_chart(struct tpl_walk *w, xmlNodePtr n, struct tpl_chart *c)
{
	const struct tpl_chart_defaults *mi;
	enum metric dm;
	xmlNodePtr ch;
	size_t i = 0;

	c->kind = (enum tpl_chart_kind)tpl_enum(w, n, "kind", tpl_chart_kind_names,
	    2, TPL_CHART_BARS);
	c->metric = tpl_metric(w, n);
	dm = c->metric < METRIC__MAX ? c->metric : METRIC_CPU;
	mi = &tpl_charts[dm];
	c->title = tpl_text_attr(w, n, "title", mi->title,
	    TPL_PH_GADGET_SECTION);
	c->x_label = tpl_text_attr(w, n, "x-label", "Events per Second",
	    TPL_PH_GADGET_SECTION);
	c->y_label = tpl_text_attr(w, n, "y-label", mi->y_label,
	    TPL_PH_GADGET_SECTION);
	c->other_cases = tpl_bool(n, "other-cases", 0);
	c->decimals = tpl_int(w, n, "decimals", metric_report_decimals(dm));
	c->value_labels = tpl_bool(n, "value-labels", 1);
	c->legend = tpl_bool(n, "legend", 1);
	c->runs = tpl_bool(n, "runs", 1);
	c->share = tpl_bool(n, "share", 0);
	c->omit_if_zero = tpl_bool(n, "omit-if-zero", 0);
	if (c->share && !tpl_has(n, "decimals"))
		c->decimals = TPL_SHARE_DECIMALS;
	c->yrange = (enum tpl_yrange)tpl_enum(w, n, "y-range",
	    tpl_yrange_names, 2, (int)mi->yrange);
	c->headroom = tpl_num(w, n, "headroom", 1.25);
	c->floor = tpl_num(w, n, "floor", 0.75);
	c->bar_opacity = tpl_num(w, n, "opacity", 0.8);
	if (c->yrange != TPL_YRANGE_SPREAD && tpl_has(n, "floor"))
		tpl_error(w, D_TEMPLATE_VALUE, n,
		    "floor only applies to y-range=\"spread\"");
	c->nseries = tpl_count_elements(n);
	c->series = xcalloc(c->nseries, sizeof(*c->series));
	for (ch = n->children; ch != NULL; ch = ch->next)
		if (tpl_is(ch, "series")) {
			tpl_walk_series(w, ch, &c->series[i], i);
			i++;
		}
	tpl_check_chart(w, n, c);
}

static void
tpl_check_height(struct tpl_walk *w, xmlNodePtr n, const struct tpl_figure *f)
{
	if (f->height > tpl_content_height(w->t))
		tpl_error(w, D_TEMPLATE_VALUE, n,
		    "figure height %g is more than the page's content "
		    "height %g", f->height, tpl_content_height(w->t));
}

static struct tpl_figure *
tpl_walk_figure(struct tpl_walk *w, xmlNodePtr n)
{
	struct tpl_figure *f = xcalloc(1, sizeof(*f));
	xmlNodePtr ch;
	size_t i = 0;

	f->id = tpl_walk_id(w, n);
	f->title = tpl_text_attr(w, n, "title", "", TPL_PH_GADGET_SECTION);
	f->height = tpl_num(w, n, "height", 250.0);
	tpl_check_height(w, n, f);
	f->ncharts = tpl_count_elements(n);
	f->charts = xcalloc(f->ncharts, sizeof(*f->charts));
	for (ch = n->children; ch != NULL; ch = ch->next)
		if (tpl_is(ch, "chart"))
			tpl_walk_chart(w, ch, &f->charts[i++]);
	return f;
}

/* A change chart: a figure without charts whose rows the comparison decides, by default at most the page's content height. */
static struct tpl_figure *
tpl_walk_change_chart(struct tpl_walk *w, xmlNodePtr n)
{
	struct tpl_figure *f = xcalloc(1, sizeof(*f));

	f->id = tpl_walk_id(w, n);
	f->title = tpl_text_attr(w, n, "title", "", TPL_PH_GADGET_SECTION);
	f->height = tpl_num(w, n, "height", tpl_content_height(w->t));
	tpl_check_height(w, n, f);
	return f;
}

/* Reports the attributes in names that n has but its column kind ignores. */
static void
tpl_column_extra(struct tpl_walk *w, xmlNodePtr n, enum tpl_column_kind kind,
    const char *const *names, size_t nnames)
{
	size_t i;

	for (i = 0; i < nnames; i++)
		if (tpl_has(n, names[i]))
			tpl_error(w, D_TEMPLATE_COLUMN, n,
			    "%s= does not apply to a %s column", names[i],
			    tpl_kind_names[kind]);
}

/* What a column of each kind must and must not have. */
static void
tpl_check_column(struct tpl_walk *w, xmlNodePtr n, const struct tpl_column *c)
{
	static const char *const rate_extra[] = { "case", "metric",
		"decimals", "ci", "integer", "share" };
	static const char *const overhead_extra[] = { "case", "integer", "share" };

	if (c->kind == TPL_COL_RATE)
		tpl_column_extra(w, n, c->kind, rate_extra, 6);
	if (c->kind == TPL_COL_OVERHEAD)
		tpl_column_extra(w, n, c->kind, overhead_extra, 3);
	if (c->share && c->metric != METRIC__MAX && c->metric != METRIC_LOST)
		tpl_error(w, D_TEMPLATE_METRIC, n, "share=\"true\" is the share "
		    "of lost events: metric=\"Lost\" only, not %s",
		    metric_name(c->metric));
	if (c->share && c->integer)
		tpl_error(w, D_TEMPLATE_COLUMN, n,
		    "integer=\"true\" and share=\"true\" exclude each other");
	if (c->kind == TPL_COL_MEAN && c->case_name == NULL)
		tpl_error(w, D_TEMPLATE_COLUMN, n,
		    "a mean column needs case=");
	if (c->kind != TPL_COL_RATE && !tpl_has(n, "metric"))
		tpl_error(w, D_TEMPLATE_METRIC, n, "a %s column needs metric=",
		    tpl_kind_names[c->kind]);
	if (c->kind == TPL_COL_OVERHEAD && c->metric != METRIC__MAX &&
	    c->metric != METRIC_CPU && c->metric != METRIC_MEM)
		tpl_error(w, D_TEMPLATE_METRIC, n,
		    "overhead is only defined for Cpu and Mem, not %s",
		    metric_name(c->metric));
	if (c->kind == TPL_COL_OVERHEAD && w->t->kind == TPL_KIND_COMPARE)
		tpl_error(w, D_TEMPLATE_COLUMN, n, "an overhead column describes "
		    "a single run: not allowed in a compare template (see "
		    "<overheads>)");
	if (c->integer && tpl_has(n, "decimals"))
		tpl_error(w, D_TEMPLATE_COLUMN, n,
		    "integer=\"true\" and decimals= exclude each other");
}

static char *
tpl_column_header(const struct tpl_column *c)
{
	const char *m = c->metric < METRIC__MAX ? metric_name(c->metric) : "";

	if (c->kind == TPL_COL_MEAN)
		return xasprintf("%s %s", c->case_name ? c->case_name : "", m);
	if (c->kind == TPL_COL_OVERHEAD)
		return xasprintf("%s overhead", m);
	return xstrdup("RPS");
}

static void
tpl_walk_column(struct tpl_walk *w, xmlNodePtr n, struct tpl_column *c)
{
	char *dflt;

	c->kind = (enum tpl_column_kind)tpl_enum(w, n, "kind", tpl_kind_names,
	    3, TPL_COL_RATE);
	c->metric = tpl_metric(w, n);
	c->case_name = tpl_attr(n, "case");
	c->decimals = tpl_int(w, n, "decimals",
	    metric_report_decimals(c->metric));
	c->show_ci = tpl_bool(n, "ci", c->kind == TPL_COL_OVERHEAD);
	c->integer = tpl_bool(n, "integer", 0);
	c->share = tpl_bool(n, "share", 0);
	/* A share of the rate is small: 0.011%, not 0. */
	if (c->share && !tpl_has(n, "decimals"))
		c->decimals = TPL_SHARE_DECIMALS;
	tpl_check_column(w, n, c);
	dflt = tpl_column_header(c);
	c->header = tpl_text_attr(w, n, "header", dflt, TPL_PH_GADGET_SECTION);
	free(dflt);
	if (c->kind != TPL_COL_MEAN) {
		free(c->case_name);
		c->case_name = NULL;
	}
}

/* Table colours: the notebook's green table, or the blue zebra raw data. */
static void
tpl_walk_style(struct tpl_walk *w, xmlNodePtr n, struct tpl_table_style *st,
    int raw)
{
	st->header_bg = tpl_color(w, n, "header-color",
	    raw ? tpl_blue : tpl_green);
	st->header_fg = tpl_color(w, n, "header-text-color", tpl_white);
	st->rule = tpl_color(w, n, "rule-color", tpl_rule);
	st->zebra = tpl_color(w, n, "zebra-color", tpl_zebra);
	st->zebra_on = tpl_bool(n, "zebra", raw);
	st->font_size = tpl_num(w, n, "font-size", raw ? 8.0 : 9.0);
}

static struct tpl_table *
tpl_walk_table(struct tpl_walk *w, xmlNodePtr n)
{
	struct tpl_table *tb = xcalloc(1, sizeof(*tb));
	xmlNodePtr ch;
	size_t i = 0;

	tb->id = tpl_walk_id(w, n);
	tb->title = tpl_text_attr(w, n, "title", "", TPL_PH_GADGET_SECTION);
	tpl_walk_style(w, n, &tb->style, 0);
	tb->ncolumns = tpl_count_elements(n);
	tb->columns = xcalloc(tb->ncolumns, sizeof(*tb->columns));
	for (ch = n->children; ch != NULL; ch = ch->next)
		if (tpl_is(ch, "column"))
			tpl_walk_column(w, ch, &tb->columns[i++]);
	return tb;
}

static const char *const tpl_block_names[] = {
	[TPL_BLOCK_HEADING] = "heading",
	[TPL_BLOCK_TEXT] = "text",
	[TPL_BLOCK_INPUTS] = "inputs",
	[TPL_BLOCK_MACHINE] = "machine",
	[TPL_BLOCK_SUMMARY] = "summary",
	[TPL_BLOCK_FIGURE] = "figure",
	[TPL_BLOCK_TABLE] = "table",
	[TPL_BLOCK_RAW] = "raw",
	[TPL_BLOCK_COST] = "cost",
	[TPL_BLOCK_GADGETS] = "gadgets",
	[TPL_BLOCK_PAGE_BREAK] = "page-break",
	[TPL_BLOCK_VERDICT] = "verdict",
	[TPL_BLOCK_MACHINES] = "machines",
	[TPL_BLOCK_SIGNIFICANT] = "significant",
	[TPL_BLOCK_ONLY] = "only",
	[TPL_BLOCK_CHANGES] = "changes",
	[TPL_BLOCK_OVERHEADS] = "overheads",
	[TPL_BLOCK_CHANGE_CHART] = "change-chart",
	[TPL_BLOCK_STEPS] = "steps",
	[TPL_BLOCK_LATEST] = "latest",
	[TPL_BLOCK_RUNS] = "runs",
	[TPL_BLOCK_HISTORY] = "history",
};

/* The table of a block whose rows the data decides (cost and compare blocks): an optional id, a title and a style, no columns. */
static struct tpl_table *
tpl_walk_compare_table(struct tpl_walk *w, xmlNodePtr n, unsigned allowed)
{
	struct tpl_table *tb = xcalloc(1, sizeof(*tb));

	tb->id = tpl_walk_id(w, n);
	tb->title = tpl_text_attr(w, n, "title", "", allowed);
	tpl_walk_style(w, n, &tb->style, 0);
	return tb;
}

/* The kind of template block kind k belongs to, or -1 for any. */
static int
tpl_block_owner(enum tpl_block_kind k)
{
	if (k >= TPL_BLOCK_STEPS && k <= TPL_BLOCK_HISTORY)
		return TPL_KIND_TREND;
	if (k >= TPL_BLOCK_VERDICT && k <= TPL_BLOCK_CHANGE_CHART)
		return TPL_KIND_COMPARE;
	if (k == TPL_BLOCK_INPUTS || k == TPL_BLOCK_MACHINE ||
	    k == TPL_BLOCK_SUMMARY || k == TPL_BLOCK_RAW || k == TPL_BLOCK_COST ||
	    k == TPL_BLOCK_GADGETS)
		return TPL_KIND_REPORT;
	return -1;
}

/* Blocks that only make sense for one kind of template, checked by kind. */
static void
tpl_check_block_kind(struct tpl_walk *w, xmlNodePtr n, enum tpl_block_kind k)
{
	int owner = tpl_block_owner(k);

	if (owner == TPL_KIND_COMPARE && w->t->kind != TPL_KIND_COMPARE)
		tpl_error(w, D_TEMPLATE_VALUE, n, "<%s> is only allowed in a "
		    "compare template (<report kind=\"compare\">)",
		    (const char *)n->name);
	if (owner == TPL_KIND_TREND && w->t->kind != TPL_KIND_TREND)
		tpl_error(w, D_TEMPLATE_VALUE, n, "<%s> is only allowed in a "
		    "trend template (<report kind=\"trend\">)",
		    (const char *)n->name);
	if (owner == TPL_KIND_REPORT && w->t->kind != TPL_KIND_REPORT)
		tpl_error(w, D_TEMPLATE_VALUE, n, "<%s> describes a single run: "
		    "not allowed in a %s template", (const char *)n->name,
		    w->t->kind == TPL_KIND_COMPARE ? "compare" : "trend");
}

/* A trend's <history>: a table of a case's metric per run and rate. */
static void
tpl_walk_history(struct tpl_walk *w, xmlNodePtr n, struct tpl_block *b,
    unsigned allowed)
{
	b->table = tpl_walk_compare_table(w, n, allowed);
	b->case_name = tpl_attr(n, "case");
	b->metric = tpl_metric(w, n);
	if (b->case_name != NULL && strcmp(b->case_name, "overhead") == 0 &&
	    b->metric != METRIC_CPU && b->metric != METRIC_MEM)
		tpl_error(w, D_TEMPLATE_METRIC, n, "the overhead has Cpu and "
		    "Mem only, not %s", metric_name(b->metric));
}

static void
tpl_walk_block(struct tpl_walk *w, xmlNodePtr n, struct tpl_block *b,
    unsigned allowed)
{
	size_t k;

	for (k = 0; k < sizeof(tpl_block_names) / sizeof(tpl_block_names[0]) &&
	    !tpl_is(n, tpl_block_names[k]); k++)
		;
	b->kind = (enum tpl_block_kind)k;
	if (k < sizeof(tpl_block_names) / sizeof(tpl_block_names[0]))
		tpl_check_block_kind(w, n, b->kind);
	switch (b->kind) {
	case TPL_BLOCK_HEADING:
	case TPL_BLOCK_TEXT:
		b->text = tpl_content(n);
		tpl_check_text(w, n, b->text, allowed);
		break;
	case TPL_BLOCK_FIGURE:
		b->figure = tpl_walk_figure(w, n);
		break;
	case TPL_BLOCK_TABLE:
		b->table = tpl_walk_table(w, n);
		break;
	case TPL_BLOCK_CHANGE_CHART:
		b->figure = tpl_walk_change_chart(w, n);
		break;
	case TPL_BLOCK_RAW:
		tpl_walk_style(w, n, &b->raw, 1);
		break;
	case TPL_BLOCK_HISTORY:
		tpl_walk_history(w, n, b, allowed);
		break;
	case TPL_BLOCK_COST:
	case TPL_BLOCK_GADGETS:
	case TPL_BLOCK_RUNS:
	case TPL_BLOCK_MACHINES:
	case TPL_BLOCK_SIGNIFICANT:
	case TPL_BLOCK_CHANGES:
	case TPL_BLOCK_OVERHEADS:
		b->table = tpl_walk_compare_table(w, n, allowed);
		break;
	case TPL_BLOCK_INPUTS:
	case TPL_BLOCK_MACHINE:
	case TPL_BLOCK_SUMMARY:
	case TPL_BLOCK_PAGE_BREAK:
	case TPL_BLOCK_VERDICT:
	case TPL_BLOCK_ONLY:
	case TPL_BLOCK_STEPS:
	case TPL_BLOCK_LATEST:
		break;
	default:
		b->kind = TPL_BLOCK_PAGE_BREAK;
		tpl_error(w, D_TEMPLATE_VALUE, n, "unexpected element <%s>",
		    (const char *)n->name);
	}
}

/*
 * Outside a gadget a figure draws every gadget: a report's overhead
 * charts (kind="overhead"), a trend's cost figure; a comparison has none.
 */
static void
tpl_check_outside_figure(struct tpl_walk *w, xmlNodePtr n,
    const struct tpl_figure *f)
{
	size_t i;

	if (w->t->kind == TPL_KIND_TREND)
		return;
	if (w->t->kind == TPL_KIND_COMPARE) {
		tpl_error(w, D_TEMPLATE_VALUE, n, "<figure> outside <gadget> is "
		    "only allowed in a report or trend template");
		return;
	}
	for (i = 0; i < f->ncharts; i++)
		if (f->charts[i].kind != TPL_CHART_OVERHEAD) {
			tpl_error(w, D_TEMPLATE_VALUE, n, "outside <gadget> a "
			    "figure draws every gadget: its charts must be "
			    "kind=\"overhead\"");
			return;
		}
}

static void
tpl_walk_section(struct tpl_walk *w, xmlNodePtr n, struct tpl_section *s)
{
	xmlNodePtr ch;
	size_t i = 0;

	if (tpl_is(n, "gadget"))
		s->kind = TPL_SECTION_GADGET;
	else if (tpl_is(n, "overview"))
		s->kind = TPL_SECTION_OVERVIEW;
	else if (tpl_is(n, "appendix"))
		s->kind = TPL_SECTION_APPENDIX;
	else
		s->kind = TPL_SECTION_COVER;
	s->nblocks = tpl_count_elements(n);
	s->blocks = xcalloc(s->nblocks, sizeof(*s->blocks));
	for (ch = n->children; ch != NULL; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE) {
			tpl_walk_block(w, ch, &s->blocks[i], s->kind ==
			    TPL_SECTION_GADGET ? TPL_PH_GADGET_SECTION :
			    TPL_PH_COMMON);
			if (s->blocks[i].kind == TPL_BLOCK_FIGURE &&
			    s->kind != TPL_SECTION_GADGET)
				tpl_check_outside_figure(w, ch, s->blocks[i].figure);
			i++;
		}
}

/* Page size, orientation and margins; the content area must stay usable. */
static void
tpl_walk_page(struct tpl_walk *w, xmlNodePtr n)
{
	static const char *const sizes[] = { "A4", "Letter" };
	static const char *const orientations[] = { "portrait", "landscape" };
	struct template *t = w->t;
	int size = tpl_enum(w, n, "size", sizes, 2, 0);
	int landscape = tpl_enum(w, n, "orientation", orientations, 2, 0);
	double m, tmp;

	t->page_width = tpl_num(w, n, "width", tpl_pages[size].width);
	t->page_height = tpl_num(w, n, "height", tpl_pages[size].height);
	if (tpl_has(n, "width") != tpl_has(n, "height"))
		tpl_error(w, D_TEMPLATE_VALUE, n,
		    "give both width= and height=, or neither");
	if ((t->page_width > t->page_height) != landscape &&
	    t->page_width != t->page_height) {
		tmp = t->page_width;
		t->page_width = t->page_height;
		t->page_height = tmp;
	}
	m = tpl_num(w, n, "margin", 36.0);
	t->margin_top = tpl_num(w, n, "margin-top", m);
	t->margin_right = tpl_num(w, n, "margin-right", m);
	t->margin_bottom = tpl_num(w, n, "margin-bottom", m);
	t->margin_left = tpl_num(w, n, "margin-left", m);
	if (t->page_width - t->margin_left - t->margin_right < 72.0 ||
	    tpl_content_height(t) < 72.0)
		tpl_error(w, D_TEMPLATE_VALUE, n,
		    "margins leave less than 72 points of content "
		    "across or down the page");
}

static void
tpl_walk_fonts(struct tpl_walk *w, xmlNodePtr n)
{
	struct template *t = w->t;

	t->title_size = tpl_num(w, n, "title", t->title_size);
	t->heading_size = tpl_num(w, n, "heading", t->heading_size);
	t->body_size = tpl_num(w, n, "body", t->body_size);
	t->figure_title_size = tpl_num(w, n, "figure-title",
	    t->figure_title_size);
	t->axis_size = tpl_num(w, n, "axis", t->axis_size);
	t->label_size = tpl_num(w, n, "label", t->label_size);
}

static void
tpl_walk_colors(struct tpl_walk *w, xmlNodePtr n)
{
	struct template *t = w->t;

	t->text_color = tpl_color(w, n, "text", t->text_color);
	t->grid_color = tpl_color(w, n, "grid", t->grid_color);
	t->grid_opacity = tpl_num(w, n, "grid-opacity", t->grid_opacity);
	t->worse_color = tpl_color(w, n, "worse", t->worse_color);
	t->better_color = tpl_color(w, n, "better", t->better_color);
}

/* The settings a template without <page>, <fonts> or <colors> gets. */
static void
tpl_defaults(struct template *t)
{
	t->page_width = tpl_pages[0].width;
	t->page_height = tpl_pages[0].height;
	t->margin_top = t->margin_right = 36.0;
	t->margin_bottom = t->margin_left = 36.0;
	t->title_size = 24.0;
	t->heading_size = 16.0;
	t->body_size = 10.0;
	t->figure_title_size = 16.0;
	t->axis_size = 10.0;
	t->label_size = 9.0;
	t->text_color = tpl_black;
	t->grid_color = tpl_grid;
	t->grid_opacity = 0.3;
	t->worse_color = tpl_worse;
	t->better_color = tpl_better;
}

/* The file's base name without ".xml", for a template without name=. */
static char *
tpl_default_name(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 4 && strcmp(base + len - 4, ".xml") == 0)
		len -= 4;
	return xstrndup(base, len);
}

static void
tpl_walk_report(struct tpl_walk *w, xmlNodePtr root)
{
	struct template *t = w->t;
	xmlNodePtr ch;
	size_t i = 0;

	static const char *const kinds[] = { "report", "compare", "trend" };

	tpl_defaults(t);
	t->kind = (enum tpl_kind)tpl_enum(w, root, "kind", kinds, 3,
	    TPL_KIND_REPORT);
	t->name = tpl_attr(root, "name");
	if (t->name == NULL)
		t->name = tpl_default_name(w->name);
	t->title = tpl_text_attr(w, root, "title",
	    t->kind == TPL_KIND_COMPARE ? "Inspektor Gadget benchmark "
	    "comparison" : t->kind == TPL_KIND_TREND ? "Inspektor Gadget "
	    "benchmark history" : "Inspektor Gadget benchmark report",
	    TPL_PH_REPORT_TITLE);
	t->footer = tpl_text_attr(w, root, "footer", "", TPL_PH_FOOTER);
	if (t->footer[0] == '\0') {
		free(t->footer);
		t->footer = NULL;
	}
	for (ch = root->children; ch != NULL; ch = ch->next)
		if (tpl_is(ch, "cover") || tpl_is(ch, "overview") ||
		    tpl_is(ch, "gadget") || tpl_is(ch, "appendix"))
			t->nsections++;
	t->sections = xcalloc(t->nsections, sizeof(*t->sections));
	for (ch = root->children; ch != NULL; ch = ch->next) {
		if (tpl_is(ch, "page"))
			tpl_walk_page(w, ch);
		else if (tpl_is(ch, "fonts"))
			tpl_walk_fonts(w, ch);
		else if (tpl_is(ch, "colors"))
			tpl_walk_colors(w, ch);
		else if (ch->type == XML_ELEMENT_NODE)
			tpl_walk_section(w, ch, &t->sections[i++]);
	}
	tpl_check_ids(w);
}

/* --- Entry points --------------------------------------------------------- */

static struct template *
tpl_load(const char *buf, size_t len, const char *name, const char *xsd_path,
    struct diags *d)
{
	struct tpl_sink sink = { d, name, D_TEMPLATE_XML, 0 };
	struct tpl_handlers saved;
	struct tpl_walk w = { d, name, NULL, 0, NULL, 0, 0 };
	xmlDocPtr doc;

	tpl_handlers_install(&saved, &sink);
	doc = tpl_parse(buf, len, name, &sink);
	if (doc != NULL && tpl_validate(doc, buf, len, xsd_path, &sink) == 0) {
		w.t = xcalloc(1, sizeof(*w.t));
		w.t->path = xstrdup(name);
		tpl_walk_report(&w, xmlDocGetRootElement(doc));
		if (w.errors > 0) {
			template_free(w.t);
			w.t = NULL;
		}
	}
	free(w.ids);
	xmlFreeDoc(doc);
	tpl_handlers_restore(&saved);
	return w.t;
}

struct template *
template_load(const char *path, const char *xsd_path, struct diags *d)
{
	struct template *t;
	size_t len;
	char *buf;

	buf = tpl_read_file(path, TEMPLATE_MAX_BYTES, D_TEMPLATE_XML, &len, d);
	if (buf == NULL)
		return NULL;
	t = tpl_load(buf, len, path, xsd_path, d);
	free(buf);
	return t;
}

struct template *
template_load_memory(const char *buf, size_t len, const char *name,
    const char *xsd_path, struct diags *d)
{
	return tpl_load(buf, len, name ? name : "template", xsd_path, d);
}

static void
tpl_free_figure(struct tpl_figure *f)
{
	size_t i, j;

	if (f == NULL)
		return;
	for (i = 0; i < f->ncharts; i++) {
		for (j = 0; j < f->charts[i].nseries; j++) {
			free(f->charts[i].series[j].case_name);
			free(f->charts[i].series[j].label);
		}
		free(f->charts[i].series);
		free(f->charts[i].title);
		free(f->charts[i].x_label);
		free(f->charts[i].y_label);
	}
	free(f->charts);
	free(f->id);
	free(f->title);
	free(f);
}

static void
tpl_free_table(struct tpl_table *tb)
{
	size_t i;

	if (tb == NULL)
		return;
	for (i = 0; i < tb->ncolumns; i++) {
		free(tb->columns[i].header);
		free(tb->columns[i].case_name);
	}
	free(tb->columns);
	free(tb->id);
	free(tb->title);
	free(tb);
}

void
template_free(struct template *t)
{
	size_t i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nsections; i++) {
		for (j = 0; j < t->sections[i].nblocks; j++) {
			free(t->sections[i].blocks[j].text);
			free(t->sections[i].blocks[j].case_name);
			tpl_free_figure(t->sections[i].blocks[j].figure);
			tpl_free_table(t->sections[i].blocks[j].table);
		}
		free(t->sections[i].blocks);
	}
	free(t->sections);
	free(t->path);
	free(t->name);
	free(t->title);
	free(t->footer);
	free(t);
}
