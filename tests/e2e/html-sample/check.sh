# SPDX-License-Identifier: Apache-2.0
set -e
pdftotext -layout r.pdf r.txt
/usr/bin/python3 "$SRCDIR/tests/html_check.py" r.html --pdf-text r.txt
cmp r.html again.html
grep -q '<html lang="en">' r.html
# Contents with stable anchors; each gadget a section, each figure a <figure> with inline SVG.
grep -q '<a href="#trace_exec">trace_exec</a>' r.html
grep -q '<section id="trace_exec" class="gadget">' r.html
grep -q '<figure id="trace_exec-host"><svg xmlns="http://www.w3.org/2000/svg" role="img"' r.html
grep -q '<figcaption>trace_exec - Host</figcaption>' r.html
grep -q '<th scope="col">RPS</th>' r.html
grep -q '<caption>Performance metrics - trace_exec</caption>' r.html
grep -q '<details><summary>180 rows</summary>' r.html
grep -q '@media print' r.html
# The input offered for download, by its base name, with the same bytes.
grep -o 'href="data:text/csv;base64,[^"]*"' r.html | sed 's/^href="data:text\/csv;base64,//; s/"$//' |
	base64 -d | cmp - in.csv
grep -q '<a download="in.csv"' r.html
[ "$(wc -c <r.html)" -lt 400000 ]
