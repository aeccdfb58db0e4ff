// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_scenario.c - libFuzzer target for the scenario parser: the input
 * is a scenario file.  A scenario that parses is read back whole, copied,
 * and changed through every --set name with a value taken from its own
 * text, so that the value readers run on fuzzed input too.  Nothing is
 * simulated: a fuzzed machine may be terabytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "libpagefail.h"

static size_t diag_bytes;

static void on_diag(const char *source, unsigned long line, const char *msg,
		    void *data)
{
	diag_bytes += strlen(source) + strlen(msg) + line % 2;
}

/* clang-format off */
static const char *const set_names[] = {
	"vm.min_free_kbytes", "vm.watermark_scale_factor",
	"vm.watermark_boost_factor", "vm.extfrag_threshold",
	"vm.compaction_proactiveness", "vm.zone_reclaim_mode",
	"vm.lowmem_reserve_ratio", "kernel", "mobility", "swap", "scan_rate",
	"compact_rate", "seed", "nonsense",
};
/* clang-format on */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pf_scenario *sc = NULL, *d;
	const struct pf_kver *kv;
	char value[64];
	size_t i, n;

	if (pf_scenario_parse(&sc, "fuzz.scn", (const char *)data, size,
			      on_diag, NULL))
		return 0;
	kv = pf_scenario_kernel(sc);
	diag_bytes += strlen(kv->str) + (size_t)kv->code;
	d = pf_scenario_dup(sc);
	if (!d) {
		pf_scenario_free(sc);
		return 0;
	}
	/* values: pieces of the input, as --set would pass them */
	for (i = 0; i < sizeof(set_names) / sizeof(set_names[0]); i++) {
		size_t off = size ? (i * 7919) % size : 0;

		n = size - off < sizeof(value) - 1 ? size - off
						   : sizeof(value) - 1;
		memcpy(value, data + off, n);
		value[n] = '\0';
		if (!pf_scenario_set(d, set_names[i], value))
			diag_bytes++;
		/* and each one's plain, valid form */
		if (!pf_scenario_set(d, set_names[i], "default"))
			diag_bytes++;
		if (!pf_scenario_set(d, set_names[i], "on"))
			diag_bytes++;
		if (!pf_scenario_set(d, set_names[i], "10"))
			diag_bytes++;
	}
	pf_scenario_free(d);
	pf_scenario_free(sc);
	return 0;
}
