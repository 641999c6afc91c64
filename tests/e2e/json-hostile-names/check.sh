# SPDX-License-Identifier: Apache-2.0
set -e
check() { /usr/bin/python3 "$SRCDIR/tests/json_check.py" "$@"; }
check report r.json
check bencher b.json --model r.json
check benchmark-action a.json --model m.json
check compare c.json
# Nothing raw: no control byte but line breaks, no U+2028, no byte that is not UTF-8.
if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" r.json b.json a.json c.json; then exit 1; fi
if grep -q "$(printf '\342\200\250')" r.json b.json a.json c.json; then exit 1; fi
/usr/bin/python3 - <<'PY'
import json
r = json.load(open("r.json"))
assert r["inputs"][0]["path"] == 'in "q" \\b\x01\u2028\ufffd.csv', r["inputs"][0]
assert r["machine"][0] == {"key": 'Key "quoted" \\back', "value": "value with a line separator \u2028 end"}, r["machine"][0]
assert r["machine"][1]["value"] == 'a\u202eb and \\"', r["machine"][1]
assert r["gadgets"][0]["name"] == 'q"uote\\back'
b = json.load(open("b.json"))
assert 'q"uote\\back/ig/100' in b and "a%2Fb/c%252F/100" in b and "a/b%2Fc%252F/100" in b, sorted(b)
c = json.load(open("c.json"))
assert c["new"]["inputs"][0]["name"] == r["inputs"][0]["name"]
PY
grep -q '\\u2028' r.json
grep -q '\\ufffd' r.json
grep -q '\\u0001' r.json
