#!/bin/sh
# prometheus.sh - a real Prometheus server (Debian's prometheus package),
# started here on loopback with a data directory of ours, scrapes pagefail
# serve of this machine every second; a query through its HTTP API gives
# the atomic headroom of every zone, order by order, as status -j gives it
# at the same moment (within what changed between a read before the query
# and one after).
#
#   tests/cli/prometheus.sh PAGEFAIL SOURCE_DIR
. "$(dirname "$0")/lib.sh"

if ! command -v prometheus >/dev/null 2>&1; then
	echo "skip: no prometheus (Debian's prometheus package; scripts/deps.sh check installs it)"
	exit 77
fi
if "$pf" serve --listen nowhere 2>&1 | grep -q 'built without libmicrohttpd'; then
	echo "skip: this pagefail was built without libmicrohttpd"
	exit 77
fi
srv= prom=
trap 'kill $srv $prom 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

"$pf" serve --listen 127.0.0.1:0 --no-log 2>"$tmp/serve.err" &
srv=$!
for i in $(seq 50); do
	port=$(sed -n 's/.*(port \([0-9]*\))$/\1/p' "$tmp/serve.err")
	[ -n "$port" ] && break
	sleep 0.1
done
# a free port for Prometheus: the kernel's pick, let go again
pport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$tmp/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: pagefail
    static_configs:
      - targets: ['127.0.0.1:$port']
YML
prometheus --config.file="$tmp/prometheus.yml" --storage.tsdb.path="$tmp/data" \
	--web.listen-address="127.0.0.1:$pport" --log.level=warn 2>"$tmp/prom.err" &
prom=$!

python3 - "$pf" "$pport" "$tmp" >"$tmp/out" 2>&1 <<'PY'
import json, subprocess, sys, time, urllib.parse, urllib.request
pf, pport, tmp = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def query(q):
    url = 'http://127.0.0.1:%d/api/v1/query?query=%s' % (pport, urllib.parse.quote(q))
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.load(r)['data']['result']

def status():
    s = json.loads(subprocess.run([pf, 'status', '-j'], capture_output=True,
                                  text=True, check=True).stdout)
    return {(str(z['node']), z['zone'], str(o)): h
            for z in s['zones'] for o, h in enumerate(z['atomic_headroom'])
            if h is not None and h >= 0}

# up, and three scrapes in
t = time.time()
while time.time() - t < 30:
    try:
        up = query('up{job="pagefail"}')
        n = query('count_over_time(up{job="pagefail"}[1m])')
        if up and up[0]['value'][1] == '1' and n and float(n[0]['value'][1]) >= 3:
            break
    except OSError:
        pass
    time.sleep(0.5)
else:
    print('FAIL scraped: no three scrapes in 30 s')
    sys.exit(1)
print('ok   scraped')
before = status()
time.sleep(2.2)  # a scrape between the two reads
got = {(r['metric']['node'], r['metric']['zone'], r['metric']['order']):
       float(r['value'][1])
       for r in query('pagefail_zone_atomic_headroom_allocations')}
after = status()
bad = []
for key, b in before.items():
    a = after.get(key, b)
    d = max(abs(a - b), 0.01 * max(a, b), 16)
    v = got.get(key)
    if v is None or not (min(a, b) - d <= v <= max(a, b) + d):
        bad.append((key, b, v, a))
print(('ok   ' if before and not bad else 'FAIL ') +
      'headroom-as-status: %d series' % len(before) + ('' if not bad else ' %r' % bad[:4]))
PY
cat "$tmp/out"
pass=$(grep -c '^ok' "$tmp/out")
fail=$(grep -c '^FAIL' "$tmp/out")
[ -s "$tmp/prom.err" ] && [ "$fail" -gt 0 ] && tail -5 "$tmp/prom.err"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
