// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * top_noscreen.c - pagefail top built without ncurses (PF_NCURSES=OFF, or
 * no ncursesw found at configure time): no full screen, the batch frames
 * (-b) only.  Built instead of top_screen.c.
 */
#include "top.h"

const bool cli_top_screen = false;

/* Never called: without a screen no view is one (v->curses is false). */
void cli_top_screen_put(struct view *v, int style, const char *s, int n)
{
}

int cli_top_run_screen(struct top *t, const sigset_t *unblocked)
{
	/* cmd_top.c said so already; here only for the link */
	return CLI_EXIT_ERROR;
}
