#!/bin/sh
# run.sh - a bounded libFuzzer run of every fuzz target, each seeded with
# inputs of its kind: logs from the fixtures, the examples and, when it is
# there, ../shared/corpus for fuzz_scan, data/*.rules for fuzz_rules,
# data/scenarios/*.scn for fuzz_scenario, and for fuzz_procfs one file per
# machine of tests/fixtures/system: its files in the order that
# fuzz_procfs.c reads them, each ended by a "@@@" line, a missing one
# empty (CI runs it under ASan+UBSan).
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS
set -eu
build=$1
secs=${2:-30}
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/seed-logs" "$work/seed-rules" "$work/seed-procfs" \
	 "$work/seed-scenarios"
cp "$top"/tests/fixtures/corpus/*.log "$work/seed-logs/" 2>/dev/null || true
# the shared corpus adds the files the repository does not copy
if [ -d "$top/../shared/corpus" ]; then
	cp "$top"/../shared/corpus/*.log "$work/seed-logs/" 2>/dev/null || true
else
	echo "fuzz: ../shared/corpus is not there: fuzz_scan is seeded from the repository's logs only"
fi
cp "$top"/examples/*.log "$work/seed-logs/" 2>/dev/null || true
cp "$top"/data/*.rules "$work/seed-rules/" 2>/dev/null || true
cp "$top"/data/scenarios/*.scn "$work/seed-scenarios/" 2>/dev/null || true
# the order of files[] in fuzz_procfs.c
for m in "$top"/tests/fixtures/system/*/; do
	for f in proc/zoneinfo proc/buddyinfo proc/meminfo \
		 proc/sys/kernel/osrelease proc/sys/vm/min_free_kbytes \
		 proc/sys/vm/lowmem_reserve_ratio \
		 sos_commands/kernel/sysctl_-a sos_commands/kernel/uname_-a \
		 uname sys/devices/system/cpu/online proc/cpuinfo \
		 proc/pagetypeinfo proc/vmstat \
		 sys/kernel/debug/extfrag/unusable_index \
		 sys/kernel/debug/extfrag/extfrag_index; do
		# awk 1: every line ends with a newline, so "@@@" starts one
		[ -f "$m$f" ] && awk 1 "$m$f"
		echo @@@
	done >"$work/seed-procfs/$(basename "$m")"
done

for t in fuzz_scan fuzz_rules fuzz_procfs fuzz_scenario; do
	case $t in
	fuzz_rules)	seed=$work/seed-rules ;;
	fuzz_scenario)	seed=$work/seed-scenarios ;;
	fuzz_procfs)	seed=$work/seed-procfs ;;
	*)		seed=$work/seed-logs ;;
	esac
	echo "fuzz: $t for ${secs}s"
	mkdir -p "$work/$t"
	"$build/tests/$t" -max_total_time="$secs" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 "$work/$t" "$seed" \
		2>"$work/$t.log" || { tail -n 60 "$work/$t.log"; echo "fuzz: $t FAILED"; exit 1; }
	# coverage with the seeds alone, then at the end
	grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' "$work/$t.log" || true
	grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "$work/$t.log" || true
	echo "fuzz: $t ok"
done
