// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_util.c - unit tests of lib/util/: PF_GROW(), the one growable
 * array of the library and the command (doubling from a first size, and
 * nothing changed when the bytes would pass SIZE_MAX); the name tables
 * (pf_name_of(), pf_name_index()) and the named fields (pf_field_find()).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>

#include "libpagefail.h"
#include "util/util.h"

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

/* A table of names with a hole: the hole and what is past it are dflt. */
static void test_names(void **state)
{
	static const char *const names[4] = { "zero", "one", NULL, "three" };

	assert_string_equal(pf_name_of(names, 4, 1, "?"), "one");
	assert_string_equal(pf_name_of(names, 4, 2, "?"), "?");
	assert_string_equal(pf_name_of(names, 4, -1, "?"), "?");
	assert_null(pf_name_of(names, 4, 4, NULL));
	assert_int_equal(pf_name_index(names, 4, "three"), 3);
	assert_int_equal(pf_name_index(names, 4, "zero"), 0);
	assert_int_equal(pf_name_index(names, 4, "two"), -1);
	assert_int_equal(pf_name_index(names, 3, "three"), -1);
}

/* A member by the bytes of its name: a longer or shorter name is not it. */
static void test_fields(void **state)
{
	struct s {
		long a, min, minimum;
	};
	static const struct pf_field fields[] = {
		{ "min", offsetof(struct s, min) },
		{ "minimum", offsetof(struct s, minimum) },
	};
	const struct pf_field *f;

	f = pf_field_find(fields, 2, "minimum", 7);
	assert_non_null(f);
	assert_int_equal(f->off, offsetof(struct s, minimum));
	f = pf_field_find(fields, 2, "minimum", 3);
	assert_non_null(f);
	assert_int_equal(f->off, offsetof(struct s, min));
	assert_null(pf_field_find(fields, 2, "mi", 2));
	assert_null(pf_field_find(fields, 2, "a", 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_grow_overflow),
		cmocka_unit_test(test_grow_chars),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
