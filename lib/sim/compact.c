// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * compact.c - compact_zone() of mm/compaction.c: two scanners walk the
 * zone a pageblock at a time, the migrate scanner up from the start
 * taking movable pages in use (isolate_migratepages()), the free scanner
 * down from the end taking free pages (isolate_freepages()); each page is
 * migrated to a free page near the end, and its old page is freed where
 * it merges with its free buddies into the larger blocks compaction is
 * for.
 *
 * The model is asynchronous compaction: pages are taken only from
 * MIGRATE_MOVABLE pageblocks (migrate_async_suitable()) and only page
 * cache and anonymous pages move; slab, kernel and network pages pin their
 * pageblock.  Free pages are taken only in MIGRATE_MOVABLE pageblocks
 * (suitable_migration_target()), never from a free block of pageblock
 * order or more, and never below the min watermark
 * (__isolate_free_page()).  A pass ends when the scanners meet; the
 * zone's cached positions are then reset (__reset_isolation_suitable():
 * migrate_pfn 0, free_pfn the start of the last pageblock) so the next
 * call starts a new pass.
 */
#include "sim.h"

#define PB_NR		    (1UL << SIM_PAGEBLOCK_ORDER)
#define PB_START(pfn)	    ((pfn) & ~(PB_NR - 1))
#define PB_MT(z, pfn)	    ((z)->pageblock_mt[(pfn) >> SIM_PAGEBLOCK_ORDER])
#define COMPACT_CLUSTER_MAX 32 /* pages migrated in one batch */
/* targets in hand: a batch's worth plus the last free block taken */
#define FREE_POOL_MAX (COMPACT_CLUSTER_MAX + (1UL << (SIM_PAGEBLOCK_ORDER - 1)))

/* compact_control */
struct cc {
	struct sim *s;
	struct sim_zone *z;
	int order;
	uint32_t migrate[COMPACT_CLUSTER_MAX]; /* isolated, to move */
	unsigned int nr_migrate;
	uint32_t free[FREE_POOL_MAX]; /* isolated free pages */
	unsigned int nr_free;
	bool met;     /* the scanners met */
	bool no_free; /* min watermark reached */
};

/* __reset_isolation_suitable(): a new pass from both ends */
static void reset_scanners(struct sim_zone *z)
{
	z->migrate_pfn = 0;
	z->free_pfn = PB_START(z->nr_pages - 1);
}

static bool movable_owner(int owner)
{
	return owner == SIM_FILE || owner == SIM_FILE_DIRTY ||
	       owner == SIM_ANON;
}

/*
 * compact_finished(): a free block of at least order on a list an
 * allocation may take from (its own type or a fallback: not the
 * highatomic reserve, not an isolated block), with the zone passing the
 * era's check at order against the low watermark.
 */
static bool compact_finished(const struct cc *cc)
{
	const struct sim_zone *z = cc->z;
	bool found = false;

	if (cc->order < 0)
		return false; /* compact_memory, proactive: whole pass */
	for (int o = cc->order; o < SIM_MAX_ORDER && !found; o++)
		found = z->free_list[o][SIM_MT_UNMOVABLE].nr ||
			z->free_list[o][SIM_MT_MOVABLE].nr ||
			z->free_list[o][SIM_MT_RECLAIMABLE].nr;
	if (!found)
		return false;
	return pf_zone_watermark_ok(&z->zone, cc->order, z->zone.low, -1, 0,
				    cc->s->era.wm_era, NULL);
}

/*
 * isolate_migratepages(): up to max movable pages from the pageblock of
 * migrate_pfn, skipping pageblocks that are not MIGRATE_MOVABLE; never in
 * or past the free scanner's pageblock.
 */
static void isolate_migratepages(struct cc *cc, unsigned int max)
{
	struct sim_zone *z = cc->z;
	unsigned long pfn = z->migrate_pfn;

	while (!cc->nr_migrate) {
		unsigned long end = PB_START(pfn) + PB_NR;

		if (PB_START(pfn) >= z->free_pfn) {
			cc->met = true;
			break;
		}
		if (PB_MT(z, pfn) != SIM_MT_MOVABLE) {
			pfn = end;
			continue;
		}
		while (pfn < end && cc->nr_migrate < max) {
			const struct sim_page *p = &z->pages[pfn];

			if (sim_run_head(z, pfn)) {
				pfn += SIM_RUN_NR; /* free: nothing to move */
				continue;
			}
			if (!(p->flags & SIM_PG_HEAD)) {
				pfn++; /* inside a free or used block */
				continue;
			}
			if (p->owner != SIM_FREE && !p->order &&
			    movable_owner(p->owner))
				cc->migrate[cc->nr_migrate++] = (uint32_t)pfn;
			pfn += 1UL << p->order;
		}
		if (pfn >= end && !cc->nr_migrate)
			continue; /* nothing here: the next pageblock */
		break;
	}
	z->migrate_pfn = pfn;
}

/*
 * A free block the free scanner may take: not the highatomic reserve nor
 * an isolated block, and smaller than a pageblock (a free pageblock is
 * what compaction is making, not what it should break up).
 */
static bool free_target(const struct sim_page *p)
{
	return (p->flags & SIM_PG_HEAD) && p->owner == SIM_FREE &&
	       p->order < SIM_PAGEBLOCK_ORDER && p->mt != SIM_MT_HIGHATOMIC &&
	       p->mt != SIM_MT_ISOLATE;
}

/* __isolate_free_page(): off its free list, its pages ours to fill */
static bool isolate_free_block(struct cc *cc, uint32_t pfn)
{
	struct sim_zone *z = cc->z;
	int o = z->pages[pfn].order;

	if (z->zone.free - (1L << o) < z->zone.min ||
	    cc->nr_free + (1U << o) > FREE_POOL_MAX) {
		cc->no_free = true;
		return false;
	}
	sim_isolate_free_block(z, pfn);
	for (uint32_t i = 0; i < (1U << o); i++)
		cc->free[cc->nr_free++] = pfn + i;
	return true;
}

/*
 * isolate_freepages(): free pages from the pageblock at free_pfn down,
 * until there are as many as pages to migrate; a pageblock is left when
 * it has no more, and the scan stops at the migrate scanner's pageblock.
 */
static void isolate_freepages(struct cc *cc)
{
	struct sim_zone *z = cc->z;

	while (cc->nr_free < cc->nr_migrate && !cc->no_free) {
		unsigned long start = z->free_pfn, end = start + PB_NR, pfn;

		if (start <= PB_START(z->migrate_pfn)) {
			cc->met = true;
			return;
		}
		if (end > z->nr_pages)
			end = z->nr_pages;
		/* a pageblock without a small free block has nothing */
		if (PB_MT(z, start) == SIM_MT_MOVABLE &&
		    z->pb_free[start >> SIM_PAGEBLOCK_ORDER]) {
			for (pfn = start;
			     pfn < end && cc->nr_free < cc->nr_migrate;) {
				const struct sim_page *p = &z->pages[pfn];
				unsigned long step = 1;

				if (p->flags & SIM_PG_HEAD)
					step = 1UL << p->order;
				if (free_target(p) &&
				    !isolate_free_block(cc, (uint32_t)pfn))
					return;
				pfn += step;
			}
			if (cc->nr_free >= cc->nr_migrate)
				return; /* the pageblock may have more */
		}
		z->free_pfn -= PB_NR;
	}
}

/* migrate_pages(): the contents and the LRU place move, the old page goes */
static void migrate_one(struct cc *cc, uint32_t src, uint32_t dst)
{
	struct sim_zone *z = cc->z;
	struct sim_page *sp = &z->pages[src];
	bool lru = sp->flags & SIM_PG_LRU;

	z->pages[dst].mt = sp->mt;
	sim_set_owner(z, dst, 0, sp->owner);
	if (lru) {
		sim_lru_del(z, src);
		sim_lru_add(z, dst);
	}
	sim_free_block(z, src, 0, &cc->s->st);
}

/* release_freepages(): the targets not used go back, merging again */
static void release_freepages(struct cc *cc)
{
	while (cc->nr_free)
		sim_free_block(cc->z, cc->free[--cc->nr_free], 0, &cc->s->st);
}

unsigned long sim_compact_zone(struct sim *s, struct sim_zone *z, int order,
			       unsigned long budget)
{
	struct cc ccs, *cc = &ccs;
	unsigned long migrated = 0;

	if (!z->pages || z->nr_pages < 2 * PB_NR || !budget)
		return 0;
	/* not without the free pages to move into */
	if (order >= 0 && !pf_compaction_suitable(&z->zone, order, &s->era,
						  s->tun.extfrag_threshold))
		return 0;
	if (z->free_pfn >= z->nr_pages || (z->free_pfn & (PB_NR - 1)) ||
	    z->migrate_pfn >= z->nr_pages || z->free_pfn <= z->migrate_pfn)
		reset_scanners(z);

	cc->s = s;
	cc->z = z;
	cc->order = order;
	cc->nr_migrate = cc->nr_free = 0;
	cc->met = cc->no_free = false;

	while (migrated < budget && !compact_finished(cc)) {
		unsigned long want = budget - migrated;
		unsigned int i;

		if (want > COMPACT_CLUSTER_MAX)
			want = COMPACT_CLUSTER_MAX;
		isolate_migratepages(cc, (unsigned int)want);
		if (!cc->nr_migrate)
			break;
		isolate_freepages(cc);
		/* the pages without a target stay where they are */
		for (i = 0; i < cc->nr_migrate && cc->nr_free; i++) {
			uint32_t dst = cc->free[--cc->nr_free];

			migrate_one(cc, cc->migrate[i], dst);
			migrated++;
		}
		cc->nr_migrate = 0;
		if (cc->met || cc->no_free)
			break;
	}
	release_freepages(cc);
	if (cc->met)
		reset_scanners(z);
	s->st.compacted_pages += migrated;
	return migrated;
}
