// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_scan.c - libFuzzer target for line normalisation and report
 * assembly: the input is a log, fed in two pieces split where the first
 * byte says, so that partial lines across feeds are fuzzed too.  Every
 * report is also explained (the watermark check of its era on whatever
 * zones it parsed), counted as advice evidence, and rendered to JSON, which
 * exercises decoding and escaping.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "libpagefail.h"
#include "print.h"
#include "words.h"

static struct pf_explain ex;
static struct pf_evidence ev;
static struct pf_advice advice;

static int on_report(const struct pf_report *r, void *data)
{
	char buf[512];

	pf_explain_report(r, NULL, &ex);
	pf_evidence_add(&ev, r, &ex);
	print_report(r, &ex, 0);
	pf_report_signature(r, buf, sizeof(buf));
	cli_report_meaning(r, buf, sizeof(buf));
	for (int i = 0; i < r->nr_zones; i++)
		(void)pf_zone_buddy_pages(&r->zones[i]);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct pf_scan_opts o = { .year = 2024, .report = on_report };
	struct pf_scanner *sc;
	size_t split;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (print_begin(sink, true, false))
		return 0;
	pf_evidence_init(&ev);
	sc = pf_scanner_new("fuzz", &o);
	if (!sc) {
		print_end();
		return 0;
	}
	split = size ? data[0] % (size + 1) : 0;
	pf_scanner_feed(sc, (const char *)data, split);
	pf_scanner_feed(sc, (const char *)data + split, size - split);
	pf_scanner_finish(sc);
	pf_scanner_free(sc);
	pf_advise(&ev, NULL, &advice);
	print_end();
	return 0;
}
