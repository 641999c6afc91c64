#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a random benchmark result file for the notebook comparison.

Deterministic for a seed. Varies what real files vary: header generation
(current or older), gadget count, rates, groups short of runs (n = 1, 2)
or missing on one side (misaligned rates), padding spaces, row order.

usage: gen_random.py SEED OUT.csv
"""
import random
import sys


def main():
    seed, out = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(seed)
    older = seed % 2 == 1
    pad = " " if seed % 3 == 0 else ""
    rows = []
    for g in range(rnd.randint(1, 4)):
        gadget = rnd.choice(["trace_dns", "trace_exec", "trace_open", "top_tcp", "trace_tcp", "top_process"]) + str(g)
        rates = sorted(rnd.sample([128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768], rnd.randint(1, 6)))
        for rate in rates:
            for case in ("baseline", "ig"):
                if rnd.random() < 0.12:
                    continue  # a rate measured on one side only
                n = rnd.choice([1, 2, 3, 5, 5, 5])
                base_cpu = rate / 1000 * rnd.uniform(0.5, 2)
                for run in range(1, n + 1):
                    is_ig = case == "ig"
                    # CPU cannot be negative: igreport refuses such a value.
                    cpu = max(0.0, base_cpu * (1.6 if is_ig else 1) + rnd.gauss(0, 0.05))
                    mem = 1400 + (110 if is_ig else 0) + rnd.gauss(0, 8)
                    igcpu = max(0, base_cpu * 0.4 + rnd.gauss(0, 0.02)) if is_ig else 0
                    igmem = 95 + rnd.gauss(0, 3) if is_ig else 0
                    lost = max(0, int(rnd.gauss(rate / 2000 - 2, 2))) if is_ig else 0
                    rows.append("%s%s,%s%s,%d,%d,%.2f,%.2f,%.2f,%.2f,%d" % (
                        pad, gadget, case, pad, run, rate, cpu, mem, igcpu, igmem, lost))
    if seed % 4 == 0:
        rnd.shuffle(rows)
    with open(out, "w") as f:
        f.write("# Processor: synthetic\n")
        if older:
            f.write("GadgetName,TestName,Run,EventsPerSecond,Cpu,Mem,IgCpu,IgMem,Lost\n")
        else:
            f.write("TestName, TestCase ,Run,EventsPerSecond,Cpu,Mem,IgCpu,IgMem,Lost\n")
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
