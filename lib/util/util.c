// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * util.c - small helpers shared by the library's parsers.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "libpagefail.h"
#include "util/util.h"

void pf_strlcpyn(char *dst, size_t size, const char *s, size_t n)
{
	if (!size)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
	/* a NUL inside the log line would cut the field: keep what is before */
}

const char *pf_memstr(const char *hay, size_t len, const char *needle)
{
	return memmem(hay, len, needle, strlen(needle));
}

bool pf_scan_ulong(const char **p, const char *end, unsigned long *v)
{
	const char *q = *p;
	unsigned long x = 0;

	if (q >= end || !isdigit((unsigned char)*q))
		return false;
	while (q < end && isdigit((unsigned char)*q)) {
		if (x < (~0UL - 9) / 10)
			x = x * 10 + (unsigned long)(*q - '0');
		q++;
	}
	*v = x;
	*p = q;
	return true;
}

bool pf_scan_hex(const char **p, const char *end, unsigned long *v)
{
	const char *q = *p;
	unsigned long x = 0;
	int n = 0;

	if (end - q >= 2 && q[0] == '0' && (q[1] == 'x' || q[1] == 'X'))
		q += 2;
	while (q < end && isxdigit((unsigned char)*q)) {
		int c = tolower((unsigned char)*q);

		if (n < 16)
			x = x * 16 + (unsigned long)(isdigit(c) ? c - '0'
								: c - 'a' + 10);
		n++;
		q++;
	}
	if (!n)
		return false;
	*v = x;
	*p = q;
	return true;
}

double pf_pow10(int n)
{
	double r = 1;

	while (n-- > 0)
		r *= 10;
	return r;
}

int pf_current_year(void)
{
	static int year;
	time_t now;
	struct tm tm;

	if (!year) {
		now = time(NULL);
		localtime_r(&now, &tm);
		year = tm.tm_year + 1900;
	}
	return year;
}

int pf_grow(void *vp, size_t *alloc, size_t need, size_t size, size_t first)
{
	size_t n = *alloc ? *alloc : first;
	void *v;

	if (need <= *alloc)
		return 0;
	if (*alloc && n > SIZE_MAX / 2)
		return -ENOMEM;
	if (*alloc)
		n *= 2;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return -ENOMEM;
		n *= 2;
	}
	if (!n || n > SIZE_MAX / size)
		return -ENOMEM;
	/* vp is the address of a T *: its bytes, not a void * object */
	memcpy(&v, vp, sizeof(v));
	v = realloc(v, n * size);
	if (!v)
		return -ENOMEM;
	memcpy(vp, &v, sizeof(v));
	*alloc = n;
	return 0;
}

const char *pf_name_of(const char *const *names, int nr, int i,
		       const char *dflt)
{
	return i >= 0 && i < nr && names[i] ? names[i] : dflt;
}

int pf_name_index(const char *const *names, int nr, const char *name)
{
	for (int i = 0; i < nr; i++)
		if (names[i] && !strcmp(name, names[i]))
			return i;
	return -1;
}

const struct pf_field *pf_field_find(const struct pf_field *fields, size_t nr,
				     const char *name, size_t n)
{
	for (size_t i = 0; i < nr; i++)
		if (strlen(fields[i].name) == n &&
		    !memcmp(fields[i].name, name, n))
			return &fields[i];
	return NULL;
}

void pf_sb_add(struct pf_sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int w;

	if (b->n + 1 >= b->len)
		return;
	va_start(ap, fmt);
	w = vsnprintf(b->s + b->n, b->len - b->n, fmt, ap);
	va_end(ap);
	if (w > 0)
		b->n = b->n + (size_t)w >= b->len ? b->len - 1
						  : b->n + (size_t)w;
}

int pf_open_regular(const char *path, struct stat *st)
{
	struct stat tmp, fst;
	int fd;

	if (!st)
		st = &tmp;
	if (stat(path, st) < 0)
		return -errno;
	if (S_ISDIR(st->st_mode))
		return -EISDIR;
	if (!S_ISREG(st->st_mode))
		return -PF_ENOTREG;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* what was opened is what stat() saw, or at least a regular file */
	if (fstat(fd, &fst) < 0 || !S_ISREG(fst.st_mode)) {
		int err = S_ISDIR(fst.st_mode) ? -EISDIR : -PF_ENOTREG;

		*st = fst;
		close(fd);
		return err;
	}
	*st = fst;
	return fd;
}

int pf_read_file(const char *path, size_t max, char **out, size_t *outlen)
{
	char *buf = NULL, *nbuf;
	size_t len = 0, cap = 0;
	int fd = pf_open_regular(path, NULL), err = 0;

	*out = NULL;
	*outlen = 0;
	if (fd < 0)
		return fd;
	for (;;) {
		ssize_t n;

		if (len + 1 >= cap) {
			/* room for one byte past max, and the NUL: len <= max here */
			cap = cap ? 2 * cap : 16384;
			if (cap > max + 2)
				cap = max + 2;
			nbuf = realloc(buf, cap);
			if (!nbuf) {
				err = -ENOMEM;
				break;
			}
			buf = nbuf;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			err = -EFBIG;
			break;
		}
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	if (!buf && !(buf = malloc(1)))
		return -ENOMEM;
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

const char *pf_quote(char *buf, size_t size, const char *s, size_t n,
		     size_t max)
{
	size_t i;

	if (max > size - 4)
		max = size - 4;
	for (i = 0; i < n && i < max; i++)
		buf[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	if (i < n) {
		memcpy(buf + i, "...", 3);
		i += 3;
	}
	buf[i] = '\0';
	return buf;
}

int pf_parse_long(const char *s, long min, long max, long *v)
{
	const char *p = s;
	char *end;
	long x;

	while (isspace((unsigned char)*p))
		p++;
	/* strtol would take "+5", "0x10" and "  -"; a value file holds none */
	if (!isdigit((unsigned char)(*p == '-' ? p[1] : *p)))
		return -EINVAL;
	errno = 0;
	x = strtol(p, &end, 10);
	if (errno == ERANGE) {
		/* still one number?  Then it is out of range, not junk. */
		while (isdigit((unsigned char)*end))
			end++;
	}
	while (isspace((unsigned char)*end))
		end++;
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || x < min || x > max)
		return -ERANGE;
	*v = x;
	return 0;
}

bool pf_looks_binary(const char *buf, size_t len)
{
	size_t bad = 0;

	if (len > PF_TEXT_PROBE)
		len = PF_TEXT_PROBE;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if ((c < 0x20 && c && c != '\t' && c != '\n' && c != '\r' &&
		     c != '\f' && c != 0x1b) ||
		    c == 0x7f)
			bad++;
	}
	return bad * 20 > len;
}

int pf_read_text(const char *path, size_t max, char **buf, size_t *len)
{
	int err = pf_read_file(path, max, buf, len);

	if (!err && pf_looks_binary(*buf, *len)) {
		free(*buf);
		*buf = NULL;
		*len = 0;
		err = -EILSEQ;
	}
	return err;
}
