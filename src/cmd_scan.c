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
#include "pagefail.h"

struct group {
	char key[512];
	char task[64], mode[24], mode_names[256], kernel[96], sig[256];
	char meaning[320];
	char first_time[48], last_time[48];
	char hosts[4][64];
	int nr_hosts;
	int order;
	unsigned long gfp_mask;
	unsigned long count, with_meminfo;
	char where[256];		/* source:line of the first one */
	char zones[256];		/* a word on the free memory seen */
};

struct scan_ctx {
	struct cli_collect in;
	bool json, quiet;
	bool have_since, have_until;
	int64_t since, until;
	bool said_year;			/* the year assumed was said */
	struct group *groups;
	size_t nr_groups, alloc_groups;
	unsigned long nr_reports;
};

void usage_scan(FILE *f)
{
	fputs("usage: pagefail scan [-j|--json] [-p|--pretty] [--since T] [--until T]\n"
	      "                     [--kernel VERSION] [--year YEAR] [-q|--quiet]\n"
	      "                     [--no-color] [SOURCE...]\n\n"
	      "Find every page allocation failure report and parse all of it.\n"
	      "SOURCE is a log file (plain, .gz, .xz), '-' for stdin, or a directory\n"
	      "(a sosreport, /var/log); with none, the running kernel's log.\n\n"
	      "  -j, --json         one JSON object per report (JSON Lines)\n"
	      "  -p, --pretty       indented JSON (implies --json)\n"
	      "      --since T      only reports at or after T\n"
	      "      --until T      only reports at or before T\n"
	      "                     T: 'YYYY-MM-DD[ HH:MM[:SS]]', '@EPOCH', '-2h', '-30min',\n"
	      "                     '-7d', 'today', 'yesterday'\n"
	      "      --kernel V     kernel release to assume when the log names none\n"
	      "                     (2.6.32-220.el6.x86_64, rhel6.2, rhel7, ...)\n"
	      "      --year Y       year of syslog times, which print none\n"
	      "  -q, --quiet        print nothing but errors; only the exit status\n"
	      "      --no-color     no colour (also NO_COLOR)\n\n"
	      "exit status: 0 none found, 3 found, 1 error, 4 found and error, 2 usage\n",
	      f);
}

/* A short word on the zones' free memory and their largest free block. */
static void zone_words(const struct pf_report *r, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < r->nr_zones && n + 1 < len; i++) {
		const struct pf_zone *z = &r->zones[i];
		int largest = -1;
		char sz[32];

		if (z->free < 0 || z->managed == 0 || z->present == 0)
			continue;
		for (int o = 0; o < z->nr_orders; o++)
			if (z->nr_free[o])
				largest = o;
		pf_format_size((unsigned long long)z->free * z->page_kb * 1024, sz,
			   sizeof(sz));
		n += (size_t)snprintf(buf + n, len - n, "%s%s free %s",
				      n ? ", " : "", z->name, sz);
		if (n + 1 < len && z->nr_orders)
			n += (size_t)snprintf(buf + n, len - n,
					      largest < 0 ? " (no free block)" :
					      " (largest block order %d)", largest);
	}
	if (n >= len)
		buf[len - 1] = '\0';
}

static struct group *group_of(struct scan_ctx *c, const struct pf_report *r)
{
	char sig[256], key[512];

	pf_report_signature(r, sig, sizeof(sig));
	snprintf(key, sizeof(key), "%s|%d|%s|%s", r->task, r->order, r->mode, sig);
	for (size_t i = 0; i < c->nr_groups; i++)
		if (!strcmp(c->groups[i].key, key))
			return &c->groups[i];
	if (c->nr_groups == c->alloc_groups) {
		size_t n = c->alloc_groups ? 2 * c->alloc_groups : 16;
		struct group *g = realloc(c->groups, n * sizeof(*g));

		if (!g)
			return NULL;
		c->groups = g;
		c->alloc_groups = n;
	}
	{
		struct group *g = &c->groups[c->nr_groups++];

		memset(g, 0, sizeof(*g));
		snprintf(g->key, sizeof(g->key), "%s", key);
		snprintf(g->task, sizeof(g->task), "%s", r->task);
		snprintf(g->mode, sizeof(g->mode), "%s", r->mode);
		snprintf(g->sig, sizeof(g->sig), "%s", sig);
		g->order = r->order;
		g->gfp_mask = r->gfp_mask;
		snprintf(g->where, sizeof(g->where), "%s:%lu", r->source, r->line);
		return g;
	}
}

static void group_add(struct group *g, const struct pf_report *r)
{
	g->count++;
	if (!g->first_time[0])
		snprintf(g->first_time, sizeof(g->first_time), "%s", r->time);
	if (r->time[0])
		snprintf(g->last_time, sizeof(g->last_time), "%s", r->time);
	if (!g->kernel[0] && pf_kver_known(&r->kernel))
		snprintf(g->kernel, sizeof(g->kernel), "%s", r->kernel.str);
	if (!g->mode_names[0] && r->gfp_layout &&
	    pf_gfp_format(r->gfp_mask, r->gfp_layout, g->mode_names,
			  sizeof(g->mode_names)) < 0)
		g->mode_names[0] = '\0';
	/* the report that says most gives the meaning */
	if (!g->meaning[0] || r->nr_frames) {
		pf_report_meaning(r, g->meaning, sizeof(g->meaning));
	}
	if (r->nr_zones && !g->zones[0])
		zone_words(r, g->zones, sizeof(g->zones));
	if (r->flags & PF_REPORT_HAS_MEMINFO)
		g->with_meminfo++;
	if (r->host[0]) {
		bool seen = false;

		for (int i = 0; i < g->nr_hosts; i++)
			seen |= !strcmp(g->hosts[i], r->host);
		if (!seen && g->nr_hosts < 4)
			snprintf(g->hosts[g->nr_hosts++], sizeof(g->hosts[0]),
				 "%s", r->host);
	}
}

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
	cli_err(c->json, r->source, "%s: syslog times print no year: %d "
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
	{
		struct group *g = group_of(c, r);

		if (!g) {
			cli_err(false, r->source, "out of memory");
			return -ENOMEM;
		}
		group_add(g, r);
	}
	return 0;
}

static void print_groups(struct scan_ctx *c)
{
	const char *b = cli_c("\033[1m"), *d = cli_c("\033[2m"), *n = cli_c("\033[0m");

	if (!c->nr_reports) {
		printf("no page allocation failure report found in %lu source%s\n",
		       c->in.nr_sources, c->in.nr_sources == 1 ? "" : "s");
		return;
	}
	printf("%s%lu page allocation failure report%s%s in %lu source%s, %zu kind%s\n\n",
	       b, c->nr_reports, c->nr_reports == 1 ? "" : "s", n,
	       c->in.nr_sources, c->in.nr_sources == 1 ? "" : "s",
	       c->nr_groups, c->nr_groups == 1 ? "" : "s");
	for (size_t i = 0; i < c->nr_groups; i++) {
		const struct group *g = &c->groups[i];
		char sz[32];

		pf_format_size((4096ULL << (g->order < 0 ? 0 : g->order)), sz, sizeof(sz));
		printf("%s%4lux  %s%s  order:%d (%s)  mode:%s%s%s%s\n", b, g->count,
		       g->task[0] ? g->task : "?", n, g->order, sz,
		       g->mode[0] ? g->mode : "?", g->mode_names[0] ? " (" : "",
		       g->mode_names, g->mode_names[0] ? ")" : "");
		printf("       %s\n", g->meaning);
		if (g->sig[0])
			printf("       %scall site:%s %s\n", d, n, g->sig);
		if (g->kernel[0])
			printf("       %skernel:%s %s\n", d, n, g->kernel);
		if (g->zones[0])
			printf("       %szones:%s %s\n", d, n, g->zones);
		if (g->nr_hosts) {
			printf("       %shost%s:%s", d, g->nr_hosts > 1 ? "s" : "", n);
			for (int h = 0; h < g->nr_hosts; h++)
				printf("%s %s", h ? "," : "", g->hosts[h]);
			putchar('\n');
		}
		if (g->first_time[0]) {
			if (g->count > 1 && strcmp(g->first_time, g->last_time))
				printf("       %sfirst:%s %s  %slast:%s %s\n", d, n,
				       g->first_time, d, n, g->last_time);
			else
				printf("       %stime:%s %s\n", d, n, g->first_time);
		}
		printf("       %sfirst seen at:%s %s%s\n", d, n, g->where,
		       g->with_meminfo ? "" : "  (no Mem-Info)");
		putchar('\n');
	}
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
	static const struct cli_opts opts = {
		.cmd = "scan", .usage = usage_scan, .shorts = "q", .longs = own,
		.common = CLI_COMMON_JSON | CLI_COMMON_KERNEL | CLI_COMMON_YEAR |
			  CLI_COMMON_COLOR,
	};
	struct cli_common com = { 0 };
	struct cli_parser p;
	struct scan_ctx c;
	int ch, ret;

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
	cli_collect(&c.in, argc - optind, argv + optind);

	if (!c.json && !c.quiet)
		print_groups(&c);
	fflush(stdout);
	print_end();
	free(c.groups);
	if (c.in.errors)
		ret = c.nr_reports ? CLI_EXIT_FOUND_ERROR : CLI_EXIT_ERROR;
	else
		ret = c.nr_reports ? CLI_EXIT_FOUND : CLI_EXIT_NONE;
	return ret;
}
