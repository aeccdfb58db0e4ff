// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_fastscan.c - unit tests of the scanner's idle-time search
 * (lib/log/fastscan.c) against a byte-at-a-time reference: the offset
 * of the first needle (or NUL, when asked) and the newlines before it,
 * for needles and NULs at every offset of the vector steps and across
 * the AVX2 loop's 255-step blocks, and in random text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "log/fastscan.h"

/* what pf_fastscan() must answer, found one byte at a time */
static size_t reference(const char *buf, size_t len, unsigned long *lines,
			bool nul)
{
	static const char *const needles[] = { "allocation", "Linux version" };
	size_t i;

	for (i = 0; i < len; i++) {
		if (nul && !buf[i])
			return i;
		for (size_t n = 0; n < 2; n++) {
			size_t nl = strlen(needles[n]);

			if (len - i >= nl && !memcmp(buf + i, needles[n], nl))
				return i;
		}
		*lines += buf[i] == '\n';
	}
	return len;
}

static void check(const char *buf, size_t len, bool nul)
{
	unsigned long want_lines = 7, got_lines = 7;
	size_t want = reference(buf, len, &want_lines, nul);
	size_t got = pf_fastscan(buf, len, &got_lines, nul);

	if (got != want || got_lines != want_lines)
		fail_msg(
			"len %zu nul %d: offset %zu lines %lu, want %zu and %lu",
			len, nul, got, got_lines, want, want_lines);
}

/* text of short lines with no needle in it, and never a NUL */
static char *plain(size_t len)
{
	static const char text[] = "kernel: eth0: link up, 1000 Mbps\n"
				   "sshd[42]: Accepted publickey for root\n";
	char *buf = malloc(len + 1);

	assert_non_null(buf);
	for (size_t i = 0; i < len; i++)
		buf[i] = text[i % (sizeof(text) - 1)];
	buf[len] = '\0';
	return buf;
}

/*
 * One needle, one NUL, or a NUL before a needle, at each offset: the
 * first 100 cover every lane of the 16- and 32-byte steps, the rest sit
 * about the first block of 255 steps (8160 bytes) and the tail.
 */
static void test_one_hit(void **state)
{
	const size_t len = 3 * 8160 + 77;
	size_t at[200], n = 0;
	char *buf = plain(len);
	(void)state;

	for (size_t i = 0; i < 100; i++)
		at[n++] = i;
	for (size_t i = 8160 - 40; i < 8160 + 40; i++)
		at[n++] = i;
	for (size_t i = len - 20; i < len; i++)
		at[n++] = i;
	for (size_t k = 0; k < n; k++) {
		char *b = plain(len);

		memcpy(b + at[k], "allocation",
		       len - at[k] < 10 ? len - at[k] : 10);
		check(b, len, true);
		check(b, len, false);
		free(b);
		b = plain(len);
		b[at[k]] = '\0';
		check(b, len, true);
		check(b, len, false);
		if (at[k] + 50 < len)
			memcpy(b + at[k] + 37, "Linux version", 13);
		check(b, len, true);
		check(b, len, false);
		free(b);
	}
	check(buf, len, true);
	for (size_t l = 0; l < 300; l++)
		check(buf, l, true);
	free(buf);
}

/* a NUL after a needle in the same step, in the same block, in the next */
static void test_nul_after_needle(void **state)
{
	const size_t len = 4 * 8160;
	static const size_t gap[] = { 11, 20, 31, 32, 100, 8160, 9000 };
	(void)state;

	for (size_t g = 0; g < sizeof(gap) / sizeof(gap[0]); g++) {
		for (size_t at = 8100; at < 8200; at += 7) {
			char *b = plain(len);

			memcpy(b + at, "allocation", 10);
			b[at + gap[g]] = '\0';
			check(b, len, true);
			free(b);
		}
	}
}

/* random bytes over a small alphabet that makes near-misses common */
static void test_random(void **state)
{
	static const char alpha[] = "aLcxn\n\0 ilotuersv";
	unsigned int seed = 12345;
	(void)state;

	for (int round = 0; round < 400; round++) {
		size_t len = (size_t)(rand_r(&seed) % 20000);
		char *b = malloc(len + 1);
		int nul_odds = 1 + rand_r(&seed) % 4000;

		assert_non_null(b);
		for (size_t i = 0; i < len; i++) {
			b[i] = alpha[rand_r(&seed) % (sizeof(alpha) - 1)];
			if (!b[i] && rand_r(&seed) % nul_odds)
				b[i] = '\n';
		}
		/* plant needles now and then, as a log has them */
		for (int k = rand_r(&seed) % 3; k > 0 && len > 20; k--)
			memcpy(b + rand_r(&seed) % (len - 13),
			       k & 1 ? "allocation" : "Linux version",
			       k & 1 ? 10 : 13);
		check(b, len, true);
		check(b, len, false);
		free(b);
	}
}

/* pf_count_lines() of every length over every alignment */
static void test_count_lines(void **state)
{
	char *buf = plain(200);
	(void)state;

	for (size_t off = 0; off < 9; off++) {
		unsigned long want = 0;

		for (size_t l = 0; off + l <= 200; l++) {
			assert_int_equal(pf_count_lines(buf + off, l), want);
			if (off + l < 200)
				want += buf[off + l] == '\n';
		}
	}
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_hit),
		cmocka_unit_test(test_nul_after_needle),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_count_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
