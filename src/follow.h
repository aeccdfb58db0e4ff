/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * follow.h - a log read as it grows (follow.c): /dev/kmsg, the systemd
 * journal, or a plain file across rotation and truncation.
 */
#ifndef PAGEFAIL_FOLLOW_H
#define PAGEFAIL_FOLLOW_H

#include <sys/types.h>

#include "cli.h"

struct cli_follow {
	const char *path;
	struct pf_source *src; /* /dev/kmsg, the journal */
	int fd;		       /* a file; -1 while it is not there */
	dev_t dev;
	ino_t ino;
	unsigned long rotations, truncations;
	char buf[64 * 1024];
};

/*
 * Follow path (NULL or "/dev/kmsg": the kernel's log), from what is there
 * now (from_start) or from what comes next.  0, or -errno.
 */
int cli_follow_open(struct cli_follow *f, const char *path, bool from_start);
/*
 * Follow the journal's kernel messages: path NULL for this machine's, a
 * directory or a file; from what comes next, or (from_start) from the
 * start of this boot (of the journal, for a path), or after cursor when
 * it is not NULL.  0, or -errno.
 */
int cli_follow_open_journal(struct cli_follow *f, const char *path,
			    bool from_start, const char *cursor);
/* The next bytes (> 0), 0 when there are none yet, or -errno. */
ssize_t cli_follow_read(struct cli_follow *f, const char **buf);
void cli_follow_release(struct cli_follow *f);

#endif
