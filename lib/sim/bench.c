// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench.c - the simulator's standard microbenchmark: a 4 GiB zone (1 Mi
 * pages), kept about 70% allocated by a deterministic mix of order-0 to
 * order-3 allocations of random migratetypes and frees of random held
 * blocks, with the whole of __rmqueue() (fallback, stealing, expand) and
 * __free_one_page() (merging) behind each one.  It reports page operations
 * (pages taken from or given back to the allocator) per second of real
 * time, and the simulator's memory per page of the zone.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim.h"

#define BENCH_PAGES (1UL << 20) /* 4 GiB of 4 KiB pages */
#define BENCH_BATCH 65536	/* operations between clock reads */

struct bench_block {
	uint32_t pfn;
	uint8_t order;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline uint64_t xorshift64(uint64_t *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 0x2545F4914F6CDD1DULL;
}

/* What a block of each migratetype holds, as the workloads use them. */
static const uint8_t owner_of[3] = {
	[SIM_MT_UNMOVABLE] = SIM_SLAB,
	[SIM_MT_MOVABLE] = SIM_ANON,
	[SIM_MT_RECLAIMABLE] = SIM_SLAB_RECLAIMABLE,
};

/*
 * One step: allocate a random block when asked (and when it can be had),
 * else free a random held one.  Returns the change of the pages held.
 */
static inline long bench_step(struct sim_zone *z, struct bench_block *held,
			      size_t *nr, bool alloc, uint64_t r,
			      struct sim_stats *st)
{
	struct bench_block b;
	size_t k;

	if (alloc || !*nr) {
		int order = (int)((r >> 8) & 3);
		int mt = (int)(((r >> 16) & 0xffff) % 3);
		uint32_t pfn = sim_rmqueue(z, order, mt, false, st);

		if (pfn != SIM_NONE) {
			sim_set_owner(z, pfn, order, owner_of[mt]);
			held[*nr].pfn = pfn;
			held[*nr].order = (uint8_t)order;
			(*nr)++;
			return 1L << order;
		}
		if (!*nr)
			return 0;
	}
	k = (size_t)((r >> 32) % *nr);
	b = held[k];
	held[k] = held[--(*nr)];
	sim_free_block(z, b.pfn, b.order, st);
	return -(1L << b.order);
}

int pf_sim_bench(double seconds, double *page_ops_per_second,
		 double *bytes_per_page)
{
	const long target = (long)(BENCH_PAGES * 7 / 10);
	struct sim_stats st;
	struct sim_zone *z;
	struct bench_block *held;
	size_t nr = 0;
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	unsigned long nr_pb;
	long used = 0;
	double t0, t;
	int err;

	z = calloc(1, sizeof(*z));
	held = malloc(BENCH_PAGES * sizeof(*held));
	if (!z || !held) {
		free(z);
		free(held);
		return -ENOMEM;
	}
	err = sim_zone_init(z, "Normal", 0, BENCH_PAGES, true);
	if (err)
		goto out;
	memset(&st, 0, sizeof(st));

	/* fill to the target before the clock starts */
	while (used < target) {
		long d = bench_step(z, held, &nr, true, xorshift64(&x), &st);

		if (d <= 0)
			break;
		used += d;
	}
	st.page_ops = 0;

	t0 = now();
	do {
		for (int i = 0; i < BENCH_BATCH; i++) {
			uint64_t r = xorshift64(&x);
			/* three steps in four go toward the target */
			bool alloc =
				used < target ? (r & 3) != 0 : (r & 3) == 0;

			used += bench_step(z, held, &nr, alloc, r, &st);
		}
		t = now() - t0;
	} while (t < seconds);
	if (t <= 0)
		t = 1e-9;
	if (page_ops_per_second)
		*page_ops_per_second = (double)st.page_ops / t;
	nr_pb = (BENCH_PAGES + (1UL << SIM_PAGEBLOCK_ORDER) - 1) >>
		SIM_PAGEBLOCK_ORDER;
	if (bytes_per_page)
		*bytes_per_page =
			(double)sizeof(struct sim_page) +
			(double)nr_pb *
				(1 + sizeof(*z->pb_anon.nr) +
				 sizeof(*z->pb_slab_reclaimable.nr) +
				 sizeof(*z->pb_free) + 2.0 / 8) /
				BENCH_PAGES +
			(double)(sizeof(z->free_list) +
				 SIM_MAX_ORDER * sizeof(z->zone.nr_free[0]) +
				 sizeof(z->lru_file) + sizeof(z->lru_anon)) /
				BENCH_PAGES;
	err = sim_zone_check(z, NULL, 0);
	sim_zone_release(z);
out:
	free(z);
	free(held);
	return err;
}
