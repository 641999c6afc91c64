/* SPDX-License-Identifier: Apache-2.0 */
/* Looking up the shipped files built into the program. */
#include "shipped.h"

#include <string.h>

const struct shipped_file *
shipped_find(const char *name)
{
	size_t i;

	for (i = 0; i < shipped_nfiles; i++)
		if (strcmp(shipped_files[i].name, name) == 0)
			return &shipped_files[i];
	return NULL;
}

int
shipped_holds(const char *suffix, const void *buf, size_t len)
{
	size_t i, n = strlen(suffix);

	for (i = 0; i < shipped_nfiles; i++) {
		const struct shipped_file *f = &shipped_files[i];
		size_t k = strlen(f->name);

		if (f->len == len && k >= n && strcmp(f->name + k - n, suffix) == 0 &&
		    memcmp(f->bytes, buf, len) == 0)
			return 1;
	}
	return 0;
}
