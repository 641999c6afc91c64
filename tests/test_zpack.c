/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of zpack: zlib streams deflated in pieces as they are read, on threads. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "task.h"
#include "xalloc.h"
#include "zpack.h"

/* CSV-like rows, deterministic, len bytes. */
static char *
sample_csv(size_t len)
{
	char *buf = xmalloc(len + 64);
	size_t o = 0;
	unsigned long x = 12345;

	while (o < len) {
		x = x * 6364136223846793005ul + 1442695040888963407ul;
		o += (size_t)sprintf(buf + o, "trace_exec,ig,%lu,%lu,%lu.%02lu\n",
		    x >> 60, 256ul << (x >> 61), (x >> 40) % 100, (x >> 30) % 100);
	}
	return buf;
}

/* A temporary file holding len bytes of data, open for reading (already unlinked). */
static int
temp_file(const char *data, size_t len)
{
	char name[] = "/tmp/test_zpack.XXXXXX";
	int fd = mkstemp(name);

	assert_true(fd >= 0);
	unlink(name);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	return fd;
}

/* The whole zlib stream of a finished z, read n bytes at a time; its length in *len. */
static unsigned char *
stream_of(const struct zpack *z, size_t step, size_t *len)
{
	struct zpack_cursor c;
	unsigned char *out = xmalloc(zpack_size(z) + 1);
	size_t k;

	*len = 0;
	zpack_cursor_init(&c, z);
	while ((k = zpack_read(&c, out + *len, step)) > 0) {
		assert_true(k <= step);
		*len += k;
		assert_true(*len <= zpack_size(z));
	}
	assert_int_equal(*len, zpack_size(z));
	return out;
}

/* Inflates a whole zlib stream (header and Adler-32 checked by zlib). */
static void
check_inflates_to(const unsigned char *z, size_t zlen, const char *want,
    size_t len)
{
	unsigned char *out = xmalloc(len + 1);
	uLongf outlen = (uLongf)len + 1;

	assert_int_equal(uncompress(out, &outlen, z, (uLong)zlen), Z_OK);
	assert_int_equal(outlen, len);
	assert_memory_equal(out, want, len);
	free(out);
}

/* data deflated from a file holding it, finished. */
static struct zpack *
pack_file(const char *data, size_t len, int *fd)
{
	int first;
	struct zpack *z;
	int err = -1;

	*fd = temp_file(data, len);
	z = zpack_start_file(*fd, 0, len);
	assert_int_equal(zpack_finish(z, &err, &first), 0);
	assert_int_equal(err, 0);
	assert_int_equal(zpack_len(z), len);
	return z;
}

/* data deflated as a stream handed over step bytes at a time, finished. */
static struct zpack *
pack_stream(const char *data, size_t len, size_t step)
{
	int first;
	struct zpack *z = zpack_start_stream(len + 1);
	size_t off, n;
	int err = -1;

	for (off = 0; off < len; off += n) {
		n = len - off < step ? len - off : step;
		assert_int_equal(zpack_write(z, data + off, n), 0);
	}
	assert_int_equal(zpack_finish(z, &err, &first), 0);
	assert_int_equal(err, 0);
	assert_int_equal(zpack_len(z), len);
	return z;
}

/* Checks that z (finished) holds the zlib stream of data. */
static void
check_stream(const struct zpack *z, const char *data, size_t len)
{
	size_t zlen;
	unsigned char *s = stream_of(z, 65536, &zlen);

	check_inflates_to(s, zlen, data, len);
	free(s);
}

static void
test_empty_input_is_a_valid_stream(void **state)
{
	struct zpack *z;
	int fd;

	(void)state;
	z = pack_file("", 0, &fd);
	check_stream(z, "", 0);
	zpack_free(z);
	close(fd);
	z = pack_stream("", 0, 1);
	check_stream(z, "", 0);
	zpack_free(z);
}

static void
test_small_input_round_trips(void **state)
{
	int first;
	static const char csv[] = "TestName,TestCase,Run\ntrace_dns,ig,1\n";
	struct zpack *z;
	int fd;

	(void)state;
	z = pack_file(csv, strlen(csv), &fd);
	check_stream(z, csv, strlen(csv));
	/* Finishing again changes nothing. */
	assert_int_equal(zpack_finish(z, &fd, &first), 0);
	check_stream(z, csv, strlen(csv));
	zpack_free(z);
	z = pack_stream(csv, strlen(csv), 5);
	check_stream(z, csv, strlen(csv));
	zpack_free(z);
}

static void
test_pieces_join_into_one_stream(void **state)
{
	size_t n = 2 * ZPACK_PIECE + ZPACK_PIECE / 2 + 7;
	char *csv = sample_csv(n);
	struct zpack *z;
	int fd;

	(void)state;
	z = pack_file(csv, n, &fd);
	check_stream(z, csv, n);
	/* Deflated, not stored: CSV shrinks to well under half. */
	assert_true(zpack_size(z) < n / 2);
	zpack_free(z);
	close(fd);
	free(csv);
}

/*
 * The stream as the pieces make it, each deflated in one call: whatever
 * the reads, steps or threads, zpack must give these bytes (the output
 * of an earlier igreport, which deflated a file kept whole so).
 */
static unsigned char *
reference_stream(const char *data, size_t len, size_t *zlen)
{
	size_t np = len == 0 ? 1 : (len + ZPACK_PIECE - 1) / ZPACK_PIECE, i;
	size_t cap = len + len / 16 + 4096 * np, o = 2, in;
	unsigned char *out = xmalloc(cap);
	unsigned long adler = adler32(1, (const unsigned char *)data,
	    (uInt)len);
	z_stream s;

	out[0] = 0x78;
	out[1] = 0x9c;
	for (i = 0; i < np; i++) {
		in = i + 1 < np ? ZPACK_PIECE : len - i * (size_t)ZPACK_PIECE;
		memset(&s, 0, sizeof(s));
		assert_int_equal(deflateInit2(&s, Z_DEFAULT_COMPRESSION,
		    Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
		s.next_in = (unsigned char *)(uintptr_t)(data + i * (size_t)ZPACK_PIECE);
		s.avail_in = (uInt)in;
		s.next_out = out + o;
		s.avail_out = (uInt)(cap - o - 4);
		assert_int_equal(deflate(&s, i + 1 < np ? Z_SYNC_FLUSH : Z_FINISH),
		    i + 1 < np ? Z_OK : Z_STREAM_END);
		o = cap - 4 - s.avail_out;
		deflateEnd(&s);
	}
	for (i = 0; i < 4; i++)
		out[o++] = (unsigned char)(adler >> (24 - 8 * i));
	*zlen = o;
	return out;
}

static void
check_same_as_reference(const struct zpack *z, const char *data, size_t len)
{
	size_t zlen, rlen;
	unsigned char *s = stream_of(z, 1000, &zlen);
	unsigned char *r = reference_stream(data, len, &rlen);

	assert_int_equal(zlen, rlen);
	assert_memory_equal(s, r, zlen);
	free(s);
	free(r);
}

/* The split depends on the offsets alone: a file and a stream in any steps give the same bytes. */
static void
test_file_and_stream_give_the_same_bytes(void **state)
{
	size_t sizes[] = { 1, ZPACK_PIECE - 1, 2 * ZPACK_PIECE,
		2 * ZPACK_PIECE + 300000 };
	size_t steps[] = { 4093, 256u << 10, 5u << 20 }, i, j;
	char *csv = sample_csv(sizes[3]);
	struct zpack *z;
	int fd;

	(void)state;
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		z = pack_file(csv, sizes[i], &fd);
		check_same_as_reference(z, csv, sizes[i]);
		zpack_free(z);
		close(fd);
		for (j = 0; j < sizeof steps / sizeof steps[0]; j++) {
			z = pack_stream(csv, sizes[i], steps[j]);
			check_same_as_reference(z, csv, sizes[i]);
			zpack_free(z);
		}
	}
	free(csv);
}

/* A file read from an offset (standard input partly read already) packs what follows it. */
static void
test_file_from_an_offset(void **state)
{
	int first;
	static const char csv[] = "# Skipped: yes\nTestName,TestCase\na,b\n";
	int fd = temp_file(csv, strlen(csv)), err;
	struct zpack *z = zpack_start_file(fd, 15, strlen(csv) - 15);

	(void)state;
	assert_int_equal(zpack_finish(z, &err, &first), 0);
	check_stream(z, csv + 15, strlen(csv) - 15);
	zpack_free(z);
	close(fd);
}

/* A file that came out shorter than its size said (truncated meanwhile): no stream. */
static void
test_file_shorter_than_said_fails(void **state)
{
	int first;
	size_t n = ZPACK_PIECE + 1000;
	char *csv = sample_csv(n);
	int fd = temp_file(csv, n), err = -1;
	struct zpack *z = zpack_start_file(fd, 0, n + 10);

	(void)state;
	assert_int_equal(zpack_finish(z, &err, &first), -1);
	assert_int_equal(err, 0);
	zpack_free(z);
	close(fd);
	free(csv);
}

/* A read error is the errno of the read. */
static void
test_file_read_error_is_its_errno(void **state)
{
	int first;
	int fd = open("/", O_RDONLY), err = 0;
	struct zpack *z;

	(void)state;
	assert_true(fd >= 0);
	z = zpack_start_file(fd, 0, 100);
	assert_int_equal(zpack_finish(z, &err, &first), -1);
	assert_int_equal(err, EISDIR);
	/* Asked again, it says the same. */
	err = 0;
	assert_int_equal(zpack_finish(z, &err, &first), -1);
	assert_int_equal(err, EISDIR);
	zpack_free(z);
	close(fd);
}

/* Past its max a stream is dropped whole, and says so. */
static void
test_stream_over_max_is_dropped(void **state)
{
	int first;
	size_t n = ZPACK_PIECE + 5000;
	char *csv = sample_csv(n);
	struct zpack *z = zpack_start_stream(n - 1);
	int err = -1;

	(void)state;
	assert_int_equal(zpack_write(z, csv, n - 2), 0);
	assert_int_equal(zpack_write(z, csv, 1), 0);
	assert_int_equal(zpack_write(z, csv, 1), -1);
	assert_int_equal(zpack_write(z, csv, 1), -1);
	assert_int_equal(zpack_finish(z, &err, &first), -1);
	assert_int_equal(err, 0);
	zpack_free(z);
	free(csv);
}

/* Inflating gives the bytes back, in reads of any size. */
static void
test_unpack_gives_the_bytes_back(void **state)
{
	size_t n = ZPACK_PIECE + ZPACK_PIECE / 3, got = 0, want;
	char *csv = sample_csv(n), *back = xmalloc(n + 1);
	struct zpack *z = pack_stream(csv, n, 100000);
	struct zpack_unpack *u = zpack_unpack_new(z);
	long k;

	(void)state;
	for (want = 1; (k = zpack_unpack_read(u, back + got,
	    want < n + 1 - got ? want : n + 1 - got)) > 0; want = want * 3 + 1)
		got += (size_t)k;
	assert_int_equal(k, 0);
	assert_int_equal(got, n);
	assert_memory_equal(back, csv, n);
	assert_int_equal(zpack_unpack_read(u, back, 10), 0);
	zpack_unpack_free(u);
	zpack_unpack_free(NULL);
	zpack_free(z);
	free(back);
	free(csv);
}

/* Two readers of one stream at once (the PDF's and the HTML page's threads). */
static void
test_readers_are_independent(void **state)
{
	static const char csv[] = "a,b\n1,2\n";
	struct zpack *z = pack_stream(csv, strlen(csv), 3);
	struct zpack_unpack *a = zpack_unpack_new(z), *b = zpack_unpack_new(z);
	char x[16], y[16];

	(void)state;
	assert_int_equal(zpack_unpack_read(a, x, 3), 3);
	assert_int_equal(zpack_unpack_read(b, y, sizeof(y)), strlen(csv));
	assert_int_equal(zpack_unpack_read(a, x + 3, sizeof(x) - 3),
	    strlen(csv) - 3);
	assert_memory_equal(x, csv, strlen(csv));
	assert_memory_equal(y, csv, strlen(csv));
	zpack_unpack_free(a);
	zpack_unpack_free(b);
	zpack_free(z);
}

/* Throwing a zpack away unfinished stops the work; sanitizers watch for leaks. */
static void
test_free_without_finish(void **state)
{
	size_t n = 3 * ZPACK_PIECE;
	char *csv = sample_csv(n);
	struct zpack *z;
	int fd = temp_file(csv, n);

	(void)state;
	zpack_free(zpack_start_file(fd, 0, n));
	z = zpack_start_stream(n);
	assert_int_equal(zpack_write(z, csv, n), 0);
	zpack_free(z);
	zpack_free(zpack_start_stream(10));
	zpack_free(NULL);
	close(fd);
	free(csv);
}

/* A file appended to, or written with the same bytes later, while it is read: no stream. */
static void
test_file_changed_while_read_fails(void **state)
{
	static const char csv[] = "TestName,TestCase\na,b\n";
	const struct timespec tick = { 0, 20000000 };
	int fd, err = -1, first;
	struct zpack *z;
	char c = 'T';

	(void)state;
	fd = temp_file(csv, strlen(csv));
	z = zpack_start_file(fd, 0, strlen(csv));
	assert_int_equal(zpack_file_moved(z), 0);
	assert_int_equal(write(fd, "c,d\n", 4), 4);
	assert_int_equal(zpack_file_moved(z), 1);
	assert_int_equal(zpack_finish(z, &err, &first), -1);
	assert_int_equal(err, 0);
	zpack_free(z);
	close(fd);
	/* The same bytes: only the modification time moves, past the clock's tick. */
	fd = temp_file(csv, strlen(csv));
	z = zpack_start_file(fd, 0, strlen(csv));
	nanosleep(&tick, NULL);
	assert_int_equal(pwrite(fd, &c, 1, 0), 1);
	assert_int_equal(zpack_finish(z, &err, &first), -1);
	assert_int_equal(err, 0);
	zpack_free(z);
	close(fd);
}

/* The threads read through their own descriptor: the caller's may close at once. */
static void
test_caller_may_close_the_file(void **state)
{
	size_t n = ZPACK_PIECE + 99;
	char *csv = sample_csv(n);
	int fd = temp_file(csv, n), err, first;
	struct zpack *z = zpack_start_file(fd, 0, n);

	(void)state;
	close(fd);
	assert_int_equal(zpack_finish(z, &err, &first), 0);
	check_stream(z, csv, n);
	zpack_free(z);
	free(csv);
}

struct finisher {
	struct zpack *z;
	int rc, first;
};

static void
finisher_run(void *arg)
{
	struct finisher *f = arg;
	int err;

	f->rc = zpack_finish(f->z, &err, &f->first);
}

/* Two outputs waiting at once (the PDF's thread, the HTML page's): one finishes, both get the stream. */
static void
test_finish_from_two_threads(void **state)
{
	size_t n = 3 * ZPACK_PIECE;
	char *csv = sample_csv(n);
	int fd = temp_file(csv, n);
	struct zpack *z = zpack_start_file(fd, 0, n);
	struct finisher a = { z, -9, -9 }, b = { z, -9, -9 };
	struct task t;

	(void)state;
	task_start(&t, finisher_run, &a);
	finisher_run(&b);
	task_wait(&t);
	assert_int_equal(a.rc, 0);
	assert_int_equal(b.rc, 0);
	assert_int_equal(a.first + b.first, 1);
	check_stream(z, csv, n);
	zpack_free(z);
	close(fd);
	free(csv);
}

/* A stream's input ended: what went past the max is said then, before any wait. */
static void
test_end_input_says_over_max(void **state)
{
	struct zpack *z = zpack_start_stream(3);
	int err, first;

	(void)state;
	assert_int_equal(zpack_write(z, "abc", 3), 0);
	assert_int_equal(zpack_end_input(z), 0);
	assert_int_equal(zpack_end_input(z), 0);
	assert_int_equal(zpack_finish(z, &err, &first), 0);
	check_stream(z, "abc", 3);
	zpack_free(z);
	z = zpack_start_stream(3);
	assert_int_equal(zpack_write(z, "abcd", 4), -1);
	assert_int_equal(zpack_end_input(z), -1);
	assert_int_equal(zpack_finish(z, &err, &first), -1);
	zpack_free(z);
}

/* Out of descriptors, the threads read through the caller's, which must stay open. */
static void
test_file_without_a_spare_descriptor(void **state)
{
	size_t n = ZPACK_PIECE + 4321;
	char *csv = sample_csv(n);
	int fd = temp_file(csv, n), err, first;
	struct rlimit was, none;
	struct zpack *z;

	(void)state;
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &was), 0);
	none = was;
	none.rlim_cur = (rlim_t)fd + 1; /* no descriptor above fd: dup fails */
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &none), 0);
	z = zpack_start_file(fd, 0, n);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &was), 0);
	assert_true(zpack_borrows_fd(z));
	assert_int_equal(zpack_finish(z, &err, &first), 0);
	check_stream(z, csv, n);
	zpack_free(z);
	/* The caller's descriptor is left open. */
	assert_int_equal(close(fd), 0);
	free(csv);
}

/* No thread, or one: the writer or the one thread deflates every piece, the same bytes. */
static void
test_stream_on_fewer_threads(void **state)
{
	size_t n = 2 * ZPACK_PIECE + 777, threads, off, k;
	char *csv = sample_csv(n);
	struct zpack *z;
	int err, first;

	(void)state;
	for (threads = 0; threads < 2; threads++) {
		z = zpack_start_stream_threads(n, threads);
		for (off = 0; off < n; off += k) {
			k = n - off < 100000 ? n - off : 100000;
			assert_int_equal(zpack_write(z, csv + off, k), 0);
		}
		assert_int_equal(zpack_finish(z, &err, &first), 0);
		check_same_as_reference(z, csv, n);
		zpack_free(z);
	}
	/* Dropped past its max, with no thread to stop. */
	z = zpack_start_stream_threads(10, 0);
	assert_int_equal(zpack_write(z, csv, 11), -1);
	assert_int_equal(zpack_finish(z, &err, &first), -1);
	zpack_free(z);
	free(csv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_input_is_a_valid_stream),
		cmocka_unit_test(test_small_input_round_trips),
		cmocka_unit_test(test_pieces_join_into_one_stream),
		cmocka_unit_test(test_file_and_stream_give_the_same_bytes),
		cmocka_unit_test(test_file_from_an_offset),
		cmocka_unit_test(test_file_shorter_than_said_fails),
		cmocka_unit_test(test_file_read_error_is_its_errno),
		cmocka_unit_test(test_stream_over_max_is_dropped),
		cmocka_unit_test(test_unpack_gives_the_bytes_back),
		cmocka_unit_test(test_readers_are_independent),
		cmocka_unit_test(test_free_without_finish),
		cmocka_unit_test(test_file_changed_while_read_fails),
		cmocka_unit_test(test_caller_may_close_the_file),
		cmocka_unit_test(test_file_without_a_spare_descriptor),
		cmocka_unit_test(test_finish_from_two_threads),
		cmocka_unit_test(test_end_input_says_over_max),
		cmocka_unit_test(test_stream_on_fewer_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
