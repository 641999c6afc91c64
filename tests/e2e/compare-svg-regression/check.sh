# SPDX-License-Identifier: Apache-2.0
# One valid, standalone SVG per comparison figure and table; the
# regression's cell is red text, the figures have OLD and NEW bars.
set -e
for f in figs/*.svg; do
	xmllint --nonet --noout "$f"
	rsvg-convert -w 400 "$f" >/dev/null
	grep -q '<title>' "$f"
	grep -q 'viewBox="0 0 ' "$f"
	if grep -qi 'href\|<script\|@import\|url(' "$f"; then exit 1; fi
done
grep -q '<title>trace_exec - CPU, OLD vs NEW</title>' figs/trace_exec-cpu.svg
grep -q 'fill="#c62828"[^>]*>+21.0% ▲<' figs/trace_exec-changes.svg
[ "$(grep -c 'fill="#c62828"' figs/trace_dns-changes.svg)" = 0 ]
grep -q '>OLD<' figs/trace_exec-cpu.svg
grep -q '>NEW<' figs/trace_exec-cpu.svg
