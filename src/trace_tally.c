// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace_tally.c - the atomic demand of trace's windows, summed as they
 * drain: how many windows took each number of pages (exact, so the
 * percentiles are those of every window), the pages in all, the failures
 * and the most requests of each order.  A window is not kept: a day of
 * 10 ms windows is 8.6 million of them, but the pages one window takes
 * come to far fewer distinct values, and the memory is theirs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tracer.h"

/* Where pages is in the sorted values, or where it would go. */
static size_t tally_find(const struct trace_tally *ty, unsigned long long pages)
{
	size_t lo = 0, hi = ty->nr_vals;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ty->vals[mid].pages < pages)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int trace_tally_add(struct trace_tally *ty, const struct trace_window *w)
{
	size_t i = tally_find(ty, w->pages);

	if (i == ty->nr_vals || ty->vals[i].pages != w->pages) {
		if (PF_GROW(ty->vals, ty->alloc_vals, ty->nr_vals + 1, 256))
			return -ENOMEM;
		memmove(&ty->vals[i + 1], &ty->vals[i],
			(ty->nr_vals - i) * sizeof(*ty->vals));
		ty->vals[i] = (struct trace_tally_val){ .pages = w->pages };
		ty->nr_vals++;
	}
	ty->vals[i].windows++;
	ty->windows++;
	ty->pages += w->pages;
	ty->fails += w->fails;
	for (int o = 0; o < TRACE_WINDOW_ORDERS; o++)
		if (w->allocs[o] > ty->max_allocs[o])
			ty->max_allocs[o] = w->allocs[o];
	return 0;
}

unsigned long long trace_tally_pct(const struct trace_tally *ty, double p)
{
	unsigned long long rank, seen = 0;

	if (!ty->windows)
		return 0;
	/* nearest rank: the smallest value with p% of the windows at or under */
	rank = (unsigned long long)(p / 100.0 * (double)ty->windows + 0.999999);
	for (size_t i = 0; i < ty->nr_vals; i++) {
		seen += ty->vals[i].windows;
		if (seen >= rank)
			return ty->vals[i].pages;
	}
	return ty->vals[ty->nr_vals - 1].pages;
}

void trace_tally_release(struct trace_tally *ty)
{
	free(ty->vals);
	memset(ty, 0, sizeof(*ty));
}
