// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_line.c - libFuzzer target for the line wrapper parser
 * (pf_line_parse): the input is a log, and every line of it, copied to a
 * buffer of its own length so that a read past its end is caught, is taken
 * apart.  What comes back must point inside the line: the message, the
 * host and the time as (pointer, length) pairs within it, a printk level
 * of -1..7, a known style and known flags.  The year for syslog times is
 * fixed, so that a run does not depend on the date.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libpagefail.h"

#define PF_LINE_FLAGS                                                          \
	(PF_LINE_PREFIXED | PF_LINE_NOT_KERNEL | PF_LINE_QUOTED | PF_LINE_CONT)

static size_t sum;

/* p[0..n) lies within [s, s + len); a NULL p must have n 0. */
static void inside(const char *s, size_t len, const char *p, size_t n)
{
	if (!p) {
		if (n)
			abort();
		return;
	}
	if (p < s || p > s + len || n > (size_t)(s + len - p))
		abort();
	for (size_t i = 0; i < n; i++)
		sum += (unsigned char)p[i];
}

static void one_line(const uint8_t *data, size_t len, int year)
{
	char *s = malloc(len ? len : 1);
	struct pf_line l;

	if (!s)
		return;
	memcpy(s, data, len);
	pf_line_parse(s, len, year, &l);
	inside(s, len, l.msg, l.msg_len);
	if (!l.msg)
		abort();
	inside(s, len, l.host, l.host_len);
	inside(s, len, l.time, l.time_len);
	if (l.level < -1 || l.level > 7 || l.style < 0 ||
	    l.style >= PF_STYLE_NR || (l.flags & ~PF_LINE_FLAGS) ||
	    isnan(l.mono))
		abort();
	/* NO_MONO is negative: a double converts to size_t only in range */
	sum += (size_t)l.epoch;
	if (l.mono >= 0 && l.mono < 1e15)
		sum += (size_t)l.mono;
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t start = 0;

	while (start <= size) {
		const uint8_t *nl = memchr(data + start, '\n', size - start);
		size_t end = nl ? (size_t)(nl - data) : size;

		/* a syslog year of this century, and one before printk times */
		one_line(data + start, end - start, 2024);
		one_line(data + start, end - start, 1999);
		if (!nl)
			break;
		start = end + 1;
	}
	return 0;
}
