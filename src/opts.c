// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * opts.c - option values several commands share, checked in one place:
 * numbers and seconds within their range, kernel versions, years, times,
 * and --root directories.  A bad value is one line naming the option and
 * what it takes; the caller returns CLI_EXIT_USAGE (CLI_EXIT_ERROR for a
 * root that is not there, which is not a usage error).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

int cli_opt_long(const char *opt, const char *arg, long min, long max, long *v)
{
	char *end;
	long x;

	errno = 0;
	x = strtol(arg, &end, 10);
	if (errno || end == arg || *end || x < min || x > max) {
		if (max == LONG_MAX)
			cli_err(false, NULL, "%s takes a number from %ld, not '%s'",
				opt, min, arg);
		else
			cli_err(false, NULL, "%s takes a number from %ld to %ld, not '%s'",
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
	if (errno || end == arg || *end || !isfinite(x) || !(x >= min) || x > max) {
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
	cli_err(false, NULL, "%s takes a kernel release as uname -r prints it "
		"(2.6.32-358.el6.x86_64, 5.14.0) or an era name (rhel5, rhel6.0 "
		"to rhel6.10, rhel7, rhel8, rhel9), not '%s'", opt, arg);
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
	cli_err(false, NULL, "%s takes a time ('YYYY-MM-DD[ HH:MM[:SS]]', '@EPOCH', "
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
		cli_err(false, NULL, "%s: %s needs a value (see 'pagefail help %s')",
			cmd, opt, cmd);
	else if (is_long && optopt && strchr(arg, '='))
		cli_err(false, NULL, "%s: %s takes no value (see 'pagefail help %s')",
			cmd, opt, cmd);
	else
		cli_err(false, NULL, "%s: unknown option '%s' (see 'pagefail help %s')",
			cmd, opt, cmd);
}
