// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_util.c - unit tests of lib/util/: PF_GROW(), the one growable
 * array of the library and the command (doubling from a first size, and
 * nothing changed when the bytes would pass SIZE_MAX); the name tables
 * (pf_name_of(), pf_name_index()) and the named fields (pf_field_find());
 * the INI tokenizer of ini.c, which the rules and scenarios read through.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* [s, e) of a line as a string, for the asserts. */
static const char *span(char *buf, size_t size, const char *s, const char *e)
{
	snprintf(buf, size, "%.*s", (int)(e - s), s);
	return buf;
}

/*
 * Every kind of line, numbered as an editor numbers them: a byte order
 * mark, CR LF ends, a comment, a head, keys with and without a value, a
 * line with no '=', a NUL byte, and a last line without its newline.
 */
static void test_ini_lines(void **state)
{
	static const char text[] = "\xef\xbb\xbf[rule one]\r\n"
				   "  # a comment\n"
				   "\n"
				   "\tkey = some value \r\n"
				   "empty=\n"
				   "no equals sign\n"
				   "bad\0byte = 1\n"
				   "last = x";
	struct pf_ini ini;
	struct pf_ini_line l;
	char a[64], b[64];

	pf_ini_init(&ini, "t.rules", text, sizeof(text) - 1, NULL, NULL);
	assert_true(pf_ini_next(&ini, &l));
	assert_int_equal(ini.lineno, 1);
	assert_int_equal(l.kind, PF_INI_SECTION);
	assert_string_equal(span(a, sizeof(a), l.s, l.e), "[rule one]");

	assert_true(pf_ini_next(&ini, &l));
	assert_int_equal(l.kind, PF_INI_BLANK);
	assert_true(pf_ini_next(&ini, &l));
	assert_int_equal(l.kind, PF_INI_BLANK);

	assert_true(pf_ini_next(&ini, &l));
	assert_int_equal(ini.lineno, 4);
	assert_int_equal(l.kind, PF_INI_KEY);
	assert_string_equal(span(a, sizeof(a), l.key, l.key_end), "key");
	assert_string_equal(span(b, sizeof(b), l.val, l.val_end), "some value");

	assert_true(pf_ini_next(&ini, &l));
	assert_int_equal(l.kind, PF_INI_KEY);
	assert_string_equal(span(a, sizeof(a), l.key, l.key_end), "empty");
	assert_ptr_equal(l.val, l.val_end);

	assert_true(pf_ini_next(&ini, &l));
	assert_int_equal(l.kind, PF_INI_NOT_KEY);
	assert_string_equal(span(a, sizeof(a), l.s, l.e), "no equals sign");

	assert_true(pf_ini_next(&ini, &l));
	assert_int_equal(ini.lineno, 7);
	assert_int_equal(l.kind, PF_INI_NUL);

	assert_true(pf_ini_next(&ini, &l));
	assert_int_equal(ini.lineno, 8);
	assert_int_equal(l.kind, PF_INI_KEY);
	assert_string_equal(span(b, sizeof(b), l.val, l.val_end), "x");
	assert_false(pf_ini_next(&ini, &l));
	assert_int_equal(ini.lineno, 8);
}

/* No text at all, and a text that is only a byte order mark: no line. */
static void test_ini_empty(void **state)
{
	struct pf_ini ini;
	struct pf_ini_line l;

	pf_ini_init(&ini, "none", NULL, 0, NULL, NULL);
	assert_false(pf_ini_next(&ini, &l));
	pf_ini_init(&ini, "bom", "\xef\xbb\xbf", 3, NULL, NULL);
	assert_false(pf_ini_next(&ini, &l));
	/* two bytes of a mark are not one: they are the line */
	pf_ini_init(&ini, "half", "\xef\xbb", 2, NULL, NULL);
	assert_true(pf_ini_next(&ini, &l));
	assert_int_equal(l.kind, PF_INI_NOT_KEY);
}

struct ini_seen {
	int nr;
	unsigned long line;
	char source[32], msg[300];
};

static void ini_diag(const char *source, unsigned long line, const char *msg,
		     void *data)
{
	struct ini_seen *s = data;

	s->nr++;
	s->line = line;
	snprintf(s->source, sizeof(s->source), "%s", source);
	snprintf(s->msg, sizeof(s->msg), "%s", msg);
}

/*
 * An error reads "line N: what" under the text's name; it is counted
 * without a diag too; an overlong one is cut, never overrun.
 */
static void test_ini_err(void **state)
{
	struct ini_seen seen = { 0 };
	struct pf_ini ini;
	char big[400];

	pf_ini_init(&ini, "my.scn", "", 0, ini_diag, &seen);
	pf_ini_err(&ini, 12, "unknown key '%s'", "colour");
	assert_int_equal(ini.errors, 1);
	assert_int_equal(seen.nr, 1);
	assert_int_equal(seen.line, 12);
	assert_string_equal(seen.source, "my.scn");
	assert_string_equal(seen.msg, "line 12: unknown key 'colour'");

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	pf_ini_err(&ini, 3, "%s", big);
	assert_int_equal(seen.nr, 2);
	assert_true(strlen(seen.msg) < 256);
	assert_memory_equal(seen.msg, "line 3: xxx", 11);

	pf_ini_init(&ini, "quiet", "", 0, NULL, NULL);
	pf_ini_err(&ini, 1, "counted");
	pf_ini_err(&ini, 2, "twice");
	assert_int_equal(ini.errors, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_grow_overflow),
		cmocka_unit_test(test_grow_chars),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_ini_lines),
		cmocka_unit_test(test_ini_empty),
		cmocka_unit_test(test_ini_err),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
