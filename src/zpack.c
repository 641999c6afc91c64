/* SPDX-License-Identifier: Apache-2.0 */
/* zlib streams of input files, deflated in pieces as they are read, on background threads. */
#include "zpack.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "task.h"
#include "xalloc.h"

#define ZPACK_THREADS 2
/* Input handed to deflate at a time: one read of a file, one block of a stream. */
#define ZPACK_STEP (256u << 10)
#define ZPACK_STEPS (ZPACK_PIECE / ZPACK_STEP)
#define ZPACK_SLOTS (ZPACK_IN_FLIGHT / ZPACK_STEP)
#define ZPACK_NONE SIZE_MAX

struct zpack_piece {
	unsigned char *out; /* raw deflate data, out_len bytes exactly */
	size_t out_len;
	size_t in_len;
	unsigned long adler;
	int ok;
};

/* A stream's block: ZPACK_STEP bytes (the last may be fewer), within one piece. */
struct zpack_slot {
	unsigned char *data;
	size_t len;
	size_t index; /* the block's number in the stream */
	int flush;    /* Z_NO_FLUSH, Z_SYNC_FLUSH ending a piece, Z_FINISH the stream */
	enum { SLOT_FREE, SLOT_FILLING, SLOT_READY, SLOT_RUNNING } state;
};

/* One thread's deflating, a piece at a time. */
struct zpack_worker {
	struct zpack *z;
	struct task task;
	z_stream s;
	size_t piece;       /* being deflated, or ZPACK_NONE */
	size_t next;        /* a stream's: the next block of that piece */
	unsigned char *out; /* room for a piece's worst case, reused */
	size_t out_cap;
	unsigned char *in;  /* a file's: one read */
	int err;            /* a file's: errno of a failed read, -1 if short */
};

struct zpack {
	struct zpack_piece *pieces;
	size_t npieces; /* a stream's: known once it ended */
	size_t len;     /* input bytes so far */
	int file;       /* a file's zpack, not a stream's */
	int fd;         /* the file: a duplicate of the caller's, or -1 */
	int borrowed;   /* no duplicate could be had: fd is the caller's */
	struct stat before; /* the file's when the work started */
	int open_err;   /* errno when it could not be looked at */
	unsigned long long start;
	atomic_size_t taken; /* a file's pieces taken by workers */
	atomic_int stop;
	struct zpack_worker workers[ZPACK_THREADS];
	size_t nworkers;
	/* A stream's blocks, under mu; cv says a slot changed state. */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct zpack_slot slots[ZPACK_SLOTS + 1];
	struct zpack_slot *filling;
	size_t claimed; /* pieces a worker has taken */
	size_t max;
	int ended, over, threaded;
	unsigned char trailer[4];
	/* zpack_finish's, under fin_mu: one caller finishes, the others wait. */
	pthread_mutex_t fin_mu;
	int finished, result, err;
};

/* zlib allocates through xalloc: out of memory is the one exit, never a zlib error. */
static voidpf
zpack_zalloc(voidpf opaque, uInt items, uInt size)
{
	(void)opaque;
	return xcalloc(items, size);
}

static void
zpack_zfree(voidpf opaque, voidpf p)
{
	(void)opaque;
	free(p);
}

static struct zpack *
zpack_new(size_t npieces)
{
	struct zpack *z = xcalloc(1, sizeof(*z));
	size_t i;

	z->npieces = npieces;
	z->pieces = xcalloc(npieces, sizeof(*z->pieces));
	atomic_init(&z->taken, 0);
	atomic_init(&z->stop, 0);
	pthread_mutex_init(&z->mu, NULL);
	pthread_cond_init(&z->cv, NULL);
	pthread_mutex_init(&z->fin_mu, NULL);
	z->fd = -1;
	for (i = 0; i < ZPACK_THREADS; i++) {
		z->workers[i].z = z;
		z->workers[i].piece = ZPACK_NONE;
	}
	return z;
}

static void
piece_begin(struct zpack_worker *w, size_t i)
{
	if (w->out == NULL) {
		/* Far over the worst case (stored blocks, the sync flush's marker). */
		w->out_cap = ZPACK_PIECE + ZPACK_PIECE / 64 + 4096;
		w->out = xmalloc(w->out_cap);
	}
	memset(&w->s, 0, sizeof(w->s));
	w->s.zalloc = zpack_zalloc;
	w->s.zfree = zpack_zfree;
	w->piece = i;
	w->z->pieces[i].adler = 1;
	w->z->pieces[i].ok = deflateInit2(&w->s, Z_DEFAULT_COMPRESSION,
	    Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
	w->s.next_out = w->out;
	w->s.avail_out = (uInt)w->out_cap;
}

/*
 * Deflates the piece's next n bytes; flush ends it (Z_SYNC_FLUSH, or
 * Z_FINISH for the last piece). The output never runs out of room, so
 * the stream is the same whatever the steps.
 */
static void
piece_feed(struct zpack_worker *w, const unsigned char *in, size_t n,
    int flush)
{
	struct zpack_piece *pc = &w->z->pieces[w->piece];
	int rc;

	if (pc->ok) {
		w->s.next_in = (unsigned char *)(uintptr_t)in;
		w->s.avail_in = (uInt)n;
		rc = deflate(&w->s, flush);
		pc->ok = w->s.avail_in == 0 && w->s.avail_out > 0 &&
		    (flush == Z_FINISH ? rc == Z_STREAM_END : rc == Z_OK);
		pc->adler = adler32_z(pc->adler, in, n);
	}
	pc->in_len += n;
	if (flush == Z_NO_FLUSH)
		return;
	/* Kept at its size: the room for the worst case serves the next piece. */
	pc->out_len = w->out_cap - w->s.avail_out;
	pc->out = xmalloc(pc->out_len + 1);
	memcpy(pc->out, w->out, pc->out_len);
	deflateEnd(&w->s);
	w->piece = ZPACK_NONE;
}

static void
worker_free(struct zpack_worker *w)
{
	if (w->piece != ZPACK_NONE)
		deflateEnd(&w->s);
	w->piece = ZPACK_NONE;
	free(w->out);
	free(w->in);
	w->out = w->in = NULL;
}

/* --- A file, read by the workers ------------------------------------------ */

/* Reads n bytes at off; returns 0, or -1 with w->err set. */
static int
file_read(struct zpack_worker *w, unsigned long long off, size_t n)
{
	size_t got = 0;
	ssize_t k;

	while (got < n) {
		k = pread(w->z->fd, w->in + got, n - got, (off_t)(off + got));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			w->err = k < 0 ? errno : -1;
			return -1;
		}
		got += (size_t)k;
	}
	return 0;
}

static void
file_piece(struct zpack_worker *w, size_t i)
{
	struct zpack *z = w->z;
	size_t at = i * (size_t)ZPACK_PIECE, end, n;
	int last = i + 1 == z->npieces;

	end = last ? z->len : at + ZPACK_PIECE;
	piece_begin(w, i);
	do {
		n = end - at < ZPACK_STEP ? end - at : ZPACK_STEP;
		if (file_read(w, z->start + at, n) < 0) {
			atomic_store(&z->stop, 1);
			return;
		}
		at += n;
		piece_feed(w, w->in, n, at < end ? Z_NO_FLUSH :
		    last ? Z_FINISH : Z_SYNC_FLUSH);
	} while (at < end && !atomic_load(&z->stop));
}

static void
file_work(void *arg)
{
	struct zpack_worker *w = arg;
	struct zpack *z = w->z;
	size_t i;

	w->in = xmalloc(ZPACK_STEP);
	while (!atomic_load(&z->stop) &&
	    (i = atomic_fetch_add(&z->taken, 1)) < z->npieces)
		file_piece(w, i);
	free(w->in);
	w->in = NULL;
}

struct zpack *
zpack_start_file(int fd, unsigned long long start, size_t len)
{
	struct zpack *z = zpack_new(len == 0 ? 1 :
	    (len + ZPACK_PIECE - 1) / ZPACK_PIECE);
	size_t i;

	z->start = start;
	z->len = len;
	z->file = 1;
	/* Its own descriptor, so that the caller may close the file meanwhile. */
	if ((z->fd = dup(fd)) < 0) {
		z->fd = fd;
		z->borrowed = 1;
	}
	if (fstat(z->fd, &z->before) != 0) {
		z->open_err = errno;
		return z;
	}
	z->nworkers = z->npieces < ZPACK_THREADS ? z->npieces : ZPACK_THREADS;
	/* Without a thread the file is deflated here and now: slower, the same. */
	for (i = 0; i < z->nworkers; i++)
		task_start(&z->workers[i].task, file_work, &z->workers[i]);
	return z;
}

/* --- A stream, handed over in blocks ----------------------------------------- */

/* The next block w can deflate, under mu: its piece's next, or the next piece's first. */
static struct zpack_slot *
stream_next(struct zpack *z, struct zpack_worker *w)
{
	size_t want = w->piece != ZPACK_NONE ? w->next : z->claimed * ZPACK_STEPS;
	size_t i;

	for (i = 0; i < ZPACK_SLOTS + 1; i++)
		if (z->slots[i].state == SLOT_READY && z->slots[i].index == want)
			break;
	if (i == ZPACK_SLOTS + 1)
		return NULL;
	if (w->piece == ZPACK_NONE) {
		w->next = want;
		z->claimed++;
		z->slots[i].state = SLOT_RUNNING;
		pthread_mutex_unlock(&z->mu);
		piece_begin(w, want / ZPACK_STEPS);
		pthread_mutex_lock(&z->mu);
	}
	z->slots[i].state = SLOT_RUNNING;
	w->next++;
	return &z->slots[i];
}

/*
 * Deflates the blocks ready for w, waiting for more until the stream is
 * done; with once, only those ready now (the caller's thread stands in
 * for a worker that could not be started).
 */
static void
stream_run(struct zpack_worker *w, int once)
{
	struct zpack *z = w->z;
	struct zpack_slot *sl;

	pthread_mutex_lock(&z->mu);
	while (!atomic_load(&z->stop)) {
		if ((sl = stream_next(z, w)) != NULL) {
			pthread_mutex_unlock(&z->mu);
			piece_feed(w, sl->data, sl->len, sl->flush);
			pthread_mutex_lock(&z->mu);
			sl->state = SLOT_FREE;
			pthread_cond_broadcast(&z->cv);
		} else if (once || (z->ended && w->piece == ZPACK_NONE &&
		    z->claimed == z->npieces)) {
			break;
		} else {
			pthread_cond_wait(&z->cv, &z->mu);
		}
	}
	pthread_mutex_unlock(&z->mu);
}

static void
stream_work(void *arg)
{
	stream_run(arg, 0);
}

struct zpack *
zpack_start_stream_threads(size_t max, size_t threads)
{
	/* Room for the pieces of max bytes, and one to spare. */
	struct zpack *z = zpack_new(max / ZPACK_PIECE + 2);
	size_t i;

	z->max = max;
	for (i = 0; i < ZPACK_THREADS && i < threads; i++)
		if (task_try_start(&z->workers[i].task, stream_work,
		    &z->workers[i]) == 0)
			z->nworkers++;
	z->threaded = z->nworkers > 0;
	return z;
}

struct zpack *
zpack_start_stream(size_t max)
{
	return zpack_start_stream_threads(max, ZPACK_THREADS);
}

/* A free slot to fill, under mu: waits for one, or deflates here without threads. */
static struct zpack_slot *
stream_slot(struct zpack *z, size_t index)
{
	size_t i;

	for (;;) {
		for (i = 0; i < ZPACK_SLOTS + 1; i++)
			if (z->slots[i].state == SLOT_FREE)
				break;
		if (i < ZPACK_SLOTS + 1)
			break;
		if (z->threaded) {
			pthread_cond_wait(&z->cv, &z->mu);
		} else {
			pthread_mutex_unlock(&z->mu);
			stream_run(&z->workers[0], 1);
			pthread_mutex_lock(&z->mu);
		}
	}
	if (z->slots[i].data == NULL)
		z->slots[i].data = xmalloc(ZPACK_STEP);
	z->slots[i].state = SLOT_FILLING;
	z->slots[i].index = index;
	z->slots[i].len = 0;
	return &z->slots[i];
}

/* Hands the block being filled to the workers, ending its piece (or the stream) with flush. */
static void
stream_publish(struct zpack *z, int flush)
{
	z->filling->flush = flush;
	z->filling->state = SLOT_READY;
	z->filling = NULL;
	pthread_cond_broadcast(&z->cv);
}

/* Stops the workers and waits for them. */
static void
zpack_join(struct zpack *z)
{
	size_t i;

	atomic_store(&z->stop, 1);
	pthread_mutex_lock(&z->mu);
	pthread_cond_broadcast(&z->cv);
	pthread_mutex_unlock(&z->mu);
	for (i = 0; i < ZPACK_THREADS; i++)
		task_wait(&z->workers[i].task);
}

/* Drops a stream gone past its max: nothing of it is kept. */
static void
stream_drop(struct zpack *z)
{
	size_t i;

	zpack_join(z);
	for (i = 0; i < ZPACK_THREADS; i++)
		worker_free(&z->workers[i]);
	for (i = 0; i < z->npieces; i++) {
		free(z->pieces[i].out);
		z->pieces[i].out = NULL;
	}
	for (i = 0; i < ZPACK_SLOTS + 1; i++) {
		free(z->slots[i].data);
		z->slots[i].data = NULL;
	}
	z->over = 1;
}

int
zpack_write(struct zpack *z, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t k;

	if (z->over)
		return -1;
	if (n > z->max - z->len) {
		stream_drop(z);
		return -1;
	}
	pthread_mutex_lock(&z->mu);
	while (n > 0) {
		if (z->filling != NULL && z->filling->len == ZPACK_STEP)
			stream_publish(z, (z->filling->index + 1) % ZPACK_STEPS ?
			    Z_NO_FLUSH : Z_SYNC_FLUSH);
		if (z->filling == NULL)
			z->filling = stream_slot(z, z->len / ZPACK_STEP);
		k = ZPACK_STEP - z->filling->len < n ?
		    ZPACK_STEP - z->filling->len : n;
		memcpy(z->filling->data + z->filling->len, p, k);
		z->filling->len += k;
		z->len += k;
		p += k;
		n -= k;
	}
	pthread_mutex_unlock(&z->mu);
	return 0;
}

/* The last block ends the stream; an empty stream is one empty block. */
static void
stream_end(struct zpack *z)
{
	pthread_mutex_lock(&z->mu);
	if (z->filling == NULL)
		z->filling = stream_slot(z, z->len / ZPACK_STEP);
	z->npieces = z->filling->index / ZPACK_STEPS + 1;
	stream_publish(z, Z_FINISH);
	z->ended = 1;
	pthread_mutex_unlock(&z->mu);
	if (!z->threaded)
		stream_run(&z->workers[0], 1);
}

/* --- Finishing and reading --------------------------------------------------- */

/*
 * Every piece deflated (else -1: one was cut short, or -2: zlib failed),
 * and the Adler-32 of the whole, combined from theirs.
 */
static int
zpack_check(struct zpack *z)
{
	unsigned long adler = 1;
	size_t i;

	for (i = 0; i < z->npieces; i++) {
		if (z->pieces[i].out == NULL)
			return -1;
		if (!z->pieces[i].ok)
			return ZPACK_ZLIB_FAILED;
		adler = i == 0 ? z->pieces[i].adler : adler32_combine(adler,
		    z->pieces[i].adler, (z_off_t)z->pieces[i].in_len);
	}
	for (i = 0; i < 4; i++)
		z->trailer[i] = (unsigned char)(adler >> (24 - 8 * i));
	return 0;
}

int
zpack_file_moved(const struct zpack *z)
{
	const struct stat *a = &z->before;
	struct stat b;

	if (z->fd < 0 || z->open_err != 0)
		return 0; /* closed, or never looked at: zpack_finish says why */
	return fstat(z->fd, &b) != 0 || a->st_size != b.st_size ||
	    a->st_mtim.tv_sec != b.st_mtim.tv_sec ||
	    a->st_mtim.tv_nsec != b.st_mtim.tv_nsec ||
	    a->st_ctim.tv_sec != b.st_ctim.tv_sec ||
	    a->st_ctim.tv_nsec != b.st_ctim.tv_nsec;
}

/* The file is no longer read: our duplicate closed, the caller's let be. */
static void
zpack_close_fd(struct zpack *z)
{
	if (z->fd >= 0 && !z->borrowed)
		close(z->fd);
	z->fd = -1;
}

int
zpack_borrows_fd(const struct zpack *z)
{
	return z->borrowed;
}

/* Ends the input, waits for the threads and frees what only they used. */
static int
zpack_end(struct zpack *z)
{
	int rc = 0;
	size_t i;

	if (zpack_end_input(z) < 0)
		rc = -1;
	for (i = 0; i < ZPACK_THREADS; i++)
		task_wait(&z->workers[i].task);
	for (i = 0; i < ZPACK_THREADS; i++) {
		if (z->workers[i].err != 0 && rc == 0)
			rc = -1;
		if (z->workers[i].err > 0)
			z->err = z->workers[i].err;
		worker_free(&z->workers[i]);
	}
	for (i = 0; i < ZPACK_SLOTS + 1; i++) {
		free(z->slots[i].data);
		z->slots[i].data = NULL;
	}
	if (z->open_err != 0) {
		z->err = z->open_err;
		zpack_close_fd(z);
		return -1;
	}
	if (rc == 0 && z->file && zpack_file_moved(z))
		rc = -1;
	zpack_close_fd(z);
	return rc == 0 ? zpack_check(z) : rc;
}

int
zpack_end_input(struct zpack *z)
{
	if (!z->file && !z->over && !z->ended)
		stream_end(z);
	return z->over ? -1 : 0;
}

int
zpack_finish(struct zpack *z, int *err, int *first)
{
	int rc;

	pthread_mutex_lock(&z->fin_mu);
	*first = !z->finished;
	if (!z->finished) {
		z->finished = 1;
		z->result = zpack_end(z);
	}
	*err = z->err;
	rc = z->result;
	pthread_mutex_unlock(&z->fin_mu);
	return rc;
}

size_t
zpack_size(const struct zpack *z)
{
	size_t i, n = 2 + 4;

	for (i = 0; i < z->npieces; i++)
		n += z->pieces[i].out_len;
	return n;
}

size_t
zpack_len(const struct zpack *z)
{
	return z->len;
}

void
zpack_cursor_init(struct zpack_cursor *c, const struct zpack *z)
{
	c->z = z;
	c->part = 0;
	c->off = 0;
}

/* The bytes of a part of the stream; 0 past its end. */
static size_t
zpack_part(const struct zpack_cursor *c, const unsigned char **p)
{
	/* deflate, 32 KiB window; the default level, with its header check bits */
	static const unsigned char header[2] = { 0x78, 0x9c };
	const struct zpack *z = c->z;

	if (c->part == 0) {
		*p = header;
		return sizeof(header);
	}
	if (c->part <= z->npieces) {
		*p = z->pieces[c->part - 1].out;
		return z->pieces[c->part - 1].out_len;
	}
	*p = z->trailer;
	return c->part == z->npieces + 1 ? sizeof(z->trailer) : 0;
}

size_t
zpack_read(struct zpack_cursor *c, void *buf, size_t n)
{
	unsigned char *o = buf;
	const unsigned char *p;
	size_t done = 0, len, k;

	while (done < n && c->part <= c->z->npieces + 1) {
		len = zpack_part(c, &p);
		k = len - c->off < n - done ? len - c->off : n - done;
		memcpy(o + done, p + c->off, k);
		done += k;
		c->off += k;
		if (c->off == len) {
			c->part++;
			c->off = 0;
		}
	}
	return done;
}

struct zpack_unpack {
	struct zpack_cursor c;
	z_stream s;
	unsigned char in[16384];
	int end;
};

struct zpack_unpack *
zpack_unpack_new(const struct zpack *z)
{
	struct zpack_unpack *u = xcalloc(1, sizeof(*u));

	zpack_cursor_init(&u->c, z);
	u->s.zalloc = zpack_zalloc;
	u->s.zfree = zpack_zfree;
	if (inflateInit(&u->s) != Z_OK)
		xalloc_die(); /* its one failure with our allocator left: no memory */
	return u;
}

long
zpack_unpack_read(struct zpack_unpack *u, void *buf, size_t n)
{
	int rc;

	u->s.next_out = buf;
	u->s.avail_out = n < (1u << 30) ? (uInt)n : 1u << 30;
	while (!u->end && u->s.avail_out > 0) {
		if (u->s.avail_in == 0) {
			u->s.next_in = u->in;
			u->s.avail_in = (uInt)zpack_read(&u->c, u->in,
			    sizeof(u->in));
		}
		rc = inflate(&u->s, Z_NO_FLUSH);
		if (rc == Z_STREAM_END)
			u->end = 1;
		else if (rc != Z_OK)
			return -1; /* corrupt, or cut short (Z_BUF_ERROR) */
	}
	return (long)((unsigned char *)u->s.next_out - (unsigned char *)buf);
}

void
zpack_unpack_free(struct zpack_unpack *u)
{
	if (u == NULL)
		return;
	inflateEnd(&u->s);
	free(u);
}

void
zpack_free(struct zpack *z)
{
	size_t i;

	if (z == NULL)
		return;
	zpack_join(z);
	for (i = 0; i < ZPACK_THREADS; i++)
		worker_free(&z->workers[i]);
	for (i = 0; i < z->npieces; i++)
		free(z->pieces[i].out);
	for (i = 0; i < ZPACK_SLOTS + 1; i++)
		free(z->slots[i].data);
	zpack_close_fd(z);
	pthread_mutex_destroy(&z->mu);
	pthread_cond_destroy(&z->cv);
	pthread_mutex_destroy(&z->fin_mu);
	free(z->pieces);
	free(z);
}
