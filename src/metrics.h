/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * metrics.h - the metrics export writes and serve answers (metrics.c), in
 * the Prometheus text format (prom.h).
 */
#ifndef PAGEFAIL_METRICS_H
#define PAGEFAIL_METRICS_H

#include "cli.h"

/* The GFP classes failures are counted by (the "mode" label). */
enum cli_gfp_class {
	CLI_GFP_CLASS_UNKNOWN,
	CLI_GFP_CLASS_ATOMIC,
	CLI_GFP_CLASS_NOWAIT,
	CLI_GFP_CLASS_KERNEL,
	CLI_GFP_CLASS_MOVABLE,
	CLI_GFP_CLASS_NR
};

/* Failures by order, GFP class and enum pf_ctx_kind, from the log. */
struct cli_failures {
	unsigned long long n[PF_MAX_ORDER][CLI_GFP_CLASS_NR][PF_CTX_NR];
};

/* pf_report_fn: count r (and the reports suppressed before it) in data */
int cli_failures_add(const struct pf_report *r, void *data);

struct cli_metrics_in {
	const struct pf_system *sys;
	const struct pf_zone_status *st;
	const struct cli_failures *failures; /* NULL: the log was not read */
	unsigned int read_errors;
	double seconds; /* the time reading and computing took */
};

/* Append every metric of in to b. */
void cli_metrics(struct cli_buf *b, const struct cli_metrics_in *in);

#endif
