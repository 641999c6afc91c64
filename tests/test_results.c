/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of reading result files: both header layouts, validation, numbers, positions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "aggregate.h"
#include "results.h"

#define HEADER "TestName,TestCase,Run,EventsPerSecond,Cpu,Mem,IgCpu,IgMem,Lost\n"

/* Reads text as one file; returns the model (NULL on errors) and leaves diagnostics in d. */
static struct model *
read_text(const char *text, struct diags *d)
{
	struct aggregate *a = aggregate_new(0.95);
	FILE *fp = testutil_text_file(text);
	int rc = results_read(a, "t.csv", fp, d);

	fclose(fp);
	if (rc < 0) {
		aggregate_free(a);
		return NULL;
	}
	return aggregate_finish(a, NULL, 0, d);
}

/* read_text() for the bytes of a file already in memory, as input.c keeps them. */
static struct model *
read_kept_text(const char *text, struct diags *d)
{
	struct aggregate *a = aggregate_new(0.95);

	if (results_read_bytes(a, "t.csv", text, strlen(text), d) < 0) {
		aggregate_free(a);
		return NULL;
	}
	return aggregate_finish(a, NULL, 0, d);
}

/* The first diagnostic at level error or worse, or NULL. */
static const struct diag *
first_error(const struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (diag_level(d->v[i].code) >= DIAG_ERROR)
			return &d->v[i];
	return NULL;
}

/* The first error of text, read from a file and from kept bytes alike. */
static void
expect_error(const char *text, enum diag_code code, unsigned long line,
    unsigned long column)
{
	struct model *(*const readers[])(const char *, struct diags *) = {
		read_text, read_kept_text
	};
	size_t i;

	for (i = 0; i < 2; i++) {
		struct diags d = { 0 };
		struct model *m = readers[i](text, &d);
		const struct diag *e = first_error(&d);

		assert_null(m);
		assert_non_null(e);
		assert_int_equal(e->code, code);
		assert_int_equal(e->line, line);
		assert_int_equal(e->column, column);
		assert_string_equal(e->file, "t.csv");
		diags_free(&d);
	}
}

static void
test_parse_number_accepts_decimals(void **state)
{
	double x;

	(void)state;
	assert_int_equal(results_parse_number("12.5", 4, &x), 0);
	assert_close(x, 12.5, 0);
	assert_int_equal(results_parse_number("-0.25e2", 7, &x), 0);
	assert_close(x, -25, 0);
	assert_int_equal(results_parse_number(".5", 2, &x), 0);
	assert_close(x, 0.5, 0);
	assert_int_equal(results_parse_number("7.", 2, &x), 0);
	assert_close(x, 7, 0);
	assert_int_equal(results_parse_number("+3E-1", 5, &x), 0);
	assert_close(x, 0.3, 0);
}

static void
test_parse_number_rejects_garbage(void **state)
{
	double x;

	(void)state;
	assert_int_equal(results_parse_number("", 0, &x), D_EMPTY_CELL);
	assert_int_equal(results_parse_number("12abc", 5, &x), D_NOT_A_NUMBER);
	assert_int_equal(results_parse_number("0x10", 4, &x), D_NOT_A_NUMBER);
	assert_int_equal(results_parse_number("1e", 2, &x), D_NOT_A_NUMBER);
	assert_int_equal(results_parse_number(".", 1, &x), D_NOT_A_NUMBER);
	assert_int_equal(results_parse_number("-", 1, &x), D_NOT_A_NUMBER);
	assert_int_equal(results_parse_number("1 2", 3, &x), D_NOT_A_NUMBER);
	assert_int_equal(results_parse_number("nan", 3, &x), D_NOT_FINITE);
	assert_int_equal(results_parse_number("-Inf", 4, &x), D_NOT_FINITE);
	assert_int_equal(results_parse_number("infinity", 8, &x), D_NOT_FINITE);
	assert_int_equal(results_parse_number("1e999", 5, &x), D_NOT_FINITE);
}

static void
test_parse_number_matches_strtod_on_long_input(void **state)
{
	char buf[300];
	double x;

	(void)state;
	memset(buf, '0', sizeof(buf));
	buf[0] = '1';
	buf[1] = '.';
	assert_int_equal(results_parse_number(buf, sizeof(buf), &x), 0);
	assert_close(x, 1, 0);
}

static void
test_current_header_layout(void **state)
{
	struct diags d = { 0 };
	struct model *m = read_text(HEADER
	    "trace_dns,baseline,1,256,1,100,0,0,0\n"
	    "trace_dns,ig,1,256,2,200,0.5,90,0\n", &d);

	(void)state;
	assert_non_null(m);
	assert_int_equal(m->ngadgets, 1);
	assert_string_equal(m->gadgets[0].name, "trace_dns");
	assert_int_equal(m->gadgets[0].nseries, 2);
	assert_string_equal(m->gadgets[0].series[0].name, "baseline");
	assert_string_equal(m->gadgets[0].series[1].name, "ig");
	assert_int_equal(m->metrics, (1u << METRIC__MAX) - 1);
	assert_int_equal(model_check(m, stderr), 0);
	model_free(m);
	diags_free(&d);
}

static void
test_older_header_layout(void **state)
{
	struct diags d = { 0 };
	struct model *m = read_text(
	    "GadgetName,TestName,Run,EventsPerSecond,Cpu,Mem,IgCpu,IgMem,Lost\n"
	    "trace_exec,ig,1,1024,3,300,1,100,0\n"
	    "trace_exec,baseline,1,1024,1,100,0,0,0\n", &d);

	(void)state;
	assert_non_null(m);
	assert_string_equal(m->gadgets[0].name, "trace_exec");
	/* baseline comes first whatever the order of appearance */
	assert_int_equal(m->gadgets[0].baseline, 0);
	assert_int_equal(m->gadgets[0].ig, 1);
	assert_close(m->gadgets[0].series[1].cells[0].m[METRIC_CPU].mean, 3, 0);
	model_free(m);
	diags_free(&d);
}

static void
test_header_names_trimmed_and_case_insensitive(void **state)
{
	struct diags d = { 0 };
	struct model *m = read_text(
	    " testname ,TESTCASE, eventsPerSecond ,CPU, mem \n"
	    " top_tcp , baseline , 128 , 1.5 , 10 \n", &d);

	(void)state;
	assert_non_null(m);
	assert_string_equal(m->gadgets[0].name, "top_tcp");
	assert_int_equal(m->metrics, (1u << METRIC_CPU) | (1u << METRIC_MEM));
	assert_close(m->gadgets[0].rates[0], 128, 0);
	model_free(m);
	diags_free(&d);
}

static void
test_machine_description_from_comments(void **state)
{
	struct diags d = { 0 };
	struct model *m = read_text("# Processor: AMD EPYC\n# just a note\n"
	    "#Kernel:6.8\n" HEADER "g,baseline,1,1,1,1,0,0,0\n# After: no\n", &d);

	(void)state;
	assert_non_null(m);
	assert_int_equal(m->nmeta, 2);
	assert_string_equal(m->meta[0].key, "Processor");
	assert_string_equal(m->meta[0].value, "AMD EPYC");
	assert_string_equal(m->meta[1].key, "Kernel");
	assert_string_equal(m->meta[1].value, "6.8");
	model_free(m);
	diags_free(&d);
}

static void
test_unknown_column_is_a_note(void **state)
{
	struct diags d = { 0 };
	struct model *m = read_text("TestName,TestCase,Host,EventsPerSecond,Cpu,Mem\n"
	    "g,baseline,vm,1,1,1\n", &d);

	(void)state;
	assert_non_null(m);
	assert_int_equal(d.n, 2); /* the note and "gadget has no ig rows" */
	assert_int_equal(d.v[0].code, D_UNKNOWN_COLUMN);
	assert_int_equal(d.v[0].column, 19);
	assert_string_equal(d.v[0].detail, "Host");
	model_free(m);
	diags_free(&d);
}

static void
test_missing_required_column(void **state)
{
	(void)state;
	expect_error("TestName,TestCase,EventsPerSecond,Mem\n", D_MISSING_COLUMN,
	    1, 1);
}

static void
test_duplicate_column(void **state)
{
	(void)state;
	expect_error("TestName,TestCase,EventsPerSecond,Cpu,Mem,cpu\n",
	    D_DUPLICATE_COLUMN, 1, 43);
}

static void
test_field_count_mismatch(void **state)
{
	(void)state;
	expect_error(HEADER "g,baseline,1,1,1,1,0,0\n", D_FIELD_COUNT, 2, 22);
}

static void
test_bad_number_position_points_at_the_value(void **state)
{
	(void)state;
	expect_error(HEADER "g,baseline,1,256,  12abc ,1,0,0,0\n",
	    D_NOT_A_NUMBER, 2, 20);
}

static void
test_empty_cell(void **state)
{
	(void)state;
	expect_error(HEADER "g,baseline,1,256,1,,0,0,0\n", D_EMPTY_CELL, 2, 20);
}

static void
test_negative_rate(void **state)
{
	(void)state;
	expect_error(HEADER "g,baseline,1,-5,1,1,0,0,0\n", D_NEGATIVE_RATE, 2,
	    14);
}

static void
test_bad_utf8_gadget(void **state)
{
	(void)state;
	expect_error(HEADER "ab\xff,baseline,1,5,1,1,0,0,0\n", D_BAD_ENCODING,
	    2, 3);
}

static void
test_empty_gadget_name(void **state)
{
	(void)state;
	expect_error(HEADER "  ,baseline,1,5,1,1,0,0,0\n", D_EMPTY_NAME, 2, 1);
}

static void
test_empty_input(void **state)
{
	(void)state;
	expect_error("", D_EMPTY_INPUT, 1, 1);
}

static void
test_comments_only_has_no_header(void **state)
{
	(void)state;
	expect_error("# Kernel: x\n", D_NO_HEADER, 1, 1);
}

static void
test_every_bad_cell_reported(void **state)
{
	struct diags d = { 0 };
	struct model *m = read_text(HEADER "g,baseline,1,x,y,1,0,0,0\n"
	    "g,baseline,1,1,z,1,0,0,0\n", &d);

	(void)state;
	assert_null(m);
	assert_int_equal(d.errors, 3);
	diags_free(&d);
}

static void
test_raw_rows_kept_trimmed(void **state)
{
	struct diags d = { 0 };
	struct model *m = read_text(HEADER " g , baseline ,1,5, 1.50 ,1,0,0,0\n",
	    &d);

	(void)state;
	assert_non_null(m);
	assert_int_equal(m->nraw, 1);
	assert_string_equal(m->raw[0].cell[RAW_GADGET], "g");
	assert_string_equal(m->raw[0].cell[RAW_CPU], "1.50");
	assert_int_equal(m->total_rows, 1);
	model_free(m);
	diags_free(&d);
}

/* Clinger's fast path must give strtod's double, bit for bit. */
static void
test_parse_number_equals_strtod_bitwise(void **state)
{
	static const char *const forms[] = { "%ld.%02ld", "%ld", "-%ld.%03ld",
	    "%ld.%ld", "%ld%ldE-7", "0.%06ld%ld", "%ld.%ld5e21", "%ld.%lde-22" };
	unsigned long long seed = 42;
	char buf[64];
	double x;
	long i, k;

	(void)state;
	for (i = 0; i < 400000; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		k = (long)(seed >> 40) % 1000000;
		snprintf(buf, sizeof(buf), forms[i % 8], k, (long)(seed >> 20) % 997);
		assert_int_equal(results_parse_number(buf, strlen(buf), &x), 0);
		if (x != strtod(buf, NULL) || signbit(x) != signbit(strtod(buf, NULL)))
			fail_msg("%s: %.17g, strtod %.17g", buf, x, strtod(buf, NULL));
	}
	assert_int_equal(results_parse_number("9007199254740993", 16, &x), 0);
	assert_true(x == strtod("9007199254740993", NULL));
	assert_int_equal(results_parse_number("-0.00", 5, &x), 0);
	assert_true(x == 0 && signbit(x));
	/* A non-zero literal that would be read as 0 is refused; a zero is a zero. */
	assert_int_equal(results_parse_number("1e-400", 6, &x), D_UNDERFLOW);
	assert_int_equal(results_parse_number("-0.5e-400", 9, &x), D_UNDERFLOW);
	assert_int_equal(results_parse_number("0.000e-400", 10, &x), 0);
	assert_true(x == 0);
	assert_int_equal(results_parse_number("1e-310", 6, &x), 0);
	assert_true(x > 0);
}

/* A result file of n rows over 3 gadgets, 2 cases, 4 rates; row i has Cpu i % 7. */
static char *
big_text(long n, long bad_row, const char *bad)
{
	size_t cap = (size_t)n * 64 + 256, len = 0;
	char *t = malloc(cap);
	long i;

	assert_non_null(t);
	len += (size_t)sprintf(t, "# Processor: test\n" HEADER);
	for (i = 0; i < n; i++) {
		if (i == bad_row) {
			len += (size_t)sprintf(t + len, "%s\n", bad);
			continue;
		}
		len += (size_t)sprintf(t + len, "gadget%ld,%s,%ld,%ld,%ld.%02ld,%ld.5,0.25,9%s,%ld\n",
		    (i / 1000) % 3, i % 2 ? "ig" : "baseline", i, 256L << (i / 3000 % 4),
		    i % 7, i % 100, 1400 + i % 13, i % 5 ? "" : ".75", i % 3);
		if (i % 777 == 0)
			len += (size_t)sprintf(t + len, i % 2 ? "\n" : "\r\n");
	}
	assert_true(len < cap);
	return t;
}

/* What was read into a (rc from the reader, diagnostics in d) as text; frees both. */
static char *
dump_read(struct aggregate *a, int rc, struct diags *d)
{
	struct model *m = NULL;
	char *out = NULL, *line;
	size_t outlen = 0, i;
	FILE *o = open_memstream(&out, &outlen);

	if (rc == 0)
		m = aggregate_finish(a, NULL, 0, d);
	else
		aggregate_free(a);
	for (i = 0; i < d->n; i++) {
		line = diag_format(&d->v[i]);
		fprintf(o, "%s\n", line);
		free(line);
	}
	if (m != NULL) {
		model_dump(m, o);
		for (i = 0; i < m->nraw; i++)
			fprintf(o, "raw %s %s %s %s\n", m->raw[i].cell[RAW_GADGET],
			    m->raw[i].cell[RAW_RUN], m->raw[i].cell[RAW_CPU],
			    m->raw[i].cell[RAW_IGMEM]);
		model_free(m);
	}
	diags_free(d);
	fclose(o);
	return out;
}

/* Reads text from fp; returns the model dump and the diagnostics as text. */
static char *
read_dump(FILE *fp)
{
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	int rc = results_read(a, "t.csv", fp, &d);

	return dump_read(a, rc, &d);
}

/* read_dump() of text kept in memory. */
static char *
read_kept_dump(const char *text)
{
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };
	int rc = results_read_bytes(a, "t.csv", text, strlen(text), &d);

	return dump_read(a, rc, &d);
}

/*
 * The same bytes through a memory stream (one thread), a regular file (two
 * when big) and kept bytes (split as the file is, so the very same output).
 */
static void
expect_same_either_way(const char *text, double *worst)
{
	FILE *mem = fmemopen((void *)text, strlen(text), "r");
	FILE *reg = testutil_text_file(text);
	char *one = read_dump(mem), *two = read_dump(reg);
	char *kept = read_kept_dump(text);
	char *p = one, *q = two;

	fclose(mem);
	fclose(reg);
	assert_string_equal(kept, two);
	free(kept);
	/*
	 * Numbers may differ in their last bits when halves were merged:
	 * relative to the data's scale (an overhead near 0 is a difference
	 * of two means near 1400, so compare errors to at least 1).
	 */
	*worst = 0;
	while (*p && *q) {
		char *pe, *qe;
		double x = strtod(p, &pe), y = strtod(q, &qe);

		if (pe != p && qe != q) {
			if (fabs(x - y) / fmax(fabs(y), 1) > *worst)
				*worst = fabs(x - y) / fmax(fabs(y), 1);
			p = pe, q = qe;
		} else if (*p++ != *q++) {
			fail_msg("outputs differ near '%.40s' / '%.40s'", p - 1, q - 1);
		}
	}
	assert_true(*p == '\0' && *q == '\0');
	free(one);
	free(two);
}

static void
test_parallel_read_matches_one_thread(void **state)
{
	char *text = big_text(400000, -1, NULL);
	double worst;

	(void)state;
	assert_true(strlen(text) > 8 * 1024 * 1024);
	expect_same_either_way(text, &worst);
	assert_true(worst < 1e-11);
	free(text);
}

static void
test_parallel_read_reports_late_errors_as_one_thread(void **state)
{
	char *text = big_text(400000, 290000, "gadget1,ig,1,256,1.5,abc,1,2,3");
	char *q = big_text(400000, 100, "gadget1,\"ig\",1,256,1.5,\"1\n2\",1,2,3");
	double worst;
	struct diags d = { 0 };
	FILE *fp = testutil_text_file(text);
	struct aggregate *a = aggregate_new(0.95);

	(void)state;
	expect_same_either_way(text, &worst);
	expect_same_either_way(q, &worst);
	assert_int_equal(results_read(a, "t.csv", fp, &d), -1);
	assert_non_null(first_error(&d));
	assert_int_equal(first_error(&d)->code, D_NOT_A_NUMBER);
	assert_int_equal(first_error(&d)->column, 22);
	aggregate_free(a);
	diags_free(&d);
	fclose(fp);
	free(text);
	free(q);
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

/* big_text()'s text with a column Note that the reader ignores, " n" in every row. */
static char *
with_notes(const char *text)
{
	char *out = malloc(strlen(text) * 2), *o = out;
	const char *p = text, *eol;
	unsigned long line;

	assert_non_null(out);
	for (line = 1; *p; line++) {
		eol = p + strcspn(p, "\r\n");
		memcpy(o, p, (size_t)(eol - p));
		o += eol - p;
		if (line == 2)
			o += sprintf(o, ",Note");
		else if (line > 2 && eol > p)
			o += sprintf(o, ", n");
		p = eol;
		if (*p == '\r')
			*o++ = *p++;
		if (*p == '\n')
			*o++ = *p++;
	}
	*o = '\0';
	return out;
}

/*
 * Quotes the Note of the row where the two-thread reader looks for a line
 * end (the middle of the rows after the comment and the header), closed
 * at the end of the next row: one valid record over two lines.
 */
static void
quote_across_the_split(char *text)
{
	size_t start = (size_t)(strchr(strchr(text, '\n') + 1, '\n') + 1 - text);
	char *row = text + start + (strlen(text) - start) / 2, *end, *next;

	row = strchr(row, '\n');
	end = row[-1] == '\r' ? row - 1 : row;
	for (next = row + 1; *next == '\n' || *next == '\r'; next++)
		continue;
	assert_memory_equal(end - 2, " n", 2);
	memcpy(end - 2, "\"n", 2);
	next = strchr(next, '\n');
	next -= next[-1] == '\r';
	assert_memory_equal(next - 2, " n", 2);
	memcpy(next - 2, "n\"", 2);
}

static void
test_quoted_field_across_the_split_reads_as_one_thread(void **state)
{
	char *plain = big_text(400000, -1, NULL), *text = with_notes(plain);
	double worst;
	struct diags d = { 0 };
	struct model *m;

	(void)state;
	quote_across_the_split(text);
	expect_same_either_way(text, &worst);
	assert_true(worst == 0); /* one thread all along */
	m = read_kept_text(text, &d);
	assert_non_null(m);
	assert_int_equal(d.errors, 0);
	assert_int_equal(m->total_rows, 400000 - 1);
	model_free(m);
	diags_free(&d);
	free(text);
	free(plain);
}

static void
test_kept_bytes_report_late_errors_at_their_position(void **state)
{
	char *text = big_text(400000, 290000, "gadget1,ig,1,256,1.5,abc,1,2,3");
	struct diags d = { 0 };
	const struct diag *e;

	(void)state;
	assert_null(read_kept_text(text, &d));
	e = first_error(&d);
	assert_non_null(e);
	assert_int_equal(e->code, D_NOT_A_NUMBER);
	assert_int_equal(e->line, line_of(text, strstr(text, "abc")));
	assert_int_equal(e->column, 22);
	assert_string_equal(e->file, "t.csv");
	diags_free(&d);
	free(text);
}

static void
test_kept_bytes_of_stdin_named_as_stdin(void **state)
{
	const char *text = HEADER "g,ig,1,x,1,1,0,0,0\n";
	struct aggregate *a = aggregate_new(0.95);
	struct diags d = { 0 };

	(void)state;
	assert_int_equal(results_read_bytes(a, "-", text, strlen(text), &d), -1);
	assert_non_null(first_error(&d));
	assert_string_equal(first_error(&d)->file, "<stdin>");
	aggregate_free(a);
	diags_free(&d);
}

/* Rows cut by the reader's chunks, blank lines, CRLF and comments: all counted right. */
static void
test_fast_rows_across_chunks_and_odd_lines(void **state)
{
	char *text = big_text(20000, 15000, "# a comment after the header");
	struct diags d = { 0 };
	struct model *m;
	size_t g, s, r;
	unsigned long rows = 0;

	(void)state;
	m = read_text(text, &d);
	assert_non_null(m);
	assert_int_equal(m->total_rows, 19999);
	for (g = 0; g < m->ngadgets; g++)
		for (s = 0; s < m->gadgets[g].nseries; s++)
			for (r = 0; r < m->gadgets[g].nrates; r++)
				rows += m->gadgets[g].series[s].cells[r].rows;
	assert_int_equal(rows, 19999);
	assert_int_equal(m->nraw, MODEL_RAW_MAX);
	model_free(m);
	diags_free(&d);
	free(text);
	text = big_text(20000, 19990, "gadget1,ig,1,256,1.5,2, 1e999 ,2,3");
	/* 2 header lines, 19990 rows before it, and a blank line every 777 rows. */
	expect_error(text, D_NOT_FINITE, 2 + 19990 + 1 + 19990 / 777 + 1, 25);
	free(text);
}

/* A row the strict reader takes between fast rows must not redirect the next one. */
static void
test_strict_row_between_fast_rows_keeps_groups(void **state)
{
	struct diags d = { 0 };
	struct model *m = read_text(HEADER
	    "a,ig,1,256,1,10,0,0,0\n"
	    "\"b\",ig,1,256,100,10,0,0,0\n"
	    "a,ig,2,256,3,10,0,0,0\n"
	    "a,baseline,2,256,3,10,0,0,0\n"
	    "b,baseline,2,256,3,10,0,0,0\n", &d);

	(void)state;
	assert_non_null(m);
	assert_string_equal(m->gadgets[0].name, "a");
	assert_int_equal(m->gadgets[0].series[m->gadgets[0].ig].cells[0].m[METRIC_CPU].n, 2);
	assert_close(m->gadgets[0].series[m->gadgets[0].ig].cells[0].m[METRIC_CPU].mean, 2, 0);
	assert_int_equal(m->gadgets[1].series[m->gadgets[1].ig].cells[0].m[METRIC_CPU].n, 1);
	model_free(m);
	diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_number_accepts_decimals),
		cmocka_unit_test(test_parse_number_rejects_garbage),
		cmocka_unit_test(test_parse_number_matches_strtod_on_long_input),
		cmocka_unit_test(test_current_header_layout),
		cmocka_unit_test(test_older_header_layout),
		cmocka_unit_test(test_header_names_trimmed_and_case_insensitive),
		cmocka_unit_test(test_machine_description_from_comments),
		cmocka_unit_test(test_unknown_column_is_a_note),
		cmocka_unit_test(test_missing_required_column),
		cmocka_unit_test(test_duplicate_column),
		cmocka_unit_test(test_field_count_mismatch),
		cmocka_unit_test(test_bad_number_position_points_at_the_value),
		cmocka_unit_test(test_empty_cell),
		cmocka_unit_test(test_negative_rate),
		cmocka_unit_test(test_bad_utf8_gadget),
		cmocka_unit_test(test_empty_gadget_name),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_comments_only_has_no_header),
		cmocka_unit_test(test_every_bad_cell_reported),
		cmocka_unit_test(test_raw_rows_kept_trimmed),
		cmocka_unit_test(test_parse_number_equals_strtod_bitwise),
		cmocka_unit_test(test_parallel_read_matches_one_thread),
		cmocka_unit_test(test_parallel_read_reports_late_errors_as_one_thread),
		cmocka_unit_test(test_quoted_field_across_the_split_reads_as_one_thread),
		cmocka_unit_test(test_kept_bytes_report_late_errors_at_their_position),
		cmocka_unit_test(test_kept_bytes_of_stdin_named_as_stdin),
		cmocka_unit_test(test_fast_rows_across_chunks_and_odd_lines),
		cmocka_unit_test(test_strict_row_between_fast_rows_keeps_groups),
	};

	return cmocka_run_group_tests_name("results", tests, NULL, NULL);
}
