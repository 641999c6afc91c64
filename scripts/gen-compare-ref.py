#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the reference values for tests/test_compare.c and the inputs of tests/e2e/compare-*.

Run with Debian's /usr/bin/python3 (python3-scipy, python3-numpy) from anywhere:
    /usr/bin/python3 scripts/gen-compare-ref.py
Everything is drawn from fixed seeds, so a rerun rewrites the same bytes.

tests/data/compare/welch_scipy.txt, one case a line, samples printed with repr
(so C's strtod reads back the exact doubles):
    welch P N1 x... N2 y...          P from scipy.stats.ttest_ind(x, y, equal_var=False)
    overhead P DF N1 a... N2 b... N3 c... N4 d...
The overhead line is the change of an overhead between two runs,
D = (mean d - mean c) - (mean b - mean a) over four independent groups
(OLD baseline a, OLD ig b, NEW baseline c, NEW ig d): se^2 = sum var_i/n_i,
Welch-Satterthwaite df = se^4 / sum (var_i/n_i)^2/(n_i - 1), P = 2 t.sf(|D|/se, df).
"""

import os

import numpy as np
import scipy
from scipy import stats

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DATA = os.path.join(ROOT, "tests", "data", "compare")
E2E = os.path.join(ROOT, "tests", "e2e")

# (n1, mean1, sd1, n2, mean2, sd2, decimals): realistic shapes, short groups included.
WELCH_CASES = [
    (2, 1.0, 0.05, 2, 1.1, 0.05, 2),
    (2, 5.0, 0.3, 5, 5.2, 0.1, 2),
    (3, 0.26, 0.01, 3, 0.27, 0.01, 3),
    (5, 4.76, 0.2, 5, 5.71, 0.25, 2),
    (5, 1394.0, 12.0, 5, 1510.0, 9.0, 2),
    (5, 1394.0, 12.0, 5, 1396.0, 14.0, 2),
    (5, 100.0, 1.0, 8, 100.4, 3.0, 2),
    (10, 7.85, 0.3, 12, 7.9, 0.6, 2),
    (30, 2.0, 0.5, 4, 2.5, 0.05, 3),
    (50, 118.0, 4.0, 50, 121.0, 4.0, 2),
    (5, 10.0, 0.1, 5, 20.0, 0.1, 2),      # tiny p
    (4, 1.8, 1.5, 6, 3.0, 2.0, 1),        # lost events, noisy
    (6, 1.0e6, 50.0, 7, 1.0e6 + 60, 40.0, 1),
    (20, 0.5, 0.2, 3, 0.45, 0.01, 4),
]

# Four groups: (n, mean, sd) for OLD baseline, OLD ig, NEW baseline, NEW ig.
OVERHEAD_CASES = [
    ((5, 1.0, 0.05), (5, 1.3, 0.04), (5, 1.0, 0.05), (5, 1.3, 0.04)),
    ((5, 4.22, 0.2), (5, 5.82, 0.2), (5, 4.2, 0.2), (5, 6.3, 0.25)),
    ((3, 1390.0, 10.0), (4, 1500.0, 15.0), (5, 1392.0, 8.0), (2, 1530.0, 20.0)),
    ((10, 2.0, 0.1), (8, 2.8, 0.3), (12, 2.1, 0.1), (9, 2.7, 0.2)),
    ((2, 10.0, 1.0), (2, 12.0, 5.0), (2, 10.0, 1.0), (2, 30.0, 5.0)),
    ((5, 1.0, 0.01), (5, 3.0, 0.01), (5, 1.0, 0.01), (5, 4.0, 0.01)),  # tiny p
]


def draw(rng, n, mean, sd, decimals):
    return [float(round(v, decimals)) for v in rng.normal(mean, sd, n)]


def fmt(xs):
    return "%d %s" % (len(xs), " ".join(repr(x) for x in xs))


def overhead_ref(groups):
    a, b, c, d = (np.array(g) for g in groups)
    delta = (d.mean() - c.mean()) - (b.mean() - a.mean())
    v = [np.var(g, ddof=1) / len(g) for g in (a, b, c, d)]
    se2 = sum(v)
    df = se2 * se2 / sum(vi * vi / (len(g) - 1) for vi, g in zip(v, (a, b, c, d)))
    p = 2 * stats.t.sf(abs(delta) / np.sqrt(se2), df)
    return p, df


def write_reference():
    rng = np.random.RandomState(20250911)
    os.makedirs(DATA, exist_ok=True)
    with open(os.path.join(DATA, "welch_scipy.txt"), "w") as f:
        f.write("# Written by scripts/gen-compare-ref.py with scipy %s; see the script.\n"
                % scipy.__version__)
        for n1, m1, s1, n2, m2, s2, dec in WELCH_CASES:
            x = draw(rng, n1, m1, s1, dec)
            y = draw(rng, n2, m2, s2, dec)
            p = stats.ttest_ind(x, y, equal_var=False).pvalue
            f.write("welch %r %s %s\n" % (float(p), fmt(x), fmt(y)))
        for case in OVERHEAD_CASES:
            groups = [draw(rng, n, m, s, 3) for n, m, s in case]
            p, df = overhead_ref(groups)
            f.write("overhead %r %r %s\n" % (float(p), float(df),
                                             " ".join(fmt(g) for g in groups)))


MACHINE = [
    ("Processor", "AMD EPYC 7763 64-Core Processor"),
    ("Memory", "31.3 GB"),
    ("Distribution", "Ubuntu 24.04.3 LTS (Noble Numbat)"),
    ("Kernel", "6.8.0-1031-azure"),
    ("Go Version", "go1.24.6"),
    ("Architecture", "amd64"),
    ("Benchmark Date", "2025-09-10 14:05:12 UTC"),
]

# Per gadget: rates and the slope of ig CPU per 1000 events/s.
GADGETS = [("trace_exec", [1024, 4096, 16384], 0.45), ("trace_dns", [1024, 4096], 0.6)]
RUNS = 5
CV = 0.015  # relative noise, small enough that a 5 % change is rarely drawn by chance


def rows_for(rng, gadgets, lost=True, raise_igcpu=None):
    """CSV rows; raise_igcpu = (gadget, rate, factor) scales IgCpu of those ig rows."""
    out = []
    for name, rates, slope in gadgets:
        for rate in rates:
            k = rate / 1000.0
            base_cpu, base_mem = 1.0 + 0.5 * k, 1390.0
            igcpu, igmem = 0.8 + slope * k, 95.0 + 2.0 * k
            top_lost = 50.0 if rate == max(rates) else 0.0
            for tcase in ("baseline", "ig"):
                for run in range(1, RUNS + 1):
                    def noisy(v):
                        return v * (1.0 + CV * rng.standard_normal())
                    if tcase == "baseline":
                        vals = [noisy(base_cpu), noisy(base_mem), 0.0, 0.0, 0.0]
                    else:
                        ic = noisy(igcpu)
                        vals = [noisy(base_cpu) + ic, noisy(base_mem + igmem), ic,
                                noisy(igmem), round(noisy(top_lost))]
                        if raise_igcpu and raise_igcpu[:2] == (name, rate):
                            vals[2] *= raise_igcpu[2]
                    cells = ["%.2f" % v for v in vals[:4]] + ["%d" % vals[4]]
                    if not lost:
                        cells = cells[:4]
                    out.append("%s,%s,%d,%d,%s" % (name, tcase, run, rate, ",".join(cells)))
    return out


def write_csv(path, machine, rows, lost=True):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    header = "TestName,TestCase,Run,EventsPerSecond,Cpu,Mem,IgCpu,IgMem" + (",Lost" if lost else "")
    with open(path, "w") as f:
        for key, value in machine:
            f.write("# %s: %s\n" % (key, value))
        f.write(header + "\n")
        for r in rows:
            f.write(r + "\n")


def write_e2e():
    new_date = [(k, "2025-10-02 09:30:00 UTC" if k == "Benchmark Date" else v) for k, v in MACHINE]
    other = [(k, {"Processor": "Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz",
                  "Kernel": "6.11.0-1012-azure"}.get(k, v)) for k, v in new_date]
    cases = {
        "compare-same-distribution": (MACHINE, new_date, {}, {}),
        "compare-igcpu-regression": (MACHINE, new_date, {},
                                     {"raise_igcpu": ("trace_exec", 4096, 1.2)}),
        "compare-machines-differ": (MACHINE, other, {}, {}),
    }
    for case, (m_old, m_new, kw_old, kw_new) in cases.items():
        rng = np.random.RandomState(7)  # the same draws for every case
        write_csv(os.path.join(E2E, case, "old.csv"), m_old, rows_for(rng, GADGETS, **kw_old))
        write_csv(os.path.join(E2E, case, "new.csv"), m_new, rows_for(rng, GADGETS, **kw_new))
    # One run only: OLD has trace_dns, NEW has trace_open, an extra rate and no Lost column.
    rng = np.random.RandomState(11)
    old_g = [("trace_exec", [1024, 4096], 0.45), ("trace_dns", [1024], 0.6)]
    new_g = [("trace_exec", [1024, 4096, 8192], 0.45), ("trace_open", [1024], 0.3)]
    write_csv(os.path.join(E2E, "compare-one-run-only", "old.csv"), MACHINE,
              rows_for(rng, old_g))
    write_csv(os.path.join(E2E, "compare-one-run-only", "new.csv"), new_date,
              rows_for(rng, new_g, lost=False), lost=False)


if __name__ == "__main__":
    write_reference()
    write_e2e()
