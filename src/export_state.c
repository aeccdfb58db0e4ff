// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * export_state.c - export's failure counts kept from one run to the next
 * in DIR/.pagefail.state beside DIR/pagefail.prom, so that they only grow
 * for as long as the machine is up: the kernel's ring buffer drops old
 * reports, and a count that fell would read as a counter reset to
 * Prometheus.  Each run counts the reports newer (by the kernel's
 * monotonic time, which every /dev/kmsg record has) than the newest one
 * counted before; a new boot id starts the counts again, as a reboot
 * should.  Without a boot id, or with a report of no monotonic time,
 * there is nothing to keep the counts by, and the run counts what the log
 * holds, as export without --textfile does.  cmd_export.c writes the
 * file as it writes pagefail.prom, in one rename.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"

#define STATE_MAGIC "pagefail-export-state 1"

/* the machine's boot id under root; "" when it has none */
static void read_boot_id(const char *root, char *id, size_t len)
{
	char path[PATH_MAX];
	FILE *f;

	id[0] = '\0';
	if (snprintf(path, sizeof(path), "%s/proc/sys/kernel/random/boot_id",
		     strcmp(root, "/") ? root : "") >= (int)sizeof(path))
		return;
	f = fopen(path, "re");
	if (!f)
		return;
	if (!fgets(id, (int)len, f))
		id[0] = '\0';
	id[strcspn(id, "\n")] = '\0';
	fclose(f);
}

void cli_export_state_load(struct cli_export_state *s, const char *dir,
			   const char *root)
{
	char path[PATH_MAX], line[128], boot[64];
	unsigned long long n;
	int o, c, x;
	FILE *f;

	memset(s, 0, sizeof(*s));
	s->newest = -1;
	read_boot_id(root, s->boot_id, sizeof(s->boot_id));
	s->usable = s->boot_id[0];
	if (!s->usable || snprintf(path, sizeof(path), "%s/%s", dir,
				   CLI_EXPORT_STATE) >= (int)sizeof(path))
		return;
	f = fopen(path, "re");
	if (!f)
		return;
	/* another boot's, or not ours: start again */
	if (!fgets(line, sizeof(line), f) || strncmp(line, STATE_MAGIC, 23) ||
	    fscanf(f, "boot_id %63s newest %lf", boot, &s->newest) != 2 ||
	    strcmp(boot, s->boot_id)) {
		s->newest = -1;
		fclose(f);
		return;
	}
	while (fscanf(f, "%d %d %d %llu", &o, &c, &x, &n) == 4)
		if (o >= 0 && o < PF_MAX_ORDER && c >= 0 &&
		    c < CLI_GFP_CLASS_NR && x >= 0 && x < PF_CTX_NR)
			s->kept.n[o][c][x] = n;
	fclose(f);
}

int cli_export_state_add(const struct pf_report *r, void *data)
{
	struct cli_export_state *s = data;

	cli_failures_add(r, &s->all);
	if (r->mono < 0) {
		s->usable = false;
		return 0;
	}
	if (r->mono <= s->newest)
		return 0;
	cli_failures_add(r, &s->kept);
	if (r->mono > s->seen_newest)
		s->seen_newest = r->mono;
	return 0;
}

void cli_export_state_text(const struct cli_export_state *s, struct cli_buf *b)
{
	cli_buf_add(b, "%s\nboot_id %s newest %.6f\n", STATE_MAGIC, s->boot_id,
		    s->seen_newest > s->newest ? s->seen_newest : s->newest);
	for (int o = 0; o < PF_MAX_ORDER; o++)
		for (int c = 0; c < CLI_GFP_CLASS_NR; c++)
			for (int x = 0; x < PF_CTX_NR; x++)
				if (s->kept.n[o][c][x])
					cli_buf_add(b, "%d %d %d %llu\n", o, c,
						    x, s->kept.n[o][c][x]);
}
