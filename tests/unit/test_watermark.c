// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_watermark.c - unit tests of the watermark check of each era
 * (lib/mm/watermark.c), the fragmentation indices (lib/mm/frag.c) and the
 * watermark setup (lib/mm/wmark_setup.c).  Every expected number is worked
 * out by hand in the comment above it, from the steps in
 * shared/reference/kernel-facts.md sections 3 to 5; the setup is also
 * held to the watermarks real kernels printed in /proc/zoneinfo.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pagefail.h"

/* A zone with free pages, min watermark and counts per order. */
static struct pf_zone mkzone(long free, long min, const unsigned long *nr,
			     int nr_orders)
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

static void test_era_of(void **state)
{
	struct pf_kver kv;

	(void)state;
	assert_int_equal(pf_kver_parse("2.6.32-220.el6.x86_64", &kv), 0);
	assert_int_equal(pf_wm_era_of(&kv, 0), PF_WM_RHEL6);
	assert_int_equal(pf_kver_parse("2.6.32.4", &kv), 0);
	assert_int_equal(pf_wm_era_of(&kv, 0), PF_WM_2_6);
	assert_int_equal(pf_kver_parse("3.10.0-1160.el7.x86_64", &kv), 0);
	assert_int_equal(pf_wm_era_of(&kv, 0), PF_WM_2_6);
	assert_int_equal(pf_kver_parse("4.4.114+", &kv), 0);
	assert_int_equal(pf_wm_era_of(&kv, 0), PF_WM_4_4);
	assert_int_equal(pf_kver_parse("4.18.0-240.el8.x86_64", &kv), 0);
	assert_int_equal(pf_wm_era_of(&kv, 0), PF_WM_4_4);
	assert_int_equal(pf_kver_parse("6.2.0", &kv), 0);
	assert_int_equal(pf_wm_era_of(&kv, 0), PF_WM_4_4);
	assert_int_equal(pf_kver_parse("6.12.39", &kv), 0);
	assert_int_equal(pf_wm_era_of(&kv, 0), PF_WM_6_3);
	/* no version: the gfp layout decides */
	assert_int_equal(pf_wm_era_of(NULL, PF_GFP_2_6_24), PF_WM_2_6);
	assert_int_equal(pf_wm_era_of(NULL, PF_GFP_5_0), PF_WM_4_4);
	assert_int_equal(pf_wm_era_of(NULL, PF_GFP_6_3), PF_WM_6_3);
	assert_int_equal(pf_wm_era_of(NULL, 0), PF_WM_UNKNOWN);
}

/* gfp_to_alloc_flags() for the masks each era's GFP_ATOMIC and friends have */
static void test_alloc_flags(void **state)
{
	const unsigned int hh = PF_ALLOC_HIGH | PF_ALLOC_HARDER;

	(void)state;
	/* 2.6.32: GFP_ATOMIC 0x20: HIGH, HARDER (!__GFP_WAIT), no CPUSET */
	assert_int_equal(pf_alloc_flags(0x20, PF_GFP_2_6_24, PF_WM_2_6, 1, 0), hh);
	/* GFP_KERNEL 0xd0 sleeps: only the cpuset */
	assert_int_equal(pf_alloc_flags(0xd0, PF_GFP_2_6_24, PF_WM_2_6, 0, 0),
			 PF_ALLOC_CPUSET);
	/* GFP_NOWAIT (0) in 2.6.32 is !wait too: HARDER without HIGH */
	assert_int_equal(pf_alloc_flags(0, PF_GFP_2_6_24, PF_WM_2_6, 0, 0),
			 PF_ALLOC_HARDER);
	/* __GFP_NOMEMALLOC takes HARDER away */
	assert_int_equal(pf_alloc_flags(0x10020, PF_GFP_2_6_24, PF_WM_2_6, 0, 0),
			 PF_ALLOC_HIGH);
	/* 3.10: a THP allocation (__GFP_NO_KSWAPD, no wait) is not "atomic" */
	assert_int_equal(pf_alloc_flags(0x400000, PF_GFP_3_10, PF_WM_2_6, 9, 0),
			 PF_ALLOC_CPUSET);
	/* 4.4: GFP_ATOMIC 0x2080020 has __GFP_ATOMIC */
	assert_int_equal(pf_alloc_flags(0x2080020, PF_GFP_4_4, PF_WM_4_4, 0, 0), hh);
	/* 4.4: GFP_NOWAIT 0x2000000 cannot sleep but is not __GFP_ATOMIC */
	assert_int_equal(pf_alloc_flags(0x2000000, PF_GFP_4_4, PF_WM_4_4, 0, 0),
			 PF_ALLOC_CPUSET);
	/* 5.x: 0xa20 */
	assert_int_equal(pf_alloc_flags(0xa20, PF_GFP_5_0, PF_WM_4_4, 2, 0), hh);
	/* 6.3+: GFP_ATOMIC 0x820: MIN_RESERVE, NON_BLOCK, HIGHATOMIC if order > 0 */
	assert_int_equal(pf_alloc_flags(0x820, PF_GFP_6_3, PF_WM_6_3, 0, 0), hh);
	assert_int_equal(pf_alloc_flags(0x820, PF_GFP_6_3, PF_WM_6_3, 2, 0),
			 hh | PF_ALLOC_HIGHATOMIC);
	/* 6.3+: GFP_NOWAIT 0x800: NON_BLOCK, and keeps the cpuset */
	assert_int_equal(pf_alloc_flags(0x800, PF_GFP_6_3, PF_WM_6_3, 0, 0),
			 PF_ALLOC_HARDER | PF_ALLOC_CPUSET);
	/* kswapd (PF_MEMALLOC) ignores the watermarks, but not in interrupt */
	assert_int_equal(pf_alloc_flags(0xcc0, PF_GFP_5_0, PF_WM_4_4, 0,
					PF_CALLER_MEMALLOC),
			 PF_ALLOC_CPUSET | PF_ALLOC_NO_WATERMARKS);
	assert_int_equal(pf_alloc_flags(0xa20, PF_GFP_5_0, PF_WM_4_4, 0,
					PF_CALLER_MEMALLOC | PF_CALLER_INTERRUPT), hh);
	/* movable (GFP_HIGHUSER_MOVABLE 0x100cca) may use CMA */
	assert_true(pf_alloc_flags(0x100cca, PF_GFP_5_0, PF_WM_4_4, 0, 0) &
		    PF_ALLOC_CMA);
}

/*
 * A: 2.6.18 .. 4.3.  free 1000, min 400, GFP_ATOMIC order 1.
 * min = 400 - 200 (HIGH) = 200, - 50 (HARDER) = 150; free_pages = 1000 -
 * (2 - 1) = 999 > 150.  Loop o=0: 999 - 900 = 99, min 75: passes.  With
 * 930 order-0 blocks: 69 <= 75: fails at order 1.
 */
static void test_old_loop(void **state)
{
	unsigned long nr[11] = { 900, 50 };
	struct pf_zone z = mkzone(1000, 400, nr, 11);
	struct pf_wm_check c;
	unsigned int f = PF_ALLOC_HIGH | PF_ALLOC_HARDER;

	(void)state;
	assert_true(pf_zone_watermark_ok(&z, 1, 400, 2, f, PF_WM_2_6, &c));
	assert_int_equal(c.min, 150);
	assert_int_equal(c.usable, 999);
	assert_int_equal(c.cause, PF_CAUSE_OK);

	z.nr_free[0] = 930;
	assert_false(pf_zone_watermark_ok(&z, 1, 400, 2, f, PF_WM_2_6, &c));
	assert_int_equal(c.cause, PF_CAUSE_FRAGMENTATION);
	assert_int_equal(c.failed_order, 1);
	assert_int_equal(c.order_free, 69);
	assert_int_equal(c.order_min, 75);

	/* no reductions for GFP_KERNEL: 999 - 930 = 69 <= 200 */
	assert_false(pf_zone_watermark_ok(&z, 1, 400, 2, 0, PF_WM_2_6, &c));
	assert_int_equal(c.order_min, 200);

	/* order 0 below min: free 140 - 0 <= 150 */
	z.free = 140;
	assert_false(pf_zone_watermark_ok(&z, 0, 400, 2, f, PF_WM_2_6, &c));
	assert_int_equal(c.cause, PF_CAUSE_BELOW_MIN);
	assert_int_equal(c.margin, 140 - 150);
}

/*
 * B: RHEL 6.  The same zone with 930 order-0 blocks passes: free_pages =
 * 1000 - (2 + 1) = 997; the loop starts at mark - min = 0, so at o=0
 * 997 - 930 = 67 > 0.  Only a zone with every free page at order 0 fails:
 * 997 - 997 = 0 <= 0.
 */
static void test_rhel6_loop(void **state)
{
	unsigned long nr[11] = { 930, 35 };
	struct pf_zone z = mkzone(1000, 400, nr, 11);
	struct pf_wm_check c;
	unsigned int f = PF_ALLOC_HIGH | PF_ALLOC_HARDER;

	(void)state;
	assert_true(pf_zone_watermark_ok(&z, 1, 400, 2, f, PF_WM_RHEL6, &c));
	assert_int_equal(c.usable, 997);
	z.nr_free[0] = 997;
	z.nr_free[1] = 0;
	z.nr_free[2] = 1;
	assert_false(pf_zone_watermark_ok(&z, 1, 400, 2, f, PF_WM_RHEL6, &c));
	assert_int_equal(c.cause, PF_CAUSE_FRAGMENTATION);
	assert_int_equal(c.failed_order, 1);
	/*
	 * At the low mark (500) the loop keeps 500 - 400 = 100, cut to 38 by
	 * HIGH and HARDER (100 - 50 = 50, 50 - 12 = 38), and halves it only
	 * while o < 9 >> 2: 19 at order 1, 9 at orders 2 and 3.  Order 3,
	 * free 1000: free_pages = 1000 - 9 = 991.  957 order-0 blocks leave
	 * 34 > 19, then 34 > 9 twice: passes.  982 leave 9 <= 19: fails.
	 */
	z.nr_free[2] = 0;
	z.nr_free[3] = 60;
	z.nr_free[0] = 957;
	assert_true(pf_zone_watermark_ok(&z, 3, 500, 2, f, PF_WM_RHEL6, &c));
	z.nr_free[0] = 982;
	assert_false(pf_zone_watermark_ok(&z, 3, 500, 2, f, PF_WM_RHEL6, &c));
	assert_int_equal(c.failed_order, 1);
	assert_int_equal(c.order_min, 19);
}

/*
 * C: 3.x with CMA.  free 1000 of which 900 CMA, min 400, GFP_KERNEL
 * order 0 (not movable, so no ALLOC_CMA): 1000 - 900 = 100 <= 400.
 */
static void test_cma(void **state)
{
	unsigned long nr[11] = { 1000 };
	struct pf_zone z = mkzone(1000, 400, nr, 11);
	struct pf_wm_check c;

	(void)state;
	z.free_cma = 900;
	assert_false(pf_zone_watermark_ok(&z, 0, 400, 2, 0, PF_WM_2_6, &c));
	assert_int_equal(c.cause, PF_CAUSE_BELOW_MIN);
	assert_int_equal(c.cma, 900);
	assert_true(pf_zone_watermark_ok(&z, 0, 400, 2, PF_ALLOC_CMA, PF_WM_2_6, &c));
}

/*
 * D: 4.4 .. 6.2.  free 1000, min 400, 300 pages highatomic reserve; the
 * only blocks of order >= 1 are highatomic (H) order-2 ones.
 */
static void test_free_block(void **state)
{
	unsigned long nr[11] = { 960, 0, 10 };
	struct pf_zone z = mkzone(1000, 400, nr, 11);
	struct pf_wm_check c;

	(void)state;
	z.has_mt = true;
	strcpy(z.mt[0], "UM");
	strcpy(z.mt[2], "H");
	z.reserved_highatomic = 300;
	/* GFP_ATOMIC (harder): min 150, free 999, the H blocks are its */
	assert_true(pf_zone_watermark_ok(&z, 1, 400, 2,
					 PF_ALLOC_HIGH | PF_ALLOC_HARDER,
					 PF_WM_4_4, &c));
	assert_int_equal(c.highatomic, 0);
	/* GFP_KERNEL: 999 - 300 = 699 > 400, but no block it may take */
	assert_false(pf_zone_watermark_ok(&z, 1, 400, 2, 0, PF_WM_4_4, &c));
	assert_int_equal(c.cause, PF_CAUSE_HIGHATOMIC);
	assert_int_equal(c.usable, 699);
	/* a movable order-3 block anywhere will do: no per-order loop */
	z.nr_free[3] = 1;
	strcpy(z.mt[3], "M");
	assert_true(pf_zone_watermark_ok(&z, 1, 400, 2, 0, PF_WM_4_4, &c));
	/* the old loop would fail that zone: 999 - 960 = 39 <= 200 */
	assert_false(pf_zone_watermark_ok(&z, 1, 400, 2, 0, PF_WM_2_6, &c));

	/* order 0: 650 - 300 = 350 <= 400, but 650 > 400: highatomic's doing */
	z.free = 650;
	assert_false(pf_zone_watermark_ok(&z, 0, 400, 2, 0, PF_WM_4_4, &c));
	assert_int_equal(c.cause, PF_CAUSE_HIGHATOMIC);

	/* lowmem_reserve: 1000 <= 400 + 700, and 1000 > 400 */
	z.free = 1000;
	z.reserved_highatomic = 0;
	z.lowmem_reserve[2] = 700;
	assert_false(pf_zone_watermark_ok(&z, 0, 400, 2, 0, PF_WM_4_4, &c));
	assert_int_equal(c.cause, PF_CAUSE_LOWMEM_RESERVE);
	assert_int_equal(c.reserve, 700);
	/* the zone's own class: no reserve */
	assert_true(pf_zone_watermark_ok(&z, 0, 400, 0, 0, PF_WM_4_4, &c));

	/* no free block at all of order >= 4: fragmentation */
	assert_false(pf_zone_watermark_ok(&z, 4, 400, 2,
					  PF_ALLOC_HIGH | PF_ALLOC_HARDER,
					  PF_WM_4_4, &c));
	assert_int_equal(c.cause, PF_CAUSE_FRAGMENTATION);
}

/*
 * E: 6.3+.  GFP_NOWAIT (NON_BLOCK only) gets no cut of min but is not
 * charged the highatomic reserve: free 450 - 0 > 400.  GFP_KERNEL is:
 * 450 - 300 = 150 <= 400.  GFP_ATOMIC: min 150.
 */
static void test_6_3(void **state)
{
	unsigned long nr[11] = { 450 };
	struct pf_zone z = mkzone(450, 400, nr, 11);
	struct pf_wm_check c;

	(void)state;
	z.reserved_highatomic = 300;
	assert_true(pf_zone_watermark_ok(&z, 0, 400, 2, PF_ALLOC_HARDER,
					 PF_WM_6_3, &c));
	assert_int_equal(c.min, 400);
	assert_false(pf_zone_watermark_ok(&z, 0, 400, 2, 0, PF_WM_6_3, &c));
	assert_int_equal(c.cause, PF_CAUSE_HIGHATOMIC);
	assert_true(pf_zone_watermark_ok(&z, 0, 400, 2,
					 PF_ALLOC_HIGH | PF_ALLOC_HARDER,
					 PF_WM_6_3, &c));
	assert_int_equal(c.min, 150);
	/* in 4.4-6.2 the same NON_BLOCK-only caller is "harder": 400 - 100 */
	assert_true(pf_zone_watermark_ok(&z, 0, 400, 2, PF_ALLOC_HARDER,
					 PF_WM_4_4, &c));
	assert_int_equal(c.min, 300);
}

/* ALLOC_NO_WATERMARKS: any block will do, except highatomic ones */
static void test_no_watermarks(void **state)
{
	unsigned long nr[11] = { 860, 453, 180 };
	struct pf_zone z = mkzone(1493, 7440, nr, 11);
	struct pf_wm_check c;

	(void)state;
	z.has_mt = true;
	strcpy(z.mt[0], "H");
	strcpy(z.mt[1], "H");
	strcpy(z.mt[2], "H");
	/* corpus 015: kswapd, every free block highatomic */
	assert_false(pf_zone_watermark_ok(&z, 0, 7440, 2, PF_ALLOC_NO_WATERMARKS,
					  PF_WM_4_4, &c));
	assert_int_equal(c.cause, PF_CAUSE_HIGHATOMIC);
	strcpy(z.mt[1], "UH");
	assert_true(pf_zone_watermark_ok(&z, 0, 7440, 2, PF_ALLOC_NO_WATERMARKS,
					 PF_WM_4_4, &c));
	/* nothing at order 3 or above: fragmentation, not the reserve */
	assert_false(pf_zone_watermark_ok(&z, 3, 7440, 2, PF_ALLOC_NO_WATERMARKS,
					  PF_WM_4_4, &c));
	assert_int_equal(c.cause, PF_CAUSE_FRAGMENTATION);
}

/* Damaged or missing data: never a false pass */
static void test_unknown(void **state)
{
	struct pf_zone z = mkzone(1000, 400, NULL, 0);
	struct pf_wm_check c;

	(void)state;
	assert_true(pf_zone_watermark_ok(&z, 0, 400, 2, 0, PF_WM_4_4, &c));
	assert_false(pf_zone_watermark_ok(&z, 2, 400, 2, 0, PF_WM_4_4, &c));
	assert_int_equal(c.cause, PF_CAUSE_UNKNOWN);
	z.free = -1;
	assert_false(pf_zone_watermark_ok(&z, 0, 400, 2, 0, PF_WM_4_4, &c));
	assert_false(pf_zone_watermark_ok(&z, PF_MAX_ORDER, 400, 2, 0, PF_WM_4_4, &c));
	assert_string_equal(pf_cause_name(PF_CAUSE_HIGHATOMIC), "highatomic_reserved");
	assert_int_equal(pf_cause_of_name("below_min"), PF_CAUSE_BELOW_MIN);
	assert_int_equal(pf_cause_of_name("nonsense"), -1);
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

/* calculate_min_free_kbytes(): 16 GiB of lowmem -> 16384 kB */
static void test_min_free_default(void **state)
{
	struct pf_kver old, new, rhel7, rhel8;

	(void)state;
	assert_int_equal(pf_kver_parse("4.19.0", &old), 0);
	assert_int_equal(pf_kver_parse("5.15.135", &new), 0);
	assert_int_equal(pf_kver_parse("3.10.0-1160.el7.x86_64", &rhel7), 0);
	assert_int_equal(pf_kver_parse("4.18.0-240.el8.x86_64", &rhel8), 0);
	assert_int_equal(pf_min_free_kbytes_default(16ULL << 20, &old), 16384);
	assert_int_equal(pf_min_free_kbytes_default(1024, &old), 128);
	/* 4 TiB: int_sqrt(16 * 4 Gi kB) = 262144, capped by era */
	assert_int_equal(pf_min_free_kbytes_default(4ULL << 30, &old), 65536);
	assert_int_equal(pf_min_free_kbytes_default(4ULL << 30, &new), 262144);
	assert_int_equal(pf_min_free_kbytes_default(4ULL << 30, &rhel7), 262144);
	assert_int_equal(pf_min_free_kbytes_default(4ULL << 30, &rhel8), 65536);
	/* int_sqrt floors: 16 * 1000 = 16000 -> 126 -> clamped to 128 */
	assert_int_equal(pf_min_free_kbytes_default(1000, &old), 128);
	assert_int_equal(pf_min_free_kbytes_default(100000, &old), 1264);

	assert_true(pf_kernel_has_sysctl(&new, "vm.watermark_boost_factor"));
	assert_false(pf_kernel_has_sysctl(&old, "vm.watermark_boost_factor"));
	assert_true(pf_kernel_has_sysctl(&old, "watermark_scale_factor"));
	assert_false(pf_kernel_has_sysctl(&rhel7, "watermark_scale_factor"));
	assert_true(pf_kernel_has_sysctl(&rhel8, "watermark_scale_factor"));
	assert_false(pf_kernel_has_sysctl(&rhel8, "compaction_proactiveness"));
}

/*
 * __setup_per_zone_wmarks() against what real kernels printed: the
 * fixture snapshots hold /proc/zoneinfo with the watermarks the kernel
 * computed from the min_free_kbytes and watermark_scale_factor beside
 * them.  Every zone must come out equal.
 */
static void check_setup(const char *dir)
{
	struct pf_system *sys = calloc(1, sizeof(*sys));
	struct pf_zone zones[PF_ZONES_MAX];
	int checked = 0;

	assert_non_null(sys);
	assert_int_equal(pf_system_read(dir, sys, NULL, NULL), 0);
	assert_true(sys->nr_zones > 0);
	assert_true(sys->vm[PF_VM_MIN_FREE_KBYTES] > 0);
	memcpy(zones, sys->zones, sizeof(zones));
	pf_setup_zone_wmarks(zones, sys->nr_zones, sys->vm[PF_VM_MIN_FREE_KBYTES],
			     sys->vm[PF_VM_WATERMARK_SCALE_FACTOR], &sys->kernel);
	for (int i = 0; i < sys->nr_zones; i++) {
		const struct pf_zone *want = &sys->zones[i];
		long boost = want->boost > 0 ? want->boost : 0;

		if (want->min < 0)
			continue;
		/* zoneinfo prints the marks with the boost in them */
		assert_int_equal(zones[i].min + boost, want->min);
		assert_int_equal(zones[i].low + boost, want->low);
		assert_int_equal(zones[i].high + boost, want->high);
		checked++;
	}
	assert_true(checked > 0);
	free(sys);
}

static void test_setup_wmarks(void **state)
{
	(void)state;
	/* this machine's 6.x kernel (ZONE_MOVABLE counts as highmem) */
	check_setup(PF_FIXTURES "/system/debian12-live");
	/* RHEL 6 (present pages, min/4 and min/2) */
	check_setup(PF_FIXTURES "/system/rhel6-sosreport");
	/* 4.19 with watermark_scale_factor */
	check_setup(PF_FIXTURES "/system/v4.19-numa");
}

/* The live machine, when its /proc can be read: the same equality */
static void test_setup_wmarks_live(void **state)
{
	FILE *f = fopen("/proc/zoneinfo", "r");

	(void)state;
	if (!f)
		skip();
	fclose(f);
	check_setup("/");
}

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
		cmocka_unit_test(test_era_of),
		cmocka_unit_test(test_alloc_flags),
		cmocka_unit_test(test_old_loop),
		cmocka_unit_test(test_rhel6_loop),
		cmocka_unit_test(test_cma),
		cmocka_unit_test(test_free_block),
		cmocka_unit_test(test_6_3),
		cmocka_unit_test(test_no_watermarks),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_frag),
		cmocka_unit_test(test_min_free_default),
		cmocka_unit_test(test_setup_wmarks),
		cmocka_unit_test(test_setup_wmarks_live),
		cmocka_unit_test(test_headroom),
		cmocka_unit_test(test_zone_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
