// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace.bpf.c - the kernel half of pagefail trace: counts every page
 * allocation in the kernel and hands nothing to user space per event; the
 * command reads the maps once a window batch (trace_bpf.c).
 *
 * kmem:mm_page_alloc (as a BTF tracepoint: its arguments are the
 * TP_PROTO's, struct page *page, unsigned int order, gfp_t gfp_flags, int
 * migratetype, typed, so page is read without a helper) fires once per
 * __alloc_pages() call, with page NULL when the call failed.  Each call
 * is counted by its gfp mask, order, context and the page's zone, in one
 * per-CPU slot (cache, or the stats hash when its slot is taken); the
 * command sorts the masks into classes with the library's gfp layout of
 * the running kernel, so the kernel side knows no layout.
 * Only which masks are atomic it must know, for the demand per window:
 * the command sets atomic_high, atomic_sleep and atomic_bit before load.
 *
 * The context comes from the preempt count where the kernel lets a BPF
 * program read it (built with TRACE_PREEMPT_COUNT: trace_pc.bpf.o; the
 * per-CPU variable needs kallsyms of data, CONFIG_KALLSYMS_ALL; 6.2 to
 * 6.14 keep it in pcpu_hot, not read here).  Elsewhere it is kept per
 * CPU from the irq tracepoints (trace.bpf.o): inside softirq_entry/
 * softirq_exit is softirq, inside irq_handler_entry/irq_handler_exit (a
 * device's interrupt handler) is hardirq, and an allocation in a timer or
 * IPI interrupt counts as what it interrupted.
 * The hooks are most of what the program costs where softirqs are many
 * (loopback TCP: 394,420 softirqs in 2 s, about 94 ns each for the two,
 * kernel.bpf_stats_enabled); a page allocation counted costs 86 ns, its
 * key found in a per-CPU array (trace.h, cache) rather than the hash.
 *
 * The zone of a page is in page->flags, below the node (NODES_PGOFF and
 * ZONES_PGOFF of include/linux/mmzone.h, 6.1.20:934 and 6.18.2:1148, with
 * no section bits under SPARSEMEM_VMEMMAP): zone_shift and node_shift are
 * the command's, from the kernel's BTF and its CONFIG_NODES_SHIFT.
 */
#include <linux/bpf.h>
#include <linux/types.h>
#include <stdbool.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "trace.h"

/*
 * The one field read, at the offset the running kernel has it (CO-RE):
 * page->flags, an unsigned long until 6.17, memdesc_flags_t's .f after.
 */
struct page___ulong {
	unsigned long flags;
} __attribute__((preserve_access_index));
struct page___memdesc {
	struct {
		unsigned long f;
	} flags;
} __attribute__((preserve_access_index));
struct page;

const volatile __u32 atomic_high;  /* __GFP_HIGH */
const volatile __u32 atomic_sleep; /* __GFP_DIRECT_RECLAIM (__GFP_WAIT) */
const volatile __u32 atomic_bit;   /* __GFP_ATOMIC (4.4-6.2), else 0 */
const volatile __u32 zone_shift, zone_mask, node_shift, node_mask;
const volatile __u64 window_ns = 10000000;
const volatile __u32 pageblock_order = 9;
const volatile bool want_stacks = true;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 4096);
	__type(key, struct trace_key);
	__type(value, struct trace_val);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, TRACE_CACHE_SLOTS);
	__type(key, __u32);
	__type(value, struct trace_slot);
} cache SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, TRACE_WINDOWS);
	__type(key, __u32);
	__type(value, struct trace_window);
} windows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, TRACE_EV_NR);
	__type(key, __u32);
	__type(value, __u64);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, TRACE_LAT_NR);
	__type(key, __u32);
	__type(value, struct trace_lat_val);
} lat SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, TRACE_NODES_MAX);
	__type(key, __u32);
	__type(value, struct trace_kswapd);
} kswapd SEC(".maps");

/* when a task began its direct reclaim ([0]) or a compaction ([1]) */
struct task_key {
	__u32 pid, what;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, struct task_key);
	__type(value, __u64);
} began SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, TRACE_STACKS);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, TRACE_STACK_DEPTH * sizeof(__u64));
} stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, TRACE_STACKS);
	__type(key, struct trace_stack_key);
	__type(value, struct trace_stack_val);
} stack_counts SEC(".maps");

#ifndef TRACE_PREEMPT_COUNT
/* is each CPU in a softirq, in an interrupt handler? */
struct inside_val {
	__u32 in[2]; /* [0] softirq, [1] hardirq */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct inside_val);
} inside SEC(".maps");

/*
 * Softirqs do not nest on a CPU, nor do interrupt handlers: each is in or
 * out.  The exits are attached before the entries (skeletons attach in
 * this file's order), so a softirq running while we attach cannot leave a
 * CPU marked in one; an exit sets it out whatever came before.
 */
static __always_inline void mark(__u32 which, __u32 in)
{
	__u32 k = 0;
	struct inside_val *v = bpf_map_lookup_elem(&inside, &k);

	if (v)
		v->in[which & 1] = in;
}

SEC("raw_tp/softirq_exit")
int BPF_PROG(softirq_exit)
{
	mark(0, 0);
	return 0;
}

SEC("raw_tp/irq_handler_exit")
int BPF_PROG(irq_exit)
{
	mark(1, 0);
	return 0;
}

SEC("raw_tp/softirq_entry")
int BPF_PROG(softirq_entry)
{
	mark(0, 1);
	return 0;
}

SEC("raw_tp/irq_handler_entry")
int BPF_PROG(irq_entry)
{
	mark(1, 1);
	return 0;
}

static __always_inline __u8 context(void)
{
	__u32 k = 0;
	struct inside_val *v = bpf_map_lookup_elem(&inside, &k);

	if (v && v->in[1])
		return TRACE_CTX_HARDIRQ;
	if (v && v->in[0])
		return TRACE_CTX_SOFTIRQ;
	return TRACE_CTX_TASK;
}
#endif

/* gfp_to_alloc_flags()'s "atomic": __GFP_HIGH without the right to sleep */
static __always_inline bool is_atomic(__u32 gfp)
{
	return ((gfp & atomic_high) && !(gfp & atomic_sleep)) ||
	       (gfp & atomic_bit);
}

/* The value of key in a hash map, made (zero) when it is not there. */
static __always_inline void *lookup_or_add(void *map, const void *key,
					   const void *zero)
{
	void *v = bpf_map_lookup_elem(map, key);

	if (v)
		return v;
	bpf_map_update_elem(map, key, zero, BPF_NOEXIST);
	return bpf_map_lookup_elem(map, key);
}

/*
 * page->flags, read straight: the program is a BTF tracepoint (tp_btf),
 * so page is a pointer the verifier knows the type of, and a load from it
 * costs a load, not a bpf_probe_read_kernel() call
 */
static __always_inline unsigned long page_flags(struct page *page)
{
	if (bpf_core_field_exists(struct page___memdesc, flags.f))
		return ((struct page___memdesc *)page)->flags.f;
	return ((struct page___ulong *)page)->flags;
}

/* The zone slot of page: node * TRACE_ZONES_MAX + zone */
static __always_inline __u16 zone_slot(struct page *page)
{
	unsigned long flags;
	__u32 node;

	if (!page || !zone_mask)
		return TRACE_NO_ZONE;
	flags = page_flags(page);
	node = (flags >> node_shift) & node_mask;
	if (node >= TRACE_NODES_MAX)
		node = TRACE_NODES_MAX - 1;
	return (__u16)(node * TRACE_ZONES_MAX +
		       ((flags >> zone_shift) & zone_mask &
			(TRACE_ZONES_MAX - 1)));
}

static __always_inline void count(struct page *page, __u32 order, __u32 gfp,
				  __u8 cx)
{
	struct trace_key key = {
		.gfp = gfp,
		.order = (__u8)order,
		.ctx = cx,
		.zone = zone_slot(page),
	};
	struct trace_val zero = {}, *v = NULL;
	struct trace_slot *s;
	__u64 k;
	__u32 i;

	__builtin_memcpy(&k, &key, sizeof(k));
	/* Fibonacci hashing: the top bits of the key times 2^64 / phi */
	i = (__u32)((k * 0x9e3779b97f4a7c15ull) >> 54) &
	    (TRACE_CACHE_SLOTS - 1);
	s = bpf_map_lookup_elem(&cache, &i);
	if (s && !s->used) {
		s->key = k;
		s->used = 1;
	}
	if (s && s->key == k)
		v = &s->val;
	else
		v = lookup_or_add(&stats, &key, &zero);
	if (!v)
		return;
	v->allocs++;
	v->pages += page ? 1ull << (order & 31) : 0;
	v->fails += !page;
}

static __always_inline void count_window(struct page *page, __u32 order)
{
	__u32 slot = (bpf_ktime_get_ns() / window_ns) % TRACE_WINDOWS;
	struct trace_window *w = bpf_map_lookup_elem(&windows, &slot);

	if (!w)
		return;
	if (page)
		__sync_fetch_and_add(&w->pages, 1ull << (order & 31));
	else
		__sync_fetch_and_add(&w->fails, 1);
	__sync_fetch_and_add(&w->allocs[order < TRACE_WINDOW_ORDERS
						? order
						: TRACE_WINDOW_ORDERS - 1],
			     1);
}

static __always_inline void event(__u32 ev)
{
	__u64 *n = bpf_map_lookup_elem(&events, &ev);

	if (n)
		*n += 1;
}

static __always_inline void took(__u32 which, __u64 ns)
{
	struct trace_lat_val *v = bpf_map_lookup_elem(&lat, &which);

	if (!v)
		return;
	v->n++;
	v->sum_ns += ns;
	if (ns > v->max_ns)
		v->max_ns = ns;
}

/* The call stack of this request, counted by its kind. */
static __always_inline void count_stack(void *ctx, __u16 kind, __u32 order,
					__u64 pages)
{
	struct trace_stack_key key = { .kind = kind, .order = order };
	struct trace_stack_val zero = {}, *v;

	key.id = bpf_get_stackid(ctx, &stacks, 0);
	if (key.id < 0) {
		event(TRACE_EV_STACKS_LOST);
		return;
	}
	v = lookup_or_add(&stack_counts, &key, &zero);
	if (!v)
		return;
	v->allocs++;
	v->pages += pages;
}

static __always_inline int on_alloc(void *ctx, struct page *page,
				    unsigned int order, unsigned int gfp,
				    __u8 cx)
{
	bool atomic = is_atomic(gfp);

	count(page, order, gfp, cx);
	if (atomic)
		count_window(page, order);
	if (want_stacks && (!page || atomic))
		count_stack(ctx, page ? TRACE_STACK_ATOMIC : TRACE_STACK_FAIL,
			    order, page ? 1ull << (order & 31) : 0);
	return 0;
}

#ifdef TRACE_PREEMPT_COUNT
/*
 * The context from the preempt count: trace_pc.bpf.o, the build the
 * command loads where /proc/kallsyms names __preempt_count (x86 until 6.1
 * and from 6.15, with CONFIG_KALLSYMS_ALL: the verifier finds a per-CPU
 * variable there).  The masks are include/linux/preempt.h's: NMI_MASK |
 * HARDIRQ_MASK (0x00ff0000) is an interrupt, SOFTIRQ_OFFSET (0x100) a
 * softirq being served (the bits above it in 0xff00 count
 * local_bh_disable(), which is not one).
 */
extern const int __preempt_count __ksym;

static __always_inline __u8 context_now(void)
{
	int pc = *(const int *)bpf_this_cpu_ptr(&__preempt_count);

	if (pc & 0x00ff0000)
		return TRACE_CTX_HARDIRQ;
	if (pc & 0x100)
		return TRACE_CTX_SOFTIRQ;
	return TRACE_CTX_TASK;
}
#else
#define context_now() context()
#endif

SEC("tp_btf/mm_page_alloc")
int BPF_PROG(page_alloc, struct page *page, unsigned int order,
	     unsigned int gfp)
{
	return on_alloc(ctx, page, order, gfp, context_now());
}

/* a fallback to another migratetype's free list; below a pageblock, it
 * mixes the two in one pageblock (the tracepoint's "fragmenting") */
SEC("raw_tp/mm_page_alloc_extfrag")
int BPF_PROG(extfrag, struct page *page, int alloc_order, int fallback_order)
{
	event(TRACE_EV_EXTFRAG);
	if (fallback_order < (int)pageblock_order)
		event(TRACE_EV_EXTFRAG_SPLIT);
	return 0;
}

static __always_inline struct trace_kswapd *kswapd_of(int nid)
{
	__u32 k = nid >= 0 && nid < TRACE_NODES_MAX ? nid : 0;

	return bpf_map_lookup_elem(&kswapd, &k);
}

/* wakeup_kswapd(): fires only when kswapd waits on its queue */
SEC("raw_tp/mm_vmscan_wakeup_kswapd")
int BPF_PROG(wakeup_kswapd, int nid)
{
	struct trace_kswapd *k = kswapd_of(nid);

	event(TRACE_EV_KSWAPD_WAKEUP);
	if (k && !k->woke_ns)
		__sync_val_compare_and_swap(&k->asked_ns, 0,
					    bpf_ktime_get_ns());
	return 0;
}

SEC("raw_tp/mm_vmscan_kswapd_wake")
int BPF_PROG(kswapd_wake, int nid)
{
	struct trace_kswapd *k = kswapd_of(nid);
	__u64 now = bpf_ktime_get_ns();

	event(TRACE_EV_KSWAPD_RUN);
	if (!k)
		return 0;
	if (k->asked_ns)
		took(TRACE_LAT_KSWAPD_REACT, now - k->asked_ns);
	k->asked_ns = 0;
	k->woke_ns = now;
	return 0;
}

SEC("raw_tp/mm_vmscan_kswapd_sleep")
int BPF_PROG(kswapd_sleep, int nid)
{
	struct trace_kswapd *k = kswapd_of(nid);

	if (k && k->woke_ns)
		took(TRACE_LAT_KSWAPD_RUN, bpf_ktime_get_ns() - k->woke_ns);
	if (k)
		k->woke_ns = 0;
	return 0;
}

static __always_inline void begin(__u32 what)
{
	struct task_key key = { (__u32)bpf_get_current_pid_tgid(), what };
	__u64 now = bpf_ktime_get_ns();

	bpf_map_update_elem(&began, &key, &now, BPF_ANY);
}

static __always_inline void end(__u32 what, __u32 lat_of)
{
	struct task_key key = { (__u32)bpf_get_current_pid_tgid(), what };
	__u64 *t = bpf_map_lookup_elem(&began, &key);

	if (!t)
		return;
	took(lat_of, bpf_ktime_get_ns() - *t);
	bpf_map_delete_elem(&began, &key);
}

SEC("raw_tp/mm_vmscan_direct_reclaim_begin")
int BPF_PROG(reclaim_begin)
{
	event(TRACE_EV_DIRECT_RECLAIM);
	begin(0);
	return 0;
}

SEC("raw_tp/mm_vmscan_direct_reclaim_end")
int BPF_PROG(reclaim_end)
{
	end(0, TRACE_LAT_DIRECT_RECLAIM);
	return 0;
}

SEC("raw_tp/mm_compaction_try_to_compact_pages")
int BPF_PROG(direct_compact)
{
	event(TRACE_EV_DIRECT_COMPACT);
	return 0;
}

/* compact_zone() of a task: kcompactd and kswapd are not stalls */
static __always_inline bool is_daemon(void)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	return (comm[0] == 'k' && comm[1] == 'c' && comm[2] == 'o' &&
		comm[3] == 'm') ||
	       (comm[0] == 'k' && comm[1] == 's' && comm[2] == 'w' &&
		comm[3] == 'a');
}

SEC("raw_tp/mm_compaction_begin")
int BPF_PROG(compact_begin)
{
	if (!is_daemon())
		begin(1);
	return 0;
}

SEC("raw_tp/mm_compaction_end")
int BPF_PROG(compact_end)
{
	end(1, TRACE_LAT_DIRECT_COMPACT);
	return 0;
}

SEC("raw_tp/mm_compaction_wakeup_kcompactd")
int BPF_PROG(wakeup_kcompactd)
{
	event(TRACE_EV_KCOMPACTD_WAKEUP);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
