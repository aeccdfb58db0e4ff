// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_headroom.c - unit tests of the atomic headroom (lib/mm/headroom.c):
 * how many allocations of an order a zone still serves, one after another,
 * before the era's watermark check fails it; and the zone index and
 * classzone the check is given (lib/mm/zone.c), which the headroom of a
 * system takes its lowmem_reserve[] slot from.  Every expected number is
 * worked by hand in the comment above it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libpagefail.h"
#include "zones.h"

/*
 * Atomic headroom.  Order 0, 4.4: free 1000, min 400 cut to 150; the n-th
 * allocation passes while 1000 - n > 150: 850 of them.  Order 1, free
 * 136 = 100 + 10 x 2 + 2 x 8, min 40 cut to 15: 4.4 only needs a block
 * (10 order-1 blocks, then 2 x 4 chunks of the order-3 ones): 18.  The
 * pre-4.4 loop also wants the pages above order 0 to stay above 15 / 2:
 * 136 - 1 - 100 - 2n > 7 holds up to n = 13: 14.
 */
static void test_headroom(void **state)
{
	unsigned long nr0[11] = { 1000 };
	unsigned long nr1[11] = { 100, 10, 0, 2 };
	struct pf_zone z = mkzone(1000, 400, nr0, 11);
	unsigned int f = pf_atomic_alloc_flags(PF_WM_4_4, 0);

	(void)state;
	assert_int_equal(f, PF_ALLOC_HIGH | PF_ALLOC_HARDER);
	assert_int_equal(pf_atomic_alloc_flags(PF_WM_6_3, 1),
			 PF_ALLOC_HIGH | PF_ALLOC_HARDER | PF_ALLOC_HIGHATOMIC);
	assert_int_equal(pf_zone_headroom(&z, 0, f, 2, PF_WM_4_4), 850);
	/* no free block of order >= 1 at all */
	assert_int_equal(pf_zone_headroom(&z, 1, f, 2, PF_WM_4_4), 0);

	z = mkzone(136, 40, nr1, 11);
	assert_int_equal(pf_zone_headroom(&z, 1, f, 2, PF_WM_4_4), 18);
	assert_int_equal(pf_zone_headroom(&z, 1, f, 2, PF_WM_2_6), 14);
	/* order 3: 136 - 7 - 8n > 15 would allow 14, but there are 2 blocks */
	assert_int_equal(pf_zone_headroom(&z, 3, f, 2, PF_WM_4_4), 2);
	/* the highatomic blocks are not for GFP_KERNEL-like callers */
	z.has_mt = true;
	strcpy(z.mt[1], "H");
	strcpy(z.mt[3], "M");
	assert_int_equal(pf_zone_headroom(&z, 1, 0, 2, PF_WM_4_4), 8);
	assert_int_equal(pf_zone_headroom(&z, 1, f, 2, PF_WM_4_4), 18);
	/* unknown counts */
	z.free = -1;
	assert_int_equal(pf_zone_headroom(&z, 0, f, 2, PF_WM_4_4), -1);
}

/* enum index and classzone from the zones printed */
static void test_zone_index(void **state)
{
	struct pf_zone zs[4];
	const char *names[4] = { "DMA", "DMA32", "Normal", "Movable" };

	(void)state;
	for (int i = 0; i < 4; i++) {
		pf_zone_init(&zs[i]);
		snprintf(zs[i].name, sizeof(zs[i].name), "%s", names[i]);
		zs[i].type = pf_zone_type_of(names[i]);
	}
	assert_int_equal(pf_zone_enum_index(zs, 4, PF_ZONE_NORMAL), 2);
	assert_int_equal(pf_zone_enum_index(zs, 4, PF_ZONE_MOVABLE), 3);
	assert_int_equal(pf_zone_classzone(zs, 4, PF_ZONE_NORMAL), 2);
	/* i386: DMA, Normal, HighMem */
	zs[1].type = PF_ZONE_NORMAL;
	zs[2].type = PF_ZONE_HIGHMEM;
	assert_int_equal(pf_zone_enum_index(zs, 3, PF_ZONE_HIGHMEM), 2);
	/* GFP_HIGHUSER_MOVABLE on a kernel that printed no Movable zone */
	assert_int_equal(pf_zone_classzone(zs, 3, PF_ZONE_MOVABLE), 2);
	assert_int_equal(pf_zone_classzone(zs, 3, PF_ZONE_DMA), 0);
}

/*
 * gfp_to_alloc_flags() for GFP_ATOMIC, era by era: __GFP_HIGH gives
 * ALLOC_HIGH (ALLOC_MIN_RESERVE in 6.3+) and not sleeping ALLOC_HARDER
 * (ALLOC_NON_BLOCK); only 6.3+ adds ALLOC_HIGHATOMIC, and only above
 * order 0.
 */
static void test_atomic_flags(void **state)
{
	const unsigned int hh = PF_ALLOC_HIGH | PF_ALLOC_HARDER;
	static const int old_eras[] = { PF_WM_2_6, PF_WM_RHEL6, PF_WM_4_4 };

	(void)state;
	for (size_t i = 0; i < sizeof(old_eras) / sizeof(old_eras[0]); i++)
		for (int o = 0; o < PF_HEADROOM_ORDERS; o++)
			assert_int_equal(pf_atomic_alloc_flags(old_eras[i], o),
					 hh);
	assert_int_equal(pf_atomic_alloc_flags(PF_WM_6_3, 0), hh);
	for (int o = 1; o < PF_HEADROOM_ORDERS; o++)
		assert_int_equal(pf_atomic_alloc_flags(PF_WM_6_3, o),
				 hh | PF_ALLOC_HIGHATOMIC);
}

/* What cannot be worked out is -1, never a count */
static void test_headroom_unknown(void **state)
{
	unsigned long nr[11] = { 100 };
	unsigned int f = PF_ALLOC_HIGH | PF_ALLOC_HARDER;
	struct pf_zone z = mkzone(100, 40, nr, 11);

	(void)state;
	assert_int_equal(pf_zone_headroom(&z, -1, f, 2, PF_WM_4_4), -1);
	assert_int_equal(pf_zone_headroom(&z, PF_MAX_ORDER, f, 2, PF_WM_4_4),
			 -1);
	z.min = -1;
	assert_int_equal(pf_zone_headroom(&z, 0, f, 2, PF_WM_4_4), -1);
	/* a zone without a buddy line: free pages, but no blocks to count */
	z = mkzone(100, 40, NULL, 0);
	assert_int_equal(pf_zone_headroom(&z, 0, f, 2, PF_WM_4_4), -1);
}

/*
 * The pre-4.4 loops.  free 80 = 20 order-0 + 10 order-1 + 5 order-3
 * blocks, min 20, GFP_ATOMIC order 1 (HIGH, HARDER: min 20 - 10 - 2 = 8);
 * 30 order-1 chunks (10 + 5 x 4).  The m-th allocation leaves free 80 -
 * 2m, the 20 order-0 pages untouched.
 *   2.6.18-4.3: free - 1 > 8 while m <= 35; the loop drops order 0 and
 *   halves min: 80 - 2m - 1 - 20 > 4 while m <= 27: 28 succeed.
 *   RHEL 6: free - 3 > 8 while m <= 34; its loop starts at mark - min =
 *   0: 80 - 2m - 3 - 20 > 0 while m <= 28: 29 succeed.
 *   4.4: only a block of order >= 1 is asked for after free - 1 > 8: all
 *   30 chunks.
 */
static void test_headroom_eras(void **state)
{
	unsigned long nr[11] = { 20, 10, 0, 5 };
	struct pf_zone z = mkzone(80, 20, nr, 11);
	unsigned int f = PF_ALLOC_HIGH | PF_ALLOC_HARDER;

	(void)state;
	assert_int_equal(pf_zone_headroom(&z, 1, f, 2, PF_WM_2_6), 28);
	assert_int_equal(pf_zone_headroom(&z, 1, f, 2, PF_WM_RHEL6), 29);
	assert_int_equal(pf_zone_headroom(&z, 1, f, 2, PF_WM_4_4), 30);
}

/* GFP_ATOMIC's headroom in era, the lowmem_reserve[] slot 2 */
static long atomic_headroom(const struct pf_zone *z, int order, int era)
{
	return pf_zone_headroom(z, order, pf_atomic_alloc_flags(era, order), 2,
				era);
}

/*
 * The highatomic blocks in 6.3+: a GFP_ATOMIC request takes them only
 * above order 0 (ALLOC_HIGHATOMIC), while 4.4-6.2 gives any "harder"
 * caller them.  free 80 = 20 order-0 (U) + 10 order-1 (U) + 5 order-3
 * (H) blocks, min 80 cut to 40 - 10 = 30.
 *   order 0, 4.4: 80 chunks; 80 - m > 30 while m <= 49: 50.
 *   order 0, 6.3: the H blocks are not its: 20 + 20 chunks, all of which
 *   pass 80 - m > 30: 40.
 *   order 1, both: 30 chunks (10 + 5 x 4); 80 - 2m - 1 > 30 while m <=
 *   24: 25.
 */
static void test_headroom_highatomic(void **state)
{
	unsigned long nr[11] = { 20, 10, 0, 5 };
	struct pf_zone z = mkzone(80, 80, nr, 11);

	(void)state;
	z.has_mt = true;
	strcpy(z.mt[0], "U");
	strcpy(z.mt[1], "U");
	strcpy(z.mt[3], "H");
	assert_int_equal(atomic_headroom(&z, 0, PF_WM_4_4), 50);
	assert_int_equal(atomic_headroom(&z, 0, PF_WM_6_3), 40);
	assert_int_equal(atomic_headroom(&z, 1, PF_WM_4_4), 25);
	assert_int_equal(atomic_headroom(&z, 1, PF_WM_6_3), 25);
}

/*
 * pf_system_status(): the indices at every order and the GFP_ATOMIC
 * headroom at orders 0-3 of each zone, by the era of the system's kernel
 * (4.19: 4.4-6.2).  Normal: free 80 = {20, 10, 0, 5}, min 80 cut to 30.
 *   unusable: 0; 20 of 80 pages below order 1: 250; 40 below 2 and 3:
 *   500; all below 4: 1000.  extfrag -1000 to order 3; above, with 35
 *   blocks, 1000 - (1000 + 80000 / 2^o) / 35: order 4 1000 - 6000 / 35 =
 *   829, then 900 (3500 / 35), 936 (2250), 954 (1625), 963 (1312), 967
 *   (1156), 970 (1078 / 35 = 30) at order 10.
 *   headroom order 0: 80 - m > 30 to m = 49: 50; order 1: 30 chunks, 80 -
 *   2m - 1 > 30 to m = 24: 25; order 2: 10 chunks (two a order-3 block),
 *   80 - 4m - 3 > 30 to m = 11, but the blocks end at 10; order 3: 5.
 * Movable serves no GFP_ATOMIC request, and an empty zone none: 0.
 */
static void test_system_status(void **state)
{
	unsigned long nr[11] = { 20, 10, 0, 5 };
	struct pf_system *sys = calloc(1, sizeof(*sys));
	struct pf_zone_status st[3];
	static const int unusable[11] = { 0,	250,  500,  500,  1000, 1000,
					  1000, 1000, 1000, 1000, 1000 };
	static const int extfrag[11] = { -1000, -1000, -1000, -1000, 829, 900,
					 936,	954,   963,   967,   970 };
	static const long headroom[PF_HEADROOM_ORDERS] = { 50, 25, 10, 5 };

	(void)state;
	assert_non_null(sys);
	assert_int_equal(pf_kver_parse("4.19.0", &sys->kernel), 0);
	sys->nr_zones = 3;
	sys->zones[0] = mkzone(80, 80, nr, 11);
	sys->zones[1] = mkzone(80, 80, nr, 11);
	snprintf(sys->zones[1].name, sizeof(sys->zones[1].name), "Movable");
	sys->zones[1].type = PF_ZONE_MOVABLE;
	sys->zones[2] = mkzone(80, 80, nr, 11);
	sys->zones[2].managed = 0;
	pf_system_status(sys, st);
	assert_int_equal(st[0].nr_orders, 11);
	for (int o = 0; o < 11; o++) {
		assert_int_equal(st[0].unusable[o], unusable[o]);
		assert_int_equal(st[0].extfrag[o], extfrag[o]);
	}
	for (int o = 0; o < PF_HEADROOM_ORDERS; o++) {
		assert_int_equal(st[0].headroom[o], headroom[o]);
		assert_int_equal(st[1].headroom[o], 0);
		assert_int_equal(st[2].headroom[o], 0);
	}
	/* the indices are of the lists, whatever the zone */
	assert_int_equal(st[1].unusable[1], 250);
	free(sys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headroom),
		cmocka_unit_test(test_zone_index),
		cmocka_unit_test(test_atomic_flags),
		cmocka_unit_test(test_headroom_unknown),
		cmocka_unit_test(test_headroom_eras),
		cmocka_unit_test(test_headroom_highatomic),
		cmocka_unit_test(test_system_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
