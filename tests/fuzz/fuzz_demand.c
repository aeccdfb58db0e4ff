// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_demand.c - libFuzzer target for advise --demand's reader of
 * pagefail trace -j's JSON (src/demand.c): the input is the file.  What
 * it reads must be a demand the advice can use: a positive window, a
 * page size in range.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

#include "cli.h"

/* demand.c's loader says what went wrong through the CLI: not here */
void cli_err(bool json, const char *source, const char *fmt, ...)
{
	(void)json;
	(void)source;
	(void)fmt;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pf_demand d;

	if (cli_demand_parse((const char *)data, size, &d))
		return 0;
	if (!d.known || !(d.window_ms > 0) || d.page_kb < 1 || d.page_kb > 1024)
		abort();
	return 0;
}
