// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * charts.c - the charts of the HTML report (report_page.c) and of
 * simulate --svg, drawn with svg.c: a zone's free blocks as a heat map of
 * order by migratetype; the free pages in blocks of each order and up
 * against the watermark the check used; failures over time, by order and
 * by host; a simulation's free memory per order over time, with its
 * watermarks and failures; and a sweep's failures per value.  Each chart
 * says in its description what it shows, in numbers, for a reader who
 * cannot see it.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "charts.h"
#include "svg.h"

#define FONT  12
#define SMALL 10
#define INK   "#222222"
#define GRID  "#cccccc"
#define EMPTY "#f0f0f0" /* a cell with nothing: no blocks, no failure */
#define FAIL  "#D55E00" /* failures: vermillion, Okabe and Ito's */

/* "12", "1.2k", "34k", "1.2M": a count in a cell */
static void short_count(unsigned long long v, char *buf, size_t len)
{
	if (v < 1000)
		snprintf(buf, len, "%llu", v);
	else if (v < 10000)
		snprintf(buf, len, "%.1fk", (double)v / 1000);
	else if (v < 1000000)
		snprintf(buf, len, "%lluk", v / 1000);
	else
		snprintf(buf, len, "%.1fM", (double)v / 1e6);
}

/* Where a count falls on the ramp: a log scale, max at 1 */
static double ramp_at(unsigned long long v, unsigned long long max)
{
	return max ? log1p((double)v) / log1p((double)max) : 0;
}

/* One cell of a heat map: the ramp's colour of v, its count written in */
static void heat_cell(struct cli_buf *b, double x, double y, double w, double h,
		      unsigned long long v, unsigned long long max,
		      const char *tip)
{
	char fill[16], n[16];
	double t = ramp_at(v, max);

	if (!v) {
		svg_rect(b, x, y, w - 1, h - 1, EMPTY, tip);
		return;
	}
	svg_ramp(t, fill, sizeof(fill));
	svg_rect(b, x, y, w - 1, h - 1, fill, tip);
	short_count(v, n, sizeof(n));
	svg_text(b, x + w / 2, y + h / 2 + 4, "middle", SMALL, svg_ramp_ink(t),
		 "%s", n);
}

/* The order labels under a heat map's columns */
static void order_axis(struct cli_buf *b, double x0, double y, double cw,
		       int nr_orders)
{
	for (int o = 0; o < nr_orders; o++)
		svg_text(b, x0 + cw * o + cw / 2, y, "middle", SMALL, INK, "%d",
			 o);
	svg_text(b, x0 + cw * nr_orders / 2, y + 14, "middle", SMALL, INK,
		 "order (a block of 2^order pages)");
}

#define HM_LABEL  96 /* the row labels' column */
#define HM_CELL_W 40
#define HM_CELL_H 20
#define HM_TOP	  8

/* The rows of a heat map: counts per type (pagetypeinfo) */
static void heat_types(struct cli_buf *b, const struct pf_zone *z,
		       const struct pf_pagetype *pt, struct cli_buf *desc)
{
	unsigned long long max = 0;
	char tip[128];

	for (int t = 0; t < pt->nr_types; t++)
		for (int o = 0; o < z->nr_orders; o++)
			max = pt->nr_free[t][o] > max ? pt->nr_free[t][o] : max;
	for (int t = 0; t < pt->nr_types; t++) {
		double y = HM_TOP + HM_CELL_H * t;

		svg_text(b, HM_LABEL - 6, y + 14, "end", SMALL, INK, "%s",
			 pt->type[t]);
		cli_buf_add(desc, " %s:", pt->type[t]);
		for (int o = 0; o < z->nr_orders; o++) {
			snprintf(tip, sizeof(tip), "%s, order %d: %lu%s free",
				 pt->type[t], o, pt->nr_free[t][o],
				 pt->capped[t][o] ? " or more" : "");
			heat_cell(b, HM_LABEL + HM_CELL_W * o, y, HM_CELL_W,
				  HM_CELL_H, pt->nr_free[t][o], max, tip);
			cli_buf_add(desc, " %lu", pt->nr_free[t][o]);
		}
		cli_buf_add(desc, ";");
	}
}

/* ... or the buddy line's counts, and its letters per type (a report) */
static int heat_letters(struct cli_buf *b, const struct pf_zone *z,
			struct cli_buf *desc)
{
	static const char letters[] = "UMERHCI";
	static const char *const names[] = {
		"Unmovable",  "Movable", "Reclaimable", "Reclaimable (R)",
		"HighAtomic", "CMA",	 "Isolate",
	};
	unsigned long long max = 0;
	int rows = 1;
	char tip[128];

	for (int o = 0; o < z->nr_orders; o++)
		max = z->nr_free[o] > max ? z->nr_free[o] : max;
	svg_text(b, HM_LABEL - 6, HM_TOP + 14, "end", SMALL, INK, "all types");
	cli_buf_add(desc, " free blocks per order:");
	for (int o = 0; o < z->nr_orders; o++) {
		snprintf(tip, sizeof(tip), "order %d: %lu free blocks (%s)", o,
			 z->nr_free[o], z->mt[o][0] ? z->mt[o] : "no letters");
		heat_cell(b, HM_LABEL + HM_CELL_W * o, HM_TOP, HM_CELL_W,
			  HM_CELL_H, z->nr_free[o], max, tip);
		cli_buf_add(desc, " %lu%s%s%s", z->nr_free[o],
			    z->mt[o][0] ? " (" : "", z->mt[o],
			    z->mt[o][0] ? ")" : "");
	}
	cli_buf_add(desc, ".");
	if (!z->has_mt)
		return rows;
	for (size_t l = 0; l < sizeof(letters) - 1; l++) {
		bool any = false;
		double y = HM_TOP + HM_CELL_H * rows;

		for (int o = 0; o < z->nr_orders; o++)
			any |= strchr(z->mt[o], letters[l]) != NULL;
		if (!any)
			continue;
		svg_text(b, HM_LABEL - 6, y + 14, "end", SMALL, INK, "%s (%c)",
			 names[l], letters[l]);
		for (int o = 0; o < z->nr_orders; o++) {
			bool has = strchr(z->mt[o], letters[l]) != NULL;

			snprintf(tip, sizeof(tip), "%s, order %d: %s", names[l],
				 o, has ? "has free blocks" : "none");
			svg_rect(b, HM_LABEL + HM_CELL_W * o, y, HM_CELL_W - 1,
				 HM_CELL_H - 1, has ? "#9ecae1" : EMPTY, tip);
			if (has)
				svg_text(b,
					 HM_LABEL + HM_CELL_W * o +
						 HM_CELL_W / 2,
					 y + 14, "middle", SMALL, INK, "%c",
					 letters[l]);
		}
		rows++;
	}
	return rows;
}

void chart_zone_heatmap(struct cli_buf *b, const char *id, const char *zname,
			const struct pf_zone *z, const struct pf_pagetype *pt)
{
	struct cli_buf body = { 0 }, desc = { 0 }, title = { 0 };
	bool types = pt && pt->nr_types > 0;
	int rows = types ? pt->nr_types : 0;
	int w, h;

	cli_buf_add(&title, "%s: free blocks by order and migratetype", zname);
	cli_buf_add(&desc,
		    "A heat map of %s's free blocks, the darker the "
		    "fewer (log scale);",
		    zname);
	if (types)
		heat_types(&body, z, pt, &desc);
	else
		rows = heat_letters(&body, z, &desc);
	if (!types && z->has_mt)
		cli_buf_add(&desc, " The letters are the migratetypes that "
				   "had free blocks of each order, as the "
				   "kernel printed them: it prints no count "
				   "per type.");
	w = HM_LABEL + HM_CELL_W * (z->nr_orders ? z->nr_orders : 1) + 10;
	h = HM_TOP + HM_CELL_H * rows + 36;
	svg_open(b, id, w, h, cli_buf_str(&title), cli_buf_str(&desc), false);
	cli_buf_put(b, cli_buf_str(&body), body.n);
	order_axis(b, HM_LABEL, HM_TOP + HM_CELL_H * rows + 14, HM_CELL_W,
		   z->nr_orders);
	svg_close(b);
	cli_buf_release(&body);
	cli_buf_release(&desc);
	cli_buf_release(&title);
}

/* The marks across a plot: told apart by colour and by dash alike */
static const char *const mark_colour[4] = { FAIL, "#0072B2", "#009E73",
					    "#CC79A7" };
static const char *const mark_dash[4] = { NULL, "6 3", "2 2", "8 2 2 2" };

/* A plot's box, and its scales: x from x0 to x1, y from 0 to ymax */
struct plot {
	double left, top, width, height;
	double x0, x1, ymax;
	bool logy; /* y on a log scale: 1 page to ymax, 0 at the bottom */
};

static double px(const struct plot *p, double x)
{
	double span = p->x1 > p->x0 ? p->x1 - p->x0 : 1;

	return p->left + (x - p->x0) / span * p->width;
}

static double py(const struct plot *p, double y)
{
	double v = y > p->ymax ? p->ymax : y < 0 ? 0 : y;

	if (p->logy)
		return p->top + p->height -
		       log10(1 + v) / log10(1 + p->ymax) * p->height;
	return p->top + p->height - v / p->ymax * p->height;
}

/* "1.2 GiB" of pages of page_kb */
static void pages_words(double pages, unsigned int page_kb, char *buf,
			size_t len)
{
	cli_format_size((unsigned long long)(pages * page_kb * 1024.0), buf,
			len);
}

/* A line across the plot at v pages, named in bytes at the left */
static void y_tick(struct cli_buf *b, const struct plot *p, double v,
		   unsigned int page_kb)
{
	double y = py(p, v);
	char sz[32];

	pages_words(v, page_kb, sz, sizeof(sz));
	svg_line(b, p->left, y, p->left + p->width, y, GRID, 1, NULL);
	svg_text(b, p->left - 4, y + 4, "end", SMALL, INK, "%s", sz);
}

/* The y axis: 0, half and the top (log: every power of 16 pages) */
static void y_axis(struct cli_buf *b, const struct plot *p,
		   unsigned int page_kb, const char *what)
{
	if (p->logy)
		for (double v = 1; v <= p->ymax; v *= 16)
			y_tick(b, p, v, page_kb);
	else
		for (int k = 0; k <= 2; k++)
			y_tick(b, p, p->ymax * k / 2, page_kb);
	svg_line(b, p->left, p->top, p->left, p->top + p->height, INK, 1, NULL);
	svg_text(b, p->left, p->top - 6, "start", SMALL, INK, "%s", what);
}

/*
 * Where n labels at the right of a plot go: at their lines' heights y,
 * each at least a line of text below the one above it
 */
static void spread_labels(const double *y, double *at, int n)
{
	int idx[8];

	for (int i = 0; i < n && i < 8; i++) {
		int j = i;

		/* by height, top first */
		while (j > 0 && y[idx[j - 1]] > y[i]) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = i;
	}
	for (int k = 0; k < n && k < 8; k++) {
		at[idx[k]] = y[idx[k]] + 4;
		if (k && at[idx[k]] < at[idx[k - 1]] + SMALL + 1)
			at[idx[k]] = at[idx[k - 1]] + SMALL + 1;
	}
}

/* Horizontal marks across the plot, named at their right ends */
static void hmarks(struct cli_buf *b, const struct plot *p,
		   const struct chart_marks *m)
{
	double y[4], at[4];

	for (int i = 0; i < m->nr; i++) {
		y[i] = py(p, m->pages[i]);
		svg_line(b, p->left, y[i], p->left + p->width, y[i],
			 mark_colour[i], 2, mark_dash[i]);
	}
	spread_labels(y, at, m->nr);
	for (int i = 0; i < m->nr; i++)
		svg_text(b, p->left + p->width + 4, at[i], "start", SMALL,
			 mark_colour[i], "%s", m->name[i]);
}

/* Pages in free blocks of order o and above, for each o */
static void cumulative(const struct pf_zone *z, double *v)
{
	double sum = 0;

	for (int o = z->nr_orders - 1; o >= 0; o--) {
		sum += (double)z->nr_free[o] * (double)(1UL << o);
		v[o] = sum;
	}
}

#define CV_W 560
#define CV_H 240

void chart_zone_curve(struct cli_buf *b, const char *id, const char *zname,
		      const struct pf_zone *z, const struct chart_marks *m)
{
	double v[PF_MAX_ORDER], x[PF_MAX_ORDER + 2], y[PF_MAX_ORDER + 2];
	struct plot p = { .left = 70,
			  .top = 24,
			  .width = CV_W - 70 - 110,
			  .height = CV_H - 24 - 44,
			  .x0 = 0,
			  .logy = true };
	struct cli_buf desc = { 0 }, title = { 0 };
	int n = z->nr_orders > 0 ? z->nr_orders : 1;
	char sz[32];

	memset(v, 0, sizeof(v));
	cumulative(z, v);
	p.x1 = n > 1 ? n - 1 : 1;
	p.ymax = v[0] > 1 ? v[0] : 1;
	for (int i = 0; i < m->nr; i++)
		p.ymax = m->pages[i] > p.ymax ? m->pages[i] : p.ymax;
	p.ymax *= 2;
	cli_buf_add(&title, "%s: free pages in blocks of each order and up",
		    zname);
	cli_buf_add(&desc,
		    "For each order, the free pages of %s in blocks of "
		    "that order or larger:",
		    zname);
	for (int o = 0; o < z->nr_orders; o++)
		cli_buf_add(&desc, " order %d: %.0f;", o, v[o]);
	for (int i = 0; i < m->nr; i++)
		cli_buf_add(&desc, " %s: %.0f pages;", m->name[i], m->pages[i]);
	if (m->order >= 0)
		cli_buf_add(&desc, " the request was of order %d.", m->order);
	svg_open(b, id, CV_W, CV_H, cli_buf_str(&title), cli_buf_str(&desc),
		 false);
	y_axis(b, &p, z->page_kb, "free pages in blocks of order >= x");
	/* the area under the curve, then its line and points */
	for (int o = 0; o < n; o++) {
		x[o] = px(&p, o);
		y[o] = py(&p, v[o]);
	}
	x[n] = x[n - 1];
	y[n] = py(&p, 0);
	x[n + 1] = x[0];
	y[n + 1] = py(&p, 0);
	svg_poly(b, x, y, (size_t)n + 2, NULL, "#cfe3f3", NULL);
	svg_poly(b, x, y, (size_t)n, svg_category(0), NULL, NULL);
	for (int o = 0; o < n; o++) {
		char tip[96];

		pages_words(v[o], z->page_kb, sz, sizeof(sz));
		snprintf(tip, sizeof(tip), "order %d and up: %.0f pages (%s)",
			 o, v[o], sz);
		svg_circle(b, x[o], y[o], 3, svg_category(0), tip);
		svg_text(b, x[o], p.top + p.height + 14, "middle", SMALL, INK,
			 "%d", o);
	}
	svg_text(b, p.left + p.width / 2, p.top + p.height + 30, "middle",
		 SMALL, INK, "order");
	hmarks(b, &p, m);
	/* the loop of the eras before 4.4: the mark halves at each order */
	for (int o = 1; m->halving && o <= m->order && o < n; o++)
		svg_line(b, px(&p, o - 0.5), py(&p, m->pages[0] / (1 << o)),
			 px(&p, o + 0.5), py(&p, m->pages[0] / (1 << o)),
			 mark_colour[0], 2, "2 2");
	if (m->order >= 0 && m->order < n)
		svg_line(b, px(&p, m->order), p.top, px(&p, m->order),
			 p.top + p.height, FAIL, 1.5, "4 3");
	svg_close(b);
	cli_buf_release(&desc);
	cli_buf_release(&title);
}

/* The time bins of a timeline: n of them from t0 to t1 */
struct bins {
	int64_t t0, t1;
	int n;
};

static int bin_of(const struct bins *bn, int64_t t)
{
	double span = bn->t1 > bn->t0 ? (double)(bn->t1 - bn->t0) : 1;
	int i = (int)((double)(t - bn->t0) / span * bn->n);

	return i < 0 ? 0 : i >= bn->n ? bn->n - 1 : i;
}

static struct bins bins_of(const struct chart_event *ev, size_t n, int nbins)
{
	struct bins bn = { .n = nbins };
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		if (ev[i].t == INT64_MIN)
			continue;
		if (!any || ev[i].t < bn.t0)
			bn.t0 = ev[i].t;
		if (!any || ev[i].t > bn.t1)
			bn.t1 = ev[i].t;
		any = true;
	}
	/* one instant: a minute around it */
	if (bn.t1 == bn.t0) {
		bn.t0 -= 30;
		bn.t1 += 30;
	}
	return bn;
}

/* "2026-12-07 04:16" (UTC) */
static void when(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M", &tm);
}

static void time_axis(struct cli_buf *b, const struct plot *p,
		      const struct bins *bn)
{
	char a[32], z[32];

	when(bn->t0, a, sizeof(a));
	when(bn->t1, z, sizeof(z));
	svg_line(b, p->left, p->top + p->height, p->left + p->width,
		 p->top + p->height, INK, 1, NULL);
	svg_text(b, p->left, p->top + p->height + 14, "start", SMALL, INK, "%s",
		 a);
	svg_text(b, p->left + p->width, p->top + p->height + 14, "end", SMALL,
		 INK, "%s UTC", z);
}

#define TL_W	  760
#define TL_BINS	  60
#define TL_ORDERS 5 /* orders 0 to 3, and 4 and above */

void chart_failures_by_order(struct cli_buf *b, const char *id,
			     const struct chart_event *ev, size_t n)
{
	unsigned long cnt[TL_BINS][TL_ORDERS];
	struct bins bn = bins_of(ev, n, TL_BINS);
	struct plot p = {
		.left = 50, .top = 24, .width = TL_W - 50 - 20, .height = 160
	};
	unsigned long max = 1, by_order[TL_ORDERS] = { 0 };
	struct cli_buf desc = { 0 };
	double bw = p.width / TL_BINS;

	memset(cnt, 0, sizeof(cnt));
	for (size_t i = 0; i < n; i++) {
		int o = ev[i].order < TL_ORDERS - 1 ? ev[i].order
						    : TL_ORDERS - 1;

		if (ev[i].t == INT64_MIN || o < 0)
			continue;
		cnt[bin_of(&bn, ev[i].t)][o]++;
		by_order[o]++;
	}
	for (int k = 0; k < TL_BINS; k++) {
		unsigned long s = 0;

		for (int o = 0; o < TL_ORDERS; o++)
			s += cnt[k][o];
		max = s > max ? s : max;
	}
	cli_buf_add(&desc,
		    "Stacked bars, one per %s of time, of the failures "
		    "with a wall-clock time, coloured by order:",
		    "sixtieth");
	for (int o = 0; o < TL_ORDERS; o++)
		cli_buf_add(&desc, " order %d%s: %lu;", o,
			    o == TL_ORDERS - 1 ? " and up" : "", by_order[o]);
	cli_buf_add(&desc, " the most in one bar: %lu.", max);
	p.ymax = (double)max;
	svg_open(b, id, TL_W, 24 + 160 + 48, "Failures over time, by order",
		 cli_buf_str(&desc), false);
	for (int k = 0; k < 3; k++) {
		double v = (double)max * k / 2, y = py(&p, v);

		svg_line(b, p.left, y, p.left + p.width, y, GRID, 1, NULL);
		svg_text(b, p.left - 4, y + 4, "end", SMALL, INK, "%.0f", v);
	}
	for (int k = 0; k < TL_BINS; k++) {
		double base = 0;

		for (int o = 0; o < TL_ORDERS; o++) {
			char tip[64];

			if (!cnt[k][o])
				continue;
			snprintf(tip, sizeof(tip), "order %d%s: %lu", o,
				 o == TL_ORDERS - 1 ? "+" : "", cnt[k][o]);
			svg_rect(b, p.left + bw * k,
				 py(&p, base + (double)cnt[k][o]), bw - 1,
				 py(&p, base) -
					 py(&p, base + (double)cnt[k][o]),
				 svg_category(o), tip);
			base += (double)cnt[k][o];
		}
	}
	time_axis(b, &p, &bn);
	for (int o = 0; o < TL_ORDERS; o++) {
		double lx = p.left + 110.0 * o;

		svg_rect(b, lx, p.top + p.height + 26, 10, 10, svg_category(o),
			 NULL);
		svg_text(b, lx + 14, p.top + p.height + 35, "start", SMALL, INK,
			 "order %d%s", o, o == TL_ORDERS - 1 ? "+" : "");
	}
	svg_close(b);
	cli_buf_release(&desc);
}

#define HOSTS_MAX 24 /* rows; the rest are one row, "others" */

void chart_failures_by_host(struct cli_buf *b, const char *id,
			    const struct chart_event *ev, size_t n,
			    const char *const *hosts, int nr_hosts)
{
	unsigned long cnt[HOSTS_MAX + 1][TL_BINS];
	struct bins bn = bins_of(ev, n, TL_BINS);
	int rows = nr_hosts > HOSTS_MAX ? HOSTS_MAX + 1 : nr_hosts;
	struct plot p = { .left = 160, .top = 10, .width = TL_W - 160 - 20 };
	unsigned long max = 1, total[HOSTS_MAX + 1] = { 0 };
	struct cli_buf desc = { 0 };
	double bw = p.width / TL_BINS, rh = 18;

	if (rows < 1)
		rows = 1;
	p.height = rh * rows;
	memset(cnt, 0, sizeof(cnt));
	for (size_t i = 0; i < n; i++) {
		int h = ev[i].host < HOSTS_MAX ? ev[i].host : HOSTS_MAX;

		if (ev[i].t == INT64_MIN || h < 0)
			continue;
		cnt[h][bin_of(&bn, ev[i].t)]++;
		total[h]++;
	}
	for (int h = 0; h < rows; h++)
		for (int k = 0; k < TL_BINS; k++)
			max = cnt[h][k] > max ? cnt[h][k] : max;
	cli_buf_add(&desc, "One row per host, one cell per sixtieth of the "
			   "time, the lighter the more failures (log scale):");
	for (int h = 0; h < rows; h++)
		cli_buf_add(&desc, " %s: %lu;",
			    h < HOSTS_MAX && h < nr_hosts ? hosts[h] : "others",
			    total[h]);
	svg_open(b, id, TL_W, (int)(p.height + 10 + 30),
		 "Failures over time, by host", cli_buf_str(&desc), false);
	for (int h = 0; h < rows; h++) {
		const char *name =
			h < HOSTS_MAX && h < nr_hosts ? hosts[h] : "others";
		double y = p.top + rh * h;

		svg_text(b, p.left - 6, y + 13, "end", SMALL, INK, "%.24s",
			 name[0] ? name : "(no host)");
		for (int k = 0; k < TL_BINS; k++) {
			char fill[16], tip[96];

			if (!cnt[h][k]) {
				svg_rect(b, p.left + bw * k, y, bw - 1, rh - 1,
					 EMPTY, NULL);
				continue;
			}
			svg_ramp(ramp_at(cnt[h][k], max), fill, sizeof(fill));
			snprintf(tip, sizeof(tip), "%.40s: %lu", name,
				 cnt[h][k]);
			svg_rect(b, p.left + bw * k, y, bw - 1, rh - 1, fill,
				 tip);
		}
	}
	time_axis(b, &p, &bn);
	svg_close(b);
	cli_buf_release(&desc);
}

#define SIM_W	  760
#define SIM_H	  300
#define SIM_BANDS 6 /* orders 0 to 4, and 5 and above */

/* Pages in free blocks of the band's orders, in a sample */
static double band_pages(const struct pf_sim_sample *s, int band)
{
	double v = 0;

	for (int o = band;
	     o < (band == SIM_BANDS - 1 ? PF_MAX_ORDER : band + 1); o++)
		v += (double)s->nr_free[o] * (double)(1UL << o);
	return v;
}

/* The y scale of a simulation: its free memory, or its high mark */
static double sim_ymax(const struct pf_sim_sample *s, size_t n)
{
	double ymax = 1;

	for (size_t i = 0; i < n; i++) {
		ymax = (double)s[i].free_pages > ymax ? (double)s[i].free_pages
						      : ymax;
		ymax = (double)s[i].high > ymax ? (double)s[i].high : ymax;
	}
	return ymax * 1.1;
}

/* The free pages in each band, stacked: order 0 at the bottom */
static void sim_bands(struct cli_buf *b, const struct plot *p,
		      const struct pf_sim_sample *s, size_t n)
{
	double *x = malloc((2 * n + 2) * sizeof(double));
	double *y = malloc((2 * n + 2) * sizeof(double));
	double *base = calloc(n + 1, sizeof(double));

	for (int band = 0; x && y && base && band < SIM_BANDS; band++) {
		char fill[16];

		/* the band's top, left to right, then its bottom back */
		for (size_t i = 0; i < n; i++) {
			x[i] = px(p, s[i].t);
			y[i] = py(p, base[i] + band_pages(&s[i], band));
			x[2 * n - 1 - i] = x[i];
			y[2 * n - 1 - i] = py(p, base[i]);
		}
		svg_ramp((double)band / (SIM_BANDS - 1), fill, sizeof(fill));
		svg_poly(b, x, y, 2 * n, NULL, fill, NULL);
		for (size_t i = 0; i < n; i++)
			base[i] += band_pages(&s[i], band);
	}
	free(x);
	free(y);
	free(base);
}

/* A watermark over the run: its line, named at the right */
static double sim_mark(struct cli_buf *b, const struct plot *p,
		       const struct pf_sim_sample *s, size_t n, int which)
{
	double *x = malloc(n * sizeof(double)), *y = malloc(n * sizeof(double));
	double end = p->top + p->height;

	if (x && y) {
		for (size_t i = 0; i < n; i++) {
			long v = which == 0   ? s[i].min
				 : which == 1 ? s[i].low
					      : s[i].high;

			x[i] = px(p, s[i].t);
			y[i] = py(p, (double)v);
		}
		svg_poly(b, x, y, n, mark_colour[which + 1], NULL,
			 mark_dash[which + 1]);
		end = y[n - 1];
	}
	free(x);
	free(y);
	return end;
}

/* min, low and high over the run, named at the right */
static void sim_marks(struct cli_buf *b, const struct plot *p,
		      const struct pf_sim_sample *s, size_t n)
{
	static const char *const names[3] = { "min", "low", "high" };
	double y[3], at[3];

	for (int k = 0; k < 3; k++)
		y[k] = sim_mark(b, p, s, n, k);
	spread_labels(y, at, 3);
	for (int k = 0; k < 3; k++)
		svg_text(b, p->left + p->width + 4, at[k], "start", SMALL,
			 mark_colour[k + 1], "%s", names[k]);
}

void chart_sim(struct cli_buf *b, const char *id, const char *title,
	       const struct pf_sim_sample *s, size_t n, unsigned int page_kb,
	       bool standalone)
{
	struct plot p = { .left = 70,
			  .top = 24,
			  .width = SIM_W - 70 - 60,
			  .height = SIM_H - 24 - 60 };
	struct cli_buf desc = { 0 };
	unsigned long long fails = n ? s[n - 1].failures : 0;

	p.x0 = n ? s[0].t : 0;
	p.x1 = n ? s[n - 1].t : 1;
	p.ymax = sim_ymax(s, n);
	cli_buf_add(&desc,
		    "The simulated zone's free memory over %.1f s, "
		    "stacked by the order of its free blocks (order 0 "
		    "at the bottom, 5 and up at the top), with the "
		    "min, low and high watermarks; %llu failures, each "
		    "a tick at the top.",
		    p.x1 - p.x0, fails);
	if (n)
		cli_buf_add(&desc,
			    " At the end: %lu pages free, min %ld, low "
			    "%ld, high %ld.",
			    s[n - 1].free_pages, s[n - 1].min, s[n - 1].low,
			    s[n - 1].high);
	svg_open(b, id, SIM_W, SIM_H, title, cli_buf_str(&desc), standalone);
	y_axis(b, &p, page_kb, "free memory");
	if (n > 1) {
		sim_bands(b, &p, s, n);
		sim_marks(b, &p, s, n);
	}
	for (size_t i = 1; i < n; i++)
		if (s[i].failures > s[i - 1].failures)
			svg_line(b, px(&p, s[i].t), p.top, px(&p, s[i].t),
				 p.top + 8, FAIL, 2, NULL);
	svg_line(b, p.left, p.top + p.height, p.left + p.width,
		 p.top + p.height, INK, 1, NULL);
	svg_text(b, p.left, p.top + p.height + 14, "start", SMALL, INK,
		 "%.1f s", p.x0);
	svg_text(b, p.left + p.width, p.top + p.height + 14, "end", SMALL, INK,
		 "%.1f s", p.x1);
	for (int band = 0; band < SIM_BANDS; band++) {
		char fill[16];
		double lx = p.left + 90.0 * band;

		svg_ramp((double)band / (SIM_BANDS - 1), fill, sizeof(fill));
		svg_rect(b, lx, SIM_H - 22, 10, 10, fill, NULL);
		svg_text(b, lx + 14, SIM_H - 13, "start", SMALL, INK,
			 "order %d%s", band, band == SIM_BANDS - 1 ? "+" : "");
	}
	svg_text(b, p.left + 90.0 * SIM_BANDS, SIM_H - 13, "start", SMALL, FAIL,
		 "| failure");
	svg_close(b);
	cli_buf_release(&desc);
}

#define SW_W 560

void chart_sweep(struct cli_buf *b, const char *id, const char *name,
		 const char *const *vals, const unsigned long long *failures,
		 int n)
{
	struct plot p = { .left = 150, .top = 24, .width = SW_W - 150 - 70 };
	struct cli_buf desc = { 0 }, title = { 0 };
	unsigned long long max = 1;
	double rh = 22;

	p.height = rh * (n > 0 ? n : 1);
	for (int i = 0; i < n; i++)
		max = failures[i] > max ? failures[i] : max;
	p.ymax = (double)max;
	cli_buf_add(&title, "Failures for each value of %s", name);
	cli_buf_add(&desc,
		    "One bar per value of %s, as long as the failures "
		    "of its run:",
		    name);
	for (int i = 0; i < n; i++)
		cli_buf_add(&desc, " %s: %llu;", vals[i], failures[i]);
	svg_open(b, id, SW_W, (int)(p.top + p.height + 24), cli_buf_str(&title),
		 cli_buf_str(&desc), false);
	svg_text(b, p.left, p.top - 8, "start", SMALL, INK, "failures");
	for (int i = 0; i < n; i++) {
		double y = p.top + rh * i;
		double w = (double)failures[i] / (double)max * p.width;

		svg_text(b, p.left - 6, y + 15, "end", SMALL, INK, "%.20s",
			 vals[i]);
		svg_rect(b, p.left, y + 2, w > 1 || !failures[i] ? w : 1,
			 rh - 5, failures[i] ? FAIL : EMPTY, NULL);
		svg_text(b, p.left + w + 4, y + 15, "start", SMALL, INK, "%llu",
			 failures[i]);
	}
	svg_line(b, p.left, p.top, p.left, p.top + p.height, INK, 1, NULL);
	svg_close(b);
	cli_buf_release(&desc);
	cli_buf_release(&title);
}
