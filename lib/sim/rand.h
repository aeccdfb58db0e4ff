/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rand.h - the simulator's random numbers: xorshift64* (Vigna), one
 * 64-bit state a run, so that a seed gives the same run on every machine.
 * Inline and on its own, so that every part of the simulator draws from
 * it without depending on the engine.
 */
#ifndef PF_SIM_RAND_H
#define PF_SIM_RAND_H

#include <stdint.h>

static inline uint64_t pf_rand_next(uint64_t *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 0x2545f4914f6cdd1dULL;
}

#endif
