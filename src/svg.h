/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * svg.h - the charts pagefail draws itself, as SVG into a cli_buf (svg.c:
 * the elements, the text escaped, colour-blind-safe palettes; charts.c:
 * the charts of the HTML report and of simulate --svg).  No plotting
 * library: a chart is a few rectangles, lines and words.
 */
#ifndef CLI_SVG_H
#define CLI_SVG_H

#include "cli.h"

/* Text escaped for HTML and SVG alike (& < > " '). */
void html_esc(struct cli_buf *b, const char *s);
void html_escf(struct cli_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * An inline chart of w by h pixels: its <title> and <desc> (the text a
 * reader without the picture gets), ids from id.  standalone: a file of
 * its own (the xmlns, a white background).
 */
void svg_open(struct cli_buf *b, const char *id, int w, int h,
	      const char *title, const char *desc, bool standalone);
void svg_close(struct cli_buf *b);

/* A rectangle, its tooltip tip (NULL: none) */
void svg_rect(struct cli_buf *b, double x, double y, double w, double h,
	      const char *fill, const char *tip);
/* A line; dash: a stroke-dasharray ("4 3") or NULL */
void svg_line(struct cli_buf *b, double x1, double y1, double x2, double y2,
	      const char *stroke, double width, const char *dash);
/* Text at x, y; anchor "start", "middle", "end"; size in pixels */
void svg_text(struct cli_buf *b, double x, double y, const char *anchor,
	      int size, const char *fill, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* A polyline or a closed polygon (fill: NULL for a line) of n points */
void svg_poly(struct cli_buf *b, const double *x, const double *y, size_t n,
	      const char *stroke, const char *fill, const char *dash);
void svg_circle(struct cli_buf *b, double x, double y, double r,
		const char *fill, const char *tip);

/*
 * The palettes: Okabe and Ito's eight categorical colours, told apart
 * with every kind of colour blindness; viridis, a sequential ramp that is
 * also ordered in lightness (so in grey print), t from 0 to 1.
 */
const char *svg_category(int i);
void svg_ramp(double t, char *buf, size_t len);
/* Text that reads on a cell of ramp colour t: black or white */
const char *svg_ramp_ink(double t);

#endif
