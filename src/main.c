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
#include "json.h"
#include "pagefail.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int cmd_help(int argc, char **argv);

static void usage_help(FILE *f)
{
	fputs("usage: pagefail help [COMMAND]\n", f);
}

static const struct cli_cmd commands[] = {
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
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'pagefail help <command>' shows a command's options; "
	      "man pagefail for more.\n", f);
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
		cli_err(false, NULL, "'%s' is not a pagefail command (see 'pagefail --help')",
			name);
		return;
	}
	list[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(commands) && n < sizeof(list); i++)
		if (!strncmp(commands[i].name, name, len))
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
					      n ? ", " : "", commands[i].name);
	cli_err(false, NULL, "'%s' is ambiguous: %s", name, list);
}

static int cmd_help(int argc, char **argv)
{
	const struct cli_cmd *c;
	int nr;

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

void cli_err(bool json, const char *source, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "pagefail: %s\n", msg);
	if (json) {
		/* a writer of its own: an error comes between two records */
		struct json_writer *j = jsonw_new(stdout, false);

		if (!j)
			return;
		jsonw_obj_open(j);
		jsonw_key(j, "error");
		jsonw_str(j, msg);
		jsonw_key(j, "source");
		jsonw_str(j, source);
		jsonw_obj_close(j);
		jsonw_end(j);
		jsonw_free(j);
	}
}

void cli_err_no_report(bool json, const char *source, unsigned long seen,
		       long want)
{
	cli_err(json, source, "%s: %lu report%s, no report %ld", source, seen,
		seen == 1 ? "" : "s", want);
}

void cli_diag_print(const char *source, unsigned long line, const char *msg,
		    void *data)
{
	/* the library's messages name their line themselves ("line 5: ...") */
	(void)line;
	cli_err(data ? *(bool *)data : false, source, "%s: %s", source, msg);
}

static void diag_keep(struct cli_diag *d, const char *source, const char *msg)
{
	char *s = strdup(source), *m = strdup(msg);

	if (!s || !m) {
		free(s);
		free(m);
		cli_err(d->json, source, "%s: %s", source, msg);
		return;
	}
	d->kept[d->nr_kept].source = s;
	d->kept[d->nr_kept].msg = m;
	d->nr_kept++;
}

void cli_diag(const char *source, unsigned long line, const char *msg,
	      void *data)
{
	struct cli_diag *d = data;

	(void)line;	/* the library's messages name their line themselves */
	if (d->nr++ >= CLI_DIAG_SHOWN) {
		/* counted, and named once at the end */
		if (!d->last_source || strcmp(d->last_source, source)) {
			free(d->last_source);
			d->last_source = strdup(source);
		}
		return;
	}
	if (d->hold)
		diag_keep(d, source, msg);
	else
		cli_err(d->json, source, "%s: %s", source, msg);
}

void cli_diag_forget(struct cli_diag *d, int i)
{
	free(d->kept[i].source);
	free(d->kept[i].msg);
	memmove(&d->kept[i], &d->kept[i + 1],
		(size_t)(d->nr_kept - i - 1) * sizeof(d->kept[0]));
	d->nr_kept--;
	d->nr--;
}

void cli_diag_flush(struct cli_diag *d)
{
	for (int i = 0; i < d->nr_kept; i++)
		cli_err(d->json, d->kept[i].source, "%s: %s", d->kept[i].source,
			d->kept[i].msg);
	if (d->nr > CLI_DIAG_SHOWN)
		cli_err(d->json, d->last_source,
			"... and %lu more errors in %s", d->nr - CLI_DIAG_SHOWN,
			d->last_source ? d->last_source : "the same source");
	cli_diag_release(d);
}

void cli_diag_release(struct cli_diag *d)
{
	for (int i = 0; i < d->nr_kept; i++) {
		free(d->kept[i].source);
		free(d->kept[i].msg);
	}
	free(d->last_source);
	d->last_source = NULL;
	d->nr_kept = 0;
	d->nr = 0;
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
	c = lookup(argv[1], &nr);
	if (!c) {
		lookup_error(argv[1], nr);
		return CLI_EXIT_USAGE;
	}
	return c->fn(argc - 1, argv + 1);
}
