// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_strerror.c - unit tests of pf_strerror(): every message's errno
 * words in lower case, of either sign, the table's own words where
 * strerror()'s read worse, and pf_source_strerror() built on it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "libpagefail.h"

static void test_words(void **state)
{
	assert_string_equal(pf_strerror(ENOENT), "no such file or directory");
	assert_string_equal(pf_strerror(-ENOENT), "no such file or directory");
	assert_string_equal(pf_strerror(-EISDIR), "is a directory");
	/* strerror()'s "Cannot allocate memory" says less */
	assert_string_equal(pf_strerror(-ENOMEM), "out of memory");
	assert_string_equal(pf_strerror(-ENOTEMPTY), "directory not empty");
	assert_string_equal(pf_source_strerror(NULL, -EACCES),
			    "permission denied");
}

/* Not in the table: strerror()'s words, the first letter made small. */
static void test_the_rest(void **state)
{
	static const int errs[] = { EBUSY, EAGAIN, EPIPE, ETIMEDOUT, EXDEV, 0 };

	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		const char *w = pf_strerror(-errs[i]);
		char want[128];

		snprintf(want, sizeof(want), "%s", strerror(errs[i]));
		want[0] = (char)(want[0] - 'A' + 'a');
		assert_string_equal(w, want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_the_rest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
