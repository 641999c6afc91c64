#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the histories of the trend e2e cases: 12 runs each, 6 gadgets.

Run with Debian's /usr/bin/python3 (python3-numpy) from anywhere:
    /usr/bin/python3 scripts/gen-trend-histories.py [--noise X] [--out DIR --histories N]
Everything is drawn from fixed seeds, so a rerun rewrites the same bytes.

Each run is one file in the current layout, as Inspektor Gadget writes it:
6 gadgets with 4 or 5 rates each (27 rates), baseline and ig, 5 runs per
group, 270 rows, two decimals. Values follow a linear cost in the rate
(the host CPU of the ig case holds the ig process's CPU), with per-row
noise (CPU and IG CPU 4% of the value, memory 8 and 2.5 MiB) and a
per-run offset shared by the rows of one run, gadget and case (1% of CPU,
3 and 1 MiB of memory): runs on different days differ by more than rows
of one run do. Lost events appear at the two highest rates only.

Written (default):
  tests/e2e/trend-step/runNN.csv       IG CPU of trace_exec +15% from run 7 on
  tests/e2e/trend-no-steps/histories.tar.xz  hNN/runNN.csv: 20 histories without any change
  tests/e2e/trend-gate/runNN.csv       IG CPU of trace_open +20% in run 12 only
  tests/e2e/trend-gate-pass/run12.csv  run 12 of that history without the change
--noise X multiplies every noise by X (for measuring false alarms by hand).
"""

import argparse
import datetime
import os
import shutil
import subprocess
import tempfile

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
E2E = os.path.join(ROOT, "tests", "e2e")

GADGETS = ["trace_dns", "trace_exec", "trace_open", "trace_tcp", "top_process",
           "snapshot_socket"]
RATES = [256, 512, 1024, 2048, 4096, 8192, 16384]
NRUNS = 12
ROWS_PER_GROUP = 5
HEADER = """# Processor: AMD EPYC 7763 64-Core Processor
# Memory: 31.3 GB
# Distribution: Ubuntu 24.04.3 LTS (Noble Numbat)
# Kernel: 6.8.0-1031-azure
# Go Version: go1.24.6
# Architecture: amd64
# Benchmark Date: {date}
TestName,TestCase,Run,EventsPerSecond,Cpu,Mem,IgCpu,IgMem,Lost
"""


def gadget_rates(i):
    n = 4 if i % 2 else 5
    return RATES[i % 3:i % 3 + n]


def expected(i, rate):
    """The true values of gadget i at rate: baseline cpu, ig cpu, mem, ig mem, lost."""
    base_cpu = 0.6 + rate * (0.00012 + 0.00003 * i)
    igcpu = 0.15 + rate * (0.00006 + 0.00001 * i)
    mem = 1390.0 + 15.0 * i
    igmem = 90.0 + 5.0 * i + rate * 0.001
    lost = rate * 0.0004 if rate >= 8192 else 0.0
    return base_cpu, igcpu, mem, igmem, lost


def run_rows(rng, run, noise, igcpu_factor):
    """The rows of one run; igcpu_factor(gadget) scales the ig process's CPU."""
    rows = []
    for i, g in enumerate(GADGETS):
        for rate in gadget_rates(i):
            base_cpu, igcpu, mem, igmem, lost = expected(i, rate)
            igcpu *= igcpu_factor(g)
            for case in ("baseline", "ig"):
                ig = case == "ig"
                # The offset of this run for this gadget, rate and case.
                off_cpu = rng.normal(0.0, 0.01 * noise)
                off_ig = rng.normal(0.0, 0.01 * noise)
                off_mem = rng.normal(0.0, 3.0 * noise)
                off_igmem = rng.normal(0.0, 1.0 * noise)
                for k in range(1, ROWS_PER_GROUP + 1):
                    ic = igcpu * (1 + off_ig + rng.normal(0.0, 0.04 * noise)) if ig else 0.0
                    cpu = base_cpu * (1 + off_cpu + rng.normal(0.0, 0.04 * noise))
                    if ig:
                        cpu += 1.05 * ic
                    m = mem + off_mem + rng.normal(0.0, 8.0 * noise)
                    im = igmem + off_igmem + rng.normal(0.0, 2.5 * noise) if ig else 0.0
                    if ig:
                        m += im
                    lo = rng.poisson(lost) if ig and lost > 0 else 0
                    rows.append("%s,%s,%d,%d,%.2f,%.2f,%.2f,%.2f,%d" % (
                        g, case, k, rate, max(cpu, 0), m, max(ic, 0), im, lo))
    return rows


def write_history(directory, seed, noise, factor_of_run, only=None):
    """Writes NRUNS runs (or only run `only`); factor_of_run(run)(gadget) is the IG CPU factor."""
    os.makedirs(directory, exist_ok=True)
    rng = np.random.default_rng(seed)
    start = datetime.datetime(2025, 1, 6, 9, 30, 0)
    for run in range(1, NRUNS + 1):
        date = start + datetime.timedelta(days=7 * (run - 1), minutes=int(rng.integers(0, 120)))
        text = HEADER.format(date=date.strftime("%Y-%m-%d %H:%M:%S UTC"))
        text += "\n".join(run_rows(rng, run, noise, factor_of_run(run))) + "\n"
        if only is not None and run != only:
            continue
        with open(os.path.join(directory, "run%02d.csv" % run), "w") as f:
            f.write(text)


def unchanged(run):
    return lambda g: 1.0


def step(run):
    return lambda g: 1.15 if g == "trace_exec" and run >= 7 else 1.0


def newest(run):
    return lambda g: 1.20 if g == "trace_open" and run == NRUNS else 1.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--noise", type=float, default=1.0)
    ap.add_argument("--out", help="write only N step-free histories here")
    ap.add_argument("--histories", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1000)
    a = ap.parse_args()
    if a.out:
        for h in range(a.histories):
            write_history(os.path.join(a.out, "h%02d" % (h + 1)), a.seed + h, a.noise, unchanged)
        return
    write_history(os.path.join(E2E, "trend-step"), 14, a.noise, step)
    tmp = tempfile.mkdtemp()
    for h in range(20):
        write_history(os.path.join(tmp, "h%02d" % (h + 1)), 100 + h, a.noise, unchanged)
    # 20 histories are 4 MB of text, 350 KB packed: one archive.
    subprocess.run(["tar", "-C", tmp, "--sort=name", "--mtime=2025-01-01", "--owner=0",
                    "--group=0", "--numeric-owner", "-cJf",
                    os.path.join(E2E, "trend-no-steps", "histories.tar.xz")] +
                   ["h%02d" % (h + 1) for h in range(20)], check=True)
    shutil.rmtree(tmp)
    write_history(os.path.join(E2E, "trend-gate"), 15, a.noise, newest)
    # The same draws without the change: only the newest run differs.
    write_history(os.path.join(E2E, "trend-gate-pass"), 15, a.noise, unchanged, only=NRUNS)


if __name__ == "__main__":
    main()
