/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * report.h - what the parts of pagefail report share: the reports read
 * and grouped, the machine, the simulation (cmd_report.c) and the page
 * made of them (report_page.c, with charts.c).
 */
#ifndef CLI_REPORT_H
#define CLI_REPORT_H

#include "charts.h"
#include "cli.h"
#include "simulate.h"

#define RP_GROUPS_MAX 1000 /* kinds kept whole; the others are counted */
#define RP_ROWS_MAX   2000 /* reports in the page's table */
#define RP_HOSTS_MAX  4096

/* A kind of report (as scan groups them), and one of them kept whole */
struct rp_group {
	char key[512];
	unsigned long count, with_meminfo;
	struct pf_report *r; /* the first with Mem-Info, else the first */
	char *source;	     /* r's source: the scanner's name is gone */
	char first[48], last[48];
};

/* A report of the table */
struct rp_row {
	char time[48], task[64], mode[24];
	int order, host;
	size_t group;
	char where[160];
};

/*
 * --simulate: the scenario and its sweep as simulate holds them (ctx.sc,
 * ctx.series, and ctx.runs of sim_make_sweep(), which parses args.sweep)
 */
struct rp_sim {
	const char *scenario; /* --simulate */
	struct sim_args args; /* args.sweep: --sweep, or sweep_default */
	struct sim_ctx ctx;
	char sweep_default[128]; /* the run's min_free_kbytes x1, 2, 4, 8 */
	struct pf_sim_result result;
	char kernel[96];
	unsigned long long sweep_failures[MAX_SWEEP];
};

struct report_ctx {
	struct cli_common com;
	const char *out;	/* -o FILE */
	const char *rules_path; /* --rules */
	const char *cmdline;	/* how it was made, for the page */
	struct cli_collect in;
	struct pf_rules *rules;
	struct pf_evidence ev;
	struct pf_explain ex; /* scratch */

	struct rp_group *groups;
	size_t nr_groups, alloc_groups;
	unsigned long others; /* reports of kinds past RP_GROUPS_MAX */
	struct chart_event *events;
	size_t nr_events, alloc_events;
	char **hosts;
	int nr_hosts;
	size_t alloc_hosts;
	struct rp_row *rows;
	size_t nr_rows, alloc_rows;
	unsigned long nr_reports, no_time;

	struct pf_system *sys; /* --root's, or NULL */
	struct pf_advice advice;
	bool have_advice;
	struct rp_sim sim;
	bool simulated;
};

/* report_page.c: the whole page, into b */
void report_page(const struct report_ctx *c, struct cli_buf *b);

#endif
