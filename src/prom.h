/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * prom.h - the Prometheus text exposition format 0.0.4, written into a
 * cli_buf: a family's # HELP and # TYPE lines once, then its samples, each
 * with its labels escaped as the format asks (backslash, double quote,
 * newline).  export writes the buffer to a file, serve to a socket.
 */
#ifndef PAGEFAIL_PROM_H
#define PAGEFAIL_PROM_H

#include "cli.h"

/* Up to PROM_LABELS_MAX name="value" pairs of one sample. */
#define PROM_LABELS_MAX 6
struct prom_labels {
	int n;
	const char *name[PROM_LABELS_MAX];
	char value[PROM_LABELS_MAX][64];
};

/* Add label name with value printf(fmt, ...) (cut at 63 bytes). */
void prom_label(struct prom_labels *l, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * A family: name, "gauge" or "counter" (a counter's name ends in _total),
 * and its help text, one line.  Call once, before its samples.
 */
void prom_family(struct cli_buf *b, const char *name, const char *type,
		 const char *help);

/* One sample of family name: its labels (or NULL) and value. */
void prom_sample(struct cli_buf *b, const char *name,
		 const struct prom_labels *l, double value);

#endif
