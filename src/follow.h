/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * follow.h - a log read as it grows (follow.c): /dev/kmsg, or a plain file
 * across rotation and truncation.
 */
#ifndef PAGEFAIL_FOLLOW_H
#define PAGEFAIL_FOLLOW_H

#include <sys/types.h>

#include "cli.h"

struct cli_follow {
	const char *path;
	struct pf_source *src; /* /dev/kmsg */
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
/* The next bytes (> 0), 0 when there are none yet, or -errno. */
ssize_t cli_follow_read(struct cli_follow *f, const char **buf);
void cli_follow_release(struct cli_follow *f);

#endif
