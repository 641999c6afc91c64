/* SPDX-License-Identifier: Apache-2.0 */
/* Atomic output files: a checked temporary file beside the target, then renamed. */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "cleanup.h"
#include "manifest.h"
#include "outfile.h"
#include "xalloc.h"

struct outfile {
	char *path;
	char *tmp;       /* NULL: no temporary file (the target held the bytes) */
	char *bytes;     /* without a temporary file: the content, for a late change */
	FILE *f;
	int closed;
	int err;         /* outfile_seal's failure (an errno), said by outfile_close */
	int sealed;
	long long size;  /* sealed: the content's */
	unsigned long long hash;
	int existed;     /* path was a regular file when opened */
	int hashed;      /* size and hash known when opened (outfile_open_bytes) */
	int same;        /* sealed: path holds these bytes and may stay (kept) */
	struct stat kept; /* path's status when found the same */
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

/* What a file that is not a regular one is, for the message. */
static const char *
outfile_kind(mode_t mode)
{
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISDIR(mode))
		return "a directory";
	return "a special file";
}

/*
 * A link is replaced only when it names a file of its own directory
 * (no '/' in it): /dev/stdout -> /proc/self/fd/1, or any link to
 * elsewhere, is refused rather than silently replaced.
 */
static int
outfile_link_inside(const char *path)
{
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof(buf));

	return n > 0 && (size_t)n < sizeof(buf) &&
	    memchr(buf, '/', (size_t)n) == NULL;
}

/* A link at path: 0 when it may be replaced, else -1 with a diagnostic. */
static int
outfile_check_link(const char *path, const struct stat *target, int found,
    struct diags *d)
{
	if (!outfile_link_inside(path)) {
		diags_add(d, D_OUTPUT_LINK, path, 0, 0, NULL);
		return -1;
	}
	if (found && !S_ISREG(target->st_mode)) {
		diags_add(d, D_OUTPUT_NOT_FILE, path, 0, 0, "a link to %s",
		    outfile_kind(target->st_mode));
		return -1;
	}
	return 0;
}

/*
 * Whether path may be written: a new name, a regular file, or a link
 * within its directory to one; never an input. 0, or -1 with a diagnostic.
 */
static int
outfile_check(const char *path, const char *const *inputs, size_t ninputs,
    int *regular, struct diags *d)
{
	struct stat lst, st;
	int found;

	*regular = 0;
	if (lstat(path, &lst) != 0) {
		if (errno == ENOENT)
			return 0; /* a new name: mkstemp tells about the directory */
		diags_add(d, D_OPEN_FAILED, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	/* Only a link needs its target's status apart. */
	st = lst;
	found = S_ISLNK(lst.st_mode) ? stat(path, &st) == 0 : 1;
	if (found && outfile_is_input(&st, inputs, ninputs)) {
		diags_add(d, D_OUTPUT_IS_INPUT, path, 0, 0, NULL);
		return -1;
	}
	if (S_ISLNK(lst.st_mode))
		return outfile_check_link(path, &st, found, d);
	if (S_ISDIR(lst.st_mode)) {
		diags_add(d, D_OPEN_FAILED, path, 0, 0, "%s", strerror(EISDIR));
		return -1;
	}
	/* Renaming over a device or a FIFO would replace it. */
	if (!S_ISREG(lst.st_mode)) {
		diags_add(d, D_OUTPUT_NOT_FILE, path, 0, 0, "%s (-o - writes "
		    "to standard output)", outfile_kind(lst.st_mode));
		return -1;
	}
	*regular = 1;
	return 0;
}

/* ".BASE.igreport-XXXXXX" in the directory of path; NULL if path names no file. */
static char *
outfile_tmp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t len = strlen(base);

	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		return NULL;
	if (len > OUTFILE_TMP_BASE_MAX)
		len = OUTFILE_TMP_BASE_MAX; /* the name must stay under NAME_MAX */
	return xasprintf("%.*s.%.*s%sXXXXXX", (int)(base - path), path,
	    (int)len, base, OUTFILE_TMP_TAG);
}

/* The umask can only be read by setting it: restore it at once. */
static mode_t
outfile_umask(void)
{
	mode_t mask = umask(022);

	umask(mask);
	return mask;
}

/* mkstemp, with the name listed for removal on a signal before any signal can see the file. */
static int
outfile_mkstemp(char *tmp)
{
	int fd;

	cleanup_lock();
	fd = mkstemp(tmp);
	if (fd >= 0)
		cleanup_add_file(tmp);
	cleanup_unlock();
	return fd;
}

static void
outfile_unlink_tmp(const char *tmp)
{
	if (tmp == NULL)
		return;
	cleanup_lock();
	unlink(tmp);
	cleanup_drop(tmp);
	cleanup_unlock();
}

/* The temporary file for path (checked): 0600 from mkstemp, made 0666 & ~umask. */
static struct outfile *
outfile_create(const char *path, int regular, struct diags *d)
{
	struct outfile *o;
	char *tmp;
	int fd;

	if ((tmp = outfile_tmp_name(path)) == NULL) {
		diags_add(d, D_OPEN_FAILED, path, 0, 0, "%s", strerror(EISDIR));
		return NULL;
	}
	if ((fd = outfile_mkstemp(tmp)) < 0) {
		diags_add(d, D_OPEN_FAILED, path, 0, 0, "%s", strerror(errno));
		free(tmp);
		return NULL;
	}
	o = xcalloc(1, sizeof *o);
	o->path = xstrdup(path);
	o->tmp = tmp;
	o->existed = regular;
	if (fchmod(fd, 0666 & ~outfile_umask()) != 0 ||
	    (o->f = fdopen(fd, "wb")) == NULL) {
		diags_add(d, D_OPEN_FAILED, path, 0, 0, "%s", strerror(errno));
		close(fd);
		outfile_abort(o);
		return NULL;
	}
	return o;
}

struct outfile *
outfile_open(const char *path, const char *const *inputs, size_t ninputs,
    struct diags *d)
{
	int regular;

	if (outfile_check(path, inputs, ninputs, &regular, d) < 0)
		return NULL;
	return outfile_create(path, regular, d);
}

/*
 * Whether t, the status of the target, is what renaming tmp (the
 * temporary file's) onto it would leave, bytes apart: a regular file of
 * one link with the same size, owner, group and mode.
 */
static int
outfile_could_keep(const struct stat *t, const struct stat *tmp)
{
	return S_ISREG(t->st_mode) && t->st_nlink == 1 &&
	    t->st_size == tmp->st_size && t->st_uid == tmp->st_uid &&
	    t->st_gid == tmp->st_gid &&
	    (t->st_mode & 07777) == (tmp->st_mode & 07777);
}

/* Reads up to n bytes of fd into buf, as many as there are; -1 on an error. */
static ssize_t
outfile_read_full(int fd, unsigned char *buf, size_t n)
{
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		if ((r = read(fd, buf + got, n - got)) < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? -1 : (ssize_t)got;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* The path, opened to be compared when it could stay; -1 when it cannot. */
static int
outfile_open_target(struct outfile *o, const struct stat *tmp, struct stat *t)
{
	int fd;

	if (!o->existed ||
	    (fd = open(o->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)) < 0)
		return -1;
	if (fstat(fd, t) == 0 && outfile_could_keep(t, tmp))
		return fd;
	close(fd);
	return -1;
}

/*
 * The group a new file of path's directory gets, when certain: the
 * directory's if it is set-group-ID, else ours; -1 when it is not ours
 * and the file system might give it anyway (BSD group semantics).
 */
static long
outfile_new_gid(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	struct stat st;
	long gid = -1;

	if (stat(dir, &st) == 0) {
		if (st.st_mode & S_ISGID)
			gid = (long)st.st_gid;
		else if (st.st_gid == getegid())
			gid = (long)getegid();
	}
	free(dir);
	return gid;
}

/* Whether path holds the len bytes at bytes as the file a rename would leave, bytes apart. */
static int
outfile_holds(struct outfile *o, const char *bytes, size_t len)
{
	unsigned char *buf;
	struct stat want, t;
	long gid;
	int fd, same;

	if (!o->existed || (gid = outfile_new_gid(o->path)) < 0)
		return 0;
	want.st_mode = S_IFREG | (0666 & ~outfile_umask());
	want.st_uid = geteuid();
	want.st_gid = (gid_t)gid;
	want.st_size = (off_t)len;
	if ((fd = outfile_open_target(o, &want, &t)) < 0)
		return 0;
	buf = xmalloc(len + 1);
	same = outfile_read_full(fd, buf, len + 1) == (ssize_t)len &&
	    memcmp(buf, bytes, len) == 0;
	free(buf);
	close(fd);
	if (same)
		o->kept = t;
	return same;
}

/* bytes written whole to the temporary file's stream, and flushed: 0 or an errno. */
static int
outfile_write_all(struct outfile *o, const char *bytes, size_t len)
{
	errno = 0;
	if (fwrite(bytes, 1, len, o->f) != len || fflush(o->f) != 0 ||
	    ferror(o->f))
		return errno != 0 ? errno : EIO;
	return 0;
}

struct outfile *
outfile_open_bytes(const char *path, const char *const *inputs,
    size_t ninputs, const char *bytes, size_t len, struct diags *d)
{
	struct outfile probe = { 0 }, *o;
	int err, regular;

	if (outfile_check(path, inputs, ninputs, &regular, d) < 0)
		return NULL;
	probe.path = (char *)path;
	probe.existed = regular;
	if (outfile_holds(&probe, bytes, len)) {
		/* Nothing to write; the bytes are kept should the target change meanwhile. */
		o = xcalloc(1, sizeof *o);
		o->path = xstrdup(path);
		o->bytes = xmalloc(len + 1);
		memcpy(o->bytes, bytes, len);
		o->closed = o->same = 1;
		o->kept = probe.kept;
	} else if ((o = outfile_create(path, regular, d)) == NULL) {
		return NULL;
	} else if ((err = outfile_write_all(o, bytes, len)) != 0) {
		diags_add(d, D_WRITE_FAILED, path, 0, 0, "%s", strerror(err));
		outfile_abort(o);
		return NULL;
	}
	o->hashed = o->sealed = 1;
	o->size = (long long)len;
	o->hash = manifest_hash_add(MANIFEST_HASH_START, bytes, len);
	return o;
}

FILE *
outfile_stream(struct outfile *o)
{
	return o->f;
}

const char *
outfile_path(const struct outfile *o)
{
	return o->path;
}

static void
outfile_free(struct outfile *o)
{
	free(o->path);
	free(o->tmp);
	free(o->bytes);
	free(o);
}

/* What outfile_seal reads at a time. */
#define OUTFILE_CHUNK 65536

/*
 * The content read back through fd, from the start: its size and hash,
 * and whether the target holds the same bytes. 0, or an errno.
 */
static int
outfile_read_back(struct outfile *o, int fd)
{
	unsigned char *a = xmalloc(2 * OUTFILE_CHUNK), *b = a + OUTFILE_CHUNK;
	unsigned long long h = MANIFEST_HASH_START;
	struct stat st, t;
	int target, err = 0;
	off_t off = 0;
	ssize_t n;

	if (fstat(fd, &st) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
		free(a);
		return errno;
	}
	target = outfile_open_target(o, &st, &t);
	o->same = target >= 0;
	while (off < st.st_size && err == 0) {
		if ((n = outfile_read_full(fd, a, OUTFILE_CHUNK)) <= 0) {
			err = n < 0 ? errno : EIO;
			break;
		}
		h = manifest_hash_add(h, a, (size_t)n);
		if (o->same && (outfile_read_full(target, b, (size_t)n) != n ||
		    memcmp(a, b, (size_t)n) != 0))
			o->same = 0;
		off += n;
	}
	if (target >= 0)
		close(target);
	free(a);
	o->size = (long long)st.st_size;
	o->hash = h;
	o->same = o->same && err == 0;
	if (o->same)
		o->kept = t;
	return err;
}

/*
 * Each step is checked: a full disk shows up in the flush, a network file
 * system's deferred write error in the close. No fsync: the rename is what
 * keeps readers from a partial file, and syncing each of a report's twenty
 * files cost 20 to 200 ms, more than drawing them (see BENCHMARKS.md).
 * The content is read back from the page cache on the way, for its hash
 * and for the target's bytes.
 */
void
outfile_seal(struct outfile *o)
{
	FILE *f = o->f;
	int err = 0;

	if (o->closed)
		return;
	o->f = NULL;
	o->closed = 1;
	errno = 0;
	if (fflush(f) != 0 || ferror(f))
		err = errno != 0 ? errno : EIO;
	if (err == 0 && !o->hashed)
		err = outfile_read_back(o, fileno(f));
	if (fclose(f) != 0 && err == 0)
		err = errno;
	o->err = err;
	o->sealed = err == 0;
}

int
outfile_close(struct outfile *o, struct diags *d)
{
	outfile_seal(o);
	if (o->err != 0) {
		diags_add(d, D_WRITE_FAILED, o->path, 0, 0, "%s",
		    strerror(o->err));
		o->err = 0;
		return -1;
	}
	return 0;
}

long long
outfile_size(const struct outfile *o)
{
	assert(o->sealed);
	return o->size;
}

unsigned long long
outfile_hash(const struct outfile *o)
{
	assert(o->sealed);
	return o->hash;
}

/* The rename, with the name dropped from the signal list in the same step. */
static int
outfile_rename(struct outfile *o)
{
	int err = 0;

	cleanup_lock();
	if (rename(o->tmp, o->path) != 0)
		err = errno;
	else
		cleanup_drop(o->tmp);
	cleanup_unlock();
	return err;
}

/* Whether path is still the very file found to hold the same bytes. */
static int
outfile_unchanged(const struct outfile *o)
{
	struct stat st;
	const struct stat *k = &o->kept;

	return lstat(o->path, &st) == 0 && st.st_dev == k->st_dev &&
	    st.st_ino == k->st_ino && st.st_size == k->st_size &&
	    st.st_mode == k->st_mode && st.st_nlink == 1 &&
	    st.st_uid == k->st_uid && st.st_gid == k->st_gid &&
	    st.st_mtim.tv_sec == k->st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == k->st_mtim.tv_nsec &&
	    st.st_ctim.tv_sec == k->st_ctim.tv_sec &&
	    st.st_ctim.tv_nsec == k->st_ctim.tv_nsec;
}

/*
 * A target that already holds these bytes stays, stamped as written now:
 * replacing it would free its blocks and queue the new ones to disk for
 * nothing (most of a report's files, run again on the same data).
 */
static int
outfile_keep(struct outfile *o)
{
	if (!o->same || !outfile_unchanged(o) ||
	    utimensat(AT_FDCWD, o->path, NULL, AT_SYMLINK_NOFOLLOW) != 0)
		return 0;
	outfile_unlink_tmp(o->tmp);
	return 1;
}

/*
 * The temporary file after all, for a target that changed since it was
 * found to hold the bytes: written now, then renamed as any other.
 */
static int
outfile_place(struct outfile *o, int regular, struct diags *d)
{
	struct outfile *late;
	int err;

	if (o->tmp != NULL)
		return outfile_rename(o);
	if ((late = outfile_create(o->path, regular, d)) == NULL)
		return -1;
	err = outfile_write_all(late, o->bytes, (size_t)o->size);
	if (err == 0 && fclose(late->f) != 0)
		err = errno;
	else if (err != 0)
		fclose(late->f);
	late->f = NULL;
	late->closed = 1;
	o->tmp = late->tmp;
	late->tmp = NULL;
	outfile_free(late);
	return err != 0 ? err : outfile_rename(o);
}

int
outfile_commit(struct outfile *o, struct diags *d)
{
	int regular;

	/* Checked again: the path may have changed while the file was written. */
	if (outfile_close(o, d) == 0 &&
	    outfile_check(o->path, NULL, 0, &regular, d) == 0) {
		int err = outfile_keep(o) ? 0 : outfile_place(o, regular, d);

		if (err == 0) {
			outfile_free(o);
			return 0;
		}
		if (err > 0)
			diags_add(d, D_WRITE_FAILED, o->path, 0, 0, "%s",
			    strerror(err));
	}
	outfile_unlink_tmp(o->tmp);
	outfile_free(o);
	return -1;
}

void
outfile_abort(struct outfile *o)
{
	if (o == NULL)
		return;
	if (o->f != NULL)
		fclose(o->f);
	outfile_unlink_tmp(o->tmp);
	outfile_free(o);
}

/* mkdir, with the new directory listed for removal on a signal. */
static int
outfile_mkdir(const char *dir)
{
	int rc;

	cleanup_lock();
	if ((rc = mkdir(dir, 0777)) == 0)
		cleanup_add_dir(dir);
	cleanup_unlock();
	return rc;
}

int
outfile_prepare_dir(const char *dir, struct diags *d)
{
	struct stat st;

	if (outfile_mkdir(dir) == 0)
		return 1;
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

void
outfile_forget_dir(const char *dir, int remove)
{
	cleanup_lock();
	if (remove)
		rmdir(dir);
	cleanup_drop(dir);
	cleanup_unlock();
}

/* ".NAME.igreport-XXXXXX" with six letters or digits: only outfile_open makes such names. */
static int
outfile_is_tmp_name(const char *name)
{
	size_t len = strlen(name), tag = strlen(OUTFILE_TMP_TAG), i;

	if (name[0] != '.' || len < 2 + tag + 6)
		return 0;
	if (strncmp(name + len - 6 - tag, OUTFILE_TMP_TAG, tag) != 0)
		return 0;
	for (i = len - 6; i < len; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9')))
			return 0;
	return 1;
}

/* Ours, by name, owner and kind, and old enough that no running igreport still writes it. */
static int
outfile_is_leftover(const char *dir, const char *name, time_t now)
{
	char *path;
	struct stat st;
	int old;

	if (!outfile_is_tmp_name(name))
		return 0;
	path = xasprintf("%s/%s", dir, name);
	old = lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_uid == geteuid() && now - st.st_mtime >= OUTFILE_STALE_SECONDS &&
	    unlink(path) == 0;
	free(path);
	return old;
}

void
outfile_sweep(const char *dir, struct diags *d)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	time_t now = time(NULL);
	size_t n = 0;

	if (dh == NULL)
		return; /* opening the outputs says what is wrong */
	while ((e = readdir(dh)) != NULL)
		n += (size_t)outfile_is_leftover(dir, e->d_name, now);
	closedir(dh);
	if (n > 0)
		diags_add(d, D_LEFTOVERS_REMOVED, dir, 0, 0, "%zu", n);
}
