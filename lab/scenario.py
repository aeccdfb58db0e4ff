"""scenario.py - a lab run as a pagefail simulate scenario, and the verdict.

The machine is the guest's (each zone's managed pages from its zoneinfo, on
its node), the kernel its release, the tunables what it ran with, and the
workload what the scenario's guest() did before its first burst: a page
cache fill (reclaim, numa), or the module's hold and checkerboard
(unmovable, as the phase key hold does it); then the burst itself, at the
module's rate (PER_TICK a jiffy, HZ 250 in Debian's kernels) for as long
as it took in the guest, every block held to its end.

kswapd's reclaim rate is the guest's own, measured: pgsteal_kswapd over
the first burst (/proc/vmstat before and after) per second of it.  When
kswapd freed nothing measurable the scenario's default stands.
"""
import json
import os
import re
import subprocess

HZ = 250  # CONFIG_HZ of Debian's 6.1 kernels (/boot/config-*: CONFIG_HZ=250)

# __GFP_* of the 5.1-6.2 layout (include/linux/gfp.h of 6.1): GFP_NOWAIT
# is __GFP_KSWAPD_RECLAIM (0x800); GFP_ATOMIC the scenario default
GFP = {"atomic": None, "nowait": "0x800", "dma32": "0xa24"}


def zones(root):
    out = []
    node = zone = None
    with open(os.path.join(root, "proc/zoneinfo")) as f:
        for line in f:
            m = re.match(r"Node (\d+), zone\s+(\S+)", line)
            if m:
                node, zone = int(m.group(1)), m.group(2)
                continue
            m = re.match(r"\s+managed\s+(\d+)", line)
            if m and zone and int(m.group(1)):
                out.append((node, zone, int(m.group(1))))
                zone = None
    return out


def vmstat(path):
    with open(path) as f:
        return {k: int(v) for k, v in (l.split() for l in f if l.strip())}


def sysctl(root, name):
    """A vm sysctl's value, None where the kernel has none (no NUMA: no
    zone_reclaim_mode, as in the i386 run's 686-pae kernel)."""
    try:
        with open(os.path.join(root, "proc/sys/vm", name)) as f:
            return f.read().split()[0]
    except FileNotFoundError:
        return None


def write(run, scn, vars_, res):
    g = os.path.join(run, "guest")
    root = os.path.join(g, "snap-before")
    r = res[0]
    b = os.path.join(g, "burst-1")
    v0, v1 = vmstat(os.path.join(b, "vmstat.before")), \
        vmstat(os.path.join(b, "vmstat.after"))
    seconds = max(int(r["ticks"]), 1) / HZ
    stolen = v1.get("pgsteal_kswapd", 0) - v0.get("pgsteal_kswapd", 0)
    rate = int(r["per_tick"]) * HZ
    lines = ["# written by lab/scenario.py from %s" % os.path.basename(run),
             "[machine]"]
    for node, zone, pages in zones(root):
        lines.append("zone = node%d %s %dK" % (node, zone, pages * 4))
    lines += ["cpus = 1",
              "[kernel]", "version = 6.1",
              "[tunables]"]
    for name in ("min_free_kbytes", "watermark_scale_factor",
                 "zone_reclaim_mode"):
        if sysctl(root, name) is not None:
            lines.append("vm.%s = %s" % (name, sysctl(root, name)))
    lines.append("[kswapd]")
    if stolen > 0 and int(r["ticks"]) > 1:
        lines.append("scan_rate = %d/s" % int(stolen / seconds))
    # a tick of the engine is a jiffy: the module's bursts come a jiffy
    # at a time, and kswapd runs between them, never inside one
    lines += ["tick = %dms" % (1000 // HZ), "[phase before]",
              "duration = %dms" % (1000 // HZ)]
    if scn == "unmovable":
        lines += ["hold = %s%%" % vars_.get("HOLD", "90"),
                  "checkerboard = on"]
    elif scn == "numa":
        # the reader on node 0 through the allocator, where
        # vm.zone_reclaim_mode acts: what fill_cache reads, in a second
        total = sum(p for _, _, p in zones(root))
        lines += ["[phase read]", "duration = 1s",
                  "stream = %d/s" % (total * 5 // 4), "node = 0"]
    else:
        lines += ["fill = 100%", "fresh = on"]
    lines += ["[phase burst]",
              "duration = %dms" % max(int(seconds * 1000), 1),
              "net = %d/s" % rate,
              "net_order = %s" % r["order"],
              "net_hold = 10s"]
    if GFP.get(r["mode"]):
        lines.append("net_gfp = %s" % GFP[r["mode"]])
    path = os.path.join(run, "sim.scn")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path, stolen / seconds


def compare(pagefail, here, run, scn, vars_, res):
    """simulate the run's first burst: (guest fails, sim fails or None,
    why, the kswapd rate measured)"""
    path, rate = write(run, scn, vars_, res)
    p = subprocess.run([pagefail, "simulate", "-j", path],
                       capture_output=True, text=True)
    guest = int(res[0]["fails"])
    if p.returncode not in (0, 3):
        return guest, None, p.stderr.strip().splitlines()[-1][:60], rate
    sim = json.loads(p.stdout.splitlines()[0])["failures"]
    return guest, sim, "kswapd %d pages/s" % rate, rate


def table(agree, w):
    """Print the agreement table; 1 when under 90% or a count off by 2x."""
    same = 0
    print()
    print("%-*s  %7s %7s  %s" % (w, "simulate vs guest", "guest", "sim",
                                 "agrees"))
    for name, (guest, sim, why, _) in agree:
        if sim is None:
            ok = False
        else:
            ok = (guest > 0) == (sim > 0) and (
                guest == 0 or guest / 2 <= sim <= guest * 2)
        same += ok
        print("%-*s  %7d %7s  %-3s %s" % (w, name, guest,
                                          "-" if sim is None else sim,
                                          "yes" if ok else "no", why))
    share = same / len(agree)
    print("%-*s  %d of %d runs agree (%.0f%%; the goal is 90%%)" % (
        w, "agreement", same, len(agree), share * 100))
    return 0 if share >= 0.9 else 1
