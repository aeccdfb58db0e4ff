/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stream.h - what every kind of input source is made of: struct pf_source,
 * its fixed buffers, and a small table of operations per kind (plain
 * files in source.c, the compressed kinds in decode.c, the kernel log in
 * kmsg.c, the systemd journal in journal.c).  stream.c allocates and fails a source; source.c opens one and
 * picks its kind.  A new kind is a file with its own ops and an open
 * function source.c calls.  Private to lib/; the tests include it for the
 * buffer sizes and the bomb rule.
 */
#ifndef PF_STREAM_H
#define PF_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "libpagefail.h"

/*
 * Fixed buffer sizes: memory stays the same whatever the input size.  The
 * largest chunk pf_source_read() ever returns is PF_SOURCE_CHUNK_MAX.
 */
#define PF_SOURCE_IN_SIZE   (256 * 1024)  /* compressed input */
#define PF_SOURCE_CHUNK_MAX (1024 * 1024) /* plain reads, decoded output */

/*
 * The decompression bomb rule, the same for the four formats (decode.c):
 * once PF_SOURCE_BOMB_MIN bytes came out of a compressed source, more than
 * PF_SOURCE_BOMB_RATIO bytes out for every compressed byte taken in stops
 * it with an error, what came out before kept.  Real logs compress 5 to 100
 * times (a flood of one message with its time stamps: 100 with zstd -19),
 * gzip cannot pass 1032; a few KiB of xz, zstd or bzip2 hold gigabytes of
 * one byte repeated.  Decoding time is then bounded by the input's size.
 */
#define PF_SOURCE_BOMB_RATIO 1000
#define PF_SOURCE_BOMB_MIN   (16u << 20)

/*
 * The memory a decoder may take (decode.c): zstd frames with a window
 * larger than this (zstd --long=28 and up) and xz streams whose dictionary
 * needs more (none of xz -0 to -9) are refused.  gzip needs 32 KiB, bzip2
 * 4 MiB at most.
 */
#define PF_SOURCE_DECODER_MEM (128u << 20)

/*
 * Room kept free for one /dev/kmsg record: the kernel fails a read() with
 * EINVAL, without consuming the record, when the record does not fit, and
 * records are at most 8 KiB (CONSOLE_EXT_LOG_MAX) with their dictionary.
 */
#define PF_KMSG_RECORD_MAX (16 * 1024)

enum pf_source_kind {
	PF_SRC_PLAIN = 0,
	PF_SRC_GZIP, /* the compressed kinds: decode.c */
	PF_SRC_XZ,
	PF_SRC_ZSTD,
	PF_SRC_BZIP2,
	PF_SRC_KMSG,	  /* the /dev/kmsg character device */
	PF_SRC_KMSG_FILE, /* a regular file of kmsg records (tests) */
	PF_SRC_SYSLOG,	  /* syslog(2) SYSLOG_ACTION_READ_ALL */
	PF_SRC_JOURNAL,	  /* the systemd journal (journal.c) */
};

/* What one kind of source does: hand out its next chunk, free its state. */
struct pf_source_ops {
	ssize_t (*read)(struct pf_source *src, const char **buf);
	void (*release)(struct pf_source *src); /* may be NULL */
};

struct pf_source {
	const struct pf_source_ops *ops;
	int kind;      /* enum pf_source_kind */
	int fd;	       /* -1 when none */
	bool close_fd; /* false for stdin */
	char *name;

	char *buf; /* what pf_source_read() hands out */
	size_t buf_size;
	size_t pending; /* bytes of buf read at open, not yet returned */
	size_t pos;	/* syslog: next byte of buf to hand out */

	unsigned char *in; /* compressed input, kmsg file input */
	bool in_eof;

	bool done;	    /* clean end reached */
	int err;	    /* sticky -errno once something failed */
	const char *errmsg; /* words for err when strerror has none */
	char errbuf[192];   /* errmsg when it has figures or names */

	/* decode.c: the unread input, and the totals the bomb rule weighs */
	const unsigned char *next;
	size_t avail;
	unsigned long long in_total, out_total;
	bool member_open; /* inside a gzip member, xz stream, zstd frame */
	z_stream zs;
	bool zs_init;
	lzma_stream xs;
	bool xs_init;
	ZSTD_DStream *zds;
	bz_stream bs;
	bool bs_init;

	bool bol;  /* kmsg file: at the start of a line */
	bool skip; /* kmsg file: in a dictionary line */

	/* journal.c: the sd_journal, the cursor of the last entry handed out */
	void *journal;
	char *cursor;
	bool entry_ready; /* positioned on an entry not yet read */
};

/* stream.c: a source named name with no fd and no buffers. NULL on ENOMEM. */
struct pf_source *pf_source_alloc(const char *name);
/* stream.c: a page aligned buffer for read() into, freed with free(). */
void *pf_source_buf_alloc(size_t size);
/* stream.c: record the first error of src; later reads return it. */
void pf_source_fail(struct pf_source *src, int err, const char *msg);
/*
 * lib/log/decode.c: the compressed kind the first n bytes of a file announce
 * (PF_SRC_GZIP ...), or PF_SRC_PLAIN.  PF_SOURCE_MAGIC_MAX bytes tell.
 */
#define PF_SOURCE_MAGIC_MAX 10
int pf_decode_kind(const unsigned char *p, size_t n);
/*
 * lib/log/decode.c: start decoding src->kind, the first len bytes being in
 * buf; sets src->ops.
 */
int pf_decode_start(struct pf_source *src, size_t len);
/* lib/log/kmsg.c: is st the kernel log device, /dev/kmsg (char 1:11)? */
bool pf_kmsg_is_dev(const struct stat *st);
/*
 * lib/log/kmsg.c: a source of path, a regular file of kmsg records or the
 * kernel log device; anything else is refused (-PF_ENOTREG).
 */
int pf_kmsg_open_path(struct pf_source **srcp, const char *path);
/* lib/log/journal.c: take in the journal files that came or grew. */
void pf_journal_more(struct pf_source *src);

#endif /* PF_STREAM_H */
