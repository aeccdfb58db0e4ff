// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kswapd.c - kswapd and kcompactd of each node as threads on the virtual
 * clock (mm/vmscan.c kswapd(), balance_pgdat(); mm/compaction.c
 * kcompactd(), proactive compaction).  What they do changed with the
 * eras (kernel-facts.md section 6), and that is the point of simulating
 * them:
 *
 *  - up to 2.6.37, RHEL 5 and RHEL 6 (balance_at_order()): kswapd
 *    balances at the order that woke it, every zone against the
 *    lowmem_reserve of the highest one out of balance, and only reclaim
 *    makes the blocks an order above 0 needs, where a freed page's buddy
 *    is free; it gives up on the order after a pass that reclaims
 *    almost nothing (2.6.29+).  RHEL 6 before 2.6.32-358 has no kswapd
 *    compaction at all; from -358 on (every RHEL 6 source read, -358 to
 *    -754) its balance_pgdat() compacts only for order > 3.  The era
 *    "rhel6.4-vendor", which compacts for every order, is Red Hat's
 *    account of 6.4's fix, not its source: every run on it says so.
 *  - any later era for an order its kswapd does not compact for: kswapd
 *    reclaims every zone to its high watermark and sleeps on the order-0
 *    check, whatever the free blocks look like.  Not the rules of
 *    2.6.38-4.11 (25% of the node balanced at the order, order 0 once
 *    2 << order pages are reclaimed) nor of 4.12+ (any zone balanced):
 *    docs/eras/README.md lists them as not modelled.
 *  - 3.x and RHEL 7 (compact_pgdat()): kswapd compacts the zones that
 *    fail the check at its order, and sleeps once they pass it.
 *  - 4.6+: kswapd balances at order 0 and, going to sleep, wakes
 *    kcompactd for its order; 5.0+ reclaims a boosted zone to high + boost
 *    and then wakes kcompactd at pageblock order; 5.9+ kcompactd also
 *    compacts on its own when the node's fragmentation score is high.
 *
 * kswapd reclaims at most scan_rate pages a second and compaction
 * migrates at most compact_rate pages a second, whoever does it.  From
 * 2.6.38 each zone is held to its own watermarks (no lowmem_reserve), and
 * in every era a zone with nothing left to reclaim no longer keeps
 * kswapd awake.
 */
#include "sim.h"

/* HPAGE_FRAG_CHECK_INTERVAL_MSEC, in seconds */
#define SIM_FRAG_CHECK_INTERVAL	   0.5
#define SIM_COMPACTION_HPAGE_ORDER SIM_PAGEBLOCK_ORDER
#define SIM_PROACTIVE_CHUNK	   256 /* pages between score checks */

/* The pages of work in [t, t + dt) at rate per second: the fractions add up. */
static unsigned long slice_pages(double rate, double t, double dt)
{
	unsigned long long a, b;

	if (rate <= 0 || dt <= 0 || t < 0)
		return 0;
	a = (unsigned long long)(rate * t);
	b = (unsigned long long)(rate * (t + dt));
	return b > a ? (unsigned long)(b - a) : 0;
}

static double compact_rate(const struct sim *s)
{
	return s->sc ? s->sc->compact_rate : 0;
}

/* high_wmark_pages(): with the boost on top in the eras that have it */
static long high_mark(const struct sim *s, const struct sim_zone *z)
{
	return z->zone.high +
	       (s->era.boost && z->zone.boost > 0 ? z->zone.boost : 0);
}

/*
 * zone_watermark_ok(z, order, mark, classzone) with kswapd's flags: the
 * classzone is the zone array's index of a zone whose lowmem_reserve[]
 * entry applies, or -1
 */
static bool zone_ok_for(const struct sim *s, const struct sim_zone *z,
			int order, long mark, int classzone)
{
	return pf_zone_watermark_ok(&z->zone, order, mark,
				    classzone < 0 ? -1
						  : s->zone_enum[classzone],
				    0, s->era.wm_era, NULL);
}

/* zone_ok_for() without a lowmem_reserve */
static bool zone_ok(const struct sim *s, const struct sim_zone *z, int order,
		    long mark)
{
	return zone_ok_for(s, z, order, mark, -1);
}

/*
 * The pages to ask of a zone below mark: its order-0 shortfall, + 2 for
 * the check's own slack (2^0 + 1 on RHEL 6), at least SWAP_CLUSTER_MAX.
 */
static unsigned long shrink_batch(const struct sim_zone *z, long mark)
{
	long need = mark + 2 - z->zone.free;

	return need > SIM_SWAP_CLUSTER_MAX ? (unsigned long)need
					   : SIM_SWAP_CLUSTER_MAX;
}

/* compaction_suitable() of the era, kswapd's and kcompactd's too */
static bool compaction_suitable(const struct sim *s, const struct sim_zone *z,
				int order)
{
	return pf_compaction_suitable(&z->zone, order, &s->era,
				      s->tun.extfrag_threshold);
}

/* Does kswapd itself compact for this order in this era? */
static bool kswapd_compacts(const struct sim *s, int order)
{
	return s->era.kswapd_compacts && order > 0 &&
	       order >= s->era.kswapd_compact_min_order;
}

/* extfrag_for_order(): free memory in blocks below order, percent */
static unsigned long extfrag_for_order(const struct sim_zone *z, int order)
{
	struct pf_contig_info info;
	int nr_orders =
		SIM_MAX_ORDER < PF_MAX_ORDER ? SIM_MAX_ORDER : PF_MAX_ORDER;

	pf_contig_info(z->zone.nr_free, nr_orders, order, &info);
	if (!info.free_pages)
		return 0;
	return (info.free_pages - (info.free_blocks_suitable << order)) * 100 /
	       info.free_pages;
}

/* fragmentation_score_node(): the zones' scores weighted by their size */
static unsigned long fragmentation_score(const struct sim *s, int node)
{
	unsigned long node_pages = 0, score = 0;

	for (int i = 0; i < s->nr_zones; i++)
		if (s->zones[i].zone.node == node)
			node_pages += s->zones[i].nr_pages;
	for (int i = 0; i < s->nr_zones; i++) {
		const struct sim_zone *z = &s->zones[i];

		if (z->zone.node != node)
			continue;
		score += z->nr_pages *
			 extfrag_for_order(z, SIM_COMPACTION_HPAGE_ORDER) /
			 (node_pages + 1);
	}
	return score;
}

/* fragmentation_score_wmark(): low = max(100 - proactiveness, 5) */
static unsigned long score_wmark(const struct sim *s, bool low)
{
	long wmark_low = 100 - s->tun.compaction_proactiveness;

	if (wmark_low < 5)
		wmark_low = 5;
	if (low)
		return (unsigned long)wmark_low;
	return wmark_low + 10 < 100 ? (unsigned long)wmark_low + 10 : 100;
}

/* wakeup_kcompactd() */
static void wakeup_kcompactd(struct sim *s, int node, int order)
{
	struct sim_kswapd *ks = &s->kswapd[node];

	if (!ks->kcompactd_awake) {
		ks->kcompactd_awake = true;
		ks->kcompactd_order = order;
		s->st.kcompactd_wakeups++;
	} else if (order > ks->kcompactd_order) {
		ks->kcompactd_order = order;
	}
}

void sim_wakeup_kswapd(struct sim *s, int node, int order)
{
	struct sim_kswapd *ks;

	if (node < 0 || node >= SIM_MAX_NODES)
		return;
	ks = &s->kswapd[node];
	if (!ks->awake) {
		ks->awake = true;
		ks->order = 0;
		s->st.kswapd_wakeups++;
	}
	if (order > ks->order)
		ks->order = order;
}

/*
 * zone_reclaimable(): has the zone anything reclaim could free?  One that
 * has not is left alone, as the kernel leaves an all_unreclaimable zone
 * (kswapd_failures from 4.12).
 */
static bool zone_reclaimable(const struct sim_zone *z, bool may_swap)
{
	return z->lru_file.nr || (may_swap && z->lru_anon.nr) ||
	       z->nr_slab_reclaimable;
}

/*
 * Is every zone of the node balanced for kswapd at order?  A zone below
 * high with nothing to reclaim does not keep kswapd awake.
 */
static bool pgdat_balanced(const struct sim *s, int node, int order,
			   bool may_swap)
{
	for (int i = 0; i < s->nr_zones; i++) {
		const struct sim_zone *z = &s->zones[i];

		if (z->zone.node != node)
			continue;
		if (!zone_ok(s, z, 0, high_mark(s, z))) {
			if (zone_reclaimable(z, may_swap))
				return false;
			continue;
		}
		if (order > 0 && !zone_ok(s, z, order, high_mark(s, z)))
			return false;
	}
	return true;
}

/*
 * compact_pgdat(): compact the zones that fail the check at order against
 * their low watermark.  Returns pages migrated; *tried says whether any
 * zone was worth compacting with work left to do it.
 */
static unsigned long compact_pgdat(struct sim *s, int node, int order,
				   unsigned long budget, bool *tried)
{
	unsigned long migrated = 0;

	*tried = false;
	for (int i = 0; i < s->nr_zones && migrated < budget; i++) {
		struct sim_zone *z = &s->zones[i];
		unsigned long m;
		bool fresh;

		if (z->zone.node != node || zone_ok(s, z, order, z->zone.low) ||
		    !compaction_suitable(s, z, order))
			continue;
		*tried = true;
		fresh = !z->migrate_pfn;
		m = sim_compact_zone(s, z, order, budget - migrated);
		/* the end of a pass found nothing: a whole new pass may */
		if (!m && !fresh && !z->migrate_pfn)
			m = sim_compact_zone(s, z, order, budget - migrated);
		migrated += m;
	}
	return migrated;
}

/* Is a zone of node boosted (5.0+ watermark boost)? */
static bool node_boosted(const struct sim *s, int node)
{
	for (int i = 0; i < s->nr_zones; i++)
		if (s->zones[i].zone.node == node && s->era.boost &&
		    s->zones[i].zone.boost > 0)
			return true;
	return false;
}

/*
 * kswapd_shrink_node(): reclaim each zone of node below its high
 * watermark, in batches of at least SWAP_CLUSTER_MAX, within budget
 * pages.  Returns the pages reclaimed.
 */
static unsigned long kswapd_shrink_node(struct sim *s, int node,
					unsigned long budget, bool may_swap)
{
	unsigned long reclaimed = 0;

	for (int i = 0; i < s->nr_zones && budget; i++) {
		struct sim_zone *z = &s->zones[i];
		long mark = high_mark(s, z);
		unsigned long nr, freed;

		if (z->zone.node != node || zone_ok(s, z, 0, mark) ||
		    !zone_reclaimable(z, may_swap))
			continue;
		nr = shrink_batch(z, mark);
		if (nr > budget)
			nr = budget;
		freed = sim_shrink_zone(s, z, nr, may_swap);
		reclaimed += freed;
		budget -= freed < budget ? freed : budget;
	}
	return reclaimed;
}

/*
 * kswapd_try_to_sleep() of a balanced node: 4.6+ hands kswapd's order
 * over to kcompactd when a zone fails at it and compaction could help,
 * and a spent boost wakes kcompactd at pageblock order (5.0+); the boost
 * is spent, and kswapd sleeps.
 */
static void kswapd_sleep(struct sim *s, int node, int order, bool boosted)
{
	struct sim_kswapd *ks = &s->kswapd[node];

	if (s->era.kcompactd) {
		for (int i = 0; order > 0 && i < s->nr_zones; i++) {
			struct sim_zone *z = &s->zones[i];

			if (z->zone.node == node &&
			    !zone_ok(s, z, order, z->zone.low) &&
			    compaction_suitable(s, z, order)) {
				wakeup_kcompactd(s, node, order);
				break;
			}
		}
		if (boosted)
			wakeup_kcompactd(s, node, SIM_PAGEBLOCK_ORDER);
	}
	/* the boost is spent once the node is balanced (5.0+) */
	for (int i = 0; boosted && i < s->nr_zones; i++)
		if (s->zones[i].zone.node == node)
			s->zones[i].zone.boost = 0;
	ks->awake = false;
	ks->order = 0;
	ks->credit = 0;
}

/*
 * end_zone of balance_pgdat() up to 2.6.37 and in RHEL 5/6: the highest
 * zone of node that fails at order against high (classzone 0: no
 * reserve), skipping zones with nothing to reclaim as the kernel skips
 * all_unreclaimable ones; -1 when there is none.
 */
static int end_zone(const struct sim *s, int node, int order, bool may_swap)
{
	int end = -1;

	for (int i = 0; i < s->nr_zones; i++) {
		const struct sim_zone *z = &s->zones[i];

		if (z->zone.node == node && zone_reclaimable(z, may_swap) &&
		    !zone_ok_for(s, z, order, high_mark(s, z), -1))
			end = i;
	}
	return end;
}

/* all_zones_ok: every zone of node up to end passes against its reserve */
static bool all_zones_ok(const struct sim *s, int node, int order, int end,
			 bool may_swap)
{
	for (int i = 0; i <= end; i++) {
		const struct sim_zone *z = &s->zones[i];

		if (z->zone.node == node && zone_reclaimable(z, may_swap) &&
		    !zone_ok_for(s, z, order, high_mark(s, z), end))
			return false;
	}
	return true;
}

/*
 * The mark below which balance_pgdat() shrinks a zone while the node is
 * not balanced: high + balance_gap, the gap min(low, 1% of the zone)
 * (RHEL 6); else 8 x high, "equal pressure on every zone, unless one zone
 * has way too many pages free already".
 */
static long shrink_mark(const struct sim *s, const struct sim_zone *z)
{
	long gap = (long)(z->nr_pages + 99) / 100;

	if (!s->era.kswapd_balance_gap)
		return 8 * z->zone.high;
	return z->zone.high + (z->zone.low < gap ? z->zone.low : gap);
}

/*
 * balance_pgdat() of 2.6.18-2.6.37, RHEL 5 and RHEL 6 (read in 2.6.18,
 * 2.6.32.69, 2.6.35.6, 2.6.36, 2.6.37, 2.6.18-274.el5 and
 * 2.6.32-642.el6): kswapd balances at the order that woke it.  Each pass
 * shrinks the zones up to end_zone that fail at that order against
 * shrink_mark(), a batch of SWAP_CLUSTER_MAX pages each (or the order-0
 * shortfall when larger), until every zone passes at high with
 * lowmem_reserve[end_zone].  A pass that reclaims less than
 * SWAP_CLUSTER_MAX drops to order 0 (2.6.29+, RHEL 5 and 6); before
 * 2.6.29 kswapd keeps trying.  Returns the pages reclaimed; kswapd's
 * order and whether the node is balanced are left in ks and *balanced.
 */
static unsigned long balance_at_order(struct sim *s, int node,
				      unsigned long budget, bool may_swap,
				      bool *balanced)
{
	struct sim_kswapd *ks = &s->kswapd[node];
	unsigned long total = 0;

	for (;;) {
		int order = ks->order, end = end_zone(s, node, order, may_swap);
		unsigned long freed = 0;
		bool cut = false;

		*balanced =
			end < 0 || all_zones_ok(s, node, order, end, may_swap);
		if (*balanced || !budget)
			return total;
		for (int i = 0; i <= end; i++) {
			struct sim_zone *z = &s->zones[i];
			unsigned long nr, f;

			if (z->zone.node != node ||
			    !zone_reclaimable(z, may_swap) ||
			    zone_ok_for(s, z, order, shrink_mark(s, z), end))
				continue;
			nr = shrink_batch(z, high_mark(s, z));
			if (nr >= budget) {
				nr = budget;
				cut = true;
			}
			f = sim_shrink_zone(s, z, nr, may_swap);
			freed += f;
			budget -= f < budget ? f : budget;
			if (!budget)
				break;
		}
		total += freed;
		if (freed < SIM_SWAP_CLUSTER_MAX && !cut) {
			if (!order || !s->era.kswapd_order0_fallback)
				return total; /* nothing more to do now */
			ks->order = 0;
		}
	}
}

/* One slice of balance_pgdat() for node. */
static void balance_pgdat(struct sim *s, int node, double dt)
{
	struct sim_kswapd *ks = &s->kswapd[node];
	bool boosted = node_boosted(s, node);
	/* a boosted reclaim neither swaps nor writes (5.0 balance_pgdat) */
	bool may_swap = s->sc && s->sc->swap && !boosted;
	unsigned long budget;
	int order = ks->order;

	ks->credit += (s->sc ? s->sc->scan_rate : 0) * dt;
	budget = ks->credit > 0 ? (unsigned long)ks->credit : 0;
	ks->credit -= (double)budget;
	/* up to 2.6.37 and in RHEL 5/6 balance_at_order() reclaims, below */
	if (!s->era.kswapd_at_order)
		s->st.kswapd_reclaimed_pages +=
			kswapd_shrink_node(s, node, budget, may_swap);

	/*
	 * compact_pgdat() by kswapd itself (3.x, RHEL 7, RHEL 6 for order > 3)
	 * on the zones that fail at its order.  Fragmentation may mean the
	 * node cannot be balanced at that order: when compaction gets
	 * nowhere, or there is nothing to compact with reclaim done, kswapd
	 * falls back to order 0 (RHEL 6 only by reclaim's progress, in
	 * balance_at_order()).
	 */
	if (kswapd_compacts(s, order)) {
		unsigned long cb = slice_pages(compact_rate(s), s->t, dt);
		bool tried;

		if (cb && !compact_pgdat(s, node, order, cb, &tried) &&
		    !s->era.kswapd_at_order &&
		    (tried || pgdat_balanced(s, node, 0, may_swap)))
			ks->order = order = 0;
	}
	if (s->era.kswapd_at_order) {
		bool balanced;

		s->st.kswapd_reclaimed_pages +=
			balance_at_order(s, node, budget, may_swap, &balanced);
		if (balanced)
			kswapd_sleep(s, node, ks->order, boosted);
		return;
	}

	/*
	 * Sleep when balanced: at kswapd's order only when it compacts for
	 * it, else at order 0, whatever order woke it (RHEL 6.2, 4.6+).
	 */
	if (pgdat_balanced(s, node, kswapd_compacts(s, order) ? order : 0,
			   may_swap))
		kswapd_sleep(s, node, order, boosted);
}

/*
 * One slice of kcompactd: compact the node's zones for kcompactd_order
 * until they pass at their low watermark, or, proactively (order -1),
 * until the node's fragmentation score is down to the low threshold;
 * sleep when that is done or a whole pass of the scanners could not.
 */
static void kcompactd_run(struct sim *s, int node, double dt)
{
	struct sim_kswapd *ks = &s->kswapd[node];
	unsigned long budget, low = score_wmark(s, true);
	int order = ks->kcompactd_order;
	bool done = true;

	budget = slice_pages(compact_rate(s), s->t, dt);
	if (!budget)
		return;
	for (int i = 0; i < s->nr_zones; i++) {
		struct sim_zone *z = &s->zones[i];
		unsigned long m;

		if (z->zone.node != node)
			continue;
		if (order < 0) {
			/* proactive: in chunks, looking at the score between */
			while (fragmentation_score(s, node) > low) {
				unsigned long chunk = SIM_PROACTIVE_CHUNK;

				if (chunk > budget)
					chunk = budget;
				if (!chunk) {
					done = false;
					break;
				}
				m = sim_compact_zone(s, z, -1, chunk);
				budget -= m;
				if (m < chunk)
					break; /* the scanners met */
			}
			continue;
		}
		if (zone_ok(s, z, order, z->zone.low) ||
		    !compaction_suitable(s, z, order))
			continue;
		if (!budget) {
			done = false;
			break;
		}
		m = sim_compact_zone(s, z, order, budget);
		if (m >= budget)
			done = false;
		budget -= m < budget ? m : budget;
	}
	if (order < 0 && fragmentation_score(s, node) <= low)
		done = true;
	if (done) {
		ks->kcompactd_awake = false;
		ks->kcompactd_order = 0;
	}
}

/*
 * kcompactd's timer (5.9+): every 500 ms, wake up to compact when the
 * node's fragmentation score is above the high threshold.
 */
static void proactive_check(struct sim *s, int node, double dt)
{
	double every = SIM_FRAG_CHECK_INTERVAL;
	unsigned long long a = (unsigned long long)(s->t / every);
	unsigned long long b = (unsigned long long)((s->t + dt) / every);

	if (a == b || s->t < 0 || s->tun.compaction_proactiveness <= 0 ||
	    s->kswapd[node].kcompactd_awake)
		return;
	if (fragmentation_score(s, node) > score_wmark(s, false))
		wakeup_kcompactd(s, node, -1);
}

void sim_kswapd_run(struct sim *s, double dt)
{
	for (int n = 0; n < s->nr_nodes && n < SIM_MAX_NODES; n++) {
		if (s->kswapd[n].awake)
			balance_pgdat(s, n, dt);
		if (s->era.kcompactd && s->era.proactive)
			proactive_check(s, n, dt);
		if (s->era.kcompactd && s->kswapd[n].kcompactd_awake)
			kcompactd_run(s, n, dt);
	}
}
