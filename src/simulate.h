/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * simulate.h - what the parts of pagefail simulate share: the command
 * line (cmd_simulate.c), the scenarios it names (sim_setup.c), the runs
 * and what they print and write (sim_run.c, sim_files.c).
 */
#ifndef CLI_SIMULATE_H
#define CLI_SIMULATE_H

#include "cli.h"

#define MAX_SETS  16
#define MAX_SWEEP 32

/* What the command line asks. */
struct sim_args {
	struct cli_common com;
	const char *sets[MAX_SETS]; /* --set, and --kernel as kernel=V */
	bool is_kernel[MAX_SETS];
	int nr_sets;
	const char *sweep, *csv, *svg, *from;
	unsigned long long max_memory;
	long nth, reports;
	bool check, bench, series;
};

/* The runs, and what they give. */
struct sim_ctx {
	const struct sim_args *a;
	const char *what; /* the scenario's file, or the log's */
	struct pf_scenario *sc;
	char sweep_name[64], *sweep_vals[MAX_SWEEP], *sweep_buf;
	struct pf_scenario *runs[MAX_SWEEP];
	int nr_sweep;
	size_t reports; /* failure reports to print */
	char *text;	/* them, printed after the summary */
	size_t text_len, text_cap;
	struct cli_series series;
	unsigned int said; /* PF_ASSUME_* said already */
	/* the progress line on stderr: a terminal's only, after 2 s */
	bool progress;
	double started, shown; /* wall clock: the run's start, last line */
	double t_shown;	       /* simulated seconds at the last line */
};

/* Before the runs: -1 to go on, or the exit status after saying why not */
int sim_load_scenario(struct sim_ctx *c, int argc, char **argv);
int sim_apply_sets(struct sim_ctx *c);
int sim_make_sweep(struct sim_ctx *c);
/* Every run, then --csv and --svg: the exit status */
int sim_run_all(struct sim_ctx *c);
int sim_run_bench(const struct sim_args *a);

#endif
