// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_simulate.c - pagefail simulate: run a scenario through the model of
 * the zoned buddy allocator, kswapd and compaction (lib/sim/), once or
 * once per value of a swept sysctl, and print the failures (also as the
 * kernel would have printed them), a time series as CSV and an SVG plot.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "print.h"
#include "simulate.h"

enum {
	OPT_SET = 256,
	OPT_SWEEP,
	OPT_CSV,
	OPT_SVG,
	OPT_REPORTS,
	OPT_CHECK,
	OPT_BENCH,
	OPT_FROM_REPORT,
	OPT_REPORT,
	OPT_SERIES,
	OPT_MAX_MEMORY,
};

/* --kernel V: --set kernel=V in its place (also the report's kernel). */
static int add_set(struct sim_args *a, int ch, const char *arg)
{
	static char kbuf[MAX_SETS][128];

	if (a->nr_sets == MAX_SETS) {
		cli_err(false, NULL, "at most %d --set", MAX_SETS);
		return -1;
	}
	if (ch != CLI_OPT_KERNEL) {
		a->sets[a->nr_sets++] = arg;
		return 0;
	}
	if (cli_common_opt(&a->com, ch, arg))
		return -1;
	a->is_kernel[a->nr_sets] = true;
	snprintf(kbuf[a->nr_sets], sizeof(kbuf[0]), "kernel=%s", arg);
	a->sets[a->nr_sets] = kbuf[a->nr_sets];
	a->nr_sets++;
	return 0;
}

/* One option of simulate's own: 0, or -1 after saying what is wrong. */
static int own_opt(struct sim_args *a, int ch, const char *arg)
{
	switch (ch) {
	case OPT_SET:
	case CLI_OPT_KERNEL:
		return add_set(a, ch, arg);
	case OPT_REPORTS:
		return cli_opt_long("--reports", arg, 0, LONG_MAX, &a->reports);
	case OPT_REPORT:
		return cli_opt_long("--report", arg, 1, LONG_MAX, &a->nth);
	case OPT_MAX_MEMORY:
		a->max_memory = cli_parse_size(arg);
		if (a->max_memory)
			return 0;
		cli_err(false, NULL,
			"--max-memory '%s': not a size (512M, 16G)", arg);
		return -1;
	}
	/* the rest keep their argument, or that they were given */
	a->sweep = ch == OPT_SWEEP ? arg : a->sweep;
	a->csv = ch == OPT_CSV ? arg : a->csv;
	a->svg = ch == OPT_SVG ? arg : a->svg;
	a->from = ch == OPT_FROM_REPORT ? arg : a->from;
	a->check |= ch == OPT_CHECK;
	a->series |= ch == OPT_SERIES;
	a->bench |= ch == OPT_BENCH;
	return 0;
}

/* The options into a: -1 to go on, or the exit status. */
static int parse_args(struct sim_args *a, int argc, char **argv)
{
	static const struct option own[] = {
		{ "set", required_argument, NULL, OPT_SET },
		{ "sweep", required_argument, NULL, OPT_SWEEP },
		{ "csv", required_argument, NULL, OPT_CSV },
		{ "svg", required_argument, NULL, OPT_SVG },
		{ "reports", required_argument, NULL, OPT_REPORTS },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "series", no_argument, NULL, OPT_SERIES },
		{ "bench", no_argument, NULL, OPT_BENCH },
		{ "from-report", required_argument, NULL, OPT_FROM_REPORT },
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "max-memory", required_argument, NULL, OPT_MAX_MEMORY },
		{ 0 }
	};
	/* --kernel V is --set kernel=V, in its place among the --set */
	/* clang-format off */
	static const struct cli_opts opts = {
		.cmd = "simulate", .usage = usage_simulate, .longs = own,
		.common = CLI_COMMON_JSON | CLI_COMMON_KERNEL |
			  CLI_COMMON_COLOR,
		.pass = CLI_COMMON_KERNEL,
	};
	/* clang-format on */
	struct cli_parser p;
	int ch;

	a->reports = -1;
	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &a->com)) >= 0)
		if (own_opt(a, ch, optarg))
			return CLI_EXIT_USAGE;
	return ch == CLI_OPT_EXIT ? p.status : -1;
}

int cmd_simulate(int argc, char **argv)
{
	struct sim_args a = { 0 };
	struct sim_ctx c = { .a = &a };
	int ret = parse_args(&a, argc, argv);

	if (ret < 0 && a.bench)
		return sim_run_bench(&a);
	if (ret < 0)
		ret = sim_load_scenario(&c, argc, argv);
	if (ret < 0)
		ret = sim_apply_sets(&c);
	if (ret < 0 && a.sweep)
		ret = sim_make_sweep(&c);
	/* off when stderr is not a terminal: a log or a pipe keeps no \r */
	c.progress = isatty(STDERR_FILENO);
	c.reports = a.reports >= 0	    ? (size_t)a.reports
		    : a.com.json || a.sweep ? 0
					    : 1;
	if (ret < 0)
		ret = sim_run_all(&c);
	fflush(stdout);
	print_end();
	free(c.sweep_buf);
	free(c.series.v);
	free(c.text);
	for (int i = 0; i < c.nr_sweep; i++)
		pf_scenario_free(c.runs[i]);
	pf_scenario_free(c.sc);
	return ret;
}
