/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logdir.c - find the kernel logs in a sosreport, a copy of /var/log, or
 * any directory, and hand them out in the order their lines were written.
 *
 * The known places of a sosreport come first, each kind of log with its
 * rotated files oldest first, so that reports come out in time order.
 * Only when none of them is there is every regular file of the tree taken.
 * Nothing outside the tree is ever opened: sosreports hold absolute
 * symlinks into the machine they were taken on, which here means the
 * machine reading them.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "libpagefail.h"

/* How many directory levels below dir the catch-all walk descends. */
#define WALK_MAX_DEPTH 4

struct known_place {
	const char *subdir; /* relative to dir, "" for dir itself */
	const char *prefix; /* name prefix of the kind's files */
	bool journal;	    /* journalctl output: skip non-log ones */
};

/* The order of this table is the order of the walk. */
static const struct known_place known[] = {
	{ "var/log", "messages", false },
	{ "var/log", "kern.log", false },
	{ "var/log", "syslog", false },
	{ "var/log", "dmesg", false },
	{ "sos_commands/kernel", "dmesg", false },
	{ "sos_commands/logs", "journalctl", true },
	{ "", "messages", false },
	{ "", "kern.log", false },
	{ "", "syslog", false },
	{ "", "dmesg", false },
	{ "", "journal", true },
};

/* Rotation groups, in walk order within one kind. */
enum {
	ROT_OTHER = 0, /* "messages.old", "journalctl_--no-pager" ... */
	ROT_DATED,     /* "messages-20240101": ascending */
	ROT_NUMBERED,  /* "messages.1": descending */
	ROT_LIVE,      /* "messages" */
};

struct entry {
	char *path;	   /* as handed to fn: dir + "/" + relative */
	const char *name;  /* the file name within path */
	int kind;	   /* index into known[], or 0 */
	int rot;	   /* ROT_* */
	char date[24];	   /* ROT_DATED: the digits */
	unsigned long num; /* ROT_NUMBERED */
	dev_t dev;
	ino_t ino;
	bool link; /* reached through a symlink */
};

struct walk {
	const char *dir; /* as given, without trailing slashes */
	size_t dir_len;
	char *root; /* realpath(dir) */
	struct entry *v;
	size_t n, cap;
};

static bool inside(const struct walk *w, const char *real)
{
	size_t len = strlen(w->root);

	if (!strcmp(w->root, "/"))
		return true;
	return !strncmp(real, w->root, len) &&
	       (real[len] == '/' || real[len] == '\0');
}

/*
 * Whether path, which lstat() described as *st, is a regular file to take.
 * A symlink counts when its target is a regular file inside the tree; *st
 * then describes the target.  A symlink that loops is taken too (and *st
 * still describes the link): it is a log that cannot be read, not one
 * that is absent, and the reader of the path says so.
 */
static bool take_file(const struct walk *w, const char *path, struct stat *st,
		      bool *link)
{
	char *real;
	bool ok;

	*link = false;
	if (S_ISREG(st->st_mode))
		return true;
	if (!S_ISLNK(st->st_mode))
		return false;
	real = realpath(path, NULL);
	if (!real) {
		*link = true;
		return errno == ELOOP;
	}
	ok = inside(w, real) && stat(real, st) == 0 && S_ISREG(st->st_mode);
	free(real);
	*link = true;
	return ok;
}

/* A directory to look into: its real place must be inside the tree. */
static bool dir_inside(const struct walk *w, const char *path)
{
	char *real = realpath(path, NULL);
	bool ok;

	if (!real)
		return false;
	ok = inside(w, real);
	free(real);
	return ok;
}

static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = malloc(la + lb + 2);

	if (!p)
		return NULL;
	memcpy(p, a, la);
	/* dir may be "/": no "//var/log". */
	if (la && a[la - 1] == '/')
		la--;
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

static int add(struct walk *w, char *path, const struct stat *st, bool link,
	       int kind)
{
	struct entry *e;

	if (PF_GROW(w->v, w->cap, w->n + 1, 32)) {
		free(path);
		return -ENOMEM;
	}
	e = &w->v[w->n++];
	memset(e, 0, sizeof(*e));
	e->path = path;
	e->name = strrchr(path, '/') + 1;
	e->kind = kind;
	e->dev = st->st_dev;
	e->ino = st->st_ino;
	e->link = link;
	return 0;
}

static bool ends_with(const char *s, size_t len, const char *tail)
{
	size_t lt = strlen(tail);

	return len >= lt && !memcmp(s + len - lt, tail, lt);
}

/* Where a rotated name sorts among its kind ("messages-20240101.gz"). */
static void classify(struct entry *e, const char *suffix)
{
	size_t len = strlen(suffix), i, nd = 0;
	bool digits_only = true;

	/* The compression is no part of the rotation name. */
	if (ends_with(suffix, len, ".gz") || ends_with(suffix, len, ".xz"))
		len -= 3;
	else if (ends_with(suffix, len, ".bz2") ||
		 ends_with(suffix, len, ".zst"))
		len -= 4;

	if (len == 0) {
		e->rot = ROT_LIVE;
		return;
	}
	e->rot = ROT_OTHER;
	if (suffix[0] != '-' && suffix[0] != '.' && suffix[0] != '_')
		return;
	for (i = 1; i < len; i++) {
		if (suffix[i] >= '0' && suffix[i] <= '9') {
			if (nd + 1 < sizeof(e->date))
				e->date[nd++] = suffix[i];
		} else if (suffix[i] == '-' && i > 1) {
			digits_only = false; /* "2024-01-01" */
		} else {
			e->date[0] = '\0';
			return;
		}
	}
	e->date[nd] = '\0';
	/* logrotate's dateext is %Y%m%d at least; short numbers count. */
	if (nd >= 8) {
		e->rot = ROT_DATED;
	} else if (nd > 0 && digits_only && suffix[0] == '.') {
		e->rot = ROT_NUMBERED;
		e->num = strtoul(e->date, NULL, 10);
	}
}

static int cmp_known(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int r;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->rot != b->rot)
		return a->rot < b->rot ? -1 : 1;
	if (a->rot == ROT_DATED) {
		r = strcmp(a->date, b->date);
		if (r)
			return r;
	} else if (a->rot == ROT_NUMBERED && a->num != b->num) {
		return a->num > b->num ? -1 : 1; /* .3 is older than .1 */
	}
	return strcmp(a->name, b->name);
}

static int cmp_path(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;

	return strcmp(a->path, b->path);
}

/* journalctl outputs that are not log lines, or not the kernel's. */
static bool journal_ok(const char *name)
{
	static const char *const skip[] = {
		"disk-usage", "list-boots", "verbose",	    "json", "export",
		"--unit",     "_-u_",	    "--identifier", "_-t_", "--header",
		"--field",    "--verify",   "--list",
	};
	size_t i;

	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (strstr(name, skip[i]))
			return false;
	return true;
}

/* Whether name is prefix, or prefix followed by a rotation suffix. */
static bool name_matches(const struct known_place *k, const char *name)
{
	size_t len = strlen(k->prefix);

	if (strncmp(name, k->prefix, len))
		return false;
	/* "journalctl_--no-pager", "journal.txt": any journal output. */
	if (k->journal)
		return journal_ok(name);
	/* Not "messagesfoo"; yes "messages.1", "messages-2024", "dmesg_-T". */
	return name[len] == '\0' || name[len] == '.' || name[len] == '-' ||
	       name[len] == '_';
}

static int scan_known(struct walk *w, int kind)
{
	const struct known_place *k = &known[kind];
	struct dirent *de;
	char *sub;
	DIR *d;
	int err = 0;

	sub = *k->subdir ? join(w->dir, k->subdir) : strdup(w->dir);
	if (!sub)
		return -ENOMEM;
	if (!dir_inside(w, sub) || !(d = opendir(sub))) {
		free(sub);
		return 0;
	}
	while (!err && (de = readdir(d))) {
		struct stat st;
		char *path;
		bool link;

		if (!name_matches(k, de->d_name))
			continue;
		path = join(sub, de->d_name);
		if (!path) {
			err = -ENOMEM;
			break;
		}
		if (lstat(path, &st) < 0 || !take_file(w, path, &st, &link)) {
			free(path);
			continue;
		}
		err = add(w, path, &st, link, kind);
		if (!err)
			classify(&w->v[w->n - 1],
				 de->d_name + strlen(k->prefix));
	}
	closedir(d);
	free(sub);
	return err;
}

/* Every regular file below path, depth levels under dir. */
static int scan_all(struct walk *w, const char *path, int depth)
{
	struct dirent *de;
	DIR *d = opendir(path);
	int err = 0;

	/* An unreadable subdirectory costs its files, not the walk. */
	if (!d)
		return 0;
	while (!err && (de = readdir(d))) {
		struct stat st;
		char *sub;
		bool link;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		sub = join(path, de->d_name);
		if (!sub) {
			err = -ENOMEM;
			break;
		}
		if (lstat(sub, &st) < 0) {
			free(sub);
			continue;
		}
		/* lstat: a symlink to a directory is never descended. */
		if (S_ISDIR(st.st_mode)) {
			if (depth < WALK_MAX_DEPTH)
				err = scan_all(w, sub, depth + 1);
			free(sub);
			continue;
		}
		if (!take_file(w, sub, &st, &link)) {
			free(sub);
			continue;
		}
		err = add(w, sub, &st, link, 0);
	}
	closedir(d);
	return err;
}

/*
 * sosreports link files to each other (the root's "dmesg" and friends):
 * drop a file reached through a symlink when it was taken already.
 */
static bool duplicate(const struct walk *w, size_t i)
{
	size_t j;

	if (!w->v[i].link)
		return false;
	for (j = 0; j < w->n; j++) {
		if (j == i || w->v[j].dev != w->v[i].dev ||
		    w->v[j].ino != w->v[i].ino)
			continue;
		/* Keep the real file, or else the first link. */
		if (!w->v[j].link || j < i)
			return true;
	}
	return false;
}

int pf_logdir_walk(const char *dir, pf_path_fn fn, void *data)
{
	struct walk w = { 0 };
	size_t i, k;
	DIR *d;
	int err = 0;
	char *top;

	if (!dir || !fn)
		return -EINVAL;
	d = opendir(dir);
	if (!d)
		return -errno;
	closedir(d);
	w.root = realpath(dir, NULL);
	if (!w.root)
		return -errno;

	/* "logs/" and "logs" give the same paths. */
	w.dir_len = strlen(dir);
	while (w.dir_len > 1 && dir[w.dir_len - 1] == '/')
		w.dir_len--;
	top = strndup(dir, w.dir_len);
	if (!top) {
		free(w.root);
		return -ENOMEM;
	}
	w.dir = top;

	for (k = 0; !err && k < sizeof(known) / sizeof(known[0]); k++)
		err = scan_known(&w, k);
	if (!err && w.n) {
		qsort(w.v, w.n, sizeof(*w.v), cmp_known);
	} else if (!err) {
		err = scan_all(&w, w.dir, 0);
		if (!err && w.n)
			qsort(w.v, w.n, sizeof(*w.v), cmp_path);
	}
	for (i = 0; !err && i < w.n; i++)
		if (!duplicate(&w, i))
			err = fn(w.v[i].path, data);

	for (i = 0; i < w.n; i++)
		free(w.v[i].path);
	free(w.v);
	free(w.root);
	free(top);
	return err;
}
