// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * compaction.c - the check of mm/compaction.c that decides whether
 * compacting a zone can help, the one copy that direct compaction,
 * kswapd and kcompactd of the simulator share.
 */
#include "era.h"
#include "mm/mm.h"

/*
 * compaction_suitable() of e's era (2.6.35+; rules in era.c and
 * docs/eras/kswapd.md section 3): migration needs free pages to copy
 * into, so the zone must pass the order-0 watermark check against the
 * era's mark plus compact_gap(), 2 << order; and where the free memory
 * is not fragmented but short (fragmentation_index() from 0 to
 * vm.extfrag_threshold), reclaim, not compaction, is what helps.  The
 * -1000 of an order that can already be served passes the gate.  The
 * lowmem reserve is left out: the simulator's callers check the zone on
 * its own (classzone 0 up to 3.16).
 */
bool pf_compaction_suitable(const struct pf_zone *z, int order,
			    const struct pf_era *e, long extfrag_threshold)
{
	long mark = e->compact_min_wmark && order <= 3 ? z->min : z->low;
	int index;

	if (!pf_zone_watermark_ok(z, 0, mark + (2L << order), -1, 0, e->wm_era,
				  NULL))
		return false;
	if (order < e->fragindex_min_order || !z->nr_orders)
		return true;
	index = pf_extfrag_index(z->nr_free, z->nr_orders, order);
	return !(index >= 0 && index <= extfrag_threshold);
}
