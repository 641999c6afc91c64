/* SPDX-License-Identifier: Apache-2.0 */
/* A streaming JSON writer: objects, arrays, escaped strings, round-trip numbers, nothing held in memory but a small buffer. */
#ifndef IGREPORT_JSON_H
#define IGREPORT_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Deepest nesting of objects and arrays; deeper is a programming error (assert). */
#define JSON_MAX_DEPTH 16

/* How a container is laid out: one member a line, indented, or all on the current line. */
enum json_layout {
	JSON_LINES,
	JSON_INLINE
};

/*
 * The writer's state; a value on the stack, set up by json_open. The
 * output is always valid JSON (RFC 8259) in UTF-8 as long as the calls
 * nest properly, which the writer asserts: every value inside an object
 * follows json_key, and every container is ended.
 */
/* Bytes gathered before each write to the stream. */
#define JSON_BUFFER 8192

struct json {
	FILE *out;
	char buf[JSON_BUFFER]; /* written to out when full and by json_close */
	size_t len;
	int depth;
	unsigned count[JSON_MAX_DEPTH];       /* members written at each level */
	unsigned char object[JSON_MAX_DEPTH]; /* the level is an object (not an array) */
	unsigned char flat[JSON_MAX_DEPTH];   /* the level is laid out JSON_INLINE */
	int after_key;                        /* a key was written, its value is next */
};

/* Starts a document of one top-level value on out (borrowed). */
void json_open(struct json *j, FILE *out);

/*
 * Ends the document with a newline and writes what is buffered. Returns
 * 0, or -1 when the stream had a write error (ferror); the writer does
 * not close out. Until then out may lack the last bytes written.
 */
int json_close(struct json *j);

void json_object_begin(struct json *j, enum json_layout layout);
void json_object_end(struct json *j);
void json_array_begin(struct json *j, enum json_layout layout);
void json_array_end(struct json *j);

/* The next member's name, escaped as json_string; inside an object only. */
void json_key(struct json *j, const char *key);

/*
 * A string, from any bytes: '"' and '\' are escaped, line feed, carriage
 * return and tab written \n, \r, \t, the other control characters (C0,
 * DEL, C1) and the invisible characters of utf8_is_invisible (the
 * separators U+2028 and U+2029, bidirectional controls...) as \uXXXX
 * escapes (a surrogate pair above U+FFFF), so none reaches a reader raw.
 * Malformed UTF-8 follows the policy of utf8_decode: each byte of a
 * broken sequence is one U+FFFD, written \ufffd. Any other character is
 * written as its UTF-8 bytes.
 */
void json_string(struct json *j, const char *s);
void json_string_n(struct json *j, const char *s, size_t len);

/*
 * A number as format_exact writes it (%.17g, read back as the same
 * double); NaN and the infinities, which JSON cannot write, are null.
 */
void json_number(struct json *j, double x);

/* A whole number. */
void json_count(struct json *j, unsigned long long n);

void json_bool(struct json *j, int b);
void json_null(struct json *j);

/* A key and its value in one call. */
void json_field_string(struct json *j, const char *key, const char *s);
void json_field_number(struct json *j, const char *key, double x);
void json_field_count(struct json *j, const char *key, unsigned long long n);
void json_field_bool(struct json *j, const char *key, int b);
void json_field_null(struct json *j, const char *key);
/* s as a string, or null when s is NULL. */
void json_field_string_or_null(struct json *j, const char *key, const char *s);
void json_field_object(struct json *j, const char *key,
    enum json_layout layout);
void json_field_array(struct json *j, const char *key,
    enum json_layout layout);

#endif
