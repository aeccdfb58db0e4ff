// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * when.c - the times --since and --until take, in journalctl's spirit:
 * absolute local times, @epoch, and times relative to now; and the
 * monotonic clock the commands time themselves by (cli_now()).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

int cli_parse_when(const char *s, int64_t *epoch)
{
	time_t now = time(NULL);
	struct tm tm;
	char *end;

	if (!strcmp(s, "now")) {
		*epoch = now;
		return 0;
	}
	if (!strcmp(s, "today") || !strcmp(s, "yesterday")) {
		localtime_r(&now, &tm);
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		tm.tm_isdst = -1;
		*epoch = mktime(&tm) - (s[0] == 'y' ? 86400 : 0);
		return 0;
	}
	if (s[0] == '@') {
		long long v;

		errno = 0;
		v = strtoll(s + 1, &end, 10);
		if (errno || end == s + 1 || *end)
			return -1;
		*epoch = v;
		return 0;
	}
	if (s[0] == '-' || s[0] == '+') {
		/* clang-format off */
		static const struct {
			const char *unit;
			long secs;
		} units[] = {
			{ "s", 1 }, { "sec", 1 }, { "min", 60 }, { "m", 60 },
			{ "h", 3600 }, { "hour", 3600 }, { "hours", 3600 },
			{ "d", 86400 }, { "day", 86400 }, { "days", 86400 },
			{ "w", 604800 }, { "week", 604800 },
			{ "weeks", 604800 },
		};
		/* clang-format on */
		long long v, secs;

		if (!isdigit((unsigned char)s[1]))
			return -1;
		errno = 0;
		v = strtoll(s + 1, &end, 10);
		if (errno)
			return -1;
		for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
			if (strcmp(end, units[i].unit))
				continue;
			/* "-99999999999999d" is no time, not an overflow */
			if (__builtin_mul_overflow(v, units[i].secs, &secs) ||
			    __builtin_add_overflow((long long)now,
						   s[0] == '-' ? -secs : secs,
						   &v))
				return -1;
			*epoch = v;
			return 0;
		}
		return -1;
	}
	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%d", &tm);
	if (!end)
		return -1;
	if (*end == ' ' || *end == 'T') {
		char *e2 = strptime(end + 1, "%H:%M:%S", &tm);

		if (!e2)
			e2 = strptime(end + 1, "%H:%M", &tm);
		if (!e2)
			return -1;
		end = e2;
	}
	if (*end)
		return -1;
	tm.tm_isdst = -1;
	*epoch = mktime(&tm);
	return 0;
}

double cli_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
