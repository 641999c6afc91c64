# SPDX-License-Identifier: Apache-2.0
# 27 rates: 169 changes tested, more than an A4 landscape page holds. The
# chart keeps the first 30 (the regressions and improvements among them),
# says so in its title and description, fits its page, and its rows are
# evenly spaced and never overlap.
set -e
svg=figs/trace_exec-change-chart.svg
xmllint --nonet --noout "$svg"
rsvg-convert -w 800 "$svg" >/dev/null
grep -q '>Change of the mean in % of OLD, with 95% CI; ±5% threshold shaded; the first 30 of 169 changes<' "$svg"
grep -q 'Only the first 30 rows are drawn; the other 139 changes are in the table of changes.' "$svg"
[ "$(grep -c '<g class="change">' "$svg")" = 30 ]
[ "$(grep -c 'fill="#c62828" text-anchor="end">+[0-9.]*% ▲<' "$svg")" = 3 ]
[ "$(grep -c 'fill="#2e7d32" text-anchor="end">-[0-9.]*% ▼<' "$svg")" = 2 ]
# Standalone, it is no taller than the page's content (523 pt) and its padding.
h=$(sed -n 's/.*<svg [^>]*viewBox="0 0 [0-9.]* \([0-9.]*\)".*/\1/p' "$svg" | head -n 1)
echo "$h" | awk '{ exit !($1 > 100 && $1 <= 523 + 24) }' || { echo "height $h"; exit 1; }
# The change values' baselines, top to bottom: one row pitch apart, at least a font size.
grep 'text-anchor="end">[-+]' "$svg" | sed 's/.* y="\([0-9.]*\)".*font-size="\([0-9.]*\)".*/\1 \2/' |
	awk 'NR > 1 { d = $1 - y; if (d < $2 || (p && (d - p > 0.02 || p - d > 0.02))) bad = 1; p = d }
	     { y = $1 } END { exit bad || NR != 30 }' || { echo "rows overlap or are uneven"; exit 1; }
# In the PDF the chart is one page: its title, 30 rows and the axis title.
pdftotext -layout cmp.pdf cmp.txt
page=$(grep -n 'trace_exec - Changes from OLD to NEW, regressions first' cmp.txt | cut -d: -f1)
axis=$(grep -n 'Change from OLD to NEW (% of OLD)' cmp.txt | cut -d: -f1)
[ -n "$page" ]
[ "$(sed -n "${page},${axis:?}p" cmp.txt | grep -c ' ev/s · ')" = 30 ]
# No page break (form feed, which starts the title's line) after the title up to the axis.
[ "$(sed -n "$((page + 1)),${axis}p" cmp.txt | tr -cd '\f' | wc -c)" = 0 ]
