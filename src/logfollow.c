// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * logfollow.c - the kernel log read as it grows: at open, everything the
 * ring buffer holds; at each poll, the records logged since.  Every report
 * the scanner completes is counted once (cli_failures_add()), so the
 * counts only grow, as Prometheus wants of a counter, for as long as the
 * process runs.  A report is counted when the scanner has it whole: when
 * the line after its Mem-Info has come (from a file: at its end).  Under
 * --root the log is a saved ROOT/dev/kmsg file, read once.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "logfollow.h"

/* Feed what the source has now; false on an error of the source. */
static bool drain(struct cli_logfollow *lf)
{
	for (;;) {
		const char *buf;
		ssize_t n = pf_source_read(lf->src, &buf);

		if (n > 0) {
			pf_scanner_feed(lf->sc, buf, (size_t)n);
			continue;
		}
		if (n < 0)
			return false;
		/* the end of what is there: the next poll reads on, or, from
		 * a file, the end of it all: its last report is whole */
		if (!pf_source_more(lf->src) && !lf->finished) {
			pf_scanner_finish(lf->sc);
			lf->finished = true;
		}
		return true;
	}
}

int cli_logfollow_open(struct cli_logfollow *lf, const char *root,
		       const struct cli_common *com)
{
	struct pf_scan_opts so = { .report = cli_failures_add };
	int err;

	memset(lf, 0, sizeof(*lf));
	so.data = &lf->failures;
	if (com->have_kernel)
		so.kernel = &com->kernel;
	so.year = com->year;
	if (!root || !strcmp(root, "/")) {
		err = pf_source_open_kmsg(&lf->src, NULL);
	} else {
		char path[PATH_MAX];

		if (snprintf(path, sizeof(path), "%s/dev/kmsg", root) >=
		    (int)sizeof(path))
			return -ENAMETOOLONG;
		/* a saved log, as dmesg printed it or as kmsg records */
		err = pf_source_open(&lf->src, path);
	}
	if (err)
		return err;
	lf->sc = pf_scanner_new(pf_source_name(lf->src), &so);
	if (!lf->sc) {
		pf_source_free(lf->src);
		lf->src = NULL;
		return -ENOMEM;
	}
	pthread_mutex_init(&lf->lock, NULL);
	lf->ok = drain(lf);
	return 0;
}

bool cli_logfollow_poll(struct cli_logfollow *lf, struct cli_failures *out)
{
	bool ok;

	pthread_mutex_lock(&lf->lock);
	if (lf->ok)
		lf->ok = drain(lf);
	ok = lf->ok;
	*out = lf->failures;
	pthread_mutex_unlock(&lf->lock);
	return ok;
}

void cli_logfollow_release(struct cli_logfollow *lf)
{
	if (!lf->src)
		return;
	pf_scanner_free(lf->sc);
	pf_source_free(lf->src);
	pthread_mutex_destroy(&lf->lock);
	lf->src = NULL;
}
