// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * wmark_setup.c - how the kernel turns vm.min_free_kbytes and
 * vm.watermark_scale_factor into each zone's min/low/high watermarks, the
 * default min_free_kbytes, and which vm sysctls a kernel has.  Facts:
 * shared/reference/kernel-facts.md section 4.
 */
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "era.h"
#include "util/util.h"

/* int_sqrt(): floor of the square root. */
static unsigned long long int_sqrt(unsigned long long x)
{
	unsigned long long lo = 0, hi = 1ULL << 32;

	while (lo < hi) {
		unsigned long long mid = lo + (hi - lo + 1) / 2;

		if (mid <= x / mid)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* The upper clamp of calculate_min_free_kbytes() (era.c says which). */
long pf_min_free_kbytes_cap(const struct pf_kver *kv)
{
	struct pf_era e;

	pf_era_init(&e, kv, PF_GFP_UNKNOWN);
	return e.min_free_kbytes_cap;
}

/* init_per_zone_wmark_min(): min_free_kbytes = int_sqrt(lowmem_kbytes * 16) */
long pf_min_free_kbytes_default(unsigned long long lowmem_kb,
				const struct pf_kver *kv)
{
	long v = (long)int_sqrt(lowmem_kb * 16);
	long cap = pf_min_free_kbytes_cap(kv);

	if (v < 128)
		v = 128;
	if (v > cap)
		v = cap;
	return v;
}

bool pf_kernel_has_sysctl(const struct pf_kver *kv, const char *name)
{
	/* clang-format off */
	static const struct pf_field has[] = {
		{ "extra_free_kbytes", offsetof(struct pf_era, has_extra_free_kbytes) },
		{ "extfrag_threshold", offsetof(struct pf_era, has_extfrag_threshold) },
		{ "watermark_scale_factor",
		  offsetof(struct pf_era, has_watermark_scale_factor) },
		{ "watermark_boost_factor",
		  offsetof(struct pf_era, has_watermark_boost_factor) },
		{ "compaction_proactiveness",
		  offsetof(struct pf_era, has_compaction_proactiveness) },
	};
	/* clang-format on */
	const struct pf_field *f;
	struct pf_era e;

	if (!strncmp(name, "vm.", 3))
		name += 3;
	if (!strcmp(name, "min_free_kbytes") ||
	    !strcmp(name, "zone_reclaim_mode"))
		return true;
	if (!pf_kver_known(kv))
		return false;
	pf_era_init(&e, kv, PF_GFP_UNKNOWN);
	f = pf_field_find(has, ARRAY_SIZE(has), name, strlen(name));
	return f && *(const bool *)((const char *)&e + f->off);
}

long pf_zones_min_free_kbytes(const struct pf_zone *zones, int nr_zones)
{
	long long kb = 0;

	for (int i = 0; i < nr_zones; i++) {
		const struct pf_zone *z = &zones[i];
		long min = z->min;

		if (z->type > PF_ZONE_NORMAL || min < 0)
			continue;
		if (z->boost > 0 && z->boost < min)
			min -= z->boost;
		kb += (long long)min * z->page_kb;
	}
	return kb > 0 && kb < LONG_MAX ? (long)kb : -1;
}

/* Zone pages the split uses: present up to 2.6.32 (RHEL 6), managed after. */
static long zone_pages(const struct pf_zone *z, bool managed)
{
	long p = managed ? z->managed : z->present;

	if (p < 0)
		p = managed ? z->present : z->managed;
	return p < 0 ? 0 : p;
}

static bool is_highmem(const struct pf_zone *z, const struct pf_era *e)
{
	if (z->type == PF_ZONE_HIGHMEM)
		return true;
	return z->type == PF_ZONE_MOVABLE && e->movable_highmem;
}

/*
 * __setup_per_zone_wmarks(): min is the zone's share of min_free_kbytes by
 * its pages (highmem gets a small clamp instead); low and high sit a gap
 * above it: tmp/4 and tmp/2 before 4.6, max(tmp/4, managed *
 * watermark_scale_factor / 10000) and twice that from 4.6.
 */
void pf_setup_zone_wmarks(struct pf_zone *zones, int nr_zones,
			  long min_free_kbytes, long watermark_scale_factor,
			  const struct pf_kver *kv)
{
	struct pf_era e;
	bool managed, scale;
	unsigned long long lowmem = 0;
	long pages_min;

	pf_era_init(&e, kv, PF_GFP_UNKNOWN);
	managed = e.wmark_managed;
	scale = e.has_watermark_scale_factor;
	if (watermark_scale_factor < 0)
		watermark_scale_factor = 10;

	for (int i = 0; i < nr_zones; i++)
		if (!is_highmem(&zones[i], &e))
			lowmem += (unsigned long long)zone_pages(&zones[i],
								 managed);

	for (int i = 0; i < nr_zones; i++) {
		struct pf_zone *z = &zones[i];
		unsigned long long pages =
			(unsigned long long)zone_pages(z, managed);
		unsigned long long tmp;

		pages_min =
			min_free_kbytes / (long)(z->page_kb ? z->page_kb : 4);
		tmp = lowmem ? (unsigned long long)pages_min * pages / lowmem
			     : 0;
		if (is_highmem(z, &e)) {
			long m = (long)(pages / 1024);

			z->min = m < 32 ? 32 : m > 128 ? 128 : m;
		} else {
			z->min = (long)tmp;
		}
		if (scale) {
			unsigned long long gap = tmp >> 2;
			unsigned long long f =
				(unsigned long long)zone_pages(z, true) *
				(unsigned long long)watermark_scale_factor /
				10000;

			if (f > gap)
				gap = f;
			z->low = z->min + (long)gap;
			z->high = z->min + 2 * (long)gap;
		} else {
			z->low = z->min + (long)(tmp >> 2);
			z->high = z->min + (long)(tmp >> 1);
		}
	}
}
