/* SPDX-License-Identifier: Apache-2.0 */
/* Reading and writing an output directory's manifest, and removing the files a new run no longer writes. */
#include "manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

unsigned long long
manifest_hash_add(unsigned long long h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

static int
manifest_hash_fd(int fd, long long *size, unsigned long long *hash)
{
	unsigned char buf[65536];
	unsigned long long h = MANIFEST_HASH_START;
	long long total = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		h = manifest_hash_add(h, buf, (size_t)n);
		total += (long long)n;
	}
	*size = total;
	*hash = h;
	return 0;
}

int
manifest_hash_file(const char *path, long long *size,
    unsigned long long *hash)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
	int rc = -1;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		rc = manifest_hash_fd(fd, size, hash);
	close(fd);
	return rc;
}

void
manifest_add(struct manifest *m, const char *name, long long size,
    unsigned long long hash)
{
	xgrow((void **)&m->v, &m->cap, m->n + 1, sizeof(*m->v));
	m->v[m->n].name = xstrdup(name);
	m->v[m->n].size = size;
	m->v[m->n++].hash = hash;
}

int
manifest_write(const struct manifest *m, FILE *out)
{
	size_t i;

	fputs("# igreport manifest 1: SIZE HASH NAME of each file the last "
	    "run wrote here\n", out);
	for (i = 0; i < m->n; i++)
		fprintf(out, "%lld %016llx %s\n", m->v[i].size, m->v[i].hash,
		    m->v[i].name);
	return ferror(out) ? -1 : 0;
}

static int
manifest_plain_name(const char *name)
{
	return *name != '\0' && *name != '.' && strchr(name, '/') == NULL;
}

/* One "SIZE HASH NAME" line (newline removed) into m; anything else is skipped. */
static void
manifest_parse_line(char *line, struct manifest *m)
{
	unsigned long long hash;
	long long size;
	char *end, *name;

	if (*line < '0' || *line > '9')
		return;
	errno = 0;
	size = strtoll(line, &end, 10);
	if (errno != 0 || *end != ' ' || strspn(end + 1,
	    "0123456789abcdef") != 16 || end[17] != ' ')
		return;
	hash = strtoull(end + 1, &name, 16);
	if (errno != 0 || name != end + 17 || !manifest_plain_name(name + 1))
		return;
	manifest_add(m, name + 1, size, hash);
}

void
manifest_read(const char *dir, struct manifest *m)
{
	char *path = xasprintf("%s/%s", dir, MANIFEST_NAME);
	char line[4096];
	struct stat st;
	FILE *f = NULL;
	size_t len;

	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
		f = fopen(path, "r");
	free(path);
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		len = strlen(line);
		if (len == 0 || line[len - 1] != '\n')
			break; /* a line too long for any name igreport writes */
		line[len - 1] = '\0';
		manifest_parse_line(line, m);
	}
	fclose(f);
}

static int
manifest_lists(const struct manifest *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].name, name) == 0)
			return 1;
	return 0;
}

size_t
manifest_remove_stale(const char *dir, const struct manifest *old,
    const struct manifest *now)
{
	unsigned long long hash;
	long long size;
	size_t i, n = 0;
	char *path;

	for (i = 0; i < old->n; i++) {
		const struct manifest_entry *e = &old->v[i];

		if (manifest_lists(now, e->name))
			continue;
		path = xasprintf("%s/%s", dir, e->name);
		if (manifest_hash_file(path, &size, &hash) == 0 &&
		    size == e->size && hash == e->hash && unlink(path) == 0)
			n++;
		free(path);
	}
	return n;
}

void
manifest_free(struct manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->v[i].name);
	free(m->v);
	memset(m, 0, sizeof(*m));
}
