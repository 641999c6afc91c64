#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Compares `igreport --dump-model` with the notebook's own statistics.

Computes, with pandas and scipy exactly as benchmarks_analysis.ipynb does
(read_csv(comment='#'), stripped column names, groupby case and rate,
np.mean, scipy.stats.sem, t.ppf((1+level)/2, n-1)), every mean, standard
deviation (np.std with ddof=1, 0 for one run) and CI half-width, and checks
igreport's model against them: means to a relative 1e-12, deviations to a
relative 1e-9 of the mean's magnitude (Welford's update against numpy's two
passes), half-widths to a relative 1e-8 (scipy's own quantile error), plus
the overheads recomputed with Welch's interval.

usage: notebook_check.py IGREPORT [--confidence L] FILE...
"""
import subprocess
import sys

import numpy as np
import pandas as pd
from scipy import stats

METRICS = ["Cpu", "Mem", "IgCpu", "IgMem", "Lost"]


def notebook_stats(data, level):
    """The notebook's calculate_stats, with the level made a parameter."""
    if len(data) == 0:
        return 0, 0
    mean_val = np.mean(data)
    if len(data) == 1:
        return mean_val, 0
    sem = stats.sem(data)
    return mean_val, sem * stats.t.ppf((1 + level) / 2, len(data) - 1)


def load(files):
    frames = []
    for f in files:
        df = pd.read_csv(f, comment="#", skipinitialspace=True)
        df.columns = df.columns.str.strip()
        cols = {c.lower(): c for c in df.columns}
        if "gadgetname" in cols:
            df = df.rename(columns={cols["gadgetname"]: "G", cols["testname"]: "C"})
        else:
            df = df.rename(columns={cols["testname"]: "G", cols["testcase"]: "C"})
        df = df.rename(columns={cols[m.lower()]: m for m in METRICS + ["EventsPerSecond"] if m.lower() in cols})
        df["G"] = df["G"].astype(str).str.strip()
        df["C"] = df["C"].astype(str).str.strip()
        # The design's rule: baseline and ig are recognised in any letter
        # case (the notebook compares exact strings; its inputs are lower case).
        low = df["C"].str.lower()
        df.loc[low.isin(["baseline", "ig"]), "C"] = low
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def main():
    args = sys.argv[1:]
    binary = args.pop(0)
    level = 0.95
    if args[0] == "--confidence":
        level = float(args[1])
        args = args[2:]
    out = subprocess.run([binary, "--dump-model", "-c", str(level)] + args,
                         check=True, capture_output=True, text=True).stdout
    got = {}
    for line in out.splitlines():
        g, c, rate, metric, n, mean, sd, half = line.split("\t")
        if c == "cost":
            continue  # the cost model: scripts/cost_check.py checks it
        got[(g, c, float(rate), metric)] = (n, float(mean), sd, float(half))
    df = load(args)
    expected = 0
    worst_mean = worst_sd = worst_half = 0.0
    for (g, c, rate), group in df.groupby(["G", "C", "EventsPerSecond"]):
        for m in METRICS:
            if m not in group:
                continue
            mean, half = notebook_stats(group[m].values, level)
            n, gmean, gsd, ghalf = got.pop((g, c, float(rate), m))
            sd = np.std(group[m].values, ddof=1) if len(group) > 1 else 0.0
            scale = max(abs(mean), sd)
            rels = abs(float(gsd) - sd) / scale if scale else abs(float(gsd))
            worst_sd = max(worst_sd, rels)
            assert rels <= 1e-9, (g, c, rate, m, gsd, sd)
            assert int(n) == len(group), (g, c, rate, m, n, len(group))
            expected += 1
            rel = abs(gmean - mean) / abs(mean) if mean else abs(gmean)
            worst_mean = max(worst_mean, rel)
            # A group of equal values (five runs of 0.27 at two decimals):
            # igreport's Welford sd is exactly 0, pandas' a rounding residue
            # near 1e-16 of the mean; relative to that residue the exact 0
            # would "differ". A half-width below 1e-6 of the mean (no real
            # group is that tight) is compared on that scale instead.
            hscale = max(abs(half), 1e-6 * abs(mean))
            relh = abs(ghalf - half) / hscale if hscale else abs(ghalf)
            worst_half = max(worst_half, relh)
            assert rel <= 1e-12, (g, c, rate, m, gmean, mean)
            assert relh <= 1e-8, (g, c, rate, m, ghalf, half)
    # Overheads: ig - baseline with a Welch interval, where both sides exist.
    for (g, rate), group in df.groupby(["G", "EventsPerSecond"]):
        b = group[group["C"] == "baseline"]
        i = group[group["C"] == "ig"]
        for m in ["Cpu", "Mem"]:
            key = (g, "overhead", float(rate), m)
            if len(b) == 0 or len(i) == 0:
                assert key not in got, key
                continue
            _, delta, _, half = got.pop(key)
            want = np.mean(i[m].values) - np.mean(b[m].values)
            assert abs(delta - want) <= 1e-12 * max(1.0, abs(want)), (key, delta, want)
            if len(b) > 1 and len(i) > 1:
                v1 = np.var(b[m].values, ddof=1) / len(b)
                v2 = np.var(i[m].values, ddof=1) / len(i)
                if v1 + v2 > 0:
                    df_w = (v1 + v2) ** 2 / (v1 ** 2 / (len(b) - 1) + v2 ** 2 / (len(i) - 1))
                    want_half = np.sqrt(v1 + v2) * stats.t.ppf((1 + level) / 2, df_w)
                    assert abs(half - want_half) <= 1e-8 * want_half, (key, half, want_half)
                    continue
            assert half == 0, (key, half)
    assert not got, "lines igreport printed that the notebook lacks: %r" % list(got)[:5]
    print("notebook_check: %d values agree (worst relative error: mean %.2g, "
          "sd %.2g, half-width %.2g)" % (expected, worst_mean, worst_sd, worst_half))


if __name__ == "__main__":
    main()
