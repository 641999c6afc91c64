# SPDX-License-Identifier: Apache-2.0
set -e
qpdf --check out/compare.pdf >/dev/null
for f in out/*.svg; do xmllint --nonet --noout "$f"; done
# With -f all the Markdown links every figure it has an SVG for...
links=$(grep -o '](\([^)]*\)\.svg)' out/compare.md | sed 's/^](//; s/)$//')
[ -n "$links" ]
for f in $links; do [ -f "out/$f" ]; done
# ...and is otherwise the Markdown of -f md.
grep -v '^!\[' out/compare.md | cat -s >a.md
cat -s stdout.md >b.md
cmp a.md b.md
/usr/bin/python3 "$SRCDIR/tests/html_check.py" out/compare.html
/usr/bin/python3 "$SRCDIR/tests/json_check.py" compare out/compare.json
