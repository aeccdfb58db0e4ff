// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_kver.c - unit tests of lib/kver.c: kernel release parsing, the
 * --kernel era names and RHEL build ordering.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "libpagefail.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct kver_case {
	const char *s;
	int major, minor, sublevel;
	int rhel;
	int nr_rel;
	long rel[3];
};

/* clang-format off */
static const struct kver_case kver_cases[] = {
	{ "2.6.32-358.2.1.el6.x86_64", 2, 6, 32, 6, 3, { 358, 2, 1 } },
	{ "2.6.32-220.el6", 2, 6, 32, 6, 1, { 220 } },
	{ "3.10.0-1160.el7.x86_64", 3, 10, 0, 7, 1, { 1160 } },
	{ "4.18.0-240.el8", 4, 18, 0, 8, 1, { 240 } },
	{ "5.14.0-70.el9", 5, 14, 0, 9, 1, { 70 } },
	{ "3.10.0-1160.80.1.el7_9.x86_64", 3, 10, 0, 7, 3, { 1160, 80, 1 } },
	{ "5.10.10+", 5, 10, 10, 0, 0, { 0 } },
	{ "4.14.113-18770262-userdebug", 4, 14, 113, 0, 1, { 18770262 } },
	{ "5.4.161-qgki-24219806-abA236USQU0AVE1", 5, 4, 161, 0, 0, { 0 } },
	{ "6.12.39", 6, 12, 39, 0, 0, { 0 } },
	{ "2.6.31+frans2+mel-00002-g90702f9-dirty", 2, 6, 31, 0, 1, { 2 } },
	{ "5.13.0-0.rc5.20210611git929d931f2b40.42.fc35.x86_64",
	  5, 13, 0, 0, 1, { 0 } },
	{ "4.4.114+", 4, 4, 114, 0, 0, { 0 } },
	{ "6.1.0-27-amd64", 6, 1, 0, 0, 1, { 27 } },
	{ "3.4", 3, 4, 0, 0, 0, { 0 } },
	{ "2.6.16", 2, 6, 16, 0, 0, { 0 } },
	{ "2.6.32.69", 2, 6, 32, 0, 0, { 0 } },
	{ "5.4.1-1.el7.elrepo.x86_64", 5, 4, 1, 7, 1, { 1 } },
};
/* clang-format on */

/*
 * Parse s into kv and check it against c, field by field; a failure names
 * s.  The string kept is s itself (an era name stays as it was given).
 */
static void check_kver(const char *s, const struct kver_case *c,
		       struct pf_kver *kv)
{
	if (pf_kver_parse(s, kv))
		fail_msg("'%s' not parsed", s);
	if (strcmp(kv->str, s))
		fail_msg("'%s' kept as '%s'", s, kv->str);
	if (kv->major != c->major || kv->minor != c->minor ||
	    kv->sublevel != c->sublevel)
		fail_msg("'%s': version %d.%d.%d, not %d.%d.%d", s, kv->major,
			 kv->minor, kv->sublevel, c->major, c->minor,
			 c->sublevel);
	if (kv->code != PF_KV(c->major, c->minor, c->sublevel))
		fail_msg("'%s': code %#x", s, kv->code);
	if (kv->rhel != c->rhel)
		fail_msg("'%s': rhel %d, not %d", s, kv->rhel, c->rhel);
	if (kv->nr_rel != c->nr_rel)
		fail_msg("'%s': %d release parts, not %d", s, kv->nr_rel,
			 c->nr_rel);
	for (int j = 0; j < c->nr_rel; j++)
		if (kv->rel[j] != c->rel[j])
			fail_msg("'%s': release part %d is %ld, not %ld", s, j,
				 kv->rel[j], c->rel[j]);
	if (!pf_kver_known(kv))
		fail_msg("'%s' not known", s);
}

static void test_parse_releases(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(kver_cases); i++) {
		struct pf_kver kv;

		check_kver(kver_cases[i].s, &kver_cases[i], &kv);
	}
}

static void test_parse_invalid(void **state)
{
	/* clang-format off */
	static const char *const bad[] = {
		"", "linux", "v5.10", "rhel", "rhel10", "rhel6.11", "5",
		"5.", ".5.10", "-2.6.32", "Linux version 5.10",
	};
	/* clang-format on */
	struct pf_kver kv;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&kv, 0x5a, sizeof(kv));
		assert_int_equal(pf_kver_parse(bad[i], &kv), -EINVAL);
		assert_int_equal(kv.code, 0);
		assert_int_equal(kv.major, 0);
		assert_int_equal(kv.nr_rel, 0);
		assert_string_equal(kv.str, "");
		assert_false(pf_kver_known(&kv));
	}
	assert_int_equal(pf_kver_parse(NULL, &kv), -EINVAL);
	assert_int_equal(pf_kver_parse("5.10", NULL), -EINVAL);
	assert_false(pf_kver_known(NULL));
}

static void test_sublevel_clamp(void **state)
{
	struct pf_kver a, b;

	(void)state;
	assert_int_equal(pf_kver_parse("4.4.302", &a), 0);
	assert_int_equal(a.sublevel, 302);
	assert_int_equal(a.code, PF_KV(4, 4, 255));
	assert_int_equal(pf_kver_parse("4.4.256", &b), 0);
	assert_int_equal(a.code, b.code);
	/* the comparison still sees the real sublevel */
	assert_true(pf_kver_cmp(&a, &b) > 0);
	assert_true(pf_kver_cmp(&b, &a) < 0);
}

static void test_str_truncated(void **state)
{
	char s[200];
	struct pf_kver kv;

	(void)state;
	memset(s, 'x', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	memcpy(s, "5.10.0-", 7);
	assert_int_equal(pf_kver_parse(s, &kv), 0);
	assert_int_equal(strlen(kv.str), sizeof(kv.str) - 1);
	assert_memory_equal(kv.str, s, sizeof(kv.str) - 1);
}

/*
 * --kernel era names: what each parses to and the release it stands for,
 * written out here (not read from lib/kver.c's table).  Both must parse
 * to the same and compare equal.
 */
static const struct era_case {
	const char *release;
	struct kver_case era;
} era_cases[] = {
	{ "2.6.18-8.el5", { "rhel5", 2, 6, 18, 5, 1, { 8 } } },
	{ "2.6.32-131.0.15.el6",
	  { "rhel6.1", 2, 6, 32, 6, 3, { 131, 0, 15 } } },
	{ "2.6.32-754.el6", { "rhel6", 2, 6, 32, 6, 1, { 754 } } },
	{ "3.10.0-1160.el7", { "RHEL7", 3, 10, 0, 7, 1, { 1160 } } },
	{ "4.18.0-553.el8", { "rhel8", 4, 18, 0, 8, 1, { 553 } } },
	{ "5.14.0-427.el9", { "rhel9", 5, 14, 0, 9, 1, { 427 } } },
};

/*
 * The other RHEL 6 minor releases: rhel6.N is 2.6.32-BUILD.el6, BUILD
 * the Nth here (6.1, whose release has more parts, is in era_cases).
 */
static const long rhel6_builds[] = {
	71, 0, 220, 279, 358, 431, 504, 573, 642, 696, 754,
};

static void check_era(const struct era_case *c)
{
	struct pf_kver e, r;

	check_kver(c->era.s, &c->era, &e);
	check_kver(c->release, &c->era, &r);
	if (pf_kver_cmp(&e, &r))
		fail_msg("%s and %s compare unequal", c->era.s, c->release);
}

static void test_era_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(era_cases); i++)
		check_era(&era_cases[i]);
	for (int minor = 0; minor < (int)ARRAY_SIZE(rhel6_builds); minor++) {
		struct era_case c = {
			NULL, { NULL, 2, 6, 32, 6, 1, { rhel6_builds[minor] } }
		};
		char name[16], release[32];

		if (!rhel6_builds[minor])
			continue;
		snprintf(name, sizeof(name), "rhel6.%d", minor);
		snprintf(release, sizeof(release), "2.6.32-%ld.el6",
			 rhel6_builds[minor]);
		c.era.s = name;
		c.release = release;
		check_era(&c);
	}
}

static void test_rhel_order(void **state)
{
	static const char *const order[] = {
		"2.6.18-8.el5",
		"2.6.32-71.el6",
		"2.6.32-220.el6",
		"2.6.32-358.el6",
		"2.6.32-358.2.1.el6.x86_64",
		"2.6.32-358.6.1.el6",
		"2.6.32-431.el6",
		"2.6.32-754.35.1.el6",
		"3.10.0-123.el7",
		"3.10.0-1160.el7",
		"3.10.0-1160.80.1.el7_9",
		"4.18.0-240.el8",
		"4.18.0-553.el8",
		"5.14.0-70.el9",
		"5.14.0-427.el9",
		"6.12.0-55.el10",
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		for (j = 0; j < sizeof(order) / sizeof(order[0]); j++) {
			struct pf_kver a, b;
			int r;

			assert_int_equal(pf_kver_parse(order[i], &a), 0);
			assert_int_equal(pf_kver_parse(order[j], &b), 0);
			r = pf_kver_cmp(&a, &b);
			if (i < j)
				assert_true(r < 0);
			else if (i > j)
				assert_true(r > 0);
			else
				assert_int_equal(r, 0);
		}
	}
}

static void test_cmp_plain(void **state)
{
	struct pf_kver a, b;

	(void)state;
	assert_int_equal(pf_kver_parse("4.9.0", &a), 0);
	assert_int_equal(pf_kver_parse("4.10", &b), 0);
	assert_true(pf_kver_cmp(&a, &b) < 0);
	assert_int_equal(pf_kver_parse("5.10.10+", &a), 0);
	assert_int_equal(pf_kver_parse("5.10.10", &b), 0);
	assert_int_equal(pf_kver_cmp(&a, &b), 0);
	assert_int_equal(pf_kver_parse("2.6.16", &a), 0);
	assert_int_equal(pf_kver_parse("2.6.7", &b), 0);
	assert_true(pf_kver_cmp(&a, &b) > 0);
	/* a known kernel sorts after an unknown one */
	memset(&b, 0, sizeof(b));
	assert_true(pf_kver_cmp(&a, &b) > 0);
	assert_true(pf_kver_cmp(NULL, &a) < 0);
	assert_int_equal(pf_kver_cmp(NULL, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_releases),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_sublevel_clamp),
		cmocka_unit_test(test_str_truncated),
		cmocka_unit_test(test_era_names),
		cmocka_unit_test(test_rhel_order),
		cmocka_unit_test(test_cmp_plain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
