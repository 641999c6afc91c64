#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Checks a JSON export of igreport: it parses with Python's json module
(strictly: no NaN or Infinity token, no duplicate key, UTF-8), it is valid
against its schema in docs/ (Debian's python3-jsonschema, draft 2020-12),
and its numbers agree with igreport's other outputs.

    json_check.py KIND FILE [--dump DUMP] [--model MODEL.json]
    json_check.py --jobs LIST


KIND is report, compare, trend, bencher or benchmark-action (the schema
docs/igreport-report, igreport-compare, igreport-trend, bencher or
benchmark-action). --dump (report, trend): every line of --dump-model is
in FILE with the very same number texts, and FILE has nothing else (a
trend's dump: its steps). --model (bencher,
benchmark-action): the -f json of the same run; every value is its
mean, overhead or cost coefficient, and its interval the same.
--jobs: each line of LIST is such a command line, its words separated by
tabs (one Python start for many files). Exits 1 with a message on the
first problem.
"""

import json
import os
import re
import sys

import jsonschema

DOCS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs")
SCHEMAS = {
    "report": "igreport-report.schema.json",
    "compare": "igreport-compare.schema.json",
    "trend": "igreport-trend.schema.json",
    "bencher": "bencher.schema.json",
    "benchmark-action": "benchmark-action.schema.json",
}


# A benchmark-action name: the benchmark, a space, the measure without its unit.
MEASURE = re.compile(r"^(.*) ((?:Cpu|Mem|IgCpu|IgMem|Lost)"
                     r"(?: overhead| fixed| per 1000 events/s)?)$")


# The file being checked, for the messages.
current = "?"


def fail(msg):
    print("json_check: %s: %s" % (current, msg), file=sys.stderr)
    sys.exit(1)


def no_constant(name):
    fail("bare %s is not JSON" % name)


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        fail("duplicate key among %r" % keys)
    return dict(pairs)


def load(path, raw=False):
    """The document; with raw, every number as the text it was written as."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("not UTF-8: %s" % e)
    kw = {"parse_constant": no_constant, "object_pairs_hook": no_duplicates}
    if raw:
        kw["parse_float"] = str
        kw["parse_int"] = str
    return json.loads(text, **kw)


def validate(kind, doc):
    path = os.path.join(DOCS, SCHEMAS[kind])
    with open(path) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    base = "file://" + os.path.abspath(DOCS) + "/"
    resolver = jsonschema.RefResolver(base, schema)
    v = jsonschema.Draft202012Validator(schema, resolver=resolver)
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        fail("not valid against %s at %s: %s" % (SCHEMAS[kind],
             "/".join(str(p) for p in e.absolute_path), e.message))


def report_numbers(doc):
    """Every number of the -f json of a run, as dump lines (texts)."""
    lines = set()
    for g in doc["gadgets"]:
        for c in g["cases"]:
            for cell in c["cells"]:
                for m, s in cell["metrics"].items():
                    lines.add((g["name"], c["name"], cell["rate"], m, s["n"],
                               s["mean"], s["sd"], s["half"]))
        for o in g["overheads"]:
            for m, d in o["metrics"].items():
                lines.add((g["name"], "overhead", o["rate"], m, "-",
                           d["delta"], "-", d["half"]))
        for m, c in g["cost"].items():
            for part in ("fixed", "per_event"):
                k = c[part]
                lines.add((g["name"], "cost", m, part.replace("_", "-"),
                           c["n"], k["estimate"], k["se"], k["half"]))
            lines.add((g["name"], "cost", m, "r2", c["n"], c["r2"], "-", "-"))
    return lines


def trend_numbers(raw):
    """The lines trend --dump-model prints, from the raw JSON's steps."""
    return set((s["gadget"], s["case"], s["rate"], s["metric"], s["before"],
                s["after"], s["change_percent"], s["p_corrected"])
               for s in raw["steps"])


def check_trend(doc):
    n = len(doc["runs"])
    labels = [r["label"] for r in doc["runs"]]
    if len(set(labels)) != n:
        fail("run labels not unique: %r" % labels)
    for s in doc["series"]:
        if len(s["points"]) != n:
            fail("a series without a point (or null) per run: %r" % s)
    for st in doc["steps"]:
        if labels.index(st["after"]) != labels.index(st["before"]) + 1 and \
                doc["machines"] and len(doc["machines"]) == 1:
            fail("a step not between neighbouring runs: %r" % st)
    worse = sum(g["out_of_line"] for g in doc["gate"]["series"])
    if worse != doc["gate"]["out_of_line"]:
        fail("gate count %d, series out of line %d" %
             (doc["gate"]["out_of_line"], worse))


def check_dump(raw, dump_path, numbers):
    with open(dump_path, encoding="utf-8") as f:
        dump = set(tuple(l.rstrip("\n").split("\t")) for l in f if l.strip())
    got = numbers(raw)
    if dump - got:
        fail("--dump-model line not in the JSON: %r" % (sorted(dump - got)[0],))
    if got - dump:
        fail("JSON value not in --dump-model: %r" % (sorted(got - dump)[0],))


def check_compare(doc):
    tally = {"same": 0, "untested": 0, "worse": 0, "better": 0}
    tested = 0
    for e in doc["changes"] + doc["overheads"]:
        ch = e["change"]
        tally[ch["verdict"]] += 1
        tested += ch["p"] is not None
        if (ch["p"] is None) != (ch["verdict"] == "untested"):
            fail("p null exactly when untested: %r" % e)
    if tally != doc["verdicts"]:
        fail("verdicts %r, the changes say %r" % (doc["verdicts"], tally))
    if tested != doc["tests"]["tested"]:
        fail("tests.tested %d, the changes say %d" % (doc["tests"]["tested"],
                                                       tested))


def model_values(model):
    """(benchmark, measure) -> (value, half) of a run's -f json."""
    def esc(s):
        return s.replace("%", "%25").replace("/", "%2F")

    def rate(x):
        return "%d" % x if x == int(x) and abs(x) < 1e15 else repr(x)

    delta_unit = {m["name"]: m["delta_unit"] for m in model["metrics"]}
    unit = {m["name"]: m["unit"] for m in model["metrics"]}
    out = {}
    for g in model["gadgets"]:
        overhead = {o["rate"]: o["metrics"] for o in g["overheads"]}
        for c in g["cases"]:
            for cell in c["cells"]:
                b = "%s/%s/%s" % (esc(g["name"]), esc(c["name"]), rate(cell["rate"]))
                for m, s in cell["metrics"].items():
                    out[(b, "%s (%s)" % (m, unit[m]))] = (s["mean"], s["half"])
                if c["role"] == "ig":
                    for m, d in overhead.get(cell["rate"], {}).items():
                        out[(b, "%s overhead (%s)" % (m, delta_unit[m]))] = (
                            d["delta"], d["half"])
        for m, c in g["cost"].items():
            u = delta_unit[m] if m in ("Cpu", "Mem") else unit[m]
            b = "%s/cost" % esc(g["name"])
            out[(b, "%s fixed (%s)" % (m, u))] = (c["fixed"]["estimate"],
                                                 c["fixed"]["half"])
            out[(b, "%s per 1000 events/s (%s)" % (m, u))] = (
                1000 * c["per_event"]["estimate"], 1000 * c["per_event"]["half"])
    return out


def bench_values(kind, doc):
    """(benchmark, measure) -> (value, lower, upper) of a dashboard export."""
    out = {}
    if kind == "bencher":
        for b, measures in doc.items():
            for m, v in measures.items():
                out[(b, m)] = (v["value"], v["lower_value"], v["upper_value"])
        return out
    for e in doc:
        m = MEASURE.match(e["name"])
        if m is None:
            fail("name %r is not BENCHMARK MEASURE" % e["name"])
        half = float(e["range"][2:])
        key = (m.group(1), "%s (%s)" % (m.group(2), e["unit"]))
        if key in out:
            fail("two elements named %r" % e["name"])
        out[key] = (e["value"], e["value"] - half, e["value"] + half)
    return out


def check_bench(kind, doc, model_path):
    want = model_values(load(model_path))
    got = bench_values(kind, doc)
    if set(want) != set(got):
        fail("benchmarks and measures differ from the model's: %r" %
             sorted(set(want) ^ set(got))[:3])
    for k, (value, half) in want.items():
        v, lo, hi = got[k]
        if v != value or lo != value - half or hi != value + half:
            fail("%r is %r [%r, %r], the model says %r ± %r" %
                 (k, v, lo, hi, value, half))


def check(args):
    global current
    if len(args) < 2 or args[0] not in SCHEMAS:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    kind, current = args[0], args[1]
    opts = dict(zip(args[2::2], args[3::2]))
    doc = load(current)
    validate(kind, doc)
    if kind == "compare":
        check_compare(doc)
    if kind == "trend":
        check_trend(doc)
    if "--dump" in opts:
        check_dump(load(current, raw=True), opts["--dump"],
                   trend_numbers if kind == "trend" else report_numbers)
    if "--model" in opts:
        check_bench(kind, doc, opts["--model"])


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--jobs":
        with open(sys.argv[2]) as f:
            jobs = [l.rstrip("\n").split("\t") for l in f if l.strip()]
        for job in jobs:
            check(job)
        print("json_check: %d files valid" % len(jobs))
    else:
        check(sys.argv[1:])


main()
