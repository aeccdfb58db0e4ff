// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * print_trace.c - the summary of pagefail trace, in text and JSON by the
 * same calls: what was measured, the requests by order, class and
 * context, the pages by zone beside pgalloc_*, the atomic demand.
 */
#include "print.h"
#include "tracer.h"

const char *trace_class_name(int class)
{
	static const char *const names[TRACE_CLASS_NR] = { "atomic", "nowait",
							   "kernel",
							   "movable" };

	return class >= 0 && class < TRACE_CLASS_NR ? names[class] : "?";
}

const char *trace_ctx_name(int ctx)
{
	static const char *const names[TRACE_CTX_NR] = { "task", "softirq",
							 "hardirq" };

	return ctx >= 0 && ctx < TRACE_CTX_NR ? names[ctx] : "?";
}

static void print_rows(const struct trace_summary *s)
{
	print_fp("\nrequests by order, gfp class and context\n");
	print_fp(
		"  order  class    context      requests         pages  failures\n");
	open_json_array("requests");
	for (size_t i = 0; i < s->nr_rows; i++) {
		const struct trace_row *r = &s->rows[i];

		open_json_object(NULL);
		print_int(PRINT_ANY, "order", "  %5d", r->order);
		print_string(PRINT_ANY, "class", "  %-7s",
			     trace_class_name(r->class));
		print_string(PRINT_ANY, "context", "  %-8s",
			     trace_ctx_name(r->ctx));
		print_uint(PRINT_ANY, "requests", " %12llu", r->allocs);
		print_uint(PRINT_ANY, "pages", " %13llu", r->pages);
		print_uint(PRINT_ANY, "failures", " %9llu\n", r->fails);
		close_json_object();
	}
	close_json_array();
}

/* Pages of zone type z, over every node. */
static unsigned long long zone_sum(const struct cli_trace *t, int z)
{
	unsigned long long n = 0;

	for (int node = 0; node < TRACE_NODES_MAX; node++)
		n += t->zone_pages[node * TRACE_ZONES_MAX + z];
	return n;
}

/*
 * Why the two counts may differ (mm/page_alloc.c, read in 6.1.20 and
 * 6.18.2): PGALLOC is counted where pages leave the buddy lists
 * (rmqueue_buddy(), rmqueue_pcplist()) and by the bulk allocator, the
 * tracepoint once per __alloc_pages() call (__alloc_frozen_pages_noprof()
 * in 6.18), which the bulk allocator never makes; a page compaction
 * captured for its caller (compaction_capture()) is traced and was never
 * counted.
 */
static const char zones_note[] =
	"pgalloc_* also counts the bulk allocator (alloc_pages_bulk(): vmalloc, "
	"page_pool, splice), which kmem:mm_page_alloc does not see; a page "
	"compaction captured for its caller is traced but not in pgalloc_*";

static void print_zones(const struct cli_trace *t)
{
	bool differ = false;

	if (!t->zones_known) {
		print_string(PRINT_ANY, "zones_unknown",
			     "\npages by zone: not known: %s\n", t->zones_why);
		return;
	}
	print_fp(
		"\npages by zone (page->flags), and pgalloc_* of /proc/vmstat over the same time\n");
	print_fp("  zone          traced       pgalloc  difference\n");
	open_json_array("zones");
	for (int z = 0; z < t->nr_zone_types && z < TRACE_VM_ZONES; z++) {
		unsigned long long n = zone_sum(t, z);
		long long d =
			t->have_pgalloc[z]
				? (long long)(t->pgalloc1[z] - t->pgalloc0[z])
				: -1;

		if (!n && d <= 0)
			continue;
		open_json_object(NULL);
		print_string(PRINT_ANY, "zone", "  %-8s", t->zone_name[z]);
		print_uint(PRINT_ANY, "traced_pages", " %13llu", n);
		print_num(PRINT_ANY, "pgalloc_pages", " %13lld", d);
		if (d > 0) {
			double pc = 100.0 * ((double)n - (double)d) / (double)d;

			print_fp("  %+9.3f%%", pc);
			differ |= pc >= 1.0 || pc <= -1.0;
		}
		print_fp("\n");
		close_json_object();
	}
	close_json_array();
	if (differ)
		print_wrapped(PRINT_ANY, "zones_note", 2, "note:", zones_note);
}

static void print_demand(const struct cli_trace *t,
			 const struct trace_demand *d)
{
	unsigned int kb = t->page_kb; /* the tracepoint counts PAGE_SIZE */

	open_json_object("atomic_demand");
	print_fp("\natomic demand per %g ms window", t->window_s * 1000);
	print_uint(PRINT_ANY, "windows", " (%llu windows)\n",
		   (unsigned long long)d->windows);
	print_uint(PRINT_ANY, "p50_pages", "  pages: median %llu", d->p50);
	print_uint(PRINT_ANY, "p99_pages", ", p99 %llu", d->p99);
	print_uint(PRINT_ANY, "p999_pages", ", p99.9 %llu", d->p999);
	print_uint(PRINT_ANY, "max_pages", ", max %llu", d->max);
	print_fp(" (%llu KiB)\n", d->max * kb);
	print_fp("  most requests in one window:");
	open_json_array("max_requests_by_order");
	for (int o = 0; o < TRACE_WINDOW_ORDERS; o++) {
		print_fp(o == TRACE_WINDOW_ORDERS - 1 ? " order %d+"
						      : " order %d",
			 o);
		print_uint(PRINT_ANY, NULL, " %llu", d->max_allocs[o]);
		print_fp("%s", o + 1 < TRACE_WINDOW_ORDERS ? "," : "\n");
	}
	close_json_array();
	print_uint(PRINT_ANY, "failures", "  atomic failures: %llu\n",
		   d->fails);
	close_json_object();
}

/* a time of the kernel's: its count, mean and maximum in ms */
static void print_lat(const char *key, const char *what,
		      const struct trace_lat_val *v)
{
	double avg = v->n ? (double)v->sum_ns / (double)v->n / 1e6 : 0;

	open_json_object(key);
	print_fp("  %-24s", what);
	print_uint(PRINT_ANY, "count", " %8llu", v->n);
	print_double(PRINT_ANY, "avg_ms", ", mean %.3f ms", avg);
	print_double(PRINT_ANY, "max_ms", ", max %.3f ms\n",
		     (double)v->max_ns / 1e6);
	close_json_object();
}

static void print_mm(const struct cli_trace *t)
{
	const unsigned long long *ev = t->events;

	print_fp("\nreclaim and compaction over the same time\n");
	open_json_object("kswapd");
	print_uint(PRINT_ANY, "wakeups", "  kswapd: woken %llu times",
		   ev[TRACE_EV_KSWAPD_WAKEUP]);
	print_uint(PRINT_ANY, "runs", ", ran %llu times\n",
		   ev[TRACE_EV_KSWAPD_RUN]);
	print_lat("reaction",
		  "from woken to running:", &t->lat[TRACE_LAT_KSWAPD_REACT]);
	print_lat("run",
		  "from running to asleep:", &t->lat[TRACE_LAT_KSWAPD_RUN]);
	close_json_object();
	print_lat("direct_reclaim",
		  "direct reclaim stalls:", &t->lat[TRACE_LAT_DIRECT_RECLAIM]);
	open_json_object("direct_compaction");
	print_uint(PRINT_ANY, "calls", "  direct compaction: %llu calls",
		   ev[TRACE_EV_DIRECT_COMPACT]);
	print_fp(" (try_to_compact_pages)\n");
	print_lat("zones", "zones compacted by tasks:",
		  &t->lat[TRACE_LAT_DIRECT_COMPACT]);
	close_json_object();
	print_uint(PRINT_ANY, "kcompactd_wakeups",
		   "  kcompactd: woken %llu times\n",
		   ev[TRACE_EV_KCOMPACTD_WAKEUP]);
	open_json_object("fallbacks");
	print_uint(PRINT_ANY, "count",
		   "  fallbacks to another migratetype: %llu",
		   ev[TRACE_EV_EXTFRAG]);
	print_uint(PRINT_ANY, "fragmenting",
		   ", %llu of them below a pageblock (fragmenting)\n",
		   ev[TRACE_EV_EXTFRAG_SPLIT]);
	close_json_object();
}

/* The first stacks of one kind, their frames named where kallsyms can. */
static void print_stacks(const struct cli_trace *t,
			 const struct trace_summary *s, int kind,
			 const char *title)
{
	int shown = 0;

	for (size_t i = 0; i < t->nr_stacks && shown < s->nr_stacks; i++) {
		const struct trace_stack *st = &t->stacks[i];

		if (st->kind != kind)
			continue;
		if (!shown++)
			print_fp("\n%s\n", title);
		open_json_object(NULL);
		print_string(PRINT_JSON, "kind", NULL,
			     kind == TRACE_STACK_FAIL ? "failure" : "atomic");
		print_int(PRINT_ANY, "order", "  order %lld", st->order);
		print_uint(PRINT_ANY, "requests", ": %llu requests",
			   st->allocs);
		print_uint(PRINT_ANY, "pages", ", %llu pages\n", st->pages);
		open_json_array("frames");
		for (int f = 0; f < st->nr_ips; f++) {
			unsigned long long off = 0;
			const char *name = cli_ksym(s->ksyms, st->ips[f], &off);
			char frame[320];

			if (name)
				snprintf(frame, sizeof(frame), "%s+0x%llx",
					 name, off);
			else
				snprintf(frame, sizeof(frame), "0x%llx",
					 st->ips[f]);
			print_string(PRINT_ANY, NULL, "      %s\n", frame);
		}
		close_json_array();
		close_json_object();
	}
}

void print_trace(const struct cli_trace *t, const struct trace_summary *s)
{
	open_json_object(NULL);
	print_double(PRINT_ANY, "duration_s", "trace: %.1f s",
		     t->ended - t->started);
	print_string(PRINT_ANY, "kernel", " on %s", t->kernel.str);
	print_string(PRINT_ANY, "gfp_layout", " (gfp layout %s)",
		     pf_gfp_layout_name(t->gfp_layout));
	print_double(PRINT_JSON, "window_ms", NULL, t->window_s * 1000);
	print_uint(PRINT_JSON, "page_kb", NULL, t->page_kb);
	print_string(PRINT_JSON, "context_from", NULL, t->context_from);
	if (t->lost_win)
		print_uint(PRINT_ANY, "windows_lost",
			   ", %llu windows read too late",
			   (unsigned long long)t->lost_win);
	print_fp("\n");
	print_rows(s);
	print_zones(t);
	print_demand(t, &s->demand);
	print_mm(t);
	if (t->want_stacks) {
		open_json_array("stacks");
		print_stacks(t, s, TRACE_STACK_FAIL,
			     "call stacks of failures, the most first");
		print_stacks(
			t, s, TRACE_STACK_ATOMIC,
			"call stacks of atomic requests, the most pages first");
		close_json_array();
		if (t->events[TRACE_EV_STACKS_LOST])
			print_uint(
				PRINT_ANY, "stacks_lost",
				"  (%llu stacks not kept: the map was full)\n",
				t->events[TRACE_EV_STACKS_LOST]);
	}
	close_json_object();
	print_record_end();
}

void print_trace_csv_head(FILE *f)
{
	fprintf(f, "window_start_s,atomic_bytes,atomic_requests_order0,"
		   "atomic_requests_order1,atomic_requests_order2,"
		   "atomic_requests_order3plus,atomic_failures\n");
}

/* Window win of the kernel's clock: its start counts from trace's first. */
void print_trace_csv_window(FILE *f, const struct cli_trace *t,
			    unsigned long long win,
			    const struct trace_window *w)
{
	fprintf(f, "%.3f,%llu", (double)(win - t->first_win) * t->window_s,
		(unsigned long long)w->pages * t->page_kb * 1024ull);
	for (int o = 0; o < TRACE_WINDOW_ORDERS; o++)
		fprintf(f, ",%llu", (unsigned long long)w->allocs[o]);
	fprintf(f, ",%llu\n", (unsigned long long)w->fails);
}
