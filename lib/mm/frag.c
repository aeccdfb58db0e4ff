// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * frag.c - the fragmentation indices of mm/vmstat.c, computed from the free
 * block counts of one zone exactly as the kernel computes them before it
 * prints them in /sys/kernel/debug/extfrag (integer thousandths).
 */
#include "libpagefail.h"

/* fill_contig_page_info(): what the free lists hold, seen from one order. */
void pf_contig_info(const unsigned long *nr_free, int nr_orders, int order,
		    struct pf_contig_info *info)
{
	info->free_pages = 0;
	info->free_blocks_total = 0;
	info->free_blocks_suitable = 0;
	if (nr_orders > PF_MAX_ORDER)
		nr_orders = PF_MAX_ORDER;
	for (int o = 0; o < nr_orders; o++) {
		unsigned long blocks = nr_free[o];

		info->free_blocks_total += blocks;
		info->free_pages += blocks << o;
		/* a block of order o > order holds 2^(o - order) suitable ones */
		if (o >= order)
			info->free_blocks_suitable += blocks << (o - order);
	}
}

/*
 * unusable_free_index(): the share (in 1/1000) of free memory that cannot
 * serve an allocation of this order.
 */
int pf_unusable_index(const unsigned long *nr_free, int nr_orders, int order)
{
	struct pf_contig_info info;

	pf_contig_info(nr_free, nr_orders, order, &info);
	if (!info.free_pages)
		return 1000;
	return (int)(((info.free_pages - (info.free_blocks_suitable << order)) *
		      1000UL) /
		     info.free_pages);
}

/*
 * __fragmentation_index(): towards 0 a failure at this order would be for
 * lack of memory, towards 1000 for fragmentation; -1000 when a suitable
 * block exists and the allocation would not fail.
 */
int pf_extfrag_index(const unsigned long *nr_free, int nr_orders, int order)
{
	unsigned long requested = 1UL << order;
	struct pf_contig_info info;

	pf_contig_info(nr_free, nr_orders, order, &info);
	if (!info.free_blocks_total)
		return 0;
	if (info.free_blocks_suitable)
		return -1000;
	return (int)(1000 - ((1000 + (info.free_pages * 1000 / requested)) /
			     info.free_blocks_total));
}

int pf_largest_free_order(const unsigned long *nr_free, int nr_orders)
{
	int largest = -1;

	if (nr_orders > PF_MAX_ORDER)
		nr_orders = PF_MAX_ORDER;
	for (int o = 0; o < nr_orders; o++)
		if (nr_free[o])
			largest = o;
	return largest;
}
