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

#include "json.h"

static struct pf_explain ex;
static struct pf_evidence ev;
static struct pf_advice advice;

static int on_report(const struct pf_report *r, void *data)
{
	struct pf_json *j = data;
	char buf[512];

	pf_explain_report(r, NULL, &ex);
	pf_evidence_add(&ev, r, &ex);
	pf_explain_json(r, &ex, j);
	pf_json_end(j);
	pf_report_signature(r, buf, sizeof(buf));
	pf_report_meaning(r, buf, sizeof(buf));
	for (int i = 0; i < r->nr_zones; i++)
		(void)pf_zone_buddy_pages(&r->zones[i]);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct pf_json *j;
	struct pf_scan_opts o = { .year = 2024, .report = on_report };
	struct pf_scanner *sc;
	size_t split;

	if (!sink)
		sink = fopen("/dev/null", "w");
	j = pf_json_new(sink, false);
	o.data = j;
	pf_evidence_init(&ev);
	sc = pf_scanner_new("fuzz", &o);
	if (!sc || !j)
		return 0;
	split = size ? data[0] % (size + 1) : 0;
	pf_scanner_feed(sc, (const char *)data, split);
	pf_scanner_feed(sc, (const char *)data + split, size - split);
	pf_scanner_finish(sc);
	pf_scanner_free(sc);
	pf_advise(&ev, NULL, &advice);
	pf_json_free(j);
	return 0;
}
