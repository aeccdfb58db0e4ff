// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * metrics.c - what export writes (and serve will answer), in Prometheus'
 * names and base units: each zone's free memory, watermarks, free blocks
 * per order, the kernel's fragmentation indices and the atomic headroom
 * status computes; the reclaim and compaction counters of /proc/vmstat;
 * the failures the kernel log holds, by order, GFP class and context; and
 * pagefail's own cost.  Every HELP line says what the kernel means by it.
 */
#include <string.h>

#include "metrics.h"
#include "prom.h"

/* ---- failures counted from the kernel log ---------------------------- */

/*
 * The GFP class a failure's mask falls in: atomic (may use the min
 * reserve and cannot sleep), nowait (cannot sleep), movable (user pages),
 * kernel; unknown when the mask could not be decoded.
 */
static int gfp_class(const struct pf_report *r)
{
	struct pf_gfp_caps caps;
	int layout = pf_report_gfp_layout(r);

	if (layout == PF_GFP_UNKNOWN ||
	    pf_gfp_caps(pf_report_gfp_mask(r), layout, &caps))
		return CLI_GFP_CLASS_UNKNOWN;
	if (caps.atomic)
		return CLI_GFP_CLASS_ATOMIC;
	if (!caps.can_sleep)
		return CLI_GFP_CLASS_NOWAIT;
	return caps.movable ? CLI_GFP_CLASS_MOVABLE : CLI_GFP_CLASS_KERNEL;
}

static const char *const gfp_class_name[CLI_GFP_CLASS_NR] = {
	"unknown", "atomic", "nowait", "kernel", "movable",
};

int cli_failures_add(const struct pf_report *r, void *data)
{
	struct cli_failures *f = data;
	int order = pf_report_order(r);
	int ctx = pf_report_context(r);

	if (order < 0 || order >= PF_MAX_ORDER)
		return 0;
	if (ctx < 0 || ctx >= PF_CTX_NR)
		ctx = PF_CTX_UNKNOWN;
	/* warn_alloc()'s "N callbacks suppressed" come before the report */
	f->n[order][gfp_class(r)][ctx] +=
		1 + (r->callbacks_suppressed > 0
			     ? (unsigned long long)r->callbacks_suppressed
			     : 0);
	return 0;
}

static void failures(struct cli_buf *b, const struct cli_failures *f)
{
	static const char name[] = "pagefail_allocation_failures_total";
	struct prom_labels l;

	prom_family(b, name, "counter",
		    "Page allocation failures the kernel log holds (since "
		    "boot, as far as its ring buffer reaches): the reports "
		    "it printed and those warn_alloc() suppressed, by order, "
		    "GFP class (atomic: may dip below min and cannot sleep; "
		    "nowait: cannot sleep; kernel; movable: user pages) and "
		    "the context that asked.");
	for (int o = 0; o < PF_MAX_ORDER; o++)
		for (int c = 0; c < CLI_GFP_CLASS_NR; c++)
			for (int x = 0; x < PF_CTX_NR; x++) {
				if (!f->n[o][c][x])
					continue;
				l.n = 0;
				prom_label(&l, "order", "%d", o);
				prom_label(&l, "mode", "%s", gfp_class_name[c]);
				prom_label(&l, "context", "%s",
					   pf_ctx_kind_name(x));
				prom_sample(b, name, &l, (double)f->n[o][c][x]);
			}
}

/* ---- zones ------------------------------------------------------------- */

static void zone_labels(struct prom_labels *l, const struct pf_zone *z)
{
	l->n = 0;
	prom_label(l, "node", "%d", z->node);
	prom_label(l, "zone", "%s", z->name);
}

static double bytes(const struct pf_zone *z, long pages)
{
	return (double)pages * (z->page_kb ? z->page_kb : 4) * 1024.0;
}

/* One value per zone, where it is known (>= 0). */
static void zone_gauge(struct cli_buf *b, const struct pf_system *sys,
		       const char *name, const char *help, size_t offset)
{
	struct prom_labels l;

	prom_family(b, name, "gauge", help);
	for (int i = 0; i < sys->nr_zones; i++) {
		const struct pf_zone *z = &sys->zones[i];
		long v = *(const long *)((const char *)z + offset);

		if (v < 0)
			continue;
		zone_labels(&l, z);
		prom_sample(b, name, &l, bytes(z, v));
	}
}

static void watermarks(struct cli_buf *b, const struct pf_system *sys)
{
	static const char name[] = "pagefail_zone_watermark_bytes";
	struct prom_labels l;

	prom_family(b, name, "gauge",
		    "The zone's watermarks, without the boost: below low an "
		    "allocation wakes kswapd, which reclaims until high; "
		    "below min only callers that may use the reserve "
		    "(atomic, __GFP_HIGH) go on, each a little further "
		    "(__zone_watermark_ok()).");
	for (int i = 0; i < sys->nr_zones; i++) {
		const struct pf_zone *z = &sys->zones[i];
		const long mark[] = { z->min, z->low, z->high };
		static const char *const which[] = { "min", "low", "high" };

		for (int k = 0; k < 3; k++) {
			if (mark[k] < 0)
				continue;
			zone_labels(&l, z);
			prom_label(&l, "watermark", "%s", which[k]);
			prom_sample(b, name, &l, bytes(z, mark[k]));
		}
	}
}

/* A per-order family of every zone with buddy counts: value(i, order) */
struct order_family {
	const char *name, *help;
	int nr_orders; /* at most */
	/* the value, or < -1e300 for none (an order the zone has not) */
	double (*value)(const struct pf_system *sys,
			const struct pf_zone_status *st, int i, int order);
};

static void per_order(struct cli_buf *b, const struct pf_system *sys,
		      const struct pf_zone_status *st,
		      const struct order_family *f)
{
	struct prom_labels l;

	prom_family(b, f->name, "gauge", f->help);
	for (int i = 0; i < sys->nr_zones; i++) {
		const struct pf_zone *z = &sys->zones[i];

		for (int o = 0; o < f->nr_orders; o++) {
			double v = f->value(sys, st, i, o);

			if (v < -1e300)
				continue;
			zone_labels(&l, z);
			prom_label(&l, "order", "%d", o);
			prom_sample(b, f->name, &l, v);
		}
	}
}

static double free_blocks(const struct pf_system *sys,
			  const struct pf_zone_status *st, int i, int o)
{
	(void)st;
	return o < sys->zones[i].nr_orders ? (double)sys->zones[i].nr_free[o]
					   : -1e308;
}

static double unusable(const struct pf_system *sys,
		       const struct pf_zone_status *st, int i, int o)
{
	(void)sys;
	return o < st[i].nr_orders ? st[i].unusable[o] / 1000.0 : -1e308;
}

static double extfrag(const struct pf_system *sys,
		      const struct pf_zone_status *st, int i, int o)
{
	(void)sys;
	return o < st[i].nr_orders ? st[i].extfrag[o] / 1000.0 : -1e308;
}

static double headroom(const struct pf_system *sys,
		       const struct pf_zone_status *st, int i, int o)
{
	(void)sys;
	return st[i].headroom[o] >= 0 ? (double)st[i].headroom[o] : -1e308;
}

static double headroom_bytes(const struct pf_system *sys,
			     const struct pf_zone_status *st, int i, int o)
{
	const struct pf_zone *z = &sys->zones[i];

	return st[i].headroom[o] >= 0 ? bytes(z, st[i].headroom[o] << o)
				      : -1e308;
}

static void zones(struct cli_buf *b, const struct pf_system *sys,
		  const struct pf_zone_status *st)
{
	static const struct order_family orders[] = {
		{ "pagefail_zone_free_blocks",
		  "Free blocks of 2^order pages on the zone's buddy lists "
		  "(free_area[order].nr_free, /proc/buddyinfo).",
		  PF_MAX_ORDER, free_blocks },
		{ "pagefail_zone_unusable_free_ratio",
		  "The part of the zone's free memory in blocks too small "
		  "for an allocation of this order (unusable_free_index() of "
		  "mm/vmstat.c, debugfs extfrag/unusable_index).",
		  PF_MAX_ORDER, unusable },
		{ "pagefail_zone_fragmentation_index",
		  "__fragmentation_index() of mm/vmstat.c (debugfs "
		  "extfrag/extfrag_index): towards 0 a failure of this order "
		  "would be for want of memory, towards 1 for fragmentation; "
		  "-1 while a free block of the order exists. Compaction is "
		  "skipped at or below vm.extfrag_threshold.",
		  PF_MAX_ORDER, extfrag },
		{ "pagefail_zone_atomic_headroom_allocations",
		  "GFP_ATOMIC allocations of this order the zone still gives, "
		  "one after another, before the kernel's watermark check "
		  "(this kernel's __zone_watermark_ok() with GFP_ATOMIC's "
		  "alloc flags) fails it at min.",
		  PF_HEADROOM_ORDERS, headroom },
		{ "pagefail_zone_atomic_headroom_bytes",
		  "The same headroom in bytes: the allocations times their "
		  "size.",
		  PF_HEADROOM_ORDERS, headroom_bytes },
	};

	zone_gauge(b, sys, "pagefail_zone_managed_bytes",
		   "Memory the buddy allocator manages in the zone "
		   "(zone->managed_pages).",
		   offsetof(struct pf_zone, managed));
	zone_gauge(b, sys, "pagefail_zone_free_bytes",
		   "Free memory in the zone, in blocks of every order "
		   "(NR_FREE_PAGES).",
		   offsetof(struct pf_zone, free));
	watermarks(b, sys);
	zone_gauge(b, sys, "pagefail_zone_watermark_boost_bytes",
		   "zone->watermark_boost (5.0 on): raised after an "
		   "allocation fell back to another migratetype's pageblock, "
		   "added to every watermark until kswapd has reclaimed it.",
		   offsetof(struct pf_zone, boost));
	for (size_t k = 0; k < sizeof(orders) / sizeof(orders[0]); k++)
		per_order(b, sys, st, &orders[k]);
}

/* ---- the machine ------------------------------------------------------- */

/* /proc/vmstat counters (summed over their per-zone variants up to 4.8) */
static void counters(struct cli_buf *b, const struct pf_system *sys)
{
	static const struct {
		const char *vmstat, *name, *help;
	} c[] = {
		{ "compact_stall", "pagefail_compact_stalls_total",
		  "Allocations that stopped to compact memory themselves "
		  "(compact_stall)." },
		{ "compact_fail", "pagefail_compact_failures_total",
		  "Direct compactions that did not give the allocation its "
		  "page (compact_fail)." },
		{ "compact_success", "pagefail_compact_successes_total",
		  "Direct compactions that did (compact_success)." },
		{ "compact_daemon_wake", "pagefail_kcompactd_wakeups_total",
		  "kcompactd woken to compact a node (compact_daemon_wake, "
		  "4.6 on)." },
		{ "allocstall", "pagefail_allocation_stalls_total",
		  "Allocations that entered direct reclaim (allocstall)." },
		{ "pageoutrun", "pagefail_kswapd_runs_total",
		  "kswapd's balancing passes over a node (pageoutrun)." },
		{ "kswapd_low_wmark_hit_quickly",
		  "pagefail_kswapd_low_wmark_hit_quickly_total",
		  "kswapd found the low watermark met as soon as it tried to "
		  "sleep." },
		{ "kswapd_high_wmark_hit_quickly",
		  "pagefail_kswapd_high_wmark_hit_quickly_total",
		  "kswapd found the high watermark met as soon as it tried to "
		  "sleep." },
		{ "pgscan_kswapd", "pagefail_kswapd_scanned_pages_total",
		  "Pages kswapd scanned on the LRU lists (pgscan_kswapd)." },
		{ "pgsteal_kswapd", "pagefail_kswapd_reclaimed_pages_total",
		  "Pages kswapd reclaimed (pgsteal_kswapd)." },
		{ "pgscan_direct", "pagefail_direct_scanned_pages_total",
		  "Pages direct reclaim scanned (pgscan_direct)." },
		{ "pgsteal_direct", "pagefail_direct_reclaimed_pages_total",
		  "Pages direct reclaim reclaimed (pgsteal_direct)." },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		long long v = pf_system_counter(sys, c[i].vmstat);

		if (v < 0)
			continue; /* not in this kernel's vmstat */
		prom_family(b, c[i].name, "counter", c[i].help);
		prom_sample(b, c[i].name, NULL, (double)v);
	}
}

static void sysctls(struct cli_buf *b, const struct pf_system *sys)
{
	long mfk = sys->vm[PF_VM_MIN_FREE_KBYTES];
	long xf = sys->vm[PF_VM_EXTFRAG_THRESHOLD];

	if (mfk >= 0) {
		prom_family(b, "pagefail_vm_min_free_bytes", "gauge",
			    "vm.min_free_kbytes: the reserve the zones' min "
			    "watermarks add up to.");
		prom_sample(b, "pagefail_vm_min_free_bytes", NULL,
			    (double)mfk * 1024);
	}
	if (xf >= 0) {
		prom_family(b, "pagefail_vm_extfrag_threshold_ratio", "gauge",
			    "vm.extfrag_threshold / 1000, on the scale of "
			    "pagefail_zone_fragmentation_index: "
			    "compaction_suitable() skips compaction at or "
			    "below it (every order to 4.8, above order 3 "
			    "from 4.9).");
		prom_sample(b, "pagefail_vm_extfrag_threshold_ratio", NULL,
			    xf / 1000.0);
	}
}

void cli_metrics(struct cli_buf *b, const struct cli_metrics_in *in)
{
	struct prom_labels l = { 0 };

	prom_family(b, "pagefail_info", "gauge",
		    "1, with the kernel release pagefail read and its own "
		    "version.");
	prom_label(&l, "kernel", "%s",
		   in->sys->kernel.str[0] ? in->sys->kernel.str : "unknown");
	prom_label(&l, "version", "%s", PF_VERSION);
	prom_sample(b, "pagefail_info", &l, 1);
	zones(b, in->sys, in->st);
	sysctls(b, in->sys);
	counters(b, in->sys);
	if (in->failures)
		failures(b, in->failures);
	prom_family(b, "pagefail_read_errors", "gauge",
		    "Sources pagefail could not read this time (files every "
		    "kernel has, the kernel log): 0 when all was read.");
	prom_sample(b, "pagefail_read_errors", NULL, in->read_errors);
	prom_family(b, "pagefail_scrape_duration_seconds", "gauge",
		    "How long pagefail took to read and compute all of the "
		    "above.");
	/* to the microsecond: the clock says no more */
	prom_sample(b, "pagefail_scrape_duration_seconds", NULL,
		    (double)(long long)(in->seconds * 1e6 + 0.5) / 1e6);
}
