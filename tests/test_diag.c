/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the diagnostics catalogue and list. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "diag.h"

static void
test_every_code_has_a_message(void **state)
{
	int c;

	(void)state;
	for (c = 0; c < D__MAX; c++) {
		assert_non_null(diag_message((enum diag_code)c));
		assert_true(strlen(diag_message((enum diag_code)c)) > 0);
	}
}

static void
test_levels_follow_catalogue_order(void **state)
{
	int c;

	(void)state;
	for (c = 1; c < D__MAX; c++)
		assert_true(diag_level((enum diag_code)c) >=
		    diag_level((enum diag_code)(c - 1)));
	assert_int_equal(diag_level(D_UNKNOWN_COLUMN), DIAG_NOTE);
	assert_int_equal(diag_level(D_RATE_ONE_SIDE), DIAG_WARNING);
	assert_int_equal(diag_level(D_NOT_FINITE), DIAG_ERROR);
	assert_int_equal(diag_level(D_WRITE_FAILED), DIAG_SYSERR);
}

static void
test_format_with_position_and_detail(void **state)
{
	struct diags d = { 0 };
	char *s;

	(void)state;
	diags_add(&d, D_NOT_FINITE, "runs.csv", 12, 3, "%s", "nan");
	diags_add(&d, D_NO_DATA, NULL, 0, 0, NULL);
	diags_add(&d, D_NO_DATA_ROWS, "x.csv", 0, 0, NULL);
	s = diag_format(&d.v[0]);
	assert_string_equal(s, "igreport: runs.csv:12:3: error: not a finite number: nan");
	free(s);
	s = diag_format(&d.v[1]);
	assert_string_equal(s, "igreport: error: no data rows in any input");
	free(s);
	s = diag_format(&d.v[2]);
	assert_string_equal(s, "igreport: x.csv: warning: header but no data rows");
	free(s);
	assert_int_equal(diags_worst(&d), DIAG_ERROR);
	assert_true(diags_failed(&d));
	diags_free(&d);
}

static void
test_list_is_capped_but_errors_counted(void **state)
{
	struct diags d = { 0 };
	int i;

	(void)state;
	for (i = 0; i < DIAGS_MAX + 50; i++)
		diags_add(&d, D_EMPTY_CELL, "f", (unsigned long)i + 1, 1, NULL);
	assert_int_equal(d.n, DIAGS_MAX + 1);
	assert_int_equal(d.v[DIAGS_MAX].code, D_TOO_MANY_DIAGS);
	assert_int_equal(d.errors, DIAGS_MAX + 50);
	diags_free(&d);
	assert_int_equal(d.n, 0);
}

static void
test_move_appends_in_order_and_empties_source(void **state)
{
	struct diags to = { 0 }, from = { 0 };

	(void)state;
	diags_add(&to, D_EMPTY_CELL, "a.csv", 2, 3, NULL);
	diags_add(&from, D_RATE_ONE_SIDE, "b.csv", 4, 0, "rate %d", 256);
	diags_add(&from, D_WRITE_FAILED, "out.pdf", 0, 0, "%s", "disk full");
	diags_move(&to, &from);
	assert_int_equal(from.n, 0);
	assert_int_equal(from.errors, 0);
	assert_null(from.v);
	assert_int_equal(to.n, 3);
	assert_int_equal(to.errors, 2);
	assert_int_equal(to.v[1].code, D_RATE_ONE_SIDE);
	assert_string_equal(to.v[1].file, "b.csv");
	assert_int_equal(to.v[1].line, 4);
	assert_string_equal(to.v[1].detail, "rate 256");
	assert_int_equal(to.v[2].code, D_WRITE_FAILED);
	assert_string_equal(to.v[2].detail, "disk full");
	assert_null(to.v[0].detail);
	diags_free(&to);
}

static void
test_move_keeps_counting_past_the_cap(void **state)
{
	struct diags to = { 0 }, from = { 0 };
	int i;

	(void)state;
	for (i = 0; i < DIAGS_MAX + 10; i++)
		diags_add(&from, D_EMPTY_CELL, "f", (unsigned long)i + 1, 1, NULL);
	diags_add(&to, D_EMPTY_CELL, "g", 1, 1, NULL);
	diags_move(&to, &from);
	assert_int_equal(to.n, DIAGS_MAX + 1);
	assert_int_equal(to.v[DIAGS_MAX].code, D_TOO_MANY_DIAGS);
	assert_int_equal(to.errors, DIAGS_MAX + 11);
	diags_free(&to);
}

static void
test_print_filters_by_verbosity(void **state)
{
	struct diags d = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	(void)state;
	diags_add(&d, D_UNKNOWN_COLUMN, "f", 1, 5, "Host");
	diags_add(&d, D_NO_IG, "f", 2, 0, "g");
	diags_print(&d, out, 0, 1);
	fflush(out);
	assert_int_equal(len, 0);
	diags_print(&d, out, 1, 0);
	fclose(out);
	assert_string_equal(buf, "igreport: f:1:5: note: unknown column ignored: Host\n"
	    "igreport: f:2: warning: gadget has no ig rows: g\n");
	free(buf);
	diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_code_has_a_message),
		cmocka_unit_test(test_levels_follow_catalogue_order),
		cmocka_unit_test(test_format_with_position_and_detail),
		cmocka_unit_test(test_list_is_capped_but_errors_counted),
		cmocka_unit_test(test_move_appends_in_order_and_empties_source),
		cmocka_unit_test(test_move_keeps_counting_past_the_cap),
		cmocka_unit_test(test_print_filters_by_verbosity),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
