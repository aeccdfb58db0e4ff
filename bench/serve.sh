#!/usr/bin/env bash
# serve.sh - what pagefail's Prometheus side costs, each next to a baseline
# measured in the same run:
#
#   bench/serve.sh PATH/TO/pagefail [SCRAPES] [WRK_SECONDS]
#
# export: `pagefail export` against `pagefail status -j` (bench/pairs.py:
# the two in turn, the median of the pair-by-pair ratios of CPU).  Goal: no
# more than status -j plus 20%.
# serve: SCRAPES (default 200) GET /metrics one after another on one
# connection; the server's own CPU (utime + stime of /proc/PID/stat) per
# scrape, next to `cat` of the /proc files it reads and, when Debian's
# prometheus-node-exporter is installed, node_exporter's CPU per scrape of
# its own /metrics.  Goal: under 5 ms of CPU a scrape.
# load: wrk (Debian's wrk) with 2 threads and 32 connections for
# WRK_SECONDS (default 10) against serve, and node_exporter beside it:
# requests a second, latency, errors, and serve's RSS before and after.
# Goals: no error, RSS within 10% of where it started.
#
# Exit status: 0 when the figures were printed (STRICT=1: 1 when a goal
# fails), 2 on a usage error.
set -eu

prog=${0##*/}
pf=${1:-}
scrapes=${2:-200}
wrk_secs=${3:-10}
[ -x "$pf" ] || { echo "usage: $prog PATH/TO/pagefail [SCRAPES] [WRK_SECONDS]" >&2; exit 2; }
pf=$(cd "$(dirname "$pf")" && pwd)/$(basename "$pf")
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/goal.sh"
tmp=$(mktemp -d)
pids=
trap 'kill $pids 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# cpu_of PID: its user + system seconds
cpu_of() {
	awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}
rss_of() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}
# scrape PORT N: N GETs of /metrics on one connection
scrape() {
	python3 - "$1" "$2" <<'PY'
import http.client, sys
c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]), timeout=10)
for _ in range(int(sys.argv[2])):
    c.request('GET', '/metrics')
    r = c.getresponse()
    r.read()
    assert r.status == 200, r.status
PY
}
# per_scrape LABEL PID PORT: the server PID's CPU per scrape, in ms
per_scrape() {
	scrape "$3" 5
	local a b
	a=$(cpu_of "$2")
	scrape "$3" "$scrapes"
	b=$(cpu_of "$2")
	last_ms=$(awk -v a="$a" -v b="$b" -v n="$scrapes" 'BEGIN { printf "%.2f", (b - a) * 1000 / n }')
	printf "  %-46s %8s ms CPU per scrape\n" "$1" "$last_ms"
}

echo "export, next to status -j ($(uname -r), $(nproc) CPUs), 21 pairs:"
python3 "$here/bench/pairs.py" -n 21 "$pf export" "$pf status -j" >"$tmp/pairs"
sed 's/^/  /' "$tmp/pairs"
# "A/B wall MIN / MEDIAN / MAX cpu MIN / MEDIAN / MAX"
ratio=$(awk '$1 == "A/B" { print $11; exit }' "$tmp/pairs")
[ -n "$ratio" ] && goal "$ratio" 'x <= 1.2' \
	"export costs $ratio x the CPU of status -j (<= 1.2)" \
	"export costs $ratio x the CPU of status -j (goal <= 1.2)"

port=$(free_port)
"$pf" serve --listen "127.0.0.1:$port" 2>"$tmp/serve.err" &
srv=$!
pids="$pids $srv"
sleep 0.5
echo "serve: $scrapes scrapes one after another"
child=0
files="/proc/zoneinfo /proc/buddyinfo /proc/vmstat /proc/meminfo"
t0=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)
for ((i = 0; i < scrapes; i++)); do cat $files >/dev/null; done
t1=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)
cat_ms=$(awk -v a="$t0" -v b="$t1" -v n="$scrapes" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) * 1000 / hz / n }')
printf "  %-46s %8s ms CPU per scrape\n" "cat of the same /proc files (baseline)" "$cat_ms"
per_scrape "pagefail serve" "$srv" "$port"
serve_ms=$last_ms
ne=
if command -v prometheus-node-exporter >/dev/null; then
	neport=$(free_port)
	prometheus-node-exporter --web.listen-address="127.0.0.1:$neport" \
		--log.level=error >/dev/null 2>&1 &
	ne=$!
	pids="$pids $ne"
	sleep 1
	per_scrape "node_exporter, its own /metrics (yardstick)" "$ne" "$neport"
else
	echo "  (no prometheus-node-exporter to compare with)"
fi
goal "$serve_ms" 'x < 5' "a scrape costs serve $serve_ms ms of CPU (< 5 ms)" \
	"a scrape costs serve $serve_ms ms of CPU (goal < 5 ms)"

if command -v wrk >/dev/null; then
	echo "load: wrk -t2 -c32 -d${wrk_secs}s, after 2 s of it to warm up"
	# the first load brings both of serve's threads their malloc arenas:
	# what must stay flat is what comes after
	wrk -t2 -c32 -d2s "http://127.0.0.1:$port/metrics" >/dev/null 2>&1 || true
	rss0=$(rss_of "$srv")
	wrk -t2 -c32 -d"${wrk_secs}s" --latency "http://127.0.0.1:$port/metrics" >"$tmp/wrk" 2>&1 || true
	rss1=$(rss_of "$srv")
	rps=$(awk '/^Requests\/sec/ { print $2 }' "$tmp/wrk")
	lat=$(awk '/ 50%/ { print $2; exit }' "$tmp/wrk")
	p99=$(awk '/ 99%/ { print $2; exit }' "$tmp/wrk")
	errs=$(awk '/Non-2xx|Socket errors/ { n++ } END { print n + 0 }' "$tmp/wrk")
	printf "  %-46s %8s req/s, p50 %s, p99 %s; RSS %s -> %s KiB\n" \
		"pagefail serve" "$rps" "$lat" "$p99" "$rss0" "$rss1"
	grep -E 'Non-2xx|Socket errors' "$tmp/wrk" | sed 's/^/    /' || true
	if [ -n "$ne" ]; then
		wrk -t2 -c32 -d"${wrk_secs}s" --latency "http://127.0.0.1:$neport/metrics" >"$tmp/wrk.ne" 2>&1 || true
		printf "  %-46s %8s req/s, p50 %s, p99 %s\n" "node_exporter (yardstick)" \
			"$(awk '/^Requests\/sec/ { print $2 }' "$tmp/wrk.ne")" \
			"$(awk '/ 50%/ { print $2; exit }' "$tmp/wrk.ne")" \
			"$(awk '/ 99%/ { print $2; exit }' "$tmp/wrk.ne")"
	fi
	goal "$errs" 'x == 0' "every request answered (no socket error, no non-2xx)" \
		"$errs kinds of error under load"
	growth=$(awk -v a="$rss0" -v b="$rss1" 'BEGIN { printf "%.3f", b / a }')
	goal "$growth" 'x <= 1.10' "RSS $rss0 -> $rss1 KiB under load (within 10%)" \
		"RSS $rss0 -> $rss1 KiB under load (goal: within 10%)"
else
	echo "load: no wrk (apt-get install wrk)"
fi
[ "${STRICT:-0}" = 1 ] && exit $fail
exit 0
