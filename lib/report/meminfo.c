// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * meminfo.c - the Mem-Info block that show_free_areas() (mm/page_alloc.c,
 * mm/show_mem.c from 6.1) and show_mem() (lib/show_mem.c) print after a
 * page allocation failure: the global counters, per-cpu lists (up to 3.10),
 * the per-node line (4.8+), one line per zone with its watermarks, the
 * lowmem_reserve[] line, one buddy line per zone, and the trailer.
 *
 * Zone lines carry kB; lowmem_reserve[] and the counters carry pages.  The
 * page size is learnt from the buddy line's order-0 block ("860*4kB").
 * Fields are taken by name, never by position: every era adds some.
 */
#include <ctype.h>
#include <limits.h>
#include <string.h>

#include "report/internal.h"
#include "util/util.h"

static const char *const zone_names[] = {
	"DMA", "DMA32", "Normal", "HighMem", "Movable", "Device",
};

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* The end of the word at p. */
static const char *skip_word(const char *p, const char *end)
{
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	return p;
}

/*
 * A newline or tab of a multi-line record, escaped by what carried it:
 * "\x0a" (/dev/kmsg), "#012" and "#011" (rsyslog's control character
 * escapes).  Its length at p, or 0.
 */
static size_t escaped_sep(const char *p, const char *end)
{
	if (end - p >= 4 && p[0] == '\\' && p[1] == 'x' && p[2] == '0' &&
	    (p[3] == 'a' || p[3] == 'A' || p[3] == '9'))
		return 4;
	if (end - p >= 4 && p[0] == '#' && p[1] == '0' && p[2] == '1' &&
	    (p[3] == '2' || p[3] == '1'))
		return 4;
	return 0;
}

/* White space, escaped line breaks included. */
static const char *skip_sep(const char *p, const char *end)
{
	for (;;) {
		size_t n;

		p = skip_ws(p, end);
		n = escaped_sep(p, end);
		if (!n)
			return p;
		p += n;
	}
}

/*
 * No Mem-Info number can exceed 2^52 bytes in KiB: MAX_PHYSMEM_BITS is at
 * most 52 on every architecture (x86-64 with 5-level paging, arm64 with
 * 52-bit physical addresses), and page counts, in units larger than a
 * KiB, are smaller still.  Larger values, and negative ones (the kernel
 * prints these fields with %lu, and global_node_page_state() clamps its
 * per-cpu drift at 0), come from a damaged paste, not from a kernel.
 */
#if ULONG_MAX > 0xffffffffUL
#define MEM_MAX (1UL << 42)
#else
/*
 * A 32-bit build (the lab's i386 guest): 1UL << 42 is out of range, and
 * became 0, which refused every number.  The most a long holds, a tenth
 * of it and less 9 so that the next digit cannot wrap: 409 GiB in KiB,
 * past any 32-bit kernel's memory (64 GiB with PAE).
 */
#define MEM_MAX ((ULONG_MAX - 9) / 10)
#endif
#define NODES_MAX 1024 /* 1 << NODES_SHIFT, whose largest is 10 */

enum mem_num { NUM_NONE = 0, NUM_OK, NUM_BAD };

/*
 * A decimal at *p within [0, MEM_MAX] into *v.  A number out of that range
 * (or with a '-' sign) is NUM_BAD and consumed all the same, so that the
 * fields after it are still read.
 */
static enum mem_num mem_num(const char **p, const char *end, unsigned long *v)
{
	const char *q = *p;
	unsigned long x = 0;
	bool bad = false;

	if (end - q >= 2 && q[0] == '-' && isdigit((unsigned char)q[1])) {
		bad = true;
		q++;
	}
	if (q >= end || !isdigit((unsigned char)*q))
		return NUM_NONE;
	for (; q < end && isdigit((unsigned char)*q); q++) {
		if (x > MEM_MAX)
			bad = true; /* stop growing: no overflow */
		else
			x = x * 10 + (unsigned long)(*q - '0');
	}
	*p = q;
	if (bad || x > MEM_MAX)
		return NUM_BAD;
	*v = x;
	return NUM_OK;
}

/*
 * "Node 3 " at p: the node id, and *after the rest; -1 when absent, -2
 * when the id is one no kernel has (*after is set then too).
 */
static int node_prefix(const char *p, const char *end, const char **after)
{
	unsigned long n = 0;
	const char *q = p;
	enum mem_num num;

	if (!pf_starts(p, (size_t)(end - p), "Node "))
		return -1;
	q += 5;
	num = mem_num(&q, end, &n);
	if (num == NUM_NONE || q >= end || *q != ' ')
		return -1;
	*after = q + 1;
	if (num == NUM_BAD || n >= NODES_MAX)
		return -2;
	return (int)n;
}

/* "3*4kB" at p, or a damaged "-3*4kB": the start of a buddy list */
static bool buddy_start(const char *p, const char *end)
{
	unsigned long v;

	return mem_num(&p, end, &v) != NUM_NONE && p < end && *p == '*';
}

/* A zone name at p followed by stop ("free:" or ":")?  Returns its length. */
static size_t zone_name_at(const char *p, const char *end, const char *stop)
{
	for (size_t i = 0; i < ARRAY_SIZE(zone_names); i++) {
		size_t n = strlen(zone_names[i]);

		if ((size_t)(end - p) > n && !memcmp(p, zone_names[i], n) &&
		    pf_starts(p + n, (size_t)(end - p - n), stop))
			return n;
	}
	return 0;
}

static struct pf_zone *find_zone(struct pf_report *r, int node,
				 const char *name, size_t n)
{
	for (int i = 0; i < r->nr_zones; i++) {
		struct pf_zone *z = &r->zones[i];

		if (z->node == node && strlen(z->name) == n &&
		    !memcmp(z->name, name, n))
			return z;
	}
	return NULL;
}

static struct pf_zone *add_zone(struct pf_report *r, int node, bool printed,
				const char *name, size_t n)
{
	struct pf_zone *z;

	if (r->nr_zones >= PF_ZONES_MAX)
		return NULL;
	z = &r->zones[r->nr_zones++];
	pf_zone_init(z);
	z->node = node < 0 ? 0 : node;
	z->node_printed = printed;
	pf_strlcpyn(z->name, sizeof(z->name), name, n);
	z->type = pf_zone_type_of(z->name);
	return z;
}

/* Change the page size of a zone whose counts were kept in 4 KiB pages. */
static void zone_rescale(struct pf_zone *z, unsigned int page_kb)
{
	long *f[] = { &z->free,	   &z->boost,	&z->min,
		      &z->low,	   &z->high,	&z->reserved_highatomic,
		      &z->present, &z->managed, &z->free_cma };

	if (!page_kb || page_kb == z->page_kb)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(f); i++)
		if (*f[i] >= 0)
			*f[i] = (long)((unsigned long)*f[i] * z->page_kb /
				       page_kb);
	for (int i = 0; i < PF_LRU_NR; i++)
		if (z->lru[i] >= 0)
			z->lru[i] = (long)((unsigned long)z->lru[i] *
					   z->page_kb / page_kb);
	z->page_kb = page_kb;
}

/* Where the zone line's field "key" is kept, or NULL for one not kept. */
static long *zone_field(struct pf_zone *z, const char *k, size_t kn)
{
	/* clang-format off */
	static const struct pf_field fields[] = {
		{ "free", offsetof(struct pf_zone, free) },
		{ "boost", offsetof(struct pf_zone, boost) },
		{ "min", offsetof(struct pf_zone, min) },
		{ "low", offsetof(struct pf_zone, low) },
		{ "high", offsetof(struct pf_zone, high) },
		{ "reserved_highatomic", offsetof(struct pf_zone, reserved_highatomic) },
		{ "present", offsetof(struct pf_zone, present) },
		{ "managed", offsetof(struct pf_zone, managed) },
		{ "free_cma", offsetof(struct pf_zone, free_cma) },
		{ "active_anon", offsetof(struct pf_zone, lru[PF_LRU_ACTIVE_ANON]) },
		{ "inactive_anon", offsetof(struct pf_zone, lru[PF_LRU_INACTIVE_ANON]) },
		{ "active_file", offsetof(struct pf_zone, lru[PF_LRU_ACTIVE_FILE]) },
		{ "inactive_file", offsetof(struct pf_zone, lru[PF_LRU_INACTIVE_FILE]) },
		{ "active", offsetof(struct pf_zone, lru[PF_LRU_ACTIVE]) },
		{ "inactive", offsetof(struct pf_zone, lru[PF_LRU_INACTIVE]) },
	};
	/* clang-format on */
	const struct pf_field *f =
		pf_field_find(fields, ARRAY_SIZE(fields), k, kn);

	return f ? (long *)((char *)z + f->off) : NULL;
}

/* "lowmem_reserve[]: 0 2815 15868 15868" at p */
static void parse_lowmem_reserve(const char *p, const char *end,
				 struct pf_report *r, struct pf_zone *z)
{
	const char *start = p;
	unsigned long v;
	enum mem_num k = NUM_OK;

	z->nr_lowmem_reserve = 0;
	p = skip_ws(p + 17, end);
	while (p < end && (k = mem_num(&p, end, &v)) != NUM_NONE) {
		if (k == NUM_BAD)
			break;
		if (z->nr_lowmem_reserve < PF_MAX_ZONES)
			z->lowmem_reserve[z->nr_lowmem_reserve++] = (long)v;
		p = skip_ws(p, end);
	}
	/*
	 * Numbers, then the end of the line (or the glued zone line of a
	 * mangled paste, "Normal free:..."): anything else spoils the list,
	 * which is by position.
	 */
	if (k == NUM_BAD || (p < end && !zone_name_at(p, end, " free:") &&
			     !pf_starts(p, (size_t)(end - p), "Node "))) {
		pf_report_bad(r, k == NUM_BAD ? PF_BAD_RANGE : PF_BAD_NAN,
			      z->name, start, end);
		z->nr_lowmem_reserve = -1;
	}
}

/*
 * The fields of a zone line from p on.  A mangled paste can glue the
 * lowmem_reserve[] line to its end (seen in a 4.14 report).
 */
static void parse_zone_fields(const char *p, const char *end,
			      struct pf_report *r, struct pf_zone *z)
{
	while (p < end) {
		const char *k, *colon, *q;
		unsigned long v;
		long *f;

		p = skip_sep(p, end);
		if (p >= end)
			break;
		k = p;
		if (pf_starts(p, (size_t)(end - p), "lowmem_reserve[]:")) {
			parse_lowmem_reserve(p, end, r, z);
			return;
		}
		while (p < end && *p != ' ' && *p != ':')
			p++;
		if (p >= end || *p != ':') {
			continue;
		}
		colon = p;
		q = colon + 1;
		f = zone_field(z, k, (size_t)(colon - k));
		switch (mem_num(&q, end, &v)) {
		case NUM_OK:
			if (f)
				*f = (long)(v / z->page_kb);
			break;
		case NUM_BAD:
			pf_report_bad(r, PF_BAD_RANGE, z->name, k, end);
			break;
		default:
			/* "min:NaNkB", "min:kB": no number where one is printed */
			if (f)
				pf_report_bad(r, PF_BAD_NAN, z->name, k, end);
			break;
		}
		p = q;
		while (p < end && *p != ' ')
			p++;
	}
}

/* An impossible block count or size: the lists are by position, all lost. */
static void buddy_bad(struct pf_report *r, int kind, struct pf_zone *z,
		      const char *s, const char *end)
{
	pf_report_bad(r, kind, z->name, s, end);
	z->nr_orders = 0;
	z->buddy_total_kb = -1;
}

/* "= 14232kB": the total the kernel printed after the blocks. */
static void buddy_total(const char *p, const char *end, struct pf_report *r,
			struct pf_zone *z)
{
	const char *tok = p;
	unsigned long size;
	enum mem_num k;

	p = skip_ws(p + 1, end);
	k = mem_num(&p, end, &size);
	if (k == NUM_OK)
		z->buddy_total_kb = (long)size;
	else if (k == NUM_BAD || p < end)
		/* (nothing after "=": the line was cut there) */
		pf_report_bad(r, k == NUM_BAD ? PF_BAD_RANGE : PF_BAD_NAN,
			      z->name, tok, end);
}

/*
 * count blocks of size kB: the free list of the order whose blocks are
 * that size (the first block of the first piece of a line tells the page
 * size: zone_rescale()).
 */
static void buddy_blocks(struct pf_zone *z, unsigned long count,
			 unsigned long size, bool first)
{
	unsigned long blocks;
	int order = 0;

	if (first && z->nr_orders == 0)
		zone_rescale(z, (unsigned int)size);
	blocks = z->page_kb ? size / z->page_kb : 0;
	while (blocks > 1 && order < 63) {
		blocks >>= 1;
		order++;
	}
	if (order < PF_MAX_ORDER) {
		z->nr_free[order] = count;
		if (order + 1 > z->nr_orders)
			z->nr_orders = order + 1;
	}
}

/*
 * What is not "count*size": "(UME)", the letters of the previous order,
 * or a word to skip ("empty", a stray one).  Returns where to go on, or
 * NULL when the letters are not closed (the line ends there).
 */
static const char *buddy_other(const char *p, const char *end,
			       struct pf_zone *z)
{
	if (*p == '(' && z->nr_orders > 0) {
		const char *c = memchr(p, ')', (size_t)(end - p));

		if (!c)
			return NULL;
		pf_strlcpyn(z->mt[z->nr_orders - 1], PF_MT_LETTERS, p + 1,
			    (size_t)(c - p - 1));
		z->has_mt = true;
		return c + 1;
	}
	while (p < end && *p != ' ')
		p++;
	return p;
}

/* "860*4kB (H) 453*8kB (H) ... = 14232kB", possibly only a piece of it. */
static void parse_buddy(const char *p, const char *end, struct pf_report *r,
			struct pf_zone *z, bool first)
{
	while (p < end) {
		unsigned long count, size;
		const char *q, *tok;
		enum mem_num k;

		p = skip_ws(p, end);
		if (p >= end)
			break;
		if (*p == '=') {
			buddy_total(p, end, r, z);
			break;
		}
		q = tok = p;
		k = mem_num(&q, end, &count);
		if (k == NUM_BAD) {
			buddy_bad(r, PF_BAD_RANGE, z, tok, end);
			return;
		}
		if (k == NUM_NONE && *p != '(' && *p != '=' &&
		    memchr(p, '*', (size_t)(skip_word(p, end) - p))) {
			/* "NaN*4kB", "*4kB": a block count that is none */
			buddy_bad(r, PF_BAD_NAN, z, tok, end);
			return;
		}
		if (k == NUM_NONE || q >= end || *q != '*') {
			p = buddy_other(p, end, z);
			if (!p)
				break;
			continue;
		}
		q++;
		k = mem_num(&q, end, &size);
		if (k == NUM_NONE)
			break;
		/* a block is 2^order pages: its size a power of two */
		if (k == NUM_BAD || !size || (size & (size - 1))) {
			buddy_bad(r, PF_BAD_RANGE, z, tok, end);
			return;
		}
		if (q < end && (*q == 'k' || *q == 'K'))
			q++;
		if (q < end && *q == 'B')
			q++;
		buddy_blocks(z, count, size, first);
		p = q;
	}
}

/* Is the line a run of "key:value" counters (the summary block)? */
static bool parse_counters(const char *p, const char *end, struct pf_report *r)
{
	const char *bad = NULL;
	int n = 0, bad_kind = PF_BAD_RANGE;

	while (p < end) {
		const char *k, *colon, *q;
		unsigned long v;
		enum mem_num num;

		p = skip_sep(p, end);
		if (p >= end)
			break;
		k = p;
		while (p < end && *p != ' ' && *p != ':')
			p++;
		if (p >= end || *p != ':' || p == k)
			break;
		colon = p;
		q = colon + 1;
		num = mem_num(&q, end, &v);
		if (num == NUM_NONE) {
			/* "free:NaN", "free: ": no number, the next counter on */
			if (!bad) {
				bad = k;
				bad_kind = PF_BAD_NAN;
			}
			p = skip_word(q, end);
			continue;
		}
		if (q < end && *q != ' ' && !escaped_sep(q, end))
			break; /* "12kB": not a page counter */
		if (num == NUM_BAD) {
			if (!bad)
				bad = k;
			p = q;
			continue;
		}
		{
			size_t kn = (size_t)(colon - k);
			struct pf_counter *c = NULL;

			for (int i = 0; i < r->nr_counters; i++)
				if (strlen(r->counters[i].name) == kn &&
				    !memcmp(r->counters[i].name, k, kn))
					c = &r->counters[i];
			if (!c && r->nr_counters < PF_COUNTERS_MAX) {
				c = &r->counters[r->nr_counters++];
				pf_strlcpyn(c->name, sizeof(c->name), k, kn);
			}
			if (c)
				c->value = (long)v;
		}
		n++;
		p = q;
	}
	/* a bad value counts only on a line that is counters otherwise */
	if (n > 0 && bad)
		pf_report_bad(r, bad_kind, NULL, bad, end);
	return n > 0;
}

/* "Free swap  = 0kB", "Total swap = 2097148kB": the number after = */
static void swap_kb(const char *p, const char *end, struct pf_report *r,
		    long *kb)
{
	const char *q = memchr(p, '=', (size_t)(end - p));
	unsigned long v;

	if (!q)
		q = memchr(p, ':', (size_t)(end - p));
	if (!q)
		return;
	q = skip_ws(q + 1, end);
	switch (mem_num(&q, end, &v)) {
	case NUM_OK:
		*kb = (long)v;
		break;
	case NUM_BAD:
		pf_report_bad(r, PF_BAD_RANGE, NULL, p, end);
		break;
	default:
		break;
	}
}

/* "N total pagecache pages", "N pages RAM", "Free swap  = 0kB" ... */
static int parse_trailer(const char *p, const char *end, struct pf_report *r)
{
	/* "N <words>" lines; END marks the last line show_mem() prints */
	/* clang-format off */
	static const struct {
		const char *words;
		size_t off; /* where the count goes, or NONE */
		int kind;
	} lines[] = {
#define NONE ((size_t)-1)
		{ "total pagecache pages", offsetof(struct pf_report, pagecache_pages), PF_MEM_TRAILER },
		{ "pages in swap cache", offsetof(struct pf_report, swap_cache_pages), PF_MEM_TRAILER },
		{ "pages RAM", offsetof(struct pf_report, pages_ram), PF_MEM_TRAILER },
		{ "pages of RAM", offsetof(struct pf_report, pages_ram), PF_MEM_TRAILER },
		{ "pages HighMem", offsetof(struct pf_report, pages_highmem), PF_MEM_TRAILER },
		{ "pages of HIGHMEM", offsetof(struct pf_report, pages_highmem), PF_MEM_TRAILER },
		{ "pages reserved", offsetof(struct pf_report, pages_reserved), PF_MEM_TRAILER },
		{ "reserved pages", offsetof(struct pf_report, pages_reserved), PF_MEM_TRAILER },
		{ "pages hwpoisoned", NONE, PF_MEM_END },
		{ "pages non-shared", NONE, PF_MEM_END },
		{ "pages swap cached", NONE, PF_MEM_END },
		{ "pages ", NONE, PF_MEM_TRAILER },
		{ "free pages", NONE, PF_MEM_TRAILER },
		{ "slab pages", NONE, PF_MEM_TRAILER },
		{ "pages shared", NONE, PF_MEM_TRAILER },
	};
	/* clang-format on */
	size_t len = (size_t)(end - p);
	const char *q = p;
	unsigned long v = 0;
	enum mem_num num;

	if (pf_starts(p, len, "Free swap")) {
		swap_kb(p, end, r, &r->free_swap_kb);
		return PF_MEM_TRAILER;
	}
	if (pf_starts(p, len, "Total swap")) {
		swap_kb(p, end, r, &r->total_swap_kb);
		return PF_MEM_TRAILER;
	}
	if (pf_starts(p, len, "Swap cache"))
		return PF_MEM_TRAILER;
	num = mem_num(&q, end, &v);
	if (num == NUM_NONE || q >= end || *q != ' ')
		return PF_MEM_NONE;
	q++;
	len = (size_t)(end - q);
	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		if (!pf_starts(q, len, lines[i].words))
			continue;
		if (num == NUM_BAD)
			pf_report_bad(r, PF_BAD_RANGE, NULL, p, end);
		else if (lines[i].off != NONE)
			*(long *)((char *)r + lines[i].off) = (long)v;
		return lines[i].kind;
#undef NONE
	}
	return PF_MEM_NONE;
}

/* The zone of "[Node N ]<name>" (n bytes at name), added when new. */
static struct pf_zone *mem_zone(struct pf_report *r, int node, const char *name,
				size_t n)
{
	struct pf_zone *z = find_zone(r, node < 0 ? 0 : node, name, n);

	return z ? z : add_zone(r, node, node >= 0, name, n);
}

/*
 * zone line: "[Node N ]Normal free:14040kB min:7440kB ..." (min: first
 * when a damaged one lost its free:, said by pf_mem_check())
 */
static bool zone_line(const char *rest, const char *end, struct pf_report *r,
		      int node)
{
	size_t zn = zone_name_at(rest, end, " free:");
	struct pf_zone *z;

	if (!zn)
		zn = zone_name_at(rest, end, " min:");
	if (!zn)
		return false;
	z = mem_zone(r, node, rest, zn);
	if (z)
		parse_zone_fields(rest + zn, end, r, z);
	return true;
}

/* buddy line: "[Node N ]Normal: 860*4kB (H) ... = 14232kB" */
static bool buddy_line(const char *rest, const char *end, struct pf_report *r,
		       int node)
{
	size_t zn = zone_name_at(rest, end, ": ");
	struct pf_zone *z;
	const char *q;
	bool empty;

	if (!zn)
		return false;
	q = skip_ws(rest + zn + 1, end);
	empty = pf_starts(q, (size_t)(end - q), "empty");
	if (!empty && !buddy_start(q, end) &&
	    /* "NaN*4kB": a damaged count, said by parse_buddy() */
	    !(memchr(q, '*', (size_t)(skip_word(q, end) - q)) &&
	      pf_memstr(q, (size_t)(end - q), "kB")))
		return false;
	z = mem_zone(r, node, rest, zn);
	if (z && empty) {
		z->buddy_total_kb = 0;
		z->nr_orders = 0;
	} else if (z) {
		parse_buddy(q, end, r, z, true);
	}
	return true;
}

/*
 * The lines only told apart from other messages by where they stand:
 * after "Mem-Info:".  rest is the line after its "Node N " (node >= 0).
 */
static int mem_only_line(const char *p, size_t len, const char *rest, int node,
			 struct pf_report *r)
{
	const char *end = p + len;
	int t;

	/* per-cpu lists (2.6.x - 3.10) */
	if (zone_name_at(rest, end, " per-cpu:") ||
	    (pf_starts(p, len, "CPU ") && pf_memstr(p, len, "hi:")) ||
	    (pf_starts(p, len, "cpu ") &&
	     (pf_memstr(p, len, " hot:") || pf_memstr(p, len, " cold:"))))
		return PF_MEM_BODY;
	if (pf_starts(p, len, "Free pages:"))
		return PF_MEM_BODY;
	/* per-node line of 4.8+: "Node 0 active_anon:447304kB ..." */
	if (node >= 0 && memchr(rest, ':', (size_t)(end - rest)))
		return PF_MEM_BODY;
	t = parse_trailer(p, end, r);
	if (t)
		return t;
	if (parse_counters(p, end, r))
		return PF_MEM_BODY;
	return PF_MEM_NONE;
}

int pf_mem_line(const char *msg, size_t len, struct pf_report *r, bool in_mem)
{
	const char *p = msg, *end = msg + len, *rest;
	int node;

	if (pf_starts(p, len, "Mem-Info:") || pf_starts(p, len, "Mem-info:"))
		return PF_MEM_START;
	if (pf_starts(p, len, "lowmem_reserve[]:")) {
		if (r->nr_zones)
			parse_lowmem_reserve(p, end, r,
					     &r->zones[r->nr_zones - 1]);
		return PF_MEM_BODY;
	}

	node = node_prefix(p, end, &rest);
	if (node == -2) {
		if (in_mem || zone_name_at(rest, end, " free:") ||
		    zone_name_at(rest, end, ": ")) {
			pf_report_bad(r, PF_BAD_RANGE, NULL, p, end);
			return PF_MEM_BODY;
		}
		node = -1;
	}
	if (node < 0)
		rest = p;
	if (pf_starts(rest, (size_t)(end - rest), "hugepages_total=")) {
		r->nr_hugepage_lines++;
		return PF_MEM_TRAILER;
	}
	if (zone_line(rest, end, r, node) || buddy_line(rest, end, r, node))
		return PF_MEM_BODY;
	if (!in_mem)
		return PF_MEM_NONE;
	return mem_only_line(p, len, rest, node, r);
}

bool pf_mem_continue(const char *msg, size_t len, struct pf_report *r)
{
	const char *end = msg + len;
	struct pf_zone *z;

	if (!r->nr_zones || !len)
		return false;
	z = &r->zones[r->nr_zones - 1];
	/* a buddy line cut before its "= NkB" */
	if (z->nr_orders > 0 && z->buddy_total_kb < 0 &&
	    (buddy_start(msg, end) || (msg[0] == '(' && len < 12) ||
	     msg[0] == '=')) {
		parse_buddy(msg, end, r, z, false);
		return true;
	}
	/* a zone line cut after some fields: "active_anon:0kB inactive_..." */
	if (z->nr_orders == 0 && z->buddy_total_kb < 0 && len > 4 &&
	    islower((unsigned char)msg[0])) {
		const char *c = memchr(msg, ':', len);

		if (c && c + 1 < end && isdigit((unsigned char)c[1]) &&
		    memchr(msg, ' ', (size_t)(c - msg)) == NULL &&
		    pf_memstr(msg, len, "kB")) {
			parse_zone_fields(msg, end, r, z);
			return true;
		}
	}
	return false;
}

bool pf_mem_zones_whole(const struct pf_report *r)
{
	if (!r->nr_zones)
		return false;
	for (int i = 0; i < r->nr_zones; i++)
		if (r->zones[i].buddy_total_kb < 0)
			return false;
	return true;
}

void pf_mem_check(struct pf_report *r)
{
	/*
	 * show_free_areas() prints free, min, low, high and present on every
	 * zone line, 2.6 to 6.x, in one printk(): one of them missing is
	 * damage inside the line.  (The counters block is several lines, of
	 * names that changed with the eras, "Active_anon:" in 2.6.28-2.6.3x:
	 * a paste cut inside it is a cut report, which "complete" says.)  A
	 * report already found damaged is not said twice.
	 */
	static const char *const zone_keys[] = {
		"free", "min", "low", "high", "present",
	};

	if (r->nr_bad_fields)
		return;
	for (int i = 0; i < r->nr_zones; i++) {
		struct pf_zone *z = &r->zones[i];
		bool line = false;

		for (size_t k = 0; k < ARRAY_SIZE(zone_keys); k++)
			line |= *zone_field(z, zone_keys[k],
					    strlen(zone_keys[k])) >= 0;
		for (size_t k = 0; line && k < ARRAY_SIZE(zone_keys); k++) {
			char key[16];

			if (*zone_field(z, zone_keys[k],
					strlen(zone_keys[k])) >= 0)
				continue;
			snprintf(key, sizeof(key), "%s:", zone_keys[k]);
			pf_report_bad(r, PF_BAD_MISSING, z->name, key,
				      key + strlen(key));
			if (r->nr_bad_fields == 1)
				r->bad_line = z->line;
		}
		/*
		 * The buddy line's blocks add up to the total the kernel
		 * printed after them, in every real report (the corpus
		 * tests hold every one to it): where they do not, an entry
		 * was lost or changed, and the lists are known no more.
		 */
		if (z->nr_orders && z->buddy_total_kb >= 0 &&
		    pf_zone_buddy_pages(z) * z->page_kb !=
			    (unsigned long)z->buddy_total_kb) {
			pf_report_bad(r, PF_BAD_SUM, z->name, "=", NULL);
			if (r->nr_bad_fields == 1)
				r->bad_line = z->buddy_line;
			z->nr_orders = 0;
			z->buddy_total_kb = -1;
		}
	}
}
