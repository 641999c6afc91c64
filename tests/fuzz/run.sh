#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs each libFuzzer target for SECONDS with its dictionary, seeded from the
# committed corpus (tests/fuzz/corpus/KIND), the regressions, and the e2e
# cases, samples and templates; the growing corpus stays in build/fuzz.
# fuzz_cli drives the whole program: its standard output and error go to
# /dev/null (-close_fd_mask=3), libFuzzer's own reports still show.
# usage: run.sh SECONDS build/fuzz/fuzz_csv build/fuzz/fuzz_template ...
set -eu
seconds=${1:?usage: run.sh SECONDS TARGET...}
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/fuzz
status=0
for target in "$@"; do
	kind=$(basename "$target")
	kind=${kind#fuzz_}
	corpus=$out/corpus/$kind
	seeds=$out/seeds/$kind
	rm -rf "$seeds"
	mkdir -p "$corpus" "$seeds" "$out/artifacts"
	case $kind in
	csv) set -- "$root"/tests/e2e/*/*.csv "$root"/samples/*.csv ;;
	template) set -- "$root"/tests/e2e/*/*.xml "$root"/templates/*.xml \
		"$root"/tests/data/templates/*.xml ;;
	*) set -- ;;
	esac
	quiet=
	[ "$kind" = cli ] && quiet=-close_fd_mask=3
	for f in "$@" "$root"/tests/fuzz/regress/"$kind"/* \
	    "$root"/tests/fuzz/corpus/"$kind"/*; do
		[ -f "$f" ] || continue
		cp "$f" "$seeds/$(basename "$(dirname "$f")")-$(basename "$f")"
	done
	log=$out/$kind.log
	echo "fuzz: $kind for ${seconds}s ($(ls "$corpus" | wc -l) corpus files)"
	if IGREPORT_SOURCE_DIR=$root "$target" -max_total_time="$seconds" \
	    -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
	    -dict="$root/tests/fuzz/$kind.dict" \
	    -artifact_prefix="$out/artifacts/$kind-" -print_final_stats=1 $quiet \
	    "$corpus" "$seeds" >"$log" 2>&1; then
		grep -E '^stat::number_of_executed_units|^Done' "$log" |
			sed 's/^/    /'
		echo "    corpus: $(ls "$corpus" | wc -l) files"
	else
		status=1
		echo "FAIL fuzz $kind: see $log; reproducers in $out/artifacts"
		tail -n 60 "$log"
	fi
done
exit $status
