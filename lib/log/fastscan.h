/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fastscan.h - the scanner's idle-time search (fastscan.c). */
#ifndef PF_FASTSCAN_H
#define PF_FASTSCAN_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Offset of the first "allocation" or "Linux version" in buf, or with nul
 * of a NUL byte too (len when none); *lines grows by the newlines before it.
 */
size_t pf_fastscan(const char *buf, size_t len, unsigned long *lines, bool nul);
size_t pf_count_lines(const char *buf, size_t len);

#endif
