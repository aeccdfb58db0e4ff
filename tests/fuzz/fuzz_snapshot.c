// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_snapshot.c - libFuzzer target for the readers of a whole tree: the
 * --root reader (pf_system_read), the snapshot writer (pf_system_snapshot)
 * and the log directory walk (pf_logdir_walk).  The input describes a small
 * directory tree, symlinks included:
 *
 *	f proc/zoneinfo		a file; its content is the lines after,
 *	...			up to a line "@@@" or the end
 *	@@@
 *	l proc/sys/vm/min_free_kbytes ../../buddyinfo	a symlink
 *	d sys/kernel/debug	a directory
 *
 * The tree is made in a fresh directory, read, saved with the snapshot
 * writer and read back from the copy, walked for logs, and removed.  What
 * must hold: the reader's bounds (fuzz_system.h); the copy reads back the
 * same zones, kernel and sysctls (snapshot.c's promise); the walk hands
 * out only paths inside the tree.
 *
 * Nothing escapes the private temporary directory: names are plain words
 * (no "..", no "/" of their own), entries are made without following a
 * symlink on their way, a symlink may climb with leading ".." no higher
 * than the padding directories above the tree, and the only absolute
 * targets are /dev/null and a path that does not exist (a target that
 * cannot be one of these becomes the latter).  No FIFOs and no devices
 * but /dev/null: a reader blocked on one is the hostile matrix's concern
 * (tests/hostile), not a crash.
 */
#define _GNU_SOURCE /* nftw */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libpagefail.h"
#include "fuzz_system.h"

#define MAX_ENTRIES 64
#define MAX_DEPTH   8
#define MAX_NAME    64
#define PAD	    3 /* directories between the tree and base/t */

static char base[PATH_MAX]; /* the private temporary directory */
static char root[PATH_MAX]; /* base/t/p/p/p/root: the tree */
static char snap[PATH_MAX]; /* base/snap: the snapshot of it */
static char real_root[PATH_MAX];

static void cleanup(void)
{
	fuzz_remove_tree(base);
}

static void setup(void)
{
	char path[PATH_MAX];

	fuzz_make_tmpdir(base, sizeof(base), "snapshot");
	atexit(cleanup);
	snprintf(path, sizeof(path), "%s/t", base);
	if (mkdir(path, 0700))
		abort();
	for (int i = 0; i < PAD; i++) {
		strcat(path, "/p");
		if (mkdir(path, 0700))
			abort();
	}
	snprintf(root, sizeof(root), "%s/root", path);
	snprintf(snap, sizeof(snap), "%s/snap", base);
}

/* A name of the tree: a plain word. */
static bool good_name(const char *s, size_t n)
{
	if (!n || n > MAX_NAME || (n == 1 && s[0] == '.') ||
	    (n == 2 && s[0] == '.' && s[1] == '.'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z') &&
		    !(s[i] >= 'A' && s[i] <= 'Z') &&
		    !(s[i] >= '0' && s[i] <= '9') && !strchr("._-+", s[i]))
			return false;
	return true;
}

/* Split rel ("a/b/c") into its names; their number, or -1 if not a path. */
static int split(char *rel, char **names)
{
	int n = 0;

	for (char *p = strtok(rel, "/"); p; p = strtok(NULL, "/")) {
		if (n == MAX_DEPTH || !good_name(p, strlen(p)))
			return -1;
		names[n++] = p;
	}
	return n ? n : -1;
}

/*
 * A symlink target that stays inside base/t from a link depth names below
 * the tree's root: leading "..", then plain names.  Anything else becomes
 * a path that does not exist, or /dev/null as given.
 */
static const char *safe_target(char *t, int depth)
{
	int ups = 0;
	char *p = t;

	if (!strcmp(t, "/dev/null"))
		return t;
	if (*t == '/' || !*t)
		return "/nonexistent";
	while (!strncmp(p, "../", 3) || !strcmp(p, "..")) {
		ups++;
		p += p[2] ? 3 : 2;
	}
	if (ups > depth + PAD)
		return "/nonexistent";
	for (char *q = p; *q;) {
		size_t n = strcspn(q, "/");

		if (!(n == 1 && q[0] == '.') && !good_name(q, n))
			return "/nonexistent";
		q += n;
		while (*q == '/')
			q++;
	}
	return t;
}

/*
 * The directory that holds the last of names[0..n) (made on the way),
 * opened without following a symlink; -1 when one is in the way.
 */
static int open_parent(char **names, int n)
{
	int dfd = open(root, O_DIRECTORY | O_RDONLY | O_CLOEXEC);

	for (int i = 0; dfd >= 0 && i < n - 1; i++) {
		int next;

		if (mkdirat(dfd, names[i], 0700) && errno != EEXIST) {
			close(dfd);
			return -1;
		}
		next = openat(dfd, names[i],
			      O_DIRECTORY | O_NOFOLLOW | O_RDONLY | O_CLOEXEC);
		close(dfd);
		dfd = next;
	}
	return dfd;
}

/* One entry: kind 'f', 'l' or 'd', its path, and its content or target. */
static void make_entry(char kind, char *rel, char *target, const uint8_t *data,
		       size_t len)
{
	char *names[MAX_DEPTH];
	int n = split(rel, names), dfd, fd;

	if (n < 0 || (dfd = open_parent(names, n)) < 0)
		return;
	switch (kind) {
	case 'd':
		(void)mkdirat(dfd, names[n - 1], 0700);
		break;
	case 'l':
		/* a name taken already keeps what it is */
		(void)symlinkat(safe_target(target, n - 1), dfd, names[n - 1]);
		break;
	case 'f':
		fd = openat(dfd, names[n - 1],
			    O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
				    O_CLOEXEC,
			    0600);
		if (fd < 0)
			break;
		while (len) {
			ssize_t w = write(fd, data, len);

			if (w <= 0)
				abort();
			data += w;
			len -= (size_t)w;
		}
		close(fd);
		break;
	}
	close(dfd);
}

/* The line at data[*pos], without its newline; *pos past it. */
static size_t next_line(const uint8_t *data, size_t size, size_t *pos,
			const uint8_t **line)
{
	const uint8_t *nl = memchr(data + *pos, '\n', size - *pos);
	size_t end = nl ? (size_t)(nl - data) : size;
	size_t n = end - *pos;

	*line = data + *pos;
	*pos = nl ? end + 1 : size;
	return n;
}

static void make_tree(const uint8_t *data, size_t size)
{
	size_t pos = 0;
	int entries = 0;

	if (mkdir(root, 0700))
		abort();
	while (pos < size && entries < MAX_ENTRIES) {
		char head[2 * PATH_MAX], *rel, *target = NULL;
		const uint8_t *line, *body;
		size_t n = next_line(data, size, &pos, &line), blen = 0;

		if (n < 3 || line[1] != ' ' || !strchr("fld", line[0]) ||
		    n >= sizeof(head) || memchr(line, '\0', n))
			continue;
		memcpy(head, line, n);
		head[n] = '\0';
		rel = head + 2;
		if (head[0] == 'l') {
			target = strchr(rel, ' ');
			if (!target)
				continue;
			*target++ = '\0';
		}
		if (head[0] == 'f') {
			/* the content: up to a "@@@" line */
			body = data + pos;
			while (pos < size) {
				size_t at = pos;
				const uint8_t *l;
				size_t ln = next_line(data, size, &pos, &l);

				if (ln == 3 && !memcmp(l, "@@@", 3)) {
					blen = at - (size_t)(body - data);
					break;
				}
				blen = pos - (size_t)(body - data);
			}
		} else {
			body = NULL;
		}
		make_entry(head[0], rel, target, body, blen);
		entries++;
	}
}

/* The walk hands out paths inside the tree only. */
static int on_log(const char *path, void *arg)
{
	char *real;

	(void)arg;
	if (strncmp(path, root, strlen(root)))
		abort();
	real = realpath(path, NULL);
	if (real) {
		size_t n = strlen(real_root);

		if (strncmp(real, real_root, n) ||
		    (real[n] && real[n] != '/')) {
			fprintf(stderr, "walk: %s is %s, outside %s\n", path,
				real, real_root);
			abort();
		}
		free(real);
	}
	fuzz_diag_bytes++;
	return 0;
}

/* What the copy must read back as: zones, kernel, sysctls, size. */
static void same(const struct pf_system *a, const struct pf_system *b)
{
	bool eq = a->nr_zones == b->nr_zones &&
		  !strcmp(a->kernel.str, b->kernel.str) &&
		  !memcmp(a->vm, b->vm, sizeof(a->vm)) &&
		  a->mem_total_kb == b->mem_total_kb &&
		  a->nr_cpus == b->nr_cpus && a->nr_nodes == b->nr_nodes;

	for (int i = 0; eq && i < a->nr_zones; i++) {
		const struct pf_zone *x = &a->zones[i], *y = &b->zones[i];

		eq = x->node == y->node && !strcmp(x->name, y->name) &&
		     x->free == y->free && x->min == y->min &&
		     x->low == y->low && x->high == y->high &&
		     x->present == y->present && x->managed == y->managed &&
		     x->nr_orders == y->nr_orders &&
		     !memcmp(x->nr_free, y->nr_free, sizeof(x->nr_free));
	}
	if (!eq) {
		fprintf(stderr,
			"the snapshot reads back otherwise than its tree\n");
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pf_system sys, copy;
	int err, n;

	if (!base[0])
		setup();
	make_tree(data, size);
	if (!realpath(root, real_root))
		abort();

	err = pf_system_read(root, &sys, fuzz_on_diag, NULL);
	if (!err)
		fuzz_check_system(&sys);
	n = pf_system_snapshot(root, snap, fuzz_on_diag, NULL);
	if (n > 0 && !err) {
		if (pf_system_read(snap, &copy, fuzz_on_diag, NULL))
			abort();
		fuzz_check_system(&copy);
		same(&sys, &copy);
	}
	pf_logdir_walk(root, on_log, NULL);

	fuzz_remove_tree(root);
	fuzz_remove_tree(snap);
	return 0;
}
