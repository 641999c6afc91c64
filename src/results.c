/* Benchmark result files: header layouts, validation and strict numbers, fed to the aggregation. */
#include "results.h"

#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"
#include "metric.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * Largest magnitude of a value: far above any rate, CPU share or memory
 * size, and low enough that sums of squares in the statistics stay finite
 * (1e308 is finite, its square is not). Messages and the man page say 1e15.
 */
#define RESULTS_MAX_MAGNITUDE 1e15

/* Unknown columns named one by one; the rest are counted in one more note. */
#define RESULTS_MAX_UNKNOWN_NOTES 10

/* What a column of the input holds. */
enum role {
	ROLE_GADGET,
	ROLE_CASE,
	ROLE_RUN,
	ROLE_RATE,
	ROLE_METRIC, /* + metric */
	ROLE_UNKNOWN = ROLE_METRIC + METRIC__MAX,
	ROLE__MAX
};

/* Names of the roles before the metrics; a metric's is its metric_name. */
static const char *const role_names[ROLE_METRIC] = {
	[ROLE_GADGET] = "gadget",
	[ROLE_CASE] = "case",
	[ROLE_RUN] = "Run",
	[ROLE_RATE] = "EventsPerSecond",
};

static const char *
role_name(enum role r)
{
	if (r < ROLE_METRIC)
		return role_names[r];
	return metric_name((enum metric)(r - ROLE_METRIC));
}

/* Data bytes from which a regular file is read by two threads. */
#define PARALLEL_MIN (8 * 1024 * 1024)
/* Most columns a header may have for rows to take the fast path. */
#define FAST_MAX_COLS 64
/* Longest gadget or case name remembered as already checked. */
#define FAST_NAME_MAX 64

/* The header of one file, resolved. */
struct layout {
	size_t ncols;
	enum role *role;          /* per column */
	long col_of[ROLE__MAX];   /* column index of each role, -1 if absent */
	char **names;             /* trimmed header names, for messages */
	unsigned present;         /* metrics with a column: a valid row has them all */
};

/* A name whose bytes were found valid, so equal bytes need no new check. */
struct known_name {
	char s[FAST_NAME_MAX];
	size_t len;
};

struct reader_state {
	struct aggregate *a;
	const char *path;
	size_t input;
	struct layout lay;
	int have_header;
	unsigned long header_line;
	unsigned long rows;
	struct diags *d;
	struct known_name known[2]; /* gadget, case */
	int last_ok;                /* the fast path's last row was added */
	double last_rate;           /* its rate */
};

static const char *
trim(const char *s, size_t len, size_t *out_len)
{
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r'))
		len--;
	*out_len = len;
	return s;
}

/* Makes a short, printable copy of a cell for a message. */
static char *
quote_cell(const char *s, size_t len)
{
	char *clean, *out;

	if (len > 40) {
		clean = utf8_clean(s, 40);
		out = xasprintf("'%s...'", clean);
	} else {
		clean = utf8_clean(s, len);
		out = xasprintf("'%s'", clean);
	}
	free(clean);
	return out;
}

/* Powers of ten that a double holds exactly. */
static const double exact_pow10[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static int
is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

/*
 * Parses the number at s (stopping at end or at the first byte that
 * cannot continue it) when Clinger's fast path gives strtod's correctly
 * rounded value: an integer mantissa below 2^53 times or divided by an
 * exact power of ten, one IEEE operation. Returns the end of the number,
 * or NULL when strtod must decide (or it is no number).
 */
static const char *
fast_number(const char *s, const char *end, double *out)
{
	const char *p = s;
	uint64_t m = 0;
	int neg = 0, digits = 0, e = 0, ev = 0, eneg = 0;
	double x;

	if (FLT_EVAL_METHOD != 0)
		return NULL; /* extended precision would round twice */
	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (; p < end && is_digit(*p); p++, digits++)
		m = m * 10 + (uint64_t)(*p - '0');
	if (p < end && *p == '.')
		for (p++; p < end && is_digit(*p); p++, digits++, e--)
			m = m * 10 + (uint64_t)(*p - '0');
	if (digits == 0 || digits > 19 || m > (UINT64_C(1) << 53))
		return NULL;
	if (p < end && (*p == 'e' || *p == 'E')) {
		const char *q = ++p;

		if (p < end && (*p == '-' || *p == '+'))
			eneg = *p++ == '-';
		for (q = p; p < end && is_digit(*p) && p - q < 4; p++)
			ev = ev * 10 + (*p - '0');
		if (p == q || (p < end && is_digit(*p)))
			return NULL;
		e += eneg ? -ev : ev;
	}
	if (e < -22 || e > 22)
		return NULL;
	x = (double)m;
	x = e < 0 ? x / exact_pow10[-e] : x * exact_pow10[e];
	*out = neg ? -x : x;
	return p;
}

int
results_parse_number(const char *s, size_t len, double *out)
{
	char buf[128], *end;
	size_t i = 0, digits = 0;

	if (len == 0)
		return D_EMPTY_CELL;
	if (s[i] == '+' || s[i] == '-')
		i++;
	if (len - i >= 3 && (strncasecmp(s + i, "nan", 3) == 0 ||
	    strncasecmp(s + i, "inf", 3) == 0) &&
	    (len - i == 3 || (len - i == 8 && strncasecmp(s + i, "infinity", 8) == 0)))
		return D_NOT_FINITE;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return D_NOT_A_NUMBER;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t exp_digits = 0;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			exp_digits++;
		if (exp_digits == 0)
			return D_NOT_A_NUMBER;
	}
	if (i != len)
		return D_NOT_A_NUMBER;
	if (fast_number(s, s + len, out) == s + len)
		return 0;
	if (len < sizeof(buf)) {
		memcpy(buf, s, len);
		buf[len] = '\0';
		*out = strtod(buf, &end);
	} else {
		char *big = xstrndup(s, len);

		*out = strtod(big, &end);
		free(big);
	}
	if (!isfinite(*out))
		return D_NOT_FINITE;
	return 0;
}

static enum role
role_of(const char *name, int older)
{
	enum metric m;

	if (strcasecmp(name, "GadgetName") == 0)
		return ROLE_GADGET;
	if (strcasecmp(name, "TestName") == 0)
		return older ? ROLE_CASE : ROLE_GADGET;
	if (strcasecmp(name, "TestCase") == 0)
		return older ? ROLE_UNKNOWN : ROLE_CASE;
	if (strcasecmp(name, "Run") == 0)
		return ROLE_RUN;
	if (strcasecmp(name, "EventsPerSecond") == 0)
		return ROLE_RATE;
	m = metric_from_name(name);
	return m < METRIC__MAX ? (enum role)(ROLE_METRIC + m) : ROLE_UNKNOWN;
}

static void
layout_free(struct layout *lay)
{
	size_t i;

	for (i = 0; i < lay->ncols; i++)
		free(lay->names[i]);
	free(lay->names);
	free(lay->role);
	memset(lay, 0, sizeof(*lay));
}

static void
check_required(struct reader_state *st, const struct csv_record *rec,
    int older)
{
	static const enum role required[] = { ROLE_GADGET, ROLE_CASE,
	    ROLE_RATE, ROLE_METRIC + METRIC_CPU, ROLE_METRIC + METRIC_MEM };
	size_t i;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		const char *name = role_name(required[i]);

		if (st->lay.col_of[required[i]] >= 0)
			continue;
		if (required[i] == ROLE_GADGET)
			name = "TestName (or GadgetName)";
		else if (required[i] == ROLE_CASE)
			name = older ? "TestName" : "TestCase";
		diags_add(st->d, D_MISSING_COLUMN, st->path, rec->line, 1,
		    "%s", name);
	}
}

/* Resolves the header record; returns -1 (diagnostics added) when unusable. */
static int
read_header(struct reader_state *st, const struct csv_record *rec)
{
	size_t i, len, errors = st->d->errors, unknown = 0;
	int older = 0, r;
	unsigned metrics = 0;

	st->lay.ncols = rec->nfields;
	st->lay.role = xcalloc(rec->nfields, sizeof(*st->lay.role));
	st->lay.names = xcalloc(rec->nfields, sizeof(*st->lay.names));
	for (r = 0; r < ROLE__MAX; r++)
		st->lay.col_of[r] = -1;
	for (i = 0; i < rec->nfields; i++) {
		const char *s = trim(rec->fields[i].text, rec->fields[i].len, &len);

		st->lay.names[i] = utf8_clean(s, len);
		if (strcasecmp(st->lay.names[i], "GadgetName") == 0)
			older = 1;
	}
	for (i = 0; i < rec->nfields; i++) {
		enum role role = role_of(st->lay.names[i], older);

		st->lay.role[i] = role;
		if (role == ROLE_UNKNOWN) {
			/* A note per column would crowd errors out of the list. */
			if (++unknown <= RESULTS_MAX_UNKNOWN_NOTES)
				diags_add(st->d, D_UNKNOWN_COLUMN, st->path,
				    rec->line, rec->fields[i].column, "%s",
				    st->lay.names[i]);
			continue;
		}
		if (st->lay.col_of[role] >= 0) {
			diags_add(st->d, D_DUPLICATE_COLUMN, st->path, rec->line,
			    rec->fields[i].column, "%s", st->lay.names[i]);
			continue;
		}
		st->lay.col_of[role] = (long)i;
		if (role >= ROLE_METRIC && role < ROLE_UNKNOWN)
			metrics |= 1u << (role - ROLE_METRIC);
	}
	if (unknown > RESULTS_MAX_UNKNOWN_NOTES)
		diags_add(st->d, D_UNKNOWN_COLUMN, st->path, rec->line, 0,
		    "%zu more", unknown - RESULTS_MAX_UNKNOWN_NOTES);
	check_required(st, rec, older);
	if (st->d->errors > errors)
		return -1;
	st->lay.present = metrics;
	aggregate_note_columns(st->a, metrics, st->lay.col_of[ROLE_RUN] >= 0);
	return 0;
}

/* "# Key: value" before the header describes the machine. */
static void
read_comment(struct reader_state *st, const struct csv_record *rec)
{
	const char *text = rec->fields[0].text, *colon;
	size_t klen, vlen;
	const char *key, *value;
	char *k, *v;

	if (st->have_header || (colon = strchr(text, ':')) == NULL)
		return;
	key = trim(text, (size_t)(colon - text), &klen);
	value = trim(colon + 1, strlen(colon + 1), &vlen);
	if (klen == 0 || klen > 64 || vlen == 0)
		return;
	k = utf8_clean(key, klen);
	v = utf8_clean(value, vlen);
	aggregate_add_meta(st->a, k, v);
	free(k);
	free(v);
}

/* A cell of the current row, trimmed, with its position. */
struct cell {
	const char *s;
	size_t len;
	unsigned long line, column;
};

static struct cell
cell_at(const struct csv_record *rec, long col)
{
	const struct csv_field *f = &rec->fields[col];
	struct cell c;

	c.s = trim(f->text, f->len, &c.len);
	c.line = f->line;
	c.column = f->column; /* the reader points at the first non-blank byte */
	return c;
}

static int
read_name(struct reader_state *st, const struct cell *c, const char *what)
{
	size_t bad;

	if (c->len == 0) {
		diags_add(st->d, D_EMPTY_NAME, st->path, c->line, c->column,
		    "%s", what);
		return -1;
	}
	if (utf8_check(c->s, c->len, &bad) < 0) {
		diags_add(st->d, D_BAD_ENCODING, st->path, c->line,
		    c->column + bad, "%s name", what);
		return -1;
	}
	return 0;
}

static int
read_value(struct reader_state *st, const struct cell *c, enum role role,
    double *out)
{
	int code = results_parse_number(c->s, c->len, out);
	char *shown;

	if (code != 0) {
		shown = quote_cell(c->s, c->len);
		if (code == D_EMPTY_CELL)
			diags_add(st->d, D_EMPTY_CELL, st->path, c->line,
			    c->column, "column %s", role_name(role));
		else
			diags_add(st->d, (enum diag_code)code, st->path, c->line,
			    c->column, "%s in column %s", shown, role_name(role));
		free(shown);
		return -1;
	}
	if (fabs(*out) > RESULTS_MAX_MAGNITUDE) {
		shown = quote_cell(c->s, c->len);
		diags_add(st->d, D_OUT_OF_RANGE, st->path, c->line, c->column,
		    "%s in column %s (at most 1e15)", shown, role_name(role));
		free(shown);
		return -1;
	}
	if (role == ROLE_RATE && *out < 0) {
		shown = quote_cell(c->s, c->len);
		diags_add(st->d, D_NEGATIVE_RATE, st->path, c->line, c->column,
		    "%s", shown);
		free(shown);
		return -1;
	}
	return 0;
}

/* Which column each cell of a raw row comes from. */
static const enum role raw_role[RAW__MAX] = {
	[RAW_GADGET] = ROLE_GADGET, [RAW_CASE] = ROLE_CASE,
	[RAW_RUN] = ROLE_RUN, [RAW_RATE] = ROLE_RATE,
	[RAW_CPU] = ROLE_METRIC + METRIC_CPU,
	[RAW_MEM] = ROLE_METRIC + METRIC_MEM,
	[RAW_IGCPU] = ROLE_METRIC + METRIC_IGCPU,
	[RAW_IGMEM] = ROLE_METRIC + METRIC_IGMEM,
	[RAW_LOST] = ROLE_METRIC + METRIC_LOST,
};

static void
keep_raw(struct reader_state *st, const struct csv_record *rec)
{
	char *cell[RAW__MAX];
	int i;

	for (i = 0; i < RAW__MAX; i++) {
		long col = st->lay.col_of[raw_role[i]];
		struct cell c;

		if (col < 0) {
			cell[i] = NULL;
			continue;
		}
		c = cell_at(rec, col);
		cell[i] = utf8_clean(c.s, c.len);
	}
	aggregate_add_raw(st->a, (const char *const *)cell, st->input);
	for (i = 0; i < RAW__MAX; i++)
		free(cell[i]);
}

static void
read_row(struct reader_state *st, const struct csv_record *rec)
{
	double value[METRIC__MAX] = { 0 }, rate = 0, run;
	unsigned present = 0;
	size_t errors = st->d->errors;
	struct cell gadget, tcase, c;
	struct aggregate_origin origin;
	int m;

	if (rec->nfields != st->lay.ncols) {
		const struct csv_field *f = &rec->fields[rec->nfields > st->lay.ncols ?
		    st->lay.ncols : rec->nfields - 1];

		diags_add(st->d, D_FIELD_COUNT, st->path, f->line, f->column,
		    "expected %zu, found %zu", st->lay.ncols, rec->nfields);
		return;
	}
	gadget = cell_at(rec, st->lay.col_of[ROLE_GADGET]);
	tcase = cell_at(rec, st->lay.col_of[ROLE_CASE]);
	read_name(st, &gadget, "gadget");
	read_name(st, &tcase, "case");
	c = cell_at(rec, st->lay.col_of[ROLE_RATE]);
	read_value(st, &c, ROLE_RATE, &rate);
	if (st->lay.col_of[ROLE_RUN] >= 0) {
		c = cell_at(rec, st->lay.col_of[ROLE_RUN]);
		read_value(st, &c, ROLE_RUN, &run);
	}
	for (m = 0; m < METRIC__MAX; m++) {
		long col = st->lay.col_of[ROLE_METRIC + m];

		if (col < 0)
			continue;
		c = cell_at(rec, col);
		if (read_value(st, &c, (enum role)(ROLE_METRIC + m), &value[m]) == 0)
			present |= 1u << m;
	}
	if (st->d->errors > errors)
		return;
	origin.input = st->input;
	origin.line = rec->line;
	if (aggregate_add(st->a, gadget.s, gadget.len, tcase.s, tcase.len, rate,
	    value, present, &origin, st->d) == 0 && aggregate_wants_raw(st->a))
		keep_raw(st, rec);
	st->rows++;
}

/*
 * The fast path: rows on simple lines (no quote, NUL or lone CR; every
 * cell valid) are split and parsed in place, with no copy. Any other
 * line goes to the strict reader, which then says exactly what is wrong,
 * so diagnostics do not depend on the path taken.
 */
enum fast {
	FAST_ROW,  /* a row was read and aggregated */
	FAST_SLOW, /* the line needs the strict reader */
	FAST_MORE  /* the line goes on past the window */
};

/* Bytes that end an unquoted cell, or need a closer look. */
static const unsigned char cell_stop[256] = {
	['\0'] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1,
};

/* A cell's bytes within the window. */
struct span {
	const char *s;
	size_t len;
};

/*
 * What ends a cell at q: a ',' (returns 1), the end of the line (2, *after
 * past it, *nl set when a line end was there), or FAST_SLOW / FAST_MORE
 * as negative values.
 */
static int
fast_term(const char *q, const struct csv_window *w, const char **after,
    int *nl)
{
	*nl = 1;
	switch (*q) {
	case ',':
		*after = q + 1;
		return 1;
	case '\n':
		*after = q + 1;
		return 2;
	case '\r':
		if (q[1] == '\n') {
			*after = q + 2;
			return 2;
		}
		return q + 1 == w->end && !w->last ? -FAST_MORE : -FAST_SLOW;
	case '\0':
		if (q < w->end)
			return -FAST_SLOW;
		if (!w->last)
			return -FAST_MORE;
		*after = q;
		*nl = 0;
		return 2;
	default:
		return -FAST_SLOW;
	}
}

/*
 * Checks a trimmed name once per distinct spelling: returns 1 when it is
 * the previous row's, 0 for another valid name, -1 for an invalid one.
 */
static int
fast_name(struct known_name *k, const struct span *c)
{
	size_t bad, i;

	if (c->len == 0)
		return -1;
	if (c->len == k->len) {
		for (i = 0; i < c->len && c->s[i] == k->s[i]; i++)
			continue;
		if (i == c->len)
			return 1;
	}
	if (utf8_check(c->s, c->len, &bad) < 0)
		return -1;
	k->len = c->len <= FAST_NAME_MAX ? c->len : (size_t)-1;
	if (c->len <= FAST_NAME_MAX)
		memcpy(k->s, c->s, c->len);
	return 0;
}

/* Parses a cell that the fast number parser did not take whole. */
static int
fast_value(const struct span *c, enum role role, double *out)
{
	size_t len;
	const char *t = trim(c->s, c->len, &len);

	if (results_parse_number(t, len, out) != 0 ||
	    fabs(*out) > RESULTS_MAX_MAGNITUDE)
		return -1;
	return role == ROLE_RATE && *out < 0 ? -1 : 0;
}

/* Splits the line at p into cells, parsing numbers on the way. */
static enum fast
fast_split(struct reader_state *st, const struct csv_window *w, const char *p,
    struct span *cell, double *num, const char **next, int *nl)
{
	size_t i, n = st->lay.ncols;
	int t = 1;

	for (i = 0; i < n; i++) {
		enum role role = st->lay.role[i];
		const char *q = p;
		int whole = 0;

		if (role >= ROLE_RUN && role < ROLE_UNKNOWN) {
			q = fast_number(p, w->end, &num[i]);
			whole = q != NULL && cell_stop[(unsigned char)*q];
			if (q == NULL)
				q = p;
		}
		while (!cell_stop[(unsigned char)*q])
			q++;
		if (t != 1 || (t = fast_term(q, w, next, nl)) < 0)
			return t < 0 ? (enum fast)-t : FAST_SLOW;
		cell[i].s = p;
		cell[i].len = (size_t)(q - p);
		/* Anything the strict path would refuse goes to it, for its message. */
		if (role >= ROLE_RUN && role < ROLE_UNKNOWN && (whole ?
		    (role == ROLE_RATE && num[i] < 0) ||
		    fabs(num[i]) > RESULTS_MAX_MAGNITUDE :
		    fast_value(&cell[i], role, &num[i]) < 0))
			return FAST_SLOW;
		p = *next;
	}
	return t == 2 ? FAST_ROW : FAST_SLOW;
}

/* keep_raw() for a row of the fast path. */
static void
fast_keep_raw(struct reader_state *st, const struct span *cell)
{
	char *raw[RAW__MAX];
	size_t len;
	const char *t;
	int i;

	for (i = 0; i < RAW__MAX; i++) {
		long col = st->lay.col_of[raw_role[i]];

		raw[i] = NULL;
		if (col >= 0) {
			t = trim(cell[col].s, cell[col].len, &len);
			raw[i] = utf8_clean(t, len);
		}
	}
	aggregate_add_raw(st->a, (const char *const *)raw, st->input);
	for (i = 0; i < RAW__MAX; i++)
		free(raw[i]);
}

/* read_row() for a simple line at p, numbered line. */
static enum fast
fast_row(struct reader_state *st, const struct csv_window *w, const char *p,
    unsigned long line, const char **next, int *nl)
{
	struct span cell[FAST_MAX_COLS], gadget, tcase;
	double num[FAST_MAX_COLS], value[METRIC__MAX] = { 0 };
	struct aggregate_origin origin;
	enum fast f = fast_split(st, w, p, cell, num, next, nl);
	double rate;
	int m, same_g, same_c;

	if (f != FAST_ROW)
		return f;
	gadget = cell[st->lay.col_of[ROLE_GADGET]];
	gadget.s = trim(gadget.s, gadget.len, &gadget.len);
	tcase = cell[st->lay.col_of[ROLE_CASE]];
	tcase.s = trim(tcase.s, tcase.len, &tcase.len);
	if ((same_g = fast_name(&st->known[0], &gadget)) < 0 ||
	    (same_c = fast_name(&st->known[1], &tcase)) < 0)
		return FAST_SLOW;
	for (m = 0; m < METRIC__MAX; m++)
		if (st->lay.present & (1u << m))
			value[m] = num[st->lay.col_of[ROLE_METRIC + m]];
	rate = num[st->lay.col_of[ROLE_RATE]];
	if (same_g && same_c && st->last_ok && rate == st->last_rate) {
		aggregate_add_again(st->a, value, st->lay.present);
	} else {
		origin.input = st->input;
		origin.line = line;
		st->last_ok = aggregate_add(st->a, gadget.s, gadget.len, tcase.s,
		    tcase.len, rate, value, st->lay.present, &origin, st->d) == 0;
		st->last_rate = rate;
	}
	if (st->last_ok && aggregate_wants_raw(st->a))
		fast_keep_raw(st, cell);
	st->rows++;
	return FAST_ROW;
}

/*
 * Reads rows on the fast path from the reader's position until a line
 * needs the strict reader or the input ends; returns FAST_SLOW then, or
 * FAST_ROW at the end of input.
 */
static enum fast
fast_lines(struct reader_state *st, struct csv_reader *r)
{
	struct csv_window w;
	enum fast f = FAST_ROW;
	const char *p, *next;
	unsigned long lines;
	int nl;

	if (st->lay.ncols > FAST_MAX_COLS)
		return FAST_SLOW;
	st->last_ok = 0; /* the strict path may have added rows since */
	while (f != FAST_SLOW && csv_reader_window(r, &w)) {
		for (p = w.p, lines = 0, f = FAST_ROW; p < w.end; p = next) {
			if (*p == '\n' || (*p == '\r' && p[1] == '\n')) {
				next = p + (*p == '\r') + 1;
				lines++;
				continue;
			}
			if (*p == '#' || st->d->errors >= DIAGS_MAX)
				f = FAST_SLOW;
			else
				f = fast_row(st, &w, p, w.line + lines, &next, &nl);
			if (f != FAST_ROW)
				break;
			lines += (unsigned long)nl;
		}
		csv_reader_consume(r, p, lines);
	}
	return f == FAST_MORE ? FAST_SLOW : f;
}

/* One half of a file read by its own thread. */
struct half {
	struct reader_state st;
	struct csv_reader *r;
	struct diags d;
	int ok;
};

static void *
half_run(void *arg)
{
	struct half *h = arg;
	struct csv_record rec;

	/* Anything but simple rows up to the end sends the file to the strict path. */
	h->ok = fast_lines(&h->st, h->r) == FAST_ROW &&
	    csv_reader_next(h->r, &rec, &h->d) == 0 && h->d.n == 0;
	return NULL;
}

/* The offset just past the first line end at or after at, or stop. */
static unsigned long long
line_after(int fd, unsigned long long at, unsigned long long stop)
{
	char buf[4096], *nl;
	ssize_t n;

	while (at < stop && (n = pread(fd, buf, sizeof(buf), (off_t)at)) > 0) {
		if ((nl = memchr(buf, '\n', (size_t)n)) != NULL)
			return at + (unsigned long long)(nl - buf) + 1;
		at += (unsigned long long)n;
	}
	return stop;
}

static void
half_start(struct half *h, const struct reader_state *st, int fd,
    unsigned long long from, unsigned long long to, unsigned long line)
{
	memset(h, 0, sizeof(*h));
	h->st = *st;
	h->st.a = aggregate_new_part(st->a);
	h->st.d = &h->d;
	h->st.rows = 0;
	h->r = csv_reader_new_range(fd, from, to, line, st->path);
}

/*
 * Reads the rows after the header in two halves split at a line end, one
 * per thread, then merges them in order. Only a file of simple rows can
 * be split so (no quotes, hence no line end inside a cell): when either
 * half meets anything else, nothing is kept and the caller reads the
 * rows itself. Returns non-zero when the rows were read.
 */
static int
parallel_read(struct reader_state *st, struct csv_reader *r, int fd,
    unsigned long long origin, unsigned long long size)
{
	unsigned long long start, split;
	unsigned long line, end_line;
	struct half h[2];
	const struct aggregate *parts[2];
	pthread_t tid;
	int ok, threaded;

	csv_reader_tell(r, &start, &line);
	start += origin;
	if (size < start || size - start < PARALLEL_MIN)
		return 0;
	split = line_after(fd, start + (size - start) / 2, size);
	half_start(&h[0], st, fd, start, split, line);
	half_start(&h[1], st, fd, split, size, 1);
	threaded = pthread_create(&tid, NULL, half_run, &h[1]) == 0;
	half_run(&h[0]);
	if (threaded)
		pthread_join(tid, NULL);
	else
		half_run(&h[1]);
	parts[0] = h[0].st.a;
	parts[1] = h[1].st.a;
	ok = h[0].ok && h[1].ok && aggregate_merge_fits(st->a, parts, 2);
	if (ok) {
		csv_reader_tell(h[0].r, &start, &end_line);
		aggregate_merge(st->a, h[0].st.a, 0);
		aggregate_merge(st->a, h[1].st.a, end_line - 1);
		st->rows += h[0].st.rows + h[1].st.rows;
	} else {
		aggregate_free(h[0].st.a);
		aggregate_free(h[1].st.a);
	}
	csv_reader_free(h[0].r);
	csv_reader_free(h[1].r);
	diags_free(&h[0].d);
	diags_free(&h[1].d);
	return ok;
}

/* Where a regular file may be read in parallel: its descriptor, or -1. */
static int
parallel_fd(FILE *fp, unsigned long long *origin, unsigned long long *size)
{
	struct stat sb;
	long pos;
	int fd = fileno(fp);

	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sysconf(_SC_NPROCESSORS_ONLN) < 2 || (pos = ftell(fp)) < 0)
		return -1;
	*origin = (unsigned long long)pos;
	*size = (unsigned long long)sb.st_size;
	return fd;
}

int
results_read(struct aggregate *a, const char *path, FILE *fp, struct diags *d)
{
	struct reader_state st;
	struct csv_reader *r = csv_reader_new(fp, strcmp(path, "-") == 0 ?
	    "<stdin>" : path);
	struct csv_record rec;
	size_t errors = d->errors;
	int rc, header_bad = 0, any = 0, tried = 0;
	unsigned long long origin = 0, size = 0;
	int fd = parallel_fd(fp, &origin, &size);

	memset(&st, 0, sizeof(st));
	st.a = a;
	/* Diagnostics name standard input as such; the model keeps "-". */
	st.path = strcmp(path, "-") == 0 ? "<stdin>" : path;
	st.d = d;
	st.input = aggregate_add_input(a, path);
	for (;;) {
		if (st.have_header && !header_bad && !tried && fd >= 0 &&
		    d->errors == errors) {
			tried = 1;
			if (parallel_read(&st, r, fd, origin, size))
				break;
		}
		/* The strict loop reads one record past a reason to stop: so do we. */
		if (st.have_header && !header_bad && d->errors < DIAGS_MAX)
			fast_lines(&st, r);
		if ((rc = csv_reader_next(r, &rec, d)) == 0 || header_bad ||
		    d->errors >= DIAGS_MAX)
			break;
		if (rc < 0) {
			/* Without its header the file's rows mean nothing. */
			header_bad = !st.have_header;
			continue;
		}
		any = 1;
		if (rec.comment)
			read_comment(&st, &rec);
		else if (!st.have_header) {
			st.have_header = 1;
			st.header_line = rec.line;
			header_bad = read_header(&st, &rec) < 0;
		} else
			read_row(&st, &rec);
	}
	if (!st.have_header && d->errors == errors)
		diags_add(d, any ? D_NO_HEADER : D_EMPTY_INPUT, st.path, 1, 1,
		    NULL);
	else if (st.have_header && !header_bad && st.rows == 0 &&
	    d->errors == errors)
		diags_add(d, D_NO_DATA_ROWS, st.path, st.header_line + 1, 1, NULL);
	layout_free(&st.lay);
	csv_reader_free(r);
	return d->errors > errors ? -1 : 0;
}
