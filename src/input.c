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

/*
 * Reads fp to its end, a NUL after it for the reader: returns 0, 1 when
 * it holds more than INPUT_ATTACH_MAX bytes (only that much is read), or
 * -1 on a read error.
 */
static int
slurp(FILE *fp, struct input_bytes *b)
{
	size_t cap = 65536, n, want;

	b->data = xmalloc(cap);
	b->len = 0;
	for (;;) {
		want = cap - b->len;
		if ((n = fread(b->data + b->len, 1, want, fp)) == 0)
			break;
		b->len += n;
		if (b->len > (size_t)INPUT_ATTACH_MAX)
			return 1;
		if (b->len == cap) {
			cap = cap * 2 <= (size_t)INPUT_ATTACH_MAX ? cap * 2 :
			    (size_t)INPUT_ATTACH_MAX + 2;
			b->data = xrealloc(b->data, cap);
		}
	}
	b->data[b->len] = '\0'; /* b->len < cap: a full buffer has just grown */
	return ferror(fp) ? -1 : 0;
}

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

/* Bytes of a stream kept while it is read, up to the attachment limit. */
struct tee {
	char *data;
	size_t len, cap;
	int over; /* the stream went past INPUT_ATTACH_MAX: nothing is kept */
};

static void
tee_tap(void *arg, const char *s, size_t n)
{
	struct tee *t = arg;

	if (t->over)
		return;
	if (n > (size_t)INPUT_ATTACH_MAX - t->len) {
		/* Past the limit the bytes are dropped: memory stays bounded. */
		free(t->data);
		memset(t, 0, sizeof(*t));
		t->over = 1;
		return;
	}
	if (t->len + n + 1 > t->cap)
		xgrow((void **)&t->data, &t->cap, t->len + n + 1, 1);
	memcpy(t->data + t->len, s, n);
	t->len += n;
}

static void
warn_not_attached(const char *shown, struct diags *d)
{
	diags_add(d, D_NOT_ATTACHED, shown, 0, 0, "over %ld MiB",
	    INPUT_ATTACH_MAX / 1024 / 1024);
}

/*
 * A pipe, FIFO or device: read once, its bytes kept on the way while they
 * fit, so that an endless stream costs no more memory than a big file.
 */
static void
read_stream_kept(struct aggregate *agg, const char *path, const char *shown,
    FILE *fp, struct input_bytes *keep, struct diags *d)
{
	struct tee t = { 0 };

	results_read_tapped(agg, path, fp, tee_tap, &t, d);
	if (t.over) {
		warn_not_attached(shown, d);
		return;
	}
	if (t.data == NULL)
		t.data = xmalloc(1);
	t.data[t.len] = '\0';
	keep->data = t.data;
	keep->len = t.len;
	keep->packed = zpack_start(keep->data, keep->len);
}

/*
 * A regular file whose size allows it: its bytes are read first, so that
 * deflating them overlaps parsing. One that grew past the limit meanwhile
 * is read again from where it started, as a file too big to keep.
 */
static void
read_file_kept(struct aggregate *agg, const char *path, const char *shown,
    FILE *fp, struct input_bytes *keep, struct diags *d)
{
	long start = ftell(fp);
	int rc = slurp(fp, keep);

	if (rc > 0 && start >= 0 && fseek(fp, start, SEEK_SET) == 0) {
		input_bytes_free(keep);
		warn_not_attached(shown, d);
		results_read(agg, path, fp, d);
	} else if (rc != 0) {
		input_bytes_free(keep);
		aggregate_add_input(agg, path);
		diags_add(d, D_READ_FAILED, shown, 0, 0, "%s", strerror(errno));
	} else {
		keep->packed = zpack_start(keep->data, keep->len);
		/* The model is read from the very bytes attached. */
		results_read_bytes(agg, path, keep->data, keep->len, d);
	}
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

void
input_bytes_free(struct input_bytes *b)
{
	zpack_free(b->packed); /* first: its threads read data */
	free(b->data);
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
