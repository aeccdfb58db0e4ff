// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_top.c - pagefail top: the zones of the running machine, refreshing:
 * free blocks per order as a heat map, free memory against the watermarks,
 * the atomic headroom and unusable index of each zone, and the compaction
 * and reclaim counters of /proc/vmstat per second.  Full screen through
 * ncurses (top_screen.c, when built with it), or plain-text frames with -b
 * (no curses at all).  This file: the options, the signals, the batch
 * frames' loop.
 *
 * Signals: SIGINT, SIGTERM (and, on the screen, SIGWINCH) are blocked
 * except inside ppoll(), so that they can only arrive while we wait, and
 * always end the wait: the terminal is restored on the way out.  They stay
 * blocked after the last wait, so that a second one cannot kill the
 * shutdown the first began.
 */
#define _GNU_SOURCE /* ppoll */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "top.h"

volatile sig_atomic_t top_stop;

static void on_signal(int sig)
{
	top_stop = sig;
}

/* Wait for seconds, or until a signal: true when told to stop. */
static bool wait_batch(double seconds, const sigset_t *unblocked)
{
	struct timespec ts = cli_ts_of(seconds);

	if (ppoll(NULL, 0, &ts, unblocked) < 0 && errno != EINTR)
		return true;
	return top_stop != 0;
}

static int run_batch(struct top *t, const sigset_t *unblocked)
{
	for (;;) {
		int err = cli_top_sample(t);

		if (err)
			return cli_top_read_error(t, err);
		cli_top_draw_batch(t);
		if (fflush(stdout))
			return CLI_EXIT_ERROR;
		t->frames++;
		if (t->count && t->frames >= (unsigned long)t->count)
			break;
		if (wait_batch(t->interval, unblocked))
			break;
	}
	return 0;
}

/* --root "/" (or "//") is this machine. */
static bool is_live_root(const char *root)
{
	return strspn(root, "/") == strlen(root);
}

/* getopt said what it did not take: the usage follows (top's old way) */
static int bad_option(int ch, int argc, char **argv)
{
	usage_top(stderr);
	return CLI_EXIT_USAGE;
}

/* One option of top's own: 0, or -1 after saying what is wrong. */
static int own_opt(struct top *t, int ch, const char *arg)
{
	char *end;

	switch (ch) {
	case 'd':
		/* 0 would redraw in a busy loop */
		return cli_opt_seconds("-d", arg, CLI_MIN_INTERVAL, 86400,
				       &t->interval);
	case 'n':
		errno = 0;
		t->count = strtol(arg, &end, 10);
		if (errno || end == arg || *end || t->count < 1) {
			cli_err(false, NULL,
				"-n takes a number of frames from 1, "
				"not '%s'",
				arg);
			return -1;
		}
		break;
	case 'b':
		t->batch = true;
		break;
	}
	return 0;
}

/* The command line into t: -1 to go on, or the exit status. */
static int parse_args(struct top *t, int argc, char **argv)
{
	static const struct option own[] = {
		{ "delay", required_argument, NULL, 'd' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "batch", no_argument, NULL, 'b' },
		{ 0 }
	};
	/* clang-format off */
	static const struct cli_opts opts = {
		.cmd = "top", .usage = usage_top, .shorts = "d:n:b",
		.longs = own, .common = CLI_COMMON_ROOT | CLI_COMMON_COLOR,
		.bad = bad_option, .getopt_says = true,
	};
	/* clang-format on */
	struct cli_common com = { .root = "/" };
	struct cli_parser p;
	int ch;

	t->interval = 1;
	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &com)) >= 0)
		if (own_opt(t, ch, optarg))
			return CLI_EXIT_USAGE;
	if (ch == CLI_OPT_EXIT)
		return p.status;
	t->root = com.root;
	if (cli_no_operands("top", argc, argv))
		return CLI_EXIT_USAGE;
	if (!t->batch && !cli_top_screen) {
		cli_err(false, NULL,
			"top was built without ncurses, so it has "
			"no full screen: use -b for plain-text frames");
		return CLI_EXIT_ERROR;
	}
	if (!t->batch && !isatty(STDOUT_FILENO)) {
		cli_err(false, NULL,
			"the full-screen view needs a terminal: use "
			"-b for plain-text frames");
		return CLI_EXIT_ERROR;
	}
	if (cli_root_check(t->root, false))
		return CLI_EXIT_ERROR;
	t->live = is_live_root(t->root);
	return -1;
}

/*
 * Signals arrive only inside ppoll(), which they end: blocked here, and
 * unblocked in the mask ppoll() is given (*unblocked).
 */
static void block_signals(bool screen, sigset_t *unblocked)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	if (screen)
		sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, unblocked);
	sigdelset(unblocked, SIGINT);
	sigdelset(unblocked, SIGTERM);
	sigdelset(unblocked, SIGWINCH);
}

int cmd_top(int argc, char **argv)
{
	struct top *t = calloc(1, sizeof(*t));
	sigset_t unblocked;
	int ret;

	if (!t) {
		cli_err(false, NULL, "out of memory");
		return CLI_EXIT_ERROR;
	}
	ret = parse_args(t, argc, argv);
	/* two systems, for the rates: each ~100 KB, so not on the stack */
	if (ret < 0) {
		t->prev = calloc(1, sizeof(*t->prev));
		t->cur = calloc(1, sizeof(*t->cur));
	}
	if (ret < 0 && (!t->prev || !t->cur)) {
		cli_err(false, NULL, "out of memory");
		ret = CLI_EXIT_ERROR;
	}
	if (ret < 0) {
		block_signals(!t->batch, &unblocked);
		ret = t->batch ? run_batch(t, &unblocked)
			       : cli_top_run_screen(t, &unblocked);
	}
	/*
	 * The mask and the handlers stay as they are until exit: a stop is
	 * often two signals (timeout(1) sends SIGTERM to us, then to our
	 * process group), and with SIG_DFL restored here the second, landing
	 * anywhere in the frees and exit (LeakSanitizer's scan is long),
	 * would end a clean stop with 143.  Blocked, it dies with us.
	 */
	free(t->prev);
	free(t->cur);
	free(t);
	return ret;
}
