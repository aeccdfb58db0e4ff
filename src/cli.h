/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cli.h - what the pagefail subcommands share: the command table entry,
 * error words, colour, exit codes.
 */
#ifndef PF_CLI_H
#define PF_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Exit codes (documented in pagefail(1)). */
#define PF_EXIT_NONE		0	/* ran; nothing found */
#define PF_EXIT_ERROR		1	/* an error, nothing found */
#define PF_EXIT_USAGE		2
#define PF_EXIT_FOUND		3	/* reports found */
#define PF_EXIT_FOUND_ERROR	4	/* reports found, and an error */

struct pf_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	void (*usage)(FILE *f);
};

/* Print "pagefail: <msg>" on stderr (and a JSON error line when json). */
void pf_err(bool json, const char *source, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Colour: off for NO_COLOR, --no-color, or a stdout that is not a tty. */
extern bool pf_color;
const char *pf_c(const char *sgr);

/*
 * Parse a time for --since/--until: "YYYY-MM-DD[ HH:MM[:SS]]", "@EPOCH",
 * "-2h", "-30min", "-7d", "now", "today", "yesterday".  Returns 0 or -1.
 */
int pf_parse_when(const char *s, int64_t *epoch);

int cmd_scan(int argc, char **argv);
void usage_scan(FILE *f);

#endif
