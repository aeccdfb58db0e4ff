// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_snapshot.c - unit tests of what pf_system_snapshot() does with the
 * directory it writes: a snapshot is never written over another (two
 * machines in one directory read back as neither), pf_system_snapshot_
 * replace() removes only what a snapshot writes and refuses a directory
 * that holds anything else, symbolic links included, with nothing removed;
 * a kernel without NUMA (no node directory) is copied without a word.
 * The machines are the saved ones of tests/fixtures/system and the lab's
 * i386 guest; every directory is made in a temporary directory.
 */
#define _GNU_SOURCE /* nftw */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libpagefail.h"
#include "tmpdir.h"

#define SYSTEMS PF_FIXTURES "/system"

/* A snapshot of the saved machine name into tmpdir/rel */
static int snap(const char *name, const char *rel)
{
	char root[PATH_MAX];

	snprintf(root, sizeof(root), "%s/%s", SYSTEMS, name);
	return pf_system_snapshot(root, path_in(tmpdir, rel), NULL, NULL);
}

/* The same, replacing the snapshot in tmpdir/rel */
static int replace_with(const char *name, const char *rel)
{
	char root[PATH_MAX];

	snprintf(root, sizeof(root), "%s/%s", SYSTEMS, name);
	return pf_system_snapshot_replace(root, path_in(tmpdir, rel), NULL,
					  NULL);
}

/* tmpdir/rel */
static const char *at(const char *rel)
{
	return path_in(tmpdir, rel);
}

static bool exists(const char *rel)
{
	struct stat st;

	return !lstat(at(rel), &st);
}

static void put_str(const char *rel, const char *text)
{
	FILE *f = fopen(at(rel), "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* What status would say of dir: its kernel and its number of nodes. */
static void assert_machine(const char *rel, const char *kernel, int nodes)
{
	struct pf_system *sys = malloc(sizeof(*sys));

	assert_non_null(sys);
	assert_int_equal(pf_system_read(at(rel), sys, NULL, NULL), 0);
	assert_string_equal(sys->kernel.str, kernel);
	assert_int_equal(sys->nr_nodes, nodes);
	free(sys);
}

/*
 * A second machine into the first one's snapshot: refused, the first kept
 * whole; replaced, the second whole (its one node, not the first's two).
 */
static void test_never_mixed(void **state)
{
	assert_int_equal(snap("v4.19-numa", "m"), 14);
	assert_machine("m", "4.19.0-26-amd64", 2);

	assert_int_equal(snap("debian12-live", "m"), -EEXIST);
	assert_machine("m", "4.19.0-26-amd64", 2);

	assert_int_equal(replace_with("debian12-live", "m"), 17);
	assert_machine("m", "6.18.44-fc-v782", 1);
	assert_false(exists("m/sys/devices/system/node/node1"));
	/* the 4.19 machine had no debugfs files; this one's are there */
	assert_true(exists("m/sys/kernel/debug/extfrag/extfrag_index"));
}

/* An existing empty directory is as good as a new one; replace is too. */
static void test_empty_and_new(void **state)
{
	assert_int_equal(mkdir(at("empty"), 0755), 0);
	assert_int_equal(snap("v4.19-numa", "empty"), 14);
	assert_int_equal(replace_with("v4.19-numa", "new/deeper"), 14);
	assert_machine("new/deeper", "4.19.0-26-amd64", 2);
}

/*
 * Anything a snapshot does not write refuses the whole, and nothing is
 * removed: a file of the user's, a symbolic link (never followed, so a
 * link to /etc cannot make a snapshot remove or write outside dir).
 */
static void test_other_files_refused(void **state)
{
	assert_int_equal(snap("v4.19-numa", "o"), 14);
	put_str("o/notes", "mine\n");
	assert_int_equal(snap("debian12-live", "o"), -ENOTEMPTY);
	assert_int_equal(replace_with("debian12-live", "o"), -ENOTEMPTY);
	assert_true(exists("o/notes"));
	assert_machine("o", "4.19.0-26-amd64", 2);
	assert_int_equal(unlink(at("o/notes")), 0);

	/* a link where a snapshot keeps a file, and where it keeps a directory */
	assert_int_equal(mkdir(at("outside"), 0755), 0);
	put_str("outside/min_free_kbytes", "1\n");
	assert_int_equal(unlink(at("o/proc/sys/vm/min_free_kbytes")), 0);
	assert_int_equal(symlink(at("outside/min_free_kbytes"),
				 at("o/proc/sys/vm/min_free_kbytes")),
			 0);
	assert_int_equal(replace_with("debian12-live", "o"), -ENOTEMPTY);
	assert_int_equal(unlink(at("o/proc/sys/vm/min_free_kbytes")), 0);
	assert_int_equal(rename(at("o/sys/devices/system/node/node1"),
				at("outside/node1")),
			 0);
	assert_int_equal(symlink(at("outside/node1"),
				 at("o/sys/devices/system/node/node1")),
			 0);
	assert_int_equal(replace_with("debian12-live", "o"), -ENOTEMPTY);
	assert_true(exists("outside/min_free_kbytes"));
	assert_true(exists("outside/node1/cpulist"));
	assert_true(exists("o/proc/zoneinfo"));
}

/* A root with nothing to read leaves the earlier snapshot where it was. */
static void test_nothing_read_keeps(void **state)
{
	assert_int_equal(mkdir(at("void"), 0755), 0);
	assert_int_equal(snap("v4.19-numa", "k"), 14);
	assert_int_equal(
		pf_system_snapshot_replace(at("void"), at("k"), NULL, NULL), 0);
	assert_machine("k", "4.19.0-26-amd64", 2);
	/* nor is a new directory made for nothing */
	assert_int_equal(pf_system_snapshot(at("void"), at("none"), NULL, NULL),
			 0);
	assert_false(exists("none"));
}

static void count_diag(const char *source, unsigned long line, const char *msg,
		       void *data)
{
	(void)line;
	print_message("%s: %s\n", source, msg);
	++*(int *)data;
}

/*
 * The lab's i386 guest (Debian's 686-pae kernel, no CONFIG_NUMA: no
 * sys/devices/system/node, no vm.zone_reclaim_mode): its snapshot copied
 * again, with nothing said of what such a kernel does not have, and read
 * back as one node.
 */
static void test_no_numa_said_nothing(void **state)
{
	const char *root =
		PF_FIXTURES "/lab/highmem-unmovable-atomic-1/snap-before";
	int said = 0;

	assert_true(pf_system_snapshot(root, at("i386"), count_diag, &said) >
		    0);
	assert_int_equal(said, 0);
	assert_machine("i386", "6.1.0-57-686-pae", 1);
	assert_false(exists("i386/sys/devices/system/node"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_never_mixed),
		cmocka_unit_test(test_empty_and_new),
		cmocka_unit_test(test_other_files_refused),
		cmocka_unit_test(test_nothing_read_keeps),
		cmocka_unit_test(test_no_numa_said_nothing),
	};

	return cmocka_run_group_tests(tests, tmpdir_setup, tmpdir_teardown);
}
