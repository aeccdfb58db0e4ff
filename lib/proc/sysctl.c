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
 * on a directory of plain files, and the root may be an extracted tarball
 * that nobody checked.  So nothing below the root is trusted.  The root is
 * opened once (a symbolic link given as the root itself is the caller's
 * choice, followed that once) and every path under it is resolved from
 * that descriptor by one resolver, beneath_dir(), which follows no
 * symbolic link: openat2(2) with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS
 * (Linux 5.6+), or, where the kernel has no openat2 (ENOSYS), a walk of
 * one O_NOFOLLOW openat() per component.  The last component of a path is
 * one name under the directory so opened, used with O_NOFOLLOW or
 * AT_SYMLINK_NOFOLLOW and lstat'ed first.  Both ways refuse the same
 * things:
 *
 *   - a symbolic link anywhere (a sosreport may hold proc/sys -> /proc/sys
 *     or etc -> /etc: a write through it would set this machine with the
 *     values worked out for another), and "..";
 *   - a value file that is a device or a socket, or has another hard link
 *     (O_TRUNC would write through to the other name; procfs files have
 *     one);
 *   - under this machine's "/", a /proc/sys file that is not on procfs,
 *     and under any other root one that is (a procfs mounted in a tree is
 *     still this machine's kernel: statfs PROC_SUPER_MAGIC);
 *   - under any other root, an etc or etc/sysctl.d that is this machine's
 *     own (a bind mount).
 *
 * An apply looks at every path it will write before its first write, so
 * a refusal writes nothing at all; the writes then go through the
 * resolver again.  Messages name the real path of what is refused or
 * written: the root's real path and the path below it, which holds no
 * link.  A tree with no proc/sys at all (a sosreport keeps the sysctls in
 * sos_commands/kernel/sysctl_-a) is a record of another machine: an apply
 * with values to set refuses it rather than call every sysctl missing.
 */
#define _GNU_SOURCE /* O_PATH */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/magic.h>
#if __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#endif

#include "libpagefail.h"
#include "util/util.h"

#define SYSCTL_PROC "proc/sys"
/* A value file longer than this is not one number. */
#define SYSCTL_VALUE_MAX 64

/* ---- paths beneath the root ------------------------------------------- */

/* The root every path is resolved under, opened once. */
struct sysctl_root {
	int fd;			  /* O_PATH of the root */
	char real[PATH_MAX];	  /* its real path */
	bool live;		  /* it is this machine's "/" */
	char why[PATH_MAX + 128]; /* what a refusal refused, or "" */
};

/*
 * The real path of rel under r: r->real + "/" + rel, for messages (cut
 * when too long: the paths written were checked to fit).
 */
static const char *root_path(const struct sysctl_root *r, const char *rel,
			     char *buf, size_t size)
{
	const char *slash = *rel && strcmp(r->real, "/") ? "/" : "";
	int n = snprintf(buf, size, "%s%s%s", r->real, slash, rel);

	if (n < 0)
		buf[0] = '\0';
	return buf;
}

/* The same, to a buffer that must hold it: 0 or -ENAMETOOLONG. */
static int root_path_fits(const struct sysctl_root *r, const char *rel,
			  char *buf, size_t size)
{
	size_t need = strlen(r->real) + 1 + strlen(rel) + 1;

	if (need > size)
		return -ENAMETOOLONG;
	root_path(r, rel, buf, size);
	return 0;
}

/* Open root (following it, if it is a link: the caller named it). */
static int root_open(struct sysctl_root *r, const char *root)
{
	struct stat st, slash;
	int err;

	r->fd = -1;
	r->live = false;
	r->why[0] = '\0';
	if (!realpath(root, r->real))
		return -errno;
	r->fd = open(r->real, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (r->fd < 0)
		return -errno;
	if (fstat(r->fd, &st) < 0 || stat("/", &slash) < 0) {
		err = -errno;
		close(r->fd);
		r->fd = -1;
		return err;
	}
	r->live = st.st_dev == slash.st_dev && st.st_ino == slash.st_ino;
	return 0;
}

static void root_close(struct sysctl_root *r)
{
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
}

__attribute__((format(printf, 2, 3))) static void
root_why(struct sysctl_root *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
}

/*
 * openat2(2) through syscall(2): glibc has no wrapper before 2.42.  -1
 * with errno ENOSYS where the headers or the kernel (before 5.6) lack it.
 */
static int beneath_openat2(int dfd, const char *rel, int flags)
{
#if defined(SYS_openat2) && defined(RESOLVE_BENEATH)
	struct open_how how;

	memset(&how, 0, sizeof(how));
	how.flags = (unsigned int)flags;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
	return (int)syscall(SYS_openat2, dfd, rel, &how, sizeof(how));
#else
	errno = ENOSYS;
	return -1;
#endif
}

/*
 * The walk, where there is no openat2: each component is lstat'ed, then
 * opened with O_NOFOLLOW from the one before.  A component that became a
 * link in between fails the open (ENOTDIR or ELOOP): never followed.  It
 * also names the link a refusal is about, for either way (r->why).
 */
static int beneath_walk(struct sysctl_root *r, const char *rel, int *out)
{
	char name[NAME_MAX + 1], at[PATH_MAX], to[PATH_MAX], path[PATH_MAX];
	const char *p = rel;
	struct stat st;
	int fd, next, err = 0;
	ssize_t n;

	fd = openat(r->fd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (*p) {
		size_t len = strcspn(p, "/");

		if (len > NAME_MAX) {
			err = -ENAMETOOLONG;
			break;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		p += len;
		pf_strlcpyn(at, sizeof(at), rel, (size_t)(p - rel));
		while (*p == '/')
			p++;
		if (!len || !strcmp(name, "."))
			continue;
		if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			err = -errno;
			break;
		}
		if (S_ISLNK(st.st_mode)) {
			n = readlinkat(fd, name, to, sizeof(to) - 1);
			to[n < 0 ? 0 : n] = '\0';
			root_why(r, "'%s' is a symbolic link (to '%s')",
				 root_path(r, at, path, sizeof(path)), to);
			err = -ELOOP;
			break;
		}
		next = openat(fd, name,
			      O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0) {
			err = -errno;
			break;
		}
		close(fd);
		fd = next;
	}
	if (err) {
		close(fd);
		return err;
	}
	*out = fd;
	return 0;
}

/*
 * The resolver: the directory rel (relative, "" for the root itself)
 * under the root, as an O_PATH descriptor in *fd.  0 or -errno: -ELOOP
 * for a symbolic link on the way, -EXDEV for a path that would leave the
 * root, with r->why saying which.
 */
static int beneath_dir(struct sysctl_root *r, const char *rel, int *fd)
{
	char path[PATH_MAX];
	const char *p;
	int ret, err;

	r->why[0] = '\0';
	/* openat2 would take "a/../b", the walk would not: neither does. */
	for (p = rel; *p;) {
		size_t len = strcspn(p, "/");

		if (p == rel && !len) {
			root_why(r, "'%s' is not under the root", rel);
			return -EXDEV;
		}
		if (len == 2 && !strncmp(p, "..", 2)) {
			root_why(r, "'%s' leads out of the root",
				 root_path(r, rel, path, sizeof(path)));
			return -EXDEV;
		}
		p += len;
		while (*p == '/')
			p++;
	}
	ret = beneath_openat2(r->fd, *rel ? rel : ".",
			      O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (ret >= 0) {
		*fd = ret;
		return 0;
	}
	err = -errno;
	/*
	 * ENOSYS: a kernel before 5.6.  EPERM: a seccomp profile that
	 * predates openat2 (older container runtimes answer so).  The walk
	 * refuses what openat2 refuses, so falling back is never looser.
	 */
	if (err == -ENOSYS || err == -EPERM)
		return beneath_walk(r, rel, fd);
	if (err == -ELOOP) {
		/* which link: the walk finds it (and opens nothing past it) */
		if (!beneath_walk(r, rel, &ret))
			close(ret);
		if (!r->why[0])
			root_why(r, "'%s' is reached through a symbolic link",
				 root_path(r, rel, path, sizeof(path)));
	}
	return err;
}

/* Split rel at its last '/': the directory in dir, the name returned. */
static const char *split_rel(const char *rel, char *dir, size_t size)
{
	const char *slash = strrchr(rel, '/');

	if (!slash) {
		pf_strlcpy(dir, size, "");
		return rel;
	}
	pf_strlcpyn(dir, size, rel, (size_t)(slash - rel));
	return slash + 1;
}

/*
 * May a write land in the value file st describes?  A regular file with
 * one name, or a FIFO (it only carries bytes to a process that opened its
 * other end; the tests play the kernel through one); a device or socket
 * never.  0, or -errno with r->why.
 */
static int value_file_ok(struct sysctl_root *r, const char *rel, int dfd,
			 const char *name, const struct stat *st)
{
	char path[PATH_MAX];

	root_path(r, rel, path, sizeof(path));
	if (S_ISLNK(st->st_mode)) {
		char to[PATH_MAX];
		ssize_t n = readlinkat(dfd, name, to, sizeof(to) - 1);

		to[n < 0 ? 0 : n] = '\0';
		root_why(r, "'%s' is a symbolic link (to '%s')", path, to);
		return -ELOOP;
	}
	if (S_ISDIR(st->st_mode))
		return -EISDIR;
	if (!S_ISREG(st->st_mode) && !S_ISFIFO(st->st_mode)) {
		root_why(r, "'%s' is a device or a socket, not a value file",
			 path);
		return -EPERM;
	}
	if (S_ISREG(st->st_mode) && st->st_nlink > 1) {
		root_why(r,
			 "'%s' has %lu hard links: a write would change the "
			 "other names too",
			 path, (unsigned long)st->st_nlink);
		return -EMLINK;
	}
	return 0;
}

/* Is the value file on procfs, as it must be under "/" and only there? */
static int value_fs_ok(struct sysctl_root *r, const char *rel, int fd)
{
	char path[PATH_MAX];
	struct statfs sf;
	bool proc;

	if (fstatfs(fd, &sf) < 0)
		return -errno;
	proc = sf.f_type == PROC_SUPER_MAGIC;
	if (proc == r->live)
		return 0;
	root_path(r, rel, path, sizeof(path));
	if (r->live)
		root_why(r,
			 "'%s' is not on procfs: it is not the kernel's "
			 "(is /proc mounted?)",
			 path);
	else
		root_why(r,
			 "'%s' is on procfs: it is this machine's kernel, "
			 "not a file of '%s'",
			 path, r->real);
	return -EXDEV;
}

/*
 * A FIFO in a tree is served by another process, or by none: the open and
 * the first byte are waited for FIFO_WAIT_MS at most, never forever (an
 * open of a FIFO blocks until its other end is opened).  The fd, or -errno.
 */
#define FIFO_WAIT_MS 5000

static int fifo_open(int dfd, const char *name, int flags)
{
	int waited = 0, fd;

	for (;;) {
		/* O_NONBLOCK: a reader opens at once, a writer fails (ENXIO)
		 * while nobody reads */
		fd = openat(dfd, name,
			    flags | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 || errno != ENXIO)
			break;
		if (waited >= FIFO_WAIT_MS)
			return -ETIMEDOUT;
		usleep(10 * 1000);
		waited += 10;
	}
	if (fd < 0)
		return -errno;
	if ((flags & O_ACCMODE) == O_RDONLY) {
		/* no POLLHUP before a writer came once (pipe_poll()) */
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int n;

		do {
			n = poll(&p, 1, FIFO_WAIT_MS - waited);
		} while (n < 0 && errno == EINTR);
		if (n <= 0) {
			close(fd);
			return n ? -errno : -ETIMEDOUT;
		}
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/*
 * A write to a FIFO is done when its reader took it: until then the next
 * open of its read end (the read-back) would take the bytes back itself.
 * Waited for FIFO_WAIT_MS at most.  0 (at once for anything else), or
 * -errno.
 */
static int fifo_drain(int fd)
{
	struct stat st;
	int left = 0;

	if (fstat(fd, &st) < 0 || !S_ISFIFO(st.st_mode))
		return 0;
	for (int waited = 0; waited < FIFO_WAIT_MS; waited++) {
		if (ioctl(fd, FIONREAD, &left) < 0)
			return -errno;
		if (!left)
			return 0;
		usleep(1000);
	}
	return -ETIMEDOUT;
}

/*
 * Open the value file rel (proc/sys/...) under the root with flags
 * (O_RDONLY, or O_WRONLY | O_TRUNC): its directory through beneath_dir(),
 * then its one name with O_NOFOLLOW, once lstat has said what it is.
 */
static int value_open(struct sysctl_root *r, const char *rel, int flags,
		      int *out)
{
	char dir[PATH_MAX];
	const char *name = split_rel(rel, dir, sizeof(dir));
	struct stat st, now;
	int dfd, fd, err;

	err = beneath_dir(r, dir, &dfd);
	if (err)
		return err;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		err = -errno;
	else
		err = value_file_ok(r, rel, dfd, name, &st);
	if (err)
		goto out;
	if (S_ISFIFO(st.st_mode))
		fd = fifo_open(dfd, name, flags);
	else
		fd = openat(dfd, name, flags | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		err = fd == -1 ? -errno : fd;
		goto out;
	}
	if (fstat(fd, &now) < 0)
		err = -errno;
	else if (now.st_dev != st.st_dev || now.st_ino != st.st_ino)
		err = -EAGAIN; /* replaced between the two: try no more */
	else
		err = value_fs_ok(r, rel, fd);
	if (err)
		close(fd);
	else
		*out = fd;
out:
	close(dfd);
	return err;
}

/* ---- names and values --------------------------------------------------- */

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

/* proc/sys/<name with dots as slashes>.  0, -EINVAL or -ENAMETOOLONG. */
static int sysctl_rel(char *buf, size_t size, const char *name)
{
	char *p;
	int n;

	if (!sysctl_name_ok(name))
		return -EINVAL;
	n = snprintf(buf, size, SYSCTL_PROC "/%s", name);
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	for (p = buf + strlen(SYSCTL_PROC "/"); *p; p++)
		if (*p == '.')
			*p = '/';
	return 0;
}

/* Read the one number in an open value file.  0 or -errno. */
static int sysctl_read_fd(int fd, long *value)
{
	char buf[SYSCTL_VALUE_MAX + 1];
	size_t len = 0;
	ssize_t n;

	for (;;) {
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		len += n;
		if (len == sizeof(buf))
			return -EINVAL;
	}
	buf[len] = '\0';
	if (strlen(buf) != len)
		return -EINVAL; /* a NUL in a value file */
	return pf_parse_long(buf, LONG_MIN, LONG_MAX, value);
}

/* Read the number in the value file rel under r.  0 or -errno. */
static int sysctl_read_rel(struct sysctl_root *r, const char *rel, long *value)
{
	int fd, err;

	err = value_open(r, rel, O_RDONLY, &fd);
	if (err)
		return err;
	err = sysctl_read_fd(fd, value);
	close(fd);
	return err;
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
 * Write value to the value file rel.  O_TRUNC matters for plain files (a
 * test root) and is ignored by procfs.
 */
static int sysctl_write_rel(struct sysctl_root *r, const char *rel, long value)
{
	char buf[32];
	int fd, err, n;

	n = snprintf(buf, sizeof(buf), "%ld\n", value);
	err = value_open(r, rel, O_WRONLY | O_TRUNC, &fd);
	if (err)
		return err;
	err = write_all(fd, buf, (size_t)n);
	if (!err)
		err = fifo_drain(fd);
	if (close(fd) < 0 && !err && errno != EINTR)
		err = -errno;
	return err;
}

int pf_sysctl_read(const char *root, const char *name, long *value)
{
	struct sysctl_root r;
	char rel[PATH_MAX];
	int err;

	if (!root || !*root || !name || !value)
		return -EINVAL;
	err = sysctl_rel(rel, sizeof(rel), name);
	if (err)
		return err;
	err = root_open(&r, root);
	if (err)
		return err;
	err = sysctl_read_rel(&r, rel, value);
	root_close(&r);
	return err;
}

/* ---- messages --------------------------------------------------------- */

/* Keep a->error one line whatever the paths hold. */
static void sysctl_one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

__attribute__((format(printf, 2, 3))) static void
sysctl_error(struct pf_apply *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->error, sizeof(a->error), fmt, ap);
	va_end(ap);
	sysctl_one_line(a->error);
}

/*
 * "what 'path': reason" for an errno value, or the resolver's refusal
 * when there is one ("refusing to write under ROOT: why").
 */
static void sysctl_error_errno(struct pf_apply *a, const struct sysctl_root *r,
			       const char *what, const char *path, int err)
{

	if (r && r->why[0]) {
		sysctl_error(a, "refusing to write under '%s': %s", r->real,
			     r->why);
		return;
	}
	sysctl_error(a, "%s '%s': %s", what, path, pf_strerror(err));
}

/* Add "; could not ..." to the error of the failure being undone. */
static void sysctl_error_append(struct pf_apply *a, const char *what,
				const char *path, int err)
{
	size_t len = strlen(a->error);

	snprintf(a->error + len, sizeof(a->error) - len,
		 "; could not %s '%s': %s", what, path, pf_strerror(err));
	sysctl_one_line(a->error);
}

/* Add a plain note to a->error. */
static void sysctl_error_note(struct pf_apply *a, const char *note)
{
	size_t len = strlen(a->error);

	snprintf(a->error + len, sizeof(a->error) - len, "; %s", note);
}

/* ---- the sysctl.d file ------------------------------------------------ */

/* What one apply works on.  Every path lies under the root. */
struct apply_state {
	struct pf_apply *a;
	struct sysctl_root r;
	char etc[64];		 /* "etc" */
	char dir[64];		 /* "etc/sysctl.d" */
	const char *sub;	 /* "sysctl.d", the last part of dir */
	const char *name;	 /* "90-pagefail.conf" */
	char bak[NAME_MAX + 1];	 /* name + ".bak" */
	char tmp[NAME_MAX + 1];	 /* the temporary file's name, or "" */
	int etc_fd, dir_fd;	 /* O_PATH of etc and dir, -1 until open */
	bool made_etc, made_dir; /* created by this apply */
	bool had_conf;		 /* the previous file is at bak */
	bool replaced;		 /* the new file is at conf */
};

/* The real path of rel, for a message. */
static const char *apply_path(struct apply_state *s, const char *rel, char *buf,
			      size_t size)
{
	return root_path(&s->r, rel, buf, size);
}

/* The real path of a name in etc/sysctl.d. */
static const char *dir_path(struct apply_state *s, const char *name, char *buf,
			    size_t size)
{
	char rel[sizeof(s->dir) + NAME_MAX + 2];
	int n = snprintf(rel, sizeof(rel), "%s/%s", s->dir, name);

	if (n < 0)
		rel[0] = '\0';
	return root_path(&s->r, rel, buf, size);
}

/* PF_SYSCTL_CONF cut into its parts, and a->conf; 0 or -errno. */
static int apply_paths(struct apply_state *s)
{
	char *slash;
	int n;

	pf_strlcpy(s->dir, sizeof(s->dir), PF_SYSCTL_CONF);
	/* "dir/dir/file": cut off one part, then two */
	slash = strrchr(s->dir, '/');
	if (!slash)
		return -EINVAL;
	*slash = '\0';
	s->name = &PF_SYSCTL_CONF[slash + 1 - s->dir];
	pf_strlcpy(s->etc, sizeof(s->etc), s->dir);
	slash = strrchr(s->etc, '/');
	if (!slash)
		return -EINVAL;
	*slash = '\0';
	s->sub = s->dir + (slash + 1 - s->etc);
	n = snprintf(s->bak, sizeof(s->bak), "%s.bak", s->name);
	if (n < 0 || (size_t)n >= sizeof(s->bak))
		return -ENAMETOOLONG;

	if (root_path_fits(&s->r, PF_SYSCTL_CONF, s->a->conf,
			   sizeof(s->a->conf)) ||
	    strlen(s->a->conf) + strlen(".bak") >= sizeof(s->a->backup))
		return -ENAMETOOLONG;
	return 0;
}

/*
 * Under a root that is not "/", is the directory fd this machine's own
 * live (a bind mount of /etc into the tree)?  0, or -EXDEV with r->why.
 */
static int not_live_dir(struct apply_state *s, int fd, const char *rel)
{
	char live[PATH_MAX], path[PATH_MAX];
	struct stat st, mine;

	if (s->r.live)
		return 0;
	snprintf(live, sizeof(live), "/%s", rel);
	if (stat(live, &mine) < 0 || fstat(fd, &st) < 0)
		return 0; /* no such directory here: not the same one */
	if (st.st_dev != mine.st_dev || st.st_ino != mine.st_ino)
		return 0;
	root_why(&s->r, "'%s' is this machine's %s",
		 apply_path(s, rel, path, sizeof(path)), live);
	return -EXDEV;
}

/*
 * The directory rel through the resolver, unless it is this machine's
 * own: 0 or -errno with a->error ("what 'path': ...").  A missing one is
 * 0 with *fd -1 when missing_ok.
 */
static int conf_dir(struct apply_state *s, const char *rel, int *fd,
		    const char *what, bool missing_ok)
{
	char path[PATH_MAX];
	int err;

	*fd = -1;
	err = beneath_dir(&s->r, rel, fd);
	if (err == -ENOENT && missing_ok)
		return 0;
	if (!err) {
		err = not_live_dir(s, *fd, rel);
		if (err) {
			close(*fd);
			*fd = -1;
		}
	}
	if (err)
		sysctl_error_errno(s->a, &s->r, what,
				   apply_path(s, rel, path, sizeof(path)), err);
	return err;
}

/*
 * Before anything is written: etc and etc/sysctl.d are directories (or
 * missing), conf and its .bak are files (or missing), none a link.  Sets
 * a->backup when there is a conf to keep.  0 or -errno with a->error.
 */
static int check_conf(struct apply_state *s)
{
	const char *names[] = { s->name, s->bak };
	char path[PATH_MAX];
	struct stat st;
	int err;

	err = conf_dir(s, s->etc, &s->etc_fd, "cannot open", true);
	if (err || s->etc_fd < 0)
		return err;
	err = conf_dir(s, s->dir, &s->dir_fd, "cannot open", true);
	if (err || s->dir_fd < 0)
		return err;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		dir_path(s, names[i], path, sizeof(path));
		if (fstatat(s->dir_fd, names[i], &st, AT_SYMLINK_NOFOLLOW) <
		    0) {
			if (errno == ENOENT)
				continue;
			err = -errno;
			sysctl_error_errno(s->a, NULL, "cannot read", path,
					   err);
			return err;
		}
		if (S_ISLNK(st.st_mode)) {
			root_why(&s->r, "'%s' is a symbolic link", path);
			sysctl_error_errno(s->a, &s->r, "", path, -ELOOP);
			return -ELOOP;
		}
		if (S_ISDIR(st.st_mode)) {
			sysctl_error_errno(s->a, NULL, "cannot replace", path,
					   -EISDIR);
			return -EISDIR;
		}
		if (i == 0)
			dir_path(s, s->bak, s->a->backup, sizeof(s->a->backup));
	}
	return 0;
}

/* fsync a directory, so that the names changed in it last. */
static int fsync_dir(int dfd)
{
	int fd, err = 0;

	fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* Some file systems cannot sync a directory: nothing to be done. */
	if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS)
		err = -errno;
	close(fd);
	return err;
}

/*
 * Make the directory name in parent (unless it is there) and open it
 * through the resolver as rel; *made tells whether this apply made it.
 */
static int make_dir(struct apply_state *s, int parent, const char *name,
		    const char *rel, int *fd, bool *made)
{
	char path[PATH_MAX];
	int err;

	*made = mkdirat(parent, name, 0755) == 0;
	if (!*made && errno != EEXIST) {
		err = -errno;
		sysctl_error_errno(s->a, NULL, "cannot create",
				   apply_path(s, rel, path, sizeof(path)), err);
		return err;
	}
	return conf_dir(s, rel, fd, "cannot create", false);
}

/* Remove the directories this apply created (when they are empty). */
static void remove_made_dirs(struct apply_state *s)
{
	if (s->made_dir && s->etc_fd >= 0 &&
	    unlinkat(s->etc_fd, s->sub, AT_REMOVEDIR) == 0)
		s->made_dir = false;
	if (s->made_etc && !s->made_dir &&
	    unlinkat(s->r.fd, s->etc, AT_REMOVEDIR) == 0)
		s->made_etc = false;
}

/*
 * A new name for the temporary file: hidden and not ending in ".conf", so
 * that systemd-sysctl never reads it.  O_EXCL makes a guessed name harmless.
 */
static void tmp_name(struct apply_state *s)
{
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char rnd[6];
	char suffix[sizeof(rnd) + 1];

	if (getrandom(rnd, sizeof(rnd), GRND_NONBLOCK) != sizeof(rnd)) {
		unsigned long x = (unsigned long)getpid() * 2654435761UL ^
				  (unsigned long)time(NULL) ^
				  (unsigned long)clock();

		for (size_t i = 0; i < sizeof(rnd); i++, x >>= 5)
			rnd[i] = (unsigned char)x;
	}
	for (size_t i = 0; i < sizeof(rnd); i++)
		suffix[i] = digits[rnd[i] % (sizeof(digits) - 1)];
	suffix[sizeof(rnd)] = '\0';
	snprintf(s->tmp, sizeof(s->tmp), ".%s.%s", s->name, suffix);
}

/* Write text to a new temporary file, mode 0644, synced.  0 or -errno. */
static int write_tmp(struct apply_state *s, const char *text)
{
	char path[PATH_MAX];
	int fd = -1, err, tries;

	for (tries = 0; tries < 100; tries++) {
		tmp_name(s);
		fd = openat(s->dir_fd, s->tmp,
			    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
				    O_CLOEXEC,
			    0600);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		err = -errno;
		s->tmp[0] = '\0';
		sysctl_error_errno(s->a, NULL, "cannot create a file in",
				   apply_path(s, s->dir, path, sizeof(path)),
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
		sysctl_error_errno(s->a, NULL, "cannot write",
				   dir_path(s, s->tmp, path, sizeof(path)),
				   err);
		unlinkat(s->dir_fd, s->tmp, 0);
		s->tmp[0] = '\0';
	}
	return err;
}

/*
 * Keep the current file as bak: a hard link, so that conf stays in place
 * until the rename replaces it.  A file system without hard links gets a
 * rename instead (*moved), which the caller must undo on failure.  (A
 * conf hard-linked elsewhere is safe: it is replaced by a rename, never
 * written through.)
 */
static int keep_backup(struct apply_state *s, bool *moved)
{
	char conf[PATH_MAX], bak[PATH_MAX];
	struct stat st;
	int err;

	*moved = false;
	dir_path(s, s->name, conf, sizeof(conf));
	dir_path(s, s->bak, bak, sizeof(bak));
	if (fstatat(s->dir_fd, s->name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			return 0;
		err = -errno;
		sysctl_error_errno(s->a, NULL, "cannot read", conf, err);
		return err;
	}
	if (S_ISLNK(st.st_mode) || S_ISDIR(st.st_mode)) {
		err = S_ISLNK(st.st_mode) ? -ELOOP : -EISDIR;
		sysctl_error_errno(s->a, NULL, "cannot replace", conf, err);
		return err;
	}
	if (unlinkat(s->dir_fd, s->bak, 0) < 0 && errno != ENOENT) {
		err = -errno;
		sysctl_error_errno(s->a, NULL, "cannot replace", bak, err);
		return err;
	}
	if (linkat(s->dir_fd, s->name, s->dir_fd, s->bak, 0) < 0) {
		err = -errno;
		if ((err != -EPERM && err != -ENOTSUP) ||
		    renameat(s->dir_fd, s->name, s->dir_fd, s->bak) < 0) {
			sysctl_error(s->a, "cannot keep '%s' as '%s': %s", conf,
				     bak, pf_strerror(err));
			return err;
		}
		*moved = true;
	}
	s->had_conf = true;
	pf_strlcpy(s->a->backup, sizeof(s->a->backup), bak);
	return 0;
}

/* Put the previous file back, or remove the new one.  0 or -errno. */
static int restore_conf(struct apply_state *s)
{
	if (!s->replaced)
		return 0;
	if (s->had_conf) {
		if (renameat(s->dir_fd, s->bak, s->dir_fd, s->name) < 0)
			return -errno;
	} else if (unlinkat(s->dir_fd, s->name, 0) < 0 && errno != ENOENT) {
		return -errno;
	}
	s->replaced = false;
	fsync_dir(s->dir_fd);
	remove_made_dirs(s);
	return 0;
}

/* Replace conf with text atomically.  On failure nothing is left changed. */
static int write_conf(struct apply_state *s, const char *text)
{
	char path[PATH_MAX];
	bool moved;
	int err, err2;

	if (s->etc_fd < 0) {
		err = make_dir(s, s->r.fd, s->etc, s->etc, &s->etc_fd,
			       &s->made_etc);
		if (err)
			goto out_dirs;
	}
	if (s->dir_fd < 0) {
		err = make_dir(s, s->etc_fd, s->sub, s->dir, &s->dir_fd,
			       &s->made_dir);
		if (err)
			goto out_dirs;
	}
	err = write_tmp(s, text);
	if (err)
		goto out_dirs;
	err = keep_backup(s, &moved);
	if (err)
		goto out_tmp;
	if (renameat(s->dir_fd, s->tmp, s->dir_fd, s->name) < 0) {
		err = -errno;
		sysctl_error(s->a, "cannot rename '%s' to '%s': %s",
			     dir_path(s, s->tmp, path, sizeof(path)),
			     s->a->conf, pf_strerror(err));
		if (moved &&
		    renameat(s->dir_fd, s->bak, s->dir_fd, s->name) < 0)
			sysctl_error_append(s->a, "put back", s->a->conf,
					    -errno);
		goto out_tmp;
	}
	s->tmp[0] = '\0';
	s->replaced = true;

	err = fsync_dir(s->dir_fd);
	if (!err && s->made_dir)
		err = fsync_dir(s->etc_fd);
	if (!err && s->made_etc)
		err = fsync_dir(s->r.fd);
	if (err) {
		sysctl_error_errno(s->a, NULL, "cannot sync",
				   apply_path(s, s->dir, path, sizeof(path)),
				   err);
		err2 = restore_conf(s);
		if (err2)
			sysctl_error_append(s->a, "put back", s->a->conf, err2);
		else
			s->a->rolled_back = true;
	}
	return err;

out_tmp:
	unlinkat(s->dir_fd, s->tmp, 0);
	s->tmp[0] = '\0';
out_dirs:
	remove_made_dirs(s);
	return err;
}

/* ---- live values ------------------------------------------------------ */

/* Read back what rel holds: 0 when it is want, 1 when not, or -errno. */
static int check_value(struct sysctl_root *r, const char *rel, long want,
		       long *got)
{
	int err = sysctl_read_rel(r, rel, got);

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
	char rel[PATH_MAX], path[PATH_MAX];
	bool ok = true;
	long got;
	int i, err;

	for (i = last; i >= 0; i--) {
		struct pf_sysctl_item *it = &a->items[i];

		if (!it->written)
			continue;
		err = sysctl_rel(rel, sizeof(rel), it->name);
		if (!err)
			err = sysctl_write_rel(&s->r, rel, it->old);
		if (!err)
			err = check_value(&s->r, rel, it->old, &got);
		if (err > 0)
			err = -EIO;
		if (err) {
			if (ok)
				sysctl_error_append(
					a, "set back",
					apply_path(s, rel, path, sizeof(path)),
					err);
			ok = false;
		}
	}
	err = restore_conf(s);
	if (err) {
		if (ok)
			sysctl_error_append(a, "put back", a->conf, err);
		ok = false;
	}
	a->rolled_back = ok;
}

/* Write and read back each present item; roll back on the first failure. */
static int set_values(struct apply_state *s)
{
	struct pf_apply *a = s->a;
	char rel[PATH_MAX], path[PATH_MAX];
	long got;
	int i, err = 0;

	for (i = 0; i < a->nr; i++) {
		struct pf_sysctl_item *it = &a->items[i];

		if (!it->present)
			continue;
		/* Checked when the old values were read. */
		err = sysctl_rel(rel, sizeof(rel), it->name);
		if (err) {
			sysctl_error(a, "invalid sysctl name '%s'", it->name);
			break;
		}
		apply_path(s, rel, path, sizeof(path));
		err = sysctl_write_rel(&s->r, rel, it->value);
		if (err) {
			sysctl_error_errno(a, &s->r, "cannot write", path, err);
			break;
		}
		it->written = true;
		err = check_value(&s->r, rel, it->value, &got);
		if (err > 0) {
			err = -EIO;
			sysctl_error(a, "'%s' reads back %ld after writing %ld",
				     path, got, it->value);
			break;
		}
		if (err) {
			sysctl_error(a, "cannot read back '%s': %s", path,
				     pf_strerror(err));
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

/* Every name is one a sysctl can have.  Nothing is read. */
static int check_names(struct pf_apply *a)
{
	char rel[PATH_MAX];
	int i, err;

	for (i = 0; i < a->nr; i++) {
		struct pf_sysctl_item *it = &a->items[i];

		if (strnlen(it->name, sizeof(it->name)) == sizeof(it->name)) {
			sysctl_error(a, "invalid sysctl name '%.*s...'",
				     (int)sizeof(it->name) - 1, it->name);
			err = -EINVAL;
			goto fail;
		}
		err = sysctl_rel(rel, sizeof(rel), it->name);
		if (err == -EINVAL) {
			sysctl_error(a, "invalid sysctl name '%s'", it->name);
			goto fail;
		}
		if (err) {
			sysctl_error(a, "path too long for '%s'", it->name);
			goto fail;
		}
	}
	return 0;
fail:
	a->failed = i;
	return err;
}

/*
 * Fill old/present of every item.  Nothing is written.  A tree without
 * proc/sys is refused: it is a record of another machine (a sosreport),
 * and saying that each sysctl is missing would not be true.
 */
static int read_old_values(struct apply_state *s)
{
	struct pf_apply *a = s->a;
	char rel[PATH_MAX], path[PATH_MAX];
	int i, fd, err;

	if (!a->nr)
		return 0;
	err = beneath_dir(&s->r, SYSCTL_PROC, &fd);
	if (err == -ENOENT) {
		sysctl_error(a,
			     "'%s' has no " SYSCTL_PROC ": a sosreport or a "
			     "saved tree records another machine, and cannot "
			     "be applied to (--sysctl prints the file for it)",
			     s->r.real);
		return err;
	}
	if (err) {
		sysctl_error_errno(
			a, &s->r, "cannot open",
			apply_path(s, SYSCTL_PROC, path, sizeof(path)), err);
		return err;
	}
	close(fd);

	for (i = 0; i < a->nr; i++) {
		struct pf_sysctl_item *it = &a->items[i];

		sysctl_rel(rel, sizeof(rel), it->name); /* checked */
		err = sysctl_read_rel(&s->r, rel, &it->old);
		if (err == -ENOENT && !s->r.why[0]) {
			it->old = -1;
			continue; /* the kernel lacks it */
		}
		if (err) {
			it->old = -1;
			sysctl_error_errno(
				a, &s->r, "cannot read",
				apply_path(s, rel, path, sizeof(path)), err);
			a->failed = i;
			return err;
		}
		it->present = true;
	}
	return 0;
}

int pf_sysctl_apply(const char *root, struct pf_apply *a, const char *text,
		    bool dry_run)
{
	struct apply_state s = { .a = a, .etc_fd = -1, .dir_fd = -1 };
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
	err = check_names(a);
	if (err)
		return err;

	err = root_open(&s.r, root);
	if (err) {
		sysctl_error(a, "cannot open the root '%s': %s", root,
			     pf_strerror(err));
		return err;
	}
	err = apply_paths(&s);
	if (err) {
		sysctl_error(a, "path too long under '%s'", s.r.real);
		goto out;
	}

	/* everything looked at before the first write */
	err = read_old_values(&s);
	if (!err)
		err = check_conf(&s);
	if (err) {
		if (!dry_run)
			sysctl_error_note(a, "nothing was written");
		goto out;
	}
	if (dry_run)
		goto out;

	err = write_conf(&s, text);
	if (!err)
		err = set_values(&s);
out:
	if (s.dir_fd >= 0)
		close(s.dir_fd);
	if (s.etc_fd >= 0)
		close(s.etc_fd);
	root_close(&s.r);
	return err;
}
