// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * buf.c - a growable string, for the prose the CLI composes from the
 * library's reason codes and numbers (words_*.c): a sentence is as long as
 * its names and numbers make it, never cut at a fixed size.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Room for more bytes and a NUL: false when memory is short. */
static bool buf_room(struct cli_buf *b, size_t more)
{
	size_t need = b->n + more + 1;

	return need > b->n && !PF_GROW(b->s, b->alloc, need, 128);
}

void cli_buf_add(struct cli_buf *b, const char *fmt, ...)
{
	va_list ap;
	int w;

	/* into the room there is; only what does not fit is formatted twice */
	va_start(ap, fmt);
	w = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->alloc - b->n : 0,
		      fmt, ap);
	va_end(ap);
	if (w <= 0)
		return;
	if (b->s && (size_t)w < b->alloc - b->n) {
		b->n += (size_t)w;
		return;
	}
	if (!buf_room(b, (size_t)w)) {
		b->oom = true;
		if (b->s)
			b->s[b->n] = '\0';
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, b->alloc - b->n, fmt, ap);
	va_end(ap);
	b->n += (size_t)w;
}

void cli_buf_put(struct cli_buf *b, const char *s, size_t len)
{
	if (!len)
		return;
	if (!buf_room(b, len)) {
		b->oom = true;
		return;
	}
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = '\0';
}

const char *cli_buf_str(const struct cli_buf *b)
{
	return b->n ? b->s : "";
}

void cli_buf_release(struct cli_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->n = b->alloc = 0;
}
