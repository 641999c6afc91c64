/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the unit tests: paths into the source tree, text files and scratch directories. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "xalloc.h"

char *
testutil_source_path(const char *relative)
{
	const char *root = getenv("IGREPORT_SOURCE_DIR");

	return xasprintf("%s/%s", root && *root ? root : ".", relative);
}

FILE *
testutil_text_file(const char *text)
{
	FILE *fp = tmpfile();

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	rewind(fp);
	return fp;
}

int
testutil_scratch_setup(void **state)
{
	const char *base = getenv("TMPDIR");
	char *dir = xasprintf("%s/igreport-test.XXXXXX", base ? base : "/tmp");

	if (mkdtemp(dir) == NULL) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

int
testutil_scratch_teardown(void **state)
{
	char *dir = *state, *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);

	free(cmd);
	free(dir);
	return rc == 0 ? 0 : -1;
}

void
testutil_check_close(double got, double want, double tol, const char *what)
{
	if (fabs(got - want) > tol)
		fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

size_t
testutil_count(const char *s, const char *sub)
{
	size_t n = 0;

	while ((s = strstr(s, sub)) != NULL) {
		n++;
		s++;
	}
	return n;
}
