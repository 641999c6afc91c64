# SPDX-License-Identifier: Apache-2.0
# The sample report passes qpdf, embeds its font, attaches the CSV by base
# name, holds every gadget, table value and summary sentence as text, and
# has the pages the default template asks for.
set -e
qpdf --check report.pdf >/dev/null
pdffonts report.pdf 2>/dev/null | grep -q 'DejaVuSans-WinAnsi.*TrueType *WinAnsi *yes *yes'
[ "$(pdfdetach -list report.pdf 2>/dev/null | tail -n 1)" = "1: test_results_synthetic.csv" ]
[ "$(pdfinfo report.pdf 2>/dev/null | sed -n 's/^Pages: *//p')" = 14 ]
pdfinfo report.pdf 2>/dev/null | grep -q '^Creator: *igreport '
for g in trace_dns trace_exec trace_open trace_tcp; do
	grep -q "$g - Host" report.txt
	grep -q "$g - IG Process" report.txt
	grep -q "Performance metrics - $g" report.txt
	grep -q "^ *• $g: +[0-9.]* ± [0-9.]* points of host CPU per 1000 events/s" report.txt
done
grep -q '7.70 ± 0.53 *10.53 ± 0.31' report.txt
grep -q 'events are first lost at 16384 events/s' report.txt
grep -q '^ *trace_exec *+0.69 ± 0.15 *+0.62 ± 0.73 *+112 ± 12 *1.8 ± 0.3 *0.998, 0.973' report.txt
# 56 KB with the small WinAnsi font; about 140 KB if all text took the whole
# font's slow UTF-8 path (see src/pdf.c).
size=$(wc -c <report.pdf)
[ "$size" -lt 81920 ] || { echo "report.pdf is $size bytes"; exit 1; }
