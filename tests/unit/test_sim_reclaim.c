// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_sim_reclaim.c - unit tests of the simulator's reclaim (reclaim.c),
 * compaction (compact.c), kswapd and kcompactd (kswapd.c) on a machine
 * built by hand: one zone, watermarks set directly, pages taken with
 * sim_rmqueue() and given owners and LRU places as the workload would.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"

#define PB_NR (1UL << SIM_PAGEBLOCK_ORDER)

struct machine {
	struct sim *s;
	struct pf_scenario *sc;
	struct sim_zone *z;
};

static void machine_free(struct machine *m)
{
	sim_zone_release(m->z);
	free(m->s);
	free(m->sc);
}

static void assert_invariants(const struct machine *m)
{
	char msg[256];
	int err = sim_zone_check(m->z, msg, sizeof(msg));

	if (err)
		fail_msg("invariant broken: %s", msg);
}

/* One order-0 page of owner, on the LRU when it is page cache or anon. */
static uint32_t take_page(struct machine *m, int owner)
{
	int mt = owner == SIM_SLAB_RECLAIMABLE		 ? SIM_MT_RECLAIMABLE
		 : owner == SIM_SLAB || owner == SIM_NET ? SIM_MT_UNMOVABLE
							 : SIM_MT_MOVABLE;
	uint32_t pfn = sim_rmqueue(m->z, 0, mt, false, &m->s->st);

	assert_int_not_equal(pfn, SIM_NONE);
	sim_set_owner(m->z, pfn, 0, owner);
	if (owner == SIM_FILE || owner == SIM_FILE_DIRTY || owner == SIM_ANON)
		sim_lru_add(m->z, pfn);
	/* sim_set_owner() counts the slab pages */
	return pfn;
}

/* n order-0 pages of owner (take_page()) */
static void fill(struct machine *m, int owner, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		take_page(m, owner);
}

/* Every page anonymous, then every other one freed: all free blocks order 0. */
static void checkerboard(struct machine *m)
{
	unsigned long n = m->z->nr_pages;

	fill(m, SIM_ANON, n);
	assert_int_equal(m->z->zone.free, 0);
	for (unsigned long pfn = 1; pfn < n; pfn += 2)
		sim_free(m->s, 0, (uint32_t)pfn, 0);
	assert_int_equal(m->z->zone.free, n / 2);
	assert_int_equal(m->z->zone.nr_free[0], n / 2);
	assert_int_equal(m->z->lru_anon.nr, n / 2);
	assert_invariants(m);
}

/*
 * A test's machine: its watermark era, swap, what its kswapd and
 * kcompactd do, and whether it starts as the checkerboard.
 */
struct machine_cfg {
	int wm_era; /* enum pf_wm_era */
	bool swap;
	bool board;		  /* checkerboard() made */
	int kswapd_compacts_from; /* the lowest order, 0: it never does */
	bool kcompactd, highatomic, proactive, boost;
	/*
	 * kswapd balances every zone at its order (2.6.x, RHEL 5/6), or a
	 * quarter of the node (2.6.38-4.7, RHEL 7); else any zone (4.8+)
	 */
	bool at_order, quarter, balance_gap;
};

/*
 * A 32 MiB zone (16 pageblocks) on node 0 with min 128, low 160 and high
 * 192 pages; kswapd reclaims and compaction migrates 100000 pages a
 * second, 100 a millisecond.
 */
static void machine_init(struct machine *m, const struct machine_cfg *cfg)
{
	m->sc = calloc(1, sizeof(*m->sc));
	m->s = calloc(1, sizeof(*m->s));
	assert_non_null(m->sc);
	assert_non_null(m->s);
	m->sc->swap = cfg->swap;
	m->sc->scan_rate = 100000;
	m->sc->compact_rate = 100000;
	m->sc->tick = 0.001;
	m->s->sc = m->sc;
	m->s->scan_rate = m->sc->scan_rate;
	m->s->compact_rate = m->sc->compact_rate;
	m->s->rng = 0x9e3779b97f4a7c15ULL;
	m->s->era.wm_era = cfg->wm_era;
	m->s->era.mobility = true;
	m->s->era.kswapd_compacts = cfg->kswapd_compacts_from > 0;
	m->s->era.kswapd_compact_min_order = cfg->kswapd_compacts_from
						     ? cfg->kswapd_compacts_from
						     : SIM_MAX_ORDER;
	m->s->era.kcompactd = cfg->kcompactd;
	m->s->era.highatomic = cfg->highatomic;
	m->s->era.proactive = cfg->proactive;
	m->s->era.boost = cfg->boost;
	m->s->era.kswapd_balance = cfg->at_order  ? PF_KSWAPD_ALL
				   : cfg->quarter ? PF_KSWAPD_QUARTER
						  : PF_KSWAPD_ANY;
	m->s->era.kswapd_order0 =
		cfg->at_order ? PF_ORDER0_SLOW_PASS : PF_ORDER0_RECLAIMED;
	m->s->era.kswapd_reserve = cfg->at_order;
	m->s->era.kswapd_testorder = cfg->quarter;
	m->s->era.kswapd_balance_gap = cfg->balance_gap || cfg->quarter;
	m->s->tun.compaction_proactiveness = 20;
	m->z = &m->s->zones[0];
	assert_int_equal(sim_zone_init(m->z, "Normal", 0, 16 * PB_NR, true), 0);
	m->s->nr_zones = 1;
	m->s->nr_nodes = 1;
	m->s->zone_enum[0] = 0;
	m->z->zone.min = 128;
	m->z->zone.low = 160;
	m->z->zone.high = 192;
	if (cfg->board)
		checkerboard(m);
}

/* machine_init() of the fields of a struct machine_cfg given by name */
#define MACHINE(m, ...)                                                        \
	machine_init(m, &(const struct machine_cfg){ __VA_ARGS__ })

static unsigned long free_above(const struct sim_zone *z, int order)
{
	unsigned long n = 0;

	for (int o = order; o < SIM_MAX_ORDER; o++)
		n += z->zone.nr_free[o];
	return n;
}

/* ---- reclaim ---------------------------------------------------------- */

/*
 * The file LRU holds 50 dirty pages (oldest), then 50 clean; 50 anon.
 * Asking for 30 writes back the 50 dirty ones and frees 30 clean ones;
 * asking for 100 then frees the 20 clean left and the 50 written back;
 * anon stays without swap.
 */
static void test_shrink_order(void **state)
{
	uint32_t dirty[50], clean[50], anon[50];
	struct machine m;
	unsigned long freed, before;

	(void)state;
	MACHINE(&m, .wm_era = PF_WM_2_6);
	for (int i = 0; i < 50; i++)
		dirty[i] = take_page(&m, SIM_FILE_DIRTY);
	for (int i = 0; i < 50; i++)
		clean[i] = take_page(&m, SIM_FILE);
	for (int i = 0; i < 50; i++)
		anon[i] = take_page(&m, SIM_ANON);
	before = m.z->zone.free;

	freed = sim_shrink_zone(m.s, m.z, 30, false);
	assert_int_equal(freed, 30);
	assert_int_equal(m.z->zone.free, before + 30);
	for (int i = 0; i < 30; i++)
		assert_int_equal(m.z->pages[clean[i]].owner, SIM_FREE);
	for (int i = 30; i < 50; i++)
		assert_int_equal(m.z->pages[clean[i]].owner, SIM_FILE);
	/* written back: clean now, still there, moved to the young end */
	for (int i = 0; i < 50; i++) {
		assert_int_equal(m.z->pages[dirty[i]].owner, SIM_FILE);
		assert_true(m.z->pages[dirty[i]].flags & SIM_PG_LRU);
	}
	assert_int_equal(m.z->lru_file.nr, 70);
	assert_int_equal(m.z->lru_file.head, clean[30]);
	assert_int_equal(m.z->lru_file.tail, dirty[49]);
	assert_int_equal(m.z->lru_anon.nr, 50);
	assert_invariants(&m);

	freed = sim_shrink_zone(m.s, m.z, 100, false);
	assert_int_equal(freed, 70);
	assert_int_equal(m.z->lru_file.nr, 0);
	assert_int_equal(m.z->lru_anon.nr, 50);
	for (int i = 0; i < 50; i++)
		assert_int_equal(m.z->pages[anon[i]].owner, SIM_ANON);
	/* nothing left to take without swap */
	assert_int_equal(sim_shrink_zone(m.s, m.z, 10, false), 0);
	assert_invariants(&m);

	/* with swap, anon goes, oldest first */
	freed = sim_shrink_zone(m.s, m.z, 10, true);
	assert_int_equal(freed, 10);
	assert_int_equal(m.z->lru_anon.nr, 40);
	assert_int_equal(m.z->pages[anon[9]].owner, SIM_FREE);
	assert_int_equal(m.z->pages[anon[10]].owner, SIM_ANON);
	assert_int_equal(m.z->zone.free, before + 110);
	assert_invariants(&m);
	machine_free(&m);
}

/*
 * Reclaimable slab with an empty LRU: the shrinker scans 4 slab pages for
 * each page short and frees about one in four of them.
 */
static void test_shrink_slab(void **state)
{
	struct machine m;
	unsigned long freed, slab;

	(void)state;
	MACHINE(&m, .wm_era = PF_WM_4_4);
	fill(&m, SIM_SLAB_RECLAIMABLE, 400);
	fill(&m, SIM_SLAB, 100);
	slab = m.z->nr_slab_reclaimable;
	assert_int_equal(slab, 400);

	freed = sim_shrink_zone(m.s, m.z, 32, false);
	/* 128 scanned, one in four freed: far fewer than scanned */
	assert_true(freed > 0);
	assert_true(freed < 100);
	assert_int_equal(m.z->nr_slab_reclaimable, slab - freed);
	assert_int_equal(m.z->zone.free, m.z->nr_pages - 500 + freed);
	assert_invariants(&m);

	machine_free(&m);
}

/* ---- compaction ------------------------------------------------------- */

/*
 * The checkerboard: reclaim cannot help (anon, no swap) and makes no
 * order-1 block; compaction moves the anon pages up and the freed pages
 * merge into blocks of order 3 and more.
 */
static void test_checkerboard_compaction(void **state)
{
	struct machine m;
	unsigned long migrated, n;

	(void)state;
	MACHINE(&m, .wm_era = PF_WM_2_6, .board = true);
	n = m.z->nr_pages;

	assert_int_equal(sim_shrink_zone(m.s, m.z, 1000, false), 0);
	assert_int_equal(free_above(m.z, 1), 0);

	migrated = sim_compact_zone(m.s, m.z, 3, 100000);
	assert_true(migrated > 0);
	assert_true(free_above(m.z, 3) > 0);
	assert_int_equal(m.s->st.compacted_pages, migrated);
	/* it stopped once order 3 passed at low, long before the end */
	assert_true(migrated < n / 4);
	assert_int_equal(m.z->zone.free, n / 2);
	assert_int_equal(m.z->lru_anon.nr, n / 2);
	assert_invariants(&m);

	/* a whole pass (order -1): the low half ends up in free pageblocks */
	migrated += sim_compact_zone(m.s, m.z, -1, 100000);
	assert_true(sim_zone_pageblocks_free(m.z) >= 6);
	assert_int_equal(m.s->st.compacted_pages, migrated);
	assert_int_equal(m.z->zone.free, n / 2);
	assert_int_equal(m.z->lru_anon.nr, n / 2);
	/* the scanners met and were reset for the next pass */
	assert_int_equal(m.z->migrate_pfn, 0);
	assert_int_equal(m.z->free_pfn, n - PB_NR);
	assert_invariants(&m);
	/* nothing is left to move down there */
	assert_true(sim_compact_zone(m.s, m.z, -1, 100000) < 64);
	assert_invariants(&m);
	machine_free(&m);
}

/*
 * The free scanner takes the only order-2 block (isolate_free_block()):
 * the order-2 list is empty from then on, and so are the letters of
 * order 2 that the watermark checks read.  Every page anonymous but
 * that block near the end; a budget of 3 moves 0, 1, 2 into it, which
 * leaves 0/1 and 2/0 free at the start and the unused target 8184/0.
 */
static void test_compaction_letters(void **state)
{
	struct machine m;
	unsigned long n;

	(void)state;
	MACHINE(&m, .wm_era = PF_WM_4_4);
	n = m.z->nr_pages;
	fill(&m, SIM_ANON, n);
	for (unsigned long pfn = n - 8; pfn < n - 4; pfn++) {
		sim_lru_del(m.z, (uint32_t)pfn);
		sim_free(m.s, 0, (uint32_t)pfn, 0);
	}
	assert_int_equal(m.z->zone.nr_free[2], 1);
	assert_string_equal(m.z->zone.mt[2], "M");
	m.z->zone.min = 0; /* no watermark in the scanner's way */
	assert_int_equal(sim_compact_zone(m.s, m.z, -1, 3), 3);
	assert_int_equal(m.z->zone.nr_free[2], 0);
	assert_string_equal(m.z->zone.mt[2], "");
	assert_int_equal(m.z->zone.nr_free[1], 1);
	assert_string_equal(m.z->zone.mt[1], "M");
	assert_int_equal(m.z->zone.nr_free[0], 2);
	assert_string_equal(m.z->zone.mt[0], "M");
	assert_int_equal(m.z->zone.free, 4);
	assert_invariants(&m);
	machine_free(&m);
}

/* Within its budget, and never moving slab or unmovable pageblocks. */
static void test_compaction_budget_and_pins(void **state)
{
	struct machine m;
	unsigned long migrated;
	uint32_t slab[64];

	(void)state;
	MACHINE(&m, .wm_era = PF_WM_4_4, .board = true);
	/* the first pageblock turns unmovable: its pages must stay */
	m.z->pageblock_mt[0] = SIM_MT_UNMOVABLE;
	for (int i = 0; i < 64; i++) {
		/* in pageblock 2 */
		slab[i] = (uint32_t)(2 * PB_NR + 2 * i);
		sim_lru_del(m.z, slab[i]);
		sim_set_owner(m.z, slab[i], 0, SIM_SLAB);
	}
	migrated = sim_compact_zone(m.s, m.z, -1, 50);
	assert_int_equal(migrated, 50);
	migrated += sim_compact_zone(m.s, m.z, -1, 1000000);
	assert_int_equal(m.s->st.compacted_pages, migrated);
	for (unsigned long pfn = 0; pfn < PB_NR; pfn += 2)
		assert_int_equal(m.z->pages[pfn].owner, SIM_ANON);
	for (int i = 0; i < 64; i++)
		assert_int_equal(m.z->pages[slab[i]].owner, SIM_SLAB);
	assert_invariants(&m);
	machine_free(&m);
}

/* ---- kswapd and kcompactd --------------------------------------------- */

/* Run kswapd for up to ms milliseconds or until kswapd and kcompactd sleep. */
static void run_ms(struct machine *m, int ms)
{
	for (int i = 0; i < ms; i++) {
		sim_kswapd_run(m->s, 0.001);
		m->s->t += 0.001;
		assert_invariants(m);
		if (!m->s->kswapd[0].awake && !m->s->kswapd[0].kcompactd_awake)
			break;
	}
}

/* Node 0's kswapd awake or not, for order, woken so often (-1: not asked) */
static void expect_kswapd(const struct machine *m, int awake, int order,
			  long wakeups)
{
	const struct sim_kswapd *k = &m->s->kswapd[0];

	if (awake >= 0 && k->awake != (awake > 0))
		fail_msg("kswapd %s", k->awake ? "awake" : "asleep");
	if (order >= 0 && k->order != order)
		fail_msg("kswapd for order %d, not %d", k->order, order);
	if (wakeups >= 0 &&
	    m->s->st.kswapd_wakeups != (unsigned long long)wakeups)
		fail_msg("%llu kswapd wakeups, not %ld",
			 m->s->st.kswapd_wakeups, wakeups);
}

/*
 * RHEL 6.2: kswapd compacts only for order > 3.  Woken for order 1 with
 * free memory above high in order-0 pages only, it sleeps at once and
 * leaves them so.
 */
static void test_kswapd_rhel62_sleeps(void **state)
{
	struct machine m;

	(void)state;
	MACHINE(&m, .wm_era = PF_WM_RHEL6, .board = true,
		.kswapd_compacts_from = 4, .at_order = true,
		.balance_gap = true);

	sim_wakeup_kswapd(m.s, 0, 1, -1, false);
	expect_kswapd(&m, true, 1, 1);
	/* a second wakeup while awake is no new wakeup */
	sim_wakeup_kswapd(m.s, 0, 0, -1, false);
	expect_kswapd(&m, -1, 1, 1);

	sim_kswapd_run(m.s, 0.001);
	expect_kswapd(&m, false, 0, -1);
	assert_int_equal(free_above(m.z, 1), 0);
	assert_int_equal(m.s->st.compacted_pages, 0);
	assert_int_equal(m.s->st.kswapd_reclaimed_pages, 0);

	sim_wakeup_kswapd(m.s, 0, 1, -1, false);
	assert_int_equal(m.s->st.kswapd_wakeups, 2);
	assert_invariants(&m);
	machine_free(&m);
}

/*
 * balance_pgdat() up to 2.6.37 and in RHEL 5/6: woken for order 1 with
 * free memory far above high but all of it order 0, between page cache
 * pages, kswapd reclaims (without compacting) until the zone passes the
 * order-1 check at high, then sleeps; balance_gap (RHEL 6) or 8 x high
 * (2.6.32) only decide which zones it shrinks.  From 4.8 kswapd takes
 * one batch from the node's LRU, has 2 << order pages back, drops to
 * order 0 and sleeps.
 */
static void test_kswapd_at_order(void **state)
{
	(void)state;
	for (int era = 0; era < 3; era++) {
		struct machine m;
		unsigned long n;

		MACHINE(&m, .wm_era = era == 1 ? PF_WM_2_6 : PF_WM_RHEL6,
			.at_order = era < 2, .balance_gap = era == 0);
		n = m.z->nr_pages;
		fill(&m, SIM_FILE, n);
		for (unsigned long pfn = 1; pfn < n; pfn += 2)
			sim_free(m.s, 0, (uint32_t)pfn, 0);
		assert_int_equal(free_above(m.z, 1), 0);
		sim_wakeup_kswapd(m.s, 0, 1, -1, false);
		run_ms(&m, 1000);
		expect_kswapd(&m, false, 0, 1);
		assert_int_equal(m.s->st.compacted_pages, 0);
		if (era == 2) {
			assert_int_equal(m.s->st.kswapd_reclaimed_pages,
					 SIM_SWAP_CLUSTER_MAX);
		} else {
			assert_true(m.s->st.kswapd_reclaimed_pages > 0);
			assert_true(pf_zone_watermark_ok(
				&m.z->zone, 1, m.z->zone.high, -1, 0,
				m.s->era.wm_era, NULL));
			/* batches of SWAP_CLUSTER_MAX: no more than needed */
			assert_true(m.s->st.kswapd_reclaimed_pages <
				    (unsigned long)m.z->zone.high * 2);
		}
		machine_free(&m);
	}
}

/*
 * 3.4-4.5: kswapd balances at order 0 where compaction could work, and
 * compacts for order 1 until the blocks are there.
 */
static void test_kswapd_compacts(void **state)
{
	struct machine m;

	(void)state;
	MACHINE(&m, .wm_era = PF_WM_2_6, .kswapd_compacts_from = 1,
		.board = true, .quarter = true);

	sim_wakeup_kswapd(m.s, 0, 1, -1, false);
	run_ms(&m, 1000);
	assert_false(m.s->kswapd[0].awake);
	assert_true(free_above(m.z, 1) > 0);
	assert_true(m.s->st.compacted_pages > 0);
	/* at most 100 pages a millisecond */
	assert_true(m.s->st.compacted_pages <= 100 * 1000);
	machine_free(&m);
}

/* ---- kswapd on a node of two zones ------------------------------------ */

#define DMA32_PAGES  (8 * PB_NR) /* a quarter of the node */
#define NORMAL_PAGES (24 * PB_NR)

/*
 * machine_init()'s machine and a Normal zone above its zone, which
 * becomes DMA32 (a quarter of the node's pages), each with min 128, low
 * 160 and high 192; DMA32 holds reserve pages against Normal requests.
 * m->z is the Normal zone.
 */
static void two_zones(struct machine *m, const struct machine_cfg *cfg,
		      long reserve)
{
	struct sim_zone *dma32, *normal;

	machine_init(m, cfg);
	dma32 = &m->s->zones[0];
	normal = &m->s->zones[1];
	sim_zone_release(dma32);
	assert_int_equal(sim_zone_init(dma32, "DMA32", 0, DMA32_PAGES, true),
			 0);
	assert_int_equal(sim_zone_init(normal, "Normal", 0, NORMAL_PAGES, true),
			 0);
	m->s->nr_zones = 2;
	m->s->zone_enum[0] = 1;
	m->s->zone_enum[1] = 2;
	for (int i = 0; i < 2; i++) {
		m->s->zones[i].zone.min = 128;
		m->s->zones[i].zone.low = 160;
		m->s->zones[i].zone.high = 192;
	}
	dma32->zone.lowmem_reserve[2] = reserve;
	m->z = normal;
}

static void two_zones_free(struct machine *m)
{
	sim_zone_release(&m->s->zones[0]);
	machine_free(m);
}

/* n page cache pages in zones[zi] */
static void fill_zone(struct machine *m, int zi, unsigned long n)
{
	struct sim_zone *z = &m->s->zones[zi];

	for (unsigned long i = 0; i < n; i++) {
		uint32_t pfn =
			sim_rmqueue(z, 0, SIM_MT_MOVABLE, false, &m->s->st);

		assert_int_not_equal(pfn, SIM_NONE);
		sim_set_owner(z, pfn, 0, SIM_FILE);
		sim_lru_add(z, pfn);
	}
}

/* zones[zi] all page cache, then every other page freed: order 0 only */
static void board_zone(struct machine *m, int zi)
{
	unsigned long n = m->s->zones[zi].nr_pages;

	fill_zone(m, zi, n);
	for (unsigned long pfn = 1; pfn < n; pfn += 2) {
		sim_lru_del(&m->s->zones[zi], (uint32_t)pfn);
		sim_free(m->s, zi, (uint32_t)pfn, 0);
	}
	assert_int_equal(m->s->zones[zi].zone.nr_free[0], n / 2);
}

static void check_two(const struct machine *m)
{
	char msg[256];

	for (int i = 0; i < 2; i++)
		if (sim_zone_check(&m->s->zones[i], msg, sizeof(msg)))
			fail_msg("zone %d: %s", i, msg);
}

/*
 * From 4.8 a node is balanced when any eligible zone is (pgdat_balanced()
 * of 4.12, read in 4.12.0 and 6.1.20): with DMA32 free, Normal's shortage
 * does not even wake kswapd.  Up to 2.6.37 every zone must be balanced,
 * and 2.6.38-4.7 want that at order 0 too: kswapd reclaims Normal to high.
 */
static void test_kswapd_any_zone(void **state)
{
	(void)state;
	for (int era = 0; era < 3; era++) {
		struct machine m;

		two_zones(&m,
			  &(const struct machine_cfg){ .wm_era = PF_WM_4_4,
						       .at_order = era == 1,
						       .quarter = era == 2 },
			  0);
		fill_zone(&m, 1, NORMAL_PAGES - 100);
		sim_wakeup_kswapd(m.s, 0, 0, PF_ZONE_NORMAL, false);
		if (era == 0) {
			expect_kswapd(&m, false, -1, 0);
		} else {
			expect_kswapd(&m, true, 0, 1);
			run_ms(&m, 100);
			expect_kswapd(&m, false, -1, 1);
			assert_true(m.z->zone.free > m.z->zone.high);
			assert_true(m.s->st.kswapd_reclaimed_pages >= 92);
		}
		check_two(&m);
		two_zones_free(&m);
	}
}

/*
 * From 4.8 kswapd reclaims the node's one LRU: each zone gives in
 * proportion to the pages it holds there, and kswapd stops when the
 * first zone (here Normal, which holds three quarters) is balanced,
 * DMA32 still below high.  Up to 4.7 it reclaims both zones to high.
 */
static void test_kswapd_node_lru(void **state)
{
	(void)state;
	for (int era = 0; era < 2; era++) {
		struct machine m;
		unsigned long got[2];

		two_zones(&m,
			  &(const struct machine_cfg){ .wm_era = PF_WM_4_4,
						       .at_order = era == 1 },
			  0);
		fill_zone(&m, 0, DMA32_PAGES - 100);
		fill_zone(&m, 1, NORMAL_PAGES - 100);
		sim_wakeup_kswapd(m.s, 0, 0, PF_ZONE_NORMAL, false);
		run_ms(&m, 100);
		expect_kswapd(&m, false, -1, 1);
		for (int i = 0; i < 2; i++)
			got[i] = (unsigned long)m.s->zones[i].zone.free - 100;
		assert_int_equal(got[0] + got[1],
				 m.s->st.kswapd_reclaimed_pages);
		assert_true(m.z->zone.free > m.z->zone.high);
		if (era == 0) {
			assert_true(m.s->zones[0].zone.free <
				    m.s->zones[0].zone.high);
			assert_true(got[0] > 0);
			assert_true(got[1] >= 2 * got[0] &&
				    got[1] <= 4 * got[0]);
		} else {
			assert_true(m.s->zones[0].zone.free >
				    m.s->zones[0].zone.high);
		}
		check_two(&m);
		two_zones_free(&m);
	}
}

/*
 * pgdat_balanced() of 2.6.38-4.7 above order 0: with DMA32 (a quarter of
 * the node) balanced at order 1, one pass over Normal, free in order-0
 * pages only, does (2.6.38-3.3: no testorder, order 0 after a slow
 * pass).  Up to 2.6.37 kswapd reclaims until Normal passes at order 1.
 */
static void test_kswapd_quarter(void **state)
{
	(void)state;
	for (int era = 0; era < 2; era++) {
		struct machine m;

		two_zones(&m,
			  &(const struct machine_cfg){ .wm_era = PF_WM_2_6,
						       .at_order = era == 1,
						       .quarter = era == 0 },
			  0);
		m.s->era.kswapd_testorder = false;
		m.s->era.kswapd_order0 = PF_ORDER0_SLOW_PASS;
		m.s->era.kswapd_reserve = true;
		board_zone(&m, 1);
		sim_wakeup_kswapd(m.s, 0, 1, PF_ZONE_NORMAL, false);
		run_ms(&m, 1000);
		expect_kswapd(&m, false, 0, 1);
		if (era == 0)
			assert_int_equal(m.s->st.kswapd_reclaimed_pages,
					 SIM_SWAP_CLUSTER_MAX);
		else
			assert_true(m.s->st.kswapd_reclaimed_pages >
					    SIM_SWAP_CLUSTER_MAX &&
				    pf_zone_watermark_ok(
					    &m.z->zone, 1, m.z->zone.high, -1,
					    0, m.s->era.wm_era, NULL));
		assert_int_equal(m.s->st.compacted_pages, 0);
		check_two(&m);
		two_zones_free(&m);
	}
}

/*
 * 4.8-4.11: balance_pgdat() stops when Normal is balanced, but
 * prepare_kswapd_sleep() wants DMA32 too, which its reserve against
 * Normal requests keeps from passing: kswapd stays up (and would not
 * wake kcompactd).  4.12 sleeps.  DMA32 holds 1000 pages of the LRU.
 */
static void test_kswapd_sleep_all(void **state)
{
	(void)state;
	for (int era = 0; era < 2; era++) {
		struct machine m;

		two_zones(&m,
			  &(const struct machine_cfg){ .wm_era = PF_WM_4_4 },
			  1000000);
		m.s->era.kswapd_sleep_all = era == 0;
		fill_zone(&m, 0, 1000);
		fill_zone(&m, 1, NORMAL_PAGES - 100);
		sim_wakeup_kswapd(m.s, 0, 0, PF_ZONE_NORMAL, false);
		run_ms(&m, 100);
		assert_true(m.z->zone.free > m.z->zone.high);
		expect_kswapd(&m, era == 0, -1, 1);
		/* from both zones' pages on the node's LRU */
		assert_int_equal(m.s->st.kswapd_reclaimed_pages,
				 m.z->zone.free - 100 +
					 m.s->zones[0].zone.free -
					 (DMA32_PAGES - 1000));
		check_two(&m);
		two_zones_free(&m);
	}
}

/*
 * 4.17 on: a balanced node (DMA32 free, in large blocks) is not woken
 * for an order-1 atomic request; kcompactd is, for Normal's order-0
 * board, unless the caller can reclaim itself or the era is older.
 */
static void test_wakeup_kcompactd(void **state)
{
	(void)state;
	for (int c = 0; c < 3; c++) {
		struct machine m;

		two_zones(&m,
			  &(const struct machine_cfg){ .wm_era = PF_WM_4_4,
						       .kcompactd = true },
			  0);
		m.s->era.kswapd_wakes_kcompactd = c != 2;
		board_zone(&m, 1);
		sim_wakeup_kswapd(m.s, 0, 1, PF_ZONE_NORMAL, c == 1);
		expect_kswapd(&m, false, -1, 0);
		assert_int_equal(m.s->st.kcompactd_wakeups, c == 0);
		assert_int_equal(m.s->kswapd[0].kcompactd_awake, c == 0);
		two_zones_free(&m);
	}
}

/*
 * kswapd below high: it reclaims the page cache at scan_rate until the
 * zone is above high, then sleeps.
 */
static void test_kswapd_reclaims_to_high(void **state)
{
	struct machine m;
	unsigned long n;

	(void)state;
	MACHINE(&m, .wm_era = PF_WM_4_4);
	n = m.z->nr_pages;
	fill(&m, SIM_FILE, n - 100);
	sim_wakeup_kswapd(m.s, 0, 0, -1, false);

	sim_kswapd_run(m.s, 0.0005); /* 50 pages of work */
	m.s->t += 0.0005;
	assert_int_equal(m.s->st.kswapd_reclaimed_pages, 50);
	assert_true(m.s->kswapd[0].awake);
	run_ms(&m, 100);
	assert_false(m.s->kswapd[0].awake);
	assert_true((long)m.z->zone.free > m.z->zone.high);
	assert_true((long)m.z->zone.free <= m.z->zone.high + 64);
	assert_int_equal(m.s->st.kswapd_reclaimed_pages, m.z->zone.free - 100);
	machine_free(&m);
}

/*
 * Below high with only anon and no swap there is nothing to reclaim:
 * kswapd gives the zone up and sleeps (all_unreclaimable); with swap it
 * swaps out until high.
 */
static void test_kswapd_unreclaimable(void **state)
{
	struct machine m;
	unsigned long n;

	(void)state;
	for (int swap = 0; swap < 2; swap++) {
		MACHINE(&m, .wm_era = PF_WM_2_6, .swap = swap);
		n = m.z->nr_pages;
		fill(&m, SIM_ANON, n - 100);
		sim_wakeup_kswapd(m.s, 0, 0, -1, false);
		run_ms(&m, 100);
		assert_false(m.s->kswapd[0].awake);
		if (swap) {
			assert_true((long)m.z->zone.free > m.z->zone.high);
			assert_int_equal(m.s->st.kswapd_reclaimed_pages,
					 m.z->zone.free - 100);
		} else {
			assert_int_equal(m.z->zone.free, 100);
			assert_int_equal(m.s->st.kswapd_reclaimed_pages, 0);
		}
		machine_free(&m);
	}
}

/*
 * 4.6+: kswapd balances at order 0 and sleeps, waking kcompactd for its
 * order; kcompactd compacts at compact_rate until order 1 passes.
 */
static void test_kcompactd(void **state)
{
	struct machine m;

	(void)state;
	MACHINE(&m, .wm_era = PF_WM_4_4, .board = true, .kcompactd = true,
		.highatomic = true);

	sim_wakeup_kswapd(m.s, 0, 2, -1, false);
	sim_kswapd_run(m.s, 0.001);
	m.s->t += 0.001;
	assert_false(m.s->kswapd[0].awake);
	assert_int_equal(m.s->st.kcompactd_wakeups, 1);
	assert_true(free_above(m.z, 2) > 0);
	run_ms(&m, 1000);
	assert_false(m.s->kswapd[0].kcompactd_awake);
	assert_true(free_above(m.z, 2) > 0);
	assert_int_equal(m.s->st.kcompactd_wakeups, 1);
	machine_free(&m);
}

/*
 * 5.9+: with nobody asking, kcompactd wakes on its 500 ms timer when the
 * fragmentation score (100 for the checkerboard) is above 90, and
 * compacts until it is at most 80.
 */
static void test_proactive(void **state)
{
	struct machine m;
	unsigned long frag;
	struct pf_contig_info info;

	(void)state;
	MACHINE(&m, .wm_era = PF_WM_4_4, .board = true, .kcompactd = true,
		.proactive = true);

	m.s->t = 0.1;
	sim_kswapd_run(m.s, 0.001);
	assert_false(m.s->kswapd[0].kcompactd_awake);
	m.s->t = 0.4995;
	for (int i = 0; i < 2000; i++) {
		sim_kswapd_run(m.s, 0.001);
		m.s->t += 0.001;
		if (m.s->st.kcompactd_wakeups &&
		    !m.s->kswapd[0].kcompactd_awake)
			break;
	}
	assert_int_equal(m.s->st.kcompactd_wakeups, 1);
	assert_false(m.s->kswapd[0].kcompactd_awake);
	pf_contig_info(m.z->zone.nr_free, SIM_MAX_ORDER, SIM_PAGEBLOCK_ORDER,
		       &info);
	frag = (info.free_pages -
		(info.free_blocks_suitable << SIM_PAGEBLOCK_ORDER)) *
	       100 / info.free_pages;
	assert_true(frag <= 80);
	assert_invariants(&m);

	/* proactiveness 0: never */
	machine_free(&m);
	MACHINE(&m, .wm_era = PF_WM_4_4, .board = true, .kcompactd = true,
		.proactive = true);
	m.s->tun.compaction_proactiveness = 0;
	for (int i = 0; i < 1200; i++) {
		sim_kswapd_run(m.s, 0.001);
		m.s->t += 0.001;
	}
	assert_int_equal(m.s->st.kcompactd_wakeups, 0);
	machine_free(&m);
}

/*
 * 5.0+: a boosted zone is reclaimed to high + boost, without swap; then
 * the boost goes and kcompactd is woken at pageblock order.
 */
static void test_boost(void **state)
{
	struct machine m;
	unsigned long n;

	(void)state;
	MACHINE(&m, .wm_era = PF_WM_4_4, .swap = true, .kcompactd = true,
		.boost = true);
	n = m.z->nr_pages;
	fill(&m, SIM_ANON, n / 2);
	fill(&m, SIM_FILE, n - 300 - n / 2);
	m.z->zone.boost = 512;
	sim_wakeup_kswapd(m.s, 0, 0, -1, false);
	run_ms(&m, 1);
	for (int i = 0; i < 100 && m.s->kswapd[0].awake; i++) {
		sim_kswapd_run(m.s, 0.001);
		m.s->t += 0.001;
	}
	assert_false(m.s->kswapd[0].awake);
	assert_int_equal(m.z->zone.boost, 0);
	assert_true((long)m.z->zone.free > m.z->zone.high + 512);
	assert_int_equal(m.z->lru_anon.nr, n / 2); /* no swap */
	assert_true(m.s->st.kcompactd_wakeups >= 1);
	assert_invariants(&m);
	machine_free(&m);
}

/*
 * zone_watermark_fast()'s retry at min without the boost, per era: a
 * boosted zone with free pages between min and min + boost gives an
 * order-0 GFP_ATOMIC page on 5.9+ (the retry) and 6.6 (the retry for
 * __GFP_HIGH), not on 5.8 (no retry); an order-1 one gets none anywhere.
 */
static unsigned long long atomic_failures(const char *kernel, int order)
{
	static const struct {
		const char *kernel;
		unsigned long atomic; /* GFP_ATOMIC of the era's layout */
	} gfp[] = { { "5.8", 0xa20 }, { "5.15", 0xa20 }, { "6.6", 0x820 } };
	struct machine m;
	struct pf_kver kv;
	unsigned long atomic = 0;
	unsigned long long failures;
	int zone;

	MACHINE(&m, .wm_era = PF_WM_4_4, .kcompactd = true, .boost = true);
	assert_int_equal(pf_kver_parse(kernel, &kv), 0);
	pf_era_init(&m.s->era, &kv, PF_GFP_UNKNOWN);
	for (size_t i = 0; i < sizeof(gfp) / sizeof(gfp[0]); i++)
		if (!strcmp(gfp[i].kernel, kernel))
			atomic = gfp[i].atomic;
	fill(&m, SIM_FILE, m.z->nr_pages - 200);
	/*
	 * min 128 + boost 512 is 640, which ALLOC_HIGH halves and
	 * ALLOC_HARDER takes a quarter off: 240; without the boost, 48.
	 * 200 free pages lie between.
	 */
	m.z->zone.boost = 512;
	sim_alloc(m.s, 0, order, atomic, SIM_NET, PF_CTX_SOFTIRQ, &zone);
	assert_invariants(&m);
	failures = m.s->st.failures;
	machine_free(&m);
	return failures;
}

static void test_boost_bypass(void **state)
{
	(void)state;
	assert_int_equal(atomic_failures("5.8", 0), 1);
	assert_int_equal(atomic_failures("5.15", 0), 0);
	assert_int_equal(atomic_failures("6.6", 0), 0);
	assert_int_equal(atomic_failures("5.15", 1), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shrink_order),
		cmocka_unit_test(test_shrink_slab),
		cmocka_unit_test(test_checkerboard_compaction),
		cmocka_unit_test(test_compaction_budget_and_pins),
		cmocka_unit_test(test_compaction_letters),
		cmocka_unit_test(test_kswapd_rhel62_sleeps),
		cmocka_unit_test(test_kswapd_at_order),
		cmocka_unit_test(test_kswapd_compacts),
		cmocka_unit_test(test_kswapd_any_zone),
		cmocka_unit_test(test_kswapd_node_lru),
		cmocka_unit_test(test_kswapd_quarter),
		cmocka_unit_test(test_kswapd_sleep_all),
		cmocka_unit_test(test_wakeup_kcompactd),
		cmocka_unit_test(test_kswapd_reclaims_to_high),
		cmocka_unit_test(test_kswapd_unreclaimable),
		cmocka_unit_test(test_kcompactd),
		cmocka_unit_test(test_proactive),
		cmocka_unit_test(test_boost),
		cmocka_unit_test(test_boost_bypass),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
