// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * scan.c - report scanning: bytes in, whole reports out.
 *
 * Three stages, all streaming:
 *   1. lines: split the bytes, cut lines longer than PF_LINE_MAX, join the
 *      soft breaks of a quoted-printable post, and while no report is open
 *      jump straight to the next line that could matter (fastscan.c), so
 *      that a clean 1 GiB log costs little more than a read of it;
 *   2. unwrap: a mail client or a paste can break one kernel line in two;
 *      in a log whose lines carry a wrapper, a following line without one
 *      is re-joined to it where a wrap is what broke it (one line of
 *      look-ahead); a tag before every line is learnt and peeled (tag.c);
 *   3. assemble: lines to reports, per host (assemble.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/fastscan.h"
#include "report/internal.h"
#include "util/util.h"

/* Lines before a first line that may hold a part of it (see feed). */
#define PF_LOOK_BACK 8
/* Bytes of a source's start judged for text or binary (see probe()). */
#define TEXT_PROBE PF_TEXT_PROBE

struct pf_scanner {
	const char *name;
	struct pf_scan_opts opts;
	unsigned long lineno; /* lines completed so far */

	char *carry; /* a line split between two feeds */
	size_t carry_len;
	bool carry_cut;

	char *pend; /* the logical line waiting for look-ahead */
	size_t pend_len;
	bool pend_valid;
	bool pend_prefixed;
	bool pend_joined;
	unsigned long pend_line;
	size_t phys_len; /* the last physical line, as read */
	bool phys_space; /* ... ended in white space */

	struct pf_tag tag; /* a tag before every line (tag.c) */

	char *qp;      /* quoted-printable soft breaks: the */
	size_t qp_len; /* line so far, and where it began */
	unsigned long qp_line;
	bool qp_seen;

	bool nul_seen; /* said once a source */
	char *probe;   /* the start, held until judged */
	size_t probe_len;
	bool text_checked;	   /* ... as text */
	bool binary;		   /* ... as binary: refused */
	unsigned long warned_line; /* one warning a line */

	struct pf_asm *asm_; /* stage 3 */
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
	sc->qp = malloc(PF_LINE_MAX + 1);
	sc->probe = malloc(TEXT_PROBE);
	sc->asm_ = pf_asm_new(name, &sc->opts, &sc->tag);
	if (!sc->carry || !sc->pend || !sc->qp || !sc->probe || !sc->asm_) {
		pf_scanner_free(sc);
		return NULL;
	}
	return sc;
}

void pf_scanner_free(struct pf_scanner *sc)
{
	if (!sc)
		return;
	pf_asm_free(sc->asm_);
	free(sc->carry);
	free(sc->pend);
	free(sc->qp);
	free(sc->probe);
	free(sc);
}

unsigned long pf_scanner_lines(const struct pf_scanner *sc)
{
	return sc->lineno;
}

/* A warning about a line: one a line, however much is wrong with it. */
static void diag(struct pf_scanner *sc, unsigned long line, const char *msg)
{
	if (line == sc->warned_line)
		return;
	sc->warned_line = line;
	pf_scan_diag(sc->name, &sc->opts, line, "%s", msg);
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
	pf_tag_line(&sc->tag, sc->pend, sc->pend_len, sc->opts.year, false, &l);
	return pf_asm_line(sc->asm_, &l, sc->pend_line, sc->pend_joined);
}

/*
 * Mail clients break lines at 72 to 80 columns (Gmail near 76, RFC 3676
 * format=flowed at 78): a broken line plus the next word passes WRAP_MIN,
 * and no broken line is longer than WRAP_MAX.
 */
#define WRAP_MIN 64
#define WRAP_MAX 100

static size_t first_word(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && s[n] != ' ' && s[n] != '\t')
		n++;
	return n;
}

static int logical_line(struct pf_scanner *sc, const char *s, size_t len,
			unsigned long lineno)
{
	struct pf_line l;
	int err;

	size_t prev_len = sc->phys_len;
	bool prev_space = sc->phys_space;

	sc->phys_len = len;
	sc->phys_space = len && (s[len - 1] == ' ' || s[len - 1] == '\t');
	pf_tag_line(&sc->tag, s, len, sc->opts.year, true, &l);
	/*
	 * A line without the wrapper its predecessor had is the rest of that
	 * line, broken by a mail client or by printk's own continuation
	 * (pr_cont, multi-line printk under dmesg) -- or another program's
	 * line, pasted in between.  A wrap leaves its mark: the broken line
	 * ends in a space (format=flowed, RFC 3676), or its next word would
	 * have taken it past the width mail clients wrap at; a line longer
	 * than any such width was not wrapped.  Once a line was broken, an
	 * unwrapped line after a piece of it is one more piece.
	 */
	if (sc->pend_valid && sc->pend_prefixed &&
	    !(l.flags & PF_LINE_PREFIXED) && l.msg_len &&
	    sc->pend_len + 1 + l.msg_len <= 2 * PF_LINE_MAX &&
	    (prev_space || sc->pend_joined ||
	     (prev_len <= WRAP_MAX &&
	      prev_len + 1 + first_word(l.msg, l.msg_len) > WRAP_MIN))) {
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
	sc->pend_prefixed =
		(l.flags & PF_LINE_PREFIXED) && !(l.flags & PF_LINE_NOT_KERNEL);
	sc->pend_line = lineno;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Stage 1: lines                                                     */
/* ------------------------------------------------------------------ */

/*
 * A mail archive can keep a post quoted-printable (RFC 2045 6.7): lines
 * end in a '=' soft break at most 76 columns, and "=3D" stands for '='.
 * A first soft break is told by its width (encoders fill lines to 76); from
 * then on the source is decoded: "=XX" to its byte, soft breaks joined.
 */
#define QP_WIDTH 76
#define QP_FILL	 70

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static size_t qp_decode(char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		int hi, lo;

		if (s[i] == '=' && i + 2 < len &&
		    (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)s[i + 2])) >= 0) {
			int c = hi << 4 | lo;

			/* an encoded line break is no line break of the log */
			s[o++] = c == '\n' || c == '\r' || !c ? ' ' : (char)c;
			i += 3;
			continue;
		}
		s[o++] = s[i++];
	}
	return o;
}

static int qp_line(struct pf_scanner *sc, const char *s, size_t len,
		   unsigned long lineno)
{
	bool soft = len && s[len - 1] == '=' && len <= QP_WIDTH &&
		    (sc->qp_seen || len >= QP_FILL);
	size_t n;

	if (!soft && !sc->qp_len && !sc->qp_seen)
		return logical_line(sc, s, len, lineno);
	if (!sc->qp_len)
		sc->qp_line = lineno;
	n = len - (soft ? 1 : 0);
	if (n > PF_LINE_MAX - sc->qp_len)
		n = PF_LINE_MAX - sc->qp_len;
	memcpy(sc->qp + sc->qp_len, s, n);
	sc->qp_len += n;
	if (soft) {
		sc->qp_seen = true;
		return 0;
	}
	n = qp_decode(sc->qp, sc->qp_len);
	sc->qp_len = 0;
	return logical_line(sc, sc->qp, n, sc->qp_line);
}

/* A printk time stamp at p, "[%5lu.%06lu]": its length, or 0. */
static size_t stamp_at(const char *p, const char *end)
{
	const char *q = p + 1;
	size_t d = 0;

	if (*p != '[')
		return 0;
	while (q < end && *q == ' ')
		q++;
	while (q < end && *q >= '0' && *q <= '9')
		q++, d++;
	if (!d || q >= end || *q != '.')
		return 0;
	for (d = 0, q++; q < end && *q >= '0' && *q <= '9'; q++)
		d++;
	return d == 6 && q < end && *q == ']' ? (size_t)(q + 1 - p) : 0;
}

/*
 * Where a second message starts on a line that holds two: a newline lost
 * between two CPUs' messages, or a pr_cont() that took another's line,
 * leaves "...nodemask=(null)[  100.000002] swapper/1: ...".  Only a time
 * stamp after a time stamp is taken as such a seam.
 */
static const char *seam(const char *s, size_t len)
{
	const char *end = s + len, *p = s;
	bool first = false;

	while ((p = memchr(p, '[', (size_t)(end - p)))) {
		size_t n = stamp_at(p, end);

		if (n && first)
			return p;
		if (n)
			first = true;
		p += n ? n : 1;
	}
	return NULL;
}

static int one_line(struct pf_scanner *sc, const char *s, size_t len)
{
	unsigned long lineno = ++sc->lineno;
	const char *e;
	int err;

	if (len && s[len - 1] == '\r')
		len--;
	if (len > PF_LINE_MAX) {
		diag(sc, lineno, "line longer than 64 KiB, cut");
		len = PF_LINE_MAX;
	}
	if (!sc->nul_seen && memchr(s, '\0', len)) {
		sc->nul_seen = true;
		diag(sc, lineno,
		     "NUL bytes in the line: the log is damaged "
		     "(a crash can leave a block of zeros); read on");
	}
	while ((e = seam(s, len))) {
		err = qp_line(sc, s, (size_t)(e - s), lineno);
		if (err)
			return err;
		len -= (size_t)(e - s);
		s = e;
	}
	return qp_line(sc, s, len, lineno);
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
	return pf_asm_nr_open(sc->asm_) == 0 && !sc->pend_valid && !sc->qp_len;
}

/*
 * Keep the partial last line [p, end) for the next feed, cut at
 * PF_LINE_MAX (and said).
 */
static inline void carry_partial(struct pf_scanner *sc, const char *p,
				 const char *end)
{
	size_t n = (size_t)(end - p);

	if (n > PF_LINE_MAX) {
		diag(sc, sc->lineno + 1, "line longer than 64 KiB, cut");
		sc->carry_cut = true;
		n = PF_LINE_MAX;
	}
	memcpy(sc->carry, p, n);
	sc->carry_len = n;
}

/*
 * Finish the line carried over from the last feed with the start of
 * [*pp, end).  Returns 1 when no newline is there (all of it carried),
 * else 0 with *pp past the newline, or an error.
 */
static inline int finish_carry(struct pf_scanner *sc, const char **pp,
			       const char *end)
{
	const char *p = *pp, *nl = memchr(p, '\n', (size_t)(end - p));
	size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
	size_t room = PF_LINE_MAX - sc->carry_len;

	if (n > room) {
		if (!sc->carry_cut)
			diag(sc, sc->lineno + 1,
			     "line longer than 64 KiB, cut");
		sc->carry_cut = true;
	}
	memcpy(sc->carry + sc->carry_len, p, n < room ? n : room);
	sc->carry_len += n < room ? n : room;
	if (!nl)
		return 1;
	sc->carry_cut = false;
	*pp = nl + 1;
	n = sc->carry_len;
	sc->carry_len = 0;
	return one_line(sc, sc->carry, n);
}

/*
 * Give the lines just before ls, the line the fast search stopped at, to
 * the assembler too: they can hold "warn_alloc: N callbacks suppressed",
 * the vmalloc text, or the comm of a first line printed in pieces.  Up
 * to PF_LOOK_BACK of them, not before p; the line count is taken back
 * for them (before: the count at p).
 */
static int look_back(struct pf_scanner *sc, const char *p, const char *ls,
		     unsigned long before)
{
	const char *ps = ls;
	int back = 0, err;

	while (ps > p && back < PF_LOOK_BACK) {
		ps--;
		while (ps > p && ps[-1] != '\n')
			ps--;
		back++;
	}
	diag_long_lines(sc, p, ps, before);
	sc->lineno -= (unsigned long)back;
	while (ps < ls) {
		const char *e = memchr(ps, '\n', (size_t)(ls - ps));

		err = one_line(sc, ps, (size_t)(e - ps));
		if (err)
			return err;
		ps = e + 1;
	}
	return 0;
}

/*
 * Nothing waits for more lines: jump to the next line that could matter
 * (fastscan.c).  Returns 1 when [*pp, end) holds none (its partial last
 * line carried), else 0 with *pp at the start of that line, or an error.
 */
static inline int skip_ahead(struct pf_scanner *sc, const char **pp,
			     const char *end)
{
	const char *p = *pp, *hit, *ls, *last;
	unsigned long before = sc->lineno;
	int err;

	hit = p + pf_fastscan(p, (size_t)(end - p), &sc->lineno, !sc->nul_seen);
	if (hit >= end) {
		/* keep the partial last line for the next feed */
		last = memrchr(p, '\n', (size_t)(end - p));
		if (last) {
			diag_long_lines(sc, p, last + 1, before);
			p = last + 1;
		}
		/* those newlines were counted: none */
		if (p < end)
			carry_partial(sc, p, end);
		return 1;
	}
	ls = hit;
	while (ls > p && ls[-1] != '\n')
		ls--;
	if (ls > p) {
		err = look_back(sc, p, ls, before);
		if (err)
			return err;
	}
	*pp = ls;
	return 0;
}

static int feed(struct pf_scanner *sc, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl;
	int err;

	if (pf_asm_stopped(sc->asm_))
		return pf_asm_stopped(sc->asm_);
	if (sc->carry_len || sc->carry_cut) {
		err = finish_carry(sc, &p, end);
		if (err)
			return err > 0 ? 0 : err;
	}

	while (p < end && !pf_asm_stopped(sc->asm_)) {
		if (idle(sc)) {
			err = skip_ahead(sc, &p, end);
			if (err)
				return err > 0 ? 0 : err;
		}
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			carry_partial(sc, p, end);
			return 0;
		}
		err = one_line(sc, p, (size_t)(nl - p));
		if (err)
			return err;
		p = nl + 1;
		if (pf_asm_nr_open(sc->asm_) == 0 &&
		    !(sc->pend_valid &&
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
	return pf_asm_stopped(sc->asm_);
}

/*
 * The first TEXT_PROBE bytes are held until they can be judged: a binary
 * file given for a log is refused whole (-EILSEQ), whatever the sizes of
 * the pieces it came in.
 */
static int probe(struct pf_scanner *sc, const char *buf, size_t len, bool last)
{
	size_t n = TEXT_PROBE - sc->probe_len;
	int err;

	if (n > len)
		n = len;
	memcpy(sc->probe + sc->probe_len, buf, n);
	sc->probe_len += n;
	if (sc->probe_len < TEXT_PROBE && !last)
		return 0;
	sc->text_checked = true;
	if (pf_looks_binary(sc->probe, sc->probe_len)) {
		sc->binary = true;
		return -EILSEQ;
	}
	err = feed(sc, sc->probe, sc->probe_len);
	if (err || n == len)
		return err;
	return feed(sc, buf + n, len - n);
}

int pf_scanner_feed(struct pf_scanner *sc, const char *buf, size_t len)
{
	if (sc->binary)
		return -EILSEQ;
	if (!sc->text_checked)
		return len ? probe(sc, buf, len, false) : 0;
	return feed(sc, buf, len);
}

int pf_scanner_finish(struct pf_scanner *sc)
{
	int err = 0;

	if (sc->binary)
		return -EILSEQ;
	if (!sc->text_checked) {
		err = probe(sc, "", 0, true);
		if (err)
			return err;
	}

	if (sc->carry_len) {
		size_t n = sc->carry_len;

		sc->carry_len = 0;
		err = one_line(sc, sc->carry, n);
	}
	if (!err && sc->qp_len) /* the last line ended in a soft break */
		err = qp_line(sc, "", 0, sc->lineno);
	if (!err)
		err = flush_pend(sc);
	if (err)
		return err;
	return pf_asm_finish(sc->asm_);
}
