# SPDX-License-Identifier: Apache-2.0
set -e
pdftotext -layout c.pdf c.txt
/usr/bin/python3 "$SRCDIR/tests/html_check.py" c.html --pdf-text c.txt
/usr/bin/python3 "$SRCDIR/tests/html_check.py" out/compare.html
grep -q '<p class="banner" role="alert"' c.html
grep -q '<p class="lead"' c.html
grep -q '<a download="old.csv"' c.html
grep -q '<a download="new.csv"' c.html
grep -q '<figure id="trace_exec-cpu">' c.html
