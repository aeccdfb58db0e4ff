// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * print_advise.c - what advise prints, in text and in JSON by the same
 * calls: the evidence the reports give, the machine, each recommended
 * sysctl with its working and cost (an advice item), the known cause and
 * the kernel update, and the replay of --verify.
 */
#include <limits.h>
#include <string.h>

#include "cli.h"
#include "print.h"
#include "words.h"

/* The evidence: how many reports, of what orders, bursts and causes. */
static void print_evidence(const struct pf_evidence *e)
{
	const char *b = cli_c(CLI_BOLD), *d = cli_c(CLI_DIM);
	const char *n = cli_c(CLI_RESET);

	open_json_object("evidence");
	print_fp("%sevidence:%s ", b, n);
	print_uint(PRINT_ANY, "reports", "%llu", e->reports);
	print_fp(" report%s (", e->reports == 1 ? "" : "s");
	print_uint(PRINT_ANY, "with_meminfo", "%llu with Mem-Info, ",
		   e->with_meminfo);
	print_uint(PRINT_ANY, "cannot_sleep",
		   "%llu from requests that cannot sleep)", e->atomic);
	for (int i = 0; i < PF_CAUSE_NR; i++)
		if (e->causes[i] && i != PF_CAUSE_UNKNOWN)
			print_fp("; %s %lu", pf_cause_name(i), e->causes[i]);
	print_fp("\n");
	open_json_object("by_order");
	for (int o = 0; o < PF_MAX_ORDER; o++) {
		char k[8];

		snprintf(k, sizeof(k), "%d", o);
		if (e->by_order[o])
			print_uint(PRINT_JSON, k, NULL, e->by_order[o]);
	}
	close_json_object();
	open_json_array("bursts");
	for (int o = 0; o < PF_MAX_ORDER; o++) {
		const struct pf_burst *bu = &e->burst[o];

		if (!bu->failures)
			continue;
		open_json_object(NULL);
		print_fp("  %slargest burst, ", d);
		print_int(PRINT_ANY, "order", "order %lld:", o);
		print_fp("%s", n);
		print_uint(PRINT_ANY, "failures", " %llu", bu->failures);
		print_fp(" failure%s in", bu->failures == 1 ? "" : "s");
		print_double(PRINT_ANY, "seconds", " %.0f s", bu->seconds);
		print_uint(PRINT_JSON, "bytes", NULL, bu->bytes);
		print_string_opt(PRINT_ANY, "first", ", from %s", bu->first);
		print_fp("\n");
		close_json_object();
	}
	close_json_array();
	open_json_object("causes");
	for (int i = 0; i < PF_CAUSE_NR; i++)
		if (e->causes[i])
			print_uint(PRINT_JSON, pf_cause_name(i), NULL,
				   e->causes[i]);
	close_json_object();
	close_json_object();
}

/*
 * The machine the advice is for: JSON puts it before the evidence, the
 * text after it, so it is called twice, once for each.
 */
static void print_machine(const struct pf_advice *a, enum output_type t)
{
	const char *b = cli_c(CLI_BOLD), *d = cli_c(CLI_DIM);
	const char *n = cli_c(CLI_RESET), *from = a->machine_from;
	bool known = pf_kver_known(&a->kernel);
	char ram[32];

	if (t & PRINT_FP)
		print_fp("%smachine:%s ", b, n);
	print_string_opt(t, "kernel", "%s", known ? a->kernel.str : NULL);
	if (t & PRINT_FP) {
		cli_format_size(a->ram_kb * 1024, ram, sizeof(ram));
		print_fp("%s, %s, ", known ? "" : "kernel unknown",
			 a->ram_kb ? ram : "memory size unknown");
	}
	print_string_opt(t & PRINT_JSON, "machine_from", NULL, from);
	print_int(t, "nodes", "%lld NUMA node", a->nr_nodes);
	if (t & PRINT_FP)
		print_fp("%s", a->nr_nodes == 1 ? "" : "s");
	print_num(t, "cpus", ", %lld CPUs", a->nr_cpus > 0 ? a->nr_cpus : -1);
	print_uint(t & PRINT_JSON, "ram_kb", NULL, a->ram_kb);
	print_uint(t & PRINT_JSON, "lowmem_kb", NULL, a->lowmem_kb);
	if (!(t & PRINT_FP))
		return;
	if (from)
		from = strcmp(from, "system") ? "the newest report's Mem-Info"
					      : "the system";
	print_fp(" %s(from %s)%s\n%s", d, from ? from : "nothing", n,
		 a->other ? "" : "\n");
}

/*
 * The reports' machine, when it is not the one advised: one line of text
 * (after the machine's), an object in JSON ("other_machine", else null).
 */
static void print_other(const struct pf_advice *a, enum output_type t)
{
	static const struct {
		unsigned int bit;
		const char *name;
	} what[] = { { PF_OTHER_KERNEL, "kernel" },
		     { PF_OTHER_PAGE, "page_size" },
		     { PF_OTHER_ZONES, "zones" },
		     { PF_OTHER_SIZE, "memory" } };
	char ram[32];

	if (!a->other) {
		print_null(t & PRINT_JSON, "other_machine", NULL, NULL);
		return;
	}
	open_json_object("other_machine");
	print_fp("%sthe reports are of another machine:%s", cli_c(CLI_BOLD),
		 cli_c(CLI_RESET));
	print_string_opt(t, "kernel", " kernel %s,",
			 pf_kver_known(&a->report_kernel) ? a->report_kernel.str
							  : NULL);
	print_uint(t, "page_kb", " %llu KiB pages,", a->report_page_kb);
	cli_format_size(a->report_ram_kb * 1024, ram, sizeof(ram));
	print_uint(t & PRINT_JSON, "ram_kb", NULL, a->report_ram_kb);
	print_fp(" %s in its zones; differs in", ram);
	open_json_array("differs");
	for (size_t i = 0, k = 0; i < sizeof(what) / sizeof(what[0]); i++)
		if (a->other & what[i].bit)
			print_string(t, NULL, k++ ? ", %s" : " %s",
				     what[i].name);
	close_json_array();
	close_json_object();
	print_fp("\n\n");
}

/* One sysctl: where it is and where it should be, and why. */
static void print_advice_item(const struct pf_advice_item *it)
{
	const char *b = cli_c(CLI_BOLD), *d = cli_c(CLI_DIM);
	const char *n = cli_c(CLI_RESET);
	struct cli_buf working = { 0 }, cost = { 0 };

	open_json_object(NULL);
	print_fp("%s", b);
	print_string(PRINT_ANY, "name", "%s", it->name);
	print_fp("%s: ", n);
	print_bool(PRINT_JSON, "applies", NULL, it->applies);
	print_bool(PRINT_JSON, "change", NULL, it->change);
	if (!it->applies)
		print_fp("%snot applicable%s\n", d, n);
	else if (it->value < 0)
		print_fp("see below");
	else if (it->change && it->current >= 0)
		print_fp("%ld -> %s%ld%s", it->current, b, it->value, n);
	else if (it->change)
		print_fp("(not known) -> %s%ld%s", b, it->value, n);
	else
		print_fp("%ld (keep)", it->value);
	print_num(PRINT_JSON, "current", NULL, it->current);
	print_string_opt(PRINT_JSON, "current_from", NULL, it->current_from);
	print_num(PRINT_JSON, "recommended", NULL, it->value);
	print_num(PRINT_JSON, "default", NULL, it->default_value);
	print_int(PRINT_JSON, "safe_min", NULL, it->safe_min);
	print_num(PRINT_JSON, "safe_max", NULL,
		  it->safe_max != LONG_MAX ? it->safe_max : -1);
	if (it->applies && it->safe_max != LONG_MAX)
		print_fp("  %ssafe %ld..%ld%s", d, it->safe_min, it->safe_max,
			 n);
	if (it->applies)
		print_fp("\n");
	cli_advice_working(it, &working);
	cli_advice_cost(it, &cost);
	print_wrapped(PRINT_ANY, "working", 4, it->applies ? "working: " : "",
		      cli_buf_str(&working));
	print_string_opt(PRINT_JSON, "cost", NULL, cli_buf_str(&cost));
	if (it->applies && (it->change || it->value < 0) && cost.n)
		print_wrapped(PRINT_FP, NULL, 4, "cost: ", cli_buf_str(&cost));
	close_json_object();
	cli_buf_release(&working);
	cli_buf_release(&cost);
}

/* The known cause of the reports, when there is one. */
static void print_advice_rule(const struct pf_advice *a)
{
	const struct pf_rule *r = a->rule;
	char label[96];

	if (!r) {
		print_null(PRINT_JSON, "known_cause", NULL, NULL);
		return;
	}
	open_json_object("known_cause");
	print_string(PRINT_JSON, "id", NULL, r->id);
	snprintf(label, sizeof(label),
		 "known cause (%s): ", pf_rule_status_name(a->rule_status));
	print_fp("\n");
	print_wrapped(PRINT_ANY, "title", 0, label, r->title);
	print_string(PRINT_JSON, "status", NULL,
		     pf_rule_status_name(a->rule_status));
	print_wrapped(PRINT_FP, NULL, 4, "advice: ",
		      a->rule_status == PF_RULE_FIXED && r->fixed_advice
			      ? r->fixed_advice
			      : r->advice);
	if (r->nr_sources)
		print_fp("    source: %s\n", r->sources[0]);
	close_json_object();
}

/* --verify: the report replayed as it was and with the advice. */
static void print_verify(const struct cli_verify *v)
{
	char at[300];

	open_json_object("verify");
	if (!v->done) {
		print_null(PRINT_JSON, "report", NULL, NULL);
		print_string(PRINT_ANY, "error", "verify: %s\n", v->error);
		close_json_object();
		return;
	}
	snprintf(at, sizeof(at), "%s:%lu", v->source, v->r->line);
	print_string(PRINT_JSON, "report", NULL, at);
	print_fp("verify: replaying %s order %d on ",
		 v->r->task[0] ? v->r->task : "the request", v->r->order);
	print_string(PRINT_ANY, "kernel", "%s", v->kernel);
	print_uint(PRINT_ANY, "failures_before", ": %llu", v->before);
	print_fp(" failure%s as it was, ", v->before == 1 ? "" : "s");
	print_uint(PRINT_ANY, "failures_after", "%llu with the advice\n",
		   v->after);
	/*
	 * A replay that fails as often or more with the advice does not
	 * support it, and says so: a larger reserve is no more blocks of the
	 * order the burst needs until kswapd has made them, and a larger min
	 * is a stricter check for every order.
	 */
	print_bool(PRINT_JSON, "helps", NULL, v->after < v->before);
	if (v->after > v->before)
		print_fp("  the replay fails more with the advice: the reserve "
			 "alone does not give this burst its order-%d blocks "
			 "in time\n",
			 v->r->order);
	else if (v->before && v->after == v->before)
		print_fp("  the replay fails as often with the advice: do not "
			 "count on it alone\n");
	if (v->note[0])
		print_wrapped(PRINT_ANY, "note", 2, "note: ", v->note);
	else
		print_null(PRINT_JSON, "note", NULL, NULL);
	close_json_object();
}

void print_advice(const struct pf_evidence *e, const struct pf_advice *a,
		  const struct cli_verify *v)
{
	struct cli_buf note = { 0 };

	open_json_object(NULL);
	print_machine(a, PRINT_JSON);
	print_evidence(e);
	print_machine(a, PRINT_FP);
	print_other(a, PRINT_ANY);
	open_json_array("recommendations");
	for (int i = 0; i < a->nr_items; i++)
		print_advice_item(&a->items[i]);
	close_json_array();
	print_string_opt(PRINT_JSON, "kernel_update", NULL, a->update);
	print_advice_rule(a);
	if (a->update && a->update[0])
		print_wrapped(PRINT_FP, NULL, 0, "kernel: ", a->update);
	print_fp("\n");
	cli_advice_note(a, &note);
	print_wrapped(PRINT_ANY, "note", 0, "", cli_buf_str(&note));
	cli_buf_release(&note);
	if (v->want)
		print_verify(v);
	print_fp("%s'pagefail advise --sysctl' prints the file; --apply writes "
		 "and sets it.%s\n",
		 cli_c(CLI_DIM), cli_c(CLI_RESET));
	close_json_object();
	print_record_end();
}
