// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_assemble.c - reports from text the parser was not told about: two
 * CPUs failing at once (first lines merged on one line, printed in pieces,
 * a dump beginning inside another's Mem-Info), a first line whose prefix
 * differs from its other lines, lines stamped before the first line,
 * other programs' lines, distribution fields in the CPU line, documents
 * that show the format, quoted-printable posts.  Every log is also scanned
 * in pieces (steps.h).
 */
#include "helpers.h"
#include "steps.h"

static const struct pf_report *by_task(const struct reports *rs,
				       const char *task)
{
	for (size_t i = 0; i < rs->nr; i++)
		if (!strcmp(rs->r[i].task, task))
			return &rs->r[i];
	fail_msg("no report of %s", task);
	return NULL;
}

/* two first lines on one line: a newline lost between two CPUs */
static void test_merged_first_lines(void **state)
{
	static const char *const lines[] = {
		"[  100.000001] swapper/0: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null)[  100.000002] swapper/1: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0",
		"[  100.000003] ,cpuset=/,mems_allowed=0",
		"[  100.000004] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 5.4.0-42-generic #46-Ubuntu",
		"[  100.000005] Call Trace:",
		"[  100.000006]  <IRQ>",
		"[  100.000007]  dump_stack+0x6d/0x9a",
		"[  100.000008]  tcp_v4_rcv+0x1b4/0x800",
		"[  100.000009] CPU: 1 PID: 0 Comm: swapper/1 Not tainted 5.4.0-42-generic #46-Ubuntu",
		"[  100.000010] Call Trace:",
		"[  100.000011]  <IRQ>",
		"[  100.000012]  dump_stack+0x6d/0x9a",
		"[  100.000013]  ip_rcv+0x1b4/0x800",
	};
	struct reports rs;
	const struct pf_report *a, *b;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 2);
	a = by_task(&rs, "swapper/0");
	b = by_task(&rs, "swapper/1");
	assert_string_equal(a->cpuset, "/");
	assert_string_equal(a->mems_allowed, "0");
	assert_int_equal(a->cpu, 0);
	assert_string_equal(a->context.call_site, "tcp_v4_rcv");
	assert_int_equal(b->cpu, 1);
	assert_string_equal(b->context.call_site, "ip_rcv");
	assert_true(a->mono < b->mono);
	reports_release(&rs);
}

/*
 * 4.14 prints the comm, the rest, ", mode:..." and the nodemask with
 * separate printk()s: another CPU's stack dump tears them apart.
 */
static void test_first_line_in_pieces(void **state)
{
	static const char *const lines[] = {
		"[ 6204.372004] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 4.14.158 #0",
		"[ 6204.372355] swapper/3: ",
		"[ 6204.378081] Stack : 00000000 00000000",
		"[ 6204.380541] page allocation failure: order:0",
		"[ 6204.380552]  01080020",
		"[ 6204.384197] , mode:0x1080020(GFP_ATOMIC), nodemask=",
		"[ 6204.388430]  80071de8 805f0000 80588da4 00000000",
		"[ 6204.390705] (null)",
		"[ 6204.400150] swapper/3 cpuset=",
		"[ 6204.404393] /",
		"[ 6204.407356]  mems_allowed=0",
		"[ 6204.448993] Call Trace:",
		"[ 6204.451455] [<8000c700>] show_stack+0x58/0x100",
		"[ 6204.455892] [<80489734>] dump_stack+0xa4/0xe0",
		"[ 6204.460253] [<800dcc54>] warn_alloc+0xcc/0x15c",
		"[ 6204.470242] [<800ddd4c>] page_frag_alloc+0x14c/0x178",
		"[ 6204.475210] [<829790d0>] mt76_dma_rx_fill+0xb4c/0x10f8 [mt76]",
	};
	struct reports rs;
	const struct pf_report *r;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.r[0];
	assert_string_equal(r->task, "swapper/3");
	assert_int_equal(r->line, 2);
	assert_string_equal(r->mode, "0x1080020");
	assert_string_equal(r->mode_names, "GFP_ATOMIC");
	assert_string_equal(r->nodemask, "(null)");
	assert_string_equal(r->cpuset, "/");
	assert_string_equal(r->mems_allowed, "0");
	/* the release another task line of the log names */
	assert_string_equal(r->kernel.str, "4.14.158");
	assert_int_equal(r->kernel_from, PF_KERNEL_LOG);
	assert_string_equal(r->context.call_site, "mt76_dma_rx_fill");
	reports_release(&rs);
}

/* the second CPU's dump begins while the first one's Mem-Info goes on */
static void test_dump_inside_meminfo(void **state)
{
	static const char *const lines[] = {
		"[  1.000000] kworker/0:1: page allocation failure: order:0, mode:0x480020(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0",
		"[  1.000001] kworker/1:2: page allocation failure: order:0, mode:0x480020(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0",
		"[  1.000002] CPU: 0 PID: 12 Comm: kworker/0:1 Not tainted 5.10.0 #1",
		"[  1.000003] Call Trace:",
		"[  1.000004]  dump_stack+0x6d/0x9a",
		"[  1.000005]  e1000_alloc_rx_buffers+0x10/0x20 [e1000]",
		"[  1.000006] Mem-Info:",
		"[  1.000007] active_anon:1 inactive_anon:2 isolated_anon:0",
		"[  1.000008] CPU: 1 PID: 40 Comm: kworker/1:2 Not tainted 5.10.0 #1",
		"[  1.000009] Node 0 DMA32 free:15908kB min:20kB low:24kB high:28kB present:15992kB managed:15908kB",
		"[  1.000010] Call Trace:",
		"[  1.000011] lowmem_reserve[]: 0 0 0 0",
		"[  1.000012]  dump_stack+0x6d/0x9a",
		"[  1.000013] Node 0 DMA32: 1*4kB (U) 0*8kB = 4kB",
		"[  1.000014]  skb_alloc+0x10/0x20",
		"[  1.000015] 2000 total pagecache pages",
	};
	struct reports rs;
	const struct pf_report *a, *b;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 2);
	a = by_task(&rs, "kworker/0:1");
	b = by_task(&rs, "kworker/1:2");
	assert_int_equal(a->nr_zones, 1);
	assert_int_equal(a->zones[0].nr_lowmem_reserve, 4);
	assert_int_equal(a->zones[0].buddy_total_kb, 4);
	assert_int_equal(a->pagecache_pages, 2000);
	assert_string_equal(a->context.call_site, "e1000_alloc_rx_buffers");
	assert_int_equal(b->pid, 40);
	assert_int_equal(b->nr_zones, 0);
	assert_string_equal(b->context.call_site, "skb_alloc");
	reports_release(&rs);
}

/*
 * With printk caller ids (5.1+) every line says who printed it: two CPUs'
 * reports interleaved line by line come apart exactly, and the release a
 * boot line names holds for every writer of the host.
 */
static void test_caller_ids(void **state)
{
	static const char *const lines[] = {
		"[    0.000000][    T0] Linux version 5.10.0-8-amd64 (debian-kernel@lists.debian.org) #1 SMP",
		"[  100.000001][    C0] swapper/0: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0",
		"[  100.000002][ T4321] nginx: page allocation failure: order:2, mode:0x40cc0(GFP_KERNEL|__GFP_COMP), nodemask=(null),cpuset=/,mems_allowed=0",
		"[  100.000003][    C0] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 5.10.0-8-amd64 #1",
		"[  100.000004][ T4321] CPU: 3 PID: 4321 Comm: nginx Not tainted 5.10.0-8-amd64 #1",
		"[  100.000005][    C0] Call Trace:",
		"[  100.000006][ T4321] Call Trace:",
		"[  100.000007][    C0]  <IRQ>",
		"[  100.000008][ T4321]  dump_stack+0x6d/0x9a",
		"[  100.000009][    C0]  dump_stack+0x6d/0x9a",
		"[  100.000010][ T4321]  kmalloc_order+0x1b/0x80",
		"[  100.000011][    C0]  tcp_v4_rcv+0x1b4/0x800",
		"[  100.000012][ T4321]  ext4_readdir+0x1b4/0x800",
	};
	struct reports rs;
	const struct pf_report *a, *b;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 2);
	a = by_task(&rs, "swapper/0");
	b = by_task(&rs, "nginx");
	assert_int_equal(a->nr_frames, 3); /* <IRQ> and two */
	assert_string_equal(a->context.call_site, "tcp_v4_rcv");
	assert_int_equal(b->pid, 4321);
	assert_string_equal(b->context.call_site, "ext4_readdir");
	assert_int_equal(b->nr_frames, 3);
	reports_release(&rs);
}

/* the first line pasted without the syslog prefix the other lines have */
static void test_first_line_without_prefix(void **state)
{
	static const char *const lines[] = {
		"java: page allocation failure: order:0, mode:0x2084120(GFP_ATOMIC|__GFP_COLD|__GFP_COMP)",
		"Jun 13 04:36:30 ip-172-19-13-114 kernel: CPU: 7 PID: 111104 Comm: java Not tainted 4.9.24-coreos #1",
		"Jun 13 04:36:30 ip-172-19-13-114 kernel: Call Trace:",
		"Jun 13 04:36:30 ip-172-19-13-114 kernel:  [<ffffffffab31c193>] dump_stack+0x63/0x90",
		"Jun 13 04:36:30 ip-172-19-13-114 kernel:  [<ffffffffab4c7f02>] __netdev_alloc_skb+0x222/0xad0",
		"Jun 13 04:36:30 ip-172-19-13-114 kernel:  [<ffffffffc01c7f02>] xennet_alloc_rx_buffers+0x22/0xad0 [xen_netfront]",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 1);
	assert_string_equal(rs.r[0].kernel.str, "4.9.24-coreos");
	assert_int_equal(rs.r[0].pid, 111104);
	assert_string_equal(rs.r[0].context.call_site,
			    "xennet_alloc_rx_buffers");
	reports_release(&rs);
}

/* and the other way round: a syslog first line, the rest from dmesg */
static void test_rest_without_prefix(void **state)
{
	static const char *const lines[] = {
		"Mar  1 10:00:00 web1 kernel: swapper: page allocation failure. order:1, mode:0x20",
		"[ 1234.567900] Pid: 0, comm: swapper Not tainted 2.6.32-220.el6.x86_64 #1",
		"[ 1234.567920] Call Trace:",
		"[ 1234.567930]  <IRQ>  [<ffffffff81761e41>] ? __alloc_pages_nodemask+0x19/0x1b",
		"[ 1234.567960]  [<ffffffff8162e1b4>] tcp_v4_rcv+0x1b4/0x800",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 1);
	assert_string_equal(rs.r[0].host, "web1");
	assert_string_equal(rs.r[0].kernel.str, "2.6.32-220.el6.x86_64");
	assert_string_equal(rs.r[0].context.call_site, "tcp_v4_rcv");
	reports_release(&rs);
}

/* an earlier report's Mem-Info pasted after a first line is not its own */
static void test_earlier_meminfo(void **state)
{
	static const char *const lines[] = {
		"[   45.073877] kswapd0: page allocation failure: order:0, mode:0x1080020(GFP_ATOMIC), nodemask=(null)",
		"[   45.073897] CPU: 1 PID: 716 Comm: kswapd0 Tainted: P           O    4.14.65 #3",
		"[   44.966861] Mem-Info:",
		"[   44.966870] Normal free:2928kB min:1020kB low:2040kB high:3060kB",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 1);
	assert_false(rs.r[0].flags & PF_REPORT_HAS_MEMINFO);
	assert_int_equal(rs.r[0].nr_zones, 0);
	reports_release(&rs);
}

/* RHEL 7-9 print "Kdump: loaded" between the comm and the taint */
static void test_kdump_field(void **state)
{
	static const char *const lines[] = {
		"Apr 01 16:27:01 sm21 kernel: swapper/21: page allocation failure: order:0, mode:0x20",
		"Apr 01 16:27:01 sm21 kernel: CPU: 21 PID: 0 Comm: swapper/21 Kdump: loaded Tainted: P           OE  ------------   3.10.0-1062.el7.x86_64 #1",
		"Apr 01 16:27:01 sm21 kernel: Call Trace:",
		"Apr 01 16:27:01 sm21 kernel:  <IRQ>  [<ffffffffaf179262>] dump_stack+0x19/0x1b",
		"Apr 01 16:27:01 sm21 kernel:  [<ffffffffaebc6ef8>] page_frag_alloc+0x158/0x170",
		"Apr 01 16:27:02 sm21 kernel: kworker/3:1: page allocation failure: order:0, mode:0x20",
		"Apr 01 16:27:02 sm21 kernel: CPU: 3 PID: 99 Comm: kworker/3:1 Kdump: not loaded Not tainted 4.18.0-305.el8.x86_64 #1",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 2);
	assert_string_equal(rs.r[0].comm, "swapper/21");
	assert_string_equal(rs.r[0].kernel.str, "3.10.0-1062.el7.x86_64");
	assert_int_equal(rs.r[0].kernel_from, PF_KERNEL_REPORT);
	assert_string_equal(rs.r[1].comm, "kworker/3:1");
	assert_string_equal(rs.r[1].taint, "Not tainted");
	assert_string_equal(rs.r[1].kernel.str, "4.18.0-305.el8.x86_64");
	reports_release(&rs);
}

/* a comm that ends in " :" is printed as it is: "%s: page allocation" */
static void test_comm_as_printed(void **state)
{
	struct reports rs;

	scan_steps(
		"> kernel: WebContainer : : page allocation failure: order:4, mode:0x4d0\n",
		&rs);
	assert_int_equal(rs.nr, 1);
	assert_string_equal(rs.r[0].task, "WebContainer : ");
	reports_release(&rs);
}

/* documents that show the format are not reports */
static void test_templates(void **state)
{
	static const char *const lines[] = {
		"The kernel prints a line like this:",
		"  <task>: page allocation failure: order:<N>, mode:<GFP flags>",
		"  %s: page allocation failure. order:%d, mode:0x%x",
		"  process: page allocation failure. order:size, mode:gfp_mask",
		"  TASK: page allocation failure: order:N, mode:0xMASK(FLAGS), nodemask=(null)",
		"  swapper: page allocation failure: order:1, mode:GFP_ATOMIC",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 0);
	reports_release(&rs);
}

/* a mail archive kept the post quoted-printable */
static void test_quoted_printable(void **state)
{
	static const char *const lines[] = {
		"[   45.073877] kswapd0: page allocation failure: order:0, mode:0x1080020(GF=",
		"P_ATOMIC), nodemask=3D(null)",
		"[   45.073897] CPU: 1 PID: 716 Comm: kswapd0 Tainted: P           O    4.14=",
		".65 #3",
		"[   45.073901] Backtrace:",
		"[   45.073915] [<8020dbec>] (dump_backtrace) from [<8020ded0>] (show_stack+=",
		"0x18/0x1c)",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 1);
	assert_string_equal(rs.r[0].mode_names, "GFP_ATOMIC");
	assert_string_equal(rs.r[0].nodemask, "(null)");
	assert_string_equal(rs.r[0].kernel.str, "4.14.65");
	assert_int_equal(rs.r[0].line, 1);
	reports_release(&rs);
}

/*
 * Another program's line between two lines of a dmesg paste is not the
 * rest of the line before it: no wrap makes a short line shorter.
 */
static void test_other_program_line(void **state)
{
	static const char *const lines[] = {
		"[  2.000000] swapper/0: page allocation failure: order:1, mode:0x20",
		"[  2.000001] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 4.4.0 #1",
		"[  2.000002] Call Trace:",
		"root@web1:~# dmesg | tail",
		"[  2.000003]  [<ffffffff81761e41>] dump_stack+0x19/0x1b",
		"[  2.000004]  [<ffffffff8162e1b4>] tcp_v4_rcv+0x1b4/0x800",
		"[  2.000005] Mem-Info:",
		"  [  OK  ] Started Session 3 of user root.",
		"[  2.000006] Node 0 DMA free:15908kB min:20kB low:24kB high:28kB",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 1);
	assert_int_equal(rs.r[0].nr_frames, 2);
	assert_string_equal(rs.r[0].context.call_site, "tcp_v4_rcv");
	assert_int_equal(rs.r[0].nr_zones, 1);
	assert_false(rs.r[0].flags & PF_REPORT_WRAPPED);
	reports_release(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merged_first_lines),
		cmocka_unit_test(test_first_line_in_pieces),
		cmocka_unit_test(test_dump_inside_meminfo),
		cmocka_unit_test(test_caller_ids),
		cmocka_unit_test(test_first_line_without_prefix),
		cmocka_unit_test(test_rest_without_prefix),
		cmocka_unit_test(test_earlier_meminfo),
		cmocka_unit_test(test_kdump_field),
		cmocka_unit_test(test_comm_as_printed),
		cmocka_unit_test(test_templates),
		cmocka_unit_test(test_quoted_printable),
		cmocka_unit_test(test_other_program_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
