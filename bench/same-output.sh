#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Part of make bench: every output file of BASE (a previous igreport, built
# in its own checkout so that it finds its own templates) and of NEW for
# the same inputs, with SOURCE_DATE_EPOCH set, must hold the same bytes:
# speed work must not change a report. Prints one line per case and
# exits 1 when any differs.
# usage: same-output.sh BASE NEW DIR REAL BIG TREND_DIR
#   REAL: a real-size file; BIG: a large one (also read from a pipe);
#   TREND_DIR: run*.csv of a trend
set -eu
base=${1:?usage: same-output.sh BASE NEW DIR REAL BIG TREND_DIR}
new=${2:?}
dir=${3:?}
real=${4:?}
big=${5:?}
trend=${6:?}
# The commands run in other directories.
abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
real=$(abs "$real")
big=$(abs "$big")
trend=$(cd "$trend" && pwd)
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
status=0
n=0

# Runs the shell command $1 (which names the binary as "$IGREPORT") with
# each binary in its own empty directory, then compares the directories.
same() {
	n=$((n + 1))
	for who in base new; do
		rm -rf "$dir/$who"
		mkdir -p "$dir/$who"
		IGREPORT=$base
		[ $who = new ] && IGREPORT=$new
		(cd "$dir/$who" && IGREPORT=$IGREPORT REAL=$real BIG=$big TREND=$trend \
		    COMPACT=$compact sh -c "$2" >stdout 2>stderr) || :
	done
	if diff -r "$dir/base" "$dir/new" >"$dir/diff.$n" 2>&1; then
		echo "same output: $1 ($(find "$dir/new" -type f | wc -l) files)"
	else
		echo "DIFFERENT output: $1 (see $dir/diff.$n)"
		status=1
	fi
}

compact=$(cd "$(dirname "$new")/.." && pwd)/templates/compact.xml
same "report -f all, $(basename "$real")" '"$IGREPORT" -f all "$REAL"'
same "report -f all -t compact.xml, $(basename "$real")" \
	'"$IGREPORT" -f all -t "$COMPACT" "$REAL"'
same "report -f all, $(basename "$big")" '"$IGREPORT" -f all "$BIG"'
same "report -f all from a pipe, $(basename "$big")" \
	'"$IGREPORT" -f all -o pipe - <"$BIG"'
same "compare -f all" '"$IGREPORT" compare -q -f all -o cmp "$REAL" "$TREND/run02.csv"'
same "trend -f all, $(ls "$trend"/run*.csv | wc -l) runs" \
	'"$IGREPORT" trend -q -f all -o t "$TREND"/run*.csv'
exit $status
