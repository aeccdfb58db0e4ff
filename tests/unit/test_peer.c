// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_peer.c - the false-positive test: 779 real kernel reports that
 * syzkaller's and ABRT's parsers are tested on (DIR/peer of "--shared DIR",
 * read in place: other projects' fixtures, which the repository does not
 * copy; tests/shared.sh runs it).  Exactly five of them are page allocation
 * failures, in four files; every other file must give none, and none may
 * crash the scanner.
 */
#include "helpers.h"

#include <dirent.h>

static const struct {
	const char *file;
	size_t count;
} expected[] = {
	{ "syzkaller-linux-reports/199", 1 },
	{ "syzkaller-linux-reports/492", 1 },
	{ "syzkaller-linux-reports/493", 2 },
	{ "abrt-oops-examples/oops6.test", 1 },
};

static size_t expect(const char *rel)
{
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
		if (!strcmp(rel, expected[i].file))
			return expected[i].count;
	return 0;
}

static void scan_dir(const char *peer, const char *sub, size_t *files,
		     size_t *found)
{
	char dir[4096], path[8192], rel[1024];
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/%s", peer, sub);
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d))) {
		struct reports rs = { 0 };

		if (de->d_name[0] == '.' || !strcmp(de->d_name, "README.md"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		snprintf(rel, sizeof(rel), "%s/%s", sub, de->d_name);
		assert_int_equal(scan_file(path, &rs, NULL), 0);
		if (rs.nr != expect(rel))
			fail_msg("%s: %zu page allocation failure report(s), "
				 "expected %zu (first: '%s' at line %lu)",
				 rel, rs.nr, expect(rel),
				 rs.nr ? rs.r[0].task : "",
				 rs.nr ? rs.r[0].line : 0);
		for (size_t i = 0; i < rs.nr; i++) {
			assert_true(rs.r[i].order >= 0);
			assert_true(rs.r[i].mode[0] != 0);
		}
		*found += rs.nr;
		(*files)++;
		reports_release(&rs);
	}
	closedir(d);
}

static const char *shared;

static void test_peer(void **state)
{
	char peer[4096];
	size_t files = 0, found = 0;

	snprintf(peer, sizeof(peer), "%s/peer", shared);
	scan_dir(peer, "syzkaller-linux-reports", &files, &found);
	scan_dir(peer, "abrt-oops-examples", &files, &found);
	fprintf(stderr, "peer: %zu files, %zu reports\n", files, found);
	assert_int_equal(found, 5);
	assert_true(files >= 779);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_peer),
	};

	shared = shared_arg(argc, argv);
	if (!shared) {
		fprintf(stderr, "test_peer: no --shared DIR: skipped\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
