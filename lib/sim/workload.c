// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * workload.c - the phases of a scenario (data/scenarios/README.md) as
 * allocations and frees on the simulated machine.
 *
 * A phase starts with drop_caches if it asks, then its fills: anonymous
 * memory, then every other page of it freed (checkerboard), then the page
 * cache.  A fill stands for a machine whose memory was filled long before
 * the phase, not for a process waiting on reclaim: it takes every free
 * page, lowmem reserves included, then gives back random pages of it down
 * to its share, so that free memory is in pieces all over as after a long
 * uptime; and its pages go on the LRU in a
 * random order, since a page cache filled long ago was touched in no
 * particular order (reclaim taking it in the order it was allocated
 * would give back whole physically contiguous ranges, and rebuild the
 * large blocks that real machines lack).
 *
 * Then, every tick, the rates: page cache read (stream), anonymous pages,
 * reclaimable slab, unmovable kernel pages, each drawn in a random mix so
 * that kinds interleave as they do on a machine; frees of random
 * anonymous and slab pages; and network receive buffers, GFP_ATOMIC from
 * softirq, held for net_hold and freed by sim_workload_release().
 * Fractions of pages carry over to the next tick in s->carry[].
 *
 * A random page of a kind is the first one after a random place of
 * memory, not one from a list the workload keeps: reclaim and compaction
 * free and move pages behind its back.
 */
#include <stdlib.h>

#include "sim.h"

/* s->carry[] slots */
enum {
	CARRY_STREAM,
	CARRY_ANON,
	CARRY_SLAB,
	CARRY_KERNEL,
	CARRY_ANON_FREE,
	CARRY_SLAB_FREE,
	CARRY_NET,
	CARRY_NR
};

#define WL_DIRTY_ONE_IN 10   /* 1 page cache page in 10 is dirty */
#define WL_HELD_MIN	1024 /* first size of the held ring */

/* The masks the workload allocates with, in the era's gfp layout. */
struct wl_gfp {
	unsigned long atomic;	   /* GFP_ATOMIC */
	unsigned long kernel;	   /* GFP_KERNEL */
	unsigned long user;	   /* GFP_HIGHUSER_MOVABLE: cache, anon */
	unsigned long reclaimable; /* __GFP_RECLAIMABLE */
};

/*
 * kernel-facts.md section 1.2, per layout.  2.6.18 has no mobility: page
 * cache and anon are GFP_HIGHUSER there; RHEL 5's GFP_ATOMIC carries
 * __GFP_NOWARN.
 */
static const struct wl_gfp wl_gfps[PF_GFP_NR_LAYOUTS] = {
	[PF_GFP_2_6_18] = { 0x20, 0xd0, 0x200d2, 0 },
	[PF_GFP_RHEL5] = { 0x220, 0xd0, 0x200d2, 0 },
	[PF_GFP_2_6_24] = { 0x20, 0xd0, 0x200da, 0x80000 },
	[PF_GFP_3_10] = { 0x20, 0xd0, 0x200da, 0x80000 },
	[PF_GFP_4_4] = { 0x2080020, 0x24000c0, 0x24200ca, 0x10 },
	[PF_GFP_4_10] = { 0x1080020, 0x14000c0, 0x14200ca, 0x10 },
	[PF_GFP_4_18] = { 0x480020, 0x6000c0, 0x6200ca, 0x10 },
	[PF_GFP_5_0] = { 0xa20, 0xcc0, 0x100cca, 0x10 },
	[PF_GFP_6_3] = { 0x820, 0xcc0, 0x100cca, 0x10 },
	[PF_GFP_6_15] = { 0x820, 0xcc0, 0x100cca, 0x10 },
};

static const struct wl_gfp *wl_gfp_of(const struct sim *s)
{
	int layout = s->era.gfp_layout;

	if (layout <= PF_GFP_UNKNOWN || layout >= PF_GFP_NR_LAYOUTS)
		layout = PF_GFP_6_3;
	return &wl_gfps[layout];
}

/* The node a process allocates on: any, as its tasks run on any CPU. */
static int wl_node(struct sim *s)
{
	const struct sim_phase *ph =
		s->phase >= 0 && s->phase < s->sc->nr_phases
			? &s->sc->phases[s->phase]
			: NULL;

	if (ph && ph->node >= 0 && ph->node < s->nr_nodes)
		return ph->node;
	return s->nr_nodes > 1 ? (int)(sim_rand(s) % (uint64_t)s->nr_nodes) : 0;
}

static unsigned long wl_total_pages(const struct sim *s)
{
	unsigned long n = 0;

	for (int i = 0; i < s->nr_zones; i++)
		n += s->zones[i].nr_pages;
	return n;
}

static unsigned long wl_lru_pages(const struct sim *s, bool anon)
{
	unsigned long n = 0;

	for (int i = 0; i < s->nr_zones; i++)
		n += anon ? s->zones[i].lru_anon.nr : s->zones[i].lru_file.nr;
	return n;
}

/* Take the whole pages of *carry + rate * dt, keep the fraction. */
static unsigned long wl_take(double *carry, double rate, double dt,
			     unsigned long cap)
{
	double n = *carry + rate * dt;
	unsigned long k;

	/* what float steps lose (0.1 s read as 0.09999...) is no page lost */
	if (n + 1e-9 < 1) {
		*carry = n > 0 ? n : 0;
		return 0;
	}
	if (n > (double)cap) {
		*carry = 0;
		return cap;
	}
	k = (unsigned long)(n + 1e-9);
	*carry = n > (double)k ? n - (double)k : 0;
	return k;
}

/* ------------------------------------------------------------------ */
/* Allocations and frees                                              */
/* ------------------------------------------------------------------ */

/* One order-0 page of a kind from process context; false when it failed. */
static bool wl_alloc(struct sim *s, int owner, int *zone, uint32_t *pfn)
{
	const struct wl_gfp *g = wl_gfp_of(s);
	unsigned long gfp;
	int z;
	uint32_t p;

	switch (owner) {
	case SIM_FILE:
	case SIM_FILE_DIRTY:
	case SIM_ANON:
		gfp = g->user;
		break;
	case SIM_SLAB_RECLAIMABLE:
		gfp = g->kernel | g->reclaimable;
		break;
	default:
		gfp = g->kernel;
		break;
	}
	p = sim_alloc(s, wl_node(s), 0, gfp, owner, PF_CTX_PROCESS, &z);
	if (p == SIM_NONE)
		return false;
	if (owner == SIM_SLAB_RECLAIMABLE)
		s->no_slab = false;
	if (zone)
		*zone = z;
	if (pfn)
		*pfn = p;
	return true;
}

static int wl_file_owner(struct sim *s)
{
	return sim_rand(s) % WL_DIRTY_ONE_IN ? SIM_FILE : SIM_FILE_DIRTY;
}

/*
 * A page of owner's kind (anon or reclaimable slab), in use and of order
 * 0: the first one from a random place of memory on, or false when there
 * is none.  Only the workload makes such pages, so a scan that finds no
 * slab page need not be repeated until the workload allocates one.  A
 * pageblock that holds no page of the kind is stepped over whole: no
 * block straddles a pageblock's end except one that starts at a
 * pageblock, so block-by-block stepping would have come to the same
 * boundary, and the page found is the one it would have found.
 */
static bool wl_pick(struct sim *s, int owner, int *zone, uint32_t *pfn)
{
	unsigned long total = wl_total_pages(s), r, n;
	int zi = 0;

	if (!total || (owner == SIM_SLAB_RECLAIMABLE && s->no_slab) ||
	    (owner == SIM_ANON && !wl_lru_pages(s, true)))
		return false;
	r = (unsigned long)(sim_rand(s) % total);
	while (zi < s->nr_zones - 1 && r >= s->zones[zi].nr_pages)
		r -= s->zones[zi++].nr_pages;
	for (n = 0; n < total;) {
		struct sim_zone *z = &s->zones[zi];
		const struct sim_pb_count *c = sim_pb_owned(z, owner);
		const struct sim_page *p = &z->pages[r];
		unsigned long step = 1, pb = r >> SIM_PAGEBLOCK_ORDER;

		if (!c->nr[pb]) {
			step = sim_pb_next(c, pb, sim_nr_pageblocks(z))
			       << SIM_PAGEBLOCK_ORDER;
			step = (step < z->nr_pages ? step : z->nr_pages) - r;
		} else if (p->flags & SIM_PG_HEAD) {
			if (p->owner == owner && !p->order) {
				*zone = zi;
				*pfn = (uint32_t)r;
				return true;
			}
			step = 1UL << p->order;
		}
		n += step;
		r += step;
		if (r >= z->nr_pages) {
			r = 0;
			zi = (zi + 1) % s->nr_zones;
		}
	}
	if (owner == SIM_SLAB_RECLAIMABLE)
		s->no_slab = true;
	return false;
}

/* Free n random pages of owner's kind; stops when none is found. */
static void wl_free_random(struct sim *s, int owner, unsigned long n)
{
	int zone;
	uint32_t pfn;

	while (n-- && wl_pick(s, owner, &zone, &pfn))
		sim_free(s, zone, pfn, 0);
}

/* ------------------------------------------------------------------ */
/* Phase start: the fills                                             */
/* ------------------------------------------------------------------ */

struct wl_page {
	uint32_t pfn;
	int zone;
};

/*
 * Fill anon or page cache up to share of RAM, as a long uptime leaves
 * it.  A fill is a state, not an allocation path: it takes every free
 * page of every zone from the buddy lists (lowmem reserves included, as
 * years of use do), then gives back random pages of it until share is
 * left, and no less than each zone's high watermark in all.  Free memory
 * is then in pieces all over, not the unsplit tail of each zone that any
 * allocation that stops at a watermark leaves.  The rest goes on the LRU
 * in a random order; a checkerboard then frees those of even pfn, whose
 * buddies (odd) stay in use, so nothing merges.  With fresh, the fill is
 * of a machine just booted, as the lab's guests are: pages kept in the
 * order the allocator handed them out, on the LRU in that order, so that
 * reclaim frees them in runs, oldest first.
 */
static void wl_fill(struct sim *s, double share, bool anon, bool checkerboard,
		    bool fresh)
{
	unsigned long total = wl_total_pages(s), room = 0, high = 0, n = 0;
	unsigned long want = (unsigned long)(share * (double)total);
	unsigned long have = wl_lru_pages(s, anon), keep, i;
	struct wl_page *v;

	if (want <= have)
		return;
	want -= have;
	for (int zi = 0; zi < s->nr_zones; zi++) {
		const struct sim_zone *z = &s->zones[zi];

		room += (unsigned long)z->zone.free;
		high += z->zone.high > 0 ? (unsigned long)z->zone.high : 0;
	}
	if (room <= high)
		return;
	v = malloc(room * sizeof(*v));
	if (!v)
		return;
	for (int zi = 0; zi < s->nr_zones; zi++) {
		struct sim_zone *z = &s->zones[zi];
		uint32_t pfn;

		while (n < room) {
			pfn = sim_rmqueue(z, 0, SIM_MT_MOVABLE, false, &s->st);
			if (pfn == SIM_NONE)
				break;
			sim_set_owner(z, pfn, 0,
				      anon ? SIM_ANON : wl_file_owner(s));
			v[n].pfn = pfn;
			v[n].zone = zi;
			n++;
		}
	}
	s->st.allocations += n;
	s->st.alloc_pages += n;
	/* Fisher-Yates: then the first keep pages are a random choice; a
	 * fresh fill keeps them in the order the buddy allocator gave them */
	for (i = fresh ? 0 : n; i > 1; i--) {
		unsigned long j = (unsigned long)(sim_rand(s) % i);
		struct wl_page t = v[i - 1];

		v[i - 1] = v[j];
		v[j] = t;
	}
	keep = n > high ? n - high : 0;
	if (keep > want)
		keep = want;
	for (i = keep; i < n; i++)
		sim_free(s, v[i].zone, v[i].pfn, 0);
	for (i = 0; i < keep; i++)
		sim_lru_add(&s->zones[v[i].zone], v[i].pfn);
	if (checkerboard)
		for (i = 0; i < keep; i++)
			if (!(v[i].pfn & 1))
				sim_free(s, v[i].zone, v[i].pfn, 0);
	free(v);
}

/*
 * What a driver or module that keeps memory does, the lab's pfburst module
 * among them: take share of the free pages as unmovable kernel pages, one
 * order-0 page at a time as GFP_NOWAIT gets them (the zones from Normal
 * down: it has no __GFP_HIGHMEM, so no HighMem page is taken, though the
 * share is of every zone's free pages as global_zone_page_state() counts
 * them; none below its min watermark and the lowmem reserve kept from
 * the highest of those zones), then, with checkerboard, give back those
 * of odd pfn, whose buddies stay held.  Unlike a fill, it takes from the
 * lowest orders up, as the buddy allocator hands pages out: what it
 * leaves free are the large blocks it did not reach.
 */
static void wl_hold(struct sim *s, double share, bool checkerboard)
{
	unsigned long nr_free = 0, want, n = 0;
	int top = s->nr_zones - 1;
	struct wl_page *v;

	for (int zi = 0; zi < s->nr_zones; zi++)
		nr_free += (unsigned long)s->zones[zi].zone.free;
	/* gfp_zone(GFP_NOWAIT) is ZONE_NORMAL: its classzone */
	while (top > 0 && s->zones[top].zone.type > PF_ZONE_NORMAL)
		top--;
	want = (unsigned long)(share * (double)nr_free);
	/* all taken first, then the odd ones given back: given back at
	 * once, each would be the next page handed out */
	v = malloc((want ? want : 1) * sizeof(*v));
	if (!v)
		return;
	for (int zi = top; zi >= 0 && n < want; zi--) {
		struct sim_zone *z = &s->zones[zi];
		long floor =
			z->zone.min + z->zone.lowmem_reserve[s->zone_enum[top]];
		uint32_t pfn;

		if (z->zone.type > PF_ZONE_NORMAL)
			continue;

		while (n < want && z->zone.free > floor) {
			pfn = sim_rmqueue(z, 0, SIM_MT_UNMOVABLE, false,
					  &s->st);
			if (pfn == SIM_NONE)
				break;
			sim_set_owner(z, pfn, 0, SIM_SLAB);
			v[n].pfn = pfn;
			v[n].zone = zi;
			n++;
		}
	}
	s->st.allocations += n;
	s->st.alloc_pages += n;
	for (unsigned long i = 0; checkerboard && i < n; i++)
		if (v[i].pfn & 1)
			sim_free(s, v[i].zone, v[i].pfn, 0);
	free(v);
}

/*
 * sync; echo N > /proc/sys/vm/drop_caches: 1 frees the page cache, 2 the
 * reclaimable slab as far as its shrinkers can (one page in four, as in
 * reclaim.c: a slab page goes only when all its objects do), 3 both.
 */
static void wl_drop_caches(struct sim *s, int what)
{
	for (int zi = 0; zi < s->nr_zones; zi++) {
		struct sim_zone *z = &s->zones[zi];

		/* oldest first; stop should a page refuse to go */
		while ((what & 1) && z->lru_file.head != SIM_NONE) {
			uint32_t pfn = z->lru_file.head;

			sim_free(s, zi, pfn, 0);
			if (z->lru_file.head == pfn)
				break;
		}
		if (!(what & 2))
			continue;
		for (unsigned long pfn = 0; pfn < z->nr_pages; pfn++) {
			const struct sim_page *p = &z->pages[pfn];
			unsigned long pb = pfn >> SIM_PAGEBLOCK_ORDER;

			/* a pageblock without slab has nothing to drop */
			if (!z->pb_slab_reclaimable.nr[pb]) {
				pb = sim_pb_next(&z->pb_slab_reclaimable, pb,
						 sim_nr_pageblocks(z));
				pfn = (pb << SIM_PAGEBLOCK_ORDER) - 1;
				continue;
			}

			if (p->owner == SIM_SLAB_RECLAIMABLE &&
			    (p->flags & SIM_PG_HEAD) && !p->order &&
			    !(sim_rand(s) & 3))
				sim_free(s, zi, (uint32_t)pfn, 0);
		}
	}
}

static void wl_phase_start(struct sim *s, const struct sim_phase *ph)
{
	for (int i = 0; i < CARRY_NR; i++)
		s->carry[i] = 0;
	if (ph->drop_caches)
		wl_drop_caches(s, ph->drop_caches);
	if (ph->anon_fill > 0)
		wl_fill(s, ph->anon_fill, true, ph->checkerboard, ph->fresh);
	if (ph->fill > 0)
		wl_fill(s, ph->fill, false, false, ph->fresh);
	if (ph->hold > 0)
		wl_hold(s, ph->hold, ph->checkerboard);
}

/* ------------------------------------------------------------------ */
/* The rates                                                          */
/* ------------------------------------------------------------------ */

/*
 * The time of [t0, t1) inside bursts: the first len seconds of every
 * period of every seconds (from the phase start).
 */
static double wl_burst_time(double t0, double t1, double len, double every)
{
	double sum = 0, k;

	if (len <= 0 || every <= 0 || len >= every)
		return t1 - t0;
	if ((t1 - t0) / every > 1e4)
		return (t1 - t0) * len / every;
	for (k = (double)(long long)(t0 / every); k * every < t1; k++) {
		double a = k * every, b = a + len;

		if (a < t0)
			a = t0;
		if (b > t1)
			b = t1;
		if (b > a)
			sum += b - a;
	}
	return sum;
}

static bool wl_held_push(struct sim *s, const struct sim_held *h)
{
	if (s->held_nr == s->held_cap) {
		size_t cap = s->held_cap ? 2 * s->held_cap : WL_HELD_MIN;
		struct sim_held *v = malloc(cap * sizeof(*v));

		if (!v)
			return false;
		for (size_t i = 0; i < s->held_nr; i++)
			v[i] = s->held[(s->held_head + i) % s->held_cap];
		free(s->held);
		s->held = v;
		s->held_cap = cap;
		s->held_head = 0;
	}
	s->held[(s->held_head + s->held_nr) % s->held_cap] = *h;
	s->held_nr++;
	return true;
}

/* Receive buffers: GFP_ATOMIC (or the phase's mask) in softirq on node 0. */
static void wl_net(struct sim *s, const struct sim_phase *ph, unsigned long n)
{
	unsigned long gfp = ph->net_gfp ? ph->net_gfp : wl_gfp_of(s)->atomic;

	while (n--) {
		struct sim_held h;
		int zone;
		uint32_t pfn;

		pfn = sim_alloc(s, 0, ph->net_order, gfp, SIM_NET,
				PF_CTX_SOFTIRQ, &zone);
		if (pfn == SIM_NONE)
			continue; /* recorded by sim_alloc() */
		h.t = s->t + ph->net_hold;
		h.zone = zone;
		h.pfn = pfn;
		h.order = (uint8_t)ph->net_order;
		if (!wl_held_push(s, &h))
			sim_free(s, zone, pfn, ph->net_order);
	}
}

/*
 * The process allocations of one step, drawn in a random mix of kinds; a
 * kind stops for the step when its allocation fails.
 */
static void wl_mix(struct sim *s, unsigned long *nr)
{
	/* clang-format off */
	static const int owner_of[4] = {
		SIM_FILE, SIM_ANON, SIM_SLAB_RECLAIMABLE, SIM_SLAB,
	};
	/* clang-format on */
	unsigned long total = nr[0] + nr[1] + nr[2] + nr[3];

	while (total) {
		int kinds = !!nr[0] + !!nr[1] + !!nr[2] + !!nr[3];
		unsigned long r =
			kinds > 1 ? (unsigned long)(sim_rand(s) % total) : 0;
		int k = 0, zone, owner;
		uint32_t pfn;

		while (!nr[k] || r >= nr[k]) {
			if (nr[k])
				r -= nr[k];
			k++;
		}
		owner = owner_of[k];
		if (owner == SIM_FILE)
			owner = wl_file_owner(s);
		if (!wl_alloc(s, owner, &zone, &pfn)) {
			total -= nr[k];
			nr[k] = 0;
			continue;
		}
		if (owner != SIM_SLAB_RECLAIMABLE && owner != SIM_SLAB)
			sim_lru_add(&s->zones[zone], pfn);
		nr[k]--;
		total--;
	}
}

/* dt seconds of phase ph, from s->phase_t on */
static void wl_rates(struct sim *s, const struct sim_phase *ph, double dt)
{
	unsigned long cap = wl_total_pages(s), nr[4], n;
	double net_dt;

	n = wl_take(&s->carry[CARRY_ANON_FREE], ph->anon_free_rate, dt, cap);
	wl_free_random(s, SIM_ANON, n);
	n = wl_take(&s->carry[CARRY_SLAB_FREE], ph->slab_free_rate, dt, cap);
	wl_free_random(s, SIM_SLAB_RECLAIMABLE, n);

	nr[0] = wl_take(&s->carry[CARRY_STREAM], ph->stream_rate, dt, cap);
	nr[1] = wl_take(&s->carry[CARRY_ANON], ph->anon_rate, dt, cap);
	nr[2] = wl_take(&s->carry[CARRY_SLAB], ph->slab_rate, dt, cap);
	nr[3] = wl_take(&s->carry[CARRY_KERNEL], ph->kernel_rate, dt, cap);
	wl_mix(s, nr);

	if (ph->net_rate > 0) {
		net_dt = wl_burst_time(s->phase_t, s->phase_t + dt,
				       ph->burst_len, ph->burst_every);
		n = wl_take(&s->carry[CARRY_NET], ph->net_rate, net_dt,
			    cap >> ph->net_order);
		wl_net(s, ph, n);
	}
}

/* ------------------------------------------------------------------ */
/* The entry points                                                   */
/* ------------------------------------------------------------------ */

/* A phase is over when less than this is left of it (float steps). */
#define WL_EPSILON 1e-9

void sim_workload_run(struct sim *s, double dt)
{
	const struct pf_scenario *sc = s->sc;

	if (!sc || dt <= 0)
		return;
	while (dt > WL_EPSILON && s->phase >= 0 && s->phase < sc->nr_phases) {
		const struct sim_phase *ph = &sc->phases[s->phase];
		double step = ph->duration - s->phase_t;

		if (s->phase_t == 0)
			wl_phase_start(s, ph);
		if (step > dt)
			step = dt;
		if (step > 0)
			wl_rates(s, ph, step);
		s->phase_t += step;
		dt -= step;
		if (ph->duration - s->phase_t <= WL_EPSILON) {
			/* the next one starts with what is left of dt */
			s->phase++;
			s->phase_t = 0;
		}
	}
}

void sim_workload_release(struct sim *s)
{
	while (s->held_nr) {
		struct sim_held *h = &s->held[s->held_head];

		if (h->t > s->t + WL_EPSILON)
			break;
		sim_free(s, h->zone, h->pfn, h->order);
		s->held_head = (s->held_head + 1) % s->held_cap;
		s->held_nr--;
	}
}
