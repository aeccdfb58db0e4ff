// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_report.c - what report.c derives from a parsed report: the call
 * site, which prefers frames the unwinder vouched for over "? " frames,
 * and the "?" marker kept in the JSON.
 */
#include "helpers.h"
#include "steps.h"

static const char *const unreliable_first[] = {
	"[  1.000000] swapper/0: page allocation failure: order:5, mode:0xcc1(GFP_KERNEL|GFP_DMA), nodemask=(null),cpuset=/,mems_allowed=0",
	"[  1.000001] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 5.13.0 #1",
	"[  1.000002] Call Trace:",
	"[  1.000003]  dump_stack+0x7f/0xa1",
	"[  1.000004]  warn_alloc.cold+0x72/0xd6",
	"[  1.000005]  ? _raw_spin_unlock_irq+0x24/0x40",
	"[  1.000006]  ? __alloc_pages_direct_compact+0x90/0x1b0",
	"[  1.000007]  __alloc_pages_slowpath.constprop.0+0xf29/0xf50",
	"[  1.000008]  __alloc_pages+0x24d/0x2c0",
	"[  1.000009]  ? __dma_atomic_pool_init+0x93/0x93",
	"[  1.000010]  alloc_page_interleave+0x13/0xb0",
	"[  1.000011]  atomic_pool_expand+0x118/0x210",
	"[  1.000012]  __dma_atomic_pool_init+0x45/0x93",
	"[  1.000013]  kernel_init+0xa/0x111",
};

static char *join(const char *const *l, size_t n)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; i < n; i++)
		len += strlen(l[i]) + 1;
	s = calloc(1, len);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++) {
		strcat(s, l[i]);
		strcat(s, "\n");
	}
	return s;
}

/* corpus 002: the first frames past the allocator are stale "? " ones */
static void test_call_site_reliable(void **state)
{
	struct reports rs = { 0 };
	char *log = join(unreliable_first, sizeof(unreliable_first) /
						   sizeof(unreliable_first[0]));
	char sig[256];

	scan_string(log, 0, &rs);
	assert_int_equal(rs.nr, 1);
	assert_string_equal(rs.r[0].context.call_site, "atomic_pool_expand");
	pf_report_signature(&rs.r[0], sig, sizeof(sig));
	assert_string_equal(
		sig, "atomic_pool_expand<__dma_atomic_pool_init<kernel_init");
	reports_release(&rs);
	free(log);
}

/* RHEL 6 prints every frame with "?": then they are all there is */
static void test_call_site_all_unreliable(void **state)
{
	struct reports rs = { 0 };
	char path[4096];

	snprintf(path, sizeof(path), "%s/corpus/seed-rhel6-kb-example.log",
		 PF_FIXTURES);
	assert_int_equal(scan_file(path, &rs, NULL), 0);
	assert_int_equal(rs.nr, 6);
	assert_true(rs.r[5].frames[6].unreliable);
	assert_string_equal(rs.r[5].context.call_site, "sk_prot_alloc");
	reports_release(&rs);
}

/* -j keeps the "?" the parser read, frame by frame beside "trace" */
static void test_json_unreliable(void **state)
{
	struct reports rs = { 0 };
	char *log = join(unreliable_first, sizeof(unreliable_first) /
						   sizeof(unreliable_first[0]));
	char *s;

	scan_string(log, 0, &rs);
	assert_int_equal(rs.nr, 1);
	s = report_json(&rs.r[0], false);
	assert_non_null(strstr(s, "\"trace_unreliable\":[false,false,true,true,"
				  "false,false,true,false,false,false,false]"));
	assert_non_null(strstr(s, "\"call_site\":\"atomic_pool_expand\""));
	free(s);
	reports_release(&rs);
	free(log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_call_site_reliable),
		cmocka_unit_test(test_call_site_all_unreliable),
		cmocka_unit_test(test_json_unreliable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
