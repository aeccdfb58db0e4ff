// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fromreport.c - a scenario that replays a page allocation failure
 * report: the machine of its Mem-Info, its kernel, the min_free_kbytes
 * its min watermarks imply, and, as the state the run starts from, its
 * free lists block for block, everything else clean page cache that
 * kswapd may reclaim.  The workload is the failed request again, as a
 * burst, over a light page cache stream.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "util/util.h"

/*
 * The replay: 400 requests in the first FR_BURST seconds (FR_RATE a
 * second), as a driver refills its receive ring from softirq, faster
 * than any kswapd reclaims; each is held FR_HOLD seconds, as a receive
 * burst holds its buffers until the socket is read; then the machine has
 * the rest of FR_DURATION to recover.  The page cache stream is light:
 * it only keeps kswapd and the watermarks honest.  (Spread over a whole
 * second, the requests of an order-1 report leave time for a kswapd that
 * balances at their order, up to 2.6.37 and in RHEL 5 and 6, to make the
 * blocks they need, and a replay of such a report would not fail.)
 */
#define FR_DURATION 5.0
#define FR_RATE	    40000.0
#define FR_BURST    0.01
#define FR_HOLD	    1.0
#define FR_STREAM   2000.0
#define FR_OLDEST   "2.6.18" /* the oldest kernel the simulator has */

/* A minimal scenario text: the parser's defaults, then set by hand. */
static const char fr_base[] =
	"[machine]\nzone = Normal 16M\n[phase replay]\nduration = 5s\n";

struct fr_zone {
	int node, type, idx;
	unsigned long pages;
};

static int fr_cmp(const void *a, const void *b)
{
	const struct fr_zone *x = a, *y = b;

	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	return x->type < y->type ? -1 : x->type > y->type;
}

/* min_free_kbytes the zones' min watermarks imply, within a scenario's range */
static long fr_min_free_kbytes(const struct pf_report *r)
{
	long kb = pf_zones_min_free_kbytes(r->zones, r->nr_zones < PF_ZONES_MAX
							     ? r->nr_zones
							     : PF_ZONES_MAX);

	return kb < 1000000000 ? kb : -1;
}

/* The report's free lists in the simulator's orders: above 10 as 1024s. */
static unsigned long fr_free_lists(const struct pf_zone *z,
				   unsigned long nr_free[SIM_MAX_ORDER])
{
	unsigned long pages = 0;

	memset(nr_free, 0, SIM_MAX_ORDER * sizeof(*nr_free));
	for (int o = 0; o < z->nr_orders && o < PF_MAX_ORDER; o++) {
		if (o < SIM_MAX_ORDER)
			nr_free[o] += z->nr_free[o];
		else
			nr_free[SIM_MAX_ORDER - 1] +=
				z->nr_free[o] << (o - SIM_MAX_ORDER + 1);
	}
	for (int o = 0; o < SIM_MAX_ORDER; o++)
		pages += nr_free[o] << o;
	return pages;
}

/*
 * The report's zones with memory, sorted by node and type.  Returns how
 * many, or -EINVAL (said in err) for pages the simulator does not model
 * or no zone at all.
 */
static int fr_zones(const struct pf_report *r, struct fr_zone *zs, char *err,
		    size_t errlen)
{
	int nr = 0;

	for (int i = 0; i < r->nr_zones && i < PF_ZONES_MAX; i++) {
		const struct pf_zone *z = &r->zones[i];
		long pages = z->managed >= 0 ? z->managed : z->present;

		if (pages <= 0 || z->type < 0 || z->type > PF_ZONE_MOVABLE ||
		    z->node < 0)
			continue;
		if (z->page_kb && z->page_kb != 4) {
			snprintf(
				err, errlen,
				"pages of %u KiB: the simulator models 4 KiB pages",
				z->page_kb);
			return -EINVAL;
		}
		zs[nr].node = z->node;
		zs[nr].type = z->type;
		zs[nr].idx = i;
		zs[nr].pages = (unsigned long)pages;
		nr++;
	}
	if (!nr) {
		snprintf(
			err, errlen,
			"the report at line %lu has no zones with memory (no Mem-Info to replay)",
			r->line);
		return -EINVAL;
	}
	qsort(zs, (size_t)nr, sizeof(zs[0]), fr_cmp);
	return nr;
}

/*
 * The machine: a zone spec and its free lists per zone of zs, nodes
 * numbered densely from 0, one zone of a type per node; what is past the
 * simulator's limits is left out (and said).
 */
static void fr_machine(struct pf_scenario *sc, const struct pf_report *r,
		       const struct fr_zone *zs, int nr, char *err,
		       size_t errlen)
{
	int node = -1, prev_node = -1;

	sc->nr_zones = 0;
	sc->has_free_lists = true;
	for (int i = 0; i < nr; i++) {
		const struct pf_zone *z = &r->zones[zs[i].idx];
		struct sim_zone_spec *spec;
		unsigned long pages = zs[i].pages, need;

		if (zs[i].node != prev_node) {
			prev_node = zs[i].node;
			node++;
		} else if (i && zs[i].type == zs[i - 1].type) {
			continue;
		}
		if (sc->nr_zones == SIM_MAX_ZONES || node >= SIM_MAX_NODES) {
			snprintf(
				err, errlen,
				"more zones or nodes than the simulator has (%d zones, %d nodes): the rest left out",
				SIM_MAX_ZONES, SIM_MAX_NODES);
			break;
		}
		spec = &sc->zones[sc->nr_zones];
		need = fr_free_lists(z, sc->free_lists[sc->nr_zones]);
		/*
		 * Room for every free block away from a free buddy: a zone
		 * whose free pages would not fit (old kernels print the DMA
		 * zone's present below its free) is made larger.
		 */
		if (2 * need > pages)
			pages = (2 * need + 1023) & ~1023UL;
		pf_strlcpy(spec->name, sizeof(spec->name), z->name);
		spec->node = node;
		spec->bytes = (unsigned long long)pages << 12;
		sc->nr_zones++;
	}
}

/*
 * The era to replay on: the one decision pf_report_era() makes for
 * explain too.  A printed release or --kernel older than the simulator's
 * eras gets the oldest (said in err); the era the report's format allows
 * is the oldest of them, which the caller words; nothing known leaves the
 * parser's default (said in err).  -EDOM: --kernel is an era the report's
 * format rules out.
 */
static int fr_kernel(struct pf_scenario *sc, const struct pf_report *r,
		     char *err, size_t errlen)
{
	struct pf_era_choice c;
	int ret = pf_report_era(r, &c);

	if (ret)
		return ret;
	if (c.from == PF_ERA_NONE) {
		snprintf(
			err, errlen,
			"the report names no kernel: replaying it on %s (--kernel to choose)",
			sc->kernel.str);
	} else if (pf_scenario_set(sc, "kernel", c.kver.str)) {
		/* older than the simulator's eras: the oldest is the closest */
		pf_scenario_set(sc, "kernel", FR_OLDEST);
		snprintf(
			err, errlen,
			"kernel %s is older than the simulator knows: replaying it on %s",
			c.kver.str, FR_OLDEST);
	} else {
		sc->kernel = c.kver;
	}
	return 0;
}

/* The workload: the failed request again, as a burst (see FR_RATE). */
static void fr_replay_phase(struct sim_phase *ph, const struct pf_report *r)
{
	pf_strlcpy(ph->name, sizeof(ph->name), "replay");
	ph->duration = FR_DURATION;
	ph->stream_rate = FR_STREAM;
	ph->net_rate = FR_RATE;
	ph->net_order =
		r->order >= 0 && r->order < SIM_MAX_ORDER ? r->order : 0;
	ph->net_gfp = r->gfp_mask;
	ph->net_hold = FR_HOLD;
	ph->burst_len = FR_BURST;
	ph->burst_every = FR_DURATION;
}

int pf_scenario_from_report(struct pf_scenario **out, const struct pf_report *r,
			    char *err, size_t errlen)
{
	struct fr_zone zs[PF_ZONES_MAX];
	struct pf_scenario *sc;
	int nr, ret;

	if (!out || !r)
		return -EINVAL;
	*out = NULL;
	if (err && errlen)
		err[0] = '\0';
	nr = fr_zones(r, zs, err, errlen);
	if (nr < 0)
		return nr;

	ret = pf_scenario_parse(&sc, "report", fr_base, sizeof(fr_base) - 1,
				NULL, NULL);
	if (ret)
		return ret;
	snprintf(sc->name, sizeof(sc->name), "report-line-%lu", r->line);
	fr_machine(sc, r, zs, nr, err, errlen);
	ret = fr_kernel(sc, r, err, errlen);
	if (ret) {
		pf_scenario_free(sc);
		return ret;
	}
	sc->swap = r->total_swap_kb > 0;
	sc->tun.min_free_kbytes = fr_min_free_kbytes(r);
	fr_replay_phase(&sc->phases[0], r);
	*out = sc;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The initial state                                                  */
/* ------------------------------------------------------------------ */

/* mark[]: 0 in use, 1 inside a planned free block, 2 + order at its head */
static bool fr_fits(const uint8_t *mark, unsigned long n, unsigned long pfn,
		    int order)
{
	unsigned long len = 1UL << order, buddy = pfn ^ len;

	if (pfn + len > n)
		return false;
	for (unsigned long i = 0; i < len; i++)
		if (mark[pfn + i])
			return false;
	/* a free buddy of the same order would merge with it */
	return buddy >= n || mark[buddy] != 2 + order;
}

/*
 * Plan where each block goes: from the largest order down, nr blocks at
 * evenly spaced aligned slots from a random one, the next free slot when
 * one is taken.  No aligned run of free pages then makes a larger block
 * than planned: its halves would be two free buddies of one order.
 */
static void fr_plan(struct sim *s, uint8_t *mark, unsigned long n,
		    const unsigned long *nr_free)
{
	for (int o = SIM_MAX_ORDER - 1; o >= 0; o--) {
		unsigned long slots = n >> o, want = nr_free[o], stride, start;

		if (!want || !slots)
			continue;
		stride = slots / want ? slots / want : 1;
		start = (unsigned long)(sim_rand(s) % slots);
		for (unsigned long j = 0; j < want; j++) {
			unsigned long k = (start + j * stride) % slots, tries;

			for (tries = 0; tries < slots; tries++) {
				unsigned long pfn = k << o;

				if (fr_fits(mark, n, pfn, o)) {
					memset(mark + pfn, 1, 1UL << o);
					mark[pfn] = (uint8_t)(2 + o);
					break;
				}
				k = k + 1 < slots ? k + 1 : 0;
			}
			if (tries == slots)
				break; /* no room left at this order */
		}
	}
}

static int fr_shape_zone(struct sim *s, struct sim_zone *z,
			 const unsigned long *nr_free)
{
	unsigned long n = z->nr_pages, m = 0;
	uint8_t *mark = calloc(n, 1);
	uint32_t *v = malloc(n * sizeof(*v));
	uint32_t pfn;

	if (!mark || !v) {
		free(mark);
		free(v);
		return -ENOMEM;
	}
	fr_plan(s, mark, n, nr_free);
	/* every page in use, then the planned blocks given back whole */
	while ((pfn = sim_rmqueue(z, 0, SIM_MT_MOVABLE, false, NULL)) !=
	       SIM_NONE)
		sim_set_owner(z, pfn, 0, SIM_FILE);
	for (unsigned long p = 0; p < n; p++) {
		if (mark[p] >= 2)
			sim_free_block(z, (uint32_t)p, mark[p] - 2, NULL);
		else if (!mark[p] && z->pages[p].owner == SIM_FILE)
			v[m++] = (uint32_t)p;
	}
	/* the page cache on the LRU in no particular order (workload.c) */
	for (unsigned long i = m; i > 1; i--) {
		unsigned long j = (unsigned long)(sim_rand(s) % i);
		uint32_t t = v[i - 1];

		v[i - 1] = v[j];
		v[j] = t;
	}
	for (unsigned long i = 0; i < m; i++)
		sim_lru_add(z, v[i]);
	free(mark);
	free(v);
	return 0;
}

int sim_shape_free_lists(struct sim *s)
{
	const struct pf_scenario *sc = s->sc;

	if (!sc || !sc->has_free_lists)
		return 0;
	for (int i = 0; i < s->nr_zones; i++) {
		int err = fr_shape_zone(s, &s->zones[i], sc->free_lists[i]);

		if (err)
			return err;
	}
	return 0;
}
