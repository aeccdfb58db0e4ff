// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_serve.c - pagefail serve: the metrics of export (metrics.c) at
 * http://ADDR:PORT/metrics, read fresh for every scrape, the kernel log
 * followed as it grows so that the failure counts only ever grow.
 *
 * HTTP is GNU libmicrohttpd's (Debian's libmicrohttpd12): kept up by its
 * authors since 2007, in Debian since 2008, a C library with no other
 * dependency in its way, which bounds what a client may cost through its
 * own options.  Here: GET and HEAD only (405 and a closed connection for
 * anything else), one path; a request line and headers of at most 16 KiB
 * (431 beyond); at most 64 connections; 10 seconds (--timeout) without
 * progress and a connection is dropped (a slowloris holds one slot, never
 * a thread);
 * two threads on epoll answer, so a slow client never delays another.
 */
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "logfollow.h"
#include "prom.h"

#define SERVE_DEFAULT	   "127.0.0.1:9846"
#define SERVE_CONNECTIONS  64
#define SERVE_TIMEOUT	   10	       /* seconds, by default */
#define SERVE_REQUEST_MAX  (16 * 1024) /* the request line and headers */
#define SERVE_THREADS	   2
#define SERVE_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

struct serve {
	struct cli_status c;
	unsigned int timeout;	  /* seconds without progress */
	struct cli_logfollow log; /* src NULL: not followed */
};

/* One response: status, body (copied), and whether to close after it. */
static enum MHD_Result reply(struct MHD_Connection *conn, unsigned int status,
			     const char *type, const char *body, size_t len,
			     bool close)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		len, (void *)body, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ret;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	if (close)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result text(struct MHD_Connection *conn, unsigned int status,
			    const char *msg)
{
	return reply(conn, status, "text/plain; charset=utf-8", msg,
		     strlen(msg), status != MHD_HTTP_OK);
}

/* The metrics now: the machine read again, the log's counts so far. */
static enum MHD_Result metrics(struct serve *sv, struct MHD_Connection *conn)
{
	struct cli_sample s = { 0 };
	struct cli_metrics_in in = { 0 };
	struct cli_failures f;
	struct cli_buf b = { 0 };
	double t0 = cli_now();
	enum MHD_Result ret;

	if (!cli_sample_take(&sv->c, &s)) {
		free(s.sys);
		return text(conn, MHD_HTTP_SERVICE_UNAVAILABLE,
			    "nothing about memory could be read\n");
	}
	in.sys = s.sys;
	in.st = s.st;
	in.read_errors = cli_sample_errors(s.sys);
	if (sv->log.src) {
		if (!cli_logfollow_poll(&sv->log, &f))
			in.read_errors++;
		in.failures = &f;
	}
	in.seconds = cli_now() - t0;
	cli_metrics(&b, &in);
	ret = b.oom ? text(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
			   "out of memory\n")
		    : reply(conn, MHD_HTTP_OK, SERVE_CONTENT_TYPE,
			    cli_buf_str(&b), b.n, false);
	cli_buf_release(&b);
	free(s.sys);
	free(s.st);
	return ret;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn,
			      const char *url, const char *method,
			      const char *version, const char *upload,
			      size_t *upload_size, void **req)
{
	static int seen;
	bool get = !strcmp(method, MHD_HTTP_METHOD_GET) ||
		   !strcmp(method, MHD_HTTP_METHOD_HEAD);

	(void)version;
	(void)upload;
	/* the first call has the headers: answer then; a body is dropped */
	if (*req && *upload_size) {
		*upload_size = 0;
		return MHD_YES;
	}
	*req = &seen;
	if (!get)
		return text(conn, MHD_HTTP_METHOD_NOT_ALLOWED,
			    "only GET and HEAD\n");
	if (!strcmp(url, "/metrics"))
		return metrics(cls, conn);
	if (!strcmp(url, "/"))
		return text(conn, MHD_HTTP_OK,
			    "pagefail: the metrics are at /metrics\n");
	return text(conn, MHD_HTTP_NOT_FOUND, "not found: try /metrics\n");
}

/* ADDR:PORT ("127.0.0.1:9846", "[::1]:9846", ":9846" for every address) */
static int resolve(const char *listen, struct addrinfo **ai)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_PASSIVE | AI_NUMERICSERV };
	char host[256];
	const char *port = strrchr(listen, ':');
	size_t n;

	if (!port || !port[1])
		return EAI_NONAME;
	n = (size_t)(port - listen);
	if (n >= sizeof(host))
		return EAI_NONAME;
	memcpy(host, listen, n);
	host[n] = '\0';
	if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
		memmove(host, host + 1, n - 2);
		host[n - 2] = '\0';
	}
	return getaddrinfo(host[0] ? host : NULL, port + 1, &hints, ai);
}

static struct MHD_Daemon *start(struct serve *sv, const struct addrinfo *a)
{
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;

	if (a->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	return MHD_start_daemon(
		flags, 0, NULL, NULL, answer, sv, MHD_OPTION_SOCK_ADDR,
		a->ai_addr, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned int)SERVE_CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT,
		sv->timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)SERVE_REQUEST_MAX, MHD_OPTION_THREAD_POOL_SIZE,
		(unsigned int)SERVE_THREADS, MHD_OPTION_END);
}

/* Serve until SIGINT, SIGTERM or SIGHUP: the exit status. */
static int run(struct serve *sv, const char *listen)
{
	const union MHD_DaemonInfo *info;
	struct MHD_Daemon *d = NULL;
	struct addrinfo *ai, *a;
	sigset_t stop;
	int err, sig;

	err = resolve(listen, &ai);
	if (err) {
		cli_err(false, listen, "cannot listen on '%s': %s", listen,
			err == EAI_NONAME ? "not ADDR:PORT"
					  : gai_strerror(err));
		return CLI_EXIT_USAGE;
	}
	/* the threads MHD starts inherit the mask: the signals come here */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	for (a = ai; a && !d; a = a->ai_next) {
		errno = 0;
		d = start(sv, a);
		err = errno;
	}
	freeaddrinfo(ai);
	if (!d) {
		cli_err(false, listen, "cannot listen on %s: %s", listen,
			err ? strerror(err) : "libmicrohttpd refused it");
		return CLI_EXIT_ERROR;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	fprintf(stderr, "pagefail: serving /metrics on %s (port %u)\n", listen,
		info ? (unsigned int)info->port : 0u);
	sigwait(&stop, &sig);
	MHD_stop_daemon(d);
	return CLI_EXIT_NONE;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option own[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "no-log", no_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{ 0 }
	};
	/* clang-format off */
	static const struct cli_opts opts = {
		.cmd = "serve", .usage = usage_serve, .longs = own,
		.common = CLI_COMMON_KERNEL | CLI_COMMON_ROOT,
	};
	/* clang-format on */
	static struct serve sv = { .c = { .root = "/" },
				   .timeout = SERVE_TIMEOUT };
	long timeout;
	const char *listen = SERVE_DEFAULT;
	bool log = true;
	struct cli_parser p;
	int ch, err, status;

	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &sv.c.com)) >= 0) {
		if (ch == 'l')
			listen = optarg;
		else if (ch == 'n')
			log = false;
		else if (ch == 't') {
			if (cli_opt_long("--timeout", optarg, 1, 3600,
					 &timeout))
				return CLI_EXIT_USAGE;
			sv.timeout = (unsigned int)timeout;
		}
	}
	if (ch == CLI_OPT_EXIT)
		return p.status;
	if (cli_no_operands("serve", argc, argv))
		return CLI_EXIT_USAGE;
	if (sv.c.com.root)
		sv.c.root = sv.c.com.root;
	if (cli_root_check(sv.c.root, false))
		return CLI_EXIT_ERROR;
	if (log) {
		err = cli_logfollow_open(&sv.log, sv.c.root, &sv.c.com);
		/* a saved tree without a log has no failures to count */
		if (err && !(strcmp(sv.c.root, "/") && err == -ENOENT))
			cli_err(false, "/dev/kmsg",
				"cannot follow the kernel log: %s%s",
				pf_source_strerror(NULL, err),
				err == -EACCES || err == -EPERM
					? " (the failure counts are left out; "
					  "CAP_SYSLOG or kernel.dmesg_restrict=0 "
					  "gives them)"
					: "");
	}
	status = run(&sv, listen);
	cli_logfollow_release(&sv.log);
	return status;
}
