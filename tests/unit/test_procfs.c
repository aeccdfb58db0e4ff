/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_procfs.c - unit tests of pf_system_read(): three saved systems under
 * tests/fixtures/system (a copy of a live 6.18 machine, a constructed RHEL 6
 * sosreport, a constructed 4.19 NUMA machine), roots with files missing or
 * damaged (built in a temporary directory), and the live /proc.
 */
#define _GNU_SOURCE	/* nftw */
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

#include "pagefail.h"

#define SYSTEMS PF_FIXTURES "/system"

static char tmpdir[256];

/* ---- helpers ---------------------------------------------------------- */

#define DIAGS_MAX 16

struct diags {
	int nr;
	char msg[DIAGS_MAX][PATH_MAX + 128];	/* "path: msg" */
};

static void collect_diag(const char *source, unsigned long line,
			 const char *msg, void *data)
{
	struct diags *d = data;

	assert_int_equal(line, 0);
	assert_true(d->nr < DIAGS_MAX);
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

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	return remove(path);
}

static int setup(void **state)
{
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/pf-procfs-XXXXXX",
		 t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* mkdir -p tmpdir/rel */
static void mkdirs(const char *rel)
{
	char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "%s/%s", tmpdir, rel);
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

/* ---- saved systems ---------------------------------------------------- */

/* A copy of this machine's files: kernel 6.18 (Firecracker), 1 node. */
static void test_debian12_live(void **state)
{
	static const struct want_zone want[] = {
		{ 0, "DMA", PF_ZONE_DMA, 3840, 45, 56, 67, 0, 3998, 3840, 0,
		  5, { 0, 3018, 5578, 5578, 5578 },
		  11, { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3 } },
		{ 0, "DMA32", PF_ZONE_DMA32, 772808, 9118, 11397, 13676, 0,
		  782336, 772808, 0, 5, { 0, 0, 2560, 2560, 2560 },
		  11, { 2, 3, 0, 2, 3, 2, 1, 4, 4, 2, 752 } },
		{ 0, "Normal", PF_ZONE_NORMAL, 538799, 7732, 9665, 11598, 0,
		  5505024, 655360, 0, 5, { 0, 0, 0, 0, 0 },
		  11, { 2052, 686, 490, 297, 110, 80, 42, 172, 187, 103, 392 } },
		/* unpopulated, printed since 4.12: kept, no buddy line */
		{ 0, "Movable", PF_ZONE_MOVABLE, 0, 32, 32, 32, 0, 0, 0, -1,
		  5, { 0, 0, 0, 0, 0 }, 0, { 0 } },
		{ 0, "Device", PF_ZONE_DEVICE, 0, 0, 0, 0, 0, 0, 0, -1,
		  5, { 0, 0, 0, 0, 0 }, 0, { 0 } },
	};
	struct pf_system sys;
	struct diags d = { 0 };

	assert_int_equal(pf_system_read(SYSTEMS "/debian12-live", &sys,
					collect_diag, &d), 0);
	assert_int_equal(d.nr, 0);
	assert_int_equal(sys.have, PF_SYS_ZONEINFO | PF_SYS_BUDDYINFO |
			 PF_SYS_MEMINFO | PF_SYS_OSRELEASE | PF_SYS_SYSCTL |
			 PF_SYS_NODES | PF_SYS_CPUS);
	assert_int_equal(sys.nr_zones, 5);
	for (int i = 0; i < 5; i++)
		check_zone(&sys, i, &want[i]);

	assert_string_equal(sys.kernel.str, "6.18.44-fc-v782");
	assert_int_equal(sys.kernel.code, PF_KV(6, 18, 44));
	assert_int_equal(sys.mem_total_kb, 24683656);
	assert_int_equal(sys.nr_nodes, 1);
	assert_int_equal(sys.nr_cpus, 2);

	assert_int_equal(sys.vm[PF_VM_MIN_FREE_KBYTES], 67584);
	assert_int_equal(sys.vm[PF_VM_WATERMARK_SCALE_FACTOR], 10);
	assert_int_equal(sys.vm[PF_VM_WATERMARK_BOOST_FACTOR], 15000);
	assert_int_equal(sys.vm[PF_VM_ZONE_RECLAIM_MODE], 0);
	assert_int_equal(sys.vm[PF_VM_EXTFRAG_THRESHOLD], 500);
	assert_int_equal(sys.vm[PF_VM_COMPACTION_PROACTIVENESS], 20);
	/* RHEL 6 only: absent, and not reported */
	assert_int_equal(sys.vm[PF_VM_EXTRA_FREE_KBYTES], -1);

	/* tab separated */
	assert_int_equal(sys.nr_lowmem_reserve_ratio, 5);
	assert_int_equal(sys.lowmem_reserve_ratio[0], 256);
	assert_int_equal(sys.lowmem_reserve_ratio[1], 256);
	assert_int_equal(sys.lowmem_reserve_ratio[2], 32);
	assert_int_equal(sys.lowmem_reserve_ratio[3], 0);
	assert_int_equal(sys.lowmem_reserve_ratio[4], 0);
}

/* An extracted sosreport of RHEL 6.4, 2.6.32 formats, no proc/sys. */
static void test_rhel6_sosreport(void **state)
{
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
	struct pf_system sys;
	struct diags d = { 0 };

	assert_int_equal(pf_system_read(SYSTEMS "/rhel6-sosreport", &sys,
					collect_diag, &d), 0);
	/* proc/sys is missing but sysctl_-a stands in: nothing to report */
	assert_int_equal(d.nr, 0);
	/* no sys/devices/system/node: the node count comes from the zones */
	assert_int_equal(sys.have, PF_SYS_ZONEINFO | PF_SYS_BUDDYINFO |
			 PF_SYS_MEMINFO | PF_SYS_OSRELEASE | PF_SYS_SYSCTL |
			 PF_SYS_CPUS);
	assert_int_equal(sys.nr_zones, 4);
	for (int i = 0; i < 4; i++)
		check_zone(&sys, i, &want[i]);

	/* kernel.osrelease of sysctl -a */
	assert_string_equal(sys.kernel.str, "2.6.32-358.2.1.el6.x86_64");
	assert_int_equal(sys.kernel.code, PF_KV(2, 6, 32));
	assert_int_equal(sys.kernel.rhel, 6);
	assert_int_equal(sys.kernel.rel[0], 358);
	assert_int_equal(sys.mem_total_kb, 16333112);
	assert_int_equal(sys.nr_nodes, 2);
	/* "processor" lines of proc/cpuinfo */
	assert_int_equal(sys.nr_cpus, 8);

	assert_int_equal(sys.vm[PF_VM_MIN_FREE_KBYTES], 90112);
	assert_int_equal(sys.vm[PF_VM_EXTRA_FREE_KBYTES], 0);
	assert_int_equal(sys.vm[PF_VM_ZONE_RECLAIM_MODE], 1);
	assert_int_equal(sys.vm[PF_VM_EXTFRAG_THRESHOLD], 500);
	/* 2.6.32 has none of these */
	assert_int_equal(sys.vm[PF_VM_WATERMARK_SCALE_FACTOR], -1);
	assert_int_equal(sys.vm[PF_VM_WATERMARK_BOOST_FACTOR], -1);
	assert_int_equal(sys.vm[PF_VM_COMPACTION_PROACTIVENESS], -1);
	assert_int_equal(sys.nr_lowmem_reserve_ratio, 3);
	assert_int_equal(sys.lowmem_reserve_ratio[0], 256);
	assert_int_equal(sys.lowmem_reserve_ratio[1], 256);
	assert_int_equal(sys.lowmem_reserve_ratio[2], 32);

	/* The watermarks follow from min_free_kbytes, split by present. */
	{
		long pages_min = sys.vm[PF_VM_MIN_FREE_KBYTES] / 4, lowmem = 0;

		for (int i = 0; i < sys.nr_zones; i++)
			lowmem += sys.zones[i].present;
		for (int i = 0; i < sys.nr_zones; i++) {
			const struct pf_zone *z = &sys.zones[i];
			long tmp = pages_min * z->present / lowmem;

			assert_int_equal(z->min, tmp);
			assert_int_equal(z->low, tmp + tmp / 4);
			assert_int_equal(z->high, tmp + tmp / 2);
			assert_int_equal(pf_zone_buddy_pages(z), z->free);
		}
	}
}

/* A 4.19 NUMA machine: per-node stats, empty zones in every node. */
static void test_v419_numa(void **state)
{
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
		{ 0, "Movable", PF_ZONE_MOVABLE, 0, 0, 0, 0, -1, 0, 0, -1,
		  5, { 0, 0, 0, 0, 0 }, 0, { 0 } },
		{ 0, "Device", PF_ZONE_DEVICE, 0, 0, 0, 0, -1, 0, 0, -1,
		  5, { 0, 0, 0, 0, 0 }, 0, { 0 } },
		/* 4.19 keeps a reserve in empty lower zones */
		{ 1, "DMA", PF_ZONE_DMA, 0, 0, 0, 0, -1, 0, 0, -1,
		  5, { 0, 0, 32255, 32255, 32255 }, 0, { 0 } },
		{ 1, "DMA32", PF_ZONE_DMA32, 0, 0, 0, 0, -1, 0, 0, -1,
		  5, { 0, 0, 32255, 32255, 32255 }, 0, { 0 } },
		/* per-node stats printed under this one: not its fields */
		{ 1, "Normal", PF_ZONE_NORMAL, 160132, 11482, 19739, 27996, -1,
		  8388608, 8257535, 0, 5, { 0, 0, 0, 0, 0 },
		  11, { 31022, 15873, 8211, 3177, 1090, 321, 88, 17, 4, 1, 2 } },
		{ 1, "Movable", PF_ZONE_MOVABLE, 0, 0, 0, 0, -1, 0, 0, -1,
		  5, { 0, 0, 0, 0, 0 }, 0, { 0 } },
		{ 1, "Device", PF_ZONE_DEVICE, 0, 0, 0, 0, -1, 0, 0, -1,
		  5, { 0, 0, 0, 0, 0 }, 0, { 0 } },
	};
	struct pf_system sys;
	struct diags d = { 0 };

	assert_int_equal(pf_system_read(SYSTEMS "/v4.19-numa", &sys,
					collect_diag, &d), 0);
	assert_int_equal(d.nr, 0);
	assert_int_equal(sys.have, PF_SYS_ZONEINFO | PF_SYS_BUDDYINFO |
			 PF_SYS_MEMINFO | PF_SYS_OSRELEASE | PF_SYS_SYSCTL |
			 PF_SYS_NODES | PF_SYS_CPUS);
	assert_int_equal(sys.nr_zones, 10);
	for (int i = 0; i < 10; i++)
		check_zone(&sys, i, &want[i]);

	assert_string_equal(sys.kernel.str, "4.19.0-26-amd64");
	assert_int_equal(sys.kernel.code, PF_KV(4, 19, 0));
	assert_int_equal(sys.mem_total_kb, 64803744);
	assert_int_equal(sys.nr_nodes, 2);
	assert_int_equal(sys.nr_cpus, 16);
	assert_int_equal(sys.vm[PF_VM_MIN_FREE_KBYTES], 90112);
	assert_int_equal(sys.vm[PF_VM_WATERMARK_SCALE_FACTOR], 10);
	assert_int_equal(sys.vm[PF_VM_ZONE_RECLAIM_MODE], 0);
	assert_int_equal(sys.vm[PF_VM_EXTFRAG_THRESHOLD], 500);
	assert_int_equal(sys.vm[PF_VM_WATERMARK_BOOST_FACTOR], -1);
	assert_int_equal(sys.vm[PF_VM_COMPACTION_PROACTIVENESS], -1);
	assert_int_equal(sys.vm[PF_VM_EXTRA_FREE_KBYTES], -1);
	assert_int_equal(sys.nr_lowmem_reserve_ratio, 5);
	assert_int_equal(sys.lowmem_reserve_ratio[2], 32);

	/* 4.6+ watermarks: gap = max(min/4, managed * wsf / 10000) */
	{
		long pages_min = sys.vm[PF_VM_MIN_FREE_KBYTES] / 4, lowmem = 0;
		long wsf = sys.vm[PF_VM_WATERMARK_SCALE_FACTOR];

		for (int i = 0; i < sys.nr_zones; i++)
			lowmem += sys.zones[i].managed;
		for (int i = 0; i < sys.nr_zones; i++) {
			const struct pf_zone *z = &sys.zones[i];
			long tmp = pages_min * z->managed / lowmem;
			long gap = z->managed * wsf / 10000;

			if (tmp / 4 > gap)
				gap = tmp / 4;
			assert_int_equal(z->min, tmp);
			assert_int_equal(z->low, tmp + gap);
			assert_int_equal(z->high, tmp + 2 * gap);
			assert_int_equal(pf_zone_buddy_pages(z), z->free);
		}
	}
}

/* A trailing slash on the root changes nothing. */
static void test_root_trailing_slash(void **state)
{
	struct pf_system sys;

	assert_int_equal(pf_system_read(SYSTEMS "/v4.19-numa//", &sys, NULL,
					NULL), 0);
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
	assert_non_null(strstr(diag_for(&d, tmpdir, "proc/meminfo"),
			       ": cannot read: No such file or directory"));

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
		"Node 1, zone   Normal      5      4      3      2      1 \n");
	assert_int_equal(pf_system_read(tmpdir, &sys, collect_diag, &d), 0);
	assert_int_equal(sys.have, PF_SYS_BUDDYINFO);
	assert_int_equal(d.nr, 4);
	assert_non_null(diag_for(&d, tmpdir, "proc/zoneinfo"));
	assert_int_equal(sys.nr_zones, 2);
	assert_string_equal(sys.zones[1].name, "Normal");
	assert_int_equal(sys.zones[1].node, 1);
	assert_int_equal(sys.zones[1].type, PF_ZONE_NORMAL);
	assert_int_equal(sys.zones[1].nr_orders, 5);
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
					&sys, NULL, NULL), -ENOENT);
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
	assert_int_equal(d.nr, 5);
	m = diag_for(&d, tmpdir, "proc/zoneinfo");
	assert_non_null(m);
	assert_non_null(strstr(m, "cannot read: Is a directory"));
	assert_non_null(strstr(diag_for(&d, tmpdir, "proc/buddyinfo"),
			       "no zones"));
	assert_non_null(strstr(diag_for(&d, tmpdir, "proc/meminfo"),
			       "no MemTotal"));
	assert_non_null(strstr(diag_for(&d, tmpdir,
					"proc/sys/kernel/osrelease"),
			       "not a kernel release"));
	assert_non_null(strstr(diag_for(&d, tmpdir,
					"proc/sys/vm/min_free_kbytes"),
			       "not a number"));
	assert_int_equal(sys.vm[PF_VM_WATERMARK_SCALE_FACTOR], -1);
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
		"        high     25 extra words\n"	/* ignored */
		"        spanned  4095\n"
		"        present  3998\n"
		"        managed  3977\n"
		"        managed  12abc\n"		/* ignored */
		"        boost    -\n"
		"        protection: (0, 2966, 3887, 3887)\n"
		"        protection: (1, 2\n"		/* ignored */
		"Node x, zone Normal\n"		/* garbled head */
		"        min      999\n"		/* belongs to none */
		"Node 0, zone    DMA32\n"
		"  pages free     721349\n"
		"        min      3030\n";
	static const char tail[] =
		"\n"
		"        low      3787\n"
		"        high     4544\n"
		"        present  782288\n"
		"        managed  759397\n"
		"        protection: (0, 0, 921, 921)\n"
		"Node 0, zone   Normal\n"
		"  pages free     52341\n"
		"        min      1234\n"
		"        low      15";		/* cut: no newline */
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

	z = find_zone(&sys, 0, "DMA");
	assert_non_null(z);
	assert_int_equal(z->free, 3977);
	assert_int_equal(z->min, 16);
	assert_int_equal(z->low, 20);
	assert_int_equal(z->high, 24);
	assert_int_equal(z->present, 3998);
	assert_int_equal(z->managed, 3977);
	assert_int_equal(z->boost, -1);
	assert_int_equal(z->nr_lowmem_reserve, 4);
	assert_int_equal(z->lowmem_reserve[1], 2966);
	assert_int_equal(z->lowmem_reserve[3], 3887);

	z = find_zone(&sys, 0, "DMA32");
	assert_non_null(z);
	assert_int_equal(z->free, 721349);
	assert_int_equal(z->min, 3030);
	assert_int_equal(z->low, 3787);
	assert_int_equal(z->high, 4544);
	assert_int_equal(z->managed, 759397);
	assert_int_equal(z->nr_lowmem_reserve, 4);
	assert_int_equal(z->lowmem_reserve[2], 921);

	/* cut: what came before the cut, nothing from the cut line */
	z = find_zone(&sys, 0, "Normal");
	assert_non_null(z);
	assert_int_equal(z->free, 52341);
	assert_int_equal(z->min, 1234);
	assert_int_equal(z->low, -1);
	assert_int_equal(z->high, -1);
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
		n += (size_t)snprintf(zi + n, size - n,
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

	assert_int_equal(pf_system_read(tmpdir, &sys, NULL, NULL), 0);
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

	put_str("proc/zoneinfo",
		"Node 0, zone      DMA\n"
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
	assert_int_equal(pf_system_read(tmpdir, &sys, NULL, NULL), 0);
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
	/* buddyinfo and meminfo only */
	assert_int_equal(d.nr, 2);
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
	assert_int_equal(pf_system_read(tmpdir, &sys, NULL, NULL), 0);
	/* an osrelease without a newline still counts */
	assert_string_equal(sys.kernel.str, "5.14.0-427.13.1.el9_4.x86_64");
	assert_int_equal(sys.vm[PF_VM_MIN_FREE_KBYTES], 11264);
	assert_int_equal(sys.vm[PF_VM_WATERMARK_BOOST_FACTOR], 0);

	rm_file("proc/sys/kernel/osrelease");
	put_str("sos_commands/kernel/sysctl_-a", "vm.min_free_kbytes = 1\n");
	put_str("uname", "Linux h 6.1.0-18-amd64 #1 SMP\n");
	assert_int_equal(pf_system_read(tmpdir, &sys, NULL, NULL), 0);
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
	assert_int_equal(pf_system_read(tmpdir, &sys, NULL, NULL), 0);
	assert_int_equal(sys.mem_total_kb, 8000000);
	assert_int_equal(sys.nr_cpus, 7);
	assert_int_equal(sys.nr_nodes, 2);
	assert_true(sys.have & PF_SYS_CPUS);
	assert_true(sys.have & PF_SYS_NODES);

	/* garbage in online: cpuinfo decides */
	put_str("sys/devices/system/cpu/online", "0-x\n");
	put_str("proc/cpuinfo",
		"Processor\t: ARMv7 Processor rev 10 (v7l)\n"
		"processor\t: 0\nBogoMIPS\t: 38.40\n\n"
		"processor\t: 1\nBogoMIPS\t: 38.40\n\n"
		"processors are not counted here\n");
	assert_int_equal(pf_system_read(tmpdir, &sys, NULL, NULL), 0);
	assert_int_equal(sys.nr_cpus, 2);

	put_str("sys/devices/system/cpu/online", "3-1\n");
	rm_file("proc/cpuinfo");
	assert_int_equal(pf_system_read(tmpdir, &sys, NULL, NULL), 0);
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

		if (nr < 64 && sscanf(line, "Node %d, zone %15s",
				      &lz[nr].node, lz[nr].name) == 2) {
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
		const struct pf_zone *z = find_zone(&sys, lz[i].node,
						    lz[i].name);

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

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
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
		cmocka_unit_test(test_live),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
