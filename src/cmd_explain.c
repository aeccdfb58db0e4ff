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
	long want;			/* --report N, 0: all */
	unsigned long seen, shown, disagree;
	struct pf_rules *rules;		/* --rules, else the built-in ones */
};

void usage_explain(FILE *f)
{
	fputs("usage: pagefail explain [-j|--json] [-p|--pretty] [--report N]\n"
	      "                        [--kernel VERSION] [--year YEAR] [--rules FILE]\n"
	      "                        [--no-color] [SOURCE...]\n\n"
	      "Say why each page allocation failure happened: what was asked, every\n"
	      "zone put through the failing kernel's own watermark check, one sentence,\n"
	      "and the known cause it matches.  SOURCE as for 'pagefail scan'.\n\n"
	      "  -j, --json         one JSON object per report: every key of scan -j,\n"
	      "                     plus zones[].check, summary, known_cause, disagrees\n"
	      "  -p, --pretty       indented JSON (implies --json)\n"
	      "      --report N     only the Nth report found (1 is the first)\n"
	      "      --kernel V     kernel release to assume when the log names none\n"
	      "      --year Y       year of syslog times, which print none\n"
	      "      --rules FILE   known causes from FILE instead of the built-in ones\n"
	      "      --no-color     no colour (also NO_COLOR)\n\n"
	      "exit status: 0 none found, 3 found, 1 error, 4 found and error, 2 usage\n",
	      f);
}

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

int cmd_explain(int argc, char **argv)
{
	enum { OPT_REPORT = 256, OPT_RULES };
	static const struct option own[] = {
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ 0 }
	};
	static const struct cli_opts opts = {
		.cmd = "explain", .usage = usage_explain, .longs = own,
		.common = CLI_COMMON_JSON | CLI_COMMON_KERNEL | CLI_COMMON_YEAR |
			  CLI_COMMON_COLOR,
	};
	const char *rules_path = NULL;
	struct cli_common com = { 0 };
	struct cli_parser p;
	struct explain_ctx c;
	int ch, ret;

	memset(&c, 0, sizeof(c));
	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &com)) >= 0) {
		switch (ch) {
		case OPT_REPORT:
			if (cli_opt_long("--report", optarg, 1, LONG_MAX, &c.want))
				return CLI_EXIT_USAGE;
			break;
		case OPT_RULES:
			rules_path = optarg;
			break;
		}
	}
	if (ch == CLI_OPT_EXIT)
		return p.status;
	c.json = com.json;
	if (rules_path) {
		struct cli_diag d = { .json = c.json };
		int err = pf_rules_load(&c.rules, rules_path, cli_diag, &d);
		unsigned long said = d.nr;

		cli_diag_flush(&d);
		if (err) {
			/* -EINVAL: every stanza had an error, each said above */
			if (err != -EINVAL || !said)
				cli_err(c.json, rules_path,
					"cannot use the rules in '%s': %s", rules_path,
					err == -EINVAL ? "no rule in it is usable" :
					pf_strerror(err));
			return CLI_EXIT_ERROR;
		}
	}
	if (print_begin(stdout, c.json, com.pretty)) {
		pf_rules_free(c.rules);
		return CLI_EXIT_ERROR;
	}
	cli_collect_init(&c.in, &com, on_report, &c);
	cli_collect(&c.in, argc - optind, argv + optind);

	if (c.want && c.seen && !c.shown) {
		/* asked for what is not there: an error, not "none found" */
		char where[64];
		const char *name = where;
		int nr = argc - optind;

		if (nr == 1)
			name = argv[optind];
		else if (!nr)
			name = "/dev/kmsg";
		else
			snprintf(where, sizeof(where), "%d sources", nr);
		cli_err_no_report(c.json, name, c.seen, c.want);
		c.in.errors++;
	} else if (!c.json && !c.shown) {
		printf("no page allocation failure report found in %lu source%s\n",
		       c.in.nr_sources, c.in.nr_sources == 1 ? "" : "s");
	}
	fflush(stdout);
	print_end();
	pf_rules_free(c.rules);
	if (c.in.errors)
		ret = c.shown ? CLI_EXIT_FOUND_ERROR : CLI_EXIT_ERROR;
	else
		ret = c.shown ? CLI_EXIT_FOUND : CLI_EXIT_NONE;
	return ret;
}
