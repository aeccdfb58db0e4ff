// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tag.c - a tag that a log puts before every line, learnt from the log
 * itself: a console server's "ttyS0: ", a collector's "18:20:47 kernel: ",
 * pdsh's "node07: ", a CI runner's stamp.  line.c knows the wrappers it
 * was told about; this knows none, and needs none.
 *
 * Some lines of a report can only start with known words: "CPU: 3 PID:",
 * "Pid: 0, comm:", "Call Trace:", "Mem-Info:", "Hardware name:".  Where one
 * of them stands after other text, the shortest head of the line whose
 * removal leaves line.c's parse starting at that word is a tag.  Seen on
 * two lines, it is stripped from every line that starts with it, with the
 * numbers and the runs of blanks in it free to differ (times, counters,
 * padding), before line.c peels what follows it.
 */
#include <ctype.h>
#include <string.h>

#include "report/internal.h"
#include "util/util.h"

/* After prefix at p, a number, then one of the words after[]? */
static bool number_between(const char *p, const char *end, const char *prefix,
			   const char *const *after)
{
	const char *q = p + strlen(prefix);

	if (!pf_starts(p, (size_t)(end - p), prefix) || q >= end ||
	    !isdigit((unsigned char)*q))
		return false;
	while (q < end && isdigit((unsigned char)*q))
		q++;
	for (; *after; after++)
		if (pf_starts(q, (size_t)(end - q), *after))
			return true;
	return false;
}

/* "CPU: 3 PID:", "CPU: 3 UID: 0 PID:" (3.10+), "Pid: 0, comm:" (2.6) */
static bool task_line_at(const char *p, const char *end)
{
	static const char *const cpu[] = { " PID: ", " UID: ", NULL };
	static const char *const pid[] = { ", comm: ", NULL };

	return number_between(p, end, "CPU: ", cpu) ||
	       number_between(p, end, "Pid: ", pid);
}

/* Words that only ever open a line of a report. */
static bool anchor_at(const char *p, const char *end)
{
	static const char *const words[] = {
		"Call Trace:", "Call trace:",	  "Mem-Info:",
		"Mem-info:",   "Hardware name: ",
	};
	size_t len = (size_t)(end - p);

	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (pf_starts(p, len, words[i]))
			return true;
	return task_line_at(p, end);
}

/* Where a tag may end: after a blank or punctuation, not inside a word. */
static bool boundary(char c)
{
	return c == ' ' || c == '\t' || c == ':' || c == ']' || c == '|' ||
	       c == '>' || c == ')' || c == ',' || c == ';';
}

/* The first anchor word after the start of msg, or NULL. */
static const char *find_anchor(const char *msg, size_t len)
{
	const char *end = msg + len;
	size_t lim = len < PF_TAG_MAX ? len : PF_TAG_MAX;

	for (size_t i = 1; i < lim; i++) {
		char c = msg[i];

		/* the first letters of the words anchor_at() knows */
		if ((c == 'C' || c == 'P' || c == 'M' || c == 'H') &&
		    boundary(msg[i - 1]) && anchor_at(msg + i, end))
			return msg + i;
	}
	return NULL;
}

/*
 * How much of s the tag covers, or 0: a run of digits stands for any run of
 * digits, a run of blanks for any run of blanks, anything else for itself.
 */
static size_t tag_match(const char *tag, size_t tn, const char *s, size_t n)
{
	size_t i = 0, j = 0;

	while (i < tn) {
		if (j >= n)
			return 0;
		if (isdigit((unsigned char)tag[i])) {
			if (!isdigit((unsigned char)s[j]))
				return 0;
			while (i < tn && isdigit((unsigned char)tag[i]))
				i++;
			while (j < n && isdigit((unsigned char)s[j]))
				j++;
		} else if (tag[i] == ' ' || tag[i] == '\t') {
			if (s[j] != ' ' && s[j] != '\t')
				return 0;
			while (i < tn && (tag[i] == ' ' || tag[i] == '\t'))
				i++;
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
		} else {
			if (tag[i] != s[j])
				return 0;
			i++;
			j++;
		}
	}
	return j;
}

/*
 * The shortest head of msg that is a tag before an anchor word: what
 * line.c cannot read as a wrapper of its own.  0 when there is none.
 */
static size_t tag_find(const char *msg, size_t len, int year)
{
	const char *a = find_anchor(msg, len);

	if (!a)
		return 0;
	for (size_t j = 1; j <= (size_t)(a - msg); j++) {
		struct pf_line l;

		if (!boundary(msg[j - 1]))
			continue;
		pf_line_parse(msg + j, len - j, year, &l);
		if (l.msg == a)
			return j;
	}
	return 0;
}

/* Peel a tag of n bytes off l->msg and what line.c knows behind it. */
static void strip(struct pf_line *l, size_t n, int year)
{
	struct pf_line in;

	pf_line_parse(l->msg + n, l->msg_len - n, year, &in);
	if (!l->time && in.time) {
		l->time = in.time;
		l->time_len = in.time_len;
	}
	if (l->mono < 0)
		l->mono = in.mono;
	if (l->epoch == INT64_MIN)
		l->epoch = in.epoch;
	if (l->level < 0)
		l->level = in.level;
	if (!l->caller && in.caller) {
		l->caller = in.caller;
		l->caller_len = in.caller_len;
	}
	if (!l->host && in.host) {
		l->host = in.host;
		l->host_len = in.host_len;
	}
	if (l->style == PF_STYLE_BARE)
		l->style = in.style;
	l->flags |= in.flags | PF_LINE_PREFIXED;
	l->msg = in.msg;
	l->msg_len = in.msg_len;
}

void pf_tag_line(struct pf_tag *t, const char *s, size_t len, int year,
		 bool learn, struct pf_line *l)
{
	size_t n;

	pf_line_parse(s, len, year, l);
	if (t->len && (n = tag_match(t->tag, t->len, l->msg, l->msg_len))) {
		strip(l, n, year);
		return;
	}
	if (t->cand_len &&
	    (n = tag_match(t->cand, t->cand_len, l->msg, l->msg_len))) {
		/* on a second line (not the same one, parsed again): a tag */
		if (learn) {
			memcpy(t->tag, t->cand, t->cand_len);
			t->len = t->cand_len;
			t->cand_len = 0;
		}
		strip(l, n, year);
		return;
	}
	if (!learn || !(n = tag_find(l->msg, l->msg_len, year)))
		return;
	memcpy(t->cand, l->msg, n);
	t->cand_len = n;
	strip(l, n, year);
}

size_t pf_tag_strip(const struct pf_tag *t, const char *s, size_t len)
{
	return t->len ? tag_match(t->tag, t->len, s, len) : 0;
}
