/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zones.h - a zone built by hand for the tests of the lib/mm/ mechanisms
 * (the watermark check, the headroom, the watermark setup): the numbers a
 * test works its expected values from, and nothing else set.
 */
#ifndef PF_TEST_ZONES_H
#define PF_TEST_ZONES_H

#include <stdio.h>
#include <string.h>

#include "pagefail.h"

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

#endif
