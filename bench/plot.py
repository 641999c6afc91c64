#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Plots make bench's results.tsv: wall time against rows, log-log.

usage: plot.py RESULTS.tsv OUT.svg
"""
import sys

import matplotlib
matplotlib.use("Agg")
matplotlib.rcParams["svg.fonttype"] = "none"  # text as text: a small file
import matplotlib.pyplot as plt  # noqa: E402


def main():
    rows = [line.split() for line in open(sys.argv[1])]
    head, data = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(head)}
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for key, label in (("wc", "wc -l (reading the bytes)"),
                       ("agg", "igreport --dump-model"),
                       ("full", "igreport --format all"),
                       ("nb", "notebook: pandas + scipy"),
                       ("nbfig", "notebook: its figures (270 rows)")):
        pts = [(float(r[0]), float(r[col[key]])) for r in data if r[col[key]] != "-"]
        if pts:
            ax.plot(*zip(*pts), marker="o", label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("rows")
    ax.set_ylabel("median wall time (s)")
    ax.grid(True, which="major", alpha=0.3)
    # Below the axes: every corner of the plot holds a point.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2,
              fontsize=8)
    fig.tight_layout()
    fig.savefig(sys.argv[2], metadata={"Date": None}, bbox_inches="tight")


if __name__ == "__main__":
    main()
