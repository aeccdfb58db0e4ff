# numa: two nodes, the guest's shell (and so the module's timer, and the
# reader that fills the page cache) on CPU 0 of node 0, vm.zone_reclaim_mode
# set to ZRM, then the softirq burst.  With 0 the page cache spills over
# onto node 1 and fills both; with 1 the reader reclaims node 0's own cache
# first (node_reclaim()), node 1 stays free, and the atomic requests, which
# never reclaim a node themselves, find it there.  This is the half of the
# RHEL 6 workaround that zone_reclaim_mode=1 is.
MEM=512M
NUMA=2
DISK=yes
CAUSE=shortage

guest() {
	taskset -p -c 0 $$ >/dev/null
	vm zone_reclaim_mode "$ZRM"
	fill_cache 0
	snap before
	burst $ORDER $MODE $PER_TICK $TRIES $TRIES
	snap after
}
