// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * report_page.c - pagefail report's page: one HTML file that opens
 * anywhere and prints, with no script and nothing fetched.  What the
 * reports say first (how many, of which kinds, when, on which hosts),
 * then each kind of report (the verdict in a sentence, why, the known
 * cause, its zones in pictures), the advice, the machine now (--root),
 * the simulation (--simulate), and the reports one a row.  The charts
 * are charts.c's; every one has its numbers in words beside it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "svg.h"
#include "words.h"

#define DETAIL_MAX 40 /* kinds shown whole; the rest in a table */

static const char style[] =
	"body{font:15px/1.45 system-ui,sans-serif;color:#222;max-width:1100px;"
	"margin:0 auto;padding:0 16px 40px}"
	"h1{font-size:1.6em;margin-bottom:.2em}"
	"h2{border-bottom:2px solid #0072B2;padding-bottom:2px;margin-top:2em}"
	"h3{margin-bottom:.3em}"
	".verdict{font-weight:600;font-size:1.05em}"
	".meta{color:#555}"
	"figure{display:inline-block;margin:8px 16px 8px 0;vertical-align:top}"
	"figcaption{font-size:.85em;color:#444;max-width:560px}"
	"table{border-collapse:collapse;font-size:.9em;margin:8px 0}"
	"td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;"
	"vertical-align:top}"
	"th{background:#eef3f8}"
	"pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:.85em}"
	"dl.facts{display:grid;grid-template-columns:11em 1fr;gap:2px 8px}"
	"dl.facts dt{font-weight:600}dl.facts dd{margin:0}"
	"svg.chart{max-width:100%;height:auto}"
	"header code{word-break:break-all}"
	"article{border-top:1px solid #ddd;padding-top:4px}"
	"@media print{body{max-width:none;font-size:10pt}nav{display:none}"
	"article,figure,tr{break-inside:avoid}a{color:inherit}"
	"svg.chart{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

static void page_head(const struct report_ctx *c, struct cli_buf *b)
{
	cli_buf_add(b,
		    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width\">\n"
		    "<meta name=\"generator\" content=\"pagefail %s\">\n"
		    "<title>Page allocation failures: pagefail report"
		    "</title>\n<style>%s</style>\n</head>\n<body>\n",
		    PF_VERSION, style);
	cli_buf_add(b,
		    "<header><h1>Page allocation failures</h1>\n"
		    "<p class=\"meta\">pagefail %s report; made with <code>",
		    PF_VERSION);
	/* a command line of a thousand files is cut: the page is not it */
	html_escf(b, "%.600s%s", c->cmdline ? c->cmdline : "pagefail report",
		  c->cmdline && strlen(c->cmdline) > 600 ? " ..." : "");
	cli_buf_add(b, "</code></p></header>\n<nav><p>");
	cli_buf_add(b, "<a href=\"#overview\">Overview</a>");
	if (c->nr_groups)
		cli_buf_add(b, " · <a href=\"#kinds\">Kinds of failure</a>");
	if (c->have_advice)
		cli_buf_add(b, " · <a href=\"#advice\">Advice</a>");
	if (c->sys)
		cli_buf_add(b, " · <a href=\"#machine\">The machine now</a>");
	if (c->simulated)
		cli_buf_add(b, " · <a href=\"#simulation\">Simulation</a>");
	if (c->nr_rows)
		cli_buf_add(b, " · <a href=\"#reports\">Every report</a>");
	cli_buf_add(b, "</p></nav>\n");
}

/* The kinds, most reports first: an index array to free */
static size_t *kinds_by_count(const struct report_ctx *c)
{
	size_t *v = malloc((c->nr_groups + 1) * sizeof(*v));

	if (!v)
		return NULL;
	for (size_t i = 0; i < c->nr_groups; i++)
		v[i] = i;
	/* a kind whose report could not be kept (out of memory) goes last */
	/* an insertion sort: stable, and the kinds are few */
	for (size_t i = 1; i < c->nr_groups; i++) {
		size_t k = v[i], j = i;

		while (j > 0 &&
		       (!c->groups[v[j - 1]].r ||
			(c->groups[k].r &&
			 c->groups[v[j - 1]].count < c->groups[k].count))) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = k;
	}
	return v;
}

static void page_overview(const struct report_ctx *c, struct cli_buf *b)
{
	cli_buf_add(b, "<section id=\"overview\"><h2>Overview</h2>\n<p>");
	if (!c->in.nr_sources && !c->nr_reports)
		cli_buf_add(b, "No log was read for this report.");
	else
		cli_buf_add(b,
			    "%lu page allocation failure report%s in %lu "
			    "source%s, of %zu kind%s, from %d host%s.",
			    c->nr_reports, c->nr_reports == 1 ? "" : "s",
			    c->in.nr_sources, c->in.nr_sources == 1 ? "" : "s",
			    c->nr_groups, c->nr_groups == 1 ? "" : "s",
			    c->nr_hosts, c->nr_hosts == 1 ? "" : "s");
	if (c->others)
		cli_buf_add(b,
			    " %lu more were of kinds past the first %d, "
			    "counted but not shown.",
			    c->others, RP_GROUPS_MAX);
	if (c->in.errors)
		cli_buf_add(b,
			    " %lu source%s could not be read whole (pagefail "
			    "said which on its standard error).",
			    c->in.errors, c->in.errors == 1 ? "" : "s");
	cli_buf_add(b, "</p>\n");
	if (c->nr_events > c->no_time) {
		cli_buf_add(b, "<figure>");
		chart_failures_by_order(b, "time-orders", c->events,
					c->nr_events);
		cli_buf_add(b, "</figure>\n<figure>");
		chart_failures_by_host(b, "time-hosts", c->events, c->nr_events,
				       (const char *const *)c->hosts,
				       c->nr_hosts);
		cli_buf_add(b, "</figure>\n");
	}
	if (c->no_time)
		cli_buf_add(b,
			    "<p class=\"meta\">%lu report%s without a "
			    "wall-clock time (a dmesg's seconds since boot) "
			    "%s not on the timelines.</p>\n",
			    c->no_time, c->no_time == 1 ? "" : "s",
			    c->no_time == 1 ? "is" : "are");
	cli_buf_add(b, "</section>\n");
}

/* "8 KiB atomic allocation ... failed: Normal: fragmentation (...)" */
static void verdict_sentence(const struct pf_report *r,
			     const struct pf_explain *ex, struct cli_buf *b)
{
	char meaning[320], verdict[256];

	cli_report_meaning(r, meaning, sizeof(meaning));
	cli_buf_add(b, "<p class=\"verdict\">");
	html_esc(b, meaning);
	if (ex->key_zone >= 0 && ex->zones[ex->key_zone].evaluated) {
		cli_verdict_words(r, &ex->zones[ex->key_zone], verdict,
				  sizeof(verdict));
		html_escf(b, ": it failed in %s, %s.",
			  r->zones[ex->key_zone].name, verdict);
	} else {
		html_escf(b, ": it failed%s.",
			  r->nr_zones ? "" : "; the report has no Mem-Info");
	}
	cli_buf_add(b, "</p>\n");
}

/* The known cause r matched, with what to do and where it is written */
static void known_cause(const struct pf_explain *ex, struct cli_buf *b)
{
	const struct pf_rule *rule = ex->match.rule;
	const char *advice;

	if (!rule)
		return;
	advice = ex->match.status == PF_RULE_FIXED && rule->fixed_advice
			 ? rule->fixed_advice
			 : rule->advice;
	cli_buf_add(b, "<h4>Known cause: ");
	html_esc(b, rule->title);
	cli_buf_add(b, " <span class=\"meta\">[");
	html_esc(b, rule->id);
	cli_buf_add(b, "]</span></h4>\n");
	if (rule->has_fixed)
		html_escf(b, "<p>Fixed in %s%s.</p>\n", rule->fixed.str,
			  ex->match.status == PF_RULE_FIXED
				  ? ", which this kernel is at or past"
				  : "");
	if (advice) {
		cli_buf_add(b, "<p>");
		html_esc(b, advice);
		cli_buf_add(b, "</p>\n");
	}
	if (rule->nr_sources)
		cli_buf_add(b, "<ul>");
	for (int i = 0; i < rule->nr_sources; i++) {
		const char *s = rule->sources[i];
		size_t url = strcspn(s, " ");

		cli_buf_add(b, "<li>");
		if (!strncmp(s, "http", 4)) {
			cli_buf_add(b, "<a href=\"");
			html_escf(b, "%.*s", (int)url, s);
			cli_buf_add(b, "\">");
			html_escf(b, "%.*s", (int)url, s);
			cli_buf_add(b, "</a>");
			html_esc(b, s + url);
		} else {
			html_esc(b, s);
		}
		cli_buf_add(b, "</li>\n");
	}
	if (rule->nr_sources)
		cli_buf_add(b, "</ul>\n");
}

/* A zone's two pictures: its free blocks, and its curve against marks */
static void zone_figures(struct cli_buf *b, const char *id, const char *zname,
			 const struct pf_zone *z, const struct pf_pagetype *pt,
			 const struct chart_marks *m, const char *caption)
{
	char hid[64], cid[64];

	snprintf(hid, sizeof(hid), "%s-heat", id);
	snprintf(cid, sizeof(cid), "%s-curve", id);
	cli_buf_add(b, "<figure>");
	chart_zone_heatmap(b, hid, zname, z, pt);
	cli_buf_add(b, "<figcaption>");
	html_esc(b, caption);
	cli_buf_add(b, "</figcaption></figure>\n<figure>");
	chart_zone_curve(b, cid, zname, z, m);
	cli_buf_add(b,
		    "<figcaption>The line: free pages in blocks of each "
		    "order and larger; across it, the mark%s.</figcaption>"
		    "</figure>\n",
		    m->nr > 1 ? "s" : "");
}

/* The zones r's request could use, in its fallback order, pictured */
static void report_zones(const struct pf_report *r, const struct pf_explain *ex,
			 size_t gi, struct cli_buf *b)
{
	bool halving = ex->era == PF_WM_2_6 || ex->era == PF_WM_RHEL6;

	for (int k = 0; k < ex->nr_zonelist; k++) {
		int i = ex->zonelist[k];
		const struct pf_zone *z = &r->zones[i];
		const struct pf_zone_verdict *v = &ex->zones[i];
		struct chart_marks m = { .order = r->order,
					 .halving = halving };
		char id[48], zname[48], verdict[256], caption[640];

		if (!z->nr_orders || !v->evaluated)
			continue;
		m.pages[m.nr] = (double)(v->check.min + v->check.reserve);
		m.name[m.nr++] = "the check's mark";
		m.pages[m.nr] = (double)z->min;
		m.name[m.nr++] = "min";
		snprintf(id, sizeof(id), "k%zu-z%d", gi, i);
		snprintf(zname, sizeof(zname), "Node %d %s", z->node, z->name);
		cli_verdict_words(r, v, verdict, sizeof(verdict));
		snprintf(caption, sizeof(caption),
			 "%s: %s. The check's mark is min after the cuts this "
			 "request may take, plus lowmem_reserve: %ld + %ld "
			 "pages%s.",
			 zname, verdict, v->check.min, v->check.reserve,
			 halving ? "; before 4.4 it halves at each order up "
				   "to the request's (dotted)"
				 : "");
		zone_figures(b, id, zname, z, NULL, &m, caption);
	}
}

/* A line of a kind's facts: its name, and its value escaped */
static void __attribute__((format(printf, 3, 4)))
fact(struct cli_buf *b, const char *name, const char *fmt, ...)
{
	char value[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	cli_buf_add(b, "<dt>%s</dt><dd>", name);
	html_esc(b, value);
	cli_buf_add(b, "</dd>");
}

static void kind_article(const struct report_ctx *c, size_t gi,
			 struct cli_buf *b)
{
	const struct rp_group *g = &c->groups[gi];
	const struct pf_report *r = g->r;
	struct pf_explain ex;
	struct cli_buf why = { 0 };
	const char *site = pf_report_call_site(r);

	pf_explain_report(r, c->rules, &ex);
	cli_buf_add(b, "<article id=\"k%zu\"><h3>%lu &times; ", gi, g->count);
	html_escf(b, "%s: order %d, mode %s", r->task, r->order, r->mode);
	cli_buf_add(b, "</h3>\n");
	verdict_sentence(r, &ex, b);
	cli_summary_words(r, &ex, &why);
	cli_buf_add(b, "<p>");
	html_esc(b, cli_buf_str(&why));
	cli_buf_add(b, "</p>\n<dl class=\"facts\">");
	fact(b, "kernel", "%s (the watermark check of %s)",
	     pf_kver_known(&r->kernel) ? r->kernel.str : "not printed",
	     pf_wm_era_name(ex.era));
	fact(b, "seen", "%s%s%s", g->first[0] ? g->first : "(no time)",
	     strcmp(g->first, g->last) ? " to " : "",
	     strcmp(g->first, g->last) ? g->last : "");
	fact(b, "shown here", "%s:%lu", r->source, r->line);
	if (site && *site)
		fact(b, "call site", "%s", site);
	fact(b, "with Mem-Info", "%lu of %lu", g->with_meminfo, g->count);
	cli_buf_add(b, "</dl>\n");
	known_cause(&ex, b);
	report_zones(r, &ex, gi, b);
	cli_buf_add(b, "</article>\n");
	cli_buf_release(&why);
}

static void page_kinds(const struct report_ctx *c, struct cli_buf *b)
{
	size_t *order = kinds_by_count(c);

	if (!c->nr_groups || !order) {
		free(order);
		return;
	}
	cli_buf_add(b, "<section id=\"kinds\"><h2>Kinds of failure</h2>\n"
		       "<p>Reports of one task, order, mode and call site are "
		       "one kind; each kind is shown by one of its reports, "
		       "the first with Mem-Info.</p>\n");
	for (size_t i = 0; i < c->nr_groups && i < DETAIL_MAX; i++)
		if (c->groups[order[i]].r)
			kind_article(c, order[i], b);
	if (c->nr_groups > DETAIL_MAX) {
		cli_buf_add(b, "<h3>The other kinds</h3>\n<table><tr><th>"
			       "reports</th><th>kind</th><th>first at</th>"
			       "</tr>\n");
		for (size_t i = DETAIL_MAX; i < c->nr_groups; i++) {
			const struct rp_group *g = &c->groups[order[i]];
			char meaning[320];

			if (!g->r)
				continue;
			cli_report_meaning(g->r, meaning, sizeof(meaning));
			cli_buf_add(b, "<tr id=\"k%zu\"><td>%lu</td><td>",
				    order[i], g->count);
			html_esc(b, meaning);
			cli_buf_add(b, "</td><td>");
			html_escf(b, "%s:%lu", g->r->source, g->r->line);
			cli_buf_add(b, "</td></tr>\n");
		}
		cli_buf_add(b, "</table>\n");
	}
	cli_buf_add(b, "</section>\n");
	free(order);
}

static void advice_item(const struct pf_advice_item *it, struct cli_buf *b)
{
	struct cli_buf working = { 0 };

	cli_advice_working(it, &working);
	cli_buf_add(b, "<tr><td><code>");
	html_esc(b, it->name);
	cli_buf_add(b, "</code></td><td>");
	if (it->current >= 0)
		html_escf(b, "%ld (%s)", it->current,
			  it->current_from ? it->current_from : "");
	else
		cli_buf_add(b, "unknown");
	cli_buf_add(b, "</td><td>");
	if (it->applies)
		cli_buf_add(b, "<strong>%ld</strong>%s", it->value,
			    it->change ? "" : " (as it is)");
	else
		cli_buf_add(b, "does not apply");
	cli_buf_add(b, "</td><td>");
	html_esc(b, cli_buf_str(&working));
	cli_buf_add(b, "</td></tr>\n");
	cli_buf_release(&working);
}

static void page_advice(const struct report_ctx *c, struct cli_buf *b)
{
	const struct pf_advice *a = &c->advice;
	struct cli_buf note = { 0 }, conf = { 0 };

	if (!c->have_advice)
		return;
	cli_buf_add(b,
		    "<section id=\"advice\"><h2>Advice</h2>\n<p>What "
		    "<code>pagefail advise</code> says from these reports"
		    "%s.</p>\n",
		    c->sys ? " and the machine under --root" : "");
	cli_buf_add(b, "<table><tr><th>sysctl</th><th>now</th><th>advised"
		       "</th><th>its working</th></tr>\n");
	for (int i = 0; i < a->nr_items; i++)
		advice_item(&a->items[i], b);
	cli_buf_add(b, "</table>\n");
	cli_advice_note(a, &note);
	if (note.n) {
		cli_buf_add(b, "<p>");
		html_esc(b, cli_buf_str(&note));
		cli_buf_add(b, "</p>\n");
	}
	cli_advice_sysctl_conf(a, &conf);
	if (conf.n) {
		cli_buf_add(b, "<p>As a file for <code>/etc/sysctl.d/</code>:"
			       "</p>\n<pre>");
		html_esc(b, cli_buf_str(&conf));
		cli_buf_add(b, "</pre>\n");
	}
	cli_buf_add(b, "</section>\n");
	cli_buf_release(&note);
	cli_buf_release(&conf);
}

static void page_machine(const struct report_ctx *c, struct cli_buf *b)
{
	const struct pf_system *sys = c->sys;

	if (!sys)
		return;
	cli_buf_add(b, "<section id=\"machine\"><h2>The machine now</h2>\n"
		       "<p>");
	html_escf(b, "Read under %s: kernel %s, %d zone%s.", c->com.root,
		  pf_kver_known(&sys->kernel) ? sys->kernel.str : "unknown",
		  sys->nr_zones, sys->nr_zones == 1 ? "" : "s");
	if (!sys->pagetype[0].nr_types)
		cli_buf_add(b, " /proc/pagetypeinfo was not read (root only "
			       "from 5.4): the free blocks are not split by "
			       "migratetype.");
	cli_buf_add(b, "</p>\n");
	for (int i = 0; i < sys->nr_zones; i++) {
		const struct pf_zone *z = &sys->zones[i];
		struct chart_marks m = { .order = -1 };
		char id[32], zname[48], caption[160];

		if (!z->nr_orders)
			continue;
		m.pages[m.nr] = (double)z->min;
		m.name[m.nr++] = "min";
		m.pages[m.nr] = (double)z->low;
		m.name[m.nr++] = "low";
		m.pages[m.nr] = (double)z->high;
		m.name[m.nr++] = "high";
		snprintf(id, sizeof(id), "m-z%d", i);
		snprintf(zname, sizeof(zname), "Node %d %s", z->node, z->name);
		snprintf(caption, sizeof(caption),
			 "%s: %ld pages free, watermarks %ld, %ld, %ld.", zname,
			 z->free, z->min, z->low, z->high);
		zone_figures(b, id, zname, z, &sys->pagetype[i], &m, caption);
	}
	cli_buf_add(b, "</section>\n");
}

static void page_simulation(const struct report_ctx *c, struct cli_buf *b)
{
	const struct rp_sim *s = &c->sim;
	const struct pf_sim_result *r = &s->result;
	char title[160];

	if (!c->simulated)
		return;
	cli_buf_add(b, "<section id=\"simulation\"><h2>Simulation</h2>\n<p>");
	html_escf(b,
		  "%s, on the model of %s: %.1f simulated seconds, %llu "
		  "allocations, %llu failures; vm.min_free_kbytes %ld.",
		  s->scenario, s->kernel, r->sim_seconds, r->allocations,
		  r->failures, r->min_free_kbytes);
	cli_buf_add(b, "</p>\n<figure>");
	snprintf(title, sizeof(title), "%s: free memory by order over time",
		 s->scenario);
	chart_sim(b, "sim-series", title, s->ctx.series.v, s->ctx.series.nr,
		  SIM_PAGE_KB, false);
	cli_buf_add(b, "</figure>\n<figure>");
	chart_sweep(b, "sim-sweep", s->ctx.sweep_name,
		    (const char *const *)s->ctx.sweep_vals, s->sweep_failures,
		    s->ctx.nr_sweep);
	cli_buf_add(b,
		    "<figcaption>The same scenario run again for each "
		    "value of %s%s.</figcaption></figure>\n</section>\n",
		    s->ctx.sweep_name,
		    s->args.sweep != s->sweep_default
			    ? ""
			    : ": its own value, then 2, 4 and 8 times it");
}

static void page_table(const struct report_ctx *c, struct cli_buf *b)
{
	if (!c->nr_rows)
		return;
	cli_buf_add(b, "<section id=\"reports\"><h2>Every report</h2>\n");
	if (c->nr_reports > c->nr_rows)
		cli_buf_add(b,
			    "<p>The first %zu of %lu (<code>pagefail scan "
			    "-j</code> lists them all).</p>\n",
			    c->nr_rows, c->nr_reports);
	cli_buf_add(b, "<table><tr><th>time</th><th>host</th><th>task</th>"
		       "<th>order</th><th>mode</th><th>kind</th><th>where</th>"
		       "</tr>\n");
	for (size_t i = 0; i < c->nr_rows; i++) {
		const struct rp_row *r = &c->rows[i];

		cli_buf_add(b, "<tr><td>");
		html_esc(b, r->time);
		cli_buf_add(b, "</td><td>");
		html_esc(b, r->host >= 0 ? c->hosts[r->host] : "");
		cli_buf_add(b, "</td><td>");
		html_esc(b, r->task);
		cli_buf_add(b, "</td><td>%d</td><td>", r->order);
		html_esc(b, r->mode);
		cli_buf_add(b, "</td><td><a href=\"#k%zu\">#%zu</a></td><td>",
			    r->group, r->group);
		html_esc(b, r->where);
		cli_buf_add(b, "</td></tr>\n");
	}
	cli_buf_add(b, "</table>\n</section>\n");
}

void report_page(const struct report_ctx *c, struct cli_buf *b)
{
	page_head(c, b);
	page_overview(c, b);
	page_kinds(c, b);
	page_advice(c, b);
	page_machine(c, b);
	page_simulation(c, b);
	page_table(c, b);
	cli_buf_add(b, "</body>\n</html>\n");
}
