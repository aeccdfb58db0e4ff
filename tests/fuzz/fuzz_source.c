// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_source.c - libFuzzer target for the compressed sources: the input is
 * a file, written to a temporary file of this process and read back
 * through pf_source_open() and pf_source_read(), which tell gzip, xz, zstd
 * and bzip2 by their content (a format the library cannot read is refused,
 * with its words from pf_source_strerror()).  Every chunk must fit the
 * bound source.h promises, and its first and last bytes are read.  At most 16
 * MiB of output is taken from one input: a small input may decompress to far
 * more, and what the library does about that is the hostile matrix's concern
 * (tests/hostile), not the fuzzer's.
 */
#define _GNU_SOURCE /* nftw */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libpagefail.h"
#include "log/stream.h"
#include "fuzz_system.h"

#define OUTPUT_MAX (16u << 20)

static char dir[PATH_MAX], path[PATH_MAX + 16];

static void cleanup(void)
{
	fuzz_remove_tree(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pf_source *src;
	const char *buf;
	size_t total = 0, sum = 0;
	ssize_t n = 0;

	if (!dir[0]) {
		fuzz_make_tmpdir(dir, sizeof(dir), "source");
		atexit(cleanup);
		snprintf(path, sizeof(path), "%s/log", dir);
	}
	fuzz_write_file(path, data, size);
	if (pf_source_open(&src, path))
		return 0;
	if (strcmp(pf_source_name(src), path))
		abort();
	while (total < OUTPUT_MAX && (n = pf_source_read(src, &buf)) > 0) {
		if ((size_t)n > PF_SOURCE_CHUNK_MAX)
			abort();
		/* its ends: a chunk longer than its buffer is caught */
		sum += (unsigned char)buf[0] + (unsigned char)buf[n - 1];
		total += (size_t)n;
	}
	if (total < OUTPUT_MAX && n < 0)
		sum += strlen(pf_source_strerror(src, (int)n));
	pf_source_free(src);
	fuzz_diag_bytes += sum;
	return 0;
}
