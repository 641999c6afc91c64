#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# make check-libharu24: builds libharu 2.4.6 (the release Alpine, Arch, Fedora
# and Homebrew ship; Debian 12 has 2.3.0) from ../shared/vendor into
# build/compat/, builds igreport and its unit tests against it, and runs
# every unit test and every e2e case with that build. Skips, and says so,
# where the source is missing (a user's own checkout has no ../shared).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tarball=${LIBHARU_TARBALL:-$root/../shared/vendor/libharu-2.4.6.tar.gz}
out=$root/build/compat
make=${MAKE:-make}
if [ ! -f "$tarball" ]; then
	echo "check-libharu24: skipped: $tarball not found"
	exit 0
fi
# cmake is in scripts/debian-packages.txt: without it, the check fails
# rather than pass unseen.
if ! command -v cmake >/dev/null; then
	echo "check-libharu24: cmake not installed (make deps)" >&2
	exit 1
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
build=build/compat/igreport
# Its public API suffices outside src/pdf_haru.c, as 2.3.0's does.
sh tests/haru-public-check.sh "$prefix/include"
# unit builds and runs every unit test; then the binary and the e2e shims.
$make -s BUILD=$build HPDF_PREFIX="$prefix" unit
$make -s BUILD=$build HPDF_PREFIX="$prefix" $build/igreport $build/tests/enospc.so \
	$build/tests/change.so
# The binaries really use 2.4.6, not the system's 2.3.0.
for b in $build/igreport $build/tests/test_pdf; do
	ldd "$b" | grep -q "$prefix/lib/libhpdf.so" ||
		{ echo "check-libharu24: $b is not linked to $prefix/lib/libhpdf.so" >&2; exit 1; }
done
IGREPORT_DATADIR=$root ENOSPC_SHIM=$root/$build/tests/enospc.so \
	CHANGE_SHIM=$root/$build/tests/change.so sh tests/e2e/run.sh "$root/$build/igreport"
echo "check-libharu24: libharu 2.4.6 passed every unit test and e2e case"
