# SPDX-License-Identifier: Apache-2.0
# The comparison PDF passes qpdf, embeds its font, reads back as text with
# the verdict, the regression's values, the change charts and both runs'
# figures (a change chart's page per gadget: 8 pages), is
# reproducible (cmd compares two runs), and draws the regression in red:
# the pixels of its "(+21.0%)" cell, rendered, are red, not black.
set -e
qpdf --check cmp.pdf >/dev/null
pdffonts cmp.pdf 2>/dev/null | grep -q 'DejaVuSans.*yes *yes *yes'
[ "$(pdfinfo cmp.pdf 2>/dev/null | sed -n 's/^Pages: *//p')" = 8 ]
grep -q '1 regression, 0 improvements' cmp.txt
grep -q 'worse ▲ *trace_exec *ig *4096 *IG CPU (%) *2.63 ± 0.07 *3.18 ± 0.03 *+0.55 ± 0.07 (+21.0%) *<0.001' cmp.txt
grep -q 'trace_exec - Changes from OLD to NEW, regressions first' cmp.txt
grep -q 'trace_exec - CPU, OLD vs NEW' cmp.txt
grep -q 'trace_dns - IG Memory and Lost Events, OLD vs NEW' cmp.txt
grep -q 'Changes from OLD to NEW - trace_exec' cmp.txt
grep -q '+21.0% ▲' cmp.txt
grep -q 'Overhead of IG, OLD vs NEW - trace_dns' cmp.txt
grep -q 'Inspektor Gadget benchmark comparison: old.csv vs new.csv - page 8 of 8' cmp.txt
# Colour of the regression's change cell (page 1, the significant table).
box=$(pdftotext -f 1 -l 1 -bbox cmp.pdf - 2>/dev/null | grep -F '>(+21.0%)<' | head -n 1 |
	sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)".*/\1 \2 \3 \4/')
[ -n "$box" ]
pdftoppm -f 1 -l 1 -r 144 -png cmp.pdf page 2>/dev/null
geo=$(echo "$box" | awk '{ printf "%dx%d+%d+%d", ($3-$1)*2, ($4-$2)*2, $1*2, $2*2 }')
rgb=$(convert page-1.png -crop "$geo" +repage -fuzz 15% -transparent white \
	-scale '1x1!' -format '%[fx:int(255*r)] %[fx:int(255*g)] %[fx:int(255*b)]' info:)
echo "$rgb" | awk '{ exit !($1 > 150 && $1 - $2 > 60 && $1 - $3 > 60) }' ||
	{ echo "regression cell not red: $rgb"; exit 1; }
