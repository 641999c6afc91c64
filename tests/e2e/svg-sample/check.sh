# SPDX-License-Identifier: Apache-2.0
# One valid, standalone SVG per figure and table, each rendering and small.
set -e
[ "$(ls figures | wc -l)" = 14 ]
for f in figures/*.svg; do
	xmllint --nonet --noout "$f"
	rsvg-convert -w 400 "$f" >/dev/null
	grep -q '<title>' "$f"
	grep -q 'viewBox="0 0 ' "$f"
	if grep -qi 'href\|<script\|@import\|url(' "$f"; then exit 1; fi
	[ "$(wc -c <"$f")" -lt 49152 ] || { echo "$f too big"; exit 1; }
done
grep -q '<title>trace_exec - IG Process</title>' figures/trace_exec-ig-process.svg
# The overview: a line per gadget, named at its end, with markers and whiskers.
for g in trace_dns trace_exec trace_open trace_tcp; do
	[ "$(grep -c ">$g</text>" figures/overheads.svg)" = 2 ]
done
grep -q '<g class="markers">' figures/overheads.svg
grep -q '<polyline ' figures/overheads.svg
# Lost events drawn only where some were lost, as a share clipped at 0.
[ -f figures/trace_open-lost.svg ] && [ ! -f figures/trace_dns-lost.svg ]
grep -q 'Intervals of Lost stop at 0' figures/trace_open-lost.svg
