// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * explain.c - why one reported allocation failed.  The zones of the
 * report's Mem-Info are put through the failing kernel's own watermark
 * check (watermark.c) at the failed order, with the alloc flags the slow
 * path gave that gfp mask in that context, in the zonelist order the mask
 * allows.  The verdicts come to a cause, the zone it is about and the
 * sentence that says it (enum pf_summary, which the CLI words), and the
 * known-cause rules (rules.c) are matched against the report and its
 * verdict.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mm/mm.h"
#include "report/internal.h"
#include "util/util.h"

/* vmstat's per-CPU threshold is at most 125 pages; 8 CPUs' worth */
#define PCP_DRIFT (125L * 8)

static bool has_frame(const struct pf_report *r, int from,
		      const char *const *names)
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
	static const char *const reclaim[] = { "try_to_free_pages",
					       "do_try_to_free_pages",
					       "shrink_page_list",
					       "shrink_inactive_list",
					       "shrink_node",
					       "shrink_zone",
					       "shrink_zones",
					       "shrink_lruvec",
					       "shrink_folio_list",
					       "balance_pgdat",
					       "kswapd",
					       "__node_reclaim",
					       "zone_reclaim",
					       "node_reclaim",
					       "__zone_reclaim",
					       "try_to_compact_pages",
					       "compact_zone",
					       "kcompactd",
					       NULL };
	unsigned int f = 0;
	int start = 0;

	if (r->context.kind == PF_CTX_SOFTIRQ ||
	    r->context.kind == PF_CTX_HARDIRQ)
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

/* Why z is not in the request's zonelist: enum pf_why_not. */
static int zone_not_allowed(const struct pf_report *r, const struct pf_zone *z,
			    const struct pf_gfp_caps *caps,
			    unsigned int alloc_flags)
{
	unsigned long long mask;

	if (z->managed == 0 || z->present == 0)
		return PF_WHY_EMPTY;
	if (z->type < PF_ZONE_OTHER && z->type > caps->highest_zone) {
		switch (caps->highest_zone) {
		case PF_ZONE_DMA:
			return PF_WHY_DMA;
		case PF_ZONE_DMA32:
			return PF_WHY_DMA32;
		case PF_ZONE_NORMAL:
			return PF_WHY_HIGHMEM;
		default:
			return PF_WHY_ABOVE;
		}
	}
	if (z->node_printed && parse_nodelist(r->nodemask, &mask) &&
	    z->node < 64 && !(mask & (1ULL << z->node)))
		return PF_WHY_NODEMASK;
	/* ALLOC_CPUSET: only requests that may sleep honour the cpuset */
	if ((alloc_flags & PF_ALLOC_CPUSET) && z->node_printed &&
	    parse_nodelist(r->mems_allowed, &mask) && z->node < 64 &&
	    !(mask & (1ULL << z->node)))
		return PF_WHY_CPUSET;
	return PF_WHY_ALLOWED;
}

/*
 * The zonelist: the allowed zones printed, nodes in order (the lowest
 * first), a node's zones high to low.
 */
static void zonelist_of(const struct pf_report *r, struct pf_explain *ex)
{
	int nodes[PF_ZONES_MAX], nr_nodes = 0;

	/* the nodes printed, sorted (insertion: there are a few) */
	for (int i = 0; i < r->nr_zones; i++) {
		int n = r->zones[i].node, k;

		for (k = 0; k < nr_nodes && nodes[k] < n; k++)
			;
		if (k < nr_nodes && nodes[k] == n)
			continue;
		memmove(&nodes[k + 1], &nodes[k],
			sizeof(nodes[0]) * (size_t)(nr_nodes - k));
		nodes[k] = n;
		nr_nodes++;
	}
	ex->zonelist_nodes = nr_nodes;
	for (int k = 0; k < nr_nodes; k++) {
		for (int t = PF_ZONE_OTHER; t >= 0; t--) {
			for (int i = 0; i < r->nr_zones; i++) {
				const struct pf_zone *z = &r->zones[i];

				if (z->node == nodes[k] && z->type == t &&
				    ex->zones[i].allowed)
					ex->zonelist[ex->nr_zonelist++] = i;
			}
		}
	}
}

/* The zone a sentence speaks of: the allowed one with most usable memory. */
static int key_zone(const struct pf_report *r, const struct pf_explain *ex,
		    bool passing)
{
	int best = -1;

	for (int i = 0; i < r->nr_zones; i++) {
		const struct pf_zone_verdict *v = &ex->zones[i];

		if (!v->allowed || !v->evaluated ||
		    (passing && !v->check.passes))
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
static int disagreement_of(const struct pf_report *r,
			   const struct pf_explain *ex)
{
	static const char *const injected[] = { "should_fail",
						"should_fail_alloc_page",
						"__should_failslab",
						"should_failslab", NULL };
	static const char *const vmalloc[] = { "__vmalloc_node_range",
					       "__vmalloc_area_node",
					       "__vmalloc_node",
					       "vmalloc",
					       "__vmalloc",
					       NULL };

	if (!strncmp(r->caller_msg, "vmalloc", 7) ||
	    (r->order == 0 && has_frame(r, 0, vmalloc) &&
	     strstr(r->caller_msg, "allocation failure")))
		return PF_DISAGREE_VMALLOC;
	if (has_frame(r, 0, injected))
		return PF_DISAGREE_INJECTED;
	if (ex->zones[ex->key_zone].check.margin <= PCP_DRIFT)
		return PF_DISAGREE_DRIFT;
	return PF_DISAGREE_LATE_DUMP;
}

/*
 * The most the highatomic reserve of z may hold, in pages:
 * reserve_highatomic_pageblock() caps it at managed / 100 +
 * pageblock_nr_pages.
 */
static long highatomic_cap(const struct pf_zone *z)
{
	return (z->managed >= 0 ? z->managed : z->present) / 100 + 512;
}

/* PF_CAUSE_FRAGMENTATION: where the free memory was, and why none came. */
static void fragmentation_of(const struct pf_report *r, struct pf_explain *ex)
{
	const struct pf_zone_verdict *v = &ex->zones[ex->key_zone];

	if (v->largest_free_order >= r->order && v->check.failed_order > 0)
		ex->summary = PF_SUMMARY_FRAG_LOOP;
	else if (v->largest_free_order == 0)
		ex->summary = PF_SUMMARY_FRAG_PAGES;
	else if (v->largest_free_order > 0)
		ex->summary = PF_SUMMARY_FRAG_SMALLER;
	else if (r->zones[ex->key_zone].nr_orders)
		ex->summary = PF_SUMMARY_FRAG_NO_LIST;
	else
		ex->summary = PF_SUMMARY_FRAG;
	if (!ex->caps.can_sleep && r->gfp_layout)
		ex->relief = PF_RELIEF_NO_COMPACTION;
	else if (r->order > 3)
		ex->relief = PF_RELIEF_COSTLY;
	else
		ex->relief = PF_RELIEF_NO_BLOCK;
}

/* The summary of the key zone's verdict, by the report's cause. */
static void summary_of(const struct pf_report *r, struct pf_explain *ex)
{
	const struct pf_zone_verdict *v;
	const struct pf_zone *z;

	if (ex->cause == PF_CAUSE_UNKNOWN && ex->key_zone < 0) {
		ex->summary = r->nr_zones ? PF_SUMMARY_UNCHECKED
					  : PF_SUMMARY_NO_MEMINFO;
		return;
	}
	if (ex->cause == PF_CAUSE_NOT_ALLOWED || ex->key_zone < 0) {
		ex->summary = PF_SUMMARY_NOT_ALLOWED;
		return;
	}
	v = &ex->zones[ex->key_zone];
	z = &r->zones[ex->key_zone];
	if (ex->disagrees) {
		ex->summary = PF_SUMMARY_DISAGREES;
		return;
	}
	switch (ex->cause) {
	case PF_CAUSE_FRAGMENTATION:
		fragmentation_of(r, ex);
		break;
	case PF_CAUSE_BELOW_MIN:
		ex->summary = PF_SUMMARY_BELOW_MIN;
		if (ex->alloc_flags & PF_ALLOC_NO_WATERMARKS)
			ex->relief = PF_RELIEF_EMPTY;
		else if (!ex->caps.can_sleep && r->gfp_layout)
			ex->relief = PF_RELIEF_RESERVE_GONE;
		else
			ex->relief = PF_RELIEF_NOT_RELIEVED;
		break;
	case PF_CAUSE_LOWMEM_RESERVE:
		ex->summary = PF_SUMMARY_LOWMEM_RESERVE;
		break;
	case PF_CAUSE_HIGHATOMIC:
		if (v->check.highatomic < 0) {
			ex->summary = PF_SUMMARY_HIGHATOMIC_HIDDEN;
			ex->highatomic_max = highatomic_cap(z);
		} else if (v->check.highatomic > 0 &&
			   v->check.highatomic < z->free) {
			ex->summary = PF_SUMMARY_HIGHATOMIC_PART;
		} else {
			ex->summary = PF_SUMMARY_HIGHATOMIC_ALL;
		}
		break;
	default:
		ex->summary = PF_SUMMARY_UNKNOWN;
		break;
	}
}

/*
 * 4.4 to 5.14 keep up to 1% of a zone (plus a pageblock) as highatomic
 * reserve, which callers that are not __GFP_ATOMIC may not count, and do
 * not print it.  Where every zone that passes would fail with that much
 * held back (highatomic_cap()), the reserve is the explanation.
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
		 * within the per-CPU counter drift (disagreement_of()), the
		 * drift is the plainer explanation
		 */
		if (z->reserved_highatomic >= 0 || pages <= 0 ||
		    ex->zones[i].check.margin <= PCP_DRIFT ||
		    ex->zones[i].check.margin >= highatomic_cap(z))
			return;
	}
	for (int i = 0; i < r->nr_zones; i++) {
		struct pf_zone_verdict *v = &ex->zones[i];

		if (!v->check.passes)
			continue;
		v->check.passes = false;
		v->check.cause = PF_CAUSE_HIGHATOMIC;
		v->check.highatomic = -1; /* not printed: inferred */
		ex->nr_passing--;
	}
}

/* Zone z of r put through the era's check at the failed order, in v. */
static void judge_zone(const struct pf_report *r, const struct pf_zone *z,
		       const struct pf_gfp_caps *caps, struct pf_explain *ex,
		       struct pf_zone_verdict *v)
{
	struct pf_zone held;
	long floor;

	v->zone_idx = pf_zone_enum_index(r->zones, r->nr_zones, z->type);
	v->why_not = zone_not_allowed(r, z, caps, ex->alloc_flags);
	v->allowed = v->why_not == PF_WHY_ALLOWED;
	v->largest_free_order =
		z->nr_orders ? pf_largest_free_order(z->nr_free, z->nr_orders)
			     : -1;
	v->unusable_index = -1;
	v->extfrag_index = 0;
	if (z->nr_orders) {
		v->unusable_index =
			pf_unusable_index(z->nr_free, z->nr_orders, r->order);
		v->extfrag_index =
			pf_extfrag_index(z->nr_free, z->nr_orders, r->order);
	}
	if (!v->allowed) {
		v->check.cause = PF_CAUSE_NOT_ALLOWED;
		v->check.failed_order = -1;
		return;
	}
	ex->nr_allowed++;
	if (z->free < 0 || z->min < 0) {
		v->check.cause = PF_CAUSE_UNKNOWN;
		v->check.failed_order = -1;
		return;
	}
	/*
	 * A reserve the report did not print, but its 'H' blocks prove: the
	 * check counts the least it can be.
	 */
	floor = pf_zone_highatomic_floor(z, ex->era);
	if (floor > 0) {
		held = *z;
		held.reserved_highatomic = floor;
		z = &held;
		v->highatomic_floor = true;
	}
	/* the slow path's last try: ALLOC_WMARK_MIN with these flags */
	v->evaluated = true;
	pf_zone_watermark_ok(z, r->order, z->min, ex->classzone,
			     ex->alloc_flags, ex->era, &v->check);
	if (v->check.passes)
		ex->nr_passing++;
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
	/*
	 * The era simulate --from-report and advise --verify replay on:
	 * without a release, the oldest the format allows (its check is
	 * the layout's, unless the format narrows it further).
	 */
	pf_report_era(r, &ex->choice);
	ex->era =
		pf_wm_era_of(ex->choice.from == PF_ERA_FORMAT ? &ex->choice.kver
							      : &r->kernel,
			     r->gfp_layout);
	ex->caller = caller_flags(r);
	ex->alloc_flags =
		r->gfp_layout ? pf_alloc_flags(r->gfp_mask, r->gfp_layout,
					       ex->era, r->order, ex->caller)
			      : 0;
	ex->caps = caps;
	ex->highest_zone = caps.highest_zone;
	ex->classzone =
		pf_zone_classzone(r->zones, r->nr_zones, caps.highest_zone);
	ex->nr_zones = r->nr_zones;

	for (int i = 0; i < r->nr_zones; i++)
		judge_zone(r, &r->zones[i], &caps, ex, &ex->zones[i]);
	zonelist_of(r, ex);

	if (ex->nr_passing)
		hidden_highatomic(r, ex);
	if (ex->nr_passing) {
		ex->disagrees = true;
		ex->cause = PF_CAUSE_OK;
		ex->key_zone = key_zone(r, ex, true);
		ex->disagreement = disagreement_of(r, ex);
	} else if (r->nr_zones && !ex->nr_allowed) {
		ex->cause = PF_CAUSE_NOT_ALLOWED;
	} else {
		ex->key_zone = key_zone(r, ex, false);
		if (ex->key_zone >= 0)
			ex->cause = ex->zones[ex->key_zone].check.cause;
	}

	pf_rules_match(rules ? rules : pf_rules_builtin(), r, ex->cause,
		       &ex->match);
	summary_of(r, ex);
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
