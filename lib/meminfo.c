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
#include <string.h>

#include "internal.h"
#include "util.h"

static const char *const zone_names[] = {
	"DMA", "DMA32", "Normal", "HighMem", "Movable", "Device",
};

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Skip a literal "\x0a" (how /dev/kmsg escapes a newline) as white space. */
static const char *skip_sep(const char *p, const char *end)
{
	for (;;) {
		p = skip_ws(p, end);
		if (end - p >= 4 && p[0] == '\\' && p[1] == 'x' && p[2] == '0' &&
		    (p[3] == 'a' || p[3] == 'A'))
			p += 4;
		else
			return p;
	}
}

/* "Node 3 " at p: the node id, and *after the rest; -1 when absent. */
static int node_prefix(const char *p, const char *end, const char **after)
{
	unsigned long n;
	const char *q = p;

	if (!pf_starts(p, (size_t)(end - p), "Node "))
		return -1;
	q += 5;
	if (!pf_scan_ulong(&q, end, &n) || q >= end || *q != ' ')
		return -1;
	*after = q + 1;
	return (int)n;
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
	long *f[] = { &z->free, &z->boost, &z->min, &z->low, &z->high,
		      &z->reserved_highatomic, &z->present, &z->managed,
		      &z->free_cma };

	if (!page_kb || page_kb == z->page_kb)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(f); i++)
		if (*f[i] >= 0)
			*f[i] = (long)((unsigned long)*f[i] * z->page_kb /
				       page_kb);
	z->page_kb = page_kb;
}

/* "key:123kB" fields of a zone line, stored by name. */
static void zone_field(struct pf_zone *z, const char *k, size_t kn,
		       unsigned long kb)
{
	static const struct {
		const char *name;
		size_t off;
	} fields[] = {
		{ "free", offsetof(struct pf_zone, free) },
		{ "boost", offsetof(struct pf_zone, boost) },
		{ "min", offsetof(struct pf_zone, min) },
		{ "low", offsetof(struct pf_zone, low) },
		{ "high", offsetof(struct pf_zone, high) },
		{ "reserved_highatomic", offsetof(struct pf_zone, reserved_highatomic) },
		{ "present", offsetof(struct pf_zone, present) },
		{ "managed", offsetof(struct pf_zone, managed) },
		{ "free_cma", offsetof(struct pf_zone, free_cma) },
	};

	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		if (strlen(fields[i].name) == kn &&
		    !memcmp(fields[i].name, k, kn)) {
			long *v = (long *)((char *)z + fields[i].off);

			*v = (long)(kb / z->page_kb);
			return;
		}
	}
}

static void parse_lowmem_reserve(const char *p, const char *end,
				 struct pf_zone *z)
{
	unsigned long v;

	z->nr_lowmem_reserve = 0;
	p = skip_ws(p, end);
	while (p < end && pf_scan_ulong(&p, end, &v)) {
		if (z->nr_lowmem_reserve < PF_MAX_ZONES)
			z->lowmem_reserve[z->nr_lowmem_reserve++] = (long)v;
		p = skip_ws(p, end);
	}
}

/*
 * The fields of a zone line from p on.  A mangled paste can glue the
 * lowmem_reserve[] line to its end (seen in a 4.14 report).
 */
static void parse_zone_fields(const char *p, const char *end,
			      struct pf_zone *z)
{
	while (p < end) {
		const char *k, *colon, *q;
		unsigned long v;

		p = skip_sep(p, end);
		if (p >= end)
			break;
		k = p;
		if (pf_starts(p, (size_t)(end - p), "lowmem_reserve[]:")) {
			parse_lowmem_reserve(p + 17, end, z);
			return;
		}
		while (p < end && *p != ' ' && *p != ':')
			p++;
		if (p >= end || *p != ':') {
			continue;
		}
		colon = p;
		q = colon + 1;
		if (pf_scan_ulong(&q, end, &v))
			zone_field(z, k, (size_t)(colon - k), v);
		p = q;
		while (p < end && *p != ' ')
			p++;
	}
}

/* "860*4kB (H) 453*8kB (H) ... = 14232kB", possibly only a piece of it. */
static void parse_buddy(const char *p, const char *end, struct pf_zone *z,
			bool first)
{
	while (p < end) {
		unsigned long count, size;
		const char *q;

		p = skip_ws(p, end);
		if (p >= end)
			break;
		if (*p == '=') {
			p = skip_ws(p + 1, end);
			if (pf_scan_ulong(&p, end, &size))
				z->buddy_total_kb = (long)size;
			break;
		}
		q = p;
		if (!pf_scan_ulong(&q, end, &count) || q >= end || *q != '*') {
			/* "(UME)" letters of the previous order */
			if (*p == '(' && z->nr_orders > 0) {
				const char *c = memchr(p, ')', (size_t)(end - p));

				if (!c)
					break;
				pf_strlcpyn(z->mt[z->nr_orders - 1], PF_MT_LETTERS,
					    p + 1, (size_t)(c - p - 1));
				z->has_mt = true;
				p = c + 1;
				continue;
			}
			/* "empty", a stray word: skip it */
			while (p < end && *p != ' ')
				p++;
			continue;
		}
		q++;
		if (!pf_scan_ulong(&q, end, &size))
			break;
		if (q < end && (*q == 'k' || *q == 'K'))
			q++;
		if (q < end && *q == 'B')
			q++;
		if (first && z->nr_orders == 0 && size)
			zone_rescale(z, (unsigned int)size);
		{
			unsigned long blocks = z->page_kb ? size / z->page_kb : 0;
			int order = 0;

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
		p = q;
	}
}

/* Is the line a run of "key:value" counters (the summary block)? */
static bool parse_counters(const char *p, const char *end, struct pf_report *r)
{
	int n = 0;

	while (p < end) {
		const char *k, *colon, *q;
		unsigned long v;

		p = skip_sep(p, end);
		if (p >= end)
			break;
		k = p;
		while (p < end && *p != ' ' && *p != ':')
			p++;
		if (p >= end || *p != ':' || p == k)
			return n > 0;
		colon = p;
		q = colon + 1;
		if (!pf_scan_ulong(&q, end, &v))
			return n > 0;
		if (q < end && *q != ' ' && *q != '\\')
			return n > 0;	/* "12kB": not a page counter */
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
	return n > 0;
}

/* "N total pagecache pages", "N pages RAM", "Free swap  = 0kB" ... */
static int parse_trailer(const char *p, const char *end, struct pf_report *r)
{
	size_t len = (size_t)(end - p);
	const char *q = p;
	unsigned long v;

	if (pf_starts(p, len, "Free swap")) {
		q = memchr(p, '=', len);
		if (!q)
			q = memchr(p, ':', len);
		if (q) {
			q = skip_ws(q + 1, end);
			if (pf_scan_ulong(&q, end, &v))
				r->free_swap_kb = (long)v;
		}
		return PF_MEM_TRAILER;
	}
	if (pf_starts(p, len, "Total swap")) {
		q = memchr(p, '=', len);
		if (q) {
			q = skip_ws(q + 1, end);
			if (pf_scan_ulong(&q, end, &v))
				r->total_swap_kb = (long)v;
		}
		return PF_MEM_TRAILER;
	}
	if (pf_starts(p, len, "Swap cache"))
		return PF_MEM_TRAILER;
	if (!pf_scan_ulong(&q, end, &v) || q >= end || *q != ' ')
		return PF_MEM_NONE;
	q++;
	len = (size_t)(end - q);
	if (pf_starts(q, len, "total pagecache pages")) {
		r->pagecache_pages = (long)v;
		return PF_MEM_TRAILER;
	}
	if (pf_starts(q, len, "pages in swap cache")) {
		r->swap_cache_pages = (long)v;
		return PF_MEM_TRAILER;
	}
	if (pf_starts(q, len, "pages RAM") || pf_starts(q, len, "pages of RAM")) {
		r->pages_ram = (long)v;
		return PF_MEM_TRAILER;
	}
	if (pf_starts(q, len, "pages HighMem") ||
	    pf_starts(q, len, "pages of HIGHMEM")) {
		r->pages_highmem = (long)v;
		return PF_MEM_TRAILER;
	}
	if (pf_starts(q, len, "pages reserved") ||
	    pf_starts(q, len, "reserved pages")) {
		r->pages_reserved = (long)v;
		return PF_MEM_TRAILER;
	}
	/* the last line show_mem() prints, era by era */
	if (pf_starts(q, len, "pages hwpoisoned") ||
	    pf_starts(q, len, "pages non-shared") ||
	    pf_starts(q, len, "pages swap cached"))
		return PF_MEM_END;
	if (pf_starts(q, len, "pages ") || pf_starts(q, len, "free pages") ||
	    pf_starts(q, len, "slab pages") || pf_starts(q, len, "pages shared"))
		return PF_MEM_TRAILER;
	return PF_MEM_NONE;
}

int pf_mem_line(const char *msg, size_t len, struct pf_report *r, bool in_mem)
{
	const char *p = msg, *end = msg + len, *rest;
	int node;
	size_t zn;

	if (pf_starts(p, len, "Mem-Info:") || pf_starts(p, len, "Mem-info:"))
		return PF_MEM_START;
	if (pf_starts(p, len, "lowmem_reserve[]:")) {
		if (r->nr_zones)
			parse_lowmem_reserve(p + 17, end,
					     &r->zones[r->nr_zones - 1]);
		return PF_MEM_BODY;
	}

	node = node_prefix(p, end, &rest);
	if (node < 0)
		rest = p;
	if (pf_starts(rest, (size_t)(end - rest), "hugepages_total=")) {
		r->nr_hugepage_lines++;
		return PF_MEM_TRAILER;
	}
	/* zone line: "[Node N ]Normal free:14040kB min:7440kB ..." */
	zn = zone_name_at(rest, end, " free:");
	if (zn) {
		struct pf_zone *z = find_zone(r, node < 0 ? 0 : node, rest, zn);

		if (!z)
			z = add_zone(r, node, node >= 0, rest, zn);
		if (z)
			parse_zone_fields(rest + zn, end, z);
		return PF_MEM_BODY;
	}
	/* buddy line: "[Node N ]Normal: 860*4kB (H) ... = 14232kB" */
	zn = zone_name_at(rest, end, ": ");
	if (zn) {
		const char *q = skip_ws(rest + zn + 1, end);
		unsigned long v;
		const char *t = q;

		if (pf_starts(q, (size_t)(end - q), "empty") ||
		    (pf_scan_ulong(&t, end, &v) && t < end && *t == '*')) {
			struct pf_zone *z = find_zone(r, node < 0 ? 0 : node,
						      rest, zn);

			if (!z)
				z = add_zone(r, node, node >= 0, rest, zn);
			if (z) {
				if (pf_starts(q, (size_t)(end - q), "empty")) {
					z->buddy_total_kb = 0;
					z->nr_orders = 0;
				} else {
					parse_buddy(q, end, z, true);
				}
			}
			return PF_MEM_BODY;
		}
	}
	/*
	 * What follows is only told apart from other messages by where it
	 * stands: after "Mem-Info:".
	 */
	if (!in_mem)
		return PF_MEM_NONE;
	/* per-cpu lists (2.6.x - 3.10) */
	if (zone_name_at(rest, end, " per-cpu:") ||
	    (pf_starts(p, len, "CPU ") && pf_memstr(p, len, "hi:")) ||
	    (pf_starts(p, len, "cpu ") && (pf_memstr(p, len, " hot:") ||
					   pf_memstr(p, len, " cold:"))))
		return PF_MEM_BODY;
	if (pf_starts(p, len, "Free pages:"))
		return PF_MEM_BODY;
	/* per-node line of 4.8+: "Node 0 active_anon:447304kB ..." */
	if (node >= 0 && memchr(rest, ':', (size_t)(end - rest)))
		return PF_MEM_BODY;
	{
		int t = parse_trailer(p, end, r);

		if (t)
			return t;
	}
	if (parse_counters(p, end, r))
		return PF_MEM_BODY;
	return PF_MEM_NONE;
}

bool pf_mem_continue(const char *msg, size_t len, struct pf_report *r)
{
	const char *end = msg + len, *q = msg;
	struct pf_zone *z;
	unsigned long v;

	if (!r->nr_zones)
		return false;
	z = &r->zones[r->nr_zones - 1];
	/* a buddy line cut before its "= NkB" */
	if (z->nr_orders > 0 && z->buddy_total_kb < 0 &&
	    ((pf_scan_ulong(&q, end, &v) && q < end && *q == '*') ||
	     (msg[0] == '(' && len < 12) || msg[0] == '=')) {
		parse_buddy(msg, end, z, false);
		return true;
	}
	/* a zone line cut after some fields: "active_anon:0kB inactive_..." */
	if (z->nr_orders == 0 && z->buddy_total_kb < 0 && len > 4 &&
	    islower((unsigned char)msg[0])) {
		const char *c = memchr(msg, ':', len);

		if (c && c + 1 < end && isdigit((unsigned char)c[1]) &&
		    memchr(msg, ' ', (size_t)(c - msg)) == NULL &&
		    pf_memstr(msg, len, "kB")) {
			parse_zone_fields(msg, end, z);
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
