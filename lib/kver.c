// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kver.c - kernel release strings and the short era names of --kernel.
 *
 * A release such as "2.6.32-358.2.1.el6.x86_64" is split into the upstream
 * version (what the GFP layout and report formats depend on) and the
 * numeric distribution release after the first '-' (what orders RHEL
 * builds of one base version: -220 < -358 < -358.2.1 < -431).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

#include "libpagefail.h"

/*
 * --kernel era names.  Each stands for a real release so that every rule
 * keyed on the version (or the RHEL build) applies unchanged.  "rhel6"
 * alone is the last minor release, 6.10; "rhel5" is the first, 5.0,
 * whose 2.6.18-8.el5 lacks the later __GFP_NO_OOM (the layout is the
 * same for every .el5 build, see lib/mm/gfp.c).  "rhel6.N-vendor", N 4 to
 * 10 (and "rhel6-vendor"), is that release as Red Hat describes its
 * kswapd rather than as its source reads (lib/era.c, era_reclaim()).
 */
static const struct {
	const char *name;
	const char *release;
} kver_eras[] = {
	{ "rhel5", "2.6.18-8.el5" },	      { "rhel6.0", "2.6.32-71.el6" },
	{ "rhel6.1", "2.6.32-131.0.15.el6" }, { "rhel6.2", "2.6.32-220.el6" },
	{ "rhel6.3", "2.6.32-279.el6" },      { "rhel6.4", "2.6.32-358.el6" },
	{ "rhel6.5", "2.6.32-431.el6" },      { "rhel6.6", "2.6.32-504.el6" },
	{ "rhel6.7", "2.6.32-573.el6" },      { "rhel6.8", "2.6.32-642.el6" },
	{ "rhel6.9", "2.6.32-696.el6" },      { "rhel6.10", "2.6.32-754.el6" },
	{ "rhel6", "2.6.32-754.el6" },	      { "rhel7", "3.10.0-1160.el7" },
	{ "rhel8", "4.18.0-553.el8" },	      { "rhel9", "5.14.0-427.el9" },
};

const char *pf_kver_era_name(size_t i)
{
	return i < sizeof(kver_eras) / sizeof(kver_eras[0]) ? kver_eras[i].name
							    : NULL;
}

/* Copy s into kv->str, cut to fit. */
static void kver_set_str(struct pf_kver *kv, const char *s)
{
	size_t n = strlen(s);

	if (n >= sizeof(kv->str))
		n = sizeof(kv->str) - 1;
	memcpy(kv->str, s, n);
	kv->str[n] = '\0';
}

/*
 * Read a decimal number of at most 9 digits (so it fits an int and a
 * long).  Returns the number of characters used, 0 when none.
 */
static size_t kver_num(const char *s, long *val)
{
	size_t i = 0;
	long v = 0;

	while (isdigit((unsigned char)s[i])) {
		if (i == 9)
			return 0;
		v = v * 10 + (s[i] - '0');
		i++;
	}
	*val = v;
	return i;
}

/*
 * The numeric parts of the distribution release: "358.2.1.el6.x86_64"
 * gives 358, 2, 1.  Parts are separated by '.' or '-' and the walk stops
 * at the first part that is not all digits ("el6", "rc5", "amd64").
 */
static void kver_parse_rel(const char *p, struct pf_kver *kv)
{
	while (kv->nr_rel < PF_KVER_REL_MAX) {
		long v;
		size_t n = kver_num(p, &v);

		if (!n || (p[n] != '\0' && p[n] != '.' && p[n] != '-'))
			break;
		kv->rel[kv->nr_rel++] = v;
		p += n;
		if (!*p)
			break;
		p++;
	}
}

/*
 * RHEL/CentOS builds carry ".elN" (".el7", also ".el7_9" for z-stream
 * builds) in the release.  The digits must be followed by the end, '.',
 * '_' or '-', so that names like ".elfoo" or ".el7x" are not taken.
 */
static int kver_parse_rhel(const char *rel)
{
	const char *p = rel;

	while ((p = strstr(p, ".el")) != NULL) {
		long v;
		size_t n;

		p += 3;
		n = kver_num(p, &v);
		if (n && n <= 2 && v >= 2 &&
		    (p[n] == '\0' || p[n] == '.' || p[n] == '_' || p[n] == '-'))
			return (int)v;
	}
	return 0;
}

int pf_kver_parse(const char *s, struct pf_kver *kv)
{
	const char *p;
	long major, minor, sub = 0;
	size_t n;
	size_t i;

	if (!kv)
		return -EINVAL;
	memset(kv, 0, sizeof(*kv));
	if (!s)
		return -EINVAL;

	for (i = 0; i < sizeof(kver_eras) / sizeof(kver_eras[0]); i++) {
		size_t len = strlen(kver_eras[i].name);
		bool vendor = false;

		if (strncasecmp(s, kver_eras[i].name, len))
			continue;
		/* "rhel6.4-vendor": the era as its vendor describes it */
		if (!strcasecmp(s + len, "-vendor"))
			vendor = true;
		else if (s[len])
			continue;
		if (pf_kver_parse(kver_eras[i].release, kv))
			return -EINVAL;
		/* only where the account and the source differ: 6.4 on */
		if (vendor && !(kv->rhel == 6 && kv->rel[0] >= 358))
			return -EINVAL;
		kver_set_str(kv, s);
		kv->vendor = vendor;
		return 0;
	}

	/* "major.minor[.sublevel]", then anything ("-rel", "+", ...) */
	p = s;
	n = kver_num(p, &major);
	if (!n || p[n] != '.')
		return -EINVAL;
	p += n + 1;
	n = kver_num(p, &minor);
	if (!n)
		return -EINVAL;
	p += n;
	if (*p == '.' && isdigit((unsigned char)p[1])) {
		n = kver_num(p + 1, &sub);
		if (!n)
			return -EINVAL;
		p += n + 1;
	}
	/* PF_KV() keeps 8 bits for major and minor, as KERNEL_VERSION() */
	if (major == 0 || major > 255 || minor > 255)
		return -EINVAL;

	kv->major = (int)major;
	kv->minor = (int)minor;
	kv->sublevel = (int)sub;
	kv->code = PF_KV(major, minor, sub);

	/*
	 * The distribution release starts after the first '-' ("2.6.31+foo-
	 * 00002-g..." has its first '-' after "+foo").  A fourth version
	 * number of old stable kernels ("2.6.32.69") is not a release.
	 */
	p = strchr(p, '-');
	if (p) {
		kver_parse_rel(p + 1, kv);
		kv->rhel = kver_parse_rhel(p + 1);
	}
	kver_set_str(kv, s);
	return 0;
}

static int kver_cmp_long(long a, long b)
{
	return (a > b) - (a < b);
}

int pf_kver_cmp(const struct pf_kver *a, const struct pf_kver *b)
{
	static const struct pf_kver none;
	int i, r;

	if (!a)
		a = &none;
	if (!b)
		b = &none;

	/* major, minor, sublevel unclamped: 4.4.300 > 4.4.256 */
	r = kver_cmp_long(a->major, b->major);
	if (!r)
		r = kver_cmp_long(a->minor, b->minor);
	if (!r)
		r = kver_cmp_long(a->sublevel, b->sublevel);
	if (r)
		return r;

	/*
	 * One base version: order by the release numbers when both have
	 * some, shorter prefix first (358 < 358.2.1 < 431).
	 */
	if (a->nr_rel == 0 || b->nr_rel == 0)
		return 0;
	for (i = 0; i < a->nr_rel && i < b->nr_rel; i++) {
		r = kver_cmp_long(a->rel[i], b->rel[i]);
		if (r)
			return r;
	}
	return kver_cmp_long(a->nr_rel, b->nr_rel);
}
