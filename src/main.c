// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * main.c - the pagefail command: a table of subcommands, each with its own
 * getopt_long loop, looked up by exact name or by unique prefix.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "libpagefail.h"

static int cmd_help(int argc, char **argv);

static void usage_help(FILE *f)
{
	fputs("usage: pagefail help [COMMAND]\n", f);
}

static const struct cli_cmd commands[] = {
	{ "scan", cmd_scan,
	  "find and parse every page allocation failure report in logs",
	  usage_scan },
	{ "explain", cmd_explain,
	  "why each allocation failed, zone by zone, and its known cause",
	  usage_explain },
	{ "advise", cmd_advise,
	  "the sysctl and kernel changes that prevent it, with their working",
	  usage_advise },
	{ "status", cmd_status,
	  "every zone now: watermarks, fragmentation, atomic headroom",
	  usage_status },
	{ "snapshot", cmd_snapshot,
	  "save what status reads, for a bug report or --root",
	  usage_snapshot },
	{ "top", cmd_top, "the zones of this machine, full screen, refreshing",
	  usage_top },
	{ "watch", cmd_watch,
	  "follow the kernel log or a file, explain each failure as it comes",
	  usage_watch },
	{ "export", cmd_export,
	  "the zones' state and the failures as Prometheus metrics",
	  usage_export },
	{ "serve", cmd_serve,
	  "the same metrics over HTTP, at /metrics, for Prometheus to scrape",
	  usage_serve },
	{ "trace", cmd_trace,
	  "measure the page allocations and the atomic demand, with eBPF",
	  usage_trace },

	{ "simulate", cmd_simulate,
	  "the buddy allocator, kswapd and compaction: would these settings have failed?",
	  usage_simulate },
	{ "report", cmd_report,
	  "one HTML file: the reports, their zones in pictures, the advice",
	  usage_report },
	{ "help", cmd_help, "show the help of a command", usage_help },
};

static void usage(FILE *f)
{
	fputs("usage: pagefail [--version] [--help] <command> [options]\n\n"
	      "Find, explain and help prevent Linux page allocation failures.\n\n"
	      "commands:\n",
	      f);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	fputs("\n'pagefail help <command>' shows a command's options; "
	      "'man pagefail-<command>' all of it.\n",
	      f);
}

/*
 * The command called name, or the only one it is a prefix of.  NULL when
 * there is none, or several (*nr_hits says how many).
 */
static const struct cli_cmd *lookup(const char *name, int *nr_hits)
{
	const struct cli_cmd *hit = NULL;
	size_t n = strlen(name);

	*nr_hits = 0;
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!strcmp(commands[i].name, name)) {
			*nr_hits = 1;
			return &commands[i];
		}
		if (n && !strncmp(commands[i].name, name, n)) {
			hit = &commands[i];
			++*nr_hits;
		}
	}
	return *nr_hits == 1 ? hit : NULL;
}

/* Why name is no command: none has that name, or several begin with it. */
static void lookup_error(const char *name, int nr_hits)
{
	char list[256];
	size_t n = 0, len = strlen(name);

	if (!nr_hits) {
		cli_err(false, NULL,
			"'%s' is not a pagefail command (see 'pagefail --help')",
			name);
		return;
	}
	list[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(commands) && n < sizeof(list); i++)
		if (!strncmp(commands[i].name, name, len))
			n += (size_t)snprintf(list + n, sizeof(list) - n,
					      "%s%s", n ? ", " : "",
					      commands[i].name);
	cli_err(false, NULL, "'%s' is ambiguous: %s", name, list);
}

/*
 * pagefail --completion-helper: the commands and the options before
 * one, for the shells (complete.c says the rest); =command: the names.
 */
static int complete_commands(const char *arg)
{
	bool names = !strcmp(arg, "--completion-helper=command");

	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		printf(names ? "%s\n" : "command\t%s\t%s\n", commands[i].name,
		       commands[i].summary);
	if (!names)
		printf("option\t-h\t--help\t\t\tshow the commands\n"
		       "option\t-V\t--version\t\t\tshow pagefail's version\n");
	return 0;
}

static int cmd_help(int argc, char **argv)
{
	const struct cli_cmd *c;
	int nr;

	/* its operand is a command (complete.c, for the shells) */
	if (argc > 1 && cli_complete_asked(argv[1])) {
		if (strchr(argv[1], '='))
			return complete_commands(argv[1]);
		printf("option\t-h\t--help\t\t\tshow this help\n"
		       "operand\tCOMMAND\tcommand\n");
		return 0;
	}
	if (argc < 2) {
		usage(stdout);
		return 0;
	}
	c = lookup(argv[1], &nr);
	if (!c) {
		lookup_error(argv[1], nr);
		return CLI_EXIT_USAGE;
	}
	c->usage(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	const struct cli_cmd *c;
	int nr;

	cli_color_init();
	if (argc < 2) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("pagefail %s\n", PF_VERSION);
		return 0;
	}
	if (cli_complete_asked(argv[1]))
		return complete_commands(argv[1]);
	c = lookup(argv[1], &nr);
	if (!c) {
		lookup_error(argv[1], nr);
		return CLI_EXIT_USAGE;
	}
	return c->fn(argc - 1, argv + 1);
}
