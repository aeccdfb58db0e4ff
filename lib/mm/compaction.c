// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * compaction.c - the checks of mm/compaction.c that decide whether
 * compacting a zone can help, shared by direct compaction, kswapd and
 * kcompactd of the simulator.
 */
#include "mm/mm.h"

/*
 * compaction_suitable() (2.6.35+; compact_gap() names the 2 << order from
 * 4.14): migration needs free pages to copy into, so a zone whose free
 * count would fall to mark or below once 2 << order pages are isolated as
 * targets is skipped.  The mark is the caller's: the simulator's direct
 * compaction passes the min watermark and its kswapd the low one, as
 * they did before this check had one home.  Which watermark each era's
 * compaction_suitable() really takes (low or min, by order) has not been
 * read from every era's source yet: an assumption until then.
 */
bool pf_compaction_suitable(long free_pages, long mark, int order)
{
	return free_pages > mark + (2L << order);
}
