/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the strict RFC 4180 reader: records, positions, errors, chunking. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "csv.h"
#include "diag.h"

/* The reader's fread size; the chunk-boundary tests aim at it. */
#define CHUNK (64 * 1024)

/*
 * Reads all of in[0..n) and describes every call's result, one line each:
 * "LINE: FLINE.FCOL[text] ..." for a record (a 'q' after the column marks
 * a quoted field, " #" after LINE a comment) and "error" for -1.
 */
static char *
dump_n(const char *in, size_t n, struct diags *d)
{
	FILE *fp = fmemopen((void *)in, n, "r");
	struct csv_reader *r;
	struct csv_record rec;
	char *out = NULL;
	size_t outlen = 0, i, calls = 0;
	FILE *o = open_memstream(&out, &outlen);
	int rc;

	assert_non_null(fp);
	assert_non_null(o);
	r = csv_reader_new(fp, "in.csv");
	while ((rc = csv_reader_next(r, &rec, d)) != 0) {
		assert_true(++calls < 100000);
		if (rc < 0) {
			fputs("error\n", o);
			continue;
		}
		assert_int_equal(rc, 1);
		fprintf(o, "%lu:%s", rec.line, rec.comment ? " #" : "");
		for (i = 0; i < rec.nfields; i++) {
			const struct csv_field *f = &rec.fields[i];

			assert_int_equal(f->text[f->len], '\0');
			fprintf(o, " %lu.%lu%s[", f->line, f->column,
			    f->quoted ? "q" : "");
			fwrite(f->text, 1, f->len, o);
			fputc(']', o);
		}
		fputc('\n', o);
	}
	/* The end is sticky. */
	assert_int_equal(csv_reader_next(r, &rec, d), 0);
	csv_reader_free(r);
	fclose(fp);
	fclose(o);
	return out;
}

static void
check_dump(const char *in, const char *want)
{
	struct diags d = {0};
	char *got = dump_n(in, strlen(in), &d);

	assert_string_equal(got, want);
	assert_int_equal(d.n, 0);
	free(got);
	diags_free(&d);
}

static void
check_diag(const struct diags *d, size_t i, enum diag_code code,
    unsigned long line, unsigned long column)
{
	assert_true(i < d->n);
	assert_int_equal(d->v[i].code, code);
	assert_string_equal(d->v[i].file, "in.csv");
	assert_int_equal(d->v[i].line, line);
	assert_int_equal(d->v[i].column, column);
}

/* Checks input with exactly one diagnostic. */
static void
check_error(const char *in, size_t n, const char *want, enum diag_code code,
    unsigned long line, unsigned long column)
{
	struct diags d = {0};
	char *got = dump_n(in, n, &d);

	assert_string_equal(got, want);
	assert_int_equal(d.n, 1);
	check_diag(&d, 0, code, line, column);
	free(got);
	diags_free(&d);
}

static void
test_simple_records(void **state)
{
	(void)state;
	check_dump("gadget,case,rate\ntrace_dns,baseline,256\n",
	    "1: 1.1[gadget] 1.8[case] 1.13[rate]\n"
	    "2: 2.1[trace_dns] 2.11[baseline] 2.20[256]\n");
}

static void
test_quoted_field_with_comma(void **state)
{
	(void)state;
	check_dump("a,\"b,c\",d\n", "1: 1.1[a] 1.3q[b,c] 1.9[d]\n");
}

static void
test_doubled_quotes(void **state)
{
	(void)state;
	check_dump("\"say \"\"hi\"\"\",\"\"\"\",\"\"\n",
	    "1: 1.1q[say \"hi\"] 1.14q[\"] 1.19q[]\n");
}

static void
test_quoted_newline_keeps_line_numbers(void **state)
{
	(void)state;
	check_dump("a,\"x\ny\r\nz\",b\nc,d\n",
	    "1: 1.1[a] 1.3q[x\ny\r\nz] 3.4[b]\n"
	    "4: 4.1[c] 4.3[d]\n");
}

static void
test_crlf_line_ends(void **state)
{
	(void)state;
	check_dump("a,b\r\nc,\"d\"\r\n", "1: 1.1[a] 1.3[b]\n2: 2.1[c] 2.3q[d]\n");
}

static void
test_lone_cr_line_ends(void **state)
{
	(void)state;
	check_dump("a,b\rc\r\"d\re\"\rf",
	    "1: 1.1[a] 1.3[b]\n2: 2.1[c]\n3: 3.1q[d\re]\n5: 5.1[f]\n");
}

static void
test_no_final_newline(void **state)
{
	(void)state;
	check_dump("a,b\nc,d", "1: 1.1[a] 1.3[b]\n2: 2.1[c] 2.3[d]\n");
	check_dump("a,\"b\"", "1: 1.1[a] 1.3q[b]\n");
	check_dump("a,", "1: 1.1[a] 1.3[]\n");
}

static void
test_bom_is_skipped(void **state)
{
	(void)state;
	check_dump("\xef\xbb\xbf" "a,b\nc\n", "1: 1.1[a] 1.3[b]\n2: 2.1[c]\n");
	check_dump("\xef\xbb\xbf\"a\"\n", "1: 1.1q[a]\n");
	check_dump("\xef\xbb\xbf", "");
}

static void
test_bom_only_at_the_start(void **state)
{
	(void)state;
	check_dump("a\n\xef\xbb\xbf" "b\n", "1: 1.1[a]\n2: 2.1[\xef\xbb\xbf" "b]\n");
}

static void
test_empty_input(void **state)
{
	(void)state;
	check_dump("", "");
	check_dump("\n\r\n\r", "");
}

static void
test_blank_lines_are_skipped(void **state)
{
	(void)state;
	check_dump("\na\n\n\r\nb\r\n\r\n\rc\n\n",
	    "2: 2.1[a]\n5: 5.1[b]\n8: 8.1[c]\n");
}

static void
test_spaces_only_line_is_a_record(void **state)
{
	(void)state;
	check_dump("  \n", "1: 1.1[  ]\n");
}

static void
test_comment_lines(void **state)
{
	(void)state;
	check_dump("# Processor: AMD, \"EPYC\"\r\na\n#\n",
	    "1: # 1.2[ Processor: AMD, \"EPYC\"]\n2: 2.1[a]\n3: # 3.2[]\n");
}

static void
test_hash_inside_later_field_is_not_a_comment(void **state)
{
	(void)state;
	check_dump("a,#b\n \"#c\"\n", "1: 1.1[a] 1.3[#b]\n2: 2.2q[#c]\n");
}

static void
test_padding_around_quoted_fields(void **state)
{
	(void)state;
	check_dump("  \"a,b\"  ,x\n\t\"c\"\t\n",
	    "1: 1.3q[a,b] 1.11[x]\n2: 2.2q[c]\n");
}

static void
test_unquoted_fields_are_not_trimmed(void **state)
{
	(void)state;
	/* The column is the first non-blank byte: where the value starts. */
	check_dump(" a , b\t,  \n", "1: 1.2[ a ] 1.6[ b\t] 1.9[  ]\n");
}

static void
test_empty_fields(void **state)
{
	(void)state;
	check_dump(",,\n", "1: 1.1[] 1.2[] 1.3[]\n");
	check_dump("a,,b\n", "1: 1.1[a] 1.3[] 1.4[b]\n");
}

static void
test_trailing_comma_gives_empty_last_field(void **state)
{
	(void)state;
	check_dump("a,b,\nc,\r\n", "1: 1.1[a] 1.3[b] 1.5[]\n2: 2.1[c] 2.3[]\n");
}

static void
test_quote_in_unquoted_field(void **state)
{
	(void)state;
	check_error("x\nab\"c,d\n", 9, "1: 1.1[x]\nerror\n", D_QUOTE_IN_FIELD,
	    2, 3);
	check_error("a,  b \"c\n", 9, "error\n", D_QUOTE_IN_FIELD, 1, 7);
}

static void
test_text_after_closing_quote(void **state)
{
	(void)state;
	check_error("\"ab\"c\n", 6, "error\n", D_TEXT_AFTER_QUOTE, 1, 5);
	check_error("x,\"a\nb\" \"c\"\n", 12, "error\n", D_TEXT_AFTER_QUOTE, 2,
	    4);
}

static void
test_unterminated_quote_stops_reading(void **state)
{
	(void)state;
	/* Reported at the opening quote; nothing after it is read. */
	check_error("a\nb, \"c\nd\ne,f\n", 14, "1: 1.1[a]\nerror\n",
	    D_UNTERMINATED_QUOTE, 2, 4);
	check_error("\"", 1, "error\n", D_UNTERMINATED_QUOTE, 1, 1);
	check_error("\"a\"\"", 4, "error\n", D_UNTERMINATED_QUOTE, 1, 1);
}

static void
test_nul_byte_stops_reading(void **state)
{
	(void)state;
	/* A NUL means no text file, maybe an endless one: nothing after it is read. */
	check_error("ab\0c,d\ne\n", 9, "error\n", D_BAD_ENCODING, 1, 3);
	check_error("a,\"b\0\"\ne\n", 9, "error\n", D_BAD_ENCODING, 1, 5);
	check_error("#a\0\ne\n", 6, "error\n", D_BAD_ENCODING, 1, 3);
	check_error("\"a\"\0\ne\n", 7, "error\n", D_BAD_ENCODING, 1, 4);
}

/* What the tap saw, appended. */
struct tapped {
	char buf[256];
	size_t len, calls;
};

static void
tap_into(void *arg, const char *s, size_t n)
{
	struct tapped *t = arg;

	assert_true(t->len + n <= sizeof(t->buf));
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->calls++;
}

static void
test_tap_sees_every_byte_once(void **state)
{
	static const char in[] = "\xef\xbb\xbfh1,h2\na,\"b\nc\"\n#x\n";
	struct diags d = {0};
	struct tapped t = {{0}, 0, 0};
	FILE *fp = fmemopen((void *)in, sizeof(in) - 1, "r");
	struct csv_reader *r;
	struct csv_record rec;

	(void)state;
	assert_non_null(fp);
	r = csv_reader_new(fp, "in.csv");
	csv_reader_tap(r, tap_into, &t);
	while (csv_reader_next(r, &rec, &d) != 0)
		continue;
	/* The BOM too: the tap keeps the input as it is, for the attachment. */
	assert_int_equal(t.len, sizeof(in) - 1);
	assert_memory_equal(t.buf, in, sizeof(in) - 1);
	assert_true(t.calls >= 1);
	assert_int_equal(d.n, 0);
	csv_reader_free(r);
	fclose(fp);
}

static void
test_utf16_is_reported_at_its_start(void **state)
{
	static const char le[] = "\xff\xfeT\0e\0,\0";
	static const char be[] = "\0T\0e\0s\0t";

	(void)state;
	check_error(le, sizeof(le) - 1, "error\n", D_BAD_ENCODING, 1, 1);
	check_error(be, sizeof(be) - 1, "error\n", D_BAD_ENCODING, 1, 1);
	/* A NUL later in a UTF-8 file is where it is. */
	check_error("ab,c\0", 5, "error\n", D_BAD_ENCODING, 1, 5);
}

static void
test_recovery_after_errors(void **state)
{
	struct diags d = {0};
	const char in[] = "h1,h2\n"
	    "a\"b,c\n"
	    "\"d\"e,f\n"
	    "g,h\r\n"
	    "i\0j\r"
	    "k,\"l\nm\"\n";
	char *got = dump_n(in, sizeof(in) - 1, &d);

	(void)state;
	assert_string_equal(got, "1: 1.1[h1] 1.4[h2]\nerror\nerror\n"
	    "4: 4.1[g] 4.3[h]\nerror\n");
	assert_int_equal(d.n, 3);
	check_diag(&d, 0, D_QUOTE_IN_FIELD, 2, 2);
	check_diag(&d, 1, D_TEXT_AFTER_QUOTE, 3, 4);
	check_diag(&d, 2, D_BAD_ENCODING, 5, 2);
	free(got);
	diags_free(&d);
}

/* A comment line that makes the next line start at input offset start. */
static char *
with_prefix(size_t start, const char *tail, size_t *n)
{
	size_t tl = strlen(tail);
	char *s = malloc(start + tl + 1);

	assert_non_null(s);
	assert_true(start >= 2);
	s[0] = '#';
	memset(s + 1, 'x', start - 2);
	s[start - 1] = '\n';
	memcpy(s + start, tail, tl + 1);
	*n = start + tl;
	return s;
}

static void
test_fields_spanning_the_chunk_boundary(void **state)
{
	const char *tail = "abcdef,\"g\"\"h\r\ni\" ,j\r\nk\r\n";
	size_t start, n;

	(void)state;
	/* Every split of the tail, so "", CRLF and quotes all straddle it. */
	for (start = CHUNK - strlen(tail) - 1; start <= CHUNK; start++) {
		struct diags d = {0};
		char *in = with_prefix(start, tail, &n);
		char *got = dump_n(in, n, &d);
		const char *rest = strchr(got, '\n') + 1;

		assert_string_equal(rest, "2: 2.1[abcdef] 2.8q[g\"h\r\ni] 3.5[j]\n"
		    "4: 4.1[k]\n");
		assert_int_equal(d.n, 0);
		free(got);
		free(in);
	}
}

static void
test_field_longer_than_a_chunk(void **state)
{
	size_t n = 3 * CHUNK + 17, i;
	char *in = malloc(n + 8);
	struct diags d = {0};
	struct csv_record rec;
	struct csv_reader *r;
	FILE *fp;

	(void)state;
	assert_non_null(in);
	in[0] = '"';
	for (i = 1; i < n; i++)
		in[i] = (char)('a' + i % 26);
	memcpy(in + n, "\",z\n", 4);
	fp = fmemopen(in, n + 4, "r");
	r = csv_reader_new(fp, "in.csv");
	assert_int_equal(csv_reader_next(r, &rec, &d), 1);
	assert_int_equal(rec.nfields, 2);
	assert_int_equal(rec.fields[0].len, n - 1);
	assert_memory_equal(rec.fields[0].text, in + 1, n - 1);
	assert_string_equal(rec.fields[1].text, "z");
	assert_int_equal(rec.fields[1].column, n + 3);
	assert_int_equal(csv_reader_next(r, &rec, &d), 0);
	csv_reader_free(r);
	fclose(fp);
	free(in);
}

/* A record of len bytes of 'a' on line 2, between two short lines. */
static char *
long_record(size_t len, int quoted, size_t *n)
{
	char *s = malloc(len + 16);

	assert_non_null(s);
	memcpy(s, "x\n", 2);
	memset(s + 2, 'a', len);
	if (quoted) {
		s[2] = '"';
		s[2 + len / 2] = '\n';
		s[2 + len - 1] = '"';
	}
	memcpy(s + 2 + len, "\ny\n", 3);
	*n = len + 5;
	return s;
}

static void
test_record_of_max_length_is_accepted(void **state)
{
	struct diags d = {0};
	size_t n;
	char *in = long_record(CSV_MAX_RECORD, 0, &n);
	char *got = dump_n(in, n, &d);

	(void)state;
	assert_int_equal(d.n, 0);
	assert_int_equal(strlen(got), strlen("1: 1.1[x]\n2: 2.1[]\n3: 3.1[y]\n") +
	    CSV_MAX_RECORD);
	free(got);
	free(in);
}

static void
test_record_longer_than_max_is_rejected(void **state)
{
	size_t n;
	char *in = long_record(CSV_MAX_RECORD + 1, 0, &n);

	(void)state;
	/* An endless line must not be skipped to its end: reading stops. */
	check_error(in, n, "1: 1.1[x]\nerror\n", D_LINE_TOO_LONG, 2, 1);
	free(in);
}

static void
test_long_quoted_record_is_rejected(void **state)
{
	size_t n;
	char *in = long_record(CSV_MAX_RECORD + 3 * CHUNK, 1, &n);

	(void)state;
	/*
	 * The limit is hit on the field's second line. Where the field ends
	 * is unknown, and resuming inside it would read its lines as records
	 * (a cascade of bogus errors), so reading stops.
	 */
	check_error(in, n, "1: 1.1[x]\nerror\n", D_LINE_TOO_LONG, 2, 1);
	free(in);
}

/* A line of count empty fields: count - 1 commas. */
static char *
commas(size_t count, size_t *n)
{
	char *s = malloc(count + 8);

	assert_non_null(s);
	memset(s, ',', count - 1);
	memcpy(s + count - 1, "\nok\n", 5);
	*n = count + 3;
	return s;
}

static void
test_too_many_columns(void **state)
{
	struct diags d = {0};
	struct csv_record rec;
	struct csv_reader *r;
	size_t n;
	char *in = commas(CSV_MAX_FIELDS, &n);
	FILE *fp = fmemopen(in, n, "r");

	(void)state;
	r = csv_reader_new(fp, "in.csv");
	assert_int_equal(csv_reader_next(r, &rec, &d), 1);
	assert_int_equal(rec.nfields, CSV_MAX_FIELDS);
	csv_reader_free(r);
	fclose(fp);
	free(in);

	in = commas(CSV_MAX_FIELDS + 1, &n);
	check_error(in, n, "error\n2: 2.1[ok]\n", D_TOO_MANY_COLUMNS, 1,
	    CSV_MAX_FIELDS + 1);
	free(in);
}

static void
test_read_error_is_reported(void **state)
{
	char buf[8] = "a,b\n";
	FILE *fp = fmemopen(buf, sizeof(buf), "w");
	struct diags d = {0};
	struct csv_record rec;
	struct csv_reader *r;

	(void)state;
	assert_non_null(fp);
	r = csv_reader_new(fp, "in.csv");
	assert_int_equal(csv_reader_next(r, &rec, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_READ_FAILED);
	assert_non_null(d.v[0].detail);
	assert_int_equal(csv_reader_next(r, &rec, &d), 0);
	assert_int_equal(d.n, 1);
	csv_reader_free(r);
	fclose(fp);
	diags_free(&d);
}

/* NULL is allowed: freeing it in a child exits normally, where a dereference would kill the child. */
static void
test_free_null_is_allowed(void **state)
{
	pid_t pid;
	int status;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		csv_reader_free(NULL);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* The reader is freed, not the FILE: the caller's stream stays open and readable. */
static void
test_free_leaves_the_file_open(void **state)
{
	char buf[] = "a,b\n";
	FILE *fp = fmemopen(buf, strlen(buf), "r");
	struct diags d = {0};
	struct csv_record rec;
	struct csv_reader *r;

	(void)state;
	assert_non_null(fp);
	r = csv_reader_new(fp, "in.csv");
	assert_int_equal(csv_reader_next(r, &rec, &d), 1);
	csv_reader_free(r);
	assert_int_equal(d.n, 0);
	assert_int_equal(fseek(fp, 0, SEEK_SET), 0);
	assert_int_equal(fgetc(fp), 'a');
	assert_int_equal(fclose(fp), 0);
}

int
main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_simple_records),
		cmocka_unit_test(test_quoted_field_with_comma),
		cmocka_unit_test(test_doubled_quotes),
		cmocka_unit_test(test_quoted_newline_keeps_line_numbers),
		cmocka_unit_test(test_crlf_line_ends),
		cmocka_unit_test(test_lone_cr_line_ends),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_bom_is_skipped),
		cmocka_unit_test(test_bom_only_at_the_start),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_blank_lines_are_skipped),
		cmocka_unit_test(test_spaces_only_line_is_a_record),
		cmocka_unit_test(test_comment_lines),
		cmocka_unit_test(test_hash_inside_later_field_is_not_a_comment),
		cmocka_unit_test(test_padding_around_quoted_fields),
		cmocka_unit_test(test_unquoted_fields_are_not_trimmed),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_trailing_comma_gives_empty_last_field),
		cmocka_unit_test(test_quote_in_unquoted_field),
		cmocka_unit_test(test_text_after_closing_quote),
		cmocka_unit_test(test_unterminated_quote_stops_reading),
		cmocka_unit_test(test_nul_byte_stops_reading),
		cmocka_unit_test(test_tap_sees_every_byte_once),
		cmocka_unit_test(test_utf16_is_reported_at_its_start),
		cmocka_unit_test(test_recovery_after_errors),
		cmocka_unit_test(test_fields_spanning_the_chunk_boundary),
		cmocka_unit_test(test_field_longer_than_a_chunk),
		cmocka_unit_test(test_record_of_max_length_is_accepted),
		cmocka_unit_test(test_record_longer_than_max_is_rejected),
		cmocka_unit_test(test_long_quoted_record_is_rejected),
		cmocka_unit_test(test_too_many_columns),
		cmocka_unit_test(test_read_error_is_reported),
		cmocka_unit_test(test_free_null_is_allowed),
		cmocka_unit_test(test_free_leaves_the_file_open),
	};

	return cmocka_run_group_tests_name("csv", t, NULL, NULL);
}
