/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_system.h - what the fuzz targets of the --root reader share: a
 * struct pf_system filled by pf_system_read() is checked against the bounds
 * its header promises (abort() when one is broken, which libFuzzer reports
 * as a crash) and every field is read, so that the sanitizers see any
 * uninitialised or out-of-bounds value.  Also the small file helpers the
 * targets need to lay out a tree and remove it.
 */
#ifndef PF_FUZZ_SYSTEM_H
#define PF_FUZZ_SYSTEM_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libpagefail.h"

static size_t fuzz_diag_bytes;

/* A diagnostic is read whole, never printed. */
static inline void fuzz_on_diag(const char *source, unsigned long line,
				const char *msg, void *data)
{
	(void)data;
	fuzz_diag_bytes += strlen(source) + strlen(msg) + line % 2;
}

static inline unsigned long fuzz_touch_zone(const struct pf_zone *z)
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
static inline unsigned long fuzz_touch_pagetype(const struct pf_system *sys,
						int i)
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

/*
 * Check sys as pf_system_read() left it, and run what status computes
 * from it (indices and atomic headroom of every zone).
 */
static inline void fuzz_check_system(const struct pf_system *sys)
{
	static struct pf_zone_status st[PF_ZONES_MAX];
	unsigned long sum = 0;
	int j;

	if (sys->nr_zones < 0 || sys->nr_zones > PF_ZONES_MAX ||
	    sys->nr_lowmem_reserve_ratio > PF_MAX_ZONES ||
	    strnlen(sys->kernel.str, sizeof(sys->kernel.str)) >=
		    sizeof(sys->kernel.str))
		abort();
	if (sys->nr_vmstat < 0 || sys->nr_vmstat > PF_VMSTAT_MAX ||
	    sys->nr_sources < 0 || sys->nr_sources > PF_SYS_SOURCES_MAX)
		abort();
	for (j = 0; j < sys->nr_zones; j++)
		sum += fuzz_touch_zone(&sys->zones[j]) +
		       fuzz_touch_pagetype(sys, j);
	for (j = 0; j < sys->nr_vmstat; j++) {
		const struct pf_vmstat_item *it = &sys->vmstat[j], *first = it;
		long long v;
		int k;

		if (!it->name[0] ||
		    strnlen(it->name, sizeof(it->name)) >= sizeof(it->name) ||
		    (it->value > LLONG_MAX && it->value != PF_VMSTAT_UNKNOWN))
			abort();
		/* the lookup answers for the first of a name: -1 if unknown */
		for (k = 0; k < j; k++)
			if (!strcmp(sys->vmstat[k].name, it->name)) {
				first = &sys->vmstat[k];
				break;
			}
		v = pf_system_vmstat(sys, it->name);
		if (first->value == PF_VMSTAT_UNKNOWN
			    ? v != -1
			    : v != (long long)first->value)
			abort();
		sum += (unsigned long)it->value;
	}
	for (j = 0; j < sys->nr_sources; j++) {
		if (strnlen(sys->sources[j].path,
			    sizeof(sys->sources[j].path)) >=
			    sizeof(sys->sources[j].path) ||
		    sys->sources[j].err > 0)
			abort();
		sum += strlen(sys->sources[j].path) +
		       (unsigned long)-sys->sources[j].err;
	}
	sum += (unsigned long)sys->pageblock_order;
	for (j = 0; j < PF_VM_NR; j++)
		sum += (unsigned long)sys->vm[j];
	for (j = 0; j < sys->nr_lowmem_reserve_ratio; j++)
		sum += (unsigned long)sys->lowmem_reserve_ratio[j];
	sum += sys->kernel.code + strlen(sys->kernel.str) +
	       (unsigned long)sys->kernel.rhel;
	sum += (unsigned long)sys->nr_nodes + (unsigned long)sys->nr_cpus +
	       sys->have;
	sum += (unsigned long)sys->mem_total_kb;
	for (j = 0; j < PF_NR_COUNTERS; j++)
		sum += (unsigned long)pf_system_counter(sys,
							pf_counter_names[j]);

	pf_system_status(sys, st);
	for (j = 0; j < sys->nr_zones; j++) {
		if (st[j].nr_orders < 0 || st[j].nr_orders > PF_MAX_ORDER)
			abort();
		for (int o = 0; o < st[j].nr_orders; o++)
			sum += (unsigned long)(st[j].unusable[o] +
					       st[j].extfrag[o]);
		for (int o = 0; o < PF_HEADROOM_ORDERS; o++)
			sum += (unsigned long)st[j].headroom[o];
	}
	fuzz_diag_bytes += sum;
}

/* path holds data[0..len) (made or emptied); abort() when it cannot. */
static inline void fuzz_write_file(const char *path, const uint8_t *data,
				   size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0) {
		perror(path);
		abort();
	}
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n <= 0) {
			perror(path);
			abort();
		}
		data += n;
		len -= (size_t)n;
	}
	close(fd);
}

/*
 * A private directory under $TMPDIR, made once per process; without one,
 * under /dev/shm where there is one: a tree made and removed for every
 * input costs three times as much on a disk's file system as in memory.
 */
static inline void fuzz_make_tmpdir(char *buf, size_t size, const char *tag)
{
	const char *tmp = getenv("TMPDIR");

	if (!tmp || !*tmp || strlen(tmp) + strlen(tag) + 32 > size)
		tmp = access("/dev/shm", W_OK | X_OK) ? "/tmp" : "/dev/shm";
	snprintf(buf, size, "%s/pagefail-%s-XXXXXX", tmp, tag);
	if (!mkdtemp(buf)) {
		perror("mkdtemp");
		abort();
	}
}

static inline int fuzz_remove_one(const char *path, const struct stat *st,
				  int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		chmod(path, 0700);
	return remove(path);
}

/* rm -rf path: never follows a symlink, never leaves the tree. */
static inline void fuzz_remove_tree(const char *path)
{
	nftw(path, fuzz_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif /* PF_FUZZ_SYSTEM_H */
