/* SPDX-License-Identifier: Apache-2.0 */
/* zlib streams of large buffers, deflated in pieces on background threads. */
#ifndef IGREPORT_ZPACK_H
#define IGREPORT_ZPACK_H

#include <stddef.h>

/*
 * Bytes per piece. Each piece is deflated on its own (ended on a byte
 * boundary by a sync flush, as pigz does) and the pieces are joined into
 * one stream whose Adler-32 is combined from theirs. The split depends on
 * the length alone, never on the number of cores, so the same bytes give
 * the same stream on any machine.
 */
#define ZPACK_PIECE (4u << 20)

struct zpack;

/*
 * Starts deflating len bytes at data into one zlib stream (RFC 1950: the
 * PDF's FlateDecode) at zlib's default level, on up to two threads. data
 * must stay unchanged until zpack_free. Never NULL.
 */
struct zpack *zpack_start(const void *data, size_t len);

/*
 * Waits for the stream and returns it (owned by z) with its length in
 * *len, or NULL when zlib failed (it has no memory).
 */
const unsigned char *zpack_wait(struct zpack *z, size_t *len);

/* Stops the work still running, waits for it and frees z; NULL allowed. */
void zpack_free(struct zpack *z);

#endif
