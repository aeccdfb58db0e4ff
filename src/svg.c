// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * svg.c - SVG elements into a cli_buf, for the charts pagefail draws
 * (charts.c): the chart itself with the title and description a screen
 * reader reads out, rectangles, lines, polylines, circles and text,
 * everything a log gave escaped; and the colours, chosen to be told apart
 * by readers with any colour blindness, and in grey on paper.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "svg.h"

void html_esc(struct cli_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			cli_buf_put(b, "&amp;", 5);
			break;
		case '<':
			cli_buf_put(b, "&lt;", 4);
			break;
		case '>':
			cli_buf_put(b, "&gt;", 4);
			break;
		case '"':
			cli_buf_put(b, "&quot;", 6);
			break;
		case '\'':
			cli_buf_put(b, "&#39;", 5);
			break;
		default:
			/* a log's control bytes are no text of a page */
			if ((unsigned char)*s < 0x20 && *s != '\n' &&
			    *s != '\t')
				cli_buf_put(b, "?", 1);
			else
				cli_buf_put(b, s, 1);
		}
	}
}

void html_escf(struct cli_buf *b, const char *fmt, ...)
{
	char text[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	html_esc(b, text);
}

void svg_open(struct cli_buf *b, const char *id, int w, int h,
	      const char *title, const char *desc, bool standalone)
{
	cli_buf_add(b,
		    "<svg class=\"chart\" role=\"img\" id=\"%s\" "
		    "aria-labelledby=\"%s-t %s-d\" viewBox=\"0 0 %d %d\" "
		    "width=\"%d\" height=\"%d\" font-family=\"sans-serif\"%s>",
		    id, id, id, w, h, w, h,
		    standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "");
	cli_buf_add(b, "<title id=\"%s-t\">", id);
	html_esc(b, title);
	cli_buf_add(b, "</title><desc id=\"%s-d\">", id);
	html_esc(b, desc);
	cli_buf_add(b, "</desc>\n");
	if (standalone)
		cli_buf_add(b, "<rect width=\"100%%\" height=\"100%%\" "
			       "fill=\"white\"/>\n");
}

void svg_close(struct cli_buf *b)
{
	cli_buf_add(b, "</svg>\n");
}

/* A tooltip: the element's own <title>, then its end */
static void tip_end(struct cli_buf *b, const char *el, const char *tip)
{
	if (!tip) {
		cli_buf_add(b, "/>\n");
		return;
	}
	cli_buf_add(b, "><title>");
	html_esc(b, tip);
	cli_buf_add(b, "</title></%s>\n", el);
}

void svg_rect(struct cli_buf *b, double x, double y, double w, double h,
	      const char *fill, const char *tip)
{
	cli_buf_add(
		b,
		"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		"fill=\"%s\"",
		x, y, w, h, fill);
	tip_end(b, "rect", tip);
}

void svg_line(struct cli_buf *b, double x1, double y1, double x2, double y2,
	      const char *stroke, double width, const char *dash)
{
	cli_buf_add(b,
		    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"%s\" stroke-width=\"%.1f\"",
		    x1, y1, x2, y2, stroke, width);
	if (dash)
		cli_buf_add(b, " stroke-dasharray=\"%s\"", dash);
	cli_buf_add(b, "/>\n");
}

void svg_text(struct cli_buf *b, double x, double y, const char *anchor,
	      int size, const char *fill, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	cli_buf_add(b,
		    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
		    "font-size=\"%d\" fill=\"%s\">",
		    x, y, anchor, size, fill);
	html_esc(b, text);
	cli_buf_add(b, "</text>\n");
}

void svg_poly(struct cli_buf *b, const double *x, const double *y, size_t n,
	      const char *stroke, const char *fill, const char *dash)
{
	cli_buf_add(b, "<%s fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"",
		    fill ? "polygon" : "polyline", fill ? fill : "none",
		    stroke ? stroke : "none");
	if (dash)
		cli_buf_add(b, " stroke-dasharray=\"%s\"", dash);
	cli_buf_add(b, " points=\"");
	for (size_t i = 0; i < n; i++)
		cli_buf_add(b, "%.1f,%.1f ", x[i], y[i]);
	cli_buf_add(b, "\"/>\n");
}

void svg_circle(struct cli_buf *b, double x, double y, double r,
		const char *fill, const char *tip)
{
	cli_buf_add(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"",
		    x, y, r, fill);
	tip_end(b, "circle", tip);
}

const char *svg_category(int i)
{
	/* Okabe & Ito (2008), black last: the lines' colours */
	static const char *const okabe_ito[] = {
		"#0072B2", "#E69F00", "#009E73", "#CC79A7",
		"#56B4E9", "#D55E00", "#F0E442", "#000000",
	};

	return okabe_ito[(unsigned int)i % 8];
}

void svg_ramp(double t, char *buf, size_t len)
{
	/* viridis at nine even steps: dark blue through green to yellow */
	static const unsigned char viridis[9][3] = {
		{ 68, 1, 84 },	  { 71, 44, 122 },  { 59, 81, 139 },
		{ 44, 113, 142 }, { 33, 144, 141 }, { 39, 173, 129 },
		{ 92, 200, 99 },  { 170, 220, 50 }, { 253, 231, 37 },
	};
	double x = t < 0 ? 0 : t > 1 ? 8 : t * 8;
	int i = x >= 8 ? 7 : (int)x;
	double f = x - i;
	int rgb[3];

	for (int k = 0; k < 3; k++)
		rgb[k] = (int)lround(viridis[i][k] +
				     f * (viridis[i + 1][k] - viridis[i][k]));
	snprintf(buf, len, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

const char *svg_ramp_ink(double t)
{
	/* viridis is light from about 0.6 on */
	return t > 0.6 ? "#000000" : "#ffffff";
}
