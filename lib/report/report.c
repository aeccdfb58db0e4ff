// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * report.c - the report model: its defaults, the allocation size, counters,
 * the call-site signature used to group reports, and the choice of kernel
 * version (and so of GFP bit layout) to decode the mode with.
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

/*
 * Frames that belong to the reporting and the page allocator itself; the
 * call site is the first frame after them.
 */
static bool is_alloc_frame(const char *f)
{
	static const char *const prefixes[] = {
		"dump_stack", "show_stack", "dump_backtrace", "__dump_stack",
		"warn_alloc", "__warn_alloc", "__alloc_pages", "alloc_pages",
		"__get_free_pages", "get_zeroed_page", "__get_free_page",
		"alloc_pages_current", "alloc_pages_vma", "__alloc_pages_node",
		"alloc_page_interleave", "__alloc_pages_slowpath",
		"__alloc_pages_nodemask", "__alloc_pages_noprof",
		"alloc_pages_noprof", "alloc_pages_mpol", "__folio_alloc",
		"folio_alloc", "alloc_slab_page", "__alloc_pages_direct",
		"__alloc_pages_may_oom", "warn_alloc_failed",
		"__dump_page", "unwind_backtrace", "__get_free_pages_noprof",
		"get_page_from_freelist",
	};

	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (!strncmp(f, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

/*
 * A "? " frame is a return address the unwinder found on the stack but
 * could not prove live (x86 show_trace_log_lvl(), arm64 likewise): often
 * stale.  The call site is the first reliable frame outside the
 * allocator; an unreliable one only when the trace has nothing better.
 */
const char *pf_report_call_site(const struct pf_report *r, int *index)
{
	int fallback = -1;

	for (int i = 0; i < r->nr_frames; i++) {
		const struct pf_frame *f = &r->frames[i];

		if (f->kind != PF_FRAME_FUNC || is_alloc_frame(f->func))
			continue;
		if (f->unreliable) {
			if (fallback < 0)
				fallback = i;
			continue;
		}
		if (index)
			*index = i;
		return f->func;
	}
	if (fallback < 0)
		return NULL;
	if (index)
		*index = fallback;
	return r->frames[fallback].func;
}

bool pf_frame_counts(const struct pf_frame *f, bool site_unreliable)
{
	return f->kind == PF_FRAME_FUNC && (!f->unreliable || site_unreliable);
}

size_t pf_report_signature(const struct pf_report *r, char *buf, size_t len)
{
	bool all;
	int start = 0, n = 0;
	size_t used = 0;

	if (!len)
		return 0;
	buf[0] = '\0';
	if (!pf_report_call_site(r, &start))
		return 0;
	all = r->frames[start].unreliable;
	/* past slab growth and skb allocation: who called them tells more */
	for (int i = start; i < r->nr_frames; i++) {
		if (pf_frame_counts(&r->frames[i], all) &&
		    !pf_frame_is_layer(r->frames[i].func)) {
			start = i;
			break;
		}
	}
	/* three frames after the allocator tell call sites apart */
	for (int i = start; i < r->nr_frames && n < 3; i++) {
		const struct pf_frame *f = &r->frames[i];
		size_t fl;

		if (!pf_frame_counts(f, all))
			continue;
		fl = strlen(f->func);
		if (used + fl + 2 >= len)
			break;
		if (n)
			buf[used++] = '<';
		memcpy(buf + used, f->func, fl);
		used += fl;
		buf[used] = '\0';
		n++;
	}
	return used;
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
	pf_report_classify(r);
}
