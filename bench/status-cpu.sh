#!/usr/bin/env bash
# status-cpu.sh - what one `pagefail status` costs in CPU, and what
# `pagefail top` costs at one refresh a second, each next to a baseline
# measured in the same run.
#
#   bench/status-cpu.sh PATH/TO/pagefail [RUNS] [TOP_SECONDS]
#
# status: RUNS runs (default 200) of `pagefail status -j` on this machine,
# and, as the baseline, RUNS runs of `cat` on the same /proc files, which is
# what the kernel charges for producing them (pagetypeinfo walks every free
# list); also RUNS runs on a saved snapshot (tests/fixtures/system/
# debian12-live), where the kernel's share is gone.  The CPU (user +
# system, of the children, from bash's `times`) per run is printed.
# Goal: under 10 ms of CPU per status.
#
# top: `pagefail top -b -d 1 -n TOP_SECONDS` (default 20), its CPU time over
# its wall time, next to `vmstat 1 TOP_SECONDS` doing the same polling.
# Goal: under 2% of one core.
#
# Exit status: 0 when the figures were printed (STRICT=1: 1 when a goal
# fails), 2 on a usage error.
set -eu

prog=${0##*/}
pf=${1:-}
runs=${2:-200}
top_secs=${3:-20}
[ -x "$pf" ] || { echo "usage: $prog PATH/TO/pagefail [RUNS] [TOP_SECONDS]" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
fixture=$here/tests/fixtures/system/debian12-live
. "$here/bench/goal.sh"

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# cpu=children's user+system CPU seconds so far, from bash's `times`
# (run in this shell: in a $(...) subshell it would see no children)
child_cpu() {
	times >"$tmp"
	cpu=$(awk 'NR == 2 { gsub(/[ms]/, " "); print $1 * 60 + $2 + $3 * 60 + $4 }' "$tmp")
}

# cpu_per_run LABEL COMMAND...: run COMMAND $runs times, print ms per run
cpu_per_run() {
	label=$1; shift
	child_cpu; before=$cpu
	for ((i = 0; i < runs; i++)); do
		"$@" >/dev/null 2>&1 || true
	done
	child_cpu; after=$cpu
	awk -v a="$after" -v b="$before" -v n="$runs" -v l="$label" \
		'BEGIN { printf "  %-44s %8.2f ms CPU per run\n", l, (a - b) * 1000 / n }'
	last_ms=$(awk -v a="$after" -v b="$before" -v n="$runs" 'BEGIN { print (a - b) * 1000 / n }')
}

files="/proc/zoneinfo /proc/buddyinfo /proc/vmstat /proc/meminfo"
[ -r /proc/pagetypeinfo ] && files="$files /proc/pagetypeinfo"
echo "status: $runs runs each ($(uname -r), $(nproc) CPUs)"
cpu_per_run "cat of the same /proc files (baseline)" cat $files
base_ms=$last_ms
cpu_per_run "pagefail status -j (this machine)" "$pf" status -j
live_ms=$last_ms
cpu_per_run "pagefail status -j --root snapshot" "$pf" status -j --root "$fixture"
cpu_per_run "pagefail status (text, this machine)" "$pf" status --no-color
goal "$live_ms" 'x < 10' \
	"one status costs $live_ms ms of CPU (< 10 ms; cat alone: $base_ms ms)" \
	"one status costs $live_ms ms of CPU (goal < 10 ms)"

# top at 1 Hz: CPU over wall time, and vmstat 1 beside it
percent_of_core() {
	label=$1; shift
	child_cpu; before=$cpu
	start=$(date +%s.%N)
	"$@" >/dev/null 2>&1 || true
	end=$(date +%s.%N)
	child_cpu; after=$cpu
	pct=$(awk -v a="$after" -v b="$before" -v s="$start" -v e="$end" \
		'BEGIN { printf "%.3f", (a - b) * 100 / (e - s) }')
	printf "  %-44s %8s %% of one core\n" "$label" "$pct"
}
echo "top at 1 Hz for $top_secs s:"
if command -v vmstat >/dev/null; then
	percent_of_core "vmstat 1 $top_secs (baseline)" vmstat 1 "$top_secs"
fi
percent_of_core "pagefail top -b -d 1 -n $top_secs" "$pf" top -b -d 1 -n "$top_secs"
goal "$pct" 'x < 2' "top at 1 Hz uses $pct% of one core (< 2%)" \
	"top at 1 Hz uses $pct% of one core (goal < 2%)"
[ "${STRICT:-0}" = 1 ] && exit $fail
exit 0
