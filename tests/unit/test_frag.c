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

#include "pagefail.h"

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
	struct pf_contig_info info;

	(void)state;
	pf_contig_info(nr, 11, 1, &info);
	assert_int_equal(info.free_pages, 108);
	assert_int_equal(info.free_blocks_total, 101);
	assert_int_equal(info.free_blocks_suitable, 4);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frag),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
