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
 *
 * Every number goes through one reader, proc_num(), with the range a kernel
 * can print in that field (named per field below).  What is not such a
 * number (out of range, negative, junk, empty), a field zoneinfo prints for
 * every zone that a block lacks, and a row of a table with fewer orders
 * than the others, leave the value unknown (-1, or the zone's row dropped):
 * never a wrapped or clamped number shown as if the kernel had said it.
 * Each file with such damage is said once through diag, when all is read:
 * "line N: what; read as unknown (and M more)".
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
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

/*
 * The numbers of one file that are not ones a kernel prints: the first in
 * words, and how many.  Said once per file, when everything is read.
 */
struct proc_bad {
	int nr;
	unsigned long line;	/* of the first; 0 for a file of one value */
	char what[224];
};

/* Bits of proc_ctx.zi_fields: the fields of a zone block zoneinfo printed. */
enum {
	ZF_FREE = 0x01,		/* "pages free" */
	ZF_MIN = 0x02,
	ZF_LOW = 0x04,
	ZF_HIGH = 0x08,
	ZF_PRESENT = 0x10,
	ZF_MANAGED = 0x20,	/* 3.10+ */
	ZF_BOOST = 0x40,	/* 6.1+ */
	ZF_PROTECTION = 0x80,
	ZF_NR_FREE = 0x100,	/* the vmstat item nr_free_pages */
};

/* One pf_system_read() call. */
struct proc_ctx {
	const char *root;
	struct pf_system *sys;
	pf_diag_fn diag;
	void *data;
	long nr_free_pages[PF_ZONES_MAX];	/* zoneinfo's vmstat item */
	/* per zone: the line of its zoneinfo head (0: none), its fields */
	unsigned long zi_line[PF_ZONES_MAX];
	unsigned int zi_fields[PF_ZONES_MAX];
	/* per zone: a pagetypeinfo row of it was not whole */
	bool pt_bad[PF_ZONES_MAX];
	bool mfk_said;		/* sysctl -a's min_free_kbytes was bad, said */
	/* the orders of each debugfs file, per zone */
	int nr_unusable[PF_ZONES_MAX];
	int nr_extfrag[PF_ZONES_MAX];
	struct proc_bad bad[PF_FILE_NR];
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
	unsigned long line;	/* of the line read last, from 1 */
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
	f->line++;
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

/*
 * What a kernel can print in each kind of field, for the one number reader
 * below.  A number outside is damage (a cut or edited copy, a bad disk, a
 * test), never a value: the field is read as unknown, and said.
 *
 * Memory: no machine holds more than 2^52 bytes, the bound lib/meminfo.c
 * puts on a Mem-Info for the same reason: MAX_PHYSMEM_BITS is at most 52
 * on every architecture (x86-64 with 5-level paging, arm64 with 52-bit
 * physical addresses).  That is 2^42 KiB, and 2^40 pages of 4 KiB, the
 * smallest page of any architecture (PAGE_SHIFT is 12 or more); a count of
 * free blocks is no larger than the pages they hold.  zoneinfo_show_print(),
 * frag_show_print() and pagetypeinfo_show*() of mm/vmstat.c print these
 * counts with %lu in every era from 2.6.18 to 6.13, so a sign is damage
 * too; the one %ld, zoneinfo's protection (4.4+), is a lowmem_reserve[]
 * that setup_per_zone_lowmem_reserve() divides out of page counts: never
 * negative.
 */
struct num_range {
	long long min, max;
	int frac;	/* digits after the point: 3 for the extfrag indices */
};

static const struct num_range r_pages = { 0, 1LL << 40, 0 };
static const struct num_range r_kb = { 0, 1LL << 42, 0 };
/* a node id: below MAX_NUMNODES, 1 << NODES_SHIFT, which is 10 at most */
static const struct num_range r_node = { 0, 1023, 0 };
/*
 * "Page block order": pageblock_order is at most MAX_PAGE_ORDER
 * (include/linux/pageblock-flags.h, 2.6.24-6.13), below PF_MAX_ORDER.
 */
static const struct num_range r_order = { 0, PF_MAX_ORDER - 1, 0 };
/*
 * /proc/vmstat: vmstat_show() prints unsigned longs, page counts (node and
 * zone items, which the kernel keeps at 0 or more) and free-running event
 * counters alike, and pagefail reads them by name only.  An event counter
 * growing by 10^9 a second takes 292 years to pass 2^63: past that, the
 * number is damage, not a count.
 */
static const struct num_range r_counter = { 0, LLONG_MAX, 0 };
/*
 * debugfs extfrag (2.6.35+), in thousandths: unusable_free_index() gives
 * 0..1000; __fragmentation_index() gives -1000 when a suitable block is
 * free, 0..1000 otherwise, and -500..-1 for a zone whose one free block
 * is too small (1000 minus an unsigned quotient above 1000 wraps to a
 * negative int).
 */
static const struct num_range r_unusable = { 0, 1000, 3 };
static const struct num_range r_extfrag = { -1000, 1000, 3 };
/* a cpu number of a cpu list: far past any NR_CPUS (8192 on x86) */
static const struct num_range r_cpu = { 0, (1 << 22) - 1, 0 };

/*
 * The vm sysctls, as their handlers take them (kernel/sysctl.c up to 6.1,
 * then mm/page_alloc.c, mm/compaction.c): all ints.  min_free_kbytes and
 * zone_reclaim_mode name a minimum of 0 in every era; before 5.x their
 * handlers called proc_dointvec, which does not look at it, but a negative
 * min_free_kbytes turns into a huge pages_min in setup_per_zone_wmarks()
 * and a negative zone_reclaim_mode sets every RECLAIM_* bit: no setting.
 * zone_reclaim_mode holds a bit mask, of which RECLAIM_ZONE, RECLAIM_WRITE
 * and RECLAIM_UNMAP (RECLAIM_SWAP before 4.x) mean something, but any
 * other bit is taken and printed back.
 */
static const struct num_range vm_ranges[PF_VM_NR] = {
	[PF_VM_MIN_FREE_KBYTES]		 = { 0, INT_MAX, 0 },
	/* 1..1000 when it came (4.6), 1..3000 in 6.13 */
	[PF_VM_WATERMARK_SCALE_FACTOR]	 = { 1, 3000, 0 },
	/* 5.0+: a minimum of 0, no maximum */
	[PF_VM_WATERMARK_BOOST_FACTOR]	 = { 0, INT_MAX, 0 },
	[PF_VM_ZONE_RECLAIM_MODE]	 = { 0, INT_MAX, 0 },
	/* 2.6.35+: min_extfrag_threshold 0, max_extfrag_threshold 1000 */
	[PF_VM_EXTFRAG_THRESHOLD]	 = { 0, 1000, 0 },
	/* 5.9+: 0..100 */
	[PF_VM_COMPACTION_PROACTIVENESS] = { 0, 100, 0 },
	/* RHEL 6 and 7: min_free_kbytes_sysctl_handler, a minimum of 0 */
	[PF_VM_EXTRA_FREE_KBYTES]	 = { 0, INT_MAX, 0 },
};

/*
 * lowmem_reserve_ratio: ints without a minimum, but a ratio below 1 is
 * never in effect: setup_per_zone_lowmem_reserve() raises it to 1 (2.6.32,
 * 3.10), lowmem_reserve_ratio_sysctl_handler() sets it to 0 (4.18+, 6.13).
 */
static const struct num_range r_ratio = { 0, INT_MAX, 0 };

/* What proc_num() found. */
enum {
	NUM_OK = 0,
	NUM_NONE,	/* no number where one should be */
	NUM_JUNK,	/* something else: "NaN", "12x", "0.5" for an index */
	NUM_RANGE,	/* a number out of the field's range */
};

static const char *skip_blank(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Does a field end at p: white space, the end, or one of stops? */
static bool at_end(const char *p, const char *stops)
{
	return !*p || isspace((unsigned char)*p) || strchr(stops, *p);
}

/* Decimal digits at *p into *x; *big once they pass what it holds. */
static void take_digits(const char **p, unsigned long long *x, bool *big)
{
	const char *q = *p;

	for (; isdigit((unsigned char)*q); q++) {
		if (*x > (ULLONG_MAX - 9) / 10)
			*big = true;	/* stop counting: never overflow */
		else
			*x = *x * 10 + (unsigned long long)(*q - '0');
	}
	*p = q;
}

/*
 * The point and the 3 digits of "%d.%03d", as unusable_show_print() and
 * extfrag_show_print() print index / 1000 and index % 1000 ("%2d.%03d"
 * from 6.1).  An index from -999 to -1 prints as "0.-500": C's / gives 0
 * and % gives -500, which "%03d" pads to three characters with its sign
 * ("-62", "-07").  *x becomes thousandths, *neg the sign.
 */
static bool take_fraction(const char **p, unsigned long long *x, bool *neg,
			  bool *big)
{
	const char *q = *p, *digits;
	unsigned long long f = 0;
	bool fneg = false;

	if (*q++ != '.')
		return false;
	if (*q == '-' && !*x && !*neg) {
		fneg = true;
		q++;
	}
	digits = q;
	take_digits(&q, &f, big);
	if (q - digits != 3 && !(fneg && q - digits == 2))
		return false;
	if (*x > (unsigned long long)LLONG_MAX / 1000)
		*big = true;
	else
		*x = *x * 1000 + f;
	*neg |= fneg;
	*p = q;
	return true;
}

/*
 * The one number reader of this file.  At *p: a decimal, optionally
 * signed (and for r->frac, a point and that many digits), that ends at
 * white space, the end of the string or one of stops.  *v gets it, in
 * units of 10^-frac, when it is within r.  A number too long for a long
 * long is out of range, never wrapped.  *p goes past what was looked at in
 * every case but NUM_NONE (to the end of the word for NUM_JUNK), so that
 * the fields after a bad one are still read.
 */
static int proc_num(const char **p, const char *stops,
		    const struct num_range *r, long long *v)
{
	const char *q = *p, *digits;
	unsigned long long x = 0;
	bool neg = false, big = false, ok;
	long long val;

	if (at_end(q, stops))
		return NUM_NONE;
	if (*q == '-') {
		neg = true;
		q++;
	}
	digits = q;
	take_digits(&q, &x, &big);
	ok = q > digits;
	if (ok && r->frac)
		ok = take_fraction(&q, &x, &neg, &big);
	if (!ok || !at_end(q, stops)) {
		while (!at_end(q, stops))
			q++;
		*p = q;
		return NUM_JUNK;
	}
	*p = q;
	if (big || x > (unsigned long long)LLONG_MAX)
		return NUM_RANGE;
	val = neg ? -(long long)x : (long long)x;
	if (val < r->min || val > r->max)
		return NUM_RANGE;
	*v = val;
	return NUM_OK;
}

/* The whole string is one number (white space around it allowed). */
static int proc_value(const char *s, const struct num_range *r, long long *v,
		      const char **tok, size_t *len)
{
	const char *p = skip_blank(s);
	int how;

	*tok = p;
	how = proc_num(&p, "", r, v);
	*len = (size_t)(p - *tok);
	if (how == NUM_OK && *skip_blank(p)) {
		/* "5 6": words after the number */
		*len = strlen(*tok);
		return NUM_JUNK;
	}
	return how;
}

/* ---- what is wrong, once per file -------------------------------------- */

__attribute__((format(printf, 4, 5)))
static void bad_add(struct proc_ctx *c, int id, unsigned long line,
		    const char *fmt, ...)
{
	struct proc_bad *b = &c->bad[id];
	va_list ap;

	if (b->nr++)
		return;
	b->line = line;
	va_start(ap, fmt);
	vsnprintf(b->what, sizeof(b->what), fmt, ap);
	va_end(ap);
}

/* A number of r in words: "1000", "-1.000". */
static const char *num_words(char *buf, size_t size, long long v,
			     const struct num_range *r)
{
	if (!r->frac)
		snprintf(buf, size, "%lld", v);
	else
		snprintf(buf, size, "%s%lld.%03lld", v < 0 ? "-" : "",
			 llabs(v) / 1000, llabs(v) % 1000);
	return buf;
}

/*
 * A number proc_num() did not take, as the file's message says it:
 * "FIELD: 'NaN' is not a number", "FIELD: 18446744073709551616 is out of
 * range (0..1099511627776)", "FIELD: no value".  field is "" in a file of
 * one value, whose path says what it is.
 */
static void bad_num(struct proc_ctx *c, int id, unsigned long line,
		    const char *field, int how, const char *tok, size_t len,
		    const struct num_range *r)
{
	const char *sep = *field ? ": " : "";
	char q[40], lo[32], hi[32];

	pf_quote(q, sizeof(q), tok, len, 24);
	if (how == NUM_NONE)
		bad_add(c, id, line, "%s%sno value", field, sep);
	else if (how == NUM_JUNK && r->frac)
		bad_add(c, id, line, "%s%s'%s' is not an index as the kernel "
			"prints one (0.523)", field, sep, q);
	else if (how == NUM_JUNK)
		bad_add(c, id, line, "%s%s'%s' is not a number", field, sep, q);
	else
		bad_add(c, id, line, "%s%s%s is out of range (%s..%s)", field,
			sep, q, num_words(lo, sizeof(lo), r->min, r),
			num_words(hi, sizeof(hi), r->max, r));
}

/* Say what was wrong in each file: one line a file. */
static void say_bad(const struct proc_ctx *c)
{
	for (int id = 0; id < PF_FILE_NR; id++) {
		const struct proc_bad *b = &c->bad[id];
		char path[PATH_MAX], msg[384], at[32] = "", more[40] = "";

		if (!b->nr || !c->diag ||
		    join_path(path, sizeof(path), c->root,
			      pf_proc_files[id].path))
			continue;
		if (b->line)
			snprintf(at, sizeof(at), "line %lu: ", b->line);
		if (b->nr > 1)
			snprintf(more, sizeof(more), " (and %d more)",
				 b->nr - 1);
		snprintf(msg, sizeof(msg), "%s%s; read as unknown%s", at,
			 b->what, more);
		c->diag(path, b->line, msg, c->data);
	}
}

/*
 * The rows of one table of orders (buddyinfo, the free counts of
 * pagetypeinfo, an extfrag file): the kernel prints NR_PAGE_ORDERS numbers
 * on the row of every zone (frag_show_print(), unusable_show_print(), ...),
 * so a row with fewer than the others has lost some, and which ones is
 * not known.  The count most rows have is the file's (the larger on a tie).
 */
struct order_row {
	int idx, type, n;
	unsigned long line;
};

static int usual_count(const struct order_row *rows, int nr)
{
	int best = -1, best_rows = 0;

	for (int i = 0; i < nr; i++) {
		int k = 0;

		for (int j = 0; j < nr; j++)
			k += rows[j].n == rows[i].n;
		if (k > best_rows || (k == best_rows && rows[i].n > best)) {
			best = rows[i].n;
			best_rows = k;
		}
	}
	return best;
}

/* ---- zones ---------------------------------------------------------- */

/*
 * "Node 0, zone   Normal" at the start of s: the node and name, *rest
 * after the name (which ends at white space or at the ',' of
 * pagetypeinfo's ", type").  Returns 1, 0 when the line is not one, or -1
 * when its node is not a number a kernel prints (said as a bad field of
 * file id, at line).
 */
static int parse_zone_head(struct proc_ctx *c, int id, unsigned long line,
			   const char *s, int *node, char *name,
			   size_t name_size, const char **rest)
{
	const char *p = s, *q, *tok;
	long long n;
	int how;

	if (strncmp(p, "Node", 4) || (p[4] != ' ' && p[4] != '\t'))
		return 0;
	p = skip_blank(p + 4);
	tok = p;
	how = proc_num(&p, ",", &r_node, &n);
	if (how == NUM_NONE || *p != ',')
		return 0;
	if (how) {
		bad_num(c, id, line, "the node of a zone", how, tok,
			(size_t)(p - tok), &r_node);
		return -1;
	}
	p = skip_blank(p + 1);
	if (strncmp(p, "zone", 4) || (p[4] != ' ' && p[4] != '\t'))
		return 0;
	p = skip_blank(p + 4);
	for (q = p; *q && !isspace((unsigned char)*q) && *q != ','; q++)
		if (!isprint((unsigned char)*q))
			return 0;
	if (q == p || (size_t)(q - p) >= name_size)
		return 0;
	*node = (int)n;
	pf_strlcpyn(name, name_size, p, (size_t)(q - p));
	*rest = q;
	return 1;
}

/* A line of a table that is not a zone's row: damage, said. */
static void bad_row(struct proc_ctx *c, int id, unsigned long line,
		    const char *s)
{
	char q[40];

	bad_add(c, id, line, "'%s' is not a zone's row",
		pf_quote(q, sizeof(q), s, strlen(s), 24));
}

/*
 * The head of a row of a table whose every line is a zone's (buddyinfo,
 * the debugfs files): true, or false after saying what the line is not.
 */
static bool table_row_head(struct proc_ctx *c, int id, unsigned long line,
			   const char *s, int *node, char *name,
			   size_t name_size, const char **rest)
{
	int r = parse_zone_head(c, id, line, s, node, name, name_size, rest);

	if (!r && *skip_blank(s))
		bad_row(c, id, line, s);
	return r > 0;
}

/* The zone (node, name), or -1 when there is none. */
static int zone_find(const struct proc_ctx *c, int node, const char *name)
{
	for (int i = 0; i < c->sys->nr_zones; i++)
		if (c->sys->zones[i].node == node &&
		    !strcmp(c->sys->zones[i].name, name))
			return i;
	return -1;
}

/* The zone (node, name), added when new; -1 when the table is full. */
static int zone_index(struct proc_ctx *c, int node, const char *name)
{
	struct pf_system *sys = c->sys;
	struct pf_zone *z;
	int i = zone_find(c, node, name);

	if (i >= 0)
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

/*
 * The zones with memory that a table has no row for: walk_zones_in_node()
 * gives frag_show_print(), pagetypeinfo_showfree_print() and the debugfs
 * files every populated zone (2.6.18-6.13), which zoneinfo says are those
 * with present pages.
 */
static void rows_missing(struct proc_ctx *c, int id, const bool *seen)
{
	for (int i = 0; i < c->sys->nr_zones; i++) {
		const struct pf_zone *z = &c->sys->zones[i];

		if (seen[i] || !c->zi_line[i] || z->present <= 0)
			continue;
		bad_add(c, id, 0, "Node %d, zone %s: no row, which the kernel "
			"prints for every zone with memory", z->node, z->name);
	}
}

/* "Node 0, zone Normal, min" for a message about a field of zone idx. */
static const char *zone_field_name(const struct proc_ctx *c, int idx,
				   const char *field, char *buf, size_t size)
{
	const struct pf_zone *z = &c->sys->zones[idx];

	snprintf(buf, size, "Node %d, zone %s%s%s", z->node, z->name,
		 *field ? ", " : "", field);
	return buf;
}

/*
 * "protection: (0, 3018, 5578)" after the key: lowmem_reserve[].  Any
 * entry that is not a page count makes the whole of it unknown.
 */
static void parse_protection(struct proc_ctx *c, int idx, unsigned long line,
			     const char *p)
{
	struct pf_zone *z = &c->sys->zones[idx];
	const char *start = p = skip_blank(p);
	long v[PF_MAX_ZONES];
	char field[64];
	int n = 0;

	if (*p++ != '(')
		goto junk;
	p = skip_blank(p);
	if (*p != ')') {
		for (;;) {
			const char *tok = p;
			long long x;
			int how = proc_num(&p, ",)", &r_pages, &x);

			if (how) {
				bad_num(c, PF_FILE_ZONEINFO, line,
					zone_field_name(c, idx, "protection",
							field, sizeof(field)),
					how, tok, (size_t)(p - tok), &r_pages);
				return;
			}
			if (n < PF_MAX_ZONES)
				v[n++] = (long)x;
			p = skip_blank(p);
			if (*p == ')')
				break;
			if (*p++ != ',')
				goto junk;
			p = skip_blank(p);
		}
	}
	if (*skip_blank(p + 1))
		goto junk;
	z->nr_lowmem_reserve = n;
	memcpy(z->lowmem_reserve, v, (size_t)n * sizeof(v[0]));
	return;
junk:
	bad_num(c, PF_FILE_ZONEINFO, line,
		zone_field_name(c, idx, "protection", field, sizeof(field)),
		NUM_JUNK, start, strlen(start), &r_pages);
}

/* One "name value" line of a zone block. */
static void zone_field(struct proc_ctx *c, int idx, unsigned long line,
		       const char *s)
{
	struct pf_zone *z = &c->sys->zones[idx];
	const struct {
		const char *name;
		long *val;
		unsigned int bit;
	} fields[] = {
		{ "min", &z->min, ZF_MIN },	{ "low", &z->low, ZF_LOW },
		{ "high", &z->high, ZF_HIGH },	{ "boost", &z->boost, ZF_BOOST },
		{ "present", &z->present, ZF_PRESENT },
		{ "managed", &z->managed, ZF_MANAGED },
		{ "nr_free_cma", &z->free_cma, 0 },
		{ "nr_free_pages", &c->nr_free_pages[idx], ZF_NR_FREE },
	};
	const char *p = s, *key = s, *name = NULL, *tok;
	long *val = NULL;
	unsigned int bit = 0;
	char field[64];
	size_t klen, len;
	long long v;
	int how;

	while (*p && !isspace((unsigned char)*p))
		p++;
	klen = (size_t)(p - key);
	p = skip_blank(p);

	if (klen == 11 && !memcmp(key, "protection:", 11)) {
		c->zi_fields[idx] |= ZF_PROTECTION;
		parse_protection(c, idx, line, p);
		return;
	}
	if (klen == 5 && !memcmp(key, "pages", 5)) {
		/* "pages free     3840" */
		if (strncmp(p, "free", 4) || !at_end(p + 4, ""))
			return;
		name = "pages free";
		val = &z->free;
		bit = ZF_FREE;
		p += 4;
	}
	for (size_t i = 0; !name && i < ARRAY_SIZE(fields); i++) {
		if (strlen(fields[i].name) == klen &&
		    !memcmp(fields[i].name, key, klen)) {
			name = fields[i].name;
			val = fields[i].val;
			bit = fields[i].bit;
		}
	}
	if (!name)
		return;		/* a field of another era, or not a number */
	c->zi_fields[idx] |= bit;
	how = proc_value(p, &r_pages, &v, &tok, &len);
	if (how == NUM_OK)
		*val = (long)v;
	else
		bad_num(c, PF_FILE_ZONEINFO, line,
			zone_field_name(c, idx, name, field, sizeof(field)),
			how, tok, len, &r_pages);
}

/* Leading blanks of s. */
static size_t indent_of(const char *s)
{
	return (size_t)(skip_blank(s) - s);
}

/*
 * The fields zoneinfo_show_print() prints for every zone, populated or
 * not, that a block lacks: "pages free", min, low, high, present and
 * protection in every era (2.6.18-6.13); managed from 3.10 and boost from
 * 6.1, which are missing only where another block of the same file has
 * them.  The file says its era better than osrelease here: a tree may mix
 * two machines (a proc/sys linked to the live one), or lack osrelease.
 * "pages free" is not missing where the block's nr_free_pages gave the
 * same counter.
 */
static void zoneinfo_missing(struct proc_ctx *c)
{
	static const struct {
		unsigned int bit;
		const char *name;
		bool every_era;
	} want[] = {
		{ ZF_FREE, "pages free", true },	{ ZF_BOOST, "boost", false },
		{ ZF_MIN, "min", true },		{ ZF_LOW, "low", true },
		{ ZF_HIGH, "high", true },		{ ZF_PRESENT, "present", true },
		{ ZF_MANAGED, "managed", false },
		{ ZF_PROTECTION, "protection", true },
	};
	const struct pf_system *sys = c->sys;
	unsigned int era = 0;

	for (int i = 0; i < sys->nr_zones; i++)
		era |= c->zi_fields[i];
	for (int i = 0; i < sys->nr_zones; i++) {
		unsigned int have = c->zi_fields[i];

		if (!c->zi_line[i])
			continue;
		if (have & ZF_NR_FREE)
			have |= ZF_FREE;
		for (size_t k = 0; k < ARRAY_SIZE(want); k++) {
			char field[64];

			if ((have & want[k].bit) ||
			    (!want[k].every_era && !(era & want[k].bit)))
				continue;
			bad_add(c, PF_FILE_ZONEINFO, c->zi_line[i],
				"%s: no %s line, which %s", zone_field_name(c, i,
				"", field, sizeof(field)), want[k].name,
				want[k].every_era ? "every kernel prints" :
				"the other zones have");
		}
	}
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
			if (parse_zone_head(c, PF_FILE_ZONEINFO, f.line, line,
					    &node, name, sizeof(name),
					    &rest) <= 0 || *skip_blank(rest))
				continue;
			idx = zone_index(c, node, name);
			if (idx >= 0 && !c->zi_line[idx])
				c->zi_line[idx] = f.line;
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
			zone_field(c, idx, f.line, p);
	}
	close_file(&f);

	for (int i = 0; i < sys->nr_zones; i++) {
		struct pf_zone *z = &sys->zones[i];

		/*
		 * A block without "pages free" still has the vmstat item the
		 * same counter prints (zone_page_state(NR_FREE_PAGES)); one
		 * whose "pages free" is not a number stays unknown.
		 */
		if (!(c->zi_fields[i] & ZF_FREE))
			z->free = c->nr_free_pages[i];
		/* before 3.10 no "managed": an empty zone manages nothing */
		if (z->present == 0 && z->managed < 0)
			z->managed = 0;
	}
	if (!nr_heads) {
		if (!c->bad[PF_FILE_ZONEINFO].nr)
			report(c, path, "no zones in it");
		return -EINVAL;
	}
	zoneinfo_missing(c);
	sys->have |= PF_SYS_ZONEINFO;
	return 0;
}

/*
 * "Node 0, zone   Normal   1895    540 ..." after the name: the counts,
 * or false when one is not a count (said).
 */
static bool order_counts(struct proc_ctx *c, int id, unsigned long line,
			 int node, const char *zone, const char *p,
			 const char *what, unsigned long *out, bool *capped,
			 int *nr)
{
	int n = 0;

	for (p = skip_blank(p); *p; p = skip_blank(p)) {
		const char *tok = p;
		bool cap = capped && *p == '>';	/* 6.x: ">100000" */
		long long x;
		int how;

		if (cap)
			p++;
		how = proc_num(&p, "", &r_pages, &x);
		if (how) {
			char field[96];

			snprintf(field, sizeof(field),
				 "Node %d, zone %s%s, order %d", node, zone,
				 what, n);
			bad_num(c, id, line, field, how, tok,
				(size_t)(p - tok), &r_pages);
			return false;
		}
		if (n < PF_MAX_ORDER) {
			out[n] = (unsigned long)x;
			if (capped)
				capped[n] = cap;
		}
		n++;
	}
	*nr = n;
	return true;
}

/* The rows of an order table with another count than the usual one. */
static int odd_rows(struct proc_ctx *c, int id, const struct order_row *rows,
		    int nr, const char *what, bool *odd)
{
	int want = usual_count(rows, nr), k = 0;

	for (int i = 0; i < nr; i++) {
		const struct pf_zone *z = &c->sys->zones[rows[i].idx];

		odd[i] = rows[i].n != want;
		if (!odd[i])
			continue;
		k++;
		if (rows[i].type < 0)
			bad_add(c, id, rows[i].line,
				"Node %d, zone %s: %d %s where the other zones "
				"have %d", z->node, z->name, rows[i].n, what,
				want);
		else
			bad_add(c, id, rows[i].line,
				"Node %d, zone %s, type %s: %d %s where the "
				"other rows have %d", z->node, z->name,
				c->sys->pagetype[rows[i].idx].type[rows[i].type],
				rows[i].n, what, want);
	}
	return k;
}

static int read_buddyinfo(struct proc_ctx *c)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	struct order_row rows[PF_ZONES_MAX];
	bool odd[PF_ZONES_MAX], seen[PF_ZONES_MAX] = { false };
	int nr_rows = 0;
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
		int node, n, idx;

		if (!table_row_head(c, PF_FILE_BUDDYINFO, f.line, line, &node,
				    name, sizeof(name), &p))
			continue;
		idx = zone_index(c, node, name);
		if (idx >= 0)
			seen[idx] = true;
		if (!order_counts(c, PF_FILE_BUDDYINFO, f.line, node, name, p,
				  "", nr_free, NULL, &n) ||
		    idx < 0 || nr_rows >= PF_ZONES_MAX)
			continue;
		sys->zones[idx].nr_orders = n < PF_MAX_ORDER ? n : PF_MAX_ORDER;
		memcpy(sys->zones[idx].nr_free, nr_free,
		       (size_t)sys->zones[idx].nr_orders * sizeof(nr_free[0]));
		rows[nr_rows++] = (struct order_row){ idx, -1, n, f.line };
	}
	close_file(&f);
	odd_rows(c, PF_FILE_BUDDYINFO, rows, nr_rows, "counts", odd);
	for (int i = 0; i < nr_rows; i++)
		if (odd[i])
			sys->zones[rows[i].idx].nr_orders = 0;
	rows_missing(c, PF_FILE_BUDDYINFO, seen);
	if (!nr_rows) {
		if (!c->bad[PF_FILE_BUDDYINFO].nr)
			report(c, path, "no zones in it");
		return -EINVAL;
	}
	sys->have |= PF_SYS_BUDDYINFO;
	return 0;
}

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
		return NUM_JUNK;	/* "123 MB": not the kernel's unit */
	}
	if (how == NUM_JUNK && !strcmp(*tok, "kB"))
		return NUM_NONE;	/* "MemTotal:   kB" */
	return how;
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
	static const char *const names[] = {
		"MemAvailable:", "MemFree:", "Buffers:", "Cached:",
	};
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
 * (the rest after the zone name): the counts go to pagetype[idx], and the
 * row to rows[] for the count check.  A row that is not whole makes the
 * zone's free counts by type unknown (they only mean something together).
 */
static bool pagetype_free_row(struct proc_ctx *c, unsigned long line,
			      int node, const char *zone, const char *p,
			      bool *had_free, struct order_row *rows,
			      int *nr_rows)
{
	unsigned long v[PF_MAX_ORDER];
	bool capped[PF_MAX_ORDER];
	char type[sizeof(c->sys->pagetype[0].type[0])], what[32];
	int n, idx, t;

	if (*p != ',')
		return false;
	p = skip_blank(p + 1);
	if (strncmp(p, "type", 4) || (p[4] != ' ' && p[4] != '\t'))
		return false;
	p += 4;
	if (!take_word(&p, type, sizeof(type)))
		return false;
	snprintf(what, sizeof(what), ", type %s", type);
	if (!order_counts(c, PF_FILE_PAGETYPEINFO, line, node, zone, p, what,
			  v, capped, &n)) {
		idx = zone_index(c, node, zone);
		if (idx >= 0)
			c->pt_bad[idx] = true;
		return true;
	}
	if (!n)
		return false;
	idx = zone_index(c, node, zone);
	if (idx < 0)
		return true;	/* a zone past the model: dropped */
	t = pagetype_index(&c->sys->pagetype[idx], type);
	if (t < 0)
		return true;
	if (n > PF_MAX_ORDER)
		n = PF_MAX_ORDER;
	memcpy(c->sys->pagetype[idx].nr_free[t], v, (size_t)n * sizeof(v[0]));
	memcpy(c->sys->pagetype[idx].capped[t], capped,
	       (size_t)n * sizeof(capped[0]));
	had_free[idx] = true;
	if (*nr_rows < PF_ZONES_MAX * PF_MT_MAX)
		rows[(*nr_rows)++] = (struct order_row){ idx, t, n, line };
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
static bool pagetype_block_row(struct proc_ctx *c, unsigned long line,
			       int node, const char *zone, const char *p,
			       char heads[][16], int nr_heads)
{
	long v[PF_MT_MAX];
	int n = 0, idx;

	for (p = skip_blank(p); *p; p = skip_blank(p)) {
		const char *tok = p;
		long long x;
		int how = proc_num(&p, "", &r_pages, &x);

		if (how) {
			char field[96];

			snprintf(field, sizeof(field),
				 "Node %d, zone %s, blocks of %s", node, zone,
				 n < nr_heads && heads[n][0] ? heads[n] : "?");
			bad_num(c, PF_FILE_PAGETYPEINFO, line, field, how, tok,
				(size_t)(p - tok), &r_pages);
			return true;	/* its counts stay unknown */
		}
		if (n < PF_MT_MAX)
			v[n] = (long)x;
		n++;
	}
	if (n != nr_heads) {
		bad_add(c, PF_FILE_PAGETYPEINFO, line,
			"Node %d, zone %s: %d block counts under %d types",
			node, zone, n, nr_heads);
		return true;
	}
	idx = zone_index(c, node, zone);
	if (idx < 0 || c->pt_bad[idx])
		return true;
	for (int k = 0; k < n && k < PF_MT_MAX; k++) {
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

/* The zones whose free counts by type were not whole: unknown, all of them. */
static void pagetype_forget(struct proc_ctx *c, bool *had_free)
{
	for (int i = 0; i < c->sys->nr_zones; i++) {
		struct pf_pagetype *pt = &c->sys->pagetype[i];

		if (!c->pt_bad[i])
			continue;
		memset(pt, 0, sizeof(*pt));
		for (int t = 0; t < PF_MT_MAX; t++)
			pt->nr_blocks[t] = -1;
		had_free[i] = false;
	}
}

static int read_pagetypeinfo(struct proc_ctx *c)
{
	enum { PT_HEAD, PT_FREE, PT_BLOCKS, PT_OTHER } section = PT_HEAD;
	char path[PATH_MAX], line[PROC_LINE_MAX];
	char heads[PF_MT_MAX][16];
	bool had_free[PF_ZONES_MAX] = { false };
	struct pf_system *sys = c->sys;
	struct order_row rows[PF_ZONES_MAX * PF_MT_MAX];
	bool odd[PF_ZONES_MAX * PF_MT_MAX], have_order = false;
	int nr_heads = -1, nr_rows = 0, nr_free_rows = 0;
	struct proc_file f;
	int err = open_id(c, PF_FILE_PAGETYPEINFO, path, sizeof(path), &f);

	if (err)
		return err;	/* optional: root only from 5.4 */
	while (next_table_line(&f, line, sizeof(line))) {
		char zone[sizeof(sys->zones[0].name)];
		const char *rest, *tok;
		size_t len;
		long long v;
		int node, how;

		/* pagetypeinfo_show() prints its head again for each node */
		if (!strncmp(line, "Page block order:", 17)) {
			section = PT_HEAD;
			have_order = true;
			how = proc_value(line + 17, &r_order, &v, &tok, &len);
			if (how == NUM_OK)
				sys->pageblock_order = (int)v;
			else
				bad_num(c, PF_FILE_PAGETYPEINFO, f.line,
					"Page block order", how, tok, len,
					&r_order);
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
		if (section != PT_FREE && section != PT_BLOCKS)
			continue;	/* the head, "Number of mixed blocks" */
		how = parse_zone_head(c, PF_FILE_PAGETYPEINFO, f.line, line,
				      &node, zone, sizeof(zone), &rest);
		if (how < 0)
			continue;
		if (how && section == PT_FREE &&
		    pagetype_free_row(c, f.line, node, zone, rest, had_free,
				      rows, &nr_free_rows))
			nr_rows++;
		else if (how && section == PT_BLOCKS && nr_heads > 0 &&
			 pagetype_block_row(c, f.line, node, zone, rest, heads,
					    nr_heads))
			nr_rows++;
		else if (*skip_blank(line))
			bad_row(c, PF_FILE_PAGETYPEINFO, f.line, line);
	}
	close_file(&f);
	odd_rows(c, PF_FILE_PAGETYPEINFO, rows, nr_free_rows, "counts", odd);
	for (int i = 0; i < nr_free_rows; i++)
		if (odd[i])
			c->pt_bad[rows[i].idx] = true;
	if (nr_free_rows) {
		bool seen[PF_ZONES_MAX] = { false };

		for (int i = 0; i < sys->nr_zones; i++)
			seen[i] = had_free[i] || c->pt_bad[i];
		rows_missing(c, PF_FILE_PAGETYPEINFO, seen);
	}
	pagetype_forget(c, had_free);
	if (!nr_rows) {
		if (!c->bad[PF_FILE_PAGETYPEINFO].nr)
			report(c, path, "no zones in it");
		return -EINVAL;
	}
	/* pagetypeinfo_show() prints it first, in every era (2.6.24+) */
	if (!have_order)
		bad_add(c, PF_FILE_PAGETYPEINFO, 0, "no 'Page block order' "
			"line, which every kernel prints");
	pagetype_letters(sys, had_free);
	sys->have |= PF_SYS_PAGETYPEINFO;
	return 0;
}

/* ---- debugfs extfrag ------------------------------------------------- */

/* unusable_index or extfrag_index into debug_extfrag[]. */
static int read_extfrag_file(struct proc_ctx *c, int id)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	bool unusable = id == PF_FILE_UNUSABLE_INDEX;
	const struct num_range *r = unusable ? &r_unusable : &r_extfrag;
	int *nr = unusable ? c->nr_unusable : c->nr_extfrag;
	struct order_row rows[PF_ZONES_MAX];
	bool odd[PF_ZONES_MAX], seen[PF_ZONES_MAX] = { false };
	int nr_rows = 0;
	struct proc_file f;
	int err = open_id(c, id, path, sizeof(path), &f);

	if (err)
		return err;	/* optional: debugfs is seldom mounted */
	while (next_table_line(&f, line, sizeof(line))) {
		char name[sizeof(sys->zones[0].name)];
		int v[PF_MAX_ORDER], node, n = 0, idx;
		bool bad = false;
		const char *p;

		if (!table_row_head(c, id, f.line, line, &node, name,
				    sizeof(name), &p))
			continue;
		idx = zone_find(c, node, name);
		if (idx >= 0)
			seen[idx] = true;
		for (p = skip_blank(p); *p && !bad; p = skip_blank(p)) {
			const char *tok = p;
			long long x;
			int how = proc_num(&p, "", r, &x);

			if (how) {
				char field[96];

				snprintf(field, sizeof(field),
					 "Node %d, zone %s, order %d", node,
					 name, n);
				bad_num(c, id, f.line, field, how, tok,
					(size_t)(p - tok), r);
				bad = true;
				continue;
			}
			if (n < PF_MAX_ORDER)
				v[n] = (int)x;
			n++;
		}
		if (bad || !n)
			continue;
		idx = zone_index(c, node, name);
		if (idx < 0 || nr_rows >= PF_ZONES_MAX)
			continue;
		if (n > PF_MAX_ORDER)
			n = PF_MAX_ORDER;
		memcpy(unusable ? sys->debug_extfrag[idx].unusable :
				  sys->debug_extfrag[idx].extfrag,
		       v, (size_t)n * sizeof(v[0]));
		nr[idx] = n;
		rows[nr_rows++] = (struct order_row){ idx, -1, n, f.line };
	}
	close_file(&f);
	odd_rows(c, id, rows, nr_rows, "indices", odd);
	for (int i = 0; i < nr_rows; i++)
		if (odd[i])
			nr[rows[i].idx] = 0;
	rows_missing(c, id, seen);
	if (!nr_rows) {
		if (!c->bad[id].nr)
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
			continue;	/* not a name, or none of the kernel's */
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

/* ---- small files: /proc/sys, /sys ------------------------------------ */

/*
 * The first line of root/rel.  0, -errno, or -EINVAL for a file without
 * one (empty) or whose first line is not whole (too long, a NUL in it).
 */
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

/*
 * White space separated ratios ("256\t256\t32\t0\t0"): NUM_OK, or why an
 * entry is not one (tok, len: which).
 */
static int parse_ratios(const char *s, long *out, int *nr, const char **tok,
			size_t *len)
{
	const char *p = skip_blank(s);
	int n = 0;

	*tok = p;
	*len = 0;
	if (!*p)
		return NUM_NONE;
	while (*p) {
		long long v;
		int how;

		*tok = p;
		how = proc_num(&p, "", &r_ratio, &v);
		if (how) {
			*len = (size_t)(p - *tok);
			return how;
		}
		if (n < PF_MAX_ZONES)
			out[n++] = (long)v;
		p = skip_blank(p);
	}
	*nr = n;
	return NUM_OK;
}

/* lowmem_reserve_ratio from file id (proc/sys, or sysctl -a at line). */
static bool set_lowmem_ratio(struct proc_ctx *c, int id, unsigned long line,
			     const char *s)
{
	struct pf_system *sys = c->sys;
	long v[PF_MAX_ZONES];
	const char *tok;
	size_t len;
	int n = 0, how = parse_ratios(s, v, &n, &tok, &len);

	if (how) {
		bad_num(c, id, line, id == PF_FILE_SYSCTL_A ?
			"vm.lowmem_reserve_ratio" : "", how, tok, len,
			&r_ratio);
		return false;
	}
	sys->nr_lowmem_reserve_ratio = n;
	memcpy(sys->lowmem_reserve_ratio, v, (size_t)n * sizeof(v[0]));
	sys->have |= PF_SYS_SYSCTL;
	return true;
}

/*
 * A file of one value, pf_proc_files[id], within r: 0 and *v, -errno when
 * it cannot be read (said by the caller, or not: most are optional), or
 * -EINVAL when its value is not one the kernel prints (said here).
 */
static int read_value_file(struct proc_ctx *c, int id,
			   const struct num_range *r, long long *v,
			   char *path, size_t path_size)
{
	char buf[PROC_LINE_MAX];
	const char *tok = "";
	size_t len = 0;
	struct proc_file f;
	int err = open_id(c, id, path, path_size, &f), how;

	if (err)
		return err;
	switch (read_line(&f, buf, sizeof(buf))) {
	case LINE_EOF:
		how = NUM_NONE;		/* an empty file */
		break;
	case LINE_CUT:
		how = NUM_JUNK;		/* too long, or a NUL in it */
		tok = f.buf;
		len = f.len;
		break;
	default:
		how = proc_value(buf, r, v, &tok, &len);
	}
	if (how)
		bad_num(c, id, 0, "", how, tok, len, r);
	close_file(&f);
	return how ? -EINVAL : 0;
}

/* root/proc/sys/vm/...; returns the error of min_free_kbytes. */
static int read_vm_sysctls(struct proc_ctx *c, char *mfk_path, size_t size)
{
	char path[PATH_MAX], buf[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	int err, mfk_err = 0;
	const char *rel;

	for (int i = 0; i < PF_VM_NR; i++) {
		long long v;

		err = read_value_file(c, PF_FILE_VM_FIRST + i, &vm_ranges[i],
				      &v, path, sizeof(path));
		if (!err) {
			sys->vm[i] = (long)v;
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
	if (err == -EINVAL) {
		/* empty, or not one line */
		bad_add(c, PF_FILE_LOWMEM_RESERVE_RATIO, 0, "no value");
	} else if (!err &&
		   !set_lowmem_ratio(c, PF_FILE_LOWMEM_RESERVE_RATIO, 0, buf)) {
		err = -EINVAL;
	}
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
		const char *tok;
		size_t len;
		long long v;
		int i, how;

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
				set_lowmem_ratio(c, PF_FILE_SYSCTL_A, f.line,
						 val);
			continue;
		}
		i = pf_vm_sysctl_of_name(line);
		if (i < 0 || strncmp(line, "vm.", 3) || sys->vm[i] >= 0)
			continue;
		how = proc_value(val, &vm_ranges[i], &v, &tok, &len);
		if (how) {
			bad_num(c, PF_FILE_SYSCTL_A, f.line, line, how, tok,
				len, &vm_ranges[i]);
			c->mfk_said |= i == PF_VM_MIN_FREE_KBYTES;
			continue;
		}
		sys->vm[i] = (long)v;
		sys->have |= PF_SYS_SYSCTL;
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
	long long n = 0;

	while (*p) {
		long long a, b;

		if (proc_num(&p, "-,", &r_cpu, &a))
			return -1;
		b = a;
		if (*p == '-') {
			p++;
			if (proc_num(&p, ",", &r_cpu, &b) || b < a)
				return -1;
		}
		n += b - a + 1;
		if (n > r_cpu.max + 1)
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
	struct proc_ctx ctx = {
		.root = root && *root ? root : "/",
		.sys = sys, .diag = diag, .data = data,
	}, *c = &ctx;
	char path[PATH_MAX], mfk_path[PATH_MAX], buf[PROC_LINE_MAX];
	int err, os_err, mfk_err;

	if (!sys)
		return -EINVAL;
	system_init(sys);
	if (join_path(path, sizeof(path), c->root,
		      pf_proc_files[PF_FILE_OSRELEASE].path))
		return -ENAMETOOLONG;

	/* the zone state, one file right after the other */
	note(c, PF_FILE_ZONEINFO, read_zoneinfo(c));
	note(c, PF_FILE_BUDDYINFO, read_buddyinfo(c));
	note(c, PF_FILE_PAGETYPEINFO, read_pagetypeinfo(c));
	read_extfrag(c);

	note(c, PF_FILE_MEMINFO, read_meminfo(c));
	note(c, PF_FILE_VMSTAT, read_vmstat(c));

	os_err = read_first_line(c, pf_proc_files[PF_FILE_OSRELEASE].path,
				 path, sizeof(path), buf, sizeof(buf));
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
