# SPDX-License-Identifier: Apache-2.0
set -e
check() { /usr/bin/python3 "$SRCDIR/tests/json_check.py" "$@"; }
check compare c.json
check bencher b.json --model n.json
check benchmark-action a.json --model n.json
grep -q '"verdicts": {"same": 59, "untested": 0, "worse": 1, "better": 0}' c.json
grep -q '"name": "trace_exec/ig/4096 IgCpu".*, worse"}' a.json
