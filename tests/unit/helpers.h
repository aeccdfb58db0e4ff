/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * helpers.h - what the tests share: scan a file or a string into an array
 * of reports through the library's public API.
 */
#ifndef PF_TEST_HELPERS_H
#define PF_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "libpagefail.h"

struct reports {
	struct pf_report *r;
	size_t nr, alloc;
	unsigned long diags;
};

static int collect(const struct pf_report *r, void *data)
{
	struct reports *rs = data;

	if (rs->nr == rs->alloc) {
		rs->alloc = rs->alloc ? 2 * rs->alloc : 8;
		rs->r = realloc(rs->r, rs->alloc * sizeof(*rs->r));
		assert_non_null(rs->r);
	}
	rs->r[rs->nr++] = *r;
	return 0;
}

static void count_diag(const char *source, unsigned long line, const char *msg,
		       void *data)
{
	((struct reports *)data)->diags++;
}

/* Diagnostics counted, and the first 8 kept: source, line and words */
struct diag_list {
	int nr;
	unsigned long line[8];
	char source[8][64];
	char msg[8][256];
};

/* A pf_diag_fn for a struct diag_list */
static inline void list_diag(const char *source, unsigned long line,
			     const char *msg, void *data)
{
	struct diag_list *d = data;

	if (d->nr < 8) {
		d->line[d->nr] = line;
		snprintf(d->source[d->nr], sizeof(d->source[0]), "%s",
			 source ? source : "");
		snprintf(d->msg[d->nr], sizeof(d->msg[0]), "%s", msg);
	}
	d->nr++;
}

/* A parser's return, its result and diagnostics: 0, something, none */
static inline void assert_parsed(int err, const void *out,
				 const struct diag_list *d)
{
	assert_int_equal(err, 0);
	if (d->nr)
		fail_msg("unexpected diag: %s", d->msg[0]);
	assert_non_null(out);
}

/*
 * out = what parse (pf_rules_parse() or pf_scenario_parse(), which take
 * the same arguments) makes of text under name, asserted to be something
 * and said without a diagnostic.
 */
#define PARSE_CLEAN(parse, out, name, text)                                    \
	do {                                                                   \
		struct diag_list d_ = { 0 };                                   \
		int err_ = parse(&(out), name, text, strlen(text), list_diag,  \
				 &d_);                                         \
                                                                               \
		assert_parsed(err_, out, &d_);                                 \
	} while (0)

/*
 * A scanner named name whose reports go to rs (the year 2024 for syslog
 * times, kernel where the log names none); scanner_end() finishes it.
 */
static inline struct pf_scanner *
scanner_to(const char *name, struct reports *rs, const struct pf_kver *kernel)
{
	struct pf_scan_opts o = { .kernel = kernel,
				  .year = 2024,
				  .report = collect,
				  .diag = count_diag,
				  .data = rs };
	struct pf_scanner *sc = pf_scanner_new(name, &o);

	assert_non_null(sc);
	return sc;
}

static inline void scanner_end(struct pf_scanner *sc)
{
	assert_int_equal(pf_scanner_finish(sc), 0);
	pf_scanner_free(sc);
}

/* Scan path (any format pf_source_open takes); returns 0 or -errno. */
static inline int scan_file(const char *path, struct reports *rs,
			    const struct pf_kver *kernel)
{
	struct pf_source *src;
	struct pf_scanner *sc;
	const char *buf;
	ssize_t n = pf_source_open(&src, path);

	if (n)
		return (int)n;
	sc = scanner_to(path, rs, kernel);
	while ((n = pf_source_read(src, &buf)) > 0)
		assert_int_equal(pf_scanner_feed(sc, buf, (size_t)n), 0);
	scanner_end(sc);
	pf_source_free(src);
	return n < 0 ? (int)n : 0;
}

/* Scan a string fed in pieces of step bytes (0: whole). */
static inline void scan_string(const char *s, size_t step, struct reports *rs)
{
	struct pf_scanner *sc = scanner_to("<string>", rs, NULL);
	size_t len = strlen(s);

	if (!step)
		step = len ? len : 1;
	for (size_t i = 0; i < len; i += step)
		assert_int_equal(
			pf_scanner_feed(sc, s + i,
					len - i < step ? len - i : step),
			0);
	scanner_end(sc);
}

/* A report of nothing yet, malloc'd (it is large): free() it */
static inline struct pf_report *report_new(void)
{
	struct pf_report *r = malloc(sizeof(*r));

	assert_non_null(r);
	pf_report_init(r);
	return r;
}

static inline void reports_release(struct reports *rs)
{
	free(rs->r);
	memset(rs, 0, sizeof(*rs));
}

static inline bool path_exists(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0;
}

/*
 * DIR of "--shared DIR", with which tests/shared.sh runs a test against the
 * project's shared data read in place; NULL without it (the test reads the
 * repository's copy, tests/fixtures).
 */
static inline const char *shared_arg(int argc, char **argv)
{
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--shared"))
			return argv[i + 1];
	return NULL;
}

#endif
