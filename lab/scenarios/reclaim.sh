# reclaim: page cache (clean, movable, reclaimable) fills memory down to the
# watermarks, then a softirq burst of ORDER allocations with MODE takes
# more pages than are free before kswapd can run (the plan puts the whole
# burst in one jiffy, as a NIC's receive ring emptied at once): a shortage
# that a larger vm.min_free_kbytes absorbs.
#
# Three bursts, each on a page cache filled again: the first gives the
# kernel log its report; the second is the control, after a burst as the
# third is (a burst leaves watermark boosting and kswapd's work behind it);
# then pagefail advise --apply runs in the guest on the guest's own kernel
# log, and the third burst is the same one under the advice.  The lab
# compares the failures of the second and the third.
#
# Then the reserve and the watermark scale factor go back as they were, a
# fourth burst runs with pagefail trace measuring it, advise --apply runs
# again with --demand (that measurement), and a fifth burst runs under
# that advice: the lab compares the third and the fifth.  Only the fourth
# is traced, the trace started before its fill (trace_next): the others
# stay as they were before trace existed, which the simulator's
# agreement and the advice's comparison rest on.
#
# warn_alloc() prints one report in 10 s (its ratelimit) and tells how
# many it kept quiet only with the next one it prints: the control burst
# comes after that window, so that its first failure prints the count of
# the first burst's ("warn_alloc: N callbacks suppressed").  Without it
# the log shows one failure of a burst of hundreds, advise sizes the
# reserve for one, and what it changes is lost in the bursts' own spread.
MEM=256M
DISK=yes
CAUSE=shortage

guest() {
	orig=$(cat /proc/sys/vm/min_free_kbytes)
	orig_wsf=$(cat /proc/sys/vm/watermark_scale_factor)
	TRACE=off
	fill_cache
	snap before
	burst $ORDER $MODE $PER_TICK $TRIES $TRIES
	snap after
	fill_cache
	settle 11
	burst $ORDER $MODE $PER_TICK $TRIES $TRIES
	pagefail advise --no-color
	pagefail advise --apply --no-color
	fill_cache
	snap advised
	burst $ORDER $MODE $PER_TICK $TRIES $TRIES
	# the machine as it was, the burst measured, the advice from that
	vm min_free_kbytes "$orig"
	vm watermark_scale_factor "$orig_wsf"
	trace_next
	fill_cache
	burst $ORDER $MODE $PER_TICK $TRIES $TRIES
	[ -s /out/burst-4/trace.json ] || return 0
	pagefail advise --no-color --demand /out/burst-4/trace.json
	pagefail advise --apply --no-color --demand /out/burst-4/trace.json
	fill_cache
	snap demand
	burst $ORDER $MODE $PER_TICK $TRIES $TRIES
}
