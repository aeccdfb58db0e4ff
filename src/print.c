// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * print.c - the CLI's output, text and JSON by the same calls, after
 * iproute2's lib/json_print.c: a call names its key for JSON and its
 * format for text, and writes whichever the output is.  The JSON goes
 * through the streaming writer of json.c.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "cli.h"
#include "json.h"
#include "print.h"

static FILE *out;
static struct json_writer *jw; /* NULL: the output is text */

int print_begin(FILE *f, bool json, bool pretty)
{
	out = f;
	jw = NULL;
	if (json) {
		jw = jsonw_new(f, pretty);
		if (!jw)
			return -1;
	}
	return 0;
}

void print_end(void)
{
	jsonw_free(jw);
	jw = NULL;
}

bool print_is_json(void)
{
	return jw;
}

void print_record_end(void)
{
	if (jw)
		jsonw_end(jw);
}

/* Is it for this output?  Then in JSON, its key is written. */
static bool to_json(enum output_type t, const char *key)
{
	if (!jw || !(t & PRINT_JSON))
		return false;
	if (key)
		jsonw_key(jw, key);
	return true;
}

static bool to_fp(enum output_type t, const char *fmt)
{
	return !jw && (t & PRINT_FP) && fmt;
}

/* An object or an array, opened or closed by the writer's call for it. */
static void open_json(const char *key, void (*fn)(struct json_writer *))
{
	if (to_json(PRINT_JSON, key))
		fn(jw);
}

static void close_json(void (*fn)(struct json_writer *))
{
	if (jw)
		fn(jw);
}

void open_json_object(const char *key)
{
	open_json(key, jsonw_obj_open);
}
void close_json_object(void)
{
	close_json(jsonw_obj_close);
}
void open_json_array(const char *key)
{
	open_json(key, jsonw_arr_open);
}
void close_json_array(void)
{
	close_json(jsonw_arr_close);
}

void print_fp(const char *fmt, ...)
{
	va_list ap;

	if (jw)
		return;
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
}

void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *s)
{
	if (to_json(t, key))
		jsonw_str(jw, s);
	else if (to_fp(t, fmt))
		fprintf(out, fmt, s);
}

void print_string_opt(enum output_type t, const char *key, const char *fmt,
		      const char *s)
{
	if (to_json(t, key))
		jsonw_str(jw, s && s[0] ? s : NULL);
	else if (to_fp(t, fmt) && s && s[0])
		fprintf(out, fmt, s);
}

void print_int(enum output_type t, const char *key, const char *fmt,
	       long long v)
{
	if (to_json(t, key))
		jsonw_int(jw, v);
	else if (to_fp(t, fmt))
		fprintf(out, fmt, v);
}

void print_uint(enum output_type t, const char *key, const char *fmt,
		unsigned long long v)
{
	if (to_json(t, key))
		jsonw_uint(jw, v);
	else if (to_fp(t, fmt))
		fprintf(out, fmt, v);
}

void print_num(enum output_type t, const char *key, const char *fmt,
	       long long v)
{
	if (to_json(t, key)) {
		if (v >= 0)
			jsonw_int(jw, v);
		else
			jsonw_null(jw);
	} else if (to_fp(t, fmt) && v >= 0) {
		fprintf(out, fmt, v);
	}
}

void print_double(enum output_type t, const char *key, const char *fmt,
		  double v)
{
	if (to_json(t, key))
		jsonw_double(jw, v);
	else if (to_fp(t, fmt))
		fprintf(out, fmt, v);
}

void print_bool(enum output_type t, const char *key, const char *fmt, bool v)
{
	if (to_json(t, key))
		jsonw_bool(jw, v);
	else if (to_fp(t, fmt))
		fprintf(out, fmt, v ? "true" : "false");
}

void print_null(enum output_type t, const char *key, const char *fmt,
		const char *text)
{
	if (to_json(t, key))
		jsonw_null(jw);
	else if (to_fp(t, fmt))
		fprintf(out, fmt, text);
}

void print_wrapped(enum output_type t, const char *key, int indent,
		   const char *label, const char *text)
{
	if (to_json(t, key))
		jsonw_str(jw, text);
	else if (to_fp(t, label))
		cli_print_wrapped(out, indent, label, text ? text : "");
}

/* pages in JSON as unit times their number; in text, in words */
static void print_size(enum output_type t, const char *key, const char *fmt,
		       long pages, unsigned int page_kb, unsigned int unit)
{
	char words[32];

	if (to_json(t, key)) {
		if (pages >= 0)
			jsonw_int(jw, (long long)pages * unit);
		else
			jsonw_null(jw);
	} else if (to_fp(t, fmt)) {
		cli_pages_words(pages, page_kb, words, sizeof(words));
		fprintf(out, fmt, words);
	}
}

void print_kb(enum output_type t, const char *key, const char *fmt, long pages,
	      unsigned int page_kb)
{
	print_size(t, key, fmt, pages, page_kb, page_kb);
}

void print_pages(enum output_type t, const char *key, const char *fmt,
		 long pages, unsigned int page_kb)
{
	print_size(t, key, fmt, pages, page_kb, 1);
}

void print_index(enum output_type t, const char *key, const char *fmt, int v)
{
	char x[16];

	if (to_json(t, key)) {
		jsonw_double(jw, v / 1000.0);
	} else if (to_fp(t, fmt)) {
		snprintf(x, sizeof(x), "%s%d.%03d", v < 0 ? "-" : "",
			 abs(v) / 1000, abs(v) % 1000);
		fprintf(out, fmt, x);
	}
}
