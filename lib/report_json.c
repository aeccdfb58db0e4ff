// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * report_json.c - one report as one JSON object: the keys of the scan
 * contract (source, line, host, time, task, pid, order, mode, gfp_mask,
 * gfp_flags, kernel, context, trace, zones, complete) and more beside them.
 * Keys are only ever added, never renamed or dropped.
 */
#include <limits.h>
#include <string.h>

#include "internal.h"

static void str_or_null(struct pf_json *j, const char *key, const char *s)
{
	pf_json_key(j, key);
	if (s && s[0])
		pf_json_str(j, s);
	else
		pf_json_null(j);
}

static void long_or_null(struct pf_json *j, const char *key, long v)
{
	pf_json_key(j, key);
	if (v >= 0)
		pf_json_int(j, v);
	else
		pf_json_null(j);
}

static void kb_or_null(struct pf_json *j, const char *key, long pages,
		       unsigned int page_kb)
{
	pf_json_key(j, key);
	if (pages >= 0)
		pf_json_int(j, (long long)pages * page_kb);
	else
		pf_json_null(j);
}

static void zone_json(const struct pf_zone *z, struct pf_json *j)
{
	pf_json_obj_open(j);
	pf_json_key(j, "node");
	pf_json_int(j, z->node);
	pf_json_key(j, "zone");
	pf_json_str(j, z->name);
	kb_or_null(j, "free_kb", z->free, z->page_kb);
	kb_or_null(j, "min_kb", z->min, z->page_kb);
	kb_or_null(j, "low_kb", z->low, z->page_kb);
	kb_or_null(j, "high_kb", z->high, z->page_kb);
	kb_or_null(j, "managed_kb", z->managed, z->page_kb);
	kb_or_null(j, "present_kb", z->present, z->page_kb);
	kb_or_null(j, "boost_kb", z->boost, z->page_kb);
	kb_or_null(j, "reserved_highatomic_kb", z->reserved_highatomic,
		   z->page_kb);
	kb_or_null(j, "free_cma_kb", z->free_cma, z->page_kb);
	pf_json_key(j, "lowmem_reserve");
	if (z->nr_lowmem_reserve < 0) {
		pf_json_null(j);
	} else {
		pf_json_arr_open(j);
		for (int i = 0; i < z->nr_lowmem_reserve; i++)
			pf_json_int(j, z->lowmem_reserve[i]);
		pf_json_arr_close(j);
	}
	pf_json_key(j, "free_blocks");
	if (z->buddy_total_kb < 0 && !z->nr_orders) {
		pf_json_null(j);
	} else {
		pf_json_arr_open(j);
		for (int o = 0; o < z->nr_orders; o++)
			pf_json_uint(j, z->nr_free[o]);
		pf_json_arr_close(j);
	}
	pf_json_key(j, "migratetypes");
	if (!z->has_mt) {
		pf_json_null(j);
	} else {
		pf_json_arr_open(j);
		for (int o = 0; o < z->nr_orders; o++)
			pf_json_str(j, z->mt[o]);
		pf_json_arr_close(j);
	}
	long_or_null(j, "buddy_total_kb", z->buddy_total_kb);
	pf_json_key(j, "page_kb");
	pf_json_uint(j, z->page_kb);
	pf_json_obj_close(j);
}

static const char *const kernel_from_names[] = {
	[PF_KERNEL_NONE] = NULL, [PF_KERNEL_REPORT] = "report",
	[PF_KERNEL_LOG] = "log", [PF_KERNEL_OPTION] = "option",
	[PF_KERNEL_INFERRED] = "inferred",
};

void pf_report_json(const struct pf_report *r, struct pf_json *j)
{
	const char *names[64];
	char spare[1024], buf[512];
	size_t n;

	pf_json_obj_open(j);
	str_or_null(j, "source", r->source);
	pf_json_key(j, "line");
	pf_json_uint(j, r->line);
	pf_json_key(j, "last_line");
	pf_json_uint(j, r->last_line);
	str_or_null(j, "host", r->host);
	str_or_null(j, "time", r->time);
	pf_json_key(j, "epoch");
	if (r->epoch != INT64_MIN)
		pf_json_int(j, r->epoch);
	else
		pf_json_null(j);
	pf_json_key(j, "monotonic");
	if (r->mono >= 0)
		pf_json_double(j, r->mono);
	else
		pf_json_null(j);
	str_or_null(j, "task", r->task);
	long_or_null(j, "pid", r->pid);
	long_or_null(j, "cpu", r->cpu);
	str_or_null(j, "comm", r->comm);
	long_or_null(j, "order", r->order);
	pf_json_key(j, "size_bytes");
	pf_json_uint(j, pf_report_bytes(r));
	str_or_null(j, "mode", r->mode);
	pf_json_key(j, "gfp_mask");
	if (r->mode[0])
		pf_json_uint(j, r->gfp_mask);
	else
		pf_json_null(j);
	str_or_null(j, "mode_names", r->mode_names);
	pf_json_key(j, "gfp_flags");
	if (r->mode[0] && r->gfp_layout) {
		n = pf_gfp_flags(r->gfp_mask, r->gfp_layout, names, 64, spare,
				 sizeof(spare));
		pf_json_arr_open(j);
		for (size_t i = 0; i < n; i++)
			pf_json_str(j, names[i]);
		pf_json_arr_close(j);
	} else {
		pf_json_null(j);
	}
	pf_json_key(j, "gfp_symbolic");
	if (r->mode[0] && r->gfp_layout &&
	    pf_gfp_format(r->gfp_mask, r->gfp_layout, buf, sizeof(buf)) >= 0)
		pf_json_str(j, buf);
	else
		pf_json_null(j);
	pf_json_key(j, "gfp_layout");
	if (r->gfp_layout)
		pf_json_str(j, pf_gfp_layout_name(r->gfp_layout));
	else
		pf_json_null(j);
	str_or_null(j, "nodemask", r->nodemask);
	str_or_null(j, "cpuset", r->cpuset);
	str_or_null(j, "mems_allowed", r->mems_allowed);
	long_or_null(j, "callbacks_suppressed", r->callbacks_suppressed);
	str_or_null(j, "caller_msg", r->caller_msg);
	str_or_null(j, "kernel", pf_kver_known(&r->kernel) ? r->kernel.str : NULL);
	str_or_null(j, "kernel_source",
		    pf_kver_known(&r->kernel) || r->kernel_from == PF_KERNEL_INFERRED
			    ? kernel_from_names[r->kernel_from] : NULL);
	str_or_null(j, "taint", r->taint);
	str_or_null(j, "hardware", r->hardware);
	str_or_null(j, "workqueue", r->workqueue);

	pf_json_key(j, "context");
	pf_json_obj_open(j);
	pf_json_key(j, "kind");
	pf_json_str(j, pf_ctx_kind_name(r->context.kind));
	str_or_null(j, "softirq", r->context.softirq);
	str_or_null(j, "subsystem", r->context.subsystem);
	str_or_null(j, "via", r->context.via);
	str_or_null(j, "call_site", r->context.call_site);
	pf_json_obj_close(j);
	pf_report_meaning(r, buf, sizeof(buf));
	str_or_null(j, "meaning", buf);

	pf_json_key(j, "trace");
	pf_json_arr_open(j);
	for (int i = 0; i < r->nr_frames; i++)
		if (r->frames[i].kind == PF_FRAME_FUNC)
			pf_json_str(j, r->frames[i].func);
	pf_json_arr_close(j);
	pf_json_key(j, "trace_modules");
	pf_json_arr_open(j);
	for (int i = 0; i < r->nr_frames; i++) {
		if (r->frames[i].kind != PF_FRAME_FUNC)
			continue;
		if (r->frames[i].module[0])
			pf_json_str(j, r->frames[i].module);
		else
			pf_json_null(j);
	}
	pf_json_arr_close(j);
	pf_json_key(j, "trace_markers");
	pf_json_arr_open(j);
	for (int i = 0; i < r->nr_frames; i++)
		if (r->frames[i].kind == PF_FRAME_MARKER)
			pf_json_str(j, r->frames[i].func);
	pf_json_arr_close(j);

	pf_json_key(j, "has_meminfo");
	pf_json_bool(j, r->flags & PF_REPORT_HAS_MEMINFO);
	pf_json_key(j, "counters");
	pf_json_obj_open(j);
	for (int i = 0; i < r->nr_counters; i++) {
		pf_json_key(j, r->counters[i].name);
		pf_json_int(j, r->counters[i].value);
	}
	pf_json_obj_close(j);
	pf_json_key(j, "zones");
	pf_json_arr_open(j);
	for (int i = 0; i < r->nr_zones; i++)
		zone_json(&r->zones[i], j);
	pf_json_arr_close(j);
	long_or_null(j, "pagecache_pages", r->pagecache_pages);
	long_or_null(j, "free_swap_kb", r->free_swap_kb);
	long_or_null(j, "total_swap_kb", r->total_swap_kb);
	long_or_null(j, "pages_ram", r->pages_ram);
	long_or_null(j, "pages_reserved", r->pages_reserved);
	pf_json_key(j, "complete");
	pf_json_bool(j, r->flags & PF_REPORT_COMPLETE);
	pf_json_key(j, "truncated");
	pf_json_bool(j, r->flags & PF_REPORT_TRUNCATED);
	pf_json_key(j, "wrapped");
	pf_json_bool(j, r->flags & PF_REPORT_WRAPPED);
	pf_json_obj_close(j);
}
