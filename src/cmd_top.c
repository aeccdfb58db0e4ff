// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd_top.c - pagefail top: the zones of the running machine, refreshing:
 * free blocks per order as a heat map, free memory against the watermarks,
 * the atomic headroom and unusable index of each zone, and the compaction
 * and reclaim counters of /proc/vmstat per second.  Full screen through
 * ncurses, or plain-text frames with -b (no curses at all).
 *
 * A frame costs one pf_system_read() and one pf_system_status(), nothing
 * else: rates are the difference between the vmstat counters of this frame
 * and the one before, so two struct pf_system are kept and swapped.  Both
 * the screen and the batch frames are written by the same drawing code,
 * through a "view" that either prints or puts text on the screen, so the
 * two cannot drift apart.
 *
 * Signals: SIGINT, SIGTERM (and, on the screen, SIGWINCH) are blocked
 * except inside ppoll(), so that they can only arrive while we wait, and
 * always end the wait: the terminal is restored on the way out.  They stay
 * blocked after the last wait, so that a second one cannot kill the
 * shutdown the first began.
 */
#define _GNU_SOURCE	/* ppoll */
#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The counters of the rates lines, in the order shown; each is summed over
 * its per-zone variants (pf_system_counter).  alarm: a non-zero rate means
 * allocations stall (compaction or reclaim done by the allocating task).
 */
static const struct {
	const char *name;
	bool alarm;
} rates[] = {
	{ "compact_stall", true },
	{ "compact_fail", true },
	{ "compact_success", false },
	{ "compact_daemon_wake", false },
	{ "kswapd_low_wmark_hit_quickly", false },
	{ "kswapd_high_wmark_hit_quickly", false },
	{ "allocstall", true },
	{ "pgscan_direct", true },
	{ "pgsteal_direct", true },
	{ "pgscan_kswapd", false },
	{ "pgsteal_kswapd", false },
};
#define NR_RATES ((int)ARRAY_SIZE(rates))
/* Where each line of rates starts in rates[], and the end. */
static const int rate_lines[] = { 0, 4, 6, 9, NR_RATES };

/* Refresh intervals that + and - step through, in seconds. */
static const double interval_steps[] = {
	0.1, 0.2, 0.5, 1, 2, 3, 5, 10, 15, 30, 60,
};

#define HEAT_W		6	/* a heat map cell: " 12345" */
#define MT_W		12	/* the migratetype column: "Reclaimable " */
#define BAR_W		24	/* cells of the watermark bar */
#define BAR_SCALE	2	/* the bar spans BAR_SCALE x the high mark */
#define UNUSABLE_HIGH	9	/* the fourth unusable column: this order */

/* What the drawing code asks for; the view maps it to curses attributes. */
enum style {
	S_NORMAL = 0,
	S_DIM,
	S_BOLD,
	S_TITLE,	/* table headers */
	S_ZONE_HL,	/* the highlighted zone's name */
	S_HEAT0,	/* no free block of the order */
	S_HEAT1,	/* its blocks hold < 1% of the zone's free pages */
	S_HEAT2,	/* < 10% */
	S_HEAT3,	/* < 30% */
	S_HEAT4,	/* 30% or more */
	S_BAD,		/* below min, headroom 0, stalls */
	S_WARN,		/* below low */
	S_GOOD,		/* above high */
	S_KEYS,		/* the key bar */
	S_NR
};

/* Where text goes: stdout (batch) or the screen, clipped to it. */
struct view {
	bool curses;
	int row, col;
	int rows, cols;
	attr_t attr[S_NR];
};

struct top {
	const char *root;		/* what pf_system_read() reads */
	bool live;			/* this machine: time and uptime shown */
	bool batch;
	double interval;
	long count;			/* frames to show, 0: no end */
	unsigned long frames;
	bool diag_quiet;		/* after the first read */

	struct pf_system *prev, *cur;
	bool have_prev;
	struct timespec t_prev, t_cur;
	struct pf_zone_status st[PF_ZONES_MAX];
	double rate[NR_RATES];		/* per second; < 0: not known */

	int nodes[PF_ZONES_MAX];	/* nodes with a zone shown */
	int nr_nodes;
	int node_sel;			/* index into nodes[] */
	int zone_sel;			/* index among that node's zones */
	bool help;
	attr_t attr[S_NR];		/* the screen's styles */

	char when[32];			/* the frame's wall-clock time, "-" */
	char clock[16];
	char uptime[40];		/* "3 days, 2:01", or "" */
};

static volatile sig_atomic_t top_stop;

void usage_top(FILE *f)
{
	fputs("usage: pagefail top [--root DIR] [-d SECONDS] [-n COUNT] [-b] [--no-color]\n\n"
	      "Watch the zones of this machine, refreshing: free blocks per order as a\n"
	      "heat map, free memory against the min/low/high watermarks, the atomic\n"
	      "headroom and unusable index of each zone, and the compaction and\n"
	      "reclaim counters of /proc/vmstat per second.\n\n"
	      "  -d, --delay SECONDS       time between frames (default 1; 0.5 works)\n"
	      "  -n, --iterations COUNT    stop after COUNT frames\n"
	      "  -b, --batch               plain-text frames on stdout, each starting\n"
	      "                            with '--- pagefail top TIME ---'; no terminal\n"
	      "      --root DIR            read /proc and /sys under DIR (a snapshot, an\n"
	      "                            extracted sosreport): TIME is '-', and rates\n"
	      "                            are 0 while its files stay the same\n"
	      "      --no-color            no colour (also NO_COLOR)\n\n"
	      "keys: q quit, n/N next/previous node, z/Z next/previous zone,\n"
	      "      +/- longer/shorter interval, h or ? help\n\n"
	      "exit status: 0 done, 1 error (nothing could be read, no terminal), 2 usage\n",
	      f);
}

/* ---- the view ------------------------------------------------------- */

static void v_put(struct view *v, int style, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void v_put(struct view *v, int style, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n, room;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (!v->curses) {
		fputs(buf, stdout);
		return;
	}
	if (v->row >= v->rows)
		return;
	room = v->cols - v->col;
	if (room <= 0)
		return;
	if (n > room)
		n = room;
	attrset(v->attr[style]);
	mvaddnstr(v->row, v->col, buf, n);
	attrset(A_NORMAL);
	v->col += n;
}

static void v_nl(struct view *v)
{
	if (!v->curses) {
		putchar('\n');
		return;
	}
	v->row++;
	v->col = 0;
}

/* A blank row between tables: always in batch, on a tall enough screen. */
static void v_gap(struct view *v)
{
	if (!v->curses || v->rows >= 36)
		v_nl(v);
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
			COLOR_BLUE, COLOR_CYAN, COLOR_GREEN, COLOR_YELLOW,
			COLOR_RED, COLOR_YELLOW, COLOR_GREEN,
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

/* ---- numbers -------------------------------------------------------- */

/* n in at most width characters: 123456 -> "123k" when it does not fit. */
static void fmt_count(unsigned long long n, int width, char *buf, size_t len)
{
	static const char units[] = "kMGTP";
	double d = (double)n;

	snprintf(buf, len, "%llu", n);
	for (int u = 0; u < 5 && (int)strlen(buf) > width; u++) {
		d /= 1000;
		snprintf(buf, len, d < 9.95 ? "%.1f%c" : "%.0f%c", d, units[u]);
	}
}

/* A number, or "-" when it is negative (not known). */
static const char *fmt_num(long long v, char *buf, size_t len)
{
	if (v < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%lld", v);
	return buf;
}

static struct timespec ts_of(double seconds)
{
	struct timespec ts;

	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
	if (ts.tv_nsec < 0)
		ts.tv_nsec = 0;
	if (ts.tv_nsec > 999999999)
		ts.tv_nsec = 999999999;
	return ts;
}

/* A thousandths index as "0.123", "-" when not known. */
static void fmt_index(int v, char *buf, size_t len)
{
	if (v < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%d.%03d", v / 1000, v % 1000);
}

static void fmt_pages(long pages, unsigned int page_kb, char *buf, size_t len)
{
	if (pages < 0)
		snprintf(buf, len, "-");
	else
		pf_format_size((unsigned long long)pages *
			       (page_kb ? page_kb : 4) * 1024, buf, len);
}

static void fmt_rate(double r, char *buf, size_t len)
{
	if (r < 0)
		snprintf(buf, len, "-");
	else if (r == 0)
		snprintf(buf, len, "0");
	else if (r < 9.95)
		snprintf(buf, len, "%.1f", r);
	else
		fmt_count((unsigned long long)(r + 0.5), 7, buf, len);
}

/* "label" centred in width columns, dashes around it, as vmstat does. */
static void fmt_group(const char *label, int width, char *buf, size_t len)
{
	int n = (int)strlen(label), left;

	if (width > (int)len - 1)
		width = (int)len - 1;
	if (n + 2 > width) {
		snprintf(buf, len, "%-*.*s", width, width, label);
		return;
	}
	left = (width - n - 2) / 2;
	memset(buf, '-', (size_t)width);
	buf[width] = 0;
	buf[left] = ' ';
	memcpy(buf + left + 1, label, (size_t)n);
	buf[left + 1 + n] = ' ';
}

static double ts_diff(const struct timespec *a, const struct timespec *b)
{
	return (double)(a->tv_sec - b->tv_sec) +
	       (double)(a->tv_nsec - b->tv_nsec) / 1e9;
}

/* ---- one frame of data ---------------------------------------------- */

/* Zones worth a row: not the empty ones zoneinfo prints (Movable, Device). */
static bool zone_shown(const struct pf_zone *z)
{
	if (z->nr_orders > 0)
		return true;
	if (z->managed >= 0)
		return z->managed > 0;
	if (z->present >= 0)
		return z->present > 0;
	return true;
}

static void sys_diag(const char *source, unsigned long line, const char *msg,
		     void *data)
{
	struct top *t = data;

	(void)line;
	/* the same files are missing every frame: say so once */
	if (!t->diag_quiet)
		cli_err(false, source, "%s: %s", source, msg);
}

static void find_nodes(struct top *t)
{
	const struct pf_system *sys = t->cur;

	t->nr_nodes = 0;
	for (int i = 0; i < sys->nr_zones && i < PF_ZONES_MAX; i++) {
		int j;

		if (!zone_shown(&sys->zones[i]))
			continue;
		for (j = 0; j < t->nr_nodes; j++)
			if (t->nodes[j] == sys->zones[i].node)
				break;
		if (j == t->nr_nodes)
			t->nodes[t->nr_nodes++] = sys->zones[i].node;
	}
	if (t->node_sel >= t->nr_nodes)
		t->node_sel = 0;
}

static void fmt_uptime(long secs, char *buf, size_t len)
{
	long days = secs / 86400, h = secs % 86400 / 3600, m = secs % 3600 / 60;

	if (days)
		snprintf(buf, len, "%ld day%s, %ld:%02ld", days,
			 days == 1 ? "" : "s", h, m);
	else if (h)
		snprintf(buf, len, "%ld:%02ld", h, m);
	else
		snprintf(buf, len, "%ld min", m);
}

static int read_error(const struct top *t, int err)
{
	cli_err(false, t->root, "cannot read the memory state under '%s': %s",
		t->root, pf_strerror(err));
	return CLI_EXIT_ERROR;
}

/* Read the system, its zone status and the rates since the last frame. */
static int sample(struct top *t)
{
	struct pf_system *swap = t->prev;
	double dt;
	int err;

	t->prev = t->cur;
	t->cur = swap;
	t->t_prev = t->t_cur;
	clock_gettime(CLOCK_MONOTONIC, &t->t_cur);
	err = pf_system_read(t->root, t->cur, sys_diag, t);
	t->diag_quiet = true;
	if (err)
		return err;
	pf_system_status(t->cur, t->st);

	dt = ts_diff(&t->t_cur, &t->t_prev);
	if (dt < 1e-3)
		dt = 1e-3;
	for (int i = 0; i < NR_RATES; i++) {
		long long c = pf_system_counter(t->cur, rates[i].name), p;

		/*
		 * The first frame has nothing to compare with.  A saved
		 * directory does not change: its rates are 0 from the start.
		 */
		if (!t->have_prev && !t->live)
			p = c;
		else if (!t->have_prev)
			p = -1;
		else
			p = pf_system_counter(t->prev, rates[i].name);
		if (c < 0 || p < 0)
			t->rate[i] = -1;
		else
			t->rate[i] = c > p ? (double)(c - p) / dt : 0;
	}
	t->have_prev = true;
	find_nodes(t);

	if (t->live) {
		time_t now = time(NULL);
		struct sysinfo si;
		struct tm tm;

		localtime_r(&now, &tm);
		strftime(t->when, sizeof(t->when), "%Y-%m-%d %H:%M:%S", &tm);
		strftime(t->clock, sizeof(t->clock), "%H:%M:%S", &tm);
		t->uptime[0] = 0;
		if (!sysinfo(&si))
			fmt_uptime(si.uptime, t->uptime, sizeof(t->uptime));
	} else {
		snprintf(t->when, sizeof(t->when), "-");
		snprintf(t->clock, sizeof(t->clock), "-");
		t->uptime[0] = 0;
	}
	return 0;
}

/* ---- drawing -------------------------------------------------------- */

/* The zones of node, shown ones only: their indices into sys->zones. */
static int node_zones(const struct top *t, int node, int *idx)
{
	const struct pf_system *sys = t->cur;
	int n = 0;

	for (int i = 0; i < sys->nr_zones && i < PF_ZONES_MAX; i++)
		if (sys->zones[i].node == node && zone_shown(&sys->zones[i]))
			idx[n++] = i;
	return n;
}

static bool zone_highlighted(const struct top *t, const struct view *v,
			     int nth)
{
	return v->curses && nth == t->zone_sel;
}

static void put_zone(struct view *v, const struct top *t, int nth,
		     const char *name)
{
	v_put(v, zone_highlighted(t, v, nth) ? S_ZONE_HL : S_BOLD, "%-7.7s",
	      name);
	v_put(v, S_NORMAL, " ");
}

static void draw_header(struct view *v, const struct top *t)
{
	const struct pf_system *sys = t->cur;
	char num[32];

	/* the screen's title: the time, or the directory read */
	if (v->curses)
		v_put(v, S_TITLE, "pagefail top %s  ", t->live ? t->clock : t->root);
	v_put(v, S_NORMAL, "kernel %s", pf_kver_known(&sys->kernel) ?
	      sys->kernel.str : "unknown");
	if (t->uptime[0])
		v_put(v, S_NORMAL, "  up %s", t->uptime);
	v_put(v, S_NORMAL, "  nodes ");
	v_put(v, S_BOLD, "%s", fmt_num(sys->nr_nodes, num, sizeof(num)));
	v_put(v, S_NORMAL, "  cpus ");
	v_put(v, S_BOLD, "%s", fmt_num(sys->nr_cpus, num, sizeof(num)));
	v_nl(v);

	v_put(v, S_NORMAL, "min_free_kbytes ");
	v_put(v, S_BOLD, "%s", fmt_num(sys->vm[PF_VM_MIN_FREE_KBYTES], num,
					 sizeof(num)));
	v_put(v, S_NORMAL, "  watermark_scale_factor ");
	v_put(v, S_BOLD, "%s", fmt_num(sys->vm[PF_VM_WATERMARK_SCALE_FACTOR],
					 num, sizeof(num)));
	snprintf(num, sizeof(num), "%g", t->interval);
	v_put(v, S_NORMAL, "  interval %ss", num);
	if (v->curses && t->nr_nodes > 1)
		v_put(v, S_NORMAL, "  node %d (%d of %d)", t->nodes[t->node_sel],
		      t->node_sel + 1, t->nr_nodes);
	v_nl(v);
}

/* The shade of a heat map cell: the share of free pages its blocks hold. */
static int heat_style(unsigned long blocks, int order, unsigned long total)
{
	double share;

	if (!blocks)
		return S_HEAT0;
	if (!total)
		return S_HEAT1;
	share = (double)blocks * (double)(1UL << order) / (double)total;
	if (share < 0.01)
		return S_HEAT1;
	if (share < 0.10)
		return S_HEAT2;
	if (share < 0.30)
		return S_HEAT3;
	return S_HEAT4;
}

/* The orders header row of a heat map, after a first cell of width w. */
static void put_orders(struct view *v, const char *first, int w, int nr_orders)
{
	v_put(v, S_TITLE, "%-*s", w, first);
	for (int o = 0; o < nr_orders; o++)
		v_put(v, S_TITLE, "%*d", HEAT_W, o);
	v_nl(v);
}

static void put_heat_row(struct view *v, const unsigned long *nr_free,
			 const bool *capped, int nr, int nr_orders,
			 unsigned long total)
{
	char num[24];

	for (int o = 0; o < nr_orders; o++) {
		if (o >= nr) {
			v_put(v, S_DIM, "%*s", HEAT_W, "-");
			continue;
		}
		fmt_count(nr_free[o], HEAT_W - 1 - (capped && capped[o]), num,
			  sizeof(num));
		v_put(v, heat_style(nr_free[o], o, total), "%*s%s",
		      HEAT_W - (int)strlen(num), capped && capped[o] ? ">" : "",
		      num);
	}
	v_nl(v);
}

static void draw_heat(struct view *v, const struct top *t, int node,
		      const int *idx, int nr)
{
	const struct pf_system *sys = t->cur;
	int orders = 0;
	char label[32], group[96];

	for (int i = 0; i < nr; i++)
		if (sys->zones[idx[i]].nr_orders > orders)
			orders = sys->zones[idx[i]].nr_orders;
	snprintf(label, sizeof(label), "node %d", node);
	v_put(v, S_TITLE, "%-8s", label);
	if (!orders) {
		v_put(v, S_DIM, "no free block counts (/proc/buddyinfo)");
		v_nl(v);
		return;
	}
	fmt_group(v->curses ? "free blocks by order, shaded by pages held" :
		  "free blocks by order", orders * HEAT_W, group, sizeof(group));
	v_put(v, S_TITLE, "%s", group);
	v_nl(v);
	put_orders(v, "zone", 8, orders);
	for (int i = 0; i < nr; i++) {
		const struct pf_zone *z = &sys->zones[idx[i]];

		put_zone(v, t, i, z->name);
		put_heat_row(v, z->nr_free, NULL, z->nr_orders, orders,
			     pf_zone_buddy_pages(z));
	}
}

/*
 * free against the watermarks: [####|#|#|---------], BAR_W cells spanning
 * BAR_SCALE times the high watermark, '#' for free pages, '|' before the
 * cells where min, low and high fall; '>' closes it when free is beyond.
 */
static void put_bar(struct view *v, const struct pf_zone *z)
{
	long scale = z->high * BAR_SCALE, fill;
	long marks[3] = { z->min, z->low, z->high };
	int pos[3], style;

	if (z->high <= 0 || z->min < 0 || z->low < 0 || z->free < 0) {
		v_put(v, S_DIM, "-");
		return;
	}
	for (int m = 0; m < 3; m++)
		pos[m] = (int)((marks[m] * BAR_W + scale / 2) / scale);
	fill = z->free >= scale ? BAR_W : z->free * BAR_W / scale;
	if (z->free <= z->min)
		style = S_BAD;
	else if (z->free <= z->low)
		style = S_WARN;
	else if (z->free <= z->high)
		style = S_NORMAL;
	else
		style = S_GOOD;
	v_put(v, S_NORMAL, "[");
	for (int i = 0; i <= BAR_W; i++) {
		for (int m = 0; m < 3; m++)
			if (pos[m] == i)
				v_put(v, S_BOLD, "|");
		if (i == BAR_W)
			break;
		if (i < fill)
			v_put(v, style, "#");
		else
			v_put(v, S_DIM, "-");
	}
	v_put(v, S_NORMAL, z->free > scale ? ">" : "]");
}

static void draw_wmarks(struct view *v, const struct top *t, const int *idx,
			int nr)
{
	const struct pf_system *sys = t->cur;
	char b[4][24];

	v_put(v, S_TITLE, "%-8s%9s%10s%10s%10s  %s", "zone", "free", "min",
	      "low", "high", "free against min|low|high");
	v_nl(v);
	for (int i = 0; i < nr; i++) {
		const struct pf_zone *z = &sys->zones[idx[i]];
		int style = S_NORMAL;

		if (z->free >= 0 && z->min >= 0 && z->free <= z->min)
			style = S_BAD;
		else if (z->free >= 0 && z->low >= 0 && z->free <= z->low)
			style = S_WARN;
		fmt_pages(z->free, z->page_kb, b[0], sizeof(b[0]));
		fmt_pages(z->min, z->page_kb, b[1], sizeof(b[1]));
		fmt_pages(z->low, z->page_kb, b[2], sizeof(b[2]));
		fmt_pages(z->high, z->page_kb, b[3], sizeof(b[3]));
		put_zone(v, t, i, z->name);
		v_put(v, style, "%9s", b[0]);
		v_put(v, S_NORMAL, "%10s%10s%10s  ", b[1], b[2], b[3]);
		put_bar(v, z);
		v_nl(v);
	}
}

/* The fourth unusable column: pageblock order, else 9, else the highest. */
static int unusable_high_order(const struct top *t, const int *idx, int nr)
{
	const struct pf_system *sys = t->cur;
	int orders = 0, o;

	for (int i = 0; i < nr; i++)
		if (t->st[idx[i]].nr_orders > orders)
			orders = t->st[idx[i]].nr_orders;
	o = sys->pageblock_order > 3 ? sys->pageblock_order : UNUSABLE_HIGH;
	if (orders && o > orders - 1)
		o = orders - 1;
	return o;
}

static void draw_headroom(struct view *v, const struct top *t, int node,
			  const int *idx, int nr)
{
	const int order[4] = { 1, 2, 3, unusable_high_order(t, idx, nr) };
	char label[32], g1[64], g2[64], num[24];

	snprintf(label, sizeof(label), "node %d", node);
	fmt_group("atomic headroom", 4 * 8, g1, sizeof(g1));
	fmt_group("unusable index", 4 * 7, g2, sizeof(g2));
	v_put(v, S_TITLE, "%-8s%s  %s", label, g1, g2);
	v_nl(v);
	v_put(v, S_TITLE, "%-8s", "zone");
	for (int o = 0; o < PF_HEADROOM_ORDERS; o++)
		v_put(v, S_TITLE, "%8d", o);
	v_put(v, S_TITLE, "  ");
	for (int k = 0; k < 4; k++)
		v_put(v, S_TITLE, "%7d", order[k]);
	v_nl(v);
	for (int i = 0; i < nr; i++) {
		const struct pf_zone_status *st = &t->st[idx[i]];

		put_zone(v, t, i, t->cur->zones[idx[i]].name);
		for (int o = 0; o < PF_HEADROOM_ORDERS; o++) {
			long h = st->headroom[o];

			if (h < 0)
				snprintf(num, sizeof(num), "-");
			else
				fmt_count((unsigned long long)h, 7, num,
					  sizeof(num));
			v_put(v, h == 0 ? S_BAD : h < 0 ? S_DIM : S_NORMAL,
			      "%8s", num);
		}
		v_put(v, S_NORMAL, "  ");
		for (int k = 0; k < 4; k++) {
			int u = order[k] >= 0 && order[k] < st->nr_orders ?
				st->unusable[order[k]] : -1;

			fmt_index(u, num, sizeof(num));
			v_put(v, u >= 900 ? S_BAD : u >= 500 ? S_WARN :
			      u < 0 ? S_DIM : S_NORMAL, "%7s", num);
		}
		v_nl(v);
	}
}

/* Free blocks of one zone by migratetype (/proc/pagetypeinfo). */
static void draw_migratetypes(struct view *v, const struct top *t, int zi)
{
	const struct pf_system *sys = t->cur;
	const struct pf_pagetype *pt = &sys->pagetype[zi];
	const struct pf_zone *z = &sys->zones[zi];
	int orders = z->nr_orders;
	unsigned long total = pf_zone_buddy_pages(z);
	char label[64], group[96];

	/* without buddyinfo: up to the highest order with a free block */
	for (int m = 0; !z->nr_orders && m < pt->nr_types && m < PF_MT_MAX; m++)
		for (int o = orders; o < PF_MAX_ORDER; o++)
			if (pt->nr_free[m][o])
				orders = o + 1;
	if (!orders)
		return;
	snprintf(label, sizeof(label), "node %d %s by migratetype", z->node,
		 z->name);
	fmt_group(label, MT_W + orders * HEAT_W, group, sizeof(group));
	v_put(v, S_TITLE, "%s", group);
	v_nl(v);
	put_orders(v, "type", MT_W, orders);
	for (int m = 0; m < pt->nr_types && m < PF_MT_MAX; m++) {
		v_put(v, S_NORMAL, "%-*.*s", MT_W, MT_W - 1, pt->type[m]);
		put_heat_row(v, pt->nr_free[m], pt->capped[m], PF_MAX_ORDER,
			     orders, total);
	}
}

static void draw_rates(struct view *v, const struct top *t)
{
	char num[24];

	v_put(v, S_TITLE, "per second (/proc/vmstat)");
	if (!t->cur->nr_vmstat)
		v_put(v, S_DIM, ": not read");
	v_nl(v);
	if (!t->cur->nr_vmstat)
		return;
	for (size_t l = 0; l + 1 < ARRAY_SIZE(rate_lines); l++) {
		v_put(v, S_NORMAL, " ");
		for (int i = rate_lines[l]; i < rate_lines[l + 1]; i++) {
			double r = t->rate[i];

			fmt_rate(r, num, sizeof(num));
			v_put(v, S_NORMAL, " %s ", rates[i].name);
			v_put(v, r < 0 ? S_DIM : r == 0 ? S_NORMAL :
			      rates[i].alarm ? S_BAD : S_BOLD, "%s", num);
			if (i + 1 < rate_lines[l + 1])
				v_put(v, S_NORMAL, " ");
		}
		v_nl(v);
	}
}

/* The tables of one node. */
static void draw_node(struct view *v, const struct top *t, int node)
{
	int idx[PF_ZONES_MAX];
	int nr = node_zones(t, node, idx);

	draw_heat(v, t, node, idx, nr);
	v_gap(v);
	draw_wmarks(v, t, idx, nr);
	v_gap(v);
	draw_headroom(v, t, node, idx, nr);
}

/* One batch frame: every node, every zone's migratetypes. */
static void draw_batch(const struct top *t)
{
	struct view v = { .curses = false };
	int idx[PF_ZONES_MAX];

	printf("--- pagefail top %s ---\n", t->when);
	draw_header(&v, t);
	if (!t->nr_nodes) {
		v_nl(&v);
		v_put(&v, S_NORMAL, "no zone could be read");
		v_nl(&v);
	}
	for (int n = 0; n < t->nr_nodes; n++) {
		v_nl(&v);
		draw_node(&v, t, t->nodes[n]);
	}
	for (int n = 0; n < t->nr_nodes; n++) {
		int nr = node_zones(t, t->nodes[n], idx);

		for (int i = 0; i < nr; i++)
			if (t->cur->pagetype[idx[i]].nr_types > 0) {
				v_nl(&v);
				draw_migratetypes(&v, t, idx[i]);
			}
	}
	v_nl(&v);
	draw_rates(&v, t);
}

static void draw_keys(struct view *v)
{
	static const char keys[] =
		" q quit  n/N node  z/Z zone  +/- interval  h help";

	v->row = v->rows - 1;
	v->col = 0;
	v_put(v, S_KEYS, "%-*s", v->cols, keys);
}

static void draw_help(struct view *v)
{
	static const char *const lines[] = {
		"pagefail top: keys",
		"",
		"  q          quit",
		"  n / N      next / previous NUMA node",
		"  z / Z      next / previous zone (highlighted; its migratetypes below)",
		"  + / -      longer / shorter refresh interval",
		"  h / ?      this help",
		"  Ctrl-L     redraw",
		"",
		"free blocks: the free blocks of each order; the shade is the share of",
		"  the zone's free pages they hold: dim none, blue < 1%, cyan < 10%,",
		"  green < 30%, yellow 30% or more.",
		"watermarks: '#' free pages, '|' the min, low and high watermarks; the",
		"  bar spans twice the high watermark, '>' when free is beyond it.",
		"atomic headroom: GFP_ATOMIC allocations of that order that still succeed",
		"  before the zone fails the kernel's watermark check.",
		"unusable index: the share of free memory in blocks too small for that",
		"  order (0.000 all usable, 1.000 none).",
		"per second: /proc/vmstat counters between two refreshes.",
		"",
		"press any key to return",
	};

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		v_put(v, i ? S_NORMAL : S_TITLE, "%s", lines[i]);
		v_nl(v);
	}
}

static void draw_screen(const struct top *t)
{
	struct view v = { .curses = true };
	int idx[PF_ZONES_MAX];

	memcpy(v.attr, t->attr, sizeof(v.attr));
	getmaxyx(stdscr, v.rows, v.cols);
	erase();
	if (t->help) {
		draw_help(&v);
	} else {
		draw_header(&v, t);
		v_nl(&v);
		if (!t->nr_nodes) {
			v_put(&v, S_NORMAL, "no zone could be read");
			v_nl(&v);
		} else {
			int nr = node_zones(t, t->nodes[t->node_sel], idx);

			draw_node(&v, t, t->nodes[t->node_sel]);
			v_nl(&v);
			draw_rates(&v, t);
			/* the highlighted zone's migratetypes, if room */
			if (nr && t->zone_sel < nr &&
			    t->cur->pagetype[idx[t->zone_sel]].nr_types > 0) {
				v_nl(&v);
				draw_migratetypes(&v, t, idx[t->zone_sel]);
			}
		}
	}
	draw_keys(&v);
	refresh();
}

/* ---- running -------------------------------------------------------- */

static void on_signal(int sig)
{
	top_stop = sig;
}

/* Wait for seconds, or until a signal: true when told to stop. */
static bool wait_batch(double seconds, const sigset_t *unblocked)
{
	struct timespec ts = ts_of(seconds);

	if (ppoll(NULL, 0, &ts, unblocked) < 0 && errno != EINTR)
		return true;
	return top_stop != 0;
}

static int run_batch(struct top *t, const sigset_t *unblocked)
{
	for (;;) {
		int err = sample(t);

		if (err)
			return read_error(t, err);
		draw_batch(t);
		if (fflush(stdout))
			return CLI_EXIT_ERROR;
		t->frames++;
		if (t->count && t->frames >= (unsigned long)t->count)
			break;
		if (wait_batch(t->interval, unblocked))
			break;
	}
	return 0;
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
		nr = node_zones(t, t->nodes[t->node_sel], idx);
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
			t->zone_sel = (t->zone_sel + (ch == 'z' ? 1 : nr - 1)) %
				      nr;
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
	case 12:	/* Ctrl-L */
		clearok(curscr, TRUE);
		return true;
	case KEY_RESIZE:
		return true;
	default:
		return false;
	}
}

static int run_screen(struct top *t, const sigset_t *unblocked)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	SCREEN *scr;
	int err = sample(t), poll_err = 0;

	if (err)
		return read_error(t, err);
	/* keys come from a terminal; /dev/null would always poll readable */
	if (!isatty(STDIN_FILENO))
		pfd.fd = -1;
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		cli_err(false, NULL, "cannot use the terminal (TERM '%s'): try -b",
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

	styles_init(t->attr, cli_color);
	draw_screen(t);
	t->frames = 1;
	while (!t->count || t->frames < (unsigned long)t->count) {
		struct timespec now, ts;
		double left;
		bool dirty = false;
		int ch, r;

		/* wait for the next frame, or a key; poll once even at -d 0 */
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = t->interval - ts_diff(&now, &t->t_cur);
		ts = ts_of(left > 0 ? left : 0);
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
		if (ts_diff(&now, &t->t_cur) < t->interval) {
			if (dirty)
				draw_screen(t);
			continue;
		}
		err = sample(t);
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
	return err ? read_error(t, err) : 0;
}

/* --root "/" (or "//") is this machine. */
static bool is_live_root(const char *root)
{
	return strspn(root, "/") == strlen(root);
}

/* getopt said what it did not take: the usage follows (top's old way) */
static int bad_option(int ch, int argc, char **argv)
{
	usage_top(stderr);
	return CLI_EXIT_USAGE;
}

int cmd_top(int argc, char **argv)
{
	static const struct option own[] = {
		{ "delay", required_argument, NULL, 'd' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "batch", no_argument, NULL, 'b' },
		{ 0 }
	};
	static const struct cli_opts opts = {
		.cmd = "top", .usage = usage_top, .shorts = "d:n:b",
		.longs = own, .common = CLI_COMMON_ROOT | CLI_COMMON_COLOR,
		.bad = bad_option, .getopt_says = true,
	};
	struct cli_common com = { .root = "/" };
	struct sigaction sa;
	sigset_t block, old_mask, unblocked;
	struct cli_parser p;
	struct top *t;
	char *end;
	int ch, ret;

	t = calloc(1, sizeof(*t));
	if (!t) {
		cli_err(false, NULL, "out of memory");
		return CLI_EXIT_ERROR;
	}
	t->interval = 1;
	cli_parser_init(&p, &opts);
	while ((ch = cli_getopt(&p, argc, argv, &com)) >= 0) {
		switch (ch) {
		case 'd':
			/* 0 would redraw in a busy loop */
			if (cli_opt_seconds("-d", optarg, CLI_MIN_INTERVAL, 86400,
					    &t->interval)) {
				free(t);
				return CLI_EXIT_USAGE;
			}
			break;
		case 'n':
			errno = 0;
			t->count = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || t->count < 1) {
				cli_err(false, NULL, "-n takes a number of frames from 1, not '%s'",
					optarg);
				free(t);
				return CLI_EXIT_USAGE;
			}
			break;
		case 'b':
			t->batch = true;
			break;
		}
	}
	if (ch == CLI_OPT_EXIT) {
		free(t);
		return p.status;
	}
	t->root = com.root;
	if (optind < argc) {
		cli_err(false, NULL, "top takes no arguments, not '%s' (see 'pagefail help top')",
			argv[optind]);
		free(t);
		return CLI_EXIT_USAGE;
	}
	if (!t->batch && !isatty(STDOUT_FILENO)) {
		cli_err(false, NULL, "the full-screen view needs a terminal: use -b for plain-text frames");
		free(t);
		return CLI_EXIT_ERROR;
	}
	if (cli_root_check(t->root, false)) {
		free(t);
		return CLI_EXIT_ERROR;
	}
	t->live = is_live_root(t->root);

	/* two systems, for the rates: each ~100 KB, so not on the stack */
	t->prev = calloc(1, sizeof(*t->prev));
	t->cur = calloc(1, sizeof(*t->cur));
	if (!t->prev || !t->cur) {
		cli_err(false, NULL, "out of memory");
		free(t->prev);
		free(t->cur);
		free(t);
		return CLI_EXIT_ERROR;
	}

	/* signals arrive only inside ppoll(), which they end */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	if (!t->batch)
		sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	unblocked = old_mask;
	sigdelset(&unblocked, SIGINT);
	sigdelset(&unblocked, SIGTERM);
	sigdelset(&unblocked, SIGWINCH);

	ret = t->batch ? run_batch(t, &unblocked) : run_screen(t, &unblocked);

	/*
	 * The mask and the handlers stay as they are until exit: a stop is
	 * often two signals (timeout(1) sends SIGTERM to us, then to our
	 * process group), and with SIG_DFL restored here the second, landing
	 * anywhere in the frees and exit (LeakSanitizer's scan is long),
	 * would end a clean stop with 143.  Blocked, it dies with us.
	 */
	free(t->prev);
	free(t->cur);
	free(t);
	return ret;
}
