/* UTF-8 validation and cleaning of text that came from input files. */
#include "utf8.h"

#include <string.h>

#include "xalloc.h"

/* Length of the well-formed sequence at s (at most len bytes), or 0. */
static size_t
utf8_sequence(const unsigned char *s, size_t len)
{
	unsigned long cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1fu;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0fu;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07u;
	else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static int
is_control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

int
utf8_check(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (u[i] == '\t') {
			i++;
			continue;
		}
		n = utf8_sequence(u + i, len - i);
		if (n == 0 || (n == 1 && is_control(u[i]))) {
			if (bad_offset)
				*bad_offset = i;
			return -1;
		}
		i += n;
	}
	return 0;
}

char *
utf8_clean(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	char *out = xmalloc(len * 3 + 1), *o = out;
	size_t i = 0, n;

	while (i < len) {
		n = utf8_sequence(u + i, len - i);
		if (n == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		} else if (n == 1 && is_control(u[i])) {
			*o++ = ' ';
			i++;
		} else {
			memcpy(o, s + i, n);
			o += n;
			i += n;
		}
	}
	*o = '\0';
	return out;
}
