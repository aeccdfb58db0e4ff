// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * print_report.c - a report, in text and in JSON by the same calls: the
 * JSON object of the scan contract (source, line, host, time, task, pid,
 * order, mode, gfp_mask, gfp_flags, kernel, context, trace, zones,
 * complete, and more beside them), and with a report's explanation, the
 * text of explain and the keys the explain contract adds (zones[].check,
 * summary, known_cause, disagrees).  Keys are only ever added, never
 * renamed or dropped.  Text needs the explanation: scan's text is its
 * groups (cmd_scan.c).
 */
#include <stdint.h>
#include <string.h>

#include "cli.h"
#include "print.h"
#include "words.h"

static const char *const kernel_from_names[] = {
	[PF_KERNEL_NONE] = NULL,	   [PF_KERNEL_REPORT] = "report",
	[PF_KERNEL_LOG] = "log",	   [PF_KERNEL_OPTION] = "option",
	[PF_KERNEL_INFERRED] = "inferred",
};

static const char *const alloc_flag_names[] = {
	"ALLOC_NO_WATERMARKS", "ALLOC_HIGH", "ALLOC_HARDER", "ALLOC_HIGHATOMIC",
	"ALLOC_OOM",	       "ALLOC_CMA",  "ALLOC_CPUSET",
};

/* The working of a zone's check, in pages, in explain -j's check object. */
static void print_check_working(const struct pf_zone_verdict *v)
{
	const struct pf_wm_check *c = &v->check;
	const struct {
		const char *key;
		long pages;
	} f[] = {
		{ "free_pages", c->free },
		{ "usable_pages", c->usable },
		{ "mark_pages", c->mark },
		{ "min_pages", c->min },
		{ "lowmem_reserve_pages", c->reserve },
		{ "highatomic_pages", c->highatomic },
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		print_int(PRINT_JSON, f[i].key, NULL, f[i].pages);
	print_bool(PRINT_JSON, "highatomic_inferred", NULL,
		   v->highatomic_floor);
	print_int(PRINT_JSON, "cma_pages", NULL, c->cma);
	print_int(PRINT_JSON, "margin_pages", NULL, c->margin);
	print_num(PRINT_JSON, "failed_order", NULL, c->failed_order);
}

/*
 * zones[].check: the emulated watermark check at the failed order; in
 * text, the rest of the zone's row and the verdict under it.
 */
static void print_check(const struct pf_report *r, const struct pf_explain *ex,
			int i)
{
	const struct pf_zone *z = &r->zones[i];
	const struct pf_zone_verdict *v = &ex->zones[i];
	const struct pf_wm_check *c = &v->check;
	int ui = v->unusable_index, ef = v->extfrag_index;
	char largest[24], verdict[160];

	if (v->evaluated && !(ex->alloc_flags & PF_ALLOC_NO_WATERMARKS))
		print_kb(PRINT_FP, NULL, " %9s", c->min, z->page_kb);
	else
		print_fp(" %9s", "-");
	if (v->evaluated && c->reserve)
		print_kb(PRINT_FP, NULL, " %8s", c->reserve, z->page_kb);
	else
		print_fp(" %8s", "-");
	open_json_object("check");
	print_bool(PRINT_JSON, "passes", NULL, c->passes);
	print_string(PRINT_JSON, "cause", NULL, pf_cause_name(c->cause));
	print_int(PRINT_JSON, "largest_free_order", NULL,
		  v->largest_free_order);
	cli_largest_words(z, v->largest_free_order, largest, sizeof(largest));
	print_fp(" %8s", largest);
	if (ui >= 0) {
		print_index(PRINT_ANY, "unusable_index", " %9s", ui);
		print_index(PRINT_ANY, "extfrag_index", " %8s", ef);
	} else {
		print_null(PRINT_ANY, "unusable_index", " %9s", "-");
		print_null(PRINT_ANY, "extfrag_index", " %8s", "-");
	}
	print_fp("\n");
	print_bool(PRINT_JSON, "allowed", NULL, v->allowed);
	print_string_opt(PRINT_JSON, "not_allowed_because", NULL,
			 cli_why_not_words(v->why_not));
	print_int(PRINT_JSON, "zone_idx", NULL, v->zone_idx);
	if (v->evaluated)
		print_check_working(v);
	close_json_object();
	cli_verdict_words(r, v, verdict, sizeof(verdict));
	print_fp("  %12s %s%s%s\n", "",
		 v->allowed && v->evaluated && !c->passes ? cli_c(CLI_BOLD)
							  : "",
		 verdict, cli_c(CLI_RESET));
}

/*
 * One zone of a report: its object in zones[] (with its check when the
 * report is explained), or its row of explain's table.
 */
static void print_zone(const struct pf_report *r, const struct pf_explain *ex,
		       int i)
{
	const struct pf_zone *z = &r->zones[i];
	char name[32];

	open_json_object(NULL);
	if (z->node_printed)
		snprintf(name, sizeof(name), "%d %s", z->node, z->name);
	else
		snprintf(name, sizeof(name), "%s", z->name);
	print_fp("  %-12s", name);
	print_kb(PRINT_FP, NULL, " %9s", z->free, z->page_kb);
	print_kb(PRINT_FP, NULL, " %8s", z->min, z->page_kb);
	print_zone_keys(z);
	if (ex)
		print_check(r, ex, i);
	close_json_object();
}

static void print_zones(const struct pf_report *r, const struct pf_explain *ex)
{
	const char *d = cli_c(CLI_DIM), *n = cli_c(CLI_RESET);

	if (r->nr_zones)
		print_fp("\n  %szone               free      min  check at  "
			 "reserve  largest  unusable  extfrag%s\n",
			 d, n);
	else
		print_fp("  %szones: not in the report (no Mem-Info)%s\n", d,
			 n);
	open_json_array("zones");
	for (int i = 0; i < r->nr_zones; i++)
		print_zone(r, ex, i);
	close_json_array();
	if (r->nr_zones)
		print_fp("\n");
}

/* The known cause: JSON known_cause_detail, text the lines after why. */
static void print_rule(const struct pf_explain *ex)
{
	const struct pf_rule *rule = ex->match.rule;
	const char *b = cli_c(CLI_BOLD), *n = cli_c(CLI_RESET), *advice;
	bool fixed = ex->match.status == PF_RULE_FIXED;
	char label[160], title[sizeof(rule->title) + sizeof(rule->id) + 4];

	if (!rule) {
		print_null(PRINT_JSON, "known_cause_detail", NULL, NULL);
		print_fp("  %sknown cause:%s none matched\n", b, n);
		return;
	}
	open_json_object("known_cause_detail");
	print_string(PRINT_JSON, "id", NULL, rule->id);
	print_string(PRINT_JSON, "title", NULL, rule->title);
	snprintf(label, sizeof(label), "%sknown cause:%s ", b, n);
	snprintf(title, sizeof(title), "%s [%s]", rule->title, rule->id);
	print_wrapped(PRINT_FP, NULL, 2, label, title);
	print_string(PRINT_JSON, "status", NULL,
		     pf_rule_status_name(ex->match.status));
	/* a line of its own: as a label it indented the advice by 46 */
	if (fixed)
		print_fp("    fixed in: %s, which this kernel is at or past\n",
			 rule->fixed.str);
	advice =
		fixed && rule->fixed_advice ? rule->fixed_advice : rule->advice;
	print_wrapped(PRINT_ANY, "advice", 4,
		      "advice: ", advice && advice[0] ? advice : NULL);
	print_string_opt(PRINT_JSON, "fixed_in", NULL,
			 rule->has_fixed ? rule->fixed.str : NULL);
	print_string_opt(PRINT_JSON, "update", NULL, rule->update);
	if (!fixed && rule->update)
		print_wrapped(PRINT_FP, NULL, 4, "update: ", rule->update);
	open_json_array("sources");
	for (int i = 0; i < rule->nr_sources; i++)
		print_string(PRINT_ANY, NULL, "    source: %s\n",
			     rule->sources[i]);
	close_json_array();
	close_json_object();
}

/* The keys explain adds to a report's object, and the text's last lines. */
static void print_explanation(const struct pf_explain *ex,
			      const struct cli_explanation *w)
{
	const struct pf_rule *rule = ex->match.rule;

	print_wrapped(PRINT_ANY, "summary", 2,
		      ex->disagrees ? "disagrees: " : "why: ",
		      cli_buf_str(&w->summary));
	print_string(PRINT_JSON, "known_cause", NULL, rule ? rule->id : NULL);
	print_bool(PRINT_JSON, "disagrees", NULL, ex->disagrees);
	print_string(PRINT_JSON, "cause", NULL, pf_cause_name(ex->cause));
	print_string_opt(PRINT_JSON, "disagreement", NULL,
			 cli_buf_str(&w->disagreement));
	print_string(PRINT_JSON, "watermark_era", NULL,
		     pf_wm_era_name(ex->era));
	open_json_array("alloc_flags");
	print_string(PRINT_JSON, NULL, NULL, "ALLOC_WMARK_MIN");
	for (size_t i = 0; i < ARRAY_SIZE(alloc_flag_names); i++)
		if (ex->alloc_flags & (1u << i))
			print_string(PRINT_JSON, NULL, NULL,
				     alloc_flag_names[i]);
	close_json_array();
	print_string_opt(PRINT_JSON, "asked", NULL, cli_buf_str(&w->asked));
	print_string_opt(PRINT_JSON, "zonelist", NULL,
			 cli_buf_str(&w->zonelist));
	print_rule(ex);
}

/* What was asked, in JSON: the task, the order and the gfp mask. */
static void print_request(const struct pf_report *r)
{
	const char *names[64];
	char spare[1024], buf[512];
	size_t n;

	print_string_opt(PRINT_JSON, "task", NULL, r->task);
	print_num(PRINT_JSON, "pid", NULL, r->pid);
	print_num(PRINT_JSON, "cpu", NULL, r->cpu);
	print_string_opt(PRINT_JSON, "comm", NULL, r->comm);
	print_num(PRINT_JSON, "order", NULL, r->order);
	print_uint(PRINT_JSON, "size_bytes", NULL, pf_report_bytes(r));
	print_string_opt(PRINT_JSON, "mode", NULL, r->mode);
	if (r->mode[0])
		print_uint(PRINT_JSON, "gfp_mask", NULL, r->gfp_mask);
	else
		print_null(PRINT_JSON, "gfp_mask", NULL, NULL);
	print_string_opt(PRINT_JSON, "mode_names", NULL, r->mode_names);
	if (r->mode[0] && r->gfp_layout) {
		n = pf_gfp_flags(r->gfp_mask, r->gfp_layout, names, 64, spare,
				 sizeof(spare));
		open_json_array("gfp_flags");
		for (size_t i = 0; i < n; i++)
			print_string(PRINT_JSON, NULL, NULL, names[i]);
		close_json_array();
	} else {
		print_null(PRINT_JSON, "gfp_flags", NULL, NULL);
	}
	if (r->mode[0] && r->gfp_layout &&
	    pf_gfp_format(r->gfp_mask, r->gfp_layout, buf, sizeof(buf)) >= 0)
		print_string(PRINT_JSON, "gfp_symbolic", NULL, buf);
	else
		print_null(PRINT_JSON, "gfp_symbolic", NULL, NULL);
	print_string(PRINT_JSON, "gfp_layout", NULL,
		     r->gfp_layout ? pf_gfp_layout_name(r->gfp_layout) : NULL);
	print_string_opt(PRINT_JSON, "nodemask", NULL, r->nodemask);
	print_string_opt(PRINT_JSON, "cpuset", NULL, r->cpuset);
	print_string_opt(PRINT_JSON, "mems_allowed", NULL, r->mems_allowed);
	print_num(PRINT_JSON, "callbacks_suppressed", NULL,
		  r->callbacks_suppressed);
	print_string_opt(PRINT_JSON, "caller_msg", NULL, r->caller_msg);
}

/* Where the report is, and when: the text's first two lines. */
static void print_where(const struct pf_report *r, const struct pf_explain *ex,
			unsigned long nr)
{
	const char *b = cli_c(CLI_BOLD), *d = cli_c(CLI_DIM);
	const char *n = cli_c(CLI_RESET);

	if (ex) {
		if (nr > 1)
			print_fp("\n");
		print_fp("%sreport %lu: %s order:%d mode:%s%s%s%s%s\n", b, nr,
			 r->task[0] ? r->task : "?", r->order,
			 r->mode[0] ? r->mode : "?",
			 r->mode_names[0] ? "(" : "", r->mode_names,
			 r->mode_names[0] ? ")" : "", n);
		print_fp("  %sat%s ", d, n);
	}
	print_string_opt(PRINT_ANY, "source", "%s", r->source);
	print_uint(PRINT_ANY, "line", ":%llu", r->line);
	print_uint(PRINT_JSON, "last_line", NULL, r->last_line);
	print_string_opt(PRINT_JSON, "host", NULL, r->host);
	print_string_opt(PRINT_ANY, "time", "  %s", r->time);
	print_fp("\n");
	if (r->epoch != INT64_MIN)
		print_int(PRINT_JSON, "epoch", NULL, r->epoch);
	else
		print_null(PRINT_JSON, "epoch", NULL, NULL);
	if (r->mono >= 0)
		print_double(PRINT_JSON, "monotonic", NULL, r->mono);
	else
		print_null(PRINT_JSON, "monotonic", NULL, NULL);
}

/*
 * A release the report did not print: the eras its format allows, and
 * the one explain, simulate --from-report and advise --verify take.
 */
static void print_era(const struct pf_report *r, const struct pf_era_choice *c)
{
	static const char *const from[] = {
		[PF_ERA_NONE] = NULL,
		[PF_ERA_PRINTED] = "printed",
		[PF_ERA_OPTION] = "option",
		[PF_ERA_FORMAT] = "format",
	};
	char words[512];

	cli_era_words(c, words, sizeof(words));
	if (c->ruled_out)
		print_fp("  %s--kernel %s cannot have printed this report:%s\n",
			 cli_c(CLI_BOLD), r->kernel.str, cli_c(CLI_RESET));
	print_wrapped(PRINT_FP, NULL, 2, "format: ", words);
	open_json_object("era");
	print_string(PRINT_JSON, "from", NULL, from[c->from]);
	print_string_opt(PRINT_JSON, "kernel", NULL,
			 pf_kver_known(&c->kver) ? c->kver.str : NULL);
	print_bool(PRINT_JSON, "fits", NULL, c->fits);
	print_bool(PRINT_JSON, "ruled_out", NULL, c->ruled_out);
	print_string_opt(PRINT_JSON, "since", NULL,
			 pf_kver_known(&c->lo) ? c->lo.str : NULL);
	print_string_opt(PRINT_JSON, "before", NULL,
			 pf_kver_known(&c->hi) ? c->hi.str : NULL);
	open_json_array("evidence");
	for (unsigned int bit = 1; cli_evidence_name(bit); bit <<= 1)
		if (c->evidence & bit)
			print_string(PRINT_JSON, NULL, NULL,
				     cli_evidence_name(bit));
	close_json_array();
	close_json_object();
}

/* The kernel: named in JSON and in text, with the check of its era. */
static void print_kernel(const struct pf_report *r, const struct pf_explain *ex)
{
	const char *d = cli_c(CLI_DIM), *n = cli_c(CLI_RESET);
	bool known = pf_kver_known(&r->kernel);

	print_fp("  %skernel%s ", d, n);
	if (known)
		print_string_opt(PRINT_ANY, "kernel", "%s", r->kernel.str);
	else
		print_null(PRINT_ANY, "kernel", "%s", "unknown");
	if (ex)
		print_fp("  %s(watermark check of %s)%s\n", d,
			 pf_wm_era_name(ex->era), n);
	if (ex && ex->choice.from != PF_ERA_PRINTED)
		print_era(r, &ex->choice);
	print_string(PRINT_JSON, "kernel_source", NULL,
		     known || r->kernel_from == PF_KERNEL_INFERRED
			     ? kernel_from_names[r->kernel_from]
			     : NULL);
	print_string_opt(PRINT_JSON, "taint", NULL, r->taint);
	print_string_opt(PRINT_JSON, "hardware", NULL, r->hardware);
	print_string_opt(PRINT_JSON, "workqueue", NULL, r->workqueue);
}

/* In what context it was asked (w: explain's words), and from where. */
static void print_context(const struct pf_report *r,
			  const struct cli_explanation *w)
{
	char buf[512];

	if (w)
		print_wrapped(PRINT_FP, NULL, 2,
			      "asked: ", cli_buf_str(&w->asked));
	open_json_object("context");
	print_string(PRINT_JSON, "kind", NULL,
		     pf_ctx_kind_name(r->context.kind));
	print_string_opt(PRINT_JSON, "softirq", NULL, r->context.softirq);
	print_string_opt(PRINT_JSON, "subsystem", NULL, r->context.subsystem);
	print_string_opt(PRINT_JSON, "via", NULL, r->context.via);
	print_string_opt(PRINT_JSON, "call_site", NULL, r->context.call_site);
	close_json_object();
	cli_report_meaning(r, buf, sizeof(buf));
	print_wrapped(PRINT_ANY, "meaning", 2, "where: ", buf[0] ? buf : NULL);
	if (pf_report_signature(r, buf, sizeof(buf)))
		print_wrapped(PRINT_FP, NULL, 2, "call site: ", buf);
}

/* What of a frame print_frames() lists. */
enum frame_part { FRAME_FUNC, FRAME_MODULE, FRAME_UNRELIABLE };

/* One array of the call trace: a part of each frame of a kind. */
static void print_frames(const struct pf_report *r, const char *key, int kind,
			 enum frame_part part)
{
	open_json_array(key);
	for (int i = 0; i < r->nr_frames; i++) {
		const struct pf_frame *f = &r->frames[i];

		if (f->kind != kind)
			continue;
		if (part == FRAME_MODULE)
			print_string_opt(PRINT_JSON, NULL, NULL, f->module);
		else if (part == FRAME_UNRELIABLE)
			print_bool(PRINT_JSON, NULL, NULL, f->unreliable);
		else
			print_string(PRINT_JSON, NULL, NULL, f->func);
	}
	close_json_array();
}

/* The call trace: JSON only. */
static void print_trace(const struct pf_report *r)
{
	print_frames(r, "trace", PF_FRAME_FUNC, FRAME_FUNC);
	print_frames(r, "trace_modules", PF_FRAME_FUNC, FRAME_MODULE);
	/* "? " frames: the unwinder could not vouch for them */
	print_frames(r, "trace_unreliable", PF_FRAME_FUNC, FRAME_UNRELIABLE);
	print_frames(r, "trace_markers", PF_FRAME_MARKER, FRAME_FUNC);
}

/* The Mem-Info: counters and zones, and how the report ended. */
static void print_meminfo(const struct pf_report *r,
			  const struct pf_explain *ex)
{
	print_bool(PRINT_JSON, "has_meminfo", NULL,
		   r->flags & PF_REPORT_HAS_MEMINFO);
	open_json_object("counters");
	for (int i = 0; i < r->nr_counters; i++)
		print_int(PRINT_JSON, r->counters[i].name, NULL,
			  r->counters[i].value);
	close_json_object();
	print_zones(r, ex);
	print_num(PRINT_JSON, "pagecache_pages", NULL, r->pagecache_pages);
	print_num(PRINT_JSON, "free_swap_kb", NULL, r->free_swap_kb);
	print_num(PRINT_JSON, "total_swap_kb", NULL, r->total_swap_kb);
	print_num(PRINT_JSON, "pages_ram", NULL, r->pages_ram);
	print_num(PRINT_JSON, "pages_reserved", NULL, r->pages_reserved);
	print_bool(PRINT_JSON, "complete", NULL, r->flags & PF_REPORT_COMPLETE);
	print_bool(PRINT_JSON, "truncated", NULL,
		   r->flags & PF_REPORT_TRUNCATED);
	print_bool(PRINT_JSON, "wrapped", NULL, r->flags & PF_REPORT_WRAPPED);
}

void print_report(const struct pf_report *r, const struct pf_explain *ex,
		  unsigned long nr)
{
	struct cli_explanation w;

	if (ex)
		cli_explain_words(r, ex, &w);
	open_json_object(NULL);
	print_where(r, ex, nr);
	print_request(r);
	print_kernel(r, ex);
	print_context(r, ex ? &w : NULL);
	print_trace(r);
	print_meminfo(r, ex);
	if (ex) {
		print_explanation(ex, &w);
		cli_explanation_release(&w);
	}
	close_json_object();
	print_record_end();
}
