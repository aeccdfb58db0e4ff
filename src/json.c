// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * json.c - a streaming JSON writer onto a stdio stream, after the shape of
 * iproute2's and bpftool's json_writer: the caller opens and closes objects
 * and arrays, the writer places commas, escapes strings and, with pretty,
 * indents.  Every byte that is not printable ASCII or valid UTF-8 is
 * escaped, so a log full of binary junk still gives valid JSON.  The CLI's
 * own: the library returns data and prints nothing (print.c is on top).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#define JSON_DEPTH 32

struct json_writer {
	FILE *f;
	bool pretty;
	int depth;
	bool first[JSON_DEPTH]; /* nothing written yet at this depth */
	bool after_key;
};

struct json_writer *jsonw_new(FILE *f, bool pretty)
{
	struct json_writer *j = calloc(1, sizeof(*j));

	if (!j)
		return NULL;
	j->f = f;
	j->pretty = pretty;
	j->first[0] = true;
	return j;
}

void jsonw_free(struct json_writer *j)
{
	free(j);
}

static void indent(struct json_writer *j)
{
	if (!j->pretty)
		return;
	fputc('\n', j->f);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Before any value: a comma and a new line unless right after a key. */
static void sep(struct json_writer *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0) {
		if (!j->first[j->depth])
			fputc(',', j->f);
		indent(j);
	}
	j->first[j->depth] = false;
}

static void open_(struct json_writer *j, int c)
{
	sep(j);
	fputc(c, j->f);
	if (j->depth < JSON_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = true;
}

static void close_(struct json_writer *j, int c)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		indent(j);
	fputc(c, j->f);
}

void jsonw_obj_open(struct json_writer *j)
{
	open_(j, '{');
}
void jsonw_obj_close(struct json_writer *j)
{
	close_(j, '}');
}
void jsonw_arr_open(struct json_writer *j)
{
	open_(j, '[');
}
void jsonw_arr_close(struct json_writer *j)
{
	close_(j, ']');
}

/* Length of a valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned int cp;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	len = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	cp = s[0] & (len == 2 ? 0x1fu : len == 3 ? 0x0fu : 0x07u);
	for (size_t i = 1; i < len; i++)
		cp = (cp << 6) | (s[i] & 0x3fu);
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

static void put_string(struct json_writer *j, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', j->f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		size_t u;

		switch (c) {
		case '"':
			fputs("\\\"", j->f);
			continue;
		case '\\':
			fputs("\\\\", j->f);
			continue;
		case '\n':
			fputs("\\n", j->f);
			continue;
		case '\t':
			fputs("\\t", j->f);
			continue;
		case '\r':
			fputs("\\r", j->f);
			continue;
		default:
			break;
		}
		if (c < 0x20 || c == 0x7f) {
			fprintf(j->f, "\\u%04x", c);
		} else if (c < 0x80) {
			fputc(c, j->f);
		} else if ((u = utf8_len(p + i, n - i))) {
			fwrite(p + i, 1, u, j->f);
			i += u - 1;
		} else {
			/* a stray byte: read as Latin-1 */
			fprintf(j->f, "\\u%04x", c);
		}
	}
	fputc('"', j->f);
}

void jsonw_key(struct json_writer *j, const char *key)
{
	sep(j);
	put_string(j, key, strlen(key));
	fputs(j->pretty ? ": " : ":", j->f);
	j->after_key = true;
}

void jsonw_strn(struct json_writer *j, const char *s, size_t n)
{
	sep(j);
	put_string(j, s, n);
}

void jsonw_str(struct json_writer *j, const char *s)
{
	if (!s) {
		jsonw_null(j);
		return;
	}
	jsonw_strn(j, s, strlen(s));
}

void jsonw_int(struct json_writer *j, long long v)
{
	sep(j);
	fprintf(j->f, "%lld", v);
}

void jsonw_uint(struct json_writer *j, unsigned long long v)
{
	sep(j);
	fprintf(j->f, "%llu", v);
}

void jsonw_double(struct json_writer *j, double v)
{
	sep(j);
	if (isfinite(v))
		fprintf(j->f, "%.6g", v);
	else
		fputs("null", j->f);
}

void jsonw_bool(struct json_writer *j, bool v)
{
	sep(j);
	fputs(v ? "true" : "false", j->f);
}

void jsonw_null(struct json_writer *j)
{
	sep(j);
	fputs("null", j->f);
}

void jsonw_end(struct json_writer *j)
{
	fputc('\n', j->f);
	j->depth = 0;
	j->first[0] = true;
	j->after_key = false;
}
