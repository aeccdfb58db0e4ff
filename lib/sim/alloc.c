// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * alloc.c - the allocation path of each era, __alloc_pages(): the fast
 * path over the zonelist at the low watermark; then waking kswapd and the
 * slow path at the min watermark with the alloc flags gfp_to_alloc_flags()
 * gives the mask (watermark.c, the same check explain and status use);
 * direct compaction and reclaim for requests that may sleep; and, for the
 * rest, a failure recorded with every zone as it was at that instant.
 */
#include <string.h>

#include "sim.h"

#define SIM_MAX_RETRIES 16 /* of the slow path of a sleeping request */

/* The zonelist of node: its zones high to low, then the other nodes'. */
static int zonelist(const struct sim *s, int node, int highest, int *zl)
{
	int n = 0;

	for (int pass = 0; pass < 2; pass++)
		for (int e = SIM_MAX_ZONES - 1; e >= 0; e--)
			for (int i = 0; i < s->nr_zones; i++) {
				const struct sim_zone *z = &s->zones[i];

				if (s->zone_enum[i] != e ||
				    z->zone.type > highest ||
				    (pass == 0) != (z->zone.node == node))
					continue;
				zl[n++] = i;
			}
	return n;
}

/*
 * zone_watermark_fast(): an order-0 request with the free count well
 * above the mark needs no look at the free lists; anything else gets the
 * era's whole check on the zone as it is.
 */
static bool watermark_ok(const struct sim *s, int zi, int order, long mark,
			 int classzone, unsigned int flags,
			 struct pf_wm_check *c)
{
	const struct pf_zone *z = &s->zones[zi].zone;

	if (!order && !c && !(flags & PF_ALLOC_NO_WATERMARKS) &&
	    z->free - z->reserved_highatomic >
		    mark + (classzone >= 0 ? z->lowmem_reserve[classzone] : 0))
		return true;
	return pf_zone_watermark_ok(z, order, mark, classzone, flags,
				    s->era.wm_era, c);
}

/*
 * struct alloc_context of __alloc_pages(): what every try of one request
 * shares.
 */
struct alloc_context {
	int zl[SIM_MAX_ZONES]; /* the zonelist, the preferred zone first */
	int nr;		       /* ... its length */
	int order;
	int mt;	       /* 0 unmovable, 1 movable, 2 reclaimable */
	int classzone; /* the lowmem_reserve column: the preferred zone's */
	int node;      /* the CPU's node: the only one node_reclaim() scans */
	bool can_reclaim;  /* may sleep, and not kswapd (PF_MEMALLOC) */
	bool boost_bypass; /* at min, the boost may be left out (era.h) */
};

/* RECLAIM_* of vm.zone_reclaim_mode (mm/vmscan.c) */
#define SIM_RECLAIM_WRITE 2 /* write dirty page cache out */
#define SIM_RECLAIM_UNMAP 4 /* unmap, so swap anonymous memory out */

/*
 * zone_reclaim() (2.6.16-4.7) and node_reclaim() (4.8+), called by
 * get_page_from_freelist() on a zone that failed its watermark when
 * vm.zone_reclaim_mode is set; docs/eras/reclaim.md has each era's text.
 * In every era read (2.6.18, 2.6.32, RHEL 6, 3.10-6.18):
 *  - a request that cannot sleep (no __GFP_WAIT, or !gfpflags_allow_
 *    blocking()), and PF_MEMALLOC (kswapd), get NOSCAN: the loop moves
 *    to the next zone, so an atomic request never fails for it;
 *  - a node that has CPUs and is not the caller's gets NOSCAN: the
 *    model takes every node to have CPUs (a scenario has no topology);
 *  - a node with no more reclaimable page cache than min_unmapped_pages
 *    (1% of it, vm.min_unmapped_ratio's default) gets FULL;
 *  - else the node is shrunk by max(1 << order, SWAP_CLUSTER_MAX) pages
 *    (__node_reclaim()'s nr_to_reclaim), clean page cache only unless
 *    RECLAIM_WRITE / RECLAIM_UNMAP, and the watermark is tried again.
 * The mode the boot of 2.6.16-3.15 and RHEL 5/6 sets for distant nodes
 * is engine.c's zone_reclaim_at_boot().  The node distance test of
 * 3.10+ (zone_allows_reclaim()) changes nothing here: only the local node
 * is reclaimed, and a node is always within RECLAIM_DISTANCE of itself.
 * Not modelled, each an assumption: reclaimable slab (min_slab_ratio),
 * and RHEL 6's compaction before the reclaim.
 */
static bool node_reclaim(struct sim *s, const struct alloc_context *ac, int zi)
{
	const struct sim_zone *z = &s->zones[zi];
	unsigned int mode = (unsigned int)s->tun.zone_reclaim_mode;
	unsigned long nr = 1UL << ac->order, cache = 0, managed = 0, freed = 0;
	int node = z->zone.node;

	if (!mode || !ac->can_reclaim || node != ac->node)
		return false;
	for (int i = 0; i < s->nr_zones; i++) {
		if (s->zones[i].zone.node != node)
			continue;
		cache += s->zones[i].lru_file.nr;
		managed += s->zones[i].nr_pages;
	}
	if (cache <= managed / 100)
		return false;
	if (nr < SIM_SWAP_CLUSTER_MAX)
		nr = SIM_SWAP_CLUSTER_MAX;
	s->st.node_reclaims++;
	for (int i = s->nr_zones - 1; i >= 0 && freed < nr; i--)
		if (s->zones[i].zone.node == node &&
		    s->zone_enum[i] <= ac->classzone)
			freed += sim_shrink_zone(
				s, &s->zones[i], nr - freed,
				s->sc->swap && (mode & SIM_RECLAIM_UNMAP));
	s->st.node_reclaimed_pages += freed;
	return freed > 0;
}

/* get_page_from_freelist(): the first zone of the list that passes */
static uint32_t from_freelist(struct sim *s, const struct alloc_context *ac,
			      bool low, unsigned int flags, int *zone)
{
	int order = ac->order;

	for (int k = 0; k < ac->nr; k++) {
		struct sim_zone *z = &s->zones[ac->zl[k]];
		/* wmark_pages(): the watermark with the boost (5.0+) on it */
		long mark = (low ? z->zone.low : z->zone.min) + z->zone.boost;
		bool harder;
		uint32_t pfn;

		if (!(flags & PF_ALLOC_NO_WATERMARKS) &&
		    !watermark_ok(s, ac->zl[k], order, mark, ac->classzone,
				  flags, NULL) &&
		    /* zone_watermark_fast(): once more at min, unboosted */
		    (low || !ac->boost_bypass || !z->zone.boost ||
		     !watermark_ok(s, ac->zl[k], order, z->zone.min,
				   ac->classzone, flags, NULL)) &&
		    (!node_reclaim(s, ac, ac->zl[k]) ||
		     !watermark_ok(s, ac->zl[k], order, mark, ac->classzone,
				   flags, NULL)))
			continue;
		harder = pf_alloc_highatomic_ok(flags, s->era.wm_era);
		pfn = sim_rmqueue(z, order, ac->mt,
				  harder && order > 0 && s->era.highatomic,
				  &s->st);
		if (pfn == SIM_NONE)
			continue;
		/* a high-order atomic success grows the highatomic reserve */
		if (order && harder && s->era.highatomic)
			sim_reserve_highatomic(z, pfn);
		*zone = ac->zl[k];
		return pfn;
	}
	return SIM_NONE;
}

/* Keep the failure: every zone as show_mem() would print it now. */
static void record_failure(struct sim *s, const struct alloc_context *ac,
			   unsigned long gfp, int ctx, unsigned int flags)
{
	struct sim_failure *f;
	int cause = PF_CAUSE_UNKNOWN, key = -1, order = ac->order;
	struct pf_wm_check c;

	s->st.failures++;
	if (order < SIM_MAX_ORDER)
		s->st.failures_by_order[order]++;
	/* the verdict, as explain reaches it: the zone with the most free */
	for (int k = 0; k < ac->nr; k++)
		if (key < 0 || (unsigned long)s->zones[ac->zl[k]].zone.free >
				       (unsigned long)s->zones[key].zone.free)
			key = ac->zl[k];
	if (key >= 0) {
		const struct pf_zone *z = &s->zones[key].zone;

		watermark_ok(s, key, order, z->min + z->boost, ac->classzone,
			     flags, &c);
		cause = c.passes ? PF_CAUSE_OK : c.cause;
		/* the RHEL 6 story: failing with free memory above min */
		if ((unsigned long)z->free > (unsigned long)z->min)
			s->st.failures_above_min++;
	}
	if (s->nr_failures >= s->max_failures)
		return;
	f = &s->failures[s->nr_failures++];
	memset(f, 0, sizeof(*f));
	f->t = s->t;
	f->order = order;
	f->gfp = gfp;
	f->ctx = ctx;
	snprintf(f->task, sizeof(f->task), "%s",
		 ctx == PF_CTX_SOFTIRQ || ctx == PF_CTX_HARDIRQ ? "swapper/0"
		 : ctx == PF_CTX_KSWAPD				? "kswapd0"
								: "simulate");
	f->cause = cause;
	f->nr_zones = s->nr_zones;
	for (int i = 0; i < s->nr_zones; i++)
		sim_zone_view(&s->zones[i], &f->zones[i]);
}

/*
 * __alloc_pages_direct_compact(): compact every zone of the list for the
 * order, then try again.  The stall is counted, and its outcome.
 */
static uint32_t direct_compact(struct sim *s, const struct alloc_context *ac,
			       unsigned int flags, int *zone)
{
	uint32_t pfn;

	s->st.compact_stall++;
	for (int k = 0; k < ac->nr; k++)
		sim_compact_zone(s, &s->zones[ac->zl[k]], ac->order,
				 64UL << ac->order);
	pfn = from_freelist(s, ac, false, flags, zone);
	if (pfn != SIM_NONE)
		s->st.compact_success++;
	else
		s->st.compact_fail++;
	return pfn;
}

/*
 * __alloc_pages_direct_reclaim(): shrink every zone of the list, try
 * again; a failure after reclaim hands the highatomic reserve back
 * (unreserve_highatomic_pageblock()) before one more try.
 */
static uint32_t direct_reclaim(struct sim *s, const struct alloc_context *ac,
			       unsigned int flags, int *zone)
{
	uint32_t pfn;

	s->st.allocstall++;
	for (int k = 0; k < ac->nr; k++)
		s->st.direct_reclaimed_pages +=
			sim_shrink_zone(s, &s->zones[ac->zl[k]],
					32UL << ac->order, s->sc->swap);
	pfn = from_freelist(s, ac, false, flags, zone);
	if (pfn != SIM_NONE)
		return pfn;
	if (s->era.highatomic)
		for (int k = 0; k < ac->nr; k++)
			sim_unreserve_highatomic(&s->zones[ac->zl[k]],
						 ac->mt == SIM_MT_MOVABLE
							 ? SIM_MT_MOVABLE
							 : ac->mt);
	return from_freelist(s, ac, false, flags, zone);
}

/*
 * __alloc_pages_slowpath() past its first try: direct compaction, then
 * direct reclaim, and again, for a request that may sleep.
 * __GFP_NORETRY and costly orders give up after one round.
 */
static uint32_t slowpath_retries(struct sim *s, const struct alloc_context *ac,
				 const struct pf_gfp_caps *caps,
				 unsigned int flags, int *zone)
{
	uint32_t pfn = SIM_NONE;

	for (int retry = 0; caps->can_sleep && retry < SIM_MAX_RETRIES;
	     retry++) {
		if (ac->order > 0 &&
		    ac->order >= s->era.direct_compact_min_order &&
		    s->era.compaction) {
			pfn = direct_compact(s, ac, flags, zone);
			if (pfn != SIM_NONE)
				break;
		}
		pfn = direct_reclaim(s, ac, flags, zone);
		if (pfn != SIM_NONE)
			break;
		if (caps->noretry || ac->order > 3 ||
		    s->zones[ac->zl[0]].zone.free == 0)
			break;
	}
	return pfn;
}

/* The alloc flags of the slow path: gfp_to_alloc_flags() for the context. */
static unsigned int slowpath_flags(const struct sim *s, unsigned long gfp,
				   int order, int ctx)
{
	unsigned int caller = 0;

	if (ctx == PF_CTX_SOFTIRQ || ctx == PF_CTX_HARDIRQ)
		caller |= PF_CALLER_INTERRUPT;
	if (ctx == PF_CTX_KSWAPD)
		caller |= PF_CALLER_MEMALLOC;
	return pf_alloc_flags(gfp, s->era.gfp_layout, s->era.wm_era, order,
			      caller);
}

uint32_t sim_alloc(struct sim *s, int node, int order, unsigned long gfp,
		   int owner, int ctx, int *zone)
{
	struct alloc_context ac = { .order = order };
	struct pf_gfp_caps caps;
	unsigned int flags;
	uint32_t pfn;

	if (pf_gfp_caps(gfp, s->era.gfp_layout, &caps))
		return SIM_NONE;
	ac.mt = caps.migratetype;
	ac.nr = zonelist(s, node, caps.highest_zone, ac.zl);
	if (!ac.nr)
		return SIM_NONE;
	ac.classzone = s->zone_enum[ac.zl[0]];
	ac.node = node;
	ac.can_reclaim = caps.can_sleep && ctx != PF_CTX_KSWAPD;
	ac.boost_bypass = !order && (s->era.boost_bypass == 1 ? caps.gfp_atomic
				     : s->era.boost_bypass == 2 ? caps.high
								: false);

	/* the fast path: ALLOC_WMARK_LOW | ALLOC_CPUSET */
	pfn = from_freelist(s, &ac, true, PF_ALLOC_CPUSET, zone);
	if (pfn != SIM_NONE)
		goto got;

	/* the slow path: wake kswapd, then the min watermark */
	if (caps.wakes_kswapd)
		sim_wakeup_kswapd(s, s->zones[ac.zl[0]].zone.node, order,
				  caps.highest_zone, caps.can_sleep);
	flags = slowpath_flags(s, gfp, order, ctx);
	pfn = from_freelist(s, &ac, false, flags & ~PF_ALLOC_NO_WATERMARKS,
			    zone);
	if (pfn == SIM_NONE && (flags & PF_ALLOC_NO_WATERMARKS))
		pfn = from_freelist(s, &ac, false, flags, zone);
	if (pfn == SIM_NONE)
		pfn = slowpath_retries(s, &ac, &caps, flags, zone);
	if (pfn == SIM_NONE) {
		record_failure(s, &ac, gfp, ctx, flags);
		return SIM_NONE;
	}
got:
	/* rmqueue(): a boosted zone wakes kswapd to reclaim the boost */
	if (s->zones[*zone].zone.boost > 0 &&
	    !s->kswapd[s->zones[*zone].zone.node].awake)
		sim_wakeup_kswapd(s, s->zones[*zone].zone.node, 0,
				  s->zones[*zone].zone.type, false);
	sim_set_owner(&s->zones[*zone], pfn, order, owner);
	s->st.allocations++;
	s->st.alloc_pages += 1UL << order;
	return pfn;
}
