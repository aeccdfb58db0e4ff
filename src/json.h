/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * json.h - the streaming JSON writer of the CLI (json.c), the shape of
 * iproute2's json_writer: open and close objects and arrays, a key before
 * each value inside an object; commas, escapes and indents are its own.
 */
#ifndef CLI_JSON_H
#define CLI_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct json_writer;

/* A writer onto f, indented when pretty; NULL when out of memory. */
struct json_writer *jsonw_new(FILE *f, bool pretty);
void jsonw_free(struct json_writer *j);
void jsonw_obj_open(struct json_writer *j);
void jsonw_obj_close(struct json_writer *j);
void jsonw_arr_open(struct json_writer *j);
void jsonw_arr_close(struct json_writer *j);
void jsonw_key(struct json_writer *j, const char *key);
/* a string (NULL: null); any byte that is not valid UTF-8 is escaped */
void jsonw_str(struct json_writer *j, const char *s);
void jsonw_strn(struct json_writer *j, const char *s, size_t n);
void jsonw_int(struct json_writer *j, long long v);
void jsonw_uint(struct json_writer *j, unsigned long long v);
/* "%.6g"; null when not finite */
void jsonw_double(struct json_writer *j, double v);
void jsonw_bool(struct json_writer *j, bool v);
void jsonw_null(struct json_writer *j);
/* Ends a top-level value: writes the newline of a JSON Lines record. */
void jsonw_end(struct json_writer *j);

#endif
