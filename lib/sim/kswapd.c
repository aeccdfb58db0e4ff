// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kswapd.c - kswapd and kcompactd of each node as threads on the virtual
 * clock (mm/vmscan.c kswapd(), balance_pgdat(); mm/compaction.c
 * kcompactd(), proactive compaction).  What they do changed with the
 * eras (kernel-facts.md section 6), and that is the point of simulating
 * them:
 *
 *  - how kswapd balances a node, zone by zone at its order up to 4.7 and
 *    in RHEL 5-7, by the node's LRU from 4.8 and RHEL 8, is balance.c's;
 *  - kswapd's own compaction: none up to 2.6.37, per zone in 2.6.38,
 *    none in 2.6.39-3.3 (d527caf2 took it out again), compact_pgdat()
 *    once the node is balanced in 3.4-3.10, none that an order below 5
 *    could reach in 3.11-4.5 and RHEL 7, and in RHEL 6 from 2.6.32-358
 *    (every RHEL 6 source read, -358 to -754) only for order > 3,
 *    within each pass.  The era "rhel6.4-vendor", which
 *    compacts for every order, is Red Hat's account of 6.4's fix, not
 *    its source: every run on it says so.
 *  - 4.6+: kswapd hands its order to kcompactd when it sleeps; 5.0+
 *    reclaims a boosted zone to high + boost and then wakes kcompactd at
 *    pageblock order; 5.9+ kcompactd also compacts on its own when the
 *    node's fragmentation score is high.
 *
 * kswapd reclaims at most scan_rate pages a second and compaction
 * migrates at most compact_rate pages a second, whoever does it.  In
 * every era a zone with nothing left to reclaim no longer keeps kswapd
 * awake.
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
	return s->compact_rate;
}

/* sim_kswapd_zone_ok() without a lowmem_reserve */
static bool zone_ok(const struct sim *s, const struct sim_zone *z, int order,
		    long mark)
{
	return sim_kswapd_zone_ok(s, z, order, mark, -1);
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

/*
 * Does a zone of node fail at order against its low watermark, where
 * compaction could work?  What compact_pgdat() looks for.
 */
static bool needs_compaction(const struct sim *s, int node, int order)
{
	for (int i = 0; i < s->nr_zones; i++) {
		const struct sim_zone *z = &s->zones[i];

		if (z->zone.node == node &&
		    !zone_ok(s, z, order, z->zone.low) &&
		    sim_compaction_suitable(s, z, order))
			return true;
	}
	return false;
}

/*
 * compact_pgdat(): compact the zones that fail the check at order against
 * their low watermark.  Returns pages migrated.
 */
static unsigned long compact_pgdat(struct sim *s, int node, int order,
				   unsigned long budget)
{
	unsigned long migrated = 0;

	for (int i = 0; i < s->nr_zones && migrated < budget; i++) {
		struct sim_zone *z = &s->zones[i];
		unsigned long m;
		bool fresh;

		if (z->zone.node != node || zone_ok(s, z, order, z->zone.low) ||
		    !sim_compaction_suitable(s, z, order))
			continue;
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
 * kswapd_try_to_sleep() of a balanced node: 4.6+ hands kswapd's order
 * over to kcompactd when a zone fails at it and compaction could help,
 * and a spent boost wakes kcompactd at pageblock order (5.0+); the boost
 * is spent, and kswapd sleeps.
 */
static void kswapd_sleep(struct sim *s, int node, int order, bool boosted)
{
	struct sim_kswapd *ks = &s->kswapd[node];

	if (s->era.kcompactd) {
		if (order > 0 && needs_compaction(s, node, order))
			wakeup_kcompactd(s, node, order);
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
 * wakeup_kswapd(): from 4.8 a node that is balanced already (and, from
 * 5.0, not boosted) does not wake kswapd; from 4.17 (read in 4.17.0 and
 * RHEL 8's 4.18.0-147; not in 4.16.13) a caller that cannot reclaim
 * wakes kcompactd instead, for its order.
 */
void sim_wakeup_kswapd(struct sim *s, int node, int order, int highest_zone,
		       bool direct_reclaim)
{
	struct sim_kswapd *ks;

	if (node < 0 || node >= SIM_MAX_NODES)
		return;
	ks = &s->kswapd[node];
	if (!ks->awake) {
		ks->highest_zone = highest_zone;
		if (s->era.kswapd_balance == PF_KSWAPD_ANY &&
		    sim_pgdat_balanced(s, node, order, false,
				       s->sc && s->sc->swap) &&
		    !node_boosted(s, node)) {
			if (s->era.kswapd_wakes_kcompactd && !direct_reclaim &&
			    order > 0 && needs_compaction(s, node, order))
				wakeup_kcompactd(s, node, order);
			return;
		}
		ks->awake = true;
		ks->order = 0;
		ks->reclaimed = 0;
		s->st.kswapd_wakeups++;
	} else if (ks->highest_zone >= 0 &&
		   (highest_zone < 0 || highest_zone > ks->highest_zone)) {
		ks->highest_zone = highest_zone;
	}
	if (order > ks->order)
		ks->order = order;
}

/* One slice of balance_pgdat() for node. */
static void balance_pgdat(struct sim *s, int node, double dt)
{
	struct sim_kswapd *ks = &s->kswapd[node];
	bool boosted = node_boosted(s, node);
	/* a boosted reclaim neither swaps nor writes (5.0 balance_pgdat) */
	bool may_swap = s->sc && s->sc->swap && !boosted;
	bool balanced;
	unsigned long budget;
	int order = ks->order;

	ks->credit += s->scan_rate * dt;
	budget = ks->credit > 0 ? (unsigned long)ks->credit : 0;
	ks->credit -= (double)budget;

	/*
	 * 2.6.38 and RHEL 6.4 on (for order > 3) compact zone by zone within
	 * each pass, and sleep by the balance alone: compact_zone_order() in
	 * balance_pgdat()'s zone loop.  7be62de99adc (3.4) moved it to the
	 * end, with testorder.
	 */
	if (!s->era.kswapd_testorder && kswapd_compacts(s, order) &&
	    needs_compaction(s, node, order)) {
		unsigned long cb = slice_pages(compact_rate(s), s->t, dt);

		if (cb)
			compact_pgdat(s, node, order, cb);
	}
	if (s->era.kswapd_balance == PF_KSWAPD_ANY) {
		s->st.kswapd_reclaimed_pages +=
			sim_balance_node(s, node, budget, may_swap, &balanced);
		if (balanced && s->era.kswapd_sleep_all)
			balanced = sim_node_balanced(s, node,
						     sim_reclaim_order(s, ks),
						     true, may_swap);
	} else {
		s->st.kswapd_reclaimed_pages += sim_balance_at_order(
			s, node, budget, may_swap, &balanced);
	}
	/*
	 * 3.4-3.10 compact once the node is balanced at kswapd's order, when
	 * no zone passes it at low: kswapd stays up while that gets somewhere
	 */
	if (balanced && s->era.kswapd_testorder &&
	    kswapd_compacts(s, ks->order) &&
	    sim_zones_need_compaction(s, node, ks->order)) {
		unsigned long cb = slice_pages(compact_rate(s), s->t, dt);

		if (!cb || compact_pgdat(s, node, ks->order, cb))
			balanced = false;
	}
	if (balanced)
		kswapd_sleep(s, node, ks->order, boosted);
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
		    !sim_compaction_suitable(s, z, order))
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
