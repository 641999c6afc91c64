/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of output directory manifests: reading, writing, and removing only igreport's own stale files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"
#include "testutil.h"
#include "xalloc.h"

static void
test_write(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
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

/* Adds dir/name to m as it is now, as output_commit does for a file it wrote. */
static void
test_add_written(struct manifest *m, const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	unsigned long long hash;
	long long size;

	assert_int_equal(manifest_hash_file(path, &size, &hash), 0);
	manifest_add(m, name, size, hash);
	free(path);
}

static void
test_save(const char *dir, const struct manifest *m)
{
	char *path = xasprintf("%s/%s", dir, MANIFEST_NAME);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(manifest_write(m, f), 0);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static void
test_round_trip(void **state)
{
	const char *dir = *state;
	struct manifest m = {0}, back = {0};

	test_write(dir, "a.svg", "<svg/>");
	test_add_written(&m, dir, "a.svg");
	test_save(dir, &m);
	manifest_read(dir, &back);
	assert_int_equal(back.n, 1);
	assert_string_equal(back.v[0].name, "a.svg");
	assert_int_equal(back.v[0].size, 6);
	assert_true(back.v[0].hash == m.v[0].hash);
	manifest_free(&m);
	manifest_free(&back);
}

/* Listed and not written again: removed; written again, changed since, or never listed: kept. */
static void
test_removes_only_unchanged_stale_files(void **state)
{
	const char *dir = *state;
	struct manifest old = {0}, now = {0};

	test_write(dir, "gone.svg", "old figure");
	test_write(dir, "edited.svg", "old figure");
	test_write(dir, "again.svg", "old figure");
	test_add_written(&old, dir, "gone.svg");
	test_add_written(&old, dir, "edited.svg");
	test_add_written(&old, dir, "again.svg");
	test_write(dir, "edited.svg", "the user's own figure");
	test_write(dir, "notes.txt", "mine");
	test_add_written(&now, dir, "again.svg");
	assert_int_equal(manifest_remove_stale(dir, &old, &now), 1);
	assert_false(test_exists(dir, "gone.svg"));
	assert_true(test_exists(dir, "edited.svg"));
	assert_true(test_exists(dir, "again.svg"));
	assert_true(test_exists(dir, "notes.txt"));
	manifest_free(&old);
	manifest_free(&now);
}

/* A hand-made manifest cannot reach out of the directory, nor name a link or a dot file. */
static void
test_damaged_manifest_removes_nothing_outside(void **state)
{
	const char *dir = *state;
	char *sub = xasprintf("%s/sub", dir), *line;
	char *link_path = xasprintf("%s/link", sub);
	char *victim = xasprintf("%s/victim", dir);
	struct manifest m = {0}, none = {0};
	unsigned long long hash;
	long long size;

	assert_int_equal(mkdir(sub, 0700), 0);
	test_write(dir, "victim", "x");
	test_write(dir, ".hidden", "x");
	test_write(dir, "target", "x");
	assert_int_equal(symlink("../target", link_path), 0);
	assert_int_equal(manifest_hash_file(victim, &size, &hash), 0);
	line = xasprintf("%lld %016llx ../victim\n%lld %016llx .hidden\n"
	    "%lld %016llx link\n%lld %016llx\nnot a line\n", size, hash, size,
	    hash, size, hash, size, hash);
	test_write(sub, MANIFEST_NAME, line);
	test_write(sub, ".hidden", "x");
	manifest_read(sub, &m);
	assert_int_equal(m.n, 1); /* only "link": a plain name */
	assert_int_equal(manifest_remove_stale(sub, &m, &none), 0);
	assert_true(test_exists(dir, "victim"));
	assert_true(test_exists(sub, "link"));
	manifest_free(&m);
	free(line);
	free(link_path);
	free(victim);
	free(sub);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, testutil_scratch_setup,
		    testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(
		    test_removes_only_unchanged_stale_files, testutil_scratch_setup,
		    testutil_scratch_teardown),
		cmocka_unit_test_setup_teardown(
		    test_damaged_manifest_removes_nothing_outside, testutil_scratch_setup,
		    testutil_scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
