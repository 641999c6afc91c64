/* SPDX-License-Identifier: Apache-2.0 */
/* The one UTF-8 decoder, and the validation and cleaning of text that came from input files. */
#include "utf8.h"

#include <assert.h>

#include "xalloc.h"

/*
 * The length of the sequence a lead byte begins, 0 for a byte that
 * begins none, and the range of the byte after it: narrower than
 * 0x80-0xBF after E0 (overlongs), ED (surrogates), F0 (overlongs) and F4
 * (above U+10FFFF), so that every later check is the same.
 */
static size_t
utf8_lead(unsigned char c, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xbf;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c == 0xe0)
		*lo = 0xa0;
	else if (c == 0xed)
		*hi = 0x9f;
	else if (c == 0xf0)
		*lo = 0x90;
	else if (c == 0xf4)
		*hi = 0x8f;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

size_t
utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
	static const unsigned char lead_bits[5] = { 0, 0, 0x1f, 0x0f, 0x07 };
	unsigned char lo, hi;
	size_t n, i;
	uint32_t c;

	assert(avail >= 1);
	*cp = s[0];
	if (s[0] < 0x80)
		return 1;
	*cp = UTF8_REPLACEMENT;
	n = utf8_lead(s[0], &lo, &hi);
	if (n == 0 || avail < n)
		return 1;
	c = s[0] & lead_bits[n];
	/* Byte by byte: a NUL or any other non-continuation stops it. */
	for (i = 1; i < n; i++) {
		if (s[i] < lo || s[i] > hi)
			return 1;
		c = c << 6 | (s[i] & 0x3fu);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = c;
	return n;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *u = (unsigned char *)out;

	assert(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff));
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	u[0] = (unsigned char)(0xf0 | cp >> 18);
	u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
	u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	u[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Whether decoding took n bytes to cp because the input was malformed. */
static int
utf8_malformed(size_t n, uint32_t cp)
{
	return n == 1 && cp == UTF8_REPLACEMENT;
}

static int
is_control(uint32_t c)
{
	return c < 0x20 || c == 0x7f;
}

int
utf8_check(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(u + i, len - i, &cp);
		if (utf8_malformed(n, cp) || (cp != '\t' && is_control(cp))) {
			if (bad_offset)
				*bad_offset = i;
			return -1;
		}
		i += n;
	}
	return 0;
}

int
utf8_is_invisible(uint32_t cp)
{
	static const uint32_t ranges[][2] = {
		{ 0x00, 0x1F }, { 0x7F, 0x9F }, { 0xAD, 0xAD }, { 0x61C, 0x61C },
		{ 0x180E, 0x180E }, { 0x200B, 0x200F }, { 0x2028, 0x202E },
		{ 0x2060, 0x206F }, { 0xFEFF, 0xFEFF }, { 0xFFF9, 0xFFFB },
		{ 0xE0000, 0xE007F },
	};
	size_t i;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return 1;
	return 0;
}

int
utf8_check_name(const char *s, size_t len, size_t *bad_offset,
    uint32_t *bad_cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(u + i, len - i, &cp);
		*bad_offset = i;
		if (utf8_malformed(n, cp))
			return -1;
		if (utf8_is_invisible(cp)) {
			*bad_cp = cp;
			return 1;
		}
		i += n;
	}
	return 0;
}

char *
utf8_clean(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	/* U+FFFD takes 3 bytes and replaces one. */
	char *out = xmalloc(len * 3 + 1), *o = out;
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		i += utf8_decode(u + i, len - i, &cp);
		if (is_control(cp))
			*o++ = ' ';
		else
			o += utf8_encode(cp, o);
	}
	*o = '\0';
	return out;
}
