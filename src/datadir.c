/* SPDX-License-Identifier: Apache-2.0 */
/* Finding igreport's data files (templates, fonts) in the source tree or where installed. */
#include "datadir.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

#ifndef IGREPORT_DATADIR
#define IGREPORT_DATADIR "/usr/local/share/igreport"
#endif

static char *
try_dir(const char *dir, const char *relative)
{
	char *path = xasprintf("%s/%s", dir, relative);

	if (access(path, R_OK) == 0)
		return path;
	free(path);
	return NULL;
}

char *
datadir_find(const char *relative)
{
	const char *env = getenv("IGREPORT_DATADIR");
	char exe[PATH_MAX], *slash, *found = NULL;
	ssize_t n;

	if (env != NULL && *env != '\0' && (found = try_dir(env, relative)))
		return found;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			if ((found = try_dir(exe, relative)))
				return found;
			if ((slash = strrchr(exe, '/')) != NULL) {
				*slash = '\0';
				if ((found = try_dir(exe, relative)))
					return found;
				/* PREFIX/bin/igreport finds PREFIX/share/igreport,
				 * wherever the tree was installed or moved. */
				if (strlen(exe) + sizeof("/share/igreport") <=
				    sizeof(exe)) {
					strcat(exe, "/share/igreport");
					if ((found = try_dir(exe, relative)))
						return found;
				}
			}
		}
	}
	return try_dir(IGREPORT_DATADIR, relative);
}
