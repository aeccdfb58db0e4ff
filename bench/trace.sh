#!/usr/bin/env bash
# trace.sh - what pagefail trace costs the machine it measures:
#
#   bench/trace.sh PATH/TO/pagefail [PAIRS] [TCP_BYTES] [SHM_BYTES] [READ_BYTES]
#
# Three page-allocation-heavy loads (bench/loadgen.c): loopback TCP at
# full speed (TCP_BYTES, default 8G); a file read loop whose pages are
# dropped from the page cache after each pass, so every page read is
# allocated again (READ_BYTES, default 8G; the kernel reads ahead in
# large folios, so few allocations of many pages); and the harshest, a
# tmpfs write-read-remove loop, one order-0 allocation a page (SHM_BYTES,
# default 4G).  Each runs PAIRS times (default 5) with trace
# attached and without, in turn (the first of a pair alternates), and the
# rate with trace over the rate without is taken pair by pair; the median
# is the figure.  trace's own
# CPU (/proc/PID/schedstat) while a load ran, over the load's time, is its
# share of a core.  trace runs as "pagefail trace" runs by
# default: 10 ms windows, 5 stacks of each kind.
# Goals (the trace issue): at least 97% of the rate, under 1% of a core.
# Needs root (or CAP_BPF and CAP_PERFMON) and cc.
#
# Exit status: 0 when the figures were printed (STRICT=1: 1 when a goal
# fails), 1 when trace cannot run here, 2 on a usage error.
set -eu

prog=${0##*/}
pf=${1:-}
pairs=${2:-5}
tcp_bytes=${3:-8G}
shm_bytes=${4:-4G}
read_bytes=${5:-8G}
[ -x "$pf" ] || { echo "usage: $prog PATH/TO/pagefail [PAIRS] [TCP_BYTES] [SHM_BYTES] [READ_BYTES]" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/goal.sh"
tmp=$(mktemp -d)
tpid=
trap '[ -n "$tpid" ] && kill $tpid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

cc -O2 -pthread "$here/bench/loadgen.c" -o "$tmp/loadgen"
if ! "$pf" trace -d 0.2 >/dev/null 2>"$tmp/probe"; then
	echo "$prog: trace cannot run here: $(tail -n 1 "$tmp/probe")" >&2
	exit 1
fi

# cpu_of PID: its CPU seconds: /proc/PID/schedstat's nanoseconds on a CPU
# where the kernel keeps them, else utime + stime in clock ticks
cpu_of() {
	if [ -r "/proc/$1/schedstat" ]; then
		awk '{ printf "%.6f", $1 / 1e9 }' "/proc/$1/schedstat"
	else
		awk -v hz="$(getconf CLK_TCK)" '{ printf "%.4f", ($14 + $15) / hz }' "/proc/$1/stat"
	fi
}

# traced LOAD...: the load's rate with trace attached; trace's CPU share
# of a core over the load's time in $tmp/share
traced() {
	"$pf" trace -d 3600 >/dev/null 2>"$tmp/t.err" &
	tpid=$!
	until grep -q 'trace: counting' "$tmp/t.err"; do
		kill -0 $tpid 2>/dev/null || { cat "$tmp/t.err" >&2; exit 1; }
		sleep 0.05
	done
	local c0 c1 t0 t1 rate
	c0=$(cpu_of $tpid)
	t0=$(date +%s.%N)
	rate=$("$tmp/loadgen" "$@" | awk '{ print $1 }')
	t1=$(date +%s.%N)
	c1=$(cpu_of $tpid)
	kill -INT $tpid
	wait $tpid || true
	tpid=
	awk -v a="$c0" -v b="$c1" -v s="$t0" -v e="$t1" \
		'BEGIN { printf "%.4f\n", (b - a) / (e - s) * 100 }' >>"$tmp/share"
	echo "$rate"
}

median() {
	sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "pagefail trace on $(uname -r), $(nproc) CPUs: $pairs pairs a load, with trace / without"
worst_ratio=
: >"$tmp/share"
for load in "tcp $tcp_bytes" "read $read_bytes" "shm $shm_bytes"; do
	: >"$tmp/ratios"
	: >"$tmp/with"
	: >"$tmp/without"
	"$tmp/loadgen" $load >/dev/null # warm-up
	for ((i = 0; i < pairs; i++)); do
		# which goes first alternates: a drift of the machine (its
		# page cache, a neighbour's load) falls on both sides
		if ((i % 2 == 0)); then
			a=$(traced $load)
			b=$("$tmp/loadgen" $load | awk '{ print $1 }')
		else
			b=$("$tmp/loadgen" $load | awk '{ print $1 }')
			a=$(traced $load)
		fi
		echo "$a" >>"$tmp/with"
		echo "$b" >>"$tmp/without"
		awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f\n", a / b }' >>"$tmp/ratios"
	done
	r=$(median <"$tmp/ratios")
	printf "  %-10s with trace %9.1f MiB/s, without %9.1f MiB/s (medians); ratio min %s median %s max %s\n" \
		"${load%% *}" "$(median <"$tmp/with")" "$(median <"$tmp/without")" \
		"$(sort -g "$tmp/ratios" | head -1)" "$r" "$(sort -g "$tmp/ratios" | tail -1)"
	goal "$r" 'x >= 0.97' "${load%% *} runs at $r of its rate under trace (>= 0.97)" \
		"${load%% *} runs at $r of its rate under trace (goal >= 0.97)"
done
share=$(median <"$tmp/share")
echo "  trace's own CPU while the loads ran: median $share% of a core (max $(sort -g "$tmp/share" | tail -1)%)"
goal "$share" 'x < 1' "trace takes $share% of a core (< 1%)" "trace takes $share% of a core (goal < 1%)"
[ -z "${STRICT:-}" ] || exit $fail
exit 0
