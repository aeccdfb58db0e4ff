/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_fidelity.c - the fragmentation indices of lib/mm/frag.c against the
 * kernel's own: /sys/kernel/debug/extfrag/unusable_index and extfrag_index
 * print, per zone and order, what mm/vmstat.c computes from the free lists
 * that /proc/buddyinfo shows.  From one consistent snapshot (buddyinfo, both
 * debugfs files, buddyinfo again, until the two buddyinfo reads are equal),
 * pf_unusable_index() and pf_extfrag_index() of the buddyinfo counts must
 * equal the printed values to the thousandth, at every zone and order.
 *
 * On this machine when debugfs can be had, and always on the debian12-live
 * fixture, a snapshot of such a machine taken the same way.  When we are
 * root and debugfs is not mounted, a child mounts it in a mount namespace
 * of its own (unshare(CLONE_NEWNS), everything made private first), takes
 * the snapshot into a temporary directory and exits: the mount lives and
 * dies with that namespace, so no exit path, not even SIGKILL, can leave
 * it on the machine (tests/mounts.sh checks that).
 */
#define _GNU_SOURCE /* nftw, unshare */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "libpagefail.h"

#define DEBUGFS		"/sys/kernel/debug"
#define EXTFRAG_REL	"sys/kernel/debug/extfrag/"
#define UNUSABLE_REL	EXTFRAG_REL "unusable_index"
#define EXTFRAG_IDX_REL EXTFRAG_REL "extfrag_index"
#define TRIES		50

/* ---- helpers ---------------------------------------------------------- */

/* The whole of path, NUL-terminated, or NULL (errno set). */
static char *slurp(const char *path)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	FILE *f = fopen(path, "re");
	size_t n;

	if (!f || !buf) {
		int err = errno;

		free(buf);
		if (f)
			fclose(f);
		errno = err;
		return NULL;
	}
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len - 1 == 0) {
			char *p = realloc(buf, cap * 2);

			if (!p)
				break;
			buf = p;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		int err = errno ? errno : EIO;

		fclose(f);
		free(buf);
		errno = err;
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}

/* dir/rel holds s; 0 or -errno, without cmocka (a child calls it too). */
static int save(const char *dir, const char *rel, const char *s)
{
	char path[PATH_MAX];
	size_t len = strlen(s);
	FILE *f;
	int err = 0;

	if (snprintf(path, sizeof(path), "%s/%s", dir, rel) >=
	    (int)sizeof(path))
		return -ENAMETOOLONG;
	for (char *p = path + strlen(dir) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	f = fopen(path, "we");
	if (!f)
		return -errno;
	if (fwrite(s, 1, len, f) != len)
		err = -EIO;
	if (fclose(f) && !err)
		err = -errno;
	return err;
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	return remove(path);
}

/*
 * The indices a debugfs file printed, read here on their own (not with
 * the library's reader): "Node %d, zone %8s " and "%d.%03d " per order.
 */
struct printed_zone {
	int node;
	char name[16];
	int nr_orders;
	int v[PF_MAX_ORDER];
};

struct printed {
	int nr;
	struct printed_zone z[PF_ZONES_MAX];
};

static void parse_printed(const char *text, struct printed *pr)
{
	const char *line = text;

	pr->nr = 0;
	while (*line) {
		const char *end = strchr(line, '\n');
		struct printed_zone *z = &pr->z[pr->nr];
		int off = 0;

		if (!end)
			end = line + strlen(line);
		assert_true(pr->nr < PF_ZONES_MAX);
		assert_int_equal(sscanf(line, "Node %d, zone %15s %n", &z->node,
					z->name, &off) >= 2,
				 1);
		z->nr_orders = 0;
		for (const char *p = line + off; p < end;) {
			char *q, *r;
			long ip, frac;
			bool neg;

			while (p < end && *p == ' ')
				p++;
			if (p >= end)
				break;
			/* "-1.000" is -(1 * 1000 + 0); " 0.523" is 523 */
			neg = *p == '-';
			ip = labs(strtol(p, &q, 10));
			assert_true(q > p && *q == '.');
			frac = strtol(q + 1, &r, 10);
			assert_int_equal(r - (q + 1), 3);
			assert_true(z->nr_orders < PF_MAX_ORDER);
			z->v[z->nr_orders++] = (int)(neg ? -(ip * 1000 + frac)
							 : ip * 1000 + frac);
			p = r;
		}
		pr->nr++;
		line = *end ? end + 1 : end;
	}
}

static const struct printed_zone *printed_zone(const struct printed *pr,
					       int node, const char *name)
{
	for (int i = 0; i < pr->nr; i++)
		if (pr->z[i].node == node && !strcmp(pr->z[i].name, name))
			return &pr->z[i];
	return NULL;
}

/* A value that differs, named, then the failure. */
static void expect(const struct pf_zone *z, int order, const char *what,
		   int computed, int printed)
{
	if (computed == printed)
		return;
	print_message("Node %d, zone %s, order %d: %s computed %d.%03d, "
		      "the kernel printed %d.%03d\n",
		      z->node, z->name, order, what, computed / 1000,
		      abs(computed % 1000), printed / 1000,
		      abs(printed % 1000));
	fail();
}

/*
 * Every zone and order of sys (read from a root holding buddyinfo and both
 * debugfs files): computed == printed, and the library read the printed
 * values as this test does.  Returns the number of values compared.
 */
static int check_indices(const struct pf_system *sys, const char *unusable,
			 const char *extfrag)
{
	struct printed *pu = malloc(sizeof(*pu)), *pe = malloc(sizeof(*pe));
	int nr = 0, zones = 0;

	assert_non_null(pu);
	assert_non_null(pe);
	parse_printed(unusable, pu);
	parse_printed(extfrag, pe);
	assert_true(sys->have & PF_SYS_BUDDYINFO);
	assert_true(sys->have & PF_SYS_EXTFRAG);
	for (int i = 0; i < sys->nr_zones; i++) {
		const struct pf_zone *z = &sys->zones[i];
		const struct pf_extfrag *lib = &sys->debug_extfrag[i];
		const struct printed_zone *u, *e;

		if (!z->nr_orders)
			continue; /* no buddyinfo line: not populated */
		u = printed_zone(pu, z->node, z->name);
		e = printed_zone(pe, z->node, z->name);
		if (!u || !e)
			print_message("Node %d, zone %s: not in debugfs\n",
				      z->node, z->name);
		assert_non_null(u);
		assert_non_null(e);
		assert_int_equal(u->nr_orders, z->nr_orders);
		assert_int_equal(e->nr_orders, z->nr_orders);
		assert_int_equal(lib->nr_orders, z->nr_orders);
		for (int o = 0; o < z->nr_orders; o++) {
			expect(z, o, "unusable_index",
			       pf_unusable_index(z->nr_free, z->nr_orders, o),
			       u->v[o]);
			expect(z, o, "extfrag_index",
			       pf_extfrag_index(z->nr_free, z->nr_orders, o),
			       e->v[o]);
			/* lib/proc/procfs.c read what this test read */
			assert_int_equal(lib->unusable[o], u->v[o]);
			assert_int_equal(lib->extfrag[o], e->v[o]);
			nr += 2;
		}
		zones++;
	}
	/* and debugfs printed no zone that buddyinfo did not */
	assert_int_equal(pu->nr, zones);
	assert_int_equal(pe->nr, zones);
	free(pu);
	free(pe);
	return nr;
}

/* ---- the fixture ------------------------------------------------------ */

/* debian12-live was copied as one consistent snapshot: it must agree. */
static void test_fixture(void **state)
{
	const char *root = PF_FIXTURES "/system/debian12-live";
	struct pf_system *sys = malloc(sizeof(*sys));
	char path[PATH_MAX], *u, *e;

	assert_non_null(sys);
	assert_int_equal(pf_system_read(root, sys, NULL, NULL), 0);
	snprintf(path, sizeof(path), "%s/%s", root, UNUSABLE_REL);
	u = slurp(path);
	snprintf(path, sizeof(path), "%s/%s", root, EXTFRAG_IDX_REL);
	e = slurp(path);
	assert_non_null(u);
	assert_non_null(e);
	/* 3 populated zones, 11 orders, 2 indices */
	assert_int_equal(check_indices(sys, u, e), 66);
	free(u);
	free(e);
	free(sys);
}

/* ---- this machine ----------------------------------------------------- */

struct capture {
	char *buddy, *unusable, *extfrag;
};

static void capture_free(struct capture *c)
{
	free(c->buddy);
	free(c->unusable);
	free(c->extfrag);
	memset(c, 0, sizeof(*c));
}

/*
 * buddyinfo, both debugfs files, buddyinfo again, until the two buddyinfo
 * reads are equal.  Returns the tries it took, 0 when none was consistent,
 * -errno when a file could not be read.
 */
static int take_snapshot(struct capture *c)
{
	for (int t = 1; t <= TRIES; t++) {
		char *again;
		bool same;

		capture_free(c);
		c->buddy = slurp("/proc/buddyinfo");
		c->unusable = slurp("/" UNUSABLE_REL);
		c->extfrag = slurp("/" EXTFRAG_IDX_REL);
		again = slurp("/proc/buddyinfo");
		if (!c->buddy || !c->unusable || !c->extfrag || !again) {
			int err = errno ? errno : EIO;

			free(again);
			capture_free(c);
			return -err;
		}
		same = !strcmp(c->buddy, again);
		free(again);
		if (same)
			return t;
	}
	capture_free(c);
	return 0;
}

/*
 * A consistent snapshot saved under dir as a root of its own (buddyinfo
 * and both debugfs files): the tries it took, 0 or -errno as above.
 */
static int capture(const char *dir)
{
	struct capture c = { 0 };
	int tries = take_snapshot(&c), err;

	if (tries > 0 && ((err = save(dir, "proc/buddyinfo", c.buddy)) ||
			  (err = save(dir, UNUSABLE_REL, c.unusable)) ||
			  (err = save(dir, EXTFRAG_IDX_REL, c.extfrag))))
		tries = err;
	capture_free(&c);
	return tries;
}

/* A child's exit status beyond the tries of capture(). */
#define CHILD_SKIP  100 /* no debugfs to be had: it said why */
#define CHILD_ERRNO 101 /* capture() failed: it said why */

/*
 * In a child, in a mount namespace of its own: debugfs mounted and
 * capture(dir).  The parent's namespace never sees the mount, and when the
 * child exits, however it exits, its namespace goes and the mount with
 * it; nothing here unmounts.  Runs without cmocka (no assert may return
 * into the parent's tests from here).
 */
static void capture_child(const char *dir)
{
	int tries;

	if (unshare(CLONE_NEWNS)) {
		printf("fidelity: unshare(CLONE_NEWNS): %s: skipped (the fixture "
		       "check ran)\n",
		       strerror(errno));
		goto skip;
	}
	/*
	 * Private before anything is mounted, or the mount would propagate to
	 * the machine's namespace through shared mounts (systemd makes /
	 * shared).  In a chroot, / is no mount point: then /sys, under which
	 * debugfs goes.
	 */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) &&
	    mount(NULL, "/sys", NULL, MS_REC | MS_PRIVATE, NULL)) {
		printf("fidelity: making / or /sys private: %s: skipped\n",
		       strerror(errno));
		goto skip;
	}
	if (mount("none", DEBUGFS, "debugfs", 0, NULL)) {
		printf("fidelity: mount -t debugfs none %s: %s: skipped (the "
		       "fixture check ran)\n",
		       DEBUGFS, strerror(errno));
		goto skip;
	}
	if (access("/" UNUSABLE_REL, R_OK)) {
		/* no CONFIG_COMPACTION: no extfrag directory */
		printf("fidelity: /%s: %s with debugfs mounted: skipped\n",
		       UNUSABLE_REL, strerror(errno));
		goto skip;
	}
	tries = capture(dir);
	if (tries < 0) {
		printf("fidelity: reading the snapshot: %s: skipped\n",
		       strerror(-tries));
		fflush(stdout);
		_exit(CHILD_ERRNO);
	}
	fflush(stdout);
	_exit(tries);
skip:
	fflush(stdout);
	_exit(CHILD_SKIP);
}

static void test_live(void **state)
{
	struct capture c = { 0 };
	struct pf_system *sys;
	char dir[256], path[PATH_MAX];
	const char *t = getenv("TMPDIR");
	bool mounted = false, said = false;
	int tries, err, nr;

	if (access("/proc/buddyinfo", R_OK)) {
		print_message("fidelity: /proc/buddyinfo: %s: skipped\n",
			      strerror(errno));
		skip();
	}
	snprintf(dir, sizeof(dir), "%s/pf-fidelity-XXXXXX",
		 t && *t ? t : "/tmp");
	assert_non_null(mkdtemp(dir));

	if (!access("/" UNUSABLE_REL, R_OK)) {
		tries = capture(dir);
	} else if (geteuid() != 0) {
		print_message("fidelity: /%s: %s; not root, so no debugfs "
			      "mount: skipped (the fixture check ran)\n",
			      UNUSABLE_REL, strerror(errno));
		tries = 0;
		said = true;
	} else {
		int st = 0;
		pid_t pid;

		fflush(stdout);
		pid = fork();
		if (pid == 0)
			capture_child(dir);
		if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st)) {
			print_message("fidelity: the child that mounts debugfs "
				      "failed\n");
			nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
			fail();
		}
		tries = WEXITSTATUS(st);
		said = tries == CHILD_SKIP || tries == CHILD_ERRNO;
		if (said)
			tries = 0;
		mounted = true;
	}
	if (tries <= 0) {
		if (tries < 0)
			print_message("fidelity: reading the snapshot: %s: "
				      "skipped\n",
				      strerror(-tries));
		else if (!said)
			print_message("fidelity: buddyinfo changed in each "
				      "of %d tries: skipped\n",
				      TRIES);
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
		skip();
	}

	/* the snapshot as a root of its own, read by the library */
	snprintf(path, sizeof(path), "%s/proc/buddyinfo", dir);
	c.buddy = slurp(path);
	snprintf(path, sizeof(path), "%s/%s", dir, UNUSABLE_REL);
	c.unusable = slurp(path);
	snprintf(path, sizeof(path), "%s/%s", dir, EXTFRAG_IDX_REL);
	c.extfrag = slurp(path);
	sys = malloc(sizeof(*sys));
	err = sys ? pf_system_read(dir, sys, NULL, NULL) : -ENOMEM;
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	assert_non_null(c.buddy);
	assert_non_null(c.unusable);
	assert_non_null(c.extfrag);
	assert_int_equal(err, 0);

	nr = check_indices(sys, c.unusable, c.extfrag);
	print_message("fidelity: %d zones, %d values equal (snapshot in %d "
		      "tr%s%s)\n",
		      sys->nr_zones, nr, tries, tries == 1 ? "y" : "ies",
		      mounted ? ", debugfs mounted for it in a namespace of "
				"its own"
			      : "");
	assert_true(nr > 0);
	free(sys);
	capture_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture),
		cmocka_unit_test(test_live),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
