// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_trace.c - unit tests of the call trace recogniser (lib/report/
 * trace.c): the frames of every era and architecture, the markers, the
 * "? " of a frame the unwinder did not vouch for, the module, and the
 * lines of a dump that are no frames (register dumps, stack words).
 *
 * The lines are the corpus's own (tests/fixtures/corpus, file and line
 * named beside each), whole with their log wrappers: each goes through
 * pf_line_parse() first, so that pf_trace_line() sees the message the
 * scanner would give it.  Where the corpus has no report of a shape (the
 * <TASK> markers of 5.15+, an x86 register dump, RHEL 5's module
 * prefix), the line is built from the kernel's format string instead
 * (shared/reference/kernel-facts.md section 2.3), and said so.  Offsets
 * are not kept (struct pf_frame holds the symbol only): a frame's name
 * must end where its "+0x" begins.  Last, whole reports through the
 * scanner: the frames of one trace, in order.
 */
#include "helpers.h"
#include "report/internal.h"

#define MAX_WANT 4

/* A frame: a function, with a module, unreliable ("? "), or a marker */
#define FN(f)                                                                  \
	{                                                                      \
		f, NULL, false, false                                          \
	}
#define FNM(f, m)                                                              \
	{                                                                      \
		f, m, false, false                                             \
	}
#define FQ(f)                                                                  \
	{                                                                      \
		f, NULL, false, true                                           \
	}
#define FQM(f, m)                                                              \
	{                                                                      \
		f, m, false, true                                              \
	}
#define MK(f)                                                                  \
	{                                                                      \
		f, NULL, true, false                                           \
	}
/* A line that adds one frame */
#define ONEFRAME(where, line, f)                                               \
	{                                                                      \
		where, line, PF_TRACE_FRAMES, 1,                               \
		{                                                              \
			f                                                      \
		}                                                              \
	}
/* A line that adds no frame */
#define NOFRAME(where, line, kind)                                             \
	{                                                                      \
		where, line, kind, 0,                                          \
		{                                                              \
			FN(NULL)                                               \
		}                                                              \
	}

struct want_frame {
	const char *func;
	const char *module; /* NULL: none */
	bool marker;
	bool unreliable;
};

struct trace_case {
	const char *where; /* corpus file:line, or the format */
	const char *line;
	int kind; /* enum pf_trace_kind */
	int nr;
	struct want_frame f[MAX_WANT];
};

static void check_frame(const struct pf_frame *got,
			const struct want_frame *want)
{
	assert_string_equal(got->func, want->func);
	assert_string_equal(got->module, want->module ? want->module : "");
	assert_int_equal(got->kind,
			 want->marker ? PF_FRAME_MARKER : PF_FRAME_FUNC);
	assert_int_equal(got->unreliable, want->unreliable);
}

/*
 * Each case's line taken apart and recognised: its kind, and the frames
 * appended to an empty report.  Recognised without appending, the kind is
 * the same and no frame is added.
 */
static void run_cases(const struct trace_case *c, size_t n)
{
	struct pf_report *r = report_new();

	for (size_t i = 0; i < n; i++) {
		struct pf_line l;

		print_message("%s: %s\n", c[i].where, c[i].line);
		pf_line_parse(c[i].line, strlen(c[i].line), 2024, &l);
		pf_report_init(r);
		assert_int_equal(pf_trace_line(l.msg, l.msg_len, r, false),
				 c[i].kind);
		assert_int_equal(r->nr_frames, 0);
		assert_int_equal(pf_trace_line(l.msg, l.msg_len, r, true),
				 c[i].kind);
		assert_int_equal(r->nr_frames, c[i].nr);
		for (int j = 0; j < c[i].nr; j++)
			check_frame(&r->frames[j], &c[i].f[j]);
	}
	free(r);
}

#define RUN_CASES(c) run_cases(c, sizeof(c) / sizeof(c[0]))

/*
 * 2.6.16 x86_64 (corpus 019, mail-wrapped): "Call Trace:" with the <IRQ>
 * marker on it, "<address>{sym+decimal offset}" frames, two a line once
 * the wrap is undone, <EOI> after the last frame of the interrupt.
 */
static void test_x86_64_2_6_16(void **state)
{
	/* clang-format off */
	static const struct trace_case c[] = {
		{ "019:4", "Mar 28 18:03:47 t06 kernel: Call Trace: <IRQ> ",
		  PF_TRACE_START, 1, { MK("IRQ") } },
		ONEFRAME("019:5", "<ffffffff8015d501>{__alloc_pages+705}",
			 FN("__alloc_pages")),
		ONEFRAME("019:6", "Mar 28 18:03:47 t06 kernel:        "
			 "<ffffffff8017be67>{cache_grow+359} ",
			 FN("cache_grow")),
		{ "019:6-7", "Mar 28 18:03:47 t06 kernel:        "
			     "<ffffffff8017be67>{cache_grow+359} "
			     "<ffffffff8017c362>{cache_alloc_refill+450}",
		  PF_TRACE_FRAMES, 2,
		  { FN("cache_grow"), FN("cache_alloc_refill") } },
		{ "019:30", "<ffffffff8010b120>{ret_from_intr+0} <EOI>",
		  PF_TRACE_FRAMES, 2,
		  { FN("ret_from_intr"), MK("EOI") } },
	};
	/* clang-format on */

	(void)state;
	RUN_CASES(c);
}

/*
 * 2.6.x - 4.9 x86: " [<address>] ? sym+0xoff/0xlen [module]", the <IRQ>
 * and <EOI> markers inline before the next frame (seed: RHEL 6's
 * 2.6.32-358; 005: 2.6.32, indented by its paste; 003: i386 2.6.31; 012:
 * i386 2.6.8, no "?" yet and no "Call Trace:" line).
 */
static void test_x86_2_6_32(void **state)
{
	/* clang-format off */
	static const struct trace_case c[] = {
		NOFRAME("seed:8", "kernel: Call Trace:", PF_TRACE_START),
		{ "seed:9", "kernel: <IRQ>  [<ffffffff8112c207>] ? "
			    "__alloc_pages_nodemask+0x757/0x8d0",
		  PF_TRACE_FRAMES, 2,
		  { MK("IRQ"), FQ("__alloc_pages_nodemask") } },
		ONEFRAME("seed:31", "kernel: [<ffffffffa008b975>] ? "
			 "vmxnet3_rq_rx_complete+0x365/0x890 [vmxnet3]",
			 FQM("vmxnet3_rq_rx_complete", "vmxnet3")),
		ONEFRAME("seed:32", "kernel: [<ffffffff8128d2b0>] ? "
			 "swiotlb_map_page+0x0/0x100", FQ("swiotlb_map_page")),
		{ "seed:42", "kernel: <EOI>  [<ffffffff8103b90b>] ? "
			     "native_safe_halt+0xb/0x10",
		  PF_TRACE_FRAMES, 2,
		  { MK("EOI"), FQ("native_safe_halt") } },
		{ "005:7", "  Feb 20 21:20:06 server1 kernel: <IRQ>  "
			   "[<ffffffff81084d3a>] ? "
			   "__alloc_pages_nodemask+0x54a/0x670",
		  PF_TRACE_FRAMES, 2,
		  { MK("IRQ"), FQ("__alloc_pages_nodemask") } },
		ONEFRAME("003:12", " [<d1614b6f>] ? e100_alloc_cbs+0xc7/0x174 "
			 "[e100]", FQM("e100_alloc_cbs", "e100")),
		ONEFRAME("012:2", " [<c01065b7>] dump_stack+0x17/0x20",
			 FN("dump_stack")),
		ONEFRAME("012:9", " [<f1a47d97>] kmem_alloc+0x57/0xc0 [xfs]",
			 FNM("kmem_alloc", "xfs")),
		/*
		 * RHEL 5 x86_64 printk_address() puts the module between
		 * colons before the symbol (no such report in the corpus:
		 * the format's shape)
		 */
		ONEFRAME("RHEL 5 format", " [<ffffffff8823b26e>] "
			 ":e1000:e1000_alloc_rx_buffers+0x94/0x2e1",
			 FNM("e1000_alloc_rx_buffers", "e1000")),
	};
	/* clang-format on */

	(void)state;
	RUN_CASES(c);
}

/*
 * 4.10+ x86: " ? sym+0xoff/0xlen [module]" with no address; the markers
 * on lines of their own (008: 4.19 <IRQ> ... </IRQ>; 001: 5.10; 029:
 * 5.0 behind a mail quote and dmesg -T).  5.15+ brackets the task's
 * stack with <TASK> and </TASK> (no report in the corpus has them: the
 * lines as dumpstack.c prints them).
 */
static void test_x86_4_10_on(void **state)
{
	/* clang-format off */
	static const struct trace_case c[] = {
		NOFRAME("008:7", "Call Trace:", PF_TRACE_START),
		ONEFRAME("008:8", " <IRQ>", MK("IRQ")),
		ONEFRAME("008:10", " warn_alloc.cold.43+0x8a/0x148",
			 FN("warn_alloc.cold.43")),
		ONEFRAME("008:16", " pqi_raid_submit_scsi_cmd_with_io_request"
			 "+0x1c3/0x470 [smartpqi]",
			 FNM("pqi_raid_submit_scsi_cmd_with_io_request",
			     "smartpqi")),
		ONEFRAME("008:19", " </IRQ>", MK("/IRQ")),
		NOFRAME("001:4", "[ 9556.710268] Call Trace:", PF_TRACE_START),
		ONEFRAME("001:7", "[ 9556.710297]  ? "
			 "__alloc_pages_direct_compact+0x137/0x150",
			 FQ("__alloc_pages_direct_compact")),
		ONEFRAME("001:8", "[ 9556.710303]  "
			 "__alloc_pages_slowpath.constprop.0+0xc1b/0xc50",
			 FN("__alloc_pages_slowpath.constprop.0")),
		ONEFRAME("001:18", "[ 9556.710657]  ? "
			 "amdgpu_bo_subtract_pin_size+0x60/0x60 [amdgpu]",
			 FQM("amdgpu_bo_subtract_pin_size", "amdgpu")),
		ONEFRAME("029:8", "> \t[Mon Mar 25 23:35:17 2019]  ? "
			 "rcu_read_lock_sched_held+0x68/0x70",
			 FQ("rcu_read_lock_sched_held")),
		ONEFRAME("5.15+ format", "[  123.456789]  <TASK>", MK("TASK")),
		ONEFRAME("5.15+ format", "[  123.456789]  </TASK>",
			 MK("/TASK")),
	};
	/* clang-format on */

	(void)state;
	RUN_CASES(c);
}

/*
 * arm64, mips: "[<address>] sym+0xoff/0xlen" (006: 4.1 behind an
 * Android prefix; 015: 4.14 with the addresses zeroed and "Call trace: "
 * in lower case; 007: 5.4, no address; 014: mips 6.12).  32-bit arm
 * (027: 4.14): "[<addr>] (callee) from [<addr>] (caller+0xoff/0xlen)",
 * of which the callee is the frame (the caller is the next line's
 * callee), also when the wrap cut the caller off.
 */
static void test_arm_mips(void **state)
{
	/* clang-format off */
	static const struct trace_case c[] = {
		NOFRAME("006:5", "07-13 08:41:51.347 <0>[309805.658172s]"
			"[pid:1361,cpu5,sManagerService]Call trace:",
			PF_TRACE_START),
		ONEFRAME("006:6", "07-13 08:41:51.347 <4>[309805.658203s]"
			 "[pid:1361,cpu5,sManagerService][<ffffffc00008a0a4>] "
			 "dump_backtrace+0x0/0x150", FN("dump_backtrace")),
		ONEFRAME("006:12", "07-13 08:41:51.347 <4>[309805.658233s]"
			 "[pid:1361,cpu5,sManagerService][<ffffffc00009fa78>] "
			 "copy_process.part.46+0x140/0x15ac",
			 FN("copy_process.part.46")),
		NOFRAME("015:4", "[ 4738.329350] Call trace: ", PF_TRACE_START),
		ONEFRAME("015:5", "[ 4738.329366] [<0000000000000000>] "
			 "dump_backtrace+0x0/0x248", FN("dump_backtrace")),
		ONEFRAME("007:16", "<4>[   59.707785]  "
			 "security_compute_sid.llvm.13699573597798246927"
			 "+0x508/0x5d8",
			 FN("security_compute_sid.llvm.13699573597798246927")),
		ONEFRAME("014:18", "[ 3011.726291] [<80008430>] "
			 "show_stack+0x28/0xf0", FN("show_stack")),
		NOFRAME("027:6", "[ 3205.845153] Backtrace:", PF_TRACE_START),
		ONEFRAME("027:7-8", "[ 3205.847617] [<8020dbec>] "
			 "(dump_backtrace) from [<8020ded0>] "
			 "(show_stack+0x18/0x1c)", FN("dump_backtrace")),
		ONEFRAME("027:19", "[ 3205.897771] [<803507d4>] "
			 "(__alloc_pages_nodemask) from [<80375484>]",
			 FN("__alloc_pages_nodemask")),
	};
	/* clang-format on */

	(void)state;
	RUN_CASES(c);
}

/*
 * What dump_stack() prints around the frames: arm's register lines
 * (027), mips's stack words and its "..." (014), x86's stack words
 * before "Call Trace:" up to 4.9 and its register dump (no such lines
 * in the corpus: built from "%016lx" and "RIP: %04x:%pS").  Part of the
 * dump, never frames.  And the other lines of a report: no trace at all.
 */
static void test_no_frames(void **state)
{
	/* clang-format off */
	static const struct trace_case c[] = {
		NOFRAME("027:9", "[ 3205.855187]  r6:600f0013 r5:8141c21c "
			"r4:00000000 r3:d98a4108", PF_TRACE_NOISE),
		NOFRAME("027:21", "[ 3205.906906]  r10:00080000 r9:803a983c "
			"r8:00080000 r7:00000007", PF_TRACE_NOISE),
		NOFRAME("027:23", "[ 3205.914731]  r4:bf20b800",
			PF_TRACE_NOISE),
		NOFRAME("014:6", "[ 3011.725948] Stack : 00000001 8009888c "
			"00000001 00000004 00000001", PF_TRACE_NOISE),
		NOFRAME("014:8", "[ 3011.726039]         01000000 80097b10 "
			"00000000 00000000 00000000", PF_TRACE_NOISE),
		NOFRAME("014:16", "[ 3011.726269]         ...", PF_TRACE_NOISE),
		NOFRAME("%016lx format", " ffff8801ca657d38 ffffffff8112c207 "
			"0000000000000000", PF_TRACE_NOISE),
		NOFRAME("RIP: format", "RIP: 0010:native_safe_halt+0xb/0x10",
			PF_TRACE_NOISE),
		/* lines of a report (and around one) that are no trace */
		NOFRAME("019:1", "Mar 28 18:03:47 t06 kernel: swapper: page "
			"allocation failure. order:1, ", PF_TRACE_NONE),
		NOFRAME("019:35", "Mar 28 18:03:47 t06 kernel: Mem-info:",
			PF_TRACE_NONE),
		NOFRAME("014:5", "[ 3011.725931] Hardware name: MT7621DAT",
			PF_TRACE_NONE),
		NOFRAME("007:2", "<4>[   59.707676] CPU: 5 PID: 1209 Comm: "
			"system_server Tainted: G S O      "
			"5.4.161-qgki-24219806-abA236USQU0AVE1 #1",
			PF_TRACE_NONE),
		NOFRAME("007:27", "<4>[   59.707890] active_anon:223569 "
			"inactive_anon:74412 isolated_anon:0", PF_TRACE_NONE),
		NOFRAME("007:35", "<4>[   59.707915] lowmem_reserve[]: 0 0",
			PF_TRACE_NONE),
		NOFRAME("007:36", "<4>[   59.707922] Normal: 8*4kB (H) 5*8kB "
			"(H) 13*16kB (H) 25*32kB (H) 0*64kB 0*128kB 0*256kB "
			"0*512kB 0*1024kB 0*2048kB 0*4096kB = 1080kB",
			PF_TRACE_NONE),
		NOFRAME("003:1", "e100: Intel(R) PRO/100 Network Driver, "
			"3.5.24-k2-NAPI", PF_TRACE_NONE),
		NOFRAME("009:10", " SLUB: Unable to allocate memory on node "
			"-1, gfp=0xa20(GFP_ATOMIC)", PF_TRACE_NONE),
	};
	/* clang-format on */

	(void)state;
	RUN_CASES(c);
}

/* A trace longer than PF_TRACE_MAX keeps its first PF_TRACE_MAX frames */
static void test_trace_max(void **state)
{
	static const char two[] = "<ffffffff8017be67>{cache_grow+359} "
				  "<ffffffff8017c362>{cache_alloc_refill+450}";
	struct pf_report *r = report_new();

	(void)state;
	for (int i = 0; i < PF_TRACE_MAX; i++)
		assert_int_equal(pf_trace_line(two, strlen(two), r, true),
				 PF_TRACE_FRAMES);
	assert_int_equal(r->nr_frames, PF_TRACE_MAX);
	assert_string_equal(r->frames[PF_TRACE_MAX - 1].func,
			    "cache_alloc_refill");
	free(r);
}

static void check_names(const struct pf_report *r, const char *const *want,
			int n)
{
	assert_int_equal(r->nr_frames, n);
	for (int i = 0; i < n; i++) {
		const char *w = want[i];
		bool marker = w[0] == '<';

		assert_int_equal(r->frames[i].kind,
				 marker ? PF_FRAME_MARKER : PF_FRAME_FUNC);
		if (marker)
			assert_memory_equal(r->frames[i].func, w + 1,
					    strlen(w) - 2);
		else
			assert_string_equal(r->frames[i].func, w);
	}
}

/*
 * Through the scanner, the whole trace of a report as the file has it,
 * read off the file by hand: 019's two frames a line, re-joined after the
 * mail client wrapped them, between <IRQ> and <EOI>; 027's arm frames
 * with the register lines between them, each "from" line's caller
 * continued on the next line.
 */
static void test_scanned(void **state)
{
	/* clang-format off */
	static const char *const t019[] = {
		"<IRQ>", "__alloc_pages", "cache_grow", "cache_alloc_refill",
		"__kmalloc", "__alloc_skb", "tcp_collapse", "tcp_prune_queue",
		"tcp_data_queue", "tcp_rcv_established", "tcp_v4_do_rcv",
		"nf_iterate", "tcp_v4_rcv", "ip_local_deliver_finish",
		"ip_local_deliver", "ip_rcv", "__alloc_skb",
		"netif_receive_skb", "tg3_poll", "net_rx_action",
		"__do_softirq", "call_softirq", "do_softirq", "do_IRQ",
		"default_idle", "ret_from_intr", "<EOI>", "thread_return",
		"default_idle", "cpu_idle", "start_secondary",
	};
	/* clang-format on */
	/* clang-format off */
	static const char *const t027[] = {
		"dump_backtrace", "show_stack", "dump_stack", "warn_alloc",
		"__alloc_pages_nodemask", "kmalloc_order_trace", "__kmalloc",
		"dma_common_contiguous_remap", "__alloc_from_contiguous",
		"cma_allocator_alloc", "__dma_alloc", "arm_dma_alloc",
	};
	/* clang-format on */
	struct reports rs = { 0 };

	(void)state;
	assert_int_equal(scan_file(PF_FIXTURES
				   "/corpus/019-swapper-tg3-"
				   "order1-numa2-2.6.16-x86_64-syslog-"
				   "wrapped.log",
				   &rs, NULL),
			 0);
	assert_int_equal(rs.nr, 1);
	check_names(&rs.r[0], t019, sizeof(t019) / sizeof(t019[0]));
	for (int i = 0; i < rs.r[0].nr_frames; i++)
		assert_false(rs.r[0].frames[i].unreliable);
	reports_release(&rs);

	assert_int_equal(scan_file(PF_FIXTURES
				   "/corpus/027-HwBinder-cma-"
				   "order7-arm32-android-4.14-regdump-"
				   "wrapped-plus-stall.log",
				   &rs, NULL),
			 0);
	assert_true(rs.nr >= 1);
	assert_string_equal(rs.r[0].task, "HwBinder:1894_6");
	check_names(&rs.r[0], t027, sizeof(t027) / sizeof(t027[0]));
	reports_release(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_x86_64_2_6_16),
		cmocka_unit_test(test_x86_2_6_32),
		cmocka_unit_test(test_x86_4_10_on),
		cmocka_unit_test(test_arm_mips),
		cmocka_unit_test(test_no_frames),
		cmocka_unit_test(test_trace_max),
		cmocka_unit_test(test_scanned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
