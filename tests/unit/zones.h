/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zones.h - a zone built by hand for the tests of the lib/mm/ mechanisms
 * (the watermark check, the headroom, the watermark setup): the numbers a
 * test works its expected values from, and nothing else set; and two
 * zones compared field by field.
 */
#ifndef PF_TEST_ZONES_H
#define PF_TEST_ZONES_H

#include <stdio.h>
#include <string.h>

#include "libpagefail.h"

/*
 * A Normal zone with free pages, min watermark and counts per order (nr
 * may be NULL when nr_orders is 0); low and high the pre-4.6 min + min/4
 * and min + min/2, 100000 pages, a lowmem_reserve[] of three zeros.
 */
static inline struct pf_zone mkzone(long free, long min,
				    const unsigned long *nr, int nr_orders)
{
	struct pf_zone z;

	pf_zone_init(&z);
	snprintf(z.name, sizeof(z.name), "Normal");
	z.type = PF_ZONE_NORMAL;
	z.free = free;
	z.min = min;
	z.low = min + min / 4;
	z.high = min + min / 2;
	z.managed = z.present = 100000;
	z.nr_lowmem_reserve = 3;
	memset(z.lowmem_reserve, 0, sizeof(z.lowmem_reserve));
	z.nr_orders = nr_orders;
	for (int o = 0; o < nr_orders; o++)
		z.nr_free[o] = nr[o];
	return z;
}

/* mkzone() with the counts of orders 0 to 10 (x86's MAX_ORDER) in place */
#define MKZONE(free, min, ...)                                                 \
	mkzone(free, min, (const unsigned long[11]){ __VA_ARGS__ }, 11)

/*
 * Every field of two zones the same (cmocka: include it first): the free
 * counts and letters at every order, not only below nr_orders.
 */
static inline void assert_zones_equal(const struct pf_zone *a,
				      const struct pf_zone *b)
{
	if (a->node != b->node || strcmp(a->name, b->name))
		fail_msg("zone %s of node %d, not %s of node %d", a->name,
			 a->node, b->name, b->node);
	assert_int_equal(a->node_printed, b->node_printed);
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->page_kb, b->page_kb);
	assert_int_equal(a->free, b->free);
	assert_int_equal(a->boost, b->boost);
	assert_int_equal(a->min, b->min);
	assert_int_equal(a->low, b->low);
	assert_int_equal(a->high, b->high);
	assert_int_equal(a->reserved_highatomic, b->reserved_highatomic);
	assert_int_equal(a->present, b->present);
	assert_int_equal(a->managed, b->managed);
	assert_int_equal(a->free_cma, b->free_cma);
	assert_int_equal(a->nr_lowmem_reserve, b->nr_lowmem_reserve);
	for (int i = 0; i < a->nr_lowmem_reserve; i++)
		assert_int_equal(a->lowmem_reserve[i], b->lowmem_reserve[i]);
	assert_int_equal(a->nr_orders, b->nr_orders);
	assert_memory_equal(a->nr_free, b->nr_free, sizeof(a->nr_free));
	assert_int_equal(a->has_mt, b->has_mt);
	for (int o = 0; o < PF_MAX_ORDER; o++)
		assert_string_equal(a->mt[o], b->mt[o]);
	assert_int_equal(a->buddy_total_kb, b->buddy_total_kb);
}

#endif
