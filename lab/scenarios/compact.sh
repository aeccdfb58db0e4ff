# compact: the lab's measure of compaction's rate.  Page cache (movable, on
# the LRU) fills memory, then every cached page of an odd frame is dropped
# (the module's thin): half the cache is left between free single pages.
# /proc/sys/vm/compact_memory then compacts every zone in one go, and the
# pages it migrated over the time it took are the guest kernel's
# compaction rate; three rounds, each on a fresh fill.  kswapd's rate
# comes from the reclaim runs' bursts.
MEM=256M
DISK=yes
CAUSE=none

guest() {
	for round in 1 2 3; do
		fill_cache
		thin /mnt/cache.img
		grep -E '^(MemFree|Cached):' /proc/meminfo
		[ $round = 1 ] && snap before
		compact
	done
	snap after
}
