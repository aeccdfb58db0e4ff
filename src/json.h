/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * json.h - the CLI's JSON output: a streaming writer (json.c) and a report
 * as one object (report_json.c).  The library returns data and prints
 * nothing; writing it out is the CLI's.
 */
#ifndef CLI_JSON_H
#define CLI_JSON_H

#include <stdbool.h>
#include <stdio.h>

#include "pagefail.h"

/* A streaming JSON writer onto a stdio stream (iproute2's json_writer shape). */
struct pf_json;
struct pf_json *pf_json_new(FILE *f, bool pretty);
void pf_json_free(struct pf_json *j);
void pf_json_obj_open(struct pf_json *j);
void pf_json_obj_close(struct pf_json *j);
void pf_json_arr_open(struct pf_json *j);
void pf_json_arr_close(struct pf_json *j);
void pf_json_key(struct pf_json *j, const char *key);
void pf_json_str(struct pf_json *j, const char *s);
void pf_json_strn(struct pf_json *j, const char *s, size_t n);
void pf_json_int(struct pf_json *j, long long v);
void pf_json_uint(struct pf_json *j, unsigned long long v);
void pf_json_double(struct pf_json *j, double v);
void pf_json_bool(struct pf_json *j, bool v);
void pf_json_null(struct pf_json *j);
/* "key": the string, or null when s is NULL or empty */
void pf_json_key_str(struct pf_json *j, const char *key, const char *s);
/* "key": the number, or null when it is negative (not known) */
void pf_json_key_num(struct pf_json *j, const char *key, long long v);
/* Ends a top-level value: writes the newline of a JSON Lines record. */
void pf_json_end(struct pf_json *j);

/* Write r as one object with every key of the scan contract. */
void pf_report_json(const struct pf_report *r, struct pf_json *j);
/*
 * The same object with the explain contract added: zones[].check,
 * summary, known_cause, disagrees (and more beside them).
 */
void pf_explain_json(const struct pf_report *r, const struct pf_explain *ex,
		     struct pf_json *j);

#endif
