// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_sim_scenario.c - unit tests of lib/sim/scenario.c and
 * lib/sim/workload.c: every file of data/scenarios/ parses, the values of
 * rhel6-net-burst.scn, the defaults, one diagnostic with the right line
 * for every kind of error, --set, dup; then the workload on a small
 * machine built by hand (fills, checkerboard, rates with their carried
 * fractions, bursts, held buffers, phases), and checkerboard.scn through
 * pf_simulate().
 */
#include "helpers.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <unistd.h>

#include "sim/sim.h"

#define SCN_DIR PF_FIXTURES "/../../data/scenarios"

static struct pf_scenario *parse_ok(const char *text)
{
	struct pf_scenario *sc = NULL;

	PARSE_CLEAN(pf_scenario_parse, sc, "test.scn", text);
	return sc;
}

/* The smallest valid scenario, then extra (which may add sections). */
#define MINI(extra)                                                            \
	"[machine]\n"                                                          \
	"zone = DMA32 64M\n"                                                   \
	"[phase p]\n"                                                          \
	"duration = 1s\n" extra

static bool near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * (fabs(b) > 1 ? fabs(b) : 1);
}

/* ------------------------------------------------------------------ */
/* The files                                                          */
/* ------------------------------------------------------------------ */

static void test_every_file(void **state)
{
	DIR *dir = opendir(SCN_DIR);
	struct dirent *de;
	int files = 0;

	assert_non_null(dir);
	while ((de = readdir(dir)) != NULL) {
		size_t n = strlen(de->d_name);
		struct pf_scenario *sc = NULL;
		struct diag_list d = { 0 };
		char path[4096];

		if (n < 5 || strcmp(de->d_name + n - 4, ".scn"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", SCN_DIR, de->d_name);
		assert_int_equal(pf_scenario_load(&sc, path, list_diag, &d), 0);
		if (d.nr)
			fail_msg("%s: %s", de->d_name, d.msg[0]);
		assert_non_null(sc);
		assert_true(sc->nr_zones > 0);
		assert_true(sc->nr_phases > 0);
		assert_true(pf_kver_known(pf_scenario_kernel(sc)));
		/* the name is the file's */
		assert_int_equal(strncmp(sc->name, de->d_name, n - 4), 0);
		assert_int_equal(strlen(sc->name), n - 4);
		pf_scenario_free(sc);
		files++;
	}
	closedir(dir);
	assert_true(files >= 5);
}

static void test_rhel6_file(void **state)
{
	struct pf_scenario *sc = NULL;
	const struct sim_phase *ph;
	struct diag_list d = { 0 };

	assert_int_equal(pf_scenario_load(&sc, SCN_DIR "/rhel6-net-burst.scn",
					  list_diag, &d),
			 0);
	assert_int_equal(d.nr, 0);
	assert_string_equal(sc->name, "rhel6-net-burst");

	/* 8 GiB on one node */
	assert_int_equal(sc->nr_zones, 3);
	assert_string_equal(sc->zones[0].name, "DMA");
	assert_string_equal(sc->zones[1].name, "DMA32");
	assert_string_equal(sc->zones[2].name, "Normal");
	for (int i = 0; i < 3; i++)
		assert_int_equal(sc->zones[i].node, 0);
	assert_true(sc->zones[0].bytes == 16ULL << 20);
	assert_true(sc->zones[1].bytes == 3ULL << 30);
	assert_true(sc->zones[0].bytes + sc->zones[1].bytes +
			    sc->zones[2].bytes ==
		    8ULL << 30);
	assert_int_equal(sc->cpus, 8);
	assert_false(sc->swap);

	/* rhel6.2: 2.6.32-220.el6 */
	assert_string_equal(sc->kernel.str, "rhel6.2");
	assert_int_equal(sc->kernel.code, PF_KV(2, 6, 32));
	assert_int_equal(sc->kernel.rhel, 6);
	assert_int_equal(sc->kernel.rel[0], 220);
	assert_int_equal(pf_gfp_layout_of(&sc->kernel), PF_GFP_2_6_24);
	assert_true(sc->mobility);
	assert_int_equal(sc->tun.min_free_kbytes, -1);

	assert_true(near(sc->scan_rate, 250000));
	assert_true(near(sc->compact_rate, 100000));
	assert_true(near(sc->tick, 0.001));
	assert_true(sc->seed == 1);

	assert_int_equal(sc->nr_phases, 2);
	ph = &sc->phases[0];
	assert_string_equal(ph->name, "cache");
	assert_true(near(ph->duration, 20));
	assert_true(near(ph->fill, 0.95));
	assert_true(near(ph->stream_rate, 25000));
	assert_true(ph->net_rate == 0);

	ph = &sc->phases[1];
	assert_string_equal(ph->name, "rx-bursts");
	assert_true(near(ph->duration, 120));
	assert_true(ph->fill == 0);
	assert_true(near(ph->stream_rate, 25000));
	assert_true(near(ph->net_rate, 100000));
	assert_int_equal(ph->net_order, 1);
	assert_true(ph->net_gfp == 0); /* GFP_ATOMIC of the era */
	assert_true(near(ph->net_hold, 0.020));
	assert_true(near(ph->burst_len, 0.05));
	assert_true(near(ph->burst_every, 1));
	pf_scenario_free(sc);
}

static void test_defaults(void **state)
{
	struct pf_scenario *sc = parse_ok(MINI(""));
	/* -1: each zone type's default (engine.c) */
	static const long lrr[SIM_MAX_ZONES] = {
		-1, -1, -1, -1, -1, -1, -1, -1
	};
	const struct sim_phase *ph = &sc->phases[0];

	assert_string_equal(sc->name, "test");
	assert_int_equal(sc->nr_zones, 1);
	assert_true(sc->zones[0].bytes == 64ULL << 20);
	assert_int_equal(sc->cpus, 4);
	assert_false(sc->swap);
	assert_true(sc->mobility);
	assert_int_equal(sc->kernel.code, PF_KV(6, 6, 0));
	assert_int_equal(sc->tun.min_free_kbytes, -1);
	assert_int_equal(sc->tun.watermark_scale_factor, 10);
	assert_int_equal(sc->tun.watermark_boost_factor, 15000);
	assert_int_equal(sc->tun.extfrag_threshold, 500);
	assert_int_equal(sc->tun.compaction_proactiveness, -1);
	assert_int_equal(sc->tun.zone_reclaim_mode, -1);
	assert_int_equal(sc->node_distance, 20);
	assert_memory_equal(sc->tun.lowmem_reserve_ratio, lrr, sizeof(lrr));
	/* the kernel's (lib/sim/rates.c) */
	assert_true(near(sc->scan_rate, -1));
	assert_true(near(sc->compact_rate, -1));
	assert_true(near(sc->tick, 0.001));
	assert_true(sc->seed == 1);
	assert_int_equal(sc->nr_phases, 1);
	assert_string_equal(ph->name, "p");
	assert_true(near(ph->duration, 1));
	assert_true(ph->fill == 0 && ph->anon_fill == 0 && !ph->checkerboard);
	assert_true(ph->net_rate == 0 && ph->net_order == 0 && !ph->net_gfp);
	assert_true(ph->burst_len == 0 && ph->burst_every == 0);
	assert_int_equal(ph->drop_caches, 0);
	pf_scenario_free(sc);
}

/* A byte order mark, CR LF line ends and no last newline. */
static void test_line_ends(void **state)
{
	static const char text[] = "\xef\xbb\xbf[machine]\r\n"
				   "zone = DMA32 64M\r\n"
				   "\r\n"
				   "   # an indented comment\r\n"
				   "[phase p]\r\n"
				   "duration = 2s";
	struct pf_scenario *sc = parse_ok(text);

	assert_int_equal(sc->nr_zones, 1);
	assert_true(near(sc->phases[0].duration, 2));
	pf_scenario_free(sc);
}

/* Every key, every value form. */
static void test_values_exact(void **state)
{
	static const char text[] = "[kswapd]\r\n"
				   "scan_rate = 1000\r\n"
				   "compact_rate=2.5/s\n"
				   "tick = 100us\n"
				   "seed = 18446744073709551615\n"
				   "[ machine ]\n"
				   "\tzone = node0 DMA 16M   \n"
				   "zone = dma32 1GiB\n"
				   "zone = NORMAL 1048576B\n"
				   "zone = node1 Normal 2097152\n"
				   "zone = node1 movable 1024K\n"
				   "cpus = 64\n"
				   "swap = yes\n"
				   "[kernel]\n"
				   "version = 2.6.32-220.el6\n"
				   "mobility = off\n"
				   "[tunables]\n"
				   "vm.min_free_kbytes = 65536\n"
				   "vm.watermark_scale_factor = 200\n"
				   "vm.watermark_boost_factor = 0\n"
				   "vm.extfrag_threshold = 1000\n"
				   "vm.compaction_proactiveness = 0\n"
				   "vm.zone_reclaim_mode = 1\n"
				   "vm.lowmem_reserve_ratio = 1 2, 3\n"
				   "[phase one]\n"
				   "duration = 1.5min\n"
				   "fill = 12.5%\n"
				   "anon_fill = 40 %\n"
				   "checkerboard = on\n"
				   "drop_caches = 3\n"
				   "stream = 1/s\n"
				   "anon = 2/s\n"
				   "anon_free = 3/s\n"
				   "slab = 4/s\n"
				   "slab_free = 5/s\n"
				   "kernel = 6/s\n"
				   "net = 7 /s\n"
				   "net_order = 10\n"
				   "net_gfp = 0xA20\n"
				   "net_hold = 0ms\n"
				   "burst = 50ms every 1s\n"
				   "[phase two.2_x-y]\n"
				   "duration = 500ms\n"
				   "burst = 1s every 1s\n"
				   "[phase three]\n"
				   "duration = 100 us\n"
				   "burst = off\n"
				   "net_gfp = GFP_ATOMIC"; /* no last newline */
	struct pf_scenario *sc = parse_ok(text);
	const struct sim_phase *ph = &sc->phases[0];

	assert_true(near(sc->scan_rate, 1000));
	assert_true(near(sc->compact_rate, 2.5));
	assert_true(near(sc->tick, 100e-6));
	assert_true(sc->seed == ~0ULL);

	assert_int_equal(sc->nr_zones, 5);
	assert_string_equal(sc->zones[0].name, "DMA");
	assert_string_equal(sc->zones[1].name, "DMA32");
	assert_string_equal(sc->zones[2].name, "Normal");
	assert_string_equal(sc->zones[3].name, "Normal");
	assert_string_equal(sc->zones[4].name, "Movable");
	assert_int_equal(sc->zones[2].node, 0);
	assert_int_equal(sc->zones[3].node, 1);
	assert_int_equal(sc->zones[4].node, 1);
	assert_true(sc->zones[1].bytes == 1ULL << 30);
	assert_true(sc->zones[2].bytes == 1ULL << 20);
	assert_true(sc->zones[3].bytes == 2ULL << 20);
	assert_true(sc->zones[4].bytes == 1ULL << 20);
	assert_int_equal(sc->cpus, 64);
	assert_true(sc->swap);

	assert_int_equal(sc->kernel.rhel, 6);
	assert_false(sc->mobility);

	assert_int_equal(sc->tun.min_free_kbytes, 65536);
	assert_int_equal(sc->tun.watermark_scale_factor, 200);
	assert_int_equal(sc->tun.watermark_boost_factor, 0);
	assert_int_equal(sc->tun.extfrag_threshold, 1000);
	assert_int_equal(sc->tun.compaction_proactiveness, 0);
	assert_int_equal(sc->tun.zone_reclaim_mode, 1);
	assert_int_equal(sc->tun.lowmem_reserve_ratio[0], 1);
	assert_int_equal(sc->tun.lowmem_reserve_ratio[1], 2);
	assert_int_equal(sc->tun.lowmem_reserve_ratio[2], 3);
	/* kept: the zone type's default */
	assert_int_equal(sc->tun.lowmem_reserve_ratio[3], -1);
	assert_int_equal(sc->tun.lowmem_reserve_ratio[4], -1);

	assert_int_equal(sc->nr_phases, 3);
	assert_string_equal(ph->name, "one");
	assert_true(near(ph->duration, 90));
	assert_true(near(ph->fill, 0.125));
	assert_true(near(ph->anon_fill, 0.4));
	assert_true(ph->checkerboard);
	assert_int_equal(ph->drop_caches, 3);
	assert_true(near(ph->stream_rate, 1));
	assert_true(near(ph->anon_rate, 2));
	assert_true(near(ph->anon_free_rate, 3));
	assert_true(near(ph->slab_rate, 4));
	assert_true(near(ph->slab_free_rate, 5));
	assert_true(near(ph->kernel_rate, 6));
	assert_true(near(ph->net_rate, 7));
	assert_int_equal(ph->net_order, 10);
	assert_true(ph->net_gfp == 0xa20);
	assert_true(ph->net_hold == 0);
	assert_true(near(ph->burst_len, 0.05));
	assert_true(near(ph->burst_every, 1));

	ph = &sc->phases[1];
	assert_string_equal(ph->name, "two.2_x-y");
	assert_true(near(ph->duration, 0.5));
	assert_true(near(ph->burst_len, 1));
	assert_true(near(ph->burst_every, 1));

	ph = &sc->phases[2];
	assert_true(near(ph->duration, 100e-6));
	assert_true(ph->burst_len == 0 && ph->burst_every == 0);
	assert_true(ph->net_gfp == 0);
	pf_scenario_free(sc);
}

/* ------------------------------------------------------------------ */
/* Errors                                                             */
/* ------------------------------------------------------------------ */

/* clang-format off */
static const struct {
	const char *text;
	unsigned long line;
	const char *what; /* a piece of the message */
} errors[] = {
	/* sections */
	{ MINI("[memory]\nsize = 1\n"), 5, "unknown section '[memory]'" },
	{ MINI("[machine\n"), 5, "no closing ']'" },
	{ MINI("[phase]\nduration = 1s\n"), 5, "needs a name" },
	{ MINI("[phase a b]\nduration = 1s\n"), 5, "bad phase name" },
	{ MINI("[phase p]\nduration = 1s\n"), 5, "phase 'p' is given twice" },
	{ MINI("[phase 0123456789012345678901234567890123]\nduration = 1s\n"),
	  5, "longer than 31 bytes" },
	{ MINI("[phase q]\nfill = 10%\n"), 5, "phase 'q' has no duration" },
	{ "[phase q]\nfill = 10%\n[machine]\nzone = DMA 16M\n"
	  "[phase r]\nduration = 2s\n", 1, "phase 'q' has no duration" },
	/* lines */
	{ "zone = DMA 16M\n" MINI(""), 1, "outside a section" },
	{ MINI("just words\n"), 5, "is not 'key = value'" },
	{ MINI("size = 1\n"), 5, "unknown key 'size'" },
	{ MINI("zone = DMA 16M\n"), 5, "unknown key 'zone'" },
	{ MINI("stream =\n"), 5, "'stream' has no value" },
	{ MINI("stream = 1/s\nstream = 2/s\n"), 6, "'stream' is given twice" },
	{ MINI("[machine]\ncpus = 1\n[machine]\ncpus = 2\n"), 8,
	  "'cpus' is given twice" },
	{ MINI("fill = 1%\0\n"), 5, "NUL byte" },
	/* machine */
	{ MINI("[machine]\ncpus = x\n"), 6, "cpus: 'x' is not a whole number" },
	{ MINI("[machine]\ncpus = 0\n"), 6, "cpus: '0'" },
	{ MINI("[machine]\ncpus = 1.5\n"), 6, "cpus: '1.5'" },
	{ MINI("[machine]\ncpus = 99999999999999999999999\n"), 6, "cpus:" },
	{ MINI("[machine]\nswap = maybe\n"), 6, "swap: 'maybe' is not on or off" },
	{ MINI("[machine]\nzone = DMA\n"), 6, "is not '[nodeN] NAME SIZE'" },
	{ MINI("[machine]\nzone = node0 DMA 16M x\n"), 6, "is not '[nodeN] NAME SIZE'" },
	{ MINI("[machine]\nzone = nodeX Normal 16M\n"), 6, "is not '[nodeN] NAME SIZE'" },
	{ MINI("[machine]\nzone = Highmem2 16M\n"), 6, "unknown zone 'Highmem2'" },
	{ MINI("[machine]\nzone = Normal 16Q\n"), 6, "'16Q' is not a size" },
	{ MINI("[machine]\nzone = Normal 99999999999T\n"), 6, "is not a size" },
	{ MINI("[machine]\nzone = Normal 1000000\n"), 6, "4 KiB pages" },
	{ MINI("[machine]\nzone = Normal 512K\n"), 6, "out of range" },
	{ MINI("[machine]\nzone = Normal 8T\n"), 6, "out of range" },
	{ MINI("[machine]\nzone = node4 Normal 16M\n"), 6, "node 4" },
	{ MINI("[machine]\nzone = node2 Normal 16M\n"), 6, "node 2 after node 0" },
	{ MINI("[machine]\nzone = DMA 16M\n"), 6, "DMA after DMA32" },
	{ MINI("[machine]\nzone = DMA32 16M\n"), 6, "DMA32 after DMA32" },
	{ "[machine]\nzone = node1 DMA 16M\nzone = DMA 16M\n"
	  "[phase p]\nduration = 1s\n", 2,
	  "the first zone is on node 1" },
	{ "[machine]\nzone = DMA 1M\nzone = node1 DMA 1M\nzone = node2 DMA 1M\n"
	  "zone = node3 DMA 1M\nzone = node3 DMA32 1M\nzone = node3 Normal 1M\n"
	  "zone = node3 HighMem 1M\nzone = node3 Movable 1M\n"
	  "zone = node3 Movable 1M\n[phase p]\nduration = 1s\n", 10,
	  "more than 8 zones" },
	/* kernel */
	{ MINI("[kernel]\nversion = linux\n"), 6, "'linux' is not a kernel release" },
	{ MINI("[kernel]\nversion = 1.2.13\n"), 6, "older than 2.6.18" },
	{ MINI("[kernel]\nmobility = 2\n"), 6, "mobility: '2' is not on or off" },
	/* tunables */
	{ MINI("[tunables]\nvm.swappiness = 60\n"), 6, "unknown key 'vm.swappiness'" },
	{ MINI("[tunables]\nvm.min_free_kbytes = -1\n"), 6, "vm.min_free_kbytes: '-1'" },
	{ MINI("[tunables]\nvm.watermark_scale_factor = 0\n"), 6,
	  "from 1 to 3000" },
	{ MINI("[tunables]\nvm.extfrag_threshold = 1001\n"), 6, "from 0 to 1000" },
	{ MINI("[tunables]\nvm.compaction_proactiveness = 101\n"), 6,
	  "from 0 to 100" },
	{ MINI("[tunables]\nvm.zone_reclaim_mode = 8\n"), 6, "from 0 to 7" },
	{ MINI("[tunables]\nvm.lowmem_reserve_ratio = 1 2 3 4 5 6 7 8 9\n"), 6,
	  "more than 8 values" },
	{ MINI("[tunables]\nvm.lowmem_reserve_ratio = 256 x 32\n"), 6, "'x'" },
	/* kswapd */
	{ MINI("[kswapd]\nscan_rate = fast\n"), 6, "scan_rate: 'fast' is not a rate" },
	{ MINI("[kswapd]\nscan_rate = -5/s\n"), 6, "is not a rate" },
	{ MINI("[kswapd]\nscan_rate = 5/min\n"), 6, "is not a rate" },
	{ MINI("[kswapd]\ncompact_rate = 1e6\n"), 6, "is not a rate" },
	{ MINI("[kswapd]\ntick = 2s\n"), 6, "out of range" },
	{ MINI("[kswapd]\ntick = 0ms\n"), 6, "must be more than 0" },
	{ MINI("[kswapd]\ntick = 1\n"), 6, "is not a duration" },
	{ MINI("[kswapd]\nseed = 0\n"), 6, "seed: '0'" },
	{ MINI("[kswapd]\nseed = 18446744073709551616\n"), 6, "seed:" },
	/* phases */
	{ MINI("duration = 2s\n"), 5, "'duration' is given twice" },
	{ MINI("[phase q]\nduration = 0s\n"), 6, "must be more than 0" },
	{ MINI("[phase q]\nduration = 10\n"), 6, "is not a duration" },
	{ MINI("[phase q]\nduration = 10 hours\n"), 6, "is not a duration" },
	{ MINI("[phase q]\nduration = 1000000min\n"), 6, "is not a duration" },
	{ MINI("fill = 120%\n"), 5, "fill: '120%' is not a share" },
	{ MINI("fill = 90\n"), 5, "is not a share" },
	{ MINI("anon_fill = .5%\n"), 5, "is not a share" },
	{ MINI("checkerboard = 1\n"), 5, "is not on or off" },
	{ MINI("drop_caches = 4\n"), 5, "from 1 to 3" },
	{ MINI("stream = 1..2/s\n"), 5, "is not a rate" },
	{ MINI("net_order = 11\n"), 5, "from 0 to 10" },
	{ MINI("net_gfp = GFP_KERNEL\n"), 5, "is not GFP_ATOMIC or a mask" },
	{ MINI("net_gfp = 0x0\n"), 5, "is not GFP_ATOMIC or a mask" },
	{ MINI("net_gfp = 0xfg\n"), 5, "is not GFP_ATOMIC or a mask" },
	{ MINI("net_gfp = 0x12345678901234567\n"), 5, "is not GFP_ATOMIC" },
	{ MINI("net_hold = -1ms\n"), 5, "is not a duration" },
	{ MINI("burst = 50ms\n"), 5, "is not 'LENGTH every PERIOD'" },
	{ MINI("burst = 50ms each 1s\n"), 5, "is not 'LENGTH every PERIOD'" },
	{ MINI("burst = 50ms every 1s x\n"), 5, "is not 'LENGTH every PERIOD'" },
	{ MINI("burst = 2s every 1s\n"), 5, "needs 0 < LENGTH <= PERIOD" },
	{ MINI("burst = 0s every 1s\n"), 5, "needs 0 < LENGTH <= PERIOD" },
	/* the whole */
	{ "[phase p]\nduration = 1s\n", 2, "no zone" },
	{ "[machine]\nzone = DMA 16M\n", 2, "no phase" },
	{ "[machine]\nzone = DMA 16M\n# the end\n\n", 4, "no phase" },
};
/* clang-format on */

static void test_errors(void **state)
{
	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		struct pf_scenario *sc = (struct pf_scenario *)&sc;
		struct diag_list d = { 0 };
		char want[32];
		/* a NUL inside: the length is the literal's, up to "\n\0" */
		size_t len = strlen(errors[i].text);

		if (strstr(errors[i].what, "NUL"))
			len += 2;
		if (pf_scenario_parse(&sc, "e.scn", errors[i].text, len,
				      list_diag, &d) != -EINVAL)
			fail_msg("case %zu (%s) parsed", i, errors[i].what);
		assert_null(sc);
		if (d.nr != 1)
			fail_msg("case %zu (%s): %d diags, first '%s'", i,
				 errors[i].what, d.nr, d.nr ? d.msg[0] : "");
		if (d.line[0] != errors[i].line)
			fail_msg("case %zu: line %lu, want %lu: %s", i,
				 d.line[0], errors[i].line, d.msg[0]);
		snprintf(want, sizeof(want), "line %lu: ", errors[i].line);
		if (strncmp(d.msg[0], want, strlen(want)) ||
		    !strstr(d.msg[0], errors[i].what))
			fail_msg("case %zu: '%s' lacks '%s'", i, d.msg[0],
				 errors[i].what);
	}
}

/* Every error is reported, each once, and the parse still fails. */
static void test_errors_all_reported(void **state)
{
	static const char text[] = "[machine]\n"
				   "zone = DMA32 64M\n"
				   "cpus = many\n"	 /* 3 */
				   "[bogus]\n"		 /* 4 */
				   "anything = at all\n" /* skipped */
				   "[phase p]\n"
				   "duration = 1s\n"
				   "fill = 200%\n" /* 8 */
				   "[phase q]\n";  /* 9: no duration */
	struct pf_scenario *sc = NULL;
	struct diag_list d = { 0 };

	assert_int_equal(pf_scenario_parse(&sc, "e.scn", text, strlen(text),
					   list_diag, &d),
			 -EINVAL);
	assert_null(sc);
	assert_int_equal(d.nr, 4);
	assert_int_equal(d.line[0], 3);
	assert_int_equal(d.line[1], 4);
	assert_int_equal(d.line[2], 8);
	assert_int_equal(d.line[3], 9);

	/* without a diag callback, the same verdict */
	assert_int_equal(
		pf_scenario_parse(&sc, "e.scn", text, strlen(text), NULL, NULL),
		-EINVAL);
}

static void test_too_many_phases(void **state)
{
	char text[4096] = "[machine]\nzone = DMA32 64M\n";
	struct pf_scenario *sc = NULL;
	struct diag_list d = { 0 };

	for (int i = 0; i <= SIM_MAX_PHASES; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 "[phase p%d]\nduration = 1s\n", i);
	assert_int_equal(pf_scenario_parse(&sc, "e.scn", text, strlen(text),
					   list_diag, &d),
			 -EINVAL);
	assert_int_equal(d.nr, 1);
	assert_int_equal(d.line[0], 3 + 2 * SIM_MAX_PHASES);
	assert_non_null(strstr(d.msg[0], "more than 16 phases"));

	/* exactly 16 is fine */
	*strstr(text, "[phase p16]") = '\0';
	sc = parse_ok(text);
	assert_int_equal(sc->nr_phases, SIM_MAX_PHASES);
	pf_scenario_free(sc);
}

static void test_bad_input(void **state)
{
	struct pf_scenario *sc = NULL;
	struct diag_list d = { 0 };
	char junk[4096], *line;
	uint64_t x = 88172645463325252ULL;

	assert_int_equal(pf_scenario_parse(NULL, "x", "", 0, NULL, NULL),
			 -EINVAL);
	assert_int_equal(pf_scenario_parse(&sc, "x", NULL, 5, NULL, NULL),
			 -EINVAL);
	/* nothing at all: no zone, no phase */
	assert_int_equal(pf_scenario_parse(&sc, NULL, NULL, 0, list_diag, &d),
			 -EINVAL);
	assert_int_equal(d.nr, 2);
	assert_int_equal(d.line[0], 1);

	/* random bytes, then a very long line: errors, no crash */
	for (size_t i = 0; i < sizeof(junk); i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		junk[i] = (char)x;
	}
	assert_int_equal(
		pf_scenario_parse(&sc, "junk", junk, sizeof(junk), NULL, NULL),
		-EINVAL);
	line = malloc(1 << 20);
	assert_non_null(line);
	memcpy(line, "[machine]\nzone = ", 17);
	memset(line + 17, '9', (1 << 20) - 17);
	memset(&d, 0, sizeof(d));
	assert_int_equal(
		pf_scenario_parse(&sc, "long", line, 1 << 20, list_diag, &d),
		-EINVAL);
	assert_true(d.nr >= 1 && strlen(d.msg[0]) < 256);
	free(line);

	assert_int_equal(
		pf_scenario_load(&sc, SCN_DIR "/no-such.scn", NULL, NULL),
		-ENOENT);
	assert_null(sc);
	assert_int_equal(pf_scenario_load(&sc, NULL, NULL, NULL), -EINVAL);
	assert_null(pf_scenario_kernel(NULL));
	assert_null(pf_scenario_dup(NULL));
	pf_scenario_free(NULL);
}

/*
 * A scenario path that is a FIFO nobody writes, or /dev/zero: refused at
 * once.  Before, the FIFO's open() blocked for ever: alarm() makes the
 * test fail instead of hanging.
 */
static void test_load_not_regular(void **state)
{
	const char *t = getenv("TMPDIR");
	char dir[256], fifo[300];
	struct pf_scenario *sc = (void *)1;

	snprintf(dir, sizeof(dir), "%s/pf-scn-XXXXXX", t && *t ? t : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(fifo, sizeof(fifo), "%s/fifo.scn", dir);
	assert_int_equal(mkfifo(fifo, 0644), 0);
	alarm(10);
	assert_int_equal(pf_scenario_load(&sc, fifo, NULL, NULL), -PF_ENOTREG);
	assert_null(sc);
	assert_int_equal(pf_scenario_load(&sc, "/dev/zero", NULL, NULL),
			 -PF_ENOTREG);
	alarm(0);
	unlink(fifo);
	rmdir(dir);
}

/*
 * The memory a run will take, known before it starts (pf_sim_memory()):
 * 12 bytes a page the run may write (four largest blocks a zone, what the
 * fills take, what the phases allocate), 8 more a page with a fill phase,
 * the held buffers bounded by the pages, the samples when they are kept;
 * the address space, 12 bytes every page.  Worked out, not allocated: the
 * 4 TiB machine that took 6.5 GB unannounced costs nothing here.
 */
static void dummy_sample(const struct pf_sim_sample *smp, void *data)
{
}

static void test_memory_estimate(void **state)
{
	struct pf_sim_opts samples = { .sample = dummy_sample,
				       .sample_every = 0.1 };
	struct pf_scenario *sc = parse_ok(MINI(""));
	unsigned long long pages = 64 << 8, base = pf_sim_memory(sc, NULL), m;

	assert_true(base >= 4096 * sizeof(struct sim_page));
	assert_true(base < 1 << 20);
	assert_int_equal(pf_sim_address_space(sc, NULL) - base,
			 (pages - 4096) * sizeof(struct sim_page));
	/* samples are counted only when they are taken */
	assert_int_equal(pf_sim_memory(sc, &samples) - base,
			 1024 * sizeof(struct pf_sim_sample) * 3 / 2);
	assert_int_equal(pf_sim_memory(NULL, NULL), 0);
	pf_scenario_free(sc);

	/*
	 * a fill writes its share of the pages, and lists every free page: 8
	 * bytes each, at most, which passes (as does the old held ring while
	 * it is copied: 1024 of 24 bytes)
	 */
	sc = parse_ok(MINI("fill = 50%\n"));
	assert_int_equal(pf_sim_memory(sc, NULL) - base,
			 pages / 2 * sizeof(struct sim_page) + pages * 8 -
				 1024 * sizeof(struct sim_held) / 2);
	pf_scenario_free(sc);
	/* allocations at a rate: what they take in the time they run */
	sc = parse_ok(MINI("net = 1000/s\nnet_order = 2\n"));
	assert_int_equal(pf_sim_memory(sc, NULL) - base,
			 4000 * sizeof(struct sim_page));
	pf_scenario_free(sc);

	/* held network buffers: never more than there are pages, which the
	 * allocations write all of */
	sc = parse_ok(MINI("net = 1000000000/s\nnet_hold = 100s\n"));
	m = pf_sim_memory(sc, NULL);
	assert_int_equal(m - base,
			 (pages - 1024) * sizeof(struct sim_held) * 3 / 2 +
				 (pages - 4096) * sizeof(struct sim_page));
	pf_scenario_free(sc);

	/* issue 9's zone = Normal 4T with a 90% fill: some 19 GiB */
	sc = parse_ok("[machine]\nzone = Normal 4T\n"
		      "[phase p]\nduration = 1s\nfill = 90%\n");
	m = pf_sim_memory(sc, NULL);
	assert_true(m >= (1ULL << 30) * 18 && m < (1ULL << 30) * 19);
	pf_scenario_free(sc);

	/* what grows with time: 11 days of samples at 10 a second */
	sc = parse_ok("[machine]\nzone = DMA32 64M\n"
		      "[phase p]\nduration = 1000000s\n");
	m = pf_sim_memory(sc, &samples);
	assert_true(m - pf_sim_memory(sc, NULL) >=
		    10000000ULL * sizeof(struct pf_sim_sample));
	pf_scenario_free(sc);
}

/* ------------------------------------------------------------------ */
/* --set and dup                                                      */
/* ------------------------------------------------------------------ */

static void test_set(void **state)
{
	struct pf_scenario *sc = parse_ok(MINI(""));
	struct pf_scenario before;

	assert_int_equal(pf_scenario_set(sc, "vm.min_free_kbytes", "65536"), 0);
	assert_int_equal(sc->tun.min_free_kbytes, 65536);
	assert_int_equal(pf_scenario_set(sc, "vm.min_free_kbytes", " default "),
			 0);
	assert_int_equal(sc->tun.min_free_kbytes, -1);
	assert_int_equal(
		pf_scenario_set(sc, "vm.watermark_scale_factor", "150"), 0);
	assert_int_equal(sc->tun.watermark_scale_factor, 150);
	assert_int_equal(
		pf_scenario_set(sc, "vm.watermark_scale_factor", "default"), 0);
	assert_int_equal(sc->tun.watermark_scale_factor, 10);
	assert_int_equal(pf_scenario_set(sc, "vm.watermark_boost_factor", "0"),
			 0);
	assert_int_equal(sc->tun.watermark_boost_factor, 0);
	assert_int_equal(pf_scenario_set(sc, "vm.extfrag_threshold", "0"), 0);
	assert_int_equal(sc->tun.extfrag_threshold, 0);
	assert_int_equal(
		pf_scenario_set(sc, "vm.compaction_proactiveness", "100"), 0);
	assert_int_equal(sc->tun.compaction_proactiveness, 100);
	assert_int_equal(pf_scenario_set(sc, "vm.zone_reclaim_mode", "1"), 0);
	assert_int_equal(sc->tun.zone_reclaim_mode, 1);
	assert_int_equal(
		pf_scenario_set(sc, "vm.lowmem_reserve_ratio", "128 64 16"), 0);
	assert_int_equal(sc->tun.lowmem_reserve_ratio[0], 128);
	assert_int_equal(sc->tun.lowmem_reserve_ratio[2], 16);
	assert_int_equal(sc->tun.lowmem_reserve_ratio[3], -1);
	assert_int_equal(
		pf_scenario_set(sc, "vm.lowmem_reserve_ratio", "default"), 0);
	assert_int_equal(sc->tun.lowmem_reserve_ratio[0], -1);

	assert_int_equal(pf_scenario_set(sc, "kernel", "4.19"), 0);
	assert_int_equal(pf_scenario_kernel(sc)->code, PF_KV(4, 19, 0));
	assert_int_equal(pf_scenario_set(sc, "kernel", "rhel6.4"), 0);
	assert_int_equal(pf_scenario_kernel(sc)->rel[0], 358);
	assert_string_equal(pf_scenario_kernel(sc)->str, "rhel6.4");
	assert_int_equal(pf_scenario_set(sc, "mobility", "off"), 0);
	assert_false(sc->mobility);
	assert_int_equal(pf_scenario_set(sc, "mobility", "on"), 0);
	assert_true(sc->mobility);
	assert_int_equal(pf_scenario_set(sc, "swap", "on"), 0);
	assert_true(sc->swap);
	assert_int_equal(pf_scenario_set(sc, "scan_rate", "12345/s"), 0);
	assert_true(near(sc->scan_rate, 12345));
	assert_int_equal(pf_scenario_set(sc, "compact_rate", "0"), 0);
	assert_true(sc->compact_rate == 0);
	assert_int_equal(pf_scenario_set(sc, "seed", "7"), 0);
	assert_true(sc->seed == 7);

	/* refused: unknown names (-ENOENT), bad values; nothing changes */
	memcpy(&before, sc, sizeof(before));
	assert_int_equal(pf_scenario_set(sc, "vm.swappiness", "60"), -ENOENT);
	assert_int_equal(pf_scenario_set(sc, "vm.", "1"), -ENOENT);
	assert_int_equal(pf_scenario_set(sc, "version", "4.19"), -ENOENT);
	assert_int_equal(pf_scenario_set(sc, "tick", "1ms"), -ENOENT);
	assert_int_equal(pf_scenario_set(sc, "stream", "1/s"), -ENOENT);
	assert_int_equal(pf_scenario_set(sc, "zone", "DMA 16M"), -ENOENT);
	assert_int_equal(pf_scenario_set(sc, "cpus", "2"), -ENOENT);
	assert_int_equal(pf_scenario_set(sc, "kernel", "linux"), -EINVAL);
	assert_int_equal(pf_scenario_set(sc, "kernel", ""), -EINVAL);
	assert_int_equal(pf_scenario_set(sc, "mobility", "perhaps"), -EINVAL);
	assert_int_equal(pf_scenario_set(sc, "seed", "0"), -EINVAL);
	assert_int_equal(pf_scenario_set(sc, "scan_rate", "-1"), -EINVAL);
	assert_int_equal(pf_scenario_set(sc, "vm.min_free_kbytes", "lots"),
			 -EINVAL);
	assert_int_equal(pf_scenario_set(sc, "vm.lowmem_reserve_ratio", "1 x"),
			 -EINVAL);
	assert_int_equal(pf_scenario_set(NULL, "seed", "1"), -EINVAL);
	assert_int_equal(pf_scenario_set(sc, NULL, "1"), -EINVAL);
	assert_int_equal(pf_scenario_set(sc, "seed", NULL), -EINVAL);
	assert_memory_equal(&before, sc, sizeof(before));
	pf_scenario_free(sc);
}

/*
 * pf_scenario_set_sysctl(): a number, within the bounds the parser takes
 * for the same key, and the same refusals as the text
 */
static void test_set_sysctl(void **state)
{
	static const struct {
		const char *name;
		long value;
	} sets[] = {
		{ "vm.min_free_kbytes", 65536 },
		{ "vm.watermark_scale_factor", 3000 },
		{ "vm.watermark_boost_factor", 0 },
		{ "vm.extfrag_threshold", 1000 },
		{ "vm.compaction_proactiveness", 0 },
		{ "vm.zone_reclaim_mode", 7 },
	};
	struct pf_scenario *sc = parse_ok(MINI(""));
	struct pf_scenario *text = parse_ok(MINI(""));
	struct pf_scenario before;
	char v[32];

	/* the number sets what the same number as text sets */
	for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		assert_int_equal(
			pf_scenario_set_sysctl(sc, sets[i].name, sets[i].value),
			0);
		snprintf(v, sizeof(v), "%ld", sets[i].value);
		assert_int_equal(pf_scenario_set(text, sets[i].name, v), 0);
		assert_memory_equal(sc, text, sizeof(*sc));
	}
	assert_int_equal(sc->tun.min_free_kbytes, 65536);
	assert_int_equal(sc->tun.zone_reclaim_mode, 7);
	pf_scenario_free(text);

	/* refused, and nothing changes */
	memcpy(&before, sc, sizeof(before));
	assert_int_equal(pf_scenario_set_sysctl(sc, "vm.min_free_kbytes", -1),
			 -ERANGE);
	assert_int_equal(
		pf_scenario_set_sysctl(sc, "vm.min_free_kbytes", 1000000001),
		-ERANGE);
	assert_int_equal(
		pf_scenario_set_sysctl(sc, "vm.watermark_scale_factor", 0),
		-ERANGE);
	assert_int_equal(
		pf_scenario_set_sysctl(sc, "vm.watermark_scale_factor", 3001),
		-ERANGE);
	assert_int_equal(pf_scenario_set_sysctl(sc, "vm.zone_reclaim_mode", 8),
			 -ERANGE);
	assert_int_equal(
		pf_scenario_set_sysctl(sc, "vm.lowmem_reserve_ratio", 32),
		-ENOENT);
	assert_int_equal(pf_scenario_set_sysctl(sc, "vm.swappiness", 60),
			 -ENOENT);
	assert_int_equal(pf_scenario_set_sysctl(sc, "min_free_kbytes", 1024),
			 -ENOENT);
	assert_int_equal(pf_scenario_set_sysctl(sc, "seed", 7), -ENOENT);
	assert_int_equal(pf_scenario_set_sysctl(NULL, "vm.min_free_kbytes", 1),
			 -EINVAL);
	assert_int_equal(pf_scenario_set_sysctl(sc, NULL, 1), -EINVAL);
	assert_memory_equal(&before, sc, sizeof(before));

	/* the text takes what the number takes, at the same bounds */
	assert_int_equal(
		pf_scenario_set(sc, "vm.watermark_scale_factor", "3001"),
		-EINVAL);
	assert_int_equal(
		pf_scenario_set(sc, "vm.min_free_kbytes", "1000000000"), 0);
	assert_int_equal(
		pf_scenario_set_sysctl(sc, "vm.min_free_kbytes", 1000000000),
		0);
	pf_scenario_free(sc);
}

static void test_dup(void **state)
{
	struct pf_scenario *sc = NULL, *d;

	assert_int_equal(
		pf_scenario_load(&sc, SCN_DIR "/kvm-host-6.x.scn", NULL, NULL),
		0);
	d = pf_scenario_dup(sc);
	assert_non_null(d);
	assert_ptr_not_equal(d, sc);
	assert_memory_equal(d, sc, sizeof(*sc));
	assert_int_equal(pf_scenario_set(d, "kernel", "rhel7"), 0);
	assert_int_equal(pf_scenario_kernel(sc)->code, PF_KV(6, 6, 0));
	assert_int_equal(pf_scenario_kernel(d)->rhel, 7);
	assert_int_equal(d->nr_zones, 4);
	assert_int_equal(d->zones[3].node, 1);
	pf_scenario_free(d);
	pf_scenario_free(sc);
}

/* ------------------------------------------------------------------ */
/* The workload on a machine built by hand                            */
/* ------------------------------------------------------------------ */

/*
 * The machine of a scenario text (parsed clean), its zones with fixed
 * watermarks, as engine.c would set them up; sim_del() frees both.
 */
static struct sim *sim_new(const char *text)
{
	struct pf_scenario *sc = parse_ok(text);
	struct sim *s = calloc(1, sizeof(*s));

	assert_non_null(s);
	s->sc = sc;
	s->tun = sc->tun;
	sim_era_of(&sc->kernel, sc->mobility, &s->era);
	s->rng = sc->seed * 0x9e3779b97f4a7c15ULL + 1;
	for (int i = 0; i < sc->nr_zones; i++) {
		struct sim_zone *z = &s->zones[i];

		assert_int_equal(
			sim_zone_init(z, sc->zones[i].name, sc->zones[i].node,
				      (unsigned long)(sc->zones[i].bytes >> 12),
				      s->era.mobility),
			0);
		z->zone.min = 64;
		z->zone.low = 80;
		z->zone.high = 96;
		s->zone_enum[i] = i;
		s->nr_zones++;
		if (z->zone.node + 1 > s->nr_nodes)
			s->nr_nodes = z->zone.node + 1;
	}
	return s;
}

/* Every zone consistent (sim_zone_check()), else a failure saying how */
static void check_zones(const struct sim *s)
{
	char msg[256];

	for (int i = 0; i < s->nr_zones; i++)
		if (sim_zone_check(&s->zones[i], msg, sizeof(msg)))
			fail_msg("%s", msg);
}

/* The zones checked a last time, then the machine and its scenario freed */
static void sim_del(struct sim *s)
{
	check_zones(s);
	for (int i = 0; i < s->nr_zones; i++)
		sim_zone_release(&s->zones[i]);
	free(s->held);
	free(s->failures);
	pf_scenario_free((struct pf_scenario *)s->sc); /* sim_new()'s */
	free(s);
}

static unsigned long count_owner(const struct sim *s, int owner)
{
	unsigned long n = 0;

	for (int i = 0; i < s->nr_zones; i++)
		for (unsigned long p = 0; p < s->zones[i].nr_pages; p++)
			n += s->zones[i].pages[p].owner == owner;
	return n;
}

/* The engine's loop: release, run, advance, for seconds. */
static void run(struct sim *s, double seconds, double dt)
{
	for (double t = 0; t < seconds - dt / 2; t += dt) {
		sim_workload_release(s);
		sim_workload_run(s, dt);
		s->t += dt;
	}
}

static void test_workload_fill_checkerboard(void **state)
{
	struct sim *s = sim_new(
		"[machine]\nzone = DMA32 64M\n[kernel]\nversion = 3.10\n"
		"[phase board]\nduration = 10ms\nanon_fill = 50%\n"
		"checkerboard = on\n"
		"[phase cache]\nduration = 10ms\nfill = 40%\n"
		"[phase drop]\nduration = 10ms\ndrop_caches = 1\n");
	struct sim_zone *z = &s->zones[0];
	unsigned long anon, odd = 0;

	sim_workload_run(s, 0.001);
	anon = count_owner(s, SIM_ANON);
	/* about half of 8192 pages kept, each of odd pfn */
	assert_true(anon >= 4000 && anon <= 4192);
	assert_int_equal(z->lru_anon.nr, anon);
	for (unsigned long p = 0; p < z->nr_pages; p++) {
		if (z->pages[p].owner != SIM_ANON)
			continue;
		odd += p & 1;
		/* its buddy was freed and stays a free page of order 0 */
		assert_int_equal(z->pages[p ^ 1].owner, SIM_FREE);
		assert_true(z->pages[p ^ 1].flags & SIM_PG_HEAD);
		assert_int_equal(z->pages[p ^ 1].order, 0);
	}
	assert_int_equal(odd, anon);
	assert_true(z->zone.nr_free[0] >= anon);
	check_zones(s);

	/* the page cache fill: 40% of RAM, one page in ten or so dirty */
	run(s, 0.011, 0.001);
	assert_int_equal(s->phase, 1);
	assert_int_equal(z->lru_file.nr, (unsigned long)(0.4 * 16384));
	assert_true(count_owner(s, SIM_FILE_DIRTY) > 6553 / 20);
	assert_true(count_owner(s, SIM_FILE_DIRTY) < 6553 / 5);
	check_zones(s);

	/* drop_caches = 1: all of it gone, the anon stays */
	run(s, 0.011, 0.001);
	assert_int_equal(s->phase, 2);
	assert_int_equal(z->lru_file.nr, 0);
	assert_int_equal(
		count_owner(s, SIM_FILE) + count_owner(s, SIM_FILE_DIRTY), 0);
	assert_int_equal(count_owner(s, SIM_ANON), anon);
	check_zones(s);

	/* after the last phase: idle */
	run(s, 0.1, 0.001);
	assert_int_equal(s->phase, 3);
	run(s, 0.1, 0.001);
	assert_int_equal(s->phase, 3);
	assert_int_equal(count_owner(s, SIM_ANON), anon);
	sim_del(s);
}

/* A fill takes no more than what is free above the high watermarks. */
static void test_workload_fill_room(void **state)
{
	struct sim *s = sim_new(
		"[machine]\nzone = DMA32 16M\n"
		"[phase all]\nduration = 1s\nanon_fill = 100%\nfill = 100%\n");

	sim_workload_run(s, 0.001);
	assert_int_equal(s->zones[0].zone.free, 96);
	assert_int_equal(s->st.failures, 0);
	assert_int_equal(count_owner(s, SIM_ANON), 4096 - 96);
	sim_del(s);
}

static void test_workload_rates(void **state)
{
	struct sim *s = sim_new(
		"[machine]\nzone = DMA32 64M\n[kernel]\nversion = 4.19\n"
		"[phase grow]\nduration = 1s\nstream = 1000/s\nanon = 300/s\n"
		"slab = 200.5/s\nkernel = 0.5/s\n"
		"[phase shrink]\nduration = 1s\nanon_free = 100/s\n"
		"slab_free = 50/s\n");
	unsigned long file, anon, slab;

	/* half-tick steps: the fractions carry */
	run(s, 1, 0.0005);
	assert_int_equal(s->phase, 1);
	file = s->zones[0].lru_file.nr;
	anon = count_owner(s, SIM_ANON);
	slab = count_owner(s, SIM_SLAB_RECLAIMABLE);
	/* the last step of a phase may be a hair short of dt */
	assert_true(file >= 999 && file <= 1000);
	assert_true(anon >= 299 && anon <= 300);
	assert_int_equal(s->zones[0].lru_anon.nr, anon);
	assert_true(slab >= 199 && slab <= 201);
	assert_int_equal(count_owner(s, SIM_SLAB), 0); /* 0.5 carried */
	assert_int_equal(s->st.allocations, file + anon + slab);
	check_zones(s);

	run(s, 1, 0.001);
	assert_int_equal(s->phase, 2);
	assert_true(count_owner(s, SIM_ANON) + 100 >= anon &&
		    count_owner(s, SIM_ANON) + 99 <= anon);
	assert_int_equal(s->zones[0].lru_anon.nr, count_owner(s, SIM_ANON));
	assert_true(count_owner(s, SIM_SLAB_RECLAIMABLE) + 50 >= slab &&
		    count_owner(s, SIM_SLAB_RECLAIMABLE) + 49 <= slab);
	assert_int_equal(s->zones[0].lru_file.nr, file);
	sim_del(s);
}

/* Freeing what is not there: nothing happens, one scan at most. */
static void test_workload_free_nothing(void **state)
{
	struct sim *s = sim_new("[machine]\nzone = DMA32 64M\n"
				"[phase p]\nduration = 1s\nanon_free = 1000/s\n"
				"slab_free = 1000/s\n");

	run(s, 1, 0.001);
	assert_true(s->no_slab);
	assert_int_equal(s->st.frees, 0);
	assert_int_equal(s->zones[0].zone.free, s->zones[0].nr_pages);
	sim_del(s);
}

static void test_workload_net(void **state)
{
	struct sim *s = sim_new(
		"[machine]\nzone = DMA32 64M\n[kernel]\nversion = rhel6.2\n"
		"[phase rx]\nduration = 2s\nnet = 1000/s\nnet_order = 1\n"
		"net_hold = 10ms\n"
		"[phase bursts]\nduration = 2s\nnet = 10000/s\nnet_order = 2\n"
		"net_hold = 5ms\nburst = 100ms every 1s\n"
		"[phase quiet]\nduration = 1s\n");
	unsigned long long allocs;

	run(s, 1, 0.001);
	/* 1 a tick held 10 ticks: 10 out, each order 1 */
	assert_int_equal(s->held_nr, 10);
	assert_int_equal(count_owner(s, SIM_NET), 20);
	for (size_t i = 0; i < s->held_nr; i++)
		assert_int_equal(
			s->held[(s->held_head + i) % s->held_cap].order, 1);
	run(s, 1, 0.001);
	assert_int_equal(s->phase, 1);
	assert_true(s->st.allocations >= 1999 && s->st.allocations <= 2000);
	assert_int_equal(s->st.failures, 0);
	allocs = s->st.allocations;

	/* two bursts of 100 ms at 10000/s: 2000 order-2 buffers */
	run(s, 2, 0.001);
	assert_int_equal(s->phase, 2);
	assert_true(s->st.allocations - allocs >= 1999 &&
		    s->st.allocations - allocs <= 2001);
	/* the bursts are over: everything was given back */
	assert_int_equal(s->zones[0].zone.free, s->zones[0].nr_pages);
	assert_int_equal(s->held_nr, 0);
	assert_int_equal(count_owner(s, SIM_NET), 0);
	sim_del(s);
}

/* Two phases of 0.5 s with steps of 0.3 s: each starts and ends right. */
static void test_workload_phases(void **state)
{
	struct sim *s = sim_new("[machine]\nzone = DMA32 64M\n"
				"[phase a]\nduration = 500ms\nstream = 100/s\n"
				"[phase b]\nduration = 500ms\nanon = 100/s\n");

	sim_workload_run(s, 0.3);
	assert_int_equal(s->phase, 0);
	assert_true(near(s->phase_t, 0.3));
	sim_workload_run(s, 0.3);
	assert_int_equal(s->phase, 1);
	assert_true(near(s->phase_t, 0.1));
	assert_int_equal(s->zones[0].lru_file.nr, 50);
	assert_int_equal(s->zones[0].lru_anon.nr, 10);
	sim_workload_run(s, 0.3);
	sim_workload_run(s, 0.3);
	assert_int_equal(s->phase, 2);
	assert_int_equal(s->zones[0].lru_anon.nr, 50);
	sim_workload_run(s, 10);
	assert_int_equal(s->phase, 2);
	assert_int_equal(s->zones[0].lru_anon.nr, 50);
	sim_del(s);
}

/* ------------------------------------------------------------------ */
/* checkerboard.scn through the engine                                */
/* ------------------------------------------------------------------ */

static void test_simulate_checkerboard(void **state)
{
	static const char *const kernels[] = { "3.10", "4.19", "rhel6.2" };
	unsigned long long failed[3], compacted[3];
	struct pf_scenario *sc = NULL;

	assert_int_equal(
		pf_scenario_load(&sc, SCN_DIR "/checkerboard.scn", NULL, NULL),
		0);
	/* short: the board, then a second of demand */
	sc->phases[1].duration = 1;
	for (size_t i = 0; i < sizeof(kernels) / sizeof(kernels[0]); i++) {
		struct pf_sim_result res;

		assert_int_equal(pf_scenario_set(sc, "kernel", kernels[i]), 0);
		assert_int_equal(pf_simulate(sc, NULL, &res), 0);
		assert_int_equal(res.check_err, 0);
		assert_true(near(res.sim_seconds, 2));
		/* the fill, the board, then about 2000 buffers asked for */
		assert_true(res.allocations > 100000);
		assert_int_equal(res.failures_by_order[0], 0);
		print_message("checkerboard %-8s failures %llu (order 2: %llu) "
			      "compacted %llu free pageblocks %llu\n",
			      kernels[i], res.failures,
			      res.failures_by_order[2], res.compacted_pages,
			      res.free_pageblocks);
		failed[i] = res.failures_by_order[2];
		compacted[i] = res.compacted_pages;
	}
	/*
	 * What the scenario is for: kswapd's reclaim makes no order-2 block
	 * (rhel6.2 compacts only for order > 3: about every request
	 * fails); compaction by kswapd (3.10) or kcompactd (4.19) does.
	 */
	assert_true(failed[2] >= 1500);
	assert_true(compacted[2] == 0);
	for (int i = 0; i < 2; i++) {
		assert_true(compacted[i] > 0);
		assert_true(failed[i] * 4 < failed[2]);
	}
	pf_scenario_free(sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_file),
		cmocka_unit_test(test_rhel6_file),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_values_exact),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_errors_all_reported),
		cmocka_unit_test(test_too_many_phases),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_load_not_regular),
		cmocka_unit_test(test_memory_estimate),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_set_sysctl),
		cmocka_unit_test(test_dup),
		cmocka_unit_test(test_workload_fill_checkerboard),
		cmocka_unit_test(test_workload_fill_room),
		cmocka_unit_test(test_workload_rates),
		cmocka_unit_test(test_workload_free_nothing),
		cmocka_unit_test(test_workload_net),
		cmocka_unit_test(test_workload_phases),
		cmocka_unit_test(test_simulate_checkerboard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
