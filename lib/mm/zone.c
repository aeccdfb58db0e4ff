// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * zone.c - the zone model shared by reports, /proc snapshots and the
 * simulator: one struct pf_zone per (node, zone), counts in pages.
 */
#include <string.h>

#include "libpagefail.h"
#include "util/util.h"

void pf_zone_init(struct pf_zone *z)
{
	memset(z, 0, sizeof(*z));
	z->page_kb = 4;
	z->free = z->boost = z->min = z->low = z->high = -1;
	z->reserved_highatomic = z->present = z->managed = z->free_cma = -1;
	z->nr_lowmem_reserve = -1;
	for (int i = 0; i < PF_LRU_NR; i++)
		z->lru[i] = -1;
	z->buddy_total_kb = -1;
	z->type = PF_ZONE_OTHER;
}

_Static_assert(PF_LRU_NR == sizeof(((struct pf_zone *)0)->lru) / sizeof(long),
	       "struct pf_zone.lru[] has a slot for each enum pf_lru");

long pf_zone_lru_pages(const struct pf_zone *z)
{
	long sum = -1;

	for (int i = 0; i < PF_LRU_NR; i++)
		if (z->lru[i] >= 0)
			sum = (sum < 0 ? 0 : sum) + z->lru[i];
	return sum;
}

int pf_zone_type_of(const char *name)
{
	/* zone_names[] of mm/page_alloc.c */
	static const char *const names[PF_ZONE_NR_TYPES] = {
		[PF_ZONE_DMA] = "DMA",	       [PF_ZONE_DMA32] = "DMA32",
		[PF_ZONE_NORMAL] = "Normal",   [PF_ZONE_HIGHMEM] = "HighMem",
		[PF_ZONE_MOVABLE] = "Movable", [PF_ZONE_DEVICE] = "Device",
	};
	int i = pf_name_index(names, PF_ZONE_NR_TYPES, name);

	return i < 0 ? PF_ZONE_OTHER : i;
}

unsigned long pf_zone_buddy_pages(const struct pf_zone *z)
{
	unsigned long pages = 0;

	for (int o = 0; o < z->nr_orders && o < PF_MAX_ORDER; o++)
		pages += z->nr_free[o] << o;
	return pages;
}

/*
 * The zone enum of a kernel holds only the types it was built with, in a
 * fixed order; every populated type is printed, so the types printed below
 * a zone count its index.
 */
int pf_zone_enum_index(const struct pf_zone *zones, int nr_zones, int type)
{
	bool seen[PF_ZONE_NR_TYPES] = { false };
	int idx = 0;

	for (int i = 0; i < nr_zones; i++)
		if (zones[i].type >= 0 && zones[i].type < PF_ZONE_NR_TYPES)
			seen[zones[i].type] = true;
	for (int t = 0; t < type && t < PF_ZONE_OTHER; t++)
		idx += seen[t];
	return idx;
}

int pf_zone_classzone(const struct pf_zone *zones, int nr_zones, int type)
{
	int best = -1;

	for (int i = 0; i < nr_zones; i++) {
		const struct pf_zone *z = &zones[i];

		if (z->type <= type && z->type < PF_ZONE_OTHER) {
			int idx = pf_zone_enum_index(zones, nr_zones, z->type);

			if (idx > best)
				best = idx;
		}
	}
	return best;
}
