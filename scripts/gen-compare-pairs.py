#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes generated OLD/NEW run pairs and scipy's numbers for every comparison in them.

Run with Debian's /usr/bin/python3 (python3-scipy, python3-numpy) from anywhere:
    /usr/bin/python3 scripts/gen-compare-pairs.py
Everything is drawn from fixed seeds, so a rerun rewrites the same bytes.
tests/test_compare.c (test_compare_numbers_match_scipy_on_generated_pairs)
reads each pair with igreport's own reader and compares what
compare_build gives with these numbers, never with igreport's earlier output.

For pair K: tests/data/compare/pairs/oldK.csv, newK.csv and refK.txt, one
number set a line, floats printed with repr (C's strtod reads back the
exact doubles), "nan" where there is none:
    entry GADGET CASE RATE METRIC DELTA HALF PERCENT P BASE SCALE
    overhead GADGET RATE METRIC DELTA HALF PERCENT P BASE SCALE
entry: one gadget/case/rate/metric in both runs, NEW minus OLD, with
scipy.stats.ttest_ind(old, new, equal_var=False) for P and Welch's interval
t.ppf((1 + 0.95) / 2, df) * se for HALF; PERCENT = 100 DELTA / |mean old|.
overhead: the change of (ig - baseline) of Cpu or Mem at one rate, four
independent groups, se^2 = sum var_i/n_i, Welch-Satterthwaite df, P = 2
t.sf(|D|/se, df), PERCENT relative to |old overhead|. A group of one run
gives no test (P nan, HALF 0). Where both sides have no spread, the
documented rule (compare.h) holds instead of scipy's nan: P is 1 for no
change and 0 for any, HALF 0. BASE is what PERCENT is relative to, SCALE
the sum of the magnitudes of the means: a difference of means is exact only
to a few units in the last place of SCALE, whatever DELTA is.
"""

import os

import numpy as np
import scipy
from scipy import stats

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "tests", "data", "compare", "pairs")
LEVEL = 0.95
METRICS = ["Cpu", "Mem", "IgCpu", "IgMem", "Lost"]
PAIRS = 4
HEADER = "TestName,TestCase,Run,EventsPerSecond," + ",".join(METRICS)


def draw_runs(rng, pair):
    """{(gadget, case, rate): [[Cpu, Mem, IgCpu, IgMem, Lost], ...]} for one run of a pair."""
    groups = {}
    for gi in range(3):
        gadget = "gadget_%d" % gi
        for rate in (1000, 4000, 16000)[: 2 + (gi + pair) % 2]:
            k = rate / 1000.0
            for case in ("baseline", "ig"):
                # Mostly 2-8 runs; now and then one run, which allows no test.
                n = 1 if rng.uniform() < 0.08 else int(rng.randint(2, 9))
                scale = rng.choice([0.002, 0.02, 0.2])
                rows = []
                for _ in range(n):
                    cpu = (1.0 + 0.3 * k) * (1 + scale * rng.standard_normal())
                    mem = 1400 * (1 + scale * rng.standard_normal())
                    if case == "ig":
                        ic = (0.5 + 0.2 * k) * (1 + scale * rng.standard_normal())
                        im = 90 + 2 * k + 3 * rng.standard_normal()
                        cpu, mem = cpu + ic, mem + im
                        lost = max(0, int(round(rng.normal(5 * k, 3)))) if k > 1 else 0
                    else:
                        ic = im = lost = 0
                    rows.append([round(cpu, 3), round(mem, 2), round(ic, 3),
                                 round(im, 2), lost])
                groups[(gadget, case, rate)] = rows
    return groups


def write_csv(path, groups):
    with open(path, "w") as f:
        f.write("# Processor: generated\n" + HEADER + "\n")
        for (gadget, case, rate), rows in groups.items():
            for run, v in enumerate(rows, 1):
                f.write("%s,%s,%d,%d,%s\n" % (gadget, case, run, rate,
                                              ",".join(repr(x) for x in v)))


def change(old_groups, new_groups, delta, base):
    """HALF and P of delta over independent groups (lists of samples), PERCENT of base."""
    percent = float("nan") if base == 0 else 100.0 * delta / abs(base)
    if any(len(g) < 2 for g in old_groups + new_groups):
        return 0.0, percent, float("nan")
    v = [np.var(g, ddof=1) / len(g) for g in old_groups + new_groups]
    se2 = sum(v)
    if se2 == 0:
        return 0.0, percent, 1.0 if delta == 0 else 0.0
    df = se2 * se2 / sum(vi * vi / (len(g) - 1) for vi, g in zip(v, old_groups + new_groups))
    half = stats.t.ppf((1 + LEVEL) / 2, df) * np.sqrt(se2)
    if len(old_groups) == 1:
        p = stats.ttest_ind(old_groups[0], new_groups[0], equal_var=False).pvalue
    else:
        p = 2 * stats.t.sf(abs(delta) / np.sqrt(se2), df)
    return float(half), percent, float(p)


def column(rows, m):
    return [float(r[m]) for r in rows]


def write_ref(path, old, new):
    with open(path, "w") as f:
        f.write("# Written by scripts/gen-compare-pairs.py with scipy %s; see the script.\n"
                % scipy.__version__)
        for key in old:
            if key not in new:
                continue
            gadget, case, rate = key
            for m, name in enumerate(METRICS):
                a, b = column(old[key], m), column(new[key], m)
                delta = float(np.mean(b) - np.mean(a))
                base = float(np.mean(a))
                half, percent, p = change([a], [b], delta, base)
                scale = abs(base) + abs(float(np.mean(b)))
                f.write("entry %s %s %d %s %r %r %r %r %r %r\n" % (
                    gadget, case, rate, name, delta, half, percent, p, base, scale))
        for (gadget, case, rate) in old:
            keys = [(gadget, c, rate) for c in ("baseline", "ig")]
            if case != "baseline" or not all(k in old and k in new for k in keys):
                continue
            for m, name in ((0, "Cpu"), (1, "Mem")):
                ob, oi = (column(old[k], m) for k in keys)
                nb, ni = (column(new[k], m) for k in keys)
                base = float(np.mean(oi) - np.mean(ob))
                delta = float((np.mean(ni) - np.mean(nb)) - base)
                half, percent, p = change([ob, oi], [nb, ni], delta, base)
                scale = sum(abs(float(np.mean(g))) for g in (ob, oi, nb, ni))
                f.write("overhead %s %d %s %r %r %r %r %r %r\n" % (
                    gadget, rate, name, delta, half, percent, p, base, scale))


def main():
    os.makedirs(OUT, exist_ok=True)
    for pair in range(1, PAIRS + 1):
        rng = np.random.RandomState(9000 + pair)
        old, new = draw_runs(rng, pair), draw_runs(rng, pair)
        write_csv(os.path.join(OUT, "old%d.csv" % pair), old)
        write_csv(os.path.join(OUT, "new%d.csv" % pair), new)
        write_ref(os.path.join(OUT, "ref%d.txt" % pair), old, new)


if __name__ == "__main__":
    main()
