// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * counters.c - the /proc/vmstat counters that say whether reclaim and
 * compaction keep up, read the same way on every kernel: up to 4.8 many
 * were per zone (pgscan_kswapd_normal, allocstall_* came back per zone in
 * 4.9), so a counter is the sum of its zone variants.  Names per era:
 * shared/reference/kernel-facts.md section 6.  A variant that was not a
 * number (PF_VMSTAT_UNKNOWN) makes the sum unknown.
 */
#include <limits.h>
#include <string.h>

#include "libpagefail.h"

/* clang-format off */
const char *const pf_counter_names[PF_NR_COUNTERS] = {
	"compact_stall", "compact_fail", "compact_success",
	"kswapd_low_wmark_hit_quickly", "kswapd_high_wmark_hit_quickly",
	"allocstall", "pgscan_kswapd", "pgscan_direct", "pgsteal_kswapd",
	"pgsteal_direct", "compact_daemon_wake", "pageoutrun",
};
/* clang-format on */

/* "base" itself, or "base_<zone>" with a zone name after the underscore */
static bool is_variant(const char *name, const char *base, size_t n)
{
	/* clang-format off */
	static const char *const zones[] = {
		"dma", "dma32", "normal", "high", "highmem", "movable", "device",
	};
	/* clang-format on */

	if (strncmp(name, base, n))
		return false;
	if (!name[n])
		return true;
	if (name[n] != '_')
		return false;
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (!strcmp(name + n + 1, zones[i]))
			return true;
	return false;
}

/*
 * The sum of base's variants, or -1: none there, one of them unknown
 * (PF_VMSTAT_UNKNOWN: a part is not the whole), or a sum past LLONG_MAX.
 */
long long pf_system_counter(const struct pf_system *sys, const char *base)
{
	size_t n = strlen(base);
	unsigned long long sum = 0;
	bool any = false;

	for (int i = 0; i < sys->nr_vmstat && i < PF_VMSTAT_MAX; i++) {
		unsigned long long v = sys->vmstat[i].value;

		if (!is_variant(sys->vmstat[i].name, base, n))
			continue;
		if (v > LLONG_MAX || sum > LLONG_MAX - v)
			return -1;
		sum += v;
		any = true;
	}
	return any ? (long long)sum : -1;
}
