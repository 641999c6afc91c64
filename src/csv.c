/* SPDX-License-Identifier: Apache-2.0 */
/* A strict, streaming RFC 4180 reader that knows the line and column of every field. */
#include "csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

/* Bytes asked of fread at a time. */
#define CSV_CHUNK (64 * 1024)

/* Which bytes end a run of ordinary bytes, per scanning state. */
enum {
	CSV_STOP_PLAIN = 1,  /* an unquoted field */
	CSV_STOP_QUOTED = 2, /* inside double quotes */
	CSV_STOP_LINE = 4    /* a comment, or skipping after an error */
};

/*
 * The hot loops look bytes up here instead of testing them one by one.
 * NUL stops every state: it doubles as the sentinel after the buffer.
 */
static const unsigned char csv_class[256] = {
	['\0'] = CSV_STOP_PLAIN | CSV_STOP_QUOTED | CSV_STOP_LINE,
	['\n'] = CSV_STOP_PLAIN | CSV_STOP_QUOTED | CSV_STOP_LINE,
	['\r'] = CSV_STOP_PLAIN | CSV_STOP_QUOTED | CSV_STOP_LINE,
	['"'] = CSV_STOP_PLAIN | CSV_STOP_QUOTED,
	[','] = CSV_STOP_PLAIN,
};

/* How a field ended. */
enum csv_end {
	CSV_ERROR,     /* a diagnostic was added */
	CSV_SEPARATOR, /* at a ',' (not yet consumed) */
	CSV_EOL,       /* at a line end (not yet consumed) or the end of input */
	CSV_QUOTE      /* at a '"' opening (after blanks) or closing a field */
};

struct csv_reader {
	FILE *fp;                   /* NULL: a range of fd, read with pread */
	int fd;
	unsigned long long stop;    /* end of the range of fd */
	char *name;
	unsigned char *buf;         /* CSV_CHUNK bytes and a NUL sentinel */
	const unsigned char *p;     /* next byte to read */
	const unsigned char *end;   /* end of the buffered bytes; *end == 0 */
	unsigned long long base;    /* input offset of buf[0] */
	unsigned long long linestart; /* input offset of the current line */
	unsigned long long recstart;  /* input offset of the current record */
	unsigned long line;         /* line of p */
	int eof;                    /* fread has reported the end */
	int started;                /* the BOM check is done */
	int done;                   /* only 0 from now on */
	int read_errno;             /* non-zero after a read error */
	char *rb;                   /* the record's field texts, NUL-separated */
	size_t rblen, rbcap;
	struct csv_field *fields;   /* CSV_MAX_FIELDS, text set last */
	size_t *offs;               /* where each field's text starts in rb */
	size_t nfields;
	csv_tap_fn tap;             /* sees every byte read, or NULL */
	void *tap_arg;
};

static unsigned long long
csv_offset(const struct csv_reader *r, const unsigned char *p)
{
	return r->base + (unsigned long long)(p - r->buf);
}

static unsigned long
csv_column(const struct csv_reader *r, const unsigned char *p)
{
	return (unsigned long)(csv_offset(r, p) - r->linestart + 1);
}

/*
 * Reads up to want bytes to dst, the input bytes that follow those in the
 * buffer; fewer means the end (or a read error, remembered).
 */
static size_t
csv_read(struct csv_reader *r, unsigned char *dst, size_t want)
{
	unsigned long long at = r->base + (unsigned long long)(r->end - r->buf);
	size_t n = 0;
	ssize_t got;

	errno = 0;
	if (r->fp != NULL) {
		n = fread(dst, 1, want, r->fp);
		if (n < want && ferror(r->fp))
			r->read_errno = errno ? errno : EIO;
	} else {
		if (r->stop - at < want)
			want = (size_t)(r->stop - at);
		while (n < want && (got = pread(r->fd, dst + n, want - n,
		    (off_t)(at + n))) != 0) {
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0) {
				r->read_errno = errno;
				break;
			}
			n += (size_t)got;
		}
	}
	if (n < want || (r->fp == NULL && at + n == r->stop))
		r->eof = 1;
	if (r->tap != NULL && n > 0)
		r->tap(r->tap_arg, (const char *)dst, n);
	return n;
}

/*
 * Makes sure a byte is buffered at r->p, reading a chunk if all were
 * consumed. Returns 0 at the end of input (or on a read error, which
 * is remembered for csv_reader_next to report).
 */
static int
csv_fill(struct csv_reader *r)
{
	size_t n;

	while (r->p == r->end) {
		if (r->eof)
			return 0;
		r->base += (unsigned long long)(r->end - r->buf);
		r->end = r->buf;
		n = csv_read(r, r->buf, CSV_CHUNK);
		r->buf[n] = '\0';
		r->p = r->buf;
		r->end = r->buf + n;
		if (!r->started) {
			r->started = 1;
			if (n >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0) {
				r->p += 3;
				r->linestart = 3;
			}
		}
	}
	return 1;
}

/* Consumes the line end at r->p; returns 2 for CRLF, else 1. */
static int
csv_newline(struct csv_reader *r)
{
	int n = 1;

	if (*r->p++ == '\r' && csv_fill(r) && *r->p == '\n') {
		r->p++;
		n = 2;
	}
	r->line++;
	r->linestart = csv_offset(r, r->p);
	return n;
}

/* Appends n bytes to the record buffer, keeping room for a NUL. */
static void
csv_put(struct csv_reader *r, const void *s, size_t n)
{
	if (r->rblen + n + 1 > r->rbcap)
		xgrow((void **)&r->rb, &r->rbcap, r->rblen + n + 1, 1);
	memcpy(r->rb + r->rblen, s, n);
	r->rblen += n;
}

static int
csv_too_long(const struct csv_reader *r, const unsigned char *p)
{
	return csv_offset(r, p) - r->recstart > CSV_MAX_RECORD;
}

/* Skips to the start of the next physical line, ignoring quotes. */
static void
csv_skip_line(struct csv_reader *r)
{
	const unsigned char *q;

	for (;;) {
		q = r->p;
		while (!(csv_class[*q] & CSV_STOP_LINE))
			q++;
		r->p = q;
		if (*q == '\n' || *q == '\r') {
			csv_newline(r);
			return;
		}
		if (q < r->end)
			r->p++; /* a NUL: already reported, or not worth it */
		else if (!csv_fill(r))
			return;
	}
}

/* Reports an error at (line, column), then recovers at the next line. */
static enum csv_end
csv_fail(struct csv_reader *r, struct diags *d, enum diag_code code,
    unsigned long line, unsigned long column)
{
	diags_add(d, code, r->name, line, column, NULL);
	csv_skip_line(r);
	return CSV_ERROR;
}

/*
 * Whether a NUL on the first line comes from UTF-16 text: a UTF-16 byte
 * order mark, or a NUL next to each of the first two ASCII characters.
 * Such a file is reported at its start, as what it is.
 */
static int
csv_utf16(const struct csv_reader *r)
{
	const unsigned char *b = r->buf;

	if (r->base != 0 || r->line != 1 || r->end - r->buf < 4)
		return 0;
	if ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff))
		return 1;
	return (b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0) ||
	    (b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0);
}

/*
 * Reports an error at (line, column) and reads no more: after a NUL or a
 * record past the limit the input is no text file (it may be endless,
 * as /dev/zero is), and whatever follows would only add noise.
 */
static enum csv_end
csv_stop(struct csv_reader *r, struct diags *d, enum diag_code code,
    unsigned long line, unsigned long column)
{
	if (code == D_BAD_ENCODING && csv_utf16(r))
		diags_add(d, code, r->name, 1, 1, "the input looks like UTF-16: "
		    "convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)");
	else
		diags_add(d, code, r->name, line, column, NULL);
	r->done = 1;
	return CSV_ERROR;
}

/* Reports a byte at q that ends the current run, q != r->end. */
static enum csv_end
csv_fail_at(struct csv_reader *r, struct diags *d, enum diag_code code,
    const unsigned char *q)
{
	unsigned long column = csv_column(r, q);

	if (code == D_BAD_ENCODING)
		return csv_stop(r, d, code, r->line, column);
	r->p = q;
	return csv_fail(r, d, code, r->line, column);
}

static enum csv_end
csv_fail_long(struct csv_reader *r, struct diags *d, unsigned long line)
{
	return csv_stop(r, d, D_LINE_TOO_LONG, line, 1);
}

static int
csv_blank(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == 0;
}

/*
 * Reads unquoted bytes of the field whose text starts at rb[off]. Stops
 * at a '"' after nothing but blanks, so the caller can read a quoted
 * field.
 */
static enum csv_end
csv_plain(struct csv_reader *r, struct diags *d, size_t off,
    unsigned long recline)
{
	const unsigned char *q;

	for (;;) {
		q = r->p;
		while (!(csv_class[*q] & CSV_STOP_PLAIN))
			q++;
		if (csv_too_long(r, q))
			return csv_fail_long(r, d, recline);
		csv_put(r, r->p, (size_t)(q - r->p));
		r->p = q;
		switch (*q) {
		case ',':
			return CSV_SEPARATOR;
		case '"':
			if (csv_blank(r->rb + off, r->rblen - off))
				return CSV_QUOTE;
			return csv_fail_at(r, d, D_QUOTE_IN_FIELD, q);
		case '\0':
			if (q < r->end)
				return csv_fail_at(r, d, D_BAD_ENCODING, q);
			if (!csv_fill(r))
				return CSV_EOL;
			break;
		default:
			return CSV_EOL;
		}
	}
}

/*
 * Reads a quoted field's content; r->p is just past the opening quote at
 * (qline, qcol). Leaves r->p just past the closing quote.
 */
static enum csv_end
csv_quoted(struct csv_reader *r, struct diags *d, unsigned long recline,
    unsigned long qline, unsigned long qcol)
{
	const unsigned char *q;

	for (;;) {
		q = r->p;
		while (!(csv_class[*q] & CSV_STOP_QUOTED))
			q++;
		if (csv_too_long(r, q))
			return csv_fail_long(r, d, recline);
		csv_put(r, r->p, (size_t)(q - r->p));
		r->p = q;
		if (*q == '"') {
			r->p++;
			if (!csv_fill(r) || *r->p != '"')
				return CSV_QUOTE;
			csv_put(r, "\"", 1);
			r->p++;
		} else if (*q == '\n' || *q == '\r') {
			csv_put(r, q, 1);
			if (csv_newline(r) == 2)
				csv_put(r, "\n", 1);
		} else if (q < r->end) {
			return csv_fail_at(r, d, D_BAD_ENCODING, q);
		} else if (!csv_fill(r)) {
			if (r->read_errno == 0)
				diags_add(d, D_UNTERMINATED_QUOTE, r->name, qline,
				    qcol, NULL);
			r->done = 1;
			return CSV_ERROR;
		}
	}
}

/* After a closing quote only blanks may come before ',' or the line end. */
static enum csv_end
csv_after_quote(struct csv_reader *r, struct diags *d)
{
	const unsigned char *q;

	for (;;) {
		q = r->p;
		while (*q == ' ' || *q == '\t')
			q++;
		r->p = q;
		if (*q == ',')
			return CSV_SEPARATOR;
		if (*q == '\n' || *q == '\r')
			return CSV_EOL;
		if (*q != '\0' || q < r->end)
			return csv_fail_at(r, d, *q == '\0' ? D_BAD_ENCODING :
			    D_TEXT_AFTER_QUOTE, q);
		if (!csv_fill(r))
			return CSV_EOL;
	}
}

/* Column of an unquoted field: its first non-blank byte, if any. */
static unsigned long
csv_plain_column(const char *s, size_t n, unsigned long column)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i < n ? column + (unsigned long)i : column;
}

/* Reads one field and the ',' or line end after it. */
static enum csv_end
csv_field(struct csv_reader *r, struct diags *d, unsigned long recline)
{
	struct csv_field *f = &r->fields[r->nfields];
	size_t off = r->rblen;
	enum csv_end e;

	if (r->nfields == CSV_MAX_FIELDS)
		return csv_fail(r, d, D_TOO_MANY_COLUMNS, r->line,
		    csv_column(r, r->p));
	f->line = r->line;
	f->column = csv_column(r, r->p);
	f->quoted = 0;
	e = csv_plain(r, d, off, recline);
	if (e == CSV_QUOTE) {
		r->rblen = off;
		f->quoted = 1;
		f->column = csv_column(r, r->p);
		r->p++;
		e = csv_quoted(r, d, recline, f->line, f->column);
		if (e != CSV_ERROR)
			e = csv_after_quote(r, d);
	} else if (e != CSV_ERROR) {
		f->column = csv_plain_column(r->rb + off, r->rblen - off,
		    f->column);
	}
	if (e == CSV_ERROR)
		return e;
	if (csv_too_long(r, r->p))
		return csv_fail_long(r, d, recline);
	csv_put(r, "", 1);
	f->len = r->rblen - off - 1;
	r->offs[r->nfields++] = off;
	if (e == CSV_SEPARATOR)
		r->p++;
	else if (r->p < r->end)
		csv_newline(r);
	return e;
}

/* Reads a '#' line into one field, without quote processing. */
static enum csv_end
csv_comment(struct csv_reader *r, struct diags *d, unsigned long recline)
{
	struct csv_field *f = &r->fields[0];
	const unsigned char *q;

	r->p++;
	f->line = r->line;
	f->column = csv_column(r, r->p);
	f->quoted = 0;
	for (;;) {
		q = r->p;
		while (!(csv_class[*q] & CSV_STOP_LINE))
			q++;
		if (csv_too_long(r, q))
			return csv_fail_long(r, d, recline);
		csv_put(r, r->p, (size_t)(q - r->p));
		r->p = q;
		if (*q != '\0')
			break;
		if (q < r->end)
			return csv_fail_at(r, d, D_BAD_ENCODING, q);
		if (!csv_fill(r))
			break;
	}
	csv_put(r, "", 1);
	f->len = r->rblen - 1;
	r->offs[0] = 0;
	r->nfields = 1;
	if (r->p < r->end)
		csv_newline(r);
	return CSV_EOL;
}

/* Skips blank lines; returns 0 at the end of input. */
static int
csv_skip_blank(struct csv_reader *r)
{
	for (;;) {
		if (!csv_fill(r))
			return 0;
		if (*r->p != '\n' && *r->p != '\r')
			return 1;
		csv_newline(r);
	}
}

struct csv_reader *
csv_reader_new(FILE *fp, const char *name)
{
	struct csv_reader *r = xcalloc(1, sizeof(*r));

	r->fp = fp;
	r->name = name ? xstrdup(name) : NULL;
	r->buf = xmalloc(CSV_CHUNK + 1);
	r->buf[0] = '\0';
	r->p = r->end = r->buf;
	r->line = 1;
	r->fields = xcalloc(CSV_MAX_FIELDS, sizeof(*r->fields));
	r->offs = xcalloc(CSV_MAX_FIELDS, sizeof(*r->offs));
	return r;
}

struct csv_reader *
csv_reader_new_range(int fd, unsigned long long start, unsigned long long stop,
    unsigned long line, const char *name)
{
	struct csv_reader *r = csv_reader_new(NULL, name);

	r->fd = fd;
	r->stop = stop;
	r->base = r->linestart = start;
	r->line = line;
	r->started = start != 0;
	r->eof = start >= stop;
	return r;
}

void
csv_reader_tap(struct csv_reader *r, csv_tap_fn fn, void *arg)
{
	r->tap = fn;
	r->tap_arg = arg;
}

void
csv_reader_tell(const struct csv_reader *r, unsigned long long *offset,
    unsigned long *line)
{
	*offset = csv_offset(r, r->p);
	*line = r->line;
}

/*
 * Moves the unread bytes to the start of the buffer and reads more after
 * them, so that a line cut by the end of a chunk becomes whole.
 */
static void
csv_compact(struct csv_reader *r)
{
	size_t keep = (size_t)(r->end - r->p), n;

	r->base = csv_offset(r, r->p);
	memmove(r->buf, r->p, keep);
	r->p = r->buf;
	r->end = r->buf + keep;
	n = csv_read(r, r->buf + keep, CSV_CHUNK - keep);
	r->end += n;
	*(unsigned char *)r->end = '\0';
}

int
csv_reader_window(struct csv_reader *r, struct csv_window *w)
{
	if (r->done || r->read_errno != 0 || !csv_fill(r))
		return 0;
	while (!r->eof && memchr(r->p, '\n', (size_t)(r->end - r->p)) == NULL) {
		if (r->p == r->buf && r->end == r->buf + CSV_CHUNK)
			return 0; /* a line longer than a chunk: not simple */
		csv_compact(r);
		if (r->read_errno != 0)
			return 0;
	}
	w->p = (const char *)r->p;
	w->end = (const char *)r->end;
	w->line = r->line;
	w->last = r->eof;
	return r->p < r->end;
}

void
csv_reader_consume(struct csv_reader *r, const char *to, unsigned long lines)
{
	r->p = (const unsigned char *)to;
	r->line += lines;
	r->linestart = csv_offset(r, r->p);
}

/* Reads one record; returns 1, 0 at the end, or -1 after a diagnostic. */
static int
csv_record(struct csv_reader *r, struct csv_record *rec, struct diags *d)
{
	enum csv_end e;
	size_t i;

	if (!csv_skip_blank(r))
		return 0;
	r->rblen = 0;
	r->nfields = 0;
	r->recstart = csv_offset(r, r->p);
	rec->line = r->line;
	rec->comment = *r->p == '#';
	if (rec->comment)
		e = csv_comment(r, d, rec->line);
	else
		while ((e = csv_field(r, d, rec->line)) == CSV_SEPARATOR)
			continue;
	if (e == CSV_ERROR)
		return -1;
	for (i = 0; i < r->nfields; i++)
		r->fields[i].text = r->rb + r->offs[i];
	rec->fields = r->fields;
	rec->nfields = r->nfields;
	return 1;
}

int
csv_reader_next(struct csv_reader *r, struct csv_record *rec,
    struct diags *d)
{
	int rc;

	if (r->done)
		return 0;
	rc = csv_record(r, rec, d);
	if (r->read_errno != 0) {
		/* A record cut short by a read error is not data. */
		diags_add(d, D_READ_FAILED, r->name, 0, 0, "%s",
		    strerror(r->read_errno));
		r->done = 1;
		return -1;
	}
	if (rc == 0)
		r->done = 1;
	return rc;
}

void
csv_reader_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	free(r->name);
	free(r->buf);
	free(r->rb);
	free(r->fields);
	free(r->offs);
	free(r);
}
