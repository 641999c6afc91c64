/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the JSON export of the whole model and the whole comparison, and of what every kind of export shares. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "export_json.h"
#include "fixture.h"
#include "format.h"

/* "key": x, with x as format_exact writes it, occurs in s. */
static void
assert_has_number(const char *s, const char *key, double x)
{
	char num[FORMAT_EXACT_MAX], *want;

	format_exact(num, x);
	want = malloc(strlen(key) + strlen(num) + 8);
	sprintf(want, "\"%s\": %s", key, num);
	if (strstr(s, want) == NULL)
		fail_msg("%s not in the export", want);
	free(want);
}

static void
test_report_numbers_are_those_of_the_dump(void **state)
{
	struct model *m = fixture_run(2, FIXTURE_ALL_METRICS);
	const struct model_gadget *g = &m->gadgets[1];
	const struct model_stat *st = &g->series[g->ig].cells[2].m[METRIC_CPU];
	char *s = fixture_export(m, NULL, EXPORT_JSON);

	(void)state;
	assert_non_null(strstr(s, "\"schema\": \"igreport-report/1\""));
	assert_non_null(strstr(s, "\"igreport\": \"9.9\""));
	assert_has_number(s, "mean", st->mean);
	assert_has_number(s, "sd", st->sd);
	assert_has_number(s, "half", st->half);
	assert_has_number(s, "delta", g->overhead[2].m[METRIC_MEM].delta);
	assert_has_number(s, "df", g->overhead[2].m[METRIC_MEM].df);
	assert_has_number(s, "confidence", 0.95);
	assert_non_null(strstr(s, "\"role\": \"ig\""));
	assert_non_null(strstr(s, "\"cpus\": null"));
	fixture_assert_plain_json(s);
	free(s);
	model_free(m);
}

static void
test_report_cost_model_is_exported(void **state)
{
	struct model *m = fixture_run(1, FIXTURE_ALL_METRICS);
	const struct model_cost *c = &m->gadgets[0].cost[METRIC_CPU];
	char *s = fixture_export(m, NULL, EXPORT_JSON);

	(void)state;
	assert_true(c->defined);
	assert_has_number(s, "estimate", c->per_event.est);
	assert_has_number(s, "se", c->fixed.se);
	assert_has_number(s, "r2", c->r2);
	free(s);
	model_free(m);
}

/* Names as hostile as a path or a machine line can make them: all escaped, none raw. */
static void
test_hostile_names_are_escaped(void **state)
{
	static const char *const meta[] = { "Key \"q\" \\", "a\xe2\x80\xa8" "b\xe2\x80\xae",
		NULL };
	static const struct fixture_row rows[] = {
		{ "g\"\\\x01", "baseline", 100, { 1, 100, 0, 0, 0 } },
		{ "g\"\\\x01", "ig", 100, { 2, 110, 1, 9, 0 } },
	};
	struct model *m = fixture_model("in\n\"\xff.csv", rows, 2,
	    FIXTURE_ALL_METRICS, meta);
	char *s;
	int k;

	(void)state;
	for (k = 0; k < EXPORT__MAX; k++) {
		s = fixture_export(m, NULL, (enum export_kind)k);
		fixture_assert_plain_json(s);
		if (k == EXPORT_JSON) {
			assert_non_null(strstr(s, "\"in\\n\\\"\\ufffd.csv\""));
			assert_non_null(strstr(s, "\"Key \\\"q\\\" \\\\\""));
			assert_non_null(strstr(s, "\"a\\u2028b\\u202e\""));
		}
		assert_non_null(strstr(s, "g\\\"\\\\\\u0001"));
		free(s);
	}
	model_free(m);
}

static void
test_compare_has_settings_tests_and_verdicts(void **state)
{
	struct fixture_pair p;
	char *s;

	(void)state;
	fixture_pair_new(&p, fixture_old_meta);
	s = fixture_export(NULL, p.c, EXPORT_JSON);
	assert_non_null(strstr(s, "\"schema\": \"igreport-compare/1\""));
	assert_non_null(strstr(s, "\"correction\": \"none\""));
	assert_has_number(s, "alpha", 0.05);
	assert_has_number(s, "threshold", 5);
	assert_non_null(strstr(s, "\"verdicts\": {\"same\": "));
	assert_non_null(strstr(s, "\"worse\": 1, \"better\": 2}"));
	assert_non_null(strstr(s, "\"verdict\": \"worse\""));
	assert_has_number(s, "p", p.c->entries[0].change.p);
	assert_has_number(s, "p_corrected", p.c->entries[0].change.q);
	assert_non_null(strstr(s, "\"kind\": \"case\", \"side\": \"new\""));
	assert_non_null(strstr(s, "\"kind\": \"rate\", \"side\": \"new\""));
	fixture_assert_plain_json(s);
	free(s);
	fixture_pair_free(&p);
}

/* One run per group: no test, so p is null; an OLD value of 0: no percent, null too. */
static void
test_compare_without_test_writes_null(void **state)
{
	static const struct fixture_row rows[] = {
		{ "g", "baseline", 100, { 1, 100, 0, 0, 0 } },
		{ "g", "ig", 100, { 2, 110, 1, 9, 0 } },
	};
	static const struct compare_options opt = { 0.05, 5.0, 0.95,
		COMPARE_CORRECTION_HOLM };
	struct model *a = fixture_model("a.csv", rows, 2, FIXTURE_ALL_METRICS, NULL);
	struct model *b = fixture_model("b.csv", rows, 2, FIXTURE_ALL_METRICS, NULL);
	struct comparison *c = compare_build(a, b, &opt);
	char *s = fixture_export(NULL, c, EXPORT_JSON);

	(void)state;
	assert_non_null(strstr(s, "\"p\": null, \"p_corrected\": null, "
	    "\"verdict\": \"untested\""));
	assert_non_null(strstr(s, "\"percent\": null"));
	assert_non_null(strstr(s, "\"correction\": \"holm\""));
	fixture_assert_plain_json(s);
	free(s);
	compare_free(c);
	model_free(a);
	model_free(b);
}

static void
test_write_error_is_reported(void **state)
{
	struct model *m = fixture_run(1, FIXTURE_ALL_METRICS);
	FILE *f = fopen("/dev/full", "w");
	int k;

	(void)state;
	if (f == NULL)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	for (k = 0; k < EXPORT__MAX; k++)
		assert_int_equal(export_report(f, m, &fixture_export_info, (enum export_kind)k), -1);
	fclose(f);
	model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_numbers_are_those_of_the_dump),
		cmocka_unit_test(test_report_cost_model_is_exported),
		cmocka_unit_test(test_hostile_names_are_escaped),
		cmocka_unit_test(test_compare_has_settings_tests_and_verdicts),
		cmocka_unit_test(test_compare_without_test_writes_null),
		cmocka_unit_test(test_write_error_is_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
