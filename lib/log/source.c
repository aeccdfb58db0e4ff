/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * source.c - log files as a stream of chunks: plain, or gzip, xz, zstd or
 * bzip2 (told by magic bytes, never by name; decoded by decode.c), stdin,
 * or the kernel log device (kmsg.c).
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

#include "pagefail.h"
#include "log/source.h"
#include "util/util.h"

struct pf_source *pf_source_alloc(const char *name)
{
	struct pf_source *src = calloc(1, sizeof(*src));

	if (!src)
		return NULL;
	src->fd = -1;
	src->bol = true;
	src->name = strdup(name);
	if (!src->name) {
		free(src);
		return NULL;
	}
	return src;
}

void *pf_source_buf_alloc(size_t size)
{
	void *p;

	/*
	 * Page aligned: the kernel copies into a buffer that is not aligned
	 * to the page cache four times slower (measured with 1 MiB reads:
	 * 0.6 s instead of 0.14 s per GiB), and malloc() returns 16 bytes
	 * past a page for large blocks.
	 */
	if (posix_memalign(&p, 4096, size))
		return NULL;
	return p;
}

void pf_source_fail(struct pf_source *src, int err, const char *msg)
{
	if (src->err)
		return;
	src->err = err;
	src->errmsg = msg;
}

/* read() that restarts after signals; -errno on failure. */
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
	switch (src->kind) {
	case PF_SRC_PLAIN:
		return plain_read(src, buf);
	case PF_SRC_GZIP:
	case PF_SRC_XZ:
	case PF_SRC_ZSTD:
	case PF_SRC_BZIP2:
		return pf_decode_read(src, buf);
	case PF_SRC_KMSG:
	case PF_SRC_KMSG_FILE:
	case PF_SRC_SYSLOG:
		return pf_kmsg_read(src, buf);
	default:
		return -EINVAL;
	}
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

void pf_source_free(struct pf_source *src)
{
	if (!src)
		return;
	pf_decode_end(src);
	if (src->close_fd && src->fd >= 0)
		close(src->fd);
	free(src->in);
	free(src->buf);
	free(src->name);
	free(src);
}
