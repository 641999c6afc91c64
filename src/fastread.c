/* SPDX-License-Identifier: Apache-2.0 */
/* Reading simple rows of a result file fast: a tokeniser that parses in place, and a two-thread reader built on it. */
#include "fastread.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "task.h"
#include "utf8.h"
#include "xalloc.h"

/* Most digits of a number in the plain form (see plain_number), and its largest value. */
#define FAST_PLAIN_DIGITS 15
#define FAST_PLAIN_MAX 999999999999999.0

/* Longest gadget or case name remembered as already checked. */
#define FAST_NAME_MAX 64

/* A name whose bytes were found valid, so equal bytes need no new check. */
struct known_name {
	char s[FAST_NAME_MAX];
	size_t len;
};

struct fastread {
	struct aggregate *a;
	size_t input;
	struct fastread_layout lay;
	unsigned present;           /* metrics with a column: a row has them all */
	struct known_name known[2]; /* gadget, case */
	signed char known_of[FASTREAD_MAX_COLS]; /* a column's known[], or -1 */
	unsigned char slot_of[FASTREAD_MAX_COLS]; /* a number's place in a row (PLAIN_*) */
	int last_ok;                /* the last row was added */
	double last_rate;           /* its rate */
	int raw_full;               /* the aggregate keeps no more raw rows */
	unsigned long rows;
};

/*
 * What the fast path made of a line: anything but simple rows goes to the
 * strict reader, which then says exactly what is wrong.
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

const char *
fastread_number(const char *s, const char *end, double *out)
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

/* Integer powers of ten up to 10^FAST_PLAIN_DIGITS. */
static const uint64_t int_pow10[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, 10000000000, 100000000000, 1000000000000,
	10000000000000, 100000000000000, 1000000000000000,
};

/* Eight bytes at a time where the byte order allows it (see plain_number). */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FAST_WORDS 1
#else
#define FAST_WORDS 0
#endif

#define BYTES(b) (UINT64_C(0x0101010101010101) * (b))

/* The number parser inside the row loop: GCC finds it too big to inline by itself. */
#if defined(__GNUC__)
#define FAST_INLINE inline __attribute__((always_inline))
#else
#define FAST_INLINE inline
#endif

/*
 * How many digits start the 8 bytes of a word (the first in its low
 * byte), given t, the word less '0' in every byte: a byte is a digit when
 * t's is below 10, that is when neither it nor it plus 0x76 has its top
 * bit set. The subtraction borrows, and the addition carries, into the
 * next byte only from a byte that is no digit: bytes after the first
 * non-digit do not count.
 */
static int
word_digits(uint64_t t)
{
	uint64_t bad = (t | (t + BYTES(0x76))) & BYTES(0x80);
#if defined(__GNUC__)
	return bad == 0 ? 8 : __builtin_ctzll(bad) >> 3;
#else
	int n = 0; /* never run: FAST_WORDS needs GCC or Clang */

	while (n < 8 && !(bad & UINT64_C(0x80) << (8 * n)))
		n++;
	return n;
#endif
}

/*
 * The value of the n (1 to 8) digits that start the word whose bytes less
 * '0' t holds: shifted to the top, so that the bytes below are leading
 * zeros, then pairs, quads and the eight combined in three multiplications.
 */
static uint64_t
word_value(uint64_t t, int n)
{
	uint64_t v = t << (8 * (8 - n));

	v = v * 10 + (v >> 8);
	v = ((v & UINT64_C(0x00ff00ff00ff00ff)) * (1 + (UINT64_C(100) << 16))) >> 16;
	return ((v & UINT64_C(0x0000ffff0000ffff)) *
	    (1 + (UINT64_C(10000) << 32))) >> 32;
}

/* plain_number() a byte at a time. */
static const char *
plain_bytes(const char *p, const char *end, double *out)
{
	uint64_t m = 0;
	int n = 0, frac = 0;

	for (; p < end && is_digit(*p); p++, n++)
		m = m * 10 + (uint64_t)(*p - '0');
	if (n == 0)
		return NULL;
	if (p < end && *p == '.') {
		for (p++; p < end && is_digit(*p); p++, frac++)
			m = m * 10 + (uint64_t)(*p - '0');
		if (frac == 0)
			return NULL;
	}
	if (n + frac > FAST_PLAIN_DIGITS)
		return NULL; /* m may have wrapped: unused */
	*out = (double)m / exact_pow10[frac];
	return p;
}

/*
 * The plain form of a number: digits, maybe a '.' and digits, no sign,
 * at most FAST_PLAIN_DIGITS digits. m / 10^k with m < 10^15 < 2^53 and
 * k <= 15 is the very division that fastread_number() makes for these
 * digits (Clinger's fast path), hence strtod's double. Eight bytes are
 * read at once while 16 are left before end.
 */
static FAST_INLINE const char *
plain_number(const char *p, const char *end, double *out)
{
	uint64_t v, t, whole, low, joined;
	int n, frac, all;

	if (!FAST_WORDS || end - p < 16)
		return plain_bytes(p, end, out);
	memcpy(&v, p, sizeof(v));
	t = v - BYTES('0');
	if ((n = word_digits(t)) == 0 || n == 8)
		return plain_bytes(p, end, out);
	if (p[n] != '.') {
		*out = (double)word_value(t, n);
		return p + n;
	}
	/*
	 * Short: the digits on both sides of the '.' joined in one word (the
	 * byte shifted in at the top is 0, no digit) when it ends before it.
	 */
	low = (UINT64_C(1) << (8 * n)) - 1;
	joined = ((v & low) | ((v >> 8) & ~low)) - BYTES('0');
	if ((all = word_digits(joined)) < 7) {
		if ((frac = all - n) == 0)
			return NULL; /* "1.": for fastread_number() */
		*out = (double)word_value(joined, all) / exact_pow10[frac];
		return p + all + 1;
	}
	whole = word_value(t, n);
	memcpy(&v, p + n + 1, sizeof(v));
	t = v - BYTES('0');
	if ((frac = word_digits(t)) == 0 || frac == 8)
		return plain_bytes(p, end, out);
	*out = (double)(whole * int_pow10[frac] + word_value(t, frac)) /
	    exact_pow10[frac];
	return p + n + 1 + frac;
}

const char *
fastread_plain_number(const char *s, const char *end, double *out)
{
	return plain_number(s, end, out);
}

const char *
fastread_trim(const char *s, size_t len, size_t *out_len)
{
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r'))
		len--;
	*out_len = len;
	return s;
}

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
fast_name(struct known_name *k, const struct span *c, size_t max_name)
{
	size_t bad, i;
	uint32_t cp;

	if (c->len == 0 || c->len > max_name)
		return -1;
	if (c->len == k->len) {
		for (i = 0; i < c->len && c->s[i] == k->s[i]; i++)
			continue;
		if (i == c->len)
			return 1;
	}
	if (utf8_check_name(c->s, c->len, &bad, &cp) != 0)
		return -1;
	k->len = c->len <= FAST_NAME_MAX ? c->len : (size_t)-1;
	if (c->len <= FAST_NAME_MAX)
		memcpy(k->s, c->s, c->len);
	return 0;
}

/* Whether the strict reader would take x in a column of this kind. */
static int
fast_in_range(const struct fastread *f, enum fastread_kind kind, double x)
{
	return fabs(x) <= f->lay.max_magnitude &&
	    !(kind == FASTREAD_NOT_NEGATIVE && x < 0);
}

/* Parses a cell that the fast number parser did not take whole. */
static int
fast_value(const struct fastread *f, const struct span *c,
    enum fastread_kind kind, double *out)
{
	size_t len;
	const char *t = fastread_trim(c->s, c->len, &len);

	return f->lay.parse_number(t, len, out) == 0 &&
	    fast_in_range(f, kind, *out) ? 0 : -1;
}

/* Splits the line at p into cells, parsing numbers on the way. */
static enum fast
fast_split(const struct fastread *f, const struct csv_window *w, const char *p,
    struct span *cell, double *num, const char **next, int *nl)
{
	const char *line = p;
	size_t i, n = f->lay.ncols;
	int t = 1;

	for (i = 0; i < n; i++) {
		enum fastread_kind kind = f->lay.kind[i];
		const char *q = p;
		int whole = 0;

		if (kind != FASTREAD_TEXT) {
			q = fastread_number(p, w->end, &num[i]);
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
		if (kind != FASTREAD_TEXT && (whole ?
		    !fast_in_range(f, kind, num[i]) :
		    fast_value(f, &cell[i], kind, &num[i]) < 0))
			return FAST_SLOW;
		p = *next;
	}
	if (t != 2 || *next - line > FASTREAD_MAX_LINE)
		return FAST_SLOW;
	return FAST_ROW;
}

/* Keeps the row's cells, trimmed, for the appendix. */
static void
fast_keep_raw(struct fastread *f, const struct span *cell)
{
	char *raw[RAW__MAX];
	size_t len;
	const char *t;
	int i;

	for (i = 0; i < RAW__MAX; i++) {
		long col = f->lay.raw[i];

		raw[i] = NULL;
		if (col >= 0) {
			t = fastread_trim(cell[col].s, cell[col].len, &len);
			raw[i] = utf8_clean(t, len);
		}
	}
	aggregate_add_raw(f->a, (const char *const *)raw, f->input);
	for (i = 0; i < RAW__MAX; i++)
		free(raw[i]);
}

/* Reads the simple line at p, numbered line, as one row. */
static enum fast
fast_row(struct fastread *f, const struct csv_window *w, const char *p,
    unsigned long line, const char **next, int *nl, struct diags *d)
{
	struct span cell[FASTREAD_MAX_COLS], gadget, tcase;
	double num[FASTREAD_MAX_COLS], value[METRIC__MAX] = { 0 };
	struct aggregate_origin origin;
	enum fast res = fast_split(f, w, p, cell, num, next, nl);
	double rate;
	int m, same_g, same_c;

	if (res != FAST_ROW)
		return res;
	gadget = cell[f->lay.gadget];
	gadget.s = fastread_trim(gadget.s, gadget.len, &gadget.len);
	tcase = cell[f->lay.tcase];
	tcase.s = fastread_trim(tcase.s, tcase.len, &tcase.len);
	if ((same_g = fast_name(&f->known[0], &gadget, f->lay.max_name)) < 0 ||
	    (same_c = fast_name(&f->known[1], &tcase, f->lay.max_name)) < 0)
		return FAST_SLOW;
	for (m = 0; m < METRIC__MAX; m++)
		if (f->present & (1u << m))
			value[m] = num[f->lay.metric[m]];
	rate = num[f->lay.rate];
	if (same_g && same_c && f->last_ok && rate == f->last_rate) {
		aggregate_add_again(f->a, value, f->present);
	} else {
		origin.input = f->input;
		origin.line = line;
		f->last_ok = aggregate_add(f->a, gadget.s, gadget.len, tcase.s,
		    tcase.len, rate, value, f->present, &origin, d) == 0;
		f->last_rate = rate;
	}
	if (f->last_ok && aggregate_wants_raw(f->a))
		fast_keep_raw(f, cell);
	f->rows++;
	return FAST_ROW;
}

/*
 * A name cell of a plain line: 1 when it is the previous row's, 0 for
 * another valid name (then remembered), -1 when fast_row() must look.
 */
static int
plain_name(struct fastread *f, struct known_name *k, const struct span *c)
{
	if (c->len == 0 || c->s[0] == ' ' || c->s[0] == '\t' ||
	    c->s[c->len - 1] == ' ' || c->s[c->len - 1] == '\t')
		return -1;
	/* fast_name compares with the previous row's name first. */
	return fast_name(k, c, f->lay.max_name);
}

/* The end of the text cell at p: the first byte of cell_stop. */
static FAST_INLINE const char *
plain_scan(const char *p)
{
	while (!cell_stop[(unsigned char)*p])
		p++;
	return p;
}

/*
 * The end of the name cell at p, *same set when it is k's name: compared
 * eight bytes at a time (the bytes of k->s past its name masked off), no
 * scan, while the window has room; else scanned.
 */
static FAST_INLINE const char *
plain_text(const struct known_name *k, const char *p, const char *end,
    int *same)
{
	uint64_t a, b;
	size_t i, len = k->len;

	*same = 0;
	if (!FAST_WORDS || len == 0 || len > FAST_NAME_MAX ||
	    (size_t)(end - p) < len + 8)
		return plain_scan(p);
	for (i = 0; i < len; i += 8) {
		memcpy(&a, p + i, sizeof(a));
		memcpy(&b, k->s + i, sizeof(b));
		a ^= b;
		if (len - i < 8)
			a &= (UINT64_C(1) << (8 * (len - i))) - 1;
		if (a != 0)
			return plain_scan(p);
	}
	if (!cell_stop[(unsigned char)p[len]])
		return plain_scan(p);
	*same = 1;
	return p + len;
}

/*
 * Where plain_row() puts a column's number: a metric's value at its
 * metric, so that the row is passed on as it was parsed.
 */
enum {
	PLAIN_RATE = METRIC__MAX, /* the rate */
	PLAIN_OTHER,              /* a number not aggregated (Run) */
	PLAIN__MAX
};

/* Adds the row of a line read by plain_row(): value[PLAIN__MAX], names. */
static void
plain_add(struct fastread *f, const double *value, const struct span name[2],
    int same, unsigned long line, struct diags *d)
{
	double rate = value[PLAIN_RATE];
	struct aggregate_origin origin;
	const struct span *g = &name[0], *c = &name[1];

	if (same && f->last_ok && rate == f->last_rate) {
		aggregate_add_again(f->a, value, f->present);
	} else {
		origin.input = f->input;
		origin.line = line;
		f->last_ok = aggregate_add(f->a, g->s, g->len, c->s, c->len, rate,
		    value, f->present, &origin, d) == 0;
		f->last_rate = rate;
	}
	f->rows++;
}

/*
 * Reads the line at p, numbered line, when it is plain: every cell ends
 * at a ',' or the line's end, numbers are in the plain form (see
 * plain_number), names have no blanks around them, and fast_plain_ok().
 * Returns 1 after adding the row (*next past its line end), else 0 with
 * nothing added, for fast_row() to decide.
 */
static int
plain_row(struct fastread *f, const struct csv_window *w, const char *p,
    unsigned long line, const char **next, struct diags *d)
{
	struct span name[2] = { { NULL, 0 }, { NULL, 0 } }; /* gadget, case */
	double value[PLAIN__MAX] = { 0 };
	const char *start = p, *q;
	size_t i, n = f->lay.ncols;
	int g, c, same[2] = { 0, 0 };

	for (i = 0; i < n; i++, p = q + 1) {
		if (f->lay.kind[i] == FASTREAD_TEXT) {
			int k = f->known_of[i];

			if (k < 0) {
				q = plain_scan(p);
			} else {
				q = plain_text(&f->known[k], p, w->end, &same[k]);
				name[k].s = p;
				name[k].len = (size_t)(q - p);
			}
		} else if ((q = plain_number(p, w->end,
		    &value[f->slot_of[i]])) == NULL) {
			return 0;
		}
		if (i + 1 < n) {
			if (*q != ',')
				return 0;
		} else if (*q == '\r' && q[1] == '\n') {
			q++;
		} else if (*q != '\n') {
			return 0;
		}
	}
	if (p - start > FASTREAD_MAX_LINE)
		return 0;
	g = same[0] ? 1 : plain_name(f, &f->known[0], &name[0]);
	c = same[1] ? 1 : plain_name(f, &f->known[1], &name[1]);
	if (g < 0 || c < 0) {
		f->last_ok = 0; /* a name just remembered is not the last row's */
		return 0;
	}
	plain_add(f, value, name, g && c, line, d);
	*next = p;
	return 1;
}

/*
 * Whether plain_row() may read lines: raw rows are no longer kept (no cell
 * need be copied), and no plain number is over the limit (none is checked).
 */
static int
fast_plain_ok(struct fastread *f)
{
	if (!f->raw_full)
		f->raw_full = !aggregate_wants_raw(f->a);
	return f->raw_full && f->lay.max_magnitude >= FAST_PLAIN_MAX;
}

/*
 * Reads the simple rows of w from its start; *to is left past the last
 * line read, *lines holds the line ends up to there.
 */
static enum fast
fast_window(struct fastread *f, const struct csv_window *w, struct diags *d,
    const char **to, unsigned long *lines)
{
	enum fast res = FAST_ROW;
	const char *p, *next;
	unsigned long n = 0;
	int nl;

	for (p = w->p; p < w->end; p = next) {
		if (*p == '\n' || (*p == '\r' && p[1] == '\n')) {
			next = p + (*p == '\r') + 1;
			n++;
			continue;
		}
		if (*p == '#' || d->errors >= DIAGS_MAX) {
			res = FAST_SLOW;
		} else if (fast_plain_ok(f) &&
		    plain_row(f, w, p, w->line + n, &next, d)) {
			n++;
			continue;
		} else {
			res = fast_row(f, w, p, w->line + n, &next, &nl, d);
		}
		if (res != FAST_ROW)
			break;
		n += (unsigned long)nl;
	}
	*to = p;
	*lines = n;
	return res;
}

struct fastread *
fastread_new(struct aggregate *a, size_t input,
    const struct fastread_layout *lay)
{
	struct fastread *f = xcalloc(1, sizeof(*f));
	int m;

	f->a = a;
	f->input = input;
	f->lay = *lay;
	memset(f->known_of, -1, sizeof(f->known_of));
	if (lay->gadget < FASTREAD_MAX_COLS)
		f->known_of[lay->gadget] = 0;
	if (lay->tcase < FASTREAD_MAX_COLS && lay->tcase != lay->gadget)
		f->known_of[lay->tcase] = 1;
	memset(f->slot_of, PLAIN_OTHER, sizeof(f->slot_of));
	if (lay->rate < FASTREAD_MAX_COLS)
		f->slot_of[lay->rate] = PLAIN_RATE;
	for (m = 0; m < METRIC__MAX; m++)
		if (lay->metric[m] >= 0) {
			f->present |= 1u << m;
			if (lay->metric[m] < FASTREAD_MAX_COLS)
				f->slot_of[lay->metric[m]] = (unsigned char)m;
		}
	return f;
}

void
fastread_free(struct fastread *f)
{
	free(f);
}

unsigned long
fastread_rows(const struct fastread *f)
{
	return f->rows;
}

int
fastread_lines(struct fastread *f, struct csv_reader *r, struct diags *d)
{
	struct csv_window w;
	enum fast res = FAST_ROW;
	const char *to;
	unsigned long lines;

	if (f->lay.ncols > FASTREAD_MAX_COLS)
		return 0;
	f->last_ok = 0; /* the strict path may have added rows since */
	while (res != FAST_SLOW && csv_reader_window(r, &w)) {
		res = fast_window(f, &w, d, &to, &lines);
		csv_reader_consume(r, to, lines);
	}
	return res == FAST_ROW;
}

/* One half of the rows, read by its own thread into its own aggregate. */
struct half {
	struct fastread f;
	const struct fastread_source *src;
	unsigned long long from, to;
	unsigned long line;   /* of from; once read, of to */
	struct csv_reader *r; /* for a file; NULL for bytes in memory */
	struct diags d;
	int ok;               /* every line was simple */
};

/* Bytes in memory are one window: no copy, no reader. */
static void
half_read_bytes(struct half *h)
{
	struct csv_window w;
	const char *to;
	unsigned long lines;

	w.p = h->src->data + h->from;
	w.end = h->src->data + h->to;
	w.line = h->line;
	w.last = 1; /* a line of the first half ends at its '\n', before end */
	h->ok = fast_window(&h->f, &w, &h->d, &to, &lines) == FAST_ROW &&
	    h->d.n == 0;
	h->line += lines;
}

static void
half_run(void *arg)
{
	struct half *h = arg;
	struct csv_record rec;
	unsigned long long at;

	if (h->r == NULL) {
		half_read_bytes(h);
		return;
	}
	/* Anything but simple rows up to the end sends the file to the strict path. */
	h->ok = fastread_lines(&h->f, h->r, &h->d) &&
	    csv_reader_next(h->r, &rec, &h->d) == 0 && h->d.n == 0;
	csv_reader_tell(h->r, &at, &h->line);
}

/*
 * The offset just past the first line end at or after at, or 0 when there
 * is none within FASTREAD_MAX_LINE bytes: a line that long is not simple,
 * and a file of one endless line must not be scanned to its end.
 */
static unsigned long long
line_after(const struct fastread_source *src, unsigned long long at)
{
	char buf[4096], *nl;
	const char *m;
	unsigned long long stop = src->size - at > FASTREAD_MAX_LINE ?
	    at + FASTREAD_MAX_LINE : src->size;
	ssize_t n;

	if (src->fd < 0) {
		m = memchr(src->data + at, '\n', (size_t)(stop - at));
		return m != NULL ? (unsigned long long)(m - src->data) + 1 : 0;
	}
	while (at < stop && (n = pread(src->fd, buf, sizeof(buf),
	    (off_t)at)) > 0) {
		if ((nl = memchr(buf, '\n', (size_t)n)) != NULL)
			return at + (unsigned long long)(nl - buf) + 1;
		at += (unsigned long long)n;
	}
	return 0;
}

static void
half_start(struct half *h, const struct fastread *f,
    const struct fastread_source *src, unsigned long long from,
    unsigned long long to, unsigned long line)
{
	memset(h, 0, sizeof(*h));
	h->f = *f;
	h->f.a = aggregate_new_part(f->a);
	h->f.last_ok = 0; /* the part has no row to add again to */
	h->f.raw_full = 0; /* nor any raw row yet */
	h->f.rows = 0;
	h->src = src;
	h->from = from;
	h->to = to;
	h->line = line;
	if (src->fd >= 0)
		h->r = csv_reader_new_range(src->fd, from, to, line, src->name);
}

/* Merges both halves when they could be read so; frees them either way. */
static int
half_finish(struct fastread *f, struct half h[2])
{
	const struct aggregate *parts[2] = { h[0].f.a, h[1].f.a };
	int ok = h[0].ok && h[1].ok && aggregate_merge_fits(f->a, parts, 2);
	int i;

	if (ok) {
		aggregate_merge(f->a, h[0].f.a, 0);
		aggregate_merge(f->a, h[1].f.a, h[0].line - 1);
		f->rows += h[0].f.rows + h[1].f.rows;
	}
	for (i = 0; i < 2; i++) {
		if (!ok)
			aggregate_free(h[i].f.a);
		csv_reader_free(h[i].r);
		diags_free(&h[i].d);
	}
	return ok;
}

/*
 * Only a file of simple rows can be split at any line end (no quotes,
 * hence no line end inside a cell): when either half meets anything else,
 * both are dropped.
 */
int
fastread_parallel(struct fastread *f, const struct fastread_source *src,
    unsigned long long start, unsigned long line)
{
	unsigned long long split;
	struct half h[2];
	struct task t;

	if (f->lay.ncols > FASTREAD_MAX_COLS || src->size < start ||
	    src->size - start < FASTREAD_PARALLEL_MIN ||
	    sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return 0;
	if ((split = line_after(src, start + (src->size - start) / 2)) == 0)
		return 0;
	half_start(&h[0], f, src, start, split, line);
	half_start(&h[1], f, src, split, src->size, 1);
	task_start(&t, half_run, &h[1]);
	half_run(&h[0]);
	task_wait(&t);
	return half_finish(f, h);
}
