// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sim_files.c - simulate's time series: the samples kept as a run makes
 * them (ten a simulated second), then written as CSV (--csv) and as an
 * SVG plot of free memory against the watermarks (--svg).
 */
#include <errno.h>

#include "cli.h"

void cli_series_add(struct cli_series *s, const struct pf_sim_sample *smp)
{
	if (!PF_GROW(s->v, s->alloc, s->nr + 1, 1024))
		s->v[s->nr++] = *smp;
}

int cli_series_csv(const char *path, const struct cli_series *s)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -errno;
	fputs("t,free_pages", f);
	for (int o = 0; o < 11; o++)
		fprintf(f, ",free_blocks_%d", o);
	fputs(",min,low,high,kswapd_reclaimed,compacted,failures\n", f);
	for (size_t i = 0; i < s->nr; i++) {
		const struct pf_sim_sample *p = &s->v[i];

		fprintf(f, "%.3f,%lu", p->t, p->free_pages);
		for (int o = 0; o < 11; o++)
			fprintf(f, ",%lu", p->nr_free[o]);
		fprintf(f, ",%ld,%ld,%ld,%llu,%llu,%llu\n", p->min, p->low,
			p->high, p->kswapd_reclaimed, p->compacted,
			p->failures);
	}
	return fclose(f) ? -errno : 0;
}

/* The plot's size and margins, in pixels, and the ranges it shows. */
#define SVG_W 800.0
#define SVG_H 360.0
#define SVG_L 70.0 /* left margin: the y labels */
#define SVG_R 20.0
#define SVG_T 30.0 /* top margin: the title */
#define SVG_B 40.0 /* bottom margin: the x labels, the legend */

struct plot {
	double tmax, ymax; /* seconds, pages */
};

/* Where t (seconds) and y (pages) fall on the plot. */
static double plot_x(const struct plot *pl, double t)
{
	return SVG_L + t / pl->tmax * (SVG_W - SVG_L - SVG_R);
}

static double plot_y(const struct plot *pl, double y)
{
	return SVG_H - SVG_B - y / pl->ymax * (SVG_H - SVG_T - SVG_B);
}

/* The page, the title (escaped), the axes and their end labels. */
static void svg_frame(FILE *f, const struct plot *pl, const char *title)
{
	fprintf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
		"height=\"%.0f\" font-family=\"sans-serif\" font-size=\"12\">\n",
		SVG_W, SVG_H);
	fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	fprintf(f, "<text x=\"%.0f\" y=\"18\">", SVG_L);
	for (const char *p = title; *p; p++) {
		if (*p == '<')
			fputs("&lt;", f);
		else if (*p == '&')
			fputs("&amp;", f);
		else
			fputc(*p, f);
	}
	fputs("</text>\n", f);
	fprintf(f,
		"<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" "
		"stroke=\"black\"/>\n",
		SVG_L, SVG_H - SVG_B, SVG_W - SVG_R, SVG_H - SVG_B);
	fprintf(f,
		"<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" "
		"stroke=\"black\"/>\n",
		SVG_L, SVG_T, SVG_L, SVG_H - SVG_B);
	fprintf(f,
		"<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%.0f "
		"MiB</text>\n",
		SVG_L - 4, SVG_T + 4, pl->ymax * 4 / 1024);
	fprintf(f, "<text x=\"%.0f\" y=\"%.0f\">0</text>\n", SVG_L - 12,
		SVG_H - SVG_B + 4);
	fprintf(f,
		"<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%.1f "
		"s</text>\n",
		SVG_W - SVG_R, SVG_H - SVG_B + 16, pl->tmax);
}

/* What a line of the plot shows of a sample, in pages. */
enum plot_line { PL_FREE, PL_MIN, PL_LOW, PL_HIGH, PL_FREE_ORDER1 };

static double plot_value(const struct pf_sim_sample *p, enum plot_line which)
{
	switch (which) {
	case PL_FREE:
		return (double)p->free_pages;
	case PL_MIN:
		return (double)p->min;
	case PL_LOW:
		return (double)p->low;
	case PL_HIGH:
		return (double)p->high;
	default:
		return (double)(p->free_pages - p->nr_free[0]);
	}
}

/* An SVG line plot: free pages and the watermarks; red ticks at failures. */
int cli_series_svg(const char *path, const struct cli_series *s,
		   const char *title)
{
	static const struct {
		const char *name, *colour;
		enum plot_line which;
	} lines[] = {
		{ "free", "#1f77b4", PL_FREE },
		{ "free in blocks >= order 1", "#2ca02c", PL_FREE_ORDER1 },
		{ "min", "#d62728", PL_MIN },
		{ "low", "#ff7f0e", PL_LOW },
		{ "high", "#9467bd", PL_HIGH },
	};
	struct plot pl = { .tmax = 0, .ymax = 1 };
	FILE *f = fopen(path, "w");

	if (!f)
		return -errno;
	for (size_t i = 0; i < s->nr; i++) {
		pl.tmax = s->v[i].t > pl.tmax ? s->v[i].t : pl.tmax;
		if ((double)s->v[i].free_pages > pl.ymax)
			pl.ymax = (double)s->v[i].free_pages;
		if ((double)s->v[i].high > pl.ymax)
			pl.ymax = (double)s->v[i].high;
	}
	if (pl.tmax <= 0)
		pl.tmax = 1;
	svg_frame(f, &pl, title);
	for (size_t k = 0; k < sizeof(lines) / sizeof(lines[0]); k++) {
		fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" points=\"",
			lines[k].colour);
		for (size_t i = 0; i < s->nr; i++)
			fprintf(f, "%.1f,%.1f ", plot_x(&pl, s->v[i].t),
				plot_y(&pl,
				       plot_value(&s->v[i], lines[k].which)));
		fputs("\"/>\n", f);
		fprintf(f,
			"<text x=\"%.0f\" y=\"%.0f\" fill=\"%s\">%s</text>\n",
			SVG_L + 10 + 150.0 * (double)k, SVG_H - 8,
			lines[k].colour, lines[k].name);
	}
	for (size_t i = 1; i < s->nr; i++)
		if (s->v[i].failures > s->v[i - 1].failures)
			fprintf(f,
				"<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" "
				"y2=\"%.0f\" stroke=\"red\"/>\n",
				plot_x(&pl, s->v[i].t), SVG_T,
				plot_x(&pl, s->v[i].t), SVG_T + 10);
	fputs("</svg>\n", f);
	return fclose(f) ? -errno : 0;
}
