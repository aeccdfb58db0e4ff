// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * assemble.c - the third stage of scan.c: kernel messages, one (re-joined)
 * line at a time, to whole reports.
 *
 * Per host (a central syslog interleaves many), a state machine collects
 * the first line, task line, call trace and Mem-Info of a report, skips
 * the lines of other messages printed in between, and hands the report on
 * when it is whole, cut off, or superseded.
 *
 * Two CPUs can fail at once: warn_alloc() prints the first line in
 * pieces, and only dump_stack() is serialised (dump_stack_lock, 4.5+), so
 * a second first line can come before the first one's task line.  The
 * older report is then kept beside the newer, and takes back the lines
 * that name it: the rest of its first line, its cpuset line, its task line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"
#include "util/util.h"

#define PF_HOSTS 32
/*
 * Lines a report may go without one of its own before a line of another
 * host is no longer given to it (see adopter()).
 */
#define PF_ADOPT_LINES 20
/* Lines of other messages tolerated inside a report before it is closed. */
#define PF_FOREIGN_MAX 400
/* Seconds the printk clocks of two CPUs may disagree by. */
#define PF_CLOCK_SKEW 0.05
/* A report whose next line comes this much later (seconds) was cut off. */
#define PF_GAP_MAX 30.0
/* Lines between a lone "<comm>:" and the rest of its first line. */
#define PF_FRAG_LINES 8

enum phase {
	PH_HEAD = 0, /* first line seen; task line, trace may follow */
	PH_MEM,	     /* inside Mem-Info */
	PH_TRAILER,  /* pagecache / swap / "pages RAM" lines */
};

/* A report being assembled, and where its assembly stands. */
struct open {
	struct pf_report *r; /* NULL when none */
	bool ignore;	     /* a stall warning or another dump */
	int phase;
	bool head_more;	  /* a part of the first line is to come */
	bool want_cpuset; /* "task cpuset=" waits for its value */
	bool task_seen;
	bool trace_open;
	bool foreign_seen; /* other lines came since the header */
	unsigned long foreign;
	double last_mono;
};

/*
 * What one writer prints: a host's, or with printk caller ids (T123 for a
 * task, C1 for a CPU in interrupt context) one task's or CPU's on a host.
 * warn_alloc(), dump_stack() and show_mem() run in the context that failed,
 * so all lines of a report carry the same id: where the log prints them,
 * two CPUs' reports never mix.
 */
struct host_state {
	char host[64];
	char caller[16];
	bool used;
	unsigned long last_use;
	struct pf_kver kernel; /* the release this host's log names */
	long suppressed;       /* "warn_alloc: N callbacks suppressed" */
	unsigned long suppressed_line;
	char prev_msg[160]; /* previous kernel line (vmalloc text) */
	unsigned long prev_line;
	char frag[24]; /* a line that was only "<comm>:" */
	unsigned long frag_line;

	struct open cur; /* the report whose lines come now */
	struct open sib; /* an older one, superseded too early */
};

struct pf_asm {
	const char *name;
	const struct pf_scan_opts *opts;
	const struct pf_tag *tag;
	struct host_state hosts[PF_HOSTS];
	int nr_open;
	int stop;		 /* the callback's non-zero return */
	struct pf_report *spare; /* a report buffer ready for reuse */
};

struct pf_asm *pf_asm_new(const char *name, const struct pf_scan_opts *opts,
			  const struct pf_tag *tag)
{
	struct pf_asm *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	a->name = name;
	a->opts = opts;
	a->tag = tag;
	return a;
}

void pf_asm_free(struct pf_asm *a)
{
	if (!a)
		return;
	for (int i = 0; i < PF_HOSTS; i++) {
		free(a->hosts[i].cur.r);
		free(a->hosts[i].sib.r);
	}
	free(a->spare);
	free(a);
}

int pf_asm_nr_open(const struct pf_asm *a)
{
	return a->nr_open;
}

int pf_asm_stopped(const struct pf_asm *a)
{
	return a->stop;
}

/* A message about a line of the input to the caller's diagnostic hook. */
void pf_scan_diag(const char *name, const struct pf_scan_opts *opts,
		  unsigned long line, const char *fmt, ...)
{
	char msg[384];
	va_list ap;

	if (!opts->diag)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	opts->diag(name, line, msg, opts->data);
}

/* Numbers no kernel prints were read as unknown: say so, once a report. */
static void diag_bad_fields(struct pf_asm *a, const struct pf_report *r)
{
	char more[48] = "";

	if (!r->nr_bad_fields)
		return;
	if (r->nr_bad_fields > 1)
		snprintf(more, sizeof(more), " (and %d more)",
			 r->nr_bad_fields - 1);
	static const char *const why[] = {
		[PF_BAD_RANGE] = "is out of range",
		[PF_BAD_NAN] = "is not a number",
		[PF_BAD_MISSING] = "is missing",
		[PF_BAD_SUM] = "is not what the blocks before it add up to",
	};

	pf_scan_diag(
		a->name, a->opts, r->bad_line ? r->bad_line : r->line,
		"'%s' in the report of %s at line %lu %s%s; read as unknown",
		r->bad_field, r->task[0] ? r->task : "?", r->line,
		why[r->bad_kind], more);
}

/* Does the field of size bytes hold s[0..n) (cut as it was stored)? */
static bool same(const char *field, size_t size, const char *s, size_t n)
{
	if (!s)
		n = 0;
	if (n >= size)
		n = size - 1;
	return strlen(field) == n && (!n || !memcmp(field, s, n));
}

static struct host_state *find_host(struct pf_asm *a, const struct pf_line *l,
				    unsigned long lineno)
{
	for (int i = 0; i < PF_HOSTS; i++) {
		struct host_state *h = &a->hosts[i];

		if (h->used &&
		    same(h->host, sizeof(h->host), l->host, l->host_len) &&
		    same(h->caller, sizeof(h->caller), l->caller,
			 l->caller_len)) {
			h->last_use = lineno;
			return h;
		}
	}
	return NULL;
}

/* A release the log names holds for every writer of its host. */
static void host_kernel(struct pf_asm *a, struct host_state *h,
			const struct pf_kver *kv)
{
	for (int i = 0; i < PF_HOSTS; i++)
		if (a->hosts[i].used && !strcmp(a->hosts[i].host, h->host))
			a->hosts[i].kernel = *kv;
}

/* A free slot, or the one used least recently (its report is closed). */
static struct host_state *pick_slot(struct pf_asm *a)
{
	struct host_state *lru = &a->hosts[0];

	for (int i = 0; i < PF_HOSTS; i++) {
		struct host_state *h = &a->hosts[i];

		if (!h->used)
			return h;
		if (h->last_use < lru->last_use)
			lru = h;
	}
	return lru;
}

static void close_open(struct pf_asm *a, struct host_state *h, struct open *o,
		       bool cut)
{
	struct pf_report *r = o->r;

	if (!r)
		return;
	o->r = NULL;
	a->nr_open--;
	if (!o->ignore && !a->stop) {
		size_t n = pf_tag_strip(a->tag, r->task, strlen(r->task));

		/* a first line read before the tag was learnt */
		while (n && (r->task[n] == ' ' || r->task[n] == '\t'))
			n++;
		if (n)
			memmove(r->task, r->task + n, strlen(r->task + n) + 1);
		if (pf_mem_zones_whole(r) && o->phase == PH_TRAILER)
			r->flags |= PF_REPORT_COMPLETE;
		else if (cut)
			r->flags |= PF_REPORT_TRUNCATED;
		pf_report_decode(r, &h->kernel, a->opts->kernel);
		pf_report_classify(r);
		pf_mem_check(r);
		diag_bad_fields(a, r);
		if (a->opts->report)
			a->stop = a->opts->report(r, a->opts->data);
	}
	o->ignore = false;
	if (!a->spare)
		a->spare = r;
	else
		free(r);
}

/* Both of a host's reports, the older first (it was printed first). */
static void close_host(struct pf_asm *a, struct host_state *h, bool cut)
{
	close_open(a, h, &h->sib, true);
	close_open(a, h, &h->cur, cut);
}

static void recycle_host(struct pf_asm *a, struct host_state *h,
			 const struct pf_line *l, unsigned long lineno)
{
	size_t n = l->host ? l->host_len : 0;

	if (h->used)
		close_host(a, h, true);
	memset(h, 0, sizeof(*h));
	h->used = true;
	h->last_use = lineno;
	h->suppressed = -1;
	pf_strlcpyn(h->host, sizeof(h->host), n ? l->host : "", n);
	if (l->caller)
		pf_strlcpyn(h->caller, sizeof(h->caller), l->caller,
			    l->caller_len);
	/* a new writer of a known host: the release it runs is known */
	for (int i = 0; i < PF_HOSTS; i++)
		if (&a->hosts[i] != h && a->hosts[i].used &&
		    !strcmp(a->hosts[i].host, h->host) &&
		    pf_kver_known(&a->hosts[i].kernel))
			h->kernel = a->hosts[i].kernel;
}

/*
 * The first line lacks a part that a wrap or another CPU's line put on a
 * line of its own: its mode, or what follows a piece ending in ',' or in
 * "nodemask=".
 */
static bool head_wants_more(const struct pf_report *r, const char *msg,
			    size_t len)
{
	return pf_head_wants_more(r) ||
	       (len && (msg[len - 1] == ',' || msg[len - 1] == '=')) ||
	       /* 5.x: ",cpuset=%s,mems_allowed=%*pbl" is a pr_cont() of its own */
	       (r->nodemask[0] && !r->cpuset[0] && !r->mems_allowed[0]);
}

/*
 * Superseded before a line of its own beyond the first: its task line,
 * trace and Mem-Info may still come, after the newer report's first line.
 */
static bool young(const struct open *o)
{
	return o->r && !o->ignore && o->phase == PH_HEAD && !o->task_seen &&
	       !o->r->nr_frames && !(o->r->flags & PF_REPORT_HAS_MEMINFO);
}

static int open_report(struct pf_asm *a, struct host_state *h,
		       const struct pf_line *l, const char *msg, size_t len,
		       unsigned long lineno, int kind)
{
	struct pf_report *r = a->spare;
	struct open *o = &h->cur;

	a->spare = NULL;
	if (!r)
		r = malloc(sizeof(*r));
	if (!r)
		return -ENOMEM;
	if (young(&h->cur) && kind == PF_HEAD_FAILURE) {
		close_open(a, h, &h->sib, true);
		h->sib = h->cur;
	} else {
		close_host(a, h, true);
	}
	memset(o, 0, sizeof(*o));
	if (kind == PF_HEAD_FAILURE)
		pf_head_parse(msg, len, r);
	else
		pf_report_init(r);
	r->source = a->name;
	r->line = r->last_line = lineno;
	if (r->nr_bad_fields)
		r->bad_line = lineno;
	/*
	 * 4.10-4.19 print "%s: " of the comm on its own before the rest:
	 * another CPU's line in between leaves "page allocation failure:
	 * order:0" without its task, which stands a few lines up.
	 */
	if (kind == PF_HEAD_FAILURE && !r->task[0] && h->frag_line &&
	    lineno - h->frag_line <= PF_FRAG_LINES) {
		pf_strlcpy(r->task, sizeof(r->task), h->frag);
		r->line = h->frag_line;
		h->frag_line = 0;
	}
	pf_strlcpy(r->host, sizeof(r->host), h->host);
	/* /dev/kmsg prints microseconds: shown in seconds, as dmesg does */
	if (l->style == PF_STYLE_KMSG)
		snprintf(r->time, sizeof(r->time), "%.6f", l->mono);
	else if (l->time)
		pf_strlcpyn(r->time, sizeof(r->time), l->time, l->time_len);
	r->mono = l->mono;
	r->epoch = l->epoch;
	/* BSD syslog times print no year: the epoch is of an assumed one */
	if (l->style == PF_STYLE_SYSLOG && l->epoch != INT64_MIN)
		r->flags |= PF_REPORT_NO_YEAR;
	if (h->suppressed >= 0 && lineno - h->suppressed_line <= 3)
		r->callbacks_suppressed = h->suppressed;
	h->suppressed = -1;
	/* vmalloc and friends print their own line just before (3.x - 4.8) */
	if (h->prev_line + 1 == lineno &&
	    pf_memstr(h->prev_msg, strlen(h->prev_msg), "allocation failure") &&
	    !pf_memstr(h->prev_msg, strlen(h->prev_msg), "page allocation"))
		pf_strlcpy(r->caller_msg, sizeof(r->caller_msg), h->prev_msg);

	o->r = r;
	o->ignore = kind != PF_HEAD_FAILURE;
	o->phase = PH_HEAD;
	o->head_more = kind == PF_HEAD_FAILURE && head_wants_more(r, msg, len);
	o->last_mono = l->mono;
	a->nr_open++;
	return 0;
}

/* What a line of the head phase is to the open report, when told. */
enum head_verdict { HEAD_NOT_OURS, HEAD_OURS, HEAD_UNTOLD };

/*
 * The cpuset lines of 4.12-4.19: "<comm> cpuset=<cg> mems_allowed=<list>"
 * (pf_head_cpuset()), or their pieces on lines of their own.
 */
static bool cpuset_line(struct open *o, const char *msg, size_t len)
{
	struct pf_report *r = o->r;

	if (o->want_cpuset) {
		o->want_cpuset = false;
		if (pf_starts(msg, len, "mems_allowed=")) {
			pf_head_continue(msg, len, r);
			return true;
		}
		if (len && msg[0] == '/' && !memchr(msg, ' ', len)) {
			pf_strlcpyn(r->cpuset, sizeof(r->cpuset), msg, len);
			o->want_cpuset = true; /* mems_allowed next */
			return true;
		}
	}
	if (!r->cpuset[0] && pf_head_cpuset(msg, len, r)) {
		o->want_cpuset = !r->mems_allowed[0];
		return true;
	}
	return false;
}

/*
 * A line of the call trace (pf_trace_line() said which kind k): ours when
 * it follows our own task line, or no other task's came in between.
 */
static enum head_verdict trace_part(struct open *o, const char *msg, size_t len,
				    int k)
{
	struct pf_report *r = o->r;

	if (k == PF_TRACE_START) {
		if (o->task_seen || !o->foreign_seen) {
			/* the authoritative trace follows our own
			 * task line: drop one taken from a dump
			 * printed in between */
			r->nr_frames = 0;
			o->trace_open = true;
			pf_trace_line(msg, len, r, true);
			return HEAD_OURS;
		}
		o->trace_open = false;
		return HEAD_NOT_OURS;
	}
	if (k == PF_TRACE_FRAMES) {
		if (!o->trace_open && !o->foreign_seen && !r->nr_frames)
			o->trace_open = true; /* 2.6.8: no header */
		if (!o->trace_open)
			return HEAD_NOT_OURS;
		pf_trace_line(msg, len, r, true);
		return HEAD_OURS;
	}
	if (k == PF_TRACE_NOISE)
		return !o->foreign_seen || o->task_seen ? HEAD_OURS
							: HEAD_NOT_OURS;
	return HEAD_UNTOLD;
}

/*
 * Before Mem-Info: the cpuset lines, the task line of dump_stack(), the
 * hardware and workqueue lines, the call trace.  HEAD_UNTOLD: none of
 * those, the Mem-Info tests decide.
 */
static enum head_verdict head_line(struct open *o, const char *msg, size_t len)
{
	struct pf_report *r = o->r;
	bool foreign_task;

	if (cpuset_line(o, msg, len))
		return HEAD_OURS;
	if (pf_head_task(msg, len, r, &foreign_task)) {
		o->task_seen = true;
		o->trace_open = false;
		return HEAD_OURS;
	}
	if (foreign_task)
		return HEAD_NOT_OURS;
	if (pf_starts(msg, len, "Hardware name: ")) {
		pf_strlcpyn(r->hardware, sizeof(r->hardware), msg + 15,
			    len - 15);
		return HEAD_OURS;
	}
	if (pf_starts(msg, len, "Workqueue: ")) {
		pf_strlcpyn(r->workqueue, sizeof(r->workqueue), msg + 11,
			    len - 11);
		return HEAD_OURS;
	}
	if (pf_starts(msg, len, "TGID: ")) /* Android kernels */
		return HEAD_OURS;
	return trace_part(o, msg, len, pf_trace_line(msg, len, r, false));
}

/*
 * A line of show_mem(): its start, its body, its trailer, or a piece of a
 * Mem-Info line cut in two; moves o->phase along.
 */
static bool mem_line(struct open *o, const char *msg, size_t len)
{
	struct pf_report *r = o->r;
	int k = pf_mem_line(msg, len, r, o->phase != PH_HEAD);

	if (k == PF_MEM_START) {
		/* a header alone, its body cut by the poster, is no Mem-Info */
		o->phase = PH_MEM;
		o->trace_open = false;
		return true;
	}
	if (k == PF_MEM_BODY) {
		r->flags |= PF_REPORT_HAS_MEMINFO;
		if (o->phase == PH_TRAILER)
			return false;
		o->phase = PH_MEM;
		o->trace_open = false;
		return true;
	}
	if (k == PF_MEM_TRAILER || k == PF_MEM_END) {
		if (o->phase == PH_HEAD && !(r->flags & PF_REPORT_HAS_MEMINFO))
			return false;
		o->phase = PH_TRAILER;
		return true;
	}
	if (o->phase == PH_MEM && pf_mem_continue(msg, len, r))
		return true;
	if (pf_head_suppressed(msg, len) >= 0 ||
	    pf_starts(msg, len, "warn_alloc_show_mem"))
		return o->phase != PH_TRAILER;
	return false;
}

/*
 * Does this line belong to the open report o->r?  Records what it says.
 * Returns true when it does.
 */
static bool report_body_line(struct open *o, const char *msg, size_t len)
{
	if (o->phase == PH_HEAD) {
		enum head_verdict v = head_line(o, msg, len);

		if (v != HEAD_UNTOLD)
			return v == HEAD_OURS;
	}
	return mem_line(o, msg, len);
}

static bool report_line(struct open *o, const char *msg, size_t len)
{
	/*
	 * The rest of a first line printed in pieces may come after lines
	 * of another CPU's: it is waited for until a line of this report's
	 * own comes.
	 */
	if (o->phase == PH_HEAD && o->head_more &&
	    pf_head_continue(msg, len, o->r)) {
		o->head_more = head_wants_more(o->r, msg, len);
		o->r->flags |= PF_REPORT_WRAPPED;
		return true;
	}
	if (!report_body_line(o, msg, len))
		return false;
	/* stack words of a dump do not end the wait; a line that says more does */
	if (o->head_more &&
	    pf_trace_line(msg, len, o->r, false) != PF_TRACE_NOISE)
		o->head_more = false;
	return true;
}

/*
 * A line the newer report would not take, offered to the older one: only
 * a line that names it (the rest of its first line, its cpuset line, its
 * task line).  Taking its task line makes it the report whose dump comes.
 */
static bool sib_line(struct host_state *h, const char *msg, size_t len)
{
	struct open *s = &h->sib;

	if (!s->r || s->phase != PH_HEAD)
		return false;
	if (pf_starts(msg, len, "CPU: ") || pf_starts(msg, len, "Pid: ")) {
		struct open t;

		if (!report_line(s, msg, len))
			return false;
		/* its dump begins: the newer one waits beside it */
		t = h->cur;
		h->cur = h->sib;
		h->sib = t;
		return true;
	}
	if (s->head_more && pf_head_continue(msg, len, s->r)) {
		s->head_more = head_wants_more(s->r, msg, len);
		return true;
	}
	return (s->want_cpuset || pf_memstr(msg, len, "cpuset=")) &&
	       report_line(s, msg, len);
}

/*
 * A line that is only "<comm>:" (at most TASK_COMM_LEN - 1 characters and
 * the colon): the first piece of a first line, see open_report().  Copies
 * the comm to frag.
 */
static bool task_fragment(const char *msg, size_t len, char *frag, size_t size)
{
	/* clang-format off */
	static const char *const words[] = {
		"Call Trace:", "Call trace:", "Backtrace:", "Mem-Info:",
		"Mem-info:", "Stack:", "Code:", "Trace:", "Exception stack:",
	};
	/* clang-format on */

	while (len && (msg[len - 1] == ' ' || msg[len - 1] == '\t'))
		len--;
	if (len < 2 || len > 16 || msg[len - 1] != ':')
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (pf_starts(msg, len, words[i]))
			return false;
	pf_strlcpyn(frag, size, msg, len - 1);
	return true;
}

/*
 * A line of a host with no open report may belong to another host's: a
 * first line pasted without the wrapper its other lines have, or the
 * other way round, or a wrapped piece that lost it.  One of the two must
 * be host-less (a paste, not another machine of a central syslog), and the
 * other's report the only one open, with a line of its own recently.
 */
static struct host_state *adopter(struct pf_asm *a, struct host_state *h,
				  unsigned long lineno)
{
	struct host_state *o = NULL;

	for (int i = 0; i < PF_HOSTS; i++) {
		struct host_state *c = &a->hosts[i];

		if (c == h || !c->used || !c->cur.r)
			continue;
		if (o)
			return NULL; /* two candidates: no guess */
		o = c;
	}
	if (!o || (h->host[0] && o->host[0]) ||
	    (h->caller[0] && o->caller[0]) ||
	    lineno - o->cur.r->last_line > PF_ADOPT_LINES)
		return NULL;
	return o;
}

/* A line of the host's reports' own: note it in the report that took it. */
static void took(struct open *o, const struct pf_line *l, unsigned long lineno,
		 bool joined)
{
	o->r->last_line = lineno;
	if (o->r->nr_bad_fields && !o->r->bad_line)
		o->r->bad_line = lineno;
	/*
	 * A zone line makes a new zone, a buddy line ends with the total:
	 * where, for what is said of them.
	 */
	if (o->r->nr_zones && !o->r->zones[o->r->nr_zones - 1].line)
		o->r->zones[o->r->nr_zones - 1].line = lineno;
	for (int i = 0; i < o->r->nr_zones; i++)
		if (o->r->zones[i].buddy_total_kb >= 0 &&
		    !o->r->zones[i].buddy_line)
			o->r->zones[i].buddy_line = lineno;
	o->foreign = 0;
	if (l->mono >= 0)
		o->last_mono = l->mono;
	if (joined)
		o->r->flags |= PF_REPORT_WRAPPED;
}

/* The line is not the report's own: count it, and give up on a long run. */
static void foreign(struct pf_asm *a, struct host_state *h, struct open *o)
{
	if (!o->r)
		return;
	o->foreign_seen = true;
	if (++o->foreign > PF_FOREIGN_MAX)
		close_open(a, h, o, true);
}

static void report_lines(struct pf_asm *a, struct host_state *h,
			 const struct pf_line *l, const char *msg, size_t len,
			 unsigned long lineno, bool joined)
{
	struct open *o = &h->cur;

	if (l->mono >= 0 && o->last_mono >= 0 &&
	    l->mono - o->last_mono > PF_GAP_MAX) {
		close_host(a, h, true);
		return;
	}
	/*
	 * Printed before the first line: another report's (the clocks of
	 * two CPUs may differ by a little, not by this).
	 */
	if (l->mono >= 0 && o->r->mono >= 0 &&
	    l->mono < o->r->mono - PF_CLOCK_SKEW) {
		foreign(a, h, o);
		return;
	}
	/*
	 * The older report's Mem-Info goes on while the newer one's dump
	 * has begun: show_mem() is not serialised with dump_stack().
	 */
	if (h->sib.r && h->sib.phase != PH_HEAD && o->phase == PH_HEAD) {
		if (report_line(&h->sib, msg, len)) {
			took(&h->sib, l, lineno, joined);
			return;
		}
		if (h->sib.phase == PH_TRAILER)
			close_open(a, h, &h->sib, false);
	}
	if (report_line(o, msg, len)) {
		took(o, l, lineno, joined);
		foreign(a, h, &h->sib);
	} else if (sib_line(h, msg, len)) {
		took(&h->cur, l, lineno, joined);
	} else if (o->phase == PH_TRAILER) {
		/* show_mem() is over: this line is the next message */
		close_open(a, h, o, false);
		foreign(a, h, &h->sib);
	} else {
		foreign(a, h, o);
		foreign(a, h, &h->sib);
	}
}

int pf_asm_line(struct pf_asm *a, const struct pf_line *l, unsigned long lineno,
		bool joined)
{
	const char *msg = l->msg;
	size_t len = l->msg_len;
	struct host_state *h;
	int kind = PF_HEAD_NONE;

	if (l->flags & PF_LINE_NOT_KERNEL)
		return 0;
	h = find_host(a, l, lineno);
	if (!h) {
		h = pick_slot(a);
		recycle_host(a, h, l, lineno);
	}

	if (len == 0)
		return 0; /* an empty line inside a report says nothing */

	if (task_fragment(msg, len, h->frag, sizeof(h->frag)))
		h->frag_line = lineno;
	if (pf_memstr(msg, len, "allocation") ||
	    pf_memstr(msg, len, "Show Memory") ||
	    pf_memstr(msg, len, "oom-killer") ||
	    pf_memstr(msg, len, "show_mem"))
		kind = pf_head_parse(msg, len, NULL);
	if (kind != PF_HEAD_NONE) {
		if (open_report(a, h, l, msg, len, lineno, kind))
			return -ENOMEM;
		if (joined)
			h->cur.r->flags |= PF_REPORT_WRAPPED;
		goto out;
	}
	if (pf_starts(msg, len, "Linux version ")) {
		struct pf_kver kv;

		/* a reboot: every writer of the host starts again */
		for (int i = 0; i < PF_HOSTS; i++)
			if (a->hosts[i].used &&
			    !strcmp(a->hosts[i].host, h->host))
				close_host(a, &a->hosts[i], true);
		if (pf_head_linux_version(msg, len, &kv))
			host_kernel(a, h, &kv);
		goto out;
	}
	{
		long n = pf_head_suppressed(msg, len);

		if (n >= 0 && !h->cur.r) {
			h->suppressed = n;
			h->suppressed_line = lineno;
		}
	}
	/* whoever's task line it is, it names the release this host runs */
	{
		struct pf_kver kv;

		if (pf_head_task_release(msg, len, &kv))
			host_kernel(a, h, &kv);
	}
	if (!h->cur.r) {
		struct host_state *o = adopter(a, h, lineno);

		if (o)
			h = o;
	}
	if (h->cur.r)
		report_lines(a, h, l, msg, len, lineno, joined);
out:
	pf_strlcpyn(h->prev_msg, sizeof(h->prev_msg), msg, len);
	h->prev_line = lineno;
	return 0;
}

int pf_asm_finish(struct pf_asm *a)
{
	for (int i = 0; i < PF_HOSTS; i++)
		close_host(a, &a->hosts[i], true);
	return a->stop;
}
