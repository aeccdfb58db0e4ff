// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sysctl.c - reading sysctls under a root directory, and applying new
 * values with a way back.
 *
 * An apply has two halves that must agree: the sysctl.d file that makes
 * the values survive a reboot, and the live values under /proc/sys.  The
 * file is replaced atomically (a temporary file in the same directory,
 * fsync, rename; the previous one kept as <conf>.bak through a hard link,
 * so that <conf> exists at every moment).  Then each live value is written
 * and read back.  The first failure sets back every live value already
 * written (the one that failed too, when its write went through), last
 * first, reading each back again, and puts the previous file back: the
 * .bak is renamed to <conf>, or the new <conf> and the directories made
 * for it are removed.  a->rolled_back is true only when all of that
 * worked; what did not is added to a->error.  An older .bak is lost.
 *
 * Old values are all read before anything is written: a sysctl whose
 * value cannot be read (other than missing) stops the apply there, since
 * it could not be set back.  A dry run also says in a->backup where the
 * current file would go.
 *
 * Every path is root + a relative path, so a test can run the whole thing
 * on a directory of plain files.  The last component of a /proc/sys path
 * is opened with O_NOFOLLOW, so a symbolic link there cannot carry a write
 * out of root; directories along the way (root/etc, root/proc/sys/vm) are
 * trusted, as they are on a live system.
 */
#define _GNU_SOURCE	/* mkostemp */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pagefail.h"
#include "util.h"

#define SYSCTL_PROC	"proc/sys/"
/* A value file longer than this is not one number. */
#define SYSCTL_VALUE_MAX 64

/* What one apply works on.  Every path lies under root. */
struct apply_state {
	struct pf_apply *a;
	const char *root;
	char etc[PATH_MAX];	/* root/etc */
	char dir[PATH_MAX];	/* root/etc/sysctl.d */
	char conf[PATH_MAX];	/* root/PF_SYSCTL_CONF */
	char bak[PATH_MAX];	/* conf + ".bak" */
	char tmp[PATH_MAX];	/* the mkstemp() template, then its name */
	bool made_etc, made_dir;	/* created by this apply */
	bool had_conf;		/* the previous file is at bak */
	bool replaced;		/* the new file is at conf */
};

/* root + "/" + rel, without doubling the slash.  0 or -ENAMETOOLONG. */
static int sysctl_join(char *buf, size_t size, const char *root,
		       const char *rel)
{
	size_t len = strlen(root);
	int n;

	while (len > 0 && root[len - 1] == '/')
		len--;
	if (len > INT_MAX)
		return -ENAMETOOLONG;
	n = snprintf(buf, size, "%.*s/%s", (int)len, root, rel);
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return 0;
}

/*
 * "vm.min_free_kbytes": lowercase letters, digits, '_' and '.', with no
 * empty part (so no "..", and no '.' at either end).
 */
static bool sysctl_name_ok(const char *name)
{
	const char *p;

	if (!*name || name[0] == '.')
		return false;
	for (p = name; *p; p++) {
		if (*p == '.') {
			if (p[1] == '.' || p[1] == '\0')
				return false;
			continue;
		}
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= '0' && *p <= '9') &&
		    *p != '_')
			return false;
	}
	return true;
}

/* root/proc/sys/<name with dots as slashes>.  0, -EINVAL or -ENAMETOOLONG. */
static int sysctl_path(char *buf, size_t size, const char *root,
		       const char *name)
{
	char rel[PATH_MAX];
	char *p;
	int n;

	if (!sysctl_name_ok(name))
		return -EINVAL;
	n = snprintf(rel, sizeof(rel), SYSCTL_PROC "%s", name);
	if (n < 0 || (size_t)n >= sizeof(rel))
		return -ENAMETOOLONG;
	for (p = rel + strlen(SYSCTL_PROC); *p; p++)
		if (*p == '.')
			*p = '/';
	return sysctl_join(buf, size, root, rel);
}

/* Read the number in path.  0 or -errno. */
static int sysctl_read_path(const char *path, long *value)
{
	char buf[SYSCTL_VALUE_MAX + 1];
	size_t len = 0;
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		len += n;
		if (len == sizeof(buf)) {
			err = -EINVAL;
			break;
		}
	}
	close(fd);
	if (err)
		return err;
	buf[len] = '\0';
	if (strlen(buf) != len)
		return -EINVAL;	/* a NUL in a value file */
	return pf_parse_long(buf, LONG_MIN, LONG_MAX, value);
}

/* write() all of buf.  0 or -errno. */
static int write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		buf += n;
		len -= n;
	}
	return 0;
}

/*
 * Write value to a /proc/sys file.  O_TRUNC matters for plain files (a
 * test root) and is ignored by procfs; O_NOFOLLOW keeps the write in root.
 */
static int sysctl_write_path(const char *path, long value)
{
	char buf[32];
	int fd, err, n;

	n = snprintf(buf, sizeof(buf), "%ld\n", value);
	fd = open(path, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	err = write_all(fd, buf, (size_t)n);
	if (close(fd) < 0 && !err && errno != EINTR)
		err = -errno;
	return err;
}

int pf_sysctl_read(const char *root, const char *name, long *value)
{
	char path[PATH_MAX];
	int err;

	if (!root || !*root || !name || !value)
		return -EINVAL;
	err = sysctl_path(path, sizeof(path), root, name);
	if (err)
		return err;
	return sysctl_read_path(path, value);
}

/* ---- messages --------------------------------------------------------- */

/* strerror() in lower case, like the rest of the messages. */
static const char *sysctl_strerror(int err, char *buf, size_t size)
{
	pf_strlcpy(buf, size, pf_source_strerror(NULL, err));
	buf[0] = tolower((unsigned char)buf[0]);
	return buf;
}

/* Keep a->error one line whatever the paths hold. */
static void sysctl_one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

__attribute__((format(printf, 2, 3)))
static void sysctl_error(struct pf_apply *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->error, sizeof(a->error), fmt, ap);
	va_end(ap);
	sysctl_one_line(a->error);
}

/* "what 'path': reason" for an errno value. */
static void sysctl_error_errno(struct pf_apply *a, const char *what,
			       const char *path, int err)
{
	char words[128];

	sysctl_error(a, "%s '%s': %s", what, path,
		     sysctl_strerror(err, words, sizeof(words)));
}

/* Add "; could not ..." to the error of the failure being undone. */
static void sysctl_error_append(struct pf_apply *a, const char *what,
				const char *path, int err)
{
	size_t len = strlen(a->error);
	char words[128];

	snprintf(a->error + len, sizeof(a->error) - len,
		 "; could not %s '%s': %s", what, path,
		 sysctl_strerror(err, words, sizeof(words)));
	sysctl_one_line(a->error);
}

/* ---- the sysctl.d file ------------------------------------------------ */

/* The paths of one apply; 0 or -ENAMETOOLONG. */
static int apply_paths(struct apply_state *s)
{
	const char *base;
	char *slash;
	int n;

	if (sysctl_join(s->conf, sizeof(s->conf), s->root, PF_SYSCTL_CONF) ||
	    strlen(s->conf) >= sizeof(s->a->conf))
		return -ENAMETOOLONG;
	n = snprintf(s->bak, sizeof(s->bak), "%s.bak", s->conf);
	if (n < 0 || (size_t)n >= sizeof(s->bak) ||
	    (size_t)n >= sizeof(s->a->backup))
		return -ENAMETOOLONG;

	/* PF_SYSCTL_CONF is "dir/dir/file": cut off one part, then two. */
	pf_strlcpy(s->dir, sizeof(s->dir), s->conf);
	slash = strrchr(s->dir, '/');
	if (!slash)
		return -EINVAL;
	*slash = '\0';
	base = s->conf + (slash + 1 - s->dir);
	pf_strlcpy(s->etc, sizeof(s->etc), s->dir);
	slash = strrchr(s->etc, '/');
	if (!slash)
		return -EINVAL;
	*slash = '\0';

	/* Hidden and not ending in ".conf": systemd-sysctl never reads it. */
	n = snprintf(s->tmp, sizeof(s->tmp), "%s/.%s.XXXXXX", s->dir, base);
	if (n < 0 || (size_t)n >= sizeof(s->tmp))
		return -ENAMETOOLONG;
	return 0;
}

/* mkdir path unless it is a directory already; *made tells which. */
static int make_dir(const char *path, bool *made)
{
	struct stat st;

	*made = false;
	if (mkdir(path, 0755) == 0) {
		*made = true;
		return 0;
	}
	if (errno != EEXIST)
		return -errno;
	if (stat(path, &st) < 0)
		return -errno;
	return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

/* fsync a directory, so that the names changed in it last. */
static int fsync_dir(const char *path)
{
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* Some file systems cannot sync a directory: nothing to be done. */
	if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS)
		err = -errno;
	close(fd);
	return err;
}

/* Remove the directories this apply created (when they are empty). */
static void remove_made_dirs(struct apply_state *s)
{
	if (s->made_dir && rmdir(s->dir) == 0)
		s->made_dir = false;
	if (s->made_etc && !s->made_dir && rmdir(s->etc) == 0)
		s->made_etc = false;
}

/* Write text to a new temporary file, mode 0644, synced.  0 or -errno. */
static int write_tmp(struct apply_state *s, const char *text)
{
	int fd, err;

	fd = mkostemp(s->tmp, O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		sysctl_error_errno(s->a, "cannot create a file in", s->dir,
				   err);
		return err;
	}
	err = write_all(fd, text, strlen(text));
	if (!err && fchmod(fd, 0644) < 0)
		err = -errno;
	if (!err && fsync(fd) < 0)
		err = -errno;
	if (close(fd) < 0 && !err && errno != EINTR)
		err = -errno;
	if (err) {
		sysctl_error_errno(s->a, "cannot write", s->tmp, err);
		unlink(s->tmp);
	}
	return err;
}

/*
 * Keep the current file as bak: a hard link, so that conf stays in place
 * until the rename replaces it.  A file system without hard links gets a
 * rename instead (*moved), which the caller must undo on failure.
 */
static int keep_backup(struct apply_state *s, bool *moved)
{
	char words[128];
	struct stat st;
	int err;

	*moved = false;
	if (lstat(s->conf, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		err = -errno;
		sysctl_error_errno(s->a, "cannot read", s->conf, err);
		return err;
	}
	if (S_ISDIR(st.st_mode)) {
		sysctl_error_errno(s->a, "cannot replace", s->conf, -EISDIR);
		return -EISDIR;
	}
	if (unlink(s->bak) < 0 && errno != ENOENT) {
		err = -errno;
		sysctl_error_errno(s->a, "cannot replace", s->bak, err);
		return err;
	}
	if (link(s->conf, s->bak) < 0) {
		err = -errno;
		if ((err != -EPERM && err != -ENOTSUP) ||
		    rename(s->conf, s->bak) < 0) {
			sysctl_strerror(err, words, sizeof(words));
			sysctl_error(s->a, "cannot keep '%s' as '%s': %s",
				     s->conf, s->bak, words);
			return err;
		}
		*moved = true;
	}
	s->had_conf = true;
	pf_strlcpy(s->a->backup, sizeof(s->a->backup), s->bak);
	return 0;
}

/* Put the previous file back, or remove the new one.  0 or -errno. */
static int restore_conf(struct apply_state *s)
{
	if (!s->replaced)
		return 0;
	if (s->had_conf) {
		if (rename(s->bak, s->conf) < 0)
			return -errno;
	} else if (unlink(s->conf) < 0 && errno != ENOENT) {
		return -errno;
	}
	s->replaced = false;
	fsync_dir(s->dir);
	remove_made_dirs(s);
	return 0;
}

/* Replace conf with text atomically.  On failure nothing is left changed. */
static int write_conf(struct apply_state *s, const char *text)
{
	char words[128];
	bool moved;
	int err, err2;

	err = make_dir(s->etc, &s->made_etc);
	if (err) {
		sysctl_error_errno(s->a, "cannot create", s->etc, err);
		return err;
	}
	err = make_dir(s->dir, &s->made_dir);
	if (err) {
		sysctl_error_errno(s->a, "cannot create", s->dir, err);
		goto out_dirs;
	}
	err = write_tmp(s, text);
	if (err)
		goto out_dirs;
	err = keep_backup(s, &moved);
	if (err)
		goto out_tmp;
	if (rename(s->tmp, s->conf) < 0) {
		err = -errno;
		sysctl_strerror(err, words, sizeof(words));
		sysctl_error(s->a, "cannot rename '%s' to '%s': %s", s->tmp,
			     s->conf, words);
		if (moved && rename(s->bak, s->conf) < 0)
			sysctl_error_append(s->a, "put back", s->conf, -errno);
		goto out_tmp;
	}
	s->replaced = true;

	err = fsync_dir(s->dir);
	if (!err && s->made_dir)
		err = fsync_dir(s->etc);
	if (!err && s->made_etc)
		err = fsync_dir(s->root);
	if (err) {
		sysctl_error_errno(s->a, "cannot sync", s->dir, err);
		err2 = restore_conf(s);
		if (err2)
			sysctl_error_append(s->a, "put back", s->conf, err2);
		else
			s->a->rolled_back = true;
	}
	return err;

out_tmp:
	unlink(s->tmp);
out_dirs:
	remove_made_dirs(s);
	return err;
}

/* ---- live values ------------------------------------------------------ */

/* Read back what path holds: 0 when it is want, 1 when not, or -errno. */
static int check_value(const char *path, long want, long *got)
{
	int err = sysctl_read_path(path, got);

	if (err)
		return err;
	return *got == want ? 0 : 1;
}

/*
 * Set back the live values written, items[last] first, and the previous
 * file.  a->rolled_back says whether all of it worked.
 */
static void rollback(struct apply_state *s, int last)
{
	struct pf_apply *a = s->a;
	char path[PATH_MAX];
	bool ok = true;
	long got;
	int i, err;

	for (i = last; i >= 0; i--) {
		struct pf_sysctl_item *it = &a->items[i];

		if (!it->written)
			continue;
		err = sysctl_path(path, sizeof(path), s->root, it->name);
		if (!err)
			err = sysctl_write_path(path, it->old);
		if (!err)
			err = check_value(path, it->old, &got);
		if (err > 0)
			err = -EIO;
		if (err) {
			if (ok)
				sysctl_error_append(a, "set back", path, err);
			ok = false;
		}
	}
	err = restore_conf(s);
	if (err) {
		if (ok)
			sysctl_error_append(a, "put back", s->conf, err);
		ok = false;
	}
	a->rolled_back = ok;
}

/* Write and read back each present item; roll back on the first failure. */
static int set_values(struct apply_state *s)
{
	struct pf_apply *a = s->a;
	char path[PATH_MAX];
	char words[128];
	long got;
	int i, err = 0;

	for (i = 0; i < a->nr; i++) {
		struct pf_sysctl_item *it = &a->items[i];

		if (!it->present)
			continue;
		/* Checked when the old values were read. */
		err = sysctl_path(path, sizeof(path), s->root, it->name);
		if (err) {
			sysctl_error(a, "invalid sysctl name '%s'", it->name);
			break;
		}
		err = sysctl_write_path(path, it->value);
		if (err) {
			sysctl_error_errno(a, "cannot write", path, err);
			break;
		}
		it->written = true;
		err = check_value(path, it->value, &got);
		if (err > 0) {
			err = -EIO;
			sysctl_error(a, "'%s' reads back %ld after writing %ld",
				     path, got, it->value);
			break;
		}
		if (err) {
			sysctl_strerror(err, words, sizeof(words));
			sysctl_error(a, "cannot read back '%s': %s", path,
				     words);
			break;
		}
		it->verified = true;
	}
	if (!err)
		return 0;
	a->failed = i;
	rollback(s, i);
	return err;
}

/* Fill old/present of every item.  Nothing is written. */
static int read_old_values(struct apply_state *s)
{
	struct pf_apply *a = s->a;
	char path[PATH_MAX];
	int i, err;

	for (i = 0; i < a->nr; i++) {
		struct pf_sysctl_item *it = &a->items[i];

		if (strnlen(it->name, sizeof(it->name)) == sizeof(it->name)) {
			err = -EINVAL;
			sysctl_error(a, "invalid sysctl name '%.*s...'",
				     (int)sizeof(it->name) - 1, it->name);
			goto fail;
		}
		err = sysctl_path(path, sizeof(path), s->root, it->name);
		if (err == -EINVAL) {
			sysctl_error(a, "invalid sysctl name '%s'", it->name);
			goto fail;
		}
		if (err) {
			sysctl_error(a, "path too long for '%s'", it->name);
			goto fail;
		}
		err = sysctl_read_path(path, &it->old);
		if (err == -ENOENT) {
			it->old = -1;
			continue;	/* the kernel lacks it */
		}
		if (err) {
			it->old = -1;
			sysctl_error_errno(a, "cannot read", path, err);
			goto fail;
		}
		it->present = true;
	}
	return 0;
fail:
	a->failed = i;
	return err;
}

int pf_sysctl_apply(const char *root, struct pf_apply *a, const char *text,
		    bool dry_run)
{
	struct apply_state s = { .a = a, .root = root };
	struct stat st;
	int i, err;

	if (!a)
		return -EINVAL;
	a->conf[0] = '\0';
	a->backup[0] = '\0';
	a->rolled_back = false;
	a->failed = -1;
	a->error[0] = '\0';
	if (a->nr < 0 || a->nr > PF_APPLY_MAX) {
		sysctl_error(a, "%d sysctls given, at most %d", a->nr,
			     PF_APPLY_MAX);
		return -EINVAL;
	}
	for (i = 0; i < a->nr; i++) {
		a->items[i].old = -1;
		a->items[i].present = false;
		a->items[i].written = false;
		a->items[i].verified = false;
	}
	if (!root || !*root || (!text && !dry_run)) {
		sysctl_error(a, "no %s given",
			     !root || !*root ? "root" : "text");
		return -EINVAL;
	}

	err = apply_paths(&s);
	if (err) {
		sysctl_error(a, "path too long under '%s'", root);
		return err;
	}
	pf_strlcpy(a->conf, sizeof(a->conf), s.conf);

	err = read_old_values(&s);
	if (err)
		return err;
	if (dry_run) {
		/* Where the previous file would go. */
		if (lstat(s.conf, &st) == 0)
			pf_strlcpy(a->backup, sizeof(a->backup), s.bak);
		return 0;
	}

	err = write_conf(&s, text);
	if (err)
		return err;
	return set_values(&s);
}
