#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# make check-libharu24: builds libharu 2.4.6 (the release Alpine, Arch, Fedora
# and Homebrew ship; Debian 12 has 2.3.0) from ../shared/vendor into
# build/compat/, builds igreport against it, and runs the PDF back end's unit
# tests and the PDF e2e cases with it. Skips, and says so, where the source
# is missing (a user's own checkout has no ../shared) or cmake is absent.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tarball=${LIBHARU_TARBALL:-$root/../shared/vendor/libharu-2.4.6.tar.gz}
out=$root/build/compat
make=${MAKE:-make}
if [ ! -f "$tarball" ]; then
	echo "check-libharu24: skipped: $tarball not found"
	exit 0
fi
if ! command -v cmake >/dev/null; then
	echo "check-libharu24: skipped: cmake not installed"
	exit 0
fi
prefix=$out/libharu
if [ ! -f "$prefix/lib/libhpdf.so" ]; then
	rm -rf "$out/src" "$out/cmake"
	mkdir -p "$out/src"
	tar -xzf "$tarball" -C "$out/src"
	cmake -S "$out/src/libharu-2.4.6" -B "$out/cmake" -DCMAKE_BUILD_TYPE=Release \
		-DCMAKE_INSTALL_PREFIX="$prefix" -DBUILD_SHARED_LIBS=ON >"$out/cmake.log" 2>&1 ||
		{ cat "$out/cmake.log"; exit 1; }
	cmake --build "$out/cmake" -j2 >>"$out/cmake.log" 2>&1 || { cat "$out/cmake.log"; exit 1; }
	cmake --install "$out/cmake" >>"$out/cmake.log" 2>&1 || { cat "$out/cmake.log"; exit 1; }
fi
cd "$root"
$make -s BUILD=build/compat/igreport HPDF_PREFIX="$prefix" \
	build/compat/igreport/igreport build/compat/igreport/tests/test_pdf
# The binary really uses 2.4.6, not the system's 2.3.0.
ldd build/compat/igreport/igreport | grep -q "$prefix/lib/libhpdf.so"
IGREPORT_SOURCE_DIR=$root build/compat/igreport/tests/test_pdf
E2E_CASES="pdf-sample pdf-reproducible pdf-unicode-text pdf-navigation all-formats \
compare-pdf-regression compare-pdf-machines-differ pdf-large-attachment svg-matches-pdf" \
	IGREPORT_DATADIR=$root sh tests/e2e/run.sh "$root/build/compat/igreport/igreport"
echo "check-libharu24: libharu 2.4.6 passed"
