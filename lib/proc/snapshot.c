// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * snapshot.c - copy the files that pf_system_read() reads under a root into
 * a directory, in the same layout, so that the copy reads back the same
 * (pagefail snapshot; pagefail --root DIR later, elsewhere).
 *
 * The list of files is the reader's own (lib/proc/procfs.h).  /proc and /sys
 * files report a size of 0, so every file is read until EOF, whole, before
 * anything is written.  The zone state (zoneinfo, buddyinfo, pagetypeinfo
 * and the debugfs extfrag indices) changes while it is read: those files
 * are read together, then buddyinfo once more, and all again until the two
 * buddyinfo reads are equal (up to SNAP_TRIES times), so that the copy is
 * of one moment.  Of sys/devices/system/node only the node[0-9]+ directories
 * matter to the reader; each is made with its cpulist.
 *
 * A file that cannot be read is skipped and named through diag, except a
 * sosreport's stand-ins for proc/sys (sos_commands/..., uname), a vm sysctl
 * and the node directory of a kernel without NUMA, where they are simply
 * not there.
 *
 * dir holds one machine at one moment: a snapshot is never written over
 * another (the second machine's kernel read back with the first's zones).
 * dir must be new or empty; pf_system_snapshot_replace() first removes an
 * earlier snapshot, and only when dir holds nothing else: every entry is
 * looked at without following a symbolic link, and one that a snapshot
 * does not write refuses the whole, with nothing removed.  Everything is
 * read before dir is touched, so a root with nothing to read leaves an
 * earlier snapshot where it was.
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

#include "libpagefail.h"
#include "proc/procfs.h"
#include "util/util.h"

/*
 * The node directories are held in memory until dir is written: no more
 * than MAX_NUMNODES with the largest NODES_SHIFT (10) the kernel allows,
 * and a cpulist of 1024 CPUs in the worst notation is far under 64 KiB.
 */
#define SNAP_NODES_MAX	 1024
#define SNAP_CPULIST_MAX (64u << 10)
/*
 * pagetypeinfo walks every free list with the zone lock held (why it is
 * root only from 5.4): a few tries, not more.
 */
#define SNAP_TRIES 10

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

static void blob_free(struct blob *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
}

/*
 * All of path, read until EOF, at most max bytes, with the reader's own
 * regular file check (pf_read_file()): a tree is untrusted.  b->err is 0
 * or -errno, as returned.
 */
static int slurp(const char *path, size_t max, struct blob *b)
{
	b->data = NULL;
	b->len = 0;
	return b->err = pf_read_file(path, max, &b->data, &b->len);
}

/* root/rel into b. */
static int slurp_rel(const struct snap *s, const char *rel, size_t max,
		     struct blob *b)
{
	char path[PATH_MAX];
	int err = pf_proc_join(path, sizeof(path), s->root, rel);

	if (err) {
		b->data = NULL;
		b->len = 0;
		return b->err = err;
	}
	return slurp(path, max, b);
}

static void tell(const struct snap *s, const char *rel, const char *msg,
		 int err)
{
	char path[PATH_MAX], text[256];

	if (!s->diag)
		return;
	if (pf_proc_join(path, sizeof(path), s->root, rel))
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
	int fd, err = pf_proc_join(path, sizeof(path), s->dir, rel);

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
			slurp_rel(s, pf_proc_files[id].path, PF_PROC_FILE_MAX,
				  &b[id]);
		}
		if (b[PF_FILE_BUDDYINFO].err)
			return;
		slurp_rel(s, buddy, PF_PROC_FILE_MAX, &again);
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
	return !pf_proc_join(path, sizeof(path), dir, de->d_name) &&
	       !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* The node directories of sys/devices/system/node, each with its cpulist. */
struct nodes {
	int nr;
	char (*name)[NAME_MAX + 1];
	struct blob *cpulist;
};

static void nodes_release(struct nodes *n)
{
	for (int i = 0; i < n->nr; i++)
		blob_free(&n->cpulist[i]);
	free(n->name);
	free(n->cpulist);
	memset(n, 0, sizeof(*n));
}

/*
 * dir (.../sys/devices/system/node) is not there, but its parent is: a
 * kernel without CONFIG_NUMA (Debian's 686-pae), whose nodes
 * pf_system_read() counts from the zones.  As of a vm sysctl a kernel
 * lacks, nothing is said then; of a tree without sys/ (a sosreport), it is.
 */
static bool numa_less(const char *dir)
{
	char parent[PATH_MAX];
	char *slash;
	struct stat st;

	pf_strlcpy(parent, sizeof(parent), dir);
	slash = strrchr(parent, '/');
	if (!slash || slash == parent)
		return false;
	*slash = '\0';
	return !stat(parent, &st) && S_ISDIR(st.st_mode);
}

/* root/rel's node directories into n: 0, or -ENOMEM. */
static int read_nodes(const struct snap *s, const char *rel, struct nodes *n)
{
	char src[PATH_MAX], sub[PATH_MAX];
	size_t names = 0, cpulists = 0; /* room in each */
	struct dirent *de;
	int err;
	DIR *d;

	err = pf_proc_join(src, sizeof(src), s->root, rel);
	d = err ? NULL : opendir(src);
	if (!d) {
		err = err ? err : -errno;
		if (err != -ENOENT || !numa_less(src))
			tell(s, rel, "not copied", err);
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		if (!is_node_dir(src, de))
			continue;
		if (snprintf(sub, sizeof(sub), "%s/%s/%s", rel, de->d_name,
			     PF_FILE_NODE_CPULIST) >= (int)sizeof(sub))
			continue;
		if (n->nr == SNAP_NODES_MAX) {
			tell(s, rel,
			     "more node directories than a kernel has: "
			     "the rest not copied",
			     0);
			break;
		}
		if (PF_GROW(n->name, names, (size_t)n->nr + 1, 8) ||
		    PF_GROW(n->cpulist, cpulists, (size_t)n->nr + 1, 8)) {
			err = -ENOMEM;
			break;
		}
		pf_strlcpy(n->name[n->nr], sizeof(n->name[0]), de->d_name);
		if (slurp_rel(s, sub, SNAP_CPULIST_MAX, &n->cpulist[n->nr]))
			tell(s, sub, "not copied", n->cpulist[n->nr].err);
		n->nr++;
	}
	closedir(d);
	return err;
}

/*
 * dir/rel/nodeN/cpulist for each node; the directory is what the reader
 * counts: made even when its cpulist could not be read.  Returns the
 * number of files written, or -errno.
 */
static int put_nodes(const struct snap *s, const char *rel,
		     const struct nodes *n)
{
	char sub[PATH_MAX], dst[PATH_MAX];
	int err, copied = 0;

	for (int i = 0; i < n->nr; i++) {
		snprintf(sub, sizeof(sub), "%s/%s/%s", rel, n->name[i],
			 PF_FILE_NODE_CPULIST);
		err = pf_proc_join(dst, sizeof(dst), s->dir, sub);
		if (!err) {
			*strrchr(dst, '/') = '\0';
			err = make_dirs(dst);
		}
		if (!err && !n->cpulist[i].err) {
			err = put(s, sub, &n->cpulist[i]);
			copied += !err;
		}
		if (err)
			return err;
	}
	return copied;
}

/* ---- what dir already holds ------------------------------------------ */

/* Is rel (relative to dir) a file a snapshot writes? */
static bool snapshot_file(const char *rel)
{
	const char *nodes = pf_proc_files[PF_FILE_NODES].path;
	size_t n = strlen(nodes);
	char name[NAME_MAX + 1];
	const char *p, *q;

	for (int id = 0; id < PF_FILE_NR; id++)
		if (!(pf_proc_files[id].flags & PF_FILE_DIR) &&
		    !strcmp(rel, pf_proc_files[id].path))
			return true;
	/* NODES/nodeN/cpulist */
	if (strncmp(rel, nodes, n) || rel[n] != '/')
		return false;
	p = rel + n + 1;
	q = strchr(p, '/');
	if (!q || (size_t)(q - p) >= sizeof(name))
		return false;
	pf_strlcpyn(name, sizeof(name), p, (size_t)(q - p));
	return pf_proc_is_node_name(name) &&
	       !strcmp(q + 1, PF_FILE_NODE_CPULIST);
}

/* Is rel a directory on the way to one (proc, proc/sys, NODES/nodeN)? */
static bool snapshot_dir(const char *rel)
{
	const char *nodes = pf_proc_files[PF_FILE_NODES].path;
	size_t len = strlen(rel), n = strlen(nodes);

	for (int id = 0; id < PF_FILE_NR; id++) {
		const char *path = pf_proc_files[id].path;

		if (!strncmp(path, rel, len) &&
		    (path[len] == '/' ||
		     (!path[len] && (pf_proc_files[id].flags & PF_FILE_DIR))))
			return true;
	}
	return !strncmp(rel, nodes, n) && rel[n] == '/' &&
	       !strchr(rel + n + 1, '/') && pf_proc_is_node_name(rel + n + 1);
}

enum { HOLDS_NOTHING, HOLDS_SNAPSHOT, HOLDS_OTHER };

/*
 * What the directory fd (rel, relative to dir) holds; with remove, what a
 * snapshot writes is removed as it is found.  Symbolic links are never
 * followed: a link is something a snapshot does not write.  Returns
 * HOLDS_*, or -errno.
 */
static int dir_holds(int fd, char *rel, size_t size, bool remove)
{
	size_t len = strlen(rel);
	int ret = HOLDS_NOTHING;
	struct dirent *de;
	DIR *d = fdopendir(fd);

	if (!d) {
		close(fd);
		return -errno;
	}
	while (ret != HOLDS_OTHER && (de = readdir(d)) != NULL) {
		struct stat st;
		int sub;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (snprintf(rel + len, size - len, "%s%s", len ? "/" : "",
			     de->d_name) >= (int)(size - len) ||
		    fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW)) {
			ret = HOLDS_OTHER;
			break;
		}
		if (S_ISREG(st.st_mode) && snapshot_file(rel)) {
			ret = HOLDS_SNAPSHOT;
			if (remove && unlinkat(dirfd(d), de->d_name, 0))
				ret = -errno;
		} else if (S_ISDIR(st.st_mode) && snapshot_dir(rel)) {
			sub = openat(dirfd(d), de->d_name,
				     O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
					     O_CLOEXEC);
			sub = sub < 0 ? -errno
				      : dir_holds(sub, rel, size, remove);
			if (sub == HOLDS_NOTHING)
				sub = HOLDS_SNAPSHOT; /* an empty proc/ */
			if (sub == HOLDS_SNAPSHOT && remove &&
			    unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR))
				sub = -errno;
			ret = sub;
		} else {
			ret = HOLDS_OTHER;
		}
		rel[len] = '\0';
		if (ret < 0)
			break;
	}
	rel[len] = '\0';
	closedir(d);
	return ret;
}

/*
 * Is dir new, empty, or an earlier snapshot (removed when replace)?
 * Returns 0, -EEXIST (a snapshot, not replace), -ENOTEMPTY (something
 * else: nothing removed), or -errno.
 */
static int clear_dir(const char *dir, bool replace)
{
	char rel[PATH_MAX] = "";
	int fd, held;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	held = dir_holds(fd, rel, sizeof(rel), false);
	if (held < 0)
		return held;
	if (held == HOLDS_OTHER)
		return -ENOTEMPTY;
	if (held == HOLDS_NOTHING)
		return 0;
	if (!replace)
		return -EEXIST;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	held = dir_holds(fd, rel, sizeof(rel), true);
	return held < 0 ? held : 0;
}

/*
 * May a snapshot of s->root be written to dir?  It must be a directory
 * when it exists, not the root itself (a snapshot onto itself would
 * remove what it reads), and new, empty or (replace) an earlier snapshot:
 * refused before anything is read, cheap, and says why at once.
 */
static int snapshot_target_ok(const struct snap *s, const char *dir,
			      bool replace)
{
	struct stat rst, dst;
	int err;

	if (!dir || !*dir)
		return -EINVAL;
	if (strlen(dir) >= PATH_MAX)
		return -ENAMETOOLONG;
	if (!stat(dir, &dst)) {
		if (!S_ISDIR(dst.st_mode))
			return -ENOTDIR;
		if (!stat(s->root, &rst) && rst.st_dev == dst.st_dev &&
		    rst.st_ino == dst.st_ino)
			return -EINVAL;
	}
	err = clear_dir(dir, false);
	if (err && !(err == -EEXIST && replace))
		return err;
	return 0;
}

/*
 * A file that could not be read, said when worth a word: not for a
 * sosreport stand-in on a live system or a vm sysctl this kernel does not
 * have.
 */
static void tell_unread(const struct snap *s, const struct pf_proc_file *pf,
			int err)
{
	bool absent = err == -ENOENT;

	if (absent && !strncmp(pf->path, "sys/kernel/debug/", 17))
		tell(s, pf->path,
		     "not copied: debugfs is not "
		     "mounted (mount -t debugfs none "
		     "/sys/kernel/debug)",
		     0);
	else if (!(absent && ((pf->flags & PF_FILE_STANDIN) ||
			      !strncmp(pf->path, "proc/sys/vm/", 12))))
		tell(s, pf->path, "not copied", err);
}

/*
 * Read every file of the reader's list into b[] (the zone files together,
 * capture_zones()), and the node directories into nodes (*nodes_id: their
 * entry).  *any: something was read.  Returns 0 or -errno.
 */
static int snapshot_read(const struct snap *s, struct blob *b,
			 struct nodes *nodes, int *nodes_id, bool *any)
{
	int err = 0;

	capture_zones(s, b);
	for (int id = 0; id < PF_FILE_NR && !err; id++) {
		const struct pf_proc_file *pf = &pf_proc_files[id];

		if (pf->flags & PF_FILE_DIR) {
			*nodes_id = id;
			err = read_nodes(s, pf->path, nodes);
			*any |= nodes->nr > 0;
			continue;
		}
		if (!(pf->flags & PF_FILE_ZONES))
			slurp_rel(s, pf->path, PF_PROC_FILE_MAX, &b[id]);
		if (b[id].err) {
			tell_unread(s, pf, b[id].err);
			continue;
		}
		*any = true;
	}
	return err;
}

/*
 * Write what was read under s->dir, after clearing an earlier snapshot
 * there (replace).  Returns the files copied, or -errno.
 */
static int snapshot_write(const struct snap *s, const struct blob *b,
			  const struct nodes *nodes, int nodes_id, bool replace)
{
	char path[PATH_MAX];
	int err, copied = 0;

	err = clear_dir(s->dir, replace);
	if (!err) {
		pf_strlcpy(path, sizeof(path), s->dir);
		err = make_dirs(path);
	}
	for (int id = 0; id < PF_FILE_NR && !err; id++) {
		if (id == nodes_id) {
			err = put_nodes(s, pf_proc_files[id].path, nodes);
			if (err > 0)
				copied += err;
			if (err >= 0)
				err = 0;
		} else if (!b[id].err) {
			err = put(s, pf_proc_files[id].path, &b[id]);
			copied += !err;
		}
	}
	return err ? err : copied;
}

static int snapshot(const char *root, const char *dir, bool replace,
		    pf_diag_fn diag, void *data)
{
	struct snap s = {
		.root = root && *root ? root : "/",
		.dir = dir,
		.diag = diag,
		.data = data,
	};
	struct blob b[PF_FILE_NR];
	struct nodes nodes = { 0 };
	int err, nodes_id = -1;
	bool any = false;

	err = snapshot_target_ok(&s, dir, replace);
	if (err)
		return err;
	memset(b, 0, sizeof(b));
	err = snapshot_read(&s, b, &nodes, &nodes_id, &any);
	/* nothing read: dir, and what it held, stay as they were */
	if (!err && any)
		err = snapshot_write(&s, b, &nodes, nodes_id, replace);
	for (int id = 0; id < PF_FILE_NR; id++)
		blob_free(&b[id]);
	nodes_release(&nodes);
	return err;
}

int pf_system_snapshot(const char *root, const char *dir, pf_diag_fn diag,
		       void *data)
{
	return snapshot(root, dir, false, diag, data);
}

int pf_system_snapshot_replace(const char *root, const char *dir,
			       pf_diag_fn diag, void *data)
{
	return snapshot(root, dir, true, diag, data);
}
