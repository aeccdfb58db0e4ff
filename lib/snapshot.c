// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * snapshot.c - copy the files that pf_system_read() reads under a root into
 * a directory, in the same layout, so that the copy reads back the same
 * (pagefail snapshot; pagefail --root DIR later, elsewhere).
 *
 * The list of files is the reader's own (lib/procfs.h).  /proc and /sys
 * files report a size of 0, so every file is read until EOF, whole, before
 * anything is written.  The zone state (zoneinfo, buddyinfo, pagetypeinfo
 * and the debugfs extfrag indices) changes while it is read: those files
 * are read together, then buddyinfo once more, and all again until the two
 * buddyinfo reads are equal (up to SNAP_TRIES times), so that the copy is
 * of one moment.  Of sys/devices/system/node only the node[0-9]+ directories
 * matter to the reader; each is made with its cpulist.
 *
 * A file that cannot be read is skipped and named through diag, except a
 * sosreport's stand-ins for proc/sys (sos_commands/..., uname) where they
 * are simply not there.  What an earlier snapshot left in dir under a name
 * that was not copied this time is removed, so that dir holds one moment.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pagefail.h"
#include "procfs.h"
#include "util.h"

/*
 * pagetypeinfo walks every free list with the zone lock held (why it is
 * root only from 5.4): a few tries, not more.
 */
#define SNAP_TRIES	10

/* A file's bytes, or why there are none. */
struct blob {
	char *data;
	size_t len;
	int err;
};

struct snap {
	const char *root, *dir;
	pf_diag_fn diag;
	void *data;
};

/* base + "/" + rel into buf. */
static int join(char *buf, size_t size, const char *base, const char *rel)
{
	size_t n = strlen(base);
	int len;

	while (n > 0 && base[n - 1] == '/')
		n--;
	len = snprintf(buf, size, "%.*s/%s", (int)n, base, rel);
	if (len < 0 || (size_t)len >= size)
		return -ENAMETOOLONG;
	return 0;
}

static void blob_free(struct blob *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
}

/*
 * All of path, read until EOF, with the reader's own bound and regular
 * file check (pf_read_file(), PF_PROC_FILE_MAX): a tree is untrusted.
 * b->err is 0 or -errno, as returned.
 */
static int slurp(const char *path, struct blob *b)
{
	b->data = NULL;
	b->len = 0;
	return b->err = pf_read_file(path, PF_PROC_FILE_MAX, &b->data, &b->len);
}

/* root/rel into b. */
static int slurp_rel(const struct snap *s, const char *rel, struct blob *b)
{
	char path[PATH_MAX];
	int err = join(path, sizeof(path), s->root, rel);

	if (err) {
		b->data = NULL;
		b->len = 0;
		return b->err = err;
	}
	return slurp(path, b);
}

static void tell(const struct snap *s, const char *rel, const char *msg,
		 int err)
{
	char path[PATH_MAX], text[256];

	if (!s->diag)
		return;
	if (join(path, sizeof(path), s->root, rel))
		pf_strlcpy(path, sizeof(path), rel);
	if (err)
		snprintf(text, sizeof(text), "%s: %s", msg,
			 pf_source_strerror(NULL, err));
	else
		pf_strlcpy(text, sizeof(text), msg);
	s->diag(path, 0, text, s->data);
}

/* mkdir -p of path (modified in place, restored). */
static int make_dirs(char *path)
{
	for (char *p = path + 1;; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) && errno != EEXIST) {
			int err = -errno;

			*p = c;
			return err;
		}
		*p = c;
		if (!c)
			return 0;
	}
}

/* dir/rel holds b; the directories on the way are made. */
static int put(const struct snap *s, const char *rel, const struct blob *b)
{
	char path[PATH_MAX], *slash;
	const char *p = b->data;
	size_t left = b->len;
	int fd, err = join(path, sizeof(path), s->dir, rel);

	if (err)
		return err;
	slash = strrchr(path, '/');
	*slash = '\0';
	err = make_dirs(path);
	*slash = '/';
	if (err)
		return err;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	while (left) {
		ssize_t n = write(fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? -errno : -EIO;
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	if (close(fd) && !err)
		err = -errno;
	return err;
}

/* What an earlier snapshot left under rel goes: it is not of this one. */
static void drop_stale(const struct snap *s, const char *rel)
{
	char path[PATH_MAX];

	if (!join(path, sizeof(path), s->dir, rel))
		unlink(path);
}

static bool same_blob(const struct blob *a, const struct blob *b)
{
	return a->len == b->len &&
	       (!a->len || !memcmp(a->data, b->data, a->len));
}

/*
 * The zone state of one moment: every PF_FILE_ZONES file, then buddyinfo
 * again, until buddyinfo did not change meanwhile.
 */
static void capture_zones(const struct snap *s, struct blob *b)
{
	const char *buddy = pf_proc_files[PF_FILE_BUDDYINFO].path;

	for (int attempt = 0; attempt < SNAP_TRIES; attempt++) {
		struct blob again;
		bool stable;

		for (int id = 0; id < PF_FILE_NR; id++) {
			if (!(pf_proc_files[id].flags & PF_FILE_ZONES))
				continue;
			blob_free(&b[id]);
			slurp_rel(s, pf_proc_files[id].path, &b[id]);
		}
		if (b[PF_FILE_BUDDYINFO].err)
			return;
		slurp_rel(s, buddy, &again);
		stable = again.err || same_blob(&b[PF_FILE_BUDDYINFO], &again);
		blob_free(&again);
		if (stable)
			return;
	}
	tell(s, buddy, "changed all the time it was read: copied as last read",
	     0);
}

/* A node[0-9]+ entry of dir that is a directory (or a link to one). */
static bool is_node_dir(const char *dir, const struct dirent *de)
{
	char path[PATH_MAX];
	struct stat st;

	if (!pf_proc_is_node_name(de->d_name))
		return false;
	if (de->d_type == DT_DIR)
		return true;
	if (de->d_type != DT_UNKNOWN && de->d_type != DT_LNK)
		return false;
	return !join(path, sizeof(path), dir, de->d_name) &&
	       !stat(path, &st) && S_ISDIR(st.st_mode);
}

/*
 * sys/devices/system/node: each node directory, made with its cpulist.
 * Returns the number of files copied, or -errno when dir cannot be written.
 */
static int copy_nodes(const struct snap *s, const char *rel)
{
	char src[PATH_MAX], sub[PATH_MAX], dst[PATH_MAX];
	struct dirent *de;
	int err, copied = 0;
	DIR *d;

	err = join(src, sizeof(src), s->root, rel);
	d = err ? NULL : opendir(src);
	if (!d) {
		tell(s, rel, "not copied", err ? err : -errno);
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		struct blob b;

		if (!is_node_dir(src, de))
			continue;
		if (snprintf(sub, sizeof(sub), "%s/%s/%s", rel, de->d_name,
			     PF_FILE_NODE_CPULIST) >= (int)sizeof(sub))
			continue;
		/* the directory is what the reader counts: made first */
		err = join(dst, sizeof(dst), s->dir, sub);
		if (!err) {
			*strrchr(dst, '/') = '\0';
			err = make_dirs(dst);
		}
		if (err)
			break;
		if (slurp_rel(s, sub, &b)) {
			tell(s, sub, "not copied", b.err);
			continue;
		}
		err = put(s, sub, &b);
		blob_free(&b);
		if (err)
			break;
		copied++;
	}
	closedir(d);
	return err ? err : copied;
}

int pf_system_snapshot(const char *root, const char *dir, pf_diag_fn diag,
		       void *data)
{
	struct snap s = {
		.root = root && *root ? root : "/",
		.dir = dir, .diag = diag, .data = data,
	};
	struct blob b[PF_FILE_NR];
	char path[PATH_MAX];
	struct stat rst, dst;
	int err, copied = 0;

	if (!dir || !*dir)
		return -EINVAL;
	if (strlen(dir) >= sizeof(path))
		return -ENAMETOOLONG;
	pf_strlcpy(path, sizeof(path), dir);
	err = make_dirs(path);
	if (err)
		return err;
	if (stat(dir, &dst))
		return -errno;
	if (!S_ISDIR(dst.st_mode))
		return -ENOTDIR;
	/* a snapshot onto itself would remove what it cannot read */
	if (!stat(s.root, &rst) && rst.st_dev == dst.st_dev &&
	    rst.st_ino == dst.st_ino)
		return -EINVAL;

	memset(b, 0, sizeof(b));
	capture_zones(&s, b);
	for (int id = 0; id < PF_FILE_NR && !err; id++) {
		const struct pf_proc_file *pf = &pf_proc_files[id];

		if (pf->flags & PF_FILE_DIR) {
			err = copy_nodes(&s, pf->path);
			if (err > 0)
				copied += err;
			if (err >= 0)
				err = 0;
			continue;
		}
		if (!(pf->flags & PF_FILE_ZONES))
			slurp_rel(&s, pf->path, &b[id]);
		if (b[id].err) {
			/*
			 * Not worth a word: a sosreport stand-in on a live
			 * system, a vm sysctl this kernel does not have.
			 */
			bool absent = b[id].err == -ENOENT;

			if (absent && !strncmp(pf->path, "sys/kernel/debug/", 17))
				tell(&s, pf->path, "not copied: debugfs is not "
				     "mounted (mount -t debugfs none "
				     "/sys/kernel/debug)", 0);
			else if (!(absent && ((pf->flags & PF_FILE_STANDIN) ||
					      !strncmp(pf->path, "proc/sys/vm/", 12))))
				tell(&s, pf->path, "not copied", b[id].err);
			drop_stale(&s, pf->path);
			continue;
		}
		err = put(&s, pf->path, &b[id]);
		if (!err)
			copied++;
	}
	for (int id = 0; id < PF_FILE_NR; id++)
		blob_free(&b[id]);
	return err ? err : copied;
}
