// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * procsys.c - what the kernel was set to: the vm sysctls of /proc/sys/vm
 * (one value a file), lowmem_reserve_ratio, the kernel release, and what a
 * sosreport keeps instead of proc/sys (sos_commands/kernel/sysctl_-a and
 * uname_-a); pf_vm_sysctl_name() and pf_vm_sysctl_of_name() name the
 * sysctls.  Apart because these are settings, not the state of memory:
 * files of one value, each within the range its sysctl handler takes.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "libpagefail.h"
#include "proc/procfs.h"
#include "proc/procread.h"
#include "util/util.h"

#define VM_NAME(e, name) [PF_VM_##e] = "vm." #name,
static const char *const vm_names[PF_VM_NR] = { PF_VM_SYSCTLS(VM_NAME) };
#undef VM_NAME

const char *pf_vm_sysctl_name(int i)
{
	return pf_name_of(vm_names, PF_VM_NR, i, NULL);
}

int pf_vm_sysctl_of_name(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < PF_VM_NR; i++)
		if (!strcmp(name, vm_names[i]) ||
		    !strcmp(name, vm_names[i] + 3))
			return i;
	return -1;
}

bool set_kernel(struct pf_system *sys, const char *release)
{
	struct pf_kver kv;

	if (pf_kver_parse(release, &kv))
		return false;
	sys->kernel = kv;
	sys->have |= PF_SYS_OSRELEASE;
	return true;
}

/* "Linux host 3.10.0-1160.el7.x86_64 #1 SMP ...": the third word. */
static bool kernel_of_uname(struct pf_system *sys, const char *s)
{
	char rel[sizeof(sys->kernel.str)];
	const char *p = skip_blank(s), *q;

	for (int word = 0; word < 2; word++) {
		while (*p && !isspace((unsigned char)*p))
			p++;
		p = skip_blank(p);
	}
	for (q = p; *q && !isspace((unsigned char)*q); q++)
		;
	if (q == p || (size_t)(q - p) >= sizeof(rel))
		return false;
	pf_strlcpyn(rel, sizeof(rel), p, (size_t)(q - p));
	return set_kernel(sys, rel);
}

/*
 * White space separated ratios ("256\t256\t32\t0\t0"): NUM_OK, or why an
 * entry is not one (tok, len: which).
 */
static int parse_ratios(const char *s, long *out, int *nr, const char **tok,
			size_t *len)
{
	const char *p = skip_blank(s);
	int n = 0;

	*tok = p;
	*len = 0;
	if (!*p)
		return NUM_NONE;
	while (*p) {
		long long v;
		int how;

		*tok = p;
		how = proc_num(&p, "", &r_ratio, &v);
		if (how) {
			*len = (size_t)(p - *tok);
			return how;
		}
		if (n < PF_MAX_ZONES)
			out[n++] = (long)v;
		p = skip_blank(p);
	}
	*nr = n;
	return NUM_OK;
}

/* lowmem_reserve_ratio from file id (proc/sys, or sysctl -a at line). */
static bool set_lowmem_ratio(struct proc_ctx *c, int id, unsigned long line,
			     const char *s)
{
	struct pf_system *sys = c->sys;
	long v[PF_MAX_ZONES];
	const char *tok;
	size_t len;
	int n = 0, how = parse_ratios(s, v, &n, &tok, &len);

	if (how) {
		bad_num(c, id, line,
			id == PF_FILE_SYSCTL_A ? "vm.lowmem_reserve_ratio" : "",
			how, tok, len, &r_ratio);
		return false;
	}
	sys->nr_lowmem_reserve_ratio = n;
	memcpy(sys->lowmem_reserve_ratio, v, (size_t)n * sizeof(v[0]));
	sys->have |= PF_SYS_SYSCTL;
	return true;
}

/*
 * A file of one value, pf_proc_files[id], within r: 0 and *v, -errno when
 * it cannot be read (said by the caller, or not: most are optional), or
 * -EINVAL when its value is not one the kernel prints (said here).
 */
static int read_value_file(struct proc_ctx *c, int id,
			   const struct num_range *r, long long *v, char *path,
			   size_t path_size)
{
	char buf[PROC_LINE_MAX];
	const char *tok = "";
	size_t len = 0;
	struct proc_file f;
	int err = open_id(c, id, path, path_size, &f), how;

	if (err)
		return err;
	switch (read_line(&f, buf, sizeof(buf))) {
	case LINE_EOF:
		how = NUM_NONE; /* an empty file */
		break;
	case LINE_CUT:
		how = NUM_JUNK; /* too long, or a NUL in it */
		tok = f.buf;
		len = f.len;
		break;
	default:
		how = proc_value(buf, r, v, &tok, &len);
	}
	if (how)
		bad_num(c, id, 0, "", how, tok, len, r);
	close_file(&f);
	return how ? -EINVAL : 0;
}

/* root/proc/sys/vm/...; returns the error of min_free_kbytes. */
int read_vm_sysctls(struct proc_ctx *c, char *mfk_path, size_t size)
{
	char path[PATH_MAX], buf[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	int err, mfk_err = 0;
	const char *rel;

	for (int i = 0; i < PF_VM_NR; i++) {
		long long v;

		err = read_value_file(c, PF_FILE_VM_FIRST + i, &vm_ranges[i],
				      &v, path, sizeof(path));
		if (!err) {
			sys->vm[i] = (long)v;
			sys->have |= PF_SYS_SYSCTL;
		}
		note(c, PF_FILE_VM_FIRST + i, err);
		if (i == PF_VM_MIN_FREE_KBYTES) {
			mfk_err = err;
			pf_strlcpy(mfk_path, size, path);
		}
	}
	rel = pf_proc_files[PF_FILE_LOWMEM_RESERVE_RATIO].path;
	err = read_first_line(c, rel, path, sizeof(path), buf, sizeof(buf));
	if (err == -EINVAL) {
		/* empty, or not one line */
		bad_add(c, PF_FILE_LOWMEM_RESERVE_RATIO, 0, "no value");
	} else if (!err &&
		   !set_lowmem_ratio(c, PF_FILE_LOWMEM_RESERVE_RATIO, 0, buf)) {
		err = -EINVAL;
	}
	note(c, PF_FILE_LOWMEM_RESERVE_RATIO, err);
	return mfk_err;
}

/*
 * A sosreport's sos_commands/kernel/sysctl_-a: "vm.min_free_kbytes = 67584"
 * for what proc/sys did not give.
 */
void read_sysctl_a(struct proc_ctx *c)
{
	char path[PATH_MAX], line[PROC_LINE_MAX];
	struct pf_system *sys = c->sys;
	struct proc_file f;

	if (note(c, PF_FILE_SYSCTL_A,
		 open_id(c, PF_FILE_SYSCTL_A, path, sizeof(path), &f)))
		return;
	while (next_table_line(&f, line, sizeof(line))) {
		char *eq = strstr(line, " = "), *val;
		const char *tok;
		size_t len;
		long long v;
		int i, how;

		if (!eq)
			continue;
		*eq = '\0';
		val = eq + 3;
		if (!strcmp(line, "kernel.osrelease")) {
			if (!(sys->have & PF_SYS_OSRELEASE))
				set_kernel(sys, skip_blank(val));
			continue;
		}
		if (!strcmp(line, "vm.lowmem_reserve_ratio")) {
			if (sys->nr_lowmem_reserve_ratio < 0)
				set_lowmem_ratio(c, PF_FILE_SYSCTL_A, f.line,
						 val);
			continue;
		}
		i = pf_vm_sysctl_of_name(line);
		if (i < 0 || strncmp(line, "vm.", 3) || sys->vm[i] >= 0)
			continue;
		how = proc_value(val, &vm_ranges[i], &v, &tok, &len);
		if (how) {
			bad_num(c, PF_FILE_SYSCTL_A, f.line, line, how, tok,
				len, &vm_ranges[i]);
			c->mfk_said |= i == PF_VM_MIN_FREE_KBYTES;
			continue;
		}
		sys->vm[i] = (long)v;
		sys->have |= PF_SYS_SYSCTL;
	}
	close_file(&f);
}

/* The kernel from uname -a, as a sosreport keeps it. */
void read_uname(struct proc_ctx *c)
{
	static const int ids[] = { PF_FILE_UNAME_A, PF_FILE_UNAME };
	char path[PATH_MAX], buf[PROC_LINE_MAX];

	for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
		int err = read_first_line(c, pf_proc_files[ids[i]].path, path,
					  sizeof(path), buf, sizeof(buf));

		if (!err && !kernel_of_uname(c->sys, buf))
			err = -EINVAL;
		if (!note(c, ids[i], err))
			return;
	}
}
