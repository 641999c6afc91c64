# SPDX-License-Identifier: Apache-2.0
# The PDF and SVG back ends draw the same figure: the host figure of page 2,
# rendered at 72 dpi and cropped to the figure, differs from the SVG rendered
# at the same size in few pixels (text anti-aliasing and the PDF's synthetic
# bold; a blur evens those out). Bars moved by 4 pt differ in about 16000.
set -e
w=$(sed -n 's/.*<svg [^>]*width="\([0-9.]*\)".*/\1/p' out/trace_tcp-host.svg)
h=$(sed -n 's/.*<svg [^>]*height="\([0-9.]*\)".*/\1/p' out/trace_tcp-host.svg)
W=$(printf '%.0f' "$w")
H=$(printf '%.0f' "$h")
pdftoppm -r 72 -f 2 -l 2 -x 24 -y 24 -W "$W" -H "$H" -png out/igreport.pdf pdf 2>/dev/null
rsvg-convert -w "$W" -h "$H" -b white out/trace_tcp-host.svg -o svg.png
convert pdf-2.png -blur 0x1.5 a.png
convert svg.png -blur 0x1.5 b.png
n=$(compare -metric AE -fuzz 15% a.png b.png null: 2>&1 || true)
echo "differing pixels: $n of $((W * H))"
[ "${n%%.*}" -lt 3000 ]
