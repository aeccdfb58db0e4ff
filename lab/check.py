#!/usr/bin/env python3
"""check.py - hold pagefail's answers to what the lab's kernels did.

    lab/check.py PAGEFAIL OUT

PAGEFAIL is the host's pagefail, OUT what lab/build.sh and lab/run.sh left
(OUT/runs/RUN/ for every run of lab/plan).  For each run it checks, and
prints, in one table:

  scan      the reports pagefail finds in the console equal the console's
            own "page allocation failure" lines, with the module's order
            and gfp mask; the module's failures are at least as many
            (the kernel rate-limits its warnings)
  explain   no allowed zone passes the era's watermark check in any report,
            and the verdict is the cause the scenario built
  guest     the guest's own pagefail (static, of its architecture: 32-bit
            in the i386 run) explains its dmesg as the host's does
  status    on every snapshot the guest took: the unusable and extfrag
            indices equal its debugfs files, the watermarks its zoneinfo
  trace     pagefail trace, run in the guest through each burst (the
            fourth only, in the reclaim runs), counts the module's
            failures exactly, at its order, in its mode's gfp class, in
            softirq, and at least its requests
  advise    reclaim runs: the burst under the advice applied in the guest
            fails less than the same burst before it; unmovable runs:
            advise keeps vm.min_free_kbytes and says no tunable helps
  demand    reclaim runs: under advise --demand (the trace of the fourth
            burst) the burst fails no more than under advise alone
  simulate  pagefail simulate of the same machine, burst and tunables
            (lab/scenario.py writes the .scn) agrees on fail / no fail,
            and its failure count is within a factor of 2 of the guest's;
            under 90% of runs is a failure with LAB_STRICT=1 only

and, from the reclaim runs and the compact run, kswapd's and compaction's
rates on the lab's kernel beside the model's defaults for its release
(lab/calibrate.py).

A run that lab/run.sh skipped (OUT/runs/RUN/skipped: the i386 run without
what it needs) is listed as skipped, with why.  Exit status 0 when every
check held, 1 otherwise, 2 when a run is missing.
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import scenario  # noqa: E402  (lab/scenario.py: the .scn of a run)
import calibrate  # noqa: E402  (lab/calibrate.py: the rates it ran at)


def plan():
    runs = []
    with open(os.path.join(HERE, "plan")) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            name, scn, *rest = line.rstrip("\n").split("\t")
            vars_ = dict(v.split("=", 1) for v in " ".join(rest).split())
            runs.append((name, scn, vars_))
    return runs


def jsonl(text):
    """pagefail -j prints one object per record, one per line."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def pf(pagefail, *args):
    p = subprocess.run([pagefail, *args], capture_output=True, text=True)
    if p.returncode not in (0, 3):
        raise RuntimeError("pagefail %s: exit %d: %s" %
                           (" ".join(args), p.returncode, p.stderr.strip()))
    return p.stdout


def scenario_var(scn, name):
    """A variable the scenario file sets (MEM=, CAUSE=...)."""
    with open(os.path.join(HERE, "scenarios", scn + ".sh")) as f:
        for line in f:
            m = re.match(r"^%s=(\S+)" % name, line)
            if m:
                return m.group(1)
    return None


def results(run):
    """The module's counts of each burst, in order."""
    out = []
    g = os.path.join(run, "guest")
    n = 1
    while os.path.isdir(os.path.join(g, "burst-%d" % n)):
        with open(os.path.join(g, "burst-%d" % n, "result")) as f:
            out.append(dict(kv.split("=", 1) for kv in f.read().split()))
        n += 1
    return out


def check_scan(pagefail, run, res):
    console = os.path.join(run, "console.log")
    with open(console, errors="replace") as f:
        text = f.read()
    printed = len(re.findall(r"page allocation failure", text))
    suppressed = sum(int(x) for x in
                     re.findall(r"warn_alloc: (\d+) callbacks suppressed", text))
    reps = jsonl(pf(pagefail, "scan", "-j", console))
    fails = sum(int(r["fails"]) for r in res)
    want = {(int(r["order"]), int(r["gfp"], 16)) for r in res
            if int(r["fails"])}
    got = {(r["order"], r["gfp_mask"]) for r in reps}
    ok = len(reps) == printed and got <= want and printed + suppressed <= fails
    ok = ok and (printed > 0) == (fails > 0)
    return ok, "%d/%d printed, %d suppressed, module %d" % (
        len(reps), printed, suppressed, fails), reps


def check_explain(pagefail, run, cause):
    console = os.path.join(run, "console.log")
    exps = jsonl(pf(pagefail, "explain", "-j", console))
    want = {"fragmentation": "fragmentation", "shortage": "below_min"}[cause]
    passing = 0
    causes = []
    for e in exps:
        for z in e.get("zones") or []:
            c = z.get("check") or {}
            if c.get("allowed") and c.get("passes"):
                passing += 1
        causes.append(e.get("cause"))
    ok = passing == 0 and all(c == want for c in causes)
    return ok, "%d zones passing, cause %s" % (
        passing, ",".join(sorted(set(causes))) or "-")


def check_guest(pagefail, run):
    """The guest's pagefail, a static build of its architecture, explains
    its dmesg as the host's does: every field but the file's name."""
    g = os.path.join(run, "guest")
    if not os.path.exists(os.path.join(g, "explain.json")):
        return False, "the guest left no explain.json"
    host = jsonl(pf(pagefail, "explain", "-j", os.path.join(g, "dmesg")))
    with open(os.path.join(g, "explain.json")) as f:
        guest = jsonl(f.read())
    for e in host + guest:
        e.pop("source", None)
    diff = first_diff(host, guest, "")
    return diff is None, "%d of %d reports the same%s" % (
        sum(a == b for a, b in zip(host, guest)), len(host),
        "" if diff is None else ": " + diff)


def first_diff(a, b, path):
    """Where two JSON values first differ, with both values; None if equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            d = first_diff(a.get(k), b.get(k), path + "." + k)
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_diff(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        if len(a) == len(b):
            return None
        return "%s %d records, guest %d" % (path.lstrip(".") or "reports",
                                            len(a), len(b))
    return None if a == b else "%s %s, guest %s" % (
        path.lstrip(".") or "reports", json.dumps(a)[:40], json.dumps(b)[:40])


def debugfs_rows(path):
    rows = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"Node (\d+), zone\s+(\S+)\s+(.*)", line)
            if m:
                rows[(int(m.group(1)), m.group(2))] = [
                    float(x) for x in m.group(3).split()]
    return rows


def zoneinfo_marks(path):
    marks = {}
    key = None
    with open(path) as f:
        for line in f:
            m = re.match(r"Node (\d+), zone\s+(\S+)", line)
            if m:
                key = (int(m.group(1)), m.group(2))
                marks[key] = {}
                continue
            m = re.match(r"\s+(min|low|high)\s+(\d+)$", line)
            if m and key:
                marks[key][m.group(1)] = int(m.group(2))
    return marks


def check_status(pagefail, run):
    g = os.path.join(run, "guest")
    values = same = 0
    bad = []
    for snap in sorted(d for d in os.listdir(g) if d.startswith("snap-")):
        root = os.path.join(g, snap)
        st = json.loads(pf(pagefail, "status", "-j", "--root", root))
        dbg = os.path.join(root, "sys/kernel/debug/extfrag")
        un = debugfs_rows(os.path.join(dbg, "unusable_index"))
        ex = debugfs_rows(os.path.join(dbg, "extfrag_index"))
        wm = zoneinfo_marks(os.path.join(root, "proc/zoneinfo"))
        for z in st["zones"]:
            key = (z["node"], z["zone"])
            if key in un:
                for a, b in zip(z["unusable_index"], un[key]):
                    values += 1
                    same += abs(a - b) < 5e-4
                for a, b in zip(z["extfrag_index"], ex[key]):
                    values += 1
                    same += abs(a - b) < 5e-4
            for k in ("min", "low", "high"):
                if key in wm and k in wm[key]:
                    values += 1
                    if z[k + "_pages"] == wm[key][k]:
                        same += 1
                    else:
                        bad.append("%s %s %s" % (snap, z["zone"], k))
    ok = values > 0 and same == values
    return ok, "%d of %d values" % (same, values)


def check_trace(run, res):
    """pagefail trace in the guest against the module, burst by burst."""
    g = os.path.join(run, "guest")
    txt = []
    ok = True
    for i, r in enumerate(res, 1):
        d = os.path.join(g, "burst-%d" % i)
        if not os.path.exists(os.path.join(d, "trace.err")):
            continue  # a burst the scenario ran without trace
        try:
            with open(os.path.join(d, "trace.json")) as f:
                t = json.load(f)
        except (OSError, ValueError):
            with open(os.path.join(d, "trace.err")) as f:
                why = (f.read().strip().splitlines() or ["none ran"])[-1]
            return None, "no trace in the guest: %s" % why
        order, mode = int(r["order"]), r["mode"]
        rows = [x for x in t["requests"] if x["order"] == order and
                x["class"] == mode and x["context"] == "softirq"]
        fails = sum(x["failures"] for x in rows)
        reqs = sum(x["requests"] for x in rows)
        want = int(r["fails"])
        attempts = int(r["allocs"]) + want
        ok = ok and fails == want and reqs >= attempts
        txt.append("burst %d: %d/%d failures, %d/%d requests" % (
            i, fails, want, reqs, attempts))
    if not txt:
        return None, "no burst traced"
    return ok, "; ".join(txt)


def applied(run):
    """The vm.min_free_kbytes each advise --apply in the guest set."""
    with open(os.path.join(run, "guest", "guest.log"), errors="replace") as f:
        return re.findall(r"set vm\.min_free_kbytes: \d+ -> (\d+)", f.read())


def check_demand(run, scn, res):
    """reclaim runs: the fifth burst, under advise --demand (the trace of
    the fourth), against the third, under advise alone: no more failures
    (both none says nothing either way; the values set are printed)."""
    if scn != "reclaim" or len(res) < 5:
        return None, "-"
    plain, measured = int(res[2]["fails"]), int(res[4]["fails"])
    mf = applied(run) + ["?", "?"]
    return measured <= plain, (
        "%d failures under advise (min_free_kbytes %s), %d under advise "
        "--demand (%s)" % (plain, mf[0], measured, mf[1]))


def check_advise(pagefail, run, scn, res):
    g = os.path.join(run, "guest")
    if scn == "reclaim":
        before, after = int(res[1]["fails"]), int(res[2]["fails"])
        return after < before, "%d failures, %d under the advice" % (
            before, after)
    if scn == "unmovable":
        a = json.loads(pf(pagefail, "advise", "-j", "--root",
                          os.path.join(g, "snap-before"),
                          os.path.join(run, "console.log")))
        mf = [r for r in a["recommendations"]
              if r["name"] == "vm.min_free_kbytes"][0]
        ok = not mf["change"] and "no vm tunable helps" in mf["working"]
        return ok, "keeps min_free_kbytes %s: %s" % (
            mf["current"], "no tunable helps" if ok else "changes it")
    return None, "-"


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    pagefail, out = sys.argv[1], sys.argv[2]
    failed = missing = 0
    rows = []
    numa = {}
    agree = []
    kswapd, compaction = [], []
    for name, scn, vars_ in plan():
        run = os.path.join(out, "runs", name)
        skipped = os.path.join(run, "skipped")
        if os.path.exists(skipped):
            with open(skipped) as f:
                rows.append((name, "skipped", None, f.read().strip()))
            continue
        if scn == "compact" and os.path.isdir(os.path.join(run, "guest")):
            compaction += calibrate.compaction_rates(run)
            ok, txt = check_status(pagefail, run)
            rows.append((name, "status", ok, txt))
            failed += not ok
            continue
        res = results(run) if os.path.isdir(run) else []
        if not res:
            print("lab: %s: no results (was it run?)" % name, file=sys.stderr)
            missing += 1
            continue
        cause = vars_.get("CAUSE") or scenario_var(scn, "CAUSE")
        checks = []
        ok, txt, _ = check_scan(pagefail, run, res)
        checks.append(("scan", ok, txt))
        if any(int(r["fails"]) for r in res):
            checks.append(("explain",) + check_explain(pagefail, run, cause))
            checks.append(("guest",) + check_guest(pagefail, run))
        checks.append(("status",) + check_status(pagefail, run))
        ok, txt = check_trace(run, res)
        checks.append(("trace", ok, txt))
        ok, txt = check_advise(pagefail, run, scn, res)
        if ok is not None:
            checks.append(("advise", ok, txt))
        ok, txt = check_demand(run, scn, res)
        if ok is not None:
            checks.append(("demand", ok, txt))
        sim = scenario.compare(pagefail, HERE, run, scn, vars_, res)
        if sim is not None:
            agree.append((name, sim))
        if scn == "reclaim" and sim is not None and sim[3]:
            kswapd.append(sim[3])
        if scn == "numa":
            numa[vars_["ZRM"]] = int(res[0]["fails"])
        for what, ok, txt in checks:
            rows.append((name, what, ok, txt))
            failed += ok is False
    w = max([len(r[0]) for r in rows] + [4])
    for name, what, ok, txt in rows:
        print("%-*s  %-8s %-4s %s" % (w, name, what, "-" if ok is None else
                                       "ok" if ok else "FAIL", txt))
    if "0" in numa and "1" in numa:
        ok = numa["1"] < numa["0"]
        failed += not ok
        print("%-*s  %-8s %-4s zone_reclaim_mode 0: %d failures, 1: %d" % (
            w, "numa", "sweep", "ok" if ok else "FAIL", numa["0"], numa["1"]))
    if kswapd or compaction:
        calibrate.table(pagefail, "6.1", kswapd, compaction, w)
    if agree and scenario.table(agree, w):
        # not yet held to: the simulator's open divergences (lab/README.md)
        if os.environ.get("LAB_STRICT"):
            failed += 1
        else:
            print("lab: the agreement is under its goal; LAB_STRICT=1 "
                  "makes that a failure")
    return 2 if missing else 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
