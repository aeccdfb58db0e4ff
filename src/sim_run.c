// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sim_run.c - simulate's runs: each scenario (one, or one a value of the
 * sweep) through pf_simulate(), its failures printed as the kernel would
 * have after its result, its time series kept for --csv, --svg and
 * --series; and the microbenchmark.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "print.h"
#include "simulate.h"
#include "words.h"

#define SAMPLE_EVERY 0.1 /* seconds: the time series, 10 a second */

static void on_sample(const struct pf_sim_sample *smp, void *data)
{
	struct sim_ctx *c = data;

	cli_series_add(&c->series, smp);
}

static void on_report(const char *text, int cause, void *data)
{
	struct sim_ctx *c = data;
	size_t n = strlen(text);

	(void)cause;
	if (c->a->com.json ||
	    PF_GROW(c->text, c->text_cap, c->text_len + n + 2, 4096))
		return;
	c->text[c->text_len++] = '\n';
	memcpy(c->text + c->text_len, text, n + 1);
	c->text_len += n;
}

/*
 * A run longer than 2 s says how far it is, on one line of a terminal's
 * stderr redrawn twice a second: simulated time, its rate, the time left.
 */
static void on_progress(double t, double total, unsigned long long ops,
			void *data)
{
	struct sim_ctx *c = data;
	double now = cli_now(), spent = now - c->started;
	double step = now - c->shown;

	if (spent < 2 || step < 0.5 || t <= c->t_shown)
		return;
	/* the time left at the pace of the last half second, not the mean:
	 * a fill phase runs at another pace than the steady state after it */
	fprintf(stderr,
		"\rpagefail: simulated %.1f of %.1f s, %.1f M page ops/s, "
		"about %.0f s left   ",
		t, total, (double)ops / spent / 1e6,
		step * (total - t) / (t - c->t_shown));
	c->shown = now;
	c->t_shown = t;
}

/* The options of a run: its failures, and its samples when kept. */
static struct pf_sim_opts run_opts(struct sim_ctx *c)
{
	const struct sim_args *a = c->a;
	struct pf_sim_opts o = {
		.check = a->check,
		.report = on_report,
		.max_reports = c->reports,
		.data = c,
	};

	if (a->csv || a->svg || a->series) {
		o.sample = on_sample;
		o.sample_every = SAMPLE_EVERY;
	}
	if (c->progress)
		o.progress = on_progress;
	return o;
}

/*
 * What the model of the run's kernel assumes, once a command, on stderr
 * in text also with -j: a caveat, not an error record among the results.
 */
static void say_assumptions(struct sim_ctx *c, const struct pf_kver *kv)
{
	unsigned int a = pf_kver_assumptions(kv) & ~c->said;
	char words[320];

	if (cli_assumption_words(kv, a, words, sizeof(words)))
		cli_err(false, c->what, "%s", words);
	c->said |= a;
}

/* Run the n-th scenario (of the sweep) and print it: its exit status. */
static int run_one(struct sim_ctx *c, int n)
{
	const struct sim_args *a = c->a;
	struct pf_scenario *sc = a->sweep ? c->runs[n] : c->sc;
	struct pf_sim_opts o = run_opts(c);
	struct pf_sim_result r;
	int err;

	c->series.nr = 0;
	say_assumptions(c, pf_scenario_kernel(sc));
	c->started = c->shown = cli_now();
	c->t_shown = 0;
	err = pf_simulate(sc, &o, &r);
	/* the progress line, if one was drawn, gives way to the results */
	if (c->progress && c->shown > c->started)
		fprintf(stderr, "\r%79s\r", "");
	if (err == -EUCLEAN || r.check_err)
		cli_err(a->com.json, c->what,
			"the allocator broke an invariant: %s", r.check_msg);
	else if (err)
		cli_err(a->com.json, c->what, "simulation failed: %s",
			pf_strerror(err));
	if (a->sweep && !n)
		print_sim_sweep_header(c->sweep_name);
	print_sim_result(&r, pf_scenario_kernel(sc)->str,
			 a->sweep ? c->sweep_name : NULL,
			 a->sweep ? c->sweep_vals[n] : NULL,
			 a->series ? c->series.v : NULL, c->series.nr);
	/* a sweep's table has no room for them */
	if (!a->sweep && c->text) {
		print_fp("%s", c->text);
		free(c->text);
		c->text = NULL;
		c->text_len = c->text_cap = 0;
	}
	if (err)
		return CLI_EXIT_ERROR;
	return r.failures ? CLI_EXIT_FOUND : CLI_EXIT_NONE;
}

/* --csv and --svg: the last run's series.  The exit status, or ret. */
static int write_series(const struct sim_ctx *c, int ret)
{
	const struct sim_args *a = c->a;
	const char *path[2] = { a->csv, a->svg };

	for (int i = 0; i < 2; i++) {
		int err;

		if (!path[i])
			continue;
		err = i ? cli_series_svg(path[i], &c->series, c->what)
			: cli_series_csv(path[i], &c->series);
		if (!err)
			continue;
		cli_err(a->com.json, path[i], "cannot write '%s': %s", path[i],
			pf_strerror(err));
		ret = CLI_EXIT_ERROR;
	}
	return ret;
}

/* Every run, after the checks: the exit status. */
int sim_run_all(struct sim_ctx *c)
{
	const struct sim_args *a = c->a;
	/* a sweep changes no zone: one check for every run */
	struct pf_sim_opts o = run_opts(c);
	int ret =
		cli_sim_memory(c->sc, &o, a->max_memory, c->what, a->com.json);

	if (ret)
		return ret;
	if (print_begin(stdout, a->com.json, a->com.pretty))
		return CLI_EXIT_ERROR;
	ret = CLI_EXIT_NONE;
	for (int n = 0; n < (a->sweep ? c->nr_sweep : 1); n++) {
		int one = run_one(c, n);

		/* an error stays; failures found only after none */
		if (one == CLI_EXIT_ERROR || (one && ret == CLI_EXIT_NONE))
			ret = one;
	}
	return write_series(c, ret);
}

int sim_run_bench(const struct sim_args *a)
{
	double ops, bpp;
	int err = pf_sim_bench(2.0, &ops, &bpp);

	if (err) {
		cli_err(a->com.json, "bench", "the benchmark failed: %s",
			pf_strerror(err));
		return CLI_EXIT_ERROR;
	}
	if (print_begin(stdout, a->com.json, a->com.pretty))
		return CLI_EXIT_ERROR;
	print_sim_bench(ops, bpp);
	print_end();
	return 0;
}
