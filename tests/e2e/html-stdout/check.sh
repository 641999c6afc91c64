# SPDX-License-Identifier: Apache-2.0
set -e
/usr/bin/python3 "$SRCDIR/tests/html_check.py" page.html
if ls -A | grep -q '^-$'; then exit 1; fi
