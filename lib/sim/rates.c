// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rates.c - how fast kswapd reclaims and compaction migrates, the two rates
 * a scenario's [kswapd] section may set: where the real-kernel lab
 * measured them for a release, its figures; else the hand-set 250000 and
 * 100000 pages a second.
 *
 * The lab's figures come from Debian's kernel under QEMU's TCG emulation,
 * which runs the kernel many times slower than hardware: they tie the
 * model to a kernel that really ran, not to a user's machine.  A run that
 * uses them says so; lab/README.md says how to measure one's own.
 */
#include "sim.h"

static const struct sim_rates measured[] = {
	/*
	 * Debian's 6.1.0-57-cloud-amd64 under qemu-system-x86_64 -accel tcg
	 * -cpu max, 256 MiB, on a 2-core host, 2026-12-06 (make lab):
	 * kswapd, the median of pgsteal_kswapd per second of the bursts of
	 * reclaim-atomic-1, reclaim-atomic-2 and reclaim-nowait-1 (359250,
	 * 358500, 178500); compaction, the median of pgmigrate_success per
	 * second of /proc/sys/vm/compact_memory's three rounds in
	 * compact-rate (36642, 61283, 37733), timed by the kernel log
	 */
	{ 6, 1, 358500, 37733, "Debian's 6.1 in the lab (QEMU TCG)" },
};

static const struct sim_rates hand_set = { 0, 0, 250000, 100000, NULL };

const struct sim_rates *sim_rates_of(const struct pf_kver *kv)
{
	for (size_t i = 0; i < sizeof(measured) / sizeof(measured[0]); i++)
		if (!kv->rhel && kv->major == measured[i].major &&
		    kv->minor == measured[i].minor)
			return &measured[i];
	return &hand_set;
}
