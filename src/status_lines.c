// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * status_lines.c - status INTERVAL [COUNT]: a vmstat-style line an
 * interval, the free memory and atomic headroom of all zones and the
 * rates of the compaction, kswapd and reclaim counters since the line
 * before, after a legend of the columns (JSON Lines with -j).
 */
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "cli.h"
#include "print.h"

static const char *const short_names[PF_NR_COUNTERS] = {
	"cstall", "cfail",  "csucc",   "klow",	  "khigh",  "astall",
	"scan_k", "scan_d", "steal_k", "steal_d", "kcompd", "kswapd",
};

/*
 * What the columns are, once before the first line: their names are short
 * enough to fit, too short to guess.
 */
static void line_legend(void)
{
	char text[1024];
	size_t n;

	n = (size_t)snprintf(
		text, sizeof(text), "%s",
		"free_MiB: free memory of all zones; atomic0-3: "
		"GFP_ATOMIC allocations of order 0-3 left before a "
		"zone fails its watermark check; per second, from "
		"/proc/vmstat:");
	for (int i = 0; i < PF_NR_COUNTERS && n < sizeof(text); i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, " %s=%s%s",
				      short_names[i], pf_counter_names[i],
				      i + 1 < PF_NR_COUNTERS ? "," : "");
	cli_print_wrapped(stdout, 0, cli_c("\033[2m"), text);
	fputs(cli_c("\033[0m"), stdout);
}

static void line_header(void)
{
	printf("%10s %9s %7s %7s %7s %7s", "time", "free_MiB", "atomic0",
	       "atomic1", "atomic2", "atomic3");
	for (int i = 0; i < PF_NR_COUNTERS; i++)
		printf(" %7s", short_names[i]);
	putchar('\n');
}

static void sample_sums(const struct cli_sample *s, double *free_mib, long *hr)
{
	*free_mib = 0;
	for (int o = 0; o < PF_HEADROOM_ORDERS; o++)
		hr[o] = 0;
	for (int i = 0; i < s->sys->nr_zones; i++) {
		const struct pf_zone *z = &s->sys->zones[i];

		if (z->free > 0)
			*free_mib += (double)z->free * z->page_kb / 1024;
		for (int o = 0; o < PF_HEADROOM_ORDERS; o++)
			if (s->st[i].headroom[o] > 0)
				hr[o] += s->st[i].headroom[o];
	}
}

static void print_line(const struct cli_status *c, const struct cli_sample *cur,
		       const struct cli_sample *prev)
{
	double free_mib, dt = prev ? cur->t - prev->t : 0;
	long hr[PF_HEADROOM_ORDERS];
	double rates[PF_NR_COUNTERS];
	char tbuf[16];
	time_t t = time(NULL);
	struct tm tm;

	sample_sums(cur, &free_mib, hr);
	localtime_r(&t, &tm);
	strftime(tbuf, sizeof(tbuf), "%H:%M:%S", &tm);
	if (c->interval < 1) {
		struct timespec ts;

		/* several lines a second: tenths tell them apart */
		clock_gettime(CLOCK_REALTIME, &ts);
		snprintf(tbuf + 8, sizeof(tbuf) - 8, ".%d",
			 (int)(ts.tv_nsec / 100000000) % 10);
	}
	for (int i = 0; i < PF_NR_COUNTERS; i++) {
		long long a = pf_system_counter(cur->sys, pf_counter_names[i]);
		long long p =
			prev ? pf_system_counter(prev->sys, pf_counter_names[i])
			     : -1;

		rates[i] =
			a >= 0 && p >= 0 && dt > 0 ? (double)(a - p) / dt : NAN;
	}
	print_status_line(tbuf, (long long)t, free_mib, hr, rates);
	fflush(stdout);
}

int cli_status_lines(const struct cli_status *c, long count)
{
	struct cli_sample a = { 0 }, b = { 0 }, *cur = &a, *prev = NULL;
	double interval = c->interval;
	int ret = 0;

	if (print_begin(stdout, c->com.json, c->com.pretty))
		return CLI_EXIT_ERROR;
	if (!c->com.json) {
		line_legend();
		line_header();
	}
	for (long i = 0; count <= 0 || i < count; i++) {
		if (i) {
			struct timespec ts = { .tv_sec = (time_t)interval };
			double frac = interval - (double)ts.tv_sec;

			ts.tv_nsec = (long)(frac * 1e9);
			nanosleep(&ts, NULL);
		}
		if (!cli_sample_take(c, cur)) {
			ret = CLI_EXIT_ERROR;
			break;
		}
		print_line(c, cur, prev);
		prev = cur;
		cur = cur == &a ? &b : &a;
	}
	print_end();
	free(a.sys);
	free(a.st);
	free(b.sys);
	free(b.st);
	return ret;
}
