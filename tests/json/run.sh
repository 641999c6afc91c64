#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Checks igreport's JSON exports with Python's json module and Debian's
# python3-jsonschema against the schemas in docs/ (tests/json_check.py):
# -f json, bencher and benchmark-action of the shipped samples and of
# every e2e input igreport accepts, the -f json numbers against
# --dump-model's, the dashboards' values against -f json's; and compare
# -f json, bencher and benchmark-action of the generated pairs
# (tests/data/compare/pairs) and of every e2e case with an old and a new
# CSV.
set -eu
bin=${1:?usage: run.sh PATH/TO/igreport}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jobs="$tmp/jobs"
: >"$jobs"
n=0
# One run: its -f json against its dump, its dashboards against its -f json.
report() {
	n=$((n + 1))
	"$bin" -q --dump-model "$@" >"$tmp/$n.txt"
	"$bin" -q -f json "$@" >"$tmp/$n.json"
	"$bin" -q -f bencher "$@" >"$tmp/$n.b.json"
	"$bin" -q -f benchmark-action "$@" >"$tmp/$n.a.json"
	printf 'report\t%s\t--dump\t%s\n' "$tmp/$n.json" "$tmp/$n.txt" >>"$jobs"
	printf 'bencher\t%s\t--model\t%s\n' "$tmp/$n.b.json" "$tmp/$n.json" >>"$jobs"
	printf 'benchmark-action\t%s\t--model\t%s\n' "$tmp/$n.a.json" "$tmp/$n.json" >>"$jobs"
}
# Two runs: compare's dashboards hold NEW's values.
pair() {
	n=$((n + 1))
	st=0
	"$bin" compare -q -f json "$@" >"$tmp/$n.c.json" || st=$?
	[ $st = 0 ] || [ $st = 4 ] || exit 1
	for a; do new=$a; done
	"$bin" -q -f json "$new" >"$tmp/$n.json"
	"$bin" compare -q -f bencher "$@" >"$tmp/$n.b.json" || [ $? = 4 ]
	"$bin" compare -q -f benchmark-action "$@" >"$tmp/$n.a.json" || [ $? = 4 ]
	printf 'compare\t%s\n' "$tmp/$n.c.json" >>"$jobs"
	printf 'bencher\t%s\t--model\t%s\n' "$tmp/$n.b.json" "$tmp/$n.json" >>"$jobs"
	printf 'benchmark-action\t%s\t--model\t%s\n' "$tmp/$n.a.json" "$tmp/$n.json" >>"$jobs"
}
for f in "$src"/samples/*.csv; do report "$f"; done
report --confidence 0.9 --cpus 4 "$src/samples/test_results_synthetic.csv"
report "$src"/tests/e2e/several-inputs/*.csv
seen=" "
for f in "$src"/tests/e2e/*/*.csv; do
	sum=$(cksum <"$f" | tr ' ' _)
	case $seen in *" $sum "*) continue ;; esac
	seen="$seen$sum "
	if "$bin" -q --dump-model "$f" >/dev/null 2>&1; then
		report "$f"
	elif [ ! -f "$(dirname "$f")/status" ]; then
		echo "json check: igreport refuses $f, but its case expects success" >&2
		exit 1
	fi
done
for old in "$src"/tests/data/compare/pairs/old*.csv; do
	pair "$old" "${old%/old*}/new${old##*/old}"
	pair --correction bh "$old" "${old%/old*}/new${old##*/old}"
done
for old in "$src"/tests/e2e/*/old.csv; do
	new=${old%old.csv}new.csv
	[ -f "$new" ] || continue
	if "$bin" compare -q -f json "$old" "$new" >/dev/null 2>&1 ||
	    [ $? = 4 ]; then
		pair --correction holm "$old" "$new"
	fi
done
# Histories: the trend's JSON against its dump (the steps); its dashboards
# (the newest run's values) against their schemas.
history() {
	n=$((n + 1))
	"$bin" trend -q --dump-model "$@" >"$tmp/$n.txt"
	"$bin" trend -q -f json "$@" >"$tmp/$n.t.json"
	"$bin" trend -q -f bencher "$@" >"$tmp/$n.b.json"
	"$bin" trend -q -f benchmark-action "$@" >"$tmp/$n.a.json"
	printf 'trend\t%s\t--dump\t%s\n' "$tmp/$n.t.json" "$tmp/$n.txt" >>"$jobs"
	printf 'bencher\t%s\n' "$tmp/$n.b.json" >>"$jobs"
	printf 'benchmark-action\t%s\n' "$tmp/$n.a.json" >>"$jobs"
}
for d in "$src"/tests/e2e/trend-step "$src"/tests/e2e/trend-gate \
    "$src"/tests/e2e/trend-gaps "$src"/tests/e2e/trend-machines-differ; do
	history "$d"/*.csv
done
/usr/bin/python3 "$src/tests/json_check.py" --jobs "$jobs"
