// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * demand.c - advise --demand FILE: the atomic demand pagefail trace -j
 * measured, read back from its JSON (the p99.9 pages of a window, the
 * window, kswapd's slowest reaction) for the library's advice.  The reader
 * knows only what trace writes: objects, arrays, strings and numbers; a
 * key is looked for among the members of the object it belongs to, not
 * anywhere in the text.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define DEMAND_FILE_MAX (16u << 20)

/* Past the JSON value at p (no further than end): NULL when it is not one */
static const char *skip_value(const char *p, const char *end)
{
	int depth = 0;
	bool in_str = false;

	for (; p < end; p++) {
		if (in_str) {
			if (*p == '\\')
				p++;
			else if (*p == '"')
				in_str = false;
			if (!in_str && !depth)
				return p + 1;
			continue;
		}
		if (*p == '"')
			in_str = true;
		else if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']') {
			if (!depth)
				return p; /* the end of the enclosing one */
			if (!--depth)
				return p + 1;
		} else if (!depth && (*p == ',' || *p == '\n'))
			return p;
	}
	return depth || in_str ? NULL : p;
}

/*
 * The value of member key of the object that starts at obj ('{'), or
 * NULL.
 */
static const char *member(const char *obj, const char *end, const char *key)
{
	size_t kl = strlen(key);
	const char *p;

	while (obj && obj < end && (*obj == ' ' || *obj == '\n'))
		obj++;
	if (!obj || obj >= end || *obj != '{')
		return NULL;
	p = obj + 1;
	while (p && p < end) {
		while (p < end &&
		       (*p == ' ' || *p == '\n' || *p == '\t' || *p == ','))
			p++;
		if (p >= end || *p != '"')
			return NULL;
		if ((size_t)(end - p) > kl + 2 && !memcmp(p + 1, key, kl) &&
		    p[kl + 1] == '"' && p[kl + 2] == ':')
			return p + kl + 3;
		p = skip_value(p, end); /* the key */
		while (p && p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (!p || p >= end || *p != ':')
			return NULL;
		p = skip_value(p + 1, end);
	}
	return NULL;
}

/* The number at v (not past end). */
static bool number(const char *v, const char *end, double *out)
{
	char buf[64], *e;
	size_t n;

	if (!v || v >= end)
		return false;
	n = (size_t)(end - v) < sizeof(buf) - 1 ? (size_t)(end - v)
						: sizeof(buf) - 1;
	memcpy(buf, v, n);
	buf[n] = '\0';
	*out = strtod(buf, &e);
	return e != buf && *out == *out; /* not NaN */
}

int cli_demand_parse(const char *text, size_t len, struct pf_demand *d)
{
	const char *end = text + len, *top, *ad, *ks, *re;
	double p999, win, n = 0, react = -1, kb = 4;

	top = text;
	while (top < end && (*top == ' ' || *top == '\n' || *top == '\t'))
		top++;
	ad = member(top, end, "atomic_demand");
	ks = member(top, end, "kswapd");
	re = member(ks, end, "reaction");
	if (!number(member(ad, end, "p999_pages"), end, &p999) ||
	    !number(member(top, end, "window_ms"), end, &win) || win <= 0 ||
	    p999 < 0)
		return -EINVAL;
	/* kswapd not woken while it traced: its reaction is not known */
	if (number(member(re, end, "count"), end, &n) && n > 0)
		number(member(re, end, "max_ms"), end, &react);
	number(member(top, end, "page_kb"), end, &kb);
	memset(d, 0, sizeof(*d));
	d->known = true;
	d->p999_pages = p999 < 1e15 ? (unsigned long long)p999 : 0;
	d->window_ms = win;
	d->react_ms = n > 0 ? react : -1;
	d->page_kb = kb >= 1 && kb <= 1024 ? (unsigned int)kb : 4;
	return 0;
}

int cli_demand_load(const char *path, struct pf_demand *d, bool json)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = fopen(path, "re");

	if (!f) {
		cli_err(json, path, "cannot read '%s': %s", path,
			pf_strerror(errno));
		return -1;
	}
	text = malloc(DEMAND_FILE_MAX + 1);
	if (text)
		len = fread(text, 1, DEMAND_FILE_MAX, f);
	fclose(f);
	if (!text) {
		cli_err(json, path, "out of memory");
		return -1;
	}
	text[len] = '\0';
	if (cli_demand_parse(text, len, d)) {
		cli_err(json, path,
			"'%s' is not what pagefail trace -j writes (no "
			"atomic_demand.p999_pages or window_ms)",
			path);
		free(text);
		return -1;
	}
	free(text);
	return 0;
}
