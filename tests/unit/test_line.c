// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_line.c - pf_line_parse() on every wrapper kernel lines come with:
 * syslog (BSD, RFC 3339), journalctl (short-precise, short-iso,
 * short-monotonic), dmesg (plain, caller ids, per-CPU tags, -T, -x), /dev/kmsg,
 * printk levels, Android logcat, "kernel:" alone, RFC 5424, CRI and JSON
 * records (journalctl -o json, Docker), pastes, mail quotes, CRLF,
 * trace lines that open with "[<", empty lines and binary junk.
 *
 * Each case states every field: the message text, host, time as printed,
 * monotonic time, epoch (TZ is set to UTC so that local times are fixed),
 * printk level, style and flags.
 */
#include "helpers.h"

#include <limits.h>
#include <math.h>
#include <time.h>

#define NO_MONO	 -1.0
#define NO_EPOCH INT64_MIN
#define P	 PF_LINE_PREFIXED
#define NK	 PF_LINE_NOT_KERNEL
#define Q	 PF_LINE_QUOTED

struct line_case {
	const char *in;
	const char *msg;
	const char *host; /* NULL: none */
	const char *time; /* NULL: none */
	double mono;
	int64_t epoch;
	int level;
	int style;
	unsigned int flags;
};

/* clang-format off */
static const struct line_case cases[] = {
	/* BSD syslog (rsyslog/syslog-ng default, /var/log/messages) */
	{ "Mar 18 14:39:17 host kernel: swapper: page allocation failure. order:1, mode:0x20",
	  "swapper: page allocation failure. order:1, mode:0x20", "host",
	  "Mar 18 14:39:17", NO_MONO, 1710772757, -1, PF_STYLE_SYSLOG, P },
	/* another program's syslog line */
	{ "Mar 18 14:39:17 host sshd[123]: Accepted publickey for root from 10.0.0.1",
	  "Accepted publickey for root from 10.0.0.1", "host",
	  "Mar 18 14:39:17", NO_MONO, 1710772757, -1, PF_STYLE_SYSLOG, P | NK },
	/* single-digit day, padded with a space */
	{ "Mar  8 04:05:06 h kernel: x", "x", "h", "Mar  8 04:05:06", NO_MONO,
	  1709870706, -1, PF_STYLE_SYSLOG, P },
	/* syslog without a host */
	{ "Mar 18 14:39:17 kernel: x", "x", NULL, "Mar 18 14:39:17", NO_MONO,
	  1710772757, -1, PF_STYLE_SYSLOG, P },
	/* journalctl -o short-precise */
	{ "Mar 18 14:39:17.123456 host kernel: x", "x", "host",
	  "Mar 18 14:39:17.123456", NO_MONO, 1710772757, -1, PF_STYLE_SYSLOG, P },
	/* rsyslog around a printk time: both times are kept */
	{ "Mar 18 14:39:17 host kernel: [  123.456789] x", "x", "host",
	  "Mar 18 14:39:17", 123.456789, 1710772757, -1, PF_STYLE_SYSLOG, P },
	/* a trace line under syslog keeps its "[<" */
	{ "Mar 18 14:39:17 host kernel: [<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0",
	  "[<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0", "host",
	  "Mar 18 14:39:17", NO_MONO, 1710772757, -1, PF_STYLE_SYSLOG, P },
	/* rsyslog RFC 3339 */
	{ "2024-03-18T14:39:17.123456+00:00 host kernel: x", "x", "host",
	  "2024-03-18T14:39:17.123456+00:00", NO_MONO, 1710772757, -1,
	  PF_STYLE_RFC3339, P },
	/* the same instant in another zone */
	{ "2024-03-18T16:39:17.123456+02:00 host kernel: x", "x", "host",
	  "2024-03-18T16:39:17.123456+02:00", NO_MONO, 1710772757, -1,
	  PF_STYLE_RFC3339, P },
	/* journalctl -o short-iso */
	{ "2024-03-18T14:39:17+0000 host kernel: x", "x", "host",
	  "2024-03-18T14:39:17+0000", NO_MONO, 1710772757, -1,
	  PF_STYLE_RFC3339, P },
	/* journalctl -o short-monotonic */
	{ "[  123.456789] host kernel: x", "x", "host", "123.456789", 123.456789,
	  NO_EPOCH, -1, PF_STYLE_JOURNAL_MONO, P },
	/* dmesg */
	{ "[  123.456789] x", "x", NULL, "123.456789", 123.456789, NO_EPOCH, -1,
	  PF_STYLE_DMESG, P },
	/* a dmesg message with "word word: " must not be taken for a host */
	{ "[  123.456789] e1000e 0000:00:19.0: eth0: link up",
	  "e1000e 0000:00:19.0: eth0: link up", NULL, "123.456789", 123.456789,
	  NO_EPOCH, -1, PF_STYLE_DMESG, P },
	/* dmesg with CONFIG_PRINTK_CALLER ids, both spacings */
	{ "[  123.456789] [T123] x", "x", NULL, "123.456789", 123.456789,
	  NO_EPOCH, -1, PF_STYLE_DMESG, P },
	{ "[    0.000000][    T0] x", "x", NULL, "0.000000", 0.0, NO_EPOCH, -1,
	  PF_STYLE_DMESG, P },
	{ "[  5.0] [C1] x", "x", NULL, "5.0", 5.0, NO_EPOCH, -1, PF_STYLE_DMESG,
	  P },
	/* dmesg -T */
	{ "[Tue Mar 18 14:39:17 2014] x", "x", NULL, "Tue Mar 18 14:39:17 2014",
	  NO_MONO, 1395153557, -1, PF_STYLE_DMESG_T, P },
	/* /dev/kmsg: the time as printed is the microsecond field */
	{ "4,1234,5678901,-;x", "x", NULL, "5678901", 5.678901, NO_EPOCH, 4,
	  PF_STYLE_KMSG, P },
	{ "6,99,100,-,caller=T1;x", "x", NULL, "100", 0.0001, NO_EPOCH, 6,
	  PF_STYLE_KMSG, P },
	/* printk level before a time, and alone */
	{ "<4>[  1.5] x", "x", NULL, "1.5", 1.5, NO_EPOCH, 4, PF_STYLE_DMESG, P },
	/*
	 * A level alone is a wrapper (PREFIXED) but names no style of log:
	 * the style stays BARE.
	 */
	{ "<6>x", "x", NULL, NULL, NO_MONO, NO_EPOCH, 6, PF_STYLE_BARE, P },
	/* Android: logcat time, level, "[...s]" time, "[pid:...]" tag */
	{ "07-13 08:41:51.341 <4>[309805.658142s][pid:1361,cpu5,sManagerService]"
	  "sManagerService: page allocation failure: order:2, mode:0x2000d1",
	  "sManagerService: page allocation failure: order:2, mode:0x2000d1",
	  NULL, "07-13 08:41:51.341", 309805.658142, NO_EPOCH, 4,
	  PF_STYLE_ANDROID, P },
	/* per-CPU tags of vendor kernels */
	{ "[  123.456789] (2)[0:swapper/2]x", "x", NULL, "123.456789", 123.456789,
	  NO_EPOCH, -1, PF_STYLE_DMESG, P },
	{ "[  123.456789] [0:  swapper/0:    0] x", "x", NULL, "123.456789",
	  123.456789, NO_EPOCH, -1, PF_STYLE_DMESG, P },
	{ "[  123.456789] (12)[0:swapper/12]x", "x", NULL, "123.456789",
	  123.456789, NO_EPOCH, -1, PF_STYLE_DMESG, P },
	/* dmesg -T with fractions of a second (util-linux iso-ish) */
	{ "[Mon Mar 25 23:35:17.123456 2019] x", "x", NULL,
	  "Mon Mar 25 23:35:17.123456 2019", NO_MONO, 1553556917, -1,
	  PF_STYLE_DMESG_T, P },
	/* "kernel: " alone (journalctl -o cat with identifiers, pastes) */
	{ "kernel: x", "x", NULL, NULL, NO_MONO, NO_EPOCH, -1,
	  PF_STYLE_KERNEL_TAG, P },
	/* pastes indented by spaces or a tab */
	{ "    [  123.456789] x", "x", NULL, "123.456789", 123.456789, NO_EPOCH,
	  -1, PF_STYLE_DMESG, P },
	{ "\tMar 18 14:39:17 host kernel: x", "x", "host", "Mar 18 14:39:17",
	  NO_MONO, 1710772757, -1, PF_STYLE_SYSLOG, P },
	{ "   swapper: page allocation failure. order:1, mode:0x20",
	  "swapper: page allocation failure. order:1, mode:0x20", NULL, NULL,
	  NO_MONO, NO_EPOCH, -1, PF_STYLE_BARE, 0 },
	/*
	 * Mail quotes.  A quote alone is not a log wrapper: QUOTED without
	 * PREFIXED, so that a quoted line broken by the mail client is still
	 * re-joined to the quoted line before it.
	 */
	{ "> x", "x", NULL, NULL, NO_MONO, NO_EPOCH, -1, PF_STYLE_BARE, Q },
	{ "> \t[Mon Mar 25 23:35:17 2019] x", "x", NULL,
	  "Mon Mar 25 23:35:17 2019", NO_MONO, 1553556917, -1, PF_STYLE_DMESG_T,
	  Q | P },
	{ ">> x", "x", NULL, NULL, NO_MONO, NO_EPOCH, -1, PF_STYLE_BARE, Q },
	{ "> > [  2.5] x", "x", NULL, "2.5", 2.5, NO_EPOCH, -1, PF_STYLE_DMESG,
	  Q | P },
	/* CRI (kubectl logs, /var/log/pods) around a dmesg line */
	{ "2024-03-18T14:39:17.123456789Z stdout F [  100.000001] x", "x", NULL,
	  "2024-03-18T14:39:17.123456789Z", 100.000001, 1710772757, -1,
	  PF_STYLE_CRI, P },
	/* RFC 5424: the kernel's, another program's, structured data */
	{ "<4>1 2024-03-18T14:39:17.123456+00:00 web1 kernel - - - x", "x",
	  "web1", "2024-03-18T14:39:17.123456+00:00", NO_MONO, 1710772757, 4,
	  PF_STYLE_RFC5424, P },
	{ "<6>1 - web1 sshd 123 - - Accepted", "Accepted", "web1", NULL,
	  NO_MONO, NO_EPOCH, 6, PF_STYLE_RFC5424, P | NK },
	{ "<4>1 2024-03-18T14:39:17Z web1 kernel - - [m k=\"a]\"] x", "x",
	  "web1", "2024-03-18T14:39:17Z", NO_MONO, 1710772757, 4,
	  PF_STYLE_RFC5424, P },
	/* journalctl -o json: kernel and other transports; Docker json-file */
	{ "{\"__REALTIME_TIMESTAMP\":\"1710772757123456\",\"_TRANSPORT\":\"kernel\","
	  "\"PRIORITY\":\"4\",\"_SOURCE_MONOTONIC_TIMESTAMP\":\"100000001\","
	  "\"_HOSTNAME\":\"web1\",\"MESSAGE\":\"x y\"}", "x y", "web1",
	  "100000001", 100.000001, 1710772757, 4, PF_STYLE_JSON, P },
	{ "{ \"_TRANSPORT\" : \"syslog\", \"MESSAGE\" : \"x\" }", "x", NULL, NULL,
	  NO_MONO, NO_EPOCH, -1, PF_STYLE_JSON, P | NK },
	{ "{\"log\":\"[  100.000001] x\\n\",\"stream\":\"stdout\","
	  "\"time\":\"2024-03-18T14:39:17.1Z\"}", "x", NULL,
	  "2024-03-18T14:39:17.1Z", 100.000001, 1710772757, -1, PF_STYLE_JSON,
	  P },
	/* dmesg -x: facility and level, each padded to six */
	{ "kern  :warn  : [  123.456789] x", "x", NULL, "123.456789", 123.456789,
	  NO_EPOCH, 4, PF_STYLE_DMESG, P },
	{ "kern  :info  : [  123.456789] Mem-Info:", "Mem-Info:", NULL,
	  "123.456789", 123.456789, NO_EPOCH, 6, PF_STYLE_DMESG, P },
	{ "daemon:err   : x", "x", NULL, NULL, NO_MONO, NO_EPOCH, 3,
	  PF_STYLE_BARE, P },
	/* not a level: the message is left whole */
	{ "swapper:warning: x", "swapper:warning: x", NULL, NULL, NO_MONO,
	  NO_EPOCH, -1, PF_STYLE_BARE, 0 },
	/* CRLF and bare CR line endings */
	{ "Mar 18 14:39:17 host kernel: x\r\n", "x", "host", "Mar 18 14:39:17",
	  NO_MONO, 1710772757, -1, PF_STYLE_SYSLOG, P },
	{ "[  123.456789] x\r", "x", NULL, "123.456789", 123.456789, NO_EPOCH,
	  -1, PF_STYLE_DMESG, P },
	/* trace lines keep their "[<" */
	{ " [<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0",
	  "[<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0", NULL,
	  NULL, NO_MONO, NO_EPOCH, -1, PF_STYLE_BARE, 0 },
	{ "[  123.456789]  [<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0",
	  "[<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0", NULL,
	  "123.456789", 123.456789, NO_EPOCH, -1, PF_STYLE_DMESG, P },
	/* an empty line, a line of blanks */
	{ "", "", NULL, NULL, NO_MONO, NO_EPOCH, -1, PF_STYLE_BARE, 0 },
	{ " \t ", "", NULL, NULL, NO_MONO, NO_EPOCH, -1, PF_STYLE_BARE, 0 },
};
/* clang-format on */

static void check_str(const char *what, const char *in, const char *got,
		      size_t got_len, const char *want)
{
	if (!want) {
		if (got)
			fail_msg("%s: %s: expected none, got \"%.*s\"", in,
				 what, (int)got_len, got);
		return;
	}
	if (!got)
		fail_msg("%s: %s: expected \"%s\", got none", in, what, want);
	if (got_len != strlen(want) || memcmp(got, want, got_len))
		fail_msg("%s: %s: expected \"%s\", got \"%.*s\"", in, what,
			 want, (int)got_len, got);
}

static void check_case(const struct line_case *c)
{
	struct pf_line l;
	size_t len = strlen(c->in);

	pf_line_parse(c->in, len, 2024, &l);
	check_str("msg", c->in, l.msg, l.msg_len, c->msg);
	/* msg points into the line */
	assert_true(l.msg >= c->in && l.msg + l.msg_len <= c->in + len);
	check_str("host", c->in, l.host, l.host_len, c->host);
	check_str("time", c->in, l.time, l.time_len, c->time);
	if (c->mono < 0) {
		if (l.mono != -1)
			fail_msg("%s: mono: expected -1, got %f", c->in,
				 l.mono);
	} else if (fabs(l.mono - c->mono) > 1e-9) {
		fail_msg("%s: mono: expected %f, got %f", c->in, c->mono,
			 l.mono);
	}
	if (l.epoch != c->epoch)
		fail_msg("%s: epoch: expected %lld, got %lld", c->in,
			 (long long)c->epoch, (long long)l.epoch);
	if (l.level != c->level)
		fail_msg("%s: level: expected %d, got %d", c->in, c->level,
			 l.level);
	if (l.style != c->style)
		fail_msg("%s: style: expected %d, got %d", c->in, c->style,
			 l.style);
	if (l.flags != c->flags)
		fail_msg("%s: flags: expected %#x, got %#x", c->in, c->flags,
			 l.flags);
}

static void test_cases(void **state)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(&cases[i]);
}

/* A line is not NUL-terminated: the parser must stop at len. */
static void test_not_terminated(void **state)
{
	static const char buf[] = "Mar 18 14:39:17 host kernel: xyz";
	struct pf_line l;

	/* cut after "x": the rest of the buffer is not the line's */
	pf_line_parse(buf, strlen(buf) - 2, 2024, &l);
	assert_int_equal(l.msg_len, 1);
	assert_memory_equal(l.msg, "x", 1);
	assert_int_equal(l.style, PF_STYLE_SYSLOG);

	/* a line cut inside its time stamp has no wrapper */
	pf_line_parse(buf, 10, 2024, &l);
	assert_ptr_equal(l.msg, buf);
	assert_int_equal(l.msg_len, 10);
	assert_int_equal(l.style, PF_STYLE_BARE);
	assert_int_equal(l.flags, 0);
	assert_null(l.host);
	assert_null(l.time);
}

/* What the parser found of a line lies inside the line's n bytes. */
static void assert_parts_inside(const struct pf_line *l, const char *buf,
				size_t n)
{
	assert_true(l->msg >= buf && l->msg + l->msg_len <= buf + n);
	if (l->host)
		assert_true(l->host >= buf && l->host + l->host_len <= buf + n);
	if (l->time)
		assert_true(l->time >= buf && l->time + l->time_len <= buf + n);
}

/*
 * Every wrapper cut at every byte, each cut in a heap buffer of exactly
 * its length, so that under ASan a read one byte past the line is caught
 * ("<4>1 " with nothing after it once was).  The parts found stay in it.
 */
static void test_every_cut(void **state)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i].in);

		for (size_t n = 0; n <= len; n++) {
			char *buf = malloc(n ? n : 1);
			struct pf_line l;

			assert_non_null(buf);
			memcpy(buf, cases[i].in, n);
			pf_line_parse(buf, n, 2024, &l);
			assert_parts_inside(&l, buf, n);
			free(buf);
		}
	}
}

/* The year given is used for syslog times, which print none. */
static void test_syslog_year(void **state)
{
	static const char s[] = "Mar 18 14:39:17 host kernel: x";
	struct pf_line l;

	pf_line_parse(s, strlen(s), 2014, &l);
	assert_int_equal(l.epoch, 1395153557);
}

static void test_binary_junk(void **state)
{
	/* NUL bytes, high bytes, brackets and digits in odd places */
	static const char junk[] = "  \x00\x01\xff\xfe\x00<\x00>\x80\x00junk"
				   "\x00[\x00\x00,;\x00\x7f\x00";
	size_t len = sizeof(junk) - 1;
	struct pf_line l;

	pf_line_parse(junk, len, 2024, &l);
	assert_ptr_equal(l.msg, junk + 2);
	assert_int_equal(l.msg_len, len - 2);
	assert_null(l.host);
	assert_null(l.time);
	assert_int_equal(l.level, -1);
	assert_int_equal(l.style, PF_STYLE_BARE);
	assert_int_equal(l.flags, 0);

	/* pseudo-random bytes of every length: no crash, msg in bounds */
	{
		char buf[96];
		unsigned int seed = 12345;
		static const char alphabet[] =
			"0123456789[]<>:;,. -TMarJ\t\r\n>\0\xff";

		for (int round = 0; round < 20000; round++) {
			size_t n = (size_t)(round % (int)sizeof(buf));

			for (size_t i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				buf[i] = alphabet[(seed >> 16) %
						  (sizeof(alphabet) - 1)];
			}
			pf_line_parse(buf, n, 2024, &l);
			assert_parts_inside(&l, buf, n);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_not_terminated),
		cmocka_unit_test(test_every_cut),
		cmocka_unit_test(test_syslog_year),
		cmocka_unit_test(test_binary_junk),
	};

	/* syslog and dmesg -T times are local: pin the zone */
	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
