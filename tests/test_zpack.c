/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of zpack: zlib streams deflated in pieces on threads. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "xalloc.h"
#include "zpack.h"

/* CSV-like rows, deterministic, len bytes. */
static char *
sample_csv(size_t len)
{
	char *buf = xmalloc(len + 64);
	size_t o = 0;
	unsigned long x = 12345;

	while (o < len) {
		x = x * 6364136223846793005ul + 1442695040888963407ul;
		o += (size_t)sprintf(buf + o, "trace_exec,ig,%lu,%lu,%lu.%02lu\n",
		    x >> 60, 256ul << (x >> 61), (x >> 40) % 100, (x >> 30) % 100);
	}
	return buf;
}

/* Inflates a whole zlib stream (header and Adler-32 checked by zlib). */
static void
check_inflates_to(const unsigned char *z, size_t zlen, const char *want,
    size_t len)
{
	unsigned char *out = xmalloc(len + 1);
	uLongf outlen = (uLongf)len + 1;

	assert_int_equal(uncompress(out, &outlen, z, (uLong)zlen), Z_OK);
	assert_int_equal(outlen, len);
	assert_memory_equal(out, want, len);
	free(out);
}

static void
test_empty_input_is_a_valid_stream(void **state)
{
	struct zpack *z = zpack_start("", 0);
	const unsigned char *out;
	size_t len;

	(void)state;
	out = zpack_wait(z, &len);
	assert_non_null(out);
	check_inflates_to(out, len, "", 0);
	zpack_free(z);
}

static void
test_small_input_round_trips(void **state)
{
	static const char csv[] = "TestName,TestCase,Run\ntrace_dns,ig,1\n";
	struct zpack *z = zpack_start(csv, strlen(csv));
	const unsigned char *out;
	size_t len;

	(void)state;
	out = zpack_wait(z, &len);
	assert_non_null(out);
	check_inflates_to(out, len, csv, strlen(csv));
	/* A second wait returns the same stream. */
	assert_ptr_equal(zpack_wait(z, &len), out);
	zpack_free(z);
}

static void
test_pieces_join_into_one_stream(void **state)
{
	size_t n = 2 * ZPACK_PIECE + ZPACK_PIECE / 2 + 7;
	char *csv = sample_csv(n);
	struct zpack *z = zpack_start(csv, n);
	const unsigned char *out;
	size_t len;

	(void)state;
	out = zpack_wait(z, &len);
	assert_non_null(out);
	check_inflates_to(out, len, csv, n);
	/* Deflated, not stored: CSV shrinks to well under half. */
	assert_true(len < n / 2);
	zpack_free(z);
	free(csv);
}

static void
test_same_bytes_give_the_same_stream(void **state)
{
	size_t n = ZPACK_PIECE + 1000;
	char *csv = sample_csv(n);
	struct zpack *a = zpack_start(csv, n), *b = zpack_start(csv, n);
	const unsigned char *sa, *sb;
	size_t la, lb;

	(void)state;
	sa = zpack_wait(a, &la);
	sb = zpack_wait(b, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(sa, sb, la);
	zpack_free(a);
	zpack_free(b);
	free(csv);
}

/* Throwing a stream away unfinished stops the work; sanitizers watch for leaks. */
static void
test_free_without_wait(void **state)
{
	size_t n = 3 * ZPACK_PIECE;
	char *csv = sample_csv(n);

	(void)state;
	zpack_free(zpack_start(csv, n));
	zpack_free(NULL);
	free(csv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_input_is_a_valid_stream),
		cmocka_unit_test(test_small_input_round_trips),
		cmocka_unit_test(test_pieces_join_into_one_stream),
		cmocka_unit_test(test_same_bytes_give_the_same_stream),
		cmocka_unit_test(test_free_without_wait),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
