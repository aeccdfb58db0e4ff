/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tmpdir.h - the temporary directory of a test program that writes files:
 * made in $TMPDIR (else /tmp) by the tests' setup, removed with all that
 * is in it by their teardown (tmpdir_setup, tmpdir_teardown), and paths
 * inside it.  The including file
 * asks for nftw() (_GNU_SOURCE) before its first system header.
 */
#ifndef PF_TEST_TMPDIR_H
#define PF_TEST_TMPDIR_H

#include <errno.h> /* program_invocation_short_name */
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char tmpdir[256];

static inline int tmpdir_rm_one(const char *path, const struct stat *st,
				int flag, struct FTW *ftw)
{
	/* a chmod 000 directory would stop the removal of its files */
	if (flag == FTW_DP)
		chmod(path, 0700);
	return remove(path);
}

/*
 * cmocka setup: tmpdir becomes a new $TMPDIR/PROGRAM-XXXXXX, by its real
 * path (the library names real paths: tests compare them with it).
 */
static inline int tmpdir_setup(void **state)
{
	const char *t = getenv("TMPDIR");
	char made[sizeof(tmpdir)], real[PATH_MAX];

	snprintf(made, sizeof(made), "%s/%s-XXXXXX", t && *t ? t : "/tmp",
		 program_invocation_short_name);
	if (!mkdtemp(made) || !realpath(made, real) ||
	    strlen(real) >= sizeof(tmpdir))
		return -1;
	strcpy(tmpdir, real);
	return 0;
}

/* cmocka teardown: tmpdir and all in it removed */
static inline int tmpdir_teardown(void **state)
{
	nftw(tmpdir, tmpdir_rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* dir + "/" + rel, in a static ring, so that a test can hold a few */
static inline const char *path_in(const char *dir, const char *rel)
{
	static char ring[8][PATH_MAX];
	static int next;
	char *p = ring[next++ % 8];

	snprintf(p, PATH_MAX, "%s/%s", dir, rel);
	return p;
}

#endif
