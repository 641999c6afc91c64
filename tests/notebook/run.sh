#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Checks igreport's model against pandas + scipy computing the notebook's
# statistics: on the shipped samples, on every valid e2e input (each alone,
# and several-inputs' together), and on random files in both header layouts
# with short groups and misaligned rates.
set -eu
bin=${1:?usage: run.sh PATH/TO/igreport}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { /usr/bin/python3 "$here/notebook_check.py" "$bin" "$@"; }
for f in "$src"/samples/*.csv; do check "$f"; done
check --confidence 0.9 "$src/samples/test_results_synthetic.csv"
check "$src"/tests/e2e/several-inputs/*.csv >/dev/null
# Every distinct CSV of the e2e cases that igreport reads; one it refuses
# must belong to a case that expects a refusal (a case with a status file),
# so that a valid input refused by mistake is not skipped unseen.
seen=" "
n=0
for f in "$src"/tests/e2e/*/*.csv; do
	sum=$(cksum <"$f" | tr ' ' _)
	case $seen in *" $sum "*) continue ;; esac
	seen="$seen$sum "
	if "$bin" -q --dump-model "$f" >/dev/null 2>&1; then
		check "$f" >/dev/null
		n=$((n + 1))
	elif [ ! -f "$(dirname "$f")/status" ]; then
		echo "notebook_check: igreport refuses $f, but its case expects success" >&2
		exit 1
	fi
done
echo "notebook_check: $n distinct e2e inputs agree"
seed=1
while [ $seed -le 40 ]; do
	/usr/bin/python3 "$here/gen_random.py" $seed "$tmp/r$seed.csv"
	check "$tmp/r$seed.csv" >/dev/null
	seed=$((seed + 1))
done
echo "notebook_check: 40 random files agree"
