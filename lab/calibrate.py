"""calibrate.py - the rates the lab's kernel ran at, beside the model's.

kswapd's reclaim rate is each reclaim run's own (lab/scenario.py: its
pgsteal_kswapd over its first burst, per second); compaction's migrate rate
comes from the compact run (lab/scenarios/compact.sh): pgmigrate_success
over each /proc/sys/vm/compact_memory, timed by the kernel log's clock
between the "pfburst-lab: compact N start" and "end" lines.  The medians
are what lib/sim/rates.c holds as the defaults of the lab kernel's release;
table() prints both, and says when they are more than 2x apart (another
host, another TCG speed: update rates.c from a run on the host that
matters, or not at all).
"""
import json
import os
import re
import statistics
import subprocess
import tempfile


def vmstat(path):
    with open(path) as f:
        return {k: int(v) for k, v in (l.split() for l in f if l.strip())}


def compaction_rates(run):
    """pages migrated per second of each compact_memory of the run"""
    g = os.path.join(run, "guest")
    with open(os.path.join(g, "dmesg"), errors="replace") as f:
        log = f.read()
    marks = {(int(n), what): float(t) for t, n, what in re.findall(
        r"\[\s*([0-9.]+)\] pfburst-lab: compact (\d+) (start|end)", log)}
    rates = []
    n = 1
    while os.path.isdir(os.path.join(g, "compact-%d" % n)):
        d = os.path.join(g, "compact-%d" % n)
        moved = vmstat(os.path.join(d, "vmstat.after"))["pgmigrate_success"] \
            - vmstat(os.path.join(d, "vmstat.before"))["pgmigrate_success"]
        secs = marks.get((n, "end"), 0) - marks.get((n, "start"), 0)
        if moved > 0 and secs > 0:
            rates.append(moved / secs)
        n += 1
    return rates


def model_rates(pagefail, kernel):
    """the rates a scenario that sets none runs at on kernel"""
    with tempfile.NamedTemporaryFile("w", suffix=".scn") as f:
        f.write("[machine]\nzone = Normal 64M\n[kernel]\nversion = %s\n"
                "[phase p]\nduration = 1ms\n" % kernel)
        f.flush()
        p = subprocess.run([pagefail, "simulate", "-j", f.name],
                           capture_output=True, text=True)
    r = json.loads(p.stdout.splitlines()[0])
    return r["scan_rate"], r["compact_rate"], r["rates_measured"]


def table(pagefail, kernel, kswapd, compaction, w):
    """kswapd, compaction: the lists of rates measured"""
    scan, compact, where = model_rates(pagefail, kernel)
    print()
    print("%-*s  %9s %9s  %s" % (w, "rates, pages a second", "lab",
                                 "model", "from"))
    for name, got, model, src in (
            ("kswapd reclaim", kswapd, scan, "median of the reclaim runs"),
            ("compaction migrate", compaction, compact,
             "median of compact-rate's rounds")):
        if not got:
            print("%-*s  %9s %9.0f  not measured" % (w, name, "-", model))
            continue
        m = statistics.median(got)
        note = "" if model and 0.5 <= m / model <= 2 else \
            "; more than 2x from the model's default (lib/sim/rates.c)"
        print("%-*s  %9.0f %9.0f  %s%s" % (w, name, m, model, src, note))
    print("%-*s  the model's %s defaults: %s" % (
        w, "", kernel, where or "hand-set, not measured"))
