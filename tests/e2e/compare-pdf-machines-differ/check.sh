# SPDX-License-Identifier: Apache-2.0
# Runs from different machines: a red banner above the side-by-side
# machine table, the differing keys in red; both inputs attached although
# they share a base name (the second gets a "2-" prefix).
set -e
qpdf --check cmp.pdf >/dev/null
pdftotext -layout cmp.pdf cmp.txt 2>/dev/null
grep -q 'Processor ≠ *AMD EPYC 7763 64-Core Processor *Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz' cmp.txt
grep -q 'Kernel ≠ *6.8.0-1031-azure *6.11.0-1012-azure' cmp.txt
# A pixel in the banner, left of its text: the banner's red.
y=$(pdftotext -f 1 -l 1 -bbox cmp.pdf - 2>/dev/null | grep -F '>Warning:<' | head -n 1 |
	sed 's/.*yMin="\([0-9.]*\)".*/\1/')
[ -n "$y" ]
pdftoppm -f 1 -l 1 -r 72 -png cmp.pdf page 2>/dev/null
px=$(convert page-1.png -format "%[pixel:p{38,$(printf '%.0f' "$y")}]" info:)
[ "$px" = "srgb(198,40,40)" ] || { echo "banner pixel $px"; exit 1; }
