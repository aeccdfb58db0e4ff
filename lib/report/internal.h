/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * internal.h - the report parsers' private interface: one recogniser per
 * kind of line of a page allocation failure report.  Each takes the kernel
 * message of one (re-joined) log line, already stripped of its wrappers.
 */
#ifndef PF_INTERNAL_H
#define PF_INTERNAL_H

#include "libpagefail.h"

/* header.c: the first line and the lines that belong to it */

/* What a line says about allocation warnings. */
enum pf_head_kind {
	PF_HEAD_NONE = 0,
	PF_HEAD_FAILURE, /* "... page allocation failure ..." */
	PF_HEAD_STALL,	 /* "... page allocation stalls for ..." (4.9-4.14) */
	PF_HEAD_OTHER_DUMP, /* a dump that prints its own Mem-Info */
};

/* Classify msg; a failure header is parsed into r (reset) unless r is NULL. */
int pf_head_parse(const char *msg, size_t len, struct pf_report *r);
/* "mode:0x20", "nodemask=...", ",cpuset=..." wrapped onto the next line. */
bool pf_head_continue(const char *msg, size_t len, struct pf_report *r);
/* Is the header still missing a wrapped part (mode:, or ends with ',')? */
bool pf_head_wants_more(const struct pf_report *r);
/* 4.12-4.19: "<task> cpuset=<cg> mems_allowed=<list>", also in fragments */
bool pf_head_cpuset(const char *msg, size_t len, struct pf_report *r);
/* "Pid: N, comm: X ..." / "CPU: N PID: N Comm: X ...": true if it is r's task */
bool pf_head_task(const char *msg, size_t len, struct pf_report *r,
		  bool *foreign);
/* The release a task line prints, whoever's it is: the log's kernel. */
bool pf_head_task_release(const char *msg, size_t len, struct pf_kver *kv);
/* "Linux version 5.10.0-8-amd64 (...)": the version, for the log */
bool pf_head_linux_version(const char *msg, size_t len, struct pf_kver *kv);
/* "warn_alloc: 96 callbacks suppressed" -> 96, else -1 */
long pf_head_suppressed(const char *msg, size_t len);

/* trace.c: call trace lines */

enum pf_trace_kind {
	PF_TRACE_NONE = 0, /* not a trace line */
	PF_TRACE_START,	   /* "Call Trace:", "Backtrace:" (may hold frames) */
	PF_TRACE_FRAMES,   /* one or more frames or markers */
	PF_TRACE_NOISE,	   /* register dump, stack words: part of the dump */
};

/* Classify msg and append its frames to r (when append is true). */
int pf_trace_line(const char *msg, size_t len, struct pf_report *r,
		  bool append);

/* meminfo.c: Mem-Info lines */

enum pf_mem_kind {
	PF_MEM_NONE = 0,
	PF_MEM_START,	/* "Mem-Info:" */
	PF_MEM_BODY,	/* counters, per-cpu, node, zone, buddy lines */
	PF_MEM_TRAILER, /* pagecache, swap, "N pages RAM" and after */
	PF_MEM_END,	/* the last line show_mem() prints */
};

/* Classify msg as a Mem-Info line and record what it says in r. */
int pf_mem_line(const char *msg, size_t len, struct pf_report *r, bool in_mem);
/* A wrapped piece of a buddy or zone line ("3*16kB 0*32kB = 12kB")? */
bool pf_mem_continue(const char *msg, size_t len, struct pf_report *r);
/* Every zone printed its buddy line. */
bool pf_mem_zones_whole(const struct pf_report *r);

/* tag.c: a tag before every line, learnt from the log */

#define PF_TAG_MAX 96
struct pf_tag {
	char tag[PF_TAG_MAX]; /* seen on two lines: stripped */
	size_t len;
	char cand[PF_TAG_MAX]; /* seen on one line so far */
	size_t cand_len;
};

/*
 * pf_line_parse() of the line s, then the tag stripped from its message
 * and what line.c knows behind it parsed too.  With learn, the line may
 * teach a tag; without, the same line is only parsed again.
 */
void pf_tag_line(struct pf_tag *t, const char *s, size_t len, int year,
		 bool learn, struct pf_line *l);
/* How much of s the learnt tag covers (0: none). */
size_t pf_tag_strip(const struct pf_tag *t, const char *s, size_t len);

/* assemble.c: the third stage of scan.c, lines to reports */

struct pf_asm;
/* opts and tag are kept by pointer: the scanner's own */
struct pf_asm *pf_asm_new(const char *name, const struct pf_scan_opts *opts,
			  const struct pf_tag *tag);
/* One kernel message of line lineno (joined: re-joined after a wrap). */
int pf_asm_line(struct pf_asm *a, const struct pf_line *l, unsigned long lineno,
		bool joined);
/* Hand on every report still open; the callback's stop value. */
int pf_asm_finish(struct pf_asm *a);
int pf_asm_nr_open(const struct pf_asm *a);
/* The report callback's non-zero return, once it stopped the scan. */
int pf_asm_stopped(const struct pf_asm *a);
void pf_asm_free(struct pf_asm *a);
/* A message about line of the input to opts->diag, printf-style. */
void pf_scan_diag(const char *name, const struct pf_scan_opts *opts,
		  unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* report.c */
/*
 * A field no kernel prints so (in the header or Mem-Info), of kind enum
 * pf_bad_kind: the first is kept as printed from s up to the next space
 * ("Normal free:-5kB", with the zone name in front when given) for the
 * scanner to name; later ones counted.
 */
void pf_report_bad(struct pf_report *r, int kind, const char *zone,
		   const char *s, const char *end);
/* meminfo.c: the fields every era prints, looked for once a report is whole */
void pf_mem_check(struct pf_report *r);
/* The first frame outside the page allocator and its index, or NULL. */
const char *pf_frames_call_site(const struct pf_report *r, int *index);
/*
 * A function frame worth naming: a reliable one, or any when the call site
 * itself is a "? " frame (the trace has no reliable one past the allocator).
 */
bool pf_frame_counts(const struct pf_frame *f, bool site_unreliable);

/* context.c: a frame of an allocator layer (slab, skb, vmalloc)? */
bool pf_frame_is_layer(const char *func);

/* gfp/kernel glue (report.c) */
void pf_report_decode(struct pf_report *r, const struct pf_kver *log_kernel,
		      const struct pf_kver *option);

#endif /* PF_INTERNAL_H */
