/* SPDX-License-Identifier: Apache-2.0 */
/* Deflating many buffers at once: the items split in two halves of about equal bytes, one per thread. */
#include "zbatch.h"

#include <stdlib.h>
#include <zlib.h>

#include "task.h"
#include "xalloc.h"

/* A run of items for one thread, and whether all went well. */
struct zbatch_run {
	struct zbatch_item *items;
	size_t n;
	int failed;
};

static int
zbatch_one(struct zbatch_item *it)
{
	uLongf cap = compressBound((uLong)it->len);

	it->out = xmalloc(cap > 0 ? cap : 1);
	if (compress2(it->out, &cap, it->in, (uLong)it->len,
	    Z_DEFAULT_COMPRESSION) != Z_OK) {
		free(it->out);
		it->out = NULL;
		return -1;
	}
	it->outlen = cap;
	return 0;
}

static void
zbatch_run(void *arg)
{
	struct zbatch_run *r = arg;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (zbatch_one(&r->items[i]) < 0)
			r->failed = 1;
}

int
zbatch_deflate(struct zbatch_item *items, size_t n)
{
	struct zbatch_run mine = { items, n, 0 }, other = { NULL, 0, 0 };
	struct task t;
	size_t i, total = 0, half = 0;

	for (i = 0; i < n; i++) {
		items[i].out = NULL;
		total += items[i].len;
	}
	/* The second thread takes the last items, about half of the bytes. */
	for (i = n; i > 0 && half + items[i - 1].len <= total / 2; i--)
		half += items[i - 1].len;
	if (total >= ZBATCH_THREAD_MIN && i < n) {
		other.items = items + i;
		other.n = n - i;
		mine.n = i;
		task_start(&t, zbatch_run, &other);
		zbatch_run(&mine);
		task_wait(&t);
	} else {
		zbatch_run(&mine);
	}
	if (!mine.failed && !other.failed)
		return 0;
	for (i = 0; i < n; i++) {
		free(items[i].out);
		items[i].out = NULL;
	}
	return -1;
}
