/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * top.h - what the parts of pagefail top share: a frame of data
 * (top_data.c), the drawing of it, the same for the screen and for the
 * batch frames (top_draw.c), the full screen through ncurses
 * (top_screen.c) and the command (cmd_top.c).
 */
#ifndef CLI_TOP_H
#define CLI_TOP_H

#include <signal.h>
#include <time.h>

#include "cli.h"

/*
 * The counters of the rates lines, in the order shown; each is summed over
 * its per-zone variants (pf_system_counter).  alarm: a non-zero rate means
 * allocations stall (compaction or reclaim done by the allocating task).
 */
struct top_rate {
	const char *name;
	bool alarm;
};
extern const struct top_rate cli_top_rates[];
#define TOP_NR_RATES 11
/* Where each line of rates starts in cli_top_rates[], and the end. */
extern const int cli_top_rate_lines[5];

/* What the drawing code asks for; the screen maps it to curses attributes. */
enum style {
	S_NORMAL = 0,
	S_DIM,
	S_BOLD,
	S_TITLE,   /* table headers */
	S_ZONE_HL, /* the highlighted zone's name */
	S_HEAT0,   /* no free block of the order */
	S_HEAT1,   /* its blocks hold < 1% of the zone's free pages */
	S_HEAT2,   /* < 10% */
	S_HEAT3,   /* < 30% */
	S_HEAT4,   /* 30% or more */
	S_BAD,	   /* below min, headroom 0, stalls */
	S_WARN,	   /* below low */
	S_GOOD,	   /* above high */
	S_KEYS,	   /* the key bar */
	S_NR
};

/* Where text goes: stdout (batch) or the screen, clipped to it. */
struct view {
	bool curses;
	int row, col;
	int rows, cols;
};

struct top {
	const char *root; /* what pf_system_read() reads */
	bool live;	  /* this machine: time, uptime */
	bool batch;
	double interval;
	long count; /* frames to show, 0: no end */
	unsigned long frames;
	bool diag_quiet; /* after the first read */

	struct pf_system *prev, *cur;
	bool have_prev;
	struct timespec t_prev, t_cur;
	struct pf_zone_status st[PF_ZONES_MAX];
	double rate[TOP_NR_RATES]; /* per second; < 0: not known */

	int nodes[PF_ZONES_MAX]; /* nodes with a zone shown */
	int nr_nodes;
	int node_sel; /* index into nodes[] */
	int zone_sel; /* index among that node's zones */
	bool help;

	char when[32]; /* the frame's wall-clock time, "-" */
	char clock[16];
	char uptime[40]; /* "3 days, 2:01", or "" */
};

/* SIGINT, SIGTERM (and 'q' on the screen): stop after this frame */
extern volatile sig_atomic_t top_stop;

/* top_data.c: a frame of data */
struct timespec cli_ts_of(double seconds);
double cli_ts_diff(const struct timespec *a, const struct timespec *b);
/* Read the system, its zone status and the rates since the last frame. */
int cli_top_sample(struct top *t);
/* The frame could not be read: say so; CLI_EXIT_ERROR */
int cli_top_read_error(const struct top *t, int err);
/* The zones of node shown: their indices into the system's zones */
int cli_top_node_zones(const struct top *t, int node, int *idx);

/* top_draw.c: the frames */
void cli_top_draw_batch(const struct top *t);
/* The screen's frame (the help instead with t->help) into v */
void cli_top_draw_frame(struct view *v, const struct top *t);

/* top_screen.c: the full screen (top_noscreen.c without ncurses) */
extern const bool cli_top_screen; /* built with ncurses */
void cli_top_screen_put(struct view *v, int style, const char *s, int n);
int cli_top_run_screen(struct top *t, const sigset_t *unblocked);

#endif
