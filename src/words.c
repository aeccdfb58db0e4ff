// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * words.c - the CLI's prose: what a verdict, a size or a state means, in
 * the few words the text output prints.  The library gives the numbers
 * and the reason codes; this file says them.
 */
#include <errno.h>
#include <stdio.h>

#include "cli.h"
#include "words.h"

void cli_verdict_words(const struct pf_report *r,
		       const struct pf_zone_verdict *v, char *buf, size_t len)
{
	const struct pf_wm_check *c = &v->check;

	if (!v->allowed) {
		snprintf(buf, len, "not allowed: %s", v->why_not);
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
			snprintf(buf, len, "fragmentation (%ld pages free in "
				 "blocks of order >= %d; the check needs more "
				 "than %ld)", c->order_free, c->failed_order,
				 c->order_min);
		else
			snprintf(buf, len, "fragmentation (no free block of "
				 "order >= %d)", r->order);
		break;
	case PF_CAUSE_LOWMEM_RESERVE:
		snprintf(buf, len, "lowmem_reserve (%ld pages kept back)",
			 c->reserve);
		break;
	case PF_CAUSE_HIGHATOMIC:
		snprintf(buf, len, "highatomic reserve (%ld pages kept back)",
			 c->highatomic);
		break;
	default:
		snprintf(buf, len, "unknown (no buddy line)");
		break;
	}
}

void cli_largest_words(const struct pf_zone *z, int order, char *buf,
		       size_t len)
{
	if (order >= 0)
		pf_format_size((unsigned long long)z->page_kb * 1024 << order,
			       buf, len);
	else
		snprintf(buf, len, z->nr_orders ? "none" : "-");
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
		pf_format_size((unsigned long long)z->free * z->page_kb * 1024,
			       sz, sizeof(sz));
		n += (size_t)snprintf(buf + n, len - n, "%s%s free %s",
				      n ? ", " : "", z->name, sz);
		if (n + 1 < len && z->nr_orders)
			n += (size_t)snprintf(buf + n, len - n, largest < 0 ?
					      " (no free block)" :
					      " (largest block order %d)",
					      largest);
	}
	if (n >= len)
		buf[len - 1] = '\0';
}
