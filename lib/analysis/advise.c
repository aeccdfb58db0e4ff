// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * advise.c - from the reports (and the machine, when it can be read) to
 * the vm sysctls that keep the next burst from failing, each with its
 * working, its bounds and its cost (steps: what each says and its
 * numbers, which the CLI words), and the kernel update a known cause asks
 * for.
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

#define VM_INT_MAX INT_MAX /* the kernel's int, see above */

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

	if (b->cur_failures &&
	    (t < 0 || b->cur_start < 0 ||
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

/*
 * Is zone z, which failed r's check for fragmentation, fragmented by pages
 * that cannot move?  Compaction moves only pages on an LRU list (page
 * cache, anonymous memory): when the zone line prints them, fewer than an
 * eighth of the zone's pages in use is the proof.  Without them, the
 * migratetype letters (3.10+): every free block below r's order on an
 * Unmovable, Reclaimable or HighAtomic list, none on a Movable or CMA one.
 * Returns 1 (by the LRU), 2 (by the letters) or 0.
 */
static int zone_unmovable(const struct pf_zone *z, int order)
{
	long lru = pf_zone_lru_pages(z);
	bool any = false;

	if (lru >= 0 && z->managed > 0 && z->free >= 0)
		return z->managed > z->free && lru * 8 < z->managed - z->free;
	if (!z->has_mt)
		return 0;
	for (int o = 0; o < order && o < z->nr_orders; o++) {
		if (!z->nr_free[o])
			continue;
		if (!z->mt[o][0] || strpbrk(z->mt[o], "MC"))
			return 0;
		any = true;
	}
	return any ? 2 : 0;
}

/*
 * Count r's failures as unmovable fragmentation when every allowed zone
 * that failed on fragmentation did so with unmovable free blocks, at
 * least one did, and none was short of free memory.
 */
static void unmovable_add(struct pf_evidence *e, const struct pf_report *r,
			  const struct pf_explain *ex, unsigned long n)
{
	const struct pf_zone_verdict *key = NULL;
	int k = -1, how = 0, h;

	for (int i = 0; i < ex->nr_zones; i++) {
		const struct pf_zone_verdict *v = &ex->zones[i];

		if (!v->allowed || !v->evaluated)
			continue;
		if (v->check.cause == PF_CAUSE_BELOW_MIN)
			return;
		if (v->check.cause != PF_CAUSE_FRAGMENTATION)
			continue;
		h = zone_unmovable(&r->zones[i], r->order);
		if (!h)
			return;
		if (!key || v->check.free > key->check.free) {
			key = v;
			k = i;
			how = h;
		}
	}
	if (!key)
		return;
	e->unmovable += n;
	e->unmovable_order = r->order;
	snprintf(e->unmovable_zone, sizeof(e->unmovable_zone), "%s",
		 r->zones[k].name);
	e->unmovable_free_kb = (unsigned long long)key->check.free *
			       (unsigned long long)r->zones[k].page_kb;
	e->unmovable_mark_kb =
		(unsigned long long)(key->check.min + key->check.reserve) *
		(unsigned long long)r->zones[k].page_kb;
	/* by the LRU: its pages and the zone's in use, to say so */
	e->unmovable_lru_kb = -1;
	e->unmovable_used_kb = -1;
	if (how == 1) {
		const struct pf_zone *z = &r->zones[k];

		e->unmovable_lru_kb =
			(long long)pf_zone_lru_pages(z) * z->page_kb;
		e->unmovable_used_kb =
			(long long)(z->managed - z->free) * z->page_kb;
	}
}

void pf_evidence_add(struct pf_evidence *e, const struct pf_report *r,
		     const struct pf_explain *ex)
{
	struct pf_gfp_caps caps;
	unsigned long n = 1 + (r->callbacks_suppressed > 0
				       ? (unsigned long)r->callbacks_suppressed
				       : 0);
	int o = r->order;

	e->reports++;
	if (o < 0 || o >= PF_MAX_ORDER)
		return;
	e->by_order[o] += n;
	e->failures += n;
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
		memcpy(e->zones, r->zones,
		       sizeof(r->zones[0]) * (size_t)r->nr_zones);
	}
	if (!ex)
		return;
	if (ex->cause >= 0 && ex->cause < PF_CAUSE_NR)
		e->causes[ex->cause] += n;
	if (ex->cause == PF_CAUSE_FRAGMENTATION && r->nr_zones)
		unmovable_add(e, r, ex, n);
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
	const struct pf_zone *biggest; /* the largest lowmem zone */
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
		unsigned long long kb =
			(unsigned long long)zone_pages(z) * z->page_kb;

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

/* A zone layout as a set of enum pf_zone_type bits, empty zones left out. */
static unsigned int zone_set(const struct pf_zone *zs, int n)
{
	unsigned int set = 0;

	for (int i = 0; i < n; i++)
		if (zone_pages(&zs[i]) && zs[i].type >= 0 && zs[i].type < 32)
			set |= 1U << zs[i].type;
	return set;
}

/*
 * Is the newest report with Mem-Info from the system advised?  Another
 * release, page size, zone layout, or a quarter more or less memory
 * says not (a report has no host name that --root could be held to).
 */
static void other_machine(const struct pf_evidence *e,
			  const struct pf_system *sys, struct pf_advice *a)
{
	unsigned long long ram = 0, sys_ram;

	if (!sys || !sys->nr_zones || !e->nr_zones)
		return;
	for (int i = 0; i < e->nr_zones; i++)
		ram += (unsigned long long)zone_pages(&e->zones[i]) *
		       e->zones[i].page_kb;
	sys_ram = 0;
	for (int i = 0; i < sys->nr_zones; i++)
		sys_ram += (unsigned long long)zone_pages(&sys->zones[i]) *
			   sys->zones[i].page_kb;
	a->report_kernel = e->kernel;
	a->report_ram_kb = ram;
	a->report_page_kb = e->zones[0].page_kb;
	if (pf_kver_known(&e->kernel) && pf_kver_known(&sys->kernel) &&
	    (e->kernel.code != sys->kernel.code ||
	     e->kernel.rhel != sys->kernel.rhel ||
	     (e->kernel.nr_rel && sys->kernel.nr_rel &&
	      e->kernel.rel[0] != sys->kernel.rel[0])))
		a->other |= PF_OTHER_KERNEL;
	if (e->zones[0].page_kb != sys->zones[0].page_kb)
		a->other |= PF_OTHER_PAGE;
	if (zone_set(e->zones, e->nr_zones) !=
	    zone_set(sys->zones, sys->nr_zones))
		a->other |= PF_OTHER_ZONES;
	if (ram && sys_ram && (ram * 4 > sys_ram * 5 || ram * 5 < sys_ram * 4))
		a->other |= PF_OTHER_SIZE;
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
static unsigned long long largest_burst_kb(const struct pf_evidence *e,
					   int *order)
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

/* The sysctls an advice can hold, in the order it holds them */
enum { ADVICE_MIN_FREE, ADVICE_ZONE_RECLAIM };
static const char *const advice_sysctls[] = {
	[ADVICE_MIN_FREE] = "vm.min_free_kbytes",
	[ADVICE_ZONE_RECLAIM] = "vm.zone_reclaim_mode",
};

const char *pf_advice_sysctl_name(size_t i)
{
	return i < ARRAY_SIZE(advice_sysctls) ? advice_sysctls[i] : NULL;
}

static struct pf_advice_item *new_item(struct pf_advice *a, const char *name)
{
	struct pf_advice_item *it = &a->items[a->nr_items++];

	memset(it, 0, sizeof(*it));
	snprintf(it->name, sizeof(it->name), "%s", name);
	it->current = it->value = it->default_value = -1;
	return it;
}

/*
 * A step more of its working (or of its cost): its numbers to fill.  The
 * paths here add no more than PF_ADVICE_STEPS; one past would take the
 * place of the last.
 */
static struct pf_advice_step *add_step(struct pf_advice_item *it, int say,
				       bool cost)
{
	struct pf_advice_step *st;

	if (it->nr_steps < PF_ADVICE_STEPS)
		it->nr_steps++;
	st = &it->steps[it->nr_steps - 1];
	memset(st, 0, sizeof(*st));
	st->say = say;
	st->cost = cost;
	return st;
}

static struct pf_advice_step *say(struct pf_advice_item *it, int what)
{
	return add_step(it, what, false);
}

static struct pf_advice_step *say_cost(struct pf_advice_item *it, int what)
{
	return add_step(it, what, true);
}

/* A current value the kernel could hold; -1, and a step saying so, if not */
static long vm_int(struct pf_advice_item *it, long v, bool report)
{
	struct pf_advice_step *st;

	if (v <= VM_INT_MAX)
		return v;
	st = say(it, PF_SAY_SET_ASIDE);
	st->n[0] = v;
	st->n[1] = report;
	return -1;
}

static void current_of(struct pf_advice_item *it, const struct pf_system *sys,
		       int idx, long implied, long dflt)
{
	long live = vm_int(it, sys ? sys->vm[idx] : -1, false);

	implied = vm_int(it, implied, true);
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
			     const struct machine *m)
{
	struct pf_advice_step *st;

	if (m->lowmem_kb) {
		it->default_value =
			pf_min_free_kbytes_default(m->lowmem_kb, &m->kernel);
		st = say(it, PF_SAY_DEFAULT);
		st->n[0] = it->default_value;
		st->n[1] = (long long)m->lowmem_kb;
		st->n[2] = pf_min_free_kbytes_cap(&m->kernel);
	}
	current_of(it, sys, PF_VM_MIN_FREE_KBYTES,
		   pf_zones_min_free_kbytes(m->zones, m->nr_zones),
		   it->default_value);
	if (it->current >= 0)
		say(it, PF_SAY_CURRENT)->n[0] = it->current;
	return it->current >= 0 ? it->current : it->default_value;
}

/* Failures of requests that cannot sleep, or zones found short. */
static bool short_of_reserve(const struct pf_evidence *e)
{
	return e->atomic || e->causes[PF_CAUSE_BELOW_MIN] ||
	       e->causes[PF_CAUSE_FRAGMENTATION];
}

/* Reports without Mem-Info, and no machine: no number. */
static void min_free_unknown(const struct pf_evidence *e,
			     struct pf_advice_item *it)
{
	if (short_of_reserve(e))
		say(it, PF_SAY_DOUBLE_UNKNOWN)->n[0] = (long long)e->atomic;
	say(it, PF_SAY_NO_MACHINE);
}

/*
 * Such a request may take the zone down to 3/8 of min; the 5/8 between
 * is theirs alone.  The min_free_kbytes that holds the largest burst seen
 * twice over: -1 when there was none.
 */
static long burst_cover(const struct pf_evidence *e, struct pf_advice_item *it)
{
	unsigned long long burst_kb;
	struct pf_advice_step *st;
	int order;

	burst_kb = largest_burst_kb(e, &order);
	if (!burst_kb)
		return -1;
	st = say(it, PF_SAY_BURST);
	st->n[0] = (long long)e->burst[order].failures;
	st->n[1] = order;
	st->n[2] = (long long)burst_kb;
	st->n[3] = vm_clamp(burst_kb > VM_INT_MAX ? burst_kb
						  : (burst_kb * 2 * 8 + 4) / 5);
	st->seconds = e->burst[order].seconds;
	return (long)st->n[3];
}

/*
 * The min_free_kbytes that holds the measured atomic demand (pagefail
 * trace) while kswapd wakes: the p99.9 pages of a window, for as many
 * windows as kswapd's slowest reaction spans (one when it was not woken),
 * in the 5/8 of min such requests have to themselves.  -1: none measured.
 */
static long demand_cover(const struct pf_evidence *e, struct pf_advice_item *it)
{
	const struct pf_demand *d = &e->demand;
	unsigned long long windows = 1, kb;
	struct pf_advice_step *st;

	if (!d->known || d->window_ms <= 0)
		return -1;
	if (d->react_ms > d->window_ms)
		windows = (unsigned long long)(d->react_ms / d->window_ms +
					       0.999);
	kb = d->p999_pages * (d->page_kb ? d->page_kb : 4) * windows;
	st = say(it, PF_SAY_DEMAND);
	st->n[0] = (long long)d->p999_pages;
	st->n[1] = (long long)(d->window_ms * 1000 + 0.5);
	st->n[2] = d->react_ms < 0 ? -1 : (long long)(d->react_ms * 1000 + 0.5);
	st->n[3] = (long long)windows;
	st->n[4] = (long long)kb;
	st->n[5] = vm_clamp(kb > VM_INT_MAX ? kb : (kb * 8 + 4) / 5);
	return (long)st->n[5];
}

/*
 * The value the failures ask for: twice base (the usual first step), or
 * enough to hold the largest burst twice over, whichever is more, rounded
 * up to a MiB; never below the kernel's default, never above safe_max.
 * Twice base only when the reports are of this machine (other 0): the
 * reserve that fell short is then the one being raised, and only without
 * a measured demand, which says what the reserve must hold instead.
 */
static void min_free_value(struct pf_advice_item *it,
			   const struct pf_evidence *e, long base,
			   unsigned int other)
{
	long doubled = -1, cover;
	struct pf_advice_step *st;

	/* every failure seen held apart by unmovable pages: no reserve helps */
	if (e->unmovable && e->unmovable == e->failures) {
		st = say(it, PF_SAY_UNMOVABLE);
		st->n[0] = (long long)e->unmovable;
		st->n[1] = e->unmovable_order;
		st->n[2] = (long long)e->unmovable_free_kb;
		st->n[3] = (long long)e->unmovable_mark_kb;
		st->n[4] = e->unmovable_lru_kb;
		st->n[5] = e->unmovable_used_kb;
		snprintf(it->zone, sizeof(it->zone), "%s", e->unmovable_zone);
		return;
	}
	if (e->demand.known) {
		/* measured: the rule of thumb gives way */
	} else if (short_of_reserve(e) && other) {
		/* the reserve that was short was another machine's */
		say(it, PF_SAY_OTHER_MACHINE)->n[0] = (long long)e->failures;
	} else if (short_of_reserve(e)) {
		/* the usual first step: twice the reserve (Red Hat: x2 to x4) */
		doubled = base > VM_INT_MAX / 2 ? VM_INT_MAX : 2 * base;
		st = say(it, PF_SAY_DOUBLE);
		st->n[0] = (long long)e->atomic;
		st->n[1] = doubled;
	}
	cover = burst_cover(e, it);
	if (doubled > it->value)
		it->value = doubled;
	if (cover > it->value)
		it->value = cover;
	cover = demand_cover(e, it);
	if (cover > it->value)
		it->value = cover;
	if (it->value != base)
		it->value = round_up_kb(it->value, 1024);
	if (it->default_value > it->value) {
		say(it, PF_SAY_BELOW_DEFAULT);
		it->value = it->default_value;
	}
	if (it->value > it->safe_max) {
		say(it, PF_SAY_SAFE_MAX)->n[0] = it->safe_max;
		it->value = it->safe_max;
	}
}

/*
 * What the new value does to the biggest zone's watermarks: its min, its
 * high (where kswapd stops), and how much more stays free there, by
 * __setup_per_zone_wmarks() run with the old value and with the new.
 */
static void min_free_cost(struct pf_advice_item *it,
			  const struct pf_system *sys, const struct machine *m,
			  long base)
{
	struct pf_zone zs[PF_ZONES_MAX];
	long wsf = sys ? sys->vm[PF_VM_WATERMARK_SCALE_FACTOR] : -1;
	int k = (int)(m->biggest - m->zones);
	struct pf_advice_step *st;
	long old_high, new_high;

	if (wsf < 0 || wsf > VM_INT_MAX)
		wsf = 10;
	memcpy(zs, m->zones, sizeof(zs[0]) * (size_t)m->nr_zones);
	pf_setup_zone_wmarks(zs, m->nr_zones,
			     it->current > 0 ? it->current : base, wsf,
			     &m->kernel);
	old_high = zs[k].high;
	pf_setup_zone_wmarks(zs, m->nr_zones, it->value, wsf, &m->kernel);
	new_high = zs[k].high;
	snprintf(it->zone, sizeof(it->zone), "%s", zs[k].name);
	st = say_cost(it, PF_SAY_WMARKS);
	st->n[0] = (long long)zs[k].min * zs[k].page_kb;
	st->n[1] = (long long)new_high * zs[k].page_kb;
	st->n[2] = (long long)(new_high > old_high ? new_high - old_high : 0) *
		   zs[k].page_kb;
}

static void advise_min_free(const struct pf_evidence *e,
			    const struct pf_system *sys,
			    const struct machine *m, struct pf_advice *a)
{
	struct pf_advice_item *it =
		new_item(a, advice_sysctls[ADVICE_MIN_FREE]);
	long base, cap;

	it->applies = true;
	base = min_free_current(it, sys, m);
	it->value = base;

	/* bounds: the kernel default below, 5% of lowmem above */
	it->safe_min = it->default_value > 0 && it->default_value < 1024
			       ? it->default_value
			       : 1024;
	cap = (long)(m->lowmem_kb / 20);
	it->safe_max = !m->lowmem_kb	    ? LONG_MAX
		       : cap > it->safe_min ? cap
					    : it->safe_min;
	if (base < 0) {
		min_free_unknown(e, it);
		return;
	}

	min_free_value(it, e, base, a->other);
	it->change = it->value != it->current;
	if (!it->change)
		say(it, PF_SAY_KEEP);
	else
		say(it, PF_SAY_RECOMMEND_KB)->n[0] = it->value;
	if (it->change && m->biggest)
		min_free_cost(it, sys, m, base);
	say_cost(it, PF_SAY_TOO_HIGH);
}

static void advise_zone_reclaim(const struct pf_evidence *e,
				const struct pf_system *sys,
				const struct machine *m, struct pf_advice *a)
{
	struct pf_advice_item *it =
		new_item(a, advice_sysctls[ADVICE_ZONE_RECLAIM]);
	struct pf_advice_step *st;

	it->default_value = 0;
	it->safe_min = 0;
	it->safe_max = 1;
	current_of(it, sys, PF_VM_ZONE_RECLAIM_MODE, -1, -1);
	it->value = it->current;
	it->applies = a->nr_nodes > 1;
	if (a->nr_nodes < 1) {
		it->applies = e->reports > 0;
		say(it, PF_SAY_NODES_UNKNOWN);
		say_cost(it, PF_SAY_RECLAIM_COST);
		return;
	}
	if (!it->applies) {
		say(it, PF_SAY_ONE_NODE);
		return;
	}
	if (!e->reports) {
		say(it, PF_SAY_NO_FAILURE)->n[0] = a->nr_nodes;
		return;
	}
	st = say(it,
		 it->current > 0 ? PF_SAY_RECLAIM_ALREADY : PF_SAY_RECLAIM_ON);
	st->n[0] = a->nr_nodes;
	st->n[1] = it->current;
	if (it->current > 0)
		return;
	it->value = 1;
	it->change = true;
	say_cost(it, PF_SAY_RECLAIM_COST);
}

/*
 * An item for a sysctl an era added (PF_VM_*): its default and bounds,
 * whether the kernel has it, and its current value, which the advice
 * keeps unless it finds better.
 */
static struct pf_advice_item *era_item(struct pf_advice *a, int idx, long dflt,
				       long min, long max,
				       const struct pf_system *sys,
				       const struct machine *m)
{
	const char *name = pf_vm_sysctl_name(idx);
	struct pf_advice_item *it = new_item(a, name);

	it->default_value = dflt;
	it->safe_min = min;
	it->safe_max = max;
	/* the file under /proc/sys/vm: the name without "vm." */
	it->applies = pf_kernel_has_sysctl(&m->kernel, name + 3);
	current_of(it, sys, idx, -1, dflt);
	it->value = it->current;
	return it;
}

static void advise_scale_factor(const struct pf_evidence *e,
				const struct pf_system *sys,
				const struct machine *m, struct pf_advice *a)
{
	struct pf_advice_item *it =
		era_item(a, PF_VM_WATERMARK_SCALE_FACTOR, 10, 1, 1000, sys, m);
	unsigned long long burst_kb, need, pages;
	struct pf_advice_step *st;
	long f;
	int order;

	if (!it->applies) {
		say(it, PF_SAY_NO_SCALE);
		return;
	}
	burst_kb = largest_burst_kb(e, &order);
	if (!burst_kb || !m->biggest || !zone_pages(m->biggest)) {
		say(it, PF_SAY_NO_BURST);
		return;
	}
	/*
	 * low - min is kswapd's head start: max(min/4, managed * factor /
	 * 10000).  Make it hold twice the largest burst in the biggest zone.
	 */
	need = burst_kb * 2 / m->biggest->page_kb;
	pages = (unsigned long long)zone_pages(m->biggest);
	f = vm_clamp(need > VM_INT_MAX ? need
				       : (need * 10000 + pages - 1) / pages);
	snprintf(it->zone, sizeof(it->zone), "%s", m->biggest->name);
	st = say(it, PF_SAY_SCALE_NEED);
	st->n[0] = (long long)need;
	st->n[1] = f;
	if (f > it->current) {
		it->value = f > it->safe_max ? it->safe_max : f;
		it->change = true;
		say(it, PF_SAY_RECOMMEND)->n[0] = it->value;
		say_cost(it, PF_SAY_SCALE_COST)->n[0] = it->value - it->current;
	} else {
		say(it, PF_SAY_ALREADY)->n[0] = it->current;
	}
}

static void advise_boost(const struct pf_evidence *e,
			 const struct pf_system *sys, const struct machine *m,
			 struct pf_advice *a)
{
	struct pf_advice_item *it = era_item(a, PF_VM_WATERMARK_BOOST_FACTOR,
					     15000, 0, 30000, sys, m);
	struct pf_advice_step *st;

	if (!it->applies) {
		say(it, PF_SAY_NO_BOOST);
		return;
	}
	if (it->current == 0 && e->causes[PF_CAUSE_FRAGMENTATION]) {
		it->value = it->default_value;
		it->change = true;
		say(it, PF_SAY_BOOST_ON)->n[0] = it->value;
		say_cost(it, PF_SAY_BOOST_COST);
	} else {
		st = say(it, PF_SAY_BOOST_KEEP);
		st->n[0] = it->current;
		st->n[1] = it->current == it->default_value;
	}
}

int pf_advise(const struct pf_evidence *e, const struct pf_system *sys,
	      struct pf_advice *a)
{
	struct machine m;
	struct pf_era era;

	memset(a, 0, sizeof(*a));
	machine_of(e, sys, &m, a);
	other_machine(e, sys, a);
	a->kernel = m.kernel;
	a->ram_kb = m.ram_kb;
	a->lowmem_kb = m.lowmem_kb;
	a->nr_nodes =
		sys && sys->nr_nodes > 0 ? sys->nr_nodes : count_nodes(&m);
	a->nr_cpus = sys && sys->nr_cpus > 0 ? sys->nr_cpus : -1;

	advise_min_free(e, sys, &m, a);
	advise_zone_reclaim(e, sys, &m, a);
	advise_scale_factor(e, sys, &m, a);
	advise_boost(e, sys, &m, a);

	a->rule = e->rule;
	a->rule_status = e->rule_status;
	if (e->rule && e->rule->update && e->rule_status != PF_RULE_FIXED)
		a->update = e->rule->update;
	pf_era_init(&era, &m.kernel, PF_GFP_UNKNOWN);
	a->sysctl_conf = era.sysctl_conf_only;
	return a->machine_from ? 0 : -ENODATA;
}

struct pf_advice_item *pf_advice_item(struct pf_advice *a, const char *name)
{
	for (int i = 0; i < a->nr_items; i++)
		if (!strcmp(a->items[i].name, name))
			return &a->items[i];
	return NULL;
}
