// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rules.c - known causes of page allocation failures: the parser of the
 * rules format (data/README.md) and the copy of data/causes.rules built
 * into the library.  rules_match.c matches reports against them.
 *
 * A rule is a struct pf_rule (what callers see) inside a private struct
 * rule that holds its conditions.  Every condition given must hold; the
 * score of a match is the number of conditions that held.  A condition is
 * one key: kernel, order, gfp, context, task, cause (each once, however
 * many lines give it) and every trace line on its own, since several trace
 * lines must all hold.  cause is not counted when the report has no
 * verdict, because it is then not checked.
 *
 * The parser takes any bytes: NUL bytes and lines of any length are
 * errors of their stanza, CR LF line ends and a missing last newline are
 * fine.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libpagefail.h"
#include "analysis/rules.h"
#include "util/util.h"

/* data/causes.rules, written into the build directory by cmake/embed.cmake */
extern const char pf_rules_text[];
extern const size_t pf_rules_text_len;

static const char *const gfp_words[] = {
	[GW_ATOMIC] = "atomic",
	[GW_NOSLEEP] = "nosleep",
	[GW_SLEEP] = "sleep",
	[GW_COSTLY] = "costly",
};

/* softirq_to_name[] of kernel/softirq.c, lower case */
const char *const pf_rule_softirq_names[NR_SOFTIRQ_NAMES] = {
	"hi",	    "timer",   "net_tx", "net_rx",  "block",
	"irq_poll", "tasklet", "sched",	 "hrtimer", "rcu",
};

int pf_rule_bound_cmp(const struct pf_kver *k, const struct pf_kver *b,
		      bool *ok)
{
	struct pf_kver up;

	*ok = true;
	if (b->rhel) {
		if (k->rhel != b->rhel) {
			*ok = false;
			return 0;
		}
		return pf_kver_cmp(k, b);
	}
	up = *k;
	up.nr_rel = 0;
	return pf_kver_cmp(&up, b);
}

/* An id seen in the file, kept or not, for the duplicate check */
struct id_slot {
	char id[64]; /* "" when the slot is free */
	unsigned long line;
};

struct parser {
	struct pf_ini ini; /* the text, its line, its errors */
	struct pf_rules *rs;
	struct rule *cur; /* the stanza being read, or NULL */
	bool bad;	  /* cur is dropped at its end */

	struct id_slot *ids;
	size_t nr_ids, alloc_ids; /* alloc_ids is a power of two */

	/* every single-bit flag name of every gfp layout, built on first use */
	bool have_flag_names;
	size_t nr_flag_names;
	const char *flag_names[96];
};

/* ------------------------------------------------------------------ */
/* Memory                                                             */
/* ------------------------------------------------------------------ */

/* Room for one more of v[nr]: 0, or -ENOMEM with v intact. */
#define GROW(v, alloc, nr) PF_GROW(v, alloc, (nr) + 1, 4)

static char *memdup_str(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Append s[0..n) to b, with a space before it when b is not empty. */
static int strbuf_join(struct strbuf *b, const char *s, size_t n)
{
	size_t need = b->len + (b->len ? 1 : 0) + n + 1;

	if (PF_GROW(b->s, b->cap, need, 64))
		return -ENOMEM;
	if (b->len)
		b->s[b->len++] = ' ';
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

static void names_release(struct names *ns)
{
	size_t i;

	for (i = 0; i < ns->nr; i++)
		free(ns->v[i]);
	free(ns->v);
	memset(ns, 0, sizeof(*ns));
}

static void rule_free(struct rule *ru)
{
	size_t i;

	if (!ru)
		return;
	free(ru->kernels);
	free(ru->orders);
	free(ru->gfp);
	for (i = 0; i < ru->nr_traces; i++)
		names_release(&ru->traces[i]);
	free(ru->traces);
	names_release(&ru->tasks);
	free(ru->advice.s);
	free(ru->fixed_advice.s);
	free(ru->update.s);
	for (i = 0; i < PF_RULE_SOURCES_MAX; i++)
		free(ru->sources[i]);
	free(ru);
}

void pf_rules_free(struct pf_rules *rs)
{
	size_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->nr; i++)
		rule_free(rs->v[i]);
	free(rs->v);
	free(rs);
}

/* ------------------------------------------------------------------ */
/* Parsing helpers                                                    */
/* ------------------------------------------------------------------ */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The next word of [*p, end): words are separated by blanks and commas.
 * Returns false at the end.
 */
static bool next_word(const char **p, const char *end, const char **w,
		      size_t *n)
{
	const char *s = *p;

	while (s < end && (pf_ini_blank(*s) || *s == ','))
		s++;
	if (s == end) {
		*p = s;
		return false;
	}
	*w = s;
	while (s < end && !pf_ini_blank(*s) && *s != ',')
		s++;
	*n = (size_t)(s - *w);
	*p = s;
	return true;
}

static bool word_is(const char *w, size_t n, const char *lit)
{
	return strlen(lit) == n && !memcmp(w, lit, n);
}

/* Quote at most QUOTE_MAX bytes of s for a message, non-printables as '?'. */
static const char *quote(char *buf, size_t size, const char *s, size_t n)
{
	return pf_quote(buf, size, s, n, QUOTE_MAX);
}

/* An error on the current line: report it and drop the stanza. */
__attribute__((format(printf, 2, 3))) static void
stanza_err(struct parser *p, const char *fmt, ...)
{
	char what[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	pf_ini_err(&p->ini, p->ini.lineno, "%s", what);
	p->bad = true;
}

/* FNV-1a */
static size_t id_hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static struct id_slot *id_find(struct id_slot *ids, size_t alloc,
			       const char *id)
{
	size_t i = id_hash(id) & (alloc - 1);

	while (ids[i].id[0] && strcmp(ids[i].id, id))
		i = (i + 1) & (alloc - 1);
	return &ids[i];
}

/*
 * Record id (seen on line); *first gets the line it was first seen on
 * when it is a duplicate, else 0.  Returns 0 or -ENOMEM.
 */
static int id_add(struct parser *p, const char *id, unsigned long line,
		  unsigned long *first)
{
	struct id_slot *slot;

	if (2 * (p->nr_ids + 1) > p->alloc_ids) {
		size_t n = p->alloc_ids ? 2 * p->alloc_ids : 64, i;
		struct id_slot *ids = calloc(n, sizeof(*ids));

		if (!ids)
			return -ENOMEM;
		for (i = 0; i < p->alloc_ids; i++)
			if (p->ids[i].id[0])
				*id_find(ids, n, p->ids[i].id) = p->ids[i];
		free(p->ids);
		p->ids = ids;
		p->alloc_ids = n;
	}
	slot = id_find(p->ids, p->alloc_ids, id);
	*first = 0;
	if (slot->id[0]) {
		*first = slot->line;
		return 0;
	}
	pf_strlcpy(slot->id, sizeof(slot->id), id);
	slot->line = line;
	p->nr_ids++;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Values                                                             */
/* ------------------------------------------------------------------ */

/* A kernel version of [s, e), already trimmed.  Returns false when bad. */
static bool parse_kver(const char *s, const char *e, struct pf_kver *kv)
{
	char buf[sizeof(kv->str)];
	size_t n = (size_t)(e - s);

	if (!n || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return pf_kver_parse(buf, kv) == 0;
}

static int key_kernel(struct parser *p, struct rule *ru, const char *v,
		      const char *end)
{
	char q[64];

	for (;;) {
		const char *comma = memchr(v, ',', (size_t)(end - v));
		const char *pe = comma ? comma : end, *s = v, *e = pe, *dots;
		struct kver_range kr = { 0 };

		pf_ini_trim(&s, &e);
		dots = s;
		while (dots + 1 < e && !(dots[0] == '.' && dots[1] == '.'))
			dots++;
		if (dots + 1 >= e) {
			stanza_err(p, "kernel range '%s' is not FROM .. TO",
				   quote(q, sizeof(q), s, (size_t)(e - s)));
			return 0;
		}
		{
			const char *fs = s, *fe = dots, *ts = dots + 2, *te = e;

			pf_ini_trim(&fs, &fe);
			pf_ini_trim(&ts, &te);
			if (fs == fe && ts == te) {
				stanza_err(p,
					   "kernel range '..' names no kernel");
				return 0;
			}
			if (fs < fe && !parse_kver(fs, fe, &kr.from)) {
				stanza_err(p, "bad kernel version '%s'",
					   quote(q, sizeof(q), fs,
						 (size_t)(fe - fs)));
				return 0;
			}
			if (ts < te && !parse_kver(ts, te, &kr.to)) {
				stanza_err(p, "bad kernel version '%s'",
					   quote(q, sizeof(q), ts,
						 (size_t)(te - ts)));
				return 0;
			}
			kr.has_from = fs < fe;
			kr.has_to = ts < te;
		}
		if (kr.has_from && kr.has_to) {
			bool ok;
			int c = pf_rule_bound_cmp(&kr.from, &kr.to, &ok);

			if (kr.from.rhel && kr.to.rhel &&
			    kr.from.rhel != kr.to.rhel) {
				stanza_err(
					p,
					"kernel range '%s' spans RHEL releases",
					quote(q, sizeof(q), s,
					      (size_t)(e - s)));
				return 0;
			}
			if (ok && c >= 0) {
				stanza_err(p, "kernel range '%s' is empty",
					   quote(q, sizeof(q), s,
						 (size_t)(e - s)));
				return 0;
			}
		}
		if (GROW(ru->kernels, ru->alloc_kernels, ru->nr_kernels))
			return -ENOMEM;
		ru->kernels[ru->nr_kernels++] = kr;
		if (!comma)
			break;
		v = comma + 1;
	}
	ru->given |= COND_KERNEL;
	return 0;
}

static bool parse_order_num(const char **s, const char *e, int *v)
{
	int n = 0;

	if (*s == e || !is_digit(**s))
		return false;
	while (*s < e && is_digit(**s)) {
		n = n * 10 + (**s - '0');
		if (n > ORDER_LIMIT)
			return false;
		(*s)++;
	}
	*v = n;
	return true;
}

static int key_order(struct parser *p, struct rule *ru, const char *v,
		     const char *end)
{
	const char *s = v;
	struct order_range o = { 0, ORDER_LIMIT };
	bool lo, hi = false;
	char q[64];

	lo = parse_order_num(&s, end, &o.lo);
	while (s < end && pf_ini_blank(*s))
		s++;
	if (end - s >= 2 && s[0] == '.' && s[1] == '.') {
		s += 2;
		while (s < end && pf_ini_blank(*s))
			s++;
		if (s < end) {
			hi = parse_order_num(&s, end, &o.hi);
			if (!hi)
				goto bad;
		}
		if (!lo && !hi)
			goto bad;
	} else {
		if (!lo)
			goto bad;
		o.hi = o.lo;
	}
	if (s != end || o.lo > o.hi)
		goto bad;
	if (GROW(ru->orders, ru->alloc_orders, ru->nr_orders))
		return -ENOMEM;
	ru->orders[ru->nr_orders++] = o;
	ru->given |= COND_ORDER;
	return 0;
bad:
	stanza_err(p, "bad order '%s' (N, A..B, A.. or ..B, 0 to %d)",
		   quote(q, sizeof(q), v, (size_t)(end - v)), ORDER_LIMIT);
	return 0;
}

/* Every single-bit name any gfp layout prints. */
static void build_flag_names(struct parser *p)
{
	const char *names[2];
	char spare[64];
	int layout;
	unsigned int bit;

	p->have_flag_names = true;
	for (layout = 1; layout < PF_GFP_NR_LAYOUTS; layout++) {
		for (bit = 0; bit < sizeof(unsigned long) * 8; bit++) {
			size_t i;

			if (pf_gfp_flags(1UL << bit, (enum pf_gfp_layout)layout,
					 names, 1, spare, sizeof(spare)) != 1 ||
			    names[0] == spare)
				continue;
			for (i = 0; i < p->nr_flag_names; i++)
				if (!strcmp(p->flag_names[i], names[0]))
					break;
			if (i == p->nr_flag_names &&
			    i < ARRAY_SIZE(p->flag_names))
				p->flag_names[p->nr_flag_names++] = names[0];
		}
	}
}

static int key_gfp(struct parser *p, struct rule *ru, const char *v,
		   const char *end)
{
	const char *w;
	size_t n;
	char q[64];

	while (next_word(&v, end, &w, &n)) {
		struct gfp_word gw = { 0 };
		size_t i;

		if (*w == '!') {
			gw.neg = true;
			w++;
			n--;
		}
		gw.kind = -1;
		for (i = 0; i < ARRAY_SIZE(gfp_words); i++)
			if (word_is(w, n, gfp_words[i]))
				gw.kind = (int)i;
		if (gw.kind < 0) {
			if (!p->have_flag_names)
				build_flag_names(p);
			for (i = 0; i < p->nr_flag_names; i++) {
				if (word_is(w, n, p->flag_names[i])) {
					gw.kind = GW_FLAG;
					pf_strlcpy(gw.flag, sizeof(gw.flag),
						   p->flag_names[i]);
					break;
				}
			}
		}
		if (gw.kind < 0) {
			stanza_err(p, "unknown gfp word '%s'",
				   quote(q, sizeof(q), w, n));
			return 0;
		}
		if (GROW(ru->gfp, ru->alloc_gfp, ru->nr_gfp))
			return -ENOMEM;
		ru->gfp[ru->nr_gfp++] = gw;
	}
	ru->given |= COND_GFP;
	return 0;
}

static int key_context(struct parser *p, struct rule *ru, const char *v,
		       const char *end)
{
	static const struct {
		const char *name;
		unsigned int kinds;
	} ctx_words[] = {
		{ "process", 1u << PF_CTX_PROCESS },
		{ "softirq", 1u << PF_CTX_SOFTIRQ },
		{ "hardirq", 1u << PF_CTX_HARDIRQ },
		{ "interrupt", 1u << PF_CTX_SOFTIRQ | 1u << PF_CTX_HARDIRQ },
		{ "kswapd", 1u << PF_CTX_KSWAPD },
	};
	const char *w;
	size_t n, i;
	char q[64];

	while (next_word(&v, end, &w, &n)) {
		bool found = false;

		for (i = 0; i < ARRAY_SIZE(ctx_words); i++) {
			if (word_is(w, n, ctx_words[i].name)) {
				ru->ctx_kinds |= ctx_words[i].kinds;
				found = true;
			}
		}
		if (n > 8 && !memcmp(w, "softirq:", 8)) {
			for (i = 0; i < NR_SOFTIRQ_NAMES; i++) {
				if (word_is(w + 8, n - 8,
					    pf_rule_softirq_names[i])) {
					ru->ctx_softirqs |= 1u << i;
					found = true;
				}
			}
		}
		if (!found) {
			stanza_err(p, "unknown context '%s'",
				   quote(q, sizeof(q), w, n));
			return 0;
		}
	}
	ru->given |= COND_CONTEXT;
	return 0;
}

/* Function or task names into ns. */
static int parse_names(struct parser *p, struct names *ns, const char *what,
		       const char *v, const char *end)
{
	const char *w;
	size_t n;
	char q[64];

	while (next_word(&v, end, &w, &n)) {
		const char *star = memchr(w, '*', n);

		if (star && (star != w + n - 1 || n == 1)) {
			stanza_err(p, "bad %s name '%s' ('*' ends a prefix)",
				   what, quote(q, sizeof(q), w, n));
			return 0;
		}
		if (n - (star ? 1 : 0) > NAME_MAX_LEN) {
			stanza_err(p, "%s name '%s' is longer than %d bytes",
				   what, quote(q, sizeof(q), w, n),
				   NAME_MAX_LEN);
			return 0;
		}
		if (GROW(ns->v, ns->alloc, ns->nr))
			return -ENOMEM;
		ns->v[ns->nr] = memdup_str(w, n);
		if (!ns->v[ns->nr])
			return -ENOMEM;
		ns->nr++;
	}
	return 0;
}

static int key_trace(struct parser *p, struct rule *ru, const char *v,
		     const char *end)
{
	if (GROW(ru->traces, ru->alloc_traces, ru->nr_traces))
		return -ENOMEM;
	memset(&ru->traces[ru->nr_traces], 0, sizeof(*ru->traces));
	ru->nr_traces++;
	ru->given |= COND_TRACE;
	return parse_names(p, &ru->traces[ru->nr_traces - 1], "function", v,
			   end);
}

static int key_task(struct parser *p, struct rule *ru, const char *v,
		    const char *end)
{
	ru->given |= COND_TASK;
	return parse_names(p, &ru->tasks, "task", v, end);
}

static int key_cause(struct parser *p, struct rule *ru, const char *v,
		     const char *end)
{
	const char *w;
	size_t n;
	char q[64], buf[32];

	while (next_word(&v, end, &w, &n)) {
		int c = -1;

		if (n < sizeof(buf)) {
			memcpy(buf, w, n);
			buf[n] = '\0';
			c = pf_cause_of_name(buf);
		}
		/* "ok" and "unknown" are verdicts, not causes */
		if (c <= PF_CAUSE_OK || c >= PF_CAUSE_UNKNOWN) {
			stanza_err(p, "unknown cause '%s'",
				   quote(q, sizeof(q), w, n));
			return 0;
		}
		ru->causes |= 1u << c;
	}
	ru->given |= COND_CAUSE;
	return 0;
}

static int key_title(struct parser *p, struct rule *ru, const char *v,
		     const char *end)
{
	size_t have = strlen(ru->pub.title), n = (size_t)(end - v);
	size_t need = have + (have ? 1 : 0) + n;

	if (need >= sizeof(ru->pub.title)) {
		stanza_err(p, "title is longer than %zu bytes",
			   sizeof(ru->pub.title) - 1);
		return 0;
	}
	if (have)
		ru->pub.title[have++] = ' ';
	memcpy(ru->pub.title + have, v, n);
	ru->pub.title[have + n] = '\0';
	return 0;
}

static int key_fixed(struct parser *p, struct rule *ru, const char *v,
		     const char *end)
{
	char q[64];

	if (ru->pub.has_fixed) {
		stanza_err(p, "'fixed' given twice");
		return 0;
	}
	if (!parse_kver(v, end, &ru->pub.fixed)) {
		stanza_err(p, "bad kernel version '%s'",
			   quote(q, sizeof(q), v, (size_t)(end - v)));
		return 0;
	}
	ru->pub.has_fixed = true;
	return 0;
}

static int key_source(struct parser *p, struct rule *ru, const char *v,
		      const char *end)
{
	if (ru->pub.nr_sources == PF_RULE_SOURCES_MAX) {
		stanza_err(p, "more than %d sources", PF_RULE_SOURCES_MAX);
		return 0;
	}
	ru->sources[ru->pub.nr_sources] = memdup_str(v, (size_t)(end - v));
	if (!ru->sources[ru->pub.nr_sources])
		return -ENOMEM;
	ru->pub.nr_sources++;
	return 0;
}

static int key_advice(struct parser *p, struct rule *ru, const char *v,
		      const char *end)
{
	return strbuf_join(&ru->advice, v, (size_t)(end - v));
}

static int key_fixed_advice(struct parser *p, struct rule *ru, const char *v,
			    const char *end)
{
	return strbuf_join(&ru->fixed_advice, v, (size_t)(end - v));
}

static int key_update(struct parser *p, struct rule *ru, const char *v,
		      const char *end)
{
	return strbuf_join(&ru->update, v, (size_t)(end - v));
}

static const struct {
	const char *key;
	int (*fn)(struct parser *p, struct rule *ru, const char *v,
		  const char *end);
} rule_keys[] = {
	{ "title", key_title },
	{ "advice", key_advice },
	{ "fixed_advice", key_fixed_advice },
	{ "update", key_update },
	{ "fixed", key_fixed },
	{ "source", key_source },
	{ "kernel", key_kernel },
	{ "order", key_order },
	{ "gfp", key_gfp },
	{ "context", key_context },
	{ "trace", key_trace },
	{ "task", key_task },
	{ "cause", key_cause },
};

/* ------------------------------------------------------------------ */
/* Stanzas                                                            */
/* ------------------------------------------------------------------ */

/* The end of the current stanza: keep it or drop it. */
static int stanza_end(struct parser *p)
{
	struct rule *ru = p->cur;
	char missing[64] = "";

	if (!ru)
		return 0;
	p->cur = NULL;
	if (!p->bad) {
		if (!ru->pub.title[0])
			strcat(missing, ", title");
		if (!ru->advice.len)
			strcat(missing, ", advice");
		if (!ru->pub.nr_sources)
			strcat(missing, ", source");
		if (missing[0]) {
			pf_ini_err(&p->ini, ru->pub.line, "rule '%s' has no %s",
				   ru->pub.id, missing + 2);
			p->bad = true;
		}
	}
	if (p->bad) {
		rule_free(ru);
		return 0;
	}
	if (GROW(p->rs->v, p->rs->alloc, p->rs->nr)) {
		rule_free(ru);
		return -ENOMEM;
	}
	ru->pub.advice = ru->advice.s;
	ru->pub.fixed_advice = ru->fixed_advice.s;
	ru->pub.update = ru->update.s;
	memcpy(ru->pub.sources, ru->sources, sizeof(ru->pub.sources));
	p->rs->v[p->rs->nr++] = ru;
	return 0;
}

/* "[id]" on the current line, trimmed: [s, e) */
static int stanza_start(struct parser *p, const char *s, const char *e)
{
	const char *id = s + 1, *idend = e - 1, *c;
	unsigned long first;
	char q[64];
	int err;

	err = stanza_end(p);
	if (err)
		return err;
	p->cur = calloc(1, sizeof(*p->cur));
	if (!p->cur)
		return -ENOMEM;
	p->bad = false;
	p->cur->pub.line = p->ini.lineno;

	if (e - s < 2 || *idend != ']') {
		stanza_err(p, "'%s' has no closing ']'",
			   quote(q, sizeof(q), s, (size_t)(e - s)));
		return 0;
	}
	if (id == idend) {
		stanza_err(p, "empty rule id");
		return 0;
	}
	for (c = id; c < idend; c++) {
		if (!((*c >= 'a' && *c <= 'z') || is_digit(*c) || *c == '-' ||
		      *c == '.')) {
			stanza_err(
				p, "bad rule id '%s' (a-z, 0-9, '-', '.')",
				quote(q, sizeof(q), id, (size_t)(idend - id)));
			return 0;
		}
	}
	if ((size_t)(idend - id) >= sizeof(p->cur->pub.id)) {
		stanza_err(p, "rule id '%s' is longer than %zu bytes",
			   quote(q, sizeof(q), id, (size_t)(idend - id)),
			   sizeof(p->cur->pub.id) - 1);
		return 0;
	}
	pf_strlcpyn(p->cur->pub.id, sizeof(p->cur->pub.id), id,
		    (size_t)(idend - id));
	err = id_add(p, p->cur->pub.id, p->ini.lineno, &first);
	if (err)
		return err;
	if (first)
		stanza_err(p, "duplicate rule id '%s' (first on line %lu)",
			   p->cur->pub.id, first);
	return 0;
}

/* "key = value" on the current line */
static int key_line(struct parser *p, const struct pf_ini_line *l)
{
	const char *ks = l->key, *ke = l->key_end;
	char q[64];
	size_t i;

	if (!p->cur) {
		pf_ini_err(&p->ini, p->ini.lineno,
			   "'%s' is outside a rule (no '[id]' before)",
			   quote(q, sizeof(q), ks, (size_t)(ke - ks)));
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(rule_keys); i++)
		if (word_is(ks, (size_t)(ke - ks), rule_keys[i].key))
			break;
	if (i == ARRAY_SIZE(rule_keys)) {
		stanza_err(p, "unknown key '%s'",
			   quote(q, sizeof(q), ks, (size_t)(ke - ks)));
		return 0;
	}
	if (l->val == l->val_end) {
		stanza_err(p, "'%s' has no value", rule_keys[i].key);
		return 0;
	}
	return rule_keys[i].fn(p, p->cur, l->val, l->val_end);
}

static int parse_line(struct parser *p, const struct pf_ini_line *l)
{
	char q[64];

	switch (l->kind) {
	case PF_INI_NUL:
		if (p->cur)
			stanza_err(p, "NUL byte in the line");
		else
			pf_ini_err(&p->ini, p->ini.lineno,
				   "NUL byte in the line");
		return 0;
	case PF_INI_SECTION:
		return stanza_start(p, l->s, l->e);
	case PF_INI_KEY:
		return key_line(p, l);
	case PF_INI_NOT_KEY:
		quote(q, sizeof(q), l->s, (size_t)(l->e - l->s));
		if (p->cur)
			stanza_err(p, "'%s' is not 'key = value'", q);
		else
			pf_ini_err(&p->ini, p->ini.lineno,
				   "'%s' is neither '[id]' nor a comment", q);
		return 0;
	default:
		return 0;
	}
}

int pf_rules_parse(struct pf_rules **out, const char *name, const char *text,
		   size_t len, pf_diag_fn diag, void *data)
{
	struct parser p = { .rs = NULL };
	struct pf_ini_line l;
	int err = 0;

	if (!out)
		return -EINVAL;
	*out = NULL;
	if (!text && len)
		return -EINVAL;
	p.rs = calloc(1, sizeof(*p.rs));
	if (!p.rs)
		return -ENOMEM;

	pf_ini_init(&p.ini, name, text, len, diag, data);
	while (!err && pf_ini_next(&p.ini, &l))
		err = parse_line(&p, &l);
	if (!err)
		err = stanza_end(&p);
	rule_free(p.cur);
	free(p.ids);
	if (!err && !p.rs->nr)
		err = -EINVAL;
	if (err) {
		pf_rules_free(p.rs);
		return err;
	}
	*out = p.rs;
	return 0;
}

int pf_rules_load(struct pf_rules **out, const char *path, pf_diag_fn diag,
		  void *data)
{
	char *buf = NULL;
	size_t len = 0;
	int err;

	if (!out || !path)
		return -EINVAL;
	*out = NULL;
	err = pf_read_text(path, 64u << 20, &buf, &len);
	if (!err)
		err = pf_rules_parse(out, path, buf, len, diag, data);
	free(buf);
	return err;
}

static struct pf_rules *builtin_rules;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_init(void)
{
	if (pf_rules_parse(&builtin_rules, "causes.rules (built in)",
			   pf_rules_text, pf_rules_text_len, NULL, NULL))
		builtin_rules = NULL;
}

const struct pf_rules *pf_rules_builtin(void)
{
	static const struct pf_rules empty;

	pthread_once(&builtin_once, builtin_init);
	return builtin_rules ? builtin_rules : &empty;
}

size_t pf_rules_count(const struct pf_rules *rs)
{
	return rs ? rs->nr : 0;
}

const struct pf_rule *pf_rules_get(const struct pf_rules *rs, size_t i)
{
	if (!rs || i >= rs->nr)
		return NULL;
	return &rs->v[i]->pub;
}
