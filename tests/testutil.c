/* Helpers shared by the unit tests: paths into the source tree and text files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
