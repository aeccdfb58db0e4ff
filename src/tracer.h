/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tracer.h - pagefail trace's measurement (trace_bpf.c: the BPF program
 * of bpf/trace.bpf.c loaded, attached, read and summed; trace_none.c when
 * built without libbpf) and its summary (cmd_trace.c).
 */
#ifndef PAGEFAIL_TRACER_H
#define PAGEFAIL_TRACER_H

#include <linux/types.h>

#include "bpf/trace.h"
#include "cli.h"

/* The classes requests are sorted into, by the library's gfp layout. */
enum trace_class {
	TRACE_ATOMIC = 0, /* may not sleep, may dip into reserves */
	TRACE_NOWAIT,	  /* may not sleep, no reserves */
	TRACE_KERNEL,	  /* may sleep: reclaim and compaction */
	TRACE_MOVABLE,	  /* may sleep, movable (user memory, page cache) */
	TRACE_CLASS_NR
};

/* One gfp mask, order and context, summed over the CPUs. */
struct trace_stat {
	unsigned long gfp;
	int order, ctx, class;
	unsigned long long allocs, pages, fails;
};

#define TRACE_VM_ZONES 8

/* How many windows took one number of pages. */
struct trace_tally_val {
	unsigned long long pages, windows;
};

/* trace_tally.c: the atomic demand of every window, summed as they drain */
struct trace_tally {
	struct trace_tally_val *vals; /* by pages, ascending */
	size_t nr_vals, alloc_vals;
	unsigned long long windows, pages, fails;
	unsigned long long max_allocs[TRACE_WINDOW_ORDERS]; /* by order */
};

int trace_tally_add(struct trace_tally *ty, const struct trace_window *w);
/* The p-th percentile of the windows' pages, nearest rank. */
unsigned long long trace_tally_pct(const struct trace_tally *ty, double p);
void trace_tally_release(struct trace_tally *ty);

/* A call stack and what came through it. */
struct trace_stack {
	int kind, order; /* TRACE_STACK_FAIL, TRACE_STACK_ATOMIC */
	unsigned long long allocs, pages;
	int nr_ips;
	unsigned long long ips[TRACE_STACK_DEPTH];
};

struct cli_trace {
	struct pf_kver kernel;	  /* the running one */
	int gfp_layout;		  /* enum pf_gfp_layout of its masks */
	double window_s;	  /* the demand's window */
	unsigned int page_kb;	  /* the kernel's page, in KiB */
	const char *context_from; /* "preempt count", "irq tracepoints" */
	double started, ended;	  /* cli_now() */

	struct trace_stat *stats;
	size_t nr_stats, alloc_stats;

	/* page->flags' zone: names of enum zone_type, or why not known */
	bool zones_known;
	char zones_why[160];
	int nr_zone_types;
	char zone_name[TRACE_ZONES_MAX][16];
	unsigned long long zone_pages[TRACE_ZONE_SLOTS];
	/* pgalloc_<zone> of /proc/vmstat at the start and at the end */
	unsigned long long pgalloc0[TRACE_VM_ZONES], pgalloc1[TRACE_VM_ZONES];
	bool have_pgalloc[TRACE_VM_ZONES];

	/* the atomic demand of every window, summed; each to csv as read */
	struct trace_tally tally;
	FILE *csv;		      /* --csv, or NULL */
	unsigned long long first_win; /* the first whole window */
	unsigned long long next_win;  /* the first not read yet */
	unsigned long lost_win;	      /* read too late: the ring came round */

	/* the other tracepoints: counts, and times summed over the CPUs */
	unsigned long long events[TRACE_EV_NR];
	struct trace_lat_val lat[TRACE_LAT_NR];

	/* the call stacks of failures and atomic requests, most pages first */
	struct trace_stack *stacks;
	size_t nr_stacks, alloc_stacks;
	bool want_stacks;

	void *bpf; /* trace_bpf.c's */
};

/*
 * Load and attach the program, windows of window_s, each written to csv
 * (or NULL) as it is read: 0, or -1 with why (one line) in why[] of n
 * bytes.
 */
int cli_trace_start(struct cli_trace *t, double window_s, bool stacks,
		    FILE *csv, char *why, size_t n);
/* Read the windows that ended: 0, or -errno. */
int cli_trace_poll(struct cli_trace *t);
/* Read what was counted so far, attached still: 0, or -errno. */
int cli_trace_read(struct cli_trace *t);
/* Detach, and read what was counted: 0, or -errno. */
int cli_trace_stop(struct cli_trace *t);
void cli_trace_release(struct cli_trace *t);

/* kallsyms.c: /proc/kallsyms's text symbols (NULL: none readable) */
struct cli_ksyms;
struct cli_ksyms *cli_ksyms_load(void);
/* The symbol addr is in and the offset into it, or NULL. */
const char *cli_ksym(const struct cli_ksyms *k, unsigned long long addr,
		     unsigned long long *off);
void cli_ksyms_free(struct cli_ksyms *k);

/* trace_kernel.c: what trace must know of the running kernel */
bool trace_preempt_count_readable(void);
/* What the process or the kernel lacks for the program, or NULL */
const char *trace_missing(void);
/*
 * The bits of page->flags' node (nodes) and zone (zones) under the node:
 * 0, or -1 with t->zones_why said.  Fills t's zone names.
 */
int trace_zone_layout(struct cli_trace *t, const char *release, int *nodes,
		      int *zones);
int trace_pageblock_order(void);
/* pgalloc_<zone> of /proc/vmstat, for t's zone names */
void trace_read_pgalloc(const struct cli_trace *t, unsigned long long *v,
			bool *have);

/* cmd_trace.c: what was counted, by order, class and context */
struct trace_row {
	int order, class, ctx;
	unsigned long long allocs, pages, fails;
};

/* ... and the atomic demand per window */
struct trace_demand {
	unsigned long long windows, pages;	/* pages: in all windows */
	unsigned long long p50, p99, p999, max; /* pages in one window */
	unsigned long long max_allocs[TRACE_WINDOW_ORDERS]; /* by order */
	unsigned long long fails;
};

struct trace_summary {
	struct trace_row *rows;
	size_t nr_rows, alloc_rows;
	struct trace_demand demand;
	int min_order, max_order; /* --orders */
	int nr_stacks;		  /* --stacks: how many of each kind */
	struct cli_ksyms *ksyms;
};

/* trace_prom.c: the summary as Prometheus metrics (trace --export) */
void cli_trace_metrics(const struct cli_trace *t, const struct trace_summary *s,
		       struct cli_buf *b);
/* print_trace.c: the windows as CSV (trace --csv): its head, a window */
void print_trace_csv_head(FILE *f);
void print_trace_csv_window(FILE *f, const struct cli_trace *t,
			    unsigned long long win,
			    const struct trace_window *w);

/* print_trace.c: the summary, text or JSON */
void print_trace(const struct cli_trace *t, const struct trace_summary *s);
const char *trace_class_name(int class);
const char *trace_ctx_name(int ctx);

#endif
