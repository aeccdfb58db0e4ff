// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_export.c - pagefail export: this machine's (or --root's) metrics in
 * the Prometheus text format (metrics.c), on stdout, or with --textfile
 * DIR as DIR/pagefail.prom for node_exporter's textfile collector: written
 * to a temporary file in DIR that the collector ignores (its name does not
 * end in .prom), fsync()ed, made readable by all and renamed over the old
 * one, so a scrape never reads half a file.  Beside it, .pagefail.state
 * keeps the failure counts from one run to the next (export_state.c), so
 * that they only grow while the machine is up.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "metrics.h"

#define TEXTFILE "pagefail.prom"

/*
 * The failures in the kernel log: the live one, or under --root a saved
 * ROOT/dev/kmsg when there is one.  NULL when there is none to read;
 * *errors counts a log that is there and cannot be read.
 */
static bool read_failures(const struct cli_common *com, const char *root,
			  pf_report_fn count, void *data, unsigned int *errors)
{
	char path[PATH_MAX];
	char *paths[1] = { path };
	struct cli_collect c;
	struct stat st;

	cli_collect_init(&c, com, count, data);
	if (!strcmp(root, "/"))
		cli_collect(&c, 0, NULL);
	else if (snprintf(path, sizeof(path), "%s/dev/kmsg", root) <
			 (int)sizeof(path) &&
		 !stat(path, &st))
		cli_collect(&c, 1, paths);
	else
		return false;
	*errors += (unsigned int)c.errors;
	return !c.errors || c.nr_sources;
}

/*
 * The metrics in b to stdout, or to DIR/pagefail.prom with the counts
 * kept beside it: 0, or -errno after saying why.
 */
static int emit(const struct cli_buf *b, const char *textfile,
		struct cli_export_state *state, const struct cli_metrics_in *in)
{
	int err = 0;

	if (b->oom) {
		cli_err(false, "export", "out of memory");
		return -ENOMEM;
	}
	if (!textfile) {
		if (fwrite(cli_buf_str(b), 1, b->n, stdout) != b->n ||
		    fflush(stdout))
			err = -EIO;
		return err;
	}
	err = cli_replace_file(textfile, TEXTFILE, cli_buf_str(b), b->n);
	if (!err && state && in->failures == &state->kept) {
		struct cli_buf sb = { 0 };

		cli_export_state_text(state, &sb);
		err = sb.oom ? -ENOMEM
			     : cli_replace_file(textfile, CLI_EXPORT_STATE,
						cli_buf_str(&sb), sb.n);
		cli_buf_release(&sb);
	}
	if (err)
		cli_err(false, textfile, "%s: cannot write %s there: %s",
			textfile, TEXTFILE, strerror(-err));
	return err;
}

int cmd_export(int argc, char **argv)
{
	static const struct option own[] = {
		{ "textfile", required_argument, NULL, 't' },
		{ "no-log", no_argument, NULL, 'n' },
		{ 0 }
	};
	/* clang-format off */
	static const struct cli_opts opts = {
		.cmd = "export", .usage = usage_export, .longs = own,
		.common = CLI_COMMON_KERNEL | CLI_COMMON_ROOT,
	};
	/* clang-format on */
	struct cli_status c = { .root = "/" };
	struct cli_sample s = { 0 };
	struct cli_metrics_in in = { 0 };
	struct cli_export_state *state = NULL;
	const char *textfile = NULL;
	struct cli_buf b = { 0 };
	bool log = true;
	struct cli_parser p;
	double t0 = cli_now();
	int ch, err = 0;

	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &c.com)) >= 0) {
		if (ch == 't')
			textfile = optarg;
		else if (ch == 'n')
			log = false;
	}
	if (ch == CLI_OPT_EXIT)
		return p.status;
	if (cli_no_operands("export", argc, argv))
		return CLI_EXIT_USAGE;
	if (c.com.root)
		c.root = c.com.root;
	if (cli_root_check(c.root, false))
		return CLI_EXIT_ERROR;
	if (!cli_sample_take(&c, &s)) {
		free(s.sys);
		return CLI_EXIT_ERROR;
	}
	in.sys = s.sys;
	in.st = s.st;
	in.read_errors = cli_sample_errors(s.sys);
	state = log ? calloc(1, sizeof(*state)) : NULL;
	if (state) {
		/* counts that only grow, kept beside the textfile */
		if (textfile)
			cli_export_state_load(state, textfile, c.root);
		if (read_failures(&c.com, c.root, cli_export_state_add, state,
				  &in.read_errors))
			in.failures = textfile && state->usable ? &state->kept
								: &state->all;
	}
	in.seconds = cli_now() - t0;
	cli_metrics(&b, &in);
	err = emit(&b, textfile, state, &in);
	cli_buf_release(&b);
	free(state);
	free(s.sys);
	free(s.st);
	return err ? CLI_EXIT_ERROR : CLI_EXIT_NONE;
}
