/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trace.h - what the BPF program of pagefail trace (trace.bpf.c) and the
 * command that reads it (trace_bpf.c) share: the keys and values of its
 * maps.  Plain fixed-width types only: the BPF side sees no libc.
 */
#ifndef PAGEFAIL_TRACE_H
#define PAGEFAIL_TRACE_H

/* Where the allocation ran, as the program can tell (see trace.bpf.c). */
enum trace_ctx {
	TRACE_CTX_TASK = 0,
	TRACE_CTX_SOFTIRQ,
	TRACE_CTX_HARDIRQ,
	TRACE_CTX_NR
};

/*
 * stats: one entry per gfp mask, order, context and zone seen: the zone of
 * the page (node * TRACE_ZONES_MAX + zone, TRACE_NO_ZONE for a failure or
 * when the layout is not known), so that one lookup counts it all
 */
#define TRACE_NO_ZONE 0xffff
struct trace_key {
	__u32 gfp;
	__u8 order;
	__u8 ctx;   /* enum trace_ctx */
	__u16 zone; /* slot, or TRACE_NO_ZONE */
};

struct trace_val {
	__u64 allocs; /* __alloc_pages() calls */
	__u64 pages;  /* pages they got: 1 << order each */
	__u64 fails;  /* calls that got none */
};

/*
 * cache: before stats, a per-CPU array of TRACE_CACHE_SLOTS slots, each
 * the first key (its 8 bytes as one number) that hashed to it on that
 * CPU: a hit costs an array lookup and a compare, where the hash costs
 * hashing the key and walking its bucket: a page allocation counted went
 * from 148 to 86 ns (kernel.bpf_stats_enabled, 2 GiB of tmpfs writes,
 * 6.18).  A key whose slot another key took goes to stats; the few masks
 * the allocation paths use fill few of the slots.
 */
#define TRACE_CACHE_SLOTS 1024
struct trace_slot {
	__u64 key; /* a struct trace_key's bytes */
	__u64 used;
	struct trace_val val;
};

/* zone slots: nodes from TRACE_NODES_MAX on share the last node's */
#define TRACE_NODES_MAX	 64
#define TRACE_ZONES_MAX	 8
#define TRACE_ZONE_SLOTS (TRACE_NODES_MAX * TRACE_ZONES_MAX)

/*
 * windows: the atomic demand of each window of window_ns, in a ring the
 * command drains long before it comes round (TRACE_WINDOWS windows: 82 s
 * at 10 ms).  Orders above TRACE_WINDOW_ORDERS - 1 count in the last.
 */
#define TRACE_WINDOWS	    8192
#define TRACE_WINDOW_ORDERS 4
struct trace_window {
	__u64 pages;			   /* taken by atomic requests */
	__u64 allocs[TRACE_WINDOW_ORDERS]; /* atomic requests by order */
	__u64 fails;			   /* atomic requests that failed */
};

/* events: counted occurrences, per CPU */
enum trace_event {
	TRACE_EV_EXTFRAG = 0,	   /* mm_page_alloc_extfrag: a fallback */
	TRACE_EV_EXTFRAG_SPLIT,	   /* ... of less than a pageblock */
	TRACE_EV_KSWAPD_WAKEUP,	   /* mm_vmscan_wakeup_kswapd */
	TRACE_EV_KSWAPD_RUN,	   /* mm_vmscan_kswapd_wake */
	TRACE_EV_DIRECT_RECLAIM,   /* mm_vmscan_direct_reclaim_begin */
	TRACE_EV_DIRECT_COMPACT,   /* mm_compaction_try_to_compact_pages */
	TRACE_EV_KCOMPACTD_WAKEUP, /* mm_compaction_wakeup_kcompactd */
	TRACE_EV_STACKS_LOST,	   /* no room in the stack map */
	TRACE_EV_NR
};

/* lat: how long things took, per CPU */
enum trace_lat {
	TRACE_LAT_KSWAPD_REACT = 0, /* a wakeup asked, to kswapd awake */
	TRACE_LAT_KSWAPD_RUN,	    /* kswapd awake, to asleep again */
	TRACE_LAT_DIRECT_RECLAIM,   /* a task's direct reclaim */
	TRACE_LAT_DIRECT_COMPACT,   /* a task's compaction of a zone */
	TRACE_LAT_NR
};

struct trace_lat_val {
	__u64 n, sum_ns, max_ns;
};

/* kswapd of each node (TRACE_NODES_MAX): when asked, when awake */
struct trace_kswapd {
	__u64 asked_ns, woke_ns;
};

/*
 * stack_counts: the call stacks of failures and of atomic requests
 * (TRACE_STACK_FAIL, TRACE_STACK_ATOMIC), by stack map id
 */
#define TRACE_STACKS	   4096
#define TRACE_STACK_DEPTH  32
#define TRACE_STACK_FAIL   0
#define TRACE_STACK_ATOMIC 1
struct trace_stack_key {
	__s32 id;
	__u16 kind;
	__u16 order;
};

struct trace_stack_val {
	__u64 allocs, pages;
};

#endif
