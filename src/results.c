/* SPDX-License-Identifier: Apache-2.0 */
/* Benchmark result files: header layouts, validation and strict numbers, fed to the aggregation. */
#include "results.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "csv.h"
#include "fastread.h"
#include "metric.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * Largest magnitude of a value: far above any rate, CPU share or memory
 * size, and low enough that sums of squares in the statistics stay finite
 * (1e308 is finite, its square is not). Messages and the man page say 1e15.
 */
#define RESULTS_MAX_MAGNITUDE 1e15

/*
 * Longest gadget or case name, in bytes: far above real names (trace_dns,
 * baseline), low enough for a file name, a heading or a PDF string.
 */
#define RESULTS_MAX_NAME 256

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

/* The header of one file, resolved. */
struct layout {
	size_t ncols;
	enum role *role;          /* per column */
	long col_of[ROLE__MAX];   /* column index of each role, -1 if absent */
	char **names;             /* trimmed header names, for messages */
};

struct reader_state {
	struct aggregate *a;
	const char *path;
	size_t input;
	struct layout lay;
	int have_header;
	unsigned long header_line;
	unsigned long rows;         /* read by the strict path */
	struct diags *d;
	struct fastread *fast;      /* the rows' fast path, once the header is valid */
	const struct fastread_source *src; /* the same bytes again, or NULL */
	unsigned long long origin;  /* offset in src of the reader's first byte */
	int stop;                   /* a fault that ends the file's reading */
};

/* Diagnostics name standard input as such; the model keeps "-". */
static const char *
shown_path(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
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

int
results_parse_number(const char *s, size_t len, double *out)
{
	char buf[128], *end;
	size_t i = 0, digits = 0;
	int nonzero = 0;

	if (len == 0)
		return D_EMPTY_CELL;
	if (s[i] == '+' || s[i] == '-')
		i++;
	if (len - i >= 3 && (strncasecmp(s + i, "nan", 3) == 0 ||
	    strncasecmp(s + i, "inf", 3) == 0) &&
	    (len - i == 3 || (len - i == 8 && strncasecmp(s + i, "infinity", 8) == 0)))
		return D_NOT_FINITE;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++, nonzero |= s[i] != '0';
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++, nonzero |= s[i] != '0';
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
	if (fastread_number(s, s + len, out) == s + len)
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
	if (*out == 0 && nonzero)
		return D_UNDERFLOW; /* 1e-400: a measurement is not silently 0 */
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

/*
 * GadgetName with TestCase: the older layout's TestName is the case, the
 * current one's the gadget; which was meant cannot be told, and guessing
 * merges cases silently.
 */
static int
header_ambiguous(struct reader_state *st, const struct csv_record *rec)
{
	size_t i;

	for (i = 0; i < rec->nfields; i++)
		if (strcasecmp(st->lay.names[i], "TestCase") == 0) {
			diags_add(st->d, D_AMBIGUOUS_HEADER, st->path, rec->line,
			    rec->fields[i].column, "GadgetName, TestName and "
			    "TestCase together: use TestName,TestCase (gadget, "
			    "case) or GadgetName,TestName (the older layout)");
			return 1;
		}
	return 0;
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
		const char *s = fastread_trim(rec->fields[i].text, rec->fields[i].len, &len);

		st->lay.names[i] = utf8_clean(s, len);
		if (strcasecmp(st->lay.names[i], "GadgetName") == 0)
			older = 1;
	}
	if (older && header_ambiguous(st, rec))
		return -1;
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
	key = fastread_trim(text, (size_t)(colon - text), &klen);
	value = fastread_trim(colon + 1, strlen(colon + 1), &vlen);
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
	const struct csv_field *f; /* the field, untrimmed */
};

static struct cell
cell_at(const struct csv_record *rec, long col)
{
	const struct csv_field *f = &rec->fields[col];
	struct cell c;

	c.s = fastread_trim(f->text, f->len, &c.len);
	c.line = f->line;
	c.column = f->column; /* the reader points at the first non-blank byte */
	c.f = f;
	return c;
}

/*
 * Where byte at of c's text was in the file: a quoted field's text starts
 * just past its quote and may hold line ends (kept as they were written).
 */
static void
cell_position(const struct cell *c, size_t at, unsigned long *line,
    unsigned long *column)
{
	const char *t = c->f->text, *end = c->s + at;

	*line = c->line;
	*column = c->column + (unsigned long)at;
	if (!c->f->quoted)
		return;
	*column = c->column + 1;
	for (; t < end; t++) {
		if (*t == '\n' || (*t == '\r' && t[1] != '\n')) {
			(*line)++;
			*column = 1;
		} else if (*t != '\r') {
			(*column)++;
		}
	}
}

/* A name's fault at byte at of c, reported where it is. */
static void
name_fault(struct reader_state *st, const struct cell *c, size_t at,
    enum diag_code code, const char *detail)
{
	unsigned long line, column;

	cell_position(c, at, &line, &column);
	diags_add(st->d, code, st->path, line, column, "%s", detail);
}

static int
read_name(struct reader_state *st, const struct cell *c, const char *what)
{
	size_t bad;
	uint32_t cp;
	char *detail;

	if (c->len == 0) {
		diags_add(st->d, D_EMPTY_NAME, st->path, c->line, c->column,
		    "%s", what);
		return -1;
	}
	if (utf8_check(c->s, c->len, &bad) < 0) {
		detail = xasprintf("%s name", what);
		name_fault(st, c, bad, D_BAD_ENCODING, detail);
		free(detail);
		/* Malformed UTF-8 is no text file: whatever follows is noise. */
		st->stop = utf8_check_name(c->s, c->len, &bad, &cp) < 0;
		return -1;
	}
	if (utf8_check_name(c->s, c->len, &bad, &cp) != 0) {
		detail = xasprintf("U+%04X in %s name", (unsigned)cp, what);
		name_fault(st, c, bad, D_INVISIBLE_CHARACTER, detail);
		free(detail);
		return -1;
	}
	if (c->len > RESULTS_MAX_NAME) {
		detail = xasprintf("%s name of %zu bytes (at most %d)", what,
		    c->len, RESULTS_MAX_NAME);
		name_fault(st, c, 0, D_NAME_TOO_LONG, detail);
		free(detail);
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
	if (role >= ROLE_METRIC && role < ROLE_UNKNOWN && *out < 0 &&
	    !metric_can_be_negative((enum metric)(role - ROLE_METRIC))) {
		shown = quote_cell(c->s, c->len);
		diags_add(st->d, D_NEGATIVE_VALUE, st->path, c->line, c->column,
		    "%s in column %s", shown, role_name(role));
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

static enum fastread_kind
fast_kind(enum role role)
{
	if (role == ROLE_RATE || (role >= ROLE_METRIC && role < ROLE_UNKNOWN &&
	    !metric_can_be_negative((enum metric)(role - ROLE_METRIC))))
		return FASTREAD_NOT_NEGATIVE;
	return role >= ROLE_RUN && role < ROLE_UNKNOWN ? FASTREAD_NUMBER :
	    FASTREAD_TEXT;
}

/* The fast path for the rows under a valid header. */
static struct fastread *
fast_reader(const struct reader_state *st)
{
	struct fastread_layout c;
	size_t i;
	int m;

	memset(&c, 0, sizeof(c));
	c.ncols = st->lay.ncols;
	for (i = 0; i < c.ncols && i < FASTREAD_MAX_COLS; i++)
		c.kind[i] = fast_kind(st->lay.role[i]);
	c.gadget = (size_t)st->lay.col_of[ROLE_GADGET];
	c.tcase = (size_t)st->lay.col_of[ROLE_CASE];
	c.rate = (size_t)st->lay.col_of[ROLE_RATE];
	for (m = 0; m < METRIC__MAX; m++)
		c.metric[m] = st->lay.col_of[ROLE_METRIC + m];
	for (i = 0; i < RAW__MAX; i++)
		c.raw[i] = st->lay.col_of[raw_role[i]];
	c.max_magnitude = RESULTS_MAX_MAGNITUDE;
	c.max_name = RESULTS_MAX_NAME;
	c.parse_number = results_parse_number;
	return fastread_new(st->a, st->input, &c);
}

/* The first record but comments; returns -1 when it is no usable header. */
static int
start_rows(struct reader_state *st, const struct csv_record *rec)
{
	st->have_header = 1;
	st->header_line = rec->line;
	if (read_header(st, rec) < 0)
		return -1;
	st->fast = fast_reader(st);
	return 0;
}

/* Reads the rows left in r on two threads, when they allow it. */
static int
read_parallel(struct reader_state *st, struct csv_reader *r)
{
	unsigned long long at;
	unsigned long line;

	csv_reader_tell(r, &at, &line);
	return fastread_parallel(st->fast, st->src, st->origin + at, line);
}

/* A line of nothing but blanks is a blank line, as pandas reads it. */
static int
blank_record(const struct csv_record *rec)
{
	size_t len;

	if (rec->comment || rec->nfields != 1 || rec->fields[0].quoted)
		return 0;
	fastread_trim(rec->fields[0].text, rec->fields[0].len, &len);
	return len == 0;
}

/* Reads every record of r; returns non-zero when there was any. */
static int
read_records(struct reader_state *st, struct csv_reader *r)
{
	struct csv_record rec;
	size_t errors = st->d->errors;
	int rc, header_bad = 0, any = 0, tried = st->src == NULL;

	while (!st->stop) {
		if (st->fast != NULL && !tried && st->d->errors == errors) {
			tried = 1;
			if (read_parallel(st, r))
				break;
		}
		/* The strict loop reads one record past a reason to stop: so do we. */
		if (st->fast != NULL && st->d->errors < DIAGS_MAX)
			fastread_lines(st->fast, r, st->d);
		if ((rc = csv_reader_next(r, &rec, st->d)) == 0 || header_bad)
			break;
		if (st->d->errors >= DIAGS_MAX) {
			/* Said, so that a cut-off list does not look complete. */
			diags_add(st->d, D_TOO_MANY_DIAGS, NULL, 0, 0, NULL);
			break;
		}
		if (rc < 0) {
			/* Without its header the file's rows mean nothing. */
			header_bad = !st->have_header;
			continue;
		}
		if (blank_record(&rec))
			continue;
		any = 1;
		if (rec.comment)
			read_comment(st, &rec);
		else if (!st->have_header)
			header_bad = start_rows(st, &rec) < 0;
		else
			read_row(st, &rec);
	}
	return any;
}

/*
 * Reads the file that r reads (and frees r); src, or NULL, holds the same
 * bytes for the two-thread reader, r's first at offset origin.
 */
static int
read_input(struct aggregate *a, const char *path, struct csv_reader *r,
    const struct fastread_source *src, unsigned long long origin,
    struct diags *d)
{
	struct reader_state st;
	size_t errors = d->errors;
	int any;

	memset(&st, 0, sizeof(st));
	st.a = a;
	st.path = shown_path(path);
	st.d = d;
	st.input = aggregate_add_input(a, path);
	st.src = src;
	st.origin = origin;
	any = read_records(&st, r);
	if (!st.have_header && d->errors == errors)
		diags_add(d, any ? D_NO_HEADER : D_EMPTY_INPUT, st.path, 1, 1,
		    NULL);
	else if (st.fast != NULL && st.rows + fastread_rows(st.fast) == 0 &&
	    d->errors == errors)
		diags_add(d, D_NO_DATA_ROWS, st.path, st.header_line + 1, 1, NULL);
	layout_free(&st.lay);
	fastread_free(st.fast);
	csv_reader_free(r);
	return d->errors > errors ? -1 : 0;
}

int
results_read(struct aggregate *a, const char *path, FILE *fp, struct diags *d)
{
	struct fastread_source src;
	struct stat sb;
	long pos;
	int fd = fileno(fp);

	src.name = shown_path(path);
	/* A regular file can be read again at any offset, by two threads. */
	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    (pos = ftell(fp)) < 0)
		return read_input(a, path, csv_reader_new(fp, src.name), NULL, 0,
		    d);
	src.fd = fd;
	src.data = NULL;
	src.size = (unsigned long long)sb.st_size;
	return read_input(a, path, csv_reader_new(fp, src.name), &src,
	    (unsigned long long)pos, d);
}

int
results_read_tapped(struct aggregate *a, const char *path, FILE *fp,
    csv_tap_fn tap, void *arg, struct diags *d)
{
	struct csv_reader *r = csv_reader_new(fp, shown_path(path));

	csv_reader_tap(r, tap, arg);
	return read_input(a, path, r, NULL, 0, d);
}

int
results_read_bytes(struct aggregate *a, const char *path, const char *data,
    size_t len, struct diags *d)
{
	struct fastread_source src = { -1, data, len, shown_path(path) };
	struct csv_reader *r;
	FILE *fp = NULL;
	int rc;

	/* POSIX lets fmemopen refuse an empty buffer: an empty range reads nothing. */
	if (len == 0) {
		r = csv_reader_new_range(-1, 0, 0, 1, src.name);
	} else if ((fp = fmemopen((void *)data, len, "r")) == NULL) {
		aggregate_add_input(a, path);
		diags_add(d, D_READ_FAILED, src.name, 0, 0, "%s", strerror(errno));
		return -1;
	} else {
		r = csv_reader_new(fp, src.name);
	}
	rc = read_input(a, path, r, &src, 0, d);
	if (fp != NULL)
		fclose(fp);
	return rc;
}
