// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sim_files.c - simulate's time series: the samples kept as a run makes
 * them (ten a simulated second), then written as CSV (--csv) and as an
 * SVG chart of free memory by order against the watermarks (--svg: the
 * report's chart, charts.c, in a file of its own).
 */
#include <errno.h>

#include "charts.h"
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

/* --svg: the chart of the report's simulation (charts.c), a file alone */
int cli_series_svg(const char *path, const struct cli_series *s,
		   const char *title)
{
	struct cli_buf b = { 0 };
	FILE *f;
	int err = 0;

	chart_sim(&b, "simulation", title, s->v, s->nr, SIM_PAGE_KB, true);
	if (b.oom)
		return -ENOMEM;
	f = fopen(path, "w");
	if (!f)
		err = -errno;
	else if (fwrite(cli_buf_str(&b), 1, b.n, f) != b.n)
		err = -EIO;
	if (f && fclose(f) && !err)
		err = -errno;
	cli_buf_release(&b);
	return err;
}
