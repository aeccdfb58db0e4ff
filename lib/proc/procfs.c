// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * procfs.c - what a machine says about its memory, read from /proc and /sys
 * under a root directory: the live "/", a saved copy of the files, or an
 * extracted sosreport.
 *
 * /proc/zoneinfo gives one block per (node, zone): "Node N, zone NAME",
 * then the zone's fields one per line, each by name, in an order and with
 * a set of names that every era changed (kernel-facts.md section 7): 4.9+
 * prints a "per-node stats" block under the first populated zone of each
 * node, 3.10 added "managed", 5.15 "cma", 6.1 "boost", 6.13 "promo", and
 * 4.19 moved "protection" up; the per-cpu "pagesets" close the block.  So
 * fields are taken by name, never by position, and what a block lacks stays
 * -1.  /proc/buddyinfo adds the free block counts per order, /proc/meminfo
 * MemTotal, /proc/sys the kernel release and the vm sysctls.  A sosreport
 * often lacks proc/sys: its sos_commands/kernel/sysctl_-a and uname_-a
 * stand in.
 *
 * Optional, and never reported when missing: /proc/pagetypeinfo (the free
 * blocks per migratetype; root only from 5.4), /proc/vmstat (every counter
 * by name) and debugfs's extfrag/unusable_index and extfrag_index (what the
 * kernel computed from the free lists, to the thousandth).  pagetypeinfo
 * also gives each zone the migratetype letters a report's buddy line would
 * print.  Every file looked for is listed in sys->sources[] with what came
 * of it; the list itself (lib/proc/procfs.h) is shared with pf_system_snapshot().
 *
 * A root is untrusted input (a tree from elsewhere may hold FIFOs, devices,
 * links to /dev/zero, huge files): every file is read whole through
 * pf_read_file(), which refuses what is not a regular file and stops at
 * PF_PROC_FILE_MAX bytes, then line by line into a fixed buffer.  A line
 * that does not fit, holds a NUL, or is the unterminated end of a cut file
 * is skipped whole, so that no number is ever taken from half a line.
 *
 * Every number goes through one reader, proc_num(), with the range a kernel
 * can print in that field (named per field in procnum.c).  What is not
 * such a number (out of range, negative, junk, empty), a field zoneinfo
 * prints for every zone that a block lacks, and a row of a table with fewer
 * orders than the others, leave the value unknown (-1, or the zone's row
 * dropped): never a wrapped or clamped number shown as if the kernel had
 * said it.  Each file with such damage is said once through diag, when all
 * is read: "line N: what; read as unknown (and M more)".
 *
 * This file is the entry point, pf_system_read(), with the readers of
 * meminfo and vmstat.  The rest is apart by mechanism, behind the private
 * header procread.h, so that each part can be read alone: procfile.c (the
 * files, and what is said of them), procnum.c (the number reader),
 * zoneinfo.c (zoneinfo, buddyinfo), pagetypeinfo.c (pagetypeinfo, debugfs
 * extfrag), procsys.c (the vm sysctls, sysctl -a, the kernel release),
 * topology.c (nodes, cpus).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "libpagefail.h"
#include "proc/procfs.h"
#include "proc/procread.h"
#include "util/util.h"

/* ---- /proc/meminfo --------------------------------------------------- */

/*
 * "NAME:  123 kB" of meminfo: NUM_OK and the KiB in *v, NUM_NONE when the
 * line is another field, or why the number is not one (tok, len: what).
 */
static int meminfo_kb(const char *line, const char *name, long long *v,
		      const char **tok, size_t *len)
{
	size_t n = strlen(name);
	const char *p;
	int how;

	if (strncmp(line, name, n))
		return NUM_NONE;
	p = skip_blank(line + n);
	*tok = p;
	how = proc_num(&p, "", &r_kb, v);
	*len = (size_t)(p - *tok);
	if (how == NUM_OK && *(p = skip_blank(p)) && strcmp(p, "kB")) {
		*len = strlen(*tok);
		return NUM_JUNK; /* "123 MB": not the kernel's unit */
	}
	if (how == NUM_JUNK && !strcmp(*tok, "kB"))
		return NUM_NONE; /* "MemTotal:   kB" */
	return how;
}

static int read_meminfo(struct proc_ctx *c)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct proc_file f;
	int err = open_needed(c, PF_FILE_MEMINFO, path, sizeof(path), &f);

	if (err)
		return err;
	while (next_table_line(&f, line, sizeof(line))) {
		const char *tok;
		size_t len;
		long long v;
		int how;

		if (strncmp(line, "MemTotal:", 9))
			continue;
		how = meminfo_kb(line, "MemTotal:", &v, &tok, &len);
		if (how) {
			bad_num(c, PF_FILE_MEMINFO, f.line, "MemTotal", how,
				tok, len, &r_kb);
			break;
		}
		c->sys->mem_total_kb = v;
		c->sys->have |= PF_SYS_MEMINFO;
		break;
	}
	close_file(&f);
	if (!(c->sys->have & PF_SYS_MEMINFO)) {
		if (!c->bad[PF_FILE_MEMINFO].nr)
			report(c, path, "no MemTotal in it");
		return -EINVAL;
	}
	return 0;
}

long long pf_system_mem_available(const char *root)
{
	/* clang-format off */
	static const char *const names[] = {
		"MemAvailable:", "MemFree:", "Buffers:", "Cached:",
	};
	/* clang-format on */
	struct proc_ctx c = { .root = root && *root ? root : "/" };
	long long kb[ARRAY_SIZE(names)] = { -1, -1, -1, -1 };
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct proc_file f;
	int err = open_id(&c, PF_FILE_MEMINFO, path, sizeof(path), &f);

	if (err)
		return err;
	while (kb[0] < 0 && next_table_line(&f, line, sizeof(line))) {
		for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
			const char *tok;
			size_t len;
			long long v;

			if (meminfo_kb(line, names[i], &v, &tok, &len) ==
			    NUM_OK) {
				kb[i] = v;
				break;
			}
		}
	}
	close_file(&f);
	if (kb[0] >= 0)
		return kb[0];
	/* before 3.14 (si_mem_available()): what free(1) then called free */
	if (kb[1] < 0)
		return -EINVAL;
	return kb[1] + (kb[2] > 0 ? kb[2] : 0) + (kb[3] > 0 ? kb[3] : 0);
}

/* ---- /proc/vmstat ----------------------------------------------------- */

/*
 * "nr_free_pages 538799".  A counter whose value is not one (out of range,
 * junk, none) is kept as PF_VMSTAT_UNKNOWN, so that pf_system_vmstat() and
 * the sums of pf_system_counter() over its zone variants are unknown too,
 * not a part taken for the whole.
 */
static int read_vmstat(struct proc_ctx *c)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	struct proc_file f;
	int err = open_id(c, PF_FILE_VMSTAT, path, sizeof(path), &f);

	if (err)
		return err;
	while (next_table_line(&f, line, sizeof(line)) &&
	       sys->nr_vmstat < PF_VMSTAT_MAX) {
		struct pf_vmstat_item *it = &sys->vmstat[sys->nr_vmstat];
		const char *p = line, *tok;
		char name[sizeof(it->name)], q[40];
		size_t len;
		long long v;
		int how;

		while (*p && !isspace((unsigned char)*p) &&
		       isprint((unsigned char)*p))
			p++;
		if (p == line && *skip_blank(p)) {
			/* " 1321335": a value whose name is lost */
			tok = skip_blank(p);
			bad_add(c, PF_FILE_VMSTAT, f.line, "'%s' has no name",
				pf_quote(q, sizeof(q), tok, strlen(tok), 24));
			continue;
		}
		if (p == line || (*p && !isspace((unsigned char)*p)) ||
		    (size_t)(p - line) >= sizeof(it->name))
			continue; /* not a name, or none of the kernel's */
		pf_strlcpyn(name, sizeof(name), line, (size_t)(p - line));
		how = proc_value(p, &r_counter, &v, &tok, &len);
		if (how)
			bad_num(c, PF_FILE_VMSTAT, f.line, name, how, tok, len,
				&r_counter);
		pf_strlcpy(it->name, sizeof(it->name), name);
		it->value = how ? PF_VMSTAT_UNKNOWN : (unsigned long long)v;
		sys->nr_vmstat++;
	}
	close_file(&f);
	if (!sys->nr_vmstat) {
		if (!c->bad[PF_FILE_VMSTAT].nr)
			report(c, path, "no counters in it");
		return -EINVAL;
	}
	sys->have |= PF_SYS_VMSTAT;
	return 0;
}

long long pf_system_vmstat(const struct pf_system *sys, const char *name)
{
	if (!sys || !name)
		return -1;
	for (int i = 0; i < sys->nr_vmstat && i < PF_VMSTAT_MAX; i++) {
		unsigned long long v = sys->vmstat[i].value;

		if (!strcmp(sys->vmstat[i].name, name))
			return v > LLONG_MAX ? -1 : (long long)v;
	}
	return -1;
}

static void system_init(struct pf_system *sys)
{
	memset(sys, 0, sizeof(*sys));
	sys->nr_nodes = -1;
	sys->nr_cpus = -1;
	sys->mem_total_kb = -1;
	for (int i = 0; i < PF_VM_NR; i++)
		sys->vm[i] = -1;
	sys->nr_lowmem_reserve_ratio = -1;
	sys->pageblock_order = -1;
	for (int i = 0; i < PF_ZONES_MAX; i++)
		for (int t = 0; t < PF_MT_MAX; t++)
			sys->pagetype[i].nr_blocks[t] = -1;
}

int pf_system_read(const char *root, struct pf_system *sys, pf_diag_fn diag,
		   void *data)
{
	struct proc_ctx ctx = {
		.root = root && *root ? root : "/",
		.sys = sys, .diag = diag, .data = data,
	}, *c = &ctx;
	char path[PATH_MAX], mfk_path[PATH_MAX], buf[PROC_LINE_MAX];
	int err, os_err, mfk_err;

	if (!sys)
		return -EINVAL;
	system_init(sys);
	if (pf_proc_join(path, sizeof(path), c->root,
			 pf_proc_files[PF_FILE_OSRELEASE].path))
		return -ENAMETOOLONG;

	/* the zone state, one file right after the other */
	note(c, PF_FILE_ZONEINFO, read_zoneinfo(c));
	note(c, PF_FILE_BUDDYINFO, read_buddyinfo(c));
	note(c, PF_FILE_PAGETYPEINFO, read_pagetypeinfo(c));
	read_extfrag(c);

	note(c, PF_FILE_MEMINFO, read_meminfo(c));
	note(c, PF_FILE_VMSTAT, read_vmstat(c));

	os_err = read_first_line(c, pf_proc_files[PF_FILE_OSRELEASE].path, path,
				 sizeof(path), buf, sizeof(buf));
	if (!os_err && !set_kernel(sys, skip_blank(buf)))
		os_err = -EINVAL;
	note(c, PF_FILE_OSRELEASE, os_err);
	mfk_err = read_vm_sysctls(c, mfk_path, sizeof(mfk_path));

	/* What a sosreport keeps instead of proc/sys. */
	read_sysctl_a(c);
	if (!(sys->have & PF_SYS_OSRELEASE))
		read_uname(c);

	if (!(sys->have & PF_SYS_OSRELEASE)) {
		if (os_err == -EINVAL)
			report(c, path, "not a kernel release");
		else
			report_errno(c, path, os_err);
	}
	/* a bad value of it (or of sysctl -a's) is said with the others */
	if (sys->vm[PF_VM_MIN_FREE_KBYTES] < 0 && mfk_err != -EINVAL &&
	    !c->mfk_said)
		report_errno(c, mfk_path, mfk_err);

	read_topology(c);

	say_bad(c);

	err = 0;
	if (!sys->have && !sys->nr_zones)
		err = -ENOENT;
	return err;
}

/*
 * The public view of a machine (include/pagefail.h): struct pf_system is
 * large and grows with every file read, so other programs get a handle.
 */
int pf_system_new(const char *root, pf_diag_fn diag, void *data,
		  struct pf_system **out)
{
	struct pf_system *sys = malloc(sizeof(*sys));
	int err;

	*out = NULL;
	if (!sys)
		return -ENOMEM;
	err = pf_system_read(root, sys, diag, data);
	if (err) {
		free(sys);
		return err;
	}
	*out = sys;
	return 0;
}

void pf_system_free(struct pf_system *sys)
{
	free(sys);
}

const struct pf_kver *pf_system_kernel(const struct pf_system *sys)
{
	return &sys->kernel;
}

int pf_system_nr_zones(const struct pf_system *sys)
{
	return sys->nr_zones;
}

const struct pf_zone *pf_system_zone(const struct pf_system *sys, int i)
{
	return i >= 0 && i < sys->nr_zones ? &sys->zones[i] : NULL;
}

long pf_system_sysctl(const struct pf_system *sys, const char *name)
{
	int i = pf_vm_sysctl_of_name(name);

	return i < 0 ? -1 : sys->vm[i];
}
