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

int
json_close(struct json *j)
{
	assert(j->depth == 0 && !j->after_key);
	fputc('\n', j->out);
	return ferror(j->out) ? -1 : 0;
}

static void
json_newline(struct json *j, int depth)
{
	fputc('\n', j->out);
	fprintf(j->out, "%*s", 2 * depth, "");
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
		fputs(j->flat[top] ? ", " : ",", j->out);
	if (!j->flat[top])
		json_newline(j, j->depth);
}

static void
json_begin(struct json *j, int object, enum json_layout layout)
{
	json_before(j, 0);
	assert(j->depth < JSON_MAX_DEPTH);
	fputc(object ? '{' : '[', j->out);
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
	fputc(object ? '}' : ']', j->out);
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
json_escape_unit(FILE *out, uint32_t u)
{
	fprintf(out, "\\u%04x", (unsigned)u);
}

/* cp as \uXXXX, or as a surrogate pair above U+FFFF. */
static void
json_escape_cp(FILE *out, uint32_t cp)
{
	if (cp < 0x10000u) {
		json_escape_unit(out, cp);
		return;
	}
	cp -= 0x10000u;
	json_escape_unit(out, 0xD800u + (cp >> 10));
	json_escape_unit(out, 0xDC00u + (cp & 0x3FFu));
}

static void
json_write_string(FILE *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;
	uint32_t cp;

	fputc('"', out);
	while (i < len) {
		k = utf8_decode(u + i, len - i, &cp);
		if (k == 1 && cp == UTF8_REPLACEMENT)
			json_escape_unit(out, UTF8_REPLACEMENT);
		else if (cp == '"' || cp == '\\')
			fprintf(out, "\\%c", (char)cp);
		else if (cp == '\n')
			fputs("\\n", out);
		else if (cp == '\t')
			fputs("\\t", out);
		else if (cp == '\r')
			fputs("\\r", out);
		else if (cp < 0x20 || utf8_is_invisible(cp))
			json_escape_cp(out, cp);
		else
			fwrite(s + i, 1, k, out);
		i += k;
	}
	fputc('"', out);
}

void
json_key(struct json *j, const char *key)
{
	json_before(j, 1);
	json_write_string(j->out, key, strlen(key));
	fputs(": ", j->out);
	j->after_key = 1;
}

void
json_string_n(struct json *j, const char *s, size_t len)
{
	json_before(j, 0);
	json_write_string(j->out, s, len);
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
		fputs("null", j->out);
		return;
	}
	format_exact(buf, x);
	fputs(buf, j->out);
}

void
json_count(struct json *j, unsigned long long n)
{
	json_before(j, 0);
	fprintf(j->out, "%llu", n);
}

void
json_bool(struct json *j, int b)
{
	json_before(j, 0);
	fputs(b ? "true" : "false", j->out);
}

void
json_null(struct json *j)
{
	json_before(j, 0);
	fputs("null", j->out);
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
