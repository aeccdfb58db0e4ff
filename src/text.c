// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * text.c - plain-text output helpers of the CLI: colour, paragraphs
 * wrapped to the terminal's width under a label, and page counts in words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

bool cli_color;

const char *cli_c(const char *sgr)
{
	return cli_color ? sgr : "";
}

/* 80 columns unless COLUMNS says otherwise; never narrower than 40. */
static int text_width(void)
{
	const char *c = getenv("COLUMNS");
	int w = c ? atoi(c) : 0;

	if (w <= 0)
		w = 80;
	return w < 40 ? 40 : w > 200 ? 200 : w;
}

/* Columns a label takes on screen: its colour escapes take none. */
static int visible_len(const char *s)
{
	int n = 0;

	while (*s) {
		if (*s == '\033') {
			while (*s && *s != 'm')
				s++;
			if (*s)
				s++;
			continue;
		}
		n++;
		s++;
	}
	return n;
}

void cli_print_wrapped(FILE *f, int indent, const char *label, const char *text)
{
	int width = text_width() - 1, col;
	const char *p = text;

	fprintf(f, "%*s%s", indent, "", label);
	col = indent + visible_len(label);
	indent = col;
	while (*p) {
		const char *w = p;
		int len;

		while (*w == ' ')
			w++;
		len = (int)strcspn(w, " ");
		if (!len)
			break;
		if (col > indent && col + 1 + len > width) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', f);
			col++;
		}
		fwrite(w, 1, (size_t)len, f);
		col += len;
		p = w + len;
	}
	fputc('\n', f);
}

void cli_pages_words(long pages, unsigned int page_kb, char *buf, size_t len)
{
	if (pages < 0)
		snprintf(buf, len, "-");
	else
		cli_format_size((unsigned long long)pages * page_kb * 1024, buf,
				len);
}
