// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_explain.c - unit tests of lib/analysis/explain.c and lib/analysis/advise.c over the
 * real corpus.  Every report with Mem-Info, in every corpus file of
 * tests/fixtures/corpus, gets a verdict for each of its zones; either no
 * allowed zone passes the emulated check, as the kernel found, or the
 * explanation says why they disagree.  Then the verdicts of known reports,
 * the RHEL 6 rule, and the advice computed for the RHEL 6 case.  The
 * library gives reason codes and numbers; what the CLI says of them
 * (src/words_explain.c, src/words_advise.c) is checked beside them.
 *
 * With "--shared DIR" (tests/shared.sh) the corpus verdicts and the known
 * ones run over DIR/corpus, read in place, so that files added there, and
 * the other projects' fixtures that the repository does not copy, are held
 * to the same rule.
 */
#include <dirent.h>
#include <errno.h>

#include "helpers.h"
#include "words.h"

static char corpus[4096] = PF_FIXTURES "/corpus";
static bool shared; /* corpus is the shared one: --shared DIR */

/* The CLI's words of one kind for ex, in a buffer the caller releases */
typedef void words_fn(const struct pf_report *r, const struct pf_explain *ex,
		      struct cli_buf *b);

static struct cli_buf said(words_fn *words, const struct pf_report *r,
			   const struct pf_explain *ex)
{
	struct cli_buf b = { 0 };

	words(r, ex, &b);
	return b;
}

static struct reports scan_corpus(const char *name)
{
	struct reports rs = { 0 };
	char path[8192];

	snprintf(path, sizeof(path), "%s/%s", corpus, name);
	assert_int_equal(scan_file(path, &rs, NULL), 0);
	return rs;
}

/* The corpus-wide rule of the explain contract. */
static void check_explained(const struct pf_report *r,
			    const struct pf_explain *ex, const char *file)
{
	struct cli_buf summary = said(cli_summary_words, r, ex);
	int passing = 0, allowed = 0;

	assert_int_equal(ex->nr_zones, r->nr_zones);
	assert_true(ex->summary >= PF_SUMMARY_NO_MEMINFO &&
		    ex->summary <= PF_SUMMARY_UNKNOWN);
	assert_true(cli_buf_str(&summary)[0] != '\0');
	for (int i = 0; i < r->nr_zones; i++) {
		const struct pf_zone_verdict *v = &ex->zones[i];

		if (!v->allowed) {
			assert_int_not_equal(v->why_not, PF_WHY_ALLOWED);
			assert_non_null(cli_why_not_words(v->why_not));
			assert_int_equal(v->check.cause, PF_CAUSE_NOT_ALLOWED);
			continue;
		}
		allowed++;
		/* a zone with watermarks is always checked */
		if (r->zones[i].free >= 0 && r->zones[i].min >= 0)
			assert_true(v->evaluated);
		assert_true(v->check.cause >= 0 &&
			    v->check.cause < PF_CAUSE_NR);
		assert_true(v->check.cause != PF_CAUSE_NOT_ALLOWED);
		if (v->check.passes) {
			passing++;
			assert_int_equal(v->check.cause, PF_CAUSE_OK);
		}
		if (r->zones[i].nr_orders) {
			assert_true(v->unusable_index >= 0 &&
				    v->unusable_index <= 1000);
			assert_true(v->extfrag_index == -1000 ||
				    (v->extfrag_index >= 0 &&
				     v->extfrag_index <= 1000));
		}
	}
	assert_int_equal(ex->nr_allowed, allowed);
	assert_int_equal(ex->nr_passing, passing);
	if (passing) {
		struct cli_buf why = said(cli_disagreement_words, r, ex);

		if (!ex->disagrees)
			print_error(
				"%s:%lu: a zone passes but no disagreement\n",
				file, r->line);
		assert_true(ex->disagrees);
		assert_int_equal(ex->summary, PF_SUMMARY_DISAGREES);
		assert_int_not_equal(ex->disagreement, PF_AGREES);
		assert_true(cli_buf_str(&why)[0] != '\0');
		assert_non_null(
			strstr(cli_buf_str(&summary), cli_buf_str(&why)));
		cli_buf_release(&why);
	} else {
		assert_false(ex->disagrees);
		assert_int_equal(ex->disagreement, PF_AGREES);
	}
	cli_buf_release(&summary);
}

static void test_corpus_verdicts(void **state)
{
	DIR *d = opendir(corpus);
	struct dirent *de;
	unsigned long files = 0, with_zones = 0, disagree = 0;
	struct pf_explain *ex = malloc(sizeof(*ex));

	(void)state;
	assert_non_null(d);
	assert_non_null(ex);
	while ((de = readdir(d))) {
		struct reports rs;
		size_t n = strlen(de->d_name);

		if (n < 5 || strcmp(de->d_name + n - 4, ".log"))
			continue;
		rs = scan_corpus(de->d_name);
		files++;
		for (size_t i = 0; i < rs.nr; i++) {
			assert_int_equal(pf_explain_report(&rs.r[i], NULL, ex),
					 0);
			check_explained(&rs.r[i], ex, de->d_name);
			if (rs.r[i].nr_zones)
				with_zones++;
			disagree += ex->disagrees;
		}
		free(rs.r);
	}
	closedir(d);
	free(ex);
	print_message("explained %lu corpus files, %lu reports with zones, "
		      "%lu disagreeing\n",
		      files, with_zones, disagree);
	/* the fixtures: 18 files, 7 reports with zones; shared/ has 022-024 */
	assert_true(files >= 18);
	assert_true(with_zones >= (shared ? 8 : 7));
}

struct want {
	const char *file;
	bool shared; /* not copied: read in place from shared/ only */
	size_t report;
	int cause;	  /* the report's verdict */
	const char *zone; /* the zone the summary speaks of */
	bool disagrees;
	const char *rule; /* known cause id, or NULL for none */
	int summary;	  /* enum pf_summary: the sentence */
	int relief;	  /* enum pf_relief: its last clause */
};

/*
 * Verdicts worked out by hand from the dumps (see the comments in
 * tests/unit/test_watermark.c for the arithmetic of each era).
 */
static const struct want wants[] = {
	/* 5.4 GFP_ATOMIC: Normal 2112 kB free under 3/8 of min 7244 kB */
	{ "007-system_server-order0-atomic-arm64-android-5.4.log", false, 0,
	  PF_CAUSE_BELOW_MIN, "Normal", false,
	  "selinux-context-to-string-atomic", PF_SUMMARY_BELOW_MIN,
	  PF_RELIEF_RESERVE_GONE },
	/*
	 * 2.6.16 GFP_ATOMIC order 1: 46198 usable, 45755 order-0 pages, 443
	 * left at order 1 against min 886 / 2 = 443: fails exactly there.
	 */
	{ "019-swapper-tg3-order1-numa2-2.6.16-x86_64-syslog-wrapped.log",
	  false, 0, PF_CAUSE_FRAGMENTATION, "Normal", false,
	  "net-rx-atomic-skb", PF_SUMMARY_FRAG_LOOP, PF_RELIEF_NO_COMPACTION },
	/* 4.1 __GFP_DMA order 2: only DMA, 459 MiB free, almost all order 0-1 */
	{ "006-sManagerService-order2-arm64-android-4.1.log", false, 0,
	  PF_CAUSE_FRAGMENTATION, "DMA", false, "fork-kernel-stack-order2",
	  PF_SUMMARY_FRAG_LOOP, PF_RELIEF_NO_BLOCK },
	/* 4.14 kswapd (no watermarks): every free block is highatomic */
	{ "015-kswapd0-zram-order0-arm64-4.14-damaged.log", false, 0,
	  PF_CAUSE_HIGHATOMIC, "Normal", false,
	  "highatomic-reserve-watermark-fast", PF_SUMMARY_HIGHATOMIC_ALL,
	  PF_RELIEF_NONE },
	/*
	 * 4.9 order 5, GFP_KERNEL: DMA32 would pass by 188 pages, but its
	 * free lists hold H blocks, so a pageblock (512 pages) was reserved,
	 * which __zone_watermark_ok() of 4.4-6.2 subtracts without
	 * ALLOC_HARDER: every zone fails, as the kernel said
	 */
	{ "022-chrome-coredump-order5-4.9-fc25-abrt.log", true, 0,
	  PF_CAUSE_HIGHATOMIC, "DMA32", false, "elf-coredump-vma-filesz",
	  PF_SUMMARY_HIGHATOMIC_PART, PF_RELIEF_NONE },
	/* 2.6.31 atomic order 5: Normal has no block of 128 KiB */
	{ "003-ifconfig-e100-order5-2.6.31-i386-x2.log", false, 0,
	  PF_CAUSE_FRAGMENTATION, "Normal", false, "e100-cbs-coherent-order5",
	  PF_SUMMARY_FRAG_SMALLER, PF_RELIEF_NO_COMPACTION },
};

static void test_known_verdicts(void **state)
{
	struct pf_explain *ex = malloc(sizeof(*ex));

	(void)state;
	assert_non_null(ex);
	for (size_t i = 0; i < sizeof(wants) / sizeof(wants[0]); i++) {
		const struct want *w = &wants[i];
		struct reports rs;

		if (w->shared && !shared)
			continue;
		rs = scan_corpus(w->file);

		assert_true(rs.nr > w->report);
		assert_int_equal(pf_explain_report(&rs.r[w->report], NULL, ex),
				 0);
		if (ex->cause != w->cause)
			print_error("%s: cause %s, want %s\n", w->file,
				    pf_cause_name(ex->cause),
				    pf_cause_name(w->cause));
		assert_int_equal(ex->cause, w->cause);
		assert_true(ex->key_zone >= 0);
		assert_string_equal(rs.r[w->report].zones[ex->key_zone].name,
				    w->zone);
		assert_int_equal(ex->disagrees, w->disagrees);
		assert_int_equal(ex->summary, w->summary);
		assert_int_equal(ex->relief, w->relief);
		if (w->disagrees)
			assert_int_equal(ex->disagreement, PF_DISAGREE_DRIFT);
		/* 022: the reserve is the floor the H letters prove */
		if (ex->cause == PF_CAUSE_HIGHATOMIC &&
		    ex->summary == PF_SUMMARY_HIGHATOMIC_PART) {
			assert_true(ex->zones[ex->key_zone].highatomic_floor);
			assert_int_equal(
				ex->zones[ex->key_zone].check.highatomic, 512);
		}
		if (w->rule) {
			assert_non_null(ex->match.rule);
			assert_string_equal(ex->match.rule->id, w->rule);
		} else {
			assert_null(ex->match.rule);
		}
		free(rs.r);
	}
	free(ex);
}

/* corpus 006: __GFP_DMA allows DMA only; the zonelist says so */
static void test_zone_allowed(void **state)
{
	struct reports rs =
		scan_corpus("006-sManagerService-order2-arm64-android-4.1.log");
	struct pf_explain ex;
	struct cli_buf zonelist;

	(void)state;
	assert_int_equal(pf_explain_report(&rs.r[0], NULL, &ex), 0);
	assert_int_equal(ex.highest_zone, PF_ZONE_DMA);
	assert_int_equal(ex.nr_allowed, 1);
	assert_false(ex.zones[1].allowed);
	assert_int_equal(ex.nr_zonelist, 1);
	assert_int_equal(ex.zonelist[0], 0);
	assert_int_equal(ex.zones[1].why_not, PF_WHY_DMA);
	zonelist = said(cli_zonelist_words, &rs.r[0], &ex);
	assert_string_equal(cli_buf_str(&zonelist), "DMA");
	cli_buf_release(&zonelist);
	/* the old per-order loop, at the plain min: no ALLOC_HIGH/HARDER */
	assert_int_equal(ex.era, PF_WM_2_6);
	assert_int_equal(ex.alloc_flags, PF_ALLOC_CPUSET);
	/* 117654 - 68324 order-0 pages > 850; - 2 * 24706 order-1 pages < 425 */
	assert_int_equal(ex.zones[0].check.failed_order, 2);
	free(rs.r);
}

/*
 * The RHEL 6 example: the sixth report names 2.6.32-358.2.1.el6, which has
 * the fix; the same report on 2.6.32-220.el6 is the case itself.
 */
static void test_rhel6_rule(void **state)
{
	struct reports rs = { 0 };
	struct pf_kver k220;
	struct pf_explain ex;
	struct cli_buf summary;
	char path[8192];

	(void)state;
	snprintf(path, sizeof(path), "%s/seed-rhel6-kb-example.log", corpus);
	assert_int_equal(scan_file(path, &rs, NULL), 0);
	assert_int_equal(rs.nr, 6);
	assert_int_equal(pf_explain_report(&rs.r[5], NULL, &ex), 0);
	assert_non_null(ex.match.rule);
	assert_string_equal(ex.match.rule->id, "rhel6-kswapd-no-compaction");
	assert_int_equal(ex.match.status, PF_RULE_FIXED);
	assert_non_null(ex.match.rule->fixed_advice);
	assert_int_equal(ex.summary, PF_SUMMARY_NO_MEMINFO);
	summary = said(cli_summary_words, &rs.r[5], &ex);
	assert_non_null(strstr(cli_buf_str(&summary), "already has"));
	cli_buf_release(&summary);
	assert_int_equal(ex.era, PF_WM_RHEL6);

	/* the first report has no kernel: no rule that needs one */
	assert_int_equal(pf_explain_report(&rs.r[0], NULL, &ex), 0);
	assert_true(!ex.match.rule ||
		    strcmp(ex.match.rule->id, "rhel6-kswapd-no-compaction"));
	/* ... until the kernel is given */
	assert_int_equal(pf_kver_parse("2.6.32-220.el6.x86_64", &k220), 0);
	rs.r[0].kernel = k220;
	assert_int_equal(pf_explain_report(&rs.r[0], NULL, &ex), 0);
	assert_non_null(ex.match.rule);
	assert_string_equal(ex.match.rule->id, "rhel6-kswapd-no-compaction");
	assert_int_equal(ex.match.status, PF_RULE_AFFECTED);
	free(rs.r);
}

/* The first step of it that says what, or NULL */
static const struct pf_advice_step *find_step(const struct pf_advice_item *it,
					      int what)
{
	for (int i = 0; i < it->nr_steps; i++)
		if (it->steps[i].say == what)
			return &it->steps[i];
	return NULL;
}

/* Advice for the RHEL 6 case on the RHEL 6 machine fixture */
static void test_advise_rhel6(void **state)
{
	struct pf_system *sys = calloc(1, sizeof(*sys));
	struct pf_evidence *e = calloc(1, sizeof(*e));
	struct pf_advice *a = calloc(1, sizeof(*a));
	struct pf_explain *ex = malloc(sizeof(*ex));
	struct pf_advice_item *it;
	struct reports rs = scan_corpus("seed-rhel6-kb-example.log");
	struct cli_buf conf = { 0 }, note = { 0 };

	(void)state;
	assert_true(sys && e && a && ex);
	assert_int_equal(pf_system_read(PF_FIXTURES "/system/rhel6-sosreport",
					sys, NULL, NULL),
			 0);
	pf_evidence_init(e);
	for (size_t i = 0; i < rs.nr; i++) {
		pf_explain_report(&rs.r[i], NULL, ex);
		pf_evidence_add(e, &rs.r[i], ex);
	}
	assert_int_equal(e->reports, 6);
	assert_int_equal(e->atomic, 6);
	/* two failures in the same second on Mar 18 */
	assert_int_equal(e->burst[1].failures, 2);
	assert_non_null(e->rule);
	assert_string_equal(e->rule->id, "rhel6-kswapd-no-compaction");

	/* RHEL 6 auto-enables zone_reclaim_mode on this NUMA box ... */
	assert_int_equal(pf_advise(e, sys, a), 0);
	assert_int_equal(a->nr_nodes, 2);
	it = pf_advice_item(a, "vm.min_free_kbytes");
	assert_non_null(it);
	assert_int_equal(it->current, 90112);
	assert_int_equal(it->value, 2 * 90112);
	/* int_sqrt(16 * 16533112) = 16264 */
	assert_int_equal(it->default_value, 16264);
	/* 5% of lowmem */
	assert_int_equal(it->safe_max, 16533112 / 20);
	assert_true(it->change);
	it = pf_advice_item(a, "vm.zone_reclaim_mode");
	assert_false(it->change);
	assert_int_equal(it->value, 1);
	/* ... where it is 0, the advice is 1 */
	sys->vm[PF_VM_ZONE_RECLAIM_MODE] = 0;
	assert_int_equal(pf_advise(e, sys, a), 0);
	it = pf_advice_item(a, "vm.zone_reclaim_mode");
	assert_true(it->change);
	assert_int_equal(it->value, 1);
	/* said: two nodes, and it is 0 */
	assert_int_equal(find_step(it, PF_SAY_RECLAIM_ON)->n[0], 2);
	assert_int_equal(find_step(it, PF_SAY_RECLAIM_ON)->n[1], 0);
	assert_true(find_step(it, PF_SAY_RECLAIM_COST)->cost);
	/* 2.6.32 has neither scale nor boost factor */
	assert_false(pf_advice_item(a, "vm.watermark_scale_factor")->applies);
	assert_false(pf_advice_item(a, "vm.watermark_boost_factor")->applies);
	/* the kernel has the fix: no update to recommend */
	assert_null(a->update);
	assert_true(a->sysctl_conf);
	cli_advice_note(a, &note);
	assert_non_null(strstr(cli_buf_str(&note), "/etc/sysctl.conf"));
	cli_buf_release(&note);

	cli_advice_sysctl_conf(a, &conf);
	assert_non_null(
		strstr(cli_buf_str(&conf), "\nvm.min_free_kbytes = 180224\n"));
	assert_non_null(
		strstr(cli_buf_str(&conf), "\nvm.zone_reclaim_mode = 1\n"));
	assert_null(strstr(cli_buf_str(&conf), "watermark_scale_factor ="));
	cli_buf_release(&conf);

	/* one NUMA node: zone_reclaim_mode changes nothing */
	sys->nr_nodes = 1;
	assert_int_equal(pf_advise(e, sys, a), 0);
	assert_false(pf_advice_item(a, "vm.zone_reclaim_mode")->applies);

	/* on 2.6.32-220.el6 the fix is missing: the update is advised */
	for (size_t i = 0; i < rs.nr; i++)
		assert_int_equal(
			pf_kver_parse("2.6.32-220.el6.x86_64", &rs.r[i].kernel),
			0);
	pf_evidence_init(e);
	for (size_t i = 0; i < rs.nr; i++) {
		pf_explain_report(&rs.r[i], NULL, ex);
		pf_evidence_add(e, &rs.r[i], ex);
	}
	assert_int_equal(e->rule_status, PF_RULE_AFFECTED);
	assert_int_equal(pf_advise(e, NULL, a), -ENODATA);
	assert_non_null(a->update);
	assert_non_null(strstr(a->update, "358"));
	free(rs.r);
	free(ex);
	free(a);
	free(e);
	free(sys);
}

/*
 * A burst bigger than doubling covers: 40 order-3 atomic failures in 10 s
 * ask 40 * 32 = 1280 kB; holding it twice in 5/8 of min needs 1280 * 2 *
 * 8 / 5 = 4096 kB.  And the 5% cap.
 */
static void test_advise_burst(void **state)
{
	struct pf_evidence *e = calloc(1, sizeof(*e));
	struct pf_advice *a = calloc(1, sizeof(*a));
	struct pf_report *r = calloc(1, sizeof(*r));
	struct pf_advice_item *it;
	const struct pf_advice_step *st;
	struct cli_buf working = { 0 }, cost = { 0 };

	(void)state;
	assert_true(e && a && r);
	pf_evidence_init(e);
	pf_report_init(r);
	r->order = 3;
	snprintf(r->mode, sizeof(r->mode), "0xa20");
	r->gfp_mask = 0xa20;
	r->gfp_layout = PF_GFP_5_0;
	assert_int_equal(pf_kver_parse("5.15.0", &r->kernel), 0);
	/* a small machine: one 64 MiB Normal zone with min 256 kB */
	r->nr_zones = 1;
	pf_zone_init(&r->zones[0]);
	snprintf(r->zones[0].name, sizeof(r->zones[0].name), "Normal");
	r->zones[0].type = PF_ZONE_NORMAL;
	r->zones[0].managed = r->zones[0].present = 16384;
	r->zones[0].min = 64;
	r->zones[0].free = 10;
	for (int i = 0; i < 40; i++) {
		r->epoch = 1700000000 + i / 4;
		pf_evidence_add(e, r, NULL);
	}
	/* an hour later, a burst of one */
	r->epoch = 1700003600;
	pf_evidence_add(e, r, NULL);
	assert_int_equal(e->burst[3].failures, 40);
	assert_true(e->burst[3].seconds == 9);
	assert_int_equal(e->burst[3].bytes, 40 * 32768);

	assert_int_equal(pf_advise(e, NULL, a), 0);
	it = pf_advice_item(a, "vm.min_free_kbytes");
	assert_int_equal(it->current, 256);
	/* 5% of 65536 kB: 3276 kB caps the 4096 kB the burst asks */
	assert_int_equal(it->safe_max, 3276);
	assert_int_equal(it->value, 3276);
	st = find_step(it, PF_SAY_BURST);
	assert_non_null(st);
	assert_false(st->cost);
	assert_int_equal(st->n[0], 40);
	assert_int_equal(st->n[1], 3);
	assert_int_equal(st->n[2], 1280);
	assert_int_equal(st->n[3], 4096);
	assert_non_null(find_step(it, PF_SAY_SAFE_MAX));
	assert_int_equal(find_step(it, PF_SAY_SAFE_MAX)->n[0], 3276);
	cli_advice_working(it, &working);
	assert_non_null(strstr(cli_buf_str(&working), "4096 kB"));
	cli_buf_release(&working);
	/* the cost: the watermarks of the zone, then too high a value */
	st = find_step(it, PF_SAY_WMARKS);
	assert_non_null(st);
	assert_true(st->cost);
	assert_string_equal(it->zone, "Normal");
	cli_advice_cost(it, &cost);
	assert_true(!strncmp(cli_buf_str(&cost), "Normal's min becomes ", 21));
	assert_non_null(strstr(cli_buf_str(&cost), "Too high a value"));
	cli_buf_release(&cost);
	/* --set: the option is the working, and there is no cost */
	it->set_by = "min_free_kbytes=2048";
	cli_advice_working(it, &working);
	assert_string_equal(cli_buf_str(&working),
			    "Set by --set min_free_kbytes=2048.");
	cli_advice_cost(it, &cost);
	assert_int_equal(cost.n, 0);
	cli_buf_release(&working);
	/* 5.15: watermark_scale_factor applies; twice the burst is 640 pages */
	it = pf_advice_item(a, "vm.watermark_scale_factor");
	assert_true(it->applies);
	/* 640 * 10000 / 16384 = 390.6 -> 391 */
	assert_int_equal(it->value, 391);
	assert_true(it->change);
	st = find_step(it, PF_SAY_SCALE_NEED);
	assert_non_null(st);
	assert_int_equal(st->n[0], 640);
	assert_int_equal(st->n[1], 391);
	assert_int_equal(find_step(it, PF_SAY_SCALE_COST)->n[0], 391 - 10);
	free(r);
	free(a);
	free(e);
}

/*
 * A 4.9 report made up for the rule, not taken from a log: a GFP_KERNEL
 * order-3 request, one Normal zone 300 pages above min with free blocks
 * of every order.  %s is the buddy line's letters of orders 0-3.
 */
static const char floor_report[] =
	"app: page allocation failure: order:3, "
	"mode:0x24040c0(GFP_KERNEL|__GFP_COMP)\n"
	"CPU: 0 PID: 42 Comm: app Not tainted 4.9.3 #1\n"
	"Call Trace:\n"
	" [<ffffffff831cc45a>] warn_alloc+0x13a/0x170\n"
	" [<ffffffff831cc752>] __alloc_pages_slowpath+0x252/0xb40\n"
	"Mem-Info:\n"
	"active_anon:1000 inactive_anon:1000 isolated_anon:0\n"
	" free:11200 free_pcp:0 free_cma:0\n"
	"Node 0 Normal free:44800kB min:43600kB low:54500kB high:65400kB "
	"present:4194304kB managed:4000000kB\n"
	"lowmem_reserve[]: 0 0 0 0\n"
	"Node 0 Normal: 400*4kB (%s) 200*8kB (%s) 100*16kB (%s) "
	"50*32kB (%s) 1000*64kB (UM) 0*128kB 0*256kB 0*512kB 0*1024kB "
	"0*2048kB 0*4096kB = 70400kB\n"
	"1048576 pages RAM\n";

static void explain_floor_case(const char *letters, struct pf_explain *ex,
			       struct reports *rs)
{
	char text[sizeof(floor_report) + 64];

	snprintf(text, sizeof(text), floor_report, letters, letters, letters,
		 letters);
	memset(rs, 0, sizeof(*rs));
	scan_string(text, 0, rs);
	assert_int_equal(rs->nr, 1);
	assert_int_equal(rs->r[0].nr_zones, 1);
	assert_int_equal(rs->r[0].zones[0].reserved_highatomic, -1);
	assert_int_equal(pf_explain_report(&rs->r[0], NULL, ex), 0);
}

/*
 * Without 'H' the zone passes by 293 pages (300 less the (1 << order) - 1
 * the check takes off first) and the disagreement is the per-CPU
 * counters' drift; with 'H' at least one pageblock, 512 pages,
 * was reserved, which a caller without ALLOC_HARDER may not count
 * (__zone_watermark_ok() of 4.4-6.2): the zone fails, as the kernel said.
 */
static void test_highatomic_floor(void **state)
{
	struct pf_explain *ex = malloc(sizeof(*ex));
	struct reports rs;

	(void)state;
	assert_non_null(ex);
	explain_floor_case("UME", ex, &rs);
	assert_true(ex->disagrees);
	assert_int_equal(ex->disagreement, PF_DISAGREE_DRIFT);
	assert_false(ex->zones[0].highatomic_floor);
	assert_int_equal(ex->zones[0].check.margin, 300 - 7);
	free(rs.r);

	explain_floor_case("UMEH", ex, &rs);
	assert_false(ex->disagrees);
	assert_int_equal(ex->cause, PF_CAUSE_HIGHATOMIC);
	assert_int_equal(ex->summary, PF_SUMMARY_HIGHATOMIC_PART);
	assert_true(ex->zones[0].highatomic_floor);
	assert_int_equal(ex->zones[0].check.highatomic, 512);
	assert_int_equal(ex->zones[0].check.margin, 300 - 7 - 512);
	free(rs.r);
	free(ex);
}

/*
 * The format never rules out the kernel that printed it: every report
 * that names its release, read as if it did not, gets a range of eras
 * that holds that release, and --kernel with its own release is allowed.
 */
static void test_era_holds_release(void **state)
{
	DIR *d = opendir(corpus);
	struct dirent *de;
	unsigned long checked = 0;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		struct reports rs;

		if (n < 5 || strcmp(de->d_name + n - 4, ".log"))
			continue;
		rs = scan_corpus(de->d_name);
		for (size_t i = 0; i < rs.nr; i++) {
			struct pf_report *r = &rs.r[i];
			struct pf_kver truth = r->kernel;
			struct pf_era_choice c;

			if (!pf_kver_known(&truth) ||
			    r->kernel_from != PF_KERNEL_REPORT)
				continue;
			memset(&r->kernel, 0, sizeof(r->kernel));
			r->kernel_from = PF_KERNEL_NONE;
			assert_int_equal(pf_report_era(r, &c), 0);
			if (!c.fits ||
			    (pf_kver_known(&c.lo) && truth.code < c.lo.code) ||
			    (pf_kver_known(&c.hi) && truth.code >= c.hi.code))
				print_error("%s:%lu: %s outside %s..%s\n",
					    de->d_name, r->line, truth.str,
					    c.lo.str, c.hi.str);
			assert_true(c.fits);
			assert_int_equal(c.from, PF_ERA_FORMAT);
			assert_true(!pf_kver_known(&c.lo) ||
				    truth.code >= c.lo.code);
			assert_true(!pf_kver_known(&c.hi) ||
				    truth.code < c.hi.code);
			r->kernel = truth;
			r->kernel_from = PF_KERNEL_OPTION;
			assert_int_equal(pf_report_era(r, &c), 0);
			assert_false(c.ruled_out);
			checked++;
		}
		free(rs.r);
	}
	closedir(d);
	print_message("%lu reports that name their release: each within "
		      "the eras its format allows\n",
		      checked);
	assert_true(checked >= 8);
}

/* A 2.6 format with --kernel 6.6: refused, and why. */
static void test_era_ruled_out(void **state)
{
	struct reports rs =
		scan_corpus("019-swapper-tg3-order1-numa2-2.6.16-x86_64-"
			    "syslog-wrapped.log");
	struct pf_report *r = &rs.r[0];
	struct pf_era_choice c;

	(void)state;
	assert_true(rs.nr >= 1);
	assert_int_equal(pf_report_era(r, &c), 0);
	assert_int_equal(c.from, PF_ERA_FORMAT);
	assert_string_equal(c.kver.str, "2.6.18");
	assert_string_equal(c.hi.str, "3.0");
	assert_int_equal(c.evidence,
			 PF_EVID_DOT | PF_EVID_NO_NAMES | PF_EVID_NO_LETTERS);
	pf_kver_parse("6.6", &r->kernel);
	r->kernel_from = PF_KERNEL_OPTION;
	assert_int_equal(pf_report_era(r, &c), -EDOM);
	assert_true(c.ruled_out);
	pf_kver_parse("2.6.32-220.el6", &r->kernel);
	assert_int_equal(pf_report_era(r, &c), 0);
	assert_int_equal(c.from, PF_ERA_OPTION);
	free(rs.r);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_verdicts),
		cmocka_unit_test(test_known_verdicts),
		cmocka_unit_test(test_highatomic_floor),
		cmocka_unit_test(test_era_holds_release),
		cmocka_unit_test(test_era_ruled_out),
		cmocka_unit_test(test_zone_allowed),
		cmocka_unit_test(test_rhel6_rule),
		cmocka_unit_test(test_advise_rhel6),
		cmocka_unit_test(test_advise_burst),
	};
	/* against shared/: only what reads the corpus */
	const struct CMUnitTest shared_tests[] = {
		cmocka_unit_test(test_corpus_verdicts),
		cmocka_unit_test(test_known_verdicts),
		cmocka_unit_test(test_era_holds_release),
	};
	const char *dir = shared_arg(argc, argv);

	if (!dir)
		return cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(corpus, sizeof(corpus), "%s/corpus", dir);
	shared = true;
	return cmocka_run_group_tests(shared_tests, NULL, NULL);
}
