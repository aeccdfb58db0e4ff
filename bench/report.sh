#!/usr/bin/env bash
# report.sh - pagefail report on a big log: the page stays small and opens
# fast, however many reports.
#
#   bench/report.sh PATH/TO/pagefail [SIZE_MB] [EVERY_KIB]
#
# Generates a SIZE_MB MiB syslog (default 400) with a report every
# EVERY_KIB KiB (default 64: 6400 reports) with bench/gen-syslog.c, then,
# in the same run:
#   pagefail scan -q LOG                  the reading alone (the baseline)
#   pagefail report -o PAGE LOG           the reading and the page
#   tests/report/chromium.py PAGE         its render time in Chromium
#   tests/report/chromium.py SMALL        that of the corpus's page (the
#                                         baseline: a page of 27 reports)
# Goals (the report issue): the page under 5 MiB, rendered in under 2 s.
# Needs Debian's chromium (scripts/deps.sh check).
#
# Exit status: 0 when the figures were printed (STRICT=1: 1 when a goal
# fails), 1 when it cannot run, 2 on a usage error.
set -eu

prog=${0##*/}
pf=${1:-}
size_mb=${2:-400}
every_kib=${3:-64}
[ -x "$pf" ] || { echo "usage: $prog PATH/TO/pagefail [SIZE_MB] [EVERY_KIB]" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/goal.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cc -O2 -o "$tmp/gen" "$here/bench/gen-syslog.c"
"$tmp/gen" -k "$every_kib" -o "$tmp/big.log" $((size_mb * 1048576)) 2>"$tmp/gen.err"
reports=$(sed -n 's/.*reports=\([0-9]*\).*/\1/p' "$tmp/gen.err")
cat "$tmp/big.log" >/dev/null # the page cache, for both runs alike

# timed PROG...: "wall_s maxrss_kib" of its best of three runs
timed() {
	local best=
	for _ in 1 2 3; do
		/usr/bin/time -q -f '%e %M' -o "$tmp/t" "$@" >/dev/null 2>&1 || true
		if [ -z "$best" ] || awk -v a="$(cut -d' ' -f1 "$tmp/t")" -v b="${best% *}" 'BEGIN { exit !(a < b) }'; then
			best=$(cat "$tmp/t")
		fi
	done
	echo "$best"
}

scan=$(timed "$pf" scan -q "$tmp/big.log")
page=$(timed "$pf" report -o "$tmp/big.html" "$tmp/big.log")
"$pf" report -o "$tmp/small.html" "$here"/tests/fixtures/corpus/*.log 2>/dev/null
size=$(stat -c %s "$tmp/big.html")
render() { "$here/tests/report/chromium.py" "$1" | sed -n 's/.*render \([0-9]*\) ms.*/\1/p'; }
big_ms=$(render "$tmp/big.html")
small_ms=$(render "$tmp/small.html")
[ -n "$big_ms" ] || { echo "$prog: chromium could not render the page" >&2; exit 1; }

echo "pagefail report on a ${size_mb} MiB syslog with $reports reports ($(nproc) CPUs)"
printf "  %-34s %8s s  %8s KiB RSS\n" "scan -q (baseline: the reading)" ${scan% *} ${scan#* }
printf "  %-34s %8s s  %8s KiB RSS\n" "report -o PAGE" ${page% *} ${page#* }
printf "  %-34s %8.1f KiB (the log: %d MiB)\n" "the page" "$(echo "$size / 1024" | bc -l)" "$size_mb"
printf "  %-34s %8s ms (baseline: the corpus's page, %s ms)\n" "rendered in Chromium" "$big_ms" "$small_ms"
goal "$size" 'x < 5 * 1048576' "the page is $size bytes (< 5 MiB)" "the page is $size bytes (goal < 5 MiB)"
goal "$big_ms" 'x < 2000' "it renders in $big_ms ms (< 2 s)" "it renders in $big_ms ms (goal < 2 s)"
[ -z "${STRICT:-}" ] || exit $fail
exit 0
