// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * words_explain.c - explain's prose: what was asked, the zonelist, why a
 * zone is not in it, each zone's verdict, why the kernel and the emulated
 * check disagree, and the one sentence that sums a report up.  The
 * library's explanation (lib/analysis/explain.c) gives the reason codes
 * (enum pf_why_not, pf_disagreement, pf_summary, pf_relief) and the
 * numbers; this file says them, into a growable buffer.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "words.h"

/* a zone's verdict: why the check failed there, with its numbers */
void cli_verdict_words(const struct pf_report *r,
		       const struct pf_zone_verdict *v, char *buf, size_t len)
{
	const struct pf_wm_check *c = &v->check;

	if (!v->allowed) {
		snprintf(buf, len, "not allowed: %s",
			 cli_why_not_words(v->why_not));
		return;
	}
	if (!v->evaluated) {
		snprintf(buf, len, "not checked: watermarks not printed");
		return;
	}
	switch (c->cause) {
	case PF_CAUSE_OK:
		snprintf(buf, len, "passes (by %ld pages)", c->margin);
		break;
	case PF_CAUSE_BELOW_MIN:
		snprintf(buf, len, "below min (short by %ld pages)",
			 -c->margin);
		break;
	case PF_CAUSE_FRAGMENTATION:
		if (c->failed_order > 0 && c->order_min >= 0 &&
		    c->order_free >= 0 && (c->order_free || c->order_min))
			snprintf(buf, len,
				 "fragmentation (%ld pages free in "
				 "blocks of order >= %d; the check needs more "
				 "than %ld)",
				 c->order_free, c->failed_order, c->order_min);
		else
			snprintf(buf, len,
				 "fragmentation (no free block of "
				 "order >= %d)",
				 r->order);
		break;
	case PF_CAUSE_LOWMEM_RESERVE:
		snprintf(buf, len, "lowmem_reserve (%ld pages kept back)",
			 c->reserve);
		break;
	case PF_CAUSE_HIGHATOMIC:
		snprintf(buf, len,
			 "highatomic reserve (%s%ld pages kept back%s)",
			 v->highatomic_floor ? "at least " : "", c->highatomic,
			 v->highatomic_floor
				 ? ": its H blocks show one pageblock"
				 : "");
		break;
	default:
		snprintf(buf, len, "unknown (no buddy line)");
		break;
	}
}

/* pages of page_kb KiB in words, none when negative */
static void kb_words(long pages, unsigned int page_kb, char *buf, size_t len)
{
	cli_format_size((unsigned long long)(pages < 0 ? 0 : pages) * page_kb *
				1024,
			buf, len);
}

const char *cli_why_not_words(int why_not)
{
	static const char *const words[] = {
		[PF_WHY_ALLOWED] = NULL,
		[PF_WHY_EMPTY] = "empty: not in any zonelist",
		[PF_WHY_DMA] = "__GFP_DMA: only ZONE_DMA",
		[PF_WHY_DMA32] = "__GFP_DMA32: only ZONE_DMA32 and below",
		[PF_WHY_HIGHMEM] = "above ZONE_NORMAL: no __GFP_HIGHMEM",
		[PF_WHY_ABOVE] = "above the zone the gfp mask allows",
		[PF_WHY_NODEMASK] = "its node is not in the nodemask",
		[PF_WHY_CPUSET] =
			"its node is not in the task's cpuset (mems_allowed)",
	};

	if (why_not < 0 || (size_t)why_not >= ARRAY_SIZE(words))
		return NULL;
	return words[why_not];
}

void cli_zonelist_words(const struct pf_report *r, const struct pf_explain *ex,
			struct cli_buf *b)
{
	size_t start = b->n;

	for (int k = 0; k < ex->nr_zonelist; k++) {
		const struct pf_zone *z = &r->zones[ex->zonelist[k]];
		const char *sep = b->n > start ? " > " : "";

		if (ex->zonelist_nodes > 1)
			cli_buf_add(b, "%snode %d %s", sep, z->node, z->name);
		else
			cli_buf_add(b, "%s%s", sep, z->name);
	}
}

/* How far below the min watermark the request could go, in words. */
static const char *reserve_words(const struct pf_explain *ex)
{
	unsigned int f = ex->alloc_flags;

	if (f & PF_ALLOC_NO_WATERMARKS)
		return "; ignores the watermarks (PF_MEMALLOC or "
		       "__GFP_MEMALLOC)";
	if ((f & PF_ALLOC_HIGH) && (f & PF_ALLOC_HARDER))
		return "; may go below min, down to 3/8 of it (ALLOC_HIGH and "
		       "ALLOC_HARDER)";
	if (f & PF_ALLOC_HIGH)
		return "; may go below min, down to half of it (ALLOC_HIGH)";
	if ((f & PF_ALLOC_HARDER) && ex->era == PF_WM_6_3)
		return "; stops at min but may use the highatomic reserve "
		       "(ALLOC_NON_BLOCK)";
	if (f & PF_ALLOC_HARDER)
		return "; may go below min, down to 3/4 of it (ALLOC_HARDER)";
	return "; stops at the min watermark";
}

void cli_asked_words(const struct pf_report *r, const struct pf_explain *ex,
		     struct cli_buf *b)
{
	const struct pf_gfp_caps *caps = &ex->caps;
	char size[32];

	cli_format_size(pf_report_bytes(r), size, sizeof(size));
	cli_buf_add(b, "order %d: %s, %lu contiguous page%s", r->order, size,
		    1UL << (r->order < 0 ? 0 : r->order), r->order ? "s" : "");
	if (!r->gfp_layout) {
		cli_buf_add(b, "; the gfp mask could not be decoded");
		return;
	}
	if (caps->can_sleep)
		cli_buf_add(b, "; may sleep, reclaim%s",
			    caps->io || caps->fs
				    ? " and compact"
				    : " (no I/O or FS: little compaction)");
	else
		cli_buf_add(b, "; cannot sleep, reclaim or compact");
	cli_buf_add(b, "%s", reserve_words(ex));
	if (caps->wakes_kswapd)
		cli_buf_add(b, "; wakes kswapd");
	if (caps->noretry)
		cli_buf_add(b, "; gives up early (__GFP_NORETRY)");
	if (caps->nowarn)
		cli_buf_add(b, "; __GFP_NOWARN");
	cli_buf_add(b, "; zones: ");
	if (ex->nr_zonelist)
		cli_zonelist_words(r, ex, b);
	else
		cli_buf_add(b, "none printed");
}

void cli_disagreement_words(const struct pf_report *r,
			    const struct pf_explain *ex, struct cli_buf *b)
{
	const struct pf_zone_verdict *v;
	const struct pf_zone *z;
	char margin[32];

	if (!ex->disagrees || ex->key_zone < 0)
		return;
	v = &ex->zones[ex->key_zone];
	z = &r->zones[ex->key_zone];
	kb_words(v->check.margin, z->page_kb, margin, sizeof(margin));
	cli_buf_add(b, "%s passes the emulated check by %ld pages (%s)",
		    z->name, v->check.margin, margin);
	switch (ex->disagreement) {
	case PF_DISAGREE_VMALLOC:
		cli_buf_add(b,
			    ": the warning came from vmalloc (\"%s\"), "
			    "which fails without a page allocator failure when "
			    "the size is impossible or its own bookkeeping "
			    "cannot be allocated",
			    r->caller_msg);
		break;
	case PF_DISAGREE_INJECTED:
		cli_buf_add(b, ": fault injection (should_fail) forced this "
			       "failure; the zones did not cause it");
		break;
	case PF_DISAGREE_DRIFT:
		cli_buf_add(b,
			    ": within the error of the per-CPU free page "
			    "counters (up to 125 pages per CPU), and the dump "
			    "was taken after the failure; the zone was at its "
			    "limit");
		break;
	default:
		cli_buf_add(b,
			    ": the Mem-Info dump was taken after the "
			    "failure, so memory freed in between, or drained "
			    "from the per-CPU lists, shows as free; a cpuset "
			    "or __GFP_THISNODE limit the report does not print "
			    "would also explain it");
		break;
	}
}

/* What every sentence of the summary is made of. */
struct summary {
	struct cli_buf *b;
	const struct pf_report *r;
	const struct pf_explain *ex;
	const struct pf_zone_verdict *v; /* the key zone's verdict */
	const struct pf_zone *z;	 /* ... and the zone */
	char size[32];			 /* the request's size */
	char free_w[32];		 /* the key zone's free memory */
	const char *kind;		 /* "atomic ", "non-blocking ", "" */
};

/* No zone could be checked: the report has no Mem-Info, or lacks numbers. */
static void unchecked_words(struct summary *s)
{
	const struct pf_rule_match *m = &s->ex->match;

	if (s->ex->summary == PF_SUMMARY_NO_MEMINFO)
		cli_buf_add(s->b,
			    "The report has no Mem-Info, so the zones' "
			    "state at the failure is not known: the %s "
			    "%srequest failed",
			    s->size, s->kind);
	else
		cli_buf_add(s->b,
			    "No zone could be checked (watermarks or "
			    "free counts missing): the %s %srequest failed",
			    s->size, s->kind);
	if (m->rule) {
		cli_buf_add(s->b, "; it matches the known cause \"%s\"",
			    m->rule->title);
		if (m->status == PF_RULE_FIXED)
			cli_buf_add(s->b,
				    ", whose fix this kernel already "
				    "has (since %s): what is left is a burst "
				    "that outran the reserves",
				    m->rule->fixed.str);
	}
	cli_buf_add(s->b, ".");
}

/* No printed zone was one the request may use: say why of the first. */
static void not_allowed_words(struct summary *s)
{
	const struct pf_report *r = s->r;

	cli_buf_add(s->b, "No zone the %s %srequest may use was printed",
		    s->size, s->kind);
	for (int i = 0; i < r->nr_zones; i++)
		if (s->ex->zones[i].why_not != PF_WHY_ALLOWED) {
			cli_buf_add(s->b, " (%s %s)", r->zones[i].name,
				    cli_why_not_words(s->ex->zones[i].why_not));
			break;
		}
	cli_buf_add(s->b, ".");
}

/* The pre-4.4 loop: blocks as large exist, too little above the mark. */
static void frag_loop_words(struct summary *s)
{
	const struct pf_wm_check *c = &s->v->check;
	unsigned int page_kb = s->z->page_kb;
	char x[32], y[32], f[32];

	cli_format_size((unsigned long long)page_kb * 1024 << c->failed_order,
			x, sizeof(x));
	kb_words(c->order_min, page_kb, y, sizeof(y));
	if (c->order_free > 0) {
		kb_words(c->order_free, page_kb, f, sizeof(f));
		cli_buf_add(s->b,
			    ", but only about %s of it in blocks of %s "
			    "or more, where this kernel's watermark check "
			    "wants more than %s",
			    f, x, y);
	} else {
		cli_buf_add(s->b,
			    ", almost none of it in blocks of %s or "
			    "more, where this kernel's watermark check wants "
			    "more than %s",
			    x, y);
	}
}

/*
 * PF_CAUSE_FRAGMENTATION: where the free memory was, in blocks too small,
 * and why reclaim and compaction did not make a large enough one.
 */
static void fragmentation_words(struct summary *s)
{
	const struct pf_zone *z = s->z;
	char x[32];

	cli_buf_add(s->b, "%s had %s free", z->name, s->free_w);
	switch (s->ex->summary) {
	case PF_SUMMARY_FRAG_LOOP:
		frag_loop_words(s);
		break;
	case PF_SUMMARY_FRAG_PAGES:
		cli_buf_add(s->b, ", all in %u KiB pieces", z->page_kb);
		break;
	case PF_SUMMARY_FRAG_SMALLER:
		cli_format_size((unsigned long long)z->page_kb * 1024
					<< s->v->largest_free_order,
				x, sizeof(x));
		cli_buf_add(s->b, ", none of it in a block larger than %s", x);
		break;
	case PF_SUMMARY_FRAG_NO_LIST:
		cli_buf_add(s->b, ", none of it on a free list it may use");
		break;
	default:
		break;
	}
	if (s->ex->relief == PF_RELIEF_NO_COMPACTION)
		cli_buf_add(s->b,
			    "; the %s %srequest could not be met without "
			    "compaction, which a request that cannot sleep "
			    "cannot do",
			    s->size, s->kind);
	else if (s->ex->relief == PF_RELIEF_COSTLY)
		cli_buf_add(s->b,
			    "; the %s request is a costly order, and "
			    "reclaim and compaction did not assemble a free "
			    "block that large%s",
			    s->size,
			    s->ex->caps.noretry
				    ? " before it gave up (__GFP_NORETRY)"
				    : "");
	else
		cli_buf_add(s->b,
			    "; reclaim and compaction did not produce a "
			    "free %s block for the request",
			    s->size);
}

/* PF_CAUSE_BELOW_MIN: a real shortage, and who could have relieved it. */
static void below_min_words(struct summary *s)
{
	const struct pf_wm_check *c = &s->v->check;
	const struct pf_zone *z = s->z;
	char x[32], y[32];

	kb_words(c->min + c->reserve, z->page_kb, x, sizeof(x));
	cli_buf_add(s->b,
		    "%s had %s free, under the %s this request had to "
		    "leave",
		    z->name, s->free_w, x);
	if (c->cma > 0) {
		kb_words(c->cma, z->page_kb, y, sizeof(y));
		cli_buf_add(s->b,
			    " (%s of the free memory is CMA, which it "
			    "may not use)",
			    y);
	}
	if (s->ex->relief == PF_RELIEF_EMPTY)
		cli_buf_add(s->b, ": the zone was empty even for a caller that "
				  "ignores the watermarks");
	else if (s->ex->relief == PF_RELIEF_RESERVE_GONE)
		cli_buf_add(s->b,
			    ": a real shortage; even the reserve below "
			    "min that a request which cannot sleep may use was "
			    "gone, and kswapd had not caught up");
	else
		cli_buf_add(s->b, ": a real shortage, which reclaim did not "
				  "relieve");
	if (s->ex->nr_allowed > 1)
		cli_buf_add(s->b, "; no other allowed zone could serve it "
				  "either");
}

/*
 * PF_CAUSE_HIGHATOMIC: the free memory was the highatomic reserve's,
 * printed (5.15+) or inferred (not printed, before 5.15).
 */
static void highatomic_words(struct summary *s)
{
	const struct pf_wm_check *c = &s->v->check;
	const struct pf_zone *z = s->z;
	char x[32];

	switch (s->ex->summary) {
	case PF_SUMMARY_HIGHATOMIC_HIDDEN:
		kb_words(s->ex->highatomic_max, z->page_kb, x, sizeof(x));
		cli_buf_add(s->b,
			    "%s had %s free, no more than the highatomic "
			    "reserve may hold (up to %s here; kernels before "
			    "5.15 do not print it), and this %s %srequest may "
			    "not use that reserve: nothing else explains the "
			    "failure",
			    z->name, s->free_w, x, s->size, s->kind);
		return;
	case PF_SUMMARY_HIGHATOMIC_PART:
		kb_words(c->highatomic, z->page_kb, x, sizeof(x));
		if (s->v->highatomic_floor)
			cli_buf_add(
				s->b,
				"%s had %s free, but at least %s of it is "
				"the highatomic reserve (a whole pageblock: "
				"its free lists hold highatomic blocks, H, "
				"and this kernel did not print the "
				"reserve's size)",
				z->name, s->free_w, x);
		else
			cli_buf_add(s->b,
				    "%s had %s free, but %s of it is the "
				    "highatomic reserve",
				    z->name, s->free_w, x);
		break;
	default:
		cli_buf_add(s->b,
			    "%s had %s free, but all of it sits in "
			    "highatomic pageblocks",
			    z->name, s->free_w);
		if (z->reserved_highatomic > 0) {
			kb_words(z->reserved_highatomic, z->page_kb, x,
				 sizeof(x));
			cli_buf_add(s->b, " (%s reserved)", x);
		}
		break;
	}
	cli_buf_add(s->b,
		    ", kept for high-order atomic requests, which this "
		    "%s %srequest may not use",
		    s->size, s->kind);
}

/* A sentence on the key zone, by the report's cause. */
static void cause_words(struct summary *s)
{
	char x[32];

	switch (s->ex->summary) {
	case PF_SUMMARY_FRAG_LOOP:
	case PF_SUMMARY_FRAG_PAGES:
	case PF_SUMMARY_FRAG_SMALLER:
	case PF_SUMMARY_FRAG_NO_LIST:
	case PF_SUMMARY_FRAG:
		fragmentation_words(s);
		break;
	case PF_SUMMARY_BELOW_MIN:
		below_min_words(s);
		break;
	case PF_SUMMARY_LOWMEM_RESERVE:
		kb_words(s->v->check.reserve, s->z->page_kb, x, sizeof(x));
		cli_buf_add(s->b,
			    "%s had %s free, above its min watermark, "
			    "but keeps %s (lowmem_reserve) for requests that "
			    "cannot use a higher zone, and the higher zones "
			    "could not serve the %s %srequest",
			    s->z->name, s->free_w, x, s->size, s->kind);
		break;
	case PF_SUMMARY_HIGHATOMIC_HIDDEN:
	case PF_SUMMARY_HIGHATOMIC_PART:
	case PF_SUMMARY_HIGHATOMIC_ALL:
		highatomic_words(s);
		break;
	default:
		cli_buf_add(s->b,
			    "%s had %s free; the %s %srequest could not "
			    "be checked further (no buddy line)",
			    s->z->name, s->free_w, s->size, s->kind);
		break;
	}
	cli_buf_add(s->b, ".");
}

void cli_summary_words(const struct pf_report *r, const struct pf_explain *ex,
		       struct cli_buf *b)
{
	struct summary s = {
		.b = b,
		.r = r,
		.ex = ex,
		.kind = ex->caps.atomic			       ? "atomic "
			: r->gfp_layout && !ex->caps.can_sleep ? "non-blocking "
							       : "",
	};

	cli_format_size(pf_report_bytes(r), s.size, sizeof(s.size));
	switch (ex->summary) {
	case PF_SUMMARY_NO_MEMINFO:
	case PF_SUMMARY_UNCHECKED:
		unchecked_words(&s);
		return;
	case PF_SUMMARY_NOT_ALLOWED:
		not_allowed_words(&s);
		return;
	default:
		break;
	}
	s.v = &ex->zones[ex->key_zone];
	s.z = &r->zones[ex->key_zone];
	kb_words(s.z->free, s.z->page_kb, s.free_w, sizeof(s.free_w));
	if (ex->summary == PF_SUMMARY_DISAGREES) {
		cli_buf_add(b, "The kernel failed the %s %srequest, but ",
			    s.size, s.kind);
		cli_disagreement_words(r, ex, b);
		cli_buf_add(b, ".");
		return;
	}
	cause_words(&s);
}

void cli_explain_words(const struct pf_report *r, const struct pf_explain *ex,
		       struct cli_explanation *w)
{
	memset(w, 0, sizeof(*w));
	cli_asked_words(r, ex, &w->asked);
	cli_zonelist_words(r, ex, &w->zonelist);
	cli_disagreement_words(r, ex, &w->disagreement);
	cli_summary_words(r, ex, &w->summary);
}

void cli_explanation_release(struct cli_explanation *w)
{
	cli_buf_release(&w->asked);
	cli_buf_release(&w->zonelist);
	cli_buf_release(&w->disagreement);
	cli_buf_release(&w->summary);
}
