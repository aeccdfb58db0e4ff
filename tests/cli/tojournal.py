#!/usr/bin/env python3
# tojournal.py - kernel log lines as the journal export format that
# systemd-journal-remote turns into a real journal file: one entry a line,
# the kernel transport, the line's own dmesg time stamp (else one a line)
# as the kernel's.  Each LOG is a boot of its own, as a journal holds
# them: its own boot id, its wall clock starting --epoch + 100000 s * its
# place on the command line, so that time only goes forward.
#
#   tojournal.py [--epoch S] [--host H] [--transport T] [LOG...]
import argparse
import hashlib
import re
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--epoch", type=float, default=1796000000.0)
ap.add_argument("--host", default="web1")
ap.add_argument("--transport", default="kernel")
ap.add_argument("--mono", type=float, default=1.0,
                help="kernel time of a line that prints none, and on")
ap.add_argument("logs", nargs="*")
a = ap.parse_args()

stamp = re.compile(r"^(?:<(\d)>)?\[\s*(\d+)\.(\d{1,9})\]\s?")
mono = int(a.mono * 1e6)
out = sys.stdout
for i, path in enumerate(a.logs or ["-"]):
    f = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")
    epoch = a.epoch + 100000 * i
    boot = hashlib.md5(str(epoch).encode()).hexdigest()
    for line in f:
        line = line.rstrip("\n")
        prio = "4"
        m = stamp.match(line)
        if m:
            prio = m.group(1) or prio
            mono = int(m.group(2)) * 1000000 + int(m.group(3)[:6].ljust(6, "0"))
            line = line[m.end():]
        else:
            mono += 1
        real = int(epoch * 1e6) + mono
        out.write(f"__REALTIME_TIMESTAMP={real}\n__MONOTONIC_TIMESTAMP={mono + 7}\n"
                  f"_BOOT_ID={boot}\n_TRANSPORT={a.transport}\nPRIORITY={prio}\n"
                  f"SYSLOG_FACILITY=0\nSYSLOG_IDENTIFIER=kernel\n_HOSTNAME={a.host}\n"
                  f"_SOURCE_MONOTONIC_TIMESTAMP={mono}\nMESSAGE={line}\n\n")
