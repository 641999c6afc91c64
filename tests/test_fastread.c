/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of fastread: simple rows parsed in place, and the two-thread reader on files and on bytes in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "aggregate.h"
#include "fastread.h"
#include "results.h"
#include "xalloc.h"

#define HEADER "TestName,TestCase,Run,EventsPerSecond,Cpu,Mem,IgCpu,IgMem,Lost"

/* Rows enough for two threads. */
#define BIG_ROWS 200000L

/* The columns of HEADER, with results.c's rules for numbers. */
static struct fastread_layout
header_layout(void)
{
	struct fastread_layout lay;
	size_t i;
	int m;

	memset(&lay, 0, sizeof(lay));
	lay.ncols = 9;
	for (i = 2; i < lay.ncols; i++)
		lay.kind[i] = FASTREAD_NUMBER;
	lay.kind[0] = lay.kind[1] = FASTREAD_TEXT;
	lay.kind[3] = FASTREAD_NOT_NEGATIVE;
	lay.gadget = 0;
	lay.tcase = 1;
	lay.rate = 3;
	for (m = 0; m < METRIC__MAX; m++)
		lay.metric[m] = 4 + m;
	for (i = 0; i < RAW__MAX; i++)
		lay.raw[i] = (long)i; /* RAW_* follow HEADER's order */
	lay.max_magnitude = 1e15;
	lay.max_name = 256;
	lay.parse_number = results_parse_number;
	return lay;
}

/* An aggregation of one file, t.csv, with a reader for its rows. */
struct run {
	struct aggregate *a;
	struct fastread *f;
	struct diags d;
	struct model *m;
};

static void
run_open(struct run *r)
{
	struct fastread_layout lay = header_layout();
	size_t input;

	memset(r, 0, sizeof(*r));
	r->a = aggregate_new(0.95);
	input = aggregate_add_input(r->a, "t.csv");
	aggregate_note_columns(r->a, (1u << METRIC__MAX) - 1, 1);
	r->f = fastread_new(r->a, input, &lay);
}

/* Builds the model (r->m, NULL without rows), leaving diagnostics in r->d. */
static void
run_finish(struct run *r)
{
	fastread_free(r->f);
	r->m = aggregate_finish(r->a, NULL, 0, &r->d);
	if (r->m != NULL)
		assert_int_equal(model_check(r->m, stderr), 0);
}

static void
run_free(struct run *r)
{
	model_free(r->m);
	diags_free(&r->d);
}

/* The run's diagnostics, model and some raw rows as text; frees the run. */
static char *
run_dump(struct run *r)
{
	char *out = NULL, *line;
	size_t outlen = 0, i;
	FILE *o = open_memstream(&out, &outlen);

	assert_non_null(o);
	run_finish(r);
	for (i = 0; i < r->d.n; i++) {
		line = diag_format(&r->d.v[i]);
		fprintf(o, "%s\n", line);
		free(line);
	}
	if (r->m != NULL) {
		model_dump(r->m, o);
		fprintf(o, "rows %lu\n", r->m->total_rows);
		for (i = 0; i < r->m->nraw; i += 997)
			fprintf(o, "raw %zu %s %s %s %s\n", i,
			    r->m->raw[i].cell[RAW_GADGET], r->m->raw[i].cell[RAW_RUN],
			    r->m->raw[i].cell[RAW_CPU], r->m->raw[i].cell[RAW_IGMEM]);
	}
	run_free(r);
	fclose(o);
	return out;
}

/*
 * A header and n rows over 3 gadgets, 2 cases and 4 rates, each line
 * ended by eol, every row of one length: "gadgetG,CASE....,RUN..,RATE,...".
 */
static char *
rows_text(long n, const char *eol)
{
	size_t cap = (size_t)n * 72 + 256, len = 0;
	char *t = malloc(cap);
	long i;

	assert_non_null(t);
	len += (size_t)sprintf(t, HEADER "%s", eol);
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(t + len,
		    "gadget%ld,%s,%05ld,%04ld,%ld.%02ld,14%02ld.5,0.25,9%ld.75,%ld%s",
		    (i / 1000) % 3, i % 2 ? "      ig" : "baseline", i % 100000,
		    256L << (i / 3000 % 4), i % 7, i % 100, i % 13, i % 5, i % 3,
		    eol);
	assert_true(len < cap);
	return t;
}

/* Where the cells of a row of rows_text() start. */
#define COL_CASE 8
#define COL_RATE 23

/* Offset of the first row: just past the header line. */
static unsigned long long
first_row(const char *text)
{
	return (unsigned long long)(strchr(text, '\n') + 1 - text);
}

/* The start of the line that holds the byte at fraction frac of the rows. */
static char *
row_at(char *text, double frac)
{
	size_t start = (size_t)first_row(text);
	char *p = text + start + (size_t)((double)(strlen(text) - start) * frac);

	while (p[-1] != '\n')
		p--;
	return p;
}

/* The line number of p in text. */
static unsigned long
line_of(const char *text, const char *p)
{
	unsigned long line = 1;

	for (; text < p; text++)
		line += *text == '\n';
	return line;
}

/* Reads the rows of text with fastread_lines() alone, on one thread. */
static char *
read_one_thread(const char *text)
{
	struct run r;
	struct csv_record rec;
	FILE *fp = testutil_text_file(text);
	struct csv_reader *cr = csv_reader_new_range(fileno(fp), first_row(text),
	    strlen(text), 2, "t.csv");

	run_open(&r);
	assert_int_equal(fastread_lines(r.f, cr, &r.d), 1);
	assert_int_equal(csv_reader_next(cr, &rec, &r.d), 0);
	csv_reader_free(cr);
	fclose(fp);
	return run_dump(&r);
}

/* Tries the two-thread reader on the rows of text, in memory (fd < 0) or from fd. */
static int
read_two_threads(struct run *r, const char *text, int fd)
{
	struct fastread_source src = { fd, fd < 0 ? text : NULL, strlen(text),
	    "t.csv" };

	run_open(r);
	return fastread_parallel(r->f, &src, first_row(text), 2);
}

static void
skip_on_one_processor(void)
{
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		skip();
}

/*
 * Merged halves may differ from one thread in the last bits of means and
 * deviations: numbers compare within rel of the data's scale (Mem is near
 * 1400, and an overhead near 0 is the difference of two such means),
 * everything else byte for byte.
 */
static void
assert_same_dump(const char *one, const char *two, double rel)
{
	const char *p = one, *q = two;

	while (*p && *q) {
		char *pe, *qe;
		double x = strtod(p, &pe), y = strtod(q, &qe);

		if (pe != p && qe != q) {
			if (fabs(x - y) > rel * fmax(fabs(y), 1400))
				fail_msg("%.17g against %.17g near '%.40s'", x, y, p);
			p = pe, q = qe;
		} else if (*p++ != *q++) {
			fail_msg("dumps differ near '%.40s' / '%.40s'", p - 1, q - 1);
		}
	}
	assert_true(*p == '\0' && *q == '\0');
}

/* Tries the two-thread reader on text in memory: returns 0 and leaves the aggregate empty. */
static void
expect_left_to_strict_reader(const char *text)
{
	struct run r;

	assert_int_equal(read_two_threads(&r, text, -1), 0);
	assert_int_equal(fastread_rows(r.f), 0);
	run_finish(&r);
	assert_null(r.m); /* no rows: D_NO_DATA */
	run_free(&r);
}

static void
test_split_bytes_give_the_model_of_one_thread(void **state)
{
	char *text = rows_text(BIG_ROWS, "\n"), *one, *two;
	struct run r;

	(void)state;
	skip_on_one_processor();
	assert_true(strlen(text) > FASTREAD_PARALLEL_MIN);
	one = read_one_thread(text);
	assert_int_equal(read_two_threads(&r, text, -1), 1);
	assert_int_equal(fastread_rows(r.f), BIG_ROWS);
	two = run_dump(&r);
	assert_same_dump(two, one, 1e-12);
	free(one);
	free(two);
	free(text);
}

static void
test_file_and_memory_split_alike(void **state)
{
	char *text = rows_text(BIG_ROWS, "\n"), *from_file, *from_memory;
	FILE *fp = testutil_text_file(text);
	struct run r;

	(void)state;
	skip_on_one_processor();
	assert_int_equal(read_two_threads(&r, text, fileno(fp)), 1);
	from_file = run_dump(&r);
	assert_int_equal(read_two_threads(&r, text, -1), 1);
	from_memory = run_dump(&r);
	assert_string_equal(from_memory, from_file);
	free(from_file);
	free(from_memory);
	fclose(fp);
	free(text);
}

static void
test_crlf_rows_split_like_lf_rows(void **state)
{
	char *crlf = rows_text(BIG_ROWS, "\r\n"), *lf = rows_text(BIG_ROWS, "\n");
	char *one, *two;
	struct run r;

	(void)state;
	skip_on_one_processor();
	assert_int_equal(read_two_threads(&r, crlf, -1), 1);
	two = run_dump(&r);
	one = read_one_thread(lf);
	assert_same_dump(two, one, 1e-12);
	free(one);
	free(two);
	free(crlf);
	free(lf);
}

static void
test_last_row_without_line_end_is_read(void **state)
{
	char *text = rows_text(BIG_ROWS, "\n");
	struct run r;

	(void)state;
	skip_on_one_processor();
	text[strlen(text) - 1] = '\0';
	assert_int_equal(read_two_threads(&r, text, -1), 1);
	assert_int_equal(fastread_rows(r.f), BIG_ROWS);
	run_finish(&r);
	assert_int_equal(r.m->total_rows, BIG_ROWS);
	run_free(&r);
	free(text);
}

/* A gadget first seen in the second half: its warning names its own line. */
static void
test_second_half_keeps_the_line_numbers_of_the_file(void **state)
{
	char *text = rows_text(BIG_ROWS, "\n");
	char *row = row_at(text, 0.75);
	struct run r;
	size_t i;
	int found = 0;

	(void)state;
	skip_on_one_processor();
	memcpy(row, "lategad", 7);
	memcpy(row + COL_CASE, "baseline", 8); /* and no ig rows */
	assert_int_equal(read_two_threads(&r, text, -1), 1);
	run_finish(&r);
	for (i = 0; i < r.d.n; i++)
		if (r.d.v[i].code == D_NO_IG) {
			assert_int_equal(r.d.v[i].line, line_of(text, row));
			found = 1;
		}
	assert_true(found);
	run_free(&r);
	free(text);
}

/* Quotes the gadget of the row at the middle, closed on the next line. */
static void
quote_across_middle(char *text)
{
	char *row = row_at(text, 0.5), *next = strchr(row, '\n') + 1;

	assert_memory_equal(next, "gadget", 6);
	row[0] = '"';
	next[6] = '"';
}

static void
test_quoted_line_end_at_the_split_leaves_rows_to_the_strict_reader(void **state)
{
	char *text = rows_text(BIG_ROWS, "\n");

	(void)state;
	quote_across_middle(text);
	expect_left_to_strict_reader(text);
	free(text);
}

static void
test_bad_cell_in_the_second_half_leaves_rows_to_the_strict_reader(void **state)
{
	char *text = rows_text(BIG_ROWS, "\n");

	(void)state;
	row_at(text, 0.75)[COL_RATE] = 'x';
	expect_left_to_strict_reader(text);
	free(text);
}

static void
test_nul_byte_leaves_rows_to_the_strict_reader(void **state)
{
	char *text = rows_text(BIG_ROWS, "\n");
	struct fastread_source src = { -1, text, strlen(text), "t.csv" };
	struct run r;

	(void)state;
	row_at(text, 0.9)[COL_CASE] = '\0';
	run_open(&r);
	assert_int_equal(fastread_parallel(r.f, &src, first_row(text), 2), 0);
	assert_int_equal(fastread_rows(r.f), 0);
	run_finish(&r);
	run_free(&r);
	free(text);
}

static void
test_line_over_the_limit_leaves_rows_to_the_strict_reader(void **state)
{
	char *text = rows_text(BIG_ROWS, "\n");
	size_t len = strlen(text);
	char *big = malloc(len + FASTREAD_MAX_LINE + 64);

	(void)state;
	assert_non_null(big);
	memcpy(big, text, len);
	memset(big + len, 'g', FASTREAD_MAX_LINE);
	strcpy(big + len + FASTREAD_MAX_LINE, ",baseline,1,256,1,1,1,1,1\n");
	expect_left_to_strict_reader(big);
	free(big);
	free(text);
}

static void
test_small_input_is_left_to_one_thread(void **state)
{
	char *text = rows_text(1000, "\n");

	(void)state;
	assert_true(strlen(text) < FASTREAD_PARALLEL_MIN);
	expect_left_to_strict_reader(text);
	free(text);
}

/*
 * Reads text's rows with fastread_lines(); returns what it returned, the
 * rows read in *rows and the line of the record left to the strict
 * reader in *line (0 when none is).
 */
static int
lines_of(const char *text, unsigned long *rows, unsigned long *line)
{
	struct run r;
	struct csv_record rec;
	FILE *fp = testutil_text_file(text);
	struct csv_reader *cr = csv_reader_new(fp, "t.csv");
	int rc;

	run_open(&r);
	assert_int_equal(csv_reader_next(cr, &rec, &r.d), 1); /* the header */
	rc = fastread_lines(r.f, cr, &r.d);
	*rows = fastread_rows(r.f);
	*line = csv_reader_next(cr, &rec, &r.d) == 1 ? rec.line : 0;
	csv_reader_free(cr);
	fclose(fp);
	run_finish(&r);
	run_free(&r);
	return rc;
}

/* Lines 2 and 4 are rows, 3 is blank; s is line 5, one more row follows. */
static void
expect_stop_at_line_5(const char *s)
{
	char *text = xasprintf(HEADER "\n"
	    "a,ig,1,256,1,10,0,0,0\n\r\n"
	    "a,ig,1,256,1,10,0,0,0\r\n"
	    "%s\n"
	    "a,ig,1,256,1,10,0,0,0\n", s);
	unsigned long rows, line;

	assert_int_equal(lines_of(text, &rows, &line), 0);
	assert_int_equal(rows, 2);
	assert_int_equal(line, 5);
	free(text);
}

static void
test_lines_stop_at_a_quoted_field(void **state)
{
	(void)state;
	expect_stop_at_line_5("a,\"ig\",1,256,1,10,0,0,0");
}

static void
test_lines_stop_at_a_comment(void **state)
{
	(void)state;
	expect_stop_at_line_5("# a comment after the header");
}

static void
test_lines_stop_at_a_lone_cr(void **state)
{
	(void)state;
	expect_stop_at_line_5("a,ig,1,256,1,10,0,0,0\rb,ig,1,256,1,10,0,0,0");
}

static void
test_lines_stop_at_a_missing_cell(void **state)
{
	(void)state;
	expect_stop_at_line_5("a,ig,1,256,1,10,0,0");
}

static void
test_lines_stop_at_a_number_beyond_the_limit(void **state)
{
	(void)state;
	expect_stop_at_line_5("a,ig,1,256,1,2e15,0,0,0");
}

static void
test_lines_stop_at_a_negative_rate(void **state)
{
	(void)state;
	expect_stop_at_line_5("a,ig,1,-256,1,10,0,0,0");
}

static void
test_lines_stop_at_bad_utf8_in_a_name(void **state)
{
	(void)state;
	expect_stop_at_line_5("a\xff,ig,1,256,1,10,0,0,0");
}

static void
test_lines_read_to_the_end_of_simple_rows(void **state)
{
	unsigned long rows, line;

	(void)state;
	assert_int_equal(lines_of(HEADER "\n"
	    "a,ig,1,256,1,10,0,0,0\n"
	    "a,baseline,1,256,1,10,0,0,0\r\n\n"
	    "b,ig,1,512,1,10,0,0,0", &rows, &line), 1);
	assert_int_equal(rows, 3);
	assert_int_equal(line, 0);
}

/* Padded cells and long mantissas go through the strict grammar, to the same value. */
static void
test_padded_and_long_numbers_read_as_strtod_reads_them(void **state)
{
	static const char *const cells[] = { " 1.5 ", "\t0.123456789012345678901",
	    "2.3456789012345678", "1e-5", "+7" };
	struct run r;
	FILE *fp;
	struct csv_reader *cr;
	struct csv_record rec;
	char *text;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		text = xasprintf(HEADER "\na,ig,1,256,%s,10,0,0,0\n", cells[i]);
		fp = testutil_text_file(text);
		cr = csv_reader_new(fp, "t.csv");
		run_open(&r);
		assert_int_equal(csv_reader_next(cr, &rec, &r.d), 1);
		assert_int_equal(fastread_lines(r.f, cr, &r.d), 1);
		assert_int_equal(fastread_rows(r.f), 1);
		run_finish(&r);
		assert_true(r.m->gadgets[0].series[0].cells[0].m[METRIC_CPU].mean ==
		    strtod(cells[i], NULL));
		run_free(&r);
		csv_reader_free(cr);
		fclose(fp);
		free(text);
	}
}

static void
test_number_parser_stops_after_the_number(void **state)
{
	const char *s = "1.25,2";
	double x = 0;

	(void)state;
	assert_ptr_equal(fastread_number(s, s + strlen(s), &x), s + 4);
	assert_true(x == 1.25);
	s = "-0e3x";
	assert_ptr_equal(fastread_number(s, s + strlen(s), &x), s + 4);
	assert_true(x == 0 && signbit(x));
	s = "12.5";
	assert_ptr_equal(fastread_number(s, s + 2, &x), s + 2); /* end is end */
	assert_true(x == 12);
}

static void
test_number_parser_leaves_hard_cases_to_strtod(void **state)
{
	static const char *const hard[] = { "12345678901234567890", "9007199254740993",
	    "1e23", "1e-23", "1e", ".", "-", "1e12345" };
	double x;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(hard) / sizeof(hard[0]); i++)
		assert_null(fastread_number(hard[i], hard[i] + strlen(hard[i]), &x));
}

/* A random digit string of n digits into out; returns out + n. */
static char *
random_digits(char *out, int n, unsigned long long *seed)
{
	int i;

	for (i = 0; i < n; i++) {
		*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
		/* Often long runs of 0 and 9, where rounding is closest to a tie. */
		switch ((*seed >> 60) & 3) {
		case 0:
			out[i] = '0';
			break;
		case 1:
			out[i] = '9';
			break;
		default:
			out[i] = (char)('0' + (*seed >> 33) % 10);
		}
	}
	return out + n;
}

/*
 * Bytes that may follow a number: the word parser's digit test is
 * closest to wrong for bytes just below '0' or above '9', and for high
 * bytes, whose carries run into the next byte.
 */
static const char plain_after[] = { ',', '\n', '\r', '/', ':', ' ', '\x7f',
	'\x80', '\xf9', '\xfa', '\xff', '\x01', '-', '+' };

/*
 * s[0..len) then a byte that ends a number, then more; the plain parser
 * must end at that byte with strtod's double.
 */
static void
expect_plain_as_strtod(char *buf, size_t len, size_t room)
{
	double x = -1, want;
	const char *q;
	size_t i;

	for (i = 0; i < 9; i++)
		buf[len + i] = plain_after[(len * 7 + i * 3 + (unsigned char)buf[0]) %
		    sizeof(plain_after)];
	buf[len + 9] = '\0';
	want = strtod(buf, NULL);
	q = fastread_plain_number(buf, buf + room, &x);
	if (q != buf + len || memcmp(&x, &want, sizeof(x)) != 0)
		fail_msg("%s: %.17g, strtod %.17g", buf, x, want);
}

/*
 * The plain parser against strtod, bit for bit, on every split of up to
 * 15 digits between the whole and the fractional part, each string read
 * both eight bytes at a time (room to spare) and byte by byte (the
 * number at the end of the bytes it may read).
 */
static void
test_plain_numbers_equal_strtod_bitwise(void **state)
{
	unsigned long long seed = 17;
	char buf[64];
	long i;

	(void)state;
	for (i = 0; i < 2000000; i++) {
		int digits = 1 + (int)(i % 15), whole = 1 + (int)((i / 15) % digits);
		char *p = random_digits(buf, whole, &seed);
		size_t len;

		if (whole < digits) {
			*p++ = '.';
			p = random_digits(p, digits - whole, &seed);
		}
		len = (size_t)(p - buf);
		expect_plain_as_strtod(buf, len, sizeof(buf) - 1);
		expect_plain_as_strtod(buf, len, len + 1);
		expect_plain_as_strtod(buf, len, len);
	}
}

static void
test_plain_numbers_at_their_limits(void **state)
{
	static const char *const good[] = { "0", "0.0", "000.000", "9",
	    "999999999999999", "99999999.9999999", "0.00000000000001",
	    "1234567.1234567", "12345678.1234567", "1234567.12345678",
	    "9007199254740.99", "4503599627370495", "0.1", "0.3", "1391.08" };
	char buf[64];
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		len = strlen(good[i]);
		if (len - (strchr(good[i], '.') != NULL) > 15)
			continue; /* "4503599627370495": 16 digits, below */
		memcpy(buf, good[i], len);
		expect_plain_as_strtod(buf, len, sizeof(buf) - 1);
		expect_plain_as_strtod(buf, len, len + 1);
	}
}

/* Anything but the plain form is left to fastread_number() and strtod. */
static void
test_plain_parser_refuses_other_forms(void **state)
{
	static const char *const other[] = { "", ".", ".5", "1.", "-1", "+1",
	    " 1", "4503599627370495", "1234567890.123456", "0.0000000000000001",
	    "x1", "1.e5", "1..2" };
	char buf[64];
	double x;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		snprintf(buf, sizeof(buf), "%s,%s", other[i], "0000000000000000");
		assert_null(fastread_plain_number(buf, buf + strlen(buf), &x));
		assert_null(fastread_plain_number(buf, buf + strlen(other[i]), &x));
	}
	/* An exponent is not part of the plain form: the caller sees the 'e'. */
	assert_ptr_equal(fastread_plain_number("1e5,", "1e5," + 4, &x), "1e5," + 1);
}

/* Filler rows, so that the rows after them are no longer kept raw. */
static size_t
filler_rows(char *out)
{
	size_t len = 0;
	long i;

	for (i = 0; i < MODEL_RAW_MAX; i++)
		len += (size_t)sprintf(out + len, "filler,ig,1,256,1,10,0,0,0\n");
	return len;
}

/*
 * Past the raw rows, each value read where it stands, in every form the
 * strict reader takes: the run values kept for the dots are the cells'
 * strtod values, bit for bit.
 */
static void
test_rows_past_the_raw_rows_read_every_value_as_strtod(void **state)
{
	static const char *const cells[] = { "1.5", " 1.5", "0.00", "1391.08",
	    "1e-5", "+7", "1.", ".25", "12345678.5", "0.123456789012345678",
	    "123456789012345", "2.5\t", "7" };
	size_t n = sizeof(cells) / sizeof(cells[0]), len, i;
	char *text = xmalloc(MODEL_RAW_MAX * 40 + 4096);
	double runs[MODEL_MAX_RUNS];
	const struct model_cell *c;
	struct csv_record rec;
	struct csv_reader *cr;
	struct run r;
	FILE *fp;

	(void)state;
	len = (size_t)sprintf(text, HEADER "\n");
	len += filler_rows(text + len);
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "g,ig,%zu,512,%s,10,0,0,0\n", i,
		    cells[i]);
	fp = testutil_text_file(text);
	cr = csv_reader_new(fp, "t.csv");
	run_open(&r);
	assert_int_equal(csv_reader_next(cr, &rec, &r.d), 1);
	while (fastread_lines(r.f, cr, &r.d) == 0)
		fail_msg("a row was left to the strict reader");
	assert_int_equal(fastread_rows(r.f), MODEL_RAW_MAX + n);
	run_finish(&r);
	c = &r.m->gadgets[1].series[0].cells[0];
	assert_int_equal(model_cell_runs(c, METRIC_CPU, runs), n);
	for (i = 0; i < n; i++)
		if (runs[i] != strtod(cells[i], NULL))
			fail_msg("%s read as %.17g", cells[i], runs[i]);
	run_free(&r);
	csv_reader_free(cr);
	fclose(fp);
	free(text);
}

/*
 * A new gadget followed by a case with a blank: the line is left to the
 * general path after the gadget's name was remembered, and its row must
 * still go to the new gadget's group, not to the previous row's.
 */
static void
test_new_gadget_with_padded_case_starts_its_own_group(void **state)
{
	char *text = xmalloc(MODEL_RAW_MAX * 40 + 4096);
	struct csv_record rec;
	struct csv_reader *cr;
	struct run r;
	size_t len;
	FILE *fp;

	(void)state;
	len = (size_t)sprintf(text, HEADER "\n");
	len += filler_rows(text + len);
	sprintf(text + len, "a,ig,1,512,1,10,0,0,0\n"
	    "b, ig,2,512,3,10,0,0,0\n"
	    "b,ig,3,512,5,10,0,0,0\n");
	fp = testutil_text_file(text);
	cr = csv_reader_new(fp, "t.csv");
	run_open(&r);
	assert_int_equal(csv_reader_next(cr, &rec, &r.d), 1);
	assert_int_equal(fastread_lines(r.f, cr, &r.d), 1);
	run_finish(&r);
	assert_int_equal(r.m->ngadgets, 3);
	assert_string_equal(r.m->gadgets[1].name, "a");
	assert_int_equal(r.m->gadgets[1].series[0].cells[0].rows, 1);
	assert_true(r.m->gadgets[1].series[0].cells[0].m[METRIC_CPU].mean == 1);
	assert_string_equal(r.m->gadgets[2].name, "b");
	assert_int_equal(r.m->gadgets[2].series[0].cells[0].rows, 2);
	assert_true(r.m->gadgets[2].series[0].cells[0].m[METRIC_CPU].mean == 4);
	run_free(&r);
	csv_reader_free(cr);
	fclose(fp);
	free(text);
}

/*
 * Names compared with the previous row's a word at a time: prefixes of
 * each other, of every length around a word's and up to past the longest
 * remembered, each row must land in its own name's group.
 */
static void
test_names_that_share_a_prefix_keep_their_groups(void **state)
{
	static const char *const names[] = { "a", "ab", "abcdefg", "abcdefgh",
	    "abcdefghi", "abcdefgh", "abcdefghijklmnop", "abcdefghijklmnopq",
	    "a", "ab" };
	size_t nnames = sizeof(names) / sizeof(names[0]), len, i, g, s;
	char *text = xmalloc(MODEL_RAW_MAX * 40 + 200000), long_name[2][80];
	unsigned long want[12] = { 0 }, got;
	struct csv_record rec;
	struct csv_reader *cr;
	struct run r;
	FILE *fp;

	(void)state;
	memset(long_name, 'x', sizeof(long_name));
	long_name[0][64] = '\0'; /* remembered */
	long_name[1][65] = '\0'; /* too long to remember */
	len = (size_t)sprintf(text, HEADER "\n");
	len += filler_rows(text + len);
	for (i = 0; i < 1200; i++) {
		size_t k = (i / 3) % (nnames + 2);
		const char *name = k < nnames ? names[k] : long_name[k - nnames];

		len += (size_t)sprintf(text + len, "%s,%s,1,512,1,10,0,0,0\n", name,
		    i % 2 ? "ig" : "igx");
	}
	fp = testutil_text_file(text);
	cr = csv_reader_new(fp, "t.csv");
	run_open(&r);
	assert_int_equal(csv_reader_next(cr, &rec, &r.d), 1);
	assert_int_equal(fastread_lines(r.f, cr, &r.d), 1);
	run_finish(&r);
	/* filler, then one gadget per distinct name, in order of appearance */
	assert_int_equal(r.m->ngadgets, 1 + 7 + 2);
	for (i = 0; i < 1200; i++) {
		size_t k = (i / 3) % (nnames + 2);
		const char *name = k < nnames ? names[k] : long_name[k - nnames];

		for (g = 1; strcmp(r.m->gadgets[g].name, name) != 0; g++)
			assert_true(g + 1 < r.m->ngadgets);
		want[g]++;
	}
	for (g = 1; g < r.m->ngadgets; g++) {
		got = 0;
		for (s = 0; s < r.m->gadgets[g].nseries; s++)
			got += r.m->gadgets[g].series[s].cells[0].rows;
		assert_int_equal(got, want[g]);
	}
	run_free(&r);
	csv_reader_free(cr);
	fclose(fp);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_bytes_give_the_model_of_one_thread),
		cmocka_unit_test(test_file_and_memory_split_alike),
		cmocka_unit_test(test_crlf_rows_split_like_lf_rows),
		cmocka_unit_test(test_last_row_without_line_end_is_read),
		cmocka_unit_test(test_second_half_keeps_the_line_numbers_of_the_file),
		cmocka_unit_test(test_quoted_line_end_at_the_split_leaves_rows_to_the_strict_reader),
		cmocka_unit_test(test_bad_cell_in_the_second_half_leaves_rows_to_the_strict_reader),
		cmocka_unit_test(test_nul_byte_leaves_rows_to_the_strict_reader),
		cmocka_unit_test(test_line_over_the_limit_leaves_rows_to_the_strict_reader),
		cmocka_unit_test(test_small_input_is_left_to_one_thread),
		cmocka_unit_test(test_lines_stop_at_a_quoted_field),
		cmocka_unit_test(test_lines_stop_at_a_comment),
		cmocka_unit_test(test_lines_stop_at_a_lone_cr),
		cmocka_unit_test(test_lines_stop_at_a_missing_cell),
		cmocka_unit_test(test_lines_stop_at_a_number_beyond_the_limit),
		cmocka_unit_test(test_lines_stop_at_a_negative_rate),
		cmocka_unit_test(test_lines_stop_at_bad_utf8_in_a_name),
		cmocka_unit_test(test_lines_read_to_the_end_of_simple_rows),
		cmocka_unit_test(test_padded_and_long_numbers_read_as_strtod_reads_them),
		cmocka_unit_test(test_number_parser_stops_after_the_number),
		cmocka_unit_test(test_number_parser_leaves_hard_cases_to_strtod),
		cmocka_unit_test(test_plain_numbers_equal_strtod_bitwise),
		cmocka_unit_test(test_plain_numbers_at_their_limits),
		cmocka_unit_test(test_plain_parser_refuses_other_forms),
		cmocka_unit_test(test_rows_past_the_raw_rows_read_every_value_as_strtod),
		cmocka_unit_test(test_new_gadget_with_padded_case_starts_its_own_group),
		cmocka_unit_test(test_names_that_share_a_prefix_keep_their_groups),
	};

	return cmocka_run_group_tests_name("fastread", tests, NULL, NULL);
}
