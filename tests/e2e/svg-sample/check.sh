# SPDX-License-Identifier: Apache-2.0
# One valid, standalone SVG per figure and table, each rendering and small.
set -e
[ "$(ls figures | wc -l)" = 12 ]
for f in figures/*.svg; do
	xmllint --nonet --noout "$f"
	rsvg-convert -w 400 "$f" >/dev/null
	grep -q '<title>' "$f"
	grep -q 'viewBox="0 0 ' "$f"
	if grep -qi 'href\|<script\|@import\|url(' "$f"; then exit 1; fi
	[ "$(wc -c <"$f")" -lt 49152 ] || { echo "$f too big"; exit 1; }
done
grep -q '<title>trace_exec - IG Process</title>' figures/trace_exec-ig-process.svg
