// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pagetypeinfo.c - the optional tables of the zones, never reported when
 * missing: /proc/pagetypeinfo (the free blocks per migratetype and order,
 * the pageblocks per migratetype, and from them the letters a report's
 * buddy line would print) and debugfs's extfrag/unusable_index and
 * extfrag_index (the kernel's own indices, to the thousandth).  Apart
 * because they read per migratetype or per index what zoneinfo.c and
 * buddyinfo already gave per zone, and a machine often lacks them.
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

/* ---- /proc/pagetypeinfo ---------------------------------------------- */

/* A migratetype's letter as show_migration_types() prints it; 0: none. */
static char mt_letter(const char *type)
{
	static const struct {
		const char *name;
		char letter;
	} letters[] = {
		{ "Unmovable", 'U' },	{ "Movable", 'M' },
		{ "Reclaimable", 'E' }, { "HighAtomic", 'H' },
		{ "CMA", 'C' },		{ "Isolate", 'I' },
		{ "Reserve", 'R' }, /* MIGRATE_RESERVE, before 4.4 */
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
static bool pagetype_free_row(struct proc_ctx *c, unsigned long line, int node,
			      const char *zone, const char *p, bool *had_free,
			      struct order_row *rows, int *nr_rows)
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
	if (!order_counts(c, PF_FILE_PAGETYPEINFO, line, node, zone, p, what, v,
			  capped, &n)) {
		idx = zone_index(c, node, zone);
		if (idx >= 0)
			c->pt_bad[idx] = true;
		return true;
	}
	if (!n)
		return false;
	idx = zone_index(c, node, zone);
	if (idx < 0)
		return true; /* a zone past the model: dropped */
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
			word[0] = '\0'; /* too long: its column is skipped */
		pf_strlcpy(heads[n++], 16, word);
	}
	return n;
}

/* "Node 0, zone   Normal           45         1189 ..." under the heads. */
static bool pagetype_block_row(struct proc_ctx *c, unsigned long line, int node,
			       const char *zone, const char *p,
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
			return true; /* its counts stay unknown */
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

/* What read_pagetypeinfo() keeps between the lines of the file. */
struct pt_read {
	enum { PT_HEAD, PT_FREE, PT_BLOCKS, PT_OTHER } section;
	char heads[PF_MT_MAX][16]; /* the block table's columns */
	int nr_heads;
	bool had_free[PF_ZONES_MAX]; /* a whole free row for the zone */
	struct order_row rows[PF_ZONES_MAX * PF_MT_MAX]; /* free rows */
	int nr_free_rows;
	int nr_rows;	 /* rows of either table */
	bool have_order; /* "Page block order:" seen */
};

/*
 * A line that starts a section (pagetypeinfo_show() prints its head again
 * for each node): "Page block order:", "Free pages count per migrate
 * type", "Number of blocks type" and its columns, other "Number of"
 * tables.  False for any other line.
 */
static bool pagetype_section(struct proc_ctx *c, struct pt_read *st,
			     const char *line, unsigned long lineno)
{
	const char *tok;
	size_t len;
	long long v;
	int how;

	if (!strncmp(line, "Page block order:", 17)) {
		st->section = PT_HEAD;
		st->have_order = true;
		how = proc_value(line + 17, &r_order, &v, &tok, &len);
		if (how == NUM_OK)
			c->sys->pageblock_order = (int)v;
		else
			bad_num(c, PF_FILE_PAGETYPEINFO, lineno,
				"Page block order", how, tok, len, &r_order);
	} else if (!strncmp(line, "Free pages count per migrate type", 33)) {
		st->section = PT_FREE;
	} else if (!strncmp(line, "Number of blocks type", 21)) {
		st->section = PT_BLOCKS;
		st->nr_heads =
			pagetype_block_heads(line + 21, st->heads, PF_MT_MAX);
	} else if (!strncmp(line, "Number of", 9)) {
		/* "Number of mixed blocks" (page_owner) and the like */
		st->section = PT_OTHER;
	} else {
		return false;
	}
	return true;
}

/* A "Node N, zone Z ..." row of the free or the block table. */
static void pagetype_row(struct proc_ctx *c, struct pt_read *st,
			 const char *line, unsigned long lineno)
{
	char zone[sizeof(c->sys->zones[0].name)];
	const char *rest;
	int node, how;

	how = parse_zone_head(c, PF_FILE_PAGETYPEINFO, lineno, line, &node,
			      zone, sizeof(zone), &rest);
	if (how < 0)
		return;
	if (how && st->section == PT_FREE &&
	    pagetype_free_row(c, lineno, node, zone, rest, st->had_free,
			      st->rows, &st->nr_free_rows))
		st->nr_rows++;
	else if (how && st->section == PT_BLOCKS && st->nr_heads > 0 &&
		 pagetype_block_row(c, lineno, node, zone, rest, st->heads,
				    st->nr_heads))
		st->nr_rows++;
	else if (*skip_blank(line))
		bad_row(c, PF_FILE_PAGETYPEINFO, lineno, line);
}

/*
 * The free rows checked against each other (odd_rows(): a zone whose
 * counts do not add up is unknown) and against the zones (rows_missing()).
 */
static void pagetype_check_rows(struct proc_ctx *c, const struct pt_read *st)
{
	bool odd[PF_ZONES_MAX * PF_MT_MAX];

	odd_rows(c, PF_FILE_PAGETYPEINFO, st->rows, st->nr_free_rows, "counts",
		 odd);
	for (int i = 0; i < st->nr_free_rows; i++)
		if (odd[i])
			c->pt_bad[st->rows[i].idx] = true;
	if (st->nr_free_rows) {
		bool seen[PF_ZONES_MAX] = { false };

		for (int i = 0; i < c->sys->nr_zones; i++)
			seen[i] = st->had_free[i] || c->pt_bad[i];
		rows_missing(c, PF_FILE_PAGETYPEINFO, seen);
	}
}

int read_pagetypeinfo(struct proc_ctx *c)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct pt_read st = { .section = PT_HEAD, .nr_heads = -1 };
	struct proc_file f;
	int err = open_id(c, PF_FILE_PAGETYPEINFO, path, sizeof(path), &f);

	if (err)
		return err; /* optional: root only from 5.4 */
	while (next_table_line(&f, line, sizeof(line))) {
		if (pagetype_section(c, &st, line, f.line))
			continue;
		/* the head, "Number of mixed blocks": not read */
		if (st.section == PT_FREE || st.section == PT_BLOCKS)
			pagetype_row(c, &st, line, f.line);
	}
	close_file(&f);
	pagetype_check_rows(c, &st);
	pagetype_forget(c, st.had_free);
	if (!st.nr_rows) {
		if (!c->bad[PF_FILE_PAGETYPEINFO].nr)
			report(c, path, "no zones in it");
		return -EINVAL;
	}
	/* pagetypeinfo_show() prints it first, in every era (2.6.24+) */
	if (!st.have_order)
		bad_add(c, PF_FILE_PAGETYPEINFO, 0,
			"no 'Page block order' "
			"line, which every kernel prints");
	pagetype_letters(c->sys, st.had_free);
	c->sys->have |= PF_SYS_PAGETYPEINFO;
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
	struct zone_table t = { .nr = 0 };
	struct proc_file f;
	int err = open_id(c, id, path, sizeof(path), &f);

	if (err)
		return err; /* optional: debugfs is seldom mounted */
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
			t.seen[idx] = true;
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
		if (idx < 0 || t.nr >= PF_ZONES_MAX)
			continue;
		if (n > PF_MAX_ORDER)
			n = PF_MAX_ORDER;
		memcpy(unusable ? sys->debug_extfrag[idx].unusable
				: sys->debug_extfrag[idx].extfrag,
		       v, (size_t)n * sizeof(v[0]));
		nr[idx] = n;
		t.rows[t.nr++] = (struct order_row){ idx, -1, n, f.line };
	}
	close_file(&f);
	err = zone_table_end(c, id, path, &t, "indices");
	for (int i = 0; i < t.nr; i++)
		if (t.odd[i])
			nr[t.rows[i].idx] = 0;
	return err;
}

void read_extfrag(struct proc_ctx *c)
{
	struct pf_system *sys = c->sys;
	int eu = note(c, PF_FILE_UNUSABLE_INDEX,
		      read_extfrag_file(c, PF_FILE_UNUSABLE_INDEX));
	int ee = note(c, PF_FILE_EXTFRAG_INDEX,
		      read_extfrag_file(c, PF_FILE_EXTFRAG_INDEX));
	bool any = false;

	/* the orders both files give */
	for (int i = 0; i < sys->nr_zones; i++) {
		int n = c->nr_unusable[i] < c->nr_extfrag[i] ? c->nr_unusable[i]
							     : c->nr_extfrag[i];

		sys->debug_extfrag[i].nr_orders = eu || ee ? 0 : n;
		any |= sys->debug_extfrag[i].nr_orders > 0;
	}
	if (any)
		sys->have |= PF_SYS_EXTFRAG;
}
