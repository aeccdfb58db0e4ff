// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sigstorm.c - a test helper for tests/cli/top.sh: run a command, pass its
 * standard output through, and once its first line is out, send it one
 * signal after another until it exits; exit as the command did (128 + the
 * signal when one killed it).
 *
 *   sigstorm SIGNAL COMMAND [ARG...]
 *
 * timeout(1) and a process-group kill deliver SIGTERM twice, the second at
 * any moment of the shutdown the first began; a storm makes "any moment"
 * every moment, so a command that can die of a second signal does so
 * nearly every run instead of one run in ten.  This process is the
 * command's parent and reaps it only at the end, so its pid cannot be
 * reused while signals go to it.  After 20 s of storm it sends SIGKILL.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STORM_SECONDS 20

/* One read of the command's output, copied to stdout: true if it had a '\n' */
static bool pass_through(int fd, bool *eof)
{
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof(buf));

	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
		*eof = true;
	if (n <= 0)
		return false;
	if (write(STDOUT_FILENO, buf, (size_t)n) != n)
		*eof = true; /* nowhere to copy to: stop reading */
	return memchr(buf, '\n', (size_t)n) != NULL;
}

int main(int argc, char **argv)
{
	struct timespec start, now;
	bool eof = false, line = false;
	unsigned long sent = 0;
	int fds[2], sig, st;
	pid_t pid;

	if (argc < 3 || (sig = atoi(argv[1])) <= 0 || sig >= NSIG) {
		fprintf(stderr, "usage: sigstorm SIGNUM COMMAND [ARG...]\n");
		return 2;
	}
	if (pipe2(fds, O_CLOEXEC)) {
		perror("sigstorm: pipe");
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("sigstorm: fork");
		return 2;
	}
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	close(fds[1]);

	/* the first line: the command is past its setup, handlers in place */
	while (!line && !eof)
		line |= pass_through(fds[0], &eof);
	if (!line) {
		fprintf(stderr, "sigstorm: %s printed no line\n", argv[2]);
		waitpid(pid, &st, 0);
		return 2;
	}
	fcntl(fds[0], F_SETFL, O_NONBLOCK);

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		pid_t w = waitpid(pid, &st, WNOHANG);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			perror("sigstorm: waitpid");
			return 2;
		}
		/* a zombie takes signals harmlessly: no waitpid between */
		for (int i = 0; i < 64; i++)
			kill(pid, sig);
		sent += 64;
		if (!eof)
			pass_through(fds[0], &eof); /* never a full pipe */
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec > STORM_SECONDS) {
			fprintf(stderr,
				"sigstorm: still running after %d s of "
				"signal %d: killed\n",
				STORM_SECONDS, sig);
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			break;
		}
	}
	fcntl(fds[0], F_SETFL, 0);
	while (!eof)
		pass_through(fds[0], &eof);
	fprintf(stderr, "sigstorm: %lu signals sent\n", sent);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}
