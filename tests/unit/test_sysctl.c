/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_sysctl.c - unit tests of reading and applying sysctls, on a test
 * root of plain files: root/proc/sys/vm/... and root/etc/sysctl.d.
 *
 * Plain files cannot refuse a write from root, nor read back something
 * else than what was written.  Those failures are made with a FIFO and a
 * child process that serves it: every open() of a FIFO waits for the other
 * side, so the child sees each step of pf_sysctl_apply() in order, and can
 * change the test root between two of them.
 *
 * Every path goes through one resolver that follows no symbolic link:
 * openat2(2), or a walk where the kernel has none.  ctest runs this file
 * twice, the second time under tests/helpers/no_openat2 (a seccomp filter
 * that makes openat2 fail with ENOSYS), so each test covers both ways.
 */
#define _GNU_SOURCE /* nftw */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "libpagefail.h"
#include "tmpdir.h"

static char root[300];

#define VM	      "proc/sys/vm/"
#define CONF	      PF_SYSCTL_CONF
#define BAK	      PF_SYSCTL_CONF ".bak"
#define CONFDIR	      "etc/sysctl.d"
#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))

/* ---- helpers ---------------------------------------------------------- */

/* root + "/" + rel */
static const char *rpath(const char *rel)
{
	return path_in(root, rel);
}

static void put(const char *rel, const char *text)
{
	FILE *f = fopen(rpath(rel), "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* The contents of path (malloc'd), or NULL when it does not exist. */
static char *get_path(const char *path)
{
	FILE *f = fopen(path, "r");
	char *p;
	size_t n;

	if (!f)
		return NULL;
	p = calloc(1, 4096);
	assert_non_null(p);
	n = fread(p, 1, 4095, f);
	p[n] = '\0';
	fclose(f);
	return p;
}

/* The contents of root/rel (malloc'd), or NULL when it does not exist. */
static char *get(const char *rel)
{
	return get_path(rpath(rel));
}

/* Where the symbolic link path points (malloc'd). */
static char *link_text(const char *path)
{
	char *p = calloc(1, PATH_MAX);
	ssize_t n;

	assert_non_null(p);
	n = readlink(path, p, PATH_MAX - 1);
	assert_true(n >= 0);
	return p;
}

static void assert_file(const char *rel, const char *text)
{
	char *p = get(rel);

	assert_non_null(p);
	assert_string_equal(p, text);
	free(p);
}

/* The number in root/proc/sys/vm/<leaf>, read without the library. */
static long vm(const char *leaf)
{
	char rel[128];
	char *p, *end;
	long v;

	snprintf(rel, sizeof(rel), VM "%s", leaf);
	p = get(rel);
	assert_non_null(p);
	v = strtol(p, &end, 10);
	assert_true(end != p && *end == '\n' && end[1] == '\0');
	free(p);
	return v;
}

static void mkdirs(const char *rel)
{
	char buf[PATH_MAX];
	char *p;

	assert_true((size_t)snprintf(buf, sizeof(buf), "%s/%s", root, rel) <
		    sizeof(buf));
	for (p = buf + strlen(root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(buf, 0755);
		*p = '/';
	}
	mkdir(buf, 0755);
}

/* A test root at tmpdir/<name>: three sysctls, no etc.  root is set. */
static int make_root(const char *name)
{
	snprintf(root, sizeof(root), "%s/%s", tmpdir, name);
	if (mkdir(root, 0755) < 0)
		return -1;
	mkdirs(VM);
	put(VM "min_free_kbytes", "67584\n");
	put(VM "watermark_scale_factor", "10\n");
	put(VM "zone_reclaim_mode", "0\n");
	return 0;
}

static int setup(void **state)
{
	if (tmpdir_setup(state))
		return -1;
	/* root is one level down, so that a test has an "outside" of it. */
	return make_root("root");
}

static void add(struct pf_apply *a, const char *name, long value)
{
	struct pf_sysctl_item *it = &a->items[a->nr++];

	memset(it, 0, sizeof(*it));
	snprintf(it->name, sizeof(it->name), "%s", name);
	it->value = value;
}

/* The three sysctls of the test root, to new values. */
static void add_three(struct pf_apply *a)
{
	memset(a, 0, sizeof(*a));
	add(a, "vm.min_free_kbytes", 135168);
	add(a, "vm.watermark_scale_factor", 200);
	add(a, "vm.zone_reclaim_mode", 1);
}

/*
 * Everything under root: one line per entry with its type, mode and, for
 * files, contents.  Sorted, so two listings compare with strcmp.
 */
static char *listing_lines[256];
static size_t listing_nr;
static const char *listing_base;

static int list_one(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	char line[PATH_MAX + 256];
	char *text = NULL;
	const char *rel = path + strlen(listing_base);

	if (S_ISREG(st->st_mode))
		text = get_path(path);
	else if (S_ISLNK(st->st_mode))
		text = link_text(path);
	snprintf(line, sizeof(line), "%s %o %s", rel, (unsigned)st->st_mode,
		 text ? text : "");
	free(text);
	assert_true(listing_nr < ARRAY_SIZE(listing_lines));
	listing_lines[listing_nr] = strdup(line);
	assert_non_null(listing_lines[listing_nr]);
	listing_nr++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *listing_of(const char *dir)
{
	size_t i, len = 1;
	char *out;

	listing_nr = 0;
	listing_base = dir;
	assert_int_equal(nftw(dir, list_one, 16, FTW_PHYS), 0);
	qsort(listing_lines, listing_nr, sizeof(char *), cmp_str);
	for (i = 0; i < listing_nr; i++)
		len += strlen(listing_lines[i]) + 1;
	out = malloc(len);
	assert_non_null(out);
	out[0] = '\0';
	for (i = 0; i < listing_nr; i++) {
		strcat(out, listing_lines[i]);
		strcat(out, "\n");
		free(listing_lines[i]);
	}
	return out;
}

static char *listing(void)
{
	return listing_of(root);
}

/*
 * etc/sysctl.d holds the conf and its .bak at most: no temporary file was
 * left behind.  Also fine when the directory does not exist.
 */
static void assert_no_tmp(void)
{
	DIR *d = opendir(rpath(CONFDIR));
	struct dirent *de;

	if (!d) {
		assert_int_equal(errno, ENOENT);
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (strcmp(de->d_name, "90-pagefail.conf") &&
		    strcmp(de->d_name, "90-pagefail.conf.bak"))
			fail_msg("left behind: %s", de->d_name);
	}
	closedir(d);
}

static bool exists(const char *rel)
{
	struct stat st;

	return lstat(rpath(rel), &st) == 0;
}

/* ---- FIFO servers ------------------------------------------------------ */

/* Open path (waiting for the other side) and write text. */
static bool serve_value(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	return close(fd) == 0 && ok;
}

/* Open path (waiting for the other side) and read what is written. */
static bool take_value(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return false;
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	buf[len] = '\0';
	close(fd);
	return true;
}

static pid_t start_child(void)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0)
		alarm(20); /* never outlive a test gone wrong */
	return pid;
}

/* Wait for the child; its exit status is the step that went wrong, or 0. */
static int end_child(pid_t pid)
{
	int status;

	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* ---- pf_sysctl_read ----------------------------------------------------- */

static void test_read(void **state)
{
	char slash[sizeof(root) + 2];
	char longer[200];
	long v = 0;

	assert_int_equal(pf_sysctl_read(root, "vm.min_free_kbytes", &v), 0);
	assert_int_equal(v, 67584);
	assert_int_equal(pf_sysctl_read(root, "vm.zone_reclaim_mode", &v), 0);
	assert_int_equal(v, 0);
	/* A trailing slash on root changes nothing. */
	snprintf(slash, sizeof(slash), "%s//", root);
	assert_int_equal(pf_sysctl_read(slash, "vm.watermark_scale_factor", &v),
			 0);
	assert_int_equal(v, 10);

	assert_int_equal(pf_sysctl_read(root, "vm.extfrag_threshold", &v),
			 -ENOENT);
	assert_int_equal(pf_sysctl_read(root, "vm", &v), -EISDIR);

	put(VM "a", "  -1 \n\n");
	assert_int_equal(pf_sysctl_read(root, "vm.a", &v), 0);
	assert_int_equal(v, -1);
	put(VM "b", "4096\t87380\t6291456\n"); /* several numbers */
	assert_int_equal(pf_sysctl_read(root, "vm.b", &v), -EINVAL);
	put(VM "c", "");
	assert_int_equal(pf_sysctl_read(root, "vm.c", &v), -EINVAL);
	put(VM "d", "12abc\n");
	assert_int_equal(pf_sysctl_read(root, "vm.d", &v), -EINVAL);
	put(VM "e", "99999999999999999999999\n");
	assert_int_equal(pf_sysctl_read(root, "vm.e", &v), -ERANGE);
	/* One number, but more bytes than any value file holds. */
	memset(longer, ' ', sizeof(longer) - 2);
	longer[0] = '1';
	longer[sizeof(longer) - 2] = '\n';
	longer[sizeof(longer) - 1] = '\0';
	put(VM "f", longer);
	assert_int_equal(pf_sysctl_read(root, "vm.f", &v), -EINVAL);
	assert_int_equal(v, -1); /* untouched by the failures */

	assert_int_equal(pf_sysctl_read(NULL, "vm.a", &v), -EINVAL);
	assert_int_equal(pf_sysctl_read("", "vm.a", &v), -EINVAL);
	assert_int_equal(pf_sysctl_read(root, "vm.a", NULL), -EINVAL);
}

static void test_read_live(void **state)
{
	long v = -1;

	/* Reading is harmless; the value is the kernel's own. */
	if (access("/proc/sys/vm/min_free_kbytes", R_OK))
		skip();
	assert_int_equal(pf_sysctl_read("/", "vm.min_free_kbytes", &v), 0);
	assert_true(v > 0);
}

static void test_invalid_names(void **state)
{
	/* clang-format off */
	static const char *const bad[] = {
		"", ".", "..", "vm..min_free_kbytes", ".vm.min_free_kbytes",
		"vm.min_free_kbytes.", "vm/min_free_kbytes", "../../etc/passwd",
		"vm.Min_free_kbytes", "vm.min-free", "vm. x", "vm.x\n",
		"net.ipv4.conf.eth0@1.rp_filter",
	};
	/* clang-format on */
	struct pf_apply a;
	char *before, *after;
	size_t i;
	long v = 7;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(pf_sysctl_read(root, bad[i], &v), -EINVAL);
		assert_int_equal(v, 7);
	}

	/* An apply with one bad name writes nothing at all. */
	before = listing();
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		add_three(&a);
		add(&a, bad[i], 1);
		assert_int_equal(pf_sysctl_apply(root, &a, "x\n", false),
				 -EINVAL);
		assert_int_equal(a.failed, 3);
		assert_non_null(strstr(a.error, "invalid sysctl name"));
		assert_null(strchr(a.error, '\n'));
		assert_false(a.rolled_back);
		assert_false(a.items[0].written);
	}
	/* A name that fills items[].name without its NUL. */
	add_three(&a);
	memset(a.items[1].name, 'a', sizeof(a.items[1].name));
	assert_int_equal(pf_sysctl_apply(root, &a, "x\n", false), -EINVAL);
	assert_int_equal(a.failed, 1);

	/* Bad arguments. */
	add_three(&a);
	a.nr = PF_APPLY_MAX + 1;
	assert_int_equal(pf_sysctl_apply(root, &a, "x\n", false), -EINVAL);
	a.nr = -1;
	assert_int_equal(pf_sysctl_apply(root, &a, "x\n", false), -EINVAL);
	add_three(&a);
	assert_int_equal(pf_sysctl_apply(root, &a, NULL, false), -EINVAL);
	assert_int_equal(pf_sysctl_apply("", &a, "x\n", false), -EINVAL);
	assert_int_equal(pf_sysctl_apply(NULL, &a, "x\n", false), -EINVAL);
	assert_int_equal(pf_sysctl_apply(root, NULL, "x\n", false), -EINVAL);

	after = listing();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_too_long(void **state)
{
	static char big[PATH_MAX + 16];
	struct pf_apply a;
	long v;

	/* A root that leaves no room for the paths under it. */
	memset(big, 'x', sizeof(big) - 1);
	big[0] = '/';
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(pf_sysctl_read(big, "vm.min_free_kbytes", &v),
			 -ENAMETOOLONG);
	add_three(&a);
	assert_int_equal(pf_sysctl_apply(big, &a, "x\n", false), -ENAMETOOLONG);
	assert_true(strlen(a.error) > 0);
	assert_int_equal(pf_sysctl_apply(big, &a, "x\n", true), -ENAMETOOLONG);

	/* Room for root/PF_SYSCTL_CONF but not for its .bak. */
	memset(big, 'x', sizeof(big) - 1);
	big[0] = '/';
	big[PATH_MAX - 1 - strlen("/" CONF) - 2] = '\0';
	add_three(&a);
	assert_int_equal(pf_sysctl_apply(big, &a, "x\n", false), -ENAMETOOLONG);
}

/* ---- pf_sysctl_apply ---------------------------------------------------- */

static void test_dry_run(void **state)
{
	struct pf_apply a;
	char *before, *after;

	before = listing();
	add_three(&a);
	add(&a, "vm.extfrag_threshold", 500); /* not in the test root */
	assert_int_equal(pf_sysctl_apply(root, &a, "vm.x = 1\n", true), 0);
	after = listing();
	assert_string_equal(before, after);
	free(after);

	assert_int_equal(a.items[0].old, 67584);
	assert_int_equal(a.items[1].old, 10);
	assert_int_equal(a.items[2].old, 0);
	assert_int_equal(a.items[3].old, -1);
	assert_true(a.items[0].present && a.items[1].present &&
		    a.items[2].present);
	assert_false(a.items[3].present);
	for (int i = 0; i < a.nr; i++) {
		assert_false(a.items[i].written);
		assert_false(a.items[i].verified);
	}
	assert_string_equal(a.conf, rpath(CONF));
	assert_string_equal(a.backup, "");
	assert_int_equal(a.failed, -1);
	assert_false(a.rolled_back);
	assert_string_equal(a.error, "");
	assert_int_equal(vm("min_free_kbytes"), 67584);

	/* With a file in place: where it would go; still nothing written. */
	mkdirs(CONFDIR);
	put(CONF, "old\n");
	free(before);
	before = listing();
	add_three(&a);
	assert_int_equal(pf_sysctl_apply(root, &a, "new\n", true), 0);
	assert_string_equal(a.backup, rpath(BAK));
	after = listing();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_apply(void **state)
{
	static const char text[] = "# pagefail\nvm.min_free_kbytes = 135168\n"
				   "vm.watermark_scale_factor = 200\n"
				   "vm.zone_reclaim_mode = 1\n";
	struct pf_apply a;
	struct stat st;

	add_three(&a);
	assert_int_equal(pf_sysctl_apply(root, &a, text, false), 0);
	assert_string_equal(a.error, "");
	assert_int_equal(a.failed, -1);
	assert_false(a.rolled_back);
	assert_string_equal(a.conf, rpath(CONF));
	assert_string_equal(a.backup, "");

	assert_file(CONF, text);
	assert_int_equal(stat(rpath(CONF), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_false(exists(BAK));
	assert_no_tmp();

	assert_int_equal(vm("min_free_kbytes"), 135168);
	assert_int_equal(vm("watermark_scale_factor"), 200);
	assert_int_equal(vm("zone_reclaim_mode"), 1);
	assert_int_equal(a.items[0].old, 67584);
	assert_int_equal(a.items[1].old, 10);
	assert_int_equal(a.items[2].old, 0);
	for (int i = 0; i < a.nr; i++) {
		assert_true(a.items[i].present);
		assert_true(a.items[i].written);
		assert_true(a.items[i].verified);
	}

	/* Negative values, and no items at all (the file alone). */
	memset(&a, 0, sizeof(a));
	add(&a, "vm.zone_reclaim_mode", -5);
	assert_int_equal(pf_sysctl_apply(root, &a, "", false), 0);
	assert_int_equal(vm("zone_reclaim_mode"), -5);
	assert_int_equal(a.items[0].old, 1);
	assert_file(CONF, "");
	memset(&a, 0, sizeof(a));
	assert_int_equal(pf_sysctl_apply(root, &a, "only\n", false), 0);
	assert_file(CONF, "only\n");
	assert_no_tmp();
}

static void test_apply_twice(void **state)
{
	struct pf_apply a;

	add_three(&a);
	assert_int_equal(pf_sysctl_apply(root, &a, "first\n", false), 0);
	assert_string_equal(a.backup, "");
	add_three(&a);
	a.items[0].value = 1024;
	assert_int_equal(pf_sysctl_apply(root, &a, "second\n", false), 0);
	assert_string_equal(a.backup, rpath(BAK));
	assert_file(CONF, "second\n");
	assert_file(BAK, "first\n");
	assert_int_equal(a.items[0].old, 135168);
	assert_int_equal(vm("min_free_kbytes"), 1024);
	assert_no_tmp();

	/* An older .bak is replaced. */
	add_three(&a);
	assert_int_equal(pf_sysctl_apply(root, &a, "third\n", false), 0);
	assert_file(CONF, "third\n");
	assert_file(BAK, "second\n");
	assert_no_tmp();
}

static void test_apply_live_root_paths(void **state)
{
	struct pf_apply a;

	/* root "/": only the paths are looked at (a dry run of no items). */
	memset(&a, 0, sizeof(a));
	assert_int_equal(pf_sysctl_apply("/", &a, NULL, true), 0);
	assert_string_equal(a.conf, "/" CONF);
}

static void test_missing_skipped(void **state)
{
	struct pf_apply a;

	memset(&a, 0, sizeof(a));
	add(&a, "vm.min_free_kbytes", 90000);
	add(&a, "vm.extra_free_kbytes", 1000); /* RHEL 6 only */
	add(&a, "vm.zone_reclaim_mode", 1);
	assert_int_equal(pf_sysctl_apply(root, &a, "text\n", false), 0);
	assert_false(a.items[1].present);
	assert_false(a.items[1].written);
	assert_false(a.items[1].verified);
	assert_int_equal(a.items[1].old, -1);
	assert_false(exists(VM "extra_free_kbytes"));
	assert_true(a.items[0].verified && a.items[2].verified);
	assert_int_equal(vm("min_free_kbytes"), 90000);
	assert_int_equal(vm("zone_reclaim_mode"), 1);
	assert_int_equal(vm("watermark_scale_factor"), 10);
	assert_file(CONF, "text\n");
	assert_no_tmp();
}

/*
 * pf_sysctl_apply() of a (whose item 3 is vm.extfrag_threshold) with
 * extfrag_threshold a FIFO: the child serving it first turns
 * zone_reclaim_mode (item 2, whose path goes to zrm) into a directory,
 * then hands out the old value, 500.  The apply fails at item 2, rolls
 * back and names it.
 */
static void apply_zrm_broken(struct pf_apply *a, char *zrm)
{
	char fifo[PATH_MAX];
	pid_t pid;
	int err;

	snprintf(fifo, sizeof(fifo), "%s", rpath(VM "extfrag_threshold"));
	snprintf(zrm, PATH_MAX, "%s", rpath(VM "zone_reclaim_mode"));
	assert_int_equal(mkfifo(fifo, 0644), 0);
	pid = start_child();
	if (pid == 0) {
		int fd = open(fifo, O_WRONLY); /* the parent reads item 3 */

		if (fd < 0)
			_exit(1);
		if (unlink(zrm) || mkdir(zrm, 0755))
			_exit(2);
		if (write(fd, "500\n", 4) != 4)
			_exit(3);
		close(fd);
		_exit(0);
	}
	alarm(30);
	err = pf_sysctl_apply(root, a, "new\n", false);
	alarm(0);
	assert_int_equal(end_child(pid), 0);

	assert_int_equal(err, -EISDIR);
	assert_int_equal(a->failed, 2);
	assert_true(a->rolled_back);
	assert_non_null(strstr(a->error, zrm));
}

/*
 * A write that fails: zone_reclaim_mode is read as a plain file, then
 * becomes a directory before it is written (open() O_WRONLY: EISDIR).  It
 * cannot be a directory from the start: reading the old value would fail
 * first, before anything is written.  The switch happens while
 * pf_sysctl_apply() waits on the FIFO of the next item, which is read
 * after it and never written.  There was no sysctl.d file before.
 */
static void test_rollback_write_fails(void **state)
{
	char zrm[PATH_MAX];
	struct pf_apply a;

	add_three(&a);
	add(&a, "vm.extfrag_threshold", 400);
	apply_zrm_broken(&a, zrm);
	assert_non_null(strstr(a.error, "cannot write"));
	assert_non_null(strstr(a.error, "is a directory"));
	assert_null(strchr(a.error, '\n'));
	assert_int_equal(a.items[3].old, 500);
	assert_true(a.items[0].written && a.items[1].written);
	assert_false(a.items[2].written || a.items[3].written);

	/* The values written before it are back, the new file is gone. */
	assert_int_equal(vm("min_free_kbytes"), 67584);
	assert_int_equal(vm("watermark_scale_factor"), 10);
	assert_false(exists(CONF));
	assert_false(exists(BAK));
	/* It made etc/sysctl.d, and removed it again. */
	assert_false(exists(CONFDIR));
	assert_false(exists("etc"));
	assert_no_tmp();
}

/* The same, with a previous file, which comes back from the .bak. */
static void test_rollback_restores_conf(void **state)
{
	char zrm[PATH_MAX];
	struct pf_apply a;

	add_three(&a);
	assert_int_equal(pf_sysctl_apply(root, &a, "previous\n", false), 0);
	put(BAK, "older\n");

	add_three(&a);
	a.items[0].value = 7;
	a.items[1].value = 8;
	add(&a, "vm.extfrag_threshold", 400);
	apply_zrm_broken(&a, zrm);
	assert_string_equal(a.backup, rpath(BAK));
	assert_int_equal(vm("min_free_kbytes"), 135168);
	assert_int_equal(vm("watermark_scale_factor"), 200);
	assert_file(CONF, "previous\n");
	/* The .bak went back to be the file; the older one was replaced. */
	assert_false(exists(BAK));
	assert_true(exists(CONFDIR));
	assert_no_tmp();
}

/*
 * A value that reads back different: zone_reclaim_mode is a FIFO whose
 * child hands out the old value, takes the new one, answers something
 * else, then takes and hands back the old value of the rollback.
 */
static void test_rollback_mismatch(void **state)
{
	char fifo[PATH_MAX];
	struct pf_apply a;
	pid_t pid;
	int err;

	add_three(&a);
	assert_int_equal(pf_sysctl_apply(root, &a, "previous\n", false), 0);

	snprintf(fifo, sizeof(fifo), "%s", rpath(VM "zone_reclaim_mode"));
	assert_int_equal(unlink(fifo), 0);
	assert_int_equal(mkfifo(fifo, 0644), 0);

	memset(&a, 0, sizeof(a));
	add(&a, "vm.min_free_kbytes", 100000);
	add(&a, "vm.zone_reclaim_mode", 4);
	add(&a, "vm.watermark_scale_factor", 300);

	pid = start_child();
	if (pid == 0) {
		char buf[64];

		if (!serve_value(fifo, "1\n")) /* the old value */
			_exit(1);
		if (!take_value(fifo, buf, sizeof(buf)) || strcmp(buf, "4\n"))
			_exit(2);	       /* the new one */
		if (!serve_value(fifo, "3\n")) /* read back: not 4 */
			_exit(3);
		if (!take_value(fifo, buf, sizeof(buf)) || strcmp(buf, "1\n"))
			_exit(4);	       /* set back */
		if (!serve_value(fifo, "1\n")) /* and read back */
			_exit(5);
		_exit(0);
	}
	alarm(30);
	err = pf_sysctl_apply(root, &a, "new\n", false);
	alarm(0);
	assert_int_equal(end_child(pid), 0);

	assert_int_equal(err, -EIO);
	assert_int_equal(a.failed, 1);
	assert_true(a.rolled_back);
	assert_non_null(strstr(a.error, fifo));
	assert_non_null(strstr(a.error, "reads back 3 after writing 4"));
	assert_int_equal(a.items[1].old, 1);
	assert_true(a.items[1].written);
	assert_false(a.items[1].verified);
	assert_true(a.items[0].verified);
	assert_false(a.items[2].written);

	assert_int_equal(vm("min_free_kbytes"), 135168);
	assert_int_equal(vm("watermark_scale_factor"), 200);
	assert_file(CONF, "previous\n");
	assert_no_tmp();
}

/* ---- the resolver ------------------------------------------------------ */

/* Under no_openat2, openat2 must really be gone, or the walk is not run. */
static void test_resolver_mode(void **state)
{
	long ret = syscall(SYS_openat2, AT_FDCWD, ".", NULL, 0);

	if (getenv("PF_TEST_NO_OPENAT2")) {
		assert_int_equal(ret, -1);
		assert_int_equal(errno, ENOSYS);
		print_message("the fallback walk (openat2 gives ENOSYS)\n");
	} else {
		print_message("openat2 where the kernel has it: %s\n",
			      ret < 0 && errno == ENOSYS ? "no" : "yes");
	}
}

/*
 * Trees with a symbolic link somewhere on the paths an apply writes,
 * pointing at a copy of the tree outside root (this machine's /proc/sys
 * and /etc stand-ins: tests/cli/apply.sh points at the real ones, in a
 * private mount namespace).  Each must be refused, naming the link, with
 * nothing written inside or outside root.
 */
struct link_case {
	const char *at;	   /* the link, under root */
	const char *to;	   /* its target: "@" is tmpdir/outside */
	const char *named; /* the path the error names, under root */
};

static const struct link_case link_cases[] = {
	{ "proc/sys", "@/proc/sys", "proc/sys" },
	{ "proc", "@/proc", "proc" },
	{ "proc/sys/vm", "../../../outside/proc/sys/vm", "proc/sys/vm" },
	{ VM "watermark_scale_factor", "@/" VM "watermark_scale_factor",
	  VM "watermark_scale_factor" },
	{ "etc", "@/etc", "etc" },
	{ CONFDIR, "@/" CONFDIR, CONFDIR },
	{ CONF, "@/" CONF, CONF },
	{ BAK, "@/" BAK, BAK },
	{ "proc/sys/vm", "vm", "proc/sys/vm" }, /* a loop */
	{ "etc", "etc2", "etc" },		/* a loop of two */
};

/* Make tmpdir/outside a copy of a machine: its files, its own conf. */
static void make_outside(void)
{
	char saved[sizeof(root)];

	memcpy(saved, root, sizeof(root));
	assert_int_equal(make_root("outside"), 0);
	mkdirs(CONFDIR);
	put(CONF, "outside conf\n");
	put(BAK, "outside bak\n");
	memcpy(root, saved, sizeof(root));
}

/* root/at -> to, replacing what is at root/at. */
static void make_link(const char *at, const char *to)
{
	char target[PATH_MAX], cmd[PATH_MAX * 2];
	const char *slash = strrchr(at, '/');

	if (slash) {
		char dir[PATH_MAX];

		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - at), at);
		mkdirs(dir);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", rpath(at));
	assert_int_equal(system(cmd), 0);
	if (to[0] == '@')
		snprintf(target, sizeof(target), "%s/outside%s", tmpdir,
			 to + 1);
	else
		snprintf(target, sizeof(target), "%s", to);
	assert_int_equal(symlink(target, rpath(at)), 0);
}

static void test_links_refused(void **state)
{
	char *before, *after, name[32];
	struct pf_apply a;
	long v;

	make_outside();
	for (size_t i = 0; i < ARRAY_SIZE(link_cases); i++) {
		const struct link_case *c = &link_cases[i];

		snprintf(name, sizeof(name), "case%zu", i);
		assert_int_equal(make_root(name), 0);
		make_link(c->at, c->to);
		if (!strcmp(c->to, "etc2"))
			make_link("etc2", "etc");
		before = listing_of(tmpdir);

		for (int dry = 0; dry < 2; dry++) {
			add_three(&a);
			assert_int_equal(
				pf_sysctl_apply(root, &a, "new\n", dry),
				-ELOOP);
			assert_non_null(strstr(a.error, rpath(c->named)));
			assert_non_null(strstr(a.error, "symbolic link"));
			assert_null(strchr(a.error, '\n'));
			assert_true(!dry ==
				    !!strstr(a.error, "nothing was written"));
			assert_false(a.rolled_back);
			for (int k = 0; k < a.nr; k++)
				assert_false(a.items[k].written);
		}
		/* a read does not follow one either */
		if (!strncmp(c->at, "proc", 4))
			assert_int_equal(
				pf_sysctl_read(root,
					       "vm.watermark_scale_factor", &v),
				-ELOOP);

		after = listing_of(tmpdir);
		assert_string_equal(before, after);
		free(before);
		free(after);
	}
}

/* The root itself may be a link: followed, once; the real path is said. */
static void test_root_is_link(void **state)
{
	char link[PATH_MAX];
	struct pf_apply a;

	snprintf(link, sizeof(link), "%s/link", tmpdir);
	assert_int_equal(symlink("root", link), 0);
	add_three(&a);
	assert_int_equal(pf_sysctl_apply(link, &a, "new\n", false), 0);
	assert_string_equal(a.conf, rpath(CONF));
	assert_file(CONF, "new\n");
	assert_int_equal(vm("min_free_kbytes"), 135168);
}

/* A value file with another name: O_TRUNC would write through to it. */
static void test_hard_link_refused(void **state)
{
	char outside[PATH_MAX], *before, *after;
	struct pf_apply a;

	snprintf(outside, sizeof(outside), "%s/precious", tmpdir);
	assert_int_equal(link(rpath(VM "zone_reclaim_mode"), outside), 0);
	before = listing_of(tmpdir);
	add_three(&a);
	assert_int_equal(pf_sysctl_apply(root, &a, "new\n", false), -EMLINK);
	assert_non_null(strstr(a.error, rpath(VM "zone_reclaim_mode")));
	assert_non_null(strstr(a.error, "2 hard links"));
	assert_non_null(strstr(a.error, "nothing was written"));
	after = listing_of(tmpdir);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* A device node in a tree (tar as root makes them) is never written. */
static void test_device_refused(void **state)
{
	struct pf_apply a;

	assert_int_equal(unlink(rpath(VM "zone_reclaim_mode")), 0);
	if (mknod(rpath(VM "zone_reclaim_mode"), S_IFCHR | 0644,
		  makedev(1, 3)) < 0)
		skip(); /* not root: no device node to test with */
	add_three(&a);
	assert_int_equal(pf_sysctl_apply(root, &a, "new\n", false), -EPERM);
	assert_non_null(strstr(a.error, "device"));
	assert_false(exists(CONF));
	assert_int_equal(vm("min_free_kbytes"), 67584);
}

/*
 * A sosreport has no proc/sys (its sysctls are in sos_commands): it is a
 * record of another machine, and an apply that would set values says so
 * rather than call every sysctl missing.  The file alone is fine.
 */
static void test_no_proc_sys(void **state)
{
	char cmd[PATH_MAX + 16], *before, *after;
	struct pf_apply a;

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", rpath("proc"));
	assert_int_equal(system(cmd), 0);
	before = listing();
	for (int dry = 0; dry < 2; dry++) {
		add_three(&a);
		assert_int_equal(pf_sysctl_apply(root, &a, "new\n", dry),
				 -ENOENT);
		assert_non_null(strstr(a.error, "has no proc/sys"));
		assert_non_null(strstr(a.error, "another machine"));
		assert_false(a.items[0].present);
	}
	after = listing();
	assert_string_equal(before, after);
	free(before);
	free(after);

	memset(&a, 0, sizeof(a));
	assert_int_equal(pf_sysctl_apply(root, &a, "only\n", false), 0);
	assert_file(CONF, "only\n");
}

/* ---- pf_parse_long ------------------------------------------------------ */

/*
 * A FIFO that no process serves (a tree's proc/sys holds one): the read
 * and the write give up in bounded time, never hang.
 */
static void test_unserved_fifo(void **state)
{
	struct timespec t0, t1;
	long v;

	assert_int_equal(unlink(rpath(VM "min_free_kbytes")), 0);
	assert_int_equal(mkfifo(rpath(VM "min_free_kbytes"), 0644), 0);
	alarm(30);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(pf_sysctl_read(root, "vm.min_free_kbytes", &v),
			 -ETIMEDOUT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	alarm(0);
	assert_true(t1.tv_sec - t0.tv_sec < 20);
	{
		struct pf_apply a;

		add_three(&a);
		alarm(30);
		assert_int_not_equal(pf_sysctl_apply(root, &a, "x\n", false),
				     0);
		alarm(0);
		assert_non_null(strstr(a.error, "min_free_kbytes"));
		assert_false(exists(CONF)); /* nothing written */
	}
}

static void test_parse_long(void **state)
{
	/* clang-format off */
	static const char *const junk[] = {
		"", " ", "-", "abc", "12abc", "+5", "0x10", "1 2", "1.5",
		"99999999999999999999x", "--1",
	};
	/* clang-format on */
	/* clang-format off */
	static const char *const huge[] = {
		"99999999999999999999", "-99999999999999999999",
		"9223372036854775808", " 18446744073709551616\n",
	};
	/* clang-format on */
	long v = 7;

	assert_int_equal(pf_parse_long("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(pf_parse_long(" \t-7 \n", LONG_MIN, LONG_MAX, &v), 0);
	assert_int_equal(v, -7);
	assert_int_equal(
		pf_parse_long("9223372036854775807", LONG_MIN, LONG_MAX, &v),
		0);
	assert_int_equal(v, LONG_MAX);
	v = 7;
	for (size_t i = 0; i < ARRAY_SIZE(junk); i++)
		assert_int_equal(pf_parse_long(junk[i], LONG_MIN, LONG_MAX, &v),
				 -EINVAL);
	for (size_t i = 0; i < ARRAY_SIZE(huge); i++)
		assert_int_equal(pf_parse_long(huge[i], LONG_MIN, LONG_MAX, &v),
				 -ERANGE);
	/* the caller's bounds */
	assert_int_equal(pf_parse_long("-1", 0, INT_MAX, &v), -ERANGE);
	assert_int_equal(pf_parse_long("2147483648", 0, INT_MAX, &v), -ERANGE);
	assert_int_equal(pf_parse_long("101", 0, 100, &v), -ERANGE);
	assert_int_equal(v, 7); /* untouched by every failure */
	assert_int_equal(pf_parse_long("2147483647", 0, INT_MAX, &v), 0);
	assert_int_equal(v, INT_MAX);
}

/* The file cannot be written: nothing live is touched, no temp file left. */
static void test_conf_fails(void **state)
{
	struct pf_apply a;
	char *before, *after;

	/* etc/sysctl.d is a file. */
	mkdirs("etc");
	put(CONFDIR, "not a directory\n");
	before = listing();
	add_three(&a);
	assert_int_equal(pf_sysctl_apply(root, &a, "new\n", false), -ENOTDIR);
	assert_int_equal(a.failed, -1);
	assert_false(a.rolled_back);
	assert_non_null(strstr(a.error, rpath(CONFDIR)));
	after = listing();
	assert_string_equal(before, after);
	free(before);
	free(after);
	assert_int_equal(unlink(rpath(CONFDIR)), 0);

	/* The conf is a directory. */
	mkdirs(CONF);
	before = listing();
	add_three(&a);
	assert_int_equal(pf_sysctl_apply(root, &a, "new\n", false), -EISDIR);
	assert_non_null(strstr(a.error, rpath(CONF)));
	assert_int_equal(vm("min_free_kbytes"), 67584);
	assert_no_tmp();
	after = listing();
	assert_string_equal(before, after);
	free(before);
	free(after);
	assert_int_equal(rmdir(rpath(CONF)), 0);

	/* A root that does not exist is not created. */
	snprintf(root + strlen(root), sizeof(root) - strlen(root), "/nowhere");
	memset(&a, 0, sizeof(a));
	assert_int_equal(pf_sysctl_apply(root, &a, "new\n", false), -ENOENT);
	assert_non_null(strstr(a.error, "cannot open the root"));
	assert_false(exists(""));
	root[strlen(root) - strlen("/nowhere")] = '\0';
}

/* An old value that cannot be read stops the apply before any write. */
static void test_old_unreadable(void **state)
{
	struct pf_apply a;
	char *before, *after;

	put(VM "watermark_scale_factor", "ten\n");
	before = listing();
	add_three(&a);
	assert_int_equal(pf_sysctl_apply(root, &a, "new\n", false), -EINVAL);
	assert_int_equal(a.failed, 1);
	assert_false(a.rolled_back);
	assert_non_null(strstr(a.error, "cannot read"));
	assert_non_null(strstr(a.error, "watermark_scale_factor"));
	after = listing();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, tmpdir_teardown)
		T(test_read),
		T(test_read_live),
		T(test_invalid_names),
		T(test_too_long),
		T(test_dry_run),
		T(test_apply),
		T(test_apply_twice),
		T(test_apply_live_root_paths),
		T(test_missing_skipped),
		T(test_rollback_write_fails),
		T(test_rollback_restores_conf),
		T(test_rollback_mismatch),
		T(test_resolver_mode),
		T(test_links_refused),
		T(test_root_is_link),
		T(test_hard_link_refused),
		T(test_device_refused),
		T(test_no_proc_sys),
		T(test_unserved_fifo),
		T(test_parse_long),
		T(test_conf_fails),
		T(test_old_unreadable),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
