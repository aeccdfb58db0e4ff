// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_scan.c - pagefail scan: find and parse every page allocation failure
 * report in files, compressed files, directories, stdin or the running
 * kernel's log, and print them grouped (or as JSON Lines).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "print.h"
#include "libpagefail.h"

struct scan_ctx {
	struct cli_collect in;
	bool json, quiet;
	bool have_since, have_until;
	int64_t since, until;
	bool said_year;		  /* the year assumed was said */
	struct cli_groups groups; /* the text's */
	unsigned long nr_reports;
};

/*
 * A syslog time prints no year: the one the scanner assumed decides what
 * --since and --until keep, and may be wrong (a log of last December
 * read in January).  Said once per run, of the first source it is true of.
 */
static void say_year(struct scan_ctx *c, const struct pf_report *r)
{
	time_t now = time(NULL);
	struct tm tm;

	if (c->said_year || c->in.year || !(r->flags & PF_REPORT_NO_YEAR))
		return;
	c->said_year = true;
	localtime_r(&now, &tm);
	cli_err(c->json, r->source,
		"%s: syslog times print no year: %d "
		"assumed for --since/--until (give --year if the log is of another year)",
		r->source, tm.tm_year + 1900);
}

static int on_report(const struct pf_report *r, void *data)
{
	struct scan_ctx *c = data;

	if (r->epoch != INT64_MIN && (c->have_since || c->have_until))
		say_year(c, r);
	if (r->epoch != INT64_MIN) {
		if (c->have_since && r->epoch < c->since)
			return 0;
		if (c->have_until && r->epoch > c->until)
			return 0;
	}
	c->nr_reports++;
	if (c->quiet)
		return 0;
	if (c->json) {
		print_report(r, NULL, c->nr_reports);
		return 0;
	}
	if (cli_groups_add(&c->groups, r)) {
		cli_err(false, r->source, "out of memory");
		return -ENOMEM;
	}
	return 0;
}

int cmd_scan(int argc, char **argv)
{
	enum { OPT_SINCE = 256, OPT_UNTIL };
	static const struct option own[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ 0 }
	};
	/* clang-format off */
	static const struct cli_opts opts = {
		.cmd = "scan", .usage = usage_scan, .shorts = "q", .longs = own,
		.common = CLI_COMMON_LOGS,
	};
	/* clang-format on */
	struct cli_common com = { 0 };
	struct cli_parser p;
	struct scan_ctx c;
	int ch;

	memset(&c, 0, sizeof(c));
	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &com)) >= 0) {
		switch (ch) {
		case 'q':
			c.quiet = true;
			break;
		case OPT_SINCE:
			if (cli_opt_when("--since", optarg, &c.since))
				return CLI_EXIT_USAGE;
			c.have_since = true;
			break;
		case OPT_UNTIL:
			if (cli_opt_when("--until", optarg, &c.until))
				return CLI_EXIT_USAGE;
			c.have_until = true;
			break;
		}
	}
	if (ch == CLI_OPT_EXIT)
		return p.status;
	c.json = com.json;
	if (print_begin(stdout, c.json, com.pretty))
		return CLI_EXIT_ERROR;
	cli_collect_init(&c.in, &com, on_report, &c);
	cli_collect_progress(&c.in, "scan", c.quiet);
	cli_collect(&c.in, argc - optind, argv + optind);

	if (!c.quiet && !c.nr_reports)
		cli_collect_none(&c.in);
	else if (!c.quiet)
		print_groups(&c.groups, c.in.nr_sources);
	fflush(stdout);
	print_end();
	cli_groups_release(&c.groups);
	return cli_exit_status(c.nr_reports, c.in.errors);
}
