#!/usr/bin/env bash
# sim-scale.sh - the simulator's cost follows the work, not the memory
# size (the what-if issue's goals), each figure next to its baseline
# measured in the same run:
#   1. set-up: a 1 TiB zone and 1 ms of nothing, next to a 4 GiB zone the
#      same (goal: under 0.1 s and 64 MiB);
#   2. 10 simulated seconds of the same workload (fixed rates, no fill) on
#      4 GiB and on 1 TiB: the 4 GiB run is the baseline the 1 TiB one
#      must stay near (goal: within 2x);
#   3. bench/scenarios/server-64g-1h.scn: a 64 GiB server through an hour
#      (goal: under a minute), next to the first 5 minutes of it;
#   with PREVIOUS=PATH/TO/old/pagefail, each also by that build (slow:
#   before this release, 10 s on 1 TiB took minutes).
# Wall seconds and peak RSS from GNU time (Debian's time package), the
# median of RUNS (default 3) for 1 and 2, one run for 3.
#
#   bench/sim-scale.sh PATH/TO/pagefail [RUNS]
#
# STRICT=1: exit 1 when a goal fails.
set -eu

pf=${1:-}
runs=${2:-3}
[ -x "$pf" ] || { echo "usage: ${0##*/} PATH/TO/pagefail [RUNS]" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "${0##*/}: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for sz in 4G 1T; do
	printf '[machine]\nzone = Normal %s\ncpus = 8\n[kernel]\nversion = 6.6\n[phase idle]\nduration = 1ms\n' \
		"$sz" >"$tmp/setup-$sz.scn"
	cat >"$tmp/work-$sz.scn" <<SCN
[machine]
zone = Normal $sz
cpus = 8
swap = on
[kernel]
version = 6.6
[phase work]
duration = 10s
stream = 50000/s
anon = 5000/s
anon_free = 4000/s
slab = 500/s
slab_free = 450/s
kernel = 10/s
net = 20000/s
net_order = 1
net_hold = 2ms
burst = 200ms every 2s
SCN
done
sed 's/^duration = 1h$/duration = 5min/' "$here/scenarios/server-64g-1h.scn" >"$tmp/server-5min.scn"

# "wall_seconds max_rss_kib" of one run
one() {
	/usr/bin/time -f '%e %M' -o "$tmp/t" "$@" >/dev/null 2>&1 || true
	tail -n1 "$tmp/t"
}

# "wall rss" medians of n runs
median_of() {
	local n=$1
	shift
	for ((i = 0; i < n; i++)); do one "$@"; done >"$tmp/m"
	echo "$(cut -d' ' -f1 "$tmp/m" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" \
		"$(cut -d' ' -f2 "$tmp/m" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
}

row() {
	printf '%-52s %10s s %10s MiB\n' "$1" "$2" "$(awk -v k="$3" 'BEGIN { printf "%.1f", k / 1024 }')"
}

printf '%-52s %12s %14s\n' "" "wall" "peak RSS"
read -r s4w s4m < <(median_of "$runs" "$pf" simulate "$tmp/setup-4G.scn")
read -r s1w s1m < <(median_of "$runs" "$pf" simulate "$tmp/setup-1T.scn")
row "set-up, 4 GiB zone (baseline)" "$s4w" "$s4m"
row "set-up, 1 TiB zone" "$s1w" "$s1m"
read -r w4w w4m < <(median_of "$runs" "$pf" simulate "$tmp/work-4G.scn")
read -r w1w w1m < <(median_of "$runs" "$pf" simulate "$tmp/work-1T.scn")
row "10 s of work, 4 GiB zone (baseline)" "$w4w" "$w4m"
row "10 s of work, 1 TiB zone" "$w1w" "$w1m"
read -r h5w h5m < <(one "$pf" simulate "$tmp/server-5min.scn")
read -r hw hm < <(one "$pf" simulate "$here/scenarios/server-64g-1h.scn")
row "64 GiB server, 5 minutes (baseline)" "$h5w" "$h5m"
row "64 GiB server, one hour" "$hw" "$hm"
if [ -n "${PREVIOUS:-}" ] && [ -x "$PREVIOUS" ]; then
	read -r pw pm < <(one "$PREVIOUS" simulate "$tmp/setup-1T.scn")
	row "previous build: set-up, 1 TiB zone" "$pw" "$pm"
	read -r pw pm < <(one "$PREVIOUS" simulate "$tmp/server-5min.scn")
	row "previous build: 64 GiB server, 5 minutes" "$pw" "$pm"
fi

. "$here/goal.sh"
goal "$s1w" 'x < 0.1' "1 TiB set up in $s1w s (< 0.1 s)" "1 TiB set up in $s1w s (goal < 0.1 s)"
goal "$s1m" 'x < 65536' "1 TiB set up in $((s1m / 1024)) MiB (< 64 MiB)" \
	"1 TiB set up in $((s1m / 1024)) MiB (goal < 64 MiB)"
goal "$(awk -v a="$w1w" -v b="$w4w" 'BEGIN { print (b > 0.05 ? a / b : a / 0.05) }')" 'x <= 2' \
	"10 s on 1 TiB: $w1w s, 4 GiB: $w4w s (within 2x)" \
	"10 s on 1 TiB: $w1w s, 4 GiB: $w4w s (goal within 2x)"
goal "$hw" 'x < 60' "64 GiB, one hour simulated in $hw s (< 60 s)" \
	"64 GiB, one hour simulated in $hw s (goal < 60 s)"
[ "${STRICT:-0}" = 1 ] && exit $fail
exit 0
