// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_status.c - pagefail status: the state of every zone of this machine
 * (or of a saved snapshot or sosreport with --root): watermarks, free
 * blocks per order and migratetype, the fragmentation indices, and how
 * many more atomic allocations of orders 0-3 would succeed; with an
 * interval, vmstat-style lines with the rates of the reclaim and
 * compaction counters.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "print.h"
#include "words.h"

struct status_ctx {
	struct cli_common com;		/* json, pretty, kernel */
	const char *root;
	double interval;		/* seconds between lines, 0: once */
};

void usage_status(FILE *f)
{
	fputs("usage: pagefail status [-j|--json] [-p|--pretty] [--root DIR]\n"
	      "                       [--kernel VERSION] [--no-color] [INTERVAL [COUNT]]\n\n"
	      "Show every zone: managed and free memory, the min/low/high watermarks,\n"
	      "free blocks per order (per migratetype where /proc/pagetypeinfo can be\n"
	      "read), the unusable free space and extfrag indices per order, and the\n"
	      "atomic headroom: how many more GFP_ATOMIC allocations of order 0-3\n"
	      "succeed before the zone fails the running kernel's watermark check.\n"
	      "With INTERVAL (seconds, 0.1 or more), one line per interval with the\n"
	      "rates of the compaction, kswapd and reclaim counters, COUNT times\n"
	      "(default: forever), after a legend of the columns.\n\n"
	      "  -j, --json         one JSON object (JSON Lines with INTERVAL)\n"
	      "  -p, --pretty       indented JSON (implies --json)\n"
	      "      --root DIR     read /proc and /sys under DIR: a snapshot or an\n"
	      "                     extracted sosreport\n"
	      "      --kernel V     the kernel whose watermark check to emulate, when\n"
	      "                     DIR does not say\n"
	      "      --no-color     no colour (also NO_COLOR)\n\n"
	      "exit status: 0 done, 1 nothing could be read, 2 usage\n",
	      f);
}

/* Is path root/rel, as the reader names it? */
static bool is_path_of(const char *path, const char *rel)
{
	size_t n = strlen(path), m = strlen(rel);

	return n > m && path[n - m - 1] == '/' && !strcmp(path + n - m, rel);
}

/*
 * The files that could not be read are named in the output (text: "not
 * read:", JSON: sources.missing); where that is all there is to it (a file
 * this kernel or this tree does not have, or one the kernel lets only root
 * read) the
 * reader's words on them are not said twice.  What it says of a file that
 * is there and wrong (not a regular file, too large, which line it did not
 * understand) is an error of the tree, said on stderr.
 */
static bool only_missing(const char *path, int err)
{
	/* 5.4+ make pagetypeinfo root's, and debugfs is root's */
	bool roots = !strcmp(path, "proc/pagetypeinfo") ||
		     !strncmp(path, "sys/kernel/debug/", 17);

	return err == -ENOENT || (roots && (err == -EACCES || err == -EPERM));
}

static void say_diags(struct cli_diag *d, const struct pf_system *sys)
{
	for (int k = 0; k < d->nr_kept;) {
		bool missing = false;

		for (int i = 0; i < sys->nr_sources && !missing; i++)
			missing = only_missing(sys->sources[i].path,
					       sys->sources[i].err) &&
				  is_path_of(d->kept[k].source, sys->sources[i].path);
		if (missing)
			cli_diag_forget(d, k);
		else
			k++;
	}
	cli_diag_flush(d);
}

/*
 * One line for a root with nothing to show: of the files every kernel has,
 * those that could not be read, and why.
 */
static void nothing_read(const struct status_ctx *c, const struct pf_system *sys)
{
	char why[512];
	size_t n = 0;

	why[0] = '\0';
	for (int i = 0; i < sys->nr_sources && n < sizeof(why); i++) {
		const struct pf_sys_source *s = &sys->sources[i];

		if (!s->err || (strcmp(s->path, "proc/zoneinfo") &&
				strcmp(s->path, "proc/meminfo")))
			continue;
		n += (size_t)snprintf(why + n, sizeof(why) - n, "%s%s: %s",
				      n ? ", " : " (", s->path, cli_source_words(s->err));
	}
	cli_err(c->com.json, c->root, "%s: nothing about memory could be read%s%s",
		c->root, why, n ? ")" : "");
}

static struct pf_system *read_system(struct status_ctx *c)
{
	struct pf_system *sys = calloc(1, sizeof(*sys));
	struct cli_diag d = { .json = c->com.json, .hold = true };

	if (!sys) {
		cli_err(c->com.json, c->root, "out of memory");
		return NULL;
	}
	if (pf_system_read(c->root, sys, cli_diag, &d)) {
		say_diags(&d, sys);
		nothing_read(c, sys);
		free(sys);
		return NULL;
	}
	say_diags(&d, sys);
	if (c->com.have_kernel && !pf_kver_known(&sys->kernel))
		sys->kernel = c->com.kernel;
	return sys;
}

/* The interval lines: what changed since the last read, per second. */
struct sample {
	struct pf_system *sys;
	struct pf_zone_status *st;
	double t;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *const short_names[PF_NR_COUNTERS] = {
	"cstall", "cfail", "csucc", "klow", "khigh", "astall", "scan_k",
	"scan_d", "steal_k", "steal_d", "kcompd", "kswapd",
};

/*
 * What the columns are, once before the first line: their names are short
 * enough to fit, too short to guess.
 */
static void line_legend(void)
{
	char text[1024];
	size_t n;

	n = (size_t)snprintf(text, sizeof(text),
			     "free_MiB: free memory of all zones; atomic0-3: GFP_ATOMIC "
			     "allocations of order 0-3 left before a zone fails its "
			     "watermark check; per second, from /proc/vmstat:");
	for (int i = 0; i < PF_NR_COUNTERS && n < sizeof(text); i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, " %s=%s%s",
				      short_names[i], pf_counter_names[i],
				      i + 1 < PF_NR_COUNTERS ? "," : "");
	cli_print_wrapped(stdout, 0, cli_c("\033[2m"), text);
	fputs(cli_c("\033[0m"), stdout);
}

static void line_header(void)
{
	printf("%10s %9s %7s %7s %7s %7s", "time", "free_MiB", "atomic0",
	       "atomic1", "atomic2", "atomic3");
	for (int i = 0; i < PF_NR_COUNTERS; i++)
		printf(" %7s", short_names[i]);
	putchar('\n');
}

static void sample_sums(const struct sample *s, double *free_mib, long *hr)
{
	*free_mib = 0;
	for (int o = 0; o < PF_HEADROOM_ORDERS; o++)
		hr[o] = 0;
	for (int i = 0; i < s->sys->nr_zones; i++) {
		const struct pf_zone *z = &s->sys->zones[i];

		if (z->free > 0)
			*free_mib += (double)z->free * z->page_kb / 1024;
		for (int o = 0; o < PF_HEADROOM_ORDERS; o++)
			if (s->st[i].headroom[o] > 0)
				hr[o] += s->st[i].headroom[o];
	}
}

static void print_line(const struct status_ctx *c, const struct sample *cur,
		       const struct sample *prev)
{
	double free_mib, dt = prev ? cur->t - prev->t : 0;
	long hr[PF_HEADROOM_ORDERS];
	double rates[PF_NR_COUNTERS];
	char tbuf[16];
	time_t t = time(NULL);
	struct tm tm;

	sample_sums(cur, &free_mib, hr);
	localtime_r(&t, &tm);
	strftime(tbuf, sizeof(tbuf), "%H:%M:%S", &tm);
	if (c->interval < 1) {
		struct timespec ts;

		/* several lines a second: tenths tell them apart */
		clock_gettime(CLOCK_REALTIME, &ts);
		snprintf(tbuf + 8, sizeof(tbuf) - 8, ".%d", (int)(ts.tv_nsec / 100000000) % 10);
	}
	for (int i = 0; i < PF_NR_COUNTERS; i++) {
		long long a = pf_system_counter(cur->sys, pf_counter_names[i]);
		long long p = prev ? pf_system_counter(prev->sys,
						      pf_counter_names[i]) : -1;

		rates[i] = a >= 0 && p >= 0 && dt > 0 ? (double)(a - p) / dt :
			   NAN;
	}
	print_status_line(tbuf, (long long)t, free_mib, hr, rates);
	fflush(stdout);
}

static bool sample_take(struct status_ctx *c, struct sample *s)
{
	free(s->sys);
	free(s->st);
	s->st = NULL;
	s->sys = read_system(c);
	if (!s->sys)
		return false;
	s->st = calloc((size_t)s->sys->nr_zones + 1, sizeof(*s->st));
	if (!s->st)
		return false;
	pf_system_status(s->sys, s->st);
	s->t = now();
	return true;
}

static int run_interval(struct status_ctx *c, double interval, long count)
{
	struct sample a = { 0 }, b = { 0 }, *cur = &a, *prev = NULL;
	int ret = 0;

	if (print_begin(stdout, c->com.json, c->com.pretty))
		return CLI_EXIT_ERROR;
	if (!c->com.json) {
		line_legend();
		line_header();
	}
	for (long i = 0; count <= 0 || i < count; i++) {
		if (i) {
			struct timespec ts = {
				.tv_sec = (time_t)interval,
				.tv_nsec = (long)((interval - (double)(time_t)interval) * 1e9),
			};

			nanosleep(&ts, NULL);
		}
		if (!sample_take(c, cur)) {
			ret = CLI_EXIT_ERROR;
			break;
		}
		print_line(c, cur, prev);
		prev = cur;
		cur = cur == &a ? &b : &a;
	}
	print_end();
	free(a.sys);
	free(a.st);
	free(b.sys);
	free(b.st);
	return ret;
}

/* "status -1": a negative INTERVAL, not an unknown option */
static int bad_option(int ch, int argc, char **argv)
{
	double interval;

	for (int i = 1; ch == '?' && (isdigit(optopt) || optopt == '.') &&
	     i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] == optopt) {
			cli_opt_seconds("INTERVAL", argv[i], CLI_MIN_INTERVAL,
					86400, &interval);
			return CLI_EXIT_USAGE;
		}
	}
	cli_opt_bad("status", ch, argv);
	return CLI_EXIT_USAGE;
}

int cmd_status(int argc, char **argv)
{
	static const struct cli_opts opts = {
		.cmd = "status", .usage = usage_status, .bad = bad_option,
		.common = CLI_COMMON_JSON | CLI_COMMON_KERNEL | CLI_COMMON_ROOT |
			  CLI_COMMON_COLOR,
	};
	struct status_ctx c = { .root = "/" };
	struct sample s = { 0 };
	struct cli_parser p;
	double interval = 0;
	long count = 0;

	cli_parser_init(&p, &opts);
	if (cli_getopt(&p, argc, argv, &c.com) == CLI_OPT_EXIT)
		return p.status;
	if (c.com.root)
		c.root = c.com.root;
	if (optind < argc) {
		/* a shorter interval is a busy loop over /proc, not a rate */
		if (cli_opt_seconds("INTERVAL", argv[optind], CLI_MIN_INTERVAL,
				    86400, &interval))
			return CLI_EXIT_USAGE;
		if (optind + 1 < argc &&
		    cli_opt_long("COUNT", argv[optind + 1], 1, LONG_MAX, &count))
			return CLI_EXIT_USAGE;
		if (optind + 2 < argc) {
			usage_status(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (cli_root_check(c.root, c.com.json))
		return CLI_EXIT_ERROR;
	if (interval) {
		c.interval = interval;
		return run_interval(&c, interval, count);
	}
	if (!sample_take(&c, &s)) {
		free(s.sys);
		return CLI_EXIT_ERROR;
	}
	if (!print_begin(stdout, c.com.json, c.com.pretty))
		print_status(s.sys, s.st);
	print_end();
	free(s.sys);
	free(s.st);
	return 0;
}
