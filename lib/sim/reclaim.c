// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * reclaim.c - shrink_node() of mm/vmscan.c, as far as fragmentation cares:
 * reclaim frees order-0 pages wherever the LRU happens to hold them, so it
 * raises the free count without making high-order blocks (only their
 * buddies being free already does that).
 *
 * The inactive file list is scanned from its oldest page: a clean page is
 * freed at once, a dirty one is written back (pageout()) and rotated to
 * the young end, to be freed on a later pass.  Anonymous pages go only
 * when there is swap, and only when the page cache fell short.  The
 * reclaimable slab is shrunk in proportion to the LRU pages freed
 * (shrink_slab()), but a shrinker frees objects, not pages: only a slab
 * whose every object went gives its page back, which the model draws as
 * one scanned slab page in four.
 */
#include "sim.h"

#define SIM_SLAB_WINDOW 4096 /* blocks one shrink_slab() sees */

/*
 * shrink_inactive_list() of one list: look at each page at most once per
 * call, oldest first, until nr pages are freed.
 */
static unsigned long shrink_list(struct sim *s, struct sim_zone *z,
				 struct sim_list *lru, unsigned long nr,
				 int owner)
{
	int zi = (int)(z - s->zones);
	unsigned long left = lru->nr, freed = 0;
	uint32_t pfn = lru->head;

	while (pfn != SIM_NONE && left && freed < nr) {
		uint32_t next = z->pages[pfn].next;
		int o = z->pages[pfn].owner;

		left--;
		if (o == owner) {
			sim_lru_del(z, pfn);
			sim_free(s, zi, pfn, 0);
			freed++;
		} else if (o == SIM_FILE_DIRTY) {
			/* pageout(): clean once written, freed next time */
			sim_lru_del(z, pfn);
			sim_set_owner(z, pfn, 0, SIM_FILE);
			sim_lru_add(z, pfn);
		} else {
			/* not ours to take (isolated, pinned): rotate it */
			sim_lru_del(z, pfn);
			sim_lru_add(z, pfn);
		}
		pfn = next;
	}
	return freed;
}

/* A slab page goes back (sim_free_block() drops NR_SLAB_RECLAIMABLE). */
static void free_slab_page(struct sim *s, int zi, uint32_t pfn)
{
	sim_free(s, zi, pfn, 0);
}

/*
 * shrink_slab(): from anywhere in the zone, look at up to to_scan
 * reclaimable slab pages among the next SIM_SLAB_WINDOW blocks (free
 * blocks are stepped over whole), freeing one in four of them.
 */
static unsigned long shrink_slab(struct sim *s, struct sim_zone *z,
				 unsigned long to_scan)
{
	int zi = (int)(z - s->zones);
	unsigned long spanned = 0, scanned = 0, freed = 0, pfn;

	if (!z->nr_pages || !to_scan)
		return 0;
	pfn = (unsigned long)(sim_rand(s) % z->nr_pages);
	for (unsigned long n = 0;
	     n < SIM_SLAB_WINDOW && scanned < to_scan && spanned < z->nr_pages;
	     n++) {
		const struct sim_page *p = &z->pages[pfn];
		unsigned long step = 1;

		if (sim_run_head(z, pfn))
			step = SIM_RUN_NR; /* free, as far as the block goes */
		else if (p->flags & SIM_PG_HEAD) {
			step = 1UL << p->order;
			if (p->owner == SIM_SLAB_RECLAIMABLE && !p->order) {
				scanned++;
				if (!(sim_rand(s) & 3)) {
					free_slab_page(s, zi, (uint32_t)pfn);
					freed++;
				}
			}
		}
		spanned += step;
		pfn += step;
		if (pfn >= z->nr_pages)
			pfn = 0;
	}
	return freed;
}

unsigned long sim_shrink_zone(struct sim *s, struct sim_zone *z,
			      unsigned long nr, bool may_swap)
{
	unsigned long freed, lru_pages, to_scan = 0;

	if (!nr)
		return 0;
	lru_pages = z->lru_file.nr + z->lru_anon.nr;
	freed = shrink_list(s, z, &z->lru_file, nr, SIM_FILE);
	if (may_swap && freed < nr)
		freed += shrink_list(s, z, &z->lru_anon, nr - freed, SIM_ANON);

	/*
	 * shrink_slab(): scan objects in the ratio of LRU pages freed to LRU
	 * pages (times 4 / DEFAULT_SEEKS); when the LRU falls short the
	 * scanning priority rises and the slab takes the rest.  Without a
	 * count of the slab (nr_slab_reclaimable 0) only the shortfall is
	 * looked for.
	 */
	if (freed && z->nr_slab_reclaimable)
		to_scan = (2 * freed * z->nr_slab_reclaimable + lru_pages) /
			  (lru_pages + 1);
	if (freed < nr)
		to_scan += 4 * (nr - freed);
	if (to_scan < SIM_SWAP_CLUSTER_MAX && freed < nr)
		to_scan = SIM_SWAP_CLUSTER_MAX;
	return freed + shrink_slab(s, z, to_scan);
}
