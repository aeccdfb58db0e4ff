// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * diag.c - how the CLI says what went wrong: one line on stderr,
 * lowercase, naming its source (and under -j a JSON object on stdout as
 * well, between two records); the library's diagnostics, held and counted
 * where a file of junk would have one a line; and the exit status that
 * tells "found something" from "an error".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"

void cli_err(bool json, const char *source, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cli_progress_clear(); /* the line of a long read, if it shows */
	fprintf(stderr, "pagefail: %s\n", msg);
	if (json) {
		/* a writer of its own: an error comes between two records */
		struct json_writer *j = jsonw_new(stdout, false);

		if (!j)
			return;
		jsonw_obj_open(j);
		jsonw_key(j, "error");
		jsonw_str(j, msg);
		jsonw_key(j, "source");
		jsonw_str(j, source);
		jsonw_obj_close(j);
		jsonw_end(j);
		jsonw_free(j);
	}
}

void cli_err_no_report(bool json, const char *source, unsigned long seen,
		       long want)
{
	cli_err(json, source, "%s: %lu report%s, no report %ld", source, seen,
		seen == 1 ? "" : "s", want);
}

void cli_diag_print(const char *source, unsigned long line, const char *msg,
		    void *data)
{
	/* the library's messages name their line themselves ("line 5: ...") */
	(void)line;
	cli_err(data ? *(bool *)data : false, source, "%s: %s", source, msg);
}

static void diag_keep(struct cli_diag *d, const char *source, const char *msg)
{
	char *s = strdup(source), *m = strdup(msg);

	if (!s || !m) {
		free(s);
		free(m);
		cli_err(d->json, source, "%s: %s", source, msg);
		return;
	}
	d->kept[d->nr_kept].source = s;
	d->kept[d->nr_kept].msg = m;
	d->nr_kept++;
}

void cli_diag(const char *source, unsigned long line, const char *msg,
	      void *data)
{
	struct cli_diag *d = data;

	(void)line; /* the library's messages name their line themselves */
	if (d->nr++ >= CLI_DIAG_SHOWN) {
		/* counted, and named once at the end */
		if (!d->last_source || strcmp(d->last_source, source)) {
			free(d->last_source);
			d->last_source = strdup(source);
		}
		return;
	}
	if (d->hold)
		diag_keep(d, source, msg);
	else
		cli_err(d->json, source, "%s: %s", source, msg);
}

void cli_diag_forget(struct cli_diag *d, int i)
{
	free(d->kept[i].source);
	free(d->kept[i].msg);
	memmove(&d->kept[i], &d->kept[i + 1],
		(size_t)(d->nr_kept - i - 1) * sizeof(d->kept[0]));
	d->nr_kept--;
	d->nr--;
}

void cli_diag_flush(struct cli_diag *d)
{
	for (int i = 0; i < d->nr_kept; i++)
		cli_err(d->json, d->kept[i].source, "%s: %s", d->kept[i].source,
			d->kept[i].msg);
	if (d->nr > CLI_DIAG_SHOWN)
		cli_err(d->json, d->last_source,
			"... and %lu more errors in %s", d->nr - CLI_DIAG_SHOWN,
			d->last_source ? d->last_source : "the same source");
	cli_diag_release(d);
}

void cli_diag_release(struct cli_diag *d)
{
	for (int i = 0; i < d->nr_kept; i++) {
		free(d->kept[i].source);
		free(d->kept[i].msg);
	}
	free(d->last_source);
	d->last_source = NULL;
	d->nr_kept = 0;
	d->nr = 0;
}

int cli_exit_status(unsigned long found, unsigned long errors)
{
	if (errors)
		return found ? CLI_EXIT_FOUND_ERROR : CLI_EXIT_ERROR;
	return found ? CLI_EXIT_FOUND : CLI_EXIT_NONE;
}

int cli_load_failed(struct cli_diag *d, int err, const char *fmt,
		    const char *path, const char *einval)
{
	unsigned long said = d->nr;
	char what[512];

	cli_diag_flush(d);
	if (!err)
		return 0;
	/* -EINVAL: what is wrong was said above, line by line */
	if (err != -EINVAL || !said) {
		snprintf(what, sizeof(what), fmt, path);
		cli_err(d->json, path, "%s: %s", what,
			err == -EINVAL && einval ? einval : pf_strerror(err));
	}
	return -1;
}
