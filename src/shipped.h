/* SPDX-License-Identifier: Apache-2.0 */
/* The shipped templates and schema, their bytes built into the program: what is known valid without checking again. */
#ifndef IGREPORT_SHIPPED_H
#define IGREPORT_SHIPPED_H

#include <stddef.h>

/* A file as the build found it: its path in the source tree (templates/default.xml). */
struct shipped_file {
	const char *name;
	const unsigned char *bytes; /* len bytes, then a NUL */
	size_t len;
};

/* Every shipped template and the schema (make writes them from templates/). */
extern const struct shipped_file shipped_files[];
extern const size_t shipped_nfiles;

/* The shipped file of that name (templates/igreport.xsd), or NULL. */
const struct shipped_file *shipped_find(const char *name);

/* Non-zero when the len bytes at buf are those of a shipped file whose name ends in suffix (".xml"). */
int shipped_holds(const char *suffix, const void *buf, size_t len);

#endif
