// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * top_data.c - a frame of pagefail top: one pf_system_read() and one
 * pf_system_status(), nothing else; rates are the difference between the
 * vmstat counters of this frame and the one before, so two struct
 * pf_system are kept and swapped.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>

#include "top.h"

/*
 * The counters of the rates lines, in the order shown; each is summed over
 * its per-zone variants (pf_system_counter).  alarm: a non-zero rate means
 * allocations stall (compaction or reclaim done by the allocating task).
 */
const struct top_rate cli_top_rates[TOP_NR_RATES] = {
	{ "compact_stall", true },
	{ "compact_fail", true },
	{ "compact_success", false },
	{ "compact_daemon_wake", false },
	{ "kswapd_low_wmark_hit_quickly", false },
	{ "kswapd_high_wmark_hit_quickly", false },
	{ "allocstall", true },
	{ "pgscan_direct", true },
	{ "pgsteal_direct", true },
	{ "pgscan_kswapd", false },
	{ "pgsteal_kswapd", false },
};
const int cli_top_rate_lines[5] = { 0, 4, 6, 9, TOP_NR_RATES };

struct timespec cli_ts_of(double seconds)
{
	struct timespec ts;

	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
	if (ts.tv_nsec < 0)
		ts.tv_nsec = 0;
	if (ts.tv_nsec > 999999999)
		ts.tv_nsec = 999999999;
	return ts;
}

double cli_ts_diff(const struct timespec *a, const struct timespec *b)
{
	return (double)(a->tv_sec - b->tv_sec) +
	       (double)(a->tv_nsec - b->tv_nsec) / 1e9;
}

/* Zones worth a row: not the empty ones zoneinfo prints (Movable, Device). */
static bool zone_shown(const struct pf_zone *z)
{
	if (z->nr_orders > 0)
		return true;
	if (z->managed >= 0)
		return z->managed > 0;
	if (z->present >= 0)
		return z->present > 0;
	return true;
}

static void sys_diag(const char *source, unsigned long line, const char *msg,
		     void *data)
{
	struct top *t = data;

	(void)line;
	/* the same files are missing every frame: say so once */
	if (!t->diag_quiet)
		cli_err(false, source, "%s: %s", source, msg);
}

static void find_nodes(struct top *t)
{
	const struct pf_system *sys = t->cur;

	t->nr_nodes = 0;
	for (int i = 0; i < sys->nr_zones && i < PF_ZONES_MAX; i++) {
		int j;

		if (!zone_shown(&sys->zones[i]))
			continue;
		for (j = 0; j < t->nr_nodes; j++)
			if (t->nodes[j] == sys->zones[i].node)
				break;
		if (j == t->nr_nodes)
			t->nodes[t->nr_nodes++] = sys->zones[i].node;
	}
	if (t->node_sel >= t->nr_nodes)
		t->node_sel = 0;
}

static void fmt_uptime(long secs, char *buf, size_t len)
{
	long days = secs / 86400, h = secs % 86400 / 3600, m = secs % 3600 / 60;

	if (days)
		snprintf(buf, len, "%ld day%s, %ld:%02ld", days,
			 days == 1 ? "" : "s", h, m);
	else if (h)
		snprintf(buf, len, "%ld:%02ld", h, m);
	else
		snprintf(buf, len, "%ld min", m);
}

int cli_top_read_error(const struct top *t, int err)
{
	cli_err(false, t->root, "cannot read the memory state under '%s': %s",
		t->root, pf_strerror(err));
	return CLI_EXIT_ERROR;
}

int cli_top_sample(struct top *t)
{
	struct pf_system *swap = t->prev;
	double dt;
	int err;

	t->prev = t->cur;
	t->cur = swap;
	t->t_prev = t->t_cur;
	clock_gettime(CLOCK_MONOTONIC, &t->t_cur);
	err = pf_system_read(t->root, t->cur, sys_diag, t);
	t->diag_quiet = true;
	if (err)
		return err;
	pf_system_status(t->cur, t->st);

	dt = cli_ts_diff(&t->t_cur, &t->t_prev);
	if (dt < 1e-3)
		dt = 1e-3;
	for (int i = 0; i < TOP_NR_RATES; i++) {
		const char *name = cli_top_rates[i].name;
		long long c = pf_system_counter(t->cur, name), p;

		/*
		 * The first frame has nothing to compare with.  A saved
		 * directory does not change: its rates are 0 from the start.
		 */
		if (!t->have_prev && !t->live)
			p = c;
		else if (!t->have_prev)
			p = -1;
		else
			p = pf_system_counter(t->prev, name);
		if (c < 0 || p < 0)
			t->rate[i] = -1;
		else
			t->rate[i] = c > p ? (double)(c - p) / dt : 0;
	}
	t->have_prev = true;
	find_nodes(t);

	if (t->live) {
		time_t now = time(NULL);
		struct sysinfo si;
		struct tm tm;

		localtime_r(&now, &tm);
		strftime(t->when, sizeof(t->when), "%Y-%m-%d %H:%M:%S", &tm);
		strftime(t->clock, sizeof(t->clock), "%H:%M:%S", &tm);
		t->uptime[0] = 0;
		if (!sysinfo(&si))
			fmt_uptime(si.uptime, t->uptime, sizeof(t->uptime));
	} else {
		snprintf(t->when, sizeof(t->when), "-");
		snprintf(t->clock, sizeof(t->clock), "-");
		t->uptime[0] = 0;
	}
	return 0;
}

/* The zones of node, shown ones only: their indices into sys->zones. */
int cli_top_node_zones(const struct top *t, int node, int *idx)
{
	const struct pf_system *sys = t->cur;
	int n = 0;

	for (int i = 0; i < sys->nr_zones && i < PF_ZONES_MAX; i++)
		if (sys->zones[i].node == node && zone_shown(&sys->zones[i]))
			idx[n++] = i;
	return n;
}
