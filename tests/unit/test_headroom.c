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
#include <string.h>

#include "pagefail.h"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headroom),
		cmocka_unit_test(test_zone_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
