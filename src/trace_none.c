// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace_none.c - pagefail trace in a build without libbpf, bpftool or
 * clang's BPF target: it says so, and what gives them.
 */
#include <stdio.h>
#include <string.h>

#include "tracer.h"

int cli_trace_start(struct cli_trace *t, double window_s, bool stacks,
		    FILE *csv, char *why, size_t n)
{
	(void)window_s;
	(void)stacks;
	(void)csv;
	memset(t, 0, sizeof(*t));
	snprintf(why, n,
		 "this pagefail was built without eBPF (libbpf-dev, bpftool "
		 "and clang give it)");
	return -1;
}

int cli_trace_poll(struct cli_trace *t)
{
	(void)t;
	return 0;
}

int cli_trace_read(struct cli_trace *t)
{
	(void)t;
	return 0;
}

int cli_trace_stop(struct cli_trace *t)
{
	(void)t;
	return 0;
}

void cli_trace_release(struct cli_trace *t)
{
	(void)t;
}
