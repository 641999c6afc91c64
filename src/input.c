/* Loading result files into a model: opening, optional keeping of the bytes, aggregation. */
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "aggregate.h"
#include "results.h"
#include "xalloc.h"
#include "zpack.h"

/* Reads all of fp, a NUL after it for the reader; returns -1 on a read error. */
static int
slurp(FILE *fp, struct input_bytes *b)
{
	size_t cap = 65536, n;

	b->data = xmalloc(cap);
	b->len = 0;
	while ((n = fread(b->data + b->len, 1, cap - b->len, fp)) > 0) {
		b->len += n;
		if (b->len == cap)
			b->data = xrealloc(b->data, cap *= 2);
	}
	b->data[b->len] = '\0'; /* b->len < cap: a full buffer has just grown */
	return ferror(fp) ? -1 : 0;
}

static int
too_big_to_keep(FILE *fp)
{
	struct stat st;

	return fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > INPUT_ATTACH_MAX;
}

static void
read_one(struct aggregate *agg, const char *path, struct input_bytes *keep,
    struct diags *d)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	const char *shown = is_stdin ? "<stdin>" : path;

	if (fp == NULL) {
		aggregate_add_input(agg, path);
		diags_add(d, D_OPEN_FAILED, shown, 0, 0, "%s", strerror(errno));
		return;
	}
	if (keep != NULL && too_big_to_keep(fp)) {
		diags_add(d, D_NOT_ATTACHED, shown, 0, 0, "over %ld MiB",
		    INPUT_ATTACH_MAX / 1024 / 1024);
		keep = NULL;
	}
	if (keep == NULL) {
		results_read(agg, path, fp, d);
	} else if (slurp(fp, keep) < 0) {
		aggregate_add_input(agg, path);
		diags_add(d, D_READ_FAILED, shown, 0, 0, "%s", strerror(errno));
	} else {
		keep->packed = zpack_start(keep->data, keep->len);
		/* The model is read from the very bytes attached. */
		results_read_bytes(agg, path, keep->data, keep->len, d);
	}
	if (!is_stdin)
		fclose(fp);
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
	size_t i;

	for (i = 0; i < req->npaths && d->errors < DIAGS_MAX; i++)
		read_one(agg, req->paths[i], req->keep ? &req->keep[i] : NULL, d);
	if (diags_failed(d)) {
		aggregate_free(agg);
		return NULL;
	}
	return aggregate_finish(agg, req->only, req->nonly, d);
}
