// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_meminfo.c - unit tests of the Mem-Info parser (lib/report/
 * meminfo.c).
 *
 * First what it reads, era by era, from real reports of the corpus: the
 * global counters (pages), the per-zone line (kB, read into pages),
 * lowmem_reserve[], the buddy line with and without migratetype letters,
 * the trailer; what each line is taken for; the page size learnt from the
 * buddy line.  Excerpts are read by line range from tests/fixtures/corpus
 * and given to pf_mem_line() one by one, as the scanner would; the
 * mail-wrapped ones go through the scanner whole.  Every expected number
 * is the file's, divided by the page size where the kernel printed kB.
 * The corpus holds no Mem-Info of RHEL 5 or RHEL 6: 2.6.16 (019) and
 * 2.6.31 (003) print the same show_free_areas() lines as 2.6.18 and
 * 2.6.32 (kernel-facts.md section 2.4) and stand in for them.
 *
 * Then numbers in a Mem-Info (and the header's order) that no kernel
 * prints: 2^64 and beyond, negative values, block sizes that are not a
 * power of two, node ids past MAX_NUMNODES.  Each is read as unknown, the
 * report is kept, and the scanner says which field of which report, once.
 */
#include "helpers.h"
#include "report/internal.h"
#include "zones.h"

/* ---- the parser, era by era ------------------------------------------- */

#define CORPUS PF_FIXTURES "/corpus/"

/* A zone of a report: its zone line, lowmem_reserve[] and buddy line */
struct want_zone {
	int node;
	const char *name;
	bool node_printed;
	long free, min, low, high, present, managed; /* pages */
	long boost, reserved_highatomic, free_cma;
	int nr_reserve;
	long reserve[4];
	int nr_orders;
	unsigned long nr[11];
	const char *mt[11]; /* letters per order; all NULL: none printed */
	long total_kb;	    /* the buddy line's "= NkB" */
};

struct want_counter {
	const char *name;
	long value;
};

/* One era's excerpt and what its Mem-Info says */
struct era_case {
	const char *file; /* under tests/fixtures/corpus */
	int first, last;  /* lines to pf_mem_line(); 0: scan it all */
	/* per line: S start, B body, T trailer, E end (NULL: scanned) */
	const char *kinds;
	int nr_zones;
	struct {
		int index;
		struct want_zone z;
	} zones[3];
	int nr_counters; /* -1: not counted */
	struct want_counter counters[6];
	/* the trailer: pagecache, swap cache and swap, show_mem()'s totals */
	long pagecache, swap_cache, free_swap_kb, total_swap_kb;
	long ram, highmem, reserved;
};

/*
 * Lines first..last (1-based) of a corpus file, each taken apart by
 * pf_line_parse() and given to pf_mem_line(), in the Mem-Info once a
 * "Mem-Info:" line started it; each line's kind must be the one kinds
 * names.
 */
static void feed_excerpt(const struct era_case *c, struct pf_report *r)
{
	/* clang-format off */
	static const char letter[] = {
		[PF_MEM_NONE] = 'N', [PF_MEM_START] = 'S', [PF_MEM_BODY] = 'B',
		[PF_MEM_TRAILER] = 'T', [PF_MEM_END] = 'E',
	};
	/* clang-format on */
	char path[512], got[64] = "", *line = NULL;
	size_t cap = 0, n_got = 0;
	ssize_t n;
	bool in_mem = false;
	int no = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", CORPUS, c->file);
	f = fopen(path, "r");
	assert_non_null(f);
	while ((n = getline(&line, &cap, f)) > 0 && ++no <= c->last) {
		struct pf_line l;
		int k;

		if (no < c->first)
			continue;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		pf_line_parse(line, (size_t)n, 2024, &l);
		k = pf_mem_line(l.msg, l.msg_len, r, in_mem);
		in_mem |= k == PF_MEM_START;
		assert_true(n_got + 1 < sizeof(got));
		got[n_got++] = letter[k];
	}
	free(line);
	fclose(f);
	assert_string_equal(got, c->kinds);
}

/* z is w, in 4 KiB pages, and nothing else: every other field unset */
static void check_zone(const struct pf_zone *z, const struct want_zone *w)
{
	struct pf_zone e;

	pf_zone_init(&e);
	e.node = w->node;
	e.node_printed = w->node_printed;
	snprintf(e.name, sizeof(e.name), "%s", w->name);
	e.type = pf_zone_type_of(w->name);
	e.free = w->free;
	e.min = w->min;
	e.low = w->low;
	e.high = w->high;
	e.present = w->present;
	e.managed = w->managed;
	e.boost = w->boost;
	e.reserved_highatomic = w->reserved_highatomic;
	e.free_cma = w->free_cma;
	e.nr_lowmem_reserve = w->nr_reserve;
	memcpy(e.lowmem_reserve, w->reserve, sizeof(w->reserve));
	e.nr_orders = w->nr_orders;
	memcpy(e.nr_free, w->nr, sizeof(w->nr));
	e.has_mt = w->mt[0] != NULL;
	for (int o = 0; e.has_mt && o < 11; o++)
		snprintf(e.mt[o], sizeof(e.mt[o]), "%s", w->mt[o]);
	e.buddy_total_kb = w->total_kb;
	assert_zones_equal(z, &e);
}

/*
 * The excerpt given line by line (a real Mem-Info: nothing out of range
 * or missing in it, pf_mem_check() says), or the whole file scanned (one
 * report), and what it must say.
 */
static void check_era(const struct era_case *c)
{
	struct reports rs = { 0 };
	const struct pf_report *r;

	if (c->last) {
		struct pf_report *m = report_new();

		feed_excerpt(c, m);
		pf_mem_check(m);
		assert_int_equal(m->nr_bad_fields, 0);
		collect(m, &rs);
		free(m);
	} else {
		char path[512];

		snprintf(path, sizeof(path), "%s%s", CORPUS, c->file);
		assert_int_equal(scan_file(path, &rs, NULL), 0);
	}
	assert_int_equal(rs.nr, 1);
	r = &rs.r[0];
	assert_int_equal(r->nr_zones, c->nr_zones);
	for (int i = 0; i < 3 && c->zones[i].z.name; i++)
		check_zone(&r->zones[c->zones[i].index], &c->zones[i].z);
	if (c->nr_counters >= 0)
		assert_int_equal(r->nr_counters, c->nr_counters);
	for (int i = 0; i < 6 && c->counters[i].name; i++)
		assert_int_equal(pf_report_counter(r, c->counters[i].name),
				 c->counters[i].value);
	assert_int_equal(r->pagecache_pages, c->pagecache);
	assert_int_equal(r->swap_cache_pages, c->swap_cache);
	assert_int_equal(r->free_swap_kb, c->free_swap_kb);
	assert_int_equal(r->total_swap_kb, c->total_swap_kb);
	assert_int_equal(r->pages_ram, c->ram);
	assert_int_equal(r->pages_highmem, c->highmem);
	assert_int_equal(r->pages_reserved, c->reserved);
	reports_release(&rs);
}

/*
 * 2.6.31 i386 (003, lines 27-49, the first of its two reports): per-cpu
 * lists, "Active_anon:" with 2.6.28-2.6.3x's capital, zones without a
 * Node prefix or managed:, buddy lines without letters.  DMA free:1096kB
 * = 274 pages, min:124kB = 31, low:152kB = 38, high:184kB = 46,
 * present:15868kB = 3967; its blocks 46*4kB + 5*16kB + 1*64kB + 1*256kB +
 * 1*512kB = 1096kB, what the line says after "=".
 */
static const struct era_case era_2_6_31 = {
	"003-ifconfig-e100-order5-2.6.31-i386-x2.log",
	27,
	49,
	"SBBBBBBBBBBBBBTTTTTTTTE",
	2,
	{
		{ 0,
		  { 0,
		    "DMA",
		    false,
		    274,
		    31,
		    38,
		    46,
		    3967,
		    -1,
		    -1,
		    -1,
		    -1,
		    3,
		    { 0, 238, 238 },
		    11,
		    { 46, 0, 5, 0, 1, 0, 1, 1 },
		    { NULL },
		    1096 } },
		{ 1,
		  { 0,
		    "Normal",
		    false,
		    757,
		    477,
		    596,
		    715,
		    60944,
		    -1,
		    -1,
		    -1,
		    -1,
		    3,
		    { 0, 0, 0 },
		    11,
		    { 135, 213, 21, 4, 5 },
		    { NULL },
		    3028 } },
	},
	13,
	{
		{ "Active_anon", 14778 },
		{ "inactive_file", 11854 },
		{ "free", 1031 },
		{ "slab", 2083 },
		{ "bounce", 0 },
	},
	25927,
	3010,
	485236,
	514040,
	65520,
	-1,
	1663
};

/*
 * 4.1 arm64 Android (006, lines 15-36): the counters continue on lines
 * with a shorter prefix; zone lines with managed: and free_cma:; buddy
 * lines with 3.x's letters U, E, M, R.  DMA free:470628kB = 117657,
 * min:6800kB = 1700, low 7279, high 7704, present 861695, managed
 * 826764; Normal's blocks 270*4 + 82*8 + 48*16 + 25*32 + 12*64 + 2*128 +
 * 1*256 = 4584kB.
 */
static const struct era_case era_4_1 = {
	"006-sManagerService-order2-arm64-android-4.1.log",
	15,
	36,
	"SBBBBBBBBBBBBTTTTTTTTT",
	2,
	{
		{ 0,
		  { 0,
		    "DMA",
		    false,
		    117657,
		    1700,
		    7279,
		    7704,
		    861695,
		    826764,
		    -1,
		    -1,
		    0,
		    3,
		    { 0, 415, 415 },
		    11,
		    { 68324, 24706, 2 },
		    { "UEM", "UER", "U", "", "", "", "", "", "", "", "" },
		    470976 } },
		{ 1,
		  { 0,
		    "Normal",
		    false,
		    1021,
		    218,
		    935,
		    990,
		    131072,
		    106370,
		    -1,
		    -1,
		    0,
		    3,
		    { 0, 0, 0 },
		    11,
		    { 270, 82, 48, 25, 12, 2, 1 },
		    { "UMR", "UMR", "MR", "R", "R", "R", "R", "", "", "", "" },
		    4584 } },
	},
	-1,
	{
		{ "active_anon", 491074 },
		{ "isolated_file", 0 },
		{ "free", 118678 },
		{ "free_pcp", 58 },
		{ "bounce", 72 },
	},
	38319,
	5384,
	0,
	524284,
	992767,
	0,
	51441
};

/*
 * 5.4 arm64 (007, lines 26-45): the per-node line of 4.8+ ("Node 0
 * active_anon:...kB"), which is no zone and whose kB are no counters (six
 * lines of counters, 19 of them); one Normal zone whose free blocks are
 * all highatomic, (H).  free:2112kB = 528, min:7244kB = 1811, low 17223,
 * high 18045, present 906703, managed 822175, free_cma:588kB = 147; 8*4 +
 * 5*8 + 13*16 + 25*32 = 1080kB.
 */
static const struct era_case era_5_4 = {
	"007-system_server-order0-atomic-arm64-android-5.4.log",
	26,
	45,
	"SBBBBBBBBBBTTTTTTTTT",
	1,
	{
		{ 0,
		  { 0,
		    "Normal",
		    false,
		    528,
		    1811,
		    17223,
		    18045,
		    906703,
		    822175,
		    -1,
		    -1,
		    147,
		    2,
		    { 0, 0 },
		    11,
		    { 8, 5, 13, 25 },
		    { "H", "H", "H", "H", "", "", "", "", "", "", "" },
		    1080 } },
	},
	19,
	{
		{ "free", 528 },
		{ "free_pcp", 844 },
		{ "free_cma", 147 },
		{ "slab_unreclaimable", 61909 },
	},
	242549,
	12446,
	3445756,
	4194300,
	906703,
	0,
	84528
};

/*
 * 2.6.16 x86_64 with two nodes (019, through the scanner: the mail client
 * wrapped the zone and buddy lines): Node 1 first, every zone printed,
 * empty ones with "empty" buddy lines; zone lines without managed:.
 * Node 1 Normal free:184796kB = 46199, min:9444kB = 2361, low 2951, high
 * 3541, present:8273920kB = 2068480; 45755*4 + 16 + 32 + 64 + 128 + 512 +
 * 1024 = 184796kB.  The 2.6.16 counters ("Active:", "free:") and the
 * x86_64 show_mem() trailer ("pages of RAM", "reserved pages").
 */
static const struct era_case era_2_6_16 = {
	"019-swapper-tg3-order1-numa2-2.6.16-x86_64-syslog-wrapped.log",
	0,
	0,
	NULL,
	8,
	{
		{ 2,
		  { 1,
		    "Normal",
		    true,
		    46199,
		    2361,
		    2951,
		    3541,
		    2068480,
		    -1,
		    -1,
		    -1,
		    -1,
		    4,
		    { 0, 0, 0, 0 },
		    11,
		    { 45755, 0, 1, 1, 1, 1, 0, 1, 1 },
		    { NULL },
		    184796 } },
		/* "Node 1 HighMem: empty" */
		{ 3,
		  { 1,
		    "HighMem",
		    true,
		    0,
		    32,
		    32,
		    32,
		    0,
		    -1,
		    -1,
		    -1,
		    -1,
		    4,
		    { 0, 0, 0, 0 },
		    0,
		    { 0 },
		    { NULL },
		    0 } },
		{ 4,
		  { 0,
		    "DMA",
		    true,
		    2249,
		    2,
		    2,
		    3,
		    2141,
		    -1,
		    -1,
		    -1,
		    -1,
		    4,
		    { 0, 3896, 3896, 3896 },
		    11,
		    { 5, 4, 3, 4, 1, 2, 1, 0, 0, 0, 2 },
		    { NULL },
		    8996 } },
	},
	-1,
	{
		{ "Active", 897229 },
		{ "free", 77555 },
		{ "pagetables", 23124 },
	},
	-1,
	-1,
	0,
	0,
	3145728,
	-1,
	100273
};

/*
 * 6.12 mips (014, through the scanner: wrapped): 6.1+'s boost: and
 * 5.15+'s reserved_highatomic:...KB with its capital K, 6.x's counters
 * (sec_pagetables, kernel_misc_reclaimable).  free:45132kB = 11283,
 * boost 0, min:1360kB = 340, low 425, high 510, present 32768, managed
 * 29375; 145*4 + 155*8 + 238*16 + 231*32 + 106*64 + 51*128 + 27*256 +
 * 15*512 + 2*1024 + 1*2048 = 45020kB.
 */
static const struct era_case era_6_12 = {
	"014-systemd-network-mt7621-order10-mips-6.12-wrapped.log",
	0,
	0,
	NULL,
	1,
	{
		{ 0,
		  { 0,
		    "Normal",
		    false,
		    11283,
		    340,
		    425,
		    510,
		    32768,
		    29375,
		    0,
		    0,
		    0,
		    3,
		    { 0, 0, 0 },
		    11,
		    { 145, 155, 238, 231, 106, 51, 27, 15, 2, 1 },
		    { "UE", "UME", "UME", "UME", "UME", "UME", "M", "M", "M",
		      "M", "" },
		    45020 } },
	},
	-1,
	{
		{ "sec_pagetables", 0 },
		{ "kernel_misc_reclaimable", 0 },
		{ "free", 11393 },
	},
	7274,
	0,
	0,
	0,
	32768,
	0,
	3393
};

/* An era's excerpt as a test of its own, named after it (ERA_TEST()) */
static void test_era(void **state)
{
	check_era(*state);
}

#define ERA_TEST(e)                                                            \
	{                                                                      \
		"test_" #e, test_era, NULL, NULL, (void *)&e                   \
	}

/*
 * Lines no report in the corpus has, from the kernel's format strings
 * (kernel-facts.md section 2.4): the hugepages lines of mm/hugetlb.c and
 * a buddy line of 64 KiB pages, whose order-0 size is the page size:
 * the zone line's kB read before it are counted again in 64 KiB pages.
 */
static void test_hugepages_page_size(void **state)
{
	static const char *const lines[] = {
		"Mem-Info:",
		"Normal free:1048576kB min:22528kB low:30976kB high:39424kB "
		"present:8388608kB managed:8257536kB",
		"lowmem_reserve[]: 0 0 0",
		"Normal: 4*64kB (U) 2*128kB (M) 1*256kB (M) = 768kB",
		"Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 "
		"hugepages_size=16777216kB",
		"Node 0 hugepages_total=4 hugepages_free=4 hugepages_surp=0 "
		"hugepages_size=524288kB",
	};
	static const int want[] = {
		PF_MEM_START, PF_MEM_BODY,    PF_MEM_BODY,
		PF_MEM_BODY,  PF_MEM_TRAILER, PF_MEM_TRAILER,
	};
	struct pf_report *r = report_new();
	const struct pf_zone *z;

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		assert_int_equal(
			pf_mem_line(lines[i], strlen(lines[i]), r, i > 0),
			want[i]);
	assert_int_equal(r->nr_hugepage_lines, 2);
	z = &r->zones[0];
	assert_int_equal(z->page_kb, 64);
	assert_int_equal(z->free, 1048576 / 64);
	assert_int_equal(z->min, 22528 / 64);
	assert_int_equal(z->managed, 8257536 / 64);
	assert_int_equal(z->nr_orders, 3);
	assert_int_equal(z->nr_free[0], 4);
	assert_int_equal(z->nr_free[2], 1);
	assert_int_equal(pf_zone_buddy_pages(z) * z->page_kb, 768);
	free(r);
}

/*
 * Outside a Mem-Info only the lines that say what they are count: a zone
 * or buddy line; counters and per-cpu lines, which other messages look
 * like, are not taken (007 line 27, 003 line 28).
 */
static void test_outside_meminfo(void **state)
{
	static const char counters[] =
		"active_anon:223569 inactive_anon:74412 isolated_anon:0";
	static const char percpu[] = "DMA per-cpu:";
	static const char zone[] = "DMA free:1096kB min:124kB low:152kB "
				   "high:184kB";
	struct pf_report *r = report_new();

	(void)state;
	assert_int_equal(pf_mem_line(counters, strlen(counters), r, false),
			 PF_MEM_NONE);
	assert_int_equal(r->nr_counters, 0);
	assert_int_equal(pf_mem_line(percpu, strlen(percpu), r, false),
			 PF_MEM_NONE);
	assert_int_equal(pf_mem_line(zone, strlen(zone), r, false),
			 PF_MEM_BODY);
	assert_int_equal(r->nr_zones, 1);
	assert_int_equal(r->zones[0].free, 274);
	free(r);
}

/* ---- numbers no kernel prints ----------------------------------------- */

struct diags {
	struct reports rs;
	int n;
	unsigned long line;
	char msg[512];
};

static int keep(const struct pf_report *r, void *data)
{
	return collect(r, &((struct diags *)data)->rs);
}

static void on_diag(const char *source, unsigned long line, const char *msg,
		    void *data)
{
	struct diags *d = data;

	if (!d->n++) {
		d->line = line;
		snprintf(d->msg, sizeof(d->msg), "%s", msg);
	}
}

/* A whole 4.4 report; line 5 is the zone line, 7 the buddy line. */
static const char *const lines[] = {
	"[  1.1] swapper/0: page allocation failure: order:1, mode:0x2080020",
	"[  1.2] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 4.4.0 #1",
	"[  1.3] Mem-Info:",
	"[  1.3] active_anon:1 inactive_anon:2 isolated_anon:0",
	"[  1.4] Node 0 DMA free:15908kB min:20kB low:24kB high:28kB present:15992kB managed:15908kB",
	"[  1.5] lowmem_reserve[]: 0 2815 15868 15868",
	"[  1.6] Node 0 DMA: 1*4kB (U) 0*8kB 0*16kB 1*32kB (U) 1*8192kB = 8228kB",
	"[  1.7] 2000 total pagecache pages",
	"[  1.8] 4194304 pages RAM",
};
#define NR_LINES (sizeof(lines) / sizeof(lines[0]))

/* Scan lines with line no (1-based) replaced by repl, or none when 0. */
static void scan_with(unsigned no, const char *repl, struct diags *d)
{
	struct pf_scan_opts o = {
		.year = 2024, .report = keep, .diag = on_diag, .data = d
	};
	struct pf_scanner *sc = pf_scanner_new("<mem>", &o);

	memset(d, 0, sizeof(*d));
	assert_non_null(sc);
	for (unsigned i = 0; i < NR_LINES; i++) {
		const char *l = i + 1 == no ? repl : lines[i];

		assert_int_equal(pf_scanner_feed(sc, l, strlen(l)), 0);
		assert_int_equal(pf_scanner_feed(sc, "\n", 1), 0);
	}
	assert_int_equal(pf_scanner_finish(sc), 0);
	pf_scanner_free(sc);
	assert_int_equal(d->rs.nr, 1); /* the report is kept */
}

static void test_clean(void **state)
{
	struct diags d;

	scan_with(0, NULL, &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(d.rs.r[0].zones[0].free, 15908 / 4);
	assert_int_equal(d.rs.r[0].zones[0].nr_orders, 12);
	assert_int_equal(d.rs.r[0].pages_ram, 4194304);
	reports_release(&d.rs);
}

/* one bad field: the diagnostic names it, its line and the report */
static void expect(struct diags *d, unsigned long line, const char *field)
{
	char want[256];

	assert_int_equal(d->n, 1);
	assert_int_equal(d->line, line);
	snprintf(want, sizeof(want),
		 "'%s' in the report of swapper/0 at line 1 "
		 "is out of range; read as unknown",
		 field);
	assert_string_equal(d->msg, want);
}

static void test_zone_fields(void **state)
{
	/* clang-format off */
	static const char *const bad[] = {
		"free:18446744073709551616kB", "free:18446744073709551615kB",
		"free:-5kB", "free:99999999999999999999kB",
		"min:4398046511105kB", "managed:-1kB",
	};
	/* clang-format on */
	struct diags d;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char line[512], field[64];
		const struct pf_zone *z;

		snprintf(field, sizeof(field), "%.*s",
			 (int)(strchr(bad[i], ':') - bad[i]), bad[i]);
		snprintf(line, sizeof(line), "[  1.4] Node 0 DMA%s %s",
			 strcmp(field, "free") ? " free:15908kB" : "", bad[i]);
		/* the other fields as printed */
		strcat(line, !strcmp(field, "min") ? "" : " min:20kB");
		strcat(line, " low:24kB high:28kB present:15992kB");
		strcat(line,
		       !strcmp(field, "managed") ? "" : " managed:15908kB");
		scan_with(5, line, &d);
		{
			char f[96];

			snprintf(f, sizeof(f), "DMA %s", bad[i]);
			expect(&d, 5, f);
		}
		z = &d.rs.r[0].zones[0];
		if (!strcmp(field, "free"))
			assert_int_equal(z->free, -1);
		else if (!strcmp(field, "min"))
			assert_int_equal(z->min, -1);
		else
			assert_int_equal(z->managed, -1);
		assert_int_equal(z->low, 6); /* the rest still read */
		reports_release(&d.rs);
	}
}

/*
 * A value of a report read by name: order, pages_ram, the first zone's
 * nr_orders, buddy_total_kb or nr_lowmem_reserve, else a counter.
 */
static long report_value(const struct pf_report *r, const char *name)
{
	const struct pf_zone *z = &r->zones[0];

	if (!strcmp(name, "order"))
		return r->order;
	if (!strcmp(name, "pages_ram"))
		return r->pages_ram;
	if (!strcmp(name, "nr_orders"))
		return z->nr_orders;
	if (!strcmp(name, "buddy_total_kb"))
		return z->buddy_total_kb;
	if (!strcmp(name, "nr_lowmem_reserve"))
		return z->nr_lowmem_reserve;
	return pf_report_counter(r, name);
}

/*
 * Line no replaced by a line with one field out of range: the diagnostic
 * names the field (expect()), and the values named in want are read so.
 */
/* clang-format off */
static const struct bad_case {
	unsigned no;
	const char *line, *field;
	struct {
		const char *name;
		long value;
	} want[2]; /* up to a NULL name */
} bad_cases[] = {
	/* buddy lines */
	{ 7, "[  1.6] Node 0 DMA: 1*4kB (U) -3*8kB 0*16kB = 15908kB",
	  "DMA -3*8kB", { { "nr_orders", 0 }, { "buddy_total_kb", -1 } } },
	{ 7, "[  1.6] Node 0 DMA: 18446744073709551617*4kB 0*8kB = 4kB",
	  "DMA 18446744073709551617*4kB", { { "nr_orders", 0 } } },
	{ 7, "[  1.6] Node 0 DMA: 1*4kB 2*12kB = 28kB", "DMA 2*12kB",
	  { { 0 } } },
	{ 7, "[  1.6] Node 0 DMA: 1*4kB 0*8kB = 99999999999999999999kB",
	  "DMA =", { { "nr_orders", 2 }, { "buddy_total_kb", -1 } } },
	/* the other lines */
	{ 6, "[  1.5] lowmem_reserve[]: 0 18446744073709551616 15868 15868",
	  "DMA lowmem_reserve[]:", { { "nr_lowmem_reserve", -1 } } },
	{ 4, "[  1.3] active_anon:1 inactive_anon:-2 isolated_anon:0",
	  "inactive_anon:-2",
	  { { "inactive_anon", -1 }, { "isolated_anon", 0 } } },
	{ 9, "[  1.8] 36893488147419103232 pages RAM", "36893488147419103232",
	  { { "pages_ram", -1 } } },
	{ 5, "[  1.4] Node 99999999999999999999 DMA free:15908kB min:20kB",
	  "Node", { { 0 } } },
	{ 1, "[  1.1] swapper/0: page allocation failure: "
	     "order:4294967297, mode:0x20",
	  "order:4294967297", { { "order", -1 } } },
};
/* clang-format on */

static void test_bad_fields(void **state)
{
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct diags d;

		scan_with(c->no, c->line, &d);
		expect(&d, c->no, c->field);
		for (int k = 0; k < 2 && c->want[k].name; k++) {
			long v = report_value(&d.rs.r[0], c->want[k].name);

			if (v != c->want[k].value)
				fail_msg("'%s': %s %ld, not %ld", c->field,
					 c->want[k].name, v, c->want[k].value);
		}
		reports_release(&d.rs);
	}
}

/* no number where the kernel prints one, or a field of the zone line gone */
static void test_not_numbers(void **state)
{
	/* clang-format off */
	static const struct {
		unsigned no;
		const char *line, *field, *why;
	} cases[] = {
		{ 5, "[  1.4] Node 0 DMA free:NaNkB min:20kB low:24kB high:28kB present:15992kB",
		  "DMA free:NaNkB", "is not a number" },
		{ 5, "[  1.4] Node 0 DMA free:kB min:20kB low:24kB high:28kB present:15992kB",
		  "DMA free:kB", "is not a number" },
		{ 5, "[  1.4] Node 0 DMA free:15908kB low:24kB high:28kB present:15992kB",
		  "DMA min:", "is missing" },
		{ 4, "[  1.3] active_anon:NaN inactive_anon:2 isolated_anon:0",
		  "active_anon:NaN", "is not a number" },
		{ 6, "[  1.5] lowmem_reserve[]: 0 NaN 15868 15868",
		  "DMA lowmem_reserve[]:", "is not a number" },
		{ 7, "[  1.6] Node 0 DMA: NaN*4kB (U) 0*8kB = 4kB",
		  "DMA NaN*4kB", "is not a number" },
		{ 7, "[  1.6] Node 0 DMA: 1*4kB (U) 0*8kB = NaNkB",
		  "DMA =", "is not a number" },
		{ 5, "[  1.4] Node 0 DMA min:20kB low:24kB high:28kB present:15992kB",
		  "DMA free:", "is missing" },
		{ 7, "[  1.6] Node 0 DMA: 1*4kB (U) 0*8kB 0*16kB 1*32kB (U) 1*8192kB = 9999kB",
		  "DMA =", "is not what the blocks before it add up to" },
	};
	/* clang-format on */
	struct diags d;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char want[256];

		scan_with(cases[i].no, cases[i].line, &d);
		assert_int_equal(d.n, 1);
		snprintf(want, sizeof(want),
			 "'%s' in the report of swapper/0 "
			 "at line 1 %s; read as unknown",
			 cases[i].field, cases[i].why);
		assert_string_equal(d.msg, want);
		assert_int_equal(d.line, cases[i].no);
		reports_release(&d.rs);
	}
	/* a buddy line the paste cut after its "=": no error, not whole */
	scan_with(7, "[  1.6] Node 0 DMA: 1*4kB (U) 0*8kB =", &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(d.rs.r[0].zones[0].buddy_total_kb, -1);
	reports_release(&d.rs);
}

/* several bad fields: one line for the report, with the count */
static void test_many(void **state)
{
	struct diags d;

	scan_with(5, "[  1.4] Node 0 DMA free:-1kB min:-1kB low:-1kB high:28kB",
		  &d);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.msg, "'DMA free:-1kB'"));
	assert_non_null(strstr(d.msg, "(and 2 more)"));
	reports_release(&d.rs);
}

/* a multi-line counter block whose newlines the carrier escaped */
static void test_escaped_newlines(void **state)
{
	static const char *const escaped[] = {
		/* rsyslog, $EscapeControlCharactersOnReceive */
		"[  1.3] active_anon:1 inactive_anon:2 isolated_anon:0#012 active_file:7 inactive_file:8#012 dirty:9",
		/* /dev/kmsg */
		"[  1.3] active_anon:1 inactive_anon:2 isolated_anon:0\\x0a active_file:7 inactive_file:8\\x0a dirty:9",
	};
	struct diags d;

	for (size_t i = 0; i < 2; i++) {
		scan_with(4, escaped[i], &d);
		assert_int_equal(d.n, 0);
		assert_int_equal(pf_report_counter(&d.rs.r[0], "active_file"),
				 7);
		assert_int_equal(pf_report_counter(&d.rs.r[0], "dirty"), 9);
		reports_release(&d.rs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		ERA_TEST(era_2_6_31),
		ERA_TEST(era_4_1),
		ERA_TEST(era_5_4),
		ERA_TEST(era_2_6_16),
		ERA_TEST(era_6_12),
		cmocka_unit_test(test_hugepages_page_size),
		cmocka_unit_test(test_outside_meminfo),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_zone_fields),
		cmocka_unit_test(test_bad_fields),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_not_numbers),
		cmocka_unit_test(test_escaped_newlines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
