// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_frag.c - unit tests of the fragmentation indices (lib/mm/frag.c),
 * which mirror fill_contig_page_info(), unusable_free_index() and
 * __fragmentation_index() of mm/vmstat.c.  Every expected number is
 * worked by hand from those formulas (shared/reference/kernel-facts.md
 * section 5) in the comment above it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "libpagefail.h"

/* fill_contig_page_info() of nr (nr_orders orders) seen from order */
static void check_contig(const unsigned long *nr, int nr_orders, int order,
			 unsigned long free_pages, unsigned long total,
			 unsigned long suitable)
{
	struct pf_contig_info info;

	pf_contig_info(nr, nr_orders, order, &info);
	assert_int_equal(info.free_pages, free_pages);
	assert_int_equal(info.free_blocks_total, total);
	assert_int_equal(info.free_blocks_suitable, suitable);
}

/*
 * mm/vmstat.c formulas.  nr_free {100, 0, 0, 1}: free_pages 108, 101
 * blocks.  Order 1: 4 suitable blocks, unusable (108 - 8) * 1000 / 108 =
 * 925, extfrag -1000.  Order 4: none suitable, unusable 1000, extfrag
 * 1000 - (1000 + 108000 / 16) / 101 = 1000 - 7750 / 101 = 924.
 */
static void test_frag(void **state)
{
	unsigned long nr[11] = { 100, 0, 0, 1 };
	unsigned long none[11] = { 0 };
	(void)state;
	check_contig(nr, 11, 1, 108, 101, 4);
	assert_int_equal(pf_unusable_index(nr, 11, 0), 0);
	assert_int_equal(pf_unusable_index(nr, 11, 1), 925);
	assert_int_equal(pf_extfrag_index(nr, 11, 1), -1000);
	assert_int_equal(pf_unusable_index(nr, 11, 4), 1000);
	assert_int_equal(pf_extfrag_index(nr, 11, 4), 924);
	assert_int_equal(pf_unusable_index(none, 11, 2), 1000);
	assert_int_equal(pf_extfrag_index(none, 11, 2), 0);
	assert_int_equal(pf_largest_free_order(nr, 11), 3);
	assert_int_equal(pf_largest_free_order(none, 11), -1);
}

/*
 * Nothing free: fill_contig_page_info() finds no page, so
 * unusable_free_index() says 1000 (none of it is usable) and
 * __fragmentation_index() 0 (free_blocks_total 0: a failure would be for
 * lack of memory), at every order, and no order has a free block.
 */
static void test_nothing_free(void **state)
{
	unsigned long none[PF_MAX_ORDER] = { 0 };
	(void)state;
	for (int o = 0; o < 11; o++) {
		check_contig(none, 11, o, 0, 0, 0);
		assert_int_equal(pf_unusable_index(none, 11, o), 1000);
		assert_int_equal(pf_extfrag_index(none, 11, o), 0);
	}
	/* no orders at all (a zone without a buddy line) is the same */
	assert_int_equal(pf_unusable_index(none, 0, 0), 1000);
	assert_int_equal(pf_extfrag_index(none, 0, 0), 0);
	assert_int_equal(pf_largest_free_order(none, 0), -1);
}

/*
 * An order that can be served: __fragmentation_index() does not apply
 * and says -1000 whenever free_blocks_suitable > 0, however little is
 * suitable.  nr_free {7, 0, 0, 0, 1}: free_pages 7 + 16 = 23, 8 blocks.
 * Order 0: suitable 7 + 16 = 23, unusable (23 - 23) * 1000 / 23 = 0.
 * Order 2: suitable 1 << 2 = 4 (the order-4 block holds four order-2
 * blocks), unusable (23 - (4 << 2)) * 1000 / 23 = 7000 / 23 = 304.
 * Orders 1 and 4 (suitable 8 and 1): 304 again, the seven order-0 pages
 * being all that cannot serve them.
 */
static void test_order_servable(void **state)
{
	unsigned long nr[11] = { 7, 0, 0, 0, 1 };
	(void)state;
	check_contig(nr, 11, 2, 23, 8, 4);
	check_contig(nr, 11, 4, 23, 8, 1);
	for (int o = 0; o <= 4; o++)
		assert_int_equal(pf_extfrag_index(nr, 11, o), -1000);
	assert_int_equal(pf_unusable_index(nr, 11, 0), 0);
	assert_int_equal(pf_unusable_index(nr, 11, 1), 304);
	assert_int_equal(pf_unusable_index(nr, 11, 2), 304);
	assert_int_equal(pf_unusable_index(nr, 11, 4), 304);
	assert_int_equal(pf_largest_free_order(nr, 11), 4);
}

/*
 * A requested order above every block: nothing suitable, so the unusable
 * index is 1000, and the extfrag index is 1000 - (1000 + free_pages *
 * 1000 / 2^order) / free_blocks_total, the inner division first, both
 * truncating.  nr_free {4, 2, 1}: free_pages 4 + 4 + 4 = 12, 7 blocks.
 *   order 3:  12000 / 8 = 1500,     2500 / 7 = 357, 1000 - 357 = 643
 *   order 5:  12000 / 32 = 375,     1375 / 7 = 196, 1000 - 196 = 804
 *   order 10: 12000 / 1024 = 11,    1011 / 7 = 144, 1000 - 144 = 856
 * (in real numbers order 10 would be 1000 - 1011.72 / 7 = 855.47: the
 * kernel's integer steps give 856).  The order just above the largest
 * block, 3, is the first that cannot be served.
 */
static void test_order_above_blocks(void **state)
{
	unsigned long nr[11] = { 4, 2, 1 };
	(void)state;
	check_contig(nr, 11, 3, 12, 7, 0);
	assert_int_equal(pf_extfrag_index(nr, 11, 2), -1000);
	assert_int_equal(pf_extfrag_index(nr, 11, 3), 643);
	assert_int_equal(pf_extfrag_index(nr, 11, 5), 804);
	assert_int_equal(pf_extfrag_index(nr, 11, 10), 856);
	for (int o = 3; o <= 10; o++)
		assert_int_equal(pf_unusable_index(nr, 11, o), 1000);
	/* order 2: the order-2 block serves it; 8 pages below it of 12 */
	assert_int_equal(pf_unusable_index(nr, 11, 2), 666);
}

/*
 * The formula is not clamped to 0..1000, in the kernel either: with one
 * free block, order 0, an order-1 request gives 1000 - (1000 + 1000 / 2)
 * / 1 = -500 (debugfs would print it as "0.-500").  Two order-0 blocks:
 * 1000 - (1000 + 2000 / 2) / 2 = 0.
 */
static void test_extfrag_few_blocks(void **state)
{
	unsigned long one[11] = { 1 };
	unsigned long two[11] = { 2 };

	(void)state;
	assert_int_equal(pf_extfrag_index(one, 11, 1), -500);
	assert_int_equal(pf_extfrag_index(two, 11, 1), 0);
	assert_int_equal(pf_unusable_index(one, 11, 1), 1000);
}

/*
 * Only PF_MAX_ORDER orders are read, whatever nr_orders says: a count
 * past them (no kernel has that many orders) is not free memory.
 */
static void test_orders_past_max(void **state)
{
	unsigned long nr[PF_MAX_ORDER + 4] = { 2 };
	(void)state;
	nr[PF_MAX_ORDER + 1] = 5;
	check_contig(nr, PF_MAX_ORDER + 4, 0, 2, 2, 2);
	assert_int_equal(pf_largest_free_order(nr, PF_MAX_ORDER + 4), 0);
}

/*
 * What a real kernel printed: tests/fixtures/system/debian12-live (6.18,
 * one consistent snapshot), its proc/buddyinfo and the
 * sys/kernel/debug/extfrag/unusable_index and extfrag_index it printed
 * beside them, copied here in thousandths.  test_fidelity.c reads those
 * files themselves; here the values are worked by hand too.
 *
 * Normal: free_pages = 1895 + 540*2 + 220*4 + 236*8 + 314*16 + 251*32 +
 * 601*64 + 338*128 + 223*256 + 96*512 + 330*1024 = 544687 (zoneinfo's
 * "pages free").  At order o the unusable pages are those in blocks below
 * o (1895, 2975, 3855, 5743, 10767, 18799, 57263, 100527, 157615, 206767
 * for o = 1 .. 10), times 1000 / 544687: 3, 5, 7, 10, 19, 34, 105, 184,
 * 289, 379.  DMA: 256 + 512 + 3*1024 = 3840 pages; order 9 leaves 256
 * unusable (66), order 10 768 (200).  DMA32: 772808 pages, 1736 below
 * order 9 (2) and 2760 below order 10 (3).  Every zone has order-10
 * blocks free: extfrag -1000 (printed "-1.000") at every order.
 */
static void test_debugfs_fixture(void **state)
{
	/* clang-format off */
	static const struct {
		const char *zone;
		unsigned long nr[11];
		int unusable[11];
	} zones[] = {
		{ "DMA", { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3 },
		  { 0, 0, 0, 0, 0, 0, 0, 0, 0, 66, 200 } },
		{ "DMA32", { 2, 3, 0, 2, 3, 2, 1, 4, 4, 2, 752 },
		  { 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3 } },
		{ "Normal", { 1895, 540, 220, 236, 314, 251, 601, 338, 223, 96,
			      330 },
		  { 0, 3, 5, 7, 10, 19, 34, 105, 184, 289, 379 } },
	};
	/* clang-format on */

	(void)state;
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		for (int o = 0; o < 11; o++) {
			assert_int_equal(pf_unusable_index(zones[i].nr, 11, o),
					 zones[i].unusable[o]);
			assert_int_equal(pf_extfrag_index(zones[i].nr, 11, o),
					 -1000);
		}
		assert_int_equal(pf_largest_free_order(zones[i].nr, 11), 10);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frag),
		cmocka_unit_test(test_nothing_free),
		cmocka_unit_test(test_order_servable),
		cmocka_unit_test(test_order_above_blocks),
		cmocka_unit_test(test_extfrag_few_blocks),
		cmocka_unit_test(test_orders_past_max),
		cmocka_unit_test(test_debugfs_fixture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
