// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_meminfo.c - libFuzzer target for the Mem-Info parser on its own
 * (pf_mem_line, pf_mem_continue, pf_mem_zones_whole of lib/report/meminfo.c): the
 * input is the Mem-Info part of a log.  Every line is taken apart by
 * pf_line_parse() as the scanner does, then given to pf_mem_line(), inside
 * the dump once a "Mem-Info:" line was seen, and to pf_mem_continue() when
 * it is not a line of its own, until the dump's last line.  No header and
 * no call trace are needed, so every input reaches the counters, zone,
 * lowmem_reserve and buddy parsers.
 *
 * The first byte picks the failed order and the kernel era of the report;
 * the zones parsed are then checked against their bounds and put through
 * what explain and status compute from them (the watermark check of the
 * era, the fragmentation indices, the atomic headroom), where out-of-range
 * numbers would overflow.
 */
#define _GNU_SOURCE /* nftw */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libpagefail.h"
#include "report/internal.h"
#include "fuzz_system.h"

/* One kernel of each watermark era, and none. */
static const char *const kernels[8] = {
	"2.6.18-398.el5",
	"2.6.32-220.el6.x86_64",
	"2.6.32-358.2.1.el6",
	"3.10.0-1160.el7.x86_64",
	"4.19.0-17-amd64",
	"5.10.0-8-amd64",
	"6.6.30",
	NULL,
};

static struct pf_report r;
static struct pf_explain ex;

static void check_report(void)
{
	unsigned long sum = 0;
	int era = pf_wm_era_of(&r.kernel, r.gfp_layout);

	if (r.nr_zones < 0 || r.nr_zones > PF_ZONES_MAX || r.nr_counters < 0 ||
	    r.nr_counters > PF_COUNTERS_MAX)
		abort();
	for (int i = 0; i < r.nr_counters; i++) {
		if (strnlen(r.counters[i].name, sizeof(r.counters[i].name)) >=
		    sizeof(r.counters[i].name))
			abort();
		sum += (unsigned long)pf_report_counter(&r, r.counters[i].name);
	}
	for (int i = 0; i < r.nr_zones; i++) {
		const struct pf_zone *z = &r.zones[i];
		int cz = pf_zone_classzone(r.zones, r.nr_zones, z->type);

		sum += fuzz_touch_zone(z) + (unsigned long)z->buddy_total_kb;
		for (int o = 0; o < z->nr_orders; o++)
			sum += (unsigned long)(pf_unusable_index(z->nr_free,
								 z->nr_orders,
								 o) +
					       pf_extfrag_index(z->nr_free,
								z->nr_orders,
								o));
		for (int o = 0; o < PF_HEADROOM_ORDERS; o++)
			sum += (unsigned long)pf_zone_headroom(
				z, o, pf_atomic_alloc_flags(era, o), cz, era);
	}
	sum += (unsigned long)pf_zones_min_free_kbytes(r.zones, r.nr_zones);
	sum += (unsigned long)r.pagecache_pages +
	       (unsigned long)r.swap_cache_pages +
	       (unsigned long)r.free_swap_kb + (unsigned long)r.total_swap_kb +
	       (unsigned long)r.pages_ram + (unsigned long)r.pages_highmem +
	       (unsigned long)r.pages_reserved + pf_mem_zones_whole(&r);
	if (!pf_explain_report(&r, NULL, &ex))
		sum += (unsigned long)ex.cause + (unsigned long)ex.summary +
		       (unsigned long)ex.nr_passing;
	fuzz_diag_bytes += sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *kv;
	size_t start = 1;
	bool in_mem = false;

	if (!size)
		return 0;
	pf_report_init(&r);
	r.order = data[0] & 0x0f;
	kv = kernels[(data[0] >> 4) & 7];
	if (kv)
		pf_kver_parse(kv, &r.kernel);
	r.gfp_layout = pf_gfp_layout_of(&r.kernel);
	/* GFP_ATOMIC of the era, or of 5.x when none is known */
	r.gfp_mask = r.gfp_layout && r.gfp_layout < PF_GFP_4_4 ? 0x20 : 0xa20;
	snprintf(r.mode, sizeof(r.mode), "%#lx", r.gfp_mask);
	snprintf(r.task, sizeof(r.task), "fuzz");

	while (start <= size) {
		const uint8_t *nl = memchr(data + start, '\n', size - start);
		size_t end = nl ? (size_t)(nl - data) : size;
		/*
		 * A buffer of its own, so that a read past the line is caught;
		 * NUL-ended, as the scanner's line buffer has a byte after an
		 * empty message (pf_mem_continue() looks at msg[0] of one).
		 */
		char *s = malloc(end - start + 1);
		struct pf_line l;
		int k;

		if (!s)
			break;
		memcpy(s, data + start, end - start);
		s[end - start] = '\0';
		pf_line_parse(s, end - start, 2024, &l);
		k = pf_mem_line(l.msg, l.msg_len, &r, in_mem);
		if (k == PF_MEM_START || k == PF_MEM_BODY)
			in_mem = true;
		else if (k == PF_MEM_NONE && in_mem)
			pf_mem_continue(l.msg, l.msg_len, &r);
		free(s);
		if (k == PF_MEM_END || !nl)
			break;
		start = end + 1;
	}
	if (in_mem)
		r.flags |= PF_REPORT_HAS_MEMINFO;
	check_report();
	return 0;
}
