/* SPDX-License-Identifier: Apache-2.0 */
/* Loading result files into a model: opening, optional keeping of the bytes, aggregation. */
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aggregate.h"
#include "results.h"
#include "xalloc.h"
#include "zpack.h"

/* What an opened input is, as far as keeping its bytes goes. */
enum kind {
	KIND_STREAM,  /* not a regular file: its size says nothing */
	KIND_FILE,    /* a regular file small enough to keep */
	KIND_TOO_BIG  /* a regular file over INPUT_ATTACH_MAX */
};

static enum kind
kind_of(FILE *fp)
{
	struct stat st;

	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode))
		return KIND_STREAM;
	return st.st_size > INPUT_ATTACH_MAX ? KIND_TOO_BIG : KIND_FILE;
}

static void
warn_not_attached(const char *shown, struct diags *d)
{
	diags_add(d, D_NOT_ATTACHED, shown, 0, 0, "over %ld MiB",
	    INPUT_ATTACH_MAX / 1024 / 1024);
}

/* Each byte a stream's reader reads goes to the deflating threads on its way. */
static void
pack_tap(void *arg, const char *s, size_t n)
{
	(void)zpack_write(arg, s, n); /* past the limit it drops all: said after */
}

/*
 * A pipe, FIFO or device: read once, its bytes deflated on the way while
 * they fit, so that an endless stream costs no more memory than a big
 * file. The threads finish the last pieces while the report is drawn.
 */
static void
read_stream_kept(struct aggregate *agg, const char *path, const char *shown,
    FILE *fp, struct input_bytes *keep, struct diags *d)
{
	struct zpack *z = zpack_start_stream((size_t)INPUT_ATTACH_MAX);

	/* After an error nothing is written: the stream is not wanted. */
	if (results_read_tapped(agg, path, fp, pack_tap, z, d) < 0) {
		zpack_free(z);
		return;
	}
	if (zpack_end_input(z) < 0) {
		zpack_free(z);
		warn_not_attached(shown, d);
		return;
	}
	keep->packed = z;
	keep->len = zpack_len(z);
	keep->shown = shown;
}

/*
 * A regular file whose size allows it: deflated by other threads reading
 * it themselves while this one parses it (two threads too, see
 * results_read) and the report is drawn, so that none waits and no copy
 * of it is held. The two reads see the same bytes unless the file
 * changed meanwhile, which input_bytes_finish tells.
 */
static void
read_file_kept(struct aggregate *agg, const char *path, const char *shown,
    FILE *fp, struct input_bytes *keep, struct diags *d)
{
	off_t start = ftello(fp), size;
	struct stat st;
	struct zpack *z;

	if (fstat(fileno(fp), &st) != 0 || start < 0) {
		aggregate_add_input(agg, path);
		diags_add(d, D_READ_FAILED, shown, 0, 0, "%s", strerror(errno));
		return;
	}
	size = st.st_size > start ? st.st_size - start : 0;
	z = zpack_start_file(fileno(fp), (unsigned long long)start,
	    (size_t)size);
	if (results_read(agg, path, fp, d) < 0) {
		/* Nothing is written after an error; a change may explain it. */
		if (zpack_file_moved(z))
			diags_add(d, D_INPUT_CHANGED, shown, 0, 0, NULL);
		zpack_free(z);
		return;
	}
	keep->packed = z;
	keep->len = (size_t)size;
	keep->shown = shown;
	/*
	 * One piece is deflated in moments: finished now, it frees its
	 * descriptor, so that many small inputs hold no more of them than
	 * before. Out of descriptors, z reads through fp's, closed next.
	 */
	if ((size <= (off_t)ZPACK_PIECE || zpack_borrows_fd(z)) &&
	    input_bytes_finish(keep, d) < 0)
		input_bytes_free(keep);
}

/* The regular files read so far, to refuse one given twice. */
struct seen {
	struct seen_file {
		int fd;           /* a duplicate, to compare bytes */
		dev_t dev;
		ino_t ino;
		off_t size;
		const char *shown;
	} *v;
	size_t n, cap;
};

/* Non-zero when the files open as a and b hold the same size bytes. */
static int
same_bytes(int a, int b, off_t size)
{
	char x[65536], y[65536];
	off_t at = 0;
	ssize_t n, m;

	while (at < size) {
		n = pread(a, x, sizeof(x), at);
		m = pread(b, y, sizeof(y), at);
		if (n <= 0 || n != m || memcmp(x, y, (size_t)n) != 0)
			return 0;
		at += n;
	}
	return 1;
}

/*
 * Refuses a regular file already read: the same device and inode (a path
 * spelt twice, a hard link, a symbolic link), or the same bytes (a copy).
 * Either would count every row twice. Returns -1 after D_SAME_INPUT.
 */
static int
check_seen(struct seen *s, FILE *fp, const char *shown, struct diags *d)
{
	struct stat st;
	size_t i;
	int fd = fileno(fp);

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	for (i = 0; i < s->n; i++) {
		const struct seen_file *f = &s->v[i];
		int same = f->dev == st.st_dev && f->ino == st.st_ino;

		if (same || (f->size == st.st_size && f->fd >= 0 &&
		    same_bytes(f->fd, fd, st.st_size))) {
			diags_add(d, D_SAME_INPUT, shown, 0, 0, "%s %s", same ?
			    "the same file as" : "the same bytes as", f->shown);
			return -1;
		}
	}
	xgrow((void **)&s->v, &s->cap, s->n + 1, sizeof(*s->v));
	s->v[s->n].fd = dup(fd);
	s->v[s->n].dev = st.st_dev;
	s->v[s->n].ino = st.st_ino;
	s->v[s->n].size = st.st_size;
	s->v[s->n].shown = shown;
	s->n++; /* out of descriptors (fd -1): device and inode still count */
	return 0;
}

static void
seen_free(struct seen *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].fd >= 0)
			close(s->v[i].fd);
	free(s->v);
}

static void
read_one(struct aggregate *agg, const char *path, struct input_bytes *keep,
    struct seen *seen, struct diags *d)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	const char *shown = is_stdin ? "<stdin>" : path;
	enum kind k;

	if (fp == NULL || check_seen(seen, fp, shown, d) < 0) {
		aggregate_add_input(agg, path);
		if (fp == NULL)
			diags_add(d, D_OPEN_FAILED, shown, 0, 0, "%s",
			    strerror(errno));
		else if (!is_stdin)
			fclose(fp);
		return;
	}
	k = kind_of(fp);
	if (keep != NULL && k == KIND_TOO_BIG) {
		warn_not_attached(shown, d);
		keep = NULL;
	}
	if (keep == NULL)
		results_read(agg, path, fp, d);
	else if (k == KIND_STREAM)
		read_stream_kept(agg, path, shown, fp, keep, d);
	else
		read_file_kept(agg, path, shown, fp, keep, d);
	if (!is_stdin)
		fclose(fp);
}

/* Says, as the cover does, that inputs from different machines were merged. */
static void
warn_machines(const struct model *m, struct diags *d)
{
	char *keys = NULL;
	size_t n = model_machine_conflicts(m, &keys);

	if (n > 0)
		diags_add(d, D_INPUT_MACHINES_DIFFER, NULL, 0, 0, "%s %s", keys,
		    n == 1 ? "differs" : "differ");
	free(keys);
}

int
input_bytes_finish(const struct input_bytes *b, struct diags *d)
{
	int err, first, rc = zpack_finish(b->packed, &err, &first);

	if (rc == 0)
		return 0;
	if (!first)
		return -1; /* said by the output that finished it */
	if (rc == ZPACK_ZLIB_FAILED)
		diags_add(d, D_READ_FAILED, b->shown, 0, 0,
		    "zlib could not deflate it");
	else if (err != 0)
		diags_add(d, D_READ_FAILED, b->shown, 0, 0, "%s",
		    strerror(err));
	else
		diags_add(d, D_INPUT_CHANGED, b->shown, 0, 0, NULL);
	return -1;
}

void
input_bytes_free(struct input_bytes *b)
{
	zpack_free(b->packed);
	memset(b, 0, sizeof(*b));
}

struct model *
input_load(const struct input_request *req, struct diags *d)
{
	struct aggregate *agg = aggregate_new(req->level);
	struct seen seen = { 0 };
	struct model *m;
	size_t i;

	aggregate_label(agg, req->label);
	for (i = 0; i < req->npaths && d->errors < DIAGS_MAX; i++)
		read_one(agg, req->paths[i], req->keep ? &req->keep[i] : NULL,
		    &seen, d);
	seen_free(&seen);
	if (diags_failed(d)) {
		aggregate_free(agg);
		return NULL;
	}
	if ((m = aggregate_finish(agg, req->only, req->nonly, d)) != NULL)
		warn_machines(m, d);
	return m;
}

int
input_load_each(const struct input_request *req, struct model **models,
    struct diags *d)
{
	struct seen seen = { 0 };
	struct aggregate *agg;
	size_t i;

	for (i = 0; i < req->npaths; i++)
		models[i] = NULL;
	for (i = 0; i < req->npaths && d->errors < DIAGS_MAX; i++) {
		agg = aggregate_new(req->level);
		read_one(agg, req->paths[i], req->keep ? &req->keep[i] : NULL,
		    &seen, d);
		if (diags_failed(d))
			aggregate_free(agg);
		else
			models[i] = aggregate_finish(agg, NULL, 0, d);
	}
	seen_free(&seen);
	if (!diags_failed(d) && i == req->npaths)
		return 0;
	for (i = 0; i < req->npaths; i++) {
		model_free(models[i]);
		models[i] = NULL;
	}
	return -1;
}
