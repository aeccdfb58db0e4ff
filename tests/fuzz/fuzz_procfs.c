// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_procfs.c - libFuzzer target for the /proc and sosreport reader
 * (pf_system_read).  The input is a set of files, split on "@@@" lines: a
 * line holding only "@@@" ends one part and starts the next, and the
 * parts are, in order, the files of files[] below.  A part that is empty,
 * or that the input does not reach, is a missing file.  The files are
 * written into a directory of this process, made once, and read back from
 * there; the results are checked against their bounds and summed
 * (fuzz_system.h).  fuzz_procfile reads one file at a time.
 */
#define _GNU_SOURCE /* nftw */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libpagefail.h"
#include "fuzz_system.h"

#define SEP	"@@@\n"
#define SEP_LEN 4

/* The parts of an input, in order. */
static const char *const files[] = {
	"proc/zoneinfo",
	"proc/buddyinfo",
	"proc/meminfo",
	"proc/sys/kernel/osrelease",
	"proc/sys/vm/min_free_kbytes",
	"proc/sys/vm/lowmem_reserve_ratio",
	"sos_commands/kernel/sysctl_-a",
	"sos_commands/kernel/uname_-a",
	"uname",
	"sys/devices/system/cpu/online",
	"proc/cpuinfo",
	"proc/pagetypeinfo",
	"proc/vmstat",
	"sys/kernel/debug/extfrag/unusable_index",
	"sys/kernel/debug/extfrag/extfrag_index",
};
#define NR_FILES (sizeof(files) / sizeof(files[0]))

/* Made once, parents first; removed in reverse order at exit. */
static const char *const dirs[] = {
	"proc",
	"proc/sys",
	"proc/sys/kernel",
	"proc/sys/vm",
	"sos_commands",
	"sos_commands/kernel",
	"sys",
	"sys/devices",
	"sys/devices/system",
	"sys/devices/system/cpu",
	"sys/kernel",
	"sys/kernel/debug",
	"sys/kernel/debug/extfrag",
};
#define NR_DIRS (sizeof(dirs) / sizeof(dirs[0]))

static char root[64];
static char paths[NR_FILES][128];
static bool present[NR_FILES];

static void cleanup(void)
{
	char path[128];
	size_t i;

	for (i = 0; i < NR_FILES; i++)
		unlink(paths[i]);
	for (i = NR_DIRS; i-- > 0;) {
		snprintf(path, sizeof(path), "%s/%s", root, dirs[i]);
		rmdir(path);
	}
	rmdir(root);
}

static void setup(void)
{
	char path[128];
	size_t i;

	fuzz_make_tmpdir(root, sizeof(root), "fuzz");
	atexit(cleanup);
	for (i = 0; i < NR_DIRS; i++) {
		snprintf(path, sizeof(path), "%s/%s", root, dirs[i]);
		if (mkdir(path, 0700) && errno != EEXIST) {
			perror("fuzz_procfs: mkdir");
			abort();
		}
	}
	for (i = 0; i < NR_FILES; i++)
		snprintf(paths[i], sizeof(paths[i]), "%s/%s", root, files[i]);
}

/* File i holds data[0..len), or is missing when len is 0. */
static void put_file(size_t i, const uint8_t *data, size_t len)
{
	if (!len) {
		if (present[i])
			unlink(paths[i]);
		present[i] = false;
		return;
	}
	fuzz_write_file(paths[i], data, len);
	present[i] = true;
}

/* Where the next "@@@" line starts at or after from; size when none. */
static size_t next_sep(const uint8_t *data, size_t size, size_t from)
{
	const uint8_t *q;
	size_t p;

	for (p = from; p + SEP_LEN <= size; p++) {
		q = memchr(data + p, '@', size - p);
		if (!q)
			break;
		p = (size_t)(q - data);
		if (p + SEP_LEN > size)
			break;
		if ((p == 0 || data[p - 1] == '\n') &&
		    !memcmp(data + p, SEP, SEP_LEN))
			return p;
	}
	return size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pf_system sys;
	size_t i, start = 0;

	if (!root[0])
		setup();
	for (i = 0; i < NR_FILES; i++) {
		size_t end = start < size ? next_sep(data, size, start) : size;

		put_file(i, data + start, end - start);
		start = end < size ? end + SEP_LEN : size;
	}

	if (pf_system_read(root, &sys, fuzz_on_diag, NULL))
		return 0;
	fuzz_check_system(&sys);
	return 0;
}
