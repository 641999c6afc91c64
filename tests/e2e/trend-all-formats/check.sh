# SPDX-License-Identifier: Apache-2.0
set -e
qpdf --check out/trend.pdf >/dev/null
pdftotext out/trend.pdf - | grep -q 'trace_exec, IG CPU at 2048 events/s: +14.0% ± 2.8 between'
for f in out/*.svg; do xmllint --nonet --noout "$f"; done
grep -v '^!\[' out/trend.md | cat -s >a.md
cat -s stdout.md >b.md
cmp a.md b.md
/usr/bin/python3 "$SRCDIR/tests/html_check.py" out/trend.html
# Lost events drawn as a share of the offered rate, with their tooltips.
grep -q ' % of the events lost (n = 5)' out/snapshot_socket-memory-lost.svg
