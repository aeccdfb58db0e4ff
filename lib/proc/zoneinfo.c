// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * zoneinfo.c - /proc/zoneinfo and /proc/buddyinfo: the zones of the
 * machine, each zone's fields by name (free, watermarks, present,
 * managed, protection), and its free block counts per order.  Also what
 * every zone file is read with: the zone heads ("Node 0, zone Normal"),
 * the zone table, and the rows of a table of orders, which pagetypeinfo.c
 * reads too.  Apart because zoneinfo makes the zones, in its order, that
 * every other file of the zone state is matched against.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "libpagefail.h"
#include "proc/procfs.h"
#include "proc/procread.h"
#include "util/util.h"

/* Bits of proc_ctx.zi_fields: the fields of a zone block zoneinfo printed. */
enum {
	ZF_FREE = 0x01, /* "pages free" */
	ZF_MIN = 0x02,
	ZF_LOW = 0x04,
	ZF_HIGH = 0x08,
	ZF_PRESENT = 0x10,
	ZF_MANAGED = 0x20, /* 3.10+ */
	ZF_BOOST = 0x40,   /* 6.1+ */
	ZF_PROTECTION = 0x80,
	ZF_NR_FREE = 0x100, /* the vmstat item nr_free_pages */
};

/* The count most rows of a table of orders have (the larger on a tie). */
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
int parse_zone_head(struct proc_ctx *c, int id, unsigned long line,
		    const char *s, int *node, char *name, size_t name_size,
		    const char **rest)
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
void bad_row(struct proc_ctx *c, int id, unsigned long line, const char *s)
{
	char q[40];

	bad_add(c, id, line, "'%s' is not a zone's row",
		pf_quote(q, sizeof(q), s, strlen(s), 24));
}

/*
 * The head of a row of a table whose every line is a zone's (buddyinfo,
 * the debugfs files): true, or false after saying what the line is not.
 */
bool table_row_head(struct proc_ctx *c, int id, unsigned long line,
		    const char *s, int *node, char *name, size_t name_size,
		    const char **rest)
{
	int r = parse_zone_head(c, id, line, s, node, name, name_size, rest);

	if (!r && *skip_blank(s))
		bad_row(c, id, line, s);
	return r > 0;
}

/* The zone (node, name), or -1 when there is none. */
int zone_find(const struct proc_ctx *c, int node, const char *name)
{
	for (int i = 0; i < c->sys->nr_zones; i++)
		if (c->sys->zones[i].node == node &&
		    !strcmp(c->sys->zones[i].name, name))
			return i;
	return -1;
}

/* The zone (node, name), added when new; -1 when the table is full. */
int zone_index(struct proc_ctx *c, int node, const char *name)
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
void rows_missing(struct proc_ctx *c, int id, const bool *seen)
{
	for (int i = 0; i < c->sys->nr_zones; i++) {
		const struct pf_zone *z = &c->sys->zones[i];

		if (seen[i] || !c->zi_line[i] || z->present <= 0)
			continue;
		bad_add(c, id, 0,
			"Node %d, zone %s: no row, which the kernel "
			"prints for every zone with memory",
			z->node, z->name);
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
	/* clang-format off */
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
	/* clang-format on */
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
		return; /* a field of another era, or not a number */
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
	/* clang-format off */
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
	/* clang-format on */
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
				"%s: no %s line, which %s",
				zone_field_name(c, i, "", field, sizeof(field)),
				want[k].name,
				want[k].every_era ? "every kernel prints"
						  : "the other zones have");
		}
	}
}

int read_zoneinfo(struct proc_ctx *c)
{
	enum { ZI_ZONE, ZI_NODE_STATS, ZI_PAGESETS } state = ZI_ZONE;
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	int idx = -1, nr_heads = 0;
	struct proc_file f;
	int err = open_needed(c, PF_FILE_ZONEINFO, path, sizeof(path), &f);

	if (err)
		return err;
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
					    &rest) <= 0 ||
			    *skip_blank(rest))
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
bool order_counts(struct proc_ctx *c, int id, unsigned long line, int node,
		  const char *zone, const char *p, const char *what,
		  unsigned long *out, bool *capped, int *nr)
{
	int n = 0;

	for (p = skip_blank(p); *p; p = skip_blank(p)) {
		const char *tok = p;
		bool cap = capped && *p == '>'; /* 6.x: ">100000" */
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
			bad_num(c, id, line, field, how, tok, (size_t)(p - tok),
				&r_pages);
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
int odd_rows(struct proc_ctx *c, int id, const struct order_row *rows, int nr,
	     const char *what, bool *odd)
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
				"have %d",
				z->node, z->name, rows[i].n, what, want);
		else
			bad_add(c, id, rows[i].line,
				"Node %d, zone %s, type %s: %d %s where the "
				"other rows have %d",
				z->node, z->name,
				c->sys->pagetype[rows[i].idx]
					.type[rows[i].type],
				rows[i].n, what, want);
	}
	return k;
}

int zone_table_end(struct proc_ctx *c, int id, const char *path,
		   struct zone_table *t, const char *what)
{
	odd_rows(c, id, t->rows, t->nr, what, t->odd);
	rows_missing(c, id, t->seen);
	if (t->nr)
		return 0;
	if (!c->bad[id].nr)
		report(c, path, "no zones in it");
	return -EINVAL;
}

int read_buddyinfo(struct proc_ctx *c)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	struct zone_table t = { .nr = 0 };
	struct proc_file f;
	int err = open_needed(c, PF_FILE_BUDDYINFO, path, sizeof(path), &f);

	if (err)
		return err;
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
			t.seen[idx] = true;
		if (!order_counts(c, PF_FILE_BUDDYINFO, f.line, node, name, p,
				  "", nr_free, NULL, &n) ||
		    idx < 0 || t.nr >= PF_ZONES_MAX)
			continue;
		sys->zones[idx].nr_orders = n < PF_MAX_ORDER ? n : PF_MAX_ORDER;
		memcpy(sys->zones[idx].nr_free, nr_free,
		       (size_t)sys->zones[idx].nr_orders * sizeof(nr_free[0]));
		t.rows[t.nr++] = (struct order_row){ idx, -1, n, f.line };
	}
	close_file(&f);
	err = zone_table_end(c, PF_FILE_BUDDYINFO, path, &t, "counts");
	for (int i = 0; i < t.nr; i++)
		if (t.odd[i])
			sys->zones[t.rows[i].idx].nr_orders = 0;
	if (err)
		return err;
	sys->have |= PF_SYS_BUDDYINFO;
	return 0;
}
