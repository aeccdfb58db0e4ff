// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_report.c - pagefail report: one HTML file, self-contained (no
 * script, no asset fetched), for a support case to hand over: every
 * report of the SOURCEs grouped by kind, each kind with its verdict, the
 * zones' free blocks as pictures, the known cause; the failures over
 * time; the advice; with --root the machine's zones now; with --simulate
 * a scenario's run and a sweep.  The reading is collect.c's, the
 * explaining and the advice the library's, the page report_page.c's.
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

#define SAMPLE_EVERY 0.1 /* seconds: a simulation's samples */

/* The index of host in c->hosts, added when new; -1 when full */
static int host_of(struct report_ctx *c, const char *host)
{
	for (int i = c->nr_hosts - 1; i >= 0; i--)
		if (!strcmp(c->hosts[i], host))
			return i;
	if (c->nr_hosts == RP_HOSTS_MAX ||
	    PF_GROW(c->hosts, c->alloc_hosts, (size_t)c->nr_hosts + 1, 16) ||
	    !(c->hosts[c->nr_hosts] = strdup(host)))
		return -1;
	return c->nr_hosts++;
}

/* The kind of r, as scan groups them: its index, or -1 past the last */
static long group_of(struct report_ctx *c, const struct pf_report *r)
{
	char sig[256], key[512];
	struct rp_group *g;

	cli_report_kind(r, key, sizeof(key), sig, sizeof(sig));
	for (size_t i = 0; i < c->nr_groups; i++)
		if (!strcmp(c->groups[i].key, key))
			return (long)i;
	if (c->nr_groups == RP_GROUPS_MAX ||
	    PF_GROW(c->groups, c->alloc_groups, c->nr_groups + 1, 16))
		return -1;
	g = &c->groups[c->nr_groups];
	memset(g, 0, sizeof(*g));
	snprintf(g->key, sizeof(g->key), "%s", key);
	return (long)c->nr_groups++;
}

/* r counted in its kind, kept whole when it says more than the kept one */
static int group_add(struct report_ctx *c, long gi, const struct pf_report *r)
{
	struct rp_group *g;
	bool meminfo = r->flags & PF_REPORT_HAS_MEMINFO;

	if (gi < 0) {
		c->others++;
		return 0;
	}
	g = &c->groups[gi];
	g->count++;
	g->with_meminfo += meminfo;
	if (!g->first[0])
		snprintf(g->first, sizeof(g->first), "%s", r->time);
	if (r->time[0])
		snprintf(g->last, sizeof(g->last), "%s", r->time);
	if (g->r && (!meminfo || (g->r->flags & PF_REPORT_HAS_MEMINFO)))
		return 0;
	free(g->r);
	free(g->source);
	g->r = pf_report_dup(r);
	/* the name is the reader's, and goes with its source */
	g->source = strdup(r->source ? r->source : "");
	if (!g->r || !g->source) {
		free(g->r);
		g->r = NULL;
		return -ENOMEM;
	}
	g->r->source = g->source;
	return 0;
}

static int add_row(struct report_ctx *c, const struct pf_report *r, int host,
		   long gi)
{
	struct rp_row *row;

	if (c->nr_rows == RP_ROWS_MAX || gi < 0)
		return 0;
	if (PF_GROW(c->rows, c->alloc_rows, c->nr_rows + 1, 64))
		return -ENOMEM;
	row = &c->rows[c->nr_rows++];
	snprintf(row->time, sizeof(row->time), "%s", r->time);
	snprintf(row->task, sizeof(row->task), "%s", r->task);
	snprintf(row->mode, sizeof(row->mode), "%s", r->mode);
	snprintf(row->where, sizeof(row->where), "%s:%lu", r->source, r->line);
	row->order = r->order;
	row->host = host;
	row->group = (size_t)gi;
	return 0;
}

static int on_report(const struct pf_report *r, void *data)
{
	struct report_ctx *c = data;
	long gi = group_of(c, r);
	int host = host_of(c, r->host);
	int err;

	c->nr_reports++;
	pf_explain_report(r, c->rules, &c->ex);
	pf_evidence_add(&c->ev, r, &c->ex);
	if (PF_GROW(c->events, c->alloc_events, c->nr_events + 1, 256))
		return -ENOMEM;
	c->events[c->nr_events++] = (struct chart_event){ .t = r->epoch,
							  .order = r->order,
							  .host = host };
	c->no_time += r->epoch == INT64_MIN;
	err = group_add(c, gi, r);
	if (!err)
		err = add_row(c, r, host, gi);
	if (err)
		cli_err(false, r->source, "out of memory");
	return err;
}

static void report_sample(const struct pf_sim_sample *smp, void *data)
{
	cli_series_add(data, smp);
}

/* --simulate: the scenario run once with its series kept: -1 to go on */
static int simulate_base(struct report_ctx *c)
{
	struct rp_sim *s = &c->sim;
	struct cli_diag d = { .json = false };
	struct pf_sim_opts o = { .sample_every = SAMPLE_EVERY };
	int err = pf_scenario_load(&s->ctx.sc, s->scenario, cli_diag, &d);

	if (cli_load_failed(&d, err, "cannot use the scenario '%s'",
			    s->scenario, NULL))
		return CLI_EXIT_ERROR;
	if (cli_sim_memory(s->ctx.sc, &o, 0, s->scenario, false))
		return CLI_EXIT_ERROR;
	o.sample = report_sample;
	o.data = &s->ctx.series;
	err = pf_simulate(s->ctx.sc, &o, &s->result);
	if (err) {
		cli_err(false, s->scenario, "%s: simulation failed: %s",
			s->scenario, pf_strerror(err));
		return CLI_EXIT_ERROR;
	}
	snprintf(s->kernel, sizeof(s->kernel), "%s",
		 pf_scenario_kernel(s->ctx.sc)->str);
	return -1;
}

/*
 * The sweep: --sweep NAME=A,B,C, or by default the run's own
 * vm.min_free_kbytes times 1, 2, 4 and 8 (the question advise answers),
 * parsed and applied to copies of the scenario by simulate's own
 * sim_make_sweep(); then each copy run.  -1 to go on.
 */
static int simulate_sweep(struct rp_sim *s)
{
	long v = s->result.min_free_kbytes;
	int ret;

	if (!s->args.sweep) {
		snprintf(s->sweep_default, sizeof(s->sweep_default),
			 "vm.min_free_kbytes=%ld,%ld,%ld,%ld", v, 2 * v, 4 * v,
			 8 * v);
		s->args.sweep = s->sweep_default;
	}
	s->ctx.a = &s->args;
	ret = sim_make_sweep(&s->ctx);
	for (int i = 0; ret < 0 && i < s->ctx.nr_sweep; i++) {
		struct pf_sim_opts o = { 0 };
		struct pf_sim_result r;
		int err = pf_simulate(s->ctx.runs[i], &o, &r);

		if (err) {
			cli_err(false, s->scenario, "%s: simulation failed: %s",
				s->scenario, pf_strerror(err));
			ret = CLI_EXIT_ERROR;
		} else {
			s->sweep_failures[i] = r.failures;
		}
	}
	return ret;
}

/* --root DIR: the machine read, or NULL after saying why.  -1 to go on. */
static int read_machine(struct report_ctx *c)
{
	c->sys = calloc(1, sizeof(*c->sys));
	if (!c->sys) {
		cli_err(false, NULL, "out of memory");
		return CLI_EXIT_ERROR;
	}
	if (pf_system_read(c->com.root, c->sys, cli_diag_print, &c->com.json)) {
		cli_err(false, c->com.root,
			"nothing about memory could be read under '%s'",
			c->com.root);
		return CLI_EXIT_ERROR;
	}
	return -1;
}

/* The page to path ("-": standard output), replaced in one rename */
static int write_page(const char *path, const struct cli_buf *b)
{
	char d[PATH_MAX], f[PATH_MAX];
	int err;

	if (b->oom) {
		cli_err(false, path, "out of memory");
		return CLI_EXIT_ERROR;
	}
	if (!strcmp(path, "-")) {
		fwrite(cli_buf_str(b), 1, b->n, stdout);
		return fflush(stdout) ? CLI_EXIT_ERROR : 0;
	}
	snprintf(d, sizeof(d), "%s", path);
	snprintf(f, sizeof(f), "%s", path);
	err = cli_replace_file(dirname(d), basename(f), cli_buf_str(b), b->n);
	if (!err)
		return 0;
	cli_err(false, path, "cannot write '%s': %s", path, pf_strerror(err));
	return CLI_EXIT_ERROR;
}

/* The options into c: -1 to go on, or the exit status */
static int parse_args(struct report_ctx *c, int argc, char **argv)
{
	enum { OPT_SIMULATE = 256, OPT_SWEEP, OPT_RULES };
	static const struct option own[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "simulate", required_argument, NULL, OPT_SIMULATE },
		{ "sweep", required_argument, NULL, OPT_SWEEP },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ 0 }
	};
	/* clang-format off */
	static const struct cli_opts opts = {
		.cmd = "report", .usage = usage_report, .shorts = "o:",
		.longs = own, .common = CLI_COMMON_KERNEL | CLI_COMMON_YEAR |
		CLI_COMMON_JOURNAL | CLI_COMMON_ROOT,
	};
	/* clang-format on */
	struct cli_parser p;
	int ch;

	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &c->com)) >= 0) {
		if (ch == 'o')
			c->out = optarg;
		if (ch == OPT_SIMULATE)
			c->sim.scenario = optarg;
		if (ch == OPT_SWEEP)
			c->sim.args.sweep = optarg;
		if (ch == OPT_RULES)
			c->rules_path = optarg;
	}
	if (ch == CLI_OPT_EXIT)
		return p.status;
	if (!c->out) {
		cli_err(false, NULL,
			"report: -o FILE.html is needed (- for standard output)");
		return CLI_EXIT_USAGE;
	}
	if (c->sim.args.sweep && !c->sim.scenario) {
		cli_err(false, NULL, "--sweep goes with --simulate");
		return CLI_EXIT_USAGE;
	}
	return -1;
}

/* Everything the page shows, read and worked out: -1 to go on */
static int gather(struct report_ctx *c, int nr, char **paths)
{
	int ret = -1;

	if (c->rules_path && cli_rules_load(&c->rules, c->rules_path, false))
		return CLI_EXIT_ERROR;
	if (c->com.root) {
		if (cli_root_check(c->com.root, false))
			return CLI_EXIT_ERROR;
		if ((ret = read_machine(c)) >= 0)
			return ret;
	}
	if (c->sim.scenario) {
		if ((ret = simulate_base(c)) >= 0 ||
		    (ret = simulate_sweep(&c->sim)) >= 0)
			return ret;
		c->simulated = true;
	}
	/* no SOURCE: the kernel's log, unless the page is of something else */
	if (nr || (!c->com.root && !c->sim.scenario)) {
		cli_collect_init(&c->in, &c->com, on_report, c);
		cli_collect_progress(&c->in, "report", false);
		cli_collect(&c->in, nr, paths);
		if (c->in.errors && !c->nr_reports && !c->sys && !c->simulated)
			return CLI_EXIT_ERROR;
	}
	if (c->nr_reports || c->sys) {
		if (c->in.have_kernel && !pf_kver_known(&c->ev.kernel))
			c->ev.kernel = c->in.kernel;
		pf_advise(&c->ev, c->sys, &c->advice);
		c->have_advice = true;
	}
	return -1;
}

/* "pagefail report a.log -o r.html": how the page was made */
static char *command_line(int argc, char **argv)
{
	struct cli_buf b = { 0 };

	cli_buf_add(&b, "pagefail");
	for (int i = 0; i < argc; i++)
		cli_buf_add(&b, " %s", argv[i]);
	return b.oom ? NULL : b.s;
}

static void release(struct report_ctx *c)
{
	for (size_t i = 0; i < c->nr_groups; i++) {
		free(c->groups[i].r);
		free(c->groups[i].source);
	}
	for (int i = 0; i < c->nr_hosts; i++)
		free(c->hosts[i]);
	free(c->groups);
	free(c->hosts);
	free(c->events);
	free(c->rows);
	free(c->sys);
	free(c->sim.ctx.series.v);
	free(c->sim.ctx.sweep_buf);
	for (int i = 0; i < c->sim.ctx.nr_sweep; i++)
		pf_scenario_free(c->sim.ctx.runs[i]);
	pf_scenario_free(c->sim.ctx.sc);
	pf_rules_free(c->rules);
	free((char *)c->cmdline);
	free(c);
}

int cmd_report(int argc, char **argv)
{
	/* the evidence, the machine and the groups are large: not on the stack */
	struct report_ctx *c = calloc(1, sizeof(*c));
	struct cli_buf page = { 0 };
	int ret;

	if (!c) {
		cli_err(false, NULL, "out of memory");
		return CLI_EXIT_ERROR;
	}
	pf_evidence_init(&c->ev);
	ret = parse_args(c, argc, argv);
	if (ret < 0) {
		c->cmdline = command_line(argc, argv);
		ret = gather(c, argc - optind, argv + optind);
	}
	if (ret < 0) {
		report_page(c, &page);
		ret = write_page(c->out, &page);
	}
	cli_buf_release(&page);
	release(c);
	return ret;
}
