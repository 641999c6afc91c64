#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The notebook's own work on one result file, for `make bench` to time.

usage: notebook.py compute FILE   pandas read_csv, groupby mean and sem, t quantile
       notebook.py figures FILE OUTDIR
                                  the notebook's pipeline: per gadget its stats loop,
                                  the Host and IG Process figures (two bar charts with
                                  95% CI error bars and value labels each) rendered to
                                  PNG as Jupyter's inline backend does, and the table
Both header layouts are read (TestName/TestCase or GadgetName/TestName).
"""
import os
import sys

import numpy as np
import pandas as pd
from scipy import stats


def load(path):
    df = pd.read_csv(path, comment="#")
    df.columns = df.columns.str.strip()
    if "GadgetName" not in df.columns:
        df = df.rename(columns={"TestName": "GadgetName", "TestCase": "TestName"})
    return df


def compute(path):
    df = load(path)
    metrics = ["Cpu", "Mem", "IgCpu", "IgMem", "Lost"]
    g = df.groupby(["GadgetName", "TestName", "EventsPerSecond"], sort=False)[metrics]
    mean, sem, n = g.mean(), g.sem(), g.count()
    half = sem * stats.t.ppf(0.975, n - 1)
    return mean, half.fillna(0)


def calc(data):
    if len(data) == 0:
        return 0, 0
    m = np.mean(data)
    if len(data) == 1:
        return m, 0
    return m, stats.sem(data) * stats.t.ppf((1 + 0.95) / 2, len(data) - 1)


def aggregate(dfg):
    rows = []
    for (name, eps), grp in dfg.groupby(["TestName", "EventsPerSecond"]):
        r = {"Name": name.strip(), "rps": eps}
        for col in ["Cpu", "Mem", "IgCpu", "IgMem", "Lost"]:
            r[col], r[col + "_ci"] = calc(grp[col].values)
        rows.append(r)
    return pd.DataFrame(rows)


def bars(ax, x, series, fmt, title, ylabel, rps):
    width = 0.35 if len(series) > 1 else 0.8
    for k, (label, vals, cis) in enumerate(series):
        off = (k - (len(series) - 1) / 2) * width
        bs = ax.bar(x + off, vals, width, label=label, alpha=0.8, yerr=cis, capsize=5)
        for i, b in enumerate(bs):
            ax.text(b.get_x() + b.get_width() / 2., b.get_height() + cis[i],
                    fmt.format(b.get_height()), ha="center", va="bottom", fontsize=9)
    ax.set_xlabel("Events per Second")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.set_xticks(x)
    ax.set_xticklabels(rps)
    if len(series) > 1:
        ax.legend()
    ax.grid(True, alpha=0.3, axis="y")


def figures(path, outdir):
    global plt
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    df = load(path)
    for gadget in df["GadgetName"].unique():
        agg = aggregate(df[df["GadgetName"] == gadget].copy())
        base, ig = agg[agg["Name"] == "baseline"], agg[agg["Name"] == "ig"]
        if len(base) == 0 or len(ig) == 0:
            continue
        rps = base["rps"].values
        x = np.arange(len(rps))
        for part, cols in (("host", ("Cpu", "Mem")), ("ig", ("IgCpu", "IgMem"))):
            fig, axes = plt.subplots(1, 2, figsize=(15, 6))
            for ax, col, fmt, unit in zip(axes, cols, ("{:.2f}", "{:.0f}"),
                                          ("CPU Usage (%)", "Memory Usage (MB)")):
                if part == "host":
                    series = [("Baseline", base[col].values, base[col + "_ci"].values),
                              ("With IG", ig[col].values, ig[col + "_ci"].values)]
                else:
                    series = [("IG Process", ig[col].values, ig[col + "_ci"].values)]
                bars(ax, x, series, fmt, unit.split(" (")[0] + " (with 95% CI)", unit, rps)
            fig.suptitle(f"{gadget} - {'Host' if part == 'host' else 'IG Process'}",
                         fontsize=16, fontweight="bold")
            fig.tight_layout()
            fig.savefig(os.path.join(outdir, f"{gadget}-{part}.png"))
            plt.close(fig)
        pd.DataFrame({"RPS": rps,
                      "Baseline CPU (%)": [f"{v:.2f}" for v in base["Cpu"].values],
                      "With IG CPU (%)": [f"{v:.2f}" for v in ig["Cpu"].values]}).to_html()


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "compute":
        mean, half = compute(sys.argv[2])
        print(len(mean), float(mean["Cpu"].sum()), float(half["Cpu"].sum()))
    elif len(sys.argv) == 4 and sys.argv[1] == "figures":
        figures(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
