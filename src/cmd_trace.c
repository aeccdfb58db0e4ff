// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_trace.c - pagefail trace: measure the page allocations this kernel
 * makes for a while (trace_bpf.c), then sum them up: requests, pages and
 * failures by order, gfp class and context; the pages by zone beside the
 * kernel's own pgalloc_* counts; and the atomic demand per window (its
 * median, 99th and 99.9th percentiles and maximum), the figure
 * vm.min_free_kbytes has to cover while kswapd wakes.  --csv FILE: every
 * window; --export DIR: the same as Prometheus metrics, DIR/
 * pagefail-trace.prom rewritten every second while it runs, for
 * node_exporter's textfile collector as export's pagefail.prom is.
 */
#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "print.h"
#include "tracer.h"

#define TRACE_DURATION	 10.0  /* seconds, by default */
#define TRACE_WINDOW	 0.010 /* seconds, by default */
#define TRACE_POLL_NS	 (200 * 1000 * 1000)
#define TRACE_TOP_STACKS 5   /* call stacks shown of each kind, by default */
#define TRACE_EXPORT_S	 1.0 /* seconds between two --export files */
#define TRACE_PROM	 "pagefail-trace.prom"

struct trace_out {
	const char *csv, *export; /* --csv FILE, --export DIR */
	FILE *csv_file;		  /* --csv's, open */
};

static volatile sig_atomic_t trace_stop;

static void on_stop(int sig)
{
	(void)sig;
	trace_stop = 1;
}

/* the class of a gfp mask, in the running kernel's layout */
static int class_of(unsigned long gfp, int layout)
{
	struct pf_gfp_caps c;

	if (pf_gfp_caps(gfp, layout, &c))
		return TRACE_KERNEL;
	if (c.atomic)
		return TRACE_ATOMIC;
	if (!c.can_sleep)
		return TRACE_NOWAIT;
	return c.movable ? TRACE_MOVABLE : TRACE_KERNEL;
}

/* The stats summed by order, class and context, in that order. */
static int sum_rows(const struct cli_trace *t, struct trace_summary *s)
{
	for (size_t i = 0; i < t->nr_stats; i++) {
		const struct trace_stat *st = &t->stats[i];
		int class = class_of(st->gfp, t->gfp_layout);
		struct trace_row *r = NULL;
		size_t j;

		if (st->order < s->min_order || st->order > s->max_order)
			continue;
		for (j = 0; j < s->nr_rows; j++) {
			r = &s->rows[j];
			if (r->order == st->order && r->class == class &&
			    r->ctx == st->ctx)
				break;
		}
		if (j == s->nr_rows) {
			if (PF_GROW(s->rows, s->alloc_rows, s->nr_rows + 1, 16))
				return -ENOMEM;
			r = &s->rows[s->nr_rows++];
			memset(r, 0, sizeof(*r));
			r->order = st->order;
			r->class = class;
			r->ctx = st->ctx;
		}
		r->allocs += st->allocs;
		r->pages += st->pages;
		r->fails += st->fails;
	}
	return 0;
}

static int row_cmp(const void *a, const void *b)
{
	const struct trace_row *x = a, *y = b;

	if (x->order != y->order)
		return x->order - y->order;
	if (x->class != y->class)
		return x->class - y->class;
	return x->ctx - y->ctx;
}

static void sum_demand(const struct cli_trace *t, struct trace_demand *d)
{
	const struct trace_tally *ty = &t->tally;

	memset(d, 0, sizeof(*d));
	d->windows = ty->windows;
	d->pages = ty->pages;
	d->fails = ty->fails;
	memcpy(d->max_allocs, ty->max_allocs, sizeof(d->max_allocs));
	d->p50 = trace_tally_pct(ty, 50);
	d->p99 = trace_tally_pct(ty, 99);
	d->p999 = trace_tally_pct(ty, 99.9);
	d->max = trace_tally_pct(ty, 100);
}

/* The summary of what t holds now, afresh: 0, or -ENOMEM. */
static int summarize(const struct cli_trace *t, struct trace_summary *s)
{
	free(s->rows);
	s->rows = NULL;
	s->nr_rows = s->alloc_rows = 0;
	sum_demand(t, &s->demand);
	if (sum_rows(t, s))
		return -ENOMEM;
	if (s->nr_rows) /* qsort() of NULL is undefined, even of 0 */
		qsort(s->rows, s->nr_rows, sizeof(*s->rows), row_cmp);
	return 0;
}

/* --export DIR: what was counted so far, in DIR/pagefail-trace.prom */
static void export_now(struct cli_trace *t, struct trace_summary *s,
		       const char *dir)
{
	struct cli_buf b = { 0 };
	int err = summarize(t, s);

	if (!err) {
		cli_trace_metrics(t, s, &b);
		err = cli_replace_file(dir, TRACE_PROM, cli_buf_str(&b), b.n);
	}
	if (err)
		cli_err(false, dir,
			"trace: cannot write %s/%s: %s; tracing goes on", dir,
			TRACE_PROM, pf_strerror(err));
	cli_buf_release(&b);
}

/*
 * --csv FILE, opened before the program loads (a path it cannot write
 * is said before anything is traced) and its head written: the stream,
 * or NULL after saying why
 */
static FILE *csv_open(const char *path)
{
	FILE *f = fopen(path, "we");

	if (!f) {
		cli_err(false, path, "trace: cannot write '%s': %s", path,
			pf_strerror(errno));
		return NULL;
	}
	print_trace_csv_head(f);
	return f;
}

/* ... and every window written as it was read: 0, or -1 after saying why */
static int csv_close(FILE *f, const char *path)
{
	int err = ferror(f) ? EIO : 0;

	if (fclose(f) && !err)
		err = errno;
	if (!err)
		return 0;
	cli_err(false, path, "trace: cannot write '%s': %s", path,
		pf_strerror(err));
	return -1;
}

/* --orders A-B, or one order A */
static int opt_orders(const char *arg, struct trace_summary *s)
{
	char *end;
	long a = strtol(arg, &end, 10), b = a;

	if (end != arg && *end == '-')
		b = strtol(end + 1, &end, 10);
	if (end == arg || *end || a < 0 || b < a || b > 63) {
		cli_err(false, NULL,
			"--orders takes an order or a range of them (1, 0-3), "
			"not '%s'",
			arg);
		return -1;
	}
	s->min_order = (int)a;
	s->max_order = (int)b;
	return 0;
}

/* Measure for duration seconds (or until a signal): the exit status. */
static int measure(struct cli_trace *t, struct trace_summary *s,
		   const struct trace_out *out, double duration, double window)
{
	double exported = 0;
	struct sigaction sa = { .sa_handler = on_stop };
	char why[512];
	double end;
	int err = 0;

	if (cli_trace_start(t, window, s->nr_stacks > 0, out->csv_file, why,
			    sizeof(why))) {
		cli_err(false, NULL, "trace: %s", why);
		return CLI_EXIT_ERROR;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* what runs from now on is counted: a script may start its load */
	fprintf(stderr,
		"pagefail: trace: counting for %g s (SIGINT or SIGTERM ends "
		"it sooner)\n",
		duration);
	end = t->started + duration;
	while (!trace_stop && cli_now() < end && !err) {
		nanosleep(&(struct timespec){ 0, TRACE_POLL_NS }, NULL);
		err = cli_trace_poll(t);
		if (!err && out->export &&
		    cli_now() - exported >= TRACE_EXPORT_S) {
			err = cli_trace_read(t);
			if (!err)
				export_now(t, s, out->export);
			exported = cli_now();
		}
	}
	if (!err)
		err = cli_trace_stop(t);
	if (!err && out->export)
		export_now(t, s, out->export);
	if (err) {
		cli_err(false, NULL, "trace: reading the counts: %s",
			pf_strerror(err));
		return CLI_EXIT_ERROR;
	}
	return 0;
}

int cmd_trace(int argc, char **argv)
{
	static const struct option own[] = {
		{ "duration", required_argument, NULL, 'd' },
		{ "interval", required_argument, NULL, 'i' },
		{ "orders", required_argument, NULL, 'o' },
		{ "stacks", required_argument, NULL, 's' },
		{ "csv", required_argument, NULL, 'c' },
		{ "export", required_argument, NULL, 'x' },
		{ 0 }
	};
	/* clang-format off */
	static const struct cli_opts opts = {
		.cmd = "trace", .usage = usage_trace, .shorts = "d:",
		.longs = own, .common = CLI_COMMON_JSON,
	};
	/* clang-format on */
	struct trace_summary s = { .min_order = 0,
				   .max_order = 63,
				   .nr_stacks = TRACE_TOP_STACKS };
	double duration = TRACE_DURATION, window = TRACE_WINDOW;
	struct cli_common com = { 0 };
	struct trace_out out = { 0 };
	struct cli_trace t;
	struct cli_parser p;
	long ms = 0;
	int ch, st;

	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &com)) >= 0) {
		if (ch == 'd' && cli_opt_seconds("--duration", optarg, 0.1,
						 86400, &duration))
			return CLI_EXIT_USAGE;
		if (ch == 'i') {
			if (cli_opt_long("--interval", optarg, 1, 10000, &ms))
				return CLI_EXIT_USAGE;
			window = (double)ms / 1000.0;
		}
		if (ch == 'o' && opt_orders(optarg, &s))
			return CLI_EXIT_USAGE;
		if (ch == 'c')
			out.csv = optarg;
		if (ch == 'x')
			out.export = optarg;
		if (ch == 's') {
			if (cli_opt_long("--stacks", optarg, 0, 1000, &ms))
				return CLI_EXIT_USAGE;
			s.nr_stacks = (int)ms;
		}
	}
	if (ch == CLI_OPT_EXIT)
		return p.status;
	if (cli_no_operands("trace", argc, argv))
		return CLI_EXIT_USAGE;
	if (out.export && cli_root_check(out.export, false))
		return CLI_EXIT_ERROR;
	if (out.csv && !(out.csv_file = csv_open(out.csv)))
		return CLI_EXIT_ERROR;
	st = measure(&t, &s, &out, duration, window);
	if (out.csv_file && csv_close(out.csv_file, out.csv) && !st)
		st = CLI_EXIT_ERROR;
	/* nothing was traced: no file of a head alone is left behind */
	if (st && out.csv_file && !t.tally.windows)
		unlink(out.csv);
	if (!st && s.nr_stacks)
		s.ksyms = cli_ksyms_load();
	if (!st && summarize(&t, &s))
		st = CLI_EXIT_ERROR;
	if (!st && !print_begin(stdout, com.json, com.pretty)) {
		print_trace(&t, &s);
		print_end();
	}
	free(s.rows);
	cli_ksyms_free(s.ksyms);
	cli_trace_release(&t);
	return st;
}
