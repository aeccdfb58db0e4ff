/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * era.h - one kernel era: everything that changed across kernel versions,
 * derived once from a version (era.c) and read by every mechanism, so
 * that no other file of lib/ tests a version number.  Private to lib/.
 */
#ifndef PF_ERA_H
#define PF_ERA_H

#include <stdbool.h>

#include "libpagefail.h"

/* Call trace line shapes of dump_stack() (kernel-facts.md 2.3). */
enum pf_trace_style {
	PF_TS_2618,   /* " [<%016lx>] sym+off/len", ":mod:sym", no "? " */
	PF_TS_ADDR,   /* " [<%p>] ? sym+off/len [mod]", inline <IRQ>/<EOI> */
	PF_TS_NOADDR, /* " ? sym+off/len [mod]", markers on their own lines */
};

/* Generations of the allocator's and entry code's function names. */
enum pf_call_gen {
	PF_G_2618, /* RHEL 5: SLAB, __alloc_pages */
	PF_G_2632, /* 2.6.24 - 3.9, RHEL 6: SLAB, __alloc_pages_nodemask */
	PF_G_310,  /* 3.10 - 4.3, RHEL 7: SLUB, warn_alloc_failed */
	PF_G_44,   /* 4.4 - 4.8: ___slab_alloc, entry_SYSCALL_64_fastpath */
	PF_G_49,   /* 4.9 - 4.12: warn_alloc, __alloc_pages_slowpath */
	PF_G_413,  /* 4.13 - 5.12: do_syscall_64, secondary_startup_64 */
	PF_G_513,  /* 5.13 - 6.9: __alloc_pages, dump_stack_lvl, irq_exit_rcu */
	PF_G_610,  /* 6.10+: the _noprof allocator entry points */
};

/*
 * How the era prints a failure: warn_alloc(), dump_stack() and
 * show_free_areas() / show_mem().  "approximate" marks a boundary taken
 * from reports of nearby versions rather than from the commit.
 */
struct pf_printk_fmt {
	int gen;	    /* enum pf_call_gen */
	int trace;	    /* enum pf_trace_style */
	bool rhel5;	    /* 2.6.18 show_mem() of RHEL 5 */
	bool dot;	    /* "page allocation failure. order:" */
	bool names;	    /* mode:%#x(%pGg), 4.6+ */
	bool nodemask;	    /* ", nodemask=", 4.12+ */
	bool cpuset_line;   /* "comm cpuset=/ mems_allowed=0", 4.12 - 4.19 */
	bool cpuset_same;   /* ",cpuset=/,mems_allowed=0", 5.x+, RHEL 8 */
	bool pid_line;	    /* "Pid: %d, comm:", up to 3.9 */
	bool uid;	    /* "CPU: %d UID: %u PID:", 6.11+ (approximate) */
	bool stack_words;   /* raw stack words before Call Trace, 3.10 - 4.9 */
	bool task_marker;   /* <TASK> ... </TASK>, 5.15+ (in 5.15.135) */
	bool idle_rename;   /* idle task "swapper", before 3.7 (approximate) */
	bool pcp_lines;	    /* "<zone> per-cpu:" lines, up to 3.10 vanilla */
	bool node_line;	    /* "Node N active_anon:...kB", 4.8+ (node LRU) */
	bool managed;	    /* present and managed, 3.10+ */
	bool pcp_fields;    /* free_pcp/local_pcp, 4.0+ (approximate), RHEL 7 */
	bool free_last;	    /* " free:%lu free_pcp:%lu free_cma:%lu", 4.0+ */
	bool free_cma_line; /* " free_cma:%lu" of 3.10 */
	bool unstable;	    /* NR_UNSTABLE_NFS, gone in 5.8 */
	bool misc_reclaimable; /* kernel_misc_reclaimable (approximate 5.8+) */
	bool sec_pagetables;   /* 6.0+ (approximate) */
	bool zone_slab;	      /* slab on the 4.8+ zone line, < 4.13 (approx.) */
	bool zone_kstack;     /* kernel_stack there, < 5.9 (approximate) */
	bool zone_pagetables; /* pagetables there, < 5.11 (approximate) */
	bool highatomic;      /* reserved_highatomic:%luKB, 5.15+ (approx.) */
	bool boost;	      /* boost:%lukB, 5.16+ (the 2021 patch) */
	bool wmark_boost;     /* min/low/high include the boost, 5.0+ */
	bool pages_scanned;   /* on the node line, < 4.11 (approximate) */
	bool letters;	      /* migratetype letters, 3.x+ */
	bool letters_44;      /* U M E H C I order, 4.4+ (3.x: U E M R C I) */
	bool hugepages;	      /* "Node N hugepages_total=", 3.11+ (approx.) */
	bool hugepages_1g; /* a 1 GiB hugepages line before the 2 MiB one, not RHEL 7 */
	bool swap_stats;   /* "Swap cache stats:", removed in 6.0 */
	bool new_show_mem; /* "pages HighMem/MovableOnly", 4.0+ (approx.) */
	bool cma_reserved; /* "pages cma reserved", 4.0+ (approximate), not RHEL 7 */
	bool hwpoisoned;     /* "pages hwpoisoned", 4.4+, not RHEL 7 */
	bool zone_filter;    /* zones up to gfp_zone() only, 6.0+ (approx.) */
	bool signed_reserve; /* lowmem_reserve[] printed with %ld, 4.4+ */
	int nr_zone_enum;    /* MAX_NR_ZONES of an x86_64 distribution build */
	/* call-path names that changed within a generation */
	bool kmalloc_large_uu; /* __kmalloc_large_node, 6.1+ */
	bool napi_poll; /* __napi_poll between driver and net_rx_action, 5.11+ */
	bool handle_softirqs; /* handle_softirqs, not __do_softirq, 6.8+ */
	bool ksys_read;	      /* ksys_read + do_syscall_64, 4.18+ */
	bool folio_alloc;     /* folio_alloc for the page cache, 5.16+ */
	bool module_base_4_0; /* modules mapped at 0xffffffffc0000000, 4.0+ */
};

/*
 * When balance_pgdat() counts a node balanced (era.c era_kswapd()).
 */
enum pf_kswapd_balance {
	PF_KSWAPD_ALL, /* every zone up to end_zone (2.6.18-2.6.37, RHEL 5/6) */
	PF_KSWAPD_QUARTER, /* or, above order 0, a quarter of the node's
			    * pages in balanced zones (2.6.38-4.7, RHEL 7) */
	PF_KSWAPD_ANY,	   /* any eligible zone; reclaim from the node's
			    * LRU (4.8 on, RHEL 8 on) */
};

/* When kswapd gives up the order that woke it and balances at order 0. */
enum pf_kswapd_order0 {
	PF_ORDER0_NEVER,     /* 2.6.18-2.6.28, 4.6-4.7 */
	PF_ORDER0_SLOW_PASS, /* after a pass that reclaimed less than
			      * SWAP_CLUSTER_MAX (2.6.29-3.10, RHEL 5/6) */
	PF_ORDER0_RECLAIMED, /* once it reclaimed 2 << order (3.11-4.5,
			      * 4.8 on, RHEL 7 on) */
};

struct pf_era {
	struct pf_kver kver; /* the version it stands for (may be unknown) */
	int gfp_layout;	     /* enum pf_gfp_layout: ___GFP_* bits */
	int wm_era;	     /* enum pf_wm_era: __zone_watermark_ok() */

	/* __setup_per_zone_wmarks(), calculate_min_free_kbytes() */
	bool wmark_managed;   /* zones split by managed pages, not present */
	bool movable_highmem; /* ZONE_MOVABLE clamped like highmem, 6.13+ */
	long min_free_kbytes_cap; /* 65536, or 262144 */

	/* the vm sysctls the kernel has (min_free_kbytes, zone_reclaim_mode: all) */
	bool has_extra_free_kbytes;	   /* RHEL 6 only */
	bool has_extfrag_threshold;	   /* 2.6.35, RHEL 6 */
	bool has_watermark_scale_factor;   /* 4.6, RHEL 8 */
	bool has_watermark_boost_factor;   /* 5.0, RHEL 8.4 */
	bool has_compaction_proactiveness; /* 5.9, RHEL 8.4 */
	bool sysctl_conf_only; /* RHEL 5/6: /etc/sysctl.conf and sysctl -p */

	/* the allocator, reclaim and compaction */
	bool mobility;		      /* grouping by mobility (2.6.24+) */
	bool compaction;	      /* direct compaction (2.6.35+, RHEL 6) */
	int direct_compact_min_order; /* try_to_compact_pages(): 4 to 2.6.37 */
	bool highatomic;	      /* MIGRATE_HIGHATOMIC reserve (4.4+) */
	/*
	 * balance_pgdat()'s idea of a balanced node and when it gives up the
	 * order that woke it (docs/eras/kswapd.md section 2, era_kswapd())
	 */
	int kswapd_balance; /* enum pf_kswapd_balance */
	int kswapd_order0;  /* enum pf_kswapd_order0 */
	bool kswapd_reserve; /* zones held to lowmem_reserve[end_zone] (to 3.7) */
	bool kswapd_recheck0;  /* balanced above order 0: all at order 0 too */
	bool kswapd_testorder; /* a zone compaction suits: order 0 (3.4-4.7) */
	bool kswapd_balance_gap; /* shrink below high + gap, not 8 x high */
	bool kswapd_sleep_all;	 /* 4.8-4.11: sleeps only when all zones are */
	bool kswapd_wakes_kcompactd; /* wakeup_kswapd() of a balanced node (4.17) */
	bool kswapd_compacts;	     /* kswapd compacts for order > 0 */
	int kswapd_compact_min_order; /* the lowest order it compacts for */
	bool kcompactd;		      /* 4.6+ */
	bool proactive;		      /* 5.9+ proactive compaction */
	int proactiveness; /* vm.compaction_proactiveness's default: 20, 0 */
	bool boost;	   /* 5.0+ watermark boost */
	/*
	 * zone_watermark_fast() tries an order-0 request at min again
	 * without the boost: 0 never, 1 for __GFP_ATOMIC (5.9-6.2), 2 for
	 * ALLOC_MIN_RESERVE, i.e. __GFP_HIGH (6.3+)
	 */
	int boost_bypass;
	/*
	 * RECLAIM_DISTANCE (include/linux/topology.h), and whether the boot
	 * sets vm.zone_reclaim_mode to 1 when a node is farther than it
	 */
	int reclaim_distance;
	bool zone_reclaim_boot;
	/* compaction_suitable(): the watermark and fragmentation-index gates */
	bool compact_min_wmark;	 /* 4.9+: min, not low, for order <= 3 */
	int fragindex_min_order; /* the lowest order the index gate holds */

	struct pf_printk_fmt printk; /* how a failure is printed */
};

/*
 * The era of kv.  Without a version, gfp_layout (the layout a mask
 * decoded with, or PF_GFP_UNKNOWN) picks the watermark check, and every
 * other rule takes its most common value, said beside each field in
 * era.c.  A known version decides everything and gfp_layout is ignored.
 */
void pf_era_init(struct pf_era *e, const struct pf_kver *kv, int gfp_layout);

#endif
