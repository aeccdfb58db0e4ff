// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * header.c - the first line of a page allocation failure report and the
 * lines that belong to it: the cpuset line of 4.12-4.19, the task line that
 * dump_stack() prints (and with it the kernel release and taint), the
 * "callbacks suppressed" line of the rate limit, and the log's own
 * "Linux version" boot line.
 *
 * First-line shapes by era (kernel-facts.md 2.1):
 *   2.6.x, RHEL 5/6:  "%s: page allocation failure. order:%d, mode:0x%x"
 *   3.x - 4.5:        "%s: page allocation failure: order:%d, mode:0x%x"
 *   4.6 - 4.11:       "... mode:%#x(%pGg)"
 *   4.12 - 4.19:      "... mode:%#x(%pGg), nodemask=%*pbl"
 *   5.x - 6.x:        "... nodemask=%*pbl,cpuset=%s,mems_allowed=%*pbl"
 */
#include <ctype.h>
#include <string.h>

#include "report/internal.h"
#include "util/util.h"

static const char *skip_spaces(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static void trim_copy(char *dst, size_t size, const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == ','))
		e--;
	pf_strlcpyn(dst, size, s, (size_t)(e - s));
}

/*
 * The tail after "mode:": "0x20", "0xa20(GFP_ATOMIC)", then optionally
 * ", nodemask=...", ",cpuset=...", ",mems_allowed=...".  Any of these may be
 * missing because a mail client wrapped the line.
 */
static void parse_mode_tail(const char *p, const char *end, struct pf_report *r)
{
	const char *q = p, *s;
	unsigned long mask;

	if (pf_scan_hex(&q, end, &mask)) {
		r->gfp_mask = mask;
		pf_strlcpyn(r->mode, sizeof(r->mode), p, (size_t)(q - p));
		if (q < end && *q == '(') {
			const char *close = memchr(q, ')', (size_t)(end - q));

			s = q + 1;
			if (!close)
				close = end;
			pf_strlcpyn(r->mode_names, sizeof(r->mode_names), s,
				    (size_t)(close - s));
			q = close < end ? close + 1 : end;
		}
	}
	s = pf_memstr(q, (size_t)(end - q), "nodemask=");
	if (s) {
		const char *v = s + 9;
		const char *e = pf_memstr(v, (size_t)(end - v), ",cpuset=");

		trim_copy(r->nodemask, sizeof(r->nodemask), v, e ? e : end);
	}
	s = pf_memstr(q, (size_t)(end - q), "cpuset=");
	if (s) {
		const char *v = s + 7;
		const char *e =
			pf_memstr(v, (size_t)(end - v), ",mems_allowed=");

		trim_copy(r->cpuset, sizeof(r->cpuset), v, e ? e : end);
	}
	s = pf_memstr(q, (size_t)(end - q), "mems_allowed=");
	if (s)
		trim_copy(r->mems_allowed, sizeof(r->mems_allowed), s + 13,
			  end);
}

static bool contains(const char *msg, size_t len, const char *needle)
{
	return pf_memstr(msg, len, needle) != NULL;
}

/* A line without the phrase: a stall warning, another dump, or nothing. */
static int head_other(const char *msg, size_t len)
{
	if (contains(msg, len, "page allocation stalls for"))
		return PF_HEAD_STALL;
	if (contains(msg, len, "invoked oom-killer") ||
	    contains(msg, len, "Show Memory") || contains(msg, len, "show_mem"))
		return PF_HEAD_OTHER_DUMP;
	return PF_HEAD_NONE;
}

/*
 * After the phrase, "order:" and a number: the kernel prints numbers
 * there ("order:%d, mode:%#x"), and a document that shows the format
 * ("order:<N>", "order:%d, mode:0x%x", "order:size, mode:gfp_mask") is
 * not a report.  Returns where "order:" starts, or NULL.
 */
static const char *head_order_at(const char *p, const char *end)
{
	const char *m;

	/* "page allocation failure. order:" or ": order:" */
	if (p >= end || (*p != '.' && *p != ':'))
		return NULL;
	p = skip_spaces(p + 1, end);
	if (!pf_starts(p, (size_t)(end - p), "order:"))
		return NULL;
	if (p + 6 >= end || !isdigit((unsigned char)p[6]))
		return NULL;
	m = pf_memstr(p, (size_t)(end - p), "mode:");
	if (m && (m + 5 >= end || !isxdigit((unsigned char)m[5])))
		return NULL;
	return p;
}

/*
 * The task is current->comm, printed as "%s: page allocation failure":
 * what precedes the ": " before the phrase (hit), as it stands (a comm
 * may end in a space or a colon: "WebContainer : ").  Without that
 * separator, the line was damaged: trim what is left.
 */
static void head_task(const char *msg, const char *hit, struct pf_report *r)
{
	const char *t = hit, *s = msg;

	if (t - msg >= 2 && t[-2] == ':' && t[-1] == ' ') {
		t -= 2;
	} else {
		while (t > msg && (t[-1] == ' ' || t[-1] == ':'))
			t--;
	}
	/* glued onto another line: take what follows its last "] " */
	for (const char *b = msg; b < t; b++)
		if (b[0] == ']' && b + 1 < t && b[1] == ' ')
			s = b + 2;
	s = skip_spaces(s, t);
	pf_strlcpyn(r->task, sizeof(r->task), s, (size_t)(t - s));
}

/*
 * The number after "order:" (at p - 6).  __alloc_pages() refuses an
 * order above MAX_ORDER (at most a few tens on any configuration) before
 * warn_alloc() is reached: a larger one was damaged on its way here.
 */
static void head_order(const char **p, const char *end, struct pf_report *r)
{
	const char *o = *p;
	unsigned long order;

	if (!pf_scan_ulong(p, end, &order))
		return;
	if (order < 64)
		r->order = (int)order;
	else
		pf_report_bad(r, PF_BAD_RANGE, NULL, o - 6, end);
}

int pf_head_parse(const char *msg, size_t len, struct pf_report *r)
{
	const char *end = msg + len, *hit, *p;

	hit = pf_memstr(msg, len, "page allocation failure");
	if (!hit)
		return head_other(msg, len);
	p = head_order_at(hit + strlen("page allocation failure"), end);
	if (!p)
		return PF_HEAD_NONE;
	if (!r)
		return PF_HEAD_FAILURE; /* only asked what the line is */

	pf_report_init(r);
	/* head_order_at() took '.' or ':' right after the phrase */
	r->seen |= hit[strlen("page allocation failure")] == '.' ? PF_SAW_DOT
								 : PF_SAW_COLON;
	head_task(msg, hit, r);
	p += 6;
	head_order(&p, end, r);
	hit = pf_memstr(p, (size_t)(end - p), "mode:");
	if (hit)
		parse_mode_tail(hit + 5, end, r);
	return PF_HEAD_FAILURE;
}

bool pf_head_wants_more(const struct pf_report *r)
{
	return r->order >= 0 && !r->mode[0];
}

/* "(null)", "0", "0-1,4": what %*pbl prints for a nodemask */
static bool is_nodelist(const char *s, size_t len)
{
	if (len == 6 && !memcmp(s, "(null)", 6))
		return true;
	if (!len || !isdigit((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != '-' && s[i] != ',')
			return false;
	return true;
}

bool pf_head_continue(const char *msg, size_t len, struct pf_report *r)
{
	const char *end = msg + len;

	/*
	 * 4.10-4.19 print the first line in pieces (pr_warn("%s: "), then
	 * pr_cont() of the rest, of ", mode:...", of the nodemask): another
	 * CPU's line between them leaves each piece on a line of its own.
	 */
	if (pf_starts(msg, len, ", mode:") && !r->mode[0]) {
		msg += 2;
		len -= 2;
	}
	if (pf_starts(msg, len, "mode:") && !r->mode[0]) {
		parse_mode_tail(msg + 5, end, r);
		return true;
	}
	if (r->mode[0] && !r->nodemask[0] && is_nodelist(msg, len)) {
		pf_strlcpyn(r->nodemask, sizeof(r->nodemask), msg, len);
		return true;
	}
	if ((pf_starts(msg, len, "nodemask=") && !r->nodemask[0]) ||
	    ((pf_starts(msg, len, "cpuset=") ||
	      pf_starts(msg, len, ",cpuset=")) &&
	     !r->cpuset[0]) ||
	    (pf_starts(msg, len, "mems_allowed=") && !r->mems_allowed[0]) ||
	    (pf_starts(msg, len, ",mems_allowed=") && !r->mems_allowed[0])) {
		/* parse_mode_tail() reads these keys wherever they stand */
		char saved[sizeof(r->mode)];

		memcpy(saved, r->mode, sizeof(saved));
		parse_mode_tail(msg, end, r);
		memcpy(r->mode, saved, sizeof(saved));
		return true;
	}
	return false;
}

bool pf_head_cpuset(const char *msg, size_t len, struct pf_report *r)
{
	const char *end = msg + len;
	const char *c = pf_memstr(msg, len, " cpuset=");
	const char *m;
	size_t tl = strlen(r->task);

	/*
	 * cpuset_print_current_mems_allowed() of 4.12-4.19 (and 4.10-4.11's
	 * cpuset_print_task_mems_allowed) prints "<comm> cpuset=<cg>
	 * mems_allowed=<list>" on a line of its own.
	 */
	if (!c || (size_t)(c - msg) != tl || memcmp(msg, r->task, tl))
		return false;
	c += 8;
	m = pf_memstr(c, (size_t)(end - c), " mems_allowed=");
	trim_copy(r->cpuset, sizeof(r->cpuset), c, m ? m : end);
	if (m)
		trim_copy(r->mems_allowed, sizeof(r->mems_allowed), m + 14,
			  end);
	return true;
}

/* Is tok a kernel release ("2.6.32-358.2.1.el6.x86_64", "6.12.39")? */
static bool looks_like_release(const char *tok, size_t n)
{
	return n >= 3 && isdigit((unsigned char)tok[0]) &&
	       memchr(tok, '.', n) != NULL;
}

/*
 * The taint at p ("Not tainted", or "Tainted: " and its fixed-width flag
 * field, with spaces): copied to taint (when given), and where it ends.
 */
static const char *taint_after(const char *p, const char *end, char *taint,
			       size_t size)
{
	const char *s = p;

	if (pf_starts(p, (size_t)(end - p), "Not tainted")) {
		if (taint)
			pf_strlcpy(taint, size, "Not tainted");
		return p + 11;
	}
	p += 8; /* "Tainted:" */
	while (p < end) {
		const char *q = skip_spaces(p, end);
		const char *e = q;

		while (e < end && *e != ' ')
			e++;
		if (q >= end || looks_like_release(q, (size_t)(e - q)) ||
		    *q == '#' || (size_t)(e - q) > 2)
			break;
		p = e;
	}
	if (taint)
		trim_copy(taint, size, s, p);
	return p;
}

/*
 * The release after the taint: the first token that looks like one, before
 * the "#N" build number.  NULL when none.
 */
static const char *release_at(const char *p, const char *end, size_t *n)
{
	while (p < end) {
		const char *q = skip_spaces(p, end);
		const char *e = q;

		while (e < end && *e != ' ')
			e++;
		if (q >= end || *q == '#')
			return NULL;
		if (looks_like_release(q, (size_t)(e - q))) {
			*n = (size_t)(e - q);
			return q;
		}
		p = e;
	}
	return NULL;
}

/*
 * The ids before the comm: "Pid: %d, comm: %.20s" (2.6.x - 3.9) or "CPU:
 * %d [UID: %u ]PID: %d Comm: %.20s" (3.10+).  Returns where the comm
 * starts, or NULL when the line is not a task line.
 */
static const char *task_ids(const char *msg, size_t len, int *pid, int *cpu)
{
	const char *end = msg + len, *p, *c;
	unsigned long v;

	if (pf_starts(msg, len, "Pid: ")) {
		p = msg + 5;
		if (!pf_scan_ulong(&p, end, &v))
			return NULL;
		*pid = (int)v;
		c = pf_memstr(p, (size_t)(end - p), "comm: ");
		return c ? c + 6 : NULL;
	}
	if (!pf_starts(msg, len, "CPU: "))
		return NULL;
	p = msg + 5;
	if (!pf_scan_ulong(&p, end, &v))
		return NULL;
	*cpu = (int)v;
	c = pf_memstr(p, (size_t)(end - p), "PID: ");
	if (!c)
		return NULL;
	p = c + 5;
	if (!pf_scan_ulong(&p, end, &v))
		return NULL;
	*pid = (int)v;
	c = pf_memstr(p, (size_t)(end - p), "Comm: ");
	return c ? c + 6 : NULL;
}

/*
 * The comm at c ends where the taint begins (comms may hold spaces): the
 * first of " Not tainted" and " Tainted:".  Returns that " ", or NULL;
 * *taint_start is the taint itself.
 */
static const char *taint_of_comm(const char *c, const char *end,
				 const char **taint_start)
{
	const char *t = pf_memstr(c, (size_t)(end - c), " Not tainted");
	const char *t2 = pf_memstr(c, (size_t)(end - c), " Tainted:");

	if (t2 && (!t || t2 < t))
		t = t2;
	*taint_start = t ? t + 1 : NULL;
	return t;
}

/*
 * The comm at c, up to the taint t (NULL: all of it).  Where the header's
 * task (the same current->comm) starts the text, that is the comm,
 * whatever follows it: RHEL 7-9 print "Kdump: loaded" or "Kdump: not
 * loaded" between the comm and the taint, other builds fields of their own.
 */
static void task_comm(const char *c, const char *end, const char *t,
		      const struct pf_report *r, char *comm, size_t size)
{
	const char *ct = t ? t : end; /* cut by the poster: all */
	const char *k = pf_memstr(c, (size_t)(ct - c), " Kdump: ");
	size_t tl = strlen(r->task);

	if (tl && (size_t)(end - c) > tl && !memcmp(c, r->task, tl) &&
	    c[tl] == ' ')
		pf_strlcpy(comm, size, r->task);
	else
		trim_copy(comm, size, c, k ? k : ct);
}

/*
 * Is comm the header's task?  The header's task may carry junk in front
 * of it (a tag the log put there): both are current->comm, so the comm
 * is the task, and the task is set to it.
 */
static bool task_is_comm(struct pf_report *r, const char *comm)
{
	size_t a = strlen(r->task), b = strlen(comm);

	if (!r->task[0] || !strcmp(comm, r->task))
		return true;
	if (!(a > b && !strcmp(r->task + a - b, comm) &&
	      strchr(" :]>|", r->task[a - b - 1])))
		return false;
	pf_strlcpy(r->task, sizeof(r->task), comm);
	return true;
}

/* The release after the taint, when there is one: the report's kernel. */
static void task_release(const char *p, const char *end, struct pf_report *r)
{
	size_t n;
	const char *rel = release_at(p, end, &n);
	char buf[96];

	if (!rel)
		return;
	pf_strlcpyn(buf, sizeof(buf), rel, n);
	pf_kver_parse(buf, &r->kernel);
	r->kernel_from = PF_KERNEL_REPORT;
}

bool pf_head_task(const char *msg, size_t len, struct pf_report *r,
		  bool *foreign)
{
	const char *end = msg + len, *c, *t, *taint_start;
	char comm[64];
	int pid = -1, cpu = -1;

	*foreign = false;
	c = task_ids(msg, len, &pid, &cpu);
	if (!c)
		return false;
	t = taint_of_comm(c, end, &taint_start);
	task_comm(c, end, t, r, comm, sizeof(comm));
	if (!task_is_comm(r, comm)) {
		*foreign = true;
		return false;
	}
	pf_strlcpy(r->comm, sizeof(r->comm), comm);
	r->pid = pid;
	r->cpu = cpu;
	r->seen |= cpu < 0 ? PF_SAW_PID_LINE : PF_SAW_CPU_LINE;
	if (taint_start)
		task_release(taint_after(taint_start, end, r->taint,
					 sizeof(r->taint)),
			     end, r);
	return true;
}

bool pf_head_task_release(const char *msg, size_t len, struct pf_kver *kv)
{
	const char *end = msg + len, *t, *rel;
	char buf[96];
	size_t n;

	if (!pf_starts(msg, len, "CPU: ") && !pf_starts(msg, len, "Pid: "))
		return false;
	if (!pf_memstr(msg, len, "PID: ") && !pf_memstr(msg, len, "comm: "))
		return false;
	t = pf_memstr(msg, len, " Not tainted");
	if (!t)
		t = pf_memstr(msg, len, " Tainted:");
	if (!t)
		return false;
	rel = release_at(taint_after(t + 1, end, NULL, 0), end, &n);
	if (!rel)
		return false;
	pf_strlcpyn(buf, sizeof(buf), rel, n);
	return pf_kver_parse(buf, kv) == 0;
}

bool pf_head_linux_version(const char *msg, size_t len, struct pf_kver *kv)
{
	const char *end = msg + len, *p, *e;
	char rel[96];

	if (!pf_starts(msg, len, "Linux version "))
		return false;
	p = msg + 14;
	e = p;
	while (e < end && *e != ' ')
		e++;
	pf_strlcpyn(rel, sizeof(rel), p, (size_t)(e - p));
	return pf_kver_parse(rel, kv) == 0;
}

long pf_head_suppressed(const char *msg, size_t len)
{
	const char *end = msg + len, *p;
	unsigned long n;

	/* "warn_alloc: 96 callbacks suppressed", "warn_alloc_failed: ..." */
	if (!pf_starts(msg, len, "warn_alloc") &&
	    !pf_starts(msg, len, "__alloc_pages"))
		return -1;
	p = memchr(msg, ':', len);
	if (!p)
		return -1;
	p = skip_spaces(p + 1, end);
	if (!pf_scan_ulong(&p, end, &n) ||
	    !pf_starts(p, (size_t)(end - p), " callbacks suppressed"))
		return -1;
	return (long)n;
}
