// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_watch.c - pagefail watch: follow the kernel log (/dev/kmsg), the
 * systemd journal's kernel messages (--journal) or a file (follow.c:
 * across rotation and truncation) and print each report
 * explained, as explain does, once the scanner has it whole: when the line
 * after it comes, or after --flush seconds of quiet (then a report whose
 * Mem-Info never ended is marked incomplete).  -j: one JSON object a line,
 * for log shippers.  --exec CMD: CMD (run by sh -c) for each report, its
 * JSON on standard input, one at a time, killed after --exec-timeout
 * seconds; a command that fails is said on stderr, and watching goes on.
 *
 * --cursor-file FILE (the journal): where the journal was read up to, so
 * that a restart goes on from there.  It is written only when nothing is
 * open in the scanner (after --flush seconds of quiet, and at exit): a
 * report is then read again from its start after a crash, never cut; one
 * printed just before a crash may come twice, none is lost.
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "follow.h"
#include "print.h"

#define WATCH_FLUSH	   1.0 /* seconds of quiet before an open report goes */
#define WATCH_EXEC_TIMEOUT 10  /* seconds a --exec command may take */
#define WATCH_POLL_NS	   (100 * 1000 * 1000)

struct watch {
	struct cli_common com;
	const char *exec;
	double flush;
	long exec_timeout;
	const char *source; /* the path, or NULL: this machine's log */
	const char *name;   /* of the source, in messages */
	const char *cursor_file;
	char *cursor_saved; /* what cursor_file holds */
	unsigned long seen, exec_failed;
};

static volatile sig_atomic_t watch_stop;

static void on_stop(int sig)
{
	(void)sig;
	watch_stop = 1;
}

/* Wait for pid, killing it after timeout seconds: its wait status, or -1. */
static int wait_bounded(pid_t pid, long timeout)
{
	double end = cli_now() + (double)timeout;
	int st;

	for (;;) {
		pid_t got = waitpid(pid, &st, WNOHANG);

		if (got == pid)
			return st;
		if (got < 0 && errno != EINTR)
			return -1;
		if (cli_now() >= end) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			return -1;
		}
		nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
	}
}

/* --exec: cmd with json on its standard input; false when it failed. */
static bool run_exec(const struct watch *w, const char *json, size_t len)
{
	int fd[2], st;
	pid_t pid;

	if (pipe(fd))
		return false;
	pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return false;
	}
	if (!pid) {
		dup2(fd[0], STDIN_FILENO);
		close(fd[0]);
		close(fd[1]);
		/* a process group of its own: a kill takes what it started */
		setpgid(0, 0);
		execl("/bin/sh", "sh", "-c", w->exec, (char *)NULL);
		_exit(127);
	}
	close(fd[0]);
	/* a command that reads nothing must not stop us: SIGPIPE ignored */
	for (size_t off = 0; off < len;) {
		ssize_t n = write(fd[1], json + off, len - off);

		if (n <= 0 && errno != EINTR)
			break;
		if (n > 0)
			off += (size_t)n;
	}
	close(fd[1]);
	st = wait_bounded(pid, w->exec_timeout);
	if (st == -1)
		kill(-pid, SIGKILL);
	return st != -1 && WIFEXITED(st) && !WEXITSTATUS(st);
}

/* The report r as one JSON line, for --exec. */
static char *report_json(const struct pf_report *r, const struct pf_explain *ex,
			 unsigned long nr, size_t *len)
{
	char *s = NULL;
	FILE *f = open_memstream(&s, len);

	if (!f)
		return NULL;
	if (!print_begin(f, true, false)) {
		print_report(r, ex, nr);
		print_end();
	}
	if (fclose(f)) {
		free(s);
		return NULL;
	}
	return s;
}

static int on_report(const struct pf_report *r, void *data)
{
	struct watch *w = data;
	struct pf_explain *ex = malloc(sizeof(*ex));
	size_t len = 0;
	char *json;

	if (!ex) {
		cli_err(w->com.json, w->name, "out of memory");
		return 0;
	}
	pf_explain_report(r, NULL, ex);
	w->seen++;
	if (!print_begin(stdout, w->com.json, w->com.pretty)) {
		print_report(r, ex, w->seen);
		print_end();
	}
	fflush(stdout);
	if (w->exec) {
		json = report_json(r, ex, w->seen, &len);
		if (!json || !run_exec(w, json, len)) {
			w->exec_failed++;
			cli_err(w->com.json, w->exec,
				"--exec '%s' failed on report %lu (ran over "
				"%ld s, or exited non-zero); watching goes on",
				w->exec, w->seen, w->exec_timeout);
		}
		free(json);
	}
	free(ex);
	return 0;
}

static struct pf_scanner *new_scanner(struct watch *w)
{
	struct pf_scan_opts so = { .report = on_report, .data = w };

	if (w->com.have_kernel)
		so.kernel = &w->com.kernel;
	so.year = w->com.year;
	return pf_scanner_new(w->name, &so);
}

/* --cursor-file: the cursor it holds, or NULL (none yet, or unreadable). */
static char *cursor_load(const struct watch *w)
{
	char line[1024];
	FILE *fp = fopen(w->cursor_file, "re");
	char *c = NULL;

	if (!fp) {
		if (errno != ENOENT)
			cli_err(w->com.json, w->cursor_file,
				"cannot read '%s': %s: the journal is read "
				"from now",
				w->cursor_file, pf_strerror(errno));
		return NULL;
	}
	if (fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0])
			c = strdup(line);
	}
	fclose(fp);
	return c;
}

/*
 * --cursor-file: the cursor of the last journal entry read, when it moved;
 * called only when the scanner holds nothing open.
 */
static void cursor_save(struct watch *w, const struct cli_follow *f)
{
	const char *c = pf_source_cursor(f->src);
	char dir[PATH_MAX], base[PATH_MAX], *text;
	size_t len;
	int err;

	if (!w->cursor_file || !c ||
	    (w->cursor_saved && !strcmp(c, w->cursor_saved)))
		return;
	len = strlen(c) + 1;
	text = malloc(len + 1);
	if (!text)
		return;
	snprintf(text, len + 1, "%s\n", c);
	/* dirname() and basename() may write into what they are given */
	snprintf(dir, sizeof(dir), "%s", w->cursor_file);
	snprintf(base, sizeof(base), "%s", w->cursor_file);
	err = cli_replace_file(dirname(dir), basename(base), text, len);
	if (err) {
		cli_err(w->com.json, w->cursor_file,
			"cannot write '%s': %s; watching goes on",
			w->cursor_file, pf_strerror(err));
	} else {
		free(w->cursor_saved);
		w->cursor_saved = strdup(c);
	}
	free(text);
}

/* Follow f until a signal: the exit status. */
static int follow(struct watch *w, struct cli_follow *f)
{
	struct pf_scanner *sc = new_scanner(w);
	double quiet_since = cli_now();
	bool open_data = false;

	while (sc && !watch_stop) {
		const char *buf;
		ssize_t n = cli_follow_read(f, &buf);

		if (n > 0) {
			pf_scanner_feed(sc, buf, (size_t)n);
			open_data = true;
			quiet_since = cli_now();
			continue;
		}
		if (n < 0) {
			cli_err(w->com.json, w->name, "%s: %s", w->name,
				pf_source_strerror(f->src, (int)n));
			pf_scanner_free(sc);
			return CLI_EXIT_ERROR;
		}
		/* quiet for long enough: what is open goes, whole or not */
		if (open_data && cli_now() - quiet_since >= w->flush) {
			pf_scanner_finish(sc);
			pf_scanner_free(sc);
			sc = new_scanner(w);
			open_data = false;
			cursor_save(w, f);
		}
		nanosleep(&(struct timespec){ 0, WATCH_POLL_NS }, NULL);
	}
	if (!sc) {
		cli_err(w->com.json, w->name, "out of memory");
		return CLI_EXIT_ERROR;
	}
	pf_scanner_finish(sc);
	pf_scanner_free(sc);
	cursor_save(w, f);
	return CLI_EXIT_NONE;
}

/* f opened on w's source (the cursor loaded first): 0, or -1 when said. */
static int open_source(struct watch *w, struct cli_follow *f, bool from_start)
{
	int err;

	if (w->com.journal) {
		w->cursor_saved = w->cursor_file ? cursor_load(w) : NULL;
		err = cli_follow_open_journal(f, w->source, from_start,
					      w->cursor_saved);
	} else {
		err = cli_follow_open(f, w->source, from_start);
	}
	if (!err)
		return 0;
	cli_err(w->com.json, w->name, "cannot follow '%s': %s%s", w->name,
		pf_source_strerror(NULL, err),
		err == -EACCES || err == -EPERM
			? " (try as root, or kernel.dmesg_restrict=0)"
			: "");
	return -1;
}

int cmd_watch(int argc, char **argv)
{
	static const struct option own[] = {
		{ "from-boot", no_argument, NULL, 'b' },
		{ "exec", required_argument, NULL, 'e' },
		{ "exec-timeout", required_argument, NULL, 'T' },
		{ "flush", required_argument, NULL, 'f' },
		{ "cursor-file", required_argument, NULL, 'c' },
		{ 0 }
	};
	/* clang-format off */
	static const struct cli_opts opts = {
		.cmd = "watch", .usage = usage_watch, .longs = own,
		.common = CLI_COMMON_LOGS,
	};
	/* clang-format on */
	struct watch w = { .flush = WATCH_FLUSH,
			   .exec_timeout = WATCH_EXEC_TIMEOUT };
	struct sigaction sa = { .sa_handler = on_stop };
	struct cli_follow *f;
	bool from_start = false;
	struct cli_parser p;
	int ch, status;

	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &w.com)) >= 0) {
		if (ch == 'b')
			from_start = true;
		else if (ch == 'e')
			w.exec = optarg;
		else if (ch == 'c')
			w.cursor_file = optarg;
		else if (ch == 'T' && cli_opt_long("--exec-timeout", optarg, 1,
						   3600, &w.exec_timeout))
			return CLI_EXIT_USAGE;
		else if (ch == 'f' && cli_opt_seconds("--flush", optarg, 0.1,
						      3600, &w.flush))
			return CLI_EXIT_USAGE;
	}
	if (ch == CLI_OPT_EXIT)
		return p.status;
	if (optind + 1 < argc) {
		cli_err(false, NULL,
			"watch follows one SOURCE, not '%s' too (see 'pagefail "
			"help watch')",
			argv[optind + 1]);
		return CLI_EXIT_USAGE;
	}
	if (w.cursor_file && !w.com.journal) {
		cli_err(false, NULL,
			"--cursor-file is where the journal was read up to: "
			"it needs --journal");
		return CLI_EXIT_USAGE;
	}
	w.source = optind < argc ? argv[optind] : NULL;
	w.name = w.source ? w.source : w.com.journal ? "journal" : "/dev/kmsg";
	f = malloc(sizeof(*f));
	if (!f)
		return CLI_EXIT_ERROR;
	if (open_source(&w, f, from_start)) {
		free(w.cursor_saved);
		free(f);
		return CLI_EXIT_ERROR;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	status = follow(&w, f);
	cli_follow_release(f);
	free(w.cursor_saved);
	free(f);
	return status;
}
