// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * print_status.c - what status prints, in text and in JSON by the same
 * calls: the machine (kernel, nodes, cpus, vm sysctls, the files that
 * could not be read), every zone with its free blocks per order and
 * migratetype, its fragmentation indices and atomic headroom, and the
 * vmstat-style line of each interval.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "cli.h"
#include "print.h"
#include "words.h"

/*
 * "  nodes 2" after the kernel: in JSON the number, null when not known;
 * in text left out when not known, not printed as -1.
 */
static void print_fact(const char *key, const char *label, long long v)
{
	char fmt[64];

	snprintf(fmt, sizeof(fmt), "  %s%s%s %%lld", cli_c(CLI_DIM), label,
		 cli_c(CLI_RESET));
	print_num(PRINT_ANY, key, fmt, v);
}

/*
 * A row under the orders of a zone, of free block counts or of indices:
 * in text "    label" and a column an order, when the zone has rows; in
 * JSON an array.
 */
static void print_order_row(enum output_type t, const char *key,
			    const char *label, int n,
			    const unsigned long *blocks, const int *index)
{
	if (t & PRINT_JSON)
		open_json_array(key);
	if (t & PRINT_FP)
		print_fp("    %-14s", label);
	for (int o = 0; o < n; o++) {
		if (blocks)
			print_uint(t, NULL, "%7llu", blocks[o]);
		else
			print_index(t, NULL, "%7s", index[o]);
	}
	if (t & PRINT_JSON)
		close_json_array();
	if (t & PRINT_FP)
		print_fp("\n");
}

/* Free blocks per migratetype (/proc/pagetypeinfo), a row a type. */
static void print_types(enum output_type t, const struct pf_zone *z,
			const struct pf_pagetype *pt)
{
	char label[24];

	if (!pt->nr_types) {
		print_null(PRINT_JSON, "free_blocks_by_type", NULL, NULL);
		return;
	}
	open_json_object("free_blocks_by_type");
	for (int k = 0; k < pt->nr_types; k++) {
		snprintf(label, sizeof(label), "  %s", pt->type[k]);
		print_order_row(t, pt->type[k], label, z->nr_orders,
				pt->nr_free[k], NULL);
	}
	close_json_object();
}

static void print_headroom(enum output_type t, const struct pf_zone_status *s)
{
	const char *b = cli_c(CLI_BOLD), *n = cli_c(CLI_RESET);

	open_json_array("atomic_headroom");
	if (t & PRINT_FP)
		print_fp("    %-14s", "atomic headroom");
	for (int o = 0; o < PF_HEADROOM_ORDERS; o++) {
		long h = s->headroom[o];

		if (t & PRINT_FP)
			print_fp("  order %d: %s", o, h == 0 ? b : "");
		if (h < 0)
			print_null(t, NULL, "-", NULL);
		else
			print_int(t, NULL, "%lld", h);
		if (t & PRINT_FP)
			print_fp("%s", h == 0 ? n : "");
	}
	close_json_array();
	if (t & PRINT_FP)
		print_fp("\n");
}

/* One zone: in text its line and its rows, in JSON its object. */
static void print_status_zone(const struct pf_system *sys, int i,
			      const struct pf_zone_status *s)
{
	const struct pf_zone *z = &sys->zones[i];
	const char *b = cli_c(CLI_BOLD), *d = cli_c(CLI_DIM);
	const char *n = cli_c(CLI_RESET);
	/* 2.6.32 and RHEL 6 print no managed count: present stands in */
	bool managed = z->managed >= 0;
	/* an empty zone, or one without buddyinfo, has no rows */
	enum output_type rows =
		z->managed && z->nr_orders ? PRINT_ANY : PRINT_JSON;

	open_json_object(NULL);
	print_zone_keys(z);
	print_fp("\n%snode %d %s%s", b, z->node, z->name, n);
	print_pages(PRINT_FP, NULL, managed ? "  managed %s" : "  present %s",
		    managed ? z->managed : z->present, z->page_kb);
	print_pages(PRINT_FP, NULL, "  free %s", z->free, z->page_kb);
	print_pages(PRINT_FP, NULL, "  min %s", z->min, z->page_kb);
	print_pages(PRINT_FP, NULL, "  low %s", z->low, z->page_kb);
	print_pages(PRINT_FP, NULL, "  high %s", z->high, z->page_kb);
	if (z->boost > 0)
		print_fp("  boost %ld pages", z->boost);
	print_fp("\n");
	if (z->managed == 0)
		print_fp("    %sempty%s\n", d, n);
	if (rows & PRINT_FP) {
		print_fp("    %s%-14s", d, "order");
		for (int o = 0; o < z->nr_orders; o++)
			print_fp("%7d", o);
		print_fp("%s\n", n);
	}
	/* the free blocks are in the zone's keys: a row of text here */
	print_order_row(rows & PRINT_FP, NULL, "free blocks", z->nr_orders,
			z->nr_free, NULL);
	print_types(rows, z, &sys->pagetype[i]);
	print_order_row(rows, "unusable_index", "unusable", s->nr_orders, NULL,
			s->unusable);
	print_order_row(rows, "extfrag_index", "extfrag", s->nr_orders, NULL,
			s->extfrag);
	print_headroom(rows, s);
	close_json_object();
}

/*
 * A file worth naming when it could not be read: not the sosreport
 * stand-ins, not a sysctl this kernel does not have.
 */
static bool worth_saying(const struct pf_sys_source *src)
{
	if (!src->err)
		return false;
	if (!strncmp(src->path, "sos_commands/", 13) ||
	    !strcmp(src->path, "uname"))
		return false;
	return !(src->err == -ENOENT && !strncmp(src->path, "proc/sys/", 9));
}

/* Text: the files worth naming that could not be read, and debugfs. */
static void print_not_read(const struct pf_system *sys)
{
	const char *d = cli_c(CLI_DIM), *n = cli_c(CLI_RESET);
	bool missing = false;

	for (int i = 0; i < sys->nr_sources; i++) {
		const struct pf_sys_source *src = &sys->sources[i];

		if (!worth_saying(src))
			continue;
		print_fp("%s%s %s (%s)", missing ? "," : d,
			 missing ? "" : "not read:", src->path,
			 cli_source_words(src->err));
		missing = true;
	}
	if (missing)
		print_fp("%s\n", n);
	for (int i = 0; i < sys->nr_sources; i++)
		if (sys->sources[i].err == -ENOENT &&
		    !strncmp(sys->sources[i].path, "sys/kernel/debug/", 17)) {
			print_fp("%s(the kernel's own indices need debugfs: "
				 "mount -t debugfs none /sys/kernel/debug)%s\n",
				 d, n);
			break;
		}
}

/* JSON: every file, read or not, and why not. */
static void print_sources(const struct pf_system *sys)
{
	open_json_object("sources");
	open_json_array("read");
	for (int i = 0; i < sys->nr_sources; i++)
		if (!sys->sources[i].err)
			print_string(PRINT_JSON, NULL, NULL,
				     sys->sources[i].path);
	close_json_array();
	open_json_array("missing");
	for (int i = 0; i < sys->nr_sources; i++) {
		if (!sys->sources[i].err)
			continue;
		open_json_object(NULL);
		print_string(PRINT_JSON, "path", NULL, sys->sources[i].path);
		print_string(PRINT_JSON, "error", NULL,
			     cli_source_words(sys->sources[i].err));
		close_json_object();
	}
	close_json_array();
	close_json_object();
}

void print_status(const struct pf_system *sys, const struct pf_zone_status *st)
{
	const struct pf_kver *kv = &sys->kernel;

	open_json_object(NULL);
	print_fp("%skernel%s ", cli_c(CLI_DIM), cli_c(CLI_RESET));
	if (pf_kver_known(kv))
		print_string_opt(PRINT_ANY, "kernel", "%s", kv->str);
	else
		print_null(PRINT_ANY, "kernel", "%s", "unknown");
	print_string(PRINT_JSON, "watermark_era", NULL,
		     pf_wm_era_name(pf_wm_era_of(kv, pf_gfp_layout_of(kv))));
	print_fact("nodes", "nodes", sys->nr_nodes);
	print_fact("cpus", "cpus", sys->nr_cpus);
	open_json_object("sysctl");
	for (int i = 0; i < PF_VM_NR; i++)
		print_fact(pf_vm_sysctl_name(i), pf_vm_sysctl_name(i) + 3,
			   sys->vm[i]);
	close_json_object();
	print_fp("\n");
	print_not_read(sys);
	open_json_array("zones");
	for (int i = 0; i < sys->nr_zones; i++)
		print_status_zone(sys, i, &st[i]);
	close_json_array();
	print_sources(sys);
	close_json_object();
	print_record_end();
}

/* The line of an interval: its rates NAN where not known. */
void print_status_line(const char *when, long long t, double free_mib,
		       const long *headroom, const double *rates)
{
	open_json_object(NULL);
	print_string(PRINT_FP, NULL, "%10s", when);
	print_int(PRINT_JSON, "time", NULL, t);
	print_double(PRINT_FP, NULL, " %9.0f", free_mib);
	print_int(PRINT_JSON, "free_kb", NULL, (long long)(free_mib * 1024));
	open_json_array("atomic_headroom");
	for (int o = 0; o < PF_HEADROOM_ORDERS; o++)
		print_int(PRINT_ANY, NULL, " %7lld", headroom[o]);
	close_json_array();
	open_json_object("rates");
	for (int i = 0; i < PF_NR_COUNTERS; i++) {
		if (!isnan(rates[i]))
			print_double(PRINT_ANY, pf_counter_names[i], " %7.0f",
				     rates[i]);
		else
			print_null(PRINT_ANY, pf_counter_names[i], " %7s", "-");
	}
	close_json_object();
	close_json_object();
	print_fp("\n");
	print_record_end();
}
