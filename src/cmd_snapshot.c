// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_snapshot.c - pagefail snapshot DIR: save every file status reads
 * (/proc/zoneinfo, buddyinfo, pagetypeinfo, vmstat, meminfo, the vm
 * sysctls, the debugfs extfrag indices ...) in the same layout under DIR,
 * to attach to a bug report and read back with --root DIR.  An earlier
 * snapshot in DIR is replaced only with --force: two machines in one
 * directory read back as neither.
 */
#include <errno.h>
#include <string.h>

#include "cli.h"

int cmd_snapshot(int argc, char **argv)
{
	static const struct option own[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ 0 }
	};
	/* clang-format off */
	static const struct cli_opts opts = {
		.cmd = "snapshot", .usage = usage_snapshot, .shorts = "fq",
		.longs = own, .common = CLI_COMMON_ROOT,
	};
	/* clang-format on */
	struct cli_diag d = { .hold = true };
	struct cli_common com = { .root = "/" };
	bool quiet = false, force = false;
	struct cli_parser p;
	const char *dir;
	int ch, n;

	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &com)) >= 0) {
		if (ch == 'f')
			force = true;
		else if (ch == 'q')
			quiet = true;
	}
	if (ch == CLI_OPT_EXIT)
		return p.status;
	if (optind + 1 != argc) {
		usage_snapshot(stderr);
		return CLI_EXIT_USAGE;
	}
	dir = argv[optind];
	if (cli_root_check(com.root, false))
		return CLI_EXIT_ERROR;
	/* held: when nothing at all can be read, one line says so */
	n = force ? pf_system_snapshot_replace(com.root, dir, cli_diag, &d)
		  : pf_system_snapshot(com.root, dir, cli_diag, &d);
	if (!n) {
		cli_diag_release(&d);
		cli_err(false, com.root,
			"%s: nothing to save: none of the files "
			"status reads could be read",
			com.root);
		return CLI_EXIT_ERROR;
	}
	cli_diag_flush(&d);
	if (n == -EEXIST) {
		cli_err(false, dir,
			"%s: holds a snapshot already (--force replaces it)",
			dir);
		return CLI_EXIT_ERROR;
	}
	if (n == -ENOTEMPTY) {
		cli_err(false, dir,
			"%s: not empty, and not a snapshot: give a new or "
			"empty directory",
			dir);
		return CLI_EXIT_ERROR;
	}
	if (n < 0) {
		cli_err(false, dir, "cannot write the snapshot to '%s': %s",
			dir, pf_strerror(n));
		return CLI_EXIT_ERROR;
	}
	if (!quiet)
		printf("saved %d file%s to %s; read it back with 'pagefail status "
		       "--root %s'\n",
		       n, n == 1 ? "" : "s", dir, dir);
	return 0;
}
