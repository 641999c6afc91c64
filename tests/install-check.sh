#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs into a scratch prefix, then runs the installed binary from another
# directory without IGREPORT_DATADIR: it must find its templates and fonts
# (also after the tree is moved) and write every output; the JSON Schemas
# are installed beside the templates; the man page must render without
# warnings, the bash completion must work from where it is installed;
# uninstall must remove everything.
set -eu
make=${MAKE:-make}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "install-check: $*" >&2; exit 1; }
$make -s -C "$src" install PREFIX="$tmp/prefix" >/dev/null
mv "$tmp/prefix" "$tmp/moved"
mkdir "$tmp/elsewhere"
cp "$src/samples/test_results_synthetic.csv" "$tmp/elsewhere/runs.csv"
cd "$tmp/elsewhere"
env -u IGREPORT_DATADIR SOURCE_DATE_EPOCH=0 "$tmp/moved/bin/igreport" -q \
    -f all -o out runs.csv || fail "the installed binary failed"
[ -s out/igreport.pdf ] && [ -s out/igreport.md ] && [ -s out/igreport.json ] &&
    [ -s out/trace_exec-host.svg ] || fail "outputs missing: $(ls out)"
[ -s "$tmp/moved/share/igreport/schemas/igreport-report.schema.json" ] ||
    fail "JSON Schemas not installed"
page=$tmp/moved/share/man/man1/igreport.1
[ -f "$page" ] || fail "man page not installed"
# groff comes with groff-base (scripts/debian-packages.txt): no check is skipped.
command -v groff >/dev/null || fail "groff not installed (make deps)"
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
[ -z "$warnings" ] || fail "man page: $warnings"
completion=$tmp/moved/share/bash-completion/completions/igreport
[ -f "$completion" ] || fail "bash completion not installed"
bash "$src/tests/completion-check.sh" "$completion" "$tmp/moved/bin/igreport" >/dev/null ||
    fail "the installed bash completion failed"
cd "$src"
mv "$tmp/moved" "$tmp/prefix"
$make -s -C "$src" uninstall PREFIX="$tmp/prefix" >/dev/null
left=$(find "$tmp/prefix" -type f)
[ -z "$left" ] || fail "left after uninstall: $left"
echo "install-check: installed, ran from elsewhere, completed in bash, uninstalled"
