/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * source.c - log files as a stream of chunks: opening a path (or stdin) as
 * the kind its bytes announce, plain or gzip, xz, zstd or bzip2 (told by
 * magic bytes, never by name; decoded by decode.c), or the kernel log
 * device (kmsg.c); reading and freeing through the kind's ops.
 *
 * Memory is a fixed pair of buffers whatever the size of the input, and a
 * plain file is handed out straight from the read() buffer: scanning a
 * 1 GiB log must cost no more than reading it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libpagefail.h"
#include "log/stream.h"
#include "util/util.h"

static ssize_t read_once(int fd, void *buf, size_t len)
{
	ssize_t n;

	do {
		n = read(fd, buf, len);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

/*
 * Read until len bytes or EOF: a pipe may hand out fewer bytes than the
 * magic numbers need.
 */
static ssize_t read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read_once(fd, (char *)buf + got, len - got);

		if (n < 0)
			return n;
		if (n == 0)
			break;
		got += n;
		/* Enough to tell the format; do not wait on a slow pipe. */
		if (got >= PF_SOURCE_MAGIC_MAX)
			break;
	}
	return got;
}

static const struct pf_source_ops plain_ops;

int pf_source_open(struct pf_source **srcp, const char *path)
{
	struct pf_source *src;
	struct stat st;
	bool is_stdin = !strcmp(path, "-");
	ssize_t n;
	int err, fd;

	*srcp = NULL;
	if (is_stdin) {
		/* the user's own pipe, terminal or file: whatever it is */
		fd = STDIN_FILENO;
		if (fstat(fd, &st) < 0)
			return -errno;
		/* open() succeeds on a directory; the CLI walks those itself. */
		if (S_ISDIR(st.st_mode))
			return -EISDIR;
	} else {
		/*
		 * A named path must be a regular file: a FIFO without a
		 * writer blocks, /dev/zero never ends.  The kernel log device
		 * named as such is read as the kernel log.
		 */
		fd = pf_open_regular(path, &st);
		if (fd == -PF_ENOTREG && pf_kmsg_is_dev(&st))
			return pf_kmsg_open_path(srcp, path);
		if (fd < 0)
			return fd;
	}
	src = pf_source_alloc(is_stdin ? "<stdin>" : path);
	if (!src) {
		if (!is_stdin)
			close(fd);
		return -ENOMEM;
	}
	src->fd = fd;
	src->close_fd = !is_stdin;
	if (S_ISREG(st.st_mode))
		posix_fadvise(src->fd, 0, 0, POSIX_FADV_SEQUENTIAL);

	src->buf_size = PF_SOURCE_CHUNK_MAX;
	src->buf = pf_source_buf_alloc(src->buf_size);
	if (!src->buf) {
		err = -ENOMEM;
		goto fail;
	}
	/*
	 * Read the start into buf: a plain file hands it out as its first
	 * chunk, a compressed one moves it to the input buffer, which is why
	 * no more than PF_SOURCE_IN_SIZE is read here.
	 */
	n = read_full(src->fd, src->buf, PF_SOURCE_IN_SIZE);
	if (n < 0) {
		err = n;
		goto fail;
	}
	src->kind = pf_decode_kind((unsigned char *)src->buf, n);
	if (src->kind == PF_SRC_PLAIN) {
		src->ops = &plain_ops;
		src->pending = n;
	} else {
		err = pf_decode_start(src, n);
		if (err)
			goto fail;
	}
	*srcp = src;
	return 0;
fail:
	pf_source_free(src);
	return err;
}

static ssize_t plain_read(struct pf_source *src, const char **buf)
{
	ssize_t n;

	if (src->pending) {
		n = src->pending;
		src->pending = 0;
		*buf = src->buf;
		return n;
	}
	n = read_once(src->fd, src->buf, src->buf_size);
	if (n < 0) {
		pf_source_fail(src, n, NULL);
		return n;
	}
	if (n == 0)
		src->done = true;
	*buf = src->buf;
	return n;
}

static const struct pf_source_ops plain_ops = { .read = plain_read };

ssize_t pf_source_read(struct pf_source *src, const char **buf)
{
	*buf = NULL;
	if (!src)
		return -EINVAL;
	/* Data decoded before an error was handed out by the previous call. */
	if (src->err)
		return src->err;
	if (src->done)
		return 0;
	if (!src->ops)
		return -EINVAL;
	return src->ops->read(src, buf);
}

bool pf_source_more(struct pf_source *src)
{
	/*
	 * only the device and the journal grow: a file's end, or a stream's,
	 * is its end
	 */
	if (!src || src->err ||
	    (src->kind != PF_SRC_KMSG && src->kind != PF_SRC_JOURNAL))
		return false;
	if (src->kind == PF_SRC_JOURNAL)
		pf_journal_more(src);
	src->done = false;
	return true;
}

const char *pf_source_name(const struct pf_source *src)
{
	return src ? src->name : "";
}

/* The source's own words for its last error, else pf_strerror()'s. */
const char *pf_source_strerror(const struct pf_source *src, int err)
{
	if (err < 0)
		err = -err;
	if (src && src->errmsg && -src->err == err)
		return src->errmsg;
	return pf_strerror(err);
}
