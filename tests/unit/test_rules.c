// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_rules.c - unit tests of lib/analysis/rules.c: the rules format and its
 * errors, every condition of a rule against reports built by hand and
 * scanned from a log, best-match scoring, fix status, and the rules built
 * into the library.
 */
#include "helpers.h"

#include <errno.h>
#include <unistd.h>

#define RULES_FILE PF_FIXTURES "/../../data/causes.rules"
#define SEED_LOG   PF_FIXTURES "/corpus/seed-rhel6-kb-example.log"

/* A rule with the three required texts and the conditions in extra. */
#define RULE(id, extra)                                                        \
	"[" id "]\n"                                                           \
	"title = T " id "\n"                                                   \
	"advice = A " id "\n"                                                  \
	"source = https://example.org/" id "\n" extra

static struct pf_rules *parse_ok(const char *text)
{
	struct pf_rules *rs = NULL;

	PARSE_CLEAN(pf_rules_parse, rs, "test.rules", text);
	return rs;
}

/*
 * The rule of rs that r matches (with the verdict cause) is id (NULL:
 * any), with score conditions held and status (-1: either not asked); *m
 * what matched.  A failure names the report's kernel and order.
 */
static void expect_match(const struct pf_rules *rs, const struct pf_report *r,
			 int cause, struct pf_rule_match *m, const char *id,
			 int score, int status)
{
	const char *k = r->kernel.str, *want = id ? id : "a rule";

	if (!pf_rules_match(rs, r, cause, m))
		fail_msg("'%s' order %d: no rule, not %s", k, r->order, want);
	if (id && strcmp(m->rule->id, id))
		fail_msg("'%s' order %d: %s, not %s", k, r->order, m->rule->id,
			 id);
	if (score >= 0 && m->score != score)
		fail_msg("'%s' order %d: %s scores %d, not %d", k, r->order,
			 m->rule->id, m->score, score);
	if (status >= 0 && m->status != status)
		fail_msg("'%s' order %d: %s is %s, not %s", k, r->order,
			 m->rule->id, pf_rule_status_name(m->status),
			 pf_rule_status_name(status));
}

/* A report with what the conditions look at; the rest as pf_report_init(). */
static void report_set(struct pf_report *r, const char *kernel, int order,
		       const char *mode, int layout)
{
	pf_report_init(r);
	if (kernel)
		assert_int_equal(pf_kver_parse(kernel, &r->kernel), 0);
	r->order = order;
	if (mode) {
		snprintf(r->mode, sizeof(r->mode), "%s", mode);
		r->gfp_mask = strtoul(mode, NULL, 16);
	}
	r->gfp_layout = layout;
}

static void add_frame(struct pf_report *r, const char *func, int kind)
{
	struct pf_frame *f = &r->frames[r->nr_frames++];

	memset(f, 0, sizeof(*f));
	snprintf(f->func, sizeof(f->func), "%s", func);
	f->kind = (unsigned int)kind;
}

/*
 * A report built by hand (the context a softirq one when softirq is set,
 * up to two frames) and the rule it must match with no verdict.
 */
struct match_case {
	const char *kernel;
	int order;
	const char *mode;
	int layout;
	const char *softirq;
	const char *frames[2];
	const char *id;	   /* NULL: any rule */
	int score, status; /* -1: not asked */
};

static void expect_cases(const struct pf_rules *rs, const struct match_case *c,
			 size_t n)
{
	for (size_t i = 0; i < n; i++, c++) {
		struct pf_rule_match m;
		struct pf_report r;

		report_set(&r, c->kernel, c->order, c->mode, c->layout);
		if (c->softirq) {
			r.context.kind = PF_CTX_SOFTIRQ;
			r.context.softirq = c->softirq;
		}
		for (int f = 0; f < 2 && c->frames[f]; f++)
			add_frame(&r, c->frames[f], PF_FRAME_FUNC);
		expect_match(rs, &r, PF_CAUSE_UNKNOWN, &m, c->id, c->score,
			     c->status);
	}
}

#define EXPECT_CASES(rs, cases)                                                \
	expect_cases(rs, cases, sizeof(cases) / sizeof(cases[0]))

/* The id of the rule rs gives r, or "" when none matches. */
static const char *match_id(const struct pf_rules *rs,
			    const struct pf_report *r, int cause)
{
	struct pf_rule_match m;

	if (!pf_rules_match(rs, r, cause, &m)) {
		assert_null(m.rule);
		return "";
	}
	assert_non_null(m.rule);
	return m.rule->id;
}

static bool holds(const char *extra, const struct pf_report *r, int cause)
{
	struct pf_rules *rs;
	char text[1024];
	bool ok;

	snprintf(text, sizeof(text), RULE("r", "%s\n"), extra);
	rs = parse_ok(text);
	ok = pf_rules_match(rs, r, cause, NULL);
	pf_rules_free(rs);
	return ok;
}

/* ------------------------------------------------------------------ */

static void test_parse_valid(void **state)
{
	static const char text[] =
		"# a comment\n"
		"   # an indented comment\n"
		"\n"
		"[rhel6-kswapd.no-compaction]\r\n"
		"title   = RHEL 6.2 to 6.3:\r\n"
		"title   = kswapd never compacts\r\n"
		"kernel  = 2.6.32-220.el6 ..\r\n"
		"fixed   = 2.6.32-358.el6\r\n"
		"order   = 1..3\r\n"
		"gfp     = atomic !__GFP_NOWARN\r\n"
		"context = softirq hardirq\r\n"
		"advice  = Raise vm.min_free_kbytes.\r\n"
		"advice  =   Then watch it.  \r\n"
		"fixed_advice = Nothing left.\r\n"
		"update  = 2.6.32-358.el6 or later\r\n"
		"source  = https://access.redhat.com/solutions/90883\r\n"
		"source  = https://example.org/two\r\n"
		"\r\n"
		"[second]\n"
		"\ttitle=Second\n"
		"advice=Do it\n"
		"source=http://example.org/x"; /* no final newline */
	struct pf_rules *rs;
	const struct pf_rule *ru;

	(void)state;
	rs = parse_ok(text);
	assert_int_equal(pf_rules_count(rs), 2);

	ru = pf_rules_get(rs, 0);
	assert_non_null(ru);
	assert_string_equal(ru->id, "rhel6-kswapd.no-compaction");
	assert_string_equal(ru->title,
			    "RHEL 6.2 to 6.3: kswapd never compacts");
	assert_string_equal(ru->advice,
			    "Raise vm.min_free_kbytes. Then watch it.");
	assert_string_equal(ru->fixed_advice, "Nothing left.");
	assert_string_equal(ru->update, "2.6.32-358.el6 or later");
	assert_true(ru->has_fixed);
	assert_string_equal(ru->fixed.str, "2.6.32-358.el6");
	assert_int_equal(ru->fixed.rhel, 6);
	assert_int_equal(ru->nr_sources, 2);
	assert_string_equal(ru->sources[0],
			    "https://access.redhat.com/solutions/90883");
	assert_string_equal(ru->sources[1], "https://example.org/two");
	assert_int_equal(ru->line, 4);

	ru = pf_rules_get(rs, 1);
	assert_non_null(ru);
	assert_string_equal(ru->id, "second");
	assert_string_equal(ru->title, "Second");
	assert_string_equal(ru->advice, "Do it");
	assert_null(ru->fixed_advice);
	assert_null(ru->update);
	assert_false(ru->has_fixed);
	assert_int_equal(ru->nr_sources, 1);
	assert_string_equal(ru->sources[0], "http://example.org/x");
	assert_int_equal(ru->line, 19);

	assert_null(pf_rules_get(rs, 2));
	pf_rules_free(rs);
}

#define GOOD1 RULE("good-one", "") /* lines 1-4 */
#define GOOD2 RULE("good-two", "order = 0\n")

struct err_case {
	const char *text; /* a stanza between GOOD1 and GOOD2 */
	size_t len;
	unsigned long line; /* of the error, within text */
	const char *what;   /* in the message */
};

#define ERR(t, l, w)                                                           \
	{                                                                      \
		t, sizeof(t) - 1, l, w                                         \
	}

/* clang-format off */
static const struct err_case err_cases[] = {
	ERR(RULE("a", "colour = red\n"), 5, "unknown key 'colour'"),
	ERR(RULE("good-one", ""), 1, "duplicate rule id 'good-one' (first on line 1)"),
	ERR("[a]\nadvice = x\nsource = https://x\n", 1, "rule 'a' has no title"),
	ERR("[a]\ntitle = x\nsource = https://x\n", 1, "rule 'a' has no advice"),
	ERR("[a]\ntitle = x\nadvice = y\n", 1, "rule 'a' has no source"),
	ERR("[a]\n\n", 1, "rule 'a' has no title, advice, source"),
	ERR(RULE("Big", ""), 1, "bad rule id 'Big'"),
	ERR(RULE("a b", ""), 1, "bad rule id 'a b'"),
	ERR("[a\ntitle = x\nadvice = y\nsource = z\n", 1, "no closing ']'"),
	ERR("[]\ntitle = x\nadvice = y\nsource = z\n", 1, "empty rule id"),
	ERR(RULE("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ""),
	    1, "is longer than 63 bytes"),
	ERR(RULE("a", "kernel = 2.6.32-220.el6\n"), 5, "is not FROM .. TO"),
	ERR(RULE("a", "kernel = linux .. 5.0\n"), 5, "bad kernel version 'linux'"),
	ERR(RULE("a", "kernel = 5.0 .. 4.4\n"), 5, "is empty"),
	ERR(RULE("a", "kernel = ..\n"), 5, "names no kernel"),
	ERR(RULE("a", "kernel = 4.4 .., \n"), 5, "is not FROM .. TO"),
	ERR(RULE("a", "kernel = 2.6.32-220.el6 .. 3.10.0-123.el7\n"), 5,
	    "spans RHEL releases"),
	ERR(RULE("a", "order = x\n"), 5, "bad order 'x'"),
	ERR(RULE("a", "order = 3..1\n"), 5, "bad order '3..1'"),
	ERR(RULE("a", "order = ..\n"), 5, "bad order"),
	ERR(RULE("a", "order = 1 2\n"), 5, "bad order"),
	ERR(RULE("a", "order = 99\n"), 5, "bad order"),
	ERR(RULE("a", "gfp = atomic sleepy\n"), 5, "unknown gfp word 'sleepy'"),
	ERR(RULE("a", "gfp = !\n"), 5, "unknown gfp word ''"),
	ERR(RULE("a", "gfp = GFP_KERNEL\n"), 5, "unknown gfp word 'GFP_KERNEL'"),
	ERR(RULE("a", "context = irq\n"), 5, "unknown context 'irq'"),
	ERR(RULE("a", "context = softirq:netrx\n"), 5, "unknown context"),
	ERR(RULE("a", "cause = fragmented\n"), 5, "unknown cause 'fragmented'"),
	ERR(RULE("a", "cause = ok\n"), 5, "unknown cause 'ok'"),
	ERR(RULE("a", "fixed = 4.4\nfixed = 4.9\n"), 6, "'fixed' given twice"),
	ERR(RULE("a", "fixed = 4.x\n"), 5, "bad kernel version '4.x'"),
	ERR(RULE("a", "trace = *\n"), 5, "'*' ends a prefix"),
	ERR(RULE("a", "trace = tcp_*_rcv\n"), 5, "'*' ends a prefix"),
	ERR(RULE("a", "task = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"),
	    5, "is longer than 63 bytes"),
	ERR(RULE("a", "source = 2\nsource = 3\nsource = 4\nsource = 5\n"
		      "source = 6\nsource = 7\nsource = 8\nsource = 9\n"),
	    12, "more than 8 sources"),
	ERR(RULE("a", "this is not a key line\n"), 5, "is not 'key = value'"),
	ERR(RULE("a", "order =\n"), 5, "'order' has no value"),
	ERR(RULE("a", "title = x\0y\n"), 5, "NUL byte"),
	ERR(RULE("a", "= 3\n"), 5, "unknown key ''"),
};
/* clang-format on */

static void test_parse_errors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(err_cases) / sizeof(err_cases[0]); i++) {
		const struct err_case *c = &err_cases[i];
		char text[4096], want[32];
		struct pf_rules *rs = NULL;
		struct diag_list d = { 0 };
		size_t len = 0;

		memcpy(text, GOOD1, strlen(GOOD1));
		len += strlen(GOOD1);
		memcpy(text + len, c->text, c->len);
		len += c->len;
		memcpy(text + len, GOOD2, strlen(GOOD2));
		len += strlen(GOOD2);

		assert_int_equal(pf_rules_parse(&rs, "err.rules", text, len,
						list_diag, &d),
				 0);
		if (d.nr != 1)
			fail_msg("case %zu: %d diags (%s)", i, d.nr,
				 d.nr ? d.msg[0] : "none");
		snprintf(want, sizeof(want), "line %lu: ", 4 + c->line);
		if (strncmp(d.msg[0], want, strlen(want)) ||
		    !strstr(d.msg[0], c->what))
			fail_msg("case %zu: got '%s', want '%s%s'", i, d.msg[0],
				 want, c->what);
		assert_int_equal(d.line[0], 4 + c->line);
		assert_string_equal(d.source[0], "err.rules");
		assert_null(strchr(d.msg[0], '\n'));
		assert_int_equal(pf_rules_count(rs), 2);
		assert_string_equal(pf_rules_get(rs, 0)->id, "good-one");
		assert_string_equal(pf_rules_get(rs, 1)->id, "good-two");
		pf_rules_free(rs);
	}
}

static void test_parse_outside(void **state)
{
	static const char text[] = "order = 1\n"
				   "just words\n" GOOD1;
	struct pf_rules *rs = NULL;
	struct diag_list d = { 0 };

	(void)state;
	assert_int_equal(pf_rules_parse(&rs, "o.rules", text, strlen(text),
					list_diag, &d),
			 0);
	assert_int_equal(d.nr, 2);
	assert_string_equal(
		d.msg[0],
		"line 1: 'order' is outside a rule (no '[id]' before)");
	assert_int_equal(d.line[1], 2);
	assert_int_equal(pf_rules_count(rs), 1);
	pf_rules_free(rs);
}

static void test_parse_nothing_left(void **state)
{
	/* clang-format off */
	static const char *const texts[] = {
		"", "\n\n", "# only a comment\n", "[a]\ntitle = x\n",
		"[a]\nbogus = 1\n",
	};
	/* clang-format on */
	struct pf_rules *rs = (struct pf_rules *)&rs;
	struct diag_list d = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		assert_int_equal(pf_rules_parse(&rs, "n", texts[i],
						strlen(texts[i]), list_diag,
						&d),
				 -EINVAL);
		assert_null(rs);
	}
	assert_int_equal(d.nr, 2);
	assert_int_equal(pf_rules_parse(NULL, "n", "", 0, NULL, NULL), -EINVAL);
	assert_int_equal(pf_rules_parse(&rs, "n", NULL, 0, NULL, NULL),
			 -EINVAL);
	/* no diag callback: errors are dropped silently */
	assert_int_equal(pf_rules_parse(&rs, "n", "[a]\nx\n" GOOD1,
					strlen("[a]\nx\n" GOOD1), NULL, NULL),
			 0);
	assert_int_equal(pf_rules_count(rs), 1);
	pf_rules_free(rs);
}

static void test_parse_huge_and_binary(void **state)
{
	size_t big = 1 << 20, len, i;
	char *text = malloc(2 * big + 256);
	struct pf_rules *rs = NULL;
	struct diag_list d = { 0 };
	unsigned int seed = 1;

	(void)state;
	assert_non_null(text);
	/* a 1 MiB title is an error; a 1 MiB advice is fine */
	len = (size_t)sprintf(text, "[a]\ntitle = ");
	memset(text + len, 'x', big);
	len += big;
	len += (size_t)sprintf(
		text + len,
		"\nadvice = y\nsource = z\n[b]\ntitle = t\nadvice = ");
	memset(text + len, 'y', big);
	len += big;
	len += (size_t)sprintf(text + len, "\nsource = https://s");
	assert_int_equal(pf_rules_parse(&rs, "big", text, len, list_diag, &d),
			 0);
	assert_int_equal(d.nr, 1);
	assert_string_equal(d.msg[0], "line 2: title is longer than 255 bytes");
	assert_int_equal(pf_rules_count(rs), 1);
	assert_int_equal(strlen(pf_rules_get(rs, 0)->advice), big);
	pf_rules_free(rs);

	/* bytes of every kind, cut anywhere: no crash, no leak */
	for (i = 0; i < 3000; i++) {
		/* clang-format off */
		static const char *const bits[] = {
			"[", "]", "a", "=", " ", "\n", "\r\n", "\0", "..", ",",
			"!", "*", "#", "title", "advice", "source", "kernel",
			"order", "gfp", "context", "trace", "task", "cause",
			"fixed", "2.6.32-220.el6", "5.10", "atomic", "softirq:",
			"net_rx", "__GFP_COMP", "1", "\xff", "\t",
		};
		/* clang-format on */
		size_t n = 0, parts = (size_t)(rand_r(&seed) % 64);

		while (parts--) {
			const char *b = bits[rand_r(&seed) %
					     (sizeof(bits) / sizeof(bits[0]))];
			size_t bl = b[0] ? strlen(b) : 1;

			memcpy(text + n, b, bl);
			n += bl;
		}
		d.nr = 0;
		rs = NULL;
		if (pf_rules_parse(&rs, "rand", text, n, list_diag, &d) == 0)
			assert_true(pf_rules_count(rs) > 0);
		else
			assert_null(rs);
		pf_rules_free(rs);
	}
	free(text);
}

static void test_load(void **state)
{
	char path[] = "/tmp/test_rules.XXXXXX";
	struct pf_rules *rs = NULL;
	struct diag_list d = { 0 };
	static const char text[] = GOOD1 "[b]\nnope = 1\n";
	int fd, err;

	(void)state;
	assert_int_equal(pf_rules_load(&rs, "/nonexistent/x.rules", NULL, NULL),
			 -ENOENT);
	assert_null(rs);

	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, sizeof(text) - 1),
			 (ssize_t)(sizeof(text) - 1));
	close(fd);
	err = pf_rules_load(&rs, path, list_diag, &d);
	unlink(path); /* before an assert can leave it behind */
	assert_int_equal(err, 0);
	assert_int_equal(pf_rules_count(rs), 1);
	assert_int_equal(d.nr, 1);
	assert_string_equal(d.source[0], path);
	assert_string_equal(d.msg[0], "line 6: unknown key 'nope'");
	pf_rules_free(rs);
}

/* ------------------------------------------------------------------ */

static void test_kernel_ranges(void **state)
{
	static const struct {
		const char *kernel; /* NULL: unknown */
		bool in_el6, in_el6_open, in_upstream, in_era;
	} cases[] = {
		{ "2.6.32-131.0.15.el6", false, false, false, false },
		{ "2.6.32-220.el6", true, false, false, true },
		{ "2.6.32-220.7.1.el6", true, false, false, true },
		{ "2.6.32-358.el6", true, true, false, false },
		{ "2.6.32-358.2.1.el6.x86_64", false, true, false, false },
		{ "2.6.32-754.el6", false, true, false, false },
		{ "2.6.32", false, false, false, false },
		{ "3.10.0-1160.el7.x86_64", false, false, false, false },
		{ "4.4.0", false, false, true, false },
		{ "4.9.337", false, false, true, false },
		{ "4.10.0", false, false, false, false },
		{ "5.4.0-42-generic", false, false, true, false },
		{ "6.12.39", false, false, true, false },
		{ "4.18.0-240.el8", false, false, false, false },
		{ "5.14.0-70.el9", false, false, true, false },
		{ NULL, false, false, false, false },
	};
	struct pf_report r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		report_set(&r, cases[i].kernel, 1, "0x20", PF_GFP_2_6_24);
		if (holds("kernel = 2.6.32-220.el6 .. 2.6.32-358.2.1.el6", &r,
			  PF_CAUSE_UNKNOWN) != cases[i].in_el6)
			fail_msg("el6 range, %s", cases[i].kernel);
		if (holds("kernel = 2.6.32-358.el6 ..", &r, PF_CAUSE_UNKNOWN) !=
		    cases[i].in_el6_open)
			fail_msg("open el6 range, %s", cases[i].kernel);
		if (holds("kernel = 4.4 .. 4.10, 5.0 ..", &r,
			  PF_CAUSE_UNKNOWN) != cases[i].in_upstream)
			fail_msg("upstream ranges, %s", cases[i].kernel);
		if (holds("kernel = rhel6.2..rhel6.4", &r, PF_CAUSE_UNKNOWN) !=
		    cases[i].in_era)
			fail_msg("era names, %s", cases[i].kernel);
	}
	/* an upstream bound compares the upstream version of any kernel */
	report_set(&r, "2.6.32-358.el6", 1, NULL, 0);
	assert_true(holds("kernel = 2.6.32 .. 2.6.33", &r, PF_CAUSE_UNKNOWN));
	assert_true(holds("kernel = ..2.6.33", &r, PF_CAUSE_UNKNOWN));
	assert_false(holds("kernel = ..2.6.32", &r, PF_CAUSE_UNKNOWN));
	/* a second kernel line adds ranges */
	assert_true(holds("kernel = 5.0 ..\nkernel = 2.6.32-300.el6 ..", &r,
			  PF_CAUSE_UNKNOWN));
}

static void test_order_ranges(void **state)
{
	/* clang-format off */
	static const struct {
		const char *cond;
		bool in[6]; /* orders -1 (unknown), 0, 1, 3, 4, 10 */
	} cases[] = {
		{ "order = 1", { false, false, true, false, false, false } },
		{ "order = 1..3", { false, false, true, true, false, false } },
		{ "order = 1 .. 3", { false, false, true, true, false, false } },
		{ "order = 4..", { false, false, false, false, true, true } },
		{ "order = ..1", { false, true, true, false, false, false } },
		{ "order = 0\norder = 4..4", { false, true, false, false, true, false } },
	};
	/* clang-format on */
	static const int orders[6] = { -1, 0, 1, 3, 4, 10 };
	struct pf_report r;
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (j = 0; j < 6; j++) {
			report_set(&r, NULL, orders[j], NULL, 0);
			if (holds(cases[i].cond, &r, PF_CAUSE_UNKNOWN) !=
			    cases[i].in[j])
				fail_msg("'%s', order %d", cases[i].cond,
					 orders[j]);
		}
	}
}

static void test_gfp_words(void **state)
{
	/* clang-format off */
	static const struct {
		const char *mode;
		int layout;
		int order;
		const char *cond;
		bool holds;
	} cases[] = {
		{ "0x20", PF_GFP_2_6_24, 1, "gfp = atomic", true },
		{ "0x20", PF_GFP_2_6_24, 1, "gfp = nosleep", true },
		{ "0x20", PF_GFP_2_6_24, 1, "gfp = sleep", false },
		{ "0x20", PF_GFP_2_6_24, 1, "gfp = !sleep !atomic", false },
		{ "0x20", PF_GFP_2_6_24, 1, "gfp = __GFP_HIGH", true },
		{ "0x20", PF_GFP_2_6_24, 1, "gfp = atomic !__GFP_COMP", true },
		{ "0x4020", PF_GFP_2_6_24, 1, "gfp = atomic !__GFP_COMP", false },
		{ "0x4020", PF_GFP_2_6_24, 1, "gfp = __GFP_COMP, atomic", true },
		{ "0x20", PF_GFP_2_6_24, 4, "gfp = atomic costly", true },
		{ "0x20", PF_GFP_2_6_24, 3, "gfp = costly", false },
		{ "0x20", PF_GFP_2_6_24, 3, "gfp = !costly", true },
		{ "0x20", PF_GFP_3_10, 0, "gfp = atomic\ngfp = !__GFP_DMA", true },
		{ "0x21", PF_GFP_3_10, 0, "gfp = atomic\ngfp = !__GFP_DMA", false },
		{ "0xd0", PF_GFP_2_6_24, 0, "gfp = sleep", true },
		{ "0xd0", PF_GFP_2_6_24, 0, "gfp = atomic", false },
		{ "0xa20", PF_GFP_5_0, 0, "gfp = atomic", true },
		{ "0xa20", PF_GFP_5_0, 0, "gfp = __GFP_ATOMIC __GFP_HIGH", true },
		{ "0xa20", PF_GFP_5_0, 0, "gfp = sleep", false },
		{ "0xcc0", PF_GFP_5_0, 0, "gfp = sleep", true },
		{ "0xcc0", PF_GFP_5_0, 0, "gfp = atomic", false },
		{ "0xcc0", PF_GFP_5_0, 0, "gfp = nosleep", false },
		{ "0xcc0", PF_GFP_5_0, 0, "gfp = __GFP_DIRECT_RECLAIM __GFP_IO", true },
		{ "0x2080020", PF_GFP_4_4, 0, "gfp = atomic", true },
		{ "0x24000c0", PF_GFP_4_4, 0, "gfp = sleep", true },
		{ "0x820", PF_GFP_6_3, 0, "gfp = atomic", true },
		/* the report shows no mode, or it was not decoded: no hold */
		{ "", PF_GFP_2_6_24, 0, "gfp = !sleep", false },
		{ "0x20", PF_GFP_UNKNOWN, 0, "gfp = !sleep", false },
		{ "0x20", PF_GFP_UNKNOWN, 0, "gfp = !costly", false },
	};
	/* clang-format on */
	struct pf_report r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		report_set(&r, NULL, cases[i].order, cases[i].mode,
			   cases[i].layout);
		if (holds(cases[i].cond, &r, PF_CAUSE_UNKNOWN) !=
		    cases[i].holds)
			fail_msg("'%s' for %s in %s", cases[i].cond,
				 cases[i].mode,
				 pf_gfp_layout_name(cases[i].layout));
	}
}

static void test_context(void **state)
{
	/* clang-format off */
	static const struct {
		int kind;
		const char *softirq;
		const char *cond;
		bool holds;
	} cases[] = {
		{ PF_CTX_PROCESS, NULL, "context = process", true },
		{ PF_CTX_PROCESS, NULL, "context = interrupt", false },
		{ PF_CTX_SOFTIRQ, "net_rx", "context = softirq", true },
		{ PF_CTX_SOFTIRQ, "net_rx", "context = interrupt", true },
		{ PF_CTX_SOFTIRQ, "net_rx", "context = hardirq", false },
		{ PF_CTX_SOFTIRQ, "net_rx", "context = softirq:net_rx", true },
		{ PF_CTX_SOFTIRQ, "timer", "context = softirq:net_rx", false },
		{ PF_CTX_SOFTIRQ, "timer", "context = softirq:net_rx softirq:timer", true },
		{ PF_CTX_SOFTIRQ, NULL, "context = softirq:net_rx", false },
		{ PF_CTX_HARDIRQ, NULL, "context = interrupt", true },
		{ PF_CTX_HARDIRQ, NULL, "context = softirq, hardirq", true },
		{ PF_CTX_HARDIRQ, NULL, "context = softirq:net_rx", false },
		{ PF_CTX_KSWAPD, NULL, "context = kswapd", true },
		{ PF_CTX_KSWAPD, NULL, "context = process", false },
		{ PF_CTX_PROCESS, NULL, "context = kswapd\ncontext = process", true },
		{ PF_CTX_UNKNOWN, NULL, "context = process softirq hardirq kswapd", false },
	};
	/* clang-format on */
	struct pf_report r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		report_set(&r, NULL, 0, NULL, 0);
		r.context.kind = cases[i].kind;
		r.context.softirq = cases[i].softirq;
		if (holds(cases[i].cond, &r, PF_CAUSE_UNKNOWN) !=
		    cases[i].holds)
			fail_msg("case %zu: '%s'", i, cases[i].cond);
	}
}

static void test_trace_and_task(void **state)
{
	struct pf_report r;

	(void)state;
	report_set(&r, NULL, 0, NULL, 0);
	assert_false(holds("trace = tcp_v4_rcv", &r, PF_CAUSE_UNKNOWN));
	assert_false(holds("task = swapper", &r, PF_CAUSE_UNKNOWN));

	add_frame(&r, "<IRQ>", PF_FRAME_MARKER);
	add_frame(&r, "__alloc_pages_nodemask", PF_FRAME_FUNC);
	add_frame(&r, "tcp_v4_rcv", PF_FRAME_FUNC);
	add_frame(&r, "net_rx_action", PF_FRAME_MARKER); /* not a frame */
	add_frame(&r, "vmxnet3_poll_rx_only", PF_FRAME_FUNC);
	snprintf(r.task, sizeof(r.task), "swapper/3");

	assert_true(holds("trace = tcp_v4_rcv", &r, PF_CAUSE_UNKNOWN));
	assert_false(holds("trace = tcp_v4", &r, PF_CAUSE_UNKNOWN));
	assert_true(holds("trace = tcp_v4*", &r, PF_CAUSE_UNKNOWN));
	assert_true(holds("trace = tcp_v4_rcv*", &r, PF_CAUSE_UNKNOWN));
	assert_true(holds("trace = e1000_*, vmxnet3_*", &r, PF_CAUSE_UNKNOWN));
	assert_false(holds("trace = net_rx_action", &r, PF_CAUSE_UNKNOWN));
	assert_false(holds("trace = <IRQ>", &r, PF_CAUSE_UNKNOWN));
	/* several trace lines must all hold */
	assert_true(holds("trace = vmxnet3_*\ntrace = tcp_v4_rcv", &r,
			  PF_CAUSE_UNKNOWN));
	assert_false(holds("trace = vmxnet3_*\ntrace = e1000_*", &r,
			   PF_CAUSE_UNKNOWN));

	assert_true(holds("task = swapper*", &r, PF_CAUSE_UNKNOWN));
	assert_false(holds("task = swapper", &r, PF_CAUSE_UNKNOWN));
	assert_true(holds("task = kswapd0 swapper/3", &r, PF_CAUSE_UNKNOWN));
	assert_true(holds("task = kswapd0\ntask = swapper/*", &r,
			  PF_CAUSE_UNKNOWN));
	assert_false(holds("task = kswapd*", &r, PF_CAUSE_UNKNOWN));
}

static void test_cause(void **state)
{
	static const char text[] = RULE("frag", "cause = fragmentation\n")
		RULE("min", "cause = below_min lowmem_reserve\n") RULE(
			"other", "cause = highatomic_reserved, not_allowed\n");
	struct pf_rules *rs = parse_ok(text);
	struct pf_rule_match m;
	struct pf_report r;

	(void)state;
	report_set(&r, NULL, 0, NULL, 0);
	assert_string_equal(match_id(rs, &r, PF_CAUSE_FRAGMENTATION), "frag");
	assert_string_equal(match_id(rs, &r, PF_CAUSE_BELOW_MIN), "min");
	assert_string_equal(match_id(rs, &r, PF_CAUSE_LOWMEM_RESERVE), "min");
	assert_string_equal(match_id(rs, &r, PF_CAUSE_HIGHATOMIC), "other");
	assert_string_equal(match_id(rs, &r, PF_CAUSE_NOT_ALLOWED), "other");
	assert_string_equal(match_id(rs, &r, PF_CAUSE_OK), "");
	/* no verdict: cause is not checked, and does not count */
	expect_match(rs, &r, PF_CAUSE_UNKNOWN, &m, "frag", 0, -1);
	assert_true(pf_rules_match(rs, &r, PF_CAUSE_FRAGMENTATION, &m));
	assert_int_equal(m.score, 1);
	pf_rules_free(rs);
}

static void test_best_match(void **state)
{
	static const char text[] = RULE("any-atomic", "gfp = atomic\n") RULE(
		"atomic-order1", "gfp = atomic\norder = 1\n")
		RULE("order1-atomic", "order = 1\ngfp = atomic\n") RULE(
			"net",
			"gfp = atomic\norder = 1..3\ncontext = softirq:net_rx\n"
			"trace = tcp_*\ntrace = vmxnet3_*\n")
			RULE("el6",
			     "kernel = 2.6.32-220.el6 ..\nfixed = 2.6.32-358.el6\n"
			     "gfp = atomic\norder = 1\n")
				RULE("sleep", "gfp = sleep\n");
	/* clang-format off */
	static const struct match_case cases[] = {
		/* atomic, order 0: only the first rule */
		{ "5.10.0", 0, "0xa20", PF_GFP_5_0, NULL, { NULL },
		  "any-atomic", 1, PF_RULE_ANY_KERNEL },
		/* order 1: two rules score 2, the first in the file wins */
		{ "5.10.0", 1, "0xa20", PF_GFP_5_0, NULL, { NULL },
		  "atomic-order1", 2, -1 },
		/* the network rule: 5 conditions, every trace line counts */
		{ "5.10.0", 1, "0xa20", PF_GFP_5_0, "net_rx",
		  { "tcp_v4_rcv", "vmxnet3_poll_rx_only" },
		  "net", 5, PF_RULE_ANY_KERNEL },
		/* one condition short: back to the best of the rest */
		{ "5.10.0", 1, "0xa20", PF_GFP_5_0, "net_rx", { "tcp_v4_rcv" },
		  "atomic-order1", -1, -1 },
		/* a RHEL 6 kernel: the el6 rule has 3 */
		{ "2.6.32-220.el6", 1, "0x20", PF_GFP_2_6_24, NULL, { NULL },
		  "el6", 3, PF_RULE_AFFECTED },
	};
	/* clang-format on */
	struct pf_rules *rs = parse_ok(text);
	struct pf_rule_match m;
	struct pf_report r;

	(void)state;
	/* nothing matches a report of nothing */
	report_set(&r, NULL, 0, NULL, 0);
	memset(&m, 0x55, sizeof(m));
	assert_false(pf_rules_match(rs, &r, PF_CAUSE_UNKNOWN, &m));
	assert_null(m.rule);
	assert_int_equal(m.score, 0);

	EXPECT_CASES(rs, cases);
	pf_rules_free(rs);
}

static void test_status(void **state)
{
	static const char text[] = RULE(
		"el6", "kernel = 2.6.32-220.el6 ..\nfixed = 2.6.32-358.el6\n")
		RULE("up", "kernel = 4.4 ..\nfixed = 4.9\norder = 0..\n") RULE(
			"nokernel",
			"fixed = 2.6.32-358.el6\norder = 0..\ngfp = atomic\ngfp = nosleep\n");
	/* clang-format off */
	static const struct match_case cases[] = {
		{ "2.6.32-220.el6", 0, NULL, 0, NULL, { NULL },
		  "el6", -1, PF_RULE_AFFECTED },
		{ "2.6.32-358.el6", 0, NULL, 0, NULL, { NULL },
		  "el6", -1, PF_RULE_FIXED },
		{ "2.6.32-358.2.1.el6.x86_64", 0, NULL, 0, NULL, { NULL },
		  NULL, -1, PF_RULE_FIXED },
		{ "4.4.0", 0, NULL, 0, NULL, { NULL },
		  "up", 2, PF_RULE_AFFECTED },
		/* an upstream fix compares by upstream version */
		{ "4.9.0-12-amd64", 0, NULL, 0, NULL, { NULL },
		  "up", -1, PF_RULE_FIXED },
		/* no kernel condition: any kernel, unless it has the fix */
		{ "3.10.0-1160.el7", 1, "0x20", PF_GFP_3_10, NULL, { NULL },
		  "nokernel", 2, PF_RULE_ANY_KERNEL },
		{ "2.6.32-754.el6", 1, "0x20", PF_GFP_2_6_24, NULL, { NULL },
		  "nokernel", -1, PF_RULE_FIXED },
	};
	/* clang-format on */
	struct pf_rules *rs = parse_ok(text);

	(void)state;
	EXPECT_CASES(rs, cases);
	assert_string_equal(pf_rule_status_name(PF_RULE_AFFECTED), "affected");
	assert_string_equal(pf_rule_status_name(PF_RULE_FIXED), "fixed");
	assert_string_equal(pf_rule_status_name(PF_RULE_ANY_KERNEL),
			    "any kernel");
	assert_non_null(pf_rule_status_name(42));
	pf_rules_free(rs);
}

static void test_null_safety(void **state)
{
	struct pf_rules *rs = parse_ok(GOOD1);
	struct pf_rule_match m;
	struct pf_report r;

	(void)state;
	report_set(&r, NULL, 0, NULL, 0);
	assert_int_equal(pf_rules_count(NULL), 0);
	assert_null(pf_rules_get(NULL, 0));
	assert_false(pf_rules_match(NULL, &r, PF_CAUSE_UNKNOWN, &m));
	assert_null(m.rule);
	assert_false(pf_rules_match(rs, NULL, PF_CAUSE_UNKNOWN, &m));
	/* a rule with no conditions matches anything, with score 0 */
	assert_true(pf_rules_match(rs, &r, PF_CAUSE_UNKNOWN, NULL));
	assert_true(pf_rules_match(rs, &r, 1000, &m));
	assert_int_equal(m.score, 0);
	pf_rules_free(rs);
	pf_rules_free(NULL);
}

/* The last report of a real log: swapper, order 1, 0x20, RHEL 6.4 z-stream */
static void test_scanned_report(void **state)
{
	static const char text[] = RULE("generic", "gfp = atomic\n") RULE(
		"kb", "kernel = 2.6.32-220.el6 ..\nfixed = 2.6.32-358.el6\n"
		      "order = 1..3\ngfp = atomic !sleep\n"
		      "context = softirq:net_rx\ntrace = tcp_v4_rcv\n"
		      "trace = vmxnet3_*\ntask = swapper*\n")
		RULE("el7", "kernel = 3.10.0-123.el7 ..\norder = 1..3\n"
			    "gfp = atomic\ncontext = softirq\ntask = swapper*\n"
			    "trace = tcp_v4_rcv\n");
	struct reports reps = { 0 };
	struct pf_rules *rs;
	struct pf_rule_match m;
	const struct pf_report *r;

	(void)state;
	assert_int_equal(scan_file(SEED_LOG, &reps, NULL), 0);
	assert_true(reps.nr > 0);
	r = &reps.r[reps.nr - 1];
	assert_string_equal(r->task, "swapper");
	assert_int_equal(r->order, 1);
	assert_string_equal(r->kernel.str, "2.6.32-358.2.1.el6.x86_64");

	rs = parse_ok(text);
	assert_true(pf_rules_match(rs, r, PF_CAUSE_UNKNOWN, &m));
	assert_string_equal(m.rule->id, "kb");
	assert_int_equal(m.score, 7);
	assert_int_equal(m.status, PF_RULE_FIXED);
	pf_rules_free(rs);
	reports_release(&reps);
}

static void check_rules(const struct pf_rules *rs)
{
	size_t i, j;

	assert_true(pf_rules_count(rs) > 0);
	for (i = 0; i < pf_rules_count(rs); i++) {
		const struct pf_rule *ru = pf_rules_get(rs, i);
		bool http = false;

		assert_non_null(ru);
		if (!ru->id[0] || !ru->title[0] || !ru->advice ||
		    !ru->advice[0])
			fail_msg("rule %zu (%s) lacks id, title or advice", i,
				 ru->id);
		for (j = 0; j < (size_t)ru->nr_sources; j++)
			if (!strncmp(ru->sources[j], "http", 4))
				http = true;
		if (!http)
			fail_msg("rule %s has no http source", ru->id);
		for (j = 0; j < i; j++)
			if (!strcmp(pf_rules_get(rs, j)->id, ru->id))
				fail_msg("rule id %s twice", ru->id);
	}
}

static void test_builtin(void **state)
{
	const struct pf_rules *rs = pf_rules_builtin();
	struct pf_rules *file = NULL;
	struct diag_list d = { 0 };

	(void)state;
	assert_non_null(rs);
	assert_ptr_equal(pf_rules_builtin(), rs);
	check_rules(rs);

	/* the built-in copy is data/causes.rules, which parses cleanly */
	if (!path_exists(RULES_FILE))
		return;
	assert_int_equal(pf_rules_load(&file, RULES_FILE, list_diag, &d), 0);
	if (d.nr)
		fail_msg("%s", d.msg[0]);
	assert_int_equal(pf_rules_count(file), pf_rules_count(rs));
	check_rules(file);
	pf_rules_free(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_outside),
		cmocka_unit_test(test_parse_nothing_left),
		cmocka_unit_test(test_parse_huge_and_binary),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_kernel_ranges),
		cmocka_unit_test(test_order_ranges),
		cmocka_unit_test(test_gfp_words),
		cmocka_unit_test(test_context),
		cmocka_unit_test(test_trace_and_task),
		cmocka_unit_test(test_cause),
		cmocka_unit_test(test_best_match),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_null_safety),
		cmocka_unit_test(test_scanned_report),
		cmocka_unit_test(test_builtin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
