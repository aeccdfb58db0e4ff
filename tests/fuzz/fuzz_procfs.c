// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_procfs.c - libFuzzer target for the /proc and sosreport reader
 * (pf_system_read).  The input is a set of files, split on "@@@" lines: a
 * line holding only "@@@" ends one part and starts the next, and the
 * parts are, in order, the files of files[] below.  A part that is empty,
 * or that the input does not reach, is a missing file.  The files are
 * written into a directory of this process, made once, and read back from
 * there; the results are checked against their bounds and summed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pagefail.h"

#define SEP	"@@@\n"
#define SEP_LEN 4

/* The parts of an input, in order. */
static const char *const files[] = {
	"proc/zoneinfo",
	"proc/buddyinfo",
	"proc/meminfo",
	"proc/sys/kernel/osrelease",
	"proc/sys/vm/min_free_kbytes",
	"proc/sys/vm/lowmem_reserve_ratio",
	"sos_commands/kernel/sysctl_-a",
	"sos_commands/kernel/uname_-a",
	"uname",
	"sys/devices/system/cpu/online",
	"proc/cpuinfo",
	"proc/pagetypeinfo",
	"proc/vmstat",
	"sys/kernel/debug/extfrag/unusable_index",
	"sys/kernel/debug/extfrag/extfrag_index",
};
#define NR_FILES (sizeof(files) / sizeof(files[0]))

/* Made once, parents first; removed in reverse order at exit. */
static const char *const dirs[] = {
	"proc",
	"proc/sys",
	"proc/sys/kernel",
	"proc/sys/vm",
	"sos_commands",
	"sos_commands/kernel",
	"sys",
	"sys/devices",
	"sys/devices/system",
	"sys/devices/system/cpu",
	"sys/kernel",
	"sys/kernel/debug",
	"sys/kernel/debug/extfrag",
};
#define NR_DIRS (sizeof(dirs) / sizeof(dirs[0]))

static char root[64];
static char paths[NR_FILES][128];
static bool present[NR_FILES];
static size_t diag_bytes;

static void cleanup(void)
{
	char path[128];
	size_t i;

	for (i = 0; i < NR_FILES; i++)
		unlink(paths[i]);
	for (i = NR_DIRS; i-- > 0;) {
		snprintf(path, sizeof(path), "%s/%s", root, dirs[i]);
		rmdir(path);
	}
	rmdir(root);
}

static void setup(void)
{
	char path[128];
	const char *tmp = getenv("TMPDIR");
	size_t i;

	if (!tmp || !*tmp || strlen(tmp) > 32)
		tmp = "/tmp";
	snprintf(root, sizeof(root), "%s/pagefail-fuzz-XXXXXX", tmp);
	if (!mkdtemp(root)) {
		perror("fuzz_procfs: mkdtemp");
		abort();
	}
	atexit(cleanup);
	for (i = 0; i < NR_DIRS; i++) {
		snprintf(path, sizeof(path), "%s/%s", root, dirs[i]);
		if (mkdir(path, 0700) && errno != EEXIST) {
			perror("fuzz_procfs: mkdir");
			abort();
		}
	}
	for (i = 0; i < NR_FILES; i++)
		snprintf(paths[i], sizeof(paths[i]), "%s/%s", root, files[i]);
}

/* File i holds data[0..len), or is missing when len is 0. */
static void put_file(size_t i, const uint8_t *data, size_t len)
{
	int fd;

	if (!len) {
		if (present[i])
			unlink(paths[i]);
		present[i] = false;
		return;
	}
	fd = open(paths[i], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		perror("fuzz_procfs: open");
		abort();
	}
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n <= 0) {
			perror("fuzz_procfs: write");
			abort();
		}
		data += n;
		len -= (size_t)n;
	}
	close(fd);
	present[i] = true;
}

/* Where the next "@@@" line starts at or after from; size when none. */
static size_t next_sep(const uint8_t *data, size_t size, size_t from)
{
	const uint8_t *q;
	size_t p;

	for (p = from; p + SEP_LEN <= size; p++) {
		q = memchr(data + p, '@', size - p);
		if (!q)
			break;
		p = (size_t)(q - data);
		if (p + SEP_LEN > size)
			break;
		if ((p == 0 || data[p - 1] == '\n') &&
		    !memcmp(data + p, SEP, SEP_LEN))
			return p;
	}
	return size;
}

static void on_diag(const char *source, unsigned long line, const char *msg,
		    void *data)
{
	(void)data;
	diag_bytes += strlen(source) + strlen(msg) + line;
}

static unsigned long touch_zone(const struct pf_zone *z)
{
	unsigned long sum = 0;
	int i;

	if (z->nr_orders < 0 || z->nr_orders > PF_MAX_ORDER ||
	    z->nr_lowmem_reserve > PF_MAX_ZONES || z->type < 0 ||
	    z->type >= PF_ZONE_NR_TYPES ||
	    strnlen(z->name, sizeof(z->name)) >= sizeof(z->name))
		abort();
	sum += (unsigned long)z->node + strlen(z->name) +
	       (unsigned long)z->type;
	sum += (unsigned long)z->free + (unsigned long)z->boost;
	sum += (unsigned long)z->min + (unsigned long)z->low +
	       (unsigned long)z->high;
	sum += (unsigned long)z->present + (unsigned long)z->managed +
	       (unsigned long)z->free_cma;
	for (i = 0; i < z->nr_lowmem_reserve; i++)
		sum += (unsigned long)z->lowmem_reserve[i];
	sum += pf_zone_buddy_pages(z);
	for (i = 0; i < PF_MAX_ORDER; i++) {
		if (strnlen(z->mt[i], sizeof(z->mt[i])) >= sizeof(z->mt[i]))
			abort();
		sum += strlen(z->mt[i]);
	}
	return sum;
}

/* pagetypeinfo and the debugfs indices of zone i. */
static unsigned long touch_pagetype(const struct pf_system *sys, int i)
{
	const struct pf_pagetype *pt = &sys->pagetype[i];
	const struct pf_extfrag *e = &sys->debug_extfrag[i];
	unsigned long sum = 0;
	int t, o;

	if (pt->nr_types < 0 || pt->nr_types > PF_MT_MAX || e->nr_orders < 0 ||
	    e->nr_orders > PF_MAX_ORDER)
		abort();
	for (t = 0; t < pt->nr_types; t++) {
		if (!pt->type[t][0] ||
		    strnlen(pt->type[t], sizeof(pt->type[t])) >=
			    sizeof(pt->type[t]))
			abort();
		sum += (unsigned long)pt->nr_blocks[t];
		for (o = 0; o < PF_MAX_ORDER; o++)
			sum += pt->nr_free[t][o] + pt->capped[t][o];
	}
	for (o = 0; o < e->nr_orders; o++) {
		if (e->unusable[o] < -1000 || e->unusable[o] > 1000 ||
		    e->extfrag[o] < -1000 || e->extfrag[o] > 1000)
			abort();
		sum += (unsigned long)(e->unusable[o] + e->extfrag[o]);
	}
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pf_system sys;
	unsigned long sum = 0;
	size_t i, start = 0;
	int j;

	if (!root[0])
		setup();
	for (i = 0; i < NR_FILES; i++) {
		size_t end = start < size ? next_sep(data, size, start) : size;

		put_file(i, data + start, end - start);
		start = end < size ? end + SEP_LEN : size;
	}

	if (pf_system_read(root, &sys, on_diag, NULL))
		return 0;
	if (sys.nr_zones < 0 || sys.nr_zones > PF_ZONES_MAX ||
	    sys.nr_lowmem_reserve_ratio > PF_MAX_ZONES ||
	    strnlen(sys.kernel.str, sizeof(sys.kernel.str)) >=
		    sizeof(sys.kernel.str))
		abort();
	if (sys.nr_vmstat < 0 || sys.nr_vmstat > PF_VMSTAT_MAX ||
	    sys.nr_sources < 0 || sys.nr_sources > PF_SYS_SOURCES_MAX)
		abort();
	for (j = 0; j < sys.nr_zones; j++)
		sum += touch_zone(&sys.zones[j]) + touch_pagetype(&sys, j);
	for (j = 0; j < sys.nr_vmstat; j++) {
		const struct pf_vmstat_item *it = &sys.vmstat[j];

		if (!it->name[0] ||
		    strnlen(it->name, sizeof(it->name)) >= sizeof(it->name) ||
		    pf_system_vmstat(&sys, it->name) < 0)
			abort();
		sum += (unsigned long)it->value;
	}
	for (j = 0; j < sys.nr_sources; j++) {
		if (strnlen(sys.sources[j].path, sizeof(sys.sources[j].path)) >=
			    sizeof(sys.sources[j].path) ||
		    sys.sources[j].err > 0)
			abort();
		sum += strlen(sys.sources[j].path) +
		       (unsigned long)-sys.sources[j].err;
	}
	sum += (unsigned long)sys.pageblock_order;
	for (j = 0; j < PF_VM_NR; j++)
		sum += (unsigned long)sys.vm[j];
	for (j = 0; j < sys.nr_lowmem_reserve_ratio; j++)
		sum += (unsigned long)sys.lowmem_reserve_ratio[j];
	sum += sys.kernel.code + strlen(sys.kernel.str) +
	       (unsigned long)sys.kernel.rhel;
	sum += (unsigned long)sys.nr_nodes + (unsigned long)sys.nr_cpus +
	       sys.have;
	sum += (unsigned long)sys.mem_total_kb;
	diag_bytes += sum;
	return 0;
}
