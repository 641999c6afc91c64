/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the unit tests: double comparisons and paths into the source tree. */
#ifndef IGREPORT_TESTUTIL_H
#define IGREPORT_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>

/* Fails unless |a - b| <= rel * |b| (or <= rel when b is 0). */
#define assert_close(a, b, rel)                                              \
	do {                                                                 \
		double a_ = (a), b_ = (b), r_ = (rel);                       \
		double tol_ = b_ == 0 ? r_ : r_ * fabs(b_);                  \
		if (!(fabs(a_ - b_) <= tol_))                                \
			fail_msg("%s = %.17g, expected %.17g (rel %g)", #a,  \
			    a_, b_, r_);                                     \
	} while (0)

/* Fails with what, got and want unless |got - want| <= tol (an absolute tolerance). */
void testutil_check_close(double got, double want, double tol, const char *what);

/* How many times sub occurs in s, overlapping occurrences counted. */
size_t testutil_count(const char *s, const char *sub);

/* A path under the source tree (IGREPORT_SOURCE_DIR, or "."); caller frees. */
char *testutil_source_path(const char *relative);

/* A temporary FILE holding text, positioned at its start; fclose removes it. */
FILE *testutil_text_file(const char *text);

/*
 * cmocka setup and teardown: *state is a new empty directory (under
 * $TMPDIR or /tmp, its path newly allocated), removed with what it holds.
 */
int testutil_scratch_setup(void **state);
int testutil_scratch_teardown(void **state);

#endif
