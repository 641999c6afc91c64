#!/bin/sh
# Checks igreport's model against pandas + scipy computing the notebook's
# statistics: on the shipped samples, on every valid e2e input, and on
# random files in both header layouts with short groups and misaligned rates.
set -eu
bin=${1:?usage: run.sh PATH/TO/igreport}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { /usr/bin/python3 "$here/notebook_check.py" "$bin" "$@"; }
for f in "$src"/samples/*.csv; do check "$f"; done
check --confidence 0.9 "$src/samples/test_results_synthetic.csv"
for c in older-layout crlf-bom short-groups misaligned-rates several-inputs shuffled; do
	check "$src"/tests/e2e/$c/*.csv
done
seed=1
while [ $seed -le 40 ]; do
	/usr/bin/python3 "$here/gen_random.py" $seed "$tmp/r$seed.csv"
	check "$tmp/r$seed.csv" >/dev/null
	seed=$((seed + 1))
done
echo "notebook_check: 40 random files agree"
