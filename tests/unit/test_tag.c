// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_tag.c - a tag before every line that no wrapper of line.c knows,
 * learnt from the log (tag.c): before a known wrapper or after one, with
 * numbers that change from line to line, on every line or only on those
 * after the first, and a look-alike that is no tag.  Every log is also
 * scanned in pieces (steps.h).
 */
#include "helpers.h"
#include "steps.h"

/* one report, as 4.x prints it; each test puts its own tag in front */
static const char *const body[] = {
	"swapper/0: page allocation failure: order:1, mode:0x2080020(GFP_ATOMIC)",
	"CPU: 0 PID: 0 Comm: swapper/0 Not tainted 4.9.0-8-amd64 #1 Debian 4.9.144-3",
	"Hardware name: Dell Inc. PowerEdge R630",
	"Call Trace:",
	" <IRQ>",
	" dump_stack+0x5c/0x80",
	" warn_alloc+0x120/0x1a0",
	" __alloc_pages_nodemask+0x9df/0xbe0",
	" tcp_v4_rcv+0x1b4/0x800",
	"Mem-Info:",
	"active_anon:1 inactive_anon:2 isolated_anon:0",
	"Node 0 DMA free:15908kB min:20kB low:24kB high:28kB present:15992kB managed:15908kB",
	"lowmem_reserve[]: 0 2815 15868 15868",
	"Node 0 DMA: 1*4kB (U) 0*8kB 0*16kB 1*32kB (U) = 36kB",
	"2000 total pagecache pages",
	"4194304 pages RAM",
};
#define NBODY (sizeof(body) / sizeof(body[0]))

/*
 * The body with before(i) in front of line i (none for the lines from
 * plain_from on, to mimic a paste), scanned whole and in pieces.
 */
static void scan_tagged(const char *(*before)(size_t i), struct reports *rs)
{
	char *lines[NBODY];
	char *log;

	for (size_t i = 0; i < NBODY; i++) {
		const char *t = before(i);

		lines[i] = malloc(strlen(t) + strlen(body[i]) + 1);
		assert_non_null(lines[i]);
		strcpy(lines[i], t);
		strcat(lines[i], body[i]);
	}
	log = join_lines((const char *const *)lines, NBODY);
	scan_steps(log, rs);
	free(log);
	for (size_t i = 0; i < NBODY; i++)
		free(lines[i]);
}

/* Everything the body says came through the tag. */
static void assert_whole(const struct reports *rs)
{
	const struct pf_report *r;

	assert_int_equal(rs->nr, 1);
	r = &rs->r[0];
	assert_string_equal(r->task, "swapper/0");
	assert_string_equal(r->comm, "swapper/0");
	assert_string_equal(r->kernel.str, "4.9.0-8-amd64");
	assert_int_equal(r->kernel_from, PF_KERNEL_REPORT);
	assert_string_equal(r->hardware, "Dell Inc. PowerEdge R630");
	assert_string_equal(r->context.call_site, "tcp_v4_rcv");
	assert_int_equal(r->nr_zones, 1);
	assert_int_equal(r->zones[0].free, 15908 / 4);
	assert_int_equal(r->zones[0].nr_lowmem_reserve, 4);
	assert_int_equal(r->pages_ram, 4194304);
	assert_true(r->flags & PF_REPORT_COMPLETE);
}

static char buf[128];

/* pdsh, clush, ansible: "host: " before a dmesg time stamp */
static const char *pdsh(size_t i)
{
	snprintf(buf, sizeof(buf), "node07: [%5zu.%06zu] ", 1234 + i / 8,
		 i * 1111 % 1000000);
	return buf;
}

/* the first line pasted bare, the lines after it with a tag */
static const char *all_but_first(size_t i)
{
	return i ? "<console-3> " : "";
}

/* a collector's "HH:MM:SS kernel: ": the numbers change on every line */
static const char *clock_kernel(size_t i)
{
	snprintf(buf, sizeof(buf), "18:%02zu:%02zu kernel: ", 20 + i / 60,
		 (47 + i * 7) % 60);
	return buf;
}

/* a tag on the first line only: the task line names the comm */
static const char *first_only(size_t i)
{
	return i ? "" : "[boot] ";
}

/* a console server's "ttyS0| " after a printk time stamp */
static const char *after_stamp(size_t i)
{
	snprintf(buf, sizeof(buf), "[  %zu.%06zu] ttyS0| ", 100 + i, i);
	return buf;
}

/*
 * The body behind a tagger's tags reads whole (assert_whole()), and from
 * a time stamp behind the tag, when mono_from is not negative, at least
 * that time since boot.
 */
struct tag_case {
	const char *(*before)(size_t i);
	double mono_from;
};

static void test_tagged(void **state)
{
	const struct tag_case *c = *state;
	struct reports rs;

	scan_tagged(c->before, &rs);
	assert_whole(&rs);
	if (c->mono_from >= 0 && !(rs.r[0].mono >= c->mono_from))
		fail_msg("mono %f, not from %f", rs.r[0].mono, c->mono_from);
	reports_release(&rs);
}

/* A test of test_tagged() named NAME, for the tagger and mono_from */
#define TAG_TEST(name, before, mono_from)                                      \
	{                                                                      \
		"test_" #name, test_tagged, NULL, NULL, &(struct tag_case)     \
		{                                                              \
			before, mono_from                                      \
		}                                                              \
	}

/* no CPU line (2.6.8 printed none): the tag is dropped from the task */
static void test_no_task_line(void **state)
{
	static const char *const lines[] = {
		"con: java: page allocation failure. order:5, mode:0xd0",
		"con:  [<c01065b7>] dump_stack+0x17/0x20",
		"con:  [<c013df26>] __alloc_pages+0x2d6/0x3f0",
		"con: Mem-Info:",
		"con: DMA per-cpu:",
		"con: Normal free:2928kB min:1020kB low:2040kB high:3060kB",
		"con: Call Trace:",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 1);
	assert_string_equal(rs.r[0].task, "java");
	assert_int_equal(rs.r[0].nr_zones, 1);
	reports_release(&rs);
}

/*
 * An anchor word inside another message, once, is no tag: the lines after
 * it are read as they are.
 */
static void test_no_tag_from_one_line(void **state)
{
	static const char *const lines[] = {
		"[  1.000000] watchdog: see CPU: 3 PID: 7 Comm: foo for more",
		"[  2.000000] swapper/0: page allocation failure: order:1, mode:0x20",
		"[  2.000001] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 4.4.0 #1",
		"[  2.000002] Call Trace:",
		"[  2.000003]  [<ffffffff81761e41>] dump_stack+0x19/0x1b",
		"[  2.000004]  [<ffffffff8162e1b4>] tcp_v4_rcv+0x1b4/0x800",
	};
	struct reports rs;

	SCAN_LINES(lines, &rs);
	assert_int_equal(rs.nr, 1);
	assert_string_equal(rs.r[0].task, "swapper/0");
	assert_string_equal(rs.r[0].kernel.str, "4.4.0");
	assert_string_equal(rs.r[0].context.call_site, "tcp_v4_rcv");
	reports_release(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TAG_TEST(host_before_stamp, pdsh, 1234.0),
		TAG_TEST(changing_numbers, clock_kernel, -1),
		TAG_TEST(after_stamp, after_stamp, -1),
		TAG_TEST(first_line_bare, all_but_first, -1),
		TAG_TEST(first_line_only, first_only, -1),
		cmocka_unit_test(test_no_task_line),
		cmocka_unit_test(test_no_tag_from_one_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
