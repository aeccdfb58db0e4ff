#!/bin/sh
# trace.sh - tests of pagefail trace on this machine's kernel: while the
# test drives allocations it controls (loopback TCP, a pipe, file writes
# and reads in its own directory), trace counts per zone the pages that
# /proc/vmstat's pgalloc_* count over the same time, to within 1%; its
# windows cover the time traced; its JSON holds what the text says.
# Without root (or CAP_BPF and CAP_PERFMON), or in a build without eBPF,
# it says why in one line and exits 1.
#
#   tests/cli/trace.sh PAGEFAIL SOURCE_DIR
. "$(dirname "$0")/lib.sh"

if "$pf" trace -d 0.1 2>&1 | grep -q 'built without eBPF'; then
	echo "skip: pagefail was built without eBPF (libbpf-dev, bpftool, clang)"
	exit 77
fi

fails orders-bad 2 "pagefail: --orders takes an order or a range of them (1, 0-3), not '3-1'" \
	trace --orders 3-1
fails operand 2 "pagefail: trace takes no arguments, not 'x' (see 'pagefail help trace')" \
	trace x

# without the capabilities: one line, exit 1, and no --csv file of a
# head alone left where nobody could write one
if command -v setpriv >/dev/null && [ "$(id -u)" -eq 0 ]; then
	chmod 711 "$tmp" && mkdir -m 1777 "$tmp/pub"
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$pf" trace -d 0.5 --csv "$tmp/pub/np.csv" >"$tmp/np.out" 2>"$tmp/np.err"
	st=$?
	check unprivileged "[ $st -eq 1 ] && [ \$(wc -l <$tmp/np.err) -eq 1 ] && grep -q 'pagefail: trace: it needs root, or CAP_BPF and CAP_PERFMON, which this process has not' $tmp/np.err"
	check unprivileged-no-csv "[ ! -e $tmp/pub/np.csv ]"
fi

# a machine that cannot run it says so in one line, exit 1: a skip; any
# other end (a crash, a sanitizer's report) is a failure
"$pf" trace -d 0.2 >/dev/null 2>"$tmp/probe.err"
st=$?
if [ $st -ne 0 ] && ! { [ $st -eq 1 ] && [ "$(wc -l <"$tmp/probe.err")" -eq 1 ] &&
	grep -q '^pagefail: trace: ' "$tmp/probe.err"; }; then
	bad probe "status $st"
	cat "$tmp/probe.err"
	echo "$pass passed, $fail failed"
	exit 1
fi
if [ $st -ne 0 ]; then
	echo "skip: this machine cannot run the BPF program: $(tail -n 1 "$tmp/probe.err")"
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ] || exit 1
	exit 77
fi

# no root needed: nobody with CAP_BPF and CAP_PERFMON traces
if command -v setpriv >/dev/null && [ "$(id -u)" -eq 0 ]; then
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=+bpf,+perfmon --ambient-caps=+bpf,+perfmon \
		"$pf" trace -d 0.5 -j >"$tmp/caps.json" 2>"$tmp/caps.err"
	check caps-only "[ $? -eq 0 ] && python3 -c 'import json; json.load(open(\"$tmp/caps.json\"))'"
fi

# the load: loopback TCP, a pipe, and file writes and reads, for ~3 s
load() {
	python3 - "$tmp" <<'PY'
import os, socket, sys, threading, time
d = sys.argv[1]
end = time.time() + 3
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(1)
def sink():
    c, _ = srv.accept()
    while c.recv(1 << 16):
        pass
threading.Thread(target=sink, daemon=True).start()
cli = socket.create_connection(srv.getsockname())
buf = os.urandom(1 << 16)
r, w = os.pipe()
n = 0
while time.time() < end:
    for _ in range(64):
        cli.sendall(buf)
        os.write(w, buf[:4096]); os.read(r, 4096)
    with open(os.path.join(d, "f%d" % (n % 4)), "wb") as f:
        f.write(buf * 16)
    with open(os.path.join(d, "f%d" % (n % 4)), "rb") as f:
        f.read()
    n += 1
cli.close()
for i in range(4):
    try:
        os.unlink(os.path.join(d, "f%d" % i))
    except FileNotFoundError:
        pass
PY
}

mkdir "$tmp/x"
"$pf" trace -d 4 -j --csv "$tmp/t.csv" --export "$tmp/x" >"$tmp/t.json" 2>"$tmp/t.err" &
p=$!
# the load once it counts: it says so on stderr
i=0
until grep -q 'trace: counting' "$tmp/t.err" || [ $i -ge 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
load
wait $p
check trace-exit "[ $? -eq 0 ] && [ \$(wc -l <$tmp/t.err) -eq 1 ]"
check trace-json "python3 -c '
import json, sys
r = json.load(open(\"$tmp/t.json\"))
ok = r[\"duration_s\"] > 3.9 and r[\"requests\"]
ok = ok and all(x[\"class\"] in (\"atomic\", \"nowait\", \"kernel\", \"movable\") for x in r[\"requests\"])
ok = ok and all(x[\"context\"] in (\"task\", \"softirq\", \"hardirq\") for x in r[\"requests\"])
ok = ok and all(x[\"pages\"] == x[\"requests\"] - x[\"failures\"] for x in r[\"requests\"] if x[\"order\"] == 0)
sys.exit(0 if ok else 1)'"
# the pages by zone are the pages of the requests, and pgalloc_*'s to 1%
check trace-zones "python3 -c '
import json, sys
r = json.load(open(\"$tmp/t.json\"))
z = r.get(\"zones\") or []
total = sum(x[\"pages\"] for x in r[\"requests\"])
ok = z and sum(x[\"traced_pages\"] for x in z) == total
for x in z:
    if x[\"pgalloc_pages\"] > 10000:
        d = abs(x[\"traced_pages\"] - x[\"pgalloc_pages\"]) / x[\"pgalloc_pages\"]
        print(\"  %s: traced %d, pgalloc %d, %.3f%%\" % (x[\"zone\"], x[\"traced_pages\"], x[\"pgalloc_pages\"], 100 * d))
        # the tracepoint does not see the bulk allocator: said when it matters
        ok = ok and (d < 0.01 or (x[\"traced_pages\"] < x[\"pgalloc_pages\"] and \"bulk allocator\" in r.get(\"zones_note\", \"\")))
sys.exit(0 if ok else 1)'"
# a window every 10 ms of the time traced (the first and last are partial)
check trace-windows "python3 -c '
import json, sys
r = json.load(open(\"$tmp/t.json\"))
w = r[\"atomic_demand\"][\"windows\"]
sys.exit(0 if abs(w - r[\"duration_s\"] * 100) <= 3 else 1)'"

# --csv: a line a window, the JSON's windows; --export: the same demand
check trace-csv "python3 -c '
import csv, json, sys
r = json.load(open(\"$tmp/t.json\"))
rows = list(csv.DictReader(open(\"$tmp/t.csv\")))
ok = len(rows) == r[\"atomic_demand\"][\"windows\"]
page = r[\"page_kb\"] * 1024
v = sorted(int(x[\"atomic_bytes\"]) // page for x in rows)
d = r[\"atomic_demand\"]
# the summary counts the windows as they drain: its percentiles are
# those of every window of the CSV, nearest rank
for p, k in ((50, \"p50_pages\"), (99, \"p99_pages\"), (99.9, \"p999_pages\"), (100, \"max_pages\")):
    n = next(i for i in range(1, len(v) + 1) if i >= p / 100 * len(v) - 1e-9)
    ok = ok and v[n - 1] == d[k]
t = [float(x[\"window_start_s\"]) for x in rows]
ok = ok and t[0] == 0 and all(abs(b - a - r[\"window_ms\"] / 1000) < 1e-6 for a, b in zip(t, t[1:]))
sys.exit(0 if ok else 1)'"
check trace-export "python3 -c '
import json, re, sys
r = json.load(open(\"$tmp/t.json\"))
t = open(\"$tmp/x/pagefail-trace.prom\").read()
m = re.search(r\"pagefail_trace_atomic_demand_bytes_count (\\d+)\", t)
q = re.search(r\"pagefail_trace_atomic_demand_bytes.quantile=.1.. (\\d+)\", t)
ok = m and int(m.group(1)) == r[\"atomic_demand\"][\"windows\"]
ok = ok and q and int(q.group(1)) == r[\"atomic_demand\"][\"max_pages\"] * r[\"page_kb\"] * 1024
sys.exit(0 if ok else 1)'"
if command -v promtool >/dev/null; then
	check trace-promtool "promtool check metrics <$tmp/x/pagefail-trace.prom"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
