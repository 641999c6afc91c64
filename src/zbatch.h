/* SPDX-License-Identifier: Apache-2.0 */
/* Many buffers deflated at once, each its own zlib stream, on two threads: a PDF's page contents. */
#ifndef IGREPORT_ZBATCH_H
#define IGREPORT_ZBATCH_H

#include <stddef.h>

/* One buffer to deflate, and its zlib stream once deflated. */
struct zbatch_item {
	const unsigned char *in; /* borrowed */
	size_t len;
	unsigned char *out;      /* set by zbatch_deflate; the caller frees it */
	size_t outlen;
};

/*
 * Below this many bytes in all, a second thread costs more than it saves:
 * everything is deflated on the calling thread.
 */
#define ZBATCH_THREAD_MIN (64 * 1024)

/*
 * Deflates each of the n items as compress2 does at zlib's default level
 * (the bytes libharu writes for a stream it deflates itself), the items
 * shared between the calling thread and one more (task.h). Returns 0, or
 * -1 when some item could not be deflated (out of memory in zlib): then
 * every out is NULL.
 */
int zbatch_deflate(struct zbatch_item *items, size_t n);

#endif
