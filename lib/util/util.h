/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * util.h - small helpers shared by the library's parsers: bounded string
 * copies, number scanning, substring search.  Private to lib/.
 */
#ifndef PF_UTIL_H
#define PF_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Copy at most n bytes of s into dst[size], always NUL-terminated. */
void pf_strlcpyn(char *dst, size_t size, const char *s, size_t n);
static inline void pf_strlcpy(char *dst, size_t size, const char *s)
{
	pf_strlcpyn(dst, size, s, strlen(s));
}

/* memmem() on a bounded string. */
const char *pf_memstr(const char *hay, size_t len, const char *needle);

/* Does [s, s+len) start with the NUL-terminated prefix? */
static inline bool pf_starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !memcmp(s, prefix, n);
}

/*
 * Parse an unsigned decimal at *p (not past end); advances *p.  Returns false
 * when no digit is there.
 */
bool pf_scan_ulong(const char **p, const char *end, unsigned long *v);
/* Hex with or without 0x. */
bool pf_scan_hex(const char **p, const char *end, unsigned long *v);

double pf_pow10(int n);

/*
 * Open path for reading when it is a regular file (procfs, sysfs and
 * debugfs files are), else refuse it: -EISDIR for a directory,
 * -PF_ENOTREG for a FIFO, a device or a socket, whose reads may block or
 * never end.  stat() comes first, so that a device is never opened (a
 * watchdog starts counting when opened); O_NONBLOCK, so that a FIFO put
 * there meanwhile cannot block the open; fstat() after, for that race.
 * *st (may be NULL) describes what path is, even when it is refused.
 * Returns the fd (O_RDONLY | O_NONBLOCK | O_CLOEXEC) or -errno.
 */
int pf_open_regular(const char *path, struct stat *st);

/*
 * Read a whole regular file (pf_open_regular()) into a malloc'd buffer
 * (NUL-terminated, not counted in *len).  Returns 0, -errno, or -EFBIG
 * past max bytes.
 */
int pf_read_file(const char *path, size_t max, char **buf, size_t *len);

/*
 * Binary data, not text: in its first 4 KiB more than one byte in twenty
 * a control character no text holds (NUL left out: a crash can leave a
 * block of zeros in a log; ESC left in: logs keep terminal colours).
 */
#define PF_TEXT_PROBE	4096
bool pf_looks_binary(const char *buf, size_t len);
/* pf_read_file() of a text file: -EILSEQ for binary data. */
int pf_read_text(const char *path, size_t max, char **buf, size_t *len);

/*
 * n bytes of s for a message: at most max of them (and what fits in
 * size, which must be at least 4), non-printables as '?', "..." when cut.
 */
const char *pf_quote(char *buf, size_t size, const char *s, size_t n,
		     size_t max);

/* Appending text to a fixed buffer: what does not fit is dropped. */
struct pf_sbuf {
	char *s;
	size_t len, n;
};
void pf_sb_add(struct pf_sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int pf_current_year(void);

/*
 * Make room for need elements of size bytes in the array v, which has
 * room for *alloc of them: the room doubles, from first, until need
 * fits.  Returns the array (moved or not), or NULL with v and *alloc as
 * they were when the bytes would pass SIZE_MAX or memory is short.
 */
void *pf_grow(void *v, size_t *alloc, size_t need, size_t size, size_t first);


#endif /* PF_UTIL_H */
