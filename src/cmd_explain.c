// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_explain.c - pagefail explain: for each report, what was asked, the
 * zones as the failure saw them with the kernel's watermark check redone
 * on each, one sentence on why it failed, and the known cause it matches.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "print.h"

struct explain_ctx {
	struct cli_collect in;
	bool json;
	long want; /* --report N, 0: all */
	unsigned long seen, shown, disagree;
	struct pf_rules *rules; /* --rules, else the built-in ones */
};

static int on_report(const struct pf_report *r, void *data)
{
	struct explain_ctx *c = data;
	struct pf_explain *ex;

	c->seen++;
	if (c->want && (long)c->seen != c->want)
		return 0;
	/* struct pf_explain is large: keep it off the stack */
	ex = malloc(sizeof(*ex));
	if (!ex) {
		cli_err(c->json, r->source, "out of memory");
		return -ENOMEM;
	}
	pf_explain_report(r, c->rules, ex);
	c->shown++;
	c->disagree += ex->disagrees;
	print_report(r, ex, c->seen);
	free(ex);
	/* the Nth was found: nothing after it is needed */
	return c->want ? 1 : 0;
}

/* --rules FILE: the known causes of FILE.  0, or -1 after saying why not. */
int cli_rules_load(struct pf_rules **rules, const char *path, bool json)
{
	struct cli_diag d = { .json = json };
	int err = pf_rules_load(rules, path, cli_diag, &d);

	/* -EINVAL: every stanza had an error */
	return cli_load_failed(&d, err, "cannot use the rules in '%s'", path,
			       "no rule in it is usable");
}

/* --report N past the last report: an error, not "none found". */
static void no_report(struct explain_ctx *c, int nr, char **paths)
{
	char where[64];
	const char *name = where;

	if (nr == 1)
		name = paths[0];
	else if (!nr)
		name = "/dev/kmsg";
	else
		snprintf(where, sizeof(where), "%d sources", nr);
	cli_err_no_report(c->json, name, c->seen, c->want);
	c->in.errors++;
}

int cmd_explain(int argc, char **argv)
{
	enum { OPT_REPORT = 256, OPT_RULES };
	static const struct option own[] = {
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ 0 }
	};
	/* clang-format off */
	static const struct cli_opts opts = {
		.cmd = "explain", .usage = usage_explain, .longs = own,
		.common = CLI_COMMON_LOGS,
	};
	/* clang-format on */
	const char *rules_path = NULL;
	struct cli_common com = { 0 };
	struct explain_ctx c = { 0 };
	struct cli_parser p;
	int ch;

	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &com)) >= 0) {
		if (ch == OPT_RULES)
			rules_path = optarg;
		else if (cli_opt_long("--report", optarg, 1, LONG_MAX, &c.want))
			return CLI_EXIT_USAGE;
	}
	if (ch == CLI_OPT_EXIT)
		return p.status;
	c.json = com.json;
	if (rules_path && cli_rules_load(&c.rules, rules_path, c.json))
		return CLI_EXIT_ERROR;
	if (print_begin(stdout, c.json, com.pretty)) {
		pf_rules_free(c.rules);
		return CLI_EXIT_ERROR;
	}
	cli_collect_init(&c.in, &com, on_report, &c);
	cli_collect_progress(&c.in, "explain", false);
	cli_collect(&c.in, argc - optind, argv + optind);
	if (c.want && c.seen && !c.shown)
		no_report(&c, argc - optind, argv + optind);
	else if (!c.shown)
		cli_collect_none(&c.in);
	fflush(stdout);
	print_end();
	pf_rules_free(c.rules);
	return cli_exit_status(c.shown, c.in.errors);
}
