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
 * of it; the list itself (lib/procfs.h) is shared with pf_system_snapshot().
 *
 * A root is untrusted input (a tree from elsewhere may hold FIFOs, devices,
 * links to /dev/zero, huge files): every file is read whole through
 * pf_read_file(), which refuses what is not a regular file and stops at
 * PF_PROC_FILE_MAX bytes, then line by line into a fixed buffer.  A line
 * that does not fit, holds a NUL, or is the unterminated end of a cut file
 * is skipped whole, so that no number is ever taken from half a line.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pagefail.h"
#include "procfs.h"
#include "util.h"

#define PROC_LINE_MAX	4096

/* What read_line() found. */
enum {
	LINE_EOF = -1,
	LINE_OK = 0,
	LINE_CUT,		/* too long, or a NUL inside: unusable */
	LINE_UNTERMINATED,	/* the last line, without its newline */
};

static const char *const vm_names[PF_VM_NR] = {
	[PF_VM_MIN_FREE_KBYTES]		 = "vm.min_free_kbytes",
	[PF_VM_WATERMARK_SCALE_FACTOR]	 = "vm.watermark_scale_factor",
	[PF_VM_WATERMARK_BOOST_FACTOR]	 = "vm.watermark_boost_factor",
	[PF_VM_ZONE_RECLAIM_MODE]	 = "vm.zone_reclaim_mode",
	[PF_VM_EXTFRAG_THRESHOLD]	 = "vm.extfrag_threshold",
	[PF_VM_COMPACTION_PROACTIVENESS] = "vm.compaction_proactiveness",
	[PF_VM_EXTRA_FREE_KBYTES]	 = "vm.extra_free_kbytes",
};

const struct pf_proc_file pf_proc_files[PF_FILE_NR] = {
	[PF_FILE_ZONEINFO]	 = { "proc/zoneinfo", PF_FILE_ZONES },
	[PF_FILE_BUDDYINFO]	 = { "proc/buddyinfo", PF_FILE_ZONES },
	[PF_FILE_PAGETYPEINFO]	 = { "proc/pagetypeinfo", PF_FILE_ZONES },
	[PF_FILE_UNUSABLE_INDEX] = { "sys/kernel/debug/extfrag/unusable_index",
				     PF_FILE_ZONES },
	[PF_FILE_EXTFRAG_INDEX]	 = { "sys/kernel/debug/extfrag/extfrag_index",
				     PF_FILE_ZONES },
	[PF_FILE_MEMINFO]	 = { "proc/meminfo", 0 },
	[PF_FILE_VMSTAT]	 = { "proc/vmstat", 0 },
	[PF_FILE_OSRELEASE]	 = { "proc/sys/kernel/osrelease", 0 },
	/* vm_names[] without "vm." */
	[PF_FILE_VM_FIRST + PF_VM_MIN_FREE_KBYTES] =
		{ "proc/sys/vm/min_free_kbytes", 0 },
	[PF_FILE_VM_FIRST + PF_VM_WATERMARK_SCALE_FACTOR] =
		{ "proc/sys/vm/watermark_scale_factor", 0 },
	[PF_FILE_VM_FIRST + PF_VM_WATERMARK_BOOST_FACTOR] =
		{ "proc/sys/vm/watermark_boost_factor", 0 },
	[PF_FILE_VM_FIRST + PF_VM_ZONE_RECLAIM_MODE] =
		{ "proc/sys/vm/zone_reclaim_mode", 0 },
	[PF_FILE_VM_FIRST + PF_VM_EXTFRAG_THRESHOLD] =
		{ "proc/sys/vm/extfrag_threshold", 0 },
	[PF_FILE_VM_FIRST + PF_VM_COMPACTION_PROACTIVENESS] =
		{ "proc/sys/vm/compaction_proactiveness", 0 },
	[PF_FILE_VM_FIRST + PF_VM_EXTRA_FREE_KBYTES] =
		{ "proc/sys/vm/extra_free_kbytes", 0 },
	[PF_FILE_LOWMEM_RESERVE_RATIO] =
		{ "proc/sys/vm/lowmem_reserve_ratio", 0 },
	[PF_FILE_SYSCTL_A]	 = { "sos_commands/kernel/sysctl_-a",
				     PF_FILE_STANDIN },
	[PF_FILE_UNAME_A]	 = { "sos_commands/kernel/uname_-a",
				     PF_FILE_STANDIN },
	[PF_FILE_UNAME]		 = { "uname", PF_FILE_STANDIN },
	[PF_FILE_NODES]		 = { "sys/devices/system/node", PF_FILE_DIR },
	[PF_FILE_CPU_ONLINE]	 = { "sys/devices/system/cpu/online", 0 },
	[PF_FILE_CPUINFO]	 = { "proc/cpuinfo", 0 },
};

/* One pf_system_read() call. */
struct proc_ctx {
	const char *root;
	struct pf_system *sys;
	pf_diag_fn diag;
	void *data;
	long nr_free_pages[PF_ZONES_MAX];	/* zoneinfo's vmstat item */
	/* the orders of each debugfs file, per zone */
	int nr_unusable[PF_ZONES_MAX];
	int nr_extfrag[PF_ZONES_MAX];
};

bool pf_proc_is_node_name(const char *name)
{
	const char *p = name + 4;

	if (strncmp(name, "node", 4) || !*p)
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	return !*p;
}

const char *pf_vm_sysctl_name(int i)
{
	if (i < 0 || i >= PF_VM_NR)
		return NULL;
	return vm_names[i];
}

int pf_vm_sysctl_of_name(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < PF_VM_NR; i++)
		if (!strcmp(name, vm_names[i]) ||
		    !strcmp(name, vm_names[i] + 3))
			return i;
	return -1;
}

/* ---- files ---------------------------------------------------------- */

/* root + "/" + rel into buf; "/" and "" stand for the live system. */
static int join_path(char *buf, size_t size, const char *root,
		     const char *rel)
{
	size_t n = strlen(root);
	int len;

	while (n > 0 && root[n - 1] == '/')
		n--;
	len = snprintf(buf, size, "%.*s/%s", (int)n, root, rel);
	if (len < 0 || (size_t)len >= size)
		return -ENAMETOOLONG;
	return 0;
}

/*
 * A file of the root, read whole into memory: through pf_read_file(), so
 * that every file of the tree has the one size bound (PF_PROC_FILE_MAX)
 * and the one check that it is a regular file, not a FIFO or a symlink to
 * /dev/zero (a --root tree is untrusted input).
 */
struct proc_file {
	char *buf;
	size_t len, pos;
};

/* Read root/rel; path gets its name.  0 or -errno. */
static int open_file(const struct proc_ctx *c, const char *rel, char *path,
		     size_t size, struct proc_file *f)
{
	int err = join_path(path, size, c->root, rel);

	memset(f, 0, sizeof(*f));
	if (err)
		return err;
	return pf_read_file(path, PF_PROC_FILE_MAX, &f->buf, &f->len);
}

/* Read pf_proc_files[id] under the root. */
static int open_id(const struct proc_ctx *c, int id, char *path, size_t size,
		   struct proc_file *f)
{
	return open_file(c, pf_proc_files[id].path, path, size, f);
}

static void close_file(struct proc_file *f)
{
	free(f->buf);
	memset(f, 0, sizeof(*f));
}

/*
 * One line of f into buf (size > 1) without its newline, trailing white
 * space (and a DOS '\r') removed.  A line longer than buf is consumed whole
 * and reported LINE_CUT.
 */
static int read_line(struct proc_file *f, char *buf, size_t size)
{
	const char *p = f->buf + f->pos, *end = f->buf + f->len;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *e = nl ? nl : end;
	size_t n = (size_t)(e - p);
	bool cut = n + 1 > size || memchr(p, '\0', n);

	if (p == end)
		return LINE_EOF;
	f->pos += n + (nl != NULL);
	if (cut)
		n = 0;
	memcpy(buf, p, n);
	while (n > 0 && isspace((unsigned char)buf[n - 1]))
		n--;
	buf[n] = '\0';
	if (cut)
		return LINE_CUT;
	return nl ? LINE_OK : LINE_UNTERMINATED;
}

/*
 * The next line of a table the kernel writes whole (zoneinfo, buddyinfo,
 * meminfo, sysctl -a): lines that are not whole are skipped.
 */
static bool next_table_line(struct proc_file *f, char *buf, size_t size)
{
	int r;

	while ((r = read_line(f, buf, size)) != LINE_EOF)
		if (r == LINE_OK)
			return true;
	return false;
}

/* What came of looking for pf_proc_files[id]: sys->sources[]. */
static int note(struct proc_ctx *c, int id, int err)
{
	struct pf_system *sys = c->sys;
	struct pf_sys_source *s;

	if (sys->nr_sources >= PF_SYS_SOURCES_MAX)
		return err;
	s = &sys->sources[sys->nr_sources++];
	pf_strlcpy(s->path, sizeof(s->path), pf_proc_files[id].path);
	s->err = err;
	return err;
}

static void report(const struct proc_ctx *c, const char *path,
		   const char *msg)
{
	if (c->diag)
		c->diag(path, 0, msg, c->data);
}

static void report_errno(const struct proc_ctx *c, const char *path, int err)
{
	char msg[192];

	snprintf(msg, sizeof(msg), "cannot read: %s%s",
		 pf_strerror(err),
		 err == -PF_ENOTREG ? " (a tree to read holds copies of the "
				      "files, as pagefail snapshot makes)" : "");
	report(c, path, msg);
}

/* ---- numbers -------------------------------------------------------- */

static const char *skip_blank(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/*
 * A decimal number at *p, optionally signed, that ends at white space,
 * the end of the string or one of stops.  Advances *p past it.
 */
static bool scan_long(const char **p, const char *stops, long *v)
{
	const char *q = *p;
	char *end;
	long x;

	if (!isdigit((unsigned char)(*q == '-' ? q[1] : *q)))
		return false;
	errno = 0;
	x = strtol(q, &end, 10);
	if (errno == ERANGE)
		return false;
	if (*end && !isspace((unsigned char)*end) && !strchr(stops, *end))
		return false;
	*v = x;
	*p = end;
	return true;
}

/* The whole string is one number (white space around it allowed). */
static bool parse_value(const char *s, long *v)
{
	const char *p = skip_blank(s);

	return scan_long(&p, "", v) && !*skip_blank(p);
}

/* White space separated numbers ("256\t256\t32\t0\t0"); -1 when garbage. */
static int parse_list(const char *s, long *out, int max)
{
	const char *p = skip_blank(s);
	int n = 0;
	long v;

	while (*p) {
		if (!scan_long(&p, "", &v))
			return -1;
		if (n < max)
			out[n] = v;
		n++;
		p = skip_blank(p);
	}
	return n ? (n < max ? n : max) : -1;
}

/* ---- zones ---------------------------------------------------------- */

/*
 * "Node 0, zone   Normal" at the start of s: the node and name, *rest
 * after the name (which ends at white space or at the ',' of
 * pagetypeinfo's ", type").  Returns false when the line is not one.
 */
static bool parse_zone_head(const char *s, int *node, char *name,
			    size_t name_size, const char **rest)
{
	const char *p = s, *q;
	long n;

	if (strncmp(p, "Node", 4) || (p[4] != ' ' && p[4] != '\t'))
		return false;
	p = skip_blank(p + 4);
	if (!scan_long(&p, ",", &n) || n < 0 || n > 65535 || *p != ',')
		return false;
	p = skip_blank(p + 1);
	if (strncmp(p, "zone", 4) || (p[4] != ' ' && p[4] != '\t'))
		return false;
	p = skip_blank(p + 4);
	for (q = p; *q && !isspace((unsigned char)*q) && *q != ','; q++)
		if (!isprint((unsigned char)*q))
			return false;
	if (q == p || (size_t)(q - p) >= name_size)
		return false;
	*node = (int)n;
	pf_strlcpyn(name, name_size, p, (size_t)(q - p));
	*rest = q;
	return true;
}

/* The zone (node, name), added when new; -1 when the table is full. */
static int zone_index(struct proc_ctx *c, int node, const char *name)
{
	struct pf_system *sys = c->sys;
	struct pf_zone *z;
	int i;

	for (i = 0; i < sys->nr_zones; i++)
		if (sys->zones[i].node == node &&
		    !strcmp(sys->zones[i].name, name))
			return i;
	if (sys->nr_zones >= PF_ZONES_MAX)
		return -1;
	i = sys->nr_zones++;
	z = &sys->zones[i];
	pf_zone_init(z);
	z->node = node;
	z->node_printed = true;
	pf_strlcpy(z->name, sizeof(z->name), name);
	z->type = pf_zone_type_of(name);
	c->nr_free_pages[i] = -1;
	return i;
}

/* "protection: (0, 3018, 5578)" after the key: lowmem_reserve[]. */
static void parse_protection(struct pf_zone *z, const char *p)
{
	long v[PF_MAX_ZONES];
	int n = 0;

	p = skip_blank(p);
	if (*p++ != '(')
		return;
	p = skip_blank(p);
	if (*p != ')') {
		for (;;) {
			long x;

			if (!scan_long(&p, ",)", &x))
				return;
			if (n < PF_MAX_ZONES)
				v[n++] = x;
			p = skip_blank(p);
			if (*p == ')')
				break;
			if (*p++ != ',')
				return;
			p = skip_blank(p);
		}
	}
	if (*skip_blank(p + 1))
		return;
	z->nr_lowmem_reserve = n;
	memcpy(z->lowmem_reserve, v, (size_t)n * sizeof(v[0]));
}

/* One "name value" line of a zone block. */
static void zone_field(struct proc_ctx *c, int idx, const char *s)
{
	struct pf_zone *z = &c->sys->zones[idx];
	const struct {
		const char *name;
		long *val;
	} fields[] = {
		{ "min", &z->min },		{ "low", &z->low },
		{ "high", &z->high },		{ "boost", &z->boost },
		{ "present", &z->present },	{ "managed", &z->managed },
		{ "nr_free_cma", &z->free_cma },
		{ "nr_free_pages", &c->nr_free_pages[idx] },
	};
	const char *p = s, *key = s;
	size_t klen;
	long v;

	while (*p && !isspace((unsigned char)*p))
		p++;
	klen = (size_t)(p - key);
	p = skip_blank(p);

	if (klen == 11 && !memcmp(key, "protection:", 11)) {
		parse_protection(z, p);
		return;
	}
	if (klen == 5 && !memcmp(key, "pages", 5)) {
		/* "pages free     3840" */
		if (!strncmp(p, "free", 4) && isspace((unsigned char)p[4]) &&
		    parse_value(p + 4, &v) && v >= 0)
			z->free = v;
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		if (strlen(fields[i].name) != klen ||
		    memcmp(fields[i].name, key, klen))
			continue;
		if (parse_value(p, &v) && v >= 0)
			*fields[i].val = v;
		return;
	}
}

/* Leading blanks of s. */
static size_t indent_of(const char *s)
{
	return (size_t)(skip_blank(s) - s);
}

static int read_zoneinfo(struct proc_ctx *c)
{
	enum { ZI_ZONE, ZI_NODE_STATS, ZI_PAGESETS } state = ZI_ZONE;
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	int idx = -1, nr_heads = 0;
	struct proc_file f;
	int err = open_id(c, PF_FILE_ZONEINFO, path, sizeof(path), &f);

	if (err) {
		report_errno(c, path, err);
		return err;
	}
	while (next_table_line(&f, line, sizeof(line))) {
		const char *p = skip_blank(line), *rest;
		char name[sizeof(sys->zones[0].name)];
		int node;

		if (!strncmp(line, "Node", 4)) {
			/* A garbled head: its fields belong to no zone. */
			idx = -1;
			state = ZI_ZONE;
			if (!parse_zone_head(line, &node, name, sizeof(name),
					     &rest) || *skip_blank(rest))
				continue;
			idx = zone_index(c, node, name);
			nr_heads++;
			continue;
		}
		if (idx < 0)
			continue;
		if (state == ZI_NODE_STATS) {
			/* its items are indented deeper than "  pages free" */
			if (indent_of(line) >= 4)
				continue;
			state = ZI_ZONE;
		}
		/* the per-cpu lists ("high:" too) and the trailer */
		if (state == ZI_PAGESETS)
			continue;
		if (!strcmp(p, "per-node stats"))
			state = ZI_NODE_STATS;
		else if (!strcmp(p, "pagesets"))
			state = ZI_PAGESETS;
		else
			zone_field(c, idx, p);
	}
	close_file(&f);

	for (int i = 0; i < sys->nr_zones; i++) {
		struct pf_zone *z = &sys->zones[i];

		/* an era without "pages free" still prints the vmstat item */
		if (z->free < 0)
			z->free = c->nr_free_pages[i];
		/* before 3.10 no "managed": an empty zone manages nothing */
		if (z->present == 0 && z->managed < 0)
			z->managed = 0;
	}
	if (!nr_heads) {
		report(c, path, "no zones in it");
		return -EINVAL;
	}
	sys->have |= PF_SYS_ZONEINFO;
	return 0;
}

static int read_buddyinfo(struct proc_ctx *c)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	int nr_lines = 0;
	struct proc_file f;
	int err = open_id(c, PF_FILE_BUDDYINFO, path, sizeof(path), &f);

	if (err) {
		report_errno(c, path, err);
		return err;
	}
	while (next_table_line(&f, line, sizeof(line))) {
		unsigned long nr_free[PF_MAX_ORDER];
		char name[sizeof(sys->zones[0].name)];
		const char *p;
		int node, n = 0, idx;
		long v;

		if (!parse_zone_head(line, &node, name, sizeof(name), &p))
			continue;
		for (p = skip_blank(p); *p; p = skip_blank(p)) {
			if (!scan_long(&p, "", &v) || v < 0)
				break;
			if (n < PF_MAX_ORDER)
				nr_free[n++] = (unsigned long)v;
		}
		if (*p || !n)
			continue;	/* garbage among the counts */
		idx = zone_index(c, node, name);
		if (idx < 0)
			continue;
		sys->zones[idx].nr_orders = n;
		memcpy(sys->zones[idx].nr_free, nr_free,
		       (size_t)n * sizeof(nr_free[0]));
		nr_lines++;
	}
	close_file(&f);
	if (!nr_lines) {
		report(c, path, "no zones in it");
		return -EINVAL;
	}
	sys->have |= PF_SYS_BUDDYINFO;
	return 0;
}

/* "NAME:  123 kB" of meminfo: the KiB, or -1 when the line is not one. */
static long long meminfo_kb(const char *line, const char *name)
{
	size_t n = strlen(name);
	const char *p = line + n;
	long v;

	if (strncmp(line, name, n))
		return -1;
	p = skip_blank(p);
	if (!scan_long(&p, "", &v) || v < 0)
		return -1;
	p = skip_blank(p);
	return *p && strcmp(p, "kB") ? -1 : v;
}

static int read_meminfo(struct proc_ctx *c)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct proc_file f;
	int err = open_id(c, PF_FILE_MEMINFO, path, sizeof(path), &f);

	if (err) {
		report_errno(c, path, err);
		return err;
	}
	while (next_table_line(&f, line, sizeof(line))) {
		long long v = meminfo_kb(line, "MemTotal:");

		if (v < 0)
			continue;
		c->sys->mem_total_kb = v;
		c->sys->have |= PF_SYS_MEMINFO;
		break;
	}
	close_file(&f);
	if (!(c->sys->have & PF_SYS_MEMINFO)) {
		report(c, path, "no MemTotal in it");
		return -EINVAL;
	}
	return 0;
}

long long pf_system_mem_available(const char *root)
{
	struct proc_ctx c = { .root = root && *root ? root : "/" };
	long long avail = -1, free_kb = -1, buffers = -1, cached = -1;
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct proc_file f;
	int err = open_id(&c, PF_FILE_MEMINFO, path, sizeof(path), &f);

	if (err)
		return err;
	while (avail < 0 && next_table_line(&f, line, sizeof(line))) {
		long long v;

		if ((v = meminfo_kb(line, "MemAvailable:")) >= 0)
			avail = v;
		else if ((v = meminfo_kb(line, "MemFree:")) >= 0)
			free_kb = v;
		else if ((v = meminfo_kb(line, "Buffers:")) >= 0)
			buffers = v;
		else if ((v = meminfo_kb(line, "Cached:")) >= 0)
			cached = v;
	}
	close_file(&f);
	if (avail >= 0)
		return avail;
	/* before 3.14 (si_mem_available()): what free(1) then called free */
	if (free_kb < 0)
		return -EINVAL;
	return free_kb + (buffers > 0 ? buffers : 0) + (cached > 0 ? cached : 0);
}

/* ---- /proc/pagetypeinfo ---------------------------------------------- */

/* A migratetype's letter as show_migration_types() prints it; 0: none. */
static char mt_letter(const char *type)
{
	static const struct {
		const char *name;
		char letter;
	} letters[] = {
		{ "Unmovable", 'U' },	{ "Movable", 'M' },
		{ "Reclaimable", 'E' },	{ "HighAtomic", 'H' },
		{ "CMA", 'C' },		{ "Isolate", 'I' },
		{ "Reserve", 'R' },	/* MIGRATE_RESERVE, before 4.4 */
	};

	for (size_t i = 0; i < ARRAY_SIZE(letters); i++)
		if (!strcmp(type, letters[i].name))
			return letters[i].letter;
	return 0;
}

/* The type's column in pt, added when new; -1 when it does not fit. */
static int pagetype_index(struct pf_pagetype *pt, const char *type)
{
	int t;

	for (t = 0; t < pt->nr_types; t++)
		if (!strcmp(pt->type[t], type))
			return t;
	if (pt->nr_types >= PF_MT_MAX || !*type ||
	    strlen(type) >= sizeof(pt->type[0]))
		return -1;
	pf_strlcpy(pt->type[t], sizeof(pt->type[0]), type);
	return pt->nr_types++;
}

/* One white space separated word at *p into buf; false when too long. */
static bool take_word(const char **p, char *buf, size_t size)
{
	const char *q = *p = skip_blank(*p);

	while (*q && !isspace((unsigned char)*q))
		q++;
	if (q == *p || (size_t)(q - *p) >= size)
		return false;
	pf_strlcpyn(buf, size, *p, (size_t)(q - *p));
	*p = q;
	return true;
}

/*
 * "Node    0, zone   Normal, type    Unmovable     67      5 >100000 ..."
 * (the rest after the zone name): the counts go to pagetype[idx].
 */
static bool pagetype_free_row(struct proc_ctx *c, int node, const char *zone,
			      const char *p, bool *had_free)
{
	unsigned long v[PF_MAX_ORDER];
	bool capped[PF_MAX_ORDER];
	char type[sizeof(c->sys->pagetype[0].type[0])];
	int n = 0, idx, t;

	if (*p != ',')
		return false;
	p = skip_blank(p + 1);
	if (strncmp(p, "type", 4) || (p[4] != ' ' && p[4] != '\t'))
		return false;
	p += 4;
	if (!take_word(&p, type, sizeof(type)))
		return false;
	for (p = skip_blank(p); *p; p = skip_blank(p)) {
		bool cap = *p == '>';	/* 6.x: ">100000" */
		long x;

		if (cap)
			p++;
		if (!isdigit((unsigned char)*p) || !scan_long(&p, "", &x) ||
		    x < 0)
			return false;
		if (n < PF_MAX_ORDER) {
			v[n] = (unsigned long)x;
			capped[n++] = cap;
		}
	}
	if (!n)
		return false;
	idx = zone_index(c, node, zone);
	if (idx < 0)
		return true;	/* a zone past the model: dropped */
	t = pagetype_index(&c->sys->pagetype[idx], type);
	if (t < 0)
		return true;
	memcpy(c->sys->pagetype[idx].nr_free[t], v, (size_t)n * sizeof(v[0]));
	memcpy(c->sys->pagetype[idx].capped[t], capped,
	       (size_t)n * sizeof(capped[0]));
	had_free[idx] = true;
	return true;
}

/* "Number of blocks type     Unmovable      Movable ...": the columns. */
static int pagetype_block_heads(const char *p, char heads[][16], int max)
{
	int n = 0;

	for (p = skip_blank(p); *p; p = skip_blank(p)) {
		char word[64];

		if (!take_word(&p, word, sizeof(word)))
			return -1;
		if (n >= max)
			return -1;
		if (strlen(word) >= 16)
			word[0] = '\0';	/* too long: its column is skipped */
		pf_strlcpy(heads[n++], 16, word);
	}
	return n;
}

/* "Node 0, zone   Normal           45         1189 ..." under the heads. */
static bool pagetype_block_row(struct proc_ctx *c, int node, const char *zone,
			       const char *p, char heads[][16], int nr_heads)
{
	long v[PF_MT_MAX];
	int n = 0, idx;

	for (p = skip_blank(p); *p; p = skip_blank(p)) {
		long x;

		if (n >= nr_heads || !scan_long(&p, "", &x) || x < 0)
			return false;
		v[n++] = x;
	}
	if (n != nr_heads)
		return false;
	idx = zone_index(c, node, zone);
	if (idx < 0)
		return true;
	for (int k = 0; k < n; k++) {
		int t;

		if (!heads[k][0])
			continue;
		t = pagetype_index(&c->sys->pagetype[idx], heads[k]);
		if (t >= 0)
			c->sys->pagetype[idx].nr_blocks[t] = v[k];
	}
	return true;
}

/* Each zone's letters per order: the types with a free block there. */
static void pagetype_letters(struct pf_system *sys, const bool *had_free)
{
	for (int i = 0; i < sys->nr_zones; i++) {
		const struct pf_pagetype *pt = &sys->pagetype[i];
		struct pf_zone *z = &sys->zones[i];

		if (!had_free[i])
			continue;
		z->has_mt = true;
		for (int o = 0; o < PF_MAX_ORDER; o++) {
			int n = 0;

			/* in the kernel's enum order, as the file lists them */
			for (int t = 0; t < pt->nr_types; t++) {
				char l = mt_letter(pt->type[t]);

				if (l && pt->nr_free[t][o] &&
				    n < PF_MT_LETTERS - 1 &&
				    !memchr(z->mt[o], l, (size_t)n))
					z->mt[o][n++] = l;
			}
			z->mt[o][n] = '\0';
		}
	}
}

static int read_pagetypeinfo(struct proc_ctx *c)
{
	enum { PT_HEAD, PT_FREE, PT_BLOCKS, PT_OTHER } section = PT_HEAD;
	char path[PATH_MAX], line[PROC_LINE_MAX];
	char heads[PF_MT_MAX][16];
	bool had_free[PF_ZONES_MAX] = { false };
	struct pf_system *sys = c->sys;
	int nr_heads = -1, nr_rows = 0;
	struct proc_file f;
	int err = open_id(c, PF_FILE_PAGETYPEINFO, path, sizeof(path), &f);

	if (err)
		return err;	/* optional: root only from 5.4 */
	while (next_table_line(&f, line, sizeof(line))) {
		char zone[sizeof(sys->zones[0].name)];
		const char *rest;
		int node;
		long v;

		if (!strncmp(line, "Page block order:", 17)) {
			if (parse_value(line + 17, &v) && v >= 0 && v < 64)
				sys->pageblock_order = (int)v;
			continue;
		}
		if (!strncmp(line, "Free pages count per migrate type", 33)) {
			section = PT_FREE;
			continue;
		}
		if (!strncmp(line, "Number of blocks type", 21)) {
			section = PT_BLOCKS;
			nr_heads = pagetype_block_heads(line + 21, heads,
							PF_MT_MAX);
			continue;
		}
		if (!strncmp(line, "Number of", 9)) {
			/* "Number of mixed blocks" (page_owner) and the like */
			section = PT_OTHER;
			continue;
		}
		if (!parse_zone_head(line, &node, zone, sizeof(zone), &rest))
			continue;
		if (section == PT_FREE &&
		    pagetype_free_row(c, node, zone, rest, had_free))
			nr_rows++;
		else if (section == PT_BLOCKS && nr_heads > 0 &&
			 pagetype_block_row(c, node, zone, rest, heads,
					    nr_heads))
			nr_rows++;
	}
	close_file(&f);
	if (!nr_rows) {
		report(c, path, "no zones in it");
		return -EINVAL;
	}
	pagetype_letters(sys, had_free);
	sys->have |= PF_SYS_PAGETYPEINFO;
	return 0;
}

/* ---- debugfs extfrag ------------------------------------------------- */

/*
 * One index as "%d.%03d" prints it ("%2d.%03d" from 6.1: " 0.523"), in
 * thousandths: "-1.000" is -1000.  The kernel's values are -1000..1000.
 */
static bool scan_index(const char **p, int *v)
{
	const char *q = *p;
	bool neg = *q == '-';
	long ip = 0;
	int frac = 0, digits = 0;

	if (neg)
		q++;
	if (!isdigit((unsigned char)*q))
		return false;
	while (isdigit((unsigned char)*q) && ip <= 1000)
		ip = ip * 10 + (*q++ - '0');
	if (*q++ != '.')
		return false;
	while (isdigit((unsigned char)*q) && digits < 3) {
		frac = frac * 10 + (*q++ - '0');
		digits++;
	}
	if (digits != 3 || (*q && !isspace((unsigned char)*q)))
		return false;
	ip = ip * 1000 + frac;
	if (ip > 1000)
		return false;
	*v = neg ? -(int)ip : (int)ip;
	*p = q;
	return true;
}

/* unusable_index or extfrag_index into debug_extfrag[]. */
static int read_extfrag_file(struct proc_ctx *c, int id)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	bool unusable = id == PF_FILE_UNUSABLE_INDEX;
	int nr_lines = 0;
	struct proc_file f;
	int err = open_id(c, id, path, sizeof(path), &f);

	if (err)
		return err;	/* optional: debugfs is seldom mounted */
	while (next_table_line(&f, line, sizeof(line))) {
		char name[sizeof(sys->zones[0].name)];
		int v[PF_MAX_ORDER], node, n = 0, idx;
		const char *p;

		if (!parse_zone_head(line, &node, name, sizeof(name), &p))
			continue;
		for (p = skip_blank(p); *p; p = skip_blank(p)) {
			int x;

			if (!scan_index(&p, &x))
				break;
			if (n < PF_MAX_ORDER)
				v[n++] = x;
		}
		if (*p || !n)
			continue;
		idx = zone_index(c, node, name);
		if (idx < 0)
			continue;
		memcpy(unusable ? sys->debug_extfrag[idx].unusable :
				  sys->debug_extfrag[idx].extfrag,
		       v, (size_t)n * sizeof(v[0]));
		(unusable ? c->nr_unusable : c->nr_extfrag)[idx] = n;
		nr_lines++;
	}
	close_file(&f);
	if (!nr_lines) {
		report(c, path, "no zones in it");
		return -EINVAL;
	}
	return 0;
}

static void read_extfrag(struct proc_ctx *c)
{
	struct pf_system *sys = c->sys;
	int eu = note(c, PF_FILE_UNUSABLE_INDEX,
		      read_extfrag_file(c, PF_FILE_UNUSABLE_INDEX));
	int ee = note(c, PF_FILE_EXTFRAG_INDEX,
		      read_extfrag_file(c, PF_FILE_EXTFRAG_INDEX));
	bool any = false;

	/* the orders both files give */
	for (int i = 0; i < sys->nr_zones; i++) {
		int n = c->nr_unusable[i] < c->nr_extfrag[i] ?
			c->nr_unusable[i] : c->nr_extfrag[i];

		sys->debug_extfrag[i].nr_orders = eu || ee ? 0 : n;
		any |= sys->debug_extfrag[i].nr_orders > 0;
	}
	if (any)
		sys->have |= PF_SYS_EXTFRAG;
}

/* ---- /proc/vmstat ----------------------------------------------------- */

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
		const char *p = line, *q;
		unsigned long long v;
		char *end;

		/* "nr_free_pages 538799" */
		while (*p && !isspace((unsigned char)*p) &&
		       isprint((unsigned char)*p))
			p++;
		if (p == line || !isspace((unsigned char)*p) ||
		    (size_t)(p - line) >= sizeof(it->name))
			continue;
		q = skip_blank(p);
		if (!isdigit((unsigned char)*q))
			continue;
		errno = 0;
		v = strtoull(q, &end, 10);
		if (errno == ERANGE || *end)
			continue;
		pf_strlcpyn(it->name, sizeof(it->name), line,
			    (size_t)(p - line));
		it->value = v;
		sys->nr_vmstat++;
	}
	close_file(&f);
	if (!sys->nr_vmstat) {
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
			return v > LLONG_MAX ? LLONG_MAX : (long long)v;
	}
	return -1;
}

/* ---- small files: /proc/sys, /sys ------------------------------------ */

/* The first line of root/rel.  0, or -errno. */
static int read_first_line(const struct proc_ctx *c, const char *rel,
			   char *path, size_t path_size, char *buf, size_t size)
{
	struct proc_file f;
	int r, err = open_file(c, rel, path, path_size, &f);

	if (err)
		return err;
	r = read_line(&f, buf, size);
	close_file(&f);
	if (r == LINE_EOF || r == LINE_CUT)
		return -EINVAL;
	return 0;
}

static bool set_kernel(struct pf_system *sys, const char *release)
{
	struct pf_kver kv;

	if (pf_kver_parse(release, &kv))
		return false;
	sys->kernel = kv;
	sys->have |= PF_SYS_OSRELEASE;
	return true;
}

/* "Linux host 3.10.0-1160.el7.x86_64 #1 SMP ...": the third word. */
static bool kernel_of_uname(struct pf_system *sys, const char *s)
{
	char rel[sizeof(sys->kernel.str)];
	const char *p = skip_blank(s), *q;

	for (int word = 0; word < 2; word++) {
		while (*p && !isspace((unsigned char)*p))
			p++;
		p = skip_blank(p);
	}
	for (q = p; *q && !isspace((unsigned char)*q); q++)
		;
	if (q == p || (size_t)(q - p) >= sizeof(rel))
		return false;
	pf_strlcpyn(rel, sizeof(rel), p, (size_t)(q - p));
	return set_kernel(sys, rel);
}

static bool set_lowmem_ratio(struct pf_system *sys, const char *s)
{
	long v[PF_MAX_ZONES];
	int n = parse_list(s, v, PF_MAX_ZONES);

	if (n < 0)
		return false;
	sys->nr_lowmem_reserve_ratio = n;
	memcpy(sys->lowmem_reserve_ratio, v, (size_t)n * sizeof(v[0]));
	sys->have |= PF_SYS_SYSCTL;
	return true;
}

/* root/proc/sys/vm/...; returns the error of min_free_kbytes. */
static int read_vm_sysctls(struct proc_ctx *c, char *mfk_path, size_t size)
{
	char path[PATH_MAX], buf[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	int err, mfk_err = 0;
	const char *rel;

	for (int i = 0; i < PF_VM_NR; i++) {
		long v;

		rel = pf_proc_files[PF_FILE_VM_FIRST + i].path;
		err = read_first_line(c, rel, path, sizeof(path), buf,
				      sizeof(buf));
		if (!err && !parse_value(buf, &v))
			err = -EINVAL;
		if (!err) {
			sys->vm[i] = v;
			sys->have |= PF_SYS_SYSCTL;
		}
		note(c, PF_FILE_VM_FIRST + i, err);
		if (i == PF_VM_MIN_FREE_KBYTES) {
			mfk_err = err;
			pf_strlcpy(mfk_path, size, path);
		}
	}
	rel = pf_proc_files[PF_FILE_LOWMEM_RESERVE_RATIO].path;
	err = read_first_line(c, rel, path, sizeof(path), buf, sizeof(buf));
	if (!err && !set_lowmem_ratio(sys, buf))
		err = -EINVAL;
	note(c, PF_FILE_LOWMEM_RESERVE_RATIO, err);
	return mfk_err;
}

/*
 * A sosreport's sos_commands/kernel/sysctl_-a: "vm.min_free_kbytes = 67584"
 * for what proc/sys did not give.
 */
static void read_sysctl_a(struct proc_ctx *c)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	struct proc_file f;

	if (note(c, PF_FILE_SYSCTL_A,
		 open_id(c, PF_FILE_SYSCTL_A, path, sizeof(path), &f)))
		return;
	while (next_table_line(&f, line, sizeof(line))) {
		char *eq = strstr(line, " = "), *val;
		int i;
		long v;

		if (!eq)
			continue;
		*eq = '\0';
		val = eq + 3;
		if (!strcmp(line, "kernel.osrelease")) {
			if (!(sys->have & PF_SYS_OSRELEASE))
				set_kernel(sys, skip_blank(val));
			continue;
		}
		if (!strcmp(line, "vm.lowmem_reserve_ratio")) {
			if (sys->nr_lowmem_reserve_ratio < 0)
				set_lowmem_ratio(sys, val);
			continue;
		}
		i = pf_vm_sysctl_of_name(line);
		if (i < 0 || strncmp(line, "vm.", 3) || sys->vm[i] >= 0)
			continue;
		if (parse_value(val, &v)) {
			sys->vm[i] = v;
			sys->have |= PF_SYS_SYSCTL;
		}
	}
	close_file(&f);
}

/* The kernel from uname -a, as a sosreport keeps it. */
static void read_uname(struct proc_ctx *c)
{
	static const int ids[] = { PF_FILE_UNAME_A, PF_FILE_UNAME };
	char path[PATH_MAX], buf[PROC_LINE_MAX];

	for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
		int err = read_first_line(c, pf_proc_files[ids[i]].path, path,
					  sizeof(path), buf, sizeof(buf));

		if (!err && !kernel_of_uname(c->sys, buf))
			err = -EINVAL;
		if (!note(c, ids[i], err))
			return;
	}
}

/* node[0-9]+ directories under sys/devices/system/node; -1 when none. */
static int count_nodes(struct proc_ctx *c)
{
	char path[PATH_MAX], sub[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int n = 0, err;

	err = join_path(path, sizeof(path), c->root,
			pf_proc_files[PF_FILE_NODES].path);
	d = err ? NULL : opendir(path);
	if (!d) {
		note(c, PF_FILE_NODES, err ? err : -errno);
		return -1;
	}
	note(c, PF_FILE_NODES, 0);
	while ((de = readdir(d)) != NULL) {
		struct stat st;

		if (!pf_proc_is_node_name(de->d_name))
			continue;
		if (de->d_type != DT_DIR) {
			if (de->d_type != DT_UNKNOWN && de->d_type != DT_LNK)
				continue;
			if (snprintf(sub, sizeof(sub), "%s/%s", path,
				     de->d_name) >= (int)sizeof(sub) ||
			    stat(sub, &st) || !S_ISDIR(st.st_mode))
				continue;
		}
		n++;
	}
	closedir(d);
	return n ? n : -1;
}

/* A cpu list such as "0-3,8": how many; -1 when it is not one. */
static int count_cpu_list(const char *s)
{
	const char *p = skip_blank(s);
	long n = 0;

	while (*p) {
		long a, b;

		if (!scan_long(&p, "-,", &a) || a < 0)
			return -1;
		b = a;
		if (*p == '-') {
			p++;
			if (!scan_long(&p, ",", &b) || b < a)
				return -1;
		}
		n += b - a + 1;
		if (n > 1 << 22)	/* far past any NR_CPUS */
			return -1;
		if (*p == ',')
			p++;
		else if (*skip_blank(p))
			return -1;
		else
			break;
	}
	return n ? (int)n : -1;
}

/* "processor\t: 3" lines of /proc/cpuinfo; -1 when there is none. */
static int count_cpuinfo(struct proc_ctx *c)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct proc_file f;
	int n = 0;
	int err = open_id(c, PF_FILE_CPUINFO, path, sizeof(path), &f);

	if (err) {
		note(c, PF_FILE_CPUINFO, err);
		return -1;
	}
	/* a "flags" line may not fit: only whole "processor" lines count */
	while (next_table_line(&f, line, sizeof(line)))
		if (!strncmp(line, "processor", 9) &&
		    (line[9] == ' ' || line[9] == '\t' || line[9] == ':'))
			n++;
	close_file(&f);
	note(c, PF_FILE_CPUINFO, n ? 0 : -EINVAL);
	return n ? n : -1;
}

static void read_topology(struct proc_ctx *c)
{
	char path[PATH_MAX], buf[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	int err, n = count_nodes(c);

	if (n > 0) {
		sys->nr_nodes = n;
		sys->have |= PF_SYS_NODES;
	} else if (sys->nr_zones > 0) {
		/* the distinct nodes of the zones */
		n = 0;
		for (int i = 0; i < sys->nr_zones; i++) {
			int j;

			for (j = 0; j < i; j++)
				if (sys->zones[j].node == sys->zones[i].node)
					break;
			n += j == i;
		}
		sys->nr_nodes = n;
	}

	n = -1;
	err = read_first_line(c, pf_proc_files[PF_FILE_CPU_ONLINE].path, path,
			      sizeof(path), buf, sizeof(buf));
	if (!err)
		n = count_cpu_list(buf);
	note(c, PF_FILE_CPU_ONLINE, err ? err : n < 0 ? -EINVAL : 0);
	if (n < 0)
		n = count_cpuinfo(c);
	if (n > 0) {
		sys->nr_cpus = n;
		sys->have |= PF_SYS_CPUS;
	}
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
	struct proc_ctx c = {
		.root = root && *root ? root : "/",
		.sys = sys, .diag = diag, .data = data,
	};
	char path[PATH_MAX], mfk_path[PATH_MAX], buf[PROC_LINE_MAX];
	int err, os_err, mfk_err;

	if (!sys)
		return -EINVAL;
	system_init(sys);
	if (join_path(path, sizeof(path), c.root,
		      pf_proc_files[PF_FILE_OSRELEASE].path))
		return -ENAMETOOLONG;

	/* the zone state, one file right after the other */
	note(&c, PF_FILE_ZONEINFO, read_zoneinfo(&c));
	note(&c, PF_FILE_BUDDYINFO, read_buddyinfo(&c));
	note(&c, PF_FILE_PAGETYPEINFO, read_pagetypeinfo(&c));
	read_extfrag(&c);

	note(&c, PF_FILE_MEMINFO, read_meminfo(&c));
	note(&c, PF_FILE_VMSTAT, read_vmstat(&c));

	os_err = read_first_line(&c, pf_proc_files[PF_FILE_OSRELEASE].path,
				 path, sizeof(path), buf, sizeof(buf));
	if (!os_err && !set_kernel(sys, skip_blank(buf)))
		os_err = -EINVAL;
	note(&c, PF_FILE_OSRELEASE, os_err);
	mfk_err = read_vm_sysctls(&c, mfk_path, sizeof(mfk_path));

	/* What a sosreport keeps instead of proc/sys. */
	read_sysctl_a(&c);
	if (!(sys->have & PF_SYS_OSRELEASE))
		read_uname(&c);

	if (!(sys->have & PF_SYS_OSRELEASE)) {
		if (os_err == -EINVAL)
			report(&c, path, "not a kernel release");
		else
			report_errno(&c, path, os_err);
	}
	if (sys->vm[PF_VM_MIN_FREE_KBYTES] < 0) {
		if (mfk_err == -EINVAL)
			report(&c, mfk_path, "not a number");
		else
			report_errno(&c, mfk_path, mfk_err);
	}

	read_topology(&c);

	err = 0;
	if (!sys->have && !sys->nr_zones)
		err = -ENOENT;
	return err;
}
