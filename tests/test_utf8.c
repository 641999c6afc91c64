/* Tests of UTF-8 validation and cleaning. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "utf8.h"

static void
test_accepts_well_formed_text(void **state)
{
	const char *s = "trace_dns \xc2\xb1 \xe2\x80\x94 \xf0\x9f\x98\x80\ttab";

	(void)state;
	assert_int_equal(utf8_check(s, strlen(s), NULL), 0);
}

static void
test_rejects_malformed_sequences(void **state)
{
	static const char *const bad[] = {
		"a\xff", "a\xc0\xaf", "a\xe0\x80\xaf", "a\xed\xa0\x80",
		"a\xf4\x90\x80\x80", "a\xc3", "a\x01", "a\x7f", "a\n",
	};
	size_t i, off;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		off = 99;
		assert_int_equal(utf8_check(bad[i], strlen(bad[i]), &off), -1);
		assert_int_equal(off, 1);
	}
}

static void
test_clean_replaces_and_blanks(void **state)
{
	char *s = utf8_clean("a\xff" "b\x01" "c\xc2\xb1", 7);

	(void)state;
	assert_string_equal(s, "a\xef\xbf\xbd" "b c\xc2\xb1");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepts_well_formed_text),
		cmocka_unit_test(test_rejects_malformed_sequences),
		cmocka_unit_test(test_clean_replaces_and_blanks),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
