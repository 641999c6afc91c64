# SPDX-License-Identifier: Apache-2.0
set -e
/usr/bin/python3 - <<'PY'
import json
t = json.load(open("t.json"))
assert t["schema"] == "igreport-trend/1"
assert len(t["runs"]) == 12 and t["settings"]["correction"] == "holm"
dump = [l.split("\t") for l in open("dump.txt").read().splitlines()]
assert len(dump) == len(t["steps"]) == 4
for s, d in zip(t["steps"], dump):
    assert [s["gadget"], s["case"], s["metric"], s["before"], s["after"]] == [d[0], d[1], d[3], d[4], d[5]]
    assert s["rate"] == float(d[2]) and s["change_percent"] == float(d[6]) and s["p_corrected"] == float(d[7])
    assert s["gadget"] == "trace_exec" and s["metric"] == "IgCpu"
assert t["gate"]["newest"] == t["runs"][-1]["label"]
assert all(len(x["points"]) == 12 for x in t["series"])
b = json.load(open("b.json"))
a = json.load(open("a.json"))
assert any(k.startswith("trace_exec/ig/") for k in b) and isinstance(a, list) and a
PY
