// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * print_sim.c - what simulate prints, in text and in JSON by the same
 * calls: the result of a run (in text a few lines, or a row of the sweep's
 * table), with its time series in JSON, and the microbenchmark.
 */
#include <math.h>

#include "cli.h"
#include "print.h"

/* The simulator's pages are 4 KiB (lib/sim/buddy.c) */
#define SIM_PAGE_KB 4

/* The time series as JSON: the same columns as the CSV. */
static void print_series(const struct pf_sim_sample *v, size_t nr)
{
	open_json_array("series");
	for (size_t i = 0; i < nr; i++) {
		const struct pf_sim_sample *p = &v[i];

		/* clang-format off */
		const long size[ZS_NR] = {
			[ZS_FREE] = (long)p->free_pages, [ZS_MIN] = p->min,
			[ZS_LOW] = p->low, [ZS_HIGH] = p->high,
		};
		/* clang-format on */

		open_json_object(NULL);
		print_double(PRINT_JSON, "t", NULL, p->t);
		/* the sums over the zones, in the keys of a zone */
		print_zone_sizes(size, SIM_PAGE_KB,
				 1u << ZS_FREE | 1u << ZS_MIN | 1u << ZS_LOW |
					 1u << ZS_HIGH);
		open_json_array("free_blocks");
		for (int o = 0; o < 11; o++)
			print_uint(PRINT_JSON, NULL, NULL, p->nr_free[o]);
		close_json_array();
		/* deprecated: min_pages, low_pages, high_pages (one release) */
		print_int(PRINT_JSON, "min", NULL, p->min);
		print_int(PRINT_JSON, "low", NULL, p->low);
		print_int(PRINT_JSON, "high", NULL, p->high);
		print_uint(PRINT_JSON, "kswapd_reclaimed", NULL,
			   p->kswapd_reclaimed);
		print_uint(PRINT_JSON, "compacted", NULL, p->compacted);
		print_uint(PRINT_JSON, "failures", NULL, p->failures);
		close_json_object();
	}
	close_json_array();
}

void print_sim_sweep_header(const char *name)
{
	print_fp("%-24s %10s %10s %12s %12s\n", name, "failures", "above_min",
		 "reclaimed", "compacted");
}

/* The failures: how many, of what orders, the first when. */
static void print_failures(const struct pf_sim_result *r, bool sweep)
{
	enum output_type one = sweep ? PRINT_JSON : PRINT_ANY;
	char k[8], fmt[32];

	print_uint(PRINT_ANY, "failures", sweep ? " %10llu" : "%llu",
		   r->failures);
	if (!sweep)
		print_fp(" failure%s%s", r->failures == 1 ? "" : "s",
			 cli_c(CLI_RESET));
	open_json_object("failures_by_order");
	for (int o = 0; o < PF_MAX_ORDER; o++) {
		if (!r->failures_by_order[o])
			continue;
		snprintf(k, sizeof(k), "%d", o);
		snprintf(fmt, sizeof(fmt), " (order %d: %%llu)", o);
		print_uint(one, k, fmt, r->failures_by_order[o]);
	}
	close_json_object();
	print_uint(sweep ? PRINT_ANY : PRINT_JSON, "failures_above_min",
		   " %10llu", r->failures_above_min);
	if (r->first_failure >= 0)
		print_double(one, "first_failure", ", the first at %.3f s",
			     r->first_failure);
	else
		print_null(PRINT_JSON, "first_failure", NULL, NULL);
	if (!sweep)
		print_fp("\n");
	if (!sweep && r->failures)
		print_fp("  failures with free memory above min: %llu\n",
			 r->failures_above_min);
}

/* The rates the scenario left to the kernel's measured ones, in text */
static void print_sim_rates(const struct pf_sim_result *r)
{
	print_fp("  ");
	if (r->scan_rate_measured)
		print_fp("kswapd %.0f%s", r->scan_rate,
			 r->compact_rate_measured ? " and " : "");
	if (r->compact_rate_measured)
		print_fp("compaction %.0f", r->compact_rate);
	print_fp(" pages a second, as measured on %s\n", r->rates_measured);
}

/*
 * One run: in text its lines, or with a sweep (set_name) its row of the
 * table; in JSON its object, with the series when there is one.
 */
void print_sim_result(const struct pf_sim_result *r, const char *kernel,
		      const char *set_name, const char *set_value,
		      const struct pf_sim_sample *series, size_t nr_series)
{
	const char *b = cli_c(CLI_BOLD), *n = cli_c(CLI_RESET);
	bool sweep = set_name;
	enum output_type one = sweep ? PRINT_JSON : PRINT_ANY;

	open_json_object(NULL);
	if (sweep) {
		open_json_object("setting");
		print_string(PRINT_ANY, set_name, "%-24s", set_value);
		close_json_object();
	}
	if (!sweep)
		print_fp("%skernel ", b);
	print_string(one, "kernel", "%s", kernel);
	print_int(one, "min_free_kbytes", ", vm.min_free_kbytes %lld",
		  r->min_free_kbytes);
	/* in text only when the era's boot chose it, not the user */
	print_int(one == PRINT_ANY && !r->zone_reclaim_boot ? PRINT_JSON : one,
		  "zone_reclaim_mode", ", vm.zone_reclaim_mode %lld",
		  r->zone_reclaim_mode);
	print_bool(PRINT_JSON, "zone_reclaim_mode_at_boot", NULL,
		   r->zone_reclaim_boot);
	if (r->zone_reclaim_boot && !sweep)
		print_fp(" (set at boot: its nodes are %d apart, more than "
			 "RECLAIM_DISTANCE %d)",
			 r->node_distance, r->reclaim_distance);
	print_double(PRINT_JSON, "scan_rate", NULL, r->scan_rate);
	print_double(PRINT_JSON, "compact_rate", NULL, r->compact_rate);
	if (r->rates_measured)
		print_string(PRINT_JSON, "rates_measured", NULL,
			     r->rates_measured);
	else
		print_null(PRINT_JSON, "rates_measured", NULL, NULL);
	if (!sweep)
		print_fp("%s\n", n);
	if (!sweep && r->rates_measured)
		print_sim_rates(r);
	if (!sweep)
		print_fp("simulated %.1f s: %llu allocations, %s",
			 r->sim_seconds, r->allocations, b);
	print_failures(r, sweep);
	print_uint(PRINT_JSON, "allocations", NULL, r->allocations);
	print_uint(one, "kswapd_wakeups", "  kswapd: %llu wakeups, ",
		   r->kswapd_wakeups);
	print_uint(PRINT_ANY, "kswapd_reclaimed_pages",
		   sweep ? " %12llu" : "%llu pages reclaimed; ",
		   r->kswapd_reclaimed_pages);
	print_uint(one, "direct_reclaimed_pages",
		   "direct reclaim: %llu pages; ", r->direct_reclaimed_pages);
	/* vm.zone_reclaim_mode's own reclaim, in text only when it did any */
	print_uint(one == PRINT_ANY && !r->node_reclaimed_pages ? PRINT_JSON
								: one,
		   "node_reclaimed_pages", "node reclaim: %llu pages; ",
		   r->node_reclaimed_pages);
	print_uint(one, "compact_stall", "compaction: %llu stalls, ",
		   r->compact_stall);
	print_uint(PRINT_ANY, "compacted_pages",
		   sweep ? " %12llu\n" : "%llu pages migrated\n",
		   r->compacted_pages);
	print_uint(one, "free_pageblocks",
		   "  free blocks of pageblock order "
		   "or more at the end: %llu\n",
		   r->free_pageblocks);
	print_double(PRINT_JSON, "sim_seconds", NULL, r->sim_seconds);
	print_uint(PRINT_JSON, "page_ops", NULL, r->page_ops);
	if (series)
		print_series(series, nr_series);
	close_json_object();
	print_record_end();
}

void print_sim_bench(double ops, double bytes_per_page)
{
	open_json_object(NULL);
	print_uint(PRINT_ANY, "page_ops_per_second",
		   "%llu page operations per second, ", llround(ops));
	print_double(PRINT_ANY, "bytes_per_page", "%.2f bytes per page\n",
		     round(bytes_per_page * 100) / 100);
	close_json_object();
	print_record_end();
}
