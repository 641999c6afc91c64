# SPDX-License-Identifier: Apache-2.0
# Text beyond Windows-1252 (Greek, ▲ ▼, U+FFFD in gadget names; ▲ ▼ in
# every compare PDF) is drawn with the whole font in UTF-8 mode, whose
# ToUnicode map pdf.c writes itself (libharu 2.3.0 writes an encoding
# CMap there): poppler reads both PDFs without a word on stderr, and
# copying the text gives back ▲, ±, µ and the rest.
set -e
for f in report.pdf cmp.pdf; do
	qpdf --check "$f" >/dev/null
	pdftotext "$f" "$f.txt" 2>err.txt && [ ! -s err.txt ] || { echo "pdftotext $f:"; cat err.txt; exit 1; }
	pdffonts "$f" >/dev/null 2>err.txt && [ ! -s err.txt ] || { echo "pdffonts $f:"; cat err.txt; exit 1; }
	pdftoppm -r 20 -png "$f" page 2>err.txt && [ ! -s err.txt ] || { echo "pdftoppm $f:"; cat err.txt; exit 1; }
done
pdffonts report.pdf | grep -q 'DejaVuSans,Book *CID TrueType *Identity-H *yes *yes *yes'
grep -q '^• trace_αβγ ▲▼ µ±: at 512 events/s' report.pdf.txt
grep -q 'trace_αβγ ▲▼ µ± - Host' report.pdf.txt
grep -q 'Performance metrics - trace_�$' report.pdf.txt
grep -q '1.00 ± 0.30 points' report.pdf.txt
grep -q 'worse ▲' cmp.pdf.txt
grep -q '(▼, an improvement)' cmp.pdf.txt
grep -q '2.63 ± 0.07' cmp.pdf.txt
