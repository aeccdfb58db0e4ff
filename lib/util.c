// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * util.c - small helpers shared by the library's parsers.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <string.h>
#include <time.h>

#include "util.h"

void pf_strlcpyn(char *dst, size_t size, const char *s, size_t n)
{
	if (!size)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
	/* a NUL inside the log line would cut the field: keep what is before */
}

const char *pf_memstr(const char *hay, size_t len, const char *needle)
{
	return memmem(hay, len, needle, strlen(needle));
}

bool pf_scan_ulong(const char **p, const char *end, unsigned long *v)
{
	const char *q = *p;
	unsigned long x = 0;

	if (q >= end || !isdigit((unsigned char)*q))
		return false;
	while (q < end && isdigit((unsigned char)*q)) {
		if (x < (~0UL - 9) / 10)
			x = x * 10 + (unsigned long)(*q - '0');
		q++;
	}
	*v = x;
	*p = q;
	return true;
}

bool pf_scan_hex(const char **p, const char *end, unsigned long *v)
{
	const char *q = *p;
	unsigned long x = 0;
	int n = 0;

	if (end - q >= 2 && q[0] == '0' && (q[1] == 'x' || q[1] == 'X'))
		q += 2;
	while (q < end && isxdigit((unsigned char)*q)) {
		int c = tolower((unsigned char)*q);

		if (n < 16)
			x = x * 16 + (unsigned long)(isdigit(c) ? c - '0' : c - 'a' + 10);
		n++;
		q++;
	}
	if (!n)
		return false;
	*v = x;
	*p = q;
	return true;
}

double pf_pow10(int n)
{
	double r = 1;

	while (n-- > 0)
		r *= 10;
	return r;
}

int pf_current_year(void)
{
	static int year;
	time_t now;
	struct tm tm;

	if (!year) {
		now = time(NULL);
		localtime_r(&now, &tm);
		year = tm.tm_year + 1900;
	}
	return year;
}
