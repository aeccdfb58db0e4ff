// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * loadgen.c - a page-allocation-heavy load of a fixed size, for
 * bench/trace.sh, which prints its rate:
 *
 *   loadgen tcp BYTES   BYTES through a loopback TCP connection: socket
 *                       buffers, skbs and their pages on every send
 *   loadgen shm BYTES   BYTES written to files on /dev/shm (tmpfs: every
 *                       page a new allocation), read back and removed,
 *                       64 MiB at a time
 *
 * It prints "RATE MiB/s" and exits 0.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CHUNK	   (1 << 16)
#define FILE_BYTES (64ull << 20)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *sink(void *arg)
{
	int fd = accept(*(int *)arg, NULL, NULL);
	static char buf[CHUNK];

	while (fd >= 0 && read(fd, buf, sizeof(buf)) > 0)
		;
	if (fd >= 0)
		close(fd);
	return NULL;
}

static int tcp(unsigned long long bytes)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	static char buf[CHUNK];
	int l = socket(AF_INET, SOCK_STREAM, 0), c;
	pthread_t th;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l < 0 || bind(l, (void *)&a, sizeof(a)) || listen(l, 1) ||
	    getsockname(l, (void *)&a, &len))
		return -1;
	pthread_create(&th, NULL, sink, &l);
	c = socket(AF_INET, SOCK_STREAM, 0);
	if (c < 0 || connect(c, (void *)&a, sizeof(a)))
		return -1;
	memset(buf, 0x5a, sizeof(buf));
	for (unsigned long long sent = 0; sent < bytes;) {
		ssize_t n = write(c, buf, sizeof(buf));

		if (n <= 0)
			return -1;
		sent += (unsigned long long)n;
	}
	close(c);
	pthread_join(th, NULL);
	close(l);
	return 0;
}

static int shm(unsigned long long bytes)
{
	static char buf[1 << 20];
	char path[64];

	snprintf(path, sizeof(path), "/dev/shm/pagefail-loadgen.%d", getpid());
	memset(buf, 0x5a, sizeof(buf));
	for (unsigned long long done = 0; done < bytes; done += FILE_BYTES) {
		int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

		if (fd < 0)
			return -1;
		for (unsigned long long w = 0; w < FILE_BYTES; w += sizeof(buf))
			if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
				goto fail;
		lseek(fd, 0, SEEK_SET);
		while (read(fd, buf, sizeof(buf)) > 0)
			;
		close(fd);
		unlink(path);
		continue;
	fail:
		close(fd);
		unlink(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long bytes;
	double t0;
	char *end;
	int err;

	if (argc != 3) {
		fprintf(stderr, "usage: loadgen tcp|shm BYTES\n");
		return 2;
	}
	bytes = strtoull(argv[2], &end, 10);
	if (*end == 'G')
		bytes <<= 30;
	else if (*end == 'M')
		bytes <<= 20;
	t0 = now();
	if (!strcmp(argv[1], "tcp"))
		err = tcp(bytes);
	else if (!strcmp(argv[1], "shm"))
		err = shm(bytes);
	else
		err = -2;
	if (err) {
		fprintf(stderr, "loadgen: %s failed\n", argv[1]);
		return 1;
	}
	printf("%.1f MiB/s\n", (double)bytes / (1 << 20) / (now() - t0));
	return 0;
}
