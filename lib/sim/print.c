// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * print.c - a simulated failure as the kernel of the simulated era prints
 * it: the warning of __alloc_pages() / warn_alloc_failed() / warn_alloc(),
 * the task line and call trace of dump_stack(), and the Mem-Info dump of
 * show_mem() and show_free_areas() (kernel-facts.md section 2), each line
 * with the dmesg time stamp of the failure's virtual time.
 *
 * The zones, their watermarks, lowmem_reserve[] and free lists are the
 * failure's own (what pagefail reads back); the counters the simulator
 * does not keep (LRU sizes, slab, dirty pages) are derived from the used
 * memory of each zone so that they add up, and the call trace is a real
 * path of the era for the failure's context: network receive in softirq,
 * a driver's receive interrupt, kswapd, or a page cache read in process
 * context.
 *
 * Era boundaries that kernel-facts.md does not pin down are marked
 * "approximate" where they are decided.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "sim.h"
#include "util/util.h"

/* ---- the era's print formats ------------------------------------------- */

/* struct pf_printk_fmt (era.h): how the era prints, derived in era.c */

/* ---- output ---------------------------------------------------------------- */

struct out {
	char *buf;
	size_t len, n;
	unsigned long long us; /* time stamp of the next line */
};

static void vadd(struct out *o, const char *fmt, va_list ap)
{
	size_t room = o->n < o->len ? o->len - o->n : 0;
	int w = vsnprintf(room ? o->buf + o->n : NULL, room, fmt, ap);

	if (w > 0)
		o->n += (size_t)w;
}

static void __attribute__((format(printf, 2, 3)))
pr_cont(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(o, fmt, ap);
	va_end(ap);
}

/* A new line of the log: printk's time stamp, as dmesg shows it. */
static void pr_start(struct out *o)
{
	pr_cont(o, "[%5llu.%06llu] ", o->us / 1000000, o->us % 1000000);
	o->us += 4;
}

static void pr_end(struct out *o)
{
	pr_cont(o, "\n");
}

static void __attribute__((format(printf, 2, 3)))
pr_line(struct out *o, const char *fmt, ...)
{
	va_list ap;

	pr_start(o);
	va_start(ap, fmt);
	vadd(o, fmt, ap);
	va_end(ap);
	pr_end(o);
}

/* ---- names, numbers and addresses ------------------------------------------ */

static unsigned long hash_str(const char *s)
{
	unsigned long h = 2166136261UL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619UL;
	return h & 0xffffffffUL;
}

/* "uname -r": the release the kernel version stands for. */
static void release_of(const struct pf_kver *kv, char *buf, size_t len)
{
	struct pf_sbuf b = { buf, len, 0 };
	const char *s = kv->str;

	buf[0] = '\0';
	if (s[0] >= '0' && s[0] <= '9') {
		/* a release: the version in full, then whatever followed */
		int dots = 0;

		while (*s && ((*s >= '0' && *s <= '9') || *s == '.')) {
			if (*s == '.' && !(s[1] >= '0' && s[1] <= '9'))
				break;
			dots += *s == '.';
			s++;
		}
		pf_sb_add(&b, "%d.%d.%d", kv->major, kv->minor, kv->sublevel);
		if (dots > 2) {
			/* a fourth number: "2.6.32.69" */
			const char *p = kv->str;

			for (int d = 0; d < 3; p++)
				d += *p == '.';
			pf_sb_add(&b, ".%.*s", (int)(s - p), p);
		}
		pf_sb_add(&b, "%s", s);
		if (kv->rhel && !strstr(buf, "x86_64"))
			pf_sb_add(&b, ".x86_64");
		return;
	}
	/* an era name ("rhel6.2"): its release */
	pf_sb_add(&b, "%d.%d.%d", kv->major, kv->minor, kv->sublevel);
	for (int i = 0; i < kv->nr_rel; i++)
		pf_sb_add(&b, "%c%ld", i ? '.' : '-', kv->rel[i]);
	if (kv->rhel)
		pf_sb_add(&b, ".el%d.x86_64", kv->rhel);
}

/* The CPU a per-CPU kernel thread runs on: "swapper/3" -> 3. */
static int task_cpu(const char *task)
{
	const char *p = strchr(task, '/');
	int cpu = 0;

	if (!p || !strncmp(task, "kworker", 7))
		return 0;
	for (p++; *p >= '0' && *p <= '9'; p++)
		cpu = cpu * 10 + (*p - '0');
	return cpu < 4096 ? cpu : 0;
}

static bool is_idle(const char *task)
{
	return !task[0] || !strncmp(task, "swapper", 7);
}

static int task_pid(const char *task)
{
	if (is_idle(task))
		return 0;
	if (!strncmp(task, "ksoftirqd/", 10))
		return 9 + 8 * task_cpu(task);
	if (!strncmp(task, "kswapd", 6))
		return 58;
	return 1000 + (int)(hash_str(task) % 30000);
}

/* ---- the call trace ----------------------------------------------------------- */

enum frame_kind {
	FR_FUNC = 0,
	FR_IRQ,	      /* the IRQ stack starts */
	FR_EOI,	      /* the IRQ stack ends */
	FR_TASK,      /* <TASK> */
	FR_ETASK,     /* </TASK> */
	FR_REGS_IDLE, /* the registers of the interrupted idle loop */
	FR_REGS_USER, /* the registers of user space (syscall, interrupt) */
};

struct frame {
	int kind;
	bool unreliable;
	const char *fn;
	const char *mod;
};

#define TRACE_MAX 64

struct trace {
	int n;
	struct frame f[TRACE_MAX];
};

static void add(struct trace *t, int kind, const char *fn, const char *mod,
		bool unreliable)
{
	if (t->n >= TRACE_MAX)
		return;
	t->f[t->n].kind = kind;
	t->f[t->n].fn = fn;
	t->f[t->n].mod = mod;
	t->f[t->n].unreliable = unreliable;
	t->n++;
}

static void fn(struct trace *t, const char *name)
{
	add(t, FR_FUNC, name, NULL, false);
}

static void fnq(struct trace *t, const char *name)
{
	add(t, FR_FUNC, name, NULL, true);
}

static void mark(struct trace *t, int kind)
{
	add(t, kind, NULL, NULL, false);
}

/* A call chain written out: its function names, innermost first. */
#define FRAMES(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* The frames of a call chain (FRAMES()), each "? " when unreliable. */
static void chain(struct trace *t, bool unreliable, const char *const *names)
{
	for (; *names; names++)
		add(t, FR_FUNC, *names, NULL, unreliable);
}

/* dump_stack() and the warning itself: the innermost frames */
static void trace_report(struct trace *t, const struct pf_printk_fmt *e)
{
	switch (e->gen) {
	case PF_G_2618:
	case PF_G_2632:
		break; /* the trace starts at the allocator */
	case PF_G_310:
	case PF_G_44:
		fn(t, "dump_stack");
		fn(t, "warn_alloc_failed");
		break;
	case PF_G_49:
	case PF_G_413:
		chain(t, false,
		      FRAMES("dump_stack", "warn_alloc",
			     "__alloc_pages_slowpath"));
		break;
	default:
		chain(t, false,
		      FRAMES("dump_stack_lvl", "warn_alloc",
			     "__alloc_pages_slowpath.constprop.0"));
		break;
	}
}

static const char *alloc_entry(const struct pf_printk_fmt *e)
{
	switch (e->gen) {
	case PF_G_2618:
	case PF_G_513:
		return "__alloc_pages";
	case PF_G_610:
		return "__alloc_pages_noprof";
	default:
		return "__alloc_pages_nodemask";
	}
}

/* alloc_pages() of a slab: alloc_pages_current() on NUMA builds */
static const char *alloc_pages_fn(const struct pf_printk_fmt *e)
{
	switch (e->gen) {
	case PF_G_513:
		return "alloc_pages";
	case PF_G_610:
		return "alloc_pages_mpol_noprof";
	default:
		return "alloc_pages_current";
	}
}

/* A slab grows for an object of order's size, up to the slab cache. */
static void trace_slab(struct trace *t, const struct pf_printk_fmt *e,
		       int order)
{
	const bool q = e->gen == PF_G_2632; /* RHEL 6 prints every frame "? " */

	add(t, FR_FUNC, alloc_entry(e), NULL, q);
	switch (e->gen) {
	case PF_G_2618:
		fn(t, "cache_grow");
		fn(t, "cache_alloc_refill");
		return;
	case PF_G_2632:
		chain(t, q,
		      FRAMES("kmem_getpages", "fallback_alloc", "cache_grow",
			     "____cache_alloc_node"));
		return;
	default:
		break;
	}
	/* SLUB: kmalloc() above 8 KiB goes to the page allocator directly */
	if (order >= 2) {
		fn(t, e->kmalloc_large_uu ? "__kmalloc_large_node"
					  : "kmalloc_large_node");
		return;
	}
	fn(t, alloc_pages_fn(e));
	if (e->gen >= PF_G_513)
		fn(t, "allocate_slab");
	else
		fn(t, "new_slab");
	if (e->gen >= PF_G_44)
		fn(t, "___slab_alloc");
	fn(t, e->gen >= PF_G_513 ? "__slab_alloc.constprop.0" : "__slab_alloc");
}

/* __netdev_alloc_skb() of a driver's receive ring refill */
static void trace_skb(struct trace *t, const struct pf_printk_fmt *e, int order)
{
	const bool q = e->gen == PF_G_2632;

	trace_slab(t, e, order);
	switch (e->gen) {
	case PF_G_2618:
		fn(t, "__kmalloc_track_caller");
		break;
	case PF_G_2632:
		add(t, FR_FUNC, "__kmalloc_node_track_caller", NULL, q);
		break;
	case PF_G_310:
		fn(t, "__kmalloc_node_track_caller");
		fn(t, "__kmalloc_reserve.isra.30");
		break;
	case PF_G_44:
		fn(t, "__kmalloc_node_track_caller");
		fn(t, "__kmalloc_reserve.isra.37");
		break;
	case PF_G_49:
	case PF_G_413:
		fn(t, "__kmalloc_node_track_caller");
		fn(t, "__kmalloc_reserve.isra.55");
		break;
	case PF_G_513:
		fn(t, "__kmalloc_node_track_caller");
		fn(t, "kmalloc_reserve");
		break;
	default:
		fn(t, "__kmalloc_node_track_caller_noprof");
		fn(t, "kmalloc_reserve");
		break;
	}
	add(t, FR_FUNC, "__alloc_skb", NULL, q);
	add(t, FR_FUNC, "__netdev_alloc_skb", NULL, q);
}

static const char *driver_mod(const struct pf_printk_fmt *e)
{
	return e->rhel5 ? "e1000" : "e1000e";
}

/* What the interrupted CPU was doing: the idle loop of its CPU. */
static void trace_idle(struct trace *t, const struct pf_printk_fmt *e, int cpu)
{
	switch (e->gen) {
	case PF_G_2618:
		fn(t, "default_idle");
		fn(t, "cpu_idle");
		break;
	case PF_G_2632:
		fnq(t, "native_safe_halt");
		fnq(t, "default_idle");
		fnq(t, "cpu_idle");
		break;
	case PF_G_310:
		fnq(t, "cpuidle_enter_state");
		chain(t, false,
		      FRAMES("cpuidle_idle_call", "arch_cpu_idle",
			     "cpu_startup_entry"));
		break;
	case PF_G_44:
	case PF_G_49:
		fnq(t, "cpuidle_enter_state");
		chain(t, false,
		      FRAMES("cpuidle_enter", "call_cpuidle",
			     "cpu_startup_entry"));
		break;
	case PF_G_413:
		fnq(t, "cpuidle_enter_state");
		fn(t, "do_idle");
		fn(t, "cpu_startup_entry");
		break;
	default:
		fnq(t, "cpuidle_enter_state");
		chain(t, false,
		      FRAMES("cpuidle_enter", "do_idle", "cpu_startup_entry"));
		break;
	}
	if (cpu) {
		add(t, FR_FUNC, "start_secondary", NULL, e->gen == PF_G_2632);
	} else {
		add(t, FR_FUNC, "rest_init", NULL, e->gen == PF_G_2632);
		add(t, FR_FUNC, "start_kernel", NULL, e->gen == PF_G_2632);
		if (e->gen <= PF_G_49 && e->gen != PF_G_2618) {
			add(t, FR_FUNC, "x86_64_start_reservations", NULL,
			    e->gen == PF_G_2632);
			add(t, FR_FUNC, "x86_64_start_kernel", NULL,
			    e->gen == PF_G_2632);
		}
	}
	if (e->gen == PF_G_413)
		fn(t, "secondary_startup_64");
	else if (e->gen >= PF_G_513)
		fn(t, "secondary_startup_64_no_verify");
}

static const char *syscall_entry(const struct pf_printk_fmt *e)
{
	switch (e->gen) {
	case PF_G_2618:
		return "system_call";
	case PF_G_2632:
	case PF_G_310:
		return "system_call_fastpath";
	case PF_G_44:
	case PF_G_49:
		return "entry_SYSCALL_64_fastpath";
	default:
		return "entry_SYSCALL_64_after_hwframe";
	}
}

/*
 * The way out of a hard interrupt that hit the idle loop or user space,
 * from the frame after the handler: the IRQ stack ends, then what it
 * interrupted.
 */
static void trace_irq_exit(struct trace *t, const struct pf_printk_fmt *e,
			   const char *task, bool softirq)
{
	const bool q = e->gen == PF_G_2632;
	const bool idle = is_idle(task);

	switch (e->gen) {
	case PF_G_2618:
		if (softirq) {
			fn(t, "call_softirq");
			fn(t, "do_softirq");
		}
		fn(t, "do_IRQ");
		fn(t, "ret_from_intr");
		break;
	case PF_G_2632:
	case PF_G_310:
		if (softirq) {
			add(t, FR_FUNC, "call_softirq", NULL, q);
			add(t, FR_FUNC, "do_softirq", NULL, q);
		}
		add(t, FR_FUNC, "irq_exit", NULL, q);
		add(t, FR_FUNC, "do_IRQ", NULL, q);
		add(t, FR_FUNC, q ? "ret_from_intr" : "common_interrupt", NULL,
		    q);
		break;
	case PF_G_44:
	case PF_G_49:
	case PF_G_413:
		if (softirq)
			fn(t, "irq_exit");
		fn(t, "do_IRQ");
		fn(t, "common_interrupt");
		break;
	default:
		if (softirq) {
			fn(t, "__irq_exit_rcu");
			fn(t, "irq_exit_rcu");
		}
		fn(t, "common_interrupt");
		break;
	}
	mark(t, FR_EOI);
	if (e->task_marker) {
		mark(t, FR_TASK);
		fn(t, "asm_common_interrupt");
	}
	if (e->trace == PF_TS_NOADDR)
		mark(t, idle ? FR_REGS_IDLE : FR_REGS_USER);
	if (idle)
		trace_idle(t, e, task_cpu(task));
	else if (e->trace != PF_TS_NOADDR)
		/* from user space: a stale return address of the last syscall */
		fnq(t, syscall_entry(e));
	if (e->task_marker)
		mark(t, FR_ETASK);
}

/*
 * The driver refilling its receive ring, the allocation that failed
 * innermost: dump_stack(), the skb, e1000_alloc_rx_buffers().
 */
static void trace_rx_refill(struct trace *t, const struct pf_printk_fmt *e,
			    int order)
{
	trace_report(t, e);
	trace_skb(t, e, order);
	add(t, FR_FUNC, "e1000_alloc_rx_buffers", driver_mod(e),
	    e->gen == PF_G_2632);
}

/* Network receive in softirq: the driver refills its ring with skbs. */
static void trace_net_rx(struct trace *t, const struct pf_printk_fmt *e,
			 int order, const char *task)
{
	const bool q = e->gen == PF_G_2632;
	const char *mod = driver_mod(e);
	bool ksoftirqd = !strncmp(task, "ksoftirqd", 9);

	/* the whole allocation runs on the IRQ stack, dump_stack() too */
	if (!ksoftirqd)
		mark(t, FR_IRQ);
	else if (e->task_marker)
		mark(t, FR_TASK);
	trace_rx_refill(t, e, order);
	add(t, FR_FUNC, "e1000_clean_rx_irq", mod, q);
	add(t, FR_FUNC, e->gen <= PF_G_2632 ? "e1000_clean" : "e1000e_poll",
	    mod, q);
	if (e->napi_poll)
		fn(t, "__napi_poll");
	add(t, FR_FUNC, "net_rx_action", NULL, q);
	if (e->handle_softirqs)
		fn(t, "handle_softirqs");
	else
		add(t, FR_FUNC, "__do_softirq", NULL, q);
	if (!ksoftirqd) {
		trace_irq_exit(t, e, task, true);
		return;
	}
	/* run by ksoftirqd */
	if (e->gen <= PF_G_2632) {
		chain(t, q,
		      FRAMES("do_softirq", "ksoftirqd", "kthread",
			     "child_rip"));
	} else {
		chain(t, false,
		      FRAMES("run_ksoftirqd", "smpboot_thread_fn", "kthread",
			     "ret_from_fork"));
	}
	if (e->task_marker)
		mark(t, FR_ETASK);
}

/* A driver allocating in its hard interrupt handler. */
static void trace_hardirq(struct trace *t, const struct pf_printk_fmt *e,
			  int order, const char *task)
{
	const bool q = e->gen == PF_G_2632;
	const char *mod = driver_mod(e);

	mark(t, FR_IRQ);
	trace_rx_refill(t, e, order);
	add(t, FR_FUNC, e->rhel5 ? "e1000_intr" : "e1000_intr_msi", mod, q);
	if (e->gen <= PF_G_2632) {
		chain(t, q,
		      FRAMES("handle_IRQ_event", "handle_edge_irq",
			     "handle_irq"));
	} else {
		chain(t, false,
		      FRAMES("__handle_irq_event_percpu", "handle_irq_event",
			     "handle_edge_irq"));
		fn(t, e->gen >= PF_G_513 ? "__common_interrupt" : "handle_irq");
	}
	trace_irq_exit(t, e, task, false);
}

/* kswapd: reclaim itself needed a page (a swap cache node) and failed. */
static void trace_kswapd(struct trace *t, const struct pf_printk_fmt *e,
			 int order)
{
	const bool q = e->gen == PF_G_2632;

	if (e->task_marker)
		mark(t, FR_TASK);
	trace_report(t, e);
	trace_slab(t, e, order < 2 ? order : 1);
	chain(t, q,
	      FRAMES("kmem_cache_alloc", "add_to_swap", "shrink_page_list",
		     "shrink_inactive_list"));
	if (e->gen >= PF_G_49) {
		fn(t,
		   e->gen >= PF_G_513 ? "shrink_lruvec" : "shrink_node_memcg");
		fn(t, "shrink_node");
	} else {
		add(t, FR_FUNC, "shrink_zone", NULL, q);
	}
	chain(t, q, FRAMES("balance_pgdat", "kswapd", "kthread"));
	add(t, FR_FUNC, e->gen <= PF_G_2632 ? "child_rip" : "ret_from_fork",
	    NULL, q);
	if (e->task_marker)
		mark(t, FR_ETASK);
}

/* A read() that misses the page cache: readahead allocates the pages. */
static void trace_read(struct trace *t, const struct pf_printk_fmt *e)
{
	const bool q = e->gen == PF_G_2632;

	if (e->task_marker)
		mark(t, FR_TASK);
	trace_report(t, e);
	add(t, FR_FUNC, alloc_entry(e), NULL, q);
	switch (e->gen) {
	case PF_G_2618:
		chain(t, false,
		      FRAMES("__do_page_cache_readahead",
			     "do_generic_mapping_read", "generic_file_aio_read",
			     "do_sync_read", "vfs_read", "sys_read"));
		break;
	case PF_G_2632:
	case PF_G_310:
		chain(t, q,
		      FRAMES("alloc_pages_current", "__page_cache_alloc",
			     "__do_page_cache_readahead", "ra_submit",
			     "ondemand_readahead", "page_cache_sync_readahead",
			     "generic_file_aio_read", "do_sync_read",
			     "vfs_read"));
		add(t, FR_FUNC, e->gen == PF_G_310 ? "SyS_read" : "sys_read",
		    NULL, q);
		break;
	case PF_G_44:
	case PF_G_49:
	case PF_G_413:
		chain(t, false,
		      FRAMES("alloc_pages_current", "__page_cache_alloc",
			     "__do_page_cache_readahead", "ondemand_readahead",
			     "page_cache_sync_readahead",
			     "generic_file_read_iter", "__vfs_read",
			     "vfs_read"));
		if (e->ksys_read) {
			fn(t, "ksys_read");
			fn(t, "do_syscall_64");
		} else {
			fn(t, "SyS_read");
		}
		break;
	default:
		if (e->gen == PF_G_610) {
			fn(t, "alloc_pages_mpol_noprof");
			fn(t, "folio_alloc_noprof");
		} else if (e->folio_alloc) {
			fn(t, "folio_alloc");
		} else {
			fn(t, "__page_cache_alloc");
		}
		chain(t, false,
		      FRAMES("page_cache_ra_unbounded", "filemap_get_pages",
			     "filemap_read", "vfs_read", "ksys_read",
			     "do_syscall_64"));
		break;
	}
	add(t, FR_FUNC, syscall_entry(e), NULL, q);
	if (e->trace == PF_TS_NOADDR)
		mark(t, FR_REGS_USER);
	if (e->task_marker)
		mark(t, FR_ETASK);
}

/* Where a symbol lives and how long it is, stable for its name. */
static void sym_place(const struct pf_printk_fmt *e, const struct frame *f,
		      unsigned long *addr, unsigned int *off,
		      unsigned int *size)
{
	unsigned long h = hash_str(f->fn);
	unsigned long base;

	*off = 0x10 + (unsigned int)((h >> 4) % 0x2f0);
	*size = *off + 0x30 + (unsigned int)((h >> 12) % 0x500);
	/* the entry code's labels */
	if (!strcmp(f->fn, "ret_from_intr")) {
		*off = 0;
		*size = 0x11;
	} else if (!strcmp(f->fn, "common_interrupt") && e->gen < PF_G_513) {
		*off = *size = e->gen == PF_G_413 ? 0xf : 0x6d;
	}
	if (f->mod)
		base = e->module_base_4_0 ? 0xffffffffc0000000UL
					  : 0xffffffffa0000000UL;
	else
		base = 0xffffffff81000000UL;
	*addr = (base + (h % (f->mod ? 0x80000UL : 0xa00000UL))) & ~0xfUL;
	*addr += *off;
}

static void regs_line(struct out *o, const char *a, unsigned long va,
		      const char *b, unsigned long vb, const char *c,
		      unsigned long vc)
{
	pr_line(o, "%s: %016lx %s: %016lx %s: %016lx", a, va, b, vb, c, vc);
}

/* __show_regs(regs, SHOW_REGS_SHORT) of an interrupt or a syscall */
static void print_regs(struct out *o, const struct pf_printk_fmt *e, bool user,
		       unsigned long seed)
{
	static const char code_idle[] =
		"e8 1e 3b 7e ff 8b 53 04 49 89 c5 0f 1f 44 00 00 31 ff e8 ac "
		"6f 7e ff 45 84 ff 0f 85 02 02 00 00 fb 66 0f 1f 44 00 00 <45> "
		"85 f6 0f 88 11 01 00 00 49 63 ce 4c 2b 2c 24 48 8d 04 49 48";
	static const char code_user[] =
		"00 f7 d8 64 89 02 48 c7 c0 ff ff ff ff eb b6 0f 1f 80 00 00 00 "
		"00 f3 0f 1e fa 64 8b 04 25 18 00 00 00 85 c0 75 10 0f 05 <48> "
		"3d 00 f0 ff ff 77 5a c3 66 0f 1f 44 00 00 48 83 ec 28 48 89";
	unsigned long sp = user ? 0x00007ffc8d1e2a18UL + (seed & 0xff0)
				: 0xffffffff82203e38UL - (seed & 0x7f0);

	if (user) {
		pr_line(o, "RIP: 0033:0x7f%010lx",
			0x3a5c2e1e8eUL + (seed & 0xfff0));
		pr_line(o, "Code: %s", code_user);
		pr_line(o,
			"RSP: 002b:%016lx EFLAGS: 00000246 ORIG_RAX: 0000000000000000",
			sp);
		regs_line(o, "RAX", 0xffffffffffffffdaUL, "RBX", 0x20000, "RCX",
			  0x7f3a5c2e1e8eUL);
		regs_line(o, "RDX", 0x20000, "RSI", 0x7f3a5b1f0000UL, "RDI", 3);
	} else {
		struct frame f = { .kind = FR_FUNC,
				   .fn = "cpuidle_enter_state" };
		unsigned long addr;
		unsigned int off, size;

		sym_place(e, &f, &addr, &off, &size);
		pr_line(o, "RIP: 0010:cpuidle_enter_state+0x%x/0x%x", off,
			size);
		pr_line(o, "Code: %s", code_idle);
		pr_line(o,
			"RSP: 0018:%016lx EFLAGS: 00000246 ORIG_RAX: ffffffffffffffdd",
			sp);
		regs_line(o, "RAX", 0xffff88883fa2b3c0UL, "RBX",
			  0xffff88810f6c4400UL, "RCX", 0x1f);
		regs_line(o, "RDX", 0, "RSI", 0x2aaaaaaaUL, "RDI", 0);
	}
	regs_line(o, "RBP", user ? 0x7ffc8d1e2b50UL : 1, "R08", 0, "R09",
		  user ? 0 : 0x28f5c28f5c28f5c3UL);
	regs_line(o, "R10", user ? 0 : 0x3e9, "R11", 0x246, "R12",
		  user ? 0x20000 : 0xffffffff82555ba0UL);
	regs_line(o, "R13", user ? 3 : 0x2b6c9d3e61aUL, "R14",
		  user ? 0x7f3a5b1f0000UL : 2, "R15", 0);
}

static void print_frame(struct out *o, const struct pf_printk_fmt *e,
			const struct frame *f, const char *marker)
{
	unsigned long addr;
	unsigned int off, size;
	const char *q = f->unreliable ? "? " : "";

	sym_place(e, f, &addr, &off, &size);
	pr_start(o);
	if (marker)
		pr_cont(o, " <%s> ", marker);
	switch (e->trace) {
	case PF_TS_2618:
		if (f->mod)
			pr_cont(o, " [<%016lx>] :%s:%s+0x%x/0x%x", addr, f->mod,
				f->fn, off, size);
		else
			pr_cont(o, " [<%016lx>] %s+0x%x/0x%x", addr, f->fn, off,
				size);
		break;
	case PF_TS_ADDR:
		pr_cont(o, " [<%016lx>] %s%s+0x%x/0x%x", addr, q, f->fn, off,
			size);
		if (f->mod)
			pr_cont(o, " [%s]", f->mod);
		break;
	default:
		pr_cont(o, " %s%s+0x%x/0x%x", q, f->fn, off, size);
		if (f->mod)
			pr_cont(o, " [%s]", f->mod);
		break;
	}
	pr_end(o);
}

static void print_trace(struct out *o, const struct pf_printk_fmt *e,
			const struct trace *t)
{
	const char *pending = NULL;
	unsigned long seed = 0;

	for (int i = 0; i < t->n; i++)
		if (t->f[i].fn)
			seed = seed * 31 + hash_str(t->f[i].fn);
	if (e->stack_words) {
		/* show_stack_log_lvl(): kstack_depth_to_print words first */
		for (int l = 0; l < 3; l++)
			pr_line(o, " %016lx %016lx %016lx %016lx",
				0xffff88003fc03c58UL + 0x40 * l,
				0xffffffff81694e1fUL - 0x1d3 * l,
				0x0000000000000000UL + (seed & 0xff) * l,
				0xffff88003fc03d28UL + 0x20 * l);
	}
	if (e->rhel5)
		pr_line(o, "%s", "");
	pr_line(o, "Call Trace:");
	for (int i = 0; i < t->n; i++) {
		const struct frame *f = &t->f[i];

		switch (f->kind) {
		case FR_FUNC:
			print_frame(o, e, f, pending);
			pending = NULL;
			break;
		case FR_IRQ:
		case FR_EOI:
			/*
			 * traces with addresses put <IRQ> and <EOI> at the
			 * start of the next frame's line; later ones print
			 * <IRQ> and </IRQ> lines
			 */
			if (e->trace != PF_TS_NOADDR)
				pending = f->kind == FR_IRQ ? "IRQ" : "EOI";
			else
				pr_line(o, " <%sIRQ>",
					f->kind == FR_IRQ ? "" : "/");
			break;
		case FR_TASK:
		case FR_ETASK:
			pr_line(o, " <%sTASK>", f->kind == FR_TASK ? "" : "/");
			break;
		case FR_REGS_IDLE:
		case FR_REGS_USER:
			print_regs(o, e, f->kind == FR_REGS_USER, seed);
			break;
		}
	}
	if (pending)
		pr_line(o, " <%s> ", pending);
}

/* ---- Mem-Info ------------------------------------------------------------------ */

/* One zone with the counters the simulator does not keep, in pages. */
struct zstat {
	const struct pf_zone *z;
	bool shown; /* printed (6.x shows only usable zones) */
	long free, min, low, high, boost, highatomic;
	long present, managed, free_cma, lowmem_last;
	long active_anon, inactive_anon, active_file, inactive_file;
	long unevictable, dirty, writeback, mapped, shmem;
	long slab_reclaimable, slab_unreclaimable, kernel_stack_kb, pagetables;
	unsigned long buddy; /* pages on the free lists */
};

static long nonneg(long v)
{
	return v > 0 ? v : 0;
}

static void zstat_of(const struct pf_printk_fmt *e, const struct pf_zone *z,
		     struct zstat *s)
{
	long used, file, anon;

	memset(s, 0, sizeof(*s));
	s->z = z;
	s->shown = true;
	s->buddy = pf_zone_buddy_pages(z);
	s->free = z->free >= 0 ? z->free : (long)s->buddy;
	s->boost = e->wmark_boost ? nonneg(z->boost) : 0;
	/* min_wmark_pages() and friends carry the boost from 5.0 */
	s->min = nonneg(z->min) + s->boost;
	s->low = nonneg(z->low) + s->boost;
	s->high = nonneg(z->high) + s->boost;
	s->highatomic = nonneg(z->reserved_highatomic);
	s->present = z->present >= 0   ? z->present
		     : z->managed >= 0 ? z->managed
				       : s->free;
	s->managed = z->managed >= 0 ? z->managed : s->present;
	s->free_cma = nonneg(z->free_cma);

	used = s->managed - s->free;
	if (used < 0)
		used = 0;
	file = used * 45 / 100;
	anon = used * 30 / 100;
	s->active_file = file / 2;
	s->inactive_file = file - s->active_file;
	s->active_anon = anon * 3 / 4;
	s->inactive_anon = anon - s->active_anon;
	s->dirty = file / 100;
	s->mapped = file / 5;
	s->shmem = anon / 50;
	s->slab_reclaimable = used * 6 / 100;
	s->slab_unreclaimable = used * 4 / 100;
	s->pagetables = used / 100;
	s->kernel_stack_kb = (used / 200) * 4 / 16 * 16;
}

/* The sum of a field over the zones (of node, or all with -1). */
static long zsum(const struct zstat *zs, int nr, int node, size_t off)
{
	long sum = 0;

	for (int i = 0; i < nr; i++)
		if (node < 0 || zs[i].z->node == node)
			sum += *(const long *)((const char *)&zs[i] + off);
	return sum;
}

#define ZSUM(zs, nr, node, field)                                              \
	zsum(zs, nr, node, offsetof(struct zstat, field))

#define K(x) ((unsigned long)(x)*4UL)

static void print_pcp(struct out *o, const struct pf_printk_fmt *e,
		      const struct zstat *zs, int nr, bool numa, int ncpus)
{
	for (int i = 0; i < nr; i++) {
		const struct zstat *s = &zs[i];
		long batch = s->present / 1024;
		long high;

		/* zone_batchsize() */
		if (batch * 4096 > 512 * 1024)
			batch = 512 * 1024 / 4096;
		batch /= 4;
		if (batch < 1)
			batch = 1;
		{
			long p = 1;

			while (p * 2 <= batch + batch / 2)
				p *= 2;
			batch = p - 1;
		}
		high = 6 * batch;
		if (batch < 1)
			batch = 1;
		pr_start(o);
		if (numa)
			pr_cont(o, "Node %d ", s->z->node);
		pr_cont(o, "%s per-cpu:", s->z->name);
		pr_end(o);
		for (int cpu = 0; cpu < ncpus; cpu++) {
			long used =
				high ? (long)((hash_str(s->z->name) >> cpu) %
					      (unsigned long)high)
				     : 0;

			if (e->rhel5) {
				pr_line(o,
					"cpu %d hot: high %ld, batch %ld used:%ld",
					cpu, high, batch, used);
				pr_line(o,
					"cpu %d cold: high %ld, batch %ld used:%ld",
					cpu, high / 3,
					(batch + 1) / 2 - (batch > 1),
					used / 3);
			} else {
				pr_line(o,
					"CPU %4d: hi:%5ld, btch:%4ld usd:%4ld",
					cpu, high, batch, used);
			}
		}
	}
}

/* The global summary of show_free_areas(), in pages. */
static void print_summary(struct out *o, const struct pf_printk_fmt *e,
			  const struct zstat *zs, int nr)
{
	long aa = ZSUM(zs, nr, -1, active_anon);
	long ia = ZSUM(zs, nr, -1, inactive_anon);
	long af = ZSUM(zs, nr, -1, active_file);
	long inf = ZSUM(zs, nr, -1, inactive_file);
	long dirty = ZSUM(zs, nr, -1, dirty);
	long free = ZSUM(zs, nr, -1, free);
	long sr = ZSUM(zs, nr, -1, slab_reclaimable);
	long su = ZSUM(zs, nr, -1, slab_unreclaimable);
	long mapped = ZSUM(zs, nr, -1, mapped);
	long shmem = ZSUM(zs, nr, -1, shmem);
	long pt = ZSUM(zs, nr, -1, pagetables);
	long cma = ZSUM(zs, nr, -1, free_cma);

	if (e->rhel5) {
		long high = 0;

		for (int i = 0; i < nr; i++)
			if (zs[i].z->type == PF_ZONE_HIGHMEM)
				high += zs[i].free;
		pr_line(o, "Free pages: %11lukB (%lukB HighMem)", K(free),
			K(high));
		pr_line(o,
			"Active:%ld inactive:%ld dirty:%ld writeback:0 unstable:0 "
			"free:%ld slab:%ld mapped-file:%ld mapped-anon:%ld "
			"pagetables:%ld",
			aa + af, ia + inf, dirty, free, sr + su, mapped,
			aa + ia, pt);
		return;
	}
	pr_line(o, "active_anon:%ld inactive_anon:%ld isolated_anon:0", aa, ia);
	pr_line(o, " active_file:%ld inactive_file:%ld isolated_file:0", af,
		inf);
	if (e->unstable)
		pr_line(o, " unevictable:0 dirty:%ld writeback:0 unstable:0",
			dirty);
	else
		pr_line(o, " unevictable:0 dirty:%ld writeback:0", dirty);
	if (!e->free_last) {
		pr_line(o,
			" free:%ld slab_reclaimable:%ld slab_unreclaimable:%ld",
			free, sr, su);
		pr_line(o, " mapped:%ld shmem:%ld pagetables:%ld bounce:0",
			mapped, shmem, pt);
		if (e->free_cma_line)
			pr_line(o, " free_cma:%ld", cma);
		return;
	}
	pr_line(o, " slab_reclaimable:%ld slab_unreclaimable:%ld", sr, su);
	if (e->sec_pagetables) {
		pr_line(o, " mapped:%ld shmem:%ld pagetables:%ld", mapped,
			shmem, pt);
		pr_line(o, " sec_pagetables:0 bounce:0");
	} else {
		pr_line(o, " mapped:%ld shmem:%ld pagetables:%ld bounce:0",
			mapped, shmem, pt);
	}
	if (e->misc_reclaimable)
		pr_line(o, " kernel_misc_reclaimable:0");
	pr_line(o, " free:%ld free_pcp:0 free_cma:%ld", free, cma);
}

/* The per-node line of 4.8+, in kB. */
static void print_node_line(struct out *o, const struct pf_printk_fmt *e,
			    const struct zstat *zs, int nr, int node)
{
	pr_start(o);
	pr_cont(o,
		"Node %d active_anon:%lukB inactive_anon:%lukB "
		"active_file:%lukB inactive_file:%lukB unevictable:0kB "
		"isolated(anon):0kB isolated(file):0kB mapped:%lukB dirty:%lukB "
		"writeback:0kB shmem:%lukB shmem_thp: 0kB shmem_pmdmapped: 0kB "
		"anon_thp: 0kB writeback_tmp:0kB",
		node, K(ZSUM(zs, nr, node, active_anon)),
		K(ZSUM(zs, nr, node, inactive_anon)),
		K(ZSUM(zs, nr, node, active_file)),
		K(ZSUM(zs, nr, node, inactive_file)),
		K(ZSUM(zs, nr, node, mapped)), K(ZSUM(zs, nr, node, dirty)),
		K(ZSUM(zs, nr, node, shmem)));
	if (e->unstable)
		pr_cont(o, " unstable:0kB");
	if (e->pages_scanned)
		pr_cont(o, " pages_scanned:0");
	if (!e->zone_kstack)
		pr_cont(o, " kernel_stack:%ldkB",
			ZSUM(zs, nr, node, kernel_stack_kb));
	if (!e->zone_pagetables)
		pr_cont(o, " pagetables:%lukB",
			K(ZSUM(zs, nr, node, pagetables)));
	if (e->sec_pagetables)
		pr_cont(o, " sec_pagetables:0kB");
	pr_cont(o, " all_unreclaimable? no");
	pr_end(o);
}

static void print_zone_line(struct out *o, const struct pf_printk_fmt *e,
			    const struct zstat *s, bool numa)
{
	const struct pf_zone *z = s->z;

	pr_start(o);
	if (numa)
		pr_cont(o, "Node %d ", z->node);
	pr_cont(o, "%s free:%lukB", z->name, K(s->free));
	if (e->boost)
		pr_cont(o, " boost:%lukB", K(s->boost));
	pr_cont(o, " min:%lukB low:%lukB high:%lukB", K(s->min), K(s->low),
		K(s->high));
	if (e->rhel5) {
		pr_cont(o,
			" active:%lukB inactive:%lukB present:%lukB "
			"pages_scanned:0 all_unreclaimable? no",
			K(s->active_anon + s->active_file),
			K(s->inactive_anon + s->inactive_file), K(s->present));
		pr_end(o);
		return;
	}
	if (e->highatomic)
		pr_cont(o, " reserved_highatomic:%luKB", K(s->highatomic));
	pr_cont(o,
		" active_anon:%lukB inactive_anon:%lukB active_file:%lukB "
		"inactive_file:%lukB unevictable:0kB",
		K(s->active_anon), K(s->inactive_anon), K(s->active_file),
		K(s->inactive_file));
	if (e->node_line) {
		pr_cont(o,
			" writepending:%lukB present:%lukB managed:%lukB "
			"mlocked:0kB",
			K(s->dirty), K(s->present), K(s->managed));
		if (e->zone_slab)
			pr_cont(o,
				" slab_reclaimable:%lukB slab_unreclaimable:%lukB",
				K(s->slab_reclaimable),
				K(s->slab_unreclaimable));
		if (e->zone_kstack)
			pr_cont(o, " kernel_stack:%ldkB", s->kernel_stack_kb);
		if (e->zone_pagetables)
			pr_cont(o, " pagetables:%lukB", K(s->pagetables));
		pr_cont(o,
			" bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:%lukB",
			K(s->free_cma));
		pr_end(o);
		return;
	}
	pr_cont(o, " isolated(anon):0kB isolated(file):0kB present:%lukB",
		K(s->present));
	if (e->managed)
		pr_cont(o, " managed:%lukB", K(s->managed));
	pr_cont(o,
		" mlocked:0kB dirty:%lukB writeback:0kB mapped:%lukB "
		"shmem:%lukB slab_reclaimable:%lukB slab_unreclaimable:%lukB "
		"kernel_stack:%ldkB pagetables:%lukB unstable:0kB bounce:0kB",
		K(s->dirty), K(s->mapped), K(s->shmem), K(s->slab_reclaimable),
		K(s->slab_unreclaimable), s->kernel_stack_kb, K(s->pagetables));
	if (e->pcp_fields)
		pr_cont(o, " free_pcp:0kB local_pcp:0kB");
	if (e->managed)
		pr_cont(o, " free_cma:%lukB", K(s->free_cma));
	pr_cont(o, " writeback_tmp:0kB pages_scanned:0 all_unreclaimable? no");
	pr_end(o);
}

/*
 * lowmem_reserve[]: MAX_NR_ZONES numbers.  The zone enum of the machine
 * holds the types it has (pf_zone_enum_index()); the columns past them
 * are the empty Movable (and Device) zones, which add no pages, so they
 * repeat the last column, as setup_per_zone_lowmem_reserve() computes.
 */
static void print_lowmem_reserve(struct out *o, const struct pf_printk_fmt *e,
				 const struct zstat *s, int nr_types)
{
	const struct pf_zone *z = s->z;
	int n = nr_types > e->nr_zone_enum ? nr_types : e->nr_zone_enum;
	long last = 0;

	pr_start(o);
	pr_cont(o, "lowmem_reserve[]:");
	for (int i = 0; i < n; i++) {
		long v;

		if (i < nr_types && i < z->nr_lowmem_reserve &&
		    i < PF_MAX_ZONES)
			v = z->lowmem_reserve[i];
		else if (i < nr_types)
			v = 0;
		else
			v = last;
		last = v;
		if (e->signed_reserve)
			pr_cont(o, " %ld", v);
		else
			pr_cont(o, " %lu", (unsigned long)v);
	}
	pr_end(o);
}

/* show_migration_types(): the letters of the era, in its enum order */
static void print_letters(struct out *o, const struct pf_printk_fmt *e,
			  const char *mt)
{
	static const char order_3x[] = "UEMRCI";
	static const char order_44[] = "UMEHCI";
	const char *ord = e->letters_44 ? order_44 : order_3x;
	char tmp[PF_MT_LETTERS + 8];
	size_t n = 0;

	if (!mt[0])
		return;
	for (const char *c = ord; *c; c++)
		if (strchr(mt, *c) && n < sizeof(tmp) - 1)
			tmp[n++] = *c;
	/* letters this era does not know, kept at the end */
	for (const char *c = mt; *c; c++)
		if (!strchr(ord, *c) && n < sizeof(tmp) - 1)
			tmp[n++] = *c;
	tmp[n] = '\0';
	if (n)
		pr_cont(o, "(%s) ", tmp);
}

static void print_buddy(struct out *o, const struct pf_printk_fmt *e,
			const struct zstat *s, bool numa)
{
	const struct pf_zone *z = s->z;
	int nr_orders =
		z->nr_orders > SIM_MAX_ORDER ? z->nr_orders : SIM_MAX_ORDER;
	unsigned long total = 0;

	if (nr_orders > PF_MAX_ORDER)
		nr_orders = PF_MAX_ORDER;
	pr_start(o);
	if (numa)
		pr_cont(o, "Node %d ", z->node);
	pr_cont(o, "%s: ", z->name);
	for (int order = 0; order < nr_orders; order++) {
		unsigned long nr = order < z->nr_orders ? z->nr_free[order] : 0;

		pr_cont(o, "%lu*%lukB ", nr, 4UL << order);
		total += nr << order;
		if (nr && e->letters && z->has_mt)
			print_letters(o, e, z->mt[order]);
	}
	pr_cont(o, "= %lukB", K(total));
	pr_end(o);
}

static void print_trailer(struct out *o, const struct pf_printk_fmt *e,
			  const struct sim *s, const struct zstat *zs, int nr,
			  const int *nodes, int nr_nodes)
{
	long pagecache = ZSUM(zs, nr, -1, active_file) +
			 ZSUM(zs, nr, -1, inactive_file) +
			 ZSUM(zs, nr, -1, shmem);
	long ram = ZSUM(zs, nr, -1, present);
	long reserved = ram - ZSUM(zs, nr, -1, managed);
	unsigned long swap_kb = s->sc && s->sc->swap ? 2097148UL : 0;
	long highmem = 0;

	for (int i = 0; i < nr; i++)
		if (zs[i].z->type == PF_ZONE_HIGHMEM ||
		    zs[i].z->type == PF_ZONE_MOVABLE)
			highmem += zs[i].present;
	if (e->rhel5) {
		pr_line(o, "Swap cache: add 0, delete 0, find 0/0, race 0+0");
		pr_line(o, "Free swap  = %lukB", swap_kb);
		pr_line(o, "Total swap = %lukB", swap_kb);
		pr_line(o, "Free swap:       %6lukB", swap_kb);
		pr_line(o, "%ld pages of RAM", ram);
		pr_line(o, "%ld reserved pages", reserved);
		pr_line(o, "%ld pages shared", pagecache / 3);
		pr_line(o, "0 pages swap cached");
		return;
	}
	if (e->hugepages)
		for (int n = 0; n < nr_nodes; n++) {
			if (e->hugepages_1g)
				pr_line(o,
					"Node %d hugepages_total=0 hugepages_free=0 "
					"hugepages_surp=0 hugepages_size=1048576kB",
					nodes[n]);
			pr_line(o,
				"Node %d hugepages_total=0 hugepages_free=0 "
				"hugepages_surp=0 hugepages_size=2048kB",
				nodes[n]);
		}
	pr_line(o, "%ld total pagecache pages", pagecache);
	pr_line(o, "0 pages in swap cache");
	if (e->swap_stats)
		pr_line(o, "Swap cache stats: add 0, delete 0, find 0/0");
	pr_line(o, "Free swap  = %lukB", swap_kb);
	pr_line(o, "Total swap = %lukB", swap_kb);
	pr_line(o, "%ld pages RAM", ram);
	if (!e->new_show_mem) {
		pr_line(o, "%ld pages reserved", reserved);
		pr_line(o, "%ld pages shared", pagecache / 3);
		pr_line(o, "%ld pages non-shared",
			ram - reserved - pagecache / 3);
		return;
	}
	pr_line(o, "%ld pages HighMem/MovableOnly", highmem);
	pr_line(o, "%ld pages reserved", reserved);
	if (e->cma_reserved)
		pr_line(o, "0 pages cma reserved");
	if (e->hwpoisoned)
		pr_line(o, "0 pages hwpoisoned");
}

static void print_mem(struct out *o, const struct pf_printk_fmt *e,
		      const struct sim *s, const struct sim_failure *f)
{
	struct zstat zs[SIM_MAX_ZONES];
	int idx[SIM_MAX_ZONES], nodes[SIM_MAX_NODES + SIM_MAX_ZONES];
	int nr = f->nr_zones < SIM_MAX_ZONES ? f->nr_zones : SIM_MAX_ZONES;
	int nr_nodes = 0, nr_types = 0, ncpus;
	bool seen[PF_ZONE_NR_TYPES] = { false };
	bool numa;
	struct pf_gfp_caps caps;

	if (nr < 0)
		nr = 0;
	/* for_each_populated_zone(): node by node, zone types upward */
	for (int i = 0; i < nr; i++) {
		int k = i;

		while (k > 0 &&
		       (f->zones[idx[k - 1]].node > f->zones[i].node ||
			(f->zones[idx[k - 1]].node == f->zones[i].node &&
			 f->zones[idx[k - 1]].type > f->zones[i].type))) {
			idx[k] = idx[k - 1];
			k--;
		}
		idx[k] = i;
	}
	for (int i = 0; i < nr; i++) {
		const struct pf_zone *z = &f->zones[idx[i]];
		int k;

		zstat_of(e, z, &zs[i]);
		if (z->type >= 0 && z->type < PF_ZONE_OTHER && !seen[z->type]) {
			seen[z->type] = true;
			nr_types++;
		}
		for (k = 0; k < nr_nodes && nodes[k] != z->node; k++)
			;
		if (k == nr_nodes)
			nodes[nr_nodes++] = z->node;
	}
	numa = nr_nodes > 1 || s->nr_nodes > 1;
	ncpus = s->sc && s->sc->cpus > 0 ? s->sc->cpus : 2;
	if (ncpus > 8)
		ncpus = 8;

	/* 6.x: warn_alloc_show_mem() passes gfp_zone(gfp_mask) */
	memset(&caps, 0, sizeof(caps));
	if (e->zone_filter && s->era.gfp_layout &&
	    !pf_gfp_caps(f->gfp, s->era.gfp_layout, &caps))
		for (int i = 0; i < nr; i++)
			if (zs[i].z->type < PF_ZONE_OTHER &&
			    zs[i].z->type > caps.highest_zone)
				zs[i].shown = false;

	pr_line(o, e->rhel5 ? "Mem-info:" : "Mem-Info:");
	if (e->pcp_lines || e->rhel5)
		print_pcp(o, e, zs, nr, numa, ncpus);
	print_summary(o, e, zs, nr);
	if (e->node_line)
		for (int n = 0; n < nr_nodes; n++)
			print_node_line(o, e, zs, nr, nodes[n]);
	for (int i = 0; i < nr; i++) {
		if (!zs[i].shown)
			continue;
		print_zone_line(o, e, &zs[i], numa);
		print_lowmem_reserve(o, e, &zs[i], nr_types);
	}
	for (int i = 0; i < nr; i++)
		if (zs[i].shown)
			print_buddy(o, e, &zs[i], numa);
	print_trailer(o, e, s, zs, nr, nodes, nr_nodes);
}

/* ---- the report ------------------------------------------------------------------ */

static void print_head(struct out *o, const struct pf_printk_fmt *e, int layout,
		       const struct sim_failure *f, const char *task,
		       const char *mems)
{
	char names[256];

	pr_start(o);
	pr_cont(o, "%s: page allocation failure%s order:%d, mode:%#lx", task,
		e->dot ? "." : ":", f->order, f->gfp);
	if (e->names) {
		names[0] = '\0';
		if (layout)
			pf_gfp_format(f->gfp, layout, names, sizeof(names));
		pr_cont(o, "(%s)", names);
	}
	if (e->nodemask)
		pr_cont(o, ", nodemask=(null)");
	if (e->cpuset_same)
		pr_cont(o, ",cpuset=/,mems_allowed=%s", mems);
	pr_end(o);
	if (e->cpuset_line)
		pr_line(o, "%s cpuset=/ mems_allowed=%s", task, mems);
}

static void print_task(struct out *o, const struct pf_printk_fmt *e,
		       const struct sim *s, const char *task)
{
	char rel[128];
	int pid = task_pid(task), cpu = task_cpu(task);

	release_of(&s->era.kver, rel, sizeof(rel));
	if (e->rhel5)
		return; /* dump_stack() of 2.6.18 prints no task line */
	if (e->pid_line) {
		pr_line(o, "Pid: %d, comm: %.20s Not tainted %s #1", pid, task,
			rel);
		return;
	}
	if (e->uid)
		pr_line(o,
			"CPU: %d UID: 0 PID: %d Comm: %.20s Not tainted %s #1",
			cpu, pid, task, rel);
	else
		pr_line(o, "CPU: %d PID: %d Comm: %.20s Not tainted %s #1", cpu,
			pid, task, rel);
	pr_line(o, "Hardware name: pagefail simulator");
}

size_t sim_print_failure(const struct sim *s, const struct sim_failure *f,
			 char *buf, size_t len)
{
	struct out o = { .buf = buf, .len = len, .n = 0 };
	const struct pf_printk_fmt *e = &s->era.printk;
	struct trace t = { 0 };
	char task[32], mems[16];
	int nr_nodes = 1;
	int order = f->order < 0 ? 0 : f->order;

	if (len)
		buf[0] = '\0';
	o.us = f->t > 0 ? (unsigned long long)(f->t * 1e6 + 0.5) : 0;

	/* the idle tasks were all "swapper" until 3.7 named them per CPU */
	snprintf(task, sizeof(task), "%s", f->task[0] ? f->task : "swapper/0");
	if (e->idle_rename && !strncmp(task, "swapper/", 8))
		task[7] = '\0';

	for (int i = 0; i < f->nr_zones && i < SIM_MAX_ZONES; i++)
		if (f->zones[i].node + 1 > nr_nodes)
			nr_nodes = f->zones[i].node + 1;
	if (s->nr_nodes > nr_nodes)
		nr_nodes = s->nr_nodes;
	if (nr_nodes > 1)
		snprintf(mems, sizeof(mems), "0-%d", nr_nodes - 1);
	else
		snprintf(mems, sizeof(mems), "0");

	print_head(&o, e, s->era.gfp_layout, f, task, mems);
	print_task(&o, e, s, task);
	switch (f->ctx) {
	case PF_CTX_SOFTIRQ:
		trace_net_rx(&t, e, order, task);
		break;
	case PF_CTX_HARDIRQ:
		trace_hardirq(&t, e, order, task);
		break;
	case PF_CTX_KSWAPD:
		trace_kswapd(&t, e, order);
		break;
	default:
		trace_read(&t, e);
		break;
	}
	print_trace(&o, e, &t);
	print_mem(&o, e, s, f);
	return o.n;
}
