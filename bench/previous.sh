#!/usr/bin/env bash
# previous.sh - this build next to a previous one, command by command, in
# the same run: the renovation's rule is "no slower than before".
#
#   bench/previous.sh PATH/TO/pagefail PATH/TO/previous/pagefail [RUNS]
#
# A previous build: git worktree add /tmp/prev REV && (cd /tmp/prev &&
# scripts/build.sh build pagefail-cli -DCMAKE_BUILD_TYPE=Release).
# Each command runs RUNS times (default 5), the two builds in turn, after
# one warm-up each; the median wall time of each is printed with their
# ratio.  The commands: scan -q and scan -j of a generated syslog file of
# SIZE_MB MiB (default 256), explain of the repository's corpus, status -j
# of a saved system, and the RHEL 6 scenario's simulation.
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

# seconds of one run of "$@", its output to a file (grep-like baselines
# that see /dev/null may stop early; these do not, but keep it honest)
one() {
	local s e
	s=$(date +%s.%N)
	"$@" >"$tmp/out" 2>/dev/null || true
	e=$(date +%s.%N)
	awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f\n", e - s }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

row() {
	local name=$1 a b
	shift
	one "$new" "$@" >/dev/null
	one "$old" "$@" >/dev/null
	: >"$tmp/a"
	: >"$tmp/b"
	for _ in $(seq "$runs"); do
		one "$new" "$@" >>"$tmp/a"
		one "$old" "$@" >>"$tmp/b"
	done
	a=$(median <"$tmp/a")
	b=$(median <"$tmp/b")
	printf '%-28s %10.3f %10.3f %8.2f\n' "$name" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')"
}

printf '%-28s %10s %10s %8s\n' "median wall seconds" "this" "previous" "ratio"
row "scan -q (${SIZE_MB:-256} MiB syslog)" scan -q "$tmp/syslog"
row "scan -j (same)" scan -j "$tmp/syslog"
row "explain -j (corpus)" explain -j "$top"/tests/fixtures/corpus/*.log
row "status -j (saved system)" status -j --root "$top/tests/fixtures/system/rhel6-sosreport"
row "simulate rhel6-net-burst" simulate "$top/data/scenarios/rhel6-net-burst.scn" --reports 0
