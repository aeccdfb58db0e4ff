/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_procfs.c - unit tests of pf_system_read() and pf_system_snapshot():
 * three saved systems under tests/fixtures/system (a copy of a live 6.18
 * machine, a constructed RHEL 6 sosreport, a constructed 4.19 NUMA
 * machine), roots with files missing or damaged (built in a temporary
 * directory), the live /proc, and snapshots of all of them read back.
 */
#define _GNU_SOURCE /* nftw */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libpagefail.h"
#include "proc/procfs.h" /* lib/: the list of files, shared with snapshot.c */

#include "tmpdir.h"
#include "zones.h"

#define SYSTEMS	      PF_FIXTURES "/system"
#define ARRAY_SIZE(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- helpers ---------------------------------------------------------- */

#define DIAGS_MAX 24

struct diags {
	int nr;
	char msg[DIAGS_MAX][PATH_MAX + 384]; /* "path: msg" */
	unsigned long line[DIAGS_MAX];	     /* what the reader gave */
};

static void collect_diag(const char *source, unsigned long line,
			 const char *msg, void *data)
{
	struct diags *d = data;

	assert_true(d->nr < DIAGS_MAX);
	d->line[d->nr] = line;
	snprintf(d->msg[d->nr++], sizeof(d->msg[0]), "%s: %s", source, msg);
}

/* The diag naming root/rel, or NULL. */
static const char *diag_for(const struct diags *d, const char *root,
			    const char *rel)
{
	char want[PATH_MAX];

	snprintf(want, sizeof(want), "%s/%s: ", root, rel);
	for (int i = 0; i < d->nr; i++)
		if (!strncmp(d->msg[i], want, strlen(want)))
			return d->msg[i];
	return NULL;
}

/* The line the diag naming root/rel gave, or -1. */
static long line_for(const struct diags *d, const char *root, const char *rel)
{
	char want[PATH_MAX];

	snprintf(want, sizeof(want), "%s/%s: ", root, rel);
	for (int i = 0; i < d->nr; i++)
		if (!strncmp(d->msg[i], want, strlen(want)))
			return (long)d->line[i];
	return -1;
}

/* The diag naming tmpdir/rel says what; a failure shows what it said */
static void diag_says(const struct diags *d, const char *rel, const char *what)
{
	const char *m = diag_for(d, tmpdir, rel);

	if (!m || !strstr(m, what))
		fail_msg("%s: '%s', not one saying '%s'", rel,
			 m ? m : "(no diagnostic)", what);
}

/* How many diags name root/rel. */
static int diags_for(const struct diags *d, const char *root, const char *rel)
{
	char want[PATH_MAX];
	int n = 0;

	snprintf(want, sizeof(want), "%s/%s: ", root, rel);
	for (int i = 0; i < d->nr; i++)
		n += !strncmp(d->msg[i], want, strlen(want));
	return n;
}

/* The one diag naming tmpdir/rel says what */
static void only_diag_says(const struct diags *d, const char *rel,
			   const char *what)
{
	int n = diags_for(d, tmpdir, rel);

	if (n != 1)
		fail_msg("%s: %d diagnostics, not one", rel, n);
	diag_says(d, rel, what);
}

/* mkdir -p tmpdir/rel */
static void mkdirs(const char *rel)
{
	char buf[PATH_MAX];

	assert_true(snprintf(buf, sizeof(buf), "%s/%s", tmpdir, rel) <
		    (int)sizeof(buf));
	for (char *p = buf + strlen(tmpdir) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(buf, 0755);
		*p = '/';
	}
	mkdir(buf, 0755);
}

/* tmpdir/rel with len bytes of data (the directories made as needed). */
static void put_file(const char *rel, const void *data, size_t len)
{
	char path[PATH_MAX], dir[PATH_MAX];
	char *slash;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s", rel);
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		mkdirs(dir);
	}
	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void put_str(const char *rel, const char *s)
{
	put_file(rel, s, strlen(s));
}

/*
 * tmpdir read again after a change, with only the new diagnostics in d
 * (NULL: none collected)
 */
static void reread(struct diags *d, struct pf_system *sys)
{
	if (d)
		d->nr = 0;
	assert_int_equal(
		pf_system_read(tmpdir, sys, d ? collect_diag : NULL, d), 0);
}

static void rm_file(const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	assert_int_equal(remove(path), 0);
}

static const struct pf_zone *find_zone(const struct pf_system *sys, int node,
				       const char *name)
{
	for (int i = 0; i < sys->nr_zones; i++)
		if (sys->zones[i].node == node &&
		    !strcmp(sys->zones[i].name, name))
			return &sys->zones[i];
	return NULL;
}

/* Every field of a zone that /proc/zoneinfo gives. */
struct want_zone {
	int node;
	const char *name;
	int type;
	long free, min, low, high, boost, present, managed, free_cma;
	int nr_lr;
	long lr[5];
	int nr_orders;
	unsigned long nr_free[11];
};

static void check_zone(const struct pf_system *sys, int index,
		       const struct want_zone *w)
{
	const struct pf_zone *z;

	assert_true(index < sys->nr_zones);
	z = &sys->zones[index];
	assert_int_equal(z->node, w->node);
	assert_true(z->node_printed);
	assert_string_equal(z->name, w->name);
	assert_int_equal(z->type, w->type);
	assert_int_equal(z->page_kb, 4);
	assert_int_equal(z->free, w->free);
	assert_int_equal(z->min, w->min);
	assert_int_equal(z->low, w->low);
	assert_int_equal(z->high, w->high);
	assert_int_equal(z->boost, w->boost);
	assert_int_equal(z->present, w->present);
	assert_int_equal(z->managed, w->managed);
	assert_int_equal(z->free_cma, w->free_cma);
	assert_int_equal(z->reserved_highatomic, -1);
	assert_int_equal(z->nr_lowmem_reserve, w->nr_lr);
	for (int i = 0; i < w->nr_lr; i++)
		assert_int_equal(z->lowmem_reserve[i], w->lr[i]);
	assert_int_equal(z->nr_orders, w->nr_orders);
	for (int o = 0; o < w->nr_orders; o++)
		assert_int_equal(z->nr_free[o], w->nr_free[o]);
}

/* What sys->sources[] should say, in order. */
struct want_source {
	const char *path;
	int err;
};

static void check_sources(const struct pf_system *sys,
			  const struct want_source *w, int n)
{
	for (int i = 0; i < n && i < sys->nr_sources; i++) {
		if (strcmp(sys->sources[i].path, w[i].path) ||
		    sys->sources[i].err != w[i].err)
			print_message("sources[%d]: %s %d, want %s %d\n", i,
				      sys->sources[i].path, sys->sources[i].err,
				      w[i].path, w[i].err);
		assert_string_equal(sys->sources[i].path, w[i].path);
		assert_int_equal(sys->sources[i].err, w[i].err);
	}
	assert_int_equal(sys->nr_sources, n);
}

/*
 * The files every root is looked for, in the order they are read: SRC_NAME
 * indexes src_always[].
 */
#define SRC_ALWAYS(X)                                                          \
	X(ZONEINFO, "proc/zoneinfo")                                           \
	X(BUDDYINFO, "proc/buddyinfo")                                         \
	X(PAGETYPEINFO, "proc/pagetypeinfo")                                   \
	X(UNUSABLE_INDEX, "sys/kernel/debug/extfrag/unusable_index")           \
	X(EXTFRAG_INDEX, "sys/kernel/debug/extfrag/extfrag_index")             \
	X(MEMINFO, "proc/meminfo")                                             \
	X(VMSTAT, "proc/vmstat")                                               \
	X(OSRELEASE, "proc/sys/kernel/osrelease")                              \
	X(MIN_FREE, "proc/sys/vm/min_free_kbytes")                             \
	X(SCALE_FACTOR, "proc/sys/vm/watermark_scale_factor")                  \
	X(BOOST_FACTOR, "proc/sys/vm/watermark_boost_factor")                  \
	X(ZONE_RECLAIM, "proc/sys/vm/zone_reclaim_mode")                       \
	X(EXTFRAG_THRESHOLD, "proc/sys/vm/extfrag_threshold")                  \
	X(PROACTIVENESS, "proc/sys/vm/compaction_proactiveness")               \
	X(EXTRA_FREE, "proc/sys/vm/extra_free_kbytes")                         \
	X(LOWMEM_RESERVE, "proc/sys/vm/lowmem_reserve_ratio")                  \
	X(SOS_SYSCTL, "sos_commands/kernel/sysctl_-a")

#define SRC_ENUM(name, path) SRC_##name,
#define SRC_PATH(name, path) path,
enum { SRC_ALWAYS(SRC_ENUM) NR_SRC_ALWAYS };
static const char *const src_always[NR_SRC_ALWAYS] = { SRC_ALWAYS(SRC_PATH) };

/*
 * What a saved system's sources[] should be: the files always looked for,
 * each 0 or -ENOENT when missing, then those looked for because of what
 * was found or missed, in order.
 */
struct want_sources {
	unsigned int missing; /* SRC_BIT()s of those always looked for */
	struct want_source rest[4];
	int nr_rest;
};

/* A file always looked for that the root lacks: -ENOENT, not 0 */
#define SRC_BIT(src) (1u << (src))

static void check_want_sources(const struct pf_system *sys,
			       const struct want_sources *w)
{
	struct want_source flat[NR_SRC_ALWAYS + ARRAY_SIZE(w->rest)];
	int n = 0;

	for (int i = 0; i < NR_SRC_ALWAYS; i++)
		flat[n++] = (struct want_source){
			src_always[i],
			w->missing & SRC_BIT(i) ? -ENOENT : 0,
		};
	for (int i = 0; i < w->nr_rest; i++)
		flat[n++] = w->rest[i];
	check_sources(sys, flat, n);
}

/* The err sources[] gives for path; 1 when it was not looked for. */
static int source_err(const struct pf_system *sys, const char *path)
{
	for (int i = 0; i < sys->nr_sources; i++)
		if (!strcmp(sys->sources[i].path, path))
			return sys->sources[i].err;
	return 1;
}

/* The types of pagetype[i], in file order. */
static void check_types(const struct pf_system *sys, int i,
			const char *const *types, int n)
{
	assert_int_equal(sys->pagetype[i].nr_types, n);
	for (int t = 0; t < n; t++)
		assert_string_equal(sys->pagetype[i].type[t], types[t]);
}

static int type_index(const struct pf_pagetype *pt, const char *type)
{
	for (int t = 0; t < pt->nr_types; t++)
		if (!strcmp(pt->type[t], type))
			return t;
	return -1;
}

/* One pagetypeinfo row of zone i: its counts at orders 0..10. */
static void check_row(const struct pf_system *sys, int i, const char *type,
		      const unsigned long *want)
{
	const struct pf_pagetype *pt = &sys->pagetype[i];
	int t = type_index(pt, type);

	assert_true(t >= 0);
	for (int o = 0; o < 11; o++) {
		assert_int_equal(pt->nr_free[t][o], want[o]);
		assert_false(pt->capped[t][o]);
	}
	for (int o = 11; o < PF_MAX_ORDER; o++)
		assert_int_equal(pt->nr_free[t][o], 0);
}

/* "Number of blocks type": the counts of zone i, in type order. */
static void check_blocks(const struct pf_system *sys, int i, const long *want)
{
	const struct pf_pagetype *pt = &sys->pagetype[i];

	for (int t = 0; t < pt->nr_types; t++)
		assert_int_equal(pt->nr_blocks[t], want[t]);
	for (int t = pt->nr_types; t < PF_MT_MAX; t++)
		assert_int_equal(pt->nr_blocks[t], -1);
}

/* A zone's letters at orders 0..10 ("" where no type has a free block). */
static void check_letters(const struct pf_system *sys, int i,
			  const char *const *want)
{
	const struct pf_zone *z = &sys->zones[i];

	assert_true(z->has_mt);
	for (int o = 0; o < 11; o++) {
		if (strcmp(z->mt[o], want[o]))
			print_message("zone %d (%s) order %d: \"%s\", "
				      "want \"%s\"\n",
				      i, z->name, o, z->mt[o], want[o]);
		assert_string_equal(z->mt[o], want[o]);
	}
}

/*
 * Every zone with pagetypeinfo rows: the per-type counts add up to the
 * buddyinfo count at every order, and the zones without rows have none.
 */
static void check_pagetype_sums(const struct pf_system *sys, int nr_with)
{
	int with = 0;

	for (int i = 0; i < sys->nr_zones; i++) {
		const struct pf_pagetype *pt = &sys->pagetype[i];
		const struct pf_zone *z = &sys->zones[i];

		if (!pt->nr_types) {
			assert_false(z->has_mt);
			continue;
		}
		with++;
		for (int o = 0; o < PF_MAX_ORDER; o++) {
			unsigned long sum = 0;

			for (int t = 0; t < pt->nr_types; t++)
				sum += pt->nr_free[t][o];
			assert_int_equal(sum,
					 o < z->nr_orders ? z->nr_free[o] : 0);
		}
	}
	assert_int_equal(with, nr_with);
}

/* What pagetypeinfo gave a zone: its pageblocks a type, its letters */
struct want_pageblocks {
	int zone;
	long blocks[PF_MT_MAX];
	const char *const *letters; /* NULL: not checked */
};

/* The zones with pagetypeinfo rows, all of them, and their sums */
static void check_pageblocks(const struct pf_system *sys,
			     const struct want_pageblocks *w, int n)
{
	for (int i = 0; i < n; i++) {
		check_blocks(sys, w[i].zone, w[i].blocks);
		if (w[i].letters)
			check_letters(sys, w[i].zone, w[i].letters);
	}
	check_pagetype_sums(sys, n);
}

/* The debugfs indices of zone i, in thousandths. */
static void check_extfrag(const struct pf_system *sys, int i,
			  const int *unusable, const int *extfrag)
{
	const struct pf_extfrag *e = &sys->debug_extfrag[i];

	assert_int_equal(e->nr_orders, 11);
	for (int o = 0; o < 11; o++) {
		assert_int_equal(e->unusable[o], unusable[o]);
		assert_int_equal(e->extfrag[o], extfrag[o]);
	}
}

static void check_no_extfrag(const struct pf_system *sys)
{
	assert_false(sys->have & PF_SYS_EXTFRAG);
	for (int i = 0; i < PF_ZONES_MAX; i++)
		assert_int_equal(sys->debug_extfrag[i].nr_orders, 0);
}

/*
 * A saved system read whole: no diagnostic, the files it had (have), its
 * zones as want[] and the files looked for as sources[].
 */
static void read_system(const char *name, struct pf_system *sys,
			unsigned int have, const struct want_zone *want,
			int nr_zones, const struct want_sources *sources)
{
	char root[512];
	struct diags d = { 0 };

	snprintf(root, sizeof(root), "%s/%s", SYSTEMS, name);
	assert_int_equal(pf_system_read(root, sys, collect_diag, &d), 0);
	assert_int_equal(d.nr, 0);
	assert_int_equal(sys->have, have);
	assert_int_equal(sys->nr_zones, nr_zones);
	for (int i = 0; i < nr_zones; i++)
		check_zone(sys, i, &want[i]);
	check_want_sources(sys, sources);
}

/* The kernel release, MemTotal, nodes and CPUs of a saved system */
static void check_machine(const struct pf_system *sys, const char *release,
			  unsigned int code, long long mem_total_kb,
			  int nr_nodes, int nr_cpus)
{
	assert_string_equal(sys->kernel.str, release);
	assert_int_equal(sys->kernel.code, code);
	assert_int_equal(sys->mem_total_kb, mem_total_kb);
	assert_int_equal(sys->nr_nodes, nr_nodes);
	assert_int_equal(sys->nr_cpus, nr_cpus);
}

/*
 * Every vm sysctl kept, in PF_VM_* order (-1: absent): min_free_kbytes,
 * watermark_scale_factor, watermark_boost_factor, zone_reclaim_mode,
 * extfrag_threshold, compaction_proactiveness, extra_free_kbytes
 */
static void check_vm(const struct pf_system *sys, const long *want)
{
	for (int i = 0; i < PF_VM_NR; i++)
		assert_int_equal(sys->vm[i], want[i]);
}

/* vm.lowmem_reserve_ratio: n entries, all of them as want[] */
static void check_ratios(const struct pf_system *sys, const long *want, int n)
{
	assert_int_equal(sys->nr_lowmem_reserve_ratio, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(sys->lowmem_reserve_ratio[i], want[i]);
}

/*
 * The watermarks follow from min_free_kbytes, split by the zones' pages:
 * present up to 2.6.32 with low and high at min + min/4 and min + min/2
 * (wsf < 0), managed from 4.6 with gap = max(min/4, managed * wsf /
 * 10000) at min + gap and min + 2 * gap.  The buddy lists add up to free.
 */
static void check_split(const struct pf_system *sys, long wsf)
{
	long pages_min = sys->vm[PF_VM_MIN_FREE_KBYTES] / 4, lowmem = 0;

	for (int i = 0; i < sys->nr_zones; i++)
		lowmem +=
			wsf < 0 ? sys->zones[i].present : sys->zones[i].managed;
	for (int i = 0; i < sys->nr_zones; i++) {
		const struct pf_zone *z = &sys->zones[i];
		long pages = wsf < 0 ? z->present : z->managed;
		long tmp = pages_min * pages / lowmem;
		long low = tmp / 4, high = tmp / 2;

		if (wsf >= 0) {
			low = z->managed * wsf / 10000;
			if (tmp / 4 > low)
				low = tmp / 4;
			high = 2 * low;
		}
		assert_int_equal(z->min, tmp);
		assert_int_equal(z->low, tmp + low);
		assert_int_equal(z->high, tmp + high);
		assert_int_equal(pf_zone_buddy_pages(z), z->free);
	}
}

/* ---- saved systems ---------------------------------------------------- */

/* The sources of a live 6.18 root: debugfs mounted, no sosreport. */
static const struct want_sources debian12_sources = {
	.missing = SRC_BIT(SRC_EXTRA_FREE) | SRC_BIT(SRC_SOS_SYSCTL),
	.rest = {
		/* osrelease was there: no uname looked for */
		{ "sys/devices/system/node", 0 },
		{ "sys/devices/system/cpu/online", 0 },
		/* online was there: no cpuinfo looked for */
	},
	.nr_rest = 2,
};

/* A copy of this machine's files: kernel 6.18 (Firecracker), 1 node. */
static void test_debian12_live(void **state)
{
	/* clang-format off */
	static const struct want_zone want[] = {
		{ 0, "DMA", PF_ZONE_DMA, 3840, 45, 56, 67, 0, 3998, 3840, 0,
		  5, { 0, 3018, 5578, 5578, 5578 },
		  11, { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3 } },
		{ 0, "DMA32", PF_ZONE_DMA32, 772808, 9118, 11397, 13676, 0,
		  782336, 772808, 0, 5, { 0, 0, 2560, 2560, 2560 },
		  11, { 2, 3, 0, 2, 3, 2, 1, 4, 4, 2, 752 } },
		{ 0, "Normal", PF_ZONE_NORMAL, 544687, 7732, 9665, 11598, 0,
		  5505024, 655360, 0, 5, { 0, 0, 0, 0, 0 },
		  11, { 1895, 540, 220, 236, 314, 251, 601, 338, 223, 96,
			330 } },
		/* unpopulated, printed since 4.12: kept, no buddy line */
		{ 0, "Movable", PF_ZONE_MOVABLE, 0, 32, 32, 32, 0, 0, 0, -1,
		  5, { 0, 0, 0, 0, 0 }, 0, { 0 } },
		{ 0, "Device", PF_ZONE_DEVICE, 0, 0, 0, 0, 0, 0, 0, -1,
		  5, { 0, 0, 0, 0, 0 }, 0, { 0 } },
	};
	/* clang-format on */
	static const char *const types[] = {
		"Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate",
	};
	static const char *const dma_letters[11] = {
		"", "", "", "", "", "", "", "", "U", "M", "M",
	};
	static const char *const dma32_letters[11] = {
		"M", "M", "", "M", "M", "M", "M", "M", "M", "M", "M",
	};
	static const char *const normal_letters[11] = {
		"UME", "UME", "UME", "UME", "UME", "UME",
		"UME", "UME", "UME", "M",   "M",
	};
	static const struct want_pageblocks blocks[] = {
		{ 0, { 1, 7, 0, 0, 0 }, dma_letters },
		{ 1, { 0, 1528, 0, 0, 0 }, dma32_letters },
		{ 2, { 45, 1189, 46, 0, 0 }, normal_letters },
	};
	static const int all_minus_one[11] = {
		-1000, -1000, -1000, -1000, -1000, -1000,
		-1000, -1000, -1000, -1000, -1000,
	};
	/* RHEL 6 only, extra_free_kbytes: absent, and not reported */
	static const long vm[PF_VM_NR] = { 67584, 10, 15000, 0, 500, 20, -1 };
	struct pf_system sys;
	unsigned long long sum = 0;

	read_system("debian12-live", &sys,
		    PF_SYS_ZONEINFO | PF_SYS_BUDDYINFO | PF_SYS_MEMINFO |
			    PF_SYS_OSRELEASE | PF_SYS_SYSCTL | PF_SYS_NODES |
			    PF_SYS_CPUS | PF_SYS_PAGETYPEINFO | PF_SYS_VMSTAT |
			    PF_SYS_EXTFRAG,
		    want, 5, &debian12_sources);

	/* proc/pagetypeinfo: no CMA on this kernel; Movable, Device empty */
	assert_int_equal(sys.pageblock_order, 9);
	for (int i = 0; i < 3; i++)
		check_types(&sys, i, types, 5);
	check_row(&sys, 0, "Unmovable",
		  (const unsigned long[]){ 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 });
	check_row(&sys, 0, "Movable",
		  (const unsigned long[]){ 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3 });
	check_row(&sys, 1, "Movable",
		  (const unsigned long[]){ 2, 3, 0, 2, 3, 2, 1, 4, 4, 2, 752 });
	check_row(&sys, 2, "Unmovable",
		  (const unsigned long[]){ 125, 13, 1, 78, 56, 41, 32, 16, 8, 0,
					   0 });
	check_row(&sys, 2, "Movable",
		  (const unsigned long[]){ 1619, 491, 218, 81, 185, 183, 560,
					   316, 211, 96, 330 });
	check_row(&sys, 2, "Reclaimable",
		  (const unsigned long[]){ 151, 36, 1, 77, 73, 27, 9, 6, 4, 0,
					   0 });
	check_row(&sys, 2, "HighAtomic",
		  (const unsigned long[]){ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
	check_pageblocks(&sys, blocks, ARRAY_SIZE(blocks));
	assert_int_equal(sys.pagetype[3].nr_types, 0);
	assert_int_equal(sys.pagetype[4].nr_types, 0);

	/* proc/vmstat: every counter, in file order */
	assert_int_equal(sys.nr_vmstat, 192);
	assert_string_equal(sys.vmstat[0].name, "nr_free_pages");
	assert_int_equal(sys.vmstat[0].value, 1321335);
	assert_string_equal(sys.vmstat[191].name, "nr_unstable");
	for (int i = 0; i < sys.nr_zones; i++)
		sum += (unsigned long long)sys.zones[i].free;
	assert_int_equal(pf_system_vmstat(&sys, "nr_free_pages"), sum);
	assert_int_equal(pf_system_vmstat(&sys, "nr_free_pages_blocks"),
			 1161728);
	assert_int_equal(pf_system_vmstat(&sys, "pgfault"), 36082951);
	assert_int_equal(pf_system_vmstat(&sys, "allocstall_device"), 0);
	assert_int_equal(pf_system_vmstat(&sys, "compact_stall"), 0);
	assert_int_equal(pf_system_vmstat(&sys, "kswapd_steal"), -1);
	assert_int_equal(pf_system_vmstat(&sys, "nr_free"), -1);
	assert_int_equal(pf_system_vmstat(&sys, ""), -1);
	assert_int_equal(pf_system_vmstat(&sys, NULL), -1);
	assert_int_equal(pf_system_vmstat(NULL, "pgfault"), -1);

	/* debugfs: every zone had a free order-10 block */
	check_extfrag(&sys, 0,
		      (const int[]){ 0, 0, 0, 0, 0, 0, 0, 0, 0, 66, 200 },
		      all_minus_one);
	check_extfrag(&sys, 1, (const int[]){ 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3 },
		      all_minus_one);
	check_extfrag(
		&sys, 2,
		(const int[]){ 0, 3, 5, 7, 10, 19, 34, 105, 184, 289, 379 },
		all_minus_one);
	assert_int_equal(sys.debug_extfrag[3].nr_orders, 0);
	assert_int_equal(sys.debug_extfrag[4].nr_orders, 0);

	check_machine(&sys, "6.18.44-fc-v782", PF_KV(6, 18, 44), 24683656, 1,
		      2);
	check_vm(&sys, vm);
	/* tab separated */
	check_ratios(&sys, (const long[]){ 256, 256, 32, 0, 0 }, 5);
}

/* An extracted sosreport of RHEL 6.4, 2.6.32 formats, no proc/sys. */
static void test_rhel6_sosreport(void **state)
{
	/* clang-format off */
	static const struct want_zone want[] = {
		/* 2.6.32: no managed, boost, nr_free_cma; 4 zones per node */
		{ 0, "DMA", PF_ZONE_DMA, 3711, 21, 26, 31, -1, 3942, -1, -1,
		  4, { 0, 3000, 8050, 8050 },
		  11, { 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 3 } },
		{ 0, "DMA32", PF_ZONE_DMA32, 477202, 4186, 5232, 6279, -1,
		  768056, -1, -1, 4, { 0, 0, 5050, 5050 },
		  11, { 1420, 987, 654, 433, 311, 201, 118, 64, 37, 22, 410 } },
		{ 0, "Normal", PF_ZONE_NORMAL, 14463, 7046, 8807, 10569, -1,
		  1292800, -1, -1, 4, { 0, 0, 0, 0 },
		  11, { 5123, 2310, 876, 120, 12, 2, 0, 0, 0, 0, 0 } },
		{ 1, "Normal", PF_ZONE_NORMAL, 40665, 11274, 14092, 16911, -1,
		  2068480, -1, -1, 4, { 0, 0, 0, 0 },
		  11, { 14321, 6210, 2101, 432, 87, 11, 3, 1, 0, 0, 0 } },
	};
	/* clang-format on */
	static const struct want_sources sources = {
		/* no debugfs, no proc/sys: the sysctls come from sysctl_-a */
		.missing = SRC_BIT(SRC_UNUSABLE_INDEX) |
			   SRC_BIT(SRC_EXTFRAG_INDEX) | SRC_BIT(SRC_OSRELEASE) |
			   SRC_BIT(SRC_MIN_FREE) | SRC_BIT(SRC_SCALE_FACTOR) |
			   SRC_BIT(SRC_BOOST_FACTOR) | SRC_BIT(SRC_ZONE_RECLAIM) |
			   SRC_BIT(SRC_EXTFRAG_THRESHOLD) |
			   SRC_BIT(SRC_PROACTIVENESS) | SRC_BIT(SRC_EXTRA_FREE) |
			   SRC_BIT(SRC_LOWMEM_RESERVE),
		.rest = {
			/* it had kernel.osrelease: uname_-a not looked for */
			{ "sys/devices/system/node", -ENOENT },
			{ "sys/devices/system/cpu/online", -ENOENT },
			{ "proc/cpuinfo", 0 },
		},
		.nr_rest = 3,
	};
	/* the 2.6.32 enum order, MIGRATE_RESERVE before MIGRATE_ISOLATE */
	static const char *const types[] = {
		"Unmovable", "Reclaimable", "Movable", "Reserve", "Isolate",
	};
	static const char *const dma_letters[11] = {
		"M", "M", "M", "M", "M", "M", "M", "", "", "R", "M",
	};
	static const char *const dma32_letters[11] = {
		"UEM", "UEM", "UEM", "UEM", "UM", "UM",
		"UM",  "UM",  "UM",  "M",   "MR",
	};
	static const char *const normal0_letters[11] = {
		"UEM", "UEM", "UEMR", "UEMR", "M", "M", "", "", "", "", "",
	};
	static const char *const normal1_letters[11] = {
		"UEM", "UEM", "UEM", "UEM", "UMR", "MR", "M", "M", "", "", "",
	};
	static const struct want_pageblocks blocks[] = {
		{ 0, { 1, 0, 6, 1, 0 }, dma_letters },
		{ 1, { 12, 9, 1478, 2, 0 }, dma32_letters },
		{ 2, { 310, 145, 2068, 2, 0 }, normal0_letters },
		{ 3, { 402, 188, 3448, 2, 0 }, normal1_letters },
	};
	/* 2.6.32 has no scale, boost or proactiveness */
	static const long vm[PF_VM_NR] = { 90112, -1, -1, 1, 500, -1, 0 };
	struct pf_system sys;

	/*
	 * proc/sys is missing but sysctl_-a stands in, and a sosreport has
	 * no debugfs: nothing to report; no sys/devices/system/node: the
	 * node count comes from the zones
	 */
	read_system("rhel6-sosreport", &sys,
		    PF_SYS_ZONEINFO | PF_SYS_BUDDYINFO | PF_SYS_MEMINFO |
			    PF_SYS_OSRELEASE | PF_SYS_SYSCTL | PF_SYS_CPUS |
			    PF_SYS_PAGETYPEINFO | PF_SYS_VMSTAT,
		    want, 4, &sources);

	/* pagetypeinfo, printed once per node */
	assert_int_equal(sys.pageblock_order, 9);
	for (int i = 0; i < 4; i++)
		check_types(&sys, i, types, 5);
	check_row(&sys, 1, "Unmovable",
		  (const unsigned long[]){ 213, 148, 98, 64, 15, 10, 5, 3, 1, 0,
					   0 });
	check_row(&sys, 1, "Reclaimable",
		  (const unsigned long[]){ 142, 98, 65, 43, 0, 0, 0, 0, 0, 0,
					   0 });
	check_row(&sys, 1, "Movable",
		  (const unsigned long[]){ 1065, 741, 491, 326, 296, 191, 113,
					   61, 36, 22, 409 });
	check_row(&sys, 1, "Reserve",
		  (const unsigned long[]){ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 });
	check_row(&sys, 3, "Reserve",
		  (const unsigned long[]){ 0, 0, 0, 0, 5, 1, 0, 0, 0, 0, 0 });
	/* letters in the era's enum order: R(eserve) is usable, I is not */
	check_pageblocks(&sys, blocks, ARRAY_SIZE(blocks));

	/* vmstat: the RHEL 6 names (kernel-facts.md section 6) */
	assert_int_equal(sys.nr_vmstat, 91);
	assert_string_equal(sys.vmstat[90].name, "thp_split");
	assert_int_equal(pf_system_vmstat(&sys, "nr_free_pages"),
			 3711 + 477202 + 14463 + 40665);
	assert_int_equal(pf_system_vmstat(&sys, "kswapd_steal"), 13133187);
	assert_int_equal(pf_system_vmstat(&sys, "pgscan_kswapd_normal"),
			 10012983);
	assert_int_equal(pf_system_vmstat(&sys, "kswapd_skip_congestion_wait"),
			 4);
	assert_int_equal(pf_system_vmstat(&sys, "compact_pagemigrate_failed"),
			 1203);
	assert_int_equal(pf_system_vmstat(&sys, "compact_stall"), 2217);
	assert_int_equal(pf_system_vmstat(&sys, "allocstall"), 37);
	/* 4.x names are not there */
	assert_int_equal(pf_system_vmstat(&sys, "allocstall_normal"), -1);
	assert_int_equal(pf_system_vmstat(&sys, "compact_daemon_wake"), -1);
	check_no_extfrag(&sys);

	/*
	 * kernel.osrelease of sysctl -a; CPUs: the "processor" lines of
	 * proc/cpuinfo
	 */
	check_machine(&sys, "2.6.32-358.2.1.el6.x86_64", PF_KV(2, 6, 32),
		      16333112, 2, 8);
	assert_int_equal(sys.kernel.rhel, 6);
	assert_int_equal(sys.kernel.rel[0], 358);
	check_vm(&sys, vm);
	check_ratios(&sys, (const long[]){ 256, 256, 32 }, 3);
	/* the watermarks follow from min_free_kbytes, split by present */
	check_split(&sys, -1);
}

/*
 * A zone with no pages on a kernel with 5 zones a node: nothing but the
 * reserve it keeps against the zones from the third on.
 */
#define EMPTY_ZONE_5(node, name, type, reserve)                                \
	{                                                                      \
		node, name, type, 0, 0, 0, 0, -1, 0, 0, -1, 5,                 \
			{ 0, 0, reserve, reserve, reserve }, 0,                \
		{                                                              \
			0                                                      \
		}                                                              \
	}

/* A 4.19 NUMA machine: per-node stats, empty zones in every node. */
static void test_v419_numa(void **state)
{
	/* clang-format off */
	static const struct want_zone want[] = {
		{ 0, "DMA", PF_ZONE_DMA, 3971, 5, 8, 11, -1, 3998, 3977, 0,
		  5, { 0, 2993, 31013, 31013, 31013 },
		  11, { 1, 1, 0, 0, 2, 1, 1, 0, 1, 1, 3 } },
		{ 0, "DMA32", PF_ZONE_DMA32, 394018, 1065, 1831, 2597, -1,
		  782335, 766379, 0, 5, { 0, 0, 28019, 28019, 28019 },
		  11, { 712, 603, 455, 389, 274, 188, 121, 77, 41, 19, 331 } },
		{ 0, "Normal", PF_ZONE_NORMAL, 89718, 9974, 17147, 24320, -1,
		  7340032, 7173045, 0, 5, { 0, 0, 0, 0, 0 },
		  11, { 20876, 9821, 4410, 1977, 602, 131, 24, 3, 0, 0, 0 } },
		EMPTY_ZONE_5(0, "Movable", PF_ZONE_MOVABLE, 0),
		EMPTY_ZONE_5(0, "Device", PF_ZONE_DEVICE, 0),
		/* 4.19 keeps a reserve in empty lower zones */
		EMPTY_ZONE_5(1, "DMA", PF_ZONE_DMA, 32255),
		EMPTY_ZONE_5(1, "DMA32", PF_ZONE_DMA32, 32255),
		/* per-node stats printed under this one: not its fields */
		{ 1, "Normal", PF_ZONE_NORMAL, 160132, 11482, 19739, 27996, -1,
		  8388608, 8257535, 0, 5, { 0, 0, 0, 0, 0 },
		  11, { 31022, 15873, 8211, 3177, 1090, 321, 88, 17, 4, 1, 2 } },
		EMPTY_ZONE_5(1, "Movable", PF_ZONE_MOVABLE, 0),
		EMPTY_ZONE_5(1, "Device", PF_ZONE_DEVICE, 0),
	};
	/* clang-format on */
	static const struct want_sources sources = {
		.missing = SRC_BIT(SRC_UNUSABLE_INDEX) |
			   SRC_BIT(SRC_EXTFRAG_INDEX) | SRC_BIT(SRC_BOOST_FACTOR) |
			   SRC_BIT(SRC_PROACTIVENESS) | SRC_BIT(SRC_EXTRA_FREE) |
			   SRC_BIT(SRC_SOS_SYSCTL),
		.rest = {
			{ "sys/devices/system/node", 0 },
			{ "sys/devices/system/cpu/online", 0 },
		},
		.nr_rest = 2,
	};
	static const char *const types[] = {
		"Unmovable",  "Movable", "Reclaimable",
		"HighAtomic", "CMA",	 "Isolate",
	};
	static const char *const normal0_letters[11] = {
		"UME", "UMEH", "UMEH", "UME", "UM", "UM", "UM", "M", "", "", "",
	};
	static const char *const normal1_letters[11] = {
		"UMEH", "UME", "UME", "UMEH", "UM", "UM",
		"UM",	"M",   "M",   "M",    "M",
	};
	static const struct want_pageblocks blocks[] = {
		{ 0, { 1, 7, 0, 0, 0, 0 }, NULL },
		{ 1, { 2, 1524, 2, 0, 0, 0 }, NULL },
		{ 2, { 512, 13421, 401, 2, 0, 0 }, normal0_letters },
		{ 7, { 603, 15329, 450, 2, 0, 0 }, normal1_letters },
	};
	static const long vm[PF_VM_NR] = { 90112, 10, -1, 0, 500, -1, -1 };
	struct pf_system sys;

	read_system("v4.19-numa", &sys,
		    PF_SYS_ZONEINFO | PF_SYS_BUDDYINFO | PF_SYS_MEMINFO |
			    PF_SYS_OSRELEASE | PF_SYS_SYSCTL | PF_SYS_NODES |
			    PF_SYS_CPUS | PF_SYS_PAGETYPEINFO | PF_SYS_VMSTAT,
		    want, 10, &sources);

	/* pagetypeinfo: populated zones only (0, 1, 2 and node 1 Normal) */
	assert_int_equal(sys.pageblock_order, 9);
	for (int i = 0; i < 10; i++)
		if (i < 3 || i == 7)
			check_types(&sys, i, types, 6);
		else
			assert_int_equal(sys.pagetype[i].nr_types, 0);
	check_row(&sys, 2, "HighAtomic",
		  (const unsigned long[]){ 0, 4, 2, 0, 0, 0, 0, 0, 0, 0, 0 });
	check_row(&sys, 2, "CMA",
		  (const unsigned long[]){ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
	check_row(&sys, 7, "Unmovable",
		  (const unsigned long[]){ 4652, 2380, 1231, 476, 54, 16, 4, 0,
					   0, 0, 0 });
	check_row(&sys, 7, "Movable",
		  (const unsigned long[]){ 23262, 11906, 6159, 2383, 1036, 305,
					   84, 17, 4, 1, 2 });
	check_pageblocks(&sys, blocks, ARRAY_SIZE(blocks));

	/* vmstat: 4.9+ names */
	assert_int_equal(sys.nr_vmstat, 134);
	assert_int_equal(pf_system_vmstat(&sys, "nr_free_pages"),
			 3971 + 394018 + 89718 + 160132);
	assert_int_equal(pf_system_vmstat(&sys, "nr_free_cma"), 0);
	assert_int_equal(pf_system_vmstat(&sys, "allocstall_normal"), 212);
	assert_int_equal(pf_system_vmstat(&sys, "allocstall_movable"), 19);
	assert_int_equal(pf_system_vmstat(&sys, "pgsteal_kswapd"), 31220193);
	assert_int_equal(pf_system_vmstat(&sys, "compact_daemon_wake"), 3312);
	assert_int_equal(pf_system_vmstat(&sys, "kswapd_steal"), -1);
	assert_int_equal(pf_system_vmstat(&sys, "allocstall"), -1);
	check_no_extfrag(&sys);

	check_machine(&sys, "4.19.0-26-amd64", PF_KV(4, 19, 0), 64803744, 2,
		      16);
	check_vm(&sys, vm);
	assert_int_equal(sys.nr_lowmem_reserve_ratio, 5);
	assert_int_equal(sys.lowmem_reserve_ratio[2], 32);
	/* 4.6+ watermarks: gap = max(min/4, managed * wsf / 10000) */
	check_split(&sys, sys.vm[PF_VM_WATERMARK_SCALE_FACTOR]);
}

/* A trailing slash on the root changes nothing. */
static void test_root_trailing_slash(void **state)
{
	struct pf_system sys;

	assert_int_equal(
		pf_system_read(SYSTEMS "/v4.19-numa//", &sys, NULL, NULL), 0);
	assert_int_equal(sys.nr_zones, 10);
	assert_int_equal(sys.nr_nodes, 2);
}

/* ---- missing and damaged files ---------------------------------------- */

static const char small_zoneinfo[] =
	"Node 0, zone      DMA\n"
	"  pages free     3977\n"
	"        min      16\n"
	"        low      20\n"
	"        high     24\n"
	"        spanned  4095\n"
	"        present  3998\n"
	"        managed  3977\n"
	"        protection: (0, 2966, 3887, 3887)\n"
	"      nr_free_pages 3977\n"
	"Node 0, zone    DMA32\n"
	"  pages free     721349\n"
	"        min      3030\n"
	"        low      3787\n"
	"        high     4544\n"
	"        spanned  1044480\n"
	"        present  782288\n"
	"        managed  759397\n"
	"        protection: (0, 0, 921, 921)\n"
	"      nr_free_pages 721349\n"
	"  pagesets\n"
	"    cpu: 0\n"
	"              count: 104\n"
	"              high:  378\n"
	"              batch: 63\n"
	"  vm stats threshold: 40\n";

/* Only zoneinfo: each missing expected file is named once, zones kept. */
static void test_missing_files(void **state)
{
	struct pf_system sys;
	struct diags d = { 0 };

	put_str("proc/zoneinfo", small_zoneinfo);
	assert_int_equal(pf_system_read(tmpdir, &sys, collect_diag, &d), 0);
	assert_int_equal(sys.have, PF_SYS_ZONEINFO);
	assert_int_equal(sys.nr_zones, 2);
	assert_int_equal(sys.zones[1].min, 3030);
	assert_int_equal(sys.zones[1].high, 4544);
	assert_int_equal(sys.zones[1].nr_orders, 0);

	assert_int_equal(d.nr, 4);
	assert_non_null(diag_for(&d, tmpdir, "proc/buddyinfo"));
	assert_non_null(diag_for(&d, tmpdir, "proc/meminfo"));
	assert_non_null(diag_for(&d, tmpdir, "proc/sys/kernel/osrelease"));
	assert_non_null(diag_for(&d, tmpdir, "proc/sys/vm/min_free_kbytes"));
	diag_says(&d, "proc/meminfo",
		  ": cannot read: no such file or directory");

	/* what was not there is -1 */
	assert_false(pf_kver_known(&sys.kernel));
	assert_int_equal(sys.mem_total_kb, -1);
	assert_int_equal(sys.nr_cpus, -1);
	assert_int_equal(sys.nr_lowmem_reserve_ratio, -1);
	for (int i = 0; i < PF_VM_NR; i++)
		assert_int_equal(sys.vm[i], -1);
	/* the nodes of the zones */
	assert_int_equal(sys.nr_nodes, 1);
}

/* Only buddyinfo: its zones are made from it. */
static void test_buddyinfo_alone(void **state)
{
	struct pf_system sys;
	struct diags d = { 0 };

	put_str("proc/buddyinfo",
		"Node 0, zone      DMA      1      1      0      0      2      1      1      0      1      1      3 \n"
		"Node 1, zone   Normal      5      4      3      2      1      0      0      0      0      0      0 \n");
	assert_int_equal(pf_system_read(tmpdir, &sys, collect_diag, &d), 0);
	assert_int_equal(sys.have, PF_SYS_BUDDYINFO);
	assert_int_equal(d.nr, 4);
	assert_non_null(diag_for(&d, tmpdir, "proc/zoneinfo"));
	assert_int_equal(sys.nr_zones, 2);
	assert_string_equal(sys.zones[1].name, "Normal");
	assert_int_equal(sys.zones[1].node, 1);
	assert_int_equal(sys.zones[1].type, PF_ZONE_NORMAL);
	assert_int_equal(sys.zones[1].nr_orders, 11);
	assert_int_equal(pf_zone_buddy_pages(&sys.zones[1]),
			 5 + 8 + 12 + 16 + 16);
	assert_int_equal(sys.zones[1].free, -1);
	assert_int_equal(sys.zones[1].min, -1);
	assert_int_equal(sys.zones[1].nr_lowmem_reserve, -1);
	assert_int_equal(sys.nr_nodes, 2);
}

/* Nothing there at all. */
static void test_empty_dir(void **state)
{
	struct pf_system sys;
	struct diags d = { 0 };

	assert_int_equal(pf_system_read(tmpdir, &sys, collect_diag, &d),
			 -ENOENT);
	assert_int_equal(d.nr, 5);
	assert_non_null(diag_for(&d, tmpdir, "proc/zoneinfo"));
	assert_non_null(diag_for(&d, tmpdir, "proc/buddyinfo"));
	assert_non_null(diag_for(&d, tmpdir, "proc/meminfo"));
	assert_non_null(diag_for(&d, tmpdir, "proc/sys/kernel/osrelease"));
	assert_non_null(diag_for(&d, tmpdir, "proc/sys/vm/min_free_kbytes"));
	assert_int_equal(sys.have, 0);
	assert_int_equal(sys.nr_zones, 0);
	assert_int_equal(sys.nr_nodes, -1);

	/* a root that does not exist, and no diag callback */
	assert_int_equal(pf_system_read(PF_FIXTURES "/system/no-such-system",
					&sys, NULL, NULL),
			 -ENOENT);
	assert_int_equal(pf_system_read(tmpdir, NULL, NULL, NULL), -EINVAL);
}

/* A directory where a file should be, an empty file, a bad value. */
static void test_unusable_files(void **state)
{
	struct pf_system sys;
	struct diags d = { 0 };
	const char *m;

	mkdirs("proc/zoneinfo");
	put_str("proc/buddyinfo", "");
	put_str("proc/meminfo", "MemFree:  123 kB\nMemTotal: lots kB\n");
	put_str("proc/sys/kernel/osrelease", "not-a-release\n");
	put_str("proc/sys/vm/min_free_kbytes", "12x\n");
	put_str("proc/sys/vm/watermark_scale_factor", "\n");
	assert_int_equal(pf_system_read(tmpdir, &sys, collect_diag, &d),
			 -ENOENT);
	assert_int_equal(d.nr, 6);
	m = diag_for(&d, tmpdir, "proc/zoneinfo");
	assert_non_null(m);
	assert_non_null(strstr(m, "cannot read: is a directory"));
	diag_says(&d, "proc/buddyinfo", "no zones");
	diag_says(&d, "proc/meminfo",
		  ": line 2: MemTotal: 'lots' is not a number; "
		  "read as unknown");
	diag_says(&d, "proc/sys/kernel/osrelease", "not a kernel release");
	diag_says(&d, "proc/sys/vm/min_free_kbytes",
		  ": '12x' is not a number; read as unknown");
	/* an optional sysctl that is there but empty is damage: said */
	diag_says(&d, "proc/sys/vm/watermark_scale_factor",
		  ": no value; read as unknown");
	assert_int_equal(sys.vm[PF_VM_WATERMARK_SCALE_FACTOR], -1);
}

/* The zone node/name, there, with its free pages and watermarks */
static const struct pf_zone *zone_wmarks(const struct pf_system *sys, int node,
					 const char *name, long long free,
					 long long min, long long low,
					 long long high)
{
	const struct pf_zone *z = find_zone(sys, node, name);

	assert_non_null(z);
	assert_int_equal(z->free, free);
	assert_int_equal(z->min, min);
	assert_int_equal(z->low, low);
	assert_int_equal(z->high, high);
	return z;
}

/*
 * A damaged zoneinfo: garbage lines, a garbled zone head, a line far too
 * long, a NUL, and the file cut in the middle of a line.  The whole zones
 * come out exact; the cut one keeps what came before the cut.
 */
static void test_damaged_zoneinfo(void **state)
{
	static const char head[] =
		"garbage before any zone\n"
		"Node 0, zone      DMA\n"
		"  pages free     3977\n"
		"        min      16\n"
		"@@@@ \x01\x02\xff noise\n"
		"        low      20\n"
		"        high     24\n"
		"        high     25 extra words\n" /* ignored */
		"        spanned  4095\n"
		"        present  3998\n"
		"        managed  3977\n"
		"        managed  12abc\n" /* ignored */
		"        boost    -\n"
		"        protection: (0, 2966, 3887, 3887)\n"
		"        protection: (1, 2\n" /* ignored */
		"Node x, zone Normal\n"	      /* garbled head */
		"        min      999\n"      /* belongs to none */
		"Node 0, zone    DMA32\n"
		"  pages free     721349\n"
		"        min      3030\n";
	static const char tail[] = "\n"
				   "        low      3787\n"
				   "        high     4544\n"
				   "        present  782288\n"
				   "        managed  759397\n"
				   "        protection: (0, 0, 921, 921)\n"
				   "Node 0, zone   Normal\n"
				   "  pages free     52341\n"
				   "        min      1234\n"
				   "        low      15"; /* cut: no newline */
	static const char nul_line[] = "\n        min 7\0 8";
	size_t long_len = 3 * 4096, len = 0;
	char *buf = malloc(sizeof(head) + long_len + 64 + sizeof(tail));
	struct pf_system sys;
	struct diags d = { 0 };
	const struct pf_zone *z;

	assert_non_null(buf);
	memcpy(buf, head, sizeof(head) - 1);
	len = sizeof(head) - 1;
	/* a line longer than any buffer that says "min 1": must not count */
	memcpy(buf + len, "        min 1", 13);
	len += 13;
	memset(buf + len, '1', long_len);
	len += long_len;
	/* a NUL in a line: skipped */
	memcpy(buf + len, nul_line, sizeof(nul_line) - 1);
	len += sizeof(nul_line) - 1;
	memcpy(buf + len, tail, sizeof(tail) - 1);
	len += sizeof(tail) - 1;
	put_file("proc/zoneinfo", buf, len);
	free(buf);

	assert_int_equal(pf_system_read(tmpdir, &sys, collect_diag, &d), 0);
	assert_true(sys.have & PF_SYS_ZONEINFO);
	assert_int_equal(sys.nr_zones, 3);

	z = zone_wmarks(&sys, 0, "DMA", 3977, 16, 20, 24);
	assert_int_equal(z->present, 3998);
	assert_int_equal(z->managed, 3977);
	assert_int_equal(z->boost, -1);
	assert_int_equal(z->nr_lowmem_reserve, 4);
	assert_int_equal(z->lowmem_reserve[1], 2966);
	assert_int_equal(z->lowmem_reserve[3], 3887);

	z = zone_wmarks(&sys, 0, "DMA32", 721349, 3030, 3787, 4544);
	assert_int_equal(z->managed, 759397);
	assert_int_equal(z->nr_lowmem_reserve, 4);
	assert_int_equal(z->lowmem_reserve[2], 921);

	/* cut: what came before the cut, nothing from the cut line */
	z = zone_wmarks(&sys, 0, "Normal", 52341, 1234, -1, -1);
	assert_int_equal(z->nr_lowmem_reserve, -1);
}

/* More zones, orders and reserve entries than the model holds. */
static void test_limits(void **state)
{
	size_t size = 64 * 1024, n = 0;
	char *zi = malloc(size), *bi = malloc(size);
	struct pf_system sys;

	assert_non_null(zi);
	assert_non_null(bi);
	for (int node = 0; node < 40; node++) {
		n += (size_t)snprintf(
			zi + n, size - n,
			"Node %d, zone   Normal\n"
			"  pages free     %d\n"
			"        min      %d\n"
			"        protection: (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)\n",
			node, 1000 + node, node);
		assert_true(n < size);
	}
	put_str("proc/zoneinfo", zi);
	n = 0;
	for (int node = 0; node < 40; node++) {
		n += (size_t)snprintf(bi + n, size - n,
				      "Node %d, zone   Normal", node);
		for (int o = 0; o < 20; o++)
			n += (size_t)snprintf(bi + n, size - n, " %6d", o);
		n += (size_t)snprintf(bi + n, size - n, " \n");
		assert_true(n < size);
	}
	/* a zone name too long for the model, and garbage among counts */
	n += (size_t)snprintf(bi + n, size - n,
			      "Node 0, zone AVeryLongZoneNameIndeed 1 2 3\n"
			      "Node 0, zone DMA 1 2 x 4\n"
			      "Node 99999999999999999999, zone DMA 1\n");
	put_str("proc/buddyinfo", bi);
	free(zi);
	free(bi);

	reread(NULL, &sys);
	assert_int_equal(sys.nr_zones, PF_ZONES_MAX);
	for (int i = 0; i < PF_ZONES_MAX; i++) {
		const struct pf_zone *z = &sys.zones[i];

		assert_int_equal(z->node, i);
		assert_int_equal(z->free, 1000 + i);
		assert_int_equal(z->nr_lowmem_reserve, PF_MAX_ZONES);
		assert_int_equal(z->lowmem_reserve[PF_MAX_ZONES - 1],
				 PF_MAX_ZONES - 1);
		assert_int_equal(z->nr_orders, PF_MAX_ORDER);
		assert_int_equal(z->nr_free[PF_MAX_ORDER - 1],
				 PF_MAX_ORDER - 1);
	}
	assert_null(find_zone(&sys, 0, "DMA"));
	assert_int_equal(sys.nr_nodes, PF_ZONES_MAX);
}

/*
 * Older zoneinfo (2.6.18, RHEL 5): "active"/"inactive", "scanned N (a: i:)",
 * no managed.  And a zone without "pages free" takes nr_free_pages.
 */
static void test_old_formats(void **state)
{
	struct pf_system sys;

	put_str("proc/zoneinfo", "Node 0, zone      DMA\n"
				 "  pages free     2891\n"
				 "        min      17\n"
				 "        low      21\n"
				 "        high     25\n"
				 "        active   0\n"
				 "        inactive 0\n"
				 "        scanned  0 (a: 3 i: 3)\n"
				 "        spanned  4096\n"
				 "        present  3836\n"
				 "    nr_anon_pages 0\n"
				 "        protection: (0, 3014, 3014, 3014)\n"
				 "  pagesets\n"
				 "    cpu: 0 pcp: 0\n"
				 "              count: 0\n"
				 "              high:  0\n"
				 "              batch: 1\n"
				 "  all_unreclaimable: 0\n"
				 "  prev_priority:     12\n"
				 "  start_pfn:         0\n"
				 "Node 0, zone  HighMem\n"
				 "        min      128\n"
				 "        present  0\n"
				 "    nr_free_pages 77\n"
				 "        protection: (0, 0, 0, 0)\n");
	reread(NULL, &sys);
	assert_int_equal(sys.nr_zones, 2);
	assert_int_equal(sys.zones[0].free, 2891);
	assert_int_equal(sys.zones[0].high, 25);
	assert_int_equal(sys.zones[0].present, 3836);
	assert_int_equal(sys.zones[0].managed, -1);
	assert_int_equal(sys.zones[0].nr_lowmem_reserve, 4);
	assert_int_equal(sys.zones[0].lowmem_reserve[1], 3014);
	assert_int_equal(sys.zones[1].type, PF_ZONE_HIGHMEM);
	assert_int_equal(sys.zones[1].free, 77);
	assert_int_equal(sys.zones[1].min, 128);
	/* present 0: managed 0, although the era printed none */
	assert_int_equal(sys.zones[1].managed, 0);
}

/* A sosreport with only the top-level uname for the kernel. */
static void test_uname_fallback(void **state)
{
	struct pf_system sys;
	struct diags d = { 0 };

	put_str("proc/zoneinfo", small_zoneinfo);
	put_str("uname",
		"Linux web7 3.10.0-1160.el7.x86_64 #1 SMP Mon Oct 19 16:18:59 UTC 2020 x86_64 x86_64 x86_64 GNU/Linux\n");
	put_str("sos_commands/kernel/sysctl_-a",
		"vm.min_free_kbytes = 45056\n"
		"vm.watermark_scale_factor = 10\n"
		"vm.bogus = 1\n"
		"vm.zone_reclaim_mode = zero\n"
		"no equals sign here\n"
		"vm.lowmem_reserve_ratio = 256\t256\t32\n");
	assert_int_equal(pf_system_read(tmpdir, &sys, collect_diag, &d), 0);
	assert_string_equal(sys.kernel.str, "3.10.0-1160.el7.x86_64");
	assert_int_equal(sys.kernel.rhel, 7);
	assert_int_equal(sys.vm[PF_VM_MIN_FREE_KBYTES], 45056);
	assert_int_equal(sys.vm[PF_VM_WATERMARK_SCALE_FACTOR], 10);
	assert_int_equal(sys.vm[PF_VM_ZONE_RECLAIM_MODE], -1);
	assert_int_equal(sys.nr_lowmem_reserve_ratio, 3);
	assert_true(sys.have & PF_SYS_OSRELEASE);
	assert_true(sys.have & PF_SYS_SYSCTL);
	/* buddyinfo, meminfo, and sysctl -a's zone_reclaim_mode */
	assert_int_equal(d.nr, 3);
	diag_says(&d, "sos_commands/kernel/sysctl_-a",
		  ": line 4: vm.zone_reclaim_mode: 'zero' is not a number; "
		  "read as unknown");
	assert_null(diag_for(&d, tmpdir, "proc/sys/kernel/osrelease"));
	assert_null(diag_for(&d, tmpdir, "proc/sys/vm/min_free_kbytes"));
}

/* proc/sys wins over sysctl -a; uname_-a over the top-level uname. */
static void test_fallback_order(void **state)
{
	struct pf_system sys;

	put_str("proc/sys/vm/min_free_kbytes", "11264\n");
	put_str("proc/sys/kernel/osrelease", "5.14.0-427.13.1.el9_4.x86_64");
	put_str("sos_commands/kernel/sysctl_-a",
		"kernel.osrelease = 4.18.0-553.el8_10.x86_64\n"
		"vm.min_free_kbytes = 99999\n"
		"vm.watermark_boost_factor = 0\n");
	put_str("sos_commands/kernel/uname_-a", "Linux h 4.4.0-1 #1 SMP\n");
	reread(NULL, &sys);
	/* an osrelease without a newline still counts */
	assert_string_equal(sys.kernel.str, "5.14.0-427.13.1.el9_4.x86_64");
	assert_int_equal(sys.vm[PF_VM_MIN_FREE_KBYTES], 11264);
	assert_int_equal(sys.vm[PF_VM_WATERMARK_BOOST_FACTOR], 0);

	rm_file("proc/sys/kernel/osrelease");
	put_str("sos_commands/kernel/sysctl_-a", "vm.min_free_kbytes = 1\n");
	put_str("uname", "Linux h 6.1.0-18-amd64 #1 SMP\n");
	reread(NULL, &sys);
	assert_string_equal(sys.kernel.str, "4.4.0-1");
}

/* CPUs: sys/devices/system/cpu/online, else /proc/cpuinfo. Nodes. */
static void test_cpus_and_nodes(void **state)
{
	struct pf_system sys;

	put_str("proc/meminfo", "MemTotal:        8000000 kB\n");
	put_str("sys/devices/system/cpu/online", "0-3,8,10-11\n");
	mkdirs("sys/devices/system/node/node0");
	mkdirs("sys/devices/system/node/node3");
	mkdirs("sys/devices/system/node/nodex");
	mkdirs("sys/devices/system/node/power");
	put_str("sys/devices/system/node/node7", "a file, not a node\n");
	put_str("sys/devices/system/node/possible", "0-3\n");
	reread(NULL, &sys);
	assert_int_equal(sys.mem_total_kb, 8000000);
	assert_int_equal(sys.nr_cpus, 7);
	assert_int_equal(sys.nr_nodes, 2);
	assert_true(sys.have & PF_SYS_CPUS);
	assert_true(sys.have & PF_SYS_NODES);

	/* garbage in online: cpuinfo decides */
	put_str("sys/devices/system/cpu/online", "0-x\n");
	put_str("proc/cpuinfo", "Processor\t: ARMv7 Processor rev 10 (v7l)\n"
				"processor\t: 0\nBogoMIPS\t: 38.40\n\n"
				"processor\t: 1\nBogoMIPS\t: 38.40\n\n"
				"processors are not counted here\n");
	reread(NULL, &sys);
	assert_int_equal(sys.nr_cpus, 2);

	put_str("sys/devices/system/cpu/online", "3-1\n");
	rm_file("proc/cpuinfo");
	reread(NULL, &sys);
	assert_int_equal(sys.nr_cpus, -1);
	assert_false(sys.have & PF_SYS_CPUS);
}

static void test_sysctl_names(void **state)
{
	for (int i = 0; i < PF_VM_NR; i++) {
		const char *name = pf_vm_sysctl_name(i);

		assert_non_null(name);
		assert_true(!strncmp(name, "vm.", 3));
		assert_int_equal(pf_vm_sysctl_of_name(name), i);
		assert_int_equal(pf_vm_sysctl_of_name(name + 3), i);
	}
	assert_string_equal(pf_vm_sysctl_name(PF_VM_MIN_FREE_KBYTES),
			    "vm.min_free_kbytes");
	assert_string_equal(pf_vm_sysctl_name(PF_VM_EXTRA_FREE_KBYTES),
			    "vm.extra_free_kbytes");
	assert_null(pf_vm_sysctl_name(PF_VM_NR));
	assert_null(pf_vm_sysctl_name(-1));
	assert_int_equal(pf_vm_sysctl_of_name("vm.swappiness"), -1);
	assert_int_equal(pf_vm_sysctl_of_name("kernel.min_free_kbytes"), -1);
	assert_int_equal(pf_vm_sysctl_of_name(""), -1);
	assert_int_equal(pf_vm_sysctl_of_name(NULL), -1);
}

/* ---- pagetypeinfo, vmstat, debugfs ------------------------------------ */

/* The reader's list of files agrees with the vm sysctl names. */
static void test_file_list(void **state)
{
	for (int i = 0; i < PF_VM_NR; i++) {
		char want[96];

		snprintf(want, sizeof(want), "proc/sys/vm/%s",
			 pf_vm_sysctl_name(i) + 3);
		assert_string_equal(pf_proc_files[PF_FILE_VM_FIRST + i].path,
				    want);
	}
	for (int i = 0; i < PF_FILE_NR; i++) {
		assert_non_null(pf_proc_files[i].path);
		assert_true(strlen(pf_proc_files[i].path) <
			    sizeof(((struct pf_sys_source *)0)->path));
	}
	assert_true(PF_FILE_NR <= PF_SYS_SOURCES_MAX);
	assert_true(pf_proc_is_node_name("node0"));
	assert_true(pf_proc_is_node_name("node127"));
	assert_false(pf_proc_is_node_name("node"));
	assert_false(pf_proc_is_node_name("nodex"));
	assert_false(pf_proc_is_node_name("node1x"));
	assert_false(pf_proc_is_node_name("possible"));
}

/* The head of the pagetypeinfo files below, as 6.x prints it */
#define PTI_HEAD "Page block order: 10\nPages per block:  1024\n\n"
/* the head of the free counts, orders 0 to 2: a small MAX_ORDER */
#define PTI_FREE_HEAD                                                          \
	"Free pages count per migrate type at order       0      1      2 \n"

/*
 * 6.13 pagetypeinfo: ">100000" capped counts, a page_owner "Number of
 * mixed blocks" section (not blocks), the head again for another node (as
 * pagetypeinfo_show() prints it per node), a zone zoneinfo lacks, an
 * unknown type.  Then damaged rows: the zone they are of has its counts by
 * type unknown, the other zones keep theirs, and the file is said once.
 */
static void test_pagetypeinfo_formats(void **state)
{
	struct pf_system sys;
	struct diags d = { 0 };
	const struct pf_pagetype *pt;
	const struct pf_zone *z;
	const char *m;
	int t;

	put_str("proc/zoneinfo", small_zoneinfo);
	put_str("proc/pagetypeinfo", PTI_HEAD PTI_FREE_HEAD
		"Node    0, zone      DMA, type    Unmovable      1      0      0 \n"
		"Node    0, zone      DMA, type      Movable      0      2      0 \n"
		"Node    0, zone      DMA, type  Reclaimable      0      0      0 \n"
		"Node    0, zone      DMA, type   HighAtomic      0      0      4 \n"
		"Node    0, zone      DMA, type          CMA      0      0      5 \n"
		"Node    0, zone      DMA, type      Isolate      6      0      0 \n"
		"Node    0, zone    DMA32, type    Unmovable >100000     12      0 \n"
		"Node    0, zone    DMA32, type      Movable >100000 >100000      7 \n"
		"Node    0, zone    DMA32, type     Sideways      3      0      0 \n"
		"\n"
		"Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate \n"
		"Node 0, zone      DMA            1            2            0            0            1            0 \n"
		"Node 0, zone    DMA32           20          700            3            0            0            0 \n"
		"\n"
		"Number of mixed blocks    Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate \n"
		"Node 0, zone      DMA            0            9            9            9            9            9 \n" PTI_HEAD
			PTI_FREE_HEAD
		"Node    2, zone   Normal, type    Unmovable      0      0      1 \n"
		"\n"
		"Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate \n"
		"Node 2, zone   Normal            4            0            0            0            0            0 \n");
	assert_int_equal(pf_system_read(tmpdir, &sys, collect_diag, &d), 0);
	assert_true(sys.have & PF_SYS_PAGETYPEINFO);
	assert_null(diag_for(&d, tmpdir, "proc/pagetypeinfo"));
	assert_int_equal(sys.pageblock_order, 10);
	/* node 2 Normal was not in zoneinfo: added */
	assert_int_equal(sys.nr_zones, 3);
	z = find_zone(&sys, 2, "Normal");
	assert_non_null(z);
	assert_int_equal(z->type, PF_ZONE_NORMAL);
	assert_true(z->has_mt);
	assert_string_equal(z->mt[2], "U");
	assert_int_equal(sys.pagetype[2].nr_blocks[0], 4);

	/* DMA: every type, one letter each; mixed blocks ignored */
	pt = &sys.pagetype[0];
	assert_int_equal(pt->nr_types, 6);
	z = &sys.zones[0];
	assert_string_equal(z->mt[0], "UI");
	assert_string_equal(z->mt[1], "M");
	assert_string_equal(z->mt[2], "HC");
	assert_string_equal(z->mt[3], "");
	assert_int_equal(pt->nr_blocks[type_index(pt, "Movable")], 2);
	assert_int_equal(pt->nr_blocks[type_index(pt, "CMA")], 1);
	assert_int_equal(pt->nr_blocks[type_index(pt, "Isolate")], 0);

	/* DMA32: capped counts; an unknown type has no letter */
	pt = &sys.pagetype[1];
	assert_int_equal(pt->nr_types, 7); /* 3 counted, 4 more blocks */
	t = type_index(pt, "Movable");
	assert_int_equal(pt->nr_free[t][0], 100000);
	assert_true(pt->capped[t][0]);
	assert_true(pt->capped[t][1]);
	assert_false(pt->capped[t][2]);
	assert_int_equal(pt->nr_free[t][2], 7);
	assert_int_equal(pt->nr_blocks[t], 700);
	t = type_index(pt, "Unmovable");
	assert_true(pt->capped[t][0]);
	assert_false(pt->capped[t][1]);
	assert_int_equal(pt->nr_free[t][1], 12);
	assert_int_equal(pt->nr_free[type_index(pt, "Sideways")][0], 3);
	z = &sys.zones[1];
	assert_string_equal(z->mt[0], "UM");
	assert_string_equal(z->mt[1], "UM");
	assert_string_equal(z->mt[2], "M");
	/* zoneinfo's buddy counts stay what buddyinfo said: none */
	assert_int_equal(z->nr_orders, 0);

	/*
	 * Damaged: a count that is not one, rows that are not a zone's, a
	 * blocks row short of its heads.  DMA32's counts by type are unknown,
	 * all of them; DMA's are whole.
	 */
	put_str("proc/pagetypeinfo", PTI_HEAD PTI_FREE_HEAD
		"Node    0, zone      DMA, type    Unmovable      1      0      0 \n"
		"Node    0, zone      DMA, type      Movable      0      2      0 \n"
		"Node    0, zone    DMA32, type    Unmovable >100000     12      0 \n"
		"Node    0, zone    DMA32, type      Movable >100000 >100000      7 \n"
		"Node    0, zone    DMA32, type  Reclaimable      1      x      0 \n"
		"Node    0, zone    DMA32 type  Reclaimable      9      9      9 \n"
		"Node    0, zone    DMA32, type AVeryLongTypeNameIndeed      1      1      1 \n"
		"Node    0, zone    DMA32, type     Unmovable \n"
		"\n"
		"Number of blocks type     Unmovable      Movable \n"
		"Node 0, zone      DMA            1            2 \n"
		"Node 0, zone    DMA32           20 \n");
	reread(&d, &sys);
	assert_int_equal(diags_for(&d, tmpdir, "proc/pagetypeinfo"), 1);
	m = diag_for(&d, tmpdir, "proc/pagetypeinfo");
	assert_non_null(m);
	assert_non_null(strstr(m, ": line 9: Node 0, zone DMA32, type "
				  "Reclaimable, order 1: 'x' is not a number; "
				  "read as unknown (and 4 more)"));
	assert_int_equal(line_for(&d, tmpdir, "proc/pagetypeinfo"), 9);
	assert_true(sys.have & PF_SYS_PAGETYPEINFO);
	pt = &sys.pagetype[1];
	assert_int_equal(pt->nr_types, 0);
	for (t = 0; t < PF_MT_MAX; t++)
		assert_int_equal(pt->nr_blocks[t], -1);
	assert_false(sys.zones[1].has_mt);
	pt = &sys.pagetype[0];
	assert_int_equal(pt->nr_types, 2);
	assert_int_equal(pt->nr_blocks[type_index(pt, "Movable")], 2);
	assert_string_equal(sys.zones[0].mt[1], "M");

	/* a row short of the others: which count it lost is not known */
	put_str("proc/pagetypeinfo",
		"Page block order: 10\n" PTI_FREE_HEAD
		"Node    0, zone      DMA, type    Unmovable      1      0      0 \n"
		"Node    0, zone      DMA, type      Movable      0      2 \n"
		"Node    0, zone    DMA32, type    Unmovable      5      0      0 \n");
	reread(&d, &sys);
	only_diag_says(&d, "proc/pagetypeinfo",
		       ": line 4: Node 0, zone DMA, type Movable: 2 counts "
		       "where the other rows have 3; read as unknown");
	assert_int_equal(sys.pagetype[0].nr_types, 0);
	assert_false(sys.zones[0].has_mt);
	assert_int_equal(sys.pagetype[1].nr_free[0][0], 5);

	/* no "Page block order", which pagetypeinfo_show() always prints */
	put_str("proc/pagetypeinfo", PTI_FREE_HEAD
		"Node    0, zone      DMA, type    Unmovable      1      0      0 \n"
		"Node    0, zone    DMA32, type    Unmovable      5      0      0 \n");
	reread(&d, &sys);
	only_diag_says(&d, "proc/pagetypeinfo",
		       ": no 'Page block order' line, which every kernel "
		       "prints; read as unknown");
	assert_int_equal(sys.pageblock_order, -1);
	assert_int_equal(sys.pagetype[1].nr_free[0][0], 5);

	/* nothing usable in it: reported, like any damaged file */
	put_str("proc/pagetypeinfo", "Page block order: 9\nnonsense\n");
	reread(&d, &sys);
	assert_false(sys.have & PF_SYS_PAGETYPEINFO);
	diag_says(&d, "proc/pagetypeinfo", "no zones");
	assert_int_equal(source_err(&sys, "proc/pagetypeinfo"), -EINVAL);
	assert_int_equal(sys.pageblock_order, 9);
	assert_false(sys.zones[0].has_mt);

	/* unreadable (a directory here; -EACCES for non-root on 5.4+) */
	rm_file("proc/pagetypeinfo");
	mkdirs("proc/pagetypeinfo");
	reread(&d, &sys);
	assert_null(diag_for(&d, tmpdir, "proc/pagetypeinfo"));
	assert_int_equal(source_err(&sys, "proc/pagetypeinfo"), -EISDIR);
	assert_int_equal(sys.pageblock_order, -1);
	assert_int_equal(sys.pagetype[0].nr_types, 0);
	assert_int_equal(sys.pagetype[0].nr_blocks[0], -1);
}

/*
 * vmstat: every "name value" line.  A value that is not a count is kept as
 * unknown (so that no sum over a counter's zone variants takes a part for
 * the whole), the file said once; more counters than the model holds.
 */
static void test_vmstat(void **state)
{
	size_t size = 64 * 1024, n = 0;
	char *buf = malloc(size);
	struct pf_system sys;
	struct diags d = { 0 };

	assert_non_null(buf);
	put_str("proc/zoneinfo", small_zoneinfo);
	put_str("proc/vmstat",
		"nr_free_pages 3977\n"
		"nr_free_pages\n"	   /* no value */
		"nr_zone_active_anon -5\n" /* not the kernel's */
		"nr_bogus 12x\n"
		"pgfault 9223372036854775807\n"	   /* LLONG_MAX */
		"pgmajfault 9223372036854775808\n" /* past it */
		"pgfree 18446744073709551616\n"	   /* 2^64 */
		"a_name_of_forty_eight_characters_which_is_to_long 1\n"
		"a_name_of_forty_seven_characters_which_fits_47c 2\n"
		"two words 3\n"
		"compact_stall\t7\n"
		"nr_unstable 0"); /* cut */
	assert_int_equal(pf_system_read(tmpdir, &sys, collect_diag, &d), 0);
	assert_true(sys.have & PF_SYS_VMSTAT);
	only_diag_says(&d, "proc/vmstat",
		       ": line 2: nr_free_pages: no value; read as unknown "
		       "(and 5 more)");
	assert_int_equal(sys.nr_vmstat, 10);
	assert_int_equal(pf_system_vmstat(&sys, "nr_free_pages"), 3977);
	assert_int_equal(pf_system_vmstat(&sys, "nr_zone_active_anon"), -1);
	assert_int_equal(pf_system_vmstat(&sys, "nr_bogus"), -1);
	assert_int_equal(pf_system_vmstat(&sys, "pgfault"), LLONG_MAX);
	assert_int_equal(pf_system_vmstat(&sys, "pgmajfault"), -1);
	assert_int_equal(pf_system_vmstat(&sys, "pgfree"), -1);
	assert_int_equal(pf_system_vmstat(&sys, "two"), -1);
	assert_int_equal(
		pf_system_vmstat(
			&sys,
			"a_name_of_forty_seven_characters_which_fits_47c"),
		2);
	assert_int_equal(pf_system_vmstat(&sys, "compact_stall"), 7);
	assert_int_equal(pf_system_vmstat(&sys, "nr_unstable"), -1);

	/* the messages of each kind */
	put_str("proc/vmstat", "pgfault 18446744073709551616\n");
	reread(&d, &sys);
	diag_says(&d, "proc/vmstat",
		  ": line 1: pgfault: 18446744073709551616 is out of range "
		  "(0..9223372036854775807); read as unknown");
	put_str("proc/vmstat", "pgfault 1\npgfree NaN\n");
	reread(&d, &sys);
	diag_says(&d, "proc/vmstat",
		  ": line 2: pgfree: 'NaN' is not a number; read as unknown");
	assert_int_equal(pf_system_vmstat(&sys, "pgfault"), 1);
	put_str("proc/vmstat", "pgfault 1\n 1321335\n");
	reread(&d, &sys);
	diag_says(&d, "proc/vmstat",
		  ": line 2: '1321335' has no name; read as unknown");
	assert_int_equal(sys.nr_vmstat, 1);

	/*
	 * pf_system_counter() sums the zone variants of old kernels: one
	 * unknown variant makes the sum unknown, and so does a sum past
	 * LLONG_MAX (a signed overflow before).
	 */
	put_str("proc/vmstat", "allocstall_normal 3\n"
			       "allocstall_movable 4\n"
			       "pgscan_kswapd_normal 5\n"
			       "pgscan_kswapd_dma32 NaN\n"
			       "pgsteal_kswapd_normal 9223372036854775807\n"
			       "pgsteal_kswapd_dma 1\n"
			       "compact_stall 0\n");
	reread(NULL, &sys);
	assert_int_equal(pf_system_counter(&sys, "allocstall"), 7);
	assert_int_equal(pf_system_counter(&sys, "pgscan_kswapd"), -1);
	assert_int_equal(pf_system_counter(&sys, "pgsteal_kswapd"), -1);
	assert_int_equal(pf_system_counter(&sys, "compact_stall"), 0);
	assert_int_equal(pf_system_counter(&sys, "compact_fail"), -1);

	/* more counters than PF_VMSTAT_MAX: the first ones kept */
	for (int i = 0; i < PF_VMSTAT_MAX + 10; i++) {
		n += (size_t)snprintf(buf + n, size - n, "counter_%d %d\n", i,
				      i * 3);
		assert_true(n < size);
	}
	put_str("proc/vmstat", buf);
	free(buf);
	reread(NULL, &sys);
	assert_int_equal(sys.nr_vmstat, PF_VMSTAT_MAX);
	assert_int_equal(pf_system_vmstat(&sys, "counter_255"), 765);
	assert_int_equal(pf_system_vmstat(&sys, "counter_256"), -1);

	/* empty: reported */
	put_str("proc/vmstat", "\n\n");
	reread(&d, &sys);
	assert_false(sys.have & PF_SYS_VMSTAT);
	diag_says(&d, "proc/vmstat", "no counters");
	assert_int_equal(source_err(&sys, "proc/vmstat"), -EINVAL);
}

#define EXTFRAG_DIR "sys/kernel/debug/extfrag/"

/*
 * debugfs: 5.15 "%d.%03d", 6.1+ "%2d.%03d", the "0.-500" that "%d.%03d"
 * makes of an index between -1000 and 0, damaged lines, one file.
 */
static void test_debugfs_extfrag(void **state)
{
	struct pf_system sys;
	struct diags d = { 0 };
	const struct pf_extfrag *e;

	put_str("proc/zoneinfo", small_zoneinfo);
	put_str(EXTFRAG_DIR "unusable_index",
		"Node 0, zone      DMA 0.000 0.000 0.000 0.125 1.000 \n"
		"Node 0, zone    DMA32 0.000 0.012 0.523 0.999 1.000 \n"
		"Node 0, zone   Normal 0.000 0.5 0.000 0.000 0.000 \n" /* damaged */
		"Node 0, zone  HighMem 0.000 2.000 0.000 0.000 0.000 \n" /* out of range */
		"Node 1, zone   Normal 0.000 0.100 0.000 0.000 0.000 \n");
	put_str(EXTFRAG_DIR "extfrag_index",
		"Node 0, zone      DMA -1.000 -1.000 -1.000  0.523  0.961 \n"
		"Node 0, zone    DMA32 -1.000 -1.000 -1.000 -1.000 -1.000 \n"
		"Node 1, zone   Normal -1.000  0.-500  0.-07  0.000  1.000 \n");
	assert_int_equal(pf_system_read(tmpdir, &sys, collect_diag, &d), 0);
	assert_true(sys.have & PF_SYS_EXTFRAG);
	assert_null(diag_for(&d, tmpdir, EXTFRAG_DIR "extfrag_index"));
	only_diag_says(&d, EXTFRAG_DIR "unusable_index",
		       ": line 3: Node 0, zone Normal, order 1: '0.5' is not "
		       "an index as the kernel prints one (0.523); read as "
		       "unknown (and 1 more)");
	assert_int_equal(source_err(&sys, EXTFRAG_DIR "unusable_index"), 0);
	assert_int_equal(source_err(&sys, EXTFRAG_DIR "extfrag_index"), 0);

	e = &sys.debug_extfrag[0];
	assert_int_equal(e->nr_orders, 5);
	assert_int_equal(e->unusable[3], 125);
	assert_int_equal(e->unusable[4], 1000);
	assert_int_equal(e->extfrag[0], -1000);
	assert_int_equal(e->extfrag[3], 523);
	assert_int_equal(e->extfrag[4], 961);
	e = &sys.debug_extfrag[1];
	assert_int_equal(e->nr_orders, 5);
	assert_int_equal(e->unusable[1], 12);
	assert_int_equal(e->unusable[2], 523);
	assert_int_equal(e->unusable[3], 999);
	/* node 1 Normal: a zone zoneinfo lacked, added */
	assert_int_equal(sys.nr_zones, 3);
	assert_non_null(find_zone(&sys, 1, "Normal"));
	e = &sys.debug_extfrag[2];
	assert_int_equal(e->nr_orders, 5);
	assert_int_equal(e->unusable[1], 100);
	assert_int_equal(e->extfrag[1], -500);
	assert_int_equal(e->extfrag[2], -7);
	assert_int_equal(e->extfrag[4], 1000);
	/* the damaged rows made no zone */
	assert_null(find_zone(&sys, 0, "Normal"));
	assert_null(find_zone(&sys, 0, "HighMem"));

	/* out of range, said so; a row short of the others */
	put_str(EXTFRAG_DIR "unusable_index",
		"Node 0, zone      DMA 0.000 1.001 0.000 0.125 1.000 \n"
		"Node 0, zone    DMA32 0.000 0.012 0.523 0.999 1.000 \n");
	put_str(EXTFRAG_DIR "extfrag_index",
		"Node 0, zone      DMA -1.000 -1.000 -1.000  0.523 \n"
		"Node 0, zone    DMA32 -1.000 -1.000 -1.000 -1.000 -1.000 \n"
		"Node 1, zone   Normal -1.000 -1.000 -1.000 -1.000 -1.000 \n");
	reread(&d, &sys);
	only_diag_says(&d, EXTFRAG_DIR "unusable_index",
		       ": line 1: Node 0, zone DMA, order 1: 1.001 is out of "
		       "range (0.000..1.000); read as unknown");
	only_diag_says(&d, EXTFRAG_DIR "extfrag_index",
		       ": line 1: Node 0, zone DMA: 4 indices where the "
		       "other zones have 5; read as unknown");
	assert_int_equal(sys.debug_extfrag[0].nr_orders, 0);
	assert_int_equal(sys.debug_extfrag[1].nr_orders, 5);

	/* one file alone: no orders anywhere */
	rm_file(EXTFRAG_DIR "extfrag_index");
	assert_int_equal(pf_system_read(tmpdir, &sys, collect_diag, &d), 0);
	assert_int_equal(source_err(&sys, EXTFRAG_DIR "extfrag_index"),
			 -ENOENT);
	check_no_extfrag(&sys);

	/* a file with no zone in it is reported, once */
	put_str(EXTFRAG_DIR "extfrag_index", "Node 0, zone DMA x.000\n");
	reread(&d, &sys);
	only_diag_says(&d, EXTFRAG_DIR "extfrag_index",
		       "'x.000' is not an index");
	assert_int_equal(source_err(&sys, EXTFRAG_DIR "extfrag_index"),
			 -EINVAL);
	check_no_extfrag(&sys);
}

/* ---- numbers no kernel prints ----------------------------------------- */

/* The whole of a file, NUL-terminated, malloc'd. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

static size_t copy_src_len;

static int copy_one(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	size_t len;
	char *buf;

	(void)st;
	(void)ftw;
	if (flag != FTW_F)
		return 0;
	buf = slurp(path, &len);
	put_file(path + copy_src_len + 1, buf, len);
	free(buf);
	return 0;
}

/* tmpdir becomes a copy of the saved system name. */
static void copy_system(const char *name)
{
	char src[PATH_MAX];

	snprintf(src, sizeof(src), "%s/%s", SYSTEMS, name);
	copy_src_len = strlen(src);
	assert_int_equal(nftw(src, copy_one, 16, FTW_PHYS), 0);
}

/* In tmpdir/rel, the first from becomes to; from NULL: the whole file. */
static void edit_file(const char *rel, const char *from, const char *to)
{
	char path[PATH_MAX], *buf, *at, *out;
	size_t len, n;

	if (!from) {
		put_str(rel, to);
		return;
	}
	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	buf = slurp(path, &len);
	at = strstr(buf, from);
	if (!at)
		print_message("%s: no '%s' in it\n", rel, from);
	assert_non_null(at);
	n = len - strlen(from) + strlen(to);
	out = malloc(n + 1);
	assert_non_null(out);
	snprintf(out, n + 1, "%.*s%s%s", (int)(at - buf), buf, to,
		 at + strlen(from));
	put_file(rel, out, n);
	free(out);
	free(buf);
}

/* What each case says the value became: unknown, the rest still read. */
static const struct pf_zone *normal_zone(const struct pf_system *sys)
{
	const struct pf_zone *z = find_zone(sys, 0, "Normal");

	assert_non_null(z);
	assert_int_equal(find_zone(sys, 0, "DMA32")->min, 9118);
	return z;
}

static int zone_at(const struct pf_system *sys, const char *name)
{
	return (int)(find_zone(sys, 0, name) - sys->zones);
}

static void free_unknown(const struct pf_system *sys, int arg)
{
	assert_int_equal(normal_zone(sys)->free, -1);
}

static void min_unknown(const struct pf_system *sys, int arg)
{
	assert_int_equal(normal_zone(sys)->min, -1);
	assert_int_equal(normal_zone(sys)->low, 9665);
}

static void managed_unknown(const struct pf_system *sys, int arg)
{
	assert_int_equal(normal_zone(sys)->managed, -1);
}

static void protection_unknown(const struct pf_system *sys, int arg)
{
	assert_int_equal(normal_zone(sys)->nr_lowmem_reserve, -1);
}

static void buddy_unknown(const struct pf_system *sys, int arg)
{
	assert_int_equal(normal_zone(sys)->nr_orders, 0);
	assert_int_equal(find_zone(sys, 0, "DMA32")->nr_orders, 11);
}

static void pagetype_unknown(const struct pf_system *sys, int arg)
{
	int i = zone_at(sys, "Normal");

	assert_int_equal(sys->pagetype[i].nr_types, 0);
	assert_false(normal_zone(sys)->has_mt);
	assert_int_equal(sys->pagetype[zone_at(sys, "DMA32")].nr_types, 5);
	assert_int_equal(sys->pageblock_order, 9);
}

static void order_unknown(const struct pf_system *sys, int arg)
{
	assert_int_equal(sys->pageblock_order, -1);
	assert_int_equal(sys->pagetype[zone_at(sys, "Normal")].nr_types, 5);
}

static void vmstat_unknown(const struct pf_system *sys, int arg)
{
	assert_int_equal(pf_system_vmstat(sys, "nr_free_pages"), -1);
	assert_int_equal(pf_system_vmstat(sys, "pgfault"), 36082951);
}

static void memtotal_unknown(const struct pf_system *sys, int arg)
{
	assert_int_equal(sys->mem_total_kb, -1);
	assert_false(sys->have & PF_SYS_MEMINFO);
}

static void vm_unknown(const struct pf_system *sys, int arg)
{
	assert_int_equal(sys->vm[arg], -1);
	assert_int_equal(
		sys->vm[arg ? PF_VM_MIN_FREE_KBYTES : PF_VM_EXTFRAG_THRESHOLD],
		arg ? 67584 : 500);
}

static void ratio_unknown(const struct pf_system *sys, int arg)
{
	assert_int_equal(sys->nr_lowmem_reserve_ratio, -1);
}

/* rhel6-sosreport: vm[arg] unknown, or (arg -1) lowmem_reserve_ratio */
static void sosreport_unknown(const struct pf_system *sys, int arg)
{
	if (arg >= 0)
		assert_int_equal(sys->vm[arg], -1);
	else
		assert_int_equal(sys->nr_lowmem_reserve_ratio, -1);
	assert_string_equal(sys->kernel.str, "2.6.32-358.2.1.el6.x86_64");
	assert_int_equal(sys->nr_zones, 4);
}

static void extfrag_unknown(const struct pf_system *sys, int arg)
{
	assert_int_equal(sys->debug_extfrag[zone_at(sys, "Normal")].nr_orders,
			 0);
	assert_int_equal(sys->debug_extfrag[zone_at(sys, "DMA32")].nr_orders,
			 11);
}

/*
 * One number of one file of the debian12-live copy made bad: to holds %s
 * where the value goes.  The message: "line N: " (none when line is 0),
 * then field, then what each value is (range: the field's, or NULL for an
 * index), and for no value at all, empty (NULL: "FIELD: no value").
 */
struct bad_case {
	const char *rel, *from, *to;
	unsigned long line;
	const char *field, *range, *empty;
	void (*unknown)(const struct pf_system *sys, int arg);
	int arg;
};

#define PAGES "0..1099511627776"
#define INTS  "0..2147483647"

/* clang-format off */
static const struct bad_case bad_cases[] = {
	{ "proc/zoneinfo", "  pages free     544687\n", "  pages free     %s\n",
	  146, "Node 0, zone Normal, pages free", PAGES, NULL, free_unknown, 0 },
	{ "proc/zoneinfo", "        min      7732\n", "        min      %s\n",
	  148, "Node 0, zone Normal, min", PAGES, NULL, min_unknown, 0 },
	{ "proc/zoneinfo", "        managed  655360\n", "        managed  %s\n",
	  154, "Node 0, zone Normal, managed", PAGES, NULL, managed_unknown, 0 },
	{ "proc/zoneinfo", "protection: (0, 0, 0, 0, 0)",
	  "protection: (0, %s, 0, 0, 0)", 156,
	  "Node 0, zone Normal, protection", PAGES, NULL, protection_unknown, 0 },
	{ "proc/buddyinfo", "Normal   1895    540    220    236",
	  "Normal   1895    540    220 %s", 3, "Node 0, zone Normal, order 3",
	  PAGES, "Node 0, zone Normal: 10 counts where the other zones have 11",
	  buddy_unknown, 0 },
	{ "proc/pagetypeinfo", "Movable   1619    491", "Movable   1619 %s", 16,
	  "Node 0, zone Normal, type Movable, order 1", PAGES,
	  "Node 0, zone Normal, type Movable: 10 counts where the other rows "
	  "have 11", pagetype_unknown, 0 },
	{ "proc/pagetypeinfo", "Page block order: 9\n", "Page block order: %s\n",
	  1, "Page block order", "0..15", NULL, order_unknown, 0 },
	{ "proc/vmstat", "nr_free_pages 1321335\n", "nr_free_pages %s\n", 1,
	  "nr_free_pages", "0..9223372036854775807", NULL, vmstat_unknown, 0 },
	{ "proc/meminfo", "MemTotal:       24683656 kB",
	  "MemTotal:       %s kB", 1, "MemTotal", "0..4398046511104", NULL,
	  memtotal_unknown, 0 },
	{ "proc/sys/vm/min_free_kbytes", NULL, "%s\n", 0, "", INTS, NULL,
	  vm_unknown, PF_VM_MIN_FREE_KBYTES },
	{ "proc/sys/vm/watermark_scale_factor", NULL, "%s\n", 0, "", "1..3000",
	  NULL, vm_unknown, PF_VM_WATERMARK_SCALE_FACTOR },
	{ "proc/sys/vm/watermark_boost_factor", NULL, "%s\n", 0, "", INTS,
	  NULL, vm_unknown, PF_VM_WATERMARK_BOOST_FACTOR },
	{ "proc/sys/vm/zone_reclaim_mode", NULL, "%s\n", 0, "", INTS, NULL,
	  vm_unknown, PF_VM_ZONE_RECLAIM_MODE },
	{ "proc/sys/vm/extfrag_threshold", NULL, "%s\n", 0, "", "0..1000",
	  NULL, vm_unknown, PF_VM_EXTFRAG_THRESHOLD },
	{ "proc/sys/vm/compaction_proactiveness", NULL, "%s\n", 0, "",
	  "0..100", NULL, vm_unknown, PF_VM_COMPACTION_PROACTIVENESS },
	{ "proc/sys/vm/lowmem_reserve_ratio", NULL, "%s\n", 0, "", INTS, NULL,
	  ratio_unknown, 0 },
	{ EXTFRAG_DIR "unusable_index", "Normal 0.000 0.003 0.005 0.007",
	  "Normal 0.000 0.003 0.005 %s", 3, "Node 0, zone Normal, order 3",
	  NULL, "Node 0, zone Normal: 10 indices where the other zones have 11",
	  extfrag_unknown, 0 },
	{ EXTFRAG_DIR "extfrag_index", "Normal -1.000 -1.000 -1.000 -1.000",
	  "Normal -1.000 -1.000 -1.000 %s", 3, "Node 0, zone Normal, order 3",
	  NULL, "Node 0, zone Normal: 10 indices where the other zones have 11",
	  extfrag_unknown, 0 },
};
/* clang-format on */

/* 2^64, -1, past 2^64, NaN, and none: what the hostile matrix puts in. */
static const char *const bad_values[] = {
	"18446744073709551616", "-1", "99999999999999999999", "NaN", "",
};

/* What the message of c says of value v, after "line N: ". */
static void bad_words(const struct bad_case *c, const char *v, char *buf,
		      size_t size)
{
	const char *sep = *c->field ? ": " : "";

	if (!*v && c->empty)
		snprintf(buf, size, "%s", c->empty);
	else if (!*v)
		snprintf(buf, size, "%s%sno value", c->field, sep);
	else if (!c->range)
		snprintf(buf, size,
			 "%s%s'%s' is not an index as the kernel "
			 "prints one (0.523)",
			 c->field, sep, v);
	else if (!strcmp(v, "NaN"))
		snprintf(buf, size, "%s%s'NaN' is not a number", c->field, sep);
	else
		snprintf(buf, size, "%s%s%s is out of range (%s)", c->field,
			 sep, v, c->range);
}

/*
 * Each bad value in each file: one message naming the file, its line and
 * the field; the value unknown; the rest of the tree read.
 */
static void test_bad_numbers(void **state)
{
	for (size_t k = 0; k < ARRAY_SIZE(bad_cases); k++) {
		const struct bad_case *c = &bad_cases[k];

		for (size_t v = 0; v < ARRAY_SIZE(bad_values); v++) {
			char to[256], words[512], want[PATH_MAX + 640];
			struct pf_system sys;
			struct diags d = { 0 };
			const char *m;

			tmpdir_teardown(state);
			assert_int_equal(tmpdir_setup(state), 0);
			copy_system("debian12-live");
			snprintf(to, sizeof(to), c->to, bad_values[v]);
			edit_file(c->rel, c->from, to);
			assert_int_equal(
				pf_system_read(tmpdir, &sys, collect_diag, &d),
				0);
			bad_words(c, bad_values[v], words, sizeof(words));
			if (c->line)
				snprintf(want, sizeof(want),
					 "%s/%s: line %lu: "
					 "%s; read as unknown",
					 tmpdir, c->rel, c->line, words);
			else
				snprintf(want, sizeof(want),
					 "%s/%s: %s; read "
					 "as unknown",
					 tmpdir, c->rel, words);
			m = diag_for(&d, tmpdir, c->rel);
			if (d.nr != 1 || !m || strcmp(m, want))
				print_message("%s '%s': %d diags, the first: "
					      "%s\n   want: %s\n",
					      c->rel, bad_values[v], d.nr,
					      d.nr ? d.msg[0] : "", want);
			assert_int_equal(d.nr, 1);
			assert_string_equal(m, want);
			assert_int_equal(d.line[0], c->line);
			/* the value unknown, the rest of the tree read */
			c->unknown(&sys, c->arg);
			assert_string_equal(sys.kernel.str, "6.18.44-fc-v782");
			assert_int_equal(sys.nr_zones, 5);
		}
	}
}

/*
 * A field or row the kernel always prints, missing; an empty file of one
 * value; a node no kernel has; sysctl -a of a sosreport.
 */
static void test_missing_fields(void **state)
{
	/* clang-format off */
	static const struct {
		const char *system, *rel, *from, *to, *want;
		void (*unknown)(const struct pf_system *sys, int arg);
		int arg;
	} cases[] = {
		{ "debian12-live", "proc/zoneinfo", "        min      7732\n", "",
		  "line 145: Node 0, zone Normal: no min line, which every "
		  "kernel prints; read as unknown", min_unknown, 0 },
		{ "debian12-live", "proc/zoneinfo",
		  "        managed  655360\n", "",
		  "line 145: Node 0, zone Normal: no managed line, which the "
		  "other zones have; read as unknown", managed_unknown, 0 },
		{ "debian12-live", "proc/zoneinfo",
		  "        protection: (0, 0, 0, 0, 0)\n", "",
		  "line 145: Node 0, zone Normal: no protection line, which "
		  "every kernel prints; read as unknown", protection_unknown, 0 },
		{ "debian12-live", "proc/buddyinfo",
		  "Node 0, zone   Normal   1895", "Node 99999999999999999999, "
		  "zone   Normal   1895",
		  "line 3: the node of a zone: 99999999999999999999 is out of "
		  "range (0..1023); read as unknown (and 1 more)",
		  buddy_unknown, 0 },
		{ "debian12-live", "proc/buddyinfo", "Node 0, zone   Normal", "",
		  "line 3: '   1895    540    220   ...' is not a zone's "
		  "row; read as unknown (and 1 more)", buddy_unknown, 0 },
		{ "debian12-live", "proc/pagetypeinfo", "Page block order: 9\n",
		  "", "no 'Page block order' line, which every kernel prints; "
		  "read as unknown", order_unknown, 0 },
		{ "debian12-live", "proc/vmstat", "nr_free_pages 1321335\n",
		  " 1321335\n", "line 1: '1321335' has no name; read as "
		  "unknown", vmstat_unknown, 0 },
		{ "debian12-live", "proc/sys/vm/watermark_scale_factor", NULL, "",
		  "no value; read as unknown", vm_unknown,
		  PF_VM_WATERMARK_SCALE_FACTOR },
		{ "debian12-live", "proc/sys/vm/lowmem_reserve_ratio", NULL, "",
		  "no value; read as unknown", ratio_unknown, 0 },
		/* no proc/sys: not said to be missing as well */
		{ "rhel6-sosreport", "sos_commands/kernel/sysctl_-a",
		  "vm.min_free_kbytes = 90112", "vm.min_free_kbytes = -1",
		  "line 21: vm.min_free_kbytes: -1 is out of range "
		  "(0..2147483647); read as unknown", sosreport_unknown,
		  PF_VM_MIN_FREE_KBYTES },
		{ "rhel6-sosreport", "sos_commands/kernel/sysctl_-a",
		  "vm.lowmem_reserve_ratio = 256\t256\t32",
		  "vm.lowmem_reserve_ratio = 256\tNaN\t32",
		  "line 19: vm.lowmem_reserve_ratio: 'NaN' is not a number; "
		  "read as unknown", sosreport_unknown, -1 },
	};
	/* clang-format on */

	for (size_t k = 0; k < ARRAY_SIZE(cases); k++) {
		char want[PATH_MAX + 512];
		struct pf_system sys;
		struct diags d = { 0 };
		const char *m;

		tmpdir_teardown(state);
		assert_int_equal(tmpdir_setup(state), 0);
		copy_system(cases[k].system);
		edit_file(cases[k].rel, cases[k].from, cases[k].to);
		assert_int_equal(pf_system_read(tmpdir, &sys, collect_diag, &d),
				 0);
		snprintf(want, sizeof(want), "%s/%s: %s", tmpdir, cases[k].rel,
			 cases[k].want);
		m = diag_for(&d, tmpdir, cases[k].rel);
		if (d.nr != 1 || !m || strcmp(m, want))
			print_message("%s: %d diags, the first: %s\n   want: "
				      "%s\n",
				      cases[k].rel, d.nr, d.nr ? d.msg[0] : "",
				      want);
		assert_int_equal(d.nr, 1);
		assert_string_equal(m, want);
		assert_true(pf_kver_known(&sys.kernel));
		cases[k].unknown(&sys, cases[k].arg);
	}
}

/* An empty root: every file looked for, each -ENOENT, the stand-ins too. */
static void test_sources_empty(void **state)
{
	struct pf_system sys;
	int n = 0;

	assert_int_equal(pf_system_read(tmpdir, &sys, NULL, NULL), -ENOENT);
	/* every file of the list, in its order: nothing was there */
	for (int i = 0; i < PF_FILE_NR; i++) {
		assert_true(n < sys.nr_sources);
		assert_string_equal(sys.sources[n].path, pf_proc_files[i].path);
		assert_int_equal(sys.sources[n].err, -ENOENT);
		n++;
	}
	assert_int_equal(sys.nr_sources, PF_FILE_NR);
	assert_int_equal(sys.nr_vmstat, 0);
	assert_int_equal(sys.pageblock_order, -1);
}

/* ---- snapshots -------------------------------------------------------- */

/* Every value that pf_system_read() gives is the same in a and b. */
static void assert_same_system(const struct pf_system *a,
			       const struct pf_system *b, bool same_errs)
{
	assert_string_equal(a->kernel.str, b->kernel.str);
	assert_int_equal(a->kernel.code, b->kernel.code);
	assert_int_equal(a->kernel.rhel, b->kernel.rhel);
	assert_int_equal(a->nr_zones, b->nr_zones);
	for (int i = 0; i < a->nr_zones; i++) {
		const struct pf_zone *x = &a->zones[i], *y = &b->zones[i];
		const struct pf_pagetype *p = &a->pagetype[i],
					 *q = &b->pagetype[i];
		const struct pf_extfrag *e = &a->debug_extfrag[i],
					*f = &b->debug_extfrag[i];

		assert_zones_equal(x, y);

		assert_int_equal(p->nr_types, q->nr_types);
		for (int t = 0; t < p->nr_types; t++) {
			assert_string_equal(p->type[t], q->type[t]);
			assert_int_equal(p->nr_blocks[t], q->nr_blocks[t]);
			for (int o = 0; o < PF_MAX_ORDER; o++) {
				assert_int_equal(p->nr_free[t][o],
						 q->nr_free[t][o]);
				assert_int_equal(p->capped[t][o],
						 q->capped[t][o]);
			}
		}
		assert_int_equal(e->nr_orders, f->nr_orders);
		for (int o = 0; o < e->nr_orders; o++) {
			assert_int_equal(e->unusable[o], f->unusable[o]);
			assert_int_equal(e->extfrag[o], f->extfrag[o]);
		}
	}
	assert_int_equal(a->nr_nodes, b->nr_nodes);
	assert_int_equal(a->nr_cpus, b->nr_cpus);
	assert_int_equal(a->mem_total_kb, b->mem_total_kb);
	for (int i = 0; i < PF_VM_NR; i++)
		assert_int_equal(a->vm[i], b->vm[i]);
	assert_int_equal(a->nr_lowmem_reserve_ratio,
			 b->nr_lowmem_reserve_ratio);
	for (int i = 0; i < a->nr_lowmem_reserve_ratio; i++)
		assert_int_equal(a->lowmem_reserve_ratio[i],
				 b->lowmem_reserve_ratio[i]);
	assert_int_equal(a->have, b->have);
	assert_int_equal(a->pageblock_order, b->pageblock_order);
	assert_int_equal(a->nr_vmstat, b->nr_vmstat);
	for (int i = 0; i < a->nr_vmstat; i++) {
		const struct pf_vmstat_item *x = &a->vmstat[i],
					    *y = &b->vmstat[i];

		if (strcmp(x->name, y->name) || x->value != y->value)
			fail_msg("vmstat counter %d: %s %llu, not %s %llu", i,
				 x->name, x->value, y->name, y->value);
	}
	assert_int_equal(a->nr_sources, b->nr_sources);
	for (int i = 0; i < a->nr_sources; i++) {
		assert_string_equal(a->sources[i].path, b->sources[i].path);
		if (same_errs)
			assert_int_equal(a->sources[i].err, b->sources[i].err);
	}
}

/* tmpdir/snap of a fixture, read back: the same system. */
static void round_trip(const char *name, int want_copied, int want_diags)
{
	struct pf_system *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	char root[PATH_MAX], snap[PATH_MAX];
	struct diags d = { 0 };

	assert_non_null(a);
	assert_non_null(b);
	snprintf(root, sizeof(root), "%s/%s", SYSTEMS, name);
	snprintf(snap, sizeof(snap), "%s/%s/snap", tmpdir, name);
	assert_int_equal(pf_system_snapshot(root, snap, collect_diag, &d),
			 want_copied);
	for (int i = 0; i < d.nr; i++)
		assert_non_null(strstr(d.msg[i], ": not copied: "));
	assert_int_equal(d.nr, want_diags);
	assert_int_equal(pf_system_read(root, a, NULL, NULL), 0);
	assert_int_equal(pf_system_read(snap, b, NULL, NULL), 0);
	assert_same_system(a, b, true);
	free(a);
	free(b);
}

static void test_snapshot_fixtures(void **state)
{
	struct diags d = { 0 };
	char snap[PATH_MAX];
	struct stat st;

	/*
	 * 6 + 2 debugfs + osrelease, 6 sysctls, lowmem_reserve_ratio,
	 * node0/cpulist, cpu/online; not there: cpuinfo (a kernel without
	 * extra_free_kbytes is not worth a word)
	 */
	round_trip("debian12-live", 17, 1);
	snprintf(snap, sizeof(snap), "%s/debian12-live/snap/%s", tmpdir,
		 "sys/devices/system/node/node0/cpulist");
	assert_int_equal(stat(snap, &st), 0);
	/* the sosreport: its stand-ins copied; no proc/sys, sys/, debugfs */
	round_trip("rhel6-sosreport", 8, 5);
	/* two node directories */
	round_trip("v4.19-numa", 14, 3);

	/* the same again into the same place: refused, then replaced */
	snprintf(snap, sizeof(snap), "%s/v4.19-numa/snap", tmpdir);
	assert_int_equal(pf_system_snapshot(SYSTEMS "/v4.19-numa", snap,
					    collect_diag, &d),
			 -EEXIST);
	assert_int_equal(pf_system_snapshot_replace(SYSTEMS "/v4.19-numa", snap,
						    collect_diag, &d),
			 14);
	/* a snapshot of a snapshot */
	d.nr = 0;
	{
		char again[PATH_MAX];

		snprintf(again, sizeof(again), "%s/again/", tmpdir);
		assert_int_equal(
			pf_system_snapshot(snap, again, collect_diag, &d), 14);
	}
}

/* What cannot be read is named and skipped; what cannot be written fails. */
static void test_snapshot_errors(void **state)
{
	struct diags d = { 0 };
	char root[512], snap[512], path[PATH_MAX];
	struct pf_system sys;
	struct stat st;

	snprintf(root, sizeof(root), "%s/root", tmpdir);
	snprintf(snap, sizeof(snap), "%s/snap", tmpdir);
	put_str("root/proc/zoneinfo", small_zoneinfo);
	put_str("root/proc/buddyinfo",
		"Node 0, zone      DMA      1      1      0 \n");
	mkdirs("root/proc/vmstat");		      /* unreadable */
	mkdirs("root/sys/devices/system/node/node0"); /* no cpulist */
	mkdirs("root/sys/devices/system/node/nodes");
	put_str("root/sys/devices/system/node/node1", "a file\n");

	assert_int_equal(pf_system_snapshot(root, snap, collect_diag, &d), 2);
	assert_non_null(strstr(diag_for(&d, root, "proc/vmstat"),
			       "not copied: is a directory"));
	assert_non_null(strstr(diag_for(&d, root, "proc/meminfo"),
			       "not copied: no such file or directory"));
	assert_non_null(
		diag_for(&d, root, "sys/devices/system/node/node0/cpulist"));
	assert_non_null(diag_for(&d, root, "proc/pagetypeinfo"));
	/* the stand-ins of a sosreport are not missed */
	assert_null(diag_for(&d, root, "sos_commands/kernel/sysctl_-a"));
	assert_null(diag_for(&d, root, "uname"));
	/* 2 files, 7 + 2 missing, vmstat, node0's cpulist, node... */
	snprintf(path, sizeof(path), "%s/proc/meminfo", snap);
	assert_int_equal(stat(path, &st), -1);
	snprintf(path, sizeof(path), "%s/sys/devices/system/node/node0", snap);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	snprintf(path, sizeof(path), "%s/sys/devices/system/node/nodes", snap);
	assert_int_equal(stat(path, &st), -1);
	snprintf(path, sizeof(path), "%s/sys/devices/system/node/node1", snap);
	assert_int_equal(stat(path, &st), -1);

	assert_int_equal(pf_system_read(snap, &sys, NULL, NULL), 0);
	assert_int_equal(sys.nr_zones, 2);
	assert_int_equal(sys.nr_nodes, 1);
	assert_true(sys.have & PF_SYS_NODES);
	assert_int_equal(sys.mem_total_kb, -1);

	/* cannot be written: a file in the way, the root itself, nothing */
	put_str("plain", "x\n");
	snprintf(path, sizeof(path), "%s/plain/snap", tmpdir);
	assert_int_equal(pf_system_snapshot(root, path, NULL, NULL), -ENOTDIR);
	snprintf(path, sizeof(path), "%s/plain", tmpdir);
	assert_int_equal(pf_system_snapshot(root, path, NULL, NULL), -ENOTDIR);
	assert_int_equal(pf_system_snapshot(root, root, NULL, NULL), -EINVAL);
	snprintf(path, sizeof(path), "%s/root/", tmpdir);
	assert_int_equal(pf_system_snapshot(root, path, NULL, NULL), -EINVAL);
	assert_int_equal(pf_system_snapshot(root, NULL, NULL, NULL), -EINVAL);
	assert_int_equal(pf_system_snapshot(root, "", NULL, NULL), -EINVAL);
	if (geteuid() != 0) {
		snprintf(path, sizeof(path), "%s/ro", tmpdir);
		mkdirs("ro");
		chmod(path, 0500);
		snprintf(path, sizeof(path), "%s/ro/snap", tmpdir);
		assert_int_equal(pf_system_snapshot(root, path, NULL, NULL),
				 -EACCES);
	}
}

/* ---- an untrusted tree ------------------------------------------------ */

/* tmpdir/rel's directory made, its path into path. */
static void make_parent(const char *rel, char *path, size_t size)
{
	char dir[PATH_MAX], *slash;

	snprintf(dir, sizeof(dir), "%s", rel);
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		mkdirs(dir);
	}
	snprintf(path, size, "%s/%s", tmpdir, rel);
}

/* tmpdir/rel as a symlink to target. */
static void put_link(const char *rel, const char *target)
{
	char path[PATH_MAX];

	make_parent(rel, path, sizeof(path));
	assert_int_equal(symlink(target, path), 0);
}

/* tmpdir/rel as a FIFO that nobody writes. */
static void put_fifo(const char *rel)
{
	char path[PATH_MAX];

	make_parent(rel, path, sizeof(path));
	assert_int_equal(mkfifo(path, 0644), 0);
}

/*
 * A --root tree whose files are a symlink to /dev/zero, FIFOs nobody
 * writes, a symlink loop and a file past the size bound: each is refused
 * with its error, the rest of the tree is read, and nothing waits.  Before,
 * zoneinfo -> /dev/zero was read forever and a FIFO's open() blocked:
 * alarm() makes the test fail instead of hanging.
 */
static void test_untrusted_tree(void **state)
{
	struct diags d = { 0 };
	char root[512], snap[512], path[PATH_MAX];
	struct pf_system sys;
	const char *m;
	int n;

	snprintf(root, sizeof(root), "%s/root", tmpdir);
	snprintf(snap, sizeof(snap), "%s/snap", tmpdir);
	put_str("root/proc/buddyinfo",
		"Node 0, zone      DMA      1      1      0 \n");
	put_str("root/proc/sys/kernel/osrelease", "6.1.0-18-amd64\n");
	put_link("root/proc/zoneinfo", "/dev/zero");
	put_fifo("root/proc/meminfo");
	put_fifo("root/proc/sys/vm/min_free_kbytes");
	put_link("root/proc/vmstat", "vmstat");
	/* one byte past the bound, as a sparse file: no disk used */
	snprintf(path, sizeof(path), "%s/proc/pagetypeinfo", root);
	put_str("root/proc/pagetypeinfo", "");
	assert_int_equal(truncate(path, PF_PROC_FILE_MAX + 1), 0);

	alarm(20);
	assert_int_equal(pf_system_read(root, &sys, collect_diag, &d), 0);
	alarm(0);
	assert_int_equal(source_err(&sys, "proc/zoneinfo"), -PF_ENOTREG);
	assert_int_equal(source_err(&sys, "proc/meminfo"), -PF_ENOTREG);
	assert_int_equal(source_err(&sys, "proc/sys/vm/min_free_kbytes"),
			 -PF_ENOTREG);
	assert_int_equal(source_err(&sys, "proc/vmstat"), -ELOOP);
	assert_int_equal(source_err(&sys, "proc/pagetypeinfo"), -EFBIG);
	/* what could be read, was */
	assert_int_equal(source_err(&sys, "proc/buddyinfo"), 0);
	assert_int_equal(sys.nr_zones, 1);
	assert_string_equal(sys.kernel.str, "6.1.0-18-amd64");
	/* one line each, saying what is wrong and what to do instead */
	m = diag_for(&d, root, "proc/zoneinfo");
	assert_non_null(m);
	assert_non_null(strstr(m, "cannot read: not a regular file"));
	assert_non_null(strstr(m, "pagefail snapshot"));
	assert_non_null(strstr(diag_for(&d, root, "proc/meminfo"),
			       "not a regular file"));

	/* a snapshot of that tree copies what is a file, nothing else */
	memset(&d, 0, sizeof(d));
	alarm(20);
	n = pf_system_snapshot(root, snap, collect_diag, &d);
	alarm(0);
	assert_int_equal(n, 2);
	assert_non_null(strstr(diag_for(&d, root, "proc/zoneinfo"),
			       "not copied: not a regular file"));
	assert_non_null(strstr(diag_for(&d, root, "proc/pagetypeinfo"),
			       "not copied: file too large"));
	snprintf(path, sizeof(path), "%s/proc/zoneinfo", snap);
	assert_int_equal(access(path, F_OK), -1);
}

/* A FIFO in the place of a sysctl is refused too: no open() may block. */
static void test_untrusted_first_line(void **state)
{
	struct pf_system sys;
	char root[512];

	snprintf(root, sizeof(root), "%s/root", tmpdir);
	put_str("root/proc/buddyinfo",
		"Node 0, zone      DMA      1      1      0 \n");
	put_fifo("root/proc/sys/kernel/osrelease");
	put_link("root/sys/devices/system/cpu/online", "/dev/zero");
	put_fifo("root/proc/cpuinfo");
	alarm(20);
	assert_int_equal(pf_system_read(root, &sys, NULL, NULL), 0);
	alarm(0);
	assert_int_equal(source_err(&sys, "proc/sys/kernel/osrelease"),
			 -PF_ENOTREG);
	assert_int_equal(source_err(&sys, "sys/devices/system/cpu/online"),
			 -PF_ENOTREG);
	assert_int_equal(source_err(&sys, "proc/cpuinfo"), -PF_ENOTREG);
	assert_int_equal(sys.nr_cpus, -1);
	assert_false(pf_kver_known(&sys.kernel));
}

/* MemAvailable, or what stood for it before 3.14; refused as the rest. */
static void test_mem_available(void **state)
{
	char root[512];
	long long kb;

	snprintf(root, sizeof(root), "%s/root", tmpdir);
	put_str("root/proc/meminfo", "MemTotal:       32768000 kB\n"
				     "MemFree:         1000000 kB\n"
				     "MemAvailable:   23800000 kB\n"
				     "Buffers:          200000 kB\n"
				     "Cached:          9000000 kB\n");
	assert_int_equal(pf_system_mem_available(root), 23800000);
	/* 2.6.32: no MemAvailable */
	put_str("root/proc/meminfo", "MemTotal:       32768000 kB\n"
				     "MemFree:         1000000 kB\n"
				     "Buffers:          200000 kB\n"
				     "Cached:          9000000 kB\n"
				     "SwapCached:            0 kB\n");
	assert_int_equal(pf_system_mem_available(root), 10200000);
	put_str("root/proc/meminfo", "MemTotal: 1 kB\nMemFree: lots kB\n");
	assert_int_equal(pf_system_mem_available(root), -EINVAL);
	rm_file("root/proc/meminfo");
	assert_int_equal(pf_system_mem_available(root), -ENOENT);
	put_fifo("root/proc/meminfo");
	alarm(10);
	assert_int_equal(pf_system_mem_available(root), -PF_ENOTREG);
	alarm(0);
	/* this machine */
	kb = pf_system_mem_available(NULL);
	assert_true(kb > 0 || kb == -ENOENT);
}

/* ---- the live system -------------------------------------------------- */

struct live_zone {
	int node;
	char name[16];
	long min, low, high;
};

/* This machine: min/low/high as /proc/zoneinfo says, read with sscanf. */
static void test_live(void **state)
{
	struct live_zone lz[64];
	int nr = 0, matched = 0;
	struct pf_system sys;
	char line[1024];
	FILE *f = fopen("/proc/zoneinfo", "r");

	if (!f) {
		print_message("/proc/zoneinfo: %s\n", strerror(errno));
		skip();
	}
	while (fgets(line, sizeof(line), f)) {
		struct live_zone *z = nr ? &lz[nr - 1] : NULL;
		long v;

		if (nr < 64 && sscanf(line, "Node %d, zone %15s", &lz[nr].node,
				      lz[nr].name) == 2) {
			lz[nr].min = lz[nr].low = lz[nr].high = -1;
			nr++;
		} else if (z && sscanf(line, " min %ld", &v) == 1) {
			z->min = v;
		} else if (z && sscanf(line, " low %ld", &v) == 1) {
			z->low = v;
		} else if (z && sscanf(line, " high %ld", &v) == 1) {
			z->high = v;
		}
	}
	fclose(f);
	if (!nr)
		skip();

	assert_int_equal(pf_system_read("/", &sys, NULL, NULL), 0);
	assert_true(sys.have & PF_SYS_ZONEINFO);
	assert_int_equal(sys.nr_zones, nr < PF_ZONES_MAX ? nr : PF_ZONES_MAX);
	for (int i = 0; i < nr && i < PF_ZONES_MAX; i++) {
		const struct pf_zone *z =
			find_zone(&sys, lz[i].node, lz[i].name);

		assert_non_null(z);
		if (z->min == lz[i].min && z->low == lz[i].low &&
		    z->high == lz[i].high && z->min >= 0)
			matched++;
	}
	assert_true(matched >= 1);
	assert_true(sys.nr_nodes >= 1);
	if (access("/proc/sys/kernel/osrelease", R_OK) == 0)
		assert_true(pf_kver_known(&sys.kernel));
}

/* A snapshot of this machine reads back as this machine. */
static void test_snapshot_live(void **state)
{
	struct pf_system *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	unsigned int mask = ~(unsigned int)PF_SYS_EXTFRAG;
	char snap[PATH_MAX];
	int n;

	assert_non_null(a);
	assert_non_null(b);
	if (access("/proc/zoneinfo", R_OK) || access("/proc/buddyinfo", R_OK)) {
		print_message("/proc cannot be read: %s\n", strerror(errno));
		free(a);
		free(b);
		skip();
	}
	snprintf(snap, sizeof(snap), "%s/live", tmpdir);
	n = pf_system_snapshot("/", snap, NULL, NULL);
	assert_true(n >= 3);
	assert_int_equal(pf_system_read("/", a, NULL, NULL), 0);
	assert_int_equal(pf_system_read(snap, b, NULL, NULL), 0);

	/* what does not change from one moment to the next */
	assert_string_equal(a->kernel.str, b->kernel.str);
	assert_int_equal(a->nr_zones, b->nr_zones);
	for (int i = 0; i < a->nr_zones; i++) {
		const struct pf_zone *x = &a->zones[i], *y = &b->zones[i];

		assert_int_equal(x->node, y->node);
		assert_string_equal(x->name, y->name);
		assert_int_equal(x->present, y->present);
		assert_int_equal(x->min, y->min);
		assert_int_equal(x->nr_orders, y->nr_orders);
		assert_int_equal(x->has_mt, y->has_mt);
		assert_int_equal(a->pagetype[i].nr_types,
				 b->pagetype[i].nr_types);
	}
	assert_int_equal(a->nr_nodes, b->nr_nodes);
	assert_int_equal(a->nr_cpus, b->nr_cpus);
	assert_int_equal(a->mem_total_kb, b->mem_total_kb);
	for (int i = 0; i < PF_VM_NR; i++)
		assert_int_equal(a->vm[i], b->vm[i]);
	/* debugfs may come and go meanwhile (test_fidelity mounts it) */
	assert_int_equal(a->have & mask, b->have & mask);
	assert_int_equal(a->nr_vmstat, b->nr_vmstat);
	for (int i = 0; i < a->nr_vmstat; i++)
		assert_string_equal(a->vmstat[i].name, b->vmstat[i].name);
	assert_int_equal(a->nr_sources, b->nr_sources);
	for (int i = 0; i < a->nr_sources; i++)
		assert_string_equal(a->sources[i].path, b->sources[i].path);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, tmpdir_setup, tmpdir_teardown)
		cmocka_unit_test(test_debian12_live),
		cmocka_unit_test(test_rhel6_sosreport),
		cmocka_unit_test(test_v419_numa),
		cmocka_unit_test(test_root_trailing_slash),
		T(test_missing_files),
		T(test_buddyinfo_alone),
		T(test_empty_dir),
		T(test_unusable_files),
		T(test_damaged_zoneinfo),
		T(test_limits),
		T(test_old_formats),
		T(test_uname_fallback),
		T(test_fallback_order),
		T(test_cpus_and_nodes),
		cmocka_unit_test(test_sysctl_names),
		cmocka_unit_test(test_file_list),
		T(test_pagetypeinfo_formats),
		T(test_vmstat),
		T(test_debugfs_extfrag),
		T(test_bad_numbers),
		T(test_missing_fields),
		T(test_sources_empty),
		T(test_snapshot_fixtures),
		T(test_snapshot_errors),
		T(test_untrusted_tree),
		T(test_untrusted_first_line),
		T(test_mem_available),
		cmocka_unit_test(test_live),
		T(test_snapshot_live),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
