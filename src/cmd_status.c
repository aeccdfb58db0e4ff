// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_status.c - pagefail status: the state of every zone of this machine
 * (or of a saved snapshot or sosreport with --root): watermarks, free
 * blocks per order and migratetype, the fragmentation indices, and how
 * many more atomic allocations of orders 0-3 would succeed; with an
 * interval, vmstat-style lines with the rates of the reclaim and
 * compaction counters.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>

#include "cli.h"
#include "print.h"

/* "status -1": a negative INTERVAL, not an unknown option */
static int bad_option(int ch, int argc, char **argv)
{
	double interval;

	for (int i = 1;
	     ch == '?' && (isdigit(optopt) || optopt == '.') && i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] == optopt) {
			cli_opt_seconds("INTERVAL", argv[i], CLI_MIN_INTERVAL,
					86400, &interval);
			return CLI_EXIT_USAGE;
		}
	}
	cli_opt_bad("status", ch, argv);
	return CLI_EXIT_USAGE;
}

int cmd_status(int argc, char **argv)
{
	/* clang-format off */
	static const struct cli_opts opts = {
		.cmd = "status", .usage = usage_status, .bad = bad_option,
		.common = CLI_COMMON_JSON | CLI_COMMON_KERNEL |
			  CLI_COMMON_ROOT | CLI_COMMON_COLOR,
	};
	/* clang-format on */
	struct cli_status c = { .root = "/" };
	struct cli_sample s = { 0 };
	struct cli_parser p;
	double interval = 0;
	long count = 0;

	cli_parser_init(&p, &opts);
	if (cli_getopt(&p, argc, argv, &c.com) == CLI_OPT_EXIT)
		return p.status;
	if (c.com.root)
		c.root = c.com.root;
	if (optind < argc) {
		/* a shorter interval is a busy loop over /proc, not a rate */
		if (cli_opt_seconds("INTERVAL", argv[optind], CLI_MIN_INTERVAL,
				    86400, &interval))
			return CLI_EXIT_USAGE;
		if (optind + 1 < argc && cli_opt_long("COUNT", argv[optind + 1],
						      1, LONG_MAX, &count))
			return CLI_EXIT_USAGE;
		if (optind + 2 < argc) {
			usage_status(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (cli_root_check(c.root, c.com.json))
		return CLI_EXIT_ERROR;
	if (interval) {
		c.interval = interval;
		return cli_status_lines(&c, count);
	}
	if (!cli_sample_take(&c, &s)) {
		free(s.sys);
		return CLI_EXIT_ERROR;
	}
	if (!print_begin(stdout, c.com.json, c.com.pretty))
		print_status(s.sys, s.st);
	print_end();
	free(s.sys);
	free(s.st);
	return 0;
}
