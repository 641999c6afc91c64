#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""An independent check of igreport's cost model (`--dump-model` cost lines).

Reads the CSV files itself (both header layouts), builds the design
matrix of every gadget's run-level rows and solves it with numpy's
lstsq; standard errors come from the covariance s^2 (X'X)^-1 and the
half-widths from a Student t quantile (scipy's, polished by Newton on
its CDF, since t.ppf alone is off by up to 4e-9). The rate is centred
and scaled before solving, and the coefficients and covariance are
mapped back, so the reference itself stays accurate for rates up to
2^26. Every estimate, standard error, half-width and R^2 must agree to
a relative 1e-9, the row counts exactly, and igreport must print cost
lines for exactly the gadgets and metrics that have a fit.

usage: cost_check.py check IGREPORT [--confidence L] [--each] FILE...
       cost_check.py gen SEED OUT.csv     (a random file, fixed by SEED)
With --each, every file is checked alone, and files igreport rejects
are skipped (the e2e inputs include malformed ones).
"""
import csv
import random
import subprocess
import sys

import numpy as np
from scipy import special, stats

TOL = 1e-9
HOST = ["Cpu", "Mem"]
PROC = ["IgCpu", "IgMem"]


def read_rows(path):
    """(gadget, case, rate, {metric: value}) for each data row of path."""
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    records = list(csv.reader(lines))
    head = [h.strip().lower() for h in records[0]]
    if "gadgetname" in head:
        gi, ci = head.index("gadgetname"), head.index("testname")
    else:
        gi, ci = head.index("testname"), head.index("testcase")
    ri = head.index("eventspersecond")
    cols = {m: head.index(m.lower()) for m in HOST + PROC if m.lower() in head}
    for rec in records[1:]:
        vals = {m: float(rec[i]) for m, i in cols.items()}
        rows.append((rec[gi].strip(), rec[ci].strip(), float(rec[ri]), vals))
    return rows


def t_quantile(p, df):
    t = stats.t.ppf(p, df)
    for _ in range(3):
        t -= (special.stdtr(df, t) - p) / stats.t.pdf(t, df)
    return t


def ols(rate, y, ig, level):
    """Fit y on [1, r, ig, r*ig] (ig given) or [1, r]; returns the line."""
    m, s = rate.mean(), rate.std()
    r = (rate - m) / s
    if ig is None:
        X = np.column_stack([np.ones_like(r), r])
        T = np.array([[1, -m / s], [0, 1 / s]])
        keep = (0, 1)
    else:
        X = np.column_stack([np.ones_like(r), r, ig, r * ig])
        T = np.array([[1, -m / s, 0, 0], [0, 1 / s, 0, 0],
                      [0, 0, 1, -m / s], [0, 0, 0, 1 / s]])
        keep = (2, 3)
    n, p = X.shape
    beta_s, _, rank, _ = np.linalg.lstsq(X, y, rcond=None)
    if rank < p or n <= p:
        return None
    resid = y - X @ beta_s
    rss = float(resid @ resid)
    tss = float(((y - y.mean()) ** 2).sum())
    s2 = rss / (n - p)
    beta = T @ beta_s
    cov = T @ (s2 * np.linalg.inv(X.T @ X)) @ T.T
    t = t_quantile((1 + level) / 2, n - p)
    out = {"n": n, "r2": 1 - rss / tss if tss > 0 else 1.0}
    for name, k in zip(("fixed", "per-event"), keep):
        se = float(np.sqrt(max(cov[k, k], 0)))
        out[name] = (float(beta[k]), se, t * se)
    return out


def reference(rows, level):
    """{(gadget, metric): fit} for every gadget with a cost model."""
    fits = {}
    for g in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == g and r[1] in ("baseline", "ig")]
        base = {r[2] for r in mine if r[1] == "baseline"}
        ig = {r[2] for r in mine if r[1] == "ig"}
        if len(base & ig) < 3:
            continue
        for m in HOST:
            sel = [r for r in mine if m in r[3]]
            fit = ols(np.array([r[2] for r in sel]), np.array([r[3][m] for r in sel]),
                      np.array([1.0 if r[1] == "ig" else 0.0 for r in sel]), level)
            if fit:
                fits[(g, m)] = fit
        for m in PROC:
            sel = [r for r in mine if r[1] == "ig" and m in r[3]]
            if len({r[2] for r in sel}) < 2:
                continue
            fit = ols(np.array([r[2] for r in sel]), np.array([r[3][m] for r in sel]),
                      None, level)
            if fit:
                fits[(g, m)] = fit
    return fits


def rel(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def check_files(binary, level, files):
    """(fits, largest relative difference) for files read together."""
    out = subprocess.run([binary, "--dump-model", "-c", str(level)] + files,
                         check=True, capture_output=True, text=True).stdout
    got = {}
    for line in out.splitlines():
        f = line.split("\t")
        if f[1] == "cost":
            got.setdefault((f[0], f[2]), {})[f[3]] = f[4:]
    rows = [r for path in files for r in read_rows(path)]
    want = reference(rows, level)
    assert set(got) == set(want), ("cost lines differ", sorted(set(got) ^ set(want)))
    worst = 0.0
    for key, fit in want.items():
        mine = got[key]
        assert set(mine) == {"fixed", "per-event", "r2"}, (key, mine)
        for name in ("fixed", "per-event", "r2"):
            assert int(mine[name][0]) == fit["n"], (key, name, mine[name][0], fit["n"])
        pairs = [(float(mine["r2"][1]), fit["r2"])]
        assert mine["r2"][2:] == ["-", "-"], (key, mine["r2"])
        for name in ("fixed", "per-event"):
            pairs += zip(map(float, mine[name][1:]), fit[name])
        for a, b in pairs:
            d = rel(a, b)
            worst = max(worst, d)
            assert d <= TOL, (files, key, a, b, d)
    return len(want), worst


def check(args):
    binary = args.pop(0)
    level = 0.95
    if args[0] == "--confidence":
        level = float(args[1])
        args = args[2:]
    if args[0] != "--each":
        fits, worst = check_files(binary, level, args)
        print("cost_check: %d fits agree (largest relative difference %.2g)" % (fits, worst))
        return
    fits = worst = used = with_fits = 0
    for path in args[1:]:
        if subprocess.run([binary, "--dump-model", path], capture_output=True).returncode:
            continue
        n, w = check_files(binary, level, [path])
        used += 1
        with_fits += n > 0
        fits += n
        worst = max(worst, w)
    print("cost_check: %d files (%d with a cost model), %d fits agree "
          "(largest relative difference %.2g)" % (used, with_fits, fits, worst))


def gen(seed, out):
    """A random file: either header layout, 1 to 4 gadgets, rates up to
    2^26, groups of 1 to 6 runs, rates on one side only, another case,
    and every fifth seed without the optional IgCpu and IgMem columns."""
    rnd = random.Random(seed)
    older = seed % 2 == 1
    pad = " " if seed % 3 == 0 else ""
    top = rnd.choice([12, 15, 20, 26])
    rows = []
    for g in range(rnd.randint(1, 4)):
        gadget = "gadget_%d" % g
        rates = sorted(rnd.sample([2 ** k for k in range(4, top + 1)], rnd.randint(2, 9)))
        slope, fixed = rnd.uniform(1e-4, 2e-3), rnd.uniform(0, 3)
        for rate in rates:
            for case in ("baseline", "ig", "other"):
                if rnd.random() < (0.15 if case != "other" else 0.7):
                    continue
                is_ig = case == "ig"
                for run in range(1, rnd.choice([1, 2, 3, 5, 6]) + 1):
                    load = rate * 1e-4 * rnd.uniform(0.9, 1.1)
                    # Measurements cannot be negative (igreport refuses them).
                    cpu = max(0.0, load + (fixed + slope * rate if is_ig else 0) + rnd.gauss(0, 0.05))
                    mem = 1400 + (110 + 1e-3 * rate if is_ig else 0) + rnd.gauss(0, 8)
                    igcpu = max(0.0, fixed + slope * rate + rnd.gauss(0, 0.02)) if is_ig else 0
                    igmem = max(0.0, 95 + 1e-3 * rate + rnd.gauss(0, 3)) if is_ig else 0
                    rows.append("%s%s,%s%s,%d,%d,%.3f,%.2f,%.3f,%.2f,%d" % (
                        pad, gadget, case, pad, run, rate, cpu, mem, igcpu, igmem, 0))
    rnd.shuffle(rows)
    head = ("GadgetName,TestName" if older else "TestName, TestCase ") + \
        ",Run,EventsPerSecond,Cpu,Mem,IgCpu,IgMem,Lost"
    if seed % 5 == 0:
        head = head.replace(",IgCpu,IgMem", "")
        rows = [",".join(r.split(",")[:6] + r.split(",")[8:]) for r in rows]
    with open(out, "w") as f:
        f.write("# Processor: synthetic\n" + head + "\n")
        f.write("\n".join(rows) + "\n")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "check":
        check(sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "gen":
        gen(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
