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

static void
expect_error(const char *text, enum diag_code code, unsigned long line,
    unsigned long column)
{
	struct diags d = { 0 };
	struct model *m = read_text(text, &d);
	const struct diag *e = first_error(&d);

	assert_null(m);
	assert_non_null(e);
	assert_int_equal(e->code, code);
	assert_int_equal(e->line, line);
	assert_int_equal(e->column, column);
	assert_string_equal(e->file, "t.csv");
	diags_free(&d);
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
	};

	return cmocka_run_group_tests_name("results", tests, NULL, NULL);
}
