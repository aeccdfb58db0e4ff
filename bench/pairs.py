#!/usr/bin/env python3
"""pairs.py - two commands timed in turn, A B A B ..., and compared pair by
pair, so that a machine whose speed drifts during the run moves both sides
of each ratio alike:

    bench/pairs.py [-n RUNS] [--warmup W] A_COMMAND B_COMMAND

Each command is one shell string (sh -c).  For each run: wall seconds
(a monotonic clock around the child) and CPU seconds (user + system of
the finished child and what it waited for, from the operating system's
own accounting).  Prints, for A, for B and for the ratio A/B of each pair,
the min, median and max of wall and CPU; the median is the figure to
quote.  With --json, one JSON object instead.
"""
import argparse
import json
import resource
import statistics
import subprocess
import sys
import time


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(cmd):
    before = cpu_children()
    t0 = time.monotonic()
    p = subprocess.run(["sh", "-c", cmd], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    wall = time.monotonic() - t0
    return wall, cpu_children() - before, p.returncode


def spread(xs):
    return min(xs), statistics.median(xs), max(xs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("a")
    ap.add_argument("b")
    o = ap.parse_args()
    for _ in range(o.warmup):
        run(o.a)
        run(o.b)
    a, b, bad = [], [], 0
    for _ in range(o.n):
        ra, rb = run(o.a), run(o.b)
        bad += ra[2] != 0 or rb[2] != 0
        a.append(ra)
        b.append(rb)
    res = {}
    for name, xs in (("a", a), ("b", b)):
        res[name] = {"wall": spread([x[0] for x in xs]),
                     "cpu": spread([x[1] for x in xs])}
    res["ratio"] = {
        "wall": spread([x[0] / y[0] for x, y in zip(a, b) if y[0] > 0]),
        "cpu": spread([x[1] / y[1] for x, y in zip(a, b) if y[1] > 0] or [0]),
    }
    res["runs"], res["failed"] = o.n, bad
    if o.json:
        print(json.dumps(res))
        return 0
    print("%d pairs%s (min / median / max)" % (
        o.n, ", %d with a non-zero exit" % bad if bad else ""))
    for name, label in (("a", "A"), ("b", "B")):
        w, c = res[name]["wall"], res[name]["cpu"]
        print("  %-5s wall %8.3f / %8.3f / %8.3f s   cpu %8.3f / %8.3f / %8.3f s"
              % ((label,) + w + c))
    w, c = res["ratio"]["wall"], res["ratio"]["cpu"]
    print("  %-5s wall %8.3f / %8.3f / %8.3f     cpu %8.3f / %8.3f / %8.3f"
          % (("A/B",) + w + c))
    return 0


if __name__ == "__main__":
    sys.exit(main())
