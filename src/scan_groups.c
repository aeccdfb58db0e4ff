// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * scan_groups.c - scan's text: the reports grouped by kind (task, order,
 * mode and call site), each kind with its count, what it means, where
 * and when it was seen first and last.  scan -j prints every report
 * instead (print_report.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "print.h"
#include "words.h"

struct group {
	char key[512];
	char task[64], mode[24], mode_names[256], kernel[96], sig[256];
	char meaning[320];
	char first_time[48], last_time[48];
	char hosts[4][64];
	int nr_hosts;
	int order;
	unsigned long gfp_mask;
	unsigned long count, with_meminfo;
	char where[256]; /* source:line of the first one */
	char zones[256]; /* a word on the free memory seen */
};

void cli_report_kind(const struct pf_report *r, char *key, size_t len,
		     char *sig, size_t sig_len)
{
	pf_report_signature(r, sig, sig_len);
	snprintf(key, len, "%s|%d|%s|%s", r->task, r->order, r->mode, sig);
}

static struct group *group_of(struct cli_groups *c, const struct pf_report *r)
{
	char sig[256], key[512];

	cli_report_kind(r, key, sizeof(key), sig, sizeof(sig));
	for (size_t i = 0; i < c->nr; i++)
		if (!strcmp(c->v[i].key, key))
			return &c->v[i];
	if (PF_GROW(c->v, c->alloc, c->nr + 1, 16))
		return NULL;
	{
		struct group *g = &c->v[c->nr++];

		memset(g, 0, sizeof(*g));
		snprintf(g->key, sizeof(g->key), "%s", key);
		snprintf(g->task, sizeof(g->task), "%s", r->task);
		snprintf(g->mode, sizeof(g->mode), "%s", r->mode);
		snprintf(g->sig, sizeof(g->sig), "%s", sig);
		g->order = r->order;
		g->gfp_mask = r->gfp_mask;
		snprintf(g->where, sizeof(g->where), "%s:%lu", r->source,
			 r->line);
		return g;
	}
}

static void group_add(struct group *g, const struct pf_report *r)
{
	g->count++;
	if (!g->first_time[0])
		snprintf(g->first_time, sizeof(g->first_time), "%s", r->time);
	if (r->time[0])
		snprintf(g->last_time, sizeof(g->last_time), "%s", r->time);
	if (!g->kernel[0] && pf_kver_known(&r->kernel))
		snprintf(g->kernel, sizeof(g->kernel), "%s", r->kernel.str);
	if (!g->mode_names[0] && r->gfp_layout &&
	    pf_gfp_format(r->gfp_mask, r->gfp_layout, g->mode_names,
			  sizeof(g->mode_names)) < 0)
		g->mode_names[0] = '\0';
	/* the report that says most gives the meaning */
	if (!g->meaning[0] || r->nr_frames) {
		cli_report_meaning(r, g->meaning, sizeof(g->meaning));
	}
	if (r->nr_zones && !g->zones[0])
		cli_zone_words(r, g->zones, sizeof(g->zones));
	if (r->flags & PF_REPORT_HAS_MEMINFO)
		g->with_meminfo++;
	if (r->host[0]) {
		bool seen = false;

		for (int i = 0; i < g->nr_hosts; i++)
			seen |= !strcmp(g->hosts[i], r->host);
		if (!seen && g->nr_hosts < 4)
			snprintf(g->hosts[g->nr_hosts++], sizeof(g->hosts[0]),
				 "%s", r->host);
	}
}

int cli_groups_add(struct cli_groups *c, const struct pf_report *r)
{
	struct group *g = group_of(c, r);

	if (!g)
		return -ENOMEM;
	group_add(g, r);
	c->nr_reports++;
	return 0;
}

void cli_groups_release(struct cli_groups *c)
{
	free(c->v);
	c->v = NULL;
	c->nr = c->alloc = 0;
}

/* One kind of report: how many, what was asked, where, when. */
static void print_group(const struct group *g)
{
	const char *b = cli_c(CLI_BOLD), *d = cli_c(CLI_DIM);
	const char *n = cli_c(CLI_RESET);
	char sz[32];

	cli_format_size(4096ULL << (g->order < 0 ? 0 : g->order), sz,
			sizeof(sz));
	print_fp("%s%4lux  %s%s  order:%d (%s)  mode:%s%s%s%s\n", b, g->count,
		 g->task[0] ? g->task : "?", n, g->order, sz,
		 g->mode[0] ? g->mode : "?", g->mode_names[0] ? " (" : "",
		 g->mode_names, g->mode_names[0] ? ")" : "");
	print_fp("       %s\n", g->meaning);
	if (g->sig[0])
		print_fp("       %scall site:%s %s\n", d, n, g->sig);
	if (g->kernel[0])
		print_fp("       %skernel:%s %s\n", d, n, g->kernel);
	if (g->zones[0])
		print_fp("       %szones:%s %s\n", d, n, g->zones);
	if (g->nr_hosts) {
		print_fp("       %shost%s:%s", d, g->nr_hosts > 1 ? "s" : "",
			 n);
		for (int h = 0; h < g->nr_hosts; h++)
			print_fp("%s %s", h ? "," : "", g->hosts[h]);
		print_fp("\n");
	}
	if (g->first_time[0]) {
		if (g->count > 1 && strcmp(g->first_time, g->last_time))
			print_fp("       %sfirst:%s %s  %slast:%s %s\n", d, n,
				 g->first_time, d, n, g->last_time);
		else
			print_fp("       %stime:%s %s\n", d, n, g->first_time);
	}
	print_fp("       %sfirst seen at:%s %s%s\n", d, n, g->where,
		 g->with_meminfo ? "" : "  (no Mem-Info)");
	print_fp("\n");
}

void print_groups(const struct cli_groups *c, unsigned long nr_sources)
{
	const char *b = cli_c(CLI_BOLD), *n = cli_c(CLI_RESET);

	print_fp("%s%lu page allocation failure report%s%s in %lu source%s, "
		 "%zu kind%s\n\n",
		 b, c->nr_reports, c->nr_reports == 1 ? "" : "s", n, nr_sources,
		 nr_sources == 1 ? "" : "s", c->nr, c->nr == 1 ? "" : "s");
	for (size_t i = 0; i < c->nr; i++)
		print_group(&c->v[i]);
}
