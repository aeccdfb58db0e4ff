// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * report.c - the report model: its defaults, the allocation size, counters,
 * and the choice of kernel version (and so of GFP bit layout) to decode
 * the mode with.  What the call trace says (call site, signature,
 * context) is context.c's.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "report/internal.h"
#include "util/util.h"

void pf_report_init(struct pf_report *r)
{
	memset(r, 0, sizeof(*r));
	r->mono = -1;
	r->epoch = INT64_MIN;
	r->order = -1;
	r->pid = -1;
	r->cpu = -1;
	r->callbacks_suppressed = -1;
	r->pagecache_pages = r->swap_cache_pages = -1;
	r->free_swap_kb = r->total_swap_kb = -1;
	r->pages_ram = r->pages_highmem = r->pages_reserved = -1;
}

void pf_report_bad(struct pf_report *r, int kind, const char *zone,
		   const char *s, const char *end)
{
	const char *t = s;

	if (r->nr_bad_fields++)
		return;
	r->bad_kind = kind;
	if (!end)
		end = s + strlen(s);
	while (t < end && *t != ' ' && *t != '\t' && *t != ',')
		t++;
	snprintf(r->bad_field, sizeof(r->bad_field), "%s%s%.*s",
		 zone ? zone : "", zone ? " " : "", (int)(t - s), s);
}

static unsigned int report_page_kb(const struct pf_report *r)
{
	for (int i = 0; i < r->nr_zones; i++)
		if (r->zones[i].nr_orders)
			return r->zones[i].page_kb;
	return 4;
}

unsigned long long pf_report_bytes(const struct pf_report *r)
{
	if (r->order < 0)
		return 0;
	return (unsigned long long)report_page_kb(r) * 1024ULL << r->order;
}

long pf_report_counter(const struct pf_report *r, const char *name)
{
	for (int i = 0; i < r->nr_counters; i++)
		if (!strcmp(r->counters[i].name, name))
			return r->counters[i].value;
	return -1;
}

void pf_report_decode(struct pf_report *r, const struct pf_kver *log_kernel,
		      const struct pf_kver *option)
{
	if (!pf_kver_known(&r->kernel)) {
		if (pf_kver_known(log_kernel)) {
			r->kernel = *log_kernel;
			r->kernel_from = PF_KERNEL_LOG;
		} else if (pf_kver_known(option)) {
			r->kernel = *option;
			r->kernel_from = PF_KERNEL_OPTION;
		}
	}
	if (pf_kver_known(&r->kernel))
		r->gfp_layout = pf_gfp_layout_of(&r->kernel);
	/*
	 * Where the kernel printed the names (%pGg, 4.6+), they are the best
	 * witness of the bit layout: keep the version's layout when it renders
	 * them exactly, else take the layout that does.
	 */
	if (r->mode_names[0]) {
		char buf[256];

		if (!r->gfp_layout ||
		    pf_gfp_format(r->gfp_mask, r->gfp_layout, buf, sizeof(buf)) < 0 ||
		    strcmp(buf, r->mode_names)) {
			int l = pf_gfp_layout_infer(r->gfp_mask, r->mode_names);

			if (l)
				r->gfp_layout = l;
		}
	} else if (!r->gfp_layout && r->mode[0]) {
		r->gfp_layout = pf_gfp_layout_infer(r->gfp_mask, NULL);
	}
	if (r->gfp_layout && !pf_kver_known(&r->kernel))
		r->kernel_from = PF_KERNEL_INFERRED;
}
