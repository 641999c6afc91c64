/* Atomic output files: a checked temporary file beside the target, then renamed. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "outfile.h"
#include "xalloc.h"

struct outfile {
	char *path;
	char *tmp;
	FILE *f;
};

/* Whether path exists and is the same file as one of the inputs. */
static int
outfile_is_input(const struct stat *out, const char *const *inputs,
    size_t ninputs)
{
	struct stat st;
	size_t i;

	for (i = 0; i < ninputs; i++)
		if (stat(inputs[i], &st) == 0 && st.st_dev == out->st_dev &&
		    st.st_ino == out->st_ino)
			return 1;
	return 0;
}

/* ".BASE.XXXXXX" in the directory of path; NULL if path names no file. */
static char *
outfile_tmp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;

	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		return NULL;
	return xasprintf("%.*s.%s.XXXXXX", (int)(base - path), path, base);
}

/* The umask can only be read by setting it: restore it at once. */
static mode_t
outfile_umask(void)
{
	mode_t mask = umask(022);

	umask(mask);
	return mask;
}

struct outfile *
outfile_open(const char *path, const char *const *inputs, size_t ninputs,
    struct diags *d)
{
	struct outfile *o;
	struct stat st;
	char *tmp;
	int fd;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			diags_add(d, D_OPEN_FAILED, path, 0, 0, "%s",
			    strerror(EISDIR));
			return NULL;
		}
		/* Renaming over a device or a FIFO would replace it. */
		if (!S_ISREG(st.st_mode)) {
			diags_add(d, D_OPEN_FAILED, path, 0, 0,
			    "not a regular file");
			return NULL;
		}
		if (outfile_is_input(&st, inputs, ninputs)) {
			diags_add(d, D_OUTPUT_IS_INPUT, path, 0, 0, NULL);
			return NULL;
		}
	}
	if ((tmp = outfile_tmp_name(path)) == NULL) {
		diags_add(d, D_OPEN_FAILED, path, 0, 0, "%s", strerror(EISDIR));
		return NULL;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		diags_add(d, D_OPEN_FAILED, path, 0, 0, "%s", strerror(errno));
		free(tmp);
		return NULL;
	}
	o = xcalloc(1, sizeof *o);
	o->path = xstrdup(path);
	o->tmp = tmp;
	/* mkstemp creates 0600; an output file gets the usual 0666 & ~umask. */
	if (fchmod(fd, 0666 & ~outfile_umask()) != 0 ||
	    (o->f = fdopen(fd, "wb")) == NULL) {
		diags_add(d, D_OPEN_FAILED, path, 0, 0, "%s", strerror(errno));
		close(fd);
		outfile_abort(o);
		return NULL;
	}
	return o;
}

FILE *
outfile_stream(struct outfile *o)
{
	return o->f;
}

static void
outfile_free(struct outfile *o)
{
	free(o->path);
	free(o->tmp);
	free(o);
}

/*
 * Each step is checked: a full disk shows up in the flush, a network file
 * system's deferred write error in the close. No fsync: the rename is what
 * keeps readers from a partial file, and syncing each of a report's twenty
 * files cost 20 to 200 ms, more than drawing them (see BENCHMARKS.md).
 */
static int
outfile_finish(struct outfile *o)
{
	FILE *f = o->f;
	int err = 0;

	o->f = NULL;
	errno = 0;
	if (fflush(f) != 0 || ferror(f))
		err = errno != 0 ? errno : EIO;
	if (fclose(f) != 0 && err == 0)
		err = errno;
	return err;
}

int
outfile_commit(struct outfile *o, struct diags *d)
{
	int err = outfile_finish(o);

	if (err == 0 && rename(o->tmp, o->path) != 0)
		err = errno;
	if (err != 0) {
		diags_add(d, D_WRITE_FAILED, o->path, 0, 0, "%s", strerror(err));
		unlink(o->tmp);
		outfile_free(o);
		return -1;
	}
	outfile_free(o);
	return 0;
}

void
outfile_abort(struct outfile *o)
{
	if (o == NULL)
		return;
	if (o->f != NULL)
		fclose(o->f);
	unlink(o->tmp);
	outfile_free(o);
}

int
outfile_prepare_dir(const char *dir, struct diags *d)
{
	struct stat st;

	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno != EEXIST) {
		diags_add(d, D_OPEN_FAILED, dir, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (stat(dir, &st) != 0) {
		diags_add(d, D_OPEN_FAILED, dir, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		diags_add(d, D_OPEN_FAILED, dir, 0, 0, "%s",
		    strerror(ENOTDIR));
		return -1;
	}
	return 0;
}
