// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_watermark.c - unit tests of the watermark check of each era and
 * the alloc flags it is given (lib/mm/watermark.c).  Every expected number
 * is worked out by hand in the comment above it, from the steps in
 * shared/reference/kernel-facts.md section 3.  The fragmentation indices,
 * the watermark setup and the headroom have files of their own
 * (test_frag.c, test_wmark_setup.c, test_headroom.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "era.h"
#include "libpagefail.h"
#include "mm/mm.h"
#include "zones.h"

/* GFP_ATOMIC's alloc flags (of every era but 6.3's highatomic bit) */
#define ATOMIC (PF_ALLOC_HIGH | PF_ALLOC_HARDER)

#define FAILS (-1) /* expect_wm(): fails, whatever the cause */

/*
 * pf_zone_watermark_ok() of z for an allocation of order against mark,
 * from classzone with flags in era: it passes when want is PF_CAUSE_OK,
 * else fails, for the cause want unless FAILS.  *c is the check made.
 */
static void expect_wm(const struct pf_zone *z, int order, long mark,
		      int classzone, unsigned int flags, int era, int want,
		      struct pf_wm_check *c)
{
	bool ok =
		pf_zone_watermark_ok(z, order, mark, classzone, flags, era, c);

	if (ok != (want == PF_CAUSE_OK) || (want != FAILS && c->cause != want))
		fail_msg("order %d, mark %ld, flags %#x, %s: %s, not %s", order,
			 mark, flags, pf_wm_era_name(era),
			 ok ? "passes" : pf_cause_name(c->cause),
			 want == FAILS ? "failing" : pf_cause_name(want));
}

/* The era of release, which must parse; k gets its version. */
static void era_of(const char *release, struct pf_kver *k, struct pf_era *e)
{
	assert_int_equal(pf_kver_parse(release, k), 0);
	pf_era_init(e, k, PF_GFP_UNKNOWN);
}

static void test_era_of(void **state)
{
	static const struct {
		const char *release;
		int era;
	} eras[] = {
		{ "2.6.32-220.el6.x86_64", PF_WM_RHEL6 },
		{ "2.6.32.4", PF_WM_2_6 },
		{ "3.10.0-1160.el7.x86_64", PF_WM_2_6 },
		{ "4.4.114+", PF_WM_4_4 },
		{ "4.18.0-240.el8.x86_64", PF_WM_4_4 },
		{ "6.2.0", PF_WM_4_4 },
		{ "6.12.39", PF_WM_6_3 },
	};
	struct pf_kver kv;

	(void)state;
	for (size_t i = 0; i < sizeof(eras) / sizeof(eras[0]); i++) {
		int era;

		assert_int_equal(pf_kver_parse(eras[i].release, &kv), 0);
		era = pf_wm_era_of(&kv, 0);
		if (era != eras[i].era)
			fail_msg("%s: era %s, not %s", eras[i].release,
				 pf_wm_era_name(era),
				 pf_wm_era_name(eras[i].era));
	}
	/* no version: the gfp layout decides */
	assert_int_equal(pf_wm_era_of(NULL, PF_GFP_2_6_24), PF_WM_2_6);
	assert_int_equal(pf_wm_era_of(NULL, PF_GFP_5_0), PF_WM_4_4);
	assert_int_equal(pf_wm_era_of(NULL, PF_GFP_6_3), PF_WM_6_3);
	assert_int_equal(pf_wm_era_of(NULL, 0), PF_WM_UNKNOWN);
}

/* gfp_to_alloc_flags() for the masks each era's GFP_ATOMIC and friends have */
static void test_alloc_flags(void **state)
{
	const unsigned int hh = ATOMIC;

	(void)state;
	/* 2.6.32: GFP_ATOMIC 0x20: HIGH, HARDER (!__GFP_WAIT), no CPUSET */
	assert_int_equal(pf_alloc_flags(0x20, PF_GFP_2_6_24, PF_WM_2_6, 1, 0),
			 hh);
	/* GFP_KERNEL 0xd0 sleeps: only the cpuset */
	assert_int_equal(pf_alloc_flags(0xd0, PF_GFP_2_6_24, PF_WM_2_6, 0, 0),
			 PF_ALLOC_CPUSET);
	/* GFP_NOWAIT (0) in 2.6.32 is !wait too: HARDER without HIGH */
	assert_int_equal(pf_alloc_flags(0, PF_GFP_2_6_24, PF_WM_2_6, 0, 0),
			 PF_ALLOC_HARDER);
	/* __GFP_NOMEMALLOC takes HARDER away */
	assert_int_equal(
		pf_alloc_flags(0x10020, PF_GFP_2_6_24, PF_WM_2_6, 0, 0),
		PF_ALLOC_HIGH);
	/* 3.10: a THP allocation (__GFP_NO_KSWAPD, no wait) is not "atomic" */
	assert_int_equal(pf_alloc_flags(0x400000, PF_GFP_3_10, PF_WM_2_6, 9, 0),
			 PF_ALLOC_CPUSET);
	/* 4.4: GFP_ATOMIC 0x2080020 has __GFP_ATOMIC */
	assert_int_equal(pf_alloc_flags(0x2080020, PF_GFP_4_4, PF_WM_4_4, 0, 0),
			 hh);
	/* 4.4: GFP_NOWAIT 0x2000000 cannot sleep but is not __GFP_ATOMIC */
	assert_int_equal(pf_alloc_flags(0x2000000, PF_GFP_4_4, PF_WM_4_4, 0, 0),
			 PF_ALLOC_CPUSET);
	/* 5.x: 0xa20 */
	assert_int_equal(pf_alloc_flags(0xa20, PF_GFP_5_0, PF_WM_4_4, 2, 0),
			 hh);
	/* 6.3+: GFP_ATOMIC 0x820: MIN_RESERVE, NON_BLOCK, HIGHATOMIC if order > 0 */
	assert_int_equal(pf_alloc_flags(0x820, PF_GFP_6_3, PF_WM_6_3, 0, 0),
			 hh);
	assert_int_equal(pf_alloc_flags(0x820, PF_GFP_6_3, PF_WM_6_3, 2, 0),
			 hh | PF_ALLOC_HIGHATOMIC);
	/* 6.3+: GFP_NOWAIT 0x800: NON_BLOCK, and keeps the cpuset */
	assert_int_equal(pf_alloc_flags(0x800, PF_GFP_6_3, PF_WM_6_3, 0, 0),
			 PF_ALLOC_HARDER | PF_ALLOC_CPUSET);
	/* kswapd (PF_MEMALLOC) ignores the watermarks, but not in interrupt */
	assert_int_equal(pf_alloc_flags(0xcc0, PF_GFP_5_0, PF_WM_4_4, 0,
					PF_CALLER_MEMALLOC),
			 PF_ALLOC_CPUSET | PF_ALLOC_NO_WATERMARKS);
	assert_int_equal(
		pf_alloc_flags(0xa20, PF_GFP_5_0, PF_WM_4_4, 0,
			       PF_CALLER_MEMALLOC | PF_CALLER_INTERRUPT),
		hh);
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
	struct pf_zone z = MKZONE(1000, 400, 900, 50);
	struct pf_wm_check c;

	(void)state;
	expect_wm(&z, 1, 400, 2, ATOMIC, PF_WM_2_6, PF_CAUSE_OK, &c);
	assert_int_equal(c.min, 150);
	assert_int_equal(c.usable, 999);

	z.nr_free[0] = 930;
	expect_wm(&z, 1, 400, 2, ATOMIC, PF_WM_2_6, PF_CAUSE_FRAGMENTATION, &c);
	assert_int_equal(c.failed_order, 1);
	assert_int_equal(c.order_free, 69);
	assert_int_equal(c.order_min, 75);

	/* no reductions for GFP_KERNEL: 999 - 930 = 69 <= 200 */
	expect_wm(&z, 1, 400, 2, 0, PF_WM_2_6, FAILS, &c);
	assert_int_equal(c.order_min, 200);

	/* order 0 below min: free 140 - 0 <= 150 */
	z.free = 140;
	expect_wm(&z, 0, 400, 2, ATOMIC, PF_WM_2_6, PF_CAUSE_BELOW_MIN, &c);
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
	struct pf_wm_check c;
	struct pf_zone z = MKZONE(1000, 400, 930, 35);

	(void)state;
	expect_wm(&z, 1, 400, 2, ATOMIC, PF_WM_RHEL6, PF_CAUSE_OK, &c);
	assert_int_equal(c.usable, 997);
	z.nr_free[0] = 997;
	z.nr_free[1] = 0;
	z.nr_free[2] = 1;
	expect_wm(&z, 1, 400, 2, ATOMIC, PF_WM_RHEL6, PF_CAUSE_FRAGMENTATION,
		  &c);
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
	expect_wm(&z, 3, 500, 2, ATOMIC, PF_WM_RHEL6, PF_CAUSE_OK, &c);
	z.nr_free[0] = 982;
	expect_wm(&z, 3, 500, 2, ATOMIC, PF_WM_RHEL6, FAILS, &c);
	assert_int_equal(c.failed_order, 1);
	assert_int_equal(c.order_min, 19);
}

/*
 * C: 3.x with CMA.  free 1000 of which 900 CMA, min 400, GFP_KERNEL
 * order 0 (not movable, so no ALLOC_CMA): 1000 - 900 = 100 <= 400.
 */
static void test_cma(void **state)
{
	struct pf_zone z = MKZONE(1000, 400, 1000);
	struct pf_wm_check c;

	(void)state;
	z.free_cma = 900;
	expect_wm(&z, 0, 400, 2, 0, PF_WM_2_6, PF_CAUSE_BELOW_MIN, &c);
	assert_int_equal(c.cma, 900);
	expect_wm(&z, 0, 400, 2, PF_ALLOC_CMA, PF_WM_2_6, PF_CAUSE_OK, &c);
}

/*
 * D: 4.4 .. 6.2.  free 1000, min 400, 300 pages highatomic reserve; the
 * only blocks of order >= 1 are highatomic (H) order-2 ones.
 */
static void test_free_block(void **state)
{
	struct pf_zone z = MKZONE(1000, 400, 960, 0, 10);
	struct pf_wm_check c;

	(void)state;
	z.has_mt = true;
	strcpy(z.mt[0], "UM");
	strcpy(z.mt[2], "H");
	z.reserved_highatomic = 300;
	/* GFP_ATOMIC (harder): min 150, free 999, the H blocks are its */
	expect_wm(&z, 1, 400, 2, ATOMIC, PF_WM_4_4, PF_CAUSE_OK, &c);
	assert_int_equal(c.highatomic, 0);
	/* GFP_KERNEL: 999 - 300 = 699 > 400, but no block it may take */
	expect_wm(&z, 1, 400, 2, 0, PF_WM_4_4, PF_CAUSE_HIGHATOMIC, &c);
	assert_int_equal(c.usable, 699);
	/* a movable order-3 block anywhere will do: no per-order loop */
	z.nr_free[3] = 1;
	strcpy(z.mt[3], "M");
	expect_wm(&z, 1, 400, 2, 0, PF_WM_4_4, PF_CAUSE_OK, &c);
	/* the old loop would fail that zone: 999 - 960 = 39 <= 200 */
	expect_wm(&z, 1, 400, 2, 0, PF_WM_2_6, FAILS, &c);

	/* order 0: 650 - 300 = 350 <= 400, but 650 > 400: highatomic's doing */
	z.free = 650;
	expect_wm(&z, 0, 400, 2, 0, PF_WM_4_4, PF_CAUSE_HIGHATOMIC, &c);

	/* lowmem_reserve: 1000 <= 400 + 700, and 1000 > 400 */
	z.free = 1000;
	z.reserved_highatomic = 0;
	z.lowmem_reserve[2] = 700;
	expect_wm(&z, 0, 400, 2, 0, PF_WM_4_4, PF_CAUSE_LOWMEM_RESERVE, &c);
	assert_int_equal(c.reserve, 700);
	/* the zone's own class: no reserve */
	expect_wm(&z, 0, 400, 0, 0, PF_WM_4_4, PF_CAUSE_OK, &c);

	/* no free block at all of order >= 4: fragmentation */
	expect_wm(&z, 4, 400, 2, ATOMIC, PF_WM_4_4, PF_CAUSE_FRAGMENTATION, &c);
}

/*
 * E: 6.3+.  GFP_NOWAIT (NON_BLOCK only) gets no cut of min but is not
 * charged the highatomic reserve: free 450 - 0 > 400.  GFP_KERNEL is:
 * 450 - 300 = 150 <= 400.  GFP_ATOMIC: min 150.
 */
static void test_6_3(void **state)
{
	struct pf_zone z = MKZONE(450, 400, 450);
	struct pf_wm_check c;

	(void)state;
	z.reserved_highatomic = 300;
	expect_wm(&z, 0, 400, 2, PF_ALLOC_HARDER, PF_WM_6_3, PF_CAUSE_OK, &c);
	assert_int_equal(c.min, 400);
	expect_wm(&z, 0, 400, 2, 0, PF_WM_6_3, PF_CAUSE_HIGHATOMIC, &c);
	expect_wm(&z, 0, 400, 2, ATOMIC, PF_WM_6_3, PF_CAUSE_OK, &c);
	assert_int_equal(c.min, 150);
	/* in 4.4-6.2 the same NON_BLOCK-only caller is "harder": 400 - 100 */
	expect_wm(&z, 0, 400, 2, PF_ALLOC_HARDER, PF_WM_4_4, PF_CAUSE_OK, &c);
	assert_int_equal(c.min, 300);
}

/* ALLOC_NO_WATERMARKS: any block will do, except highatomic ones */
static void test_no_watermarks(void **state)
{
	struct pf_zone z = MKZONE(1493, 7440, 860, 453, 180);
	const unsigned int f = PF_ALLOC_NO_WATERMARKS;
	struct pf_wm_check c;

	(void)state;
	z.has_mt = true;
	strcpy(z.mt[0], "H");
	strcpy(z.mt[1], "H");
	strcpy(z.mt[2], "H");
	/* corpus 015: kswapd, every free block highatomic */
	expect_wm(&z, 0, 7440, 2, f, PF_WM_4_4, PF_CAUSE_HIGHATOMIC, &c);
	strcpy(z.mt[1], "UH");
	expect_wm(&z, 0, 7440, 2, f, PF_WM_4_4, PF_CAUSE_OK, &c);
	/* nothing at order 3 or above: fragmentation, not the reserve */
	expect_wm(&z, 3, 7440, 2, f, PF_WM_4_4, PF_CAUSE_FRAGMENTATION, &c);
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
	assert_false(pf_zone_watermark_ok(&z, PF_MAX_ORDER, 400, 2, 0,
					  PF_WM_4_4, &c));
	assert_string_equal(pf_cause_name(PF_CAUSE_HIGHATOMIC),
			    "highatomic_reserved");
	assert_int_equal(pf_cause_of_name("below_min"), PF_CAUSE_BELOW_MIN);
	assert_int_equal(pf_cause_of_name("nonsense"), -1);
}

/*
 * compaction_suitable() by era (lib/mm/compaction.c): 10000 free pages
 * all of order 0, min 9000, low 9990.  For order 1 the fragmentation
 * index is 1000 - (1000 + 10000 * 1000 / 2) / 10000 = 500 (integers).
 */
static void test_compaction_suitable(void **state)
{
	unsigned long nr[2] = { 10000, 0 };
	struct pf_zone z = mkzone(10000, 9000, nr, 2);
	struct pf_era e44, e49;
	struct pf_kver k;

	(void)state;
	z.low = 9990;
	era_of("4.4", &k, &e44);
	era_of("4.9", &k, &e49);
	assert_int_equal(pf_extfrag_index(nr, 2, 1), 500);
	/* 4.4: low + 4 = 9994 < 10000, but 500 <= 500: short, not fragmented */
	assert_false(pf_compaction_suitable(&z, 1, &e44, 500));
	assert_true(pf_compaction_suitable(&z, 1, &e44, 499));
	/* 4.9: min + 4 for order 1, and no index gate below order 4 */
	assert_true(pf_compaction_suitable(&z, 1, &e49, 500));
	/* low + 2 << order: 9990 + 8 passes order 2 on 4.4 (index 750) */
	assert_true(pf_compaction_suitable(&z, 2, &e44, 500));
	/* and fails order 3 (9990 + 16 > 10000), where 4.9 asks min + 16 */
	assert_false(pf_compaction_suitable(&z, 3, &e44, 1000));
	assert_true(pf_compaction_suitable(&z, 3, &e49, 1000));
	/* a costly order on 4.9: low again, 9990 + 32 > 10000 */
	assert_false(pf_compaction_suitable(&z, 4, &e49, 1000));
}

/*
 * Era rules read in each era's source that the simulator keys on: direct
 * compaction above order 3 only in 2.6.35 to 2.6.37 (try_to_compact_pages());
 * the order-0 retry at min without the boost (zone_watermark_fast()) for
 * __GFP_ATOMIC in 5.9 to 6.2, for __GFP_HIGH from 6.3, and in RHEL 9.
 */
static void test_era_rules(void **state)
{
	static const struct {
		const char *kernel;
		int direct_compact_min_order, boost_bypass;
		int reclaim_distance; /* negative: no zone_reclaim at boot */
	} want[] = {
		{ "2.6.18", 1, 0, 20 },	 { "rhel5", 1, 0, 20 },
		{ "2.6.34", 1, 0, 20 },	 { "2.6.35", 4, 0, 20 },
		{ "2.6.37", 4, 0, 20 },	 { "2.6.38", 1, 0, 20 },
		{ "2.6.39", 1, 0, 20 },	 { "3.0", 1, 0, 30 },
		{ "rhel6.2", 1, 0, 30 }, { "3.15", 1, 0, 30 },
		{ "3.16", 1, 0, -30 },	 { "rhel7", 1, 0, -30 },
		{ "5.8", 1, 0, -30 },	 { "5.9", 1, 1, -30 },
		{ "6.2", 1, 1, -30 },	 { "6.3", 1, 2, -30 },
		{ "6.18", 1, 2, -30 },	 { "rhel9", 1, 1, -30 },
	};
	struct pf_era e;
	struct pf_kver k;

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		era_of(want[i].kernel, &k, &e);
		if (e.direct_compact_min_order !=
			    want[i].direct_compact_min_order ||
		    e.boost_bypass != want[i].boost_bypass ||
		    e.reclaim_distance != abs(want[i].reclaim_distance) ||
		    e.zone_reclaim_boot != (want[i].reclaim_distance > 0))
			fail_msg("%s: direct compaction from order %d, boost "
				 "bypass %d, RECLAIM_DISTANCE %d%s",
				 want[i].kernel, e.direct_compact_min_order,
				 e.boost_bypass, e.reclaim_distance,
				 e.zone_reclaim_boot ? ", zone_reclaim at boot"
						     : "");
	}
}

/*
 * balance_pgdat() by era (era_kswapd(), docs/eras/kswapd.md section 2):
 * the balance rule (A all zones, Q a quarter, N any zone of the node),
 * when kswapd gives up its order (- never, S slow pass, R 2 << order
 * reclaimed), and the flags reserve, recheck0, testorder, balance_gap,
 * sleep_all, wakes_kcompactd, with kswapd's own compaction from an order
 * (0: none).
 */
static void test_era_kswapd(void **state)
{
	static const struct {
		const char *kernel, *rule; /* balance, order0, six flags */
		int compact_from;
	} want[] = {
		{ "2.6.18", "A-r.....", 0 },  { "2.6.28", "A-r.....", 0 },
		{ "2.6.29", "ASr.....", 0 },  { "2.6.37", "ASr.....", 0 },
		{ "rhel5", "ASr.....", 0 },   { "rhel6.2", "ASr..g..", 0 },
		{ "rhel6.4", "ASr..g..", 4 }, { "2.6.38", "QSrc....", 1 },
		{ "2.6.39", "QSrc.g..", 0 },  { "3.3", "QSrc.g..", 0 },
		{ "3.4", "QSrcog..", 1 },     { "3.6", "QSrcog..", 1 },
		{ "3.7", "QSr.og..", 1 },     { "3.8", "QS..og..", 1 },
		{ "3.10", "QS..og..", 1 },    { "3.11", "QR..og..", 0 },
		{ "rhel7", "QR..og..", 0 },   { "4.5", "QR..og..", 0 },
		{ "4.6", "Q-..og..", 0 },     { "4.7", "Q-..og..", 0 },
		{ "4.8", "NR....s.", 0 },     { "4.11", "NR....s.", 0 },
		{ "4.12", "NR......", 0 },    { "4.16", "NR......", 0 },
		{ "4.17", "NR.....k", 0 },    { "rhel8", "NR.....k", 0 },
		{ "6.18", "NR.....k", 0 },
	};
	static const char balance[] = "AQN", order0[] = "-SR";
	struct pf_era e;
	struct pf_kver k;

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char got[16];
		int from;

		era_of(want[i].kernel, &k, &e);
		snprintf(got, sizeof(got), "%c%c%c%c%c%c%c%c",
			 balance[e.kswapd_balance], order0[e.kswapd_order0],
			 e.kswapd_reserve ? 'r' : '.',
			 e.kswapd_recheck0 ? 'c' : '.',
			 e.kswapd_testorder ? 'o' : '.',
			 e.kswapd_balance_gap ? 'g' : '.',
			 e.kswapd_sleep_all ? 's' : '.',
			 e.kswapd_wakes_kcompactd ? 'k' : '.');
		from = e.kswapd_compacts ? e.kswapd_compact_min_order : 0;
		if (strcmp(got, want[i].rule) || from != want[i].compact_from)
			fail_msg("%s: %s, kswapd compacts from %d; want %s, %d",
				 want[i].kernel, got, from, want[i].rule,
				 want[i].compact_from);
	}
}

/*
 * RHEL 8.4 (4.18.0-305) on: the boost and proactive compaction, the
 * latter off by default (proactiveness 0), and no order-0 retry without
 * the boost; 8.3 (-240) has none of them; RHEL 9 boosts, compacts
 * proactively (20) and retries for __GFP_ATOMIC, from 9.5 (-449) for
 * ALLOC_MIN_RESERVE as 6.3 and RHEL 10; upstream 5.9 has all three.
 */
static void test_rhel_boost(void **state)
{
	static const struct {
		const char *kernel;
		bool boost, proactive;
		int proactiveness, boost_bypass;
	} want[] = {
		{ "4.18.0-240.el8", false, false, 0, 0 },
		{ "4.18.0-305.el8", true, true, 0, 0 },
		{ "4.18.0-553.el8", true, true, 0, 0 },
		{ "5.14.0-70.el9", true, true, 20, 1 },
		{ "5.14.0-427.13.1.el9_4", true, true, 20, 1 },
		{ "5.14.0-503.11.1.el9_5", true, true, 20, 2 },
		{ "6.12.0-55.el10", true, true, 20, 2 },
		{ "5.9", true, true, 20, 1 },
		{ "5.8", true, false, 20, 0 },
	};
	struct pf_era e;
	struct pf_kver k;

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		era_of(want[i].kernel, &k, &e);
		/* and the flags of 6.3 from RHEL 9.5 (5.14.0-449) on */
		if ((e.wm_era == PF_WM_6_3) != (want[i].boost_bypass == 2) ||
		    (pf_gfp_layout_of(&k) == PF_GFP_6_3) !=
			    (want[i].boost_bypass == 2))
			fail_msg("%s: watermark era %d, gfp layout %d",
				 want[i].kernel, e.wm_era,
				 pf_gfp_layout_of(&k));
		if (e.boost != want[i].boost ||
		    e.proactive != want[i].proactive ||
		    (e.proactive && e.proactiveness != want[i].proactiveness) ||
		    e.boost_bypass != want[i].boost_bypass)
			fail_msg("%s: boost %d, proactive %d (%d), bypass %d",
				 want[i].kernel, e.boost, e.proactive,
				 e.proactiveness, e.boost_bypass);
	}
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
		cmocka_unit_test(test_compaction_suitable),
		cmocka_unit_test(test_era_rules),
		cmocka_unit_test(test_era_kswapd),
		cmocka_unit_test(test_rhel_boost),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
