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
#include <getopt.h>
#include <string.h>

#include "cli.h"

void usage_snapshot(FILE *f)
{
	fputs("usage: pagefail snapshot [--root DIR] [-f|--force] [-q|--quiet] DIR\n\n"
	      "Save every file 'pagefail status' reads, in the same layout, under\n"
	      "DIR, so that 'pagefail status --root DIR' (and explain, advise) read\n"
	      "it back on any machine.  Files that cannot be read (pagetypeinfo\n"
	      "without root, debugfs when it is not mounted) are named and skipped.\n"
	      "DIR must be new or empty.\n\n"
	      "      --root ROOT    save ROOT's files instead of this machine's\n"
	      "  -f, --force        replace an earlier snapshot in DIR (only when DIR\n"
	      "                     holds nothing else)\n"
	      "  -q, --quiet        print nothing but errors\n\n"
	      "exit status: 0 saved, 1 nothing could be saved, 2 usage\n",
	      f);
}

int cmd_snapshot(int argc, char **argv)
{
	enum { OPT_ROOT = 256 };
	static const struct option opts[] = {
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "force", no_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct cli_diag d = { .hold = true };
	const char *root = "/", *dir;
	bool quiet = false, force = false;
	int ch, n;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":fqh", opts, NULL)) != -1) {
		switch (ch) {
		case OPT_ROOT:
			root = optarg;
			break;
		case 'f':
			force = true;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			usage_snapshot(stdout);
			return 0;
		default:
			cli_opt_bad("snapshot", ch, argv);
			return CLI_EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		usage_snapshot(stderr);
		return CLI_EXIT_USAGE;
	}
	dir = argv[optind];
	if (cli_root_check(root, false))
		return CLI_EXIT_ERROR;
	/* held: when nothing at all can be read, one line says so */
	n = force ? pf_system_snapshot_replace(root, dir, cli_diag, &d) :
		    pf_system_snapshot(root, dir, cli_diag, &d);
	if (!n) {
		cli_diag_release(&d);
		cli_err(false, root, "%s: nothing to save: none of the files status "
			"reads could be read", root);
		return CLI_EXIT_ERROR;
	}
	cli_diag_flush(&d);
	if (n == -EEXIST) {
		cli_err(false, dir, "%s: holds a snapshot already (--force replaces it)",
			dir);
		return CLI_EXIT_ERROR;
	}
	if (n == -ENOTEMPTY) {
		cli_err(false, dir, "%s: not empty, and not a snapshot: give a new or "
			"empty directory", dir);
		return CLI_EXIT_ERROR;
	}
	if (n < 0) {
		cli_err(false, dir, "cannot write the snapshot to '%s': %s",
			dir, pf_strerror(n));
		return CLI_EXIT_ERROR;
	}
	if (!quiet)
		printf("saved %d file%s to %s; read it back with 'pagefail status "
		       "--root %s'\n", n, n == 1 ? "" : "s", dir, dir);
	return 0;
}
