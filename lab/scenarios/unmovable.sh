# unmovable: most free memory taken as order-0 unmovable pages and every
# odd frame given back (the module's checkerboard), then a softirq burst of
# ORDER allocations with MODE: fragmentation that no reclaim or compaction
# can undo.  The kernel fails while MemFree is large; no tunable helps.
MEM=256M
CAUSE=fragmentation

guest() {
	hold "${HOLD:-90}"
	snap before
	burst $ORDER $MODE 32 "${TRIES:-4096}" "${TRIES:-4096}"
	snap after
	unhold
}
