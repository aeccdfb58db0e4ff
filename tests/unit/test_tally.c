// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test_tally.c - unit tests of trace's window tally (src/trace_tally.c):
 * its percentiles are those of every window kept and sorted (nearest
 * rank), whatever order the windows come in, with repeated values, one
 * window, none; its sums and per-order maxima are those of the windows;
 * and its memory grows with the distinct values, not the windows.
 */
#include "helpers.h"
#include "tracer.h"

static int ull_cmp(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a,
			   y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

/* the nearest rank of the sorted values, as the tally must give it */
static unsigned long long sorted_pct(unsigned long long *v, size_t n, double p)
{
	size_t k = 0; /* the least rank with p% of the n at or under it */

	while ((double)k < p / 100.0 * (double)n - 1e-9)
		k++;
	return v[k ? k - 1 : 0];
}

static void test_empty(void **state)
{
	struct trace_tally ty = { 0 };

	(void)state;
	assert_int_equal(trace_tally_pct(&ty, 50), 0);
	assert_int_equal(trace_tally_pct(&ty, 100), 0);
	trace_tally_release(&ty);
}

static void test_one(void **state)
{
	struct trace_tally ty = { 0 };
	struct trace_window w = { .pages = 7, .allocs = { 1, 3 }, .fails = 2 };

	(void)state;
	assert_int_equal(trace_tally_add(&ty, &w), 0);
	assert_int_equal(trace_tally_pct(&ty, 0.1), 7);
	assert_int_equal(trace_tally_pct(&ty, 99.9), 7);
	assert_int_equal(ty.windows, 1);
	assert_int_equal(ty.pages, 7);
	assert_int_equal(ty.fails, 2);
	assert_int_equal(ty.max_allocs[1], 3);
	trace_tally_release(&ty);
}

/*
 * Windows of a burst: mostly idle (0 to 3 pages), a few of hundreds, in a
 * shuffled order; every percentile the summary shows, and some others,
 * against the sorted list of them all.
 */
static void test_against_sorted(void **state)
{
	static const double ps[] = {
		0.01, 1, 10, 50, 90, 99, 99.9, 99.99, 100
	};
	enum { N = 100003 };
	unsigned long long *v = malloc(N * sizeof(*v)), pages = 0, fails = 0;
	unsigned long long max1 = 0;
	struct trace_tally ty = { 0 };
	unsigned int seed = 12345;

	(void)state;
	assert_non_null(v);
	for (size_t i = 0; i < N; i++) {
		struct trace_window w = { 0 };

		seed = seed * 1103515245u + 12345u;
		w.pages = (seed >> 16) % 4;
		if ((seed >> 8) % 1000 == 0)
			w.pages = 200 + (seed >> 20) % 300;
		w.allocs[1] = w.pages / 2;
		w.fails = w.pages > 450;
		v[i] = w.pages;
		pages += w.pages;
		fails += w.fails;
		if (w.allocs[1] > max1)
			max1 = w.allocs[1];
		assert_int_equal(trace_tally_add(&ty, &w), 0);
	}
	qsort(v, N, sizeof(*v), ull_cmp);
	for (size_t i = 0; i < sizeof(ps) / sizeof(*ps); i++)
		assert_int_equal(trace_tally_pct(&ty, ps[i]),
				 sorted_pct(v, N, ps[i]));
	assert_int_equal(ty.windows, N);
	assert_int_equal(ty.pages, pages);
	assert_int_equal(ty.fails, fails);
	assert_int_equal(ty.max_allocs[1], max1);
	/* a value each: 0-3 and at most 300 of the burst's, never N */
	assert_true(ty.nr_vals <= 4 + 300);
	for (size_t i = 1; i < ty.nr_vals; i++)
		assert_true(ty.vals[i - 1].pages < ty.vals[i].pages);
	free(v);
	trace_tally_release(&ty);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_one),
		cmocka_unit_test(test_against_sorted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
