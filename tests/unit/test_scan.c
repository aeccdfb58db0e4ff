// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_scan.c - report assembly (pf_scanner_*) on small synthetic logs:
 * a whole 2.6.32 report, the same fed in pieces, interleaved hosts, cut
 * reports, back-to-back headers, foreign lines, stall warnings, SysRq dumps,
 * the rate-limit line, "Linux version" boot lines, 4.19 and 6.x shapes,
 * over-long lines, a missing last newline, and the JSON of a report.
 *
 * Every log is scanned whole and in pieces of 1, 7 and 4096 bytes, and the
 * reports must be the same field by field.
 */
#include "helpers.h"
#include "steps.h"

#include <ctype.h>
#include <math.h>

/* ------------------------------------------------------------------ */
/* helpers                                                            */
/* ------------------------------------------------------------------ */

static const struct pf_report *by_host(const struct reports *rs,
				       const char *host)
{
	for (size_t i = 0; i < rs->nr; i++)
		if (!strcmp(rs->r[i].host, host))
			return &rs->r[i];
	fail_msg("no report of host %s", host);
	return NULL;
}

static const struct pf_zone *zone_of(const struct pf_report *r, int node,
				     const char *name)
{
	for (int i = 0; i < r->nr_zones; i++)
		if (r->zones[i].node == node && !strcmp(r->zones[i].name, name))
			return &r->zones[i];
	fail_msg("no zone %d %s", node, name);
	return NULL;
}

static void assert_free_blocks(const struct pf_zone *z,
			       const unsigned long *want, int n)
{
	assert_int_equal(z->nr_orders, n);
	for (int o = 0; o < n; o++)
		if (z->nr_free[o] != want[o])
			fail_msg(
				"zone %s order %d: %lu free blocks, expected %lu",
				z->name, o, z->nr_free[o], want[o]);
	/* the buddy line adds up to the total the kernel printed */
	assert_int_equal(pf_zone_buddy_pages(z) * z->page_kb,
			 (unsigned long)z->buddy_total_kb);
}

/* ------------------------------------------------------------------ */
/* (a) a 2.6.32 report in syslog form with Mem-Info                   */
/* ------------------------------------------------------------------ */

#define S "Mar 18 14:39:17 web1 kernel: "

/* Lines 3 .. 51 are the report; line 52 is the next message. */
/* clang-format off */
static const char *const rhel6[] = {
	"Mar 18 14:39:16 web1 sshd[991]: Accepted publickey for root from 10.0.0.1",
	"Mar 18 14:39:16 web1 kernel: e1000: eth0 NIC Link is Up 1000 Mbps Full Duplex",
	S "swapper: page allocation failure. order:1, mode:0x20",
	S "Pid: 0, comm: swapper Not tainted 2.6.32-358.el6.x86_64 #1",
	S "Call Trace:",
	S " <IRQ>  [<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0",
	S " [<ffffffff81166d92>] ? kmem_getpages+0x62/0x170",
	S " [<ffffffff811679aa>] ? fallback_alloc+0x1ba/0x270",
	S " [<ffffffff811673ff>] ? cache_grow+0x2cf/0x320",
	S " [<ffffffff81167729>] ? ____cache_alloc_node+0x99/0x160",
	S " [<ffffffff811680f9>] ? __kmalloc+0x199/0x230",
	S " [<ffffffff8143f0fd>] ? __alloc_skb+0x6d/0x190",
	S " [<ffffffff8143ff8e>] ? __netdev_alloc_skb+0x1e/0x50",
	S " [<ffffffffa01c5b5a>] ? e1000_alloc_rx_buffers+0x1ba/0x410 [e1000]",
	S " [<ffffffffa01c6c94>] ? e1000_clean+0x2d4/0x870 [e1000]",
	S " [<ffffffff8144e6c3>] ? net_rx_action+0x103/0x2f0",
	S " [<ffffffff81076fb1>] ? __do_softirq+0xc1/0x1e0",
	S " [<ffffffff8100c1cc>] ? call_softirq+0x1c/0x30",
	S " [<ffffffff8100de05>] ? do_softirq+0x65/0xa0",
	S " [<ffffffff81076d95>] ? irq_exit+0x85/0x90",
	S " [<ffffffff81517145>] ? do_IRQ+0x75/0xf0",
	S " [<ffffffff8100b9d3>] ? ret_from_intr+0x0/0x11",
	S " <EOI>  [<ffffffff810142fd>] ? mwait_idle+0x6d/0x1c0",
	S " [<ffffffff81009fc6>] ? cpu_idle+0xb6/0x110",
	S "Mem-Info:",
	S "Node 0 DMA per-cpu:",
	S "CPU    0: hi:    0, btch:   1 usd:   0",
	S "CPU    1: hi:    0, btch:   1 usd:   0",
	S "Node 0 DMA32 per-cpu:",
	S "CPU    0: hi:  186, btch:  31 usd: 158",
	S "CPU    1: hi:  186, btch:  31 usd:  30",
	S "active_anon:101 inactive_anon:202 isolated_anon:0",
	S " active_file:303 inactive_file:404 isolated_file:0",
	S " unevictable:0 dirty:5 writeback:0 unstable:0",
	S " free:1234 slab_reclaimable:50 slab_unreclaimable:60",
	S " mapped:70 shmem:8 pagetables:9 bounce:0",
	S "Node 0 DMA free:15688kB min:256kB low:320kB high:384kB active_anon:0kB "
	  "inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB "
	  "isolated(anon):0kB isolated(file):0kB present:15296kB mlocked:0kB "
	  "dirty:0kB writeback:0kB mapped:0kB shmem:0kB slab_reclaimable:0kB "
	  "slab_unreclaimable:0kB kernel_stack:0kB pagetables:0kB unstable:0kB "
	  "bounce:0kB writeback_tmp:0kB pages_scanned:0 all_unreclaimable? yes",
	S "lowmem_reserve[]: 0 2004 2004 2004",
	S "Node 0 DMA32 free:8248kB min:32768kB low:40960kB high:49152kB "
	  "active_anon:404kB inactive_anon:808kB active_file:1212kB "
	  "inactive_file:1616kB unevictable:0kB isolated(anon):0kB "
	  "isolated(file):0kB present:2052320kB mlocked:0kB dirty:20kB "
	  "writeback:0kB mapped:280kB shmem:32kB slab_reclaimable:200kB "
	  "slab_unreclaimable:240kB kernel_stack:1024kB pagetables:36kB "
	  "unstable:0kB bounce:0kB writeback_tmp:0kB pages_scanned:0 "
	  "all_unreclaimable? no",
	S "lowmem_reserve[]: 0 0 0 0",
	S "Node 0 DMA: 0*4kB 1*8kB 2*16kB 1*32kB 2*64kB 1*128kB 0*256kB 0*512kB "
	  "1*1024kB 1*2048kB 3*4096kB = 15688kB",
	S "Node 0 DMA32: 1682*4kB 190*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB "
	  "0*512kB 0*1024kB 0*2048kB 0*4096kB = 8248kB",
	S "2400 total pagecache pages",
	S "0 pages in swap cache",
	S "Swap cache stats: add 0, delete 0, find 0/0",
	S "Free swap  = 4194296kB",
	S "Total swap = 4194296kB",
	S "524272 pages RAM",
	S "10558 pages reserved",
	S "12345 pages shared",
	S "456789 pages non-shared",
	"Mar 18 14:39:18 web1 kernel: e1000: eth0 NIC Link is Down",
};
/* clang-format on */

static const unsigned long dma_blocks[] = { 0, 1, 2, 1, 2, 1, 0, 0, 1, 1, 3 };
static const unsigned long dma32_blocks[] = { 1682, 190, 0, 0, 0, 0,
					      0,    0,	 0, 0, 0 };

/* Everything test (a) knows about rhel6[], shifted by first_line. */
static void check_rhel6(const struct pf_report *r, unsigned long first_line,
			const char *host)
{
	const struct pf_zone *dma, *dma32;

	assert_string_equal(r->source, "<string>");
	assert_int_equal(r->line, first_line);
	assert_int_equal(r->last_line, first_line + 48);
	assert_string_equal(r->host, host);
	assert_string_equal(r->time, "Mar 18 14:39:17");
	assert_true(r->mono == -1);
	assert_string_equal(r->task, "swapper");
	assert_int_equal(r->order, 1);
	assert_string_equal(r->mode, "0x20");
	assert_int_equal(r->gfp_mask, 0x20);
	assert_string_equal(r->mode_names, "");
	assert_string_equal(r->nodemask, "");
	assert_int_equal(r->callbacks_suppressed, -1);
	assert_int_equal(r->pid, 0);
	assert_int_equal(r->cpu, -1);
	assert_string_equal(r->comm, "swapper");
	assert_string_equal(r->taint, "Not tainted");
	assert_string_equal(r->kernel.str, "2.6.32-358.el6.x86_64");
	assert_int_equal(r->kernel_from, PF_KERNEL_REPORT);
	assert_int_equal(r->gfp_layout, PF_GFP_2_6_24);

	/* 19 functions and the <IRQ> and <EOI> markers */
	assert_int_equal(r->nr_frames, 21);
	assert_int_equal(r->frames[0].kind, PF_FRAME_MARKER);
	assert_string_equal(r->frames[0].func, "IRQ");
	assert_string_equal(r->frames[1].func, "__alloc_pages_nodemask");
	assert_true(r->frames[1].unreliable);
	assert_string_equal(r->frames[9].func, "e1000_alloc_rx_buffers");
	assert_string_equal(r->frames[9].module, "e1000");
	assert_string_equal(r->frames[11].func, "net_rx_action");
	assert_string_equal(r->frames[18].func, "EOI");
	assert_int_equal(r->frames[18].kind, PF_FRAME_MARKER);
	assert_string_equal(r->frames[20].func, "cpu_idle");
	assert_int_equal(r->context.kind, PF_CTX_SOFTIRQ);
	assert_string_equal(r->context.softirq, "net_rx");

	assert_int_equal(pf_report_counter(r, "active_anon"), 101);
	assert_int_equal(pf_report_counter(r, "isolated_file"), 0);
	assert_int_equal(pf_report_counter(r, "free"), 1234);
	assert_int_equal(pf_report_counter(r, "pagetables"), 9);
	assert_int_equal(r->nr_counters, 17);

	assert_int_equal(r->nr_zones, 2);
	dma = &r->zones[0];
	dma32 = &r->zones[1];
	assert_string_equal(dma->name, "DMA");
	assert_int_equal(dma->type, PF_ZONE_DMA);
	assert_int_equal(dma->node, 0);
	assert_true(dma->node_printed);
	assert_int_equal(dma->page_kb, 4);
	assert_int_equal(dma->free, 15688 / 4);
	assert_int_equal(dma->min, 64);
	assert_int_equal(dma->low, 80);
	assert_int_equal(dma->high, 96);
	assert_int_equal(dma->present, 15296 / 4);
	assert_int_equal(dma->managed, -1);
	assert_int_equal(dma->nr_lowmem_reserve, 4);
	assert_int_equal(dma->lowmem_reserve[0], 0);
	assert_int_equal(dma->lowmem_reserve[1], 2004);
	assert_int_equal(dma->lowmem_reserve[3], 2004);
	assert_int_equal(dma->buddy_total_kb, 15688);
	assert_free_blocks(dma, dma_blocks, 11);

	assert_string_equal(dma32->name, "DMA32");
	assert_int_equal(dma32->type, PF_ZONE_DMA32);
	assert_int_equal(dma32->free, 2062);
	assert_int_equal(dma32->min, 8192);
	assert_int_equal(dma32->low, 10240);
	assert_int_equal(dma32->high, 12288);
	assert_int_equal(dma32->present, 513080);
	assert_int_equal(dma32->nr_lowmem_reserve, 4);
	assert_int_equal(dma32->lowmem_reserve[1], 0);
	assert_int_equal(dma32->buddy_total_kb, 8248);
	assert_free_blocks(dma32, dma32_blocks, 11);

	assert_int_equal(r->pagecache_pages, 2400);
	assert_int_equal(r->swap_cache_pages, 0);
	assert_int_equal(r->free_swap_kb, 4194296);
	assert_int_equal(r->total_swap_kb, 4194296);
	assert_int_equal(r->pages_ram, 524272);
	assert_int_equal(r->pages_reserved, 10558);
	assert_int_equal(r->pages_highmem, -1);
	/* "Mar 18 14:39:17": the year is assumed */
	assert_int_equal(r->flags, PF_REPORT_HAS_MEMINFO | PF_REPORT_COMPLETE |
					   PF_REPORT_NO_YEAR);
}

static void test_rhel6_syslog(void **state)
{
	struct reports rs;

	SCAN_LINES(rhel6, &rs);
	assert_int_equal(rs.nr, 1);
	assert_int_equal(rs.diags, 0);
	check_rhel6(&rs.r[0], 3, "web1");
	reports_release(&rs);
}

/*
 * Only a BSD syslog time prints no year; RFC 3339, dmesg -T and seconds
 * since boot say theirs or have none to assume (scan --since says so).
 */
static void test_no_year(void **state)
{
	static const char *const lines[] = {
		"Mar 18 14:39:17 web1 kernel: swapper: page allocation failure. order:1, mode:0x20",
		"2024-03-18T14:40:17.123456+00:00 web1 kernel: swapper: page allocation failure. order:1, mode:0x20",
		"[Mon Mar 18 14:41:17 2024] swapper: page allocation failure. order:1, mode:0x20",
		"[ 1234.567890] swapper: page allocation failure. order:1, mode:0x20",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 4);
	assert_true(rs.r[0].flags & PF_REPORT_NO_YEAR);
	assert_true(rs.r[0].epoch != INT64_MIN);
	for (int i = 1; i < 4; i++)
		assert_false(rs.r[i].flags & PF_REPORT_NO_YEAR);
	reports_release(&rs);
}

/* (b) the pieces: two logs back to back, every step, field by field */
static void test_chunks(void **state)
{
	struct reports whole = { 0 };
	char *one = JOIN(rhel6);
	size_t n = strlen(one);
	char *log = malloc(2 * n + 1);
	static const size_t steps[] = { 1, 7, 4096 };

	assert_non_null(log);
	memcpy(log, one, n);
	memcpy(log + n, one, n + 1);
	scan_string(log, 0, &whole);
	assert_int_equal(whole.nr, 2);
	check_rhel6(&whole.r[0], 3, "web1");
	check_rhel6(&whole.r[1], NLINES(rhel6) + 3, "web1");
	for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
		struct reports rs = { 0 };

		scan_string(log, steps[s], &rs);
		assert_int_equal(rs.nr, 2);
		assert_int_equal(rs.diags, 0);
		for (size_t i = 0; i < rs.nr; i++)
			assert_reports_equal(&rs.r[i], &whole.r[i]);
		reports_release(&rs);
	}
	reports_release(&whole);
	free(log);
	free(one);
}

/* ------------------------------------------------------------------ */
/* (c) two hosts interleaved line by line                             */
/* ------------------------------------------------------------------ */

#define D "Mar 18 14:39:17 db2 kernel: "
/* clang-format off */
static const char *const db2[] = {
	D "java: page allocation failure: order:2, mode:0x4020",
	D "Pid: 4711, comm: java Tainted: G        W  ---------------    3.10.0-123.el7.x86_64 #1",
	D "Call Trace:",
	D " [<ffffffff815e0e08>] dump_stack+0x19/0x1b",
	D " [<ffffffff8113d9d0>] warn_alloc_failed+0xf0/0x160",
	D " [<ffffffff81141e16>] __alloc_pages_nodemask+0x7d6/0xa10",
	D " [<ffffffff814c5d18>] tcp_sendmsg+0x268/0xc90",
	D "Mem-Info:",
	D "active_anon:11 inactive_anon:22 isolated_anon:0",
	D " free:777 slab_reclaimable:1 slab_unreclaimable:2",
	D "Node 0 Normal free:3108kB min:1024kB low:1280kB high:1536kB present:1048576kB managed:1000000kB",
	D "lowmem_reserve[]: 0 0 0 0",
	D "Node 0 Normal: 377*4kB 100*8kB 25*16kB 1*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 2740kB",
	D "1000 total pagecache pages",
	D "262144 pages RAM",
	D "4096 pages reserved",
};
/* clang-format on */

static void test_two_hosts(void **state)
{
	size_t na = NLINES(rhel6), nb = NLINES(db2), n = 0;
	const char **lines = calloc(na + nb, sizeof(*lines));
	const struct pf_report *a, *b;
	struct reports rs;

	assert_non_null(lines);
	for (size_t i = 0; i < na || i < nb; i++) {
		if (i < na)
			lines[n++] = rhel6[i];
		if (i < nb)
			lines[n++] = db2[i];
	}
	scan_lines(lines, n, &rs);
	assert_int_equal(rs.nr, 2);
	a = by_host(&rs, "web1");
	b = by_host(&rs, "db2");

	/* web1's header is its third line: line 5 of the mix */
	assert_string_equal(a->task, "swapper");
	assert_int_equal(a->line, 5);
	assert_int_equal(a->nr_zones, 2);
	assert_string_equal(a->zones[0].name, "DMA");
	assert_string_equal(a->zones[1].name, "DMA32");
	assert_free_blocks(&a->zones[1], dma32_blocks, 11);
	assert_int_equal(a->flags, PF_REPORT_HAS_MEMINFO | PF_REPORT_COMPLETE |
					   PF_REPORT_NO_YEAR);
	assert_int_equal(pf_report_counter(a, "free"), 1234);

	assert_string_equal(b->task, "java");
	assert_int_equal(b->line, 2);
	assert_int_equal(b->last_line, 2 * nb);
	assert_int_equal(b->order, 2);
	assert_int_equal(b->pid, 4711);
	assert_string_equal(b->taint, "Tainted: G        W");
	assert_string_equal(b->kernel.str, "3.10.0-123.el7.x86_64");
	assert_int_equal(b->nr_frames, 4);
	assert_int_equal(b->nr_zones, 1);
	{
		static const unsigned long want[] = { 377, 100, 25, 1, 0, 0,
						      0,   0,	0,  0, 0 };
		const struct pf_zone *z = zone_of(b, 0, "Normal");

		assert_int_equal(z->free, 777);
		assert_int_equal(z->managed, 250000);
		assert_free_blocks(z, want, 11);
	}
	assert_int_equal(pf_report_counter(b, "free"), 777);
	assert_int_equal(pf_report_counter(b, "active_anon"), 11);
	assert_int_equal(b->pages_ram, 262144);
	/* db2's report ends at EOF right after its trailer */
	assert_true(b->flags & PF_REPORT_COMPLETE);
	assert_false(b->flags & PF_REPORT_TRUNCATED);
	reports_release(&rs);
	free(lines);
}

/* (d) a report cut off at the end of the input */
static void test_truncated(void **state)
{
	/* rhel6[] up to the DMA buddy line: DMA32 never got its buddy line */
	struct reports rs;

	scan_lines(rhel6, 41, &rs);
	assert_int_equal(rs.nr, 1);
	assert_int_equal(rs.r[0].line, 3);
	assert_int_equal(rs.r[0].last_line, 41);
	assert_int_equal(rs.r[0].nr_zones, 2);
	assert_int_equal(rs.r[0].zones[1].buddy_total_kb, -1);
	assert_int_equal(rs.r[0].flags, PF_REPORT_HAS_MEMINFO |
						PF_REPORT_TRUNCATED |
						PF_REPORT_NO_YEAR);
	reports_release(&rs);

	/* only the header and the task line */
	scan_lines(rhel6, 4, &rs);
	assert_int_equal(rs.nr, 1);
	assert_int_equal(rs.r[0].last_line, 4);
	assert_int_equal(rs.r[0].nr_zones, 0);
	assert_int_equal(rs.r[0].flags,
			 PF_REPORT_TRUNCATED | PF_REPORT_NO_YEAR);
	reports_release(&rs);
}

/* (e) two headers back to back */
static void test_back_to_back(void **state)
{
	static const char *const lines[] = {
		"[  10.000001] swapper/0: page allocation failure: order:0, mode:0x20",
		"[  10.000002] swapper/1: page allocation failure: order:3, mode:0x4020",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 2);
	assert_string_equal(rs.r[0].task, "swapper/0");
	assert_int_equal(rs.r[0].order, 0);
	assert_int_equal(rs.r[0].line, 1);
	assert_int_equal(rs.r[0].last_line, 1);
	assert_string_equal(rs.r[0].time, "10.000001");
	assert_true(rs.r[0].flags & PF_REPORT_TRUNCATED);
	assert_string_equal(rs.r[1].task, "swapper/1");
	assert_int_equal(rs.r[1].order, 3);
	assert_string_equal(rs.r[1].mode, "0x4020");
	assert_int_equal(rs.r[1].line, 2);
	assert_int_equal(rs.r[1].last_line, 2);
	reports_release(&rs);
}

/* (f) too many foreign lines close a report: a late Mem-Info is not its */
static void test_foreign_lines(void **state)
{
	const size_t nforeign = 500;
	const char **lines = calloc(nforeign + 64, sizeof(*lines));
	char(*buf)[96] = calloc(nforeign, sizeof(*buf));
	struct reports rs;
	size_t n = 0;

	assert_non_null(lines);
	assert_non_null(buf);
	lines[n++] = S "swapper: page allocation failure. order:1, mode:0x20";
	for (size_t i = 0; i < nforeign; i++) {
		snprintf(
			buf[i], sizeof(buf[i]),
			S
			"usb 1-1: new high-speed USB device number %zu using ehci_hcd",
			i);
		lines[n++] = buf[i];
	}
	for (size_t i = 24; i <= 50; i++) /* rhel6[]'s Mem-Info and trailer */
		lines[n++] = rhel6[i];
	scan_lines(lines, n, &rs);
	assert_int_equal(rs.nr, 1);
	assert_string_equal(rs.r[0].task, "swapper");
	assert_int_equal(rs.r[0].line, 1);
	assert_int_equal(rs.r[0].last_line, 1);
	assert_int_equal(rs.r[0].nr_zones, 0);
	assert_int_equal(rs.r[0].nr_counters, 0);
	assert_int_equal(rs.r[0].pages_ram, -1);
	assert_false(rs.r[0].flags &
		     (PF_REPORT_HAS_MEMINFO | PF_REPORT_COMPLETE));
	assert_true(rs.r[0].flags & PF_REPORT_TRUNCATED);
	reports_release(&rs);
	free(buf);
	free(lines);
}

/* (g) a stall warning prints a Mem-Info too: no report */
static void test_stall(void **state)
{
	const char *lines[64];
	size_t n = 0;
	struct reports rs;

	lines[n++] = S "java: page allocation stalls for 10090ms, order:1, "
		       "mode:0x14200ca(GFP_HIGHUSER_MOVABLE), nodemask=(null)";
	lines[n++] = S "java cpuset=/ mems_allowed=0";
	lines[n++] = S "CPU: 3 PID: 2002 Comm: java Not tainted 4.14.0 #1";
	lines[n++] = S "Call Trace:";
	lines[n++] = S " dump_stack+0x5c/0x85";
	lines[n++] = S " warn_alloc+0xe0/0x180";
	lines[n++] = S " __alloc_pages_slowpath+0x820/0xb70";
	for (size_t i = 24; i <= 50; i++)
		lines[n++] = rhel6[i];
	lines[n++] = rhel6[51];
	scan_lines(lines, n, &rs);
	assert_int_equal(rs.nr, 0);
	reports_release(&rs);
}

/* (h) a SysRq Show Memory dump after a header-only report */
static void test_sysrq_after_header(void **state)
{
	const char *lines[64];
	size_t n = 0;
	struct reports rs;

	lines[n++] = S "swapper: page allocation failure. order:1, mode:0x20";
	lines[n++] = S "SysRq : Show Memory";
	for (size_t i = 24; i <= 50; i++)
		lines[n++] = rhel6[i];
	scan_lines(lines, n, &rs);
	assert_int_equal(rs.nr, 1);
	assert_string_equal(rs.r[0].task, "swapper");
	assert_int_equal(rs.r[0].last_line, 1);
	assert_int_equal(rs.r[0].nr_zones, 0);
	assert_int_equal(rs.r[0].nr_counters, 0);
	assert_int_equal(rs.r[0].pagecache_pages, -1);
	assert_false(rs.r[0].flags &
		     (PF_REPORT_HAS_MEMINFO | PF_REPORT_COMPLETE));
	reports_release(&rs);
}

/* (i) the rate limit's line right before a header */
static void test_callbacks_suppressed(void **state)
{
	static const char *const lines[] = {
		"[ 1234.000001] eth0: link up",
		"[ 1234.500000] warn_alloc: 96 callbacks suppressed",
		"[ 1234.500001] kworker/u8:2: page allocation failure: order:0, "
		"mode:0x480020(GFP_ATOMIC), nodemask=(null)",
		"[ 1234.500002] CPU: 2 PID: 77 Comm: kworker/u8:2 Not tainted 4.18.0-80.el8.x86_64 #1",
		"[ 1300.000000] kworker/u8:3: page allocation failure: order:0, "
		"mode:0x480020(GFP_ATOMIC), nodemask=(null)",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 2);
	assert_int_equal(rs.r[0].line, 3);
	assert_int_equal(rs.r[0].last_line, 4);
	assert_int_equal(rs.r[0].callbacks_suppressed, 96);
	assert_int_equal(rs.r[0].pid, 77);
	assert_int_equal(rs.r[0].cpu, 2);
	assert_true(fabs(rs.r[0].mono - 1234.500001) < 1e-9);
	/* the count belongs to the next header only */
	assert_int_equal(rs.r[1].line, 5);
	assert_int_equal(rs.r[1].callbacks_suppressed, -1);
	reports_release(&rs);
}

/* (j) the kernel release from the log's "Linux version" line */
static void test_linux_version(void **state)
{
	static const char *const lines[] = {
		"[    0.000000] Linux version 4.18.0-240.el8.x86_64 "
		"(mockbuild@x86-vm-07.build.eng.bos.redhat.com) (gcc version 8.3.1 "
		"20191121 (Red Hat 8.3.1-5) (GCC)) #1 SMP Wed Sep 30 05:13:12 EDT 2020",
		"[    0.000000] Command line: BOOT_IMAGE=(hd0,msdos1)/vmlinuz root=/dev/sda1",
		("[ 5000.000001] kswapd0: page allocation failure: order:0, "
		 "mode:0x480020(GFP_ATOMIC), nodemask=(null)"),
		"[ 5000.000002] Call Trace:",
		"[ 5000.000003]  <IRQ>",
		"[ 5000.000004]  dump_stack+0x5c/0x80",
		"[ 5000.000005]  warn_alloc.cold.118+0x7b/0x10d",
		"[ 5000.000006]  __alloc_pages_slowpath+0xc91/0xcc0",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 1);
	assert_string_equal(rs.r[0].task, "kswapd0");
	assert_int_equal(rs.r[0].line, 3);
	assert_int_equal(rs.r[0].last_line, 8);
	assert_int_equal(rs.r[0].pid, -1);
	assert_string_equal(rs.r[0].kernel.str, "4.18.0-240.el8.x86_64");
	assert_int_equal(rs.r[0].kernel.rhel, 8);
	assert_int_equal(rs.r[0].kernel_from, PF_KERNEL_LOG);
	assert_int_equal(rs.r[0].gfp_layout, PF_GFP_4_18);
	assert_string_equal(rs.r[0].mode_names, "GFP_ATOMIC");
	assert_string_equal(rs.r[0].nodemask, "(null)");
	assert_int_equal(rs.r[0].nr_frames, 4);
	reports_release(&rs);
}

/* (k) 4.12-4.19: "<task> cpuset=<cg> mems_allowed=<list>" on its own line */
static void test_cpuset_line(void **state)
{
	static const char *const lines[] = {
		("[  100.000001] kworker/1:2: page allocation failure: order:0, "
		 "mode:0x480020(GFP_ATOMIC), nodemask=(null)"),
		"[  100.000002] kworker/1:2 cpuset=/ mems_allowed=0",
		"[  100.000003] CPU: 1 PID: 123 Comm: kworker/1:2 Not tainted 4.19.0-16-amd64 #1 Debian 4.19.181-1",
		"[  100.000004] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.14.0 04/01/2014",
		"[  100.000005] Workqueue: events_freezable ieee80211_restart_work [mac80211]",
		"[  100.000006] Call Trace:",
		"[  100.000007]  dump_stack+0x66/0x90",
		"[  100.000008]  warn_alloc.cold.120+0x6c/0xec",
		"[  100.000009]  __alloc_pages_slowpath+0xc73/0xcb0",
		"[  100.000010]  __alloc_pages_nodemask+0x28b/0x2b0",
		"[  100.000011]  ieee80211_restart_work+0x8e/0xd0 [mac80211]",
		"[  100.000012]  process_one_work+0x1a7/0x3a0",
		"[  100.000013]  worker_thread+0x30/0x390",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 1);
	assert_string_equal(rs.r[0].task, "kworker/1:2");
	assert_string_equal(rs.r[0].cpuset, "/");
	assert_string_equal(rs.r[0].mems_allowed, "0");
	assert_int_equal(rs.r[0].pid, 123);
	assert_int_equal(rs.r[0].cpu, 1);
	assert_string_equal(rs.r[0].comm, "kworker/1:2");
	assert_string_equal(rs.r[0].kernel.str, "4.19.0-16-amd64");
	assert_int_equal(rs.r[0].kernel_from, PF_KERNEL_REPORT);
	assert_int_equal(rs.r[0].gfp_layout, PF_GFP_4_18);
	assert_string_equal(
		rs.r[0].hardware,
		"QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.14.0 04/01/2014");
	assert_string_equal(
		rs.r[0].workqueue,
		"events_freezable ieee80211_restart_work [mac80211]");
	assert_int_equal(rs.r[0].nr_frames, 7);
	assert_string_equal(rs.r[0].frames[4].func, "ieee80211_restart_work");
	assert_string_equal(rs.r[0].frames[4].module, "mac80211");
	assert_int_equal(rs.r[0].last_line, 13);
	reports_release(&rs);
}

/* ------------------------------------------------------------------ */
/* (l) a 6.x report                                                   */
/* ------------------------------------------------------------------ */

/*
 * The first line is as the brief gives it.  (A real 6.12 kernel prints
 * GFP_ATOMIC as 0x820: __GFP_ATOMIC went in 6.3.  With the names printed,
 * the library decodes 0xa20 with the layout that renders them, 5.1-6.2.)
 */
static const char *const v612[] = {
	"[  200.000001] kworker/0:1: page allocation failure: order:0, "
	"mode:0xa20(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0",
	"[  200.000002] CPU: 0 UID: 0 PID: 5 Comm: kworker/0:1 Not tainted 6.12.0 #1",
	"[  200.000003] Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.3-1 04/01/2014",
	"[  200.000004] Workqueue: events_power_efficient fb_flashcursor",
	"[  200.000005] Call Trace:",
	"[  200.000006]  <IRQ>",
	"[  200.000007]  dump_stack_lvl+0x5d/0x80",
	"[  200.000008]  warn_alloc+0x164/0x190",
	"[  200.000009]  __alloc_pages_slowpath.constprop.0+0xd0e/0xde0",
	"[  200.000010]  __alloc_pages_noprof+0x321/0x350",
	"[  200.000011]  page_frag_alloc_align+0x81/0x1a0",
	"[  200.000012]  __napi_alloc_skb+0x9f/0x1b0",
	"[  200.000013]  e1000_alloc_rx_buffers+0xe4/0x2f0 [e1000]",
	"[  200.000014]  e1000_clean_rx_irq+0x2fb/0x3c0 [e1000]",
	"[  200.000015]  e1000_clean+0x26b/0x8a0 [e1000]",
	"[  200.000016]  __napi_poll+0x2b/0x1a0",
	"[  200.000017]  net_rx_action+0x2e8/0x3a0",
	"[  200.000018]  __do_softirq+0xc5/0x2c8",
	"[  200.000019]  __irq_exit_rcu+0x96/0xc0",
	"[  200.000020]  common_interrupt+0x86/0xa0",
	"[  200.000021]  </IRQ>",
	"[  200.000022]  <TASK>",
	"[  200.000023]  asm_common_interrupt+0x26/0x40",
	"[  200.000024] RIP: 0010:pv_native_safe_halt+0xf/0x20",
	"[  200.000025] Code: 22 d7 e9 54 b9 01 00 0f 1f 40 00 90 90 90 90 90 90 90 90",
	"[  200.000026] RSP: 0018:ffffffff9e203e48 EFLAGS: 00000246",
	"[  200.000027]  default_idle+0x9/0x20",
	"[  200.000028]  do_idle+0x1fb/0x250",
	"[  200.000029]  </TASK>",
	"[  200.000030] Mem-Info:",
	"[  200.000031] active_anon:1000 inactive_anon:2000 isolated_anon:0",
	"[  200.000032]  free:3000 free_pcp:10 free_cma:0",
	"[  200.000033] Node 0 active_anon:4000kB inactive_anon:8000kB all_unreclaimable? no",
	"[  200.000034] Node 0 DMA free:7168kB boost:0kB min:128kB low:160kB high:192kB "
	"reserved_highatomic:0KB active_anon:0kB present:15992kB managed:15360kB "
	"mlocked:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB",
	"[  200.000035] lowmem_reserve[]: 0 2965 2965 2965 2965",
	"[  200.000036] Node 0 DMA: 0*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB "
	"0*512kB 1*1024kB (U) 1*2048kB (M) 1*4096kB (M) = 7168kB",
	"[  200.000037] 1234 total pagecache pages",
	"[  200.000038] 0 pages in swap cache",
	"[  200.000039] Free swap  = 0kB",
	"[  200.000040] Total swap = 0kB",
	"[  200.000041] 262014 pages RAM",
	"[  200.000042] 0 pages HighMem/MovableOnly",
	"[  200.000043] 17385 pages reserved",
	"[  200.000044] 0 pages hwpoisoned",
};

static void test_v6(void **state)
{
	const struct pf_report *r;
	const struct pf_zone *z;
	struct reports rs;

	SCAN_LINES(v612, &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.r[0];
	assert_string_equal(r->task, "kworker/0:1");
	assert_int_equal(r->order, 0);
	assert_string_equal(r->mode, "0xa20");
	assert_int_equal(r->gfp_mask, 0xa20);
	assert_string_equal(r->mode_names, "GFP_ATOMIC");
	assert_string_equal(r->nodemask, "(null)");
	assert_string_equal(r->cpuset, "/");
	assert_string_equal(r->mems_allowed, "0");
	assert_int_equal(r->pid, 5);
	assert_int_equal(r->cpu, 0);
	assert_string_equal(r->comm, "kworker/0:1");
	assert_string_equal(r->taint, "Not tainted");
	assert_string_equal(r->kernel.str, "6.12.0");
	assert_int_equal(r->kernel.code, PF_KV(6, 12, 0));
	assert_int_equal(r->kernel_from, PF_KERNEL_REPORT);
	assert_int_equal(r->gfp_layout, PF_GFP_5_0);
	assert_string_equal(r->workqueue,
			    "events_power_efficient fb_flashcursor");
	assert_int_equal(r->context.kind, PF_CTX_SOFTIRQ);
	assert_string_equal(r->context.softirq, "net_rx");
	/* 17 functions, <IRQ> </IRQ> <TASK> </TASK> */
	assert_int_equal(r->nr_frames, 21);
	assert_string_equal(r->frames[0].func, "IRQ");
	assert_int_equal(r->frames[0].kind, PF_FRAME_MARKER);
	assert_string_equal(r->frames[1].func, "dump_stack_lvl");
	assert_string_equal(r->frames[7].func, "e1000_alloc_rx_buffers");
	assert_string_equal(r->frames[7].module, "e1000");
	assert_string_equal(r->frames[15].func, "/IRQ");
	assert_string_equal(r->frames[16].func, "TASK");
	assert_string_equal(r->frames[20].func, "/TASK");
	assert_int_equal(pf_report_counter(r, "free"), 3000);
	assert_int_equal(r->nr_zones, 1);
	z = zone_of(r, 0, "DMA");
	assert_int_equal(z->free, 1792);
	assert_int_equal(z->boost, 0);
	assert_int_equal(z->min, 32);
	assert_int_equal(z->reserved_highatomic, 0);
	assert_int_equal(z->managed, 3840);
	assert_int_equal(z->free_cma, 0);
	assert_int_equal(z->nr_lowmem_reserve, 5);
	assert_true(z->has_mt);
	assert_string_equal(z->mt[8], "U");
	assert_string_equal(z->mt[10], "M");
	{
		static const unsigned long want[] = { 0, 0, 0, 0, 0, 0,
						      0, 0, 1, 1, 1 };

		assert_free_blocks(z, want, 11);
	}
	assert_int_equal(r->pages_ram, 262014);
	assert_int_equal(r->pages_reserved, 17385);
	assert_int_equal(r->line, 1);
	assert_int_equal(r->last_line, NLINES(v612));
	assert_int_equal(r->flags, PF_REPORT_HAS_MEMINFO | PF_REPORT_COMPLETE);
	reports_release(&rs);
}

/* (m) a line longer than 64 KiB: one diagnostic, the report still found */
static void test_long_line(void **state)
{
	size_t big = PF_LINE_MAX + 5000;
	char *head = JOIN(rhel6);
	size_t hl = strlen(head);
	struct reports rs;
	char *log = malloc(big + hl + 256);
	char *p = log;

	assert_non_null(log);
	p += sprintf(p, S "dump: ");
	memset(p, 'A', big);
	p += big;
	*p++ = '\n';
	p += sprintf(p, S "something else\n");
	memcpy(p, head, hl + 1);
	scan_steps(log, &rs);
	assert_int_equal(rs.diags, 1);
	assert_int_equal(rs.nr, 1);
	check_rhel6(&rs.r[0], 5, "web1");
	reports_release(&rs);

	/* the long line right before the header */
	p = log;
	memset(p, 'B', big);
	p += big;
	*p++ = '\n';
	memcpy(p, head, hl + 1);
	scan_steps(log, &rs);
	assert_int_equal(rs.diags, 1);
	assert_int_equal(rs.nr, 1);
	check_rhel6(&rs.r[0], 4, "web1");
	reports_release(&rs);
	free(log);
	free(head);
}

/* (n) the last line has no newline */
static void test_no_final_newline(void **state)
{
	static const char one[] = "[   1.000000] swapper/0: page allocation "
				  "failure: order:0, mode:0x20";
	char *log = JOIN(rhel6);
	struct reports rs;

	/* a log of one line */
	scan_steps(one, &rs);
	assert_int_equal(rs.nr, 1);
	assert_string_equal(rs.r[0].task, "swapper/0");
	assert_string_equal(rs.r[0].mode, "0x20");
	assert_int_equal(rs.r[0].line, 1);
	reports_release(&rs);

	/* the whole report, its "pages non-shared" line unterminated */
	log[strlen(log) - 1] = '\0'; /* last '\n' */
	*strrchr(log, '\n') = '\0';  /* drop the last line */
	scan_steps(log, &rs);
	assert_int_equal(rs.nr, 1);
	check_rhel6(&rs.r[0], 3, "web1");
	reports_release(&rs);
	free(log);
}

/* CRLF line endings change nothing */
static void test_crlf(void **state)
{
	char *log = JOIN(rhel6);
	char *crlf = malloc(2 * strlen(log) + 1), *q = crlf;
	struct reports rs;

	assert_non_null(crlf);
	for (const char *p = log; *p; p++) {
		if (*p == '\n')
			*q++ = '\r';
		*q++ = *p;
	}
	*q = '\0';
	scan_steps(crlf, &rs);
	assert_int_equal(rs.nr, 1);
	check_rhel6(&rs.r[0], 3, "web1");
	reports_release(&rs);
	free(crlf);
	free(log);
}

/* ------------------------------------------------------------------ */
/* JSON                                                               */
/* ------------------------------------------------------------------ */

/* A minimal JSON checker: returns the end of one value, or NULL. */
static const char *json_value(const char *p, int depth);

static const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!isxdigit((unsigned char)p[i]))
						return NULL;
				p += 4;
			} else if (!strchr("\"\\/bfnrt", *p) || !*p) {
				return NULL;
			}
		}
		p++;
	}
	return p + 1;
}

static const char *json_number(const char *p)
{
	const char *s = p;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return NULL;
	if (*p == '0' && isdigit((unsigned char)p[1]))
		return NULL;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return p > s ? p : NULL;
}

static const char *json_value(const char *p, int depth)
{
	if (depth > 64)
		return NULL;
	p = json_ws(p);
	switch (*p) {
	case '{':
		p = json_ws(p + 1);
		if (*p == '}')
			return p + 1;
		for (;;) {
			p = json_string(json_ws(p));
			if (!p)
				return NULL;
			p = json_ws(p);
			if (*p++ != ':')
				return NULL;
			p = json_value(p, depth + 1);
			if (!p)
				return NULL;
			p = json_ws(p);
			if (*p == '}')
				return p + 1;
			if (*p++ != ',')
				return NULL;
		}
	case '[':
		p = json_ws(p + 1);
		if (*p == ']')
			return p + 1;
		for (;;) {
			p = json_value(p, depth + 1);
			if (!p)
				return NULL;
			p = json_ws(p);
			if (*p == ']')
				return p + 1;
			if (*p++ != ',')
				return NULL;
		}
	case '"':
		return json_string(p);
	case 't':
		return strncmp(p, "true", 4) ? NULL : p + 4;
	case 'f':
		return strncmp(p, "false", 5) ? NULL : p + 5;
	case 'n':
		return strncmp(p, "null", 4) ? NULL : p + 4;
	default:
		return json_number(p);
	}
}

static void check_json(const char *s)
{
	static const char *const keys[] = {
		"source", "line",    "host",  "time",	  "task",
		"pid",	  "order",   "mode",  "gfp_mask", "gfp_flags",
		"kernel", "context", "trace", "zones",	  "complete",
	};
	const char *end;

	end = json_value(s, 0);
	if (!end)
		fail_msg("not valid JSON: %s", s);
	end = json_ws(end);
	if (*end)
		fail_msg("text after the JSON value: %s", end);
	assert_int_equal(s[strlen(s) - 1], '\n'); /* a JSON Lines record */
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char k[32];

		snprintf(k, sizeof(k), "\"%s\":", keys[i]);
		if (!strstr(s, k))
			fail_msg("key %s missing: %s", keys[i], s);
	}
}

/* RHEL 5 x86_64 names a module's frame ":e1000:func+off/len" */
static void test_rhel5_module_frames(void **state)
{
	struct reports rs = { 0 };

	(void)state;
	scan_string(
		"swapper: page allocation failure. order:1, mode:0x20\n"
		"\n"
		"Call Trace:\n"
		" <IRQ> [<ffffffff8000f2e2>] __alloc_pages+0x2b5/0x2ce\n"
		" [<ffffffff8802f1d2>] :e1000:e1000_alloc_rx_buffers+0x94/0x2e1\n"
		" [<ffffffff80012f5d>] net_rx_action+0xac/0x1e0\n",
		0, &rs);
	assert_int_equal(rs.nr, 1);
	assert_int_equal(rs.r[0].nr_frames, 4);
	assert_string_equal(rs.r[0].frames[2].func, "e1000_alloc_rx_buffers");
	assert_string_equal(rs.r[0].frames[2].module, "e1000");
	assert_string_equal(rs.r[0].context.call_site,
			    "e1000_alloc_rx_buffers");
	free(rs.r);
}

static void test_json(void **state)
{
	struct reports rs;
	char *log = JOIN(rhel6), *s;
	const char *v;

	scan_steps(log, &rs);
	assert_int_equal(rs.nr, 1);
	s = report_json(&rs.r[0], false);
	check_json(s);
	assert_non_null(strstr(s, "\"task\":\"swapper\""));
	assert_non_null(strstr(s, "\"host\":\"web1\""));
	assert_non_null(strstr(s, "\"line\":3,"));
	assert_non_null(strstr(s, "\"complete\":true"));
	assert_non_null(strstr(s, "\"kernel\":\"2.6.32-358.el6.x86_64\""));
	free(s);
	s = report_json(&rs.r[0], true);
	check_json(s);
	free(s);
	reports_release(&rs);
	free(log);

	/* strings that need escaping, and a report with nothing known */
	{
		struct pf_report r;

		pf_report_init(&r);
		r.source = "dir/\"odd\"\\name\t.log";
		strcpy(r.task, "a\"b\\c\x01");
		strcpy(r.host, "h\x7f");
		s = report_json(&r, false);
		check_json(s);
		free(s);
	}

	/* the checker rejects what it must */
	v = json_value("{\"a\":1,}", 0);
	assert_null(v);
	v = json_value("{\"a\":[1,2}", 0);
	assert_null(v);
	v = json_value("{\"a\":\"x\ny\"}", 0);
	assert_null(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rhel6_syslog),
		cmocka_unit_test(test_chunks),
		cmocka_unit_test(test_two_hosts),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_back_to_back),
		cmocka_unit_test(test_foreign_lines),
		cmocka_unit_test(test_stall),
		cmocka_unit_test(test_sysrq_after_header),
		cmocka_unit_test(test_callbacks_suppressed),
		cmocka_unit_test(test_linux_version),
		cmocka_unit_test(test_cpuset_line),
		cmocka_unit_test(test_v6),
		cmocka_unit_test(test_no_year),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_rhel5_module_frames),
		cmocka_unit_test(test_json),
	};

	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
