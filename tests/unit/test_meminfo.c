// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_meminfo.c - numbers in a Mem-Info (and the header's order) that no
 * kernel prints: 2^64 and beyond, negative values, block sizes that are not
 * a power of two, node ids past MAX_NUMNODES.  Each is read as unknown, the
 * report is kept, and the scanner says which field of which report, once.
 */
#include "helpers.h"

struct diags {
	struct reports rs;
	int n;
	unsigned long line;
	char msg[512];
};

static int keep(const struct pf_report *r, void *data)
{
	return collect(r, &((struct diags *)data)->rs);
}

static void on_diag(const char *source, unsigned long line, const char *msg,
		    void *data)
{
	struct diags *d = data;

	if (!d->n++) {
		d->line = line;
		snprintf(d->msg, sizeof(d->msg), "%s", msg);
	}
}

/* A whole 4.4 report; line 5 is the zone line, 7 the buddy line. */
static const char *const lines[] = {
	"[  1.1] swapper/0: page allocation failure: order:1, mode:0x2080020",
	"[  1.2] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 4.4.0 #1",
	"[  1.3] Mem-Info:",
	"[  1.3] active_anon:1 inactive_anon:2 isolated_anon:0",
	"[  1.4] Node 0 DMA free:15908kB min:20kB low:24kB high:28kB present:15992kB managed:15908kB",
	"[  1.5] lowmem_reserve[]: 0 2815 15868 15868",
	"[  1.6] Node 0 DMA: 1*4kB (U) 0*8kB 0*16kB 1*32kB (U) 1*8192kB = 8228kB",
	"[  1.7] 2000 total pagecache pages",
	"[  1.8] 4194304 pages RAM",
};
#define NR_LINES (sizeof(lines) / sizeof(lines[0]))

/* Scan lines with line no (1-based) replaced by repl, or none when 0. */
static void scan_with(unsigned no, const char *repl, struct diags *d)
{
	struct pf_scan_opts o = { .year = 2024, .report = keep,
				  .diag = on_diag, .data = d };
	struct pf_scanner *sc = pf_scanner_new("<mem>", &o);

	memset(d, 0, sizeof(*d));
	assert_non_null(sc);
	for (unsigned i = 0; i < NR_LINES; i++) {
		const char *l = i + 1 == no ? repl : lines[i];

		assert_int_equal(pf_scanner_feed(sc, l, strlen(l)), 0);
		assert_int_equal(pf_scanner_feed(sc, "\n", 1), 0);
	}
	assert_int_equal(pf_scanner_finish(sc), 0);
	pf_scanner_free(sc);
	assert_int_equal(d->rs.nr, 1);		/* the report is kept */
}

static void test_clean(void **state)
{
	struct diags d;

	scan_with(0, NULL, &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(d.rs.r[0].zones[0].free, 15908 / 4);
	assert_int_equal(d.rs.r[0].zones[0].nr_orders, 12);
	assert_int_equal(d.rs.r[0].pages_ram, 4194304);
	reports_release(&d.rs);
}

/* one bad field: the diagnostic names it, its line and the report */
static void expect(struct diags *d, unsigned long line, const char *field)
{
	char want[256];

	assert_int_equal(d->n, 1);
	assert_int_equal(d->line, line);
	snprintf(want, sizeof(want), "'%s' in the report of swapper/0 at line 1 "
		 "is out of range; read as unknown", field);
	assert_string_equal(d->msg, want);
}

static void test_zone_fields(void **state)
{
	static const char *const bad[] = {
		"free:18446744073709551616kB", "free:18446744073709551615kB",
		"free:-5kB", "free:99999999999999999999kB",
		"min:4398046511105kB", "managed:-1kB",
	};
	struct diags d;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char line[512], field[64];
		const struct pf_zone *z;

		snprintf(field, sizeof(field), "%.*s",
			 (int)(strchr(bad[i], ':') - bad[i]), bad[i]);
		snprintf(line, sizeof(line), "[  1.4] Node 0 DMA%s %s",
			 strcmp(field, "free") ? " free:15908kB" : "",
			 bad[i]);
		/* the other fields as printed */
		strcat(line, !strcmp(field, "min") ? "" : " min:20kB");
		strcat(line, " low:24kB high:28kB present:15992kB");
		strcat(line, !strcmp(field, "managed") ? "" : " managed:15908kB");
		scan_with(5, line, &d);
		{
			char f[96];

			snprintf(f, sizeof(f), "DMA %s", bad[i]);
			expect(&d, 5, f);
		}
		z = &d.rs.r[0].zones[0];
		if (!strcmp(field, "free"))
			assert_int_equal(z->free, -1);
		else if (!strcmp(field, "min"))
			assert_int_equal(z->min, -1);
		else
			assert_int_equal(z->managed, -1);
		assert_int_equal(z->low, 6);	/* the rest still read */
		reports_release(&d.rs);
	}
}

static void test_buddy(void **state)
{
	struct diags d;

	scan_with(7, "[  1.6] Node 0 DMA: 1*4kB (U) -3*8kB 0*16kB = 15908kB", &d);
	expect(&d, 7, "DMA -3*8kB");
	assert_int_equal(d.rs.r[0].zones[0].nr_orders, 0);
	assert_int_equal(d.rs.r[0].zones[0].buddy_total_kb, -1);
	reports_release(&d.rs);

	scan_with(7, "[  1.6] Node 0 DMA: 18446744073709551617*4kB 0*8kB = 4kB", &d);
	expect(&d, 7, "DMA 18446744073709551617*4kB");
	assert_int_equal(d.rs.r[0].zones[0].nr_orders, 0);
	reports_release(&d.rs);

	scan_with(7, "[  1.6] Node 0 DMA: 1*4kB 2*12kB = 28kB", &d);
	expect(&d, 7, "DMA 2*12kB");
	reports_release(&d.rs);

	scan_with(7, "[  1.6] Node 0 DMA: 1*4kB 0*8kB = 99999999999999999999kB", &d);
	expect(&d, 7, "DMA =");
	assert_int_equal(d.rs.r[0].zones[0].nr_orders, 2);
	assert_int_equal(d.rs.r[0].zones[0].buddy_total_kb, -1);
	reports_release(&d.rs);
}

static void test_other_fields(void **state)
{
	struct diags d;

	scan_with(6, "[  1.5] lowmem_reserve[]: 0 18446744073709551616 15868 15868", &d);
	expect(&d, 6, "DMA lowmem_reserve[]:");
	assert_int_equal(d.rs.r[0].zones[0].nr_lowmem_reserve, -1);
	reports_release(&d.rs);

	scan_with(4, "[  1.3] active_anon:1 inactive_anon:-2 isolated_anon:0", &d);
	expect(&d, 4, "inactive_anon:-2");
	assert_int_equal(pf_report_counter(&d.rs.r[0], "inactive_anon"), -1);
	assert_int_equal(pf_report_counter(&d.rs.r[0], "isolated_anon"), 0);
	reports_release(&d.rs);

	scan_with(9, "[  1.8] 36893488147419103232 pages RAM", &d);
	expect(&d, 9, "36893488147419103232");
	assert_int_equal(d.rs.r[0].pages_ram, -1);
	reports_release(&d.rs);

	scan_with(5, "[  1.4] Node 99999999999999999999 DMA free:15908kB min:20kB", &d);
	expect(&d, 5, "Node");
	reports_release(&d.rs);

	scan_with(1, "[  1.1] swapper/0: page allocation failure: order:4294967297, mode:0x20", &d);
	expect(&d, 1, "order:4294967297");
	assert_int_equal(d.rs.r[0].order, -1);
	reports_release(&d.rs);
}

/* no number where the kernel prints one, or a field of the zone line gone */
static void test_not_numbers(void **state)
{
	static const struct {
		unsigned no;
		const char *line, *field, *why;
	} cases[] = {
		{ 5, "[  1.4] Node 0 DMA free:NaNkB min:20kB low:24kB high:28kB present:15992kB",
		  "DMA free:NaNkB", "is not a number" },
		{ 5, "[  1.4] Node 0 DMA free:kB min:20kB low:24kB high:28kB present:15992kB",
		  "DMA free:kB", "is not a number" },
		{ 5, "[  1.4] Node 0 DMA free:15908kB low:24kB high:28kB present:15992kB",
		  "DMA min:", "is missing" },
		{ 4, "[  1.3] active_anon:NaN inactive_anon:2 isolated_anon:0",
		  "active_anon:NaN", "is not a number" },
		{ 6, "[  1.5] lowmem_reserve[]: 0 NaN 15868 15868",
		  "DMA lowmem_reserve[]:", "is not a number" },
		{ 7, "[  1.6] Node 0 DMA: NaN*4kB (U) 0*8kB = 4kB",
		  "DMA NaN*4kB", "is not a number" },
		{ 7, "[  1.6] Node 0 DMA: 1*4kB (U) 0*8kB = NaNkB",
		  "DMA =", "is not a number" },
		{ 5, "[  1.4] Node 0 DMA min:20kB low:24kB high:28kB present:15992kB",
		  "DMA free:", "is missing" },
		{ 7, "[  1.6] Node 0 DMA: 1*4kB (U) 0*8kB 0*16kB 1*32kB (U) 1*8192kB = 9999kB",
		  "DMA =", "is not what the blocks before it add up to" },
	};
	struct diags d;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char want[256];

		scan_with(cases[i].no, cases[i].line, &d);
		assert_int_equal(d.n, 1);
		snprintf(want, sizeof(want), "'%s' in the report of swapper/0 "
			 "at line 1 %s; read as unknown", cases[i].field,
			 cases[i].why);
		assert_string_equal(d.msg, want);
		assert_int_equal(d.line, cases[i].no);
		reports_release(&d.rs);
	}
	/* a buddy line the paste cut after its "=": no error, not whole */
	scan_with(7, "[  1.6] Node 0 DMA: 1*4kB (U) 0*8kB =", &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(d.rs.r[0].zones[0].buddy_total_kb, -1);
	reports_release(&d.rs);
}

/* several bad fields: one line for the report, with the count */
static void test_many(void **state)
{
	struct diags d;

	scan_with(5, "[  1.4] Node 0 DMA free:-1kB min:-1kB low:-1kB high:28kB", &d);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.msg, "'DMA free:-1kB'"));
	assert_non_null(strstr(d.msg, "(and 2 more)"));
	reports_release(&d.rs);
}

/* a multi-line counter block whose newlines the carrier escaped */
static void test_escaped_newlines(void **state)
{
	static const char *const escaped[] = {
		/* rsyslog, $EscapeControlCharactersOnReceive */
		"[  1.3] active_anon:1 inactive_anon:2 isolated_anon:0#012 active_file:7 inactive_file:8#012 dirty:9",
		/* /dev/kmsg */
		"[  1.3] active_anon:1 inactive_anon:2 isolated_anon:0\\x0a active_file:7 inactive_file:8\\x0a dirty:9",
	};
	struct diags d;

	for (size_t i = 0; i < 2; i++) {
		scan_with(4, escaped[i], &d);
		assert_int_equal(d.n, 0);
		assert_int_equal(pf_report_counter(&d.rs.r[0], "active_file"), 7);
		assert_int_equal(pf_report_counter(&d.rs.r[0], "dirty"), 9);
		reports_release(&d.rs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_zone_fields),
		cmocka_unit_test(test_buddy),
		cmocka_unit_test(test_other_fields),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_not_numbers),
		cmocka_unit_test(test_escaped_newlines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
