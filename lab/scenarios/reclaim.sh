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
}
