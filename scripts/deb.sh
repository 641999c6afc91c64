#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# make deb: builds the Debian package with dpkg-buildpackage in a copy of
# the tree (build/deb/, so that nothing is left in the checkout), then
# checks it: lintian with no error and no warning, the files it holds, and
# the packaged binary, unpacked into a scratch root, run from another
# directory on the sample (its outputs the same as the tree's build's) and
# its bash completion. Argument 1: the tree's own igreport binary.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build/deb
fail() { echo "deb: $*" >&2; exit 1; }
for tool in dpkg-buildpackage dh lintian; do
	command -v $tool >/dev/null || fail "$tool not installed (make deps)"
done
version=$(sed -n 's/^VERSION *= *//p' "$root/Makefile")
debversion=$(dpkg-parsechangelog -l "$root/debian/changelog" -S Version)
[ "${debversion%-*}" = "$version" ] ||
	fail "debian/changelog has $debversion, the Makefile VERSION $version"
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
deb=$out/igreport_${debversion}_$arch.deb

# The copy: what git tracks, plus new files not ignored (a commit's tree);
# outside a git checkout, everything but the build outputs.
rm -rf "$out"
mkdir -p "$out/igreport-$version"
cd "$root"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z --cached --others --exclude-standard |
		xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\n" "$f"; done' sh
else
	find . \( -path ./build -o -path ./out -o -path ./igreport -o -path ./.git \) -prune \
		-o \( -type f -o -type l \) -print
fi | tar -cf - -T - | tar -xf - -C "$out/igreport-$version"
cd "$out/igreport-$version"
dpkg-buildpackage -us -uc -b >"$out/build.log" 2>&1 ||
	{ tail -40 "$out/build.log" >&2; fail "dpkg-buildpackage failed (build/deb/build.log)"; }
[ -f "$deb" ] || fail "no $deb: $(ls "$out")"
echo "deb: built $(basename "$deb")"

# lintian: errors and warnings fail; info tags and overrides are shown
# (debian/igreport.lintian-overrides says why each override is there).
# (--fail-on would count the overridden tags that --show-overrides shows.)
lintian --fail-on none --display-info --show-overrides "$deb" \
    >"$out/lintian.txt" 2>"$out/lintian.err" ||
	{ cat "$out/lintian.txt" "$out/lintian.err" >&2; fail "lintian failed"; }
! grep -q '^[EW]:' "$out/lintian.txt" ||
	{ cat "$out/lintian.txt" >&2; fail "lintian reports errors or warnings"; }
if [ -s "$out/lintian.txt" ]; then
	echo "deb: lintian, no error or warning; info:"
	sed 's/^/  /' "$out/lintian.txt"
else
	echo "deb: lintian, nothing to report"
fi

# What it holds: the binary, its data, man page and completion; the two
# full fonts as links to fonts-dejavu-core's, which it depends on.
dpkg-deb -c "$deb" >"$out/contents.txt"
for f in usr/bin/igreport usr/share/man/man1/igreport.1.gz \
    usr/share/bash-completion/completions/igreport \
    usr/share/igreport/templates/default.xml \
    usr/share/igreport/templates/compare.xml \
    usr/share/igreport/templates/igreport.xsd \
    usr/share/igreport/fonts/DejaVuSans-WinAnsi.ttf \
    usr/share/doc/igreport/copyright; do
	grep -q " \./$f\$" "$out/contents.txt" || fail "$f not in the package"
done
for f in DejaVuSans DejaVuSans-Bold; do
	grep -q " \./usr/share/igreport/fonts/$f.ttf -> \.\./\.\./fonts/truetype/dejavu/$f.ttf\$" \
		"$out/contents.txt" || fail "fonts/$f.ttf is not a link to fonts-dejavu-core's"
done
dpkg-deb -f "$deb" Depends | grep -q 'fonts-dejavu-core' ||
	fail "the package does not depend on fonts-dejavu-core"

# Unpacked into a scratch root whose /usr/share/fonts is this machine's
# (fonts-dejavu-core, as the dependency installs it), and run from elsewhere.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp/root"
mkdir -p "$tmp/root/usr/share/fonts/truetype" "$tmp/elsewhere" "$tmp/tree"
ln -s /usr/share/fonts/truetype/dejavu "$tmp/root/usr/share/fonts/truetype/dejavu"
bin=$tmp/root/usr/bin/igreport
grep -q -a /usr/share/igreport "$bin" || fail "the binary does not look in /usr/share/igreport"
cp "$root/samples/test_results_synthetic.csv" "$tmp/elsewhere/runs.csv"
cd "$tmp/elsewhere"
env -u IGREPORT_DATADIR SOURCE_DATE_EPOCH=0 "$bin" -q -f all -o out runs.csv ||
	fail "the packaged igreport failed on the sample"
[ -s out/igreport.pdf ] && [ -s out/igreport.html ] && [ -s out/igreport.md ] &&
	[ -s out/trace_exec-host.svg ] || fail "outputs missing: $(ls out)"
# Text Windows-1252 cannot spell embeds the full font, read through the link.
title='CPU → α'
env -u IGREPORT_DATADIR SOURCE_DATE_EPOCH=0 "$bin" -q --title "$title" -o out/unicode.pdf runs.csv ||
	fail "the packaged igreport failed with a title in Greek"
pdffonts out/unicode.pdf | grep -q 'DejaVuSans,Book  *CID TrueType' ||
	fail "the full DejaVu Sans is not embedded: $(pdffonts out/unicode.pdf)"
pdftotext out/unicode.pdf - | grep -qF "$title" || fail "the title in Greek does not read back"
# The same bytes as the tree's own build (argument 1) writes.
cp runs.csv "$tmp/tree/runs.csv"
cd "$tmp/tree"
IGREPORT_DATADIR=$root SOURCE_DATE_EPOCH=0 "$1" -q -f all -o out runs.csv &&
	IGREPORT_DATADIR=$root SOURCE_DATE_EPOCH=0 "$1" -q --title "$title" -o out/unicode.pdf runs.csv ||
	fail "$1 failed on the sample"
diff -r out "$tmp/elsewhere/out" >"$tmp/diff" ||
	{ head -20 "$tmp/diff" >&2; fail "the packaged binary's outputs differ from the tree's"; }
bash "$root/tests/completion-check.sh" "$tmp/root/usr/share/bash-completion/completions/igreport" \
	"$bin" >/dev/null || fail "the packaged bash completion failed"
echo "deb: $(basename "$deb") unpacked, ran from another directory (outputs as the tree's), completion works"
