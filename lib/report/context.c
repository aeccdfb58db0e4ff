// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * context.c - where an allocation came from, read off its call trace: the
 * execution context (hard IRQ, softirq and which, process, kswapd), the
 * allocator layer it went through (slab, skb, vmalloc, DMA), the subsystem
 * that asked.  The words for it are the CLI's (src/words.c).
 *
 * The trace is printed innermost first.  A softirq runs from __do_softirq()
 * (handle_softirqs() from 6.8), reached from irq_exit() or ksoftirqd; the
 * handler below it (net_rx_action, run_timer_softirq, ...) names the softirq.
 */
#include <stdio.h>
#include <string.h>

#include "report/internal.h"
#include "util/util.h"

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* clang-format off */
static const char *const softirq_entries[] = {
	"__do_softirq", "do_softirq", "handle_softirqs", "run_ksoftirqd",
	"__softirqentry_text_start", "do_softirq_own_stack", "call_softirq",
	"__irq_exit_rcu", "irq_exit",
};
/* clang-format on */

/* The softirq handlers, by the vector they serve (include/linux/interrupt.h) */
/* clang-format off */
static const struct {
	const char *prefix;
	const char *softirq;
} softirq_handlers[] = {
	{ "net_rx_action", "net_rx" },	{ "napi_poll", "net_rx" },
	{ "__napi_poll", "net_rx" },	{ "netif_receive_skb", "net_rx" },
	{ "__netif_receive_skb", "net_rx" }, { "process_backlog", "net_rx" },
	{ "net_tx_action", "net_tx" },	{ "run_timer_softirq", "timer" },
	{ "call_timer_fn", "timer" },	{ "expire_timers", "timer" },
	{ "__run_timers", "timer" },	{ "blk_done_softirq", "block" },
	{ "blk_complete_reqs", "block" }, { "irq_poll_softirq", "block" },
	{ "tasklet_action", "tasklet" }, { "tasklet_hi_action", "tasklet" },
	{ "run_rebalance_domains", "sched" }, { "hrtimer_run_softirq", "hrtimer" },
	{ "rcu_process_callbacks", "rcu" }, { "rcu_core", "rcu" },
	{ "rcu_do_batch", "rcu" },
};
/* clang-format on */

/* clang-format off */
static const char *const hardirq_frames[] = {
	"do_IRQ", "handle_irq", "handle_IRQ_event", "handle_irq_event",
	"common_interrupt", "gic_handle_irq", "__handle_domain_irq",
	"generic_handle_irq", "handle_edge_irq", "handle_fasteoi_irq",
	"asm_common_interrupt", "el1_irq", "__irq_svc", "do_IRQ",
	"smp_apic_timer_interrupt", "apic_timer_interrupt",
};
/* clang-format on */

/*
 * Frames that belong to the reporting and the page allocator itself; the
 * call site is the first frame after them.
 */
static bool is_alloc_frame(const char *f)
{
	/* clang-format off */
	static const char *const prefixes[] = {
		"dump_stack", "show_stack", "dump_backtrace", "__dump_stack",
		"warn_alloc", "__warn_alloc", "__alloc_pages", "alloc_pages",
		"__get_free_pages", "get_zeroed_page", "__get_free_page",
		"alloc_pages_current", "alloc_pages_vma", "__alloc_pages_node",
		"alloc_page_interleave", "__alloc_pages_slowpath",
		"__alloc_pages_nodemask", "__alloc_pages_noprof",
		"alloc_pages_noprof", "alloc_pages_mpol", "__folio_alloc",
		"folio_alloc", "alloc_slab_page", "__alloc_pages_direct",
		"__alloc_pages_may_oom", "warn_alloc_failed",
		"__dump_page", "unwind_backtrace", "__get_free_pages_noprof",
		"get_page_from_freelist",
	};
	/* clang-format on */

	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (!strncmp(f, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

/*
 * A "? " frame is a return address the unwinder found on the stack but
 * could not prove live (x86 show_trace_log_lvl(), arm64 likewise): often
 * stale.  The call site is the first reliable frame outside the
 * allocator; an unreliable one only when the trace has nothing better.
 */
const char *pf_frames_call_site(const struct pf_report *r, int *index)
{
	int fallback = -1;

	for (int i = 0; i < r->nr_frames; i++) {
		const struct pf_frame *f = &r->frames[i];

		if (f->kind != PF_FRAME_FUNC || is_alloc_frame(f->func))
			continue;
		if (f->unreliable) {
			if (fallback < 0)
				fallback = i;
			continue;
		}
		if (index)
			*index = i;
		return f->func;
	}
	if (fallback < 0)
		return NULL;
	if (index)
		*index = fallback;
	return r->frames[fallback].func;
}

bool pf_frame_counts(const struct pf_frame *f, bool site_unreliable)
{
	return f->kind == PF_FRAME_FUNC && (!f->unreliable || site_unreliable);
}

size_t pf_report_signature(const struct pf_report *r, char *buf, size_t len)
{
	bool all;
	int start = 0, n = 0;
	size_t used = 0;

	if (!len)
		return 0;
	buf[0] = '\0';
	if (!pf_frames_call_site(r, &start))
		return 0;
	all = r->frames[start].unreliable;
	/* past slab growth and skb allocation: who called them tells more */
	for (int i = start; i < r->nr_frames; i++) {
		if (pf_frame_counts(&r->frames[i], all) &&
		    !pf_frame_is_layer(r->frames[i].func)) {
			start = i;
			break;
		}
	}
	/* three frames after the allocator tell call sites apart */
	for (int i = start; i < r->nr_frames && n < 3; i++) {
		const struct pf_frame *f = &r->frames[i];
		size_t fl;

		if (!pf_frame_counts(f, all))
			continue;
		fl = strlen(f->func);
		if (used + fl + 2 >= len)
			break;
		if (n)
			buf[used++] = '<';
		memcpy(buf + used, f->func, fl);
		used += fl;
		buf[used] = '\0';
		n++;
	}
	return used;
}

/*
 * Who asked, by call-trace prefix; "layer" entries are the allocator paths
 * a request goes through on its way (slab growth, skb, vmalloc) and only
 * name the subsystem when nothing further out does.
 */
/* clang-format off */
static const struct {
	const char *prefix;
	const char *subsystem;
	bool layer;
} callers[] = {
	/* allocator layers */
	{ "kmem_getpages", "slab", true },	{ "cache_grow", "slab", true },
	{ "allocate_slab", "slab", true },	{ "new_slab", "slab", true },
	{ "___slab_alloc", "slab", true },	{ "__slab_alloc", "slab", true },
	{ "cache_alloc_refill", "slab", true }, { "fallback_alloc", "slab", true },
	{ "____cache_alloc", "slab", true },	{ "kmem_cache_alloc", "slab", true },
	{ "__kmalloc", "slab", true },		{ "kmalloc", "slab", true },
	{ "___kmalloc", "slab", true },		{ "__kmem_cache_alloc", "slab", true },
	{ "slab_alloc", "slab", true },		{ "kmalloc_order", "slab", true },
	{ "kmalloc_large", "slab", true },	{ "__do_kmalloc", "slab", true },
	{ "kmalloc_reserve", "skb", true },	{ "__alloc_skb", "skb", true },
	{ "alloc_skb", "skb", true },		{ "__netdev_alloc_skb", "skb", true },
	{ "__napi_alloc_skb", "skb", true },	{ "page_frag_alloc", "skb", true },
	{ "__page_frag", "skb", true },		{ "skb_page_frag_refill", "skb", true },
	{ "__vmalloc", "vmalloc", true },	{ "vmalloc", "vmalloc", true },
	{ "vzalloc", "vmalloc", true },		{ "kvmalloc", "vmalloc", true },
	{ "mempool_alloc", "mempool", true },
	/* subsystems */
	{ "dma_alloc", "dma", false },		{ "__dma_alloc", "dma", false },
	{ "dma_direct_alloc", "dma", false },	{ "__dma_direct_alloc", "dma", false },
	{ "dma_atomic_pool", "dma", false },	{ "atomic_pool", "dma", false },
	{ "dma_pool_alloc", "dma", false },	{ "cma_alloc", "dma", false },
	{ "dma_alloc_from_contiguous", "dma", false },
	{ "swiotlb", "dma", false },		{ "pmap_cma", "dma", false },
	{ "iommu_", "iommu", false },		{ "alloc_iova", "iommu", false },
	{ "iova_", "iommu", false },		{ "intel_map", "iommu", false },
	{ "__iommu_dma", "iommu", false },	{ "amd_iommu", "iommu", false },
	{ "ttm_", "gpu", false },		{ "drm_", "gpu", false },
	{ "amdgpu_", "gpu", false },		{ "radeon_", "gpu", false },
	{ "i915_", "gpu", false },		{ "nouveau_", "gpu", false },
	{ "kgsl_", "gpu", false },		{ "ion_", "gpu", false },
	{ "zs_malloc", "zram", false },		{ "zram_", "zram", false },
	{ "zswap_", "zram", false },		{ "xfs_", "filesystem", false },
	{ "kmem_alloc", "filesystem", false },	{ "kmem_zalloc", "filesystem", false },
	{ "ext4_", "filesystem", false },	{ "btrfs_", "filesystem", false },
	{ "nfs_", "filesystem", false },	{ "jbd2_", "filesystem", false },
	{ "f2fs_", "filesystem", false },	{ "cifs_", "filesystem", false },
	{ "ceph_", "filesystem", false },	{ "fuse_", "filesystem", false },
	{ "ext3_", "filesystem", false },	{ "reiserfs_", "filesystem", false },
	{ "copy_process", "fork", false },	{ "dup_task_struct", "fork", false },
	{ "alloc_thread_stack", "fork", false }, { "_do_fork", "fork", false },
	{ "kernel_clone", "fork", false },	{ "do_huge_pmd", "thp", false },
	{ "khugepaged", "thp", false },		{ "alloc_hugepage", "thp", false },
	{ "do_coredump", "coredump", false },	{ "elf_core_dump", "coredump", false },
	{ "xt_", "netfilter", false },		{ "nf_", "netfilter", false },
	{ "scsi_", "block", false },		{ "blk_", "block", false },
	{ "bio_", "block", false },		{ "nvme_", "block", false },
	{ "sk_", "network", false },		{ "tcp_", "network", false },
	{ "udp_", "network", false },		{ "ip_", "network", false },
	{ "ip6_", "network", false },		{ "inet_", "network", false },
	{ "netif_", "network", false },		{ "napi_", "network", false },
	{ "__netif", "network", false },	{ "net_rx_action", "network", false },
	{ "sock_", "network", false },		{ "__dev_open", "network", false },
	{ "dev_open", "network", false },	{ "neigh_", "network", false },
	{ "arp_", "network", false },		{ "pipe_", "pipe", false },
	{ "seq_read", "seq_file", false },	{ "single_open", "seq_file", false },
	{ "binder_", "binder", false },		{ "kvm_", "kvm", false },
	{ "vhost_", "kvm", false },		{ "bpf_", "bpf", false },
};
/* clang-format on */

bool pf_frame_is_layer(const char *func)
{
	for (size_t k = 0; k < ARRAY_SIZE(callers); k++)
		if (callers[k].layer && starts(func, callers[k].prefix))
			return true;
	return false;
}

/* A frame of a network driver module: its rx/poll/open path. */
static bool is_net_driver(const struct pf_frame *f)
{
	static const char *const hints[] = {
		"_rx",	   "_poll", "_xmit", "_open",	    "_alloc_rx",
		"_refill", "napi",  "_recv", "_start_xmit",
	};

	if (!f->module[0])
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(hints); i++)
		if (strstr(f->func, hints[i]))
			return true;
	return false;
}

/* The call site past the slab and skb layers: who asked them. */
static void call_site_past_layers(const struct pf_report *r,
				  struct pf_context *c, int start, bool all)
{
	for (int i = start; i < r->nr_frames; i++) {
		const struct pf_frame *f = &r->frames[i];

		if (pf_frame_counts(f, all) && !pf_frame_is_layer(f->func)) {
			pf_strlcpy(c->call_site, sizeof(c->call_site), f->func);
			break;
		}
	}
}

/*
 * In what context the allocation ran: softirq (a softirq entry among the
 * frames, and which softirq by its handler), hardirq (an <IRQ> marker or
 * an interrupt entry frame), kswapd (the task), or a process.
 */
static void context_kind(const struct pf_report *r, struct pf_context *c)
{
	bool irq_marker = false, irq_frame = false;

	for (int i = 0; i < r->nr_frames; i++) {
		const struct pf_frame *f = &r->frames[i];

		if (f->kind == PF_FRAME_MARKER) {
			if (!strcmp(f->func, "IRQ"))
				irq_marker = true;
			continue;
		}
		for (size_t k = 0;
		     !c->softirq && k < ARRAY_SIZE(softirq_handlers); k++)
			if (starts(f->func, softirq_handlers[k].prefix))
				c->softirq = softirq_handlers[k].softirq;
		for (size_t k = 0; k < ARRAY_SIZE(softirq_entries); k++)
			if (starts(f->func, softirq_entries[k]) &&
			    c->kind != PF_CTX_SOFTIRQ &&
			    strcmp(softirq_entries[k], "irq_exit") != 0 &&
			    strcmp(softirq_entries[k], "__irq_exit_rcu") != 0)
				c->kind = PF_CTX_SOFTIRQ;
		for (size_t k = 0; k < ARRAY_SIZE(hardirq_frames); k++)
			if (!strcmp(f->func, hardirq_frames[k]))
				irq_frame = true;
	}
	if (c->kind == PF_CTX_SOFTIRQ)
		return;
	c->softirq = NULL;
	if (!strncmp(r->task, "kswapd", 6) && r->task[6] >= '0' &&
	    r->task[6] <= '9')
		c->kind = PF_CTX_KSWAPD;
	else if (irq_marker || irq_frame)
		c->kind = PF_CTX_HARDIRQ;
	else if (r->nr_frames)
		c->kind = PF_CTX_PROCESS;
	else if (!strncmp(r->task, "kswapd", 6))
		c->kind = PF_CTX_KSWAPD;
}

/*
 * Who asked: the first subsystem outward from the call site; a network
 * driver's frame is the network's; the allocator layers passed through
 * (c->via) name it only when nothing further out does.
 */
static void subsystem_of(const struct pf_report *r, struct pf_context *c,
			 int start, bool all)
{
	for (int i = start; i < r->nr_frames && !c->subsystem; i++) {
		const struct pf_frame *f = &r->frames[i];

		if (!pf_frame_counts(f, all))
			continue;
		if (is_net_driver(f)) {
			c->subsystem = "network";
			break;
		}
		for (size_t k = 0; k < ARRAY_SIZE(callers); k++) {
			if (!starts(f->func, callers[k].prefix))
				continue;
			if (callers[k].layer) {
				if (!c->via)
					c->via = callers[k].subsystem;
			} else {
				c->subsystem = callers[k].subsystem;
			}
			break;
		}
	}
}

void pf_report_classify(struct pf_report *r)
{
	struct pf_context *c = &r->context;
	const char *site;
	int start = 0;
	bool all;

	memset(c, 0, sizeof(*c));
	site = pf_frames_call_site(r, &start);
	all = site && r->frames[start].unreliable;
	if (site)
		call_site_past_layers(r, c, start, all);
	context_kind(r, c);
	if (site)
		subsystem_of(r, c, start, all);
	if (!c->subsystem && c->softirq && !strcmp(c->softirq, "net_rx"))
		c->subsystem = "network";
	if (c->via && !strcmp(c->via, "skb") && !c->subsystem)
		c->subsystem = "network";
	if (!c->subsystem && c->via)
		c->subsystem = c->via;
	if (!c->subsystem && c->kind == PF_CTX_KSWAPD)
		c->subsystem = "reclaim";
}

const char *pf_ctx_kind_name(int kind)
{
	static const char *const names[PF_CTX_NR] = {
		[PF_CTX_UNKNOWN] = "unknown", [PF_CTX_PROCESS] = "process",
		[PF_CTX_SOFTIRQ] = "softirq", [PF_CTX_HARDIRQ] = "hardirq",
		[PF_CTX_KSWAPD] = "kswapd",
	};

	return pf_name_of(names, PF_CTX_NR, kind, "unknown");
}
