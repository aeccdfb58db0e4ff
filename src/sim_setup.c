// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sim_setup.c - what simulate checks and loads before a run: the scenario
 * (a file, or the report --from-report replays), the settings --set,
 * --kernel and --sweep give (and why one was refused), and the memory a
 * run will need against --max-memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cli.h"
#include "simulate.h"
#include "words.h"

/* The report --from-report replays: the nth, or the first with Mem-Info. */
struct pick {
	long want, seen;
	struct pf_report *r;
	char *source;
};

static int on_pick(const struct pf_report *r, void *data)
{
	struct pick *p = data;

	p->seen++;
	if (p->want > 0 ? p->seen != p->want
			: !(r->flags & PF_REPORT_HAS_MEMINFO))
		return 0;
	memcpy(p->r, r, sizeof(*r));
	return 1;
}

int cli_sim_from_report(const char *path, long nth, const struct pf_kver *kv,
			struct pf_scenario **sc, bool json)
{
	struct pick p = { .want = nth };
	struct pf_scan_opts o = { .kernel = kv, .report = on_pick, .data = &p };
	struct pf_source *src;
	struct pf_scanner *scan = NULL;
	const char *buf;
	char err[256], era[512];
	ssize_t n;
	int ret;

	ret = pf_source_open(&src, path);
	if (ret) {
		cli_err(json, path, "cannot read '%s': %s", path,
			pf_source_strerror(NULL, ret));
		return CLI_EXIT_ERROR;
	}
	p.r = malloc(sizeof(*p.r));
	if (p.r)
		scan = pf_scanner_new(pf_source_name(src), &o);
	if (!scan) {
		free(p.r);
		pf_source_free(src);
		cli_err(json, path, "out of memory");
		return CLI_EXIT_ERROR;
	}
	ret = 0;
	while (!ret && (n = pf_source_read(src, &buf)) > 0)
		ret = pf_scanner_feed(scan, buf, (size_t)n);
	if (!ret)
		ret = pf_scanner_finish(scan);
	pf_scanner_free(scan);
	if (ret == -EILSEQ) {
		cli_err(json, path, "'%s': binary data, not a log", path);
		ret = CLI_EXIT_ERROR;
		goto out;
	}
	if (ret != 1) {
		if (nth > 0)
			cli_err_no_report(json, path, (unsigned long)p.seen,
					  nth);
		else
			cli_err(json, path,
				"'%s' has no report with Mem-Info to replay",
				path);
		ret = CLI_EXIT_ERROR;
		goto out;
	}
	ret = pf_scenario_from_report(sc, p.r, err, sizeof(err));
	cli_replay_era_words(p.r, ret, era, sizeof(era));
	if (ret) {
		cli_err(json, path, "%s:%lu: %s", path, p.r->line,
			ret == -EINVAL ? err
			: ret == -EDOM ? era
				       : pf_strerror(ret));
		ret = CLI_EXIT_ERROR;
		goto out;
	}
	if (era[0])
		cli_err(json, path, "%s:%lu: %s", path, p.r->line, era);
	if (err[0])
		cli_err(json, path, "%s:%lu: %s", path, p.r->line, err);
	ret = 0;
out:
	pf_source_free(src);
	free(p.r);
	return ret;
}

/* "512M", "16G", "1T", "4096": bytes, binary units.  0 when not a size. */
unsigned long long cli_parse_size(const char *s)
{
	static const char units[] = "KMGT";
	unsigned long long v;
	const char *u;
	char *end;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || !v)
		return 0;
	if (!*end)
		return v;
	u = strchr(units, *end & ~0x20);
	if (!u || !*u)
		return 0;
	end++;
	if (*end && strcmp(end, "B") && strcmp(end, "iB"))
		return 0;
	for (int i = 0; i <= u - units; i++) {
		if (v > ~0ULL >> 10)
			return 0;
		v <<= 10;
	}
	return v;
}

/*
 * Before a run: refuse a scenario whose simulation needs more memory
 * (pf_sim_memory()) than it may have, and say a word when it takes much of
 * it (a quarter, or a GiB).  What it may have is --max-memory, else half
 * of what this machine has available: a what-if run on a production host
 * must not push it into the reclaim and allocation failures this tool is
 * there to explain.  The simulator's memory follows the pages the run
 * writes (a 1 TiB zone with no fill costs a few MiB), but its page arrays
 * are reserved whole, which ulimit -v must allow (pf_sim_address_space()).
 * 0, or CLI_EXIT_ERROR after saying why.
 */
int cli_sim_memory(const struct pf_scenario *sc, const struct pf_sim_opts *o,
		   unsigned long long max, const char *what, bool json)
{
	unsigned long long need = pf_sim_memory(sc, o), limit = max, warn;
	unsigned long long space = pf_sim_address_space(sc, o);
	const char *whose = "--max-memory %s",
		   *fix = "raise the limit with --max-memory";
	char n[32], l[32], words[64];
	struct rlimit rl;

	if (!limit) {
		long long kb = pf_system_mem_available(NULL);

		limit = kb > 0 ? (unsigned long long)kb << 9 : ~0ULL;
		whose = "%s, half of what this machine has available";
		fix = "allow it with --max-memory";
	}
	if (!getrlimit(RLIMIT_AS, &rl) && rl.rlim_cur != RLIM_INFINITY &&
	    space > rl.rlim_cur) {
		cli_format_size(space, n, sizeof(n));
		cli_format_size(rl.rlim_cur, l, sizeof(l));
		cli_err(json, what,
			"%s: simulating it reserves about %s of address space, "
			"more than the %s ulimit -v allows: make its zones "
			"smaller (each GiB of zone reserves 3 MiB), or raise "
			"ulimit -v",
			what, n, l);
		return CLI_EXIT_ERROR;
	}
	if (limit == ~0ULL)
		return 0; /* cannot tell: the kernel will */
	cli_format_size(need, n, sizeof(n));
	cli_format_size(limit, l, sizeof(l));
	snprintf(words, sizeof(words), whose, l);
	if (need > limit) {
		cli_err(json, what,
			"%s: simulating it needs about %s of memory, "
			"more than %s: make its zones or fills smaller (each "
			"GiB the run fills or allocates takes 3 MiB, 5 with a "
			"fill), or %s",
			what, n, words, fix);
		return CLI_EXIT_ERROR;
	}
	warn = limit / 4 < (1ULL << 30) ? limit / 4 : 1ULL << 30;
	if (need > warn)
		cli_err(false, what,
			"%s: simulating it takes about %s of memory "
			"(of %s)",
			what, n, words);
	return 0;
}

/*
 * Why --set (--kernel, --sweep) NAME=VALUE was refused: no such setting,
 * or a value it does not take.
 */
void cli_sim_set_error(int err, const char *opt, const char *arg,
		       const char *name, const char *value)
{
	struct pf_kver kv;
	char label[96];

	if (err == -ENOENT) {
		cli_err(false, NULL,
			"%s '%s': no setting '%s' (vm.SYSCTL, kernel, "
			"mobility, swap, node_distance, scan_rate, "
			"compact_rate, seed)",
			opt, arg, name);
		return;
	}
	if (strcmp(name, "kernel")) {
		cli_err(false, NULL,
			"%s '%s': '%s' is not a value %s takes "
			"(see 'pagefail help simulate')",
			opt, arg, value, name);
		return;
	}
	/* no kernel version at all, or one before the simulator's first */
	snprintf(label, sizeof(label), "%s%s", opt,
		 strcmp(opt, "--kernel") ? " kernel=" : "");
	if (!cli_opt_kernel(label, value, &kv))
		cli_err(false, NULL,
			"%s '%s': the simulator knows kernels "
			"from 2.6.18 on",
			opt, arg);
}

/* The scenario: a file, or a report of a log replayed.  -1 to go on. */
int sim_load_scenario(struct sim_ctx *c, int argc, char **argv)
{
	const struct sim_args *a = c->a;
	struct cli_diag d = { .json = a->com.json };
	int err;

	if (optind + (a->from ? 0 : 1) != argc || (a->nth && !a->from)) {
		usage_simulate(stderr);
		return CLI_EXIT_USAGE;
	}
	c->what = a->from ? a->from : argv[optind];
	if (a->from)
		return cli_sim_from_report(a->from, a->nth,
					   pf_kver_known(&a->com.kernel)
						   ? &a->com.kernel
						   : NULL,
					   &c->sc, a->com.json)
			       ?: -1;
	err = pf_scenario_load(&c->sc, c->what, cli_diag, &d);
	if (cli_load_failed(&d, err, "cannot use the scenario '%s'", c->what,
			    NULL))
		return CLI_EXIT_ERROR;
	return -1;
}

/* --set and --kernel, in their order.  -1 to go on. */
int sim_apply_sets(struct sim_ctx *c)
{
	const struct sim_args *a = c->a;

	for (int i = 0; i < a->nr_sets; i++) {
		const char *set = a->sets[i], *eq = strchr(set, '=');
		bool kernel = a->is_kernel[i];
		char name[64];
		int err;

		if (!eq || (size_t)(eq - set) >= sizeof(name)) {
			cli_err(false, NULL, "--set '%s': not NAME=VALUE", set);
			return CLI_EXIT_USAGE;
		}
		snprintf(name, sizeof(name), "%.*s", (int)(eq - set), set);
		err = pf_scenario_set(c->sc, name, eq + 1);
		/* with a report, --kernel named its kernel to the scanner */
		if (a->from && kernel && pf_kver_known(&a->com.kernel))
			continue;
		if (err) {
			cli_sim_set_error(err, kernel ? "--kernel" : "--set",
					  kernel ? eq + 1 : set, name, eq + 1);
			return CLI_EXIT_USAGE;
		}
	}
	return -1;
}

/* --sweep NAME=A,B,C: its values, split into c.  -1 to go on. */
static int split_sweep(struct sim_ctx *c)
{
	const char *sweep = c->a->sweep, *eq = strchr(sweep, '=');
	char *save = NULL, *tok;

	if (!eq || (size_t)(eq - sweep) >= sizeof(c->sweep_name)) {
		cli_err(false, NULL, "--sweep '%s': not NAME=A,B,C", sweep);
		return CLI_EXIT_USAGE;
	}
	snprintf(c->sweep_name, sizeof(c->sweep_name), "%.*s",
		 (int)(eq - sweep), sweep);
	c->sweep_buf = strdup(eq + 1);
	if (!c->sweep_buf) {
		cli_err(false, NULL, "out of memory");
		return CLI_EXIT_ERROR;
	}
	for (tok = strtok_r(c->sweep_buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (c->nr_sweep == MAX_SWEEP) {
			cli_err(false, NULL,
				"--sweep takes at most %d values, "
				"not more ('%s')",
				MAX_SWEEP, sweep);
			return CLI_EXIT_USAGE;
		}
		c->sweep_vals[c->nr_sweep++] = tok;
	}
	if (!c->nr_sweep) {
		cli_err(false, NULL, "--sweep '%s': no values", sweep);
		return CLI_EXIT_USAGE;
	}
	return -1;
}

/* A scenario a value of the sweep; every one checked before a run. */
int sim_make_sweep(struct sim_ctx *c)
{
	int ret = split_sweep(c);

	for (int i = 0; ret < 0 && i < c->nr_sweep; i++) {
		int err = -ENOMEM;

		c->runs[i] = pf_scenario_dup(c->sc);
		if (c->runs[i])
			err = pf_scenario_set(c->runs[i], c->sweep_name,
					      c->sweep_vals[i]);
		if (err == -ENOMEM) {
			cli_err(false, NULL, "out of memory");
			ret = CLI_EXIT_ERROR;
		} else if (err) {
			cli_sim_set_error(err, "--sweep", c->a->sweep,
					  c->sweep_name, c->sweep_vals[i]);
			ret = CLI_EXIT_USAGE;
		}
	}
	return ret;
}
