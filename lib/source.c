/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * source.c - log files as a stream of chunks: plain, gzip or xz (told by
 * magic bytes, never by name), or stdin.
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
#include "source.h"
#include "util.h"

/* Bytes of the longest magic number looked at (bzip2: "BZh1" + block magic). */
#define MAGIC_LEN 10

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
		if (got >= MAGIC_LEN)
			break;
	}
	return got;
}

static int detect(const unsigned char *p, size_t n)
{
	static const unsigned char xz[] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
	static const unsigned char bz2_block[] = { 0x31, 0x41, 0x59, 0x26,
						   0x53, 0x59 };
	static const unsigned char zstd[] = { 0x28, 0xb5, 0x2f, 0xfd };

	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return PF_SRC_GZIP;
	if (n >= sizeof(xz) && !memcmp(p, xz, sizeof(xz)))
		return PF_SRC_XZ;
	/* A text log may begin with "BZh"; the block magic makes it sure. */
	if (n >= 10 && !memcmp(p, "BZh", 3) && p[3] >= '1' && p[3] <= '9' &&
	    !memcmp(p + 4, bz2_block, sizeof(bz2_block)))
		return PF_SRC_UNSUPPORTED;
	if (n >= sizeof(zstd) && !memcmp(p, zstd, sizeof(zstd)))
		return PF_SRC_UNSUPPORTED;
	return PF_SRC_PLAIN;
}

/* Set up the decoder of src->kind; the first len bytes read are in src->buf. */
static int start_decoder(struct pf_source *src, size_t len)
{
	src->in = pf_source_buf_alloc(PF_SOURCE_IN_SIZE);
	if (!src->in)
		return -ENOMEM;
	/* The one copy a compressed source makes: buf becomes the output. */
	memcpy(src->in, src->buf, len);

	if (src->kind == PF_SRC_GZIP) {
		/* 16 + MAX_WBITS: gzip wrapper only, with its CRC checked. */
		if (inflateInit2(&src->zs, 16 + MAX_WBITS) != Z_OK)
			return -ENOMEM;
		src->zs_init = true;
		src->zs.next_in = src->in;
		src->zs.avail_in = len;
	} else {
		lzma_stream init = LZMA_STREAM_INIT;
		lzma_ret ret;

		src->xs = init;
		/* CONCATENATED: "cat a.xz b.xz" is one log, like xz -d does. */
		ret = lzma_stream_decoder(&src->xs, UINT64_MAX,
					  LZMA_CONCATENATED);
		if (ret != LZMA_OK)
			return ret == LZMA_MEM_ERROR ? -ENOMEM : -EINVAL;
		src->xs_init = true;
		src->xs.next_in = src->in;
		src->xs.avail_in = len;
	}
	return 0;
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
	src->kind = detect((unsigned char *)src->buf, n);
	switch (src->kind) {
	case PF_SRC_PLAIN:
		src->pending = n;
		break;
	case PF_SRC_GZIP:
	case PF_SRC_XZ:
		err = start_decoder(src, n);
		if (err)
			goto fail;
		break;
	default:
		pf_source_fail(src, -ENOTSUP,
			       "bzip2 or zstd compression is not supported");
		break;
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

/*
 * Keep the avail unread bytes at next and read more after them.  Returns
 * the number of unread bytes now at src->in, or -errno.
 */
static ssize_t refill(struct pf_source *src, const unsigned char *next,
		      size_t avail)
{
	ssize_t n;

	if (avail && next != src->in)
		memmove(src->in, next, avail);
	n = read_once(src->fd, src->in + avail, PF_SOURCE_IN_SIZE - avail);
	if (n < 0)
		return n;
	if (n == 0)
		src->in_eof = true;
	return avail + n;
}

/*
 * Between gzip members: another member, padding, or junk.  Returns 1 to
 * go on inflating, 0 at a clean end, or -errno.
 */
static int gz_next_member(struct pf_source *src)
{
	z_stream *zs = &src->zs;

	while (zs->avail_in < 2 && !src->in_eof) {
		ssize_t n = refill(src, zs->next_in, zs->avail_in);

		if (n < 0) {
			pf_source_fail(src, n, NULL);
			return n;
		}
		zs->next_in = src->in;
		zs->avail_in = n;
	}
	if (zs->avail_in == 0)
		return 0;
	if (zs->next_in[0] == 0x1f &&
	    (zs->avail_in == 1 || zs->next_in[1] == 0x8b))
		return 1;
	/* Tape or block padding after the last member is harmless (gzip -d). */
	if (zs->next_in[0] == 0)
		return 0;
	pf_source_fail(src, -EIO, "trailing garbage after gzip data");
	return -EIO;
}

static ssize_t gz_read(struct pf_source *src, const char **buf)
{
	z_stream *zs = &src->zs;
	size_t n;

	zs->next_out = (Bytef *)src->buf;
	zs->avail_out = src->buf_size;
	while (zs->avail_out) {
		int ret;

		if (zs->avail_in == 0 && !src->in_eof) {
			ssize_t r = refill(src, zs->next_in, 0);

			if (r < 0) {
				pf_source_fail(src, r, NULL);
				break;
			}
			zs->next_in = src->in;
			zs->avail_in = r;
		}
		if (!src->member_open) {
			ret = gz_next_member(src);
			if (ret < 0)
				break;
			if (ret == 0) {
				src->done = true;
				break;
			}
		}
		if (zs->avail_in == 0) {
			/* EOF inside a member: the file was cut. */
			pf_source_fail(src, -EIO, "truncated gzip stream");
			break;
		}
		src->member_open = true;
		ret = inflate(zs, Z_NO_FLUSH);
		if (ret == Z_STREAM_END) {
			/* Rotated logs joined by cat: go on with the next. */
			inflateReset(zs);
			src->member_open = false;
		} else if (ret == Z_MEM_ERROR) {
			pf_source_fail(src, -ENOMEM, NULL);
			break;
		} else if (ret == Z_BUF_ERROR) {
			/* No progress with input and room left cannot be. */
			if (zs->avail_in && zs->avail_out) {
				pf_source_fail(src, -EIO, "corrupt gzip data");
				break;
			}
		} else if (ret != Z_OK) {
			pf_source_fail(src, -EIO, "corrupt gzip data");
			break;
		}
	}
	n = src->buf_size - zs->avail_out;
	*buf = src->buf;
	if (n)
		return n;
	return src->err;
}

static ssize_t xz_read(struct pf_source *src, const char **buf)
{
	lzma_stream *xs = &src->xs;
	size_t n;

	xs->next_out = (uint8_t *)src->buf;
	xs->avail_out = src->buf_size;
	while (xs->avail_out) {
		lzma_ret ret;

		if (xs->avail_in == 0 && !src->in_eof) {
			ssize_t r = refill(src, xs->next_in, 0);

			if (r < 0) {
				pf_source_fail(src, r, NULL);
				break;
			}
			xs->next_in = src->in;
			xs->avail_in = r;
		}
		/* FINISH tells the concatenated decoder no stream follows. */
		ret = lzma_code(xs, src->in_eof ? LZMA_FINISH : LZMA_RUN);
		if (ret == LZMA_OK)
			continue;
		if (ret == LZMA_STREAM_END) {
			src->done = true;
			break;
		}
		switch (ret) {
		case LZMA_BUF_ERROR:
			pf_source_fail(src, -EIO, src->in_eof ?
				       "truncated xz stream" :
				       "corrupt xz data");
			break;
		case LZMA_MEM_ERROR:
		case LZMA_MEMLIMIT_ERROR:
			pf_source_fail(src, -ENOMEM, NULL);
			break;
		case LZMA_OPTIONS_ERROR:
			pf_source_fail(src, -EIO, "unsupported xz options");
			break;
		case LZMA_FORMAT_ERROR:
			pf_source_fail(src, -EIO, "not xz data");
			break;
		default:
			pf_source_fail(src, -EIO, "corrupt xz data");
			break;
		}
		break;
	}
	n = src->buf_size - xs->avail_out;
	*buf = src->buf;
	if (n)
		return n;
	return src->err;
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
		return gz_read(src, buf);
	case PF_SRC_XZ:
		return xz_read(src, buf);
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

/*
 * strerror() capitalises its words; messages read better as
 * "cannot read 'x': permission denied".  The errors sources meet:
 */
static const struct {
	int err;
	const char *msg;
} errwords[] = {
	{ ENOENT, "no such file or directory" },
	{ EACCES, "permission denied" },
	{ EPERM, "operation not permitted" },
	{ EISDIR, "is a directory" },
	{ ENOTDIR, "not a directory" },
	{ ENOMEM, "out of memory" },
	{ EIO, "input/output error" },
	{ ELOOP, "too many levels of symbolic links" },
	{ ENAMETOOLONG, "file name too long" },
	{ EMFILE, "too many open files" },
	{ ENFILE, "too many open files in system" },
	{ EINVAL, "invalid argument" },
	{ ENOTSUP, "not supported" },
	{ ENXIO, "no such device or address" },
	{ ENODEV, "no such device" },
	{ PF_ENOTREG, "not a regular file" },
	{ EFBIG, "file too large" },
	{ EAGAIN, "resource temporarily unavailable" },
	{ ENOSPC, "no space left on device" },
	{ EROFS, "read-only file system" },
};

const char *pf_source_strerror(const struct pf_source *src, int err)
{
	size_t i;

	if (err < 0)
		err = -err;
	if (src && src->errmsg && -src->err == err)
		return src->errmsg;
	for (i = 0; i < sizeof(errwords) / sizeof(errwords[0]); i++)
		if (errwords[i].err == err)
			return errwords[i].msg;
	return strerror(err);
}

void pf_source_free(struct pf_source *src)
{
	if (!src)
		return;
	if (src->zs_init)
		inflateEnd(&src->zs);
	if (src->xs_init)
		lzma_end(&src->xs);
	if (src->close_fd && src->fd >= 0)
		close(src->fd);
	free(src->in);
	free(src->buf);
	free(src->name);
	free(src);
}
