// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * advise.c - from the reports (and the machine, when it can be read) to
 * the vm sysctls that keep the next burst from failing, each with its
 * working, its bounds and its cost, and the kernel update a known cause
 * asks for.
 *
 * The arithmetic follows the kernel's: the default min_free_kbytes of
 * init_per_zone_wmark_min(), the split of __setup_per_zone_wmarks()
 * (wmark_setup.c), and the share of min a request that cannot sleep may
 * use (3/8 of it is left: ALLOC_HIGH then ALLOC_HARDER in
 * __zone_watermark_ok()).
 *
 * The sysctls advised are ints in the kernel, 0..INT_MAX: wider values are
 * refused by do_proc_dointvec_conv() (kernel/sysctl.c, every era).  A
 * value read from a system or implied by a report outside that range is
 * not the kernel's, so it is set aside (and said), and every value worked
 * out here stays inside it, without overflow on the way.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "era.h"
#include "util/util.h"

#define VM_INT_MAX	INT_MAX	/* the kernel's int, see above */

static void kb_words(unsigned long long kb, char *buf, size_t len)
{
	pf_format_size(kb * 1024, buf, len);
}

void pf_evidence_init(struct pf_evidence *e)
{
	memset(e, 0, sizeof(*e));
	for (int o = 0; o < PF_MAX_ORDER; o++)
		e->burst[o].cur_start = e->burst[o].cur_last = -1;
}

/* A report's time in seconds: wall clock, else since boot, else -1. */
static double report_time(const struct pf_report *r)
{
	if (r->epoch != INT64_MIN)
		return (double)r->epoch;
	return r->mono;
}

/*
 * Bursts: failures of one order that come within PF_BURST_WINDOW seconds
 * of the burst's first.  A report without a time joins the burst open at
 * that moment (it came from the same stretch of log).
 */
static void burst_add(struct pf_burst *b, const struct pf_report *r,
		      unsigned long n)
{
	double t = report_time(r);

	if (b->cur_failures && (t < 0 || b->cur_start < 0 ||
				(t >= b->cur_start && t - b->cur_start <= PF_BURST_WINDOW))) {
		b->cur_failures += n;
		if (t >= 0)
			b->cur_last = t;
	} else {
		b->cur_failures = n;
		b->cur_start = b->cur_last = t;
		snprintf(b->cur_first, sizeof(b->cur_first), "%s", r->time);
	}
	if (b->cur_failures > b->failures) {
		b->failures = b->cur_failures;
		b->seconds = b->cur_start >= 0 ? b->cur_last - b->cur_start : 0;
		b->bytes = (unsigned long long)b->failures * pf_report_bytes(r);
		memcpy(b->first, b->cur_first, sizeof(b->first));
	}
}

void pf_evidence_add(struct pf_evidence *e, const struct pf_report *r,
		     const struct pf_explain *ex)
{
	struct pf_gfp_caps caps;
	unsigned long n = 1 + (r->callbacks_suppressed > 0 ?
			       (unsigned long)r->callbacks_suppressed : 0);
	int o = r->order;

	e->reports++;
	if (o < 0 || o >= PF_MAX_ORDER)
		return;
	e->by_order[o] += n;
	if (r->gfp_layout && !pf_gfp_caps(r->gfp_mask, r->gfp_layout, &caps) &&
	    !caps.can_sleep) {
		e->atomic += n;
		burst_add(&e->burst[o], r, n);
	}
	if (pf_kver_known(&r->kernel))
		e->kernel = r->kernel;
	if (r->nr_zones) {
		e->with_meminfo++;
		e->nr_zones = r->nr_zones;
		memcpy(e->zones, r->zones, sizeof(r->zones[0]) * (size_t)r->nr_zones);
	}
	if (!ex)
		return;
	if (ex->cause >= 0 && ex->cause < PF_CAUSE_NR)
		e->causes[ex->cause] += n;
	if (ex->match.rule) {
		int i;

		for (i = 0; i < e->nr_seen; i++)
			if (e->seen[i].rule == ex->match.rule &&
			    e->seen[i].status == ex->match.status)
				break;
		if (i == e->nr_seen && e->nr_seen < 16) {
			e->seen[i].rule = ex->match.rule;
			e->seen[i].status = ex->match.status;
			e->nr_seen++;
		}
		if (i < e->nr_seen) {
			e->seen[i].n += n;
			if (e->seen[i].n > e->rule_count) {
				e->rule = e->seen[i].rule;
				e->rule_status = e->seen[i].status;
				e->rule_count = e->seen[i].n;
			}
		}
	}
}

/* The machine the advice is for: its zones, kernel and size. */
struct machine {
	const struct pf_zone *zones;
	int nr_zones;
	struct pf_kver kernel;
	unsigned long long lowmem_kb, ram_kb;
	const struct pf_zone *biggest;	/* the largest lowmem zone */
};

static long zone_pages(const struct pf_zone *z)
{
	long p = z->managed >= 0 ? z->managed : z->present;

	return p < 0 ? 0 : p;
}

static void machine_of(const struct pf_evidence *e, const struct pf_system *sys,
		       struct machine *m, struct pf_advice *a)
{
	memset(m, 0, sizeof(*m));
	if (sys && sys->nr_zones) {
		m->zones = sys->zones;
		m->nr_zones = sys->nr_zones;
		a->machine_from = "system";
	} else if (e->nr_zones) {
		m->zones = e->zones;
		m->nr_zones = e->nr_zones;
		a->machine_from = "report";
	}
	if (sys && pf_kver_known(&sys->kernel))
		m->kernel = sys->kernel;
	else
		m->kernel = e->kernel;

	for (int i = 0; i < m->nr_zones; i++) {
		const struct pf_zone *z = &m->zones[i];
		unsigned long long kb = (unsigned long long)zone_pages(z) * z->page_kb;

		m->ram_kb += kb;
		if (z->type > PF_ZONE_NORMAL)
			continue;
		m->lowmem_kb += kb;
		if (!m->biggest || zone_pages(z) > zone_pages(m->biggest))
			m->biggest = z;
	}
	if (sys && sys->mem_total_kb > 0)
		m->ram_kb = (unsigned long long)sys->mem_total_kb;
}

static int count_nodes(const struct machine *m)
{
	unsigned long long seen = 0;
	int n = 0;

	for (int i = 0; i < m->nr_zones; i++) {
		int node = m->zones[i].node;

		if (zone_pages(&m->zones[i]) && node >= 0 && node < 64 &&
		    !(seen & (1ULL << node))) {
			seen |= 1ULL << node;
			n++;
		}
	}
	return n;
}

/* v rounded up to a multiple of to, but never past VM_INT_MAX. */
static long round_up_kb(long v, long to)
{
	if (v > VM_INT_MAX - to)
		return VM_INT_MAX;
	return (v + to - 1) / to * to;
}

/* An unsigned working figure as a sysctl value: at most VM_INT_MAX. */
static long vm_clamp(unsigned long long v)
{
	return v > VM_INT_MAX ? VM_INT_MAX : (long)v;
}

/* The largest atomic burst over every order, in kB, and its order. */
static unsigned long long largest_burst_kb(const struct pf_evidence *e, int *order)
{
	unsigned long long best = 0;

	*order = -1;
	for (int o = 0; o < PF_MAX_ORDER; o++)
		if (e->burst[o].failures && e->burst[o].bytes / 1024 >= best) {
			best = e->burst[o].bytes / 1024;
			*order = o;
		}
	return best;
}

static struct pf_advice_item *new_item(struct pf_advice *a, const char *name)
{
	struct pf_advice_item *it = &a->items[a->nr_items++];

	memset(it, 0, sizeof(*it));
	snprintf(it->name, sizeof(it->name), "%s", name);
	it->current = it->value = it->default_value = -1;
	return it;
}

/* A current value the kernel could hold; -1 (and a word in w) if not. */
static long vm_int(long v, const char *from, struct pf_sbuf *w)
{
	if (v <= VM_INT_MAX)
		return v;
	pf_sb_add(w, "%sThe %s says %ld, which no kernel holds (an int): set "
		  "aside.%s", w->n ? " " : "", from, v, w->n ? "" : " ");
	return -1;
}

static void current_of(struct pf_advice_item *it, const struct pf_system *sys,
		       int idx, long implied, long dflt, struct pf_sbuf *w)
{
	long live = vm_int(sys ? sys->vm[idx] : -1, "system", w);

	implied = vm_int(implied, "report", w);
	if (live >= 0) {
		it->current = live;
		it->current_from = "system";
	} else if (implied >= 0) {
		it->current = implied;
		it->current_from = "report";
	} else if (dflt >= 0) {
		it->current = dflt;
		it->current_from = "default";
	}
}

/*
 * The kernel's default (init_per_zone_wmark_min()) and the current value:
 * the system's, else the sum of the min watermarks a report printed,
 * else the default.  Returns the value the advice starts from (-1: none).
 */
static long min_free_current(struct pf_advice_item *it,
			     const struct pf_system *sys,
			     const struct machine *m, struct pf_sbuf *w)
{
	if (m->lowmem_kb) {
		it->default_value = pf_min_free_kbytes_default(m->lowmem_kb, &m->kernel);
		pf_sb_add(w, "kernel default %ld kB (int_sqrt(16 x %llu kB of lowmem), "
		       "capped at %ld).", it->default_value, m->lowmem_kb,
		       pf_min_free_kbytes_cap(&m->kernel));
	}
	current_of(it, sys, PF_VM_MIN_FREE_KBYTES, pf_zones_min_free_kbytes(m->zones, m->nr_zones),
		   it->default_value, w);
	if (it->current >= 0)
		pf_sb_add(w, " Current %ld kB (%s).", it->current,
		       !strcmp(it->current_from, "report") ?
		       "the sum of the min watermarks the report printed" :
		       !strcmp(it->current_from, "system") ? "read from the system" :
		       "assumed: the kernel default");
	return it->current >= 0 ? it->current : it->default_value;
}

/* Failures of requests that cannot sleep, or zones found short. */
static bool short_of_reserve(const struct pf_evidence *e)
{
	return e->atomic || e->causes[PF_CAUSE_BELOW_MIN] ||
	       e->causes[PF_CAUSE_FRAGMENTATION];
}

/* Reports without Mem-Info, and no machine: advice in words. */
static void min_free_unknown_words(const struct pf_evidence *e,
				   struct pf_sbuf *w)
{
	if (short_of_reserve(e))
		pf_sb_add(w, "%lu failure%s of requests that cannot sleep: "
			  "double the current value (the usual first "
			  "step; 'sysctl vm.min_free_kbytes' shows it).",
			  e->atomic, e->atomic == 1 ? "" : "s");
	pf_sb_add(w, " Neither the reports nor a system say how much "
		  "memory there is, so no number is computed: give --root "
		  "with the machine's snapshot or sosreport.");
}

/*
 * The value the failures ask for: twice base (the usual first step), or
 * enough to hold the largest burst twice over, whichever is more, rounded
 * up to a MiB; never below the kernel's default, never above safe_max.
 */
static void min_free_value(struct pf_advice_item *it,
			   const struct pf_evidence *e, long base,
			   struct pf_sbuf *w)
{
	unsigned long long burst_kb;
	long doubled = -1, cover = -1;
	int burst_order;
	char x[32];

	burst_kb = largest_burst_kb(e, &burst_order);
	if (short_of_reserve(e)) {
		/* the usual first step: twice the reserve (Red Hat: x2 to x4) */
		doubled = base > VM_INT_MAX / 2 ? VM_INT_MAX : 2 * base;
		pf_sb_add(w, " %lu failure%s of requests that cannot sleep: the "
		       "reserve below min was not enough, so double it: %ld kB.",
		       e->atomic, e->atomic == 1 ? "" : "s", doubled);
	}
	if (burst_kb) {
		const struct pf_burst *b = &e->burst[burst_order];

		/*
		 * Such a request may take the zone down to 3/8 of min; the
		 * 5/8 between is theirs alone.  Make it hold the largest burst
		 * seen twice over.
		 */
		cover = vm_clamp(burst_kb > VM_INT_MAX ? burst_kb :
				 (burst_kb * 2 * 8 + 4) / 5);
		pf_sb_add(w, " The largest burst: %lu order-%d failure%s in %.0f s "
		       "(%llu kB asked); a request that cannot sleep may use 5/8 "
		       "of min, so holding twice that burst needs min_free_kbytes "
		       ">= %llu x 2 x 8/5 = %ld kB.", b->failures, burst_order,
		       b->failures == 1 ? "" : "s", b->seconds, burst_kb,
		       burst_kb, cover);
	}
	if (doubled > it->value)
		it->value = doubled;
	if (cover > it->value)
		it->value = cover;
	if (it->value != base)
		it->value = round_up_kb(it->value, 1024);
	if (it->default_value > it->value) {
		pf_sb_add(w, " Below the kernel's own default: use the default.");
		it->value = it->default_value;
	}
	if (it->value > it->safe_max) {
		kb_words((unsigned long long)it->safe_max, x, sizeof(x));
		pf_sb_add(w, " That is above the safe bound of 5%% of lowmem (%s, the "
		       "cap the kernel puts on its own recommendation in "
		       "set_recommended_min_free_kbytes()): kept at the bound; the "
		       "rest must come from fewer or smaller atomic allocations.", x);
		it->value = it->safe_max;
	}
}

/*
 * What the new value does to the biggest zone's watermarks: its min, its
 * high (where kswapd stops), and how much more stays free there, by
 * __setup_per_zone_wmarks() run with the old value and with the new.
 */
static void min_free_cost(const struct pf_advice_item *it,
			  const struct pf_system *sys, const struct machine *m,
			  long base, struct pf_sbuf *c)
{
	struct pf_zone zs[PF_ZONES_MAX];
	long wsf = sys ? sys->vm[PF_VM_WATERMARK_SCALE_FACTOR] : -1;
	int k = (int)(m->biggest - m->zones);
	long old_high, new_high;
	char x[32], y[32];

	if (wsf < 0 || wsf > VM_INT_MAX)
		wsf = 10;
	memcpy(zs, m->zones, sizeof(zs[0]) * (size_t)m->nr_zones);
	pf_setup_zone_wmarks(zs, m->nr_zones, it->current > 0 ?
			     it->current : base, wsf, &m->kernel);
	old_high = zs[k].high;
	pf_setup_zone_wmarks(zs, m->nr_zones, it->value, wsf, &m->kernel);
	new_high = zs[k].high;
	kb_words((unsigned long long)zs[k].min * zs[k].page_kb, x, sizeof(x));
	kb_words((unsigned long long)new_high * zs[k].page_kb, y, sizeof(y));
	pf_sb_add(c, "%s's min becomes %s and kswapd stops at %s; ",
	       zs[k].name, x, y);
	kb_words((unsigned long long)(new_high > old_high ? new_high - old_high : 0) *
		 zs[k].page_kb, x, sizeof(x));
	pf_sb_add(c, "about %s more is kept free there instead of page cache. ", x);
}

static void advise_min_free(const struct pf_evidence *e, const struct pf_system *sys,
			    const struct machine *m, struct pf_advice *a)
{
	struct pf_advice_item *it = new_item(a, "vm.min_free_kbytes");
	struct pf_sbuf w = { it->working, sizeof(it->working), 0 };
	struct pf_sbuf c = { it->cost, sizeof(it->cost), 0 };
	long base, cap;

	it->applies = true;
	base = min_free_current(it, sys, m, &w);
	it->value = base;

	/* bounds: the kernel default below, 5% of lowmem above */
	it->safe_min = it->default_value > 0 && it->default_value < 1024 ?
		       it->default_value : 1024;
	cap = (long)(m->lowmem_kb / 20);
	it->safe_max = !m->lowmem_kb ? LONG_MAX : cap > it->safe_min ? cap :
		       it->safe_min;
	if (base < 0) {
		min_free_unknown_words(e, &w);
		return;
	}

	min_free_value(it, e, base, &w);
	it->change = it->value != it->current;
	if (!it->change)
		pf_sb_add(&w, " Keep it.");
	else
		pf_sb_add(&w, " Recommended: %ld kB.", it->value);
	if (it->change && m->biggest)
		min_free_cost(it, sys, m, base, &c);
	pf_sb_add(&c, "Too high a value makes ordinary allocations reclaim directly "
	       "and can make the OOM killer fire with memory still free.");
}

/* Fastmail's figures: shared/reference/anchors-sim-perf.md 4.3 */
#define ZONE_RECLAIM_COST \
	"Page cache is reclaimed on the local node while other nodes still " \
	"have free memory: file servers and cache-heavy workloads read from " \
	"disk more (Fastmail measured page cache at ~2 GB with it on against " \
	"~27 GB off on 48 GB IMAP servers). Leave it at 0 for such machines."

static void advise_zone_reclaim(const struct pf_evidence *e, const struct pf_system *sys,
				const struct machine *m, struct pf_advice *a)
{
	struct pf_advice_item *it = new_item(a, "vm.zone_reclaim_mode");
	struct pf_sbuf w = { it->working, sizeof(it->working), 0 };
	struct pf_sbuf c = { it->cost, sizeof(it->cost), 0 };

	it->default_value = 0;
	it->safe_min = 0;
	it->safe_max = 1;
	current_of(it, sys, PF_VM_ZONE_RECLAIM_MODE, -1, -1, &w);
	it->value = it->current;
	it->applies = a->nr_nodes > 1;
	if (a->nr_nodes < 1) {
		it->applies = e->reports > 0;
		pf_sb_add(&w, "The number of NUMA nodes is not known: if 'numactl "
			  "--hardware' shows more than one and this is 0, set it "
			  "to 1 (see the cost).");
		pf_sb_add(&c, "%s", ZONE_RECLAIM_COST);
		return;
	}
	if (!it->applies) {
		pf_sb_add(&w, "One NUMA node: there is no other node to keep "
			  "allocations from, so it changes nothing.");
		return;
	}
	if (!e->reports) {
		pf_sb_add(&w, "%d NUMA nodes, but no failure to act on.", a->nr_nodes);
		return;
	}
	if (it->current > 0) {
		pf_sb_add(&w, "%d NUMA nodes and it is already %ld: keep it.",
		       a->nr_nodes, it->current);
		return;
	}
	it->value = 1;
	it->change = true;
	pf_sb_add(&w, "%d NUMA nodes and it is %s: with 1, a node short of free "
	       "memory reclaims its own page cache before taking from another "
	       "node, so each node keeps its reserves (the RHEL 6 workaround).",
	       a->nr_nodes, it->current == 0 ? "0" : "not known (default 0)");
	pf_sb_add(&c, "%s", ZONE_RECLAIM_COST);
}

static void advise_scale_factor(const struct pf_evidence *e, const struct pf_system *sys,
				const struct machine *m, struct pf_advice *a)
{
	struct pf_advice_item *it = new_item(a, "vm.watermark_scale_factor");
	struct pf_sbuf w = { it->working, sizeof(it->working), 0 };
	unsigned long long burst_kb;
	int order;

	it->default_value = 10;
	it->safe_min = 1;
	it->safe_max = 1000;
	it->applies = pf_kernel_has_sysctl(&m->kernel, "watermark_scale_factor");
	current_of(it, sys, PF_VM_WATERMARK_SCALE_FACTOR, -1, 10, &w);
	it->value = it->current;
	if (!it->applies) {
		pf_sb_add(&w, "This kernel has no watermark_scale_factor (4.6+).");
		return;
	}
	burst_kb = largest_burst_kb(e, &order);
	if (!burst_kb || !m->biggest || !zone_pages(m->biggest)) {
		pf_sb_add(&w, "No burst of requests that cannot sleep: keep it.");
		return;
	}
	{
		/*
		 * low - min is kswapd's head start: max(min/4, managed *
		 * factor / 10000).  Make it hold twice the largest burst in
		 * the biggest zone.
		 */
		unsigned long long need = burst_kb * 2 / m->biggest->page_kb;
		unsigned long long pages = (unsigned long long)zone_pages(m->biggest);
		long f = vm_clamp(need > VM_INT_MAX ? need :
				  (need * 10000 + pages - 1) / pages);

		pf_sb_add(&w, "kswapd wakes at low = min + max(min/4, managed x "
		       "factor / 10000); for %s's gap to hold twice the largest "
		       "burst (%llu pages) the factor must be >= %ld.",
		       m->biggest->name, need, f);
		if (f > it->current) {
			it->value = f > it->safe_max ? it->safe_max : f;
			it->change = true;
			pf_sb_add(&w, " Recommended: %ld.", it->value);
			snprintf(it->cost, sizeof(it->cost),
				 "kswapd wakes earlier and reclaims %ld/10000 of each "
				 "zone more before it sleeps: more background reclaim, "
				 "a little less page cache.", it->value - it->current);
		} else {
			pf_sb_add(&w, " It is %ld already: keep it.", it->current);
		}
	}
}

static void advise_boost(const struct pf_evidence *e, const struct pf_system *sys,
			 const struct machine *m, struct pf_advice *a)
{
	struct pf_advice_item *it = new_item(a, "vm.watermark_boost_factor");
	struct pf_sbuf w = { it->working, sizeof(it->working), 0 };

	it->default_value = 15000;
	it->safe_min = 0;
	it->safe_max = 30000;
	it->applies = pf_kernel_has_sysctl(&m->kernel, "watermark_boost_factor");
	current_of(it, sys, PF_VM_WATERMARK_BOOST_FACTOR, -1, 15000, &w);
	it->value = it->current;
	if (!it->applies) {
		pf_sb_add(&w, "This kernel has no watermark boosting (5.0+, RHEL 8.4+).");
		return;
	}
	if (it->current == 0 && e->causes[PF_CAUSE_FRAGMENTATION]) {
		it->value = it->default_value;
		it->change = true;
		pf_sb_add(&w, "Failures for fragmentation, and boosting is off: turn it "
		       "back on (%ld, the default), so that a fragmenting fallback "
		       "makes kswapd reclaim and compact a little more.", it->value);
		snprintf(it->cost, sizeof(it->cost),
			 "Short bursts of extra kswapd reclaim after fragmenting "
			 "events (it was off, perhaps on purpose: check why).");
	} else {
		pf_sb_add(&w, "%ld%s: keep it.", it->current,
		       it->current == it->default_value ? " (the default)" : "");
	}
}

int pf_advise(const struct pf_evidence *e, const struct pf_system *sys,
	      struct pf_advice *a)
{
	struct machine m;
	struct pf_era era;

	memset(a, 0, sizeof(*a));
	machine_of(e, sys, &m, a);
	a->kernel = m.kernel;
	a->ram_kb = m.ram_kb;
	a->lowmem_kb = m.lowmem_kb;
	a->nr_nodes = sys && sys->nr_nodes > 0 ? sys->nr_nodes : count_nodes(&m);
	a->nr_cpus = sys && sys->nr_cpus > 0 ? sys->nr_cpus : -1;

	advise_min_free(e, sys, &m, a);
	advise_zone_reclaim(e, sys, &m, a);
	advise_scale_factor(e, sys, &m, a);
	advise_boost(e, sys, &m, a);

	a->rule = e->rule;
	a->rule_status = e->rule_status;
	if (e->rule && e->rule->update && e->rule_status != PF_RULE_FIXED)
		snprintf(a->update, sizeof(a->update), "%s", e->rule->update);
	pf_era_init(&era, &m.kernel, PF_GFP_UNKNOWN);
	if (era.sysctl_conf_only)
		snprintf(a->note, sizeof(a->note),
			 "RHEL %d: put these lines in /etc/sysctl.conf and load "
			 "them with 'sysctl -p'.", m.kernel.rhel);
	else
		snprintf(a->note, sizeof(a->note),
			 "Save as /etc/sysctl.d/90-pagefail.conf and load with "
			 "'sysctl -p /etc/sysctl.d/90-pagefail.conf' (or 'sysctl "
			 "--system').");
	return a->machine_from ? 0 : -ENODATA;
}

struct pf_advice_item *pf_advice_item(struct pf_advice *a, const char *name)
{
	for (int i = 0; i < a->nr_items; i++)
		if (!strcmp(a->items[i].name, name))
			return &a->items[i];
	return NULL;
}

/* A comment paragraph, wrapped at 76 columns. */
static void comment(struct pf_sbuf *b, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *line = p, *brk = NULL;
		int n = 0;

		while (p[n] && n < 74) {
			if (p[n] == ' ')
				brk = p + n;
			n++;
		}
		if (!p[n])
			brk = p + n;
		else if (!brk)
			brk = p + n;
		pf_sb_add(b, "# %.*s\n", (int)(brk - line), line);
		p = brk;
		while (*p == ' ')
			p++;
	}
}

size_t pf_advice_sysctl_conf(const struct pf_advice *a, bool all, char *buf,
			     size_t len)
{
	char tmp[16384];
	struct pf_sbuf b = { len ? buf : tmp, len ? len : sizeof(tmp), 0 };
	int n = 0;

	pf_sb_add(&b, "# 90-pagefail.conf: written by pagefail advise %s%s%s\n",
	       PF_VERSION, pf_kver_known(&a->kernel) ? " for kernel " : "",
	       pf_kver_known(&a->kernel) ? a->kernel.str : "");
	comment(&b, a->note);
	for (int i = 0; i < a->nr_items; i++) {
		const struct pf_advice_item *it = &a->items[i];

		if (!it->applies || it->value < 0 || !(it->change || all))
			continue;
		pf_sb_add(&b, "\n");
		comment(&b, it->working);
		if (it->cost[0])
			comment(&b, it->cost);
		pf_sb_add(&b, "%s = %ld\n", it->name, it->value);
		n++;
	}
	if (!n)
		pf_sb_add(&b, "\n# nothing to change\n");
	return b.n;
}
