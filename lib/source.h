/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * source.h - private parts of the input sources shared by lib/source.c and
 * lib/kmsg.c.  Not installed; the tests include it for the buffer sizes.
 */
#ifndef PF_SOURCE_H
#define PF_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <lzma.h>
#include <zlib.h>

#include "pagefail.h"

/*
 * Fixed buffer sizes: memory stays the same whatever the input size.  The
 * largest chunk pf_source_read() ever returns is PF_SOURCE_CHUNK_MAX.
 */
#define PF_SOURCE_IN_SIZE	(256 * 1024)	/* compressed input */
#define PF_SOURCE_CHUNK_MAX	(1024 * 1024)	/* plain reads, decoded output */

/*
 * Room kept free for one /dev/kmsg record: the kernel fails a read() with
 * EINVAL, without consuming the record, when the record does not fit, and
 * records are at most 8 KiB (CONSOLE_EXT_LOG_MAX) with their dictionary.
 */
#define PF_KMSG_RECORD_MAX	(16 * 1024)

enum pf_source_kind {
	PF_SRC_PLAIN = 0,
	PF_SRC_GZIP,
	PF_SRC_XZ,
	PF_SRC_UNSUPPORTED,	/* known compression we cannot decode */
	PF_SRC_KMSG,		/* the /dev/kmsg character device */
	PF_SRC_KMSG_FILE,	/* a regular file of kmsg records (tests) */
	PF_SRC_SYSLOG,		/* syslog(2) SYSLOG_ACTION_READ_ALL */
};

struct pf_source {
	int kind;		/* enum pf_source_kind */
	int fd;			/* -1 when none */
	bool close_fd;		/* false for stdin */
	char *name;

	char *buf;		/* what pf_source_read() hands out */
	size_t buf_size;
	size_t pending;		/* bytes of buf read at open, not yet returned */
	size_t pos;		/* syslog: next byte of buf to hand out */

	unsigned char *in;	/* compressed input, kmsg file input */
	bool in_eof;

	bool done;		/* clean end reached */
	int err;		/* sticky -errno once something failed */
	const char *errmsg;	/* words for err when strerror has none */

	z_stream zs;
	bool zs_init;
	bool member_open;	/* inside a gzip member */
	lzma_stream xs;
	bool xs_init;

	bool bol;		/* kmsg file: at the start of a line */
	bool skip;		/* kmsg file: in a dictionary line */
};

/* Allocate a source named name with no fd and no buffers. NULL on ENOMEM. */
struct pf_source *pf_source_alloc(const char *name);
/* A page aligned buffer for read() into, freed with free(). */
void *pf_source_buf_alloc(size_t size);
/* Record the first error of src; later reads return it. */
void pf_source_fail(struct pf_source *src, int err, const char *msg);
/* lib/kmsg.c: is st the kernel log device, /dev/kmsg (char 1:11)? */
bool pf_kmsg_is_dev(const struct stat *st);
/*
 * lib/kmsg.c: a source of path, a regular file of kmsg records or the
 * kernel log device; anything else is refused (-PF_ENOTREG).
 */
int pf_kmsg_open_path(struct pf_source **srcp, const char *path);
/* lib/kmsg.c: pf_source_read() of the kmsg and syslog kinds. */
ssize_t pf_kmsg_read(struct pf_source *src, const char **buf);

#endif /* PF_SOURCE_H */
