// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * replace.c - a file replaced whole or not at all: written to a temporary
 * file beside it, fsync()ed, renamed over it, and the rename made durable
 * with an fsync() of the directory.  A reader (node_exporter's textfile
 * collector, watch reading its cursor after a crash) sees the old file or
 * the new one, never half of one.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* write(2) all of it: 0, or -errno */
static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * The temporary file's name starts with a dot: the textfile collector
 * reads only *.prom, and ls hides it.
 */
int cli_replace_file(const char *dir, const char *name, const char *text,
		     size_t n)
{
	char tmp[PATH_MAX], dst[PATH_MAX];
	int fd, dfd, err;

	if (snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, name) >=
		    (int)sizeof(tmp) ||
	    snprintf(dst, sizeof(dst), "%s/%s", dir, name) >= (int)sizeof(dst))
		return -ENAMETOOLONG;
	fd = mkstemp(tmp);
	if (fd < 0)
		return -errno;
	/* the collector runs as another user: mkstemp() made it 0600 */
	err = fchmod(fd, 0644) ? -errno : write_all(fd, text, n);
	if (!err && fsync(fd))
		err = -errno;
	if (close(fd) && !err)
		err = -errno;
	if (!err && rename(tmp, dst))
		err = -errno;
	if (err) {
		unlink(tmp);
		return err;
	}
	/* the rename itself, on disk */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}
