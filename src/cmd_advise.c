// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_advise.c - pagefail advise: from the reports, and the machine when it
 * can be read (live, --root, a sosreport given as SOURCE), the vm sysctls
 * and kernel update that prevent the next failure, with their working;
 * --sysctl prints the sysctl.d file, --apply writes and sets it safely.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "print.h"

#define MAX_SETS 8

struct advise_ctx {
	struct cli_common com;
	bool sysctl, apply, dry_run, force;
	const char *rules_path;
	const char *demand_path;    /* --demand: pagefail trace -j's output */
	const char *sets[MAX_SETS]; /* --set NAME=VALUE */
	int nr_sets;
	const char *root; /* the machine's, or NULL: none */
	struct cli_collect in;
	struct pf_rules *rules;
	struct pf_evidence ev;
	struct pf_explain ex; /* scratch, per report */
	struct cli_verify v;
	struct pf_system *sys; /* the machine, or NULL */
	struct pf_advice advice;
};

static int on_report(const struct pf_report *r, void *data)
{
	struct advise_ctx *c = data;

	pf_explain_report(r, c->rules, &c->ex);
	pf_evidence_add(&c->ev, r, &c->ex);
	cli_verify_keep(&c->v, r);
	return 0;
}

/* The options into c: -1 to go on, or the exit status. */
static int parse_args(struct advise_ctx *c, int argc, char **argv)
{
	enum {
		OPT_RULES = 256,
		OPT_SYSCTL,
		OPT_APPLY,
		OPT_DRYRUN,
		OPT_FORCE,
		OPT_SET,
		OPT_VERIFY,
		OPT_DEMAND
	};
	static const struct option own[] = {
		{ "sysctl", no_argument, NULL, OPT_SYSCTL },
		{ "apply", no_argument, NULL, OPT_APPLY },
		{ "dry-run", no_argument, NULL, OPT_DRYRUN },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "set", required_argument, NULL, OPT_SET },
		{ "verify", no_argument, NULL, OPT_VERIFY },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "demand", required_argument, NULL, OPT_DEMAND },
		{ 0 }
	};
	/* clang-format off */
	static const struct cli_opts opts = {
		.cmd = "advise", .usage = usage_advise, .longs = own,
		.common = CLI_COMMON_LOGS | CLI_COMMON_ROOT,
	};
	/* clang-format on */
	struct cli_parser p;
	int ch;

	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &c->com)) >= 0) {
		c->sysctl |= ch == OPT_SYSCTL;
		c->apply |= ch == OPT_APPLY;
		c->dry_run |= ch == OPT_DRYRUN;
		c->force |= ch == OPT_FORCE;
		c->v.want |= ch == OPT_VERIFY;
		if (ch == OPT_RULES)
			c->rules_path = optarg;
		if (ch == OPT_DEMAND)
			c->demand_path = optarg;
		if (ch == OPT_SET && c->nr_sets == MAX_SETS) {
			cli_err(false, NULL, "at most %d --set", MAX_SETS);
			return CLI_EXIT_USAGE;
		}
		if (ch == OPT_SET)
			c->sets[c->nr_sets++] = optarg;
	}
	return ch == CLI_OPT_EXIT ? p.status : -1;
}

/* What the options ask of each other and of the files they name. */
static int check_args(struct advise_ctx *c)
{
	bool json = c->com.json;

	if (c->com.root && cli_root_check(c->com.root, json))
		return CLI_EXIT_ERROR;
	if ((c->dry_run || c->force) && !c->apply) {
		cli_err(false, NULL, "--dry-run and --force go with --apply");
		return CLI_EXIT_USAGE;
	}
	if (c->rules_path && cli_rules_load(&c->rules, c->rules_path, json))
		return CLI_EXIT_ERROR;
	if (c->demand_path &&
	    cli_demand_load(c->demand_path, &c->ev.demand, json))
		return CLI_EXIT_ERROR;
	return -1;
}

/*
 * The machine: --root, a sosreport among the sources, or this one.  -1 to
 * go on (also when nothing could be read: the reports may say enough).
 */
static int read_machine(struct advise_ctx *c, int nr, char **paths)
{
	c->root = c->com.root;
	for (int i = 0; i < nr && !c->root; i++)
		if (cli_is_system_tree(paths[i]))
			c->root = paths[i];
	if (!c->root && !nr)
		c->root = "/";
	if (!c->root)
		return -1;
	c->sys = calloc(1, sizeof(*c->sys));
	if (!c->sys)
		return CLI_EXIT_ERROR;
	if (pf_system_read(c->root, c->sys, cli_diag_print, &c->com.json)) {
		cli_err(c->com.json, c->root,
			"nothing about memory could be "
			"read under '%s'",
			c->root);
		free(c->sys);
		c->sys = NULL;
	}
	return -1;
}

/* The advice, from the reports and the machine, and what is done with it. */
static int advise(struct advise_ctx *c, int nr, char **paths)
{
	struct pf_advice *a = &c->advice;
	int ret = 0;

	cli_collect_init(&c->in, &c->com, on_report, c);
	cli_collect_progress(&c->in, "advise", false);
	/* --apply reads the same log as the advice it applies: what the
	 * working printed without --apply is what is set with it */
	cli_collect(&c->in, nr, paths);
	if (c->in.have_kernel && !pf_kver_known(&c->ev.kernel))
		c->ev.kernel = c->in.kernel;
	pf_advise(&c->ev, c->sys, a);
	for (int i = 0; i < c->nr_sets; i++)
		if (cli_advise_set(a, c->sets[i]))
			return CLI_EXIT_USAGE;
	if (c->v.want && !c->apply && !c->sysctl)
		cli_verify_run(&c->v, a);
	if (c->apply) {
		ret = cli_advise_apply(a, c->root ? c->root : "/", c->dry_run,
				       c->force);
	} else if (c->sysctl) {
		cli_advise_sysctl(a);
	} else if (!print_begin(stdout, c->com.json, c->com.pretty)) {
		print_advice(&c->ev, a, &c->v);
		print_end();
	}
	if (!ret && c->in.errors && !c->ev.reports)
		ret = CLI_EXIT_ERROR;
	return ret;
}

int cmd_advise(int argc, char **argv)
{
	/* the evidence and the advice are large: not on the stack */
	struct advise_ctx *c = calloc(1, sizeof(*c));
	int ret;

	if (!c) {
		cli_err(false, NULL, "out of memory");
		return CLI_EXIT_ERROR;
	}
	pf_evidence_init(&c->ev);
	ret = parse_args(c, argc, argv);
	if (ret < 0)
		ret = check_args(c);
	if (ret < 0)
		ret = read_machine(c, argc - optind, argv + optind);
	if (ret < 0)
		ret = advise(c, argc - optind, argv + optind);
	fflush(stdout);
	pf_rules_free(c->rules);
	free(c->v.r);
	free(c->sys);
	free(c);
	return ret;
}
