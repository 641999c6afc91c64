/* SPDX-License-Identifier: Apache-2.0 */
/* The one UTF-8 decoder, and the validation and cleaning of text that came from input files. */
#ifndef IGREPORT_UTF8_H
#define IGREPORT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* U+FFFD REPLACEMENT CHARACTER: what a malformed sequence decodes as. */
#define UTF8_REPLACEMENT 0xFFFDu

/* The avail of a NUL-terminated string whose length is not at hand (see utf8_decode). */
#define UTF8_NUL_TERMINATED ((size_t)-1)

/*
 * Decodes the character at s, reading at most avail (>= 1) bytes; stores
 * its code point in *cp and returns the bytes it took (1 to 4).
 *
 * Policy for malformed input, the same wherever text is decoded (fonts
 * measure, svg and pdf draw, utf8_check and utf8_clean validate): a byte
 * that does not begin a well-formed sequence decodes as UTF8_REPLACEMENT
 * and takes that one byte; decoding goes on at the next byte, so each
 * byte of a broken sequence becomes one U+FFFD. Malformed are: a
 * continuation byte (0x80-0xBF) or 0xC0, 0xC1, 0xF5-0xFF where a
 * sequence should begin, a lead byte not followed by enough continuation
 * bytes (within avail, or before a NUL), overlong forms, the surrogates
 * U+D800-U+DFFF and anything above U+10FFFF. A well-formed U+FFFD takes
 * three bytes, so a return of 1 with *cp == UTF8_REPLACEMENT means
 * malformed.
 *
 * A NUL is never a continuation byte, so for a NUL-terminated string
 * avail may be UTF8_NUL_TERMINATED: no byte past the NUL is read.
 */
size_t utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp);

/*
 * Writes the UTF-8 form of cp (at most U+10FFFF, no surrogate) into out,
 * which has room for 4 bytes, and returns its length. Re-encoding what
 * utf8_decode read from well-formed text gives back the same bytes.
 */
size_t utf8_encode(uint32_t cp, char *out);

/*
 * Checks that s[0..len) is well-formed UTF-8 (see utf8_decode) without
 * C0 control characters other than TAB, nor DEL. Returns 0, or -1 and
 * the byte offset of the first fault.
 */
int utf8_check(const char *s, size_t len, size_t *bad_offset);

/*
 * Non-zero when cp is a control character (C0 with TAB, DEL, C1 such as
 * U+0085) or an invisible format character: U+00AD, U+061C, U+180E, the
 * zero-width and bidirectional controls U+200B-U+200F, U+202A-U+202E,
 * U+2060-U+206F, the separators U+2028 and U+2029, U+FEFF, U+FFF9-U+FFFB
 * and the tags U+E0000-U+E007F: characters that a name must not hold,
 * as they break columns or make two names look the same.
 */
int utf8_is_invisible(uint32_t cp);

/*
 * Checks a name: as utf8_check(), then returns 1 with *bad_offset and
 * *bad_cp set at the first utf8_is_invisible() character. Returns 0 for
 * a good name, -1 for malformed UTF-8 (*bad_offset set).
 */
int utf8_check_name(const char *s, size_t len, size_t *bad_offset,
    uint32_t *bad_cp);

/*
 * Returns a newly allocated, NUL-terminated copy of s[0..len) in which
 * malformed bytes become U+FFFD, one each (see utf8_decode), and control
 * characters (TAB, CR and LF included) become spaces.
 */
char *utf8_clean(const char *s, size_t len);

#endif
