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

#include <assert.h> /* static_assert */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libpagefail.h"

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
	assert_int_equal(pf_min_free_kbytes_default(4ULL << 30, &rhel7),
			 262144);
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
 * __setup_per_zone_wmarks() against the watermarks of saved
 * /proc/zoneinfo files, computed from the min_free_kbytes and
 * watermark_scale_factor beside them: debian12-live is a copy of a real
 * 6.18 machine; rhel6-sosreport and v4.19-numa were built by hand by the
 * same rules (their READMEs), so they hold the setup to the working of
 * kernel-facts.md, not to a kernel.  Every zone must come out equal.
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
	pf_setup_zone_wmarks(
		zones, sys->nr_zones, sys->vm[PF_VM_MIN_FREE_KBYTES],
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

static struct pf_kver kver(const char *release)
{
	struct pf_kver kv;

	assert_int_equal(pf_kver_parse(release, &kv), 0);
	return kv;
}

/*
 * init_per_zone_wmark_min(): int_sqrt() floors, so 16 * lowmem_kb one
 * short of a square gives the root below it; 128 is the floor of the
 * clamp and the era's cap its ceiling.
 *   1 GiB = 1048576 kB: 16 * 1048576 = 16777216 = 4096^2 -> 4096
 *   1048575 kB: 16777200, just under 4096^2 -> 4095
 *   256 GiB = 2^28 kB: 2^32 = 65536^2 -> 65536, the old cap exactly
 *   1 TiB = 2^30 kB: 2^34 = 131072^2 -> 65536 old, 131072 under 262144
 *   0 kB -> 0 -> 128
 */
static void test_min_free_default_edges(void **state)
{
	struct pf_kver v54 = kver("5.4.0"), v66 = kver("6.6.0");

	(void)state;
	assert_int_equal(pf_min_free_kbytes_default(1ULL << 20, &v54), 4096);
	assert_int_equal(pf_min_free_kbytes_default((1ULL << 20) - 1, &v54),
			 4095);
	assert_int_equal(pf_min_free_kbytes_default(1ULL << 28, &v54), 65536);
	assert_int_equal(pf_min_free_kbytes_default(1ULL << 30, &v54), 65536);
	assert_int_equal(pf_min_free_kbytes_default(1ULL << 30, &v66), 131072);
	assert_int_equal(pf_min_free_kbytes_default(0, &v66), 128);
	/* no kernel known: the smaller cap */
	assert_int_equal(pf_min_free_kbytes_default(1ULL << 30, NULL), 65536);
}

/*
 * The cap: 65536 until "mm/page_alloc: increase default min_free_kbytes
 * bound" (5.7; RHEL 7 carries it, RHEL 8 does not, RHEL 9 is past it).
 */
static void test_min_free_cap(void **state)
{
	/* clang-format off */
	static const char *const small[] = {
		"2.6.18-398.el5", "2.6.32-358.2.1.el6.x86_64",
		"4.18.0-305.el8.x86_64", "2.6.32.4", "5.6.19",
	};
	/* clang-format on */
	/* clang-format off */
	static const char *const large[] = {
		"3.10.0-1160.el7.x86_64", "5.14.0-70.13.1.el9_0.x86_64",
		"5.7.0", "6.12.39",
	};
	/* clang-format on */

	(void)state;
	for (size_t i = 0; i < sizeof(small) / sizeof(small[0]); i++) {
		struct pf_kver kv = kver(small[i]);

		assert_int_equal(pf_min_free_kbytes_cap(&kv), 65536);
	}
	for (size_t i = 0; i < sizeof(large) / sizeof(large[0]); i++) {
		struct pf_kver kv = kver(large[i]);

		assert_int_equal(pf_min_free_kbytes_cap(&kv), 262144);
	}
	assert_int_equal(pf_min_free_kbytes_cap(NULL), 65536);
}

/*
 * Which vm sysctls a kernel has (kernel-facts.md sections 4 and 5):
 * min_free_kbytes and zone_reclaim_mode are in every era, even an unknown
 * one; extra_free_kbytes only in RHEL 6; extfrag_threshold from 2.6.35
 * (and RHEL 6's backport); watermark_scale_factor from 4.6 (RHEL 8, not
 * RHEL 7); watermark_boost_factor from 5.0 and compaction_proactiveness
 * from 5.9, both in RHEL 8.4 (4.18.0-305) and not before.
 */
static void test_has_sysctl(void **state)
{
	static const struct {
		const char *release, *sysctl;
		bool has;
	} cases[] = {
		{ "2.6.18-398.el5", "vm.min_free_kbytes", true },
		{ "2.6.18-398.el5", "zone_reclaim_mode", true },
		{ "2.6.32-358.el6", "vm.extra_free_kbytes", true },
		{ "2.6.32.4", "extra_free_kbytes", false },
		{ "3.10.0-1160.el7", "extra_free_kbytes", false },
		{ "2.6.32-358.el6", "extfrag_threshold", true },
		{ "2.6.34", "extfrag_threshold", false },
		{ "2.6.35", "extfrag_threshold", true },
		{ "4.5.7", "watermark_scale_factor", false },
		{ "4.6.0", "watermark_scale_factor", true },
		{ "4.20.17", "watermark_boost_factor", false },
		{ "5.0.0", "watermark_boost_factor", true },
		{ "5.8.18", "compaction_proactiveness", false },
		{ "5.9.0", "vm.compaction_proactiveness", true },
		{ "4.18.0-240.el8", "watermark_boost_factor", false },
		{ "4.18.0-305.el8", "watermark_boost_factor", true },
		{ "4.18.0-305.el8", "compaction_proactiveness", true },
		{ "3.10.0-1160.el7", "watermark_boost_factor", false },
		{ "5.14.0-70.el9", "compaction_proactiveness", true },
		{ "6.12.39", "vm.no_such_sysctl", false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pf_kver kv = kver(cases[i].release);

		assert_int_equal(pf_kernel_has_sysctl(&kv, cases[i].sysctl),
				 cases[i].has);
	}
	assert_true(pf_kernel_has_sysctl(NULL, "vm.min_free_kbytes"));
	assert_true(pf_kernel_has_sysctl(NULL, "zone_reclaim_mode"));
	assert_false(pf_kernel_has_sysctl(NULL, "watermark_scale_factor"));
}

/* Zones to set up: name (its type), present and managed pages */
struct setup_zone {
	const char *name;
	long present, managed;
};

/* What the setup must give a zone */
struct marks {
	long min, low, high;
};

static void check_wmarks(const char *release, long min_free_kbytes, long wsf,
			 unsigned int page_kb, const struct setup_zone *sz,
			 const struct marks *want, int n)
{
	struct pf_kver kv, *kp = NULL;
	struct pf_zone zones[8];

	assert_true(n <= 8);
	if (release) {
		kv = kver(release);
		kp = &kv;
	}
	for (int i = 0; i < n; i++) {
		pf_zone_init(&zones[i]);
		snprintf(zones[i].name, sizeof(zones[i].name), "%s",
			 sz[i].name);
		zones[i].type = pf_zone_type_of(sz[i].name);
		zones[i].page_kb = page_kb;
		zones[i].present = sz[i].present;
		zones[i].managed = sz[i].managed;
	}
	pf_setup_zone_wmarks(zones, n, min_free_kbytes, wsf, kp);
	for (int i = 0; i < n; i++) {
		assert_int_equal(zones[i].min, want[i].min);
		assert_int_equal(zones[i].low, want[i].low);
		assert_int_equal(zones[i].high, want[i].high);
	}
}

#define CHECK_WMARKS(rel, mfk, wsf, kb, zones, marks)                          \
	do {                                                                   \
		static_assert(sizeof(zones) / sizeof(zones[0]) ==              \
				      sizeof(marks) / sizeof(marks[0]),        \
			      "");                                             \
		check_wmarks(rel, mfk, wsf, kb, zones, marks,                  \
			     sizeof(zones) / sizeof(zones[0]));                \
	} while (0)

/* debian12-live's zones: Normal has far fewer managed than present */
static const struct setup_zone live_zones[] = {
	{ "DMA", 3998, 3840 },
	{ "DMA32", 782336, 772808 },
	{ "Normal", 5505024, 655360 },
};

/*
 * __setup_per_zone_wmarks() era by era, on the zones of debian12-live
 * (present far above managed in Normal: the kernel booted with lazy
 * deferred init), min_free_kbytes 67584: pages_min = 67584 / 4 = 16896,
 * tmp = 16896 * pages / lowmem, truncated.
 *
 * 3.10+ (managed; lowmem 3840 + 772808 + 655360 = 1432008):
 *   DMA 16896 * 3840 / 1432008 = 45, DMA32 9118, Normal 7732.
 *   4.6+ gap = max(tmp / 4, managed * 10 / 10000): 11, 2279, 1933, so
 *   low 56, 11397, 9665 and high 67, 13676, 11598 - what 6.18 printed.
 *   3.10 and RHEL 7: low = min + tmp / 4 (the same), high = min + tmp / 2:
 *   DMA32 9118 + 4559 = 13677, one above 4.6's 2 * 2279.
 *   watermark_scale_factor 1000 (10%) on 4.6+: the factor wins, DMA 384,
 *   DMA32 77280, Normal 65536: low 429, 86398, 73268; high 813, 163678,
 *   138804.  RHEL 7 has no such sysctl: 3.10's marks.
 * 2.6.32 and RHEL 6 (present; lowmem 3998 + 782336 + 5505024 = 6291358):
 *   DMA 16896 * 3998 / 6291358 = 10, low 10 + 2, high 10 + 5;
 *   DMA32 2101, 2626, 3151; Normal 14784, 18480, 22176.
 */
static void test_setup_eras(void **state)
{
	/* clang-format off */
	static const struct marks v618[] = {
		{ 45, 56, 67 }, { 9118, 11397, 13676 }, { 7732, 9665, 11598 },
	};
	/* clang-format on */
	/* clang-format off */
	static const struct marks v310[] = {
		{ 45, 56, 67 }, { 9118, 11397, 13677 }, { 7732, 9665, 11598 },
	};
	/* clang-format on */
	/* clang-format off */
	static const struct marks scaled[] = {
		{ 45, 429, 813 }, { 9118, 86398, 163678 },
		{ 7732, 73268, 138804 },
	};
	/* clang-format on */
	/* clang-format off */
	static const struct marks v2632[] = {
		{ 10, 12, 15 }, { 2101, 2626, 3151 }, { 14784, 18480, 22176 },
	};
	/* clang-format on */

	static const struct {
		const char *release; /* NULL: none known */
		long wsf;
		const struct marks *marks;
	} eras[] = {
		{ "6.18.44", 10, v618 },
		{ "4.19.0", 10, v618 },
		/* no version known: the newest rules (managed, the factor) */
		{ NULL, 10, v618 },
		/* a factor that could not be read is the default, 10 */
		{ "6.18.44", -1, v618 },
		{ "3.10.0", 10, v310 },
		{ "3.10.0-1160.el7.x86_64", 1000, v310 },
		{ "6.18.44", 1000, scaled },
		{ "4.18.0-240.el8.x86_64", 1000, scaled },
		{ "2.6.32.4", 10, v2632 },
		{ "2.6.32-358.2.1.el6.x86_64", 10, v2632 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(eras) / sizeof(eras[0]); i++)
		check_wmarks(eras[i].release, 67584, eras[i].wsf, 4, live_zones,
			     eras[i].marks, 3);
}

/*
 * Highmem gets min = clamp(pages / 1024, 32, 128) instead of a share, and
 * its pages are not lowmem; low and high still step from its
 * proportional tmp.  i386 2.6.32, min_free_kbytes 4096 (pages_min 1024),
 * lowmem 4096 + 225280 = 229376:
 *   DMA 1024 * 4096 / 229376 = 18, low 18 + 4, high 18 + 9;
 *   Normal 1005, 1005 + 251, 1005 + 502;
 *   HighMem of 1835008 pages: min 1792 clamped to 128, tmp 1024 *
 *   1835008 / 229376 = 8192, low 128 + 2048, high 128 + 4096;
 *   HighMem of 16384 pages: min 16 raised to 32, tmp 73, low 50, high 68.
 */
static void test_setup_highmem(void **state)
{
	/* clang-format off */
	static const struct setup_zone big[] = {
		{ "DMA", 4096, 4096 }, { "Normal", 225280, 225280 },
		{ "HighMem", 1835008, 1835008 },
	};
	/* clang-format on */
	/* clang-format off */
	static const struct setup_zone small[] = {
		{ "DMA", 4096, 4096 }, { "Normal", 225280, 225280 },
		{ "HighMem", 16384, 16384 },
	};
	/* clang-format on */
	/* clang-format off */
	static const struct marks big_marks[] = {
		{ 18, 22, 27 }, { 1005, 1256, 1507 }, { 128, 2176, 4224 },
	};
	/* clang-format on */
	/* clang-format off */
	static const struct marks small_marks[] = {
		{ 18, 22, 27 }, { 1005, 1256, 1507 }, { 32, 50, 68 },
	};
	/* clang-format on */

	(void)state;
	CHECK_WMARKS("2.6.32.4", 4096, 10, 4, big, big_marks);
	CHECK_WMARKS("2.6.32.4", 4096, 10, 4, small, small_marks);
}

/*
 * ZONE_MOVABLE is lowmem up to 6.12 and treated as highmem from 6.13.
 * DMA32 772808 and Movable 262144 managed pages, min_free_kbytes 67584:
 *   6.12: lowmem 1034952; DMA32 16896 * 772808 / 1034952 = 12616, gap
 *   3154: 15770, 18924; Movable 4279, gap 1069: 5348, 6417.
 *   6.13: lowmem 772808; DMA32 takes all 16896, gap 4224: 21120, 25344;
 *   Movable min 262144 / 1024 = 256 clamped to 128, tmp 16896 * 262144 /
 *   772808 = 5731, gap max(1432, 262) = 1432: low 1560, high 2992.
 */
static void test_setup_movable(void **state)
{
	/* clang-format off */
	static const struct setup_zone zones[] = {
		{ "DMA32", 782336, 772808 }, { "Movable", 262144, 262144 },
	};
	/* clang-format on */
	/* clang-format off */
	static const struct marks v612[] = {
		{ 12616, 15770, 18924 }, { 4279, 5348, 6417 },
	};
	/* clang-format on */
	/* clang-format off */
	static const struct marks v613[] = {
		{ 16896, 21120, 25344 }, { 128, 1560, 2992 },
	};
	/* clang-format on */

	(void)state;
	CHECK_WMARKS("6.12.39", 67584, 10, 4, zones, v612);
	CHECK_WMARKS("6.13.0", 67584, 10, 4, zones, v613);
}

/*
 * 64 KiB pages (arm64): pages_min = min_free_kbytes >> (PAGE_SHIFT - 10)
 * = 22528 / 64 = 352.  One Normal zone of 131072 pages (8 GiB), 5.4:
 * min 352, gap max(88, 131072 * 10 / 10000 = 131) = 131: low 483, high
 * 614.
 */
static void test_setup_page_size(void **state)
{
	static const struct setup_zone arm64[] = {
		{ "Normal", 131072, 131072 },
	};
	static const struct marks marks[] = { { 352, 483, 614 } };

	(void)state;
	CHECK_WMARKS("5.4.161", 22528, 10, 64, arm64, marks);
}

/*
 * The way back (pf_zones_min_free_kbytes()): the min of the zones up to
 * Normal, in kB.  debian12-live: (45 + 9118 + 7732) * 4 = 67580, the
 * 67584 it was set to less what the shares truncated; its Movable min
 * (a clamp) is not counted.  A boost printed inside min comes off it;
 * one not below min cannot be told from it and stays.
 */
static void test_zones_min_free(void **state)
{
	/* clang-format off */
	static const struct {
		const char *name;
		long min, boost;
	} live[] = {
		{ "DMA", 45, 0 }, { "DMA32", 9118, 0 }, { "Normal", 7732, 0 },
		{ "Movable", 32, 0 },
	};
	/* clang-format on */
	struct pf_zone zones[4];

	(void)state;
	for (int i = 0; i < 4; i++) {
		pf_zone_init(&zones[i]);
		zones[i].type = pf_zone_type_of(live[i].name);
		zones[i].min = live[i].min;
		zones[i].boost = live[i].boost;
	}
	assert_int_equal(pf_zones_min_free_kbytes(zones, 4), 67580);
	/* Normal boosted by 500 pages: zoneinfo printed min 8232 */
	zones[2].min = 8232;
	zones[2].boost = 500;
	assert_int_equal(pf_zones_min_free_kbytes(zones, 4), 67580);
	zones[2].boost = 8232;
	assert_int_equal(pf_zones_min_free_kbytes(zones, 4),
			 (45 + 9118 + 8232) * 4);
	/* no min known anywhere */
	for (int i = 0; i < 4; i++)
		zones[i].min = -1;
	assert_int_equal(pf_zones_min_free_kbytes(zones, 4), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_min_free_default),
		cmocka_unit_test(test_min_free_default_edges),
		cmocka_unit_test(test_min_free_cap),
		cmocka_unit_test(test_has_sysctl),
		cmocka_unit_test(test_setup_eras),
		cmocka_unit_test(test_setup_highmem),
		cmocka_unit_test(test_setup_movable),
		cmocka_unit_test(test_setup_page_size),
		cmocka_unit_test(test_zones_min_free),
		cmocka_unit_test(test_setup_wmarks),
		cmocka_unit_test(test_setup_wmarks_live),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
