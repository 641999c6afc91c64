# SPDX-License-Identifier: Apache-2.0
# The change chart of a comparison with two regressions (IG CPU +19.7%,
# lost events from none to 13/s: no percentage, an arrow at the edge) and
# an improvement (memory -10%): a valid SVG that renders, regressions
# first in red, then the improvement in green, the rest in black; the
# threshold band; tooltips with the full test result; the same in the
# PDF's text and the HTML page; linked from the Markdown of -f all.
set -e
svg=out/trace_exec-change-chart.svg
xmllint --nonet --noout "$svg"
xmllint --nonet --noout out/trace_dns-change-chart.svg
rsvg-convert -w 800 "$svg" >chart.png
# Red (the regressions) and green (the improvement) pixels in the rendering.
for c in '#c62828' '#2e7d32'; do
	share=$(convert chart.png -fuzz 8% -fill black -opaque "$c" -fill white +opaque black \
		-negate -format '%[fx:mean]' info:)
	echo "$share" | awk '{ exit !($1 > 0.0005) }' || { echo "no $c pixels: $share"; exit 1; }
done
grep -q '<title>trace_exec - Changes from OLD to NEW, regressions first</title>' "$svg"
grep -q '<desc>Change chart for gadget trace_exec: the 13 changes tested from OLD to NEW, 2 regressions, 1 improvement and 10 with no change' "$svg"
grep -q '7 metrics measured as 0 in every run of both' "$svg"
grep -q '>Change of the mean in % of OLD, with 95% CI; ±5% threshold shaded<' "$svg"
grep -q 'fill="#bdbdbd"' "$svg"
# Rows in order: regressions (unbounded first), the improvement, no change.
lost=$(grep -n 'fill="#c62828" text-anchor="end">+13.0 ▲<' "$svg" | cut -d: -f1)
igcpu=$(grep -n 'fill="#c62828" text-anchor="end">+19.7% ▲<' "$svg" | cut -d: -f1)
mem=$(grep -n 'fill="#2e7d32" text-anchor="end">-10.0% ▼<' "$svg" | cut -d: -f1)
first_same=$(grep -n 'fill="#000000" text-anchor="end">[-+]\?[0-9.]*%<' "$svg" | head -n 1 | cut -d: -f1)
[ -n "$lost" ]
[ -n "$first_same" ]
[ "$lost" -lt "${igcpu:?}" ]
[ "$igcpu" -lt "${mem:?}" ]
[ "$mem" -lt "$first_same" ]
[ "$(grep -c '<g class="change">' "$svg")" = 13 ]
# The unbounded change is an arrow (a polygon in its colour), not a dot.
grep -q '<polygon points="[^"]*" fill="#c62828"/>' "$svg"
grep -q '<title>ig, 4096 events/s, IG CPU (%): OLD 2.63 ± 0.05 (n = 5), NEW 3.15 ± 0.05 (n = 5); change +0.52 ± 0.06 (+19.7%), p &lt; 0.001: a regression</title>' "$svg"
grep -q '>ig · 4096 ev/s · Lost<' "$svg"
# trace_dns has no change: nothing red or green.
[ "$(grep -c 'fill="#c62828"\|fill="#2e7d32"' out/trace_dns-change-chart.svg)" = 0 ]
# The PDF's text: title, rows in order, values, axis.
pdftotext -layout out/compare.pdf cmp.txt
grep -q 'trace_exec - Changes from OLD to NEW, regressions first' cmp.txt
l1=$(grep -n 'ig · 4096 ev/s · Lost *+13.0 ▲' cmp.txt | cut -d: -f1)
l2=$(grep -n 'ig · 4096 ev/s · IG CPU *+19.7% ▲' cmp.txt | cut -d: -f1)
l3=$(grep -n 'ig · 1024 ev/s · Mem *-10.0% ▼' cmp.txt | cut -d: -f1)
[ -n "$l1" ]
[ "$l1" -lt "${l2:?}" ]
[ "$l2" -lt "${l3:?}" ]
grep -q 'Change from OLD to NEW (% of OLD)' cmp.txt
# At --threshold 25, IG CPU +19.7% is no change, and the band is ±25%.
pdftotext -layout t25.pdf t25.txt
grep -q '±25% threshold shaded' t25.txt
grep -q '1 regression, 1 improvement' t25.txt
# Without a threshold there is no band.
if grep -q 'fill="#bdbdbd"\|threshold shaded' t0/trace_exec-change-chart.svg; then
	echo "a band without a threshold"; exit 1
fi
grep -q '>Change of the mean in % of OLD, with 95% CI<' t0/trace_exec-change-chart.svg
# HTML: the chart inline with its tooltips; Markdown of -f all links its SVG.
/usr/bin/python3 "$SRCDIR/tests/html_check.py" out/compare.html
grep -q '<figure id="trace_exec-change-chart">' out/compare.html
grep -q '<title>ig, 4096 events/s, Lost (/s): OLD 0.0 (n = 5), NEW 13.0 ± 2.0 (n = 5)' out/compare.html
grep -q '^!\[trace\\_exec - Changes from OLD to NEW, regressions first\](trace_exec-change-chart.svg)$' out/compare.md
