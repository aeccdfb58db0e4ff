// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_snapshot.c - pagefail snapshot DIR: save every file status reads
 * (/proc/zoneinfo, buddyinfo, pagetypeinfo, vmstat, meminfo, the vm
 * sysctls, the debugfs extfrag indices ...) in the same layout under DIR,
 * to attach to a bug report and read back with --root DIR.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

void usage_snapshot(FILE *f)
{
	fputs("usage: pagefail snapshot [--root DIR] [-q|--quiet] DIR\n\n"
	      "Save every file 'pagefail status' reads, in the same layout, under\n"
	      "DIR, so that 'pagefail status --root DIR' (and explain, advise) read\n"
	      "it back on any machine.  Files that cannot be read (pagetypeinfo\n"
	      "without root, debugfs when it is not mounted) are named and skipped.\n\n"
	      "      --root ROOT    save ROOT's files instead of this machine's\n"
	      "  -q, --quiet        print nothing but errors\n\n"
	      "exit status: 0 saved, 1 nothing could be saved, 2 usage\n",
	      f);
}

int cmd_snapshot(int argc, char **argv)
{
	enum { OPT_ROOT = 256 };
	static const struct option opts[] = {
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *root = "/";
	bool quiet = false;
	int ch, n;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (ch) {
		case OPT_ROOT:
			root = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			usage_snapshot(stdout);
			return 0;
		default:
			usage_snapshot(stderr);
			return PF_EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		usage_snapshot(stderr);
		return PF_EXIT_USAGE;
	}
	n = pf_system_snapshot(root, argv[optind], pf_diag_print, NULL);
	if (n < 0) {
		pf_err(false, argv[optind], "cannot write the snapshot to '%s': %s",
		       argv[optind], strerror(-n));
		return PF_EXIT_ERROR;
	}
	if (!n) {
		pf_err(false, root, "nothing could be read under '%s'", root);
		return PF_EXIT_ERROR;
	}
	if (!quiet)
		printf("saved %d file%s to %s; read it back with 'pagefail status "
		       "--root %s'\n", n, n == 1 ? "" : "s", argv[optind], argv[optind]);
	return 0;
}
