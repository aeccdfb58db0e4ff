// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * words.c - the CLI's prose: what a verdict, a size or a state means, in
 * the few words the text output prints.  The library gives the numbers
 * and the reason codes; this file says them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "words.h"

void cli_format_size(unsigned long long bytes, char *buf, size_t len)
{
	if (bytes >= (1ULL << 30) && bytes & ((1ULL << 30) - 1))
		snprintf(buf, len, "%.1f GiB", (double)bytes / (1ULL << 30));
	else if (bytes >= (1ULL << 30))
		snprintf(buf, len, "%llu GiB", bytes >> 30);
	else if (bytes >= (1ULL << 20) && (bytes & ((1ULL << 20) - 1)) &&
		 bytes < (10ULL << 20))
		snprintf(buf, len, "%.1f MiB", (double)bytes / (1ULL << 20));
	else if (bytes >= (1ULL << 20))
		snprintf(buf, len, "%llu MiB", bytes >> 20);
	else
		snprintf(buf, len, "%llu KiB", bytes >> 10);
}

void cli_largest_words(const struct pf_zone *z, int order, char *buf,
		       size_t len)
{
	if (order >= 0)
		cli_format_size((unsigned long long)z->page_kb * 1024 << order,
				buf, len);
	else
		snprintf(buf, len, z->nr_orders ? "none" : "-");
}

/* PF_EVID_* in bit order: the JSON name, then the words */
static const char *const evidence[][2] = {
	{ "dot", "failure. order:" },
	{ "colon", "failure: order:" },
	{ "pid_line", "Pid: task line" },
	{ "cpu_line", "CPU: task line" },
	{ "names", "%pGg names" },
	{ "no_names", "no %pGg names" },
	{ "nodemask", "nodemask=" },
	{ "letters", "migratetype letters" },
	{ "no_letters", "no migratetype letters" },
	{ "mask", "the mask's bits" },
	{ "letter_h", "H among the letters" },
	{ "letter_r", "R among the letters" },
};

const char *cli_evidence_name(unsigned int bit)
{
	for (unsigned int i = 0; i < sizeof(evidence) / sizeof(evidence[0]);
	     i++)
		if (bit == 1U << i)
			return evidence[i][0];
	return NULL;
}

void cli_era_words(const struct pf_era_choice *c, char *buf, size_t len)
{
	size_t n;
	const char *sep = " (";

	if (!c->fits)
		n = (size_t)snprintf(buf, len, "no one kernel era");
	else if (pf_kver_known(&c->lo) && pf_kver_known(&c->hi))
		n = (size_t)snprintf(buf, len, "kernels %s to before %s",
				     c->lo.str, c->hi.str);
	else if (pf_kver_known(&c->lo))
		n = (size_t)snprintf(buf, len, "kernels %s or later",
				     c->lo.str);
	else if (pf_kver_known(&c->hi))
		n = (size_t)snprintf(buf, len, "kernels before %s", c->hi.str);
	else
		n = (size_t)snprintf(buf, len, "any kernel");
	for (unsigned int i = 0; i < sizeof(evidence) / sizeof(evidence[0]);
	     i++) {
		if (!(c->evidence & 1U << i) || n >= len)
			continue;
		n += (size_t)snprintf(buf + n, len - n, "%s%s", sep,
				      evidence[i][1]);
		sep = ", ";
	}
	if (*sep == ',' && n < len)
		snprintf(buf + n, len - n, ")");
}

void cli_replay_era_words(const struct pf_report *r, int ret, char *buf,
			  size_t len)
{
	struct pf_era_choice c;
	char eras[256];

	buf[0] = '\0';
	pf_report_era(r, &c);
	cli_era_words(&c, eras, sizeof(eras));
	if (ret == -EDOM)
		snprintf(buf, len,
			 "--kernel %s cannot have printed this report: its "
			 "format is that of %s",
			 r->kernel.str, eras);
	else if (c.from == PF_ERA_FORMAT)
		snprintf(
			buf, len,
			"the report names no kernel; its format is that of %s: "
			"replaying it on %s, the oldest of them (--kernel to "
			"choose another)",
			eras, c.kver.str);
}

bool cli_assumption_words(const struct pf_kver *kv, unsigned int a, char *buf,
			  size_t len)
{
	buf[0] = '\0';
	if (a & PF_ASSUME_RHEL6_KSWAPD_COMPACT)
		snprintf(
			buf, len,
			"%s: kswapd compacts orders 1 to 3 here, as Red Hat "
			"describes RHEL 6.4's fix, but the balance_pgdat() of "
			"every RHEL 6 source read (2.6.32-358 to -754) compacts "
			"only above order 3, as the era without -vendor does "
			"(docs/eras/kswapd.md)",
			kv->str);
	else if (a & PF_ASSUME_NO_LUMPY_SWEEP)
		snprintf(buf, len,
			 "%s: this era's reclaim also frees, with each page it "
			 "takes for an order above 0, the rest of its aligned "
			 "block on the same LRU list (isolate_lru_pages(), "
			 "docs/eras/lumpy.md); the model does not, and may "
			 "overstate failures above order 0",
			 kv->str);
	return buf[0] != '\0';
}

const char *cli_source_words(int err)
{
	return err == -EINVAL ? "not understood" : pf_strerror(err);
}

/* A short word on the zones' free memory and their largest free block. */
void cli_zone_words(const struct pf_report *r, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < r->nr_zones && n + 1 < len; i++) {
		const struct pf_zone *z = &r->zones[i];
		int largest = -1;
		char sz[32];

		if (z->free < 0 || z->managed == 0 || z->present == 0)
			continue;
		for (int o = 0; o < z->nr_orders; o++)
			if (z->nr_free[o])
				largest = o;
		cli_format_size((unsigned long long)z->free * z->page_kb * 1024,
				sz, sizeof(sz));
		n += (size_t)snprintf(buf + n, len - n, "%s%s free %s",
				      n ? ", " : "", z->name, sz);
		if (n + 1 < len && z->nr_orders)
			n += (size_t)snprintf(
				buf + n, len - n,
				largest < 0 ? " (no free block)"
					    : " (largest block order %d)",
				largest);
	}
	if (n >= len)
		buf[len - 1] = '\0';
}

static const char *softirq_words(const char *s)
{
	/* clang-format off */
	static const struct {
		const char *id, *words;
	} w[] = {
		{ "net_rx", "network receive" }, { "net_tx", "network transmit" },
		{ "timer", "timer" }, { "block", "block I/O completion" },
		{ "tasklet", "tasklet" }, { "rcu", "RCU callback" },
		{ "hrtimer", "hrtimer" }, { "sched", "scheduler" },
	};
	/* clang-format on */

	for (size_t i = 0; s && i < ARRAY_SIZE(w); i++)
		if (!strcmp(s, w[i].id))
			return w[i].words;
	return s ? s : "";
}

size_t cli_report_meaning(const struct pf_report *r, char *buf, size_t len)
{
	struct pf_gfp_caps caps;
	char size[32];
	const char *how, *limits;
	const struct pf_context *c = &r->context;
	int n;

	memset(&caps, 0, sizeof(caps));
	if (r->gfp_layout)
		pf_gfp_caps(r->gfp_mask, r->gfp_layout, &caps);
	cli_format_size(pf_report_bytes(r), size, sizeof(size));
	if (caps.atomic)
		how = "atomic";
	else if (r->gfp_layout && !caps.can_sleep)
		how = "non-blocking";
	else if (r->gfp_layout)
		how = "sleeping";
	else
		how = "page";
	if (!r->gfp_layout)
		limits = "gfp mask not decoded (unknown kernel era)";
	else if (!caps.can_sleep)
		limits =
			caps.high
				? "could not sleep or reclaim, may use part of the min reserve"
				: "could not sleep or reclaim";
	else if (r->order > 3)
		limits =
			"a costly order: reclaim and compaction could not assemble it";
	else
		limits =
			"reclaim and compaction did not free a large enough block";

	n = snprintf(buf, len, "%s %s allocation", size, how);
	switch (c->kind) {
	case PF_CTX_SOFTIRQ:
		n += snprintf(buf + n, len > (size_t)n ? len - n : 0,
			      " in %s softirq", softirq_words(c->softirq));
		break;
	case PF_CTX_HARDIRQ:
		n += snprintf(buf + n, len > (size_t)n ? len - n : 0,
			      " in hard interrupt");
		break;
	case PF_CTX_KSWAPD:
		n += snprintf(buf + n, len > (size_t)n ? len - n : 0,
			      " by kswapd");
		break;
	case PF_CTX_PROCESS:
		n += snprintf(buf + n, len > (size_t)n ? len - n : 0,
			      " in process context");
		break;
	default:
		break;
	}
	if (c->subsystem && !(c->softirq && !strcmp(c->subsystem, "network") &&
			      !strcmp(c->softirq, "net_rx")))
		n += snprintf(buf + n, len > (size_t)n ? len - n : 0, " for %s",
			      c->subsystem);
	if (c->via && (!c->subsystem || strcmp(c->via, c->subsystem)))
		n += snprintf(buf + n, len > (size_t)n ? len - n : 0, " via %s",
			      c->via);
	n += snprintf(buf + n, len > (size_t)n ? len - n : 0, "; %s", limits);
	return n < 0 ? 0 : (size_t)n;
}
