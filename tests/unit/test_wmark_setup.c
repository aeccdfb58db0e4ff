// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_wmark_setup.c - unit tests of the watermark setup (lib/mm/
 * wmark_setup.c): the default vm.min_free_kbytes and its cap, the vm
 * sysctls each kernel has, and __setup_per_zone_wmarks() held to the
 * watermarks real kernels printed in /proc/zoneinfo (the fixtures under
 * tests/fixtures/system, and this machine when it can be read).  Facts:
 * shared/reference/kernel-facts.md section 4.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pagefail.h"

/* calculate_min_free_kbytes(): 16 GiB of lowmem -> 16384 kB */
static void test_min_free_default(void **state)
{
	struct pf_kver old, new, rhel7, rhel8;

	(void)state;
	assert_int_equal(pf_kver_parse("4.19.0", &old), 0);
	assert_int_equal(pf_kver_parse("5.15.135", &new), 0);
	assert_int_equal(pf_kver_parse("3.10.0-1160.el7.x86_64", &rhel7), 0);
	assert_int_equal(pf_kver_parse("4.18.0-240.el8.x86_64", &rhel8), 0);
	assert_int_equal(pf_min_free_kbytes_default(16ULL << 20, &old), 16384);
	assert_int_equal(pf_min_free_kbytes_default(1024, &old), 128);
	/* 4 TiB: int_sqrt(16 * 4 Gi kB) = 262144, capped by era */
	assert_int_equal(pf_min_free_kbytes_default(4ULL << 30, &old), 65536);
	assert_int_equal(pf_min_free_kbytes_default(4ULL << 30, &new), 262144);
	assert_int_equal(pf_min_free_kbytes_default(4ULL << 30, &rhel7), 262144);
	assert_int_equal(pf_min_free_kbytes_default(4ULL << 30, &rhel8), 65536);
	/* int_sqrt floors: 16 * 1000 = 16000 -> 126 -> clamped to 128 */
	assert_int_equal(pf_min_free_kbytes_default(1000, &old), 128);
	assert_int_equal(pf_min_free_kbytes_default(100000, &old), 1264);

	assert_true(pf_kernel_has_sysctl(&new, "vm.watermark_boost_factor"));
	assert_false(pf_kernel_has_sysctl(&old, "vm.watermark_boost_factor"));
	assert_true(pf_kernel_has_sysctl(&old, "watermark_scale_factor"));
	assert_false(pf_kernel_has_sysctl(&rhel7, "watermark_scale_factor"));
	assert_true(pf_kernel_has_sysctl(&rhel8, "watermark_scale_factor"));
	assert_false(pf_kernel_has_sysctl(&rhel8, "compaction_proactiveness"));
}

/*
 * __setup_per_zone_wmarks() against what real kernels printed: the
 * fixture snapshots hold /proc/zoneinfo with the watermarks the kernel
 * computed from the min_free_kbytes and watermark_scale_factor beside
 * them.  Every zone must come out equal.
 */
static void check_setup(const char *dir)
{
	struct pf_system *sys = calloc(1, sizeof(*sys));
	struct pf_zone zones[PF_ZONES_MAX];
	int checked = 0;

	assert_non_null(sys);
	assert_int_equal(pf_system_read(dir, sys, NULL, NULL), 0);
	assert_true(sys->nr_zones > 0);
	assert_true(sys->vm[PF_VM_MIN_FREE_KBYTES] > 0);
	memcpy(zones, sys->zones, sizeof(zones));
	pf_setup_zone_wmarks(zones, sys->nr_zones, sys->vm[PF_VM_MIN_FREE_KBYTES],
			     sys->vm[PF_VM_WATERMARK_SCALE_FACTOR], &sys->kernel);
	for (int i = 0; i < sys->nr_zones; i++) {
		const struct pf_zone *want = &sys->zones[i];
		long boost = want->boost > 0 ? want->boost : 0;

		if (want->min < 0)
			continue;
		/* zoneinfo prints the marks with the boost in them */
		assert_int_equal(zones[i].min + boost, want->min);
		assert_int_equal(zones[i].low + boost, want->low);
		assert_int_equal(zones[i].high + boost, want->high);
		checked++;
	}
	assert_true(checked > 0);
	free(sys);
}

static void test_setup_wmarks(void **state)
{
	(void)state;
	/* this machine's 6.x kernel (ZONE_MOVABLE counts as highmem) */
	check_setup(PF_FIXTURES "/system/debian12-live");
	/* RHEL 6 (present pages, min/4 and min/2) */
	check_setup(PF_FIXTURES "/system/rhel6-sosreport");
	/* 4.19 with watermark_scale_factor */
	check_setup(PF_FIXTURES "/system/v4.19-numa");
}

/* The live machine, when its /proc can be read: the same equality */
static void test_setup_wmarks_live(void **state)
{
	FILE *f = fopen("/proc/zoneinfo", "r");

	(void)state;
	if (!f)
		skip();
	fclose(f);
	check_setup("/");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_min_free_default),
		cmocka_unit_test(test_setup_wmarks),
		cmocka_unit_test(test_setup_wmarks_live),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
