/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cli.h - what the pagefail subcommands share: the command table entry,
 * error words, colour, exit codes.
 */
#ifndef CLI_H
#define CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "libpagefail.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit codes (documented in pagefail(1)). */
#define CLI_EXIT_NONE	     0 /* ran; nothing found */
#define CLI_EXIT_ERROR	     1 /* an error, nothing found */
#define CLI_EXIT_USAGE	     2
#define CLI_EXIT_FOUND	     3 /* reports found */
#define CLI_EXIT_FOUND_ERROR 4 /* reports found, and an error */

struct cli_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	void (*usage)(FILE *f);
};

/* Print "pagefail: <msg>" on stderr (and a JSON error line when json). */
void cli_err(bool json, const char *source, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* --report N past the last report of source: an error, not "none found" */
void cli_err_no_report(bool json, const char *source, unsigned long seen,
		       long want);

/*
 * A pf_diag_fn for the library's diagnostics about a source: prints
 * "pagefail: SOURCE: MSG"; data is a bool *, true for JSON errors too, or
 * NULL.
 */
void cli_diag_print(const char *source, unsigned long line, const char *msg,
		    void *data);

/*
 * The same, at most CLI_DIAG_SHOWN of them (a file of junk has one per
 * line), printed at once or, with hold, kept until cli_diag_flush(), which
 * also says how many more there were; data is a struct cli_diag *.
 */
#define CLI_DIAG_SHOWN 10
struct cli_diag {
	bool json;	  /* errors as JSON lines too */
	bool hold;	  /* keep them for cli_diag_flush() */
	unsigned long nr; /* seen, shown or not */
	int nr_kept;
	struct {
		char *source, *msg;
	} kept[CLI_DIAG_SHOWN];
	char *last_source; /* named in "... and N more" */
};
void cli_diag(const char *source, unsigned long line, const char *msg,
	      void *data);
/* Forget the i-th held diagnostic (said another way already). */
void cli_diag_forget(struct cli_diag *d, int i);
/* Print what is held and "... and N more errors in SOURCE"; then release. */
void cli_diag_flush(struct cli_diag *d);
/* Free what is held, unprinted. */
void cli_diag_release(struct cli_diag *d);
/*
 * After a loader that said its errors through cli_diag(d): flush them, and
 * when it failed (err), say so in one line, fmt naming path ("cannot use
 * the rules in '%s'") and why: einval for -EINVAL (or its strerror), said
 * only when the lines above did not.  0, or -1 after the line.
 */
int cli_load_failed(struct cli_diag *d, int err, const char *fmt,
		    const char *path, const char *einval);

/* The exit status of a command that finds reports: found, and errors. */
int cli_exit_status(unsigned long found, unsigned long errors);

/*
 * Colour (text.c): off for NO_COLOR, --no-color, or a stdout that is not a
 * tty; cli_c(CLI_BOLD) is "" then.
 */
#define CLI_BOLD  "\033[1m"
#define CLI_DIM	  "\033[2m"
#define CLI_RESET "\033[0m"
extern bool cli_color;
const char *cli_c(const char *sgr);

/*
 * The common options (options.c), declared once: a command takes those it
 * names in cli_opts.common, and getopt_long() sees them beside its own.
 */
#define CLI_COMMON_JSON	   (1u << 0) /* -j/--json, -p/--pretty */
#define CLI_COMMON_KERNEL  (1u << 1) /* --kernel VERSION */
#define CLI_COMMON_YEAR	   (1u << 2) /* --year YEAR */
#define CLI_COMMON_ROOT	   (1u << 3) /* --root DIR */
#define CLI_COMMON_COLOR   (1u << 4) /* --no-color */
#define CLI_COMMON_JOURNAL (1u << 5) /* --journal: SOURCEs are journals */
/* what the commands that read logs take (scan, explain, advise, watch) */
#define CLI_COMMON_LOGS                                                        \
	(CLI_COMMON_JSON | CLI_COMMON_KERNEL | CLI_COMMON_YEAR |               \
	 CLI_COMMON_COLOR | CLI_COMMON_JOURNAL)

/* getopt values of the long-only common options: a command's own are less */
enum {
	CLI_OPT_KERNEL = 0x1000,
	CLI_OPT_YEAR,
	CLI_OPT_ROOT,
	CLI_OPT_NOCOLOR,
	CLI_OPT_JOURNAL,
};

/* What the common options said. */
struct cli_common {
	bool json, pretty;
	struct pf_kver kernel; /* --kernel */
	bool have_kernel;
	int year;	  /* --year, 0: not given */
	const char *root; /* --root, NULL: not given */
	bool journal;	  /* --journal */
};

/* A command's options. */
struct cli_opts {
	const char *cmd;	    /* named in the errors */
	void (*usage)(FILE *f);	    /* --help */
	unsigned int common;	    /* CLI_COMMON_* it takes */
	unsigned int pass;	    /* of those, what it does itself */
	const char *shorts;	    /* its own short options ("d:n:b") */
	const struct option *longs; /* its own, { 0 } at the end, or NULL */
	/*
	 * An option it does not take (getopt's '?' or ':'): the exit status
	 * after saying so.  NULL: cli_opt_bad().
	 */
	int (*bad)(int ch, int argc, char **argv);
	bool getopt_says; /* top: getopt's own words on errors */
};

#define CLI_MAX_OPTS 32
struct cli_parser {
	const struct cli_opts *o;
	struct option table[CLI_MAX_OPTS];
	char shorts[CLI_MAX_OPTS];
	int status; /* the exit status after CLI_OPT_EXIT */
};

#define CLI_OPT_EXIT (-2)

/* Build the getopt_long() table of o, and start at argv[1]. */
void cli_parser_init(struct cli_parser *p, const struct cli_opts *o);
/*
 * The next option that is the command's own (or in o->pass), after doing
 * the common ones into com: its getopt value; -1 after the last option
 * (optind is the first operand); CLI_OPT_EXIT after --help or an error
 * said, when the command returns p->status.
 */
int cli_getopt(struct cli_parser *p, int argc, char **argv,
	       struct cli_common *com);
/*
 * complete.c: is arg --completion-helper[=KIND]; the options and operands
 * of p's command, or the words of KIND, for the shells: the exit status.
 */
bool cli_complete_asked(const char *arg);
int cli_complete(const struct cli_parser *p, const char *arg);
int cli_complete_words(const char *cmd, const char *kind);
/* Do common option ch: 0, -1 after saying the value is bad, 1 not common. */
int cli_common_opt(struct cli_common *com, int ch, const char *arg);
/* Colour on stdout unless NO_COLOR is set or stdout is not a terminal. */
void cli_color_init(void);

/*
 * Option values: 0, or -1 after a line naming the option and what it
 * takes.  cli_root_check: --root must be a directory that is there.
 */
#define CLI_MIN_INTERVAL 0.1 /* seconds: status INTERVAL, top -d */
int cli_opt_long(const char *opt, const char *arg, long min, long max, long *v);
/* An operand after a command that takes none: -1 after saying so, else 0. */
int cli_no_operands(const char *cmd, int argc, char **argv);
int cli_opt_seconds(const char *opt, const char *arg, double min, double max,
		    double *v);
int cli_opt_kernel(const char *opt, const char *arg, struct pf_kver *kv);
int cli_opt_year(const char *opt, const char *arg, int *year);
int cli_opt_when(const char *opt, const char *arg, int64_t *epoch);
int cli_root_check(const char *root, bool json);
/*
 * getopt_long() returned '?' or ':' (its optstring begins with ':' and
 * opterr is 0): one line naming the option, not getopt's and the usage.
 */
void cli_opt_bad(const char *cmd, int ch, char **argv);

/*
 * Parse a time for --since/--until: "YYYY-MM-DD[ HH:MM[:SS]]", "@EPOCH",
 * "-2h", "-30min", "-7d", "now", "today", "yesterday".  Returns 0 or -1.
 */
int cli_parse_when(const char *s, int64_t *epoch);

/*
 * Reading reports from SOURCE arguments (collect.c): files, .gz/.xz,
 * directories, "-"; the running kernel's log when there are none.
 * Errors are printed (cli_err) and counted; reading goes on.
 */
/* progress.c: a long read's progress on stderr, when it is a terminal */
struct cli_progress {
	bool on, stdout_tty;
	const char *cmd, *source; /* the command, the source read now */
	unsigned long long bytes;
	unsigned long reports;
	double started, drawn; /* CLOCK_MONOTONIC seconds */
};
void cli_progress_init(struct cli_progress *pg, const char *cmd, bool quiet);
/* n more bytes read of source; a report found */
void cli_progress_bytes(struct cli_progress *pg, const char *source, size_t n);
void cli_progress_report(struct cli_progress *pg);
/* Erase the line, if it shows (before any other line on stderr). */
void cli_progress_clear(void);

struct cli_collect {
	bool json; /* errors as JSON lines too */
	struct cli_progress progress;
	struct pf_kver kernel; /* --kernel */
	bool have_kernel;
	int year;	     /* --year */
	bool journal;	     /* --journal: each path a journal, none: ours */
	pf_report_fn report; /* non-zero return: stop */
	void *data;
	unsigned long nr_sources, errors;
	bool stop;
	struct collect_held *held; /* warnings of the source read now */
};
/* c ready to collect for a command with the common options com. */
void cli_collect_init(struct cli_collect *c, const struct cli_common *com,
		      pf_report_fn report, void *data);
/* ... its progress shown on stderr, under cmd's name, unless quiet */
void cli_collect_progress(struct cli_collect *c, const char *cmd, bool quiet);
void cli_collect(struct cli_collect *c, int nr, char **paths);
/*
 * replace.c: DIR/name replaced by text (n bytes) in one rename, mode 0644:
 * 0, or -errno.
 */
int cli_replace_file(const char *dir, const char *name, const char *text,
		     size_t n);
/* A SOURCE directory that is a machine's tree (a sosreport, a snapshot) */
bool cli_is_system_tree(const char *dir);
/* Text: "no page allocation failure report found in N sources" */
void cli_collect_none(const struct cli_collect *c);
/*
 * demand.c: advise --demand FILE, what pagefail trace -j measured, into d:
 * 0, or -1 after saying why not.
 */
int cli_demand_load(const char *path, struct pf_demand *d, bool json);
/* ... from text (len bytes, not NUL-terminated): 0, or -EINVAL. */
int cli_demand_parse(const char *text, size_t len, struct pf_demand *d);
/* --rules FILE (explain, advise): 0, or -1 after saying why not */
int cli_rules_load(struct pf_rules **rules, const char *path, bool json);

/* scan's text (scan_groups.c): the reports grouped by kind */
struct group;
struct cli_groups {
	struct group *v;
	size_t nr, alloc;
	unsigned long nr_reports;
};
/*
 * The kind of r, as scan groups reports (and report shows them): task,
 * order, mode and call-site signature, into key; the signature into sig.
 */
void cli_report_kind(const struct pf_report *r, char *key, size_t len,
		     char *sig, size_t sig_len);
/* Count r in its group: 0 or -ENOMEM. */
int cli_groups_add(struct cli_groups *c, const struct pf_report *r);
void cli_groups_release(struct cli_groups *c);

/*
 * A growable string (buf.c), zeroed to start: what does not fit grows it;
 * only when memory is short is the rest of a cli_buf_add() dropped, and
 * oom set.
 */
struct cli_buf {
	char *s;
	size_t n, alloc;
	bool oom;
};
void cli_buf_add(struct cli_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Add len bytes of s as they are. */
void cli_buf_put(struct cli_buf *b, const char *s, size_t len);
/* Its text: "" when nothing was added. */
const char *cli_buf_str(const struct cli_buf *b);
void cli_buf_release(struct cli_buf *b);

/*
 * Bytes in words (words.c): an exact power-of-two size as "8 KiB" or
 * "4 MiB", any other amount as "75 MiB", "1.5 GiB", "812 KiB".
 */
void cli_format_size(unsigned long long bytes, char *buf, size_t len);

/* text.c: "label text..." wrapped under the label at the terminal width */
void cli_print_wrapped(FILE *f, int indent, const char *label,
		       const char *text);
/* pages of page_kb KiB as "75 MiB"; "-" when not known (negative) */
void cli_pages_words(long pages, unsigned int page_kb, char *buf, size_t len);

/*
 * advise --verify: the first report with Mem-Info replayed in the
 * simulator as it was and with the advice (cmd_advise.c, print_advise.c)
 */
struct cli_verify {
	bool want, done;
	struct pf_report *r; /* a copy, its source in source */
	char source[256];
	char kernel[96];
	unsigned long long before, after;
	char error[512]; /* why it was not replayed, or "" */
	char note[1100]; /* what the replay assumed, or "" */
};

/* Keep a copy of r when v wants one and has none: the first with Mem-Info */
void cli_verify_keep(struct cli_verify *v, const struct pf_report *r);
/* Replay v's report without and with the advice a (advise_verify.c) */
void cli_verify_run(struct cli_verify *v, struct pf_advice *a);
/* --set NAME=VALUE over the advice: 0, or -1 after saying why not */
int cli_advise_set(struct pf_advice *a, const char *arg);
/* --sysctl: the advice as a sysctl.d file, on stdout */
void cli_advise_sysctl(const struct pf_advice *a);
/* --apply under root: the exit status (advise_apply.c) */
int cli_advise_apply(const struct pf_advice *a, const char *root, bool dry_run,
		     bool force);

/*
 * simulate: the time series kept (sim_files.c), and what is checked and
 * loaded before a run (sim_setup.c)
 */
struct cli_series {
	struct pf_sim_sample *v;
	size_t nr, alloc;
};
/* Keep smp (dropped when out of memory: the series has a gap). */
void cli_series_add(struct cli_series *s, const struct pf_sim_sample *smp);
/* --csv, --svg: 0 or -errno */
int cli_series_csv(const char *path, const struct cli_series *s);
int cli_series_svg(const char *path, const struct cli_series *s,
		   const char *title);
/*
 * --from-report: the nth report of path (0: the first with Mem-Info) as a
 * scenario.  0, or the exit status after saying why not.
 */
int cli_sim_from_report(const char *path, long nth, const struct pf_kver *kv,
			struct pf_scenario **sc, bool json);
/* "512M", "16G", "1T", "4096": bytes, binary units; 0 when not a size */
unsigned long long cli_parse_size(const char *s);
/* Can a run of sc with o have the memory it needs?  0, or the exit status. */
int cli_sim_memory(const struct pf_scenario *sc, const struct pf_sim_opts *o,
		   unsigned long long max, const char *what, bool json);
/* Why --set (--kernel, --sweep) opt arg, NAME=VALUE, was refused (err). */
void cli_sim_set_error(int err, const char *opt, const char *arg,
		       const char *name, const char *value);

/* status: what it reads, once (status_read.c) or an interval */
struct cli_status {
	struct cli_common com; /* json, pretty, kernel */
	const char *root;
	double interval; /* seconds between lines, 0: once */
};
/* The machine and its zones' status, read at t (a monotonic clock). */
struct cli_sample {
	struct pf_system *sys;
	struct pf_zone_status *st;
	double t;
};
/* Seconds of the monotonic clock (when.c). */
double cli_now(void);
/* Read s (again): false after saying why not. */
bool cli_sample_take(const struct cli_status *c, struct cli_sample *s);
/*
 * The files of s's machine that could not be read where they should have
 * been: one every kernel has, or one that is there and wrong.
 */
unsigned int cli_sample_errors(const struct pf_system *sys);
/* status INTERVAL COUNT (0: no end; status_lines.c): the exit status */
int cli_status_lines(const struct cli_status *c, long count);

/*
 * A subcommand is two functions, cmd_NAME() (cmd_NAME.c) that runs it and
 * usage_NAME() (usage.c) that prints its usage: main.c's table holds both.
 */
#define CLI_SUBCOMMAND(name)                                                   \
	int cmd_##name(int argc, char **argv);                                 \
	void usage_##name(FILE *f)

CLI_SUBCOMMAND(scan);
CLI_SUBCOMMAND(explain);
CLI_SUBCOMMAND(advise);
CLI_SUBCOMMAND(top);
CLI_SUBCOMMAND(status);
CLI_SUBCOMMAND(snapshot);
CLI_SUBCOMMAND(export);
CLI_SUBCOMMAND(serve);
CLI_SUBCOMMAND(watch);
CLI_SUBCOMMAND(trace);
CLI_SUBCOMMAND(simulate);
CLI_SUBCOMMAND(report);

#endif
