/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * print.h - the CLI's output, text and JSON by the same calls (print.c),
 * after iproute2's json_print: print_uint(PRINT_ANY, "free_kb", " %lu", v)
 * writes "free_kb": v when the output is JSON and the format when it is
 * text, so that one function prints a record both ways and the two cannot
 * drift apart.  PRINT_FP is text only, PRINT_JSON JSON only; a NULL key is
 * a value inside an array.  One output at a time, as in iproute2.
 */
#ifndef CLI_PRINT_H
#define CLI_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include "cli.h"

enum output_type {
	PRINT_FP = 1,	/* the text only */
	PRINT_JSON = 2, /* the JSON only */
	PRINT_ANY = PRINT_FP | PRINT_JSON,
};

/* Start the output onto f: JSON (indented with pretty) or text.  0 or -1. */
int print_begin(FILE *f, bool json, bool pretty);
/* ... and end it. */
void print_end(void);
bool print_is_json(void);
/* The end of one JSON Lines record (a newline); nothing in text. */
void print_record_end(void);

/* JSON only: objects and arrays, with their key (NULL in an array). */
void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(const char *key);
void close_json_array(void);

/* Text only, printf's way (colours, columns, words). */
void print_fp(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* s; JSON null when s is NULL */
void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *s);
/* s when it says something: JSON null, and no text, when NULL or "" */
void print_string_opt(enum output_type t, const char *key, const char *fmt,
		      const char *s);
void print_int(enum output_type t, const char *key, const char *fmt,
	       long long v);
void print_uint(enum output_type t, const char *key, const char *fmt,
		unsigned long long v);
/* v when known: JSON null, and no text, when negative */
void print_num(enum output_type t, const char *key, const char *fmt,
	       long long v);
/* JSON "%.6g", null when not finite */
void print_double(enum output_type t, const char *key, const char *fmt,
		  double v);
/* the text's format takes "true" or "false" */
void print_bool(enum output_type t, const char *key, const char *fmt, bool v);
/* JSON null; the text's format takes text ("-", "unknown") */
void print_null(enum output_type t, const char *key, const char *fmt,
		const char *text);
/* text: "label text" wrapped under its label at indent; JSON: the string */
void print_wrapped(enum output_type t, const char *key, int indent,
		   const char *label, const char *text);
/*
 * pages of page_kb KiB: JSON their KiB (print_kb) or their number
 * (print_pages), null when not known (negative); the text's format takes
 * them in words ("75 MiB", "-")
 */
void print_kb(enum output_type t, const char *key, const char *fmt, long pages,
	      unsigned int page_kb);
void print_pages(enum output_type t, const char *key, const char *fmt,
		 long pages, unsigned int page_kb);
/* an index in thousandths: JSON 0.123; the text's format takes "0.123" */
void print_index(enum output_type t, const char *key, const char *fmt, int v);

/*
 * The records: each printed in text and JSON by one function.
 */

/* The sizes of a zone (print_zone.c), each printed as NAME_kb and NAME_pages */
enum zone_size {
	ZS_FREE,
	ZS_MIN,
	ZS_LOW,
	ZS_HIGH,
	ZS_MANAGED,
	ZS_PRESENT,
	ZS_BOOST,
	ZS_HIGHATOMIC,
	ZS_CMA,
	ZS_NR
};
#define ZS_ALL ((1u << ZS_NR) - 1)
/* JSON: the sizes in which of size[] (pages, -1 not known) */
void print_zone_sizes(const long *size, unsigned int page_kb,
		      unsigned int which);
/* JSON: the keys of a zone's object, the same in every command's output */
void print_zone_keys(const struct pf_zone *z);

/*
 * A report: JSON its object (scan's keys, and explain's when ex is not
 * NULL), one JSON Lines record; text explain's account of it, the nr-th.
 */
void print_report(const struct pf_report *r, const struct pf_explain *ex,
		  unsigned long nr);

/* scan's text: the groups of c, read from nr_sources */
void print_groups(const struct cli_groups *c, unsigned long nr_sources);

/* status: the machine and its zones */
void print_status(const struct pf_system *sys, const struct pf_zone_status *st);
/*
 * status INTERVAL: a line a sample, at when (text) or t (JSON), rates per
 * second of pf_counter_names[] (NAN: not known)
 */
void print_status_line(const char *when, long long t, double free_mib,
		       const long *headroom, const double *rates);

/* advise: the evidence, the machine, the advice items and v */
void print_advice(const struct pf_evidence *e, const struct pf_advice *a,
		  const struct cli_verify *v);

/* simulate: a run's result, the sweep's table header, the benchmark */
void print_sim_result(const struct pf_sim_result *r, const char *kernel,
		      const char *set_name, const char *set_value,
		      const struct pf_sim_sample *series, size_t nr_series);
void print_sim_sweep_header(const char *name);
void print_sim_bench(double ops, double bytes_per_page);

#endif
