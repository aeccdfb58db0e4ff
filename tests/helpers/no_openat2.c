/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * no_openat2.c - run a command on a kernel that seems to have no
 * openat2(2): a seccomp filter makes every openat2 call fail with ENOSYS,
 * as it does before Linux 5.6, so that the command takes its fallback.
 * The tests run the sysctl resolver's walk this way; nothing in the
 * product has a switch for it.
 *
 *   no_openat2 COMMAND [ARG...]
 *
 * It sets PF_TEST_NO_OPENAT2=1 so that the test can check that it runs
 * under the filter.  Exit 77 (skipped) when the filter cannot be loaded.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

int main(int argc, char **argv)
{
#ifdef SYS_openat2
	/* The command makes native system calls only: no arch check needed. */
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(code) / sizeof(code[0]),
		.filter = code,
	};
#endif

	if (argc < 2) {
		fprintf(stderr, "usage: no_openat2 COMMAND [ARG...]\n");
		return 2;
	}
#ifdef SYS_openat2
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) {
		printf("skip: no seccomp filter here (%s)\n", strerror(errno));
		return 77;
	}
#endif
	setenv("PF_TEST_NO_OPENAT2", "1", 1);
	execvp(argv[1], argv + 1);
	fprintf(stderr, "no_openat2: %s: %s\n", argv[1], strerror(errno));
	return 127;
}
