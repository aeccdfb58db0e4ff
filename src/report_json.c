// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * report_json.c - one report as one JSON object: the keys of the scan
 * contract (source, line, host, time, task, pid, order, mode, gfp_mask,
 * gfp_flags, kernel, context, trace, zones, complete) and more beside them.
 * Keys are only ever added, never renamed or dropped.  explain writes
 * the same object with its verdicts added (the explain contract:
 * zones[].check, summary, known_cause, disagrees).
 */
#include <limits.h>
#include <string.h>

#include "json.h"

static void kb_or_null(struct pf_json *j, const char *key, long pages,
		       unsigned int page_kb)
{
	pf_json_key(j, key);
	if (pages >= 0)
		pf_json_int(j, (long long)pages * page_kb);
	else
		pf_json_null(j);
}

/* zones[].check: the emulated watermark check at the failed order */
static void check_json(const struct pf_zone_verdict *v, struct pf_json *j)
{
	const struct pf_wm_check *c = &v->check;

	pf_json_key(j, "check");
	pf_json_obj_open(j);
	pf_json_key(j, "passes");
	pf_json_bool(j, c->passes);
	pf_json_key(j, "cause");
	pf_json_str(j, pf_cause_name(c->cause));
	pf_json_key(j, "largest_free_order");
	pf_json_int(j, v->largest_free_order);
	pf_json_key(j, "unusable_index");
	if (v->unusable_index >= 0)
		pf_json_double(j, v->unusable_index / 1000.0);
	else
		pf_json_null(j);
	pf_json_key(j, "extfrag_index");
	if (v->unusable_index >= 0)
		pf_json_double(j, v->extfrag_index / 1000.0);
	else
		pf_json_null(j);
	pf_json_key(j, "allowed");
	pf_json_bool(j, v->allowed);
	pf_json_key_str(j, "not_allowed_because", v->why_not);
	pf_json_key(j, "zone_idx");
	pf_json_int(j, v->zone_idx);
	if (v->evaluated) {
		pf_json_key(j, "free_pages");
		pf_json_int(j, c->free);
		pf_json_key(j, "usable_pages");
		pf_json_int(j, c->usable);
		pf_json_key(j, "mark_pages");
		pf_json_int(j, c->mark);
		pf_json_key(j, "min_pages");
		pf_json_int(j, c->min);
		pf_json_key(j, "lowmem_reserve_pages");
		pf_json_int(j, c->reserve);
		pf_json_key(j, "highatomic_pages");
		pf_json_int(j, c->highatomic);
		pf_json_key(j, "cma_pages");
		pf_json_int(j, c->cma);
		pf_json_key(j, "margin_pages");
		pf_json_int(j, c->margin);
		pf_json_key(j, "failed_order");
		if (c->failed_order >= 0)
			pf_json_int(j, c->failed_order);
		else
			pf_json_null(j);
	}
	pf_json_obj_close(j);
}

static void zone_json(const struct pf_zone *z, const struct pf_zone_verdict *v,
		      struct pf_json *j)
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
	pf_json_key_num(j, "buddy_total_kb", z->buddy_total_kb);
	pf_json_key(j, "page_kb");
	pf_json_uint(j, z->page_kb);
	if (v)
		check_json(v, j);
	pf_json_obj_close(j);
}

static const char *const kernel_from_names[] = {
	[PF_KERNEL_NONE] = NULL, [PF_KERNEL_REPORT] = "report",
	[PF_KERNEL_LOG] = "log", [PF_KERNEL_OPTION] = "option",
	[PF_KERNEL_INFERRED] = "inferred",
};

static const char *const alloc_flag_names[] = {
	"ALLOC_NO_WATERMARKS", "ALLOC_HIGH", "ALLOC_HARDER", "ALLOC_HIGHATOMIC",
	"ALLOC_OOM", "ALLOC_CMA", "ALLOC_CPUSET",
};

/* The keys explain adds to a report's object. */
static void explain_keys(const struct pf_explain *ex, struct pf_json *j)
{
	const struct pf_rule *rule = ex->match.rule;

	pf_json_key(j, "summary");
	pf_json_str(j, ex->summary);
	pf_json_key(j, "known_cause");
	if (rule)
		pf_json_str(j, rule->id);
	else
		pf_json_null(j);
	pf_json_key(j, "disagrees");
	pf_json_bool(j, ex->disagrees);
	pf_json_key(j, "cause");
	pf_json_str(j, pf_cause_name(ex->cause));
	pf_json_key_str(j, "disagreement", ex->disagreement);
	pf_json_key(j, "watermark_era");
	pf_json_str(j, pf_wm_era_name(ex->era));
	pf_json_key(j, "alloc_flags");
	pf_json_arr_open(j);
	pf_json_str(j, "ALLOC_WMARK_MIN");
	for (size_t i = 0; i < sizeof(alloc_flag_names) / sizeof(alloc_flag_names[0]); i++)
		if (ex->alloc_flags & (1u << i))
			pf_json_str(j, alloc_flag_names[i]);
	pf_json_arr_close(j);
	pf_json_key_str(j, "asked", ex->asked);
	pf_json_key_str(j, "zonelist", ex->zonelist);
	pf_json_key(j, "known_cause_detail");
	if (!rule) {
		pf_json_null(j);
		return;
	}
	pf_json_obj_open(j);
	pf_json_key(j, "id");
	pf_json_str(j, rule->id);
	pf_json_key(j, "title");
	pf_json_str(j, rule->title);
	pf_json_key(j, "status");
	pf_json_str(j, pf_rule_status_name(ex->match.status));
	pf_json_key_str(j, "advice", ex->match.status == PF_RULE_FIXED &&
		    rule->fixed_advice ? rule->fixed_advice : rule->advice);
	pf_json_key_str(j, "fixed_in", rule->has_fixed ? rule->fixed.str : NULL);
	pf_json_key_str(j, "update", rule->update);
	pf_json_key(j, "sources");
	pf_json_arr_open(j);
	for (int i = 0; i < rule->nr_sources; i++)
		pf_json_str(j, rule->sources[i]);
	pf_json_arr_close(j);
	pf_json_obj_close(j);
}

void pf_report_json(const struct pf_report *r, struct pf_json *j)
{
	pf_explain_json(r, NULL, j);
}

void pf_explain_json(const struct pf_report *r, const struct pf_explain *ex,
		     struct pf_json *j)
{
	const char *names[64];
	char spare[1024], buf[512];
	size_t n;

	pf_json_obj_open(j);
	pf_json_key_str(j, "source", r->source);
	pf_json_key(j, "line");
	pf_json_uint(j, r->line);
	pf_json_key(j, "last_line");
	pf_json_uint(j, r->last_line);
	pf_json_key_str(j, "host", r->host);
	pf_json_key_str(j, "time", r->time);
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
	pf_json_key_str(j, "task", r->task);
	pf_json_key_num(j, "pid", r->pid);
	pf_json_key_num(j, "cpu", r->cpu);
	pf_json_key_str(j, "comm", r->comm);
	pf_json_key_num(j, "order", r->order);
	pf_json_key(j, "size_bytes");
	pf_json_uint(j, pf_report_bytes(r));
	pf_json_key_str(j, "mode", r->mode);
	pf_json_key(j, "gfp_mask");
	if (r->mode[0])
		pf_json_uint(j, r->gfp_mask);
	else
		pf_json_null(j);
	pf_json_key_str(j, "mode_names", r->mode_names);
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
	pf_json_key_str(j, "nodemask", r->nodemask);
	pf_json_key_str(j, "cpuset", r->cpuset);
	pf_json_key_str(j, "mems_allowed", r->mems_allowed);
	pf_json_key_num(j, "callbacks_suppressed", r->callbacks_suppressed);
	pf_json_key_str(j, "caller_msg", r->caller_msg);
	pf_json_key_str(j, "kernel", pf_kver_known(&r->kernel) ? r->kernel.str : NULL);
	pf_json_key_str(j, "kernel_source",
		    pf_kver_known(&r->kernel) || r->kernel_from == PF_KERNEL_INFERRED
			    ? kernel_from_names[r->kernel_from] : NULL);
	pf_json_key_str(j, "taint", r->taint);
	pf_json_key_str(j, "hardware", r->hardware);
	pf_json_key_str(j, "workqueue", r->workqueue);

	pf_json_key(j, "context");
	pf_json_obj_open(j);
	pf_json_key(j, "kind");
	pf_json_str(j, pf_ctx_kind_name(r->context.kind));
	pf_json_key_str(j, "softirq", r->context.softirq);
	pf_json_key_str(j, "subsystem", r->context.subsystem);
	pf_json_key_str(j, "via", r->context.via);
	pf_json_key_str(j, "call_site", r->context.call_site);
	pf_json_obj_close(j);
	pf_report_meaning(r, buf, sizeof(buf));
	pf_json_key_str(j, "meaning", buf);

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
	/* "? " frames: the unwinder could not vouch for them */
	pf_json_key(j, "trace_unreliable");
	pf_json_arr_open(j);
	for (int i = 0; i < r->nr_frames; i++)
		if (r->frames[i].kind == PF_FRAME_FUNC)
			pf_json_bool(j, r->frames[i].unreliable);
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
		zone_json(&r->zones[i], ex ? &ex->zones[i] : NULL, j);
	pf_json_arr_close(j);
	pf_json_key_num(j, "pagecache_pages", r->pagecache_pages);
	pf_json_key_num(j, "free_swap_kb", r->free_swap_kb);
	pf_json_key_num(j, "total_swap_kb", r->total_swap_kb);
	pf_json_key_num(j, "pages_ram", r->pages_ram);
	pf_json_key_num(j, "pages_reserved", r->pages_reserved);
	pf_json_key(j, "complete");
	pf_json_bool(j, r->flags & PF_REPORT_COMPLETE);
	pf_json_key(j, "truncated");
	pf_json_bool(j, r->flags & PF_REPORT_TRUNCATED);
	pf_json_key(j, "wrapped");
	pf_json_bool(j, r->flags & PF_REPORT_WRAPPED);
	if (ex)
		explain_keys(ex, j);
	pf_json_obj_close(j);
}
