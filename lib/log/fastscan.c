// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fastscan.c - the idle-time search: while no report is open, the scanner
 * only needs the next line that could start one ("allocation") or name the
 * kernel ("Linux version"), and the number of lines skipped on the way;
 * until it has seen one, also the next NUL byte (a damaged log).
 *
 * Both are done in one pass.  On x86-64 AVX2 (or SSE2) compares 32 (16) bytes
 * at a time
 * against three characters of each needle (the filter of W. Mula's
 * "SIMD-friendly algorithms for substring searching") and counts newlines
 * with the same loads; elsewhere memmem() and a word-at-a-time count do it.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>

#include "log/fastscan.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

static const char needle_alloc[] = "allocation";    /* a...c....n */
static const char needle_linux[] = "Linux version"; /* L...x.......n */

/* Newlines in [p, p+n), eight bytes at a time (exact zero-byte count). */
static size_t count_nl(const char *p, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
	size_t c = 0, i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t x, t;

		memcpy(&x, p + i, 8);
		x ^= ones * '\n';
		t = (x & low7) + low7;
		t = ~(t | x | low7);
		c += (size_t)__builtin_popcountll(t);
	}
	for (; i < n; i++)
		c += p[i] == '\n';
	return c;
}

static bool match_at(const char *p, const char *end)
{
	size_t left = (size_t)(end - p);

	return (left >= sizeof(needle_alloc) - 1 &&
		!memcmp(p, needle_alloc, sizeof(needle_alloc) - 1)) ||
	       (left >= sizeof(needle_linux) - 1 &&
		!memcmp(p, needle_linux, sizeof(needle_linux) - 1));
}

/* popcount of a 32-bit mask without the POPCNT instruction (baseline x86-64) */
static inline unsigned int pop32(unsigned int v)
{
	v = v - ((v >> 1) & 0x55555555u);
	v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
	v = (v + (v >> 4)) & 0x0f0f0f0fu;
	return (v * 0x01010101u) >> 24;
}

/*
 * The first of the candidates cand (a bit for each byte from buf + i on)
 * that starts a needle or is a NUL: its bit, or -1 when none does.
 */
static inline int first_hit(const char *buf, size_t i, size_t len,
			    unsigned int cand)
{
	while (cand) {
		unsigned int bit = (unsigned int)__builtin_ctz(cand);

		if (!buf[i + bit] || match_at(buf + i + bit, buf + len))
			return (int)bit;
		cand &= cand - 1;
	}
	return -1;
}

#if defined(__x86_64__)
/*
 * The filter of one step of width W (16 or 32 bytes), in GCC's vector
 * extension so that the SSE2 and AVX2 loops share one body: a bit for
 * each byte of p whose bytes 0, 4 and 9 are those of "allocation"
 * ('a', 'c', 'n') or whose bytes 0, 4 and 12 are those of "Linux
 * version" ('L', 'x', 'n'), and with nul for each NUL.  Reads p[0 ..
 * W + 12).  movemask is the width's _mm*_movemask_epi8(), on type M.
 */
#define DEFINE_FILTER(name, W, isa, M, movemask)                               \
	typedef signed char name##_v __attribute__((vector_size(W)));          \
	__attribute__((target(isa))) static inline unsigned int name(          \
		const char *p, bool nul)                                       \
	{                                                                      \
		name##_v b0, b4, b9, b12, m;                                   \
                                                                               \
		memcpy(&b0, p, W);                                             \
		memcpy(&b4, p + 4, W);                                         \
		memcpy(&b9, p + 9, W);                                         \
		memcpy(&b12, p + 12, W);                                       \
		m = ((b0 == 'a') & (b4 == 'c') & (b9 == 'n')) |                \
		    ((b0 == 'L') & (b4 == 'x') & (b12 == 'n'));                \
		if (nul)                                                       \
			m |= b0 == 0;                                          \
		return (unsigned int)movemask((M)m);                           \
	}
DEFINE_FILTER(filter16, 16, "sse2", __m128i, _mm_movemask_epi8)
DEFINE_FILTER(filter32, 32, "avx2", __m256i, _mm256_movemask_epi8)

/* The sum of the 32 byte counters of acc. */
__attribute__((target("avx2"))) static inline unsigned long
lane_sum(__m256i acc)
{
	__m256i sad = _mm256_sad_epu8(acc, _mm256_setzero_si256());

	return (unsigned long)(_mm256_extract_epi64(sad, 0) +
			       _mm256_extract_epi64(sad, 1) +
			       _mm256_extract_epi64(sad, 2) +
			       _mm256_extract_epi64(sad, 3));
}

/* Does any byte of lo hold 0? */
__attribute__((target("avx2"))) static inline bool any_zero(__m256i lo)
{
	return _mm256_movemask_epi8(
		       _mm256_cmpeq_epi8(lo, _mm256_setzero_si256())) != 0;
}

/*
 * The AVX2 loop, chosen at run time: 32 bytes a step, in blocks of 255
 * steps.  Newlines are summed per byte lane and folded with a sum of
 * absolute differences once a block instead of a popcount per step.  A
 * NUL is not looked for in each step but through the block's byte
 * minimum (one instruction a step, where a compare in the filter cost
 * five): only when it is 0 is the block searched with memchr(), from
 * its start bs, whose newlines are counted again with count_nl().
 */
__attribute__((target("avx2"))) static size_t scan_avx2(const char *buf,
							size_t len,
							unsigned long *lines,
							bool nul, bool *found)
{
	const __m256i lf = _mm256_set1_epi8('\n'),
		      zero = _mm256_setzero_si256(),
		      ones = _mm256_set1_epi8(-1);
	__m256i acc = zero, lo = ones;
	unsigned long nl = 0; /* the newlines before bs */
	size_t i = 0, bs = 0, at = 0;
	int steps = 0;

	*found = false;
	/* the last load reads buf[i + 12 + 31] */
	for (; i + 44 <= len; i += 32) {
		__m256i b0 = _mm256_loadu_si256((const __m256i *)(buf + i));
		__m256i eq = _mm256_cmpeq_epi8(b0, lf);
		int bit = first_hit(buf, i, len, filter32(buf + i, false));

		lo = _mm256_min_epu8(lo, b0);
		if (bit >= 0) {
			unsigned int m = (unsigned int)_mm256_movemask_epi8(eq);

			at = i + (size_t)bit;
			if (nul && any_zero(lo))
				goto nul_before_at;
			nl += lane_sum(acc);
			nl += pop32(m & ((1u << bit) - 1));
			*lines += nl;
			*found = true;
			return at;
		}
		acc = _mm256_sub_epi8(acc, eq);
		if (++steps == 255) {
			if (nul && any_zero(lo)) {
				at = i + 32;
				goto nul_before_at;
			}
			nl += lane_sum(acc);
			acc = zero;
			lo = ones;
			steps = 0;
			bs = i + 32;
		}
	}
	if (nul && any_zero(lo)) {
		at = i;
		goto nul_before_at;
	}
	nl += lane_sum(acc);
	*lines += nl;
	return i;

nul_before_at:
	/*
	 * lo saw a NUL since bs: the first one if it comes before at, a
	 * needle's start or the end of what lo saw, where there is one
	 */
	{
		const char *z = memchr(buf + bs, 0, at - bs);

		if (z)
			at = (size_t)(z - buf);
		*lines += nl + count_nl(buf + bs, at - bs);
		*found = true;
		return at;
	}
}
#endif

size_t pf_fastscan(const char *buf, size_t len, unsigned long *lines, bool nul)
{
	size_t i = 0;
	unsigned long nl = 0;

#if defined(__x86_64__)
	static int has_avx2 = -1;

	if (has_avx2 < 0)
		has_avx2 = __builtin_cpu_supports("avx2");
	if (has_avx2) {
		bool found;

		i = scan_avx2(buf, len, lines, nul, &found);
		if (found)
			return i;
	}

	const __m128i lf = _mm_set1_epi8('\n');

	/* the last load reads buf[i + 12 + 15] */
	for (; i + 28 <= len; i += 16) {
		__m128i b0 = _mm_loadu_si128((const __m128i *)(buf + i));
		unsigned int nlm =
			(unsigned int)_mm_movemask_epi8(_mm_cmpeq_epi8(b0, lf));
		int bit = first_hit(buf, i, len, filter16(buf + i, nul));

		if (bit >= 0) {
			nl += pop32(nlm & ((1u << bit) - 1));
			*lines += nl;
			return i + (size_t)bit;
		}
		nl += pop32(nlm);
	}
#endif
	{
		const char *a = memmem(buf + i, len - i, needle_alloc,
				       sizeof(needle_alloc) - 1);
		const char *l = memmem(buf + i, len - i, needle_linux,
				       sizeof(needle_linux) - 1);
		const char *z = nul ? memchr(buf + i, 0, len - i) : NULL;
		const char *hit = a && (!l || a < l) ? a : l;
		size_t at;

		if (z && (!hit || z < hit))
			hit = z;
		at = hit ? (size_t)(hit - buf) : len;

		nl += count_nl(buf + i, at - i);
		*lines += nl;
		return at;
	}
}

size_t pf_count_lines(const char *buf, size_t len)
{
	return count_nl(buf, len);
}
