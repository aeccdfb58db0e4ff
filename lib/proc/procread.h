/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * procread.h - the private interface of pf_system_read()'s readers, split
 * by mechanism: procfs.c (the entry point, meminfo, vmstat), procfile.c
 * (the files, and what is said of them), procnum.c (the one number
 * reader), zoneinfo.c (zoneinfo, buddyinfo, the zone table), pagetypeinfo.c
 * (pagetypeinfo, the debugfs extfrag files), procsys.c (the vm sysctls,
 * the kernel release), topology.c (nodes, cpus).  One struct proc_ctx
 * holds one read.  Private to lib/ (libpagefail is a static library that
 * is not installed); procfs.h is the part shared with snapshot.c.
 */
#ifndef PF_PROCREAD_H
#define PF_PROCREAD_H

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "libpagefail.h"
#include "proc/procfs.h"

#define PROC_LINE_MAX 4096

/* What read_line() found. */
enum {
	LINE_EOF = -1,
	LINE_OK = 0,
	LINE_CUT,	   /* too long, or a NUL inside: unusable */
	LINE_UNTERMINATED, /* the last line, without its newline */
};

/*
 * The numbers of one file that are not ones a kernel prints: the first in
 * words, and how many.  Said once per file, when everything is read.
 */
struct proc_bad {
	int nr;
	unsigned long line; /* of the first; 0 for a file of one value */
	char what[224];
};

/* One pf_system_read() call. */
struct proc_ctx {
	const char *root;
	struct pf_system *sys;
	pf_diag_fn diag;
	void *data;
	long nr_free_pages[PF_ZONES_MAX]; /* zoneinfo's vmstat item */
	/* per zone: the line of its zoneinfo head (0: none), its fields */
	unsigned long zi_line[PF_ZONES_MAX];
	unsigned int zi_fields[PF_ZONES_MAX];
	/* per zone: a pagetypeinfo row of it was not whole */
	bool pt_bad[PF_ZONES_MAX];
	bool mfk_said; /* sysctl -a's min_free_kbytes was bad, said */
	/* the orders of each debugfs file, per zone */
	int nr_unusable[PF_ZONES_MAX];
	int nr_extfrag[PF_ZONES_MAX];
	struct proc_bad bad[PF_FILE_NR];
};

/*
 * A file of the root, read whole into memory: through pf_read_file(), so
 * that every file of the tree has the one size bound (PF_PROC_FILE_MAX)
 * and the one check that it is a regular file, not a FIFO or a symlink to
 * /dev/zero (a --root tree is untrusted input).
 */
struct proc_file {
	char *buf;
	size_t len, pos;
	unsigned long line; /* of the line read last, from 1 */
};

/* procnum.c: the one number reader, and the range of each kind of field */

/* What a kernel can print in a field: see procnum.c. */
struct num_range {
	long long min, max;
	int frac; /* digits after the point: 3 for the extfrag indices */
};

extern const struct num_range r_pages, r_kb, r_node, r_order, r_counter,
	r_unusable, r_extfrag, r_cpu, r_ratio;
extern const struct num_range vm_ranges[PF_VM_NR];

/* What proc_num() found. */
enum {
	NUM_OK = 0,
	NUM_NONE,  /* no number where one should be */
	NUM_JUNK,  /* something else: "NaN", "12x", "0.5" for an index */
	NUM_RANGE, /* a number out of the field's range */
};

/* The blanks at p skipped.  Inline, as every reader calls it on every field. */
static inline const char *skip_blank(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Does a field end at p: white space, the end, or one of stops? */
static inline bool at_end(const char *p, const char *stops)
{
	return !*p || isspace((unsigned char)*p) || strchr(stops, *p);
}

/* At *p a number of r, ending at white space, the end or one of stops. */
int proc_num(const char **p, const char *stops, const struct num_range *r,
	     long long *v);
/* The whole string is one number (white space around it allowed). */
int proc_value(const char *s, const struct num_range *r, long long *v,
	       const char **tok, size_t *len);
/* A number of r in words: "1000", "-1.000". */
const char *num_words(char *buf, size_t size, long long v,
		      const struct num_range *r);

/* procfile.c: the files, and what is said of them */

/* Read pf_proc_files[id] under the root; path gets its name.  0 or -errno. */
int open_id(const struct proc_ctx *c, int id, char *path, size_t size,
	    struct proc_file *f);
/* open_id() of a file the reading needs: why it cannot be read is said. */
int open_needed(const struct proc_ctx *c, int id, char *path, size_t size,
		struct proc_file *f);
void close_file(struct proc_file *f);
/* One line of f into buf: LINE_OK, LINE_CUT, LINE_UNTERMINATED, LINE_EOF. */
int read_line(struct proc_file *f, char *buf, size_t size);
/* The next whole line of a table the kernel writes whole. */
bool next_table_line(struct proc_file *f, char *buf, size_t size);
/* The first line of root/rel.  0, -errno, or -EINVAL when it is not whole. */
int read_first_line(const struct proc_ctx *c, const char *rel, char *path,
		    size_t path_size, char *buf, size_t size);
/* What came of looking for pf_proc_files[id]: sys->sources[]; err. */
int note(struct proc_ctx *c, int id, int err);
void report(const struct proc_ctx *c, const char *path, const char *msg);
void report_errno(const struct proc_ctx *c, const char *path, int err);
/* A value of file id that is not one a kernel prints: said by say_bad(). */
void bad_add(struct proc_ctx *c, int id, unsigned long line, const char *fmt,
	     ...) __attribute__((format(printf, 4, 5)));
/* A number proc_num() did not take (how), in words, to bad_add(). */
void bad_num(struct proc_ctx *c, int id, unsigned long line, const char *field,
	     int how, const char *tok, size_t len, const struct num_range *r);
/* Say what was wrong in each file: one line a file. */
void say_bad(const struct proc_ctx *c);

/* zoneinfo.c: the zones, zoneinfo, buddyinfo, the tables of orders */

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

/* "Node 0, zone   Normal" at the start of s: 1, 0 (not one), -1 (said). */
int parse_zone_head(struct proc_ctx *c, int id, unsigned long line,
		    const char *s, int *node, char *name, size_t name_size,
		    const char **rest);
/* A line of a table that is not a zone's row: damage, said. */
void bad_row(struct proc_ctx *c, int id, unsigned long line, const char *s);
/* The head of a row of a table whose every line is a zone's. */
bool table_row_head(struct proc_ctx *c, int id, unsigned long line,
		    const char *s, int *node, char *name, size_t name_size,
		    const char **rest);
/* The zone (node, name), or -1 when there is none. */
int zone_find(const struct proc_ctx *c, int node, const char *name);
/* The zone (node, name), added when new; -1 when the table is full. */
int zone_index(struct proc_ctx *c, int node, const char *name);
/* The zones with memory that a table has no row for, said. */
void rows_missing(struct proc_ctx *c, int id, const bool *seen);
/* The counts of a row of orders, or false when one is not a count (said). */
bool order_counts(struct proc_ctx *c, int id, unsigned long line, int node,
		  const char *zone, const char *p, const char *what,
		  unsigned long *out, bool *capped, int *nr);
/* The rows of an order table with another count than the usual one. */
int odd_rows(struct proc_ctx *c, int id, const struct order_row *rows, int nr,
	     const char *what, bool *odd);

/* A table of a row of orders per zone (buddyinfo, an extfrag file). */
struct zone_table {
	struct order_row rows[PF_ZONES_MAX];
	bool odd[PF_ZONES_MAX];	 /* rows[i]: another count, said */
	bool seen[PF_ZONES_MAX]; /* zone i has a row */
	int nr;
};
/*
 * The end of t, read from path: its odd rows (t->odd) and the zones
 * with memory it has no row for, said (what: "counts", "indices"); 0, or
 * -EINVAL when it has no row at all.
 */
int zone_table_end(struct proc_ctx *c, int id, const char *path,
		   struct zone_table *t, const char *what);
int read_zoneinfo(struct proc_ctx *c);
int read_buddyinfo(struct proc_ctx *c);

/* pagetypeinfo.c: the optional tables per migratetype and per index */

int read_pagetypeinfo(struct proc_ctx *c);
/* unusable_index and extfrag_index into debug_extfrag[], each noted. */
void read_extfrag(struct proc_ctx *c);

/* procsys.c: the settings and the kernel release */

bool set_kernel(struct pf_system *sys, const char *release);
/* root/proc/sys/vm/...; returns the error of min_free_kbytes. */
int read_vm_sysctls(struct proc_ctx *c, char *mfk_path, size_t size);
/* A sosreport's sysctl -a, for what proc/sys did not give. */
void read_sysctl_a(struct proc_ctx *c);
/* The kernel from uname -a, as a sosreport keeps it. */
void read_uname(struct proc_ctx *c);

/* topology.c: nodes and cpus */

void read_topology(struct proc_ctx *c);

#endif /* PF_PROCREAD_H */
