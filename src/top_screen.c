// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * top_screen.c - the full screen of pagefail top, through ncurses: the
 * styles as curses attributes, the keys, and the loop that waits for the
 * next frame or a key.  The frames themselves are top_draw.c's.
 *
 * Signals: SIGINT, SIGTERM and SIGWINCH are blocked except inside ppoll()
 * (cmd_top.c), so that they can only arrive while we wait, and always end
 * the wait: the terminal is restored on the way out.
 */
#define _GNU_SOURCE /* ppoll */
#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "top.h"

/* Refresh intervals that + and - step through, in seconds. */
static const double interval_steps[] = {
	0.1, 0.2, 0.5, 1, 2, 3, 5, 10, 15, 30, 60,
};

const bool cli_top_screen = true;

/* The screen's styles: what each enum style is in curses attributes. */
static attr_t attrs[S_NR];

void cli_top_screen_put(struct view *v, int style, const char *s, int n)
{
	attrset(attrs[style]);
	mvaddnstr(v->row, v->col, s, n);
	attrset(A_NORMAL);
}

static void draw_screen(const struct top *t)
{
	struct view v = { .curses = true };

	getmaxyx(stdscr, v.rows, v.cols);
	erase();
	cli_top_draw_frame(&v, t);
	refresh();
}

static void styles_init(attr_t *attr, bool color)
{
	for (int i = 0; i < S_NR; i++)
		attr[i] = A_NORMAL;
	attr[S_DIM] = A_DIM;
	attr[S_BOLD] = A_BOLD;
	attr[S_TITLE] = A_BOLD;
	attr[S_ZONE_HL] = A_REVERSE;
	attr[S_KEYS] = A_REVERSE;
	attr[S_HEAT0] = A_DIM;
	if (color && has_colors() && start_color() == OK) {
		short bg = use_default_colors() == OK ? -1 : COLOR_BLACK;
		static const short fg[] = {
			COLOR_BLUE, COLOR_CYAN,	  COLOR_GREEN, COLOR_YELLOW,
			COLOR_RED,  COLOR_YELLOW, COLOR_GREEN,
		};

		for (short i = 0; i < (short)ARRAY_SIZE(fg); i++)
			init_pair(i + 1, fg[i], bg);
		init_pair(8, COLOR_BLACK, COLOR_CYAN);
		attr[S_HEAT1] = COLOR_PAIR(1);
		attr[S_HEAT2] = COLOR_PAIR(2);
		attr[S_HEAT3] = COLOR_PAIR(3);
		attr[S_HEAT4] = COLOR_PAIR(4) | A_BOLD;
		attr[S_BAD] = COLOR_PAIR(5) | A_BOLD;
		attr[S_WARN] = COLOR_PAIR(6);
		attr[S_GOOD] = COLOR_PAIR(7);
		attr[S_KEYS] = COLOR_PAIR(8);
	} else {
		/* no colours: three shades of the heat map, and bold alarms */
		attr[S_HEAT3] = A_BOLD;
		attr[S_HEAT4] = A_BOLD | A_REVERSE;
		attr[S_BAD] = A_BOLD | A_REVERSE;
		attr[S_WARN] = A_BOLD;
	}
}

static void step_interval(struct top *t, int dir)
{
	int n = (int)ARRAY_SIZE(interval_steps);

	if (dir > 0) {
		for (int i = 0; i < n; i++)
			if (interval_steps[i] > t->interval + 1e-9) {
				t->interval = interval_steps[i];
				return;
			}
	} else {
		for (int i = n - 1; i >= 0; i--)
			if (interval_steps[i] < t->interval - 1e-9) {
				t->interval = interval_steps[i];
				return;
			}
	}
}

/* One key: true when the screen must be drawn again. */
static bool on_key(struct top *t, int ch)
{
	int idx[PF_ZONES_MAX], nr = 0;

	if (t->nr_nodes)
		nr = cli_top_node_zones(t, t->nodes[t->node_sel], idx);
	if (t->help && ch != KEY_RESIZE) {
		t->help = false;
		if (ch != 'q' && ch != 'Q')
			return true;
	}
	switch (ch) {
	case 'q':
	case 'Q':
		top_stop = -1;
		return false;
	case 'n':
	case 'N':
		if (t->nr_nodes > 1) {
			int step = ch == 'n' ? 1 : t->nr_nodes - 1;

			t->node_sel = (t->node_sel + step) % t->nr_nodes;
			t->zone_sel = 0;
		}
		return true;
	case 'z':
	case 'Z':
		if (nr > 0)
			t->zone_sel =
				(t->zone_sel + (ch == 'z' ? 1 : nr - 1)) % nr;
		return true;
	case '+':
	case '=':
		step_interval(t, 1);
		return true;
	case '-':
	case '_':
		step_interval(t, -1);
		return true;
	case 'h':
	case '?':
	case KEY_F(1):
		t->help = true;
		return true;
	case 12: /* Ctrl-L */
		clearok(curscr, TRUE);
		return true;
	case KEY_RESIZE:
		return true;
	default:
		return false;
	}
}

int cli_top_run_screen(struct top *t, const sigset_t *unblocked)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	SCREEN *scr;
	int err = cli_top_sample(t), poll_err = 0;

	if (err)
		return cli_top_read_error(t, err);
	/* keys come from a terminal; /dev/null would always poll readable */
	if (!isatty(STDIN_FILENO))
		pfd.fd = -1;
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		cli_err(false, NULL,
			"cannot use the terminal (TERM '%s'): try -b",
			getenv("TERM") ? getenv("TERM") : "");
		return CLI_EXIT_ERROR;
	}
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);

	styles_init(attrs, cli_color);
	draw_screen(t);
	t->frames = 1;
	while (!t->count || t->frames < (unsigned long)t->count) {
		struct timespec now, ts;
		double left;
		bool dirty = false;
		int ch, r;

		/* wait for the next frame, or a key; poll once even at -d 0 */
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = t->interval - cli_ts_diff(&now, &t->t_cur);
		ts = cli_ts_of(left > 0 ? left : 0);
		r = ppoll(&pfd, 1, &ts, unblocked);
		if (r < 0 && errno != EINTR) {
			poll_err = errno;
			break;
		}
		/* a terminal that hung up: stop listening to it */
		if (r > 0 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) &&
		    !(pfd.revents & POLLIN))
			pfd.fd = -1;
		while (!top_stop && (ch = getch()) != ERR)
			dirty |= on_key(t, ch);
		if (top_stop)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (cli_ts_diff(&now, &t->t_cur) < t->interval) {
			if (dirty)
				draw_screen(t);
			continue;
		}
		err = cli_top_sample(t);
		if (err)
			break;
		draw_screen(t);
		t->frames++;
	}
	endwin();
	delscreen(scr);
	if (poll_err) {
		cli_err(false, NULL, "cannot wait for the terminal: %s",
			pf_strerror(poll_err));
		return CLI_EXIT_ERROR;
	}
	return err ? cli_top_read_error(t, err) : 0;
}
