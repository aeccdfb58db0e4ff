// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_simulate.c - pagefail simulate: run a scenario through the model of
 * the zoned buddy allocator, kswapd and compaction (lib/sim/), once or
 * once per value of a swept sysctl, and print the failures (also as the
 * kernel would have printed them), a time series as CSV and an SVG plot.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cli.h"
#include "print.h"

#define MAX_SETS	16
#define MAX_SWEEP	32
#define SAMPLE_EVERY	0.1	/* seconds: the time series, 10 a second */

struct series {
	struct pf_sim_sample *v;
	size_t nr, alloc;
};

struct sim_ctx {
	bool json, pretty;
	size_t reports;			/* failure reports to print */
	char *text;			/* them, printed after the summary */
	size_t text_len;
	struct series series;
	bool keep_series;
};

void usage_simulate(FILE *f)
{
	fputs("usage: pagefail simulate SCENARIO [--set NAME=VALUE]... [--kernel V]\n"
	      "                         [--sweep NAME=A,B,C] [-j|-p] [--csv FILE]\n"
	      "                         [--svg FILE] [--reports N] [--check]\n"
	      "                         [--max-memory SIZE]\n"
	      "       pagefail simulate --from-report FILE [--report N] [options]\n"
	      "       pagefail simulate --bench [-j]\n\n"
	      "Run SCENARIO (a file; see data/scenarios/) through a model of the zoned\n"
	      "buddy allocator, kswapd and compaction of its kernel era, and say how\n"
	      "many allocations failed: would these settings have prevented it?\n\n"
	      "      --set N=V      vm.min_free_kbytes=90112, kernel=rhel6.4, mobility=off,\n"
	      "                     swap=on, scan_rate=N, compact_rate=N, seed=N\n"
	      "      --kernel V     the same as --set kernel=V\n"
	      "      --from-report FILE  replay a failure report of FILE instead: its\n"
	      "                     zones, kernel, watermarks and free lists, and its\n"
	      "                     request as a burst of 400 a second for 1 s\n"
	      "      --report N     the Nth report of FILE (default: the first with\n"
	      "                     Mem-Info)\n"
	      "      --sweep N=A,B  run once per value and print a table of failures\n"
	      "  -j, --json         the results as JSON (one object per run)\n"
	      "  -p, --pretty       indented JSON (implies --json)\n"
	      "      --csv FILE     the time series (10 samples a second) as CSV\n"
	      "      --svg FILE     a plot of free memory, watermarks and failures\n"
	      "      --series       with -j: the time series in the JSON too\n"
	      "      --reports N    print the first N failures as the kernel would\n"
	      "                     (default 1 in text, 0 in JSON)\n"
	      "      --check        check the allocator's invariants after every step\n"
	      "      --max-memory SIZE  refuse a scenario that needs more memory\n"
	      "                     than SIZE (512M, 16G; default: half of what this\n"
	      "                     machine has available)\n"
	      "      --bench        the standard microbenchmark\n\n"
	      "exit status: 0 no failure, 3 failures, 1 error, 2 usage\n",
	      f);
}

static void on_sample(const struct pf_sim_sample *smp, void *data)
{
	struct sim_ctx *c = data;
	struct series *s = &c->series;

	if (s->nr == s->alloc) {
		size_t n = s->alloc ? 2 * s->alloc : 1024;
		struct pf_sim_sample *v = realloc(s->v, n * sizeof(*v));

		if (!v)
			return;
		s->v = v;
		s->alloc = n;
	}
	s->v[s->nr++] = *smp;
}

static void on_report(const char *text, int cause, void *data)
{
	struct sim_ctx *c = data;
	size_t n = strlen(text);
	char *t;

	(void)cause;
	if (c->json)
		return;
	t = realloc(c->text, c->text_len + n + 2);
	if (!t)
		return;
	c->text = t;
	t[c->text_len++] = '\n';
	memcpy(t + c->text_len, text, n + 1);
	c->text_len += n;
}

static int write_csv(const char *path, const struct series *s)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -errno;
	fputs("t,free_pages", f);
	for (int o = 0; o < 11; o++)
		fprintf(f, ",free_blocks_%d", o);
	fputs(",min,low,high,kswapd_reclaimed,compacted,failures\n", f);
	for (size_t i = 0; i < s->nr; i++) {
		const struct pf_sim_sample *p = &s->v[i];

		fprintf(f, "%.3f,%lu", p->t, p->free_pages);
		for (int o = 0; o < 11; o++)
			fprintf(f, ",%lu", p->nr_free[o]);
		fprintf(f, ",%ld,%ld,%ld,%llu,%llu,%llu\n", p->min, p->low, p->high,
			p->kswapd_reclaimed, p->compacted, p->failures);
	}
	return fclose(f) ? -errno : 0;
}

/* An SVG line plot: free pages and the watermarks; red ticks at failures. */
static int write_svg(const char *path, const struct series *s, const char *title)
{
	const double W = 800, H = 360, L = 70, R = 20, T = 30, B = 40;
	double tmax = 0, ymax = 1;
	FILE *f = fopen(path, "w");
	struct { const char *name, *colour; int which; } lines[] = {
		{ "free", "#1f77b4", 0 }, { "free in blocks >= order 1", "#2ca02c", 4 },
		{ "min", "#d62728", 1 }, { "low", "#ff7f0e", 2 }, { "high", "#9467bd", 3 },
	};

	if (!f)
		return -errno;
	for (size_t i = 0; i < s->nr; i++) {
		if (s->v[i].t > tmax)
			tmax = s->v[i].t;
		if ((double)s->v[i].free_pages > ymax)
			ymax = (double)s->v[i].free_pages;
		if ((double)s->v[i].high > ymax)
			ymax = (double)s->v[i].high;
	}
	if (tmax <= 0)
		tmax = 1;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
		"height=\"%.0f\" font-family=\"sans-serif\" font-size=\"12\">\n", W, H);
	fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	fprintf(f, "<text x=\"%.0f\" y=\"18\">", L);
	for (const char *p = title; *p; p++)
		fputs(*p == '<' ? "&lt;" : *p == '&' ? "&amp;" : (char[2]){ *p, 0 }, f);
	fputs("</text>\n", f);
	fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"black\"/>\n",
		L, H - B, W - R, H - B);
	fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"black\"/>\n",
		L, T, L, H - B);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%.0f MiB</text>\n",
		L - 4, T + 4, ymax * 4 / 1024);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\">0</text>\n", L - 12, H - B + 4);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%.1f s</text>\n",
		W - R, H - B + 16, tmax);
	for (size_t k = 0; k < sizeof(lines) / sizeof(lines[0]); k++) {
		fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" points=\"", lines[k].colour);
		for (size_t i = 0; i < s->nr; i++) {
			const struct pf_sim_sample *p = &s->v[i];
			double y = lines[k].which == 0 ? (double)p->free_pages :
				   lines[k].which == 1 ? (double)p->min :
				   lines[k].which == 2 ? (double)p->low :
				   lines[k].which == 3 ? (double)p->high :
				   (double)(p->free_pages - p->nr_free[0]);

			fprintf(f, "%.1f,%.1f ", L + p->t / tmax * (W - L - R),
				H - B - y / ymax * (H - T - B));
		}
		fputs("\"/>\n", f);
		fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" fill=\"%s\">%s</text>\n",
			L + 10 + 150.0 * (double)k, H - 8, lines[k].colour, lines[k].name);
	}
	for (size_t i = 1; i < s->nr; i++)
		if (s->v[i].failures > s->v[i - 1].failures)
			fprintf(f, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" "
				"stroke=\"red\"/>\n", L + s->v[i].t / tmax * (W - L - R),
				T, L + s->v[i].t / tmax * (W - L - R), T + 10);
	fputs("</svg>\n", f);
	return fclose(f) ? -errno : 0;
}

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
	if (p->want > 0 ? p->seen != p->want : !(r->flags & PF_REPORT_HAS_MEMINFO))
		return 0;
	memcpy(p->r, r, sizeof(*r));
	return 1;
}

static int load_report(const char *path, long nth, const struct pf_kver *kv,
		       struct pf_scenario **sc, bool json)
{
	struct pick p = { .want = nth };
	struct pf_scan_opts o = { .kernel = kv, .report = on_pick, .data = &p };
	struct pf_source *src;
	struct pf_scanner *scan = NULL;
	const char *buf;
	char err[256];
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
			cli_err_no_report(json, path, (unsigned long)p.seen, nth);
		else
			cli_err(json, path, "'%s' has no report with Mem-Info to replay",
				path);
		ret = CLI_EXIT_ERROR;
		goto out;
	}
	ret = pf_scenario_from_report(sc, p.r, err, sizeof(err));
	if (ret) {
		cli_err(json, path, "%s:%lu: %s", path, p.r->line,
			ret == -EINVAL ? err : pf_strerror(ret));
		ret = CLI_EXIT_ERROR;
		goto out;
	}
	if (err[0])
		cli_err(json, path, "%s:%lu: %s", path, p.r->line, err);
	ret = 0;
out:
	pf_source_free(src);
	free(p.r);
	return ret;
}

/* "512M", "16G", "1T", "4096": bytes, binary units.  0 when not a size. */
static unsigned long long cli_parse_size(const char *s)
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
 * of what this machine has available, and never more than ulimit -v: a
 * what-if run on a production host must not push it into the reclaim and
 * allocation failures this tool is there to explain.  The
 * simulator's memory follows the zones' pages, filled in as the run
 * touches them: 4 TiB of zones was 6.5 GB a minute into a run, with no
 * word.  0, or CLI_EXIT_ERROR after saying why.
 */
static int check_memory(const struct pf_scenario *sc,
			const struct pf_sim_opts *o, unsigned long long max,
			const char *what, bool json)
{
	unsigned long long need = pf_sim_memory(sc, o), limit = max, warn;
	const char *whose = "--max-memory %s", *fix = "raise the limit with --max-memory";
	char n[32], l[32], words[64];
	struct rlimit rl;

	if (!limit) {
		long long kb = pf_system_mem_available(NULL);

		limit = kb > 0 ? (unsigned long long)kb << 9 : ~0ULL;
		whose = "%s, half of what this machine has available";
		fix = "allow it with --max-memory";
	}
	if (!getrlimit(RLIMIT_AS, &rl) && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur < limit) {
		limit = rl.rlim_cur;
		whose = "the %s of address space ulimit -v allows";
		fix = "raise ulimit -v";
	}
	if (limit == ~0ULL)
		return 0;	/* cannot tell: the kernel will */
	pf_format_size(need, n, sizeof(n));
	pf_format_size(limit, l, sizeof(l));
	snprintf(words, sizeof(words), whose, l);
	if (need > limit) {
		cli_err(json, what, "%s: simulating it needs about %s of memory, "
			"more than %s: make its zones smaller (each GiB of "
			"zone takes 3 MiB, 5 with a fill), or %s",
			what, n, words, fix);
		return CLI_EXIT_ERROR;
	}
	warn = limit / 4 < (1ULL << 30) ? limit / 4 : 1ULL << 30;
	if (need > warn)
		cli_err(false, what, "%s: simulating it takes about %s of memory "
			"(of %s)", what, n, words);
	return 0;
}

static int run_bench(bool json, bool pretty)
{
	double ops, bpp;
	int err = pf_sim_bench(2.0, &ops, &bpp);

	if (err) {
		cli_err(json, "bench", "the benchmark failed: %s", pf_strerror(err));
		return CLI_EXIT_ERROR;
	}
	if (print_begin(stdout, json, pretty))
		return CLI_EXIT_ERROR;
	print_sim_bench(ops, bpp);
	print_end();
	return 0;
}

/*
 * Why --set (--kernel, --sweep) NAME=VALUE was refused: no such setting,
 * or a value it does not take.
 */
static void set_error(int err, const char *opt, const char *arg,
		      const char *name, const char *value)
{
	struct pf_kver kv;
	char label[96];

	if (err == -ENOENT) {
		cli_err(false, NULL, "%s '%s': no setting '%s' (vm.SYSCTL, kernel, "
			"mobility, swap, scan_rate, compact_rate, seed)", opt, arg, name);
		return;
	}
	if (strcmp(name, "kernel")) {
		cli_err(false, NULL, "%s '%s': '%s' is not a value %s takes "
			"(see 'pagefail help simulate')", opt, arg, value, name);
		return;
	}
	/* no kernel version at all, or one before the simulator's first */
	snprintf(label, sizeof(label), "%s%s", opt,
		 strcmp(opt, "--kernel") ? " kernel=" : "");
	if (!cli_opt_kernel(label, value, &kv))
		cli_err(false, NULL, "%s '%s': the simulator knows kernels "
			"from 2.6.18 on", opt, arg);
}

int cmd_simulate(int argc, char **argv)
{
	enum { OPT_SET = 256, OPT_SWEEP, OPT_CSV, OPT_SVG, OPT_REPORTS,
	       OPT_CHECK, OPT_BENCH, OPT_FROM_REPORT, OPT_REPORT, OPT_SERIES,
	       OPT_MAX_MEMORY };
	static const struct option own[] = {
		{ "set", required_argument, NULL, OPT_SET },
		{ "sweep", required_argument, NULL, OPT_SWEEP },
		{ "csv", required_argument, NULL, OPT_CSV },
		{ "svg", required_argument, NULL, OPT_SVG },
		{ "reports", required_argument, NULL, OPT_REPORTS },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "series", no_argument, NULL, OPT_SERIES },
		{ "bench", no_argument, NULL, OPT_BENCH },
		{ "from-report", required_argument, NULL, OPT_FROM_REPORT },
		{ "report", required_argument, NULL, OPT_REPORT },
		{ "max-memory", required_argument, NULL, OPT_MAX_MEMORY },
		{ 0 }
	};
	/* --kernel V is --set kernel=V, in its place among the --set */
	static const struct cli_opts opts = {
		.cmd = "simulate", .usage = usage_simulate, .longs = own,
		.common = CLI_COMMON_JSON | CLI_COMMON_KERNEL | CLI_COMMON_COLOR,
		.pass = CLI_COMMON_KERNEL,
	};
	const char *sets[MAX_SETS], *sweep = NULL, *csv = NULL, *svg = NULL;
	unsigned long long max_memory = 0;
	const char *from = NULL, *what;
	struct cli_common com = { 0 };
	struct cli_parser p;
	long nth = 0;
	char sweep_name[64] = "", *sweep_vals[MAX_SWEEP];
	struct pf_scenario *runs[MAX_SWEEP] = { NULL };
	int nr_sets = 0, nr_sweep = 0, ch, err, ret = CLI_EXIT_NONE;
	bool is_kernel[MAX_SETS] = { false };
	long reports = -1;
	bool check = false, bench = false, with_series = false;
	struct sim_ctx c = { 0 };
	struct pf_scenario *sc = NULL;
	char *sweep_buf = NULL;

	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &com)) >= 0) {
		switch (ch) {
		case OPT_SET:
		case CLI_OPT_KERNEL:
			if (nr_sets == MAX_SETS) {
				cli_err(false, NULL, "at most %d --set", MAX_SETS);
				return CLI_EXIT_USAGE;
			}
			if (ch == CLI_OPT_KERNEL) {
				static char kbuf[MAX_SETS][128];

				/* also the report's kernel when it names none */
				if (cli_common_opt(&com, ch, optarg))
					return CLI_EXIT_USAGE;
				is_kernel[nr_sets] = true;
				snprintf(kbuf[nr_sets], sizeof(kbuf[0]), "kernel=%s", optarg);
				sets[nr_sets] = kbuf[nr_sets];
				nr_sets++;
			} else {
				sets[nr_sets++] = optarg;
			}
			break;
		case OPT_SWEEP:
			sweep = optarg;
			break;
		case OPT_CSV:
			csv = optarg;
			break;
		case OPT_SVG:
			svg = optarg;
			break;
		case OPT_REPORTS:
			if (cli_opt_long("--reports", optarg, 0, LONG_MAX, &reports))
				return CLI_EXIT_USAGE;
			break;
		case OPT_FROM_REPORT:
			from = optarg;
			break;
		case OPT_REPORT:
			if (cli_opt_long("--report", optarg, 1, LONG_MAX, &nth))
				return CLI_EXIT_USAGE;
			break;
		case OPT_CHECK:
			check = true;
			break;
		case OPT_SERIES:
			with_series = true;
			break;
		case OPT_BENCH:
			bench = true;
			break;
		case OPT_MAX_MEMORY:
			max_memory = cli_parse_size(optarg);
			if (!max_memory) {
				cli_err(false, NULL, "--max-memory '%s': not a size "
					"(512M, 16G)", optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		}
	}
	if (ch == CLI_OPT_EXIT)
		return p.status;
	c.json = com.json;
	c.pretty = com.pretty;
	if (bench)
		return run_bench(c.json, c.pretty);
	if (optind + (from ? 0 : 1) != argc || (nth && !from)) {
		usage_simulate(stderr);
		return CLI_EXIT_USAGE;
	}
	what = from ? from : argv[optind];
	if (from) {
		ret = load_report(from, nth, pf_kver_known(&com.kernel) ? &com.kernel : NULL,
				  &sc, c.json);
		if (ret)
			return ret;
	} else {
		struct cli_diag d = { .json = c.json };
		unsigned long nr;

		err = pf_scenario_load(&sc, argv[optind], cli_diag, &d);
		nr = d.nr;

		cli_diag_flush(&d);
		if (err) {
			/* -EINVAL: what is wrong was said above, line by line */
			if (err != -EINVAL || !nr)
				cli_err(c.json, argv[optind],
					"cannot use the scenario '%s': %s",
					argv[optind], pf_strerror(err));
			return CLI_EXIT_ERROR;
		}
	}
	for (int i = 0; i < nr_sets; i++) {
		char name[64];
		const char *eq = strchr(sets[i], '=');

		if (!eq || (size_t)(eq - sets[i]) >= sizeof(name)) {
			cli_err(false, NULL, "--set '%s': not NAME=VALUE", sets[i]);
			ret = CLI_EXIT_USAGE;
			goto out;
		}
		snprintf(name, sizeof(name), "%.*s", (int)(eq - sets[i]), sets[i]);
		/* with a report, --kernel also named its kernel to the scanner */
		if (from && is_kernel[i] && pf_kver_known(&com.kernel)) {
			pf_scenario_set(sc, name, eq + 1);
			continue;
		}
		err = pf_scenario_set(sc, name, eq + 1);
		if (err) {
			set_error(err, is_kernel[i] ? "--kernel" : "--set",
				  is_kernel[i] ? eq + 1 : sets[i], name, eq + 1);
			ret = CLI_EXIT_USAGE;
			goto out;
		}
	}
	if (sweep) {
		const char *eq = strchr(sweep, '=');
		char *save = NULL, *tok;

		if (!eq || (size_t)(eq - sweep) >= sizeof(sweep_name)) {
			cli_err(false, NULL, "--sweep '%s': not NAME=A,B,C", sweep);
			ret = CLI_EXIT_USAGE;
			goto out;
		}
		snprintf(sweep_name, sizeof(sweep_name), "%.*s", (int)(eq - sweep), sweep);
		sweep_buf = strdup(eq + 1);
		if (!sweep_buf) {
			cli_err(false, NULL, "out of memory");
			ret = CLI_EXIT_ERROR;
			goto out;
		}
		for (tok = strtok_r(sweep_buf, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			if (nr_sweep == MAX_SWEEP) {
				cli_err(false, NULL, "--sweep takes at most %d values, "
					"not more ('%s')", MAX_SWEEP, sweep);
				ret = CLI_EXIT_USAGE;
				goto out;
			}
			sweep_vals[nr_sweep++] = tok;
		}
		if (!nr_sweep) {
			cli_err(false, NULL, "--sweep '%s': no values", sweep);
			ret = CLI_EXIT_USAGE;
			goto out;
		}
		/* every value is checked before the first run prints */
		for (int i = 0; i < nr_sweep; i++) {
			runs[i] = pf_scenario_dup(sc);
			err = runs[i] ? pf_scenario_set(runs[i], sweep_name,
							sweep_vals[i]) : -ENOMEM;
			if (err == -ENOMEM) {
				cli_err(false, NULL, "out of memory");
				ret = CLI_EXIT_ERROR;
				goto out;
			}
			if (err) {
				set_error(err, "--sweep", sweep, sweep_name, sweep_vals[i]);
				ret = CLI_EXIT_USAGE;
				goto out;
			}
		}
	}
	c.reports = reports >= 0 ? (size_t)reports : c.json || sweep ? 0 : 1;
	{
		/* a sweep changes no zone: one check for every run */
		struct pf_sim_opts o = {
			.sample = csv || svg || with_series ? on_sample : NULL,
			.sample_every = SAMPLE_EVERY,
		};

		ret = check_memory(sc, &o, max_memory, what, c.json);
		if (ret)
			goto out;
	}
	if (print_begin(stdout, c.json, c.pretty)) {
		ret = CLI_EXIT_ERROR;
		goto out;
	}

	for (int run = 0; run < (sweep ? nr_sweep : 1); run++) {
		struct pf_scenario *one = sweep ? runs[run] : sc;
		struct pf_sim_result r;
		struct pf_sim_opts o = {
			.check = check, .report = on_report,
			.max_reports = c.reports, .data = &c,
		};

		c.series.nr = 0;
		if (csv || svg || with_series) {
			o.sample = on_sample;
			o.sample_every = SAMPLE_EVERY;
		}
		err = pf_simulate(one, &o, &r);
		if (err == -EUCLEAN || r.check_err)
			cli_err(c.json, what, "the allocator broke an invariant: %s",
				r.check_msg);
		else if (err)
			cli_err(c.json, what, "simulation failed: %s", pf_strerror(err));
		if (err)
			ret = CLI_EXIT_ERROR;
		if (sweep && !run)
			print_sim_sweep_header(sweep_name);
		print_sim_result(&r, pf_scenario_kernel(one)->str,
				 sweep ? sweep_name : NULL,
				 sweep ? sweep_vals[run] : NULL,
				 with_series ? c.series.v : NULL, c.series.nr);
		/* a sweep's table has no room for them */
		if (!sweep && c.text) {
			print_fp("%s", c.text);
			free(c.text);
			c.text = NULL;
			c.text_len = 0;
		}
		if (!err && r.failures && ret == CLI_EXIT_NONE)
			ret = CLI_EXIT_FOUND;
	}
	if (csv && (err = write_csv(csv, &c.series))) {
		cli_err(c.json, csv, "cannot write '%s': %s", csv, pf_strerror(err));
		ret = CLI_EXIT_ERROR;
	}
	if (svg && (err = write_svg(svg, &c.series, what))) {
		cli_err(c.json, svg, "cannot write '%s': %s", svg, pf_strerror(err));
		ret = CLI_EXIT_ERROR;
	}
out:
	fflush(stdout);
	print_end();
	free(sweep_buf);
	free(c.series.v);
	free(c.text);
	for (int i = 0; i < nr_sweep; i++)
		pf_scenario_free(runs[i]);
	pf_scenario_free(sc);
	return ret;
}
