#!/bin/sh
# run.sh - a bounded libFuzzer run of every fuzz target, each seeded with
# inputs of its kind: logs from the fixtures, the examples and, when it is
# there, ../shared/corpus for fuzz_scan, fuzz_line and fuzz_meminfo;
# data/*.rules for fuzz_rules; data/scenarios/*.scn for fuzz_scenario; for
# fuzz_procfs one file per
# machine of tests/fixtures/system: its files in the order that
# fuzz_procfs.c reads them, each ended by a "@@@" line, a missing one
# empty; for fuzz_procfile each file of those machines, its path on the
# first line (alone, and "+" in its machine); for fuzz_snapshot each
# machine's tree as fuzz_snapshot.c describes trees, and one with symlinks
# (into the tree, to /dev/null, a loop, out of it); for fuzz_source the
# logs plain and compressed by every tool there is; for fuzz_demand the
# trace -j files of tests/fixtures/trace (CI runs it under ASan+UBSan).  Seeds are made here, in a temporary directory, never
# committed.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS       (FUZZ_TARGETS="fuzz_a ..." for some)
set -eu
build=$1
secs=${2:-30}
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP	# so that the EXIT trap runs

mkdir -p "$work/seed-logs" "$work/seed-rules" "$work/seed-procfs" \
	 "$work/seed-scenarios" "$work/seed-procfile" "$work/seed-snapshot" \
	 "$work/seed-source"
cp "$top"/tests/fixtures/corpus/*.log "$top"/tests/fixtures/wild/*.log "$work/seed-logs/" 2>/dev/null || true
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

# fuzz_procfile: "PATH" or "+PATH", then the file
for m in "$top"/tests/fixtures/system/*/; do
	name=$(basename "$m")
	(cd "$m" && find . -type f ! -name README ! -path '*/node/*' | sed 's|^\./||') |
	while read -r rel; do
		seed=$work/seed-procfile/$name-$(echo "$rel" | tr / _)
		{ echo "$rel"; cat "$m$rel"; } >"$seed"
		{ echo "+$rel"; cat "$m$rel"; } >"$seed+"
	done
done

# fuzz_snapshot: "f PATH" and the file up to "@@@", "d PATH", "l PATH TARGET"
tree() {
	(cd "$1" && find . ! -name README | sed 's|^\./||' | sort) |
	while read -r rel; do
		[ "$rel" = . ] && continue
		if [ -d "$1/$rel" ]; then
			echo "d $rel"
		else
			echo "f $rel"
			awk 1 "$1/$rel"
			echo @@@
		fi
	done
}
for m in "$top"/tests/fixtures/system/*/; do
	tree "$m" >"$work/seed-snapshot/$(basename "$m")"
done
{
	tree "$top/tests/fixtures/system/v4.19-numa"
	echo "l proc/sys/vm/watermark_scale_factor ../../../proc/sys/vm/min_free_kbytes"
	echo "l proc/sys/vm/zone_reclaim_mode zone_reclaim_mode"
	echo "l proc/vmstat /dev/null"
	echo "l proc/sys/kernel/osrelease ../../../../../../etc/os-release"
	echo "d var/log"
	echo "f var/log/messages"
	cat "$top/tests/fixtures/corpus/007-system_server-order0-atomic-arm64-android-5.4.log"
	echo @@@
	echo "l var/log/messages.1 messages.1"
	echo "l var/log/kern.log ../../proc/meminfo"
} >"$work/seed-snapshot/links"

# fuzz_demand: pagefail trace -j's output of the lab's guests
mkdir -p "$work/seed-demand"
cp "$top"/tests/fixtures/trace/*.json "$work/seed-demand/"
# fuzz_source: small logs, plain and compressed
for f in "$top"/tests/fixtures/corpus/0*.log; do
	b=$(basename "$f" .log)
	cp "$f" "$work/seed-source/$b"
	for c in "gzip -n" xz "zstd -q" bzip2; do
		tool=${c%% *}
		case $tool in
		gzip) z=gz ;; zstd) z=zst ;; bzip2) z=bz2 ;; *) z=$tool ;;
		esac
		if command -v "$tool" >/dev/null; then
			$c -c "$f" >"$work/seed-source/$b.$z"
		fi
	done
done

# FUZZ_TARGETS: a few of them (the long runs of a release, one at a time)
for t in ${FUZZ_TARGETS:-fuzz_scan fuzz_line fuzz_meminfo fuzz_rules \
	 fuzz_scenario fuzz_procfs fuzz_procfile fuzz_snapshot fuzz_source \
	 fuzz_demand}; do
	case $t in
	fuzz_rules)	seed=$work/seed-rules ;;
	fuzz_scenario)	seed=$work/seed-scenarios ;;
	fuzz_procfs)	seed=$work/seed-procfs ;;
	fuzz_procfile)	seed=$work/seed-procfile ;;
	fuzz_snapshot)	seed=$work/seed-snapshot ;;
	fuzz_source)	seed=$work/seed-source ;;
	fuzz_demand)	seed=$work/seed-demand ;;
	*)		seed=$work/seed-logs ;;
	esac
	echo "fuzz: $t for ${secs}s"
	mkdir -p "$work/$t"
	# a crashing input goes into the build directory, not the one the
	# run was started from
	"$build/tests/$t" -max_total_time="$secs" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$build/$t-" "$work/$t" "$seed" \
		2>"$work/$t.log" || { tail -n 60 "$work/$t.log"; echo "fuzz: $t FAILED (the input: $build/$t-crash-*, -timeout-*, -oom-*)"; exit 1; }
	# coverage with the seeds alone, then at the end
	grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' "$work/$t.log" || true
	grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "$work/$t.log" || true
	echo "fuzz: $t ok"
done
