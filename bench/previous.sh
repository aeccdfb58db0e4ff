#!/usr/bin/env bash
# previous.sh - this build next to a previous one, command by command, in
# the same run: the renovation's rule is "no slower than before".
#
#   bench/previous.sh PATH/TO/pagefail PATH/TO/previous/pagefail [RUNS]
#
# A previous build: git worktree add /tmp/prev REV && (cd /tmp/prev &&
# scripts/build.sh build pagefail-cli -DCMAKE_BUILD_TYPE=Release).
# Each command runs RUNS times (default 5), the two builds in turn, after
# one warm-up each; printed are the median wall and CPU times of each and
# the median of the ratios of each pair (this / previous).  The commands: scan -q and scan -j of a generated syslog file of
# SIZE_MB MiB (default 256), explain of the repository's corpus, status -j
# of a saved system, and the RHEL 6 scenario's simulation.  With INSNS=1
# the instructions each executes are counted too (valgrind, some minutes):
# a figure a noisy machine does not move.
set -eu

prog=${0##*/}
[ $# -ge 2 ] && [ $# -le 3 ] || { echo "usage: $prog NEW OLD [RUNS]" >&2; exit 2; }
new=$1 old=$2 runs=${3:-5}
case "$runs" in '' | *[!0-9]*) echo "$prog: RUNS is a number" >&2; exit 2 ;; esac
for b in "$new" "$old"; do
	[ -x "$b" ] || { echo "$prog: '$b' is not an executable file" >&2; exit 1; }
done
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pagefail-prev-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

"${CC:-cc}" -O2 -o "$tmp/gen" "$here/gen-syslog.c"
"$tmp/gen" -o "$tmp/syslog" $((${SIZE_MB:-256} << 20)) 2>/dev/null

# wall and CPU (user + system) seconds of one run of "$@", its output to a
# file (grep-like baselines that see /dev/null may stop early; these do
# not, but keep it honest); bash's own clock, no process forked for it
one() {
	local TIMEFORMAT='%R %U %S' t
	t=$({ time "$@" >"$tmp/out" 2>/dev/null; } 2>&1) || true
	echo "$t" | awk '{ printf "%.4f %.4f\n", $1, $2 + $3 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The two builds in turn, A B A B, so that a drift of the machine's speed
# reaches both: the medians of each, and the median of the ratios pair by
# pair, which a noisy neighbour moves least.
row() {
	local name=$1 a b
	shift
	one "$new" "$@" >/dev/null
	one "$old" "$@" >/dev/null
	: >"$tmp/pairs"
	for _ in $(seq "$runs"); do
		a=$(one "$new" "$@")
		b=$(one "$old" "$@")
		echo "$a $b" >>"$tmp/pairs"
	done
	printf '%-28s %8.3f %8.3f %6.2f %8.3f %8.3f %6.2f\n' "$name" \
		"$(awk '{ print $1 }' "$tmp/pairs" | median)" \
		"$(awk '{ print $3 }' "$tmp/pairs" | median)" \
		"$(awk '{ print $1 / $3 }' "$tmp/pairs" | median)" \
		"$(awk '{ print $2 }' "$tmp/pairs" | median)" \
		"$(awk '{ print $4 }' "$tmp/pairs" | median)" \
		"$(awk '{ print ($4 > 0 ? $2 / $4 : 1) }' "$tmp/pairs" | median)"
}

# instructions executed by one run of "$@" (valgrind's cachegrind): the same
# on every run, where a shared machine's times are not
insns() {
	valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
		"$@" 2>&1 >/dev/null | awk '/I *refs:/ { gsub(",", "", $NF); print $NF }'
}

irow() {
	local name=$1 a b
	shift
	a=$(insns "$new" "$@")
	b=$(insns "$old" "$@")
	printf '%-28s %12.1f %12.1f %6.3f\n' "$name" "$(awk -v a="$a" 'BEGIN { print a / 1e6 }')" \
		"$(awk -v b="$b" 'BEGIN { print b / 1e6 }')" "$(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')"
}

# The commands, each with its name: timed with row(), counted with irow().
each() {
	local r=$1
	$r "scan -q (${SIZE_MB:-256} MiB syslog)" scan -q "$tmp/syslog"
	$r "scan -j (same)" scan -j "$tmp/syslog"
	$r "explain -j (corpus)" explain -j "$top"/tests/fixtures/corpus/*.log
	$r "status -j (saved system)" status -j --root "$top/tests/fixtures/system/rhel6-sosreport"
	$r "simulate rhel6-net-burst" simulate "$top/data/scenarios/rhel6-net-burst.scn" --reports 0
}

printf '%-28s %8s %8s %6s %8s %8s %6s\n' "medians, seconds" "wall" "prev" "ratio" "cpu" "prev" "ratio"
each row
if [ -n "${INSNS:-}" ]; then
	command -v valgrind >/dev/null || { echo "$prog: INSNS needs valgrind" >&2; exit 1; }
	printf '\n%-28s %12s %12s %6s\n' "instructions, millions" "this" "prev" "ratio"
	each irow
fi
