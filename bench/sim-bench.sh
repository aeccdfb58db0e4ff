#!/usr/bin/env bash
# sim-bench.sh - the simulator's standard microbenchmark next to its
# baselines: `pagefail simulate --bench -j` (order-0 to order-3 allocations
# and frees with full buddy and migratetype semantics on a 4 GiB zone, ~70%
# in use) against
#   - the previous release's figure, when PREVIOUS=PATH/TO/old/pagefail is
#     given (this is the first release with a simulator: none by default);
#   - the kernel's own single-core order-0 page allocator, about 94 ns an
#     allocation, i.e. ~10.6 M/s (shared/reference/anchors-sim-perf.md,
#     section 3, from the LKML measurements cited there).
# Goal: at least 10 M page operations per second, under 16 bytes per page.
#
#   bench/sim-bench.sh PATH/TO/pagefail [RUNS]
#
# A Release build gives the figure that counts (make bench builds one).
# STRICT=1: exit 1 when a goal fails.
set -eu

pf=${1:-}
runs=${2:-3}
[ -x "$pf" ] || { echo "usage: ${0##*/} PATH/TO/pagefail [RUNS]" >&2; exit 2; }
kernel_ops=10600000

best() {
	local bin=$1 b=0 bpp=0 line ops
	for ((i = 0; i < runs; i++)); do
		line=$("$bin" simulate --bench -j)
		ops=$(echo "$line" | sed 's/.*"page_ops_per_second": *\([0-9.]*\).*/\1/')
		bpp=$(echo "$line" | sed 's/.*"bytes_per_page": *\([0-9.]*\).*/\1/')
		b=$(awk -v a="$ops" -v b="$b" 'BEGIN { print (a > b) ? a : b }')
	done
	echo "$b $bpp"
}

read -r ops bpp < <(best "$pf")
printf '%-48s %14s %14s\n' "" "page ops/s" "bytes/page"
printf '%-48s %14.0f %14s\n' "kernel order-0 fast path, 1 core (baseline)" "$kernel_ops" "64 (struct page)"
if [ -n "${PREVIOUS:-}" ] && [ -x "$PREVIOUS" ]; then
	read -r pops pbpp < <(best "$PREVIOUS")
	printf '%-48s %14.0f %14s\n' "previous release ($PREVIOUS)" "$pops" "$pbpp"
else
	printf '%-48s %14s %14s\n' "previous release" "(none: first simulator)" "-"
fi
printf '%-48s %14.0f %14s\n' "pagefail simulate --bench (best of $runs)" "$ops" "$bpp"
. "$(dirname "$0")/goal.sh"
goal "$ops" 'x >= 10000000' \
	"$ops page ops/s (>= 10 M; the kernel's fast path: ~10.6 M)" \
	"$ops page ops/s (goal >= 10 M)"
goal "$bpp" 'x < 16' "$bpp bytes per page (< 16)" \
	"$bpp bytes per page (goal < 16)"
[ "${STRICT:-0}" = 1 ] && exit $fail
exit 0
