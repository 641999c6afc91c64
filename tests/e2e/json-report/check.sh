# SPDX-License-Identifier: Apache-2.0
set -e
cmp r.json s.json
/usr/bin/python3 "$SRCDIR/tests/json_check.py" report r.json --dump d.txt
