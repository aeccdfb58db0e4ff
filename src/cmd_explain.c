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
#include "json.h"

struct explain_ctx {
	struct cli_collect in;
	bool json;
	long want;			/* --report N, 0: all */
	unsigned long seen, shown, disagree;
	struct pf_rules *rules;		/* --rules, else the built-in ones */
	struct pf_json *j;
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

static void verdict_words(const struct pf_report *r, const struct pf_zone_verdict *v,
			  char *buf, size_t len)
{
	const struct pf_wm_check *c = &v->check;

	if (!v->allowed) {
		snprintf(buf, len, "not allowed: %s", v->why_not);
		return;
	}
	if (!v->evaluated) {
		snprintf(buf, len, "not checked: watermarks not printed");
		return;
	}
	switch (c->cause) {
	case PF_CAUSE_OK:
		snprintf(buf, len, "passes (by %ld pages)", c->margin);
		break;
	case PF_CAUSE_BELOW_MIN:
		snprintf(buf, len, "below min (short by %ld pages)", -c->margin);
		break;
	case PF_CAUSE_FRAGMENTATION:
		if (c->failed_order > 0 && c->order_min >= 0 && c->order_free >= 0 &&
		    (c->order_free || c->order_min))
			snprintf(buf, len, "fragmentation (%ld pages free in blocks of "
				 "order >= %d; the check needs more than %ld)",
				 c->order_free, c->failed_order, c->order_min);
		else
			snprintf(buf, len, "fragmentation (no free block of order >= %d)",
				 r->order);
		break;
	case PF_CAUSE_LOWMEM_RESERVE:
		snprintf(buf, len, "lowmem_reserve (%ld pages kept back)", c->reserve);
		break;
	case PF_CAUSE_HIGHATOMIC:
		snprintf(buf, len, "highatomic reserve (%ld pages kept back)",
			 c->highatomic);
		break;
	default:
		snprintf(buf, len, "unknown (no buddy line)");
		break;
	}
}

static void print_zones(const struct pf_report *r, const struct pf_explain *ex)
{
	const char *d = cli_c("\033[2m"), *n = cli_c("\033[0m");

	printf("  %szone               free      min  check at  reserve  largest  unusable  extfrag%s\n",
	       d, n);
	for (int i = 0; i < r->nr_zones; i++) {
		const struct pf_zone *z = &r->zones[i];
		const struct pf_zone_verdict *v = &ex->zones[i];
		char name[32], fr[24], mn[24], at[24], rs[24], lg[24], ui[16], ef[16];
		char verdict[160];

		if (z->node_printed)
			snprintf(name, sizeof(name), "%d %s", z->node, z->name);
		else
			snprintf(name, sizeof(name), "%s", z->name);
		cli_pages_words(z->free, z->page_kb, fr, sizeof(fr));
		cli_pages_words(z->min, z->page_kb, mn, sizeof(mn));
		if (v->evaluated && !(ex->alloc_flags & PF_ALLOC_NO_WATERMARKS))
			cli_pages_words(v->check.min, z->page_kb, at, sizeof(at));
		else
			snprintf(at, sizeof(at), "-");
		if (v->evaluated && v->check.reserve)
			cli_pages_words(v->check.reserve, z->page_kb, rs, sizeof(rs));
		else
			snprintf(rs, sizeof(rs), "-");
		if (v->largest_free_order >= 0)
			pf_format_size((unsigned long long)z->page_kb * 1024 <<
				       v->largest_free_order, lg, sizeof(lg));
		else
			snprintf(lg, sizeof(lg), z->nr_orders ? "none" : "-");
		if (v->unusable_index >= 0) {
			snprintf(ui, sizeof(ui), "%d.%03d", v->unusable_index / 1000,
				 v->unusable_index % 1000);
			snprintf(ef, sizeof(ef), "%s%d.%03d",
				 v->extfrag_index < 0 ? "-" : "",
				 abs(v->extfrag_index) / 1000,
				 abs(v->extfrag_index) % 1000);
		} else {
			snprintf(ui, sizeof(ui), "-");
			snprintf(ef, sizeof(ef), "-");
		}
		verdict_words(r, v, verdict, sizeof(verdict));
		printf("  %-12s %9s %8s %9s %8s %8s %9s %8s\n", name, fr, mn, at,
		       rs, lg, ui, ef);
		printf("  %12s %s%s%s\n", "", v->allowed && v->evaluated &&
		       !v->check.passes ? cli_c("\033[1m") : "", verdict, n);
	}
}

static void print_rule(const struct pf_explain *ex)
{
	const struct pf_rule *rule = ex->match.rule;
	const char *b = cli_c("\033[1m"), *n = cli_c("\033[0m");
	char label[160];

	if (!rule) {
		printf("  %sknown cause:%s none matched\n", b, n);
		return;
	}
	snprintf(label, sizeof(label), "%sknown cause:%s ", b, n);
	{
		char title[sizeof(rule->title) + sizeof(rule->id) + 4];

		snprintf(title, sizeof(title), "%s [%s]", rule->title, rule->id);
		cli_print_wrapped(stdout, 2, label, title);
	}
	if (ex->match.status == PF_RULE_FIXED) {
		/* a line of its own: as a label it indented the advice by 46 */
		printf("    fixed in: %s, which this kernel is at or past\n",
		       rule->fixed.str);
		cli_print_wrapped(stdout, 4, "advice: ", rule->fixed_advice ?
				  rule->fixed_advice : rule->advice);
	} else {
		cli_print_wrapped(stdout, 4, "advice: ", rule->advice);
		if (rule->update)
			cli_print_wrapped(stdout, 4, "update: ", rule->update);
	}
	for (int i = 0; i < rule->nr_sources; i++)
		printf("    source: %s\n", rule->sources[i]);
}

static void print_text(const struct pf_report *r, const struct pf_explain *ex,
		       unsigned long nr)
{
	const char *b = cli_c("\033[1m"), *d = cli_c("\033[2m"), *n = cli_c("\033[0m");
	char meaning[512], sig[256];

	if (nr > 1)
		putchar('\n');
	printf("%sreport %lu: %s order:%d mode:%s%s%s%s%s\n", b, nr,
	       r->task[0] ? r->task : "?", r->order, r->mode[0] ? r->mode : "?",
	       r->mode_names[0] ? "(" : "", r->mode_names,
	       r->mode_names[0] ? ")" : "", n);
	printf("  %sat%s %s:%lu%s%s\n", d, n, r->source, r->line,
	       r->time[0] ? "  " : "", r->time);
	printf("  %skernel%s %s  %s(watermark check of %s)%s\n", d, n,
	       pf_kver_known(&r->kernel) ? r->kernel.str : "unknown", d,
	       pf_wm_era_name(ex->era), n);
	cli_print_wrapped(stdout, 2, "asked: ", ex->asked);
	pf_report_meaning(r, meaning, sizeof(meaning));
	cli_print_wrapped(stdout, 2, "where: ", meaning);
	if (pf_report_signature(r, sig, sizeof(sig)))
		cli_print_wrapped(stdout, 2, "call site: ", sig);
	if (r->nr_zones) {
		putchar('\n');
		print_zones(r, ex);
		putchar('\n');
	} else {
		printf("  %szones: not in the report (no Mem-Info)%s\n", d, n);
	}
	cli_print_wrapped(stdout, 2, ex->disagrees ? "disagrees: " : "why: ",
			  ex->summary);
	print_rule(ex);
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
	if (c->json) {
		pf_explain_json(r, ex, c->j);
		pf_json_end(c->j);
	} else {
		print_text(r, ex, c->seen);
	}
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
	if (c.json) {
		c.j = pf_json_new(stdout, com.pretty);
		if (!c.j) {
			pf_rules_free(c.rules);
			return CLI_EXIT_ERROR;
		}
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
	if (c.j)
		pf_json_free(c.j);
	pf_rules_free(c.rules);
	if (c.in.errors)
		ret = c.shown ? CLI_EXIT_FOUND_ERROR : CLI_EXIT_ERROR;
	else
		ret = c.shown ? CLI_EXIT_FOUND : CLI_EXIT_NONE;
	return ret;
}
