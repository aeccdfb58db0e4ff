// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_procfile.c - libFuzzer target for each /proc, /sys and sosreport
 * file reader of pf_system_read() on its own: zoneinfo, buddyinfo,
 * pagetypeinfo, vmstat, meminfo, osrelease, every vm sysctl,
 * lowmem_reserve_ratio, the debugfs extfrag files, sos_commands' sysctl_-a
 * and uname_-a, uname, cpu/online and cpuinfo (lib/proc/procfs.h's list, so a
 * file added there is fuzzed too).
 *
 * The input's first line names the file ("proc/zoneinfo"), the rest is its
 * content.  Prefixed with '+' ("+proc/zoneinfo"), the file replaces its
 * copy in a whole machine (tests/fixtures/system/debian12-live), so that
 * what the other files bring (the zones of zoneinfo that buddyinfo and
 * pagetypeinfo fill in, the kernel that picks the watermark era) meets the
 * fuzzed one; without, it is the only file of the tree.  A first line that
 * names no file leaves the whole input to the file the first byte picks.
 *
 * One target rather than one per file: make check gives every target the
 * same few seconds, and twenty targets would each get too few; here the
 * corpus of every file is fuzzed at once, and a mutation of the first line
 * hands one file's content to another file's reader.  Each input still
 * reaches exactly one fuzzed reader.  fuzz_procfs fuzzes all the files of
 * one tree together.
 */
#define _GNU_SOURCE /* nftw */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libpagefail.h"
#include "proc/procfs.h"
#include "fuzz_system.h"

#ifndef PF_FIXTURES
#error "PF_FIXTURES: the tests/fixtures directory"
#endif
#define MACHINE PF_FIXTURES "/system/debian12-live"

static char base[PATH_MAX]; /* the private temporary directory */
static char alone[PATH_MAX], whole[PATH_MAX]; /* the two roots */
static int ids[PF_FILE_NR], nr_ids; /* the files: not the directories */
static struct {
	char *data; /* the machine's copy, or NULL */
	size_t len;
} machine[PF_FILE_NR];

/* mkdir -p of the directories of rel under root. */
static void make_parents(const char *root, const char *rel)
{
	char path[PATH_MAX];
	size_t n = strlen(root);

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (char *p = path + n + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(path, 0700) && errno != EEXIST) {
			perror(path);
			abort();
		}
		*p = '/';
	}
}

static void read_machine_file(int id)
{
	char path[PATH_MAX];
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", MACHINE, pf_proc_files[id].path);
	f = fopen(path, "rb");
	if (!f)
		return; /* the machine has no such file */
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		abort();
	machine[id].data = malloc((size_t)n + 1);
	if (!machine[id].data ||
	    fread(machine[id].data, 1, (size_t)n, f) != (size_t)n)
		abort();
	machine[id].len = (size_t)n;
	fclose(f);
}

/* Put back what the machine holds at root/rel. */
static void restore(const char *root, int id)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", root, pf_proc_files[id].path);
	if (root == whole && machine[id].data)
		fuzz_write_file(path, (const uint8_t *)machine[id].data,
				machine[id].len);
	else
		unlink(path);
}

static void cleanup(void)
{
	fuzz_remove_tree(base);
}

static void setup(void)
{
	fuzz_make_tmpdir(base, sizeof(base), "procfile");
	snprintf(alone, sizeof(alone), "%s/alone", base);
	snprintf(whole, sizeof(whole), "%s/whole", base);
	if (mkdir(alone, 0700) || mkdir(whole, 0700)) {
		perror(base);
		abort();
	}
	atexit(cleanup);
	for (int id = 0; id < PF_FILE_NR; id++) {
		if (pf_proc_files[id].flags & PF_FILE_DIR)
			continue;
		ids[nr_ids++] = id;
		make_parents(alone, pf_proc_files[id].path);
		make_parents(whole, pf_proc_files[id].path);
		read_machine_file(id);
		restore(whole, id);
	}
	if (!machine[PF_FILE_ZONEINFO].data) {
		fprintf(stderr, "fuzz_procfile: cannot read %s\n", MACHINE);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pf_system sys;
	const uint8_t *nl = size ? memchr(data, '\n', size) : NULL;
	const char *root = alone;
	char path[PATH_MAX];
	size_t head = nl ? (size_t)(nl - data) : 0, skip = 0;
	int id = -1;

	if (!base[0])
		setup();
	if (!size)
		return 0;
	if (head && data[0] == '+') {
		root = whole;
		skip = 1;
	}
	for (int i = 0; nl && i < nr_ids; i++) {
		const char *rel = pf_proc_files[ids[i]].path;

		if (strlen(rel) == head - skip &&
		    !memcmp(rel, data + skip, head - skip)) {
			id = ids[i];
			data += head + 1;
			size -= head + 1;
			break;
		}
	}
	if (id < 0) {
		id = ids[data[0] % nr_ids];
		root = alone;
	}

	snprintf(path, sizeof(path), "%s/%s", root, pf_proc_files[id].path);
	fuzz_write_file(path, data, size);
	if (!pf_system_read(root, &sys, fuzz_on_diag, NULL))
		fuzz_check_system(&sys);
	restore(root, id);
	return 0;
}
