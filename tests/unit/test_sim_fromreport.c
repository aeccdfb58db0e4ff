// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_sim_fromreport.c - unit tests of lib/sim/fromreport.c: the
 * scenario built from a real report (the tg3 order-1 failure of a
 * two-node 2.6.16 machine): its zones, kernel, min_free_kbytes and
 * phase; the initial state equal to the report's free lists, zone by
 * zone; the replay failing at order 1; a report without zones refused.
 */
#include "helpers.h"

#include <errno.h>

#include "sim/sim.h"

#define CORPUS_019                                                             \
	"/corpus/019-swapper-tg3-order1-numa2-2.6.16-x86_64-syslog-wrapped.log"

static struct reports rs;
static const struct pf_report *rep;

static int setup(void **state)
{
	struct pf_kver kv;

	(void)state;
	assert_int_equal(pf_kver_parse("2.6.16", &kv), 0);
	assert_int_equal(scan_file(PF_FIXTURES CORPUS_019, &rs, &kv), 0);
	for (size_t i = 0; i < rs.nr && !rep; i++)
		if (rs.r[i].flags & PF_REPORT_HAS_MEMINFO)
			rep = &rs.r[i];
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	reports_release(&rs);
	return 0;
}

static struct pf_scenario *build(void)
{
	struct pf_scenario *sc = NULL;
	char err[256];

	assert_non_null(rep);
	assert_int_equal(pf_scenario_from_report(&sc, rep, err, sizeof(err)),
			 0);
	assert_non_null(sc);
	/* 2.6.16 is older than the simulator's eras: a warning, 2.6.18 */
	assert_non_null(strstr(err, "2.6.16"));
	return sc;
}

static void test_machine(void **state)
{
	struct pf_scenario *sc = build();

	(void)state;
	/* node 0 DMA, DMA32, node 1 Normal; the empty zones left out */
	assert_int_equal(sc->nr_zones, 3);
	assert_string_equal(sc->zones[0].name, "DMA");
	assert_int_equal(sc->zones[0].node, 0);
	/* present 8564 kB, but 8996 kB free: enlarged to hold its blocks */
	assert_true(sc->zones[0].bytes >= 8564ULL * 1024);
	assert_int_equal(sc->zones[0].bytes % 4096, 0);
	assert_string_equal(sc->zones[1].name, "DMA32");
	assert_int_equal(sc->zones[1].node, 0);
	assert_int_equal(sc->zones[1].bytes, 3989664ULL * 1024);
	assert_string_equal(sc->zones[2].name, "Normal");
	assert_int_equal(sc->zones[2].node, 1);
	assert_int_equal(sc->zones[2].bytes, 8273920ULL * 1024);

	/* min 8 + 4552 + 9444 kB (HighMem's 128 kB is not lowmem) */
	assert_int_equal(sc->tun.min_free_kbytes, 14004);
	assert_string_equal(pf_scenario_kernel(sc)->str, "2.6.18");
	assert_false(sc->swap);

	assert_int_equal(sc->nr_phases, 1);
	assert_int_equal(sc->phases[0].net_order, 1);
	assert_int_equal(sc->phases[0].net_gfp, 0x20);
	assert_true(sc->phases[0].net_rate * sc->phases[0].burst_len >= 100);
	assert_true(sc->phases[0].stream_rate > 0);

	/* the free lists as the buddy lines printed them */
	assert_true(sc->has_free_lists);
	assert_int_equal(sc->free_lists[0][0], 5);
	assert_int_equal(sc->free_lists[0][10], 2);
	assert_int_equal(sc->free_lists[1][0], 28893);
	assert_int_equal(sc->free_lists[2][0], 45755);
	assert_int_equal(sc->free_lists[2][8], 1);
	pf_scenario_free(sc);
}

/* The report's zone of a scenario zone: same name, same order of nodes. */
static const struct pf_zone *report_zone(const char *name, int node)
{
	/* the report's node 1 is the simulator's node 1: both have memory */
	for (int i = 0; i < rep->nr_zones; i++)
		if (!strcmp(rep->zones[i].name, name) &&
		    rep->zones[i].node == node)
			return &rep->zones[i];
	return NULL;
}

static void test_initial_state(void **state)
{
	struct pf_scenario *sc = build();
	struct sim *s = calloc(1, sizeof(*s));
	struct pf_sim_result res;
	unsigned long sum[SIM_MAX_ORDER] = { 0 };
	char msg[256];

	(void)state;
	assert_non_null(s);
	/* a machine by hand, shaped as the run's would be */
	s->sc = sc;
	s->rng = 12345;
	for (int i = 0; i < sc->nr_zones; i++) {
		assert_int_equal(
			sim_zone_init(&s->zones[i], sc->zones[i].name,
				      sc->zones[i].node,
				      (unsigned long)(sc->zones[i].bytes >> 12),
				      false),
			0);
		s->nr_zones++;
	}
	assert_int_equal(sim_shape_free_lists(s), 0);
	for (int i = 0; i < s->nr_zones; i++) {
		const struct sim_zone *z = &s->zones[i];
		const struct pf_zone *rz =
			report_zone(z->zone.name, z->zone.node);
		unsigned long pages = 0;

		assert_non_null(rz);
		assert_int_equal(sim_zone_check(z, msg, sizeof(msg)), 0);
		for (int o = 0; o < SIM_MAX_ORDER; o++) {
			assert_int_equal(z->zone.nr_free[o], rz->nr_free[o]);
			pages += rz->nr_free[o] << o;
			sum[o] += rz->nr_free[o];
		}
		assert_int_equal(z->zone.free, pages);
		/* the rest is page cache, all of it on the LRU */
		assert_int_equal(z->lru_file.nr + z->zone.free, z->nr_pages);
	}
	for (int i = 0; i < s->nr_zones; i++)
		sim_zone_release(&s->zones[i]);
	free(s);

	/* the same through pf_simulate() with no phase to run */
	sc->nr_phases = 0;
	assert_int_equal(pf_simulate(sc, NULL, &res), 0);
	assert_int_equal(res.min_free_kbytes, 14004);
	for (int o = 0; o < SIM_MAX_ORDER; o++)
		assert_int_equal(res.free_blocks[o], sum[o]);
	assert_int_equal(res.allocations, 0);
	pf_scenario_free(sc);
}

static void test_replay(void **state)
{
	struct pf_scenario *sc = build();
	struct pf_sim_result res;
	struct pf_era era;

	(void)state;
	/* the report's era: no grouping by mobility, no compaction */
	sim_era_of(pf_scenario_kernel(sc), sc->mobility, &era);
	assert_false(era.mobility);
	assert_false(era.compaction);

	assert_int_equal(pf_simulate(sc, NULL, &res), 0);
	assert_int_equal(res.check_err, 0);
	assert_true(res.failures_by_order[1] > 0);
	assert_int_equal(res.failures, res.failures_by_order[1]);
	assert_true(res.first_failure >= 0 && res.first_failure < 1.0);
	pf_scenario_free(sc);
}

static void test_no_zones(void **state)
{
	struct pf_report *r = calloc(1, sizeof(*r));
	struct pf_scenario *sc = (struct pf_scenario *)r;
	char err[256];

	(void)state;
	assert_non_null(r);
	pf_report_init(r);
	r->order = 1;
	assert_int_equal(pf_scenario_from_report(&sc, r, err, sizeof(err)),
			 -EINVAL);
	assert_null(sc);
	assert_non_null(strstr(err, "no zones"));
	assert_null(strchr(err, '\n'));
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_machine),
		cmocka_unit_test(test_initial_state),
		cmocka_unit_test(test_replay),
		cmocka_unit_test(test_no_zones),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
