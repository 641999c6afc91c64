# SPDX-License-Identifier: Apache-2.0
# The sample report opens with its outline shown and its title displayed,
# in English; the outline (stdout.txt) has the cover, the overview, one
# entry per gadget with its figures and table under it, and the appendix; each summary
# sentence on the cover links, line by line, to its gadget's first page.
set -e
qpdf --check report.pdf >/dev/null
[ "$(mutool show report.pdf trailer/Root/PageMode)" = /UseOutlines ]
[ "$(mutool show report.pdf trailer/Root/ViewerPreferences/DisplayDocTitle)" = true ]
[ "$(mutool show report.pdf trailer/Root/Lang)" = '(en)' ]
[ "$(mutool show report.pdf outline | grep -c '^-	')" = 5 ]
page_obj() { mutool show report.pdf "pages/$1" | sed -n '1s/ 0 obj//p'; }
# Two lines per sentence: trace_dns, trace_exec, trace_open, trace_tcp on
# pages 4, 6, 8, 10 (the overview takes pages 2 and 3).
i=1
for page in 4 4 6 6 8 8 10 10; do
	dest=$(mutool show report.pdf "pages/1/Annots/$i/Dest" | sed -n 2p)
	[ "$dest" = "[ $(page_obj $page) 0 R /FitH 559.2756 ]" ] ||
		{ echo "link $i goes to $dest, not page $page"; exit 1; }
	i=$((i + 1))
done
[ "$(mutool show report.pdf pages/1/Annots/9)" = null ]
# The first link covers the bullet and the first line of the trace_dns sentence.
rect=$(mutool show report.pdf pages/1/Annots/1/Rect)
word=$(pdftotext -f 1 -l 1 -bbox report.pdf - | grep -F '>trace_dns:<' | head -n 1)
echo "$rect $word" | awk '{
	match($0, /xMin="[0-9.]+" yMin="[0-9.]+"/); split(substr($0, RSTART, RLENGTH), a, "\"")
	# word box in top-down units on a 595.28 high page; Rect [x0 y0 x1 y1] bottom-up
	x = a[2]; y = 595.2756 - a[4]
	exit !(x > $2 && x < $4 && y > $3 && y < $5) }' ||
	{ echo "first link $rect does not cover $word"; exit 1; }
