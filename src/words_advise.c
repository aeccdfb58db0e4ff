// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * words_advise.c - advise's prose: each recommended sysctl's working and
 * cost, said step by step from what the library worked out (enum
 * pf_advice_say and the numbers of each step, lib/analysis/advise.c), the
 * kernel update, how the distribution loads sysctls, and the sysctl.d
 * file that carries all of it as comments.
 */
#include <string.h>

#include "cli.h"
#include "words.h"

/* Fastmail's figures: shared/reference/anchors-sim-perf.md 4.3 */
#define ZONE_RECLAIM_COST                                                      \
	"Page cache is reclaimed on the local node while other nodes still "   \
	"have free memory: file servers and cache-heavy workloads read from "  \
	"disk more (Fastmail measured page cache at ~2 GB with it on against " \
	"~27 GB off on 48 GB IMAP servers). Leave it at 0 for such machines."

/* The steps that say no number. */
/* clang-format off */
static const char *const fixed_words[] = {
	[PF_SAY_NO_MACHINE] = " Neither the reports nor a system say how much "
		"memory there is, so no number is computed: give --root with "
		"the machine's snapshot or sosreport.",
	[PF_SAY_BELOW_DEFAULT] =
		" Below the kernel's own default: use the default.",
	[PF_SAY_KEEP] = " Keep it.",
	[PF_SAY_TOO_HIGH] = "Too high a value makes ordinary allocations "
		"reclaim directly and can make the OOM killer fire with memory "
		"still free.",
	[PF_SAY_NODES_UNKNOWN] = "The number of NUMA nodes is not known: if "
		"'numactl --hardware' shows more than one and this is 0, set "
		"it to 1 (see the cost).",
	[PF_SAY_ONE_NODE] = "One NUMA node: there is no other node to keep "
		"allocations from, so it changes nothing.",
	[PF_SAY_RECLAIM_COST] = ZONE_RECLAIM_COST,
	[PF_SAY_NO_SCALE] =
		"This kernel has no watermark_scale_factor (4.6+).",
	[PF_SAY_NO_BURST] = "No burst of requests that cannot sleep: keep it.",
	[PF_SAY_NO_BOOST] =
		"This kernel has no watermark boosting (5.0+, RHEL 8.4+).",
	[PF_SAY_BOOST_COST] = "Short bursts of extra kswapd reclaim after "
		"fragmenting events (it was off, perhaps on purpose: check "
		"why).",
};
/* clang-format on */

/* kB in words: "1.5 GiB" */
static void kb_words(long long kb, char *buf, size_t len)
{
	cli_format_size((unsigned long long)kb * 1024, buf, len);
}

/* Where the current value came from, in words. */
static const char *current_words(const char *from)
{
	if (!strcmp(from, "report"))
		return "the sum of the min watermarks the report printed";
	if (!strcmp(from, "system"))
		return "read from the system";
	return "assumed: the kernel default";
}

/* Why no value helps: the free pages are held apart by kernel memory. */
static void unmovable_words(const struct pf_advice_item *it, const long long *n,
			    struct cli_buf *b)
{
	char x[32], y[32], l[32], u[32];

	kb_words(n[2], x, sizeof(x));
	kb_words(n[3], y, sizeof(y));
	cli_buf_add(b,
		    " Every failure (%llu) found %s free in %s against a "
		    "watermark of %s, yet no block of order %lld: ",
		    (unsigned long long)n[0], x, it->zone, y, n[1]);
	if (n[4] >= 0) {
		kb_words(n[4], l, sizeof(l));
		kb_words(n[5], u, sizeof(u));
		cli_buf_add(b,
			    "of its %s in use only %s is on the LRU lists "
			    "(page cache and anonymous memory, all that "
			    "compaction can move or reclaim can free), so ",
			    u, l);
	} else {
		cli_buf_add(b,
			    "the report's migratetype letters put every "
			    "smaller free block in a pageblock of kernel "
			    "memory (unmovable, or reclaimable slab), none in "
			    "a movable one, so ");
	}
	cli_buf_add(b, "kernel memory holds the free pages apart, and neither "
		       "compaction nor reclaim can undo it. A larger reserve "
		       "would only keep more 4 KiB pieces free: no vm tunable "
		       "helps. Find what holds the memory (slabtop, "
		       "/proc/pagetypeinfo, a driver or module that keeps "
		       "pages).");
}

/* PF_SAY_BURST: the largest burst of failures, and what holds it twice. */
static void burst_words(const struct pf_advice_step *st, struct cli_buf *b)
{
	const long long *n = st->n;

	cli_buf_add(b,
		    " The largest burst: %llu order-%lld failure%s in %.0f s "
		    "(%llu kB asked); a request that cannot sleep may use 5/8 "
		    "of min, so holding twice that burst needs "
		    "min_free_kbytes >= %llu x 2 x 8/5 = %lld kB.",
		    (unsigned long long)n[0], n[1], n[0] == 1 ? "" : "s",
		    st->seconds, (unsigned long long)n[2],
		    (unsigned long long)n[2], n[3]);
}

/* PF_SAY_DEMAND: what pagefail trace measured, and what it needs. */
static void demand_words(const long long *n, struct cli_buf *b)
{
	cli_buf_add(b,
		    " Measured by pagefail trace: atomic requests took %lld "
		    "pages in a %.0f ms window at the 99.9th percentile",
		    n[0], (double)n[1] / 1000);
	if (n[2] < 0)
		cli_buf_add(b, "; kswapd was not woken while it traced, so its "
			       "reaction is taken as one window");
	else
		cli_buf_add(b,
			    "; kswapd took up to %.1f ms from woken to "
			    "running, %lld window%s",
			    (double)n[2] / 1000, n[3], n[3] == 1 ? "" : "s");
	cli_buf_add(b,
		    ". Holding that burst in the 5/8 of min such requests may "
		    "use needs min_free_kbytes >= %lld kB x 8/5 = %lld kB.",
		    n[4], n[5]);
}

/* The steps of vm.min_free_kbytes: the reserve, and how much of it. */
static void min_free_words(const struct pf_advice_item *it,
			   const struct pf_advice_step *st, struct cli_buf *b)
{
	const long long *n = st->n;
	char x[32], y[32], z[32];

	switch (st->say) {
	case PF_SAY_DEFAULT:
		cli_buf_add(b,
			    "kernel default %lld kB (int_sqrt(16 x %llu kB "
			    "of lowmem), capped at %lld).",
			    n[0], (unsigned long long)n[1], n[2]);
		break;
	case PF_SAY_CURRENT:
		cli_buf_add(b, " Current %lld kB (%s).", n[0],
			    current_words(it->current_from));
		break;
	case PF_SAY_DOUBLE_UNKNOWN:
		cli_buf_add(b,
			    "%llu failure%s of requests that cannot sleep: "
			    "double the current value (the usual first step; "
			    "'sysctl vm.min_free_kbytes' shows it).",
			    (unsigned long long)n[0], n[0] == 1 ? "" : "s");
		break;
	case PF_SAY_DOUBLE:
		cli_buf_add(b,
			    " %llu failure%s of requests that cannot sleep: "
			    "the reserve below min was not enough, so double "
			    "it: %lld kB.",
			    (unsigned long long)n[0], n[0] == 1 ? "" : "s",
			    n[1]);
		break;
	case PF_SAY_BURST:
		burst_words(st, b);
		break;
	case PF_SAY_DEMAND:
		demand_words(n, b);
		break;
	case PF_SAY_UNMOVABLE:
		unmovable_words(it, n, b);
		break;
	case PF_SAY_OTHER_MACHINE:
		cli_buf_add(b,
			    " %llu failure%s on another machine (see above): "
			    "the reserve that fell short was its own, so only "
			    "its burst, what was asked, carries over here.",
			    (unsigned long long)n[0], n[0] == 1 ? "" : "s");
		break;
	case PF_SAY_SAFE_MAX:
		kb_words(n[0], x, sizeof(x));
		cli_buf_add(
			b,
			" That is above the safe bound of 5%% of lowmem "
			"(%s, the cap the kernel puts on its own "
			"recommendation in set_recommended_min_free_kbytes()"
			"): kept at the bound; the rest must come from "
			"fewer or smaller atomic allocations.",
			x);
		break;
	case PF_SAY_RECOMMEND_KB:
		cli_buf_add(b, " Recommended: %lld kB.", n[0]);
		break;
	case PF_SAY_WMARKS:
		kb_words(n[0], x, sizeof(x));
		kb_words(n[1], y, sizeof(y));
		kb_words(n[2], z, sizeof(z));
		cli_buf_add(b,
			    "%s's min becomes %s and kswapd stops at %s; "
			    "about %s more is kept free there instead of page "
			    "cache. ",
			    it->zone, x, y, z);
		break;
	default:
		break;
	}
}

/* The steps of the other sysctls. */
static void other_words(const struct pf_advice_item *it,
			const struct pf_advice_step *st, struct cli_buf *b)
{
	const long long *n = st->n;

	switch (st->say) {
	case PF_SAY_NO_FAILURE:
		cli_buf_add(b, "%lld NUMA nodes, but no failure to act on.",
			    n[0]);
		break;
	case PF_SAY_RECLAIM_ALREADY:
		cli_buf_add(b,
			    "%lld NUMA nodes and it is already %lld: keep "
			    "it.",
			    n[0], n[1]);
		break;
	case PF_SAY_RECLAIM_ON:
		cli_buf_add(b,
			    "%lld NUMA nodes and it is %s: with 1, a node "
			    "short of free memory reclaims its own page cache "
			    "before taking from another node, so each node "
			    "keeps its reserves (the RHEL 6 workaround).",
			    n[0], n[1] == 0 ? "0" : "not known (default 0)");
		break;
	case PF_SAY_SCALE_NEED:
		cli_buf_add(b,
			    "kswapd wakes at low = min + max(min/4, managed "
			    "x factor / 10000); for %s's gap to hold twice the "
			    "largest burst (%llu pages) the factor must be >= "
			    "%lld.",
			    it->zone, (unsigned long long)n[0], n[1]);
		break;
	case PF_SAY_RECOMMEND:
		cli_buf_add(b, " Recommended: %lld.", n[0]);
		break;
	case PF_SAY_ALREADY:
		cli_buf_add(b, " It is %lld already: keep it.", n[0]);
		break;
	case PF_SAY_SCALE_COST:
		cli_buf_add(b,
			    "kswapd wakes earlier and reclaims %lld/10000 of "
			    "each zone more before it sleeps: more background "
			    "reclaim, a little less page cache.",
			    n[0]);
		break;
	case PF_SAY_BOOST_ON:
		cli_buf_add(b,
			    "Failures for fragmentation, and boosting is off: "
			    "turn it back on (%lld, the default), so that a "
			    "fragmenting fallback makes kswapd reclaim and "
			    "compact a little more.",
			    n[0]);
		break;
	case PF_SAY_BOOST_KEEP:
		cli_buf_add(b, "%lld%s: keep it.", n[0],
			    n[1] ? " (the default)" : "");
		break;
	default:
		min_free_words(it, st, b);
		break;
	}
}

/* The steps of the working (or of the cost) of it, in order. */
static void steps_words(const struct pf_advice_item *it, bool cost,
			struct cli_buf *b)
{
	size_t start = b->n;

	for (int i = 0; i < it->nr_steps; i++) {
		const struct pf_advice_step *st = &it->steps[i];
		int say = st->say;

		if (st->cost != cost)
			continue;
		if (say == PF_SAY_SET_ASIDE)
			/* a space after it when it opens, before it after */
			cli_buf_add(b,
				    "%sThe %s says %lld, which no kernel "
				    "holds (an int): set aside.%s",
				    b->n > start ? " " : "",
				    st->n[1] ? "report" : "system", st->n[0],
				    b->n > start ? "" : " ");
		else if (say >= 0 && (size_t)say < ARRAY_SIZE(fixed_words) &&
			 fixed_words[say])
			cli_buf_add(b, "%s", fixed_words[say]);
		else
			other_words(it, st, b);
	}
}

void cli_advice_working(const struct pf_advice_item *it, struct cli_buf *b)
{
	if (it->set_by)
		cli_buf_add(b, "Set by --set %s.", it->set_by);
	else
		steps_words(it, false, b);
}

void cli_advice_cost(const struct pf_advice_item *it, struct cli_buf *b)
{
	if (!it->set_by)
		steps_words(it, true, b);
}

void cli_advice_note(const struct pf_advice *a, struct cli_buf *b)
{
	if (a->sysctl_conf)
		cli_buf_add(b,
			    "RHEL %d: put these lines in /etc/sysctl.conf "
			    "and load them with 'sysctl -p'.",
			    a->kernel.rhel);
	else
		cli_buf_add(
			b,
			"Save as /etc/sysctl.d/90-pagefail.conf and "
			"load with 'sysctl -p /etc/sysctl.d/90-pagefail.conf'"
			" (or 'sysctl --system').");
}

/* A comment paragraph, wrapped at 76 columns. */
static void comment(struct cli_buf *b, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *line = p, *brk = NULL;
		int n = 0;

		while (p[n] && n < 74) {
			if (p[n] == ' ')
				brk = p + n;
			n++;
		}
		if (!p[n])
			brk = p + n;
		else if (!brk)
			brk = p + n;
		cli_buf_add(b, "# %.*s\n", (int)(brk - line), line);
		p = brk;
		while (*p == ' ')
			p++;
	}
}

/* One item's lines of the file: its working and cost, then its value. */
static void conf_item(const struct pf_advice_item *it, struct cli_buf *b)
{
	struct cli_buf working = { 0 }, cost = { 0 };

	cli_advice_working(it, &working);
	cli_advice_cost(it, &cost);
	cli_buf_add(b, "\n");
	comment(b, cli_buf_str(&working));
	comment(b, cli_buf_str(&cost));
	cli_buf_add(b, "%s = %ld\n", it->name, it->value);
	cli_buf_release(&working);
	cli_buf_release(&cost);
}

void cli_advice_sysctl_conf(const struct pf_advice *a, struct cli_buf *b)
{
	bool known = pf_kver_known(&a->kernel);
	struct cli_buf note = { 0 };
	int n = 0;

	cli_buf_add(b,
		    "# 90-pagefail.conf: written by pagefail advise %s%s%s\n",
		    PF_VERSION, known ? " for kernel " : "",
		    known ? a->kernel.str : "");
	cli_advice_note(a, &note);
	comment(b, cli_buf_str(&note));
	cli_buf_release(&note);
	for (int i = 0; i < a->nr_items; i++) {
		const struct pf_advice_item *it = &a->items[i];

		if (!it->applies || it->value < 0 || !it->change)
			continue;
		conf_item(it, b);
		n++;
	}
	if (!n)
		cli_buf_add(b, "\n# nothing to change\n");
}
