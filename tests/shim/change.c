/* SPDX-License-Identifier: Apache-2.0 */
/*
 * An LD_PRELOAD shim for e2e cases: a file that changes while igreport
 * reads it, as when another program writes to it. The first pread(2) of
 * the file $CHANGE_FILE first changes it as $CHANGE_HOW says: "append"
 * adds a row, "truncate" cuts it to half its size, "touch" writes its
 * first byte again (the same bytes, a new modification time); or, for
 * "eio", that read and every later one of it fails with EIO.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t pread(int fd, void *buf, size_t len, off_t off);

/* Whether fd is the file $CHANGE_FILE. */
static int
change_is_target(int fd)
{
	const char *file = getenv("CHANGE_FILE");
	struct stat a, b;

	return file != NULL && stat(file, &a) == 0 && fstat(fd, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static void
change_file(int fd, const char *how)
{
	static const char row[] = "trace_exec,ig,9,256,1.00,1400.00,0.25,98.00,0\n";
	struct stat st;
	char c;
	int w;

	if (strcmp(how, "truncate") == 0 && fstat(fd, &st) == 0) {
		if (truncate(getenv("CHANGE_FILE"), st.st_size / 2) != 0)
			abort();
	} else if (strcmp(how, "append") == 0 || strcmp(how, "touch") == 0) {
		if ((w = open(getenv("CHANGE_FILE"), O_WRONLY)) < 0)
			abort();
		/* A new time for the same bytes: past the clock's last tick. */
		usleep(20000);
		if (how[0] == 'a' ? lseek(w, 0, SEEK_END) < 0 ||
		    write(w, row, sizeof(row) - 1) != (ssize_t)sizeof(row) - 1 :
		    pread(fd, &c, 1, 0) != 1 || pwrite(w, &c, 1, 0) != 1)
			abort();
		close(w);
	}
}

ssize_t
pread(int fd, void *buf, size_t len, off_t off)
{
	static int changed;
	ssize_t (*next)(int, void *, size_t, off_t);
	void *p = dlsym(RTLD_NEXT, "pread");
	const char *how = getenv("CHANGE_HOW");

	if (p == NULL)
		abort();
	memcpy(&next, &p, sizeof next);
	if (how != NULL && change_is_target(fd)) {
		if (strcmp(how, "eio") == 0) {
			errno = EIO;
			return -1;
		}
		if (!changed++)
			change_file(fd, how);
	}
	return next(fd, buf, len, off);
}
