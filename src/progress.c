// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * progress.c - how far a long read of logs has come, on stderr: the
 * bytes read (as decoded: a compressed file counts what it holds), the
 * reports found, the rate, and the source being read.  One line, redrawn
 * in place at most four times a second, first after a second (a short
 * scan shows nothing), and erased at the end.  Only when stderr is a
 * terminal, and never with -q; an error line, or a report printed to the
 * same terminal, erases it first (cli_progress_clear()), so that nothing
 * is written over.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define PROGRESS_FIRST 1.0  /* seconds before the line first shows */
#define PROGRESS_EVERY 0.25 /* seconds between two redraws */

/* the one line on the terminal now, if any: what cli_err() erases */
static bool progress_shown;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_init(struct cli_progress *pg, const char *cmd, bool quiet)
{
	memset(pg, 0, sizeof(*pg));
	pg->on = !quiet && isatty(STDERR_FILENO);
	/* reports printed on the terminal that shows the line erase it */
	pg->stdout_tty = isatty(STDOUT_FILENO);
	pg->cmd = cmd;
	pg->started = now_s();
	pg->drawn = pg->started + PROGRESS_FIRST - PROGRESS_EVERY;
}

/* "812.4 MiB" */
static void human(char *buf, size_t n, double bytes)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	int u = 0;

	while (bytes >= 1024 && u < 4) {
		bytes /= 1024;
		u++;
	}
	snprintf(buf, n, u ? "%.1f %s" : "%.0f %s", bytes, units[u]);
}

static void draw(struct cli_progress *pg, double t)
{
	char read[32], rate[32];
	const char *name = pg->source ? pg->source : "";
	size_t len = strlen(name);

	human(read, sizeof(read), (double)pg->bytes);
	human(rate, sizeof(rate), (double)pg->bytes / (t - pg->started));
	/* the name's end, which tells files of one directory apart */
	if (len > 40)
		name += len - 40;
	fprintf(stderr,
		"\rpagefail: %s: %s read, %lu report%s, %s/s, %s%s\033[K",
		pg->cmd, read, pg->reports, pg->reports == 1 ? "" : "s", rate,
		len > 40 ? "..." : "", name);
	fflush(stderr);
	progress_shown = true;
	pg->drawn = t;
}

void cli_progress_bytes(struct cli_progress *pg, const char *source, size_t n)
{
	double t;

	if (!pg->on)
		return;
	pg->bytes += n;
	pg->source = source;
	t = now_s();
	if (t - pg->drawn >= PROGRESS_EVERY)
		draw(pg, t);
}

void cli_progress_report(struct cli_progress *pg)
{
	pg->reports++;
	if (pg->on && pg->stdout_tty)
		cli_progress_clear();
}

void cli_progress_clear(void)
{
	if (!progress_shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	progress_shown = false;
}
