/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * charts.h - the charts pagefail draws (charts.c, with svg.c): into a
 * cli_buf, each an inline <svg class="chart"> with its title and a
 * description in numbers, ids from id.
 */
#ifndef CLI_CHARTS_H
#define CLI_CHARTS_H

#include <stdint.h>

#include "cli.h"

/* A zone's free blocks, order by migratetype: pt's counts, else z's */
void chart_zone_heatmap(struct cli_buf *b, const char *id, const char *zname,
			const struct pf_zone *z, const struct pf_pagetype *pt);

/*
 * The free pages of z in blocks of each order and up, against marks:
 * pages[0] the one the check used (halving: it halved at each order up to
 * the request's, the loop of the eras before 4.4), the others beside it;
 * order: the request's (-1: none).
 */
struct chart_marks {
	int nr;
	double pages[4];
	const char *name[4];
	int order;
	bool halving;
};
void chart_zone_curve(struct cli_buf *b, const char *id, const char *zname,
		      const struct pf_zone *z, const struct chart_marks *m);

/* A failure on the timelines: its wall clock (INT64_MIN: none) */
struct chart_event {
	int64_t t;
	int order;
	int host; /* index into the hosts' names */
};
void chart_failures_by_order(struct cli_buf *b, const char *id,
			     const struct chart_event *ev, size_t n);
void chart_failures_by_host(struct cli_buf *b, const char *id,
			    const struct chart_event *ev, size_t n,
			    const char *const *hosts, int nr_hosts);

/*
 * A simulation: free memory per order over time, marks, failures; page_kb
 * is the simulator's page, 4 KiB (lib/sim/buddy.c models no other)
 */
#define SIM_PAGE_KB 4
void chart_sim(struct cli_buf *b, const char *id, const char *title,
	       const struct pf_sim_sample *s, size_t n, unsigned int page_kb,
	       bool standalone);
/* A sweep: the failures of each value's run */
void chart_sweep(struct cli_buf *b, const char *id, const char *name,
		 const char *const *vals, const unsigned long long *failures,
		 int n);

#endif
