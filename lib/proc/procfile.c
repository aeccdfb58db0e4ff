// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * procfile.c - the files pf_system_read() reads: their list under a root
 * (pf_proc_files[], shared with pf_system_snapshot()), each read whole
 * through pf_read_file() and then line by line, and what is said of each:
 * its entry in sys->sources[], why it could not be read, and the numbers
 * in it that are not ones a kernel prints, said once per file when all is
 * read.  Apart from the readers (procfs.c, zoneinfo.c, pagetypeinfo.c,
 * procsys.c, topology.c) because every one of them reads through it: one
 * size bound and one regular-file check for every file of an untrusted
 * tree, one line buffer, one way of saying what was wrong.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libpagefail.h"
#include "proc/procfs.h"
#include "proc/procread.h"
#include "util/util.h"

const struct pf_proc_file pf_proc_files[PF_FILE_NR] = {
	[PF_FILE_ZONEINFO] = { "proc/zoneinfo", PF_FILE_ZONES },
	[PF_FILE_BUDDYINFO] = { "proc/buddyinfo", PF_FILE_ZONES },
	[PF_FILE_PAGETYPEINFO] = { "proc/pagetypeinfo", PF_FILE_ZONES },
	[PF_FILE_UNUSABLE_INDEX] = { "sys/kernel/debug/extfrag/unusable_index",
				     PF_FILE_ZONES },
	[PF_FILE_EXTFRAG_INDEX] = { "sys/kernel/debug/extfrag/extfrag_index",
				    PF_FILE_ZONES },
	[PF_FILE_MEMINFO] = { "proc/meminfo", 0 },
	[PF_FILE_VMSTAT] = { "proc/vmstat", 0 },
	[PF_FILE_OSRELEASE] = { "proc/sys/kernel/osrelease", 0 },
/* the vm sysctls of PF_VM_SYSCTLS (libpagefail.h) */
#define VM_FILE(e, name)                                                       \
	[PF_FILE_VM_FIRST + PF_VM_##e] = { "proc/sys/vm/" #name, 0 },
	PF_VM_SYSCTLS(VM_FILE)
#undef VM_FILE
		[PF_FILE_LOWMEM_RESERVE_RATIO] = { "proc/sys/vm/lowmem_reserve_ratio",
						   0 },
	[PF_FILE_SYSCTL_A] = { "sos_commands/kernel/sysctl_-a",
			       PF_FILE_STANDIN },
	[PF_FILE_UNAME_A] = { "sos_commands/kernel/uname_-a", PF_FILE_STANDIN },
	[PF_FILE_UNAME] = { "uname", PF_FILE_STANDIN },
	[PF_FILE_NODES] = { "sys/devices/system/node", PF_FILE_DIR },
	[PF_FILE_CPU_ONLINE] = { "sys/devices/system/cpu/online", 0 },
	[PF_FILE_CPUINFO] = { "proc/cpuinfo", 0 },
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

/* ---- files ---------------------------------------------------------- */

/* root + "/" + rel into buf; "/" and "" stand for the live system. */
int pf_proc_join(char *buf, size_t size, const char *root, const char *rel)
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

/* Read root/rel; path gets its name.  0 or -errno. */
static int open_file(const struct proc_ctx *c, const char *rel, char *path,
		     size_t size, struct proc_file *f)
{
	int err = pf_proc_join(path, size, c->root, rel);

	memset(f, 0, sizeof(*f));
	if (err)
		return err;
	return pf_read_file(path, PF_PROC_FILE_MAX, &f->buf, &f->len);
}

/* Read pf_proc_files[id] under the root. */
int open_id(const struct proc_ctx *c, int id, char *path, size_t size,
	    struct proc_file *f)
{
	return open_file(c, pf_proc_files[id].path, path, size, f);
}

int open_needed(const struct proc_ctx *c, int id, char *path, size_t size,
		struct proc_file *f)
{
	int err = open_id(c, id, path, size, f);

	if (err)
		report_errno(c, path, err);
	return err;
}

void close_file(struct proc_file *f)
{
	free(f->buf);
	memset(f, 0, sizeof(*f));
}

/*
 * One line of f into buf (size > 1) without its newline, trailing white
 * space (and a DOS '\r') removed.  A line longer than buf is consumed whole
 * and reported LINE_CUT.
 */
int read_line(struct proc_file *f, char *buf, size_t size)
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
bool next_table_line(struct proc_file *f, char *buf, size_t size)
{
	int r;

	while ((r = read_line(f, buf, size)) != LINE_EOF)
		if (r == LINE_OK)
			return true;
	return false;
}

/* What came of looking for pf_proc_files[id]: sys->sources[]. */
int note(struct proc_ctx *c, int id, int err)
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

void report(const struct proc_ctx *c, const char *path, const char *msg)
{
	if (c->diag)
		c->diag(path, 0, msg, c->data);
}

void report_errno(const struct proc_ctx *c, const char *path, int err)
{
	char msg[192];

	snprintf(msg, sizeof(msg), "cannot read: %s%s", pf_strerror(err),
		 err == -PF_ENOTREG ? " (a tree to read holds copies of the "
				      "files, as pagefail snapshot makes)"
				    : "");
	report(c, path, msg);
}

/*
 * The first line of root/rel.  0, -errno, or -EINVAL for a file without
 * one (empty) or whose first line is not whole (too long, a NUL in it).
 */
int read_first_line(const struct proc_ctx *c, const char *rel, char *path,
		    size_t path_size, char *buf, size_t size)
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

/* ---- what is wrong, once per file -------------------------------------- */

__attribute__((format(printf, 4, 5))) void
bad_add(struct proc_ctx *c, int id, unsigned long line, const char *fmt, ...)
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

/*
 * A number proc_num() did not take, as the file's message says it:
 * "FIELD: 'NaN' is not a number", "FIELD: 18446744073709551616 is out of
 * range (0..1099511627776)", "FIELD: no value".  field is "" in a file of
 * one value, whose path says what it is.
 */
void bad_num(struct proc_ctx *c, int id, unsigned long line, const char *field,
	     int how, const char *tok, size_t len, const struct num_range *r)
{
	const char *sep = *field ? ": " : "";
	char q[40], lo[32], hi[32];

	pf_quote(q, sizeof(q), tok, len, 24);
	if (how == NUM_NONE)
		bad_add(c, id, line, "%s%sno value", field, sep);
	else if (how == NUM_JUNK && r->frac)
		bad_add(c, id, line,
			"%s%s'%s' is not an index as the kernel "
			"prints one (0.523)",
			field, sep, q);
	else if (how == NUM_JUNK)
		bad_add(c, id, line, "%s%s'%s' is not a number", field, sep, q);
	else
		bad_add(c, id, line, "%s%s%s is out of range (%s..%s)", field,
			sep, q, num_words(lo, sizeof(lo), r->min, r),
			num_words(hi, sizeof(hi), r->max, r));
}

/* Say what was wrong in each file: one line a file. */
void say_bad(const struct proc_ctx *c)
{
	for (int id = 0; id < PF_FILE_NR; id++) {
		const struct proc_bad *b = &c->bad[id];
		char path[PATH_MAX], msg[384], at[32] = "", more[40] = "";

		if (!b->nr || !c->diag ||
		    pf_proc_join(path, sizeof(path), c->root,
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
