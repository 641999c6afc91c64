/* SPDX-License-Identifier: Apache-2.0 */
/* zlib streams of large buffers, deflated in pieces on background threads. */
#include "zpack.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "task.h"
#include "xalloc.h"

#define ZPACK_THREADS 2
/* Input handed to deflate at a time, so that zpack_free need not wait long. */
#define ZPACK_STEP (256u << 10)

struct zpack_piece {
	const unsigned char *in;
	size_t in_len;
	int last;
	unsigned char *out; /* raw deflate data */
	size_t out_len;
	unsigned long adler;
	int ok;
};

struct zpack {
	struct zpack_piece *pieces;
	size_t npieces;
	atomic_size_t next;   /* the next piece a worker takes */
	atomic_int stop;      /* set by zpack_free */
	struct task workers[ZPACK_THREADS];
	size_t nworkers;
	unsigned char *stream;
	size_t stream_len;
	int done;
};

/* Raw deflate of one piece; the last one ends the stream, the others sync-flush. */
static void
zpack_deflate(struct zpack *z, struct zpack_piece *pc)
{
	z_stream s;
	size_t off = 0, step;
	int flush, rc = Z_OK;

	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return;
	/* Room for the worst case plus the sync flush's empty stored block. */
	pc->out_len = deflateBound(&s, (uLong)pc->in_len) + 16;
	pc->out = xmalloc(pc->out_len);
	s.next_out = pc->out;
	s.avail_out = (uInt)pc->out_len;
	do {
		step = pc->in_len - off < ZPACK_STEP ? pc->in_len - off : ZPACK_STEP;
		flush = off + step < pc->in_len ? Z_NO_FLUSH :
		    pc->last ? Z_FINISH : Z_SYNC_FLUSH;
		s.next_in = (unsigned char *)(uintptr_t)(pc->in + off);
		s.avail_in = (uInt)step;
		rc = deflate(&s, flush);
		off += step;
	} while (rc == Z_OK && s.avail_in == 0 && off < pc->in_len &&
	    !atomic_load(&z->stop));
	pc->ok = s.avail_in == 0 && s.avail_out > 0 && off == pc->in_len &&
	    (pc->last ? rc == Z_STREAM_END : rc == Z_OK);
	pc->out_len -= s.avail_out;
	deflateEnd(&s);
	pc->adler = adler32_z(1, pc->in, pc->in_len);
}

static void
zpack_work(void *arg)
{
	struct zpack *z = arg;
	size_t i;

	while (!atomic_load(&z->stop) &&
	    (i = atomic_fetch_add(&z->next, 1)) < z->npieces)
		zpack_deflate(z, &z->pieces[i]);
}

struct zpack *
zpack_start(const void *data, size_t len)
{
	struct zpack *z = xcalloc(1, sizeof(*z));
	const unsigned char *in = data;
	size_t i;

	z->npieces = len == 0 ? 1 : (len + ZPACK_PIECE - 1) / ZPACK_PIECE;
	z->pieces = xcalloc(z->npieces, sizeof(*z->pieces));
	for (i = 0; i < z->npieces; i++) {
		z->pieces[i].in = in + i * (size_t)ZPACK_PIECE;
		z->pieces[i].in_len = i + 1 < z->npieces ? ZPACK_PIECE :
		    len - i * (size_t)ZPACK_PIECE;
		z->pieces[i].last = i + 1 == z->npieces;
	}
	atomic_init(&z->next, 0);
	atomic_init(&z->stop, 0);
	z->nworkers = z->npieces < ZPACK_THREADS ? z->npieces : ZPACK_THREADS;
	for (i = 0; i < z->nworkers; i++)
		task_start(&z->workers[i], zpack_work, z);
	return z;
}

static void
zpack_join(struct zpack *z)
{
	size_t i;

	for (i = 0; i < z->nworkers; i++)
		task_wait(&z->workers[i]);
}

/* The zlib header, the pieces, and the Adler-32 of the whole, big-endian. */
static int
zpack_assemble(struct zpack *z)
{
	unsigned long adler = 1;
	size_t i, total = 2 + 4, o = 0;

	for (i = 0; i < z->npieces; i++) {
		if (!z->pieces[i].ok)
			return -1;
		total += z->pieces[i].out_len;
		adler = i == 0 ? z->pieces[i].adler : adler32_combine(adler,
		    z->pieces[i].adler, (z_off_t)z->pieces[i].in_len);
	}
	z->stream = xmalloc(total);
	z->stream[o++] = 0x78; /* deflate, 32 KiB window */
	z->stream[o++] = 0x9c; /* default level; header check bits */
	for (i = 0; i < z->npieces; i++) {
		memcpy(z->stream + o, z->pieces[i].out, z->pieces[i].out_len);
		o += z->pieces[i].out_len;
	}
	for (i = 0; i < 4; i++)
		z->stream[o++] = (unsigned char)(adler >> (24 - 8 * i));
	z->stream_len = o;
	return 0;
}

const unsigned char *
zpack_wait(struct zpack *z, size_t *len)
{
	size_t i;

	if (!z->done) {
		zpack_join(z);
		z->done = 1;
		zpack_assemble(z);
		for (i = 0; i < z->npieces; i++) {
			free(z->pieces[i].out);
			z->pieces[i].out = NULL;
		}
	}
	*len = z->stream_len;
	return z->stream;
}

void
zpack_free(struct zpack *z)
{
	size_t i;

	if (z == NULL)
		return;
	atomic_store(&z->stop, 1);
	zpack_join(z);
	for (i = 0; i < z->npieces; i++)
		free(z->pieces[i].out);
	free(z->pieces);
	free(z->stream);
	free(z);
}
