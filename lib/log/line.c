// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * line.c - take one log line apart: the wrappers that syslog, journald,
 * dmesg, /dev/kmsg, Android and mail clients put in front of a kernel
 * message, and the message itself.
 *
 * Wrappers nest (rsyslog around a dmesg time stamp, a mail quote around
 * dmesg -T, an Android logcat prefix around a printk level, dmesg -x's
 * facility and level around a time stamp), so the parser peels one layer
 * at a time until none is left.  A tag no one told it about is learnt
 * from the log itself (tag.c).  Nothing is copied: every
 * field of struct pf_line points into the caller's line.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libpagefail.h"
#include "util/util.h"

static const char *const month_names[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static int month_of(const char *s)
{
	for (int i = 0; i < 12; i++)
		if (!memcmp(s, month_names[i], 3))
			return i;
	return -1;
}

static bool is_weekday(const char *s)
{
	static const char days[] = "MonTueWedThuFriSatSun";

	for (int i = 0; i < 7; i++)
		if (!memcmp(s, days + 3 * i, 3))
			return true;
	return false;
}

static size_t digits(const char *p, const char *end)
{
	size_t n = 0;

	while (p + n < end && isdigit((unsigned char)p[n]))
		n++;
	return n;
}

static long num(const char *p, size_t n)
{
	long v = 0;

	for (size_t i = 0; i < n && i < 18; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

/*
 * Seconds since the epoch of a broken-down local time.  mktime(3) checks
 * /etc/localtime on every call, which a log of millions of lines cannot
 * afford: local midnight is computed once per day and the time of day added
 * (off by the DST hour only on the night the clock changes).
 */
static int64_t local_epoch(int year, int mon, int mday, int h, int m, int s)
{
	static __thread int c_year, c_mon, c_mday;
	static __thread int64_t c_midnight = INT64_MIN;

	if (year != c_year || mon != c_mon || mday != c_mday ||
	    c_midnight == INT64_MIN) {
		struct tm tm = {
			.tm_year = year - 1900,
			.tm_mon = mon,
			.tm_mday = mday,
			.tm_hour = 12,
			.tm_isdst = -1,
		};
		time_t t = mktime(&tm);

		if (t == (time_t)-1)
			return INT64_MIN;
		c_year = year;
		c_mon = mon;
		c_mday = mday;
		c_midnight = (int64_t)t - 12 * 3600;
	}
	return c_midnight + h * 3600 + m * 60 + s;
}

/* "HH:MM:SS" at p; returns its length (8) or 0. */
static size_t parse_hms(const char *p, const char *end, int *h, int *m, int *s)
{
	if (end - p < 8 || !isdigit((unsigned char)p[0]) || p[2] != ':' ||
	    p[5] != ':' || !isdigit((unsigned char)p[7]))
		return 0;
	*h = (int)num(p, 2);
	*m = (int)num(p + 3, 2);
	*s = (int)num(p + 6, 2);
	return 8;
}

/*
 * After a syslog time: "host prog[pid]: " or "host kernel: ".  Sets host and
 * whether the program is the kernel, and returns the message start, or NULL
 * when the rest does not look like that.
 */
static const char *syslog_tail(const char *p, const char *end,
			       struct pf_line *out)
{
	const char *h = p, *prog, *q;

	while (p < end && *p == ' ')
		p++;
	h = p;
	while (p < end && *p != ' ' && *p != ':')
		p++;
	if (p >= end)
		return NULL;
	if (*p == ':' && p + 1 < end && p[1] == ' ' && p - h == 6 &&
	    !memcmp(h, "kernel", 6)) {
		/* no host: "Mar 18 14:39:17 kernel: msg" */
		out->flags |= PF_LINE_PREFIXED;
		return p + 2;
	}
	if (*p != ' ')
		return NULL;
	out->host = h;
	out->host_len = (size_t)(p - h);
	p++;
	prog = p;
	while (p < end && *p != ' ' && *p != ':' && *p != '[')
		p++;
	q = p;
	if (p < end && *p == '[') {
		while (p < end && *p != ']')
			p++;
		if (p < end)
			p++;
	}
	if (p >= end || *p != ':') {
		/* "host -- MARK --" and friends: another program's line */
		out->flags |= PF_LINE_NOT_KERNEL | PF_LINE_PREFIXED;
		return end;
	}
	if (!(q - prog == 6 && !memcmp(prog, "kernel", 6)))
		out->flags |= PF_LINE_NOT_KERNEL;
	out->flags |= PF_LINE_PREFIXED;
	p++;
	if (p < end && *p == ' ')
		p++;
	return p;
}

/*
 * "[ ]D[D] HH:MM:SS[.frac]" after a month's name, as BSD syslog and
 * dmesg -T (and util-linux's iso-ish --time-format, with the fraction)
 * print it: the day of the month and the time.  Returns what follows, or
 * NULL.
 */
static const char *mday_hms(const char *p, const char *end, int *mday, int *h,
			    int *m, int *s)
{
	size_t n;

	if (*p == ' ')
		p++;
	n = digits(p, end);
	if (n < 1 || n > 2 || p[n] != ' ')
		return NULL;
	*mday = (int)num(p, n);
	p += n + 1;
	if (!parse_hms(p, end, h, m, s))
		return NULL;
	p += 8;
	if (p < end && *p == '.')
		p += 1 + digits(p + 1, end);
	return p;
}

/* "Mar 18 14:39:17[.123456] " (BSD syslog, journalctl short/-precise). */
static const char *strip_bsd_syslog(const char *p, const char *end, int year,
				    struct pf_line *out)
{
	const char *t = p, *r;
	int mon, mday, h, m, s;

	if (end - p < 16 || p[3] != ' ' || (mon = month_of(p)) < 0)
		return NULL;
	p = mday_hms(p + 4, end, &mday, &h, &m, &s);
	if (!p || p >= end || *p != ' ')
		return NULL;
	r = syslog_tail(p, end, out);
	if (!r)
		return NULL;
	out->time = t;
	out->time_len = (size_t)(p - t);
	out->epoch = local_epoch(year, mon, mday, h, m, s);
	out->style = PF_STYLE_SYSLOG;
	return r;
}

/*
 * An RFC 3339 time at p, "2024-03-18T14:39:17.123456+00:00" (also with a
 * space for the T, "Z", "+0000"): where it ends, and its epoch; NULL when
 * p holds none.
 */
static const char *rfc3339_time(const char *p, const char *end, int64_t *epoch)
{
	int h, m, s, year, mon, mday;
	long off = 0;
	bool zoned = false;

	if (end - p < 20 || digits(p, end) != 4 || p[4] != '-' || p[7] != '-' ||
	    (p[10] != 'T' && p[10] != ' '))
		return NULL;
	year = (int)num(p, 4);
	mon = (int)num(p + 5, 2) - 1;
	mday = (int)num(p + 8, 2);
	if (!parse_hms(p + 11, end, &h, &m, &s))
		return NULL;
	p += 19;
	if (p < end && (*p == '.' || *p == ','))
		p += 1 + digits(p + 1, end);
	if (p < end && *p == 'Z') {
		zoned = true;
		p++;
	} else if (p < end && (*p == '+' || *p == '-')) {
		int sign = *p == '-' ? -1 : 1;
		size_t n = digits(p + 1, end);

		if (n == 4) {
			off = num(p + 1, 2) * 3600 + num(p + 3, 2) * 60;
			p += 5;
		} else if (n == 2 && end - p >= 6 && p[3] == ':' &&
			   digits(p + 4, end) >= 2) {
			off = num(p + 1, 2) * 3600 + num(p + 4, 2) * 60;
			p += 6;
		} else {
			return NULL;
		}
		off *= sign;
		zoned = true;
	}
	if (zoned) {
		struct tm tm = {
			.tm_year = year - 1900,
			.tm_mon = mon,
			.tm_mday = mday,
			.tm_hour = h,
			.tm_min = m,
			.tm_sec = s,
		};
		*epoch = (int64_t)timegm(&tm) - off;
	} else {
		*epoch = local_epoch(year, mon, mday, h, m, s);
	}
	return p;
}

/*
 * "2024-03-18T14:39:17.123456+00:00 host kernel: " (rsyslog RFC 3339,
 * journalctl short-iso "2024-03-18T14:39:17+0000"), and the container
 * runtimes' "2024-03-18T14:39:17.123456789Z stdout F " (the CRI log
 * format of kubectl logs and /var/log/pods) before a dmesg line.
 */
static const char *strip_rfc3339(const char *p, const char *end, int year,
				 struct pf_line *out)
{
	const char *t = p, *r;
	int64_t e;

	p = rfc3339_time(p, end, &e);
	if (!p || p >= end || *p != ' ')
		return NULL;
	if (end - p >= 10 &&
	    (!memcmp(p, " stdout ", 8) || !memcmp(p, " stderr ", 8)) &&
	    (p[8] == 'F' || p[8] == 'P') && p[9] == ' ') {
		r = p + 10;
		out->style = PF_STYLE_CRI;
		out->flags |= PF_LINE_PREFIXED;
	} else {
		r = syslog_tail(p, end, out);
		if (!r)
			return NULL;
		out->style = PF_STYLE_RFC3339;
	}
	out->time = t;
	out->time_len = (size_t)(p - t);
	out->epoch = e;
	return r;
}

/*
 * RFC 5424, as rsyslog and syslog-ng forward and may store it:
 * "<4>1 2024-03-18T14:39:17.123456+00:00 host kernel - - - msg", with "-"
 * for an absent field and structured data in brackets before the message.
 */
static const char *strip_rfc5424(const char *p, const char *end, int year,
				 struct pf_line *out)
{
	const char *q, *t, *f[4];
	size_t fl[4];
	int64_t e = INT64_MIN;
	size_t n;

	if (p >= end || *p != '<')
		return NULL;
	q = p + 1;
	n = digits(q, end);
	/* ">1 " and at least the time or its "-" after it */
	if (!n || n > 3 || q + n + 3 >= end || q[n] != '>' || q[n + 1] != '1' ||
	    q[n + 2] != ' ')
		return NULL;
	out->level = (int)(num(q, n) & 7);
	q += n + 3;
	t = q;
	if (*q == '-') {
		q++;
	} else {
		q = rfc3339_time(q, end, &e);
		if (!q)
			return NULL;
	}
	/* HOSTNAME APP-NAME PROCID MSGID */
	for (int i = 0; i < 4; i++) {
		if (q >= end || *q != ' ')
			return NULL;
		f[i] = ++q;
		while (q < end && *q != ' ')
			q++;
		fl[i] = (size_t)(q - f[i]);
	}
	if (q >= end || *q != ' ')
		return NULL;
	q++;
	/* STRUCTURED-DATA: "-" or "[id k=\"v\"]..." */
	if (q < end && *q == '-') {
		q++;
	} else {
		while (q < end && *q == '[') {
			bool quoted = false;

			while (q < end && (quoted || *q != ']')) {
				if (*q == '\\' && q + 1 < end)
					q++;
				else if (*q == '"')
					quoted = !quoted;
				q++;
			}
			if (q < end)
				q++;
		}
	}
	if (q < end && *q == ' ')
		q++;
	if (!(fl[0] == 1 && *f[0] == '-')) {
		out->host = f[0];
		out->host_len = fl[0];
	}
	if (!(fl[1] == 6 && !memcmp(f[1], "kernel", 6)))
		out->flags |= PF_LINE_NOT_KERNEL;
	if (*t != '-') {
		out->time = t;
		out->time_len = (size_t)(f[0] - 1 - t);
	}
	out->epoch = e;
	out->style = PF_STYLE_RFC5424;
	out->flags |= PF_LINE_PREFIXED;
	return q;
}

/*
 * The value of "key" in a JSON object on one line: the text between its
 * quotes, escapes left as they are (nothing is copied), or NULL.
 */
static const char *json_value(const char *p, const char *end, const char *key,
			      size_t *len)
{
	size_t kn = strlen(key);

	for (const char *k = p; (k = memchr(k, '"', (size_t)(end - k))); k++) {
		const char *v = k + 1 + kn;

		if ((size_t)(end - k) < kn + 2 || memcmp(k + 1, key, kn) ||
		    *v != '"')
			continue;
		v++;
		while (v < end && *v == ' ')
			v++;
		if (v >= end || *v != ':')
			continue;
		v++;
		while (v < end && *v == ' ')
			v++;
		if (v >= end || *v != '"')
			return NULL; /* a number, or bytes as an array */
		{
			const char *e = ++v;

			while (e < end && *e != '"') {
				if (*e == '\\' && e + 1 < end)
					e++;
				e++;
			}
			if (e >= end)
				return NULL;
			*len = (size_t)(e - v);
			return v;
		}
	}
	return NULL;
}

/*
 * One JSON object a line: journalctl -o json ({"__CURSOR":...,
 * "MESSAGE":"...", "_TRANSPORT":"kernel", ...}), and Docker's json-file
 * log ({"log":"...\n","stream":"stdout","time":"..."}) of a container that
 * printed the kernel log.  The message is the text between the quotes.
 */
static const char *strip_json(const char *p, const char *end, int year,
			      struct pf_line *out)
{
	const char *v, *m;
	size_t n, mn;

	if (p >= end || *p != '{')
		return NULL;
	m = json_value(p, end, "MESSAGE", &mn);
	if (m) {
		v = json_value(p, end, "_TRANSPORT", &n);
		if (v && !(n == 6 && !memcmp(v, "kernel", 6)))
			out->flags |= PF_LINE_NOT_KERNEL;
		v = json_value(p, end, "_HOSTNAME", &n);
		if (v) {
			out->host = v;
			out->host_len = n;
		}
		v = json_value(p, end, "PRIORITY", &n);
		if (v && n == 1 && isdigit((unsigned char)*v))
			out->level = *v - '0';
		v = json_value(p, end, "_SOURCE_MONOTONIC_TIMESTAMP", &n);
		if (!v)
			v = json_value(p, end, "__MONOTONIC_TIMESTAMP", &n);
		if (v && n && digits(v, v + n) == n) {
			out->time = v;
			out->time_len = n;
			out->mono = (double)num(v, n) / 1e6;
		}
		v = json_value(p, end, "__REALTIME_TIMESTAMP", &n);
		if (v && n > 6 && digits(v, v + n) == n)
			out->epoch = (int64_t)num(v, n - 6);
	} else {
		m = json_value(p, end, "log", &mn);
		if (!m)
			return NULL;
		/* the line's own newline, escaped */
		if (mn >= 2 && m[mn - 2] == '\\' && m[mn - 1] == 'n')
			mn -= 2;
		v = json_value(p, end, "time", &n);
		if (v) {
			out->time = v;
			out->time_len = n;
			rfc3339_time(v, v + n, &out->epoch);
		}
	}
	out->style = PF_STYLE_JSON;
	out->flags |= PF_LINE_PREFIXED;
	out->msg = m;
	out->msg_len = mn;
	return m;
}

/* "[Tue Mar 18 14:39:17 2014] " (dmesg -T / --ctime). */
static const char *strip_dmesg_ctime(const char *p, const char *end, int year,
				     struct pf_line *out)
{
	const char *t = p;
	int mon, mday, h, m, s;

	if (end - p < 26 || *p != '[' || !is_weekday(p + 1) || p[4] != ' ' ||
	    (mon = month_of(p + 5)) < 0 || p[8] != ' ')
		return NULL;
	p = mday_hms(p + 9, end, &mday, &h, &m, &s);
	if (!p || end - p < 6 || *p != ' ' || digits(p + 1, end) != 4 ||
	    p[5] != ']')
		return NULL;
	out->epoch = local_epoch((int)num(p + 1, 4), mon, mday, h, m, s);
	p += 6;
	out->time = t + 1;
	out->time_len = (size_t)(p - t - 2);
	out->style = PF_STYLE_DMESG_T;
	out->flags |= PF_LINE_PREFIXED;
	return p;
}

/*
 * "[  123.456789]" (printk time), also "[309805.658142s]" as some Android
 * kernels print it.  Does not consume the following space.
 */
static const char *strip_mono(const char *p, const char *end,
			      struct pf_line *out)
{
	const char *t = p, *q;
	size_t n, f;

	if (p >= end || *p != '[')
		return NULL;
	q = p + 1;
	while (q < end && *q == ' ')
		q++;
	n = digits(q, end);
	if (!n || q + n >= end || q[n] != '.')
		return NULL;
	f = digits(q + n + 1, end);
	if (!f)
		return NULL;
	out->mono = (double)num(q, n) + (double)num(q + n + 1, f > 9 ? 9 : f) /
						pf_pow10(f > 9 ? 9 : (int)f);
	q += n + 1 + f;
	if (q < end && *q == 's')
		q++;
	if (q >= end || *q != ']')
		return NULL;
	q++;
	if (!out->time) {
		out->time = t + 1;
		out->time_len = (size_t)(q - t - 2);
		while (out->time_len && *out->time == ' ') {
			out->time++;
			out->time_len--;
		}
	}
	out->flags |= PF_LINE_PREFIXED;
	return q;
}

/*
 * The tags some kernels print after the time: printk caller ids "[T123]",
 * "[    C1]" (CONFIG_PRINTK_CALLER), Android "[pid:1361,cpu5,comm]",
 * per-CPU tags "[0:  swapper/0:    0]", "(2)[0:swapper/2]", "[CPU 1]",
 * "[c1]".  Kernel messages that open with a bracket ("[<ffff...>]" frames)
 * are left alone.
 */
static const char *strip_tags(const char *p, const char *end,
			      struct pf_line *out)
{
	for (int round = 0; round < 3; round++) {
		const char *q = p, *close;

		while (q < end && *q == ' ' && q - p < 2)
			q++;
		if (q + 2 >= end)
			return p;
		if (*q == '(' && isdigit((unsigned char)q[1])) {
			size_t n = digits(q + 1, end);

			if (q + 1 + n >= end || q[1 + n] != ')')
				return p;
			p = q + 2 + n;
			continue;
		}
		if (*q != '[' || q[1] == '<')
			return p;
		close = memchr(q, ']', (size_t)(end - q));
		if (!close || close - q > 48)
			return p;
		{
			const char *in = q + 1;
			size_t len = (size_t)(close - in);

			while (len && *in == ' ') {
				in++;
				len--;
			}
			if (!len)
				return p;
			if ((in[0] == 'T' || in[0] == 'C' || in[0] == 'c') &&
			    len > 1 && digits(in + 1, close) == len - 1) {
				/* [T123] [C1] (CONFIG_PRINTK_CALLER, 5.1+): who
				 * printed it; [c1] */
				if (in[0] != 'c' && !out->caller) {
					out->caller = in;
					out->caller_len = len;
				}
				p = close + 1;
				continue;
			}
			if (len > 4 && !memcmp(in, "pid:", 4)) {
				p = close + 1; /* Android [pid:N,cpuN,comm] */
				continue;
			}
			if (len > 4 && !memcmp(in, "CPU", 3) &&
			    digits(in + 4, close) == len - 4) {
				p = close + 1; /* [CPU 1] */
				continue;
			}
			if (isdigit((unsigned char)in[0]) &&
			    in[digits(in, close)] == ':' &&
			    memchr(in, ' ', len) == NULL) {
				p = close + 1; /* [0:swapper/0] */
				continue;
			}
			if (isdigit((unsigned char)in[0]) &&
			    in[digits(in, close)] == ':' && close[-1] != ':' &&
			    isdigit((unsigned char)close[-1])) {
				p = close + 1; /* [0:  swapper/0:    0] */
				continue;
			}
		}
		return p;
	}
	return p;
}

/* "<4>" printk level. */
static const char *strip_level(const char *p, const char *end,
			       struct pf_line *out)
{
	if (end - p >= 3 && p[0] == '<' && isdigit((unsigned char)p[1])) {
		size_t n = digits(p + 1, end);

		if (n <= 3 && p + 1 + n < end && p[1 + n] == '>') {
			out->level = (int)(num(p + 1, n) & 7);
			out->flags |= PF_LINE_PREFIXED;
			return p + 2 + n;
		}
	}
	return NULL;
}

/* "4,1234,5678,-;" (/dev/kmsg) */
static const char *strip_kmsg(const char *p, const char *end, int year,
			      struct pf_line *out)
{
	const char *q = p, *u;
	size_t n;
	long prio;
	long long usec = 0;

	n = digits(q, end);
	if (!n || n > 4 || q + n >= end || q[n] != ',')
		return NULL;
	prio = num(q, n);
	q += n + 1;
	n = digits(q, end); /* seq */
	if (!n || q + n >= end || q[n] != ',')
		return NULL;
	q += n + 1;
	n = digits(q, end); /* usec */
	if (!n || q + n >= end || q[n] != ',')
		return NULL;
	for (size_t i = 0; i < n && i < 18; i++)
		usec = usec * 10 + (q[i] - '0');
	u = q;
	q += n + 1;
	while (q < end && *q != ';' && *q != ',' && q - p < 40)
		q++;
	while (q < end && *q != ';' && q - p < 64) /* ",caller=T1" */
		q++;
	if (q >= end || *q != ';')
		return NULL;
	out->time = u; /* microseconds since boot, as printed */
	out->time_len = n;
	out->level = (int)(prio & 7);
	out->mono = (double)usec / 1e6;
	out->style = PF_STYLE_KMSG;
	out->flags |= PF_LINE_PREFIXED;
	return q + 1;
}

/* Android logcat-style: "07-13 08:41:51.341 " then "<4>[...]". */
static const char *strip_android(const char *p, const char *end, int year,
				 struct pf_line *out)
{
	int h, m, s;

	if (end - p < 20 || !isdigit((unsigned char)p[0]) || p[2] != '-' ||
	    !isdigit((unsigned char)p[3]) || p[5] != ' ')
		return NULL;
	if (!parse_hms(p + 6, end, &h, &m, &s))
		return NULL;
	{
		const char *q = p + 14;

		if (q < end && *q == '.')
			q += 1 + digits(q + 1, end);
		if (q >= end || *q != ' ')
			return NULL;
		out->time = p;
		out->time_len = (size_t)(q - p);
		out->style = PF_STYLE_ANDROID;
		out->flags |= PF_LINE_PREFIXED;
		return q + 1;
	}
}

/*
 * "kern  :warn  : " (dmesg -x, --decode: util-linux prints the facility
 * and the level, each padded to six, before the time stamp).
 */
static const char *strip_decode(const char *p, const char *end, int year,
				struct pf_line *out)
{
	static const char *const levels[] = {
		"emerg", "alert",  "crit", "err",
		"warn",	 "notice", "info", "debug",
	};
	const char *q = p, *l;

	while (q < end && q - p < 9 &&
	       (islower((unsigned char)*q) || isdigit((unsigned char)*q)))
		q++;
	if (q == p)
		return NULL;
	while (q < end && *q == ' ')
		q++;
	if (q >= end || *q != ':')
		return NULL;
	l = ++q;
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		size_t n = strlen(levels[i]);

		if ((size_t)(end - l) <= n || memcmp(l, levels[i], n))
			continue;
		q = l + n;
		while (q < end && *q == ' ')
			q++;
		if (end - q < 2 || q[0] != ':' || q[1] != ' ')
			return NULL;
		out->level = (int)i;
		out->flags |= PF_LINE_PREFIXED;
		return q + 2;
	}
	return NULL;
}

/* Mail quotes and paste indentation: "> ", ">> ", "\t", "  ". */
static const char *strip_indent(const char *p, const char *end,
				struct pf_line *out)
{
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < end && *p == '>' &&
		    (p + 1 == end || p[1] == ' ' || p[1] == '\t' ||
		     p[1] == '>')) {
			p++;
			out->flags |= PF_LINE_QUOTED;
			continue;
		}
		return p;
	}
}

/* "kernel: " alone, as some collectors leave it */
static const char *strip_kernel_tag(const char *p, const char *end, int year,
				    struct pf_line *out)
{
	if (end - p <= 8 || memcmp(p, "kernel: ", 8))
		return NULL;
	out->style = PF_STYLE_KERNEL_TAG;
	out->flags |= PF_LINE_PREFIXED;
	return p + 8;
}

/*
 * The wrappers a line may start with, tried in this order; the first that
 * takes the line wins.  Each returns where the rest of the line starts,
 * or NULL (leaving out as it was) when the line is not its kind.  What
 * may come after any of them (a "<4>" level, a printk time, tags) is
 * peeled by pf_line_parse() itself.  A new wrapper is a strip_*() above
 * and its place here.
 */
typedef const char *(*strip_fn)(const char *p, const char *end, int year,
				struct pf_line *out);
static const strip_fn wrappers[] = {
	strip_json,	  /* journalctl -o json, Docker json-file */
	strip_rfc5424,	  /* "<4>1 2024-03-18T14:39:17Z host kernel - - - " */
	strip_kmsg,	  /* "4,1234,5678,-;" */
	strip_bsd_syslog, /* "Mar 18 14:39:17 host kernel: " */
	strip_rfc3339,	  /* "2024-03-18T14:39:17.123456+00:00 host kernel: " */
	strip_dmesg_ctime, /* "[Tue Mar 18 14:39:17 2014] " */
	strip_android,	   /* "07-13 08:41:51.341 <4>[309805.658142s]..." */
	strip_decode,	   /* dmesg -x: "kern  :warn  : " */
	strip_kernel_tag,
};

void pf_line_parse(const char *s, size_t len, int year, struct pf_line *out)
{
	const char *p = s, *end = s + len, *q;

	memset(out, 0, sizeof(*out));
	out->mono = -1;
	out->epoch = INT64_MIN;
	out->level = -1;
	if (year <= 0)
		year = pf_current_year();

	while (end > p && (end[-1] == '\r' || end[-1] == '\n'))
		end--;
	p = strip_indent(p, end, out);

	for (size_t i = 0; i < ARRAY_SIZE(wrappers); i++) {
		q = wrappers[i](p, end, year, out);
		if (!q)
			continue;
		p = q;
		/* a JSON record holds the message: nothing to peel around it */
		if (out->style == PF_STYLE_JSON)
			end = out->msg + out->msg_len;
		break;
	}
	/* "<4>" before a time stamp, or after an Android prefix */
	if ((q = strip_level(p, end, out)))
		p = q;
	if ((q = strip_mono(p, end, out))) {
		const char *r;

		p = q;
		if (out->style == PF_STYLE_BARE)
			out->style = PF_STYLE_DMESG;
		/*
		 * journalctl -o short-monotonic: "[  123.456789] host kernel: ".
		 * Only "kernel:" is taken as the program, so that a dmesg
		 * message such as "eth0: link up" is not mistaken for a host.
		 */
		if (out->style == PF_STYLE_DMESG && !out->host) {
			struct pf_line tmp = *out;

			r = syslog_tail(p, end, &tmp);
			if (r && tmp.host &&
			    !(tmp.flags & PF_LINE_NOT_KERNEL)) {
				*out = tmp;
				out->style = PF_STYLE_JOURNAL_MONO;
				p = r;
			}
		}
	}
	p = strip_tags(p, end, out);
	/* rsyslog often wraps a printk time as well: peel it too */
	if (out->style != PF_STYLE_DMESG && (q = strip_mono(p, end, out)))
		p = strip_tags(q, end, out);
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	out->msg = p;
	out->msg_len = (size_t)(end - p);
}
