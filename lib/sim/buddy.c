// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * buddy.c - the zoned buddy allocator of the simulator: free lists per
 * order and migratetype, pageblock migratetypes, __rmqueue() with the
 * fallbacks[] table and pageblock stealing, __free_one_page() with buddy
 * merging, the highatomic reserve, the LRU lists, and the invariant check.
 *
 * Every function names the mm/page_alloc.c code it mirrors.  A free block
 * is known by its first page (the buddy head): owner SIM_FREE, SIM_PG_HEAD
 * set, order its order, and mt the free list it sits on (which may differ
 * from its pageblock's type, as in the kernel after a single-page steal).
 * The other pages of a free block have owner SIM_FREE and no flags.  An
 * allocated block's head has no SIM_PG_HEAD until sim_set_owner() gives
 * it one with an owner, so it never looks like a free buddy.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define PB_NR	   (1UL << SIM_PAGEBLOCK_ORDER) /* pageblock_nr_pages */
#define PB_OF(pfn) ((pfn) >> SIM_PAGEBLOCK_ORDER)

/*
 * fallbacks[] of mm/page_alloc.c (2.6.24+): the types a request of each
 * pcp type falls back to, in order.  HIGHATOMIC, CMA and ISOLATE blocks
 * are never taken this way.
 */
static const uint8_t fallbacks[3][2] = {
	[SIM_MT_UNMOVABLE] = { SIM_MT_RECLAIMABLE, SIM_MT_MOVABLE },
	[SIM_MT_RECLAIMABLE] = { SIM_MT_UNMOVABLE, SIM_MT_MOVABLE },
	[SIM_MT_MOVABLE] = { SIM_MT_RECLAIMABLE, SIM_MT_UNMOVABLE },
};

/* ---- intrusive lists of page indexes ------------------------------------ */

/* __list_add(): pfn between prev and next, SIM_NONE standing for an end of l. */
static inline void list_insert(struct sim_page *pages, struct sim_list *l,
			       uint32_t pfn, uint32_t prev, uint32_t next)
{
	struct sim_page *p = &pages[pfn];

	p->prev = prev;
	p->next = next;
	if (prev != SIM_NONE)
		pages[prev].next = pfn;
	else
		l->head = pfn;
	if (next != SIM_NONE)
		pages[next].prev = pfn;
	else
		l->tail = pfn;
	l->nr++;
}

static inline void list_add_head(struct sim_page *pages, struct sim_list *l,
				 uint32_t pfn)
{
	list_insert(pages, l, pfn, SIM_NONE, l->head);
}

static inline void list_add_tail(struct sim_page *pages, struct sim_list *l,
				 uint32_t pfn)
{
	list_insert(pages, l, pfn, l->tail, SIM_NONE);
}

static inline void list_unlink(struct sim_page *pages, struct sim_list *l,
			       uint32_t pfn)
{
	struct sim_page *p = &pages[pfn];

	if (p->prev != SIM_NONE)
		pages[p->prev].next = p->next;
	else
		l->head = p->next;
	if (p->next != SIM_NONE)
		pages[p->next].prev = p->prev;
	else
		l->tail = p->prev;
	p->next = p->prev = SIM_NONE;
	l->nr--;
}

static inline void list_init(struct sim_list *l)
{
	l->head = l->tail = SIM_NONE;
	l->nr = 0;
}

/* ---- free blocks --------------------------------------------------------- */

/* PageBuddy(): the head of a free block (its order is p->order) */
static inline bool is_free_head(const struct sim_page *p)
{
	return (p->flags & SIM_PG_HEAD) && p->owner == SIM_FREE;
}

/*
 * show_migration_types(): a letter for each type whose list of order o
 * holds a block, in the 4.4+ enum order; the bytes after them all NUL.
 */
static void mt_letters(const struct sim_zone *z, int o, char out[PF_MT_LETTERS])
{
	static const char letters[SIM_MT_NR] = "UMEHI";
	char *s = out;

	memset(out, 0, PF_MT_LETTERS);
	if (z->zone.nr_free[o])
		for (int mt = 0; mt < SIM_MT_NR; mt++)
			if (z->free_list[o][mt].nr)
				*s++ = letters[mt];
}

/*
 * The letters of each set of non-empty lists (bit mt of the index: list
 * mt holds a block), so that a list emptied or filled costs one store.
 */
/* clang-format off */
static const char mt_str[1 << SIM_MT_NR][PF_MT_LETTERS] = {
	"", "U", "M", "UM", "E", "UE", "ME", "UME",
	"H", "UH", "MH", "UMH", "EH", "UEH", "MEH", "UMEH",
	"I", "UI", "MI", "UMI", "EI", "UEI", "MEI", "UMEI",
	"HI", "UHI", "MHI", "UMHI", "EHI", "UEHI", "MEHI", "UMEHI",
};
/* clang-format on */
_Static_assert(SIM_MT_NR == 5, "mt_str[] is written for five list types");

/*
 * show_migration_types(): the letters of order o in z->zone.mt[o], one
 * for each migratetype whose list of that order holds a block.  Whoever
 * empties list (o, mt), or adds to it when empty, calls it (nonempty:
 * what the list is now): pf_zone_order_usable() reads them.
 */
static void sim_zone_mt_update(struct sim_zone *z, int o, int mt, bool nonempty)
{
	if (nonempty)
		z->mt_mask[o] |= (uint8_t)(1U << mt);
	else
		z->mt_mask[o] &= (uint8_t) ~(1U << mt);
	/* all of mt[o], so that no letter of before is left past the NUL */
	memcpy(z->zone.mt[o], mt_str[z->mt_mask[o]], PF_MT_LETTERS);
}

/* add_to_free_area() / add_to_free_area_tail() */
static inline void add_free(struct sim_zone *z, uint32_t pfn, int order, int mt,
			    bool tail)
{
	struct sim_page *p = &z->pages[pfn];
	struct sim_list *l = &z->free_list[order][mt];

	p->flags = SIM_PG_HEAD;
	p->owner = SIM_FREE;
	p->order = (uint8_t)order;
	p->mt = (uint8_t)mt;
	if (tail)
		list_add_tail(z->pages, l, pfn);
	else
		list_add_head(z->pages, l, pfn);
	z->zone.nr_free[order]++;
	if (order < SIM_PAGEBLOCK_ORDER)
		z->pb_free[PB_OF(pfn)] += (uint16_t)(1U << order);
	/* a letter more for this order */
	if (l->nr == 1)
		sim_zone_mt_update(z, order, mt, true);
}

/*
 * The first block of the untouched run leaves its place on the list: the
 * next one is written into that place, as it always stood next to it.
 */
static void run_advance(struct sim_zone *z, struct sim_list *l)
{
	uint32_t pfn = z->run_pfn, next = pfn + (uint32_t)SIM_RUN_NR;
	struct sim_page *q;

	z->run_pfn = next;
	if (next >= z->run_end) {
		z->run_pfn = z->run_end = 0;
		return;
	}
	q = &z->pages[next];
	q->flags = SIM_PG_HEAD;
	q->owner = SIM_FREE;
	q->order = SIM_MAX_ORDER - 1;
	q->mt = SIM_MT_MOVABLE;
	list_insert(z->pages, l, next, pfn, z->pages[pfn].next);
	l->nr--; /* counted since boot */
}

/* del_page_from_free_area(): the head stays SIM_FREE, no longer a head */
static inline void del_free(struct sim_zone *z, uint32_t pfn)
{
	struct sim_page *p = &z->pages[pfn];
	struct sim_list *l = &z->free_list[p->order][p->mt];

	if (pfn == z->run_pfn && z->run_end)
		run_advance(z, l);
	list_unlink(z->pages, l, pfn);
	z->zone.nr_free[p->order]--;
	if (p->order < SIM_PAGEBLOCK_ORDER)
		z->pb_free[PB_OF(pfn)] -= (uint16_t)(1U << p->order);
	/* a letter less */
	if (!l->nr)
		sim_zone_mt_update(z, p->order, p->mt, false);
	p->flags = 0;
}

/* ---- zone setup ---------------------------------------------------------- */

/*
 * The pf_zone of a new zone as the analysis reads it: counts in pages,
 * every one known (0 until the engine sets the watermarks and
 * lowmem_reserve[]), the node printed, letters for every order.
 */
static void zone_view_init(struct pf_zone *v, const char *name, int node,
			   unsigned long nr_pages)
{
	pf_zone_init(v);
	snprintf(v->name, sizeof(v->name), "%s", name ? name : "Normal");
	v->type = pf_zone_type_of(v->name);
	v->node = node;
	v->node_printed = true;
	v->page_kb = 4;
	v->free = v->boost = v->min = v->low = v->high = 0;
	v->reserved_highatomic = v->free_cma = 0;
	v->present = v->managed = (long)nr_pages;
	v->nr_lowmem_reserve = SIM_MAX_ZONES;
	v->nr_orders = SIM_MAX_ORDER;
	v->has_mt = true;
}

static int pb_count_init(struct sim_pb_count *c, unsigned long nr_pb)
{
	unsigned long words = (nr_pb + 63) / 64;

	c->nr = calloc(nr_pb, sizeof(*c->nr));
	c->any = calloc(words, sizeof(*c->any));
	c->sum = calloc((words + 63) / 64, sizeof(*c->sum));
	return c->nr && c->any && c->sum ? 0 : -ENOMEM;
}

static void pb_count_release(struct sim_pb_count *c)
{
	free(c->nr);
	free(c->any);
	free(c->sum);
	c->nr = NULL;
	c->any = c->sum = NULL;
}

/* the first set bit of map at or after bit, or nbits when there is none */
static unsigned long next_bit(const uint64_t *map, unsigned long bit,
			      unsigned long nbits)
{
	unsigned long w = bit / 64, nw = (nbits + 63) / 64;
	uint64_t bits;

	if (bit >= nbits)
		return nbits;
	bits = map[w] & (~0ULL << (bit % 64));
	while (!bits) {
		if (++w >= nw)
			return nbits;
		bits = map[w];
	}
	bit = w * 64 + (unsigned long)__builtin_ctzll(bits);
	return bit < nbits ? bit : nbits;
}

unsigned long sim_pb_next(const struct sim_pb_count *c, unsigned long pb,
			  unsigned long nr_pb)
{
	unsigned long words = (nr_pb + 63) / 64, w;

	if (pb >= nr_pb)
		return nr_pb;
	/* the bits of pb's own word from pb on, then the next word not zero */
	if (c->any[pb / 64] & (~0ULL << (pb % 64)))
		return next_bit(c->any, pb, nr_pb);
	w = next_bit(c->sum, pb / 64 + 1, words);
	return w < words ? next_bit(c->any, w * 64, nr_pb) : nr_pb;
}

int sim_zone_init(struct sim_zone *z, const char *name, int node,
		  unsigned long nr_pages, bool mobility)
{
	unsigned long nr_pb, pfn;

	memset(z, 0, sizeof(*z));
	if (!nr_pages || nr_pages >= SIM_NONE)
		return -EINVAL;
	nr_pb = (nr_pages + PB_NR - 1) >> SIM_PAGEBLOCK_ORDER;
	z->pages = calloc(nr_pages, sizeof(*z->pages));
	z->pageblock_mt = malloc(nr_pb);
	z->pb_free = calloc(nr_pb, sizeof(*z->pb_free));
	if (!z->pages || !z->pageblock_mt || !z->pb_free ||
	    pb_count_init(&z->pb_anon, nr_pb) ||
	    pb_count_init(&z->pb_slab_reclaimable, nr_pb)) {
		sim_zone_release(z);
		return -ENOMEM;
	}
	zone_view_init(&z->zone, name, node, nr_pages);
	z->nr_pages = nr_pages;
	z->mobility = mobility;
	/* memmap_init_zone(): every pageblock starts MIGRATE_MOVABLE */
	memset(z->pageblock_mt, SIM_MT_MOVABLE, nr_pb);
	for (int o = 0; o < SIM_MAX_ORDER; o++)
		for (int mt = 0; mt < SIM_MT_NR; mt++)
			list_init(&z->free_list[o][mt]);
	list_init(&z->lru_file);
	list_init(&z->lru_anon);
	/*
	 * memblock_free_all(): the zone's pages as the largest aligned
	 * blocks that fit, lowest pfn first at the head of each list; those
	 * of the largest order are the untouched run, written one by one as
	 * they are taken.  The links of a page are written when it goes on
	 * a list, and read only while it is on one.
	 */
	pfn = nr_pages & ~(SIM_RUN_NR - 1);
	if (pfn > SIM_RUN_NR) {
		struct sim_list *l =
			&z->free_list[SIM_MAX_ORDER - 1][SIM_MT_MOVABLE];

		add_free(z, 0, SIM_MAX_ORDER - 1, SIM_MT_MOVABLE, true);
		l->nr += pfn / SIM_RUN_NR - 1;
		z->zone.nr_free[SIM_MAX_ORDER - 1] = l->nr;
		z->run_pfn = 0;
		z->run_end = (uint32_t)pfn;
	} else {
		pfn = 0;
	}
	while (pfn < nr_pages) {
		int o = SIM_MAX_ORDER - 1;

		while (o && ((pfn & ((1UL << o) - 1)) ||
			     pfn + (1UL << o) > nr_pages))
			o--;
		add_free(z, (uint32_t)pfn, o, SIM_MT_MOVABLE, true);
		pfn += 1UL << o;
	}
	z->zone.free = (long)nr_pages;
	/* compaction's cached scanners: zone start and last pageblock */
	z->migrate_pfn = 0;
	z->free_pfn = (nr_pages - 1) & ~(PB_NR - 1);
	return 0;
}

void sim_zone_release(struct sim_zone *z)
{
	free(z->pages);
	free(z->pageblock_mt);
	free(z->pb_free);
	pb_count_release(&z->pb_anon);
	pb_count_release(&z->pb_slab_reclaimable);
	z->pages = NULL;
	z->pageblock_mt = NULL;
	z->pb_free = NULL;
	z->nr_pages = 0;
}

/* ---- allocation ---------------------------------------------------------- */

/*
 * expand(): the upper halves of a block of order high split down to low go
 * back on the lists of mt, each at the head.
 */
static inline void expand(struct sim_zone *z, uint32_t pfn, int low, int high,
			  int mt)
{
	while (high > low) {
		high--;
		add_free(z, pfn + (1U << high), high, mt, false);
	}
}

/* __rmqueue_smallest(): the first block of the smallest order that fits */
static inline uint32_t rmqueue_smallest(struct sim_zone *z, int order, int mt)
{
	for (int o = order; o < SIM_MAX_ORDER; o++) {
		uint32_t pfn = z->free_list[o][mt].head;

		if (pfn == SIM_NONE)
			continue;
		del_free(z, pfn);
		expand(z, pfn, order, o, mt);
		return pfn;
	}
	return SIM_NONE;
}

/*
 * move_freepages_block(): every free block of pfn's pageblock onto the
 * lists of mt; returns the free pages moved and counts in *movable the
 * allocated pages that are movable.  The last pageblock of a zone whose
 * size is no multiple of a pageblock is taken as far as the zone goes.
 */
static unsigned long move_freepages_block(struct sim_zone *z, uint32_t pfn,
					  int mt, unsigned long *movable)
{
	unsigned long start = pfn & ~(PB_NR - 1), end = start + PB_NR;
	unsigned long moved = 0, nmov = 0, p;

	if (end > z->nr_pages)
		end = z->nr_pages;
	for (p = start; p < end;) {
		struct sim_page *pg = &z->pages[p];

		if (!is_free_head(pg)) {
			if (pg->owner != SIM_FREE && pg->mt == SIM_MT_MOVABLE)
				nmov++;
			p++;
			continue;
		}
		del_free(z, (uint32_t)p);
		add_free(z, (uint32_t)p, pg->order, mt, false);
		moved += 1UL << pg->order;
		p += 1UL << pg->order;
	}
	if (movable)
		*movable = nmov;
	return moved;
}

static inline bool pb_fixed(int mt)
{
	return mt == SIM_MT_HIGHATOMIC || mt == SIM_MT_ISOLATE;
}

/* can_steal_fallback() (4.x) */
static inline bool can_steal_fallback(int order, int start_mt)
{
	return order >= SIM_PAGEBLOCK_ORDER / 2 ||
	       start_mt == SIM_MT_RECLAIMABLE || start_mt == SIM_MT_UNMOVABLE;
}

/*
 * steal_suitable_fallback() (4.13+): a block of pageblock order or more
 * takes over its pageblocks; a smaller one, when whole_block, drags the
 * free pages of its pageblock along and claims the pageblock when at
 * least half of it is free or alike; otherwise only the block itself
 * moves to the lists of start_mt.
 */
static void steal_suitable_fallback(struct sim_zone *z, uint32_t pfn,
				    int start_mt, bool whole_block,
				    struct sim_stats *st)
{
	int order = z->pages[pfn].order;
	int old = z->pageblock_mt[PB_OF(pfn)];
	unsigned long nr_free, movable, alike;

	if (old == SIM_MT_HIGHATOMIC || old == SIM_MT_ISOLATE)
		goto single_page;
	if (order >= SIM_PAGEBLOCK_ORDER) {
		/* change_pageblock_range() */
		unsigned long pb = PB_OF(pfn);
		unsigned long n = 1UL << (order - SIM_PAGEBLOCK_ORDER);

		for (; n; n--, pb++) {
			if (pb_fixed(z->pageblock_mt[pb]) ||
			    z->pageblock_mt[pb] == start_mt)
				continue;
			z->pageblock_mt[pb] = (uint8_t)start_mt;
			if (st)
				st->steals++;
		}
		goto single_page;
	}
	if (!whole_block)
		goto single_page;
	nr_free = move_freepages_block(z, pfn, start_mt, &movable);
	if (start_mt == SIM_MT_MOVABLE)
		alike = movable;
	else if (old == SIM_MT_MOVABLE)
		alike = PB_NR - (nr_free + movable);
	else
		alike = 0;
	if (nr_free + alike >= PB_NR / 2 && old != start_mt) {
		z->pageblock_mt[PB_OF(pfn)] = (uint8_t)start_mt;
		if (st)
			st->steals++;
	}
	return;

single_page:
	del_free(z, pfn);
	add_free(z, pfn, order, start_mt, false);
}

/*
 * __rmqueue_fallback(): the largest free block of a type fallbacks[]
 * allows, searched from the highest order down, stolen onto start_mt's
 * lists.  Returns false when there is none.
 */
static bool rmqueue_fallback(struct sim_zone *z, int order, int start_mt,
			     struct sim_stats *st)
{
	for (int o = SIM_MAX_ORDER - 1; o >= order; o--) {
		if (!z->zone.nr_free[o])
			continue;
		for (int i = 0; i < 2; i++) {
			int fmt = fallbacks[start_mt][i];
			uint32_t pfn = z->free_list[o][fmt].head;

			if (pfn == SIM_NONE)
				continue;
			steal_suitable_fallback(z, pfn, start_mt,
						can_steal_fallback(o, start_mt),
						st);
			/*
			 * boost_watermark() (5.0+): a fallback below pageblock
			 * order fragments; kswapd is to reclaim a pageblock more
			 */
			if (o < SIM_PAGEBLOCK_ORDER && z->boost_max > 0) {
				z->zone.boost += (long)PB_NR;
				if (z->zone.boost > z->boost_max)
					z->zone.boost = z->boost_max;
			}
			return true;
		}
	}
	return false;
}

uint32_t sim_rmqueue(struct sim_zone *z, int order, int mt, bool highatomic,
		     struct sim_stats *st)
{
	uint32_t pfn = SIM_NONE, n;
	int lmt = mt;

	if (order < 0 || order >= SIM_MAX_ORDER || mt < 0 ||
	    mt >= SIM_MT_HIGHATOMIC || !z->pages)
		return SIM_NONE;
	/* before 2.6.24 there was one free list per order */
	if (!z->mobility)
		lmt = SIM_MT_MOVABLE;
	else if (highatomic)
		pfn = rmqueue_smallest(z, order, SIM_MT_HIGHATOMIC);
	if (pfn == SIM_NONE)
		pfn = rmqueue_smallest(z, order, lmt);
	if (pfn == SIM_NONE && z->mobility &&
	    rmqueue_fallback(z, order, lmt, st))
		pfn = rmqueue_smallest(z, order, lmt);
	if (pfn == SIM_NONE)
		return SIM_NONE;

	n = 1U << order;
	z->pages[pfn].order = (uint8_t)order;
	for (uint32_t i = 0; i < n; i++)
		z->pages[pfn + i].mt = (uint8_t)mt;
	z->zone.free -= (long)n;
	if (st)
		st->page_ops += n;
	return pfn;
}

/* The zone's counts of slab and network pages, as NR_SLAB_* counts. */
static void count_add(unsigned long *c, long pages)
{
	*c = pages < 0 && (unsigned long)-pages > *c
		     ? 0
		     : (unsigned long)((long)*c + pages);
}

/*
 * pages pages from pfn on change to or from owner (negative: from): the
 * zone's counts, and those of each pageblock they lie in.
 */
static void count_owner(struct sim_zone *z, uint32_t pfn, int owner, long pages)
{
	struct sim_pb_count *c = sim_pb_owned(z, owner);

	if (c) {
		unsigned long n = (unsigned long)labs(pages), end = pfn + n;

		for (unsigned long i = pfn; i < end;) {
			unsigned long pb = PB_OF(i);
			unsigned long next = (pb + 1) << SIM_PAGEBLOCK_ORDER;
			unsigned long in = (next < end ? next : end) - i;

			c->nr[pb] = (uint16_t)(pages < 0 ? c->nr[pb] - in
							 : c->nr[pb] + in);
			if (c->nr[pb])
				c->any[pb / 64] |= 1ULL << (pb % 64);
			else
				c->any[pb / 64] &= ~(1ULL << (pb % 64));
			if (c->any[pb / 64])
				c->sum[pb / 4096] |= 1ULL << (pb / 64 % 64);
			else
				c->sum[pb / 4096] &= ~(1ULL << (pb / 64 % 64));
			i += in;
		}
	}
	switch (owner) {
	case SIM_SLAB_RECLAIMABLE:
		count_add(&z->nr_slab_reclaimable, pages);
		break;
	case SIM_SLAB:
		count_add(&z->nr_slab, pages);
		break;
	case SIM_NET:
		count_add(&z->nr_net, pages);
		break;
	}
}

/* ---- freeing ------------------------------------------------------------- */

void sim_free_block(struct sim_zone *z, uint32_t pfn, int order,
		    struct sim_stats *st)
{
	uint32_t n, i, buddy;
	int mt, o = order;
	bool tail = false;

	if (order < 0 || order >= SIM_MAX_ORDER || !z->pages ||
	    pfn >= z->nr_pages || z->nr_pages - pfn < (1UL << order) ||
	    (pfn & ((1U << order) - 1)))
		return;
	/* a block already free: refuse the double free */
	if (is_free_head(&z->pages[pfn]))
		return;
	n = 1U << order;
	count_owner(z, pfn, z->pages[pfn].owner, -(long)n);
	for (i = 0; i < n; i++) {
		struct sim_page *p = &z->pages[pfn + i];

		if (p->flags & SIM_PG_LRU)
			sim_lru_del(z, pfn + i);
		p->owner = SIM_FREE;
		p->flags = 0;
	}
	z->zone.free += (long)n;
	if (st)
		st->page_ops += n;

	/* get_pageblock_migratetype() of the freed page */
	mt = z->pageblock_mt[PB_OF(pfn)];
	while (o < SIM_MAX_ORDER - 1) {
		struct sim_page *b;

		buddy = pfn ^ (1U << o);
		if (buddy >= z->nr_pages)
			break;
		b = &z->pages[buddy];
		if (!is_free_head(b) || b->order != o)
			break;
		/* no merging of an isolated pageblock with another one */
		if (o >= SIM_PAGEBLOCK_ORDER) {
			int bmt = z->pageblock_mt[PB_OF(buddy)];

			if (bmt != mt &&
			    (bmt == SIM_MT_ISOLATE || mt == SIM_MT_ISOLATE))
				break;
		}
		del_free(z, buddy);
		pfn &= buddy;
		o++;
	}
	/*
	 * The tail when the next larger buddy is free: this block will
	 * likely merge soon, so others are taken first (3.x+).
	 */
	if (o < SIM_MAX_ORDER - 2) {
		uint32_t hb = (pfn & ~(1U << o)) ^ (1U << (o + 1));

		if (hb < z->nr_pages && is_free_head(&z->pages[hb]) &&
		    z->pages[hb].order == o + 1)
			tail = true;
	}
	add_free(z, pfn, o, mt, tail);
}

/* __free_pages(): a block back to its zone, counted as a free of the run */
void sim_free(struct sim *s, int zone, uint32_t pfn, int order)
{
	sim_free_block(&s->zones[zone], pfn, order, &s->st);
	s->st.frees++;
}

void sim_isolate_free_block(struct sim_zone *z, uint32_t pfn)
{
	struct sim_page *p = &z->pages[pfn];

	z->zone.free -= 1L << p->order;
	del_free(z, pfn);
	/* split_page(): no head left among them */
	p->order = 0;
}

void sim_set_owner(struct sim_zone *z, uint32_t pfn, int order, int owner)
{
	uint32_t n = 1U << order;

	if (order < 0 || order >= SIM_MAX_ORDER || pfn >= z->nr_pages ||
	    z->nr_pages - pfn < n)
		return;
	count_owner(z, pfn, z->pages[pfn].owner, -(long)n);
	count_owner(z, pfn, owner, (long)n);
	for (uint32_t i = 0; i < n; i++) {
		struct sim_page *p = &z->pages[pfn + i];

		p->owner = (uint8_t)owner;
		p->flags &= SIM_PG_LRU;
	}
	z->pages[pfn].order = (uint8_t)order;
	/* a head without an owner would look like a free buddy */
	if (owner != SIM_FREE)
		z->pages[pfn].flags |= SIM_PG_HEAD;
}

/*
 * reserve_highatomic_pageblock() (4.4): up to 1% of the zone plus one
 * pageblock; the pageblock turns MIGRATE_HIGHATOMIC with its free pages.
 */
void sim_reserve_highatomic(struct sim_zone *z, uint32_t pfn)
{
	long max = (long)(z->nr_pages / 100 + PB_NR);
	int mt;

	if (!z->mobility || pfn >= z->nr_pages ||
	    z->zone.reserved_highatomic >= max)
		return;
	mt = z->pageblock_mt[PB_OF(pfn)];
	if (pb_fixed(mt))
		return;
	z->zone.reserved_highatomic += PB_NR;
	z->pageblock_mt[PB_OF(pfn)] = SIM_MT_HIGHATOMIC;
	move_freepages_block(z, pfn, SIM_MT_HIGHATOMIC, NULL);
}

/*
 * unreserve_highatomic_pageblock(): a request that is failing gets the
 * reserve back, one pageblock at a time: the first highatomic pageblock
 * that holds free pages becomes mt again.  Returns true when one was.
 */
bool sim_unreserve_highatomic(struct sim_zone *z, int mt)
{
	for (int o = 0; o < SIM_MAX_ORDER; o++) {
		uint32_t pfn = z->free_list[o][SIM_MT_HIGHATOMIC].head;

		if (pfn == SIM_NONE)
			continue;
		z->pageblock_mt[PB_OF(pfn)] = (uint8_t)mt;
		move_freepages_block(z, pfn, mt, NULL);
		z->zone.reserved_highatomic -= (long)PB_NR;
		if (z->zone.reserved_highatomic < 0)
			z->zone.reserved_highatomic = 0;
		return true;
	}
	return false;
}

/* ---- what the analysis sees ---------------------------------------------- */

void sim_zone_view(const struct sim_zone *z, struct pf_zone *out)
{
	unsigned long total = 0;

	memcpy(out, &z->zone, sizeof(*out));
	for (int o = 0; o < SIM_MAX_ORDER; o++)
		total += z->zone.nr_free[o] << o;
	out->buddy_total_kb = (long)(total * 4);
}

unsigned long sim_zone_pageblocks_free(const struct sim_zone *z)
{
	unsigned long n = 0;

	for (int o = SIM_PAGEBLOCK_ORDER; o < SIM_MAX_ORDER; o++)
		n += z->zone.nr_free[o] << (o - SIM_PAGEBLOCK_ORDER);
	return n;
}

/* ---- the LRU ------------------------------------------------------------- */

static struct sim_list *lru_of(struct sim_zone *z, int owner)
{
	switch (owner) {
	case SIM_FILE:
	case SIM_FILE_DIRTY:
		return &z->lru_file;
	case SIM_ANON:
		return &z->lru_anon;
	default:
		return NULL;
	}
}

/*
 * The LRU list of pfn's owner, when pfn is (on) or is not (!on) on it
 * now; NULL otherwise, or when its owner has none.
 */
static struct sim_list *lru_page(struct sim_zone *z, uint32_t pfn, bool on)
{
	struct sim_page *p;
	struct sim_list *l;

	if (pfn >= z->nr_pages)
		return NULL;
	p = &z->pages[pfn];
	l = lru_of(z, p->owner);
	if (!l || !(p->flags & SIM_PG_LRU) == on)
		return NULL;
	return l;
}

void sim_lru_add(struct sim_zone *z, uint32_t pfn)
{
	struct sim_list *l = lru_page(z, pfn, false);

	if (!l)
		return;
	list_add_tail(z->pages, l, pfn);
	z->pages[pfn].flags |= SIM_PG_LRU;
}

void sim_lru_del(struct sim_zone *z, uint32_t pfn)
{
	struct sim_list *l = lru_page(z, pfn, true);

	if (!l)
		return;
	list_unlink(z->pages, l, pfn);
	z->pages[pfn].flags &= ~SIM_PG_LRU;
}

/* ---- the invariants ---------------------------------------------------- */

static const char *const mt_names[SIM_MT_NR] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate",
};

/* What the checks share: the zone, a map of the free pages, the message. */
struct check {
	const struct sim_zone *z;
	uint8_t *cover; /* 1: head of a listed free block, 2: inside */
	char *msg;
	size_t len;
};

static int __attribute__((format(printf, 2, 3)))
bad(struct check *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (c->msg && c->len) {
		n = snprintf(c->msg, c->len, "zone %s: ", c->z->zone.name);
		if (n >= 0 && (size_t)n < c->len) {
			va_start(ap, fmt);
			vsnprintf(c->msg + n, c->len - (size_t)n, fmt, ap);
			va_end(ap);
		}
	}
	return -EUCLEAN;
}

/*
 * Walk one list both ways; returns its length, or -1 when broken, or -2
 * when lru is 0 or 1 and a page is not what the file or anon LRU holds
 * (one walk: on a large zone each step is a cache miss).
 */
static long walk_list(const struct sim_zone *z, const struct sim_list *l,
		      int lru, uint32_t *where)
{
	uint32_t pfn = l->head, prev = SIM_NONE;
	unsigned long n = 0;

	while (pfn != SIM_NONE) {
		const struct sim_page *p;

		*where = pfn;
		if (pfn >= z->nr_pages || n >= z->nr_pages)
			return -1;
		p = &z->pages[pfn];
		if (p->prev != prev)
			return -1;
		if (lru >= 0 && (!(p->flags & SIM_PG_LRU) ||
				 (lru ? p->owner != SIM_ANON
				      : p->owner != SIM_FILE &&
						  p->owner != SIM_FILE_DIRTY)))
			return -2;
		prev = pfn;
		pfn = z->pages[pfn].next;
		n++;
	}
	if (l->tail != prev) {
		*where = l->tail;
		return -1;
	}
	return (long)n;
}

/* Pageblock types, and the highatomic reserve they add up to. */
static int check_pageblocks(struct check *c)
{
	const struct sim_zone *z = c->z;
	unsigned long nr_pb = sim_nr_pageblocks(z);
	unsigned long hpb = 0;

	for (unsigned long pb = 0; pb < nr_pb; pb++) {
		int mt = z->pageblock_mt[pb];

		if (mt >= SIM_MT_NR)
			return bad(c, "pageblock %lu has migratetype %d", pb,
				   mt);
		if (mt == SIM_MT_HIGHATOMIC)
			hpb++;
		if (!z->mobility && mt != SIM_MT_MOVABLE &&
		    mt != SIM_MT_ISOLATE)
			return bad(c, "pageblock %lu is %s without mobility",
				   pb, mt_names[mt]);
	}
	if (z->zone.reserved_highatomic != (long)(hpb * PB_NR))
		return bad(
			c,
			"nr_reserved_highatomic %ld, %lu highatomic pageblocks",
			z->zone.reserved_highatomic, hpb);
	return 0;
}

/* One free block of list (o, mt): a free head, aligned, all its own. */
static int check_free_block(struct check *c, uint32_t pfn, int o, int mt)
{
	const struct sim_zone *z = c->z;
	const struct sim_page *p = &z->pages[pfn];
	uint32_t sz = 1U << o;

	if (pfn & (sz - 1))
		return bad(c, "free block pfn %u order %d not aligned", pfn, o);
	if (z->nr_pages - pfn < sz)
		return bad(c, "free block pfn %u order %d past the zone end",
			   pfn, o);
	if (!is_free_head(p) || p->flags != SIM_PG_HEAD || p->order != o ||
	    p->mt != mt)
		return bad(
			c,
			"pfn %u on the order %d %s list is no such free head (owner %u flags %#x order %u mt %u)",
			pfn, o, mt_names[mt], p->owner, p->flags, p->order,
			p->mt);
	for (uint32_t i = 0; i < sz; i++) {
		const struct sim_page *q = &z->pages[pfn + i];

		if (c->cover[pfn + i])
			return bad(
				c,
				"pfn %u of free block %u order %d is in another free block or on two lists",
				pfn + i, pfn, o);
		c->cover[pfn + i] = i ? 2 : 1;
		if (i && (q->owner != SIM_FREE || q->flags))
			return bad(
				c,
				"pfn %u inside free block %u order %d is in use (owner %u flags %#x)",
				pfn + i, pfn, o, q->owner, q->flags);
	}
	return 0;
}

/* The free lists, nr_free[] and NR_FREE_PAGES agree. */
static int check_free_lists(struct check *c)
{
	const struct sim_zone *z = c->z;
	unsigned long total = 0;
	uint32_t where = 0;
	int err;

	for (int o = 0; o < SIM_MAX_ORDER; o++) {
		unsigned long sum = 0;

		for (int mt = 0; mt < SIM_MT_NR; mt++) {
			const struct sim_list *l = &z->free_list[o][mt];
			long n = walk_list(z, l, -1, &where);

			if (n < 0)
				return bad(
					c,
					"free list order %d %s broken at pfn %u",
					o, mt_names[mt], where);
			/* the untouched run: one on the list for them all */
			if (z->run_end && o == SIM_MAX_ORDER - 1 &&
			    mt == SIM_MT_MOVABLE)
				n += (long)((z->run_end - z->run_pfn) /
					    SIM_RUN_NR) -
				     1;
			if ((unsigned long)n != l->nr)
				return bad(
					c,
					"free list order %d %s holds %ld blocks, nr %lu",
					o, mt_names[mt], n, l->nr);
			if (!z->mobility && n && mt != SIM_MT_MOVABLE &&
			    mt != SIM_MT_ISOLATE)
				return bad(
					c,
					"%s free list in use without mobility",
					mt_names[mt]);
			for (uint32_t pfn = l->head; pfn != SIM_NONE;
			     pfn = z->pages[pfn].next) {
				err = check_free_block(c, pfn, o, mt);
				if (err)
					return err;
			}
			sum += l->nr;
		}
		if (sum != z->zone.nr_free[o])
			return bad(c, "nr_free[%d] %lu, lists hold %lu", o,
				   z->zone.nr_free[o], sum);
		total += z->zone.nr_free[o] << o;
	}
	if (total != (unsigned long)z->zone.free)
		return bad(c, "NR_FREE_PAGES %lu, free lists hold %lu pages",
			   (unsigned long)z->zone.free, total);
	return 0;
}

/*
 * The zone's pf_zone: what setup fixed (letters kept, every order and
 * lowmem_reserve[] column there, present = managed = nr_pages) as it was,
 * and the migratetype letters of every order those of the lists.
 */
static int check_zone_view(struct check *c)
{
	const struct pf_zone *v = &c->z->zone;

	if (!v->has_mt || v->nr_orders != SIM_MAX_ORDER ||
	    v->nr_lowmem_reserve != SIM_MAX_ZONES ||
	    v->present != (long)c->z->nr_pages || v->managed != v->present)
		return bad(
			c,
			"pf_zone has_mt %d nr_orders %d nr_lowmem_reserve %d present %ld managed %ld",
			v->has_mt, v->nr_orders, v->nr_lowmem_reserve,
			v->present, v->managed);
	/* after check_free_lists(): nr_free[] is what the lists hold */
	for (int o = 0; o < SIM_MAX_ORDER; o++) {
		char want[PF_MT_LETTERS];

		mt_letters(c->z, o, want);
		if (memcmp(v->mt[o], want, sizeof(want)))
			return bad(
				c,
				"order %d migratetype letters \"%.*s\", the lists say \"%s\"",
				o, PF_MT_LETTERS, v->mt[o], want);
	}
	return 0;
}

/* Could __free_one_page() have merged these two free buddies? */
static bool mergeable(const struct sim_zone *z, unsigned long pfn,
		      unsigned long b, int o)
{
	int a = z->pageblock_mt[PB_OF(pfn)], d = z->pageblock_mt[PB_OF(b)];

	if (o < SIM_PAGEBLOCK_ORDER || a == d)
		return true;
	return a != SIM_MT_ISOLATE && d != SIM_MT_ISOLATE;
}

/* Every page: a valid owner, no stray free head, no unmerged buddies. */
static int check_pages(struct check *c, unsigned long *lru_flags)
{
	const struct sim_zone *z = c->z;
	unsigned int anon = 0, slab = 0, fr = 0;

	*lru_flags = 0;
	if (z->run_end &&
	    (z->run_pfn % SIM_RUN_NR || z->run_end % SIM_RUN_NR ||
	     z->run_end > z->nr_pages || c->cover[z->run_pfn] != 1 ||
	     z->pages[z->run_pfn].order != SIM_MAX_ORDER - 1 ||
	     z->pages[z->run_pfn].mt != SIM_MT_MOVABLE))
		return bad(c, "the untouched run %u-%u has no first block",
			   z->run_pfn, z->run_end);
	for (unsigned long pfn = 0; pfn < z->nr_pages; pfn++) {
		const struct sim_page *p = &z->pages[pfn];
		unsigned long b;

		/* past the run's first block: free, and nothing counted */
		if (sim_run_head(z, pfn)) {
			for (b = PB_OF(pfn); b < PB_OF(z->run_end); b++)
				if (z->pb_anon.nr[b] ||
				    z->pb_slab_reclaimable.nr[b] ||
				    z->pb_free[b] ||
				    z->pageblock_mt[b] != SIM_MT_MOVABLE)
					return bad(c,
						   "untouched pageblock %lu "
						   "counted or not movable",
						   b);
			pfn = z->run_end - 1;
			continue;
		}

		if (p->owner >= SIM_OWNER_NR)
			return bad(c, "pfn %lu has owner %u", pfn, p->owner);
		anon += p->owner == SIM_ANON;
		slab += p->owner == SIM_SLAB_RECLAIMABLE;
		if (is_free_head(p) && p->order < SIM_PAGEBLOCK_ORDER)
			fr += 1U << p->order;
		/* the pageblock's last page: its counts are all seen */
		if ((pfn + 1) % PB_NR == 0 || pfn + 1 == z->nr_pages) {
			unsigned long pb = PB_OF(pfn);

			bool a = z->pb_anon.any[pb / 64] >> (pb % 64) & 1;
			bool s = z->pb_slab_reclaimable.any[pb / 64] >>
					 (pb % 64) &
				 1;

			if (z->pb_anon.nr[pb] != anon ||
			    z->pb_slab_reclaimable.nr[pb] != slab ||
			    a != !!anon || s != !!slab || z->pb_free[pb] != fr)
				return bad(c,
					   "pageblock %lu counts %u anon, %u "
					   "slab, %u small free pages, holds "
					   "%u, %u, %u",
					   pb, z->pb_anon.nr[pb],
					   z->pb_slab_reclaimable.nr[pb],
					   z->pb_free[pb], anon, slab, fr);
			anon = slab = fr = 0;
		}
		if (is_free_head(p) && c->cover[pfn] != 1)
			return bad(c,
				   "free head pfn %lu order %u on no free list",
				   pfn, p->order);
		if (p->flags & SIM_PG_LRU)
			(*lru_flags)++;
		if (c->cover[pfn] != 1 || p->order >= SIM_MAX_ORDER - 1)
			continue;
		b = pfn ^ (1UL << p->order);
		if (b > pfn && b < z->nr_pages && c->cover[b] == 1 &&
		    z->pages[b].order == p->order &&
		    mergeable(z, pfn, b, p->order))
			return bad(
				c,
				"free buddies %lu and %lu of order %u not merged",
				pfn, b, p->order);
	}
	return 0;
}

/* Each summary bit of the pageblock bitmaps says whether its word is set. */
static int check_pb_sums(struct check *c)
{
	const struct sim_zone *z = c->z;

	for (unsigned long w = 0; w < (sim_nr_pageblocks(z) + 63) / 64; w++) {
		bool a = z->pb_anon.sum[w / 64] >> (w % 64) & 1;
		bool s = z->pb_slab_reclaimable.sum[w / 64] >> (w % 64) & 1;

		if (a != !!z->pb_anon.any[w] ||
		    s != !!z->pb_slab_reclaimable.any[w])
			return bad(c, "pageblock word %lu summed wrong", w);
	}
	return 0;
}

/* The LRUs: whole lists of pages in use, of the right owners. */
static int check_lrus(struct check *c, unsigned long lru_flags)
{
	const struct sim_zone *z = c->z;
	uint32_t where = 0;

	for (int k = 0; k < 2; k++) {
		const struct sim_list *l = k ? &z->lru_anon : &z->lru_file;
		const char *what = k ? "anon" : "file";
		long n = walk_list(z, l, k, &where);

		if (n == -1)
			return bad(c, "%s LRU broken at pfn %u", what, where);
		/* a free page too: its owner is SIM_FREE */
		if (n == -2)
			return bad(c,
				   "pfn %u on the %s LRU (owner %u flags %#x)",
				   where, what, z->pages[where].owner,
				   z->pages[where].flags);
		if ((unsigned long)n != l->nr)
			return bad(c, "%s LRU holds %ld pages, nr %lu", what, n,
				   l->nr);
	}
	if (lru_flags != z->lru_file.nr + z->lru_anon.nr)
		return bad(c, "%lu pages flagged LRU, the LRUs hold %lu",
			   lru_flags, z->lru_file.nr + z->lru_anon.nr);
	return 0;
}

int sim_zone_check(const struct sim_zone *z, char *msg, size_t len)
{
	struct check c = { .z = z, .msg = msg, .len = len };
	unsigned long lru_flags = 0;
	int err;

	if (msg && len)
		msg[0] = '\0';
	if (!z->pages || !z->pageblock_mt || !z->nr_pages)
		return bad(&c, "no pages");
	c.cover = calloc(z->nr_pages, 1);
	if (!c.cover)
		return -ENOMEM;
	err = check_pageblocks(&c);
	if (!err)
		err = check_free_lists(&c);
	if (!err)
		err = check_zone_view(&c);
	if (!err)
		err = check_pages(&c, &lru_flags);
	if (!err)
		err = check_pb_sums(&c);
	if (!err)
		err = check_lrus(&c, lru_flags);
	free(c.cover);
	return err;
}
