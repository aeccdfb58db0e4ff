// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * gfp.c - gfp masks: the ___GFP_* bit layout of each kernel era, the
 * kernel's "%pGg" rendering of a mask, inference of the layout from what a
 * report printed, and what a mask allows the page allocator to do.
 *
 * The bit values mirror include/linux/gfp.h (include/linux/gfp_types.h from
 * 6.0) of each era; the name order mirrors __def_gfpflag_names in
 * include/trace/events/mmflags.h (4.6+), which mm/debug.c turns into the
 * gfpflag_names[] table that format_flags() in lib/vsprintf.c walks.  That
 * table had two orders: written by hand from 4.6 to 6.14, generated in bit
 * order from 6.15; each layout names the one its kernels print.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mm/mm.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The single ___GFP_* bits, whatever their value in one era. */
enum gfp_bit {
	GB_DMA,
	GB_HIGHMEM,
	GB_DMA32,
	GB_MOVABLE,
	GB_WAIT, /* up to 4.3; split into the two RECLAIMs */
	GB_RECLAIMABLE,
	GB_HIGH,
	GB_ATOMIC, /* 4.4 .. 6.2 */
	GB_IO,
	GB_FS,
	GB_COLD, /* up to 4.14 */
	GB_NOWARN,
	GB_REPEAT, /* __GFP_RETRY_MAYFAIL from 4.14 */
	GB_NOFAIL,
	GB_NORETRY,
	GB_MEMALLOC, /* 3.6+ */
	GB_COMP,
	GB_ZERO,
	GB_NOMEMALLOC,
	GB_HARDWALL,
	GB_THISNODE,
	GB_ACCOUNT,	   /* KMEMCG, NOACCOUNT, ACCOUNT: same bit */
	GB_NOTRACK,	   /* kmemcheck, 2.6.31 .. 4.14 */
	GB_NO_KSWAPD,	   /* 2.6.38 .. 4.3 */
	GB_OTHER_NODE,	   /* 2.6.39 .. 4.9 */
	GB_WRITE,	   /* 3.2+ */
	GB_DIRECT_RECLAIM, /* 4.4+ */
	GB_KSWAPD_RECLAIM, /* 4.4+ */
	GB_ZEROTAGS,	   /* 5.15+ (arm64 MTE) */
	GB_NO_GROW,	   /* 2.6.18 slab */
	GB_NO_OOM,	   /* RHEL 5 only */
	GB_NR
};

/* Composite names, numbered after the bits. */
enum gfp_composite {
	GC_TRANSHUGE = GB_NR,
	GC_TRANSHUGE_LIGHT,
	GC_HIGHUSER_MOVABLE,
	GC_HIGHUSER,
	GC_USER,
	GC_TEMPORARY,
	GC_KERNEL_ACCOUNT,
	GC_KERNEL,
	GC_NOFS,
	GC_ATOMIC,
	GC_NOIO,
	GC_NOWAIT,
	GC_DMA, /* GFP_DMA, GFP_DMA32: one bit, own name */
	GC_DMA32,
	GC_RECLAIM, /* __GFP_RECLAIM: both reclaim bits */
	GC_END
};

#define GC_BIT(c) (1u << ((c)-GB_NR))

/*
 * The walk order of the name table of 4.6 .. 6.14.  It is the hand-written
 * __def_gfpflag_names of include/trace/events/mmflags.h as 4.9 has it
 * (composites first, most bits first, __GFP_HIGHMEM among them, then the
 * single flags __GFP_HIGH, ..., __GFP_COMP, __GFP_ZERO, ...,
 * __GFP_RECLAIMABLE, __GFP_MOVABLE, ...), which later kernels up to 6.14
 * only added names to or took names from, never reordered (read in 4.6,
 * 4.9, 5.10, 6.1 and in the 6.14 text that 6.15 replaced).  The names of
 * other eras are slotted in where they fit: __GFP_WAIT where 4.x has
 * __GFP_ATOMIC, the 2.6/3.x-only bits at the end (those kernels print no
 * names: the rendering is ours), __GFP_ZEROTAGS after __GFP_KSWAPD_RECLAIM
 * as in 5.15+.  Entries a layout lacks are skipped.
 */
/* clang-format off */
static const unsigned char gfp_order_4_6[] = {
	GC_TRANSHUGE, GC_TRANSHUGE_LIGHT, GC_HIGHUSER_MOVABLE, GC_HIGHUSER,
	GC_USER, GC_TEMPORARY, GC_KERNEL_ACCOUNT, GC_KERNEL, GC_NOFS,
	GC_ATOMIC, GC_NOIO, GC_NOWAIT,
	GC_DMA, GB_HIGHMEM, GC_DMA32,
	GB_HIGH, GB_ATOMIC, GB_WAIT, GB_IO, GB_FS, GB_COLD, GB_NOWARN,
	GB_REPEAT, GB_NOFAIL, GB_NORETRY, GB_COMP, GB_ZERO, GB_NOMEMALLOC,
	GB_MEMALLOC, GB_HARDWALL, GB_THISNODE, GB_RECLAIMABLE, GB_MOVABLE,
	GB_ACCOUNT, GB_NOTRACK, GB_WRITE, GC_RECLAIM, GB_DIRECT_RECLAIM,
	GB_KSWAPD_RECLAIM, GB_OTHER_NODE, GB_ZEROTAGS, GB_NO_KSWAPD,
	GB_NO_GROW, GB_NO_OOM,
};
/* clang-format on */

/*
 * The walk order of the name table of 6.15+: "tracing: gfp: Remove
 * duplication of recording GFP flags" (commit ca29a0bf1221, v6.15-rc1)
 * made __def_gfpflag_names the same composites, less __GFP_HIGHMEM, then
 * TRACE_GFP_FLAGS: the single flags of TRACE_GFP_FLAGS_GENERAL, which
 * lists them in the order of their ___GFP_*_BIT enum, that is by bit
 * value.  __GFP_DMA and __GFP_DMA32 are listed but never printed (GFP_DMA
 * and GFP_DMA32 above take their bits); the config-dependent bits after
 * __GFP_ZEROTAGS (KASAN, NOLOCKDEP) are left out as in every layout.
 */
/* clang-format off */
static const unsigned char gfp_order_6_15[] = {
	GC_TRANSHUGE, GC_TRANSHUGE_LIGHT, GC_HIGHUSER_MOVABLE, GC_HIGHUSER,
	GC_USER, GC_KERNEL_ACCOUNT, GC_KERNEL, GC_NOFS, GC_ATOMIC, GC_NOIO,
	GC_NOWAIT, GC_DMA, GC_DMA32, GC_RECLAIM,
	GB_DMA, GB_HIGHMEM, GB_DMA32, GB_MOVABLE, GB_RECLAIMABLE, GB_HIGH,
	GB_IO, GB_FS, GB_ZERO, GB_DIRECT_RECLAIM, GB_KSWAPD_RECLAIM, GB_WRITE,
	GB_NOWARN, GB_REPEAT, GB_NOFAIL, GB_NORETRY, GB_MEMALLOC, GB_COMP,
	GB_NOMEMALLOC, GB_HARDWALL, GB_THISNODE, GB_ACCOUNT, GB_ZEROTAGS,
};
/* clang-format on */

static const char *const gfp_names[GC_END] = {
	[GB_DMA] = "__GFP_DMA",
	[GB_HIGHMEM] = "__GFP_HIGHMEM",
	[GB_DMA32] = "__GFP_DMA32",
	[GB_MOVABLE] = "__GFP_MOVABLE",
	[GB_WAIT] = "__GFP_WAIT",
	[GB_RECLAIMABLE] = "__GFP_RECLAIMABLE",
	[GB_HIGH] = "__GFP_HIGH",
	[GB_ATOMIC] = "__GFP_ATOMIC",
	[GB_IO] = "__GFP_IO",
	[GB_FS] = "__GFP_FS",
	[GB_COLD] = "__GFP_COLD",
	[GB_NOWARN] = "__GFP_NOWARN",
	[GB_REPEAT] = "__GFP_REPEAT",
	[GB_NOFAIL] = "__GFP_NOFAIL",
	[GB_NORETRY] = "__GFP_NORETRY",
	[GB_MEMALLOC] = "__GFP_MEMALLOC",
	[GB_COMP] = "__GFP_COMP",
	[GB_ZERO] = "__GFP_ZERO",
	[GB_NOMEMALLOC] = "__GFP_NOMEMALLOC",
	[GB_HARDWALL] = "__GFP_HARDWALL",
	[GB_THISNODE] = "__GFP_THISNODE",
	[GB_ACCOUNT] = "__GFP_ACCOUNT",
	[GB_NOTRACK] = "__GFP_NOTRACK",
	[GB_NO_KSWAPD] = "__GFP_NO_KSWAPD",
	[GB_OTHER_NODE] = "__GFP_OTHER_NODE",
	[GB_WRITE] = "__GFP_WRITE",
	[GB_DIRECT_RECLAIM] = "__GFP_DIRECT_RECLAIM",
	[GB_KSWAPD_RECLAIM] = "__GFP_KSWAPD_RECLAIM",
	[GB_ZEROTAGS] = "__GFP_ZEROTAGS",
	[GB_NO_GROW] = "__GFP_NO_GROW",
	[GB_NO_OOM] = "__GFP_NO_OOM",
	[GC_TRANSHUGE] = "GFP_TRANSHUGE",
	[GC_TRANSHUGE_LIGHT] = "GFP_TRANSHUGE_LIGHT",
	[GC_HIGHUSER_MOVABLE] = "GFP_HIGHUSER_MOVABLE",
	[GC_HIGHUSER] = "GFP_HIGHUSER",
	[GC_USER] = "GFP_USER",
	[GC_TEMPORARY] = "GFP_TEMPORARY",
	[GC_KERNEL_ACCOUNT] = "GFP_KERNEL_ACCOUNT",
	[GC_KERNEL] = "GFP_KERNEL",
	[GC_NOFS] = "GFP_NOFS",
	[GC_ATOMIC] = "GFP_ATOMIC",
	[GC_NOIO] = "GFP_NOIO",
	[GC_NOWAIT] = "GFP_NOWAIT",
	[GC_DMA] = "GFP_DMA",
	[GC_DMA32] = "GFP_DMA32",
	[GC_RECLAIM] = "__GFP_RECLAIM",
};

struct gfp_layout_desc {
	const char *name;
	const unsigned char *order; /* the era's name table, in order */
	size_t nr_order;
	unsigned long gfp_atomic; /* GFP_ATOMIC as gfp.h defines it */
	unsigned int composites;  /* GC_BIT() of the names listed */
	bool retry_mayfail;	  /* GB_REPEAT is __GFP_RETRY_MAYFAIL */
	bool mobility;		  /* migratetype from the mask (2.6.24+) */
};

#define GFP_ORDER(table) .order = (table), .nr_order = ARRAY_SIZE(table)

/* Composites every era defines (GFP_NOWAIT is 0 before 4.4: skipped). */
#define GC_COMMON                                                              \
	(GC_BIT(GC_HIGHUSER) | GC_BIT(GC_USER) | GC_BIT(GC_KERNEL) |           \
	 GC_BIT(GC_NOFS) | GC_BIT(GC_NOIO) | GC_BIT(GC_DMA) |                  \
	 GC_BIT(GC_DMA32))
/* 4.4+ (__GFP_WAIT split): __GFP_RECLAIM and the names of 4.9's table */
#define GC_NEW                                                                 \
	(GC_COMMON | GC_BIT(GC_HIGHUSER_MOVABLE) | GC_BIT(GC_TRANSHUGE) |      \
	 GC_BIT(GC_TRANSHUGE_LIGHT) | GC_BIT(GC_KERNEL_ACCOUNT) |              \
	 GC_BIT(GC_ATOMIC) | GC_BIT(GC_NOWAIT) | GC_BIT(GC_RECLAIM))

/*
 * GFP_ATOMIC is left out of the 2.6.x/3.x tables: there it is __GFP_HIGH
 * and nothing else (a caller passing __GFP_HIGH alone is the same mask),
 * so such masks are named by the bit, "__GFP_HIGH".  These kernels print
 * no names, the rendering is ours.  RHEL 5 defines GFP_ATOMIC as
 * __GFP_HIGH|__GFP_NOWARN, a real composite, and keeps it.
 */

/* The composites of gfp_types.h from 6.3 on (6.3+ and 6.15+). */
#define GFP_LAYOUT_6_3                                                         \
	.gfp_atomic = 0x820, .composites = GC_NEW, .retry_mayfail = true,      \
	.mobility = true

/*
 * The ___GFP_* bits of each layout, as bit numbers (bit n is 1 << n:
 * 0x20 is 5, 0x400000 is 22; NO: the era has no such bit), a row per
 * flag and a column per layout, in the order of enum pf_gfp_layout: a
 * row is the flag's history.  Where a bit changed its name within an era
 * the later name is used, and every bit the era ever had is listed (a
 * kernel never sets a bit it lacks, so the superset renders every kernel
 * of the era).  The sources of each column are said at the layout below.
 */
#define NO -1
static const signed char gfp_bit_nr[GB_NR][PF_GFP_NR_LAYOUTS - 1] = {
	/*                    2.6.18  2.6.24     4.4    4.18     6.3
	 *                         rhel5     3.6    4.10     5.1    6.15 */
	[GB_DMA] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	[GB_HIGHMEM] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 },
	[GB_DMA32] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 },
	[GB_MOVABLE] = { NO, NO, 3, 3, 3, 3, 3, 3, 3, 3 },
	[GB_WAIT] = { 4, 4, 4, 4, NO, NO, NO, NO, NO, NO },
	[GB_RECLAIMABLE] = { NO, NO, 19, 19, 4, 4, 4, 4, 4, 4 },
	[GB_HIGH] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 },
	[GB_ATOMIC] = { NO, NO, NO, NO, 19, 19, 19, 9, NO, NO },
	[GB_IO] = { 6, 6, 6, 6, 6, 6, 6, 6, 6, 6 },
	[GB_FS] = { 7, 7, 7, 7, 7, 7, 7, 7, 7, 7 },
	[GB_COLD] = { 8, 8, 8, 8, 8, 8, NO, NO, NO, NO },
	[GB_NOWARN] = { 9, 9, 9, 9, 9, 9, 9, 13, 13, 13 },
	[GB_REPEAT] = { 10, 10, 10, 10, 10, 10, 10, 14, 14, 14 },
	[GB_NOFAIL] = { 11, 11, 11, 11, 11, 11, 11, 15, 15, 15 },
	[GB_NORETRY] = { 12, 12, 12, 12, 12, 12, 12, 16, 16, 16 },
	[GB_MEMALLOC] = { NO, NO, NO, 13, 13, 13, 13, 17, 17, 17 },
	[GB_COMP] = { 14, 14, 14, 14, 14, 14, 14, 18, 18, 18 },
	[GB_ZERO] = { 15, 15, 15, 15, 15, 15, 15, 8, 8, 8 },
	[GB_NOMEMALLOC] = { 16, 16, 16, 16, 16, 16, 16, 19, 19, 19 },
	[GB_HARDWALL] = { 17, 17, 17, 17, 17, 17, 17, 20, 20, 20 },
	[GB_THISNODE] = { 18, NO, 18, 18, 18, 18, 18, 21, 21, 21 },
	[GB_ACCOUNT] = { NO, NO, NO, 20, 20, 20, 20, 22, 22, 22 },
	[GB_NOTRACK] = { NO, NO, 21, 21, 21, 21, NO, NO, NO, NO },
	[GB_NO_KSWAPD] = { NO, NO, 22, 22, NO, NO, NO, NO, NO, NO },
	[GB_OTHER_NODE] = { NO, NO, 23, 23, 23, NO, NO, NO, NO, NO },
	[GB_WRITE] = { NO, NO, 24, 24, 24, 23, 8, 12, 12, 12 },
	[GB_DIRECT_RECLAIM] = { NO, NO, NO, NO, 22, 22, 21, 10, 10, 10 },
	[GB_KSWAPD_RECLAIM] = { NO, NO, NO, NO, 25, 24, 22, 11, 11, 11 },
	[GB_ZEROTAGS] = { NO, NO, NO, NO, NO, NO, NO, 23, 23, 23 },
	[GB_NO_GROW] = { 13, 13, NO, NO, NO, NO, NO, NO, NO, NO },
	[GB_NO_OOM] = { NO, 18, NO, NO, NO, NO, NO, NO, NO, NO },
};
#undef NO

/* One layout per era: its name table and what its gfp.h composes. */
static const struct gfp_layout_desc gfp_layouts[PF_GFP_NR_LAYOUTS] = {
	/*
	 * include/linux/gfp.h of 2.6.18.  __GFP_THISNODE 0x40000 is from
	 * 2.6.19 on (not in 2.6.18 itself, unverified for 2.6.19-23).
	 */
	[PF_GFP_2_6_18] = {
		.name = "2.6.18-2.6.23",
		GFP_ORDER(gfp_order_4_6),
		.gfp_atomic = 0x20,
		.composites = GC_COMMON,
	},
	/*
	 * RHEL 5 (2.6.18-*.el5) gfp.h: no __GFP_THISNODE, __GFP_NO_OOM
	 * 0x40000 from -194.el5, and GFP_ATOMIC = __GFP_HIGH|__GFP_NOWARN.
	 */
	[PF_GFP_RHEL5] = {
		.name = "rhel5",
		GFP_ORDER(gfp_order_4_6),
		.gfp_atomic = 0x220,
		.composites = GC_COMMON | GC_BIT(GC_ATOMIC),
	},
	/*
	 * include/linux/gfp.h of 2.6.32 and RHEL 6: mobility grouping moved
	 * __GFP_MOVABLE to 0x08 (2.6.24).  Later bits of the era: NOTRACK
	 * (2.6.31), NO_KSWAPD (2.6.38), OTHER_NODE, WRITE (3.2).
	 */
	[PF_GFP_2_6_24] = {
		.name = "2.6.24-3.5",
		GFP_ORDER(gfp_order_4_6),
		.gfp_atomic = 0x20,
		.composites = GC_COMMON | GC_BIT(GC_HIGHUSER_MOVABLE) |
			      GC_BIT(GC_TEMPORARY) | GC_BIT(GC_TRANSHUGE),
		.mobility = true,
	},
	/*
	 * include/linux/gfp.h of 3.10 and RHEL 7: __GFP_MEMALLOC 0x2000
	 * (3.6).  0x100000 is __GFP_KMEMCG in vanilla 3.10 and
	 * __GFP_ACCOUNT in RHEL 7; RHEL 7's name is used.
	 */
	[PF_GFP_3_10] = {
		.name = "3.6-4.3",
		GFP_ORDER(gfp_order_4_6),
		.gfp_atomic = 0x20,
		.composites = GC_COMMON | GC_BIT(GC_HIGHUSER_MOVABLE) |
			      GC_BIT(GC_TEMPORARY) | GC_BIT(GC_TRANSHUGE),
		.mobility = true,
	},
	/*
	 * include/linux/gfp.h of 4.4 and 4.9: __GFP_WAIT split into
	 * DIRECT_RECLAIM and KSWAPD_RECLAIM, __GFP_ATOMIC added,
	 * __GFP_RECLAIMABLE moved to 0x10.  4.4's __GFP_NOACCOUNT became
	 * __GFP_ACCOUNT in 4.5; names as 4.9's mmflags.h prints them.
	 */
	[PF_GFP_4_4] = {
		.name = "4.4-4.9",
		GFP_ORDER(gfp_order_4_6),
		.gfp_atomic = 0x2080020,
		.composites = GC_NEW | GC_BIT(GC_TEMPORARY),
		.mobility = true,
	},
	/*
	 * include/linux/gfp.h of 4.10 .. 4.15: __GFP_OTHER_NODE removed, so
	 * WRITE and KSWAPD_RECLAIM moved down.  Named as 4.14+ prints them:
	 * __GFP_RETRY_MAYFAIL, no GFP_TEMPORARY; __GFP_COLD and
	 * __GFP_NOTRACK (gone in 4.15) are kept for 4.10 .. 4.14.
	 */
	[PF_GFP_4_10] = {
		.name = "4.10-4.17",
		GFP_ORDER(gfp_order_4_6),
		.gfp_atomic = 0x1080020,
		.composites = GC_NEW,
		.retry_mayfail = true,
		.mobility = true,
	},
	/*
	 * include/linux/gfp.h of RHEL 8 (4.18.0) and 4.19: "mm: save two
	 * stranding bit in gfp_mask" reused the COLD and OTHER_NODE slots.
	 * 5.0 still has this layout: "mm: shuffle GFP_* flags" was posted
	 * after 5.0-rc1, and real 5.0 reports print
	 * 0x404000(GFP_NOWAIT|__GFP_COMP).
	 */
	[PF_GFP_4_18] = {
		.name = "4.18-5.0",
		GFP_ORDER(gfp_order_4_6),
		.gfp_atomic = 0x480020,
		.composites = GC_NEW,
		.retry_mayfail = true,
		.mobility = true,
	},
	/*
	 * include/linux/gfp.h of 5.4 and 5.15, gfp_types.h of 6.1: the
	 * shuffled layout.  __GFP_ZEROTAGS (5.15+) is listed as 5.15's
	 * mmflags.h does; the config-dependent KASAN and NOLOCKDEP bits
	 * above it are not.
	 */
	[PF_GFP_5_0] = {
		.name = "5.1-6.2",
		GFP_ORDER(gfp_order_4_6),
		.gfp_atomic = 0xa20,
		.composites = GC_NEW,
		.retry_mayfail = true,
		.mobility = true,
	},
	/*
	 * include/linux/gfp_types.h of 6.3 .. 6.14: "mm: discard
	 * __GFP_ATOMIC" (6.3) left 0x200 unused.  GFP_NOWAIT is 0x800 as in
	 * 6.3; later kernels add __GFP_NOWARN to it, and then never report
	 * its failures, so the older value renders every printed mask.  The
	 * name "6.3+" is older than 6.15's change of name order, and kept:
	 * it is what -j has always written for these kernels.
	 */
	[PF_GFP_6_3] = {
		.name = "6.3+",
		GFP_ORDER(gfp_order_4_6),
		GFP_LAYOUT_6_3,
	},
	/* 6.15 and later: the bits of 6.3, the names in bit order. */
	[PF_GFP_6_15] = {
		.name = "6.15+",
		GFP_ORDER(gfp_order_6_15),
		GFP_LAYOUT_6_3,
	},
};

/*
 * The order inference tries the layouts in: from the newest to the
 * oldest, except that 6.3 comes before 6.15.  Their bits are the same, so
 * only the order of the names can tell 6.15+ apart, and a mask whose names
 * read the same in both keeps the older, longer era's "6.3+".
 */
static const enum pf_gfp_layout gfp_infer_order[] = {
	PF_GFP_6_3, PF_GFP_6_15, PF_GFP_5_0,	PF_GFP_4_18,  PF_GFP_4_10,
	PF_GFP_4_4, PF_GFP_3_10, PF_GFP_2_6_24, PF_GFP_RHEL5, PF_GFP_2_6_18,
};

static const struct gfp_layout_desc *gfp_desc(enum pf_gfp_layout layout)
{
	if (layout <= PF_GFP_UNKNOWN || layout >= PF_GFP_NR_LAYOUTS)
		return NULL;
	return &gfp_layouts[layout];
}

/* The value of the single bit id in the layout d (gfp_bit_nr[]), 0: none. */
static inline unsigned long gfp_bit(const struct gfp_layout_desc *d,
				    unsigned int id)
{
	int nr = gfp_bit_nr[id][d - gfp_layouts - 1];

	return nr < 0 ? 0 : 1UL << nr;
}

/*
 * The value of a name in one layout, 0 when the layout lacks it.  The
 * composites follow include/linux/gfp.h: before 4.4 they are built on
 * __GFP_WAIT, from 4.4 on __GFP_RECLAIM (= DIRECT|KSWAPD_RECLAIM).
 */
static unsigned long gfp_value(const struct gfp_layout_desc *d, unsigned int id)
{
	unsigned long b[GB_NR], reclaim, kernel, hum;

	if (id < GB_NR)
		return gfp_bit(d, id);
	if (!(d->composites & GC_BIT(id)))
		return 0;
	for (unsigned int i = 0; i < GB_NR; i++)
		b[i] = gfp_bit(d, i);

	if (b[GB_WAIT])
		reclaim = b[GB_WAIT];
	else
		reclaim = b[GB_DIRECT_RECLAIM] | b[GB_KSWAPD_RECLAIM];
	kernel = reclaim | b[GB_IO] | b[GB_FS];
	hum = kernel | b[GB_HARDWALL] | b[GB_HIGHMEM] | b[GB_MOVABLE];

	switch (id) {
	case GC_TRANSHUGE:
		if (b[GB_WAIT]) /* 2.6.38 .. 4.3 */
			return hum | b[GB_COMP] | b[GB_NOMEMALLOC] |
			       b[GB_NORETRY] | b[GB_NOWARN] | b[GB_NO_KSWAPD];
		/* 4.8+: GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM */
		return ((hum | b[GB_COMP] | b[GB_NOMEMALLOC] | b[GB_NOWARN]) &
			~reclaim) |
		       b[GB_DIRECT_RECLAIM];
	case GC_TRANSHUGE_LIGHT:
		return (hum | b[GB_COMP] | b[GB_NOMEMALLOC] | b[GB_NOWARN]) &
		       ~reclaim;
	case GC_HIGHUSER_MOVABLE:
		return hum;
	case GC_HIGHUSER:
		return kernel | b[GB_HARDWALL] | b[GB_HIGHMEM];
	case GC_USER:
		return kernel | b[GB_HARDWALL];
	case GC_TEMPORARY:
		return kernel | b[GB_RECLAIMABLE];
	case GC_KERNEL_ACCOUNT:
		return kernel | b[GB_ACCOUNT];
	case GC_KERNEL:
		return kernel;
	case GC_NOFS:
		return reclaim | b[GB_IO];
	case GC_ATOMIC:
		return d->gfp_atomic;
	case GC_NOIO:
		return reclaim;
	case GC_NOWAIT:
		return b[GB_KSWAPD_RECLAIM];
	case GC_DMA:
		return b[GB_DMA];
	case GC_DMA32:
		return b[GB_DMA32];
	case GC_RECLAIM:
		return b[GB_DIRECT_RECLAIM] | b[GB_KSWAPD_RECLAIM];
	}
	return 0;
}

static const char *gfp_name(const struct gfp_layout_desc *d, unsigned int id)
{
	if (id == GB_REPEAT && d->retry_mayfail)
		return "__GFP_RETRY_MAYFAIL";
	return gfp_names[id];
}

/* GFP_ATOMIC in that layout (0 when the layout is unknown). */
unsigned long pf_gfp_atomic(enum pf_gfp_layout layout)
{
	const struct gfp_layout_desc *d = gfp_desc(layout);

	return d ? d->gfp_atomic : 0;
}

const char *pf_gfp_layout_name(enum pf_gfp_layout layout)
{
	const struct gfp_layout_desc *d = gfp_desc(layout);

	return d ? d->name : "unknown";
}

/* Append s to buf[len] at *pos, counting what would not fit, as snprintf. */
static void gfp_put(char *buf, size_t len, size_t *pos, const char *s)
{
	size_t n = strlen(s);

	if (*pos + 1 < len) {
		size_t room = len - 1 - *pos;

		memcpy(buf + *pos, s, n < room ? n : room);
	}
	*pos += n;
}

int pf_gfp_format(unsigned long mask, enum pf_gfp_layout layout, char *buf,
		  size_t len)
{
	const struct gfp_layout_desc *d = gfp_desc(layout);
	unsigned long flags = mask;
	size_t pos = 0;
	size_t i;

	if (!d)
		return -EINVAL;

	/* format_flags() of lib/vsprintf.c over the era's name table */
	for (i = 0; flags && i < d->nr_order; i++) {
		unsigned long m = gfp_value(d, d->order[i]);

		if (!m || (flags & m) != m)
			continue;
		gfp_put(buf, len, &pos, gfp_name(d, d->order[i]));
		flags &= ~m;
		if (flags)
			gfp_put(buf, len, &pos, "|");
	}
	if (flags) {
		char hex[24];

		snprintf(hex, sizeof(hex), "%#lx", flags);
		gfp_put(buf, len, &pos, hex);
	}

	if (!len)
		return 0;
	if (pos >= len)
		pos = len - 1;
	buf[pos] = '\0';
	return (int)pos;
}

size_t pf_gfp_flags(unsigned long mask, enum pf_gfp_layout layout,
		    const char **names, size_t max, char *spare,
		    size_t spare_len)
{
	const struct gfp_layout_desc *d = gfp_desc(layout);
	size_t nr = 0, used = 0;
	unsigned int bit;

	for (bit = 0; bit < sizeof(mask) * 8 && nr < max; bit++) {
		unsigned long m = 1UL << bit;
		const char *name = NULL;
		unsigned int id;

		if (!(mask & m))
			continue;
		for (id = 0; d && id < GB_NR; id++) {
			if (gfp_bit(d, id) == m) {
				name = gfp_name(d, id);
				break;
			}
		}
		if (!name) {
			int n;

			if (!spare || used >= spare_len)
				continue;
			n = snprintf(spare + used, spare_len - used, "%#lx", m);
			if (n < 0 || (size_t)n >= spare_len - used)
				continue;
			name = spare + used;
			used += (size_t)n + 1;
		}
		names[nr++] = name;
	}
	return nr;
}

/*
 * Layout from the mask alone.  Each rule keys on a bit (or pair) whose
 * meaning in one era would be nonsense in the others:
 *
 *  - above 0x3ffffff: no era defines it (config-dependent KASAN/LOCKDEP
 *    bits of 5.15+ excepted, which failure reports do not carry).
 *  - 0x2000000: __GFP_KSWAPD_RECLAIM of 4.4-4.9 (GFP_KERNEL 0x24000c0,
 *    GFP_ATOMIC 0x2080020).
 *  - 0x1000000: __GFP_KSWAPD_RECLAIM of 4.10-4.17 (0x14000c0), unless it
 *    comes with __GFP_WAIT 0x10 and without 4.10's DIRECT_RECLAIM
 *    0x400000: then it is __GFP_WRITE of 3.2-4.3 (page cache writes).
 *  - 0xc00 both: DIRECT|KSWAPD_RECLAIM of 5.1+ (0xcc0, 0x100cca); in older
 *    eras REPEAT|NOFAIL together, which callers never pass.
 *  - 0x800 without 0x10: KSWAPD_RECLAIM of 5.1+ (0xa20, 0x820, 0x800);
 *    before, NOFAIL without __GFP_WAIT, which cannot be honoured.
 *  - 0x400 without 0x10 and without 0x600000: DIRECT_RECLAIM of 5.1+;
 *    before, REPEAT without __GFP_WAIT.
 *  - 0x400000 (else): KSWAPD_RECLAIM of 4.18-5.0 (0x480020, 0x6000c0,
 *    0x404000).  As __GFP_NO_KSWAPD of 2.6.38-4.3 it only comes in THP
 *    masks, which carry __GFP_NOWARN and so never make a report.
 *  - the rest is a 2.6.x/3.x mask (0x20, 0xd0, 0x2040d0 with __GFP_NOTRACK
 *    0x200000 and __GFP_WAIT): 3.6-4.3 when __GFP_MEMALLOC 0x2000 or
 *    0x100000 (KMEMCG/ACCOUNT) is set, else 2.6.24-3.5, which renders the
 *    same names.  2.6.18 and RHEL 5 are never guessed.
 *
 * Within 5.1+, 0x200 is __GFP_ATOMIC (5.1-6.2, always in its GFP_ATOMIC
 * 0xa20) and unused from 6.3, whose GFP_ATOMIC is HIGH|KSWAPD 0x820; other
 * masks read the same in both and get 5.1-6.2 (the longer era).  A mask
 * never tells 6.15+ from 6.3+ (the same bits): only printed names can.
 */
static enum pf_gfp_layout gfp_infer_shape(unsigned long m)
{
	bool new5 = false;

	if (!m || (m & ~0x3ffffffUL))
		return PF_GFP_UNKNOWN;
	if (m & 0x2000000)
		return PF_GFP_4_4;
	if (m & 0x1000000) {
		if ((m & 0x10) && !(m & 0x400000))
			return PF_GFP_3_10;
		return PF_GFP_4_10;
	}

	if ((m & 0xc00) == 0xc00)
		new5 = true;
	else if ((m & 0x800) && !(m & 0x10))
		new5 = true;
	else if ((m & 0x400) && !(m & 0x10) && !(m & 0x600000))
		new5 = true;
	if (new5) {
		if (m & 0x200)
			return PF_GFP_5_0;
		if ((m & 0xe20) == 0x820)
			return PF_GFP_6_3;
		return PF_GFP_5_0;
	}

	if (m & 0x400000)
		return PF_GFP_4_18;
	if (m & 0x102000)
		return PF_GFP_3_10;
	return PF_GFP_2_6_24;
}

/* __GFP_REPEAT was renamed __GFP_RETRY_MAYFAIL at the same bit (4.14). */
static bool gfp_name_eq(const char *a, size_t an, const char *b, size_t bn)
{
	static const char rep[] = "__GFP_REPEAT", rmf[] = "__GFP_RETRY_MAYFAIL";

	if (an == bn && !memcmp(a, b, an))
		return true;
	if (an == sizeof(rep) - 1 && bn == sizeof(rmf) - 1)
		return !memcmp(a, rep, an) && !memcmp(b, rmf, bn);
	if (an == sizeof(rmf) - 1 && bn == sizeof(rep) - 1)
		return !memcmp(a, rmf, an) && !memcmp(b, rep, bn);
	return false;
}

/* Is the name tok[n] one of the '|'-separated names of list? */
static bool gfp_has_name(const char *list, const char *tok, size_t n)
{
	while (*list) {
		size_t ln = strcspn(list, "|");

		if (gfp_name_eq(list, ln, tok, n))
			return true;
		list += ln;
		if (*list)
			list++;
	}
	return false;
}

/*
 * How well a rendering matches the printed names: names of text found in
 * it (hex leftovers do not count), and how many names differ either way.
 */
static void gfp_score(const char *text, const char *render, int *common,
		      int *differ)
{
	const char *p;

	*common = *differ = 0;
	for (p = text; *p;) {
		size_t n = strcspn(p, "|");

		if (n && strncmp(p, "0x", 2)) {
			if (gfp_has_name(render, p, n))
				(*common)++;
			else
				(*differ)++;
		}
		p += n;
		if (*p)
			p++;
	}
	for (p = render; *p;) {
		size_t n = strcspn(p, "|");

		if (n && strncmp(p, "0x", 2) && !gfp_has_name(text, p, n))
			(*differ)++;
		p += n;
		if (*p)
			p++;
	}
}

enum pf_gfp_layout pf_gfp_layout_infer(unsigned long mask, const char *symbolic)
{
	enum pf_gfp_layout shape = gfp_infer_shape(mask);
	enum pf_gfp_layout exact = PF_GFP_UNKNOWN, best = PF_GFP_UNKNOWN;
	int best_common = 0, best_differ = 0;
	char text[512];
	size_t n, i;
	bool shape_exact = false;

	if (!symbolic)
		return shape;

	/* The text between the parentheses; tolerate them and blanks. */
	while (*symbolic == ' ' || *symbolic == '\t' || *symbolic == '(')
		symbolic++;
	n = strlen(symbolic);
	while (n && (symbolic[n - 1] == ' ' || symbolic[n - 1] == '\t' ||
		     symbolic[n - 1] == '\n' || symbolic[n - 1] == ')'))
		n--;
	if (!n || n >= sizeof(text))
		return shape;
	memcpy(text, symbolic, n);
	text[n] = '\0';

	for (i = 0; i < ARRAY_SIZE(gfp_infer_order); i++) {
		enum pf_gfp_layout l = gfp_infer_order[i];
		char render[1024];
		int common, differ;

		pf_gfp_format(mask, l, render, sizeof(render));
		if (!strcmp(render, text)) {
			/*
			 * Several eras can render a mask alike (0xcc0 is
			 * GFP_KERNEL in 5.1-6.2, 6.3+ and 6.15+): the first
			 * tried wins unless the shape names another of them.
			 */
			if (exact == PF_GFP_UNKNOWN)
				exact = l;
			if (l == shape)
				shape_exact = true;
			continue;
		}
		gfp_score(text, render, &common, &differ);
		if (common > best_common ||
		    (common == best_common && common && differ < best_differ)) {
			best = l;
			best_common = common;
			best_differ = differ;
		}
	}
	if (shape_exact)
		return shape;
	if (exact != PF_GFP_UNKNOWN)
		return exact;
	if (best != PF_GFP_UNKNOWN)
		return best;
	return shape;
}

/*
 * gfp_zone() (include/linux/gfp.h, GFP_ZONE_TABLE): __GFP_DMA wins, then
 * __GFP_DMA32, then HIGHMEM (with MOVABLE: ZONE_MOVABLE); MOVABLE alone
 * stays in ZONE_NORMAL.  Combinations in GFP_ZONE_BAD (DMA|HIGHMEM, ...)
 * are caller bugs; they get the lowest zone named.
 */
static int gfp_highest_zone(const struct gfp_layout_desc *d, unsigned long m)
{
	if (m & gfp_bit(d, GB_DMA))
		return PF_ZONE_DMA;
	if (m & gfp_bit(d, GB_DMA32))
		return PF_ZONE_DMA32;
	if (m & gfp_bit(d, GB_HIGHMEM)) {
		if (m & gfp_bit(d, GB_MOVABLE))
			return PF_ZONE_MOVABLE;
		return PF_ZONE_HIGHMEM;
	}
	return PF_ZONE_NORMAL;
}

/*
 * Migratetype from the mask (allocflags_to_migratetype() of 2.6.24-4.3,
 * gfpflags_to_migratetype() of 4.4+), returned as 0 unmovable, 1 movable,
 * 2 reclaimable whatever the era's enum order.  Both bits set is a caller
 * bug the kernel warns about; it is reported as movable.  2.6.18 had no
 * mobility grouping: always unmovable.
 */
static int gfp_migratetype(const struct gfp_layout_desc *d, unsigned long m)
{
	if (!d->mobility)
		return 0;
	if (m & gfp_bit(d, GB_MOVABLE))
		return 1;
	if (m & gfp_bit(d, GB_RECLAIMABLE))
		return 2;
	return 0;
}

int pf_gfp_caps(unsigned long mask, enum pf_gfp_layout layout,
		struct pf_gfp_caps *caps)
{
	const struct gfp_layout_desc *d = gfp_desc(layout);

	if (!caps)
		return -EINVAL;
	memset(caps, 0, sizeof(*caps));
	if (!d)
		return -EINVAL;

#define HAS(bit) ((mask & gfp_bit(d, bit)) != 0)
	caps->direct_reclaim = HAS(GB_WAIT) || HAS(GB_DIRECT_RECLAIM);
	caps->can_sleep = caps->direct_reclaim;
	/*
	 * 4.4+: kswapd is woken only with __GFP_KSWAPD_RECLAIM.  Before, the
	 * slow path woke it for every allocation but those with
	 * __GFP_NO_KSWAPD (2.6.38-4.3, THP).
	 */
	if (gfp_bit(d, GB_KSWAPD_RECLAIM))
		caps->wakes_kswapd = HAS(GB_KSWAPD_RECLAIM);
	else
		caps->wakes_kswapd = !HAS(GB_NO_KSWAPD);
	caps->io = HAS(GB_IO);
	caps->fs = HAS(GB_FS);
	caps->high = HAS(GB_HIGH);
	/*
	 * gfp_to_alloc_flags(): "atomic" (ALLOC_HARDER) is __GFP_HIGH without
	 * the right to sleep up to 4.3 and from 6.3 (ALLOC_NON_BLOCK), and
	 * the __GFP_ATOMIC bit in 4.4-6.2.
	 */
	caps->atomic = (caps->high && !caps->can_sleep) || HAS(GB_ATOMIC);
	caps->nowarn = HAS(GB_NOWARN);
	caps->noretry = HAS(GB_NORETRY);
	caps->retry_mayfail = HAS(GB_REPEAT);
	caps->nofail = HAS(GB_NOFAIL);
	caps->comp = HAS(GB_COMP);
	caps->zero = HAS(GB_ZERO);
	caps->nomemalloc = HAS(GB_NOMEMALLOC);
	caps->memalloc = HAS(GB_MEMALLOC);
	caps->thisnode = HAS(GB_THISNODE);
	caps->hardwall = HAS(GB_HARDWALL);
	caps->gfp_atomic = HAS(GB_ATOMIC);
	caps->no_kswapd = HAS(GB_NO_KSWAPD);
	caps->movable = HAS(GB_MOVABLE);
#undef HAS
	caps->highest_zone = gfp_highest_zone(d, mask);
	caps->migratetype = gfp_migratetype(d, mask);
	return 0;
}
