// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_gfp.c - unit tests of lib/mm/gfp.c: the gfp layout of each kernel era,
 * the %pGg rendering checked against the composite masks of gfp.h and
 * against masks and names printed by real failure reports, the layout
 * inference, and the allocator capabilities of a mask.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "libpagefail.h"

static const char *fmt(unsigned long mask, enum pf_gfp_layout l)
{
	static char buf[512];

	assert_true(pf_gfp_format(mask, l, buf, sizeof(buf)) >= 0);
	return buf;
}

static enum pf_gfp_layout layout_of(const char *release)
{
	struct pf_kver kv;

	assert_int_equal(pf_kver_parse(release, &kv), 0);
	return pf_gfp_layout_of(&kv);
}

/* The composite masks of include/linux/gfp.h per era. */
struct composite_case {
	enum pf_gfp_layout layout;
	unsigned long atomic, kernel, nowait, noio, nofs, user, hum;
};

static const struct composite_case composites[] = {
	{ PF_GFP_2_6_18, 0x20, 0xd0, 0, 0x10, 0x50, 0x200d0, 0 },
	{ PF_GFP_RHEL5, 0x220, 0xd0, 0, 0x10, 0x50, 0x200d0, 0 },
	{ PF_GFP_2_6_24, 0x20, 0xd0, 0, 0x10, 0x50, 0x200d0, 0x200da },
	{ PF_GFP_3_10, 0x20, 0xd0, 0, 0x10, 0x50, 0x200d0, 0x200da },
	{ PF_GFP_4_4, 0x2080020, 0x24000c0, 0x2000000, 0x2400000, 0x2400040,
	  0x24200c0, 0x24200ca },
	{ PF_GFP_4_10, 0x1080020, 0x14000c0, 0x1000000, 0x1400000, 0x1400040,
	  0x14200c0, 0x14200ca },
	{ PF_GFP_4_18, 0x480020, 0x6000c0, 0x400000, 0x600000, 0x600040,
	  0x6200c0, 0x6200ca },
	{ PF_GFP_5_0, 0xa20, 0xcc0, 0x800, 0xc00, 0xc40, 0x100cc0, 0x100cca },
	{ PF_GFP_6_3, 0x820, 0xcc0, 0x800, 0xc00, 0xc40, 0x100cc0, 0x100cca },
	{ PF_GFP_6_15, 0x820, 0xcc0, 0x800, 0xc00, 0xc40, 0x100cc0, 0x100cca },
};

static void test_composites(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(composites) / sizeof(composites[0]); i++) {
		const struct composite_case *c = &composites[i];
		enum pf_gfp_layout l = c->layout;

		/* 2.6/3.x GFP_ATOMIC is __GFP_HIGH alone: named by the bit */
		if (c->atomic == 0x20)
			assert_string_equal(fmt(c->atomic, l), "__GFP_HIGH");
		else
			assert_string_equal(fmt(c->atomic, l), "GFP_ATOMIC");
		assert_string_equal(fmt(c->kernel, l), "GFP_KERNEL");
		if (c->nowait)
			assert_string_equal(fmt(c->nowait, l), "GFP_NOWAIT");
		assert_string_equal(fmt(c->noio, l), "GFP_NOIO");
		assert_string_equal(fmt(c->nofs, l), "GFP_NOFS");
		assert_string_equal(fmt(c->user, l), "GFP_USER");
		if (c->hum)
			assert_string_equal(fmt(c->hum, l),
					    "GFP_HIGHUSER_MOVABLE");
		else
			assert_string_equal(fmt(c->user | 0x02, l),
					    "GFP_HIGHUSER");
		assert_string_equal(fmt(c->kernel | 0x01, l),
				    "GFP_KERNEL|GFP_DMA");
	}
}

/*
 * Masks and names printed by real reports (the kernel named first), and
 * hex-only masks of kernels before %pGg with the names the era's bits give.
 * The layout, then alt: another layout that renders the mask alike and
 * that the inference may return because nothing in mask or names tells
 * them apart (none when not given).
 */
struct report_case {
	const char *kernel;
	unsigned long mask;
	const char *names;
	bool printed;		      /* the kernel printed the names */
	enum pf_gfp_layout layout[2]; /* and alt */
};

/* clang-format off */
static const struct report_case reports[] = {
	{ "5.10.43", 0x194dc2,
	  "GFP_HIGHUSER|__GFP_RETRY_MAYFAIL|__GFP_NORETRY|__GFP_ZERO|"
	  "__GFP_NOMEMALLOC", true, { PF_GFP_5_0, PF_GFP_6_3 } },
	{ "5.13.0-0.rc5.20210611git929d931f2b40.42.fc35.x86_64", 0xcc1,
	  "GFP_KERNEL|GFP_DMA", true, { PF_GFP_5_0, PF_GFP_6_3 } },
	{ "5.4.161-qgki-24219806-abA236USQU0AVE1", 0xa20, "GFP_ATOMIC", true,
	  { PF_GFP_5_0 } },
	{ "4.19.0", 0x480020, "GFP_ATOMIC", true, { PF_GFP_4_18 } },
	{ "6.12.39", 0x40dc0, "GFP_KERNEL|__GFP_COMP|__GFP_ZERO", true,
	  { PF_GFP_6_3, PF_GFP_5_0 } },
	{ "4.14.113-18770262-userdebug", 0x140000a,
	  "GFP_NOIO|__GFP_HIGHMEM|__GFP_MOVABLE", true, { PF_GFP_4_10 } },
	{ "4.9.0", 0x24040c0, "GFP_KERNEL|__GFP_COMP", true, { PF_GFP_4_4 } },
	{ "4.19.0", 0x484020, "GFP_ATOMIC|__GFP_COMP", true, { PF_GFP_4_18 } },
	{ "4.14.0", 0x14040c0, "GFP_KERNEL|__GFP_COMP", true, { PF_GFP_4_10 } },
	{ "5.0.0", 0x404000, "GFP_NOWAIT|__GFP_COMP", true, { PF_GFP_4_18 } },
	{ "6.6.0", 0x820, "GFP_ATOMIC", true, { PF_GFP_6_3 } },
	{ "4.18.0-240.el8", 0x6000c0, "GFP_KERNEL", true, { PF_GFP_4_18 } },
	{ "5.14.0-70.el9", 0x100cca, "GFP_HIGHUSER_MOVABLE", true,
	  { PF_GFP_5_0, PF_GFP_6_3 } },

	{ "2.6.32-358.2.1.el6.x86_64", 0x20, "__GFP_HIGH", false,
	  { PF_GFP_2_6_24 } },
	{ "2.6.32", 0x4020, "__GFP_HIGH|__GFP_COMP", false, { PF_GFP_2_6_24 } },
	{ "2.6.31+frans2+mel-00002-g90702f9-dirty", 0x8020,
	  "__GFP_HIGH|__GFP_ZERO", false, { PF_GFP_2_6_24 } },
	{ "2.6.32-220.el6", 0xd0, "GFP_KERNEL", false, { PF_GFP_2_6_24 } },
	{ "2.6.7", 0xd2, "GFP_KERNEL|__GFP_HIGHMEM", false,
	  { PF_GFP_2_6_18, PF_GFP_2_6_24 } },
	{ "2.6.7", 0x1d2, "GFP_KERNEL|__GFP_HIGHMEM|__GFP_COLD", false,
	  { PF_GFP_2_6_18, PF_GFP_2_6_24 } },
	{ "4.1.0", 0x2000d1, "GFP_KERNEL|GFP_DMA|__GFP_NOTRACK", false,
	  { PF_GFP_3_10, PF_GFP_2_6_24 } },
	{ "4.4.114+", 0x24000c2, "GFP_KERNEL|__GFP_HIGHMEM", false,
	  { PF_GFP_4_4 } },
	{ "3.10.0-1160.el7.x86_64", 0x2040d0,
	  "GFP_KERNEL|__GFP_COMP|__GFP_NOTRACK", false,
	  { PF_GFP_3_10, PF_GFP_2_6_24 } },
	{ "3.4", 0x10200da, "GFP_HIGHUSER_MOVABLE|__GFP_WRITE", false,
	  { PF_GFP_2_6_24, PF_GFP_3_10 } },
};
/* clang-format on */

static void test_reports(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(reports) / sizeof(reports[0]); i++) {
		const struct report_case *c = &reports[i];
		const enum pf_gfp_layout *want = c->layout;
		enum pf_gfp_layout l = layout_of(c->kernel), got;

		assert_int_equal(l, want[0]);
		assert_string_equal(fmt(c->mask, l), c->names);

		/* from mask and names, then from the mask alone */
		for (int alone = 0; alone < 2; alone++) {
			got = pf_gfp_layout_infer(c->mask,
						  alone ? NULL : c->names);
			if (got != want[0] && (!want[1] || got != want[1]))
				fail_msg("%s 0x%lx%s: %s, not %s", c->kernel,
					 c->mask, alone ? " alone" : "",
					 pf_gfp_layout_name(got),
					 pf_gfp_layout_name(want[0]));
			assert_string_equal(fmt(c->mask, got), c->names);
		}
	}
}

/*
 * The order the names come in: __def_gfpflag_names of mmflags.h, written
 * by hand from 4.6 to 6.14 (__GFP_HIGHMEM among the composites, then
 * __GFP_HIGH, ..., __GFP_COMP, __GFP_ZERO, ..., __GFP_RECLAIMABLE,
 * __GFP_MOVABLE), in bit order from 6.15 (__GFP_RECLAIMABLE, ...,
 * __GFP_ZERO, ..., __GFP_COMP).  Every mask here renders differently in
 * the two orders; the names are as real kernels printed them (warn_alloc(),
 * or page_owner, which prints the same %pGg): the 6.15.0-rc1, 6.10, 6.4,
 * 6.3 and 6.0 lines from google/syzkaller's pkg/report/testdata/linux/report
 * (740, 721, 704, 694, 661, 658), 5.7 from Hugh Dickins' "mm: fix swap
 * cache node allocation mask" (2020), 6.12.39 and 6.19 from failure reports.
 */
static void test_name_order(void **state)
{
	/* clang-format off */
	static const struct {
		const char *kernel;
		unsigned long mask;
		const char *names;
		const char *layout; /* pf_gfp_layout_name() */
	} printed[] = {
		{ "6.19.0-rc5-00027-g40fd0acc45d0", 0xc0d60,
		  "GFP_NOFS|__GFP_HIGH|__GFP_ZERO|__GFP_COMP|__GFP_NOMEMALLOC",
		  "6.15+" },
		{ "6.15.0-rc1", 0xd2050,
		  "__GFP_RECLAIMABLE|__GFP_IO|__GFP_NOWARN|__GFP_NORETRY|"
		  "__GFP_COMP|__GFP_NOMEMALLOC", "6.15+" },
		{ "6.12.39", 0x40dc0, "GFP_KERNEL|__GFP_COMP|__GFP_ZERO",
		  "6.3+" },
		{ "6.10.0-syzkaller-04483-g0be9ae5486cd", 0x52dc0,
		  "GFP_KERNEL|__GFP_NOWARN|__GFP_NORETRY|__GFP_COMP|__GFP_ZERO",
		  "6.3+" },
		{ "6.4.0-syzkaller-11311-g24be4d0b46bb", 0x1d20d0,
		  "__GFP_IO|__GFP_FS|__GFP_NOWARN|__GFP_NORETRY|__GFP_COMP|"
		  "__GFP_NOMEMALLOC|__GFP_HARDWALL|__GFP_RECLAIMABLE", "6.3+" },
		{ "6.3.0-rc6-syzkaller-00173-g7a934f4bd7d6", 0x2dc2,
		  "GFP_KERNEL|__GFP_HIGHMEM|__GFP_NOWARN|__GFP_ZERO", "6.3+" },
		{ "6.0.0-rc7-syzkaller-00239-gb357fd1c2afc", 0x242050,
		  "__GFP_IO|__GFP_NOWARN|__GFP_COMP|__GFP_THISNODE|"
		  "__GFP_RECLAIMABLE", "5.1-6.2" },
		{ "6.0.0-rc6-syzkaller", 0x2dc2,
		  "GFP_KERNEL|__GFP_HIGHMEM|__GFP_NOWARN|__GFP_ZERO",
		  "5.1-6.2" },
		{ "5.7.0-1.fc33.x86_64", 0x400d0,
		  "__GFP_IO|__GFP_FS|__GFP_COMP|__GFP_RECLAIMABLE", "5.1-6.2" },
	};
	/* clang-format on */
	/*
	 * 4.6-5.0 kept the hand-written order too: __GFP_MOVABLE (0x08)
	 * after __GFP_NOWARN (0x200), __GFP_ATOMIC right after __GFP_HIGH
	 * though its bit is far above (rendered from 4.9's table).
	 */
	/* clang-format off */
	static const struct {
		const char *kernel;
		unsigned long mask;
		const char *names;
	} hand[] = {
		{ "4.9.0", 0x2400208, "GFP_NOIO|__GFP_NOWARN|__GFP_MOVABLE" },
		{ "4.14.0", 0x1400208, "GFP_NOIO|__GFP_NOWARN|__GFP_MOVABLE" },
		{ "4.19.0", 0x600208, "GFP_NOIO|__GFP_NOWARN|__GFP_MOVABLE" },
		{ "4.19.0", 0x84220, "__GFP_HIGH|__GFP_ATOMIC|__GFP_NOWARN|"
		  "__GFP_COMP" },
	};
	/* clang-format on */
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(printed) / sizeof(printed[0]); i++) {
		enum pf_gfp_layout l = layout_of(printed[i].kernel);

		assert_string_equal(pf_gfp_layout_name(l), printed[i].layout);
		assert_string_equal(fmt(printed[i].mask, l), printed[i].names);
		/*
		 * Without the version, the inferred layout renders the names
		 * as printed; for 6.15+ only the order tells, and it does.
		 * (Older masks may get another era of the same order: 0x40dc0
		 * reads the same in 5.1-6.2.)
		 */
		l = pf_gfp_layout_infer(printed[i].mask, printed[i].names);
		assert_string_equal(fmt(printed[i].mask, l), printed[i].names);
		if (!strcmp(printed[i].layout, "6.15+"))
			assert_string_equal(pf_gfp_layout_name(l), "6.15+");
	}
	for (i = 0; i < sizeof(hand) / sizeof(hand[0]); i++)
		assert_string_equal(
			fmt(hand[i].mask, layout_of(hand[i].kernel)),
			hand[i].names);
}

/* Where the mask alone decides, it decides for the right era. */
static void test_infer_shape(void **state)
{
	static const struct {
		unsigned long mask;
		enum pf_gfp_layout layout;
	} shapes[] = {
		{ 0x2080020, PF_GFP_4_4 },  { 0x24000c0, PF_GFP_4_4 },
		{ 0x2000000, PF_GFP_4_4 },  { 0x1080020, PF_GFP_4_10 },
		{ 0x14000c0, PF_GFP_4_10 }, { 0x14200ca, PF_GFP_4_10 },
		{ 0x480020, PF_GFP_4_18 },  { 0x6000c0, PF_GFP_4_18 },
		{ 0x6000d0, PF_GFP_4_18 },  { 0x404000, PF_GFP_4_18 },
		{ 0xa20, PF_GFP_5_0 },	    { 0xcc0, PF_GFP_5_0 },
		{ 0x400cc0, PF_GFP_5_0 },   { 0x400a20, PF_GFP_5_0 },
		{ 0xcd0, PF_GFP_5_0 },	    { 0x800, PF_GFP_5_0 },
		{ 0x820, PF_GFP_6_3 },	    { 0x2820, PF_GFP_6_3 },
		{ 0x20, PF_GFP_2_6_24 },    { 0xd0, PF_GFP_2_6_24 },
		{ 0x4d0, PF_GFP_2_6_24 },   { 0x200d2, PF_GFP_2_6_24 },
		{ 0x22d0, PF_GFP_3_10 },    { 0x1000d0, PF_GFP_3_10 },
		{ 0x0, PF_GFP_UNKNOWN },    { 0x10000000, PF_GFP_UNKNOWN },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		assert_int_equal(pf_gfp_layout_infer(shapes[i].mask, NULL),
				 shapes[i].layout);
}

static void test_infer_names(void **state)
{
	static const struct {
		unsigned long mask;
		const char *names;
		enum pf_gfp_layout layout;
	} cases[] = {
		/* 4.6-4.9 printed GFP_TEMPORARY: only 4.4-4.9 renders it */
		{ 0x24000d0, "GFP_TEMPORARY", PF_GFP_4_4 },
		/* 4.10-4.13 printed __GFP_REPEAT, renamed by 4.14: closest */
		{ 0x14004c0, "GFP_KERNEL|__GFP_REPEAT", PF_GFP_4_10 },
		/* 4.6-4.9 with __GFP_NOTRACK and __GFP_OTHER_NODE */
		{ 0x2e000c0, "GFP_KERNEL|__GFP_NOTRACK|__GFP_OTHER_NODE",
		  PF_GFP_4_4 },
		/*
		 * 6.3+ and 6.15+ differ only in the order of the names: names
		 * that read the same in both keep 6.3+, the order of 6.15
		 * gives 6.15+
		 */
		{ 0xc20, "GFP_ATOMIC|__GFP_DIRECT_RECLAIM", PF_GFP_6_3 },
		{ 0x2dc2, "GFP_KERNEL|__GFP_HIGHMEM|__GFP_ZERO|__GFP_NOWARN",
		  PF_GFP_6_15 },
		{ 0x2dc2, "GFP_KERNEL|__GFP_HIGHMEM|__GFP_NOWARN|__GFP_ZERO",
		  PF_GFP_5_0 },
		/* the parentheses and blanks around the names are tolerated */
		{ 0x480020, " (GFP_ATOMIC) ", PF_GFP_4_18 },
		/* names that fit no era: the shape decides */
		{ 0xa20, "FOO|BAR", PF_GFP_5_0 },
		{ 0xa20, "", PF_GFP_5_0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum pf_gfp_layout l =
			pf_gfp_layout_infer(cases[i].mask, cases[i].names);

		if (l != cases[i].layout)
			fail_msg("0x%lx '%s': %s, not %s", cases[i].mask,
				 cases[i].names, pf_gfp_layout_name(l),
				 pf_gfp_layout_name(cases[i].layout));
	}
}

static void test_layout_of(void **state)
{
	/* clang-format off */
	static const struct {
		const char *kernel;
		enum pf_gfp_layout layout;
	} map[] = {
		{ "2.6.16", PF_GFP_2_6_18 }, { "2.6.23.17", PF_GFP_2_6_18 },
		{ "2.6.18-8.el5", PF_GFP_RHEL5 }, { "rhel5", PF_GFP_RHEL5 },
		{ "2.6.18-274.7.1.el5", PF_GFP_RHEL5 },
		{ "2.6.24", PF_GFP_2_6_24 }, { "rhel6.4", PF_GFP_2_6_24 },
		{ "3.5.7", PF_GFP_2_6_24 }, { "3.6", PF_GFP_3_10 },
		{ "rhel7", PF_GFP_3_10 }, { "4.3.6", PF_GFP_3_10 },
		{ "4.4.0", PF_GFP_4_4 }, { "4.9.337", PF_GFP_4_4 },
		{ "4.10", PF_GFP_4_10 }, { "4.17.19", PF_GFP_4_10 },
		{ "4.18.0-240.el8", PF_GFP_4_18 }, { "rhel8", PF_GFP_4_18 },
		{ "4.20.17", PF_GFP_4_18 }, { "5.0.21", PF_GFP_4_18 },
		{ "5.1.0", PF_GFP_5_0 }, { "rhel9", PF_GFP_5_0 },
		{ "6.2.16", PF_GFP_5_0 }, { "6.3.0", PF_GFP_6_3 },
		{ "6.12.39", PF_GFP_6_3 }, { "6.14.11", PF_GFP_6_3 },
		{ "6.15.0-rc1", PF_GFP_6_15 }, { "6.19.0", PF_GFP_6_15 },
		{ "5.4.1-1.el7.elrepo.x86_64", PF_GFP_5_0 },
	};
	/* clang-format on */
	struct pf_kver none;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		assert_int_equal(layout_of(map[i].kernel), map[i].layout);
	memset(&none, 0, sizeof(none));
	assert_int_equal(pf_gfp_layout_of(&none), PF_GFP_UNKNOWN);
	assert_int_equal(pf_gfp_layout_of(NULL), PF_GFP_UNKNOWN);
}

static void test_layout_name(void **state)
{
	int l;

	(void)state;
	assert_string_equal(pf_gfp_layout_name(PF_GFP_UNKNOWN), "unknown");
	assert_string_equal(pf_gfp_layout_name(PF_GFP_NR_LAYOUTS), "unknown");
	assert_string_equal(pf_gfp_layout_name(PF_GFP_4_18), "4.18-5.0");
	/* -j writes these: the names of 6.3 and older stay as they were */
	assert_string_equal(pf_gfp_layout_name(PF_GFP_6_3), "6.3+");
	assert_string_equal(pf_gfp_layout_name(PF_GFP_6_15), "6.15+");
	for (l = PF_GFP_UNKNOWN + 1; l < PF_GFP_NR_LAYOUTS; l++) {
		const char *n = pf_gfp_layout_name((enum pf_gfp_layout)l);

		assert_non_null(n);
		assert_string_not_equal(n, "unknown");
		/* and every layout has its watermark era without a version */
		assert_int_not_equal(pf_wm_era_of(NULL, l), PF_WM_UNKNOWN);
	}
	assert_int_equal(pf_wm_era_of(NULL, PF_GFP_6_15), PF_WM_6_3);
}

static void test_format_edges(void **state)
{
	static const struct {
		unsigned long mask;
		enum pf_gfp_layout layout;
		const char *names;
	} cases[] = {
		/* leftover bits print in hex, as format_flags() does */
		{ 0xa20, PF_GFP_6_3, "GFP_ATOMIC|0x200" },
		{ 0xa00, PF_GFP_6_3, "GFP_NOWAIT|0x200" },
		{ 0x10000cc0, PF_GFP_5_0, "GFP_KERNEL|0x10000000" },
		{ 0x8, PF_GFP_2_6_18, "0x8" },
		{ 0, PF_GFP_5_0, "" },
		/* GFP_NOIO is __GFP_RECLAIM and comes first */
		{ 0x600080, PF_GFP_4_18, "GFP_NOIO|__GFP_FS" },
		{ 0x400, PF_GFP_5_0, "__GFP_DIRECT_RECLAIM" },
		/* renames within the bit */
		{ 0x24004c0, PF_GFP_4_4, "GFP_KERNEL|__GFP_REPEAT" },
		{ 0x14004c0, PF_GFP_4_10, "GFP_KERNEL|__GFP_RETRY_MAYFAIL" },
		{ 0x24000d0, PF_GFP_4_4, "GFP_TEMPORARY" },
		{ 0x14000d0, PF_GFP_4_10, "GFP_KERNEL|__GFP_RECLAIMABLE" },
		{ 0x420, PF_GFP_RHEL5, "__GFP_HIGH|__GFP_REPEAT" },
		{ 0x400d0, PF_GFP_RHEL5, "GFP_KERNEL|__GFP_NO_OOM" },
		{ 0x1400cc0, PF_GFP_5_0, "GFP_KERNEL_ACCOUNT|0x1000000" },
		/* GFP_TRANSHUGE of 2.6.38-4.3, and of 4.8+ (LIGHT | DIRECT) */
		{ 0x4352da, PF_GFP_3_10, "GFP_TRANSHUGE" },
		{ 0x4342ca, PF_GFP_4_4, "GFP_TRANSHUGE" },
		{ 0x342ca, PF_GFP_4_4, "GFP_TRANSHUGE_LIGHT" },
		{ 0x1c24ca, PF_GFP_5_0, "GFP_TRANSHUGE" },
		{ 0x1c20ca, PF_GFP_6_3, "GFP_TRANSHUGE_LIGHT" },
	};
	char buf[16];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = fmt(cases[i].mask, cases[i].layout);

		if (strcmp(got, cases[i].names))
			fail_msg("0x%lx in %s: '%s', not '%s'", cases[i].mask,
				 pf_gfp_layout_name(cases[i].layout), got,
				 cases[i].names);
	}

	/* truncation keeps a terminated prefix and says how much was kept */
	assert_int_equal(pf_gfp_format(0xcc1, PF_GFP_5_0, buf, sizeof(buf)),
			 15);
	assert_string_equal(buf, "GFP_KERNEL|GFP_");
	assert_int_equal(pf_gfp_format(0xcc1, PF_GFP_5_0, buf, 1), 0);
	assert_string_equal(buf, "");
	assert_int_equal(pf_gfp_format(0xcc1, PF_GFP_5_0, NULL, 0), 0);
	assert_int_equal(pf_gfp_format(0xcc1, PF_GFP_UNKNOWN, buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(
		pf_gfp_format(0xcc1, PF_GFP_NR_LAYOUTS, buf, sizeof(buf)),
		-EINVAL);
}

/*
 * pf_gfp_flags() of a mask: how many names (-1: not asked) and those
 * asked (NULL: not asked), with room for max names and, if spare, for
 * the unknown bits in hex.
 */
/* clang-format off */
static const struct flags_case {
	unsigned long mask;
	enum pf_gfp_layout layout;
	size_t max;
	bool spare;
	int n;
	const char *names[6];
} flags_cases[] = {
	{ 0xa20, PF_GFP_5_0, 8, true, 3,
	  { "__GFP_HIGH", "__GFP_ATOMIC", "__GFP_KSWAPD_RECLAIM" } },
	{ 0xa20, PF_GFP_6_3, 8, true, 3, { NULL, "0x200" } },
	{ 0x2040d1, PF_GFP_3_10, 8, true, 6,
	  { "__GFP_DMA", "__GFP_WAIT", "__GFP_IO", "__GFP_FS", "__GFP_COMP",
	    "__GFP_NOTRACK" } },
	{ 0x400, PF_GFP_4_4, 8, true, 1, { "__GFP_REPEAT" } },
	{ 0x400, PF_GFP_4_18, 8, true, -1, { "__GFP_RETRY_MAYFAIL" } },
	/* max caps the count */
	{ 0xcc0, PF_GFP_5_0, 2, true, 2, { "__GFP_IO", "__GFP_FS" } },
	/* unknown bits need spare room; without it they are left out */
	{ 0x30000020, PF_GFP_5_0, 8, true, 3,
	  { NULL, "0x10000000", "0x20000000" } },
	{ 0x30000020, PF_GFP_5_0, 8, false, 1, { NULL } },
	/* an unknown layout knows no bit */
	{ 0x20, PF_GFP_UNKNOWN, 8, true, 1, { "0x20" } },
};
/* clang-format on */

static void test_flags(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(flags_cases) / sizeof(flags_cases[0]);
	     i++) {
		const struct flags_case *c = &flags_cases[i];
		const char *names[8];
		char spare[64];
		size_t n = pf_gfp_flags(c->mask, c->layout, names, c->max,
					c->spare ? spare : NULL,
					c->spare ? sizeof(spare) : 0);

		if (c->n >= 0 && n != (size_t)c->n)
			fail_msg("0x%lx in %s: %zu names, not %d", c->mask,
				 pf_gfp_layout_name(c->layout), n, c->n);
		for (int k = 0; k < 6; k++)
			if (c->names[k] && strcmp(names[k], c->names[k]))
				fail_msg("0x%lx in %s: name %d '%s', not '%s'",
					 c->mask, pf_gfp_layout_name(c->layout),
					 k, names[k], c->names[k]);
	}
}

/* pf_gfp_caps(): the flags that must be true, and those that must not */
struct caps_case {
	unsigned long mask;
	enum pf_gfp_layout layout;
	const char *set, *clear; /* names of struct pf_gfp_caps bools */
	int highest_zone;	 /* -1: not asked */
	int migratetype;	 /* -1: not asked */
};

#define CAPS_FIELD(f)                                                          \
	{                                                                      \
#f, offsetof(struct pf_gfp_caps, f)                            \
	}

static void check_caps_bools(const struct pf_gfp_caps *c, const char *names,
			     bool want)
{
	/* clang-format off */
	static const struct {
		const char *name;
		size_t off;
	} fields[] = {
		CAPS_FIELD(can_sleep), CAPS_FIELD(direct_reclaim),
		CAPS_FIELD(wakes_kswapd), CAPS_FIELD(io), CAPS_FIELD(fs),
		CAPS_FIELD(high), CAPS_FIELD(atomic), CAPS_FIELD(nowarn),
		CAPS_FIELD(noretry), CAPS_FIELD(retry_mayfail),
		CAPS_FIELD(nofail), CAPS_FIELD(comp), CAPS_FIELD(zero),
		CAPS_FIELD(nomemalloc), CAPS_FIELD(memalloc),
		CAPS_FIELD(thisnode), CAPS_FIELD(hardwall),
	};
	/* clang-format on */
	char buf[256], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", names ? names : "");
	for (char *w = strtok_r(buf, " ", &save); w;
	     w = strtok_r(NULL, " ", &save)) {
		size_t f = 0;

		while (f < sizeof(fields) / sizeof(fields[0]) &&
		       strcmp(fields[f].name, w))
			f++;
		if (f == sizeof(fields) / sizeof(fields[0]))
			fail_msg("no field %s in struct pf_gfp_caps", w);
		if (*(const bool *)((const char *)c + fields[f].off) != want)
			fail_msg("%s is not %s", w, want ? "true" : "false");
	}
}

static void check_caps(const struct caps_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct caps_case *k = &cases[i];
		struct pf_gfp_caps c;

		print_message("0x%lx in %s\n", k->mask,
			      pf_gfp_layout_name(k->layout));
		assert_int_equal(pf_gfp_caps(k->mask, k->layout, &c), 0);
		check_caps_bools(&c, k->set, true);
		check_caps_bools(&c, k->clear, false);
		if (k->highest_zone >= 0)
			assert_int_equal(c.highest_zone, k->highest_zone);
		if (k->migratetype >= 0)
			assert_int_equal(c.migratetype, k->migratetype);
	}
}

#define CHECK_CAPS(c) check_caps(c, sizeof(c) / sizeof(c[0]))
#define GFP_ATOMIC_CAPS(mask, layout)                                          \
	{                                                                      \
		mask, layout, "atomic high wakes_kswapd",                      \
			"can_sleep direct_reclaim io fs", PF_ZONE_NORMAL, 0    \
	}

static void test_caps_atomic(void **state)
{
	static const struct caps_case c[] = {
		/* GFP_ATOMIC of every layout */
		GFP_ATOMIC_CAPS(0x20, PF_GFP_2_6_18),
		GFP_ATOMIC_CAPS(0x220, PF_GFP_RHEL5),
		GFP_ATOMIC_CAPS(0x20, PF_GFP_2_6_24),
		GFP_ATOMIC_CAPS(0x20, PF_GFP_3_10),
		GFP_ATOMIC_CAPS(0x2080020, PF_GFP_4_4),
		GFP_ATOMIC_CAPS(0x1080020, PF_GFP_4_10),
		GFP_ATOMIC_CAPS(0x480020, PF_GFP_4_18),
		GFP_ATOMIC_CAPS(0xa20, PF_GFP_5_0),
		GFP_ATOMIC_CAPS(0x820, PF_GFP_6_3),
		/* 4.4-6.2: the __GFP_ATOMIC bit alone makes it atomic */
		{ 0x200, PF_GFP_5_0, "atomic", "high", -1, -1 },
		/* GFP_NOWAIT is not atomic: no reserves */
		{ 0x800, PF_GFP_5_0, "wakes_kswapd", "atomic", -1, -1 },
		{ 0x800, PF_GFP_6_3, NULL, "atomic", -1, -1 },
		/* __GFP_HIGH with the right to sleep is not atomic */
		{ 0xce0, PF_GFP_6_3, "high", "atomic", -1, -1 },
	};

	(void)state;
	CHECK_CAPS(c);
}

static void test_caps_sleep(void **state)
{
	static const struct caps_case c[] = {
		{ 0xcc0, PF_GFP_5_0,
		  "can_sleep direct_reclaim wakes_kswapd io fs", "atomic high",
		  -1, -1 },
		{ 0xd0, PF_GFP_2_6_24, "can_sleep wakes_kswapd io fs", NULL, -1,
		  -1 },
		{ 0x10, PF_GFP_2_6_18, "can_sleep", "io", -1, -1 },
		{ 0x24000c0, PF_GFP_4_4, "can_sleep wakes_kswapd", NULL, -1,
		  -1 },
		/* 4.4-4.9 DIRECT without KSWAPD: sleeps, wakes no kswapd */
		{ 0x4000c0, PF_GFP_4_4, "can_sleep", "wakes_kswapd", -1, -1 },
		/* 2.6.38-4.3: THP's __GFP_NO_KSWAPD */
		{ 0x4352da, PF_GFP_3_10,
		  "can_sleep comp nowarn noretry hardwall", "wakes_kswapd", -1,
		  -1 },
		{ 0x194dc2, PF_GFP_5_0,
		  "retry_mayfail noretry zero nomemalloc hardwall",
		  "comp nofail nowarn memalloc thisnode", PF_ZONE_HIGHMEM, -1 },
		{ 0x22acc0, PF_GFP_5_0, "nofail memalloc thisnode nowarn", NULL,
		  -1, -1 },
		{ 0x2800, PF_GFP_3_10, "memalloc nofail", NULL, -1, -1 },
	};

	(void)state;
	CHECK_CAPS(c);
}

static void test_caps_zone_migratetype(void **state)
{
	static const struct caps_case c[] = {
		{ 0xcc1, PF_GFP_5_0, NULL, NULL, PF_ZONE_DMA, -1 },
		{ 0xcc4, PF_GFP_5_0, NULL, NULL, PF_ZONE_DMA32, -1 },
		{ 0xcc2, PF_GFP_5_0, NULL, NULL, PF_ZONE_HIGHMEM, -1 },
		{ 0x100cca, PF_GFP_5_0, NULL, NULL, PF_ZONE_MOVABLE, 1 },
		{ 0xcc8, PF_GFP_5_0, NULL, NULL, PF_ZONE_NORMAL, 1 },
		{ 0xcd0, PF_GFP_5_0, NULL, NULL, -1, 2 },
		{ 0x6000d0, PF_GFP_4_18, NULL, NULL, -1, 2 },
		{ 0xc, PF_GFP_5_0, NULL, NULL, PF_ZONE_DMA32, -1 },
		/* 2.6.24-4.3: RECLAIMABLE is 0x80000, 0x10 is __GFP_WAIT */
		{ 0x800d0, PF_GFP_3_10, NULL, NULL, -1, 2 },
		{ 0xd0, PF_GFP_3_10, NULL, NULL, -1, 0 },
		{ 0x200da, PF_GFP_2_6_24, NULL, NULL, PF_ZONE_MOVABLE, 1 },
		/* 2.6.18: no mobility grouping, no __GFP_MOVABLE */
		{ 0x200d2, PF_GFP_2_6_18, NULL, NULL, PF_ZONE_HIGHMEM, 0 },
		{ 0xd5, PF_GFP_RHEL5, NULL, NULL, PF_ZONE_DMA, -1 },
	};

	(void)state;
	CHECK_CAPS(c);
}

static void test_caps_invalid(void **state)
{
	struct pf_gfp_caps c;

	(void)state;
	memset(&c, 0x5a, sizeof(c));
	assert_int_equal(pf_gfp_caps(0x20, PF_GFP_UNKNOWN, &c), -EINVAL);
	assert_false(c.atomic);
	assert_int_equal(pf_gfp_caps(0x20, PF_GFP_5_0, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_composites),
		cmocka_unit_test(test_reports),
		cmocka_unit_test(test_name_order),
		cmocka_unit_test(test_infer_shape),
		cmocka_unit_test(test_infer_names),
		cmocka_unit_test(test_layout_of),
		cmocka_unit_test(test_layout_name),
		cmocka_unit_test(test_format_edges),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_caps_atomic),
		cmocka_unit_test(test_caps_sleep),
		cmocka_unit_test(test_caps_zone_migratetype),
		cmocka_unit_test(test_caps_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
