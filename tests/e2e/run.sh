#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# End-to-end cases: each tests/e2e/CASE/ holds a `cmd` (a shell line run in a
# scratch copy of the case, with `igreport` on PATH) and whichever expected
# files apply: stdout.txt, stderr.txt, status (default 0), check.sh (run
# after the command in the scratch directory; must exit 0). A case that
# cannot run here (no permission to mount, say) exits 77 from cmd or
# check.sh: it is counted and printed as skipped, with the first line of its
# stderr, never as passed. $SRCDIR is the
# repository root, for cases that use the shipped samples. A case whose
# status is not 0 must leave no new file behind. REGEN=1 rewrites the
# expected stdout.txt, stderr.txt and status from what the binary does now.
# E2E_CASES="a b ..." runs only the cases named. Every PDF a case leaves
# must read, list its fonts and render under poppler with nothing on
# stderr (a warning there is a defect of the file).
set -u
bin=${1:?usage: run.sh PATH/TO/igreport}
root=$(cd "$(dirname "$0")" && pwd)
SRCDIR=$(cd "$root/../.." && pwd)
export SRCDIR
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/bin"
ln -s "$bin" "$scratch/bin/igreport"
pass=0
fail=0
# The PDFs in directory $1 that poppler warns about, with its words.
poppler_warnings() {
	find "$1" -name '*.pdf' -type f | sort | while IFS= read -r pdf; do
		{ pdftotext "$pdf" /dev/null; pdffonts "$pdf" >/dev/null
		  pdftoppm -r 10 -png "$pdf" "$scratch/pp"; } 2>&1 >/dev/null |
			sed "s|^|${pdf##*/}: |"
	done
	rm -f "$scratch"/pp*.png
}
skip=0
for dir in "$root"/*/; do
	name=$(basename "$dir")
	[ -f "$dir/cmd" ] || continue
	case " ${E2E_CASES:-$name} " in *" $name "*) ;; *) continue ;; esac
	work="$scratch/$name"
	mkdir "$work"
	cp -R "$dir"/. "$work"/
	(cd "$work" && find . -type f | sort) >"$scratch/before"
	expected_status=0
	[ -f "$dir/status" ] && expected_status=$(cat "$dir/status")
	(cd "$work" && PATH="$scratch/bin:$PATH" SOURCE_DATE_EPOCH=1700000000 \
		sh ./cmd >"$scratch/out" 2>"$scratch/err")
	status=$?
	if [ "$status" = 77 ] && [ "$expected_status" != 77 ]; then
		skip=$((skip + 1))
		echo "SKIP $name: $(head -n 1 "$scratch/err")"
		continue
	fi
	if [ -n "${REGEN:-}" ]; then
		echo "$status" >"$dir/status"
		[ "$status" = 0 ] && rm -f "$dir/status"
		if [ -f "$dir/stdout.txt" ] || [ -s "$scratch/out" ]; then
			cp "$scratch/out" "$dir/stdout.txt"
		fi
		if [ -f "$dir/stderr.txt" ] || [ -s "$scratch/err" ]; then
			cp "$scratch/err" "$dir/stderr.txt"
		fi
		echo "regenerated $name"
		continue
	fi
	problems=""
	[ "$status" = "$expected_status" ] ||
		problems="$problems status $status, expected $expected_status;"
	if [ -f "$dir/stdout.txt" ] && ! cmp -s "$dir/stdout.txt" "$scratch/out"; then
		problems="$problems stdout differs;"
		diff "$dir/stdout.txt" "$scratch/out" | head -n 10 >"$scratch/diff"
	fi
	if [ -f "$dir/stderr.txt" ] && ! cmp -s "$dir/stderr.txt" "$scratch/err"; then
		problems="$problems stderr differs;"
		diff "$dir/stderr.txt" "$scratch/err" | head -n 10 >>"$scratch/diff"
	fi
	if [ "$expected_status" != 0 ]; then
		(cd "$work" && find . -type f | sort) >"$scratch/after"
		cmp -s "$scratch/before" "$scratch/after" ||
			problems="$problems left files behind: $(comm -13 "$scratch/before" "$scratch/after" | tr '\n' ' ');"
	fi
	if [ -f "$dir/check.sh" ] && [ -z "$problems" ]; then
		(cd "$work" && sh ./check.sh >"$scratch/diff" 2>&1)
		check_status=$?
		if [ "$check_status" = 77 ]; then
			skip=$((skip + 1))
			echo "SKIP $name: $(head -n 1 "$scratch/diff")"
			rm -f "$scratch/diff"
			continue
		elif [ "$check_status" != 0 ]; then
			problems="$problems check.sh failed;"
		fi
	fi
	if [ -z "$problems" ] && [ "$expected_status" = 0 ]; then
		poppler_warnings "$work" >"$scratch/diff"
		[ -s "$scratch/diff" ] && problems="$problems poppler warns;"
	fi
	if [ -z "$problems" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name:$problems"
		sed 's/^/    /' "$scratch/diff" 2>/dev/null
	fi
	rm -f "$scratch/diff"
done
echo "e2e: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
