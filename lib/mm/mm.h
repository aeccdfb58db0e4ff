/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mm.h - the kernel computations of lib/mm/ that other parts of lib/ (the
 * simulator above all) share but the public API does not offer: one
 * implementation of each, named after the kernel function it mirrors.
 * Private to lib/.
 */
#ifndef PF_MM_H
#define PF_MM_H

#include <stdbool.h>

#include "libpagefail.h"

/* GFP_ATOMIC in a gfp layout (gfp.c). */
unsigned long pf_gfp_atomic(enum pf_gfp_layout layout);

/* May a caller with alloc flags take MIGRATE_HIGHATOMIC blocks? (watermark.c) */
bool pf_alloc_highatomic_ok(unsigned int flags, int era);

/*
 * The least pages the highatomic reserve of z held, from the 'H' letters
 * of its buddy line, when the report did not print it; else -1.
 */
long pf_zone_highatomic_floor(const struct pf_zone *z, int era);

/*
 * Does a free list of order o of z hold a block of a migratetype this
 * caller may take?  *only_highatomic (may be NULL) is set when only the
 * highatomic reserve held one (watermark.c).
 */
bool pf_zone_order_usable(const struct pf_zone *z, int o, unsigned int flags,
			  int era, bool *only_highatomic);

struct pf_era;
/*
 * compaction_suitable() of era e: may compacting z for order help?  Room
 * for the migration targets above the era's watermark, and memory that is
 * fragmented rather than short (vm.extfrag_threshold) (compaction.c).
 */
bool pf_compaction_suitable(const struct pf_zone *z, int order,
			    const struct pf_era *e, long extfrag_threshold);

#endif
