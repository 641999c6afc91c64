set -e
qpdf --check out/compare.pdf >/dev/null
for f in out/*.svg; do xmllint --nonet --noout "$f"; done
