/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * util.h - small helpers shared by the library's parsers: bounded string
 * copies, number scanning, substring search.  Private to lib/.
 */
#ifndef PF_UTIL_H
#define PF_UTIL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The journal's errors (lib/log/journal.c), in pf_strerror()'s own words:
 * a library built without libsystemd, and no journal file there readable.
 */
#define PF_ENOJOURNAL	   ENOPKG
#define PF_ENOJOURNALFILES ENOMEDIUM

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
#define PF_TEXT_PROBE 4096
bool pf_looks_binary(const char *buf, size_t len);
/* pf_read_file() of a text file: -EILSEQ for binary data. */
int pf_read_text(const char *path, size_t max, char **buf, size_t *len);

/*
 * n bytes of s for a message: at most max of them (and what fits in
 * size, which must be at least 4), non-printables as '?', "..." when cut.
 */
const char *pf_quote(char *buf, size_t size, const char *s, size_t n,
		     size_t max);

/* names[i], or dflt where i is past names[0..nr) or names[i] is NULL. */
const char *pf_name_of(const char *const *names, int nr, int i,
		       const char *dflt);
/* The i of names[0..nr) whose names[i] is name, or -1. */
int pf_name_index(const char *const *names, int nr, const char *name);

/*
 * A member of a struct found by its name: a row of a table from the names
 * a file or a caller uses to the members that keep them.
 */
struct pf_field {
	const char *name;
	size_t off; /* offsetof() the member */
};
/* The row of fields[0..nr) named [name, name + n), or NULL. */
const struct pf_field *pf_field_find(const struct pf_field *fields, size_t nr,
				     const char *name, size_t n);

/* Appending text to a fixed buffer: what does not fit is dropped. */
struct pf_sbuf {
	char *s;
	size_t len, n;
};
void pf_sb_add(struct pf_sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int pf_current_year(void);

/*
 * The "key = value" formats under "[section]" heads (the known-cause
 * rules, the scenarios): ini.c cuts them into lines and words their
 * errors.
 */
bool pf_ini_blank(char c); /* ' ', '\t', '\r', '\v', '\f' */
void pf_ini_trim(const char **s, const char **e); /* blanks off [s, e) */

/* pf_diag_fn of pagefail.h */
typedef void (*pf_ini_diag_fn)(const char *source, unsigned long line,
			       const char *msg, void *data);

/* A text being read: where its errors go, and how far it was read. */
struct pf_ini {
	const char *name;    /* the source, for diag */
	pf_ini_diag_fn diag; /* may be NULL */
	void *data;
	unsigned long lineno; /* of the line pf_ini_next() gave */
	unsigned int errors;  /* pf_ini_err() calls so far */
	const char *p, *end;  /* what is left to read */
};

enum pf_ini_kind {
	PF_INI_BLANK,	/* empty or blank, or a '#' comment */
	PF_INI_NUL,	/* a NUL byte in it: an error of the line */
	PF_INI_SECTION, /* starts with '[' */
	PF_INI_KEY,	/* "key = value" */
	PF_INI_NOT_KEY, /* anything else: no '=' */
};

/* One line: [s, e) trimmed; key and value trimmed (the value may be empty). */
struct pf_ini_line {
	enum pf_ini_kind kind;
	const char *s, *e;
	const char *key, *key_end; /* PF_INI_KEY */
	const char *val, *val_end;
};

/* Read text[0..len) (NULL: nothing), a UTF-8 byte order mark skipped. */
void pf_ini_init(struct pf_ini *ini, const char *name, const char *text,
		 size_t len, pf_ini_diag_fn diag, void *data);
/* The next line into *l, numbered in ini->lineno; false at the end. */
bool pf_ini_next(struct pf_ini *ini, struct pf_ini_line *l);
/* "line N: what" to diag, counted in ini->errors even without a diag. */
void pf_ini_err(struct pf_ini *ini, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* PF_UTIL_H */
