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
 * Files are read line by line through a fixed buffer.  A line that does not
 * fit, holds a NUL, or is the unterminated end of a cut file is skipped
 * whole, so that no number is ever taken from half a line.
 */
#define _GNU_SOURCE	/* strerror_r returning char * */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pagefail.h"
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

/* One pf_system_read() call. */
struct proc_ctx {
	const char *root;
	struct pf_system *sys;
	pf_diag_fn diag;
	void *data;
	long nr_free_pages[PF_ZONES_MAX];	/* zoneinfo's vmstat item */
};

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

/* Open root/rel for reading; path gets its name.  0 or -errno. */
static int open_file(const struct proc_ctx *c, const char *rel, char *path,
		     size_t size, FILE **f)
{
	struct stat st;
	int err = join_path(path, size, c->root, rel);

	*f = NULL;
	if (err)
		return err;
	*f = fopen(path, "re");
	if (!*f)
		return -errno;
	if (fstat(fileno(*f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(*f);
		*f = NULL;
		return -EISDIR;
	}
	return 0;
}

/*
 * One line of f into buf (size > 1) without its newline, trailing white
 * space (and a DOS '\r') removed.  A line longer than buf is consumed whole
 * and reported LINE_CUT.
 */
static int read_line(FILE *f, char *buf, size_t size)
{
	size_t n = 0;
	bool any = false, cut = false, nl = false;
	int c;

	while ((c = getc(f)) != EOF) {
		any = true;
		if (c == '\n') {
			nl = true;
			break;
		}
		if (c == '\0' || n + 1 >= size)
			cut = true;
		else
			buf[n++] = (char)c;
	}
	while (n > 0 && isspace((unsigned char)buf[n - 1]))
		n--;
	buf[n] = '\0';
	if (!any)
		return LINE_EOF;
	if (cut)
		return LINE_CUT;
	return nl ? LINE_OK : LINE_UNTERMINATED;
}

/*
 * The next line of a table the kernel writes whole (zoneinfo, buddyinfo,
 * meminfo, sysctl -a): lines that are not whole are skipped.
 */
static bool next_table_line(FILE *f, char *buf, size_t size)
{
	int r;

	while ((r = read_line(f, buf, size)) != LINE_EOF)
		if (r == LINE_OK)
			return true;
	return false;
}

static void report(const struct proc_ctx *c, const char *path,
		   const char *msg)
{
	if (c->diag)
		c->diag(path, 0, msg, c->data);
}

static void report_errno(const struct proc_ctx *c, const char *path, int err)
{
	char ebuf[128], msg[192];

	snprintf(msg, sizeof(msg), "cannot read: %s",
		 strerror_r(-err, ebuf, sizeof(ebuf)));
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
 * after the name.  Returns false when the line is not one.
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
	for (q = p; *q && !isspace((unsigned char)*q); q++)
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
	FILE *f;
	int err = open_file(c, "proc/zoneinfo", path, sizeof(path), &f);

	if (err) {
		report_errno(c, path, err);
		return err;
	}
	while (next_table_line(f, line, sizeof(line))) {
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
	fclose(f);

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
	FILE *f;
	int err = open_file(c, "proc/buddyinfo", path, sizeof(path), &f);

	if (err) {
		report_errno(c, path, err);
		return err;
	}
	while (next_table_line(f, line, sizeof(line))) {
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
	fclose(f);
	if (!nr_lines) {
		report(c, path, "no zones in it");
		return -EINVAL;
	}
	sys->have |= PF_SYS_BUDDYINFO;
	return 0;
}

static int read_meminfo(struct proc_ctx *c)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	FILE *f;
	int err = open_file(c, "proc/meminfo", path, sizeof(path), &f);

	if (err) {
		report_errno(c, path, err);
		return err;
	}
	while (next_table_line(f, line, sizeof(line))) {
		const char *p = line + 9;
		long v;

		if (strncmp(line, "MemTotal:", 9))
			continue;
		p = skip_blank(p);
		if (!scan_long(&p, "", &v) || v < 0)
			continue;
		p = skip_blank(p);
		if (*p && strcmp(p, "kB"))
			continue;
		c->sys->mem_total_kb = v;
		c->sys->have |= PF_SYS_MEMINFO;
		break;
	}
	fclose(f);
	if (!(c->sys->have & PF_SYS_MEMINFO)) {
		report(c, path, "no MemTotal in it");
		return -EINVAL;
	}
	return 0;
}

/* ---- small files: /proc/sys, /sys ------------------------------------ */

/* The first line of root/rel.  0, or -errno. */
static int read_first_line(const struct proc_ctx *c, const char *rel,
			   char *path, size_t path_size, char *buf, size_t size)
{
	FILE *f;
	int r, err = open_file(c, rel, path, path_size, &f);

	if (err)
		return err;
	r = read_line(f, buf, size);
	if (r == LINE_EOF && ferror(f))
		err = -EIO;
	fclose(f);
	if (err)
		return err;
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

static void set_lowmem_ratio(struct pf_system *sys, const char *s)
{
	long v[PF_MAX_ZONES];
	int n = parse_list(s, v, PF_MAX_ZONES);

	if (n < 0)
		return;
	sys->nr_lowmem_reserve_ratio = n;
	memcpy(sys->lowmem_reserve_ratio, v, (size_t)n * sizeof(v[0]));
	sys->have |= PF_SYS_SYSCTL;
}

/* root/proc/sys/vm/...; returns the error of min_free_kbytes. */
static int read_vm_sysctls(struct proc_ctx *c, char *mfk_path, size_t size)
{
	char path[PATH_MAX], rel[64], buf[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	int mfk_err = 0;

	for (int i = 0; i < PF_VM_NR; i++) {
		long v;
		int err;

		snprintf(rel, sizeof(rel), "proc/sys/vm/%s", vm_names[i] + 3);
		err = read_first_line(c, rel, path, sizeof(path), buf,
				      sizeof(buf));
		if (!err && !parse_value(buf, &v))
			err = -EINVAL;
		if (!err) {
			sys->vm[i] = v;
			sys->have |= PF_SYS_SYSCTL;
		}
		if (i == PF_VM_MIN_FREE_KBYTES) {
			mfk_err = err;
			pf_strlcpy(mfk_path, size, path);
		}
	}
	if (!read_first_line(c, "proc/sys/vm/lowmem_reserve_ratio", path,
			     sizeof(path), buf, sizeof(buf)))
		set_lowmem_ratio(sys, buf);
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
	FILE *f;

	if (open_file(c, "sos_commands/kernel/sysctl_-a", path, sizeof(path),
		      &f))
		return;
	while (next_table_line(f, line, sizeof(line))) {
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
	fclose(f);
}

/* The kernel from uname -a, as a sosreport keeps it. */
static void read_uname(struct proc_ctx *c)
{
	static const char *const rels[] = {
		"sos_commands/kernel/uname_-a", "uname",
	};
	char path[PATH_MAX], buf[PROC_LINE_MAX];

	for (size_t i = 0; i < ARRAY_SIZE(rels); i++)
		if (!read_first_line(c, rels[i], path, sizeof(path), buf,
				     sizeof(buf)) &&
		    kernel_of_uname(c->sys, buf))
			return;
}

/* node[0-9]+ directories under sys/devices/system/node; -1 when none. */
static int count_nodes(const struct proc_ctx *c)
{
	char path[PATH_MAX], sub[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int n = 0;

	if (join_path(path, sizeof(path), c->root, "sys/devices/system/node"))
		return -1;
	d = opendir(path);
	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL) {
		const char *p = de->d_name + 4;
		struct stat st;

		if (strncmp(de->d_name, "node", 4) || !*p)
			continue;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p)
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
static int count_cpuinfo(const struct proc_ctx *c)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	FILE *f;
	int n = 0;

	if (open_file(c, "proc/cpuinfo", path, sizeof(path), &f))
		return -1;
	/* a "flags" line may not fit: only whole "processor" lines count */
	while (next_table_line(f, line, sizeof(line)))
		if (!strncmp(line, "processor", 9) &&
		    (line[9] == ' ' || line[9] == '\t' || line[9] == ':'))
			n++;
	fclose(f);
	return n ? n : -1;
}

static void read_topology(struct proc_ctx *c)
{
	char path[PATH_MAX], buf[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	int n = count_nodes(c);

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
	if (!read_first_line(c, "sys/devices/system/cpu/online", path,
			     sizeof(path), buf, sizeof(buf)))
		n = count_cpu_list(buf);
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
	if (join_path(path, sizeof(path), c.root, "proc/sys/kernel/osrelease"))
		return -ENAMETOOLONG;

	read_zoneinfo(&c);
	read_buddyinfo(&c);
	read_meminfo(&c);

	os_err = read_first_line(&c, "proc/sys/kernel/osrelease", path,
				 sizeof(path), buf, sizeof(buf));
	if (!os_err && !set_kernel(sys, skip_blank(buf)))
		os_err = -EINVAL;
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
