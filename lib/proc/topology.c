// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topology.c - how many NUMA nodes and CPUs the machine has: the node
 * directories of sys/devices/system/node (or the distinct nodes of the
 * zones), the cpu list of sys/devices/system/cpu/online, or failing it the
 * "processor" lines of /proc/cpuinfo.  Apart because it reads a directory
 * and cpu lists, not tables of the zones, and is read last: it falls back
 * on the zones the others found.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "libpagefail.h"
#include "proc/procfs.h"
#include "proc/procread.h"
#include "util/util.h"

/* node[0-9]+ directories under sys/devices/system/node; -1 when none. */
static int count_nodes(struct proc_ctx *c)
{
	char path[PATH_MAX], sub[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int n = 0, err;

	err = pf_proc_join(path, sizeof(path), c->root,
			   pf_proc_files[PF_FILE_NODES].path);
	d = err ? NULL : opendir(path);
	if (!d) {
		note(c, PF_FILE_NODES, err ? err : -errno);
		return -1;
	}
	note(c, PF_FILE_NODES, 0);
	while ((de = readdir(d)) != NULL) {
		struct stat st;

		if (!pf_proc_is_node_name(de->d_name))
			continue;
		if (de->d_type != DT_DIR) {
			if (de->d_type != DT_UNKNOWN && de->d_type != DT_LNK)
				continue;
			if (snprintf(sub, sizeof(sub), "%s/%s", path,
				     de->d_name) >= (int)sizeof(sub) ||
			    stat(sub, &st) || !S_ISDIR(st.st_mode))
				continue;
		}
		n++;
	}
	closedir(d);
	return n ? n : -1;
}

/* A cpu list such as "0-3,8": how many; -1 when it is not one. */
static int count_cpu_list(const char *s)
{
	const char *p = skip_blank(s);
	long long n = 0;

	while (*p) {
		long long a, b;

		if (proc_num(&p, "-,", &r_cpu, &a))
			return -1;
		b = a;
		if (*p == '-') {
			p++;
			if (proc_num(&p, ",", &r_cpu, &b) || b < a)
				return -1;
		}
		n += b - a + 1;
		if (n > r_cpu.max + 1)
			return -1;
		if (*p == ',')
			p++;
		else if (*skip_blank(p))
			return -1;
		else
			break;
	}
	return n ? (int)n : -1;
}

/* "processor\t: 3" lines of /proc/cpuinfo; -1 when there is none. */
static int count_cpuinfo(struct proc_ctx *c)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct proc_file f;
	int n = 0;
	int err = open_id(c, PF_FILE_CPUINFO, path, sizeof(path), &f);

	if (err) {
		note(c, PF_FILE_CPUINFO, err);
		return -1;
	}
	/* a "flags" line may not fit: only whole "processor" lines count */
	while (next_table_line(&f, line, sizeof(line)))
		if (!strncmp(line, "processor", 9) &&
		    (line[9] == ' ' || line[9] == '\t' || line[9] == ':'))
			n++;
	close_file(&f);
	note(c, PF_FILE_CPUINFO, n ? 0 : -EINVAL);
	return n ? n : -1;
}

void read_topology(struct proc_ctx *c)
{
	char path[PATH_MAX], buf[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	int err, n = count_nodes(c);

	if (n > 0) {
		sys->nr_nodes = n;
		sys->have |= PF_SYS_NODES;
	} else if (sys->nr_zones > 0) {
		/* the distinct nodes of the zones */
		n = 0;
		for (int i = 0; i < sys->nr_zones; i++) {
			int j;

			for (j = 0; j < i; j++)
				if (sys->zones[j].node == sys->zones[i].node)
					break;
			n += j == i;
		}
		sys->nr_nodes = n;
	}

	n = -1;
	err = read_first_line(c, pf_proc_files[PF_FILE_CPU_ONLINE].path, path,
			      sizeof(path), buf, sizeof(buf));
	if (!err)
		n = count_cpu_list(buf);
	note(c, PF_FILE_CPU_ONLINE, err ? err : n < 0 ? -EINVAL : 0);
	if (n < 0)
		n = count_cpuinfo(c);
	if (n > 0) {
		sys->nr_cpus = n;
		sys->have |= PF_SYS_CPUS;
	}
}
