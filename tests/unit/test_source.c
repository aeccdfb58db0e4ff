/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_source.c - unit tests of the input sources: plain, gzip, xz, zstd
 * and bzip2 files (compressed at run time, never committed; damaged, cut,
 * concatenated, bombs), stdin, what is not a regular file, /dev/kmsg under
 * a test root and named, and the log directory walk over a fake sosreport.
 */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "libpagefail.h"
#include "log/stream.h"

#include "tmpdir.h"

/* ---- helpers ---------------------------------------------------------- */

/* tmpdir + "/" + rel */
static const char *tpath(const char *rel)
{
	return path_in(tmpdir, rel);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void append_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "ab");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void mkdirs(const char *rel)
{
	char buf[PATH_MAX];
	char *p;

	snprintf(buf, sizeof(buf), "%s/%s", tmpdir, rel);
	for (p = buf + strlen(tmpdir) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(buf, 0755);
		*p = '/';
	}
	mkdir(buf, 0755);
}

/* Log-like text of about len bytes, the same every run. */
static char *gen_text(size_t len, size_t *out_len)
{
	char *p = malloc(len + 128);
	size_t n = 0;
	unsigned long i = 0, x = 12345;

	assert_non_null(p);
	while (n < len) {
		/* Some noise so that compression stays realistic. */
		x = x * 1103515245 + 12345;
		n += sprintf(
			p + n,
			"[%8lu.%06lu] swapper/%lu: page allocation failure: order:%lu, mode:0x%lx\n",
			i / 1000, (i * 7919) % 1000000, (x >> 16) % 64,
			(x >> 8) % 11, (x >> 4) & 0xfffff);
		i++;
	}
	*out_len = n;
	return p;
}

/* Read src to its end: the bytes, the final return, the largest chunk. */
static ssize_t read_all(struct pf_source *src, char **out, size_t *out_len,
			size_t *max_chunk)
{
	size_t cap = 1 << 16, len = 0, max = 0;
	char *p = malloc(cap);
	const char *buf;
	ssize_t n;

	assert_non_null(p);
	while ((n = pf_source_read(src, &buf)) > 0) {
		if ((size_t)n > max)
			max = n;
		while (len + n > cap) {
			cap *= 2;
			p = realloc(p, cap);
			assert_non_null(p);
		}
		memcpy(p + len, buf, n);
		len += n;
	}
	*out = p;
	*out_len = len;
	if (max_chunk)
		*max_chunk = max;
	return n;
}

static void gz_write(const char *path, const char *mode, const void *data,
		     size_t len)
{
	gzFile gz = gzopen(path, mode);

	assert_non_null(gz);
	if (len)
		assert_int_equal(gzwrite(gz, data, len), (int)len);
	assert_int_equal(gzclose(gz), Z_OK);
}

/* Open path, read it whole, expect exactly want. */
static void expect_file(const char *path, const char *want, size_t want_len)
{
	struct pf_source *src;
	size_t len, max;
	char *got;

	assert_int_equal(pf_source_open(&src, path), 0);
	assert_non_null(src);
	assert_int_equal(read_all(src, &got, &len, &max), 0);
	assert_true(max <= PF_SOURCE_CHUNK_MAX);
	assert_int_equal(len, want_len);
	assert_memory_equal(got, want, want_len);
	/* The end stays the end. */
	{
		const char *buf;

		assert_int_equal(pf_source_read(src, &buf), 0);
	}
	free(got);
	pf_source_free(src);
}

/*
 * Open a damaged file: some data, then -EIO with words containing words.
 * Returns how much data came out.
 */
static size_t expect_damaged(const char *path, const char *words)
{
	struct pf_source *src;
	size_t len;
	char *got;
	ssize_t rc;

	assert_int_equal(pf_source_open(&src, path), 0);
	rc = read_all(src, &got, &len, NULL);
	assert_int_equal(rc, -EIO);
	assert_non_null(strstr(pf_source_strerror(src, rc), words));
	/* The error sticks. */
	{
		const char *buf;

		assert_int_equal(pf_source_read(src, &buf), -EIO);
	}
	free(got);
	pf_source_free(src);
	return len;
}

static void truncate_file(const char *path, size_t len)
{
	assert_int_equal(truncate(path, len), 0);
}

static off_t file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_size;
}

/* ---- plain, stdin ------------------------------------------------------ */

static const char small_log[] =
	"Mar 18 14:39:17 host kernel: swapper/0: page allocation failure: order:1, mode:0x20\n"
	"Mar 18 14:39:17 host kernel: Pid: 0, comm: swapper Not tainted\n"
	"no newline at the end";

static void test_plain(void **state)
{
	struct pf_source *src;
	const char *path = tpath("plain.log");

	write_file(path, small_log, sizeof(small_log) - 1);
	expect_file(path, small_log, sizeof(small_log) - 1);

	assert_int_equal(pf_source_open(&src, path), 0);
	assert_string_equal(pf_source_name(src), path);
	pf_source_free(src);
}

static void test_empty(void **state)
{
	const char *path = tpath("empty.log");

	write_file(path, "", 0);
	expect_file(path, "", 0);
	/* Shorter than every magic number. */
	write_file(path, "\x1f", 1);
	expect_file(path, "\x1f", 1);
}

static void test_plain_named_gz(void **state)
{
	const char *path = tpath("messages-20240101.gz");

	write_file(path, small_log, sizeof(small_log) - 1);
	expect_file(path, small_log, sizeof(small_log) - 1);
}

static void test_stdin(void **state)
{
	const char *path = tpath("stdin.log.gz");
	struct pf_source *src;
	int saved, fd;
	size_t len;
	char *got;

	gz_write(path, "wb", small_log, sizeof(small_log) - 1);
	saved = dup(STDIN_FILENO);
	fd = open(path, O_RDONLY);
	assert_true(saved >= 0 && fd >= 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);

	assert_int_equal(pf_source_open(&src, "-"), 0);
	assert_string_equal(pf_source_name(src), "<stdin>");
	assert_int_equal(read_all(src, &got, &len, NULL), 0);
	pf_source_free(src);
	/* stdin is the caller's: still open after free. */
	assert_true(fcntl(STDIN_FILENO, F_GETFD) >= 0);

	dup2(saved, STDIN_FILENO);
	close(saved);
	assert_int_equal(len, sizeof(small_log) - 1);
	assert_memory_equal(got, small_log, len);
	free(got);
}

/* ---- gzip through zlib's own writer ------------------------------------- */

static void test_gzip(void **state)
{
	const char *path = tpath("log.gz");
	size_t len;
	char *text = gen_text(3 << 20, &len);

	gz_write(path, "wb", text, len);
	expect_file(path, text, len);
	free(text);
}

/* ---- the four formats the same way ------------------------------------------ */

enum fmt { F_GZIP, F_XZ, F_ZSTD, F_BZIP2, F_NR };
static const char *const fmt_name[F_NR] = { "gzip", "xz", "zstd", "bzip2" };
static const char *const fmt_ext[F_NR] = { "gz", "xz", "zst", "bz2" };

/* data compressed as one member of fmt, in a malloc'd buffer */
static unsigned char *compress_mem(enum fmt f, const void *data, size_t len,
				   size_t *out_len)
{
	size_t cap = len + len / 2 + 65536;
	unsigned char *out = malloc(cap);

	assert_non_null(out);
	switch (f) {
	case F_GZIP: {
		z_stream zs = { 0 };

		assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED,
					      16 + MAX_WBITS, 9,
					      Z_DEFAULT_STRATEGY),
				 Z_OK);
		zs.next_in = (Bytef *)data;
		zs.avail_in = len;
		zs.next_out = out;
		zs.avail_out = cap;
		assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
		*out_len = zs.total_out;
		deflateEnd(&zs);
		break;
	}
	case F_XZ: {
		size_t pos = 0;

		assert_int_equal(lzma_easy_buffer_encode(1, LZMA_CHECK_CRC64,
							 NULL, data, len, out,
							 &pos, cap),
				 LZMA_OK);
		*out_len = pos;
		break;
	}
	case F_ZSTD:
		*out_len = ZSTD_compress(out, cap, data, len, 3);
		assert_false(ZSTD_isError(*out_len));
		break;
	case F_BZIP2: {
		unsigned int n = cap;

		assert_int_equal(BZ2_bzBuffToBuffCompress((char *)out, &n,
							  (char *)data, len, 1,
							  0, 0),
				 BZ_OK);
		*out_len = n;
		break;
	}
	default:
		fail();
	}
	return out;
}

/* path holds data compressed as fmt, appended when append. */
static void fmt_write(enum fmt f, const char *path, bool append,
		      const void *data, size_t len)
{
	size_t zlen;
	unsigned char *z = compress_mem(f, data, len, &zlen);

	if (append)
		append_file(path, z, zlen);
	else
		write_file(path, z, zlen);
	free(z);
}

/* "log.zst" ... in tmpdir */
static const char *fmt_path(enum fmt f, const char *stem)
{
	char rel[64];

	snprintf(rel, sizeof(rel), "%s.%s", stem, fmt_ext[f]);
	return tpath(rel);
}

/* A log of each format, and what cat makes of several: the log, whole. */
static void test_formats_concatenated(void **state)
{
	size_t len;
	char *text = gen_text(3 << 20, &len);

	for (int f = 0; f < F_NR; f++) {
		const char *path = fmt_path(f, "log");
		size_t a = len / 3, b = 2 * len / 3;

		print_message("  %s\n", fmt_name[f]);
		fmt_write(f, path, false, text, len);
		expect_file(path, text, len);
		/* cat of three rotated files, an empty one among them */
		fmt_write(f, path, false, text, a);
		fmt_write(f, path, true, "", 0);
		fmt_write(f, path, true, text + a, b - a);
		fmt_write(f, path, true, text + b, len - b);
		expect_file(path, text, len);
		/* NUL padding between and after them (tape, xz padding) */
		fmt_write(f, path, false, text, a);
		append_file(path, "\0\0\0\0", 4);
		fmt_write(f, path, true, text + a, len - a);
		append_file(path, "\0\0\0\0\0\0\0\0", 8);
		expect_file(path, text, len);
	}
	/* zstd's skippable frames (pzstd writes one before each frame) */
	{
		static const unsigned char skip[] = { 0x50, 0x2a, 0x4d, 0x18,
						      4,    0,	  0,	0,
						      1,    2,	  3,	4 };
		const char *path = fmt_path(F_ZSTD, "skip");

		write_file(path, skip, sizeof(skip));
		fmt_write(F_ZSTD, path, true, text, len);
		append_file(path, skip, sizeof(skip));
		expect_file(path, text, len);
	}
	free(text);
}

/* Cut short: what came before, then "truncated FORMAT stream". */
static void test_formats_truncated(void **state)
{
	size_t len;
	char *text = gen_text(2 << 20, &len);

	for (int f = 0; f < F_NR; f++) {
		const char *path = fmt_path(f, "cut");
		struct pf_source *src;
		char words[64], *out;
		size_t n;

		print_message("  %s\n", fmt_name[f]);
		fmt_write(f, path, false, text, len);
		truncate_file(path, file_size(path) / 2);
		snprintf(words, sizeof(words), "truncated %s stream",
			 fmt_name[f]);
		n = expect_damaged(path, words);
		/* bzip2 decodes whole 900 kB blocks: half a file holds one */
		assert_true(n > 0 && n < len);
		assert_int_equal(pf_source_open(&src, path), 0);
		assert_int_equal(read_all(src, &out, &n, NULL), -EIO);
		assert_memory_equal(out, text, n);
		free(out);
		pf_source_free(src);
		/* cut inside the first header: nothing comes out */
		truncate_file(path, 12);
		assert_int_equal(expect_damaged(path, words), 0);
		/* cut in the second of two members */
		fmt_write(f, path, false, text, len / 2);
		n = file_size(path);
		fmt_write(f, path, true, text + len / 2, len - len / 2);
		truncate_file(path, n + 20);
		assert_true(expect_damaged(path, words) >= len / 2);
	}
	free(text);
}

/* A damaged byte: "corrupt FORMAT data"; junk after: "trailing garbage". */
static void test_formats_corrupt(void **state)
{
	size_t len;
	char *text = gen_text(500000, &len);

	for (int f = 0; f < F_NR; f++) {
		const char *path = fmt_path(f, "bad");
		char words[64];
		size_t zlen;
		unsigned char *z = compress_mem(f, text, len, &zlen);

		print_message("  %s\n", fmt_name[f]);
		z[zlen / 2] ^= 0x55;
		z[zlen / 2 + 1] ^= 0xaa;
		write_file(path, z, zlen);
		snprintf(words, sizeof(words), "corrupt %s data", fmt_name[f]);
		expect_damaged(path, words);
		free(z);

		fmt_write(f, path, false, text, len);
		append_file(path, "junk after it\n", 14);
		snprintf(words, sizeof(words), "trailing garbage after %s data",
			 fmt_name[f]);
		assert_int_equal(expect_damaged(path, words), len);
	}
	free(text);
}

/*
 * A decompression bomb of each format: 18 MiB of one byte in a few KiB
 * (9 members of 2 MiB: cheap to make).  It stops once PF_SOURCE_BOMB_MIN
 * came out, with an error that says why, what came out before kept;
 * before, all of it was decoded (and a real bomb took hours).
 */
static void test_formats_bomb(void **state)
{
	size_t len = 2 << 20, total = 9 * len;
	char *zeros = calloc(1, total);

	assert_non_null(zeros);
	for (int f = 0; f < F_NR; f++) {
		const char *path = fmt_path(f, "bomb");
		struct pf_source *src;
		size_t n;
		char *out;
		ssize_t rc;

		print_message("  %s\n", fmt_name[f]);
		for (int i = 0; i < 9; i++)
			fmt_write(f, path, i > 0, zeros, len);
		assert_true(file_size(path) <
			    (off_t)(total / PF_SOURCE_BOMB_RATIO));
		assert_int_equal(pf_source_open(&src, path), 0);
		rc = read_all(src, &out, &n, NULL);
		assert_int_equal(rc, -EFBIG);
		assert_non_null(strstr(pf_source_strerror(src, rc),
				       "decompression bomb"));
		assert_true(n >= PF_SOURCE_BOMB_MIN &&
			    n <= PF_SOURCE_BOMB_MIN + PF_SOURCE_CHUNK_MAX);
		assert_memory_equal(out, zeros, n);
		free(out);
		pf_source_free(src);
	}
	free(zeros);
}

/*
 * A real log compresses far less: a flood of one message, only its time
 * stamps changing, past PF_SOURCE_BOMB_MIN, in zstd (the format that packs
 * it best, some 50 times) is read whole.
 */
static void test_flood_no_bomb(void **state)
{
	const char *path = tpath("flood.zst");
	size_t cap = PF_SOURCE_BOMB_MIN + (2 << 20), len = 0, zlen;
	char *text = malloc(cap + 128);
	unsigned char *z;

	assert_non_null(text);
	for (unsigned long i = 0; len < cap; i++)
		len += sprintf(
			text + len,
			"Mar 18 14:%02lu:%02lu host kernel: [%lu.%06lu] "
			"TCP: out of memory -- consider tuning tcp_mem\n",
			i / 6000 % 60, i / 100 % 60, i / 100, i * 37 % 1000000);
	z = compress_mem(F_ZSTD, text, len, &zlen);
	assert_true(zlen < len / 20);
	write_file(path, z, zlen);
	expect_file(path, text, len);
	free(z);
	free(text);
}

/* A text log that begins like a bzip2 file is still a text log. */
static void test_bzh_text(void **state)
{
	static const char text[] = "BZh9 is what this line begins with\n";
	const char *path = tpath("bzh.log");

	write_file(path, text, sizeof(text) - 1);
	expect_file(path, text, sizeof(text) - 1);
}

/* ---- open errors ---------------------------------------------------------- */

static void test_open_errors(void **state)
{
	struct pf_source *src = (void *)1;
	const char *path = tpath("secret.log");
	int rc;

	assert_int_equal(pf_source_open(&src, tpath("missing.log")), -ENOENT);
	assert_null(src);
	assert_string_equal(pf_source_strerror(NULL, -ENOENT),
			    "no such file or directory");

	assert_int_equal(pf_source_open(&src, tmpdir), -EISDIR);
	assert_null(src);

	write_file(path, small_log, sizeof(small_log) - 1);
	assert_int_equal(chmod(path, 0), 0);
	rc = pf_source_open(&src, path);
	if (geteuid() != 0) {
		assert_int_equal(rc, -EACCES);
		assert_null(src);
		assert_string_equal(pf_source_strerror(NULL, rc),
				    "permission denied");
	} else {
		/* root reads it anyway */
		assert_int_equal(rc, 0);
		pf_source_free(src);
	}
	pf_source_free(NULL);
}

/* ---- what is not a regular file -------------------------------------------- */

/*
 * A FIFO without a writer, /dev/zero, a link to it, a symlink loop: each
 * refused at once with its own error.  Before, the FIFO's open() blocked
 * and /dev/zero never ended: alarm() makes such a test fail, not hang.
 */
static void test_not_regular(void **state)
{
	struct pf_source *src = (void *)1;

	alarm(10);
	assert_int_equal(mkfifo(tpath("fifo.log"), 0644), 0);
	assert_int_equal(pf_source_open(&src, tpath("fifo.log")), -PF_ENOTREG);
	assert_null(src);
	assert_string_equal(pf_source_strerror(NULL, -PF_ENOTREG),
			    "not a regular file");

	assert_int_equal(pf_source_open(&src, "/dev/zero"), -PF_ENOTREG);
	assert_int_equal(symlink("/dev/zero", tpath("zero.log")), 0);
	assert_int_equal(pf_source_open(&src, tpath("zero.log")), -PF_ENOTREG);
	assert_int_equal(symlink("loop.log", tpath("loop.log")), 0);
	assert_int_equal(pf_source_open(&src, tpath("loop.log")), -ELOOP);
	assert_null(src);

	/* a test root's dev/kmsg must be a file of records, or the device */
	mkdirs("fifo-root/dev");
	assert_int_equal(mkfifo(tpath("fifo-root/dev/kmsg"), 0644), 0);
	assert_int_equal(pf_source_open_kmsg(&src, tpath("fifo-root")),
			 -PF_ENOTREG);
	assert_null(src);
	alarm(0);
}

/*
 * /dev/kmsg named as a SOURCE is the kernel log: read without blocking,
 * records up to now, dictionaries dropped.  Before, it was read as a plain
 * file and the read after the newest record waited for the next one.
 */
static void test_kmsg_named(void **state)
{
	struct pf_source *src;
	const char *buf;
	ssize_t n;
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	if (fd < 0)
		skip(); /* not allowed here: test_kmsg_live covers why */
	close(fd);
	alarm(10);
	assert_int_equal(pf_source_open(&src, "/dev/kmsg"), 0);
	assert_string_equal(pf_source_name(src), "/dev/kmsg");
	while ((n = pf_source_read(src, &buf)) > 0) {
		assert_true(buf[0] != ' ');
		assert_null(memmem(buf, n, "\n ", 2));
	}
	assert_int_equal(n, 0);
	pf_source_free(src);
	alarm(0);
}

/* ---- a large file: bounded chunks ----------------------------------------- */

static void test_large(void **state)
{
	const char *path = tpath("big.log");
	const char *gzpath = tpath("big.log.gz");
	struct pf_source *src;
	size_t len, total = 0, max = 0, chunks = 0;
	uLong want_crc, crc = crc32(0, Z_NULL, 0);
	char *text = gen_text(20 << 20, &len);
	const char *buf;
	ssize_t n;
	gzFile gz;

	write_file(path, text, len);
	want_crc = crc32(crc, (const Bytef *)text, len);

	assert_int_equal(pf_source_open(&src, path), 0);
	while ((n = pf_source_read(src, &buf)) > 0) {
		assert_true((size_t)n <= PF_SOURCE_CHUNK_MAX);
		if ((size_t)n > max)
			max = n;
		crc = crc32(crc, (const Bytef *)buf, n);
		total += n;
		chunks++;
	}
	assert_int_equal(n, 0);
	assert_int_equal(total, len);
	assert_int_equal(crc, want_crc);
	/* Large reads: about len / 1 MiB chunks, not thousands. */
	assert_true(chunks <= len / PF_SOURCE_CHUNK_MAX + 2);
	pf_source_free(src);

	/* Decoded output is bounded the same way. */
	gz = gzopen(gzpath, "wb1");
	assert_non_null(gz);
	assert_int_equal(gzwrite(gz, text, 8 << 20), 8 << 20);
	assert_int_equal(gzclose(gz), Z_OK);
	want_crc = crc32(crc32(0, Z_NULL, 0), (const Bytef *)text, 8 << 20);
	crc = crc32(0, Z_NULL, 0);
	total = 0;
	assert_int_equal(pf_source_open(&src, gzpath), 0);
	while ((n = pf_source_read(src, &buf)) > 0) {
		assert_true((size_t)n <= PF_SOURCE_CHUNK_MAX);
		crc = crc32(crc, (const Bytef *)buf, n);
		total += n;
	}
	assert_int_equal(n, 0);
	assert_int_equal(total, 8 << 20);
	assert_int_equal(crc, want_crc);
	pf_source_free(src);
	free(text);
}

/* ---- /dev/kmsg ------------------------------------------------------------- */

static const char kmsg_records[] =
	"6,1,0,-;Linux version 5.14.0-362.el9.x86_64 (mockbuild@example)\n"
	"4,812,93512345,-;kworker/0:1: page allocation failure: order:4, mode:0x40cc0(GFP_KERNEL|__GFP_COMP), nodemask=(null)\n"
	" SUBSYSTEM=net\n"
	" DEVICE=n2\n"
	"4,813,93512350,c;CPU: 0 PID: 8 Comm: kworker/0:1 Not tainted 5.14.0-362.el9.x86_64 #1\n"
	"4,814,93512351,-;Call Trace:\n"
	" SUBSYSTEM=pci\n";

static const char kmsg_want[] =
	"6,1,0,-;Linux version 5.14.0-362.el9.x86_64 (mockbuild@example)\n"
	"4,812,93512345,-;kworker/0:1: page allocation failure: order:4, mode:0x40cc0(GFP_KERNEL|__GFP_COMP), nodemask=(null)\n"
	"4,813,93512350,c;CPU: 0 PID: 8 Comm: kworker/0:1 Not tainted 5.14.0-362.el9.x86_64 #1\n"
	"4,814,93512351,-;Call Trace:\n";

static void test_kmsg_root(void **state)
{
	struct pf_source *src;
	size_t len;
	char *got;

	mkdirs("root/dev");
	write_file(tpath("root/dev/kmsg"), kmsg_records,
		   sizeof(kmsg_records) - 1);
	/* A trailing slash on the root changes nothing. */
	assert_int_equal(pf_source_open_kmsg(&src, tpath("root/")), 0);
	assert_non_null(strstr(pf_source_name(src), "/dev/kmsg"));
	assert_int_equal(read_all(src, &got, &len, NULL), 0);
	assert_int_equal(len, sizeof(kmsg_want) - 1);
	assert_memory_equal(got, kmsg_want, len);
	free(got);
	pf_source_free(src);

	/* A test root without dev/kmsg: no syslog(2) fallback there. */
	src = (void *)1;
	assert_int_equal(pf_source_open_kmsg(&src, tpath("nothing")), -ENOENT);
	assert_null(src);
}

/* Many records, so that dictionary lines straddle the file's reads. */
static void test_kmsg_root_large(void **state)
{
	size_t cap = 3 << 20, len = 0, wlen = 0, glen, i;
	char *rec = malloc(cap), *want = malloc(cap), *got;
	struct pf_source *src;

	assert_true(rec && want);
	for (i = 0; len < cap - 4096; i++) {
		int n = sprintf(
			rec + len, "4,%zu,%zu,-;record %zu %.*s\n", i, i * 1000,
			i, (int)(i % 97),
			"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");

		memcpy(want + wlen, rec + len, n);
		wlen += n;
		len += n;
		if (i % 3 == 0)
			len += sprintf(
				rec + len,
				" SUBSYSTEM=block\n DEVICE=+block:sda%.*s\n",
				(int)(i % 53),
				"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy");
	}
	mkdirs("big/dev");
	write_file(tpath("big/dev/kmsg"), rec, len);
	assert_int_equal(pf_source_open_kmsg(&src, tpath("big")), 0);
	assert_int_equal(read_all(src, &got, &glen, NULL), 0);
	assert_int_equal(glen, wlen);
	assert_memory_equal(got, want, wlen);
	pf_source_free(src);
	free(got);
	free(rec);
	free(want);
}

/* The live log: read it if allowed, else the errors the CLI expects. */
static void test_kmsg_live(void **state)
{
	struct pf_source *src;
	const char *buf;
	ssize_t n;
	int rc;

	rc = pf_source_open_kmsg(&src, NULL);
	if (rc) {
		assert_true(rc == -EACCES || rc == -EPERM || rc == -ENOENT);
		assert_null(src);
		return;
	}
	while ((n = pf_source_read(src, &buf)) > 0) {
		assert_true((size_t)n <= PF_SOURCE_CHUNK_MAX);
		/* No dictionary line survives. */
		assert_true(buf[0] != ' ');
		assert_null(memmem(buf, n, "\n ", 2));
	}
	assert_int_equal(n, 0);
	pf_source_free(src);
}

/* ---- pf_logdir_walk --------------------------------------------------------- */

struct seen {
	char paths[32][PATH_MAX];
	int n;
	int stop_at; /* return 7 on this call (1-based), 0: never */
};

static int collect(const char *path, void *data)
{
	struct seen *s = data;
	size_t tl = strlen(tmpdir);

	assert_true(s->n < 32);
	/* Paths are the given dir plus the relative path. */
	assert_memory_equal(path, tmpdir, tl);
	snprintf(s->paths[s->n++], PATH_MAX, "%s", path + tl + 1);
	return s->stop_at == s->n ? 7 : 0;
}

static void expect_walk(const char *dir, const char *const *want, int nwant)
{
	struct seen *s = calloc(1, sizeof(*s));
	int i;

	assert_non_null(s);
	assert_int_equal(pf_logdir_walk(dir, collect, s), 0);
	for (i = 0; s->n != nwant && i < s->n; i++)
		print_message("  walk: %s\n", s->paths[i]);
	assert_int_equal(s->n, nwant);
	for (i = 0; i < nwant; i++)
		assert_string_equal(s->paths[i], want[i]);
	free(s);
}

static void touch(const char *rel, const char *text)
{
	write_file(tpath(rel), text, strlen(text));
}

/* Files of one line each, made in this order */
static void touch_each(const char *const *rels, size_t n)
{
	for (size_t i = 0; i < n; i++)
		touch(rels[i], "a\n");
}

#define TOUCH_EACH(a) touch_each(a, sizeof(a) / sizeof(a[0]))

static void test_logdir_sosreport(void **state)
{
	static const char *const want[] = {
		"sos/var/log/messages-20231201",
		"sos/var/log/messages-20240101.gz",
		"sos/var/log/messages",
		"sos/sos_commands/kernel/dmesg",
		"sos/sos_commands/logs/journalctl_--no-pager",
	};
	struct seen *s;

	mkdirs("sos/var/log");
	mkdirs("sos/sos_commands/kernel");
	mkdirs("sos/sos_commands/logs");
	touch("outside.log", "not part of the report\n");
	touch("sos/var/log/messages", "live\n");
	gz_write(tpath("sos/var/log/messages-20240101.gz"), "wb", "x\n", 2);
	touch("sos/var/log/messages-20231201", "oldest\n");
	touch("sos/var/log/secure", "not a kernel log\n");
	touch("sos/sos_commands/kernel/dmesg", "[ 1.0] dmesg\n");
	touch("sos/sos_commands/logs/journalctl_--no-pager", "journal\n");
	touch("sos/sos_commands/logs/journalctl_--disk-usage", "1G\n");
	/* What a sosreport holds: a link out of the tree, a link inside. */
	assert_int_equal(symlink(tpath("outside.log"),
				 tpath("sos/var/log/messages-20240201")),
			 0);
	assert_int_equal(
		symlink("sos_commands/kernel/dmesg", tpath("sos/dmesg")), 0);
	assert_int_equal(symlink("/nonexistent/dangling",
				 tpath("sos/var/log/messages-20240301")),
			 0);

	expect_walk(tpath("sos"), want, 5);
	/* A trailing slash gives the same paths. */
	expect_walk(tpath("sos/"), want, 5);

	/* A non-zero return of fn stops the walk and comes back. */
	s = calloc(1, sizeof(*s));
	assert_non_null(s);
	s->stop_at = 2;
	assert_int_equal(pf_logdir_walk(tpath("sos"), collect, s), 7);
	assert_int_equal(s->n, 2);
	free(s);
}

static void test_logdir_numbered(void **state)
{
	static const char *const want[] = {
		"vl/messages.5.zst", "vl/messages.4.bz2", "vl/messages.3.gz",
		"vl/messages.2",     "vl/messages.1",	  "vl/messages",
		"vl/kern.log.1",     "vl/kern.log",	  "vl/dmesg.0",
		"vl/dmesg",
	};

	/* clang-format off */
	static const char *const before[] = {
		"vl/messages", "vl/messages.1", "vl/messages.2",
	};
	/* clang-format on */
	/* clang-format off */
	static const char *const after[] = {
		"vl/kern.log", "vl/kern.log.1", "vl/dmesg", "vl/dmesg.0",
		"vl/auth.log", "vl/messagesfoo",
		/* logrotate's compresscmd zstd or bzip2: the same order */
		"vl/messages.4.bz2", "vl/messages.5.zst",
	};
	/* clang-format on */

	mkdirs("vl");
	TOUCH_EACH(before);
	gz_write(tpath("vl/messages.3.gz"), "wb", "a\n", 2);
	TOUCH_EACH(after);
	expect_walk(tpath("vl"), want, 10);
}

/* Dated names with .zst and .bz2 sort by their dates like .gz does. */
static void test_logdir_dated_compressed(void **state)
{
	/* clang-format off */
	static const char *const want[] = {
		"dl/messages-20231201.zst", "dl/messages-20240101.bz2",
		"dl/messages-20240201.gz",  "dl/messages",
	};
	/* clang-format on */
	/* made in an order that is not the walk's */
	/* clang-format off */
	static const char *const files[] = {
		"dl/messages", "dl/messages-20240201.gz",
		"dl/messages-20240101.bz2", "dl/messages-20231201.zst",
	};
	/* clang-format on */

	mkdirs("dl");
	TOUCH_EACH(files);
	expect_walk(tpath("dl"), want, 4);
}

static void test_logdir_any(void **state)
{
	static const char *const want[] = {
		"any/a/b/c/d/ok.log",
		"any/a/x.log",
		"any/b.txt",
		"any/self.log",
	};

	mkdirs("any/a/b/c/d/e");
	mkdirs("elsewhere");
	touch("any/b.txt", "b\n");
	touch("any/a/x.log", "x\n");
	touch("any/a/b/c/d/ok.log", "depth 4\n");
	touch("any/a/b/c/d/e/deep.log", "depth 5: too deep\n");
	touch("elsewhere/out.log", "outside\n");
	/* Links to a directory are not descended; links out are skipped. */
	assert_int_equal(symlink(tpath("elsewhere"), tpath("any/dirlink")), 0);
	assert_int_equal(
		symlink(tpath("elsewhere/out.log"), tpath("any/out.log")), 0);
	assert_int_equal(symlink("a/x.log", tpath("any/link.txt")), 0);
	/*
	 * Loops: a link to the tree itself and one to its parent (never
	 * descended: the walk ends); a link to itself (handed out, for its
	 * reader to name: see test_logdir_loop); a FIFO (never taken: its
	 * open would block).
	 */
	assert_int_equal(symlink(".", tpath("any/a/b/here")), 0);
	assert_int_equal(symlink("..", tpath("any/a/up")), 0);
	assert_int_equal(symlink("self.log", tpath("any/self.log")), 0);
	assert_int_equal(mkfifo(tpath("any/a/fifo.log"), 0644), 0);
	/* link.txt: a file taken already is not taken twice. */
	alarm(10);
	expect_walk(tpath("any"), want, 4);
	alarm(0);
}

/* A log that is a symlink loop is handed out, for its reader to name. */
static void test_logdir_loop(void **state)
{
	static const char *const want[] = {
		"loop/var/log/messages.1",
		"loop/var/log/messages",
	};

	mkdirs("loop/var/log");
	touch("loop/var/log/messages", "live\n");
	assert_int_equal(
		symlink("messages.1", tpath("loop/var/log/messages.1")), 0);
	/* a directory cycle is not gone round */
	assert_int_equal(symlink("../..", tpath("loop/var/log/up")), 0);
	expect_walk(tpath("loop"), want, 2);
}

static void test_logdir_errors(void **state)
{
	struct seen s = { .n = 0 };

	assert_int_equal(pf_logdir_walk(tpath("missing"), collect, &s),
			 -ENOENT);
	touch("file", "x\n");
	assert_int_equal(pf_logdir_walk(tpath("file"), collect, &s), -ENOTDIR);
	mkdirs("emptydir");
	assert_int_equal(pf_logdir_walk(tpath("emptydir"), collect, &s), 0);
	assert_int_equal(s.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, tmpdir_setup, tmpdir_teardown)
		T(test_plain),
		T(test_empty),
		T(test_plain_named_gz),
		T(test_stdin),
		T(test_gzip),
		T(test_formats_concatenated),
		T(test_formats_truncated),
		T(test_formats_corrupt),
		T(test_formats_bomb),
		T(test_flood_no_bomb),
		T(test_bzh_text),
		T(test_open_errors),
		T(test_not_regular),
		T(test_kmsg_named),
		T(test_large),
		T(test_kmsg_root),
		T(test_kmsg_root_large),
		T(test_kmsg_live),
		T(test_logdir_sosreport),
		T(test_logdir_numbered),
		T(test_logdir_dated_compressed),
		T(test_logdir_any),
		T(test_logdir_loop),
		T(test_logdir_errors),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
