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

/*
 * export --textfile's counts, kept across runs of one boot in
 * DIR/.pagefail.state (export_state.c): all, what the log holds now;
 * kept, every report counted since the boot, usable when the machine has
 * a boot id and every report a monotonic time.
 */
struct cli_export_state {
	char boot_id[64];
	double newest;	    /* the newest report counted before, -1: none */
	double seen_newest; /* ... and in this run */
	struct cli_failures all, kept;
	bool usable;
};
void cli_export_state_load(struct cli_export_state *s, const char *dir,
			   const char *root);
/* pf_report_fn: count r in s->all, and in s->kept when it is new */
int cli_export_state_add(const struct pf_report *r, void *data);
/* What DIR/CLI_EXPORT_STATE is to hold now, for cmd_export.c to write. */
#define CLI_EXPORT_STATE ".pagefail.state"
void cli_export_state_text(const struct cli_export_state *s, struct cli_buf *b);

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
