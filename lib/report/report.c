// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * report.c - the report model: its defaults, the allocation size, counters,
 * and the choice of kernel version (and so of GFP bit layout) to decode
 * the mode with.  What the call trace says (call site, signature,
 * context) is context.c's.
 */
#include <limits.h>
#include <stdlib.h>
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
		    pf_gfp_format(r->gfp_mask, r->gfp_layout, buf,
				  sizeof(buf)) < 0 ||
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

/*
 * The public view of a report (include/pagefail.h): programs that link
 * libpagefail read a report through these, so that struct pf_report can
 * grow without breaking them.
 */
const char *pf_report_source(const struct pf_report *r)
{
	return r->source ? r->source : "";
}

unsigned long pf_report_line(const struct pf_report *r)
{
	return r->line;
}

const char *pf_report_host(const struct pf_report *r)
{
	return r->host;
}

const char *pf_report_time(const struct pf_report *r)
{
	return r->time;
}

int64_t pf_report_epoch(const struct pf_report *r)
{
	return r->epoch;
}

const char *pf_report_task(const struct pf_report *r)
{
	return r->task;
}

int pf_report_pid(const struct pf_report *r)
{
	return r->pid;
}

int pf_report_order(const struct pf_report *r)
{
	return r->order;
}

unsigned long pf_report_gfp_mask(const struct pf_report *r)
{
	return r->gfp_mask;
}

int pf_report_gfp_layout(const struct pf_report *r)
{
	return r->gfp_layout;
}

const struct pf_kver *pf_report_kernel(const struct pf_report *r)
{
	return &r->kernel;
}

int pf_report_context(const struct pf_report *r)
{
	return r->context.kind;
}

const char *pf_report_call_site(const struct pf_report *r)
{
	return r->context.call_site;
}

int pf_report_nr_frames(const struct pf_report *r)
{
	return r->nr_frames;
}

const char *pf_report_frame(const struct pf_report *r, int i)
{
	return i >= 0 && i < r->nr_frames ? r->frames[i].func : NULL;
}

int pf_report_nr_zones(const struct pf_report *r)
{
	return r->nr_zones;
}

const struct pf_zone *pf_report_zone(const struct pf_report *r, int i)
{
	return i >= 0 && i < r->nr_zones ? &r->zones[i] : NULL;
}

bool pf_report_complete(const struct pf_report *r)
{
	return r->flags & PF_REPORT_COMPLETE;
}

/* The copy keeps the source name by pointer, as the scanner does. */
struct pf_report *pf_report_dup(const struct pf_report *r)
{
	struct pf_report *d = malloc(sizeof(*d));

	if (d)
		*d = *r;
	return d;
}

void pf_report_free(struct pf_report *r)
{
	free(r);
}
