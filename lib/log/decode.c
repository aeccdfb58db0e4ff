/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * decode.c - compressed logs: gzip, xz, zstd and bzip2 (logrotate's
 * compresscmd), told by their magic bytes, decoded through one loop so
 * that the four behave the same way:
 *
 *  - concatenated members ("cat a.gz b.gz", xz streams, zstd frames,
 *    bzip2 streams) are one log, as gzip -d, xz -d, zstd -d and bzip2 -d
 *    take them; NUL padding between or after them (tape blocks, xz stream
 *    padding) is skipped;
 *  - a file cut short is "truncated FORMAT stream", damaged data "corrupt
 *    FORMAT data", something else after a member "trailing garbage after
 *    FORMAT data": one error, what was decoded before it kept;
 *  - the bomb rule (PF_SOURCE_BOMB_RATIO in source.h) bounds the output,
 *    and so the time, by the size of the input;
 *  - a decoder's memory is bounded (PF_SOURCE_DECODER_MEM).
 *
 * Each format has a start (a new member: set up or reset its decoder) and
 * a step (decode some of src->next into src->buf); the loop around them
 * reads input, finds the members, and tells a cut file from a damaged one
 * by whether a step made progress.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zstd_errors.h>

#include "libpagefail.h"
#include "log/stream.h"

/* A step's verdict besides -errno: go on, or the member ended. */
enum { STEP_OK = 0, STEP_END = 1 };

struct codec {
	const char *name; /* in messages: "gzip" ... */
	/* Does p (n bytes, at least PF_SOURCE_MAGIC_MAX unless at EOF) start a member? */
	bool (*is_member)(const unsigned char *p, size_t n);
	int (*start)(struct pf_source *src);
	int (*step)(struct pf_source *src, size_t *pos);
};

/* ---- errors ----------------------------------------------------------- */

/* The first error of src, with words naming the format: -errno. */
static int fail(struct pf_source *src, int err, const char *fmt,
		const char *name)
{
	if (!src->err) {
		snprintf(src->errbuf, sizeof(src->errbuf), fmt, name);
		pf_source_fail(src, err, src->errbuf);
	}
	return err;
}

/*
 * The end of a start: a decoder set up (ok) is one to end in the end
 * (*init); 0, or -ENOMEM.
 */
static int started(bool *init, bool ok)
{
	if (!ok)
		return -ENOMEM;
	*init = true;
	return 0;
}

/*
 * Before a decoder's call: its stream s (z_stream, lzma_stream and
 * bz_stream name these four fields alike, each with its own types) reads
 * src->next and writes src->buf from *pos.  The counts of zlib and bzip2
 * are 32-bit: src->avail is at most PF_SOURCE_IN_SIZE.
 */
#define STREAM_WINDOW(s, src, pos)                                             \
	do {                                                                   \
		(s)->next_in = (void *)(src)->next;                            \
		(s)->avail_in = (src)->avail;                                  \
		(s)->next_out = (void *)((src)->buf + *(pos));                 \
		(s)->avail_out = (src)->buf_size - *(pos);                     \
	} while (0)

/*
 * After a decoder's call: it left in_left bytes of src->next unread and
 * out_left bytes of src->buf unwritten.
 */
static void step_moved(struct pf_source *src, size_t *pos, size_t in_left,
		       size_t out_left)
{
	src->next += src->avail - in_left;
	src->avail = in_left;
	*pos = src->buf_size - out_left;
}

/*
 * A step's verdict from what its decoder said: the member ended, or it
 * went on (with no progress too: the loop tells why), or memory ran
 * short; anything else is damaged data.
 */
static int step_verdict(struct pf_source *src, const char *name, bool end,
			bool ok, bool nomem)
{
	if (end)
		return STEP_END;
	if (ok)
		return STEP_OK;
	if (nomem)
		return fail(src, -ENOMEM, "out of memory decoding %s", name);
	return fail(src, -EIO, "corrupt %s data", name);
}

/* ---- gzip (RFC 1952) ----------------------------------------------------- */

static bool gz_is_member(const unsigned char *p, size_t n)
{
	return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

static int gz_start(struct pf_source *src)
{
	if (src->zs_init)
		return inflateReset(&src->zs) == Z_OK ? 0 : -ENOMEM;
	/* 16 + MAX_WBITS: gzip wrapper only, with its CRC checked. */
	return started(&src->zs_init,
		       inflateInit2(&src->zs, 16 + MAX_WBITS) == Z_OK);
}

static int gz_step(struct pf_source *src, size_t *pos)
{
	z_stream *zs = &src->zs;
	int ret;

	STREAM_WINDOW(zs, src, pos);
	ret = inflate(zs, Z_NO_FLUSH);
	step_moved(src, pos, zs->avail_in, zs->avail_out);
	return step_verdict(src, "gzip", ret == Z_STREAM_END,
			    ret == Z_OK || ret == Z_BUF_ERROR,
			    ret == Z_MEM_ERROR);
}

/* ---- xz (the .xz file format 1.0.4) --------------------------------------- */

static bool xz_is_member(const unsigned char *p, size_t n)
{
	static const unsigned char magic[] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };

	return n >= sizeof(magic) && !memcmp(p, magic, sizeof(magic));
}

static int xz_start(struct pf_source *src)
{
	if (!src->xs_init) {
		lzma_stream init = LZMA_STREAM_INIT;

		src->xs = init;
	}
	/* one stream: the loop finds the next, like every format's member */
	return started(&src->xs_init,
		       lzma_stream_decoder(&src->xs, PF_SOURCE_DECODER_MEM,
					   0) == LZMA_OK);
}

static int xz_step(struct pf_source *src, size_t *pos)
{
	lzma_stream *xs = &src->xs;
	lzma_ret ret;

	STREAM_WINDOW(xs, src, pos);
	ret = lzma_code(xs, LZMA_RUN);
	step_moved(src, pos, xs->avail_in, xs->avail_out);
	if (ret == LZMA_MEMLIMIT_ERROR)
		return fail(src, -ENOMEM,
			    "%s data that needs more than 128 MiB "
			    "of memory to decode (a dictionary past xz -9's)",
			    "xz");
	if (ret == LZMA_OPTIONS_ERROR)
		return fail(src, -EIO, "unsupported %s options", "xz");
	return step_verdict(src, "xz", ret == LZMA_STREAM_END,
			    ret == LZMA_OK || ret == LZMA_BUF_ERROR,
			    ret == LZMA_MEM_ERROR);
}

/* ---- zstd (RFC 8878) ------------------------------------------------------- */

static bool zstd_is_member(const unsigned char *p, size_t n)
{
	static const unsigned char magic[] = { 0x28, 0xb5, 0x2f, 0xfd };

	if (n < 4)
		return false;
	/* skippable frames (pzstd writes them) are frames too */
	return !memcmp(p, magic, sizeof(magic)) ||
	       ((p[0] & 0xf0) == 0x50 && p[1] == 0x2a && p[2] == 0x4d &&
		p[3] == 0x18);
}

static int zstd_start(struct pf_source *src)
{
	if (src->zds)
		return ZSTD_isError(ZSTD_DCtx_reset(src->zds,
						    ZSTD_reset_session_only))
			       ? -ENOMEM
			       : 0;
	src->zds = ZSTD_createDStream();
	if (!src->zds)
		return -ENOMEM;
	/* 2^27: zstd's own default, PF_SOURCE_DECODER_MEM, said explicitly */
	if (ZSTD_isError(
		    ZSTD_DCtx_setParameter(src->zds, ZSTD_d_windowLogMax, 27)))
		return -ENOMEM;
	return 0;
}

static int zstd_step(struct pf_source *src, size_t *pos)
{
	ZSTD_inBuffer in = { src->next, src->avail, 0 };
	ZSTD_outBuffer out = { src->buf, src->buf_size, *pos };
	size_t ret = ZSTD_decompressStream(src->zds, &out, &in);
	ZSTD_ErrorCode code = ZSTD_getErrorCode(ret); /* 0: no error */

	step_moved(src, pos, src->avail - in.pos, src->buf_size - out.pos);
	if (code == ZSTD_error_frameParameter_windowTooLarge)
		return fail(src, -ENOMEM,
			    "%s data that needs more than 128 MiB "
			    "of memory to decode (zstd --long=28 or more)",
			    "zstd");
	/* 0: the frame is decoded and all of it handed out */
	return step_verdict(src, "zstd", !code && ret == 0, !code,
			    code == ZSTD_error_memory_allocation);
}

/* ---- bzip2 --------------------------------------------------------------- */

static bool bz_is_member(const unsigned char *p, size_t n)
{
	return n >= 4 && !memcmp(p, "BZh", 3) && p[3] >= '1' && p[3] <= '9';
}

static int bz_start(struct pf_source *src)
{
	/* bzlib has no reset: a new stream is a new decoder */
	if (src->bs_init)
		BZ2_bzDecompressEnd(&src->bs);
	src->bs_init = false;
	memset(&src->bs, 0, sizeof(src->bs));
	return started(&src->bs_init,
		       BZ2_bzDecompressInit(&src->bs, 0, 0) == BZ_OK);
}

static int bz_step(struct pf_source *src, size_t *pos)
{
	bz_stream *bs = &src->bs;
	int ret;

	STREAM_WINDOW(bs, src, pos);
	ret = BZ2_bzDecompress(bs);
	step_moved(src, pos, bs->avail_in, bs->avail_out);
	return step_verdict(src, "bzip2", ret == BZ_STREAM_END, ret == BZ_OK,
			    ret == BZ_MEM_ERROR);
}

/* ---- the loop -------------------------------------------------------------- */

static const struct codec codecs[] = {
	[PF_SRC_GZIP] = { "gzip", gz_is_member, gz_start, gz_step },
	[PF_SRC_XZ] = { "xz", xz_is_member, xz_start, xz_step },
	[PF_SRC_ZSTD] = { "zstd", zstd_is_member, zstd_start, zstd_step },
	[PF_SRC_BZIP2] = { "bzip2", bz_is_member, bz_start, bz_step },
};

int pf_decode_kind(const unsigned char *p, size_t n)
{
	/* A text log may begin with "BZh9"; bzip2's block magic makes it sure. */
	static const unsigned char bz2_block[] = { 0x31, 0x41, 0x59,
						   0x26, 0x53, 0x59 };

	if (gz_is_member(p, n))
		return PF_SRC_GZIP;
	if (xz_is_member(p, n))
		return PF_SRC_XZ;
	if (zstd_is_member(p, n))
		return PF_SRC_ZSTD;
	if (n >= 10 && bz_is_member(p, n) &&
	    !memcmp(p + 4, bz2_block, sizeof(bz2_block)))
		return PF_SRC_BZIP2;
	return PF_SRC_PLAIN;
}

/* Keep the unread input and read more after it.  0, or -errno. */
static int refill(struct pf_source *src)
{
	ssize_t n;

	if (src->avail && src->next != src->in)
		memmove(src->in, src->next, src->avail);
	src->next = src->in;
	do {
		n = read(src->fd, src->in + src->avail,
			 PF_SOURCE_IN_SIZE - src->avail);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		pf_source_fail(src, -errno, NULL);
		return src->err;
	}
	if (n == 0)
		src->in_eof = true;
	src->avail += (size_t)n;
	src->in_total += (unsigned long long)n;
	return 0;
}

/*
 * Between members: another one, NUL padding, or something else.  Returns
 * 1 to go on decoding, 0 at a clean end, or -errno.
 */
static int next_member(struct pf_source *src, const struct codec *c)
{
	for (;;) {
		while (src->avail && !*src->next) {
			src->next++;
			src->avail--;
		}
		if (src->avail >= PF_SOURCE_MAGIC_MAX || src->in_eof)
			break;
		if (refill(src))
			return src->err;
	}
	if (!src->avail) {
		src->done = true;
		return 0;
	}
	if (c->is_member(src->next, src->avail))
		return 1;
	return fail(src, -EIO, "trailing garbage after %s data", c->name);
}

static const struct pf_source_ops decode_ops;

int pf_decode_start(struct pf_source *src, size_t len)
{
	src->ops = &decode_ops;
	src->in = pf_source_buf_alloc(PF_SOURCE_IN_SIZE);
	if (!src->in)
		return -ENOMEM;
	/* The one copy a compressed source makes: buf becomes the output. */
	memcpy(src->in, src->buf, len);
	src->next = src->in;
	src->avail = len;
	src->in_total = len;
	src->in_eof = len == 0;
	return 0;
}

/*
 * The bomb rule (source.h): more than PF_SOURCE_BOMB_RATIO bytes out for
 * every byte of input decoded, once PF_SOURCE_BOMB_MIN came out.
 */
static void check_bomb(struct pf_source *src)
{
	unsigned long long used = src->in_total - src->avail;

	if (src->err || src->out_total < PF_SOURCE_BOMB_MIN ||
	    src->out_total / PF_SOURCE_BOMB_RATIO <= used)
		return;
	snprintf(src->errbuf, sizeof(src->errbuf),
		 "%llu MiB decoded from %llu KiB, more than %d times its size: "
		 "stopped there, as a decompression bomb",
		 src->out_total >> 20, (used + 1023) >> 10,
		 PF_SOURCE_BOMB_RATIO);
	pf_source_fail(src, -EFBIG, src->errbuf);
}

static ssize_t decode_read(struct pf_source *src, const char **buf)
{
	const struct codec *c = &codecs[src->kind];
	size_t pos = 0;

	while (pos < src->buf_size) {
		size_t before, avail;
		int r;

		if (!src->avail && !src->in_eof && refill(src))
			break;
		if (!src->member_open) {
			r = next_member(src, c);
			if (r <= 0)
				break;
			r = c->start(src);
			if (r) {
				fail(src, r, "out of memory decoding %s",
				     c->name);
				break;
			}
			src->member_open = true;
		}
		before = pos;
		avail = src->avail;
		r = c->step(src, &pos);
		if (r < 0)
			break;
		if (r == STEP_END) {
			src->member_open = false;
			continue;
		}
		if (pos != before || src->avail != avail)
			continue;
		/* no progress, with room for output: input ran out, or is bad */
		if (!src->avail && src->in_eof)
			fail(src, -EIO, "truncated %s stream", c->name);
		else if (src->avail)
			fail(src, -EIO, "corrupt %s data", c->name);
		else
			continue;
		break;
	}
	src->out_total += pos;
	check_bomb(src);
	*buf = src->buf;
	if (pos)
		return (ssize_t)pos;
	return src->err;
}

static void decode_release(struct pf_source *src)
{
	if (src->zs_init)
		inflateEnd(&src->zs);
	if (src->xs_init)
		lzma_end(&src->xs);
	if (src->zds)
		ZSTD_freeDStream(src->zds);
	if (src->bs_init)
		BZ2_bzDecompressEnd(&src->bs);
}

static const struct pf_source_ops decode_ops = {
	.read = decode_read,
	.release = decode_release,
};
