// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * top_draw.c - the frames of pagefail top: free blocks per order as a heat
 * map, free memory against the watermarks, the atomic headroom and
 * unusable index of each zone, the rates of the vmstat counters.  The
 * screen and the batch frames are written by the same code, through a
 * "view" that either prints or puts text on the screen, so that the two
 * cannot drift apart.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "top.h"

#define HEAT_W	      6	 /* a heat map cell: " 12345" */
#define MT_W	      12 /* the migratetype column: "Reclaimable " */
#define BAR_W	      24 /* cells of the watermark bar */
#define BAR_SCALE     2	 /* the bar spans BAR_SCALE x the high mark */
#define UNUSABLE_HIGH 9	 /* the fourth unusable column: this order */

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
	cli_top_screen_put(v, style, buf, n);
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
		cli_format_size((unsigned long long)pages *
					(page_kb ? page_kb : 4) * 1024,
				buf, len);
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

static bool zone_highlighted(const struct top *t, const struct view *v, int nth)
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
		v_put(v, S_TITLE, "pagefail top %s  ",
		      t->live ? t->clock : t->root);
	v_put(v, S_NORMAL, "kernel %s",
	      pf_kver_known(&sys->kernel) ? sys->kernel.str : "unknown");
	if (t->uptime[0])
		v_put(v, S_NORMAL, "  up %s", t->uptime);
	v_put(v, S_NORMAL, "  nodes ");
	v_put(v, S_BOLD, "%s", fmt_num(sys->nr_nodes, num, sizeof(num)));
	v_put(v, S_NORMAL, "  cpus ");
	v_put(v, S_BOLD, "%s", fmt_num(sys->nr_cpus, num, sizeof(num)));
	v_nl(v);

	v_put(v, S_NORMAL, "min_free_kbytes ");
	v_put(v, S_BOLD, "%s",
	      fmt_num(sys->vm[PF_VM_MIN_FREE_KBYTES], num, sizeof(num)));
	v_put(v, S_NORMAL, "  watermark_scale_factor ");
	v_put(v, S_BOLD, "%s",
	      fmt_num(sys->vm[PF_VM_WATERMARK_SCALE_FACTOR], num, sizeof(num)));
	snprintf(num, sizeof(num), "%g", t->interval);
	v_put(v, S_NORMAL, "  interval %ss", num);
	if (v->curses && t->nr_nodes > 1)
		v_put(v, S_NORMAL, "  node %d (%d of %d)",
		      t->nodes[t->node_sel], t->node_sel + 1, t->nr_nodes);
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
	fmt_group(v->curses ? "free blocks by order, shaded by pages held"
			    : "free blocks by order",
		  orders * HEAT_W, group, sizeof(group));
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
			v_put(v,
			      h == 0  ? S_BAD
			      : h < 0 ? S_DIM
				      : S_NORMAL,
			      "%8s", num);
		}
		v_put(v, S_NORMAL, "  ");
		for (int k = 0; k < 4; k++) {
			int u = order[k] >= 0 && order[k] < st->nr_orders
					? st->unusable[order[k]]
					: -1;

			fmt_index(u, num, sizeof(num));
			v_put(v,
			      u >= 900	 ? S_BAD
			      : u >= 500 ? S_WARN
			      : u < 0	 ? S_DIM
					 : S_NORMAL,
			      "%7s", num);
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

/* A rate: dim when not known, an alarm's bad when not 0. */
static int rate_style(double r, bool alarm)
{
	if (r < 0)
		return S_DIM;
	if (r == 0)
		return S_NORMAL;
	return alarm ? S_BAD : S_BOLD;
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
	for (size_t l = 0; l + 1 < ARRAY_SIZE(cli_top_rate_lines); l++) {
		v_put(v, S_NORMAL, " ");
		for (int i = cli_top_rate_lines[l];
		     i < cli_top_rate_lines[l + 1]; i++) {
			double r = t->rate[i];

			fmt_rate(r, num, sizeof(num));
			v_put(v, S_NORMAL, " %s ", cli_top_rates[i].name);
			v_put(v, rate_style(r, cli_top_rates[i].alarm), "%s",
			      num);
			if (i + 1 < cli_top_rate_lines[l + 1])
				v_put(v, S_NORMAL, " ");
		}
		v_nl(v);
	}
}

/* The tables of one node. */
static void draw_node(struct view *v, const struct top *t, int node)
{
	int idx[PF_ZONES_MAX];
	int nr = cli_top_node_zones(t, node, idx);

	draw_heat(v, t, node, idx, nr);
	v_gap(v);
	draw_wmarks(v, t, idx, nr);
	v_gap(v);
	draw_headroom(v, t, node, idx, nr);
}

/* One batch frame: every node, every zone's migratetypes. */
void cli_top_draw_batch(const struct top *t)
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
		int nr = cli_top_node_zones(t, t->nodes[n], idx);

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

void cli_top_draw_frame(struct view *v, const struct top *t)
{
	int idx[PF_ZONES_MAX];

	if (t->help) {
		draw_help(v);
	} else {
		draw_header(v, t);
		v_nl(v);
		if (!t->nr_nodes) {
			v_put(v, S_NORMAL, "no zone could be read");
			v_nl(v);
		} else {
			int nr = cli_top_node_zones(t, t->nodes[t->node_sel],
						    idx);

			draw_node(v, t, t->nodes[t->node_sel]);
			v_nl(v);
			draw_rates(v, t);
			/* the highlighted zone's migratetypes, if room */
			if (nr && t->zone_sel < nr &&
			    t->cur->pagetype[idx[t->zone_sel]].nr_types > 0) {
				v_nl(v);
				draw_migratetypes(v, t, idx[t->zone_sel]);
			}
		}
	}
	draw_keys(v);
}
