// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * headroom.c - how close the next atomic allocation is to failing: for a
 * zone as it stands, the number of allocations of an order that would
 * still succeed, one after another, before the zone fails the kernel's
 * watermark check (watermark.c); and the status of every zone of a system
 * (fragmentation indices of frag.c and that headroom) for status and top.
 */
#include <string.h>

#include "era.h"
#include "mm/mm.h"

/*
 * The alloc flags of a GFP_ATOMIC request, from the one
 * gfp_to_alloc_flags() (watermark.c), in interrupt context.  What the
 * flags of GFP_ATOMIC are is the same in every gfp layout of a watermark
 * era, so one layout of each era stands for all.
 */
unsigned int pf_atomic_alloc_flags(int era, int order)
{
	static const int layout[PF_WM_NR_ERAS] = {
		[PF_WM_2_6] = PF_GFP_2_6_24,
		[PF_WM_RHEL6] = PF_GFP_2_6_24,
		[PF_WM_4_4] = PF_GFP_4_4,
		[PF_WM_6_3] = PF_GFP_6_3,
	};
	int l;

	if (era <= PF_WM_UNKNOWN || era >= PF_WM_NR_ERAS)
		era = PF_WM_4_4;
	l = layout[era];
	/* ALLOC_CPUSET only limits which zones; the check does not read it */
	return pf_alloc_flags(pf_gfp_atomic(l), l, era, order,
			      PF_CALLER_INTERRUPT) &
	       ~PF_ALLOC_CPUSET;
}

/*
 * The zone after n allocations of order, each from the smallest usable
 * block that fits (__rmqueue_smallest()), the rest of a split block left
 * on the lower lists (expand()).  Taking chunks smallest first, all the
 * blocks below order K are used up and one block of order K is part
 * used; what is left of it sits on the lists below K as the binary digits
 * of the chunks it still holds.
 */
static void zone_after(const struct pf_zone *z, int order, unsigned long n,
		       const bool *usable, struct pf_zone *out)
{
	unsigned long left = n;

	*out = *z;
	out->free = z->free - (long)(n << order);
	for (int k = order; k < z->nr_orders && left; k++) {
		unsigned long per = 1UL << (k - order), have, used, rest;

		if (!usable[k] || !z->nr_free[k])
			continue;
		have = z->nr_free[k];
		if (left >= have * per) {
			left -= have * per;
			out->nr_free[k] = 0;
			continue;
		}
		used = (left + per - 1) / per; /* blocks broken into */
		rest = used * per - left; /* chunks still free in the last */
		out->nr_free[k] = have - used;
		for (int b = 0; b < k - order; b++) {
			char *mt = out->mt[order + b];
			size_t len = strlen(mt);

			if (!(rest & (1UL << b)))
				continue;
			out->nr_free[order + b]++;
			/* the piece keeps the usable type of the block it came from */
			if (out->has_mt && len && !strpbrk(mt, "UMER") &&
			    len + 1 < sizeof(out->mt[0])) {
				mt[len] = 'U';
				mt[len + 1] = '\0';
			}
		}
		left = 0;
	}
}

long pf_zone_headroom(const struct pf_zone *z, int order, unsigned int flags,
		      int classzone, int era)
{
	bool usable[PF_MAX_ORDER] = { false };
	unsigned long chunks = 0, lo, hi;
	struct pf_zone after;

	if (z->free < 0 || z->min < 0 || order < 0 || order >= PF_MAX_ORDER)
		return -1;
	if (!z->nr_orders)
		return -1;
	for (int k = order; k < z->nr_orders; k++) {
		usable[k] = pf_zone_order_usable(z, k, flags, era, NULL);
		if (usable[k])
			chunks += z->nr_free[k] << (k - order);
	}
	/*
	 * The n-th allocation succeeds when a chunk is left and the zone as
	 * the first n - 1 left it passes the check.  Both only get worse
	 * with n: find the first n that fails, by bisection.
	 */
	lo = 0;
	hi = chunks;
	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		zone_after(z, order, mid, usable, &after);
		if (pf_zone_watermark_ok(&after, order, z->min, classzone,
					 flags, era, NULL))
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo;
}

void pf_system_status(const struct pf_system *sys, struct pf_zone_status *st)
{
	struct pf_era e;
	int era, classzone;

	pf_era_init(&e, &sys->kernel, PF_GFP_UNKNOWN);
	era = e.wm_era;
	classzone =
		pf_zone_classzone(sys->zones, sys->nr_zones, PF_ZONE_NORMAL);

	for (int i = 0; i < sys->nr_zones; i++) {
		const struct pf_zone *z = &sys->zones[i];
		struct pf_zone_status *s = &st[i];

		memset(s, 0, sizeof(*s));
		s->nr_orders = z->nr_orders;
		for (int o = 0; o < z->nr_orders; o++) {
			s->unusable[o] =
				pf_unusable_index(z->nr_free, z->nr_orders, o);
			s->extfrag[o] =
				pf_extfrag_index(z->nr_free, z->nr_orders, o);
		}
		for (int o = 0; o < PF_HEADROOM_ORDERS; o++) {
			/* GFP_ATOMIC stops at ZONE_NORMAL; an empty zone serves none */
			if (z->type > PF_ZONE_NORMAL || z->managed == 0)
				s->headroom[o] = 0;
			else
				s->headroom[o] = pf_zone_headroom(
					z, o, pf_atomic_alloc_flags(era, o),
					classzone, era);
		}
	}
}
