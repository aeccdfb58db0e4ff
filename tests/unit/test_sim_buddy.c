// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_sim_buddy.c - unit tests of the simulator's buddy allocator
 * (lib/sim/buddy.c) and its microbenchmark (lib/sim/bench.c).  Every
 * expected pfn is worked out by hand in the comment above it, from the
 * kernel's rules: __rmqueue_smallest() and expand() take the low half and
 * put the upper halves back, __rmqueue_fallback() takes the largest block
 * of a fallbacks[] type, steal_suitable_fallback() claims a pageblock when
 * half of it is free or alike, __free_one_page() merges with free buddies.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"

#define U SIM_MT_UNMOVABLE
#define M SIM_MT_MOVABLE
#define E SIM_MT_RECLAIMABLE
#define H SIM_MT_HIGHATOMIC

static void check_ok(const struct sim_zone *z)
{
	char msg[256];
	int err = sim_zone_check(z, msg, sizeof(msg));

	if (err)
		fail_msg("sim_zone_check: %s", msg);
}

/* The pfns of list (o, mt), head first; returns how many. */
static size_t list_pfns(const struct sim_zone *z, int o, int mt, uint32_t *out,
			size_t max)
{
	size_t n = 0;

	for (uint32_t p = z->free_list[o][mt].head; p != SIM_NONE;
	     p = sim_free_next(z, p)) {
		if (n < max)
			out[n] = p;
		n++;
	}
	return n;
}

/* Allocate and give it an owner, as alloc.c does. */
static uint32_t get(struct sim_zone *z, int order, int mt, bool ha,
		    struct sim_stats *st)
{
	/* clang-format off */
	static const int owner[3] = {
		[U] = SIM_SLAB, [M] = SIM_ANON, [E] = SIM_SLAB_RECLAIMABLE,
	};
	/* clang-format on */
	uint32_t pfn = sim_rmqueue(z, order, mt, ha, st);

	if (pfn != SIM_NONE)
		sim_set_owner(z, pfn, order, owner[mt]);
	return pfn;
}

/* A Normal zone of node 0 and nr_pages, and its stats, new */
static void fresh(struct sim_zone *z, struct sim_stats *st,
		  unsigned long nr_pages, bool mobility)
{
	memset(st, 0, sizeof(*st));
	assert_int_equal(sim_zone_init(z, "Normal", 0, nr_pages, mobility), 0);
}

/* The zone checked a last time (check_ok()), then released */
static void zone_done(struct sim_zone *z)
{
	check_ok(z);
	sim_zone_release(z);
}

/*
 * 1000 pages: 0 (order 9), 512 (8), 768 (7), 896 (6), 960 (5), 992 (3):
 * 512 + 256 + 128 + 64 + 32 + 8, all MOVABLE, pageblocks MOVABLE.
 */
static void test_init(void **state)
{
	static const int orders[] = { 9, 8, 7, 6, 5, 3 };
	static const uint32_t heads[] = { 0, 512, 768, 896, 960, 992 };
	struct sim_zone z;
	uint32_t pfns[8];

	assert_int_equal(sim_zone_init(&z, "Normal", 1, 1000, true), 0);
	assert_string_equal(z.zone.name, "Normal");
	assert_int_equal(z.zone.type, PF_ZONE_NORMAL);
	assert_int_equal(z.zone.node, 1);
	assert_true(z.mobility);
	assert_int_equal(z.zone.free, 1000);
	for (int o = 0; o < SIM_MAX_ORDER; o++) {
		unsigned long want = 0;

		for (size_t i = 0; i < 6; i++)
			if (orders[i] == o)
				want = 1;
		assert_int_equal(z.zone.nr_free[o], want);
		for (int mt = 0; mt < SIM_MT_NR; mt++)
			if (mt != M)
				assert_int_equal(z.free_list[o][mt].nr, 0);
	}
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(list_pfns(&z, orders[i], M, pfns, 8), 1);
		assert_int_equal(pfns[0], heads[i]);
		assert_int_equal(z.pages[heads[i]].order, orders[i]);
		assert_int_equal(z.pages[heads[i]].flags, SIM_PG_HEAD);
		assert_int_equal(z.pages[heads[i]].owner, SIM_FREE);
	}
	assert_int_equal(z.pageblock_mt[0], M);
	assert_int_equal(z.pageblock_mt[1], M);
	assert_int_equal(sim_zone_pageblocks_free(&z), 1);
	zone_done(&z);

	/* 4096 pages: four order-10 blocks, lowest first; 8 free pageblocks */
	assert_int_equal(sim_zone_init(&z, "DMA32", 0, 4096, true), 0);
	assert_int_equal(z.zone.type, PF_ZONE_DMA32);
	assert_int_equal(list_pfns(&z, 10, M, pfns, 8), 4);
	assert_int_equal(pfns[0], 0);
	assert_int_equal(pfns[1], 1024);
	assert_int_equal(pfns[2], 2048);
	assert_int_equal(pfns[3], 3072);
	assert_int_equal(sim_zone_pageblocks_free(&z), 8);
	zone_done(&z);

	assert_int_equal(sim_zone_init(&z, "Normal", 0, 0, true), -EINVAL);
	sim_zone_release(&z);
}

/* __rmqueue_smallest() and expand() on the 1000-page zone */
static void test_expand(void **state)
{
	struct sim_stats st;
	struct sim_zone z;

	fresh(&z, &st, 1000, true);
	/* order 0: the smallest block is 992 (order 3): 996/2, 994/1, 993/0 */
	assert_int_equal(get(&z, 0, M, false, &st), 992);
	assert_int_equal(z.zone.nr_free[3], 0);
	assert_int_equal(z.free_list[2][M].head, 996);
	assert_int_equal(z.free_list[1][M].head, 994);
	assert_int_equal(z.free_list[0][M].head, 993);
	assert_int_equal(z.pages[996].order, 2);
	assert_int_equal(z.pages[994].order, 1);
	assert_int_equal(z.zone.free, 999);
	assert_int_equal(z.pages[992].owner, SIM_ANON);
	assert_int_equal(z.pages[992].flags, SIM_PG_HEAD);
	assert_int_equal(z.pages[992].mt, M);
	check_ok(&z);
	assert_int_equal(get(&z, 1, M, false, &st), 994);
	assert_int_equal(get(&z, 0, M, false, &st), 993);
	assert_int_equal(get(&z, 2, M, false, &st), 996);
	/* 960 (order 5) splits into 976/4, 968/3, 964/2, 962/1, 961/0 */
	assert_int_equal(get(&z, 0, M, false, &st), 960);
	assert_int_equal(z.free_list[4][M].head, 976);
	assert_int_equal(z.free_list[3][M].head, 968);
	assert_int_equal(z.free_list[2][M].head, 964);
	assert_int_equal(z.free_list[1][M].head, 962);
	assert_int_equal(z.free_list[0][M].head, 961);
	/* 992..999 all taken: every page owned, flags only on the heads */
	for (uint32_t p = 993; p < 1000; p++) {
		assert_int_equal(z.pages[p].owner, SIM_ANON);
		assert_int_equal(z.pages[p].flags & SIM_PG_HEAD,
				 p == 993 || p == 994 || p == 996 ? SIM_PG_HEAD
								  : 0);
	}
	assert_int_equal(z.zone.free, 1000 - 9);
	assert_int_equal(st.page_ops, 9);
	assert_int_equal(st.steals, 0);
	/* nothing of order 10 in a 1000-page zone */
	assert_int_equal(sim_rmqueue(&z, 10, M, false, &st), SIM_NONE);
	assert_int_equal(sim_rmqueue(&z, 11, M, false, &st), SIM_NONE);
	assert_int_equal(sim_rmqueue(&z, 0, H, false, &st), SIM_NONE);
	zone_done(&z);
}

/* What each list holds, to compare a zone with its first state. */
struct snap {
	size_t n[SIM_MAX_ORDER][SIM_MT_NR];
	uint32_t pfn[SIM_MAX_ORDER][SIM_MT_NR][8];
};

static void take_snap(const struct sim_zone *z, struct snap *s)
{
	memset(s, 0, sizeof(*s));
	for (int o = 0; o < SIM_MAX_ORDER; o++)
		for (int mt = 0; mt < SIM_MT_NR; mt++) {
			s->n[o][mt] = list_pfns(z, o, mt, s->pfn[o][mt], 8);
			assert_true(s->n[o][mt] <= 8);
		}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/*
 * Fill a zone with movable blocks of random orders 0-3, free them in a
 * shuffled order: merging gives back the very lists of the start (for the
 * 1000-page zone, whose lists hold one block each, in the same order too).
 */
static void roundtrip(unsigned long nr_pages, bool exact, uint64_t seed)
{
	struct {
		uint32_t pfn;
		int order;
	} * blk;
	struct snap a, b;
	struct sim_stats st;
	struct sim_zone z;
	size_t n = 0;
	uint64_t x = seed;

	blk = calloc(nr_pages, sizeof(*blk));
	assert_non_null(blk);
	fresh(&z, &st, nr_pages, true);
	take_snap(&z, &a);
	while (z.zone.free) {
		int order = (int)(rnd(&x) & 3);
		uint32_t pfn;

		while ((pfn = get(&z, order, M, false, &st)) == SIM_NONE)
			order--;
		assert_true(order >= 0);
		blk[n].pfn = pfn;
		blk[n++].order = order;
	}
	assert_int_equal(st.page_ops, nr_pages);
	check_ok(&z);
	for (size_t i = n; i > 1; i--) {
		size_t j = rnd(&x) % i;
		__typeof__(*blk) t = blk[i - 1];

		blk[i - 1] = blk[j];
		blk[j] = t;
	}
	for (size_t i = 0; i < n; i++) {
		sim_free_block(&z, blk[i].pfn, blk[i].order, &st);
		if (i % 97 == 0)
			check_ok(&z);
	}
	assert_int_equal(z.zone.free, nr_pages);
	assert_int_equal(st.page_ops, 2 * nr_pages);
	assert_int_equal(st.steals, 0);
	check_ok(&z);
	take_snap(&z, &b);
	for (int o = 0; o < SIM_MAX_ORDER; o++)
		for (int mt = 0; mt < SIM_MT_NR; mt++) {
			assert_int_equal(a.n[o][mt], b.n[o][mt]);
			if (!exact) {
				qsort(a.pfn[o][mt], a.n[o][mt], 4, cmp_u32);
				qsort(b.pfn[o][mt], b.n[o][mt], 4, cmp_u32);
			}
			for (size_t i = 0; i < a.n[o][mt]; i++)
				assert_int_equal(a.pfn[o][mt][i],
						 b.pfn[o][mt][i]);
		}
	for (unsigned long p = 0; p < nr_pages; p++)
		assert_int_equal(z.pages[p].owner, SIM_FREE);
	sim_zone_release(&z);
	free(blk);
}

static void test_roundtrip(void **state)
{
	roundtrip(1000, true, 1);
	roundtrip(1000, true, 12345);
	roundtrip(4096, false, 7);
	roundtrip(8192 + 700, false, 99);
}

/*
 * An unmovable request on a fresh 2048-page zone: no UNMOVABLE or
 * RECLAIMABLE block, so __rmqueue_fallback() takes the largest MOVABLE one,
 * 0 of order 10; order >= pageblock_order claims both its pageblocks.
 * Freeing it merges it back, onto the UNMOVABLE list of its pageblock.
 */
static void test_fallback_large(void **state)
{
	struct sim_stats st;
	struct sim_zone z;

	fresh(&z, &st, 2048, true);
	assert_int_equal(get(&z, 0, U, false, &st), 0);
	assert_int_equal(st.steals, 2);
	assert_int_equal(z.pageblock_mt[0], U);
	assert_int_equal(z.pageblock_mt[1], U);
	assert_int_equal(z.pageblock_mt[2], M);
	assert_int_equal(z.pageblock_mt[3], M);
	/* expand() put the halves on the UNMOVABLE lists */
	assert_int_equal(z.free_list[9][U].head, 512);
	assert_int_equal(z.free_list[0][U].head, 1);
	assert_int_equal(z.free_list[10][M].head, 1024);
	assert_int_equal(z.zone.nr_free[10], 1);
	assert_int_equal(z.pages[0].mt, U);
	check_ok(&z);
	/* another unmovable page comes from the UNMOVABLE lists: no steal */
	assert_int_equal(get(&z, 0, U, false, &st), 1);
	assert_int_equal(st.steals, 2);
	sim_free_block(&z, 1, 0, &st);
	sim_free_block(&z, 0, 0, &st);
	assert_int_equal(z.zone.nr_free[10], 2);
	assert_int_equal(z.free_list[10][U].head, 0);
	assert_int_equal(z.free_list[10][M].head, 1024);
	zone_done(&z);
}

/*
 * A 1024-page zone: pageblock 0 one movable order-9 block, pageblock 1
 * filled with movable pages 512..1023 in order, then nr_freed of them
 * freed from 512 up.
 */
static void setup_pb1(struct sim_zone *z, struct sim_stats *st,
		      unsigned int nr_freed)
{
	fresh(z, st, 1024, true);
	assert_int_equal(get(z, 9, M, false, st), 0);
	for (uint32_t i = 0; i < 512; i++)
		assert_int_equal(get(z, 0, M, false, st), 512 + i);
	assert_int_equal(z->zone.free, 0);
	for (uint32_t i = 0; i < nr_freed; i++)
		sim_free_block(z, 512 + i, 0, st);
	assert_int_equal(z->zone.free, nr_freed);
	check_ok(z);
}

static void test_fallback_whole_block(void **state)
{
	struct sim_stats st;
	struct sim_zone z;

	/*
	 * 300 free pages, 512..811: 512/8, 768/5, 800/3, 808/2.  An
	 * unmovable page: the largest MOVABLE block, 512/8, and an unmovable
	 * request may steal the whole block: 300 free pages move to the
	 * UNMOVABLE lists, 212 movable pages are not alike, 300 >= 256
	 * claims the pageblock.  Then the smallest UNMOVABLE block, 808/2,
	 * gives 808 and leaves 810/1 and 809/0.
	 */
	setup_pb1(&z, &st, 300);
	assert_int_equal(z.free_list[8][M].head, 512);
	assert_int_equal(z.free_list[5][M].head, 768);
	assert_int_equal(z.free_list[3][M].head, 800);
	assert_int_equal(z.free_list[2][M].head, 808);
	assert_int_equal(get(&z, 0, U, false, &st), 808);
	assert_int_equal(st.steals, 1);
	assert_int_equal(z.pageblock_mt[1], U);
	assert_int_equal(z.pageblock_mt[0], M);
	assert_int_equal(z.free_list[8][U].head, 512);
	assert_int_equal(z.free_list[5][U].head, 768);
	assert_int_equal(z.free_list[3][U].head, 800);
	assert_int_equal(z.free_list[1][U].head, 810);
	assert_int_equal(z.free_list[0][U].head, 809);
	for (int o = 0; o < SIM_MAX_ORDER; o++)
		assert_int_equal(z.free_list[o][M].nr, 0);
	check_ok(&z);
	/*
	 * Free 808 again (it merges to 808/2 on the UNMOVABLE list of its
	 * pageblock).  A movable page now falls back to 512/8 UNMOVABLE:
	 * order 8 >= pageblock_order / 2, so the whole block; 212 movable
	 * pages are alike, 300 + 212 >= 256 claims it back.
	 */
	sim_free_block(&z, 808, 0, &st);
	assert_int_equal(z.free_list[2][U].head, 808);
	assert_int_equal(get(&z, 0, M, false, &st), 808);
	assert_int_equal(st.steals, 2);
	assert_int_equal(z.pageblock_mt[1], M);
	zone_done(&z);

	/*
	 * 100 free pages, 512..611: 512/6, 576/5, 608/2.  The whole block
	 * moves (100 pages) but 100 + 0 < 256: the pageblock stays MOVABLE
	 * and nothing is counted.  The smallest UNMOVABLE block, 608/2,
	 * gives 608.  Freed, 608 merges with 609/0 and 610/1 (on UNMOVABLE
	 * lists) into 608/2 on the MOVABLE list of its pageblock.
	 */
	setup_pb1(&z, &st, 100);
	assert_int_equal(get(&z, 0, U, false, &st), 608);
	assert_int_equal(st.steals, 0);
	assert_int_equal(z.pageblock_mt[1], M);
	assert_int_equal(z.free_list[6][U].head, 512);
	assert_int_equal(z.free_list[5][U].head, 576);
	assert_int_equal(z.free_list[1][U].head, 610);
	assert_int_equal(z.free_list[0][U].head, 609);
	check_ok(&z);
	sim_free_block(&z, 608, 0, &st);
	assert_int_equal(z.free_list[2][M].head, 608);
	assert_int_equal(z.free_list[2][M].nr, 1);
	assert_int_equal(z.free_list[1][U].nr, 0);
	assert_int_equal(z.free_list[0][U].nr, 0);
	zone_done(&z);
}

/*
 * A movable request that finds only an order-0 UNMOVABLE block cannot
 * steal the pageblock (order < pageblock_order / 2): the block alone
 * moves to the MOVABLE list, the pageblock stays UNMOVABLE.
 */
static void test_fallback_single(void **state)
{
	struct sim_stats st;
	struct sim_zone z;

	fresh(&z, &st, 1024, true);
	for (uint32_t i = 0; i < 1024; i++)
		assert_int_equal(get(&z, 0, U, false, &st), i);
	assert_int_equal(st.steals, 2);
	assert_int_equal(z.pageblock_mt[0], U);
	sim_free_block(&z, 100, 0, &st);
	sim_free_block(&z, 102, 0, &st);
	/* freed at the head: 102 then 100 */
	assert_int_equal(z.free_list[0][U].head, 102);
	assert_int_equal(get(&z, 0, M, false, &st), 102);
	assert_int_equal(st.steals, 2);
	assert_int_equal(z.pageblock_mt[0], U);
	assert_int_equal(z.pages[102].mt, M);
	assert_int_equal(z.free_list[0][U].head, 100);
	assert_int_equal(z.free_list[0][U].nr, 1);
	/* reclaimable falls back to UNMOVABLE first: 100 */
	assert_int_equal(get(&z, 0, E, false, &st), 100);
	assert_int_equal(sim_rmqueue(&z, 0, M, false, &st), SIM_NONE);
	zone_done(&z);
}

/* Without grouping by mobility every type shares the MOVABLE lists. */
static void test_mobility_off(void **state)
{
	struct sim_stats st;
	struct sim_zone z;

	fresh(&z, &st, 1024, false);
	assert_false(z.mobility);
	/* 0/10 splits into 512/9 .. 1/0, all MOVABLE lists, no steal */
	assert_int_equal(get(&z, 0, U, false, &st), 0);
	assert_int_equal(get(&z, 2, E, false, &st), 4);
	assert_int_equal(get(&z, 1, M, false, &st), 2);
	assert_int_equal(get(&z, 0, U, true, &st), 1);
	assert_int_equal(st.steals, 0);
	for (int pb = 0; pb < 2; pb++)
		assert_int_equal(z.pageblock_mt[pb], M);
	assert_int_equal(z.pages[0].mt, U);
	assert_int_equal(z.pages[4].mt, E);
	for (int o = 0; o < SIM_MAX_ORDER; o++)
		for (int mt = 0; mt < SIM_MT_NR; mt++)
			if (mt != M)
				assert_int_equal(z.free_list[o][mt].nr, 0);
	/* no highatomic reserve before 4.4 */
	sim_reserve_highatomic(&z, 4);
	assert_int_equal(z.pageblock_mt[0], M);
	assert_int_equal(z.zone.reserved_highatomic, 0);
	/* unmovable from anywhere, down to the last page */
	while (get(&z, 0, U, false, &st) != SIM_NONE)
		;
	assert_int_equal(z.zone.free, 0);
	assert_int_equal(st.steals, 0);
	zone_done(&z);

	/* the same first request with mobility takes both pageblocks */
	fresh(&z, &st, 1024, true);
	assert_int_equal(get(&z, 0, U, false, &st), 0);
	assert_int_equal(st.steals, 2);
	assert_int_equal(z.pageblock_mt[0], U);
	sim_zone_release(&z);
}

/*
 * reserve_highatomic_pageblock() on a 2048-page zone: the cap is
 * 2048 / 100 + 512 = 532 pages, so two pageblocks (the second starts at
 * 512 < 532), not three.
 */
static void test_highatomic(void **state)
{
	struct sim_stats st;
	struct sim_zone z;
	struct pf_zone v;

	fresh(&z, &st, 2048, true);
	/* 0/10 splits: 512/9, 256/8, ... 2/1 */
	assert_int_equal(get(&z, 1, M, true, &st), 0);
	sim_reserve_highatomic(&z, 0);
	assert_int_equal(z.pageblock_mt[0], H);
	assert_int_equal(z.zone.reserved_highatomic, 512);
	for (int o = 1; o <= 8; o++) {
		assert_int_equal(z.free_list[o][H].nr, 1);
		assert_int_equal(z.free_list[o][M].nr, 0);
	}
	assert_int_equal(z.free_list[9][M].head, 512);
	check_ok(&z);
	sim_zone_view(&z, &v);
	assert_string_equal(v.mt[1], "H");
	assert_string_equal(v.mt[9], "M");
	assert_int_equal(v.reserved_highatomic, 512);
	/* again on the same block: nothing changes */
	sim_reserve_highatomic(&z, 3);
	assert_int_equal(z.zone.reserved_highatomic, 512);
	sim_reserve_highatomic(&z, 600);
	assert_int_equal(z.pageblock_mt[1], H);
	assert_int_equal(z.zone.reserved_highatomic, 1024);
	assert_int_equal(z.free_list[9][H].head, 512);
	sim_reserve_highatomic(&z, 1500);
	assert_int_equal(z.pageblock_mt[2], M);
	assert_int_equal(z.zone.reserved_highatomic, 1024);
	check_ok(&z);
	/* only a highatomic caller takes from the reserve */
	assert_int_equal(get(&z, 1, M, false, &st), 1024);
	assert_int_equal(get(&z, 1, M, true, &st), 2);
	assert_int_equal(get(&z, 1, U, true, &st), 4);
	/*
	 * Without it, an unmovable request falls back to MOVABLE, never to
	 * HIGHATOMIC: the largest MOVABLE block is 1536/9 (left by the split
	 * of 1024/10), and its pageblock turns UNMOVABLE.
	 */
	assert_int_equal(get(&z, 1, U, false, &st), 1536);
	assert_int_equal(st.steals, 1);
	assert_int_equal(z.pageblock_mt[3], U);
	assert_int_equal(z.pageblock_mt[0], H);
	assert_int_equal(z.pageblock_mt[1], H);
	zone_done(&z);

	/* one pageblock, all reserved: nothing for an ordinary request */
	fresh(&z, &st, 512, true);
	assert_int_equal(get(&z, 1, U, true, &st), 0);
	assert_int_equal(st.steals, 1);
	sim_reserve_highatomic(&z, 0);
	assert_int_equal(z.pageblock_mt[0], H);
	assert_int_equal(sim_rmqueue(&z, 0, M, false, &st), SIM_NONE);
	assert_int_equal(sim_rmqueue(&z, 0, U, false, &st), SIM_NONE);
	assert_int_equal(sim_rmqueue(&z, 0, E, false, &st), SIM_NONE);
	/* a harder caller does: 2/1 splits, 3/0 stays HIGHATOMIC */
	assert_int_equal(get(&z, 0, M, true, &st), 2);
	assert_int_equal(z.free_list[0][H].head, 3);
	/* frees go back to the pageblock's HIGHATOMIC lists */
	sim_free_block(&z, 2, 0, &st);
	assert_int_equal(z.free_list[1][H].head, 2);
	zone_done(&z);
}

/* The zone as explain sees it */
static void test_view(void **state)
{
	struct sim_stats st;
	struct sim_zone z;
	struct pf_zone v;
	struct pf_wm_check c;

	memset(&st, 0, sizeof(st));
	assert_int_equal(sim_zone_init(&z, "Normal", 1, 1000, true), 0);
	z.zone.min = 10;
	z.zone.low = 12;
	z.zone.high = 15;
	z.zone.boost = 3;
	z.zone.lowmem_reserve[3] = 7;
	sim_zone_view(&z, &v);
	assert_string_equal(v.name, "Normal");
	assert_int_equal(v.type, PF_ZONE_NORMAL);
	assert_int_equal(v.node, 1);
	assert_true(v.node_printed);
	assert_int_equal(v.page_kb, 4);
	assert_int_equal(v.free, 1000);
	assert_int_equal(v.min, 10);
	assert_int_equal(v.low, 12);
	assert_int_equal(v.high, 15);
	assert_int_equal(v.boost, 3);
	assert_int_equal(v.present, 1000);
	assert_int_equal(v.managed, 1000);
	assert_int_equal(v.free_cma, 0);
	assert_int_equal(v.reserved_highatomic, 0);
	assert_int_equal(v.nr_lowmem_reserve, SIM_MAX_ZONES);
	assert_int_equal(v.lowmem_reserve[3], 7);
	assert_int_equal(v.nr_orders, 11);
	assert_true(v.has_mt);
	assert_int_equal(v.buddy_total_kb, 4000);
	assert_int_equal(pf_zone_buddy_pages(&v), 1000);
	for (int o = 0; o < 11; o++) {
		bool has = o == 3 || (o >= 5 && o <= 9);

		assert_int_equal(v.nr_free[o], has);
		assert_string_equal(v.mt[o], has ? "M" : "");
	}
	/*
	 * An unmovable page: the largest MOVABLE block is 0/9, whose
	 * pageblock turns UNMOVABLE; its halves 256/8 .. 1/0 are "U".
	 */
	assert_int_equal(get(&z, 0, U, false, &st), 0);
	sim_zone_view(&z, &v);
	{
		static const unsigned long nr[11] = { 1, 1, 1, 2, 1, 2,
						      2, 2, 2, 0, 0 };
		static const char *const mt[11] = { "U",  "U",	"U",  "UM",
						    "U",  "UM", "UM", "UM",
						    "UM", "",	"" };

		for (int o = 0; o < 11; o++) {
			assert_int_equal(v.nr_free[o], nr[o]);
			assert_string_equal(v.mt[o], mt[o]);
		}
	}
	assert_int_equal(v.free, 999);
	assert_int_equal(v.buddy_total_kb, 999 * 4);
	/* the 4.4+ check: no order-9 block is fragmentation, order 8 passes */
	assert_false(pf_zone_watermark_ok(&v, 9, v.min, 0, 0, PF_WM_4_4, &c));
	assert_int_equal(c.cause, PF_CAUSE_FRAGMENTATION);
	assert_true(pf_zone_watermark_ok(&v, 8, v.min, 0, 0, PF_WM_4_4, &c));
	sim_zone_release(&z);
}

/* The LRU lists reuse the links of the free lists. */
static void test_lru(void **state)
{
	struct sim_stats st;
	struct sim_zone z;
	uint32_t a, b, c, d;

	fresh(&z, &st, 1024, true);
	a = sim_rmqueue(&z, 0, M, false, &st);
	b = sim_rmqueue(&z, 0, M, false, &st);
	c = sim_rmqueue(&z, 0, M, false, &st);
	d = sim_rmqueue(&z, 0, U, false, &st);
	sim_set_owner(&z, a, 0, SIM_FILE);
	sim_set_owner(&z, b, 0, SIM_ANON);
	sim_set_owner(&z, c, 0, SIM_FILE_DIRTY);
	sim_set_owner(&z, d, 0, SIM_SLAB);
	sim_lru_add(&z, a);
	sim_lru_add(&z, b);
	sim_lru_add(&z, c);
	sim_lru_add(&z, d); /* slab: no LRU */
	sim_lru_add(&z, a); /* already on it */
	assert_int_equal(z.lru_file.nr, 2);
	assert_int_equal(z.lru_file.head, a);
	assert_int_equal(z.lru_file.tail, c);
	assert_int_equal(z.lru_anon.nr, 1);
	assert_int_equal(z.lru_anon.head, b);
	assert_true(z.pages[a].flags & SIM_PG_LRU);
	assert_false(z.pages[d].flags & SIM_PG_LRU);
	check_ok(&z);
	/* a clean page turns dirty on the LRU: still the file LRU */
	sim_set_owner(&z, a, 0, SIM_FILE_DIRTY);
	assert_true(z.pages[a].flags & SIM_PG_LRU);
	check_ok(&z);
	sim_lru_del(&z, a);
	assert_int_equal(z.lru_file.nr, 1);
	assert_int_equal(z.lru_file.head, c);
	assert_false(z.pages[a].flags & SIM_PG_LRU);
	check_ok(&z);
	/* freeing a page on the LRU takes it off */
	sim_free_block(&z, c, 0, &st);
	assert_int_equal(z.lru_file.nr, 0);
	assert_int_equal(z.lru_file.head, SIM_NONE);
	check_ok(&z);
	sim_free_block(&z, a, 0, &st);
	sim_free_block(&z, b, 0, &st);
	sim_free_block(&z, d, 0, &st);
	assert_int_equal(z.lru_anon.nr, 0);
	assert_int_equal(z.zone.free, 1024);
	zone_done(&z);
}

/*
 * sim_zone_check() on a zone broken on purpose: it must say what broke.
 * The zone is released.
 */
static void expect_broken(struct sim_zone *z, const char *what)
{
	char msg[256];

	assert_int_equal(sim_zone_check(z, msg, sizeof(msg)), -EUCLEAN);
	if (!strstr(msg, what))
		fail_msg("expected \"%s\" in \"%s\"", what, msg);
	sim_zone_release(z);
}

static void test_check(void **state)
{
	struct sim_stats st;
	struct sim_zone z;
	uint32_t p;

	/* a double free through the API: 993 is inside the free 992/3 */
	fresh(&z, &st, 1000, true);
	p = get(&z, 0, M, false, &st);
	assert_int_equal(p, 992);
	sim_free_block(&z, 992, 0, &st);
	check_ok(&z);
	sim_free_block(&z, 992, 0, &st); /* a free head: refused */
	check_ok(&z);
	sim_free_block(&z, 993, 0, &st);
	expect_broken(&z, "in another free block");

	/* a double free by hand: 992 back on the order-0 list next to 993 */
	fresh(&z, &st, 1000, true);
	p = get(&z, 0, M, false, &st);
	z.pages[p].owner = SIM_FREE;
	z.pages[p].flags = SIM_PG_HEAD;
	z.pages[p].order = 0;
	z.pages[p].mt = M;
	z.pages[p].prev = SIM_NONE;
	z.pages[p].next = z.free_list[0][M].head;
	z.pages[z.free_list[0][M].head].prev = p;
	z.free_list[0][M].head = p;
	z.free_list[0][M].nr++;
	z.zone.nr_free[0]++;
	z.zone.free++;
	expect_broken(&z, "not merged");

	/* the same block twice on one list */
	fresh(&z, &st, 1000, true);
	z.pages[992].next = 992;
	expect_broken(&z, "broken at pfn 992");

	fresh(&z, &st, 1000, true);
	z.zone.nr_free[3]++;
	expect_broken(&z, "nr_free[3]");

	fresh(&z, &st, 1000, true);
	z.zone.free--;
	expect_broken(&z, "NR_FREE_PAGES");

	fresh(&z, &st, 1000, true);
	z.free_list[5][M].nr = 2;
	expect_broken(&z, "holds 1 blocks, nr 2");

	fresh(&z, &st, 1000, true);
	z.pages[960].order = 4;
	expect_broken(&z, "no such free head");

	fresh(&z, &st, 1000, true);
	z.pageblock_mt[1] = 9;
	expect_broken(&z, "migratetype 9");

	fresh(&z, &st, 1000, true);
	z.zone.reserved_highatomic = 512;
	expect_broken(&z, "nr_reserved_highatomic");

	/* a page in use inside a free block */
	fresh(&z, &st, 1000, true);
	z.pages[700].owner = SIM_ANON;
	expect_broken(&z, "in use");

	/* a free head on no list */
	fresh(&z, &st, 1000, true);
	p = get(&z, 0, M, false, &st);
	z.pages[p].owner = SIM_FREE;
	expect_broken(&z, "on no free list");

	/* LRU: a page flagged but on no LRU, and a free page on it */
	fresh(&z, &st, 1000, true);
	p = get(&z, 0, M, false, &st);
	z.pages[p].flags |= SIM_PG_LRU;
	expect_broken(&z, "flagged LRU");
	fresh(&z, &st, 1000, true);
	p = get(&z, 0, M, false, &st);
	sim_set_owner(&z, p, 0, SIM_FILE);
	sim_lru_add(&z, p);
	check_ok(&z);
	/* anon now, still on the file LRU */
	sim_set_owner(&z, p, 0, SIM_ANON);
	expect_broken(&z, "file LRU");

	/* a page turned anon behind count_owner()'s back: wl_pick() would
	 * step over its pageblock */
	fresh(&z, &st, 1000, true);
	p = get(&z, 0, M, false, &st);
	sim_set_owner(&z, p, 0, SIM_ANON);
	check_ok(&z);
	z.pages[p].owner = SIM_SLAB_RECLAIMABLE;
	expect_broken(&z, "counts 1 anon, 0 slab, 487 small free pages, "
			  "holds 0, 1, 487");
	/* a small free block the count missed: compaction's free scanner
	 * would step over it */
	fresh(&z, &st, 1000, true);
	z.pb_free[1]--;
	expect_broken(&z, "counts 0 anon, 0 slab, 487 small free pages, "
			  "holds 0, 0, 488");
}

/*
 * The untouched run: a 64 GiB zone plus a short tail holds its order-10
 * blocks as one written block; taking them gives them lowest first as the
 * written lists did, each next one written in its place; a block given
 * back goes where the lists put it, before the run; a steal of the first
 * takes it off the run; the checker follows every step.
 */
static void test_untouched_run(void **state)
{
	const unsigned long nr = (1UL << 24) + 1000, blocks = 1UL << 14;
	struct sim_stats st;
	struct sim_zone z;
	uint32_t pfns[4], a, b;

	fresh(&z, &st, nr, true);
	assert_int_equal(z.run_pfn, 0);
	assert_int_equal(z.run_end, 1UL << 24);
	assert_int_equal(z.zone.nr_free[10], blocks);
	assert_int_equal(z.free_list[10][M].nr, blocks);
	assert_int_equal(z.zone.free, nr);
	/* the 1000 pages past the run: written blocks of their own */
	assert_int_equal(z.zone.nr_free[9], 1);
	assert_int_equal(list_pfns(&z, 10, M, pfns, 4), blocks);
	assert_int_equal(pfns[3], 3 * 1024);
	check_ok(&z);
	/* the first block taken: the run moves on */
	a = sim_rmqueue(&z, 10, M, false, &st);
	assert_int_equal(a, 0);
	assert_int_equal(z.run_pfn, 1024);
	assert_int_equal(z.free_list[10][M].head, 1024);
	assert_int_equal(z.zone.nr_free[10], blocks - 1);
	check_ok(&z);
	b = sim_rmqueue(&z, 10, M, false, &st);
	assert_int_equal(b, 1024);
	assert_int_equal(z.run_pfn, 2048);
	check_ok(&z);
	/* back: at the head, before the run, as __free_one_page() puts it */
	sim_free_block(&z, a, 10, &st);
	assert_int_equal(z.free_list[10][M].head, 0);
	assert_int_equal(sim_free_next(&z, 0), 2048);
	check_ok(&z);
	/* an unmovable request falls back and steals the run's first */
	assert_int_equal(sim_rmqueue(&z, 10, M, false, &st), 0);
	a = get(&z, 10, U, false, &st);
	assert_int_equal(a, 2048);
	assert_int_equal(z.pageblock_mt[a >> SIM_PAGEBLOCK_ORDER], U);
	assert_int_equal(z.run_pfn, 3072);
	assert_int_equal(z.free_list[10][M].head, 3072);
	assert_int_equal(z.zone.free, nr - 3 * 1024);
	/* split: the halves go on the lists, the run stays whole */
	a = get(&z, 1, M, false, &st);
	assert_int_equal(z.run_pfn, 3072);
	check_ok(&z);
	/* a checker that would miss a broken run */
	zone_done(&z);
	fresh(&z, &st, nr, true);
	z.run_end -= 1024;
	expect_broken(&z, "holds 16383 blocks, nr 16384");
}

/*
 * The migratetype letters of order o as sim_zone_view() used to build
 * them for every check: one for each non-empty list, "UMEHI" order,
 * none when nr_free[o] is 0, NUL to the end.
 */
static void letters_of(const struct sim_zone *z, int o, char out[PF_MT_LETTERS])
{
	static const char letters[SIM_MT_NR] = "UMEHI";
	size_t n = 0;

	memset(out, 0, PF_MT_LETTERS);
	if (!z->zone.nr_free[o])
		return;
	for (int mt = 0; mt < SIM_MT_NR; mt++)
		if (z->free_list[o][mt].nr)
			out[n++] = letters[mt];
}

/* zone.mt[] of every order is what the lists say, after step */
static void letters_ok(const struct sim_zone *z, const char *step, int i)
{
	for (int o = 0; o < PF_MAX_ORDER; o++) {
		char want[PF_MT_LETTERS] = { 0 };

		if (o < SIM_MAX_ORDER)
			letters_of(z, o, want);
		if (memcmp(z->zone.mt[o], want, sizeof(want)))
			fail_msg(
				"after %s %d: order %d letters \"%.*s\", the lists say \"%s\"",
				step, i, o, PF_MT_LETTERS, z->zone.mt[o], want);
	}
	assert_true(z->zone.has_mt);
}

/*
 * One step of test_mt_letters(): a random allocation of any order and
 * type (highatomic or not, growing the reserve sometimes), a free, or
 * the reserve given back.  Returns the name of what it did.
 */
static const char *letters_step(struct sim_zone *z, struct sim_stats *st,
				uint64_t r, uint32_t *pfns, int *orders,
				size_t *n)
{
	if ((r & 15) == 0)
		return sim_unreserve_highatomic(z, (int)((r >> 4) % 3))
			       ? "unreserve"
			       : "no unreserve";
	if ((r % 100) < 55 || !*n) {
		int order = (int)((r >> 8) % 7), mt = (int)((r >> 16) % 3);
		bool ha = ((r >> 24) & 3) == 0;
		uint32_t pfn = get(z, order, mt, ha, st);

		if (pfn == SIM_NONE)
			return "failed rmqueue";
		if (ha && order && ((r >> 32) & 1))
			sim_reserve_highatomic(z, pfn);
		pfns[*n] = pfn;
		orders[(*n)++] = order;
		return "rmqueue";
	}
	r = (r >> 32) % *n;
	sim_free_block(z, pfns[r], orders[r], st);
	pfns[r] = pfns[--*n];
	orders[r] = orders[*n];
	return "free";
}

/*
 * The letters pf_zone_order_usable() reads are kept as the lists change
 * (sim_zone_mt_update()), not rebuilt: after every allocation, free,
 * steal, move of a pageblock's free pages and highatomic reserve taken
 * or given back, each order's letters are the lists', and the checker
 * sees a letter that is not.
 */
static void test_mt_letters(void **state)
{
	static uint32_t pfns[4096];
	static int orders[4096];
	struct sim_stats st;
	struct sim_zone z;
	uint64_t x = 0xfeedbeef;
	size_t n = 0;

	/*
	 * By hand, on the 1000-page zone of test_view(): an unmovable page
	 * steals the pageblock of 0/9, whose halves 256/8 .. 1/0 are "U".
	 */
	fresh(&z, &st, 1000, true);
	letters_ok(&z, "init", 0);
	assert_string_equal(z.zone.mt[9], "M");
	assert_string_equal(z.zone.mt[4], "");
	assert_int_equal(get(&z, 0, U, false, &st), 0);
	letters_ok(&z, "steal", 0);
	assert_string_equal(z.zone.mt[9], "");
	assert_string_equal(z.zone.mt[8], "UM");
	assert_string_equal(z.zone.mt[4], "U");
	/* a highatomic reserve of that pageblock: its free blocks turn H */
	sim_reserve_highatomic(&z, 0);
	letters_ok(&z, "reserve", 0);
	assert_string_equal(z.zone.mt[8], "MH");
	assert_string_equal(z.zone.mt[4], "H");
	assert_string_equal(z.zone.mt[3], "MH");
	/* given back as unmovable: "U" again */
	assert_true(sim_unreserve_highatomic(&z, U));
	letters_ok(&z, "unreserve", 0);
	assert_string_equal(z.zone.mt[8], "UM");
	assert_string_equal(z.zone.mt[4], "U");
	/* the page back: 0/9 again, on the lists of its pageblock, U */
	sim_free_block(&z, 0, 0, &st);
	letters_ok(&z, "free", 0);
	assert_string_equal(z.zone.mt[9], "U");
	assert_string_equal(z.zone.mt[8], "M");
	assert_string_equal(z.zone.mt[4], "");
	assert_string_equal(z.zone.mt[0], "");
	zone_done(&z);

	/* at random, with grouping by mobility and without */
	for (int mob = 0; mob < 2; mob++) {
		fresh(&z, &st, 4096, mob);
		for (int i = 0; i < 20000; i++) {
			const char *step = letters_step(&z, &st, rnd(&x), pfns,
							orders, &n);

			letters_ok(&z, step, i);
		}
		if (mob)
			assert_true(st.steals > 0);
		while (n) {
			n--;
			sim_free_block(&z, pfns[n], orders[n], &st);
			letters_ok(&z, "free all", (int)n);
		}
		/* all merged back: four order-10 blocks, whatever their types */
		assert_int_equal(z.zone.nr_free[10], 4);
		assert_true(z.zone.mt[10][0] != '\0');
		zone_done(&z);
	}

	/* the checker: a letter too many, one missing, one left past NUL */
	fresh(&z, &st, 1000, true);
	z.zone.mt[3][1] = 'U';
	expect_broken(&z, "order 3 migratetype letters \"MU\"");
	fresh(&z, &st, 1000, true);
	z.zone.mt[9][0] = '\0';
	expect_broken(&z,
		      "order 9 migratetype letters \"\", the lists say \"M\"");
	fresh(&z, &st, 1000, true);
	get(&z, 0, M, false, &st);
	z.zone.mt[0][1] = 'E';
	expect_broken(&z, "order 0 migratetype letters");
}

/*
 * 100k random operations, orders 0-5, every migratetype, highatomic
 * callers and reserves, LRU pages: the invariants hold after every 1000,
 * and freeing everything merges the zone back into order-10 blocks.
 */
static void stress(bool mobility, unsigned long nr_pages, int nr_ops)
{
	struct {
		uint32_t pfn;
		int order;
	} * blk;
	struct sim_stats st;
	struct sim_zone z;
	size_t n = 0;
	uint64_t x = 0x1234567;
	char msg[256];

	blk = calloc(nr_pages, sizeof(*blk));
	assert_non_null(blk);
	fresh(&z, &st, nr_pages, mobility);
	for (int i = 1; i <= nr_ops; i++) {
		uint64_t r = rnd(&x);
		int share = (unsigned long)z.zone.free > nr_pages / 8 ? 55 : 20;
		bool alloc = (int)(r % 100) < share;

		if (alloc || !n) {
			int order = (int)((r >> 8) % 6);
			int mt = (int)((r >> 16) % 3);
			bool ha = ((r >> 24) & 7) == 0;
			uint32_t pfn = sim_rmqueue(&z, order, mt, ha, &st);

			if (pfn != SIM_NONE) {
				int owner = SIM_SLAB;

				if (mt == E)
					owner = SIM_SLAB_RECLAIMABLE;
				else if (mt == M)
					owner = (r >> 28) & 1 ? SIM_FILE
							      : SIM_ANON;

				sim_set_owner(&z, pfn, order, owner);
				if (mt == M && !order)
					sim_lru_add(&z, pfn);
				if (ha && order && ((r >> 32) & 3) == 0)
					sim_reserve_highatomic(&z, pfn);
				blk[n].pfn = pfn;
				blk[n++].order = order;
			}
		} else {
			size_t k = (size_t)((r >> 32) % n);

			if (((r >> 40) & 3) == 0)
				sim_lru_del(&z, blk[k].pfn);
			sim_free_block(&z, blk[k].pfn, blk[k].order, &st);
			blk[k] = blk[--n];
		}
		if (i % 1000 == 0 && sim_zone_check(&z, msg, sizeof(msg)))
			fail_msg("after %d ops: %s", i, msg);
	}
	check_ok(&z);
	if (mobility)
		assert_true(st.steals > 0);
	else
		assert_int_equal(st.steals, 0);
	while (n) {
		n--;
		sim_free_block(&z, blk[n].pfn, blk[n].order, &st);
	}
	check_ok(&z);
	assert_int_equal(z.zone.free, nr_pages);
	assert_int_equal(z.zone.nr_free[10], nr_pages >> 10);
	assert_int_equal(z.lru_file.nr + z.lru_anon.nr, 0);
	sim_zone_release(&z);
	free(blk);
}

static void test_stress(void **state)
{
	stress(true, 16384, 100000);
	stress(false, 8192, 20000);
}

/* The benchmark runs, checks the zone, and gives sane figures. */
static void test_bench(void **state)
{
	double ops = 0, bpp = 0;

	assert_int_equal(pf_sim_bench(0.2, &ops, &bpp), 0);
	/*
	 * No floor on the rate: a loaded machine (or valgrind) can stall
	 * the one batch a 0.2 s run times; bench/sim-bench.sh holds the
	 * speed to its goal, here it only has to count something
	 */
	assert_true(ops > 0);
	assert_true(bpp >= sizeof(struct sim_page));
	assert_true(bpp < 16);
	print_message("pf_sim_bench: %.1f M page ops/s, %.4f bytes/page\n",
		      ops / 1e6, bpp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_fallback_large),
		cmocka_unit_test(test_fallback_whole_block),
		cmocka_unit_test(test_fallback_single),
		cmocka_unit_test(test_mobility_off),
		cmocka_unit_test(test_highatomic),
		cmocka_unit_test(test_view),
		cmocka_unit_test(test_lru),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_untouched_run),
		cmocka_unit_test(test_mt_letters),
		cmocka_unit_test(test_stress),
		cmocka_unit_test(test_bench),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
