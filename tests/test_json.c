/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the JSON writer: layout, numbers, and strings escaped whatever their bytes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "json.h"

/* What f wrote, as a new string, after json_close. */
struct capture {
	char *buf;
	size_t len;
	FILE *f;
	struct json j;
};

static void
capture_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
	json_open(&c->j, c->f);
}

static char *
capture_close(struct capture *c)
{
	assert_int_equal(json_close(&c->j), 0);
	assert_int_equal(fclose(c->f), 0);
	return c->buf;
}

/* The JSON of string s (len bytes) alone. */
static char *
string_json(const char *s, size_t len)
{
	struct capture c;

	capture_open(&c);
	json_string_n(&c.j, s, len);
	return capture_close(&c);
}

static void
assert_string_json(const char *s, size_t len, const char *expected)
{
	char *got = string_json(s, len);

	assert_string_equal(got, expected);
	free(got);
}

static void
test_nested_layout_lines_and_inline(void **state)
{
	struct capture c;
	char *got;

	(void)state;
	capture_open(&c);
	json_object_begin(&c.j, JSON_LINES);
	json_field_string(&c.j, "name", "trace_exec");
	json_field_array(&c.j, "rates", JSON_INLINE);
	json_count(&c.j, 1024);
	json_count(&c.j, 4096);
	json_array_end(&c.j);
	json_field_object(&c.j, "Cpu", JSON_INLINE);
	json_field_count(&c.j, "n", 5);
	json_field_array(&c.j, "interval", JSON_LINES); /* inline inside inline */
	json_number(&c.j, 1.5);
	json_number(&c.j, 2.5);
	json_array_end(&c.j);
	json_object_end(&c.j);
	json_field_object(&c.j, "empty", JSON_LINES);
	json_object_end(&c.j);
	json_field_array(&c.j, "none", JSON_LINES);
	json_array_end(&c.j);
	json_field_bool(&c.j, "yes", 1);
	json_field_null(&c.j, "nothing");
	json_object_end(&c.j);
	got = capture_close(&c);
	assert_string_equal(got, "{\n"
	    "  \"name\": \"trace_exec\",\n"
	    "  \"rates\": [1024, 4096],\n"
	    "  \"Cpu\": {\"n\": 5, \"interval\": [1.5, 2.5]},\n"
	    "  \"empty\": {},\n"
	    "  \"none\": [],\n"
	    "  \"yes\": true,\n"
	    "  \"nothing\": null\n"
	    "}\n");
	free(got);
}

static void
test_numbers_round_trip_and_non_finite_is_null(void **state)
{
	struct capture c;
	char *got;

	(void)state;
	capture_open(&c);
	json_array_begin(&c.j, JSON_INLINE);
	json_number(&c.j, 0.1);
	json_number(&c.j, -0.0);
	json_number(&c.j, 1e300);
	json_number(&c.j, NAN);
	json_number(&c.j, INFINITY);
	json_number(&c.j, -INFINITY);
	json_count(&c.j, 18446744073709551615ull);
	json_array_end(&c.j);
	got = capture_close(&c);
	assert_string_equal(got, "[0.10000000000000001, -0, 1.0000000000000001e+300, "
	    "null, null, null, 18446744073709551615]\n");
	free(got);
}

static void
test_quotes_and_backslashes_are_escaped(void **state)
{
	(void)state;
	assert_string_json("a\"b\\c/d", 7, "\"a\\\"b\\\\c/d\"\n");
	assert_string_json("\\\"", 2, "\"\\\\\\\"\"\n");
}

static void
test_control_characters_are_escaped(void **state)
{
	(void)state;
	assert_string_json("a\nb\tc\rd", 7, "\"a\\nb\\tc\\rd\"\n");
	assert_string_json("\x01\x08\x0c\x1f\x7f", 5,
	    "\"\\u0001\\u0008\\u000c\\u001f\\u007f\"\n");
	/* A NUL inside a counted string, and U+0085 (C1, NEL). */
	assert_string_json("a\0b\xc2\x85", 5, "\"a\\u0000b\\u0085\"\n");
}

static void
test_line_separators_and_invisible_characters_are_escaped(void **state)
{
	(void)state;
	/* U+2028 and U+2029 end a line in JavaScript; U+202E turns text around. */
	assert_string_json("a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\xe2\x80\xae", 12,
	    "\"a\\u2028b\\u2029c\\u202e\"\n");
	/* A tag character, above U+FFFF: a surrogate pair. */
	assert_string_json("\xf3\xa0\x80\x81", 4, "\"\\udb40\\udc01\"\n");
}

static void
test_invalid_utf8_becomes_one_replacement_per_byte(void **state)
{
	(void)state;
	/* A lone continuation byte, an overlong '/', a truncated sequence, a surrogate. */
	assert_string_json("\x80", 1, "\"\\ufffd\"\n");
	assert_string_json("\xc0\xaf", 2, "\"\\ufffd\\ufffd\"\n");
	assert_string_json("a\xe2\x82", 3, "\"a\\ufffd\\ufffd\"\n");
	assert_string_json("\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\"\n");
	assert_string_json("\xff" "z", 2, "\"\\ufffdz\"\n");
}

static void
test_other_characters_stay_utf8(void **state)
{
	(void)state;
	/* é, €, U+FFFD itself (well-formed) and an emoji, as their bytes. */
	assert_string_json("\xc3\xa9\xe2\x82\xac\xef\xbf\xbd\xf0\x9f\x98\x80", 12,
	    "\"\xc3\xa9\xe2\x82\xac\xef\xbf\xbd\xf0\x9f\x98\x80\"\n");
}

static void
test_keys_are_escaped_too(void **state)
{
	struct capture c;
	char *got;

	(void)state;
	capture_open(&c);
	json_object_begin(&c.j, JSON_INLINE);
	json_field_count(&c.j, "a\"\n\xff", 1);
	json_object_end(&c.j);
	got = capture_close(&c);
	assert_string_equal(got, "{\"a\\\"\\n\\ufffd\": 1}\n");
	free(got);
}

static void
test_write_error_is_reported(void **state)
{
	struct json j;
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (f == NULL)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	json_open(&j, f);
	json_string(&j, "lost");
	assert_int_equal(json_close(&j), -1);
	fclose(f);
}

/*
 * Output past the writer's buffer, in pieces of every size around its
 * end, and one string longer than it: the bytes of writing each alone.
 */
static void
test_output_longer_than_the_buffer(void **state)
{
	struct capture c;
	size_t n = 3 * JSON_BUFFER + 7, i, k;
	char *big = malloc(n + 1), *got, *want, *p;

	(void)state;
	assert_non_null(big);
	for (i = 0; i < n; i++)
		big[i] = i % 97 == 0 ? '"' : (char)('a' + i % 26);
	big[n] = '\0';
	capture_open(&c);
	json_array_begin(&c.j, JSON_LINES);
	for (k = 0; k < 700; k++)
		json_string_n(&c.j, big, k % 23);
	json_string(&c.j, big);
	json_array_end(&c.j);
	got = capture_close(&c);
	want = malloc(2 * n + 700 * 64);
	assert_non_null(want);
	p = want + sprintf(want, "[");
	for (k = 0; k <= 700; k++) {
		size_t len = k < 700 ? k % 23 : n;

		p += sprintf(p, "%s\n  \"", k ? "," : "");
		for (i = 0; i < len; i++)
			p += sprintf(p, "%s", big[i] == '"' ? "\\\"" :
			    (char[2]){ big[i], 0 });
		p += sprintf(p, "\"");
	}
	sprintf(p, "\n]\n");
	assert_string_equal(got, want);
	free(got);
	free(want);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nested_layout_lines_and_inline),
		cmocka_unit_test(test_numbers_round_trip_and_non_finite_is_null),
		cmocka_unit_test(test_quotes_and_backslashes_are_escaped),
		cmocka_unit_test(test_control_characters_are_escaped),
		cmocka_unit_test(test_line_separators_and_invisible_characters_are_escaped),
		cmocka_unit_test(test_invalid_utf8_becomes_one_replacement_per_byte),
		cmocka_unit_test(test_other_characters_stay_utf8),
		cmocka_unit_test(test_keys_are_escaped_too),
		cmocka_unit_test(test_write_error_is_reported),
		cmocka_unit_test(test_output_longer_than_the_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
