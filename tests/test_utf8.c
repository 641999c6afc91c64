/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the UTF-8 decoder, validation and cleaning. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "utf8.h"
#include "xalloc.h"

/* Decodes the n bytes at s from a buffer of exactly n bytes (ASan sees any overread). */
static size_t
decode_exact(const char *s, size_t n, uint32_t *cp)
{
	unsigned char *copy = xmalloc(n);
	size_t len;

	memcpy(copy, s, n);
	len = utf8_decode(copy, n, cp);
	free(copy);
	return len;
}

static void
expect_malformed(const char *s, size_t n)
{
	uint32_t cp = 0;

	assert_int_equal(decode_exact(s, n, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
}

static void
test_decode_ascii(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(decode_exact("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(decode_exact("\x7f", 1, &cp), 1);
	assert_int_equal(cp, 0x7f);
}

static void
test_decode_two_and_three_byte_sequences(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(decode_exact("\xc2\xb1", 2, &cp), 2);
	assert_int_equal(cp, 0xb1);
	assert_int_equal(decode_exact("\xe2\x80\x94", 3, &cp), 3);
	assert_int_equal(cp, 0x2014);
	assert_int_equal(decode_exact("\xed\x9f\xbf", 3, &cp), 3);
	assert_int_equal(cp, 0xd7ff);
}

static void
test_decode_four_byte_sequence(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(decode_exact("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(decode_exact("\xf0\x90\x80\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x10000);
	assert_int_equal(decode_exact("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	assert_int_equal(cp, 0x10ffff);
}

/* A well-formed U+FFFD takes three bytes: only a 1-byte U+FFFD means malformed. */
static void
test_decode_literal_replacement_takes_three_bytes(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(decode_exact("\xef\xbf\xbd", 3, &cp), 3);
	assert_int_equal(cp, UTF8_REPLACEMENT);
}

static void
test_decode_overlong_is_malformed(void **state)
{
	(void)state;
	expect_malformed("\xc0\xaf", 2);
	expect_malformed("\xc1\xbf", 2);
	expect_malformed("\xe0\x80\xaf", 3);
	expect_malformed("\xe0\x9f\xbf", 3);
	expect_malformed("\xf0\x80\x80\xaf", 4);
	expect_malformed("\xf0\x8f\xbf\xbf", 4);
}

static void
test_decode_surrogate_is_malformed(void **state)
{
	(void)state;
	expect_malformed("\xed\xa0\x80", 3);
	expect_malformed("\xed\xbf\xbf", 3);
}

static void
test_decode_above_10ffff_is_malformed(void **state)
{
	(void)state;
	expect_malformed("\xf4\x90\x80\x80", 4);
	expect_malformed("\xf5\x80\x80\x80", 4);
	expect_malformed("\xff", 1);
}

static void
test_decode_lone_continuation_is_malformed(void **state)
{
	(void)state;
	expect_malformed("\x80", 1);
	expect_malformed("\xbf\x80", 2);
}

/* A sequence cut short by the end of the buffer reads nothing past it. */
static void
test_decode_truncated_sequence_at_end(void **state)
{
	(void)state;
	expect_malformed("\xe2\x82", 2);
	expect_malformed("\xf0\x9f\x98", 3);
	expect_malformed("\xc3", 1);
}

/* With UTF8_NUL_TERMINATED a NUL ends the sequence, and nothing past it is read. */
static void
test_decode_stops_at_nul(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(decode_exact("\xe2\x82", 3, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
	assert_int_equal(utf8_decode((const unsigned char *)"\xf0",
	    UTF8_NUL_TERMINATED, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
	assert_int_equal(utf8_decode((const unsigned char *)"\xc3\xa9",
	    UTF8_NUL_TERMINATED, &cp), 2);
	assert_int_equal(cp, 0xe9);
}

/* Decoding goes on at the next byte: a broken sequence is one U+FFFD per byte. */
static void
test_decode_resumes_at_the_next_byte(void **state)
{
	const unsigned char *s = (const unsigned char *)"\xe2\x82" "c";
	uint32_t cp;
	size_t n;

	(void)state;
	n = utf8_decode(s, 3, &cp);
	assert_int_equal(n, 1);
	n += utf8_decode(s + n, 3 - n, &cp);
	assert_int_equal(n, 2);
	assert_int_equal(cp, UTF8_REPLACEMENT);
	n += utf8_decode(s + n, 3 - n, &cp);
	assert_int_equal(n, 3);
	assert_int_equal(cp, 'c');
}

static void
test_encode_gives_back_the_decoded_bytes(void **state)
{
	static const char *const text[] = { "A", "\x7f", "\xc2\x80",
		"\xdf\xbf", "\xe0\xa0\x80", "\xef\xbf\xbd", "\xef\xbf\xbf",
		"\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf" };
	char out[4];
	uint32_t cp;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		n = decode_exact(text[i], strlen(text[i]), &cp);
		assert_int_equal(n, strlen(text[i]));
		assert_int_equal(utf8_encode(cp, out), n);
		assert_memory_equal(out, text[i], n);
	}
}

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

/* utf8_check faults at the first malformed byte, wherever the sequence is cut. */
static void
test_check_reports_the_first_bad_byte(void **state)
{
	size_t off = 99;

	(void)state;
	assert_int_equal(utf8_check("ab\xc3\xa9\xe2\x82", 6, &off), -1);
	assert_int_equal(off, 4);
	assert_int_equal(utf8_check("\xef\xbf\xbd", 3, &off), 0);
}

/* Names refuse what breaks columns or looks like nothing: TAB, C1, format characters. */
static void
test_check_name_refuses_invisible_characters(void **state)
{
	static const struct {
		const char *s;
		size_t off;
		uint32_t cp;
	} bad[] = {
		{ "ab\tc", 2, 0x09 }, { "g\xc2\x85", 1, 0x85 },
		{ "\xef\xbb\xbfg", 0, 0xFEFF }, { "i\xe2\x80\xaeg", 1, 0x202E },
		{ "a\xe2\x80\x8b" "b", 1, 0x200B }, { "x\xc2\xad", 1, 0xAD },
		{ "x\xe2\x81\xa6", 1, 0x2066 }, { "x\xe2\x80\xa8", 1, 0x2028 },
		{ "x\xf3\xa0\x80\x81", 1, 0xE0001 }, { "\x7f", 0, 0x7F },
	};
	size_t i, off;
	uint32_t cp;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		off = 99;
		cp = 0;
		assert_int_equal(utf8_check_name(bad[i].s, strlen(bad[i].s),
		    &off, &cp), 1);
		assert_int_equal(off, bad[i].off);
		assert_int_equal(cp, bad[i].cp);
	}
	assert_int_equal(utf8_check_name("a\xff", 2, &off, &cp), -1);
	assert_int_equal(off, 1);
	/* Visible non-ASCII text is a name like any other. */
	{
		const char *ok = "trace_dns \xc2\xb1 \xc3\xa9\xe2\x80\x94\xc2\xa0x";

		assert_int_equal(utf8_check_name(ok, strlen(ok), &off, &cp), 0);
	}
	assert_false(utf8_is_invisible('a'));
	assert_false(utf8_is_invisible(0xA0));
	assert_true(utf8_is_invisible(0x061C));
}

static void
test_clean_replaces_each_byte_of_a_broken_sequence(void **state)
{
	char *s = utf8_clean("a\xe2\x82" "b\xed\xa0\x80", 7);

	(void)state;
	assert_string_equal(s, "a\xef\xbf\xbd\xef\xbf\xbd" "b"
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
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
		cmocka_unit_test(test_decode_ascii),
		cmocka_unit_test(test_decode_two_and_three_byte_sequences),
		cmocka_unit_test(test_decode_four_byte_sequence),
		cmocka_unit_test(test_decode_literal_replacement_takes_three_bytes),
		cmocka_unit_test(test_decode_overlong_is_malformed),
		cmocka_unit_test(test_decode_surrogate_is_malformed),
		cmocka_unit_test(test_decode_above_10ffff_is_malformed),
		cmocka_unit_test(test_decode_lone_continuation_is_malformed),
		cmocka_unit_test(test_decode_truncated_sequence_at_end),
		cmocka_unit_test(test_decode_stops_at_nul),
		cmocka_unit_test(test_decode_resumes_at_the_next_byte),
		cmocka_unit_test(test_encode_gives_back_the_decoded_bytes),
		cmocka_unit_test(test_accepts_well_formed_text),
		cmocka_unit_test(test_rejects_malformed_sequences),
		cmocka_unit_test(test_check_reports_the_first_bad_byte),
		cmocka_unit_test(test_clean_replaces_each_byte_of_a_broken_sequence),
		cmocka_unit_test(test_clean_replaces_and_blanks),
		cmocka_unit_test(test_check_name_refuses_invisible_characters),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
