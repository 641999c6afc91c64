#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the reference values for tests/test_step.c, tests/test_gate.c and tests/test_history.c.

Run with Debian's /usr/bin/python3 (python3-numpy, python3-mpmath) from anywhere:
    /usr/bin/python3 scripts/gen-trend-ref.py
Everything is drawn from fixed seeds, so a rerun rewrites the same bytes.
Computed independently of igreport's algorithms:

tests/data/trend/step.txt, one case per block, numbers printed with repr:
    step N
    half h1 .. hN        the runs' interval half-widths (0: none)
    y y1 .. yN           the run means
    w w1 .. wN           weights: 1/h divided by the median of those, 1 where h <= 0
    cost C1 .. CN        least weighted L1 cost in k pieces, by trying every
                         one of the 2^(N-1) partitions (the L1 cost of a piece
                         is the least over m in the piece of sum w |y - m|)
    ends e1 .. eK        the pieces k minimising 4 ln(N)/N k + ln(F + Ck),
                         F = max(0.1 sum w h (h > 0), 1e-3 C1) (the fewest on
                         a tie; one piece when C1 = 0)
tests/data/trend/gate.txt, one case a line:
    gate K LEVEL x1 .. xK V MEAN SD T LOW HIGH P
    the prediction interval mean +- t sd sqrt(1 + 1/K), t the (1 + LEVEL)/2
    quantile of Student's t with K - 1 df, and P = P(T > (V - mean) /
    (sd sqrt(1 + 1/K))), both from mpmath at 50 digits.
tests/data/trend/order.txt, one case a line, fields separated by '|':
    HOW|N|date1|..|dateN|order     order: the 0-based given places in
    history order (python's stable sort of datetime values), or -1
"""

import datetime
import itertools
import math
import os

import mpmath as mp
import numpy as np

mp.mp.dps = 50
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "trend")


def weights(half):
    inv = [1.0 / h for h in half if h > 0 and math.isfinite(h)]
    med = float(np.median(inv)) if inv else 1.0
    return [1.0 / h / med if h > 0 and math.isfinite(h) else 1.0 for h in half]


def piece_cost(y, w):
    return min(sum(wi * abs(yi - m) for yi, wi in zip(y, w)) for m in y)


def all_costs(y, w):
    n = len(y)
    best = [math.inf] * n
    best_ends = [None] * n
    for cuts in itertools.product([0, 1], repeat=n - 1):
        ends = [i + 1 for i, c in enumerate(cuts) if c] + [n]
        start, total = 0, 0.0
        for e in ends:
            total += piece_cost(y[start:e], w[start:e])
            start = e
        k = len(ends)
        if total < best[k - 1]:
            best[k - 1] = total
            best_ends[k - 1] = ends
    return best, best_ends


def choose(costs, half, w):
    n = len(costs)
    if not costs[0] > 0:
        return 1
    beta = 4 * math.log(n) / n
    floor = max(0.1 * sum(wi * hi for wi, hi in zip(w, half) if hi > 0), 1e-3 * costs[0])
    objs = [beta * (k + 1) + math.log(floor + costs[k]) for k in range(n)]
    return objs.index(min(objs)) + 1


def step_cases():
    rng = np.random.default_rng(42)
    cases = []
    # A clear step from run 7 on, as the e2e history has it.
    y = list(1.0 + rng.normal(0, 0.02, 12))
    for i in range(6, 12):
        y[i] *= 1.15
    cases.append((y, list(rng.uniform(0.02, 0.05, 12))))
    # Noise only.
    for n in (6, 9, 12):
        cases.append((list(5.0 + rng.normal(0, 0.1, n)), list(rng.uniform(0.05, 0.2, n))))
    # One outlier run.
    y = list(2.0 + rng.normal(0, 0.03, 10))
    y[4] += 0.5
    cases.append((y, list(rng.uniform(0.02, 0.06, 10))))
    # Two steps, up then down; one run without an interval.
    y = list(100 + rng.normal(0, 1, 13))
    for i in range(4, 9):
        y[i] += 12
    half = list(rng.uniform(1, 3, 13))
    half[2] = 0.0
    cases.append((y, half))
    # A slow drift; unequal weights.
    cases.append(([0.3 + 0.01 * i + rng.normal(0, 0.004) for i in range(11)],
                  list(rng.uniform(0.001, 0.02, 11))))
    # No spread at all; and no interval anywhere.
    cases.append(([7.0] * 8, [0.0] * 8))
    cases.append((list(3.0 + rng.normal(0, 0.2, 7)), [0.0] * 7))
    # The shortest a trend tests.
    cases.append(([1.0, 1.02, 1.5, 1.48], [0.01, 0.01, 0.01, 0.01]))
    return cases


def write_steps(f):
    for y, half in step_cases():
        w = weights(half)
        costs, ends = all_costs(y, w)
        k = choose(costs, half, w)
        f.write("step %d\n" % len(y))
        f.write("half %s\n" % " ".join(repr(float(h)) for h in half))
        f.write("y %s\n" % " ".join(repr(float(v)) for v in y))
        f.write("w %s\n" % " ".join(repr(float(v)) for v in w))
        f.write("cost %s\n" % " ".join(repr(float(c)) for c in costs))
        f.write("ends %s\n" % " ".join(str(e) for e in ends[k - 1]))


def t_cdf(t, df):
    t, df = mp.mpf(t), mp.mpf(df)
    x = df / (df + t * t)
    tail = mp.betainc(df / 2, mp.mpf(1) / 2, 0, x, regularized=True) / 2
    return 1 - tail if t > 0 else tail


def t_quantile(p, df):
    return mp.findroot(lambda t: t_cdf(t, df) - mp.mpf(p), 1.5)


def write_gates(f):
    rng = np.random.default_rng(7)
    cases = [
        ([1.0, 1.1], 0.95, 1.3),
        ([0.25, 0.26, 0.26, 0.25, 0.27], 0.95, 0.31),
        (list(100 + rng.normal(0, 2, 10)), 0.95, 104.0),
        (list(100 + rng.normal(0, 2, 10)), 0.99, 120.0),
        (list(1.4 + rng.normal(0, 0.05, 3)), 0.9, 1.0),
        (list(5 + rng.normal(0, 0.3, 25)), 0.95, 7.5),
    ]
    for x, level, v in cases:
        k = len(x)
        xs = [mp.mpf(float(e)) for e in x]
        mean = sum(xs) / k
        sd = mp.sqrt(sum((e - mean) ** 2 for e in xs) / (k - 1))
        t = t_quantile((1 + mp.mpf(level)) / 2, k - 1)
        spread = t * sd * mp.sqrt(1 + mp.mpf(1) / k)
        p = 1 - t_cdf((mp.mpf(v) - mean) / (sd * mp.sqrt(1 + mp.mpf(1) / k)), k - 1)
        nums = [mean, sd, t, mean - spread, mean + spread, p]
        f.write("gate %d %r %s %r %s\n" % (k, level, " ".join(repr(float(e)) for e in x), v,
                                           " ".join(mp.nstr(e, 17) for e in nums)))


FORMATS = ["%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%SZ",
           "%Y-%m-%d"]


def parse(date):
    for fmt in FORMATS:
        try:
            return datetime.datetime.strptime(date, fmt)
        except ValueError:
            pass
    return None


def write_orders(f):
    cases = [
        ("auto", ["2025-09-10 14:05:12 UTC", "2025-08-01 09:00:00 UTC", "2025-09-10 14:05:11 UTC"]),
        ("auto", ["2025-01-02", "2025-01-01 23:59", "2025-01-01T23:59:30Z", "2024-12-31 00:00:00"]),
        ("auto", ["2025-03-01 10:00:00 UTC", "generated, seed 1", "2025-02-01 10:00:00 UTC"]),
        ("auto", ["2025-03-01 10:00:00 UTC", "2025-03-01 10:00:00 UTC", "2025-02-01 10:00:00 UTC"]),
        ("date", ["2025-03-01 10:00:00 UTC", "", "2025-02-01"]),
        ("date", ["2026-01-01", "2025-12-31 23:59:59 UTC"]),
        ("args", ["2026-01-01", "2025-12-31 23:59:59 UTC", "2025-06-30"]),
        ("auto", ["2025-13-01", "2025-01-01"]),
        ("auto", ["2025-02-30 10:00 UTC", "2025-01-01"]),
    ]
    rng = np.random.default_rng(3)
    start = datetime.datetime(2025, 1, 6, 9, 30, 0)
    dates = [(start + datetime.timedelta(days=int(d), seconds=int(s))).strftime(FORMATS[0])
             for d, s in zip(rng.integers(0, 400, 12), rng.integers(0, 86400, 12))]
    cases.append(("auto", dates))
    for how, ds in cases:
        parsed = [parse(d) for d in ds]
        if how == "args" or any(p is None for p in parsed):
            order = list(range(len(ds))) if how != "date" else None
        else:
            order = sorted(range(len(ds)), key=lambda i: parsed[i])
        f.write("%s|%d|%s|%s\n" % (how, len(ds), "|".join(ds),
                                   " ".join(map(str, order)) if order is not None else "-1"))


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "step.txt"), "w") as f:
        write_steps(f)
    with open(os.path.join(OUT, "gate.txt"), "w") as f:
        write_gates(f)
    with open(os.path.join(OUT, "order.txt"), "w") as f:
        write_orders(f)


if __name__ == "__main__":
    main()
