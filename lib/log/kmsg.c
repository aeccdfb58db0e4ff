/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmsg.c - the running kernel's log buffer as a source: /dev/kmsg read
 * without blocking, or syslog(2) when /dev/kmsg cannot be opened.
 *
 * Each /dev/kmsg read() returns one record, "prio,seq,usec,flags;text\n",
 * followed by dictionary lines (" SUBSYSTEM=...") that start with a space.
 * Only the first line is kept: the line parser knows the "4,1234,5678,-;"
 * prefix, and dictionaries carry nothing a report needs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "libpagefail.h"
#include "log/stream.h"
#include "util/util.h"

/* the three kinds of kernel log source, defined after their read() */
static const struct pf_source_ops kmsg_dev_ops, kmsg_file_ops, syslog_ops;
/* From linux/printk.h (not exported to user space headers). */
#define SYSLOG_ACTION_READ_ALL	  3
#define SYSLOG_ACTION_SIZE_BUFFER 10

#define KMSG_LIVE "/dev/kmsg"

static int open_syslog(struct pf_source **srcp)
{
	struct pf_source *src;
	int size, n;

	size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	if (size < 0)
		return -errno;
	if (size == 0)
		size = 1;
	src = pf_source_alloc("syslog(2)");
	if (!src)
		return -ENOMEM;
	src->kind = PF_SRC_SYSLOG;
	src->ops = &syslog_ops;
	/* The kernel's buffer size bounds this, not the log's history. */
	src->buf_size = size;
	src->buf = malloc(size);
	if (!src->buf) {
		pf_source_free(src);
		return -ENOMEM;
	}
	n = klogctl(SYSLOG_ACTION_READ_ALL, src->buf, size);
	if (n < 0) {
		n = -errno;
		pf_source_free(src);
		return n;
	}
	src->pending = n;
	*srcp = src;
	return 0;
}

bool pf_kmsg_is_dev(const struct stat *st)
{
	/* drivers/char/mem.c: devlist[] minor 11 of the mem major */
	return S_ISCHR(st->st_mode) && major(st->st_rdev) == 1 &&
	       minor(st->st_rdev) == 11;
}

int pf_kmsg_open_path(struct pf_source **srcp, const char *path)
{
	struct pf_source *src;
	struct stat st;
	int fd;

	*srcp = NULL;
	/* a file of records (tests, saved copies), or the device itself */
	fd = pf_open_regular(path, &st);
	if (fd == -PF_ENOTREG && pf_kmsg_is_dev(&st)) {
		/* O_NONBLOCK: EAGAIN at the newest record instead of waiting. */
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		if (fstat(fd, &st) < 0 || !pf_kmsg_is_dev(&st)) {
			close(fd);
			return -PF_ENOTREG;
		}
	}
	if (fd < 0)
		return fd;
	src = pf_source_alloc(path);
	if (!src) {
		close(fd);
		return -ENOMEM;
	}
	src->fd = fd;
	src->close_fd = true;
	src->kind = S_ISREG(st.st_mode) ? PF_SRC_KMSG_FILE : PF_SRC_KMSG;
	src->ops = src->kind == PF_SRC_KMSG ? &kmsg_dev_ops : &kmsg_file_ops;
	src->buf_size = PF_SOURCE_CHUNK_MAX;
	src->buf = pf_source_buf_alloc(src->buf_size);
	if (src->kind == PF_SRC_KMSG_FILE)
		src->in = pf_source_buf_alloc(PF_SOURCE_IN_SIZE);
	if (!src->buf || (src->kind == PF_SRC_KMSG_FILE && !src->in)) {
		pf_source_free(src);
		return -ENOMEM;
	}
	*srcp = src;
	return 0;
}

int pf_source_open_kmsg(struct pf_source **srcp, const char *root)
{
	bool live = !root || !*root || !strcmp(root, "/");
	char *path;
	size_t len;
	int err;

	*srcp = NULL;
	if (live) {
		path = strdup(KMSG_LIVE);
	} else {
		len = strlen(root);
		while (len > 1 && root[len - 1] == '/')
			len--;
		path = malloc(len + sizeof(KMSG_LIVE));
		if (path) {
			memcpy(path, root, len);
			memcpy(path + len, KMSG_LIVE, sizeof(KMSG_LIVE));
		}
	}
	if (!path)
		return -ENOMEM;
	err = pf_kmsg_open_path(srcp, path);
	free(path);
	/*
	 * Containers lack /dev/kmsg, or bind something else there (LXC: the
	 * console), dmesg_restrict refuses it; the syslog(2) text may still
	 * be allowed.  When it is not either, the /dev/kmsg error is the one
	 * worth telling.
	 */
	if (err && live &&
	    (err == -EACCES || err == -EPERM || err == -ENOENT ||
	     err == -PF_ENOTREG) &&
	    open_syslog(srcp) == 0)
		return 0;
	return err;
}

/*
 * The device: one record per read(), read straight into the chunk and cut
 * after its first line, so many records go out per call without a copy.
 */
static ssize_t kmsg_dev_read(struct pf_source *src, const char **buf)
{
	size_t len = 0;

	while (src->buf_size - len >= PF_KMSG_RECORD_MAX) {
		char *rec = src->buf + len;
		ssize_t n = read(src->fd, rec, src->buf_size - len);
		char *nl;

		if (n < 0) {
			/* EPIPE: records were overwritten under us; go on. */
			if (errno == EINTR || errno == EPIPE)
				continue;
			if (errno == EAGAIN)
				src->done = true;
			else
				pf_source_fail(src, -errno, NULL);
			break;
		}
		if (n == 0) {
			src->done = true;
			break;
		}
		nl = memchr(rec, '\n', n);
		if (nl) {
			len += nl - rec + 1;
		} else {
			/* Kernels end every record with one; be safe anyway. */
			if ((size_t)n < src->buf_size - len)
				rec[n++] = '\n';
			len += n;
		}
	}
	*buf = src->buf;
	if (len)
		return len;
	return src->err;
}

/*
 * A regular file of records (tests, saved copies): many lines per read(),
 * a dictionary line may straddle two reads, so the state lives in src.
 */
static ssize_t kmsg_file_read(struct pf_source *src, const char **buf)
{
	size_t len = 0;

	*buf = src->buf;
	while (!len) {
		ssize_t n;
		size_t pos = 0;

		do {
			n = read(src->fd, src->in, PF_SOURCE_IN_SIZE);
		} while (n < 0 && errno == EINTR);
		if (n < 0) {
			pf_source_fail(src, -errno, NULL);
			return src->err;
		}
		if (n == 0) {
			src->done = true;
			return 0;
		}
		/* buf is larger than in, so one read always fits. */
		while (pos < (size_t)n) {
			const unsigned char *p = src->in + pos;
			const unsigned char *nl;
			size_t end;

			if (src->bol)
				src->skip = *p == ' ';
			nl = memchr(p, '\n', n - pos);
			end = nl ? (size_t)(nl - src->in) + 1 : (size_t)n;
			if (!src->skip) {
				memcpy(src->buf + len, p, end - pos);
				len += end - pos;
			}
			src->bol = nl != NULL;
			pos = end;
		}
	}
	return len;
}

/* syslog(2) text was read whole at open; hand it out in bounded chunks. */
static ssize_t syslog_read(struct pf_source *src, const char **buf)
{
	size_t n = src->pending - src->pos;

	if (n > PF_SOURCE_CHUNK_MAX)
		n = PF_SOURCE_CHUNK_MAX;
	*buf = src->buf + src->pos;
	src->pos += n;
	if (!n)
		src->done = true;
	return n;
}

static const struct pf_source_ops kmsg_dev_ops = { .read = kmsg_dev_read };
static const struct pf_source_ops kmsg_file_ops = { .read = kmsg_file_read };
static const struct pf_source_ops syslog_ops = { .read = syslog_read };
