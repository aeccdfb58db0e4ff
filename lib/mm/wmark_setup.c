// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * wmark_setup.c - how the kernel turns vm.min_free_kbytes and
 * vm.watermark_scale_factor into each zone's min/low/high watermarks, the
 * default min_free_kbytes, and which vm sysctls a kernel has.  Facts:
 * shared/reference/kernel-facts.md section 4.
 */
#include <limits.h>
#include <string.h>

#include "pagefail.h"

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

/* RHEL/CentOS release at or past rel (2.6.32-358 -> 358). */
static bool rhel_at_least(const struct pf_kver *kv, int rhel, long rel)
{
	return kv->rhel == rhel && kv->nr_rel > 0 && kv->rel[0] >= rel;
}

/*
 * The upper clamp of calculate_min_free_kbytes(): 65536 until "mm:
 * increase default min_free_kbytes bound" (Joel Savitz) raised it to
 * 262144.  That landed between 5.4 and 5.15 (5.7 by the patch date; the
 * release is not verified); RHEL 7 carries it as a backport.
 */
long pf_min_free_kbytes_cap(const struct pf_kver *kv)
{
	if (!pf_kver_known(kv))
		return 65536;
	if (kv->rhel == 7 || kv->rhel >= 9)
		return 262144;
	if (kv->rhel)
		return 65536;
	return kv->code >= PF_KV(5, 7, 0) ? 262144 : 65536;
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
	unsigned int code;

	if (!strncmp(name, "vm.", 3))
		name += 3;
	if (!strcmp(name, "min_free_kbytes") || !strcmp(name, "zone_reclaim_mode"))
		return true;
	if (!pf_kver_known(kv))
		return false;
	code = kv->code;
	if (!strcmp(name, "extra_free_kbytes"))
		return kv->rhel == 6;
	if (!strcmp(name, "extfrag_threshold"))
		return kv->rhel == 6 || code >= PF_KV(2, 6, 35);
	if (!strcmp(name, "watermark_scale_factor"))
		/* 4.6; RHEL 8 has it, RHEL 7 does not */
		return kv->rhel ? kv->rhel >= 8 : code >= PF_KV(4, 6, 0);
	if (!strcmp(name, "watermark_boost_factor") ||
	    !strcmp(name, "compaction_proactiveness")) {
		/* 5.0 and 5.9 upstream; both backported to RHEL 8.4 (-305) */
		unsigned int since = name[0] == 'w' ? PF_KV(5, 0, 0) :
						      PF_KV(5, 9, 0);

		if (kv->rhel == 8)
			return rhel_at_least(kv, 8, 305);
		return kv->rhel ? kv->rhel >= 9 : code >= since;
	}
	return false;
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

static bool is_highmem(const struct pf_zone *z, const struct pf_kver *kv)
{
	if (z->type == PF_ZONE_HIGHMEM)
		return true;
	/* 6.13 gives ZONE_MOVABLE the highmem treatment too */
	return z->type == PF_ZONE_MOVABLE && pf_kver_known(kv) &&
	       !kv->rhel && kv->code >= PF_KV(6, 13, 0);
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
	bool managed = !pf_kver_known(kv) || kv->rhel >= 7 ||
		       (!kv->rhel && kv->code >= PF_KV(3, 10, 0));
	bool scale = pf_kernel_has_sysctl(kv, "watermark_scale_factor");
	unsigned long long lowmem = 0;
	long pages_min;

	if (!pf_kver_known(kv))
		scale = true;
	if (watermark_scale_factor < 0)
		watermark_scale_factor = 10;

	for (int i = 0; i < nr_zones; i++)
		if (!is_highmem(&zones[i], kv))
			lowmem += (unsigned long long)zone_pages(&zones[i], managed);

	for (int i = 0; i < nr_zones; i++) {
		struct pf_zone *z = &zones[i];
		unsigned long long pages = (unsigned long long)zone_pages(z, managed);
		unsigned long long tmp;

		pages_min = min_free_kbytes / (long)(z->page_kb ? z->page_kb : 4);
		tmp = lowmem ? (unsigned long long)pages_min * pages / lowmem : 0;
		if (is_highmem(z, kv)) {
			long m = (long)(pages / 1024);

			z->min = m < 32 ? 32 : m > 128 ? 128 : m;
		} else {
			z->min = (long)tmp;
		}
		if (scale) {
			unsigned long long gap = tmp >> 2;
			unsigned long long f = (unsigned long long)zone_pages(z, true) *
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
