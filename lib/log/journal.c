// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * journal.c - the systemd journal's kernel messages as a source, read
 * through libsystemd's sd-journal: this machine's journal, a directory of
 * journal files (a saved /var/log/journal, a sosreport's) or one file.
 * Only entries of the kernel transport (_TRANSPORT=kernel: what journald
 * read from /dev/kmsg) are taken; a report a program logged is not the
 * kernel's.
 *
 * Each entry is handed to the scanner as the RFC 5424 line rsyslog would
 * forward, with the kernel's own time stamp in front of the message:
 *
 *   <4>1 2026-12-07T01:34:55.123456Z web1 kernel - - - [  123.456789] msg
 *
 * so that the line parser (line.c) takes the wall clock time with its
 * year, the host and the time since boot from the one wrapper it already
 * knows, and nothing about reports is learnt twice.
 *
 * A source can start at the journal's head, at its tail (watch: what comes
 * next), or after a cursor a previous run saved; pf_source_cursor() is the
 * cursor of the last entry handed out, and pf_source_more() reads on as
 * the journal grows, new files included.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "libpagefail.h"
#include "log/stream.h"
#include "util/util.h"

#ifdef PF_HAVE_JOURNAL
#include <systemd/sd-id128.h>
#include <systemd/sd-journal.h>

/*
 * The most one entry may add to a chunk: the kernel's records are at most
 * 8 KiB (CONSOLE_EXT_LOG_MAX) and journald stores a line of /dev/kmsg as
 * one MESSAGE; longer ones (a journal written by something else) are cut
 * here, and the cut is the end of the line.
 */
#define JOURNAL_ENTRY_MAX (64 * 1024)
#define JOURNAL_CHUNK	  (256 * 1024)

/* The value of field name of the current entry, or NULL (len 0). */
static const char *field(sd_journal *j, const char *name, size_t *len)
{
	size_t n = strlen(name), l;
	const void *d;

	if (sd_journal_get_data(j, name, &d, &l) < 0 || l <= n ||
	    ((const char *)d)[n] != '=') {
		*len = 0;
		return NULL;
	}
	*len = l - n - 1;
	return (const char *)d + n + 1;
}

/*
 * The current entry as lines, into out (room bytes at most): one line for
 * each line of its message, every one with the same wrapper.  The bytes
 * written.
 */
static size_t render(sd_journal *j, char *out, size_t room)
{
	char prefix[256], host[128] = "-", stamp[40];
	const char *msg, *h, *p;
	uint64_t real = 0, mono = 0;
	size_t mlen, hlen, plen, len = 0;
	int prio = 6; /* LOG_INFO, should PRIORITY be missing */
	sd_id128_t boot;
	struct tm tm;
	time_t sec;

	msg = field(j, "MESSAGE", &mlen);
	if (!msg)
		return 0;
	p = field(j, "PRIORITY", &plen);
	if (p && plen == 1 && *p >= '0' && *p <= '7')
		prio = *p - '0';
	h = field(j, "_HOSTNAME", &hlen);
	if (h && hlen && hlen < sizeof(host) && !memchr(h, ' ', hlen)) {
		memcpy(host, h, hlen);
		host[hlen] = '\0';
	}
	sd_journal_get_realtime_usec(j, &real);
	/*
	 * The kernel's time stamp of the record, as dmesg prints it; the
	 * time journald received it only where the entry has none.
	 */
	p = field(j, "_SOURCE_MONOTONIC_TIMESTAMP", &plen);
	if (p && plen && plen < 24) {
		char num[24];

		memcpy(num, p, plen);
		num[plen] = '\0';
		mono = strtoull(num, NULL, 10);
	} else {
		sd_journal_get_monotonic_usec(j, &mono, &boot);
	}
	sec = (time_t)(real / 1000000);
	if (!gmtime_r(&sec, &tm))
		return 0;
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	plen = (size_t)snprintf(
		prefix, sizeof(prefix),
		"<%d>1 %s.%06lluZ %s kernel - - - [%5llu.%06llu] ", prio, stamp,
		(unsigned long long)(real % 1000000), host,
		(unsigned long long)(mono / 1000000),
		(unsigned long long)(mono % 1000000));
	if (mlen > JOURNAL_ENTRY_MAX)
		mlen = JOURNAL_ENTRY_MAX;
	while (mlen) {
		const char *nl = memchr(msg, '\n', mlen);
		size_t l = nl ? (size_t)(nl - msg) : mlen;

		if (len + plen + l + 1 > room)
			break;
		memcpy(out + len, prefix, plen);
		memcpy(out + len + plen, msg, l);
		len += plen + l;
		out[len++] = '\n';
		if (!nl)
			break;
		mlen -= l + 1;
		msg = nl + 1;
	}
	return len;
}

static ssize_t journal_read(struct pf_source *src, const char **buf)
{
	sd_journal *j = src->journal;
	unsigned long n = 0;
	size_t len = 0;
	char *cursor;
	int r = 0;

	*buf = src->buf;
	while (len + JOURNAL_ENTRY_MAX + 512 <= src->buf_size) {
		/* after a cursor that was not found: the entry we are on */
		if (src->entry_ready) {
			src->entry_ready = false;
			r = 1;
		} else {
			r = sd_journal_next(j);
		}
		if (r <= 0)
			break;
		len += render(j, src->buf + len, src->buf_size - len);
		n++;
	}
	if (r < 0)
		pf_source_fail(src, r, NULL);
	/* the cursor moves only with what was read: not on an idle poll */
	if (n && !sd_journal_get_cursor(j, &cursor)) {
		free(src->cursor);
		src->cursor = cursor;
	}
	if (!len && r == 0)
		src->done = true;
	return len ? (ssize_t)len : r;
}

static void journal_release(struct pf_source *src)
{
	sd_journal_close(src->journal);
	free(src->cursor);
	src->journal = NULL;
	src->cursor = NULL;
}

static const struct pf_source_ops journal_ops = {
	.read = journal_read,
	.release = journal_release,
};

/* Open path: NULL for this machine's journal, a directory, or a file. */
static int open_journal(sd_journal **j, const char *path)
{
	struct stat st;

	if (!path)
		return sd_journal_open(j, SD_JOURNAL_LOCAL_ONLY);
	if (stat(path, &st))
		return -errno;
	if (S_ISDIR(st.st_mode))
		return sd_journal_open_directory(j, path, 0);
	if (!S_ISREG(st.st_mode))
		return -PF_ENOTREG;
	return sd_journal_open_files(j, (const char *[]){ path, NULL }, 0);
}

/* Where to start: 0, or -errno. */
static int seek(struct pf_source *src, unsigned int flags, const char *cursor)
{
	sd_journal *j = src->journal;
	int r;

	if (cursor && *cursor) {
		r = sd_journal_seek_cursor(j, cursor);
		if (r < 0)
			return r;
		r = sd_journal_next(j);
		if (r < 0)
			return r;
		/*
		 * On the cursor's own entry: it was read, go on after it.
		 * Not there any more (rotated away, another journal): the
		 * entry we landed on is the first one not read.
		 */
		src->entry_ready =
			r > 0 && sd_journal_test_cursor(j, cursor) <= 0;
		return 0;
	}
	if (!(flags & PF_JOURNAL_TAIL))
		return sd_journal_seek_head(j);
	r = sd_journal_seek_tail(j);
	if (r < 0)
		return r;
	/* on the last entry, so that the next one read is the first new one */
	r = sd_journal_previous(j);
	return r < 0 ? r : 0;
}

/* Only the kernel's messages, of this boot with PF_JOURNAL_THIS_BOOT. */
static int add_matches(sd_journal *j, unsigned int flags)
{
	char m[64] = "_BOOT_ID=";
	sd_id128_t boot;
	int r = sd_journal_add_match(j, "_TRANSPORT=kernel", 0);

	if (r < 0 || !(flags & PF_JOURNAL_THIS_BOOT))
		return r;
	r = sd_id128_get_boot(&boot);
	if (r < 0)
		return r;
	sd_id128_to_string(boot, m + strlen(m));
	return sd_journal_add_match(j, m, 0);
}

int pf_source_open_journal(struct pf_source **srcp, const char *path,
			   unsigned int flags, const char *cursor)
{
	struct pf_source *src;
	uint64_t bytes = 0;
	int r;

	*srcp = NULL;
	src = pf_source_alloc(path ? path : "journal");
	if (!src)
		return -ENOMEM;
	src->kind = PF_SRC_JOURNAL;
	r = open_journal((sd_journal **)&src->journal, path);
	if (r < 0)
		goto fail;
	src->ops = &journal_ops;
	/*
	 * sd-journal skips the files it cannot read without a word: none
	 * read at all is said, as the journal's absence or our permission.
	 */
	if (!(flags & PF_JOURNAL_FOLLOW) &&
	    (sd_journal_get_usage(src->journal, &bytes) < 0 || !bytes)) {
		r = -PF_ENOJOURNALFILES;
		goto fail;
	}
	r = add_matches(src->journal, flags);
	if (r < 0)
		goto fail;
	if (flags & PF_JOURNAL_FOLLOW) {
		/* new files are seen through inotify, set up by the first call */
		r = sd_journal_get_fd(src->journal);
		if (r < 0)
			goto fail;
	}
	r = seek(src, flags, cursor);
	if (r < 0)
		goto fail;
	src->buf_size = JOURNAL_CHUNK;
	src->buf = malloc(src->buf_size);
	if (!src->buf) {
		r = -ENOMEM;
		goto fail;
	}
	*srcp = src;
	return 0;
fail:
	pf_source_free(src);
	return r;
}

void pf_journal_more(struct pf_source *src)
{
	/* files that came, went or grew since: their entries are read next */
	sd_journal_process(src->journal);
}

#else /* !PF_HAVE_JOURNAL */

int pf_source_open_journal(struct pf_source **srcp, const char *path,
			   unsigned int flags, const char *cursor)
{
	(void)path;
	(void)flags;
	(void)cursor;
	*srcp = NULL;
	return -PF_ENOJOURNAL;
}

void pf_journal_more(struct pf_source *src)
{
	(void)src;
}

#endif /* PF_HAVE_JOURNAL */

const char *pf_source_cursor(const struct pf_source *src)
{
	return src && src->kind == PF_SRC_JOURNAL ? src->cursor : NULL;
}
