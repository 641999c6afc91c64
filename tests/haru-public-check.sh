#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Every use of libharu's internals is in src/pdf_haru.c: every other file
# that includes hpdf.h (or pdf_haru.h) must compile against libharu's
# public API alone, the one hpdf.h declares with HPDF_SHARED defined
# (opaque handles, exported functions; no structure fields, no internal
# calls), plus the error codes of hpdf_error.h that the API returns; and
# no file but pdf_haru.c includes another hpdf_*.h. Argument 1: the
# directory holding hpdf.h (default: the system's, /usr/include); CC and
# CFLAGS as make passes them.
set -eu
cd "$(dirname "$0")/.."
inc=${1:-/usr/include}
fail() { echo "haru-public-check: $*" >&2; exit 1; }
[ -f "$inc/hpdf.h" ] || fail "no $inc/hpdf.h"
internal=$(grep -l '#include *[<"]hpdf_' src/*.[ch] tests/*.[ch] tests/fuzz/*.[ch] 2>/dev/null |
	grep -vx src/pdf_haru.c || true)
[ -z "$internal" ] || fail "libharu's internal headers included outside src/pdf_haru.c: $internal"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The error codes (HPDF_FILE_OPEN_ERROR, HPDF_STREAM_EOF...): constants the
# public API returns, but in hpdf_error.h beside its internal structures.
sed -n 's/^#define \(HPDF_[A-Z0-9_]*\) *\(0x[0-9A-Fa-f]*\).*/#define \1 \2/p' \
	"$inc/hpdf_error.h" >"$tmp/errors.h"
[ -s "$tmp/errors.h" ] || fail "no error codes in $inc/hpdf_error.h"
n=0
for f in $(grep -l '#include *[<"]\(hpdf\|pdf_haru\)\.h' src/*.c tests/*.c tests/fuzz/*.c 2>/dev/null); do
	[ "$f" = src/pdf_haru.c ] && continue
	${CC:-cc} -fsyntax-only -DHPDF_SHARED -include "$tmp/errors.h" -I"$inc" \
		-D_POSIX_C_SOURCE=200809L -DIGREPORT_VERSION='"0"' -DIGREPORT_DATADIR='"/"' \
		-std=c11 -Wall -Wextra -Werror -pedantic -Isrc -Itests \
		$(pkg-config --cflags libxml-2.0) "$f" ||
		fail "$f uses more of libharu than its public API"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || fail "no file includes hpdf.h"
echo "haru-public-check: $n files use only libharu's public API ($inc/hpdf.h); its internals are in src/pdf_haru.c"
