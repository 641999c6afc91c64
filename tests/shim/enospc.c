/* SPDX-License-Identifier: Apache-2.0 */
/*
 * An LD_PRELOAD shim for e2e cases: a full disk without mounting one. Every
 * file igreport opens for writing under $ENOSPC_DIR is created as usual, but
 * its writes fail with ENOSPC, as on a file system with no free block: a
 * stream from fdopen gets /dev/full under it, and write(2) on such a file
 * fails directly.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

FILE *fdopen(int fd, const char *mode);
ssize_t write(int fd, const void *buf, size_t len);

/* dlsym gives an object pointer; ISO C converts it to a function pointer only through memcpy. */
static void *
enospc_next(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (p == NULL)
		abort();
	return p;
}

/* Whether fd is a file under $ENOSPC_DIR. */
static int
enospc_is_target(int fd)
{
	const char *dir = getenv("ENOSPC_DIR");
	char link[64], path[PATH_MAX], real[PATH_MAX];
	ssize_t n;
	size_t len;

	if (dir == NULL || realpath(dir, real) == NULL)
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	if ((n = readlink(link, path, sizeof path - 1)) < 0)
		return 0;
	path[n] = '\0';
	len = strlen(real);
	return strncmp(path, real, len) == 0 && path[len] == '/';
}

FILE *
fdopen(int fd, const char *mode)
{
	FILE *(*next)(int, const char *);
	void *p = enospc_next("fdopen");
	int full;

	memcpy(&next, &p, sizeof next);
	if (mode[0] != 'r' && enospc_is_target(fd)) {
		if ((full = open("/dev/full", O_WRONLY)) < 0 ||
		    dup2(full, fd) < 0)
			abort();
		close(full);
	}
	return next(fd, mode);
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	ssize_t (*next)(int, const void *, size_t);
	void *p = enospc_next("write");

	memcpy(&next, &p, sizeof next);
	if (len > 0 && enospc_is_target(fd)) {
		errno = ENOSPC;
		return -1;
	}
	return next(fd, buf, len);
}
