/* SPDX-License-Identifier: Apache-2.0 */
/* A streaming JSON writer: objects, arrays, escaped strings, round-trip numbers. */
#include "json.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "format.h"
#include "utf8.h"

void
json_open(struct json *j, FILE *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

/* The buffer to the stream: few large writes rather than one call a token. */
static void
json_flush(struct json *j)
{
	if (j->len > 0)
		fwrite(j->buf, 1, j->len, j->out);
	j->len = 0;
}

static void
json_put(struct json *j, const char *s, size_t n)
{
	if (j->len + n > sizeof(j->buf)) {
		json_flush(j);
		if (n > sizeof(j->buf)) {
			fwrite(s, 1, n, j->out);
			return;
		}
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
}

static void
json_puts(struct json *j, const char *s)
{
	json_put(j, s, strlen(s));
}

static void
json_putc(struct json *j, char c)
{
	if (j->len == sizeof(j->buf))
		json_flush(j);
	j->buf[j->len++] = c;
}

int
json_close(struct json *j)
{
	assert(j->depth == 0 && !j->after_key);
	json_putc(j, '\n');
	json_flush(j);
	return ferror(j->out) ? -1 : 0;
}

static void
json_newline(struct json *j, int depth)
{
	static const char spaces[] = "                                ";
	size_t n = 2 * (size_t)depth;

	assert(n < sizeof(spaces));
	json_putc(j, '\n');
	json_put(j, spaces, n);
}

/* What goes before a value or a key: a comma, and its own line unless inline. */
static void
json_before(struct json *j, int is_key)
{
	int top = j->depth - 1;

	if (j->after_key) {
		assert(!is_key);
		j->after_key = 0;
		return;
	}
	if (j->depth == 0)
		return;
	assert(j->object[top] == is_key);
	if (j->count[top]++ > 0)
		json_puts(j, j->flat[top] ? ", " : ",");
	if (!j->flat[top])
		json_newline(j, j->depth);
}

static void
json_begin(struct json *j, int object, enum json_layout layout)
{
	json_before(j, 0);
	assert(j->depth < JSON_MAX_DEPTH);
	json_putc(j, object ? '{' : '[');
	j->object[j->depth] = (unsigned char)object;
	/* Inside an inline container, everything stays on its line. */
	j->flat[j->depth] = (unsigned char)(layout == JSON_INLINE ||
	    (j->depth > 0 && j->flat[j->depth - 1]));
	j->count[j->depth] = 0;
	j->depth++;
}

static void
json_end(struct json *j, int object)
{
	int top = j->depth - 1;

	assert(top >= 0 && j->object[top] == object && !j->after_key);
	if (j->count[top] > 0 && !j->flat[top])
		json_newline(j, top);
	json_putc(j, object ? '}' : ']');
	j->depth--;
}

void
json_object_begin(struct json *j, enum json_layout layout)
{
	json_begin(j, 1, layout);
}

void
json_object_end(struct json *j)
{
	json_end(j, 1);
}

void
json_array_begin(struct json *j, enum json_layout layout)
{
	json_begin(j, 0, layout);
}

void
json_array_end(struct json *j)
{
	json_end(j, 0);
}

static void
json_escape_unit(struct json *j, uint32_t u)
{
	static const char hex[] = "0123456789abcdef";
	char e[6] = { '\\', 'u', hex[(u >> 12) & 15], hex[(u >> 8) & 15],
		hex[(u >> 4) & 15], hex[u & 15] };

	json_put(j, e, sizeof(e));
}

/* cp as \uXXXX, or as a surrogate pair above U+FFFF. */
static void
json_escape_cp(struct json *j, uint32_t cp)
{
	if (cp < 0x10000u) {
		json_escape_unit(j, cp);
		return;
	}
	cp -= 0x10000u;
	json_escape_unit(j, 0xD800u + (cp >> 10));
	json_escape_unit(j, 0xDC00u + (cp & 0x3FFu));
}

/* Printable ASCII but '"' and '\\': written as it is. */
static int
json_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

/* The character at s + i (not plain ASCII) escaped or as it is; returns its length. */
static size_t
json_write_char(struct json *j, const char *s, size_t i, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	size_t k = utf8_decode(u + i, len - i, &cp);

	if (k == 1 && cp == UTF8_REPLACEMENT)
		json_escape_unit(j, UTF8_REPLACEMENT);
	else if (cp == '"' || cp == '\\') {
		json_putc(j, '\\');
		json_putc(j, (char)cp);
	} else if (cp == '\n')
		json_puts(j, "\\n");
	else if (cp == '\t')
		json_puts(j, "\\t");
	else if (cp == '\r')
		json_puts(j, "\\r");
	else if (cp < 0x20 || utf8_is_invisible(cp))
		json_escape_cp(j, cp);
	else
		json_put(j, s + i, k);
	return k;
}

static void
json_write_string(struct json *j, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run;

	json_putc(j, '"');
	while (i < len) {
		for (run = i; run < len && json_plain(u[run]); run++)
			;
		json_put(j, s + i, run - i);
		if ((i = run) < len)
			i += json_write_char(j, s, i, len);
	}
	json_putc(j, '"');
}

void
json_key(struct json *j, const char *key)
{
	json_before(j, 1);
	json_write_string(j, key, strlen(key));
	json_put(j, ": ", 2);
	j->after_key = 1;
}

void
json_string_n(struct json *j, const char *s, size_t len)
{
	json_before(j, 0);
	json_write_string(j, s, len);
}

void
json_string(struct json *j, const char *s)
{
	json_string_n(j, s, strlen(s));
}

void
json_number(struct json *j, double x)
{
	char buf[FORMAT_EXACT_MAX];

	json_before(j, 0);
	if (!isfinite(x)) {
		json_put(j, "null", 4);
		return;
	}
	format_exact(buf, x);
	json_puts(j, buf);
}

void
json_count(struct json *j, unsigned long long n)
{
	char buf[24];
	size_t i = sizeof(buf);

	json_before(j, 0);
	do {
		buf[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	json_put(j, buf + i, sizeof(buf) - i);
}

void
json_bool(struct json *j, int b)
{
	json_before(j, 0);
	json_puts(j, b ? "true" : "false");
}

void
json_null(struct json *j)
{
	json_before(j, 0);
	json_put(j, "null", 4);
}

void
json_field_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void
json_field_number(struct json *j, const char *key, double x)
{
	json_key(j, key);
	json_number(j, x);
}

void
json_field_count(struct json *j, const char *key, unsigned long long n)
{
	json_key(j, key);
	json_count(j, n);
}

void
json_field_bool(struct json *j, const char *key, int b)
{
	json_key(j, key);
	json_bool(j, b);
}

void
json_field_null(struct json *j, const char *key)
{
	json_key(j, key);
	json_null(j);
}

void
json_field_string_or_null(struct json *j, const char *key, const char *s)
{
	if (s != NULL)
		json_field_string(j, key, s);
	else
		json_field_null(j, key);
}

void
json_field_object(struct json *j, const char *key, enum json_layout layout)
{
	json_key(j, key);
	json_object_begin(j, layout);
}

void
json_field_array(struct json *j, const char *key, enum json_layout layout)
{
	json_key(j, key);
	json_array_begin(j, layout);
}
