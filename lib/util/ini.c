// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ini.c - the one tokenizer of the library's text formats of "key =
 * value" lines under "[section]" heads: the known-cause rules
 * (analysis/rules.c) and the scenarios (sim/scenario.c).  It cuts the
 * text into numbered lines and says what each one is; what a section or a
 * key means is the format's own.  Its errors all read "line N: what",
 * through the caller's diag.
 *
 * Any bytes are taken: a UTF-8 byte order mark before the first line is
 * not part of it, CR LF line ends and a missing last newline are fine, a
 * NUL byte makes its line an error, and nothing is copied.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/util.h"

bool pf_ini_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

void pf_ini_trim(const char **s, const char **e)
{
	while (*s < *e && pf_ini_blank(**s))
		(*s)++;
	while (*e > *s && pf_ini_blank((*e)[-1]))
		(*e)--;
}

void pf_ini_init(struct pf_ini *ini, const char *name, const char *text,
		 size_t len, pf_ini_diag_fn diag, void *data)
{
	memset(ini, 0, sizeof(*ini));
	ini->name = name;
	ini->diag = diag;
	ini->data = data;
	ini->p = text ? text : "";
	ini->end = ini->p + (text ? len : 0);
	/* a UTF-8 byte order mark is not part of the first line */
	if (ini->end - ini->p >= 3 && !memcmp(ini->p, "\xef\xbb\xbf", 3))
		ini->p += 3;
}

/* "key = value" or not, for a line that is neither blank nor a head. */
static void key_value(const char *s, const char *e, struct pf_ini_line *l)
{
	const char *eq = memchr(s, '=', (size_t)(e - s));

	if (!eq) {
		l->kind = PF_INI_NOT_KEY;
		return;
	}
	l->kind = PF_INI_KEY;
	l->key = s;
	l->key_end = eq;
	l->val = eq + 1;
	l->val_end = e;
	pf_ini_trim(&l->key, &l->key_end);
	pf_ini_trim(&l->val, &l->val_end);
}

bool pf_ini_next(struct pf_ini *ini, struct pf_ini_line *l)
{
	const char *s = ini->p, *nl, *e;

	if (s >= ini->end)
		return false;
	nl = memchr(s, '\n', (size_t)(ini->end - s));
	e = nl ? nl : ini->end;
	ini->p = nl ? nl + 1 : ini->end;
	ini->lineno++;
	memset(l, 0, sizeof(*l));
	if (memchr(s, '\0', (size_t)(e - s))) {
		l->kind = PF_INI_NUL;
		return true;
	}
	pf_ini_trim(&s, &e);
	l->s = s;
	l->e = e;
	if (s == e || *s == '#')
		l->kind = PF_INI_BLANK;
	else if (*s == '[')
		l->kind = PF_INI_SECTION;
	else
		key_value(s, e, l);
	return true;
}

void pf_ini_err(struct pf_ini *ini, unsigned long line, const char *fmt, ...)
{
	char what[224], msg[256];
	va_list ap;

	ini->errors++;
	if (!ini->diag)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(msg, sizeof(msg), "line %lu: %s", line, what);
	ini->diag(ini->name, line, msg, ini->data);
}
