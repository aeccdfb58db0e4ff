// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * watermark.c - the kernel's watermark check, era by era: which alloc
 * flags the slow path gives a gfp mask (gfp_to_alloc_flags()), and whether
 * a zone passes __zone_watermark_ok() for an order with those flags.
 *
 * explain (a report's Mem-Info), status (a live system) and simulate (a
 * model zone) all ask this one file.  Each step names the kernel code it
 * mirrors; the facts are in shared/reference/kernel-facts.md section 3.
 */
#include <string.h>

#include "mm/mm.h"
#include "util/util.h"

/* clang-format off */
static const char *const era_names[PF_WM_NR_ERAS] = {
	[PF_WM_UNKNOWN] = "unknown", [PF_WM_2_6] = "2.6.18-4.3",
	[PF_WM_RHEL6] = "rhel6", [PF_WM_4_4] = "4.4-6.2", [PF_WM_6_3] = "6.3+",
};
/* clang-format on */

const char *pf_wm_era_name(int era)
{
	return pf_name_of(era_names, PF_WM_NR_ERAS, era, "unknown");
}

/* clang-format off */
static const char *const cause_names[PF_CAUSE_NR] = {
	[PF_CAUSE_OK] = "ok", [PF_CAUSE_BELOW_MIN] = "below_min",
	[PF_CAUSE_FRAGMENTATION] = "fragmentation",
	[PF_CAUSE_LOWMEM_RESERVE] = "lowmem_reserve",
	[PF_CAUSE_HIGHATOMIC] = "highatomic_reserved",
	[PF_CAUSE_NOT_ALLOWED] = "not_allowed", [PF_CAUSE_UNKNOWN] = "unknown",
};
/* clang-format on */

const char *pf_cause_name(int cause)
{
	return pf_name_of(cause_names, PF_CAUSE_NR, cause, "unknown");
}

int pf_cause_of_name(const char *name)
{
	return pf_name_index(cause_names, PF_CAUSE_NR, name);
}

/*
 * gfp_to_alloc_flags() of the slow path, whose last watermark check is the
 * one a printed failure failed.  ALLOC_WMARK_MIN is implied.
 */
unsigned int pf_alloc_flags(unsigned long gfp, int gfp_layout, int era,
			    int order, unsigned int caller)
{
	bool interrupt = caller & PF_CALLER_INTERRUPT;
	struct pf_gfp_caps caps;
	unsigned int flags = PF_ALLOC_CPUSET;
	bool nonblock;

	if (pf_gfp_caps(gfp, gfp_layout, &caps))
		return 0;

	/* ALLOC_HIGH / ALLOC_MIN_RESERVE is __GFP_HIGH copied over */
	if (caps.high)
		flags |= PF_ALLOC_HIGH;

	switch (era) {
	case PF_WM_6_3:
		/* no __GFP_DIRECT_RECLAIM: ALLOC_NON_BLOCK (+HIGHATOMIC) */
		if (!caps.direct_reclaim) {
			if (!caps.nomemalloc) {
				flags |= PF_ALLOC_HARDER;
				if (order > 0)
					flags |= PF_ALLOC_HIGHATOMIC;
			}
			if (flags & PF_ALLOC_HIGH)
				flags &= ~PF_ALLOC_CPUSET;
		} else if ((caller & PF_CALLER_RT) && !interrupt) {
			flags |= PF_ALLOC_HIGH;
		}
		break;
	case PF_WM_4_4:
		/* 4.4-6.2: the __GFP_ATOMIC bit, not "cannot sleep" */
		nonblock = caps.gfp_atomic;
		goto harder;
	default:
		/*
		 * 2.6.x: !__GFP_WAIT; 3.x: neither __GFP_WAIT nor
		 * __GFP_NO_KSWAPD (a THP allocation is not "atomic").
		 */
		nonblock = !caps.can_sleep && !caps.no_kswapd;
	harder:
		if (nonblock) {
			if (!caps.nomemalloc)
				flags |= PF_ALLOC_HARDER;
			flags &= ~PF_ALLOC_CPUSET;
		} else if ((caller & PF_CALLER_RT) && !interrupt) {
			flags |= PF_ALLOC_HARDER;
		}
		break;
	}

	/* ALLOC_CMA (3.x+): movable allocations may use CMA pageblocks */
	if (caps.movable && gfp_layout >= PF_GFP_3_10)
		flags |= PF_ALLOC_CMA;

	/*
	 * ALLOC_NO_WATERMARKS (gfp_to_alloc_flags() up to 4.18,
	 * __gfp_pfmemalloc_flags() after): __GFP_MEMALLOC, or a PF_MEMALLOC
	 * task (kswapd, direct reclaim) outside interrupt, unless
	 * __GFP_NOMEMALLOC.
	 */
	if (!caps.nomemalloc &&
	    (caps.memalloc || ((caller & PF_CALLER_MEMALLOC) && !interrupt)))
		flags |= PF_ALLOC_NO_WATERMARKS;
	return flags;
}

/*
 * May a caller with these alloc flags take MIGRATE_HIGHATOMIC blocks?
 * rmqueue() tries the highatomic lists for ALLOC_HARDER (4.4-6.2) or
 * ALLOC_HIGHATOMIC (6.3+) requests, and __zone_watermark_ok() of
 * 4.4-6.2 leaves the reserve out of the free count for the others;
 * ALLOC_OOM (4.16+) may use it in both.
 */
bool pf_alloc_highatomic_ok(unsigned int flags, int era)
{
	return era == PF_WM_6_3 ? (flags & (PF_ALLOC_HIGHATOMIC | PF_ALLOC_OOM))
				: (flags & (PF_ALLOC_HARDER | PF_ALLOC_OOM));
}

/*
 * The least the highatomic reserve of z can hold when its size was not
 * printed (before 5.10 show_free_areas() has no reserved_highatomic), or
 * -1.  reserve_highatomic_pageblock() (4.4-6.17) converts whole pageblocks,
 * adding pageblock_nr_pages to zone->nr_reserved_highatomic each time, and
 * only unreserve_highatomic_pageblock() takes them back out of the
 * MIGRATE_HIGHATOMIC lists; an 'H' among the buddy line's letters
 * (show_migration_types(), 4.4+) is a free block on such a list, so at
 * least one pageblock was reserved.  pageblock_order is HUGETLB_PAGE_ORDER,
 * 9 with 4 KiB pages on x86-64, arm64 and riscv, or MAX_ORDER - 1 (10 or
 * more) without huge pages: 512 pages is the floor for 4 KiB pages.  Other
 * page sizes (and s390's 1 MiB huge pages) have other pageblocks: no floor.
 */
long pf_zone_highatomic_floor(const struct pf_zone *z, int era)
{
	if (z->reserved_highatomic >= 0 || !z->has_mt || z->page_kb != 4 ||
	    (era != PF_WM_4_4 && era != PF_WM_6_3))
		return -1;
	for (int o = 0; o < z->nr_orders && o < PF_MAX_ORDER; o++)
		if (z->nr_free[o] && strchr(z->mt[o], 'H'))
			return 512;
	return -1;
}

/*
 * Do the free lists of order o hold a block this caller may take?  The
 * migratetypes come from the buddy line's letters; without them (2.6.x
 * printed none, /proc/buddyinfo has none) every block counts.  Sets
 * *only_highatomic when a highatomic block was there but not for it.
 */
bool pf_zone_order_usable(const struct pf_zone *z, int o, unsigned int flags,
			  int era, bool *only_highatomic)
{
	bool harder = pf_alloc_highatomic_ok(flags, era);

	if (!z->has_mt || !z->mt[o][0])
		return true;
	for (const char *mt = z->mt[o]; *mt; mt++) {
		switch (*mt) {
		case 'U': /* MIGRATE_PCPTYPES: always usable */
		case 'M':
		case 'E':
		case 'R': /* MIGRATE_RESERVE (before 4.4) */
			return true;
		case 'C':
			if (flags & PF_ALLOC_CMA)
				return true;
			break;
		case 'H':
			/*
			 * __rmqueue_fallback() never steals from
			 * MIGRATE_HIGHATOMIC, even without watermarks.
			 */
			if (harder)
				return true;
			if (only_highatomic)
				*only_highatomic = true;
			break;
		}
	}
	return false;
}

/* Can a free block of this order be taken from the lists the caller may use? */
static bool block_usable(const struct pf_zone *z, int o, unsigned int flags,
			 int era, bool *only_highatomic)
{
	return z->nr_free[o] &&
	       pf_zone_order_usable(z, o, flags, era, only_highatomic);
}

/* ALLOC_NO_WATERMARKS: only an empty free list can make it fail. */
static bool no_watermarks_ok(const struct pf_zone *z, int order,
			     unsigned int flags, int era, struct pf_wm_check *c)
{
	bool only_highatomic = false;

	for (int o = order; o < z->nr_orders; o++)
		if (block_usable(z, o, flags, era, &only_highatomic))
			return true;
	if (!z->nr_orders && z->free > 0) {
		c->cause = PF_CAUSE_UNKNOWN;
		return false;
	}
	if (only_highatomic) {
		c->cause = PF_CAUSE_HIGHATOMIC;
		/* every free page it has sits in those blocks */
		c->highatomic = z->free;
	} else
		c->cause = z->free >> order ? PF_CAUSE_FRAGMENTATION
					    : PF_CAUSE_BELOW_MIN;
	c->failed_order = order;
	return false;
}

/*
 * Is there a high-order part to judge, past the order-0 test?  Not for
 * order 0 (*passes: the order-0 test was all), nor without a buddy line
 * (it cannot be judged).
 */
static bool high_orders_to_judge(const struct pf_zone *z, int order,
				 struct pf_wm_check *c, bool *passes)
{
	*passes = !order;
	if (!order)
		return false;
	if (!z->nr_orders) {
		c->cause = PF_CAUSE_UNKNOWN;
		return false;
	}
	return true;
}

/*
 * The pre-4.4 high-order loop (2.6.18 .. 4.3; RHEL 6 with its own start and
 * halving): at each order below the request, the pages of that order stop
 * counting, and the mark (min) halves while o < halve_below.
 */
static bool order_loop_ok(const struct pf_zone *z, int order, long min,
			  int halve_below, long free_pages,
			  struct pf_wm_check *c)
{
	bool passes;

	if (!high_orders_to_judge(z, order, c, &passes))
		return passes;
	for (int o = 0; o < order; o++) {
		if (o < z->nr_orders)
			free_pages -= (long)(z->nr_free[o] << o);
		if (o < halve_below)
			min >>= 1;
		if (free_pages <= min) {
			c->cause = PF_CAUSE_FRAGMENTATION;
			c->failed_order = o + 1;
			c->order_free = free_pages;
			c->order_min = min;
			return false;
		}
	}
	return true;
}

/* The 4.4+ high-order test: a free block on a list the caller may use. */
static bool free_block_ok(const struct pf_zone *z, int order,
			  unsigned int flags, int era, struct pf_wm_check *c)
{
	bool only_highatomic = false, passes;

	if (!high_orders_to_judge(z, order, c, &passes))
		return passes;
	for (int o = order; o < z->nr_orders; o++)
		if (block_usable(z, o, flags, era, &only_highatomic))
			return true;
	c->cause =
		only_highatomic ? PF_CAUSE_HIGHATOMIC : PF_CAUSE_FRAGMENTATION;
	c->failed_order = order;
	return false;
}

/*
 * The order-0 test every era shares, once c->min (the mark less what the
 * alloc flags allow) and c->highatomic are set: the free pages less the
 * unusable ones, the highatomic reserve and, for a caller without
 * ALLOC_CMA, the free CMA pages, must stay above min plus
 * lowmem_reserve[classzone].  *free_pages is the count without CMA, from
 * which the pre-4.4 loop goes on (2.6.32 .. 4.3 take CMA out of the
 * order-0 test only).
 */
static bool order0_ok(const struct pf_zone *z, long unusable,
		      unsigned int flags, struct pf_wm_check *c,
		      long *free_pages)
{
	/* free CMA pages count only for ALLOC_CMA callers (3.x+) */
	if (!(flags & PF_ALLOC_CMA) && z->free_cma > 0)
		c->cma = z->free_cma;
	if (c->highatomic > z->free)
		c->highatomic = z->free;

	*free_pages = z->free - unusable - c->highatomic;
	c->usable = *free_pages - c->cma;
	c->margin = c->usable - (c->min + c->reserve);
	if (c->usable > c->min + c->reserve)
		return true;
	if (c->highatomic && c->usable + c->highatomic > c->min + c->reserve)
		c->cause = PF_CAUSE_HIGHATOMIC;
	else if (c->usable > c->min)
		c->cause = PF_CAUSE_LOWMEM_RESERVE;
	else
		c->cause = PF_CAUSE_BELOW_MIN;
	c->failed_order = 0;
	return false;
}

/*
 * The mark less what the alloc flags may take below it, up to 4.3 (and
 * RHEL 6): ALLOC_HIGH halves it, ALLOC_HARDER then takes a quarter off.
 */
static long min_2_6(long mark, unsigned int flags)
{
	if (flags & PF_ALLOC_HIGH)
		mark -= mark / 2;
	if (flags & PF_ALLOC_HARDER)
		mark -= mark / 4;
	return mark;
}

/*
 * __zone_watermark_ok() of 2.6.18 .. 4.3 (RHEL 5, RHEL 7; also the era
 * when none is known): "free_pages -= (1 << order) - 1", ALLOC_HIGH
 * halves min and ALLOC_HARDER takes a quarter off; then, order by order,
 * the pages too small for the request stop counting and min halves.
 */
static bool zone_watermark_ok_2_6(const struct pf_zone *z, int order, long mark,
				  unsigned int flags, struct pf_wm_check *c)
{
	long free_pages;

	c->min = min_2_6(mark, flags);
	return order0_ok(z, (1L << order) - 1, flags, c, &free_pages) &&
	       order_loop_ok(z, order, c->min, PF_MAX_ORDER, free_pages, c);
}

/*
 * __zone_watermark_ok() of RHEL 6 (2.6.32-*.el6): "free_pages -= (1 <<
 * order) + 1", and a loop that does "not require any high order page
 * under the min wmark": it starts from mark - min, with the alloc flags
 * applied again, and halves only while o < pageblock_order / 4 (9 >> 2).
 */
static bool zone_watermark_ok_rhel6(const struct pf_zone *z, int order,
				    long mark, unsigned int flags,
				    struct pf_wm_check *c)
{
	long free_pages, min;

	c->min = min_2_6(mark, flags);
	min = mark - (z->min > 0 ? z->min : 0);
	min = min_2_6(min < 0 ? 0 : min, flags);
	return order0_ok(z, (1L << order) + 1, flags, c, &free_pages) &&
	       order_loop_ok(z, order, min, 9 >> 2, free_pages, c);
}

/*
 * __zone_watermark_ok() of 4.4 .. 6.2: ALLOC_HIGH halves min; a caller
 * that may not use the highatomic reserve (not ALLOC_HARDER, not
 * ALLOC_OOM) does not count it, ALLOC_OOM (4.16+) halves min again and
 * ALLOC_HARDER takes a quarter off; any free block of the order or larger
 * on a list the caller may use passes the high orders.
 */
static bool zone_watermark_ok_4_4(const struct pf_zone *z, int order, long mark,
				  unsigned int flags, struct pf_wm_check *c)
{
	long free_pages;

	c->min = mark;
	if (flags & PF_ALLOC_HIGH)
		c->min -= c->min / 2;
	if (!pf_alloc_highatomic_ok(flags, PF_WM_4_4)) {
		/* only a "harder" caller may use the highatomic reserve */
		if (z->reserved_highatomic > 0)
			c->highatomic = z->reserved_highatomic;
	} else if (flags & PF_ALLOC_OOM) {
		c->min -= c->min / 2;
	} else if (flags & PF_ALLOC_HARDER) {
		c->min -= c->min / 4;
	}
	return order0_ok(z, (1L << order) - 1, flags, c, &free_pages) &&
	       free_block_ok(z, order, flags, PF_WM_4_4, c);
}

/*
 * __zone_watermark_ok() of 6.3+: __zone_watermark_unusable_free() leaves
 * the highatomic reserve out for a caller without ALLOC_RESERVES; with
 * them, ALLOC_MIN_RESERVE (our ALLOC_HIGH) halves min and ALLOC_NON_BLOCK
 * (ALLOC_HARDER) then takes a quarter off, ALLOC_OOM halves it; the high
 * orders as in 4.4.
 */
static bool zone_watermark_ok_6_3(const struct pf_zone *z, int order, long mark,
				  unsigned int flags, struct pf_wm_check *c)
{
	bool reserves = flags & (PF_ALLOC_HARDER | PF_ALLOC_HIGH |
				 PF_ALLOC_HIGHATOMIC | PF_ALLOC_OOM);
	long free_pages;

	c->min = mark;
	if (!reserves && z->reserved_highatomic > 0)
		c->highatomic = z->reserved_highatomic;
	if (reserves) {
		if (flags & PF_ALLOC_HIGH) {
			c->min -= c->min / 2;
			if (flags & PF_ALLOC_HARDER)
				c->min -= c->min / 4;
		}
		if (flags & PF_ALLOC_OOM)
			c->min -= c->min / 2;
	}
	return order0_ok(z, (1L << order) - 1, flags, c, &free_pages) &&
	       free_block_ok(z, order, flags, PF_WM_6_3, c);
}

bool pf_zone_watermark_ok(const struct pf_zone *z, int order, long mark,
			  int classzone, unsigned int flags, int era,
			  struct pf_wm_check *out)
{
	struct pf_wm_check tmp, *c = out ? out : &tmp;

	memset(c, 0, sizeof(*c));
	c->failed_order = -1;
	c->mark = mark;
	c->free = z->free;
	c->cause = PF_CAUSE_UNKNOWN;
	if (z->free < 0 || mark < 0 || order < 0 || order >= PF_MAX_ORDER)
		return false;

	if (classzone >= 0 && classzone < z->nr_lowmem_reserve)
		c->reserve = z->lowmem_reserve[classzone];

	if (flags & PF_ALLOC_NO_WATERMARKS) {
		c->usable = z->free;
		c->passes = no_watermarks_ok(z, order, flags, era, c);
	} else if (era == PF_WM_6_3) {
		c->passes = zone_watermark_ok_6_3(z, order, mark, flags, c);
	} else if (era == PF_WM_4_4) {
		c->passes = zone_watermark_ok_4_4(z, order, mark, flags, c);
	} else if (era == PF_WM_RHEL6) {
		c->passes = zone_watermark_ok_rhel6(z, order, mark, flags, c);
	} else {
		c->passes = zone_watermark_ok_2_6(z, order, mark, flags, c);
	}
	if (c->passes)
		c->cause = PF_CAUSE_OK;
	return c->passes;
}
