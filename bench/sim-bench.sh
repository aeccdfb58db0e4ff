#!/usr/bin/env bash
# sim-bench.sh - the simulator's standard microbenchmark next to its
# baselines: `pagefail simulate --bench -j` (order-0 to order-3 allocations
# and frees with full buddy and migratetype semantics on a 4 GiB zone, ~70%
# in use) against
#   - the previous release's figure, when PREVIOUS=PATH/TO/old/pagefail is
#     given, run in turn with this one;
#   - the kernel's own single-core order-0 page allocator, about 94 ns an
#     allocation, i.e. ~10.6 M/s (shared/reference/anchors-sim-perf.md,
#     section 3, from the LKML measurements cited there).
# Goals (the what-if issue): at least 30 M page operations per second,
# the median of 5 runs, at no more than 16 bytes per page.
#
#   bench/sim-bench.sh PATH/TO/pagefail [RUNS]
#
# A Release build gives the figure that counts (make bench builds one).
# STRICT=1: exit 1 when a goal fails.
set -eu

pf=${1:-}
runs=${2:-5}
[ -x "$pf" ] || { echo "usage: ${0##*/} PATH/TO/pagefail [RUNS]" >&2; exit 2; }
kernel_ops=10600000

# one run: "page_ops_per_second bytes_per_page"
one() {
	"$1" simulate --bench -j |
		sed 's/.*"page_ops_per_second": *\([0-9.]*\).*"bytes_per_page": *\([0-9.]*\).*/\1 \2/'
}

# the median of a column of numbers
median() {
	sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
new=$tmp/new old=$tmp/old
: >"$new"
: >"$old"
for ((i = 0; i < runs; i++)); do
	one "$pf" >>"$new"
	if [ -n "${PREVIOUS:-}" ] && [ -x "$PREVIOUS" ]; then
		one "$PREVIOUS" >>"$old"
	fi
done
ops=$(cut -d' ' -f1 "$new" | median)
lo=$(cut -d' ' -f1 "$new" | sort -n | head -n1)
hi=$(cut -d' ' -f1 "$new" | sort -n | tail -n1)
bpp=$(cut -d' ' -f2 "$new" | median)
printf '%-44s %14s %22s %12s\n' "" "page ops/s" "(min - max of $runs)" "bytes/page"
printf '%-44s %14.0f %22s %12s\n' "kernel order-0 fast path, 1 core (baseline)" "$kernel_ops" "" "64 (struct page)"
if [ -s "$old" ]; then
	pops=$(cut -d' ' -f1 "$old" | median)
	pbpp=$(cut -d' ' -f2 "$old" | median)
	printf '%-44s %14.0f %22s %12s\n' "previous build (median)" "$pops" "" "$pbpp"
fi
printf '%-44s %14.0f %22s %12s\n' "pagefail simulate --bench (median)" "$ops" \
	"$(printf '%.1f - %.1f M' "$(awk -v x="$lo" 'BEGIN { print x / 1e6 }')" "$(awk -v x="$hi" 'BEGIN { print x / 1e6 }')")" "$bpp"
. "$(dirname "$0")/goal.sh"
goal "$ops" 'x >= 30000000' \
	"$ops page ops/s, median of $runs (>= 30 M; the kernel's fast path: ~10.6 M)" \
	"$ops page ops/s, median of $runs (goal >= 30 M)"
goal "$bpp" 'x <= 16' "$bpp bytes per page (<= 16)" \
	"$bpp bytes per page (goal <= 16)"
[ "${STRICT:-0}" = 1 ] && exit $fail
exit 0
