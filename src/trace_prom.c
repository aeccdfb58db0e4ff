// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace_prom.c - what pagefail trace measured, as Prometheus metrics, for
 * trace --export DIR beside export's pagefail.prom: the requests,
 * failures and bytes by order, gfp class and context; the atomic demand
 * per window as a summary (its quantiles over the windows since trace
 * started, the bytes and the windows); kswapd's reaction; stalls and
 * fallbacks.  Counters count from trace's start: a new trace is a reset,
 * which Prometheus's rate() handles.
 */
#include "prom.h"
#include "tracer.h"

static void requests(const struct cli_trace *t, const struct trace_summary *s,
		     struct cli_buf *b)
{
	static const struct {
		const char *name, *help;
	} fam[] = {
		{ "pagefail_trace_requests_total",
		  "Page allocation requests (__alloc_pages() calls) since "
		  "pagefail trace started, by order, gfp class and context" },
		{ "pagefail_trace_failures_total",
		  "Page allocation requests that got no page (the kernel's "
		  "page allocation failures, printed or not)" },
		{ "pagefail_trace_allocated_bytes_total",
		  "Bytes the page allocation requests got" },
	};

	for (size_t f = 0; f < sizeof(fam) / sizeof(fam[0]); f++) {
		prom_family(b, fam[f].name, "counter", fam[f].help);
		for (size_t i = 0; i < s->nr_rows; i++) {
			const struct trace_row *r = &s->rows[i];
			struct prom_labels l = { 0 };
			double v = f == 0   ? (double)r->allocs
				   : f == 1 ? (double)r->fails
					    : (double)r->pages * t->page_kb *
						      1024.0;

			prom_label(&l, "order", "%d", r->order);
			prom_label(&l, "class", "%s",
				   trace_class_name(r->class));
			prom_label(&l, "context", "%s", trace_ctx_name(r->ctx));
			prom_sample(b, fam[f].name, &l, v);
		}
	}
}

static void demand(const struct cli_trace *t, const struct trace_demand *d,
		   struct cli_buf *b)
{
	static const char *const q[] = { "0.5", "0.99", "0.999", "1" };
	const unsigned long long v[] = { d->p50, d->p99, d->p999, d->max };
	double page = t->page_kb * 1024.0;
	struct prom_labels l;

	prom_family(b, "pagefail_trace_window_seconds", "gauge",
		    "The window pagefail trace measures the atomic demand in");
	prom_sample(b, "pagefail_trace_window_seconds", NULL, t->window_s);
	prom_family(b, "pagefail_trace_atomic_demand_bytes", "summary",
		    "Bytes atomic requests (those that may not sleep and may "
		    "use the reserve below min) took in one window, over the "
		    "windows since pagefail trace started");
	for (size_t i = 0; i < 4; i++) {
		l = (struct prom_labels){ 0 };
		prom_label(&l, "quantile", "%s", q[i]);
		prom_sample(b, "pagefail_trace_atomic_demand_bytes", &l,
			    (double)v[i] * page);
	}
	prom_sample(b, "pagefail_trace_atomic_demand_bytes_sum", NULL,
		    (double)d->pages * page);
	prom_sample(b, "pagefail_trace_atomic_demand_bytes_count", NULL,
		    (double)d->windows);
	prom_family(b, "pagefail_trace_atomic_window_requests_max", "gauge",
		    "The most atomic requests of an order in one window "
		    "(order 3: 3 and above)");
	for (int o = 0; o < TRACE_WINDOW_ORDERS; o++) {
		l = (struct prom_labels){ 0 };
		prom_label(&l, "order", "%d", o);
		prom_sample(b, "pagefail_trace_atomic_window_requests_max", &l,
			    (double)d->max_allocs[o]);
	}
}

static void mm(const struct cli_trace *t, struct cli_buf *b)
{
	const struct trace_lat_val *lt = t->lat;
	struct prom_labels l = { 0 };

	prom_family(b, "pagefail_trace_kswapd_wakeups_total", "counter",
		    "Wakeups of a waiting kswapd (mm_vmscan_wakeup_kswapd)");
	prom_sample(b, "pagefail_trace_kswapd_wakeups_total", NULL,
		    (double)t->events[TRACE_EV_KSWAPD_WAKEUP]);
	prom_family(b, "pagefail_trace_kswapd_reaction_seconds_max", "gauge",
		    "The longest time from a wakeup to kswapd running: the "
		    "time atomic requests have only the reserve");
	prom_sample(b, "pagefail_trace_kswapd_reaction_seconds_max", NULL,
		    (double)lt[TRACE_LAT_KSWAPD_REACT].max_ns / 1e9);
	prom_family(
		b, "pagefail_trace_direct_reclaim_stalls_total", "counter",
		"Direct reclaims of tasks (mm_vmscan_direct_reclaim_begin)");
	prom_sample(b, "pagefail_trace_direct_reclaim_stalls_total", NULL,
		    (double)lt[TRACE_LAT_DIRECT_RECLAIM].n);
	prom_family(b, "pagefail_trace_direct_reclaim_seconds_total", "counter",
		    "Time tasks spent in direct reclaim");
	prom_sample(b, "pagefail_trace_direct_reclaim_seconds_total", NULL,
		    (double)lt[TRACE_LAT_DIRECT_RECLAIM].sum_ns / 1e9);
	prom_family(b, "pagefail_trace_fallbacks_total", "counter",
		    "Allocations from another migratetype's free list; "
		    "fragmenting=\"1\": of less than a pageblock, which mixes "
		    "migratetypes in one");
	prom_label(&l, "fragmenting", "1");
	prom_sample(b, "pagefail_trace_fallbacks_total", &l,
		    (double)t->events[TRACE_EV_EXTFRAG_SPLIT]);
	l = (struct prom_labels){ 0 };
	prom_label(&l, "fragmenting", "0");
	prom_sample(b, "pagefail_trace_fallbacks_total", &l,
		    (double)(t->events[TRACE_EV_EXTFRAG] -
			     t->events[TRACE_EV_EXTFRAG_SPLIT]));
}

void cli_trace_metrics(const struct cli_trace *t, const struct trace_summary *s,
		       struct cli_buf *b)
{
	requests(t, s, b);
	demand(t, &s->demand, b);
	mm(t, b);
}
