// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * era.c - the one place where a kernel version becomes rules: the GFP bit
 * layout, the shape of __zone_watermark_ok(), the watermark formulas, the
 * vm sysctls that exist, what kswapd and compaction do, and how a failure
 * is printed.  Every other file reads struct pf_era; none compares
 * versions itself.  The facts and their sources are in kernel-facts.md
 * (sections 2 and 6) and in the comment of the mechanism that uses each.
 *
 * RHEL kernels keep their base version (2.6.32, 3.10.0, 4.18.0, 5.14.0)
 * and backport features: where a backport is known, the RHEL release
 * decides, otherwise the base version does.
 */
#include <errno.h>
#include <string.h>

#include "era.h"

static bool at_least(const struct pf_kver *kv, int a, int b, int c)
{
	return kv->code >= PF_KV(a, b, c);
}

/* A RHEL/CentOS build of that major release at or past rel (-358, -305). */
static bool rhel_at_least(const struct pf_kver *kv, int rhel, long rel)
{
	return kv->rhel == rhel && kv->nr_rel > 0 && kv->rel[0] >= rel;
}

/*
 * RHEL 9.5 (5.14.0-449 on) took 6.3's "mm: discard __GFP_ATOMIC" series
 * (RHEL-27740 in redhat/kernel.changelog-9.5): ___GFP_ATOMIC is gone from
 * gfp_types.h, and the alloc flags are ALLOC_NON_BLOCK, ALLOC_MIN_RESERVE
 * and ALLOC_HIGHATOMIC as in 6.3 (read in 5.14.0-503.40.1 mm/internal.h
 * :839-857 and mm/page_alloc.c :3005-3025, against -427.42.1's
 * ALLOC_HARDER; AlmaLinux rebuilds).
 */
static bool rhel9_discards_atomic(const struct pf_kver *kv)
{
	return rhel_at_least(kv, 9, 449);
}

/*
 * The ___GFP_* bit layout (gfp.c holds the tables).  The base version
 * decides, also for RHEL (3.10.0, 4.18.0 and 5.14.0 fall in their eras),
 * but for RHEL 9.5's backport of 6.3's; only RHEL 5 has bits of its own.
 * Kernels that merely carry ".el7" (elrepo's kernel-ml) follow the
 * version.
 */
enum pf_gfp_layout pf_gfp_layout_of(const struct pf_kver *kv)
{
	/* the first release of each layout after 2.6.18's (and RHEL 5's) */
	static const unsigned int since[PF_GFP_NR_LAYOUTS] = {
		[PF_GFP_2_6_24] = PF_KV(2, 6, 24),
		[PF_GFP_3_10] = PF_KV(3, 6, 0),
		[PF_GFP_4_4] = PF_KV(4, 4, 0),
		[PF_GFP_4_10] = PF_KV(4, 10, 0),
		[PF_GFP_4_18] = PF_KV(4, 18, 0),
		[PF_GFP_5_0] = PF_KV(5, 1, 0),
		[PF_GFP_6_3] = PF_KV(6, 3, 0),
		[PF_GFP_6_15] = PF_KV(6, 15, 0),
	};
	int l = PF_GFP_NR_LAYOUTS - 1;

	if (!pf_kver_known(kv))
		return PF_GFP_UNKNOWN;
	if (rhel9_discards_atomic(kv))
		return PF_GFP_6_3;
	while (l > PF_GFP_2_6_24 && kv->code < since[l])
		l--;
	if (kv->code < since[l])
		return kv->rhel == 5 ? PF_GFP_RHEL5 : PF_GFP_2_6_18;
	return (enum pf_gfp_layout)l;
}

/*
 * The era of __zone_watermark_ok(): RHEL 6 rewrote the high-order loop;
 * 4.4 ("mm, page_alloc: only enforce watermarks for order-0 allocations")
 * replaced it with a free-block test; 6.3 renamed and regrouped the flags
 * (RHEL 9.5 and RHEL 10 too).
 * Without a version, the gfp layout the mask decoded with tells the era.
 */
int pf_wm_era_of(const struct pf_kver *kv, int gfp_layout)
{
	if (pf_kver_known(kv)) {
		if (kv->rhel == 6)
			return PF_WM_RHEL6;
		if (kv->rhel == 5 || kv->rhel == 7)
			return PF_WM_2_6;
		if (kv->rhel >= 10 || rhel9_discards_atomic(kv))
			return PF_WM_6_3;
		if (kv->rhel >= 8)
			return PF_WM_4_4;
		if (!at_least(kv, 4, 4, 0))
			return PF_WM_2_6;
		if (!at_least(kv, 6, 3, 0))
			return PF_WM_4_4;
		return PF_WM_6_3;
	}
	switch (gfp_layout) {
	case PF_GFP_2_6_18:
	case PF_GFP_RHEL5:
	case PF_GFP_2_6_24:
	case PF_GFP_3_10:
		return PF_WM_2_6;
	case PF_GFP_4_4:
	case PF_GFP_4_10:
	case PF_GFP_4_18:
	case PF_GFP_5_0:
		return PF_WM_4_4;
	case PF_GFP_6_3:
	case PF_GFP_6_15:
		return PF_WM_6_3;
	default:
		return PF_WM_UNKNOWN;
	}
}

/*
 * Watermark setup and the sysctls.  Without a version: the 65536 cap,
 * the managed-pages split and the scale factor (what every kernel of the
 * last ten years does), and only the two sysctls every kernel has.
 */
static void era_wmarks(struct pf_era *e, const struct pf_kver *kv)
{
	bool known = pf_kver_known(kv);

	/*
	 * calculate_min_free_kbytes(): the clamp was raised from 65536 to
	 * 262144 by "mm: increase default min_free_kbytes bound" (between
	 * 5.4 and 5.15, 5.7 by the patch date; the release is not
	 * verified); RHEL 7 carries it as a backport.
	 */
	e->min_free_kbytes_cap = 65536;
	if (known && (kv->rhel == 7 || kv->rhel >= 9 ||
		      (!kv->rhel && at_least(kv, 5, 7, 0))))
		e->min_free_kbytes_cap = 262144;

	/* __setup_per_zone_wmarks(): present pages up to 2.6.32 (RHEL 6) */
	e->wmark_managed = !known || kv->rhel >= 7 ||
			   (!kv->rhel && at_least(kv, 3, 10, 0));
	/* 6.13 gives ZONE_MOVABLE the highmem treatment too */
	e->movable_highmem = known && !kv->rhel && at_least(kv, 6, 13, 0);

	if (!known) {
		e->has_watermark_scale_factor =
			true; /* the formula, not the file */
		return;
	}
	e->has_extra_free_kbytes = kv->rhel == 6;
	e->has_extfrag_threshold = kv->rhel == 6 || at_least(kv, 2, 6, 35);
	/* 4.6; RHEL 8 has it, RHEL 7 does not */
	e->has_watermark_scale_factor =
		kv->rhel ? kv->rhel >= 8 : at_least(kv, 4, 6, 0);
	/* 5.0 and 5.9 upstream; both backported to RHEL 8.4 (-305) */
	if (kv->rhel == 8) {
		e->has_watermark_boost_factor = rhel_at_least(kv, 8, 305);
		e->has_compaction_proactiveness = rhel_at_least(kv, 8, 305);
	} else {
		e->has_watermark_boost_factor =
			kv->rhel ? kv->rhel >= 9 : at_least(kv, 5, 0, 0);
		e->has_compaction_proactiveness =
			kv->rhel ? kv->rhel >= 9 : at_least(kv, 5, 9, 0);
	}
	/* their initscripts load /etc/sysctl.conf, which sysctl -p reads */
	e->sysctl_conf_only = kv->rhel == 5 || kv->rhel == 6;
}

/*
 * compaction_suitable() (docs/eras/kswapd.md, section 3): from 2.6.35 to
 * 4.8 and in RHEL 6 and 7 the zone must stay above the low watermark
 * plus 2 << order, and a fragmentation index from 0 to extfrag_threshold
 * skips the zone at every order; 4.9 ("mm, compaction: require only min
 * watermarks for non-costly orders", 8348faf91f56, and "restrict
 * fragindex to costly orders") asks only min for orders up to
 * PAGE_ALLOC_COSTLY_ORDER and keeps the index gate for costlier ones.
 * 6.15+ lets the caller name the watermark, but direct compaction and
 * kcompactd name min and add low - min for costly orders: the same.
 */
static void era_compaction_suitable(struct pf_era *e, const struct pf_kver *kv)
{
	bool v49 = kv->rhel ? kv->rhel >= 8 : at_least(kv, 4, 9, 0);

	e->compact_min_wmark = v49;
	e->fragindex_min_order = v49 ? 4 : 1;
}

/*
 * What changed when (kernel-facts.md section 6, docs/eras/kswapd.md
 * section 1): grouping by mobility 2.6.24; compaction 2.6.35; kswapd
 * compacting each zone for order > 0 in 2.6.38 only (5a03b051, reverted
 * in 2.6.39 by d527caf2), then compact_pgdat() from 3.4 (7be62de99adc,
 * read absent in 3.3.8 and present in 3.4.108) until kcompactd took over
 * in 4.6; highatomic reserve 4.4; boost 5.0; proactive compaction 5.9;
 * the order-0 retry at min without the boost in zone_watermark_fast(),
 * read absent in 5.8.1 and present from 5.9.1 on, for __GFP_ATOMIC
 * until 6.2 and for ALLOC_MIN_RESERVE (__GFP_HIGH) once 6.3 dropped
 * __GFP_ATOMIC (docs/eras/reclaim.md section 3: RHEL 8.4+ boosts without
 * the retry, RHEL 9.0-9.4 retry as 5.9 does, 9.5 on as 6.3 does).
 * RHEL 6 backported compaction.  Its kswapd, as read in balance_pgdat()
 * of 2.6.32-279 (6.3: none) and -358 to -754 (6.4 on: compact_zone_order()
 * only when sc.order > PAGE_ALLOC_COSTLY_ORDER), compacts nothing before
 * RHEL 6.4 and only orders above 3 from it (docs/eras/kswapd.md): the
 * model follows that code.  Red Hat describes 6.4's fix as a kswapd that
 * compacts when an order-1 burst needs it; "rhel6.N-vendor" (N >= 4)
 * models that account instead, and pf_kver_assumptions() names it so
 * that every run resting on it says so.
 */
/*
 * vm.zone_reclaim_mode at boot (docs/eras/reclaim.md section 1d):
 * build_zonelists() of 2.6.16-2.6.39, and init_zone_allows_reclaim() of
 * 3.0-3.15, set it to 1 when some node is farther than RECLAIM_DISTANCE;
 * 4f9b16a64753 took that out in 3.16.  RECLAIM_DISTANCE is 20 up to
 * 2.6.39 (and in RHEL 5's 2.6.18-274), 30 from 3.0 and in RHEL 6's
 * 2.6.32-642 (which auto-enables too) and RHEL 7's 3.10.0-514 to -1160
 * (which do not: 7.0-7.2 were not read and are taken to be the same).
 * x86 values; without an ACPI SLIT remote nodes are REMOTE_DISTANCE, 20.
 */
static void era_zone_reclaim(struct pf_era *e, const struct pf_kver *kv)
{
	if (kv->rhel)
		e->reclaim_distance = kv->rhel == 5 ? 20 : 30;
	else
		e->reclaim_distance = at_least(kv, 3, 0, 0) ? 30 : 20;
	e->zone_reclaim_boot =
		kv->rhel ? kv->rhel <= 6 : !at_least(kv, 3, 16, 0);
}

/*
 * balance_pgdat()'s idea of a balanced node (docs/eras/kswapd.md section
 * 2, every row read in that era's mm/vmscan.c):
 *  - up to 2.6.37, RHEL 5 (2.6.18-274) and RHEL 6 (2.6.32-642): kswapd
 *    balances at its wakeup order, every zone up to end_zone passing at
 *    high against lowmem_reserve[end_zone]; zones are shrunk below
 *    8 x high, or high + balance_gap (RHEL 6, and mainline from 2.6.39);
 *  - 2.6.38-4.7 and RHEL 7 (3.10.0-514, -1160): above order 0 a quarter
 *    of the node's pages in balanced zones will do (pgdat_balanced());
 *    2.6.38-3.6 then want every zone at order 0 too; from 3.4 a zone
 *    compaction could work in counts at order 0 (testorder); from 3.8
 *    (3.7.2 still has them; 3.8.13 not) the zones are held to no
 *    lowmem_reserve;
 *  - 4.8 on and RHEL 8 on (4.18.0-147): node-based reclaim, and the node
 *    is balanced when any eligible zone is; 4.8-4.11 (read in 4.8.15,
 *    4.10.17, 4.11.6) sleep only when every eligible zone is
 *    (prepare_kswapd_sleep()), which 4.12 made agree; a balanced node
 *    is not woken, and from 4.17 (4.16.13 has not) wakeup_kswapd() wakes
 *    kcompactd instead for a caller that cannot reclaim.
 * kswapd drops to order 0 after a pass that reclaimed less than
 * SWAP_CLUSTER_MAX (73ce02e96fe, 2.6.29, to 3.10, and RHEL 5/6), and from
 * 3.11 once it reclaimed 2 << order (compact_gap() from 4.9); 4.6 and 4.7
 * have no such step, their zone_balanced() checking order 0.
 */
static void era_kswapd(struct pf_era *e, const struct pf_kver *kv)
{
	if (kv->rhel ? kv->rhel <= 6 : !at_least(kv, 2, 6, 38))
		e->kswapd_balance = PF_KSWAPD_ALL;
	else if (kv->rhel ? kv->rhel == 7 : !at_least(kv, 4, 8, 0))
		e->kswapd_balance = PF_KSWAPD_QUARTER;
	else
		e->kswapd_balance = PF_KSWAPD_ANY;

	if (kv->rhel)
		e->kswapd_order0 = kv->rhel <= 6 ? PF_ORDER0_SLOW_PASS
						 : PF_ORDER0_RECLAIMED;
	else if (!at_least(kv, 2, 6, 29))
		e->kswapd_order0 = PF_ORDER0_NEVER;
	else if (!at_least(kv, 3, 11, 0))
		e->kswapd_order0 = PF_ORDER0_SLOW_PASS;
	else if (at_least(kv, 4, 6, 0) && !at_least(kv, 4, 8, 0))
		e->kswapd_order0 = PF_ORDER0_NEVER;
	else
		e->kswapd_order0 = PF_ORDER0_RECLAIMED;

	e->kswapd_reserve = kv->rhel ? kv->rhel <= 6 : !at_least(kv, 3, 8, 0);
	e->kswapd_recheck0 =
		!kv->rhel && at_least(kv, 2, 6, 38) && !at_least(kv, 3, 7, 0);
	e->kswapd_testorder =
		kv->rhel ? kv->rhel == 7
			 : at_least(kv, 3, 4, 0) && !at_least(kv, 4, 8, 0);
	e->kswapd_balance_gap =
		kv->rhel ? kv->rhel == 6 || kv->rhel == 7
			 : at_least(kv, 2, 6, 39) && !at_least(kv, 4, 8, 0);
	e->kswapd_sleep_all =
		!kv->rhel && at_least(kv, 4, 8, 0) && !at_least(kv, 4, 12, 0);
	e->kswapd_wakes_kcompactd =
		kv->rhel ? kv->rhel >= 8 : at_least(kv, 4, 17, 0);
}

static void era_reclaim(struct pf_era *e, const struct pf_kver *kv)
{
	era_zone_reclaim(e, kv);
	era_kswapd(e, kv);
	e->proactiveness = 20;
	e->mobility = kv->rhel >= 6 || at_least(kv, 2, 6, 24);
	e->compaction = kv->rhel >= 6 || at_least(kv, 2, 6, 35);
	/*
	 * try_to_compact_pages() of 2.6.35.6, 2.6.36 and 2.6.37 returns for
	 * order <= PAGE_ALLOC_COSTLY_ORDER (lumpy reclaim's, not modelled);
	 * 2.6.38 and RHEL 6 return only for order 0 (docs/eras/kswapd.md)
	 */
	e->direct_compact_min_order =
		!kv->rhel && at_least(kv, 2, 6, 35) && !at_least(kv, 2, 6, 38)
			? 4
			: 1;
	era_compaction_suitable(e, kv);
	e->kswapd_compact_min_order = PF_MAX_ORDER;
	if (kv->rhel == 6) {
		e->kswapd_compacts = rhel_at_least(kv, 6, 358);
		if (e->kswapd_compacts)
			e->kswapd_compact_min_order = kv->vendor ? 1 : 4;
		return;
	}
	/*
	 * RHEL 7 (3.10.0-514, -1160) has 3.11's balance_pgdat(): it calls
	 * compact_pgdat() only after a pass that reclaimed more than it
	 * asked for, by when 2 << order reclaimed pages have sent it to
	 * order 0 (below order 5 always), and compact_pgdat() at order 0
	 * finds every zone suitable for nothing: no kswapd compaction
	 */
	if (kv->rhel == 7)
		return;
	if (kv->rhel >= 8 || at_least(kv, 4, 6, 0)) {
		/*
		 * RHEL 8.4 (4.18.0-305) took the boost and proactive
		 * compaction from 5.0 and 5.9, proactiveness 0 by default,
		 * and not 5.9's order-0 retry without the boost (read in
		 * -305 and -553.66.1: boost_watermark(), high_wmark_pages()
		 * with watermark_boost, sysctl_compaction_proactiveness = 0;
		 * absent in -80, -147 and -240)
		 */
		bool rhel_5_x = kv->rhel >= 9 || rhel_at_least(kv, 8, 305);

		e->kcompactd = true;
		e->highatomic = true;
		e->boost = kv->rhel ? rhel_5_x : at_least(kv, 5, 0, 0);
		e->proactive = kv->rhel ? rhel_5_x : at_least(kv, 5, 9, 0);
		if (kv->rhel == 8)
			e->proactiveness = 0;
		/*
		 * RHEL 9 has 5.9's retry for __GFP_ATOMIC up to 9.4 (-427),
		 * 6.3's for ALLOC_MIN_RESERVE from 5.14.0-449 ("mm: discard
		 * __GFP_ATOMIC", RHEL-27740; read in -503.11.1, -570.32.1),
		 * as RHEL 10 (6.12.0-55); proactiveness 20 in both
		 */
		if (kv->rhel)
			e->boost_bypass =
				kv->rhel >= 10 || rhel_at_least(kv, 9, 449) ? 2
				: kv->rhel == 9				    ? 1
									    : 0;
		else
			e->boost_bypass = at_least(kv, 6, 3, 0)	  ? 2
					  : at_least(kv, 5, 9, 0) ? 1
								  : 0;
		return;
	}
	e->highatomic = at_least(kv, 4, 4, 0);
	/*
	 * kswapd compacts per zone in 2.6.38 (5a03b051, reverted by
	 * d527caf2 in 2.6.39), and by compact_pgdat() once the node is
	 * balanced at its order in 3.4-3.10 (7be62de99adc); 3.11-4.5 gate
	 * it as RHEL 7 does, above
	 */
	if ((at_least(kv, 3, 4, 0) && !at_least(kv, 3, 11, 0)) ||
	    (at_least(kv, 2, 6, 38) && !at_least(kv, 2, 6, 39))) {
		e->kswapd_compacts = true;
		e->kswapd_compact_min_order = 1;
	}
}

static enum pf_call_gen call_gen(const struct pf_kver *kv)
{
	static const struct {
		int a, b, c;
		enum pf_call_gen gen;
	} since[] = {
		{ 6, 10, 0, PF_G_610 },	 { 5, 13, 0, PF_G_513 },
		{ 4, 13, 0, PF_G_413 },	 { 4, 9, 0, PF_G_49 },
		{ 4, 4, 0, PF_G_44 },	 { 3, 10, 0, PF_G_310 },
		{ 2, 6, 24, PF_G_2632 },
	};

	for (size_t i = 0; i < sizeof(since) / sizeof(since[0]); i++)
		if (at_least(kv, since[i].a, since[i].b, since[i].c))
			return since[i].gen;
	return PF_G_2618;
}

/* The failure report as the era prints it: the lines of dump_stack(). */
static void era_printk_task(struct pf_printk_fmt *p, const struct pf_kver *kv)
{
	p->gen = call_gen(kv);
	p->rhel5 = p->gen == PF_G_2618;
	p->trace = p->rhel5		    ? PF_TS_2618
		   : at_least(kv, 4, 10, 0) ? PF_TS_NOADDR
					    : PF_TS_ADDR;
	p->dot = !at_least(kv, 3, 0, 0);
	p->names = at_least(kv, 4, 6, 0);
	p->nodemask = at_least(kv, 4, 12, 0);
	p->cpuset_same = at_least(kv, 5, 0, 0) || kv->rhel == 8;
	p->cpuset_line = p->nodemask && !p->cpuset_same;
	p->pid_line = !at_least(kv, 3, 10, 0);
	p->uid = at_least(kv, 6, 11, 0);
	p->stack_words = at_least(kv, 3, 10, 0) && !at_least(kv, 4, 10, 0);
	p->task_marker = at_least(kv, 5, 15, 0);
	p->idle_rename = !at_least(kv, 3, 7, 0);
	p->kmalloc_large_uu = at_least(kv, 6, 1, 0);
	p->napi_poll = at_least(kv, 5, 11, 0);
	p->handle_softirqs = at_least(kv, 6, 8, 0);
	p->ksys_read = at_least(kv, 4, 18, 0);
	p->folio_alloc = at_least(kv, 5, 16, 0);
	p->module_base_4_0 = at_least(kv, 4, 0, 0);
}

/* ... and of show_free_areas() / show_mem() */
static void era_printk_mem(struct pf_printk_fmt *p, const struct pf_kver *kv)
{
	p->pcp_lines = !p->rhel5 && !at_least(kv, 3, 11, 0) && kv->rhel != 7;
	p->node_line = at_least(kv, 4, 8, 0);
	p->managed = at_least(kv, 3, 10, 0);
	p->pcp_fields = at_least(kv, 4, 0, 0) || kv->rhel == 7;
	p->free_last = p->pcp_fields;
	p->free_cma_line = p->managed && !p->free_last;
	p->unstable = !at_least(kv, 5, 8, 0);
	p->misc_reclaimable = at_least(kv, 5, 8, 0);
	p->sec_pagetables = at_least(kv, 6, 0, 0);
	p->zone_slab = !at_least(kv, 4, 13, 0);
	p->zone_kstack = !at_least(kv, 5, 9, 0);
	p->zone_pagetables = !at_least(kv, 5, 11, 0);
	p->highatomic = at_least(kv, 5, 15, 0);
	p->boost = at_least(kv, 5, 16, 0);
	p->wmark_boost = at_least(kv, 5, 0, 0);
	p->pages_scanned = !at_least(kv, 4, 11, 0);
	p->letters = at_least(kv, 3, 0, 0);
	p->letters_44 = at_least(kv, 4, 4, 0);
	p->hugepages = at_least(kv, 3, 11, 0) || kv->rhel == 7;
	p->swap_stats = !at_least(kv, 6, 0, 0);
	p->new_show_mem = at_least(kv, 4, 0, 0) || kv->rhel == 7;
	p->hugepages_1g = kv->rhel != 7;
	p->cma_reserved = at_least(kv, 4, 0, 0) && kv->rhel != 7;
	p->hwpoisoned = at_least(kv, 4, 4, 0) && kv->rhel != 7;
	p->zone_filter = at_least(kv, 6, 0, 0);
	p->signed_reserve = at_least(kv, 4, 4, 0);
	/* DMA, DMA32, Normal, Movable (HighMem on 2.6.18), Device from 4.5 */
	p->nr_zone_enum = at_least(kv, 4, 5, 0) ? 5 : 4;
}

void pf_era_init(struct pf_era *e, const struct pf_kver *kv, int gfp_layout)
{
	static const struct pf_kver unknown;

	if (!kv)
		kv = &unknown;
	memset(e, 0, sizeof(*e));
	e->kver = *kv;
	e->gfp_layout =
		pf_kver_known(kv) ? (int)pf_gfp_layout_of(kv) : gfp_layout;
	e->wm_era = pf_wm_era_of(kv, e->gfp_layout);
	era_wmarks(e, kv);
	era_reclaim(e, kv);
	era_printk_task(&e->printk, kv);
	era_printk_mem(&e->printk, kv);
}

/* ---- the era of a report that names no release ---------------------- */

/*
 * The releases where something the evidence reads changed (era_printk_*
 * above, pf_gfp_layout_of()): between two of them, every era of the list
 * looks the same in a report.
 */
static const char *const era_probes[] = {
	"2.6.18", "2.6.24", "3.0",  "3.6", "3.10", "4.4",  "4.6",
	"4.10",	  "4.12",   "4.18", "5.1", "6.3",  "6.15",
};

/* Does the mask name only bits that layout has? */
static bool mask_named(const struct pf_report *r, int layout)
{
	char buf[512];

	return pf_gfp_format(r->gfp_mask, layout, buf, sizeof(buf)) >= 0 &&
	       !strstr(buf, "0x");
}

/* Migratetype letters on r's buddy lines, and 'H' (4.4+) or 'R' among them. */
static unsigned int letters_seen(const struct pf_report *r)
{
	unsigned int ev = 0;

	for (int i = 0; i < r->nr_zones; i++) {
		const struct pf_zone *z = &r->zones[i];

		if (!z->nr_orders)
			continue;
		ev |= z->has_mt ? PF_EVID_LETTERS : PF_EVID_NO_LETTERS;
		for (int o = 0; z->has_mt && o < z->nr_orders; o++) {
			if (strchr(z->mt[o], 'H'))
				ev |= PF_EVID_H;
			if (strchr(z->mt[o], 'R'))
				ev |= PF_EVID_R;
		}
	}
	/* some zones with letters and some without: no evidence of either */
	if ((ev & PF_EVID_LETTERS) && (ev & PF_EVID_NO_LETTERS))
		ev &= ~(PF_EVID_LETTERS | PF_EVID_NO_LETTERS);
	return ev;
}

/* What r's format shows, in PF_EVID_* (PF_EVID_MASK set by the caller). */
static unsigned int report_evidence(const struct pf_report *r)
{
	unsigned int ev = 0;

	if (r->seen & PF_SAW_DOT)
		ev |= PF_EVID_DOT;
	else if (r->seen & PF_SAW_COLON)
		ev |= PF_EVID_COLON;
	if (r->seen & PF_SAW_PID_LINE)
		ev |= PF_EVID_PID_LINE;
	else if (r->seen & PF_SAW_CPU_LINE)
		ev |= PF_EVID_CPU_LINE;
	if (r->mode[0])
		ev |= r->mode_names[0] ? PF_EVID_NAMES : PF_EVID_NO_NAMES;
	if (r->nodemask[0])
		ev |= PF_EVID_NODEMASK;
	return ev | letters_seen(r);
}

/*
 * Could a kernel of era kv have printed r?  Only what r shows is asked:
 * a line the paste lost proves nothing.  *mask_cut is set when only the
 * mask rules kv out.
 */
static bool era_fits(const struct pf_report *r, unsigned int ev,
		     const struct pf_kver *kv, bool *mask_cut)
{
	const struct pf_printk_fmt *p;
	struct pf_era e;

	pf_era_init(&e, kv, PF_GFP_UNKNOWN);
	p = &e.printk;
	if (((ev & PF_EVID_DOT) && !p->dot) || ((ev & PF_EVID_COLON) && p->dot))
		return false;
	if (((ev & PF_EVID_PID_LINE) && !p->pid_line) ||
	    ((ev & PF_EVID_CPU_LINE) && p->pid_line))
		return false;
	if (((ev & PF_EVID_NAMES) && !p->names) ||
	    ((ev & PF_EVID_NO_NAMES) && p->names))
		return false;
	if ((ev & PF_EVID_NODEMASK) && !p->nodemask)
		return false;
	/*
	 * show_migration_types() came between 3.6.5 (none) and 3.10 (read
	 * in both, docs/eras/reclaim.md 2c); era.c prints them from 3.0, so
	 * buddy lines without them rule out only 3.10 and later.
	 */
	if (((ev & PF_EVID_LETTERS) && !p->letters) ||
	    ((ev & PF_EVID_NO_LETTERS) && at_least(kv, 3, 10, 0)) ||
	    ((ev & PF_EVID_H) && !p->letters_44) ||
	    ((ev & PF_EVID_R) && p->letters_44))
		return false;
	/* the names were rendered in one layout; a bare mask, in any that names its bits */
	if ((ev & PF_EVID_NAMES) ? e.gfp_layout != r->gfp_layout
				 : r->mode[0] && !mask_named(r, e.gfp_layout)) {
		*mask_cut = true;
		return false;
	}
	return true;
}

/* The range of probes that fit r into c->lo, c->hi; the oldest in *first. */
static void era_range(const struct pf_report *r, struct pf_era_choice *c,
		      int *first)
{
	const int n = (int)(sizeof(era_probes) / sizeof(era_probes[0]));
	int last = -1;
	bool mask_cut = false;

	*first = -1;
	for (int i = 0; i < n; i++) {
		struct pf_kver kv;

		pf_kver_parse(era_probes[i], &kv);
		if (!era_fits(r, c->evidence, &kv, &mask_cut))
			continue;
		if (*first < 0)
			*first = i;
		last = i;
	}
	if (mask_cut)
		c->evidence |= PF_EVID_MASK;
	c->fits = *first >= 0;
	if (*first > 0)
		pf_kver_parse(era_probes[*first], &c->lo);
	if (last >= 0 && last + 1 < n)
		pf_kver_parse(era_probes[last + 1], &c->hi);
}

int pf_report_era(const struct pf_report *r, struct pf_era_choice *c)
{
	int first;
	bool unused = false;

	memset(c, 0, sizeof(*c));
	if (pf_kver_known(&r->kernel) && (r->kernel_from == PF_KERNEL_REPORT ||
					  r->kernel_from == PF_KERNEL_LOG)) {
		c->from = PF_ERA_PRINTED;
		c->kver = r->kernel;
		c->fits = true;
		return 0;
	}
	c->evidence = report_evidence(r);
	era_range(r, c, &first);
	if (pf_kver_known(&r->kernel) && r->kernel_from == PF_KERNEL_OPTION) {
		c->from = PF_ERA_OPTION;
		c->kver = r->kernel;
		/* a format no era fits (damaged, a vendor's) rules nothing out */
		if (c->fits && !era_fits(r, c->evidence, &r->kernel, &unused)) {
			c->ruled_out = true;
			return -EDOM;
		}
		return 0;
	}
	if (c->fits) {
		c->from = PF_ERA_FORMAT;
		pf_kver_parse(era_probes[first], &c->kver);
	}
	return 0;
}

/*
 * isolate_lru_pages() of 2.6.23-3.3 and RHEL 6.0-6.3 takes, with each
 * page of an order-N reclaim, the rest of its aligned block from the same
 * LRU list (docs/eras/lumpy.md), which the model does not do: its reclaim
 * makes a block only where the buddies happen to be free.  Taking every
 * neighbour on the one file list the model has (it has no active and
 * inactive lists, nor referenced pages, which decide in the kernel which
 * neighbours go) ended every failure of rhel6-net-burst.scn on rhel6.2:
 * the era's numbers rest on this and say so.
 */
static bool lumpy_sweep_era(const struct pf_kver *kv)
{
	if (kv->rhel)
		return kv->rhel == 6 && !rhel_at_least(kv, 6, 358);
	return at_least(kv, 2, 6, 23) && !at_least(kv, 3, 4, 0);
}

unsigned int pf_kver_assumptions(const struct pf_kver *kv)
{
	unsigned int a = 0;

	if (pf_kver_known(kv) && kv->vendor && rhel_at_least(kv, 6, 358))
		a |= PF_ASSUME_RHEL6_KSWAPD_COMPACT;
	if (pf_kver_known(kv) && lumpy_sweep_era(kv))
		a |= PF_ASSUME_NO_LUMPY_SWEEP;
	return a;
}
