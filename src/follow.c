// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * follow.c - a log read as it grows, for watch: /dev/kmsg or the systemd
 * journal (the library's sources, read on with pf_source_more()), or a
 * plain file as tail -F reads one: from its end (or its start), on when it
 * grows, from the start of the new file when the path is renamed away and
 * made again (rotation), from the start again when it gets shorter than
 * what was read (truncation).  A file that is not there yet is waited for.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "follow.h"

static bool is_kmsg(const char *path)
{
	return !path || !strcmp(path, "/dev/kmsg");
}

/* Open path as a file, at its end unless from_start: 0 or -errno. */
static int open_file(struct cli_follow *f, bool from_start)
{
	struct stat st;
	int fd = open(f->path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st)) {
		int err = -errno;

		close(fd);
		return err;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return -PF_ENOTREG;
	}
	if (!from_start && lseek(fd, 0, SEEK_END) < 0) {
		close(fd);
		return -errno;
	}
	f->fd = fd;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	return 0;
}

int cli_follow_open(struct cli_follow *f, const char *path, bool from_start)
{
	const char *buf;
	ssize_t n;
	int err;

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	f->path = path ? path : "/dev/kmsg";
	if (!is_kmsg(path))
		return open_file(f, from_start);
	err = pf_source_open_kmsg(&f->src, NULL);
	if (err)
		return err;
	/* what the ring buffer holds already: read past it, or keep it */
	while (!from_start && (n = pf_source_read(f->src, &buf)) > 0)
		;
	pf_source_more(f->src);
	return 0;
}

int cli_follow_open_journal(struct cli_follow *f, const char *path,
			    bool from_start, const char *cursor)
{
	unsigned int flags = PF_JOURNAL_FOLLOW;

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	f->path = path ? path : "journal";
	if (!from_start)
		flags |= PF_JOURNAL_TAIL;
	else if (!path)
		flags |= PF_JOURNAL_THIS_BOOT;
	return pf_source_open_journal(&f->src, path, flags, cursor);
}

/* Has the path become another file (rotation), or shrunk (truncation)? */
static int reopen_if_moved(struct cli_follow *f)
{
	struct stat now, mine;
	off_t at;

	if (stat(f->path, &now))
		return 0; /* gone for now: wait for it */
	if (now.st_dev != f->dev || now.st_ino != f->ino) {
		/* the old one was read to its end: the new one from its start */
		close(f->fd);
		f->fd = -1;
		f->rotations++;
		return open_file(f, true) ? 0 : 1;
	}
	at = lseek(f->fd, 0, SEEK_CUR);
	if (fstat(f->fd, &mine) == 0 && at > mine.st_size) {
		lseek(f->fd, 0, SEEK_SET);
		f->truncations++;
		return 1;
	}
	return 0;
}

ssize_t cli_follow_read(struct cli_follow *f, const char **buf)
{
	ssize_t n;

	if (f->src) {
		n = pf_source_read(f->src, buf);
		if (n == 0)
			pf_source_more(f->src);
		return n;
	}
	if (f->fd < 0) {
		/* waiting for the file to be there */
		if (open_file(f, true))
			return 0;
	}
	for (int tries = 0; tries < 2; tries++) {
		n = read(f->fd, f->buf, sizeof(f->buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n != 0)
			break;
		if (!reopen_if_moved(f))
			return 0;
	}
	if (n < 0)
		return -errno;
	*buf = f->buf;
	return n;
}

void cli_follow_release(struct cli_follow *f)
{
	if (f->src)
		pf_source_free(f->src);
	if (f->fd >= 0)
		close(f->fd);
	f->src = NULL;
	f->fd = -1;
}
