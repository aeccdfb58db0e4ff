/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * steps.h - a log scanned whole and in pieces must give the same reports,
 * field by field: the scanner's streaming may not depend on where a read
 * ends.  Shared by the scanner's tests.
 */
#ifndef PF_TEST_STEPS_H
#define PF_TEST_STEPS_H

#include "helpers.h"
#include "print.h"
#include "zones.h"

/* Join lines into one log, each with its newline; free() the result. */
static inline char *join_lines(const char *const *lines, size_t n)
{
	size_t len = 1;
	char *s, *p;

	for (size_t i = 0; i < n; i++)
		len += strlen(lines[i]) + 1;
	s = p = malloc(len);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(lines[i]);

		memcpy(p, lines[i], l);
		p += l;
		*p++ = '\n';
	}
	*p = '\0';
	return s;
}

#define JOIN(a)	  join_lines(a, sizeof(a) / sizeof(a[0]))
#define NLINES(a) (sizeof(a) / sizeof(a[0]))

static inline void assert_str_or_null_equal(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static inline void assert_reports_equal(const struct pf_report *a,
					const struct pf_report *b)
{
	assert_string_equal(a->source, b->source);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->last_line, b->last_line);
	assert_string_equal(a->host, b->host);
	assert_string_equal(a->time, b->time);
	assert_true(a->mono == b->mono);
	assert_int_equal(a->epoch, b->epoch);
	assert_string_equal(a->task, b->task);
	assert_int_equal(a->order, b->order);
	assert_string_equal(a->mode, b->mode);
	assert_int_equal(a->gfp_mask, b->gfp_mask);
	assert_string_equal(a->mode_names, b->mode_names);
	assert_string_equal(a->nodemask, b->nodemask);
	assert_string_equal(a->cpuset, b->cpuset);
	assert_string_equal(a->mems_allowed, b->mems_allowed);
	assert_int_equal(a->callbacks_suppressed, b->callbacks_suppressed);
	assert_string_equal(a->caller_msg, b->caller_msg);
	assert_int_equal(a->pid, b->pid);
	assert_int_equal(a->cpu, b->cpu);
	assert_string_equal(a->comm, b->comm);
	assert_string_equal(a->taint, b->taint);
	assert_string_equal(a->hardware, b->hardware);
	assert_string_equal(a->workqueue, b->workqueue);
	assert_string_equal(a->kernel.str, b->kernel.str);
	assert_int_equal(a->kernel.code, b->kernel.code);
	assert_int_equal(a->kernel_from, b->kernel_from);
	assert_int_equal(a->gfp_layout, b->gfp_layout);
	assert_int_equal(a->nr_frames, b->nr_frames);
	for (int i = 0; i < a->nr_frames; i++) {
		assert_string_equal(a->frames[i].func, b->frames[i].func);
		assert_string_equal(a->frames[i].module, b->frames[i].module);
		assert_int_equal(a->frames[i].kind, b->frames[i].kind);
		assert_int_equal(a->frames[i].unreliable,
				 b->frames[i].unreliable);
	}
	assert_int_equal(a->context.kind, b->context.kind);
	assert_str_or_null_equal(a->context.softirq, b->context.softirq);
	assert_str_or_null_equal(a->context.subsystem, b->context.subsystem);
	assert_str_or_null_equal(a->context.via, b->context.via);
	assert_string_equal(a->context.call_site, b->context.call_site);
	assert_int_equal(a->nr_counters, b->nr_counters);
	for (int i = 0; i < a->nr_counters; i++) {
		assert_string_equal(a->counters[i].name, b->counters[i].name);
		assert_int_equal(a->counters[i].value, b->counters[i].value);
	}
	assert_int_equal(a->nr_zones, b->nr_zones);
	for (int i = 0; i < a->nr_zones; i++)
		assert_zones_equal(&a->zones[i], &b->zones[i]);
	assert_int_equal(a->pagecache_pages, b->pagecache_pages);
	assert_int_equal(a->swap_cache_pages, b->swap_cache_pages);
	assert_int_equal(a->free_swap_kb, b->free_swap_kb);
	assert_int_equal(a->total_swap_kb, b->total_swap_kb);
	assert_int_equal(a->pages_ram, b->pages_ram);
	assert_int_equal(a->pages_highmem, b->pages_highmem);
	assert_int_equal(a->pages_reserved, b->pages_reserved);
	assert_int_equal(a->nr_hugepage_lines, b->nr_hugepage_lines);
	assert_int_equal(a->flags, b->flags);
}

/*
 * Scan log whole into rs, then in pieces of 1, 7 and 4096 bytes: the
 * reports and the number of diagnostics must not depend on the pieces.
 */
static inline void scan_steps(const char *log, struct reports *rs)
{
	static const size_t steps[] = { 1, 7, 4096 };

	memset(rs, 0, sizeof(*rs));
	scan_string(log, 0, rs);
	for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
		struct reports other = { 0 };

		scan_string(log, steps[s], &other);
		if (other.nr != rs->nr)
			fail_msg("step %zu: %zu reports, whole: %zu", steps[s],
				 other.nr, rs->nr);
		if (other.diags != rs->diags)
			fail_msg("step %zu: %lu diagnostics, whole: %lu",
				 steps[s], other.diags, rs->diags);
		for (size_t i = 0; i < rs->nr; i++)
			assert_reports_equal(&rs->r[i], &other.r[i]);
		reports_release(&other);
	}
}

/* scan_steps() of lines joined into one log */
static inline void scan_lines(const char *const *lines, size_t n,
			      struct reports *rs)
{
	char *log = join_lines(lines, n);

	scan_steps(log, rs);
	free(log);
}

#define SCAN_LINES(a, rs) scan_lines(a, NLINES(a), rs)

/* The JSON of a report (the CLI's print_report()), malloc'd. */
static inline char *report_json(const struct pf_report *r, bool pretty)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(print_begin(f, true, pretty), 0);
	print_report(r, NULL, 0);
	print_end();
	assert_int_equal(fclose(f), 0);
	return buf;
}

#endif
