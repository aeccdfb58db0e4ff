// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_advise.c - pagefail advise: from the reports, and the machine when it
 * can be read (live, --root, a sosreport given as SOURCE), the vm sysctls
 * and kernel update that prevent the next failure, with their working;
 * --sysctl prints the sysctl.d file, --apply writes and sets it safely.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "print.h"

#define MAX_SETS 8

struct advise_ctx {
	struct cli_collect in;
	struct pf_rules *rules;
	struct pf_evidence ev;
	struct pf_explain ex;		/* scratch, per report */
	struct cli_verify v;
};

void usage_advise(FILE *f)
{
	fputs("usage: pagefail advise [-j|--json] [-p|--pretty] [--root DIR] [--sysctl]\n"
	      "                       [--apply [--dry-run] [--force]] [--set NAME=VALUE]...\n"
	      "                       [--kernel VERSION] [--year YEAR] [--rules FILE]\n"
	      "                       [--verify] [--no-color] [SOURCE...]\n\n"
	      "Compute the vm sysctls (and the kernel update) that keep the failures in\n"
	      "SOURCE from recurring, each with its working, its safe bounds and its cost.\n"
	      "The machine is read from --root DIR (a saved snapshot or an extracted\n"
	      "sosreport), from a SOURCE directory that holds proc/, or, with no SOURCE,\n"
	      "from this machine and its kernel log.\n\n"
	      "  -j, --json         the advice as one JSON object\n"
	      "  -p, --pretty       indented JSON (implies --json)\n"
	      "      --root DIR     read /proc and /sys under DIR; --apply writes under it\n"
	      "      --sysctl       print the /etc/sysctl.d file instead\n"
	      "      --apply        write DIR/etc/sysctl.d/90-pagefail.conf (atomically, the\n"
	      "                     old one kept as .bak) and set the live values through\n"
	      "                     /proc/sys, read back; everything is rolled back if any\n"
	      "                     step fails.  Root only for this machine's /;\n"
	      "                     a tree with a symbolic link on the way, or\n"
	      "                     with no proc/sys (a sosreport), is refused\n"
	      "      --dry-run      with --apply: show what would change, change nothing\n"
	      "      --force        with --apply: allow values outside the safe bounds\n"
	      "      --set N=V      use V for sysctl N instead of the computed value\n"
	      "      --kernel V     kernel release to assume when nothing names one\n"
	      "      --year Y       year of syslog times, which print none\n"
	      "      --rules FILE   known causes from FILE instead of the built-in ones\n"
	      "      --verify       replay the first report with Mem-Info in the\n"
	      "                     simulator, as it was and with the advice, and\n"
	      "                     print the failures of each\n"
	      "      --no-color     no colour (also NO_COLOR)\n\n"
	      "exit status: 0 done, 1 error (or --apply refused or rolled back), 2 usage\n",
	      f);
}

static int on_report(const struct pf_report *r, void *data)
{
	struct advise_ctx *c = data;

	pf_explain_report(r, c->rules, &c->ex);
	pf_evidence_add(&c->ev, r, &c->ex);
	if (c->v.want && !c->v.r && (r->flags & PF_REPORT_HAS_MEMINFO) &&
	    r->nr_zones) {
		c->v.r = malloc(sizeof(*c->v.r));
		if (c->v.r) {
			memcpy(c->v.r, r, sizeof(*r));
			snprintf(c->v.source, sizeof(c->v.source), "%s",
				 r->source ? r->source : "-");
			c->v.r->source = c->v.source;
		}
	}
	return 0;
}

/* Apply one recommendation to the scenario, when it has a value. */
static void verify_set(struct pf_scenario *sc, struct pf_advice *a,
		       const char *name)
{
	const struct pf_advice_item *it = pf_advice_item(a, name);
	char v[32];

	if (!it || !it->applies || it->value < 0)
		return;
	snprintf(v, sizeof(v), "%ld", it->value);
	pf_scenario_set(sc, name, v);
}

/*
 * Replay the report as it was, then with vm.min_free_kbytes and (where
 * it applies) vm.watermark_scale_factor as advised.
 */
static void verify_run(struct cli_verify *v, struct pf_advice *a)
{
	struct pf_scenario *sc = NULL, *with = NULL;
	struct pf_sim_result res;
	char err[256];
	int ret;

	if (!v->r) {
		snprintf(v->error, sizeof(v->error),
			 "no report with Mem-Info to replay");
		return;
	}
	ret = pf_scenario_from_report(&sc, v->r, err, sizeof(err));
	if (ret) {
		snprintf(v->error, sizeof(v->error), "%s", ret == -EINVAL ? err :
			 pf_strerror(ret));
		return;
	}
	snprintf(v->note, sizeof(v->note), "%s", err);
	with = pf_scenario_dup(sc);
	if (!with) {
		snprintf(v->error, sizeof(v->error), "out of memory");
		goto out;
	}
	verify_set(with, a, "vm.min_free_kbytes");
	verify_set(with, a, "vm.watermark_scale_factor");
	snprintf(v->kernel, sizeof(v->kernel), "%s", pf_scenario_kernel(sc)->str);
	if (pf_simulate(sc, NULL, &res)) {
		snprintf(v->error, sizeof(v->error), "the simulation failed");
		goto out;
	}
	v->before = res.failures;
	if (pf_simulate(with, NULL, &res)) {
		snprintf(v->error, sizeof(v->error), "the simulation failed");
		goto out;
	}
	v->after = res.failures;
	v->done = true;
out:
	pf_scenario_free(with);
	pf_scenario_free(sc);
}

/* A SOURCE directory that is a machine's tree (sosreport, snapshot). */
static bool is_system_tree(const char *dir)
{
	char p[PATH_MAX];
	struct stat st;

	if (stat(dir, &st) || !S_ISDIR(st.st_mode))
		return false;
	snprintf(p, sizeof(p), "%s/proc/zoneinfo", dir);
	if (!access(p, R_OK))
		return true;
	snprintf(p, sizeof(p), "%s/proc/buddyinfo", dir);
	return !access(p, R_OK);
}

/*
 * --set NAME=VALUE.  The vm sysctls advise knows are ints the kernel takes
 * from 0 to INT_MAX: wider values are refused by do_proc_dointvec_conv()
 * (kernel/sysctl.c, every era), negative ones by extra1 = SYSCTL_ZERO (or
 * SYSCTL_ONE).  0, or -1 after printing why.
 */
static int apply_set(struct pf_advice *a, const char *arg)
{
	char name[64];
	const char *eq = strchr(arg, '=');
	struct pf_advice_item *it = NULL;
	long v;
	int err;

	if (eq && eq != arg && (size_t)(eq - arg) < sizeof(name)) {
		snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
		it = pf_advice_item(a, name);
		if (!it && strncmp(name, "vm.", 3)) {
			char full[80];

			snprintf(full, sizeof(full), "vm.%s", name);
			it = pf_advice_item(a, full);
		}
	}
	if (!it) {
		cli_err(false, NULL, "--set '%s': not NAME=VALUE for a sysctl "
			"advise knows", arg);
		return -1;
	}
	err = pf_parse_long(eq + 1, 0, INT_MAX, &v);
	if (err == -ERANGE) {
		cli_err(false, NULL, "--set '%s': out of range: %s is an int "
			"of 0..%d in the kernel", arg, it->name, INT_MAX);
		return -1;
	}
	if (err) {
		cli_err(false, NULL, "--set '%s': the value is not a number", arg);
		return -1;
	}
	it->value = v;
	it->applies = true;
	it->change = v != it->current;
	snprintf(it->working, sizeof(it->working), "Set by --set %s.", arg);
	it->cost[0] = '\0';
	return 0;
}

/* Is dir this machine's "/", however it is spelt ("//", "/.", a link)? */
static bool is_live_root(const char *dir)
{
	struct stat st, slash;

	return !stat(dir, &st) && !stat("/", &slash) &&
	       st.st_dev == slash.st_dev && st.st_ino == slash.st_ino;
}

static int do_apply(const struct pf_advice *a, const char *root, bool dry_run,
		    bool force)
{
	bool live = is_live_root(root);
	struct pf_apply ap;
	char *text;
	size_t need;
	int err;

	memset(&ap, 0, sizeof(ap));
	ap.failed = -1;
	for (int i = 0; i < a->nr_items; i++) {
		const struct pf_advice_item *it = &a->items[i];

		if (!it->applies || !it->change || it->value < 0)
			continue;
		if ((it->value < it->safe_min || it->value > it->safe_max) && !force) {
			cli_err(false, it->name, "refusing %s = %ld: outside the safe "
				"bounds %ld..%ld (--force to set it anyway)", it->name,
				it->value, it->safe_min, it->safe_max);
			return CLI_EXIT_ERROR;
		}
		if (ap.nr < PF_APPLY_MAX) {
			struct pf_sysctl_item *s = &ap.items[ap.nr++];

			snprintf(s->name, sizeof(s->name), "%s", it->name);
			s->value = it->value;
		}
	}
	if (!ap.nr) {
		printf("nothing to change: every value is already what pagefail "
		       "recommends\n");
		return 0;
	}
	if (!dry_run && live && geteuid() != 0) {
		cli_err(false, root, "--apply changes this machine's sysctls: run it as "
			"root (or try --dry-run)");
		return CLI_EXIT_ERROR;
	}
	need = pf_advice_sysctl_conf(a, false, NULL, 0) + 1;
	text = malloc(need);
	if (!text) {
		cli_err(false, root, "out of memory");
		return CLI_EXIT_ERROR;
	}
	pf_advice_sysctl_conf(a, false, text, need);
	err = pf_sysctl_apply(root, &ap, text, dry_run);
	if (err) {
		cli_err(false, ap.conf, "%s%s", ap.error, ap.rolled_back ?
			"; every change was rolled back" : "");
		free(text);
		return CLI_EXIT_ERROR;
	}
	if (dry_run) {
		printf("would write %s%s%s%s:\n\n%s\n", ap.conf,
		       ap.backup[0] ? " (the old one kept as " : "", ap.backup,
		       ap.backup[0] ? ")" : "", text);
	} else {
		printf("wrote %s", ap.conf);
		if (ap.backup[0])
			printf(" (the previous one is %s)", ap.backup);
		putchar('\n');
	}
	for (int i = 0; i < ap.nr; i++) {
		const struct pf_sysctl_item *s = &ap.items[i];

		if (!s->present && live)
			printf("%s: this kernel has no such sysctl; only in the file\n",
			       s->name);
		else if (!s->present)
			printf("%s: no such file under proc/sys in %s; only in "
			       "the file\n", s->name, root);
		else if (dry_run)
			printf("would set %s: %ld -> %ld\n", s->name, s->old, s->value);
		else
			printf("set %s: %ld -> %ld%s\n", s->name, s->old, s->value,
			       s->verified ? " (read back)" : "");
	}
	free(text);
	return 0;
}

int cmd_advise(int argc, char **argv)
{
	enum { OPT_RULES = 256, OPT_SYSCTL, OPT_APPLY, OPT_DRYRUN, OPT_FORCE,
	       OPT_SET, OPT_VERIFY };
	static const struct option own[] = {
		{ "sysctl", no_argument, NULL, OPT_SYSCTL },
		{ "apply", no_argument, NULL, OPT_APPLY },
		{ "dry-run", no_argument, NULL, OPT_DRYRUN },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "set", required_argument, NULL, OPT_SET },
		{ "verify", no_argument, NULL, OPT_VERIFY },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ 0 }
	};
	static const struct cli_opts opts = {
		.cmd = "advise", .usage = usage_advise, .longs = own,
		.common = CLI_COMMON_JSON | CLI_COMMON_KERNEL | CLI_COMMON_YEAR |
			  CLI_COMMON_ROOT | CLI_COMMON_COLOR,
	};
	bool json, sysctl = false, apply = false;
	bool dry_run = false, force = false;
	const char *root, *rules_path = NULL, *sets[MAX_SETS];
	int nr_sets = 0, ch, ret = 0;
	struct cli_common com = { 0 };
	struct pf_system *sys = NULL;
	struct cli_parser p;
	struct advise_ctx *c;
	struct pf_advice *a;

	c = calloc(1, sizeof(*c));
	a = calloc(1, sizeof(*a));
	if (!c || !a) {
		cli_err(false, NULL, "out of memory");
		free(c);
		free(a);
		return CLI_EXIT_ERROR;
	}
	pf_evidence_init(&c->ev);
	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &com)) >= 0) {
		switch (ch) {
		case OPT_SYSCTL:
			sysctl = true;
			break;
		case OPT_APPLY:
			apply = true;
			break;
		case OPT_DRYRUN:
			dry_run = true;
			break;
		case OPT_FORCE:
			force = true;
			break;
		case OPT_SET:
			if (nr_sets == MAX_SETS) {
				cli_err(false, NULL, "at most %d --set", MAX_SETS);
				ret = CLI_EXIT_USAGE;
				goto out;
			}
			sets[nr_sets++] = optarg;
			break;
		case OPT_VERIFY:
			c->v.want = true;
			break;
		case OPT_RULES:
			rules_path = optarg;
			break;
		}
	}
	if (ch == CLI_OPT_EXIT) {
		ret = p.status;
		goto out;
	}
	json = com.json;
	root = com.root;
	if (root && cli_root_check(root, json)) {
		ret = CLI_EXIT_ERROR;
		goto out;
	}
	if ((dry_run || force) && !apply) {
		cli_err(false, NULL, "--dry-run and --force go with --apply");
		ret = CLI_EXIT_USAGE;
		goto out;
	}
	if (rules_path) {
		struct cli_diag d = { .json = json };
		int err = pf_rules_load(&c->rules, rules_path, cli_diag, &d);
		unsigned long said = d.nr;

		cli_diag_flush(&d);
		if (err) {
			/* -EINVAL: every stanza had an error, each said above */
			if (err != -EINVAL || !said)
				cli_err(json, rules_path,
					"cannot use the rules in '%s': %s", rules_path,
					err == -EINVAL ? "no rule in it is usable" :
					pf_strerror(err));
			ret = CLI_EXIT_ERROR;
			goto out;
		}
	}

	/* the machine: --root, a sosreport among the sources, or this one */
	if (!root) {
		for (int i = optind; i < argc && !root; i++)
			if (is_system_tree(argv[i]))
				root = argv[i];
		if (!root && optind >= argc)
			root = "/";
	}
	if (root) {
		sys = calloc(1, sizeof(*sys));
		if (!sys) {
			ret = CLI_EXIT_ERROR;
			goto out;
		}
		if (pf_system_read(root, sys, cli_diag_print, &json)) {
			cli_err(json, root, "nothing about memory could be read under '%s'",
				root);
			free(sys);
			sys = NULL;
		}
	}

	cli_collect_init(&c->in, &com, on_report, c);
	if (optind < argc || !apply || !root || strcmp(root, "/"))
		cli_collect(&c->in, argc - optind, argv + optind);
	if (c->in.have_kernel && !pf_kver_known(&c->ev.kernel))
		c->ev.kernel = c->in.kernel;

	pf_advise(&c->ev, sys, a);
	for (int i = 0; i < nr_sets; i++)
		if (apply_set(a, sets[i])) {
			ret = CLI_EXIT_USAGE;
			goto out;
		}

	if (c->v.want && !apply && !sysctl)
		verify_run(&c->v, a);

	if (apply) {
		ret = do_apply(a, root ? root : "/", dry_run, force);
	} else if (sysctl) {
		size_t need = pf_advice_sysctl_conf(a, false, NULL, 0) + 1;
		char *text = malloc(need);

		if (text) {
			pf_advice_sysctl_conf(a, false, text, need);
			fputs(text, stdout);
			free(text);
		}
	} else if (!print_begin(stdout, json, com.pretty)) {
		print_advice(&c->ev, a, &c->v);
		print_end();
	}
	if (!ret && c->in.errors && !c->ev.reports)
		ret = CLI_EXIT_ERROR;
out:
	fflush(stdout);
	pf_rules_free(c->rules);
	free(c->v.r);
	free(sys);
	free(a);
	free(c);
	return ret;
}
