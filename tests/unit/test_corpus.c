// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_corpus.c - every real report of the corpus against its label.
 *
 * The labels are tests/fixtures/corpus/INDEX.tsv, over the copy of the
 * mailing-list files there; with "--shared DIR" (tests/shared.sh), those of
 * DIR/corpus, read in place, so that cases added there later and the other
 * projects' fixtures that the repository does not copy are tested too.  For
 * each file: the first report's task, order, mode as printed, kernel
 * version and Mem-Info presence equal the label; NEARMISS files give no
 * report; every buddy line adds up to the total the kernel printed; where
 * the kernel printed the GFP names, decoding the mask with the report's
 * layout gives the same names.
 */
#include "helpers.h"

#include <ctype.h>

static char corpus[4096];

/* Reports per file where a file holds more than one (from INDEX notes). */
static const struct {
	const char *prefix;
	size_t count;
} counts[] = {
	{ "003-", 2 },	     { "012-", 2 }, { "017-", 2 }, { "023-", 2 },
	{ "seed-rhel6", 6 }, { "027-", 1 }, { "024-", 1 }, { "019-", 1 },
};

static char *field(char *line, int n)
{
	char *p = line;

	for (int i = 0; i < n && p; i++) {
		p = strchr(p, '\t');
		if (p)
			p++;
	}
	if (!p)
		return NULL;
	{
		static char buf[4][1024];
		static int k;
		char *e = strchr(p, '\t');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *out = buf[k++ & 3];

		if (len >= sizeof(buf[0]))
			len = sizeof(buf[0]) - 1;
		memcpy(out, p, len);
		out[len] = '\0';
		while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
			out[--len] = '\0';
		return out;
	}
}

static void check_buddy_sums(const struct pf_report *r, const char *file)
{
	for (int i = 0; i < r->nr_zones; i++) {
		const struct pf_zone *z = &r->zones[i];

		if (z->buddy_total_kb < 0)
			continue;
		if (pf_zone_buddy_pages(z) * z->page_kb !=
		    (unsigned long)z->buddy_total_kb)
			fail_msg(
				"%s line %lu: zone %d %s: buddy lines add up to "
				"%lukB, the kernel printed %ldkB",
				file, r->line, z->node, z->name,
				pf_zone_buddy_pages(z) * z->page_kb,
				z->buddy_total_kb);
	}
}

static void check_names(const struct pf_report *r, const char *file)
{
	char buf[512];

	if (!r->mode_names[0])
		return;
	assert_true(r->gfp_layout != PF_GFP_UNKNOWN);
	assert_true(pf_gfp_format(r->gfp_mask, r->gfp_layout, buf,
				  sizeof(buf)) >= 0);
	if (strcmp(buf, r->mode_names))
		fail_msg("%s line %lu: mode %s decodes to '%s' with layout %s, "
			 "the kernel printed '%s'",
			 file, r->line, r->mode, buf,
			 pf_gfp_layout_name(r->gfp_layout), r->mode_names);
}

/* "Node0/DMA,Node0/Normal" of r's zones, as the wild labels write them */
static void zone_list(const struct pf_report *r, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < r->nr_zones && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%sNode%d/%s",
				      i ? "," : "", r->zones[i].node,
				      r->zones[i].name);
	if (!r->nr_zones)
		snprintf(buf, size, "-");
}

/*
 * Every row of dir/INDEX.tsv against what the scanner makes of its file.
 * Columns 0-9 are the corpus's; a set may add "reports" (how many), "zones"
 * and "first_line" of the first report (10, 11, 12).  Returns the rows.
 */
static int check_index(const char *dir, int min_rows)
{
	char path[8192], line[8192];
	FILE *f;
	int rows = 0, nearmiss = 0, reports = 0, zones = 0, named = 0;

	snprintf(path, sizeof(path), "%s/INDEX.tsv", dir);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f)); /* header */
	while (fgets(line, sizeof(line), f)) {
		char *file = field(line, 0);
		char file_copy[1024], task[256], order[64], mode[512],
			kver[256], mem[16], nrep[16] = "", zlist[512] = "",
					    first[32] = "";
		struct reports rs = { 0 };
		int err;

		if (!file || !file[0])
			continue;
		snprintf(file_copy, sizeof(file_copy), "%s", file);
		snprintf(kver, sizeof(kver), "%s", field(line, 2));
		snprintf(task, sizeof(task), "%s", field(line, 4));
		snprintf(order, sizeof(order), "%s", field(line, 5));
		snprintf(mode, sizeof(mode), "%s", field(line, 6));
		snprintf(mem, sizeof(mem), "%s", field(line, 7));
		if (field(line, 10)) {
			snprintf(nrep, sizeof(nrep), "%s", field(line, 10));
			snprintf(zlist, sizeof(zlist), "%s", field(line, 11));
			snprintf(first, sizeof(first), "%s", field(line, 12));
		}
		snprintf(path, sizeof(path), "%s/%s", dir, file_copy);
		if (!path_exists(path)) {
			fprintf(stderr, "skip %s: not in this copy\n",
				file_copy);
			continue;
		}
		rows++;
		err = scan_file(path, &rs, NULL);
		assert_int_equal(err, 0);
		if (nrep[0] && rs.nr != (size_t)atoi(nrep))
			fail_msg("%s: %zu reports, label %s", file_copy, rs.nr,
				 nrep);
		if (!strcmp(task, "none")) {
			nearmiss++;
			if (rs.nr)
				fail_msg(
					"%s: a near miss gave %zu report(s), the "
					"first '%s' at line %lu",
					file_copy, rs.nr, rs.r[0].task,
					rs.r[0].line);
			reports_release(&rs);
			continue;
		}
		if (!rs.nr)
			fail_msg("%s: no report found", file_copy);
		{
			const struct pf_report *r = &rs.r[0];
			char printed[512], zl[512];

			/* the first report of the file, in the file's order */
			for (size_t i = 1; i < rs.nr; i++)
				if (rs.r[i].line < r->line)
					r = &rs.r[i];
			snprintf(printed, sizeof(printed), "%s%s%s%s", r->mode,
				 r->mode_names[0] ? "(" : "", r->mode_names,
				 r->mode_names[0] ? ")" : "");
			if (strcmp(r->task, task))
				fail_msg("%s: task '%s', label '%s'", file_copy,
					 r->task, task);
			if (r->order != atoi(order))
				fail_msg("%s: order %d, label %s", file_copy,
					 r->order, order);
			if (strcmp(printed, mode))
				fail_msg("%s: mode '%s', label '%s'", file_copy,
					 printed, mode);
			if (!strcmp(kver, "unknown")) {
				if (r->kernel_from == PF_KERNEL_REPORT ||
				    r->kernel_from == PF_KERNEL_LOG)
					fail_msg(
						"%s: kernel '%s' but the log names none",
						file_copy, r->kernel.str);
			} else if (!pf_kver_known(&r->kernel) ||
				   strcmp(r->kernel.str, kver)) {
				fail_msg("%s: kernel '%s', label '%s'",
					 file_copy,
					 pf_kver_known(&r->kernel)
						 ? r->kernel.str
						 : "(none)",
					 kver);
			}
			if (!!(r->flags & PF_REPORT_HAS_MEMINFO) !=
			    !strcmp(mem, "yes"))
				fail_msg("%s: Mem-Info %s, label %s", file_copy,
					 r->flags & PF_REPORT_HAS_MEMINFO
						 ? "yes"
						 : "no",
					 mem);
			zone_list(r, zl, sizeof(zl));
			if (zlist[0] && strcmp(zl, zlist))
				fail_msg("%s: zones %s, label %s", file_copy,
					 zl, zlist);
			if (first[0] && strcmp(first, "-") &&
			    r->line != strtoul(first, NULL, 10))
				fail_msg("%s: first line %lu, label %s",
					 file_copy, r->line, first);
		}
		for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
			if (!strncmp(file_copy, counts[i].prefix,
				     strlen(counts[i].prefix)) &&
			    rs.nr != counts[i].count)
				fail_msg("%s: %zu reports, expected %zu",
					 file_copy, rs.nr, counts[i].count);
		for (size_t i = 0; i < rs.nr; i++) {
			check_buddy_sums(&rs.r[i], file_copy);
			check_names(&rs.r[i], file_copy);
			zones += rs.r[i].nr_zones;
			named += rs.r[i].mode_names[0] != 0;
			assert_true(rs.r[i].order >= 0);
			assert_true(rs.r[i].mode[0] != 0);
		}
		reports += (int)rs.nr;
		reports_release(&rs);
	}
	fclose(f);
	fprintf(stderr,
		"%s: %d files (%d near misses), %d reports, %d zones, "
		"%d with printed GFP names\n",
		dir, rows, nearmiss, reports, zones, named);
	assert_true(rows >= min_rows);
	return rows;
}

static void test_corpus_labels(void **state)
{
	check_index(corpus, 15);
}

/*
 * The wild set: real reports from public threads that the parser was not
 * written against (tests/fixtures/wild/SOURCES.md).
 */
static void test_wild_labels(void **state)
{
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s/wild", PF_FIXTURES);
	check_index(dir, 25);
}

/* Facts read off particular reports, beyond the labels. */
static void test_corpus_details(void **state)
{
	char path[8192];
	struct reports rs = { 0 };
	const struct pf_report *r;

	/* the RHEL 6 case: six reports, the last with a vmxnet3 receive trace */
	snprintf(path, sizeof(path), "%s/seed-rhel6-kb-example.log", corpus);
	assert_int_equal(scan_file(path, &rs, NULL), 0);
	assert_int_equal(rs.nr, 6);
	r = &rs.r[5];
	assert_string_equal(r->kernel.str, "2.6.32-358.2.1.el6.x86_64");
	assert_int_equal(r->kernel.rhel, 6);
	assert_int_equal(r->context.kind, PF_CTX_SOFTIRQ);
	assert_string_equal(r->context.softirq, "net_rx");
	assert_string_equal(r->context.subsystem, "network");
	assert_string_equal(r->context.via, "slab");
	assert_string_equal(r->frames[1].func, "__alloc_pages_nodemask");
	assert_int_equal(pf_report_bytes(r), 8192);
	assert_string_equal(rs.r[0].host, "hostname");
	assert_string_equal(rs.r[0].time, "Mar 18 14:39:17");
	assert_string_equal(rs.r[4].time, "Mar 21 21:59:18");
	assert_int_equal(rs.r[0].line, 1);
	assert_int_equal(r->line, 6);
	reports_release(&rs);

	/* 4.14 arm64 kswapd/zram: damaged Mem-Info with \x0a escapes */
	snprintf(path, sizeof(path),
		 "%s/015-kswapd0-zram-order0-arm64-4.14-damaged.log", corpus);
	assert_int_equal(scan_file(path, &rs, NULL), 0);
	assert_int_equal(rs.nr, 1);
	r = &rs.r[0];
	assert_int_equal(r->context.kind, PF_CTX_KSWAPD);
	assert_string_equal(r->cpuset, "/");
	assert_string_equal(r->mems_allowed, "0");
	assert_int_equal(r->nr_zones, 1);
	assert_string_equal(r->zones[0].name, "Normal");
	assert_int_equal(r->zones[0].free * 4, 14040);
	assert_int_equal(r->zones[0].min * 4, 7440);
	assert_int_equal(r->zones[0].reserved_highatomic * 4, 32768);
	assert_int_equal(r->zones[0].nr_lowmem_reserve, 2);
	assert_int_equal(r->zones[0].nr_free[0], 860);
	assert_string_equal(r->zones[0].mt[0], "H");
	assert_int_equal(pf_report_counter(r, "active_file"), 44260);
	assert_int_equal(pf_report_counter(r, "free_cma"), 0);
	reports_release(&rs);

	/* 2.6.16 x86_64: mail-wrapped header, two NUMA nodes, old trace */
	snprintf(
		path, sizeof(path),
		"%s/019-swapper-tg3-order1-numa2-2.6.16-x86_64-syslog-wrapped.log",
		corpus);
	assert_int_equal(scan_file(path, &rs, NULL), 0);
	assert_int_equal(rs.nr, 1);
	r = &rs.r[0];
	assert_string_equal(r->host, "t06");
	assert_string_equal(r->mode, "0x20");
	assert_int_equal(r->nr_zones, 8);
	assert_int_equal(r->zones[0].node, 1);
	assert_true(r->flags & PF_REPORT_COMPLETE);
	assert_string_equal(r->frames[1].func, "__alloc_pages");
	assert_string_equal(r->context.softirq, "net_rx");
	reports_release(&rs);

	/* 5.x on one line: nodemask, cpuset and mems_allowed, wrapped by mail */
	snprintf(path, sizeof(path),
		 "%s/008-swapper10-amd-iommu-order0-atomic-wrapped.log",
		 corpus);
	assert_int_equal(scan_file(path, &rs, NULL), 0);
	assert_int_equal(rs.nr, 1);
	assert_string_equal(rs.r[0].nodemask, "(null)");
	assert_string_equal(rs.r[0].mems_allowed, "0,4");
	assert_int_equal(rs.r[0].context.kind, PF_CTX_HARDIRQ);
	assert_string_equal(rs.r[0].context.subsystem, "iommu");
	reports_release(&rs);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_labels),
		cmocka_unit_test(test_wild_labels),
		cmocka_unit_test(test_corpus_details),
	};
	const char *shared = shared_arg(argc, argv);

	snprintf(corpus, sizeof(corpus), "%s/corpus",
		 shared ? shared : PF_FIXTURES);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
