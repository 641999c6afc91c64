/* UTF-8 validation and cleaning of text that came from input files. */
#ifndef IGREPORT_UTF8_H
#define IGREPORT_UTF8_H

#include <stddef.h>

/*
 * Checks that s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF) without C0 control characters other than
 * TAB, nor DEL. Returns 0, or -1 and the byte offset of the first fault.
 */
int utf8_check(const char *s, size_t len, size_t *bad_offset);

/*
 * Returns a newly allocated, NUL-terminated copy of s[0..len) in which
 * malformed sequences become U+FFFD and control characters (TAB, CR and
 * LF included) become spaces.
 */
char *utf8_clean(const char *s, size_t len);

#endif
