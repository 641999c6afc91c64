/* SPDX-License-Identifier: Apache-2.0 */
/* Allocation that never returns NULL: out of memory prints one line and exits 3. */
#ifndef IGREPORT_XALLOC_H
#define IGREPORT_XALLOC_H

#include <stddef.h>

/* Each behaves as its libc namesake but never returns NULL. */
/* Prints "igreport: out of memory" and exits 3: also for memory others allocate (open_memstream). */
void xalloc_die(void);
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
/* Copies len bytes of s and adds a terminating NUL. */
char *xstrndup(const char *s, size_t len);
/* Grows *array (of *cap elements of size elem) to hold at least need elements. */
void xgrow(void **array, size_t *cap, size_t need, size_t elem);
/* printf into a newly allocated string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
