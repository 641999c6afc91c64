/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of atomic output files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "manifest.h"
#include "outfile.h"
#include "testutil.h"
#include "xalloc.h"

/* A fresh empty directory per test, removed with its files afterwards. */
/* Number of entries in dir besides . and .. */
static int
test_count_entries(const char *dir)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(dh);
	while ((e = readdir(dh)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(dh);
	return n;
}

static void
test_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void
test_commit_creates_file(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/report.pdf", dir), buf[64] = {0};
	struct diags d = {0};
	struct outfile *o;
	struct stat st;
	mode_t mask = umask(022);
	FILE *f;

	o = outfile_open(path, NULL, 0, &d);
	assert_non_null(o);
	fputs("content\n", outfile_stream(o));
	assert_int_equal(test_count_entries(dir), 1); /* only the temporary file */
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(outfile_commit(o, &d), 0);
	umask(mask);
	assert_int_equal(d.n, 0);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "content\n");
	assert_int_equal(test_count_entries(dir), 1);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	free(path);
}

static void
test_commit_replaces_existing_file(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/report.pdf", dir), buf[64] = {0};
	struct diags d = {0};
	struct outfile *o;
	FILE *f;

	test_write_file(path, "old\n");
	o = outfile_open(path, NULL, 0, &d);
	assert_non_null(o);
	fputs("new\n", outfile_stream(o));
	assert_int_equal(outfile_commit(o, &d), 0);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "new\n");
	assert_int_equal(test_count_entries(dir), 1);
	free(path);
}

/* Writes text to path through an outfile and seals it; the outfile is left to commit. */
static struct outfile *
test_sealed(const char *path, const char *text)
{
	struct diags d = {0};
	struct outfile *o = outfile_open(path, NULL, 0, &d);

	assert_non_null(o);
	fputs(text, outfile_stream(o));
	outfile_seal(o);
	assert_int_equal(d.n, 0);
	return o;
}

static void
test_stat(const char *path, struct stat *st)
{
	assert_int_equal(lstat(path, st), 0);
}

/* Dates path's times an hour back, so that a commit that stamps it shows. */
static void
test_age(const char *path)
{
	struct timespec t[2];

	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec -= 3600;
	t[1] = t[0];
	assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

static char *
test_read_all(const char *path)
{
	char buf[256] = {0};
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	assert_true(fread(buf, 1, sizeof(buf) - 1, f) < sizeof(buf) - 1);
	fclose(f);
	return xstrdup(buf);
}

/* The content's size and hash, read back when sealed: as the manifest hashes a file. */
static void
test_seal_gives_size_and_hash(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/a.svg", dir);
	struct outfile *o = test_sealed(path, "some bytes\n");
	struct diags d = {0};
	unsigned long long hash;
	long long size;

	assert_int_equal(outfile_size(o), 11);
	assert_true(outfile_hash(o) ==
	    manifest_hash_add(MANIFEST_HASH_START, "some bytes\n", 11));
	assert_int_equal(outfile_commit(o, &d), 0);
	assert_int_equal(manifest_hash_file(path, &size, &hash), 0);
	assert_int_equal(size, 11);
	assert_true(hash == manifest_hash_add(MANIFEST_HASH_START,
	    "some bytes\n", 11));
	free(path);
}

/* The same bytes, owner and mode already there: the file stays, stamped now. */
static void
test_commit_keeps_file_with_same_bytes(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/a.svg", dir);
	struct diags d = {0};
	struct stat before, after;
	mode_t mask = umask(022);

	assert_int_equal(outfile_commit(test_sealed(path, "same\n"), &d), 0);
	test_age(path);
	test_stat(path, &before);
	assert_int_equal(outfile_commit(test_sealed(path, "same\n"), &d), 0);
	umask(mask);
	test_stat(path, &after);
	assert_int_equal(d.n, 0);
	assert_true(after.st_ino == before.st_ino);
	assert_true(after.st_mtime > before.st_mtime);
	assert_int_equal(test_count_entries(dir), 1); /* no temporary file left */
	free(path);
}

/* Other bytes of the same length, another mode, a second link: replaced, as always. */
static void
test_commit_replaces_file_not_the_same(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/a.svg", dir);
	char *second = xasprintf("%s/b.svg", dir);
	char *got;
	struct diags d = {0};
	struct stat before, after;
	mode_t mask = umask(022);

	test_write_file(path, "abcd\n");
	test_stat(path, &before);
	assert_int_equal(outfile_commit(test_sealed(path, "abce\n"), &d), 0);
	test_stat(path, &after);
	assert_true(after.st_ino != before.st_ino);
	got = test_read_all(path);
	assert_string_equal(got, "abce\n");
	free(got);

	assert_int_equal(chmod(path, 0600), 0);
	test_stat(path, &before);
	assert_int_equal(outfile_commit(test_sealed(path, "abce\n"), &d), 0);
	test_stat(path, &after);
	assert_true(after.st_ino != before.st_ino);
	assert_int_equal(after.st_mode & 0777, 0644);

	assert_int_equal(link(path, second), 0);
	test_stat(path, &before);
	assert_int_equal(outfile_commit(test_sealed(path, "abce\n"), &d), 0);
	test_stat(path, &after);
	assert_true(after.st_ino != before.st_ino);
	assert_int_equal(after.st_nlink, 1);
	umask(mask);
	assert_int_equal(d.n, 0);
	free(path);
	free(second);
}

/* A target changed after it was compared is replaced: never old bytes left under a new run. */
static void
test_commit_replaces_file_changed_since_sealed(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/a.svg", dir), *got;
	struct diags d = {0};
	struct outfile *o;

	test_write_file(path, "same\n");
	o = test_sealed(path, "same\n");
	test_write_file(path, "othr\n");
	test_age(path); /* a change within the clock's tick would not show */
	assert_int_equal(outfile_commit(o, &d), 0);
	got = test_read_all(path);
	assert_string_equal(got, "same\n");
	assert_int_equal(d.n, 0);
	assert_int_equal(test_count_entries(dir), 1);
	free(got);
	free(path);
}

/* Content at hand: a new file, then the same bytes again (no temporary file at all), then others. */
static void
test_open_bytes_writes_only_what_differs(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/a.svg", dir), *got;
	struct diags d = {0};
	struct stat before, after;
	struct outfile *o;
	mode_t mask = umask(022);

	o = outfile_open_bytes(path, NULL, 0, "<svg/>\n", 7, &d);
	assert_non_null(o);
	assert_int_equal(outfile_size(o), 7);
	assert_true(outfile_hash(o) ==
	    manifest_hash_add(MANIFEST_HASH_START, "<svg/>\n", 7));
	assert_int_equal(outfile_commit(o, &d), 0);
	test_age(path);
	test_stat(path, &before);
	o = outfile_open_bytes(path, NULL, 0, "<svg/>\n", 7, &d);
	assert_non_null(o);
	assert_int_equal(test_count_entries(dir), 1); /* nothing written */
	assert_int_equal(outfile_close(o, &d), 0);
	assert_int_equal(outfile_commit(o, &d), 0);
	test_stat(path, &after);
	assert_true(after.st_ino == before.st_ino);
	assert_true(after.st_mtime > before.st_mtime);
	o = outfile_open_bytes(path, NULL, 0, "<svg></svg>\n", 12, &d);
	assert_non_null(o);
	assert_int_equal(test_count_entries(dir), 2); /* its temporary file */
	assert_int_equal(outfile_commit(o, &d), 0);
	umask(mask);
	got = test_read_all(path);
	assert_string_equal(got, "<svg></svg>\n");
	assert_int_equal(d.n, 0);
	free(got);
	free(path);
}

/* The target changed after it was found to hold the bytes: they are written at the commit. */
static void
test_open_bytes_target_changed_before_commit(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/a.svg", dir), *got;
	struct diags d = {0};
	struct outfile *o;

	test_write_file(path, "same\n");
	o = outfile_open_bytes(path, NULL, 0, "same\n", 5, &d);
	assert_non_null(o);
	assert_int_equal(test_count_entries(dir), 1);
	test_write_file(path, "othr\n");
	test_age(path);
	assert_int_equal(outfile_commit(o, &d), 0);
	got = test_read_all(path);
	assert_string_equal(got, "same\n");
	assert_int_equal(test_count_entries(dir), 1);
	assert_int_equal(d.n, 0);
	free(got);
	/* An abort leaves a target it did not write to as it was. */
	o = outfile_open_bytes(path, NULL, 0, "same\n", 5, &d);
	assert_non_null(o);
	outfile_abort(o);
	got = test_read_all(path);
	assert_string_equal(got, "same\n");
	free(got);
	free(path);
}

/* The checks of outfile_open apply: never an input. */
static void
test_open_bytes_refuses_input(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/in.csv", dir);
	const char *inputs[] = { path };
	struct diags d = {0};

	test_write_file(path, "a,b\n");
	assert_null(outfile_open_bytes(path, inputs, 1, "a,b\n", 4, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_OUTPUT_IS_INPUT);
	diags_free(&d);
	free(path);
}

static void
test_abort_leaves_nothing(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/report.pdf", dir);
	struct diags d = {0};
	struct outfile *o;

	o = outfile_open(path, NULL, 0, &d);
	assert_non_null(o);
	fputs("partial", outfile_stream(o));
	outfile_abort(o);
	outfile_abort(NULL);
	assert_int_equal(test_count_entries(dir), 0);
	assert_int_equal(d.n, 0);
	free(path);
}

/* Opens path with the given inputs and expects D_OUTPUT_IS_INPUT. */
static void
test_expect_refused(const char *path, const char *input)
{
	struct diags d = {0};
	const char *inputs[] = {"/nonexistent/other.csv", input};

	assert_null(outfile_open(path, inputs, 2, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_OUTPUT_IS_INPUT);
	assert_string_equal(d.v[0].file, path);
	diags_free(&d);
}

static void
test_refuses_input_same_path(void **state)
{
	const char *dir = *state;
	char *in = xasprintf("%s/runs.csv", dir);
	char *other = xasprintf("%s/./runs.csv", dir);

	test_write_file(in, "a,b\n");
	test_expect_refused(in, in);
	test_expect_refused(other, in);
	assert_int_equal(test_count_entries(dir), 1);
	free(in);
	free(other);
}

static void
test_refuses_input_hard_link(void **state)
{
	const char *dir = *state;
	char *in = xasprintf("%s/runs.csv", dir);
	char *link_path = xasprintf("%s/link.csv", dir);

	test_write_file(in, "a,b\n");
	assert_int_equal(link(in, link_path), 0);
	test_expect_refused(link_path, in);
	free(in);
	free(link_path);
}

static void
test_refuses_input_symlink(void **state)
{
	const char *dir = *state;
	char *in = xasprintf("%s/runs.csv", dir);
	char *sym = xasprintf("%s/sym.csv", dir);

	test_write_file(in, "a,b\n");
	assert_int_equal(symlink("runs.csv", sym), 0);
	test_expect_refused(sym, in); /* output through the link */
	test_expect_refused(in, sym); /* input through the link */
	free(in);
	free(sym);
}

static void
test_missing_directory_fails(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/missing/report.pdf", dir);
	struct diags d = {0};

	assert_null(outfile_open(path, NULL, 0, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_OPEN_FAILED);
	assert_string_equal(d.v[0].file, path);
	assert_string_equal(d.v[0].detail, strerror(ENOENT));
	diags_free(&d);
	free(path);
}

static void
test_directory_path_fails(void **state)
{
	const char *dir = *state;
	char *slash = xasprintf("%s/", dir);
	struct diags d = {0};

	assert_null(outfile_open(dir, NULL, 0, &d));
	assert_null(outfile_open(slash, NULL, 0, &d));
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].code, D_OPEN_FAILED);
	assert_string_equal(d.v[0].detail, strerror(EISDIR));
	assert_int_equal(d.v[1].code, D_OPEN_FAILED);
	assert_int_equal(test_count_entries(dir), 0);
	diags_free(&d);
	free(slash);
}

static void
test_special_file_path_fails(void **state)
{
	struct diags d = {0};

	(void)state;
	assert_null(outfile_open("/dev/null", NULL, 0, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_OUTPUT_NOT_FILE);
	assert_string_equal(d.v[0].detail, "a character device (-o - writes to "
	    "standard output)");
	diags_free(&d);
}

/* Opens path and expects one diagnostic with code, nothing left in dir but keep entries. */
static void
test_expect_code(const char *dir, const char *path, enum diag_code code,
    int keep)
{
	struct diags d = {0};

	assert_null(outfile_open(path, NULL, 0, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, code);
	assert_string_equal(d.v[0].file, path);
	assert_int_equal(test_count_entries(dir), keep);
	diags_free(&d);
}

/* /dev/stdout is a link to /proc/self/fd/1: replacing it breaks the system. */
static void
test_refuses_link_out_of_directory(void **state)
{
	const char *dir = *state;
	char *target = xasprintf("%s/real.pdf", dir);
	char *sym = xasprintf("%s/out.pdf", dir);
	struct stat st;

	test_write_file(target, "x");
	assert_int_equal(symlink(target, sym), 0); /* absolute: has a '/' */
	test_expect_code(dir, sym, D_OUTPUT_LINK, 2);
	assert_int_equal(lstat(sym, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	free(target);
	free(sym);
}

static void
test_refuses_link_to_device(void **state)
{
	const char *dir = *state;
	char *sym = xasprintf("%s/out.pdf", dir);

	assert_int_equal(symlink("/dev/null", sym), 0);
	test_expect_code(dir, sym, D_OUTPUT_LINK, 1);
	free(sym);
}

static void
test_refuses_fifo(void **state)
{
	const char *dir = *state;
	char *fifo = xasprintf("%s/out.pdf", dir);
	struct diags d = {0};

	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_null(outfile_open(fifo, NULL, 0, &d));
	assert_int_equal(d.v[0].code, D_OUTPUT_NOT_FILE);
	assert_string_equal(d.v[0].detail, "a FIFO (-o - writes to standard "
	    "output)");
	assert_int_equal(test_count_entries(dir), 1);
	diags_free(&d);
	free(fifo);
}

/* A link naming a file of its own directory is replaced; its target is kept. */
static void
test_replaces_link_in_directory(void **state)
{
	const char *dir = *state;
	char *target = xasprintf("%s/real.pdf", dir);
	char *sym = xasprintf("%s/out.pdf", dir);
	struct diags d = {0};
	struct outfile *o;
	struct stat st;

	test_write_file(target, "old");
	assert_int_equal(symlink("real.pdf", sym), 0);
	assert_non_null(o = outfile_open(sym, NULL, 0, &d));
	fputs("new", outfile_stream(o));
	assert_int_equal(outfile_commit(o, &d), 0);
	assert_int_equal(lstat(sym, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_size, 3);
	assert_int_equal(d.n, 0);
	free(target);
	free(sym);
}

/* A device put where the output goes while it was written is not renamed over. */
static void
test_commit_checks_path_again(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/out.pdf", dir);
	struct diags d = {0};
	struct outfile *o;

	assert_non_null(o = outfile_open(path, NULL, 0, &d));
	assert_int_equal(symlink("/dev/null", path), 0);
	assert_int_equal(outfile_commit(o, &d), -1);
	assert_int_equal(d.v[0].code, D_OUTPUT_LINK);
	assert_int_equal(test_count_entries(dir), 1);
	diags_free(&d);
	free(path);
}

/* The temporary name is tagged as igreport's and stays under NAME_MAX for a 250-byte name. */
static void
test_temporary_name_is_tagged(void **state)
{
	const char *dir = *state;
	char base[251], *path;
	struct diags d = {0};
	struct outfile *o;
	struct dirent *e;
	DIR *dh;
	int found = 0;

	memset(base, 'a', 250);
	base[250] = '\0';
	path = xasprintf("%s/%s", dir, base);
	assert_non_null(o = outfile_open(path, NULL, 0, &d));
	assert_non_null(dh = opendir(dir));
	while ((e = readdir(dh)) != NULL)
		if (e->d_name[0] == '.' && e->d_name[1] == 'a') {
			assert_int_equal(strlen(e->d_name), 1 +
			    OUTFILE_TMP_BASE_MAX + strlen(OUTFILE_TMP_TAG) + 6);
			assert_non_null(strstr(e->d_name, OUTFILE_TMP_TAG));
			found++;
		}
	closedir(dh);
	assert_int_equal(found, 1);
	assert_int_equal(outfile_commit(o, &d), 0);
	assert_int_equal(test_count_entries(dir), 1);
	free(path);
}

/* Makes file name in dir, written age seconds ago. */
static void
test_old_file(const char *dir, const char *name, long age)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct timespec t[2];

	test_write_file(path, "x");
	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec -= age;
	t[1] = t[0];
	assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
	free(path);
}

static int
test_exists(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct stat st;
	int rc = lstat(path, &st) == 0;

	free(path);
	return rc;
}

/* Only old files of igreport's temporary pattern go; fresh ones may be another run's. */
static void
test_sweep_removes_only_old_leftovers(void **state)
{
	const char *dir = *state;
	struct diags d = {0};

	test_old_file(dir, ".r.pdf.igreport-AbC123", OUTFILE_STALE_SECONDS + 5);
	test_old_file(dir, ".r.svg.igreport-xyz789", 10);
	test_old_file(dir, ".r.pdf.AbC123", OUTFILE_STALE_SECONDS + 5);
	test_old_file(dir, ".r.pdf.igreport-AbC12", OUTFILE_STALE_SECONDS + 5);
	test_old_file(dir, "r.pdf.igreport-AbC123", OUTFILE_STALE_SECONDS + 5);
	test_old_file(dir, ".r.pdf.igreport-AbC-23", OUTFILE_STALE_SECONDS + 5);
	outfile_sweep(dir, &d);
	assert_false(test_exists(dir, ".r.pdf.igreport-AbC123"));
	assert_int_equal(test_count_entries(dir), 5);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_LEFTOVERS_REMOVED);
	assert_string_equal(d.v[0].detail, "1");
	diags_free(&d);
	outfile_sweep(dir, &d);
	assert_int_equal(d.n, 0);
}

static void
test_unwritable_directory_fails(void **state)
{
	const char *dir = *state;
	char *sub = xasprintf("%s/ro", dir);
	char *path = xasprintf("%s/report.pdf", sub);
	struct diags d = {0};

	/* root writes into mode 0555 directories anyway: nothing to test. */
	if (geteuid() == 0) {
		free(sub);
		free(path);
		skip();
	}
	assert_int_equal(mkdir(sub, 0555), 0);
	assert_null(outfile_open(path, NULL, 0, &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_OPEN_FAILED);
	assert_string_equal(d.v[0].detail, strerror(EACCES));
	diags_free(&d);
	free(sub);
	free(path);
}

/*
 * A full disk, simulated by putting /dev/full under the stream: the
 * buffered data fails at the flush with ENOSPC as on a real disk.
 */
static void
test_full_disk_fails_commit(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/report.pdf", dir);
	struct diags d = {0};
	struct outfile *o;
	int full;

	o = outfile_open(path, NULL, 0, &d);
	assert_non_null(o);
	full = open("/dev/full", O_WRONLY);
	assert_true(full >= 0);
	assert_true(dup2(full, fileno(outfile_stream(o))) >= 0);
	close(full);
	fputs("content that cannot be stored\n", outfile_stream(o));
	assert_int_equal(outfile_commit(o, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, D_WRITE_FAILED);
	assert_string_equal(d.v[0].file, path);
	assert_string_equal(d.v[0].detail, strerror(ENOSPC));
	assert_int_equal(test_count_entries(dir), 0);
	diags_free(&d);
	free(path);
}

static void
test_prepare_dir_creates_once(void **state)
{
	const char *dir = *state;
	char *sub = xasprintf("%s/svg", dir);
	struct diags d = {0};
	struct stat st;

	assert_int_equal(outfile_prepare_dir(sub, &d), 1);
	assert_int_equal(stat(sub, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(outfile_prepare_dir(sub, &d), 0);
	assert_int_equal(d.n, 0);
	outfile_forget_dir(sub, 1);
	assert_int_equal(stat(sub, &st), -1);
	free(sub);
}

static void
test_prepare_dir_on_file_fails(void **state)
{
	const char *dir = *state;
	char *file = xasprintf("%s/plain", dir);
	char *deep = xasprintf("%s/a/b", dir);
	struct diags d = {0};

	test_write_file(file, "x");
	assert_int_equal(outfile_prepare_dir(file, &d), -1);
	assert_int_equal(outfile_prepare_dir(deep, &d), -1);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].code, D_OPEN_FAILED);
	assert_string_equal(d.v[0].detail, strerror(ENOTDIR));
	assert_int_equal(d.v[1].code, D_OPEN_FAILED);
	assert_string_equal(d.v[1].detail, strerror(ENOENT));
	diags_free(&d);
	free(file);
	free(deep);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit_creates_file,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_commit_replaces_existing_file,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_seal_gives_size_and_hash,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_commit_keeps_file_with_same_bytes,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_commit_replaces_file_not_the_same,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(
		    test_commit_replaces_file_changed_since_sealed,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(
		    test_open_bytes_writes_only_what_differs,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(
		    test_open_bytes_target_changed_before_commit,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_open_bytes_refuses_input,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_abort_leaves_nothing,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_refuses_input_same_path,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_refuses_input_hard_link,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_refuses_input_symlink,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_missing_directory_fails,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_directory_path_fails,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test(test_special_file_path_fails),
		cmocka_unit_test_setup_teardown(test_refuses_link_out_of_directory,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_refuses_link_to_device,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_refuses_fifo,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_replaces_link_in_directory,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_commit_checks_path_again,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_temporary_name_is_tagged,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_sweep_removes_only_old_leftovers,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_unwritable_directory_fails,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_full_disk_fails_commit,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_prepare_dir_creates_once,
		    testutil_scratch_setup, testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(test_prepare_dir_on_file_fails,
		    testutil_scratch_setup, testutil_scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
