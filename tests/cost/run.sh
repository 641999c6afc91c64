#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Checks igreport's cost model (--dump-model cost lines) against numpy's
# least squares (scripts/cost_check.py): on the shipped samples, on every
# e2e input igreport accepts (each alone; most have fewer than 3 shared
# rates, and then the check is that there are no cost lines), and on 40
# random files in both header layouts.
set -eu
bin=${1:?usage: run.sh PATH/TO/igreport}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { /usr/bin/python3 "$src/scripts/cost_check.py" check "$bin" "$@"; }
for f in "$src"/samples/*.csv; do check "$f"; done
check --confidence 0.9 "$src/samples/test_results_synthetic.csv"
check --each "$src"/tests/e2e/*/*.csv
seed=1
while [ $seed -le 40 ]; do
	/usr/bin/python3 "$src/scripts/cost_check.py" gen $seed "$tmp/r$seed.csv"
	seed=$((seed + 1))
done
# Every random file is valid by construction: all 40 must be checked, none skipped.
check --each "$tmp"/r*.csv | tee "$tmp/out"
grep -q '^cost_check: 40 files ' "$tmp/out"
