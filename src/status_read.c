// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * status_read.c - what status reads: the machine under a root (live, a
 * snapshot, a sosreport) and the status of its zones, and what is said of
 * the files that could not be read: a file that is not there is named in
 * the output; one that is there and wrong is an error on stderr.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "words.h"

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
				  is_path_of(d->kept[k].source,
					     sys->sources[i].path);
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
static void nothing_read(const struct cli_status *c,
			 const struct pf_system *sys)
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
				      n ? ", " : " (", s->path,
				      cli_source_words(s->err));
	}
	cli_err(c->com.json, c->root,
		"%s: nothing about memory could be read%s%s", c->root, why,
		n ? ")" : "");
}

static struct pf_system *read_system(const struct cli_status *c)
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

bool cli_sample_take(const struct cli_status *c, struct cli_sample *s)
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
	s->t = cli_now();
	return true;
}

unsigned int cli_sample_errors(const struct pf_system *sys)
{
	unsigned int n = 0;

	for (int i = 0; i < sys->nr_sources; i++) {
		const struct pf_sys_source *src = &sys->sources[i];
		bool everyone = !strcmp(src->path, "proc/zoneinfo") ||
				!strcmp(src->path, "proc/buddyinfo") ||
				!strcmp(src->path, "proc/meminfo");

		if (src->err &&
		    (everyone || !only_missing(src->path, src->err)))
			n++;
	}
	return n;
}
