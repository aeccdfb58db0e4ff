#!/bin/sh
# run.sh - a bounded libFuzzer run of every fuzz target, seeded from the
# corpus and the fixtures (CI runs it under ASan+UBSan).
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS
set -eu
build=$1
secs=${2:-30}
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/seed"
cp "$top"/tests/fixtures/corpus/*.log "$work/seed/" 2>/dev/null || true
[ -d "$top/../shared/corpus" ] && cp "$top"/../shared/corpus/*.log "$work/seed/" 2>/dev/null || true
cp "$top"/examples/*.log "$work/seed/" 2>/dev/null || true

for t in fuzz_scan; do
	echo "fuzz: $t for ${secs}s"
	mkdir -p "$work/$t"
	"$build/tests/$t" -max_total_time="$secs" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 "$work/$t" "$work/seed" \
		2>"$work/$t.log" || { tail -n 60 "$work/$t.log"; echo "fuzz: $t FAILED"; exit 1; }
	grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "$work/$t.log" || true
	echo "fuzz: $t ok"
done
