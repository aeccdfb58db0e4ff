#!/usr/bin/env bash
# scan-vs-grep.sh - how fast `pagefail scan` reads a big syslog file, next to
# `grep -c` run on the same file in the same run.
#
#   bench/scan-vs-grep.sh PATH/TO/pagefail [SIZE_MB]
#
# Generates a realistic syslog file of SIZE_MB MiB (default 1024, or $SIZE_MB)
# with bench/gen-syslog.c under ${TMPDIR:-/tmp}, warms the page cache, then
# times, three rounds each (the best round counts):
#
#   LC_ALL=C grep -c -F 'page allocation failure' FILE
#   pagefail scan -q FILE
#   pagefail scan -j FILE > /dev/null
#
# with /usr/bin/time -f '%e %U %S %M' (wall seconds, user and system CPU
# seconds, peak RSS in KiB), and prints a table and one PASS/FAIL line per
# goal: "scan no slower than grep -c" and "peak RSS < 32 MiB".
#
# Environment: SIZE_MB (when no second argument), KEEP=1 (keep the generated
# file and print its path), STRICT=1 (exit 1 when a goal fails), CC (the C
# compiler for the generator, default cc), TMPDIR.
#
# Exit status: 0 when the figures were printed (whatever the goals say,
# unless STRICT=1), 1 when a goal failed under STRICT=1 or the benchmark
# could not run, 2 on a usage error.
set -eu

prog=${0##*/}
die() {
	echo "$prog: $*" >&2
	exit 1
}
usage() {
	echo "usage: $prog PATH/TO/pagefail [SIZE_MB]" >&2
	exit 2
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
case "$1" in -h | --help) usage ;; esac
pf=$1
size_mb=${2:-${SIZE_MB:-1024}}
case "$size_mb" in '' | *[!0-9]*) usage ;; esac
[ "$size_mb" -ge 1 ] || usage
if ! [ -f "$pf" ] || ! [ -x "$pf" ]; then
	die "'$pf' is not an executable file (build it with: make)"
fi
case "$pf" in */*) ;; *) pf=./$pf ;; esac

here=$(cd "$(dirname "$0")" && pwd)
gen_src=$here/gen-syslog.c
[ -r "$gen_src" ] || die "cannot read '$gen_src'"

# GNU time: %M (peak RSS) is what the shell's `time` keyword cannot give.
TIME=/usr/bin/time
if ! [ -x "$TIME" ]; then
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "$prog: installing the 'time' package" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null ||
			die "apt-get install time failed"
	else
		die "$TIME is missing; install it as root with: apt-get install -y time"
	fi
fi
"$TIME" -f '%e %U %S %M' -o /dev/null true 2>/dev/null ||
	die "$TIME does not take -f/-o; GNU time is needed (apt-get install -y time)"

cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || die "no C compiler '$cc' (set CC, or apt-get install -y gcc)"

work=$(mktemp -d "${TMPDIR:-/tmp}/pagefail-bench.XXXXXX") || die "cannot create a directory in ${TMPDIR:-/tmp}"
file=$work/syslog-${size_mb}M.log
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	local f
	if [ "${KEEP:-0}" = 1 ] && [ -f "$file" ]; then
		for f in "$work"/*; do
			[ "$f" = "$file" ] || rm -f "$f"
		done
		echo "kept: $file"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bytes_wanted=$((size_mb * 1048576))
avail_kb=$(df -Pk "$work" | awk 'NR == 2 { print $4 }')
if [ -n "$avail_kb" ] && [ "$avail_kb" -lt $((size_mb * 1024 + 65536)) ]; then
	die "not enough space in ${TMPDIR:-/tmp} for a ${size_mb} MiB file (set TMPDIR)"
fi

"$cc" -O2 -o "$work/gen-syslog" "$gen_src" || die "cannot compile $gen_src"
echo "generating ${size_mb} MiB of syslog in $work ..." >&2
"$work/gen-syslog" -o "$file" "$bytes_wanted" 2>"$work/gen.err" || {
	cat "$work/gen.err" >&2
	die "the generator failed"
}
embedded=$(sed -n 's/.*reports=\([0-9]*\).*/\1/p' "$work/gen.err")
lines=$(sed -n 's/.*lines=\([0-9]*\).*/\1/p' "$work/gen.err")
bytes=$(wc -c <"$file" | tr -d ' ')

# Warm the page cache: every command then reads the file from memory.
cat "$file" >/dev/null

# measure NAME OUT CMD...: run CMD once under GNU time with stdout to OUT;
# appends "wall user sys rss_kb" to $work/NAME.runs, leaves the exit status
# in $work/NAME.rc.  The wall time comes from bash's EPOCHREALTIME (1 us)
# when there is one, else from time's %e (10 ms).
measure() {
	local name=$1 out=$2 rc=0 t0 t1
	shift 2
	t0=${EPOCHREALTIME:-}
	"$TIME" -f '%e %U %S %M' -o "$work/$name.time" "$@" >"$out" 2>"$work/$name.err" || rc=$?
	t1=${EPOCHREALTIME:-}
	echo "$rc" >"$work/$name.rc"
	# GNU time writes "Command exited with non-zero status N" first.
	tail -n 1 "$work/$name.time" |
		awk -v t0="${t0/,/.}" -v t1="${t1/,/.}" '{
			if (t0 != "" && t1 != "") $1 = sprintf("%.3f", t1 - t0)
			print }' >>"$work/$name.runs"
}

names="grep scanq scanj"
for n in $names; do : >"$work/$n.runs"; done
for round in 1 2 3; do
	echo "round $round of 3 ..." >&2
	measure grep "$work/grep.out" env LC_ALL=C grep -c -F 'page allocation failure' "$file"
	measure scanq /dev/null "$pf" scan -q "$file"
	measure scanj /dev/null "$pf" scan -j "$file"
done

# Exit statuses: grep 0/1 = found/none; pagefail 0/3 = none/found.
grep_rc=$(cat "$work/grep.rc")
[ "$grep_rc" -le 1 ] || die "grep failed: $(head -n 1 "$work/grep.err")"
for n in scanq scanj; do
	rc=$(cat "$work/$n.rc")
	case "$rc" in
	0 | 3) ;;
	*) echo "$prog: warning: pagefail scan exited with status $rc: $(head -n 1 "$work/$n.err")" >&2 ;;
	esac
done
scanq_rc=$(cat "$work/scanq.rc")

grep_count=$(head -n 1 "$work/grep.out")
"$pf" scan -j "$file" >"$work/count.out" 2>"$work/count.err" || true
scan_lines=$(wc -l <"$work/count.out" | tr -d ' ')
scan_errors=$(grep -c '^{ *"error"' "$work/count.out" || true)
scan_count=$((scan_lines - scan_errors))

# best NAME: "wall cpu max_rss_kb" - the fastest round's wall and user+sys
# time, and the highest peak RSS of the three rounds.
best() {
	awk '{ if (NR == 1 || $1 < w) { w = $1; c = $2 + $3 } if ($4 > m) m = $4 }
	     END { printf "%.3f %.2f %d\n", w, c, m }' "$work/$1.runs"
}
read -r g_wall g_cpu g_rss <<<"$(best grep)"
read -r q_wall q_cpu q_rss <<<"$(best scanq)"
read -r j_wall j_cpu j_rss <<<"$(best scanj)"

row() { # label wall cpu rss_kb reports
	awk -v l="$1" -v w="$2" -v c="$3" -v r="$4" -v n="$5" -v b="$bytes" 'BEGIN {
		mbs = (w > 0) ? sprintf("%.1f", b / 1048576 / w) : "-"
		printf "%-48s %8.3f %8.2f %9s %13.1f %9s\n", l, w, c, mbs, r / 1024, n }'
}

echo
echo "pagefail scan vs grep: ${size_mb} MiB syslog, $bytes bytes, $lines lines, $embedded reports embedded"
echo "page cache warm; best of 3 rounds (peak RSS: highest of the 3); MiB = 2^20 bytes"
pf_version=$("$pf" --version 2>/dev/null | head -n 1) || true
echo "pagefail: $pf (${pf_version:-no --version output})"
echo "machine:  $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1), $(uname -sr)"
echo
printf '%-48s %8s %8s %9s %13s %9s\n' command seconds "CPU s" "MiB/s" "peak RSS MiB" reports
row "LC_ALL=C grep -c -F 'page allocation failure'" "$g_wall" "$g_cpu" "$g_rss" "$grep_count"
row "pagefail scan -q" "$q_wall" "$q_cpu" "$q_rss" "(exit $scanq_rc)"
row "pagefail scan -j > /dev/null" "$j_wall" "$j_cpu" "$j_rss" "$scan_count"
echo
echo "seconds: wall clock; CPU s: user + system; reports: grep's count and the"
echo "number of JSON lines of 'pagefail scan -j FILE' (error lines not counted)"
echo

fail=0
if awk -v s="$q_wall" -v g="$g_wall" 'BEGIN { exit !(s <= g) }'; then
	verdict=PASS
else
	verdict=FAIL
	fail=1
fi
echo "$verdict: scan no slower than grep -c (scan -q ${q_wall} s, grep -c ${g_wall} s, scan -j ${j_wall} s)"
max_rss=$((q_rss > j_rss ? q_rss : j_rss))
if [ "$max_rss" -lt $((32 * 1024)) ]; then
	verdict=PASS
else
	verdict=FAIL
	fail=1
fi
echo "$verdict: peak RSS < 32 MiB (scan -q $(awk -v r="$q_rss" 'BEGIN { printf "%.1f", r / 1024 }') MiB, scan -j $(awk -v r="$j_rss" 'BEGIN { printf "%.1f", r / 1024 }') MiB)"

if [ "$grep_count" = "$embedded" ] && [ "$scan_count" = "$embedded" ]; then
	echo "reports: embedded $embedded, grep -c $grep_count, scan -j $scan_count: agree"
else
	echo "reports: embedded $embedded, grep -c $grep_count, scan -j $scan_count: DIFFER"
fi
if [ "$scan_errors" -gt 0 ] || [ -s "$work/count.err" ]; then
	echo "scan errors: $scan_errors JSON error lines; stderr: $(head -n 1 "$work/count.err")"
fi

if [ "$fail" -ne 0 ] && [ "${STRICT:-0}" = 1 ]; then
	exit 1
fi
exit 0
