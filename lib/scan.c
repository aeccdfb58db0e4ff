// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * scan.c - report assembly: bytes in, whole reports out.
 *
 * Three stages, all streaming:
 *   1. lines: split the bytes, cut lines longer than PF_LINE_MAX, and while
 *      no report is open jump straight to the next line that could matter
 *      (fastscan.c), so that a clean 1 GiB log costs little more than a
 *      read of it;
 *   2. unwrap: a mail client or a paste can break one kernel line in two;
 *      in a log whose lines carry a wrapper, a following line without one
 *      is re-joined to it (one line of look-ahead);
 *   3. assemble: per host (a central syslog interleaves many), a state
 *      machine collects the first line, task line, call trace and Mem-Info
 *      of one report, skipping lines of other messages printed in between,
 *      and hands the report on when it is whole, cut off, or superseded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fastscan.h"
#include "internal.h"
#include "util.h"

#define PF_HOSTS	32
/* Lines of other messages tolerated inside a report before it is closed. */
#define PF_FOREIGN_MAX	400
/* A report whose next line comes this much later (seconds) was cut off. */
#define PF_GAP_MAX	30.0

enum phase {
	PH_HEAD = 0,	/* first line seen; task line, trace may follow */
	PH_MEM,		/* inside Mem-Info */
	PH_TRAILER,	/* pagecache / swap / "pages RAM" lines */
};

struct host_state {
	char host[64];
	bool used;
	unsigned long last_use;
	struct pf_kver kernel;		/* "Linux version" of this host's log */
	long suppressed;		/* "warn_alloc: N callbacks suppressed" */
	unsigned long suppressed_line;
	char prev_msg[160];		/* previous kernel line (vmalloc text) */
	unsigned long prev_line;

	struct pf_report *r;		/* the open report, or NULL */
	bool ignore;			/* a stall warning or another dump */
	int phase;
	bool head_more;			/* the first line was wrapped */
	bool want_cpuset;		/* "task cpuset=" waits for its value */
	bool task_seen;
	bool trace_open;
	bool foreign_seen;		/* other lines came since the header */
	unsigned long foreign;
	double last_mono;
};

struct pf_scanner {
	const char *name;
	struct pf_scan_opts opts;
	unsigned long lineno;		/* lines completed so far */

	char *carry;			/* a line split between two feeds */
	size_t carry_len;
	bool carry_cut;

	char *pend;			/* the logical line waiting for look-ahead */
	size_t pend_len;
	bool pend_valid;
	bool pend_prefixed;
	bool pend_joined;
	unsigned long pend_line;

	struct host_state hosts[PF_HOSTS];
	int nr_open;
	int stop;			/* the callback's non-zero return */
	struct pf_report *spare;	/* a report buffer ready for reuse */
};

struct pf_scanner *pf_scanner_new(const char *name,
				  const struct pf_scan_opts *opts)
{
	struct pf_scanner *sc = calloc(1, sizeof(*sc));

	if (!sc)
		return NULL;
	sc->name = name;
	if (opts)
		sc->opts = *opts;
	if (!sc->opts.year)
		sc->opts.year = pf_current_year();
	sc->carry = malloc(PF_LINE_MAX + 1);
	sc->pend = malloc(2 * PF_LINE_MAX + 2);
	if (!sc->carry || !sc->pend) {
		pf_scanner_free(sc);
		return NULL;
	}
	return sc;
}

void pf_scanner_free(struct pf_scanner *sc)
{
	if (!sc)
		return;
	for (int i = 0; i < PF_HOSTS; i++)
		free(sc->hosts[i].r);
	free(sc->spare);
	free(sc->carry);
	free(sc->pend);
	free(sc);
}

unsigned long pf_scanner_lines(const struct pf_scanner *sc)
{
	return sc->lineno;
}

static void diag(struct pf_scanner *sc, unsigned long line, const char *msg)
{
	if (sc->opts.diag)
		sc->opts.diag(sc->name, line, msg, sc->opts.data);
}

/* ------------------------------------------------------------------ */
/* Stage 3: assembly                                                  */
/* ------------------------------------------------------------------ */

static struct host_state *find_host(struct pf_scanner *sc,
				     const struct pf_line *l,
				     unsigned long lineno)
{
	size_t n = l->host ? l->host_len : 0;

	if (n >= sizeof(sc->hosts[0].host))
		n = sizeof(sc->hosts[0].host) - 1;
	for (int i = 0; i < PF_HOSTS; i++) {
		struct host_state *h = &sc->hosts[i];

		if (h->used && strlen(h->host) == n &&
		    (!n || !memcmp(h->host, l->host, n))) {
			h->last_use = lineno;
			return h;
		}
	}
	return NULL;
}

/* A free slot, or the one used least recently (its report is closed). */
static struct host_state *pick_slot(struct pf_scanner *sc)
{
	struct host_state *lru = &sc->hosts[0];

	for (int i = 0; i < PF_HOSTS; i++) {
		struct host_state *h = &sc->hosts[i];

		if (!h->used)
			return h;
		if (h->last_use < lru->last_use)
			lru = h;
	}
	return lru;
}

static void close_report(struct pf_scanner *sc, struct host_state *h,
			 bool cut)
{
	struct pf_report *r = h->r;

	if (!r)
		return;
	h->r = NULL;
	sc->nr_open--;
	if (!h->ignore && !sc->stop) {
		if (pf_mem_zones_whole(r) && h->phase == PH_TRAILER)
			r->flags |= PF_REPORT_COMPLETE;
		else if (cut)
			r->flags |= PF_REPORT_TRUNCATED;
		pf_report_decode(r, &h->kernel, sc->opts.kernel);
		if (sc->opts.report)
			sc->stop = sc->opts.report(r, sc->opts.data);
	}
	h->ignore = false;
	if (!sc->spare)
		sc->spare = r;
	else
		free(r);
}

static void recycle_host(struct pf_scanner *sc, struct host_state *h,
			 const struct pf_line *l, unsigned long lineno)
{
	size_t n = l->host ? l->host_len : 0;

	if (h->used)
		close_report(sc, h, true);
	memset(h, 0, sizeof(*h));
	h->used = true;
	h->last_use = lineno;
	h->suppressed = -1;
	pf_strlcpyn(h->host, sizeof(h->host), n ? l->host : "", n);
}

static int open_report(struct pf_scanner *sc, struct host_state *h,
		       const struct pf_line *l, const char *msg, size_t len,
		       unsigned long lineno, int kind)
{
	struct pf_report *r = sc->spare;

	sc->spare = NULL;
	if (!r)
		r = malloc(sizeof(*r));
	if (!r)
		return -ENOMEM;
	if (kind == PF_HEAD_FAILURE) {
		pf_head_parse(msg, len, r);
	} else {
		pf_report_init(r);
	}
	r->source = sc->name;
	r->line = r->last_line = lineno;
	pf_strlcpy(r->host, sizeof(r->host), h->host);
	if (l->time)
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

	h->r = r;
	h->ignore = kind != PF_HEAD_FAILURE;
	h->phase = PH_HEAD;
	h->head_more = kind == PF_HEAD_FAILURE &&
		       (pf_head_wants_more(r) || (len && msg[len - 1] == ','));
	h->want_cpuset = false;
	h->task_seen = false;
	h->trace_open = false;
	h->foreign_seen = false;
	h->foreign = 0;
	h->last_mono = l->mono;
	sc->nr_open++;
	return 0;
}

/*
 * Does this line belong to the open report h->r?  Records what it says.
 * Returns true when it does.
 */
static bool report_line(struct host_state *h, const char *msg, size_t len)
{
	struct pf_report *r = h->r;
	bool foreign_task;
	int k;

	if (h->phase == PH_HEAD) {
		if (h->head_more) {
			if (pf_head_continue(msg, len, r)) {
				h->head_more = pf_head_wants_more(r) ||
					       (len && msg[len - 1] == ',');
				r->flags |= PF_REPORT_WRAPPED;
				return true;
			}
			h->head_more = false;
		}
		if (h->want_cpuset) {
			h->want_cpuset = false;
			if (pf_starts(msg, len, "mems_allowed=")) {
				pf_head_continue(msg, len, r);
				return true;
			}
			if (len && msg[0] == '/' && !memchr(msg, ' ', len)) {
				pf_strlcpyn(r->cpuset, sizeof(r->cpuset), msg, len);
				h->want_cpuset = true;	/* mems_allowed next */
				return true;
			}
		}
		if (!r->cpuset[0] && pf_head_cpuset(msg, len, r)) {
			h->want_cpuset = !r->mems_allowed[0];
			return true;
		}
		if (pf_head_task(msg, len, r, &foreign_task)) {
			h->task_seen = true;
			h->trace_open = false;
			return true;
		}
		if (foreign_task)
			return false;
		if (pf_starts(msg, len, "Hardware name: ")) {
			pf_strlcpyn(r->hardware, sizeof(r->hardware), msg + 15,
				    len - 15);
			return true;
		}
		if (pf_starts(msg, len, "Workqueue: ")) {
			pf_strlcpyn(r->workqueue, sizeof(r->workqueue),
				    msg + 11, len - 11);
			return true;
		}
		if (pf_starts(msg, len, "TGID: "))	/* Android kernels */
			return true;
		k = pf_trace_line(msg, len, r, false);
		if (k == PF_TRACE_START) {
			if (h->task_seen || !h->foreign_seen) {
				/* the authoritative trace follows our own
				 * task line: drop one taken from a dump
				 * printed in between */
				r->nr_frames = 0;
				h->trace_open = true;
				pf_trace_line(msg, len, r, true);
				return true;
			}
			h->trace_open = false;
			return false;
		}
		if (k == PF_TRACE_FRAMES) {
			if (!h->trace_open && !h->foreign_seen && !r->nr_frames)
				h->trace_open = true;	/* 2.6.8: no header */
			if (h->trace_open) {
				pf_trace_line(msg, len, r, true);
				return true;
			}
			return false;
		}
		if (k == PF_TRACE_NOISE)
			return !h->foreign_seen || h->task_seen;
	}

	k = pf_mem_line(msg, len, r, h->phase != PH_HEAD);
	if (k == PF_MEM_START) {
		/* a header alone, its body cut by the poster, is no Mem-Info */
		h->phase = PH_MEM;
		h->trace_open = false;
		return true;
	}
	if (k == PF_MEM_BODY) {
		r->flags |= PF_REPORT_HAS_MEMINFO;
		if (h->phase == PH_TRAILER)
			return false;
		h->phase = PH_MEM;
		h->trace_open = false;
		return true;
	}
	if (k == PF_MEM_TRAILER || k == PF_MEM_END) {
		if (h->phase == PH_HEAD && !(r->flags & PF_REPORT_HAS_MEMINFO))
			return false;
		h->phase = PH_TRAILER;
		return true;
	}
	if (h->phase == PH_MEM && pf_mem_continue(msg, len, r))
		return true;
	if (pf_head_suppressed(msg, len) >= 0 ||
	    pf_starts(msg, len, "warn_alloc_show_mem"))
		return h->phase != PH_TRAILER;
	return false;
}

static int assemble(struct pf_scanner *sc, const struct pf_line *l,
		    unsigned long lineno, bool joined)
{
	const char *msg = l->msg;
	size_t len = l->msg_len;
	struct host_state *h;
	int kind = PF_HEAD_NONE;

	if (l->flags & PF_LINE_NOT_KERNEL)
		return 0;
	h = find_host(sc, l, lineno);
	if (!h) {
		h = pick_slot(sc);
		recycle_host(sc, h, l, lineno);
	}

	if (len == 0)
		return 0;	/* an empty line inside a report says nothing */

	if (pf_memstr(msg, len, "allocation") || pf_memstr(msg, len, "Show Memory") ||
	    pf_memstr(msg, len, "oom-killer") || pf_memstr(msg, len, "show_mem"))
		kind = pf_head_parse(msg, len, NULL);
	if (kind != PF_HEAD_NONE) {
		close_report(sc, h, true);
		if (open_report(sc, h, l, msg, len, lineno, kind))
			return -ENOMEM;
		if (joined)
			h->r->flags |= PF_REPORT_WRAPPED;
		goto out;
	}
	if (pf_starts(msg, len, "Linux version ")) {
		close_report(sc, h, true);	/* a reboot */
		pf_head_linux_version(msg, len, &h->kernel);
		goto out;
	}
	{
		long n = pf_head_suppressed(msg, len);

		if (n >= 0 && !h->r) {
			h->suppressed = n;
			h->suppressed_line = lineno;
		}
	}
	if (h->r) {
		if (l->mono >= 0 && h->last_mono >= 0 &&
		    l->mono - h->last_mono > PF_GAP_MAX) {
			close_report(sc, h, true);
			goto out;
		}
		if (report_line(h, msg, len)) {
			h->r->last_line = lineno;
			h->foreign = 0;
			if (l->mono >= 0)
				h->last_mono = l->mono;
			if (joined)
				h->r->flags |= PF_REPORT_WRAPPED;
		} else if (h->phase == PH_TRAILER) {
			/* show_mem() is over: this line is the next message */
			close_report(sc, h, false);
		} else {
			h->foreign_seen = true;
			if (++h->foreign > PF_FOREIGN_MAX)
				close_report(sc, h, true);
		}
	}
out:
	pf_strlcpyn(h->prev_msg, sizeof(h->prev_msg), msg, len);
	h->prev_line = lineno;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Stage 2: unwrap                                                    */
/* ------------------------------------------------------------------ */

static int flush_pend(struct pf_scanner *sc)
{
	struct pf_line l;

	if (!sc->pend_valid)
		return 0;
	sc->pend_valid = false;
	pf_line_parse(sc->pend, sc->pend_len, sc->opts.year, &l);
	return assemble(sc, &l, sc->pend_line, sc->pend_joined);
}

static int logical_line(struct pf_scanner *sc, const char *s, size_t len,
			unsigned long lineno)
{
	struct pf_line l;
	int err;

	pf_line_parse(s, len, sc->opts.year, &l);
	/*
	 * A line without the wrapper its predecessor had is the rest of that
	 * line, broken by a mail client or by printk's own continuation
	 * (pr_cont, multi-line printk under dmesg).
	 */
	if (sc->pend_valid && sc->pend_prefixed && !(l.flags & PF_LINE_PREFIXED) &&
	    l.msg_len && sc->pend_len + 1 + l.msg_len <= 2 * PF_LINE_MAX) {
		sc->pend[sc->pend_len++] = ' ';
		memcpy(sc->pend + sc->pend_len, l.msg, l.msg_len);
		sc->pend_len += l.msg_len;
		sc->pend_joined = true;
		return 0;
	}
	err = flush_pend(sc);
	if (err)
		return err;
	if (len > PF_LINE_MAX)
		len = PF_LINE_MAX;
	memcpy(sc->pend, s, len);
	sc->pend_len = len;
	sc->pend_valid = true;
	sc->pend_joined = false;
	sc->pend_prefixed = (l.flags & PF_LINE_PREFIXED) &&
			    !(l.flags & PF_LINE_NOT_KERNEL);
	sc->pend_line = lineno;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Stage 1: lines                                                     */
/* ------------------------------------------------------------------ */

static int one_line(struct pf_scanner *sc, const char *s, size_t len)
{
	unsigned long lineno = ++sc->lineno;

	if (len && s[len - 1] == '\r')
		len--;
	if (len > PF_LINE_MAX) {
		diag(sc, lineno, "line longer than 64 KiB, cut");
		len = PF_LINE_MAX;
	}
	return logical_line(sc, s, len, lineno);
}

/*
 * The lines the fast search skips never reach one_line(): tell of those in
 * [p, end) (whole lines, the first numbered lineno + 1) that are longer
 * than PF_LINE_MAX, as one_line() would.  Strides a window at a time.
 */
static void diag_long_lines(struct pf_scanner *sc, const char *p,
			    const char *end, unsigned long lineno)
{
	const char *s = p, *nl;

	while (end - s > PF_LINE_MAX) {
		nl = memrchr(s, '\n', PF_LINE_MAX + 1);
		if (nl) {
			s = nl + 1;
			continue;
		}
		diag(sc, lineno + 1 + pf_count_lines(p, (size_t)(s - p)),
		     "line longer than 64 KiB, cut");
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			break;
		s = nl + 1;
	}
}

/* Nothing waits for more lines: the fast search may skip ahead. */
static bool idle(const struct pf_scanner *sc)
{
	return sc->nr_open == 0 && !sc->pend_valid;
}

int pf_scanner_feed(struct pf_scanner *sc, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	int err;

	if (sc->stop)
		return sc->stop;
	/* finish the line carried over from the last feed */
	if (sc->carry_len || sc->carry_cut) {
		const char *nl = memchr(p, '\n', len);
		size_t n = nl ? (size_t)(nl - p) : len;
		size_t room = PF_LINE_MAX - sc->carry_len;

		if (n > room) {
			if (!sc->carry_cut)
				diag(sc, sc->lineno + 1, "line longer than 64 KiB, cut");
			sc->carry_cut = true;
		}
		memcpy(sc->carry + sc->carry_len, p, n < room ? n : room);
		sc->carry_len += n < room ? n : room;
		if (!nl)
			return 0;
		sc->carry_cut = false;
		p = nl + 1;
		n = sc->carry_len;
		sc->carry_len = 0;
		err = one_line(sc, sc->carry, n);
		if (err)
			return err;
	}

	while (p < end && !sc->stop) {
		const char *nl;

		if (idle(sc)) {
			unsigned long before = sc->lineno;
			size_t off = pf_fastscan(p, (size_t)(end - p), &sc->lineno);
			const char *hit = p + off, *ls;

			if (hit >= end) {
				/* keep the partial last line for the next feed */
				const char *last = memrchr(p, '\n', (size_t)(end - p));

				if (last) {
					diag_long_lines(sc, p, last + 1, before);
					p = last + 1;
				}
				if (p < end) {
					if (end - p > PF_LINE_MAX) {
						diag(sc, sc->lineno + 1,
						     "line longer than 64 KiB, cut");
						sc->carry_cut = true;
					}
					sc->carry_len = (size_t)(end - p) > PF_LINE_MAX
							? PF_LINE_MAX : (size_t)(end - p);
					memcpy(sc->carry, p, sc->carry_len);
					/* those newlines were counted: none */
				}
				return 0;
			}
			ls = hit;
			while (ls > p && ls[-1] != '\n')
				ls--;
			/*
			 * Give the line before it to the assembler too: it can
			 * hold "warn_alloc: N callbacks suppressed" or the
			 * vmalloc text.
			 */
			if (ls > p) {
				const char *ps = ls - 1;

				while (ps > p && ps[-1] != '\n')
					ps--;
				diag_long_lines(sc, p, ps, before);
				sc->lineno--;
				err = one_line(sc, ps, (size_t)(ls - 1 - ps));
				if (err)
					return err;
			}
			p = ls;
		}
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			size_t n = (size_t)(end - p);

			if (n > PF_LINE_MAX) {
				diag(sc, sc->lineno + 1, "line longer than 64 KiB, cut");
				sc->carry_cut = true;
				n = PF_LINE_MAX;
			}
			memcpy(sc->carry, p, n);
			sc->carry_len = n;
			return 0;
		}
		err = one_line(sc, p, (size_t)(nl - p));
		if (err)
			return err;
		p = nl + 1;
		if (sc->nr_open == 0 && !(sc->pend_valid &&
		    pf_memstr(sc->pend, sc->pend_len, "allocation"))) {
			/*
			 * Look-ahead is only needed while a report is open, or
			 * for a line that may open one (its wrapped rest).
			 */
			err = flush_pend(sc);
			if (err)
				return err;
		}
	}
	return sc->stop;
}

int pf_scanner_finish(struct pf_scanner *sc)
{
	int err = 0;

	if (sc->carry_len) {
		size_t n = sc->carry_len;

		sc->carry_len = 0;
		err = one_line(sc, sc->carry, n);
	}
	if (!err)
		err = flush_pend(sc);
	for (int i = 0; i < PF_HOSTS; i++)
		if (sc->hosts[i].r)
			close_report(sc, &sc->hosts[i], true);
	return err ? err : sc->stop;
}
