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
 *   loadgen read BYTES  BYTES read from a 256 MiB file on disk ($TMPDIR,
 *                       else /var/tmp), its pages dropped from the page
 *                       cache after each pass (POSIX_FADV_DONTNEED), so
 *                       that every page read is a page allocated; the
 *                       file is made, and dropped, before the clock starts
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
#define READ_BYTES (256ull << 20)

static double t0; /* when the load began: a load may set it after its setup */

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

/* The file of the read load, written once and dropped from the cache */
static int read_file(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		return -1;
	memset(buf, 0x5a, n);
	for (unsigned long long w = 0; w < READ_BYTES; w += n)
		if (write(fd, buf, n) != (ssize_t)n) {
			close(fd);
			return -1;
		}
	if (fsync(fd) || posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int read_load(unsigned long long bytes)
{
	static char buf[1 << 20];
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/var/tmp";
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/pagefail-loadgen.%d", dir, getpid());
	fd = read_file(path, buf, sizeof(buf));
	unlink(path); /* open, it stays until closed */
	if (fd < 0)
		return -1;
	t0 = now();
	for (unsigned long long done = 0; done < bytes; done += READ_BYTES) {
		ssize_t n;

		lseek(fd, 0, SEEK_SET);
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			;
		if (n < 0 || posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED))
			break;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long bytes;
	char *end;
	int err;

	if (argc != 3) {
		fprintf(stderr, "usage: loadgen tcp|shm|read BYTES\n");
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
	else if (!strcmp(argv[1], "read"))
		err = read_load(bytes);
	else
		err = -2;
	if (err) {
		fprintf(stderr, "loadgen: %s failed\n", argv[1]);
		return 1;
	}
	printf("%.1f MiB/s\n", (double)bytes / (1 << 20) / (now() - t0));
	return 0;
}
