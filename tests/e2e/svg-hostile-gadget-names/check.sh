# Gadget names become safe file names inside the output directory; text stays escaped.
set -e
for f in figs/*.svg; do xmllint --nonet --noout "$f"; done
! grep -q '<script' figs/*.svg
