// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * engine.c - a simulated machine and its virtual clock: the zones of the
 * scenario with the watermarks and lowmem_reserve of its kernel era
 * (setup_per_zone_wmarks(), setup_per_zone_lowmem_reserve()), the era's
 * behaviours, then steps of one tick in which the workload runs, held
 * buffers are released and kswapd and kcompactd get their time slice.
 * Deterministic for a given seed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define SIM_FAILURES_KEPT 64	/* failures kept for their reports */
#define SIM_REPORT_MAX	  65536 /* the text of one report */

/* A scenario may turn grouping by mobility off (mobility = no). */
void sim_era_of(const struct pf_kver *kv, bool mobility, struct pf_era *era)
{
	pf_era_init(era, kv, PF_GFP_UNKNOWN);
	era->mobility = era->mobility && mobility;
}

/*
 * sysctl_lowmem_reserve_ratio's default for a zone type: 256 for DMA and
 * DMA32, 32 for Normal, in every era (2.6.32's list is positional over
 * the configured zones, 6.x's designated by zone: both give Normal 32 on
 * i386, where it is the second zone, as on x86-64, where it is the
 * third); HighMem 32 as 2.6.x has it (6.x's 0, which clears HighMem's
 * reserve against Movable, is not modelled).
 */
static long lowmem_ratio_default(int type)
{
	return type <= PF_ZONE_DMA32 ? 256 : type <= PF_ZONE_HIGHMEM ? 32 : 0;
}

/*
 * setup_per_zone_lowmem_reserve(): a lower zone keeps, against requests
 * that could have used a higher zone j of its node, the pages of the zones
 * between them divided by its lowmem_reserve_ratio.
 */
static void setup_lowmem_reserve(struct sim *s)
{
	for (int i = 0; i < s->nr_zones; i++) {
		struct sim_zone *lo = &s->zones[i];
		long ratio = s->tun.lowmem_reserve_ratio[s->zone_enum[i]];

		if (ratio < 0)
			ratio = lowmem_ratio_default(lo->zone.type);

		memset(lo->zone.lowmem_reserve, 0,
		       sizeof(lo->zone.lowmem_reserve));
		if (ratio < 1)
			ratio = 1;
		for (int j = 0; j < s->nr_zones; j++) {
			struct sim_zone *hi = &s->zones[j];
			unsigned long pages = 0;

			if (hi->zone.node != lo->zone.node ||
			    s->zone_enum[j] <= s->zone_enum[i])
				continue;
			for (int k = 0; k < s->nr_zones; k++)
				if (s->zones[k].zone.node == lo->zone.node &&
				    s->zone_enum[k] > s->zone_enum[i] &&
				    s->zone_enum[k] <= s->zone_enum[j])
					pages += s->zones[k].nr_pages;
			lo->zone.lowmem_reserve[s->zone_enum[j]] =
				(long)pages / ratio;
		}
	}
}

/*
 * Does the era's boot switch vm.zone_reclaim_mode on for this machine?
 * When some node is farther than RECLAIM_DISTANCE (era.c
 * era_zone_reclaim(); the scenario's nodes are all node_distance apart).
 */
static bool zone_reclaim_at_boot(const struct sim *s)
{
	return s->era.zone_reclaim_boot && s->nr_nodes > 1 &&
	       s->sc->node_distance > s->era.reclaim_distance;
}

/* setup_per_zone_wmarks() with the era's formula (wmark_setup.c) */
static long setup_wmarks(struct sim *s)
{
	struct pf_zone views[SIM_MAX_ZONES];
	unsigned long long lowmem_kb = 0;
	long mfk = s->tun.min_free_kbytes;

	for (int i = 0; i < s->nr_zones; i++) {
		struct pf_zone *v = &views[i];

		pf_zone_init(v);
		v->type = s->zones[i].zone.type;
		v->present = v->managed = (long)s->zones[i].nr_pages;
		if (v->type <= PF_ZONE_NORMAL)
			lowmem_kb += s->zones[i].nr_pages * 4ULL;
	}
	if (mfk < 0)
		mfk = pf_min_free_kbytes_default(lowmem_kb, &s->era.kver);
	pf_setup_zone_wmarks(views, s->nr_zones, mfk,
			     s->tun.watermark_scale_factor, &s->era.kver);
	for (int i = 0; i < s->nr_zones; i++) {
		s->zones[i].zone.min = views[i].min;
		s->zones[i].zone.low = views[i].low;
		s->zones[i].zone.high = views[i].high;
	}
	return mfk;
}

void sim_destroy(struct sim *s)
{
	for (int i = 0; i < s->nr_zones; i++)
		sim_zone_release(&s->zones[i]);
	free(s->failures);
	free(s->held);
	free(s);
}

/*
 * kswapd's and compaction's rates: the scenario's, or for each it leaves
 * unset the kernel's (rates.c), noting when that was the lab's measure.
 */
static void sim_run_rates(struct sim *s)
{
	const struct sim_rates *r = sim_rates_of(&s->sc->kernel);

	s->scan_rate = s->sc->scan_rate >= 0 ? s->sc->scan_rate : r->scan_rate;
	s->compact_rate = s->sc->compact_rate >= 0 ? s->sc->compact_rate
						   : r->compact_rate;
	s->rates_measured = r->measured;
}

static struct sim *sim_create(const struct pf_scenario *sc, long *mfk)
{
	struct sim *s = calloc(1, sizeof(*s));
	struct pf_zone views[SIM_MAX_ZONES];

	if (!s)
		return NULL;
	s->sc = sc;
	s->tun = sc->tun;
	sim_era_of(&sc->kernel, sc->mobility, &s->era);
	sim_run_rates(s);
	s->rng = sc->seed * 0x9e3779b97f4a7c15ULL + 1;
	s->max_failures = SIM_FAILURES_KEPT;
	s->failures = calloc(s->max_failures, sizeof(*s->failures));
	if (!s->failures)
		goto fail;
	for (int i = 0; i < sc->nr_zones && i < SIM_MAX_ZONES; i++) {
		const struct sim_zone_spec *zs = &sc->zones[i];
		struct sim_zone *z = &s->zones[i];

		if (sim_zone_init(z, zs->name, zs->node,
				  (unsigned long)(zs->bytes >> 12),
				  s->era.mobility))
			goto fail;
		s->nr_zones++;
		if (zs->node + 1 > s->nr_nodes)
			s->nr_nodes = zs->node + 1;
		pf_zone_init(&views[i]);
		views[i].type = z->zone.type;
	}
	if (s->nr_nodes > SIM_MAX_NODES)
		goto fail;
	for (int i = 0; i < s->nr_zones; i++)
		s->zone_enum[i] = pf_zone_enum_index(views, s->nr_zones,
						     s->zones[i].zone.type);
	if (s->tun.compaction_proactiveness < 0)
		s->tun.compaction_proactiveness = s->era.proactiveness;
	/* vm.zone_reclaim_mode left to the kernel: what its boot set */
	if (s->tun.zone_reclaim_mode < 0)
		s->tun.zone_reclaim_mode = zone_reclaim_at_boot(s) ? 1 : 0;
	*mfk = setup_wmarks(s);
	setup_lowmem_reserve(s);
	/*
	 * boost_watermark(): up to high * watermark_boost_factor / 10000, at
	 * least a pageblock; none for zones under four pageblocks
	 */
	for (int i = 0; i < s->nr_zones; i++) {
		struct sim_zone *z = &s->zones[i];
		long max = z->zone.high * s->tun.watermark_boost_factor / 10000;

		if (!s->era.boost || s->tun.watermark_boost_factor <= 0 ||
		    z->nr_pages < 4UL << SIM_PAGEBLOCK_ORDER)
			continue;
		z->boost_max = max > (1L << SIM_PAGEBLOCK_ORDER)
				       ? max
				       : 1L << SIM_PAGEBLOCK_ORDER;
	}
	/* a replayed report starts from its free lists (fromreport.c) */
	if (sim_shape_free_lists(s))
		goto fail;
	return s;
fail:
	sim_destroy(s);
	return NULL;
}

/* The capacity a ring that doubles from min reaches to hold n. */
static unsigned long long ring_cap(unsigned long long n, unsigned long long min)
{
	unsigned long long cap = min;

	while (cap < n)
		cap *= 2;
	return cap;
}

/*
 * The pages of the zones a run may write, at most: the page arrays are
 * written only where the run takes a block (the untouched run of
 * buddy.c), so what a fill takes, what the phases allocate at their
 * rates, a largest block a zone for each first touch, or every page for
 * a report's state (fromreport.c lays out the whole zone).
 */
static unsigned long long touched_pages(const struct pf_scenario *sc,
					unsigned long long pages)
{
	double n = (double)sc->nr_zones * 4 * SIM_RUN_NR, share = 0;

	if (sc->has_free_lists)
		return pages;
	for (int i = 0; i < sc->nr_phases; i++) {
		const struct sim_phase *ph = &sc->phases[i];

		share += ph->fill + ph->anon_fill;
		n += ph->duration *
		     (ph->stream_rate + ph->anon_rate + ph->slab_rate +
		      ph->kernel_rate + ph->net_rate * (1 << ph->net_order));
	}
	n += share * (double)pages;
	return n < (double)pages ? (unsigned long long)n : pages;
}

/*
 * What sim_create() and the run allocate, at the peak.  For the whole run:
 * the page arrays where the run writes them (touched_pages(): 12 bytes a
 * page) and the per-pageblock arrays (7 bytes and 2 bits a pageblock),
 * the failures kept, the ring of held network buffers at its largest (it
 * doubles from 1024 and never shrinks), the text of one report, and the
 * samples a caller keeps when it keeps them all in a doubling array (the
 * CLI does).  Then the largest of what comes and goes: a fill's list of
 * the free pages (workload.c's wl_fill(): a pfn and a zone index each), a
 * replayed report's marks and page list (fromreport.c: 5 bytes a page of
 * its largest zone), the old ring while the held buffers are copied to a
 * larger one.  The held buffers of a phase are at most its rate times
 * their hold time, and never more than the pages.
 */
unsigned long long pf_sim_memory(const struct pf_scenario *sc,
				 const struct pf_sim_opts *o)
{
	unsigned long long pages = 0, largest = 0, held = 0, bytes, passing = 0;
	double duration = 0;
	bool fill = false;

	if (!sc)
		return 0;
	bytes = sizeof(struct sim) + SIM_REPORT_MAX +
		SIM_FAILURES_KEPT * sizeof(struct sim_failure);
	for (int i = 0; i < sc->nr_zones && i < SIM_MAX_ZONES; i++) {
		unsigned long long n = sc->zones[i].bytes >> 12;

		pages += n;
		largest = n > largest ? n : largest;
		bytes += ((n >> SIM_PAGEBLOCK_ORDER) + 1) * 8;
	}
	bytes += touched_pages(sc, pages) * sizeof(struct sim_page);
	for (int i = 0; i < sc->nr_phases; i++) {
		const struct sim_phase *ph = &sc->phases[i];
		unsigned long long most = pages >> ph->net_order;
		double n = ph->net_rate * ph->net_hold + 1;

		duration += ph->duration;
		fill |= ph->fill > 0 || ph->anon_fill > 0;
		held += n < (double)most ? (unsigned long long)n : most;
	}
	held = ring_cap(held < pages ? held : pages, 1024) *
	       sizeof(struct sim_held);
	bytes += held;
	if (o && o->sample && o->sample_every > 0)
		bytes += ring_cap((unsigned long long)(duration /
						       o->sample_every) +
					  1,
				  1024) *
			 sizeof(struct pf_sim_sample) * 3 / 2;

	if (fill)
		passing = pages * (sizeof(uint32_t) + sizeof(int));
	if (sc->has_free_lists && largest * 5 > passing)
		passing = largest * 5;
	if (held / 2 > passing)
		passing = held / 2;
	return bytes + passing;
}

unsigned long long pf_sim_address_space(const struct pf_scenario *sc,
					const struct pf_sim_opts *o)
{
	unsigned long long pages = 0;

	if (!sc)
		return 0;
	for (int i = 0; i < sc->nr_zones && i < SIM_MAX_ZONES; i++)
		pages += sc->zones[i].bytes >> 12;
	return pf_sim_memory(sc, o) +
	       (pages - touched_pages(sc, pages)) * sizeof(struct sim_page);
}

static void take_sample(const struct sim *s, struct pf_sim_sample *smp)
{
	memset(smp, 0, sizeof(*smp));
	smp->t = s->t;
	for (int i = 0; i < s->nr_zones; i++) {
		const struct sim_zone *z = &s->zones[i];

		smp->free_pages += (unsigned long)z->zone.free;
		for (int o = 0; o < SIM_MAX_ORDER && o < PF_MAX_ORDER; o++)
			smp->nr_free[o] += z->zone.nr_free[o];
		smp->min += z->zone.min;
		smp->low += z->zone.low;
		smp->high += z->zone.high;
	}
	smp->kswapd_reclaimed = s->st.kswapd_reclaimed_pages;
	smp->compacted = s->st.compacted_pages;
	smp->failures = s->st.failures;
}

static int check_all(struct sim *s)
{
	for (int i = 0; i < s->nr_zones; i++) {
		int err = sim_zone_check(&s->zones[i], s->check_msg,
					 sizeof(s->check_msg));

		if (err)
			return s->check_err = err;
	}
	return 0;
}

/* What a run gives its caller: pf_simulate()'s counters and last state. */
static void fill_result(const struct sim *s, struct pf_sim_result *res)
{
	res->sim_seconds = s->t;
	res->allocations = s->st.allocations;
	res->page_ops = s->st.page_ops;
	res->failures = s->st.failures;
	for (int i = 0; i < SIM_MAX_ORDER && i < PF_MAX_ORDER; i++)
		res->failures_by_order[i] = s->st.failures_by_order[i];
	res->failures_above_min = s->st.failures_above_min;
	res->kswapd_wakeups = s->st.kswapd_wakeups;
	res->kswapd_reclaimed_pages = s->st.kswapd_reclaimed_pages;
	res->direct_reclaimed_pages = s->st.direct_reclaimed_pages;
	res->node_reclaimed_pages = s->st.node_reclaimed_pages;
	res->compact_stall = s->st.compact_stall;
	res->compacted_pages = s->st.compacted_pages;
	for (int i = 0; i < s->nr_zones; i++) {
		res->free_pageblocks += sim_zone_pageblocks_free(&s->zones[i]);
		for (int k = 0; k < SIM_MAX_ORDER && k < PF_MAX_ORDER; k++)
			res->free_blocks[k] += s->zones[i].zone.nr_free[k];
	}
	res->check_err = s->check_err;
	memcpy(res->check_msg, s->check_msg, sizeof(res->check_msg));
}

int pf_simulate(const struct pf_scenario *sc, const struct pf_sim_opts *o,
		struct pf_sim_result *res)
{
	static const struct pf_sim_opts none;
	double total = 0, next_sample = 0, tick;
	unsigned long ticks = 0;
	struct sim *s;
	long mfk = 0;
	int err = 0;

	if (!o)
		o = &none;
	memset(res, 0, sizeof(*res));
	res->first_failure = -1;
	s = sim_create(sc, &mfk);
	if (!s)
		return -ENOMEM;
	s->check = o->check;
#ifdef PF_SIM_CHECK
	/* a debug build of the simulator checks after every step, always */
	s->check = true;
#endif
	res->min_free_kbytes = mfk;
	res->zone_reclaim_mode = s->tun.zone_reclaim_mode;
	res->zone_reclaim_boot =
		sc->tun.zone_reclaim_mode < 0 && s->tun.zone_reclaim_mode;
	res->node_distance = s->nr_nodes > 1 ? sc->node_distance : 0;
	res->reclaim_distance = s->era.reclaim_distance;
	res->scan_rate = s->scan_rate;
	res->compact_rate = s->compact_rate;
	if (sc->scan_rate < 0 || sc->compact_rate < 0)
		res->rates_measured = s->rates_measured;
	res->scan_rate_measured = sc->scan_rate < 0 && s->rates_measured;
	res->compact_rate_measured = sc->compact_rate < 0 && s->rates_measured;
	for (int i = 0; i < sc->nr_phases; i++)
		total += sc->phases[i].duration;
	tick = sc->tick > 0 ? sc->tick : 0.001;

	while (s->t < total - tick / 2) {
		sim_workload_release(s);
		sim_workload_run(s, tick);
		sim_kswapd_run(s, tick);
		s->t += tick;
		if (s->st.failures && res->first_failure < 0)
			res->first_failure =
				s->nr_failures ? s->failures[0].t : s->t;
		if (s->check && (err = check_all(s)))
			break;
		if (o->progress && !(++ticks & 255))
			o->progress(s->t, total, s->st.page_ops, o->data);
		if (o->sample && o->sample_every > 0 && s->t >= next_sample) {
			struct pf_sim_sample smp;

			take_sample(s, &smp);
			o->sample(&smp, o->data);
			next_sample += o->sample_every;
		}
	}
	if (!err && !s->check)
		err = check_all(s);

	fill_result(s, res);

	if (o->report) {
		char *buf = malloc(SIM_REPORT_MAX);

		for (size_t i = 0;
		     buf && i < s->nr_failures && i < o->max_reports; i++) {
			sim_print_failure(s, &s->failures[i], buf,
					  SIM_REPORT_MAX);
			o->report(buf, s->failures[i].cause, o->data);
		}
		free(buf);
	}
	sim_destroy(s);
	return err;
}
