#!/bin/sh
# run.sh - a bounded libFuzzer run of every fuzz target, each seeded with
# inputs of its kind: logs from the corpus, the fixtures and the examples
# for fuzz_scan, data/*.rules for fuzz_rules (CI runs it under ASan+UBSan).
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS
set -eu
build=$1
secs=${2:-30}
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/seed-logs" "$work/seed-rules"
cp "$top"/tests/fixtures/corpus/*.log "$work/seed-logs/" 2>/dev/null || true
[ -d "$top/../shared/corpus" ] && cp "$top"/../shared/corpus/*.log "$work/seed-logs/" 2>/dev/null || true
cp "$top"/examples/*.log "$work/seed-logs/" 2>/dev/null || true
cp "$top"/data/*.rules "$work/seed-rules/" 2>/dev/null || true

for t in fuzz_scan fuzz_rules; do
	case $t in
	fuzz_rules)	seed=$work/seed-rules ;;
	*)		seed=$work/seed-logs ;;
	esac
	echo "fuzz: $t for ${secs}s"
	mkdir -p "$work/$t"
	"$build/tests/$t" -max_total_time="$secs" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 "$work/$t" "$seed" \
		2>"$work/$t.log" || { tail -n 60 "$work/$t.log"; echo "fuzz: $t FAILED"; exit 1; }
	grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "$work/$t.log" || true
	echo "fuzz: $t ok"
done
