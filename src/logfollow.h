/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logfollow.h - the kernel log followed as it grows, its failures counted
 * (logfollow.c); one lock, so any thread may poll.
 */
#ifndef PAGEFAIL_LOGFOLLOW_H
#define PAGEFAIL_LOGFOLLOW_H

#include <pthread.h>

#include "metrics.h"

struct cli_logfollow {
	struct pf_source *src;
	struct pf_scanner *sc;
	struct cli_failures failures;
	bool ok;       /* no read error yet */
	bool finished; /* a file read to its end: the scanner flushed */
	pthread_mutex_t lock;
};

/*
 * Open the log of root ("/": /dev/kmsg; else ROOT/dev/kmsg, a saved file)
 * and count what it holds.  0, or -errno (nothing to release then).
 */
int cli_logfollow_open(struct cli_logfollow *lf, const char *root,
		       const struct cli_common *com);
/* Count what came since, and copy the counts out; false after an error. */
bool cli_logfollow_poll(struct cli_logfollow *lf, struct cli_failures *out);
void cli_logfollow_release(struct cli_logfollow *lf);

#endif
