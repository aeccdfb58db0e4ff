// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * collect.c - the reports of every SOURCE on a command line (files,
 * compressed files, directories, "-", or the running kernel's log when
 * there is none; with --journal, journal directories or files, or this
 * machine's journal when there is none), handed one by one to a
 * subcommand's callback.  scan, explain and advise read their input
 * through it.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "print.h"

/*
 * The warnings about a source's content are held until the source ends: a
 * compressed file damaged inside decodes to garbage before its decoder
 * says so (bzip2 checks a block's CRC at its end), and then the one line
 * that says the file is damaged is what is true; the warnings are dropped.
 */
#define HELD_MAX 16

struct collect_held {
	char *msg[HELD_MAX];
	int n;
	bool spilt; /* too many to hold: said as they come */
};

/* Say the held warnings, or only forget them when the source was damaged. */
static void release_held(struct cli_collect *c, const char *name, bool say)
{
	struct collect_held *h = c->held;

	for (int i = 0; i < h->n; i++) {
		if (say)
			cli_err(c->json, name, "%s", h->msg[i]);
		free(h->msg[i]);
	}
	h->n = 0;
}

static void on_diag(const char *source, unsigned long line, const char *msg,
		    void *data)
{
	struct cli_collect *c = data;
	struct collect_held *h = c->held;
	char buf[1024];

	/* a warning: the rest of the source is still read */
	snprintf(buf, sizeof(buf), "%s:%lu: %s", source, line, msg);
	if (h && !h->spilt && h->n < HELD_MAX && (h->msg[h->n] = strdup(buf))) {
		h->n++;
		return;
	}
	if (h && !h->spilt) {
		release_held(c, source, true);
		h->spilt = true;
	}
	cli_err(c->json, source, "%s", buf);
}

static int on_report(const struct pf_report *r, void *data)
{
	struct cli_collect *c = data;
	int err;

	cli_progress_report(&c->progress);
	err = c->report(r, c->data);

	if (err)
		c->stop = true;
	return err;
}

static int collect_one(struct cli_collect *c, struct pf_source *src)
{
	struct pf_scan_opts o = {
		.kernel = c->have_kernel ? &c->kernel : NULL,
		.year = c->year,
		.report = on_report,
		.diag = on_diag,
		.data = c,
	};
	const char *name = pf_source_name(src);
	struct pf_scanner *sc = pf_scanner_new(name, &o);
	struct collect_held held = { .n = 0 };
	const char *buf;
	ssize_t n;
	int err = 0;

	if (!sc) {
		cli_err(c->json, name, "'%s': out of memory", name);
		c->stop = true;
		return -ENOMEM;
	}
	c->nr_sources++;
	c->held = &held;
	while ((n = pf_source_read(src, &buf)) > 0) {
		cli_progress_bytes(&c->progress, name, (size_t)n);
		err = pf_scanner_feed(sc, buf, (size_t)n);
		if (err)
			break;
	}
	if (!err)
		err = pf_scanner_finish(sc);
	release_held(c, name, n >= 0);
	c->held = NULL;
	if (n < 0) {
		/* keep what was read before the damage */
		cli_err(c->json, name, "cannot read all of '%s': %s", name,
			pf_source_strerror(src, (int)n));
		c->errors++;
	}
	if (err == -EILSEQ) {
		cli_err(c->json, name, "'%s': binary data, not a log: skipped",
			name);
		c->errors++;
		err = 0;
	}
	pf_scanner_free(sc);
	return err;
}

/* A source that cannot be opened: one line, and the others go on. */
static void open_error(struct cli_collect *c, const char *path, int err)
{
	if (err == -PF_ENOTREG)
		/* a FIFO, a device: its reads may block or never end */
		cli_err(c->json, path,
			"cannot read '%s': not a regular file "
			"(to read a FIFO or a device anyway, pipe it to '-')",
			path);
	else
		cli_err(c->json, path, "cannot read '%s': %s", path,
			pf_source_strerror(NULL, err));
	c->errors++;
}

/* A file of a directory walk: never a directory again, so no recursion. */
static int collect_file(const char *path, void *data)
{
	struct cli_collect *c = data;
	struct pf_source *src;
	int err = pf_source_open(&src, path);

	if (err) {
		open_error(c, path, err);
		return 0;
	}
	collect_one(c, src);
	pf_source_free(src);
	return c->stop ? -ECANCELED : 0;
}

/* A SOURCE of the command line: a file, or a directory to walk. */
static void collect_path(struct cli_collect *c, const char *path)
{
	struct pf_source *src;
	int err = pf_source_open(&src, path);

	if (err == -EISDIR) {
		err = pf_logdir_walk(path, collect_file, c);
		if (err && err != -ECANCELED)
			open_error(c, path, err);
		return;
	}
	if (err) {
		open_error(c, path, err);
		return;
	}
	collect_one(c, src);
	pf_source_free(src);
}

/* --journal: a journal directory or file, or this machine's (NULL). */
static void collect_journal(struct cli_collect *c, const char *path)
{
	const char *name = path ? path : "journal";
	struct pf_source *src;
	int err = pf_source_open_journal(&src, path, 0, NULL);

	if (err) {
		cli_err(c->json, name, "cannot read the journal%s%s: %s",
			path ? " in " : "", path ? path : "",
			pf_source_strerror(NULL, err));
		c->errors++;
		return;
	}
	collect_one(c, src);
	pf_source_free(src);
}

void cli_collect(struct cli_collect *c, int nr, char **paths)
{
	if (c->journal) {
		if (!nr)
			collect_journal(c, NULL);
		for (int i = 0; i < nr && !c->stop; i++)
			collect_journal(c, paths[i]);
		return;
	}
	if (!nr) {
		struct pf_source *src;
		int err = pf_source_open_kmsg(&src, NULL);

		if (err) {
			cli_err(c->json, "/dev/kmsg",
				"cannot read '/dev/kmsg': %s%s",
				pf_source_strerror(NULL, err),
				err == -EACCES || err == -EPERM
					? " (try as root, or kernel.dmesg_restrict=0)"
					: "");
			c->errors++;
		} else {
			collect_one(c, src);
			pf_source_free(src);
		}
	}
	for (int i = 0; i < nr && !c->stop; i++)
		collect_path(c, paths[i]);
	cli_progress_clear();
}

void cli_collect_init(struct cli_collect *c, const struct cli_common *com,
		      pf_report_fn report, void *data)
{
	memset(c, 0, sizeof(*c));
	c->json = com->json;
	c->kernel = com->kernel;
	c->have_kernel = com->have_kernel;
	c->year = com->year;
	c->journal = com->journal;
	c->report = report;
	c->data = data;
	/* off until a command asks for it */
	c->progress.cmd = "";
}

void cli_collect_progress(struct cli_collect *c, const char *cmd, bool quiet)
{
	cli_progress_init(&c->progress, cmd, quiet);
}

void cli_collect_none(const struct cli_collect *c)
{
	print_fp("no page allocation failure report found in %lu source%s\n",
		 c->nr_sources, c->nr_sources == 1 ? "" : "s");
}

/* A SOURCE directory that is a machine's tree (sosreport, snapshot). */
bool cli_is_system_tree(const char *dir)
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
