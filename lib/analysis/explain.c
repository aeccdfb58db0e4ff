// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * explain.c - why one reported allocation failed.  The zones of the
 * report's Mem-Info are put through the failing kernel's own watermark
 * check (watermark.c) at the failed order, with the alloc flags the slow
 * path gave that gfp mask in that context, in the zonelist order the mask
 * allows.  The verdicts become one sentence, and the known-cause rules
 * (rules.c) are matched against the report and its verdict.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/mm.h"
#include "report/internal.h"
#include "util/util.h"

/* vmstat's per-CPU threshold is at most 125 pages; 8 CPUs' worth */
#define PCP_DRIFT	(125L * 8)

static void kb_words(long pages, unsigned int page_kb, char *buf, size_t len)
{
	pf_format_size((unsigned long long)(pages < 0 ? 0 : pages) * page_kb * 1024,
		      buf, len);
}

static bool has_frame(const struct pf_report *r, int from, const char *const *names)
{
	for (int i = from < 0 ? 0 : from; i < r->nr_frames; i++) {
		if (r->frames[i].kind != PF_FRAME_FUNC)
			continue;
		for (const char *const *n = names; *n; n++)
			if (!strcmp(r->frames[i].func, *n))
				return true;
	}
	return false;
}

/*
 * Where the caller ran, for gfp_to_alloc_flags(): in interrupt, and with
 * PF_MEMALLOC (kswapd, or an allocation made from inside direct reclaim or
 * compaction: the reclaim functions are callers of the failed allocation).
 */
static unsigned int caller_flags(const struct pf_report *r)
{
	static const char *const reclaim[] = {
		"try_to_free_pages", "do_try_to_free_pages", "shrink_page_list",
		"shrink_inactive_list", "shrink_node", "shrink_zone",
		"shrink_zones", "shrink_lruvec", "shrink_folio_list",
		"balance_pgdat", "kswapd", "__node_reclaim", "zone_reclaim",
		"node_reclaim", "__zone_reclaim", "try_to_compact_pages",
		"compact_zone", "kcompactd", NULL
	};
	unsigned int f = 0;
	int start = 0;

	if (r->context.kind == PF_CTX_SOFTIRQ || r->context.kind == PF_CTX_HARDIRQ)
		f |= PF_CALLER_INTERRUPT;
	if (r->context.kind == PF_CTX_KSWAPD)
		f |= PF_CALLER_MEMALLOC;
	pf_frames_call_site(r, &start);
	if (has_frame(r, start, reclaim))
		f |= PF_CALLER_MEMALLOC;
	return f;
}

/* "0-1,3" -> bits; false for "(null)", "" or anything unparsable. */
static bool parse_nodelist(const char *s, unsigned long long *mask)
{
	const char *p = s, *end = s + strlen(s);

	*mask = 0;
	if (!*s || *s == '(')
		return false;
	while (p < end) {
		unsigned long a, b;

		if (!pf_scan_ulong(&p, end, &a))
			return false;
		b = a;
		if (p < end && *p == '-') {
			p++;
			if (!pf_scan_ulong(&p, end, &b))
				return false;
		}
		for (unsigned long n = a; n <= b && n < 64; n++)
			*mask |= 1ULL << n;
		if (p < end && *p != ',')
			return false;
		if (p < end)
			p++;
	}
	return *mask != 0;
}

static const char *zone_not_allowed(const struct pf_report *r,
				    const struct pf_zone *z,
				    const struct pf_gfp_caps *caps,
				    unsigned int alloc_flags)
{
	unsigned long long mask;

	if (z->managed == 0 || z->present == 0)
		return "empty: not in any zonelist";
	if (z->type < PF_ZONE_OTHER && z->type > caps->highest_zone) {
		switch (caps->highest_zone) {
		case PF_ZONE_DMA:
			return "__GFP_DMA: only ZONE_DMA";
		case PF_ZONE_DMA32:
			return "__GFP_DMA32: only ZONE_DMA32 and below";
		case PF_ZONE_NORMAL:
			return "above ZONE_NORMAL: no __GFP_HIGHMEM";
		default:
			return "above the zone the gfp mask allows";
		}
	}
	if (z->node_printed && parse_nodelist(r->nodemask, &mask) &&
	    z->node < 64 && !(mask & (1ULL << z->node)))
		return "its node is not in the nodemask";
	/* ALLOC_CPUSET: only requests that may sleep honour the cpuset */
	if ((alloc_flags & PF_ALLOC_CPUSET) && z->node_printed &&
	    parse_nodelist(r->mems_allowed, &mask) && z->node < 64 &&
	    !(mask & (1ULL << z->node)))
		return "its node is not in the task's cpuset (mems_allowed)";
	return NULL;
}

/* The zonelist: nodes in order (the lowest first), zones high to low. */
static void zonelist_words(const struct pf_report *r, const struct pf_explain *ex,
			   char *buf, size_t len)
{
	struct pf_sbuf b = { buf, len, 0 };
	int nodes[PF_ZONES_MAX], nr_nodes = 0;

	buf[0] = '\0';
	/* the nodes printed, sorted (insertion: there are a few) */
	for (int i = 0; i < r->nr_zones; i++) {
		int n = r->zones[i].node, k;

		for (k = 0; k < nr_nodes && nodes[k] < n; k++)
			;
		if (k < nr_nodes && nodes[k] == n)
			continue;
		memmove(&nodes[k + 1], &nodes[k], sizeof(nodes[0]) * (size_t)(nr_nodes - k));
		nodes[k] = n;
		nr_nodes++;
	}
	for (int k = 0; k < nr_nodes; k++) {
		for (int t = PF_ZONE_OTHER; t >= 0; t--) {
			for (int i = 0; i < r->nr_zones; i++) {
				const struct pf_zone *z = &r->zones[i];

				if (z->node != nodes[k] || z->type != t ||
				    !ex->zones[i].allowed)
					continue;
				if (nr_nodes > 1)
					pf_sb_add(&b, "%snode %d %s", b.n ? " > " : "",
						  z->node, z->name);
				else
					pf_sb_add(&b, "%s%s", b.n ? " > " : "", z->name);
			}
		}
	}
}

/* What the request was, and what it was allowed to do. */
static void asked_words(const struct pf_report *r, const struct pf_gfp_caps *caps,
			const struct pf_explain *ex, char *buf, size_t len)
{
	struct pf_sbuf b = { buf, len, 0 };
	char size[32];

	pf_format_size(pf_report_bytes(r), size, sizeof(size));
	pf_sb_add(&b, "order %d: %s, %lu contiguous page%s", r->order, size,
	       1UL << (r->order < 0 ? 0 : r->order), r->order ? "s" : "");
	if (!r->gfp_layout) {
		pf_sb_add(&b, "; the gfp mask could not be decoded");
		return;
	}
	if (caps->can_sleep)
		pf_sb_add(&b, "; may sleep, reclaim%s", caps->io || caps->fs ?
		       " and compact" : " (no I/O or FS: little compaction)");
	else
		pf_sb_add(&b, "; cannot sleep, reclaim or compact");
	if (ex->alloc_flags & PF_ALLOC_NO_WATERMARKS)
		pf_sb_add(&b, "; ignores the watermarks (PF_MEMALLOC or __GFP_MEMALLOC)");
	else if ((ex->alloc_flags & PF_ALLOC_HIGH) &&
		 (ex->alloc_flags & PF_ALLOC_HARDER))
		pf_sb_add(&b, "; may go below min, down to 3/8 of it (ALLOC_HIGH and ALLOC_HARDER)");
	else if (ex->alloc_flags & PF_ALLOC_HIGH)
		pf_sb_add(&b, "; may go below min, down to half of it (ALLOC_HIGH)");
	else if (ex->alloc_flags & PF_ALLOC_HARDER)
		pf_sb_add(&b, ex->era == PF_WM_6_3 ?
		       "; stops at min but may use the highatomic reserve (ALLOC_NON_BLOCK)" :
		       "; may go below min, down to 3/4 of it (ALLOC_HARDER)");
	else
		pf_sb_add(&b, "; stops at the min watermark");
	if (caps->wakes_kswapd)
		pf_sb_add(&b, "; wakes kswapd");
	if (caps->noretry)
		pf_sb_add(&b, "; gives up early (__GFP_NORETRY)");
	if (caps->nowarn)
		pf_sb_add(&b, "; __GFP_NOWARN");
	pf_sb_add(&b, "; zones: %s", ex->zonelist[0] ? ex->zonelist : "none printed");
}

/* The zone a sentence speaks of: the allowed one with most usable memory. */
static int key_zone(const struct pf_report *r, const struct pf_explain *ex,
		    bool passing)
{
	int best = -1;

	for (int i = 0; i < r->nr_zones; i++) {
		const struct pf_zone_verdict *v = &ex->zones[i];

		if (!v->allowed || !v->evaluated || (passing && !v->check.passes))
			continue;
		if (best < 0 || r->zones[i].free > r->zones[best].free)
			best = i;
	}
	return best;
}

/*
 * Why the kernel failed where the emulation passes: things the dump cannot
 * show.  Only what the report supports is said.
 */
static void disagreement_words(const struct pf_report *r, const struct pf_explain *ex,
			       char *buf, size_t len)
{
	static const char *const injected[] = {
		"should_fail", "should_fail_alloc_page", "__should_failslab",
		"should_failslab", NULL
	};
	static const char *const vmalloc[] = {
		"__vmalloc_node_range", "__vmalloc_area_node", "__vmalloc_node",
		"vmalloc", "__vmalloc", NULL
	};
	const struct pf_zone_verdict *v = &ex->zones[ex->key_zone];
	const struct pf_zone *z = &r->zones[ex->key_zone];
	struct pf_sbuf b = { buf, len, 0 };
	char margin[32];

	kb_words(v->check.margin, z->page_kb, margin, sizeof(margin));
	pf_sb_add(&b, "%s passes the emulated check by %ld pages (%s)",
	       z->name, v->check.margin, margin);
	if (!strncmp(r->caller_msg, "vmalloc", 7) ||
	    (r->order == 0 && has_frame(r, 0, vmalloc) &&
	     strstr(r->caller_msg, "allocation failure"))) {
		pf_sb_add(&b, ": the warning came from vmalloc (\"%s\"), which fails "
		       "without a page allocator failure when the size is "
		       "impossible or its own bookkeeping cannot be allocated",
		       r->caller_msg);
	} else if (has_frame(r, 0, injected)) {
		pf_sb_add(&b, ": fault injection (should_fail) forced this failure; "
		       "the zones did not cause it");
	} else if (v->check.margin <= PCP_DRIFT) {
		pf_sb_add(&b, ": within the error of the per-CPU free page counters "
		       "(up to 125 pages per CPU), and the dump was taken after "
		       "the failure; the zone was at its limit");
	} else {
		pf_sb_add(&b, ": the Mem-Info dump was taken after the failure, so "
		       "memory freed in between, or drained from the per-CPU "
		       "lists, shows as free; a cpuset or __GFP_THISNODE limit "
		       "the report does not print would also explain it");
	}
}

/* What every sentence of the summary is made of. */
struct summary {
	struct pf_sbuf b;
	const struct pf_report *r;
	const struct pf_gfp_caps *caps;
	const struct pf_explain *ex;
	const struct pf_zone_verdict *v;	/* the key zone's verdict */
	const struct pf_zone *z;		/* ... and the zone */
	char size[32];				/* the request's size */
	char free_w[32];			/* the key zone's free memory */
	const char *kind;			/* "atomic ", "non-blocking ", "" */
};

/* No zone could be checked: the report has no Mem-Info, or lacks numbers. */
static void unchecked_words(struct summary *s)
{
	const struct pf_explain *ex = s->ex;

	if (!s->r->nr_zones)
		pf_sb_add(&s->b, "The report has no Mem-Info, so the zones' state at "
		       "the failure is not known: the %s %srequest failed",
		       s->size, s->kind);
	else
		pf_sb_add(&s->b, "No zone could be checked (watermarks or free "
		       "counts missing): the %s %srequest failed", s->size, s->kind);
	if (ex->match.rule) {
		pf_sb_add(&s->b, "; it matches the known cause \"%s\"",
			  ex->match.rule->title);
		if (ex->match.status == PF_RULE_FIXED)
			pf_sb_add(&s->b, ", whose fix this kernel already has "
				  "(since %s): what is left is a burst "
				  "that outran the reserves",
				  ex->match.rule->fixed.str);
	}
	pf_sb_add(&s->b, ".");
}

/* No printed zone was one the request may use: say why of the first. */
static void not_allowed_words(struct summary *s)
{
	const struct pf_report *r = s->r;

	pf_sb_add(&s->b, "No zone the %s %srequest may use was printed", s->size,
		  s->kind);
	for (int i = 0; i < r->nr_zones; i++)
		if (s->ex->zones[i].why_not) {
			pf_sb_add(&s->b, " (%s %s)", r->zones[i].name,
			       s->ex->zones[i].why_not);
			break;
		}
	pf_sb_add(&s->b, ".");
}

/*
 * PF_CAUSE_FRAGMENTATION: where the free memory was, in blocks too small,
 * and why reclaim and compaction did not make a large enough one.
 */
static void fragmentation_words(struct summary *s)
{
	const struct pf_zone_verdict *v = s->v;
	const struct pf_zone *z = s->z;
	char x[32], y[32];

	pf_sb_add(&s->b, "%s had %s free", z->name, s->free_w);
	if (v->largest_free_order >= s->r->order && v->check.failed_order > 0) {
		/* the pre-4.4 loop: blocks exist, too little above the mark */
		pf_format_size((unsigned long long)z->page_kb * 1024
			       << v->check.failed_order, x, sizeof(x));
		kb_words(v->check.order_min, z->page_kb, y, sizeof(y));
		if (v->check.order_free > 0) {
			char f[32];

			kb_words(v->check.order_free, z->page_kb, f, sizeof(f));
			pf_sb_add(&s->b, ", but only about %s of it in blocks of %s "
			       "or more, where this kernel's watermark check "
			       "wants more than %s", f, x, y);
		} else {
			pf_sb_add(&s->b, ", almost none of it in blocks of %s or "
			       "more, where this kernel's watermark check "
			       "wants more than %s", x, y);
		}
	} else if (v->largest_free_order == 0) {
		pf_sb_add(&s->b, ", all in %u KiB pieces", z->page_kb);
	} else if (v->largest_free_order > 0) {
		pf_format_size((unsigned long long)z->page_kb * 1024
			       << v->largest_free_order, x, sizeof(x));
		pf_sb_add(&s->b, ", none of it in a block larger than %s", x);
	} else if (z->nr_orders) {
		pf_sb_add(&s->b, ", none of it on a free list it may use");
	}
	if (!s->caps->can_sleep && s->r->gfp_layout)
		pf_sb_add(&s->b, "; the %s %srequest could not be met without "
		       "compaction, which a request that cannot sleep cannot do",
		       s->size, s->kind);
	else if (s->r->order > 3)
		pf_sb_add(&s->b, "; the %s request is a costly order, and reclaim "
		       "and compaction did not assemble a free block that "
		       "large%s", s->size, s->caps->noretry ?
		       " before it gave up (__GFP_NORETRY)" : "");
	else
		pf_sb_add(&s->b, "; reclaim and compaction did not produce a free "
		       "%s block for the request", s->size);
}

/* PF_CAUSE_BELOW_MIN: a real shortage, and who could have relieved it. */
static void below_min_words(struct summary *s)
{
	const struct pf_zone_verdict *v = s->v;
	const struct pf_zone *z = s->z;
	char x[32], y[32];

	kb_words(v->check.min + v->check.reserve, z->page_kb, x, sizeof(x));
	pf_sb_add(&s->b, "%s had %s free, under the %s this request had to leave",
	       z->name, s->free_w, x);
	if (v->check.cma > 0) {
		kb_words(v->check.cma, z->page_kb, y, sizeof(y));
		pf_sb_add(&s->b, " (%s of the free memory is CMA, which it may not use)", y);
	}
	if (s->ex->alloc_flags & PF_ALLOC_NO_WATERMARKS)
		pf_sb_add(&s->b, ": the zone was empty even for a caller that "
		       "ignores the watermarks");
	else if (!s->caps->can_sleep && s->r->gfp_layout)
		pf_sb_add(&s->b, ": a real shortage; even the reserve below min "
		       "that a request which cannot sleep may use was gone, "
		       "and kswapd had not caught up");
	else
		pf_sb_add(&s->b, ": a real shortage, which reclaim did not relieve");
	if (s->ex->nr_allowed > 1)
		pf_sb_add(&s->b, "; no other allowed zone could serve it either");
}

/*
 * PF_CAUSE_HIGHATOMIC: the free memory was the highatomic reserve's,
 * printed (5.15+) or inferred by hidden_highatomic() (highatomic < 0).
 */
static void highatomic_words(struct summary *s)
{
	const struct pf_zone_verdict *v = s->v;
	const struct pf_zone *z = s->z;
	char x[32];

	if (v->check.highatomic < 0) {
		kb_words(((z->managed >= 0 ? z->managed : z->present) / 100 + 512),
			 z->page_kb, x, sizeof(x));
		pf_sb_add(&s->b, "%s had %s free, no more than the highatomic "
			  "reserve may hold (up to %s here; kernels before "
			  "5.15 do not print it), and this %s %srequest may "
			  "not use that reserve: nothing else explains the "
			  "failure", z->name, s->free_w, x, s->size, s->kind);
		return;
	}
	if (v->check.highatomic > 0 && v->check.highatomic < z->free) {
		kb_words(v->check.highatomic, z->page_kb, x, sizeof(x));
		pf_sb_add(&s->b, "%s had %s free, but %s of it is the highatomic "
			  "reserve", z->name, s->free_w, x);
	} else {
		pf_sb_add(&s->b, "%s had %s free, but all of it sits in "
			  "highatomic pageblocks", z->name, s->free_w);
		if (z->reserved_highatomic > 0) {
			kb_words(z->reserved_highatomic, z->page_kb, x, sizeof(x));
			pf_sb_add(&s->b, " (%s reserved)", x);
		}
	}
	pf_sb_add(&s->b, ", kept for high-order atomic requests, which this %s "
		  "%srequest may not use", s->size, s->kind);
}

/* The one sentence: the key zone's verdict in words, by its cause. */
static void summary_words(const struct pf_report *r, const struct pf_gfp_caps *caps,
			  const struct pf_explain *ex, char *buf, size_t len)
{
	struct summary s = {
		.b = { buf, len, 0 }, .r = r, .caps = caps, .ex = ex,
		.kind = caps->atomic ? "atomic " :
			r->gfp_layout && !caps->can_sleep ? "non-blocking " : "",
	};
	char x[32];

	pf_format_size(pf_report_bytes(r), s.size, sizeof(s.size));
	if (ex->cause == PF_CAUSE_UNKNOWN && ex->key_zone < 0) {
		unchecked_words(&s);
		return;
	}
	if (ex->cause == PF_CAUSE_NOT_ALLOWED || ex->key_zone < 0) {
		not_allowed_words(&s);
		return;
	}
	s.v = &ex->zones[ex->key_zone];
	s.z = &r->zones[ex->key_zone];
	kb_words(s.z->free, s.z->page_kb, s.free_w, sizeof(s.free_w));
	if (ex->disagrees) {
		pf_sb_add(&s.b, "The kernel failed the %s %srequest, but %s.",
			  s.size, s.kind, ex->disagreement);
		return;
	}
	switch (ex->cause) {
	case PF_CAUSE_FRAGMENTATION:
		fragmentation_words(&s);
		break;
	case PF_CAUSE_BELOW_MIN:
		below_min_words(&s);
		break;
	case PF_CAUSE_LOWMEM_RESERVE:
		kb_words(s.v->check.reserve, s.z->page_kb, x, sizeof(x));
		pf_sb_add(&s.b, "%s had %s free, above its min watermark, but keeps %s "
		       "(lowmem_reserve) for requests that cannot use a higher zone, "
		       "and the higher zones could not serve the %s %srequest",
		       s.z->name, s.free_w, x, s.size, s.kind);
		break;
	case PF_CAUSE_HIGHATOMIC:
		highatomic_words(&s);
		break;
	default:
		pf_sb_add(&s.b, "%s had %s free; the %s %srequest could not be checked "
		       "further (no buddy line)", s.z->name, s.free_w, s.size, s.kind);
		break;
	}
	pf_sb_add(&s.b, ".");
}

/*
 * 4.4 to 5.14 keep up to 1% of a zone (plus a pageblock) as highatomic
 * reserve, which callers that are not __GFP_ATOMIC may not count, and do
 * not print it.  Where every zone that passes would fail with that much
 * held back, the reserve is the explanation (reserve_highatomic_pageblock()
 * caps it at managed / 100 + pageblock_nr_pages).
 */
static void hidden_highatomic(const struct pf_report *r, struct pf_explain *ex)
{
	if (ex->era != PF_WM_4_4 ||
	    pf_alloc_highatomic_ok(ex->alloc_flags, ex->era) ||
	    (ex->alloc_flags & PF_ALLOC_NO_WATERMARKS))
		return;
	for (int i = 0; i < r->nr_zones; i++) {
		const struct pf_zone *z = &r->zones[i];
		long pages = z->managed >= 0 ? z->managed : z->present;

		if (!ex->zones[i].check.passes)
			continue;
		/*
		 * within the per-CPU counter drift (disagreement_words()),
		 * the drift is the plainer explanation
		 */
		if (z->reserved_highatomic >= 0 || pages <= 0 ||
		    ex->zones[i].check.margin <= PCP_DRIFT ||
		    ex->zones[i].check.margin >= pages / 100 + 512)
			return;
	}
	for (int i = 0; i < r->nr_zones; i++) {
		struct pf_zone_verdict *v = &ex->zones[i];

		if (!v->check.passes)
			continue;
		v->check.passes = false;
		v->check.cause = PF_CAUSE_HIGHATOMIC;
		v->check.highatomic = -1;	/* not printed: inferred */
		ex->nr_passing--;
	}
}

int pf_explain_report(const struct pf_report *r, const struct pf_rules *rules,
		      struct pf_explain *ex)
{
	struct pf_gfp_caps caps;

	memset(ex, 0, sizeof(*ex));
	ex->key_zone = -1;
	ex->cause = PF_CAUSE_UNKNOWN;
	if (r->order < 0)
		return -EINVAL;
	memset(&caps, 0, sizeof(caps));
	caps.highest_zone = PF_ZONE_NORMAL;
	if (r->gfp_layout)
		pf_gfp_caps(r->gfp_mask, r->gfp_layout, &caps);
	ex->era = pf_wm_era_of(&r->kernel, r->gfp_layout);
	ex->caller = caller_flags(r);
	ex->alloc_flags = r->gfp_layout ?
		pf_alloc_flags(r->gfp_mask, r->gfp_layout, ex->era, r->order,
			       ex->caller) : 0;
	ex->highest_zone = caps.highest_zone;
	ex->classzone = pf_zone_classzone(r->zones, r->nr_zones, caps.highest_zone);
	ex->nr_zones = r->nr_zones;

	for (int i = 0; i < r->nr_zones; i++) {
		const struct pf_zone *z = &r->zones[i];
		struct pf_zone_verdict *v = &ex->zones[i];

		v->zone_idx = pf_zone_enum_index(r->zones, r->nr_zones, z->type);
		v->why_not = zone_not_allowed(r, z, &caps, ex->alloc_flags);
		v->allowed = !v->why_not;
		v->largest_free_order = z->nr_orders ?
			pf_largest_free_order(z->nr_free, z->nr_orders) : -1;
		v->unusable_index = -1;
		v->extfrag_index = 0;
		if (z->nr_orders) {
			v->unusable_index = pf_unusable_index(z->nr_free,
							      z->nr_orders, r->order);
			v->extfrag_index = pf_extfrag_index(z->nr_free,
							    z->nr_orders, r->order);
		}
		if (!v->allowed) {
			v->check.cause = PF_CAUSE_NOT_ALLOWED;
			v->check.failed_order = -1;
			continue;
		}
		ex->nr_allowed++;
		if (z->free < 0 || z->min < 0) {
			v->check.cause = PF_CAUSE_UNKNOWN;
			v->check.failed_order = -1;
			continue;
		}
		/* the slow path's last try: ALLOC_WMARK_MIN with these flags */
		v->evaluated = true;
		pf_zone_watermark_ok(z, r->order, z->min, ex->classzone,
				     ex->alloc_flags, ex->era, &v->check);
		if (v->check.passes)
			ex->nr_passing++;
	}
	zonelist_words(r, ex, ex->zonelist, sizeof(ex->zonelist));
	asked_words(r, &caps, ex, ex->asked, sizeof(ex->asked));

	if (ex->nr_passing)
		hidden_highatomic(r, ex);
	if (ex->nr_passing) {
		ex->disagrees = true;
		ex->cause = PF_CAUSE_OK;
		ex->key_zone = key_zone(r, ex, true);
		disagreement_words(r, ex, ex->disagreement, sizeof(ex->disagreement));
	} else if (r->nr_zones && !ex->nr_allowed) {
		ex->cause = PF_CAUSE_NOT_ALLOWED;
	} else {
		ex->key_zone = key_zone(r, ex, false);
		if (ex->key_zone >= 0)
			ex->cause = ex->zones[ex->key_zone].check.cause;
	}

	pf_rules_match(rules ? rules : pf_rules_builtin(), r, ex->cause, &ex->match);
	summary_words(r, &caps, ex, ex->summary, sizeof(ex->summary));
	return 0;
}

/*
 * The public view of an explanation (include/pagefail.h): allocated, and
 * read through accessors, so that struct pf_explain can grow.
 */
int pf_explain_new(const struct pf_report *r, const struct pf_rules *rules,
		   struct pf_explain **out)
{
	struct pf_explain *ex = malloc(sizeof(*ex));
	int err;

	*out = NULL;
	if (!ex)
		return -ENOMEM;
	err = pf_explain_report(r, rules, ex);
	if (err) {
		free(ex);
		return err;
	}
	*out = ex;
	return 0;
}

void pf_explain_free(struct pf_explain *ex)
{
	free(ex);
}

int pf_explain_era(const struct pf_explain *ex)
{
	return ex->era;
}

unsigned int pf_explain_alloc_flags(const struct pf_explain *ex)
{
	return ex->alloc_flags;
}

int pf_explain_cause(const struct pf_explain *ex)
{
	return ex->cause;
}

bool pf_explain_zone_allowed(const struct pf_explain *ex, int i)
{
	return i >= 0 && i < ex->nr_zones && ex->zones[i].allowed;
}

const struct pf_wm_check *pf_explain_zone_check(const struct pf_explain *ex,
						int i)
{
	if (i < 0 || i >= ex->nr_zones || !ex->zones[i].evaluated)
		return NULL;
	return &ex->zones[i].check;
}

bool pf_explain_disagrees(const struct pf_explain *ex)
{
	return ex->disagrees;
}

const char *pf_explain_rule_id(const struct pf_explain *ex)
{
	return ex->match.rule ? ex->match.rule->id : NULL;
}

const char *pf_explain_rule_title(const struct pf_explain *ex)
{
	return ex->match.rule ? ex->match.rule->title : NULL;
}
