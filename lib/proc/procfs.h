/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * procfs.h - the files pf_system_read() looks for under a root directory,
 * shared with pf_system_snapshot() so that a snapshot holds exactly what
 * the reader reads.  Private to lib/.
 */
#ifndef PF_PROCFS_H
#define PF_PROCFS_H

#include "libpagefail.h"

/*
 * The one size bound of every read of a file under /proc, /sys or debugfs,
 * of the live machine or of a --root tree (procfile.c and snapshot.c, both
 * through pf_read_file(), which also refuses what is not a regular file):
 * a tree is untrusted input, and procfs reports a size of 0 whatever a
 * file holds, so the bound is on the bytes read.  Far past any real file:
 * zoneinfo's pagesets of 8192 CPUs in 32 zones are some 40 MiB.
 */
#define PF_PROC_FILE_MAX (64u << 20)

/* pf_proc_files[] by name, in the order pf_system_read() reads them. */
enum pf_proc_file_id {
	/* the zone state: zoneinfo first, its order is the zones' order */
	PF_FILE_ZONEINFO = 0,
	PF_FILE_BUDDYINFO,
	PF_FILE_PAGETYPEINFO,
	PF_FILE_UNUSABLE_INDEX,
	PF_FILE_EXTFRAG_INDEX,
	PF_FILE_MEMINFO,
	PF_FILE_VMSTAT,
	PF_FILE_OSRELEASE,
	PF_FILE_VM_FIRST, /* PF_VM_NR files, in enum pf_vm_sysctl order */
	PF_FILE_LOWMEM_RESERVE_RATIO = PF_FILE_VM_FIRST + PF_VM_NR,
	PF_FILE_SYSCTL_A,
	PF_FILE_UNAME_A,
	PF_FILE_UNAME,
	PF_FILE_NODES,
	PF_FILE_CPU_ONLINE,
	PF_FILE_CPUINFO,
	PF_FILE_NR
};

/* pf_proc_file.flags */
#define PF_FILE_ZONES	     0x01 /* zone state: a snapshot takes them together */
#define PF_FILE_STANDIN	     0x02 /* a sosreport's stand-in for proc/sys */
#define PF_FILE_DIR	     0x04 /* a directory of node[0-9]+ directories */
#define PF_FILE_NODE_CPULIST "cpulist" /* what a snapshot keeps in each */

struct pf_proc_file {
	const char *path; /* relative to the root */
	unsigned int flags;
};

extern const struct pf_proc_file pf_proc_files[PF_FILE_NR];

/*
 * root + "/" + rel into buf (procfile.c), for the readers and the
 * snapshot: "/" and "" stand for the live system.  0, or -ENAMETOOLONG.
 */
int pf_proc_join(char *buf, size_t size, const char *root, const char *rel);

/* Is name "node" followed by decimal digits only? */
bool pf_proc_is_node_name(const char *name);

#endif /* PF_PROCFS_H */
