# SPDX-License-Identifier: Apache-2.0
# The PDF and SVG back ends draw the same figure: the host figure (its page found by its title),
# rendered at 72 dpi and cropped to the figure, differs from the SVG rendered
# at the same size in few pixels (text anti-aliasing and the PDF's synthetic
# bold; a blur evens those out). Bars moved by 4 pt differ in about 16000.
set -e
w=$(sed -n 's/.*<svg [^>]*width="\([0-9.]*\)".*/\1/p' out/trace_tcp-host.svg)
h=$(sed -n 's/.*<svg [^>]*height="\([0-9.]*\)".*/\1/p' out/trace_tcp-host.svg)
W=$(printf '%.0f' "$w")
H=$(printf '%.0f' "$h")
page=1
until pdftotext -f $page -l $page out/igreport.pdf - 2>/dev/null | grep -q '^trace_tcp - Host$'; do
	page=$((page + 1))
	[ $page -lt 20 ]
done
pdftoppm -r 72 -f $page -l $page -x 24 -y 24 -W "$W" -H "$H" -png -singlefile \
	out/igreport.pdf pdf 2>/dev/null
rsvg-convert -w "$W" -h "$H" -b white out/trace_tcp-host.svg -o svg.png
convert pdf.png -blur 0x1.5 a.png
convert svg.png -blur 0x1.5 b.png
n=$(compare -metric AE -fuzz 15% a.png b.png null: 2>&1 || true)
echo "differing pixels: $n of $((W * H))"
[ "${n%%.*}" -lt 3000 ]
# The same for the overview's line charts (markers, whiskers, end labels): page 2.
w=$(sed -n 's/.*<svg [^>]*width="\([0-9.]*\)".*/\1/p' out/overheads.svg)
h=$(sed -n 's/.*<svg [^>]*height="\([0-9.]*\)".*/\1/p' out/overheads.svg)
W=$(printf '%.0f' "$w")
H=$(printf '%.0f' "$h")
# The figure's top is found near its title: the crop with the fewest
# differing pixels. The SVG's 12 pt margin and the bold title (synthetic bold
# in the PDF, a bold face in SVG) are left out of the comparison:
# on the page it holds the heading above and the table below.
title=$(pdftotext -f 2 -l 2 -bbox out/igreport.pdf - 2>/dev/null |
	sed -n 's/.*yMin="\([0-9]*\)[0-9.]*".*>Overhead<.*/\1/p' | head -n 1)
rsvg-convert -w "$W" -h "$H" -b white out/overheads.svg -o svg2.png
convert svg2.png -crop "${W}x$((H - 46))+0+32" -blur 0x1.5 d.png
best=999999
for dy in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
	pdftoppm -r 72 -f 2 -l 2 -x 24 -y $((title - dy)) -W "$W" -H "$H" \
		-png -singlefile out/igreport.pdf pdf2 2>/dev/null
	convert pdf2.png -crop "${W}x$((H - 46))+0+32" -blur 0x1.5 c.png
	n=$(compare -metric AE -fuzz 15% c.png d.png null: 2>&1 || true)
	[ "${n%%.*}" -lt "$best" ] && best=${n%%.*}
done
echo "overview: differing pixels: $best of $((W * (H - 46)))"
[ "$best" -lt 3000 ]
