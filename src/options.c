// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * options.c - the command line options: the common ones (-j/--json,
 * -p/--pretty, --kernel, --year, --root, --no-color and NO_COLOR) declared
 * once in one table and parsed once into a struct cli_common, each
 * command's getopt_long() table built from that table and its own
 * options; and the option values several commands share, checked in one
 * place: numbers and seconds within their range, kernel versions, years,
 * times, --root directories.  A bad value is one line naming the option
 * and what it takes; the caller returns CLI_EXIT_USAGE (CLI_EXIT_ERROR for
 * a root that is not there, which is not a usage error).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/*
 * The common options, each with the CLI_COMMON_* bit a command takes it
 * by; --help (no bit) every command takes.  -p implies -j, so both go by
 * CLI_COMMON_JSON.
 */
static const struct {
	unsigned int bit;
	struct option opt;
} common_opts[] = {
	{ CLI_COMMON_JSON, { "json", no_argument, NULL, 'j' } },
	{ CLI_COMMON_JSON, { "pretty", no_argument, NULL, 'p' } },
	{ CLI_COMMON_KERNEL,
	  { "kernel", required_argument, NULL, CLI_OPT_KERNEL } },
	{ CLI_COMMON_YEAR, { "year", required_argument, NULL, CLI_OPT_YEAR } },
	{ CLI_COMMON_ROOT, { "root", required_argument, NULL, CLI_OPT_ROOT } },
	{ CLI_COMMON_COLOR,
	  { "no-color", no_argument, NULL, CLI_OPT_NOCOLOR } },
	{ CLI_COMMON_JOURNAL,
	  { "journal", no_argument, NULL, CLI_OPT_JOURNAL } },
	{ 0, { "help", no_argument, NULL, 'h' } },
};

/* The CLI_COMMON_* bit of a common option's getopt value, or 0. */
static unsigned int common_bit(int ch)
{
	for (size_t i = 0; i < ARRAY_SIZE(common_opts); i++)
		if (common_opts[i].opt.val == ch)
			return common_opts[i].bit;
	return 0;
}

void cli_color_init(void)
{
	const char *nc = getenv("NO_COLOR");

	/* no-color.org: any non-empty value */
	cli_color = isatty(STDOUT_FILENO) && !(nc && nc[0]);
}

void cli_parser_init(struct cli_parser *p, const struct cli_opts *o)
{
	size_t n = 0, k = 0;

	memset(p, 0, sizeof(*p));
	p->o = o;
	/*
	 * ':' first: getopt_long() says nothing and returns ':' for a
	 * missing value, so that cli_opt_bad() says it in one line
	 */
	if (!o->getopt_says)
		p->shorts[k++] = ':';
	if (o->common & CLI_COMMON_JSON) {
		p->shorts[k++] = 'j';
		p->shorts[k++] = 'p';
	}
	k += (size_t)snprintf(p->shorts + k, sizeof(p->shorts) - k - 1, "%s",
			      o->shorts ? o->shorts : "");
	p->shorts[k++] = 'h';
	p->shorts[k] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(common_opts); i++)
		if (!common_opts[i].bit || (o->common & common_opts[i].bit))
			p->table[n++] = common_opts[i].opt;
	for (size_t i = 0; o->longs && o->longs[i].name; i++)
		if (n + 1 < ARRAY_SIZE(p->table))
			p->table[n++] = o->longs[i];
	/* the rest of the table is zero: its end */
	optind = 1;
	opterr = o->getopt_says;
}

int cli_common_opt(struct cli_common *com, int ch, const char *arg)
{
	switch (ch) {
	case 'j':
	case 'p':
		com->json = true; /* -p implies -j */
		com->pretty |= ch == 'p';
		return 0;
	case CLI_OPT_KERNEL:
		if (cli_opt_kernel("--kernel", arg, &com->kernel))
			return -1;
		com->have_kernel = true;
		return 0;
	case CLI_OPT_YEAR:
		return cli_opt_year("--year", arg, &com->year);
	case CLI_OPT_ROOT:
		com->root = arg;
		return 0;
	case CLI_OPT_NOCOLOR:
		cli_color = false;
		return 0;
	case CLI_OPT_JOURNAL:
		com->journal = true;
		return 0;
	default:
		return 1;
	}
}

int cli_getopt(struct cli_parser *p, int argc, char **argv,
	       struct cli_common *com)
{
	const struct cli_opts *o = p->o;
	int ch;

	/* the shells' completions ask (complete.c) */
	if (optind == 1 && argc > 1 && cli_complete_asked(argv[1])) {
		p->status = cli_complete(p, argv[1]);
		return CLI_OPT_EXIT;
	}
	for (;;) {
		int err;

		ch = getopt_long(argc, argv, p->shorts, p->table, NULL);
		if (ch == -1)
			return -1;

		if (ch == 'h') {
			o->usage(stdout);
			p->status = 0;
			return CLI_OPT_EXIT;
		}
		if (ch == '?' || ch == ':') {
			if (o->bad) {
				p->status = o->bad(ch, argc, argv);
			} else {
				cli_opt_bad(o->cmd, ch, argv);
				p->status = CLI_EXIT_USAGE;
			}
			return CLI_OPT_EXIT;
		}
		if (o->pass & common_bit(ch))
			return ch; /* the command does it itself */
		err = cli_common_opt(com, ch, optarg);
		if (err > 0)
			return ch; /* the command's own */
		if (err < 0) {
			p->status = CLI_EXIT_USAGE;
			return CLI_OPT_EXIT;
		}
	}
}

int cli_opt_long(const char *opt, const char *arg, long min, long max, long *v)
{
	char *end;
	long x;

	errno = 0;
	x = strtol(arg, &end, 10);
	if (errno || end == arg || *end || x < min || x > max) {
		if (max == LONG_MAX)
			cli_err(false, NULL,
				"%s takes a number from %ld, not '%s'", opt,
				min, arg);
		else
			cli_err(false, NULL,
				"%s takes a number from %ld to %ld, not '%s'",
				opt, min, max, arg);
		return -1;
	}
	*v = x;
	return 0;
}

int cli_opt_seconds(const char *opt, const char *arg, double min, double max,
		    double *v)
{
	char *end;
	double x;

	errno = 0;
	x = strtod(arg, &end);
	/* !(x >= min) is also true of NaN */
	if (errno || end == arg || *end || !isfinite(x) || !(x >= min) ||
	    x > max) {
		cli_err(false, NULL, "%s takes seconds from %g to %g, not '%s'",
			opt, min, max, arg);
		return -1;
	}
	*v = x;
	return 0;
}

int cli_opt_kernel(const char *opt, const char *arg, struct pf_kver *kv)
{
	if (!pf_kver_parse(arg, kv))
		return 0;
	cli_err(false, NULL,
		"%s takes a kernel release as uname -r prints it "
		"(2.6.32-358.el6.x86_64, 5.14.0) or an era name (rhel5, rhel6.0 "
		"to rhel6.10, rhel6.4-vendor to rhel6.10-vendor, rhel7, rhel8, "
		"rhel9), not '%s'",
		opt, arg);
	return -1;
}

int cli_opt_year(const char *opt, const char *arg, int *year)
{
	long y;

	if (cli_opt_long(opt, arg, 1970, 9999, &y))
		return -1;
	*year = (int)y;
	return 0;
}

int cli_opt_when(const char *opt, const char *arg, int64_t *epoch)
{
	if (!cli_parse_when(arg, epoch))
		return 0;
	cli_err(false, NULL,
		"%s takes a time ('YYYY-MM-DD[ HH:MM[:SS]]', '@EPOCH', "
		"'-2h', '-30min', '-7d', 'now', 'today', 'yesterday'), not '%s'",
		opt, arg);
	return -1;
}

int cli_root_check(const char *root, bool json)
{
	struct stat st;

	if (stat(root, &st)) {
		cli_err(json, root, "%s: %s", root, pf_strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		cli_err(json, root, "%s: %s", root, pf_strerror(ENOTDIR));
		return -1;
	}
	return 0;
}

void cli_opt_bad(const char *cmd, int ch, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	bool is_long = !strncmp(arg, "--", 2);
	char opt[64];

	/*
	 * After a long option (or a short one that ends its word) optind is
	 * past it; in the middle of "-jx" it is not, and optopt is the letter.
	 */
	if (is_long && (ch == ':' || !optopt || strchr(arg, '=')))
		snprintf(opt, sizeof(opt), "%.*s", (int)strcspn(arg, "="), arg);
	else
		snprintf(opt, sizeof(opt), "-%c", optopt);
	if (ch == ':')
		cli_err(false, NULL,
			"%s: %s needs a value (see 'pagefail help %s')", cmd,
			opt, cmd);
	else if (is_long && optopt && strchr(arg, '='))
		cli_err(false, NULL,
			"%s: %s takes no value (see 'pagefail help %s')", cmd,
			opt, cmd);
	else
		cli_err(false, NULL,
			"%s: unknown option '%s' (see 'pagefail help %s')", cmd,
			opt, cmd);
}

int cli_no_operands(const char *cmd, int argc, char **argv)
{
	if (optind >= argc)
		return 0;
	cli_err(false, NULL,
		"%s takes no arguments, not '%s' (see 'pagefail help %s')", cmd,
		argv[optind], cmd);
	return -1;
}
