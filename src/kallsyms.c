// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kallsyms.c - kernel addresses in words: /proc/kallsyms's text symbols,
 * sorted, and the one an address falls in, for the call stacks of pagefail
 * trace.  Where kptr_restrict hides the addresses (they read as zero),
 * there is nothing to name and the addresses are printed as they are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracer.h"

struct cli_ksym {
	unsigned long long addr;
	size_t name; /* into cli_ksyms.names */
};

struct cli_ksyms {
	struct cli_ksym *sym;
	size_t n;
	char *names; /* every name, one after the other */
};

static int ksym_cmp(const void *a, const void *b)
{
	const struct cli_ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

struct cli_ksyms *cli_ksyms_load(void)
{
	struct cli_ksyms *k = calloc(1, sizeof(*k));
	size_t cap = 0, len = 0, ncap = 0;
	char line[512], name[256], type;
	unsigned long long addr;
	FILE *f = fopen("/proc/kallsyms", "re");

	if (!k || !f) {
		free(k);
		if (f)
			fclose(f);
		return NULL;
	}
	while (fgets(line, sizeof(line), f)) {
		size_t l;

		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3 ||
		    !addr ||
		    (type != 't' && type != 'T' && type != 'w' && type != 'W'))
			continue;
		l = strlen(name) + 1;
		if (PF_GROW(k->sym, cap, k->n + 1, 65536) ||
		    PF_GROW(k->names, ncap, len + l, 1 << 21))
			break;
		memcpy(k->names + len, name, l);
		k->sym[k->n].addr = addr;
		k->sym[k->n++].name = len;
		len += l;
	}
	fclose(f);
	if (k->n)
		qsort(k->sym, k->n, sizeof(*k->sym), ksym_cmp);
	return k;
}

const char *cli_ksym(const struct cli_ksyms *k, unsigned long long addr,
		     unsigned long long *off)
{
	size_t lo = 0, hi;

	if (!k || !k->n || addr < k->sym[0].addr)
		return NULL;
	hi = k->n;
	/* the last symbol at or below addr */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (k->sym[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*off = addr - k->sym[lo].addr;
	return k->names + k->sym[lo].name;
}

void cli_ksyms_free(struct cli_ksyms *k)
{
	if (!k)
		return;
	free(k->sym);
	free(k->names);
	free(k);
}
