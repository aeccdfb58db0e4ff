// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * prom.c - the Prometheus text exposition format 0.0.4 (prom.h): HELP and
 * TYPE once per family, samples as name{label="value",...} value.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "prom.h"

void prom_label(struct prom_labels *l, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (l->n >= PROM_LABELS_MAX)
		return;
	l->name[l->n] = name;
	va_start(ap, fmt);
	vsnprintf(l->value[l->n], sizeof(l->value[l->n]), fmt, ap);
	va_end(ap);
	l->n++;
}

/* HELP text escapes backslash and newline; label values the quote too. */
static void add_escaped(struct cli_buf *b, const char *s, bool quote)
{
	const char *special = quote ? "\\\n\"" : "\\\n";

	while (*s) {
		size_t n = strcspn(s, special);

		cli_buf_put(b, s, n);
		s += n;
		if (!*s)
			break;
		cli_buf_put(b,
			    *s == '\n'	? "\\n"
			    : *s == '"' ? "\\\""
					: "\\\\",
			    2);
		s++;
	}
}

void prom_family(struct cli_buf *b, const char *name, const char *type,
		 const char *help)
{
	cli_buf_add(b, "# HELP %s ", name);
	add_escaped(b, help, false);
	cli_buf_add(b, "\n# TYPE %s %s\n", name, type);
}

void prom_sample(struct cli_buf *b, const char *name,
		 const struct prom_labels *l, double value)
{
	cli_buf_add(b, "%s", name);
	for (int i = 0; l && i < l->n; i++) {
		cli_buf_add(b, "%s%s=\"", i ? "," : "{", l->name[i]);
		add_escaped(b, l->value[i], true);
		cli_buf_add(b, "\"");
	}
	if (l && l->n)
		cli_buf_add(b, "}");
	if (isnan(value))
		cli_buf_add(b, " NaN\n");
	else if (value == (double)(long long)value && fabs(value) < 1e15)
		cli_buf_add(b, " %lld\n", (long long)value);
	else
		cli_buf_add(b, " %.17g\n", value);
}
