// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace_kernel.c - what pagefail trace must know of the running kernel
 * before its program loads, and what it reads of it beside: whether a
 * BPF program may read the preempt count (kallsyms), what the process and
 * the kernel lack for it, where page->flags keeps the node and the zone
 * (the build configuration and the kernel's BTF), pageblock_order, and
 * /proc/vmstat's pgalloc_* counts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "tracer.h"

/*
 * Can a BPF program read the preempt count?  Where /proc/kallsyms names
 * __preempt_count: the verifier finds a per-CPU variable there, and only
 * CONFIG_KALLSYMS_ALL lists variables.
 */
bool trace_preempt_count_readable(void)
{
	char line[512];
	FILE *f = fopen("/proc/kallsyms", "re");
	bool found = false;

	while (f && !found && fgets(line, sizeof(line), f)) {
		const char *name = strrchr(line, ' ');

		found = name && !strcmp(name, " __preempt_count\n");
	}
	if (f)
		fclose(f);
	return found;
}

/*
 * The build configuration's CONFIG_NODES_SHIFT (0 without NUMA), or -1
 * with why: page->flags holds no section bits only under
 * SPARSEMEM_VMEMMAP, where the node and zone sit at the top.
 */
static int nodes_shift(const char *release, char *why, size_t n)
{
	char path[256], line[256];
	bool vmemmap = false, numa = false;
	int shift = -1;
	gzFile f;

	snprintf(path, sizeof(path), "/boot/config-%s", release);
	f = gzopen(path, "rb");
	if (!f)
		f = gzopen("/proc/config.gz", "rb");
	if (!f) {
		snprintf(why, n,
			 "the kernel's configuration (/boot/config-%s, "
			 "/proc/config.gz) cannot be read",
			 release);
		return -1;
	}
	while (gzgets(f, line, sizeof(line))) {
		if (!strncmp(line, "CONFIG_NODES_SHIFT=", 19))
			shift = atoi(line + 19);
		else if (!strncmp(line, "CONFIG_SPARSEMEM_VMEMMAP=y", 26))
			vmemmap = true;
		else if (!strncmp(line, "CONFIG_NUMA=y", 13))
			numa = true;
	}
	gzclose(f);
	if (!vmemmap) {
		snprintf(
			why, n,
			"the kernel is not built with SPARSEMEM_VMEMMAP: "
			"page->flags has section bits pagefail does not place");
		return -1;
	}
	if (!numa)
		return 0;
	if (shift < 0)
		snprintf(why, n,
			 "CONFIG_NODES_SHIFT is not in the configuration");
	return shift;
}

/* "ZONE_DMA32" as /proc/zoneinfo names it ("DMA32"), into out */
static void zone_name(const char *e, char *out, size_t n)
{
	static const struct {
		const char *e, *name;
	} names[] = {
		{ "ZONE_DMA", "DMA" },	       { "ZONE_DMA32", "DMA32" },
		{ "ZONE_NORMAL", "Normal" },   { "ZONE_HIGHMEM", "HighMem" },
		{ "ZONE_MOVABLE", "Movable" }, { "ZONE_DEVICE", "Device" }
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(e, names[i].e)) {
			snprintf(out, n, "%s", names[i].name);
			return;
		}
	snprintf(out, n, "%s", e);
}

/* enum zone_type of the kernel's BTF: the names, and their number */
static int zone_types(struct cli_trace *t)
{
	struct btf *btf = btf__load_vmlinux_btf();
	const struct btf_type *bt;
	const struct btf_enum *e;
	int id, nr = -1;

	if (!btf)
		return -1;
	id = btf__find_by_name_kind(btf, "zone_type", BTF_KIND_ENUM);
	bt = id > 0 ? btf__type_by_id(btf, id) : NULL;
	for (int i = 0; bt && i < btf_vlen(bt); i++) {
		e = btf_enum(bt) + i;
		if (!strcmp(btf__name_by_offset(btf, e->name_off),
			    "__MAX_NR_ZONES"))
			nr = e->val;
		else if (e->val >= 0 && e->val < TRACE_ZONES_MAX)
			zone_name(btf__name_by_offset(btf, e->name_off),
				  t->zone_name[e->val],
				  sizeof(t->zone_name[0]));
	}
	btf__free(btf);
	t->nr_zone_types = nr;
	return nr > 0 && nr <= TRACE_ZONES_MAX ? 0 : -1;
}

/* ZONES_SHIFT of include/linux/page-flags-layout.h */
static int zones_width(int nr)
{
	return nr < 2 ? 0 : nr <= 2 ? 1 : nr <= 4 ? 2 : 3;
}

int trace_zone_layout(struct cli_trace *t, const char *release, int *nodes,
		      int *zones)
{
	int ns = nodes_shift(release, t->zones_why, sizeof(t->zones_why));

	if (ns < 0)
		return -1;
	if (zone_types(t)) {
		snprintf(t->zones_why, sizeof(t->zones_why),
			 "the kernel's BTF has no enum zone_type");
		return -1;
	}
	*nodes = ns;
	*zones = zones_width(t->nr_zone_types);
	return 0;
}

/*
 * The kernel's pageblock_order, as /proc/pagetypeinfo prints it ("Page
 * block order: 9"); 9, x86's with 4 KiB pages, where it cannot be read.
 */
int trace_pageblock_order(void)
{
	char line[128];
	FILE *f = fopen("/proc/pagetypeinfo", "re");
	int order = 9;

	if (!f)
		return order;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Page block order: %d", &order) == 1)
			break;
	fclose(f);
	return order;
}

/* pgalloc_<zone> of /proc/vmstat ("high" is HighMem's) */
void trace_read_pgalloc(const struct cli_trace *t, unsigned long long *v,
			bool *have)
{
	char line[256], want[48];
	FILE *f = fopen("/proc/vmstat", "re");

	for (int z = 0; z < TRACE_VM_ZONES; z++)
		have[z] = false;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		for (int z = 0; z < t->nr_zone_types && z < TRACE_VM_ZONES;
		     z++) {
			const char *n = t->zone_name[z];
			size_t l;

			snprintf(want, sizeof(want), "pgalloc_%s ",
				 !strcmp(n, "HighMem") ? "high" : n);
			for (char *p = want; *p; p++)
				*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32
								   : *p);
			l = strlen(want);
			if (!strncmp(line, want, l)) {
				v[z] = strtoull(line + l, NULL, 10);
				have[z] = true;
			}
		}
	}
	fclose(f);
}

/*
 * What the machine lacks for the program, in words, or NULL: a kernel
 * without BTF (CO-RE needs /sys/kernel/btf/vmlinux), or a process without
 * CAP_BPF (39) and CAP_PERFMON (38), or CAP_SYS_ADMIN (21) before 5.8.
 */
const char *trace_missing(void)
{
	unsigned long long eff = 0;
	char line[256];
	FILE *f;

	if (access("/sys/kernel/btf/vmlinux", R_OK))
		return "this kernel has no BTF (/sys/kernel/btf/vmlinux: "
		       "CONFIG_DEBUG_INFO_BTF)";
	f = fopen("/proc/self/status", "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &eff) == 1)
			break;
	if (f)
		fclose(f);
	if (!(eff & (1ull << 21)) &&
	    (!(eff & (1ull << 39)) || !(eff & (1ull << 38))))
		return "it needs root, or CAP_BPF and CAP_PERFMON, which this "
		       "process has not";
	return NULL;
}
