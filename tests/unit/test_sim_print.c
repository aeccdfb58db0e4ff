// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_sim_print.c - unit tests of lib/sim/print.c: a simulated failure,
 * printed as the kernel of its era prints it, must come back out of the
 * library's own scanner as one complete report with the same task, order,
 * gfp mask, kernel release, zones (watermarks, lowmem_reserve, free lists
 * and their migratetype letters where the era prints them) and context,
 * and explain must reach the verdict the simulator recorded.  Every era
 * the simulator knows is printed, for a failure below the min watermark
 * and for one of fragmentation, on one node and on two.
 */
#include "helpers.h"
#include "sim/sim.h"

#define NO_LETTERS    NULL
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* GFP_ATOMIC in each gfp layout (kernel-facts.md 1.3) */
static unsigned long gfp_atomic(const struct pf_kver *kv)
{
	switch (pf_gfp_layout_of(kv)) {
	case PF_GFP_4_4:
		return 0x2080020;
	case PF_GFP_4_10:
		return 0x1080020;
	case PF_GFP_4_18:
		return 0x480020;
	case PF_GFP_5_0:
		return 0xa20;
	case PF_GFP_6_3:
	case PF_GFP_6_15:
		return 0x820;
	default:
		return 0x20;
	}
}

static struct sim *sim_new(const char *kernel, int nr_nodes)
{
	struct sim *s = calloc(1, sizeof(*s));
	struct pf_kver kv;

	assert_non_null(s);
	assert_int_equal(pf_kver_parse(kernel, &kv), 0);
	pf_era_init(&s->era, &kv, PF_GFP_UNKNOWN);
	s->nr_nodes = nr_nodes;
	return s;
}

static bool era_ge(const struct sim *s, int a, int b, int c)
{
	return s->era.kver.code >= PF_KV(a, b, c);
}

/*
 * A zone as sim_zone_view() fills it: counts in pages, lowmem_reserve[]
 * by zone enum index (SIM_MAX_ZONES of them), free lists of every order,
 * letters per order (NULL: none), free the sum of the lists.
 */
static void zone_set(struct pf_zone *z, int node, const char *name,
		     long present, long managed, long min, long low, long high,
		     const long *reserve, const unsigned long *nr_free,
		     const char *const *letters)
{
	unsigned long total = 0;

	pf_zone_init(z);
	z->node = node;
	z->node_printed = true;
	snprintf(z->name, sizeof(z->name), "%s", name);
	z->type = pf_zone_type_of(name);
	z->present = present;
	z->managed = managed;
	z->min = min;
	z->low = low;
	z->high = high;
	z->boost = 0;
	z->reserved_highatomic = 0;
	z->free_cma = 0;
	z->nr_lowmem_reserve = SIM_MAX_ZONES;
	for (int i = 0; i < SIM_MAX_ZONES; i++)
		z->lowmem_reserve[i] = reserve[i];
	z->nr_orders = SIM_MAX_ORDER;
	z->has_mt = letters != NULL;
	for (int o = 0; o < SIM_MAX_ORDER; o++) {
		z->nr_free[o] = nr_free[o];
		total += nr_free[o] << o;
		if (letters && nr_free[o] && letters[o])
			snprintf(z->mt[o], sizeof(z->mt[o]), "%s", letters[o]);
	}
	z->free = (long)total;
	z->buddy_total_kb = (long)total * 4;
}

enum shape { BELOW_MIN, FRAGMENTED };

/*
 * A 8 GiB machine: DMA, DMA32 and Normal on node 0, with a 4 GiB Normal
 * on node 1 when numa.  Below min: every zone is under its watermark (or
 * its lowmem_reserve) for an order-1 GFP_ATOMIC request.  Fragmented: 256
 * MiB free in Normal, but none of it in a block of order 2.
 */
static void failure_set(struct sim_failure *f, const struct sim *s,
			enum shape shape, bool numa, int ctx, const char *task)
{
	static const long dma_res[SIM_MAX_ZONES] = { 0, 3000, 8000 };
	static const long dma32_res[SIM_MAX_ZONES] = { 0, 0, 5000 };
	static const long normal_res[SIM_MAX_ZONES] = { 0 };
	static const unsigned long dma_free[SIM_MAX_ORDER] = { 2, 3, 3, 2, 1, 2,
							       1, 1, 1, 1, 2 };
	static const char *const dma_mt[SIM_MAX_ORDER] = { "U", "U", "UE", "U",
							   "U", "U", "U",  "U",
							   "U", "U", "M" };
	static const unsigned long dma32_low[SIM_MAX_ORDER] = { 1500, 300, 100,
								20, 5 };
	static const unsigned long dma32_frag[SIM_MAX_ORDER] = { 8000, 1000 };
	static const char *const dma32_mt[SIM_MAX_ORDER] = { "UME", "UM", "ME",
							     "M", "M" };
	static const unsigned long normal_low[SIM_MAX_ORDER] = { 2000, 500, 150,
								 50, 25 };
	static const unsigned long normal_frag[SIM_MAX_ORDER] = { 60000, 2000 };
	static const char *const normal_mt_3x[SIM_MAX_ORDER] = { "UEM", "UM",
								 "M", "EM",
								 "M" };
	static const char *const normal_mt_44[SIM_MAX_ORDER] = { "UME", "UM",
								 "MH", "ME",
								 "H" };
	static const unsigned long node1_low[SIM_MAX_ORDER] = { 1000, 200, 50 };
	static const unsigned long node1_frag[SIM_MAX_ORDER] = { 30000 };
	bool letters = era_ge(s, 3, 0, 0) && s->era.kver.rhel != 6;
	bool l44 = era_ge(s, 4, 4, 0);
	const char *const *nmt = !letters ? NO_LETTERS
				 : l44	  ? normal_mt_44
					  : normal_mt_3x;
	bool low = shape == BELOW_MIN;

	memset(f, 0, sizeof(*f));
	f->t = 4242.125;
	f->order = low ? 1 : 2;
	f->gfp = gfp_atomic(&s->era.kver);
	f->ctx = ctx;
	snprintf(f->task, sizeof(f->task), "%s", task);
	zone_set(&f->zones[0], 0, "DMA", 3999, 3976, 33, 41, 49, dma_res,
		 dma_free, letters ? dma_mt : NO_LETTERS);
	zone_set(&f->zones[1], 0, "DMA32", 786159, 770000, 6100, 7625, 9150,
		 dma32_res, low ? dma32_low : dma32_frag,
		 letters ? dma32_mt : NO_LETTERS);
	zone_set(&f->zones[2], 0, "Normal", 1310720, 1290000, 16000, 20000,
		 24000, normal_res, low ? normal_low : normal_frag, nmt);
	f->nr_zones = 3;
	if (numa) {
		zone_set(&f->zones[3], 1, "Normal", 1048576, 1030000, 12000,
			 15000, 18000, normal_res, low ? node1_low : node1_frag,
			 nmt);
		f->nr_zones = 4;
	}
	if (era_ge(s, 5, 15, 0))
		f->zones[2].reserved_highatomic = 1024;
	if (era_ge(s, 5, 16, 0))
		f->zones[2].boost = 1500;
}

/* The min watermark the era's check and show_free_areas() use */
static long printed_min(const struct sim *s, const struct pf_zone *z)
{
	return z->min + (era_ge(s, 5, 0, 0) && z->boost > 0 ? z->boost : 0);
}

/*
 * What the simulator records (alloc.c): the era's watermark check at min
 * on the allowed zone with the most free memory, with the alloc flags of
 * GFP_ATOMIC in interrupt.
 */
static int recorded_cause(const struct sim *s, const struct sim_failure *f)
{
	int layout = pf_gfp_layout_of(&s->era.kver);
	unsigned int flags = pf_alloc_flags(
		f->gfp, layout, s->era.wm_era, f->order,
		f->ctx == PF_CTX_PROCESS ? 0 : PF_CALLER_INTERRUPT);
	int classzone =
		pf_zone_classzone(f->zones, f->nr_zones, PF_ZONE_NORMAL);
	struct pf_wm_check c;
	struct pf_zone z;
	int key = 0;

	for (int i = 1; i < f->nr_zones; i++)
		if (f->zones[i].free > f->zones[key].free)
			key = i;
	z = f->zones[key];
	z.min = printed_min(s, &z);
	pf_zone_watermark_ok(&z, f->order, z.min, classzone, flags,
			     s->era.wm_era, &c);
	return c.passes ? PF_CAUSE_OK : c.cause;
}

static const struct pf_zone *find_zone(const struct pf_report *r, int node,
				       const char *name)
{
	for (int i = 0; i < r->nr_zones; i++)
		if (r->zones[i].node == node && !strcmp(r->zones[i].name, name))
			return &r->zones[i];
	return NULL;
}

/* letters equal as sets: the era prints them in its own enum order */
static void assert_letters(const char *printed, const char *want)
{
	assert_int_equal(strlen(printed), strlen(want));
	for (const char *c = want; *c; c++)
		assert_non_null(strchr(printed, *c));
}

static void check_zone(const struct sim *s, const struct pf_zone *want,
		       const struct pf_zone *got, bool numa)
{
	bool letters = era_ge(s, 3, 0, 0) && s->era.kver.rhel != 6;
	int nr_types = 3; /* DMA, DMA32, Normal */

	assert_non_null(got);
	assert_int_equal(got->page_kb, 4);
	assert_int_equal(got->type, want->type);
	assert_int_equal(got->node_printed, numa);
	assert_int_equal(got->free, want->free);
	assert_int_equal(got->min, printed_min(s, want));
	if (era_ge(s, 5, 0, 0) && want->boost > 0) {
		assert_int_equal(got->low, want->low + want->boost);
		assert_int_equal(got->high, want->high + want->boost);
	} else {
		assert_int_equal(got->low, want->low);
		assert_int_equal(got->high, want->high);
	}
	assert_int_equal(got->boost, era_ge(s, 5, 16, 0) ? want->boost : -1);
	assert_int_equal(got->reserved_highatomic,
			 era_ge(s, 5, 15, 0) ? want->reserved_highatomic : -1);
	assert_int_equal(got->present, want->present);
	assert_int_equal(got->managed,
			 era_ge(s, 3, 10, 0) ? want->managed : -1);
	assert_int_equal(got->free_cma, era_ge(s, 3, 10, 0) ? 0 : -1);
	/* MAX_NR_ZONES columns; past the machine's types they repeat */
	assert_true(got->nr_lowmem_reserve >= nr_types);
	for (int i = 0; i < got->nr_lowmem_reserve; i++)
		assert_int_equal(
			got->lowmem_reserve[i],
			want->lowmem_reserve[i < nr_types ? i : nr_types - 1]);
	assert_int_equal(got->nr_orders, SIM_MAX_ORDER);
	for (int o = 0; o < SIM_MAX_ORDER; o++)
		assert_int_equal(got->nr_free[o], want->nr_free[o]);
	assert_int_equal(got->buddy_total_kb, want->buddy_total_kb);
	assert_int_equal(got->has_mt, letters);
	for (int o = 0; letters && o < SIM_MAX_ORDER; o++)
		assert_letters(got->mt[o], want->mt[o]);
}

/* The idle task of the era, as the report names it */
static const char *era_task(const struct sim *s, const char *task)
{
	if (!era_ge(s, 3, 7, 0) && !strncmp(task, "swapper/", 8))
		return "swapper";
	return task;
}

/* Print f, scan it back, and check the report against f. */
static void round_trip(const struct sim *s, const struct sim_failure *f,
		       bool numa, size_t step)
{
	struct reports rs = { 0 };
	struct pf_explain ex;
	const struct pf_report *r;
	size_t need = sim_print_failure(s, f, NULL, 0);
	char *buf = malloc(need + 1);
	char names[256];

	assert_non_null(buf);
	assert_int_equal(sim_print_failure(s, f, buf, need + 1), need);
	assert_int_equal(strlen(buf), need);
	scan_string(buf, step, &rs);
	if (rs.nr != 1)
		fprintf(stderr, "%s: %zu reports from:\n%s", s->era.kver.str,
			rs.nr, buf);
	assert_int_equal(rs.nr, 1);
	r = &rs.r[0];

	assert_string_equal(r->task, era_task(s, f->task));
	assert_int_equal(r->order, f->order);
	assert_int_equal(r->gfp_mask, f->gfp);
	if (era_ge(s, 4, 6, 0)) {
		pf_gfp_format(f->gfp, pf_gfp_layout_of(&s->era.kver), names,
			      sizeof(names));
		assert_string_equal(r->mode_names, names);
		assert_string_equal(r->mode_names, "GFP_ATOMIC");
	} else {
		assert_string_equal(r->mode_names, "");
	}
	assert_string_equal(r->nodemask, era_ge(s, 4, 12, 0) ? "(null)" : "");
	if (era_ge(s, 4, 12, 0)) {
		assert_string_equal(r->cpuset, "/");
		assert_string_equal(r->mems_allowed, numa ? "0-1" : "0");
	}
	if (era_ge(s, 2, 6, 24)) {
		assert_string_equal(r->comm, era_task(s, f->task));
		/* the release the era stands for, from the task line */
		assert_int_equal(r->kernel_from, PF_KERNEL_REPORT);
		assert_int_equal(pf_kver_cmp(&r->kernel, &s->era.kver), 0);
		assert_int_equal(r->kernel.code, s->era.kver.code);
		assert_int_equal(r->kernel.rhel, s->era.kver.rhel);
		assert_int_equal(r->gfp_layout, pf_gfp_layout_of(&s->era.kver));
		assert_string_equal(r->taint, "Not tainted");
	} else {
		/* RHEL 5's dump_stack() prints no task line */
		assert_int_equal(r->kernel.code, 0);
	}
	if (era_ge(s, 3, 10, 0))
		assert_string_equal(r->hardware, "pagefail simulator");
	assert_true(r->flags & PF_REPORT_HAS_MEMINFO);
	assert_true(r->flags & PF_REPORT_COMPLETE);
	assert_false(r->flags & PF_REPORT_TRUNCATED);
	assert_false(r->flags & PF_REPORT_WRAPPED);
	assert_true(r->mono > 4242.0 && r->mono < 4243.0);
	assert_int_equal(r->context.kind, f->ctx);
	if (f->ctx == PF_CTX_SOFTIRQ) {
		assert_non_null(r->context.softirq);
		assert_string_equal(r->context.softirq, "net_rx");
		assert_string_equal(r->context.subsystem, "network");
	}
	assert_true(r->nr_frames > 5);
	/*
	 * The driver that asked, past the slab and skb layers.  RHEL 5 writes
	 * a module's frames ":e1000:e1000_alloc_rx_buffers+0x94/0x2e1",
	 * which lib/report/trace.c does not read yet: its call site is the frame
	 * after them (net_rx_action, handle_IRQ_event).
	 */
	if ((f->ctx == PF_CTX_SOFTIRQ || f->ctx == PF_CTX_HARDIRQ) &&
	    era_ge(s, 2, 6, 24))
		assert_string_equal(r->context.call_site,
				    "e1000_alloc_rx_buffers");

	assert_int_equal(r->nr_zones, f->nr_zones);
	for (int i = 0; i < f->nr_zones; i++)
		check_zone(s, &f->zones[i],
			   find_zone(r, f->zones[i].node, f->zones[i].name),
			   numa);
	assert_int_equal(pf_report_counter(r, "free"),
			 f->zones[0].free + f->zones[1].free +
				 f->zones[2].free +
				 (numa ? f->zones[3].free : 0));
	assert_true(r->pages_ram > 0);
	/* RHEL 5 printed no page cache total */
	assert_int_equal(r->pagecache_pages > 0, era_ge(s, 2, 6, 24));
	assert_int_equal(r->free_swap_kb, 0);

	assert_int_equal(pf_explain_report(r, NULL, &ex), 0);
	assert_int_equal(ex.era, s->era.wm_era);
	assert_false(ex.disagrees);
	assert_int_equal(ex.cause, f->cause);
	reports_release(&rs);
	free(buf);
}

static const char *const eras[] = {
	"rhel5", "rhel6.2", "rhel6.4", "rhel7", "3.10", "4.4",
	"4.9",	 "4.14",    "4.19",    "rhel8", "5.4",	"5.10",
	"5.15",	 "rhel9",   "6.1",     "6.6",	"6.12", "6.15",
};

static void one_era(const char *kernel, int ctx, const char *task, bool numa)
{
	struct sim *s = sim_new(kernel, numa ? 2 : 1);
	struct sim_failure *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	failure_set(f, s, BELOW_MIN, numa, ctx, task);
	f->cause = recorded_cause(s, f);
	assert_int_equal(f->cause, PF_CAUSE_BELOW_MIN);
	round_trip(s, f, numa, 0);

	failure_set(f, s, FRAGMENTED, numa, ctx, task);
	f->cause = recorded_cause(s, f);
	assert_int_equal(f->cause, PF_CAUSE_FRAGMENTATION);
	round_trip(s, f, numa, 0);
	free(f);
	free(s);
}

/* GFP_ATOMIC from the network receive softirq, the idle task interrupted */
static void test_softirq_every_era(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(eras); i++)
		one_era(eras[i], PF_CTX_SOFTIRQ, "swapper/0", false);
}

static void test_numa_every_era(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(eras); i++)
		one_era(eras[i], PF_CTX_SOFTIRQ, "swapper/2", true);
}

/* The other places a failure comes from: each is told apart by scan */
static void test_contexts(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(eras); i++) {
		one_era(eras[i], PF_CTX_SOFTIRQ, "ksoftirqd/1", false);
		one_era(eras[i], PF_CTX_SOFTIRQ, "java", false);
		one_era(eras[i], PF_CTX_HARDIRQ, "swapper/0", false);
	}
}

/* The report of one era, piece by piece */
static const struct exact_case {
	const char *kernel;
	int nr_nodes;
	bool numa;
	const char *has[14]; /* pieces it prints, up to a NULL */
	const char *lacks;   /* one it does not print, or NULL */
} exact_cases[] = {
	{ "rhel6.2",
	  1,
	  false,
	  {
		  "] swapper: page allocation failure. order:1, mode:0x20\n",
		  "] Pid: 0, comm: swapper Not tainted "
		  "2.6.32-220.el6.x86_64 #1\n",
		  "] Call Trace:\n",
		  "]  <IRQ>  [<ffffffff",
		  "] ? __alloc_pages_nodemask+0x",
		  "] ? e1000_alloc_rx_buffers+0x",
		  " [e1000e]\n",
		  "]  <EOI>  [<ffffffff",
		  "] Normal: 2000*4kB 500*8kB 150*16kB 50*32kB 25*64kB 0*128kB "
		  "0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 17600kB\n",
		  "] lowmem_reserve[]: 0 3000 8000 8000\n",
		  " pages non-shared\n",
	  },
	  NULL },
	{ "4.19",
	  1,
	  false,
	  {
		  "] swapper/0: page allocation failure: order:1, "
		  "mode:0x480020(GFP_ATOMIC), nodemask=(null)\n",
		  "] swapper/0 cpuset=/ mems_allowed=0\n",
		  "] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 4.19.0 #1\n",
		  "]  <IRQ>\n",
		  "]  </IRQ>\n",
		  "] RIP: 0010:cpuidle_enter_state+0x",
		  "] Node 0 active_anon:",
		  "] Normal: 2000*4kB (UME) 500*8kB (UM) 150*16kB (MH) "
		  "50*32kB (ME) 25*64kB (H) 0*128kB 0*256kB",
		  "] lowmem_reserve[]: 0 3000 8000 8000 8000\n",
	  },
	  NULL },
	{ "3.10",
	  1,
	  false,
	  {
		  /* 3.x letters: U E M R in that order */
		  "] Normal: 2000*4kB (UEM) 500*8kB (UM) 150*16kB (M) "
		  "50*32kB (EM) 25*64kB (M) ",
		  "] Hardware name: pagefail simulator\n",
	  },
	  NULL },
	{ "6.6",
	  2,
	  true,
	  {
		  "] swapper/0: page allocation failure: order:1, "
		  "mode:0x820(GFP_ATOMIC), "
		  "nodemask=(null),cpuset=/,mems_allowed=0-1\n",
		  "] Node 0 Normal free:17600kB boost:6000kB min:70000kB "
		  "low:86000kB high:102000kB reserved_highatomic:4096KB "
		  "active_anon:",
		  "]  <TASK>\n",
		  "]  </TASK>\n",
		  "] Node 1 Normal: 1000*4kB",
	  },
	  "Swap cache stats" },
};

static void test_exact_lines(void **state)
{
	struct sim_failure f;
	char buf[16384];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(exact_cases); i++) {
		const struct exact_case *c = &exact_cases[i];
		struct sim *s = sim_new(c->kernel, c->nr_nodes);

		failure_set(&f, s, BELOW_MIN, c->numa, PF_CTX_SOFTIRQ,
			    "swapper/0");
		sim_print_failure(s, &f, buf, sizeof(buf));
		for (int h = 0; h < (int)ARRAY_SIZE(c->has) && c->has[h]; h++) {
			if (!strstr(buf, c->has[h]))
				print_message("%s: no \"%s\" in:\n%s\n",
					      c->kernel, c->has[h], buf);
			assert_non_null(strstr(buf, c->has[h]));
		}
		if (c->lacks)
			assert_null(strstr(buf, c->lacks));
		free(s);
	}
}

/* The length is snprintf's: what it needed, whatever len was */
static void test_truncation(void **state)
{
	struct sim *s = sim_new("5.15", 1);
	struct sim_failure f;
	char full[16384], small[100];
	size_t n;

	(void)state;
	failure_set(&f, s, FRAGMENTED, false, PF_CTX_SOFTIRQ, "swapper/0");
	n = sim_print_failure(s, &f, full, sizeof(full));
	assert_true(n > 2000 && n < sizeof(full));
	assert_int_equal(sim_print_failure(s, &f, NULL, 0), n);
	memset(small, 'x', sizeof(small));
	assert_int_equal(sim_print_failure(s, &f, small, sizeof(small)), n);
	assert_int_equal(strlen(small), sizeof(small) - 1);
	assert_memory_equal(small, full, sizeof(small) - 1);
	free(s);
}

/* Fed a few bytes at a time, as a pipe would */
static void test_streamed(void **state)
{
	struct sim *s = sim_new("4.9", 1);
	struct sim_failure *f = calloc(1, sizeof(*f));

	(void)state;
	assert_non_null(f);
	failure_set(f, s, FRAGMENTED, false, PF_CTX_SOFTIRQ, "swapper/1");
	f->cause = recorded_cause(s, f);
	round_trip(s, f, false, 7);
	round_trip(s, f, false, 1);
	free(f);
	free(s);
}

/* A failure of task in ctx printed, then scanned: one whole report, ctx */
static void scan_printed(struct sim *s, int ctx, const char *task,
			 struct reports *rs)
{
	struct sim_failure f;
	char buf[16384];

	failure_set(&f, s, BELOW_MIN, false, ctx, task);
	sim_print_failure(s, &f, buf, sizeof(buf));
	memset(rs, 0, sizeof(*rs));
	scan_string(buf, 0, rs);
	assert_int_equal(rs->nr, 1);
	assert_int_equal(rs->r[0].context.kind, ctx);
	assert_true(rs->r[0].flags & PF_REPORT_COMPLETE);
}

/* Process context and kswapd: printed and scanned, not judged in interrupt */
static void test_process_and_kswapd(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(eras); i++) {
		struct sim *s = sim_new(eras[i], 1);
		struct reports rs;

		scan_printed(s, PF_CTX_PROCESS, "simulate", &rs);
		assert_int_equal(rs.r[0].nr_zones, 3);
		reports_release(&rs);
		scan_printed(s, PF_CTX_KSWAPD, "kswapd0", &rs);
		reports_release(&rs);
		free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_softirq_every_era),
		cmocka_unit_test(test_numa_every_era),
		cmocka_unit_test(test_contexts),
		cmocka_unit_test(test_exact_lines),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_streamed),
		cmocka_unit_test(test_process_and_kswapd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
