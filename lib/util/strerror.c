// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * strerror.c - errno values in the words of pagefail's messages, for the
 * library and the CLI alike: strerror() capitalises its words, and a
 * message reads better as "cannot read 'x': permission denied".
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "libpagefail.h"
#include "util/util.h"

/* Where strerror()'s words are not the ones a message wants. */
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
	{ EAGAIN, "resource temporarily unavailable" },
	{ EILSEQ, "binary data, not text" },
	{ EFBIG, "file too large" },
	{ ENOSPC, "no space left on device" },
	{ EROFS, "read-only file system" },
	{ EEXIST, "file exists" },
	{ ENOTEMPTY, "directory not empty" },
	{ PF_ENOJOURNAL, "pagefail was built without libsystemd: it cannot "
			 "read the journal (pipe journalctl -k into it)" },
	{ PF_ENOJOURNALFILES, "no journal file there could be read (none, or "
			      "not permitted: root and the systemd-journal "
			      "group read them)" },
};

const char *pf_strerror(int err)
{
	static __thread char buf[128];
	const char *s;

	if (err < 0)
		err = -err;
	for (size_t i = 0; i < ARRAY_SIZE(errwords); i++)
		if (errwords[i].err == err)
			return errwords[i].msg;
	/* the rest: strerror()'s words with a small first letter ("RPC" kept) */
	s = strerror(err);
	pf_strlcpy(buf, sizeof(buf), s);
	if (isupper((unsigned char)buf[0]) && islower((unsigned char)buf[1]))
		buf[0] = (char)tolower((unsigned char)buf[0]);
	return buf;
}
