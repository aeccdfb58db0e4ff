// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * print_zone.c - the one JSON object of a zone, the same in the output of
 * scan, explain, status and simulate: every size both as NAME_kb and as
 * NAME_pages (page_kb the page size), so that no reader converts, and the
 * free lists.  scan's keys (free_kb, min_kb, low_kb, high_kb, managed_kb,
 * lowmem_reserve, free_blocks, migratetypes) and status's (free_pages,
 * min_pages, ...) are both in it, each in its old order, the other's
 * inserted around them.
 */
#include "cli.h"
#include "print.h"

/* The sizes of a zone, in pages: the members of print_zone_sizes() */
/* clang-format off */
static const char *const size_names[ZS_NR] = {
	[ZS_FREE] = "free", [ZS_MIN] = "min", [ZS_LOW] = "low",
	[ZS_HIGH] = "high", [ZS_MANAGED] = "managed", [ZS_PRESENT] = "present",
	[ZS_BOOST] = "boost", [ZS_HIGHATOMIC] = "reserved_highatomic",
	[ZS_CMA] = "free_cma",
};
/* clang-format on */

/* kB in the order of scan's contract, pages in the order status had */
static const enum zone_size kb_order[] = {
	ZS_FREE,    ZS_MIN,   ZS_LOW,	     ZS_HIGH, ZS_MANAGED,
	ZS_PRESENT, ZS_BOOST, ZS_HIGHATOMIC, ZS_CMA,
};
static const enum zone_size pages_order[] = {
	ZS_MANAGED, ZS_PRESENT, ZS_FREE,       ZS_MIN, ZS_LOW,
	ZS_HIGH,    ZS_BOOST,	ZS_HIGHATOMIC, ZS_CMA,
};

void print_zone_sizes(const long *size, unsigned int page_kb,
		      unsigned int which)
{
	char key[48];

	/* all in kB, then all in pages */
	for (int pages = 0; pages < 2; pages++) {
		for (int i = 0; i < ZS_NR; i++) {
			enum zone_size s = pages ? pages_order[i] : kb_order[i];

			if (!(which & (1u << s)))
				continue;
			snprintf(key, sizeof(key), "%s_%s", size_names[s],
				 pages ? "pages" : "kb");
			if (pages)
				print_pages(PRINT_JSON, key, NULL, size[s],
					    page_kb);
			else
				print_kb(PRINT_JSON, key, NULL, size[s],
					 page_kb);
		}
	}
}

/* A list of the zone: null when not known, else the opening of its array. */
static bool open_list(const char *key, bool known)
{
	if (known)
		open_json_array(key);
	else
		print_null(PRINT_JSON, key, NULL, NULL);
	return known;
}

/* The free lists: what each order holds, and the reserve below it. */
static void print_zone_lists(const struct pf_zone *z)
{
	if (open_list("lowmem_reserve", z->nr_lowmem_reserve >= 0)) {
		for (int i = 0; i < z->nr_lowmem_reserve; i++)
			print_int(PRINT_JSON, NULL, NULL, z->lowmem_reserve[i]);
		close_json_array();
	}
	/*
	 * Not known without a buddy line (or buddyinfo); a zone that manages
	 * no page has no free block, with or without one
	 */
	if (open_list("free_blocks",
		      z->buddy_total_kb >= 0 || z->nr_orders || !z->managed)) {
		for (int o = 0; o < z->nr_orders; o++)
			print_uint(PRINT_JSON, NULL, NULL, z->nr_free[o]);
		close_json_array();
	}
	if (open_list("migratetypes", z->has_mt)) {
		for (int o = 0; o < z->nr_orders; o++)
			print_string(PRINT_JSON, NULL, NULL, z->mt[o]);
		close_json_array();
	}
}

void print_zone_keys(const struct pf_zone *z)
{
	/* clang-format off */
	const long size[ZS_NR] = {
		[ZS_FREE] = z->free, [ZS_MIN] = z->min, [ZS_LOW] = z->low,
		[ZS_HIGH] = z->high, [ZS_MANAGED] = z->managed,
		[ZS_PRESENT] = z->present, [ZS_BOOST] = z->boost,
		[ZS_HIGHATOMIC] = z->reserved_highatomic,
		[ZS_CMA] = z->free_cma,
	};
	/* clang-format on */
	long total = z->buddy_total_kb;

	print_int(PRINT_JSON, "node", NULL, z->node);
	print_string(PRINT_JSON, "zone", NULL, z->name);
	print_zone_sizes(size, z->page_kb, ZS_ALL);
	print_zone_lists(z);
	/* the "= NkB" of the buddy line, which the kernel prints in kB */
	print_num(PRINT_JSON, "buddy_total_kb", NULL, total);
	/* (long): on a 32-bit build long / unsigned int is unsigned, and
	 * the -1 became 4294967295 */
	print_num(PRINT_JSON, "buddy_total_pages", NULL,
		  total >= 0 && z->page_kb ? total / (long)z->page_kb : -1);
	print_uint(PRINT_JSON, "page_kb", NULL, z->page_kb);
}
