/* SPDX-License-Identifier: Apache-2.0 */
/* zlib streams of input files, deflated in pieces as they are read, on background threads. */
#ifndef IGREPORT_ZPACK_H
#define IGREPORT_ZPACK_H

#include <stddef.h>

/*
 * Bytes per piece. Each piece is deflated on its own (ended on a byte
 * boundary by a sync flush, as pigz does) and the pieces are joined into
 * one stream whose Adler-32 is combined from theirs. The split depends on
 * the offsets alone, never on the number of cores nor on how the bytes
 * came, so the same bytes give the same stream on any machine.
 */
#define ZPACK_PIECE (4u << 20)

/*
 * Most bytes of a stream held at once waiting to be deflated (plus the
 * block being filled): zpack_write waits for the threads past it.
 */
#define ZPACK_IN_FLIGHT (2u << 20)

struct zpack;

/*
 * Starts deflating, at zlib's default level on up to two threads, the
 * len bytes of the regular file open as fd from offset start into one
 * zlib stream (RFC 1950: the PDF's FlateDecode). The threads read the
 * file themselves (pread, through a duplicate of fd: the caller may close
 * it, unless zpack_borrows_fd), so no copy of it is held, only its
 * deflated pieces. Never NULL.
 */
struct zpack *zpack_start_file(int fd, unsigned long long start, size_t len);

/*
 * Whether no duplicate of the file's descriptor could be had (out of
 * descriptors): the threads read through fd itself, which must then stay
 * open until zpack_finish.
 */
int zpack_borrows_fd(const struct zpack *z);

/*
 * Whether the file's size, modification or change time moved since
 * zpack_start_file, without waiting (0 for a stream, a file that could not
 * be looked at, which zpack_finish says, or one already finished).
 */
int zpack_file_moved(const struct zpack *z);

/*
 * Starts deflating a stream (a pipe, say) whose bytes come in order
 * through zpack_write, at most max of them. Never NULL.
 */
struct zpack *zpack_start_stream(size_t max);

/*
 * As zpack_start_stream, on at most threads threads (0: none, and
 * zpack_write deflates on its caller's thread, as when no thread can be
 * started): the same stream whatever the number.
 */
struct zpack *zpack_start_stream_threads(size_t max, size_t threads);

/*
 * Hands a stream's next n bytes to its threads (copied), waiting while
 * ZPACK_IN_FLIGHT bytes are already waiting for them. Returns 0, or -1
 * once the stream went past its max: everything is dropped then (the
 * threads stopped, the pieces freed) and later calls do nothing.
 */
int zpack_write(struct zpack *z, const void *data, size_t n);

/*
 * Ends a stream's input: its last bytes go to the threads, which finish
 * on their own. Returns 0, or -1 when it went past its max (then nothing
 * is kept). A file's input ends with the file: 0.
 */
int zpack_end_input(struct zpack *z);

/*
 * Ends the input if that was not done and waits for every piece. Returns
 * 0, or when there is no stream: -1 for a file whose read failed (*err
 * its errno), or that changed while it was read (its size, modification
 * or change time moved, or it came out short of len: *err 0), or for a
 * stream that went past its max (*err 0); ZPACK_ZLIB_FAILED when zlib
 * failed (its memory comes from xalloc: only a bug can make it fail).
 * Any thread may call it, at once with others: one finishes (*first 1:
 * the one to say why it failed), the others wait for it and get the same
 * (*first 0). After it z does not change: any number of threads may read
 * it (zpack_read, zpack_unpack_*) until zpack_free.
 */
#define ZPACK_ZLIB_FAILED (-2)
int zpack_finish(struct zpack *z, int *err, int *first);

/* The bytes of the zlib stream, after a successful zpack_finish. */
size_t zpack_size(const struct zpack *z);

/* The bytes deflated into it (the input's length), after zpack_finish. */
size_t zpack_len(const struct zpack *z);

/* A reader's place in a finished stream: the zlib header, each piece, the Adler-32. */
struct zpack_cursor {
	const struct zpack *z;
	size_t part; /* 0 the header, 1..n the pieces, n + 1 the checksum */
	size_t off;  /* within the part */
};

/* Puts c at the start of z's stream. */
void zpack_cursor_init(struct zpack_cursor *c, const struct zpack *z);

/* Copies the next bytes of the zlib stream, up to n, to buf; returns how many (0 at its end). */
size_t zpack_read(struct zpack_cursor *c, void *buf, size_t n);

struct zpack_unpack;

/* Starts inflating z's stream back into the input's bytes. Never NULL. */
struct zpack_unpack *zpack_unpack_new(const struct zpack *z);

/*
 * Inflates the next bytes, up to n, into buf: returns how many (0 at the
 * end, the Adler-32 checked), or -1 when zlib finds the stream corrupt.
 */
long zpack_unpack_read(struct zpack_unpack *u, void *buf, size_t n);

/* Frees u; NULL allowed. */
void zpack_unpack_free(struct zpack_unpack *u);

/* Stops the work still running, waits for it and frees z; NULL allowed. */
void zpack_free(struct zpack *z);

#endif
