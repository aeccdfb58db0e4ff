// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_util.c - unit tests of lib/util/: PF_GROW(), the one growable
 * array of the library and the command (doubling from a first size, and
 * nothing changed when the bytes would pass SIZE_MAX).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>

#include "libpagefail.h"

/* The room doubles from first until the need fits; the elements stay. */
static void test_grow(void **state)
{
	long *v = NULL;
	size_t alloc = 0;

	assert_int_equal(PF_GROW(v, alloc, 1, 4), 0);
	assert_non_null(v);
	assert_int_equal(alloc, 4);
	for (long i = 0; i < 4; i++)
		v[i] = i;
	/* room enough: nothing moves */
	assert_int_equal(PF_GROW(v, alloc, 4, 4), 0);
	assert_int_equal(alloc, 4);
	assert_int_equal(PF_GROW(v, alloc, 5, 4), 0);
	assert_int_equal(alloc, 8);
	/* past twice the room: doubled until it fits */
	assert_int_equal(PF_GROW(v, alloc, 33, 4), 0);
	assert_int_equal(alloc, 64);
	for (long i = 0; i < 4; i++)
		assert_int_equal(v[i], i);
	free(v);
}

/* Bytes past SIZE_MAX: -ENOMEM, the array and its room as they were. */
static void test_grow_overflow(void **state)
{
	long *v = NULL, *was;
	size_t alloc = 0;

	assert_int_equal(PF_GROW(v, alloc, 2, 2), 0);
	was = v;
	assert_int_equal(PF_GROW(v, alloc, SIZE_MAX / sizeof(*v) + 1, 2),
			 -ENOMEM);
	assert_ptr_equal(v, was);
	assert_int_equal(alloc, 2);
	assert_int_equal(PF_GROW(v, alloc, SIZE_MAX, 2), -ENOMEM);
	assert_int_equal(alloc, 2);
	free(v);
}

/* A string buffer: elements of one byte. */
static void test_grow_chars(void **state)
{
	char *s = NULL;
	size_t cap = 0;

	assert_int_equal(PF_GROW(s, cap, 100, 64), 0);
	assert_int_equal(cap, 128);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_grow_overflow),
		cmocka_unit_test(test_grow_chars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
