/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of deflating many buffers at once: each as compress2 alone, whichever thread took it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "zbatch.h"
#include "xalloc.h"

/* Text like a page's operators: numbers and a few words, some runs repeated. */
static unsigned char *
page_like(size_t len, unsigned seed)
{
	unsigned char *b = xmalloc(len + 1);
	size_t i;

	for (i = 0; i < len; i++) {
		seed = seed * 1103515245u + 12345u;
		b[i] = (unsigned char)(i % 7 == 6 ? '\n' :
		    "0123456789 .mlreBTf"[(seed >> 16) % 19]);
	}
	return b;
}

/* n items of the given lengths through zbatch_deflate; each must be compress2's bytes. */
static void
check_batch(const size_t *lens, size_t n)
{
	struct zbatch_item *items = xcalloc(n + 1, sizeof(*items));
	size_t i;

	for (i = 0; i < n; i++) {
		items[i].in = page_like(lens[i], (unsigned)i + 1);
		items[i].len = lens[i];
	}
	assert_int_equal(zbatch_deflate(items, n), 0);
	for (i = 0; i < n; i++) {
		uLongf cap = compressBound((uLong)lens[i]);
		unsigned char *want = xmalloc(cap);

		assert_int_equal(compress2(want, &cap, items[i].in,
		    (uLong)lens[i], Z_DEFAULT_COMPRESSION), Z_OK);
		assert_int_equal(items[i].outlen, cap);
		assert_memory_equal(items[i].out, want, cap);
		free(want);
		free(items[i].out);
		free((void *)items[i].in);
	}
	free(items);
}

/* Small batches stay on the calling thread, large ones are split: the same bytes. */
static void
test_each_item_is_its_own_zlib_stream(void **state)
{
	static const size_t small[] = { 0, 1, 100, 5000 };
	static const size_t pages[] = { 14000, 9000, 30000, 2, 13000, 40000,
		11000, 12000, 500, 60000, 8000 };
	static const size_t one[] = { 3 * ZBATCH_THREAD_MIN };

	(void)state;
	check_batch(small, sizeof(small) / sizeof(small[0]));
	check_batch(pages, sizeof(pages) / sizeof(pages[0]));
	check_batch(one, 1);
	check_batch(NULL, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_item_is_its_own_zlib_stream),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
