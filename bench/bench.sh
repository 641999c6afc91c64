#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# make bench: times igreport against `wc -l` (the floor for reading the bytes)
# and against the notebook's pandas/scipy/matplotlib pipeline, on generated
# files of 270 (a real run), 10^5, 10^6 and 10^7 rows. Prints one table.
# Not a test: nothing here is checked, only measured.
# usage: bench.sh IGREPORT GEN MEASURE   (env: BENCH_DIR, BENCH_SIZES, RUNS,
# BENCH_BASE: a previous igreport, built in its own checkout, whose
# --dump-model and output files must hold the same bytes: same-output.sh)
set -eu
bin=${1:?usage: bench.sh IGREPORT GEN MEASURE}
gen=${2:?}
measure=${3:?}
here=$(cd "$(dirname "$0")" && pwd)
dir=${BENCH_DIR:-/tmp/igreport-bench}
sizes=${BENCH_SIZES:-270 100000 1000000 10000000}
runs=${RUNS:-5}
mkdir -p "$dir/work"
py=/usr/bin/python3
have_py=0
if $py -c 'import pandas, scipy, matplotlib' 2>/dev/null; then have_py=1; fi

# The full report when this build has it (it rejects --format all otherwise).
have_full=0
"$gen" 270 6 1 >"$dir/rows-270.csv"
if (cd "$dir/work" && "$bin" --format all "$dir/rows-270.csv" >/dev/null 2>&1); then
	have_full=1
fi

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "igreport: $bin; runs per cell: $runs (median); notebook at 10^7 rows: 1 run"
echo "agg = igreport --dump-model >/dev/null; full = igreport -q --format all; nb = notebook.py"
# What any run of this binary costs before it reads a byte: exec and the
# dynamic loading of libxml2 (with ICU and libstdc++) and libharu.
set -- $("$measure" "$runs" "$bin" --version); floor_s=$1
set -- $("$measure" "$runs" /bin/true); true_s=$1
echo "floor: igreport --version $floor_s s (/bin/true $true_s s)"
# The HTML page against the SVG files it inlines, on the real-size file
# (target: -f html within 1.5 times -f svg).
if (cd "$dir/work" && "$bin" --format html -o r.html "$dir/rows-270.csv" >/dev/null 2>&1); then
	set -- $(cd "$dir/work" && "$measure" "$runs" "$bin" --format svg -o svg "$dir/rows-270.csv"); svg_s=$1
	set -- $(cd "$dir/work" && "$measure" "$runs" "$bin" --format html -o r.html "$dir/rows-270.csv"); html_s=$1
	awk -v h="$html_s" -v s="$svg_s" -v kb="$(wc -c <"$dir/work/r.html")" 'BEGIN {
		printf "html: 270 rows, -f html %.4f s, -f svg %.4f s, html/svg %.2f; page %.0f KB\n",
		    h, s, h / s, kb / 1000
		printf "target: -f html within 1.5x -f svg: measured %.2f (%s)\n", h / s,
		    h / s <= 1.5 ? "met" : "not met" }'
fi
# The trend over 50 runs of the real size (targets: -f all under 1 s, peak
# memory under 64 MB); each run its own seed, so its own label.
mkdir -p "$dir/trend"
for i in $(seq 1 50); do
	f="$dir/trend/run$(printf %02d "$i").csv"
	[ -s "$f" ] || "$gen" 270 6 "$i" >"$f"
done
if (cd "$dir/work" && "$bin" trend -q --dump-model "$dir"/trend/run*.csv >/dev/null 2>&1); then
	set -- $(cd "$dir/work" && "$measure" "$runs" "$bin" trend -q -f all -o trend-out "$dir"/trend/run*.csv)
	tall_s=$1; tall_rss=$2
	set -- $(cd "$dir/work" && "$measure" "$runs" "$bin" trend -q --dump-model "$dir"/trend/run*.csv)
	tdump_s=$1
	awk -v s="$tall_s" -v k="$tall_rss" -v d="$tdump_s" 'BEGIN {
		printf "trend: 50 runs x 270 rows, -f all %.4f s, RSS %.1f MB; --dump-model %.4f s\n",
		    s, k / 1024, d
		printf "target: trend of 50 runs under 1 s and 64 MB: measured %.3f s, %.1f MB (%s)\n",
		    s, k / 1024, s < 1 && k / 1024 < 64 ? "met" : "not met" }'
fi
echo
echo "rows mb wc agg agg_rss_kib full nb nbfig" >"$dir/results.tsv"
printf '%9s %7s | %8s | %8s %7s %6s %6s | %8s %6s | %8s %6s | %8s %6s\n' \
	rows MB "wc -l s" "agg s" "MB/s" "RSS MB" "/wc" "full s" "RSS MB" "nb s" "nb/agg" \
	"nbfig s" "/full"
for n in $sizes; do
	f="$dir/rows-$n.csv"
	[ -s "$f" ] || "$gen" "$n" 6 1 >"$f"
	mb=$(awk -v b="$(wc -c <"$f")" 'BEGIN { printf "%.1f", b / 1e6 }')
	wc -l "$f" >/dev/null   # into the page cache
	set -- $("$measure" "$runs" wc -l "$f"); wc_s=$1
	set -- $("$measure" "$runs" "$bin" --dump-model "$f"); agg_s=$1; agg_rss=$2
	agg_cpu=${4:--}
	if [ -n "${BENCH_BASE:-}" ]; then
		"$BENCH_BASE" --dump-model "$f" >"$dir/base.model" 2>&1 || :
		"$bin" --dump-model "$f" >"$dir/new.model" 2>&1 || :
		if cmp -s "$dir/base.model" "$dir/new.model"; then same="${same:-} $n"
		else differ="${differ:-} $n"; fi
	fi
	last_n=$n; last_mb=$mb; last_wc=$wc_s; last_agg=$agg_s; last_cpu=$agg_cpu
	full_s=-; full_rss=-
	if [ $have_full = 1 ]; then
		set -- $(cd "$dir/work" && "$measure" "$runs" "$bin" -q --format all "$f")
		full_s=$1; full_rss=$(awk -v k="$2" 'BEGIN { printf "%.1f", k / 1024 }')
	fi
	nb_s=-; nbfig_s=-
	if [ $have_py = 1 ]; then
		r=$runs; [ "$n" -ge 10000000 ] && r=1
		set -- $("$measure" "$r" $py "$here/notebook.py" compute "$f"); nb_s=$1
		if [ "$n" -le 1000 ]; then
			mkdir -p "$dir/nbfig"
			set -- $("$measure" "$runs" $py "$here/notebook.py" figures "$f" "$dir/nbfig")
			nbfig_s=$1
		fi
	fi
	echo "$n $mb $wc_s $agg_s $agg_rss $full_s $nb_s $nbfig_s" >>"$dir/results.tsv"
	awk -v n="$n" -v mb="$mb" -v wc="$wc_s" -v agg="$agg_s" -v rss="$agg_rss" \
	    -v full="$full_s" -v frss="$full_rss" -v nb="$nb_s" -v nbfig="$nbfig_s" '
	function ratio(a, b) { return (a == "-" || b == "-") ? "-" : sprintf("%.1f", a / b) }
	function sec(a) { return a == "-" ? "-" : sprintf("%.4f", a) }
	BEGIN {
		printf "%9d %7.1f | %8.4f | %8.4f %7.0f %6.1f %6s | %8s %6s | %8s %6s | %8s %6s\n",
		    n, mb, wc, agg, mb / agg, rss / 1024, ratio(agg, wc), sec(full), frss,
		    sec(nb), ratio(nb, agg), sec(nbfig), ratio(nbfig, full)
	}'
done
# The aggregation's targets (issue 17), at the largest size: within 4 times
# wc -l, and at least 1 GB/s of input per second of CPU (both threads' time).
awk -v n="$last_n" -v mb="$last_mb" -v wc="$last_wc" -v agg="$last_agg" \
    -v cpu="$last_cpu" 'BEGIN {
	r = agg / wc
	printf "target: agg/wc <= 4 at %d rows: measured %.1f (%s)\n", n, r,
	    r <= 4 ? "met" : "not met"
	if (cpu != "-" && cpu > 0)
		printf "target: parsing >= 1000 MB/s per core at %d rows: measured %.0f " \
		    "(%s; %.1f MB in %.3f s of CPU, %.3f s wall)\n", n, mb / cpu,
		    (mb / cpu >= 1000 ? "met" : "not met"), mb, cpu, agg
}'
# The report's own work (issue 17), measured here: -f all of the real-size
# file, run again in the same directory as a user would, within 3 times
# --version (measured beside it), and the trend of 50 runs under 0.3 s.
if [ $have_full = 1 ]; then
	set -- $("$measure" "$runs" "$bin" --version); ver_s=$1
	set -- $(cd "$dir/work" && "$measure" "$runs" "$bin" --format all "$dir/rows-270.csv")
	awk -v a="$1" -v v="$ver_s" 'BEGIN { r = a / v
		printf "target: -f all of 270 rows within 3x --version: measured %.1f " \
		    "(%s; %.4f s against %.4f s)\n", r, r <= 3 ? "met" : "not met", a, v }'
fi
[ -z "${tall_s:-}" ] || awk -v s="$tall_s" 'BEGIN {
	printf "target: trend of 50 runs under 0.300 s: measured %.3f s (%s)\n", s,
	    s < 0.3 ? "met" : "not met" }'
# The memory targets of large reports (issue 17): the peak RSS of -f pdf
# and -f all under 32 MB at 10^6 rows (the input attached) and at 10^7
# (over INPUT_ATTACH_MAX: not attached).
for n in 1000000 10000000; do
	f="$dir/rows-$n.csv"
	[ -s "$f" ] || "$gen" "$n" 6 1 >"$f"
	for fmt in pdf all; do
		set -- $(cd "$dir/work" && "$measure" "$runs" "$bin" -q --format "$fmt" -o "mem-$fmt" "$f")
		awk -v n="$n" -v f="$fmt" -v k="$2" -v s="$3" 'BEGIN {
			mb = k / 1024
			printf "target: peak RSS of -f %s at %d rows <= 32 MB: measured %.1f MB (%s)%s\n",
			    f, n, mb, mb <= 32 ? "met" : "not met", s == 0 ? "" : " (exit " s ")"
		}'
	done
done
if [ -n "${BENCH_BASE:-}" ]; then
	# Every output file too, for the real size, the largest size up to
	# 10^6 rows (the attachment's), a pipe, a comparison and the trend.
	big=$dir/rows-270.csv
	for n in $sizes; do [ "$n" -le 1000000 ] && big=$dir/rows-$n.csv; done
	sh "$here/same-output.sh" "$BENCH_BASE" "$bin" "$dir/same" \
	    "$dir/rows-270.csv" "$big" "$dir/trend" || :
	[ -z "${same:-}" ] || echo "dump-model: the same bytes as $BENCH_BASE at rows:$same"
	[ -z "${differ:-}" ] || echo "dump-model: NOT the same bytes as $BENCH_BASE at rows:$differ"
fi
if [ $have_py = 1 ]; then
	$py "$here/plot.py" "$dir/results.tsv" "$dir/bench.svg" && echo "plot: $dir/bench.svg"
fi
[ $have_py = 1 ] || echo "(notebook columns need python3-pandas, python3-scipy, python3-matplotlib: make bench-deps)"
[ $have_full = 1 ] || echo "(full report columns need a build with --format all)"
