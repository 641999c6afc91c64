# SPDX-License-Identifier: Apache-2.0
set -e
/usr/bin/python3 "$SRCDIR/tests/html_check.py" r.html
/usr/bin/python3 "$SRCDIR/tests/html_check.py" c.html
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' r.html
if grep -q '<script' r.html c.html; then exit 1; fi
if grep -q '<img' r.html c.html; then exit 1; fi
