/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rules.h - a parsed known-cause rule, private to lib/: rules.c parses
 * the rules format into it, rules_match.c holds reports against it.
 */
#ifndef PF_RULES_H
#define PF_RULES_H

#include "libpagefail.h"

/* The conditions, as bits of rule.given */
enum {
	COND_KERNEL = 0x01,
	COND_ORDER = 0x02,
	COND_GFP = 0x04,
	COND_CONTEXT = 0x08,
	COND_TRACE = 0x10,
	COND_TASK = 0x20,
	COND_CAUSE = 0x40,
};

/* PAGE_ALLOC_COSTLY_ORDER */
#define COSTLY_ORDER 3
#define ORDER_LIMIT  63
#define NAME_MAX_LEN 63 /* what pf_frame.func, pf_report.task hold */
#define QUOTE_MAX    40 /* bytes of the input quoted in a message */

enum gfp_word_kind {
	GW_ATOMIC,
	GW_NOSLEEP,
	GW_SLEEP,
	GW_COSTLY,
	GW_FLAG,
};

struct gfp_word {
	int kind; /* enum gfp_word_kind */
	bool neg;
	char flag[32]; /* GW_FLAG: "__GFP_COMP" */
};

/* softirq_to_name[] of kernel/softirq.c, lower case */
#define NR_SOFTIRQ_NAMES 10
extern const char *const pf_rule_softirq_names[NR_SOFTIRQ_NAMES];

struct kver_range {
	bool has_from, has_to;
	struct pf_kver from, to;
};

struct order_range {
	int lo, hi;
};

/* Names of which any may match; a trailing '*' is kept and means prefix. */
struct names {
	char **v;
	size_t nr, alloc;
};

struct strbuf {
	char *s;
	size_t len, cap;
};

struct rule {
	struct pf_rule pub;
	unsigned int given; /* COND_* */

	struct kver_range *kernels;
	size_t nr_kernels, alloc_kernels;
	struct order_range *orders;
	size_t nr_orders, alloc_orders;
	struct gfp_word *gfp;
	size_t nr_gfp, alloc_gfp;
	unsigned int ctx_kinds;	   /* 1 << enum pf_ctx_kind */
	unsigned int ctx_softirqs; /* 1 << index in softirq_names[] */
	struct names *traces;	   /* each must hold */
	size_t nr_traces, alloc_traces;
	struct names tasks;
	unsigned int causes; /* 1 << enum pf_cause */

	struct strbuf advice, fixed_advice, update;
	char *sources[PF_RULE_SOURCES_MAX];
};

struct pf_rules {
	struct rule **v;
	size_t nr, alloc;
};

/*
 * Compare kernel k with bound b by the family rule: a bound with a RHEL
 * release only compares with kernels of that RHEL major (*ok false
 * otherwise), by RHEL ordering; one without compares the upstream version.
 */
int pf_rule_bound_cmp(const struct pf_kver *k, const struct pf_kver *b,
		      bool *ok);

#endif /* PF_RULES_H */
