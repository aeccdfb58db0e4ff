// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rules_match.c - which known cause fits a report: every condition of a
 * rule (rules.h) held against the report and its verdict, the rule with
 * the most conditions held winning, the first in the file on a tie.
 */
#include <string.h>

#include "libpagefail.h"
#include "analysis/rules.h"
#include "util/util.h"

/* What the rules look at in one report, worked out once. */
struct match_ctx {
	const struct pf_report *r;
	int cause;
	bool kernel_known;
	bool gfp_known;
	struct pf_gfp_caps caps;
	size_t nr_flags;
	const char *flags[sizeof(unsigned long) * 8];
	char spare[512];
};

static bool kernel_holds(const struct rule *ru, const struct match_ctx *mc)
{
	const struct pf_kver *k = &mc->r->kernel;
	size_t i;

	if (!mc->kernel_known)
		return false;
	for (i = 0; i < ru->nr_kernels; i++) {
		const struct kver_range *kr = &ru->kernels[i];
		bool ok;

		if (kr->has_from &&
		    (pf_rule_bound_cmp(k, &kr->from, &ok) < 0 || !ok))
			continue;
		if (kr->has_to &&
		    (pf_rule_bound_cmp(k, &kr->to, &ok) >= 0 || !ok))
			continue;
		return true;
	}
	return false;
}

static bool order_holds(const struct rule *ru, const struct match_ctx *mc)
{
	int order = mc->r->order;
	size_t i;

	if (order < 0)
		return false;
	for (i = 0; i < ru->nr_orders; i++)
		if (order >= ru->orders[i].lo && order <= ru->orders[i].hi)
			return true;
	return false;
}

static bool gfp_word_holds(const struct gfp_word *gw,
			   const struct match_ctx *mc)
{
	size_t i;

	switch (gw->kind) {
	case GW_ATOMIC:
		return mc->caps.atomic;
	case GW_NOSLEEP:
		return !mc->caps.can_sleep;
	case GW_SLEEP:
		return mc->caps.can_sleep;
	case GW_COSTLY:
		return mc->r->order > COSTLY_ORDER;
	default:
		for (i = 0; i < mc->nr_flags; i++)
			if (!strcmp(mc->flags[i], gw->flag))
				return true;
		return false;
	}
}

static bool gfp_holds(const struct rule *ru, const struct match_ctx *mc)
{
	size_t i;

	if (!mc->gfp_known)
		return false;
	for (i = 0; i < ru->nr_gfp; i++)
		if (gfp_word_holds(&ru->gfp[i], mc) == ru->gfp[i].neg)
			return false;
	return true;
}

static bool context_holds(const struct rule *ru, const struct match_ctx *mc)
{
	const struct pf_context *c = &mc->r->context;
	size_t i;

	if (c->kind <= PF_CTX_UNKNOWN || c->kind >= PF_CTX_NR)
		return false;
	if (ru->ctx_kinds & (1u << c->kind))
		return true;
	if (c->kind != PF_CTX_SOFTIRQ || !c->softirq)
		return false;
	for (i = 0; i < NR_SOFTIRQ_NAMES; i++)
		if ((ru->ctx_softirqs & (1u << i)) &&
		    !strcmp(c->softirq, pf_rule_softirq_names[i]))
			return true;
	return false;
}

/* name, or a prefix ending in '*', against s (NUL-terminated within max) */
static bool name_matches(const char *name, const char *s, size_t max)
{
	size_t n = strlen(name), len = strnlen(s, max);

	if (n && name[n - 1] == '*')
		return len >= n - 1 && !memcmp(s, name, n - 1);
	return len == n && !memcmp(s, name, n);
}

static bool trace_holds(const struct names *ns, const struct match_ctx *mc)
{
	const struct pf_report *r = mc->r;
	int nr = r->nr_frames < PF_TRACE_MAX ? r->nr_frames : PF_TRACE_MAX;
	int f;
	size_t i;

	for (f = 0; f < nr; f++) {
		const struct pf_frame *fr = &r->frames[f];

		if (fr->kind != PF_FRAME_FUNC)
			continue;
		for (i = 0; i < ns->nr; i++)
			if (name_matches(ns->v[i], fr->func, sizeof(fr->func)))
				return true;
	}
	return false;
}

static bool task_holds(const struct rule *ru, const struct match_ctx *mc)
{
	const struct pf_report *r = mc->r;
	size_t i;

	if (!r->task[0])
		return false;
	for (i = 0; i < ru->tasks.nr; i++)
		if (name_matches(ru->tasks.v[i], r->task, sizeof(r->task)))
			return true;
	return false;
}

/*
 * Does ru match?  *score gets the number of conditions that held: one for
 * each condition given, one for each "function" line.  The tests only read
 * ru and mc: the order they run in changes nothing.
 */
static bool rule_holds(const struct rule *ru, const struct match_ctx *mc,
		       int *score)
{
	static const struct {
		unsigned int cond;
		bool (*holds)(const struct rule *, const struct match_ctx *);
	} conds[] = {
		{ COND_KERNEL, kernel_holds }, { COND_ORDER, order_holds },
		{ COND_GFP, gfp_holds },       { COND_CONTEXT, context_holds },
		{ COND_TASK, task_holds },
	};
	size_t i;

	*score = 0;
	for (i = 0; i < ARRAY_SIZE(conds); i++) {
		if (!(ru->given & conds[i].cond))
			continue;
		if (!conds[i].holds(ru, mc))
			return false;
		(*score)++;
	}
	for (i = 0; i < ru->nr_traces; i++) {
		if (!trace_holds(&ru->traces[i], mc))
			return false;
		(*score)++;
	}
	/* not checked (nor counted) without a verdict */
	if ((ru->given & COND_CAUSE) && mc->cause >= PF_CAUSE_OK &&
	    mc->cause < PF_CAUSE_UNKNOWN) {
		if (!(ru->causes & (1u << mc->cause)))
			return false;
		(*score)++;
	}
	return true;
}

static int rule_status(const struct rule *ru, const struct match_ctx *mc)
{
	if (ru->pub.has_fixed && mc->kernel_known) {
		bool ok;
		int c = pf_rule_bound_cmp(&mc->r->kernel, &ru->pub.fixed, &ok);

		if (ok && c >= 0)
			return PF_RULE_FIXED;
	}
	if (!(ru->given & COND_KERNEL))
		return PF_RULE_ANY_KERNEL;
	return PF_RULE_AFFECTED;
}

bool pf_rules_match(const struct pf_rules *rs, const struct pf_report *r,
		    int cause, struct pf_rule_match *m)
{
	struct match_ctx mc = { .r = r, .cause = cause };
	const struct rule *best = NULL;
	int best_score = -1;
	struct pf_rule_match dummy;
	size_t i;

	if (!m)
		m = &dummy;
	memset(m, 0, sizeof(*m));
	if (!rs || !r)
		return false;
	mc.kernel_known = pf_kver_known(&r->kernel);
	if (r->mode[0] && r->gfp_layout > PF_GFP_UNKNOWN &&
	    r->gfp_layout < PF_GFP_NR_LAYOUTS &&
	    !pf_gfp_caps(r->gfp_mask, (enum pf_gfp_layout)r->gfp_layout,
			 &mc.caps)) {
		mc.gfp_known = true;
		mc.nr_flags = pf_gfp_flags(r->gfp_mask,
					   (enum pf_gfp_layout)r->gfp_layout,
					   mc.flags, ARRAY_SIZE(mc.flags),
					   mc.spare, sizeof(mc.spare));
	}

	for (i = 0; i < rs->nr; i++) {
		int score;

		if (rule_holds(rs->v[i], &mc, &score) && score > best_score) {
			best = rs->v[i];
			best_score = score;
		}
	}
	if (!best)
		return false;
	m->rule = &best->pub;
	m->score = best_score;
	m->status = rule_status(best, &mc);
	return true;
}

const char *pf_rule_status_name(int status)
{
	switch (status) {
	case PF_RULE_AFFECTED:
		return "affected";
	case PF_RULE_FIXED:
		return "fixed";
	case PF_RULE_ANY_KERNEL:
		return "any kernel";
	default:
		return "unknown";
	}
}
