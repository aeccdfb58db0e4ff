// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * version.c - the version of the library a program runs with, which may
 * be newer than the PF_VERSION of the header it was built against.
 */
#include "pagefail.h"

const char *pf_version(void)
{
	return PF_VERSION;
}
