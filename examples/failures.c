// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * failures.c - a program that links libpagefail through its public API
 * only: for every page allocation failure in the logs it is given, one
 * line with where it was, what was asked, each zone's verdict under the
 * failing kernel's watermark check, and the known cause.
 *
 *   cc failures.c $(pkg-config --cflags --libs pagefail) -o failures
 *   ./failures /var/log/messages
 */
#include <stdio.h>

#include <pagefail.h>

static int on_report(const struct pf_report *r, void *data)
{
	struct pf_explain *ex;
	const char *rule;
	int *n = data;

	(*n)++;
	printf("%s:%lu %s order:%d mode:%#lx", pf_report_source(r),
	       pf_report_line(r), pf_report_task(r), pf_report_order(r),
	       pf_report_gfp_mask(r));
	if (pf_explain_new(r, NULL, &ex) < 0) {
		printf("\n");
		return 0;
	}
	for (int i = 0; i < pf_report_nr_zones(r); i++) {
		const struct pf_wm_check *c = pf_explain_zone_check(ex, i);

		if (c)
			printf(" %s:%s", pf_report_zone(r, i)->name,
			       pf_cause_name(c->cause));
	}
	rule = pf_explain_rule_id(ex);
	printf(" verdict:%s cause:%s\n", pf_cause_name(pf_explain_cause(ex)),
	       rule ? rule : "-");
	pf_explain_free(ex);
	return 0;
}

static void on_diag(const char *source, unsigned long line, const char *msg,
		    void *data)
{
	(void)data;
	fprintf(stderr, "failures: %s:%lu: %s\n", source, line, msg);
}

static int scan_one(const char *path, int *n)
{
	struct pf_scan_opts opts = { .report = on_report,
				     .diag = on_diag,
				     .data = n };
	struct pf_source *src;
	struct pf_scanner *sc;
	const char *buf;
	ssize_t len;
	int err = pf_source_open(&src, path);

	if (err < 0) {
		fprintf(stderr, "failures: cannot read '%s': %s\n", path,
			pf_strerror(err));
		return err;
	}
	sc = pf_scanner_new(pf_source_name(src), &opts);
	if (!sc) {
		pf_source_free(src);
		return -ENOMEM;
	}
	while ((len = pf_source_read(src, &buf)) > 0)
		pf_scanner_feed(sc, buf, (size_t)len);
	pf_scanner_finish(sc);
	if (len < 0)
		fprintf(stderr, "failures: '%s': %s\n", path,
			pf_source_strerror(src, (int)len));
	pf_scanner_free(sc);
	pf_source_free(src);
	return len < 0 ? (int)len : 0;
}

int main(int argc, char **argv)
{
	int n = 0, bad = 0;

	for (int i = 1; i < argc; i++)
		bad |= scan_one(argv[i], &n) < 0;
	fprintf(stderr, "failures: %d reports (libpagefail %s)\n", n,
		pf_version());
	return bad ? 1 : n ? 0 : 2;
}
