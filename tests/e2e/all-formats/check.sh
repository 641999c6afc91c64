# SPDX-License-Identifier: Apache-2.0
set -e
qpdf --check out/igreport.pdf >/dev/null
for f in out/*.svg; do xmllint --nonet --noout "$f"; done
/usr/bin/python3 "$SRCDIR/tests/html_check.py" out/igreport.html
/usr/bin/python3 "$SRCDIR/tests/json_check.py" report out/igreport.json
