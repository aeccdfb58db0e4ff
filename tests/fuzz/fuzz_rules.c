// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_rules.c - libFuzzer target for the rules parser: the input is a
 * rules file.  Every rule kept is read back whole and the set is matched
 * against a few reports of different eras, so that the conditions the
 * parser built are exercised too.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "libpagefail.h"

static size_t diag_bytes;

static void on_diag(const char *source, unsigned long line, const char *msg,
		    void *data)
{
	diag_bytes += strlen(source) + strlen(msg) + line % 2;
}

static void add_frame(struct pf_report *r, const char *func, int kind)
{
	struct pf_frame *f = &r->frames[r->nr_frames++];

	snprintf(f->func, sizeof(f->func), "%s", func);
	f->kind = (unsigned int)kind;
}

/* An atomic order-1 RHEL 6 failure in net_rx, a sleeping 5.x one, nothing. */
static struct pf_report reports[3];

/* The first line of a report, the kernel that printed it, its context */
static void report_head(struct pf_report *r, const char *kernel,
			const char *task, int order, unsigned long mask,
			int layout, int ctx)
{
	pf_report_init(r);
	pf_kver_parse(kernel, &r->kernel);
	snprintf(r->task, sizeof(r->task), "%s", task);
	r->order = order;
	snprintf(r->mode, sizeof(r->mode), "0x%lx", mask);
	r->gfp_mask = mask;
	r->gfp_layout = layout;
	r->context.kind = ctx;
}

static void setup(void)
{
	struct pf_report *r = &reports[0];

	report_head(r, "2.6.32-358.2.1.el6.x86_64", "swapper", 1, 0x20,
		    PF_GFP_2_6_24, PF_CTX_SOFTIRQ);
	r->context.softirq = "net_rx";
	add_frame(r, "IRQ", PF_FRAME_MARKER);
	add_frame(r, "__alloc_pages_nodemask", PF_FRAME_FUNC);
	add_frame(r, "tcp_v4_rcv", PF_FRAME_FUNC);
	add_frame(r, "vmxnet3_poll_rx_only", PF_FRAME_FUNC);

	r = &reports[1];
	report_head(r, "5.10.0-8-amd64", "kworker/u16:2", 4, 0x40cc0,
		    PF_GFP_5_0, PF_CTX_PROCESS);
	add_frame(r, "kmalloc_order", PF_FRAME_FUNC);

	pf_report_init(&reports[2]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct pf_rules *rs = NULL;
	struct pf_rule_match m;
	size_t i, sum = 0;
	int j;

	if (!ready) {
		setup();
		ready = 1;
	}
	if (pf_rules_parse(&rs, "fuzz", (const char *)data, size, on_diag,
			   NULL))
		return 0;
	for (i = 0; i < pf_rules_count(rs); i++) {
		const struct pf_rule *ru = pf_rules_get(rs, i);

		sum += strlen(ru->id) + strlen(ru->title) + strlen(ru->advice);
		if (ru->fixed_advice)
			sum += strlen(ru->fixed_advice);
		if (ru->update)
			sum += strlen(ru->update);
		for (j = 0; j < ru->nr_sources; j++)
			sum += strlen(ru->sources[j]);
	}
	for (i = 0; i < sizeof(reports) / sizeof(reports[0]); i++)
		for (j = PF_CAUSE_OK; j <= PF_CAUSE_UNKNOWN; j++)
			if (pf_rules_match(rs, &reports[i], j, &m))
				sum += (size_t)m.score +
				       strlen(pf_rule_status_name(m.status));
	diag_bytes += sum;
	pf_rules_free(rs);
	return 0;
}
