// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * procnum.c - the one number reader of pf_system_read(): proc_num() and
 * proc_value() take a decimal only within the range a kernel can print in
 * the field, and the ranges themselves, one per kind of field, each with
 * the kernel code that bounds it.  Apart because every reader of /proc and
 * /sys takes its numbers here: none wraps, clamps or guesses a number of
 * its own, and a bad one is said the same way whatever file it is in.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libpagefail.h"
#include "proc/procread.h"

/*
 * What a kernel can print in each kind of field, for the one number reader
 * below.  A number outside is damage (a cut or edited copy, a bad disk, a
 * test), never a value: the field is read as unknown, and said.
 *
 * Memory: no machine holds more than 2^52 bytes, the bound lib/report/meminfo.c
 * puts on a Mem-Info for the same reason: MAX_PHYSMEM_BITS is at most 52
 * on every architecture (x86-64 with 5-level paging, arm64 with 52-bit
 * physical addresses).  That is 2^42 KiB, and 2^40 pages of 4 KiB, the
 * smallest page of any architecture (PAGE_SHIFT is 12 or more); a count of
 * free blocks is no larger than the pages they hold.  zoneinfo_show_print(),
 * frag_show_print() and pagetypeinfo_show*() of mm/vmstat.c print these
 * counts with %lu in every era from 2.6.18 to 6.13, so a sign is damage
 * too; the one %ld, zoneinfo's protection (4.4+), is a lowmem_reserve[]
 * that setup_per_zone_lowmem_reserve() divides out of page counts: never
 * negative.
 */
const struct num_range r_pages = { 0, 1LL << 40, 0 };
const struct num_range r_kb = { 0, 1LL << 42, 0 };
/* a node id: below MAX_NUMNODES, 1 << NODES_SHIFT, which is 10 at most */
const struct num_range r_node = { 0, 1023, 0 };
/*
 * "Page block order": pageblock_order is at most MAX_PAGE_ORDER
 * (include/linux/pageblock-flags.h, 2.6.24-6.13), below PF_MAX_ORDER.
 */
const struct num_range r_order = { 0, PF_MAX_ORDER - 1, 0 };
/*
 * /proc/vmstat: vmstat_show() prints unsigned longs, page counts (node and
 * zone items, which the kernel keeps at 0 or more) and free-running event
 * counters alike, and pagefail reads them by name only.  An event counter
 * growing by 10^9 a second takes 292 years to pass 2^63: past that, the
 * number is damage, not a count.
 */
const struct num_range r_counter = { 0, LLONG_MAX, 0 };
/*
 * debugfs extfrag (2.6.35+), in thousandths: unusable_free_index() gives
 * 0..1000; __fragmentation_index() gives -1000 when a suitable block is
 * free, 0..1000 otherwise, and -500..-1 for a zone whose one free block
 * is too small (1000 minus an unsigned quotient above 1000 wraps to a
 * negative int).
 */
const struct num_range r_unusable = { 0, 1000, 3 };
const struct num_range r_extfrag = { -1000, 1000, 3 };
/* a cpu number of a cpu list: far past any NR_CPUS (8192 on x86) */
const struct num_range r_cpu = { 0, (1 << 22) - 1, 0 };

/*
 * The vm sysctls, as their handlers take them (kernel/sysctl.c up to 6.1,
 * then mm/page_alloc.c, mm/compaction.c): all ints.  min_free_kbytes and
 * zone_reclaim_mode name a minimum of 0 in every era; before 5.x their
 * handlers called proc_dointvec, which does not look at it, but a negative
 * min_free_kbytes turns into a huge pages_min in setup_per_zone_wmarks()
 * and a negative zone_reclaim_mode sets every RECLAIM_* bit: no setting.
 * zone_reclaim_mode holds a bit mask, of which RECLAIM_ZONE, RECLAIM_WRITE
 * and RECLAIM_UNMAP (RECLAIM_SWAP before 4.x) mean something, but any
 * other bit is taken and printed back.
 */
const struct num_range vm_ranges[PF_VM_NR] = {
	[PF_VM_MIN_FREE_KBYTES] = { 0, INT_MAX, 0 },
	/* 1..1000 when it came (4.6), 1..3000 in 6.13 */
	[PF_VM_WATERMARK_SCALE_FACTOR] = { 1, 3000, 0 },
	/* 5.0+: a minimum of 0, no maximum */
	[PF_VM_WATERMARK_BOOST_FACTOR] = { 0, INT_MAX, 0 },
	[PF_VM_ZONE_RECLAIM_MODE] = { 0, INT_MAX, 0 },
	/* 2.6.35+: min_extfrag_threshold 0, max_extfrag_threshold 1000 */
	[PF_VM_EXTFRAG_THRESHOLD] = { 0, 1000, 0 },
	/* 5.9+: 0..100 */
	[PF_VM_COMPACTION_PROACTIVENESS] = { 0, 100, 0 },
	/* RHEL 6 and 7: min_free_kbytes_sysctl_handler, a minimum of 0 */
	[PF_VM_EXTRA_FREE_KBYTES] = { 0, INT_MAX, 0 },
};

/*
 * lowmem_reserve_ratio: ints without a minimum, but a ratio below 1 is
 * never in effect: setup_per_zone_lowmem_reserve() raises it to 1 (2.6.32,
 * 3.10), lowmem_reserve_ratio_sysctl_handler() sets it to 0 (4.18+, 6.13).
 */
const struct num_range r_ratio = { 0, INT_MAX, 0 };

/* Decimal digits at *p into *x; *big once they pass what it holds. */
static void take_digits(const char **p, unsigned long long *x, bool *big)
{
	const char *q = *p;

	for (; isdigit((unsigned char)*q); q++) {
		if (*x > (ULLONG_MAX - 9) / 10)
			*big = true; /* stop counting: never overflow */
		else
			*x = *x * 10 + (unsigned long long)(*q - '0');
	}
	*p = q;
}

/*
 * The point and the 3 digits of "%d.%03d", as unusable_show_print() and
 * extfrag_show_print() print index / 1000 and index % 1000 ("%2d.%03d"
 * from 6.1).  An index from -999 to -1 prints as "0.-500": C's / gives 0
 * and % gives -500, which "%03d" pads to three characters with its sign
 * ("-62", "-07").  *x becomes thousandths, *neg the sign.
 */
static bool take_fraction(const char **p, unsigned long long *x, bool *neg,
			  bool *big)
{
	const char *q = *p, *digits;
	unsigned long long f = 0;
	bool fneg = false;

	if (*q++ != '.')
		return false;
	if (*q == '-' && !*x && !*neg) {
		fneg = true;
		q++;
	}
	digits = q;
	take_digits(&q, &f, big);
	if (q - digits != 3 && !(fneg && q - digits == 2))
		return false;
	if (*x > (unsigned long long)LLONG_MAX / 1000)
		*big = true;
	else
		*x = *x * 1000 + f;
	*neg |= fneg;
	*p = q;
	return true;
}

/*
 * The one number reader of pf_system_read().  At *p: a decimal,
 * optionally signed (and for r->frac, a point and that many digits), that
 * ends at white space, the end of the string or one of stops.  *v gets it,
 * in units of 10^-frac, when it is within r.  A number too long for a long
 * long is out of range, never wrapped.  *p goes past what was looked at in
 * every case but NUM_NONE (to the end of the word for NUM_JUNK), so that
 * the fields after a bad one are still read.
 */
int proc_num(const char **p, const char *stops, const struct num_range *r,
	     long long *v)
{
	const char *q = *p, *digits;
	unsigned long long x = 0;
	bool neg = false, big = false, ok;
	long long val;

	if (at_end(q, stops))
		return NUM_NONE;
	if (*q == '-') {
		neg = true;
		q++;
	}
	digits = q;
	take_digits(&q, &x, &big);
	ok = q > digits;
	if (ok && r->frac)
		ok = take_fraction(&q, &x, &neg, &big);
	if (!ok || !at_end(q, stops)) {
		while (!at_end(q, stops))
			q++;
		*p = q;
		return NUM_JUNK;
	}
	*p = q;
	if (big || x > (unsigned long long)LLONG_MAX)
		return NUM_RANGE;
	val = neg ? -(long long)x : (long long)x;
	if (val < r->min || val > r->max)
		return NUM_RANGE;
	*v = val;
	return NUM_OK;
}

/* The whole string is one number (white space around it allowed). */
int proc_value(const char *s, const struct num_range *r, long long *v,
	       const char **tok, size_t *len)
{
	const char *p = skip_blank(s);
	int how;

	*tok = p;
	how = proc_num(&p, "", r, v);
	*len = (size_t)(p - *tok);
	if (how == NUM_OK && *skip_blank(p)) {
		/* "5 6": words after the number */
		*len = strlen(*tok);
		return NUM_JUNK;
	}
	return how;
}

/* A number of r in words: "1000", "-1.000". */
const char *num_words(char *buf, size_t size, long long v,
		      const struct num_range *r)
{
	if (!r->frac)
		snprintf(buf, size, "%lld", v);
	else
		snprintf(buf, size, "%s%lld.%03lld", v < 0 ? "-" : "",
			 llabs(v) / 1000, llabs(v) % 1000);
	return buf;
}
