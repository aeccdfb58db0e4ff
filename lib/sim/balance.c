// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * balance.c - balance_pgdat() of mm/vmscan.c by era: which zones kswapd
 * reclaims and how much, when it counts a node balanced, and when it
 * gives up the order that woke it (docs/eras/kswapd.md section 2; the
 * era's choice is era.c era_kswapd()).  kswapd.c runs it as a thread on
 * the clock.
 *
 *  - 2.6.18-4.7, RHEL 5, 6 and 7 (sim_balance_at_order()): zone by zone,
 *    at kswapd's order, a pass over the zones up to end_zone at a time;
 *    every zone must pass (to 2.6.37, RHEL 5/6), or above order 0 a
 *    quarter of the node (2.6.38-4.7, RHEL 7).
 *  - 4.8 on, RHEL 8 on (sim_balance_node()): one LRU for the node, and
 *    any eligible zone passing balances it.
 *
 * Only reclaim makes the blocks an order above 0 needs, where a freed
 * page's buddy is free; compaction is kswapd.c's and compact.c's.
 */
#include <limits.h>

#include "sim.h"

/* high_wmark_pages(): with the boost on top in the eras that have it */
static long high_mark(const struct sim *s, const struct sim_zone *z)
{
	return z->zone.high +
	       (s->era.boost && z->zone.boost > 0 ? z->zone.boost : 0);
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
 * Is z a zone kswapd of node balances: one no higher than its wakers may
 * use (pgdat->kswapd_highest_zoneidx)?
 */
static bool eligible(const struct sim *s, const struct sim_zone *z, int node)
{
	int highest = s->kswapd[node].highest_zone;

	return z->zone.node == node && (highest < 0 || z->zone.type <= highest);
}

/* The zone array's index of node's highest eligible zone; -1: none */
static int classzone_of(const struct sim *s, int node)
{
	int cz = -1;

	for (int i = 0; i < s->nr_zones; i++)
		if (eligible(s, &s->zones[i], node))
			cz = i;
	return cz;
}

/*
 * zones_need_compaction of balance_pgdat() in 3.4-3.10: no eligible zone
 * passes at order against low, held to the wakers' lowmem_reserve.
 */
bool sim_zones_need_compaction(const struct sim *s, int node, int order)
{
	int cz = classzone_of(s, node);

	for (int i = 0; i < s->nr_zones; i++) {
		const struct sim_zone *z = &s->zones[i];

		if (eligible(s, z, node) &&
		    sim_kswapd_zone_ok(s, z, order, z->zone.low, cz))
			return false;
	}
	return true;
}

/* ---- balance_pgdat() up to 4.7: zone by zone, at kswapd's order ---------- */

/*
 * zone_balanced(): z passes at order against mark, held to
 * lowmem_reserve[classzone] (-1: none); from 3.4, above order 0, it must
 * also be a zone compaction could work in.
 */
static bool zone_balanced(const struct sim *s, const struct sim_zone *z,
			  int order, long mark, int classzone)
{
	if (!sim_kswapd_zone_ok(s, z, order, mark, classzone))
		return false;
	return !order || !s->era.kswapd_testorder ||
	       sim_compaction_suitable(s, z, order);
}

/*
 * testorder (3.4, 7be62de99adc): kswapd reclaims a zone compaction could
 * work in only for order 0, and leaves the blocks to compaction.
 */
static int testorder(const struct sim *s, const struct sim_zone *z, int order)
{
	return order && s->era.kswapd_testorder &&
			       sim_compaction_suitable(s, z, order)
		       ? 0
		       : order;
}

/*
 * end_zone of balance_pgdat(): the highest zone of node that is not
 * balanced at order against high (classzone 0: no reserve), skipping
 * zones with nothing to reclaim as the kernel skips all_unreclaimable
 * ones; -1 when there is none.
 */
static int end_zone(const struct sim *s, int node, int order, bool may_swap)
{
	int end = -1;

	for (int i = 0; i < s->nr_zones; i++) {
		const struct sim_zone *z = &s->zones[i];

		if (z->zone.node == node && zone_reclaimable(z, may_swap) &&
		    !zone_balanced(s, z, order, high_mark(s, z), -1))
			end = i;
	}
	return end;
}

/*
 * Every zone of node up to end is balanced at order (at testorder with
 * test), held to classzone.
 */
static bool all_zones_ok(const struct sim *s, int node, int order, int end,
			 int classzone, bool test, bool may_swap)
{
	for (int i = 0; i <= end; i++) {
		const struct sim_zone *z = &s->zones[i];
		int o = test ? testorder(s, z, order) : order;

		if (z->zone.node == node && zone_reclaimable(z, may_swap) &&
		    !zone_balanced(s, z, o, high_mark(s, z), classzone))
			return false;
	}
	return true;
}

/*
 * sim_pgdat_balanced() of 2.6.38-4.7 above order 0: the eligible zones that
 * are balanced (or have nothing to reclaim) hold at least a quarter of
 * the eligible zones' pages.  2.6.38 and 2.6.39 want more than a
 * quarter, and of the zones up to end_zone: the model keeps 3.0's rule.
 */
static bool quarter_balanced(const struct sim *s, int node, int order,
			     int classzone, bool test, bool may_swap)
{
	unsigned long pages = 0, balanced = 0;

	for (int i = 0; i < s->nr_zones; i++) {
		const struct sim_zone *z = &s->zones[i];
		int o = test ? testorder(s, z, order) : order;

		if (!eligible(s, z, node))
			continue;
		pages += z->nr_pages;
		if (!zone_reclaimable(z, may_swap) ||
		    zone_balanced(s, z, o, high_mark(s, z), classzone))
			balanced += z->nr_pages;
	}
	return balanced >= pages / 4;
}

/*
 * Is node balanced after a pass at order?  Up to 3.7 every zone up to
 * end_zone at testorder, held to lowmem_reserve[end_zone], or from
 * 2.6.38 a quarter of the node so; from 3.8 sim_pgdat_balanced(): at order 0
 * every zone, above it a quarter of the node at the order itself, each
 * zone held to no reserve.
 */
static bool node_done(const struct sim *s, int node, int order, int end,
		      bool may_swap)
{
	bool quarter = s->era.kswapd_balance == PF_KSWAPD_QUARTER && order;

	if (s->era.kswapd_reserve)
		return all_zones_ok(s, node, order, end, end, true, may_swap) ||
		       (quarter &&
			quarter_balanced(s, node, order, end, true, may_swap));
	if (!quarter)
		return all_zones_ok(s, node, order, end, -1, false, may_swap);
	return quarter_balanced(s, node, order, -1, false, may_swap);
}

/*
 * The mark below which balance_pgdat() shrinks a zone while the node is
 * not balanced: high + balance_gap, the gap min(low, 1% of the zone)
 * (2.6.39-4.7, RHEL 6, RHEL 7); else 8 x high, "equal pressure on every
 * zone, unless one zone has way too many pages free already".
 */
static long shrink_mark(const struct sim *s, const struct sim_zone *z)
{
	long gap = (long)(z->nr_pages + 99) / 100;

	if (!s->era.kswapd_balance_gap)
		return 8 * z->zone.high;
	return z->zone.high + (z->zone.low < gap ? z->zone.low : gap);
}

/*
 * One pass of balance_pgdat() at order: shrink each zone up to end that
 * is not balanced at its testorder against shrink_mark(), a batch of
 * SWAP_CLUSTER_MAX pages each (or the order-0 shortfall when larger),
 * within *budget.  Returns the pages reclaimed; *cut: the budget ran out.
 */
static unsigned long shrink_pass(struct sim *s, int node, int order, int end,
				 bool may_swap, unsigned long *budget,
				 bool *cut)
{
	int cz = s->era.kswapd_reserve ? end : -1;
	unsigned long freed = 0;

	*cut = false;
	for (int i = 0; i <= end && *budget; i++) {
		struct sim_zone *z = &s->zones[i];
		unsigned long nr, f;

		if (z->zone.node != node || !zone_reclaimable(z, may_swap) ||
		    zone_balanced(s, z, testorder(s, z, order),
				  shrink_mark(s, z), cz))
			continue;
		nr = shrink_batch(z, high_mark(s, z));
		if (nr >= *budget) {
			nr = *budget;
			*cut = true;
		}
		f = sim_shrink_zone(s, z, nr, may_swap);
		freed += f;
		*budget -= f < *budget ? f : *budget;
	}
	return freed;
}

/*
 * balance_pgdat() of 2.6.18-4.7, RHEL 5, RHEL 6 and RHEL 7 (read in
 * 2.6.18, 2.6.32.69, 2.6.35.6-2.6.39.3, 3.0.1, 3.3.8, 3.4.108, 3.6.5,
 * 3.7.2, 3.8.13, 3.10.99, 3.16, 4.4.11, 4.6.2, 2.6.18-274.el5,
 * 2.6.32-642.el6 and 3.10.0-1160.el7): kswapd balances at the order that
 * woke it, pass after pass, until node_done(); 2.6.38-3.6 then want
 * every zone at order 0 too.  kswapd drops to order 0 by the era's rule
 * (enum pf_kswapd_order0).  Returns the pages reclaimed; kswapd's order
 * and whether the node is balanced are left in ks and *balanced.
 */
unsigned long sim_balance_at_order(struct sim *s, int node,
				   unsigned long budget, bool may_swap,
				   bool *balanced)
{
	struct sim_kswapd *ks = &s->kswapd[node];
	unsigned long total = 0;

	for (;;) {
		int order = ks->order, end = end_zone(s, node, order, may_swap);
		bool done = end < 0;

		if (!done && budget) {
			bool cut;
			unsigned long freed = shrink_pass(
				s, node, order, end, may_swap, &budget, &cut);

			total += freed;
			if (order &&
			    s->era.kswapd_order0 == PF_ORDER0_RECLAIMED &&
			    freed >= 2UL << order) {
				ks->order = 0;
				continue;
			}
			done = node_done(s, node, order, end, may_swap);
			if (!done && freed < SIM_SWAP_CLUSTER_MAX && !cut) {
				if (!order || s->era.kswapd_order0 !=
						      PF_ORDER0_SLOW_PASS) {
					*balanced = false;
					return total; /* nothing more to do now */
				}
				ks->order = 0;
				continue;
			}
		}
		if (done && order && s->era.kswapd_recheck0 &&
		    !all_zones_ok(s, node, 0, end, -1, false, may_swap)) {
			ks->order = 0;
			continue;
		}
		*balanced = done;
		if (done || !budget)
			return total;
	}
}

/* ---- balance_pgdat() from 4.8: the node as a whole ----------------------- */

/* sc.order: from 3.11 (and 4.8) order 0 once 2 << order pages came back */
int sim_reclaim_order(const struct sim *s, const struct sim_kswapd *ks)
{
	if (s->era.kswapd_order0 == PF_ORDER0_RECLAIMED && ks->order &&
	    ks->reclaimed >= 2UL << ks->order)
		return 0;
	return ks->order;
}

/*
 * sim_pgdat_balanced() of 4.8 on: any eligible zone passes at order against
 * high, held to the lowmem_reserve of the wakers' highest zone.  With
 * all, every eligible zone with something to reclaim must pass:
 * prepare_kswapd_sleep() of 4.8-4.11.
 */
bool sim_pgdat_balanced(const struct sim *s, int node, int order, bool all,
			bool may_swap)
{
	int cz = classzone_of(s, node);

	for (int i = 0; i < s->nr_zones; i++) {
		const struct sim_zone *z = &s->zones[i];
		bool ok;

		if (!eligible(s, z, node))
			continue;
		ok = sim_kswapd_zone_ok(s, z, order, high_mark(s, z), cz);
		if (ok && !all)
			return true;
		if (!ok && all && zone_reclaimable(z, may_swap))
			return false;
	}
	return all;
}

/*
 * Has kswapd nothing to do on node: sim_pgdat_balanced(), or no eligible zone
 * has anything to reclaim (kswapd_failures send kswapd to sleep then)?
 */
bool sim_node_balanced(const struct sim *s, int node, int order, bool all,
		       bool may_swap)
{
	if (sim_pgdat_balanced(s, node, order, all, may_swap))
		return true;
	for (int i = 0; i < s->nr_zones; i++)
		if (eligible(s, &s->zones[i], node) &&
		    zone_reclaimable(&s->zones[i], may_swap))
			return false;
	return true;
}

/* What reclaim may take from z: its LRU pages and reclaimable slab. */
static unsigned long lru_weight(const struct sim_zone *z, bool may_swap)
{
	return z->lru_file.nr + (may_swap ? z->lru_anon.nr : 0) +
	       z->nr_slab_reclaimable;
}

/*
 * shrink_node() of 4.8 on: one LRU holds the pages of all the node's
 * zones in the order they came, so nr pages reclaimed from it come from
 * each eligible zone in proportion to what it holds (the model keeps an
 * LRU per zone and takes that share of each).
 */
static unsigned long shrink_node(struct sim *s, int node, unsigned long nr,
				 bool may_swap)
{
	unsigned long long total = 0, seen = 0;
	unsigned long freed = 0, given = 0;

	for (int i = 0; i < s->nr_zones; i++)
		if (eligible(s, &s->zones[i], node))
			total += lru_weight(&s->zones[i], may_swap);
	for (int i = 0; total && i < s->nr_zones; i++) {
		struct sim_zone *z = &s->zones[i];
		unsigned long share;

		if (!eligible(s, z, node))
			continue;
		seen += lru_weight(z, may_swap);
		share = (unsigned long)(nr * seen / total) - given;
		given += share;
		if (share)
			freed += sim_shrink_zone(s, z, share, may_swap);
	}
	return freed;
}

/*
 * The pages to reclaim from the node before looking again: what the
 * eligible zone nearest its high mark lacks at order 0, over its share
 * of the node's LRU; at least SWAP_CLUSTER_MAX.  The kernel asks
 * shrink_node() for the sum of the zones' high marks, but its first
 * priorities scan a sliver of each list and it looks again after each.
 */
static unsigned long node_batch(const struct sim *s, int node, bool may_swap)
{
	unsigned long long total = 0, best = ULLONG_MAX;
	int cz = classzone_of(s, node);

	for (int i = 0; i < s->nr_zones; i++)
		if (eligible(s, &s->zones[i], node))
			total += lru_weight(&s->zones[i], may_swap);
	for (int i = 0; i < s->nr_zones; i++) {
		const struct sim_zone *z = &s->zones[i];
		unsigned long long w = lru_weight(z, may_swap), n;
		long need;

		if (!eligible(s, z, node) || !w)
			continue;
		need = high_mark(s, z) + 2 - z->zone.free;
		if (cz >= 0)
			need += z->zone.lowmem_reserve[s->zone_enum[cz]];
		if (need <= 0)
			continue;
		n = ((unsigned long long)need * total + w - 1) / w;
		if (n < best)
			best = n;
	}
	if (best < SIM_SWAP_CLUSTER_MAX || best == ULLONG_MAX)
		return SIM_SWAP_CLUSTER_MAX;
	return best > ULONG_MAX ? ULONG_MAX : (unsigned long)best;
}

/*
 * balance_pgdat() of 4.8 on (read in 4.8.15, 4.10.17, 4.11.6, 4.12,
 * 4.19.95, 5.0.1, 5.4.59, 5.15.55, 6.1.20, 6.6.9, 6.18.2 and RHEL 8's
 * 4.18.0-147): kswapd reclaims from the node's LRU until any eligible
 * zone passes at its order, and at order 0 once it has 2 << order pages
 * back (compact_gap()); kcompactd takes the order when it sleeps.  A
 * boosted node is reclaimed to high + boost: the kernel also reclaims
 * the boost from a node already balanced, which the model does not.
 */
unsigned long sim_balance_node(struct sim *s, int node, unsigned long budget,
			       bool may_swap, bool *balanced)
{
	struct sim_kswapd *ks = &s->kswapd[node];
	unsigned long total = 0;

	for (;;) {
		unsigned long nr, freed;

		*balanced = sim_node_balanced(s, node, sim_reclaim_order(s, ks),
					      false, may_swap);
		if (*balanced || !budget)
			return total;
		nr = node_batch(s, node, may_swap);
		if (nr > budget)
			nr = budget;
		freed = shrink_node(s, node, nr, may_swap);
		total += freed;
		ks->reclaimed += freed;
		budget -= freed < budget ? freed : budget;
		if (!freed)
			return total;
	}
}
