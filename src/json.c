// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * json.c - a streaming JSON writer onto a stdio stream, after the shape of
 * iproute2's and bpftool's json_writer: the caller opens and closes objects
 * and arrays, the writer places commas, escapes strings and, with pretty,
 * indents.  Every byte that is not printable ASCII or valid UTF-8 is
 * escaped, so a log full of binary junk still gives valid JSON.  The CLI's
 * own: the library returns data and prints nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#define PF_JSON_DEPTH 32

struct pf_json {
	FILE *f;
	bool pretty;
	int depth;
	bool first[PF_JSON_DEPTH];	/* nothing written yet at this depth */
	bool after_key;
};

struct pf_json *pf_json_new(FILE *f, bool pretty)
{
	struct pf_json *j = calloc(1, sizeof(*j));

	if (!j)
		return NULL;
	j->f = f;
	j->pretty = pretty;
	j->first[0] = true;
	return j;
}

void pf_json_free(struct pf_json *j)
{
	free(j);
}

static void indent(struct pf_json *j)
{
	if (!j->pretty)
		return;
	fputc('\n', j->f);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Before any value: a comma and a new line unless right after a key. */
static void sep(struct pf_json *j)
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

static void open_(struct pf_json *j, int c)
{
	sep(j);
	fputc(c, j->f);
	if (j->depth < PF_JSON_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = true;
}

static void close_(struct pf_json *j, int c)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		indent(j);
	fputc(c, j->f);
}

void pf_json_obj_open(struct pf_json *j) { open_(j, '{'); }
void pf_json_obj_close(struct pf_json *j) { close_(j, '}'); }
void pf_json_arr_open(struct pf_json *j) { open_(j, '['); }
void pf_json_arr_close(struct pf_json *j) { close_(j, ']'); }

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
	cp = len == 2 ? (s[0] & 0x1fu) : len == 3 ? (s[0] & 0x0fu) : (s[0] & 0x07u);
	for (size_t i = 1; i < len; i++)
		cp = (cp << 6) | (s[i] & 0x3fu);
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

static void put_string(struct pf_json *j, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', j->f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		size_t u;

		switch (c) {
		case '"': fputs("\\\"", j->f); continue;
		case '\\': fputs("\\\\", j->f); continue;
		case '\n': fputs("\\n", j->f); continue;
		case '\t': fputs("\\t", j->f); continue;
		case '\r': fputs("\\r", j->f); continue;
		default: break;
		}
		if (c < 0x20 || c == 0x7f) {
			fprintf(j->f, "\\u%04x", c);
		} else if (c < 0x80) {
			fputc(c, j->f);
		} else if ((u = utf8_len(p + i, n - i))) {
			fwrite(p + i, 1, u, j->f);
			i += u - 1;
		} else {
			fprintf(j->f, "\\u%04x", c);	/* a stray byte: Latin-1 */
		}
	}
	fputc('"', j->f);
}

void pf_json_key(struct pf_json *j, const char *key)
{
	sep(j);
	put_string(j, key, strlen(key));
	fputs(j->pretty ? ": " : ":", j->f);
	j->after_key = true;
}

void pf_json_strn(struct pf_json *j, const char *s, size_t n)
{
	sep(j);
	put_string(j, s, n);
}

void pf_json_str(struct pf_json *j, const char *s)
{
	if (!s) {
		pf_json_null(j);
		return;
	}
	pf_json_strn(j, s, strlen(s));
}

void pf_json_int(struct pf_json *j, long long v)
{
	sep(j);
	fprintf(j->f, "%lld", v);
}

void pf_json_uint(struct pf_json *j, unsigned long long v)
{
	sep(j);
	fprintf(j->f, "%llu", v);
}

void pf_json_double(struct pf_json *j, double v)
{
	sep(j);
	if (isfinite(v))
		fprintf(j->f, "%.6g", v);
	else
		fputs("null", j->f);
}

void pf_json_bool(struct pf_json *j, bool v)
{
	sep(j);
	fputs(v ? "true" : "false", j->f);
}

void pf_json_null(struct pf_json *j)
{
	sep(j);
	fputs("null", j->f);
}

void pf_json_key_str(struct pf_json *j, const char *key, const char *s)
{
	pf_json_key(j, key);
	if (s && s[0])
		pf_json_str(j, s);
	else
		pf_json_null(j);
}

void pf_json_key_num(struct pf_json *j, const char *key, long long v)
{
	pf_json_key(j, key);
	if (v >= 0)
		pf_json_int(j, v);
	else
		pf_json_null(j);
}

void pf_json_end(struct pf_json *j)
{
	fputc('\n', j->f);
	j->depth = 0;
	j->first[0] = true;
	j->after_key = false;
}
