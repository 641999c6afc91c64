#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the Student t reference tables used by tests/test_stats.c.

Run with Debian's /usr/bin/python3 and python3-mpmath from the repository root:
    /usr/bin/python3 scripts/gen-stats-ref.py
Every value is computed with mpmath at 50 significant digits from the exact
binary value of each input, then printed with 17 significant digits.
"""

import os
import sys

import mpmath as mp

mp.mp.dps = 50
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "stats")

P_LIST = [0.6, 0.75, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 0.9995]
REAL_DF = [1.3, 2.5, 3.7, 7.25, 12.34, 55.5, 1234.5]


def tail(t, df):
    """P(T > t) for t >= 0, as a direct integral of the density's tail."""
    t, df = mp.mpf(t), mp.mpf(df)
    x = df / (df + t * t)
    return mp.betainc(df / 2, mp.mpf(1) / 2, 0, x, regularized=True) / 2


def central(t, df):
    """P(0 < T < t) for t >= 0."""
    t, df = mp.mpf(t), mp.mpf(df)
    y = t * t / (df + t * t)
    return mp.betainc(mp.mpf(1) / 2, df / 2, 0, y, regularized=True) / 2


def density(t, df):
    df = mp.mpf(df)
    c = mp.exp(mp.loggamma((df + 1) / 2) - mp.loggamma(df / 2)) / mp.sqrt(df * mp.pi)
    return c * (1 + t * t / df) ** (-(df + 1) / 2)


def quantile(p, df):
    """The p-quantile for p > 1/2: Newton on log t for the tail P(T > t) = 1 - p."""
    p = mp.mpf(p)
    q = 1 - p
    u = mp.log(mp.sqrt(2) * mp.erfinv(2 * p - 1))  # the normal quantile as a start
    for _ in range(200):
        t = mp.exp(u)
        # Solve in whichever form is better conditioned at this t.
        if q < mp.mpf("0.25"):
            step = (mp.log(tail(t, df)) - mp.log(q)) * tail(t, df) / (t * density(t, df))
        else:
            step = (central(t, df) - (p - mp.mpf(1) / 2)) / (t * density(t, df)) * -1
        step = max(min(step, 2), -2)
        u += step
        if abs(step) < mp.mpf(10) ** -45:
            return mp.exp(u)
    raise RuntimeError("no convergence p=%r df=%r" % (p, df))


def g17(x):
    return mp.nstr(x, 17, strip_zeros=False, min_fixed=-5, max_fixed=1)


def df_grid():
    dfs = [float(d) for d in range(1, 121)]
    k = 0
    while True:
        d = float(round(120 * 10 ** (k / 12.0)))
        if d >= 1e6:
            break
        if d > 120:
            dfs.append(d)
        k += 1
    dfs.append(1e6)
    return dfs + REAL_DF


def write_quantiles():
    with open(os.path.join(OUT, "t_quantile.txt"), "w") as f:
        f.write("# df p quantile (mpmath, 50 digits; scripts/gen-stats-ref.py)\n")
        for df in df_grid():
            for p in P_LIST:
                f.write("%r %r %s\n" % (df, p, g17(quantile(p, df))))


def write_cdf():
    dfs = [0.5, 1.0, 1.3, 2.0, 2.5, 3.0, 3.7, 5.0, 7.25, 10.0, 12.34, 20.0, 30.0, 39.0, 40.0,
           45.0, 55.5, 80.0, 100.0, 300.0, 1000.0, 1234.5, 1e4, 1e5, 1e6]
    ts = [1e-6, 0.01, 0.1, 0.5, 1.0, 1.5, 1.7, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 8.0, 10.0,
          15.0, 20.0, 30.0, 40.0, 100.0, 1000.0]
    with open(os.path.join(OUT, "t_cdf.txt"), "w") as f:
        f.write("# t df upper-tail P(T > t) (mpmath, 50 digits; scripts/gen-stats-ref.py)\n")
        for df in dfs:
            for t in ts:
                try:
                    q = tail(t, df)
                except ValueError:  # mpmath gives up far below the double range
                    continue
                if q < mp.mpf("1e-290"):
                    continue
                f.write("%r %r %s\n" % (t, df, g17(q)))


WELCH = [
    # n1, mean1, sd1, n2, mean2, sd2, level
    (10, 1.5, 0.25, 12, 1.75, 0.4, 0.95),
    (5, 100.0, 3.0, 5, 104.0, 3.0, 0.95),
    (2, 10.0, 1.0, 2, 12.0, 5.0, 0.95),
    (3, 0.125, 0.01, 30, 0.13, 0.05, 0.99),
    (20, 52.3, 4.1, 18, 55.9, 7.3, 0.9),
    (1000, 2.0e9, 1.5e3, 800, 2.0000002e9, 2.5e3, 0.95),
    (7, -3.0, 2.0, 9, 1.0, 0.5, 0.999),
    (50, 12.0, 1.0, 50, 12.3, 1.0, 0.95),
    (4, 1e-3, 2e-4, 40, 1.1e-3, 1e-5, 0.95),
    (100000, 5.0, 1.0, 200000, 5.001, 1.2, 0.95),
    (6, 7.0, 0.0, 8, 7.5, 0.3, 0.95),
    (30, 10.0, 2.0, 30, 20.0, 2.0, 0.95),
]


def write_welch():
    with open(os.path.join(OUT, "welch.txt"), "w") as f:
        f.write("# n1 mean1 sd1 n2 mean2 sd2 level delta half df p (mpmath, 50 digits)\n")
        for n1, m1, s1, n2, m2, s2, level in WELCH:
            v1 = mp.mpf(s1) ** 2 / n1
            v2 = mp.mpf(s2) ** 2 / n2
            se = mp.sqrt(v1 + v2)
            df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
            delta = mp.mpf(m2) - mp.mpf(m1)
            half = quantile((1 + mp.mpf(level)) / 2, df) * se
            p = 2 * tail(abs(delta) / se, df)
            f.write("%d %r %r %d %r %r %r %s %s %s %s\n" % (
                n1, m1, s1, n2, m2, s2, level, g17(delta), g17(half), g17(df), g17(p)))


def main():
    os.makedirs(OUT, exist_ok=True)
    what = sys.argv[1:] or ["quantile", "cdf", "welch"]
    if "cdf" in what:
        write_cdf()
    if "welch" in what:
        write_welch()
    if "quantile" in what:
        write_quantiles()


if __name__ == "__main__":
    main()
