/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sim.h - the simulator's private interface: a model of the zoned buddy
 * allocator (buddy.c), reclaim (reclaim.c), compaction (compact.c),
 * kswapd and kcompactd (kswapd.c), the allocation path of each era
 * (alloc.c), workloads from scenario files (scenario.c, workload.c), the
 * engine and its virtual clock (engine.c), and failure reports printed
 * as the kernel would (print.c).  Names and semantics are the kernel's
 * (mm/page_alloc.c, mm/vmscan.c, mm/compaction.c); each function names
 * the one it mirrors.
 *
 * Memory is one array of struct sim_page per zone; a free block is known
 * by its first page (buddy head), which carries its order; the free lists
 * are intrusive doubly linked lists of page indexes, one per order and
 * migratetype, as zone->free_area[order].free_list[mt].
 */
#ifndef PF_SIM_H
#define PF_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "era.h"
#include "mm/mm.h"
#include "sim/rand.h"

#define SIM_MAX_ORDER	    11	       /* orders 0 .. 10 (x86_64 MAX_ORDER) */
#define SIM_PAGEBLOCK_ORDER 9	       /* x86_64 with 2 MiB huge pages */
#define SIM_NONE	    UINT32_MAX /* end of a list, no page */
#define SIM_MAX_ZONES	    8
#define SIM_MAX_NODES	    4

/* The migratetypes, in the 4.4+ enum order. */
enum sim_mt {
	SIM_MT_UNMOVABLE = 0,
	SIM_MT_MOVABLE,
	SIM_MT_RECLAIMABLE,
	SIM_MT_HIGHATOMIC, /* MIGRATE_PCPTYPES: 4.4+ only */
	SIM_MT_ISOLATE,
	SIM_MT_NR
};

/* What a page in use holds: who owns it, so reclaim and compaction know. */
enum sim_owner {
	SIM_FREE = 0,	/* on a free list (the head) or inside a free block */
	SIM_FILE,	/* page cache, clean: reclaim frees it at once */
	SIM_FILE_DIRTY, /* page cache, dirty: written back first */
	SIM_ANON,	/* anonymous: reclaimable only with swap */
	SIM_SLAB_RECLAIMABLE, /* dentries, inodes: shrinkable, not movable */
	SIM_SLAB,	      /* unmovable kernel memory */
	SIM_NET,	      /* a network buffer held by the workload */
	SIM_OWNER_NR
};

/* sim_page.flags */
#define SIM_PG_HEAD 0x01 /* first page of a free block, or of an allocation */
#define SIM_PG_LRU  0x02 /* on the zone's LRU (file or anon) */

/* 12 bytes a page: the memory figure of the benchmark. */
struct sim_page {
	uint32_t next, prev; /* free list, or LRU list, links */
	uint8_t order;	     /* of the block it heads */
	uint8_t owner;	     /* enum sim_owner */
	uint8_t flags;	     /* SIM_PG_* */
	uint8_t mt;	     /* the migratetype it was allocated as */
};

struct sim_list {
	uint32_t head, tail;
	unsigned long nr;
};

/*
 * How many pages of one kind each pageblock holds (nr), a bitmap of the
 * pageblocks that hold any (any), and one of the words of any that are
 * not zero (sum), so that a search for the next pageblock that holds one
 * steps 4096 pageblocks (8 GiB) at a time: a 1 TiB zone is 128 words.
 */
struct sim_pb_count {
	uint16_t *nr;
	uint64_t *any, *sum;
};

/*
 * A zone: the pf_zone the analysis reads (zone), kept current as the
 * allocator runs so that the watermark checks of alloc.c, kswapd.c and
 * compact.c read it as it is, with no copy; and what only the simulator
 * has, its pages and their lists.
 */
struct sim_zone {
	/*
	 * name, type, node; NR_FREE_PAGES (free); the watermarks, boost
	 * and nr_reserved_highatomic; lowmem_reserve[] (SIM_MAX_ZONES of
	 * them); free_area[o].nr_free (nr_free[], SIM_MAX_ORDER of them)
	 * and the migratetype letters of each order (mt[], has_mt), which
	 * sim_zone_mt_update() keeps to the lists; all in pages, present =
	 * managed = nr_pages.  Its buddy_total_kb is not kept: -1.
	 */
	struct pf_zone zone;
	unsigned long nr_pages; /* the length of pages[] */
	bool mobility;		/* grouping by mobility: else one list type */
	struct sim_page *pages;
	uint8_t *pageblock_mt; /* per pageblock: enum sim_mt */
	struct sim_list free_list[SIM_MAX_ORDER][SIM_MT_NR];
	uint8_t mt_mask
		[SIM_MAX_ORDER]; /* bit mt: free_list[o][mt] has a block */
	long boost_max; /* the cap of zone.boost; 0: the era does not boost */
	/* LRU: the pages reclaim may take, oldest at the head */
	struct sim_list lru_file, lru_anon;
	/*
	 * The untouched run: the free blocks of the largest order from
	 * run_pfn to run_end that no one has taken since boot, one after
	 * another on free_list[SIM_MAX_ORDER - 1][SIM_MT_MOVABLE] as
	 * memblock_free_all() left them.  Only the first is written in
	 * pages[] (and is on the list, counted in nr for all of them);
	 * the others' pages are as calloc() left them, zero, which is a
	 * free tail page: when the first is taken, the next is written in
	 * its place (del_free()).  So memory never touched costs no page
	 * of the host's.  run_pfn == run_end: no run.
	 */
	uint32_t run_pfn, run_end;
	unsigned long nr_slab_reclaimable, nr_slab, nr_net;
	/*
	 * Per pageblock, how many of its pages are anon and reclaimable
	 * slab, the two kinds the workload frees at random: wl_pick()
	 * steps over the pageblocks that hold none of the kind it wants.
	 */
	struct sim_pb_count pb_anon, pb_slab_reclaimable;
	/*
	 * Per pageblock, its free pages in blocks smaller than a pageblock,
	 * the only ones compaction's free scanner takes: it steps over the
	 * pageblocks that have none.
	 */
	uint16_t *pb_free;
	/* compaction's cached scanner positions (zone->compact_cached_*) */
	unsigned long migrate_pfn, free_pfn;
};

/* How many pageblocks the zone has, the last one perhaps short. */
static inline unsigned long sim_nr_pageblocks(const struct sim_zone *z)
{
	return (z->nr_pages + (1UL << SIM_PAGEBLOCK_ORDER) - 1) >>
	       SIM_PAGEBLOCK_ORDER;
}

/* The largest block, as the untouched run holds them. */
#define SIM_RUN_NR (1UL << (SIM_MAX_ORDER - 1))

/*
 * pfn is the head of a free block of the untouched run that pages[] does
 * not hold: what a walk over pages must take as a free head of order
 * SIM_MAX_ORDER - 1.
 */
static inline bool sim_run_head(const struct sim_zone *z, unsigned long pfn)
{
	return pfn > z->run_pfn && pfn < z->run_end && !(pfn % SIM_RUN_NR);
}

/*
 * The block after pfn on its free list, the untouched run's unwritten
 * blocks included (they follow its first one, lowest pfn first).
 */
static inline uint32_t sim_free_next(const struct sim_zone *z, uint32_t pfn)
{
	if (z->run_end && pfn >= z->run_pfn && pfn < z->run_end)
		return pfn + SIM_RUN_NR < z->run_end
			       ? pfn + (uint32_t)SIM_RUN_NR
			       : z->pages[z->run_pfn].next;
	return z->pages[pfn].next;
}

/* The per-pageblock count of an owner's pages, or NULL if none is kept. */
static inline struct sim_pb_count *sim_pb_owned(struct sim_zone *z, int owner)
{
	return owner == SIM_ANON	       ? &z->pb_anon
	       : owner == SIM_SLAB_RECLAIMABLE ? &z->pb_slab_reclaimable
					       : NULL;
}

/* what struct sim_zone's zone holds must fit its arrays */
_Static_assert(SIM_MAX_ORDER <= PF_MAX_ORDER, "nr_free[] and mt[] too short");
_Static_assert(SIM_MAX_ZONES <= PF_MAX_ZONES, "lowmem_reserve[] too short");
_Static_assert(SIM_MT_NR < PF_MT_LETTERS, "no room for a letter per type");

/* The tunables of a run (vm sysctls). */
struct sim_tunables {
	long min_free_kbytes;	       /* -1: the kernel default */
	long watermark_scale_factor;   /* 10 */
	long watermark_boost_factor;   /* 15000 */
	long extfrag_threshold;	       /* 500 */
	long compaction_proactiveness; /* -1: the era's, 20 (RHEL 8: 0) */
	long zone_reclaim_mode;	       /* -1: what the boot sets */
	/* by zone index, as the sysctl prints them; -1: the zone type's */
	long lowmem_reserve_ratio[SIM_MAX_ZONES];
};

/* One recorded failure: what the kernel would have printed. */
struct sim_failure {
	double t; /* virtual seconds */
	int order;
	unsigned long gfp; /* in the era's gfp layout */
	int ctx;	   /* enum pf_ctx_kind */
	char task[16];
	int cause; /* enum pf_cause the simulator saw */
	int nr_zones;
	struct pf_zone zones[SIM_MAX_ZONES]; /* the state at that instant */
};

/* Counters of a run: the JSON of simulate -j, and the time series. */
struct sim_stats {
	unsigned long long allocations, alloc_pages, frees;
	unsigned long long failures, failures_by_order[SIM_MAX_ORDER];
	unsigned long long kswapd_wakeups, kswapd_reclaimed_pages;
	unsigned long long direct_reclaimed_pages, allocstall;
	unsigned long long node_reclaims,
		node_reclaimed_pages; /* zone_reclaim */
	unsigned long long compact_stall, compact_success, compact_fail;
	unsigned long long compacted_pages, kcompactd_wakeups;
	unsigned long long page_ops; /* pages taken or given back */
	unsigned long long steals;   /* fallback steals of pageblocks */
	unsigned long long failures_above_min; /* free > min where it failed */
};

/* ---- scenario.c: a parsed scenario file (data/scenarios/README.md) ----- */

#define SIM_MAX_PHASES 16

/* What a phase does while it runs; rates are per virtual second. */
struct sim_phase {
	char name[32];
	double duration; /* seconds */
	double fill; /* page cache to fill at the start, share of RAM, 0..1 */
	double anon_fill; /* anonymous memory to fill at the start, share of RAM */
	bool checkerboard; /* then free every other page of it (and of hold) */
	double hold; /* after the fills: unmovable pages to hold, share of free */
	bool fresh; /* fills as on a machine just booted, not a long uptime */
	int node;   /* the node whose CPUs allocate for processes; -1 any */
	int drop_caches; /* at the start, first: 1 page cache, 2 slab, 3 both */
	double stream_rate; /* page cache pages read per second */
	double anon_rate,
		anon_free_rate; /* anonymous pages in / out per second */
	double slab_rate, slab_free_rate; /* reclaimable slab pages in / out */
	double kernel_rate; /* unmovable kernel pages per second (kept) */
	double net_rate;    /* network receive allocations per second */
	int net_order;
	unsigned long net_gfp;	       /* in the era's layout; 0: GFP_ATOMIC */
	double net_hold;	       /* seconds each buffer is held */
	double burst_len, burst_every; /* net allocations only in bursts */
};

struct sim_zone_spec {
	char name[16];
	int node;
	unsigned long long bytes;
};

struct pf_scenario {
	char name[64];
	int nr_zones;
	struct sim_zone_spec zones[SIM_MAX_ZONES];
	int cpus;
	bool swap;
	int node_distance; /* between two nodes, as SLIT says (20 without) */
	struct pf_kver kernel; /* "rhel6.2", "5.15" ... */
	bool mobility;	       /* default true (2.6.24+) */
	struct sim_tunables tun;
	double scan_rate;    /* kswapd pages per second; -1: sim_rates_of() */
	double compact_rate; /* pages migrated per second; -1: the same */
	double tick;	     /* seconds of one engine step (0.001) */
	unsigned long long seed;
	int nr_phases;
	struct sim_phase phases[SIM_MAX_PHASES];
	/*
	 * The initial state of a report (fromreport.c): when set, each zone
	 * starts with exactly free_lists[zone][o] free blocks of order o,
	 * everything else clean page cache on the LRU in random order.
	 */
	bool has_free_lists;
	unsigned long free_lists[SIM_MAX_ZONES][SIM_MAX_ORDER];
};

/*
 * The era of a kernel version (era.c), with grouping by mobility only
 * where the scenario leaves it on (engine.c).
 */
void sim_era_of(const struct pf_kver *kv, bool mobility, struct pf_era *era);

/* ---- the state of a run (engine.c) --------------------------------------- */

/* kswapd and kcompactd of one node */
struct sim_kswapd {
	bool awake;
	int order; /* pgdat->kswapd_order */
	/*
	 * pgdat->kswapd_highest_zoneidx: the highest zone type its wakers
	 * may use, -1 for all; and the pages it reclaimed since it woke
	 */
	int highest_zone;
	unsigned long reclaimed;
	bool kcompactd_awake;
	int kcompactd_order;
	double credit; /* pages of work it may still do this tick */
};

/* A network buffer held until t (workload.c frees it then). */
struct sim_held {
	double t;
	int zone;
	uint32_t pfn;
	uint8_t order;
};

struct sim {
	const struct pf_scenario *sc;
	struct pf_era era;
	struct sim_tunables tun;
	/* the scenario's rates, else sim_rates_of() its kernel */
	double scan_rate, compact_rate;
	const char *rates_measured; /* where the kernel's were measured */
	int nr_zones;
	struct sim_zone zones[SIM_MAX_ZONES];
	int zone_enum
		[SIM_MAX_ZONES]; /* each zone's index in lowmem_reserve[] */
	int nr_nodes;
	struct sim_kswapd kswapd[SIM_MAX_NODES];
	double t;     /* virtual seconds */
	uint64_t rng; /* xorshift64*: runs are deterministic */
	struct sim_stats st;
	/* failures: all counted, the first max_failures kept */
	struct sim_failure *failures;
	size_t nr_failures, max_failures;
	/* held network buffers, a ring ordered by release time */
	struct sim_held *held;
	size_t held_head, held_nr, held_cap;
	/* workload bookkeeping: fractional pages carried between ticks */
	double carry[8];
	int phase;
	double phase_t; /* seconds into the phase */
	bool no_slab;	/* workload.c: a whole scan found no reclaimable slab */
	/* debug: check the invariants after every step */
	bool check;
	int check_err;
	char check_msg[256];
};

/*
 * Free s with its zones, failures and held buffers: a run's, or one a
 * test builds by hand the same way (calloc(), sim_zone_init()).
 */
void sim_destroy(struct sim *s);

/* the simulator's only source of chance (rand.h) */
static inline uint64_t sim_rand(struct sim *s)
{
	return pf_rand_next(&s->rng);
}

/* ---- buddy.c: the zoned buddy allocator -------------------------------- */

/* A zone of nr_pages pages, all free (as after memblock_free_all()). */
int sim_zone_init(struct sim_zone *z, const char *name, int node,
		  unsigned long nr_pages, bool mobility);
void sim_zone_release(struct sim_zone *z);
/* The first pageblock from pb on that c counts pages in, or nr_pb. */
unsigned long sim_pb_next(const struct sim_pb_count *c, unsigned long pb,
			  unsigned long nr_pb);
/*
 * __rmqueue(): a block of order for migratetype mt, from the smallest
 * free block that fits, falling back to other types as the era's
 * fallbacks[] say, stealing the pageblock when steal_suitable_fallback()
 * would (mobility on); the rest of a split block goes back by expand().
 * highatomic: the caller may take MIGRATE_HIGHATOMIC blocks (ALLOC_HARDER).
 * Returns the page index, or SIM_NONE.  Does not check watermarks.
 */
uint32_t sim_rmqueue(struct sim_zone *z, int order, int mt, bool highatomic,
		     struct sim_stats *st);
/* __free_one_page(): give a block back, merging with its free buddies. */
void sim_free_block(struct sim_zone *z, uint32_t pfn, int order,
		    struct sim_stats *st);
/*
 * __isolate_free_page(): the free block at pfn off its list and out of
 * NR_FREE_PAGES, its pages order-0 and nobody's: compaction's targets.
 */
void sim_isolate_free_block(struct sim_zone *z, uint32_t pfn);
/* Mark the allocated block [pfn, pfn + 2^order) as owned by owner. */
void sim_set_owner(struct sim_zone *z, uint32_t pfn, int order, int owner);
/* reserve_highatomic_pageblock(): make pfn's pageblock highatomic. */
void sim_reserve_highatomic(struct sim_zone *z, uint32_t pfn);
/* unreserve_highatomic_pageblock(): give one back, as mt. */
bool sim_unreserve_highatomic(struct sim_zone *z, int mt);
/*
 * The zone as the analysis sees it, for a failure record: z->zone, with
 * the "= NkB" total of its free lists (buddy_total_kb).
 */
void sim_zone_view(const struct sim_zone *z, struct pf_zone *out);
/*
 * Check every invariant: free counts equal the lists, no block on two
 * lists or overlapping another, no free buddies left unmerged, heads
 * aligned to their order, migratetype letters as the lists say.  Returns
 * 0, or -EUCLEAN with a description of the first violation in msg.
 */
int sim_zone_check(const struct sim_zone *z, char *msg, size_t len);
/* Free blocks of pageblock order or larger (acceptance 3) */
unsigned long sim_zone_pageblocks_free(const struct sim_zone *z);

/* LRU of reclaimable pages (reclaim.c uses, workload.c fills) */
void sim_lru_add(struct sim_zone *z, uint32_t pfn); /* tail: newest */
void sim_lru_del(struct sim_zone *z, uint32_t pfn);

/* ---- reclaim.c: shrink_node() ------------------------------------------- */

/* SWAP_CLUSTER_MAX (include/linux/swap.h, every era): reclaim's batch */
#define SIM_SWAP_CLUSTER_MAX 32

/*
 * Reclaim up to nr pages of zone z, oldest first: clean file pages at
 * once, dirty ones after writeback (they count on a later pass), anon only
 * when swap, reclaimable slab by its shrinker.  Returns pages freed.
 */
unsigned long sim_shrink_zone(struct sim *s, struct sim_zone *z,
			      unsigned long nr, bool may_swap);

/* ---- compact.c: compact_zone() ------------------------------------------- */

/*
 * Compact zone z until a free block of order (on a list the caller may
 * use) exists and the watermark at that order holds, or the migrate and
 * free scanners meet: isolate_migratepages() moves movable pages (file,
 * anon, net pages are not) from the zone's start into free pages that
 * isolate_freepages() takes from its end.  Returns pages migrated.
 */
unsigned long sim_compact_zone(struct sim *s, struct sim_zone *z, int order,
			       unsigned long budget);

/* ---- kswapd.c: kswapd and kcompactd as simulated threads ---------------- */

/*
 * zone_watermark_ok(z, order, mark, classzone) as kswapd and kcompactd
 * call it, with no alloc flags: classzone is the zone array's index of
 * the zone whose lowmem_reserve[] entry applies, or -1 for none.
 */
static inline bool sim_kswapd_zone_ok(const struct sim *s,
				      const struct sim_zone *z, int order,
				      long mark, int classzone)
{
	return pf_zone_watermark_ok(&z->zone, order, mark,
				    classzone < 0 ? -1
						  : s->zone_enum[classzone],
				    0, s->era.wm_era, NULL);
}

/* compaction_suitable() of the era, with the run's extfrag_threshold */
static inline bool sim_compaction_suitable(const struct sim *s,
					   const struct sim_zone *z, int order)
{
	return pf_compaction_suitable(&z->zone, order, &s->era,
				      s->tun.extfrag_threshold);
}

/*
 * wakeup_kswapd(): note the order and the highest zone type the waker may
 * use (-1: any), and wake it (it runs on the clock) unless the era says
 * the node needs nothing; direct_reclaim: the waker may reclaim itself.
 */
void sim_wakeup_kswapd(struct sim *s, int node, int order, int highest_zone,
		       bool direct_reclaim);
/*
 * One time slice of kswapd (balance_pgdat(): reclaim every zone to its
 * high watermark at scan_rate pages per second, then compact as the era
 * does) and kcompactd; called by the engine every tick of dt seconds.
 */
void sim_kswapd_run(struct sim *s, double dt);

/* ---- rates.c: kswapd's and compaction's rates by release ----------------- */

struct sim_rates {
	int major, minor;
	double scan_rate, compact_rate; /* pages a second */
	const char *measured;		/* where, or NULL: hand-set */
};

/* The rates of release kv that a scenario does not set. */
const struct sim_rates *sim_rates_of(const struct pf_kver *kv);

/* ---- balance.c: balance_pgdat()'s rules of each era ------------------------ */

/*
 * One stretch of balance_pgdat() for node within budget pages of
 * reclaim: zone by zone at kswapd's order (2.6.18-4.7, RHEL 5-7), or by
 * the node's LRU (4.8 on, RHEL 8 on).  Returns the pages reclaimed, and
 * in *balanced whether kswapd may sleep (kswapd's order may have dropped
 * to 0).
 */
unsigned long sim_balance_at_order(struct sim *s, int node,
				   unsigned long budget, bool may_swap,
				   bool *balanced);
unsigned long sim_balance_node(struct sim *s, int node, unsigned long budget,
			       bool may_swap, bool *balanced);

/*
 * pgdat_balanced() of 4.8 on, for kswapd's order and eligible zones: any
 * zone, or with all every zone (prepare_kswapd_sleep() of 4.8-4.11);
 * sim_node_balanced() also counts a node with nothing to reclaim.
 */
bool sim_pgdat_balanced(const struct sim *s, int node, int order, bool all,
			bool may_swap);
bool sim_node_balanced(const struct sim *s, int node, int order, bool all,
		       bool may_swap);

/* sc.order: kswapd's order, or 0 once it gave the order up (3.11+) */
int sim_reclaim_order(const struct sim *s, const struct sim_kswapd *ks);

/* zones_need_compaction of 3.4-3.10: no eligible zone passes at low */
bool sim_zones_need_compaction(const struct sim *s, int node, int order);

/* ---- alloc.c: the allocation path of each era ---------------------------- */

/*
 * __alloc_pages(): the fast path at the low watermark over the zonelist,
 * waking kswapd, then the slow path with gfp_to_alloc_flags(); a request
 * that may sleep reclaims and compacts directly and retries; one that may
 * not fails, and the failure is recorded with the zones at that instant.
 * Returns the page index (and its zone in *zone), or SIM_NONE.
 */
uint32_t sim_alloc(struct sim *s, int node, int order, unsigned long gfp,
		   int owner, int ctx, int *zone);
/* __free_pages() (buddy.c) */
void sim_free(struct sim *s, int zone, uint32_t pfn, int order);

/* ---- workload.c: the phases of a scenario -------------------------------- */

/*
 * Run dt seconds of the current phase of s->sc: start-of-phase fills, the
 * page cache, anon, slab and kernel allocation rates (fractions carried
 * in s->carry), network receive allocations (GFP_ATOMIC from softirq, in
 * bursts when burst_len is set) held for net_hold then freed.
 */
void sim_workload_run(struct sim *s, double dt);
/* Free every network buffer whose time has come. */
void sim_workload_release(struct sim *s);

/* ---- fromreport.c: a scenario from a failure report -------------------- */

/*
 * Shape the zones of a new run as s->sc->free_lists says (when
 * has_free_lists): the blocks at aligned places spread over each zone,
 * none next to a free buddy of its order (so nothing merges), the other
 * pages clean page cache on the LRU in random order.  Returns 0 or
 * -ENOMEM.
 */
int sim_shape_free_lists(struct sim *s);

/* ---- print.c: failures as the era's kernel prints them ------------------- */

/* Write the report of f, as the era's warn_alloc()/show_mem() would. */
size_t sim_print_failure(const struct sim *s, const struct sim_failure *f,
			 char *buf, size_t len);

#endif /* PF_SIM_H */
