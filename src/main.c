// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * main.c - the pagefail command: a table of subcommands, each with its own
 * getopt_long loop, looked up by exact name or by unique prefix.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "pagefail.h"

bool pf_color;

static int cmd_help(int argc, char **argv);

static void usage_help(FILE *f)
{
	fputs("usage: pagefail help [COMMAND]\n", f);
}

static const struct pf_cmd commands[] = {
	{ "scan", cmd_scan, "find and parse every page allocation failure report in logs", usage_scan },
	{ "explain", cmd_explain, "why each allocation failed, zone by zone, and its known cause", usage_explain },
	{ "advise", cmd_advise, "the sysctl and kernel changes that prevent it, with their working", usage_advise },
	{ "status", cmd_status, "every zone now: watermarks, fragmentation, atomic headroom", usage_status },
	{ "snapshot", cmd_snapshot, "save what status reads, for a bug report or --root", usage_snapshot },
	{ "top", cmd_top, "the zones of this machine, full screen, refreshing", usage_top },

	{ "simulate", cmd_simulate, "the buddy allocator, kswapd and compaction: would these settings have failed?", usage_simulate },
	{ "help", cmd_help, "show the help of a command", usage_help },
};

static void usage(FILE *f)
{
	fputs("usage: pagefail [--version] [--help] <command> [options]\n\n"
	      "Find, explain and help prevent Linux page allocation failures.\n\n"
	      "commands:\n", f);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'pagefail help <command>' shows a command's options; "
	      "man pagefail for more.\n", f);
}

static const struct pf_cmd *lookup(const char *name)
{
	const struct pf_cmd *hit = NULL;
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(commands[i].name, name))
			return &commands[i];
		if (n && !strncmp(commands[i].name, name, n)) {
			if (hit)
				return NULL;	/* ambiguous */
			hit = &commands[i];
		}
	}
	return hit;
}

static int cmd_help(int argc, char **argv)
{
	const struct pf_cmd *c;

	if (argc < 2) {
		usage(stdout);
		return 0;
	}
	c = lookup(argv[1]);
	if (!c) {
		pf_err(false, NULL, "unknown command '%s'", argv[1]);
		return PF_EXIT_USAGE;
	}
	c->usage(stdout);
	return 0;
}

void pf_err(bool json, const char *source, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "pagefail: %s\n", msg);
	if (json) {
		struct pf_json *j = pf_json_new(stdout, false);

		if (!j)
			return;
		pf_json_obj_open(j);
		pf_json_key(j, "error");
		pf_json_str(j, msg);
		pf_json_key(j, "source");
		pf_json_str(j, source);
		pf_json_obj_close(j);
		pf_json_end(j);
		pf_json_free(j);
	}
}

void pf_diag_print(const char *source, unsigned long line, const char *msg,
		   void *data)
{
	/* the library's messages name their line themselves ("line 5: ...") */
	(void)line;
	pf_err(data ? *(bool *)data : false, source, "%s: %s", source, msg);
}

const char *pf_c(const char *sgr)
{
	return pf_color ? sgr : "";
}

int main(int argc, char **argv)
{
	const struct pf_cmd *c;
	const char *nc = getenv("NO_COLOR");

	pf_color = isatty(STDOUT_FILENO) && !(nc && nc[0]);
	if (argc < 2) {
		usage(stderr);
		return PF_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("pagefail %s\n", PF_VERSION);
		return 0;
	}
	c = lookup(argv[1]);
	if (!c) {
		pf_err(false, NULL, "'%s' is not a pagefail command (see 'pagefail --help')",
		       argv[1]);
		return PF_EXIT_USAGE;
	}
	return c->fn(argc - 1, argv + 1);
}
